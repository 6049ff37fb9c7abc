#!/usr/bin/env python3
"""topc against the official Java SDK's behaviour, with expected values from
an independent source: a small Python re-implementation of the SDK's
JSONWriter (com.taobao.api.internal.util.json.JSONWriter, written out below
from its rules, never from topc's output), the doc pages' own Java examples
and the SDK's RequestCheckUtils.

- structures byte for byte: empty strings kept, unset fields left out,
  controls as upper-case \\uXXXX, numbers canonical, 19-digit ids exact;
- each seed page's Java example, as the SDK would send it (Python signs) and
  through `topc send` with the same values, succeeds against `topc gateway`,
  with the warnings the pages' prose calls for."""
import json
import time
import os
import subprocess
import re
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect, Gateway, signed_post  # noqa: E402

suite = Suite()
SECRET = suite.secret("fidelity-it-secret-5c1e")
APP_KEY = "23000077"
suite.env["TOPC_FIDELITY_SECRET"] = SECRET
FID = dict(app_key=APP_KEY, secret_env="TOPC_FIDELITY_SECRET")  # every profile's keys
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PAGES = os.path.join(ROOT, "tests", "pages")
JYM = "taobao.jym.message.apppush.send"
TBK = "taobao.tbk.marketing.msg.send"
TPN = "taobao.tpn.template.message.send"
CAMPUS = "alibaba.campus.mc.message.sendmessagetomobile"
gw = None


# --- the SDK's JSONWriter, from its source's rules ---------------------------

