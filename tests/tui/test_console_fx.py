#!/usr/bin/env python3
"""The console's effects as a person uses them, in tmux (issue 15), on the
views of view.h: the history's replay marks.  (The query line, folds, the
side-by-side diff and the language picker are not ported to the views yet;
their cases come back with them.)

Reuses test_console.py's Console and gateways (importing it makes its
suite; only this file's tests run)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import test_console as tc  # noqa: E402
from harness import expect  # noqa: E402

suite = tc.suite
suite.tests = [tc.start_gateways]


def console(width=120):
    return tc.Console(width=width, height=40)


def send_jym(c):
    tc.fill_jym(c)
    c.keys("F5")
    return c.wait("request_id")


@suite.test
def replay_marked_by_its_comparison():
    c = console()
    try:
        send_jym(c)
        c.focus("history")
        c.keys("g", "r")
        s = c.wait(re.compile(r"\d+ = \d\d:\d\d"))
        rows = [line for line in s.splitlines() if re.search(r"\d\d:\d\d:\d\d ok jym", line)]
        expect(len(rows) >= 2, "the send and its replay listed", s)
        expect(re.search(r"\b\d+ = \d\d:\d\d:\d\d ok jym", rows[0]) is not None,
               "the replay (newest) is marked = (the same answer but request_id)", s)
        expect(re.search(r"\b\d+ \d\d:\d\d:\d\d ok jym", rows[1]) is not None,
               "its origin, never compared, has no mark", s)
    finally:
        c.close()


if __name__ == "__main__":
    if "-k" in sys.argv[2:]:
        pick = sys.argv[sys.argv.index("-k") + 1]
        suite.tests = [tc.start_gateways] + [t for t in suite.tests
                                             if pick in t.__name__ and t is not tc.start_gateways]
    try:
        suite.main()
    finally:
        tc.tmux("kill-server", check=False)
