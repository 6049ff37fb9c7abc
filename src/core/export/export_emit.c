/* export_emit.c - what every language's writer shares: names, comments,
 * and putting text and line templates out (export_internal.h). */
#include "export/export_internal.h"

#include <stdarg.h>
#include <string.h>

/* Text for a comment: printable ASCII only, and no backslash (Java reads
 * \u000a as a line end even inside a comment). */
enum topc_status export_comment_text(struct topc_buf *out, const char *s)
{
	enum topc_status st = TOPC_OK;

	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && st == TOPC_OK; p++)
		st = topc_buf_addc(out, (*p < 0x20 || *p >= 0x7f || *p == '\\') ? '?' : (char)*p);
	return st;
}

/* ------------------------------------------------------------------ */
/* names */

bool export_is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* user_id -> UserId; only letters and digits survive */
enum topc_status export_pascal(struct topc_buf *out, const char *name)
{
	bool up = true;
	enum topc_status st = TOPC_OK;

	for (const char *p = name; *p && st == TOPC_OK; p++) {
		if (!export_is_alnum(*p)) {
			up = true;
			continue;
		}
		char c = *p;
		if (up && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		up = false;
		st = topc_buf_addc(out, c);
	}
	return st;
}

/* An identifier as it is: letters, digits and '_' (PHP property names) */
enum topc_status export_ident(struct topc_buf *out, const char *name)
{
	enum topc_status st = TOPC_OK;

	if (!*name || (*name >= '0' && *name <= '9'))
		st = topc_buf_addc(out, '_');
	for (const char *p = name; *p && st == TOPC_OK; p++)
		st = topc_buf_addc(out, export_is_alnum(*p) || *p == '_' ? *p : '_');
	return st;
}

/* taobao.jym.message.apppush.send -> JymMessageApppushSend (the SDKs drop
 * "taobao." and keep every other prefix) */
enum topc_status export_class_base(struct topc_buf *out, const char *method)
{
	if (strncmp(method, "taobao.", 7) == 0)
		method += 7;
	return export_pascal(out, method);
}

bool export_python_ident(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!export_is_alnum(*s) && *s != '_')
			return false;
	return true;
}

/* Keeps the first failure: everything after it is skipped and reported */
void export_check(struct emit *e, enum topc_status st)
{
	if (e->st == TOPC_OK && st != TOPC_OK)
		e->st = st;
}

void export_put(struct emit *e, const char *s)
{
	if (e->st == TOPC_OK)
		e->st = topc_buf_adds(e->out, s);
}

void export_putf(struct emit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void export_putf(struct emit *e, const char *fmt, ...)
{
	va_list ap;

	if (e->st != TOPC_OK)
		return;
	va_start(ap, fmt);
	e->st = topc_buf_vaddf(e->out, fmt, ap);
	va_end(ap);
}

void export_put_quoted(struct emit *e, const char *s)
{
	if (e->st == TOPC_OK)
		e->st = e->lang->quote(e->out, s);
}

void export_put_comment(struct emit *e, const char *s)
{
	if (e->st == TOPC_OK)
		e->st = export_comment_text(e->out, s);
}

void export_put_line(struct emit *e, const char *tmpl, const struct line *l)
{
	for (const char *t = tmpl; *t && e->st == TOPC_OK; t++) {
		if (*t != '%' || !t[1]) {
			e->st = topc_buf_addc(e->out, *t);
			continue;
		}
		switch (*++t) {
		case 'o':
			export_put(e, l->owner);
			break;
		case 'c':
			export_put(e, l->child);
			break;
		case 'P':
			e->st = export_pascal(e->out, l->name);
			break;
		case 'n':
			e->st = export_ident(e->out, l->name);
			break;
		case 'N':
			export_put_quoted(e, l->name);
			break;
		case 'T':
			e->st = export_pascal(e->out, l->type);
			break;
		case 'R':
			export_put(e, e->request_class);
			break;
		case 'v':
			export_put(e, l->value);
			break;
		case 'i':
			export_put(e, e->lang->indent);
			break;
		default:
			e->st = topc_buf_addc(e->out, *t);
		}
	}
	if (e->st == TOPC_OK)
		e->st = topc_buf_addc(e->out, '\n');
}

/* ------------------------------------------------------------------ */
/* the languages' first and last lines */

const char *export_url_of(const struct topc_export_request *r)
{
	return r->gateway ? r->gateway : TOPC_EXPORT_LOCAL_URL;
}

const char *export_fmt_of(const struct topc_export_request *r)
{
	return r->format ? r->format : "json";
}

const char *export_sign_method(const struct topc_export_request *r)
{
	const char *sign = export_sign_of(r);

	return strcmp(sign, "md5") == 0	   ? "md5"
	       : strcmp(sign, "hmac") == 0 ? "hmac"
					   : "hmac-sha256";
}

const char *export_sign_of(const struct topc_export_request *r)
{
	return r->sign_method ? r->sign_method : "hmac-sha256";
}

bool export_simplify_of(const struct topc_export_request *r)
{
	const char *v = r->params ? topc_params_get(r->params, "simplify") : NULL;

	return v ? strcmp(v, "true") == 0 : r->simplify;
}

const char *export_target_of(const struct topc_export_request *r)
{
	const char *v = r->params ? topc_params_get(r->params, "target_app_key") : NULL;

	if (!v)
		v = r->target_app_key;
	return v && *v ? v : NULL;
}

/* // comment lines (prefix "// ", "# ") */
void export_header_comment(struct emit *e, const char *prefix, const char *sdk)
{
	const struct topc_export_request *r = e->r;

	export_putf(e, "%s", prefix);
	export_put_comment(e, r->method);
	export_put(e, ", exported by topc from profile ");
	export_put_comment(e, r->profile ? r->profile : "-");
	export_putf(e, ", for %s.\n%sThe app secret is read from the environment variable %s", sdk,
		    prefix, TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		export_putf(e, ", the session key from %s", TOPC_EXPORT_SESSION_ENV);
	export_put(e, r->session ? "; neither is written here.\n" : "; it is not written here.\n");
	if (!r->gateway)
		export_putf(e,
			    "%sThe profile sends to topc's builtin gateway: start one with\n"
			    "%s  topc gateway --listen 127.0.0.1:8080\n",
			    prefix, prefix);
	if (r->comment) {
		export_put(e, prefix);
		export_put_comment(e, r->comment);
		export_put(e, "\n");
	}
}

void export_sdk_signs_md5(struct emit *e, const char *prefix)
{
	if (strcmp(export_sign_of(e->r), "md5") != 0)
		export_putf(
		    e,
		    "%sThis SDK signs with md5 (the profile uses %s); the gateway accepts both.\n",
		    prefix, export_sign_of(e->r));
}
