#!/usr/bin/env python3
"""Forms end to end: `topc forms list|show|check`, user forms beside the
shipped ones, `topc import-doc` on the four pages and on broken ones,
`topc send` with typed -s paths, and the gateway's business answers
(40, 41, the page's example response) to requests Python signs itself."""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect, Gateway, signed_post  # noqa: E402

suite = Suite()
SECRET = suite.secret("forms-it-secret-91ab")
APP_KEY = "23000002"
suite.env["TOPC_FORMS_SECRET"] = SECRET
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PAGES = os.path.join(ROOT, "tests", "pages")
USER_FORMS = os.path.join(suite.home, "config", "topc", "forms")
JYM = "taobao.jym.message.apppush.send"
TBK = "taobao.tbk.marketing.msg.send"
METHODS = {JYM: 9, "taobao.tpn.template.message.send": 11, TBK: 42,
           "alibaba.campus.mc.message.sendmessagetomobile": 13}
gw = None


def list_rows(out):
    rows = {}
    for line in out.splitlines()[1:]:
        m = re.match(r"(\S+)\s+(\d+)\s+(shipped|user, replaces shipped|user)\s+(.*)$", line)
        if m:
            rows[m.group(1)] = (int(m.group(2)), m.group(3), m.group(4))
    return rows


@suite.test
def list_shows_every_shipped_form():
    r = suite.run("forms", "list")
    expect(r.code == 0, "forms list", r)
    rows = list_rows(r.out)
    for method, count in METHODS.items():
        expect(rows.get(method, (0,))[0] == count and rows[method][1] == "shipped",
               "%s listed with %d fields" % (method, count), r)
    expect(rows[JYM][2] == "app消息推送", "title", r)


@suite.test
def libraries_linked_normally():
    # Linked, not opened at run time: the binary names every library it
    # needs, so a package built from it gets honest dependencies.
    import subprocess
    out = subprocess.run(["readelf", "-d", suite.topc], capture_output=True, text=True).stdout
    needed = [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]
    for lib in ("libcurl", "libxml2", "libmicrohttpd", "libcrypto", "libcjson", "libconfig",
                "libsqlite3", "libncursesw"):
        expect(any(n.startswith(lib + ".so") for n in needed), "DT_NEEDED has " + lib, needed)
    # and forms list still needs none of them at work: it still runs
    r = suite.run("forms", "list")
    expect(r.code == 0, "forms list works", r)


@suite.test
def show_prints_the_tree():
    r = suite.run("forms", "show", TBK)
    expect(r.code == 0, "forms show", r)
    for words in ["* func_type  Number  default 0  ~choices 0=测试 1=推送",
                  "      show_time  Number  ~range 6..48",
                  "      big_pic_expire_time  String  ~format yyyy-MM-dd HH:mm",
                  "  * manufacturer  String  ~choices huawei=华为 oppo=oppo rongyao=荣耀",
                  "  ~huawei_sp only when manufacturer is huawei",
                  "at most 240 minutes", "    msg_id  String  unique per send"]:
        expect(words in r.out, "show has %r" % words, r)
    r = suite.run("forms", "show", "taobao.no.such.form")
    expect(r.code == 2 and "topc import-doc" in r.err, "unknown method", r)


@suite.test
def check_all_and_one_file():
    r = suite.run("forms", "check")
    expect(r.code == 0 and r.out.count("ok ") == 4, "all shipped forms check", r)
    bad = os.path.join(suite.home, "bad.conf")
    with open(bad, "w", encoding="utf-8") as f:
        f.write('method = "taobao.bad.form";\nrequest = (\n  { name = "a"; type = "HwMap"; }\n);\n')
    r = suite.run("forms", "check", bad)
    expect(r.code == 1 and "%s:3: a: type \"HwMap\" is unknown" % bad in r.err, "bad file", r)


