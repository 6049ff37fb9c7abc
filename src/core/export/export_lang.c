/* export_lang.c - each language's quoting, first and last lines, and its
 * table of line templates (export_internal.h). */
#include "export/export_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

/* ------------------------------------------------------------------ */
/* quoting */

typedef enum topc_status (*quote_fn)(struct topc_buf *out, const char *s);

enum ctl_style { CTL_U4, CTL_X2, CTL_OCT3 }; /* \u001b, \x1b, \033 */
/* how a character topc_utf8_inert lists (C1 controls such as U+009B, bidi
 * and zero-width ones) is written: \u009b in the languages whose strings
 * are text (the Python SDK's is Python 3), its UTF-8 bytes in the ctl
 * style in those whose strings are bytes (PHP, C): the same string either way, and
 * the code shown on a terminal or copied drives no terminal */
enum uni_style { UNI_U4, UNI_BYTES };

/* The length of the UTF-8 character at p (NUL-terminated), *cp set; 0:
 * none */
static size_t utf8_at(const unsigned char *p, uint32_t *cp)
{
	return topc_utf8_next((const char *)p, strnlen((const char *)p, 4), cp);
}

static enum topc_status add_byte(struct topc_buf *out, unsigned char c, enum ctl_style ctl)
{
	return ctl == CTL_U4   ? topc_buf_addf(out, "\\u%04x", c)
	       : ctl == CTL_X2 ? topc_buf_addf(out, "\\x%02x", c)
			       : topc_buf_addf(out, "\\%03o", c);
}

/* The character at p, not ASCII, decoded once (it was three times: its
 * length, whether inert, its code): a byte that begins none in the ctl
 * style, one topc_utf8_inert lists as its code (uni) or bytes, any other
 * as it is.  *n: the bytes it took. */
static enum topc_status add_non_ascii(struct topc_buf *out, const unsigned char *p, size_t *n,
				      enum ctl_style ctl, enum uni_style uni)
{
	enum topc_status st = TOPC_OK;
	uint32_t cp = 0;

	if (!(*n = utf8_at(p, &cp))) {
		*n = 1;
		return add_byte(out, *p, ctl);
	}
	if (!topc_utf8_inert(cp, false))
		return topc_buf_add(out, p, *n);
	if (uni == UNI_U4)
		return topc_buf_addf(out, "\\u%04x", (unsigned)cp);
	for (size_t k = 0; k < *n && st == TOPC_OK; k++)
		st = add_byte(out, p[k], ctl);
	return st;
}

/* The escapes the C family (Java, C#, C, JavaScript, Python, PHP) agree on;
 * other control bytes in the language's style (ctl), and what a language
 * adds through extra (NULL: nothing more).  With ls, U+2028 and U+2029 are
 * written \u2028 and \u2029: C# and older JavaScript end a line there.
 * Other text that is not ASCII is kept as UTF-8; a byte that is not part
 * of a UTF-8 character is escaped as a byte in the ctl style, which only
 * the languages whose strings are bytes (PHP, C) take as that byte:
 * topc_export_code refuses such values for the others. */
