/*
 * topc help, --help, topc help --man, topc version, topc completion SHELL and
 * the hidden topc __complete: everything here is printed from the tables in
 * cli_table.c, so the help, the man page and the completions say the same.
 */
#include "cli.h"

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

#define HELP_WIDTH 79
#define HELP_INDENT 24

/* ------------------------------------------------------------------ */
/* --help */

/* Prints text's words from column on, wrapped at HELP_WIDTH with
 * continuation lines indented; returns the column it ends at. */
static int print_words(FILE *out, const char *text, int column, int indent)
{
	const char *p = text;
	int gap = column > indent ? 1 : 0; /* two spaces after a full stop */

	while (*p) {
		const char *end = p;
		int len;
		while (*end && *end != ' ')
			end++;
		len = (int)(end - p);
		if (column > indent && column + gap + len > HELP_WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			column = indent;
		} else if (column > indent) {
			fprintf(out, "%*s", gap, "");
			column += gap;
		}
		fprintf(out, "%.*s", len, p);
		column += len;
		p = end;
		gap = 0;
		while (*p == ' ')
			p++, gap++;
		gap = gap > 1 ? 2 : 1;
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

static void print_faults(FILE *out)
{
	fprintf(out, "\nfault modes:\n");
	for (int f = TOPC_FAULT_DELAY; f <= TOPC_FAULT_RATELIMIT; f++)
		fprintf(out, "  %-10s %s%s\n", topc_fault_name((enum topc_fault)f),
			topc_fault_description((enum topc_fault)f),
			topc_fault_default_arg((enum topc_fault)f) ? " (ARG has a default)" : "");
}

static void print_command_help(FILE *out, const struct cli_command *c)
{
	const char *line = c->synopsis;
	bool first = true;

	while (*line) {
		size_t len = strcspn(line, "\n");
		if (*line == ' ') /* a synopsis line continued */
			fprintf(out, "      %.*s\n", (int)len, line);
		else
			fprintf(out, "%s topc %.*s\n", first ? "usage:" : "      ", (int)len, line);
		first = false;
		line += len + (line[len] == '\n');
	}
	if (*c->description)
		fprintf(out, "\n%s\n", c->description);
	if (c->options && c->options->name)
		fprintf(out, "\noptions:\n");
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
		print_wrapped(out, o->help, n + 2, HELP_INDENT);
	}
	if (strcmp(c->name, "gateway") == 0)
		print_faults(out);
}

int cli_usage(const char *name, bool ok)
{
	const struct cli_command *c = cli_command_find(name);

	if (!c)
		return cli_fail(CLI_EXIT_USAGE, "no command \"%s\"; run topc --help", name);
	print_command_help(ok ? stdout : stderr, c);
	return ok ? 0 : CLI_EXIT_USAGE;
}

int cli_overview(FILE *out, int status)
{
	int column = 2;

	fprintf(out, "usage: topc COMMAND [ARGS]\n\n"
		     "topc composes, signs and sends Taobao Open Platform (TOP) requests.\n\n"
		     "commands:\n");
	for (size_t i = 0; i < cli_command_count; i++)
		if (!cli_commands[i].hidden)
			fprintf(out, "  %-11s %s\n", cli_commands[i].name, cli_commands[i].summary);
	fprintf(out, "\nexit status:\n");
	for (const struct cli_note *n = cli_exit_statuses; n->name; n++) {
		fprintf(out, "  %-2s ", n->name);
		print_wrapped(out, n->text, 5, 5);
	}
	fprintf(out, "\nenvironment:\n  ");
	for (const struct cli_note *n = cli_environment; n->name; n++) {
		char names[256];
		snprintf(names, sizeof(names), "%s%s", n->name, n[1].name ? "," : "");
		column = print_words(out, names, column, 2);
	}
	fprintf(out, "\n\nrun topc help COMMAND for its options; man topc for everything\n");
	return status;
}

/* ------------------------------------------------------------------ */
/* the man page */

/* The code point of the UTF-8 sequence at s (n bytes of it), or -1. */
static long utf8_point(const unsigned char *s, size_t avail, size_t *n)
{
	long cp;
	size_t need = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;

	if (!need || need > avail)
		return -1;
	cp = s[0] & (0x3F >> (need - 1));
	for (size_t k = 1; k < need; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	*n = need;
	return cp;
}

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
			cp = utf8_point((const unsigned char *)s + i, len - i, &n);
			if (cp < 0) {
				fputc('?', out);
				continue;
			}
			fprintf(out, "\\[u%04lX]", cp);
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
		roff_line(out, "", n->text);
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
		roff(out, c->description, strlen(c->description));
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
		roff_line(out, "", o->help);
	}
	if (strcmp(c->name, "gateway") == 0) {
		fprintf(out, ".PP\nFault modes:\n");
		for (int f = TOPC_FAULT_DELAY; f <= TOPC_FAULT_RATELIMIT; f++) {
			fprintf(out, ".TP\n");
			roff_line(out, ".B ", topc_fault_name((enum topc_fault)f));
			roff_line(out, "", topc_fault_description((enum topc_fault)f));
		}
	}
}

