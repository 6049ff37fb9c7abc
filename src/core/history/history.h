/*
 * history.h - every request and its outcome, kept in SQLite (WAL) at
 * $XDG_STATE_HOME/topc/history.db (0600).  The libsqlite3 adapter.
 *
 * An entry holds what was sent (the form values or raw parameters as
 * filled, the template and which fields it generated, every parameter as
 * sent with the sign, the session key masked) and what came back (HTTP
 * status, latency, outcome class, TOP code, msg, sub_code, sub_msg,
 * request_id, the body up to a cap).  The secret is never a parameter, so
 * it is never stored.
 *
 * Each add is its own transaction (topc_history_record puts an entry and
 * its headers in one): a process killed mid-batch leaves every completed
 * entry.  Several processes may add at once (WAL, busy timeout: a
 * writer waits up to 10 s for another's lock, which a send or a replay's
 * turn holds for milliseconds; a lock held longer, such as an sqlite3
 * shell's open write transaction, fails the add with a message naming
 * the file and the fix, and topc_history_locked tells it).
 *
 * Durability: the log is written at each commit but synced only when it is
 * checkpointed, every few sends (synchronous=NORMAL in WAL mode), so a send
 * costs no sync, and its -wal and -shm files stay between processes.  A
 * process killed at any point loses nothing it committed (the data is in
 * the system's cache).  A power cut or a kernel crash may lose the sends
 * made since the last checkpoint that the system had not yet written out
 * itself (it does within about 30 seconds); the database stays consistent
 * either way, and nothing checkpointed is lost.  Full durability cost four
 * syncs on every send (2-5 ms on a disk, most of topc's time over curl's);
 * the record of the last sends before a power cut is the smaller loss (the
 * sends themselves are not affected).
 *
 * Pending entries: a send is kept before its request leaves, as an entry
 * whose outcome is "pending" holding what is about to go out (masked as
 * every entry is), committed; its outcome then replaces it in place, same
 * id, its time the moment it left (history_record.h: one way for the
 * command line, replay and the console).  So a topc killed mid-send
 * (SIGKILL, a crash) leaves a pending entry, never nothing, and never a
 * success.  The pending entry's commit is not synced, as no commit is
 * (above): a single send's sync cost an fdatasync before every request
 * left (1.70x curl's time instead of 1.53x), and a replay's, at each turn
 * of its loop, 40% of its rate on a busy disk; so a power cut may lose
 * the last seconds of entries, pending or not, as above.  Replay adds its
 * pending entries to the commit of each turn of its loop.  A
 * pending entry names its process (owner: "BOOT_ID PID START", the boot
 * and the process's start time from /proc, so a pid used again is another
 * process): a reader tells a send still in flight (that process is alive)
 * from one whose process ended without recording its outcome
 * (topc_history_pending_state).  Without /proc the state is unknown, and
 * readers say "no outcome recorded".  The outcome is written with the
 * usual commit (not synced): a power cut in between may leave the entry
 * pending, the safe side.
 *
 * A file that is not a database is moved aside (never deleted) and a new
 * one started; *notice says so.  The schema version is kept in
 * PRAGMA user_version, read once per open, and older schemas are migrated
 * on open (a current one takes no lock).
 */
#ifndef TOPC_HISTORY_H
#define TOPC_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "top/outcome.h"

#define TOPC_HISTORY_SCHEMA 6
#define TOPC_HISTORY_BODY_CAP ((size_t)1 << 20)

struct topc_history;

