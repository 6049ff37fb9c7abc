#!/usr/bin/env python3
"""`topc sign`: canonical strings and signatures against Python's, checking
a captured request's sign, and never printing the secret."""
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, canonical, expect, top_sign  # noqa: E402

suite = Suite()
VECTORS = os.path.join(os.path.dirname(__file__), "..", "vectors", "sign.json")
EXAMPLE = ["method=taobao.item.seller.get", "app_key=12345678", "session=test",
           "timestamp=2016-01-01 12:00:00", "format=json", "v=2.0", "sign_method=md5",
           "fields=num_iid,title,nick,price,num", "num_iid=11223344"]


def with_secret(secret):
    # Short vector secrets ("k") occur in any text; the leak check takes the
    # distinctive ones.
    if len(secret) >= 10:
        suite.secret(secret)
    return {"TOPC_SIGN_SECRET": secret}


def field(out, name):
    for line in out.splitlines():
        if line.startswith(name + ":"):
            return line.split(":", 1)[1].strip()
    raise AssertionError("no %s line in:\n%s" % (name, out))


@suite.test
def published_example_matches():
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", *EXAMPLE,
                  "sign=66987CB115214E59E6EC978214934FB8", env=with_secret("helloworld"))
    expect(r.code == 0 and field(r.out, "match") == "yes", "published example", r)
    expect(field(r.out, "signature") == "66987CB115214E59E6EC978214934FB8", "signature", r)
    expect(field(r.out, "canonical").startswith("<secret>app_key12345678fields"), "masked md5 wrap", r)


@suite.test
def mismatch_exits_1():
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", *EXAMPLE,
                  "sign=66987CB115214E59E6EC978214934FB9", env=with_secret("helloworld"))
    expect(r.code == 1 and field(r.out, "match").startswith("NO"), "mismatch", r)


@suite.test
def a_lower_case_sign_does_not_match():
    # sign said "match: yes" to a lower-case sign that topc gateway answers
    # 25 to (the SDKs write upper-case hex, TOP_PROTOCOL.md 3.1)
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", *EXAMPLE,
                  "sign=66987cb115214e59e6ec978214934fb8", env=with_secret("helloworld"))
    expect(r.code == 1 and field(r.out, "match").startswith("NO") and "lower case" in r.out,
           "a lower-case sign: no match, naming the case", r)


@suite.test
def hostile_values_are_printed_inert():
    # the canonical string printed the decoded values raw: ESC, OSC and a
    # right-to-left override reached the terminal
    body = ("method=taobao.x.y&sign_method=md5&x=%1b%5b2J%1b%5d0%3bpwned%07%e2%80%ae"
            "&y=a%e2%80%8bb%ef%bb%bf&%1bn=1")
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", "--body", body,
                  env=with_secret("helloworld"))
    expect(r.code == 0, "signed", r)
    for c in ("\x1b", "\x07", "\u202e", "\u200b", "\ufeff"):
        expect(c not in r.out + r.err, "no raw %r printed" % c, r)
    canon = field(r.out, "canonical")
    expect("x\\x1B[2J\\x1B]0;pwned\\x07\\u202E" in canon and "ya\\u200Bb\\uFEFF" in canon,
           "the canonical string with the characters as their codes: %r" % canon)


@suite.test
def every_vector_and_method():
    with open(VECTORS, encoding="utf-8") as f:
        vectors = json.load(f)
    for vec in vectors:
        args = ["%s=%s" % (n, v) for n, v in vec["params"]]
        for method, want in vec["sign"].items():
            if any(n == "sign_method" for n, _ in vec["params"]):
                if dict(vec["params"])["sign_method"] != method:
                    continue
                extra = []
            else:
                extra = ["--sign-method", method]
            r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", *extra, *args,
                          env=with_secret(vec["secret"]))
            expect(r.code == 0 and field(r.out, "signature") == want,
                   "%s %s" % (vec["name"], method), r)
            if "\n" in vec["canonical"] or "\r" in vec["canonical"]:
                continue  # a multi-line canonical string is not one output line
            want_shown = vec["canonical"].replace("sessiontest", "session<session>")
            if method == "md5":
                want_shown = "<secret>" + want_shown + "<secret>"
            expect(field(r.out, "canonical") == want_shown, "canonical for %s" % vec["name"], r)


