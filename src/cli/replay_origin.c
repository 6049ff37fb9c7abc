/* The entries topc replay sends again, read once for all their rounds. */
#include "replay_origin.h"

#include <stdlib.h>

#include "history/history_record.h"
#include "send/request.h"

static void unload(struct replay_origin *o)
{
	topc_history_entry_release(&o->e);
	topc_history_entry_init(&o->e);
	topc_params_release(&o->generated);
	topc_params_release(&o->values);
	topc_params_release(&o->business);
	o->loaded = o->prepared = false;
}

struct replay_origin *replay_origins_new(const int64_t *ids, size_t n, long rounds)
{
	struct replay_origin *all = calloc(n ? n : 1, sizeof(*all));

	for (size_t i = 0; all && i < n; i++) {
		all[i].id = ids[i];
		topc_history_entry_init(&all[i].e);
		topc_params_init(&all[i].generated);
		topc_params_init(&all[i].values);
		topc_params_init(&all[i].business);
		all[i].rounds_left = rounds;
	}
	return all;
}

void replay_origins_free(struct replay_origin *all, size_t n)
{
	for (size_t i = 0; all && i < n; i++)
		unload(&all[i]);
	free(all);
}

static bool load(const struct replay_source *src, struct replay_origin *o, struct topc_error *err)
{
	if (o->loaded)
		return true;
	if (topc_history_get(src->h, o->id, &o->e, err) != TOPC_OK) {
		topc_history_entry_release(&o->e);
		topc_history_entry_init(&o->e);
		return false;
	}
	if (o->e.generators_json)
		topc_history_params_from_json(o->e.generators_json, &o->generated);
	o->form = topc_form_store_get(src->forms, o->e.method);
	if (!src->keep_answer) {
		free(o->e.body);
		o->e.body = NULL;
		o->e.body_len = 0;
	}
	o->loaded = true;
	return true;
}

/* An entry sent with --any-method (or recorded before send checked the
 * name) goes again only with --any-method: its method, as it would go out
 * (an exact replay keeps a recorded method= override), is checked as send
 * checks it, before it is signed. */
static enum topc_status check_method(const struct replay_source *src,
				     const struct topc_history_entry *e,
				     const struct topc_params *business, struct topc_error *err)
{
	if (topc_request_check_method(e->method, &business, 1, src->any_method, NULL, err) ==
	    TOPC_OK)
		return TOPC_OK;
	topc_error_prefix(err, "entry %lld: ", (long long)e->id);
	return err->code;
}

enum topc_status replay_origin_round(const struct replay_source *src, struct replay_origin *o,
				     struct topc_params *values, struct topc_params *business,
				     struct topc_form_problems *problems, struct topc_error *err)
{
	enum topc_status st;

	if (o->rounds_left)
		o->rounds_left--;
	o->users++;
	if (!load(src, o, err))
		return err->code;
	if (o->prepared)
		return topc_params_copy(values, &o->values) == TOPC_OK &&
			       topc_params_copy(business, &o->business) == TOPC_OK
			   ? TOPC_OK
			   : topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	st = topc_replay_prepare(&o->e, o->form, src->profile, src->mode, values, business,
				 problems, err);
	if (st == TOPC_OK)
		st = check_method(src, &o->e, business, err);
	if (st == TOPC_OK && src->mode == TOPC_REPLAY_EXACT && o->rounds_left &&
	    topc_params_copy(&o->values, values) == TOPC_OK &&
	    topc_params_copy(&o->business, business) == TOPC_OK)
		o->prepared = true;
	return st;
}

void replay_origin_done(struct replay_origin *o)
{
	if (o->users)
		o->users--;
	if (o->loaded && !o->rounds_left && !o->users)
		unload(o);
}
