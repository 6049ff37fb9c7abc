/*
 * topc completion bash|zsh|fish: completion scripts printed from the tables
 * in cli_table.c (commands, options, what each option's argument is), and
 * topc __complete KIND, which the scripts call for what only topc knows:
 * methods (from the forms), field paths of a method, profile and template
 * names, history ids, outcome classes and fault modes.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "form/form.h"
#include "form/form_store.h"
#include "gateway/gateway.h"
#include "history/history.h"
#include "profile/profile.h"
#include "profile/profile_list.h"
#include "profile/template.h"
#include "top/outcome.h"
#include "cli_table.h"
#include "cmd_help.h"
#include "inert.h"

/* The word a script passes to topc __complete, and its own case label. */
static const char *value_kind(enum cli_value v)
{
	switch (v) {
	case CLI_VALUE_FILE:
		return "file";
	case CLI_VALUE_PROFILE:
		return "profile";
	case CLI_VALUE_TEMPLATE:
		return "template";
	case CLI_VALUE_METHOD:
		return "method";
	case CLI_VALUE_FIELD:
		return "field";
	case CLI_VALUE_HISTORY:
		return "history";
	case CLI_VALUE_CHOICE:
		return "choice";
	case CLI_VALUE_COMMAND:
		return "command";
	case CLI_VALUE_OUTCOME:
		return "outcome";
	case CLI_VALUE_FAULT:
		return "fault";
	case CLI_VALUE_NONE:
	case CLI_VALUE_TEXT:
		break;
	}
	return "";
}

/* "choice:a b c" for a choice, else the kind. */
static void put_kind(FILE *out, enum cli_value v, const char *choices)
{
	if (v == CLI_VALUE_CHOICE)
		fprintf(out, "choice:%s", choices ? choices : "");
	else
		fputs(value_kind(v), out);
}

/* s inside single quotes, for sh, zsh and fish alike ('\'' closes, adds a
 * quote and reopens; fish reads it the same way). */
static void put_squoted(FILE *out, const char *s, size_t len)
{
	fputc('\'', out);
	for (size_t i = 0; i < len && s[i]; i++)
		if (s[i] == '\'')
			fputs("'\\''", out);
		else
			fputc(s[i], out);
	fputc('\'', out);
}

/* The help's first clause, for the one-line descriptions zsh and fish show. */
static size_t short_help_len(const char *help)
{
	size_t n = strcspn(help, ";(");
	const char *stop = strstr(help, ". ");

	if (stop && (size_t)(stop - help) < n)
		n = (size_t)(stop - help);
	while (n > 0 && (help[n - 1] == ' ' || help[n - 1] == ':')) /* "...: LIST" */
		n--;
	return n > 70 ? 70 : n;
}

static void put_option_words(FILE *out, const struct cli_option *o)
{
	if (o->letter)
		fprintf(out, "-%c ", o->letter);
	fprintf(out, "--%s", o->name);
}

static void put_command_names(FILE *out)
{
	for (size_t i = 0; i < cli_command_count; i++)
		if (!cli_commands[i].hidden)
			fprintf(out, "%s%s", i ? " " : "", cli_commands[i].name);
}

/* The per-command facts both bash and zsh read: opts (every option), args
 * (options taking an argument, space-framed), subs and operand. */
