#!/usr/bin/env python3
"""The console as a person uses it: the real topc in tmux at a fixed size,
keys in with send-keys, the screen read with capture-pane, and what the
local gateway received read from its inbox."""
import contextlib
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Suite, expect  # noqa: E402
import console  # noqa: E402

suite = Suite()
SECRET = suite.secret("console-secret-\u5bc6-7788")
APP_KEY = "23000021"
suite.env["TOPC_C_SECRET"] = suite.env["TOPC_C_WRONG"] = SECRET
CON = dict(app_key=APP_KEY, secret_env="TOPC_C_SECRET")  # the profiles' keys
suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
suite.env["LANG"] = suite.env["LC_ALL"] = "C.UTF-8"
suite.env.pop("NO_COLOR", None)
SESSION = "topc-it-%d" % os.getpid()
gw = slow = None
GMT8 = datetime.timezone(datetime.timedelta(hours=8))  # the history's times


tmux = console.Tmux(SESSION)


def Console(width=80, height=24, profile="con", term=None):
    return console.Console(suite, tmux, ("TOPC_C_SECRET", "TOPC_C_WRONG"), width=width,
                           height=height, profile=profile, term=term)


@contextlib.contextmanager
def topc_conf(text):
    """The user's topc.conf holds text until the block ends (however it
    ends); yields its path."""
    conf = os.path.join(suite.home, "config", "topc", "topc.conf")
    with open(conf, "w") as f:
        f.write(text)
    try:
        yield conf
    finally:
        os.remove(conf)


@contextlib.contextmanager
def env(**values):
    """suite.env (what the next consoles get) with values until the block
    ends, then as it was."""
    saved = {k: suite.env[k] for k in values}
    suite.env.update(values)
    try:
        yield
    finally:
        suite.env.update(saved)


# Valid forms: every required field (jym's, one nested)
VALID = {"taobao.jym.message.apppush.send": (("user_id", "1"), ("message_id", "m"),
                                             ("template_id", "1"), ("push_content_dto.title", "t")),
         "taobao.tpn.template.message.send": (("template_key", "k"), ("template_id", "101"),
                                              ("user_id", "12345"), ("biz_id", "9"))}


def fill_valid(c, api):
    """api picked and VALID's values filled in."""
    c.api(api)
    for path, value in VALID[api]:
        c.fill(path, value)


def fill_jym(c):
    fill_valid(c, "taobao.jym.message.apppush.send")


def fill_tpn(c):
    fill_valid(c, "taobao.tpn.template.message.send")


@contextlib.contextmanager
def sent_with_a_wrong_secret():
    """A conbad console whose profile's secret no longer is the gateway's:
    fill_jym's form sent, refused with code 25.  Yields the console and that
    screen; the right secret is back when the block ends."""
    with env(TOPC_C_WRONG="not-the-secret"), Console(profile="conbad") as c:
        fill_jym(c)
        c.keys("F5")
        yield c, c.wait("code 25")


def send_jym(c):
    """fill_jym's form sent with F5; the screen once its answer shows."""
    fill_jym(c)
    c.keys("F5")
    return c.wait("jym_message_apppush_send_response")


def load_newest_entry(c):
    """Loads the newest history entry into the form (l), over whatever
    draft an earlier test left unsent."""
    c.focus("history")
    c.keys("g", "l")
    s = c.wait(re.compile(r"loaded entry|replace them\? \(y/n\)"))
    if "(y/n)" in s:
        c.keys("y")
    c.wait("loaded entry")


def loopback_answering(profile, body, clock_s=0):
    """A gateway on loopback that answers every request with body (bytes,
    as JSON), its Date header clock_s off this machine's clock; a profile
    named profile sends to it.  Returns the server (shutdown() stops it)."""
    return suite.answering(profile, body, answer=dict(content_type="application/json",
                                                      clock_s=clock_s), **CON)


def received():
    return [r["params"] for r in gw.received()]


@suite.test
def start_gateways():
    global gw, slow
    gw = suite.gateway_for({"con": {}, "con2": dict(sign_method="hmac-sha256"),
                            "conbad": dict(secret_env="TOPC_C_WRONG")}, **CON)
    slow = suite.gateway_for("conslow", fault="delay:4000", **CON)


@suite.test
def send_nested_fields_and_chinese():
    with Console() as c:
        c.api("taobao.jym.message.apppush.send")
        c.fill("user_id", "1526984087476772")
        c.fill("message_id", "消息-001")
        c.fill("template_id", "1")
        c.fill("push_content_dto.push_redirect_url_dto.redirect_url", "http://www.jiaoyimao.com")
        c.fill("push_content_dto.title", "推送内容")
        # edit in the middle of a Chinese value: cursor moves by characters
        c.select("push_content_dto.title")
        c.keys("Enter", "Left", "Left")
        c.type("新的")
        c.keys("Enter")
        s = c.wait("推送新的内容")
        expect("title" in s, "the whole value is shown", s)
        before = len(received())
        c.keys("F5")
        s = c.wait("request_id")
        expect("success" in s and "jym_message_apppush_send_response" in s, "success shown", s)
        got = received()
        expect(len(got) == before + 1, "one request arrived")
        p = got[-1]
        expect(p["message_id"] == "消息-001" and p["user_id"] == "1526984087476772", "values", p)
        expect(p["push_content_dto"] == '{"push_redirect_url_dto":{"redirect_url":"http:\\/\\/www.jiaoyimao.com"},'
               '"title":"推送新的内容"}', "nested JSON as the Java SDK writes it", p)
        # every character of the Chinese response shows: the doc example's 成功
        expect('"extra_err_msg": "成功"' in s, "Chinese in the response", s)


