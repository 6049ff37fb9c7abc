/* send_build.c - what topc send sends: -t's values, then -s on top
 * typed, checked and serialized by the form (or raw without one), their
 * generators computed, -S as given (send.h). */
#include "cli.h"
#include "send.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/form.h"
#include "form/form_store.h"
#include "form/form_value.h"
#include "form/form_wire.h"
#include "profile/template.h"
#include "send/request.h"
#include "cli_value.h"
#include "inert.h"

/* The -s values that hold generators (raw: NAME -> text, as topc_form_set
 * split them, so each generator sits in its own leaf as in a saved
 * template), computed as a template's are and set into values: the console
 * computes what is typed into a field the same way, and sending the text
 * ${uuid} to a partner is never what was meant.  ${seq} counts with the
 * template's counter under -t, else with one named "send".  The raw texts
 * go to o->generators, so the history keeps them apart and a fresh replay
 * computes them again. */
/* A -s value computed as a template's: it holds a generator or a "$$" (a
 * literal '$', the way to send the text "${x}"). */
static bool given_computed(const char *value)
{
	return topc_template_has_generator(value) || strstr(value, "$$");
}

static int expand_given(struct send_opts *o, const struct topc_params *raw,
			struct topc_params *values, struct topc_error *err)
{
	struct topc_template tpl;
	struct topc_params out;
	int status = 0;

	topc_template_init(&tpl);
	topc_params_init(&out);
	tpl.name = strdup(o->template_name ? o->template_name : "send");
	tpl.method = strdup(o->method ? o->method : "");
	tpl.option = "-s"; /* its errors name -s NAME, not a template "send" */
	if (!tpl.name || !tpl.method || topc_params_copy(&tpl.values, raw) != TOPC_OK)
		status = CLI_EXIT_TRANSPORT;
	for (size_t i = 0; i < raw->count && status == 0; i++)
		if (topc_template_has_generator(raw->items[i].value) &&
		    topc_params_set(&o->generators, raw->items[i].name, raw->items[i].value) !=
			TOPC_OK)
			status = CLI_EXIT_TRANSPORT;
	if (status == 0 && topc_template_expand(&tpl, o->loaded, &out, err) != TOPC_OK)
		status = CLI_EXIT_USAGE;
	if (status == 0 && topc_params_copy(values, &out) != TOPC_OK)
		status = CLI_EXIT_TRANSPORT;
	if (status == CLI_EXIT_TRANSPORT)
		topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	topc_params_release(&out);
	topc_template_release(&tpl);
	return status;
}

/* With a form, -s names are field paths (or system parameters the form does
 * not use): values are typed and validated, then serialized.  Every problem
 * is reported, not just the first. */
