/*
 * replay_print.h - what topc replay prints (replay_print.c); the options
 * and the loop that sends are cmd_replay.c's.
 *
 * A replay is shown once it is kept in the history, with its new id:
 *   ORIGIN -> REPLAY  OUTCOME  METHOD[  code N SUB_CODE][  DETAIL][  VERDICT]
 * on stdout, and under it, when it was compared (--compare), the fields
 * that changed ("      PATH: OLD -> NEW", the first 50).  With --json it is
 * one JSON object per line instead: origin, replay, outcome, and compare
 * with its changes, expect, when asked for.  While a progress line is kept
 * on stderr (a terminal, more than one replay) a run of more than 20
 * replays shows only those that changed.  The summary ends the run, on
 * stdout, or on stderr with --json so that stdout stays JSON lines.
 * Text from the history and from servers is printed inert.
 */
#ifndef TOPC_REPLAY_PRINT_H
#define TOPC_REPLAY_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "history/compare.h"
#include "top/outcome.h"

/* How the run is shown: from its options and its terminal. */
struct replay_view {
	bool json;     /* --json */
	bool progress; /* a progress line on stderr */
	bool compare;  /* --compare */
	bool expect;   /* --expect */
};

/* The run's counts, which the loop keeps. */
struct replay_tally {
	size_t done, total; /* replays kept (or refused) so far, and to be */
	size_t counts[TOPC_OUTCOME_COUNT];
	int64_t *latencies; /* of the answered ones, nlat of them */
	size_t nlat;
	size_t verdicts[TOPC_COMPARE_NVERDICTS]; /* --compare */
	size_t expect_failed;			 /* --expect */
};

/* One replay as it is shown. */
struct replay_shown {
	int64_t origin, replay; /* replay 0: not kept */
	const char *method;
	const struct topc_outcome *out;
	const struct topc_compare_result *cmp; /* NULL: not compared */
	const bool *expect_ok;		       /* NULL: no --expect */
};

void replay_print_one(const struct replay_view *v, const struct replay_tally *t,
		      const struct replay_shown *s);
/* The progress line, over the one before it; nothing without progress. */
void replay_print_progress(const struct replay_view *v, const struct replay_tally *t);
/* The summary: counts by outcome, the rate over a second or more, latency
 * percentiles (t->latencies sorted ascending), --compare's verdicts and
 * --expect's failures. */
void replay_print_summary(const struct replay_view *v, const struct replay_tally *t,
			  int64_t elapsed_ms);

#endif
