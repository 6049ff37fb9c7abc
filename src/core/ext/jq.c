/* The libjq adapter (jq.h). */
#include "ext/jq.h"

#include <limits.h>
#include <stdlib.h>
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

static enum topc_status compile(jq_state **jq, const char *program, struct topc_error *err)
{
	struct compile_errors ce = {{0}};

	if (!(*jq = jq_init()))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting jq");
	jq_set_error_cb(*jq, on_error, &ce);
	if (!jq_compile(*jq, program)) {
		jq_teardown(jq);
		return topc_error_set(err, TOPC_ERR_USAGE, "jq: %s",
				      ce.text[0] ? ce.text : "the program does not compile");
	}
	return TOPC_OK;
}

static enum topc_status parse(const char *json, size_t len, jv *in, struct topc_error *err)
{
	enum topc_status st;

	if (len > INT_MAX)
		return topc_error_set(err, TOPC_ERR_INPUT, "the answer is too large for jq");
	*in = jv_parse_sized(json, (int)len);
	if (jv_is_valid(*in))
		return TOPC_OK;
	jv msg = jv_invalid_get_msg(*in);
	st = topc_error_set(err, TOPC_ERR_INPUT, "the answer is not JSON (%s)",
			    jv_get_kind(msg) == JV_KIND_STRING ? jv_string_value(msg)
							       : "parse error");
	jv_free(msg);
	return st;
}

/* Runs a compiled program over in (consumed), until fn fails or sets
 * *stop (NULL: never stops early). */
static enum topc_status run_on(jq_state **jq, jv in, result_fn fn, void *ctx, const bool *stop,
			       struct topc_error *err)
{
	enum topc_status st = TOPC_OK;
	jv r;

	jq_start(*jq, in, 0);
	while (st == TOPC_OK && !(stop && *stop) && jv_is_valid(r = jq_next(*jq)))
		st = fn(r, ctx); /* fn owns r */
	if (st == TOPC_OK && stop && *stop) {
		;
	} else if (st == TOPC_OK) {
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
	jq_teardown(jq);
	return st;
}

static enum topc_status run(const char *program, const char *json, size_t len, result_fn fn,
			    void *ctx, struct topc_error *err)
{
	enum topc_status st;
	jq_state *jq;
	jv in;

	if ((st = compile(&jq, program, err)) != TOPC_OK)
		return st;
	if ((st = parse(json, len, &in, err)) != TOPC_OK) {
		jq_teardown(&jq);
		return st;
	}
	return run_on(&jq, in, fn, ctx, NULL, err);
}

struct print_ctx {
	struct topc_buf *out;
	size_t count, seen, max; /* max 0: no limit */
	bool more;
};

/* At least the bytes v's text takes, counted until they pass limit (so the
 * walk costs no more than the limit): a 40 MB array is not written out
 * only to be refused by a buffer capped at 1 MB */
static size_t text_size_at_least(jv v, size_t limit)
{
	size_t n = 0;
	jv_kind k = jv_get_kind(v);

	if (k == JV_KIND_STRING)
		return (size_t)jv_string_length_bytes(jv_copy(v)) + 2;
	if (k == JV_KIND_ARRAY) {
		int len = jv_array_length(jv_copy(v));
		for (int i = 0; i < len && n <= limit; i++) {
			jv e = jv_array_get(jv_copy(v), i);
			n += 1 + text_size_at_least(e, limit - n);
			jv_free(e);
		}
		return n + 2;
	}
	if (k == JV_KIND_OBJECT) {
		int it = jv_object_iter(v);
		while (jv_object_iter_valid(v, it) && n <= limit) {
			jv key = jv_object_iter_key(v, it), val = jv_object_iter_value(v, it);
			n += 2 + (size_t)jv_string_length_bytes(key) + 2 +
			     text_size_at_least(val, limit - n);
			jv_free(val);
			it = jv_object_iter_next(v, it);
		}
		return n + 2;
	}
	return 4;
}

static enum topc_status print_one(jv v, void *ctx)
{
	struct print_ctx *p = ctx;
	enum topc_status st;

	p->seen++;
	if (p->max && p->out->cap &&
	    text_size_at_least(v, p->out->cap - p->out->len) > p->out->cap - p->out->len) {
		jv_free(v);
		return TOPC_ERR_NOMEM; /* as the buffer would have said, without the work */
	}
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
	st = st == TOPC_OK ? topc_buf_addc(p->out, '\n') : st;
	p->more = p->max && p->seen == p->max; /* stops the run; another may follow */
	return st;
}

enum topc_status topc_jq_run(const char *program, const char *json, size_t len,
			     struct topc_buf *out, size_t *count, struct topc_error *err)
{
	struct print_ctx p = {out, 0, 0, 0, false};
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

struct topc_jq_doc {
	jv value;
};

enum topc_status topc_jq_doc_new(const char *json, size_t len, struct topc_jq_doc **doc,
				 struct topc_error *err)
{
	enum topc_status st;

	*doc = malloc(sizeof(**doc));
	if (!*doc)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory reading the answer");
	if ((st = parse(json, len, &(*doc)->value, err)) != TOPC_OK) {
		free(*doc);
		*doc = NULL;
	}
	return st;
}

void topc_jq_doc_free(struct topc_jq_doc *doc)
{
	if (!doc)
		return;
	jv_free(doc->value);
	free(doc);
}

enum topc_status topc_jq_doc_run(const struct topc_jq_doc *doc, const char *program, size_t max,
				 void (*compiled)(void *ctx), void *ctx, struct topc_buf *out,
				 size_t *count, bool *more, struct topc_error *err)
{
	struct print_ctx p = {out, 0, 0, max, false};
	enum topc_status st;
	jq_state *jq;

	*count = 0;
	*more = false;
	if ((st = compile(&jq, program, err)) != TOPC_OK)
		return st;
	if (compiled)
		compiled(ctx);
	st = run_on(&jq, jv_copy(doc->value), print_one, &p, &p.more, err);
	*count = p.count;
	*more = p.more;
	return st;
}
