/*
 * cli_json.h - the --json lists (cli_json.c).
 */
#ifndef TOPC_CLI_JSON_H
#define TOPC_CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

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
