#!/usr/bin/env python3
"""topc send --export and topc history export --format LANG.

- For each seed API and each language, the exported program equals the file
  tests/vectors/export/METHOD/ holds, which make_export_vectors.py writes
  from the doc page's own Java example (never from topc's output).
- Each file is checked by its language's own tool: javac and mcs against
  stand-in SDK classes with the setters the doc page's example calls,
  php -l, python3 -m py_compile, node --check, gcc -fsyntax-only against a
  stand-in topsdk.h, sh -n.  A tool that is not installed is reported.
- Hostile values (quotes, backslashes, newlines, $ and $(...), ?? , control
  bytes, U+2028, Chinese, the largest Number) survive each language: the
  program runs against a stand-in SDK that prints what it was given, and
  that is compared with what topc sent.
- The history export of a sent entry is the same program as send --export.
"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors", "export"))
from harness import Suite, expect  # noqa: E402
import make_export_vectors as vectors  # noqa: E402

suite = Suite()
SECRET = suite.secret("export-secret-\u5bc6-77aa")
SESSION = suite.secret("export-session-5511cc")
suite.env["TOP_APP_SECRET"] = SECRET
suite.env["XDG_STATE_HOME"] = os.path.join(suite.home, "state")
VECTORS = os.path.join(os.path.dirname(__file__), "..", "vectors", "export")
PAGES = os.path.join(os.path.dirname(__file__), "..", "pages")
LANGS = [("java", "TopcRequest.java"), ("csharp", "TopcRequest.cs"), ("php", "topc_request.php"),
         ("python", "topc_request.py"), ("node", "topc_request.js"), ("c", "topc_request.c"),
         ("curl", "topc_request.sh")]
WORK = os.path.join(suite.home, "work")
missing_tools = []


def methods():
    return sorted(d for d in os.listdir(VECTORS) if os.path.isdir(os.path.join(VECTORS, d)))


def export(method, args, lang):
    r = suite.run("send", method, *args, "--export", lang)
    expect(r.code == 0, "send --export %s %s" % (method, lang), r)
    return r.out


def tool(name):
    if shutil.which(name):
        return True
    missing_tools.append(name)
    return False


def run(argv, cwd=None, env=None):
    p = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=120, env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")


@suite.test
def setup():
    suite.profile("doc", gateway="http://gw.api.taobao.com/router/rest", app_key="12345678",
                  secret_env="TOP_APP_SECRET", sign_method="hmac-sha256", format="json")
    os.makedirs(WORK)


@suite.test
def doc_examples_in_every_language():
    for method in methods():
        args = json.load(open(os.path.join(VECTORS, method, "args.json"), encoding="utf-8"))
        for lang, name in LANGS:
            want = open(os.path.join(VECTORS, method, name), encoding="utf-8").read()
            got = export(method, args, lang)
            expect(got == want, "%s %s differs from %s:\n%s" % (method, lang, name, got))
            expect(SECRET not in got, "no secret in the code")


# ---------------------------------------------------------------- stand-ins

JAVA_BASE = {
    "ApiException.java": "package com.taobao.api;\npublic class ApiException extends Exception {}\n",
    "TaobaoResponse.java": "package com.taobao.api;\npublic class TaobaoResponse {\n"
                           "    public String getBody() { return \"\"; }\n}\n",
    "TaobaoRequest.java": "package com.taobao.api;\nimport java.util.*;\n"
                          "public class TaobaoRequest<T extends TaobaoResponse> {\n"
                          "    public Map<String, String> sent = new TreeMap<String, String>();\n"
                          "    public void putOtherTextParam(String key, String value) { sent.put(key, value); }\n"
                          # BaseTaobaoRequest's: the SDK sends it as target_app_key
                          "    public void setTargetAppKey(String v) { sent.put(\"target_app_key\", v); }\n}\n",
    "TaobaoClient.java": "package com.taobao.api;\npublic interface TaobaoClient {\n"
                         "    <T extends TaobaoResponse> T execute(TaobaoRequest<T> request) throws ApiException;\n"
                         "    <T extends TaobaoResponse> T execute(TaobaoRequest<T> request, String session) throws ApiException;\n}\n",
    # prints each value's UTF-8 bytes in hex, so the test compares bytes
    "DefaultTaobaoClient.java": "package com.taobao.api;\nimport java.util.*;\n"
    "public class DefaultTaobaoClient implements TaobaoClient {\n"
    "    public DefaultTaobaoClient(String u, String k, String s) {}\n"
    "    public DefaultTaobaoClient(String u, String k, String s, String f) {}\n"
    "    public DefaultTaobaoClient(String u, String k, String s, String f, int c, int r, String m) {}\n"
    "    public <T extends TaobaoResponse> T execute(TaobaoRequest<T> request) throws ApiException { return execute(request, null); }\n"
    # DefaultTaobaoClient.setUseSimplifyJson: the SDK then sends simplify=true
    "    private boolean simplify;\n"
    "    public void setUseSimplifyJson(boolean b) { simplify = b; }\n"
    "    public <T extends TaobaoResponse> T execute(TaobaoRequest<T> request, String session) throws ApiException {\n"
    "        if (simplify) request.sent.put(\"simplify\", \"true\");\n"
    "        for (Map.Entry<String, String> e : request.sent.entrySet()) {\n"
    "            StringBuilder b = new StringBuilder();\n"
    "            try { for (byte x : e.getValue().getBytes(\"UTF-8\")) b.append(String.format(\"%02x\", x)); }\n"
    "            catch (java.io.UnsupportedEncodingException ex) { throw new ApiException(); }\n"
    "            System.out.println(e.getKey() + \" \" + b);\n"
    "        }\n"
    "        System.exit(0); /* a stand-in has no response to give */\n"
    "        return null;\n    }\n}\n",
}
JAVA_TYPES = {"number": "Long", "bool": "Boolean", "string": "String", "list": "java.util.List<String>"}
CS_TYPES = {"number": "long?", "bool": "bool?", "string": "string", "list": "List<string>"}


def java_stubs(request, top):
    """The request class with the setters the doc page's example calls."""
    response = request[:-len("Request")] + "Response"
    inner, lines = {}, []

    def setters(items, indent):
        out = []
        for camel, kind, v in items:
            if kind == "object":
                inner[v.type] = v
                t = "%s.%s" % (request, v.type)
            elif kind == "json":
                camel, t = camel + "String", "String"
            else:
                t = JAVA_TYPES[kind]
            out.append("%spublic void set%s(%s v) {}" % (indent, camel, t))
        return out

    lines += setters(top, "    ")
    seen = set()
    while len(seen) < len(inner):
        for name, obj in list(inner.items()):
            if name in seen:
                continue
            seen.add(name)
            lines.append("    public static class %s {" % name)
            lines += setters(obj.fields, "        ")
            lines.append("    }")
    req = ("package com.taobao.api.request;\nimport com.taobao.api.*;\nimport com.taobao.api.response.%s;\n"
           "public class %s extends TaobaoRequest<%s> {\n%s\n}\n" % (response, request, response, "\n".join(lines)))
    rsp = ("package com.taobao.api.response;\npublic class %s extends com.taobao.api.TaobaoResponse {}\n" % response)
    return {"request/%s.java" % request: req, "response/%s.java" % response: rsp}


