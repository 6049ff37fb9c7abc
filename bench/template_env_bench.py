#!/usr/bin/env python3
"""A template of 20 ${env:...} fields sent --dry-run with 30 profiles on
disk: how long one expansion takes (each ${env:..} is checked against the
secret variables of every profile: a variable a profile reads its secret
from is refused).  Prints the median of the runs in ms.
usage: template_env_bench.py TOPC [RUNS]"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

topc = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
home = tempfile.mkdtemp(prefix="topc-envbench-")
env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "config"),
           XDG_STATE_HOME=os.path.join(home, "state"), LANG="C.UTF-8")
profiles = os.path.join(home, "config", "topc", "profiles")
templates = os.path.join(home, "config", "topc", "templates")
os.makedirs(profiles)
os.makedirs(templates)
for i in range(30):
    with open(os.path.join(profiles, "p%02d.conf" % i), "w") as f:
        f.write('gateway = "builtin";\napp_key = "%d";\nsecret_env = "BENCH_SECRET_%d";\n'
                'session_env = "BENCH_SESSION_%d";\n' % (10000000 + i, i, i))
values = ",\n".join('  ("f%02d", "${env:BENCH_VALUE_%d}")' % (i, i) for i in range(20))
with open(os.path.join(templates, "t20.conf"), "w") as f:
    f.write('method = "taobao.topc.bench";\nvalues = (\n%s\n);\n' % values)
for i in range(20):
    env["BENCH_VALUE_%d" % i] = "value-%d" % i
argv = [topc, "send", "-t", "t20", "-p", "local", "--dry-run"]
r = subprocess.run(argv, env=env, capture_output=True, text=True)
if r.returncode != 0 or "f19=value-19" not in r.stdout:
    sys.exit("the template did not expand: %d %s" % (r.returncode, r.stderr))
times = []
for _ in range(runs):
    t = time.monotonic()
    subprocess.run(argv, env=env, capture_output=True, check=True)
    times.append((time.monotonic() - t) * 1000)
shutil.rmtree(home, ignore_errors=True)
print("20 ${env:..} fields, 30 profiles: median %.1f ms, min %.1f ms (%d runs)" %
      (statistics.median(times), min(times), runs))
