/* topc: the command line front end.  Dispatches to one command per file. */
#include "cli.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/file.h"
#include "base/paths.h"
#include "tui.h"

int cli_fail_error(const struct topc_error *err)
{
	return cli_fail(topc_status_exit_code(err->code), "%s", err->msg);
}

bool cli_add_assignment(struct topc_params *params, const char *arg, const char *what)
{
	const char *eq = strchr(arg, '=');
	char name[256];

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name)) {
		cli_fail(CLI_EXIT_USAGE, _("%s \"%s\" is not NAME=VALUE; write it as name=value"),
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
	if (argc < 2)
		return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)
			   ? tui_run(NULL)
			   : cli_overview(stderr, CLI_EXIT_USAGE);
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
