/* history.c - the request history in SQLite: the libsqlite3 adapter. */
#define _GNU_SOURCE /* memmem */
#include "history/history.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/number.h"
#include "base/file.h"
#include "base/i18n.h"
#include "base/paths.h"

struct topc_history {
	sqlite3 *db;
	char *path;
	char *uri;		 /* what SQLite opened when not path: an immutable URI or a copy */
	char *copy_dir;		 /* the private folder of that copy, removed at close */
	sqlite3_stmt *add, *get; /* prepared once, reused */
};

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

#define COLUMNS                                                                                    \
	"id, time_ms, profile, gateway, method, template, values_json, generators_json, "          \
	"params_json, http_status, latency_ms, outcome, code, msg, sub_code, sub_msg, "            \
	"request_id, detail, body_size, body_file, origin_id, compare"

void topc_history_entry_init(struct topc_history_entry *e)
{
	memset(e, 0, sizeof(*e));
}

void topc_history_entry_release(struct topc_history_entry *e)
{
	free(e->profile);
	free(e->gateway);
	free(e->method);
	free(e->template_name);
	free(e->values_json);
	free(e->generators_json);
	free(e->params_json);
	free(e->msg);
	free(e->sub_code);
	free(e->sub_msg);
	free(e->request_id);
	free(e->detail);
	free(e->body);
	free(e->body_file);
	free(e->compare);
	topc_history_entry_init(e);
}

char *topc_history_default_path(void)
{
	return topc_path_state("history.db");
}

const char *topc_history_path(const struct topc_history *h)
{
	return h->path;
}

/* The message names SQLite's error and, when the system said why (a full
 * disk, the file size limit, a read-only folder), the cause and its fix. */
static enum topc_status db_error(struct topc_history *h, struct topc_error *err, const char *what)
{
	int e = h->db ? sqlite3_system_errno(h->db) : 0, code = h->db ? sqlite3_errcode(h->db) : 0;
	const char *fix;
	char cause[160] = "";
	struct topc_error whatp, fixp;

	/* SQLite reads errno late, often after another call cleared it */
	if ((code & 0xff) == SQLITE_IOERR || code == SQLITE_FULL) {
		int probable = topc_file_write_cause(h->path);
		e = probable ? probable : e;
	}
	fix = e ? topc_file_write_fix(e) : NULL;
	if (!fix && code == SQLITE_FULL)
		fix = topc_file_write_fix(ENOSPC);
	if (!fix && code == SQLITE_READONLY)
		fix =
		    N_("the history cannot be written here: check the state folder's permissions");
	if (e && (fix || (code & 0xff) == SQLITE_IOERR))
		snprintf(cause, sizeof(cause), " (%s)", strerror(e));
	/* what and fix are N_() phrases; SQLite's own words as it wrote them */
	topc_error_text(&whatp, TOPC_ERR_IO, what);
	if (!fix)
		return topc_error_setp(err, TOPC_ERR_IO, &whatp, "history %s: %s: %s%s", h->path,
				       TOPC_PART, sqlite3_errmsg(h->db), cause);
	topc_error_text(&fixp, TOPC_ERR_IO, fix);
	return topc_error_setp2(err, TOPC_ERR_IO, &whatp, &fixp, "history %s: %s: %s%s; %s",
				h->path, TOPC_PART, sqlite3_errmsg(h->db), cause, TOPC_PART2);
}