def csharp_stubs(request, top):
    response = request[:-len("Request")] + "Response"
    inner, lines = {}, []

    def props(items, indent, top_level):
        out = []
        for camel, kind, v in items:
            if kind == "object":
                inner[v.type] = v
                t = "%sDomain" % v.type
                if top_level:  # the SDK keeps the JSON text and sets it from the object
                    out.append("%spublic string %s { get; set; }" % (indent, camel))
                    out.append("%spublic %s %s_ { set { } }" % (indent, t, camel))
                    continue
            elif kind == "json":
                t = "string"
            else:
                t = CS_TYPES[kind]
            out.append("%spublic %s %s { get; set; }" % (indent, t, camel))
        return out

    lines += props(top, "    ", True)
    seen = set()
    while len(seen) < len(inner):
        for name, obj in list(inner.items()):
            if name not in seen:
                seen.add(name)
                lines += ["    public class %sDomain {" % name] + props(obj.fields, "        ", False) + ["    }"]
    return ("namespace Top.Api.Request {\nusing System.Collections.Generic;\nusing Top.Api.Response;\n"
            "public class %s : Top.Api.TopRequest<%s> {\n%s\n}\n}\n"
            "namespace Top.Api.Response { public class %s : Top.Api.TopResponse {} }\n"
            % (request, response, "\n".join(lines), response))


CS_BASE = """namespace Top.Api {
using System;
using System.Collections.Generic;
using System.Text;
public class TopResponse { public string Body = ""; }
public class TopRequest<T> where T : TopResponse {
    public SortedDictionary<string, string> Sent = new SortedDictionary<string, string>(StringComparer.Ordinal);
    public void AddOtherParameter(string key, string value) { Sent[key] = value; }
}
public interface ITopClient {
    T Execute<T>(TopRequest<T> request) where T : TopResponse, new();
    T Execute<T>(TopRequest<T> request, string session) where T : TopResponse, new();
}
public class DefaultTopClient : ITopClient {
    public DefaultTopClient(string u, string k, string s) {}
    public DefaultTopClient(string u, string k, string s, string f) {}
    public void SetSignMethod(string m) { if (m != "md5" && m != "hmac" && m != "hmac-sha256") throw new ArgumentException(m); }
    public T Execute<T>(TopRequest<T> request) where T : TopResponse, new() { return Execute(request, null); }
    public T Execute<T>(TopRequest<T> request, string session) where T : TopResponse, new() {
        foreach (var e in request.Sent)
            Console.WriteLine(e.Key + " " + BitConverter.ToString(Encoding.UTF8.GetBytes(e.Value)).Replace("-", "").ToLower());
        return new T();
    }
}
}
"""

