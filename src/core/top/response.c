#include "top/response.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/number.h"
#include "ext/json.h"
#include "ext/xml.h"

/* The result's scalar fields as dotted paths, a few levels deep, not inside
 * arrays: what the success rules read, the same for JSON and XML. */
#define LEAVES_MAX 1024
#define LEAVES_DEPTH 4
/* Success flags, codes and messages are short: a longer text is no rule's
 * input, and copying it would double a large answer in memory (a 40 MB
 * padding field). */
#define LEAF_TEXT_MAX 65536

static void set_code(struct topc_outcome *out, const char *text)
{
	long long v = 0;

	if (text && topc_number_parse(text, LLONG_MIN, LLONG_MAX, &v)) {
		out->has_code = true;
		out->code = v;
	}
}

/* ------------------------------------------------------------------ */
/* JSON */

/* A scalar as a fresh string (numbers without a fraction as integers), or
 * NULL when j is absent or not a scalar. */
static char *json_text(const struct topc_json *j)
{
	switch (topc_json_type(j)) {
	case TOPC_JSON_STRING:
		return strdup(topc_json_string(j));
	case TOPC_JSON_NUMBER:
		return topc_strf("%.17g", topc_json_number(j));
	case TOPC_JSON_TRUE:
		return strdup("true");
	case TOPC_JSON_FALSE:
		return strdup("false");
	default:
		return NULL;
	}
}

static char *json_member_text(const struct topc_json *obj, const char *name)
{
	return json_text(topc_json_get(obj, name));
}

struct literal_ctx {
	const char *path;
	char *text;
};

static bool find_literal(const char *path, const char *value, void *ctx)
{
	struct literal_ctx *c = ctx;

	if (strcmp(path, c->path) != 0)
		return true;
	/* the last of duplicate names, as topc_json_get reads them */
	free(c->text);
	c->text = strdup(value);
	return true;
}

/* The code as the answer wrote it (TaobaoResponse keeps errorCode as a
 * String too): a number as its own digits, a string as its text. */
static void json_error_code(const struct topc_json *code, const char *path, const char *body,
			    size_t len, struct topc_outcome *out)
{
	struct literal_ctx c = {path, NULL};
	double v;

	if (topc_json_type(code) == TOPC_JSON_STRING) {
		topc_outcome_set(&out->code_text, topc_json_string(code));
		set_code(out, topc_json_string(code));
		return;
	}
	if (topc_json_type(code) != TOPC_JSON_NUMBER)
		return;
	v = topc_json_number(code);
	/* the literal, not the double: 99999999999999999999 is shown as sent */
	if (topc_json_leaves(body, len, find_literal, &c) == TOPC_OK && c.text) {
		free(out->code_text);
		out->code_text = c.text;
		set_code(out, c.text);
	} else {
		free(c.text);
	}
	if (!out->has_code && v > -9e15 && v < 9e15 && v == (double)(long long)v) {
		out->has_code = true; /* 15.0: no exact literal to read, the value is exact */
		out->code = (long long)v;
	}
}

/* err's code, msg, sub_code, sub_msg and request_id; code_path: where its
 * code is in the body, to read the literal. */
static void json_error_response(const struct topc_json *err, const char *code_path,
				const char *body, size_t len, struct topc_outcome *out)
{
	out->cls = TOPC_OUTCOME_API_ERROR;
	json_error_code(topc_json_get(err, "code"), code_path, body, len, out);
	free(out->msg);
	out->msg = json_member_text(err, "msg");
	free(out->sub_code);
	out->sub_code = json_member_text(err, "sub_code");
	free(out->sub_msg);
	out->sub_msg = json_member_text(err, "sub_msg");
	free(out->request_id);
	out->request_id = json_member_text(err, "request_id");
}

