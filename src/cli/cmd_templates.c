/* topc templates list [METHOD] | show NAME | save NAME [METHOD] ... | delete NAME */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/form_store.h"
#include "form/form_value.h"
#include "profile/template.h"

struct list_ctx {
	const char *method;
	bool header;
};

static bool list_one(const char *name, void *ctx)
{
	struct list_ctx *l = ctx;
	struct topc_template t;
	struct topc_error err = {0};

	if (topc_template_load(name, &t, &err) != TOPC_OK) {
		fprintf(stderr, "topc: warning: %s\n", err.msg);
		return true;
	}
	if (!l->method || strcmp(l->method, t.method) == 0) {
		if (!l->header)
			printf("%-24s %-46s %6s  %s\n", "NAME", "METHOD", "VALUES", "DESCRIPTION");
		l->header = true;
		printf("%-24s %-46s %6zu  %s\n", name, t.method, t.values.count,
		       t.description ? t.description : "");
	}
	topc_template_release(&t);
	return true;
}

static int templates_show(const char *name)
{
	struct topc_template t;
	struct topc_error err = {0};

	if (topc_template_load(name, &t, &err) != TOPC_OK)
		return cli_fail_error(&err);
	printf("template  %s\nmethod    %s\nfile      %s\n", t.name, t.method, t.path);
	if (t.description)
		printf("about     %s\n", t.description);
	printf("\n");
	for (size_t i = 0; i < t.values.count; i++)
		printf("  %s = %s%s\n", t.values.items[i].name, t.values.items[i].value,
		       topc_value_has_generator(t.values.items[i].value) ? "   (fresh at each send)"
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
	char why[400];

	if (topc_value_check(value, &err) != TOPC_OK) {
		cli_fail(CLI_EXIT_USAGE, "%s: %s", path, err.msg);
		return false;
	}
	if (!form || topc_value_has_generator(value))
		return true;
	fd = topc_field_find(&form->request, path);
	if (fd && fd->kind != TOPC_FIELD_OBJECT &&
	    !topc_field_value_ok(fd, NULL, value, why, sizeof(why))) {
		cli_fail(CLI_EXIT_USAGE, "%s: %s", path, why);
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
		case 's':
			if (!cli_add_assignment(&o->sets, optarg, "-s"))
				return CLI_EXIT_USAGE;
			break;
		case 't':
			o->from = optarg;
			break;
		case 'd':
			o->description = optarg;
			break;
		case 'f':
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
		status = cli_fail(CLI_EXIT_USAGE, "template \"%s\" is for %s, not %s", o.from,
				  t.method, o.method);
	if (status == 0 && !o.method && !t.method)
		status = cli_fail(CLI_EXIT_USAGE, "save needs a METHOD (or -t TEMPLATE to start "
						  "from)");
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
			status = cli_fail(3, "out of memory");
	}
	if (status == 0 && topc_template_save(&t, o.force, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	if (status == 0)
		printf("saved template \"%s\" for %s (%zu values) in %s\n", t.name, t.method,
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

	if (argc >= 2 && strcmp(argv[1], "list") == 0 && argc <= 3) {
		struct list_ctx l = {argc == 3 ? argv[2] : NULL, false};
		topc_template_each(list_one, &l);
		if (!l.header)
			printf(
			    "no templates%s%s; topc templates save NAME METHOD -s path=value makes "
			    "one\n",
			    l.method ? " for " : "", l.method ? l.method : "");
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return templates_show(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "save") == 0)
		return templates_save(argc - 1, argv + 1);
	if (argc == 3 && strcmp(argv[1], "delete") == 0) {
		if (topc_template_delete(argv[2], &err) != TOPC_OK)
			return cli_fail_error(&err);
		printf("deleted template \"%s\"\n", argv[2]);
		return 0;
	}
	return cli_usage("templates", false);
}
