/*
 * topc help, --help, topc help --man, topc version, topc completion SHELL and
 * the hidden topc __complete: everything here is printed from the tables in
 * cli_table.c, so the help, the man page and the completions say the same.
 */
#include "cmd_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/paths.h"
#include "form/form.h"
#include "form/form_store.h"
#include "gateway/gateway.h"
#include "history/history.h"
#include "profile/profile.h"
#include "profile/template.h"
#include "top/outcome.h"
#include "cli.h"
#include "cli_cells.h"
#include "cli_table.h"
#include "cmd_history.h"
#include "inert.h"

#define HELP_WIDTH 79
#define HELP_INDENT 24

/* ------------------------------------------------------------------ */
/* --help */

/* Closing punctuation a line must not start with. */
static bool no_break_before(long cp)
{
	static const long closing[] = {0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0x3001, 0xFF09, 0x300D,
				       0x300F, 0xFF01, 0xFF1F, 0x3011, 0x300B, 0x201D, 0x2019};

	for (size_t i = 0; i < sizeof(closing) / sizeof(closing[0]); i++)
		if (cp == closing[i])
			return true;
	return false;
}

/* Opening punctuation a line must not end with. */
static bool no_break_after(long cp)
{
	static const long opening[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x201C, 0x2018};

	for (size_t i = 0; i < sizeof(opening) / sizeof(opening[0]); i++)
		if (cp == opening[i])
			return true;
	return false;
}

/* The token at p: a run of narrow characters up to a space or a wide one,
 * or one wide character with the closing punctuation after it (a line may
 * break between two Chinese characters, as Chinese text does).  Returns its
 * length in bytes and sets *cells. */
static size_t token(const char *p, int *cells)
{
	size_t len = strlen(p), i = 0, n;
	long cp;

	*cells = 0;
	n = cli_utf8_next(p, len, &cp);
	if (no_break_after(cp) && n < len && p[n] != ' ') { /* （ and what follows */
		int rest;
		size_t more = token(p + n, &rest);
		*cells = cli_char_cells(cp) + rest;
		return n + more;
	}
	if (cli_char_cells(cp) == 2) {
		*cells = 2;
		i = n;
		while (i < len) {
			n = cli_utf8_next(p + i, len - i, &cp);
			if (!no_break_before(cp))
				break;
			*cells += cli_char_cells(cp);
			i += n;
		}
		return i;
	}
	while (i < len && p[i] != ' ') {
		n = cli_utf8_next(p + i, len - i, &cp);
		if (i > 0 && cli_char_cells(cp) == 2 && !no_break_before(cp))
			break;
		*cells += cli_char_cells(cp);
		i += n;
		if (cli_char_cells(cp) == 2) { /* a closing 、 or ）: a break may follow */
			while (i < len) {
				n = cli_utf8_next(p + i, len - i, &cp);
				if (!no_break_before(cp))
					break;
				*cells += cli_char_cells(cp);
				i += n;
			}
			break;
		}
	}
	return i;
}

/* Prints text's words from column on, wrapped at HELP_WIDTH display cells
 * with continuation lines indented; returns the column it ends at. */
static int print_words(FILE *out, const char *text, int column, int indent)
{
	const char *p = text;
	int gap = column > indent ? 1 : 0; /* two spaces after a full stop */

	while (*p) {
		int cells;
		size_t len = token(p, &cells);
		if (column > indent && column + gap + cells > HELP_WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			column = indent;
		} else if (column > indent) {
			fprintf(out, "%*s", gap, "");
			column += gap;
		}
		fprintf(out, "%.*s", (int)len, p);
		column += cells;
		p += len;
		gap = 0;
		while (*p == ' ')
			p++, gap++;
		gap = gap > 1 ? 2 : gap;
	}
	return column;
}

static void print_wrapped(FILE *out, const char *text, int column, int indent)
{
	print_words(out, text, column, indent);
	fputc('\n', out);
}