def java_string(s):
    """JSONWriter.string(): \" \\ / get a backslash, \\b \\f \\n \\r \\t their short
    forms, other Character.isISOControl characters \\uXXXX upper case."""
    out = ['"']
    short = {'"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n',
             '\r': '\\r', '\t': '\\t'}
    for ch in s:
        c = ord(ch)
        if ch in short:
            out.append(short[ch])
        elif c <= 0x1F or 0x7F <= c <= 0x9F:
            out.append("\\u%04X" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def camel(snake):
    parts = snake.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def java_value(v):
    """A bean's property value: dict = a domain object, list = List<...>,
    int = Long, bool = Boolean, str = String.  None is left out."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)  # Long.toString
    if isinstance(v, str):
        return java_string(v)
    if isinstance(v, list):
        return "[" + ",".join(java_value(e) for e in v) + "]"
    # a bean: Introspector sorts properties by their Java (camelCase) name
    items = sorted(((k, x) for k, x in v.items() if x is not None), key=lambda kv: camel(kv[0]))
    return "{" + ",".join(java_string(k) + ":" + java_value(x) for k, x in items) + "}"


# --- the pages' Java examples -------------------------------------------------

def snake(name):
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


LIST_FIELDS = {"item_id_list"}


def java_example(method):
    """The values the page's Java example sets: {top-level name: value},
    objects as dicts, plus whether it passes a sessionKey."""
    with open(os.path.join(PAGES, method + ".txt"), encoding="utf-8") as f:
        text = f.read()
    code = text[text.index("请求示例"):text.index("响应示例")]
    objs = {"req": {}}
    for line in code.splitlines():
        line = line.strip()
        m = re.match(r"[\w.]+ (\w+) = new ", line)
        if m:
            objs.setdefault(m.group(1), {})
            continue
        m = re.match(r"(\w+)\.set(\w+)\((.*)\);$", line)
        if not m:
            continue
        var, setter, arg = m.groups()
        name = snake(setter)
        if name.endswith("_string"):
            name = name[:-len("_string")]  # setBizDataString: the Json field's text
        if re.fullmatch(r"-?\d+L", arg):
            value = int(arg[:-1])
        elif arg in ("true", "false"):
            value = arg == "true"
        elif arg.startswith('"'):
            value = arg[1:-1]
            if not value.startswith('"'):
                value = json.loads('"' + value + '"')  # Java's escapes are JSON's here
        else:
            value = objs[arg]
        if name in LIST_FIELDS and isinstance(value, str):
            # the page's table says String []: the SDK's setter takes a
            # List<String> (the example's ""top:..."" is not even Java)
            value = value.split(",")
        objs[var][name] = value
    return objs["req"], "execute(req, sessionKey)" in code


def flatten(values, prefix=""):
    """-s PATH=VALUE pairs for topc send."""
    out = []
    for k, v in values.items():
        path = prefix + k
        if isinstance(v, dict):
            out += flatten(v, path + ".")
        elif isinstance(v, bool):
            out += ["-s", "%s=%s" % (path, "true" if v else "false")]
        elif isinstance(v, list):
            out += ["-s", "%s=%s" % (path, json.dumps(v))]
        else:
            out += ["-s", "%s=%s" % (path, v)]
    return out


def sdk_params(values):
    """What the SDK sends for the example: structures through JSONWriter,
    the rest as TaobaoHashMap.put turns them into text."""
    out = {}
    for k, v in values.items():
        if isinstance(v, dict):
            out[k] = java_value(v)
        elif isinstance(v, bool):
            out[k] = "true" if v else "false"
        else:
            out[k] = str(v)
    return out


def post(method, params, session=None):
    p = dict(params, method=method, app_key=APP_KEY, v="2.0", format="json", sign_method="md5",
             partner_id="top-sdk-java-20200706")
    if session:
        p["session"] = session
    return signed_post(gw.url, p, SECRET)


def dry_run(*args):
    r = suite.run("send", *args, "--dry-run")
    expect(r.code == 0, "dry run", r)
    body = r.out.rstrip("\n").split("\r\n\r\n", 1)[1]
    return dict(urllib.parse.parse_qsl(body, keep_blank_values=True)), r


@suite.test
def start_gateway():
    global gw
    gw = suite.gateway_for("fid", **FID)


@suite.test
def java_writer_reimplementation_matches_the_protocol_notes():
    # TOP_PROTOCOL.md 3.3 quotes the SDK's actual output for the jym example
    v = {"push_redirect_url_dto": {"redirect_url": "http://www.jiaoyimao.com",
                                   "redirect_url_type": 1}, "title": "标题", "content": "内容"}
    expect(java_value(v) == '{"content":"内容","push_redirect_url_dto":{"redirect_url":'
           '"http:\\/\\/www.jiaoyimao.com","redirect_url_type":1},"title":"标题"}', "3.3", v)


@suite.test
def structures_byte_for_byte_as_the_sdk_writes_them():
    title = "a/b\"c\\d\n\t\x01\x1f\x7f\x80\x85\x9f\xa0é中😀"
    dto = {"content": "", "title": title,
           "push_redirect_url_dto": {"redirect_url": "http://x/y", "redirect_url_type": 1}}
    params, _ = dry_run(JYM, "-p", "fid", "-s", "user_id=1", "-s", "message_id=m",
                        "-s", "template_id=1", "-s",
                        "push_content_dto=" + json.dumps(dto, ensure_ascii=True))
    expect(params["push_content_dto"] == java_value(dto), "JSONWriter text", params)
    expect('"content":""' in params["push_content_dto"], "empty string kept", params)
    expect("\\u007F\\u0080\\u0085\\u009F" in params["push_content_dto"], "upper-case C1", params)
    # unset fields are left out, set ones by path too
    params, _ = dry_run(JYM, "-p", "fid", "-s", "user_id=1", "-s", "message_id=m",
                        "-s", "template_id=1", "-s", "push_content_dto.title=t")
    expect(params["push_content_dto"] == '{"title":"t"}', "unset left out", params)


@suite.test
def partner_id_names_topc_as_the_sdks_name_themselves():
    params, _ = dry_run("taobao.raw.call", "-p", "fid", "-s", "a=1")
    expect(re.fullmatch(r"topc-\d+\.\d+\.\d+\S*", params.get("partner_id", "")), "sent", params)
    # and signed: the gateway checks the signature over what it received
    r = suite.run("send", "taobao.raw.call", "-p", "fid", "-s", "a=1")
    expect(r.code == 0, "accepted", r)
    suite.profile("fid-nopartner", gateway=gw.url, partner_id="", **FID)
    params, _ = dry_run("taobao.raw.call", "-p", "fid-nopartner", "-s", "a=1")
    expect("partner_id" not in params, "partner_id = \"\" leaves it out", params)


@suite.test
def numbers_go_out_canonical():
    params, _ = dry_run(JYM, "-p", "fid", "-s", "user_id=01", "-s", "message_id=m",
                        "-s", "template_id=-0", "-s", "push_content_dto.title=t",
                        "-s", "push_content_dto.push_redirect_url_dto.redirect_url_type=007")
    # Long.toString, what the SDK's setUserId(01L) sends
    expect(params["user_id"] == "1" and params["template_id"] == "0", "top level", params)
    expect(params["push_content_dto"] == java_value(
        {"title": "t", "push_redirect_url_dto": {"redirect_url_type": 7}}), "nested", params)
    json.loads(params["push_content_dto"])  # valid JSON, always


@suite.test
def a_19_digit_id_inside_a_structure_is_exact():
    big = 1234567890123456789
    dto = {"title": "t", "push_redirect_url_dto": {"redirect_url_type": big}}
    o = post(JYM, {"user_id": "1", "message_id": "m", "template_id": "1",
                   "push_content_dto": java_value(dto)})
    expect("jym_message_apppush_send_response" in o, "gateway takes it", o)
    o = post(JYM, {"user_id": "1", "message_id": "m", "template_id": "1",
                   "push_content_dto": java_value(
                       {"push_redirect_url_dto": {"redirect_url_type": 2 ** 63}})})
    e = o.get("error_response", {})
    expect(e.get("code") == 41 and "9223372036854775808 is outside the 64-bit range"
           in e.get("sub_msg", ""), "past 64 bits refused exactly", o)
    params, r = dry_run(JYM, "-p", "fid", "-s", "user_id=%d" % big, "-s", "message_id=m",
                        "-s", "template_id=1", "-s", "push_content_dto=" + json.dumps(dto))
    expect(params["push_content_dto"] == java_value(dto), "topc keeps the digits", params)


SEED_WARNINGS = {
    JYM: [],
    TPN: [],
    TBK: ["oppo_sp.show_time: 2 is outside the range 6 to 48",
          "target_item: may be set only when material_type is 2 (it is 1)",
          "oppo_sp: may be set only when manufacturer is oppo (it is huawei)",
          "rongyao_sp: may be set only when manufacturer is rongyao (it is huawei)",
          "rongyao_sp.top_end_time: is 1440 minutes after rongyao_sp.top_start_time; at most "
          "240 allowed"],
    CAMPUS: ["mobile_receiver_message_event.msg_key: \"1\" is not a UUID"],
}


@suite.test
def each_seed_java_example_sent_as_the_sdk_sends_it_succeeds():
    for method in SEED_WARNINGS:
        values, _ = java_example(method)
        o = post(method, sdk_params(values))
        expect("error_response" not in o, "%s: the SDK's request is accepted" % method, o)


@suite.test
def each_seed_java_example_through_topc_send_succeeds_with_the_prose_warnings():
    for method, warnings in SEED_WARNINGS.items():
        values, _ = java_example(method)
        before = len(gw.received())
        r = suite.run("send", method, "-p", "fid", *flatten(values))
        expect(r.code == 0 and len(gw.received()) == before + 1, "%s sent" % method, r)
        got = [line for line in r.err.splitlines() if line.startswith("topc: warning: ")]
        expect(len(got) == len(warnings), "%s: %d warnings" % (method, len(warnings)), r)
        for w in warnings:
            expect(any(w in line for line in got), "%s warns %r" % (method, w), r)
        arrived = gw.received()[-1]["params"]
        for k, v in sdk_params(values).items():
            expect(arrived.get(k) == v, "%s: %s as the SDK sends it" % (method, k),
                   [arrived.get(k), v])
        r = suite.run("send", method, "-p", "fid", "--strict", *flatten(values))
        expect(r.code == (2 if warnings else 0), "%s --strict" % method, r)


JYM_OK = ["-s", "user_id=1", "-s", "message_id=m", "-s", "template_id=1",
          "-s", "push_content_dto.title=t"]


@suite.test
def simplify_answered_bare_and_read():
    suite.profile("fid-simple", gateway=gw.url, simplify=True, **FID)
    r = suite.run("send", JYM, "-p", "fid-simple", "--json", *JYM_OK)
    o = r.json()
    expect(r.code == 0 and o["outcome"] == "success", "success", r)
    # TOP_PROTOCOL.md 4.4: no wrapper, the result at the root, request_id kept
    expect("jym_message_apppush_send_response" not in o["body"] and
           o["body"]["result"]["state_code"] == "SUCCESS", "bare root", r)
    expect(o["request_id"] and o["request_id"] == o["body"]["request_id"], "request_id", r)
    # errors stay wrapped
    r = suite.run("send", JYM, "-p", "fid-simple", "--json", *(JYM_OK + ["-S", "v=3.0"]))
    expect(r.code == 1 and r.json()["code"] == 33 and "error_response" in r.json()["body"],
           "error wrapped", r)


@suite.test
def the_forms_success_rules_decide_in_send_and_history():
    user_forms = os.path.join(suite.home, "config", "topc", "forms")
    os.makedirs(user_forms, exist_ok=True)
    with open(os.path.join(ROOT, "forms", JYM + ".conf"), encoding="utf-8") as f:
        text = f.read()
    # this copy of the form says only state_code "DONE" means success; the
    # gateway answers the page's example, whose state_code is "SUCCESS"
    text = re.sub(r"success = \(.*?\n\);", 'success = ( { field = "result.state_code"; '
                  'values = ("DONE"); } );', text, flags=re.S)
    path = os.path.join(user_forms, JYM + ".conf")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    try:
        r = suite.run("send", JYM, "-p", "fid", "--json", *JYM_OK)
        o = r.json()
        expect(r.code == 1 and o["outcome"] == "business_failure", "business failure", r)
        expect('result.state_code is "SUCCESS", not "DONE"' in o["detail"], "says why", r)
        r = suite.run("history", "list", "--limit", "1", "--json")
        expect(json.loads(r.out.splitlines()[0])["outcome"] == "business_failure",
               "history keeps it", r)
    finally:
        os.remove(path)
    r = suite.run("send", JYM, "-p", "fid", "--json", *JYM_OK)
    expect(r.code == 0 and r.json()["outcome"] == "success", "the shipped form's rules", r)


@suite.test
def a_page_whose_example_passes_a_session_needs_one():
    with open(os.path.join(PAGES, TPN + ".txt"), encoding="utf-8") as f:
        page = f.read().replace("client.execute(req);", "client.execute(req, sessionKey);")
    src = os.path.join(suite.home, "tpn-session.txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write(page)
    user_forms = os.path.join(suite.home, "config", "topc", "forms")
    os.makedirs(user_forms, exist_ok=True)
    r = suite.run("import-doc", src, "-o", user_forms)
    path = os.path.join(user_forms, TPN + ".conf")
    expect(r.code == 0 and "session = true;" in open(path, encoding="utf-8").read(),
           "recorded in the form", r)
    values, _ = java_example(TPN)
    global gw
    plain, gw = gw, Gateway(suite)  # a gateway started after the form exists
    suite.profile("fid-new", gateway=gw.url, **FID)
    try:
        r = suite.run("send", TPN, "-p", "fid-new", *flatten(values))
        expect(r.code == 2 and "needs a session" in r.err and "session_env" in r.err,
               "refused without one", r)
        o = post(TPN, sdk_params(values))
        expect(o.get("error_response", {}).get("code") == 26, "gateway: 26 Missing Session", o)
        o = post(TPN, sdk_params(values), session="user-session-1")
        expect("tpn_template_message_send_response" in o, "with a session", o)
        suite.env["TOPC_FID_SESSION"] = suite.secret("fid-session-77aa")
        suite.profile("fid-sess", gateway=gw.url, session_env="TOPC_FID_SESSION", **FID)
        r = suite.run("send", TPN, "-p", "fid-sess", *flatten(values))
        expect(r.code == 0, "sent with the profile's session", r)
    finally:
        os.remove(path)
        gw = plain


fake = None  # answers what the test sets


@suite.test
def start_fake_gateway():
    global fake
    fake = suite.answering("fake", "{}", **FID)


def error_body(code, sub_code=None, msg="m", sub_msg=None):
    e = {"code": code, "msg": msg, "request_id": "r%d" % code}
    if sub_code:
        e["sub_code"] = sub_code
    if sub_msg:
        e["sub_msg"] = sub_msg
    return json.dumps({"error_response": e})


def advice(body, status=200, ctype="application/json", skew_s=0, method="taobao.raw.call"):
    fake.answer(body, status=status, content_type=ctype, clock_s=skew_s)
    r = suite.run("send", method, "-p", "fake", "--json", "-s", "a=1")
    expect(r.code in (1, 3), "an error", r)
    return r.json().get("advice", "")


# Each code of TOP_PROTOCOL.md 5 with words its meaning there calls for.
CODE_WORDS = {3: "upload", 4: "call count", 5: "call count", 6: "call count", 7: "ban",
              8: "frequent", 9: "POST", 10: "retry", 11: "package", 12: "authorize",
              13: "partner", 15: "sub_code", 21: "method", 22: "method", 23: "json or xml",
              24: "sign", 25: "secret", 26: "session", 27: "session", 28: "app_key",
              29: "app_key", 30: "timestamp", 31: "GMT+8", 32: "v parameter", 33: "2.0",
              34: "version", 40: "required", 41: "bad value", 42: "forbidden", 43: "malformed",
              44: "token", 47: "UTF-8", 50: "sub_msg", 53: "security"}
SUB_WORDS = {"isv.permission-api-package-empty": "no API permission package",
             "isv.permission-api-package-not-allowed": "do not include this API",
             "isv.permission-api-package-limit": "scopes",
             "isv.permission-ip-whitelist-limit": "whitelist",
             "isv.permission-api-widget-only-limit": "widget",
             "accesscontrol.limited-by-app-access-count": "daily call count",
             "accesscontrol.limited-by-api-access-count": "this API's call count",
             "accesscontrol.limited-by-app-api-access-count": "the app's call count for this",
             "session-expired": "expired", "invalid-sessionkey": "not one TOP issued",
             "isv.appkey-not-exists": "no app has this app_key",
             "isv.missing-parameter:user_id": "missing",
             "isp.top-remote-connection-timeout": "timed out",
             "isp.anything-new": "platform's side",
             "isv.MOBILE_NUMBER_ILLEGAL": "will not help"}


@suite.test
def every_code_and_sub_code_gets_advice_in_json():
    for code, words in CODE_WORDS.items():
        a = advice(error_body(code))
        expect(words.lower() in a.lower(), "code %d advice has %r" % (code, words), a)
    for sub, words in SUB_WORDS.items():
        a = advice(error_body(15, sub))
        expect(words.lower() in a.lower() and sub in a, "%s advice has %r" % (sub, words), a)
    a = advice(error_body(15, "isp.top-remote-service-unavailable"))
    expect("worth retrying" in a, "isp.* retryable", a)
    a = advice("<html><body>502 Bad Gateway</body></html>", status=502, ctype="text/html")
    expect("5xx" in a and "retry" in a, "HTML 5xx advice", a)


@suite.test
def the_printed_code_25_command_is_safe_to_paste():
    # the human check line quoted ' as '\\'' (the backslash doubled as
    # inert text): pasted into a shell, the rest of the value ran as code
    stamp = os.path.join(suite.home, "PWNED")
    for value in ("x' $(touch %s) '\\n\\\" \\x41 \u4e2d" % stamp,
                  "tab\there \u202eevil\u202c \\' $(touch %s)" % stamp):
        fake.answer(error_body(25), content_type="application/json")
        r = suite.run("send", "taobao.raw.call", "-p", "fake", "-s", "a=" + value)
        line = [l for l in r.err.splitlines() if l.startswith("check:")]
        expect(line and "topc sign -p fake" in line[0], "the check line names the command", r)
        expect(not any(c in line[0] for c in "\t\u202e\u202c\x1b"), "the line is inert", r)
        command = line[0][line[0].index("topc sign -p fake"):]
        # bash: $'...' is how a character that must not be drawn is quoted
        shown = subprocess.run(["bash", "-c", 'topc() { for a; do printf "%s\\0" "$a"; done; }; ' +
                                command], capture_output=True, env=suite.env)
        argv = shown.stdout.decode("utf-8").split("\0")[:-1]
        expect(not os.path.exists(stamp), "pasting the command runs nothing: %r" % command)
        expect("a=" + value in argv, "the value reads back whole from the pasted command: %r"
               % argv)
        r = suite.run(*argv)
        expect(r.code == 0 and "match:       yes" in r.out, "and its signature matches", r)


@suite.test
def code_31_measures_the_clock_against_the_date_header():
    a = advice(error_body(31), skew_s=-900)
    m = re.search(r"clock is ([+-]\d+) s off the gateway's", a)
    expect(m and 895 <= int(m.group(1)) <= 905, "about +900 s", a)
    fake.answer(error_body(31), content_type="application/json")
    r = suite.run("send", "taobao.raw.call", "-p", "fake", "-s", "a=1")
    expect("check: " in r.err + r.out and "clock is" in r.err + r.out, "the CLI says it too", r)


@suite.test
def code_25_names_the_command_that_shows_this_requests_canonical_string():
    a = advice(error_body(25))
    m = re.search(r"topc sign -p fake( '[^']*')+", a)
    expect(m and "'sign=" in a and "'method=taobao.raw.call'" in a, "the command", a)
    # run it: it recomputes this very request's signature, which matches
    import shlex
    argv = shlex.split(m.group(0))[1:]
    r = suite.run(*argv)
    expect(r.code == 0 and "a1" in r.out, "topc sign shows it and it matches", r)


@suite.test
def retries_wait_the_ban_the_answer_states():
    bans = suite.gateway_for("fid-ban", fault="ratelimit:2", retries=1, retry_delay=0.05, **FID)
    start = time.monotonic()
    r = suite.run("send", JYM, "-p", "fid-ban", "--json", *JYM_OK)
    took = time.monotonic() - start
    o = r.json()
    expect(o["code"] == 7 and o["attempts"] == 2, "retried once", r)
    expect(took >= 2.0, "waited the 2 s ban, not the 0.05 s delay (%.2f s)" % took, r)
    expect("ban lasts 2 more seconds" in o["advice"], "advice says it", r)


@suite.test
def values_that_are_not_utf8_are_refused_except_raw():
    bad = "ab\udcff\udcfe"  # the bytes ab FF FE in argv (surrogateescape)
    args = ["-s", "user_id=1", "-s", "template_id=1", "-s", "push_content_dto.title=t"]
    before = len(gw.received())
    r = suite.run("send", JYM, "-p", "fid", "-s", "message_id=" + bad, *args)
    expect(r.code == 2 and "message_id: not valid UTF-8 at byte 2 (0xFF)" in r.err and
           "-S" in r.err and len(gw.received()) == before, "refused, field and offset", r)
    r = suite.run("send", "taobao.raw.call", "-p", "fid", "-s", "x=" + bad)
    expect(r.code == 2 and "x: not valid UTF-8 at byte 2" in r.err, "without a form too", r)
    r = suite.run("send", JYM, "-p", "fid", "--json", "-S", "message_id=" + bad, *args)
    expect(r.code == 1 and r.json()["code"] == 47, "-S sends it; the gateway answers 47", r)


@suite.test
def white_space_only_is_empty_as_the_sdk_says():
    # StringUtils.isEmpty("   ") is true: RequestCheckUtils.checkNotEmpty -> 40
    r = suite.run("send", JYM, "-p", "fid", "-s", "user_id=1", "-s", "message_id=   ",
                  "-s", "template_id=1", "-s", "push_content_dto.title=t")
    expect(r.code == 2 and "message_id: required String, only white space" in r.err, "send", r)
    o = post(JYM, {"user_id": "1", "message_id": "   ", "template_id": "1",
                   "push_content_dto": '{"title":"t"}'})
    expect(o.get("error_response", {}).get("sub_code") == "isv.missing-parameter:message_id",
           "gateway 40", o)


@suite.test
def a_required_value_trim_empties_is_missing_as_the_sdk_checks():
    # RequestCheckUtils.checkNotEmpty is value.trim().length() == 0; run on
    # JDK 17 it refuses "\x01" (no white space to isWhitespace, but trim()
    # takes every character up to U+0020) and passes "\xa0"; topc sent the first
    args = ["-s", "user_id=1", "-s", "template_id=1", "-s", "push_content_dto.title=t"]
    before = len(gw.received())
    r = suite.run("send", JYM, "-p", "fid", "-s", "message_id=\x01\x02 ", *args)
    expect(r.code == 2 and "message_id: required String, only control characters and spaces"
           in r.err and len(gw.received()) == before, "refused, nothing sent", r)
    r = suite.run("send", JYM, "-p", "fid", "-s", "message_id=\xa0", *args)
    expect(r.code == 0 and gw.received()[-1]["params"].get("message_id") == "\xa0",
           "U+00A0 passes the check and is sent", r)


@suite.test
def white_space_only_optional_is_not_sent():
    # TaobaoHashMap.put drops what StringUtils.isEmpty calls empty (Java's
    # Character.isWhitespace: U+3000 too): neither sent nor signed
    args = ["-s", "template_key=k", "-s", "template_id=1", "-s", "user_id=1", "-s", "biz_id=1",
            "-s", "picture=   ", "-s", "pict=\u3000\t"]
    r = suite.run("send", TPN, "-p", "fid", "--dry-run", *args)
    expect(r.code == 0 and "picture" not in r.out and "pict" not in r.out and
           "picture: only white space: not sent" in r.err, "the preview says so", r)
    before = len(gw.received())
    r = suite.run("send", TPN, "-p", "fid", *args)
    got = gw.received()[before:]
    expect(r.code == 0 and len(got) == 1, "sent and accepted (signed without them)", r)
    expect("picture" not in got[0]["params"] and "pict" not in got[0]["params"],
           "the gateway received neither", got)


# Character.isWhitespace as JDK 17 answers it for every code point (run on
# this machine): U+0009-000D, U+001C-0020, U+1680, U+2000-2006, U+2008-200A,
# U+2028, U+2029, U+205F, U+3000; U+00A0, U+2007, U+202F and U+0085 are not.
JAVA_BLANKS = ["  ", "\u3000\t", "\u2028", "\x1c\u205f"]
JAVA_NOT_BLANK = ["\u00a0", "\u0085", "\u202f"]


@suite.test
def white_space_only_is_never_sent_even_without_a_form():
    # TaobaoHashMap.put drops a value StringUtils.areNotEmpty refuses, and
    # TaobaoUtils.signTopRequest and WebUtils.buildQuery skip it too: the SDK
    # never sends one.  topc sent -s a="  " (and -S) and signed "a  "; a
    # gateway that checks as the SDK signs answers 25 to that
    args = []
    for i, v in enumerate(JAVA_BLANKS):
        args += ["-s" if i % 2 else "-S", "blank%d=%s" % (i, v)]
    for i, v in enumerate(JAVA_NOT_BLANK):
        args += ["-s", "kept%d=%s" % (i, v)]
    params, r = dry_run("taobao.raw.call", "-p", "fid", "-s", "a=1", *args)
    expect(not any(k.startswith("blank") for k in params), "not in the body", params)
    expect(all(params.get("kept%d" % i) == v for i, v in enumerate(JAVA_NOT_BLANK)),
           "what Java calls no white space is sent", params)
    before = len(gw.received())
    r = suite.run("send", "taobao.raw.call", "-p", "fid", "-s", "a=1", *args)
    got = gw.received()[before:]
    expect(r.code == 0 and len(got) == 1, "signed without them and accepted", r)
    expect(not any(k.startswith("blank") for k in got[0]["params"]), "none arrived", got)


@suite.test
def replays_pause_for_a_stated_ban():
    bans = suite.gateway_for("fid-ban2", fault="ratelimit:2", **FID)
    r = suite.run("history", "list", "--method", JYM, "--limit", "2", "--json")
    ids = [str(json.loads(line)["id"]) for line in r.out.splitlines()]
    expect(len(ids) == 2, "two entries to replay", r)
    start = time.monotonic()
    r = suite.run("replay", *ids, "-p", "fid-ban2", "--concurrency", "1")
    took = time.monotonic() - start
    expect("bans the app for 2 more seconds" in r.err, "says so", r)
    expect(took >= 2.0, "the second waited the ban (%.2f s)" % took, r)


@suite.test
def retries_wait_a_short_ban_and_stop_at_a_long_one():
    # the retry policy (client.h): a ban up to 300 s is waited, a longer one
    # ends the retries at once and says so
    short = suite.gateway_for("fid-ban-short", fault="ratelimit:1",
                              retries=1, retry_delay=0.01, **FID)
    start = time.monotonic()
    r = suite.run("send", JYM, "-p", "fid-ban-short", *JYM_OK)
    took = time.monotonic() - start
    expect(r.code == 1 and len(short.received()) == 2 and took >= 1.0 and
           "after 2 attempts" in r.err, "a 1 s ban is waited, then sent again (%.2f s)" % took, r)
    long_ban = suite.gateway_for("fid-ban-long", fault="ratelimit:301",
                                 retries=3, retry_delay=0.01, **FID)
    r = suite.run("send", JYM, "-p", "fid-ban-long", *JYM_OK)
    expect(r.code == 1 and len(long_ban.received()) == 1, "a 301 s ban: sent once", r)
    expect("not sent again: the ban lasts 301 more seconds, longer than the 300 seconds a "
           "retry waits; send again after it" in r.err, "and it says why", r)
    # a ban over a day was read as no ban at all and retried at once
    days = suite.gateway_for("fid-ban-days", fault="ratelimit:86401",
                             retries=3, retry_delay=0.01, **FID)
    r = suite.run("send", JYM, "-p", "fid-ban-days", *JYM_OK)
    expect(r.code == 1 and len(days.received()) == 1 and "the ban lasts 86401 more seconds" in r.err,
           "a ban of a day and a second: sent once, and it says why", r)
    short.stop(suite)
    long_ban.stop(suite)
    days.stop(suite)


@suite.test
def error_answers_are_shown_whole():
    # TaobaoResponse keeps errorCode as a String: a code past 64 bits is shown
    # as written; a \u0000 in msg does not hide the rest of it (it is kept as
    # its six characters, and inert printing shows their backslash as \\)
    server = suite.answering("fid-odd", b'{"error_response":{"code":99999999999999999999,'
                             b'"msg":"Remote\\u0000 service error","sub_code":"isp.x",'
                             b'"sub_msg":"a\\u0000b","request_id":"r9"}}', **FID)
    try:
        r = suite.run("send", JYM, "-p", "fid-odd", *JYM_OK)
        expect(r.code == 1 and "code 99999999999999999999: Remote\\\\u0000 service error" in r.err,
               "the code line, the whole msg", r)
        expect("a\\\\u0000b" in r.err, "the whole sub_msg", r)
        r = suite.run("send", JYM, "-p", "fid-odd", "--json", *JYM_OK)
        doc = r.json()
        expect(doc.get("code_text") == "99999999999999999999" and "code" not in doc and
               doc.get("msg") == "Remote\\u0000 service error", "--json too", r)
    finally:
        server.shutdown()
    for body, words in [(b'{"jym_message_apppush_send_response":{"request_id":"r"}} garbage',
                         "expected the end of the text after the value at line 1, column 58"),
                        (b"{}", "empty object")]:
        server = suite.answering("fid-odd", body, **FID)
        try:
            r = suite.run("send", JYM, "-p", "fid-odd", *JYM_OK)
            expect(r.code == 3 and "unparseable" in r.err and words in r.err,
                   "%r is not a success" % body, r)
        finally:
            server.shutdown()


if __name__ == "__main__":
    suite.main()