@suite.test
def check_one_file_lists_every_problem_in_line_order():
    # it said the first problem only: one fix per run
    bad = os.path.join(suite.home, "bad-many.conf")
    with open(bad, "w", encoding="utf-8") as f:
        f.write('method = "bad method";\n'                                  # 1
                'request = (\n'                                              # 2
                '  { name = "a"; type = "String"; min = 1; },\n'             # 3
                '  { name = "b-c"; type = "Number"; },\n'                    # 4
                '  { name = "a"; type = "String"; },\n'                      # 5
                '  { name = "d"; type = "Number"; default = "x"; }\n'        # 6
                ');\n'                                                       # 7
                'response = ( { name = "ok"; type = "Boolean"; } );\n'       # 8
                'success = ( { field = "nosuch"; values = ( "true" ); } );\n'  # 9
                'rules = (\n'                                                # 10
                '  { field = "zz"; max_length = 3; },\n'                     # 11
                '  { field = "d"; max_length = 3; }\n'                       # 12
                ');\n')
    r = suite.run("forms", "check", bad)
    got = [ln for ln in r.err.splitlines() if ln.startswith(bad)]
    want = ['%s: method "bad method" is not a TOP method name' % bad,
            "%s:3: a: min and max apply to Number fields" % bad,
            '%s:4: field name "b-c" may hold only' % bad,
            "%s:5: a is defined twice (first on line 3)" % bad,
            '%s:6: d: default "x"' % bad,
            "%s:9: success names nosuch" % bad,
            "%s:11: rule names zz, which is not a request field" % bad,
            "%s:12: d: max_length applies to String and Json fields" % bad,
            "%s: 8 problems" % bad]
    expect(r.code == 1 and len(got) == len(want) and
           all(g.startswith(w) for g, w in zip(got, want)), "all, in line order", r)
    # and so does forms check of every form, where the file is a user form
    # (it said the first problem of each)
    os.makedirs(USER_FORMS, exist_ok=True)
    mine = os.path.join(USER_FORMS, "bad-many.conf")
    shutil.copy(bad, mine)
    r = suite.run("forms", "check")
    got = [ln for ln in r.err.splitlines() if ln.startswith(mine)]
    shutil.rmtree(USER_FORMS)
    expect(r.code == 1 and len(got) == len(want) and
           all(g.startswith(w.replace(bad, mine)) for g, w in zip(got, want)),
           "every form checked lists all its problems, in line order", r)


@suite.test
def user_forms_beside_shipped_ones():
    os.makedirs(USER_FORMS, exist_ok=True)
    # A user copy of the jym form with one field fewer replaces the shipped one.
    with open(os.path.join(ROOT, "forms", JYM + ".conf"), encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r'  \{ name = "template_id";.*?\},\n', "", text, flags=re.S)
    with open(os.path.join(USER_FORMS, JYM + ".conf"), "w", encoding="utf-8") as f:
        f.write(text)
    r = suite.run("import-doc", os.path.join(PAGES, TBK + ".txt"))
    with open(os.path.join(USER_FORMS, "mine.conf"), "w", encoding="utf-8") as f:
        f.write(r.out.replace(TBK, "taobao.tbk.mine.send"))
    r = suite.run("forms", "list")
    rows = list_rows(r.out)
    expect(r.code == 0 and rows[JYM][:2] == (8, "user, replaces shipped"), "user jym wins", r)
    expect(rows["taobao.tbk.mine.send"][:2] == (42, "user"), "user form listed", r)
    # found by its method although the file is not named after it
    # the page lists the vendors in prose: a warning, the request goes out
    r = suite.run("send", "taobao.tbk.mine.send", "--dry-run", "-s", "adzone_id=1",
                  "-s", "manufacturer=nokia")
    expect(r.code == 0 and "warning: manufacturer: \"nokia\" is not one of the choices" in r.err
           and "manufacturer=nokia" in r.out, "user form validates", r)
    r = suite.run("send", "taobao.tbk.mine.send", "--dry-run", "--strict", "-s", "adzone_id=1",
                  "-s", "manufacturer=nokia")
    expect(r.code == 2 and "manufacturer: \"nokia\" is not one of the choices" in r.err
           and not r.out, "--strict refuses it", r)
    with open(os.path.join(USER_FORMS, "broken.conf"), "w", encoding="utf-8") as f:
        f.write('method = "taobao.broken.x";\nrequest = ( { name = "a" } );\n')
    r = suite.run("forms", "list")
    expect(r.code == 1 and "broken.conf:2: field a has no type" in r.err, "broken one named", r)
    expect(JYM in r.out, "the others still listed", r)
    r = suite.run("forms", "check")
    expect(r.code == 1 and "broken.conf:2" in r.err, "check reports it", r)
    shutil.rmtree(USER_FORMS)


