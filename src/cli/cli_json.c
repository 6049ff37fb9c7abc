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

bool cli_json_write(const char *json, size_t len)
{
	size_t from = 0, i = 0;

	while (i < len) {
		uint32_t cp = (unsigned char)json[i];
		size_t n = cp < 0x80 ? 1 : topc_utf8_next(json + i, len - i, &cp);
		/* a byte that is no UTF-8 (only a string can hold one) as U+FFFD:
		 * written as it came, the output was no JSON at all (history
		 * export refuses such an entry before, keeping it whole) */
		bool stray = n == 0;
		if (stray) {
			n = 1;
			cp = 0xFFFD;
		}
		if (stray || topc_utf8_inert(cp, true)) {
			if (fwrite(json + from, 1, i - from, stdout) != i - from ||
			    !json_escape_cp(stdout, cp))
				return false;
			from = i + n;
		}
		i += n;
	}
	return fwrite(json + from, 1, len - from, stdout) == len - from;
}

int cli_json_puts(const char *json)
{
	return cli_json_write(json, strlen(json)) ? putchar('\n') : EOF;
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
