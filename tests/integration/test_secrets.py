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
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect  # noqa: E402

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
    expect(echoed["params"]["session"] == "<session>", "the echoed session is masked", r)
    expect(echoed["secret"] == "<secret>", "the echoed app secret is masked", r)
    expect("session=<session>" in echoed["raw_body"] or
           "session=%3Csession%3E" in echoed["raw_body"] or "<session>" in echoed["raw_body"],
           "the session in the echoed form body is masked", r)
    r = suite.run("send", "-p", "echo", "topc.test.echo", "-S", "fail=1", "--json")
    out = r.json()
    expect(out["sub_msg"] == "session <session> secret <secret>", "the error's text masked", r)
    h = entries()[0]
    expect(h["sub_msg"] == "session <session> secret <secret>", "history's sub_msg masked")
    r = suite.run("history", "show", str(h["id"]))
    expect("<session>" in r.out, "history show shows the mask", r)
    r = suite.run("send", "-p", "echo", "topc.test.echo", "-S", "a=1", "-v")
    expect("X-Echo-Session: <session>" in r.out, "an echoing header is masked", r)


if __name__ == "__main__":
    suite.main()
