#!/usr/bin/env python3
"""The local gateway under hostile clients on loopback (issue 12), figures:

  - parameter reading: time to answer a signed request with 10,000 and
    80,000 distinct parameters (linear: x8; quadratic: x64);
  - 1,100 connections that send a header one byte at a time: how many of
    50 well-behaved requests made meanwhile are answered, the slowest one,
    the gateway's peak memory, and how long a slow one lives;
  - 60 connections that stall after 7 MiB of an 8 MiB body: answers to 20
    well-behaved requests and the gateway's peak memory;
  - the gateway's own account when it stops (connections at most, cut at
    the deadline, dropped when crowded, refused for memory).

usage: bench/gateway_hostile.py [BUILD_DIR] [--deadline SECONDS]
(an old topc without --deadline: pass --deadline 0 to leave it out)
"""
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

build = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "build"
topc = os.path.abspath(os.path.join(build, "topc"))
deadline = sys.argv[sys.argv.index("--deadline") + 1] if "--deadline" in sys.argv else "5"
SECRET, APP = "bench-secret", "23009999"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed(extra):
    p = {"method": "topc.bench.echo", "app_key": APP, "v": "2.0", "sign_method": "md5",
         "format": "json",
         "timestamp": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() + 8 * 3600))}
    p.update(extra)
    text = "".join(k + v for k, v in sorted(p.items(), key=lambda kv: kv[0].encode()) if v)
    p["sign"] = hashlib.md5((SECRET + text + SECRET).encode()).hexdigest().upper()
    return urllib.parse.urlencode(p).encode()


def post(port, body, timeout=120):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(b"POST /router/rest HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  b"Content-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: %d\r\n\r\n" % len(body) + body)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    return data.startswith(b"HTTP/1.1 200") and b"error_response" not in data


def peak_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def good(port, n):
    ok, worst = 0, 0.0
    for _ in range(n):
        start = time.monotonic()
        try:
            ok += post(port, signed({}), timeout=30)
        except OSError:
            pass
        worst = max(worst, time.monotonic() - start)
    return ok, worst


def gateway(home):
    port = free_port()
    os.makedirs(os.path.join(home, "topc", "profiles"), exist_ok=True)
    with open(os.path.join(home, "topc", "profiles", "bench.conf"), "w") as f:
        f.write('gateway = "http://127.0.0.1:%d/router/rest";\napp_key = "%s";\n'
                'secret_env = "TOPC_BENCH_SECRET";\n' % (port, APP))
    env = dict(os.environ, XDG_CONFIG_HOME=home, HOME=home, TOPC_BENCH_SECRET=SECRET)
    argv = [topc, "gateway", "--listen", "127.0.0.1:%d" % port]
    if deadline != "0":
        argv += ["--deadline", deadline]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            text=True)
    proc.stdout.readline()
    return proc, port


def stop(proc):
    proc.terminate()
    _, err = proc.communicate(timeout=30)
    return [l for l in err.splitlines() if "stopped" in l]


def main():
    home = tempfile.mkdtemp(prefix="topc-bench-")
    proc, port = gateway(home)
    for n in (10000, 80000):
        body = signed({"p%06d" % i: "v" for i in range(n)})
        start = time.monotonic()
        ok = post(port, body)
        print("%6d distinct parameters: %.2f s (%s)" % (n, time.monotonic() - start,
                                                        "answered" if ok else "refused"))
    socks = []
    for _ in range(1100):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"POST /router/rest HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            socks.append((s, time.monotonic()))
        except OSError:
            pass
    stop_drip = threading.Event()
    cut = {}

    def drip():
        while not stop_drip.is_set():
            for i, (s, born) in enumerate(socks):
                if i in cut:
                    continue
                try:
                    s.send(b"x")
                except OSError:
                    cut[i] = time.monotonic() - born
            stop_drip.wait(1)
    t = threading.Thread(target=drip, daemon=True)
    t.start()
    time.sleep(1.2)
    ok, worst = good(port, 50)
    print("1,100 slow connections (a byte a second): %d/50 good requests answered, slowest "
          "%.2f s, gateway peak %.0f MB" % (ok, worst, peak_mb(proc.pid)))
    stop_drip.wait(float(deadline or 0) + 3 if deadline != "0" else 5)
    print("  %d of them cut by the gateway so far; the longest-lived cut one lasted %.1f s"
          % (len(cut), max(cut.values()) if cut else 0))
    stop_drip.set()
    t.join()
    for s, _ in socks:
        s.close()
    print(*stop(proc), sep="\n")
    proc, port = gateway(home)
    socks = []
    chunk = b"a=" + b"x" * (1 << 20)
    for _ in range(60):
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(b"POST /router/rest HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Content-Length: 8388000\r\n\r\n")
        socks.append(s)
    for _ in range(7):
        for s in socks:
            try:
                s.sendall(chunk)
            except OSError:
                pass
    time.sleep(0.5)
    ok, worst = good(port, 20)
    print("60 stalled 7 MiB bodies: %d/20 good requests answered, slowest %.2f s, gateway "
          "peak %.0f MB" % (ok, worst, peak_mb(proc.pid)))
    for s in socks:
        s.close()
    print(*stop(proc), sep="\n")
    subprocess.run(["rm", "-rf", home])


main()
