/* cli_json.c - the --json lists of forms, profiles and templates
 * (cli_json.h). */
#include "cli_json.h"

#include <stdio.h>

#include "base/i18n.h"
#include "ext/json.h"
#include "cli.h"
#include "inert.h"

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