# From the header of the C SDK (TOP_PROTOCOL.md 6); add_param prints what it gets.
TOPSDK_H = """#ifndef TOPSDK_H
#define TOPSDK_H
typedef struct TopResponse { int code; char *msg, *subCode, *subMsg, *requestId; } TopResponse, *pTopResponse;
typedef struct TopRequest TopRequest, *pTopRequest;
typedef struct TaobaoClient TaobaoClient, *pTaobaoClient;
typedef struct TopResponseIterator TopResponseIterator, *pTopResponseIterator;
typedef struct ResultItem { char *key, *value; } ResultItem, *pResultItem;
pTopRequest alloc_top_request(void);
void destroy_top_request(pTopRequest r);
int set_api_name(pTopRequest r, const char *name);
int add_param(pTopRequest r, const char *key, const char *value);
pTaobaoClient alloc_taobao_client(const char *url, const char *appkey, const char *secret);
void destroy_taobao_client(pTaobaoClient c);
pTopResponse top_execute(pTaobaoClient c, pTopRequest r, const char *session);
void destroy_top_response(pTopResponse r);
pTopResponseIterator init_response_iterator(pTopResponse r);
void destroy_response_iterator(pTopResponseIterator i);
pResultItem alloc_result_item(void);
void destroy_result_item(pResultItem i);
int parseNext(pTopResponseIterator i, pResultItem item);
#endif
"""
TOPSDK_C = r"""#include <stdio.h>
#include <stdlib.h>
#include "topsdk.h"
static TopResponse resp = {1, 0, 0, 0, 0};
pTopRequest alloc_top_request(void) { return (pTopRequest)&resp; }
void destroy_top_request(pTopRequest r) { (void)r; }
int set_api_name(pTopRequest r, const char *name) { (void)r; (void)name; return 0; }
int add_param(pTopRequest r, const char *key, const char *value)
{
    (void)r;
    printf("%s ", key);
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) printf("%02x", *p);
    printf("\n");
    return 0;
}
pTaobaoClient alloc_taobao_client(const char *u, const char *k, const char *s) { (void)u; (void)k; (void)s; return (pTaobaoClient)&resp; }
void destroy_taobao_client(pTaobaoClient c) { (void)c; }
pTopResponse top_execute(pTaobaoClient c, pTopRequest r, const char *s) { (void)c; (void)r; (void)s; return &resp; }
void destroy_top_response(pTopResponse r) { (void)r; }
pTopResponseIterator init_response_iterator(pTopResponse r) { (void)r; return NULL; }
void destroy_response_iterator(pTopResponseIterator i) { (void)i; }
pResultItem alloc_result_item(void) { return NULL; }
void destroy_result_item(pResultItem i) { (void)i; }
int parseNext(pTopResponseIterator i, pResultItem item) { (void)i; (void)item; return 1; }
"""
PY_TOP_INIT = "def appinfo(appkey, secret):\n    return (appkey, secret)\n"
PY_TOP_API = """import json, sys
class _Request(object):
    def __init__(self, domain='gw.api.taobao.com', port=80):
        pass
    def set_app_info(self, info):
        pass
    def getResponse(self, session=None):
        sent = dict((k, v) for k, v in self.__dict__.items())
        for k in sorted(sent):
            print(k + ' ' + str(sent[k]).encode('utf-8').hex())
        return {}
def __getattr__(name):
    return type(name, (_Request,), {})
"""
NODE_TOPCLIENT = """exports.TopClient = function(options) {
    this.execute = function(method, params, callback) {
        Object.keys(params).sort().forEach(function(k) {
            if (k !== 'session') console.log(k + ' ' + Buffer.from(String(params[k]), 'utf8').toString('hex'));
        });
    };
};
"""
PHP_TOPSDK = """<?php
class TopClient {
    public $appkey; public $secretKey; public $gatewayUrl; public $format;
    public function execute($req, $session = null) {
        ksort($req->sent, SORT_STRING);
        foreach ($req->sent as $k => $v) echo $k . " " . bin2hex((string)$v) . "\\n";
        return null;
    }
}
class TopcStubRequest {
    public $sent = array();
    public function putOtherTextParam($k, $v) { $this->sent[$k] = $v; }
    public function __call($name, $args) {
        $snake = strtolower(preg_replace('/(?<!^)([A-Z])/', '_$1', substr($name, 3)));
        $this->sent[$snake] = $args[0];
    }
}
spl_autoload_register(function ($class) { eval("class $class extends TopcStubRequest {}"); });
"""


def write(folder, files):
    for name, text in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def java_tree(folder, stubs):
    files = {"com/taobao/api/" + k: v for k, v in JAVA_BASE.items()}
    files.update({"com/taobao/api/" + k: v for k, v in stubs.items()})
    write(folder, files)
    return [os.path.join(folder, k) for k in files]


def check_file(lang, folder, name, java_sources=None, cs_stub=None):
    """The language's own tool on the file; (ok, output) or None when the tool is missing."""
    path = os.path.join(folder, name)
    if lang == "java":
        if not tool("javac"):
            return None
        return run(["javac", "-encoding", "UTF-8", "-nowarn", "-d", os.path.join(folder, "classes"), path]
                   + java_sources)
    if lang == "csharp":
        if not tool("mcs"):
            return None
        with open(os.path.join(folder, "stubs.cs"), "w", encoding="utf-8") as f:
            f.write(CS_BASE + cs_stub)
        return run(["mcs", "-nologo", "-out:" + os.path.join(folder, "topc.exe"), path,
                    os.path.join(folder, "stubs.cs")])
    if lang == "php":
        return run(["php", "-l", path]) if tool("php") else None
    if lang == "python":
        return run([sys.executable, "-m", "py_compile", path])
    if lang == "node":
        return run(["node", "--check", path]) if tool("node") else None
    if lang == "c":
        if not tool("gcc"):
            return None
        with open(os.path.join(folder, "topsdk.h"), "w") as f:
            f.write(TOPSDK_H)
        return run(["gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I", folder, path])
    return run(["sh", "-n", path])


@suite.test
def every_export_passes_its_languages_tool():
    for method in methods():
        request, top = vectors.parse(vectors.java_lines(os.path.join(PAGES, method + ".txt")))
        for lang, name in LANGS:
            folder = os.path.join(WORK, "tools", method, lang)
            os.makedirs(folder)
            shutil.copy(os.path.join(VECTORS, method, name), folder)
            srcs = java_tree(os.path.join(folder, "sdk"), java_stubs(request, top)) if lang == "java" else None
            res = check_file(lang, folder, name, srcs, csharp_stubs(request, top))
            expect(res is None or res[0] == 0, "%s %s: %s" % (method, lang, res and res[1]))


# ---------------------------------------------------------------- hostile values

HOSTILE = {
    "chinese": "标题 内容 「引号」",
    "quotes": "it's \"quoted\" `back` 'single'",
    "backslash": "C:\\path\\u000a\\x41\\\\n end\\",
    "newline": "line one\nline two\r\n\ttabbed",
    "dollar": "$HOME ${PATH} $(touch /tmp/topc-export-pwned) {$x} #{y}",
    "trigraph": "??= ??/ ??' what??!",
    "control": "bell\x07 esc\x1b[31m del\x7f nul-free",
    "separator": "a\u2028b\u2029c",
    "comment": "*/ --> <?php echo 1; ?> # // %s %d",
}
BIG = "9223372036854775807"