static void json_flatten(const struct topc_json *obj, const char *prefix, int depth,
			 struct topc_params *leaves)
{
	if (depth > LEAVES_DEPTH)
		return;
	for (const struct topc_json *child = topc_json_first(obj); child;
	     child = topc_json_next(child)) {
		char path[512], *text;
		if (!topc_json_key(child) || leaves->count >= LEAVES_MAX)
			continue;
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "",
			 topc_json_key(child));
		if (topc_json_type(child) == TOPC_JSON_OBJECT) {
			json_flatten(child, path, depth + 1, leaves);
			continue;
		}
		if (topc_json_string(child) &&
		    strnlen(topc_json_string(child), LEAF_TEXT_MAX + 1) > LEAF_TEXT_MAX)
			continue;
		if ((text = json_text(child)) && topc_params_set(leaves, path, text) != TOPC_OK) {
			free(text);
			return;
		}
		free(text);
	}
}

static const char *json_type_name(const struct topc_json *j)
{
	switch (topc_json_type(j)) {
	case TOPC_JSON_NULL:
		return "null";
	case TOPC_JSON_FALSE:
	case TOPC_JSON_TRUE:
		return "a boolean";
	case TOPC_JSON_NUMBER:
		return "a number";
	case TOPC_JSON_STRING:
		return "a string";
	case TOPC_JSON_ARRAY:
		return "an array";
	case TOPC_JSON_OBJECT:
		return "an object";
	default:
		return "a value";
	}
}

/* What the root holds, for the detail: its first few members and their
 * types, the names inert in the history's own escaping (JSON). */
static void json_members(const struct topc_json *root, char *buf, size_t size)
{
	size_t used = 0, shown = 0;

	buf[0] = '\0';
	for (const struct topc_json *m = topc_json_first(root); m && used < size;
	     m = topc_json_next(m), shown++) {
		int n;
		if (shown == 3) {
			snprintf(buf + used, size - used, ", ... (%zu members)",
				 topc_json_count(root));
			return;
		}
		n = snprintf(buf + used, size - used, "%s\"%.40s\" (%s)", shown ? ", " : "",
			     topc_json_key(m) ? topc_json_key(m) : "", json_type_name(m));
		if (n < 0)
			return;
		used += (size_t)n;
	}
}

/* x_response, error_response among them: a wrapper's name (TOP_PROTOCOL.md
 * 4.1), for JSON and XML alike. */
static bool wrapper_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	return n > 9 && strcmp(name + n - 9, "_response") == 0;
}

/* TOP_PROTOCOL.md 4.1/4.4: a plain answer is one object holding one member,
 * an object named x_response; with simplify=true the root is the result
 * (a wrapped one is taken too).  Anything else is unparseable, naming what
 * was found (NULL then, out set).  The Java SDK (JsonConverter.toResponse)
 * takes the first member that is an object whatever its name, and when
 * there is none DefaultTaobaoClient.parseBody makes an empty response,
 * whose isSuccess() is true as no errorCode was read: a success nobody
 * saw, which topc never reports. */
static const struct topc_json *json_result(const struct topc_json *root, bool simplify,
					   struct topc_outcome *out)
{
	const struct topc_json *only = NULL;
	const char *name = NULL;
	bool one_name = true;
	char found[256];

	/* one member, or one name repeated: the SDK's HashMap keeps the last
	 * of duplicate names, so {"x_response":{..},"x_response":{..}} is
	 * the second one to it */
	for (const struct topc_json *m = topc_json_first(root); m; m = topc_json_next(m)) {
		one_name = one_name && (!name || strcmp(name, topc_json_key(m)) == 0);
		name = topc_json_key(m);
		only = m;
	}
	if (one_name && only && topc_json_type(only) == TOPC_JSON_OBJECT && wrapper_name(name)) {
		topc_outcome_set(&out->wrapper, name);
		return only;
	}
	if (simplify)
		return root;
	out->cls = TOPC_OUTCOME_UNPARSEABLE;
	json_members(root, found, sizeof(found));
	topc_outcome_detailf(out,
			     "the JSON body is not one object holding one x_response object "
			     "(nor error_response): it holds %s",
			     found);
	return NULL;
}

/* A member TaobaoResponse.isSuccess() reads as a failure: its text (a
 * string's own, a number's digits, an object as JSONWriter writes it) not
 * empty, and for code not "0" either; null reads as "". */
