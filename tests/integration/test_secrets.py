#!/usr/bin/env python3
"""Secrets never leave: a hostile gateway on loopback that echoes every
parameter and header back (and the app secret, which TOP knows), a proxy
that wants a password, a gateway URL with a password in it.  What came back
is masked wherever topc stores or prints it; the passwords are masked
wherever a URL is shown and still used for the request.  The canary at the
end runs every command that can see a secret and searches every output and
every file for each secret in every encoding it could take."""
import base64
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, answer_server, expect, top_sign  # noqa: E402

suite = Suite()
STATE = os.path.join(suite.home, "state")
suite.env["XDG_STATE_HOME"] = STATE
# "/" and "+" change under form and JSON encoding, so the echo carries
# them in other spellings than the raw value
SECRET = "canary-SECRET-q7Z9/k+x3"
SESSION = "canary-SESSION-61a4/b0+e2"
PROXY_USER, PROXY_PASS = "puser", "canary-PROXYPW-55e1"
GW_USER, GW_PASS = "guser", "canary-GWPW-93c2"
APP_KEY = "23000077"
suite.env["TOPC_CANARY_SECRET"] = SECRET
suite.env["TOPC_CANARY_SESSION"] = SESSION


def spellings(value):
    """Every form in which a value could come back: raw, form-encoded, JSON."""
    return {value, urllib.parse.quote(value, safe=""), urllib.parse.quote_plus(value),
            json.dumps(value)[1:-1], json.dumps(value)[1:-1].replace("/", "\\/")}


for v in (SECRET, SESSION, PROXY_PASS, GW_PASS):
    for s in spellings(v):
        suite.secret(s)
for user, pw in ((PROXY_USER, PROXY_PASS), (GW_USER, GW_PASS)):
    suite.secret(base64.b64encode(("%s:%s" % (user, pw)).encode()).decode())


class Echo(BaseHTTPRequestHandler):
    """TOP as a hostile peer: answers with everything it was sent, the app
    secret too; as a proxy (an absolute URI) it wants PROXY_PASS first."""
    seen = []  # (proxied, proxy_auth, auth, params)

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        params = {k: v[0] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}
        proxied = self.path.startswith("http://")
        Echo.seen.append((proxied, self.headers.get("Proxy-Authorization"),
                          self.headers.get("Authorization"), params))
        want = "Basic " + base64.b64encode(("%s:%s" % (PROXY_USER, PROXY_PASS)).encode()).decode()
        if proxied and self.headers.get("Proxy-Authorization") != want:
            self.send_response(407)
            self.send_header("Proxy-Authenticate", 'Basic realm="canary"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        echo = {"params": params, "headers": dict(self.headers.items()), "raw_body": body,
                "secret": SECRET, "request_id": "canary%d" % len(Echo.seen)}
        if params.get("fail"):
            answer = {"error_response": {"code": 15, "msg": "echo " + params.get("session", ""),
                                         "sub_code": "isv.canary",
                                         "sub_msg": "session %s secret %s" % (
                                             params.get("session", ""), SECRET),
                                         "request_id": echo["request_id"]}}
        else:
            name = params.get("method", "x.y").split(".", 1)[-1].replace(".", "_") + "_response"
            answer = {name: echo}
        if params.get("slow"):
            time.sleep(float(params["slow"]))
        data = json.dumps(answer).encode()  # ASCII: \u escapes, "/" as is
        self.send_response(200)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("X-Echo-Session", params.get("session", ""))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


echo = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
threading.Thread(target=echo.serve_forever, daemon=True).start()
ECHO = "127.0.0.1:%d" % echo.server_address[1]


def entries():
    r = suite.run("history", "list", "--json", "--limit", "1000")
    return [json.loads(line) for line in r.out.splitlines()]


def stored_headers(entry_id):
    """The answer's headers as the history keeps them, read from the file."""
    db = os.path.join(STATE, "topc", "history.db")
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    row = con.execute("SELECT headers FROM entry_headers WHERE id = ?", (entry_id,)).fetchone()
    con.close()
    return row[0] if row else ""


@suite.test
def profiles():
    suite.profile("echo", gateway="http://%s/router/rest" % ECHO, app_key=APP_KEY,
                  secret_env="TOPC_CANARY_SECRET", session_env="TOPC_CANARY_SESSION")
    suite.profile("viaproxy", gateway="http://%s:%s@%s/router/rest" % (GW_USER, GW_PASS, ECHO),
                  app_key=APP_KEY, secret_env="TOPC_CANARY_SECRET",
                  session_env="TOPC_CANARY_SESSION",
                  proxy="http://%s:%s@%s" % (PROXY_USER, PROXY_PASS, ECHO))


