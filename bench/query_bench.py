#!/usr/bin/env python3
"""--query on a 40 MB answer against jq on the same file [within 2x of jq].

A 40 MB JSON answer (a TOP wrapper around 200,000 list items) is served by a
small HTTP server on 127.0.0.1; topc sends one request to it with
history_body_file = true, so the whole answer is kept.  Then, for each
expression, the median wall time of
  - jq EXPR answer.json                          (jq reads the file)
  - topc history show ID --query EXPR            (topc reads the kept file)
  - topc send ... --query EXPR                   (the whole round trip, for scale)

usage: bench/query_bench.py [BUILD_DIR] [--runs N] [--mb N]
"""
import http.server
import resource
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

args = sys.argv[1:]
build = args.pop(0) if args and not args[0].startswith("--") else "build"
runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 5
mb = int(args[args.index("--mb") + 1]) if "--mb" in args else 40
topc = os.path.abspath(os.path.join(build, "topc"))
home = tempfile.mkdtemp(prefix="topc-qbench-")
env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
env.update(HOME=home, XDG_CONFIG_HOME=home + "/config", XDG_STATE_HOME=home + "/state",
           TOPC_QB_SECRET="bench-secret")


def answer(size):
    items, n = [], 0
    item = {"num_iid": 0, "title": "标题 title", "price": "12.30", "nick": "seller",
            "pic_url": "https://img.example/x.jpg", "volume": 0}
    per = len(json.dumps(item, ensure_ascii=False).encode()) + 1
    for i in range(size // per):
        items.append(dict(item, num_iid=100000 + i, volume=i % 100000))
    body = {"tbk_item_get_response": {"results": {"n_tbk_item": items}, "total_results": len(items),
                                      "request_id": "qbench1"}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(Handler.body)))
        self.end_headers()
        self.wfile.write(Handler.body)

    def log_message(self, *a):
        pass


def median_ms(argv, n):
    """Median wall time and median CPU time (user + system) in ms: on a busy
    machine the CPU time is the steadier figure."""
    walls, cpus = [], []
    for _ in range(n):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.monotonic()
        p = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        walls.append((time.monotonic() - t) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return (statistics.median(walls), statistics.median(cpus)), p.stdout


try:
    Handler.body = answer(mb * 1000 * 1000)
    path = os.path.join(home, "answer.json")
    with open(path, "wb") as f:
        f.write(Handler.body)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.makedirs(home + "/config/topc/profiles")
    with open(home + "/config/topc/profiles/qb.conf", "w") as f:
        f.write('gateway = "http://127.0.0.1:%d/router/rest";\napp_key = "1";\n'
                'secret_env = "TOPC_QB_SECRET";\nhistory_body_file = true;\nmax_body = 134217728;\n'
                % server.server_address[1])
    out = subprocess.run([topc, "send", "taobao.tbk.item.get", "-p", "qb", "--json"], env=env,
                         capture_output=True, text=True).stdout
    entry = re.search(r'"history_id":(\d+)', out).group(1)
    print("answer: %.1f MB, %d items; jq %s" % (len(Handler.body) / 1e6, Handler.body.count(b"num_iid"),
                                               subprocess.run(["jq", "--version"], capture_output=True,
                                                              text=True).stdout.strip()))
    for expr in [".tbk_item_get_response.request_id",
                 ".tbk_item_get_response.results.n_tbk_item | length",
                 "[.tbk_item_get_response.results.n_tbk_item[] | select(.volume > 99990) | .num_iid] | length"]:
        jq_ms, jq_out = median_ms(["jq", "-r", expr, path], runs)
        show_ms, show_out = median_ms([topc, "history", "show", entry, "--query", expr], runs)
        send_ms, send_out = median_ms([topc, "send", "taobao.tbk.item.get", "-p", "qb", "--query", expr], runs)
        same = jq_out == show_out == send_out
        print("%s%s" % (expr, "" if same else "  OUTPUTS DIFFER"))
        for label, i in (("wall", 0), ("cpu", 1)):
            print("  %s: jq %.0f ms; topc history show --query %.0f ms (%.2fx); topc send --query "
                  "%.0f ms (%.2fx, the round trip and the history too)  [target within 2x]"
                  % (label, jq_ms[i], show_ms[i], show_ms[i] / jq_ms[i], send_ms[i],
                     send_ms[i] / jq_ms[i]))
    server.shutdown()
finally:
    shutil.rmtree(home, ignore_errors=True)
