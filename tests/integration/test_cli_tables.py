#!/usr/bin/env python3
"""The option tables (src/cli/cli_table.c) that --help, the man page, the
completions and every command's parser read: no two options of a command
share a code, a letter or a name (a merge once gave --export and --strict
one code, so --strict exported)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import EN, Suite, expect  # noqa: E402

suite = Suite()


def commands():
    r = suite.run("--help", env=EN)
    block = r.out.split("commands:", 1)[1].split("\n\n", 1)[0]
    return [m.group(1) for m in re.finditer(r"^  ([a-z][a-z-]*) ", block, re.M)]


@suite.test
def every_table_is_free_of_clashes():
    names = commands()
    expect(len(names) >= 10 and "send" in names, "the overview lists the commands", names)
    for name in names:
        r = suite.run(name, "--no-such-option-anywhere")
        expect("internal" not in r.err, "%s: %s" % (name, r.err.strip()), r)
        expect(r.code == 2, "%s refuses an unknown option with the usage status" % name, r)


@suite.test
def each_long_option_reaches_its_own_case():
    # --strict and --export once shared a code: send --strict then exported
    r = suite.run("send", "taobao.tpn.template.message.send", "--strict", "--dry-run",
                  "-s", "template_key=k", "-s", "user_id=1", "-s", "template_id=101",
                  "-s", "biz_id=2")
    expect(r.code == 0 and r.out.startswith("POST "), "--strict --dry-run prints the request", r)


def body_of(r):
    return r.out.rstrip("\n").split("\n")[-1]


@suite.test
def short_and_long_forms_reach_the_same_case():
    # codes come from the option names (CLI_OPTION_TABLE); a short form
    # returns its letter from getopt, which cli_getopt turns into that code
    common = ["-s", "template_key=k", "-s", "template_id=101", "-s", "biz_id=2",
              "-s", "timestamp=2026-11-23 10:00:00", "--dry-run"]
    short = suite.run("send", "taobao.tpn.template.message.send", "-p", "local",
                      "-s", "user_id=1", "-S", "extra=x", *common)
    long_ = suite.run("send", "taobao.tpn.template.message.send", "--profile", "local",
                      "--set", "user_id=1", "--set-raw", "extra=x", *common)
    expect(short.code == 0 and "user_id=1" in body_of(short) and "extra=x" in body_of(short),
           "send -p -s -S: the request holds both values", short)
    expect(body_of(short) == body_of(long_), "send: -p -s -S build what --profile --set "
           "--set-raw build", (short, long_))
    nosuch = suite.run("send", "taobao.tpn.template.message.send", "-p", "nosuch", *common)
    expect(nosuch.code == 2 and "nosuch" in nosuch.err, "-p nosuch names the profile", nosuch)
    for form in (["-s", "template_id=7", "-d", "short", "-f"],
                 ["--set", "template_id=8", "--description", "long", "--force"]):
        r = suite.run("templates", "save", "tablesform", "taobao.tpn.template.message.send",
                      *form)
        expect(r.code == 0, "templates save %s" % " ".join(form), r)
    shown = suite.run("templates", "show", "tablesform")
    expect("long" in shown.out and "8" in shown.out and "short" not in shown.out,
           "the long forms replaced what the short forms saved", shown)


if __name__ == "__main__":
    suite.main()