static void put_sh_command_table(FILE *out)
{
	fprintf(out, "    case $cmd in\n");
	for (size_t i = 0; i < cli_command_count; i++) {
		const struct cli_command *c = &cli_commands[i];
		if (c->hidden)
			continue;
		fprintf(out, "    %s)\n        opts='", c->name);
		for (const struct cli_option *o = c->options; o && o->name; o++) {
			fputs(o == c->options ? "" : " ", out);
			put_option_words(out, o);
		}
		fprintf(out, "'\n        args=' ");
		for (const struct cli_option *o = c->options; o && o->name; o++)
			if (o->arg) {
				put_option_words(out, o);
				fputc(' ', out);
			}
		fprintf(out, "'\n        subs='%s'\n        operand='",
			c->subcommands ? c->subcommands : "");
		if (c->subcommands && c->operand == CLI_VALUE_NONE)
			fprintf(out, "choice:%s", c->subcommands);
		else
			put_kind(out, c->operand, NULL);
		fprintf(out, "'\n        case $prev in\n");
		for (const struct cli_option *o = c->options; o && o->name; o++) {
			if (!o->arg)
				continue;
			fputs("        ", out);
			if (o->letter)
				fprintf(out, "-%c|", o->letter);
			fprintf(out, "--%s) kind='", o->name);
			put_kind(out, o->kind, o->choices);
			fprintf(out, "' ;;\n");
		}
		fprintf(out, "        esac ;;\n");
	}
	fprintf(out, "    esac\n");
}

/* Finds the operands typed so far (skipping option arguments) and the
 * method among them: TOP method names always hold a dot. */
static const char sh_operands[] =
    "    local i w skip= tmpl=\n"
    "    for ((i = 2; i < ncur; i++)); do\n"
    "        w=${tw[i]}\n"
    "        if [ -n \"$skip\" ]; then skip=; continue; fi\n"
    "        case $w in -t|--template) tmpl=${tw[i + 1]} ;; --template=*) tmpl=${w#*=} ;; esac\n"
    "        case \" $args \" in *\" $w \"*) skip=1; continue ;; esac\n"
    "        case $w in -*) continue ;; esac\n"
    "        noperands=$((noperands + 1))\n"
    "        case $w in *=*) ;; *.*) [ -n \"$method\" ] || method=$w ;; esac\n"
    "    done\n"
    "    if [ -z \"$kind\" ]; then\n"
    "        case $cur in\n"
    "        -*) kind=\"choice:$opts\" ;;\n"
    "        *) if [ -n \"$subs\" ] && [ \"$noperands\" -eq 0 ]; then kind=\"choice:$subs\";\n"
    "           else kind=$operand; fi ;;\n"
    "        esac\n"
    "    fi\n";

static void print_bash(FILE *out)
{
	fprintf(out, "# bash completion for topc; generated by topc completion bash from\n"
		     "# src/cli/cli_table.c (do not edit).\n"
		     "_topc() {\n"
		     "    local line=${COMP_LINE:0:COMP_POINT} tw ncur cur prev cmd\n"
		     "    local opts= args= subs= operand= kind= method= noperands=0 topc\n"
		     "    read -ra tw <<<\"$line\"\n"
		     "    case $line in *[[:space:]]) tw+=(\"\") ;; esac\n"
		     "    ncur=$((${#tw[@]} - 1))\n"
		     "    cur=${tw[ncur]} prev=${tw[ncur - 1]} cmd=${tw[1]}\n"
		     "    topc=${tw[0]}\n"
		     "    case $topc in ~*|'') topc=topc ;; esac\n"
		     "    COMPREPLY=()\n"
		     "    if [ \"$ncur\" -le 1 ]; then\n"
		     "        COMPREPLY=($(compgen -W '");
	put_command_names(out);
	fprintf(out, "' -- \"$cur\"))\n"
		     "        return 0\n"
		     "    fi\n");
	put_sh_command_table(out);
	fputs(sh_operands, out);
	fprintf(
	    out,
	    "    case $kind in\n"
	    "    profile|template|method|history|outcome|fault)\n"
	    "        COMPREPLY=($(compgen -W \"$(\"$topc\" __complete \"$kind\" 2>/dev/null)\" -- "
	    "\"$cur\")) ;;\n"
	    "    field)\n"
	    "        case $cur in *=*) return 0 ;; esac\n"
	    "        [ -n \"$method$tmpl\" ] || return 0\n"
	    "        COMPREPLY=($(compgen -W \"$(\"$topc\" __complete field \"$method\" "
	    "\"$tmpl\" 2>/dev/null)\" -- \"$cur\"))\n"
	    "        compopt -o nospace 2>/dev/null ;;\n"
	    "    file) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
	    "    command) COMPREPLY=($(compgen -W '");
	put_command_names(out);
	fprintf(out, "' -- \"$cur\")) ;;\n"
		     "    choice:*) COMPREPLY=($(compgen -W \"${kind#choice:}\" -- \"$cur\")) ;;\n"
		     "    esac\n"
		     "    return 0\n"
		     "}\n"
		     "complete -F _topc topc\n");
}

