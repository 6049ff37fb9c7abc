#!/usr/bin/env python3
"""Commands that could send more, or again, than the user meant: a replay
--from-history must name which entries (a bare one, or one with only -p,
resent the whole history), and a --query that fails on the answer after the
request went out exits 1, never 2 ("nothing was sent": a script sends again)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Suite, expect  # noqa: E402

suite = Suite()
SECRET = suite.secret("replay-safety-secret-4242")
suite.env["TOPC_RS_SECRET"] = SECRET
suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
gw = None


@suite.test
def start():
    global gw
    gw = suite.gateway()
    for name in ("rs1", "rs2"):
        suite.profile(name, gateway="http://127.0.0.1:%d/router/rest" % gw.port,
                      app_key="23000051", secret_env="TOPC_RS_SECRET")
    # the gateway learns the app key from the profiles at its start
    gw.stop(suite)
    gw = suite.gateway()
    for name in ("rs1", "rs2"):
        suite.profile(name, gateway="http://127.0.0.1:%d/router/rest" % gw.port,
                      app_key="23000051", secret_env="TOPC_RS_SECRET")


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


if __name__ == "__main__":
    suite.main()
