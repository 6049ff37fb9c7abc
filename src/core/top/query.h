/*
 * query.h - one field out of an answer, and a check on it (topc send
 * --query/--expect, history show --query, replay --expect).
 *
 * A JSON answer is queried with a jq program (ext/jq.h), an XML one with an
 * XPath expression (ext/xml.h); which is which is told by the answer's
 * first character that is not white space.
 */
#ifndef TOPC_QUERY_H
#define TOPC_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "ext/jq.h"

/* Whether the answer is XML, to be queried with XPath: its first byte that
 * is not white space is '<'. */
bool topc_answer_is_xml(const char *body, size_t len);

/* Compiles expr as XPath (xml) or jq: TOPC_ERR_USAGE naming why when it does
 * not compile.  Checked before a request goes out. */
TOPC_MUST_CHECK enum topc_status topc_query_check(const char *expr, bool xml,
						  struct topc_error *err);

/* Appends each selected value to out, one per line; *count says how many
 * (0: the query selected nothing, or only jq's null, which is not an error
 * here).  Big integers keep the answer's digits (ext/jq.h).  A run past
 * the default limits (topc_jq_default_limits) ends in TOPC_ERR_INPUT after
 * the results before it; out holds those. */
TOPC_MUST_CHECK enum topc_status topc_query_answer(const char *expr, const char *body, size_t len,
						   struct topc_buf *out, size_t *count,
						   struct topc_error *err);

/* The same, each value handed to emit as it comes (one line, newline
 * included), so an endless program prints at once and stops when emit
 * returns false (TOPC_ERR_IO, err untouched: the reader went away) or at
 * lim (NULL: the defaults).  For XPath every line comes in one call at the
 * end.  For the CLI's stdout and the console's live query line. */
TOPC_MUST_CHECK enum topc_status topc_query_stream(const char *expr, const char *body, size_t len,
						   const struct topc_jq_limits *lim,
						   topc_jq_emit_fn emit, void *ctx, size_t *count,
						   struct topc_error *err);

/* *matched: jq gives at least one result and none is false or null; XPath's
 * boolean() is true.  When the expression cannot be run on the answer (not
 * JSON, a jq error) the error is returned and *matched is false. */
TOPC_MUST_CHECK enum topc_status topc_query_expect(const char *expr, const char *body, size_t len,
						   bool *matched, struct topc_error *err);

/* The same check made on many answers (replay --expect): the jq program is
 * compiled once, at the first JSON answer. */
struct topc_query_expectation;
TOPC_MUST_CHECK enum topc_status topc_query_expectation_new(const char *expr,
							    struct topc_query_expectation **x,
							    struct topc_error *err);
TOPC_MUST_CHECK enum topc_status topc_query_expectation_test(struct topc_query_expectation *x,
							     const char *body, size_t len,
							     bool *matched, struct topc_error *err);
void topc_query_expectation_free(struct topc_query_expectation *x);

#endif
