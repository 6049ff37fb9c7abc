#!/usr/bin/env python3
"""The option tables (src/cli/cli_table.c) that --help, the man page, the
completions and every command's parser read: no two options of a command
share a code, a letter or a name (a merge once gave --export and --strict
one code, so --strict exported)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect  # noqa: E402

suite = Suite()


def commands():
    r = suite.run("--help", env={"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": ""})
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


if __name__ == "__main__":
    suite.main()