static bool json_failure_member(const struct topc_json *j, bool zero_is_success)
{
	char *text;
	bool failure;

	if (topc_json_type(j) == TOPC_JSON_NONE || topc_json_type(j) == TOPC_JSON_NULL)
		return false;
	if (!(text = json_text(j)))
		return true; /* an object or an array: never an empty text */
	failure = *text && !(zero_is_success && strcmp(text, "0") == 0);
	free(text);
	return failure;
}

/* The Java SDK reads code, msg, sub_code, sub_msg and request_id from the
 * answer's result object whatever its name (Converters.convert fills the
 * TopErrorField fields of every TaobaoResponse), and isSuccess() is false
 * when errorCode is neither empty nor "0" or subCode is not empty: so
 * {"x_response":{"code":15,"sub_code":"isv.y"}} is an error to it, as an
 * error_response is.  A numeric code is its Long.toString ("-0" is "0") or,
 * with a fraction or an exponent, its Double.toString ("0.0" is a failure).
 * (Its flag field is read for Qimen answers only.)  code_path: where the
 * code is in the body. */
static bool json_sdk_says_failure(const struct topc_json *result, const char *code_path,
				  const char *body, size_t len)
{
	const struct topc_json *code = topc_json_get(result, "code");
	bool failure;

	if (json_failure_member(topc_json_get(result, "sub_code"), false))
		return true;
	if (topc_json_type(code) != TOPC_JSON_NUMBER)
		return json_failure_member(code, true);
	failure = topc_json_number(code) != 0;
	if (!failure) {
		struct literal_ctx c = {code_path, NULL};
		if (topc_json_leaves(body, len, find_literal, &c) == TOPC_OK && c.text)
			failure = strpbrk(c.text, ".eE") != NULL;
		free(c.text);
	}
	return failure;
}

static void json_classify(const char *body, size_t len, bool simplify, struct topc_outcome *out,
			  struct topc_params *leaves)
{
	struct topc_json_problem problem;
	struct topc_json *root;
	const struct topc_json *result, *err;
	struct topc_error why;
	char code_path[300];

	/* the SDK's JSONValidator reads the same grammar: trailing text after
	 * the value is "expected end", an ApiException, never a response.
	 * topc_json_parse runs that strict scan itself; it is run again only
	 * for the problem of a body it refused (a 40 MB answer was scanned
	 * twice before it showed) */
	root = topc_json_parse(body, len, NULL);
	if (!root && !topc_json_check(body, len, &problem)) {
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_json_problem_error(&problem, body, len, &why);
		topc_error_setp(&why, TOPC_ERR_PARSE, &why, "the body is not valid JSON: %s",
				TOPC_PART);
		topc_outcome_set_detail(out, why.english, why.msg);
		return;
	}
	if (topc_json_type(root) != TOPC_JSON_OBJECT || !topc_json_count(root)) {
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		if (!root)
			topc_outcome_detailf(out, "out of memory reading the JSON body");
		else if (topc_json_type(root) != TOPC_JSON_OBJECT)
			topc_outcome_detailf(out, "the JSON body is %s, not an object",
					     json_type_name(root));
		else /* the SDK finds no x_response object in it and reads nothing: no
		      * result, no request_id, no error */
			topc_outcome_detailf(out,
					     "the JSON body is an empty object {}: no x_response "
					     "result, no error_response, no request_id");
		topc_json_free(root);
		return;
	}
	err = topc_json_get(root, "error_response");
	if (err && topc_json_type(err) != TOPC_JSON_OBJECT) {
		/* an error that cannot be read is no success (and no code) */
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_outcome_detailf(out, "the JSON body's error_response is %s, not an object",
				     json_type_name(err));
		topc_json_free(root);
		return;
	}
	if (err) {
		topc_outcome_set(&out->wrapper, "error_response");
		json_error_response(err, "error_response.code", body, len, out);
		topc_json_free(root);
		return;
	}
	if (!(result = json_result(root, simplify, out))) {
		topc_json_free(root);
		return;
	}
	snprintf(code_path, sizeof(code_path), "%s%scode", result == root ? "" : out->wrapper,
		 result == root ? "" : ".");
	if (json_sdk_says_failure(result, code_path, body, len)) {
		/* an error as the SDK reads it, the answer's own name kept */
		json_error_response(result, code_path, body, len, out);
		topc_json_free(root);
		return;
	}
	out->cls = TOPC_OUTCOME_SUCCESS;
	free(out->request_id);
	out->request_id = json_member_text(result, "request_id");
	json_flatten(result, "", 0, leaves);
	topc_json_free(root);
}

