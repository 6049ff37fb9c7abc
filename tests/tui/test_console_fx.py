#!/usr/bin/env python3
"""The console's effects as a person uses them, in tmux (issue 15), on the
views of view.h: the history's replay marks, the diff of a replay against
its origin (side by side, unified at 80x24), and the language picker that
copies an entry as SDK code through OSC 52 (the raw escape captured with
tmux's pipe-pane, decoded, compared with topc history export's output);
the query line over the response pane (values live as the expression is
typed, the one chosen copied through OSC 52: its base64 decoded and
compared with the value Python reads from the answer the test's own gateway
sent); the response pane's folds (with wrapping, the cursor, search, G, the
raw body).

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


JYM = ["taobao.jym.message.apppush.send", "-s", "user_id=1526984087476772",
       "-s", "message_id=wetgeh4yhgsg", "-s", "template_id=1", "-s", "push_content_dto.title=标题",
       "-s", "push_content_dto.content=内容",
       "-s", "push_content_dto.push_redirect_url_dto.redirect_url=http://www.jiaoyimao.com"]


def console(width=120, height=40, profile="con"):
    c = tc.Console(width=width, height=height, profile=profile)
    tc.tmux("set", "-g", "set-clipboard", "on")
    return piped(c)


def piped(c):
    """The pane's output from now on, raw, into RAW."""
    if os.path.exists(RAW):
        os.unlink(RAW)
    tc.tmux("pipe-pane", "-O", "-t", "c", "cat >> '%s'" % RAW)
    return c


