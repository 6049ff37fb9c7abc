"""A command line that pipes (issue 14): the body whole and alone on a pipe,
the summary on stderr, --print and -v, colour on a terminal only, NO_COLOR,
-s NAME=@FILE and @-, --json lists, every problem of a profile, suggestions,
aligned columns, and the small refusals.
"""
import json
import os
import pty
import re
import select
import subprocess
import time
import unicodedata
import urllib.parse
import urllib.request

from harness import Gateway, Suite, expect, top_sign

suite = Suite()
SECRET = suite.secret("pipes-secret-9f2c")
APP_KEY = "20000042"
TPN = ["taobao.tpn.template.message.send", "-s", "template_key=k", "-s", "template_id=101",
       "-s", "user_id=1", "-s", "biz_id=2"]
PIPES = dict(app_key=APP_KEY, secret_env="TOPC_PIPES_SECRET")  # profile "pipes"
suite.env["TOPC_PIPES_SECRET"] = SECRET
state = {}


def pipeline(*args, into):
    """topc ARGS | INTO, through a real pipe."""
    topc = subprocess.Popen([suite.topc] + list(args), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=suite.env)
    sink = subprocess.run(into, stdin=topc.stdout, capture_output=True, timeout=60)
    topc.stdout.close()
    err = topc.stderr.read().decode()
    topc.wait(timeout=60)
    return topc.returncode, sink, err


def on_terminal(*args, env=None):
    """Runs topc with stdout and stderr on a pseudo-terminal; its output."""
    master, slave = pty.openpty()
    p = subprocess.Popen([suite.topc] + list(args), stdin=subprocess.DEVNULL, stdout=slave,
                         stderr=slave, env=dict(suite.env, TERM="xterm", **(env or {})))
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        r, _, _ = select.select([master], [], [], 0.5)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif p.poll() is not None:
            break
    p.wait(timeout=30)
    os.close(master)
    text = out.decode("utf-8", "replace")
    suite.outputs.append((" ".join(args), text))
    return p.returncode, text


@suite.test
def send_pipes_into_json_tool():
    code, sink, err = pipeline("send", *TPN, into=["python3", "-m", "json.tool"])
    expect(code == 0 and sink.returncode == 0, "topc | python3 -m json.tool: %s %s" % (sink.stderr, err))
    expect(json.loads(sink.stdout)["tpn_template_message_send_response"]["is_success"] is True,
           sink.stdout)
    expect(err.startswith("success  taobao.tpn.template.message.send  HTTP 200"), "summary on stderr: %r" % err)


@suite.test
def two_megabytes_piped_arrive_whole():
    gw = suite.gateway_for("pipes", fault="huge:2000000", **PIPES)
    code, sink, err = pipeline("send", "taobao.a.b", "-p", "pipes", into=["cat"])
    expect(code == 0, "huge answer: %s" % err)
    got = sink.stdout.rstrip(b"\n")
    # the same request, signed here and posted by Python: the gateway's bytes
    params = {"method": "taobao.a.b", "app_key": APP_KEY, "v": "2.0", "format": "json",
              "sign_method": "md5", "timestamp": time.strftime("%Y-%m-%d %H:%M:%S",
                                                               time.gmtime(time.time() + 8 * 3600))}
    params["sign"] = top_sign(params, SECRET)
    with urllib.request.urlopen(gw.url, urllib.parse.urlencode(params).encode(), timeout=30) as r:
        direct = r.read()
    expect(len(direct) >= 2000000, "python got the big answer: %d" % len(direct))
    expect(len(got) == len(direct), "piped whole: %d bytes, gateway sent %d" % (len(got), len(direct)))
    json.loads(got)
    gw.stop(suite)


