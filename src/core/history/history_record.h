/*
 * history_record.h - one send, as the command line or the console made it,
 * turned into a history entry: what was filled, what was sent (the session
 * key masked), and what came back.
 */
#ifndef TOPC_HISTORY_RECORD_H
#define TOPC_HISTORY_RECORD_H

#include "base/buf.h"
#include "export/export.h"
#include "history/history.h"
#include "top/outcome.h"
#include "base/params.h"
#include "profile/profile.h"
#include "send/request.h"
#include "ext/transport.h"

struct topc_send_record {
	const char *profile_name;	    /* as asked for, even if it did not load */
	const struct topc_profile *profile; /* NULL when it did not load */
	const char *gateway;		    /* the URL used; NULL before one was known */
	const char *method;
	const char *template_name;	      /* NULL: none */
	const struct topc_params *values;     /* as filled; may be NULL */
	const struct topc_params *generators; /* path -> "${uuid}"...; may be NULL */
	const struct topc_request *request;   /* NULL when none was built */
	const struct topc_outcome *outcome;   /* NULL for a pending entry */
	/* NULL when nothing was sent; a cancelled one (response->cancelled)
	 * gives the time it ran until cancelled, and none of its answer */
	const struct topc_http_response *response;
	int64_t origin_id;  /* for replays */
	int64_t pending_id; /* the entry topc_history_record_pending kept for this
			       send, which its outcome replaces; 0: none */
};

/* {"name": "value", ...} without the empty values; a "session" value is
 * written "<session>". */
char *topc_history_params_json(const struct topc_params *p);
/* The same for the values as filled: a system parameter given empty (the
 * send dropped it from the request) is kept, as "", so a replay drops it
 * too. */
char *topc_history_values_json(const struct topc_params *p);
/* The reverse, for replays; false when text is not such an object. */
bool topc_history_params_from_json(const char *text, struct topc_params *out);

/* Fills e from r (copies; e is the caller's to release). */
enum topc_status topc_history_entry_from_send(const struct topc_send_record *r,
					      struct topc_history_entry *e);

/* Adds r to h, keeping the body as the profile says.  Profiles with
 * history = false are not recorded (*id stays 0).  With r->pending_id the
 * outcome is written over that pending entry, same id (a new entry when it
 * is gone or no longer pending). */
enum topc_status topc_history_record(struct topc_history *h, const struct topc_send_record *r,
				     int64_t *id, struct topc_error *err);

/* The way every sender keeps a send before it leaves (history.h, pending
 * entries): records[0..n) are signed requests about to go out (their
 * outcome and response unused), each kept as a pending entry, all in one
 * transaction, committed (not synced: history.h); ids[i] is the entry of
 * records[i] (0 for a profile with history = false), to give back as its
 * pending_id once its outcome is known.  When it fails every id is 0 and
 * nothing is kept: the caller may still send, and the outcome is then
 * added as a new entry.  Inside the caller's transaction the entries are
 * added to it (its commit decides). */
TOPC_MUST_CHECK enum topc_status topc_history_record_pending(struct topc_history *h,
							     const struct topc_send_record *records,
							     size_t n, int64_t *ids,
							     struct topc_error *err);

/* The entry as JSON (values, parameters and body as objects when they
 * parse); the caller frees it.  with_times adds id, time, latency, origin;
 * with_headers adds "headers" last: the answer's headers as kept
 * (topc_history_headers), or null when headers is NULL (none were kept).
 * NULL when out of memory. */
char *topc_history_entry_json(const struct topc_history_entry *e, bool with_times, bool pretty,
			      bool with_headers, const char *headers);

/* An entry made ready for export.h: its parameters as sent, and its
 * profile (loaded when it still exists) to tell a builtin gateway. */
struct topc_history_export {
	struct topc_export_request request;
	struct topc_params params;
	struct topc_profile profile;
	bool builtin; /* sent to the builtin gateway */
};

void topc_history_export_init(struct topc_history_export *x);
void topc_history_export_release(struct topc_history_export *x);
/* Fills x from e; form is the method's or NULL.  False when the entry sent
 * nothing (no parameters). */
bool topc_history_export_prepare(const struct topc_history_entry *e, const struct topc_form *form,
				 struct topc_history_export *x);

/* The comment line an exported entry opens with: "entry 42, <time>
 * (GMT+8): <outcome>". */
void topc_history_export_comment(const struct topc_history_entry *e, char *out, size_t size);
/* The program topc history export ID --format LANG writes for e, appended
 * to out: for CURL the whole script (its header, then the commands), for
 * the others the code of export.h.  form is the method's or NULL.  The
 * console copies the same bytes, so the two cannot differ.  TOPC_ERR_INPUT
 * when the entry sent nothing, with err filled. */
TOPC_MUST_CHECK enum topc_status
topc_history_entry_export(const struct topc_history_entry *e, const struct topc_form *form,
			  enum topc_export_lang lang, struct topc_buf *out, struct topc_error *err);

/* Appends shell commands that send the entry again, its body signed by
 * `topc sign --now --emit-body` when they run and fed to curl on a pipe:
 * no secret, no stale sign, every word quoted.  TOPC_ERR_INPUT when the entry sent
 * nothing, TOPC_ERR_NOMEM when out's cap was passed, each with err filled. */
TOPC_MUST_CHECK enum topc_status topc_history_entry_curl(const struct topc_history_entry *e,
							 struct topc_buf *out,
							 struct topc_error *err);

/* A unified diff (diff -u, labels "entry A", "entry B") of two entries'
 * JSON, without their times, into out; *differ tells whether they differ. */
TOPC_MUST_CHECK enum topc_status topc_history_diff(struct topc_history *h, int64_t a, int64_t b,
						   struct topc_buf *out, bool *differ,
						   struct topc_error *err);

#endif
