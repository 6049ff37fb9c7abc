#!/usr/bin/env python3
"""Median wall time of `topc send` against curl posting the same pre-signed
body to the same local gateway (both accept gzip, so the gateway does the
same work for each).  Prints figures; asserts nothing.

    bench/send_vs_curl.py [build/topc] [runs]
"""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

topc = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/topc")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 100
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
env.update(XDG_CONFIG_HOME=home, TOPC_BENCH_SECRET="bench-secret")
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


def timed(argv):
    times = []
    for _ in range(5):
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


t_topc = timed(send)
t_curl = timed(curl)
gw.terminate()
gw.wait()
print("runs per command: %d (after 5 warm-up runs), gateway %s" % (runs, url))
print("topc send   median %.2f ms  (min %.2f, max %.2f)" % t_topc)
print("curl        median %.2f ms  (min %.2f, max %.2f)" % t_curl)
print("ratio topc/curl (median): %.2f  (target: at most 1.5)" % (t_topc[0] / t_curl[0]))
