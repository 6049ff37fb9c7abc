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
		topc_xml_classify(body, len, out);
	else
		topc_json_classify(body, len, simplify, out);
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
