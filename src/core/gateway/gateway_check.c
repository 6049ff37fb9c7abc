/* The local gateway's router logic: configuration, checks and envelopes.
 * No HTTP here; gateway.c serves it. */
#include "gateway/gateway_check.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/utf8.h"
#include "top/codes.h"
#include "form/form_value.h"
#include "form/form_type.h"
#include "ext/json.h"
#include "top/response.h"
#include "profile/profile.h"
#include "top/secret.h"
#include "top/sign.h"
#include "form/form_wire.h"

void topc_gateway_config_init(struct topc_gateway_config *c)
{
	memset(c, 0, sizeof(*c));
	c->max_skew_s = 600;
}

/* An app's secret read from its profile on first use. */
struct topc_gateway_lazy {
	pthread_mutex_t lock;
	char *secret;
	int64_t failed_ms; /* when reading it last failed; 0: not failed */
	char why[sizeof(((struct topc_gateway_verdict *)0)->sub_msg)];
};

static void wipe_string(char *s)
{
	struct topc_buf wipe;

	if (!s)
		return;
	wipe = (struct topc_buf){.data = s, .len = strlen(s), .alloc = strlen(s) + 1};
	topc_buf_wipe(&wipe);
}

void topc_gateway_config_release(struct topc_gateway_config *c)
{
	for (size_t i = 0; i < c->napps; i++) {
		struct topc_gateway_lazy *l = c->apps[i].lazy;
		free(c->apps[i].app_key);
		free(c->apps[i].profile_path);
		wipe_string(c->apps[i].secret);
		if (l) {
			wipe_string(l->secret);
			pthread_mutex_destroy(&l->lock);
			free(l);
		}
	}
	for (size_t i = 0; i < c->nmethods; i++)
		free(c->methods[i]);
	free(c->apps);
	free(c->methods);
	free(c->host);
	free(c->inbox_path);
	topc_gateway_config_init(c);
}

static const struct topc_gateway_app *app_find(const struct topc_gateway_config *c,
					       const char *app_key)
{
	for (size_t i = 0; i < c->napps; i++)
		if (strcmp(c->apps[i].app_key, app_key) == 0)
			return &c->apps[i];
	return NULL;
}

static bool add_app(struct topc_gateway_config *c, const char *app_key, const char *secret,
		    const char *profile_path)
{
	struct topc_gateway_app *apps, *a;

	if (app_find(c, app_key))
		return false;
	apps = realloc(c->apps, (c->napps + 1) * sizeof(*apps));
	if (!apps)
		return false;
	c->apps = apps;
	a = &apps[c->napps];
	memset(a, 0, sizeof(*a));
	a->app_key = strdup(app_key);
	if (secret)
		a->secret = strdup(secret);
	else if ((a->profile_path = strdup(profile_path)) &&
		 (a->lazy = calloc(1, sizeof(*a->lazy))))
		pthread_mutex_init(&a->lazy->lock, NULL);
	if (!a->app_key || (secret ? !a->secret : !a->lazy)) {
		free(a->app_key);
		wipe_string(a->secret);
		free(a->profile_path);
		free(a->lazy);
		return false;
	}
	c->napps++;
	return true;
}

bool topc_gateway_config_add_app(struct topc_gateway_config *c, const char *app_key,
				 const char *secret)
{
	return add_app(c, app_key, secret, NULL);
}

bool topc_gateway_config_add_profile_app(struct topc_gateway_config *c, const char *app_key,
					 const char *profile_path)
{
	return add_app(c, app_key, NULL, profile_path);
}

/* The app's secret, read from its profile the first time; NULL with why set
 * when it cannot be read.  Valid until the config is released. */