static enum topc_status quote_with(struct topc_buf *out, const char *s, char q, enum ctl_style ctl,
				   enum uni_style uni, bool ls,
				   const char *(*extra)(unsigned char c))
{
	enum topc_status st = topc_buf_addc(out, q);

	for (const unsigned char *p = (const unsigned char *)s; *p && st == TOPC_OK; p++) {
		const char *x = extra ? extra(*p) : NULL;
		size_t n;
		if (ls && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			st = topc_buf_adds(out, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else if (x)
			st = topc_buf_adds(out, x);
		else if (*p == (unsigned char)q || *p == '\\')
			st = topc_buf_addf(out, "\\%c", *p);
		else if (*p == '\n')
			st = topc_buf_adds(out, "\\n");
		else if (*p == '\r')
			st = topc_buf_adds(out, "\\r");
		else if (*p == '\t')
			st = topc_buf_adds(out, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			st = add_byte(out, *p, ctl);
		else if (*p >= 0x80) {
			st = add_non_ascii(out, p, &n, ctl, uni);
			p += n - 1;
		} else
			st = topc_buf_addc(out, (char)*p);
	}
	return st == TOPC_OK ? topc_buf_addc(out, q) : st;
}

/* Java turns \uXXXX into the character before it reads the literal, so a
 * control byte is an octal escape; C# has no octal escapes */
static enum topc_status quote_java(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_OCT3, UNI_U4, false, NULL);
}

static enum topc_status quote_csharp(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_U4, UNI_U4, true, NULL);
}

static const char *php_extra(unsigned char c)
{
	return c == '$' ? "\\$" : NULL; /* "$name" would interpolate */
}

static enum topc_status quote_php(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_X2, UNI_BYTES, false, php_extra);
}

static enum topc_status quote_python(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_X2, UNI_U4, false, NULL);
}

static enum topc_status quote_js(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '\'', CTL_X2, UNI_U4, true, NULL);
}

/* C: "??" starts a trigraph in strict modes, so every ? is \?; control bytes
 * as three octal digits, which no following digit can extend */
static const char *c_extra(unsigned char c)
{
	return c == '?' ? "\\?" : NULL;
}

static enum topc_status quote_c(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_OCT3, UNI_BYTES, false, c_extra);
}

/* bash's $'...': \\, \' and \xNN for each byte that may not show */
static enum topc_status shell_quote_inert(struct topc_buf *out, const char *s)
{
	enum topc_status st = topc_buf_adds(out, "$'");

	for (size_t i = 0, n, len = strlen(s); st == TOPC_OK && i < len; i += n ? n : 1) {
		uint32_t cp = 0;
		n = topc_utf8_next(s + i, len - i, &cp);
		if (s[i] == '\\' || s[i] == '\'')
			st = topc_buf_addf(out, "\\%c", s[i]);
		else if (!n || topc_utf8_inert(cp, false))
			for (size_t k = 0; st == TOPC_OK && k < (n ? n : 1); k++)
				st = topc_buf_addf(out, "\\x%02X", (unsigned char)s[i + k]);
		else
			st = topc_buf_add(out, s + i, n);
	}
	return st == TOPC_OK ? topc_buf_addc(out, '\'') : st;
}

enum topc_status topc_export_shell_quote(struct topc_buf *out, const char *s, bool inert)
{
	enum topc_status st;

	if (inert && !topc_utf8_plain(s))
		return shell_quote_inert(out, s);
	st = topc_buf_addc(out, '\'');

	for (const unsigned char *p = (const unsigned char *)s; *p && st == TOPC_OK; p++) {
		uint32_t cp = *p;
		size_t n = *p >= 0x80 ? utf8_at(p, &cp) : 1; /* decoded once */
		if (*p == '\'')
			st = topc_buf_adds(out, "'\\''");
		else if (!n || topc_utf8_inert(cp, true)) {
			/* a byte that is not UTF-8, a control or an invisible
			 * character: made by printf, so the script stays text and
			 * shown on a terminal drives none (line ends and tabs
			 * stay: $(...) would drop a final one, and they show as
			 * what they are) */
			n = n ? n : 1;
			st = topc_buf_adds(out, "'\"$(printf '");
			for (size_t k = 0; k < n && st == TOPC_OK; k++)
				st = topc_buf_addf(out, "\\%03o", p[k]);
			if (st == TOPC_OK)
				st = topc_buf_adds(out, "')\"'");
			p += n - 1;
		} else {
			st = topc_buf_add(out, p, n);
			p += n - 1;
		}
	}
	return st == TOPC_OK ? topc_buf_addc(out, '\'') : st;
}

