/* history_open.c - opening the history: creating it 0600, the schema and
 * its migrations, a damaged file moved aside, and reading a history topc
 * cannot write (read-only, immutable, or from a private copy). */
#define _GNU_SOURCE /* O_TMPFILE */
#include "history/history.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/i18n.h"
#include "base/mask.h"
#include "base/paths.h"
#include "history/history_db.h"

/* Migrations: entry N brings a database from schema N to N + 1.  Never
 * edit one that has shipped; add the next. */
static const char *const migrations[] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE entries ("
    " id INTEGER PRIMARY KEY,"
    " time_ms INTEGER NOT NULL,"
    " profile TEXT, gateway TEXT, method TEXT NOT NULL,"
    " template TEXT, values_json TEXT, params_json TEXT,"
    " http_status INTEGER, latency_ms INTEGER,"
    " outcome TEXT NOT NULL,"
    " code INTEGER, msg TEXT, sub_code TEXT, sub_msg TEXT, request_id TEXT, detail TEXT,"
    " body TEXT, body_size INTEGER);"
    "CREATE INDEX entries_method ON entries(method, id);",
    /* 1 -> 2: generated fields, bodies kept in files, replays; no index but
     * the rowid: every index page is written again on every send, and
     * filtered lists read newest first until they have enough */
    "ALTER TABLE entries ADD COLUMN generators_json TEXT;"
    "ALTER TABLE entries ADD COLUMN body_file TEXT;"
    "ALTER TABLE entries ADD COLUMN origin_id INTEGER;"
    "DROP INDEX IF EXISTS entries_method;",
    /* 2 -> 3: the response headers, apart, so lists never read them */
    "CREATE TABLE entry_headers (id INTEGER PRIMARY KEY, headers TEXT NOT NULL);",
    /* 3 -> 4: a replay's answer compared with its origin's (same, changed...) */
    "ALTER TABLE entries ADD COLUMN compare TEXT;",
    /* 4 -> 5: entries kept before answers were masked (base/mask.h): the
     * password of a gateway URL's userinfo, the one secret such an entry
     * holds the key to, masked in its answer (every spelling) and in the
     * URL itself (user:***@host).  The headers first: they read the
     * gateway before it is masked. */
    "UPDATE entry_headers SET headers = topc_remask((SELECT gateway FROM entries"
    " WHERE entries.id = entry_headers.id), headers)"
    " WHERE id IN (SELECT id FROM entries WHERE gateway LIKE '%@%');"
    "UPDATE entries SET body = topc_remask(gateway, body), msg = topc_remask(gateway, msg),"
    " sub_msg = topc_remask(gateway, sub_msg), detail = topc_remask(gateway, detail),"
    " gateway = topc_mask_url(gateway) WHERE gateway LIKE '%@%';",
    /* 5 -> 6: the process of a pending entry (a send kept before it left,
     * its outcome not yet recorded), so a reader tells one in flight from
     * one whose process died; older entries all have their outcome */
    "ALTER TABLE entries ADD COLUMN owner TEXT;",
};

/* Why the migrations mask no more than that.  Entries kept before answers
 * were masked may hold the app secret or the session key wherever a
 * gateway echoed them (the body, msg, sub_msg, the headers), and only their
 * fingerprints could find them.  A migration runs when any command opens
 * the history, with no profile and no secret at hand: reading every
 * profile's secret (an environment variable, a file, a command, a
 * keyring) for a history list would run commands and touch secrets that
 * list never needs.  And the session keys of old sends are not known at
 * all: the entries keep them masked by name, and the profile's current
 * session is usually another.  A URL's password is in the entry itself
 * (4 -> 5).  An old history that may hold secrets is best moved aside
 * (topc starts a new one); the masking of every new entry does not depend
 * on it. */

char *topc_history_default_path(void)
{
	return topc_path_state("history.db");
}