static const char *app_secret(const struct topc_gateway_app *a, int64_t now_s, char *why,
			      size_t size)
{
	struct topc_gateway_lazy *l = a->lazy;
	const char *secret;

	if (a->secret)
		return a->secret;
	pthread_mutex_lock(&l->lock);
	if (!l->secret && (!l->failed_ms || now_s * 1000 - l->failed_ms >= 10000)) {
		struct topc_profile p;
		struct topc_buf b;
		struct topc_error err = {0};
		topc_profile_init(&p);
		topc_buf_init(&b, 0);
		if (topc_profile_load_file(a->profile_path, &p, &err) == TOPC_OK &&
		    topc_profile_secret(&p, "secret", &b, &err) == TOPC_OK) {
			l->secret = topc_buf_detach(&b, NULL);
			l->failed_ms = 0;
		}
		if (!l->secret) {
			l->failed_ms = now_s * 1000;
			snprintf(l->why, sizeof(l->why), "%s",
				 err.english[0] ? err.english : "out of memory reading the secret");
		}
		topc_buf_wipe(&b);
		topc_profile_release(&p);
	}
	secret = l->secret;
	if (!secret)
		snprintf(why, size, "%s", l->why);
	pthread_mutex_unlock(&l->lock);
	return secret;
}

enum topc_status topc_gateway_config_add_method(struct topc_gateway_config *c, const char *method)
{
	char **m = realloc(c->methods, (c->nmethods + 1) * sizeof(*m));

	if (!m)
		return TOPC_ERR_NOMEM;
	c->methods = m;
	m[c->nmethods] = strdup(method);
	if (!m[c->nmethods])
		return TOPC_ERR_NOMEM;
	c->nmethods++;
	return TOPC_OK;
}

static bool method_known(const struct topc_gateway_config *c, const char *m)
{
	if (!c->methods) {
		/* and its answer's wrapper an XML name: taobao.320 would answer
		 * <320_response>, which no XML reader takes (found by fuzz_gateway) */
		char *wrapper = topc_method_name_ok(m) ? topc_response_wrapper_name(m) : NULL;
		bool ok = wrapper && isalpha((unsigned char)wrapper[0]);
		free(wrapper);
		return ok;
	}
	for (size_t i = 0; i < c->nmethods; i++)
		if (strcmp(c->methods[i], m) == 0)
			return true;
	return false;
}

static void reject(struct topc_gateway_verdict *v, int code, const char *sub_code, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));

static void reject(struct topc_gateway_verdict *v, int code, const char *sub_code, const char *fmt,
		   ...)
{
	va_list ap;

	v->code = code;
	snprintf(v->sub_code, sizeof(v->sub_code), "%s", sub_code);
	va_start(ap, fmt);
	vsnprintf(v->sub_msg, sizeof(v->sub_msg), fmt, ap);
	va_end(ap);
	/* "%.40s" and the buffer's size cut bytes, not characters */
	topc_utf8_clip(v->sub_msg);
}

static const char *param(const struct topc_params *p, const char *name)
{
	const char *v = topc_params_get(p, name);
	return v && *v ? v : NULL;
}

static bool check_timestamp(const struct topc_gateway_config *c, const char *ts, int64_t now_s,
			    struct topc_gateway_verdict *v)
{
	int64_t t;
	char now_text[TOPC_TIMESTAMP_LEN];

	if (!topc_timestamp_parse(ts, &t)) {
		reject(v, 31, "isv.invalid-timestamp",
		       "timestamp \"%.40s\" is not yyyy-MM-dd HH:mm:ss (GMT+8)", ts);
		return false;
	}
	if (t - now_s > c->max_skew_s || now_s - t > c->max_skew_s) {
		topc_timestamp_format(now_s, now_text);
		reject(v, 31, "isv.invalid-timestamp",
		       "timestamp %s is %lld s from the gateway's time %s (GMT+8); at most %lld s "
		       "allowed",
		       ts, (long long)(t - now_s), now_text, (long long)c->max_skew_s);
		return false;
	}
	return true;
}

static bool check_signature(const struct topc_params *p, const char *secret,
			    struct topc_gateway_verdict *v)
{
	const char *sm = param(p, "sign_method"), *sign = param(p, "sign");
	enum topc_sign_method m = TOPC_SIGN_MD5;
	char expect[TOPC_SIGN_HEX_MAX];

