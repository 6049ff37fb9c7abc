#!/bin/sh
# Installs the Debian/Ubuntu packages topc needs to build and test, only
# those missing.  Sourced by scripts/run and scripts/test.
TOPC_PACKAGES="gcc pkg-config meson ninja-build python3 tmux valgrind strace
  libcurl4-openssl-dev libssl-dev libcjson-dev libconfig-dev libmicrohttpd-dev
  libxml2-dev libcmocka-dev libncurses-dev zlib1g-dev libsqlite3-dev clang libclang-rt-dev clang-format
  dpkg-dev bash-completion zsh fish man-db gettext locales
  libjq-dev default-jdk-headless mono-mcs mono-runtime php-cli nodejs"
# libjq-dev: --query; the JDK, mono, php, nodejs: test_export.py checks exports with them

topc_install_deps() {
    missing=""
    for p in $TOPC_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    [ -z "$missing" ] && { topc_install_locale; return 0; }
    echo "topc: installing$missing" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
    topc_install_locale
}

# The Chinese tests need zh_CN.UTF-8 (issue 16); generated once, as root.
topc_install_locale() {
    locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' && return 0
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo sed -i 's/^# *\(zh_CN\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
    grep -q '^zh_CN\.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
    $sudo locale-gen >/dev/null
}