def raw():
    """What the console wrote to its terminal so far (pipe-pane)."""
    time.sleep(0.3)
    try:
        with open(RAW, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def copied_since(before, timeout=5):
    """The texts of the OSC 52 sequences written after `before` bytes, base64
    decoded, each once (inside tmux the same text goes twice: plain, and
    wrapped for tmux's passthrough)."""
    end = time.monotonic() + timeout
    while True:
        out = raw()[before:]
        found = [base64.b64decode(m).decode("utf-8")
                 for m in re.findall(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", out)]
        if found or time.monotonic() > end:
            return list(dict.fromkeys(found))
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
JSON = dict(content_type="application/json")  # how the answer servers answer


def answering(profile, body, **keys):
    """A profile whose gateway on loopback answers body; keys: more of its
    settings (format, max_body)."""
    if profile not in servers:
        servers[profile] = suite.answering(profile, body, answer=JSON, **tc.CON, **keys)
    return profile


class Answers:
    """A gateway on loopback answering each request with the body at the
    head of its list (the last one stays): the second answer of a replay
    differs from the first as a partner's fix would make it."""

    def __init__(self, profile, bodies):
        self.server = suite.answering(profile, *bodies, answer=JSON, **tc.CON)


def jym_answer(msg, request_id, devices=30):
    return json.dumps({"jym_message_apppush_send_response": {
        "result": {"result": True, "success": True, "state_code": "SUCCESS", "extra_err_msg": msg,
                   "pushed": [{"device": "d%02d" % i} for i in range(devices)]},
        "request_id": request_id}}, ensure_ascii=False).encode()


def last_id():
    r = suite.run("history", "list", "--json", "--limit", "1")
    expect(r.code == 0, "history list", r)
    return json.loads(r.out.splitlines()[0])["id"]


def answer_console(**kw):
    """A console whose profile's gateway sends ANSWER."""
    return console(profile=answering("fxq", json.dumps(ANSWER, ensure_ascii=False)), **kw)


def send_answer(c):
    tc.send_jym(c)
    c.focus("response")


@suite.test
def replay_marked_by_its_comparison():
    with console() as c:
        tc.send_jym(c)
        c.focus("history")
        c.keys("g", "r")
        s = c.wait(re.compile(r"\d+ = \d\d:\d\d"))
        rows = [line for line in s.splitlines() if re.search(r"\d\d:\d\d:\d\d ok jym", line)]
        expect(len(rows) >= 2, "the send and its replay listed", s)
        expect(re.search(r"\b\d+ = \d\d:\d\d:\d\d ok jym", rows[0]) is not None,
               "the replay (newest) is marked = (the same answer but request_id)", s)
        expect(re.search(r"\b\d+ \d\d:\d\d:\d\d ok jym", rows[1]) is not None,
               "its origin, never compared, has no mark", s)


@suite.test
def replay_marked_and_diffed_side_by_side():
    gw = Answers("conalt", [jym_answer("成功", "rid-one"), jym_answer("已推送", "rid-two")])
    try:
        r = suite.run("send", "-p", "conalt", *JYM)
        expect(r.code == 0, "the first answer", r)
        origin = last_id()
        r = suite.run("replay", str(origin), "--compare")
        expect(r.code != 0 and "changed" in r.out + r.err, "replay --compare: changed", r)
        replay = last_id()
        expect(replay != origin, "the replay is an entry of its own")
    finally:
        gw.server.shutdown()
    with console(width=120, profile="conalt") as c:
        c.focus("history")
        c.keys("g")
        s = c.wait(re.compile(r"\b%d ~ \d\d:\d\d:\d\d ok jym" % replay))
        expect("differs from its origin" in s, "the status line explains the mark ~", s)
        c.keys("D")
        s = c.wait("against its origin")
        expect("entry %d against its origin %d: changed, 1 changed" % (replay, origin) in s,
               "the title: the verdict and how many fields changed", s)
        expect(re.search(r'~ \S*\.result\.extra_err_msg\s+"成功"\s+'
                         r'"已推送"', s), "side by side, the changed field marked ~", s)
        expect(re.search(r"entry %d \(before\)\s+entry %d \(now\)" % (origin, replay), s),
               "the columns say which entry is which", s)
        # coloured as a person sees it: the changed row bold, the equal rows not
        e = tc.tmux("capture-pane", "-p", "-e", "-t", "c").stdout
        changed = [l for l in e.splitlines() if "extra_err_msg" in l]
        equal = [l for l in e.splitlines() if "pushed[0].device" in l]
        expect(changed and equal and re.search(r"\x1b\[1m(\x1b\[[0-9;]*m)*~ ", changed[0])
               and "\x1b[1m" not in equal[0].split("│", 1)[-1],
               "the changed field's row is highlighted (bold), an equal one is not", e)
        c.keys("G")
        s = c.wait(re.compile(r"line \d+-(\d+) of \1\b"))
        expect(re.search(r'  \S*\.result\.success\s+true\s+true', s),
               "an equal field unmarked", s)
        expect(re.search(r'# \S*\.request_id\s+"rid-one"\s+"rid-two"', s),
               "request_id shown as ignored (#)", s)
        c.keys("Escape")
        c.keys("j")  # the origin: no replay
        c.keys("D")
        c.wait("is no replay")
    with console(width=80, height=24, profile="conalt") as c:
        c.focus("history")
        c.keys("g", "D")
        s = c.wait("against its origin")
        expect(re.search(r'- jym_message_apppush_send_response\.result\.extra_err_msg: "成功"', s) and
               re.search(r'\+ jym_message_apppush_send_response\.result\.extra_err_msg: "已推送"', s),
               "unified at 80x24: the old value -, the new one +", s)
        m = re.search(r"line 1-(\d+) of (\d+)", s)
        expect(m, "the pager's line X of Y", s)
        c.keys("G")
        s = c.wait(re.compile(r"line \d+-%s of %s" % (m.group(2), m.group(2))))
        expect(re.search(r'# \S*\.request_id: "rid-one" -> "rid-', s), "the ignored request_id at the end", s)
        expect('pushed[0].device' not in s, "scrolled: the first rows are gone", s)
        c.keys("g")
        s = c.wait("line 1-")
        expect('pushed[0].device' in s, "back at the top", s)
        c.keys("NPage")
        s = c.wait(re.compile(r"line (?!1-)\d+-\d+ of"))
        c.keys("Escape")
        c.wait("F5 send")


@suite.test
def replay_diff_reads_answers_kept_whole():
    """An answer over history_body_max is kept whole in a file with
    history_body_file = true: D compares it whole, as replay --compare does;
    without the file it is compared cut, and the status line says so."""
    for profile, whole in (("fxwhole", True), ("fxcut", False)):
        # over 1024 bytes, history_body_max below
        gw = Answers(profile, [jym_answer("成功", "rid-one", 100),
                               jym_answer("已推送", "rid-two", 100)])
        with open(os.path.join(suite.profiles, profile + ".conf"), "a") as f:
            f.write("history_body_max = 1024;\n%s" % ("history_body_file = true;\n" if whole else ""))
        try:
            r = suite.run("send", "-p", profile, *JYM)
            expect(r.code == 0, "the first answer", r)
            origin = last_id()
            r = suite.run("replay", str(origin), "--compare")
            expect(r.code != 0, "replay --compare: changed", r)
        finally:
            gw.server.shutdown()
        with console(width=120, profile=profile) as c:
            c.focus("history")
            c.keys("g", "D")
            s = c.wait("against its origin")
            if whole:
                expect("compared cut" not in s, "kept whole: no warning", s)
                expect(re.search(r'~ \S*\.result\.extra_err_msg\s+"成功"\s+"已推送"', s),
                       "the whole answers compared field by field", s)
            else:
                expect("compared cut" in s, "kept cut: the status line says so", s)
                expect(not re.search(r'~ \S*\.result\.extra_err_msg', s),
                       "a cut answer is no JSON: no field of it", s)


SESSION_KEY = suite.secret("fx-session-\u4f1a\u8bdd-6100")
suite.env["TOPC_C_SESSION"] = SESSION_KEY


@suite.test
def language_picker_copies_the_entry_as_code():
    # a profile with a session key: neither it nor the secret may be copied
    suite.profile("consess", gateway="http://127.0.0.1:%d/router/rest" % tc.gw.port,
                  app_key=tc.APP_KEY, secret_env="TOPC_C_SECRET", session_env="TOPC_C_SESSION")
    with tc.console.Console(suite, tc.tmux, ("TOPC_C_SECRET", "TOPC_C_SESSION"), width=120,
                            height=40, profile="consess") as c:
        tc.send_jym(c)
        c.focus("history")
        c.keys("g")
        for n, lang in enumerate(("java", "csharp", "php", "python", "node", "c", "curl")):
            piped(c)
            c.keys("x")
            s = c.wait("as code: Enter copies")
            entry = int(re.search(r"entry (\d+) as code", s).group(1))
            for _ in range(n):
                c.keys("j")
            c.keys("Enter")
            s = c.wait("copied")
            m = re.search(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", raw())
            expect(m, "%s: the OSC 52 escape in the pane's output" % lang, raw())
            copied = base64.b64decode(m.group(1))
            r = suite.run("history", "export", str(entry), "--format", lang)
            expect(r.code == 0, "history export %s" % lang, r)
            expect(copied == r.out.encode(), "%s: the copy is topc history export's output, "
                   "byte for byte" % lang, copied)
            expect(b"\x1bPtmux;\x1b\x1b]52;c;" + m.group(1) + b"\x07\x1b\\" in raw(),
                   "and again through tmux's passthrough ($TMUX is set)", raw())
            expect(tc.SECRET.encode() not in copied and SESSION_KEY.encode() not in copied,
                   "no secret, no session key in the %s copy" % lang, copied)
            expect(lang == "curl" or b"TOP_SESSION_KEY" in copied,
                   "the %s code reads the session key from the environment" % lang, copied)
            expect(b"JymMessageApppushSend" in copied or b"taobao.jym.message.apppush.send" in copied,
                   "the %s code is this request's" % lang, copied)
        # the palette's export_form: the form itself, a preview, as send --export writes it
        for n, lang in ((0, "java"), (4, "node"), (6, "curl")):
            piped(c)
            c.keys("C-p")
            c.type("export_form")
            c.keys("Enter")
            c.wait("the form as code (a preview)")
            for _ in range(n):
                c.keys("j")
            c.keys("Enter")
            c.wait("copied")
            m = re.search(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", raw())
            expect(m, "%s: the form's OSC 52 escape" % lang, raw())
            copied = base64.b64decode(m.group(1))
            r = suite.run("send", "-p", "consess", "taobao.jym.message.apppush.send", "-s", "user_id=1",
                          "-s", "message_id=m", "-s", "template_id=1", "-s", "push_content_dto.title=t",
                          "--export", lang)
            expect(r.code == 0, "send --export %s" % lang, r)
            expect(copied == r.out.encode(), "%s: the form's copy is topc send --export's output"
                   % lang, copied)
            expect(tc.SECRET.encode() not in copied and SESSION_KEY.encode() not in copied,
                   "no secret, no session key in the form's %s copy" % lang)



@suite.test
def query_line_shows_values_live_and_copies_one():
    with answer_console() as c:
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
        before = len(raw())
        c.keys("Enter")
        c.wait("copied")
        expect(copied_since(before) == [items[1]["name"]], "the second name copied (OSC 52)",
               raw()[before:])
        c.keys("C-u")
        c.type(".jym_message_apppush_send_response.request_id")
        c.wait("value 1 of 1")
        before = len(raw())
        c.keys("Enter")
        want = ANSWER["jym_message_apppush_send_response"]["request_id"]
        c.wait("copied %d bytes" % len(want.encode()))
        expect(copied_since(before) == [want], "the request_id copied", raw()[before:])
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


@suite.test
def query_line_bad_and_runaway_expressions():
    with answer_console() as c:
        send_answer(c)
        c.keys("|")
        c.type(".[].")  # does not compile: jq's error, the console goes on
        s = c.wait("jq:")
        expect("value" not in body_rows(s)[0], "no values under an error", s)
        # an error quoting an escape: drawn as its code, never written out
        before = len(raw())
        c.keys("C-u")
        c.type(r'error("\u001b]52;c;SGVsbG8=\u0007")')
        s = c.wait("jq: \\x1B]52;c;SGVsbG8=\\x07")  # the error's ESC and BEL as their codes
        expect(b"\x1b]52;c;SGVsbG8=" not in raw()[before:], "the escape stayed inert", s)
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


@suite.test
def query_line_on_an_xml_answer():
    with console(profile=answering("fxx", XML_ANSWER, format="xml")) as c:
        send_answer(c)
        c.keys("z")
        c.wait("only a JSON answer folds")
        c.keys("|")
        c.wait("type an XPath expression")
        c.type("//msg_id")
        want = ET.fromstring(XML_ANSWER).find("./result/msg_id").text
        s = c.wait("value 1 of 1")
        expect(body_rows(s)[1] == want, "the element's text", s)
        before = len(raw())
        c.keys("Enter")
        c.wait("copied")
        expect(copied_since(before) == [want], "copied", raw()[before:])
        c.type("[")
        c.wait(re.compile(r"XPath|xpath|expression"))
        s = c.screen()
        expect("value 1 of" not in s, "a bad XPath shows its error, no values", s)


@suite.test
def query_line_reruns_on_a_new_answer():
    with console() as c:  # the local gateway: each answer has its own request_id
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


@suite.test
def query_line_keeps_the_keyboard_while_a_big_answer_is_read():
    items = [{"num_iid": i, "title": "\u6807\u9898 title %d" % i, "price": "%d.00" % i}
             for i in range(250000)]
    big = {"jym_message_apppush_send_response": {"result": {"items": items}, "request_id": RID}}
    with console(profile=answering("fxbig", json.dumps(big, ensure_ascii=False), max_body=64 << 20)) as c:
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


def matching_close(rows, at):
    """The row that closes the object or array opened on rows[at], by its
    indentation (the re-indenter's two spaces a level)."""
    indent = len(rows[at]) - len(rows[at].lstrip())
    for k in range(at + 1, len(rows)):
        r = rows[k]
        if len(r) - len(r.lstrip()) == indent and r.lstrip()[:1] in "}]":
            return k
    raise AssertionError("no closing line for %r in %r" % (rows[at], rows))


def send_answer_unfolded(c):
    """send_answer, then the answer as the response pane shows it unfolded
    (in a pane tall enough for all of it): the screen, its line count and
    its lines."""
    send_answer(c)
    s = c.wait(re.compile(r"line 1 of (\d+)"))
    total = int(re.search(r"line 1 of (\d+)", s).group(1))
    return s, total, body_rows(s)[:total]


def cursor_to(c, rows, at):
    c.keys("g")
    for _ in range(at):
        c.keys("j")
    c.wait("line %d of" % (at + 1))


@suite.test
def response_folds_and_unfolds():
    with answer_console(height=60) as c:
        s, total, full = send_answer_unfolded(c)
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


@suite.test
def fold_with_wrapped_lines_at_80x24():
    with answer_console(width=80, height=24) as c:
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


@suite.test
def search_opens_the_fold_holding_a_match():
    with answer_console(height=60) as c:
        s, total, full = send_answer_unfolded(c)
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


if __name__ == "__main__":
    tc.console.main(suite, tc.tmux, [tc.start_gateways])