static void print_zsh(FILE *out)
{
	fprintf(out, "#compdef topc\n"
		     "# zsh completion for topc; generated by topc completion zsh from\n"
		     "# src/cli/cli_table.c (do not edit).\n"
		     "_topc() {\n"
		     "    local -a tw cmds values\n"
		     "    local ncur cur prev cmd opts= args= subs= operand= kind= method= "
		     "noperands=0 topc\n"
		     "    tw=(\"${(@)words}\")\n"
		     "    ncur=$((CURRENT - 1))\n"
		     "    if [ \"$ncur\" -le 1 ]; then\n"
		     "        cmds=(\n");
	for (size_t i = 0; i < cli_command_count; i++) {
		const struct cli_command *c = &cli_commands[i];
		char entry[256];
		if (c->hidden)
			continue;
		snprintf(entry, sizeof(entry), "%s:%s", c->name, c->summary);
		fputs("            ", out);
		put_squoted(out, entry, strlen(entry));
		fputc('\n', out);
	}
	fprintf(out, "        )\n"
		     "        _describe -t commands 'topc command' cmds\n"
		     "        return\n"
		     "    fi\n"
		     "    setopt localoptions ksharrays\n"
		     "    cur=${tw[ncur]} prev=${tw[ncur - 1]} cmd=${tw[1]} topc=${tw[0]}\n"
		     "    case $topc in ~*|'') topc=topc ;; esac\n");
	put_sh_command_table(out);
	fputs(sh_operands, out);
	fprintf(out, "    case $kind in\n"
		     "    profile|template|method|history|outcome|fault)\n"
		     "        values=(${(f)\"$(\"$topc\" __complete \"$kind\" 2>/dev/null)\"})\n"
		     "        compadd -- \"${values[@]}\" ;;\n"
		     "    field)\n"
		     "        case $cur in *=*) return 1 ;; esac\n"
		     "        [ -n \"$method$tmpl\" ] || return 1\n"
		     "        values=(${(f)\"$(\"$topc\" __complete field \"$method\" \"$tmpl\" "
		     "2>/dev/null)\"})\n"
		     "        compadd -S '' -- \"${values[@]}\" ;;\n"
		     "    file) _files ;;\n"
		     "    command) compadd -- ");
	put_command_names(out);
	fprintf(out, " ;;\n"
		     "    choice:*) values=(${=kind#choice:}); compadd -- \"${values[@]}\" ;;\n"
		     "    esac\n"
		     "}\n"
		     "if [ \"${funcstack[1]}\" = _topc ]; then\n"
		     "    _topc \"$@\"\n"
		     "else\n"
		     "    compdef _topc topc\n"
		     "fi\n");
}

static void fish_values(FILE *out, enum cli_value v, const char *choices)
{
	switch (v) {
	case CLI_VALUE_FILE:
		fputs(" -F", out);
		return;
	case CLI_VALUE_FIELD:
		fputs(" -a '(__topc_fields)'", out);
		return;
	case CLI_VALUE_CHOICE:
		fprintf(out, " -a '%s'", choices ? choices : "");
		return;
	case CLI_VALUE_COMMAND:
		fputs(" -a '", out);
		put_command_names(out);
		fputc('\'', out);
		return;
	case CLI_VALUE_NONE:
	case CLI_VALUE_TEXT:
		return;
	default:
		fprintf(out, " -a '(__topc_ask %s)'", value_kind(v));
	}
}