@suite.test
def validation_error_shown_and_fixed():
    with Console() as c:
        c.api("taobao.tpn.template.message.send")
        c.fill("template_key", "k")
        c.fill("template_id", "12a")
        s = c.wait("not a whole number")
        before = len(received())
        c.keys("F5")
        s = c.wait("nothing sent")
        expect("user_id" in s and "required" in s, "missing fields named once a send is tried", s)
        expect(len(received()) == before, "nothing sent")
        c.fill("template_id", "101")
        c.fill("user_id", "12345")
        c.fill("biz_id", "122323434545")
        c.fill("biz_data", '{"key1":"value","key2":123')
        c.wait("not valid JSON")
        c.fill("biz_data", '{"key1":"value","key2":123}')
        c.keys("F5")
        c.wait("tpn_template_message_send_response")
        p = received()[-1]
        expect(p["biz_data"] == '{"key1":"value","key2":123}' and p["template_id"] == "101", "sent", p)


@suite.test
def choices_arrays_and_templates():
    with Console() as c:
        c.api("taobao.tbk.marketing.msg.send")
        c.fill("adzone_id", "123")
        c.select("manufacturer")
        c.keys("Enter")
        s = c.wait("oppo - oppo")
        expect("huawei - 华为" in s and "rongyao - 荣耀" in s, "choices with labels", s)
        c.keys("Down", "Enter")
        c.wait(re.compile(r"manufacturer +String +oppo"))
        c.select("material_type")
        c.keys("Enter", "Down", "Enter")
        c.wait(re.compile(r"material_type +Number +2"))
        c.fill("target_item.item_id_list", "top:a,top:b")
        # then element by element: a row per element and one that adds
        c.keys("Down")
        c.wait("[1] top:a")
        c.keys("Down")
        c.wait("[2] top:b")
        c.keys("Down")
        c.wait("+ add an element")
        c.keys("Enter")
        c.type("top:c,x")  # a comma inside: the value becomes a JSON array
        c.keys("Enter")
        c.wait("[3] top:c,x")
        c.keys("Up", "x")  # removes [2] top:b
        s = c.wait("[2] top:c,x")
        expect("top:b" not in s, "the removed element is gone", s)
        c.keys("a")  # a new element after [2]
        c.type("top:d")
        c.keys("Enter")
        c.wait("[3] top:d")
        c.keys("Up", "Up", "Enter", "C-u")  # edits [1] in place
        c.type("top:z")
        c.keys("Enter")
        s = c.wait("[1] top:z")
        expect("[2] top:c,x" in s and "[3] top:d" in s and "[4]" not in s,
               "elements added, removed and edited in place", s)
        c.fill("oppo_sp.show_time", "12")
        c.keys("F4")
        c.wait("save the form as template")
        c.type("tbk-oppo")
        c.keys("Enter")
        c.wait("saved template tbk-oppo")
        c.keys("F5")
        c.wait("tbk_marketing_msg_send_response")
        p = received()[-1]
        expect(p["manufacturer"] == "oppo" and p["material_type"] == "2" and
               p["target_item"] == '{"item_id_list":["top:z","top:c,x","top:d"]}' and
               p["oppo_sp"] == '{"show_time":12}', "choice, array and nested number", p)
    # a new console: the template loads back
    with Console() as c:
        c.api("taobao.tbk.marketing.msg.send")
        c.keys("F3")
        c.wait("tbk-oppo")
        c.keys("Enter")
        c.wait("template tbk-oppo loaded")
        c.select("manufacturer")
        s = c.screen()
        expect(re.search(r"manufacturer +String +oppo", s), "values back", s)
        c.select("oppo_sp.show_time")
        expect(re.search(r"show_time +Number +12", c.screen()), "nested value back", c.screen())


@suite.test
def generators_profile_switch_and_signature():
    with Console() as c:
        c.api("alibaba.campus.mc.message.sendmessagetomobile")
        c.fill("mobile_receiver_message_event.msg_key", "${uuid}")
        s = c.wait("generated at each send")
        c.fill("mobile_receiver_message_event.event_time_millis", "${now_ms}")
        c.select("mobile_receiver_message_event.event_type")
        c.keys("Enter", "Enter")  # the first choice: push_app
        c.keys("F2")
        c.wait("conslow")
        for _ in range(6):
            c.keys("Up")
        # pick con2 (hmac-sha256)
        s = c.screen()
        c.keys("Down")
        c.keys("Enter")
        c.wait("hmac-sha256")
        c.keys("F5")
        c.wait("campus_mc_message_sendmessagetomobile_resp")  # cut at the pane: ~
        p = received()[-1]
        ev = json.loads(p["mobile_receiver_message_event"])
        expect(p["sign_method"] == "hmac-sha256", "the switched profile signs", p)
        expect(re.match(r"^[0-9a-f-]{36}$", ev["msg_key"]) and ev["event_time_millis"] > 1.7e12,
               "generators computed at send", ev)
        c.keys("F6")
        s = c.wait("canonical string")
        expect("<secret>" in s and SECRET not in s and "signature:" in s, "signature view masks", s)
        c.keys("Escape")


