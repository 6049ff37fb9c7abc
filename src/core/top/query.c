/* query.c - jq for JSON answers, XPath for XML ones (query.h). */
#include "top/query.h"

#include <stdlib.h>
#include <string.h>

#include "ext/jq.h"
#include "ext/xml.h"

bool topc_answer_is_xml(const char *body, size_t len)
{
	size_t i = 0;

	while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n'))
		i++;
	return i < len && body[i] == '<';
}

enum topc_status topc_query_check(const char *expr, bool xml, struct topc_error *err)
{
	return xml ? topc_xpath_check(expr, err) : topc_jq_check(expr, err);
}

enum topc_status topc_query_answer(const char *expr, const char *body, size_t len,
				   struct topc_buf *out, size_t *count, struct topc_error *err)
{
	*count = 0;
	if (!body || !len)
		return topc_error_set(err, TOPC_ERR_INPUT, "there is no answer to query");
	return topc_answer_is_xml(body, len) ? topc_xpath_run(expr, body, len, out, count, err)
					     : topc_jq_run(expr, body, len, out, count, err);
}

enum topc_status topc_query_stream(const char *expr, const char *body, size_t len,
				   const struct topc_jq_limits *lim, topc_jq_emit_fn emit,
				   void *ctx, size_t *count, struct topc_error *err)
{
	struct topc_buf out;
	enum topc_status st;

	*count = 0;
	if (!body || !len)
		return topc_error_set(err, TOPC_ERR_INPUT, "there is no answer to query");
	if (!topc_answer_is_xml(body, len))
		return topc_jq_stream(expr, body, len, lim, emit, ctx, count, err);
	topc_buf_init(&out, 0);
	st = topc_xpath_run(expr, body, len, &out, count, err);
	if (out.len && !emit(out.data, out.len, false, ctx) && st == TOPC_OK)
		st = TOPC_ERR_IO;
	topc_buf_release(&out);
	return st;
}

struct topc_query_expectation {
	char *expr;
	struct topc_jq_program *jq; /* compiled at the first JSON answer */
};

enum topc_status topc_query_expectation_new(const char *expr, struct topc_query_expectation **x,
					    struct topc_error *err)
{
	if (!(*x = calloc(1, sizeof(**x))) || !((*x)->expr = strdup(expr))) {
		free(*x);
		*x = NULL;
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	}
	return TOPC_OK;
}

void topc_query_expectation_free(struct topc_query_expectation *x)
{
	if (!x)
		return;
	topc_jq_program_free(x->jq);
	free(x->expr);
	free(x);
}

enum topc_status topc_query_expectation_test(struct topc_query_expectation *x, const char *body,
					     size_t len, bool *matched, struct topc_error *err)
{
	enum topc_status st;

	*matched = false;
	if (!body || !len)
		return topc_error_set(err, TOPC_ERR_INPUT, "there is no answer to check");
	if (topc_answer_is_xml(body, len))
		return topc_xpath_test(x->expr, body, len, matched, err);
	if (!x->jq && (st = topc_jq_program_new(x->expr, &x->jq, err)) != TOPC_OK)
		return st;
	return topc_jq_program_test(x->jq, body, len, matched, err);
}

enum topc_status topc_query_expect(const char *expr, const char *body, size_t len, bool *matched,
				   struct topc_error *err)
{
	struct topc_query_expectation *x;
	enum topc_status st = topc_query_expectation_new(expr, &x, err);

	*matched = false;
	if (st == TOPC_OK)
		st = topc_query_expectation_test(x, body, len, matched, err);
	topc_query_expectation_free(x);
	return st;
}
