#include "history/replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "history/history_record.h"
#include "send/request.h"
#include "profile/template.h"
#include "form/form_wire.h"

static bool is_leaf_under(const char *name, const void *path)
{
	size_t n = strlen(path);

	return strncmp(name, path, n) == 0 && name[n] == '.';
}

/* The leaves under path (path.x, path.x.y) dropped from values: a whole
 * value generated again (a template's JSON object in one field) replaces
 * what its origin kept of it, leaf by leaf, as filled then; shown beside
 * the new whole value, the origin's stale leaves read as sent.  One pass
 * (each leaf removed by name searched and moved the rest: 20,000 leaves
 * cost 3.2 G instructions). */
static void drop_leaves(struct topc_params *values, const char *path)
{
	topc_params_remove_if(values, is_leaf_under, path);
}

/* What the template generated, computed again. */
static enum topc_status regenerate(const struct topc_history_entry *e,
				   const struct topc_params *generated,
				   const struct topc_profile *profile, struct topc_params *values,
				   struct topc_error *err)
{
	struct topc_template t;
	enum topc_status st = TOPC_OK;

	topc_template_init(&t);
	t.name = strdup(e->template_name ? e->template_name : "replay");
	t.method = strdup(e->method);
	if (!t.name || !t.method || topc_params_copy(&t.values, generated) != TOPC_OK)
		st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; st == TOPC_OK && i < generated->count; i++)
		drop_leaves(values, generated->items[i].name);
	if (st == TOPC_OK)
		st = topc_template_expand(&t, profile, values, err);
	topc_template_release(&t);
	return st;
}

/* Entries recorded without their generators apart (older consoles) kept
 * the ${...} text in their values: those are the generators.  An entry
 * with none kept no generators either, and a value of it may be the text
 * ${x} as it went out (sent as $${x}): an exact replay of an entry that
 * kept its sent parameters sends those, so only one without them is
 * refused. */
static enum topc_status legacy_generators(const struct topc_history_entry *e,
					  const struct topc_params *values,
					  enum topc_replay_mode mode, struct topc_params *generated,
					  struct topc_error *err)
{
	for (size_t i = 0; i < values->count; i++) {
		if (!topc_template_has_generator(values->items[i].value))
			continue;
		if (mode == TOPC_REPLAY_EXACT && e->params_json)
			return TOPC_OK; /* what went out is kept: an exact replay sends that */
		if (mode == TOPC_REPLAY_EXACT)
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "history entry %lld: %s was kept as \"%s\", not as "
					      "sent, so an exact replay cannot know what went out; "
					      "replay it fresh",
					      (long long)e->id, values->items[i].name,
					      values->items[i].value);
		if (topc_params_set(generated, values->items[i].name, values->items[i].value) !=
		    TOPC_OK)
			return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	}
	return TOPC_OK;
}

/* A new value for a unique field nobody generated. */
static enum topc_status renew(const struct topc_field *fd, const char *path,
			      struct topc_params *values, struct topc_error *err)
{
	static int64_t last;
	char text[40];
	enum topc_status st;

	if (fd->kind == TOPC_FIELD_NUMBER) {
		/* microsecond-like from the clock, never twice the same in a run */
		int64_t n = topc_now_ms() * 1000;
		last = n > last ? n : last + 1;
		snprintf(text, sizeof(text), "%lld", (long long)last);
	} else if ((st = topc_template_uuid4(text, err)) != TOPC_OK) {
		return st;
	}
	return topc_params_set(values, path, text);
}

static enum topc_status renew_unique(const struct topc_field *parent, const char *prefix,
				     const struct topc_params *generated,
				     struct topc_params *values, struct topc_error *err)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *fd = &parent->fields[i];
		char path[512];
		const char *v;
		enum topc_status st;
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", fd->name);
		if (fd->nfields) {
			if ((st = renew_unique(fd, path, generated, values, err)) != TOPC_OK)
				return st;
			continue;
		}
		v = topc_params_get(values, path);
		if (fd->c.unique != TOPC_UNIQUE_NONE && v && *v &&
		    !topc_params_get(generated, path) &&
		    (st = renew(fd, path, values, err)) != TOPC_OK)
			return st;
	}
	return TOPC_OK;
}

bool topc_replay_given_raw(const struct topc_form *form, const char *name)
{
	const struct topc_field *fd;

	if (!form)
		return true;
	fd = topc_field_find(&form->request, name);
	return !fd || (!strchr(name, '.') && fd->kind == TOPC_FIELD_OBJECT && !fd->array);
}

