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

#endif
