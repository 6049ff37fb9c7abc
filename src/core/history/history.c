/* history.c - the request history in SQLite: entries, what the history's
 * files share (history_db.h), and adding. */
#include "history/history.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/buf.h"
#include "base/file.h"
#include "history/history_db.h"

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
	free(e->owner);
	topc_history_entry_init(e);
}

/* The message names SQLite's error and, when the system said why (a full
 * disk, the file size limit, a read-only folder), the cause and its fix. */
enum topc_status topc_history_db_error(struct topc_history *h, struct topc_error *err,
				       const char *what)
{
	int e = h->db ? sqlite3_system_errno(h->db) : 0, code = h->db ? sqlite3_errcode(h->db) : 0;
	const char *fix;
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
	if ((code & 0xff) == SQLITE_BUSY) {
		/* another connection's lock (SQLITE_BUSY_*), waited the busy
		 * timeout: not a turn of a replay or another send, which hold
		 * it for milliseconds */
		h->locked = true;
		e = 0;
		fix = N_("another process has held its write lock for 10 s (an sqlite3 shell "
			 "with an open transaction?); end that transaction or process");
	} else if ((code & 0xff) == SQLITE_LOCKED) {
		/* a conflict within this process (SQLite's docs: the same
		 * connection, or one sharing its cache), never waited for: no
		 * other process to end, and the next write does not meet it */
		e = 0;
		fix = N_("the conflict is inside this topc (its own statements or connections), "
			 "not another process's lock; try again, and report it if it persists");
	}
	/* what and fix are N_() phrases; SQLite's own words as it wrote them,
	 * errno's in the language of each copy */
	const char *cause = e && (fix || (code & 0xff) == SQLITE_IOERR) ? topc_strerror(e) : NULL;
	topc_error_text(&whatp, TOPC_ERR_IO, what);
	if (!fix && cause)
		return topc_error_setp(err, TOPC_ERR_IO, &whatp, "history %s: %s: %s (%s)", h->path,
				       TOPC_PART, sqlite3_errmsg(h->db), cause);
	if (!fix)
		return topc_error_setp(err, TOPC_ERR_IO, &whatp, "history %s: %s: %s%s", h->path,
				       TOPC_PART, sqlite3_errmsg(h->db), "");
	topc_error_text(&fixp, TOPC_ERR_IO, fix);
	if (cause)
		return topc_error_setp2(err, TOPC_ERR_IO, &whatp, &fixp,
					"history %s: %s: %s (%s); %s", h->path, TOPC_PART,
					sqlite3_errmsg(h->db), cause, TOPC_PART2);
	return topc_error_setp2(err, TOPC_ERR_IO, &whatp, &fixp, "history %s: %s: %s%s; %s",
				h->path, TOPC_PART, sqlite3_errmsg(h->db), "", TOPC_PART2);
}

enum topc_status topc_history_exec(struct topc_history *h, const char *sql, struct topc_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(h->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return TOPC_OK;
	sqlite3_free(msg); /* sqlite3_errmsg says the same */
	return topc_history_db_error(h, err, N_("cannot update"));
}

void topc_history_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

enum topc_status topc_history_begin(struct topc_history *h, struct topc_error *err)
{
	return topc_history_exec(h, "BEGIN IMMEDIATE", err);
}

enum topc_status topc_history_commit(struct topc_history *h, struct topc_error *err)
{
	enum topc_status st = topc_history_exec(h, "COMMIT", err);

	if (st != TOPC_OK)
		topc_history_rollback(h);
	return st;
}

void topc_history_rollback(struct topc_history *h)
{
	if (!sqlite3_get_autocommit(h->db))
		topc_history_exec(h, "ROLLBACK", NULL);
}

bool topc_history_locked(const struct topc_history *h)
{
	return h->locked;
}

bool topc_history_others_wrote(struct topc_history *h)
{
	sqlite3_stmt *st = NULL;
	int64_t version = 0;
	bool changed;

	if (!h || !h->db ||
	    sqlite3_prepare_v2(h->db, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!version)
		return false; /* busy, or no database: asked again next time */
	changed = h->data_version && version != h->data_version;
	h->data_version = version;
	return changed;
}

bool topc_history_in_transaction(const struct topc_history *h)
{
	return !sqlite3_get_autocommit(h->db);
}

/* Adding */

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
		return topc_history_db_error(h, err, N_("cannot record the body file"));
	}
	topc_history_bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, e->id);
	s = sqlite3_step(st) == SQLITE_DONE
		? TOPC_OK
		: topc_history_db_error(h, err, N_("cannot record the body file"));
	sqlite3_finalize(st);
	free(e->body_file);
	e->body_file = path;
	return s;
}

