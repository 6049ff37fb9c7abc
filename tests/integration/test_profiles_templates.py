#!/usr/bin/env python3
"""Profiles, templates and secrets from the command line: `topc profiles`,
`topc templates`, `send -t` with generators, concurrent saves and counters,
retries, and a search of every output and every file topc wrote for the
secret and the session key."""
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect  # noqa: E402

suite = Suite()
SECRET = suite.secret("pt-secret-\u79d8\u5bc6-5c4d3e")
SESSION = suite.secret("pt-session-77aa66bb")
APP_KEY = "23000003"
suite.env["TOPC_PT_SECRET"] = SECRET
suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
SECRET_FILE = os.path.join(suite.home, "secret.txt")
CAMPUS = "alibaba.campus.mc.message.sendmessagetomobile"
JYM = "taobao.jym.message.apppush.send"
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
gw = None


def write(path, text, mode=0o600):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, mode)
    return path


@suite.test
def start():
    global gw
    suite.own_files.add(write(SECRET_FILE, SECRET + "\n"))
    gw = suite.gateway_for({"pt": dict(secret_file=SECRET_FILE, session=SESSION),
                            "pt-env": dict(secret_env="TOPC_PT_SECRET", retries=2,
                                           retry_delay=0.01)}, app_key=APP_KEY)
    os.chmod(os.path.join(suite.profiles, "pt.conf"), 0o600)


@suite.test
def profiles_list_show_reveal():
    r = suite.run("profiles", "list")
    expect(r.code == 0, "list", r)
    for name, origin in [("local", "shipped"), ("production", "shipped"), ("pt", "user")]:
        expect(re.search(r"^%s\s+%s\s" % (name, origin), r.out, re.M), "%s listed" % name, r)
    r = suite.run("profiles", "show", "pt")
    expect(r.code == 0 and "<secret> from file %s (mode 600)" % SECRET_FILE in r.out, "masked", r)
    expect("<session> (inline, line" in r.out, "session masked", r)
    r = suite.run("profiles", "show", "pt", "--reveal")
    expect(r.code == 0 and SECRET in r.out and SESSION in r.out, "revealed on request", r)
    expect("as --reveal asks" in r.err, "says why", r)
    suite.outputs.pop()  # the one output allowed to hold them


@suite.test
def profiles_check_names_every_refusal():
    d = os.path.join(suite.home, "bad-profiles")
    os.makedirs(d)
    base = 'gateway = "https://gw.example.test/router/rest";\napp_key = "1";\n'
    loose = write(os.path.join(d, "loose.secret"), "s3cr3t\n", 0o644)
    cases = {
        "readable-secret-file": (base + 'secret_file = "%s";\n' % loose, 0o600,
                                 None),  # refused when the secret is read, below
        "inline-readable": (base + 'secret = "abc";\n', 0o644,
                            ":3: holds a secret inline but others can read the file; run chmod 600"),
        "unknown-key": (base + 'secret_env = "X";\nsign_metod = "md5";\n', 0o600,
                        ':4: sign_metod: unknown key; did you mean "sign_method"?'),
        "bad-url": ('gateway = "gw.api.taobao.com";\napp_key = "1";\nsecret_env = "X";\n', 0o600,
                    'gateway "gw.api.taobao.com" is not a URL'),
        "bad-sign": (base + 'secret_env = "X";\nsign_method = "sha1";\n', 0o600,
                     ':4: sign_method: must be "md5", "hmac" or "hmac-sha256"'),
        "no-secret": (base, 0o600, "no secret source; add secret_env, secret_file or secret_cmd"),
        "retries": (base + 'secret_env = "X";\nretries = 99;\n', 0o600,
                    ":4: retries: must be a whole number from 0 to 10"),
    }
    for name, (text, mode, needle) in cases.items():
        path = write(os.path.join(d, name + ".conf"), text, mode)
        r = suite.run("profiles", "check", path)
        if needle:
            expect(r.code == 1 and path in r.err and needle in r.err, name, r)
        else:
            expect(r.code == 0, name + " loads", r)
    # the secret file readable by others is refused when the secret is needed
    os.makedirs(suite.profiles, exist_ok=True)
    write(os.path.join(suite.profiles, "loose.conf"),
          'gateway = "%s";\napp_key = "%s";\nsecret_file = "%s";\n' % (gw.url, APP_KEY, loose))
    r = suite.run("send", "taobao.x.y", "-p", "loose")
    expect(r.code == 2 and loose in r.err and "chmod 600" in r.err, "loose secret file", r)
    os.remove(os.path.join(suite.profiles, "loose.conf"))