@suite.test
def import_doc_each_page():
    out_dir = os.path.join(suite.home, "imported")
    os.makedirs(out_dir)
    for method, count in METHODS.items():
        page = os.path.join(PAGES, method + ".txt")
        r = suite.run("import-doc", page, "-o", out_dir)
        path = os.path.join(out_dir, method + ".conf")
        expect(r.code == 0 and os.path.exists(path), "import %s" % method, r)
        r = suite.run("forms", "check", path)
        expect(r.code == 0 and "%d request fields" % count in r.out, "imported form checks", r)
        r = suite.run("import-doc", page, "-o", out_dir)
        expect(r.code == 2 and "--force" in r.err, "no silent overwrite", r)
    r = suite.run("import-doc", os.path.join(PAGES, JYM + ".txt"), "-o", out_dir, "--force")
    expect(r.code == 0, "--force replaces", r)


@suite.test
def import_doc_into_a_folder_not_made_yet():
    # the README's recipe, -o ~/.config/topc/forms/ on a fresh home, failed
    # with "cannot create a file beside it": a folder named with its / is
    # made; without the / the name is a file, as before
    out_dir = os.path.join(suite.home, "fresh-home", ".config", "topc", "forms") + "/"
    r = suite.run("import-doc", os.path.join(PAGES, JYM + ".txt"), "-o", out_dir)
    path = os.path.join(out_dir, JYM + ".conf")
    expect(r.code == 0 and os.path.exists(path), "the folder made, the form in it", r)
    expect(os.stat(out_dir).st_mode & 0o077 == 0, "the folder is the user's own")
    r = suite.run("forms", "check", path)
    expect(r.code == 0, "the imported form checks", r)
    shutil.rmtree(os.path.join(suite.home, "fresh-home"))


@suite.test
def import_doc_refuses_broken_pages():
    with open(os.path.join(PAGES, JYM + ".txt"), encoding="utf-8") as f:
        page = f.read()
    broken = os.path.join(suite.home, "broken-page.txt")
    out = os.path.join(suite.home, "never.conf")
    with open(broken, "w", encoding="utf-8") as f:
        f.write(page.replace("  • 可选\n  • http://www.jiaoyimao.com", "  • 随便\n  • http://x"))
    r = suite.run("import-doc", broken, "-o", out)
    expect(r.code == 2 and "broken-page.txt:22: expected 必须 or 可选 for redirect_url" in r.err,
           "line and expectation", r)
    expect(not os.path.exists(out) and not [n for n in os.listdir(suite.home) if ".tmp-" in n],
           "nothing written", r)
    r = suite.run("import-doc", os.path.join(suite.home, "missing.txt"))
    expect(r.code == 2 and "missing.txt: cannot open" in r.err, "missing page", r)


@suite.test
def start_gateway():
    global gw
    gw = suite.gateway_for("fit", app_key=APP_KEY, secret_env="TOPC_FORMS_SECRET")


JYM_OK = ["-s", "user_id=1526984087476772", "-s", "message_id=wetgeh4yhgsg", "-s", "template_id=1",
          "-s", "push_content_dto.push_redirect_url_dto.redirect_url=http://www.jiaoyimao.com",
          "-s", "push_content_dto.push_redirect_url_dto.redirect_url_type=1",
          "-s", "push_content_dto.title=标题", "-s", "push_content_dto.content=内容"]


@suite.test
def send_with_form_reaches_the_gateway_as_java_would_send_it():
    r = suite.run("send", JYM, "-p", "fit", "--json", *JYM_OK)
    expect(r.code == 0, "valid form sends", r)
    o = r.json()
    body = o["body"]["jym_message_apppush_send_response"]
    # the page's example response, values and types
    expect(body["result"] == {"result": True, "success": True, "state_code": "SUCCESS",
                              "extra_err_msg": "成功"}, "example response", r)
    arrived = gw.received()[-1]["params"]
    # TOP_PROTOCOL.md 3.3: the Java SDK's text for this example
    expect(arrived["push_content_dto"] ==
           '{"content":"内容","push_redirect_url_dto":{"redirect_url":"http:\\/\\/www.jiaoyimao.com",'
           '"redirect_url_type":1},"title":"标题"}', "struct JSON", arrived)
    expect(arrived["user_id"] == "1526984087476772", "number as text", arrived)


