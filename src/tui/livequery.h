/*
 * livequery.h - the query line over the response pane, without curses: an
 * expression in, the matching values out, live as it is typed.
 *
 * The queries run in a worker process: it reads a JSON answer with jq once
 * (the first query waits for that), then runs each expression on that
 * reading, so a keystroke on a 40 MB answer costs the query, not a parse
 * (nor a fork).  An XML answer is queried with XPath.  Values are capped in
 * number and bytes, and each phase has a time limit past which the worker
 * is killed (the next query starts another, which reads the answer again):
 * typing `repeat(1)` or `[range(1e9)]` shows "stopped" instead of hanging
 * the console.  An expression that does not compile, or fails on the
 * answer, gives its error as text; the previous values are dropped then,
 * so what shows always belongs to the expression shown.
 *
 * Nothing here blocks longer than asked: livequery_start hands the
 * expression over and returns (RUNNING); livequery_poll takes what the
 * worker sent, waiting at most the time it is given, and enforces the
 * limits.  An expression started while another still runs replaces it (the
 * older one's values are never shown; the worker runs the newest next), so
 * a console polling between keys stays responsive while a 40 MB answer is
 * read or a runaway query runs out its time.  livequery_run does both and
 * waits for the outcome.
 *
 * The limits are the worker's from its start: set them after
 * livequery_init, before the first run.  The time limit of a run is the
 * worker's CPU time (a busy machine does not stop a quick query); the
 * clock only ends a worker that runs out of it without using any.  A
 * worker that goes away (killed, crashed) while it runs an expression
 * has it run again by a new one, twice at most.  The answer (body) is
 * borrowed: it must outlive the model.
 */
#ifndef TOPC_TUI_LIVEQUERY_H
#define TOPC_TUI_LIVEQUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/worker.h"

/* The worker's CPU time for each phase; a phase's clock runs out
 * LIVEQUERY_WALL_TIMEOUT_MS later (for a worker that uses none) */
#define LIVEQUERY_TIMEOUT_MS 300	  /* running an expression, once compiled */
#define LIVEQUERY_COMPILE_TIMEOUT_MS 5000 /* libjq 1.6 compiles slowly */
#define LIVEQUERY_READ_TIMEOUT_MS 30000	  /* the worker's first reading of the answer */
#define LIVEQUERY_WALL_TIMEOUT_MS 10000
#define LIVEQUERY_MAX_VALUES 1000
#define LIVEQUERY_MAX_BYTES (1024 * 1024)

enum livequery_state {
	LIVEQUERY_EMPTY,   /* no expression */
	LIVEQUERY_OK,	   /* values (maybe none) */
	LIVEQUERY_ERROR,   /* error holds why */
	LIVEQUERY_STOPPED, /* ran past the time limit: killed */
	LIVEQUERY_RUNNING, /* handed to the worker; error says what it does */
};

enum livequery_phase {
	LIVEQUERY_IDLE,	     /* no worker, or one waiting for an expression */
	LIVEQUERY_READING,   /* a new worker reads the answer */
	LIVEQUERY_COMPILING, /* an expression sent, not compiled yet */
	LIVEQUERY_EVALUATING /* compiled, running: the time limit counts */
};

struct livequery {
	const char *body;
	size_t len;
	bool xml;
	struct topc_worker worker; /* pid 0: none running; fd: its socket */
	bool doc_failed;	   /* not JSON: every run says why (doc_error) */
	char doc_error[256];
	long timeout_ms, read_timeout_ms;
	enum livequery_phase phase;
	long deadline;	    /* of the phase, in monotonic ms */
	char *want;	    /* the expression to send when the worker is free */
	char *sent;	    /* the one the worker runs, until its reply */
	bool stale;	    /* the one in the worker was replaced: its reply is dropped */
	unsigned resends;   /* of want, after a worker that went away */
	struct topc_buf in; /* from the worker, not yet a whole reply */
	unsigned workers;   /* started so far (a stopped query costs one) */
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

/* Hands expr to the worker (starting one when none runs): RUNNING, or at
 * once EMPTY (blank) or ERROR (no answer, not JSON). */
enum livequery_state livequery_start(struct livequery *q, const char *expr);
/* Takes what the worker sent, waiting up to wait_ms for it (0: not at all,
 * -1: until the query is done, which the time limits bound). */
enum livequery_state livequery_poll(struct livequery *q, int wait_ms);
/* Whether the worker has something under way (poll again soon): the
 * expression shown, or one it replaced that still runs out its time. */
bool livequery_busy(const struct livequery *q);
/* Runs expr over the answer and waits; the state says what came of it. */
enum livequery_state livequery_run(struct livequery *q, const char *expr);

/* Value i (< nvalues): its text and length, valid until the next run. */
const char *livequery_value(const struct livequery *q, size_t i, size_t *len);

#endif
