"""Minor defects from the tester's report (section G, E2): each test here
failed before its fix."""
import json
import os
import pty
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import EN, ZH, Suite, expect  # noqa: E402

suite = Suite()
DATADIR = os.environ["TOPC_DATADIR"]


@suite.test
def datadir_that_does_not_exist_is_an_error():
    # G16: a typo in TOPC_DATADIR silently used the next candidate
    missing = os.path.join(suite.home, "no-such-datadir")
    r = suite.run("forms", "list", env={"TOPC_DATADIR": missing})
    expect(r.code != 0 and "TOPC_DATADIR" in r.err and missing in r.err
           and "no such folder" in r.err, "a missing TOPC_DATADIR is named", r)
    r = suite.run("version", "--verbose", env={"TOPC_DATADIR": missing})
    expect(r.code == 2 and missing in r.out and "no such folder" in r.out
           and "<- used" not in r.out, "version --verbose shows where it looked", r)


@suite.test
def datadir_without_forms_or_profiles_is_an_error():
    # G16: an existing but empty TOPC_DATADIR listed no forms and no profiles
    empty = os.path.join(suite.home, "empty-datadir")
    os.makedirs(empty, exist_ok=True)
    for cmd in (("forms", "list"), ("profiles", "list")):
        r = suite.run(*cmd, env={"TOPC_DATADIR": empty})
        expect(r.code != 0 and "TOPC_DATADIR=" + empty in r.err
               and "neither forms/ nor profiles/" in r.err, "an empty TOPC_DATADIR", r)
    r = suite.run("version", "--verbose", env={"TOPC_DATADIR": empty})
    expect(r.code == 2 and "neither forms/ nor profiles/" in r.out, "version --verbose", r)
    r = suite.run("version", "--verbose")
    expect(r.code == 0 and "<- used" in r.out and DATADIR in r.out, "the checkout is used", r)


@suite.test
def empty_grep_is_refused():
    # G6: `history list --grep ''` said "no entries"; replay takes the same filter
    for cmd in (("history", "list"), ("history", "export"), ("replay", "--method", "x")):
        r = suite.run(*cmd, "--grep", "")
        expect(r.code == 2 and "--grep" in r.err and "empty" in r.err, "empty --grep", r)
    r = suite.run("history", "list", "--grep", "x")
    expect(r.code == 0, "a non-empty --grep is taken", r)


