#include "ext/json.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "ext/json_scan.h"

/* One pass over the text: is it one JSON value with balanced brackets and
 * closed strings?  (Not a full validation: numbers and literals are taken as
 * they are.)  Cheap enough for a 40 MB answer, and it builds nothing. */
static bool json_shape_ok(const char *s, size_t len)
{
	size_t depth = 0, i = 0;
	bool in_string = false, seen = false;
	char stack[256];

	while (i < len && topc_json_space(s[i]))
		i++;
	if (i == len || (s[i] != '{' && s[i] != '['))
		return false;
	for (; i < len; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
			else if ((unsigned char)c < 0x20)
				return false;
			continue;
		}
		if (seen && !topc_json_space(c))
			return false; /* something after the root value */
		if (c == '"')
			in_string = true;
		else if (c == '{' || c == '[') {
			if (depth == sizeof(stack))
				return false;
			stack[depth++] = c == '{' ? '}' : ']';
		} else if (c == '}' || c == ']') {
			if (!depth || stack[--depth] != c)
				return false;
			seen = depth == 0;
		}
	}
	return !in_string && depth == 0 && seen;
}

static enum topc_status indent(struct topc_buf *out, size_t depth)
{
	enum topc_status st = topc_buf_addc(out, '\n');

	for (size_t i = 0; i < depth && st == TOPC_OK; i++)
		st = topc_buf_adds(out, "  ");
	return st;
}

/* The string literal opening at *i copied as it is, *i left on its closing
 * quote; false when it has a control character or no end (json_shape_ok's
 * rules: an escape's second byte is taken whatever it is). */
static bool pretty_string(const char *text, size_t len, size_t *i, struct topc_buf *out,
			  enum topc_status *st)
{
	size_t j = *i + 1;

	for (;;) {
		j = topc_json_scan_run(text, j, len, true);
		if (j >= len || text[j] != '\\')
			break;
		j += 2; /* an escape: the byte after the backslash is taken */
	}
	if (j >= len || text[j] != '"')
		return false;
	*st = topc_buf_add(out, text + *i, j + 1 - *i);
	*i = j;
	return true;
}

/* A bracket at text[i] (an opening one, or a closing one that must match
 * the innermost open): the shape's stack and the output's indentation. */
static bool pretty_bracket(const char *text, size_t len, size_t *i, char *stack, size_t *depth,
			   struct topc_buf *out, enum topc_status *st)
{
	char c = text[*i];
	size_t j;

	if (c == '}' || c == ']') {
		if (!*depth || stack[*depth - 1] != c)
			return false;
		*st = indent(out, --*depth);
		if (*st == TOPC_OK)
			*st = topc_buf_addc(out, c);
		return true;
	}
	if (*depth == 256)
		return false;
	stack[(*depth)++] = c == '{' ? '}' : ']';
	*st = topc_buf_addc(out, c);
	/* an empty one stays on its line */
	for (j = *i + 1; j < len && topc_json_space(text[j]);)
		j++;
	if (*st == TOPC_OK && j < len && text[j] == stack[*depth - 1]) {
		--*depth;
		*st = topc_buf_addc(out, text[j]);
		*i = j;
	} else if (*st == TOPC_OK) {
		*st = indent(out, *depth);
	}
	return true;
}

/* The re-indenting pass, checking json_shape_ok's rules as it goes: false as
 * soon as the text is not of that shape (out then holds part of it).  *st
 * is the output's status. */
static bool pretty_pass(const char *text, size_t len, struct topc_buf *out, enum topc_status *st)
{
	size_t depth = 0, i = 0;
	bool seen = false;
	char stack[256];

	while (i < len && topc_json_space(text[i]))
		i++;
	if (i == len || (text[i] != '{' && text[i] != '['))
		return false;
	for (; i < len && *st == TOPC_OK; i++) {
		char c = text[i];
		if (topc_json_space(c))
			continue;
		if (seen)
			return false; /* something after the root value */
		switch (c) {
		case '"':
			if (!pretty_string(text, len, &i, out, st))
				return false;
			break;
		case '{':
		case '[':
		case '}':
		case ']':
			if (!pretty_bracket(text, len, &i, stack, &depth, out, st))
				return false;
			seen = depth == 0;
			break;
		case ',':
			*st = topc_buf_addc(out, c);
			if (*st == TOPC_OK)
				*st = indent(out, depth);
			break;
		case ':':
			*st = topc_buf_adds(out, ": ");
			break;
		default:
			*st = topc_buf_addc(out, c);
		}
	}
	return *st != TOPC_OK || seen;
}

enum topc_status topc_json_pretty(const char *text, size_t len, struct topc_buf *out)
{
	size_t mark = out->len;
	enum topc_status st = TOPC_OK;