/* ------------------------------------------------------------------ */
/* XML */

/* A leaf child's text as a fresh string, or NULL. */
static char *xml_child_text(const struct topc_tree *parent, const char *name)
{
	const struct topc_tree *kid = topc_tree_kid(parent, name);

	return kid && kid->text ? strdup(kid->text) : NULL;
}

/* The leaf elements under node (an element repeated, as a list's items are,
 * counts once). */
static void xml_flatten(const struct topc_tree *node, const char *prefix, int depth,
			struct topc_params *leaves)
{
	if (depth > LEAVES_DEPTH)
		return;
	for (size_t i = 0; i < node->nkids && leaves->count < LEAVES_MAX; i++) {
		const struct topc_tree *n = &node->kids[i];
		char path[512];
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", n->name);
		if (!n->text)
			xml_flatten(n, path, depth + 1, leaves);
		else if (strnlen(n->text, LEAF_TEXT_MAX + 1) <= LEAF_TEXT_MAX &&
			 !topc_params_get(leaves, path) &&
			 topc_params_set(leaves, path, n->text) != TOPC_OK)
			return;
	}
}

static bool xml_root_answers(const struct topc_tree *root, struct topc_outcome *out)
{
	out->cls = TOPC_OUTCOME_UNPARSEABLE; /* until the root passes */
	if (!wrapper_name(root->name)) {
		topc_outcome_detailf(out,
				     "the XML body's root is <%s>, not an x_response element (nor "
				     "error_response)",
				     root->name);
		return false;
	}
	if (root->text && root->text[strspn(root->text, " \t\r\n")]) {
		topc_outcome_detailf(out, "the XML body's root <%s> holds text, not elements",
				     root->name);
		return false;
	}
	return true;
}

/* As json_sdk_says_failure: XmlConverter fills the same TopErrorField
 * fields from the root's children, so <x_response><code>15</code> or a
 * sub_code is an error to isSuccess(); code is its text as written (" 0 "
 * is no "0" to it). */
static bool xml_sdk_says_failure(const struct topc_tree *root)
{
	char *code = xml_child_text(root, "code"), *sub_code = xml_child_text(root, "sub_code");
	bool failure = (code && *code && strcmp(code, "0") != 0) || (sub_code && *sub_code);

	free(code);
	free(sub_code);
	return failure;
}

static void xml_classify(const char *body, size_t len, struct topc_outcome *out,
			 struct topc_params *leaves, enum topc_xml_fault *fault)
{
	struct topc_tree root;
	struct topc_error why;

	if (!topc_xml_parse(body, len, &root, &why, fault)) {
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_error_setp(&why, TOPC_ERR_PARSE, &why, "the body is not valid XML (%s)",
				TOPC_PART);
		topc_outcome_set_detail(out, why.english, why.msg);
		return;
	}
	/* as for JSON (json_result): one x_response element or error_response,
	 * holding elements (an empty one is {}); text alone is no result, and
	 * another root is what the SDK reads as an empty success */
	if (!xml_root_answers(&root, out)) {
		topc_tree_release(&root);
		return;
	}
	topc_outcome_set(&out->wrapper, root.name);
	if (strcmp(root.name, "error_response") == 0 || xml_sdk_says_failure(&root)) {
		char *code = xml_child_text(&root, "code");
		out->cls = TOPC_OUTCOME_API_ERROR;
		set_code(out, code);
		free(out->code_text);
		out->code_text = code;
		out->msg = xml_child_text(&root, "msg");
		out->sub_code = xml_child_text(&root, "sub_code");
		out->sub_msg = xml_child_text(&root, "sub_msg");
	} else {
		out->cls = TOPC_OUTCOME_SUCCESS;
		xml_flatten(&root, "", 0, leaves);
	}
	free(out->request_id);
	out->request_id = xml_child_text(&root, "request_id");
	topc_tree_release(&root);
}

