#!/usr/bin/env python3
"""The console ended or steered the way a person does it by accident, in
tmux: killed by SIGHUP (an SSH connection dropping) or SIGTERM in the middle
of a send or of an edit, a paste that carries a forged end-of-paste marker
and a key, a replay of another profile's entry.  What reached the gateway is
read from its inbox, what was kept from the history and the drafts file.

Reuses test_console.py's Console and gateways (importing it makes its
suite; only this file's tests run)."""
import json
import os
import re
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import test_console as tc  # noqa: E402
from harness import expect  # noqa: E402

suite = tc.suite
suite.tests = [tc.start_gateways]


def console_pid():
    """The topc console's pid in the tmux session c (under tmux's shell)."""
    pane = int(tc.tmux("display-message", "-p", "-t", "c", "#{pane_pid}").stdout.strip())
    todo = [pane]
    while todo:
        pid = todo.pop()
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                argv = f.read().split(b"\0")
        except FileNotFoundError:
            continue
        if len(argv) > 1 and argv[0].endswith(b"topc") and b"console" in argv:
            return pid
        try:
            with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
                todo += [int(x) for x in f.read().split()]
        except FileNotFoundError:
            pass
    raise AssertionError("no topc console under pane pid %d" % pane)


def gone(pid, timeout=10):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if not os.path.exists("/proc/%d" % pid):
            return True
        with open("/proc/%d/stat" % pid) as f:
            if f.read().split(")")[-1].split()[0] == "Z":
                return True
        time.sleep(0.05)
    return False


