#!/usr/bin/env python3
"""The expected `topc send --export` programs for the seed APIs, made from
the doc pages' own request examples, independently of topc.

Each seed page (tests/pages/) shows its request in the JAVA tab.  This script
reads those Java lines and writes the same request the way each SDK's tab
writes it (see export.h for the conventions): Java as on the page, .NET
properties and Domain classes, PHP setters and json_encode, Python, NodeJS
and C with every parameter as text and structures as the JSON the Java SDK
sends (TOP_PROTOCOL.md 3.3: keys in the order of the Java property names,
'/' written '\\/', Chinese raw), and the curl script.  It also writes the
`topc send` arguments that fill the same request (args.json).

    make_export_vectors.py            rewrite tests/vectors/export/*/
    make_export_vectors.py --check    exit 1 when a file differs

The one line of a page that is not Java (tbk's setItemIdList(""top:...""))
is read as the list it stands for.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "..", "pages")
PROFILE = {"name": "doc", "url": "http://gw.api.taobao.com/router/rest", "app_key": "12345678",
           "format": "json", "sign_method": "hmac-sha256"}
# Structures whose doc example breaks the page's own prose rules (target_item
# only with material_type=2, each vendor's map only with its manufacturer,
# Honor's top window at most 4 hours): sent with -S, exactly as given.
# The campus page's msg_key example "1" is not the UUID its description asks for.
RAW = {"taobao.tbk.marketing.msg.send": {"target_item", "oppo_sp", "rongyao_sp"},
       "alibaba.campus.mc.message.sendmessagetomobile": {"mobile_receiver_message_event"}}
FIXES = {'obj1.setItemIdList(""top:mda76h9fa7-7dbaliu4q"");':
         'obj1.setItemIdList(java.util.Arrays.asList("top:mda76h9fa7-7dbaliu4q"));'}


# ---------------------------------------------------------------- reading

def java_lines(page):
    lines = [line.strip() for line in open(page, encoding="utf-8").read().splitlines()]
    start = lines.index("TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret);")
    out = []
    for line in lines[start:]:
        line = line.strip()
        if line.startswith("System.out.println"):
            out.append(line)
            break
        out.append(FIXES.get(line, line))
    return out


def snake(camel):
    return re.sub(r"(?<!^)([A-Z])", r"_\1", camel).lower()


def unjava(lit):
    return re.sub(r'\\(.)', r'\1', lit[1:-1])


def value(text):
    """A Java literal as (kind, python value)."""
    if re.fullmatch(r"-?\d+L", text):
        return ("number", int(text[:-1]))
    if text in ("true", "false"):
        return ("bool", text == "true")
    if text.startswith('"'):
        return ("string", unjava(text))
    m = re.fullmatch(r'java\.util\.Arrays\.asList\((.*)\)', text)
    if m:
        return ("list", [unjava(x.strip()) for x in m.group(1).split(",")])
    raise ValueError("not a literal: " + text)


class Obj:
    def __init__(self, type_):
        self.type, self.fields, self.var = type_, [], None  # fields: (camel, kind, value)


def parse(lines):
    """-> method class, [(camel, kind, value)] where kind is number, bool,
    string, list, json or object (value an Obj)."""
    objs, top, request = {}, [], None
    for line in lines:
        m = re.fullmatch(r"(\w+) req = new \w+\(\);", line)
        if m:
            request = m.group(1)
            continue
        m = re.fullmatch(r"\w+\.(\w+) (obj\d+) = new .*", line)
        if m:
            objs[m.group(2)] = Obj(m.group(1))
            objs[m.group(2)].var = m.group(2)
            continue
        m = re.fullmatch(r"(req|obj\d+)\.set(\w+)\((.*)\);", line)
        if not m:
            continue
        owner, camel, arg = m.groups()
        target = top if owner == "req" else objs[owner].fields
        if arg in objs:
            target.append((camel, "object", objs[arg]))
        elif owner == "req" and camel.endswith("String") and arg.startswith('"'):
            target.append((camel[:-len("String")], "json", unjava(arg)))
        else:
            target.append((camel,) + value(arg))
    return request, top


def to_json_value(kind, v):
    if kind == "object":
        return {snake(c): to_json_value(k, x) for c, k, x in sorted(v.fields, key=lambda f: f[0])}
    return v


def wire_json(obj):
    """What the Java SDK's JSONWriter sends for a structure."""
    text = json.dumps(to_json_value("object", obj), ensure_ascii=False, separators=(",", ":"))
    return text.replace("/", "\\/")