	/* Re-indents the text as it is, one pass, no tree: numbers keep their
	 * digits, strings their escapes, and a 40 MB answer costs about its own
	 * size again.  The shape is checked in the same pass (it was a pass of
	 * its own); a text that fails it was rare enough to be copied again.
	 * Into a buffer that holds something already, the check comes first:
	 * a re-indented text past the cap fails the buffer, and what it held
	 * must stay beside the text as received. */
	if (mark && !json_shape_ok(text, len)) {
		st = topc_buf_add(out, text, len);
		return st == TOPC_OK ? TOPC_ERR_PARSE : st;
	}
	if (pretty_pass(text, len, out, &st) && (st == TOPC_OK || mark || json_shape_ok(text, len)))
		return st;
	/* not of the shape: as received (out was empty when it failed) */
	if (st == TOPC_OK) {
		out->len = mark;
		if (out->data)
			out->data[mark] = '\0';
	} else {
		topc_buf_reset(out);
	}
	st = topc_buf_add(out, text, len);
	return st == TOPC_OK ? TOPC_ERR_PARSE : st;
}

enum topc_status topc_json_quote(struct topc_buf *out, const char *s)
{
	return topc_json_scan_quote(out, s, strlen(s));
}

enum topc_status topc_json_compact(const char *text, size_t len, struct topc_buf *out)
{
	size_t from = 0;
	bool in_string = false;
	enum topc_status st = TOPC_OK;

	if (!json_shape_ok(text, len))
		return TOPC_ERR_PARSE;
	/* copies each run between white space outside strings at once */
	for (size_t i = 0; i <= len && st == TOPC_OK; i++) {
		char c = i < len ? text[i] : ' ';
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (topc_json_space(c)) {
			st = topc_buf_add(out, text + from, i - from);
			from = i + 1;
		}
	}
	return st;
}

/* ------------------------------------------------------------------ */
/* Trees: a node is a cJSON item, the pointer cast, never copied */

#define ITEM(j) ((cJSON *)(j))
#define NODE(c) ((struct topc_json *)(c))

/* The text as cJSON can take it, or NULL when it can as it is: a \u0000
 * escape written as \\u0000 (a C string cannot hold a NUL, and cJSON would
 * cut the string there, hiding the rest of an error message), and a lone
 * surrogate escape (\udddd, which Java keeps in a String and cJSON refuses)
 * as \ufffd.  The scanner has taken the text: escapes are well formed. */
static char *for_cjson(const char *text, size_t len, size_t *out_len, bool *failed)
{
	struct topc_buf b;
	bool in_string = false, copying = false;
	size_t from = 0;

	*failed = false;
	topc_buf_init(&b, 0);
	for (size_t i = 0; i < len; i++) {
		if (!in_string) {
			in_string = text[i] == '"';
			continue;
		}
		if (text[i] == '"') {
			in_string = false;
			continue;
		}
		if (text[i] != '\\')
			continue;
		size_t used;
		long cp = topc_utf8_json_escape(text + i, len - i, &used);
		const char *with = NULL;
		if (cp < 0) {
			i++; /* the escaped character */
			continue;
		}
		if (used == 12) {
			i += 11; /* a pair: as it is */
			continue;
		}
		if (cp == 0)
			with = "\\\\u0000";
		else if (cp >= 0xD800 && cp < 0xE000)
			with = "\\ufffd";
		if (!with) {
			i += 5;
			continue;
		}
		copying = true;
		if (topc_buf_add(&b, text + from, i - from) != TOPC_OK ||
		    topc_buf_adds(&b, with) != TOPC_OK) {
			*failed = true;
			return NULL;
		}
		from = i + 6;
		i += 5;
	}
	if (!copying)
		return NULL;
	if (topc_buf_add(&b, text + from, len - from) != TOPC_OK) {
		*failed = true;
		return NULL;
	}
	return topc_buf_detach(&b, out_len);
}

struct topc_json *topc_json_parse(const char *text, size_t len, size_t *err_offset)
{
	struct topc_json_problem p;
	size_t copy_len = 0;
	char *copy;
	cJSON *root;

	/* the strict scan first: cJSON takes 01, trailing text after a NUL and
	 * more that the SDK's validator refuses */
	if (!topc_json_check(text, len, &p)) {
		if (err_offset)
			*err_offset = p.offset;
		return NULL;
	}
	bool failed;
	copy = for_cjson(text, len, &copy_len, &failed);
	root = failed ? NULL
	       : copy ? cJSON_ParseWithLength(copy, copy_len)
		      : cJSON_ParseWithLength(text, len);
	free(copy);
	if (!root && err_offset)
		*err_offset = 0; /* out of memory: the text itself was JSON */
	return NODE(root);
}

void topc_json_free(struct topc_json *j)
{
	cJSON_Delete(ITEM(j));
}

enum topc_json_type topc_json_type(const struct topc_json *j)
{
	const cJSON *c = (const cJSON *)j;