@suite.test
def url_passwords_are_masked_and_used():
    r = suite.run("profiles", "show", "viaproxy")
    expect(r.code == 0, "show", r)
    expect("http://%s:***@%s/router/rest" % (GW_USER, ECHO) in r.out, "gateway shown masked", r)
    expect("http://%s:***@%s" % (PROXY_USER, ECHO) in r.out, "proxy shown masked", r)
    for argv in (("profiles", "list"), ("profiles", "list", "--json"),
                 ("profiles", "check", os.path.join(suite.profiles, "viaproxy.conf"))):
        r = suite.run(*argv)
        expect("%s:***@" % GW_USER in r.out and GW_PASS not in r.out + r.err,
               "masked: " + " ".join(argv), r)
    Echo.seen.clear()
    r = suite.run("send", "-p", "viaproxy", "topc.test.echo", "-S", "a=1", "--json")
    expect(r.code == 0, "sent through the proxy", r)
    proxied, proxy_auth, auth, params = Echo.seen[-1]
    expect(proxied and proxy_auth and auth, "the proxy and the gateway got their passwords")
    expect(base64.b64decode(auth.split()[1]).decode() == "%s:%s" % (GW_USER, GW_PASS),
           "the gateway's userinfo went out as Basic auth")
    expect(r.json()["url"] == "http://%s:***@%s/router/rest" % (GW_USER, ECHO),
           "--json's url masked", r)
    e = entries()[0]
    expect(e["gateway"] == "http://%s:***@%s/router/rest" % (GW_USER, ECHO),
           "the history keeps the URL masked: %r" % e["gateway"])
    # a gateway that is not there: libcurl's error names the URL
    suite.profile("closed", gateway="http://%s:%s@127.0.0.1:9/router/rest" % (GW_USER, GW_PASS),
                  app_key=APP_KEY, secret_env="TOPC_CANARY_SECRET")
    r = suite.run("send", "-p", "closed", "topc.test.echo", "-S", "a=1")
    expect(r.code == 3 and "%s:***@" % GW_USER in r.err, "the error masks the URL", r)


@suite.test
def echoed_secrets_are_masked():
    Echo.seen.clear()
    r = suite.run("send", "-p", "echo", "topc.test.echo", "-S", "a=1")
    expect(r.code == 0 and Echo.seen[-1][3].get("session") == SESSION, "sent with the session", r)
    body = json.loads(r.out)
    echoed = body["test_echo_response"]
    # the answer's labels (***session***, not <session>: inert in JSON and XML)
    expect(echoed["params"]["session"] == "***session***", "the echoed session is masked", r)
    expect(echoed["secret"] == "***secret***", "the echoed app secret is masked", r)
    expect("session=***session***&" in echoed["raw_body"],
           "the session in the echoed form body is masked", r)
    r = suite.run("send", "-p", "echo", "topc.test.echo", "-S", "fail=1", "--json")
    out = r.json()
    expect(out["sub_msg"] == "session ***session*** secret ***secret***", "the error's text masked",
           r)
    h = entries()[0]
    expect(h["sub_msg"] == "session ***session*** secret ***secret***", "history's sub_msg masked")
    r = suite.run("history", "show", str(h["id"]))
    expect("***session***" in r.out, "history show shows the mask", r)
    r = suite.run("send", "-p", "echo", "topc.test.echo", "-S", "a=1", "-v")
    expect("X-Echo-Session: ***session***" in r.out, "an echoing header is masked", r)
    kept = stored_headers(entries()[0]["id"])
    expect("X-Echo-Session: ***session***" in kept and SESSION not in kept,
           "the history keeps the echoing header masked: %r" % kept)