@suite.test
def profile_edited_in_a_form():
    path = suite.profile("conedit", gateway="http://127.0.0.1:%d/router/rest" % gw.port, app_key=APP_KEY,
                         secret_env="TOPC_C_SECRET")
    with open(path, "a") as f:
        f.write("# kept: a note the team wrote\n")
    with Console(profile="conedit") as c:
        c.keys("F7")
        s = c.wait("profile conedit  (F5 saves, F7 leaves)")
        c.select("secret_ref")
        s = c.screen()
        expect(re.search(r"secret_from +String +env", s) and
               re.search(r"secret_ref +String +TOPC_C_SECRET", s), "the secret's source shown", s)
        expect(SECRET not in s, "never the secret itself", s)
        c.select("sign_method")
        c.keys("Enter")
        c.wait("hmac-sha256")
        c.keys("Down", "Down", "Enter")
        c.wait(re.compile(r"sign_method +String +hmac-sha256"))
        c.fill("timeout", "9")
        # a bad gateway: refused with the reason, nothing written
        c.fill("gateway", "ftp://example.test/router")
        before = open(path).read()
        c.keys("F5")
        s = c.wait("not saved")
        expect("is not a URL" in s, "the reason", s)
        expect(open(path).read() == before, "the file unchanged", before)
        c.fill("gateway", "http://127.0.0.1:%d/router/rest" % gw.port)
        c.keys("F5")
        s = c.wait("profile conedit saved to")
        expect("hmac-sha256" in s.splitlines()[0], "the header shows the saved profile", s)
        text = open(path).read()
        expect('sign_method = "hmac-sha256";' in text and "timeout = 9;" in text and
               "# kept: a note the team wrote" in text and 'secret_env = "TOPC_C_SECRET";' in text,
               "saved key by key, the rest kept", text)
        # the form is the API's again, and sends with the saved profile
        send_jym(c)
        expect(received()[-1]["sign_method"] == "hmac-sha256", "sent with the saved profile",
               received()[-1])
        # F7 then F7 again leaves without saving
        c.keys("F7")
        c.wait("profile conedit  (F5 saves")
        c.fill("app_key", "999")
        c.keys("F7")
        c.wait("leave the profile editor without saving the changes? (y/n)")
        c.keys("y")
        c.wait("nothing saved")
        expect('app_key = "999"' not in open(path).read(), "left without saving")


@suite.test
def answers_reindented_and_coloured():
    suite.profile("conxml", gateway="http://127.0.0.1:%d/router/rest" % gw.port, app_key=APP_KEY,
                  secret_env="TOPC_C_SECRET", format="xml")
    with Console(profile="conxml") as c:
        fill_jym(c)
        c.keys("F5")
        s = c.wait("<jym_message_apppush_send_response>")
        lines = s.splitlines()
        at = next(i for i, l in enumerate(lines) if "<jym_message_apppush_send_response>" in l)
        expect(re.search(r"│ {2}<result>$|│  <result>", lines[at + 1]) and
               re.search(r"│ {4}<result>true</result>", lines[at + 2]),
               "one element a line, children indented, text elements whole", s)
        coloured = tmux("capture-pane", "-e", "-p", "-t", "c").stdout
        expect(re.search(r"\x1b\[36m<jym_message_apppush_send_response>", coloured),
               "tags in the name colour", coloured)
    with Console() as c:
        send_jym(c)
        coloured = tmux("capture-pane", "-e", "-p", "-t", "c").stdout
        expect(re.search(r'\x1b\[36m"state_code"\x1b\[39m: "SUCCESS"', coloured), "JSON keys in the name colour",
               coloured)


@suite.test
def shipped_local_profile_works_offline():
    # the first run: the shipped local profile, its gateway started in the
    # console on the first send (not before the first screen)
    with Console(profile="local") as c:
        s = c.wait("profile local")
        expect("builtin" in s.splitlines()[0], "the builtin gateway named in the header", s)
        s = send_jym(c)
        expect(re.search(r"success +HTTP 200", s), "answered by the in-process gateway", s)


@suite.test
def api_error_explained():
    with sent_with_a_wrong_secret() as (c, s):
        expect("isv.invalid-signature" in s and "F6 shows the signature" in s, "error and hint", s)
        c.keys("F6")
        s = c.wait("invalid signature): check the secret")


@suite.test
def slow_request_cancelled_while_the_ui_answers():
    with Console(profile="conslow") as c:
        fill_jym(c)
        c.keys("F5")
        c.wait("sending taobao.jym.message.apppush.send")
        # the UI still answers: the help overlay opens and closes
        c.keys("F1")
        c.wait("this help")
        c.keys("Escape")
        s = c.wait(re.compile(r"\d\.\d s  \(Esc cancels\)"))
        c.keys("Escape")
        s = c.wait("cancelled")
        expect("transport_error" in s or "cancelled" in s, "cancel shown", s)


@suite.test
def history_filtered_opened_replayed():
    # its own entry, so that it runs alone (-k) and in any order
    r = suite.run("send", "-p", "con", "taobao.tbk.marketing.msg.send", "-s", "adzone_id=123",
                  "-s", "manufacturer=oppo", "-s", "oppo_sp.show_time=12")
    expect(r.code == 0, "a tbk entry to find", r)
    with Console() as c:
        c.focus("history")
        c.keys("/")
        c.type("tbk")
        c.keys("Enter")
        s = c.wait("tbk.marketing")
        left = "\n".join(line.split("│")[0] for line in s.splitlines())
        expect("jym." not in left and "tpn." not in left, "filtered", s)
        c.keys("Enter")
        s = c.wait("tbk_marketing_msg_send_response")
        time.sleep(1.1)  # a timestamp of its own (seconds), for the diff below
        before = len(received())
        c.keys("r")
        c.wait("tbk_marketing_msg_send_response")
        time.sleep(0.5)
        got = received()
        expect(len(got) == before + 1 and got[-1]["manufacturer"] == "oppo", "replayed", got[-1:])
        # the replay and its origin, compared
        c.focus("history")
        c.keys("g", "m", "Down", "d")
        s = c.wait("diff of entries")
        expect("--- entry" in s and "+++ entry" in s and re.search(r"│-\s+\"timestamp\"", s) and
               re.search(r"│\+\s+\"timestamp\"", s), "a unified diff in the response pane", s)


