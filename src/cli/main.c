/* topc: the command line front end.  Dispatches to one command per file. */
#include "cli.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "tui.h"
#include "cli_table.h"
#include "cmd_help.h"
#include "inert.h"

int cmd_console(int argc, char **argv)
{
	const char *profile = NULL;

	if (argc == 3 && (strcmp(argv[1], "-p") == 0 || strcmp(argv[1], "--profile") == 0))
		profile = argv[2];
	else if (argc != 1)
		return cli_usage("console", false);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_fail(CLI_EXIT_USAGE,
				_("the console needs a terminal; topc help lists the "
				  "commands for scripts"));
	return tui_run(profile);
}

int main(int argc, char **argv)
{
	const struct cli_command *c;
	struct topc_error err = {0};

	setlocale(LC_ALL, "");
	topc_i18n_init();
	topc_file_no_sigxfsz(); /* ulimit -f: "file too large", not a dead topc */
	if (argc < 2) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			return cli_overview(stderr, CLI_EXIT_USAGE);
		if (topc_path_data_check(&err) != TOPC_OK)
			return cli_fail_error(&err);
		return tui_run(NULL);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_overview(stdout, 0);
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc - 1, argv + 1);
	c = cli_command_find(argv[1]);
	if (!c)
		return cli_fail(CLI_EXIT_USAGE, _("no command \"%s\"; run topc --help"), argv[1]);
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cli_usage(c->name, true);
	if (c->needs_data && topc_path_data_check(&err) != TOPC_OK)
		return cli_fail_error(&err);
	return c->run(argc - 1, argv + 1);
}