static void print_fish(FILE *out)
{
	fprintf(
	    out,
	    "# fish completion for topc; generated by topc completion fish from\n"
	    "# src/cli/cli_table.c (do not edit).\n"
	    "function __topc_ask\n"
	    "    set -l words (commandline -opc)\n"
	    "    command $words[1] __complete $argv 2>/dev/null\n"
	    "end\n"
	    "function __topc_fields\n"
	    "    set -l words (commandline -opc)\n"
	    "    set -l method ''\n"
	    "    set -l tmpl ''\n"
	    "    set -l next ''\n"
	    "    for w in $words[3..-1]\n"
	    "        if test -n \"$next\"\n"
	    "            set tmpl $w\n"
	    "            set next ''\n"
	    "        else if string match -q -- '-t' $w; or string match -q -- '--template' $w\n"
	    "            set next 1\n"
	    "        else if string match -q -- '--template=*' $w\n"
	    "            set tmpl (string replace -- '--template=' '' $w)\n"
	    "        else if string match -q -- '-*' $w; or string match -q -- '*=*' $w\n"
	    "            continue\n"
	    "        else if test -z \"$method\"; and string match -q -- '*.*' $w\n"
	    "            set method $w\n"
	    "        end\n"
	    "    end\n"
	    "    if test -n \"$method$tmpl\"\n"
	    "        command $words[1] __complete field \"$method\" \"$tmpl\" 2>/dev/null\n"
	    "    end\n"
	    "end\n"
	    "complete -c topc -f\n");
	for (size_t i = 0; i < cli_command_count; i++) {
		const struct cli_command *c = &cli_commands[i];
		char cond[160];
		if (c->hidden)
			continue;
		fprintf(out, "complete -c topc -n __fish_use_subcommand -a %s -d ", c->name);
		put_squoted(out, c->summary, strlen(c->summary));
		fputc('\n', out);
		snprintf(cond, sizeof(cond), "__fish_seen_subcommand_from %s", c->name);
		if (c->subcommands) {
			fprintf(out,
				"complete -c topc -n '%s; and not __fish_seen_subcommand_from %s' "
				"-a '%s'\n",
				cond, c->subcommands, c->subcommands);
			fprintf(out, "complete -c topc -n '%s; and __fish_seen_subcommand_from %s'",
				cond, c->subcommands);
		} else {
			fprintf(out, "complete -c topc -n '%s'", cond);
		}
		fish_values(out, c->operand, NULL);
		fputc('\n', out);
		for (const struct cli_option *o = c->options; o && o->name; o++) {
			fprintf(out, "complete -c topc -n '%s'", cond);
			if (o->letter)
				fprintf(out, " -s %c", o->letter);
			/* -x: an argument, not a file name; -r -F: a file name */
			fprintf(out, " -l %s%s", o->name,
				!o->arg			    ? ""
				: o->kind == CLI_VALUE_FILE ? " -r"
							    : " -x");
			fish_values(out, o->kind, o->choices);
			fputs(" -d ", out);
			put_squoted(out, o->help, short_help_len(o->help));
			fputc('\n', out);
		}
	}
}

int cmd_completion(int argc, char **argv)
{
	if (argc != 2)
		return cli_usage("completion", false);
	if (strcmp(argv[1], "bash") == 0)
		print_bash(stdout);
	else if (strcmp(argv[1], "zsh") == 0)
		print_zsh(stdout);
	else if (strcmp(argv[1], "fish") == 0)
		print_fish(stdout);
	else
		return cli_fail(CLI_EXIT_USAGE,
				_("no completion for shell \"%s\"; choose bash, zsh or fish"),
				argv[1]);
	return 0;
}

/* ------------------------------------------------------------------ */
/* __complete: one candidate per line, nothing on stderr that matters */

