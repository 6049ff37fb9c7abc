/* topc forms list | show METHOD | check [FILE...] */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "form/form.h"
#include "form/form_store.h"
#include "form/form_read.h"
#include "cli_json.h"
#include "cli_table.h"
#include "cli_cells.h"
#include "cmd_help.h"
#include "inert.h"

/* where the form comes from, for a person (--json says "from" untranslated) */
static const char *origin(const struct topc_form_entry *e)
{
	if (e->shadows)
		return _("user, replaces shipped");
	return e->user ? _("user") : _("shipped");
}

static void forms_list_json(const struct topc_form_store *store)
{
	struct topc_buf out;
	size_t n = 0;

	topc_buf_init(&out, 0);
	for (size_t i = 0; i < store->count; i++) {
		const struct topc_form_entry *e = &store->items[i];
		char count[32];
		if (!e->ok)
			continue;
		snprintf(count, sizeof(count), "%zu", topc_field_count(&e->form.request));
		cli_json_object_open(&out, !n++);
		cli_json_string(&out, "method", e->method);
		cli_json_raw(&out, "fields", count);
		cli_json_string(&out, "from", e->user ? "user" : "shipped");
		cli_json_raw(&out, "replaces_shipped", e->shadows ? "true" : "false");
		cli_json_string(&out, "title", e->form.title);
		cli_json_string(&out, "path", e->path);
		cli_json_object_close(&out);
	}
	cli_json_list_print(&out, n);
	topc_buf_release(&out);
}

static int forms_list(bool json)
{
	struct topc_form_store store;
	struct topc_error err = {0};
	/* TRANSLATORS: the column titles of topc forms list */
	const char *tm = _("METHOD"), *tn = _("FIELDS"), *tf = _("FROM");
	int status = 0, width = cli_cells_max(0, tm), wn = cli_cells_max(6, tn),
	    wf = cli_cells_max(0, tf);

	topc_form_store_init(&store);
	if (topc_form_store_load(&store, &err) != TOPC_OK)
		return cli_fail_error(&err);
	for (size_t i = 0; i < store.count; i++)
		if (store.items[i].ok) {
			width = cli_cells_max(width, cli_inert(store.items[i].method));
			wf = cli_cells_max(wf, origin(&store.items[i]));
		}
	if (json)
		forms_list_json(&store);
	else if (store.count == 0)
		printf(
		    _("no forms; yours go in ~/.config/topc/forms/ (topc import-doc makes one)\n"));
	else
		cli_row(stdout, 4, (const char *const[]){tm, tn, tf, _("TITLE")},
			(const int[]){width, -wn, wf, 0});
	for (size_t i = 0; i < store.count && !json; i++) {
		const struct topc_form_entry *e = &store.items[i];
		char count[32];
		if (!e->ok)
			continue;
		snprintf(count, sizeof(count), "%zu", topc_field_count(&e->form.request));
		cli_row(stdout, 4,
			(const char *const[]){cli_inert(e->method), count, origin(e),
					      cli_inert(e->form.title)},
			(const int[]){width, -wn, wf, 0});
	}
	for (size_t i = 0; i < store.count; i++)
		if (!store.items[i].ok) {
			fprintf(stderr, _("topc: warning: form not loaded: %s\n"),
				cli_inert(store.items[i].problem));
			status = CLI_EXIT_FAILED;
		}
	topc_form_store_release(&store);
	return status;
}

static void print_constraints(const struct topc_constraints *c, const char *lead)
{
	if (c->nchoices) {
		printf("%s%s", lead, _("choices"));
		for (size_t i = 0; i < c->nchoices; i++)
			printf(" %s%s%s", cli_inert(c->choices[i].value),
			       *c->choices[i].label ? "=" : "", cli_inert(c->choices[i].label));
	}
	if (c->has_min && c->has_max)
		printf("%s", lead),
		    printf(_("range %lld..%lld"), (long long)c->min, (long long)c->max);
	else if (c->has_min)
		printf("%s", lead), printf(_("at least %lld"), (long long)c->min);
	else if (c->has_max)
		printf("%s", lead), printf(_("at most %lld"), (long long)c->max);
	if (c->max_length)
		printf("%s", lead), printf(_("at most %ld characters"), c->max_length);
	if (c->max_list_size)
		printf("%s", lead), printf(_("at most %ld elements"), c->max_list_size);
	if (c->format)
		printf("%s", lead), printf(_("format %s"), cli_inert(c->format));
	if (c->unique != TOPC_UNIQUE_NONE)
		printf("%s", lead), printf(_("unique per %s"), topc_unique_name(c->unique));
}

static void print_fields(const struct topc_field *parent, int depth, bool request)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *f = &parent->fields[i];
		printf("%*s%s %s  %s", depth * 2 + 2, "", f->required ? "*" : " ", f->name,
		       f->type);
		if (f->default_value)
			printf(_("  default %s"), cli_inert(f->default_value));
		print_constraints(&f->c, "  ");
		print_constraints(&f->prose, "  ~");
		if (f->example && f->kind != TOPC_FIELD_OBJECT)
			printf(_("  e.g. %s"), cli_inert(f->example));
		putchar('\n');
		if (f->description && *f->description)
			printf("%*s%s\n", depth * 2 + 6, "", cli_inert(f->description));
		print_fields(f, depth + 1, request);
	}
}

