/*
 * history_db.h - what the files of the SQLite history share, private to
 * src/core/history/ (history.c adds entries, history_open.c opens,
 * creates and migrates, history_query.c lists, searches and reads,
 * history_pending.c tells a pending entry's process).  It is
 * the one file that includes sqlite3.h (scripts/check-layers).
 *
 * A handle's db is open from topc_history_open* until topc_history_close;
 * add and get are prepared on first use and finalized at close.
 */
#ifndef TOPC_HISTORY_DB_H
#define TOPC_HISTORY_DB_H

#include <sqlite3.h>
#include <stdbool.h>

#include "base/error.h"
#include "history/history.h"

/* How long a writer waits for another process's lock (history.h); the
 * message of a lock held longer says "10 s". */
#define TOPC_HISTORY_BUSY_MS 10000

struct topc_history {
	sqlite3 *db;
	char *path;
	char *uri;		 /* what SQLite opened when not path: an immutable URI or a copy */
	char *copy_dir;		 /* the private folder of that copy until it is open */
	bool single;		 /* nothing but db can read it (an unlinked copy) */
	sqlite3_stmt *add, *get; /* prepared once, reused */
	sqlite3_stmt *complete;	 /* the same, for topc_history_complete */
	sqlite3_stmt *headers;	 /* and for topc_history_set_headers */
	int wal_pages;		 /* the log's length at this handle's last commit */
	bool locked;		 /* a write found another process's lock past the
				    busy timeout (topc_history_locked) */
	int64_t data_version;	 /* PRAGMA data_version when last asked
				    (topc_history_others_wrote); 0: never */
};

/* Fills err with SQLite's error for what failed (what: an N_() phrase,
 * N_("cannot add")...) and,
 * when the system said why (a full disk, the file size limit, a read-only
 * folder, another process's lock), the cause and its fix; returns
 * TOPC_ERR_IO.  A lock held past the busy timeout (SQLITE_BUSY: another
 * connection) sets h->locked; SQLITE_LOCKED, a conflict within this
 * process, does not, and is not said as another process's lock. */
enum topc_status topc_history_db_error(struct topc_history *h, struct topc_error *err,
				       const char *what);
/* Runs sql (no rows); err may be NULL. */
enum topc_status topc_history_exec(struct topc_history *h, const char *sql, struct topc_error *err);
/* Binds s without a copy (it must outlive the step), or NULL. */
void topc_history_bind_text(sqlite3_stmt *st, int i, const char *s);
/* What every connection to the history needs, writing or not: the busy
 * timeout, contains(), the cache size. */
void topc_history_connection_setup(sqlite3 *db);

#endif