static int apply_form(struct send_opts *o, const struct topc_form *form, struct topc_error *err)
{
	struct topc_params system, generated, *values = &o->values;
	int status = 0;

	topc_params_init(&system);
	topc_params_init(&generated);
	for (size_t i = 0; i < o->from_template.count && status == 0; i++)
		if (topc_form_set(form, values, o->from_template.items[i].name,
				  o->from_template.items[i].value, err) != TOPC_OK) {
			topc_error_prefix(err, "template \"%s\": ", o->template_name);
			status = CLI_EXIT_USAGE;
		}
	for (size_t i = 0; i < o->business.count && status == 0; i++) {
		const struct topc_param *a = &o->business.items[i];
		if (topc_form_is_system_name(a->name) && !topc_field_find(&form->request, a->name))
			status = topc_params_set(&system, a->name, a->value) == TOPC_OK
				     ? CLI_EXIT_OK
				     : CLI_EXIT_TRANSPORT;
		else if (topc_form_set(form, given_computed(a->value) ? &generated : values,
				       a->name, a->value, err) != TOPC_OK)
			status = CLI_EXIT_USAGE;
	}
	if (status == 0 && generated.count)
		status = expand_given(o, &generated, values, err);
	topc_params_release(&generated);
	if (status == 0) {
		size_t warnings, errors;
		topc_form_validate(form, values, &o->unchecked, &o->problems);
		warnings = topc_form_problems_count(&o->problems, TOPC_SEVERITY_WARNING);
		if (o->strict)
			topc_form_problems_strict(&o->problems);
		errors = topc_form_problems_count(&o->problems, TOPC_SEVERITY_ERROR);
		if (errors) {
			topc_error_set(
			    err, TOPC_ERR_INPUT,
			    "%s: %zu problem%s in the form%s; nothing was sent", form->method,
			    errors, errors == 1 ? "" : "s",
			    o->strict && warnings ? " (--strict: the page's prose counts)" : "");
			if (o->strict && warnings)
				snprintf(o->human, sizeof(o->human),
					 P_("%s: %zu problem in the form (--strict: the page's "
					    "prose counts); nothing was sent",
					    "%s: %zu problems in the form (--strict: the page's "
					    "prose counts); nothing was sent",
					    errors),
					 form->method, errors);
			else
				snprintf(o->human, sizeof(o->human),
					 P_("%s: %zu problem in the form; nothing was sent",
					    "%s: %zu problems in the form; nothing was sent",
					    errors),
					 form->method, errors);
			status = CLI_EXIT_USAGE;
		}
	}
	topc_params_release(&o->business);
	topc_params_init(&o->business);
	/* the system parameters -s overrode are part of what was filled: the
	 * history keeps them, and a replay sends them again */
	if (status == 0 && (topc_form_serialize(form, values, &o->business, err) != TOPC_OK ||
			    topc_params_copy(&o->business, &system) != TOPC_OK ||
			    topc_params_copy(values, &system) != TOPC_OK))
		status = CLI_EXIT_USAGE;
	topc_params_release(&system);
	return status;
}

/* A unique field (message id, msg_key, biz_id) that the template fills with
 * a literal goes out the same every time: say so from the second send on. */
void send_warn_reused_unique(const struct send_opts *o, const struct topc_form *form,
			     const struct topc_params *overrides)
{
	for (size_t i = 0; o->template_name && i < o->tpl.values.count; i++) {
		const char *path = o->tpl.values.items[i].name, *raw = o->tpl.values.items[i].value;
		const struct topc_field *fd = topc_field_find(&form->request, path);
		if (!fd || fd->c.unique == TOPC_UNIQUE_NONE || topc_template_has_generator(raw) ||
		    topc_params_get(overrides, path) || !*raw)
			continue; /* not unique, generated, or overridden by -s */
		if (topc_template_seen(o->template_name, path, raw))
			fprintf(
			    stderr,
			    _("topc: warning: %s \"%s\" was already sent from template \"%s\", "
			      "and it must %s; let the template generate it: topc templates save "
			      "%s -t %s -s '%s=${%s}' --force\n"),
			    path, cli_inert(raw), o->template_name,
			    topc_unique_meaning(fd->c.unique), o->template_name, o->template_name,
			    path, fd->kind == TOPC_FIELD_NUMBER ? "now_ms" : "uuid");
	}
}

/* -S NAME goes out as given, replacing NAME whole: a -s NAME or NAME.field
 * (or a template's) would then be shown in the history but never sent.
 * Refused, naming both; filled holds what -s and the template filled. */
static int refuse_overlap(struct send_opts *o, const struct topc_params *filled,
			  const struct topc_params *overrides, struct topc_error *err)
{
	for (size_t i = 0; i < o->unchecked.count; i++) {
		const char *raw = o->unchecked.items[i].name;
		size_t n = strlen(raw);
		for (size_t k = 0; k < filled->count; k++) {
			const char *path = filled->items[k].name;
			if (!filled->items[k].value[0] || strncmp(path, raw, n) != 0 ||
			    (path[n] != '\0' && path[n] != '.'))
				continue;
			if (topc_params_get(overrides, path) || !o->template_name) {
				topc_error_set(err, TOPC_ERR_USAGE,
					       "-S %s replaces %s whole, so -s %s would not be "
					       "sent; give it with -s only, or whole with -S only",
					       raw, raw, path);
			} else {
				topc_error_set(err, TOPC_ERR_USAGE,
					       "-S %s replaces %s whole, so template \"%s\"'s %s "
					       "would not be sent; set it with -s %s=... instead",
					       raw, raw, o->template_name, path, path);
			}
			return CLI_EXIT_USAGE;
		}
	}
	return 0;
}

