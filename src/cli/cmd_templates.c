/* topc templates list [METHOD] | show NAME | save NAME [METHOD] ... | delete NAME */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/form_store.h"
#include "form/form_value.h"
#include "form/form_type.h"
#include "profile/template.h"
#include "cli_cells.h"
#include "cli_json.h"
#include "cli_table.h"
#include "cli_value.h"
#include "cmd_help.h"
#include "inert.h"

struct list_ctx {
	const char *method;
	struct row {
		char *name, *method, *description;
		size_t values;
	} rows[512];
	size_t n;
};

static bool list_one(const char *name, void *ctx)
{
	struct list_ctx *l = ctx;
	struct topc_template t;
	struct topc_error err = {0};

	if (l->n == sizeof(l->rows) / sizeof(l->rows[0]))
		return false;
	if (topc_template_load(name, &t, &err) != TOPC_OK) {
		fprintf(stderr, _("topc: warning: %s\n"), cli_inert(err.msg));
		return true;
	}
	if (!l->method || strcmp(l->method, t.method) == 0) {
		struct row *r = &l->rows[l->n++];
		r->name = strdup(name);
		r->method = strdup(t.method);
		r->description = t.description ? strdup(t.description) : NULL;
		r->values = t.values.count;
	}
	topc_template_release(&t);
	return true;
}

static void print_list(const struct list_ctx *l, bool json)
{
	/* TRANSLATORS: the column titles of topc templates list */
	const char *tn = _("NAME"), *tm = _("METHOD"), *tv = _("VALUES");
	int wn = cli_cells_max(0, tn), wm = cli_cells_max(0, tm), wv = cli_cells_max(6, tv);
	struct topc_buf out;

	topc_buf_init(&out, 0);
	for (size_t i = 0; i < l->n; i++) {
		const struct row *r = &l->rows[i];
		char count[32];
		/* display cells of what is printed: a Chinese name is two a character */
		if (r->name && cli_cells(cli_inert(r->name), (size_t)-1) > wn)
			wn = cli_cells(cli_inert(r->name), (size_t)-1);
		if (r->method && cli_cells(cli_inert(r->method), (size_t)-1) > wm)
			wm = cli_cells(cli_inert(r->method), (size_t)-1);
		snprintf(count, sizeof(count), "%zu", r->values);
		cli_json_object_open(&out, !i);
		cli_json_string(&out, "name", r->name);
		cli_json_string(&out, "method", r->method);
		cli_json_raw(&out, "values", count);
		cli_json_string(&out, "description", r->description);
		cli_json_object_close(&out);
	}
	if (json)
		cli_json_list_print(&out, l->n);
	else if (l->n)
		cli_row(stdout, 4, (const char *const[]){tn, tm, tv, _("DESCRIPTION")},
			(const int[]){wn, wm, -wv, 0});
	for (size_t i = 0; i < l->n && !json; i++) {
		char count[32];
		snprintf(count, sizeof(count), "%zu", l->rows[i].values);
		/* cli_inert's texts last eight calls */
		cli_row(stdout, 4,
			(const char *const[]){cli_inert(l->rows[i].name),
					      cli_inert(l->rows[i].method), count,
					      cli_inert(l->rows[i].description)},
			(const int[]){wn, wm, -wv, 0});
	}
	topc_buf_release(&out);
}

static int templates_list(int argc, char **argv)
{
	struct list_ctx *l = calloc(1, sizeof(*l));
	bool json = false;
	int c;

	if (!l)
		return cli_fail(3, _("out of memory"));
	optind = 1;
	while ((c = cli_getopt(cli_command_find("templates"), argc, argv)) != -1)
		if (c == CLI_OPT_JSON) {
			json = true;
		} else {
			free(l);
			return cli_usage("templates", false);
		}
	if (argc - optind > 1) {
		free(l);
		return cli_usage("templates", false);
	}
	l->method = optind < argc ? argv[optind] : NULL;
	topc_template_each(list_one, l);
	print_list(l, json);
	if (!l->n && !json && l->method)
		printf(_("no templates for %s; topc templates save NAME METHOD -s path=value "
			 "makes one\n"),
		       cli_inert(l->method));
	else if (!l->n && !json)
		printf("%s\n", _("no templates; topc templates save NAME METHOD -s path=value "
				 "makes one"));
	for (size_t i = 0; i < l->n; i++) {
		free(l->rows[i].name);
		free(l->rows[i].method);
		free(l->rows[i].description);
	}
	free(l);
	return 0;
}