static void java_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;
	const char *fmt = export_fmt_of(r), *sign = export_sign_of(r);

	export_header_comment(e, "// ", "the TOP Java SDK (com.taobao.api)");
	export_putf(e,
		    "import com.taobao.api.ApiException;\n"
		    "import com.taobao.api.DefaultTaobaoClient;\n"
		    "import com.taobao.api.TaobaoClient;\n"
		    "import com.taobao.api.request.%s;\n"
		    "import com.taobao.api.response.%s;\n\n"
		    "public class TopcRequest {\n"
		    "    public static void main(String[] args) throws ApiException {\n"
		    "        String url = ",
		    e->request_class, e->response_class);
	export_put_quoted(e, export_url_of(r));
	export_put(e, ";\n        String appkey = ");
	export_put_quoted(e, r->app_key ? r->app_key : "");
	export_putf(e, ";\n        String secret = System.getenv(\"%s\");\n",
		    TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		export_putf(e, "        String sessionKey = System.getenv(\"%s\");\n",
			    TOPC_EXPORT_SESSION_ENV);
	/* DefaultTaobaoClient defaults: json, hmac-sha256, 15 s, 30 s */
	export_put(e, "        TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret");
	if (strcmp(sign, "hmac-sha256") != 0)
		export_putf(e, ", \"%s\", %ld, %ld, \"%s\"",
			    strcmp(fmt, "xml") == 0 ? "xml" : "json",
			    r->connect_timeout_ms ? r->connect_timeout_ms : 15000,
			    r->timeout_ms ? r->timeout_ms : 30000, export_sign_method(r));
	else if (strcmp(fmt, "json") != 0)
		export_put(e, ", \"xml\"");
	export_putf(e, ");\n");
	/* DefaultTaobaoClient.setUseSimplifyJson sends simplify=true and reads
	 * the bare answer (SimplifyJsonConverter); BaseTaobaoRequest's
	 * setTargetAppKey sends target_app_key */
	if (export_simplify_of(r))
		export_put(e, "        ((DefaultTaobaoClient) client).setUseSimplifyJson(true);\n");
	export_putf(e, "        %s req = new %s();\n", e->request_class, e->request_class);
	if (export_target_of(r)) {
		export_put(e, "        req.setTargetAppKey(");
		export_put_quoted(e, export_target_of(r));
		export_put(e, ");\n");
	}
}

static void java_epilogue(struct emit *e)
{
	export_putf(e,
		    "        %s rsp = client.execute(req%s);\n"
		    "        System.out.println(rsp.getBody());\n"
		    "    }\n}\n",
		    e->response_class, e->r->session ? ", sessionKey" : "");
}

static void csharp_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;

	export_header_comment(e, "// ", "the TOP .NET SDK (Top.Api)");
	export_put(e, "using System;\n"
		      "using System.Collections.Generic;\n"
		      "using Top.Api;\n"
		      "using Top.Api.Request;\n"
		      "using Top.Api.Response;\n\n"
		      "public class TopcRequest\n{\n"
		      "    public static void Main(string[] args)\n    {\n"
		      "        string url = ");
	export_put_quoted(e, export_url_of(r));
	export_put(e, ";\n        string appkey = ");
	export_put_quoted(e, r->app_key ? r->app_key : "");
	export_putf(e, ";\n        string secret = Environment.GetEnvironmentVariable(\"%s\");\n",
		    TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		export_putf(
		    e, "        string sessionKey = Environment.GetEnvironmentVariable(\"%s\");\n",
		    TOPC_EXPORT_SESSION_ENV);
	/* DefaultTopClient answers in xml unless told otherwise; its sign
	 * method is set after (Top.Api's SetSignMethod, as the same SDK's
	 * DefaultQimenCloudClient has it), since versions differ in their
	 * default (md5, hmac, hmac-sha256) */
	export_putf(
	    e,
	    "        DefaultTopClient client = new DefaultTopClient(url, appkey, secret%s);\n"
	    "        client.SetSignMethod(\"%s\");\n"
	    "        %s req = new %s();\n",
	    strcmp(export_fmt_of(r), "xml") == 0 ? "" : ", \"json\"", export_sign_method(r),
	    e->request_class, e->request_class);
}