	if (sm && !topc_sign_method_parse(sm, &m)) {
		reject(v, 25, "isv.invalid-sign-method",
		       "sign_method \"%.40s\" is not md5, hmac or hmac-sha256", sm);
		return false;
	}
	if (!sign) {
		reject(v, 24, "isv.missing-signature", "the sign parameter is missing");
		return false;
	}
	if (topc_sign_compute(m, secret, p, expect, NULL) != TOPC_OK || strcmp(expect, sign) != 0) {
		reject(v, 25, "isv.invalid-signature",
		       "the %s signature does not match the parameters received",
		       topc_sign_method_name(m));
		return false;
	}
	return true;
}

/* The business checks of an API with a form: TOP answers 40 for a missing
 * required parameter and 41 for an invalid one, naming it in sub_code. */
static void check_form(const struct topc_form *form, const struct topc_params *p, bool strict,
		       struct topc_gateway_verdict *v)
{
	struct topc_params values;
	struct topc_form_problems problems;
	const struct topc_form_problem *first = NULL;

	topc_params_init(&values);
	topc_form_problems_init(&problems);
	/* A parameter that cannot be read is reported as itself, not as the
	 * missing fields it would have held. */
	if (topc_form_from_params(form, p, &values, &problems) == TOPC_OK && problems.count == 0)
		topc_form_validate(form, &values, NULL, &problems);
	if (strict)
		topc_form_problems_strict(&problems);
	for (size_t i = 0; i < problems.count && !first; i++)
		if (problems.items[i].missing && problems.items[i].severity == TOPC_SEVERITY_ERROR)
			first = &problems.items[i];
	for (size_t i = 0; i < problems.count && !first; i++)
		if (problems.items[i].severity == TOPC_SEVERITY_ERROR)
			first = &problems.items[i];
	if (first)
		reject(v, first->missing ? 40 : 41,
		       first->missing ? "isv.missing-parameter:" : "isv.invalid-parameter:", "%s",
		       first->english);
	if (first) {
		size_t len = strlen(v->sub_code);
		snprintf(v->sub_code + len, sizeof(v->sub_code) - len, "%s", first->path);
		topc_utf8_clip(v->sub_code);
	}
	topc_form_problems_release(&problems);
	topc_params_release(&values);
}

void topc_gateway_check(const struct topc_gateway_config *c, const struct topc_params *p,
			int64_t now_s, struct topc_gateway_verdict *v)
{
	const char *method = param(p, "method"), *format = param(p, "format");
	const char *app_key = param(p, "app_key"), *ts = param(p, "timestamp");
	const char *ver = param(p, "v"), *secret;
	const struct topc_gateway_app *app;

	memset(v, 0, sizeof(*v));
	v->format = format && strcmp(format, "json") == 0 ? TOPC_FORMAT_JSON : TOPC_FORMAT_XML;
	v->simplify = v->format == TOPC_FORMAT_JSON && param(p, "simplify") &&
		      strcmp(param(p, "simplify"), "true") == 0;
	if (!method) {
		reject(v, 21, "isv.missing-method", "http传入的参数加入method字段");
		return;
	}
	v->form = c->forms ? topc_form_store_get(c->forms, method) : NULL;
	if (!v->form && !method_known(c, method)) {
		reject(v, 22, "isv.invalid-method", "method \"%.80s\" is not known here", method);
		return;
	}
	if (format && strcmp(format, "json") != 0 && strcmp(format, "xml") != 0) {
		reject(v, 23, "isv.invalid-format", "format \"%.40s\" is not json or xml", format);
		return;
	}
	if (!app_key) {
		reject(v, 28, "isv.missing-app-key", "the app_key parameter is missing");
		return;
	}
	app = app_find(c, app_key);
	if (!app) {
		reject(v, 29, "isv.appkey-not-exists", "app_key %.40s is not known here", app_key);
		return;
	}
	if (!ts) {
		reject(v, 30, "isv.missing-timestamp", "the timestamp parameter is missing");
		return;
	}
	if (!check_timestamp(c, ts, now_s, v))
		return;
	if (!ver) {
		reject(v, 32, "isv.missing-version", "the v parameter is missing");
		return;
	}
	if (strcmp(ver, "2.0") != 0) {
		reject(v, 33, "isv.invalid-version", "v \"%.20s\" is not 2.0", ver);
		return;
	}
	secret = app_secret(app, now_s, v->sub_msg, sizeof(v->sub_msg));
	if (!secret) {
		char why[sizeof(v->sub_msg)];
		snprintf(why, sizeof(why), "%s", v->sub_msg);
		reject(v, 15, "isp.secret-unavailable", "%s", why);
		return;
	}
	if (!check_signature(p, secret, v) || !v->form)
		return;
	if (v->form->session && !param(p, "session"))
		reject(v, 26, "",
		       "%.80s needs a session: the user's authorization, sent as the session "
		       "parameter",
		       method);
	else
		check_form(v->form, p, c->strict, v);
}

