/*
 * replay_origin.h - the entries topc replay sends again (replay_origin.c),
 * each read once for all its rounds (--repeat), and what each round sends.
 *
 * An origin is read from the history at its first round: its entry, its
 * generators and its form; --exact prepares at that round what every round
 * sends (the values and the parameters, the method checked) and the others
 * copy it, so they only sign anew; --fresh prepares each round again, since
 * its generators and unique fields must give new values every time.  A
 * failure is not kept: each round finds it (and is recorded) again.
 *
 * Each round holds its origin until replay_origin_done; an origin whose
 * rounds are all prepared and done is released at once, so a list replayed
 * once holds only the entries in flight.  Held for more rounds, an origin
 * does not keep its answer (keep_answer false: the caller reads it again
 * when it needs it), so a long list repeated costs its entries, not their
 * answers.
 */
#ifndef TOPC_REPLAY_ORIGIN_H
#define TOPC_REPLAY_ORIGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/params.h"
#include "form/form_store.h"
#include "form/form_value.h"
#include "history/history.h"
#include "history/replay.h"
#include "profile/profile.h"

/* What every round reads; borrowed, outlives the origins. */
struct replay_source {
	struct topc_history *h;
	const struct topc_form_store *forms;
	const struct topc_profile *profile; /* the one the replays go to */
	enum topc_replay_mode mode;
	bool any_method; /* --any-method: a method that is no API name goes too */
	bool keep_answer;
};

struct replay_origin {
	int64_t id;
	bool loaded;		      /* e, generated and form are read */
	struct topc_history_entry e;  /* without its body unless keep_answer */
	struct topc_params generated; /* the entry's generators, for its replays' entries */
	const struct topc_form *form; /* NULL: none for its method */
	bool prepared;		      /* --exact: values and business are what each round sends */
	struct topc_params values, business;
	long rounds_left; /* rounds not yet prepared */
	size_t users;	  /* rounds prepared and not yet done */
};

/* The entries ids[0..n), each for rounds rounds, none read yet; NULL when
 * out of memory. */
struct replay_origin *replay_origins_new(const int64_t *ids, size_t n, long rounds);
void replay_origins_free(struct replay_origin *all, size_t n);

/* Takes the next round of o (held until replay_origin_done, whatever the
 * result) and fills values and business with what it sends, not yet
 * signed; problems gets what the form finds.  On a failure o->e.method is
 * NULL when the entry itself could not be read. */
enum topc_status replay_origin_round(const struct replay_source *src, struct replay_origin *o,
				     struct topc_params *values, struct topc_params *business,
				     struct topc_form_problems *problems, struct topc_error *err);
void replay_origin_done(struct replay_origin *o);

#endif
