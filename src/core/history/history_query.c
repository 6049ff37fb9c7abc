/* history_query.c - reading the history: lists and searches by filter,
 * newest first (a grep over a large history on two threads), one entry,
 * its headers, and the --since argument. */
#define _GNU_SOURCE /* memmem */
#include "history/history.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/number.h"
#include "history/history_db.h"

#define COLUMNS                                                                                    \
	"id, time_ms, profile, gateway, method, template, values_json, generators_json, "          \
	"params_json, http_status, latency_ms, outcome, code, msg, sub_code, sub_msg, "            \
	"request_id, detail, body_size, body_file, origin_id, compare, owner"

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

void topc_history_connection_setup(sqlite3 *db)
{
	sqlite3_busy_timeout(db, TOPC_HISTORY_BUSY_MS);
	sqlite3_create_function(db, "contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				contains_fn, NULL, NULL);
	/* reads straight from the page cache: a grep over a large history does not
	 * copy every page first */
	sqlite3_exec(db, "PRAGMA cache_size=-8000", NULL, NULL, NULL);
}

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
	e->owner = col(st, 22);
	if (with_body && sqlite3_column_type(st, 23) != SQLITE_NULL) {
		int n = sqlite3_column_bytes(st, 23);
		const void *b = sqlite3_column_blob(st, 23);
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

/* A grep finds what a list shows too: " OR outcome IN (...)" of the
 * classes whose name starts with term (two letters at least), "ok" (the
 * console's word) or "success" for a success; nothing when none does.
 * The names are the outcome table's own ([a-z_]), written as literals. */
static bool grep_outcomes(struct topc_buf *sql, const char *term)
{
	size_t n = strlen(term);
	bool any = false, ok = true;

	for (int c = 0; c < TOPC_OUTCOME_COUNT && n >= 2 && ok; c++) {
		const char *name = topc_outcome_name((enum topc_outcome_class)c);
		if (strncmp(name, term, n) != 0 &&
		    !(c == TOPC_OUTCOME_SUCCESS && strncmp("ok", term, n) == 0))
			continue;
		ok = !topc_buf_addf(sql, "%s'%s'", any ? "," : " OR outcome IN (", name);
		any = true;
	}
	return ok && (!any || !topc_buf_adds(sql, ")"));
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
				   "contains(sub_msg, ?1000) OR contains(sub_code, ?1000) OR "
				   "contains(profile, ?1000)")) &&
	     (!f->grep || grep_outcomes(&sql, f->grep)) &&
	     (!f->grep || !topc_buf_adds(&sql, ")")) &&
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
		topc_history_bind_text(*st, ++n, f->method);
	if (f->profile)
		topc_history_bind_text(*st, ++n, f->profile);
	if (f->outcome >= 0)
		topc_history_bind_text(*st, ++n,
				       topc_outcome_name((enum topc_outcome_class)f->outcome));
	if (f->since_ms)
		sqlite3_bind_int64(*st, ++n, f->since_ms);
	if (f->grep)
		topc_history_bind_text(*st, 1000, f->grep);
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

	struct topc_history_entry *more = topc_grow(o->found, sizeof(*more), o->n, &o->alloc);

	if (!more)
		return false;
	o->found = more;
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
		topc_history_connection_setup(o->db);
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
		return topc_history_db_error(h, err, N_("cannot query"));
	return TOPC_OK;
}

enum topc_status topc_history_query(struct topc_history *h, const struct topc_history_filter *f,
				    bool with_body, topc_history_visit_fn fn, void *ctx,
				    struct topc_error *err)
{
	sqlite3_stmt *st;
	int64_t top;
	int rc;

	if (f->grep && !f->ids && !h->single && (top = max_id(h)) > 20000)
		return parallel_grep(h, f, with_body, fn, ctx, top, err);
	if (prepare_query(h->db, f, with_body, 0, 0, &st) != SQLITE_OK)
		return topc_history_db_error(h, err, N_("cannot query"));
	rc = stream(st, with_body, fn, ctx);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return topc_history_db_error(h, err, N_("cannot query"));
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
		return topc_history_db_error(h, err, N_("cannot read"));
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
		s = topc_history_db_error(h, err, N_("cannot read"));
	sqlite3_reset(st);
	return s;
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
		return topc_history_db_error(h, err, N_("cannot read the headers"));
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const void *text = sqlite3_column_text(st, 0);
		*found = true;
		if (text && topc_buf_add(out, text, (size_t)sqlite3_column_bytes(st, 0)) != TOPC_OK)
			s = topc_error_set(err, TOPC_ERR_NOMEM,
					   "out of memory reading the headers");
	} else if (rc != SQLITE_DONE) {
		s = topc_history_db_error(h, err, N_("cannot read the headers"));
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