/* What was sent, profile to params_json, from parameter at (7 of them). */
static void bind_sent(sqlite3_stmt *st, int at, const struct topc_history_entry *e)
{
	topc_history_bind_text(st, at, e->profile);
	topc_history_bind_text(st, at + 1, e->gateway);
	topc_history_bind_text(st, at + 2, e->method ? e->method : "");
	topc_history_bind_text(st, at + 3, e->template_name);
	topc_history_bind_text(st, at + 4, e->values_json);
	topc_history_bind_text(st, at + 5, e->generators_json);
	topc_history_bind_text(st, at + 6, e->params_json);
}

/* What came back, http_status to body_size, from parameter at (11 of
 * them); the body cut to stored bytes. */
static void bind_outcome(sqlite3_stmt *st, int at, const struct topc_history_entry *e,
			 size_t stored)
{
	sqlite3_bind_int64(st, at, e->http_status);
	sqlite3_bind_int64(st, at + 1, e->latency_ms);
	topc_history_bind_text(st, at + 2, topc_outcome_name(e->outcome));
	if (e->has_code)
		sqlite3_bind_int64(st, at + 3, e->code);
	topc_history_bind_text(st, at + 4, e->msg);
	topc_history_bind_text(st, at + 5, e->sub_code);
	topc_history_bind_text(st, at + 6, e->sub_msg);
	topc_history_bind_text(st, at + 7, e->request_id);
	topc_history_bind_text(st, at + 8, e->detail);
	if (e->body)
		sqlite3_bind_text(st, at + 9, e->body, (int)stored, SQLITE_STATIC);
	sqlite3_bind_int64(st, at + 10, e->body ? (int64_t)e->body_len : 0);
}

/* Runs *st (prepared from sql on first use, kept) once its parameters are
 * bound by the caller; *changed tells whether a row was written. */
static enum topc_status step_once(struct topc_history *h, sqlite3_stmt *st, bool *changed,
				  struct topc_error *err)
{
	enum topc_status s = sqlite3_step(st) == SQLITE_DONE
				 ? TOPC_OK
				 : topc_history_db_error(h, err, N_("cannot add"));

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	*changed = s == TOPC_OK && sqlite3_changes(h->db) > 0;
	return s;
}

static bool prepared(struct topc_history *h, sqlite3_stmt **st, const char *sql)
{
	return *st ||
	       sqlite3_prepare_v3(h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) == SQLITE_OK;
}

/* After e's row is written: its body's size, and the whole body in a file
 * when it was cut. */
static enum topc_status written(struct topc_history *h, struct topc_history_entry *e,
				size_t body_cap, bool body_file, struct topc_error *err)
{
	e->body_size = e->body ? (int64_t)e->body_len : 0;
	if (body_file && e->body && e->body_len > body_cap)
		return save_body_file(h, e, err);
	return TOPC_OK;
}

