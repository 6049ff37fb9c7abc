#include "top/outcome.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static const struct {
	const char *name;
	int exit_status;
	const char *desc;
} outcome_info[] = {
#define TOPC_X(id, name, exit_status, desc) {name, exit_status, desc},
    TOPC_OUTCOME_TABLE(TOPC_X)
#undef TOPC_X
};

#define OUTCOME_COUNT (sizeof(outcome_info) / sizeof(outcome_info[0]))

const char *topc_outcome_name(enum topc_outcome_class cls)
{
	return (size_t)cls < OUTCOME_COUNT ? outcome_info[cls].name : "?";
}

const char *topc_outcome_description(enum topc_outcome_class cls)
{
	return (size_t)cls < OUTCOME_COUNT ? outcome_info[cls].desc : "?";
}

int topc_outcome_exit_code(enum topc_outcome_class cls)
{
	return (size_t)cls < OUTCOME_COUNT ? outcome_info[cls].exit_status : 3;
}

void topc_outcome_init(struct topc_outcome *o)
{
	memset(o, 0, sizeof(*o));
	o->cls = TOPC_OUTCOME_UNPARSEABLE;
}

void topc_outcome_release(struct topc_outcome *o)
{
	free(o->msg);
	free(o->sub_code);
	free(o->sub_msg);
	free(o->request_id);
	free(o->wrapper);
	free(o->detail);
	topc_outcome_init(o);
}

void topc_outcome_set(char **field, const char *value)
{
	free(*field);
	*field = value ? strdup(value) : NULL;
}

void topc_outcome_setf(char **field, const char *fmt, ...)
{
	va_list ap;

	/* no cap of its own: what goes in comes from a body already held whole
	 * (a 5,000-byte extra_err_msg stays whole) */
	free(*field);
	va_start(ap, fmt);
	*field = topc_vstrf(fmt, ap);
	va_end(ap);
}

static const char *first_non_space(const char *body, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r' && body[i] != '\n')
			return body + i;
	return NULL;
}

bool topc_body_truncated(const char *body, size_t len)
{
	const char *start = first_non_space(body, len);
	size_t depth = 0, end = len;
	bool in_string = false;

	if (!start)
		return false;
	while (end && (body[end - 1] == ' ' || body[end - 1] == '\n' || body[end - 1] == '\r' ||
		       body[end - 1] == '\t'))
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

/* A success or is_success flag beside path that is true. */
static bool flag_beside_true(const struct topc_params *leaves, const char *path)
{
	for (size_t i = 0; i < leaves->count; i++) {
		const char *part = last_part(leaves->items[i].name);
		if ((strcmp(part, "success") == 0 || strcmp(part, "is_success") == 0) &&
		    same_parent(leaves->items[i].name, path) &&
		    strcmp(leaves->items[i].value, "true") == 0)
			return true;
	}
	return false;
}

static bool general_rule(const struct topc_params *leaves, struct topc_outcome *out)
{
	for (size_t i = 0; i < leaves->count; i++) {
		const char *part = last_part(leaves->items[i].name);
		if ((strcmp(part, "success") == 0 || strcmp(part, "is_success") == 0) &&
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

	(void)simplify; /* the shape is read from the body */
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
	topc_params_init(&leaves);
	if (*start == '<' || (*start != '{' && format == TOPC_FORMAT_XML))
		topc_xml_classify(body, len, out, &leaves);
	else
		topc_json_classify(body, len, out, &leaves);
	if (out->cls == TOPC_OUTCOME_UNPARSEABLE && topc_body_truncated(body, len))
		topc_outcome_setf(
		    &out->detail,
		    "the body is not valid %s: it ended early (truncated), %zu bytes in "
		    "all",
		    *start == '<' ? "XML" : "JSON", len);
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