@suite.test
def profiles_check_lists_every_enum_error():
    # read_enums() returned at the first bad value: sign_method hid format
    # and max_body, so a person fixed one line per run
    d = os.path.join(suite.home, "enum-profiles")
    os.makedirs(d, exist_ok=True)
    path = write(os.path.join(d, "enums.conf"),
                 'gateway = "builtin";\napp_key = "1";\nsecret_env = "X";\n'
                 'sign_method = "sha1";\nformat = "yaml";\nmax_body = 5;\n'
                 'retries = 99;\n')
    r = suite.run("profiles", "check", path)
    for needle in (':4: sign_method: must be "md5", "hmac" or "hmac-sha256"',
                   ':5: format: must be "json" or "xml"',
                   ":6: max_body: must be a number of bytes, at least 1024",
                   ":7: retries: must be a whole number from 0 to 10",
                   ": 4 problems"):
        expect(r.code == 1 and needle in r.err, "every enum error listed: " + needle, r)


@suite.test
def profiles_check_lists_problems_in_line_order():
    # the keys are read in the table's order (secret before sign_method):
    # a person going down the file met line 7 before line 3
    d = os.path.join(suite.home, "order-profiles")
    os.makedirs(d, exist_ok=True)
    path = write(os.path.join(d, "order.conf"),
                 'gateway = "builtin";\nnosuch = 1;\nsign_method = "sha1";\n'
                 'timeout = -5;\nformat = "yaml";\napp_key = "1";\nsecret = 5;\n'
                 'retries = "x";\n')
    r = suite.run("profiles", "check", path)
    lines = [int(m) for m in re.findall(r"^%s:(\d+): " % re.escape(path), r.err, re.M)]
    expect(r.code == 1 and lines == [2, 3, 4, 5, 7, 8], "each line once, in order: %r" % lines, r)
    expect(r.err.rstrip().endswith("no secret source; add secret_env, secret_file or secret_cmd\n"
                                   "%s: 7 problems" % path), "the whole file's last, then the count", r)


@suite.test
def env_generators_read_the_profiles_once_per_expansion():
    # each ${env:..} loaded every profile file on disk to refuse a variable
    # any of them reads its secret from: 20 fields and 30 profiles made 600
    # loads a send.  The list is read once per expansion; the refusal stays.
    import shutil
    if not shutil.which("strace"):
        print("   skipped: no strace to count the opens")
        return
    home = os.path.join(suite.home, "env-once")
    profiles = os.path.join(home, "topc", "profiles")
    templates = os.path.join(home, "topc", "templates")
    os.makedirs(profiles)
    os.makedirs(templates)
    for i in range(30):
        write(os.path.join(profiles, "p%02d.conf" % i),
              'gateway = "builtin";\napp_key = "%d";\nsecret_env = "PT_ONCE_SECRET_%d";\n'
              % (10000000 + i, i))
    values = ",\n".join('  ("f%02d", "${env:PT_ONCE_%d}")' % (i, i) for i in range(20))
    write(os.path.join(templates, "t20.conf"),
          'method = "taobao.topc.once";\nvalues = (\n%s\n);\n' % values)
    env = dict(suite.env, XDG_CONFIG_HOME=home, ASAN_OPTIONS=":".join(
        x for x in (suite.env.get("ASAN_OPTIONS"), "detect_leaks=0") if x))
    env.update({"PT_ONCE_%d" % i: "v%d" % i for i in range(20)})
    trace = os.path.join(suite.home, "env-once.strace")
    r = subprocess.run(["strace", "-f", "-o", trace, "-e", "trace=open,openat", suite.topc,
                        "send", "-t", "t20", "-p", "local", "--dry-run"],
                       env=env, capture_output=True, text=True, timeout=60)
    expect(r.returncode == 0 and "f19=v19" in r.stdout, "expanded", r)
    with open(trace) as f:
        opens = sum(1 for line in f if "p07.conf" in line)
    expect(1 <= opens <= 2, "p07.conf opened once for 20 ${env:..}, not 20 times: %d" % opens)
    # the refusal still reads them: a variable p29 reads its secret from
    write(os.path.join(templates, "t20.conf"),
          'method = "taobao.topc.once";\nvalues = (\n%s,\n  ("g", "${env:PT_ONCE_SECRET_29}")\n);\n'
          % values)
    r = subprocess.run([suite.topc, "send", "-t", "t20", "-p", "local", "--dry-run"],
                       env=dict(env, PT_ONCE_SECRET_29="s" * 32), capture_output=True, text=True)
    expect(r.returncode == 2 and 'profile "p29" reads its secret from PT_ONCE_SECRET_29' in r.stderr,
           "refused, naming the profile", r)


