#include "base/error.h"

#include <locale.h>
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

/* topc_strerror's texts: each slot holds errno's words in the language of
 * the copy being written (English unless format_both is writing the
 * reader's). */
#define ERRNO_SLOTS 4
static _Thread_local struct {
	int e;
	char text[160];
} errno_slot[ERRNO_SLOTS];
static _Thread_local unsigned errno_next;

static void errno_words(int e, bool english, char *out, size_t size)
{
	static _Thread_local locale_t c, reader;
	locale_t loc;

	if (english && !c)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (!english && !reader)
		reader = newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK, "", (locale_t)0);
	loc = english ? c : reader;
	snprintf(out, size, "%s", loc ? strerror_l(e, loc) : strerror(e));
	topc_utf8_clip(out);
}

const char *topc_strerror(int e)
{
	unsigned i = errno_next++ % ERRNO_SLOTS;

	errno_slot[i].e = e;
	errno_words(e, true, errno_slot[i].text, sizeof(errno_slot[i].text));
	return errno_slot[i].text;
}

static void errno_language(bool english)
{
	for (unsigned i = 0; i < ERRNO_SLOTS; i++)
		if (errno_slot[i].text[0])
			errno_words(errno_slot[i].e, english, errno_slot[i].text,
				    sizeof(errno_slot[i].text));
}

/* Both messages from one format: english from fmt itself, msg from its
 * translation (the same directives in the same order: check-i18n), errno's
 * words (topc_strerror) in the language of each. */
static void format_both(struct topc_error *err, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void format_both(struct topc_error *err, const char *fmt, va_list ap)
{
	va_list aq;

	va_copy(aq, ap);
	format(err->english, sizeof(err->english), fmt, ap);
	errno_language(false);
	format(err->msg, sizeof(err->msg), _(fmt), aq);
	errno_language(true);
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

_Thread_local char topc_part_mark[2], topc_part2_mark[2];

/* The format filled three times, each TOPC_PART a different byte in two of
 * them: the first byte where two fillings differ is where that part goes,
 * whatever the other arguments hold. */
char *topc_vstrf_parts(const char *part, const char *part2, const char *fmt, va_list ap)
{
	va_list b, c;
	char *one, *two, *three, *out = NULL;
	size_t at = 0, at2 = 0;

	va_copy(b, ap);
	va_copy(c, ap);
	topc_part_mark[0] = '\x01';
	topc_part2_mark[0] = '\x03';
	one = topc_vstrf(fmt, ap);
	topc_part_mark[0] = '\x02';
	two = topc_vstrf(fmt, b);
	topc_part_mark[0] = '\x01';
	topc_part2_mark[0] = '\x04';
	three = topc_vstrf(fmt, c);
	va_end(b);
	va_end(c);
	if (one && two && three) {
		while (one[at] && one[at] == two[at])
			at++;
		while (one[at2] && one[at2] == three[at2])
			at2++;
		struct topc_buf o;
		enum topc_status st = TOPC_OK;
		topc_buf_init(&o, 0);
		for (size_t i = 0; one[i] && st == TOPC_OK; i++)
			st = i == at	? topc_buf_adds(&o, part ? part : "")
			     : i == at2 ? topc_buf_adds(&o, part2 ? part2 : "")
					: topc_buf_addc(&o, one[i]);
		if (st == TOPC_OK)
			out = topc_buf_detach(&o, NULL);
		topc_buf_release(&o);
	}
	free(one);
	free(two);
	free(three);
	return out;
}

char *topc_vstrf_part(const char *part, const char *fmt, va_list ap)
{
	return topc_vstrf_parts(part, NULL, fmt, ap);
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

enum topc_status topc_error_setp2(struct topc_error *err, enum topc_status code,
				  const struct topc_error *part, const struct topc_error *part2,
				  const char *fmt, ...)
{
	struct topc_error one, two;
	va_list ap, aq;
	char *en, *msg;

	if (!err)
		return code;
	memcpy(&one, part, sizeof(one)); /* either may be err */
	memcpy(&two, part2, sizeof(two));
	err->code = code;
	va_start(ap, fmt);
	va_copy(aq, ap);
	en = topc_vstrf_parts(one.english, two.english, fmt, ap);
	msg = topc_vstrf_parts(one.msg, two.msg, _(fmt), aq);
	va_end(aq);
	va_end(ap);
	snprintf(err->english, sizeof(err->english), "%s", en ? en : "");
	snprintf(err->msg, sizeof(err->msg), "%s", msg ? msg : "");
	topc_utf8_clip(err->english);
	topc_utf8_clip(err->msg);
	free(en);
	free(msg);
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

enum topc_status topc_error_vatp(struct topc_error *err, enum topc_status code, const char *file,
				 int line, const struct topc_error *part, const char *fmt,
				 va_list ap)
{
	enum topc_status st = topc_error_vsetp(err, code, part, fmt, ap);

	topc_error_position(err, file, line);
	return st;
}