@suite.test
def history_show_prints_the_kept_headers():
    """show -v prints the answer's headers as stored: the echoed session masked."""
    r = suite.run("send", "-p", "echo", "topc.test.echo", "-S", "a=1")
    expect(r.code == 0, "sent", r)
    h = entries()[0]
    r = suite.run("history", "show", str(h["id"]))
    expect(r.code == 0 and "X-Echo-Session" not in r.out, "no headers without -v", r)
    for flag in ("-v", "--verbose"):
        r = suite.run("history", "show", str(h["id"]), flag)
        lines = r.out.splitlines()
        expect(r.code == 0 and "  X-Echo-Session: ***session***" in lines, "the header, masked", r)
        expect("  Content-Type: application/json;charset=UTF-8" in lines, "as the server sent it", r)
        expect(SESSION not in r.out + r.err, "the session never printed", r)
        at = [i for i, line in enumerate(lines) if line.startswith("headers")]
        expect(at and lines.index("  Content-Type: application/json;charset=UTF-8") > at[0],
               "under a headers section", r)
    r = suite.run("history", "show", str(h["id"]), "--json", "-v")
    shown = json.loads(r.out)
    expect("X-Echo-Session: ***session***" in shown["headers"] and SESSION not in r.out and
           shown["id"] == h["id"], "--json -v: the headers as a member", r)
    r = suite.run("history", "show", str(h["id"]), "--json")
    expect("headers" not in json.loads(r.out), "--json alone: no headers", r)
    suite.profile("refused", gateway="http://127.0.0.1:9/router/rest", app_key=APP_KEY,
                  secret_env="TOPC_CANARY_SECRET")
    suite.run("send", "-p", "refused", "topc.test.echo", "-S", "a=1")
    h = entries()[0]
    r = suite.run("history", "show", str(h["id"]), "-v")
    expect(r.code == 0 and h["outcome"] == "transport_error" and
           any(line.startswith("headers") and "none kept" in line for line in r.out.splitlines()),
           "no answer: says none were kept", r)
    r = suite.run("history", "show", str(h["id"]), "--json", "-v")
    expect(json.loads(r.out)["headers"] is None, "--json -v: null when none were kept", r)


# a gateway that answers every request with what fixed_send gives it: what a
# real server wrote, as the tester's reports have it
fixed = answer_server(b"", content_type="application/json")
# the tester's session keys: echoed by the answers below, never shown
XML_SESSION = suite.secret("SessKeyPlugh77")
GO_SESSION = suite.secret("sk&Plugh<77")


def fixed_send(answer, kind, session, *extra, secret=SECRET):
    fixed.answer(answer, content_type=kind)
    suite.profile("fixed", gateway=fixed.url, app_key=APP_KEY, secret_env="TOPC_FIXED_SECRET",
                  session_env="TOPC_FIXED_SESSION")
    return suite.run("send", "-p", "fixed", "topc.test.echo", "-S", "a=1", *extra,
                     env={"TOPC_FIXED_SECRET": secret, "TOPC_FIXED_SESSION": session})


@suite.test
def an_xml_answer_echoing_the_session_still_parses():
    """Tester D1: "<session>" put an unclosed tag into XML answers: exit 3,
    "unparseable", advice blaming the network, instead of code 27."""
    xml = ('<?xml version="1.0" encoding="utf-8" ?><error_response><code>27</code>'
           '<msg>Invalid session:%s</msg><request_id>r</request_id></error_response>')
    for extra in ([], ["--json"]):
        r = fixed_send(xml % XML_SESSION, "text/xml;charset=UTF-8", XML_SESSION, *extra)
        expect(r.code == 1 and "27" in r.out + r.err and "unparseable" not in r.out + r.err,
               "an API error 27, not a transport one", r)
        expect("Invalid session:***session***" in r.out + r.err, "the session masked", r)
    expect(r.json()["outcome"] == "api_error" and r.json()["code"] == 27, "--json's outcome", r)
    h = entries()[0]
    expect(h["outcome"] == "api_error" and h["msg"] == "Invalid session:***session***",
           "the history has the error, masked: %r" % h)
    # an attribute and CDATA too, and the answer still read
    xml = ('<?xml version="1.0"?><error_response code="x%s"><code>27</code>'
           '<msg><![CDATA[session %s]]></msg></error_response>')
    r = fixed_send(xml % (XML_SESSION, XML_SESSION), "text/xml", XML_SESSION, "--json")
    expect(r.code == 1 and r.json()["code"] == 27 and r.json()["msg"] == "session ***session***",
           "CDATA masked, the answer read", r)


