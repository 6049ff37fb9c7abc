#!/usr/bin/env python3
"""Every error path of the command line one can provoke, under zh_CN
(issue 16): no English sentence reaches the reader.  A reason made apart
from its sentence (a JSON reader's "expected ',' or '}'", a type check's
"is not a whole number", a profile key's "unknown key; did you mean") used
to arrive in English inside the Chinese one.

What is meant to stay English is listed below (ALLOWED): names one types
back (methods, fields, options, keys, commands), values, codes, outcomes,
protocol words.  Each path runs in English too: --json output, where a path
has one, is byte-identical in both languages.
"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from harness import EN, HAVE_ZH, ZH, Suite, expect  # noqa: E402

suite = Suite()
TPN = "taobao.tpn.template.message.send"
JYM = "taobao.jym.message.apppush.send"
TBK = "taobao.tbk.marketing.msg.send"

# Words that stay English in a Chinese message: TOP's and JSON's own words,
# type names of the forms, outcomes, units, the program's name.  Anything
# with a digit, _ . / - : = @ $ or quotes around it is a name or a value and
# is taken out before the words are counted (see english_runs).
ALLOWED = set("""
topc top api sdk json xml jq xpath http https url utf md5 hmac sha sign
string number boolean date object array true false null uuid
success api_error business_failure http_error transport_error unparseable
invalid_input cancelled ms appkey sessionkey id gmt get post
push_content_dto pushcontentdto pushredirecturldto method field fields key
""".split())


# Text topc shows as another program wrote it, inside a Chinese sentence:
# jq's and libxml2's own diagnostics ("jq 程序无法编译（jq：syntax error,
# ...）").
THIRD_PARTY = [r"jq[:：][^\n）]*", r"libxml2[:：][^\n）]*"]


def english_runs(text):
    """The runs of two or more English words (3+ letters each, not
    ALLOWED) left in text once names and values are taken out: what a
    person would read as an English sentence."""
    t = re.sub(r'"[^"\n]*"|\'[^\'\n]*\'|“[^”\n]*”|`[^`\n]*`', " ", text)
    t = re.sub(r"\btopc( [a-z]+(-[a-z]+)?){0,2}", " ", t)  # a command one types
    t = re.sub(r"\S*[0-9_./=:@${}\\<>\[\]-]\S*", " ", t)  # paths, names, values
    t = re.sub(r"(^|\s)--?[A-Za-z]\S*", " ", t)  # options
    t = re.sub(r"\b[A-Z][A-Z0-9_]+\b", " ", t)  # METAVARIABLES, CODES
    for pattern in THIRD_PARTY:
        t = re.sub(pattern, " ", t)
    runs = []
    for line in t.split("\n"):
        # a run: English words separated by spaces and ASCII punctuation only
        for m in re.finditer(r"[A-Za-z]{2,}(?:[ ,;()!?]+[A-Za-z]{2,})+", line):
            words = [w for w in re.findall(r"[A-Za-z]+", m.group(0))
                     if len(w) >= 3 and w.lower() not in ALLOWED]
            if len(words) >= 2:
                runs.append(m.group(0))
    return runs


def han(text):
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def fresh(env):
    return dict(env, XDG_STATE_HOME=tempfile.mkdtemp(dir=suite.home))


def write(name, text):
    path = os.path.join(suite.home, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def paths():
    """(what, argv, extra env): each fails, and says why."""
    out = []
    # bad JSON as a value (-s without a form, and into a form's object)
    for value in ('{"x":01}', '{"x":', "[1,]", '{x}', '["\\q"]', '{"a":1} x'):
        out.append(("-s JSON %s" % value, ["send", "topc.test.echo", "-s", "a=" + value], {}))
        out.append(("object field %s" % value, ["send", JYM, "-s", "push_content_dto=" + value],
                    {}))
    out.append(("object field given an array", ["send", JYM, "-s", "push_content_dto=[1]"], {}))
    # wrong types in -s
    for field, value in (("template_id", "abc"), ("template_id", "99999999999999999999"),
                         ("template_id", "-"), ("user_id", "1.5")):
        out.append(("%s=%s" % (field, value), ["send", TPN, "-s", "%s=%s" % (field, value),
                                               "-s", "template_key=k", "--json"], {}))
    out.append(("a JSON field", ["send", TBK, "-s", "adzone_id=1", "-s", "manufacturer=x",
                                 "-s", "biz_data={", "--json"], {}))
    out.append(("a number list", ["send", TBK, "-s", "adzone_id=1", "-s", "manufacturer=x",
                                  "-s", "item_id_list=[1,", "--json"], {}))
    out.append(("no such field", ["send", TPN, "-s", "template_idd=1", "--json"], {}))
    out.append(("a rule with its note", ["send", TBK, "--dry-run", "--strict", "-s", "adzone_id=1",
                                         "-s", "manufacturer=huawei", "-s",
                                         "target_item.item_id_list=a", "--json"], {}))
    out.append(("an array element", ["send", TBK, "-s", "adzone_id=1", "-s", "manufacturer=huawei",
                                     "-s", "target_item.item_id_list=[1,{}]", "--json"], {}))
    out.append(("an array not closed", ["send", TBK, "-s", "adzone_id=1", "-s",
                                        "manufacturer=huawei", "-s", "target_item.item_id_list=[",
                                        "--json"], {}))
    # profiles: a bad key, bad values, a placeholder
    bad = write("config/topc/profiles/bad.conf",
                'app_kee = "1";\ntimeout = "x";\nsign_method = "sha1";\nformat = "yaml";\n'
                'retries = 99;\nsecret_env = "A";\nsecret_file = "/x";\n')
    out.append(("profiles check", ["profiles", "check", bad], {}))
    out.append(("send with a bad profile", ["send", TPN, "-p", "bad", "--dry-run"], {}))
    write("config/topc/profiles/ph.conf",
          'app_key = "YOUR_APP_KEY";\nsecret_env = "YOUR_SECRET_ENV";\ngateway = "builtin";\n')
    out.append(("placeholder profile", ["send", TPN, "-p", "ph", "--dry-run", "--json"], {}))
    out.append(("no such profile", ["send", TPN, "-p", "loca", "--dry-run"], {}))
    write("config/topc/profiles/cmd.conf",
          'app_key = "1";\nsecret_cmd = "false";\ngateway = "builtin";\n')
    out.append(("secret command fails", ["send", TPN, "-p", "cmd", "--dry-run", "--json"], {}))
    write("config/topc/profiles/syntax.conf", "app_key = = ;\n")
    out.append(("profile syntax", ["send", TPN, "-p", "syntax", "--dry-run", "--json"], {}))
    # forms
    form = write("forms/taobao.x.y.conf",
                 'method = "taobao.x.y";\nrequest = (\n'
                 '  { name = "n"; type = "Number"; default = "abc"; },\n'
                 '  { name = "b"; type = "Boolean"; example = "yes"; },\n'
                 '  { name = "j"; type = "Json"; default = "{"; }\n);\nresponse = ();\n')
    out.append(("forms check defaults", ["forms", "check", form], {}))
    form2 = write("forms/taobao.x.z.conf",
                  'method = "taobao.x.z";\nrequest = (\n  { name = "n"; type = "Number"; },\n'
                  '  { name = "m"; type = "String"; }\n);\nresponse = ();\n'
                  'rules = ( { field = "m"; only_when = "n"; equals = "abc"; } );\n')
    out.append(("forms check rule", ["forms", "check", form2], {}))
    form3 = write("forms/taobao.x.w.conf",
                  'method = "taobao.x.w";\nrequest = (\n  { name = "n"; type = "Number"; mni = 1; }\n'
                  ');\nresponse = ();\n')
    out.append(("forms check unknown key", ["forms", "check", form3], {}))
    out.append(("forms check missing", ["forms", "check", "/nonexistent/f.conf"], {}))
    # import-doc of a broken page
    page = write("pages/broken.txt", "taobao.a.b\n发送消息\n请求参数\n名称 类型\n")
    out.append(("import-doc broken", ["import-doc", page], {}))
    # a page cut after its tables: import-doc writes the form and warns
    with open(os.path.join(os.path.dirname(__file__), "..", "pages", TPN + ".txt"),
              encoding="utf-8") as f:
        cut = write("pages/cut.txt", "".join(f.readlines()[:30]))
    out.append(("import-doc notes", ["import-doc", cut, "-o", "/nonexistent/dir/x.conf"], {}))
    out.append(("import-doc missing", ["import-doc", "/nonexistent/page.txt"], {}))
    # history
    out.append(("history show none", ["history", "show", "424242"], {}))
    out.append(("history show bad id", ["history", "show", "x"], {}))
    out.append(("history diff none", ["history", "diff", "424242", "424243"], {}))
    out.append(("history bad since", ["history", "list", "--since", "yesterday"], {}))
    out.append(("replay none", ["replay", "424242"], {}))
    # templates
    out.append(("template bad value", ["templates", "save", "t", TPN, "-s", "template_id=x"], {}))
    out.append(("template none", ["templates", "show", "nosuch"], {}))
    out.append(("export format", ["history", "export", "1", "--format", "cobol"], {}))
    out.append(("completion shell", ["completion", "tcsh"], {}))
    # answers that cannot be read, jq
    out.append(("--query bad", ["send", TPN, "-s", "template_key=k", "-s", "template_id=1",
                                "-s", "user_id=1", "-s", "biz_id=2", "--query", ".["],
                {}))
    return out


@suite.test
def every_error_path_in_chinese():
    expect(HAVE_ZH, "the zh_CN.UTF-8 locale is installed (scripts/deps.sh generates it)")
    left = []
    for what, argv, env in paths():
        read = [a for a in argv if a != "--json"]  # what a person reads
        zh = suite.run(*read, env=dict(fresh(ZH), **env))
        en = suite.run(*read, env=dict(fresh(EN), **env))
        expect(zh.code == en.code, "%s: the same exit status in both languages" % what, [en, zh])
        if en.code == 0:
            left.append("%s: did not fail" % what)
            continue
        shown = zh.err + zh.out
        if han(shown) == 0:
            left.append("%s: no Chinese\n    %s" % (what, shown.strip()))
        runs = english_runs(shown)
        if runs:
            left.append("%s: %s\n    %s" % (what, runs, shown.strip().replace("\n", "\n    ")))
        if "--json" in argv:  # what a program reads: the same in both
            zh = suite.run(*argv, env=dict(fresh(ZH), **env))
            en = suite.run(*argv, env=dict(fresh(EN), **env))
            expect(en.code == zh.code and en.out == zh.out,
                   "%s: --json byte-identical" % what, [en, zh])
    expect(not left, "no English sentence left in a Chinese run:\n" + "\n".join(left))


def masked(text):
    """What differs between two runs whatever the language."""
    text = re.sub(r'"(latency_ms|history_id)":\d+', r'"\1":N', text)
    return re.sub(r'"request_id":"[0-9a-z]+"', '"request_id":"ID"', text)


@suite.test
def answers_that_cannot_be_read_in_chinese():
    """A gateway's malformed and truncated answers: the strict scanner's
    reason in Chinese, --json the same in both languages."""
    expect(HAVE_ZH, "the zh_CN.UTF-8 locale is installed")
    secret = {"TOPC_I18N_PATHS_SECRET": suite.secret("paths-secret-0123")}
    left = []
    for fault in ("malformed", "truncated"):
        for fmt in ("json",):
            name = "fault-%s-%s" % (fault, fmt)
            gw = suite.gateway_for(name, fault=fault, app_key="10000001",
                                   secret_env="TOPC_I18N_PATHS_SECRET", format=fmt)
            try:
                argv = ["send", "topc.test.echo", "-p", name, "-S", "a=1"]
                zh = suite.run(*argv, env=dict(fresh(ZH), **secret))
                expect(zh.code == 3 and han(zh.err) > 0, "%s: Chinese" % name, zh)
                if english_runs(zh.err):
                    left.append("%s: %s\n    %s" % (name, english_runs(zh.err), zh.err))
                en = suite.run(*argv, "--json", env=dict(fresh(EN), **secret))
                zh = suite.run(*argv, "--json", env=dict(fresh(ZH), **secret))
                expect(en.code == zh.code == 3 and masked(en.out) == masked(zh.out) and
                       "not valid" in en.json()["detail"], "%s: --json the same" % name,
                       [en, zh])
            finally:
                gw.stop(suite)
    expect(not left, "no English sentence left:\n" + "\n".join(left))


@suite.test
def successes_read_in_chinese_too():
    # forms check's "ok ... request fields, ... rules" stayed English
    form = os.path.join(os.path.dirname(__file__), "..", "..", "forms",
                        "taobao.tpn.template.message.send.conf")
    r = suite.run("forms", "check", form, env=ZH)
    expect(r.code == 0 and han(r.out) >= 4 and not english_runs(r.out),
           "forms check's line in Chinese: %r" % english_runs(r.out), r)


@suite.test
def the_finder_finds_english():
    """english_runs flags what a person reads as English, not names."""
    expect(english_runs("topc: 参数 a：第 6 字节处不是合法的 JSON") == [], "Chinese passes")
    expect(english_runs("template_id: \"abc\" 不是整数；Number 只能包含数字，如 12345") == [],
           "names, values and type names pass")
    expect(english_runs("（此值is not valid JSON: expected , or }）"), "an English reason")
    expect(english_runs("app_kee: unknown key; did you mean \"app_key\"?"), "a profile's")
    expect(english_runs("success  topc.test.echo  HTTP 200  3 ms  request_id x") == [],
           "a summary line's names and units pass")
    expect(english_runs("没有历史记录 7；topc history list 列出所有记录") == [], "a command")
    expect(english_runs("jq 程序无法编译（jq：syntax error, unexpected end）") == [],
           "jq's own words")


if __name__ == "__main__":
    suite.main()
