#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/utf8.h"

static void format(char *out, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void format(char *out, size_t size, const char *fmt, va_list ap)
{
	vsnprintf(out, size, fmt, ap);
	topc_utf8_clip(out);
}

/* Both messages from one format: english from fmt itself, msg from its
 * translation (the same directives in the same order: check-i18n). */
static void format_both(struct topc_error *err, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void format_both(struct topc_error *err, const char *fmt, va_list ap)
{
	va_list aq;

	va_copy(aq, ap);
	format(err->english, sizeof(err->english), fmt, ap);
	format(err->msg, sizeof(err->msg), _(fmt), aq);
	va_end(aq);
}

enum topc_status topc_error_set(struct topc_error *err, enum topc_status code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		va_start(ap, fmt);
		format_both(err, fmt, ap);
		va_end(ap);
	}
	return code;
}

_Thread_local char topc_part_mark[2];

/* The format filled twice, TOPC_PART a different byte each time: the first
 * byte where the two differ is where the part goes, whatever the other
 * arguments hold. */
char *topc_vstrf_part(const char *part, const char *fmt, va_list ap)
{
	va_list aq;
	char *one, *two, *out = NULL;
	size_t at = 0;

	va_copy(aq, ap);
	topc_part_mark[0] = '\x01';
	one = topc_vstrf(fmt, ap);
	topc_part_mark[0] = '\x02';
	two = topc_vstrf(fmt, aq);
	va_end(aq);
	if (one && two) {
		while (one[at] && one[at] == two[at])
			at++;
		if (!one[at])
			out = topc_strf("%s", one); /* no TOPC_PART in it */
		else
			out = topc_strf("%.*s%s%s", (int)at, one, part, one + at + 1);
	}
	free(one);
	free(two);
	return out;
}

static void format_part(char *out, size_t size, const char *part, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void format_part(char *out, size_t size, const char *part, const char *fmt, va_list ap)
{
	char *text = topc_vstrf_part(part, fmt, ap);

	snprintf(out, size, "%s", text ? text : "");
	topc_utf8_clip(out);
	free(text);
}

enum topc_status topc_error_vsetp(struct topc_error *err, enum topc_status code,
				  const struct topc_error *part, const char *fmt, va_list ap)
{
	struct topc_error copy;
	va_list aq;

	if (!err)
		return code;
	if (!part) {
		err->code = code;
		format_both(err, fmt, ap);
		return code;
	}
	memcpy(&copy, part, sizeof(copy)); /* part may be err */
	err->code = code;
	va_copy(aq, ap);
	format_part(err->english, sizeof(err->english), copy.english, fmt, ap);
	format_part(err->msg, sizeof(err->msg), copy.msg, _(fmt), aq);
	va_end(aq);
	return code;
}

enum topc_status topc_error_setp(struct topc_error *err, enum topc_status code,
				 const struct topc_error *part, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = topc_error_vsetp(err, code, part, fmt, ap);
	va_end(ap);
	return code;
}

enum topc_status topc_error_text(struct topc_error *err, enum topc_status code, const char *msgid)
{
	if (err) {
		err->code = code;
		snprintf(err->english, sizeof(err->english), "%s", msgid);
		snprintf(err->msg, sizeof(err->msg), "%s", _(msgid));
		topc_utf8_clip(err->english);
		topc_utf8_clip(err->msg);
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

/* out = prefix + out; the old message is cut, not the context, when both do
 * not fit */
static void put_prefix(char *out, size_t size, const char *prefix)
{
	char old[sizeof(((struct topc_error *)0)->msg)];
	size_t plen = strlen(prefix);

	snprintf(old, sizeof(old), "%s", out);
	if (plen >= size)
		plen = size - 1;
	memcpy(out, prefix, plen);
	snprintf(out + plen, size - plen, "%s", old);
	topc_utf8_clip(out);
}

/* "file:line: " or "file: " before both messages; never translated */
static void put_position(char *out, size_t size, const char *file, int line)
{
	char pos[sizeof(((struct topc_error *)0)->msg)];
	int n = line > 0 ? snprintf(pos, sizeof(pos), "%s:%d: ", file, line)
			 : snprintf(pos, sizeof(pos), "%s: ", file);

	if (n < 0)
		return;
	put_prefix(out, size, pos);
}

enum topc_status topc_error_vat(struct topc_error *err, enum topc_status code, const char *file,
				int line, const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	format_both(err, fmt, ap);
	put_position(err->english, sizeof(err->english), file, line);
	put_position(err->msg, sizeof(err->msg), file, line);
	return code;
}

void topc_error_position(struct topc_error *err, const char *file, int line)
{
	if (err) {
		put_position(err->english, sizeof(err->english), file, line);
		put_position(err->msg, sizeof(err->msg), file, line);
	}
}

void topc_error_prefix(struct topc_error *err, const char *fmt, ...)
{
	struct topc_error prefix;
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	format_both(&prefix, fmt, ap);
	va_end(ap);
	put_prefix(err->english, sizeof(err->english), prefix.english);
	put_prefix(err->msg, sizeof(err->msg), prefix.msg);
}

enum topc_status topc_error_copy(struct topc_error *dst, enum topc_status code,
				 const struct topc_error *src)
{
	if (dst) {
		if (dst != src)
			memcpy(dst, src, sizeof(*dst));
		dst->code = code;
	}
	return code;
}

void topc_error_clear(struct topc_error *err)
{
	if (err) {
		err->code = TOPC_OK;
		err->msg[0] = '\0';
		err->english[0] = '\0';
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