static enum topc_status render_json_error(const struct topc_gateway_verdict *v,
					  const char *request_id, struct topc_buf *out)
{
	const char *msg = topc_code_message(v->code);

	if (topc_buf_addf(out, "{\"error_response\":{\"code\":%d,\"msg\":", v->code) ||
	    topc_json_quote(out, msg ? msg : "Remote service error"))
		return TOPC_ERR_NOMEM;
	if (v->sub_code[0] &&
	    (topc_buf_adds(out, ",\"sub_code\":") || topc_json_quote(out, v->sub_code)))
		return TOPC_ERR_NOMEM;
	if (v->sub_msg[0] &&
	    (topc_buf_adds(out, ",\"sub_msg\":") || topc_json_quote(out, v->sub_msg)))
		return TOPC_ERR_NOMEM;
	if (topc_buf_adds(out, ",\"request_id\":") || topc_json_quote(out, request_id))
		return TOPC_ERR_NOMEM;
	return topc_buf_adds(out, "}}");
}

static enum topc_status xml_text(struct topc_buf *out, const char *s)
{
	enum topc_status st = TOPC_OK;

	for (; *s && st == TOPC_OK; s++) {
		switch (*s) {
		case '<':
			st = topc_buf_adds(out, "&lt;");
			break;
		case '>':
			st = topc_buf_adds(out, "&gt;");
			break;
		case '&':
			st = topc_buf_adds(out, "&amp;");
			break;
		case '"':
			st = topc_buf_adds(out, "&quot;");
			break;
		case '\xef':
			/* U+FFFE and U+FFFF are no XML characters either */
			if (s[1] == '\xbf' && (s[2] == '\xbe' || s[2] == '\xbf')) {
				st = topc_buf_addc(out, '?');
				s += 2;
				break;
			}
			st = topc_buf_addc(out, *s);
			break;
		default:
			/* XML 1.0 has no way to carry C0 controls but tab, newline
			 * and return, even as references: a '?' keeps it well-formed */
			st = topc_buf_addc(
			    out, (unsigned char)*s < 0x20 && !strchr("\t\n\r", *s) ? '?' : *s);
		}
	}
	return st;
}

/* <tag>text</tag>, the text escaped. */
static enum topc_status xml_element(struct topc_buf *out, const char *tag, const char *text)
{
	if (topc_buf_addf(out, "<%s>", tag) || xml_text(out, text))
		return TOPC_ERR_NOMEM;
	return topc_buf_addf(out, "</%s>", tag);
}

