/* form_json.c - JSON with exact numbers, written as the Java SDK writes it. */
#include "form/form_json.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/number.h"
#include "base/utf8.h"
#include "ext/json.h"
#include "ext/json_scan.h"

#define DEPTH_MAX 128

struct reader {
	const char *s;
	size_t len, at;
	struct topc_error *why;
	bool failed;
};

/* what: an N_() phrase, put in a whole sentence with the place */
static bool fail(struct reader *r, const char *what)
{
	struct topc_error phrase;

	if (r->failed)
		return false;
	r->failed = true;
	topc_error_text(&phrase, TOPC_ERR_INPUT, what);
	if (r->at >= r->len)
		topc_error_setp(r->why, TOPC_ERR_INPUT, &phrase,
				"ends early (truncated) after %zu of %zu bytes; %s", r->len, r->len,
				TOPC_PART);
	else
		topc_error_setp(r->why, TOPC_ERR_INPUT, &phrase, "%s at byte %zu of %zu", TOPC_PART,
				r->at, r->len);
	return false;
}

static void skip_space(struct reader *r)
{
	while (r->at < r->len && topc_json_space(r->s[r->at]))
		r->at++;
}

static int peek(const struct reader *r)
{
	return r->at < r->len ? (unsigned char)r->s[r->at] : -1;
}

static bool literal(struct reader *r, const char *word)
{
	size_t n = strlen(word);

	if (r->len - r->at < n || memcmp(r->s + r->at, word, n) != 0) {
		if (r->len - r->at < n && memcmp(r->s + r->at, word, r->len - r->at) == 0) {
			r->at = r->len;
			return fail(r, N_("a literal is cut short"));
		}
		return fail(r, N_("not a JSON value"));
	}
	r->at += n;
	return true;
}

static bool number(struct reader *r, struct topc_jnode *n)
{
	size_t from = r->at, len;
	bool ok = topc_number_json(r->s + from, r->len - from, &len);

	r->at += len;
	if (!ok)
		return fail(r, N_("a number needs digits"));
	n->kind = TOPC_J_NUMBER;
	n->text = strndup(r->s + from, len);
	return n->text || fail(r, N_("out of memory"));
}

/* One escape after the backslash at r->at - 1. */
static bool escape(struct reader *r, struct topc_buf *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *k;
	size_t used;
	long cp;

	if (r->at >= r->len)
		return fail(r, N_("an escape is cut short"));
	if ((k = strchr(from, r->s[r->at])) && r->s[r->at]) {
		r->at++;
		return topc_buf_addc(b, to[k - from]) == TOPC_OK || fail(r, N_("out of memory"));
	}
	cp = topc_utf8_json_escape(r->s + r->at - 1, r->len - r->at + 1, &used);
	if (cp < 0)
		return fail(r, N_("not a JSON escape"));
	r->at += used - 1;
	if (cp == 0)
		return fail(r, N_("a NUL character (U+0000) cannot be held in a value"));
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return fail(r, N_("a lone UTF-16 surrogate"));
	return topc_json_scan_add_utf8(b, (unsigned long)cp) == TOPC_OK ||
	       fail(r, N_("out of memory"));
}

static bool string(struct reader *r, char **out)
{
	struct topc_buf b;

	r->at++; /* the opening quote */
	topc_buf_init(&b, 0);
	while (r->at < r->len) {
		unsigned char c = (unsigned char)r->s[r->at];
		if (c == '"') {
			r->at++;
			if (topc_buf_addc(&b, '\0') != TOPC_OK)
				break;
			b.len--;
			*out = topc_buf_detach(&b, NULL);
			return *out || fail(r, N_("out of memory"));
		}
		if (c < 0x20) {
			topc_buf_release(&b);
			return fail(r, N_("a raw control character in a string"));
		}
		r->at++;
		if (c == '\\' ? !escape(r, &b) : topc_buf_addc(&b, (char)c) != TOPC_OK) {
			topc_buf_release(&b);
			return fail(r, N_("out of memory"));
		}
	}
	topc_buf_release(&b);
	return fail(r, N_("a string is not closed"));
}

static bool value(struct reader *r, struct topc_jnode *n, int depth);

static struct topc_jnode *add_kid(struct topc_jnode *n)
{
	struct topc_jnode *more = realloc(n->kids, (n->nkids + 1) * sizeof(*more));

	if (!more)
		return NULL;
	n->kids = more;
	memset(&more[n->nkids], 0, sizeof(*more));
	return &more[n->nkids++];
}

static bool container(struct reader *r, struct topc_jnode *n, int depth)
{
	bool object = peek(r) == '{';
	char close = object ? '}' : ']';

	n->kind = object ? TOPC_J_OBJECT : TOPC_J_ARRAY;
	if (depth >= DEPTH_MAX)
		return fail(r, N_("nested too deep"));
	r->at++;
	skip_space(r);
	if (peek(r) == close) {
		r->at++;
		return true;
	}
	for (;;) {
		struct topc_jnode *kid = add_kid(n);
		char *key = NULL;
		if (!kid)
			return fail(r, N_("out of memory"));
		skip_space(r);
		if (object) {
			if (peek(r) != '"')
				return fail(r, N_("expected a member name in double quotes"));
			if (!string(r, &key))
				return false;
			kid->key = key;
			skip_space(r);
			if (peek(r) != ':')
				return fail(r, N_("expected : after a member name"));
			r->at++;
		}
		if (!value(r, kid, depth + 1))
			return false;
		skip_space(r);
		if (peek(r) == close) {
			r->at++;
			return true;
		}
		if (peek(r) != ',')
			return fail(r, object ? N_("expected , or }") : N_("expected , or ]"));
		r->at++;
	}
}