def console_on_pty(term):
    """topc console on a pseudo-terminal with TERM=term: (exit, all it wrote)."""
    env = dict(suite.env, TOPC_CONSOLE_EXIT_AFTER_DRAW="1")
    env.pop("TERM", None)
    if term is not None:
        env["TERM"] = term
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(suite.topc, [suite.topc, "console"], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


@suite.test
def console_refuses_a_terminal_it_cannot_draw_on():
    # G11: TERM=dumb started the console; an unknown TERM gave ncurses' own error
    for term, why in (("dumb", "cannot move the cursor"), ("unknown-xyz", "no terminfo entry"),
                      ("", "TERM is not set"), (None, "TERM is not set")):
        code, out = console_on_pty(term)
        expect(code == 2 and why in out and "TERM=xterm-256color" in out,
               "TERM=%r refused, saying what to set: %r" % (term, out))
        if term:
            expect("TERM=" + term in out, "TERM named: %r" % out)
        expect("\x1b" not in out, "the terminal untouched (no escape written): %r" % out)
    code, out = console_on_pty("xterm")
    expect(code == 0 and "\x1b[" in out and "APIs" in out, "TERM=xterm draws: %r" % out)


def run_stdin(data, *args):
    p = subprocess.run([suite.topc] + list(args), input=data, capture_output=True,
                       env=suite.env, timeout=60)
    suite.outputs.append((" ".join(args), (p.stdout + p.stderr).decode("utf-8", "replace")))
    return p


@suite.test
def import_doc_reads_the_page_from_stdin():
    # G12: `import-doc -` said "-: cannot open"
    page = os.path.join(DATADIR, "tests", "pages", "taobao.tpn.template.message.send.txt")
    with open(page, "rb") as f:
        text = f.read()
    from_file = suite.run("import-doc", page)
    p = run_stdin(text, "import-doc", "-")
    expect(from_file.code == 0 and p.returncode == 0, "both import: %r" % p.stderr)
    expect(p.stdout.decode() == from_file.out, "the same form from stdin as from the file")
    expect("taobao.tpn.template.message.send" in p.stdout.decode(), "the method", p)
    # the same cap as a file: 8 MiB
    p = run_stdin(text + b" " * (8 << 20), "import-doc", "-")
    expect(p.returncode == 2 and b"standard input: larger than 8 MiB" in p.stderr,
           "an over-large page on stdin is refused: %r" % p.stderr)
    # invalid bytes: the same checks as a file
    bad = text.replace(b"template_key", b"template_\xff\xfekey", 1)
    path = os.path.join(suite.home, "bad-page.txt")
    with open(path, "wb") as f:
        f.write(bad)
    as_file = suite.run("import-doc", path)
    p = run_stdin(bad, "import-doc", "-")
    expect(as_file.code != 0 and p.returncode == as_file.code
           and p.stderr.decode().replace("standard input", path) == as_file.err,
           "invalid bytes on stdin refused as in a file: %r / %r" % (p.stderr, as_file.err))


@suite.test
def secret_file_messages_say_what_it_is():
    # G5: a folder gave "could not be read (over 4096 bytes?)", a link to a
    # mode-640 file "run chmod 600 LINK"
    folder = os.path.join(suite.home, "secret-folder")
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(suite.home, "shared-secret")
    with open(target, "w") as f:
        f.write("s3cr3t-polish-0001\n")
    os.chmod(target, 0o640)
    link = os.path.join(suite.home, "secret-link")
    os.symlink(target, link)
    send = ("send", "-p", "sf", "taobao.tpn.template.message.send", "-s", "template_key=k",
            "-s", "template_id=1", "-s", "user_id=1", "-s", "biz_id=2")
    suite.profile("sf", gateway="http://127.0.0.1:9/router/rest", app_key="1",
                  secret_file=folder)
    r = suite.run(*send)
    expect(r.code != 0 and "is a folder" in r.err and "over 4096" not in r.err, "a folder", r)
    suite.profile("sf", gateway="http://127.0.0.1:9/router/rest", app_key="1",
                  secret_file=link)
    r = suite.run(*send)
    expect(r.code != 0 and "is a link to " + target in r.err and "chmod 600 " + target in r.err
           and "640" in r.err, "a link names its target", r)
    os.chmod(target, 0o600)
    r = suite.run(*send)
    expect("secret file" not in r.err, "a link to a mode-600 file is taken", r)


@suite.test
def error_texts_show_no_doubled_backslash():
    # G8: "biz_data: is not valid JSON: \\u0000 cannot be held in a value"
    r = suite.run("send", "taobao.tpn.template.message.send", "-p", "local", "--dry-run",
                  "-s", "template_key=k", "-s", "template_id=1", "-s", "user_id=1",
                  "-s", "biz_id=2", "-s", 'biz_data={"a":"x\\u0000"}')
    expect(r.code == 2 and "biz_data" in r.err and "U+0000" in r.err and "\\\\" not in r.err,
           "the NUL named without a doubled backslash", r)


# every kind topc_utf8_inert lists, and a few that are not inert
INERT = "\u202e\u200b\u200e\u2066\ufeff\u061c\u00ad\u2060\u007f\u0085"
KEPT = "a\u4e2d\u00e9\U0001f600z"
ANSWER = ('{"jym_message_apppush_send_response":{"t":"%s%s","request_id":"r"}}'
          % (INERT, KEPT)).encode()


@suite.test
def json_output_escapes_inert_characters():
    # E2: `send --json --query` printed a raw U+202E; --json is machine output
    # that lands on terminals too
    suite.env["TOPC_P_SECRET"] = suite.secret("polish-secret-0002")
    suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
    server = suite.answering("inert", ANSWER, app_key="23000031", secret_env="TOPC_P_SECRET")
    want = json.loads(ANSWER)["jym_message_apppush_send_response"]["t"]
    send = ("send", "-p", "inert", "taobao.jym.message.apppush.send", "-s", "user_id=1",
            "-s", "message_id=q-1", "-s", "template_id=1", "-s", "push_content_dto.title=t")
    en, zh = EN, ZH
    try:
        for args, value in (
                (send + ("--json",),
                 lambda o: o["body"]["jym_message_apppush_send_response"]["t"]),
                (send + ("--json", "--query", ".jym_message_apppush_send_response.t"),
                 lambda o: o["query"]["output"].rstrip("\n")),
                (("history", "list", "--json", "--limit", "1"), None),
                (("history", "show"), None)):
            if args[0] == "history" and args[1] == "show":
                args = args + (str(json.loads(suite.run("history", "list", "--json",
                                                        "--limit", "1").out)["id"]), "--json")
            r = suite.run(*args, env=en)
            expect(r.code == 0, "runs", r)
            for ch in INERT:
                expect(ch not in r.out, "U+%04X escaped in %s" % (ord(ch), args), r)
            expect(KEPT in r.out or args[0] == "history", "other characters as they are", r)
            obj = json.loads(r.out)  # valid JSON
            if value:
                expect(value(obj) == want, "the same value: %r" % value(obj))
            if args[1] == "show":
                expect(want in json.dumps(obj, ensure_ascii=False), "the same value", r)
            z = suite.run(*args, env=zh)
            if args[0] == "history":
                continue  # a new entry each send: compared below
            strip = lambda t: "\n".join(l for l in t.splitlines())
            a, b = json.loads(strip(r.out)), json.loads(strip(z.out))
            for o in (a, b):
                for k in ("elapsed_ms", "latency_ms", "time", "id", "entry"):
                    o.pop(k, None)
            expect(sorted(a) == sorted(b), "the same keys in both languages", (r, z))
        r = suite.run("history", "show", "1", "--json", env=en)
        z = suite.run("history", "show", "1", "--json", env=zh)
        expect(r.code == 0 and r.out == z.out, "history show --json: the same bytes", (r, z))
    finally:
        server.shutdown()


suite.main()