struct topc_history_entry {
	int64_t id;
	int64_t time_ms; /* UTC */
	char *profile, *gateway, *method;
	char *template_name;   /* NULL: none */
	char *values_json;     /* {"path": "value", ...} as filled */
	char *generators_json; /* {"path": "${uuid}", ...}: what the template generated */
	char *params_json;     /* {"name": "value", ...} as sent, sign included */
	long http_status;
	int64_t latency_ms;
	enum topc_outcome_class outcome;
	bool has_code;
	long long code;
	char *msg, *sub_code, *sub_msg, *request_id, *detail;
	char *body; /* up to the cap; NULL when none */
	size_t body_len;
	int64_t body_size; /* the whole body's size */
	char *body_file;   /* the whole body, when kept beside the database */
	int64_t origin_id; /* the entry this one replays; 0: none */
	char *compare;	   /* a replay's answer against its origin's: a verdict
			      name of compare.h ("same", "changed"...); NULL:
			      not compared */
	char *owner;	   /* a pending entry's process, "BOOT_ID PID START";
			      NULL: none (every entry with its outcome) */
};

void topc_history_entry_init(struct topc_history_entry *e);
void topc_history_entry_release(struct topc_history_entry *e);

/* $XDG_STATE_HOME/topc/history.db; the caller frees it. */
char *topc_history_default_path(void);

/* Opens (creating, migrating) the database at path, or the default when
 * NULL.  *notice (may be NULL) receives a message the user must see, such as
 * a corrupt file moved aside; the caller frees it. */
enum topc_status topc_history_open(const char *path, struct topc_history **h, char **notice,
				   struct topc_error *err);
/* For reading only (list, show, export, diff): opens an existing history
 * read-only, so a read-only state folder or file still shows it; a missing
 * or older one is opened (created, migrated) as topc_history_open does.
 * Adds on such a handle fail. */
enum topc_status topc_history_open_reading(const char *path, struct topc_history **h, char **notice,
					   struct topc_error *err);
/* For reading and adding (replay): topc_history_open, or, when the history
 * cannot be written, topc_history_open_reading with *notice saying that
 * nothing new will be kept. */
enum topc_status topc_history_open_best(const char *path, struct topc_history **h, char **notice,
					struct topc_error *err);
void topc_history_close(struct topc_history *h);

/* Adds e and sets e->id.  A body over body_cap is stored cut to body_cap with
 * its full size; with body_file the whole body is also written to a file
 * beside the database and named in the entry. */
enum topc_status topc_history_add(struct topc_history *h, struct topc_history_entry *e,
				  size_t body_cap, bool body_file, struct topc_error *err);

/* Writes e's outcome and answer (http_status to body_size) over the
 * pending entry e->id and clears its owner; what was sent, and the time it
 * left, stay as the pending entry has them (its parameters dropped when
 * !sent: the request never went out after all).  The body as
 * topc_history_add keeps it.  TOPC_ERR_INPUT when e->id is no pending
 * entry (the caller adds e instead). */
enum topc_status topc_history_complete(struct topc_history *h, struct topc_history_entry *e,
				       bool sent, size_t body_cap, bool body_file,
				       struct topc_error *err);

/* What a reader can tell of a pending entry's process. */
enum topc_history_pending {
	TOPC_PENDING_NONE,	/* not a pending entry */
	TOPC_PENDING_IN_FLIGHT, /* its process is running: the send is under way */
	TOPC_PENDING_ENDED,	/* its process ended (or the system restarted)
				   without recording an outcome */
	TOPC_PENDING_UNKNOWN,	/* no owner kept, or no /proc to look in */
};

/* e's state, and its process id when kept (*pid 0 otherwise; pid may be
 * NULL).  Reads /proc/PID/stat: cheap, but once per entry shown. */
enum topc_history_pending topc_history_pending_state(const struct topc_history_entry *e, long *pid);
/* "in_flight", "ended", "unknown" (--json); NULL for TOPC_PENDING_NONE. */
const char *topc_history_pending_name(enum topc_history_pending state);
/* What a person reads of a pending entry, in the reader's language, such
 * as "no outcome recorded: its process 4242 ended before the answer came;
 * the request may have reached the gateway"; "" for other entries. */
