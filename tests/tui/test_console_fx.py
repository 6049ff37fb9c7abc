#!/usr/bin/env python3
"""The console's effects as a person uses them, in tmux (issue 15), on the
views of view.h: the history's replay marks, the diff of a replay against
its origin (side by side, unified at 80x24), and the language picker that
copies an entry as SDK code through OSC 52 (the raw escape captured with
tmux's pipe-pane, decoded, compared with topc history export's output).

Reuses test_console.py's Console and gateways (importing it makes its
suite; only this file's tests run)."""
import base64
import http.server
import json
import os
import re
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import test_console as tc  # noqa: E402
from harness import expect  # noqa: E402

suite = tc.suite
suite.tests = [tc.start_gateways]


RAW = os.path.join(suite.home, "pane.raw")
JYM = ["taobao.jym.message.apppush.send", "-s", "user_id=1526984087476772",
       "-s", "message_id=wetgeh4yhgsg", "-s", "template_id=1", "-s", "push_content_dto.title=标题",
       "-s", "push_content_dto.content=内容",
       "-s", "push_content_dto.push_redirect_url_dto.redirect_url=http://www.jiaoyimao.com"]


def console(width=120, height=40, profile="con"):
    return tc.Console(width=width, height=height, profile=profile)


def piped(c):
    """The pane's output from now on, raw, into RAW."""
    if os.path.exists(RAW):
        os.unlink(RAW)
    tc.tmux("pipe-pane", "-O", "-t", "c", "cat >> '%s'" % RAW)
    return c


def raw():
    time.sleep(0.3)
    try:
        with open(RAW, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


class Answers:
    """A gateway on loopback answering each request with the body at the
    head of its list (the last one stays): the second answer of a replay
    differs from the first as a partner's fix would make it."""

    def __init__(self, profile, bodies):
        self.bodies = list(bodies)
        answers = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = answers.bodies[0] if len(answers.bodies) == 1 else answers.bodies.pop(0)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        suite.profile(profile, gateway="http://127.0.0.1:%d/router/rest" % self.server.server_port,
                      app_key=tc.APP_KEY, secret_env="TOPC_C_SECRET")


def jym_answer(msg, request_id):
    return json.dumps({"jym_message_apppush_send_response": {
        "result": {"result": True, "success": True, "state_code": "SUCCESS", "extra_err_msg": msg,
                   "pushed": [{"device": "d%02d" % i} for i in range(30)]},
        "request_id": request_id}}, ensure_ascii=False).encode()


def last_id():
    r = suite.run("history", "list", "--json", "--limit", "1")
    expect(r.code == 0, "history list", r)
    return json.loads(r.out.splitlines()[0])["id"]


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
    c = console(width=120, profile="conalt")
    try:
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
    finally:
        c.close()
    c = console(width=80, height=24, profile="conalt")
    try:
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
    finally:
        c.close()


@suite.test
def language_picker_copies_the_entry_as_code():
    c = console(width=120)
    try:
        tc.fill_jym(c)
        c.keys("F5")
        c.wait("request_id")
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
            expect(tc.SECRET.encode() not in copied, "no secret in the %s copy" % lang, copied)
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
            r = suite.run("send", "-p", "con", "taobao.jym.message.apppush.send", "-s", "user_id=1",
                          "-s", "message_id=m", "-s", "template_id=1", "-s", "push_content_dto.title=t",
                          "--export", lang)
            expect(r.code == 0, "send --export %s" % lang, r)
            expect(copied == r.out.encode(), "%s: the form's copy is topc send --export's output"
                   % lang, copied)
            expect(tc.SECRET.encode() not in copied, "no secret in the form's %s copy" % lang)
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