def shipped_profile(name):
    r = suite.run("profiles", "show", name)
    path = re.search(r"^file\s+(\S+)$", r.out, re.M).group(1)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    line = next(i + 1 for i, l in enumerate(lines) if l.startswith("app_key"))
    return path, line, lines


@suite.test
def placeholder_profiles_are_refused():
    # production.conf and sandbox.conf ship with REPLACE-WITH-... app keys:
    # they passed profiles check and a send with them went out
    for name, env in (("production", "TOPC_PRODUCTION_SECRET"), ("sandbox", "TOPC_SANDBOX_SECRET")):
        path, line, _ = shipped_profile(name)
        r = suite.run("profiles", "check", path)
        expect(r.code == 1 and "%s:%d: app_key" % (path, line) in r.err and
               "placeholder" in r.err and "app key TOP issued" in r.err,
               "profiles check names the placeholder, its line and the fix: " + name, r)
        r = suite.run("send", "taobao.x.y", "-p", name, env={env: "not-a-real-secret-9"})
        expect(r.code == 2 and "%s:%d:" % (path, line) in r.err and "placeholder" in r.err and
               "nothing was sent" in r.err, "send refuses the shipped " + name, r)
    r = suite.run("profiles", "check")
    expect(r.code == 1 and "ok %s" % shipped_profile("local")[0] in r.out,
           "check without files: the local profile passes, the placeholders fail", r)
    r = suite.run("send", "topc.test.echo", "-S", "a=1")
    expect(r.code == 0, "the local profile works out of the box", r)
    # a copy pointed at a loopback gateway: nothing reaches it
    path, line, lines = shipped_profile("production")
    text = "\n".join('gateway = "%s";' % gw.url if l.startswith("gateway") else l for l in lines)
    mine = write(os.path.join(suite.profiles, "prod-copy.conf"), text)
    before = len(gw.received())
    for argv in (["send", "taobao.x.y", "-p", "prod-copy"],
                 ["send", "taobao.x.y", "-p", "prod-copy", "--json"]):
        r = suite.run(*argv, env={"TOPC_PRODUCTION_SECRET": "not-a-real-secret-9"})
        expect(r.code == 2 and "%s:%d:" % (mine, line) in r.err + r.out and "placeholder" in r.err + r.out,
               "refused: " + " ".join(argv), r)
    r = suite.run("send", "-p", "pt", "topc.test.echo", "-S", "a=1", "--json")
    expect(r.code == 0, "sent with pt", r)
    entry = str(r.json()["history_id"])
    r = suite.run("replay", entry, "-p", "prod-copy", env={"TOPC_PRODUCTION_SECRET": "x-9"})
    expect(r.code == 2 and "%s:%d:" % (mine, line) in r.err and "placeholder" in r.err,
           "replay refuses the placeholder", r)
    expect(len(gw.received()) == before + 1, "only pt's send reached the gateway")
    # a placeholder secret reference, as the file's comment shows one
    text = "\n".join(l for l in lines if not l.startswith(("app_key", "secret_env")))
    text += '\napp_key = "23000003";\nsecret_file = "/home/you/.config/topc/production.secret";\n'
    write(mine, text)
    r = suite.run("profiles", "check", mine)
    last = len(text.rstrip("\n").split("\n"))
    expect(r.code == 1 and "%s:%d: secret_file" % (mine, last) in r.err and "placeholder" in r.err,
           "a placeholder secret file is reported", r)
    os.remove(mine)


def body_params(dry_run_out):
    body = dry_run_out.strip().split("\n")[-1]
    return {k: v[0] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}


