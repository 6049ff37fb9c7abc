#!/usr/bin/env python3
"""The console's effects as a person uses them, in tmux (issue 15), on the
views of view.h: the history's replay marks; the query line over the
response pane (values live as the expression is typed, the one chosen
copied through OSC 52: the raw escape captured from the pane's output with
pipe-pane, its base64 decoded and compared with the value Python reads from
the answer the test's own gateway sent); the response pane's folds (with
wrapping, the cursor, search, G, the raw body).

Reuses test_console.py's Console and gateways (importing it makes its
suite; only this file's tests run)."""
import base64
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import test_console as tc  # noqa: E402
from harness import expect  # noqa: E402

suite = tc.suite
suite.tests = [tc.start_gateways]


RAW = os.path.join(tc.suite.home, "pane.raw")


def console(width=120, height=40, profile="con"):
    c = tc.Console(width=width, height=height, profile=profile)
    tc.tmux("set", "-g", "set-clipboard", "on")
    tc.tmux("pipe-pane", "-O", "-t", "c", "cat >> '%s'" % RAW)
    return c


def raw_output():
    """What the console wrote to its terminal so far (pipe-pane)."""
    time.sleep(0.3)
    try:
        with open(RAW, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def copied_since(before, timeout=5):
    """The texts of the OSC 52 sequences written after `before` bytes, base64 decoded."""
    end = time.monotonic() + timeout
    while True:
        out = raw_output()[before:]
        found = [base64.b64decode(m).decode("utf-8")
                 for m in re.findall(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", out)]
        if found or time.monotonic() > end:
            return found
        time.sleep(0.1)


def pane(s, width=120):
    """The response pane's lines: its title, the answer's title, the body rows."""
    left = width * 3 // 10
    lines = [l[left + 1:] if len(l) > left else "" for l in s.splitlines()[:-1]]
    at = max(i for i, l in enumerate(lines) if re.match(r"[ »]response", l))
    return [l.rstrip() for l in lines[at:]]


def body_rows(s, width=120):
    return pane(s, width)[2:]


# The answer the test's gateway sends: a nested object, an array of
# objects, Chinese, a line longer than 80 columns re-indented.
RID = "rid-fx-%d" % os.getpid()
NOTE = "long " + "0123456789" * 25 + " end"
ANSWER = {"jym_message_apppush_send_response": {
    "result": {"success": True, "msg_id": "msg-7Q",
               "items": [{"id": 1, "name": "\u4e00"}, {"id": 2, "name": "\u4e8c"}],
               "note": NOTE},
    "request_id": RID}}
XML_ANSWER = ("<jym_message_apppush_send_response><result><success>true</success>"
              "<msg_id>m-x1</msg_id></result><request_id>rid-x</request_id>"
              "</jym_message_apppush_send_response>")
servers = {}


def answering(profile, body, **keys):
    """A profile whose gateway on loopback answers body; keys: more of its
    settings (format, max_body)."""
    if profile not in servers:
        servers[profile] = tc.loopback_answering(profile, body.encode())
        if keys:
            tc.suite.profile(profile, gateway="http://127.0.0.1:%d/router/rest"
                             % servers[profile].server_port, app_key=tc.APP_KEY,
                             secret_env="TOPC_C_SECRET", **keys)
    return profile


def answer_console(**kw):
    """A console whose profile's gateway sends ANSWER."""
    return console(profile=answering("fxq", json.dumps(ANSWER, ensure_ascii=False)), **kw)


def send_answer(c):
    tc.fill_jym(c)
    c.keys("F5")
    c.wait("jym_message_apppush_send_response")
    c.focus("response")


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


@suite.test
def query_line_shows_values_live_and_copies_one():
    c = answer_console()
    try:
        send_answer(c)
        c.keys("|")
        c.wait("type a jq expression")
        c.type(".jym_message_apppush_send_response.result.items[].nam")
        s = c.wait("value 1 of 2")  # .nam: null for each item, live
        expect(s.count("null") >= 2, "each item's null listed", s)
        c.type("e")
        s = c.wait("\u4e8c")
        rows = body_rows(s)
        items = ANSWER["jym_message_apppush_send_response"]["result"]["items"]
        expect([r for r in rows if r.startswith(items[0]["name"])] and
               [r for r in rows if r.startswith(items[1]["name"])],
               "both names, one per line", s)
        expect(rows[-1] == "| .jym_message_apppush_send_response.result.items[].name",
               "the expression on the pane's last line", s)
        c.keys("Down")
        c.wait("value 2 of 2")
        before = len(raw_output())
        c.keys("Enter")
        c.wait("copied")
        expect(copied_since(before) == [items[1]["name"]], "the second name copied (OSC 52)",
               raw_output()[before:])
        c.keys("C-u")
        c.type(".jym_message_apppush_send_response.request_id")
        c.wait("value 1 of 1")
        before = len(raw_output())
        c.keys("Enter")
        want = ANSWER["jym_message_apppush_send_response"]["request_id"]
        c.wait("copied %d bytes" % len(want.encode()))
        expect(copied_since(before) == [want], "the request_id copied", raw_output()[before:])
        c.keys("Escape")
        s = c.wait('"msg_id": "msg-7Q"')
        expect("[query]" not in s and "| .jym" not in s, "Esc closed the query line", s)
        # the action: ^Y from another pane, and the palette
        c.focus("history")
        c.keys("C-y")
        s = c.wait("type a jq expression")
        expect("»response  [query]" in s, "the response pane took the focus", s)
        c.keys("Escape")
        c.focus("history")
        c.type(":")
        c.wait("action: type to filter")
        c.type("query")
        c.keys("Enter")
        c.wait("type a jq expression")
        c.keys("Escape")
    finally:
        c.close()


@suite.test
def query_line_bad_and_runaway_expressions():
    c = answer_console()
    try:
        send_answer(c)
        c.keys("|")
        c.type(".[].")  # does not compile: jq's error, the console goes on
        s = c.wait("jq:")
        expect("value" not in body_rows(s)[0], "no values under an error", s)
        # an error quoting an escape: drawn as its code, never written out
        before = len(raw_output())
        c.keys("C-u")
        c.type(r'error("\u001b]52;c;SGVsbG8=\u0007")')
        s = c.wait("jq: \\x1B]52;c;SGVsbG8=\\x07")  # the error's ESC and BEL as their codes
        expect(b"\x1b]52;c;SGVsbG8=" not in raw_output()[before:], "the escape stayed inert", s)
        for runaway in ("last(repeat(1))", "last(range(1e9))"):
            c.keys("C-u")
            start = time.monotonic()
            c.type(runaway)
            c.wait("stopped", timeout=15)
            # the keyboard still answers: the line takes a key at once
            c.keys("C-u")
            c.type(".jym_message_apppush_send_response.result.msg_id")
            c.wait("msg-7Q", timeout=10)
            expect(time.monotonic() - start < 12, "%s stopped, then answered in %.1f s"
                   % (runaway, time.monotonic() - start))
        c.keys("C-u")
        c.type("repeat(1)")  # endless values: capped, said so
        c.wait("(more not shown)", timeout=10)
        c.keys("Escape")
        c.wait('"msg_id": "msg-7Q"')
    finally:
        c.close()


@suite.test
def query_line_on_an_xml_answer():
    c = console(profile=answering("fxx", XML_ANSWER, format="xml"))
    try:
        send_answer(c)
        c.keys("z")
        c.wait("only a JSON answer folds")
        c.keys("|")
        c.wait("type an XPath expression")
        c.type("//msg_id")
        want = ET.fromstring(XML_ANSWER).find("./result/msg_id").text
        s = c.wait("value 1 of 1")
        expect(body_rows(s)[1] == want, "the element's text", s)
        before = len(raw_output())
        c.keys("Enter")
        c.wait("copied")
        expect(copied_since(before) == [want], "copied", raw_output()[before:])
        c.type("[")
        c.wait(re.compile(r"XPath|xpath|expression"))
        s = c.screen()
        expect("value 1 of" not in s, "a bad XPath shows its error, no values", s)
    finally:
        c.close()


@suite.test
def query_line_reruns_on_a_new_answer():
    c = console()  # the local gateway: each answer has its own request_id
    try:
        send_answer(c)
        c.keys("|")
        c.type(".jym_message_apppush_send_response.request_id")
        s = c.wait("value 1 of 1")
        first = body_rows(s)[1]
        expect("request_id %s " % first in s, "the answer's request_id", s)
        c.keys("F5")  # sends again, the query line open
        s = c.wait(re.compile(r"entry #\d+"))
        for _ in range(50):
            s = c.screen()
            if "value 1 of 1" in s and body_rows(s)[1] != first:
                break
            time.sleep(0.1)
        second = body_rows(s)[1]
        expect(second != first and "request_id %s " % second in s,
               "the expression ran again on the new answer", s)
    finally:
        c.close()


@suite.test
def query_line_keeps_the_keyboard_while_a_big_answer_is_read():
    items = [{"num_iid": i, "title": "\u6807\u9898 title %d" % i, "price": "%d.00" % i}
             for i in range(250000)]
    big = {"jym_message_apppush_send_response": {"result": {"items": items}, "request_id": RID}}
    c = console(profile=answering("fxbig", json.dumps(big, ensure_ascii=False), max_body=64 << 20))
    try:
        tc.fill_jym(c)
        c.keys("F5")
        c.wait("jym_message_apppush_send_response", timeout=30)
        c.focus("response")
        c.keys("|")
        c.type(".")
        c.type("jym_message_apppush_send_response.request_id")
        # the keys show while the worker still reads the answer
        s = c.wait("| .jym_message_apppush_send_response.request_id", timeout=10)
        expect("reading the answer" in s, "typed on while the answer is read", s)
        c.wait(RID, timeout=60)
    finally:
        c.close()


def matching_close(rows, at):
    """The row that closes the object or array opened on rows[at], by its
    indentation (the re-indenter's two spaces a level)."""
    indent = len(rows[at]) - len(rows[at].lstrip())
    for k in range(at + 1, len(rows)):
        r = rows[k]
        if len(r) - len(r.lstrip()) == indent and r.lstrip()[:1] in "}]":
            return k
    raise AssertionError("no closing line for %r in %r" % (rows[at], rows))


def cursor_to(c, rows, at):
    c.keys("g")
    for _ in range(at):
        c.keys("j")
    c.wait("line %d of" % (at + 1))


@suite.test
def response_folds_and_unfolds():
    c = answer_console(height=60)
    try:
        send_answer(c)
        s = c.wait(re.compile(r"line 1 of (\d+)"))
        total = int(re.search(r"line 1 of (\d+)", s).group(1))
        full = body_rows(s)[:total]
        expect(full[-1] == "}" and len([r for r in full if r]) == total,
               "the whole answer shows unfolded", s)
        at = next(i for i, r in enumerate(full) if r.lstrip().startswith('"result": {'))
        close = matching_close(full, at)
        cursor_to(c, full, at + 2)  # inside the object: z folds it
        c.keys("z")
        s = c.wait("\u2026 %d lines" % (close - at - 1))
        rows = body_rows(s)
        expect(rows[at] == full[at] + " \u2026 %d lines" % (close - at - 1),
               "the line as it came, the marker after it", s)
        expect(rows[:at] == full[:at] and rows[at + 1:at + 1 + total - close] == full[close:],
               "the lines before and after the fold as they were", s)
        expect("line %d of %d" % (at + 1, total) in s, "the cursor on the folded line", s)
        c.keys("G")
        s = c.wait("line %d of %d" % (total, total))
        c.keys("g")
        c.wait("line 1 of %d" % total)
        cursor_to(c, full, at)
        c.keys("z")
        s = c.wait('"msg_id"')
        expect(body_rows(s)[:total] == full, "unfolded: exactly the lines before", s)
        c.keys("Z")  # all: the document's own line hides the rest
        s = c.wait("\u2026 %d lines" % (total - 2))
        expect(body_rows(s)[:2] == ["{ \u2026 %d lines" % (total - 2), "}"], "all folded", s)
        c.keys("Z")
        s = c.wait('"msg_id"')
        expect(body_rows(s)[:total] == full, "all unfolded", s)
        c.keys("v")  # the raw body never folds
        c.wait("[raw]")
        c.keys("z")
        c.wait("do not fold")
    finally:
        c.close()


@suite.test
def fold_with_wrapped_lines_at_80x24():
    c = answer_console(width=80, height=24)
    try:
        send_answer(c)
        c.keys("w")
        s = c.wait("[wrap]")
        total = int(re.search(r"line 1 of (\d+)", s).group(1))
        c.keys("G")
        s = c.wait("line %d of %d" % (total, total))
        rows = [r for r in body_rows(s, 80) if r]
        expect(rows[-1] == "}" and rows[-2] == "  }", "G: the end of the answer shows", s)
        # the long line, wrapped: its parts joined are the value as sent
        c.keys("g", "/")
        c.type("note")
        c.keys("Enter")
        s = c.wait(re.compile(r"line \d+ of %d" % total))
        note_line = int(re.search(r"line (\d+) of", s).group(1)) - 1
        rows = body_rows(s, 80)
        at = next(i for i, r in enumerate(rows) if '"note": ' in r)
        # the pane is 55 columns: every part full but the last
        parts = rows[at:at + 6]
        expect(all(len(p) == 55 for p in parts[:5]) and
               "".join(parts) == '      "note": "%s"' % NOTE, "the long line wraps whole", s)
        # fold the object holding it: the count is of text lines, not rows
        c.keys("z")
        s = c.wait("\u2026")
        m = re.search(r"\u2026 (\d+) lines", s)
        folded_at = int(re.search(r"line (\d+) of", s).group(1)) - 1
        expect(folded_at < note_line, "the cursor on the fold's first line", s)
        expect(NOTE[:20] not in s, "the long line hidden", s)
        # unfolded, then G: the end whole again
        c.keys("z")
        s = c.wait('"success": true')
        expect("\u2026" not in s, "unfolded", s)
        c.keys("n")  # the search again: the long line, whole
        s = c.wait("line %d of" % (note_line + 1))
        expect(NOTE[5:25] in s, "the long line back", s)
        c.keys("G")
        s = c.wait("line %d of %d" % (total, total))
        expect([r for r in body_rows(s, 80) if r][-1] == "}", "G after unfolding", s)
        # the count is of text lines (Python's own indent=2 has the same lines),
        # not of the screen lines the wrapped ones take
        text = json.dumps(ANSWER, indent=2, ensure_ascii=False).split("\n")
        at = next(i for i, r in enumerate(text) if r.lstrip().startswith('"result": {'))
        expect(int(m.group(1)) == matching_close(text, at) - at - 1 and folded_at == at,
               "the hidden count is the object's text lines: %s" % m.group(1))
    finally:
        c.close()


@suite.test
def search_opens_the_fold_holding_a_match():
    c = answer_console(height=60)
    try:
        send_answer(c)
        s = c.wait(re.compile(r"line 1 of (\d+)"))
        total = int(re.search(r"line 1 of (\d+)", s).group(1))
        full = body_rows(s)[:total]
        items = next(i for i, r in enumerate(full) if r.lstrip().startswith('"items": ['))
        items_close = matching_close(full, items)
        c.keys("Z")  # everything folded
        c.wait("{ \u2026 %d lines" % (total - 2))
        c.keys("/")
        c.type("msg-7Q")
        c.keys("Enter")
        s = c.wait("unfolded to show the match")
        msg = next(i for i, r in enumerate(full) if '"msg-7Q"' in r)
        expect("line %d of %d" % (msg + 1, total) in s, "the cursor on the match", s)
        rows = body_rows(s)
        expect(full[msg] in rows, "the match's line shows", s)
        expect(full[items] + " \u2026 %d lines" % (items_close - items - 1) in rows,
               "the fold that does not hold the match stays folded", s)
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