enum topc_status topc_history_add(struct topc_history *h, struct topc_history_entry *e,
				  size_t body_cap, bool body_file, struct topc_error *err)
{
	static const char sql[] =
	    "INSERT INTO entries (time_ms, profile, gateway, method, template, values_json, "
	    "generators_json, params_json, http_status, latency_ms, outcome, code, msg, sub_code, "
	    "sub_msg, request_id, detail, body, body_size, origin_id, owner) "
	    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
	size_t stored = e->body_len < body_cap ? e->body_len : body_cap;
	enum topc_status s;
	bool changed;

	if (!prepared(h, &h->add, sql))
		return topc_history_db_error(h, err, N_("cannot add"));
	sqlite3_bind_int64(h->add, 1, e->time_ms);
	bind_sent(h->add, 2, e);
	bind_outcome(h->add, 9, e, stored);
	if (e->origin_id)
		sqlite3_bind_int64(h->add, 20, e->origin_id);
	topc_history_bind_text(h->add, 21, e->owner);
	if ((s = step_once(h, h->add, &changed, err)) != TOPC_OK)
		return s;
	e->id = sqlite3_last_insert_rowid(h->db);
	return written(h, e, body_cap, body_file, err);
}

enum topc_status topc_history_complete(struct topc_history *h, struct topc_history_entry *e,
				       bool sent, size_t body_cap, bool body_file,
				       struct topc_error *err)
{
	static const char sql[] =
	    "UPDATE entries SET http_status = ?1, latency_ms = ?2, outcome = ?3, code = ?4, "
	    "msg = ?5, sub_code = ?6, sub_msg = ?7, request_id = ?8, detail = ?9, body = ?10, "
	    "body_size = ?11, params_json = CASE WHEN ?12 THEN params_json END, owner = NULL "
	    "WHERE id = ?13 AND outcome = 'pending'";
	size_t stored = e->body_len < body_cap ? e->body_len : body_cap;
	enum topc_status s;
	bool changed;

	if (!prepared(h, &h->complete, sql))
		return topc_history_db_error(h, err, N_("cannot add"));
	bind_outcome(h->complete, 1, e, stored);
	sqlite3_bind_int(h->complete, 12, sent);
	sqlite3_bind_int64(h->complete, 13, e->id);
	if ((s = step_once(h, h->complete, &changed, err)) != TOPC_OK)
		return s;
	if (!changed)
		return topc_error_set(err, TOPC_ERR_INPUT, "history has no pending entry %lld",
				      (long long)e->id);
	free(e->owner);
	e->owner = NULL;
	return written(h, e, body_cap, body_file, err);
}

enum topc_status topc_history_set_compare(struct topc_history *h, int64_t id, const char *verdict,
					  struct topc_error *err)
{
	sqlite3_stmt *st;
	enum topc_status s;

	if (sqlite3_prepare_v2(h->db, "UPDATE entries SET compare = ? WHERE id = ?", -1, &st,
			       NULL) != SQLITE_OK)
		return topc_history_db_error(h, err, N_("cannot mark the replay"));
	topc_history_bind_text(st, 1, verdict);
	sqlite3_bind_int64(st, 2, id);
	s = sqlite3_step(st) == SQLITE_DONE
		? TOPC_OK
		: topc_history_db_error(h, err, N_("cannot mark the replay"));
	sqlite3_finalize(st);
	if (s == TOPC_OK && sqlite3_changes(h->db) == 0)
		s = topc_error_set(err, TOPC_ERR_INPUT, "history has no entry %lld", (long long)id);
	return s;
}

enum topc_status topc_history_set_headers(struct topc_history *h, int64_t id, const char *text,
					  size_t len, struct topc_error *err)
{
	sqlite3_stmt *st;
	int rc;

	/* prepared once: replay keeps thousands a second */
	if (!prepared(h, &h->headers,
		      "INSERT OR REPLACE INTO entry_headers (id, headers) VALUES (?, ?)"))
		return topc_history_db_error(h, err, N_("cannot keep the headers"));
	st = h->headers;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, text, (int)(len < INT32_MAX ? len : INT32_MAX), SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? TOPC_OK
				 : topc_history_db_error(h, err, N_("cannot keep the headers"));
}
