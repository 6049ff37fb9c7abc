#!/usr/bin/env python3
"""`topc send` against `topc gateway` on loopback: every seed API, sign
method and format; every router error code; every fault mode; time zones;
dry runs; and no secret in any output."""
import datetime
import json
import os
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect, top_sign, wait_for  # noqa: E402

suite = Suite()
SECRET = suite.secret("it-secret-\u5bc6\u94a5-9f8e7d")
SESSION = suite.secret("it-session-6a5b4c3d")
APP_KEY = "23000001"
suite.env["TOPC_IT_SECRET"] = SECRET
suite.env["TOPC_IT_SESSION"] = SESSION
main_gw = None

SEEDS = {
    "taobao.jym.message.apppush.send": {
        "user_id": "1526984087476772",
        "message_id": "wetgeh4yhgsg",
        "template_id": "1",
        "push_content_dto": '{"content":"\u5185\u5bb9","push_redirect_url_dto":{"redirect_url":'
                            '"http:\\/\\/www.jiaoyimao.com","redirect_url_type":1},"title":"\u6807\u9898"}',
    },
    "taobao.tpn.template.message.send": {
        "template_key": "xxxx",
        "template_id": "101",
        "user_id": "12345",
        "biz_id": "122323434545",
        "biz_data": '{"key1":"value","key2":123}',
        "title_param": '{"\u6807\u9898":"\u53cc\u5341\u4e00 & 50% off = +1"}',
    },
    "taobao.tbk.marketing.msg.send": {
        "func_type": "1",
        "adzone_id": "123",
        "manufacturer": "huawei",
        "material_type": "2",
        "start_time": "2023-11-11 00:00:00",
        "target_item": '{"item_id_list":"top:mda76h9fa7-7dbaliu4q,top:abc"}',
        "huawei_sp": '{"title_color":1,"advanced_style":1}',
    },
    "alibaba.campus.mc.message.sendmessagetomobile": {
        "mobile_receiver_message_event": '{"msg_key":"3f1c7a52-5d2b-4e8f-9a61-0c9d8e7f6a5b",'
                                         '"event_time_millis":1700000000000,"event_type":'
                                         '"mobile_receiver","json_data":"{\\"a\\":1,\\n\\"b\\":2}"}',
    },
}


# -S: these tests are about signing and transport, so the values go out
# byte for byte; test_forms.py covers -s with the forms.
def sets(params):
    out = []
    for k, v in params.items():
        out += ["-S", "%s=%s" % (k, v)]
    return out


IT = dict(app_key=APP_KEY, secret_env="TOPC_IT_SECRET")  # every profile's keys


def profile_for(gw, name, **extra):
    suite.profile(name, **dict(IT, gateway=gw.url, **extra))


@suite.test
def start_gateway():
    global main_gw
    main_gw = suite.gateway_for("it", **IT)
    expect(main_gw.url == "http://127.0.0.1:%d/router/rest" % main_gw.port, main_gw.url)


@suite.test
def every_seed_api_sign_method_and_format():
    for sm in ("md5", "hmac", "hmac-sha256"):
        for fmt in ("json", "xml"):
            profile_for(main_gw, "it-%s-%s" % (sm, fmt), sign_method=sm, format=fmt)
    for method, params in SEEDS.items():
        for sm in ("md5", "hmac", "hmac-sha256"):
            for fmt in ("json", "xml"):
                before = len(main_gw.received())
                r = suite.run("send", method, "-p", "it-%s-%s" % (sm, fmt), "--json", *sets(params))
                expect(r.code == 0, "send %s %s %s" % (method, sm, fmt), r)
                o = r.json()
                expect(o["outcome"] == "success" and o["http_status"] == 200, "outcome", r)
                wrapper = (method[7:] if method.startswith("taobao.") else method).replace(".", "_") + "_response"
                if fmt == "json":
                    expect(wrapper in o["body"], "wrapper %s" % wrapper, r)
                else:
                    expect(o["body"].startswith("<?xml") and "<%s>" % wrapper in o["body"], "xml body", r)
                got = main_gw.received()
                expect(len(got) == before + 1, "one request arrived")
                arrived = got[-1]["params"]
                for k, v in params.items():
                    expect(arrived.get(k) == v, "%s arrived as %r, sent %r" % (k, arrived.get(k), v))
                expect(arrived["sign_method"] == sm and arrived["format"] == fmt, "system params")
                expect(arrived["sign"] == top_sign(arrived, SECRET, sm), "signature checks in Python")


def api_error(args, code, profile="it", env=None):
    r = suite.run("send", *args, "-p", profile, "--json", env=env)
    expect(r.code == 1, "exit 1 for code %d" % code, r)
    o = r.json()
    expect(o["outcome"] == "api_error" and o["code"] == code, "code %d" % code, r)
    return o


