#!/usr/bin/env python3
"""The command line in the language of its users (issue 16): messages follow
LANGUAGE / LC_ALL / LC_MESSAGES / LANG, C and English stay English, and what
programs read (--json, exit statuses) never changes with the language."""
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from harness import EN, HAVE_ZH, ZH, Suite, Gateway, c_format, expect, po_catalog, top_sign  # noqa: E402

suite = Suite()


def need_zh():
    expect(HAVE_ZH, "the zh_CN.UTF-8 locale is installed (scripts/deps.sh generates it)")


@suite.test
def messages_in_chinese_under_zh_cn():
    need_zh()
    r = suite.run("nosuchcommand", env=ZH)
    expect(r.code == 2, "a usage error keeps its exit status", r)
    expect("没有命令" in r.err and "nosuchcommand" in r.err, "the message is Chinese", r)
    expect("no command" not in r.err, "and not English", r)


@suite.test
def each_way_of_choosing_the_language():
    need_zh()
    for env in ({"LC_ALL": "zh_CN.UTF-8", "LANG": "C.UTF-8"},
                {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C.UTF-8", "LC_ALL": ""},
                {"LANGUAGE": "zh_CN", "LANG": "C.UTF-8", "LC_ALL": ""}):
        r = suite.run("nosuchcommand", env=env)
        expect("没有命令" in r.err, "Chinese with %s" % env, r)


@suite.test
def c_and_english_stay_english():
    for env in (EN, {"LANG": "C", "LC_ALL": "", "LANGUAGE": ""},
                {"LC_ALL": "C", "LANG": "zh_CN.UTF-8", "LANGUAGE": ""}):
        r = suite.run("nosuchcommand", env=env)
        expect('no command "nosuchcommand"' in r.err, "English with %s" % env, r)


@suite.test
def machine_output_does_not_change_with_the_language():
    need_zh()
    for args in (["history", "list", "--json"], ["forms", "list", "--json"]):
        en = suite.run(*args, env=EN)
        zh = suite.run(*args, env=ZH)
        expect(en.code == zh.code, "same exit status for %s" % args, [en, zh])
        expect(en.out == zh.out, "byte-identical stdout for %s" % args, [en, zh])


def cells(line):
    """Display cells as a terminal counts them (Unicode's East Asian Width:
    W and F are two cells), independent of topc's own measuring."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def han(text):
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def fresh(env):
    """env with a history of its own, so both languages number entries alike."""
    return dict(env, XDG_STATE_HOME=tempfile.mkdtemp(dir=suite.home))


def same_but_run(text):
    """What differs between two runs whatever the language: the built-in
    gateway's port, the latency, request ids and the timestamp."""
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
    text = re.sub(r'"latency_ms":\d+', '"latency_ms":N', text)
    text = re.sub(r'"request_id":"[0-9a-z]+"', '"request_id":"ID"', text)
    text = re.sub(r"sign=[0-9A-F]+", "sign=S", text)
    text = re.sub(r"Date header: [^)]*\)", "Date header: D)", text)
    text = re.sub(r"clock is [+-]\d+ s off", "clock is N s off", text)
    text = re.sub(r"is -?\d+ s from the gateway's time [0-9: -]+", "is N s from T", text)
    return re.sub(r"timestamp=[0-9%A-Za-z+:-]+", "timestamp=T", text)


def fits_like_english(en, zh, what):
    """Every Chinese line fits in 80 cells unless the English is wider too
    (the synopses of send, sign and replay are); the Chinese has the same
    number of over-long lines at most, and no U+FFFD (a character cut)."""
    wide_en = [l for l in en.split("\n") if cells(l) > 80]
    wide_zh = [l for l in zh.split("\n") if cells(l) > 80]
    expect(len(wide_zh) <= len(wide_en), "%s: lines within 80 cells (English has %d wider)"
           % (what, len(wide_en)), wide_zh)
    expect("\ufffd" not in zh, "%s: no character cut" % what, zh)


@suite.test
def help_in_chinese_within_80_cells():
    need_zh()
    for args in (["--help"], ["help", "send"], ["help", "history"], ["help", "replay"],
                 ["help", "gateway"], ["help", "templates"], ["send", "--help"]):
        en = suite.run(*args, env=EN)
        zh = suite.run(*args, env=ZH)
        expect(en.code == zh.code == 0, "%s exits 0" % args, [en, zh])
        expect(han(zh.out) > 30 and "用法：topc" in zh.out, "%s in Chinese" % args, zh)
        fits_like_english(en.out, zh.out, " ".join(args))
    zh = suite.run("--help", env=ZH)
    for words in ("命令：", "退出状态：", "环境变量：", "构造、签名并发送一个请求"):
        expect(words in zh.out, "--help says %r" % words, zh)
    zh = suite.run("help", "send", env=ZH)
    # the option help is wrapped in cells: continuation lines start at column 24
    expect("  -s, --set NAME=VALUE  业务参数" in zh.out, "an option's help beside it", zh)
    expect(not re.search(r"^ {24}[，。；：、）”]", zh.out, re.M),
           "no line starts with closing punctuation", zh)
    expect(not re.search(r"[（“]$", zh.out, re.M), "no line ends with an opening one", zh)


@suite.test
def usage_error_in_chinese():
    need_zh()
    en = suite.run("send", "-s", "x", env=EN)
    zh = suite.run("send", "-s", "x", env=ZH)
    expect(en.code == zh.code == 2, "exit 2 in both languages", [en, zh])
    expect("不是 NAME=VALUE 的形式" in zh.err, "the -s mistake in Chinese", zh)
    zh = suite.run("send", "taobao.tpn.template.message.send", "extra", env=ZH)
    expect(zh.code == 2 and "多余的参数 \"extra\"" in zh.err, "an extra argument", zh)
    zh = suite.run("send", "--print", "sz", "taobao.tpn.template.message.send", env=ZH)
    expect(zh.code == 2 and "不是 s H B h b 之一" in zh.err, "--print's letters", zh)
    zh = suite.run("send", env=ZH)
    expect(zh.code == 2 and "send 需要 METHOD" in zh.err, "no METHOD", zh)
    # the other commands' usage errors
    for args, words in ((["history", "list", "--limit", "x"], "--limit 的取值为正整数"),
                        (["replay"], "replay 需要历史记录 ID"),
                        (["replay", "1", "--fresh", "--exact"], "互相矛盾"),
                        (["gateway", "--deadline", "0"], "--deadline 的取值为"),
                        (["sign", "-p", "local", "--secret-env", "X", "a=1"], "只能给出一个"),
                        (["templates", "save", "t1"], "save 需要 METHOD"),
                        (["forms", "show", "no.such.method"], "没有 no.such.method 的表单")):
        en = suite.run(*args, env=EN)
        zh = suite.run(*args, env=ZH)
        expect(en.code == zh.code != 0, "%s: the same exit status" % args, [en, zh])
        expect(words in zh.err, "%s in Chinese" % args, zh)
        fits_like_english(en.err, zh.err, " ".join(args))


JYM = "taobao.jym.message.apppush.send"
TBK = "taobao.tbk.marketing.msg.send"


@suite.test
def refused_send_in_chinese_json_unchanged():
    need_zh()
    args = ["send", JYM, "-s", "user_id=12a"]
    en = suite.run(*args, env=EN)
    zh = suite.run(*args, env=ZH)
    expect(en.code == zh.code == 2, "a formal rule broken: exit 2", [en, zh])
    expect("4 problems in the form; nothing was sent" in en.err, "English counts", en)
    expect("表单中有 4 个问题；未发送任何请求" in zh.err, "the refusal in Chinese", zh)
    expect("user_id" in zh.err, "the field is still named", zh)
    fits_like_english(en.err, zh.err.split("\n")[0], "refusal")
    # --json of the same refusal: what a program reads stays English
    en = suite.run(*args, "--json", env=fresh(EN))
    zh = suite.run(*args, "--json", env=fresh(ZH))
    expect(en.code == zh.code == 2 and en.out == zh.out, "refusal --json byte-identical",
           [en, zh])
    expect("nothing was sent" in zh.json()["detail"], "detail stays English", zh)


@suite.test
def warning_in_chinese():
    need_zh()
    args = ["send", TBK, "--dry-run", "-s", "adzone_id=1", "-s", "manufacturer=nokia"]
    en = suite.run(*args, env=EN)
    zh = suite.run(*args, env=ZH)
    expect(en.code == zh.code == 0, "a prose rule: a warning, exit 0", [en, zh])
    expect("sent anyway, --strict refuses it" in en.err, "English warning", en)
    expect("topc: 警告：" in zh.err and "仍已发送，--strict 会拒绝发送" in zh.err,
           "the warning in Chinese", zh)
    expect(same_but_run(en.out) == same_but_run(zh.out),
           "the request is the same", [en, zh])
    args = ["send", TBK, "--dry-run", "--strict", "-s", "adzone_id=1", "-s", "manufacturer=nokia"]
    zh = suite.run(*args, env=ZH)
    expect(zh.code == 2 and "1 个问题（--strict：文档页说明文字中的规则也计入）" in zh.err,
           "--strict's refusal in Chinese", zh)


@suite.test
def chinese_man_page():
    need_zh()
    page = os.path.join(os.path.dirname(suite.topc), "man", "zh_CN", "topc.1")
    expect(os.path.exists(page), "the build writes man/zh_CN/topc.1", page)
    zh = suite.run("help", "--man", env=ZH)
    with open(page, encoding="utf-8") as f:
        expect(f.read() == zh.out, "the built page is topc help --man under zh_CN", page)
    en = suite.run("help", "--man", env=EN)
    env = dict(os.environ, MANWIDTH="80", LANG="zh_CN.UTF-8", LC_ALL="", MAN_KEEP_FORMATTING="")
    shown = {}
    for name, text in (("en", en.out), ("zh", zh.out)):
        path = os.path.join(suite.home, "topc-%s.1" % name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        r = subprocess.run(["man", "-l", path], capture_output=True, env=env, timeout=60)
        expect(r.returncode == 0, "man -l reads the %s page" % name, r.stderr)
        shown[name] = re.sub(r".\x08", "", r.stdout.decode("utf-8", "replace"))
    for words in ("名称", "概要", "描述", "退出状态", "环境变量", "文件", "示例",
                  "构造、签名并发送淘宝开放平台（TOP）请求"):
        expect(words in shown["zh"], "the man page says %r" % words, shown["zh"][:400])
    fits_like_english(shown["en"], shown["zh"], "man -l")


@suite.test
def json_byte_identical_across_languages():
    need_zh()
    for args in (["send", "taobao.tpn.template.message.send", "--json", "-s", "template_key=k",
                  "-s", "template_id=101", "-s", "user_id=1", "-s", "biz_id=2"],
                 ["forms", "list", "--json"], ["profiles", "list", "--json"],
                 ["templates", "list", "--json"], ["history", "list", "--json"]):
        en = suite.run(*args, env=fresh(EN))
        zh = suite.run(*args, env=fresh(ZH))
        expect(en.code == zh.code, "same exit status for %s" % args, [en, zh])
        if args[0] == "send":
            expect(en.code == 0 and same_but_run(en.out) == same_but_run(zh.out),
                   "send --json byte-identical but for port, latency, request_id", [en, zh])
        else:
            expect(en.out == zh.out, "byte-identical stdout for %s" % args, [en, zh])
    # and a history with entries in it lists the same
    for args in (["history", "list", "--json"], ["history", "show", "1", "--json"]):
        en = suite.run(*args, env=EN)
        zh = suite.run(*args, env=ZH)
        expect(en.code == zh.code and en.out == zh.out and en.out.strip(),
               "%s byte-identical" % args, [en, zh])
    # a TOP error's advice: the --json value stays English
    args = ["send", "taobao.tpn.template.message.send", "--json", "-s", "timestamp=2000-01-01 00:00:00",
            "-s", "template_key=k", "-s", "template_id=101", "-s", "user_id=1", "-s", "biz_id=2"]
    en = suite.run(*args, env=fresh(EN))
    zh = suite.run(*args, env=fresh(ZH))
    expect(en.code == zh.code == 1, "an API error exits 1 in both", [en, zh])
    expect(en.json().get("advice") and han(en.json()["advice"]) == han(zh.json()["advice"]) == 0 and
           same_but_run(en.out) == same_but_run(zh.out),
           "the advice in --json is the same", [en, zh])

    # and the summary a person reads has it in Chinese
    zh = suite.run(*[a for a in args if a != "--json"], env=fresh(ZH))
    expect(zh.code == 1 and "错误码 31：" in zh.err and "子错误码 isv.invalid-timestamp" in zh.err
           and "本机时钟与网关相差" in zh.err, "the summary's labels in Chinese", zh)
    # the advice of TOP's code 31 and of the isv.* sub_codes, as TOP's docs say it
    expect("建议：时间戳格式必须为 yyyy-MM-dd HH:mm:ss（GMT+8）" in zh.err and
           "不修改请求再次发送不会成功（isv.invalid-timestamp）" in zh.err,
           "the advice in Chinese", zh)
    expect("within 10 minutes of the gateway's clock" in en.json()["advice"],
           "and in English in --json", en)


# ---------------------------------------------------------------------------
# The core's own errors (struct topc_error): Chinese for a person, English
# where a program reads them.  The expected Chinese comes from po/zh_CN.po.

PO = os.path.join(os.path.dirname(__file__), "..", "..", "po", "zh_CN.po")


def catalog():
    return po_catalog(PO)


def zh_text(msgid, *args):
    po = catalog()
    expect(msgid in po and po[msgid], "po/zh_CN.po translates %r" % msgid)
    return c_format(po[msgid], *args)


@suite.test
def core_errors_in_chinese():
    need_zh()
    tpn = "taobao.tpn.template.message.send"
    # an error of the form model: the method and the field stay as typed
    en = suite.run("send", tpn, "-s", "nosuchfield=1", env=EN)
    zh = suite.run("send", tpn, "-s", "nosuchfield=1", env=ZH)
    expect(en.code == zh.code == 2, "the same exit status", [en, zh])
    expect(en.err == "topc: %s has no field nosuchfield\n" % tpn, "English as written", en)
    expect(zh.err == "topc: " + zh_text("%s has no field %s", tpn, "nosuchfield") + "\n", "the catalog's Chinese", zh)
    # an error of a form file: file:line and the key's values stay untranslated
    path = os.path.join(suite.home, "taobao.x.y.conf")
    with open(path, "w", encoding="utf-8") as f:
        f.write('method = "taobao.x.y";\nrequest = (\n'
                '  { name = "a"; type = "String"; unique = "bogus"; }\n);\nresponse = ();\n')
    en = suite.run("forms", "check", path, env=EN)
    zh = suite.run("forms", "check", path, env=ZH)
    expect(en.code == zh.code == 1, "a broken form file fails the check", [en, zh])
    expect('%s:3: unique must be "send" or "user"' % path in en.out + en.err, "English", en)
    want = "%s:3: " % path + zh_text('unique must be "send" or "user"')
    expect(want in zh.out + zh.err, "file:line, then the catalog's Chinese", zh)
    # an error of a profile: the profile and the key it names stay as written
    nokey = suite.profile("nokey", gateway="builtin", secret_env="TOPC_NO_SUCH_VAR_I18N")
    en = suite.run("send", tpn, "-p", "nokey", "--dry-run", env=EN)
    zh = suite.run("send", tpn, "-p", "nokey", "--dry-run", env=ZH)
    expect(en.code == zh.code == 2, "a profile without app_key: exit 2", [en, zh])
    expect("no app_key; add app_key" in en.err, "English", en)
    expect(zh_text('%s: no app_key; add app_key = "..." as TOP issued it', "")[1:] in zh.err
           and "nokey" in zh.err, "the catalog's Chinese naming the profile", zh)
    expect("no app_key" not in zh.err, "and no English left in it", zh)
    os.remove(nokey)  # the other tests list the profiles


def masked(text):
    text = same_but_run(text)
    text = re.sub(r'"(time[a-z_]*|latency_ms)": ?"[^"]*"', r'"\1":"T"', text)
    text = re.sub(r'"sign": ?"[0-9A-F]+"', '"sign":"S"', text)
    return re.sub(r'"(time[a-z_]*|latency_ms)": ?\d+', r'"\1":0', text)


@suite.test
def core_errors_stay_english_in_json_and_history():
    """The same refused and failed sends in both languages leave the same
    --json and the same history: a translated message is never kept."""
    need_zh()
    tpn = "taobao.tpn.template.message.send"
    suite.profile("dead", gateway="http://127.0.0.1:9/router/rest", app_key="12345678",
                  secret_env="TOPC_I18N_SECRET")
    secret = {"TOPC_I18N_SECRET": suite.secret("i18n-secret-0123")}
    dead = ["send", tpn, "-p", "dead", "--json", "-s", "template_key=k", "-s",
            "template_id=1", "-s", "user_id=1", "-s", "biz_id=2"]
    runs = ((["send", tpn, "-s", "nosuchfield=1", "--json"], 2, {}),
            (["send", tpn, "-s", "template_id=abc", "--json"], 2, {}),
            (dead, 2, {}),  # the secret's variable unset: a prefixed core error
            (dead, 3, secret),  # nothing listens on port 9: a transport error
            # a secret file that is not there: strerror's words, which libc
            # translated into the --json detail and the history
            (["send", tpn, "-p", "nofile", "--json", "-s", "template_key=k", "-s",
              "template_id=1", "-s", "user_id=1", "-s", "biz_id=2"], 2, {}))
    suite.profile("nofile", gateway="http://127.0.0.1:9/router/rest", app_key="12345678",
                  secret_file=os.path.join(suite.home, "no-such-secret-file"))
    out = {}
    for name, env in (("en", fresh(EN)), ("zh", fresh(ZH))):
        got = []
        for args, code, more in runs:
            r = suite.run(*args, env=dict(env, **more))
            expect(r.code == code, "%s: exit %d (%s)" % (args, code, name), r)
            got.append(masked(r.out))
        for args in (["history", "list", "--json"], ["history", "show", "1", "--json"],
                     ["history", "show", "3", "--json"], ["history", "show", "4", "--json"]):
            r = suite.run(*args, env=env)
            expect(r.code == 0 and r.out.strip(), "%s (%s)" % (args, name), r)
            got.append(masked(r.out))
        out[name] = got
        if name == "zh":
            r = suite.run("send", tpn, "-s", "nosuchfield=1", env=env)
            expect(han(r.err) > 0, "and the person reads it in Chinese", r)
            # a transport failure's detail: English in the history, Chinese here
            r = suite.run(*[a for a in dead if a != "--json"], env=dict(env, **secret))
            want = zh_text("connection refused by %s; is the gateway running?",
                           "http://127.0.0.1:9/router/rest")
            expect(r.code == 3 and want in r.err, "the transport failure in Chinese", r)
    for en, zh in zip(out["en"], out["zh"]):
        expect(en == zh, "byte-identical in both languages", [en, zh])
        expect(han(zh) == 0, "no Chinese in what programs read", zh)
    expect('"detail":"taobao.tpn.template.message.send has no field nosuchfield"' in out["en"][0],
           "the refusal's detail in English", out["en"][0])
    expect('"message":"template_key: required String, not set"' in out["en"][1],
           "a problem's message in English", out["en"][1])
    expect('"detail":"profile \\"dead\\" secret: environment variable TOPC_I18N_SECRET is not '
           'set; export it first"' in out["en"][2], "a prefixed error in English", out["en"][2])


CHECK = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "check-i18n")


def check_with(edit):
    """scripts/check-i18n on a copy of po/zh_CN.po changed by edit(text)."""
    with open(PO, encoding="utf-8") as f:
        text = f.read()
    changed = edit(text)
    expect(changed != text, "the edit changed the catalog")
    path = os.path.join(tempfile.mkdtemp(dir=suite.home), "zh_CN.po")
    with open(path, "w", encoding="utf-8") as f:
        f.write(changed)
    return subprocess.run(["sh", CHECK, path], capture_output=True, text=True, timeout=120)


@suite.test
def check_i18n_fails_on_directives_that_differ():
    """A translation handed the arguments of its original must take them in
    the same order and of the same types, flagged c-format or not."""
    msgid = 'msgid "history entry %lld: its values cannot be read"\n'
    ok = check_with(lambda t: t + "\n")
    expect(ok.returncode == 0, "the catalog as it is passes", ok.stdout + ok.stderr)
    cases = {
        "a type changed": lambda t: t.replace(msgid + 'msgstr "历史记录 %lld：',
                                              msgid + 'msgstr "历史记录 %s：'),
        "a directive left out": lambda t: t.replace(msgid + 'msgstr "历史记录 %lld：',
                                                    msgid + 'msgstr "历史记录：'),
        "two swapped": lambda t: t.replace(
            'msgstr "%s：min %lld 大于 max %lld"', 'msgstr "min %lld 大于 max %lld：%s"'),
        "unflagged": lambda t: t.replace('#, c-format\n' + msgid, msgid).replace(
            msgid + 'msgstr "历史记录 %lld：', msgid + 'msgstr "历史记录 %d%s：'),
        "emptied": lambda t: t.replace(msgid + 'msgstr "历史记录 %lld：无法读取其中的值"',
                                       msgid + 'msgstr ""'),
        "fuzzy": lambda t: t.replace('#, c-format\n' + msgid, '#, fuzzy, c-format\n' + msgid),
        "another word for replay": lambda t: t.replace('msgstr "已重放 %zu 个，用时 %.2f 秒"',
                                                       'msgstr "已重发 %zu 个，用时 %.2f 秒"'),
    }
    for what, edit in cases.items():
        r = check_with(edit)
        expect(r.returncode != 0, "check-i18n fails: %s" % what, r.stdout + r.stderr)
    r = check_with(cases["unflagged"])
    expect("history entry %lld: its values cannot be read" in r.stdout and
           "the original takes llint, the translation int string" in r.stdout,
           "and names the entry and the directives", r.stdout)
    # reordering with numbered directives is a translator's right
    r = check_with(lambda t: t.replace('msgstr "%s：min %lld 大于 max %lld"',
                                       'msgstr "max %3$lld 小于 min %2$lld：%1$s"'))
    expect(r.returncode == 0, "numbered directives may reorder", r.stdout + r.stderr)


def starts(line, fields):
    """The display cell where each of fields begins in line, found in order."""
    out, at = [], 0
    for f in fields:
        i = line.index(f, at)
        out.append(cells(line[:i]))
        at = i + len(f)
    return out


def has_all(line, values):
    try:
        starts(line, values)
        return True
    except ValueError:
        return False


def aligned(text, titles, rows, what):
    """The title line names titles, in the catalog's Chinese, and each row's
    values begin in the cell their title begins in (or end where it ends, for
    right-aligned numbers: marked with a leading '>')."""
    lines = text.rstrip("\n").split("\n")
    head = [t.lstrip(">") for t in titles]
    expect(all(h in lines[0] for h in head), "%s: the titles %s" % (what, head), text)
    title_at = starts(lines[0], head)
    for want in rows:
        values = [v.lstrip(">") for v in want]
        line = next((l for l in lines[1:] if has_all(l, values)), None)
        expect(line is not None, "%s: a row with %s" % (what, values), text)
        at = starts(line, values)
        for t, title, v, col, got in zip(titles, head, want, title_at, at):
            if t.startswith(">"):
                got, col = got + cells(v.lstrip(">")), col + cells(title)
            expect(got == col, "%s: %r lines up under %r" % (what, v, title), text)
        expect("\ufffd" not in line, "%s: no character cut" % what, line)


@suite.test
def lists_in_chinese_aligned_by_cells():
    need_zh()
    env = fresh(ZH)
    tpn = "taobao.tpn.template.message.send"
    po = catalog()
    t = lambda s: po[s]  # noqa: E731
    suite.profile("测试环境", gateway="builtin", app_key="10000001", secret_env="TOPC_I18N_S")
    for name, desc in (("notice1", "给商家的通知"), ("t2", "")):
        r = suite.run("templates", "save", name, tpn, "-s", "template_key=k", "-s",
                      "template_id=1", *(["-d", desc] if desc else []), env=env)
        expect(r.code == 0, "templates save %s" % name, r)
    r = suite.run("templates", "list", env=env)
    expect(r.code == 0, "templates list", r)
    aligned(r.out, [t("NAME"), t("METHOD"), ">" + t("VALUES"), t("DESCRIPTION")],
            [["notice1", tpn, ">2", "给商家的通知"], ["t2", tpn, ">2"]], "templates list")
    r = suite.run("profiles", "list", env=env)
    expect(r.code == 0, "profiles list", r)
    aligned(r.out, [t("NAME"), t("FROM"), t("APP_KEY"), t("SIGN"), t("GATEWAY")],
            [["测试环境", t("user"), "10000001", "md5", "builtin"],
             ["local", t("shipped"), "10000001", "md5", "builtin"]], "profiles list")
    r = suite.run("forms", "list", env=env)
    expect(r.code == 0, "forms list", r)
    aligned(r.out, [t("METHOD"), ">" + t("FIELDS"), t("FROM"), t("TITLE")],
            [[tpn, ">11", t("shipped"), "发送tpn模板消息"]], "forms list")
    sets = ["-s", "template_key=k", "-s", "template_id=101", "-s", "user_id=1", "-s", "biz_id=2"]
    for profile in ("local", "测试环境"):
        r = suite.run("send", tpn, "-p", profile, *sets,
                      env=dict(env, TOPC_I18N_S=suite.secret("s3cr3t-for-i18n")))
    r = suite.run("history", "list", env=env)
    expect(r.code == 0, "history list", r)
    rows = r.out.rstrip("\n").split("\n")
    expect(len(rows) == 3, "a title line and two entries", r)
    ids = [l.split()[0] for l in rows[1:]]
    aligned(r.out, [">" + t("ID"), t("TIME (GMT+8)"), t("PROFILE"), t("METHOD"), t("OUTCOME")],
            [[">" + ids[0], rows[1].split()[1], "测试环境", tpn, "success"],
             [">" + ids[1], rows[2].split()[1], "local", tpn, "success"]], "history list")
    en = suite.run("history", "list", env=dict(env, **EN))
    expect(en.out.split("\n")[0].split() == ["ID", "TIME", "(GMT+8)", "PROFILE", "METHOD",
                                             "OUTCOME", "LATENCY", "CODE"],
           "English titles in C", en)


@suite.test
def local_gateway_answers_in_english_whatever_its_language():
    """What the local gateway answers is protocol text, as TOP's would be: a
    gateway started under zh_CN refuses a form's missing field in English."""
    need_zh()
    import time
    import urllib.parse
    import urllib.request

    class Under:  # the suite as Gateway reads it, with the gateway's language
        env, home, topc, gateways = dict(suite.env, **ZH), suite.home, suite.topc, suite.gateways
    gw = Gateway(Under)
    try:
        params = {"method": "taobao.tpn.template.message.send", "app_key": "10000001",
                  "timestamp": time.strftime("%Y-%m-%d %H:%M:%S",
                                             time.gmtime(time.time() + 8 * 3600)),
                  "v": "2.0", "format": "json", "sign_method": "md5",
                  "template_key": "k", "template_id": "1", "biz_id": "2"}
        params["sign"] = top_sign(params, "topc-local-demo-secret")
        req = urllib.request.Request(gw.url, data=urllib.parse.urlencode(params).encode())
        with urllib.request.urlopen(req, timeout=10) as r:
            answer = json.loads(r.read().decode("utf-8"))["error_response"]
        expect(answer["code"] == 40 and answer["sub_code"] == "isv.missing-parameter:user_id",
               "TOP's code for a missing parameter, naming it", answer)
        expect("user_id" in answer["sub_msg"] and han(answer["sub_msg"]) == 0,
               "the sub_msg in English, not in the gateway's language", answer)
    finally:
        gw.stop(suite)


@suite.test
def chinese_transport_error_masks_the_url_password():
    """The translated detail is masked as the English one is (it failed:
    the Chinese copy named the gateway URL's password)."""
    need_zh()
    pw = suite.secret("canary-i18n-URLPW-7731")
    suite.profile("pwurl", gateway="http://u:%s@127.0.0.1:9/router/rest" % pw,
                  app_key="12345678", secret_env="TOPC_I18N_SECRET")
    r = suite.run("send", "topc.test.echo", "-p", "pwurl", "-S", "a=1",
                  env=dict(fresh(ZH), TOPC_I18N_SECRET=suite.secret("i18n-secret-0123")))
    expect(r.code == 3 and pw not in r.out + r.err and "u:***@" in r.err,
           "the password masked in the Chinese detail", r)
    expect(han(r.err) > 0, "and the detail is Chinese", r)


if __name__ == "__main__":
    suite.main()