	if (!c)
		return TOPC_JSON_NONE;
	if (cJSON_IsNull(c))
		return TOPC_JSON_NULL;
	if (cJSON_IsFalse(c))
		return TOPC_JSON_FALSE;
	if (cJSON_IsTrue(c))
		return TOPC_JSON_TRUE;
	if (cJSON_IsNumber(c))
		return TOPC_JSON_NUMBER;
	if (cJSON_IsString(c))
		return TOPC_JSON_STRING;
	if (cJSON_IsArray(c))
		return TOPC_JSON_ARRAY;
	if (cJSON_IsObject(c))
		return TOPC_JSON_OBJECT;
	return cJSON_IsRaw(c) ? TOPC_JSON_RAW : TOPC_JSON_NONE;
}

const struct topc_json *topc_json_get(const struct topc_json *obj, const char *name)
{
	const cJSON *last = NULL;

	/* not cJSON_GetObjectItemCaseSensitive, which finds the first of
	 * duplicate names: the SDK's JSONReader puts each member into a
	 * HashMap, so the last one is what it reads (as JavaScript and Python
	 * do) */
	if (!cJSON_IsObject((const cJSON *)obj))
		return NULL;
	for (const cJSON *c = ((const cJSON *)obj)->child; c; c = c->next)
		if (c->string && strcmp(c->string, name) == 0)
			last = c;
	return NODE(last);
}

const struct topc_json *topc_json_first(const struct topc_json *j)
{
	const cJSON *c = (const cJSON *)j;

	return c && (cJSON_IsObject(c) || cJSON_IsArray(c)) ? NODE(c->child) : NULL;
}

const struct topc_json *topc_json_next(const struct topc_json *j)
{
	return j ? NODE(((const cJSON *)j)->next) : NULL;
}

size_t topc_json_count(const struct topc_json *j)
{
	size_t n = 0;

	for (const struct topc_json *k = topc_json_first(j); k; k = topc_json_next(k))
		n++;
	return n;
}

const char *topc_json_key(const struct topc_json *j)
{
	return j ? ((const cJSON *)j)->string : NULL;
}

const char *topc_json_string(const struct topc_json *j)
{
	return cJSON_IsString((const cJSON *)j) ? ((const cJSON *)j)->valuestring : NULL;
}

double topc_json_number(const struct topc_json *j)
{
	return cJSON_IsNumber((const cJSON *)j) ? ((const cJSON *)j)->valuedouble : 0;
}

struct topc_json *topc_json_new_object(void)
{
	return NODE(cJSON_CreateObject());
}

struct topc_json *topc_json_new_array(void)
{
	return NODE(cJSON_CreateArray());
}

bool topc_json_add(struct topc_json *parent, const char *name, struct topc_json *item)
{
	bool ok =
	    parent && item &&
	    (name ? cJSON_IsObject(ITEM(parent)) &&
			cJSON_AddItemToObject(ITEM(parent), name, ITEM(item))
		  : cJSON_IsArray(ITEM(parent)) && cJSON_AddItemToArray(ITEM(parent), ITEM(item)));

	if (!ok)
		cJSON_Delete(ITEM(item));
	return ok;
}

bool topc_json_add_string(struct topc_json *parent, const char *name, const char *s)
{
	return topc_json_add(parent, name, NODE(cJSON_CreateString(s)));
}

bool topc_json_add_int(struct topc_json *parent, const char *name, long long v)
{
	char text[24];

	/* as digits, never through a double: 19-digit ids stay exact */
	snprintf(text, sizeof(text), "%lld", v);
	return topc_json_add(parent, name, NODE(cJSON_CreateRaw(text)));
}

bool topc_json_add_bool(struct topc_json *parent, const char *name, bool v)
{
	return topc_json_add(parent, name, NODE(cJSON_CreateBool(v)));
}

bool topc_json_add_raw(struct topc_json *parent, const char *name, const char *text)
{
	return topc_json_add(parent, name, NODE(cJSON_CreateRaw(text)));
}

bool topc_json_add_text(struct topc_json *parent, const char *name, const char *text, size_t len)
{
	struct topc_buf b;
	enum topc_status st;
	bool ok;

	topc_buf_init(&b, 0);
	st = topc_json_valid(text, len, NULL) ? topc_json_compact(text, len, &b) : TOPC_ERR_PARSE;
	if (st == TOPC_OK)
		ok = topc_json_add_raw(parent, name, topc_buf_str(&b));
	else if (st == TOPC_ERR_PARSE) {
		topc_buf_reset(&b);
		/* a NUL too: a cJSON string ends at it, and the body was cut there */
		ok = topc_json_scan_quote(&b, text, len) == TOPC_OK &&
		     topc_json_add_raw(parent, name, topc_buf_str(&b));
	} else {
		ok = false;
	}
	topc_buf_release(&b);
	return ok;
}

char *topc_json_print(const struct topc_json *j)
{
	return j ? cJSON_PrintUnformatted((const cJSON *)j) : NULL;
}
