/* cli_json.c - JSON on stdout, inert (cli_json_puts), and the --json lists
 * of forms, profiles and templates (cli_json.h). */
#include "cli_json.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "ext/json.h"
#include "cli.h"
#include "inert.h"

static bool json_escape_cp(FILE *out, uint32_t cp)
{
	if (cp < 0x10000)
		return fprintf(out, "\\u%04X", (unsigned)cp) > 0;
	cp -= 0x10000;
	return fprintf(out, "\\u%04X\\u%04X", (unsigned)(0xD800 + (cp >> 10)),
		       (unsigned)(0xDC00 + (cp & 0x3FF))) > 0;
}

int cli_json_puts(const char *json)
{
	size_t len = strlen(json), from = 0, i = 0;

	while (i < len) {
		uint32_t cp = (unsigned char)json[i];
		size_t n = cp < 0x80 ? 1 : topc_utf8_next(json + i, len - i, &cp);
		if (n == 0) {
			/* a byte that is not UTF-8 (a value sent raw, -S) can
			 * only stand in a string: U+FFFD, as a decoder reading
			 * with errors replaced has it; as it was, the whole
			 * document was no JSON (RFC 8259 8.1) */
			if (fwrite(json + from, 1, i - from, stdout) != i - from ||
			    fputs("\\uFFFD", stdout) == EOF)
				return EOF;
			from = ++i;
			continue;
		}
		if (topc_utf8_inert(cp, true)) {
			if (fwrite(json + from, 1, i - from, stdout) != i - from ||
			    !json_escape_cp(stdout, cp))
				return EOF;
			from = i + n;
		}
		i += n;
	}
	if (fwrite(json + from, 1, len - from, stdout) != len - from)
		return EOF;
	return putchar('\n');
}

/* The buffer fails closed (base/buf.h): once an append fails, every later
 * one fails too and the text is gone, so these stop at the first failure and
 * cli_json_list_print reports it. */
static enum topc_status json_key(struct topc_buf *b, const char *key)
{
	if (b->len && b->data[b->len - 1] != '{' && topc_buf_addc(b, ','))
		return TOPC_ERR_NOMEM;
	if (topc_json_quote(b, key))
		return TOPC_ERR_NOMEM;
	return topc_buf_addc(b, ':');
}

void cli_json_object_open(struct topc_buf *b, bool first)
{
	if (topc_buf_adds(b, first ? "{" : ",\n{"))
		return;
}

void cli_json_object_close(struct topc_buf *b)
{
	if (topc_buf_addc(b, '}'))
		return;
}

void cli_json_string(struct topc_buf *b, const char *key, const char *value)
{
	if (json_key(b, key) != TOPC_OK)
		return;
	if (value ? topc_json_quote(b, value) : topc_buf_adds(b, "null"))
		return;
}

void cli_json_raw(struct topc_buf *b, const char *key, const char *raw)
{
	if (json_key(b, key) != TOPC_OK || topc_buf_adds(b, raw))
		return;
}

void cli_json_list_print(const struct topc_buf *objects, size_t n)
{
	if (objects->failed) {
		cli_fail(3, _("the list is too long to print as JSON"));
		return;
	}
	if (!n) {
		puts("[]");
		return;
	}
	if (fputs("[\n", stdout) == EOF || cli_json_puts(topc_buf_str(objects)) == EOF)
		return;
	puts("]");
}