static void print_rule(const struct topc_rule *r)
{
	printf("  %s", r->formal ? "" : "~");
	switch (r->kind) {
	case TOPC_RULE_CONSTRAIN:
		printf("%s:", r->field);
		print_constraints(&r->c, " ");
		break;
	case TOPC_RULE_ONLY_WHEN:
		printf(_("%s only when %s is %s"), r->field, r->other, r->equals);
		break;
	case TOPC_RULE_WINDOW:
		printf(_("%s to %s: set together, the end after the start, at most %lld minutes"),
		       r->field, r->other, (long long)r->max_minutes);
		break;
	}
	putchar('\n');
	if (r->note)
		printf("      %s\n", cli_inert(r->note));
}

static int forms_show(const char *method)
{
	struct topc_form f;
	struct topc_error err = {0};
	bool found;

	if (topc_form_find(method, &f, &found, &err) != TOPC_OK)
		return cli_fail_error(&err);
	if (!found)
		return cli_fail(CLI_EXIT_USAGE,
				_("no form for %s; topc forms list shows the forms, "
				  "topc import-doc makes one from the doc page"),
				method);
	printf("%s  %s\n", f.method, cli_inert(f.title));
	if (f.summary)
		printf("%s\n", cli_inert(f.summary));
	if (f.category)
		printf(_("category: %s\n"), cli_inert(f.category));
	printf(_("file: %s\n"), cli_inert(f.path));
	if (f.session)
		printf("%s\n", _("needs a session (the profile's session_env/file/cmd)"));
	printf("\n%s\n", _("request (* required; ~ read from the description: TOP does not "
			   "check it, a warning)"));
	print_fields(&f.request, 0, true);
	printf("\n%s\n", _("response"));
	print_fields(&f.response, 0, false);
	if (f.error.present)
		printf(_("\nerror example: code %ld %s, sub_code %s %s\n"), f.error.code,
		       cli_inert(f.error.msg), f.error.sub_code ? cli_inert(f.error.sub_code) : "-",
		       cli_inert(f.error.sub_msg));
	if (f.nsuccess) {
		printf("\n%s\n", _("success when"));
		for (size_t i = 0; i < f.nsuccess; i++) {
			printf("  %s is", f.success[i].field);
			for (size_t j = 0; j < f.success[i].nvalues; j++)
				printf("%s \"%s\"", j ? " or" : "",
				       cli_inert(f.success[i].values[j]));
			printf(" (or absent)\n");
		}
	}
	if (f.nrules) {
		printf("\n%s\n", _("rules (~ from the page's prose: a warning)"));
		for (size_t i = 0; i < f.nrules; i++)
			print_rule(&f.rules[i]);
	}
	topc_form_release(&f);
	return 0;
}

/* Every problem the checks find, in line order, then the count. */
static int check_one(const char *path)
{
	struct topc_form f;
	struct topc_error err = {0};

	if (topc_form_load_file_each(path, cli_report_problem, NULL, &f, &err) != TOPC_OK) {
		fprintf(stderr, "%s\n", cli_inert(err.msg));
		return CLI_EXIT_FAILED;
	}
	printf(_("ok %s (%s, %zu request fields, %zu rules)\n"), path, f.method,
	       topc_field_count(&f.request), f.nrules);
	topc_form_release(&f);
	return 0;
}

static int forms_check(int argc, char **argv)
{
	struct topc_form_store store;
	struct topc_error err = {0};
	int status = 0;

	if (argc > 0) {
		for (int i = 0; i < argc; i++)
			status |= check_one(argv[i]);
		return status;
	}
	topc_form_store_init(&store);
	if (topc_form_store_load(&store, &err) != TOPC_OK)
		return cli_fail_error(&err);
	for (size_t i = 0; i < store.count; i++) {
		const struct topc_form_entry *e = &store.items[i];
		if (e->ok)
			printf(_("ok %s (%s, %zu request fields, %zu rules)\n"), e->path, e->method,
			       topc_field_count(&e->form.request), e->form.nrules);
		else if (check_one(e->path) == 0) {
			/* the file alone is a form: the problem is among the
			 * files (two of one method...) */
			fprintf(stderr, "%s\n", cli_inert(e->problem));
			status = CLI_EXIT_FAILED;
		} else {
			status = CLI_EXIT_FAILED; /* each of its problems said */
		}
	}
	if (store.count == 0)
		printf("no form files found\n");
	topc_form_store_release(&store);
	return status;
}

int cmd_forms(int argc, char **argv)
{
	bool json = false;
	const char *sub;
	int c;

	optind = 1;
	while ((c = cli_getopt(cli_command_find("forms"), argc, argv)) != -1)
		if (c == CLI_OPT_JSON)
			json = true;
		else
			return cli_usage("forms", false);
	sub = optind < argc ? argv[optind++] : "";
	if (strcmp(sub, "list") == 0 && optind == argc)
		return forms_list(json);
	if (strcmp(sub, "show") == 0 && optind == argc - 1 && !json)
		return forms_show(argv[optind]);
	if (strcmp(sub, "check") == 0 && !json)
		return forms_check(argc - optind, argv + optind);
	return cli_usage("forms", false);
}
