/*
 * cli.h - the commands' entry points and the exit statuses they return.
 *
 * Each command is `int cmd_NAME(int argc, char **argv)`, defined in
 * cmd_NAME.c (console in main.c; help and version in cmd_help.c; completion
 * and the hidden __complete in cmd_completion.c), argv[0] being the command's
 * name.  It returns the process exit status (CLI_EXIT_*, the same for every
 * command).  Only this front end prints; the core reports through struct
 * topc_error.  The helpers the commands share have their own headers:
 * cli_table.h (the tables and cli_getopt), cmd_help.h (usage), inert.h
 * (printing and failing), cli_value.h (NAME=VALUE), cli_json.h (--json
 * lists), cli_query.h (--query, --expect), cli_cells.h (display cells),
 * cmd_history.h (history filters).
 */
#ifndef TOPC_CLI_H
#define TOPC_CLI_H

#include "base/i18n.h" /* N_ in the exit table; _ for every command */

/* X(id, status, meaning): topc's exit statuses, the same for every command.
 * `topc help --man` and --help list them from here. */
#define CLI_EXIT_TABLE(X)                                                                          \
	X(OK, 0,                                                                                   \
	  N_("success: the API answered with its result; sign: the signature matches; "            \
	     "check: every file is sound"))                                                        \
	X(FAILED, 1,                                                                               \
	  N_("the API answered with an error or a business failure; sign: the signature does "     \
	     "not match; check: a file has problems; diff: the entries differ"))                   \
	X(USAGE, 2,                                                                                \
	  N_("invalid input: the command line, a profile, a secret, a form value; nothing was "    \
	     "sent"))                                                                              \
	X(TRANSPORT, 3,                                                                            \
	  N_("transport failure, an HTTP error or an answer that cannot be read; "                 \
	     "out of memory; standard output could not be written"))                               \
	X(UNPRINTED, 4,                                                                            \
	  N_("send, replay: the request went out and was answered, its outcome is in the "         \
	     "history, but standard output could not be written; do not send it again"))

enum cli_exit {
#define CLI_X(id, status, meaning) CLI_EXIT_##id = status,
	CLI_EXIT_TABLE(CLI_X)
#undef CLI_X
};

/* X(id, name): every command, each defined in its cmd_*.c (see above).
 * Their documentation is in cli_table.c. */
#define CLI_COMMAND_TABLE(X)                                                                       \
	X(console, "console")                                                                      \
	X(send, "send")                                                                            \
	X(sign, "sign")                                                                            \
	X(history, "history")                                                                      \
	X(replay, "replay")                                                                        \
	X(gateway, "gateway")                                                                      \
	X(forms, "forms")                                                                          \
	X(profiles, "profiles")                                                                    \
	X(templates, "templates")                                                                  \
	X(import_doc, "import-doc")                                                                \
	X(completion, "completion")                                                                \
	X(help, "help")                                                                            \
	X(version, "version")

#define CLI_X(id, name) int cmd_##id(int argc, char **argv);
CLI_COMMAND_TABLE(CLI_X)
#undef CLI_X
/* The hidden command the completion scripts call: topc __complete WHAT [ARG]. */
int cmd_complete(int argc, char **argv);

#endif