/* ------------------------------------------------------------------ */
/* Both: truncation, business failures, the choice */

static const char *first_non_space(const char *body, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!topc_json_space(body[i]))
			return body + i;
	return NULL;
}

bool topc_response_truncated(const char *body, size_t len)
{
	const char *start = first_non_space(body, len);
	size_t depth = 0, end = len;
	bool in_string = false;

	if (!start)
		return false;
	while (end && topc_json_space(body[end - 1]))
		end--;
	if (*start == '<')
		return body[end - 1] != '>';
	if (*start != '{' && *start != '[')
		return false;
	for (size_t i = (size_t)(start - body); i < end; i++) {
		char c = body[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && depth) {
			depth--;
		}
	}
	return in_string || depth > 0;
}

/* The last dotted part of a path. */
static const char *last_part(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot ? dot + 1 : path;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

static bool same_parent(const char *a, const char *b)
{
	size_t la = (size_t)(last_part(a) - a), lb = (size_t)(last_part(b) - b);

	return la == lb && strncmp(a, b, la) == 0;
}

/* "path is "500"; error_msg=内部异常": the failing field and the message
 * fields beside it. */
static void describe_failure(const struct topc_params *leaves, const char *path, const char *value,
			     const char *expected, struct topc_outcome *out)
{
	struct topc_buf b;

	topc_buf_init(&b, 1u << 20);
	if ((strcmp(value, "false") == 0
		 ? topc_buf_addf(&b, "%s is false", path)
		 : topc_buf_addf(&b, "%s is \"%s\"%s%s", path, value, expected ? ", not " : "",
				 expected ? expected : "")) != TOPC_OK) {
		topc_buf_release(&b);
		return;
	}
	for (size_t i = 0; i < leaves->count; i++) {
		const char *name = leaves->items[i].name, *part = last_part(name);
		if (strcmp(name, path) == 0 || !same_parent(name, path) ||
		    !*leaves->items[i].value ||
		    !(ends_with(part, "msg") || ends_with(part, "message") ||
		      ends_with(part, "_code") || ends_with(part, "msg_info")))
			continue;
		if (topc_buf_addf(&b, "; %s=%s", part, leaves->items[i].value) != TOPC_OK)
			break;
	}
	free(out->detail);
	out->detail = topc_buf_detach(&b, NULL);
	topc_outcome_set(&out->detail_text, NULL); /* the answer's own fields: as they came */
}

static bool code_field(const char *part)
{
	return ends_with(part, "err_code") || ends_with(part, "error_code") ||
	       strcmp(part, "state_code") == 0;
}

static bool code_means_success(const char *v)
{
	static const char *const ok[] = {"", "0", "200", "SUCCESS", "success", "OK", "ok"};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(v, ok[i]) == 0)
			return true;
	return false;
}

/* Whether the leaf at path is a success flag: success or is_success. */
static bool success_flag(const char *path)
{
	const char *part = last_part(path);

	return strcmp(part, "success") == 0 || strcmp(part, "is_success") == 0;
}

/* A success or is_success flag beside path that is true. */
static bool flag_beside_true(const struct topc_params *leaves, const char *path)
{
	for (size_t i = 0; i < leaves->count; i++) {
		if (success_flag(leaves->items[i].name) &&
		    same_parent(leaves->items[i].name, path) &&
		    strcmp(leaves->items[i].value, "true") == 0)
			return true;
	}
	return false;
}

