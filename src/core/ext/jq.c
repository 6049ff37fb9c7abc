/* The libjq adapter (jq.h). */
#include "ext/jq.h"

#include <limits.h>
#include <string.h>

#include <jq.h>
#include <jv.h>

struct compile_errors {
	char text[200];
};

/* jq reports compile errors through this; keep the first line */
static void on_error(void *data, jv msg)
{
	struct compile_errors *c = data;

	if (!c->text[0] && jv_get_kind(msg) == JV_KIND_STRING) {
		const char *s = jv_string_value(msg);
		if (strncmp(s, "jq: error: ", 11) == 0)
			s += 11;
		snprintf(c->text, sizeof(c->text), "%.*s", (int)strcspn(s, "\n"), s);
	}
	jv_free(msg);
}

typedef enum topc_status (*result_fn)(jv value, void *ctx);

static enum topc_status run(const char *program, const char *json, size_t len, result_fn fn,
			    void *ctx, struct topc_error *err)
{
	struct compile_errors ce = {{0}};
	enum topc_status st = TOPC_OK;
	jq_state *jq;
	jv in, r;

	if (len > INT_MAX)
		return topc_error_set(err, TOPC_ERR_INPUT, "the answer is too large for jq");
	if (!(jq = jq_init()))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting jq");
	jq_set_error_cb(jq, on_error, &ce);
	if (!jq_compile(jq, program)) {
		jq_teardown(&jq);
		return topc_error_set(err, TOPC_ERR_USAGE, "jq: %s",
				      ce.text[0] ? ce.text : "the program does not compile");
	}
	in = jv_parse_sized(json, (int)len);
	if (!jv_is_valid(in)) {
		jv msg = jv_invalid_get_msg(in);
		st = topc_error_set(err, TOPC_ERR_INPUT, "the answer is not JSON (%s)",
				    jv_get_kind(msg) == JV_KIND_STRING ? jv_string_value(msg)
								       : "parse error");
		jv_free(msg);
		jq_teardown(&jq);
		return st;
	}
	jq_start(jq, in, 0);
	while (st == TOPC_OK && jv_is_valid(r = jq_next(jq)))
		st = fn(r, ctx); /* fn owns r */
	if (st == TOPC_OK) {
		if (jv_invalid_has_msg(jv_copy(r))) {
			jv msg = jv_invalid_get_msg(r);
			jv text = jv_get_kind(msg) == JV_KIND_STRING
				      ? jv_copy(msg)
				      : jv_dump_string(jv_copy(msg), 0);
			st = topc_error_set(err, TOPC_ERR_INPUT, "jq: %s", jv_string_value(text));
			jv_free(text);
			jv_free(msg);
		} else {
			jv_free(r);
		}
	} else {
		topc_error_set(err, st, "out of memory writing the query's results");
	}
	jq_teardown(&jq);
	return st;
}

struct print_ctx {
	struct topc_buf *out;
	size_t count;
};

static enum topc_status print_one(jv v, void *ctx)
{
	struct print_ctx *p = ctx;
	enum topc_status st;

	if (jv_get_kind(v) != JV_KIND_NULL)
		p->count++;
	if (jv_get_kind(v) == JV_KIND_STRING) {
		st = topc_buf_add(p->out, jv_string_value(v),
				  (size_t)jv_string_length_bytes(jv_copy(v)));
		jv_free(v);
	} else {
		jv text = jv_dump_string(v, 0);
		st = topc_buf_add(p->out, jv_string_value(text),
				  (size_t)jv_string_length_bytes(jv_copy(text)));
		jv_free(text);
	}
	return st == TOPC_OK ? topc_buf_addc(p->out, '\n') : st;
}

enum topc_status topc_jq_run(const char *program, const char *json, size_t len,
			     struct topc_buf *out, size_t *count, struct topc_error *err)
{
	struct print_ctx p = {out, 0};
	enum topc_status st = run(program, json, len, print_one, &p, err);

	*count = p.count;
	return st;
}

struct test_ctx {
	size_t count;
	bool all_true;
};

static enum topc_status test_one(jv v, void *ctx)
{
	struct test_ctx *t = ctx;
	jv_kind k = jv_get_kind(v);

	t->count++;
	if (k == JV_KIND_FALSE || k == JV_KIND_NULL)
		t->all_true = false;
	jv_free(v);
	return TOPC_OK;
}

enum topc_status topc_jq_check(const char *program, struct topc_error *err)
{
	struct compile_errors ce = {{0}};
	jq_state *jq = jq_init();
	int ok;

	if (!jq)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting jq");
	jq_set_error_cb(jq, on_error, &ce);
	ok = jq_compile(jq, program);
	jq_teardown(&jq);
	return ok ? TOPC_OK
		  : topc_error_set(err, TOPC_ERR_USAGE, "jq: %s",
				   ce.text[0] ? ce.text : "the program does not compile");
}

enum topc_status topc_jq_test(const char *program, const char *json, size_t len, bool *truthy,
			      struct topc_error *err)
{
	struct test_ctx t = {0, true};
	enum topc_status st = run(program, json, len, test_one, &t, err);

	*truthy = st == TOPC_OK && t.count > 0 && t.all_true;
	return st;
}