@suite.test
def campus_template_generates_fresh_values():
    r = suite.run("templates", "save", "campus", CAMPUS,
                  "-s", "mobile_receiver_message_event.msg_key=${uuid}",
                  "-s", "mobile_receiver_message_event.event_time_millis=${now_ms}",
                  "-s", "mobile_receiver_message_event.event_type=mobile_receiver",
                  "-s", "mobile_receiver_message_event.source=n${seq}",
                  "-s", "mobile_receiver_message_event.sender=${profile:app_key}",
                  "-s", "mobile_receiver_message_event.action=${env:TOPC_PT_ACTION}",
                  "-d", "campus with generators")
    expect(r.code == 0, "saved", r)
    seen = set()
    for i in range(1, 4):
        before = len(gw.received())
        r = suite.run("send", "-t", "campus", "-p", "pt", "--json", env={"TOPC_PT_ACTION": "act%d" % i})
        expect(r.code == 0 and r.json()["outcome"] == "success", "send %d" % i, r)
        got = gw.received()
        expect(len(got) == before + 1, "arrived")
        ev = json.loads(got[-1]["params"]["mobile_receiver_message_event"])
        expect(UUID4.match(ev["msg_key"]) and ev["msg_key"] not in seen, "fresh uuid", ev)
        seen.add(ev["msg_key"])
        now_ms = int(got[-1]["received_ms"]) if "received_ms" in got[-1] else None
        expect(isinstance(ev["event_time_millis"], int) and ev["event_time_millis"] > 1.7e12,
               "millis now", ev)
        if now_ms:
            expect(abs(now_ms - ev["event_time_millis"]) < 60000, "close to now", ev)
        expect(ev["source"] == "n%d" % i, "seq %d survives restarts" % i, ev)
        expect(ev["sender"] == APP_KEY and ev["action"] == "act%d" % i, "profile and env", ev)
    r = suite.run("send", "-t", "campus", "-p", "pt")
    expect(r.code == 2 and "TOPC_PT_ACTION is not set" in r.err, "env unset", r)
    r = suite.run("send", JYM, "-t", "campus")
    expect(r.code == 2 and "is for %s, not %s" % (CAMPUS, JYM) in r.err, "method mismatch", r)


@suite.test
def overrides_and_listing():
    r = suite.run("send", "-t", "campus", "-p", "pt", "--dry-run",
                  "-s", "mobile_receiver_message_event.msg_key=6f1c7a52-5d2b-4e8f-9a61-0c9d8e7f6a5b",
                  env={"TOPC_PT_ACTION": "x"})
    ev = json.loads(body_params(r.out)["mobile_receiver_message_event"])
    expect(r.code == 0 and ev["msg_key"] == "6f1c7a52-5d2b-4e8f-9a61-0c9d8e7f6a5b", "-s wins", r)
    r = suite.run("templates", "list")
    expect(re.search(r"^campus\s+%s\s+6\s+campus with generators" % re.escape(CAMPUS), r.out, re.M),
           "listed", r)
    r = suite.run("templates", "list", JYM)
    expect("campus" not in r.out, "filtered by method", r)
    r = suite.run("templates", "show", "campus")
    expect("msg_key = ${uuid}   (fresh at each send)" in r.out, "show", r)
    r = suite.run("templates", "save", "bad", CAMPUS, "-s", "mobile_receiver_message_event.msg_kee=1")
    expect(r.code == 2 and "did you mean mobile_receiver_message_event.msg_key?" in r.err, "path", r)
    r = suite.run("templates", "save", "bad", CAMPUS,
                  "-s", "mobile_receiver_message_event.event_time_millis=${nowms}")
    expect(r.code == 2 and "did you mean ${now_ms}?" in r.err, "generator typo", r)
    r = suite.run("templates", "save", "campus", CAMPUS, "-s", "mobile_receiver_message_event.source=x")
    expect(r.code == 2 and "add --force" in r.err, "no silent replace", r)


@suite.test
def unique_literal_warns_on_second_send():
    r = suite.run("templates", "save", "jym", JYM, "-s", "user_id=1", "-s", "message_id=fixed-1",
                  "-s", "template_id=1", "-s", "push_content_dto.title=t")
    expect(r.code == 0, "saved", r)
    r = suite.run("send", "-t", "jym", "-p", "pt")
    expect(r.code == 0 and "warning" not in r.err, "first send quiet", r)
    r = suite.run("send", "-t", "jym", "-p", "pt")
    expect(r.code == 0 and 'message_id "fixed-1" was already sent from template "jym"' in r.err
           and "-s 'message_id=${uuid}'" in r.err, "second send warns and offers ${uuid}", r)
    r = suite.run("templates", "save", "jym", "-t", "jym", "-s", "message_id=${uuid}", "--force")
    expect(r.code == 0, "fixed with the offered command", r)
    for _ in range(2):
        r = suite.run("send", "-t", "jym", "-p", "pt")
        expect(r.code == 0 and "warning" not in r.err, "generated: quiet", r)