static enum topc_status render_xml_error(const struct topc_gateway_verdict *v,
					 const char *request_id, struct topc_buf *out)
{
	const char *msg = topc_code_message(v->code);

	if (topc_buf_addf(
		out, "<?xml version=\"1.0\" encoding=\"utf-8\" ?><error_response><code>%d</code>",
		v->code) ||
	    xml_element(out, "msg", msg ? msg : "Remote service error"))
		return TOPC_ERR_NOMEM;
	if (v->sub_code[0] && xml_element(out, "sub_code", v->sub_code))
		return TOPC_ERR_NOMEM;
	if (v->sub_msg[0] && xml_element(out, "sub_msg", v->sub_msg))
		return TOPC_ERR_NOMEM;
	if (xml_element(out, "request_id", request_id))
		return TOPC_ERR_NOMEM;
	return topc_buf_adds(out, "</error_response><!--topc-local-gateway-->");
}

static enum topc_status example_json(const struct topc_field *parent, bool simplify,
				     struct topc_buf *out);

/* The item name of a list of structures, as TOP nests it
 * ({"results":{"result_dto":[...]}}, <results><result_dto>...): the type
 * "ResultDto []" in snake case. */
static void list_item_name(const struct topc_field *f, char *out, size_t size)
{
	size_t n = 0;

	for (const char *t = f->type ? f->type : "item"; *t && *t != ' ' && n + 2 < size; t++) {
		if (isupper((unsigned char)*t)) {
			if (n)
				out[n++] = '_';
			out[n++] = (char)tolower((unsigned char)*t);
		} else if (isalnum((unsigned char)*t) || *t == '_') {
			out[n++] = *t;
		}
	}
	if (!n)
		out[n++] = 'x';
	out[n] = '\0';
}

static enum topc_status object_json(const struct topc_field *f, bool simplify, struct topc_buf *out)
{
	if (topc_buf_addc(out, '{') || example_json(f, simplify, out))
		return TOPC_ERR_NOMEM;
	if (out->len && out->data[out->len - 1] == ',')
		out->len--;
	return topc_buf_addc(out, '}');
}

/* A Number, Boolean or Date whose example is empty has no value to answer:
 * "" is no Long to the SDK (Converters: StringUtils.isNumeric("") is false,
 * and with its JSON type check on, "is not a Number(Long)" fails the whole
 * answer).  TOP leaves a field without a value out, as it leaves out
 * sub_code; so does the local gateway. */
static bool untyped_empty(const struct topc_field *f)
{
	return f->example && !*f->example && !f->array &&
	       (f->kind == TOPC_FIELD_NUMBER || f->kind == TOPC_FIELD_BOOLEAN ||
		f->kind == TOPC_FIELD_DATE);
}

/* A response field's example as JSON: numbers and booleans bare when the
 * example is one, objects from their fields, a list of structures without
 * an example as one element built from its fields. */
static enum topc_status example_value_json(const struct topc_field *f, bool simplify,
					   struct topc_buf *out)
{
	const char *e = f->example;
	char item[64];

	if (f->kind == TOPC_FIELD_OBJECT && (!f->array || !e)) {
		if (!f->array)
			return object_json(f, simplify, out);
		if (simplify) /* TOP_PROTOCOL.md 4.4: lists are plain arrays */
			return topc_buf_addc(out, '[') || object_json(f, simplify, out) ||
				       topc_buf_addc(out, ']')
				   ? TOPC_ERR_NOMEM
				   : TOPC_OK;
		list_item_name(f, item, sizeof(item));
		if (topc_buf_addc(out, '{') || topc_json_quote(out, item) ||
		    topc_buf_adds(out, ":[") || object_json(f, simplify, out))
			return TOPC_ERR_NOMEM;
		return topc_buf_adds(out, "]}");
	}
	if (!e)
		return topc_buf_adds(out, "null");
	if (f->kind == TOPC_FIELD_NUMBER && topc_integer_text(e))
		return topc_buf_adds(out, e);
	if (f->kind == TOPC_FIELD_BOOLEAN && (!strcmp(e, "true") || !strcmp(e, "false")))
		return topc_buf_adds(out, e);
	/* A Json field is a String to the SDK (its response classes declare
	 * one, and the doc pages' XML examples hold its JSON as escaped text,
	 * <error_ext_info>{&quot;errormsg&quot;...): a JSON string, as TOP
	 * sends it, never the JSON spliced in raw. */
	if (f->array && f->kind != TOPC_FIELD_JSON && topc_json_valid(e, strlen(e), NULL))
		return topc_buf_adds(out, e);
	return topc_json_quote(out, e);
}

