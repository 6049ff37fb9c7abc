/* topc: the command line front end.  Dispatches to one command per file. */
#include "cli.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gateway/gateway.h"
#include "tui.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;
};

static const struct command commands[] = {
#define CLI_X(id, name, summary, usage) {name, cmd_##id, summary, usage},
    CLI_COMMAND_TABLE(CLI_X)
#undef CLI_X
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

static const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int cli_fail_error(const struct topc_error *err)
{
	return cli_fail(topc_status_exit_code(err->code), "%s", err->msg);
}

bool cli_add_assignment(struct topc_params *params, const char *arg, const char *what)
{
	const char *eq = strchr(arg, '=');
	char name[256];

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name)) {
		cli_fail(CLI_EXIT_USAGE, "%s \"%s\" is not NAME=VALUE; write it as name=value",
			 what, arg);
		return false;
	}
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if (topc_params_set(params, name, eq + 1) != TOPC_OK) {
		cli_fail(3, "out of memory");
		return false;
	}
	return true;
}

int cli_usage(const char *name, bool ok)
{
	const struct command *c = command_find(name);
	FILE *out = ok ? stdout : stderr;

	if (!c)
		return cli_fail(CLI_EXIT_USAGE, "no command \"%s\"; run topc --help", name);
	fprintf(out, "usage: %s", c->usage);
	if (strcmp(name, "gateway") == 0)
		for (int f = TOPC_FAULT_DELAY; f <= TOPC_FAULT_RATELIMIT; f++)
			fprintf(out, "  %-10s %s%s\n", topc_fault_name((enum topc_fault)f),
				topc_fault_description((enum topc_fault)f),
				topc_fault_default_arg((enum topc_fault)f) ? " (ARG has a default)"
									   : "");
	return ok ? 0 : CLI_EXIT_USAGE;
}

static int overview(FILE *out, int status)
{
	fprintf(out, "usage: topc COMMAND [ARGS]\n\n"
		     "topc composes, signs and sends Taobao Open Platform (TOP) requests.\n\n"
		     "commands:\n");
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nrun topc help COMMAND for its options\n");
	return status;
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2)
		return overview(stdout, 0);
	return cli_usage(argv[1], true);
}

int cmd_console(int argc, char **argv)
{
	const char *profile = NULL;

	if (argc == 3 && (strcmp(argv[1], "-p") == 0 || strcmp(argv[1], "--profile") == 0))
		profile = argv[2];
	else if (argc != 1)
		return cli_usage("console", false);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_fail(CLI_EXIT_USAGE, "the console needs a terminal; topc help lists the "
						"commands for scripts");
	return tui_run(profile);
}

int cmd_version(int argc, char **argv)
{
	printf("topc %s\n", TOPC_VERSION);
	return 0;
}

int main(int argc, char **argv)
{
	const struct command *c;

	setlocale(LC_ALL, "");
	if (argc < 2)
		return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)
			   ? tui_run(NULL)
			   : overview(stderr, CLI_EXIT_USAGE);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return overview(stdout, 0);
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc - 1, argv + 1);
	c = command_find(argv[1]);
	if (!c)
		return cli_fail(CLI_EXIT_USAGE, "no command \"%s\"; run topc --help", argv[1]);
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cli_usage(c->name, true);
	return c->run(argc - 1, argv + 1);
}
