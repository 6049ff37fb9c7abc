#!/bin/sh
# Installs the Debian/Ubuntu packages topc needs to build and test, only
# those missing.  Sourced by scripts/run and scripts/test.
TOPC_PACKAGES="gcc pkg-config meson ninja-build python3 tmux valgrind
  libcurl4-openssl-dev libssl-dev libcjson-dev libconfig-dev libmicrohttpd-dev
  libxml2-dev libcmocka-dev libncurses-dev zlib1g-dev libsqlite3-dev clang libclang-rt-dev clang-format
  libjq-dev
  default-jdk-headless mono-mcs mono-runtime php-cli nodejs"
# The last line: the tools test_export.py checks the exported SDK code with.

topc_install_deps() {
    missing=""
    for p in $TOPC_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    echo "topc: installing$missing" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}