static int option_label(const struct cli_option *o, char *label, size_t size)
{
	return snprintf(label, size, "%c%c%s--%s%s%s", o->letter ? '-' : ' ',
			o->letter ? o->letter : ' ', o->letter ? ", " : "  ", o->name,
			o->arg ? " " : "", o->arg ? o->arg : "");
}

/* An option's help as printed: the table's and, for an outcome, the
 * classes from the core's table, so that a new one cannot be left out. */
static const char *option_help(const struct cli_option *o)
{
	static char text[1024];

	if (o->kind != CLI_VALUE_OUTCOME)
		return _(o->help);
	snprintf(text, sizeof(text), "%s %s", _(o->help), cli_outcome_names(false));
	return text;
}

static void print_faults(FILE *out)
{
	fprintf(out, "\n%s\n", _("fault modes:"));
	for (int f = TOPC_FAULT_DELAY; f <= TOPC_FAULT_RATELIMIT; f++)
		fprintf(out, "  %-10s %s%s\n", topc_fault_name((enum topc_fault)f),
			topc_fault_description((enum topc_fault)f),
			topc_fault_default_arg((enum topc_fault)f) ? _(" (ARG has a default)")
								   : "");
}

static void print_command_help(FILE *out, const struct cli_command *c)
{
	const char *line = c->synopsis;
	bool first = true;

	while (*line) {
		size_t len = strcspn(line, "\n");
		if (*line == ' ') /* a synopsis line continued */
			fprintf(out, "      %.*s\n", (int)len, line);
		else if (first)
			fprintf(out, _("usage: topc %.*s\n"), (int)len, line);
		else
			fprintf(out, "       topc %.*s\n", (int)len, line);
		first = false;
		line += len + (line[len] == '\n');
	}
	if (*c->description)
		fprintf(out, "\n%s\n", _(c->description));
	if (c->options && c->options->name)
		fprintf(out, "\n%s\n", _("options:"));
	for (const struct cli_option *o = c->options; o && o->name; o++) {
		char label[96];
		int n = option_label(o, label, sizeof(label));
		fprintf(out, "  %s", label);
		if (n + 2 >= HELP_INDENT) {
			fprintf(out, "\n%*s", HELP_INDENT, "");
			n = HELP_INDENT - 2;
		} else {
			fprintf(out, "%*s", HELP_INDENT - 2 - n, "");
			n = HELP_INDENT - 2;
		}
		print_wrapped(out, option_help(o), n + 2, HELP_INDENT);
	}
	if (strcmp(c->name, "gateway") == 0)
		print_faults(out);
}

int cli_usage(const char *name, bool ok)
{
	const struct cli_command *c = cli_command_find(name);

	if (!c)
		return cli_fail(CLI_EXIT_USAGE, _("no command \"%s\"; run topc --help"), name);
	print_command_help(ok ? stdout : stderr, c);
	return ok ? 0 : CLI_EXIT_USAGE;
}

int cli_overview(FILE *out, int status)
{
	int column = 2;

	fprintf(out, "%s\n\n%s\n\n%s\n", _("usage: topc COMMAND [ARGS]"),
		_("topc composes, signs and sends Taobao Open Platform (TOP) requests."),
		_("commands:"));
	for (size_t i = 0; i < cli_command_count; i++)
		if (!cli_commands[i].hidden)
			fprintf(out, "  %-11s %s\n", cli_commands[i].name,
				_(cli_commands[i].summary));
	fprintf(out, "\n%s\n", _("exit status:"));
	for (const struct cli_note *n = cli_exit_statuses; n->name; n++) {
		fprintf(out, "  %-2s ", n->name);
		print_wrapped(out, _(n->text), 5, 5);
	}
	fprintf(out, "\n%s\n  ", _("environment:"));
	for (const struct cli_note *n = cli_environment; n->name; n++) {
		char names[256];
		snprintf(names, sizeof(names), "%s%s", n->name, n[1].name ? "," : "");
		column = print_words(out, names, column, 2);
	}
	fprintf(out, "\n\n%s\n",
		_("run topc help COMMAND for its options; man topc for everything"));
	return status;
}

