/*
 * jq.h - the libjq adapter: jq programs over JSON answers (topc send --query,
 * --expect, history show --query).
 *
 * Each result is one line: a string as its text (what `jq -r` prints),
 * anything else as compact JSON.  jq 1.6 (Debian 12's libjq) computes on
 * doubles; a result number that is one of the answer's own integers of 16
 * digits or more is printed with the answer's digits (1234567890123456789,
 * where jq prints 1234567890123456800), a computed one as jq prints it.
 *
 * The answer is read by ext/json.h's scanner before libjq sees it: text that
 * is not JSON is refused with where and why, and never reaches libjq.
 * Messages quoting the answer (jq's run-time errors) are made inert:
 * control characters and bytes that are not UTF-8 as \xNN.
 *
 * A program can give results without end (repeat(1), range(1e18)): results
 * are handed over as they come, and a run stops at the limits below (checked
 * between two results; a program that loops without giving any, such as
 * last(range(1e18)), is not stopped by them).
 */
#ifndef TOPC_JQ_H
#define TOPC_JQ_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* When a run stops: after max_results results, past max_bytes of results,
 * or after max_seconds; each ends the run with TOPC_ERR_INPUT and a message
 * saying which limit and how to select less. */
struct topc_jq_limits {
	size_t max_results;
	size_t max_bytes;
	unsigned max_seconds;
};
/* 1,000,000 results, 256 MiB, 30 seconds */
extern const struct topc_jq_limits topc_jq_default_limits;

/* Receives one result's text, its newline included (text[len] is not
 * necessarily NUL): json when it is a JSON value (any result but a string),
 * else a string's text; false stops the run (the reader went away: EPIPE). */
typedef bool (*topc_jq_emit_fn)(const char *text, size_t len, bool json, void *ctx);

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

/* Runs program over json, handing each result to emit as it comes (lim NULL:
 * the defaults).  *count and the errors as topc_jq_run; TOPC_ERR_IO, err
 * untouched, when emit returned false. */
TOPC_MUST_CHECK enum topc_status topc_jq_stream(const char *program, const char *json, size_t len,
						const struct topc_jq_limits *lim,
						topc_jq_emit_fn emit, void *ctx, size_t *count,
						struct topc_error *err);

/* True in *truthy when program gives at least one result and none of them
 * is false or null (jq's own truth). */
TOPC_MUST_CHECK enum topc_status topc_jq_test(const char *program, const char *json, size_t len,
					      bool *truthy, struct topc_error *err);

/* A program compiled once and tested on many answers (replay --expect:
 * libjq 1.6 builds its builtins again for every compile).  *p is the
 * caller's (topc_jq_program_free); topc_jq_program_test as topc_jq_test. */
struct topc_jq_program;
TOPC_MUST_CHECK enum topc_status
topc_jq_program_new(const char *program, struct topc_jq_program **p, struct topc_error *err);
TOPC_MUST_CHECK enum topc_status topc_jq_program_test(struct topc_jq_program *p, const char *json,
						      size_t len, bool *truthy,
						      struct topc_error *err);
void topc_jq_program_free(struct topc_jq_program *p);

/* A JSON text read once and queried many times (the console's query line
 * runs each keystroke's program on the same answer). */
struct topc_jq_doc;

/* *doc is the caller's (topc_jq_doc_free); TOPC_ERR_INPUT when json is not
 * JSON. */
TOPC_MUST_CHECK enum topc_status topc_jq_doc_new(const char *json, size_t len,
						 struct topc_jq_doc **doc, struct topc_error *err);
void topc_jq_doc_free(struct topc_jq_doc *doc);

/* The results of program over doc into out as topc_jq_run writes them,
 * stopping after max results (0: no limit) with *more set, which is no
 * error; past out's cap a TOPC_ERR_INPUT, a result that would pass it
 * refused before it is written.  compiled (may be NULL) is called between
 * compiling the program (libjq 1.6 compiles its builtins each time:
 * 100-200 ms) and running it.  Not bounded in time: last(repeat(1)) never
 * ends, so a caller that must stay responsive runs it where it can be
 * stopped (the console's query line: a worker process). */
TOPC_MUST_CHECK enum topc_status topc_jq_doc_run(const struct topc_jq_doc *doc, const char *program,
						 size_t max, void (*compiled)(void *ctx), void *ctx,
						 struct topc_buf *out, size_t *count, bool *more,
						 struct topc_error *err);

#endif