static int user_version(struct topc_history *h)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(h->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* topc_mask_url(url): url with its userinfo password shown as ***. */
static void mask_url_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *url = (const char *)sqlite3_value_text(argv[0]);
	char *shown;

	(void)argc;
	if (!url) {
		sqlite3_result_null(ctx);
		return;
	}
	if (!(shown = topc_mask_url(url))) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, shown, -1, free);
}

/* topc_remask(url, text): text with the password of url's userinfo (and its
 * Basic form) replaced by *** in every spelling, as the transport masks an
 * answer; NULL stays NULL.  A text that cannot be masked fails the
 * statement, and with it the migration: nothing is left half masked. */
static void remask_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *url = (const char *)sqlite3_value_text(argv[0]);
	const void *text = sqlite3_value_blob(argv[1]);
	int n = sqlite3_value_bytes(argv[1]);
	struct topc_mask mask;
	struct topc_buf b;

	(void)argc;
	if (sqlite3_value_type(argv[1]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	topc_mask_init(&mask);
	topc_buf_init(&b, 0);
	if (!url || !topc_mask_add_url(&mask, url, "***") ||
	    topc_buf_add(&b, text ? text : "", (size_t)n) != TOPC_OK ||
	    topc_mask_apply(&mask, &b) != TOPC_OK) {
		topc_buf_release(&b);
		if (url)
			sqlite3_result_error_nomem(ctx);
		else
			sqlite3_result_value(ctx, argv[1]);
		return;
	}
	sqlite3_result_text(ctx, topc_buf_str(&b), (int)b.len, SQLITE_TRANSIENT);
	topc_buf_release(&b);
}

/* Brings the schema from version (read at open) to TOPC_HISTORY_SCHEMA.  A
 * history that has it already, every open but the first of each release,
 * takes no lock and reads nothing more. */
static enum topc_status migrate(struct topc_history *h, int version, struct topc_error *err)
{
	enum topc_status st;
	int v = version;

	if (v == TOPC_HISTORY_SCHEMA)
		return TOPC_OK;
	/* IMMEDIATE: two processes opening a new file migrate one after the
	 * other, and the second reads the version the first left */
	if (v < TOPC_HISTORY_SCHEMA) {
		/* what the migrations call, on this connection only */
		sqlite3_create_function(h->db, "topc_mask_url", 1, SQLITE_UTF8, NULL, mask_url_fn,
					NULL, NULL);
		sqlite3_create_function(h->db, "topc_remask", 2, SQLITE_UTF8, NULL, remask_fn, NULL,
					NULL);
		sqlite3_exec(h->db, "PRAGMA secure_delete=1", NULL, NULL, NULL);
		if ((st = topc_history_begin(h, err)) != TOPC_OK)
			return st;
		v = user_version(h);
	}
	if (v > TOPC_HISTORY_SCHEMA) {
		topc_history_rollback(h);
		return topc_error_set(err, TOPC_ERR_IO,
				      "history %s has schema %d, newer than this "
				      "topc (%d); use the newer topc",
				      h->path, v, TOPC_HISTORY_SCHEMA);
	}
	for (; v >= 0 && v < TOPC_HISTORY_SCHEMA; v++) {
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if ((st = topc_history_exec(h, migrations[v], err)) != TOPC_OK ||
		    (st = topc_history_exec(h, sql, err)) != TOPC_OK) {
			topc_history_rollback(h);
			topc_error_prefix(err, "migrating to schema %d: ", v + 1);
			return st;
		}
	}
	if ((st = topc_history_commit(h, err)) != TOPC_OK)
		return st;
	/* what a migration masked is overwritten (secure_delete) and the old
	 * pages in the log are dropped with it: best effort, the next
	 * checkpoint does it otherwise */
	sqlite3_exec(h->db, "PRAGMA secure_delete=0; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
		     NULL);
	return TOPC_OK;
}

/* path under the name to, never over a file there: false with EEXIST when
 * one is.  link() refuses an existing name; a file system without hard
 * links gets rename() after a check. */
static bool rename_no_replace(const char *path, const char *to)
{
	if (link(path, to) == 0) {
		if (unlink(path) == 0)
			return true;
		unlink(to); /* both names: keep the first */
		return false;
	}
	if (errno == EEXIST)
		return false;
	if (access(to, F_OK) == 0) {
		errno = EEXIST;
		return false;
	}
	return rename(path, to) == 0;
}

/* Moves a damaged database (and its -wal, -shm) aside with a time stamp,
 * and a number after it when a copy of that second is there: rename()
 * replaced it, and the damaged history moved aside before was gone. */
static bool move_aside(const char *path, char **moved)
{
	char stamp[32], *to;
	time_t now = time(NULL);
	struct tm tm;
	size_t n = strlen(path) + 64;
	static const char *const extra[] = {"-wal", "-shm"};
	bool done = false;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	if (!(to = malloc(n)))
		return false;
	for (int i = 1; !done && i <= 100; i++) {
		if (i == 1)
			snprintf(to, n, "%s.corrupt-%s", path, stamp);
		else
			snprintf(to, n, "%s.corrupt-%s-%d", path, stamp, i);
		done = rename_no_replace(path, to);
		if (!done && errno != EEXIST)
			break;
	}
	if (!done) {
		free(to);
		return false;
	}
	for (size_t i = 0; i < 2; i++) {
		char from[4096], dst[4200];
		snprintf(from, sizeof(from), "%s%s", path, extra[i]);
		snprintf(dst, sizeof(dst), "%s%s", to, extra[i]);
		rename(from, dst);
	}
	*moved = to;
	return true;
}

/* How a writing connection keeps the history (history.h says why): WAL
 * with synchronous=NORMAL, so a commit writes the log and syncs nothing;
 * no checkpoint at close while the log is short, so a send neither syncs
 * nor creates and deletes the -wal and -shm files.  Once the log holds
 * WAL_CHECKPOINT_PAGES pages (16 KiB each: a few sends), the commit that
 * filled it checkpoints (copies the log into the file, with its syncs) and
 * the close that follows empties the log, keeping the file: each process
 * rebuilds its index from the log (SQLite trusts no -shm left by another),
 * so a short log is also what keeps an open quick.  A long-lived handle
 * (the console) checkpoints at its commits the same way. */
#define WAL_CHECKPOINT_PAGES 16

/* SQLite's own automatic checkpoint returns its failure from the COMMIT
 * that ran it, although that commit is made: a caller would then report
 * (or add again) an entry that is kept.  This one never fails a commit; a
 * checkpoint that could not be done is tried again at the next, or at the
 * close. */
static int checkpoint_hook(void *ctx, sqlite3 *db, const char *name, int pages)
{
	struct topc_history *h = ctx;

	h->wal_pages = pages;
	if (pages >= WAL_CHECKPOINT_PAGES)
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

static int open_db(struct topc_history *h, int *version)
{
	int fd, rc, keep = 1;

	*version = -1;
	/* created here so that it is 0600 from the start; SQLite gives the
	 * -wal and -shm files the same mode */
	fd = open(h->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	rc = sqlite3_open_v2(h->path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK)
		return rc;
	topc_history_connection_setup(h->db);
	/* big pages: a grep over a large history reads it in few system calls
	 * (takes effect only on a new, empty file) */
	sqlite3_exec(h->db, "PRAGMA page_size=16384", NULL, NULL, NULL);
	rc = sqlite3_exec(h->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	/* journal_size_limit: a checkpointed log is emptied, not deleted, at
	 * close (PERSIST_WAL), and a restarted one cut back to 1 MiB */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db,
				  "PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=1048576",
				  NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(h->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_file_control(h->db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
	sqlite3_wal_hook(h->db, checkpoint_hook, h);
	if (rc == SQLITE_OK && (*version = user_version(h)) < 0)
		rc = SQLITE_NOTADB;
	return rc;
}

enum topc_status topc_history_open(const char *path, struct topc_history **out, char **notice,
				   struct topc_error *err)
{
	struct topc_history *h = calloc(1, sizeof(*h));
	char *dir, *slash;
	enum topc_status st;
	int rc, version;

	*out = NULL;
	if (notice)
		*notice = NULL;
	if (!h || !(h->path = path ? strdup(path) : topc_history_default_path())) {
		free(h);
		return topc_error_set(err, TOPC_ERR_IO,
				      "no place for the history; set HOME or "
				      "XDG_STATE_HOME");
	}
	dir = strdup(h->path);
	slash = dir ? strrchr(dir, '/') : NULL;
	if (slash && slash != dir) {
		*slash = '\0';
		if ((st = topc_dir_ensure(dir, 0700, err)) != TOPC_OK) {
			free(dir);
			topc_history_close(h);
			return st;
		}
	}
	free(dir);
	rc = open_db(h, &version);
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
		char *moved = NULL;
		sqlite3_close(h->db);
		h->db = NULL;
		if (!move_aside(h->path, &moved)) {
			topc_error_set(err, TOPC_ERR_IO,
				       "history %s is damaged and cannot be moved "
				       "aside: %s; move it away by hand",
				       h->path, topc_strerror(errno));
			topc_history_close(h);
			return TOPC_ERR_IO;
		}
		if (notice) {
			size_t n = strlen(moved) + strlen(h->path) + 128;
			if ((*notice = malloc(n)))
				snprintf(*notice, n,
					 "history %s was damaged; it is kept as %s and a new "
					 "history was started",
					 h->path, moved);
		}
		free(moved);
		rc = open_db(h, &version);
	}
	if (rc != SQLITE_OK) {
		st = topc_history_db_error(h, err, N_("cannot open"));
		topc_history_close(h);
		return st;
	}
	if (sqlite3_db_readonly(h->db, "main") == 1) {
		/* SQLite opens a write-protected file read-only without a word;
		 * each send would then fail with "attempt to write a readonly
		 * database" */
		topc_error_set(
		    err, TOPC_ERR_IO,
		    "history %s is read-only (Permission denied): nothing new can be kept; "
		    "run chmod u+w on it or set XDG_STATE_HOME to a folder you own",
		    h->path);
		topc_history_close(h);
		return TOPC_ERR_IO;
	}
	if ((st = migrate(h, version, err)) != TOPC_OK) {
		topc_history_close(h);
		return st;
	}
	*out = h;
	return TOPC_OK;
}

/* "file:PATH?immutable=1" for SQLite, the path percent-encoded where a URI
 * needs it. */
static char *immutable_uri(const char *path)
{
	struct topc_buf uri;
	enum topc_status st;

	topc_buf_init(&uri, 0);
	st = topc_buf_adds(&uri, "file:");
	for (const char *p = path; *p && st == TOPC_OK; p++)
		st = strchr("%?#", *p) ? topc_buf_addf(&uri, "%%%02X", (unsigned char)*p)
				       : topc_buf_addc(&uri, *p);
	if (st == TOPC_OK)
		st = topc_buf_adds(&uri, "?immutable=1");
	return st == TOPC_OK ? topc_buf_detach(&uri, NULL) : NULL;
}

/* True when the write-ahead log beside the history is missing or empty: all
 * of it is in the main file. */
static bool wal_empty(const char *path)
{
	char wal[4096];
	struct stat sb;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	return stat(wal, &sb) != 0 || sb.st_size == 0;
}

/* Copies what `in` holds into `out`, then closes `in`. */
static bool copy_fd(int in, int out)
{
	char chunk[65536];
	ssize_t n;
	bool ok = true;

	while (ok && (n = read(in, chunk, sizeof(chunk))) > 0)
		ok = write(out, chunk, (size_t)n) == n;
	ok = ok && n == 0;
	close(in);
	return ok;
}

#define NO_UNNAMED_FILES (-2)

/* Copies the file `from` into a file of the folder `dir` that has no name
 * (O_TMPFILE): nothing in $TMPDIR shows it while it is written, and a topc
 * killed then leaves nothing.  Returns its descriptor; -1 when `from` cannot
 * be read or writing fails; NO_UNNAMED_FILES when the file system has none
 * (the caller copies under a name then). */
static int copy_unnamed(const char *from, const char *dir)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out;

	if (in < 0)
		return -1;
	if ((out = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) < 0) {
		int e = errno;
		close(in);
		return e == EOPNOTSUPP || e == EISDIR ? NO_UNNAMED_FILES : -1;
	}
	if (!copy_fd(in, out)) {
		close(out);
		return -1;
	}
	return out;
}

/* Gives the unnamed file `fd` the name `to`, then closes it. */
static bool name_unnamed(int fd, const char *to)
{
	char self[64];
	bool ok = snprintf(self, sizeof(self), "/proc/self/fd/%d", fd) < (int)sizeof(self) &&
		  linkat(AT_FDCWD, self, AT_FDCWD, to, AT_SYMLINK_FOLLOW) == 0;

	return close(fd) == 0 && ok;
}

static bool copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1;
	bool ok = in >= 0 && (out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) >= 0;

	if (!ok) {
		if (in >= 0)
			close(in);
		return false;
	}
	ok = copy_fd(in, out);
	return close(out) == 0 && ok;
}

static void copy_remove(struct topc_history *h)
{
	static const char *const names[] = {"history.db", "history.db-wal", "history.db-shm"};
	char name[4096];

	if (!h->copy_dir)
		return;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (snprintf(name, sizeof(name), "%s/%s", h->copy_dir, names[i]) <
		    (int)sizeof(name))
			unlink(name);
	rmdir(h->copy_dir);
	free(h->copy_dir);
	h->copy_dir = NULL;
}

/* A WAL history whose log holds entries, in a folder topc cannot write and
 * without its shared-memory file: SQLite can read it nowhere in place (it
 * must create the -shm file, and immutable=1 would skip the log and with it
 * the newest entries), so the file and its log are copied to a private
 * folder and read there.  Once SQLite has the copy, its log and its -shm
 * open (the first read opens them, and a read-only connection never opens
 * them again), their names and the folder are removed: a topc killed while
 * reading leaves nothing in $TMPDIR, and the system frees the copy when
 * the last descriptor closes.  The files are copied unnamed and named only
 * for SQLite's open and first read: a kill inside that read (the log's
 * recovery) can still leave them, where a kill during the whole copy did.  The handle is then
 * h->single: no second connection can open the copy (a grep reads on one thread). */
static int open_copy(struct topc_history *h, int *version)
{
	const char *env = getenv("TMPDIR");
	const char *tmp = env && *env ? env : "/tmp";
	char wal[4096], to[4096];
	int rc, db_fd, wal_fd = -1;
	bool named;

	snprintf(wal, sizeof(wal), "%s-wal", h->path);
	/* the copies are made unnamed, and named only for SQLite's open below:
	 * a copy of a large history takes a while, and a kill then left it */
	db_fd = copy_unnamed(h->path, tmp);
	if (db_fd >= 0 && (wal_fd = copy_unnamed(wal, tmp)) < 0) {
		close(db_fd);
		return SQLITE_CANTOPEN;
	}
	if (db_fd == -1)
		return SQLITE_CANTOPEN; /* NO_UNNAMED_FILES: copied under names below */
	h->copy_dir = topc_strf("%s/topc-history-XXXXXX", tmp);
	if (!h->copy_dir || !mkdtemp(h->copy_dir)) {
		free(h->copy_dir);
		h->copy_dir = NULL;
		if (db_fd >= 0) {
			close(db_fd);
			close(wal_fd);
		}
		return SQLITE_CANTOPEN;
	}
	h->uri = topc_strf("%s/history.db", h->copy_dir);
	snprintf(to, sizeof(to), "%s-wal", h->uri ? h->uri : "");
	if (db_fd >= 0) {
		named = name_unnamed(db_fd, h->uri ? h->uri : "");
		named = name_unnamed(wal_fd, to) && named;
	} else {
		named = h->uri && copy_file(h->path, h->uri) && copy_file(wal, to);
	}
	if (!h->uri || !named)
		return SQLITE_CANTOPEN;
	rc = sqlite3_open_v2(h->uri, &h->db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK && (*version = user_version(h)) < 0)
		return SQLITE_CANTOPEN;
	if (rc == SQLITE_OK) {
		copy_remove(h);
		h->single = true;
	}
	return rc;
}

/* A history that exists and has this topc's schema, opened read-only;
 * SQLITE_OK, or the reason it cannot be. */
static int open_readonly(struct topc_history *h)
{
	int rc = sqlite3_open_v2(h->path, &h->db, SQLITE_OPEN_READONLY, NULL);
	int version = rc == SQLITE_OK ? user_version(h) : -1;

	if (rc == SQLITE_OK && version < 0 && !wal_empty(h->path)) {
		sqlite3_close(h->db);
		h->db = NULL;
		rc = open_copy(h, &version);
	} else if (rc == SQLITE_OK && version < 0) {
		/* a WAL history in a folder topc cannot write: SQLite cannot make
		 * the shared-memory file a reader needs, yet with an empty log
		 * the main file is the whole history and does not change under
		 * us while nobody can write here */
		sqlite3_close(h->db);
		h->db = NULL;
		h->uri = immutable_uri(h->path);
		rc = h->uri ? sqlite3_open_v2(h->uri, &h->db,
					      SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL)
			    : SQLITE_NOMEM;
		if (rc == SQLITE_OK)
			version = user_version(h);
	}
	if (rc != SQLITE_OK)
		return rc;
	topc_history_connection_setup(h->db);
	return version == TOPC_HISTORY_SCHEMA ? SQLITE_OK : SQLITE_SCHEMA;
}

enum topc_status topc_history_open_reading(const char *path, struct topc_history **out,
					   char **notice, struct topc_error *err)
{
	struct topc_history *h;
	struct stat sb;

	*out = NULL;
	if (notice)
		*notice = NULL;
	if (!(h = calloc(1, sizeof(*h))) ||
	    !(h->path = path ? strdup(path) : topc_history_default_path())) {
		free(h);
		return topc_error_set(err, TOPC_ERR_IO,
				      "no place for the history; set HOME or XDG_STATE_HOME");
	}
	if (stat(h->path, &sb) == 0 && sb.st_size > 0 && open_readonly(h) == SQLITE_OK) {
		*out = h;
		return TOPC_OK;
	}
	topc_history_close(h); /* missing, damaged or older: the usual way */
	return topc_history_open(path, out, notice, err);
}

enum topc_status topc_history_open_best(const char *path, struct topc_history **out, char **notice,
					struct topc_error *err)
{
	struct topc_error why = {0};
	enum topc_status st = topc_history_open(path, out, notice, &why);

	if (st == TOPC_OK)
		return st;
	if (topc_history_open_reading(path, out, NULL, NULL) != TOPC_OK || !*out) {
		if (err)
			*err = why;
		return st;
	}
	if (notice && !*notice)
		*notice = topc_strf(_("%s; it is read here, but nothing new is kept"), why.msg);
	return TOPC_OK;
}

void topc_history_close(struct topc_history *h)
{
	if (!h)
		return;
	sqlite3_finalize(h->add);
	sqlite3_finalize(h->get);
	sqlite3_finalize(h->complete);
	sqlite3_finalize(h->headers);
	/* a long log: checkpointed (when no other process has it open) and
	 * emptied, so the next process has little to read */
	if (h->db && h->wal_pages >= WAL_CHECKPOINT_PAGES)
		sqlite3_db_config(h->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	sqlite3_close(h->db);
	copy_remove(h);
	free(h->path);
	free(h->uri);
	free(h);
}