static void csharp_epilogue(struct emit *e)
{
	export_putf(e,
		    "        %s rsp = client.Execute(req%s);\n"
		    "        Console.WriteLine(rsp.Body);\n"
		    "    }\n}\n",
		    e->response_class, e->r->session ? ", sessionKey" : "");
}

static void php_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;

	export_put(e, "<?php\n");
	export_header_comment(e, "// ", "the TOP PHP SDK (TopSdk.php)");
	export_sdk_signs_md5(e, "// ");
	export_put(e, "include \"TopSdk.php\";\n\n$c = new TopClient;\n$c->appkey = ");
	export_put_quoted(e, r->app_key ? r->app_key : "");
	export_putf(
	    e, ";\n$c->secretKey = getenv(\"%s\");\n$c->gatewayUrl = ", TOPC_EXPORT_SECRET_ENV);
	export_put_quoted(e, export_url_of(r));
	export_putf(e, ";\n$c->format = \"%s\";\n",
		    strcmp(export_fmt_of(r), "xml") == 0 ? "xml" : "json");
	if (r->session)
		export_putf(e, "$sessionKey = getenv(\"%s\");\n", TOPC_EXPORT_SESSION_ENV);
	export_putf(e, "$req = new %s;\n", e->request_class);
}

static void php_epilogue(struct emit *e)
{
	export_putf(e, "$resp = $c->execute($req%s);\nvar_dump($resp);\n",
		    e->r->session ? ", $sessionKey" : "");
}

/* host and port of a URL, for the Python SDK's RestApi(domain, port) */
static enum topc_status host_port(const char *url, struct topc_buf *host, long *port)
{
	const char *p = strstr(url, "://"), *end;
	bool https = strncmp(url, "https:", 6) == 0;

	p = p ? p + 3 : url;
	end = p + strcspn(p, ":/?#");
	*port = *end == ':' ? strtol(end + 1, NULL, 10) : (https ? 443 : 80);
	if (*port <= 0 || *port > 65535)
		*port = https ? 443 : 80;
	return topc_buf_add(host, p, (size_t)(end - p));
}

static void python_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;
	struct topc_buf host;
	long port;

	export_put(e, "# -*- coding: utf-8 -*-\n");
	export_header_comment(e, "# ", "the TOP Python SDK (top.api)");
	export_sdk_signs_md5(e, "# ");
	topc_buf_init(&host, 0);
	export_check(e, host_port(export_url_of(r), &host, &port));
	export_put(e, "import os\nimport top.api\n\nurl = ");
	export_put_quoted(e, topc_buf_str(&host));
	export_putf(e, "\nport = %ld\nappkey = ", port);
	export_put_quoted(e, r->app_key ? r->app_key : "");
	export_putf(e, "\nsecret = os.environ.get(\"%s\")\n", TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		export_putf(e, "sessionkey = os.environ.get(\"%s\")\n", TOPC_EXPORT_SESSION_ENV);
	export_putf(
	    e, "req = top.api.%s(url, port)\nreq.set_app_info(top.appinfo(appkey, secret))\n\n",
	    e->request_class);
	topc_buf_release(&host);
}

static void python_epilogue(struct emit *e)
{
	export_putf(e,
		    "try:\n    resp = req.getResponse(%s)\n    print(resp)\n"
		    "except Exception as e:\n    print(e)\n",
		    e->r->session ? "sessionkey" : "");
}