PROSE_BROKEN = ["-s", "adzone_id=1", "-s", "manufacturer=oppo", "-s", "huawei_sp.unfold=1",
                "-s", "oppo_sp.show_time=2", "-s", "start_time=2023-11-11"]
PROSE_SAYS = ["oppo_sp.show_time: 2 is outside the range 6 to 48",
              "start_time: \"2023-11-11\" is not a date in the format yyyy-MM-dd HH:mm:ss",
              "huawei_sp: may be set only when manufacturer is huawei (it is oppo)"]


@suite.test
def send_warns_about_the_pages_prose_and_sends():
    before = len(gw.received())
    r = suite.run("send", TBK, "-p", "fit", *PROSE_BROKEN)
    expect(r.code == 0 and len(gw.received()) == before + 1, "sent", r)
    for words in PROSE_SAYS:
        expect("topc: warning: " + words in r.err, "warns %r" % words, r)
    r = suite.run("send", TBK, "-p", "fit", "--json", *PROSE_BROKEN)
    problems = r.json()["problems"]
    expect(r.code == 0 and [p["severity"] for p in problems] == ["warning"] * 3, "json", r)
    r = suite.run("send", TBK, "-p", "fit", "--strict", *PROSE_BROKEN)
    expect(r.code == 2 and len(gw.received()) == before + 2, "--strict sends nothing", r)
    expect("3 problems in the form (--strict: the page's prose counts); nothing was sent"
           in r.err, "--strict says why", r)
    for words in PROSE_SAYS:
        expect(words in r.err, "says %r" % words, r)


@suite.test
def send_refuses_a_bad_form_and_sends_nothing():
    before = len(gw.received())
    # formal rules: the type, a required field
    r = suite.run("send", JYM, "-p", "fit", "--json", *(JYM_OK[2:] + ["-s", "user_id=12a"]))
    o = r.json()
    expect(r.code == 2 and "1 problem in the form; nothing was sent" in o["detail"], "exit 2", r)
    expect([(p["path"], p["severity"]) for p in o["problems"]] == [("user_id", "error")],
           "an error", r)
    r = suite.run("send", JYM, "-p", "fit", *JYM_OK[2:])
    expect(r.code == 2 and "user_id: required Number, not set" in r.err, "required", r)
    r = suite.run("send", TBK, "-p", "fit", "-s", "adzone_id=1", "-s", "manufacturer=huawei",
                  "-s", "for_inner_test=yes", "-s", "oppo_sp.show_time=2")
    expect(r.code == 2 and "1 problem in the form" in r.err and
           "warning: oppo_sp.show_time" in r.err, "errors and warnings apart", r)
    r = suite.run("send", JYM, "-p", "fit", "-s", "push_content_dto.titel=x")
    expect(r.code == 2 and "did you mean push_content_dto.title?" in r.err, "typo", r)
    expect(len(gw.received()) == before, "nothing arrived")
    # the form's required default goes out
    r = suite.run("send", TBK, "-p", "fit", "-s", "adzone_id=1", "-s", "manufacturer=huawei")
    expect(r.code == 0 and gw.received()[-1]["params"]["func_type"] == "0", "default sent", r)


def post(params):
    return signed_post(gw.url, dict(params, method=params.get("method", JYM), app_key=APP_KEY,
                                    v="2.0", format="json", sign_method="md5"), SECRET)


