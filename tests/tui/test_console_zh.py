#!/usr/bin/env python3
"""The console in Chinese at 80x24 (issue 16): the real topc in tmux under
LANG=LC_ALL=zh_CN.UTF-8, driven as tests/tui/test_console.py drives it.  On
every screen: no line wider than 80 cells, no character cut (no U+FFFD, and
each expected text whole), and the Chinese where the English was.  Expected
texts come from po/zh_CN.po (read here, without gettext) and from the
shipped forms' own descriptions, never from the program's output."""
import os
import re
import sys
import time
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import HAVE_ZH, Suite, c_format, expect, po_catalog  # noqa: E402
import console  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
suite = Suite()
SECRET = suite.secret("console-zh-secret-\u5bc6-4411")
APP_KEY = "23000031"
suite.env["TOPC_Z_SECRET"] = SECRET
suite.env["TOPC_Z_WRONG"] = "not-the-secret-at-all"
suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
suite.env["LANG"] = suite.env["LC_ALL"] = "zh_CN.UTF-8"
suite.env["LANGUAGE"] = ""
suite.env.pop("NO_COLOR", None)
SESSION = "topc-zh-%d" % os.getpid()
gw = None
JYM = "taobao.jym.message.apppush.send"
TPN = "taobao.tpn.template.message.send"


PO = po_catalog()


def zh(msgid, *args):
    """The catalog's translation of msgid with its directives filled."""
    expect(msgid in PO, "po/zh_CN.po translates %r" % msgid)
    return c_format(PO[msgid], *args)


def c_literal(text):
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _tui_source():
    text = ""
    folder = os.path.join(ROOT, "src", "tui")
    for name in sorted(os.listdir(folder)):
        if name.endswith((".c", ".h")):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text += f.read()
    return re.sub(r'"\s*\\?\n\s*"', "", text)  # "a" "b" -> "ab"


TUI = _tui_source()
NOT_MARKED = []


def console_text(msgid):
    """The Chinese the console shows for msgid, from the catalog, when the
    console marks msgid (_() or N_()); None, noted for the report, when it
    does not yet."""
    lit = c_literal(msgid)
    if ("_(" + lit) not in TUI and ("N_(" + lit) not in TUI:
        if msgid not in NOT_MARKED:
            NOT_MARKED.append(msgid)
        return None
    expect(msgid in PO, "po/zh_CN.po translates %r" % msgid)
    return PO[msgid]  # directives left as they are


def expect_shown(screen, msgids, what):
    """Each marked msgid's translation whole on screen, its English gone."""
    for msgid in msgids:
        text = console_text(msgid)
        if text is not None:
            expect(text in screen, "%s: %r shows as %r" % (what, msgid, text), screen)


def form_descriptions(method):
    """The descriptions written in the shipped form file of method."""
    with open(os.path.join(ROOT, "forms", method + ".conf"), encoding="utf-8") as f:
        return re.findall(r'description = "([^"]*)"', f.read())


