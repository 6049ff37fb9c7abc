#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum topc_status topc_error_set(struct topc_error *err, enum topc_status code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

enum topc_status topc_error_at(struct topc_error *err, enum topc_status code, const char *file,
			       int line, const char *fmt, ...)
{
	va_list ap;
	enum topc_status st;

	va_start(ap, fmt);
	st = topc_error_vat(err, code, file, line, fmt, ap);
	va_end(ap);
	return st;
}

enum topc_status topc_error_vat(struct topc_error *err, enum topc_status code, const char *file,
				int line, const char *fmt, va_list ap)
{
	char what[sizeof(err->msg)];

	if (!err)
		return code;
	vsnprintf(what, sizeof(what), fmt, ap);
	if (line > 0)
		return topc_error_set(err, code, "%s:%d: %s", file, line, what);
	return topc_error_set(err, code, "%s: %s", file, what);
}

void topc_error_prefix(struct topc_error *err, const char *fmt, ...)
{
	char prefix[sizeof(err->msg)];
	char old[sizeof(err->msg)];
	size_t plen;
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	plen = strlen(prefix);
	memcpy(err->msg, prefix, plen);
	/* The old message is cut, not the context, when both do not fit. */
	snprintf(err->msg + plen, sizeof(err->msg) - plen, "%.*s",
		 (int)(sizeof(err->msg) - plen - 1), old);
}

void topc_error_clear(struct topc_error *err)
{
	if (err) {
		err->code = TOPC_OK;
		err->msg[0] = '\0';
	}
}

const char *topc_status_name(enum topc_status code)
{
	switch (code) {
#define TOPC_X(name, exit_status)                                                                  \
	case TOPC_##name:                                                                          \
		return #name;
		TOPC_STATUS_TABLE(TOPC_X)
#undef TOPC_X
	}
	return "UNKNOWN";
}

int topc_status_exit_code(enum topc_status code)
{
	switch (code) {
#define TOPC_X(name, exit_status)                                                                  \
	case TOPC_##name:                                                                          \
		return exit_status;
		TOPC_STATUS_TABLE(TOPC_X)
#undef TOPC_X
	}
	return 3;
}