/* ------------------------------------------------------------------ */
/* the man page */

/* Text for roff: backslashes and hyphens escaped, a leading . or ' made
 * literal, so no text from the tables can become a request; non-ASCII
 * (the pages' Chinese) as \[uXXXX], which every groff reads without
 * preconv. */
static void roff(FILE *out, const char *s, size_t len)
{
	bool line_start = true;

	for (size_t i = 0; i < len && s[i]; i++) {
		size_t n = 0;
		long cp;
		if (line_start && (s[i] == '.' || s[i] == '\''))
			fputs("\\&", out);
		line_start = s[i] == '\n';
		if ((unsigned char)s[i] >= 0x80) {
			n = cli_utf8_next(s + i, len - i, &cp);
			/* \: lets groff break the line after a Chinese
			 * character, as Chinese text breaks */
			fprintf(out, cli_char_cells(cp) == 2 ? "\\[u%04lX]\\:" : "\\[u%04lX]", cp);
			i += n - 1;
		} else if (s[i] == '\\')
			fputs("\\e", out);
		else if (s[i] == '-')
			fputs("\\-", out);
		else
			fputc(s[i], out);
	}
}

static void roff_line(FILE *out, const char *request, const char *s)
{
	fprintf(out, "%s", request);
	roff(out, s, strlen(s));
	fputc('\n', out);
}

static void man_notes(FILE *out, const char *section, const struct cli_note *notes, bool bold)
{
	fprintf(out, ".SH %s\n", section);
	for (const struct cli_note *n = notes; n->name; n++) {
		fprintf(out, ".TP\n");
		roff_line(out, bold ? ".B " : ".I ", n->name);
		roff_line(out, "", _(n->text));
	}
}

static void man_command(FILE *out, const struct cli_command *c)
{
	const char *line = c->synopsis;

	fprintf(out, ".SS \"topc %s\"\n.nf\n", c->name);
	while (*line) {
		size_t len = strcspn(line, "\n");
		fputs(*line == ' ' ? "" : "\\fBtopc\\fR ", out);
		roff(out, line, len);
		fputc('\n', out);
		line += len + (line[len] == '\n');
	}
	fprintf(out, ".fi\n");
	if (*c->description) {
		fprintf(out, ".PP\n.nf\n");
		roff(out, _(c->description), strlen(_(c->description)));
		fprintf(out, "\n.fi\n");
	}
	for (const struct cli_option *o = c->options; o && o->name; o++) {
		fprintf(out, ".TP\n");
		if (o->letter)
			fprintf(out, "\\fB\\-%c\\fR, ", o->letter);
		fputs("\\fB\\-\\-", out);
		roff(out, o->name, strlen(o->name));
		fputs("\\fR", out);
		if (o->arg) {
			fputs(" \\fI", out);
			roff(out, o->arg, strlen(o->arg));
			fputs("\\fR", out);
		}
		fputc('\n', out);
		roff_line(out, "", option_help(o));
	}
	if (strcmp(c->name, "gateway") == 0) {
		roff_line(out, ".PP\n", _("Fault modes:"));
		for (int f = TOPC_FAULT_DELAY; f <= TOPC_FAULT_RATELIMIT; f++) {
			fprintf(out, ".TP\n");
			roff_line(out, ".B ", topc_fault_name((enum topc_fault)f));
			roff_line(out, "", topc_fault_description((enum topc_fault)f));
		}
	}
}

