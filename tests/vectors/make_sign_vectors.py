#!/usr/bin/env python3
"""Signing vectors for topc, computed independently of topc with Python's
hashlib/hmac and urllib (TOP_PROTOCOL.md 3.1, 3.3, 1.2).

    make_sign_vectors.py > sign.json     regenerate
    make_sign_vectors.py --check FILE    exit 1 if FILE differs from a fresh run

Each case: the secret, the parameters in the order given, the canonical
string, the signature for every method, and the form body topc sends
(percent-encoded UTF-8, only A-Z a-z 0-9 - . _ ~ literal, empty values left out).

Every case's three signatures were also recomputed by the Java SDK's own
TaobaoUtils.signTopRequest (com.taobao.api.internal.util, compiled from
opendingtalk/alibaba-dingtalk-service-sdk and run on JDK 17): all agree.
"""
import hashlib
import hmac
import json
import sys
import urllib.parse

BASE = [
    ("method", "taobao.tpn.template.message.send"),
    ("app_key", "10000001"),
    ("timestamp", "2026-11-23 15:04:05"),
    ("v", "2.0"),
    ("format", "json"),
]

CASES = [
    ("published-example", "helloworld", [
        ("method", "taobao.item.seller.get"), ("app_key", "12345678"), ("session", "test"),
        ("timestamp", "2016-01-01 12:00:00"), ("format", "json"), ("v", "2.0"),
        ("sign_method", "md5"), ("fields", "num_iid,title,nick,price,num"),
        ("num_iid", "11223344")]),
    ("sort-order", "secret", [("foo", "1"), ("bar", "2"), ("foo_bar", "3"), ("foobar", "4")]),
    ("chinese", "测试密钥", BASE + [("title_param", '{"标题":"双十一","内容":"好物"}'),
                                  ("user_id", "1526984087476772")]),
    ("json-object-slash-quote", "s3cr3t", BASE + [
        ("push_content_dto",
         '{"content":"内容","push_redirect_url_dto":{"redirect_url":"http:\\/\\/www.jiaoyimao.com",'
         '"redirect_url_type":1},"title":"say \\"hi\\""}')]),
    ("comma-array", "k", BASE + [("item_id_list", "top:mda76h9fa7-7dbaliu4q,top:abc,123")]),
    ("empty-value-omitted", "k", BASE + [("picture", ""), ("biz_id", "122323434545")]),
    ("special-characters", "p&ss=w%rd+", BASE + [
        ("content_param", "a+b&c=d%20e\nline2\r\ttab"), ("pict", "http://x/?q=1&r=2#frag")]),
    ("uppercase-underscore-names", "k", BASE + [("Zeta", "1"), ("_under", "2"), ("alpha", "3")]),
    ("long-value", "k", BASE + [("biz_data", json.dumps({"k%d" % i: "值" * i for i in range(40)},
                                                          ensure_ascii=False, separators=(",", ":")))]),
    # characters outside the BMP (a UTF-16 surrogate pair to Java) in the
    # secret and a value: UTF-8 bytes on both sides
    ("non-bmp", "k\U0001F600", BASE + [("title_param", "\U0001F600\U00020000x")]),
]


def canonical(params):
    return "".join(n + v for n, v in sorted(params, key=lambda p: p[0].encode()) if v != "" and n != "sign")


def signatures(secret, s):
    key, msg = secret.encode(), s.encode()
    return {
        "md5": hashlib.md5(key + msg + key).hexdigest().upper(),
        "hmac": hmac.new(key, msg, hashlib.md5).hexdigest().upper(),
        "hmac-sha256": hmac.new(key, msg, hashlib.sha256).hexdigest().upper(),
    }


def body(params):
    q = lambda s: urllib.parse.quote(s, safe="")
    return "&".join(q(n) + "=" + q(v) for n, v in params if v != "")


def build():
    out = []
    for name, secret, params in CASES:
        s = canonical(params)
        out.append({"name": name, "secret": secret, "params": [list(p) for p in params],
                    "canonical": s, "sign": signatures(secret, s), "body": body(params)})
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    fresh = build()
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2], encoding="utf-8") as f:
            same = f.read() == fresh
        print("1 passed, 0 failed" if same else "0 passed, 1 failed: %s is stale; regenerate it" % sys.argv[2])
        sys.exit(0 if same else 1)
    sys.stdout.write(fresh)