def run_quoting_java(folder):
    """Compiles folder/TopcRequest.java (taobao.topc.quoting.check) against the
    stand-ins and runs it: (exit code, output)."""
    request = "TopcQuotingCheckRequest"
    stub = {"request/%s.java" % request: "package com.taobao.api.request;\nimport com.taobao.api.*;\n"
            "public class %s extends TaobaoRequest<com.taobao.api.response.TopcQuotingCheckResponse> {}\n" % request,
            "response/TopcQuotingCheckResponse.java":
            "package com.taobao.api.response;\npublic class TopcQuotingCheckResponse extends com.taobao.api.TaobaoResponse {}\n"}
    code, out = run(["javac", "-encoding", "UTF-8", "-nowarn", "-d", os.path.join(folder, "classes"),
                     os.path.join(folder, "TopcRequest.java")] + java_tree(os.path.join(folder, "sdk"), stub))
    expect(code == 0, "javac: " + out)
    return run(["java", "-cp", os.path.join(folder, "classes"), "TopcRequest"])


def hostile_args():
    args = ["-p", "doc"]
    for k, v in HOSTILE.items():
        # -s computes generators as a template does: "$$" sends a '$'
        args += ["-s", "%s=%s" % (k, v.replace("$", "$$"))]
    return args


def decode(out):
    got = {}
    for line in out.splitlines():
        if " " in line and not line.startswith("ret code:"):
            k, h = line.split(" ", 1)
            got[k] = bytes.fromhex(h).decode("utf-8")
    return got


@suite.test
def hostile_values_survive_every_language():
    method = "taobao.topc.quoting.check"  # no form: every value is text
    request = "TopcQuotingCheckRequest"
    want = dict(HOSTILE)
    runs = {}
    base = os.path.join(WORK, "hostile")
    for lang, name in LANGS[:-1]:
        folder = os.path.join(base, lang)
        os.makedirs(folder)
        code = export(method, hostile_args(), lang)
        expect("/tmp/topc-export-pwned" not in code or lang in ("java", "csharp", "php", "python", "node", "c"),
               "the value is in the code only as a literal")
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(code)
        runs[lang] = folder
    # Java: compile against stand-ins and run
    if tool("javac") and tool("java"):
        code, out = run_quoting_java(runs["java"])
        expect(code == 0 and decode(out) == want, "java gives back the values:\n%s" % out)
    if tool("mcs") and tool("mono"):
        f = runs["csharp"]
        stub = ("namespace Top.Api.Request { public class %s : Top.Api.TopRequest<Top.Api.Response.TopcQuotingCheckResponse> {} }\n"
                "namespace Top.Api.Response { public class TopcQuotingCheckResponse : Top.Api.TopResponse {} }\n" % request)
        code, out = check_file("csharp", f, "TopcRequest.cs", cs_stub=stub)
        expect(code == 0, "mcs: " + out)
        code, out = run(["mono", os.path.join(f, "topc.exe")])
        expect(code == 0 and decode(out) == want, "C# gives back the values:\n%s" % out)
    # the scripts: the SDK's stand-in beside them, run there
    for lang, sdk, argv in (("php", {"TopSdk.php": PHP_TOPSDK}, ["php", "topc_request.php"]),
                            ("python", {"top/__init__.py": PY_TOP_INIT, "top/api.py": PY_TOP_API},
                             [sys.executable, "topc_request.py"]),
                            ("node", {"topClient.js": NODE_TOPCLIENT}, ["node", "topc_request.js"])):
        if tool(argv[0]):
            write(runs[lang], sdk)
            code, out = run(argv, cwd=runs[lang])
            expect(code == 0 and decode(out) == want, "%s gives back the values:\n%s" % (lang, out))
    if tool("gcc"):
        f = runs["c"]
        write(f, {"topsdk.h": TOPSDK_H, "topsdk.c": TOPSDK_C})
        code, out = run(["gcc", "-std=c99", "-Wall", "-Werror", "-I", f, "-o", os.path.join(f, "a.out"),
                         os.path.join(f, "topc_request.c"), os.path.join(f, "topsdk.c")])
        expect(code == 0, "gcc: " + out)
        code, out = run([os.path.join(f, "a.out")])
        expect(code == 0 and decode(out) == want, "C gives back the values:\n%s" % out)
    expect(not os.path.exists("/tmp/topc-export-pwned"), "no value ran as a command")


# ---------------------------------------------------------------- arrays of structures

# A form with arrays of structures at the top (jobs) and inside one (wrap.items),
# shaped as the SDKs' generated requests have them (the DingTalk/TOP Java SDK's
# OapiAtsJobBatchaddRequest.setJobs(List<AtsAddJobParam>), .NET List<XDomain>).
LIST_FORM = """method = "taobao.topc.list.check";
title = "list check";
request = (
  { name = "job_id"; type = "Number"; required = true; example = "7"; description = "id"; },
  { name = "jobs"; type = "JobParam []"; required = false; description = "jobs";
    fields = (
      { name = "name"; type = "String"; required = false; example = "a"; description = "n"; },
      { name = "count"; type = "Number"; required = false; example = "1"; description = "c"; },
      { name = "tags"; type = "String []"; required = false; example = "x"; description = "t"; },
      { name = "owner"; type = "OwnerDto"; required = false; description = "o";
        fields = ( { name = "nick"; type = "String"; required = false; example = "n"; description = "n"; } ); }
    ); },
  { name = "wrap"; type = "WrapDto"; required = false; description = "w";
    fields = (
      { name = "items"; type = "ItemDto []"; required = false; description = "i";
        fields = ( { name = "sku"; type = "Number"; required = false; example = "1"; description = "s"; } ); }
    ); }
);
response = ( { name = "ok"; type = "Boolean"; example = "true"; description = "ok"; } );
"""
LIST_ARGS = ["-p", "doc", "-s", "job_id=7",
             "-s", 'jobs=[{"name":"a","count":2,"tags":["x","y"],"owner":{"nick":"昵称"}},{"name":"b \\"q\\""}]',
             "-s", 'wrap.items=[{"sku":5}]']
