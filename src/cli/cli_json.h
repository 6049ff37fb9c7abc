/*
 * cli_json.h - JSON on stdout (cli_json.c): one document made inert, and
 * the --json lists.
 */
#ifndef TOPC_CLI_JSON_H
#define TOPC_CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* JSON text (one document or a list, with its newlines) and a newline, on
 * stdout: every character topc_utf8_inert lists, which can only stand in a
 * string there, is written as its \uXXXX escape (surrogate pairs above
 * U+FFFF), so --json piped to a terminal is inert too and stays valid JSON
 * of the same value; a byte that is no UTF-8 is written as \uFFFD (JSON
 * cannot carry it).  The same bytes in every language.  Returns what puts
 * returns (EOF on failure). */
int cli_json_puts(const char *json);
/* The same for len bytes of JSON text, no newline added; false when stdout
 * fails. */
bool cli_json_write(const char *json, size_t len);

/* Each object is written as {"key":value,...}
 * into one buffer, objects separated by ",\n", then printed in [ ].  A
 * failed append fails the buffer (base/buf.h): every later append fails too
 * and cli_json_list_print refuses it, so a cut list is never printed.
 * cli_json_object_open starts an object (the first of the list or a next one),
 * cli_json_object_close ends it. */
void cli_json_object_open(struct topc_buf *b, bool first);
void cli_json_object_close(struct topc_buf *b);
void cli_json_string(struct topc_buf *b, const char *key, const char *value);
void cli_json_raw(struct topc_buf *b, const char *key, const char *raw);
void cli_json_list_print(const struct topc_buf *objects, size_t n);

#endif