static bool value(struct reader *r, struct topc_jnode *n, int depth)
{
	skip_space(r);
	switch (peek(r)) {
	case '{':
	case '[':
		return container(r, n, depth);
	case '"':
		n->kind = TOPC_J_STRING;
		return string(r, &n->text);
	case 't':
		n->kind = TOPC_J_TRUE;
		return literal(r, "true");
	case 'f':
		n->kind = TOPC_J_FALSE;
		return literal(r, "false");
	case 'n':
		n->kind = TOPC_J_NULL;
		return literal(r, "null");
	case -1:
		return fail(r, N_("no value"));
	default:
		if (peek(r) == '-' || (peek(r) >= '0' && peek(r) <= '9'))
			return number(r, n);
		return fail(r, N_("not a JSON value"));
	}
}

bool topc_jnode_read(const char *text, size_t len, struct topc_jnode *out, struct topc_error *why)
{
	struct topc_error none;
	struct reader r = {text, len, 0, why ? why : &none, false};

	memset(out, 0, sizeof(*out));
	topc_error_clear(r.why);
	if (value(&r, out, 0)) {
		skip_space(&r);
		if (r.at == len)
			return true;
		fail(&r, N_("something follows the JSON value"));
	}
	topc_jnode_release(out);
	return false;
}

bool topc_jnode_parse(const char *text, size_t len, struct topc_jnode *out, char *why,
		      size_t why_size)
{
	struct topc_error e;
	bool ok = topc_jnode_read(text, len, out, &e);

	if (why_size)
		snprintf(why, why_size, "%s", e.english);
	return ok;
}

void topc_jnode_release(struct topc_jnode *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		topc_jnode_release(&n->kids[i]);
	free(n->kids);
	free(n->key);
	free(n->text);
	memset(n, 0, sizeof(*n));
}

const struct topc_jnode *topc_jnode_member(const struct topc_jnode *obj, const char *key)
{
	if (obj->kind != TOPC_J_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->nkids; i++)
		if (strcmp(obj->kids[i].key, key) == 0)
			return &obj->kids[i];
	return NULL;
}

enum topc_status topc_java_string(struct topc_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF", plain[] = "\"\\/\b\f\n\r\t",
			  named[] = "\"\\/bfnrt";
	enum topc_status st = topc_buf_addc(out, '"');

	for (const unsigned char *p = (const unsigned char *)s; *p && st == TOPC_OK; p++) {
		unsigned cp = *p;
		const char *k = cp < 0x80 ? strchr(plain, (int)cp) : NULL;
		bool control = cp < 0x20 || cp == 0x7F;
		if (cp == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			cp = *++p; /* U+0080-U+009F, the C1 controls */
			control = true;
		}
		if (k) {
			char esc[3] = {'\\', named[k - plain], '\0'};
			st = topc_buf_adds(out, esc);
		} else if (control) {
			char esc[7] = {'\\', 'u', '0', '0', hex[cp >> 4], hex[cp & 0xF], '\0'};
			st = topc_buf_adds(out, esc);
		} else {
			st = topc_buf_addc(out, (char)cp);
		}
	}
	return st == TOPC_OK ? topc_buf_addc(out, '"') : st;
}

enum topc_status topc_jnode_write(const struct topc_jnode *n, struct topc_buf *out)
{
	enum topc_status st = TOPC_OK;

	switch (n->kind) {
	case TOPC_J_NULL:
		return topc_buf_adds(out, "null");
	case TOPC_J_FALSE:
		return topc_buf_adds(out, "false");
	case TOPC_J_TRUE:
		return topc_buf_adds(out, "true");
	case TOPC_J_NUMBER:
		return topc_buf_adds(out, n->text);
	case TOPC_J_STRING:
		return topc_java_string(out, n->text);
	case TOPC_J_ARRAY:
	case TOPC_J_OBJECT:
		break;
	}
	st = topc_buf_addc(out, n->kind == TOPC_J_OBJECT ? '{' : '[');
	for (size_t i = 0; i < n->nkids && st == TOPC_OK; i++) {
		if (i)
			st = topc_buf_addc(out, ',');
		if (st == TOPC_OK && n->kind == TOPC_J_OBJECT &&
		    (st = topc_java_string(out, n->kids[i].key)) == TOPC_OK)
			st = topc_buf_addc(out, ':');
		if (st == TOPC_OK)
			st = topc_jnode_write(&n->kids[i], out);
	}
	return st == TOPC_OK ? topc_buf_addc(out, n->kind == TOPC_J_OBJECT ? '}' : ']') : st;
}

bool topc_integer_canonical(const char *text, char *out, size_t size)
{
	long long v;

	return topc_number_parse(text, LLONG_MIN, LLONG_MAX, &v) &&
	       snprintf(out, size, "%lld", v) < (int)size;
}

bool topc_jnode_read_kind(const char *value, enum topc_jkind kind, struct topc_jnode *out,
			  struct topc_error *why)
{
	if (!topc_jnode_read(value, strlen(value), out, why)) {
		topc_error_setp(why, TOPC_ERR_INPUT, why, "is not valid JSON: %s", TOPC_PART);
		return false;
	}
	if (out->kind == kind)
		return true;
	topc_jnode_release(out);
	if (kind == TOPC_J_ARRAY)
		topc_error_set(why, TOPC_ERR_INPUT, "is not a JSON array");
	else
		topc_error_set(why, TOPC_ERR_INPUT, "is not a JSON object");
	return false;
}

bool topc_jnode_parse_kind(const char *value, enum topc_jkind kind, struct topc_jnode *out,
			   char *why, size_t n)
{
	struct topc_error e;
	bool ok = topc_jnode_read_kind(value, kind, out, &e);

	if (!ok)
		snprintf(why, n, "%s", e.english);
	return ok;
}