@suite.test
def every_gateway_error_code_classified():
    m = "taobao.topc.noform.send"  # no form: the router's checks alone
    api_error(["Not.A.Method", "--any-method"], 22)  # refused without it
    api_error([m, "-s", "method=", "--any-method"], 21)
    api_error([m, "-s", "format=yaml"], 23)
    api_error([m, "-s", "app_key="], 28)
    api_error([m, "-s", "app_key=99999"], 29)
    api_error([m, "-s", "timestamp="], 30)
    o = api_error([m, "-s", "timestamp=2016-01-01 12:00:00"], 31)
    expect("allowed" in o["sub_msg"], "31 explains the skew", o)
    api_error([m, "-s", "timestamp=1700000000000"], 31)
    api_error([m, "-s", "v="], 32)
    api_error([m, "-s", "v=3.0"], 33)
    profile_for(main_gw, "it-wrong-secret", secret_env="TOPC_IT_WRONG")
    api_error([m], 25, profile="it-wrong-secret", env={"TOPC_IT_WRONG": "not-the-secret"})
    # 24: a request without sign, sent by hand.
    body = "method=%s&app_key=%s&v=2.0&format=json&sign_method=md5&timestamp=x" % (m, APP_KEY)
    with urllib.request.urlopen(main_gw.url, data=body.encode()) as resp:
        answer = json.loads(resp.read())
    expect(answer["error_response"]["code"] in (24, 31), "24 or 31 for a hand-made request", answer)
    ts = (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")
    body = "method=%s&app_key=%s&v=2.0&format=json&sign_method=md5&timestamp=%s" % (
        m, APP_KEY, urllib.parse.quote(ts))
    with urllib.request.urlopen(main_gw.url, data=body.encode()) as resp:
        answer = json.loads(resp.read())
    expect(answer["error_response"]["code"] == 24, "24 without sign", answer)
    # A human-readable answer names the code, its message and what to check.
    r = suite.run("send", m, "-p", "it-wrong-secret", env={"TOPC_IT_WRONG": "nope"})
    expect(r.code == 1 and "code 25: Invalid Signature" in r.err and "check:" in r.err, "human 25 (the summary on stderr when piped)", r)


@suite.test
def a_method_that_is_no_api_name_is_refused():
    before = len(main_gw.received())
    for bad in ("", "\n", "taobao.tpn\n.send", "../../etc/passwd", "/router/rest",
                "Taobao.Tpn.Send", "taobao.tpn send", " taobao.a.b", "taobao", "taobao..a"):
        for extra in ([], ["--dry-run"], ["--json"], ["--export", "curl"]):
            r = suite.run("send", bad, "-p", "it", "-S", "a=1", *extra)
            expect(r.code == 2 and "is not a TOP API name" in (r.err + r.out) and
                   "--any-method" in (r.err + r.out), "refused: %r %s" % (bad, extra), r)
            expect(not r.out.startswith("POST") and "#!/bin/sh" not in r.out,
                   "nothing prepared for %r" % bad, r)
    for args in (["-s", "method=Bad.Name"], ["-S", "method=a b.c"], ["-s", "method="]):
        r = suite.run("send", "taobao.a.b", "-p", "it", *args)
        expect(r.code == 2 and "is not a TOP API name" in r.err, "override refused %s" % args, r)
    expect(len(main_gw.received()) == before, "none of them reached the gateway")
    r = suite.run("send", "Not.A.Method", "-p", "it", "--any-method", "--json")
    expect(r.code == 1 and r.json()["code"] == 22, "--any-method sends it: the gateway answers 22", r)
    # its replay (and an exact replay of a method= override) needs --any-method too:
    # replay sent such entries as any other (the inbox keeps accepted requests
    # only: the outcomes tell what went out, invalid_input for nothing sent,
    # api_error 22 for the gateway's answer)
    r = suite.run("send", "taobao.a.b", "-p", "it", "-s", "method=Bad Name", "--any-method")
    expect(r.code == 1 and "code 22" in r.err, "the override went out", r)
    ids = [json.loads(line)["id"] for line in
           suite.run("history", "list", "--limit", "2", "--json").out.splitlines()]
    for mode in ("--exact", "--fresh"):
        for i in ids:
            r = suite.run("replay", str(i), mode, "--json")
            expect(r.code != 0 and "is not a TOP API name" in r.err and "--any-method" in r.err,
                   "replay %d %s refused" % (i, mode), r)
            last = json.loads(suite.run("history", "list", "--limit", "1", "--json").out)
            expect(last["outcome"] == "invalid_input" and "code" not in last,
                   "replay %d %s: nothing sent" % (i, mode), last)
    for i, method in zip(ids, ("Bad Name", "Not.A.Method")):
        r = suite.run("replay", str(i), "--exact", "--any-method")
        last = json.loads(suite.run("history", "list", "--limit", "1", "--json").out)
        expect(last["outcome"] == "api_error" and last["code"] == 22 and
               last["params"]["method"] == method,
               "replay --exact --any-method sends the method as it went out: %s" % method, last)
    r = suite.run("send", "--help")
    expect("--any-method" in r.out, "--help lists --any-method", r)
    r = suite.run("completion", "bash")
    expect("--any-method" in r.out, "the completions know it", r)


@suite.test
def a_raw_structure_with_its_fields_is_refused():
    jym = "taobao.jym.message.apppush.send"
    base = ["-s", "user_id=1", "-s", "message_id=conflict-1", "-s", "template_id=1"]
    before = len(main_gw.received())
    r = suite.run("send", jym, "-p", "it", *base, "-s", "push_content_dto.title=shown",
                  "-S", 'push_content_dto={"content":"c"}')
    expect(r.code == 2 and "-S push_content_dto" in r.err and "-s push_content_dto.title" in r.err,
           "both options named", r)
    expect("-s only" in r.err and "-S only" in r.err, "the fix named", r)
    r = suite.run("send", "taobao.topc.noform", "-p", "it", "-s", "a=1", "-S", "a=2")
    expect(r.code == 2 and "-S a" in r.err and "-s a" in r.err, "same name with -s and -S", r)
    expect(len(main_gw.received()) == before, "nothing was sent")
    r = suite.run("send", jym, "-p", "it", *base, "-S", 'push_content_dto={"content":"c"}')
    expect(r.code == 0 and main_gw.received()[-1]["params"]["push_content_dto"] == '{"content":"c"}',
           "-S alone goes out as given", r)


@suite.test
def a_long_parameter_name_is_an_ordinary_unknown_field():
    for n in (255, 256, 300, 5000):
        name = "n" * n
        r = suite.run("send", "taobao.jym.message.apppush.send", "-p", "it", "-s", name + "=1")
        expect(r.code == 2 and "not NAME=VALUE" not in r.err and "no field nnnnnnnn" in r.err,
               "%d bytes: no such field" % n, r)
        r = suite.run("send", "taobao.topc.noform", "-p", "it", "-S", name + "=1", "--dry-run")
        expect(r.code == 0 and ("&%s=1" % name) in r.out, "%d bytes: sent as named" % n, r)


@suite.test
def ctrl_c_after_the_request_left_is_recorded():
    import signal
    gw = suite.gateway_for("it-slow", fault="delay:5000", **IT)
    for sig in (signal.SIGINT, signal.SIGTERM):
        # connected, the gateway holding its answer back
        started = time.monotonic()
        p = suite.held("send", "topc.test.echo", "-p", "it-slow", "-S", "ctrl_c=%d" % sig)
        code, out, err = p.end(sig, timeout=10)
        ended_ms = (time.monotonic() - started) * 1000
        expect(code == -sig, "topc ends by the signal, as a shell expects: %r" % code)
        e = suite.entries("--limit", "1")[0]
        expect(e["id"] == p.entries[0]["id"], "the entry kept before it left", (e, p.entries))
        expect(e["outcome"] == "cancelled" and e["params"]["ctrl_c"] == str(sig) and
               e["method"] == "topc.test.echo", "recorded as cancelled, with what was sent", e)
        expect("cancelled" in err and "history entry" in err, "the user is told: %r" % err)
        # the time it ran until cancelled: it was held at least held()'s
        # settle (1 s) after its pending entry; recorded as 0 ms before
        expect(900 <= e["latency_ms"] <= ended_ms,
               "the time it ran (at most %.0f ms)" % ended_ms, e)
        # the request had left: the gateway answers it after its delay
        wait_for("the gateway to answer it", lambda: any(
            g["params"].get("ctrl_c") == str(sig) for g in gw.received()))
        got = [g["params"] for g in gw.received() if g["params"].get("ctrl_c") == str(sig)]
        expect(len(got) == 1 and got[0]["sign"] == e["params"]["sign"],
               "the cancelled entry is the request that reached the gateway", got)
    gw.stop(suite)


@suite.test
def dry_run_json_is_the_prepared_request():
    before = len(main_gw.received())
    profile_for(main_gw, "it-session", session_env="TOPC_IT_SESSION")
    r = suite.run("send", "topc.test.echo", "-p", "it-session", "-S", "a=1 &2", "-S", "b=",
                  "--dry-run", "--json")
    expect(r.code == 0, "dry run", r)
    o = r.json()
    p = o["params"]
    expect(o["dry_run"] is True and p["session"] == "<session>" and SESSION not in r.out,
           "the session key masked", o)
    expect(p["a"] == "1 &2" and "b" not in p and p["sign"] == o["sign"], "what would go", o)
    expect(urllib.parse.parse_qs(o["body"])["a"] == ["1 &2"], "the body, form-encoded", o)
    real = dict(p, session=SESSION)
    expect(top_sign(real, SECRET, p["sign_method"]) == p["sign"], "signed as shown, checked in Python")
    expect(len(main_gw.received()) == before, "nothing sent")


@suite.test
def query_with_json_is_the_outcome_and_the_selection():
    r = suite.run("send", "topc.test.echo", "-p", "it", "-S", "a=1", "--json",
                  "--query", ".topc_test_echo_response.request_id")
    o = r.json()
    expect(r.code == 0 and o["outcome"] == "success" and
           o["query"]["output"] == o["request_id"] + "\n" and o["query"]["count"] == 1,
           "one object: the outcome and what the query selected", r)
    r = suite.run("send", "topc.test.echo", "-p", "it", "-S", "a=1", "--json",
                  "--query", "empty")
    expect(r.code == 1 and r.json()["query"]["count"] == 0, "selected nothing: exit 1", r)


@suite.test
def a_file_value_with_a_byte_order_mark_is_refused():
    path = os.path.join(suite.home, "bom.txt")
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbfhello\r\n")
    before = len(main_gw.received())
    r = suite.run("send", "topc.test.echo", "-p", "it", "-s", "a=@" + path)
    expect(r.code == 2 and "byte order mark" in r.err and "-S" in r.err, "-s refuses it", r)
    expect(len(main_gw.received()) == before, "nothing sent")
    r = suite.run("send", "topc.test.echo", "-p", "it", "-S", "a=@" + path)
    expect(r.code == 0 and main_gw.received()[-1]["params"]["a"] == "\ufeffhello\r\n",
           "-S sends the bytes as they are, the final CRLF too (README)", r)


@suite.test
def local_refusals_exit_2():
    r = suite.run("send", "taobao.a.b", "-p", "it", "-s", "sign_method=sha1")
    expect(r.code == 2 and "sign_method \"sha1\"" in r.err, "bad sign method refused", r)
    r = suite.run("send", "taobao.a.b", "-p", "it", "-s", "sign=ABC")
    expect(r.code == 2 and "sign cannot be set by hand" in r.err, "sign refused", r)
    r = suite.run("send", "taobao.a.b", "-p", "nosuch")
    expect(r.code == 2 and 'no profile "nosuch"' in r.err, "unknown profile", r)
    r = suite.run("send", "taobao.a.b", "-p", "nosuch", "--json")
    expect(r.code == 2 and r.json()["outcome"] == "invalid_input", "json invalid input", r)
    r = suite.run("send")
    expect(r.code == 2 and "METHOD" in r.err, "no method", r)
    r = suite.run("send", "taobao.a.b", "-p", "it", "-s", "novalue")
    expect(r.code == 2 and "NAME=VALUE" in r.err, "bad -s", r)
    r = suite.run("send", "taobao.a.b", "-p", "it", "-s", 'push_content_dto={"title":"x",}')
    expect(r.code == 2 and "parameter push_content_dto: not valid JSON" in r.err, "bad JSON refused", r)
    before = len(main_gw.received())
    r = suite.run("send", "taobao.a.b", "-p", "it", "-S", "note={as typed")
    expect(r.code == 0 and main_gw.received()[-1]["params"]["note"] == "{as typed", "-S sends as given", r)
    r = suite.run("send", "taobao.a.b", "-p", "it", env={"TOPC_IT_SECRET": ""})
    expect(r.code == 2 and "TOPC_IT_SECRET is not set" in r.err, "missing secret", r)


FAULTS = [
    # fault, profile extras, exit status, outcome, words in the message
    ("http500", {}, 3, "http_error", "HTTP 500"),
    ("malformed", {}, 3, "unparseable", "not valid JSON"),
    ("truncated", {}, 3, "unparseable", "not valid JSON"),
    ("drop", {}, 3, "transport_error", "closed mid-answer"),
    ("huge:3000000", {"max_body": 1048576}, 3, "transport_error", "larger than max_body (1048576 bytes)"),
    ("huge", {}, 3, "transport_error", "larger than max_body (16777216 bytes)"),
    ("drip:200", {"timeout": 1.5}, 3, "transport_error", "no complete answer within 1500 ms"),
    ("delay:5000", {"timeout": 1}, 3, "transport_error", "no complete answer within 1000 ms"),
    ("isp", {}, 1, "api_error", "isp.top-remote-service-unavailable"),
    ("ratelimit", {}, 1, "api_error", "App Call Limited"),
]


@suite.test
def every_fault_mode():
    for fault, extra, status, outcome, words in FAULTS:
        name = "it-fault-" + fault.replace(":", "-")
        gw = suite.gateway_for(name, fault=fault, **IT, **extra)
        tpn = "taobao.tpn.template.message.send"
        r = suite.run("send", tpn, "-p", name, *sets(SEEDS[tpn]), timeout=30)
        expect(r.code == status and words in r.err, "fault %s: human output (on stderr, piped)" % fault, r)
        expect(r.elapsed < 5, "fault %s answered in %.1f s" % (fault, r.elapsed), r)
        r = suite.run("send", tpn, "-p", name, "--json", *sets(SEEDS[tpn]), timeout=30)
        o = r.json()
        expect(r.code == status and o["outcome"] == outcome, "fault %s: json" % fault, r)
        gw.stop(suite)


@suite.test
def huge_body_under_the_cap_is_read():
    gw = suite.gateway_for("it-huge-ok", fault="huge:2000000", **IT)
    r = suite.run("send", "taobao.a.b", "-p", "it-huge-ok", "--json")
    expect(r.code == 0 and len(r.out) > 2000000, "2 MB answer read whole", r.code)
    gw.stop(suite)


@suite.test
def connection_refused():
    from harness import free_port
    suite.profile("it-dead", gateway="http://127.0.0.1:%d/router/rest" % free_port(), app_key=APP_KEY,
                  secret_env="TOPC_IT_SECRET")
    r = suite.run("send", "taobao.a.b", "-p", "it-dead")
    expect(r.code == 3 and "connection refused" in r.err, "refused", r)


@suite.test
def gzip_answers_are_decoded():
    # The gateway compresses for clients that accept gzip, as TOP does.
    body = "method=taobao.a.b"
    req = urllib.request.Request(main_gw.url, data=body.encode(), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as resp:
        expect(resp.headers.get("Content-Encoding") == "gzip", "gateway gzips", resp.headers)
        raw = resp.read()
    expect(raw[:2] == b"\x1f\x8b", "gzip magic")
    r = suite.run("send", "taobao.a.b", "-p", "it", "--json")
    expect(r.code == 0 and r.json()["body"]["a_b_response"]["request_id"], "topc decodes gzip", r)
    r = suite.run("send", "taobao.a.b", "-p", "it", "--dry-run")
    expect("Accept-Encoding: gzip\r\n" in r.out, "dry run shows Accept-Encoding", r)


@suite.test
def tls_failure_and_verification_warning():
    port = main_gw.url.split(":")[2].split("/")[0]
    suite.profile("it-tls", gateway="https://127.0.0.1:%s/router/rest" % port, app_key=APP_KEY,
                  secret_env="TOPC_IT_SECRET", timeout=5)
    r = suite.run("send", "taobao.a.b", "-p", "it-tls")
    expect(r.code == 3 and "TLS with https://127.0.0.1" in r.err, "TLS to a plain HTTP port fails", r)
    profile_for(main_gw, "it-noverify", tls_verify=False)
    r = suite.run("send", "taobao.a.b", "-p", "it-noverify")
    expect(r.code == 0 and "TLS verification is off" in r.err, "tls_verify=false is announced", r)


@suite.test
def proxy_from_profile_and_environment():
    # The gateway answers proxied requests too (it ignores the request
    # target), so a dead gateway URL reached through it proves the proxy
    # was used.
    from harness import free_port
    dead = "http://127.0.0.1:%d/router/rest" % free_port()
    proxy = main_gw.url.replace("/router/rest", "")
    suite.profile("it-proxy", gateway=dead, app_key=APP_KEY, secret_env="TOPC_IT_SECRET", proxy=proxy)
    r = suite.run("send", "taobao.a.b", "-p", "it-proxy")
    expect(r.code == 0, "proxy from the profile", r)
    suite.profile("it-proxy-env", gateway=dead, app_key=APP_KEY, secret_env="TOPC_IT_SECRET")
    r = suite.run("send", "taobao.a.b", "-p", "it-proxy-env", env={"http_proxy": proxy})
    expect(r.code == 0, "proxy from http_proxy", r)
    r = suite.run("send", "taobao.a.b", "-p", "it-proxy-env")
    expect(r.code == 3, "no proxy, dead gateway", r)


@suite.test
def timestamp_is_gmt8_in_every_zone():
    for tz in ("UTC", "America/New_York", "Asia/Shanghai"):
        r = suite.run("send", "taobao.a.b", "-p", "it", "--json", env={"TZ": tz})
        expect(r.code == 0, "accepted under TZ=%s" % tz, r)
        ts = main_gw.received()[-1]["params"]["timestamp"]
        sent = datetime.datetime.strptime(ts, "%Y-%m-%d %H:%M:%S")
        beijing = datetime.datetime.utcnow() + datetime.timedelta(hours=8)
        expect(abs((sent - beijing).total_seconds()) < 5, "TZ=%s sent %s, Beijing is %s" % (tz, ts, beijing))


@suite.test
def dry_run_is_exact_and_sends_nothing():
    before = len(main_gw.received())
    params = SEEDS["taobao.jym.message.apppush.send"]
    r = suite.run("send", "taobao.jym.message.apppush.send", "-p", "it", "--dry-run", *sets(params))
    expect(r.code == 0, "dry run", r)
    head, _, body = r.out.rstrip("\n").partition("\r\n\r\n")
    lines = head.split("\r\n")
    expect(lines[0] == "POST /router/rest HTTP/1.1", "request line", r)
    expect("Content-Type: application/x-www-form-urlencoded;charset=utf-8" in lines, "content type", r)
    length = [l for l in lines if l.startswith("Content-Length: ")][0]
    expect(int(length.split(": ")[1]) == len(body.encode()), "content length matches body", r)
    fields = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
    for k, v in params.items():
        expect(fields[k] == v, "dry-run body carries %s" % k)
    expect(fields["sign"] == top_sign(fields, SECRET), "dry-run signature checks in Python")
    time.sleep(0.2)
    expect(len(main_gw.received()) == before, "nothing was sent")


@suite.test
def session_key_sent_but_never_shown():
    profile_for(main_gw, "it-session", session_env="TOPC_IT_SESSION")
    r = suite.run("send", "taobao.a.b", "-p", "it-session", "--json")
    expect(r.code == 0, "send with session", r)
    expect(main_gw.received()[-1]["params"]["session"] == "<session>", "inbox masks the session")
    r = suite.run("send", "taobao.a.b", "-p", "it-session", "--dry-run")
    expect("session=%3Csession%3E" in r.out, "dry run masks the session", r)


@suite.test
def builtin_local_profile_works_offline():
    r = suite.run("send", "taobao.tpn.template.message.send", *sets(SEEDS["taobao.tpn.template.message.send"]))
    expect(r.code == 0 and r.err.startswith("success  taobao.tpn.template.message.send  HTTP 200"), "local (summary on stderr when piped)", r)
    expect('"tpn_template_message_send_response"' in r.out, "pretty body", r)


@suite.test
def help_and_version():
    r = suite.run("--version")
    expect(r.code == 0 and r.out.startswith("topc "), "version", r)
    r = suite.run("--help")
    expect(r.code == 0 and "send" in r.out and "gateway" in r.out, "help", r)
    r = suite.run("help", "gateway")
    expect(r.code == 0 and "drip" in r.out and "ratelimit" in r.out, "gateway help lists faults", r)
    r = suite.run("frobnicate")
    expect(r.code == 2 and "no command" in r.err, "unknown command", r)


TPN = "taobao.tpn.template.message.send"
TPN_SET = ["-s", "template_id=101", "-s", "user_id=1", "-s", "biz_id=2"]


@suite.test
def a_file_value_keeps_its_bytes_with_capital_s():
    # -S NAME=@FILE sends the file's bytes as they are (README); -s drops one
    # final line end, \n or \r\n, and keeps a lone final \r.
    cases = [("abc\n", "abc\n", "abc"), ("abc\r\n", "abc\r\n", "abc"),
             ("abc\r", "abc\r", "abc\r"), ("abc\n\n", "abc\n\n", "abc\n"), ("abc", "abc", "abc")]
    path = os.path.join(suite.home, "value.txt")
    for data, raw, cooked in cases:
        with open(path, "wb") as f:
            f.write(data.encode())
        r = suite.run("send", TPN, "-p", "it", *TPN_SET, "-S", "template_key=@" + path, "--json")
        got = main_gw.received()[-1]["params"]["template_key"]
        expect(r.code == 0 and got == raw, "-S @FILE %r arrived as %r" % (data, got), r)
        r = suite.run("send", TPN, "-p", "it", *TPN_SET, "-s", "template_key=@" + path, "--json")
        got = main_gw.received()[-1]["params"]["template_key"]
        expect(r.code == 0 and got == cooked, "-s @FILE %r arrived as %r" % (data, got), r)


@suite.test
def a_long_name_is_named_short():
    # a 100,000-character -s NAME was echoed into the message until the
    # error's buffer cut it (the fix, "did you mean", cut away with it); a
    # key that long inside a JSON value went whole into each problem
    long = "a" * 100000
    r = suite.run("send", TPN, "-p", "it", "-s", long + "=1", "--dry-run")
    expect(r.code == 2 and "has no field " + "a" * 64 + "\u2026 (100000 B); did you mean" in r.err
           and len(r.err) < 400, "the name cut, its length said, the fix kept", r)
    r = suite.run("send", "taobao.jym.message.apppush.send", "-p", "it", "-s", "user_id=1",
                  "-s", "message_id=1", "-s", "template_id=1", "--strict", "--dry-run",
                  "-s", 'push_content_dto={"%s":1,"title":"t"}' % long)
    expect(r.code == 2 and 'has no field "' + "a" * 64 + '\u2026 (100000 B)"' in r.err and
           len(r.err) < 1000, "a JSON key named short in the problem", r)
    r = suite.run("send", TPN, "-p", "it", "-s", "a" * 64 + "=1", "--dry-run")
    expect(r.code == 2 and "has no field " + "a" * 64 in r.err and "\u2026" not in r.err,
           "64 characters whole", r)


@suite.test
def a_method_override_is_refused_without_any_method():
    before = len(main_gw.received())
    for opt in ("-s", "-S"):
        r = suite.run("send", TPN, "-p", "it", "-s", "template_key=k", *TPN_SET,
                      opt, "method=taobao.jym.message.apppush.send")
        expect(r.code == 2 and "another API than %s" % TPN in r.err and "--any-method" in r.err,
               "%s method= refused" % opt, r)
    expect(len(main_gw.received()) == before, "nothing reached the gateway")
    # the same method is no override
    r = suite.run("send", TPN, "-p", "it", "-s", "template_key=k", *TPN_SET, "-s", "method=" + TPN)
    expect(r.code == 0, "method=METHOD is METHOD", r)
    # --any-method sends it and says which method went out
    r = suite.run("send", TPN, "-p", "it", "-s", "template_key=k", *TPN_SET, "--json",
                  "-s", "method=taobao.jym.message.apppush.send", "--any-method")
    o = r.json()
    expect(o["code"] == 40 and "message_id" in o["sub_code"] and  # the gateway handled jym
           o["method"] == TPN and o["sent_method"] == "taobao.jym.message.apppush.send",
           "--any-method: the JSON names the method sent", r)
    r = suite.run("send", TPN, "-p", "it", "-s", "template_key=k", *TPN_SET,
                  "-s", "method=taobao.jym.message.apppush.send", "--any-method")
    expect("(sent as method=taobao.jym.message.apppush.send)" in r.err, "the summary names it", r)
    last = json.loads(suite.run("history", "list", "--limit", "1", "--json").out)
    expect(last["params"]["method"] == "taobao.jym.message.apppush.send",
           "the history keeps the method that went out among what was sent", last)
    # its replay sent the other API without being asked: the one check of
    # every sender refuses it, --exact or --fresh, unless --any-method
    before = len(main_gw.received())
    for mode in ("--exact", "--fresh"):
        r = suite.run("replay", str(last["id"]), mode)
        expect(r.code == 1 and "another API than %s" % TPN in r.err and "--any-method" in r.err,
               "replay %s of the override refused" % mode, r)
    expect(len(main_gw.received()) == before, "no replay reached the gateway")
    r = suite.run("replay", str(last["id"]), "--exact", "--any-method")
    expect(r.code == 1 and "another API" not in r.err,
           "--any-method lets it go; the gateway's answer is jym's error (exit 1)", r)
    again = json.loads(suite.run("history", "list", "--limit", "1", "--json").out)
    expect(again["replay_of"] == last["id"] and "message_id" in again["sub_code"] and
           again["params"]["method"] == "taobao.jym.message.apppush.send",
           "replay --exact --any-method sends the override (the gateway handled jym)", again)


def run_to(path, *args):
    import subprocess
    with open(path, "wb") as out:
        p = subprocess.run([suite.topc] + list(args), stdout=out, stderr=subprocess.PIPE,
                           env=suite.env, timeout=60)
    return p.returncode, p.stderr.decode("utf-8", "replace")


@suite.test
def sent_but_unprinted_has_its_own_exit_status():
    if not os.path.exists("/dev/full"):
        return
    before = len(main_gw.received())
    code, err = run_to("/dev/full", "send", TPN, "-p", "it", "-s", "template_key=k", *TPN_SET)
    expect(code == 4 and "do not send it again" in err, "send > /dev/full: 4, not 3 (%d) %s" % (code, err))
    expect(len(main_gw.received()) == before + 1, "it went out once")
    for extra in (["--json"], ["--query", ".tpn_template_message_send_response"]):
        code, err = run_to("/dev/full", "send", TPN, "-p", "it", "-s", "template_key=k", *TPN_SET, *extra)
        expect(code == 4, "send %s > /dev/full: 4 (%d) %s" % (extra, code, err))
    last = json.loads(suite.run("history", "list", "--limit", "1", "--json").out)
    code, err = run_to("/dev/full", "replay", str(last["id"]))
    expect(code == 4, "replay > /dev/full: 4 (%d) %s" % (code, err))
    # an API error that could not be printed is no resend case either
    code, err = run_to("/dev/full", "send", "taobao.topc.noform.send", "-p", "it", "-s", "v=3.0")
    expect(code == 4, "api error > /dev/full: 4 (%d) %s" % (code, err))
    # refused before sending: still 2
    code, err = run_to("/dev/full", "send", TPN, "-p", "it", "-s", "user_id=x")
    expect(code == 2, "refused > /dev/full: 2 (%d)" % code)
    r = suite.run("help", "--man")
    expect("do not send it again" in r.out, "the man page lists 4", r)


@suite.test
def replay_refuses_a_repeated_id():
    suite.run("send", TPN, "-p", "it", "-s", "template_key=k", *TPN_SET)
    last = json.loads(suite.run("history", "list", "--limit", "1", "--json").out)
    before = len(main_gw.received())
    i = str(last["id"])
    r = suite.run("replay", i, i, i)
    expect(r.code == 2 and "given twice" in r.err, "replay ID ID ID refused", r)
    expect(len(main_gw.received()) == before, "nothing sent")
    # asked for in so many words, it goes out so many times
    r = suite.run("replay", i, "--repeat", "3", "--exact")
    expect(r.code == 0 and len(main_gw.received()) == before + 3, "--repeat 3 sends it 3 times", r)
    for bad in ("0", "x", "100001"):
        r = suite.run("replay", i, "--repeat", bad)
        expect(r.code == 2 and "--repeat takes" in r.err, "--repeat %s refused" % bad, r)


@suite.test
def a_number_is_kept_as_it_is_sent():
    # the SDK sends a Long's toString: 007 goes out as 7; the history's values
    # say 7 too (what you see is what is sent)
    r = suite.run("send", TPN, "-p", "it", "-s", "template_key=k", "-s", "template_id=0101",
                  "-s", "user_id=007", "-s", "biz_id=-0")
    expect(r.code == 0, "sent", r)
    got = main_gw.received()[-1]["params"]
    expect(got["user_id"] == "7" and got["template_id"] == "101" and got["biz_id"] == "0",
           "the wire has the canonical numbers", got)
    last = json.loads(suite.run("history", "list", "--limit", "1", "--json").out)
    expect(last["values"]["user_id"] == "7" and last["values"]["template_id"] == "101" and
           last["values"]["biz_id"] == "0", "the values kept are the ones sent", last)



@suite.test
def a_history_that_cannot_open_is_said_once():
    # a send opened its history for the pending entry and again for the
    # outcome: a history that cannot open was said twice, and a send paid
    # for two opens
    state = os.path.join(suite.home, "state-is-a-file")
    with open(state, "w") as f:
        f.write("x")
    before = len(main_gw.received())
    r = suite.run("send", TPN, "-p", "it", "-s", "template_key=k", *TPN_SET,
                  env={"XDG_STATE_HOME": state})
    expect(r.code == 0 and len(main_gw.received()) == before + 1, "sent all the same", r)
    expect(r.err.count("not kept in the history") == 1, "said once", r)


@suite.test
def generators_in_s_are_computed_as_in_a_template():
    # -s 'message_id=${uuid}' sent the text ${uuid} to the gateway (only a
    # template computed generators, the console computed them in a field),
    # and an exact replay of that entry was then refused
    import re
    uuid4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    jym = "taobao.jym.message.apppush.send"
    base = ["-s", "user_id=1526984087476772", "-s", "template_id=1"]
    dto = ('push_content_dto={"content":"${now_ms}","push_redirect_url_dto":'
           '{"redirect_url":"http://x.cn","redirect_url_type":1},"title":"t"}')
    r = suite.run("send", jym, "-p", "it", "-s", "message_id=${uuid}", "-s", dto, *base)
    expect(r.code == 0, "sent", r)
    sent = main_gw.received()[-1]["params"]
    expect(uuid4.match(sent["message_id"]), "a version 4 uuid went out", sent)
    content = json.loads(sent["push_content_dto"])
    expect(re.match(r"^1[0-9]{12}$", content["content"]) and
           "http:\\/\\/x.cn" in sent["push_content_dto"],
           "the generator inside the Json field computed, the JSON the SDK's", sent)
    first = suite.entries()[0]
    expect(first["values"]["message_id"] == sent["message_id"] and
           first["generated"]["message_id"] == "${uuid}", "kept as sent, its generator apart", first)
    r = suite.run("replay", str(first["id"]), "--exact")
    expect(r.code == 0 and main_gw.received()[-1]["params"]["message_id"] == sent["message_id"],
           "an exact replay sends the same uuid", r)
    r = suite.run("replay", str(first["id"]), "--fresh")
    fresh = main_gw.received()[-1]["params"]
    expect(r.code == 0 and uuid4.match(fresh["message_id"]) and
           fresh["message_id"] != sent["message_id"] and
           json.loads(fresh["push_content_dto"])["content"] != "${now_ms}",
           "a fresh replay computes them again", r)
    # $$ is the way to send the text: it goes out as typed, and replays exact
    before = len(main_gw.received())
    r = suite.run("send", jym, "-p", "it", "-s", "message_id=$${uuid}", "-s",
                  dto.replace("${now_ms}", "c"), *base)
    expect(r.code == 0 and main_gw.received()[-1]["params"]["message_id"] == "${uuid}",
           "$${uuid} sends the text ${uuid}", r)
    r = suite.run("replay", str(suite.entries()[0]["id"]), "--exact")
    expect(r.code == 0 and main_gw.received()[-1]["params"]["message_id"] == "${uuid}",
           "and an exact replay of it sends that text", r)
    # an unknown generator is refused before anything is signed, naming it
    before = len(main_gw.received())
    r = suite.run("send", jym, "-p", "it", "-s", "message_id=${uuidx}", "-s", dto, *base)
    expect(r.code == 2 and "message_id" in r.err and "${uuid}" in r.err and
           len(main_gw.received()) == before, "refused, the field and the fix named", r)
    # named as the option and the field: there is no template "send"
    expect(r.err.startswith("topc: -s message_id: ${uuidx} is not a generator") and
           "template" not in r.err, "the -s option and its field named", r)
    r = suite.run("send", jym, "-p", "it", "-s", "message_id=${env:TOPC_NO_SUCH_VAR}", "-s", dto,
                  *base)
    expect(r.code == 2 and r.err.startswith("topc: -s message_id: ") and "template" not in r.err,
           "an ${env:..} that is not set, the same", r)
    # -S stays byte for byte
    r = suite.run("send", jym, "-p", "it", "-S", "message_id=${uuid}", "-s", dto, *base)
    expect(r.code == 0 and main_gw.received()[-1]["params"]["message_id"] == "${uuid}",
           "-S sends what is typed", r)

@suite.test
def a_value_given_over_a_templates_generator_is_replayed_as_given():
    # -s push_content_dto.title=XX over a template's title=T${now_ms}: the
    # history kept the template's generator beside XX ("XX (from
    # T${now_ms})"), and a fresh replay sent a new T... where XX was given
    jym = "taobao.jym.message.apppush.send"
    r = suite.run("templates", "save", "overgen", jym, "-s", "user_id=1526984087476772",
                  "-s", "template_id=1", "-s", "message_id=${uuid}",
                  "-s", "push_content_dto.title=T${now_ms}", "-s", "push_content_dto.content=c")
    expect(r.code == 0, "saved", r)
    r = suite.run("send", "-p", "it", "-t", "overgen", "-s", "push_content_dto.title=XX",
                  "-s", "message_id=fixed-id-1")
    expect(r.code == 0, "sent", r)
    first = suite.entries()[0]
    kept = first.get("generated", {})
    expect("push_content_dto.title" not in kept and "message_id" not in kept,
           "no generator kept for what was given", first)
    r = suite.run("replay", str(first["id"]), "--fresh")
    fresh = main_gw.received()[-1]["params"]
    # (message_id is unique per send: a fresh replay gives it a new value
    # whatever was given, as the README says)
    expect(r.code == 0 and json.loads(fresh["push_content_dto"])["title"] == "XX",
           "a fresh replay sends what was given", fresh)


if __name__ == "__main__":
    import urllib.parse  # noqa: F401
    suite.main()