@suite.test
def loaded_entry_keeps_system_overrides():
    """A CLI entry sent with system overrides (-S format=xml -s sign_method=hmac), loaded
    with l: the form listed them as "no such field" and refused to send."""
    r = suite.run("send", "-p", "con", "taobao.jym.message.apppush.send", "-s", "user_id=7",
                  "-s", "message_id=over-1", "-s", "template_id=1", "-s",
                  "push_content_dto.title=t", "-S", "format=xml", "-s", "sign_method=hmac")
    expect(r.code == 0, "the CLI entry", r)
    with Console() as c:
        load_newest_entry(c)
        c.keys("End")
        s = c.settled()
        expect("no such field" not in s, "no field problem", s)
        expect(re.search(r"format +system, as given +xml", s) and
               re.search(r"sign_method +system, as given +hmac", s), "listed as sent as given", s)
        before = len(received())
        c.keys("F5")
        c.wait("jym_message_apppush_send_response")
        got = inbox_since(before)
        expect(got[0]["format"] == "xml" and got[0]["sign_method"] == "hmac" and
               got[0]["message_id"] == "over-1", "sent as the CLI sent it", got)
        # x drops an override: the profile's format goes out again
        c.select("format")
        c.keys("x")
        s = c.settled()
        expect(not re.search(r"format +system, as given", s), "gone from the form", s)
        before = len(received())
        c.keys("F5")
        got = inbox_since(before)
        expect(got[0].get("format") == "json" and got[0]["sign_method"] == "hmac",
               "the profile's format, the other override kept", got)


@suite.test
def resize_and_minimum_size():
    with Console(width=100, height=30) as c:
        tmux("resize-window", "-t", "c", "-x", "60", "-y", "20")
        s = c.wait("topc needs at least 80x24; this terminal is 60x20")
        tmux("resize-window", "-t", "c", "-x", "90", "-y", "26")
        s = c.wait("F1 help")
        expect(all(len(line) <= 90 for line in s.splitlines()), "fits the new width", s)


@suite.test
def escape_sequences_are_inert():
    server = loopback_answering("conevil", b"not json \x1b[2J\x1b[31mRED\x1b]52;c;aGk=\x07 end "
                       b"\xe6\xb7\x98\xe5\xae\x9d\nbidi \xe2\x80\xaeevil\xe2\x80\x8b.\n"
                       b"typed \\x1B and sent \x1b.")
    with server, Console(profile="conevil") as c:
        fill_jym(c)
        c.keys("F5")
        s = c.wait("unparseable")
        expect("\\x1B[2J\\x1B[31mRED\\x1B]52;c;aGk=\\x07 end 淘宝" in s, "the escapes shown, not obeyed", s)
        expect("bidi \\u202Eevil\\u200B." in s, "bidi and zero-width characters shown as codes", s)
        # the text \x1B the server typed stays plain; its ESC is the same four
        # letters in reverse video (SGR 7), so the two never read alike
        coloured = tmux("capture-pane", "-e", "-p", "-t", "c").stdout
        line = next((l for l in coloured.splitlines() if "typed" in l), "")
        expect("typed \\x1B and sent " in line and
               re.search(r"and sent \x1b\[(?:[0-9]+;)*7(?:;[0-9]+)*m\\x1B", line),
               "a sent ESC is reversed, the typed text is not", line)
        expect("F1 help" in s or "unparseable" in s.splitlines()[-1], "the screen is whole", s)


@suite.test
def keys_and_colours_from_topc_conf():
    with topc_conf('keys = { send = "F9"; signature = "^G"; };\n'
                   'colors = { error = "magenta"; };\n'), Console() as c:
        s = c.wait("F9 send")
        expect("^G signature" in s, "the status line shows the bound keys", s)
        c.keys("F1")
        s = c.wait("this help")
        expect(re.search(r"F9 +\^S +send +commit the open edit, validate, sign", s),
               "the help shows them too", s)
        c.keys("Escape")
        fill_jym(c)
        before = len(received())
        c.keys("F5")  # no longer send
        time.sleep(0.3)
        expect(len(received()) == before, "F5 unbound")
        c.keys("F9")
        c.wait("jym_message_apppush_send_response")
        expect(len(received()) == before + 1, "F9 sends")
        c.keys("C-g")
        c.wait("canonical string")
    with topc_conf('keys = {\n  sned = "F9";\n};\n'), Console() as c:
        s = c.wait("keys.sned: no such action")
        expect("topc.conf:2" in s, "file and line named", s)


@suite.test
def ascii_marks_and_a_hint_without_a_utf8_locale():
    # G13: under LANG=C the focus marker showed as "\\" and nothing said why
    with env(LANG="C", LC_ALL="C"), Console() as c:
        s = c.wait("not a UTF-8 locale")
        expect(">APIs" in s and "\u00bb" not in s, "an ASCII focus marker", s)
        expect("LANG=C.UTF-8" in s, "the hint names a UTF-8 locale", s)
    with Console() as c:
        s = c.wait("\u00bbAPIs")
        expect("UTF-8 locale" not in s, "no hint under a UTF-8 locale", s)


@suite.test
def every_topc_conf_error_is_listed():
    # G2: one unknown setting hid every other error in the file
    with topc_conf('bogus = 1;\nkeys = { send = "s"; quit = "F5"; };\n'
                   'colors = { error = "pink"; };\nmouse = "yes";\n'), Console() as c:
        s = c.wait("errors in topc.conf")
        expect("5 errors in topc.conf" in s, "all five counted", s)
        # cut at the pane's edge (a ~ marks where)
        for what in ("topc.conf:1: unknown", "topc.conf:4: mouse", "topc.conf:2: keys.se",
                     "topc.conf:2: keys.qu", "topc.conf:3: colors."):
            expect(what in s, "listed: " + what, s)