@suite.test
def values_from_a_file_and_from_stdin():
    gw = suite.gateway_for("pipes", **PIPES)
    path = os.path.join(suite.home, "content.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("内容 from a file\n")
    p = subprocess.run([suite.topc, "send", "taobao.jym.message.apppush.send", "-p", "pipes",
                        "-s", "user_id=1", "-s", "message_id=m1", "-s", "template_id=1",
                        "-s", "push_content_dto.title=@-", "-s", "push_content_dto.content=@" + path,
                        "-s", "push_content_dto.push_redirect_url_dto.redirect_url=@@x"],
                       input="标题 from stdin\n".encode(), capture_output=True, env=suite.env, timeout=60)
    expect(p.returncode == 0, "send with @: %s" % p.stderr.decode())
    got = json.loads(gw.received()[-1]["params"]["push_content_dto"])
    expect(got["title"] == "标题 from stdin" and got["content"] == "内容 from a file" and
           got["push_redirect_url_dto"]["redirect_url"] == "@x", "values: %r" % got)
    r = suite.run("send", "taobao.a.b", "-p", "pipes", "-s", "x=@/no/such/file")
    expect(r.code == 2 and "/no/such/file" in r.err, "a missing file named", r)
    gw.stop(suite)


@suite.test
def print_chooses_the_parts():
    r = suite.run("send", *TPN, "--print", "H")
    expect(r.code == 0 and r.out.startswith("POST /router/rest HTTP/1.1\n") and "method=" not in r.out
           and "success" not in r.out + r.err, "--print H: request headers only", r)
    r = suite.run("send", *TPN, "--print", "h")
    expect(re.match(r"HTTP/1\.1 200", r.out) and "Content-Type:" in r.out and "{" not in r.out,
           "--print h: answer headers only", r)
    r = suite.run("send", *TPN, "--print", "s")
    expect(r.out.startswith("success  ") and "{" not in r.out and not r.err, "--print s", r)
    r = suite.run("send", *TPN, "-v")
    parts = [r.out.find(x) for x in ["POST /router/rest", "method=taobao.tpn", "success  ",
                                       "HTTP/1.1 200", '{"tpn_template']]
    expect(-1 not in parts and parts == sorted(parts), "-v: request, summary, headers, body in order", r)
    r = suite.run("send", *TPN, "--print", "x")
    expect(r.code == 2 and "'x'" in r.err, "a bad letter refused", r)


@suite.test
def colour_and_pretty_on_a_terminal_only():
    env = dict(suite.env)
    env.pop("NO_COLOR", None)
    saved, suite.env = suite.env, env
    try:
        code, text = on_terminal("send", *TPN)
        expect(code == 0 and "\x1b[32msuccess\x1b[0m" in text, "green on a terminal: %r" % text[:300])
        expect('\n  "tpn_template_message_send_response": {' in text.replace("\r\n", "\n"),
               "re-indented on a terminal: %r" % text[:400])
        code, text = on_terminal("send", *TPN, env={"NO_COLOR": "1"})
        expect(code == 0 and "\x1b[" not in text and "success" in text, "NO_COLOR: %r" % text[:300])
        r = suite.run("send", *TPN)
        expect("\x1b[" not in r.out + r.err and r.out.startswith('{"tpn_template'),
               "no colour, no re-indent down a pipe", r)
    finally:
        suite.env = saved


@suite.test
def lists_as_json():
    forms_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "forms")
    r = suite.run("forms", "list", "--json")
    want = sorted(n[:-5] for n in os.listdir(forms_dir) if n.endswith(".conf"))
    expect(r.code == 0 and sorted(f["method"] for f in r.json()) == want, "forms list --json", r)
    r = suite.run("templates", "list", "--json")
    expect(r.code == 0 and r.json() == [], "no templates: []", r)
    expect(suite.run("templates", "save", "t1", TPN[0], "-s", "template_key=k").code == 0, "save")
    r = suite.run("templates", "list", "--json")
    expect(r.code == 0 and [(t["name"], t["method"], t["values"]) for t in r.json()] == [("t1", TPN[0], 1)],
           "templates list --json", r)
    r = suite.run("profiles", "list", "--json")
    names = [p["name"] for p in r.json()]
    expect(r.code == 0 and {"local", "sandbox", "production", "pipes"} <= set(names), "profiles list --json", r)


@suite.test
def profiles_check_lists_every_problem():
    path = os.path.join(suite.home, "broken.conf")
    with open(path, "w") as f:
        f.write('gateway = "builtin";\napp_kye = "1";\nsign_method = "sha1";\ntimeout = 0;\n'
                'secret_env = "X";\n')
    r = suite.run("profiles", "check", path)
    for line, key in [(2, "app_kye"), (3, "sign_method"), (4, "timeout")]:
        expect("%s:%d: %s:" % (path, line, key) in r.err, "line %d named" % line, r)
    expect('did you mean "app_key"' in r.err and "no app_key" in r.err and r.code == 1, "all of them", r)


@suite.test
def a_near_profile_name_is_suggested():
    r = suite.run("send", *TPN, "-p", "loca")
    expect(r.code == 2 and 'did you mean "local"' in r.err, "-p loca", r)
    r = suite.run("send", *TPN, "-p", "zzzzzzzz")
    expect(r.code == 2 and "did you mean" not in r.err, "nothing near", r)


@suite.test
def replay_refuses_fresh_with_exact_and_never_says_0_per_second():
    r = suite.run("replay", "1", "--fresh", "--exact")
    expect(r.code == 2 and "--fresh" in r.err and "--exact" in r.err, "refused", r)
    gw = suite.gateway_for("pipes", fault="delay:2200", **PIPES)
    r = suite.run("send", "taobao.a.b", "-p", "pipes", "--json")
    entry = r.json()["history_id"]
    r = suite.run("replay", str(entry), "--exact")
    expect("1 replayed in" in r.out and "(0/s)" not in r.out and re.search(r"\(0\.4\d?/s\)", r.out),
           "a slow replay's rate: %r" % r.out, r)
    gw.stop(suite)