# What the SDKs send for them: the Java SDK's JSONWriter, keys by property name
LIST_JOBS = '[{"count":2,"name":"a","owner":{"nick":"昵称"},"tags":["x","y"]},{"name":"b \\"q\\""}]'
# Written by hand, the way the doc pages' Java tab writes a List of a
# request's inner class (List<R.T> listN = new ArrayList<R.T>(); R.T objN =
# new R.T(); listN.add(objN); objN.setX(...); req.setX(listN);)
LIST_JAVA = """        TopcListCheckRequest req = new TopcListCheckRequest();
        req.setJobId(7L);
        java.util.List<TopcListCheckRequest.JobParam> list1 = new java.util.ArrayList<TopcListCheckRequest.JobParam>();
        TopcListCheckRequest.JobParam obj2 = new TopcListCheckRequest.JobParam();
        list1.add(obj2);
        obj2.setName("a");
        obj2.setCount(2L);
        obj2.setTags(java.util.Arrays.asList("x", "y"));
        TopcListCheckRequest.OwnerDto obj3 = new TopcListCheckRequest.OwnerDto();
        obj3.setNick("昵称");
        obj2.setOwner(obj3);
        TopcListCheckRequest.JobParam obj4 = new TopcListCheckRequest.JobParam();
        list1.add(obj4);
        obj4.setName("b \\"q\\"");
        req.setJobs(list1);
        TopcListCheckRequest.WrapDto obj5 = new TopcListCheckRequest.WrapDto();
        java.util.List<TopcListCheckRequest.ItemDto> list6 = new java.util.ArrayList<TopcListCheckRequest.ItemDto>();
        TopcListCheckRequest.ItemDto obj7 = new TopcListCheckRequest.ItemDto();
        list6.add(obj7);
        obj7.setSku(5L);
        obj5.setItems(list6);
        req.setWrap(obj5);
"""
LIST_CSHARP = """        TopcListCheckRequest req = new TopcListCheckRequest();
        req.JobId = 7L;
        List<TopcListCheckRequest.JobParamDomain> list1 = new List<TopcListCheckRequest.JobParamDomain>();
        TopcListCheckRequest.JobParamDomain obj2 = new TopcListCheckRequest.JobParamDomain();
        list1.Add(obj2);
        obj2.Name = "a";
        obj2.Count = 2L;
        obj2.Tags = new List<string> { "x", "y" };
        TopcListCheckRequest.OwnerDtoDomain obj3 = new TopcListCheckRequest.OwnerDtoDomain();
        obj3.Nick = "昵称";
        obj2.Owner = obj3;
        TopcListCheckRequest.JobParamDomain obj4 = new TopcListCheckRequest.JobParamDomain();
        list1.Add(obj4);
        obj4.Name = "b \\"q\\"";
        req.Jobs_ = list1;
        TopcListCheckRequest.WrapDtoDomain obj5 = new TopcListCheckRequest.WrapDtoDomain();
        List<TopcListCheckRequest.ItemDtoDomain> list6 = new List<TopcListCheckRequest.ItemDtoDomain>();
        TopcListCheckRequest.ItemDtoDomain obj7 = new TopcListCheckRequest.ItemDtoDomain();
        list6.Add(obj7);
        obj7.Sku = 5L;
        obj5.Items = list6;
        req.Wrap_ = obj5;
"""
# PHP: the SDK's domain objects in an array, json_encode'd like one structure
LIST_PHP = """$req = new TopcListCheckRequest;
$req->setJobId("7");
$jobs = array();
$jobs_item = new JobParam;
$jobs[] = $jobs_item;
$jobs_item->name = "a";
$jobs_item->count = "2";
$jobs_item->tags = array("x", "y");
$owner = new OwnerDto;
$owner->nick = "昵称";
$jobs_item->owner = $owner;
$jobs_item4 = new JobParam;
$jobs[] = $jobs_item4;
$jobs_item4->name = "b \\"q\\"";
$req->setJobs(json_encode($jobs));
$wrap = new WrapDto;
$items = array();
$items_item = new ItemDto;
$items[] = $items_item;
$items_item->sku = "5";
$wrap->items = $items;
$req->setWrap(json_encode($wrap));
"""
LIST_JAVA_STUB = """package com.taobao.api.request;
import com.taobao.api.*;
import java.util.List;
public class TopcListCheckRequest extends TaobaoRequest<com.taobao.api.response.TopcListCheckResponse> {
    public void setJobId(Long v) {}
    public void setJobs(String v) {}
    public void setJobs(List<JobParam> v) {}
    public void setWrap(String v) {}
    public void setWrap(WrapDto v) {}
    public static class JobParam {
        public void setName(String v) {}
        public void setCount(Long v) {}
        public void setTags(List<String> v) {}
        public void setOwner(OwnerDto v) {}
    }
    public static class OwnerDto { public void setNick(String v) {} }
    public static class WrapDto { public void setItems(List<ItemDto> v) {} }
    public static class ItemDto { public void setSku(Long v) {} }
}
"""
LIST_CS_STUB = """namespace Top.Api.Request {
using System.Collections.Generic;
public class TopcListCheckRequest : Top.Api.TopRequest<Top.Api.Response.TopcListCheckResponse> {
    public long? JobId { get; set; }
    public string Jobs { get; set; }
    public List<JobParamDomain> Jobs_ { set { } }
    public string Wrap { get; set; }
    public WrapDtoDomain Wrap_ { set { } }
    public class JobParamDomain { public string Name { get; set; } public long? Count { get; set; }
        public List<string> Tags { get; set; } public OwnerDtoDomain Owner { get; set; } }
    public class OwnerDtoDomain { public string Nick { get; set; } }
    public class WrapDtoDomain { public List<ItemDtoDomain> Items { get; set; } }
    public class ItemDtoDomain { public long? Sku { get; set; } }
}
}
namespace Top.Api.Response { public class TopcListCheckResponse : Top.Api.TopResponse {} }
"""