static enum topc_status exec(struct topc_history *h, const char *sql, struct topc_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(h->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return TOPC_OK;
	sqlite3_free(msg); /* sqlite3_errmsg says the same */
	return db_error(h, err, N_("cannot update"));
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
	if ((st = exec(h, "BEGIN IMMEDIATE", err)) != TOPC_OK)
		return st;
	v = user_version(h);
	if (v > TOPC_HISTORY_SCHEMA) {
		exec(h, "ROLLBACK", NULL);
		return topc_error_set(err, TOPC_ERR_IO,
				      "history %s has schema %d, newer than this "
				      "topc (%d); use the newer topc",
				      h->path, v, TOPC_HISTORY_SCHEMA);
	}
	for (; v >= 0 && v < TOPC_HISTORY_SCHEMA; v++) {
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if ((st = exec(h, migrations[v], err)) != TOPC_OK ||
		    (st = exec(h, sql, err)) != TOPC_OK) {
			exec(h, "ROLLBACK", NULL);
			topc_error_prefix(err, "migrating to schema %d: ", v + 1);
			return st;
		}
	}
	return exec(h, "COMMIT", err);
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

/* contains(haystack, needle): memmem over the stored bytes, much faster than
 * SQLite's instr() on long bodies; NULL haystacks do not match. */
static void contains_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const void *hay = sqlite3_value_blob(argv[0]);
	const void *needle = sqlite3_value_blob(argv[1]);
	int hn = sqlite3_value_bytes(argv[0]), nn = sqlite3_value_bytes(argv[1]);

	(void)argc;
	sqlite3_result_int(ctx, hay && needle && nn > 0 && hn >= nn &&
				    memmem(hay, (size_t)hn, needle, (size_t)nn) != NULL);
}

/* What every connection to the history needs, writing or not. */
static void connection_setup(sqlite3 *db)
{
	sqlite3_busy_timeout(db, 10000);
	sqlite3_create_function(db, "contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				contains_fn, NULL, NULL);
	/* reads straight from the page cache: a grep over a large history does not
	 * copy every page first */
	sqlite3_exec(db, "PRAGMA cache_size=-8000", NULL, NULL, NULL);
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
	connection_setup(h->db);
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
		st = db_error(h, err, N_("cannot open"));
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

/* A history that exists and has this topc's schema, opened read-only;
 * SQLITE_OK, or the reason it cannot be. */
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
	connection_setup(h->db);
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

enum topc_status topc_history_begin(struct topc_history *h, struct topc_error *err)
{
	return exec(h, "BEGIN IMMEDIATE", err);
}

enum topc_status topc_history_commit(struct topc_history *h, struct topc_error *err)
{
	enum topc_status st = exec(h, "COMMIT", err);

	if (st != TOPC_OK)
		exec(h, "ROLLBACK", NULL);
	return st;
}

/* ------------------------------------------------------------------ */
/* Adding */

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static char *body_file_path(const struct topc_history *h, int64_t id)
{
	struct topc_buf p;

	topc_buf_init(&p, 8192);
	if (topc_buf_addf(&p, "%s-bodies/%lld.body", h->path, (long long)id) != TOPC_OK)
		return NULL;
	return topc_buf_detach(&p, NULL);
}

static enum topc_status save_body_file(struct topc_history *h, struct topc_history_entry *e,
				       struct topc_error *err)
{
	char *path = body_file_path(h, e->id), *dir;
	sqlite3_stmt *st;
	enum topc_status s;

	if (!path)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	dir = strndup(path, (size_t)(strrchr(path, '/') - path));
	s = dir ? topc_dir_ensure(dir, 0700, err) : TOPC_ERR_NOMEM;
	free(dir);
	if (s == TOPC_OK)
		s = topc_file_write_atomic(path, e->body, e->body_len, 0600, err);
	if (s != TOPC_OK) {
		free(path);
		return s;
	}
	if (sqlite3_prepare_v2(h->db, "UPDATE entries SET body_file = ? WHERE id = ?", -1, &st,
			       NULL) != SQLITE_OK) {
		free(path);
		return db_error(h, err, N_("cannot record the body file"));
	}
	bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, e->id);
	s = sqlite3_step(st) == SQLITE_DONE ? TOPC_OK
					    : db_error(h, err, N_("cannot record the body file"));
	sqlite3_finalize(st);
	free(e->body_file);
	e->body_file = path;
	return s;
}

enum topc_status topc_history_add(struct topc_history *h, struct topc_history_entry *e,
				  size_t body_cap, bool body_file, struct topc_error *err)
{
	static const char sql[] =
	    "INSERT INTO entries (time_ms, profile, gateway, method, template, values_json, "
	    "generators_json, params_json, http_status, latency_ms, outcome, code, msg, sub_code, "
	    "sub_msg, request_id, detail, body, body_size, origin_id) "
	    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st;
	enum topc_status s;
	size_t stored = e->body_len < body_cap ? e->body_len : body_cap;

	if (!h->add && sqlite3_prepare_v3(h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &h->add,
					  NULL) != SQLITE_OK)
		return db_error(h, err, N_("cannot add"));
	st = h->add;
	sqlite3_bind_int64(st, 1, e->time_ms);
	bind_text(st, 2, e->profile);
	bind_text(st, 3, e->gateway);
	bind_text(st, 4, e->method ? e->method : "");
	bind_text(st, 5, e->template_name);
	bind_text(st, 6, e->values_json);
	bind_text(st, 7, e->generators_json);
	bind_text(st, 8, e->params_json);
	sqlite3_bind_int64(st, 9, e->http_status);
	sqlite3_bind_int64(st, 10, e->latency_ms);
	bind_text(st, 11, topc_outcome_name(e->outcome));
	if (e->has_code)
		sqlite3_bind_int64(st, 12, e->code);
	bind_text(st, 13, e->msg);
	bind_text(st, 14, e->sub_code);
	bind_text(st, 15, e->sub_msg);
	bind_text(st, 16, e->request_id);
	bind_text(st, 17, e->detail);
	if (e->body)
		sqlite3_bind_text(st, 18, e->body, (int)stored, SQLITE_STATIC);
	sqlite3_bind_int64(st, 19, e->body ? (int64_t)e->body_len : 0);
	if (e->origin_id)
		sqlite3_bind_int64(st, 20, e->origin_id);
	s = sqlite3_step(st) == SQLITE_DONE ? TOPC_OK : db_error(h, err, N_("cannot add"));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (s != TOPC_OK)
		return s;
	e->id = sqlite3_last_insert_rowid(h->db);
	e->body_size = e->body ? (int64_t)e->body_len : 0;
	if (body_file && e->body && e->body_len > body_cap)
		return save_body_file(h, e, err);
	return TOPC_OK;
}

enum topc_status topc_history_set_compare(struct topc_history *h, int64_t id, const char *verdict,
					  struct topc_error *err)
{
	sqlite3_stmt *st;
	enum topc_status s;

	if (sqlite3_prepare_v2(h->db, "UPDATE entries SET compare = ? WHERE id = ?", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(h, err, N_("cannot mark the replay"));
	bind_text(st, 1, verdict);
	sqlite3_bind_int64(st, 2, id);
	s = sqlite3_step(st) == SQLITE_DONE ? TOPC_OK
					    : db_error(h, err, N_("cannot mark the replay"));
	sqlite3_finalize(st);
	if (s == TOPC_OK && sqlite3_changes(h->db) == 0)
		s = topc_error_set(err, TOPC_ERR_INPUT, "history has no entry %lld", (long long)id);
	return s;
}

/* ------------------------------------------------------------------ */
/* Reading */

static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? strdup((const char *)t) : NULL;
}

static void read_row(sqlite3_stmt *st, struct topc_history_entry *e, bool with_body)
{
	const char *outcome;

	e->id = sqlite3_column_int64(st, 0);
	e->time_ms = sqlite3_column_int64(st, 1);
	e->profile = col(st, 2);
	e->gateway = col(st, 3);
	e->method = col(st, 4);
	e->template_name = col(st, 5);
	e->values_json = col(st, 6);
	e->generators_json = col(st, 7);
	e->params_json = col(st, 8);
	e->http_status = (long)sqlite3_column_int64(st, 9);
	e->latency_ms = sqlite3_column_int64(st, 10);
	outcome = (const char *)sqlite3_column_text(st, 11);
	e->outcome = TOPC_OUTCOME_TRANSPORT_ERROR;
	for (int c = 0; outcome && c < TOPC_OUTCOME_COUNT; c++)
		if (strcmp(outcome, topc_outcome_name((enum topc_outcome_class)c)) == 0)
			e->outcome = (enum topc_outcome_class)c;
	e->has_code = sqlite3_column_type(st, 12) != SQLITE_NULL;
	e->code = sqlite3_column_int64(st, 12);
	e->msg = col(st, 13);
	e->sub_code = col(st, 14);
	e->sub_msg = col(st, 15);
	e->request_id = col(st, 16);
	e->detail = col(st, 17);
	e->body_size = sqlite3_column_int64(st, 18);
	e->body_file = col(st, 19);
	e->origin_id = sqlite3_column_int64(st, 20);
	e->compare = col(st, 21);
	if (with_body && sqlite3_column_type(st, 22) != SQLITE_NULL) {
		int n = sqlite3_column_bytes(st, 22);
		const void *b = sqlite3_column_blob(st, 22);
		e->body = malloc((size_t)n + 1);
		if (e->body) {
			memcpy(e->body, b ? b : "", (size_t)n);
			e->body[n] = '\0';
			e->body_len = (size_t)n;
		}
	}
}

void topc_history_filter_init(struct topc_history_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->outcome = -1;
}

/* The SELECT for f, newest first, limited to ids lo..hi when hi > 0. */
static int prepare_query(sqlite3 *db, const struct topc_history_filter *f, bool with_body,
			 int64_t lo, int64_t hi, sqlite3_stmt **st)
{
	struct topc_buf sql;
	int n = 0, rc;
	bool ok;

	/* Every clause or none: a query missing its filter would list entries
	 * that were not asked for. */
	topc_buf_init(&sql, 0);
	ok = !topc_buf_addf(&sql, "SELECT " COLUMNS "%s FROM entries WHERE 1",
			    with_body ? ", body" : "") &&
	     (!f->method || !topc_buf_adds(&sql, " AND method = ?")) &&
	     (!f->profile || !topc_buf_adds(&sql, " AND profile = ?")) &&
	     (f->outcome < 0 || !topc_buf_adds(&sql, " AND outcome = ?")) &&
	     (!f->since_ms || !topc_buf_adds(&sql, " AND time_ms >= ?")) &&
	     (!f->grep ||
	      !topc_buf_adds(&sql, " AND (contains(body, ?1000) OR contains(params_json, ?1000) OR "
				   "contains(values_json, ?1000) OR contains(msg, ?1000) OR "
				   "contains(sub_msg, ?1000) OR contains(sub_code, ?1000))")) &&
	     (hi <= 0 || !topc_buf_adds(&sql, " AND id BETWEEN ?1001 AND ?1002"));
	if (ok && f->ids) {
		ok = !topc_buf_adds(&sql, " AND id IN (");
		for (size_t i = 0; i < f->nids && ok; i++)
			ok = !topc_buf_addf(&sql, "%s%lld", i ? "," : "", (long long)f->ids[i]);
		ok = ok && !topc_buf_adds(&sql, ")");
	}
	ok = ok && !topc_buf_adds(&sql, " ORDER BY id DESC") &&
	     (f->limit <= 0 || !topc_buf_addf(&sql, " LIMIT %ld", f->limit));
	if (!ok)
		return SQLITE_NOMEM;
	rc = sqlite3_prepare_v2(db, topc_buf_str(&sql), -1, st, NULL);
	topc_buf_release(&sql);
	if (rc != SQLITE_OK)
		return rc;
	if (f->method)
		bind_text(*st, ++n, f->method);
	if (f->profile)
		bind_text(*st, ++n, f->profile);
	if (f->outcome >= 0)
		bind_text(*st, ++n, topc_outcome_name((enum topc_outcome_class)f->outcome));
	if (f->since_ms)
		sqlite3_bind_int64(*st, ++n, f->since_ms);
	if (f->grep)
		bind_text(*st, 1000, f->grep);
	if (hi > 0) {
		sqlite3_bind_int64(*st, 1001, lo);
		sqlite3_bind_int64(*st, 1002, hi);
	}
	return SQLITE_OK;
}

/* Streams the rows of st to fn; SQLITE_DONE when all went, SQLITE_ROW when
 * fn stopped, else an error code. */
static int stream(sqlite3_stmt *st, bool with_body, topc_history_visit_fn fn, void *ctx)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct topc_history_entry e;
		bool more;
		topc_history_entry_init(&e);
		read_row(st, &e, with_body);
		more = fn(&e, ctx);
		topc_history_entry_release(&e);
		if (!more)
			return SQLITE_ROW;
	}
	return rc;
}

/* The older half of a parallel grep: its own connection, its matches kept
 * in memory (as many as the limit at most) until the newer half is done. */
struct older_half {
	const char *path;
	const struct topc_history_filter *f;
	bool with_body;
	int64_t hi;
	sqlite3 *db;
	struct topc_history_entry *found;
	size_t n, alloc;
	int rc;
};

static bool keep(const struct topc_history_entry *e, void *ctx)
{
	struct older_half *o = ctx;

	if (o->n == o->alloc) {
		size_t alloc = o->alloc ? o->alloc * 2 : 16;
		struct topc_history_entry *more = realloc(o->found, alloc * sizeof(*more));
		if (!more)
			return false;
		o->found = more;
		o->alloc = alloc;
	}
	/* take the strings over: the caller releases e, so copy it whole */
	o->found[o->n] = *e;
	memset((struct topc_history_entry *)e, 0, sizeof(*e));
	o->n++;
	return o->f->limit <= 0 || (long)o->n < o->f->limit;
}

static void *scan_older(void *arg)
{
	struct older_half *o = arg;
	sqlite3_stmt *st = NULL;

	/* o->path may be the immutable URI of a history read where it cannot be
	 * written; a plain path is a file name under SQLITE_OPEN_URI too */
	o->rc = sqlite3_open_v2(o->path, &o->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	if (o->rc == SQLITE_OK) {
		connection_setup(o->db);
		o->rc = prepare_query(o->db, o->f, o->with_body, 1, o->hi, &st);
	}
	if (o->rc == SQLITE_OK)
		o->rc = stream(st, o->with_body, keep, o);
	sqlite3_finalize(st);
	return NULL;
}

static int64_t max_id(struct topc_history *h)
{
	sqlite3_stmt *st;
	int64_t id = 0;

	if (sqlite3_prepare_v2(h->db, "SELECT max(id) FROM entries", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

struct counted {
	topc_history_visit_fn fn;
	void *ctx;
	long n;
};

static bool count_and_pass(const struct topc_history_entry *e, void *ctx)
{
	struct counted *c = ctx;

	c->n++;
	return c->fn(e, c->ctx);
}

/* A grep reads every row: two threads each read half the ids, so it takes
 * half the time on two cores.  Results still come newest first. */
static enum topc_status parallel_grep(struct topc_history *h, const struct topc_history_filter *f,
				      bool with_body, topc_history_visit_fn fn, void *ctx,
				      int64_t top, struct topc_error *err)
{
	struct older_half o = {
	    h->uri ? h->uri : h->path, f, with_body, top / 2, NULL, NULL, 0, 0, SQLITE_OK};
	struct counted c = {fn, ctx, 0};
	sqlite3_stmt *st = NULL;
	pthread_t thread;
	bool threaded = pthread_create(&thread, NULL, scan_older, &o) == 0;
	int rc;

	if (!threaded)
		scan_older(&o);
	rc = prepare_query(h->db, f, with_body, top / 2 + 1, top, &st);
	if (rc == SQLITE_OK)
		rc = stream(st, with_body, count_and_pass, &c);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW || (f->limit > 0 && c.n >= f->limit)) {
		if (threaded && o.db)
			sqlite3_interrupt(o.db); /* enough already */
	}
	if (threaded)
		pthread_join(thread, NULL);
	for (size_t i = 0; i < o.n; i++) {
		if (rc == SQLITE_DONE && (f->limit <= 0 || c.n < f->limit) &&
		    !count_and_pass(&o.found[i], &c))
			rc = SQLITE_ROW;
		topc_history_entry_release(&o.found[i]);
	}
	free(o.found);
	if (rc == SQLITE_DONE && o.rc != SQLITE_DONE && o.rc != SQLITE_ROW &&
	    o.rc != SQLITE_INTERRUPT && o.rc != SQLITE_OK)
		rc = o.rc;
	sqlite3_close(o.db);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(h, err, N_("cannot query"));
	return TOPC_OK;
}

enum topc_status topc_history_query(struct topc_history *h, const struct topc_history_filter *f,
				    bool with_body, topc_history_visit_fn fn, void *ctx,
				    struct topc_error *err)
{
	sqlite3_stmt *st;
	int64_t top;
	int rc;

	if (f->grep && !f->ids && (top = max_id(h)) > 20000)
		return parallel_grep(h, f, with_body, fn, ctx, top, err);
	if (prepare_query(h->db, f, with_body, 0, 0, &st) != SQLITE_OK)
		return db_error(h, err, N_("cannot query"));
	rc = stream(st, with_body, fn, ctx);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(h, err, N_("cannot query"));
	return TOPC_OK;
}

enum topc_status topc_history_get(struct topc_history *h, int64_t id, struct topc_history_entry *e,
				  struct topc_error *err)
{
	sqlite3_stmt *st;
	enum topc_status s = TOPC_OK;
	int rc;

	topc_history_entry_init(e);
	if (!h->get &&
	    sqlite3_prepare_v3(h->db, "SELECT " COLUMNS ", body FROM entries WHERE id = ?", -1,
			       SQLITE_PREPARE_PERSISTENT, &h->get, NULL) != SQLITE_OK)
		return db_error(h, err, N_("cannot read"));
	st = h->get;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, e, true);
	else if (rc == SQLITE_DONE)
		s = topc_error_set(err, TOPC_ERR_INPUT,
				   "no history entry %lld; topc history list "
				   "shows them",
				   (long long)id);
	else
		s = db_error(h, err, N_("cannot read"));
	sqlite3_reset(st);
	return s;
}

enum topc_status topc_history_set_headers(struct topc_history *h, int64_t id, const char *text,
					  size_t len, struct topc_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db,
			       "INSERT OR REPLACE INTO entry_headers (id, headers) VALUES (?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(h, err, N_("cannot keep the headers"));
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, text, (int)(len < INT32_MAX ? len : INT32_MAX), SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? TOPC_OK : db_error(h, err, N_("cannot keep the headers"));
}

enum topc_status topc_history_headers(struct topc_history *h, int64_t id, struct topc_buf *out,
				      bool *found, struct topc_error *err)
{
	sqlite3_stmt *st;
	enum topc_status s = TOPC_OK;
	int rc;

	*found = false;
	if (sqlite3_prepare_v2(h->db, "SELECT headers FROM entry_headers WHERE id = ?", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(h, err, N_("cannot read the headers"));
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const void *text = sqlite3_column_text(st, 0);
		*found = true;
		if (text && topc_buf_add(out, text, (size_t)sqlite3_column_bytes(st, 0)) != TOPC_OK)
			s = topc_error_set(err, TOPC_ERR_NOMEM,
					   "out of memory reading the headers");
	} else if (rc != SQLITE_DONE) {
		s = db_error(h, err, N_("cannot read the headers"));
	}
	sqlite3_finalize(st);
	return s;
}

bool topc_history_parse_since(const char *text, int64_t now_ms, int64_t *since_ms)
{
	size_t len = strlen(text);
	char unit = len ? text[len - 1] : 0, digits[24];
	long long n = 0;
	int64_t epoch_s;
	char ts[32];

	if ((unit == 'm' || unit == 'h' || unit == 'd') && len > 1 && len - 1 < sizeof(digits)) {
		int64_t ms = unit == 'm' ? 60000LL : unit == 'h' ? 3600000LL : 86400000LL;
		memcpy(digits, text, len - 1);
		digits[len - 1] = '\0';
		if (!topc_number_parse(digits, 0, INT64_MAX, &n))
			return false;
		/* further back than 1970: everything */
		*since_ms = n > now_ms / ms ? 0 : now_ms - n * ms;
		return true;
	}
	/* dates and times as TOP writes them, in GMT+8 */
	if (strlen(text) == 10)
		snprintf(ts, sizeof(ts), "%s 00:00:00", text);
	else if (strlen(text) == 16)
		snprintf(ts, sizeof(ts), "%s:00", text);
	else
		snprintf(ts, sizeof(ts), "%.19s", text);
	if (!topc_timestamp_parse(ts, &epoch_s))
		return false;
	*since_ms = epoch_s * 1000;
	return true;
}