@suite.test
def gateway_answers_40_and_41_like_the_api():
    base = {"user_id": "1", "message_id": "m", "template_id": "1",
            "push_content_dto": '{"title":"t"}'}
    o = post({k: v for k, v in base.items() if k != "message_id"})
    e = o.get("error_response", {})
    expect(e.get("code") == 40 and e.get("sub_code") == "isv.missing-parameter:message_id", "40", o)
    o = post(dict(base, user_id="12a"))
    e = o.get("error_response", {})
    expect(e.get("code") == 41 and e.get("sub_code") == "isv.invalid-parameter:user_id", "41", o)
    o = post(dict(base, push_content_dto='{"push_redirect_url_dto":{"redirect_url_type":"x"}}'))
    e = o.get("error_response", {})
    expect(e.get("code") == 41 and e.get("sub_code") ==
           "isv.invalid-parameter:push_content_dto.push_redirect_url_dto.redirect_url_type",
           "41 nested", o)
    o = post(dict(base, push_content_dto="title=t"))
    expect(o.get("error_response", {}).get("sub_code") == "isv.invalid-parameter:push_content_dto",
           "41 not JSON", o)
    # what only the page's prose asks for passes, as it does at TOP
    o = post({"method": TBK, "adzone_id": "1", "manufacturer": "huawei", "func_type": "1",
             "oppo_sp": '{"show_time":2}'})
    expect("tbk_marketing_msg_send_response" in o, "prose rules pass", o)
    o = post({"method": TBK, "adzone_id": "1", "manufacturer": "huawei", "func_type": "1",
             "for_inner_test": "yes"})
    expect(o.get("error_response", {}).get("sub_code") ==
           "isv.invalid-parameter:for_inner_test", "41 Boolean", o)
    o = post({"method": TBK, "adzone_id": "1", "manufacturer": "huawei", "func_type": "1"})
    r = o.get("tbk_marketing_msg_send_response", {})
    expect(r.get("status") == 1 and r.get("receipt") == "请求成功" and
           r.get("create_time") == "2024-01-24 16:04:38", "tbk example response", o)
    o = post(base)
    expect(o["jym_message_apppush_send_response"]["result"]["state_code"] == "SUCCESS", "ok", o)


@suite.test
def strict_gateway_refuses_the_prose_too():
    global gw
    strict = Gateway(suite, args=["--strict"])
    plain = gw
    gw = strict
    try:
        o = post({"method": TBK, "adzone_id": "1", "manufacturer": "huawei", "func_type": "1",
                  "oppo_sp": '{"show_time":12}'})
        expect(o.get("error_response", {}).get("sub_code") == "isv.invalid-parameter:oppo_sp",
               "41 cross-field", o)
        o = post({"method": TBK, "adzone_id": "1", "manufacturer": "oppo", "func_type": "1",
                  "oppo_sp": '{"show_time":2}'})
        expect(o.get("error_response", {}).get("sub_code") ==
               "isv.invalid-parameter:oppo_sp.show_time", "41 range", o)
    finally:
        gw = plain


@suite.test
def secrets_never_leak():
    suite.check_no_secret_leaked()


@suite.test
def a_system_parameter_name_is_no_business_field():
    # TOP's pages never list session, sign, timestamp... as request fields:
    # such a form could not be sent (session cannot be set by hand) or would
    # send the name twice; import-doc and forms check refuse it
    with open(os.path.join(PAGES, JYM + ".txt"), encoding="utf-8") as f:
        page = f.read()
    row = "message_id String 必须 wetgeh4yhgsg 消息唯一ID\n"
    for name in ("session", "sign", "timestamp", "sign_method", "method", "app_key"):
        bad = os.path.join(suite.home, "sys-%s.txt" % name)
        with open(bad, "w", encoding="utf-8") as f:
            f.write(page.replace(row, row + "%s String 可选 x 说明\n" % name))
        out = os.path.join(suite.home, "sys-%s.conf" % name)
        r = suite.run("import-doc", bad, "-o", out)
        expect(r.code == 2 and "sys-%s.txt:14: request field %s is a TOP system parameter" % (name, name)
               in r.err and not os.path.exists(out), "import-doc refuses %s" % name, r)
    # a form file written by hand: forms check says so
    good = os.path.join(suite.home, "sys-good.conf")
    r = suite.run("import-doc", os.path.join(PAGES, JYM + ".txt"), "-o", good)
    expect(r.code == 0, "imported", r)
    with open(good, encoding="utf-8") as f:
        text = f.read()
    bad = os.path.join(suite.home, "sys-bad.conf")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text.replace("request = (", 'request = (\n  { name = "session"; type = "String"; required = true; },', 1))
    r = suite.run("forms", "check", bad)
    expect(r.code != 0 and "request field session is a TOP system parameter" in (r.out + r.err),
           "forms check refuses it", r)


if __name__ == "__main__":
    suite.main()
