#!/usr/bin/env python3
"""Secrets in the console, as a person sees them: the real topc in tmux at
a fixed size.  The signature view (F6) after a send with a session key
shows the mask, never the key; an answer that echoes the session shows the
mask; a profile with a placeholder app key is refused before anything goes
out.  Every screen is searched for the secrets at the end (the harness)."""
import base64
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Suite, expect  # noqa: E402
import console  # noqa: E402

suite = Suite()
SECRET = suite.secret("consec-secret-8d41e2")
SESSION = "consecSESSIONkey73b9a1c4"
# the screen wraps long lines: any third of the key on it is a leak
for part in (SESSION, SESSION[:8], SESSION[8:16], SESSION[16:]):
    suite.secret(part)
APP_KEY = "23000031"
suite.env["TOPC_CS_SECRET"] = SECRET
suite.env["TOPC_CS_SESSION"] = SESSION
suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
suite.env["LANG"] = suite.env["LC_ALL"] = "C.UTF-8"
TMUX = "topc-cs-%d" % os.getpid()
JYM = "taobao.jym.message.apppush.send"
gw = None


tmux = console.Tmux(TMUX)


class Console(console.Console):
    def __init__(self, profile, width=100, height=40):
        super().__init__(suite, tmux, ("TOPC_CS_SECRET", "TOPC_CS_SESSION",
                                       "TOPC_PRODUCTION_SECRET"), width=width, height=height,
                         profile=profile, ready="APIs", timeout=8, line=120)

    def fill_jym(self):
        self.api(JYM)
        self.fill("user_id", "1")
        self.fill("message_id", "m")
        self.fill("template_id", "1")
        self.fill("push_content_dto.title", "t")


class Echo(BaseHTTPRequestHandler):
    """A gateway that answers with every parameter it was sent."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        params = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
        name = params["method"].split(".", 1)[1].replace(".", "_") + "_response"
        data = json.dumps({name: {"echo_session": params.get("session"),
                                  "request_id": "cs1"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@suite.test
def start():
    global gw
    gw = suite.gateway_for("cs", app_key=APP_KEY, secret_env="TOPC_CS_SECRET",
                           session_env="TOPC_CS_SESSION")
    echo = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=echo.serve_forever, daemon=True).start()
    suite.profile("csecho", gateway="http://127.0.0.1:%d/router/rest" % echo.server_address[1],
                  app_key=APP_KEY, secret_env="TOPC_CS_SECRET", session_env="TOPC_CS_SESSION")


@suite.test
def signature_view_masks_the_session():
    with Console("cs") as c:
        c.fill_jym()
        c.keys("F5")
        c.wait("request_id")
        got = [r["params"] for r in gw.received()]
        expect(got and got[-1].get("session") == "<session>",
               "the gateway got a session (its inbox masks it)", got)
        c.keys("F6")
        s = c.wait("canonical string")
        flat = re.sub(r"\s*\n[│x ]*", "", s)
        expect("session<session>" in flat, "the canonical string shows the mask", s)
        expect("session=%3Csession%3E" in flat or "session=<session>" in flat,
               "the body section shows the mask", s)
        for _ in range(30):  # every line of the view, to its end
            c.keys("PageDown")
            c.screen()
        c.keys("Escape")


@suite.test
def an_echoed_session_is_masked_on_screen():
    with Console("csecho") as c:
        c.fill_jym()
        c.keys("F5")
        s = c.wait("echo_session")
        # the answer's label: inert in JSON and XML (<session> broke XML answers)
        expect('"echo_session": "***session***"' in s, "the response pane shows the mask", s)


@suite.test
def a_placeholder_profile_is_refused():
    r = suite.run("profiles", "show", "production")
    shipped = re.search(r"^file\s+(\S+)$", r.out, re.M).group(1)
    with open(shipped, encoding="utf-8") as f:
        lines = f.read().split("\n")
    line = next(i + 1 for i, l in enumerate(lines) if l.startswith("app_key"))
    text = "\n".join('gateway = "http://127.0.0.1:%d/router/rest";' % gw.port
                     if l.startswith("gateway") else l for l in lines)
    path = os.path.join(suite.profiles, "csprod.conf")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    suite.env["TOPC_PRODUCTION_SECRET"] = "not-the-real-one-2"
    before = len(gw.received())
    c = Console("csprod", width=240)  # the status line holds the whole refusal
    try:
        c.fill_jym()
        c.keys("F5")
        s = c.wait("placeholder")
        flat = re.sub(r"\s*\n[│x ]*", "", s)
        expect("csprod.conf:%d: app_key" % line in flat and "nothing was sent" in flat,
               "the refusal names the file, the line and the key", s)
        time.sleep(0.5)
        expect(len(gw.received()) == before, "nothing was sent")
    finally:
        c.close()
        suite.env.pop("TOPC_PRODUCTION_SECRET")


if __name__ == "__main__":
    console.main(suite, tmux, [start])
