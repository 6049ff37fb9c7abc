"""Shared helpers for topc's integration tests.

Each test file builds a Suite, registers test functions with @suite.test,
and calls suite.main().  Tests drive the real `topc` binary (its path is
argv[1]) against `topc gateway` processes on loopback, in a private
XDG_CONFIG_HOME.  Every stdout and stderr topc produces is kept, and the
suite fails if any secret registered with suite.secret() appears in them.
The last line printed is "N passed, N failed".
"""
import datetime
import email.utils
import hashlib
import hmac
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


# The environments of a reader in Chinese and of one in English (topc's
# messages follow LANGUAGE, LC_ALL, LC_MESSAGES, LANG), and whether this
# machine has the zh_CN.UTF-8 locale (scripts/deps.sh generates it).
ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
EN = {"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
HAVE_ZH = "zh_cn.utf8" in subprocess.run(["locale", "-a"], capture_output=True,
                                         text=True).stdout.lower().replace("-", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def canonical(params):
    """TOP's string to sign, computed here independently of topc."""
    return "".join(n + v for n, v in sorted(params.items(), key=lambda p: p[0].encode())
                   if v != "" and n != "sign")


def top_sign(params, secret, method=None):
    method = method or params.get("sign_method", "md5")
    key, msg = secret.encode(), canonical(params).encode()
    if method == "md5":
        return hashlib.md5(key + msg + key).hexdigest().upper()
    digest = hashlib.md5 if method == "hmac" else hashlib.sha256
    return hmac.new(key, msg, digest).hexdigest().upper()


def signed_post(url, params, secret):
    """params, with a timestamp (GMT+8) and their md5 sign, POSTed to url
    form-encoded as the SDKs post them, past any proxy; the answer's JSON."""
    p = dict(params)
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    p["timestamp"] = now.strftime("%Y-%m-%d %H:%M:%S")
    p["sign"] = top_sign(p, secret, "md5")
    req = urllib.request.Request(url, data=urllib.parse.urlencode(p).encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(req, timeout=10) as resp:
        return json.loads(resp.read().decode())


class Result:
    def __init__(self, argv, proc, elapsed):
        self.argv, self.code, self.elapsed = argv, proc.returncode, elapsed
        self.out, self.err = proc.stdout, proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return "exit %d\n--- stdout\n%s\n--- stderr\n%s" % (self.code, self.out, self.err)



def po_catalog(path=None):
    """{msgid: msgstr} of po/zh_CN.po, read without gettext: the expected
    Chinese of the language tests."""
    path = path or os.path.join(os.path.dirname(__file__), "..", "..", "po", "zh_CN.po")
    out, key, entry = {}, None, {}
    with open(path, encoding="utf-8") as f:
        for raw in list(f) + ["\n"]:
            line = raw.strip()
            if not line or line.startswith("#"):
                if entry.get("msgid") and entry.get("msgstr"):
                    out[entry["msgid"]] = entry["msgstr"]
                if not line:
                    entry, key = {}, None
                continue
            if line.startswith('"'):
                entry[key] += eval(line)
            else:
                key, _sp, rest = line.partition(" ")
                entry[key] = eval(rest)
    return out


def c_format(fmt, *args):
    """printf's %s, %d, %u, %zu, %lld, %.0s and %N$s, as glibc fills them."""
    seq = iter(args)

    def one(m):
        if m.group(0) == "%%":
            return "%"
        value = args[int(m.group(1)) - 1] if m.group(1) else next(seq)
        return "" if m.group(2) == ".0" else str(value)
    return re.sub(r"%%|%(?:(\d+)\$)?(\.0)?(?:ll|l|z)?[sdu]", one, fmt)

class _Answer(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server = self.server
        with server.lock:
            body = server.bodies.pop(0) if len(server.bodies) > 1 else server.bodies[0]
            server.served += 1
        self.send_response(server.status)
        self.send_header("Content-Type", server.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def date_time_string(self, timestamp=None):
        return email.utils.formatdate(time.time() + self.server.clock_s, usegmt=True)

    def log_message(self, *args):
        pass


class AnswerServer(ThreadingHTTPServer):
    """See answer_server."""
    daemon_threads = True

    def answer(self, *bodies, status=200, content_type="application/json;charset=UTF-8",
               clock_s=0):
        """From the next POST on: the next of bodies (bytes or str; the last
        one repeats), with HTTP status and this Content-Type, its Date header
        clock_s off this machine's clock."""
        with self.lock:
            self.bodies = [b.encode() if isinstance(b, str) else b for b in bodies]
            self.status, self.content_type, self.clock_s = status, content_type, clock_s

    @property
    def url(self):
        return "http://127.0.0.1:%d/router/rest" % self.server_port

    def __exit__(self, *exc):
        """`with answer_server(...) as server:` stops it when the block ends."""
        self.shutdown()
        self.server_close()


def answer_server(*bodies, **answer):
    """A server on loopback, in a thread of its own, that answers each POST
    as AnswerServer.answer(*bodies, **answer) says (HTTP 200 and the next of
    bodies by default); answer() again changes it, served counts the POSTs.
    Returns the AnswerServer: url, server_port, and shutdown() stops it."""
    server = AnswerServer(("127.0.0.1", 0), _Answer)
    server.lock, server.served = threading.Lock(), 0
    server.answer(*bodies, **answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def wait_for(what, fn, timeout=10):
    """fn()'s first true value, asked every 50 ms for timeout s."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = fn()
        if got:
            return got
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


class Gateway:
    def __init__(self, suite, fault=None, port=None, args=()):
        self.port = port or free_port()
        self.inbox = os.path.join(suite.home, "inbox-%d.jsonl" % self.port)
        argv = [suite.topc, "gateway", "--listen", "127.0.0.1:%d" % self.port, "--inbox", self.inbox]
        if fault:
            argv += ["--fault", fault]
        argv += list(args)
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=suite.env, text=True)
        self.url = self.proc.stdout.readline().strip()
        suite.gateways.append(self)
        if not self.url.startswith("http://127.0.0.1:"):
            raise AssertionError("gateway did not start: %r %s" % (self.url, self.proc.stderr.read()))

    def received(self):
        if not os.path.exists(self.inbox):
            return []
        with open(self.inbox, encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    def stop(self, suite):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                out, err = self.proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                out, err = self.proc.communicate()
            suite.outputs.append(("gateway stop", out + err))


class Held:
    """A topc process Suite.held started: proc, entries (the history entries
    it had kept, as they were then), and end() to stop it or wait for it."""

    def __init__(self, suite, args, proc, entries):
        self.suite, self.args, self.proc, self.entries = suite, args, proc, entries

    @property
    def pid(self):
        return self.proc.pid

    def end(self, sig=None, timeout=30):
        """Sends sig (if any), waits for the end; (exit status, stdout,
        stderr), the output decoded and kept for the secret search."""
        if sig is not None:
            self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=timeout)
        out, err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
        self.suite.outputs.append((" ".join(self.args) + " (held)", out + err))
        return self.proc.returncode, out, err


class Suite:
    def __init__(self):
        if len(sys.argv) < 2:
            sys.exit("usage: %s PATH-TO-TOPC" % sys.argv[0])
        self.topc = os.path.abspath(sys.argv[1])
        self.tests, self.secrets, self.outputs, self.gateways = [], [], [], []
        self.own_files = set()  # files the tests wrote themselves, secrets and all
        self.home = tempfile.mkdtemp(prefix="topc-it-")
        self.profiles = os.path.join(self.home, "config", "topc", "profiles")
        os.makedirs(self.profiles)
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        # the state folder (history, drafts, counters) under the private HOME
        # too: an XDG_STATE_HOME of the one running the tests was written
        # into, its history read back by the tests
        self.env.pop("XDG_STATE_HOME", None)
        self.env.update({"XDG_CONFIG_HOME": os.path.join(self.home, "config"),
                         "HOME": self.home, "NO_COLOR": "1"})

    def test(self, fn):
        self.tests.append(fn)
        return fn

    def secret(self, value):
        self.secrets.append(value)
        return value

    def profile(self, name, **keys):
        """Writes a user profile; values are written as libconfig literals."""
        lines = []
        for k, v in keys.items():
            if isinstance(v, bool):
                lines.append("%s = %s;" % (k, "true" if v else "false"))
            elif isinstance(v, (int, float)):
                lines.append("%s = %s;" % (k, v))
            else:
                lines.append("%s = %s;" % (k, json.dumps(v, ensure_ascii=False)))
        path = os.path.join(self.profiles, name + ".conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        self.own_files.add(path)
        return path

    def run(self, *args, env=None, timeout=60):
        argv = [self.topc] + list(args)
        full_env = dict(self.env, **(env or {}))
        start = time.monotonic()
        # Bytes, decoded by hand: text mode would turn "\r\n" into "\n".
        proc = subprocess.run(argv, capture_output=True, env=full_env, timeout=timeout)
        proc.stdout = proc.stdout.decode("utf-8", "replace")
        proc.stderr = proc.stderr.decode("utf-8", "replace")
        res = Result(argv, proc, time.monotonic() - start)
        self.outputs.append((" ".join(args), proc.stdout + proc.stderr))
        return res

    def gateway(self, fault=None):
        return Gateway(self, fault)

    def gateway_for(self, profiles, fault=None, args=(), **keys):
        """A `topc gateway` on loopback and the profiles that send to it,
        written first: the gateway learns the app keys from the profiles
        aimed at loopback when it starts.  profiles: a name, or {name: its
        own keys}; keys: the keys they share (app_key, secret_env, ...).
        Returns the Gateway."""
        port = free_port()
        url = "http://127.0.0.1:%d/router/rest" % port
        for name, own in ({profiles: {}} if isinstance(profiles, str) else profiles).items():
            self.profile(name, **dict(keys, gateway=url, **own))
        return Gateway(self, fault=fault, port=port, args=args)

    def entries(self, *filters):
        """`history list --json` with filters: the entries, newest first."""
        r = self.run("history", "list", "--json", "--limit", "100000", *filters)
        expect(r.code == 0, "history list --json", r)
        return [json.loads(line) for line in r.out.splitlines() if line.strip()]

    def held(self, *args, count=1, settle=1.0):
        """topc args started (a send or a replay to a gateway that holds its
        requests back: fault delay:MS), returned once the count history
        entries it keeps before a request leaves are there and settle more
        seconds have passed (the requests on the wire, held).  See Held."""
        before = {e["id"] for e in self.entries()}
        proc = subprocess.Popen([self.topc] + list(args), env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def kept():
            new = [e for e in self.entries() if e["id"] not in before]
            return new if len(new) >= count else None
        new = wait_for("%d new history entries" % count, kept)
        time.sleep(settle)
        return Held(self, args, proc, new)

    def answering(self, name, *bodies, answer=None, **keys):
        """answer_server(*bodies, **answer) and profile name (keys) aimed at
        it; returns the server (shutdown() stops it)."""
        server = answer_server(*bodies, **(answer or {}))
        self.profile(name, gateway=server.url, **keys)
        return server

    def check_no_secret_leaked(self):
        leaks = []
        files = []
        for root, _, names in os.walk(self.home):
            files += [os.path.join(root, n) for n in names
                      if os.path.join(root, n) not in self.own_files]
        for label, text in self.outputs:
            leaks += ["%s in output of: %s" % (s, label) for s in self.secrets if s in text]
        for path in files:
            with open(path, "rb") as f:
                data = f.read()
            leaks += ["%s in file %s" % (s, path) for s in self.secrets if s.encode() in data]
        assert not leaks, "\n".join(leaks)

    def main(self):
        passed = failed = 0

        def one(fn):
            nonlocal passed, failed
            try:
                fn()
                passed += 1
                print("ok   %s" % fn.__name__)
            except Exception:
                failed += 1
                print("FAIL %s" % fn.__name__)
                traceback.print_exc(file=sys.stdout)
            sys.stdout.flush()

        try:
            for fn in self.tests:
                one(fn)
            for g in self.gateways:
                g.stop(self)
            one(self.check_no_secret_leaked)
        finally:
            for g in self.gateways:
                g.stop(self)
            shutil.rmtree(self.home, ignore_errors=True)
        print("%d passed, %d failed" % (passed, failed))
        sys.exit(1 if failed else 0)


def expect(cond, what, result=None):
    if not cond:
        raise AssertionError(what + ("\n%r" % result if result is not None else ""))
