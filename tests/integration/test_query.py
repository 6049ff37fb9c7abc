#!/usr/bin/env python3
"""--query and --expect (send, history show, replay) and replay --compare,
against topc gateway: a second gateway whose forms answer differently (its
own forms folder), gateways in fault modes, answers in JSON and XML, and
recorded answers with and without the fields compare skips.

Expected values come from the answers as Python's json and xml modules read
them, never from topc's own query output."""
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect, free_port, Gateway  # noqa: E402

suite = Suite()
SECRET = suite.secret("query-secret-\u5bc6-1234")
suite.env["TOPC_Q_SECRET"] = SECRET
suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
JYM = "taobao.jym.message.apppush.send"
TBK = "taobao.tbk.marketing.msg.send"
JYM_SETS = ["-s", "user_id=1", "-s", "message_id=q-1", "-s", "template_id=1",
            "-s", "push_content_dto.title=标题"]
TBK_SETS = ["-s", "func_type=1", "-s", "adzone_id=123", "-s", "manufacturer=oppo",
            "-s", "msg_id=m-1"]
FORMS = os.path.join(os.path.dirname(__file__), "..", "..", "forms")
WRAP = "jym_message_apppush_send_response"
gw = {}


Q = dict(app_key="23000031", secret_env="TOPC_Q_SECRET")  # every profile's keys


def profile(name, port, **extra):
    suite.profile(name, **dict(Q, gateway="http://127.0.0.1:%d/router/rest" % port, **extra))


def other_gateway(name, edits, fault=None):
    """A gateway with its own config folder: the shipped forms edited, and the
    same profiles (so it knows the app key)."""
    home = os.path.join(suite.home, "gw-" + name)
    forms = os.path.join(home, "topc", "forms")
    os.makedirs(forms)
    shutil.copytree(suite.profiles, os.path.join(home, "topc", "profiles"))
    for method, pairs in edits.items():
        text = open(os.path.join(FORMS, method + ".conf"), encoding="utf-8").read()
        for old, new in pairs:
            expect(old in text, "form edit %r" % old)
            text = text.replace(old, new)
        with open(os.path.join(forms, method + ".conf"), "w", encoding="utf-8") as f:
            f.write(text)
    env = suite.env
    suite.env = dict(env, XDG_CONFIG_HOME=home)
    try:
        port = free_port()
        g = Gateway(suite, fault=fault, port=port)
    finally:
        suite.env = env
    return g, port


def newest():
    r = suite.run("history", "list", "--json", "--limit", "1")
    return json.loads(r.out.splitlines()[0])


def show(entry):
    return suite.run("history", "show", str(entry), "--json").json()


@suite.test
def start():
    gw["a"] = suite.gateway_for({"qa": {}, "qx": dict(format="xml"),
                                 "qbig": dict(history_body_max=1024, history_body_file=True),
                                 "qsmall": dict(history_body_max=1024)}, **Q)


