/* history_open.c - opening the history: creating it 0600, the schema and
 * its migrations, a damaged file moved aside, and reading a history topc
 * cannot write (read-only, immutable, or from a private copy). */
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
};

char *topc_history_default_path(void)
{
	return topc_path_state("history.db");
}

const char *topc_history_path(const struct topc_history *h)
{
	return h->path;
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

static enum topc_status migrate(struct topc_history *h, struct topc_error *err)
{
	enum topc_status st;
	int v;

	/* IMMEDIATE: two processes opening a new file migrate one after the other */
	if ((st = topc_history_exec(h, "BEGIN IMMEDIATE", err)) != TOPC_OK)
		return st;
	v = user_version(h);
	if (v > TOPC_HISTORY_SCHEMA) {
		topc_history_exec(h, "ROLLBACK", NULL);
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
			topc_history_exec(h, "ROLLBACK", NULL);
			topc_error_prefix(err, "migrating to schema %d: ", v + 1);
			return st;
		}
	}
	return topc_history_exec(h, "COMMIT", err);
}

/* Moves a damaged database (and its -wal, -shm) aside with a time stamp. */
static bool move_aside(const char *path, char **moved)
{
	char stamp[32], *to;
	time_t now = time(NULL);
	struct tm tm;
	size_t n = strlen(path) + 64;
	static const char *const extra[] = {"-wal", "-shm"};

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	if (!(to = malloc(n)))
		return false;
	snprintf(to, n, "%s.corrupt-%s", path, stamp);
	if (rename(path, to) != 0) {
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

static int open_db(struct topc_history *h)
{
	int fd, rc;

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
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
	if (rc == SQLITE_OK && user_version(h) < 0)
		rc = SQLITE_NOTADB;
	return rc;
}

enum topc_status topc_history_open(const char *path, struct topc_history **out, char **notice,
				   struct topc_error *err)
{
	struct topc_history *h = calloc(1, sizeof(*h));
	char *dir, *slash;
	enum topc_status st;
	int rc;

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
	rc = open_db(h);
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
		char *moved = NULL;
		sqlite3_close(h->db);
		h->db = NULL;
		if (!move_aside(h->path, &moved)) {
			topc_error_set(err, TOPC_ERR_IO,
				       "history %s is damaged and cannot be moved "
				       "aside: %s; move it away by hand",
				       h->path, strerror(errno));
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
		rc = open_db(h);
	}
	if (rc != SQLITE_OK) {
		st = topc_history_db_error(h, err, "cannot open");
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
	if ((st = migrate(h, err)) != TOPC_OK) {
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

static bool copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1;
	char chunk[65536];
	ssize_t n = 0;
	bool ok = in >= 0 && (out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) >= 0;

	while (ok && (n = read(in, chunk, sizeof(chunk))) > 0)
		ok = write(out, chunk, (size_t)n) == n;
	ok = ok && n == 0;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		ok = false;
	return ok;
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
 * folder and read there. */
static int open_copy(struct topc_history *h)
{
	const char *tmp = getenv("TMPDIR");
	char wal[4096], to[4096];
	int rc;

	h->copy_dir = topc_strf("%s/topc-history-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!h->copy_dir || !mkdtemp(h->copy_dir)) {
		free(h->copy_dir);
		h->copy_dir = NULL;
		return SQLITE_CANTOPEN;
	}
	h->uri = topc_strf("%s/history.db", h->copy_dir);
	snprintf(wal, sizeof(wal), "%s-wal", h->path);
	snprintf(to, sizeof(to), "%s-wal", h->uri ? h->uri : "");
	if (!h->uri || !copy_file(h->path, h->uri) || !copy_file(wal, to))
		return SQLITE_CANTOPEN;
	rc = sqlite3_open_v2(h->uri, &h->db, SQLITE_OPEN_READONLY, NULL);
	return rc == SQLITE_OK && user_version(h) < 0 ? SQLITE_CANTOPEN : rc;
}

/* A history that exists and has this topc's schema, opened read-only;
 * SQLITE_OK, or the reason it cannot be. */
static int open_readonly(struct topc_history *h)
{
	int rc = sqlite3_open_v2(h->path, &h->db, SQLITE_OPEN_READONLY, NULL);

	if (rc == SQLITE_OK && user_version(h) < 0 && !wal_empty(h->path)) {
		sqlite3_close(h->db);
		h->db = NULL;
		rc = open_copy(h);
	} else if (rc == SQLITE_OK && user_version(h) < 0) {
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
	}
	if (rc != SQLITE_OK)
		return rc;
	topc_history_connection_setup(h->db);
	return user_version(h) == TOPC_HISTORY_SCHEMA ? SQLITE_OK : SQLITE_SCHEMA;
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
	sqlite3_close(h->db);
	copy_remove(h);
	free(h->path);
	free(h->uri);
	free(h);
}