/* The method that goes out, METHOD or a -s/-S (or the template's) method=
 * over it, checked as every sender checks it (topc_request_check_method).
 * --any-method is for testing gateways: it sends either, and the summary
 * names the method that went out (o->wire_method); the history keeps
 * METHOD as the entry's method (its values are that form's) and the
 * override among the parameters sent, which --exact replays. */
static int check_method(struct send_opts *o, struct topc_error *err)
{
	const struct topc_params *given[] = {&o->unchecked, &o->business, &o->from_template};
	const char *wire = NULL;

	if (topc_request_check_method(o->method, given, 3, o->any_method, &wire, err) != TOPC_OK)
		return CLI_EXIT_USAGE;
	/* a copy: the parameters it is read from are built again later */
	free(o->wire_method);
	o->wire_method = NULL;
	if (wire && !(o->wire_method = strdup(wire)))
		return cli_fail(3, _("out of memory"));
	return 0;
}

/* The business parameters to send, in o->business: the form's values typed,
 * checked and serialized (or the raw parameters), -S on top.  On a problem
 * returns non-zero with err set; the caller records it. */
int send_build_business(struct send_opts *o, struct topc_form *form, bool *has_form,
			struct topc_params *overrides, struct topc_error *err)
{
	int status = check_method(o, err);

	if (status)
		return status; /* before the name is looked up as a form */
	if (topc_form_find(o->method, form, has_form, err) != TOPC_OK)
		return CLI_EXIT_USAGE;
	if (!*has_form) {
		/* no form to split them: each -s value computed whole */
		struct topc_params given;
		topc_params_init(&given);
		for (size_t i = 0; i < o->business.count; i++)
			if (given_computed(o->business.items[i].value) &&
			    topc_params_set(&given, o->business.items[i].name,
					    o->business.items[i].value) != TOPC_OK)
				status = CLI_EXIT_TRANSPORT;
		if (status == 0 && given.count)
			status = expand_given(o, &given, &o->business, err);
		topc_params_release(&given);
		if (status)
			return status;
	}
	if (!*has_form && o->from_template.count) {
		/* no form: the template's parameters, then -s on top */
		struct topc_params merged;
		topc_params_init(&merged);
		if (topc_params_copy(&merged, &o->from_template) != TOPC_OK ||
		    topc_params_copy(&merged, &o->business) != TOPC_OK)
			status = CLI_EXIT_TRANSPORT;
		topc_params_release(&o->business);
		o->business = merged;
	}
	if (topc_params_copy(overrides, &o->business) != TOPC_OK ||
	    (!*has_form && topc_params_copy(&o->values, &o->business) != TOPC_OK))
		status = CLI_EXIT_TRANSPORT;
	if (status == 0 && (topc_request_check_utf8(&o->business, err) != TOPC_OK ||
			    topc_request_check_utf8(&o->from_template, err) != TOPC_OK))
		status = CLI_EXIT_USAGE;
	if (status == 0 && !*has_form)
		status = refuse_overlap(o, &o->business, overrides, err);
	if (status == 0 && *has_form)
		status = apply_form(o, form, err);
	if (status == 0 && *has_form)
		status = refuse_overlap(o, &o->values, overrides, err);
	if (topc_params_copy(&o->values, &o->unchecked) != TOPC_OK)
		status = CLI_EXIT_TRANSPORT;
	if (status || (!*has_form && topc_request_check_json_like(&o->business, err) != TOPC_OK) ||
	    topc_params_copy(&o->business, &o->unchecked) != TOPC_OK)
		return status ? status : CLI_EXIT_USAGE;
	return 0;
}