static void node_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;

	export_header_comment(e, "// ", "the TOP NodeJS SDK (topClient.js)");
	export_sdk_signs_md5(e, "// ");
	export_put(e, "var TopClient = require('./topClient').TopClient;\n"
		      "var client = new TopClient({\n\t'appkey': ");
	export_put_quoted(e, r->app_key ? r->app_key : "");
	export_putf(e, ",\n\t'appsecret': process.env.%s,\n\t'REST_URL': ", TOPC_EXPORT_SECRET_ENV);
	export_put_quoted(e, export_url_of(r));
	export_put(e, "\n});\n\nclient.execute(");
	export_put_quoted(e, r->method);
	export_put(e, ", {\n");
	if (r->session)
		export_putf(e, "\t'session': process.env.%s,\n", TOPC_EXPORT_SESSION_ENV);
}

static void node_epilogue(struct emit *e)
{
	/* the walk ended every parameter with ","; JavaScript allows that */
	export_put(e, "}, function(error, response) {\n"
		      "\tif (!error) console.log(response);\n"
		      "\telse console.log(error);\n"
		      "});\n");
}

static void c_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;

	export_header_comment(e, "// ", "the TOP C SDK (topsdk.h)");
	export_sdk_signs_md5(e, "// ");
	export_put(e, "#include <stdio.h>\n#include <stdlib.h>\n#include \"topsdk.h\"\n\n"
		      "int main(void)\n{\n    const char *url = ");
	export_put_quoted(e, export_url_of(r));
	export_put(e, ";\n    const char *appkey = ");
	export_put_quoted(e, r->app_key ? r->app_key : "");
	export_putf(e, ";\n    const char *appsecret = getenv(\"%s\");\n", TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		export_putf(e, "    const char *session = getenv(\"%s\");\n",
			    TOPC_EXPORT_SESSION_ENV);
	export_put(e, "    pTaobaoClient pClient = alloc_taobao_client(url, appkey, appsecret);\n"
		      "    pTopRequest pRequest = alloc_top_request();\n"
		      "    pTopResponse pResponse = NULL;\n"
		      "    set_api_name(pRequest, ");
	export_put_quoted(e, r->method);
	export_put(e, ");\n");
}

static void c_epilogue(struct emit *e)
{
	export_putf(e,
		    "    pResponse = top_execute(pClient, pRequest, %s);\n"
		    "    printf(\"ret code:%%d\\n\", pResponse->code);\n"
		    "    if (pResponse->code == 0) {\n"
		    "        pTopResponseIterator ite = init_response_iterator(pResponse);\n"
		    "        pResultItem pResultItem = alloc_result_item();\n"
		    "        while (parseNext(ite, pResultItem) == 0)\n"
		    "            printf(\"%%s:%%s\\n\", pResultItem->key, pResultItem->value);\n"
		    "        destroy_response_iterator(ite);\n"
		    "        destroy_result_item(pResultItem);\n"
		    "    }\n"
		    "    destroy_top_request(pRequest);\n"
		    "    destroy_top_response(pResponse);\n"
		    "    destroy_taobao_client(pClient);\n"
		    "    return 0;\n}\n",
		    e->r->session ? "session" : "NULL");
}