@suite.test
def a_go_escaped_echo_is_masked():
    """Tester B2: Go's encoder writes "&<>" as \u0026 \u003c \u003e; the
    decoded session was in the summary, --json, --query and history.db."""
    body = ('{"error_response":{"code":27,"msg":"Invalid session: sk\\u0026Plugh\\u003c77",'
            '"sub_msg":"s\\u006B\\u0026Plugh\\u003C7\\u0037","request_id":"r"}}')
    runs = [fixed_send(body, "application/json", GO_SESSION, *extra)
            for extra in ([], ["--json"], ["--query", ".error_response.msg"], ["-v"])]
    for r in runs:
        expect(r.code == 1 and "sk&Plugh<77" not in r.out + r.err and
               "***session***" in r.out + r.err, "masked", r)
    out = runs[1].json()
    expect(out["msg"] == "Invalid session: ***session***" and out["sub_msg"] == "***session***",
           "--json's msg and sub_msg", runs[1])
    h = entries()[0]
    expect(h["msg"] == "Invalid session: ***session***" and h["sub_msg"] == "***session***",
           "history's columns: %r" % h)
    r = suite.run("history", "show", str(h["id"]))
    expect(r.code == 0 and "***session***" in r.out and "sk&Plugh<77" not in r.out, "show", r)


@suite.test
def short_values_leave_the_answer_alone():
    """Tester D1: session "test" made the key "test_field" "<session>_field",
    secret "true" made "success":true unparseable.  Values that short are
    not masked in answers (they are ordinary text), and `profiles check`
    says so."""
    body = '{"test_echo_response":{"test_field":"a test","success":true}}'
    r = fixed_send(body, "application/json", "test", "--json", secret="true")
    expect(r.code == 0 and r.json()["outcome"] == "success", "a success", r)
    r = fixed_send(body, "application/json", "test", "--query", ".test_echo_response",
                   secret="true")
    got = json.loads(r.out)
    expect(r.code == 0 and got == {"test_field": "a test", "success": True},
           "the answer as sent", r)
    r = suite.run("profiles", "check", os.path.join(suite.profiles, "fixed.conf"),
                  env={"TOPC_FIXED_SECRET": "true", "TOPC_FIXED_SESSION": "test"})
    warned = r.out + r.err
    expect("secret" in warned and "session" in warned and "shorter than 8" in warned and
           "true" not in warned.replace("TOPC_FIXED", ""), "warned, the values not shown", r)


@suite.test
def profile_gateway_expands_without_its_password():
    """Tester B1: ${profile:gateway} put the URL's password into a parameter
    (sent, printed by --dry-run, kept twice in history.db)."""
    r = suite.run("templates", "save", "pgw", "topc.test.echo", "-s",
                  "template_key=${profile:gateway}", "-s", "b=1")
    expect(r.code == 0, "saved", r)
    shown = "http://%s:***@%s/router/rest" % (GW_USER, ECHO)
    r = suite.run("send", "-p", "viaproxy", "-t", "pgw", "--dry-run")
    expect(r.code == 0 and urllib.parse.quote(shown, safe="") in r.out and GW_PASS not in r.out,
           "--dry-run shows the URL masked", r)
    Echo.seen.clear()
    r = suite.run("send", "-p", "viaproxy", "-t", "pgw", "--json")
    expect(r.code == 0 and Echo.seen and Echo.seen[-1][3].get("template_key") == shown,
           "sent as user:***@host: %r" % (Echo.seen[-1][3] if Echo.seen else None), r)
    r = suite.run("history", "show", str(entries()[0]["id"]))
    expect(r.code == 0 and shown in r.out and GW_PASS not in r.out, "the history's values", r)