def wire(kind, v):
    if kind == "object":
        return wire_json(v)
    if kind == "bool":
        return "true" if v else "false"
    if kind == "list":
        return ",".join(v)
    return str(v)


# ---------------------------------------------------------------- quoting

def q_java(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def q_php(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


def q_js(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def q_c(s):
    return q_java(s).replace("?", "\\?")


def q_sh(s):
    return "'" + s.replace("'", "'\\''") + "'"


# ---------------------------------------------------------------- writing

def header(prefix, method, sdk, md5_note):
    out = ["%s%s, exported by topc from profile doc, for %s." % (prefix, method, sdk),
           "%sThe app secret is read from the environment variable TOP_APP_SECRET; "
           "it is not written here." % prefix]
    if md5_note:
        out.append("%sThis SDK signs with md5 (the profile uses hmac-sha256); the gateway "
                   "accepts both." % prefix)
    return out


def java(method, request, lines):
    response = request[:-len("Request")] + "Response"
    out = header("// ", method, "the TOP Java SDK (com.taobao.api)", False)
    out += ["import com.taobao.api.ApiException;", "import com.taobao.api.DefaultTaobaoClient;",
            "import com.taobao.api.TaobaoClient;", "import com.taobao.api.request.%s;" % request,
            "import com.taobao.api.response.%s;" % response, "",
            "public class TopcRequest {",
            "    public static void main(String[] args) throws ApiException {",
            '        String url = "%s";' % PROFILE["url"],
            '        String appkey = "%s";' % PROFILE["app_key"],
            '        String secret = System.getenv("TOP_APP_SECRET");']
    out += ["        " + line for line in lines]  # the page's own lines
    return out + ["    }", "}"]


def csharp(method, request, top):
    response = request[:-len("Request")] + "Response"
    out = header("// ", method, "the TOP .NET SDK (Top.Api)", False)
    out += ["using System;", "using System.Collections.Generic;", "using Top.Api;",
            "using Top.Api.Request;", "using Top.Api.Response;", "", "public class TopcRequest",
            "{", "    public static void Main(string[] args)", "    {",
            '        string url = "%s";' % PROFILE["url"],
            '        string appkey = "%s";' % PROFILE["app_key"],
            '        string secret = Environment.GetEnvironmentVariable("TOP_APP_SECRET");',
            '        DefaultTopClient client = new DefaultTopClient(url, appkey, secret, "json");',
            # Top.Api's SetSignMethod (DefaultQimenCloudClient of the same SDK
            # shows it); the SDK's own default differs between versions
            '        client.SetSignMethod("%s");' % PROFILE["sign_method"],
            "        %s req = new %s();" % (request, request)]
    count = [0]

    def lit(kind, v):
        if kind == "number":
            return "%dL" % v
        if kind == "bool":
            return "true" if v else "false"
        if kind == "list":
            return "new List<string> { %s }" % ", ".join(q_java(x) for x in v)
        return q_java(v)

    def fields(owner, items, top_level):
        for camel, kind, v in items:
            if kind != "object":
                out.append("        %s.%s = %s;" % (owner, camel, lit(kind, v)))
                continue
            count[0] += 1
            var = "obj%d" % count[0]
            out.append("        %s.%sDomain %s = new %s.%sDomain();" % (request, v.type, var, request, v.type))
            fields(var, v.fields, False)
            out.append("        %s.%s%s = %s;" % (owner, camel, "_" if top_level else "", var))

    fields("req", top, True)
    return out + ["        %s rsp = client.Execute(req);" % response,
                  "        Console.WriteLine(rsp.Body);", "    }", "}"]


def php(method, request, top):
    out = ["<?php"] + header("// ", method, "the TOP PHP SDK (TopSdk.php)", True)
    out += ['include "TopSdk.php";', "", "$c = new TopClient;",
            '$c->appkey = "%s";' % PROFILE["app_key"], '$c->secretKey = getenv("TOP_APP_SECRET");',
            '$c->gatewayUrl = "%s";' % PROFILE["url"], '$c->format = "json";',
            "$req = new %s;" % request]

    def lit(kind, v):
        if kind == "list":
            return "array(%s)" % ", ".join(q_php(x) for x in v)
        return q_php(wire(kind, v))

    def fields(owner, items, top_level):
        for camel, kind, v in items:
            name = snake(camel)
            if kind == "object":
                out.append("$%s = new %s;" % (name, v.type))
                fields(name, v.fields, False)
                out.append("$req->set%s(json_encode($%s));" % (camel, name) if top_level
                           else "$%s->%s = $%s;" % (owner, name, name))
            elif top_level:
                out.append("$req->set%s(%s);" % (camel, lit(kind, v)))
            else:
                out.append("$%s->%s = %s;" % (owner, name, lit(kind, v)))

    fields("req", top, True)
    return out + ["$resp = $c->execute($req);", "var_dump($resp);"]


def python(method, request, top):
    out = ["# -*- coding: utf-8 -*-"] + header("# ", method, "the TOP Python SDK (top.api)", True)
    out += ["import os", "import top.api", "", 'url = "gw.api.taobao.com"', "port = 80",
            'appkey = "%s"' % PROFILE["app_key"], 'secret = os.environ.get("TOP_APP_SECRET")',
            "req = top.api.%s(url, port)" % request, "req.set_app_info(top.appinfo(appkey, secret))", ""]
    for camel, kind, v in top:
        out.append("req.%s = %s" % (snake(camel), str(v) if kind == "number" else q_java(wire(kind, v))))
    return out + ["try:", "    resp = req.getResponse()", "    print(resp)",
                  "except Exception as e:", "    print(e)"]


def node(method, request, top):
    out = header("// ", method, "the TOP NodeJS SDK (topClient.js)", True)
    out += ["var TopClient = require('./topClient').TopClient;", "var client = new TopClient({",
            "\t'appkey': '%s'," % PROFILE["app_key"], "\t'appsecret': process.env.TOP_APP_SECRET,",
            "\t'REST_URL': '%s'" % PROFILE["url"], "});", "",
            "client.execute(%s, {" % q_js(method)]
    for camel, kind, v in top:
        out.append("\t%s: %s," % (q_js(snake(camel)), q_js(wire(kind, v))))
    return out + ["}, function(error, response) {", "\tif (!error) console.log(response);",
                  "\telse console.log(error);", "});"]


def c(method, request, top):
    out = header("// ", method, "the TOP C SDK (topsdk.h)", True)
    out += ["#include <stdio.h>", "#include <stdlib.h>", '#include "topsdk.h"', "", "int main(void)", "{",
            '    const char *url = "%s";' % PROFILE["url"],
            '    const char *appkey = "%s";' % PROFILE["app_key"],
            '    const char *appsecret = getenv("TOP_APP_SECRET");',
            "    pTaobaoClient pClient = alloc_taobao_client(url, appkey, appsecret);",
            "    pTopRequest pRequest = alloc_top_request();", "    pTopResponse pResponse = NULL;",
            "    set_api_name(pRequest, %s);" % q_c(method)]
    for camel, kind, v in top:
        out.append("    add_param(pRequest, %s, %s);" % (q_c(snake(camel)), q_c(wire(kind, v))))
    return out + ["    pResponse = top_execute(pClient, pRequest, NULL);",
                  '    printf("ret code:%d\\n", pResponse->code);', "    if (pResponse->code == 0) {",
                  "        pTopResponseIterator ite = init_response_iterator(pResponse);",
                  "        pResultItem pResultItem = alloc_result_item();",
                  "        while (parseNext(ite, pResultItem) == 0)",
                  '            printf("%s:%s\\n", pResultItem->key, pResultItem->value);',
                  "        destroy_response_iterator(ite);", "        destroy_result_item(pResultItem);",
                  "    }", "    destroy_top_request(pRequest);", "    destroy_top_response(pResponse);",
                  "    destroy_taobao_client(pClient);", "    return 0;", "}"]


def curl(method, request, top):
    out = ["#!/bin/sh", "# Exported by topc: each request is signed afresh by topc sign when it runs,",
           "# and curl reads the signed body from a pipe.  No secret and no session key",
           "# is written here; set TOPC_URL to send every request elsewhere.", "set -eu", "",
           "# %s (profile doc)" % method, "url=${TOPC_URL:-}",
           '[ -n "$url" ] || url=%s' % q_sh(PROFILE["url"]),
           "body=$(topc sign -p 'doc' --now --emit-body -- \\"]
    words = ["method=" + method, "app_key=" + PROFILE["app_key"], "v=2.0", "format=json",
             "sign_method=hmac-sha256"]
    words += ["%s=%s" % (snake(cm), wire(k, v)) for cm, k, v in top]
    out += ["    %s%s" % (q_sh(w), " \\" if i < len(words) - 1 else ")") for i, w in enumerate(words)]
    return out + ["printf '%s' \"$body\" | curl -sS -H 'Content-Type: application/x-www-form-urlencoded;"
                  "charset=utf-8' --data-binary @- --url \"$url\"", "echo", "", ""]


def args(method, top):
    out = ["-p", "doc"]

    def leaves(prefix, items):
        for camel, kind, v in items:
            path = prefix + snake(camel)
            if kind == "object":
                leaves(path + ".", v.fields)
            else:
                out.extend(["-s", "%s=%s" % (path, json.dumps(v, ensure_ascii=False) if kind == "list"
                                             else wire(kind, v))])

    for camel, kind, v in top:
        if kind == "object" and snake(camel) in RAW.get(method, ()):
            out.extend(["-S", "%s=%s" % (snake(camel), wire_json(v))])
        else:
            leaves("", [(camel, kind, v)])
    return out


LANGS = [("TopcRequest.java", None), ("TopcRequest.cs", csharp), ("topc_request.php", php),
         ("topc_request.py", python), ("topc_request.js", node), ("topc_request.c", c),
         ("topc_request.sh", curl)]


def files_for(page):
    method = os.path.basename(page)[:-len(".txt")]
    lines = java_lines(page)
    request, top = parse(lines)
    out = {"args.json": json.dumps(args(method, top), ensure_ascii=False, indent=1) + "\n"}
    for name, fn in LANGS:
        body = java(method, request, lines) if fn is None else fn(method, request, top)
        out[name] = "\n".join(body) + ("" if body[-1] == "" else "\n")
    return method, out


def main():
    check = "--check" in sys.argv
    bad = 0
    for page in sorted(os.listdir(PAGES)):
        if not page.endswith(".txt"):
            continue  # pages/layouts/: importer test pages, not API seeds
        method, files = files_for(os.path.join(PAGES, page))
        folder = os.path.join(HERE, method)
        os.makedirs(folder, exist_ok=True)
        for name, text in files.items():
            path = os.path.join(folder, name)
            if check:
                old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
                if old != text:
                    print("differs: %s" % path)
                    bad += 1
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    if check:
        print("%d passed, %d failed" % (0 if bad else 1, 1 if bad else 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