@suite.test
def mouse_only_when_asked():
    def mouse_flag():
        return tmux("display", "-p", "-t", "c", "#{mouse_any_flag}#{mouse_standard_flag}").stdout.strip()

    with Console() as c:
        c.wait("F5 send")
        # off by default: the terminal keeps its own selection
        expect(mouse_flag() == "00", "no mouse reporting asked for", mouse_flag())
    with topc_conf("mouse = true;\n"), Console() as c:
        c.wait("F5 send")
        expect("1" in mouse_flag(), "mouse reporting on with mouse = true", mouse_flag())
        s = c.screen()
        lines = s.splitlines()
        # X10 mouse reports, as a terminal sends them: ESC [ M, button+32,
        # column+33, line+33 (0-based)
        def click(col, row, button=0):
            c.type("\x1b[M%c%c%c" % (32 + button, 33 + col, 33 + row))
            c.type("\x1b[M%c%c%c" % (32 + 3, 33 + col, 33 + row))  # release
        row = next(i for i, l in enumerate(lines) if "tbk.marketing.msg.send" in l)
        click(3, row)
        click(3, row)  # a second click on the selected API opens it
        c.wait(re.compile(r"│.taobao.tbk.marketing.msg.send"))
        # the wheel over the form moves its selection down
        def help_line():
            sl = c.screen().splitlines()
            sep = next(i for i, l in enumerate(sl) if "───" in l)
            return sl[sep + 1].split("│", 1)[1].split("  ")[0]
        first = help_line()
        form_row = next(i for i, l in enumerate(lines) if "│" in l and i > 2)
        for _ in range(3):
            c.type("\x1b[M%c%c%c" % (32 + 65, 33 + 40, 33 + form_row))
        time.sleep(0.2)
        expect(help_line() != first, "the wheel moved the form's selection from " + first,
               c.screen())
        # a click in the history pane focuses it
        hist_row = next(i for i, l in enumerate(c.screen().splitlines()) if "history" in l)
        click(2, hist_row + 1)
        c.wait("»history")
    with topc_conf("mouse = false;\nmosue = true;\n"), Console() as c:
        s = c.wait("topc.conf:")
        expect('~/config/topc/topc.conf:2: unknown setting "mosue"; did you mean "mouse"?' in s,
               "bad settings named with their line and the fix, the path short", s)


def inbox_since(before, n=1, timeout=5):
    """What arrived after the first `before` requests, once n more have."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = received()[before:]
        if len(got) >= n:
            return got
        time.sleep(0.05)
    raise AssertionError("%d requests expected after %d, got %r" % (n, before, received()[before:]))


@suite.test
def send_while_editing_sends_what_is_shown():
    """F5 (and ^S) with a field still open sent the field's old value."""
    with Console() as c:
        fill_jym(c)
        c.select("message_id")
        c.keys("Enter", "C-u")
        c.type("新的值-F5")
        before = len(received())
        c.keys("F5")  # the edit still open
        s = c.wait("jym_message_apppush_send_response")
        got = inbox_since(before)
        expect(len(got) == 1 and got[0]["message_id"] == "新的值-F5", "the shown value went out", got)
        expect(re.search(r"message_id +String +新的值-F5", s), "and the form shows it", s)
        c.select("message_id")
        c.keys("Enter", "C-u")
        c.type("via-ctrl-s")
        before = len(received())
        c.keys("C-s")
        got = inbox_since(before)
        expect(len(got) == 1 and got[0]["message_id"] == "via-ctrl-s", "^S too", got)
        # a form with problems: the edit lands in its own field
        c.fill("user_id", "")
        c.select("message_id")
        c.keys("Enter", "C-u")
        c.type("stays-here")
        before = len(received())
        c.keys("F5")
        s = c.wait("nothing sent")
        expect(re.search(r"message_id +String +stays-here", s), "the edit in its field", s)
        expect(not re.search(r"user_id +Number +stays-here", s), "not in the first problem's", s)
        expect(len(received()) == before, "nothing sent")


@suite.test
def profile_switch_refused_while_in_flight():
    """F2 then Esc or F10 during a slow request crashed the console."""
    with Console(profile="conslow") as c:
        fill_jym(c)
        c.keys("F5")
        c.wait("sending taobao.jym.message.apppush.send")
        c.keys("F2")
        s = c.wait("a request is in flight")
        expect("conslow" in s.splitlines()[0], "the profile stays", s)
        c.keys("F3")
        c.wait("a request is in flight")
        c.keys("F10")
        c.wait("a request is in flight: cancel it and quit? (y/n)")
        c.keys("n")
        c.wait("Esc cancels")
        c.keys("Escape")
        s = c.wait(re.compile(r"cancelled .*entry #(\d+)"))
        entry = re.search(r"entry #(\d+)", s).group(1)
        c.keys("F2")
        c.wait("con2")
        c.keys("Escape")
    r = suite.run("history", "show", entry, "--json")
    expect(r.code == 0 and r.json()["outcome"] == "cancelled", "recorded as cancelled", r)
    r = suite.run("history", "list", "--outcome", "cancelled")
    expect(r.code == 0 and entry in r.out, "and found by its outcome", r)


@suite.test
def replay_exact_sends_what_was_sent():
    """R sent the literal ${uuid}; r of a Json field with ${now_ms} failed."""
    with Console() as c:
        c.api("alibaba.campus.mc.message.sendmessagetomobile")
        c.fill("mobile_receiver_message_event.msg_key", "${uuid}")
        c.fill("mobile_receiver_message_event.event_time_millis", "${now_ms}")
        c.select("mobile_receiver_message_event.event_type")
        c.keys("Enter", "Enter")
        before = len(received())
        c.keys("F5")
        c.wait("campus_mc_message_sendmessagetomobile_resp")  # cut at the pane: ~
        first = json.loads(inbox_since(before)[0]["mobile_receiver_message_event"])
        expect(re.match(r"^[0-9a-f-]{36}$", first["msg_key"]), "a uuid went out", first)
        c.focus("history")
        c.keys("g")  # the newest: the one just sent
        before = len(received())
        c.keys("R")
        again = json.loads(inbox_since(before)[0]["mobile_receiver_message_event"])
        expect(again == first, "exact: the same uuid and time", (first, again))
        c.keys("g")
        before = len(received())
        c.keys("r")
        fresh = json.loads(inbox_since(before)[0]["mobile_receiver_message_event"])
        expect(fresh["msg_key"] != first["msg_key"] and re.match(r"^[0-9a-f-]{36}$", fresh["msg_key"]),
               "fresh: a new uuid", fresh)
        # a Json field generated whole
        fill_tpn(c)
        c.fill("title_param", "${now_ms}")
        c.keys("F5")
        c.wait("tpn_template_message_send_response")
        c.focus("history")
        c.keys("g")
        before = len(received())
        c.keys("r")
        got = inbox_since(before)
        expect(len(got) == 1 and int(got[0]["title_param"]) > 1.7e12, "fresh Json generator", got)