/* --exact: the parameters as they went out, but for those the target
 * profile gives anew (app_key, session) and the fresh timestamp and sign.
 * A system parameter the send left out is left out again.  The method as
 * it went out stays: a send's -s method= override went out instead of the
 * entry's METHOD, and an exact replay sent the METHOD. */
static enum topc_status exact_wire(const struct topc_history_entry *e, struct topc_params *business,
				   struct topc_error *err)
{
	static const char *const anew[] = {"app_key", "session", "timestamp", "sign"};
	static const char *const droppable[] = {"v", "format", "simplify", "partner_id",
						"target_app_key"};
	struct topc_params sent;
	enum topc_status st = TOPC_OK;

	topc_params_init(&sent);
	if (!topc_history_params_from_json(e->params_json, &sent))
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "history entry %lld: its parameters as sent cannot be read",
				    (long long)e->id);
	for (size_t i = 0; st == TOPC_OK && i < sent.count; i++) {
		bool skip = false;
		for (size_t k = 0; k < sizeof(anew) / sizeof(anew[0]); k++)
			skip = skip || strcmp(sent.items[i].name, anew[k]) == 0;
		if (!skip &&
		    topc_params_set(business, sent.items[i].name, sent.items[i].value) != TOPC_OK)
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	}
	for (size_t k = 0; st == TOPC_OK && k < sizeof(droppable) / sizeof(droppable[0]); k++)
		if (!topc_params_get(&sent, droppable[k]) &&
		    topc_params_set(business, droppable[k], "") != TOPC_OK)
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	topc_params_release(&sent);
	return st;
}

enum topc_status topc_replay_split_given(const struct topc_form *form,
					 const struct topc_params *values,
					 struct topc_params *fields, struct topc_params *raw,
					 struct topc_error *err)
{
	for (size_t i = 0; i < values->count; i++) {
		struct topc_params *to =
		    topc_replay_given_raw(form, values->items[i].name) ? raw : fields;
		if (to &&
		    topc_params_set(to, values->items[i].name, values->items[i].value) != TOPC_OK)
			return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	}
	return TOPC_OK;
}

/* The form's values typed and serialized, then what the send gave
 * directly (topc_replay_given_raw) on top, as it did. */
static enum topc_status through_form(const struct topc_history_entry *e,
				     const struct topc_form *form, const struct topc_params *values,
				     struct topc_params *business,
				     struct topc_form_problems *problems, struct topc_error *err)
{
	struct topc_params fields, raw;
	enum topc_status st;

	topc_params_init(&fields);
	topc_params_init(&raw);
	st = topc_replay_split_given(form, values, &fields, &raw, err);
	if (st == TOPC_OK && form) {
		if (topc_form_validate(form, &fields, &raw, problems))
			st = topc_form_serialize(form, &fields, business, err);
		else
			st = topc_error_set(err, TOPC_ERR_INPUT,
					    "history entry %lld: %zu problem%s "
					    "in the form; nothing was sent",
					    (long long)e->id, problems->count,
					    problems->count == 1 ? "" : "s");
	}
	if (st == TOPC_OK && topc_params_copy(business, &raw) != TOPC_OK)
		st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	topc_params_release(&fields);
	topc_params_release(&raw);
	return st;
}

enum topc_status topc_replay_prepare(const struct topc_history_entry *e,
				     const struct topc_form *form,
				     const struct topc_profile *profile, enum topc_replay_mode mode,
				     struct topc_params *values, struct topc_params *business,
				     struct topc_form_problems *problems, struct topc_error *err)
{
	struct topc_params generated;
	enum topc_status st = TOPC_OK;

	topc_params_init(&generated);
	if (!topc_history_params_from_json(e->values_json ? e->values_json : "{}", values))
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "history entry %lld: its values cannot be "
				    "read",
				    (long long)e->id);
	if (st == TOPC_OK && e->generators_json &&
	    !topc_history_params_from_json(e->generators_json, &generated))
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "history entry %lld: its generated fields cannot be read",
				    (long long)e->id);
	else if (st == TOPC_OK && !e->generators_json)
		st = legacy_generators(e, values, mode, &generated, err);
	if (st == TOPC_OK && mode == TOPC_REPLAY_EXACT && e->params_json)
		st = exact_wire(e, business, err); /* what went out, as it went */
	else {
		if (st == TOPC_OK && mode == TOPC_REPLAY_FRESH && generated.count)
			st = regenerate(e, &generated, profile, values, err);
		if (st == TOPC_OK && mode == TOPC_REPLAY_FRESH && form)
			st = renew_unique(&form->request, "", &generated, values, err);
		if (st == TOPC_OK)
			st = through_form(e, form, values, business, problems, err);
	}
	topc_params_release(&generated);
	return st;
}