def body_of(code, first):
    lines = code.splitlines(True)
    start = next(i for i, line in enumerate(lines) if first in line)
    end = next(i for i, line in enumerate(lines) if "execute(" in line.lower() and i > start)
    return "".join(lines[start:end])


@suite.test
def arrays_of_structures_as_the_sdks_take_them():
    forms = os.path.join(suite.home, "config", "topc", "forms")
    os.makedirs(forms, exist_ok=True)
    with open(os.path.join(forms, "taobao.topc.list.check.conf"), "w", encoding="utf-8") as f:
        f.write(LIST_FORM)
    method = "taobao.topc.list.check"
    base = os.path.join(WORK, "lists")
    for lang, name, first, want in (("java", "TopcRequest.java", "TopcListCheckRequest req =", LIST_JAVA),
                                    ("csharp", "TopcRequest.cs", "TopcListCheckRequest req =", LIST_CSHARP),
                                    ("php", "topc_request.php", "$req = new", LIST_PHP)):
        code = export(method, LIST_ARGS, lang)
        got = body_of(code, first)
        expect(got == want, "%s writes the lists as the SDK takes them:\n%s" % (lang, got))
        folder = os.path.join(base, lang)
        os.makedirs(folder)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(code)
        if lang == "java":
            stub = {"request/TopcListCheckRequest.java": LIST_JAVA_STUB,
                    "response/TopcListCheckResponse.java":
                    "package com.taobao.api.response;\npublic class TopcListCheckResponse extends com.taobao.api.TaobaoResponse {}\n"}
            res = check_file("java", folder, name, java_tree(os.path.join(folder, "sdk"), stub))
        else:
            res = check_file(lang, folder, name, cs_stub=LIST_CS_STUB)
        expect(res is None or res[0] == 0, "%s compiles: %s" % (lang, res and res[1]))
    # the flat SDKs take every parameter as text: the lists as the JSON sent
    for lang, literal in (("python", "req.jobs = " + json.dumps(LIST_JOBS, ensure_ascii=False)),
                          ("node", "\t'jobs': '" + LIST_JOBS.replace("\\", "\\\\") + "',"),
                          ("c", '    add_param(pRequest, "jobs", '
                                + json.dumps(LIST_JOBS, ensure_ascii=False) + ");")):
        code = export(method, LIST_ARGS, lang)
        expect(literal in code.splitlines(), "%s passes the JSON text:\n%s" % (lang, code))
    # an element the form's fields cannot say (a member it does not know) is
    # written as the JSON text that was sent, never with the member dropped
    odd = ["-p", "doc", "-s", "job_id=7", "-S", 'jobs=[{"name":"a","extra":1}]']
    java = export(method, odd, "java")
    expect('req.setJobs("[{\\"name\\":\\"a\\",\\"extra\\":1}]");' in java, "unknown member: as text", java)


@suite.test
def bytes_that_are_not_utf8():
    """-S sends any bytes: PHP and C strings are bytes and write them escaped,
    the curl script makes them with printf; Java, C#, Python and JavaScript
    strings are text, so their code is refused, naming the parameter.  The
    code itself is always UTF-8 text."""
    raw = b"a\xffb\xc3 \xe6\xa0\x87"  # a lone 0xff, a cut character, then 标
    arg = "odd=" + raw.decode("utf-8", "surrogateescape")
    args = ["-p", "doc", "-S", arg]
    method = "taobao.topc.quoting.check"
    for lang in ("java", "csharp", "python", "node"):
        r = suite.run("send", method, *args, "--export", lang)
        expect(r.code == 2 and 'parameter "odd": byte 2 (0xff) is not UTF-8' in r.err and not r.out,
               "%s refuses" % lang, r)
    base = os.path.join(WORK, "bytes")
    for lang, name in (("php", "topc_request.php"), ("c", "topc_request.c"), ("curl", "topc_request.sh")):
        r = suite.run("send", method, *args, "--export", lang)
        expect(r.code == 0 and "\ufffd" not in r.out, "%s writes text only" % lang, r)
        os.makedirs(os.path.join(base, lang))
        with open(os.path.join(base, lang, name), "w", encoding="utf-8") as f:
            f.write(r.out)
    want = "odd " + raw.hex()
    if tool("php"):
        f = os.path.join(base, "php")
        write(f, {"TopSdk.php": PHP_TOPSDK})
        code, out = run(["php", "topc_request.php"], cwd=f)
        expect(code == 0 and want in out.splitlines(), "php sends the bytes:\n%s" % out)
    if tool("gcc"):
        f = os.path.join(base, "c")
        write(f, {"topsdk.h": TOPSDK_H, "topsdk.c": TOPSDK_C})
        code, out = run(["gcc", "-std=c99", "-Wall", "-Werror", "-I", f, "-o", os.path.join(f, "a.out"),
                         os.path.join(f, "topc_request.c"), os.path.join(f, "topsdk.c")])
        expect(code == 0, "gcc: " + out)
        code, out = run([os.path.join(f, "a.out")])
        expect(code == 0 and want in out.splitlines(), "C sends the bytes:\n%s" % out)
    # the script's word, as sh makes it, is the very bytes
    script = open(os.path.join(base, "curl", "topc_request.sh"), encoding="utf-8").read()
    word = next(line.strip() for line in script.splitlines() if line.strip().startswith("'odd="))
    p = subprocess.run(["sh", "-c", "printf %s " + word.rstrip(")").rstrip()], capture_output=True)
    expect(p.stdout == b"odd=" + raw, "sh makes the bytes: %r from %s" % (p.stdout, word))
    # the history keeps the bytes; its JSON export leaves such an entry out and says so
    gw = suite.gateway_for("u8", app_key="12345678", secret_env="TOP_APP_SECRET",
                           sign_method="hmac-sha256", format="json")
    r = suite.run("send", method, "-p", "u8", "-S", arg, "--json")
    entry = r.json()["history_id"]
    r = suite.run("history", "export", str(entry))
    expect(r.code == 2 and "entry %d holds bytes that are not UTF-8" % entry in r.err and not r.out
           and "\ufffd" not in r.out, "jsonl refuses the entry", r)
    r = suite.run("history", "export", str(entry), "--format", "c")
    expect(r.code == 0 and '"a\\377b\\303 \u6807"' in r.out, "history export c escapes", r)
    gw.stop(suite)