@suite.test
def unknown_escape_sequences_swallowed():
    """An unknown key's sequence leaked into the filter; its ESC dropped an edit."""
    with Console() as c:
        c.focus("APIs")
        c.type("jym")
        c.type("\x1b[99~")  # a key no terminfo knows
        c.type("\x1b[1;9Z")
        s = c.screen()
        expect("filter: jym" in s and "[99~" not in s and "[1;9Z" not in s, "nothing typed", s)
        c.keys("Enter")
        c.select("message_id")
        c.keys("Enter", "C-u")
        c.type("123")
        c.type("\x1b[99~")
        c.type("45")
        c.keys("Enter")
        c.wait(re.compile(r"message_id +String +12345"))


@suite.test
def pretty_json_pasted_into_a_field():
    """A multi-line paste committed at its first line break."""
    with Console() as c:
        fill_tpn(c)
        c.select("biz_data")
        c.keys("Enter", "C-u")
        tmux("set-buffer", "-b", "p", '{\n  "key1": "value",\n  "key2": 123\n}\n')
        tmux("paste-buffer", "-p", "-b", "p", "-t", "c")
        time.sleep(0.5)  # keys right after a paste are dropped (A5)
        c.keys("Enter")
        c.wait(re.compile(r'biz_data +Json +\{ "key1": "val~'))  # cut at the pane's edge
        before = len(received())
        c.keys("F5")
        c.wait("tpn_template_message_send_response")
        got = inbox_since(before)
        expect(json.loads(got[0]["biz_data"]) == {"key1": "value", "key2": 123}, "sent as JSON", got)
        # 100 kB in under a second
        big = "x" * 100000
        c.select("pict")
        c.keys("Enter", "C-u")
        path = os.path.join(suite.home, "paste.txt")
        with open(path, "w") as f:
            f.write(big)
        tmux("load-buffer", "-b", "big", path)
        start = time.monotonic()
        tmux("paste-buffer", "-p", "-b", "big", "-t", "c")
        c.wait(re.compile(r"pict +String +xxxxxxxx"), timeout=10)
        elapsed = time.monotonic() - start
        expect(elapsed < 1.5, "100 kB pasted in %.2f s" % elapsed)
        time.sleep(0.5)  # keys right after a paste are dropped (A5)
        c.keys("Enter")
        s = c.wait(re.compile(r"pict +String +xxxxxxxx"))
        expect("keys right after a paste" not in s, "the Enter ran", s)


@suite.test
def keys_typed_after_a_paste_run():
    """Each key that followed a paste kept its guard up, so typing on
    without a 0.3 s pause was dropped key after key, however long."""
    with Console() as c:
        c.api("taobao.tpn.template.message.send")
        c.select("template_key")
        c.keys("Enter", "C-u")
        tmux("set-buffer", "-b", "p", "pasted-")
        tmux("paste-buffer", "-p", "-b", "p", "-t", "c")
        c.wait("pasted-")
        time.sleep(0.2)  # after the paste's burst: typed, one key every 50 ms
        for ch in "typed":
            tmux("send-keys", "-t", "c", "-l", ch)
            time.sleep(0.05)
        c.keys("Enter")
        s = c.wait(re.compile(r"template_key +String +pasted-typed"))
        expect("after a paste" not in s.splitlines()[-1], "nothing was dropped", s)


@suite.test
def every_action_without_function_keys():
    """Under TERM=vt100 or linux some F-keys do not exist: Ctrl keys and the palette."""
    with Console() as c:
        fill_jym(c)
        # ^S sends (F5's Ctrl alternative); the signature view below then
        # has an entry of its own to show, whatever ran before this test
        c.keys("C-s")
        c.wait("jym_message_apppush_send_response")
        c.keys("C-f")
        c.wait("conslow")
        c.keys("Escape")
        c.keys("C-n")
        c.wait("help  line 1-")
        c.keys("Escape")
        c.focus("history")
        c.type(":")
        c.wait("action: type to filter")
        c.type("sig")
        s = c.wait("signature ")
        c.keys("Enter")
        c.wait("== 1. the request sent")
        c.keys("NPage")
        c.wait("== 2. preview of the current form")
        c.keys("Escape")
        c.keys("C-p")
        c.wait("action: type to filter")
        c.type("send")
        before = len(received())
        c.keys("Enter")
        c.wait("jym_message_apppush_send_response")
        expect(len(received()) == before + 1, "the palette sends")


@suite.test
def function_keys_under_vt100_and_linux():
    """Under vt100 F5 left the field empty; under linux F1-F5 did nothing."""
    for term in ("vt100", "linux"):
        with Console(term=term) as c:
            fill_jym(c)
            c.select("message_id")
            c.keys("Enter", "C-u")
            c.type("12345")
            before = len(received())
            c.keys("F5")  # as tmux sends it, whatever TERM says
            got = inbox_since(before)
            expect(got[0]["message_id"] == "12345", "%s: the typed value sent" % term, got)
            c.keys("F1")
            c.wait("help  line 1-")
            c.keys("Escape")