/* "name":value, for each field with an example (or fields), each followed
 * by a comma. */
static enum topc_status example_json(const struct topc_field *parent, bool simplify,
				     struct topc_buf *out)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *f = &parent->fields[i];
		if ((!f->example && !f->nfields) || untyped_empty(f))
			continue;
		if (topc_json_quote(out, f->name) || topc_buf_addc(out, ':') ||
		    example_value_json(f, simplify, out) || topc_buf_addc(out, ','))
			return TOPC_ERR_NOMEM;
	}
	return TOPC_OK;
}

static enum topc_status example_xml(const struct topc_field *parent, struct topc_buf *out)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *f = &parent->fields[i];
		enum topc_status st;
		if ((!f->example && !f->nfields) || untyped_empty(f))
			continue;
		if (f->kind == TOPC_FIELD_OBJECT && f->array && !f->example) {
			char item[64];
			list_item_name(f, item, sizeof(item));
			st = topc_buf_addf(out, "<%s list=\"true\"><%s>", f->name, item) ||
				     example_xml(f, out) ||
				     topc_buf_addf(out, "</%s></%s>", item, f->name)
				 ? TOPC_ERR_NOMEM
				 : TOPC_OK;
		} else if (f->kind == TOPC_FIELD_OBJECT && !f->array) {
			st = topc_buf_addf(out, "<%s>", f->name) || example_xml(f, out) ||
				     topc_buf_addf(out, "</%s>", f->name)
				 ? TOPC_ERR_NOMEM
				 : TOPC_OK;
		} else {
			st = xml_element(out, f->name, f->example ? f->example : "");
		}
		if (st != TOPC_OK)
			return st;
	}
	return TOPC_OK;
}

enum topc_status topc_gateway_render(const struct topc_gateway_verdict *v, const char *method,
				     const char *request_id, struct topc_buf *out)
{
	char *wrapper;
	enum topc_status st;

	if (v->code)
		return v->format == TOPC_FORMAT_JSON ? render_json_error(v, request_id, out)
						     : render_xml_error(v, request_id, out);
	wrapper = topc_response_wrapper_name(method);
	if (!wrapper)
		return TOPC_ERR_NOMEM;
	if (v->format == TOPC_FORMAT_JSON && v->simplify)
		/* TOP_PROTOCOL.md 4.4: the root is the result (errors stay wrapped) */
		st = topc_buf_adds(out, "{") ||
			     (v->form && example_json(&v->form->response, true, out)) ||
			     topc_buf_adds(out, "\"request_id\":") ||
			     topc_json_quote(out, request_id) || topc_buf_adds(out, "}")
			 ? TOPC_ERR_NOMEM
			 : TOPC_OK;
	else if (v->format == TOPC_FORMAT_JSON)
		st = topc_buf_adds(out, "{") || topc_json_quote(out, wrapper) ||
			     topc_buf_adds(out, ":{") ||
			     (v->form && example_json(&v->form->response, false, out)) ||
			     topc_buf_adds(out, "\"request_id\":") ||
			     topc_json_quote(out, request_id) || topc_buf_adds(out, "}}")
			 ? TOPC_ERR_NOMEM
			 : TOPC_OK;
	else
		st = topc_buf_addf(out, "<?xml version=\"1.0\" encoding=\"utf-8\" ?><%s>",
				   wrapper) ||
			     (v->form && example_xml(&v->form->response, out)) ||
			     xml_element(out, "request_id", request_id) ||
			     topc_buf_addf(out, "</%s><!--topc-local-gateway-->", wrapper)
			 ? TOPC_ERR_NOMEM
			 : TOPC_OK;
	free(wrapper);
	return st;
}