static bool general_rule(const struct topc_params *leaves, struct topc_outcome *out)
{
	for (size_t i = 0; i < leaves->count; i++) {
		if (success_flag(leaves->items[i].name) &&
		    strcmp(leaves->items[i].value, "false") == 0) {
			describe_failure(leaves, leaves->items[i].name, "false", NULL, out);
			return true;
		}
	}
	for (size_t i = 0; i < leaves->count; i++) {
		const char *name = leaves->items[i].name, *v = leaves->items[i].value;
		if (code_field(last_part(name)) && !code_means_success(v) &&
		    !flag_beside_true(leaves, name)) {
			describe_failure(leaves, name, v,
					 "one that means success (0, 200, SUCCESS)", out);
			return true;
		}
	}
	return false;
}

static bool form_rules(const struct topc_form *form, const struct topc_params *leaves,
		       struct topc_outcome *out)
{
	for (size_t i = 0; i < form->nsuccess; i++) {
		const struct topc_success_rule *r = &form->success[i];
		const char *v = topc_params_get(leaves, r->field);
		struct topc_buf expected;
		bool ok = !v;
		for (size_t j = 0; v && j < r->nvalues && !ok; j++)
			ok = strcmp(v, r->values[j]) == 0;
		if (ok)
			continue;
		topc_buf_init(&expected, 1024);
		for (size_t j = 0; j < r->nvalues; j++)
			if (topc_buf_addf(&expected, "%s\"%s\"", j ? " or " : "", r->values[j]) !=
			    TOPC_OK)
				break;
		describe_failure(leaves, r->field, v, topc_buf_str(&expected), out);
		topc_buf_release(&expected);
		return true;
	}
	return false;
}

void topc_response_classify(const char *body, size_t len, long http_status, enum topc_format format,
			    bool simplify, const struct topc_form *form, struct topc_outcome *out)
{
	const char *start = first_non_space(body, len);
	struct topc_params leaves;
	enum topc_xml_fault fault = TOPC_XML_FAULT_NONE;

	out->http_status = http_status;
	/* Any status but 200 is an HTTP error, as the PHP and NodeJS SDKs and
	 * curl treat it (TOP_PROTOCOL.md 4.2: API errors come in a 200 body).
	 * The Java SDK differs: WebUtils.getResponseAsString reads a non-empty
	 * error stream as the answer, so a 500 carrying error_response would be
	 * that error there.  The gateway answers its errors with 200; a non-200
	 * is a proxy or an outage, and the body is still shown and kept. */
	if (http_status != 200) {
		out->cls = TOPC_OUTCOME_HTTP_ERROR;
		topc_outcome_detailf(out, "the gateway answered HTTP %ld with a %zu-byte body",
				     http_status, len);
		return;
	}
	if (!start) {
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_outcome_detailf(out, "the gateway answered HTTP 200 with an empty body");
		return;
	}
	topc_params_init(&leaves);
	if (*start == '<' || (*start != '{' && format == TOPC_FORMAT_XML))
		xml_classify(body, len, out, &leaves, &fault);
	else
		json_classify(body, len, simplify, out, &leaves);
	/* text after the root, or bytes that do not match the declared
	 * encoding, are not a cut: libxml2 said so, keep its words */
	if (out->cls == TOPC_OUTCOME_UNPARSEABLE && *start == '<' &&
	    fault == TOPC_XML_FAULT_MALFORMED && topc_response_truncated(body, len))
		topc_outcome_detailf(
		    out, "the body is not valid XML: it ended early (truncated), %zu bytes in all",
		    len);
	if (out->cls == TOPC_OUTCOME_SUCCESS &&
	    (form && form->nsuccess ? form_rules(form, &leaves, out) : general_rule(&leaves, out)))
		out->cls = TOPC_OUTCOME_BUSINESS_FAILURE;
	topc_params_release(&leaves);
}

char *topc_response_wrapper_name(const char *method)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	if (strncmp(method, "taobao.", 7) == 0)
		method += 7;
	for (const char *p = method; *p; p++)
		if (topc_buf_addc(&b, *p == '.' ? '_' : *p) != TOPC_OK)
			return NULL;
	if (topc_buf_adds(&b, "_response") != TOPC_OK)
		return NULL;
	return topc_buf_detach(&b, NULL);
}