@suite.test
def overlays_scroll_at_80x24():
    """Help showed 13 of its lines; the signature's explanation was below the edge."""
    with Console() as c:
        c.keys("F1")
        c.wait("help  line 1-")
        c.keys("G")
        s = c.wait("topc.conf")
        expect("see the README" in s, "the help's last line reached", s)
    with sent_with_a_wrong_secret() as (c, s):
        c.keys("F6")
        s = c.wait("invalid signature): check the secret")
        expect("== 1. the request sent" in s, "the failed request's explanation first", s)
        for _ in range(40):
            c.keys("Down")
        s = c.wait(re.compile(r"signature  line \d+-(\d+) of \1 "))
        expect("timestamp" in s, "scrolled to the end of the view", s)


@suite.test
def status_expires_and_hints_come_back():
    with Console() as c:
        c.api("taobao.jym.message.apppush.send")
        c.fill("user_id", "")  # whatever a draft held
        c.keys("F5")
        c.wait("nothing sent")
        fill_jym(c)
        s = c.wait("F5 send", timeout=3)
        expect("nothing sent" not in s.splitlines()[-1], "fixed: the message is gone", s)


@suite.test
def drafts_kept_across_api_switch_and_restart():
    with Console() as c:
        c.api("taobao.jym.message.apppush.send")
        c.fill("message_id", "draft-一")
        c.api("taobao.tpn.template.message.send")
        c.fill("template_key", "draft-二")
        c.api("taobao.jym.message.apppush.send")
        c.wait(re.compile(r"message_id +String +draft-一"))
        c.focus("history")
        c.keys("q")
        time.sleep(0.3)
    with Console() as c:
        c.api("taobao.tpn.template.message.send")
        c.wait(re.compile(r"template_key +String +draft-二"))


@suite.test
def response_pane_end_search_and_raw():
    with Console() as c:
        send_jym(c)
        c.focus("response")
        c.keys("G")
        s = c.wait(re.compile(r"line \d+ of \d+"))
        expect('"request_id"' in s and '"state_code"' in s, "G shows the last screenful", s)
        c.keys("g", "/")
        c.type("STATE_CODE")
        c.keys("Enter")
        c.type("/")
        c.type("state_code")
        c.keys("Enter")
        s = c.wait('"state_code"')
        c.keys("v")
        s = c.wait("[raw]")
        expect('{"jym_message_apppush_send_response":' in s, "the body as it came", s)
        c.keys("h")
        s = c.wait("[headers]")
        expect(re.search(r"│HTTP/1\.[01] 200", s) and "Content-Type: " in s, "the headers as received", s)
        # each line's CR LF ends the line: its CR was shown as a reversed \x0D
        expect("\\x0D" not in s, "no \\x0D at the line ends", s)
        c.keys("h")
        c.wait("[raw]")


@suite.test
def html_error_shown_as_sent():
    """An HTML 500 answer was shown with an <?xml?> line the server never sent."""
    suite.gateway_for("con500", fault="http500", **CON)
    with Console(profile="con500") as c:
        fill_jym(c)
        c.keys("F5")
        s = c.wait("http_error")
        expect("<?xml" not in s, "nothing added to the answer", s)
        c.focus("response")
        c.keys("v")
        s = c.wait("[raw]")
        expect("<?xml" not in s and "<html" in s.lower(), "the raw body as it came", s)


@suite.test
def keys_ignored_below_minimum_size():
    with Console() as c:
        c.api("taobao.jym.message.apppush.send")
        c.select("message_id")
        tmux("resize-window", "-t", "c", "-x", "60", "-y", "20")
        c.wait("topc needs at least 80x24")
        c.keys("Enter")
        c.type("unseen")
        c.keys("Enter")
        tmux("resize-window", "-t", "c", "-x", "80", "-y", "24")
        s = c.wait("APIs")
        expect("unseen" not in s, "nothing typed while too small", s)


@suite.test
def bad_key_remaps_listed():
    with topc_conf('keys = {\n  send = "s";\n  template_save = "^W";\n  profile = "F5";\n};\n'), \
            Console() as c:
        s = c.wait("3 errors in topc.conf")
        expect("topc.conf:2" in s, "the first named with its line", s)
        c.focus("response")
        c.keys("w")
        s = c.wait("[wrap]")
        expect("topc.conf:3" in s and "line editor" in s and "topc.conf:4" in s and
               "already send's key" in s, "every error listed", s)
        fill_jym(c)
        c.select("message_id")
        c.keys("Enter", "C-u")
        c.type("s")
        c.keys("C-w")
        c.type("stays")
        c.keys("Enter")
        c.wait(re.compile(r"message_id +String +stays"))


@suite.test
def history_reads_a_screenful_first_then_all():
    """The first screen reads 40 rows (the rest after the first move); the
    title says more are there, and G reaches the 500th."""
    state = os.path.join(suite.home, "state-many")
    os.makedirs(os.path.join(state, "topc"), exist_ok=True)
    fill = os.path.join(os.path.dirname(suite.topc), "bench", "bench_history_fill")
    subprocess.run([fill, os.path.join(state, "topc", "history.db"), "700"], check=True,
                   stdout=subprocess.DEVNULL)
    with env(XDG_STATE_HOME=state), Console() as c:
        c.focus("history")
        c.wait(re.compile(r"history  1/40\+"))
        c.keys("G")
        s = c.wait(re.compile(r"history  500/500\+"))
        # the newest is 700, the 500th newest 201
        expect(re.search(r"201 \d\d:\d\d:\d\d", s), "G shows the 500th newest", s)


@suite.test
def headers_of_a_past_entry():
    """The headers view was empty for entries opened from the history."""
    with Console() as c:
        send_jym(c)
    with Console() as c:  # a new console: the answer comes from the history only
        c.focus("history")
        c.keys("Home", "Enter")
        c.wait("jym_message_apppush_send_response")
        c.focus("response")
        c.keys("h")
        s = c.wait("[headers]")
        expect(re.search(r"│HTTP/1\.[01] 200", s) and "Content-Type: " in s,
               "the headers as received", s)