static int print_man(FILE *out)
{
	fprintf(out,
		".\\\" generated by topc help --man from src/cli/cli_table.c; do not edit\n"
		".TH TOPC 1 \"\" \"topc %s\" \"User Commands\"\n"
		".SH NAME\n"
		"topc \\- compose, sign and send Taobao Open Platform (TOP) requests\n"
		".SH SYNOPSIS\n"
		".B topc\n"
		"[\\fICOMMAND\\fR] [\\fIARGS\\fR]\n"
		".SH DESCRIPTION\n"
		"topc composes requests to the Taobao Open Platform (TOP) message APIs,\n"
		"signs them exactly as the TOP gateway checks them, sends them, and keeps\n"
		"a history.  Alone in a terminal it opens the console; the commands below\n"
		"are for scripts and quick sends.  The shipped profile \\fBlocal\\fR sends to\n"
		"a gateway built into topc, so everything works offline.\n"
		".SH COMMANDS\n",
		TOPC_VERSION);
	for (size_t i = 0; i < cli_command_count; i++)
		if (!cli_commands[i].hidden)
			man_command(out, &cli_commands[i]);
	man_notes(out, "EXIT STATUS", cli_exit_statuses, true);
	man_notes(out, "ENVIRONMENT", cli_environment, true);
	man_notes(out, "FILES", cli_files, false);
	fprintf(out, ".SH EXAMPLES\n");
	for (const struct cli_note *n = cli_examples; n->name; n++) {
		roff_line(out, ".PP\n", n->text);
		fprintf(out, ".PP\n.RS\n.nf\n");
		roff(out, n->name, strlen(n->name));
		fprintf(out, "\n.fi\n.RE\n");
	}
	fprintf(out, ".SH SEE ALSO\n\\fBcurl\\fR(1), \\fBjq\\fR(1)\n");
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
	printf("data (forms, profiles), the first folder found of:\n");
	for (int i = 0; i < s.ntried; i++)
		printf("  %-28s %s%s\n", s.tried[i].how,
		       s.tried[i].path[0] ? s.tried[i].path : "(not set)",
		       i == s.found	    ? "  <- used"
		       : s.tried[i].path[0] ? "  (no such folder)"
					    : "");
	if (s.found < 0)
		printf("  none found: topc's installation is broken; reinstall it or set "
		       "TOPC_DATADIR\n");
	config = topc_path_config(NULL);
	state = topc_path_state(NULL);
	printf("configuration: %s\nstate (history): %s\n", config ? config : "(no home)",
	       state ? state : "(no home)");
	free(config);
	free(state);
	return s.found < 0 ? CLI_EXIT_USAGE : 0;
}
