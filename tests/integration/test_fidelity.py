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
import datetime
import json
import os
import re
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect, free_port, Gateway, top_sign  # noqa: E402

suite = Suite()
SECRET = suite.secret("fidelity-it-secret-5c1e")
APP_KEY = "23000077"
suite.env["TOPC_FIDELITY_SECRET"] = SECRET
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
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    p["timestamp"] = now.strftime("%Y-%m-%d %H:%M:%S")
    p["sign"] = top_sign(p, SECRET, "md5")
    req = urllib.request.Request(gw.url, data=urllib.parse.urlencode(p).encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(req, timeout=10) as resp:
        return json.loads(resp.read().decode())


def dry_run(*args):
    r = suite.run("send", *args, "--dry-run")
    expect(r.code == 0, "dry run", r)
    body = r.out.rstrip("\n").split("\r\n\r\n", 1)[1]
    return dict(urllib.parse.parse_qsl(body, keep_blank_values=True)), r


@suite.test
def start_gateway():
    global gw
    port = free_port()
    suite.profile("fid", gateway="http://127.0.0.1:%d/router/rest" % port, app_key=APP_KEY,
                  secret_env="TOPC_FIDELITY_SECRET")
    gw = Gateway(suite, port=port)


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


if __name__ == "__main__":
    suite.main()
