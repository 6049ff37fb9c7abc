#!/usr/bin/env python3
"""Commands that could send more, or again, than the user meant: a replay
--from-history must name which entries (a bare one, or one with only -p,
resent the whole history), and a --query that fails on the answer after the
request went out exits 1, never 2 ("nothing was sent": a script sends again)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect, wait_for  # noqa: E402

suite = Suite()
SECRET = suite.secret("replay-safety-secret-4242")
suite.env["TOPC_RS_SECRET"] = SECRET
suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
RS = dict(app_key="23000051", secret_env="TOPC_RS_SECRET")  # every profile's keys
gw = None


@suite.test
def start():
    global gw
    gw = suite.gateway_for({"rs1": {}, "rs2": {}}, **RS)
    expect(len(suite.gateways) == 1, "one gateway started")


def received():
    return len(gw.received())


@suite.test
def from_history_needs_a_filter():
    for i in range(3):
        r = suite.run("send", "-p", "rs1", "topc.test.echo", "-S", "i=%d" % i)
        expect(r.code == 0, "sent", r)
    r = suite.run("send", "-p", "rs2", "topc.test.echo", "-S", "mine=1")
    expect(r.code == 0, "sent", r)
    before = received()
    for args in (["--from-history"], ["--from-history", "-p", "rs2"],
                 ["--from-history", "--profile", "rs2"]):
        r = suite.run("replay", *args)
        expect(r.code == 2, "refused: replay %s" % " ".join(args), r)
        expect("--all" in r.err, "the refusal names the way to mean it", r)
    r = suite.run("replay", "--from-history", "-p", "rs2")
    expect("--history-profile" in r.err, "-p alone: the message names --history-profile", r)
    expect(received() == before, "nothing was sent by the refused replays")
    # saying which entries works; --all means all
    r = suite.run("replay", "--from-history", "--history-profile", "rs2")
    expect(r.code == 0, "one entry replayed", r)
    expect(received() == before + 1, "exactly the one entry of rs2 was resent (%d)"
           % (received() - before))
    r = suite.run("replay", "--from-history", "--all", "-p", "rs2")
    expect(r.code == 0 and received() == before + 1 + 5, "--all resends every entry", r)
    r = suite.run("replay", "--all", "1")
    expect(r.code == 2 and "--from-history" in r.err, "--all without --from-history", r)


@suite.test
def a_query_failing_after_the_send_is_not_nothing_sent():
    before = received()
    r = suite.run("send", "-p", "rs1", "topc.test.echo", "-S", "q=1",
                  "--query", ".topc_test_echo_response.request_id | tonumber")
    expect(received() == before + 1, "the request went out")
    expect(r.code == 1, "exit 1, not 2 (which says nothing was sent): %d" % r.code, r)
    last = json.loads(suite.run("history", "list", "--limit", "1", "--json").out.splitlines()[0])
    expect(last["outcome"] == "success", "and it is in the history as sent", last)


JYM = "taobao.jym.message.apppush.send"
JYM_SETS = ["-s", "user_id=1", "-s", "message_id=rs-fixed-1", "-s", "template_id=1",
            "-s", "push_content_dto.title=t"]


def last_entry():
    r = suite.run("history", "list", "--limit", "1", "--json")
    return json.loads(r.out.splitlines()[0])


def wire(params):
    return {k: v for k, v in params.items() if k not in ("timestamp", "sign")}


def sent_then_replayed(send_args, mode):
    """The parameter sets of a send and of its replay, as the gateway got them."""
    r = suite.run("send", "-p", "rs1", *send_args)
    expect(r.code == 0, "sent: %s" % " ".join(send_args), r)
    entry = last_entry()
    r = suite.run("replay", str(entry["id"]), *mode)
    expect(r.code == 0, "replayed %s" % " ".join(mode), r)
    got = gw.received()
    return entry, got[-2]["params"], got[-1]["params"]


OVERRIDES = ["-S", "format=xml", "-S", "sign_method=hmac", "-S", "partner_id=",
             "-S", "v=2.0", "-S", "target_app_key=23000777", "-s", "simplify=true"]


@suite.test
def exact_replay_sends_the_overridden_system_parameters():
    for method in ([JYM] + JYM_SETS, ["topc.test.echo", "-S", "i=1"]):
        entry, first, again = sent_then_replayed(method + OVERRIDES, ["--exact"])
        expect(first["format"] == "xml" and first["sign_method"] == "hmac" and
               "partner_id" not in first and first["target_app_key"] == "23000777" and
               first["simplify"] == "true", "the send carried the overrides", first)
        expect(wire(again) == wire(first), "the exact replay sent the same parameters "
               "but timestamp and sign:\n%r\n%r" % (first, again))
        values = entry["values"]
        for name, value in (("format", "xml"), ("sign_method", "hmac"), ("partner_id", ""),
                            ("target_app_key", "23000777"), ("simplify", "true")):
            expect(values.get(name) == value, "values keep %s=%r" % (name, value), values)


@suite.test
def fresh_replay_and_compare_keep_the_overrides():
    entry, first, again = sent_then_replayed([JYM] + JYM_SETS + OVERRIDES, [])
    expect(again["message_id"] != first["message_id"], "fresh renews the unique id", again)
    del first["message_id"], again["message_id"]
    expect(wire(again) == wire(first), "fresh sent the same system parameters:\n%r\n%r"
           % (first, again))
    r = suite.run("replay", str(entry["id"]), "--compare")
    expect(r.code == 0 and "1 same" in r.out and "  same" in r.out,
           "--compare after an xml send says same", r)


@suite.test
def exact_replay_of_a_raw_structure():
    raw = '{"title":"raw","x_unknown":1}'
    entry, first, again = sent_then_replayed(
        [JYM, "-s", "user_id=1", "-s", "message_id=rs-2", "-s", "template_id=1",
         "-S", "push_content_dto=" + raw], ["--exact"])
    expect(first["push_content_dto"] == raw and wire(again) == wire(first),
           "-S structure resent as it went:\n%r\n%r" % (first, again))
    r = suite.run("replay", str(entry["id"]))
    expect(r.code == 0 and gw.received()[-1]["params"]["push_content_dto"] == raw,
           "and fresh keeps it too", r)


@suite.test
def a_short_replay_prints_no_rate():
    ids = [str(e["id"]) for e in map(json.loads, suite.run(
        "history", "list", "--json", "--limit", "2", "--outcome", "success").out.splitlines())]
    r = suite.run("replay", *ids)
    expect(r.code == 0 and "2 replayed in 0." in r.out, "two quick replays", r)
    expect("/s)" not in r.out, "no rate for less than a second", r)


@suite.test
def ctrl_c_in_a_replay_keeps_what_was_in_flight():
    import signal
    import time
    slow = suite.gateway_for("rs-slow", fault="delay:5000", **RS)
    ids = []
    for i in range(3):
        r = suite.run("send", "-p", "rs1", "topc.test.echo", "-S", "slow=%d" % i)
        expect(r.code == 0, "sent", r)
        ids.append(str(last_entry()["id"]))
    # two in flight, the gateway holding its answers back
    p = suite.held("replay", "-p", "rs-slow", "--concurrency", "2", *ids, count=2)
    code, out, err = p.end(signal.SIGINT, timeout=10)
    expect(code == -signal.SIGINT, "ended by the signal: %r %r" % (code, err))
    kept = [json.loads(line) for line in suite.run(
        "history", "list", "--json", "--limit", "3").out.splitlines()]
    cancelled = [e for e in kept if e["outcome"] == "cancelled" and e.get("replay_of")]
    expect(len(cancelled) == 2 and all(e["profile"] == "rs-slow" and e["params"]["slow"]
                                       for e in cancelled),
           "the two in flight are kept as cancelled, with what was sent", kept)
    expect("1 not sent" in err and "cancelled" in out, "the third was not sent: %r" % err)
    wait_for("the two at the gateway", lambda: len(slow.received()) >= 2)
    time.sleep(0.5)
    expect(sorted(g["params"]["slow"] for g in slow.received()) ==
           sorted(e["params"]["slow"] for e in cancelled), "exactly those reached the gateway")
    slow.stop(suite)


if __name__ == "__main__":
    suite.main()
