#include "ext/json.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/number.h"
#include "top/outcome.h"

bool topc_json_valid(const char *text, size_t len, size_t *err_offset)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	bool ok = root != NULL;

	if (ok) {
		/* cJSON stops after the first value; anything but spaces after it
		 * is an error too. */
		while (end < text + len &&
		       (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t'))
			end++;
		ok = end >= text + len || *end == '\0';
	}
	if (!ok && err_offset) {
		const char *at = root ? end : cJSON_GetErrorPtr();
		*err_offset = at && at >= text && at <= text + len ? (size_t)(at - text) : 0;
	}
	cJSON_Delete(root);
	return ok;
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

/* Text of a scalar member as a fresh string (numbers without a fraction as
 * integers), or NULL when absent or not a scalar. */
static char *member_text(const cJSON *obj, const char *name)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
	char num[64];

	if (cJSON_IsString(item))
		return strdup(item->valuestring);
	if (cJSON_IsNumber(item)) {
		snprintf(num, sizeof(num), "%.17g", item->valuedouble);
		return strdup(num);
	}
	if (cJSON_IsBool(item))
		return strdup(cJSON_IsTrue(item) ? "true" : "false");
	return NULL;
}

static void read_error_response(const cJSON *err, struct topc_outcome *out)
{
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(err, "code");

	out->cls = TOPC_OUTCOME_API_ERROR;
	if (cJSON_IsNumber(code)) {
		/* a code past the 64-bit range is no code a gateway sends */
		out->has_code = code->valuedouble >= -9.2e18 && code->valuedouble <= 9.2e18;
		out->code = out->has_code ? (long long)code->valuedouble : 0;
	} else if (cJSON_IsString(code)) {
		long long v = 0;
		if (topc_number_parse(code->valuestring, LLONG_MIN, LLONG_MAX, &v)) {
			out->has_code = true;
			out->code = v;
		}
	}
	free(out->msg);
	out->msg = member_text(err, "msg");
	free(out->sub_code);
	out->sub_code = member_text(err, "sub_code");
	free(out->sub_msg);
	out->sub_msg = member_text(err, "sub_msg");
	free(out->request_id);
	out->request_id = member_text(err, "request_id");
}

#define LEAVES_MAX 1024
#define LEAVES_DEPTH 4
/* Success flags, codes and messages are short: a longer text is no rule's input, and
 * copying it would double a large answer in memory (a 40 MB padding field). */
#define LEAF_TEXT_MAX 65536

/* The scalar fields of obj as dotted paths, a few levels deep, not inside
 * arrays: what the success rules read. */
static void flatten(const cJSON *obj, const char *prefix, int depth, struct topc_params *leaves)
{
	const cJSON *child;

	if (depth > LEAVES_DEPTH)
		return;
	cJSON_ArrayForEach(child, obj)
	{
		char path[512];
		char *text;
		if (!child->string || leaves->count >= LEAVES_MAX)
			continue;
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", child->string);
		if (cJSON_IsObject(child)) {
			flatten(child, path, depth + 1, leaves);
			continue;
		}
		if (cJSON_IsString(child) &&
		    strnlen(child->valuestring, LEAF_TEXT_MAX + 1) > LEAF_TEXT_MAX)
			continue;
		if ((text = member_text(obj, child->string)) &&
		    topc_params_set(leaves, path, text) != TOPC_OK) {
			free(text);
			return;
		}
		free(text);
	}
}

/* TOP_PROTOCOL.md 4.4: a root with one member, an object named x_response,
 * is the wrapped shape; anything else is simplify=true's bare result. */
static const cJSON *result_of(const cJSON *root, struct topc_outcome *out)
{
	const cJSON *only = root->child;
	size_t n = only && only->string ? strlen(only->string) : 0;

	if (cJSON_GetArraySize(root) == 1 && cJSON_IsObject(only) && n > 9 &&
	    strcmp(only->string + n - 9, "_response") == 0) {
		topc_outcome_set(&out->wrapper, only->string);
		return only;
	}
	return root;
}

void topc_json_classify(const char *body, size_t len, struct topc_outcome *out,
			struct topc_params *leaves)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(body, len, &end, false);
	const cJSON *result = NULL, *err = NULL;

	if (!root || !cJSON_IsObject(root)) {
		const char *at = root ? body : cJSON_GetErrorPtr();
		size_t off = at && at >= body && at <= body + len ? (size_t)(at - body) : 0;
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_outcome_setf(&out->detail,
				  root ? "the JSON body is not an object"
				       : "the body is not valid JSON (error at byte %zu of %zu)",
				  off, len);
		cJSON_Delete(root);
		return;
	}
	err = cJSON_GetObjectItemCaseSensitive(root, "error_response");
	if (cJSON_IsObject(err)) {
		topc_outcome_set(&out->wrapper, "error_response");
		read_error_response(err, out);
		cJSON_Delete(root);
		return;
	}
	result = result_of(root, out);
	out->cls = TOPC_OUTCOME_SUCCESS;
	free(out->request_id);
	out->request_id = member_text(result, "request_id");
	if (leaves)
		flatten(result, "", 0, leaves);
	cJSON_Delete(root);
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
