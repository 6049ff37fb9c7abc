#!/usr/bin/env python3
"""The command line in the language of its users (issue 16): messages follow
LANGUAGE / LC_ALL / LC_MESSAGES / LANG, C and English stay English, and what
programs read (--json, exit statuses) never changes with the language."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect  # noqa: E402

suite = Suite()
ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
EN = {"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
HAVE_ZH = "zh_cn.utf8" in subprocess.run(["locale", "-a"], capture_output=True,
                                         text=True).stdout.lower().replace("-", "")


def need_zh():
    expect(HAVE_ZH, "the zh_CN.UTF-8 locale is installed (scripts/deps.sh generates it)")


@suite.test
def messages_in_chinese_under_zh_cn():
    need_zh()
    r = suite.run("nosuchcommand", env=ZH)
    expect(r.code == 2, "a usage error keeps its exit status", r)
    expect("没有命令" in r.err and "nosuchcommand" in r.err, "the message is Chinese", r)
    expect("no command" not in r.err, "and not English", r)


@suite.test
def each_way_of_choosing_the_language():
    need_zh()
    for env in ({"LC_ALL": "zh_CN.UTF-8", "LANG": "C.UTF-8"},
                {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C.UTF-8", "LC_ALL": ""},
                {"LANGUAGE": "zh_CN", "LANG": "C.UTF-8", "LC_ALL": ""}):
        r = suite.run("nosuchcommand", env=env)
        expect("没有命令" in r.err, "Chinese with %s" % env, r)


@suite.test
def c_and_english_stay_english():
    for env in (EN, {"LANG": "C", "LC_ALL": "", "LANGUAGE": ""},
                {"LC_ALL": "C", "LANG": "zh_CN.UTF-8", "LANGUAGE": ""}):
        r = suite.run("nosuchcommand", env=env)
        expect('no command "nosuchcommand"' in r.err, "English with %s" % env, r)


@suite.test
def machine_output_does_not_change_with_the_language():
    need_zh()
    for args in (["history", "list", "--json"], ["forms", "list", "--json"]):
        en = suite.run(*args, env=EN)
        zh = suite.run(*args, env=ZH)
        expect(en.code == zh.code, "same exit status for %s" % args, (en, zh))
        expect(en.out == zh.out, "byte-identical stdout for %s" % args, (en, zh))


if __name__ == "__main__":
    suite.main()
