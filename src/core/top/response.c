#include "top/response.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/number.h"
#include "ext/json.h"
#include "ext/xmltree.h"

/* Where a failed business call states itself, up to three levels down:
 * the flag, and the message fields beside it that say why. */
static const char *const success_flags[] = {"success", "is_success"};
static const char *const failure_messages[] = {"error_msg",  "extra_err_msg", "msg_info",
					       "error_code", "state_code",    "msg_code"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FAILURE_DEPTH 3

static void failure_detail(struct topc_outcome *out, const char *path, const char *flag)
{
	topc_outcome_setf(&out->detail, "%s%s%s is false", path, *path ? "." : "", flag);
}

/* Appends "; name=text" to the detail. */
static void failure_message(struct topc_outcome *out, const char *name, const char *text)
{
	char *prev = out->detail;

	out->detail = NULL;
	topc_outcome_setf(&out->detail, "%s; %s=%s", prev ? prev : "", name, text);
	free(prev);
}

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

/* A scalar member as a fresh string (numbers without a fraction as
 * integers), or NULL when absent or not a scalar. */
static char *json_member_text(const struct topc_json *obj, const char *name)
{
	const struct topc_json *item = topc_json_get(obj, name);

	switch (topc_json_type(item)) {
	case TOPC_JSON_STRING:
		return strdup(topc_json_string(item));
	case TOPC_JSON_NUMBER:
		return topc_strf("%.17g", topc_json_number(item));
	case TOPC_JSON_TRUE:
		return strdup("true");
	case TOPC_JSON_FALSE:
		return strdup("false");
	default:
		return NULL;
	}
}

static void json_error_response(const struct topc_json *err, struct topc_outcome *out)
{
	const struct topc_json *code = topc_json_get(err, "code");

	out->cls = TOPC_OUTCOME_API_ERROR;
	if (topc_json_type(code) == TOPC_JSON_NUMBER) {
		double v = topc_json_number(code);
		/* a code past the 64-bit range is no code a gateway sends */
		out->has_code = v >= -9.2e18 && v <= 9.2e18;
		out->code = out->has_code ? (long long)v : 0;
	} else {
		set_code(out, topc_json_string(code));
	}
	free(out->msg);
	out->msg = json_member_text(err, "msg");
	free(out->sub_code);
	out->sub_code = json_member_text(err, "sub_code");
	free(out->sub_msg);
	out->sub_msg = json_member_text(err, "sub_msg");
	free(out->request_id);
	out->request_id = json_member_text(err, "request_id");
}

static bool json_is_false(const struct topc_json *item)
{
	const char *s = topc_json_string(item);

	return topc_json_type(item) == TOPC_JSON_FALSE || (s && strcmp(s, "false") == 0);
}

static bool json_business_failure(const struct topc_json *obj, const char *path, int depth,
				  struct topc_outcome *out)
{
	if (topc_json_type(obj) != TOPC_JSON_OBJECT || depth > FAILURE_DEPTH)
		return false;
	for (size_t i = 0; i < COUNT(success_flags); i++) {
		if (!json_is_false(topc_json_get(obj, success_flags[i])))
			continue;
		failure_detail(out, path, success_flags[i]);
		for (size_t j = 0; j < COUNT(failure_messages); j++) {
			char *text = json_member_text(obj, failure_messages[j]);
			if (text && *text)
				failure_message(out, failure_messages[j], text);
			free(text);
		}
		return true;
	}
	for (const struct topc_json *child = topc_json_first(obj); child;
	     child = topc_json_next(child)) {
		char sub[256];
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", topc_json_key(child));
		if (json_business_failure(child, sub, depth + 1, out))
			return true;
	}
	return false;
}

static void json_classify(const char *body, size_t len, bool simplify, struct topc_outcome *out)
{
	size_t off = 0;
	struct topc_json *root = topc_json_parse(body, len, &off);
	const struct topc_json *result = NULL, *err, *first = topc_json_first(root);

	if (topc_json_type(root) != TOPC_JSON_OBJECT) {
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_outcome_setf(&out->detail,
				  root ? "the JSON body is not an object"
				       : "the body is not valid JSON (error at byte %zu of %zu)",
				  off, len);
		topc_json_free(root);
		return;
	}
	err = topc_json_get(root, "error_response");
	if (topc_json_type(err) == TOPC_JSON_OBJECT) {
		topc_outcome_set(&out->wrapper, "error_response");
		json_error_response(err, out);
		topc_json_free(root);
		return;
	}
	if (!simplify && topc_json_count(root) == 1 && topc_json_type(first) == TOPC_JSON_OBJECT) {
		result = first;
		topc_outcome_set(&out->wrapper, topc_json_key(first));
	} else {
		result = root; /* simplify=true: the root is the result */
	}
	out->cls = TOPC_OUTCOME_SUCCESS;
	free(out->request_id);
	out->request_id = json_member_text(result, "request_id");
	if (json_business_failure(result, "", 0, out))
		out->cls = TOPC_OUTCOME_BUSINESS_FAILURE;
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

static bool xml_business_failure(const struct topc_tree *node, const char *path, int depth,
				 struct topc_outcome *out)
{
	if (depth > FAILURE_DEPTH)
		return false;
	for (size_t i = 0; i < COUNT(success_flags); i++) {
		const struct topc_tree *flag = topc_tree_kid(node, success_flags[i]);
		if (!flag || !flag->text || strcmp(flag->text, "false") != 0)
			continue;
		failure_detail(out, path, success_flags[i]);
		for (size_t j = 0; j < COUNT(failure_messages); j++) {
			const struct topc_tree *m = topc_tree_kid(node, failure_messages[j]);
			if (m && m->text && *m->text)
				failure_message(out, failure_messages[j], m->text);
		}
		return true;
	}
	for (size_t i = 0; i < node->nkids; i++) {
		char sub[256];
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", node->kids[i].name);
		if (xml_business_failure(&node->kids[i], sub, depth + 1, out))
			return true;
	}
	return false;
}

static void xml_classify(const char *body, size_t len, struct topc_outcome *out)
{
	struct topc_tree root;
	char why[200];

	if (!topc_xml_parse(body, len, &root, why, sizeof(why))) {
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_outcome_setf(&out->detail, "the body is not valid XML (%s)", why);
		return;
	}
	topc_outcome_set(&out->wrapper, root.name);
	if (strcmp(root.name, "error_response") == 0) {
		char *code = xml_child_text(&root, "code");
		out->cls = TOPC_OUTCOME_API_ERROR;
		set_code(out, code);
		free(code);
		out->msg = xml_child_text(&root, "msg");
		out->sub_code = xml_child_text(&root, "sub_code");
		out->sub_msg = xml_child_text(&root, "sub_msg");
	} else {
		out->cls = TOPC_OUTCOME_SUCCESS;
		if (xml_business_failure(&root, "", 0, out))
			out->cls = TOPC_OUTCOME_BUSINESS_FAILURE;
	}
	free(out->request_id);
	out->request_id = xml_child_text(&root, "request_id");
	topc_tree_release(&root);
}

/* ------------------------------------------------------------------ */

static const char *first_non_space(const char *body, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r' && body[i] != '\n')
			return body + i;
	return NULL;
}

void topc_response_classify(const char *body, size_t len, long http_status, enum topc_format format,
			    bool simplify, struct topc_outcome *out)
{
	const char *start = first_non_space(body, len);

	out->http_status = http_status;
	if (http_status != 200) {
		out->cls = TOPC_OUTCOME_HTTP_ERROR;
		topc_outcome_setf(&out->detail,
				  "the gateway answered HTTP %ld with a %zu-byte body", http_status,
				  len);
		return;
	}
	if (!start) {
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_outcome_set(&out->detail, "the gateway answered HTTP 200 with an empty body");
		return;
	}
	if (*start == '<' || (*start != '{' && format == TOPC_FORMAT_XML))
		xml_classify(body, len, out);
	else
		json_classify(body, len, simplify, out);
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