@suite.test
def concurrent_saves_lose_nothing():
    env = dict(suite.env)
    procs = []
    for i in range(16):
        argv = [suite.topc, "templates", "save", "par%02d" % i, JYM, "-s", "user_id=%d" % i]
        procs.append(subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    for i in range(6):
        argv = [suite.topc, "templates", "save", "same", JYM, "-s", "user_id=%d" % (100 + i)]
        procs.append(subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    results = [(p.wait(), p.stdout.read().decode(), p.stderr.read().decode()) for p in procs]
    for i in range(16):
        expect(results[i][0] == 0, "par%02d saved" % i, results[i])
        r = suite.run("templates", "show", "par%02d" % i)
        expect("user_id = %d" % i in r.out, "par%02d intact" % i, r)
    same = results[16:]
    ok = [s for s in same if s[0] == 0]
    refused = [s for s in same if s[0] != 0]
    expect(len(ok) == 1 and all("exists" in s[2] and "--force" in s[2] for s in refused),
           "one 'same' saved, the others refused clearly", same)
    r = suite.run("templates", "show", "same")
    expect(re.search(r"user_id = 10[0-5]", r.out), "the saved one is whole", r)
    tdir = os.path.join(suite.home, "config", "topc", "templates")
    expect(not [n for n in os.listdir(tdir) if ".tmp-" in n], "no temporaries left")
    expect(oct(os.stat(tdir).st_mode & 0o777) == "0o700", "folder 0700")
    expect(all(oct(os.stat(os.path.join(tdir, n)).st_mode & 0o777) == "0o600"
               for n in os.listdir(tdir)), "files 0600")


@suite.test
def concurrent_sends_draw_distinct_seq():
    r = suite.run("templates", "save", "counted", "taobao.topc.noform.send", "-s", "n=${seq}")
    expect(r.code == 0, "saved", r)
    procs = [subprocess.Popen([suite.topc, "send", "-t", "counted", "-p", "pt", "--dry-run"],
                              env=suite.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(12)]
    values = sorted(int(body_params(p.communicate()[0].decode())["n"]) for p in procs)
    expect(values == list(range(1, 13)), "1..12 once each", values)


@suite.test
def retries_only_for_isp_and_code_7():
    for fault, code in [("isp", 15), ("ratelimit", 7)]:
        g = suite.gateway_for("pt-retry", fault=fault, app_key=APP_KEY,
                              secret_env="TOPC_PT_SECRET", retries=2, retry_delay=0.01)
        r = suite.run("send", "taobao.x.y", "-p", "pt-retry", "--json")
        o = r.json()
        expect(r.code == 1 and o["code"] == code and o["attempts"] == 3, "%s retried" % fault, r)
        r = suite.run("send", "taobao.x.y", "-p", "pt-retry")
        expect("after 3 attempts" in r.err, "human output says so (on stderr, piped)", r)
        g.stop(suite)
    # isv.*: never retried
    suite.profile("pt-isv", gateway=gw.url, app_key=APP_KEY, secret_env="TOPC_PT_WRONG",
                  retries=3, retry_delay=0.01)
    r = suite.run("send", "taobao.x.y", "-p", "pt-isv", "--json", env={"TOPC_PT_WRONG": "nope"})
    o = r.json()
    expect(o["code"] == 25 and o["attempts"] == 1, "isv not retried", r)
    r = suite.run("send", "taobao.x.y", "-p", "pt", "--json")
    expect(r.json()["attempts"] == 1, "off by default", r)


@suite.test
def every_command_keeps_the_secrets():
    runs = [
        ("send", "taobao.x.y", "-p", "pt"), ("send", "taobao.x.y", "-p", "pt", "--json"),
        ("send", "taobao.x.y", "-p", "pt", "--dry-run"),
        ("send", "taobao.x.y", "-p", "pt", "-s", "sign_method=sha1"),
        ("send", JYM, "-p", "pt", "-s", "user_id=x"),
        ("send", "-t", "jym", "-p", "pt", "--dry-run"),
        ("sign", "-p", "pt", "a=1", "b=2"), ("sign", "-p", "pt", "a=1", "sign=00"),
        ("profiles", "list"), ("profiles", "show", "pt"), ("profiles", "check"),
        ("templates", "list"), ("templates", "show", "jym"),
        ("templates", "save", "leak", JYM, "-s", "user_id=${profile:secret}"),
        ("forms", "list"), ("help", "send"),
    ]
    for argv in runs:
        suite.run(*argv)
    r = suite.run("send", "-t", "jym", "-p", "pt", "-s", "push_content_dto.title=${profile:session}")
    expect(r.code == 2 and "secrets never go into parameters" in r.err,
           "a generator in -s is computed as a template's: the session refused", r)
    r = suite.run("send", "-t", "jym", "-p", "pt", "-s", "push_content_dto.title=$${profile:session}")
    expect(r.code == 0, "$$ sends the text ${profile:session}", r)
    r = suite.run("templates", "save", "leak2", JYM, "-s", "user_id=${profile:secret}")
    expect(r.code == 0, "saving is fine", r)
    r = suite.run("send", "-t", "leak2", "-p", "pt")
    expect(r.code == 2 and "secrets never go into parameters" in r.err, "refused at send", r)


if __name__ == "__main__":
    suite.main()