static int print_man(FILE *out)
{
	const char *unsound = cli_tables_check();

	/* the build prints the man page: a table that lists an option twice
	 * fails the build, not the person who types that option */
	if (unsound)
		return cli_fail(CLI_EXIT_FAILED, "internal: %s", unsound);
	fprintf(out,
		".\\\" generated by topc help --man from src/cli/cli_table.c; do not edit\n"
		".TH TOPC 1 \"\" \"topc %s\" \"User Commands\"\n"
		".SH %s\n",
		TOPC_VERSION, _("NAME"));
	roff_line(out, "topc \\- ",
		  _("compose, sign and send Taobao Open Platform (TOP) requests"));
	fprintf(out, ".SH %s\n.B topc\n[\\fICOMMAND\\fR] [\\fIARGS\\fR]\n.SH %s\n", _("SYNOPSIS"),
		_("DESCRIPTION"));
	roff_line(out, "",
		  _("topc composes requests to the Taobao Open Platform (TOP) message APIs, "
		    "signs them exactly as the TOP gateway checks them, sends them, and keeps "
		    "a history.  Alone in a terminal it opens the console; the commands below "
		    "are for scripts and quick sends.  The shipped profile local sends to "
		    "a gateway built into topc, so everything works offline."));
	fprintf(out, ".SH %s\n", _("COMMANDS"));
	for (size_t i = 0; i < cli_command_count; i++)
		if (!cli_commands[i].hidden)
			man_command(out, &cli_commands[i]);
	man_notes(out, _("EXIT STATUS"), cli_exit_statuses, true);
	man_notes(out, _("ENVIRONMENT"), cli_environment, true);
	man_notes(out, _("FILES"), cli_files, false);
	fprintf(out, ".SH %s\n", _("EXAMPLES"));
	for (const struct cli_note *n = cli_examples; n->name; n++) {
		roff_line(out, ".PP\n", _(n->text));
		fprintf(out, ".PP\n.RS\n.nf\n");
		roff(out, n->name, strlen(n->name));
		fprintf(out, "\n.fi\n.RE\n");
	}
	fprintf(out, ".SH %s\n", _("SEE ALSO"));
	fprintf(out, "\\fBcurl\\fR(1), \\fBjq\\fR(1)\n");
	return 0;
}

int cmd_help(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--man") == 0)
		return print_man(stdout);
	if (argc < 2)
		return cli_overview(stdout, 0);
	if (argc > 2)
		return cli_usage("help", false);
	return cli_usage(argv[1], true);
}

/* ------------------------------------------------------------------ */
/* version */

int cmd_version(int argc, char **argv)
{
	struct topc_path_search s;
	char *config, *state;

	if (argc > 2 ||
	    (argc == 2 && strcmp(argv[1], "--verbose") != 0 && strcmp(argv[1], "-v") != 0))
		return cli_usage("version", false);
	printf("topc %s\n", TOPC_VERSION);
	if (argc < 2)
		return 0;
	topc_path_data_search(&s);
	printf("%s\n", _("data (forms, profiles), the first folder found of:"));
	for (int i = 0; i < s.ntried; i++)
		printf("  %-28s %s%s\n", s.tried[i].how,
		       s.tried[i].path[0] ? s.tried[i].path : _("(not set)"),
		       i == s.found	    ? _("  <- used")
		       : s.tried[i].empty   ? _("  (holds neither forms/ nor profiles/)")
		       : s.tried[i].exists  ? _("  (exists; not used, an earlier one is)")
		       : s.tried[i].path[0] ? _("  (no such folder)")
					    : "");
	if (s.ntried == 1)
		printf("%s\n", _("  TOPC_DATADIR is set: no other folder is looked in"));
	if (s.found < 0)
		printf("%s\n", _("  none found: topc's installation is broken; reinstall it or set "
				 "TOPC_DATADIR"));
	config = topc_path_config(NULL);
	state = topc_path_state(NULL);
	printf(_("configuration: %s\nstate (history): %s\n"), config ? config : _("(no home)"),
	       state ? state : _("(no home)"));
	free(config);
	free(state);
	return s.found < 0 ? CLI_EXIT_USAGE : 0;
}