/* A candidate the shell lists on the terminal as it is: a name (from a
 * file's name, a form) holding a control or an invisible character is left
 * out, as no one types it, so none reaches the terminal (a profile file
 * named "ev\033]0;x\a.conf" set the window title at each Tab). */
static bool plain_candidate(const char *s)
{
	return *s && !strchr(s, ' ') && topc_utf8_plain(s);
}

static void print_field_paths(const struct topc_field *parent, const char *prefix)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *f = &parent->fields[i];
		char path[512];
		if (snprintf(path, sizeof(path), "%s%s", prefix, f->name) >= (int)sizeof(path))
			continue;
		if (!plain_candidate(path))
			continue;
		printf("%s=\n", path);
		if (f->nfields && !f->array) {
			size_t n = strlen(path);
			if (n + 1 < sizeof(path)) {
				path[n] = '.';
				path[n + 1] = '\0';
				print_field_paths(f, path);
			}
		}
	}
}

static bool print_name(const char *name, void *ctx)
{
	(void)ctx;
	if (plain_candidate(name))
		puts(name);
	return true;
}

static bool print_profile_name(const char *name, const char *path, bool user, void *ctx)
{
	(void)path;
	(void)user;
	return print_name(name, ctx);
}

static bool print_history_id(const struct topc_history_entry *e, void *ctx)
{
	(void)ctx;
	printf("%lld\n", (long long)e->id);
	return true;
}

static int complete_history(void)
{
	struct topc_history *h;
	struct topc_history_filter f;
	struct topc_error err = {0};
	char *notice = NULL;

	if (topc_history_open_reading(NULL, &h, &notice, &err) != TOPC_OK)
		return CLI_EXIT_FAILED;
	free(notice);
	topc_history_filter_init(&f);
	f.limit = 50;
	topc_history_query(h, &f, false, print_history_id, NULL, &err);
	topc_history_close(h);
	return 0;
}

int cmd_complete(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "";
	struct topc_error err = {0};

	if (strcmp(kind, "method") == 0) {
		struct topc_form_store store;
		topc_form_store_init(&store);
		if (topc_form_store_load(&store, &err) == TOPC_OK)
			for (size_t i = 0; i < store.count; i++)
				if (store.items[i].ok)
					print_name(store.items[i].method, NULL);
		topc_form_store_release(&store);
	} else if (strcmp(kind, "field") == 0 && (argc == 3 || argc == 4)) {
		/* field METHOD [TEMPLATE]: the method on the line, else the
		 * template's (send -t NAME without a METHOD) */
		struct topc_template tpl;
		struct topc_form form;
		const char *method = argv[2];
		bool found = false;
		topc_template_init(&tpl);
		if (!*method && argc == 4 && topc_template_load(argv[3], &tpl, &err) == TOPC_OK &&
		    tpl.method)
			method = tpl.method;
		if (*method && topc_form_find(method, &form, &found, &err) == TOPC_OK && found) {
			print_field_paths(&form.request, "");
			topc_form_release(&form);
		}
		topc_template_release(&tpl);
	} else if (strcmp(kind, "profile") == 0) {
		topc_profile_each(print_profile_name, NULL);
	} else if (strcmp(kind, "template") == 0) {
		topc_template_each(print_name, NULL);
	} else if (strcmp(kind, "history") == 0) {
		return complete_history();
	} else if (strcmp(kind, "outcome") == 0) {
		for (int c = TOPC_OUTCOME_SUCCESS; c < TOPC_OUTCOME_COUNT; c++)
			puts(topc_outcome_name((enum topc_outcome_class)c));
	} else if (strcmp(kind, "fault") == 0) {
		for (int f = TOPC_FAULT_DELAY; f <= TOPC_FAULT_RATELIMIT; f++)
			puts(topc_fault_name((enum topc_fault)f));
	} else {
		return cli_usage("__complete", false);
	}
	return 0;
}