def drafts():
    path = os.path.join(suite.env["XDG_STATE_HOME"], "topc", "console-drafts.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def kill_console(sig):
    """Sends sig to the console and waits until it has ended."""
    pid = console_pid()
    os.kill(pid, sig)
    expect(gone(pid), "the console ends on %s" % sig.name)


def killed_in_flight(sig, message_id):
    """C2: the console killed by sig while a slow request is in flight."""
    with tc.Console(profile="conslow") as c:
        tc.fill_jym(c)
        c.fill("message_id", message_id)
        before = len(tc.slow.received())
        c.keys("F5")
        c.wait("sending taobao.jym.message.apppush.send")
        kill_console(sig)
    end = time.monotonic() + 8
    while len(tc.slow.received()) == before and time.monotonic() < end:
        time.sleep(0.1)
    got = tc.slow.received()[before:]
    expect(len(got) == 1 and got[0]["params"]["message_id"] == message_id,
           "the gateway received it", got)
    r = suite.run("history", "list", "--outcome", "cancelled", "--json")
    expect(r.code == 0, "history list", r)
    rows = [json.loads(line) for line in r.out.splitlines() if line.strip()] \
        if not r.out.lstrip().startswith("[") else r.json()
    mine = []
    for row in rows:
        shown = suite.run("history", "show", str(row["id"]), "--json")
        if shown.code == 0 and message_id in shown.out:
            mine.append(shown.json())
    expect(len(mine) == 1, "one cancelled entry holds what was sent (%s)" % sig.name, rows)
    params = mine[0].get("params") or {}
    expect(params.get("message_id") == message_id, "with the values as sent", mine[0])


@suite.test
def sighup_in_flight_is_recorded_cancelled():
    killed_in_flight(signal.SIGHUP, "hup-in-flight-1")


@suite.test
def sigterm_in_flight_is_recorded_cancelled():
    killed_in_flight(signal.SIGTERM, "term-in-flight-1")


def killed_while_editing(sig, value):
    """C6: the console killed by sig with a field's edit open."""
    with tc.Console() as c:
        c.api("taobao.tpn.template.message.send")
        c.fill("template_key", "committed-before")
        c.select("template_key")
        c.keys("Enter", "C-u")
        c.settled()
        c.type(value)
        c.wait("OPEN_EDIT")
        kill_console(sig)
    d = drafts()
    draft = json.loads(d.get("taobao.tpn.template.message.send") or "{}")
    expect(draft.get("template_key") == value, "the open edit is in the draft (%s)" % sig.name, d)


@suite.test
def sighup_keeps_the_open_edit():
    killed_while_editing(signal.SIGHUP, "HUP_OPEN_EDIT")


@suite.test
def sigterm_keeps_the_open_edit():
    killed_while_editing(signal.SIGTERM, "TERM_OPEN_EDIT")



@suite.test
def paste_with_a_forged_end_marker_sends_nothing():
    """A5: text copied from a chat with ESC [ 201 ~ then F5's sequence in it
    ended the paste and sent the form."""
    with tc.Console() as c:
        tc.fill_tpn(c)
        c.select("template_key")
        c.keys("Enter", "C-u")
        c.settled()
        before = len(tc.received())
        path = os.path.join(suite.home, "forged.txt")
        for n, tail in enumerate(["\033[15~", "\033[15~q\r\033[21~"]):
            with open(path, "w") as f:
                f.write("PASTED%d\033[201~%s" % (n, tail))
            tc.tmux("load-buffer", "-b", "forged", path)
            tc.tmux("paste-buffer", "-p", "-b", "forged", "-t", "c")
            time.sleep(1.5)
            expect(len(tc.received()) == before, "nothing sent by the pasted F5", tc.received()[before:])
            c.wait("keys right after a paste are not run")
            c.keys("C-u")
        c.type("REAL")
        time.sleep(0.5)
        c.keys("Enter")
        c.wait(re.compile(r"template_key +String +REAL"))
        c.keys("F5")
        c.wait("tpn_template_message_send_response")
        got = tc.received()[before:]
        expect(len(got) == 1 and got[0]["template_key"] == "REAL", "F5 pressed sends", got)



@suite.test
def defaults_sent_and_not_sent_look_different():
    """A10: func_type (required, default 0) is sent, material_type (optional,
    default 1) is not; both were drawn as a blue default."""
    with tc.Console() as c:
        c.api("taobao.tbk.marketing.msg.send")
        c.select("func_type")
        s = c.settled()
        row = [l for l in s.splitlines() if re.search(r"func_type +Number", l)]
        expect(row and re.search(r"Number +0 \(sent\)", row[0]) and
               "empty: sent as 0" in s, "func_type: sent", s)
        c.select("material_type")
        s = c.settled()
        row = [l for l in s.splitlines() if re.search(r"material_type +Number", l)]
        expect(row and re.search(r"Number +\(server: 1\)", row[0]) and
               "empty: not sent (server: 1)" in s, "material_type: not sent", s)
        c.fill("adzone_id", "123")
        c.fill("manufacturer", "oppo")
        before = len(tc.received())
        c.keys("F5")
        c.wait("tbk_marketing_msg_send_response")
        got = tc.received()[before:]
        expect(len(got) == 1 and got[0].get("func_type") == "0" and "material_type" not in got[0],
               "what is sent agrees with the screen", got)



@suite.test
def loaded_entry_with_an_extra_name_is_sent_and_removable():
    """C5: an entry sent with -S extra_raw=RAW1 (a name the form has not got),
    loaded with l: F5 said "extra_raw: ... has no such" and the name could not
    be reached.  It is listed, sent as given, and x removes it."""
    r = suite.run("send", "-p", "con", "taobao.tpn.template.message.send", "-s",
                  "template_key=c5", "-s", "template_id=101", "-s", "user_id=1", "-s", "biz_id=2",
                  "-S", "extra_raw=RAW1")
    expect(r.code == 0, "the CLI entry", r)
    with tc.Console() as c:
        tc.load_newest_entry(c)
        c.select("extra_raw")
        s = c.settled()
        expect(re.search(r"extra_raw +not in the form, as given +RAW1", s) or
               re.search(r"extra_raw .*RAW1", s), "listed with its value", s)
        before = len(tc.received())
        c.keys("F5")
        c.wait("tpn_template_message_send_response")
        got = tc.received()[before:]
        expect(len(got) == 1 and got[0].get("extra_raw") == "RAW1", "sent as given", got)
        c.focus("form")
        c.select("extra_raw")
        c.keys("x")
        time.sleep(0.3)
        c.keys("F5")
        c.wait(re.compile(r"success .*entry #\d+|tpn_template_message_send_response"))
        time.sleep(0.5)
        got = tc.received()[before:]
        expect(len(got) == 2 and "extra_raw" not in got[1], "removed, not sent", got)



@suite.test
def replay_of_another_profiles_entry_asks():
    """A2: R/r sent an entry of profile conslow with the console's profile con,
    without a word (topc replay ID uses the entry's own)."""
    r = suite.run("send", "-p", "conslow", "taobao.tpn.template.message.send", "-s",
                  "template_key=a2", "-s", "template_id=101", "-s", "user_id=1", "-s", "biz_id=2")
    expect(r.code == 0, "an entry of profile conslow (its own gateway)", r)
    slow_before = len(tc.slow.received())
    with tc.Console() as c:
        c.focus("history")
        c.keys("g")
        before = len(tc.received())
        for key in ("R", "r"):
            c.keys(key)
            s = c.wait("(y/n)")
            expect(re.search(r"entry \d+ was sent with profile conslow: send it with profile "
                             r"con\? \(y/n\)", s), "the question names both profiles, whole", s)
            c.keys("n")
            c.wait("nothing done")
        time.sleep(0.5)
        expect(len(tc.received()) == before, "n sends nothing", tc.received()[before:])
        c.keys("R")
        c.wait("(y/n)")
        c.keys("y")
        c.wait("tpn_template_message_send_response")
        got = tc.received()[before:]
        expect(len(got) == 1 and got[0]["template_key"] == "a2", "y sends to con's gateway", got)
        expect(len(tc.slow.received()) == slow_before, "and not to conslow's")


if __name__ == "__main__":
    tc.console.main(suite, tc.tmux, [tc.start_gateways])
