#!/usr/bin/env python3
"""The console's effects as a person uses them, in tmux (issue 15): the
query line over the response pane and its copy through OSC 52 (the raw
escape captured from the pane's output, and tmux's own paste buffer), the
response pane's folds, the history's replay marks and side-by-side diff,
and the language picker that copies an entry as SDK code.

Reuses test_console.py's Console and gateways (importing it makes its
suite; only this file's tests run)."""
import base64
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import test_console as tc  # noqa: E402
from harness import expect  # noqa: E402

suite = tc.suite
suite.tests = [tc.start_gateways]
RAW = os.path.join(suite.home, "pane.raw")


def console(width=120):
    c = tc.Console(width=width, height=40)
    tc.tmux("set", "-g", "set-clipboard", "on")
    tc.tmux("pipe-pane", "-O", "-t", "c", "cat >> '%s'" % RAW)
    return c


def raw():
    time.sleep(0.3)
    try:
        with open(RAW, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def send_jym(c):
    tc.fill_jym(c)
    c.keys("F5")
    return c.wait("request_id")


@suite.test
def query_line_shows_values_live_and_copies_one():
    c = console()
    try:
        s = send_jym(c)
        m = re.search(r'"request_id": "([^"]+)"', s)
        expect(m, "the answer shows its request_id", s)
        rid = m.group(1)
        c.focus("response")
        c.keys("|")
        c.wait("type a jq expression")
        c.type(".[].request_i")  # a prefix: null, not an error
        c.wait("1 value(s)")
        c.type("d")
        s = c.wait(rid)
        expect("| .[].request_id" in s, "the expression on the pane's last line", s)
        before = raw()
        c.keys("Enter")
        c.wait("copied %d bytes" % len(rid))
        out = raw()[len(before):]
        b64 = base64.b64encode(rid.encode()).decode().encode()
        expect(b"\x1b]52;c;" + b64 + b"\x07" in out, "the OSC 52 escape, base64 of the value", out)
        expect(b"\x1bPtmux;\x1b\x1b]52;c;" + b64 + b"\x07\x1b\\" in out,
               "and tmux's passthrough, since $TMUX is set", out)
        buf = tc.tmux("show-buffer", check=False).stdout
        expect(buf == rid, "tmux took it as its paste buffer: %r" % buf)
        # an expression that does not compile says why; a runaway one stops
        c.keys("C-u")
        c.type(".[].")
        c.wait("jq:")
        c.keys("C-u")
        c.type("last(repeat(1))")
        c.wait("stopped", timeout=10)
        c.keys("Escape")
        s = c.wait("request_id")
        expect("| " not in s.splitlines()[-3], "Esc closed the query line", s)
    finally:
        c.close()


@suite.test
def response_folds_and_unfolds():
    c = console()
    try:
        s = send_jym(c)
        c.focus("response")
        c.keys("g")
        c.keys("z")  # the top line opens the whole answer
        s = c.wait("lines folded")
        expect('"request_id":' not in s, "the answer's lines are hidden", s)
        expect(re.search(r"^.*\{ \.\.\. \d+ lines folded", s, re.M), "the text kept, a count after", s)
        c.keys("z")
        s = c.wait('"request_id":')
        expect("lines folded" not in s, "unfolded", s)
        c.keys("Z")
        s = c.wait("lines folded")
        c.keys("Z")
        c.wait('"request_id":')
    finally:
        c.close()


@suite.test
def replay_marked_and_diffed_side_by_side():
    c = console()
    try:
        send_jym(c)
        c.focus("history")
        c.keys("g", "r")
        s = c.wait(re.compile(r"\d+ = \d\d:\d\d"))
        expect(True, "the replay is marked = (same answer but request_id)", s)
    finally:
        c.close()
    c = console(width=170)  # wide: side by side
    try:
        c.focus("history")
        c.keys("g", "D")
        s = c.wait("fields changed")
        expect("same, 0 of" in s, "the diff's title: same", s)
        expect(re.search(r"result\.success\s+true\s+true", s), "side by side: path, before, now", s)
    finally:
        c.close()
    c = console(width=110)  # narrow: unified
    try:
        c.focus("history")
        c.keys("g", "D")
        s = c.wait("fields changed")
        expect(re.search(r"  jym_message_apppush_send_response\.result\.success: true", s), "unified", s)
        c.focus("history")
        c.keys("G", "D")
        c.wait("is no replay")
    finally:
        c.close()


@suite.test
def language_picker_copies_the_entry_as_code():
    c = console()
    try:
        send_jym(c)
        c.focus("history")
        c.keys("g", "x")
        s = c.wait("csharp")
        for lang, text in (("java", "new DefaultTaobaoClient(url, appkey, secret"),
                           ("php", "$c = new TopClient;")):
            if lang == "php":
                c.keys("x")
                c.wait("csharp")
                c.keys("Down", "Down")
            c.keys("Enter")
            c.wait("copied")
            buf = tc.tmux("show-buffer", check=False).stdout
            expect(text in buf and "JymMessageApppushSend" in buf and tc.SECRET not in buf,
                   "%s code on the clipboard" % lang, buf)
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