@suite.test
def a_template_env_value_equal_to_a_secret_is_refused():
    """Tester B3: ${env:VAR} was refused only when VAR was the profile's own
    secret source; the same value under another name went out."""
    secret_file = os.path.join(suite.home, "b3.secret")
    with open(secret_file, "w") as f:
        f.write(SECRET + "\n")
    os.chmod(secret_file, 0o600)
    suite.own_files.add(secret_file)
    suite.profile("b3file", gateway="http://%s/router/rest" % ECHO, app_key=APP_KEY,
                  secret_file=secret_file, session_env="TOPC_CANARY_SESSION")
    # a command source is not run to expand a template: the request refuses it
    suite.profile("b3cmd", gateway="http://%s/router/rest" % ECHO, app_key=APP_KEY,
                  secret_cmd="cat %s" % secret_file)
    r = suite.run("templates", "save", "b3", "topc.test.echo", "-s", "template_key=${env:B3_VALUE}",
                  "-s", "b=1")
    expect(r.code == 0, "saved", r)
    Echo.seen.clear()
    for profile, value, what in (("b3file", SECRET, "app secret"),
                                 ("b3file", "x " + SESSION, "session key"),
                                 ("b3cmd", SECRET, "app secret")):
        for extra in ([], ["--dry-run"]):
            r = suite.run("send", "-p", profile, "-t", "b3", *extra, env={"B3_VALUE": value})
            expect(r.code == 2 and "template_key" in r.err and what in r.err and
                   value not in r.out + r.err, "refused, naming the field (%s)" % profile, r)
    expect(not Echo.seen, "nothing was sent")
    # typed by hand, or through any other way in: refused the same
    r = suite.run("send", "-p", "echo", "topc.test.echo", "-s", "note=" + SECRET)
    expect(r.code == 2 and "parameter note" in r.err and "app secret" in r.err and not Echo.seen,
           "a parameter holding the secret", r)
    # another value still goes
    r = suite.run("send", "-p", "b3file", "-t", "b3", env={"B3_VALUE": "an ordinary value"})
    expect(r.code == 0 and Echo.seen, "an ordinary value is sent", r)


@suite.test
def a_template_env_value_leaves_a_piped_secret_for_signing():
    """Checking ${env:X} against the secrets read a secret_file again: a
    pipe (a FIFO, /dev/fd/N) was used up before signing read it, and the
    send was signed with nothing.  The FIFO gives the secret to its first
    reader and nothing to any later one."""
    fifo = os.path.join(suite.home, "piped.secret")
    os.mkfifo(fifo, 0o600)
    suite.own_files.add(fifo)
    opened = []
    done = threading.Event()

    def feed():
        while not done.is_set():
            with open(fifo, "w") as f:  # blocks until a reader opens it
                if not done.is_set() and not opened:
                    f.write(SECRET + "\n")
                opened.append(1)

    threading.Thread(target=feed, daemon=True).start()
    conf = suite.profile("piped", gateway="http://%s/router/rest" % ECHO, app_key=APP_KEY,
                         secret_file=fifo)
    r = suite.run("templates", "save", "piped", "topc.test.echo", "-s",
                  "note=${env:PIPED_VALUE}", "-s", "b=1")
    expect(r.code == 0, "saved", r)
    Echo.seen.clear()
    try:
        r = suite.run("send", "-p", "piped", "-t", "piped", env={"PIPED_VALUE": "a value of 8+"},
                      timeout=20)
    finally:
        done.set()
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # lets the feeder end
        os.unlink(conf)  # no later command is to wait on the pipe
    expect(r.code == 0 and len(Echo.seen) == 1, "sent", r)
    params = Echo.seen[0][3]
    expect(params.get("note") == "a value of 8+", "the value went out", params)
    expect(params.get("sign") == top_sign(params, SECRET), "signed with the piped secret", params)


LANGS = ("java", "csharp", "php", "python", "node", "c", "curl")


def dry_body(profile):
    r = suite.run("send", "-p", profile, "topc.test.echo", "-S", "a=1", "--dry-run")
    return r.out.strip().split("\n")[-1]


def killed_mid_send():
    """SIGKILL while the answer is on its way: nothing of the secrets left in
    the state folder, and no core file."""
    argv = [suite.topc, "send", "-p", "echo", "topc.test.echo", "-S", "slow=3", "-S", "a=1"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=suite.env, cwd=suite.home)
    for _ in range(200):  # until the request reached the echo
        if any(p.get("slow") for _, _, _, p in Echo.seen):
            break
        time.sleep(0.02)
    with open("/proc/%d/cmdline" % proc.pid, "rb") as f:
        suite.outputs.append(("ps of topc send", f.read().decode("utf-8", "replace")))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=10)
    suite.outputs.append(("killed send", (out + err).decode("utf-8", "replace")))
    expect(proc.returncode == -signal.SIGKILL, "killed")
    expect(not [n for n in os.listdir(suite.home) if n.startswith("core")], "no core file")


