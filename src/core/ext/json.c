#include "ext/json.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool topc_json_valid(const char *text, size_t len, size_t *err_offset)
{
	struct topc_json *j = topc_json_parse(text, len, err_offset);

	topc_json_free(j);
	return j != NULL;
}

/* One pass over the text: is it one JSON value with balanced brackets and
 * closed strings?  (Not a full validation: numbers and literals are taken as
 * they are.)  Cheap enough for a 40 MB answer, and it builds nothing. */
static bool json_shape_ok(const char *s, size_t len)
{
	size_t depth = 0, i = 0;
	bool in_string = false, seen = false;
	char stack[256];

	while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
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
		if (seen && c != ' ' && c != '\n' && c != '\r' && c != '\t')
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

/* The run of a string from i up to its closing quote or next escape, copied
 * at once: a long string costs one memcpy, not a call per byte.  *i ends on
 * the last byte copied; *in_string tells whether the string goes on. */
static enum topc_status pretty_string(const char *text, size_t len, size_t *i, struct topc_buf *out,
				      bool *in_string)
{
	size_t run = *i;
	enum topc_status st;

	while (run < len && text[run] != '"' && text[run] != '\\')
		run++;
	st = topc_buf_add(out, text + *i, run - *i);
	*i = run;
	if (st != TOPC_OK || run >= len)
		return st;
	st = topc_buf_addc(out, text[run]);
	if (st == TOPC_OK && text[run] == '\\' && run + 1 < len)
		st = topc_buf_addc(out, text[++*i]);
	else
		*in_string = false;
	return st;
}

enum topc_status topc_json_pretty(const char *text, size_t len, struct topc_buf *out)
{
	size_t depth = 0;
	bool in_string = false;
	enum topc_status st = TOPC_OK;

	/* Re-indents the text as it is, one pass, no tree: numbers keep their
	 * digits, strings their escapes, and a 40 MB answer costs about its own
	 * size again. */
	if (!json_shape_ok(text, len)) {
		st = topc_buf_add(out, text, len);
		return st == TOPC_OK ? TOPC_ERR_PARSE : st;
	}
	for (size_t i = 0; i < len && st == TOPC_OK; i++) {
		char c = text[i];
		if (in_string) {
			st = pretty_string(text, len, &i, out, &in_string);
			continue;
		}
		switch (c) {
		case ' ':
		case '\n':
		case '\r':
		case '\t':
			break;
		case '"':
			in_string = true;
			st = topc_buf_addc(out, c);
			break;
		case '{':
		case '[': {
			/* an empty one stays on its line */
			size_t j = i + 1;
			while (j < len && (text[j] == ' ' || text[j] == '\n' || text[j] == '\r' ||
					   text[j] == '\t'))
				j++;
			st = topc_buf_addc(out, c);
			if (st == TOPC_OK && j < len && (text[j] == '}' || text[j] == ']')) {
				st = topc_buf_addc(out, text[j]);
				i = j;
			} else if (st == TOPC_OK) {
				st = indent(out, ++depth);
			}
			break;
		}
		case '}':
		case ']':
			st = indent(out, depth ? --depth : 0);
			if (st == TOPC_OK)
				st = topc_buf_addc(out, c);
			break;
		case ',':
			st = topc_buf_addc(out, c);
			if (st == TOPC_OK)
				st = indent(out, depth);
			break;
		case ':':
			st = topc_buf_adds(out, ": ");
			break;
		default:
			st = topc_buf_addc(out, c);
		}
	}
	return st;
}

enum topc_status topc_json_quote(struct topc_buf *out, const char *s)
{
	cJSON *str = cJSON_CreateString(s);
	char *printed = str ? cJSON_PrintUnformatted(str) : NULL;
	enum topc_status st = printed ? topc_buf_adds(out, printed) : TOPC_ERR_NOMEM;

	free(printed);
	cJSON_Delete(str);
	return st;
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
		} else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
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

struct topc_json *topc_json_parse(const char *text, size_t len, size_t *err_offset)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);

	if (root) {
		while (end < text + len &&
		       (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t'))
			end++;
		if (end >= text + len || *end == '\0')
			return NODE(root);
	}
	if (err_offset) {
		const char *at = root ? end : cJSON_GetErrorPtr();
		*err_offset = at && at >= text && at <= text + len ? (size_t)(at - text) : 0;
	}
	cJSON_Delete(root);
	return NULL;
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
	return cJSON_IsObject((const cJSON *)obj)
		   ? NODE(cJSON_GetObjectItemCaseSensitive((const cJSON *)obj, name))
		   : NULL;
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
	else if (st == TOPC_ERR_PARSE)
		ok = topc_json_add(parent, name, NODE(cJSON_CreateString(text)));
	else
		ok = false;
	topc_buf_release(&b);
	return ok;
}

char *topc_json_print(const struct topc_json *j)
{
	return j ? cJSON_PrintUnformatted((const cJSON *)j) : NULL;
}

/* ------------------------------------------------------------------ */
/* leaves, for comparing answers field by field */

static enum topc_status leaves(const cJSON *item, struct topc_buf *path, topc_json_leaf_fn fn,
			       void *ctx, int depth, bool *stop)
{
	size_t mark = path->len, i = 0;
	const cJSON *kid;
	enum topc_status st = TOPC_OK;

	if ((cJSON_IsObject(item) || cJSON_IsArray(item)) && item->child && depth < 64) {
		cJSON_ArrayForEach(kid, item)
		{
			if (cJSON_IsArray(item))
				st = topc_buf_addf(path, "[%zu]", i++);
			else
				st = topc_buf_addf(path, "%s%s", mark ? "." : "",
						   kid->string ? kid->string : "");
			if (st == TOPC_OK)
				st = leaves(kid, path, fn, ctx, depth + 1, stop);
			if (st != TOPC_OK || *stop)
				return st;
			path->len = mark;
			if (path->data)
				path->data[mark] = '\0';
		}
		return TOPC_OK;
	}
	/* scalars written here: cJSON_PrintUnformatted allocates per call */
	struct topc_buf v;
	char num[40];
	topc_buf_init(&v, 0);
	if (cJSON_IsString(item))
		st = topc_json_quote(&v, item->valuestring ? item->valuestring : "");
	else if (cJSON_IsNumber(item)) {
		double d = item->valuedouble;
		if (d == (double)(long long)d && d > -1e15 && d < 1e15)
			snprintf(num, sizeof(num), "%lld", (long long)d);
		else
			snprintf(num, sizeof(num), "%.17g", d);
		st = topc_buf_adds(&v, num);
	} else if (cJSON_IsTrue(item) || cJSON_IsFalse(item) || cJSON_IsNull(item))
		st = topc_buf_adds(&v, cJSON_IsTrue(item)    ? "true"
				       : cJSON_IsFalse(item) ? "false"
							     : "null");
	else
		st = topc_buf_adds(&v, cJSON_IsArray(item) ? "[]" : "{}");
	if (st == TOPC_OK)
		*stop = !fn(topc_buf_str(path), topc_buf_str(&v), ctx);
	topc_buf_release(&v);
	return st;
}

enum topc_status topc_json_leaves(const char *text, size_t len, topc_json_leaf_fn fn, void *ctx)
{
	cJSON *doc = cJSON_ParseWithLength(text, len);
	struct topc_buf path;
	enum topc_status st;
	bool stop = false;

	if (!doc)
		return TOPC_ERR_PARSE;
	topc_buf_init(&path, 0);
	st = leaves(doc, &path, fn, ctx, 0, &stop);
	topc_buf_release(&path);
	cJSON_Delete(doc);
	return st;
}
