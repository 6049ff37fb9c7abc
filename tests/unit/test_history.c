/* The history store: entries of every outcome class, filters, body caps,
 * migration from the first schema, damaged files, no secrets on disk. */
#include "test_header.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "history/history.h"
#include "history/history_record.h"

static char dir[256], db[300];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/topc-test-history-%d", (int)getpid());
	mkdir(dir, 0700);
	snprintf(db, sizeof(db), "%s/h/history.db", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static struct topc_history *open_db(const char *path, char **notice)
{
	struct topc_history *h = NULL;
	struct topc_error err = {0};

	if (topc_history_open(path, &h, notice, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
	return h;
}

static int64_t add(struct topc_history *h, const char *method, const char *profile,
		   enum topc_outcome_class cls, const char *body, int64_t time_ms)
{
	struct topc_history_entry e;
	struct topc_error err = {0};

	topc_history_entry_init(&e);
	e.time_ms = time_ms;
	e.method = strdup(method);
	e.profile = strdup(profile);
	e.gateway = strdup("http://127.0.0.1:9/router/rest");
	e.values_json = strdup("{\"user_id\":\"12345\"}");
	e.params_json = strdup("{\"method\":\"x\",\"sign\":\"ABC\"}");
	e.outcome = cls;
	e.http_status = cls == TOPC_OUTCOME_HTTP_ERROR ? 500 : 200;
	e.latency_ms = 42;
	if (cls == TOPC_OUTCOME_API_ERROR) {
		e.has_code = true;
		e.code = 25;
		e.msg = strdup("Invalid signature");
		e.sub_code = strdup("isv.invalid-signature");
		e.sub_msg = strdup("签名不对");
	}
	if (body) {
		e.body = strdup(body);
		e.body_len = strlen(body);
	}
	int64_t id;

	if (topc_history_add(h, &e, TOPC_HISTORY_BODY_CAP, false, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
	id = e.id;
	topc_history_entry_release(&e);
	return id;
}

static void every_outcome_round_trips(void **state)
{
	struct topc_history *h;
	int64_t ids[TOPC_OUTCOME_INVALID_INPUT + 1];
	struct stat st;

	(void)state;
	unlink(db);
	h = open_db(db, NULL);
	assert_int_equal(stat(db, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	for (int c = 0; c <= TOPC_OUTCOME_INVALID_INPUT; c++)
		ids[c] =
		    add(h, "taobao.a.b", "p", (enum topc_outcome_class)c, "{\"ok\":1}", 1000 + c);
	for (int c = 0; c <= TOPC_OUTCOME_INVALID_INPUT; c++) {
		struct topc_history_entry e;
		struct topc_error err = {0};
		assert_int_equal(topc_history_get(h, ids[c], &e, &err), TOPC_OK);
		assert_int_equal(e.outcome, c);
		assert_int_equal(e.time_ms, 1000 + c);
		assert_string_equal(e.method, "taobao.a.b");
		assert_string_equal(e.values_json, "{\"user_id\":\"12345\"}");
		assert_string_equal(e.body, "{\"ok\":1}");
		assert_int_equal(e.latency_ms, 42);
		if (c == TOPC_OUTCOME_API_ERROR) {
			assert_true(e.has_code);
			assert_int_equal(e.code, 25);
			assert_string_equal(e.sub_code, "isv.invalid-signature");
			assert_string_equal(e.sub_msg, "签名不对");
		} else {
			assert_false(e.has_code);
		}
		topc_history_entry_release(&e);
	}
	{
		struct topc_history_entry e;
		struct topc_error err = {0};
		assert_int_equal(topc_history_get(h, 99999, &e, &err), TOPC_ERR_INPUT);
		assert_non_null(strstr(err.msg, "no history entry 99999"));
	}
	topc_history_close(h);
}

static bool count(const struct topc_history_entry *e, void *ctx)
{
	(void)e;
	(*(int *)ctx)++;
	return true;
}

static int matches(struct topc_history *h, const struct topc_history_filter *f)
{
	struct topc_error err = {0};
	int n = 0;

	if (topc_history_query(h, f, false, count, &n, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
	return n;
}

static bool first_id(const struct topc_history_entry *e, void *ctx)
{
	*(int64_t *)ctx = e->id;
	return false;
}

static void filters(void **state)
{
	char path[320];
	struct topc_history *h;
	struct topc_history_filter f;
	struct topc_error err = {0};
	int64_t newest = 0, last = 0, ids[2];

	(void)state;
	snprintf(path, sizeof(path), "%s/filters.db", dir);
	h = open_db(path, NULL);
	for (int i = 0; i < 30; i++)
		last =
		    add(h, i % 3 ? "taobao.a.b" : "taobao.c.d", i % 2 ? "prod" : "local",
			i % 5 ? TOPC_OUTCOME_SUCCESS : TOPC_OUTCOME_API_ERROR,
			i == 17 ? "{\"needle\":\"淘宝-17\"}" : "{\"hay\":1}", 1000000 + i * 1000);
	topc_history_filter_init(&f);
	assert_int_equal(matches(h, &f), 30);
	f.method = "taobao.c.d";
	assert_int_equal(matches(h, &f), 10);
	f.profile = "prod";
	assert_int_equal(matches(h, &f), 5);
	topc_history_filter_init(&f);
	f.outcome = TOPC_OUTCOME_API_ERROR;
	assert_int_equal(matches(h, &f), 6);
	topc_history_filter_init(&f);
	f.since_ms = 1000000 + 25 * 1000;
	assert_int_equal(matches(h, &f), 5);
	topc_history_filter_init(&f);
	f.grep = "淘宝-17";
	assert_int_equal(matches(h, &f), 1);
	f.grep = "isv.invalid-signature"; /* sub_code */
	assert_int_equal(matches(h, &f), 6);
	topc_history_filter_init(&f);
	f.limit = 7;
	assert_int_equal(matches(h, &f), 7);
	assert_int_equal(topc_history_query(h, &f, false, first_id, &newest, &err), TOPC_OK);
	assert_int_equal(newest, last); /* newest first */
	ids[0] = last;
	ids[1] = last - 3;
	topc_history_filter_init(&f);
	f.ids = ids;
	f.nids = 2;
	assert_int_equal(matches(h, &f), 2);
	topc_history_close(h);
}

struct collected {
	int64_t ids[64];
	int n;
};

static bool collect_ids(const struct topc_history_entry *e, void *ctx)
{
	struct collected *c = ctx;

	if (c->n < 64)
		c->ids[c->n++] = e->id;
	return true;
}

/* Past 20,000 entries a grep reads the two halves in two threads; the
 * answer must be the same as one reader's. */
static void grep_over_a_large_history(void **state)
{
	char path[320];
	struct topc_history *h;
	struct topc_history_filter f;
	struct topc_error err = {0};
	struct collected c = {{0}, 0};

	(void)state;
	snprintf(path, sizeof(path), "%s/large.db", dir);
	h = open_db(path, NULL);
	assert_int_equal(topc_history_begin(h, &err), TOPC_OK);
	for (int i = 1; i <= 30000; i++)
		add(h, "taobao.a.b", "p", TOPC_OUTCOME_SUCCESS,
		    i % 7000 == 0 ? "{\"find\":\"me\"}" : "{\"other\":1}", i);
	assert_int_equal(topc_history_commit(h, &err), TOPC_OK);
	topc_history_filter_init(&f);
	f.grep = "\"find\"";
	assert_int_equal(topc_history_query(h, &f, false, collect_ids, &c, &err), TOPC_OK);
	/* 7000, 14000 (older half), 21000, 28000 (newer half): newest first */
	assert_int_equal(c.n, 4);
	assert_int_equal(c.ids[0], 28000);
	assert_int_equal(c.ids[1], 21000);
	assert_int_equal(c.ids[2], 14000);
	assert_int_equal(c.ids[3], 7000);
	c.n = 0;
	f.limit = 3;
	assert_int_equal(topc_history_query(h, &f, false, collect_ids, &c, &err), TOPC_OK);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.ids[2], 14000);
	c.n = 0;
	f.limit = 0;
	f.grep = "no such text anywhere";
	assert_int_equal(topc_history_query(h, &f, false, collect_ids, &c, &err), TOPC_OK);
	assert_int_equal(c.n, 0);
	topc_history_close(h);
}

static void big_bodies(void **state)
{
	char path[320];
	struct topc_history *h;
	struct topc_history_entry e, back;
	struct topc_error err = {0};
	size_t n = 3000;

	(void)state;
	snprintf(path, sizeof(path), "%s/big.db", dir);
	h = open_db(path, NULL);
	for (int keep_file = 0; keep_file < 2; keep_file++) {
		topc_history_entry_init(&e);
		e.method = strdup("taobao.big");
		e.body = malloc(n + 1);
		memset(e.body, 'b', n);
		e.body[n] = '\0';
		e.body_len = n;
		assert_int_equal(topc_history_add(h, &e, 1024, keep_file, &err), TOPC_OK);
		assert_int_equal(topc_history_get(h, e.id, &back, &err), TOPC_OK);
		assert_int_equal(back.body_len, 1024);
		assert_int_equal(back.body_size, 3000);
		if (keep_file) {
			struct stat st;
			assert_non_null(back.body_file);
			assert_int_equal(stat(back.body_file, &st), 0);
			assert_int_equal(st.st_size, 3000);
			assert_int_equal(st.st_mode & 0777, 0600);
		} else {
			assert_null(back.body_file);
		}
		topc_history_entry_release(&back);
		topc_history_entry_release(&e);
	}
	topc_history_close(h);
}

/* A replay's compare verdict is kept with the replay's entry and read back;
 * entries never compared have none, and a missing id is said. */
static void keeps_the_compare_mark(void **state)
{
	char path[320];
	struct topc_history *h;
	struct topc_history_entry e;
	struct topc_error err = {0};

	(void)state;
	snprintf(path, sizeof(path), "%s/mark.db", dir);
	h = open_db(path, NULL);
	int64_t a = add(h, "taobao.a", "p", TOPC_OUTCOME_SUCCESS, "{\"a\":1}", 1);
	int64_t b = add(h, "taobao.a", "p", TOPC_OUTCOME_SUCCESS, "{\"a\":2}", 2);
	assert_int_equal(topc_history_set_compare(h, b, "changed", &err), TOPC_OK);
	assert_int_equal(topc_history_set_compare(h, 999, "same", &err), TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "999"));
	topc_history_close(h);
	h = open_db(path, NULL);
	assert_int_equal(topc_history_get(h, b, &e, &err), TOPC_OK);
	assert_string_equal(e.compare, "changed");
	topc_history_entry_release(&e);
	assert_int_equal(topc_history_get(h, a, &e, &err), TOPC_OK);
	assert_null(e.compare);
	topc_history_entry_release(&e);
	topc_history_close(h);
}

/* The first schema, as topc 0.1's history had it, with one entry. */
static void migrates_the_first_schema(void **state)
{
	char path[320];
	sqlite3 *raw;
	struct topc_history *h;
	struct topc_history_entry e;
	struct topc_error err = {0};
	int64_t id;

	(void)state;
	snprintf(path, sizeof(path), "%s/v1.db", dir);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(raw,
			 "CREATE TABLE entries (id INTEGER PRIMARY KEY, time_ms INTEGER "
			 "NOT NULL, profile TEXT, gateway TEXT, method TEXT NOT NULL, "
			 "template TEXT, values_json TEXT, params_json TEXT, http_status "
			 "INTEGER, latency_ms INTEGER, outcome TEXT NOT NULL, code "
			 "INTEGER, msg TEXT, sub_code TEXT, sub_msg TEXT, request_id "
			 "TEXT, detail TEXT, body TEXT, body_size INTEGER);"
			 "CREATE INDEX entries_method ON entries(method, id);"
			 "INSERT INTO entries (time_ms, profile, method, outcome, code, "
			 "body, body_size) VALUES (5, 'old', 'taobao.old.one', "
			 "'api_error', 15, '{}', 2);"
			 "PRAGMA user_version = 1;",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(raw);
	h = open_db(path, NULL);
	assert_int_equal(topc_history_get(h, 1, &e, &err), TOPC_OK);
	assert_string_equal(e.method, "taobao.old.one");
	assert_int_equal(e.outcome, TOPC_OUTCOME_API_ERROR);
	assert_int_equal(e.code, 15);
	assert_int_equal(e.origin_id, 0);
	topc_history_entry_release(&e);
	/* the new columns work */
	id = add(h, "taobao.new", "p", TOPC_OUTCOME_SUCCESS, NULL, 6);
	assert_int_equal(id, 2);
	topc_history_close(h);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	{
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), TOPC_HISTORY_SCHEMA);
		sqlite3_finalize(st);
	}
	sqlite3_close(raw);
}

/* A schema-2 or schema-3 file, written the way those topc versions wrote it
 * (the SQL below is copied from their migrations, not from this one's).  Both
 * open, keep their entries (and schema 3 its headers), gain the compare
 * column (4) and end at this topc's schema. */
/* A file at schema version (2, 3 or 4) as those topc versions wrote it
 * (the SQL is copied from their migrations, not from this one's), with the
 * rows of the SQL statements rows in it. */
static void write_old_schema(const char *path, int version, const char *rows)
{
	sqlite3 *raw;
	char sql[64];

	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(raw,
			 "CREATE TABLE entries (id INTEGER PRIMARY KEY, time_ms INTEGER "
			 "NOT NULL, profile TEXT, gateway TEXT, method TEXT NOT NULL, "
			 "template TEXT, values_json TEXT, params_json TEXT, http_status "
			 "INTEGER, latency_ms INTEGER, outcome TEXT NOT NULL, code "
			 "INTEGER, msg TEXT, sub_code TEXT, sub_msg TEXT, request_id "
			 "TEXT, detail TEXT, body TEXT, body_size INTEGER);"
			 "ALTER TABLE entries ADD COLUMN generators_json TEXT;"
			 "ALTER TABLE entries ADD COLUMN body_file TEXT;"
			 "ALTER TABLE entries ADD COLUMN origin_id INTEGER;",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	if (version >= 3)
		assert_int_equal(sqlite3_exec(raw,
					      "CREATE TABLE entry_headers (id INTEGER PRIMARY "
					      "KEY, headers TEXT NOT NULL);",
					      NULL, NULL, NULL),
				 SQLITE_OK);
	if (version >= 4)
		assert_int_equal(sqlite3_exec(raw, "ALTER TABLE entries ADD COLUMN compare TEXT;",
					      NULL, NULL, NULL),
				 SQLITE_OK);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d;", version);
	assert_int_equal(sqlite3_exec(raw, rows, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
}

#define OLD_ROWS                                                                                   \
	"INSERT INTO entries (time_ms, profile, method, outcome, code, body, body_size) "          \
	"VALUES (5, 'old', 'taobao.old.one', 'success', 0, '{}', 2);"                              \
	"INSERT INTO entries (time_ms, profile, method, outcome, code, body, body_size, "          \
	"origin_id) VALUES (6, 'old', 'taobao.old.one', 'success', 0, '{}', 2, 1);"

static void open_old_schema(const char *name, int version)
{
	char path[320];
	sqlite3 *raw;
	struct topc_history *h;
	struct topc_history_entry e;
	struct topc_error err = {0};
	struct topc_buf headers;
	bool found = true;
	sqlite3_stmt *st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_old_schema(path, version,
			 version == 3 ? OLD_ROWS
			     "INSERT INTO entry_headers VALUES (2, 'Server: old');"
				      : OLD_ROWS);

	h = open_db(path, NULL);
	assert_int_equal(topc_history_get(h, 2, &e, &err), TOPC_OK);
	assert_string_equal(e.method, "taobao.old.one");
	assert_int_equal(e.origin_id, 1);
	assert_null(e.compare);
	topc_history_entry_release(&e);
	topc_buf_init(&headers, 0);
	assert_int_equal(topc_history_headers(h, 2, &headers, &found, &err), TOPC_OK);
	if (version == 3) {
		assert_true(found);
		assert_int_equal(headers.len, strlen("Server: old"));
		assert_memory_equal(headers.data, "Server: old", headers.len);
	} else {
		assert_false(found);
	}
	topc_buf_release(&headers);
	/* the new column and the headers table both work */
	assert_int_equal(topc_history_set_compare(h, 2, "same", &err), TOPC_OK);
	assert_int_equal(topc_history_set_headers(h, 1, "X-A: 1", 6, &err), TOPC_OK);
	topc_history_close(h);

	h = open_db(path, NULL);
	assert_int_equal(topc_history_get(h, 2, &e, &err), TOPC_OK);
	assert_string_equal(e.compare, "same");
	topc_history_entry_release(&e);
	topc_history_close(h);

	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 6);
	assert_int_equal(TOPC_HISTORY_SCHEMA, 6);
	sqlite3_finalize(st);
	sqlite3_close(raw);
}

static void migrates_schema_2(void **state)
{
	(void)state;
	open_old_schema("v2.db", 2);
}

static void migrates_schema_3(void **state)
{
	(void)state;
	open_old_schema("v3.db", 3);
}

/* A schema-4 file with an entry kept before answers were masked: its
 * gateway URL carries a password, which the answer echoed raw, JSON-escaped
 * and as HTTP Basic (base64 of "guser:gw-pass-8c1f2e", from Python's
 * base64).  Migrated, the password is nowhere in the file. */
static void migrates_schema_4_masking_url_passwords(void **state)
{
	char path[320], cmd[700];
	struct topc_history *h;
	struct topc_history_entry e;
	struct topc_error err = {0};
	struct topc_buf headers;
	bool found = false;

	(void)state;
	snprintf(path, sizeof(path), "%s/v4.db", dir);
	write_old_schema(
	    path, 4,
	    "INSERT INTO entries (time_ms, profile, gateway, method, outcome, msg, body, "
	    "body_size) VALUES (5, 'old', "
	    "'http://guser:gw-pass-8c1f2e@127.0.0.1:9/router/rest', "
	    "'taobao.old.one', 'api_error', 'bad gw-pass-8c1f2e', "
	    "'{\"auth\":\"Basic Z3VzZXI6Z3ctcGFzcy04YzFmMmU=\",\"pw\":\"gw-pass-8c1f2e\"}', "
	    "60);"
	    "INSERT INTO entry_headers VALUES (1, 'X-Echo: gw-pass-8c1f2e');"
	    "INSERT INTO entries (time_ms, profile, gateway, method, outcome, body, body_size) "
	    "VALUES (6, 'new', 'http://127.0.0.1:9/router/rest', 'taobao.new.one', 'success', "
	    "'{\"pw\":\"other-pass-5d0a\"}', 20);");

	h = open_db(path, NULL);
	assert_int_equal(topc_history_get(h, 1, &e, &err), TOPC_OK);
	assert_string_equal(e.gateway, "http://guser:***@127.0.0.1:9/router/rest");
	assert_string_equal(e.msg, "bad ***");
	assert_string_equal(e.body, "{\"auth\":\"Basic ***\",\"pw\":\"***\"}");
	topc_history_entry_release(&e);
	topc_buf_init(&headers, 0);
	assert_int_equal(topc_history_headers(h, 1, &headers, &found, &err), TOPC_OK);
	assert_true(found);
	assert_int_equal(headers.len, strlen("X-Echo: ***"));
	assert_memory_equal(headers.data, "X-Echo: ***", headers.len);
	topc_buf_release(&headers);
	/* an entry whose URL has no password is left as it was */
	assert_int_equal(topc_history_get(h, 2, &e, &err), TOPC_OK);
	assert_string_equal(e.body, "{\"pw\":\"other-pass-5d0a\"}");
	topc_history_entry_release(&e);
	topc_history_close(h);
	/* the password is gone from the file and its log, old pages too */
	snprintf(cmd, sizeof(cmd),
		 "cat '%s'* | grep -q -a -e gw-pass-8c1f2e -e Z3VzZXI6Z3ctcGFzcy04YzFmMmU", path);
	assert_int_not_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "cat '%s'* | grep -q -a other-pass-5d0a", path);
	assert_int_equal(system(cmd), 0); /* the search finds what is there */
}

static void damaged_file_moved_aside(void **state)
{
	char path[320], cmd[400];
	FILE *f;
	char *notice = NULL;
	struct topc_history *h;

	(void)state;
	snprintf(path, sizeof(path), "%s/bad/history.db", dir);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/bad'", dir);
	assert_int_equal(system(cmd), 0);
	f = fopen(path, "w");
	fputs("this is not a database, it is a note someone saved here by mistake\n", f);
	for (int i = 0; i < 200; i++)
		fputs("garbage garbage garbage garbage\n", f);
	fclose(f);
	h = open_db(path, &notice);
	assert_non_null(notice);
	assert_non_null(strstr(notice, "was damaged; it is kept as"));
	assert_int_equal(add(h, "taobao.after", "p", TOPC_OUTCOME_SUCCESS, NULL, 1), 1);
	topc_history_close(h);
	free(notice);
	/* the old file is kept, not deleted */
	snprintf(cmd, sizeof(cmd),
		 "grep -l 'a note someone saved' '%s'/bad/history.db.corrupt-* "
		 ">/dev/null",
		 dir);
	assert_int_equal(system(cmd), 0);
}

static void no_secret_on_disk(void **state)
{
	char path[320], cmd[600];
	struct topc_history *h;
	struct topc_params sent;
	struct topc_request req;
	struct topc_outcome out;
	struct topc_send_record r = {0};
	struct topc_error err = {0};
	int64_t id;

	(void)state;
	snprintf(path, sizeof(path), "%s/secret.db", dir);
	h = open_db(path, NULL);
	topc_request_init(&req);
	topc_params_init(&sent);
	topc_params_set(&req.params, "method", "taobao.a.b");
	topc_params_set(&req.params, "session", "session-key-2f9c1d8e");
	topc_params_set(&req.params, "sign", "0123");
	topc_outcome_init(&out);
	out.cls = TOPC_OUTCOME_SUCCESS;
	r.profile_name = "p";
	r.method = "taobao.a.b";
	r.request = &req;
	r.outcome = &out;
	assert_int_equal(topc_history_record(h, &r, &id, &err), TOPC_OK);
	assert_true(id > 0);
	topc_history_close(h);
	snprintf(cmd, sizeof(cmd), "cat '%s'* | grep -q session-key-2f9c1d8e", path);
	assert_int_not_equal(system(cmd), 0); /* not found */
	snprintf(cmd, sizeof(cmd), "cat '%s'* | grep -c '<session>' >/dev/null", path);
	assert_int_equal(system(cmd), 0);
	topc_request_release(&req);
	topc_params_release(&sent);
	topc_outcome_release(&out);
}

/* Inside a caller's batch, a headers insert that takes the transaction down
 * (SQLite rolls a transaction back on a full disk; a trigger's
 * RAISE(ROLLBACK) does the same here) must not be reported as kept: the
 * entry went with the batch. */
static void a_batch_lost_to_the_headers_is_an_error(void **state)
{
	char path[320];
	struct topc_history *h;
	struct topc_http_response resp;
	struct topc_outcome out;
	struct topc_send_record r = {0};
	struct topc_error err = {0};
	sqlite3 *raw;
	sqlite3_stmt *st;
	int64_t id = -1;

	(void)state;
	snprintf(path, sizeof(path), "%s/batch.db", dir);
	topc_history_close(open_db(path, NULL));
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
				      "CREATE TRIGGER lose BEFORE INSERT ON entry_headers BEGIN "
				      "SELECT RAISE(ROLLBACK, 'database or disk is full'); END;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw);
	h = open_db(path, NULL);
	memset(&resp, 0, sizeof(resp));
	topc_buf_init(&resp.body, 0);
	topc_buf_init(&resp.headers, 0);
	assert_int_equal(topc_buf_adds(&resp.headers, "HTTP/1.1 200 OK\r\nX-A: 1\r\n"), TOPC_OK);
	resp.complete = true;
	resp.status = 200;
	topc_outcome_init(&out);
	out.cls = TOPC_OUTCOME_SUCCESS;
	r.profile_name = "p";
	r.method = "taobao.a.b";
	r.outcome = &out;
	r.response = &resp;
	assert_int_equal(topc_history_begin(h, &err), TOPC_OK);
	add(h, "taobao.a.b", "p", TOPC_OUTCOME_SUCCESS, "{}", 1);
	assert_int_not_equal(topc_history_record(h, &r, &id, &err), TOPC_OK);
	assert_int_equal(id, 0);
	assert_non_null(strstr(err.msg, "batch was undone"));
	assert_false(topc_history_in_transaction(h));
	topc_history_close(h);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT count(*) FROM entries", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0); /* nothing of the batch was kept */
	sqlite3_finalize(st);
	sqlite3_close(raw);
	topc_buf_release(&resp.headers);
	topc_buf_release(&resp.body);
	topc_outcome_release(&out);
}

static void since_parsing(void **state)
{
	int64_t ms;

	(void)state;
	assert_true(topc_history_parse_since("90m", 10000000, &ms));
	assert_int_equal(ms, 10000000 - 90 * 60000);
	assert_true(topc_history_parse_since("2d", 1000000000, &ms));
	assert_int_equal(ms, 1000000000 - 2 * 86400000LL);
	/* 2024-01-01 00:00:00 GMT+8 = 2023-12-31T16:00:00Z */
	assert_true(topc_history_parse_since("2024-01-01", 0, &ms));
	assert_int_equal(ms, 1704038400000LL);
	assert_true(topc_history_parse_since("2024-01-01 08:30", 0, &ms));
	assert_int_equal(ms, 1704038400000LL + 8.5 * 3600000);
	assert_false(topc_history_parse_since("yesterday", 0, &ms));
	assert_false(topc_history_parse_since("2024-13-01", 0, &ms));
}

/* An entry as JSON keeps the answer's numbers as the gateway wrote them:
 * a 19-digit id went through a double and came out 1.2345678901234568e+18.
 * The layout is compact, one line (jsonl export). */
static void entry_json_numbers_exact(void **state)
{
	struct topc_history_entry e;
	char *text;

	topc_history_entry_init(&e);
	e.method = strdup("taobao.x.y");
	e.outcome = TOPC_OUTCOME_SUCCESS;
	e.has_code = true;
	e.code = 9007199254740993LL; /* 2^53 + 1: no double holds it */
	e.params_json = strdup("{\"method\":\"taobao.x.y\"}");
	e.body = strdup("{\"x_response\": {\"id\": 1234567890123456789,\n \"s\": \"a b\"}}");
	e.body_len = strlen(e.body);
	text = topc_history_entry_json(&e, false, false, false, NULL);
	assert_non_null(text);
	assert_string_equal(
	    text, "{\"method\":\"taobao.x.y\",\"params\":{\"method\":\"taobao.x.y\"},"
		  "\"outcome\":\"success\",\"code\":9007199254740993,"
		  "\"body\":{\"x_response\":{\"id\":1234567890123456789,\"s\":\"a b\"}}}");
	free(text);
	topc_history_entry_release(&e);
}

/* ------------------------------------------------------------------ */
/* Pending entries (history.h): kept before a request leaves, their
 * outcome written over them in place. */

/* A send record for method with a signed request's parameters. */
static void pending_request(struct topc_request *req, struct topc_params *values)
{
	topc_request_init(req);
	topc_params_init(values);
	assert_int_equal(topc_params_set(&req->params, "method", "taobao.pend.one"), TOPC_OK);
	assert_int_equal(topc_params_set(&req->params, "session", "sess-7f3a9c1e0d"), TOPC_OK);
	assert_int_equal(topc_params_set(&req->params, "sign", "0A1B2C"), TOPC_OK);
	assert_int_equal(topc_params_set(values, "user_id", "42"), TOPC_OK);
}

static void pending_then_completed_in_place(void **state)
{
	char path[320], text[256], want[128];
	struct topc_history *h;
	struct topc_history_entry e;
	struct topc_error err = {0};
	struct topc_request req;
	struct topc_params values;
	struct topc_outcome out;
	struct topc_http_response resp;
	int64_t id = 0, again = 0, left;
	long pid = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/pending.db", dir);
	h = open_db(path, NULL);
	pending_request(&req, &values);
	struct topc_send_record r = {.profile_name = "p",
				     .gateway = "http://u:gw-pw-33aa@127.0.0.1:9/router/rest",
				     .method = "taobao.pend.one",
				     .values = &values,
				     .request = &req};
	assert_int_equal(topc_history_record_pending(h, &r, 1, &id, &err), TOPC_OK);
	assert_true(id > 0);
	assert_int_equal(topc_history_get(h, id, &e, &err), TOPC_OK);
	assert_int_equal(e.outcome, TOPC_OUTCOME_PENDING);
	assert_string_equal(e.gateway, "http://u:***@127.0.0.1:9/router/rest"); /* masked */
	assert_non_null(strstr(e.params_json, "\"session\":\"<session>\""));
	assert_null(strstr(e.params_json, "sess-7f3a9c1e0d"));
	assert_non_null(strstr(e.values_json, "\"user_id\":\"42\""));
	assert_false(e.has_code);
	/* its own process is running: in flight */
	assert_non_null(e.owner);
	assert_string_equal(e.owner, topc_history_owner_self());
	assert_int_equal(topc_history_pending_state(&e, &pid), TOPC_PENDING_IN_FLIGHT);
	assert_int_equal(pid, (long)getpid());
	topc_history_pending_text(&e, text, sizeof(text));
	snprintf(want, sizeof(want), "in flight: process %ld ", (long)getpid());
	assert_non_null(strstr(text, want));
	left = e.time_ms;
	topc_history_entry_release(&e);

	/* the answer: written over it, same id, its time when it left */
	topc_outcome_init(&out);
	out.cls = TOPC_OUTCOME_SUCCESS;
	out.http_status = 200;
	topc_outcome_set(&out.request_id, "rid-1");
	memset(&resp, 0, sizeof(resp));
	topc_buf_init(&resp.body, 0);
	topc_buf_init(&resp.headers, 0);
	assert_int_equal(topc_buf_adds(&resp.body, "{\"pend_one_response\":{}}"), TOPC_OK);
	assert_int_equal(topc_buf_adds(&resp.headers, "Server: t\r\n"), TOPC_OK);
	resp.latency_ms = 7;
	r.outcome = &out;
	r.response = &resp;
	r.pending_id = id;
	usleep(5000);
	assert_int_equal(topc_history_record(h, &r, &again, &err), TOPC_OK);
	assert_int_equal(again, id);
	assert_int_equal(topc_history_get(h, id, &e, &err), TOPC_OK);
	assert_int_equal(e.outcome, TOPC_OUTCOME_SUCCESS);
	assert_null(e.owner);
	assert_int_equal(e.time_ms, left);
	assert_int_equal(e.latency_ms, 7);
	assert_string_equal(e.request_id, "rid-1");
	assert_string_equal(e.body, "{\"pend_one_response\":{}}");
	assert_non_null(strstr(e.params_json, "\"sign\":\"0A1B2C\""));
	assert_int_equal(topc_history_pending_state(&e, NULL), TOPC_PENDING_NONE);
	topc_history_pending_text(&e, text, sizeof(text));
	assert_string_equal(text, "");
	topc_history_entry_release(&e);
	{
		struct topc_buf hd;
		bool found = false;
		topc_buf_init(&hd, 0);
		assert_int_equal(topc_history_headers(h, id, &hd, &found, &err), TOPC_OK);
		assert_true(found);
		topc_buf_release(&hd);
	}
	/* done: a second outcome for it is no completion but a new entry */
	assert_int_equal(topc_history_record(h, &r, &again, &err), TOPC_OK);
	assert_int_not_equal(again, id);
	e.id = id;
	e.outcome = TOPC_OUTCOME_SUCCESS;
	assert_int_equal(topc_history_complete(h, &e, true, 100, false, &err), TOPC_ERR_INPUT);
	topc_history_entry_init(&e);
	topc_buf_release(&resp.body);
	topc_buf_release(&resp.headers);
	topc_outcome_release(&out);
	topc_request_release(&req);
	topc_params_release(&values);
	topc_history_close(h);
}

/* Many in one transaction, a profile without history skipped; an outcome
 * that never went out after all (request NULL) drops the parameters. */
static void pending_batch_and_unsent(void **state)
{
	char path[320];
	struct topc_history *h;
	struct topc_history_entry e;
	struct topc_error err = {0};
	struct topc_request req;
	struct topc_params values;
	struct topc_profile on, off;
	struct topc_outcome out;
	int64_t ids[3] = {-1, -1, -1}, id = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/pending-batch.db", dir);
	h = open_db(path, NULL);
	pending_request(&req, &values);
	topc_profile_init(&on);
	topc_profile_init(&off);
	on.history = true;
	on.history_body_max = TOPC_HISTORY_BODY_CAP;
	off.history = false;
	struct topc_send_record r[3] = {
	    {.profile_name = "on", .profile = &on, .method = "taobao.pend.one", .request = &req},
	    {.profile_name = "off", .profile = &off, .method = "taobao.pend.one", .request = &req},
	    {.profile_name = "on", .profile = &on, .method = "taobao.pend.two", .request = &req}};
	assert_int_equal(topc_history_record_pending(h, r, 3, ids, &err), TOPC_OK);
	assert_true(ids[0] > 0);
	assert_int_equal(ids[1], 0);
	assert_int_equal(ids[2], ids[0] + 1);
	assert_false(topc_history_in_transaction(h));
	/* the second went out and was refused by the transport before it left */
	topc_outcome_init(&out);
	out.cls = TOPC_OUTCOME_TRANSPORT_ERROR;
	topc_outcome_set(&out.detail, "could not start");
	r[2].outcome = &out;
	r[2].request = NULL;
	r[2].pending_id = ids[2];
	assert_int_equal(topc_history_record(h, &r[2], &id, &err), TOPC_OK);
	assert_int_equal(id, ids[2]);
	assert_int_equal(topc_history_get(h, id, &e, &err), TOPC_OK);
	assert_int_equal(e.outcome, TOPC_OUTCOME_TRANSPORT_ERROR);
	assert_string_equal(e.method, "taobao.pend.two");
	assert_null(e.params_json);
	assert_string_equal(e.detail, "could not start");
	topc_history_entry_release(&e);
	/* a pending id that is gone (a history started anew): a new entry */
	r[2].pending_id = 9999;
	assert_int_equal(topc_history_record(h, &r[2], &id, &err), TOPC_OK);
	assert_int_equal(id, ids[2] + 1);
	topc_outcome_release(&out);
	topc_profile_release(&on);
	topc_profile_release(&off);
	topc_request_release(&req);
	topc_params_release(&values);
	topc_history_close(h);
}

/* What a reader tells of a pending entry's process: the owner names the
 * boot, the pid and its start time. */
static void pending_states_of_other_processes(void **state)
{
	struct topc_history_entry e;
	char owner[160], boot[64], text[256], want[160];
	const char *self = topc_history_owner_self();
	long pid = 0;
	pid_t child;
	int status;

	(void)state;
	assert_non_null(self); /* Linux: /proc is there */
	assert_int_equal(sscanf(self, "%63s", boot), 1);
	topc_history_entry_init(&e);
	e.outcome = TOPC_OUTCOME_SUCCESS;
	assert_int_equal(topc_history_pending_state(&e, &pid), TOPC_PENDING_NONE);
	assert_null(topc_history_pending_name(TOPC_PENDING_NONE));
	e.outcome = TOPC_OUTCOME_PENDING;
	/* no owner kept: unknown, never in flight nor a success */
	assert_int_equal(topc_history_pending_state(&e, &pid), TOPC_PENDING_UNKNOWN);
	assert_string_equal(topc_history_pending_name(TOPC_PENDING_UNKNOWN), "unknown");
	topc_history_pending_text(&e, text, sizeof(text));
	assert_non_null(strstr(text, "no outcome recorded"));
	e.owner = strdup("not an owner");
	assert_int_equal(topc_history_pending_state(&e, NULL), TOPC_PENDING_UNKNOWN);
	free(e.owner);
	/* a process that ended and was reaped */
	child = fork();
	if (child == 0)
		_exit(0);
	assert_int_equal(waitpid(child, &status, 0), child);
	snprintf(owner, sizeof(owner), "%s %ld 1", boot, (long)child);
	e.owner = strdup(owner);
	assert_int_equal(topc_history_pending_state(&e, &pid), TOPC_PENDING_ENDED);
	assert_int_equal(pid, (long)child);
	assert_string_equal(topc_history_pending_name(TOPC_PENDING_ENDED), "ended");
	topc_history_pending_text(&e, text, sizeof(text));
	snprintf(want, sizeof(want), "no outcome recorded: its process %ld ended", (long)child);
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, "may have reached the gateway"));
	free(e.owner);
	/* killed and not yet reaped (a zombie): it sends nothing more */
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	{
		char self_start[32] = "";
		struct topc_history_entry me;
		topc_history_entry_init(&me);
		me.outcome = TOPC_OUTCOME_PENDING;
		assert_int_equal(kill(child, SIGKILL), 0);
		for (int i = 0; i < 200; i++) { /* until it is a zombie */
			char p[64], line[512];
			FILE *f;
			snprintf(p, sizeof(p), "/proc/%ld/stat", (long)child);
			f = fopen(p, "r");
			if (f && fgets(line, sizeof(line), f) &&
			    strstr(strrchr(line, ')'), ") Z")) {
				/* its start time, field 22, as the owner would keep it */
				char *q = strrchr(line, ')') + 2;
				for (int k = 0; k < 19 && q; k++)
					q = strchr(q, ' ') ? strchr(q, ' ') + 1 : NULL;
				if (q)
					snprintf(self_start, sizeof(self_start), "%.*s",
						 (int)strcspn(q, " "), q);
				fclose(f);
				break;
			}
			if (f)
				fclose(f);
			usleep(10000);
		}
		assert_true(self_start[0]);
		snprintf(owner, sizeof(owner), "%s %ld %s", boot, (long)child, self_start);
		me.owner = strdup(owner);
		assert_int_equal(topc_history_pending_state(&me, NULL), TOPC_PENDING_ENDED);
		topc_history_entry_release(&me);
		assert_int_equal(waitpid(child, &status, 0), child);
	}
	/* this process under another boot (the system started again), or with
	 * another start time (its pid used again): ended */
	assert_int_equal(sscanf(self, "%*s %ld", &pid), 1);
	snprintf(owner, sizeof(owner), "00000000-0000-0000-0000-000000000000 %ld 1", pid);
	e.owner = strdup(owner);
	assert_int_equal(topc_history_pending_state(&e, NULL), TOPC_PENDING_ENDED);
	free(e.owner);
	snprintf(owner, sizeof(owner), "%s %ld 1", boot, pid);
	e.owner = strdup(owner);
	assert_int_equal(topc_history_pending_state(&e, NULL), TOPC_PENDING_ENDED);
	free(e.owner);
	e.owner = strdup(self);
	assert_int_equal(topc_history_pending_state(&e, NULL), TOPC_PENDING_IN_FLIGHT);
	assert_string_equal(topc_history_pending_name(TOPC_PENDING_IN_FLIGHT), "in_flight");
	free(e.owner);
	e.owner = NULL;
	/* a pending entry has no outcome to exit 0 with */
	assert_int_not_equal(topc_outcome_exit_code(TOPC_OUTCOME_PENDING), 0);
	assert_string_equal(topc_outcome_name(TOPC_OUTCOME_PENDING), "pending");
}

/* A schema-5 file (the last before pending entries), with an entry: it
 * opens at schema 6, its entry whole and not pending, and a pending entry
 * can be kept and completed in it. */
static void migrates_schema_5_for_pending_entries(void **state)
{
	char path[320];
	sqlite3 *raw;
	sqlite3_stmt *st;
	struct topc_history *h;
	struct topc_history_entry e;
	struct topc_error err = {0};
	struct topc_request req;
	struct topc_params values;
	int64_t id = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/v5.db", dir);
	write_old_schema(path, 5,
			 "INSERT INTO entries (time_ms, profile, method, outcome, code, body, "
			 "body_size, compare) VALUES (5, 'old', 'taobao.old.one', 'cancelled', "
			 "NULL, NULL, 0, 'same');");
	h = open_db(path, NULL);
	assert_int_equal(topc_history_get(h, 1, &e, &err), TOPC_OK);
	assert_string_equal(e.method, "taobao.old.one");
	assert_int_equal(e.outcome, TOPC_OUTCOME_CANCELLED);
	assert_string_equal(e.compare, "same");
	assert_null(e.owner);
	assert_int_equal(topc_history_pending_state(&e, NULL), TOPC_PENDING_NONE);
	topc_history_entry_release(&e);
	pending_request(&req, &values);
	struct topc_send_record r = {
	    .profile_name = "p", .method = "taobao.pend.one", .request = &req};
	assert_int_equal(topc_history_record_pending(h, &r, 1, &id, &err), TOPC_OK);
	assert_int_equal(id, 2);
	topc_history_close(h);
	h = open_db(path, NULL);
	assert_int_equal(topc_history_get(h, 2, &e, &err), TOPC_OK);
	assert_int_equal(e.outcome, TOPC_OUTCOME_PENDING);
	assert_string_equal(e.owner, topc_history_owner_self());
	topc_history_entry_release(&e);
	topc_history_close(h);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 6);
	sqlite3_finalize(st);
	assert_int_equal(
	    sqlite3_prepare_v2(raw, "SELECT outcome FROM entries WHERE id = 2", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "pending");
	sqlite3_finalize(st);
	sqlite3_close(raw);
	topc_request_release(&req);
	topc_params_release(&values);
}

/* topc_history_others_wrote: another handle's add and its completion of
 * the same id each count (a console polling the newest id missed the
 * completion and kept the ? row); the handle's own writes, and nothing
 * written, do not. */
static void others_wrote_sees_a_completion(void **state)
{
	char path[320];
	struct topc_history *console, *other;
	struct topc_history_entry e;
	struct topc_error err = {0};
	int64_t id;

	(void)state;
	snprintf(path, sizeof(path), "%s/others.db", dir);
	console = open_db(path, NULL);
	other = open_db(path, NULL);
	assert_false(topc_history_others_wrote(console)); /* the first call notes the state */
	assert_false(topc_history_others_wrote(console));
	id = add(other, "taobao.one", "p", TOPC_OUTCOME_PENDING, NULL, 1000);
	assert_true(topc_history_others_wrote(console));
	assert_false(topc_history_others_wrote(console));
	topc_history_entry_init(&e);
	e.id = id;
	e.outcome = TOPC_OUTCOME_SUCCESS;
	e.http_status = 200;
	assert_int_equal(topc_history_complete(other, &e, true, 100, false, &err), TOPC_OK);
	topc_history_entry_release(&e);
	assert_true(topc_history_others_wrote(console));
	add(console, "taobao.two", "p", TOPC_OUTCOME_SUCCESS, NULL, 2000);
	assert_false(topc_history_others_wrote(console));
	assert_int_equal(topc_history_set_compare(other, id, "same", &err), TOPC_OK);
	assert_true(topc_history_others_wrote(console));
	topc_history_close(other);
	topc_history_close(console);
}

/* One entry tried, its status and err kept (add() fails the test instead). */
static enum topc_status try_add(struct topc_history *h, struct topc_error *err)
{
	struct topc_history_entry e;
	enum topc_status st;

	topc_history_entry_init(&e);
	e.time_ms = 1000;
	e.method = strdup("taobao.lock.try");
	e.profile = strdup("p");
	e.outcome = TOPC_OUTCOME_SUCCESS;
	st = topc_history_add(h, &e, TOPC_HISTORY_BODY_CAP, false, err);
	topc_history_entry_release(&e);
	return st;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SQLITE_LOCKED is a conflict between connections of this process that
 * share a cache (or statements of one connection), never another
 * process's write lock: SQLite does not wait the busy timeout for it,
 * and the history must not say "another process" nor give up the
 * outcome of a send for it (topc_history_locked).  Two connections of
 * this process on one shared cache, one in a write transaction, give it
 * to the other's add at once. */
static void a_lock_inside_this_process_is_not_another_process(void **state)
{
	char path[320];
	struct topc_history *h;
	struct topc_error err = {0};
	sqlite3 *raw;
	double t;

	(void)state;
	snprintf(path, sizeof(path), "%s/shared.db", dir);
	assert_int_equal(sqlite3_enable_shared_cache(1), SQLITE_OK);
	h = open_db(path, NULL);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	/* the connections open keep their shared cache; later ones do not */
	assert_int_equal(sqlite3_enable_shared_cache(0), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	t = now_s();
	assert_int_equal(try_add(h, &err), TOPC_ERR_IO);
	assert_true(now_s() - t < 5); /* not the busy timeout's wait */
	assert_int_equal(sqlite3_errcode(raw), SQLITE_OK);
	assert_non_null(strstr(err.msg, path));
	/* neither the wait nor the other process's fix */
	assert_null(strstr(err.msg, "has held its write lock"));
	assert_null(strstr(err.msg, "end that transaction"));
	assert_non_null(strstr(err.msg, "inside this topc"));
	assert_false(topc_history_locked(h));
	assert_int_equal(sqlite3_exec(raw, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(try_add(h, &err), TOPC_OK); /* the conflict gone, kept */
	sqlite3_close(raw);
	topc_history_close(h);
}

struct add_while_reading {
	struct topc_history *h;
	const char *path;
	enum topc_status st;
	struct topc_error err;
	int visits;
};

/* Another connection commits while h reads; h's write then meets a
 * snapshot another connection made stale: SQLITE_BUSY_SNAPSHOT, at once. */
static bool add_while_reading(const struct topc_history_entry *e, void *ctx)
{
	struct add_while_reading *a = ctx;
	sqlite3 *other;

	(void)e;
	if (a->visits++)
		return false;
	assert_int_equal(sqlite3_open(a->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other,
				      "INSERT INTO entries(time_ms, method, outcome) "
				      "VALUES (2000, 'taobao.other.process', 'success')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(other);
	a->st = try_add(a->h, &a->err);
	return false;
}

/* SQLITE_BUSY and its extended codes are another connection's lock: the
 * message says so and names the fix, and topc_history_locked tells it. */
static void another_connection_s_lock_is_said_as_such(void **state)
{
	char path[320];
	struct topc_history_filter f;
	struct topc_error err = {0};
	struct add_while_reading a = {0};

	(void)state;
	snprintf(path, sizeof(path), "%s/busy.db", dir);
	a.h = open_db(path, NULL);
	a.path = path;
	add(a.h, "taobao.a.b", "p", TOPC_OUTCOME_SUCCESS, NULL, 1000);
	topc_history_filter_init(&f);
	assert_int_equal(topc_history_query(a.h, &f, false, add_while_reading, &a, &err), TOPC_OK);
	assert_int_equal(a.visits, 1);
	assert_int_equal(a.st, TOPC_ERR_IO);
	assert_non_null(strstr(a.err.msg, path));
	assert_non_null(strstr(a.err.msg, "another process has held its write lock"));
	assert_non_null(strstr(a.err.msg, "end that transaction"));
	assert_true(topc_history_locked(a.h));
	topc_history_close(a.h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_outcome_round_trips),
	    cmocka_unit_test(filters),
	    cmocka_unit_test(grep_over_a_large_history),
	    cmocka_unit_test(big_bodies),
	    cmocka_unit_test(keeps_the_compare_mark),
	    cmocka_unit_test(migrates_the_first_schema),
	    cmocka_unit_test(migrates_schema_2),
	    cmocka_unit_test(migrates_schema_3),
	    cmocka_unit_test(migrates_schema_4_masking_url_passwords),
	    cmocka_unit_test(damaged_file_moved_aside),
	    cmocka_unit_test(no_secret_on_disk),
	    cmocka_unit_test(a_batch_lost_to_the_headers_is_an_error),
	    cmocka_unit_test(since_parsing),
	    cmocka_unit_test(entry_json_numbers_exact),
	    cmocka_unit_test(pending_then_completed_in_place),
	    cmocka_unit_test(pending_batch_and_unsent),
	    cmocka_unit_test(pending_states_of_other_processes),
	    cmocka_unit_test(migrates_schema_5_for_pending_entries),
	    cmocka_unit_test(others_wrote_sees_a_completion),
	    cmocka_unit_test(a_lock_inside_this_process_is_not_another_process),
	    cmocka_unit_test(another_connection_s_lock_is_said_as_such),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
