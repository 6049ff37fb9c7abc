/* topc: the command line front end.  Dispatches to one command per file. */
#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "ext/json.h"
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
		cli_fail(3, _("out of memory"));
		return false;
	}
	return true;
}

/* The bytes of a file, or of standard input for "-", without one final
 * newline (as an editor leaves it). */
bool cli_read_value(const char *name, const char *from, struct topc_buf *value)
{
	static bool stdin_used;
	struct topc_error err = {0};

	if (strcmp(from, "-") == 0) {
		char chunk[65536];
		size_t n;
		if (stdin_used) {
			cli_fail(CLI_EXIT_USAGE,
				 _("%s=@-: standard input was read already by an "
				   "earlier @-; put the other value in a file"),
				 name);
			return false;
		}
		stdin_used = true;
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
			if (topc_buf_add(value, chunk, n) != TOPC_OK) {
				cli_fail(CLI_EXIT_USAGE,
					 _("%s=@-: more than %zu bytes on standard input"), name,
					 value->cap);
				return false;
			}
		if (ferror(stdin)) {
			cli_fail(CLI_EXIT_USAGE, _("%s=@-: standard input could not be read"),
				 name);
			return false;
		}
	} else if (topc_file_read(from, value->cap, value, &err) != TOPC_OK) {
		cli_fail(CLI_EXIT_USAGE, "%s=@%s: %s", name, from, err.msg);
		return false;
	}
	if (value->len && value->data[value->len - 1] == '\n')
		value->data[--value->len] = '\0';
	if (value->len && value->data[value->len - 1] == '\r')
		value->data[--value->len] = '\0';
	return true;
}

bool cli_add_value(struct topc_params *params, const char *arg, const char *what)
{
	const char *eq = strchr(arg, '=');
	struct topc_buf value;
	char name[256];
	bool ok;

	if (!eq || eq[1] != '@' || eq == arg || (size_t)(eq - arg) >= sizeof(name))
		return cli_add_assignment(params, arg, what);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	topc_buf_init(&value, TOPC_BUF_DEFAULT_CAP);
	if (eq[2] == '@') /* @@: a value that starts with @ */
		ok = topc_buf_adds(&value, eq + 2) == TOPC_OK;
	else
		ok = cli_read_value(name, eq + 2, &value);
	if (ok && memchr(topc_buf_str(&value), '\0', value.len)) {
		cli_fail(CLI_EXIT_USAGE,
			 _("%s=@%s: the value holds a NUL byte; TOP values are text"), name,
			 eq + 2);
		ok = false;
	}
	if (ok && topc_params_set(params, name, topc_buf_str(&value)) != TOPC_OK) {
		cli_fail(3, _("out of memory"));
		ok = false;
	}
	topc_buf_release(&value);
	return ok;
}

/* The buffer fails closed (base/buf.h): once an append fails, every later
 * one fails too and the text is gone, so these stop at the first failure and
 * cli_json_list_print reports it. */
static enum topc_status json_key(struct topc_buf *b, const char *key)
{
	if (b->len && b->data[b->len - 1] != '{' && topc_buf_addc(b, ','))
		return TOPC_ERR_NOMEM;
	if (topc_json_quote(b, key))
		return TOPC_ERR_NOMEM;
	return topc_buf_addc(b, ':');
}

void cli_json_object_open(struct topc_buf *b, bool first)
{
	if (topc_buf_adds(b, first ? "{" : ",\n{"))
		return;
}

void cli_json_object_close(struct topc_buf *b)
{
	if (topc_buf_addc(b, '}'))
		return;
}

void cli_json_string(struct topc_buf *b, const char *key, const char *value)
{
	if (json_key(b, key) != TOPC_OK)
		return;
	if (value ? topc_json_quote(b, value) : topc_buf_adds(b, "null"))
		return;
}

void cli_json_raw(struct topc_buf *b, const char *key, const char *raw)
{
	if (json_key(b, key) != TOPC_OK || topc_buf_adds(b, raw))
		return;
}

void cli_json_list_print(const struct topc_buf *objects, size_t n)
{
	if (objects->failed) {
		cli_fail(3, _("the list is too long to print as JSON"));
		return;
	}
	printf("[%s%s%s]\n", n ? "\n" : "", topc_buf_str(objects), n ? "\n" : "");
}

bool cli_color_wanted(void)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	return !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0);
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
