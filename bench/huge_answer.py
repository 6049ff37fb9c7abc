#!/usr/bin/env python3
"""The 40 MB answer alone, build against build: `topc console` in an 80x24
pseudo-terminal sends to `topc gateway --fault huge:41943040` (one JSON line
of 40 MB), and each run prints the time from F5 to the first screen of the
answer (the word "padding" on the screen) and the CPU time (user + system)
and peak RSS of the whole console session under /usr/bin/time (start, load
a template, send, show, quit).  With --against OTHER_BUILD the two builds run
alternately, so the load of a shared machine weighs on both alike; the
medians close, with the load average.

usage: bench/huge_answer.py [BUILD_DIR] [--against OTHER_BUILD] [--runs N]
       [--perf FILE]  (the console under `perf record -g -o FILE`, one run)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import ptyterm
from ptyterm import drain, spawn, wait_for

args = sys.argv[1:]
build = args.pop(0) if args and not args[0].startswith("--") else "build"
other = args[args.index("--against") + 1] if "--against" in args else None
runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 5
perf = args[args.index("--perf") + 1] if "--perf" in args else None
BODY = 40 * 1024 * 1024
home = tempfile.mkdtemp(prefix="topc-huge-bench-")
env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
env.update(HOME=home, XDG_CONFIG_HOME=home + "/config", XDG_STATE_HOME=home + "/state",
           LANG="C.UTF-8", TERM="xterm-256color")


def one_run(topc):
    out = home + "/time"
    argv = ["/usr/bin/time", "-f", "%U %S %M", "-o", out, topc, "console", "-p", "bench"]
    if perf:
        argv = ["/usr/bin/perf", "record", "-g", "-o", perf, "--", topc, "console", "-p", "bench"]
    pid, fd = spawn(argv, env)
    drain(fd, 0.5)
    for keys in (b"jym", b"\r", b"\x1bOR", b"\r"):  # the API, F3, the template
        os.write(fd, keys)
        data, _ = drain(fd, 0.3)
        if b"(y/n)" in data:
            os.write(fd, b"y")
            drain(fd, 0.3)
    t0 = time.monotonic()
    os.write(fd, b"\x1b[15~")  # F5
    first = (wait_for(fd, b"padding", limit=30) - t0) * 1000
    drain(fd, 0.3)
    os.write(fd, b"\x1b[21~")  # F10
    drain(fd, 0.5)
    os.waitpid(pid, 0)
    os.close(fd)
    if perf:
        return first, 0, 0
    with open(out) as f:
        user, system, peak = f.read().split()[-3:]
    return first, (float(user) + float(system)) * 1000, int(peak)


gw = None
try:
    port = 18000 + os.getpid() % 500
    os.makedirs(home + "/state/topc")
    ptyterm.bench_profile(home, port, 2 * BODY)
    builds = [build] + ([other] if other else [])
    topcs = [os.path.abspath(os.path.join(b, "topc")) for b in builds]
    subprocess.run([topcs[0], "templates", "save", "bench", "taobao.jym.message.apppush.send",
                    "-s", "user_id=1", "-s", "message_id=m", "-s", "template_id=1",
                    "-s", "push_content_dto.title=t"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    gw = subprocess.Popen([topcs[0], "gateway", "--listen", "127.0.0.1:%d" % port, "--fault",
                           "huge:%d" % BODY], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)
    gw.stdout.readline()
    got = {b: [] for b in builds}
    for r in range(1 if perf else runs):
        for b, t in zip(builds, topcs):
            first, cpu, peak = one_run(t)
            got[b].append((first, cpu, peak))
            print("%-28s run %d: first screen %5.0f ms, CPU %5.0f ms, peak %6d KiB (%.2fx), "
                  "load %.2f" % (b, r + 1, first, cpu, peak, peak * 1024 / BODY,
                                 os.getloadavg()[0]), flush=True)
    for b in builds:
        f = [x[0] for x in got[b]]
        c = [x[1] for x in got[b]]
        p = [x[2] for x in got[b]]
        print("%-28s first screen median %.0f ms (%.0f-%.0f), CPU median %.0f ms (%.0f-%.0f), "
              "peak %.2fx" % (b, statistics.median(f), min(f), max(f), statistics.median(c),
                              min(c), max(c), max(p) * 1024 / BODY))
    with open("/proc/%d/stat" % gw.pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    gw_ms = (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    print("the gateway's CPU (user + system) per answer: %.0f ms (it makes and sends the 40 MB)"
          % (gw_ms / sum(len(v) for v in got.values())))
finally:
    if gw:
        gw.terminate()
        gw.wait()
    shutil.rmtree(home, ignore_errors=True)