@suite.test
def body_from_a_captured_request():
    params = {"method": "taobao.tpn.template.message.send", "app_key": "10000001",
              "timestamp": "2026-11-23 10:00:00", "v": "2.0", "format": "json",
              "sign_method": "hmac-sha256", "biz_data": '{"k":"\u503c & = + %"}'}
    params["sign"] = top_sign(params, "partner-secret")
    body = urllib.parse.urlencode(params)
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", "--body", body,
                  env=with_secret("partner-secret"))
    expect(r.code == 0 and field(r.out, "match") == "yes", "captured body matches", r)
    expect(field(r.out, "canonical") == canonical(params), "canonical equals Python's", r)
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", "--body", body.replace("v=2.0", "v=2.1"),
                  env=with_secret("partner-secret"))
    expect(r.code == 1, "tampered body mismatches", r)


@suite.test
def secret_from_a_profile_and_notes():
    suite.profile("signer", gateway="builtin", app_key="1", secret_env="TOPC_SIGN_SECRET")
    r = suite.run("sign", "-p", "signer", "a=1", "b=", env=with_secret("profile-secret"))
    expect(r.code == 0, "profile secret", r)
    expect(field(r.out, "signature") == top_sign({"a": "1"}, "profile-secret", "md5"), "md5 default", r)
    expect("b is empty, so it is neither signed nor sent" in r.out, "empty note", r)
    expect("(not among the parameters)" in r.out, "sign_method note", r)


@suite.test
def session_masked_unless_revealed():
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", *EXAMPLE, env=with_secret("helloworld"))
    expect("session<session>" in r.out and "sessiontest" not in r.out, "masked", r)
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", "--reveal", *EXAMPLE,
                  env=with_secret("helloworld"))
    expect("sessiontest" in r.out, "revealed", r)


@suite.test
def a_dry_run_body_with_the_masked_session():
    # `send --dry-run` prints session=<session>: signing that body said only
    # "NO", as if the secret or the values were wrong
    session = suite.secret("dry-run-session-5e7f01")
    suite.profile("dry", gateway="builtin", app_key="10000001", secret_env="TOPC_SIGN_SECRET",
                  session_env="TOPC_DRY_SESSION")
    env = dict(with_secret("dry-run-secret-aa11"), TOPC_DRY_SESSION=session)
    r = suite.run("send", "-p", "dry", "topc.test.echo", "-S", "a=1", "--dry-run", env=env)
    body = r.out.strip().split("\n")[-1]
    expect(r.code == 0 and "session=%3Csession%3E" in body, "dry run masks the session", r)
    r = suite.run("sign", "-p", "dry", "--body", body, env=env)
    expect(r.code == 1 and field(r.out, "match").startswith("NO"), "the mask does not match", r)
    expect("session is <session>" in r.out and "--session" in r.out,
           "says the session is masked and names --session", r)
    r = suite.run("sign", "-p", "dry", "--session", "--body", body, env=env)
    expect(r.code == 0 and field(r.out, "match") == "yes", "--session signs the real one", r)
    expect("session is <session>" not in r.out, "no note once the session is real", r)
    # a profile without a session: --session cannot help, and the note says so
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", "--body", body, env=env)
    expect(r.code == 1 and "session is <session>" in r.out and "-p PROFILE --session" in r.out,
           "--secret-env: the note names -p PROFILE --session", r)