@suite.test
def big_numbers_and_sessions():
    suite.profile("docs", gateway="https://gw.api.taobao.com/router/rest", app_key="12345678",
                  secret_env="TOP_APP_SECRET", session_env="TOP_S", sign_method="md5", format="xml")
    args = ["-p", "docs", "-s", "user_id=" + BIG, "-s", "message_id=m", "-s", "template_id=-1",
            "-s", "push_content_dto.title=t"]
    java = export("taobao.jym.message.apppush.send", args, "java")
    expect("req.setUserId(%sL);" % BIG in java and "req.setTemplateId(-1L);" in java, "Number as long", java)
    expect('new DefaultTaobaoClient(url, appkey, secret, "xml", 10000, 30000, "md5")' in java,
           "format, timeouts and sign method where the SDK takes them", java)
    expect('String sessionKey = System.getenv("TOP_SESSION_KEY");' in java and
           "client.execute(req, sessionKey)" in java, "session argument", java)
    cs = export("taobao.jym.message.apppush.send", args, "csharp")
    expect('DefaultTopClient client = new DefaultTopClient(url, appkey, secret);\n'
           '        client.SetSignMethod("md5");' in cs,
           "the .NET client signs as the profile does (xml is its default format)", cs)
    py = export("taobao.jym.message.apppush.send", args, "python")
    expect('url = "gw.api.taobao.com"\nport = 443' in py and "req.getResponse(sessionkey)" in py, "python", py)
    for lang, _ in LANGS:
        code = export("taobao.jym.message.apppush.send", args, lang)
        expect(SESSION not in code and SECRET not in code, "no secret in %s" % lang)


@suite.test
def simplify_and_target_app_key_go_out_from_every_export():
    # topc send sent a profile's simplify=true and target_app_key, and every
    # export left them out: the code asked another app's API, or for an
    # answer of another shape.  Java sets them where its SDK takes them
    # (DefaultTaobaoClient.setUseSimplifyJson, BaseTaobaoRequest's
    # setTargetAppKey); the others send them as parameters, signed
    suite.profile("simp", gateway="http://gw.api.taobao.com/router/rest", app_key="12345678",
                  secret_env="TOP_APP_SECRET", simplify=True, target_app_key="23000999")
    method = "taobao.topc.quoting.check"
    args = ["-p", "simp", "-s", "a=1"]
    want = {"java": ["((DefaultTaobaoClient) client).setUseSimplifyJson(true);",
                     'req.setTargetAppKey("23000999");'],
            "csharp": ['req.AddOtherParameter("simplify", "true");',
                       'req.AddOtherParameter("target_app_key", "23000999");'],
            "php": ['$req->putOtherTextParam("simplify", "true");',
                    '$req->putOtherTextParam("target_app_key", "23000999");'],
            "python": ['req.simplify = "true"', 'req.target_app_key = "23000999"'],
            "node": ["'simplify': 'true',", "'target_app_key': '23000999',"],
            "c": ['add_param(pRequest, "simplify", "true");',
                  'add_param(pRequest, "target_app_key", "23000999");'],
            "curl": ["'simplify=true'", "'target_app_key=23000999'"]}
    for lang, lines in want.items():
        code = export(method, args, lang)
        for line in lines:
            expect(line in code, "%s: %s" % (lang, line), code)
    plain = export(method, ["-p", "doc", "-s", "a=1"], "java")
    expect("simplify" not in plain.lower() and "TargetAppKey" not in plain, "none without", plain)
    if tool("javac") and tool("java"):
        f = os.path.join(WORK, "simp-java")
        os.makedirs(f)
        with open(os.path.join(f, "TopcRequest.java"), "w", encoding="utf-8") as out:
            out.write(export(method, args, "java"))
        code, out = run_quoting_java(f)
        expect(code == 0 and decode(out) == {"a": "1", "simplify": "true",
                                              "target_app_key": "23000999"}, "java sends them:\n" + out)
    p, calls = run_script(export(method, args, "curl"), {"TOP_APP_SECRET": SECRET})
    expect(p.returncode == 0 and len(calls) == 1 and calls[0][1].get("simplify") == "true" and
           calls[0][1].get("target_app_key") == "23000999", "the script sends them", calls)


@suite.test
def history_export_is_the_same_program():
    gw = suite.gateway_for("hx", app_key="12345678", secret_env="TOP_APP_SECRET",
                           sign_method="hmac-sha256", format="json")
    method = "taobao.jym.message.apppush.send"
    args = json.load(open(os.path.join(VECTORS, method, "args.json"), encoding="utf-8"))
    args[1] = "hx"
    r = suite.run("send", method, *args, "--json")
    expect(r.code == 0, "sent", r)
    entry = r.json()["history_id"]
    for lang, _ in LANGS[:-1]:
        h = suite.run("history", "export", str(entry), "--format", lang)
        want = export(method, args, lang)
        expect(h.code == 0 and h.out == want, "history export %s" % lang, h)
    r = suite.run("history", "export", "--format", "java")
    expect(r.code == 2 and "one history entry id" in r.err, "a program needs one entry", r)
    r = suite.run("history", "export", "999999", "--format", "java")
    expect(r.code == 2 and "999999" in r.err, "unknown entry", r)
    gw.stop(suite)


# ---------------------------------------------------------------- the curl script

