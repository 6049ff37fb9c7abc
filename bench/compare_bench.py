#!/usr/bin/env python3
"""replay --compare and replay --expect against plain replay [keep >= 80% of
replay's throughput].

10,000 replays of a recorded tpn request, --concurrency 32, to `topc gateway`
on 127.0.0.1: plain, then with --compare (each answer read into leaves and
compared with the recorded one), then with --expect (each answer tested by
one jq program in the expectation's worker), alternating, RUNS times each;
the medians of the "(N/s)" figure replay prints.

usage: bench/compare_bench.py [BUILD_DIR] [--replays N] [--runs N]
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

args = sys.argv[1:]
build = args.pop(0) if args and not args[0].startswith("--") else "build"
replays = int(args[args.index("--replays") + 1]) if "--replays" in args else 10000
runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 3
topc = os.path.abspath(os.path.join(build, "topc"))
home = tempfile.mkdtemp(prefix="topc-cbench-")
env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
env.update(HOME=home, XDG_CONFIG_HOME=home + "/config", XDG_STATE_HOME=home + "/state")

try:
    port = 19000 + os.getpid() % 1000
    os.makedirs(home + "/config/topc/profiles")
    prof = home + "/config/topc/profiles/bench.conf"
    with open(prof, "w") as f:
        f.write('gateway = "http://127.0.0.1:%d/router/rest";\napp_key = "10000001";\n'
                'secret = "topc-local-demo-secret";\n' % port)
    os.chmod(prof, 0o600)
    gw = subprocess.Popen([topc, "gateway", "--listen", "127.0.0.1:%d" % port], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    gw.stdout.readline()
    sets = ["-s", "template_key=k", "-s", "template_id=1", "-s", "user_id=1", "-s", "biz_id=5"]
    out = subprocess.run([topc, "send", "taobao.tpn.template.message.send", "-p", "bench", "--json"]
                         + sets, env=env, capture_output=True, text=True).stdout
    origin = re.search(r'"history_id":(\d+)', out).group(1)
    rates = {"plain": [], "compare": [], "expect": []}
    for _ in range(runs):
        for kind in ("plain", "compare", "expect"):
            argv = [topc, "replay", "--exact", "--concurrency", "32", "-p", "bench"] + ["--repeat", str(replays), origin]
            if kind == "compare":
                argv.append("--compare")
            if kind == "expect":
                argv += ["--expect", ".error_response == null"]
            r = subprocess.run(argv, env=env, capture_output=True, text=True)
            line = [l for l in r.stdout.splitlines() if " replayed in " in l][-1]
            rates[kind].append(float(re.search(r"\(([\d.]+)/s\)", line).group(1)))
            if kind == "compare":
                verdicts = r.stdout.strip().splitlines()[-1]
    plain, comp = statistics.median(rates["plain"]), statistics.median(rates["compare"])
    print("replay of %d entries, --concurrency 32, %d runs each" % (replays, runs))
    print("plain replay: median %.0f/s  %s" % (plain, rates["plain"]))
    print("replay --compare: median %.0f/s  %s" % (comp, rates["compare"]))
    print("  %s" % verdicts)
    print("compare / plain: %.0f%%  [target >= 80%%]" % (100 * comp / plain))
    exp = statistics.median(rates["expect"])
    print("replay --expect: median %.0f/s  %s" % (exp, rates["expect"]))
    print("expect / plain: %.0f%%  [target >= 80%%]" % (100 * exp / plain))
finally:
    if "gw" in dir():
        gw.terminate()
        gw.wait()
    shutil.rmtree(home, ignore_errors=True)