@suite.test
def a_session_key_on_the_command_line():
    # a captured body pasted as --body (or session=KEY) put the key in argv,
    # where ps and the shell's history show it, without a word
    import subprocess
    import time
    key = suite.secret("argv-session-key-c0ffee42")
    params = {"method": "topc.test.echo", "app_key": "10000001", "session": key,
              "timestamp": "2026-11-23 10:00:00", "v": "2.0", "format": "json",
              "sign_method": "md5"}
    params["sign"] = top_sign(params, "argv-secret-77")
    body = urllib.parse.urlencode(params)
    env = with_secret("argv-secret-77")
    for argv in (["--body", body], ["%s=%s" % kv for kv in params.items()]):
        r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", *argv, env=env)
        expect(r.code == 0 and field(r.out, "match") == "yes", "still signs", r)
        expect("session key is on the command line" in r.err and "--body -" in r.err,
               "warns, naming the way that keeps it out of argv", r)
    path = os.path.join(suite.home, "captured.txt")
    with open(path, "w") as f:
        f.write(body + "\n")
    suite.own_files.add(path)
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", "--body", "@" + path, env=env)
    expect(r.code == 0 and field(r.out, "match") == "yes" and not r.err, "--body @FILE", r)
    p = subprocess.run([suite.topc, "sign", "--secret-env", "TOPC_SIGN_SECRET", "--body", "-"],
                       input=body.encode(), capture_output=True, env=dict(suite.env, **env))
    out = p.stdout.decode()
    suite.outputs.append(("sign --body -", out + p.stderr.decode()))
    expect(p.returncode == 0 and field(out, "match") == "yes" and not p.stderr, "--body -", out)
    # while it runs (its secret command takes a while), ps does not show it
    suite.profile("slowsecret", gateway="builtin", app_key="10000001",
                  secret_cmd="sleep 1.5; echo argv-secret-77")
    proc = subprocess.Popen([suite.topc, "sign", "-p", "slowsecret", "--body", body],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=suite.env)
    seen, start = [], time.monotonic()
    while proc.poll() is None:
        try:
            with open("/proc/%d/cmdline" % proc.pid, "rb") as f:
                seen.append((time.monotonic() - start, f.read().decode("utf-8", "replace")))
        except OSError:
            break
        time.sleep(0.05)
    out, err = proc.communicate()
    suite.outputs.append(("sign slowsecret", (out + err).decode()))
    late = [c for t, c in seen if t > 0.5 and "--body" in c]  # topc's own, parsed by then
    expect(proc.returncode == 0 and len(late) > 5, "cmdline read while it ran (%d)" % len(late))
    expect(not any(key in c or urllib.parse.quote(key) in c for c in late),
           "ps no longer shows the key once topc parsed it")


@suite.test
def refusals():
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_UNSET", "a=1")
    expect(r.code == 2 and "TOPC_SIGN_UNSET is not set" in r.err, "unset env", r)
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", "--sign-method", "hmac",
                  "sign_method=md5", "a=1", env=with_secret("x"))
    expect(r.code == 2 and "contradicts" in r.err, "contradiction", r)
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", env=with_secret("x"))
    expect(r.code == 2 and "nothing to sign" in r.err, "nothing", r)
    r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", "--sign-method", "sha1", "a=1",
                  env=with_secret("x"))
    expect(r.code == 2 and "sha1" in r.err, "bad method", r)
    r = suite.run("sign", "-p", "signer", "--secret-env", "X", "a=1")
    expect(r.code == 2 and "not both" in r.err, "both sources", r)



@suite.test
def a_parameter_given_twice_is_noted():
    """A captured body with biz_id twice (a partner's bug): sign signed the
    last value and said nothing, so the canonical string looked whole while
    the partner may have signed the first (as a Java servlet reads it)."""
    env = with_secret("twice-secret-0042")
    base = [("method", "taobao.tpn.template.message.send"), ("app_key", "1"),
            ("timestamp", "2016-01-01 12:00:00"), ("v", "2.0"), ("sign_method", "md5")]
    body = urllib.parse.urlencode(base + [("biz_id", "1"), ("x", "y"), ("biz_id", "2")])
    for args in (["--body", body], ["%s=%s" % kv for kv in base] + ["biz_id=1", "x=y", "biz_id=2"]):
        r = suite.run("sign", "--secret-env", "TOPC_SIGN_SECRET", *args, env=env)
        want = top_sign(dict(base + [("x", "y"), ("biz_id", "2")]), "twice-secret-0042")
        expect(r.code == 0 and field(r.out, "signature") == want, "the last value is signed", r)
        notes = [line for line in r.out.splitlines() if line.startswith("note:")]
        expect(len(notes) == 1 and "biz_id" in notes[0] and "2 times" in notes[0]
               and "last" in notes[0], "one note names it, the count and which is signed", r)


if __name__ == "__main__":
    suite.main()
