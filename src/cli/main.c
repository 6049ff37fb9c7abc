/* topc: the command line front end.  Dispatches to one command per file. */
#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "top/secret.h"
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

/* A pipe whose reader has gone (topc ... | head): nothing to say. */
static bool reader_gone(void)
{
	struct pollfd p = {.fd = STDOUT_FILENO, .events = 0};
	struct stat st;

	return fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode) && poll(&p, 1, 0) == 1 &&
	       (p.revents & POLLERR);
}

static bool stdout_gone; /* the reader went away: quiet, status kept */

static void say_unwritten(int e)
{
	if (e == EPIPE || reader_gone()) {
		stdout_gone = true;
		return;
	}
	cli_fail(CLI_EXIT_TRANSPORT,
		 _("standard output could not be written (%s); free space on its disk or write "
		   "it elsewhere"),
		 e ? strerror(e) : _("write error"));
}

bool cli_stdout_failed(void)
{
	static bool said;

	errno = 0;
	if (!ferror(stdout) && fflush(stdout) == 0)
		return false;
	if (!said)
		say_unwritten(errno);
	said = true;
	return true;
}

static bool sent; /* a request went out and was answered */

void cli_note_sent(void)
{
	sent = true;
}

/* As coreutils' close_stdout: output that could not be written (a full disk,
 * /dev/full) fails the command, whatever it did before, said once here; a
 * reader that went away (EPIPE, topc ... | head) is no failure and quiet. */
static int close_stdout(int status)
{
	bool failed = cli_stdout_failed();

	if (!failed && fclose(stdout) != 0) {
		failed = true;
		say_unwritten(errno);
	}
	if (failed && !stdout_gone && sent) {
		cli_fail(CLI_EXIT_UNPRINTED,
			 _("the request went out and was answered; its outcome is in the history "
			   "(topc history list): do not send it again"));
		return CLI_EXIT_UNPRINTED;
	}
	if (failed && !stdout_gone && status == CLI_EXIT_OK)
		return CLI_EXIT_TRANSPORT;
	return status;
}

static int run(int argc, char **argv)
{
	const struct cli_command *c;
	struct topc_error err = {0};

	setlocale(LC_ALL, "");
	topc_i18n_init();
	topc_file_no_sigxfsz(); /* ulimit -f: "file too large", not a dead topc */
	/* no core dump from any command: a profile's secret_env is in the
	 * environment from the start, before any secret is read */
	topc_secret_protect_process();
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

int main(int argc, char **argv)
{
	return close_stdout(run(argc, argv));
}