@suite.test
def send_query_json():
    r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--query", ".%s.request_id" % WRAP)
    body = show(newest()["id"])["body"]
    expect(r.code == 0 and r.out == body[WRAP]["request_id"] + "\n", "the request_id alone", r)
    r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--query", ".%s.result | .success, .extra_err_msg" % WRAP)
    expect(r.code == 0 and r.out == "true\n成功\n", "two values, strings as text", r)
    r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--query", ".%s.result" % WRAP)
    got = json.loads(r.out)
    expect(r.code == 0 and got == show(newest()["id"])["body"][WRAP]["result"], "an object as JSON", r)
    r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--query", ".nothing.here")
    expect(r.code == 1 and "selected nothing" in r.err, "nothing selected: exit 1 and says so", r)
    r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--query", ".[] | select(.x)")
    expect(r.code == 1 and r.out == "" and "selected nothing" in r.err, "no result at all", r)
    before = len(gw["a"].received())
    r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--query", ".a[")
    expect(r.code == 2 and "jq:" in r.err, "a query that does not compile", r)
    expect(len(gw["a"].received()) == before, "is refused before anything is sent")


@suite.test
def runaway_programs_end_with_a_message():
    # `def f: [f]; f` aborted topc inside libjq (SIGABRT past 1 GB, SIGSEGV
    # under ulimit -v) after the send was recorded; `def f: f; f` never
    # returned (the time limit is checked only after a result)
    for program, words in (("def f: [f]; f", "crashed inside libjq"),
                           ("def f: f; f", "ran past 32 seconds")):
        before = newest()["id"]
        r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--query", program, timeout=120)
        expect(r.code == 1 and words in r.err and program in r.err,
               "%s: exit 1 and says why" % program, r)
        e = newest()
        expect(e["id"] == before + 1 and e["outcome"] == "success",
               "%s: the send is recorded as it was" % program, e)
    # a result after a stopped one still prints; a reader that goes away still stops it
    r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--query", ".%s.request_id" % WRAP)
    expect(r.code == 0 and r.out.strip() == newest()["request_id"], "and the next query works", r)


@suite.test
def send_query_xml():
    r = suite.run("send", JYM, "-p", "qx", *JYM_SETS, "--query", "//request_id")
    body = suite.run("history", "show", str(newest()["id"]), "--json").json()["body"]
    root = ET.fromstring(body.encode() if isinstance(body, str) else body)
    expect(r.code == 0 and r.out == root.find("request_id").text + "\n", "XPath on an XML answer", r)
    r = suite.run("send", JYM, "-p", "qx", *JYM_SETS, "--query", "/%s/result/extra_err_msg" % WRAP)
    expect(r.code == 0 and r.out == "成功\n", "a leaf's text", r)
    r = suite.run("send", JYM, "-p", "qx", *JYM_SETS, "--query", "count(//result/*)")
    expect(r.code == 0 and r.out == "4\n", "a number", r)
    r = suite.run("send", JYM, "-p", "qx", *JYM_SETS, "--query", "//nothing")
    expect(r.code == 1 and "selected nothing" in r.err, "nothing selected", r)
    r = suite.run("send", JYM, "-p", "qx", *JYM_SETS, "--query", "//[")
    expect(r.code == 2 and "XPath" in r.err, "does not compile", r)
    r = suite.run("send", JYM, "-p", "qx", *JYM_SETS, "--query", "nosuch(1)")
    # an unknown function shows only when the query runs, after the send:
    # exit 1, since 2 would say that nothing was sent
    expect(r.code == 1 and "function nosuch not found" in r.err, "an unknown function", r)
    expect(all(line.startswith("topc:") for line in r.err.splitlines()),
           "libxml2's own messages come through topc, not printed raw", r)


@suite.test
def expect_send():
    ok = ".%s.result.success == true" % WRAP
    r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--expect", ok)
    expect(r.code == 0, "matches", r)
    r = suite.run("send", JYM, "-p", "qa", *JYM_SETS, "--expect", ".%s.result.state_code == \"FAIL\"" % WRAP)
    expect(r.code == 1 and "does not match --expect" in r.err, "does not match", r)
    r = suite.run("send", JYM, "-p", "qx", *JYM_SETS, "--expect", "//success = 'true'")
    expect(r.code == 0, "XPath matches", r)
    r = suite.run("send", JYM, "-p", "qx", *JYM_SETS, "--expect", "//success = 'false'")
    expect(r.code == 1, "XPath does not match", r)
    r = suite.run("send", "taobao.x.y", "-p", "qa", "--expect", ".error_response.code == 22")
    expect(r.code == 1, "an API error stays exit 1 even when it matches", r)


@suite.test
def history_show_query():
    suite.run("send", JYM, "-p", "qa", *JYM_SETS)
    e = newest()
    r = suite.run("history", "show", str(e["id"]), "--query", ".%s.request_id" % WRAP)
    expect(r.code == 0 and r.out == e["request_id"] + "\n", "show --query", r)
    r = suite.run("history", "show", str(e["id"]), "--query", ".none")
    expect(r.code == 1 and "selected nothing" in r.err, "show: nothing selected", r)
    # a large answer, kept whole in a file beside the database
    big, port = other_gateway("big", {}, fault="huge:300000")
    profile("qbig2", port, history_body_max=1024, history_body_file=True)
    suite.run("send", "taobao.x.y", "-p", "qbig2")
    e = newest()
    expect(e.get("body_file") and e["body_size"] == 300000, "kept whole beside the database", e)
    r = suite.run("history", "show", str(e["id"]), "--query", "keys | length")
    expect(r.code == 0 and r.out == "1\n", "the whole answer is queried, from its file", r)
    profile("qsmall2", port, history_body_max=1024)
    suite.run("send", "taobao.x.y", "-p", "qsmall2")
    r = suite.run("history", "show", str(newest()["id"]), "--query", "keys")
    expect(r.code != 0 and "kept only 1024" in r.err, "a cut answer is named as cut", r)
    big.stop(suite)


def replay(*args, **kw):
    return suite.run("replay", *args, **kw)


@suite.test
def compare_same_when_only_ids_and_times_differ():
    ids = []
    for _ in range(3):
        suite.run("send", JYM, "-p", "qa", *JYM_SETS)
        ids.append(str(newest()["id"]))
    suite.run("send", TBK, "-p", "qa", *TBK_SETS)
    ids.append(str(newest()["id"]))
    r = replay(*ids, "--compare")
    expect(r.code == 0 and r.out.count("  same\n") == 4, "every answer the same but its request_id", r)
    expect("4 same, 0 changed, 0 newly failing, 0 newly passing" in r.out, "summary", r)
    # --repeat: each round compared with the origin's answer, read again
    r = replay(*ids, "--compare", "--repeat", "2")
    expect(r.code == 0 and r.out.count("  same\n") == 8 and "8 same, 0 changed" in r.out,
           "every round compared, each the same", r)
    gw["ids"] = ids


@suite.test
def compare_against_a_gateway_that_answers_differently():
    changed, port = other_gateway("changed", {
        JYM: [('example = "成功"', 'example = "已受理"')],
        # create_time (*_time) and msg_id (the form's compare_ignore) differ: still the same
        TBK: [('example = "2024-01-24 16:04:38"', 'example = "2025-02-02 02:02:02"'),
              ('example = "h7a9dht4l"; description = "推送唯一标识"', 'example = "zzz"; description = "推送唯一标识"')],
    })
    profile("qb", port)
    r = replay(*gw["ids"], "-p", "qb", "--compare")
    expect(r.code == 1, "a change exits 1", r)
    expect(r.out.count("  changed\n") == 3 and r.out.count("  same\n") == 1, "jym changed, tbk the same", r)
    expect('      %s.result.extra_err_msg: "成功" -> "已受理"\n' % WRAP in r.out, "the field, old -> new", r)
    r = replay(gw["ids"][0], "-p", "qb", "--compare", "--repeat", "3")
    expect(r.code == 1 and r.out.count("  changed\n") == 3 and
           r.out.count('      %s.result.extra_err_msg: "成功" -> "已受理"\n' % WRAP) == 3,
           "--repeat: each round against the origin's answer", r)
    r = replay(*gw["ids"], "-p", "qb", "--compare", "--ignore", "extra_*")
    expect(r.code == 0 and r.out.count("  same\n") == 4, "--ignore adds a pattern", r)
    r = replay(gw["ids"][-1], "-p", "qb", "--compare", "--json")
    row = json.loads(r.out.splitlines()[0])
    expect(row["compare"] == "same" and row["changes"] == [], "JSON line", r)
    failing, port = other_gateway("failing", {JYM: [('name = "success"; type = "Boolean"; example = "true"',
                                                     'name = "success"; type = "Boolean"; example = "false"')]})
    profile("qc", port)
    r = replay(gw["ids"][0], "-p", "qc", "--compare", "--json")
    row = json.loads(r.out.splitlines()[0])
    expect(r.code == 1 and row["compare"] == "newly failing" and row["outcome"] == "business_failure",
           "success before, business failure now", r)
    expect({"path": "%s.result.success" % WRAP, "old": True, "new": False} in row["changes"], "the field", row)
    changed.stop(suite)
    failing.stop(suite)


@suite.test
def compare_with_fault_modes():
    for fault, outcome in [("http500", "http_error"), ("malformed", "unparseable"),
                           ("isp", "api_error"), ("drop", "transport_error")]:
        g, port = other_gateway(fault, {}, fault=fault)
        profile("qf", port)
        r = replay(gw["ids"][0], "-p", "qf", "--compare", "--json")
        row = json.loads(r.out.splitlines()[0])
        expect(r.code == 1 and row["compare"] == "newly failing" and row["outcome"] == outcome,
               "%s: newly failing" % fault, r)
        g.stop(suite)


@suite.test
def compare_newly_passing():
    profile("qwrong", gw["a"].port, app_key="99999999")
    suite.run("send", JYM, "-p", "qwrong", *JYM_SETS)
    e = newest()
    expect(e["outcome"] == "api_error", "recorded as an API error", e)
    r = replay(str(e["id"]), "-p", "qa", "--compare", "--json")
    row = json.loads(r.out.splitlines()[0])
    expect(r.code == 1 and row["compare"] == "newly passing", "failing before, passing now", r)
    expect(any(c["path"] == "error_response.code" and c["old"] == 29 and c["new"] is None
               for c in row["changes"]), "the error went away", row)


@suite.test
def replay_expect():
    r = replay(*gw["ids"][:3], "--expect", ".%s.result.success == true" % WRAP)
    expect(r.code == 0 and "0 of 3 answers do not match" in r.out, "all match", r)
    r = replay(*gw["ids"][:3], "--expect", ".%s.result.state_code == \"X\"" % WRAP)
    expect(r.code == 1 and "3 of 3 answers do not match" in r.out, "none match", r)
    r = replay(gw["ids"][0], "--expect", ".a[")
    expect(r.code == 2 and "jq:" in r.err, "does not compile", r)


def fixed(name, *bodies):
    """A server answering with the next of bodies (the last one repeats);
    profile name sends to it."""
    return suite.answering(name, *bodies, **Q)


BIG = (b'{"%s":{"id":1234567890123456789,"ids":[9007199254740993,12345678901234567890,-1e400,'
       b'1.5],"n":{"x":[{"y":98765432109876543210}]},"request_id":"r1"}}' % WRAP.encode())


@suite.test
def replay_expect_runaway_ends_one_answer_not_the_run():
    # replay tested each answer inside topc: `def f: [f]; f` aborted the
    # whole run inside libjq; now a worker dies for that answer alone, is
    # started again, and the other answers are tested and recorded
    ok = b'{"%s":{"request_id":"r1"}}' % WRAP.encode()
    server = fixed("qrun", b'{"boom":1}', ok, ok)
    program = 'if has("boom") then (def f: [f]; f) else true end'
    try:
        before = newest()["id"]
        r = replay(gw["ids"][0], "-p", "qrun", "--repeat", "3", "--concurrency", "1",
                   "--expect", program, timeout=120)
        expect(r.code == 1 and "1 of 3 answers do not match" in r.out, "one answer failed", r)
        expect(r.err.count("crashed inside libjq") == 1 and program in r.err, "said once, why", r)
        expect(newest()["id"] == before + 3, "all three replays recorded", newest())
    finally:
        server.shutdown()


@suite.test
def query_prints_the_answers_own_digits():
    # jq 1.6 prints 1234567890123456800; the answer said ...789 (Python reads it exactly)
    server = fixed("qfix", BIG)
    want = json.loads(BIG)[WRAP]
    try:
        r = suite.run("send", JYM, "-p", "qfix", *JYM_SETS, "--query", ".%s.id" % WRAP)
        expect(r.code == 0 and r.out == "%d\n" % want["id"], "the 19 digits as sent", r)
        r = suite.run("send", JYM, "-p", "qfix", *JYM_SETS, "--query", ".%s.ids[0:2], .%s.n" % (WRAP, WRAP))
        lines = r.out.splitlines()
        expect(r.code == 0 and json.loads(lines[0]) == want["ids"][0:2] and
               json.loads(lines[1]) == want["n"], "inside arrays and objects too", r)
        r = suite.run("send", JYM, "-p", "qfix", *JYM_SETS, "--query", ".%s.ids[3] * 2, .%s.ids[2]" % (WRAP, WRAP))
        expect(r.code == 0 and r.out == "3\n-1.7976931348623157e+308\n", "other numbers as jq prints them (jq -c)", r)
        entry = newest()["id"]
        r = suite.run("history", "show", str(entry), "--query", ".%s.n.x[0].y" % WRAP)
        expect(r.code == 0 and r.out == "98765432109876543210\n", "history show --query too", r)
    finally:
        server.shutdown()


@suite.test
def compare_sees_a_change_in_the_last_digit():
    server = fixed("qfix2", BIG, BIG.replace(b"123456789,", b"123456788,"))
    try:
        suite.run("send", JYM, "-p", "qfix2", *JYM_SETS)
        entry = str(newest()["id"])
        r = replay(entry, "-p", "qfix2", "--compare", "--json")
        row = json.loads(r.out.splitlines()[0])
        expect(r.code == 1 and row["compare"] == "changed", "1234567890123456789 -> ...788 is a change", r)
        expect([c["path"] for c in row["changes"]] == ["%s.id" % WRAP], "that field alone", row)
    finally:
        server.shutdown()


@suite.test
def endless_queries_stream_and_stop():
    server = fixed("qfix3", BIG)
    try:
        argv = [suite.topc, "send", JYM, "-p", "qfix3"] + JYM_SETS
        for prog in ("repeat(1)", "range(1e18)"):
            start = time.monotonic()
            proc = subprocess.run("%s --query '%s' | head -1" % (" ".join("'%s'" % a for a in argv), prog),
                                  shell=True, capture_output=True, env=suite.env, timeout=60)
            took = time.monotonic() - start
            expect(proc.stdout in (b"1\n", b"0\n") and took < 30,
                   "%s | head -1: the first result, then a stop (%.1fs)" % (prog, took), proc)
        start = time.monotonic()
        r = suite.run("send", JYM, "-p", "qfix3", *JYM_SETS, "--query", "range(1e18)", timeout=240)
        expect(r.code == 1 and "gave 1000000 results and was stopped" in r.err and
               r.out.count("\n") == 1000000, "a limit, said clearly, after the results before it", r.err)
    finally:
        server.shutdown()


@suite.test
def query_on_an_answer_that_is_not_json():
    server = fixed("qfix4", b'{"%s":{"a":1} \x1b[2J\xff}' % WRAP.encode())
    try:
        r = suite.run("send", JYM, "-p", "qfix4", *JYM_SETS, "--query", ".")
        expect(r.code == 3 and "the answer is not JSON: expected ',' or '}' at line 1, column %d"
               % (len(WRAP) + 13) in r.err and "found byte 0x1B" in r.err, "where and what", r)
        expect("\x1b" not in r.err + r.out, "nothing of the answer raw", r)
    finally:
        server.shutdown()


suite.main()