const struct lang export_langs[TOPC_EXPORT_NLANGS] = {
    [TOPC_EXPORT_JAVA] = {.quote = quote_java,
			  .indent = "        ",
			  .number_suffix = "L",
			  .bare_bool = true,
			  .date_open = "com.taobao.api.internal.util.StringUtils.parseDateTime(",
			  .list_open = "java.util.Arrays.asList(",
			  .list_close = ")",
			  .set_value = "%i%o.set%P(%v);",
			  .set_nested_value = "%i%o.set%P(%v);",
			  .set_json = "%i%o.set%PString(%v);",
			  .new_object = "%i%R.%T %c = new %R.%T();",
			  .set_object = "%i%o.set%P(%c);",
			  .set_nested_object = "%i%o.set%P(%c);",
			  .set_other = "%i%o.putOtherTextParam(%N, %v);",
			  .new_list =
			      "%ijava.util.List<%R.%T> %c = new java.util.ArrayList<%R.%T>();",
			  .list_add = "%i%o.add(%c);",
			  .set_list = "%i%o.set%P(%c);",
			  .set_nested_list = "%i%o.set%P(%c);",
			  .prologue = java_prologue,
			  .epilogue = java_epilogue},
    [TOPC_EXPORT_CSHARP] = {.quote = quote_csharp,
			    .indent = "        ",
			    .number_suffix = "L",
			    .bare_bool = true,
			    .date_open = "DateTime.Parse(",
			    .list_open = "new List<string> { ",
			    .number_list_open = "new List<long> { ",
			    .list_close = " }",
			    .set_value = "%i%o.%P = %v;",
			    .set_nested_value = "%i%o.%P = %v;",
			    .set_json = "%i%o.%P = %v;",
			    .new_object = "%i%R.%TDomain %c = new %R.%TDomain();",
			    .set_object = "%i%o.%P_ = %c;",
			    .set_nested_object = "%i%o.%P = %c;",
			    .set_other = "%i%o.AddOtherParameter(%N, %v);",
			    .new_list = "%iList<%R.%TDomain> %c = new List<%R.%TDomain>();",
			    .list_add = "%i%o.Add(%c);",
			    .set_list = "%i%o.%P_ = %c;",
			    .set_nested_list = "%i%o.%P = %c;",
			    .prologue = csharp_prologue,
			    .epilogue = csharp_epilogue},
    [TOPC_EXPORT_PHP] = {.quote = quote_php,
			 .indent = "",
			 .list_open = "array(",
			 .list_close = ")",
			 .set_value = "$%o->set%P(%v);",
			 .set_nested_value = "$%o->%n = %v;",
			 .set_json = "$%o->set%P(%v);",
			 .new_object = "$%c = new %T;",
			 .set_object = "$%o->set%P(json_encode($%c));",
			 .set_nested_object = "$%o->%n = $%c;",
			 .set_other = "$%o->putOtherTextParam(%N, %v);",
			 .new_list = "$%c = array();",
			 .list_add = "$%o[] = $%c;",
			 .set_list = "$%o->set%P(json_encode($%c));",
			 .set_nested_list = "$%o->%n = $%c;",
			 .child_named = true,
			 .bytes = true,
			 .prologue = php_prologue,
			 .epilogue = php_epilogue},
    /* Python, NodeJS and C pass every parameter as text, a structure or an
     * array of structures (Json fields too) as the JSON that was sent, since
     * that is what their SDKs send:
     * - Python (top/api/base.py, RestApi.getResponse): the request's
     *   attributes go through urllib.urlencode, which writes a dict or list
     *   as str() does, Python's repr ({'a': 1}), never JSON: the SDK takes
     *   the JSON text, as the doc pages' Python tab writes a structure
     *   (req.push_content_dto = "...JSON...");
     * - NodeJS (topClient.js, TopClient.prototype.request): an object
     *   parameter is sent as JSON.stringify(value), a string as it is; the
     *   text is kept, since a JavaScript number loses the digits of an id
     *   past 2^53 (user_id 1526984087476772 fits, a 19-digit id does not)
     *   and JSON.stringify would re-write the escapes that were signed;
     * - C (topsdk.h): add_param(pTopRequest, const char *key, const char
     *   *value) takes text only. */
    [TOPC_EXPORT_PYTHON] = {.quote = quote_python,
			    .number_suffix = "",
			    .flat_param = "req.%n = %v",
			    .setattr = true,
			    .prologue = python_prologue,
			    .epilogue = python_epilogue},
    [TOPC_EXPORT_NODE] = {.quote = quote_js,
			  .flat_param = "\t%N: %v,",
			  .prologue = node_prologue,
			  .epilogue = node_epilogue},
    [TOPC_EXPORT_C] = {.quote = quote_c,
		       .flat_param = "    add_param(pRequest, %N, %v);",
		       .bytes = true,
		       .prologue = c_prologue,
		       .epilogue = c_epilogue},
};
