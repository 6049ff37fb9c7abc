/* query.c - jq for JSON answers, XPath for XML ones (query.h). */
#include "top/query.h"

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
	if (out.len && !emit(out.data, out.len, ctx) && st == TOPC_OK)
		st = TOPC_ERR_IO;
	topc_buf_release(&out);
	return st;
}

enum topc_status topc_query_expect(const char *expr, const char *body, size_t len, bool *matched,
				   struct topc_error *err)
{
	*matched = false;
	if (!body || !len)
		return topc_error_set(err, TOPC_ERR_INPUT, "there is no answer to check");
	return topc_answer_is_xml(body, len) ? topc_xpath_test(expr, body, len, matched, err)
					     : topc_jq_test(expr, body, len, matched, err);
}
