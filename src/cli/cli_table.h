/*
 * cli_table.h - the command line described once, as tables (cli_table.c).
 *
 * --help and the man page (cmd_help.c) and the shell completions
 * (cmd_completion.c) are printed from these tables, and each command's
 * getopt reads its options from them (cli_getopt), so none of them can
 * drift from what is parsed.  The tables are constant and live as long as
 * the program.
 */
#ifndef TOPC_CLI_TABLE_H
#define TOPC_CLI_TABLE_H

#include <getopt.h> /* optind, optarg for cli_getopt's callers */
#include <stdbool.h>
#include <stddef.h>

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

/* X(id, name): every long option of every command, once.  The tables
 * (cli_table.c) name an option by id; its code (CLI_OPT_id, what cli_getopt
 * returns for it, long or short form) and its long name both come from here,
 * so the codes cannot clash and need no picking: an option used by several
 * commands (--json, --profile) has one code everywhere. */
#define CLI_OPTION_TABLE(X)                                                                        \
	X(ALL, "all")                                                                              \
	X(ANY_METHOD, "any-method")                                                                \
	X(BODY, "body")                                                                            \
	X(COMPARE, "compare")                                                                      \
	X(CONCURRENCY, "concurrency")                                                              \
	X(DEADLINE, "deadline")                                                                    \
	X(DESCRIPTION, "description")                                                              \
	X(DRY_RUN, "dry-run")                                                                      \
	X(EMIT_BODY, "emit-body")                                                                  \
	X(EXACT, "exact")                                                                          \
	X(EXPECT, "expect")                                                                        \
	X(EXPORT, "export")                                                                        \
	X(FAULT, "fault")                                                                          \
	X(FORCE, "force")                                                                          \
	X(FORMAT, "format")                                                                        \
	X(FRESH, "fresh")                                                                          \
	X(FROM_HISTORY, "from-history")                                                            \
	X(GREP, "grep")                                                                            \
	X(HISTORY_PROFILE, "history-profile")                                                      \
	X(IGNORE, "ignore")                                                                        \
	X(INBOX, "inbox")                                                                          \
	X(JSON, "json")                                                                            \
	X(LIMIT, "limit")                                                                          \
	X(LISTEN, "listen")                                                                        \
	X(MAN, "man")                                                                              \
	X(METHOD, "method")                                                                        \
	X(NOW, "now")                                                                              \
	X(OUTCOME, "outcome")                                                                      \
	X(OUTPUT, "output")                                                                        \
	X(PRINT, "print")                                                                          \
	X(PROFILE, "profile")                                                                      \
	X(QUERY, "query")                                                                          \
	X(RATE, "rate")                                                                            \
	X(REPEAT, "repeat")                                                                        \
	X(REVEAL, "reveal")                                                                        \
	X(SECRET_ENV, "secret-env")                                                                \
	X(SESSION, "session")                                                                      \
	X(SET, "set")                                                                              \
	X(SET_RAW, "set-raw")                                                                      \
	X(SIGN_METHOD, "sign-method")                                                              \
	X(SINCE, "since")                                                                          \
	X(STRICT, "strict")                                                                        \
	X(TEMPLATE, "template")                                                                    \
	X(VERBOSE, "verbose")

enum cli_option_code {
	CLI_OPT_NONE = 0,	    /* the end of a table */
	CLI_OPT_BEFORE_FIRST = 255, /* the codes are above every letter and '?' */
#define CLI_X(id, name) CLI_OPT_##id,
	CLI_OPTION_TABLE(CLI_X)
#undef CLI_X
};

struct cli_option {
	enum cli_option_code code; /* what cli_getopt returns for it */
	char letter;		   /* its short form, 0 when none */
	const char *name;	   /* its long form, without -- */
	const char *arg;	   /* the argument's name in the help, NULL for a flag */
	enum cli_value kind;	   /* what the argument is */
	const char *choices;	   /* space-separated, for CLI_VALUE_CHOICE */
	const char *help;	   /* one paragraph, wrapped when printed */
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
/* getopt_long over command c's option table: returns an option's code
 * (CLI_OPT_*) for its long and its short form alike, -1 after the last
 * option (optind is the first operand), '?' for an unknown option or a
 * missing argument (getopt has said which). */
int cli_getopt(const struct cli_command *c, int argc, char **argv);
/* NULL when every command's table is sound (no option twice, no letter
 * twice, not too many), else what is wrong; topc help --man, which the
 * build runs, fails on it. */
const char *cli_tables_check(void);

#endif
