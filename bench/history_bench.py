#!/usr/bin/env python3
"""History and replay figures (issue targets in brackets):

  - 1,000,000 entries with 1 KiB bodies: `topc history list --limit 50`
    [< 50 ms], `--grep` for a word in one body [< 1 s], bytes per entry
    [< 2 KiB], and topc's peak memory at 1,000 and 1,000,000 entries
    [independent of the size];
  - `topc replay` of 10,000 entries with --concurrency 32 to `topc gateway`,
    against wrk posting a pre-signed body with the same headers to the same
    gateway [replay >= 80% of wrk].

usage: bench/history_bench.py [BUILD_DIR] [--entries N] [--replays N]
Everything runs on 127.0.0.1 in a temporary home.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

args = sys.argv[1:]
build = args.pop(0) if args and not args[0].startswith("--") else "build"
entries = int(args[args.index("--entries") + 1]) if "--entries" in args else 1000000
replays = int(args[args.index("--replays") + 1]) if "--replays" in args else 10000
topc = os.path.abspath(os.path.join(build, "topc"))
fill = os.path.abspath(os.path.join(build, "bench", "bench_history_fill"))
home = tempfile.mkdtemp(prefix="topc-bench-")
env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
env.update(HOME=home, XDG_CONFIG_HOME=home + "/config", XDG_STATE_HOME=home + "/state")


def timed(argv, runs, e=env):
    """Median wall time in ms and the largest peak RSS in KiB."""
    walls, rss = [], 0
    for _ in range(runs):
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + argv, env=e, capture_output=True,
                           text=True)
        wall, kb = p.stderr.strip().splitlines()[-1].split()
        walls.append(float(wall) * 1000)
        rss = max(rss, int(kb))
    return statistics.median(walls), rss


def history_size(n, state):
    db = os.path.join(state, "topc", "history.db")
    os.makedirs(os.path.dirname(db), exist_ok=True)
    t = time.monotonic()
    subprocess.run([fill, db, str(n)], check=True)
    return db, time.monotonic() - t


try:
    print("== history with %d entries" % entries)
    small_state = home + "/small"
    history_size(1000, small_state)
    db, fill_s = history_size(entries, home + "/state")
    size = os.path.getsize(db)
    print("filled in %.1f s; %.0f bytes per entry (%.2f KiB)  [target < 2 KiB]"
          % (fill_s, size / entries, size / entries / 1024))
    list_ms, list_rss = timed([topc, "history", "list", "--limit", "50"], 7)
    print("history list --limit 50: median %.0f ms, peak %d KiB  [target < 50 ms]" % (list_ms, list_rss))
    grep_ms, grep_rss = timed([topc, "history", "list", "--grep", "needle-4f2a"], 5)
    print("history list --grep (one match in %d bodies): median %.0f ms, peak %d KiB  [target < 1000 ms]"
          % (entries, grep_ms, grep_rss))
    small_env = dict(env, XDG_STATE_HOME=small_state)
    _, small_rss = timed([topc, "history", "list", "--limit", "50"], 3, small_env)
    _, small_grep_rss = timed([topc, "history", "list", "--grep", "needle-4f2a"], 3, small_env)
    print("peak memory at 1,000 entries: list %d KiB, grep %d KiB; at %d: list %d KiB, grep %d KiB"
          % (small_rss, small_grep_rss, entries, list_rss, grep_rss))
    os.remove(db)

    print("== replay of %d entries, --concurrency 32" % replays)
    port = 18000 + os.getpid() % 1000
    url = "http://127.0.0.1:%d/router/rest" % port
    os.makedirs(home + "/config/topc/profiles")
    prof = home + "/config/topc/profiles/bench.conf"
    with open(prof, "w") as f:
        f.write('gateway = "%s";\napp_key = "10000001";\nsecret = "topc-local-demo-secret";\n' % url)
    os.chmod(prof, 0o600)
    gw = subprocess.Popen([topc, "gateway", "--listen", "127.0.0.1:%d" % port], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    gw.stdout.readline()
    sets = ["-s", "template_key=k", "-s", "template_id=1", "-s", "user_id=1", "-s", "biz_id=5"]
    out = subprocess.run([topc, "send", "taobao.tpn.template.message.send", "-p", "bench", "--json"]
                         + sets, env=env, capture_output=True, text=True).stdout
    origin = re.search(r'"history_id":(\d+)', out).group(1)
    t = time.monotonic()
    r = subprocess.run([topc, "replay", "--exact", "--concurrency", "32", "-p", "bench"]
                       + ["--repeat", str(replays), origin], env=env, capture_output=True, text=True)
    replay_s = time.monotonic() - t
    summary = r.stdout.strip().splitlines()[-1]
    print("topc replay: %s" % summary)
    replay_rate = float(re.search(r"\((\d+)/s\)", summary).group(1))
    wrk = shutil.which("wrk")
    if wrk:
        body = subprocess.run([topc, "sign", "-p", "bench", "--now", "--emit-body",
                               "method=taobao.tpn.template.message.send", "app_key=10000001",
                               "v=2.0", "format=json", "sign_method=md5", "template_key=k",
                               "template_id=1", "user_id=1", "biz_id=5"], env=env,
                              capture_output=True, text=True).stdout
        lua = home + "/post.lua"
        with open(lua, "w") as f:
            f.write('wrk.method = "POST"\nwrk.body = "%s"\n' % body)
            # the same headers topc sends, so the gateway does the same work
            f.write('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded;charset=utf-8"\n')
            f.write('wrk.headers["Accept-Encoding"] = "gzip"\n')
            f.write('wrk.headers["Accept"] = "application/json, text/xml"\n')
        w = subprocess.run([wrk, "-t2", "-c32", "-d5s", "-s", lua, url], capture_output=True, text=True)
        wrk_rate = float(re.search(r"Requests/sec:\s+([\d.]+)", w.stdout).group(1))
        print("wrk, 32 connections, same body and headers: %.0f requests/s" % wrk_rate)
        print("replay / wrk: %.0f%%  [target >= 80%%]" % (100 * replay_rate / wrk_rate))
    else:
        print("wrk not installed (apt-get install wrk): no gateway capacity figure")
    gw.terminate()
    gw.wait()
finally:
    shutil.rmtree(home, ignore_errors=True)