def cells(line):
    """Display cells by Unicode's East Asian Width, independent of topc."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in line)


def fits(screen, what):
    """80x24: no line wider than 80 cells, no cut character, 24 lines."""
    lines = screen.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    expect(len(lines) <= 24, "%s: 24 lines at most" % what, screen)
    wide = [l for l in lines if cells(l) > 80]
    expect(not wide, "%s: no line wider than 80 cells" % what, wide)
    expect("\ufffd" not in screen, "%s: no character cut (U+FFFD)" % what, screen)
    return screen


tmux = console.Tmux(SESSION)


def Console(profile="zh"):
    return console.Console(suite, tmux, ("TOPC_Z_SECRET", "TOPC_Z_WRONG"), profile=profile,
                           ready=JYM[-20:], timeout=6)


def fill_jym(c, title="t"):
    c.api(JYM)
    c.fill("user_id", "1526984087476772")
    c.fill("message_id", "消息-中文-001")
    c.fill("template_id", "1")
    c.fill("push_content_dto.title", title)


def received():
    return [r["params"] for r in gw.received()]


@suite.test
def start_gateway():
    global gw
    expect(HAVE_ZH, "the zh_CN.UTF-8 locale is installed (scripts/deps.sh generates it)")
    gw = suite.gateway_for({"zh": dict(secret_env="TOPC_Z_SECRET"),
                            "zhbad": dict(secret_env="TOPC_Z_WRONG")}, app_key=APP_KEY)


@suite.test
def first_screen_and_chinese_descriptions():
    with Console() as c:
        s = fits(c.screen(), "the first screen")
        expect_shown(s, ["APIs", "(type to filter)", "send", "help"], "the first screen")
        # the APIs pane's title holds its count whole (it read "1/" in Chinese)
        forms = len([f for f in os.listdir(os.path.join(ROOT, "forms")) if f.endswith(".conf")])
        title = [l for l in s.split("\n") if "\u00bbAPI" in l]
        expect(title and re.search(r"\b1/%d\b" % forms, title[0]),
               "the APIs title shows 1/%d whole" % forms, s)
        head = console_text(" topc   profile %s   %s   %s %s ")
        if head is not None:
            expect(head.split("%s")[0] in s.split("\n")[0], "the title line", s)
        c.api(JYM)
        fits(c.screen(), "the jym form")
        # each field's description, Chinese from the form file, shows whole
        # when its field has the focus
        for path, desc in (("user_id", "交易猫用户ID"), ("message_id", "消息唯一ID"),
                           ("push_content_dto.title", None)):
            c.select(path)
            s = fits(c.screen(), "the form on %s" % path)
            if desc:
                expect(desc in form_descriptions(JYM), "the form file says %r" % desc)
                expect(desc in s, "%s: its description %r whole" % (path, desc), s)


@suite.test
def help_fits():
    with Console() as c:
        c.keys("F1")
        s = c.wait(re.compile(r"┌|\+-"))
        fits(s, "help")
        expect_shown(s, ["next pane", "previous pane", "switch profile"], "help")
        for _ in range(6):
            c.keys("PageDown")
            fits(c.screen(), "help, paged")
        c.keys("Escape")


@suite.test
def help_wraps_under_the_chinese_description():
    """F1 in Chinese at 80x24: a description that wraps went on under the
    key column (column 13, after "^P"), not under the description, as its
    English does; the column was looked for only in ASCII text."""
    with Console() as c:
        c.keys("F1")
        s = c.wait(re.compile(r"┌|\+-"))
        lines = s.splitlines()
        first = next((i for i, l in enumerate(lines) if re.search(r"\^P +palette +\S", l)), None)
        expect(first is not None, "the palette's row", s)
        wide = re.compile(r"[\u3000-\uffff]")  # a wide character takes two cells
        column = len(wide.sub("xx", lines[first][:re.search(r"palette +", lines[first]).end()]))
        rest = wide.sub("xx", lines[first + 1])
        expect(rest[column - 1] == " " and rest[column] != " ", "the rest under the description "
               "(column %d)" % column, s)
        c.keys("Escape")


@suite.test
def send_and_its_status_line():
    with Console() as c:
        fill_jym(c, "推送内容：一个相当长的中文标题，看它是否整字显示")
        fits(c.screen(), "the filled form")
        before = len(received())
        c.keys("F5")
        s = fits(c.wait("request_id"), "the answer")
        expect(len(received()) == before + 1, "one request arrived")
        p = received()[-1]
        expect(p["message_id"] == "消息-中文-001", "the Chinese value as typed", p)
        expect("成功" in s, "the answer's Chinese text shows", s)
        status = s.rstrip("\n").split("\n")[-1]
        expect(cells(status) <= 80, "the status line fits", status)


@suite.test
def refused_form_in_chinese():
    """The core's problems (translated where they are made) in the console:
    a required field unset is named in the catalog's Chinese."""
    with Console() as c:
        c.api(TPN)
        c.fill("template_key", "k")
        before = len(received())
        c.keys("F5")
        time.sleep(0.5)
        expect(len(received()) == before, "nothing sent")
        c.select("user_id")
        want = zh("required %s, not set", "Number")
        s = fits(c.wait(want), "the refused form")
        expect(want in s, "the problem of user_id in Chinese, whole", s)


