/*
 * cli.h - the command line's commands and shared helpers.
 *
 * Each command is `int cmd_NAME(int argc, char **argv)` and returns the
 * process exit status: 0 success, 1 API or business error (or a signature
 * mismatch for sign), 2 invalid input, 3 transport / HTTP / unparseable.
 * Only this front end prints; the core reports through struct topc_error.
 */
#ifndef TOPC_CLI_H
#define TOPC_CLI_H

#include <getopt.h> /* optind, optarg for cli_getopt's callers */
#include <stdbool.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/params.h"
#include "base/i18n.h"

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
	     "out of memory; standard output could not be written"))

enum cli_exit {
#define CLI_X(id, status, meaning) CLI_EXIT_##id = status,
	CLI_EXIT_TABLE(CLI_X)
#undef CLI_X
};

/* X(id, name): every command, each defined in its cmd_*.c (help, version and
 * completion in cmd_help.c).  Their documentation is in cli_table.c. */
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

/*
 * The command line described once, as tables (cli_table.c): --help, the man
 * page (topc help --man) and the shell completions (topc completion SHELL)
 * are all printed from them, and each command's getopt reads its options
 * from them (cli_getopt), so none of these can drift from what is parsed.
 */

/* What an option's argument or a command's operand is, for completion. */
enum cli_value {
	CLI_VALUE_NONE,	    /* a flag, or nothing to complete */
	CLI_VALUE_TEXT,	    /* free text */
	CLI_VALUE_FILE,	    /* a file name */
	CLI_VALUE_PROFILE,  /* a profile name */
	CLI_VALUE_TEMPLATE, /* a template name */
	CLI_VALUE_METHOD,   /* an API method (from the forms) */
	CLI_VALUE_FIELD,    /* NAME=VALUE, NAME a field path of the chosen method */
	CLI_VALUE_HISTORY,  /* a history entry id */
	CLI_VALUE_CHOICE,   /* one of the option's choices */
	CLI_VALUE_COMMAND,  /* a topc command */
	CLI_VALUE_OUTCOME,  /* an outcome class (success, api_error...) */
	CLI_VALUE_FAULT,    /* a gateway fault mode */
};

struct cli_option {
	int val;	     /* what cli_getopt returns for it */
	char letter;	     /* its short form, 0 when none */
	const char *name;    /* its long form, without -- */
	const char *arg;     /* the argument's name in the help, NULL for a flag */
	enum cli_value kind; /* what the argument is */
	const char *choices; /* space-separated, for CLI_VALUE_CHOICE */
	const char *help;    /* one paragraph, wrapped when printed */
};

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;		  /* one line, for the overview */
	const char *synopsis;		  /* one line per form, each without "topc " */
	const char *description;	  /* lines as printed; "\n\n" separates paragraphs */
	const struct cli_option *options; /* ends with {0}; NULL when none */
	const char *subcommands;	  /* space-separated, NULL when none */
	enum cli_value operand;		  /* what its operands are */
	bool needs_data;		  /* fails clearly without the shipped data */
	bool hidden;			  /* left out of the help and the man page */
};

struct cli_note {
	const char *name, *text;
};

extern const struct cli_command cli_commands[];
extern const size_t cli_command_count;
extern const struct cli_note cli_exit_statuses[], cli_files[], cli_environment[], cli_examples[];

const struct cli_command *cli_command_find(const char *name);
/* getopt_long over command c's option table: returns an option's val, -1
 * after the last option (optind is the first operand), '?' for an unknown
 * option or a missing argument (getopt has said which). */
int cli_getopt(const struct cli_command *c, int argc, char **argv);
/* Prints the usage text of a command (to stdout when ok, else stderr). */
int cli_usage(const char *command, bool ok);
/* Prints the list of commands to out and returns status. */
int cli_overview(FILE *out, int status);

/* Prints "topc: MESSAGE" on stderr and returns status. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the core error and returns its exit status. */
int cli_fail_error(const struct topc_error *err);

/* Adds "NAME=VALUE" to params; false (with a message printed) when malformed. */
bool cli_add_assignment(struct topc_params *params, const char *arg, const char *what);
/* The same, and NAME=@FILE takes the value from FILE, NAME=@- from standard
 * input (once), each without one final newline; NAME=@@... is "@...". */
bool cli_add_value(struct topc_params *params, const char *arg, const char *what);
/* The bytes of FILE, or of standard input for "-" (once per run), into value
 * (up to its cap) without one final newline; false after printing why, the
 * message naming NAME=@FROM. */
/* Whether standard output has failed (flushing what is buffered): the first
 * time, says why on stderr unless the reader went away (EPIPE).  Commands that
 * stream much stop at the first true; main checks once more at exit. */
bool cli_stdout_failed(void);
bool cli_read_value(const char *name, const char *from, struct topc_buf *value);

/* Text from outside, printed inert (inert.c): control characters (C0, DEL,
 * C1 such as U+009B), bidirectional overrides and bytes that are not UTF-8
 * show as \xNN or \uNNNN, so a hostile text cannot drive the terminal.
 * len (size_t)-1 means up to the NUL.  Newlines and tabs are kept. */
void cli_print_inert(const char *s, size_t len);
void cli_write_inert(FILE *out, const char *s, size_t len);
/* One line's worth: s with newlines and tabs escaped too, for a printf
 * "%s".  Valid until eight more calls; "" for NULL. */
const char *cli_inert(const char *s);
/* JSON for the --json lists: each object is written as {"key":value,...}
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

/* Colours on a terminal: true unless NO_COLOR is set or TERM is dumb (the
 * caller checks that its stream is a terminal). */
bool cli_color_wanted(void);

/* --query EXPR over an answer (jq for JSON, XPath for XML): prints each
 * selected value on a line, inert; 0 when something was selected, 1 (with
 * a message) when nothing was or the query failed on this answer (a jq
 * runtime error): the request went out, so never 2. */
int cli_query_print(const char *expr, const char *body, size_t len);
/* --expect EXPR: 0 when the answer matches; 1 with a message naming what
 * (may be NULL) when it does not or cannot be checked; 2 when EXPR does not
 * compile. */
int cli_expect(const char *expr, const char *body, size_t len, const char *what);

/* History helpers shared by history and replay. */
/* Display cells (cli_cells.c): a Chinese character is two, ASCII one. */
size_t cli_utf8_next(const char *s, size_t len, long *cp); /* bytes of the character at s */
int cli_char_cells(long cp);
int cli_cells(const char *s, size_t len);
/* Prints s, then spaces up to width cells (none when s is wider). */
void cli_pad(FILE *out, const char *s, int width);

struct topc_history;
struct topc_history_filter;
struct topc_history_entry;
/* Applies a filter option (getopt code M P o S g l) to f; false with a
 * message when its argument is bad. */
bool cli_history_option(int c, const char *arg, struct topc_history_filter *f);
/* Opens the default history; prints a notice (a damaged file moved aside). */
/* list, show, export, diff read (write false: opened read-only when it
 * exists); replay writes too, or reads only, with a warning, when it cannot. */
int cli_history_open(struct topc_history **h, bool write);

#endif
