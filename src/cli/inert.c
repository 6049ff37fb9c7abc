/* Text from outside (servers, history, doc pages, files) printed inert: a
 * hostile answer must not drive the terminal.  C0 controls but newline and
 * tab, DEL, the C1 controls, the bidirectional and zero-width characters
 * (text that reads other than it is: topc_utf8_inert has the list), and
 * bytes that are not UTF-8 all show as escapes.
 * What is shown reads back one way: a backslash shows as \\ where it
 * could be read as the start of an escape (before x and two hex digits, u
 * and four, another backslash, or a character that is escaped), and as
 * itself everywhere else.  So an escaped ESC is \x1B, a server's literal
 * text "\x1B" is \\x1B, and the escapes of a JSON answer (\" \n \/) stay
 * as they came, copyable. */
#include "inert.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "cli.h"

/* Where inert text goes: a stream, written run by run (so an answer of any
 * size is printed whole, never held twice), or a buffer for one line. */
struct inert_sink {
	FILE *f;
	struct topc_buf *b;
	bool failed;
};

static void sink_write(struct inert_sink *k, const char *data, size_t n)
{
	if (k->f)
		fwrite(data, 1, n, k->f);
	else if (!k->failed && topc_buf_add(k->b, data, n) != TOPC_OK)
		k->failed = true;
}

/* \xNN for a byte or a code point below U+0100, \uNNNN above */
static void sink_escape(struct inert_sink *k, unsigned value)
{
	char esc[16];
	int n = value < 0x100 ? snprintf(esc, sizeof(esc), "\\x%02X", value)
			      : snprintf(esc, sizeof(esc), "\\u%04X", value);

	if (n > 0 && (size_t)n < sizeof(esc))
		sink_write(k, esc, (size_t)n);
}

/* How many bytes at s[0..len) show as themselves; 0 when the character
 * there is escaped (topc_utf8_inert lists it, or it is no UTF-8).  With
 * keep_lines a CR shows only before a LF, the two an HTTP line end. */
static size_t shown_as_is(const char *s, size_t len, bool keep_lines)
{
	uint32_t cp = 0;
	size_t n = topc_utf8_next(s, len, &cp);

	if (keep_lines && cp == '\r')
		return len > 1 && s[1] == '\n' ? 2 : 0;
	return n && !topc_utf8_inert(cp, keep_lines) ? n : 0;
}

static bool hex_digits(const char *s, size_t len, size_t n)
{
	if (len < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Whether the backslash before s[0..len) must show as \\: when what
 * follows would read as an escape, or is escaped itself. */
static bool backslash_escaped(const char *s, size_t len, bool keep_lines)
{
	return len &&
	       (s[0] == '\\' || (s[0] == 'x' && hex_digits(s + 1, len - 1, 2)) ||
		(s[0] == 'u' && hex_digits(s + 1, len - 1, 4)) || !shown_as_is(s, len, keep_lines));
}

/* Writes s[0..len) (up to the NUL when len is (size_t)-1) with escapes:
 * runs of harmless text at once, each escape on its own. */
static void inert_write(struct inert_sink *k, const char *s, size_t len, bool keep_lines)
{
	size_t run = 0;

	if (len == (size_t)-1)
		len = strlen(s);
	for (size_t i = 0, n; i < len && !k->failed; i += n) {
		uint32_t cp = 0;
		if (s[i] == '\\') {
			n = 1;
			if (!backslash_escaped(s + i + 1, len - i - 1, keep_lines))
				continue;
			sink_write(k, s + run, i - run);
			sink_write(k, "\\\\", 2);
		} else if ((n = shown_as_is(s + i, len - i, keep_lines))) {
			continue;
		} else {
			sink_write(k, s + run, i - run);
			n = topc_utf8_next(s + i, len - i, &cp);
			sink_escape(k, n ? (unsigned)cp : (unsigned char)s[i]);
			n = n ? n : 1;
		}
		run = i + n;
	}
	sink_write(k, s + run, len - run);
}

#define TOO_LONG _("(too long to show)")

void cli_write_inert(FILE *out, const char *s, size_t len)
{
	struct inert_sink k = {.f = out};

	inert_write(&k, s, len, true);
}

void cli_print_inert(const char *s, size_t len)
{
	cli_write_inert(stdout, s, len);
}

const char *cli_inert(const char *s)
{
	static char *ring[8];
	static size_t next;
	struct topc_buf b;
	struct inert_sink k = {.b = &b};
	char *text;

	if (!s)
		return "";
	topc_buf_init(&b, 0);
	inert_write(&k, s, (size_t)-1, false);
	text = k.failed ? NULL : topc_buf_detach(&b, NULL);
	topc_buf_release(&b);
	next = (next + 1) % (sizeof(ring) / sizeof(ring[0]));
	free(ring[next]);
	ring[next] = text;
	return text ? text : TOO_LONG;
}

int cli_fail(int status, const char *fmt, ...)
{
	struct topc_buf msg;
	va_list ap;

	topc_buf_init(&msg, 0);
	va_start(ap, fmt);
	if (topc_buf_vaddf(&msg, fmt, ap) != TOPC_OK) {
		va_end(ap);
		fputs(_("topc: (the message is too long to show)\n"), stderr);
		return status;
	}
	va_end(ap);
	fputs("topc: ", stderr);
	cli_write_inert(stderr, topc_buf_str(&msg), msg.len);
	fputc('\n', stderr);
	topc_buf_release(&msg);
	return status;
}

int cli_fail_error(const struct topc_error *err)
{
	return cli_fail(topc_status_exit_code(err->code), "%s", err->msg);
}

bool cli_color_wanted(void)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	return !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0);
}

void cli_report_problem(const char *msg, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "%s\n", cli_inert(msg));
}