@suite.test
def error_answer_fits():
    with Console(profile="zhbad") as c:
        fill_jym(c)
        c.keys("F5")
        s = fits(c.wait("isv.invalid-signature"), "the error answer")
        # the advice, from the code table in the catalog's Chinese (its
        # first words: the pane wraps the rest)
        hint = zh("the secret, sign_method or a parameter value differs from what was signed; "
                  "compare the canonical string with the partner's")
        if "advice" in TUI:
            s = fits(c.wait(hint[:8]), "the advice")
            expect("the secret, sign_method" not in s, "no English advice", s)
        # the gateway's protocol text stays as it came
        expect("Invalid Signature" in s, "the answer's msg as received", s)


def squeeze(text):
    """text without white space: a pane wraps by cells, so a sentence on
    screen is the catalog's with line breaks (and padding) put in."""
    return re.sub(r"\s+", "", text)


def box_text(screen):
    """The inside of the overlay's box (│ ... │), its lines joined."""
    rows = [m.group(1) for m in re.finditer(r"│ ?(.*?) ?│", screen)]
    return squeeze("".join(rows))


def pieces(msgstr):
    """The literal parts of a translation between its directives."""
    return [p for p in re.split(r"%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?(?:ll|l|z)?[sdu]", msgstr)
            if squeeze(p)]


def api_error_answer(c):
    """The jym form sent with the wrong secret: TOP's error 25."""
    fill_jym(c)
    c.keys("F5")
    return c.wait("isv.invalid-signature")


def signature_pages(c, opened_by):
    """The signature view, opened by opened_by, page by page: each page
    fits; their boxes' text together."""
    c.keys(opened_by)
    first = fits(c.wait(zh("signature")), "the signature view (%s)" % opened_by)
    text, s = box_text(first), first
    for _ in range(4):
        c.keys("PageDown")
        s = fits(c.settled(), "the signature view, paged (%s)" % opened_by)
        text += box_text(s)
    c.keys("Escape")
    return first, text


@suite.test
def signature_view_after_an_api_error_in_chinese():
    """F6 and ^V after error 25: the view's labels and the explanation of 25
    in the catalog's Chinese, whole (a character cut or a label left in
    English fails), every line within 80 cells."""
    with Console(profile="zhbad") as c:
        api_error_answer(c)
        for key in ("F6", "C-v"):
            first, text = signature_pages(c, key)
            top = [l for l in first.split("\n") if "┌" in l][0]
            expect(zh("signature") in top, "%s: the box's title in Chinese" % key, first)
            expect(squeeze(zh("== 1. the request sent last (%s, %s)\n\n", JYM, "api_error"))
                   in text, "%s: the first part's heading, whole" % key, text)
            explained = zh("The answer was 25 (invalid signature): check the secret and "
                           "sign_method of this profile, and that every value below is "
                           "exactly what the gateway received.\n\n")
            expect(squeeze(explained) in text, "%s: the explanation of 25, whole" % key, text)
            labels = PO["timestamp %s   sign_method %s\n\ncanonical string (the secret shown as "
                        "<secret>):\n%s\n\nsignature: %s\n\nbody:\n%s\n"]
            for piece in pieces(labels):
                expect(squeeze(piece) in text, "%s: the label %r" % (key, piece), text)
            heading = PO["\n== 2. preview of the current form (not sent; a send signs anew "
                         "with its own timestamp)\n\n"]
            expect(squeeze(heading) in text, "%s: the preview's heading" % key, text)
            for english in ("canonical string", "The answer was 25", "preview of the current",
                            "the request sent last", "signature:", "body:"):
                expect(english not in text, "%s: no English %r" % (key, english), text)