void topc_history_pending_text(const struct topc_history_entry *e, char *out, size_t size);
/* This process's owner text, as a pending entry it writes keeps it (NULL
 * without /proc).  Valid for the life of the process. */
const char *topc_history_owner_self(void);

/* Many adds as one transaction (replays, benchmarks).  A commit that fails
 * rolls back: none of the transaction's adds is kept.  Rollback ends an
 * open transaction keeping none of it (nothing when none is open); SQLite
 * may also end one itself when a statement in it fails on a full disk. */
enum topc_status topc_history_begin(struct topc_history *h, struct topc_error *err);
enum topc_status topc_history_commit(struct topc_history *h, struct topc_error *err);
void topc_history_rollback(struct topc_history *h);
bool topc_history_in_transaction(const struct topc_history *h);
/* Whether a write on h has failed because another process held the
 * history's write lock past the busy timeout (10 s; its error says so and
 * names the fix).  A sender that could not keep its pending entry for
 * that reason does not try again for the outcome (a second wait of 10 s
 * with the lock most likely still held): it says once that the send is
 * not kept. */
bool topc_history_locked(const struct topc_history *h);
/* Whether another connection (another topc, another handle) committed to
 * the history since the last call: an add, a pending entry completed, a
 * compare recorded.  This handle's own commits do not count.  Reads no
 * table (SQLite's PRAGMA data_version), so a console may ask it every
 * second while idle.  The first call only notes the state: false. */
bool topc_history_others_wrote(struct topc_history *h);

/* Records how replay id's answer compared with its origin's (verdict: a
 * name from compare.h).  TOPC_ERR_INPUT when there is no such entry. */
enum topc_status topc_history_set_compare(struct topc_history *h, int64_t id, const char *verdict,
					  struct topc_error *err);

struct topc_history_filter {
	const char *method, *profile;
	int outcome;	    /* an enum topc_outcome_class, or -1 for any */
	int64_t since_ms;   /* 0: any */
	const char *grep;   /* in the body, the values, parameters, msg, sub_code,
			       sub_msg or profile, or the start of the outcome's
			       name (2 letters at least; "ok" for a success);
			       NULL: none */
	long limit;	    /* 0: no limit */
	const int64_t *ids; /* only these ids; NULL: any */
	size_t nids;
};

void topc_history_filter_init(struct topc_history_filter *f);

/* Calls fn for each matching entry, newest first, one at a time (memory does
 * not grow with the history).  Bodies are read only when with_body.  The
 * entry is valid during the call only; fn returns false to stop. */
typedef bool (*topc_history_visit_fn)(const struct topc_history_entry *e, void *ctx);
enum topc_status topc_history_query(struct topc_history *h, const struct topc_history_filter *f,
				    bool with_body, topc_history_visit_fn fn, void *ctx,
				    struct topc_error *err);

/* Reads one entry, body included.  TOPC_ERR_INPUT when there is no such id. */
enum topc_status topc_history_get(struct topc_history *h, int64_t id, struct topc_history_entry *e,
				  struct topc_error *err);

/* An entry's response headers as received (masked by the recorder), kept
 * apart from the entries (read only when asked for).  Setting them again
 * replaces them. */
TOPC_MUST_CHECK enum topc_status topc_history_set_headers(struct topc_history *h, int64_t id,
							  const char *text, size_t len,
							  struct topc_error *err);
/* Appends entry id's headers to out; *found false when none were kept
 * (entries from before schema 3, or sent without an answer). */
TOPC_MUST_CHECK enum topc_status topc_history_headers(struct topc_history *h, int64_t id,
						      struct topc_buf *out, bool *found,
						      struct topc_error *err);

/* Parses "2026-11-23", "2026-11-23 10:00[:00]" (GMT+8) or "90m", "36h",
 * "7d" (that long ago) into UTC milliseconds. */
bool topc_history_parse_since(const char *text, int64_t now_ms, int64_t *since_ms);

#endif
