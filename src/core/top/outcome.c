#include "top/outcome.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"

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
	free(o->code_text);
	free(o->sub_code);
	free(o->sub_msg);
	free(o->request_id);
	free(o->wrapper);
	free(o->detail);
	free(o->detail_text);
	topc_outcome_init(o);
}

void topc_outcome_set(char **field, const char *value)
{
	free(*field);
	*field = value ? strdup(value) : NULL;
}

void topc_outcome_detailf(struct topc_outcome *o, const char *fmt, ...)
{
	va_list ap;

	free(o->detail);
	free(o->detail_text);
	va_start(ap, fmt);
	o->detail = topc_vstrf(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	o->detail_text = topc_vstrf(_(fmt), ap);
	va_end(ap);
}

void topc_outcome_set_detail(struct topc_outcome *o, const char *english, const char *text)
{
	topc_outcome_set(&o->detail, english);
	topc_outcome_set(&o->detail_text, text);
}

const char *topc_outcome_detail_shown(const struct topc_outcome *o)
{
	return o->detail_text ? o->detail_text : o->detail;
}
