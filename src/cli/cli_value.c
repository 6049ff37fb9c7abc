/* cli_value.c - NAME=VALUE operands of -s and friends, and their @FILE / @-
 * forms (cli_value.h). */
#include "cli_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/i18n.h"
#include "cli.h"
#include "inert.h"

bool cli_add_assignment(struct topc_params *params, const char *arg, const char *what)
{
	const char *eq = strchr(arg, '=');
	char *name;
	bool ok;

	if (!eq || eq == arg) {
		cli_fail(CLI_EXIT_USAGE, _("%s \"%s\" is not NAME=VALUE; write it as name=value"),
			 what, arg);
		return false;
	}
	/* any length: a long name is the form's to refuse, by its name */
	name = strndup(arg, (size_t)(eq - arg));
	ok = name && topc_params_set(params, name, eq + 1) == TOPC_OK;
	free(name);
	if (!ok)
		cli_fail(3, _("out of memory"));
	return ok;
}

/* The bytes of a file, or of standard input for "-"; unless raw, without
 * one final line end (\n or \r\n, as an editor leaves it).  A lone final
 * \r is no line end and stays. */
bool cli_read_value(const char *name, const char *from, bool raw, struct topc_buf *value)
{
	static bool stdin_used;
	struct topc_error err = {0};

	if (strcmp(from, "-") == 0) {
		if (stdin_used) {
			cli_fail(CLI_EXIT_USAGE,
				 _("%s=@-: standard input was read already by an "
				   "earlier @-; put the other value in a file"),
				 name);
			return false;
		}
		stdin_used = true;
		switch (
		    topc_file_read_fd(STDIN_FILENO, _("standard input"), value->cap, value, &err)) {
		case TOPC_OK:
			break;
		case TOPC_ERR_NOMEM:
			cli_fail(CLI_EXIT_USAGE, _("%s=@-: more than %zu bytes on standard input"),
				 name, value->cap);
			return false;
		default:
			cli_fail(CLI_EXIT_USAGE, _("%s=@-: standard input could not be read"),
				 name);
			return false;
		}
	} else if (topc_file_read(from, value->cap, value, &err) != TOPC_OK) {
		cli_fail(CLI_EXIT_USAGE, "%s=@%s: %s", name, from, err.msg);
		return false;
	}
	if (raw || !value->len || value->data[value->len - 1] != '\n')
		return true;
	value->data[--value->len] = '\0';
	if (value->len && value->data[value->len - 1] == '\r')
		value->data[--value->len] = '\0';
	return true;
}

bool cli_add_value(struct topc_params *params, const char *arg, const char *what, bool raw)
{
	const char *eq = strchr(arg, '=');
	struct topc_buf value;
	char *name;
	bool ok;

	if (!eq || eq[1] != '@' || eq == arg)
		return cli_add_assignment(params, arg, what);
	/* any length: a long name with @FILE reads the file too, never sends
	 * "@FILE" as the value */
	if (!(name = strndup(arg, (size_t)(eq - arg)))) {
		cli_fail(3, _("out of memory"));
		return false;
	}
	topc_buf_init(&value, TOPC_BUF_DEFAULT_CAP);
	if (eq[2] == '@') /* @@: a value that starts with @ */
		ok = topc_buf_adds(&value, eq + 2) == TOPC_OK;
	else
		ok = cli_read_value(name, eq + 2, raw, &value);
	if (ok && memchr(topc_buf_str(&value), '\0', value.len)) {
		cli_fail(CLI_EXIT_USAGE,
			 _("%s=@%s: the value holds a NUL byte; TOP values are text"), name,
			 eq + 2);
		ok = false;
	}
	/* a byte order mark draws as nothing, so it would go out unseen at the
	 * start of the value (-S sends a file's bytes as they are) */
	if (ok && eq[2] != '@' && !raw && value.len >= 3 &&
	    memcmp(value.data, "\xEF\xBB\xBF", 3) == 0) {
		cli_fail(CLI_EXIT_USAGE,
			 _("%s=@%s: the file starts with a byte order mark (EF BB BF), which "
			   "would be sent unseen at the start of the value; save it as UTF-8 "
			   "without one, or send its bytes as they are with -S"),
			 name, eq + 2);
		ok = false;
	}
	if (ok && topc_params_set(params, name, topc_buf_str(&value)) != TOPC_OK) {
		cli_fail(3, _("out of memory"));
		ok = false;
	}
	topc_buf_release(&value);
	free(name);
	return ok;
}