FAKE_CURL = """#!/bin/sh
# records its argv (one word a line) and its stdin, sends nothing
n=$(ls "$FAKE_DIR" | wc -l)
printf '%s\\n' "$@" > "$FAKE_DIR/argv.$n"
cat > "$FAKE_DIR/stdin.$n"
"""
PWNED = os.path.join("/tmp", "topc-export-pwned-%d" % os.getpid())
FUZZ_CHARS = "$`'\"\\\n\t;|&(){}[]*?~#!<> %=+,.:/-_abc\u6807\u9898\u2028"


def run_script(text, env_extra):
    from urllib.parse import parse_qsl
    folder = os.path.join(WORK, "curl-%d" % len(os.listdir(WORK)))
    bindir, rec = os.path.join(folder, "bin"), os.path.join(folder, "rec")
    os.makedirs(bindir)
    os.makedirs(rec)
    with open(os.path.join(bindir, "curl"), "w") as f:
        f.write(FAKE_CURL)
    os.chmod(os.path.join(bindir, "curl"), 0o755)
    script = os.path.join(folder, "replay.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write(text)
    env = dict(suite.env, PATH=bindir + ":" + os.path.dirname(suite.topc) + ":" + os.environ["PATH"],
               FAKE_DIR=rec, **env_extra)
    p = subprocess.run(["sh", script], capture_output=True, env=env, timeout=60)
    suite.outputs.append(("sh replay.sh", p.stdout.decode() + p.stderr.decode()))
    calls = []
    for i in range(len(os.listdir(rec)) // 2):
        argv = open(os.path.join(rec, "argv.%d" % (2 * i)), encoding="utf-8").read().split("\n")[:-1]
        body = open(os.path.join(rec, "stdin.%d" % (2 * i)), encoding="utf-8").read()
        calls.append((argv, dict(parse_qsl(body, keep_blank_values=True))))
    shutil.rmtree(rec)  # the bodies hold the session key, as curl's stdin must
    return p, calls


@suite.test
def curl_script_runs_no_value_and_hides_the_session():
    import random
    from harness import Gateway, free_port
    port = free_port()
    gw = Gateway(suite, port=port)
    hostile_url = "http://127.0.0.1:%d/router/rest?x=$(touch${IFS}%s)" % (port, PWNED)
    suite.profile("hc", gateway=hostile_url, app_key="12345678", secret_env="TOP_APP_SECRET",
                  session_env="TOP_S")
    env = {"TOP_S": SESSION}
    rnd = random.Random(15)
    values = {"v%02d" % i: "".join(rnd.choice(FUZZ_CHARS) for _ in range(rnd.randint(1, 40)))
              for i in range(40)}
    values.update({"dollar": "$(touch %s)" % PWNED, "tick": "`touch %s`" % PWNED,
                   "quote": "'; touch %s; '" % PWNED})
    sets = [a for k, v in values.items() for a in ("-S", "%s=%s" % (k, v))]
    suite.run("send", "taobao.topc.fuzz", "-p", "hc", *sets, env=env)
    suite.run("send", "taobao.topc.x\n$(touch %s)\ntouch %s" % (PWNED, PWNED), "-p", "hc",
              "-S", "a=1", "--any-method", env=env)
    r = suite.run("history", "export", "--format", "curl", "--profile", "hc")
    expect(r.code == 0 and r.out.startswith("#!/bin/sh\n") and "\nset -eu\n" in r.out, "script", r)
    expect(SESSION not in r.out and SECRET not in r.out, "no secret in the script")
    expect("\n# taobao.topc.x?$(touch %s)?touch %s (profile hc)\n" % (PWNED, PWNED) in r.out,
           "a method name with newlines stays in its comment", r)
    p, calls = run_script(r.out, env)
    expect(p.returncode == 0, "the script ran: %s" % p.stderr.decode())
    expect(not os.path.exists(PWNED), "no value ran as a command")
    expect(len(calls) == 2, "two requests went to curl", calls)
    for argv, body in calls:
        expect(argv[argv.index("--url") + 1] == hostile_url, "the URL reaches curl as written", argv)
        expect(not any(SESSION in a for a in argv) and "@-" in argv, "the body came on stdin", argv)
        expect(body.get("session") == SESSION, "the session key went in the body", body)
    fuzz = [b for _, b in calls if b.get("method") == "taobao.topc.fuzz"]
    expect(fuzz and all(fuzz[0].get(k) == v for k, v in values.items()), "every value arrived as it was",
           fuzz)
    gw.stop(suite)


@suite.test
def curl_script_for_the_builtin_gateway():
    from harness import Gateway
    r = suite.run("send", "taobao.jym.message.apppush.send", "-p", "local", "-s", "user_id=1",
                  "-s", "message_id=b1", "-s", "template_id=1", "-s", "push_content_dto.title=t")
    expect(r.code == 0, "sent to the builtin gateway", r)
    r = suite.run("history", "export", "--format", "curl", "--profile", "local", "--limit", "1")
    head = "\n".join(r.out.splitlines()[:8])
    expect("topc gateway --listen 127.0.0.1:8080" in head and "url='http://127.0.0.1:8080/router/rest'" in r.out,
           "the first lines say what to start; the script sends there", r)
    gw = Gateway(suite)
    script = os.path.join(WORK, "builtin.sh")
    with open(script, "w") as f:
        f.write(r.out)
    env = dict(suite.env, PATH=os.path.dirname(suite.topc) + ":" + os.environ["PATH"], TOPC_URL=gw.url)
    p = subprocess.run(["sh", script], capture_output=True, env=env, timeout=60)
    out = p.stdout.decode()
    suite.outputs.append(("sh builtin.sh", out + p.stderr.decode()))
    expect(p.returncode == 0 and "jym_message_apppush_send_response" in out, "it is accepted", out)
    gw.stop(suite)


@suite.test
def tools_present():
    expect(not missing_tools, "not installed (scripts/deps.sh installs them): %s" % sorted(set(missing_tools)))


suite.main()
