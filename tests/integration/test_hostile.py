#!/usr/bin/env python3
"""Hostile input, faults and secrets from the command line (issue 12): each
test reproduces one finding of an attack on topc and failed before its fix.
Everything talks to `topc gateway` or to a fake server on 127.0.0.1."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect, free_port, Gateway  # noqa: E402

suite = Suite()
SECRET = suite.secret("hostile-secret-\u5bc6-77aa")
suite.env["TOPC_X_SECRET"] = SECRET
STATE = os.path.join(suite.home, "state")
suite.env["XDG_STATE_HOME"] = STATE
TPN = "taobao.tpn.template.message.send"
TPN_SETS = ["-s", "template_key=k", "-s", "user_id=1", "-s", "template_id=101",
            "-s", "biz_id=2"]
gw = None


@suite.test
def start():
    global gw
    port = free_port()
    suite.profile("x", gateway="http://127.0.0.1:%d/router/rest" % port, app_key="23000031",
                  secret_env="TOPC_X_SECRET")
    gw = Gateway(suite, port=port)
    r = suite.run("send", TPN, "-p", "x", *TPN_SETS)
    expect(r.code == 0, "a first send", r)


@suite.test
def numbers_are_read_whole():
    # strtol took "42abc" as 42 and overflows as the largest number
    for args in (["history", "show", "1abc"], ["history", "show", "99999999999999999999"],
                 ["history", "show", " 1"], ["history", "diff", "1", "1x"],
                 ["history", "list", "--limit", "5x"], ["replay", "1", "--concurrency", "2x"],
                 ["replay", "1", "--rate", "1x"], ["replay", "18446744073709551617"],
                 ["gateway", "--listen", "127.0.0.1:80x"]):
        r = suite.run(*args)
        expect(r.code == 2, "%s is refused as usage" % args, r)
    r = suite.run("history", "show", "1")
    expect(r.code == 0, "history show 1 still works", r)


@suite.test
def since_far_back_is_everything():
    # signed overflow (UBSan) in the multiplication
    r = suite.run("history", "list", "--since", "99999999999999999d", "--json")
    expect(r.code == 0 and len(r.out.splitlines()) == 1, "since before 1970: all", r)
    r = suite.run("history", "list", "--since", "999999999999999999999999d")
    expect(r.code == 2, "a number over 64 bits is refused", r)


@suite.test
def empty_folders_list_nothing():
    # qsort(NULL, 0) with no template and no form at all (UBSan)
    empty = os.path.join(suite.home, "empty")
    os.makedirs(os.path.join(empty, "forms"), exist_ok=True)
    os.makedirs(os.path.join(suite.home, "config", "topc", "templates"), exist_ok=True)
    r = suite.run("templates", "list")
    expect(r.code == 0, "templates list with an empty folder", r)
    r = suite.run("forms", "list", env={"TOPC_DATADIR": empty})
    expect(r.code == 0, "forms list with no forms", r)


suite.main()
