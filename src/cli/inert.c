/* Text from outside (servers, history, doc pages, files) printed inert: a
 * hostile answer must not drive the terminal.  C0 controls but newline and
 * tab, DEL, the C1 controls U+0080-U+009F (U+009B is CSI on many
 * terminals), the bidirectional overrides and isolates (text that reads
 * other than it is), and bytes that are not UTF-8 all show as escapes. */
#include "cli.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

static bool inert_char(uint32_t cp, bool keep_lines)
{
	if (cp == '\n' || cp == '\t')
		return !keep_lines;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Appends s[0..len) (up to the NUL when len is (size_t)-1) with escapes. */
static enum topc_status inert_append(struct topc_buf *out, const char *s, size_t len,
				     bool keep_lines)
{
	enum topc_status st = TOPC_OK;

	if (len == (size_t)-1)
		len = strlen(s);
	for (size_t i = 0, n; i < len && st == TOPC_OK; i += n) {
		uint32_t cp = 0;
		n = topc_utf8_next(s + i, len - i, &cp);
		if (keep_lines && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') {
			st = topc_buf_add(out, "\r\n", 2); /* an HTTP line end */
			n = 2;
		} else if (!n) {
			st = topc_buf_addf(out, "\\x%02X", (unsigned char)s[i]);
			n = 1;
		} else if (inert_char(cp, keep_lines)) {
			st = topc_buf_addf(out, cp < 0x100 ? "\\x%02X" : "\\u%04X", (unsigned)cp);
		} else {
			st = topc_buf_add(out, s + i, n);
		}
	}
	return st;
}

#define TOO_LONG "(too long to show)"

void cli_write_inert(FILE *out, const char *s, size_t len)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	if (inert_append(&b, s, len, true) == TOPC_OK)
		fwrite(topc_buf_str(&b), 1, b.len, out);
	else
		fputs(TOO_LONG, out);
	topc_buf_release(&b);
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
	char *text;

	if (!s)
		return "";
	topc_buf_init(&b, 0);
	text = inert_append(&b, s, (size_t)-1, false) == TOPC_OK ? topc_buf_detach(&b, NULL) : NULL;
	topc_buf_release(&b);
	next = (next + 1) % (sizeof(ring) / sizeof(ring[0]));
	free(ring[next]);
	ring[next] = text;
	return text ? text : TOO_LONG;
}

int cli_fail(int status, const char *fmt, ...)
{
	struct topc_buf msg;
	enum topc_status st;
	va_list ap;

	topc_buf_init(&msg, 0);
	va_start(ap, fmt);
	st = topc_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	fputs("topc: ", stderr);
	if (st == TOPC_OK)
		cli_write_inert(stderr, topc_buf_str(&msg), msg.len);
	else
		fputs("out of memory formatting a message", stderr);
	fputc('\n', stderr);
	topc_buf_release(&msg);
	return status;
}
