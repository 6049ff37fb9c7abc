/*
 * cmd_history.h - the helpers cmd_history.c shares with replay (cmd_replay.c), besides
 * the command history itself (cli.h).
 */
#ifndef TOPC_CMD_HISTORY_H
#define TOPC_CMD_HISTORY_H

#include <stdbool.h>

struct topc_history;
struct topc_history_filter;
struct topc_history_entry;
/* Applies a filter option (CLI_OPT_METHOD, PROFILE, HISTORY_PROFILE,
 * OUTCOME, SINCE, GREP, LIMIT: cli_getopt's code) to f; false with a
 * message when its argument is bad or c is none of them. */
bool cli_history_option(int c, const char *arg, struct topc_history_filter *f);
/* The outcome classes --outcome takes, all of the core's table
 * (top/outcome.h): "success, api_error, ..., pending", or with or_last
 * "success, api_error, ... or pending", the separators translated.  Valid
 * until the next call. */
const char *cli_outcome_names(bool or_last);
/* Opens the default history; prints a notice (a damaged file moved aside). */
/* list, show, export, diff read (write false: opened read-only when it
 * exists); replay writes too, or reads only, with a warning, when it cannot. */
int cli_history_open(struct topc_history **h, bool write);

#endif
