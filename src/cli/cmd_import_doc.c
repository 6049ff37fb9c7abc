/* topc import-doc FILE [-o OUT] [--force]: a form from a doc page. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "form/form.h"
#include "form/form_import.h"
#include "form/form_write.h"
#include "cli_table.h"
#include "cli_value.h"
#include "cmd_help.h"
#include "inert.h"

#define PAGE_MAX (8u << 20)

/* OUT, or OUT/METHOD.conf when OUT is a directory. */
static char *output_path(const char *out, const char *method)
{
	struct stat st;
	struct topc_buf path;
	enum topc_status status;

	topc_buf_init(&path, 8192);
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
		status = topc_buf_addf(&path, "%s%s%s.conf", out,
				       out[0] && out[strlen(out) - 1] == '/' ? "" : "/", method);
	else
		status = topc_buf_adds(&path, out);
	return status == TOPC_OK ? topc_buf_detach(&path, NULL) : NULL;
}

/* The form on standard output (no -o): false with err when it cannot be
 * made.  Output that cannot be written is main's to say (close_stdout:
 * why, and exit 3 as for every command; a reader gone is no failure). */
static bool print_form(const struct topc_form *f, struct topc_error *err)
{
	struct topc_buf text;
	bool ok;

	topc_buf_init(&text, 0);
	ok = topc_form_text(f, &text, err) == TOPC_OK;
	if (ok)
		fwrite(text.data, 1, text.len, stdout);
	topc_buf_release(&text);
	return ok;
}

int cmd_import_doc(int argc, char **argv)
{
	const char *out = NULL, *page;
	bool force = false;
	struct topc_buf text, notes;
	struct topc_form f;
	struct topc_error err = {0};
	char *path = NULL;
	enum topc_status read;
	int c, status = 0;

	optind = 1;
	while ((c = cli_getopt(cli_command_find("import-doc"), argc, argv)) != -1) {
		if (c == CLI_OPT_OUTPUT)
			out = optarg;
		else if (c == CLI_OPT_FORCE)
			force = true;
		else
			return cli_usage("import-doc", false);
	}
	if (optind != argc - 1)
		return cli_usage("import-doc", false);
	page = argv[optind];
	topc_buf_init(&text, PAGE_MAX + 1);
	topc_buf_init(&notes, 1u << 20);
	/* "-": the page on standard input, with the same cap and checks */
	read = strcmp(page, "-") == 0
		   ? topc_file_read_fd(STDIN_FILENO, _("standard input"), PAGE_MAX, &text, &err)
		   : topc_file_read(page, PAGE_MAX, &text, &err);
	if (strcmp(page, "-") == 0)
		page = _("standard input");
	if (read == TOPC_ERR_NOMEM) {
		/* the cap: too large is the input's fault, not topc's (2, not 3) */
		topc_buf_release(&text);
		topc_buf_release(&notes);
		return cli_fail(
		    CLI_EXIT_USAGE,
		    _("%s: larger than %u MiB, the most a doc page may be; save only the "
		      "page's text (select all, copy, paste into a file)"),
		    page, PAGE_MAX >> 20);
	}
	if (read != TOPC_OK ||
	    topc_form_import_noting(topc_buf_str(&text), page, &f, &notes, &err) != TOPC_OK) {
		topc_buf_release(&text);
		topc_buf_release(&notes);
		return cli_fail_error(&err);
	}
	topc_buf_release(&text);
	/* a page cut short imports, saying what it lacks */
	for (const char *line = topc_buf_str(&notes); *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		fprintf(stderr, _("topc: warning: %.*s\n"), (int)n, line);
		line += n + (nl != NULL);
	}
	topc_buf_release(&notes);
	/* OUT/ names a folder: made when missing, as the README's
	 * -o ~/.config/topc/forms/ is on a fresh home */
	if (out && out[0] && out[strlen(out) - 1] == '/' &&
	    topc_dir_ensure(out, 0700, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	else if (out && !(path = output_path(out, f.method)))
		status = cli_fail(3, _("out of memory"));
	else if (path && !force && access(path, F_OK) == 0)
		status = cli_fail(CLI_EXIT_USAGE, _("%s exists; add --force to replace it"), path);
	else if (path ? topc_form_write(&f, path, &err) != TOPC_OK : !print_form(&f, &err))
		status = cli_fail_error(&err);
	else if (path)
		fprintf(stderr, _("topc: wrote %s (%s, %zu request fields)\n"), path, f.method,
			topc_field_count(&f.request));
	free(path);
	topc_form_release(&f);
	return status;
}