@suite.test
def canary_every_command_that_sees_a_secret():
    """Every command that can see the app secret, the session key or a URL
    password, on every path (success, TOP error, transport error, wrong
    secret, kill), then the harness's search of every output and file
    (history.db and its -wal, the state folder, the gateway's inbox and
    log) for each secret in each spelling.  Unmasking any one path fails
    it: the last check below."""
    gw = suite.gateway()  # topc's own, for the signature checks and replays
    for name, secret in (("canary-gw", "TOPC_CANARY_SECRET"), ("canary-wrong", "TOPC_WRONG")):
        suite.profile(name, gateway=gw.url, app_key=APP_KEY, secret_env=secret,
                      session_env="TOPC_CANARY_SESSION")
    gw.stop(suite)
    gw = suite.gateway()  # it reads the loopback profiles' app keys at start
    for name, secret in (("canary-gw", "TOPC_CANARY_SECRET"), ("canary-wrong", "TOPC_WRONG")):
        suite.profile(name, gateway=gw.url, app_key=APP_KEY, secret_env=secret,
                      session_env="TOPC_CANARY_SESSION")
    wrong = {"TOPC_WRONG": suite.secret("canary-WRONG-secret-0d9e")}
    Echo.seen.clear()
    sends = [[], ["--json"], ["-v"], ["--print", "sHBhb"], ["--dry-run"],
             ["--query", ".test_echo_response.params"], ["--expect", ".test_echo_response"],
             ["-S", "fail=1"], ["-S", "fail=1", "--json"], ["-S", "fail=1", "-v"]]
    for p in ("echo", "viaproxy", "canary-gw"):
        for extra in sends:
            suite.run("send", "-p", p, "topc.test.echo", "-S", "a=1", *extra)
        for lang in LANGS:
            suite.run("send", "-p", p, "topc.test.echo", "-S", "a=1", "--export", lang)
    for extra in ([], ["--json"], ["-v"]):
        r = suite.run("send", "-p", "canary-wrong", "topc.test.echo", "-S", "a=1", *extra, env=wrong)
    expect(r.code == 1 and "25" in r.out, "the wrong secret is answered 25", r)
    suite.run("send", "-p", "closed", "topc.test.echo", "-S", "a=1", "-v")
    suite.run("templates", "save", "canary", "topc.test.echo", "-s", "a=${uuid}")
    suite.run("send", "-t", "canary", "-p", "echo", "-v")
    killed_mid_send()
    ids = [str(e["id"]) for e in entries()]
    expect(len(ids) > 20, "the sends are in the history (%d)" % len(ids))
    for i in ids[:3] + ids[-3:]:
        for extra in ([], ["--json"], ["--query", "."]):
            suite.run("history", "show", i, *extra)
        for lang in LANGS:
            suite.run("history", "export", i, "--format", lang)
    suite.run("history", "diff", ids[0], ids[1])
    for argv in (["list"], ["list", "--json"], ["list", "--grep", "canary"],
                 ["export", "--format", "jsonl", "--limit", "1000"],
                 ["export", "--format", "curl", "--limit", "1000"]):
        r = suite.run("history", *argv)
        path = os.path.join(suite.home, "export-%s.txt" % "-".join(argv).replace("-", ""))
        with open(path, "w") as f:  # an exported file, searched as topc's
            f.write(r.out)
    for extra in ([], ["--compare"], ["--json"], ["--exact"], ["-p", "canary-gw"]):
        suite.run("replay", ids[0], ids[1], *extra)
    suite.run("replay", "--from-history", "--history-profile", "echo", "--limit", "3")
    for argv in (["list"], ["list", "--json"], ["check"], ["show", "echo"],
                 ["show", "viaproxy"], ["show", "canary-gw"], ["show", "closed"]):
        suite.run("profiles", *argv)
    body = dry_body("echo")
    for argv in (["-p", "echo", "a=1"], ["-p", "echo", "a=1", "session=x"],
                 ["-p", "echo", "--body", body], ["-p", "echo", "--session", "--body", body],
                 ["-p", "canary-wrong", "--body", body], ["-p", "echo", "--now", "--body", body]):
        suite.run("sign", *argv)
    # armed: the secrets did go out and come back, so a pass means masked
    expect(any(p.get("session") == SESSION for _, _, _, p in Echo.seen), "the echo got the session")
    expect(any(a and base64.b64decode(a.split()[1]).decode().endswith(GW_PASS)
               for _, _, a, _ in Echo.seen), "the echo got the gateway password")
    expect(any(pa for _, pa, _, _ in Echo.seen), "the proxy got its password")
    gw.stop(suite)  # its log is searched too
    suite.check_no_secret_leaked()


if __name__ == "__main__":
    suite.main()
