#!/usr/bin/env python3
"""Median wall time of `topc send` against curl posting the same pre-signed
body to the same local gateway (both accept gzip, so the gateway does the
same work for each), runs interleaved so a busy machine weighs on both
alike; CPU time too.  topc keeps each send in its history, as a person's
topc does, in a history of the benchmark's own (on the disk of $TMPDIR:
set it to a folder on the disk you care about; tmpfs hides the syncs).
With --against OTHER_TOPC a second topc (an older build) runs in the same
rotation, with its own history, so both are measured under the same load.
Prints figures; asserts nothing.

    bench/send_vs_curl.py [build/topc] [runs] [--against OTHER_TOPC]
"""
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

argv = sys.argv[1:]
against = None
if "--against" in argv:
    at = argv.index("--against")
    against = os.path.abspath(argv[at + 1])
    del argv[at:at + 2]
topc = os.path.abspath(argv[0] if argv else "build/topc")
runs = int(argv[1]) if len(argv) > 1 else 100
home = tempfile.mkdtemp(prefix="topc-bench-")
profiles = os.path.join(home, "topc", "profiles")
os.makedirs(profiles)
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
url = "http://127.0.0.1:%d/router/rest" % port
with open(os.path.join(profiles, "bench.conf"), "w") as f:
    f.write('gateway = "%s";\napp_key = "31000001";\nsecret_env = "TOPC_BENCH_SECRET";\n' % url)
env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
env.update(XDG_CONFIG_HOME=home, XDG_STATE_HOME=os.path.join(home, "state"),
           TOPC_BENCH_SECRET="bench-secret")
other_env = dict(env, XDG_STATE_HOME=os.path.join(home, "state-against"))
gw = subprocess.Popen([topc, "gateway", "--listen", "127.0.0.1:%d" % port], env=env,
                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
gw.stdout.readline()

args = ["-s", "template_key=xxxx", "-s", "template_id=101", "-s", "user_id=12345",
        "-s", "biz_id=122323434545", "-s", 'biz_data={"key1":"value","key2":123}']
send = [topc, "send", "taobao.tpn.template.message.send", "-p", "bench"] + args
dry = subprocess.run(send + ["--dry-run"], env=env, capture_output=True, check=True).stdout
body = dry.split(b"\r\n\r\n", 1)[1].rstrip(b"\n")
body_file = os.path.join(home, "body")
with open(body_file, "wb") as f:
    f.write(body)
curl = ["curl", "-s", "--compressed", "-o", "/dev/null", "-H",
        "Content-Type: application/x-www-form-urlencoded;charset=utf-8",
        "--data-binary", "@" + body_file, url]


def one(argv, run_env=None):
    """Wall and CPU (user + system) milliseconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=run_env or env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime) +
           (after.ru_stime - before.ru_stime)) * 1000
    return wall, cpu


# Interleaved, topc then curl then topc...: a busy machine slows both alike,
# so the ratio holds even when the absolute times do not.
commands = [("topc", send, env), ("curl", curl, env)]
if against:
    commands.insert(1, ("against", [against] + send[1:], other_env))
for _ in range(5):
    for _, argv, run_env in commands:
        one(argv, run_env)
walls = {name: [] for name, _, _ in commands}
cpus = {name: [] for name, _, _ in commands}
for _ in range(runs):
    for name, argv, run_env in commands:
        w, c = one(argv, run_env)
        walls[name].append(w)
        cpus[name].append(c)


def instructions(argv, run_env=None):
    """Instructions of one run, in all and in the dynamic loader (callgrind:
    the same on a busy machine as on an idle one)."""
    out = os.path.join(home, "callgrind.out")
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + argv,
                       env=run_env or env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    total = [int(line.split()[-1].replace(",", "")) for line in r.stderr.splitlines()
             if "Collected :" in line]
    loader = 0
    ann = subprocess.run(["callgrind_annotate", out], capture_output=True, text=True).stdout
    for line in ann.splitlines():
        if "ld-linux" in line or "/elf/" in line:
            try:
                loader += int(line.split()[0].replace(",", ""))
            except ValueError:
                pass
    return (total[0] if total else 0), loader


counts = {}
if shutil.which("valgrind") and shutil.which("callgrind_annotate"):
    counts = {name: instructions(argv, run_env) for name, argv, run_env in commands}
gw.terminate()
gw.wait()


def fig(xs):
    return statistics.median(xs), min(xs), max(xs)


LABELS = {"topc": "topc send", "against": "against", "curl": "curl"}
print("runs per command: %d, interleaved (after 5 warm-up runs), gateway %s" % (runs, url))
if against:
    print("against: %s" % against)
for name, _, _ in commands:
    print("%-11s wall median %.2f ms  (min %.2f, max %.2f); cpu median %.2f ms" %
          ((LABELS[name],) + fig(walls[name]) + (statistics.median(cpus[name]),)))
for name in [n for n, _, _ in commands if n != "curl"]:
    ratios = [t / c for t, c in zip(walls[name], walls["curl"])]
    print("ratio %s/curl: median of medians %.2f, median of pairs %.2f, min-to-min %.2f  "
          "(target: at most 1.5, aim 1.3)"
          % ("topc" if name == "topc" else name,
             statistics.median(walls[name]) / statistics.median(walls["curl"]),
             statistics.median(ratios), min(walls[name]) / min(walls["curl"])))
if counts and counts["curl"][0]:
    for name, _, _ in commands:
        print("%-11s instructions %.2fM, %.2fM of them in the dynamic loader (callgrind)" %
              (LABELS[name], counts[name][0] / 1e6, counts[name][1] / 1e6))
    for name in [n for n, _, _ in commands if n != "curl"]:
        print("ratio %s/curl in instructions: %.2f"
              % ("topc" if name == "topc" else name, counts[name][0] / counts["curl"][0]))
