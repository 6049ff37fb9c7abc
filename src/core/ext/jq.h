/*
 * jq.h - the libjq adapter: jq programs over JSON answers (topc send --query,
 * --expect, history show --query).
 *
 * Results are appended to out one per line: a string as its text (what
 * `jq -r` prints), anything else as compact JSON.  jq reads numbers as
 * doubles, so an integer past 2^53 comes out rounded, as it does in jq.
 */
#ifndef TOPC_JQ_H
#define TOPC_JQ_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* TOPC_ERR_USAGE, err naming why, when program does not compile. */
TOPC_MUST_CHECK enum topc_status topc_jq_check(const char *program, struct topc_error *err);

/* Runs program over json.  *count is the number of results that are not
 * null (.missing gives null: it selected nothing).  A program that
 * does not compile is TOPC_ERR_USAGE and text that is not JSON
 * TOPC_ERR_INPUT, err naming why; a run-time error (error("..."), .a on a
 * number) is TOPC_ERR_INPUT after the results before it. */
TOPC_MUST_CHECK enum topc_status topc_jq_run(const char *program, const char *json, size_t len,
					     struct topc_buf *out, size_t *count,
					     struct topc_error *err);

/* True in *truthy when program gives at least one result and none of them
 * is false or null (jq's own truth). */
TOPC_MUST_CHECK enum topc_status topc_jq_test(const char *program, const char *json, size_t len,
					      bool *truthy, struct topc_error *err);

/* A JSON text read once and queried many times (the console's query line
 * runs each keystroke's program on the same answer). */
struct topc_jq_doc;

/* *doc is the caller's (topc_jq_doc_free); TOPC_ERR_INPUT when json is not
 * JSON. */
TOPC_MUST_CHECK enum topc_status topc_jq_doc_new(const char *json, size_t len,
						 struct topc_jq_doc **doc, struct topc_error *err);
void topc_jq_doc_free(struct topc_jq_doc *doc);

/* topc_jq_run over doc, stopping after max results (0: no limit); *more
 * says there were more.  compiled (may be NULL) is called between compiling
 * the program (libjq 1.6 compiles its builtins each time: 100-200 ms) and
 * running it.  Not bounded in time: a program such as last(repeat(1))
 * never ends, so a caller that must stay responsive runs it where it can
 * be stopped. */
TOPC_MUST_CHECK enum topc_status topc_jq_doc_run(const struct topc_jq_doc *doc, const char *program,
						 size_t max, void (*compiled)(void *ctx), void *ctx,
						 struct topc_buf *out, size_t *count, bool *more,
						 struct topc_error *err);

#endif