@suite.test
def columns_stay_aligned_with_long_names():
    long = "a-profile-with-a-rather-long-name"
    suite.profile(long, gateway="builtin", app_key="10000001", secret="topc-local-demo-secret")
    r = suite.run("profiles", "list")
    rows = [l for l in r.out.splitlines() if l.split()[0] in ("NAME", "local", long, "sandbox")]
    cols = {l.index(l.split()[2]) for l in rows[1:] if "does not load" not in l}
    expect(len(rows) == 4 and len(cols) == 1, "APP_KEY column aligned: %r" % rows, r)
    expect(suite.run("send", *TPN, "-p", long).code == 0, "send with the long name")
    expect(suite.run("send", *TPN).code == 0, "send with local")
    r = suite.run("history", "list", "--limit", "2")
    lines = r.out.splitlines()[1:]  # below the column titles
    starts = {l.index("taobao.tpn") for l in lines}
    expect(len(lines) == 2 and len(starts) == 1 and long in r.out, "method column aligned: %r" % lines, r)


def cells(text):
    """Display cells as a terminal shows them (Python's own Unicode tables,
    not topc's): East Asian wide and fullwidth characters are two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@suite.test
def columns_count_display_cells_with_chinese_names():
    name = "测试环境"
    suite.profile(name, gateway="builtin", app_key="10000001", secret="topc-local-demo-secret")
    r = suite.run("profiles", "list")
    rows = [l for l in r.out.splitlines() if l.split() and l.split()[0] in ("NAME", "local", name)]
    starts = {cells(l[:l.index(l.split()[2])]) for l in rows}
    expect(len(rows) == 3 and len(starts) == 1, "profiles list: APP_KEY at one cell: %r" % rows, r)
    expect(suite.run("send", *TPN, "-p", name).code == 0, "send with the Chinese name")
    expect(suite.run("send", *TPN).code == 0, "send with local")
    r = suite.run("history", "list", "--limit", "2")
    lines = [l for l in r.out.splitlines() if "taobao.tpn" in l]
    starts = {cells(l[:l.index("taobao.tpn")]) for l in lines}
    starts |= {cells(l[:l.index("METHOD")]) for l in r.out.splitlines() if "METHOD" in l}
    expect(len(lines) == 2 and len(starts) == 1 and name in r.out,
           "history list: the method at one cell: %r" % r.out, r)


@suite.test
def gateway_says_once_which_profiles_share_an_app_key():
    for n in ("local-copy-1", "local-copy-2", "local-copy-3"):
        suite.profile(n, gateway="builtin", app_key="10000001", secret="topc-local-demo-secret")
    gw = Gateway(suite)
    gw.proc.terminate()
    _, err = gw.proc.communicate(timeout=10)
    shared = [l for l in err.splitlines() if "app key" in l]
    expect(len(shared) == 1 and all(n in shared[0] for n in ("local-copy-1", "local-copy-3")),
           "one line: %r" % err)



@suite.test
def json_of_a_value_that_is_not_utf8_is_valid_json():
    """A value sent as raw bytes (-S, as a GBK terminal types it) wrote
    those bytes as they were into history list and show --json (send
    --json holds no values): invalid JSON, so one such entry broke `history list --json` for
    every script reading it (Python's json, json.tool).  Each byte that is
    not UTF-8 is written U+FFFD, as a decoder replacing errors reads it."""
    raw = b"ab\xff\xfe"
    want = raw.decode("utf-8", "replace")
    env = dict(suite.env)
    argv = [suite.topc.encode(), b"send", b"taobao.tpn.template.message.send", b"-S",
            b"template_key=" + raw, b"-s", b"template_id=101", b"-s", b"user_id=1", b"-s",
            b"biz_id=2"]
    runs = [subprocess.run(argv + [b"--json"], capture_output=True, env=env, timeout=60)]
    ids = [json.loads(runs[0].stdout.decode("utf-8"))["history_id"]]
    for args in (["history", "list", "--json", "--limit", "1"],
                 ["history", "show", str(ids[0]), "--json"]):
        runs.append(subprocess.run([suite.topc] + args, capture_output=True, env=env, timeout=60))
    for r in runs:
        try:
            doc = json.loads(r.stdout.decode("utf-8").splitlines()[0] if b"list" in r.args
                             else r.stdout.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise AssertionError("%r: not UTF-8 JSON (%s): %r" % (r.args[1:3], e, r.stdout[:300]))
        text = json.dumps(doc, ensure_ascii=False)
        expect(b"send" in r.args or want in text,
               "%r: the value as a decoder reads it, %r" % (r.args[1:3], want), r.stdout[:400])


suite.main()
