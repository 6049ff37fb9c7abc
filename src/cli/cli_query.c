/* cli_query.c - --query and --expect for send, history show and replay. */
#include "cli_query.h"

#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "base/buf.h"
#include "top/query.h"
#include "cli.h"
#include "inert.h"

struct query_out {
	struct timespec flushed;
};

/* One result to stdout, inert as every text from outside, as it comes: an
 * endless program prints at once.  Flushed every 50 ms, so a pipe's reader
 * sees results soon without a write per result; false when stdout is gone
 * (EPIPE: `| head -1`), which stops the run. */
static bool emit_result(const char *text, size_t len, void *ctx)
{
	struct query_out *q = ctx;
	struct timespec now;

	cli_print_inert(text, len);
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - q->flushed.tv_sec) * 1000 +
		(now.tv_nsec - q->flushed.tv_nsec) / 1000000 >=
	    50) {
		fflush(stdout);
		q->flushed = now;
	}
	return !ferror(stdout);
}

int cli_query_print(const char *expr, const char *body, size_t len)
{
	struct topc_error err = {0};
	struct query_out q;
	void (*was)(int) = signal(SIGPIPE, SIG_IGN); /* EPIPE instead of death */
	size_t count = 0;
	int status = 0;
	enum topc_status st;

	clock_gettime(CLOCK_MONOTONIC, &q.flushed);
	/* the request has gone out by now (or the entry was sent long ago): a
	 * query that fails on this answer is the answer's failure, exit 1, never
	 * the 2 that tells a script nothing was sent and it may send again */
	st = topc_query_stream(expr, body, len, NULL, emit_result, &q, &count, &err);
	if (st == TOPC_OK || st == TOPC_ERR_IO)
		fflush(stdout);
	if (was != SIG_ERR)
		signal(SIGPIPE, was);
	if (st == TOPC_ERR_IO || ferror(stdout))
		return count ? 0 : CLI_EXIT_FAILED; /* the reader went away: stop quietly */
	if (st != TOPC_OK) {
		fflush(stdout);
		cli_fail_error(&err);
		status = CLI_EXIT_FAILED;
	}
	if (status == 0 && count == 0)
		status = cli_fail(1, _("--query %s selected nothing in the answer"), expr);
	return status;
}

int cli_expect(const char *expr, const char *body, size_t len, const char *what)
{
	struct topc_error err = {0};
	bool matched = false;

	if (topc_query_expect(expr, body, len, &matched, &err) != TOPC_OK) {
		if (err.code == TOPC_ERR_USAGE) {
			cli_fail_error(&err);
			return CLI_EXIT_FAILED; /* after the send: never "nothing was sent" */
		}
		if (what)
			fprintf(stderr, _("topc: %s: --expect %s: %s\n"), what, expr, err.msg);
		else
			fprintf(stderr, _("topc: --expect %s: %s\n"), expr, err.msg);
		return 1;
	}
	if (!matched) {
		if (what)
			fprintf(stderr, _("topc: %s: the answer does not match --expect %s\n"),
				what, expr);
		else
			fprintf(stderr, _("topc: the answer does not match --expect %s\n"), expr);
		return 1;
	}
	return 0;
}
