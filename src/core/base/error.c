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

/* The arguments that read differently in each language: topc_strerror's
 * texts and the parts (TOPC_PART, TOPC_PART2).  Each holds its words in the
 * language of the copy being written: English, unless format_both is writing
 * the reader's.  An errno slot is live from topc_strerror until format_both
 * has written the message it went into; only live slots are switched. */
#define ERRNO_SLOTS 4
static _Thread_local struct {
	int e;
	bool live;
	char text[160];
	char english[160];
} errno_slot[ERRNO_SLOTS];
static _Thread_local unsigned errno_next;

_Thread_local char topc_part_text[2][TOPC_PART_SIZE];

static void errno_english(int e, char *out, size_t size)
{
	static _Thread_local locale_t c;

	if (!c)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	snprintf(out, size, "%s", c ? strerror_l(e, c) : strerror(e));
	topc_utf8_clip(out);
}

/* libc's words in the language setlocale chose (what gettext reads too) */
static void errno_reader(int e, char *out, size_t size)
{
	if (strerror_r(e, out, size) != 0)
		snprintf(out, size, "error %d", e);
	topc_utf8_clip(out);
}

const char *topc_strerror(int e)
{
	unsigned i = errno_next++ % ERRNO_SLOTS;

	errno_slot[i].e = e;
	errno_slot[i].live = true;
	errno_english(e, errno_slot[i].english, sizeof(errno_slot[i].english));
	memcpy(errno_slot[i].text, errno_slot[i].english, sizeof(errno_slot[i].text));
	return errno_slot[i].text;
}

static void errno_language(bool english)
{
	for (unsigned i = 0; i < ERRNO_SLOTS; i++) {
		if (!errno_slot[i].live)
			continue;
		if (english) {
			memcpy(errno_slot[i].text, errno_slot[i].english,
			       sizeof(errno_slot[i].text));
			errno_slot[i].live = false;
		} else
			errno_reader(errno_slot[i].e, errno_slot[i].text,
				     sizeof(errno_slot[i].text));
	}
}

static void part_text(int which, const char *text)
{
	snprintf(topc_part_text[which], sizeof(topc_part_text[which]), "%s", text ? text : "");
}

/* Both messages from one format: english from fmt itself, msg from its
 * translation (the same directives in the same order: check-i18n), errno's
 * words (topc_strerror) and the parts (NULL: empty) in the language of
 * each.  A part may be err itself. */
static void format_both(struct topc_error *err, const struct topc_error *part,
			const struct topc_error *part2, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void format_both(struct topc_error *err, const struct topc_error *part,
			const struct topc_error *part2, const char *fmt, va_list ap)
{
	char msg[2][sizeof(err->msg)];
	va_list aq;

	/* the reader's parts kept before err (perhaps a part) is written */
	snprintf(msg[0], sizeof(msg[0]), "%s", part ? part->msg : "");
	snprintf(msg[1], sizeof(msg[1]), "%s", part2 ? part2->msg : "");
	part_text(0, part ? part->english : NULL);
	part_text(1, part2 ? part2->english : NULL);
	va_copy(aq, ap);
	format(err->english, sizeof(err->english), fmt, ap);
	errno_language(false);
	part_text(0, msg[0]);
	part_text(1, msg[1]);
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
		format_both(err, NULL, NULL, fmt, ap);
		va_end(ap);
	}
	return code;
}

char *topc_vstrf_part(const char *part, const char *fmt, va_list ap)
{
	part_text(0, part);
	return topc_vstrf(fmt, ap);
}

enum topc_status topc_error_vsetp(struct topc_error *err, enum topc_status code,
				  const struct topc_error *part, const char *fmt, va_list ap)
{
	if (err) {
		err->code = code;
		format_both(err, part, NULL, fmt, ap);
	}
	return code;
}

enum topc_status topc_error_setp2(struct topc_error *err, enum topc_status code,
				  const struct topc_error *part, const struct topc_error *part2,
				  const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	format_both(err, part, part2, fmt, ap);
	va_end(ap);
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
	return topc_error_vatp(err, code, file, line, NULL, fmt, ap);
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
	format_both(&prefix, NULL, NULL, fmt, ap);
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
