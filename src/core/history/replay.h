/*
 * replay.h - a history entry made ready to send again.
 *
 * --fresh (the default) computes again what the template generated and gives
 * every field the form marks unique a new value (a UUID for text, a new
 * number from the clock for Numbers), and keeps what the send gave the
 * request directly (system parameters it overrode or dropped, -S values).
 * --exact sends the parameters as they went out (the entry's params), system
 * parameters included; only app_key and the session come from the profile
 * it goes to (entries without params: their values, as --fresh reads them).
 * Either way the request is signed anew with a new timestamp by the caller
 * (topc_client_build).
 */
#ifndef TOPC_REPLAY_H
#define TOPC_REPLAY_H

#include "base/error.h"
#include "form/form.h"
#include "form/form_value.h"
#include "history/history.h"
#include "base/params.h"
#include "profile/profile.h"

enum topc_replay_mode { TOPC_REPLAY_FRESH, TOPC_REPLAY_EXACT };

/* values: the filled form (or raw parameters) for the new entry; business:
 * the parameters to build the request from.  form is the method's form or
 * NULL.  Problems the form finds go to problems (the caller records the
 * entry as invalid input and sends nothing). */
enum topc_status topc_replay_prepare(const struct topc_history_entry *e,
				     const struct topc_form *form,
				     const struct topc_profile *profile, enum topc_replay_mode mode,
				     struct topc_params *values, struct topc_params *business,
				     struct topc_form_problems *problems, struct topc_error *err);

/* True when a value named name was given to the request directly, never
 * through the form: a system parameter it overrode ("" when it dropped
 * one), a name the form does not have, or a whole top-level structure as
 * JSON (-S).  Such values are sent as given on top of the form's; with no
 * form every value is. */
bool topc_replay_given_raw(const struct topc_form *form, const char *name);

/* values split: those given directly (topc_replay_given_raw) into raw, the
 * others into fields (NULL: not wanted), both added to as they are.  The
 * one split every sender makes before the form serializes its fields. */
enum topc_status topc_replay_split_given(const struct topc_form *form,
					 const struct topc_params *values,
					 struct topc_params *fields, struct topc_params *raw,
					 struct topc_error *err);

#endif
