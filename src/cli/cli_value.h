/*
 * cli_value.h - the NAME=VALUE operands of -s, -S and sign (cli_value.c).  Each
 * failure prints its message and returns false, so callers only return
 * the usage status.
 */
#ifndef TOPC_CLI_VALUE_H
#define TOPC_CLI_VALUE_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/params.h"

/* Adds "NAME=VALUE" to params; false (with a message printed) when malformed. */
bool cli_add_assignment(struct topc_params *params, const char *arg, const char *what);
/* The same, and NAME=@FILE takes the value from FILE, NAME=@- from standard
 * input (once), each without one final line end (\n or \r\n) unless raw
 * (-S: its bytes as they are, a byte order mark too); NAME=@@... is "@...".
 * what names the option in messages. */
bool cli_add_value(struct topc_params *params, const char *arg, const char *what, bool raw);
/* The bytes of FILE, or of standard input for "-" (once per run), into value
 * (up to its cap), unless raw without one final line end (\n or \r\n);
 * false after printing why, the message naming NAME=@FROM. */
bool cli_read_value(const char *name, const char *from, bool raw, struct topc_buf *value);

#endif