def palette_runs(c, typed):
    """^P, typed, Enter: the screen after the action ran."""
    c.keys("C-p")
    c.wait(zh("action: type to filter, Enter runs"))
    c.type(typed)
    s = fits(c.settled(), "the palette filtered by %r" % typed)
    rows = [l for l in s.split("\n") if re.search(r"│ (\w+) +(F\d+|\^\w|Tab|S-Tab)", l)]
    expect(rows, "the palette lists an action for %r" % typed, s)
    first = re.search(r"│ (\w+) ", rows[0]).group(1)
    c.keys("Enter")
    return first, c.settled()


@suite.test
def palette_by_chinese_and_english_name():
    """The palette finds the signature view by its Chinese name (签名, the
    catalog's) and by its English one, first in the list both ways: 签名
    is also in send's help, and Enter must not send then."""
    with Console(profile="zhbad") as c:
        api_error_answer(c)
        before = len(received())
        chinese = zh("signature")
        got = {}
        for typed in (chinese, "signature"):
            action, s = palette_runs(c, typed)
            got[typed] = action
            expect(zh("signature") in [l for l in s.split("\n") if "┌" in l][0]
                   if "┌" in s else False, "%r opens the signature view" % typed, s)
            expect(squeeze(zh("== 1. the request sent last (%s, %s)\n\n", JYM, "api_error"))
                   in box_text(s), "%r: the view of the last send" % typed, s)
            c.keys("Escape")
        expect(got[chinese] == got["signature"] == "signature",
               "both reach the same action", got)
        time.sleep(0.3)
        expect(len(received()) == before, "nothing was sent by the search", received())


@suite.test
def palette_by_the_labels_of_every_action():
    """Each action is found by its Chinese label: the palette's own table of
    labels lacked diff, export, export_form and query (typing 查询应答
    found nothing); the labels are now a column of the action table."""
    with Console() as c:
        for name, label in (("diff", "compare with its origin"),
                            ("export", "export entry as SDK code"),
                            ("export_form", "export form as SDK code"),
                            ("query", "query the response"),
                            ("signature", "signature")):
            c.keys("C-p")
            c.wait(zh("action: type to filter, Enter runs"))
            c.type(zh(label))
            s = fits(c.settled(), "the palette filtered by %r" % zh(label))
            names = re.findall(r"│ (\w+) ", s)
            expect(name in names, "%r lists %s" % (zh(label), name), s)
            c.keys("Escape")
            c.settled()


def response_text(screen):
    """The response pane's text (right of the history pane), joined."""
    rows = [l.split("│", 1)[1] for l in screen.split("\n")[12:-1] if "│" in l]
    return squeeze("".join(rows))


@suite.test
def api_error_advice_in_chinese():
    """Error 25: the status line points to F6 in Chinese, the response pane
    shows the code table's advice in the catalog's Chinese, whole, and no
    English advice."""
    with Console(profile="zhbad") as c:
        s = fits(api_error_answer(c), "the error answer")
        status = s.rstrip("\n").split("\n")[-1]
        pointer = zh("; F6 shows the signature and what to check (the request that failed)")
        expect(status.startswith("api_error") and squeeze(pointer) in squeeze(status),
               "the status line in Chinese", status)
        s = fits(c.settled(), "the error answer")
        shown = response_text(s)
        for msgid in ("the secret, sign_method or a parameter value differs from what was "
                      "signed; compare the canonical string with the partner's",
                      "the signature does not match what the gateway received"):
            expect(squeeze(zh(msgid)) in shown, "the advice %r in Chinese, whole" % msgid, s)
        for english in ("the secret, sign_method", "does not match what", "F6 shows"):
            expect(english not in s, "no English %r" % english, s)


@suite.test
def stop():
    tmux("kill-server", check=False)
    if NOT_MARKED:
        print("   not marked in the console yet (English on screen): %s" % NOT_MARKED)


if __name__ == "__main__":
    console.main(suite, tmux, [start_gateway])