static int templates_show(const char *name)
{
	struct topc_template t;
	struct topc_error err = {0};

	if (topc_template_load(name, &t, &err) != TOPC_OK)
		return cli_fail_error(&err);
	printf("template  %s\nmethod    %s\nfile      %s\n", cli_inert(t.name), cli_inert(t.method),
	       cli_inert(t.path));
	if (t.description)
		printf("about     %s\n", cli_inert(t.description));
	printf("\n");
	for (size_t i = 0; i < t.values.count; i++)
		printf("  %s = %s%s\n", cli_inert(t.values.items[i].name),
		       cli_inert(t.values.items[i].value),
		       topc_template_has_generator(t.values.items[i].value)
			   ? "   (fresh at each send)"
			   : "");
	topc_template_release(&t);
	return 0;
}

/* Checks a value going into a template: its generators, and a literal value
 * against the field. */
static bool check_value(const struct topc_form *form, const char *path, const char *value)
{
	struct topc_error err = {0};
	const struct topc_field *fd;
	struct topc_error why;

	if (topc_template_value_check(value, &err) != TOPC_OK) {
		cli_fail(CLI_EXIT_USAGE, "%s: %s", path, err.msg);
		return false;
	}
	if (!form || topc_template_has_generator(value))
		return true;
	fd = topc_field_find(&form->request, path);
	if (fd && fd->kind != TOPC_FIELD_OBJECT && !topc_field_value_check(fd, NULL, value, &why)) {
		cli_fail(CLI_EXIT_USAGE, "%s: %s", path, why.msg);
		return false;
	}
	return true;
}

struct save_opts {
	const char *name, *method, *from, *description;
	bool force;
	struct topc_params sets;
};

static int parse_save(int argc, char **argv, struct save_opts *o)
{
	int c;

	optind = 1;
	while ((c = cli_getopt(cli_command_find("templates"), argc, argv)) != -1) {
		switch (c) {
		case CLI_OPT_SET:
			if (!cli_add_value(&o->sets, optarg, "-s", false))
				return CLI_EXIT_USAGE;
			break;
		case CLI_OPT_TEMPLATE:
			o->from = optarg;
			break;
		case CLI_OPT_DESCRIPTION:
			o->description = optarg;
			break;
		case CLI_OPT_FORCE:
			o->force = true;
			break;
		default:
			return cli_usage("templates", false);
		}
	}
	if (optind < argc)
		o->name = argv[optind++];
	if (optind < argc)
		o->method = argv[optind++];
	if (!o->name || optind < argc)
		return cli_usage("templates", false);
	return 0;
}

static int templates_save(int argc, char **argv)
{
	struct save_opts o = {0};
	struct topc_template t;
	struct topc_form form;
	struct topc_error err = {0};
	bool has_form = false;
	int status;

	topc_params_init(&o.sets);
	topc_template_init(&t);
	status = parse_save(argc, argv, &o);
	if (status == 0 && o.from && topc_template_load(o.from, &t, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	if (status == 0 && o.method && t.method && strcmp(o.method, t.method) != 0)
		status = cli_fail(CLI_EXIT_USAGE, _("template \"%s\" is for %s, not %s"), o.from,
				  t.method, o.method);
	if (status == 0 && !o.method && !t.method)
		status = cli_fail(CLI_EXIT_USAGE, _("save needs a METHOD (or -t TEMPLATE to start "
						    "from)"));
	if (status == 0) {
		free(t.name);
		t.name = strdup(o.name);
		if (!t.method)
			t.method = strdup(o.method);
		if (o.description) {
			free(t.description);
			t.description = strdup(o.description);
		}
		if (topc_form_find(t.method, &form, &has_form, &err) != TOPC_OK)
			status = cli_fail_error(&err);
	}
	for (size_t i = 0; status == 0 && i < o.sets.count; i++) {
		const struct topc_param *a = &o.sets.items[i];
		if (!check_value(has_form ? &form : NULL, a->name, a->value))
			status = CLI_EXIT_USAGE;
		else if (has_form &&
			 topc_form_set(&form, &t.values, a->name, a->value, &err) != TOPC_OK)
			status = cli_fail_error(&err);
		else if (!has_form && topc_params_set(&t.values, a->name, a->value) != TOPC_OK)
			status = cli_fail(3, _("out of memory"));
	}
	if (status == 0 && topc_template_save(&t, o.force, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	if (status == 0)
		printf(_("saved template \"%s\" for %s (%zu values) in %s\n"), t.name, t.method,
		       t.values.count, t.path);
	if (has_form)
		topc_form_release(&form);
	topc_template_release(&t);
	topc_params_release(&o.sets);
	return status;
}

int cmd_templates(int argc, char **argv)
{
	struct topc_error err = {0};

	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return templates_list(argc - 1, argv + 1);
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return templates_show(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "save") == 0)
		return templates_save(argc - 1, argv + 1);
	if (argc == 3 && strcmp(argv[1], "delete") == 0) {
		if (topc_template_delete(argv[2], &err) != TOPC_OK)
			return cli_fail_error(&err);
		printf(_("deleted template \"%s\"\n"), argv[2]);
		return 0;
	}
	return cli_usage("templates", false);
}