@suite.test
def error_31_advice_and_clock_difference():
    """After an error the console showed only the code: the advice of
    topc send, and for 31 this machine's clock against the Date header (a
    gateway on loopback whose clock is 900 s behind)."""
    server = loopback_answering("con31", json.dumps({"error_response": {
        "code": 31, "msg": "Invalid timestamp", "sub_code": "isv.invalid-timestamp",
        "request_id": "r31"}}).encode(), clock_s=-900)
    with server, Console(profile="con31") as c:
        fill_jym(c)
        c.keys("F5")
        s = c.wait("code 31")
        s = c.wait(re.compile(r"clock is \+9\d\d s off"))
        expect("GMT+8" in s, "what 31 means (TOP_PROTOCOL.md 5: GMT+8)", s)


def cells(line):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@suite.test
def console_strings_in_chinese():
    """Under LANG=zh_CN.UTF-8 the panes, hints, help and the signature view
    read in Chinese, and every line fits 80 cells."""
    with env(LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8"), Console() as c:
        s = c.wait("F5 发送")
        expect("历史" in s and "F1 帮助" in s and "F10 退出" in s, "the hints and titles", s)
        c.api("taobao.jym.message.apppush.send")
        s = c.wait("Number，必填")
        c.keys("F1")
        s = c.wait("本帮助")
        expect("切换配置" in s, "the action table's help", s)
        c.keys("Escape", "F6")
        s = c.wait("待签名字符串")
        for line in s.splitlines():
            expect(cells(line) <= 80, "fits 80 cells: %r" % line, s)
        # the palette finds an action by its Chinese help as well as its name
        c.keys("Escape", "C-p")
        c.wait("操作：输入以筛选")
        c.type("切换")
        s = c.wait("切换配置")
        expect("profile " in s and "template_load" not in s, "only the profile action", s)


@suite.test
def response_cursor_moves_before_the_text_scrolls():
    """j scrolled the whole answer (300 bytes a move): a cursor line moves
    first, the text stays until the cursor reaches the pane's edge."""
    with Console() as c:
        send_jym(c)
        c.focus("response")
        first = [l for l in c.screen().splitlines() if l.endswith("│{") or "│{" in l]
        c.keys("j", "j")
        s = c.wait("line 3 of")
        expect([l for l in s.splitlines() if "│{" in l] == first, "the text did not move", s)
        c.keys("G")
        s = c.wait(re.compile(r"line (\d+) of \1\b"))
        expect('"request_id"' in s, "G: the last line, the last screenful", s)


@suite.test
def a_console_killed_mid_send_leaves_a_pending_entry():
    """A console killed with SIGKILL while its request was in flight left no
    trace: the next console's history shows it, pending and marked ?, and
    the status line says its process ended."""
    with Console(profile="conslow") as c:
        fill_jym(c)
        c.keys("F5")
        c.wait("sending taobao.jym.message.apppush.send")
        topc = [p for p in c.pids() if open("/proc/%d/cmdline" % p, "rb").read()
                .split(b"\0")[0] == suite.topc.encode()]
        expect(len(topc) == 1, "the console's process", topc)
        c.wait(re.compile(r"\? \S+ pending"))
        os.kill(topc[0], 9)
    kept = suite.entries("--profile", "conslow", "--limit", "1")
    expect(kept and kept[0]["outcome"] == "pending" and kept[0]["pending"] == "ended" and
           kept[0]["method"] == "taobao.jym.message.apppush.send", "kept, pending", kept)
    # the row as view_history draws it: id, ?, the time it left (GMT+8),
    # pending, the method without taobao. (cut where the pane ends, with ~)
    left = datetime.datetime.fromtimestamp(kept[0]["time_ms"] // 1000, GMT8).strftime("%H:%M:%S")
    with Console() as c:
        c.focus("history")
        c.keys("j", "k")  # the newest entry selected: its mark explained
        s = c.wait("ended before the answer came")
        rows = re.findall(r"(?m)^[ >*]?%d \? %s pending ([^\s│~]+)~? *[│x]" % (kept[0]["id"], left),
                          s)
        expect(len(rows) == 1 and len(rows[0]) >= 1 and
               "jym.message.apppush.send".startswith(rows[0]),
               "entry %d's row: marked ?, pending, at %s" % (kept[0]["id"], left), s)
        expect(re.search(r"entry %d: \? no outcome recorded: its process %d ended"
                         % (kept[0]["id"], topc[0]), s), "explained with its process", s)



@suite.test
def a_pending_entry_is_explained_as_it_is_when_selected():
    """The note of a pending entry is read when it is selected, not kept from
    the pane's last reload: a send in flight, then killed, reads as ended
    the next time its row is selected (it read "in flight" until some
    other entry arrived)."""
    suite.gateway_for("conhang", fault="delay:30000", **CON)
    send = suite.held("send", "-p", "conhang", "taobao.jym.message.apppush.send", "-s",
                      "user_id=1", "-s", "message_id=hang", "-s", "template_id=1", "-s",
                      "push_content_dto.title=t", settle=0)
    try:
        with Console() as c:
            c.focus("history")
            c.wait(re.compile(r"\? \S+ pending"))
            c.keys("j", "k")  # the first move reads the pane again; the newest selected
            c.wait("in flight: process %d is sending it" % send.pid)
            send.end(signal.SIGKILL)
            c.keys("j", "k")  # no entry arrived: no reload
            s = c.wait("ended before the answer came")
            expect("process %d ended" % send.pid in s, "the killed send's process named as ended",
                   s)
    finally:
        if send.proc.poll() is None:
            send.end(signal.SIGKILL)


if __name__ == "__main__":
    console.main(suite, tmux, [start_gateways])
