/* cli_query.c - --query and --expect for send, history show and replay. */
#include "cli_query.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>
#include <stdbool.h>

#include "base/buf.h"
#include "top/query.h"
#include "cli.h"
#include "inert.h"

/* In the child: why its stdout failed (0: it did not), for the parent */
static int stdout_errno;

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
	if (ferror(stdout) && !stdout_errno)
		stdout_errno = errno ? errno : EIO;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - q->flushed.tv_sec) * 1000 +
		(now.tv_nsec - q->flushed.tv_nsec) / 1000000 >=
	    50) {
		fflush(stdout);
		q->flushed = now;
	}
	return !ferror(stdout);
}

static int query_print(const char *expr, const char *body, size_t len)
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

/* x: the expectation compiled once for many answers; NULL: expr now */
static int expect_answer(const char *expr, struct topc_query_expectation *x, const char *body,
			 size_t len, const char *what)
{
	struct topc_error err = {0};
	bool matched = false;

	if ((x ? topc_query_expectation_test(x, body, len, &matched, &err)
	       : topc_query_expect(expr, body, len, &matched, &err)) != TOPC_OK) {
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

/* ------------------------------------------------------------------ */
/* The program runs in a child: libjq cannot be stopped from outside its
 * loop.  `def f: f; f` never yields a result for the limits to see, and
 * `def f: [f]; f` grows until libjq aborts (SIGABRT past 1 GB, or SIGSEGV
 * in jv_mem_realloc): topc itself must not crash after the send was
 * recorded.  The child has the time of the limits (30 s, ext/jq.h) and a
 * ceiling on its memory; the parent says which ended it. */

#define QUERY_CHILD_UNWRITTEN 100	     /* the child's stdout failed, not for EPIPE */
#define QUERY_CHILD_SECONDS 32		     /* the limits' 30 s, and time to say so */
#define QUERY_CHILD_MEMORY ((rlim_t)1 << 30) /* beyond what the process has */

#if defined(__SANITIZE_ADDRESS__)
#define QUERY_RLIMIT 0 /* ASan reserves terabytes of shadow: no ceiling */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QUERY_RLIMIT 0
#else
#define QUERY_RLIMIT 1
#endif
#else
#define QUERY_RLIMIT 1
#endif

static void memory_ceiling(size_t len)
{
#if QUERY_RLIMIT
	long pages = 0, page = sysconf(_SC_PAGESIZE);
	FILE *f = fopen("/proc/self/statm", "r");
	struct rlimit lim;

	if (f) {
		if (fscanf(f, "%ld", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	if (pages <= 0 || page <= 0)
		return;
	lim.rlim_cur = lim.rlim_max =
	    (rlim_t)pages * (rlim_t)page + QUERY_CHILD_MEMORY + (rlim_t)len * 8;
	(void)setrlimit(RLIMIT_AS, &lim);
#else
	(void)len;
#endif
}

struct query_job {
	const char *expr, *body, *what;
	size_t len;
	bool expect;
};

static int in_child(const struct query_job *j)
{
	pid_t pid;
	int st = 0;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) /* no child: run it here, unbounded as before */
		return j->expect ? expect_answer(j->expr, NULL, j->body, j->len, j->what)
				 : query_print(j->expr, j->body, j->len);
	if (pid == 0) {
		int status;
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		memory_ceiling(j->len);
		alarm(QUERY_CHILD_SECONDS);
		status = j->expect ? expect_answer(j->expr, NULL, j->body, j->len, j->what)
				   : query_print(j->expr, j->body, j->len);
		errno = 0;
		if ((fflush(stdout) != 0 || ferror(stdout)) && !stdout_errno)
			stdout_errno = errno ? errno : EIO;
		fflush(stderr);
		/* the parent's stdout is the same: it says so and exits as main
		 * does for its own (4 after a send, quiet for a reader gone) */
		_exit(stdout_errno && stdout_errno != EPIPE ? QUERY_CHILD_UNWRITTEN : status);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			kill(pid, SIGKILL);
			return CLI_EXIT_FAILED;
		}
	if (WIFEXITED(st) && WEXITSTATUS(st) == QUERY_CHILD_UNWRITTEN) {
		cli_stdout_lost();
		return CLI_EXIT_FAILED;
	}
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WTERMSIG(st) == SIGALRM)
		return cli_fail(CLI_EXIT_FAILED,
				_("%s %s ran past %d seconds and was stopped; nothing more is "
				  "printed (the answer is in the history)"),
				j->expect ? "--expect" : "--query", j->expr, QUERY_CHILD_SECONDS);
	if (WTERMSIG(st) == SIGINT || WTERMSIG(st) == SIGTERM || WTERMSIG(st) == SIGPIPE)
		return CLI_EXIT_FAILED;
	return cli_fail(CLI_EXIT_FAILED,
			_("%s %s crashed inside libjq (signal %d: a recursion too deep, or "
			  "growing past about %d MiB more than topc holds); narrow the program"),
			j->expect ? "--expect" : "--query", j->expr, WTERMSIG(st),
			(int)(QUERY_CHILD_MEMORY >> 20));
}

int cli_query_print(const char *expr, const char *body, size_t len)
{
	struct query_job j = {.expr = expr, .body = body, .len = len};

	return in_child(&j);
}

int cli_expect(const char *expr, const char *body, size_t len)
{
	struct query_job j = {.expr = expr, .body = body, .len = len, .expect = true};

	return in_child(&j);
}

int cli_expect_each(const char *expr, struct topc_query_expectation *x, const char *body,
		    size_t len, const char *what)
{
	return expect_answer(expr, x, body, len, what);
}
