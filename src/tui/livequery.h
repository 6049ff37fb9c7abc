/*
 * livequery.h - the query line over the response pane, without curses: an
 * expression in, the matching values out, live as it is typed.
 *
 * The queries run in a worker process: it reads a JSON answer with jq once
 * (the first query waits for that), then runs each expression on that
 * reading, so a keystroke on a 40 MB answer costs the query, not a parse
 * (nor a fork).  An XML answer is queried with XPath.  The console waits
 * for each answer at most a time limit, then kills the worker (the next
 * query starts another, which reads the answer again); values are capped
 * in number and bytes: typing `repeat(1)` or `[range(1e9)]` shows
 * "stopped" instead of hanging the console.  An expression that does not
 * compile, or fails on the answer, gives its error as text; the previous
 * values are dropped then, so what shows always belongs to the expression
 * shown.
 *
 * The limits (timeouts aside) are the worker's from its start: set them
 * after livequery_init, before the first run.  The answer (body) is borrowed: it must outlive the
 * model.
 */
#ifndef TOPC_TUI_LIVEQUERY_H
#define TOPC_TUI_LIVEQUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

#define LIVEQUERY_TIMEOUT_MS 300	  /* running an expression, once compiled */
#define LIVEQUERY_COMPILE_TIMEOUT_MS 5000 /* libjq 1.6 compiles slowly */
#define LIVEQUERY_READ_TIMEOUT_MS 30000	  /* the worker's first reading of the answer */
#define LIVEQUERY_MAX_VALUES 1000
#define LIVEQUERY_MAX_BYTES (1024 * 1024)

enum livequery_state {
	LIVEQUERY_EMPTY,   /* no expression */
	LIVEQUERY_OK,	   /* values (maybe none) */
	LIVEQUERY_ERROR,   /* error holds why */
	LIVEQUERY_STOPPED, /* ran past the time limit: killed */
};

struct livequery {
	const char *body;
	size_t len;
	bool xml;
	int worker_pid;	 /* 0: none running */
	int to_worker;	 /* its socket */
	bool doc_failed; /* not JSON: every run says why (doc_error) */
	char doc_error[256];
	long timeout_ms, read_timeout_ms;
	unsigned workers; /* started so far (a stopped query costs one) */
	size_t max_values, max_bytes;

	enum livequery_state state;
	char error[256];
	struct topc_buf text; /* the values, one per line */
	size_t *starts;	      /* offset of each value in text */
	size_t nvalues;
	bool more; /* capped: there were more values */
};

void livequery_init(struct livequery *q, const char *body, size_t len);
void livequery_release(struct livequery *q);

/* Runs expr over the answer; the state says what came of it. */
enum livequery_state livequery_run(struct livequery *q, const char *expr);

/* Value i (< nvalues): its text and length, valid until the next run. */
const char *livequery_value(const struct livequery *q, size_t i, size_t *len);

#endif
