/* cli_query.c - --query and --expect for send, history show and replay. */
#include "cli_query.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>
#include <stdbool.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/worker.h"
#include "top/query.h"
#include "cli.h"
#include "cli_json.h"
#include "inert.h"

struct query_out {
	struct timespec flushed;
};

/* One result to stdout (in the child: the pipe to topc, which writes them
 * out), inert as every text from outside, as it comes: an endless program
 * prints at once.  Flushed every 50 ms, so a pipe's reader sees results
 * soon without a write per result; false when stdout is gone (EPIPE: topc
 * closed the pipe, or `| head -1` without a child), which stops the run. */
static bool emit_result(const char *text, size_t len, bool json, void *ctx)
{
	struct query_out *q = ctx;
	struct timespec now;

	/* a JSON result stays JSON of the same value: the text's inert escapes
	 * (\\ for a backslash before u0041, \x9B) are no JSON */
	if (json)
		cli_json_write(text, len);
	else
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
 * ceiling on its memory; the parent says which ended it.  --query's child
 * writes its results into a pipe and topc writes them to its stdout, so
 * topc alone writes stdout and knows whether it failed (main.c says so: 4
 * after a send, quiet for a reader gone); when it does, topc closes the
 * pipe and the child's next write stops the program. */

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

/* The process's size now (its address space, bytes), 0 when unknown. */
static size_t process_size(void)
{
	long pages = 0, page = sysconf(_SC_PAGESIZE);
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%ld", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return pages > 0 && page > 0 ? (size_t)pages * (size_t)page : 0;
}

/* The ceiling over base (process_size at the child's start) for an answer
 * of len bytes: the soft limit only, so the replay's worker sets it again
 * for each answer without reading its size each time. */
static void memory_ceiling(size_t base, size_t len)
{
#if QUERY_RLIMIT
	struct rlimit lim;

	if (!base || getrlimit(RLIMIT_AS, &lim) != 0)
		return;
	lim.rlim_cur = (rlim_t)base + QUERY_CHILD_MEMORY + (rlim_t)len * 8;
	if (lim.rlim_max != RLIM_INFINITY && lim.rlim_cur > lim.rlim_max)
		lim.rlim_cur = lim.rlim_max;
	(void)setrlimit(RLIMIT_AS, &lim);
#else
	(void)base;
	(void)len;
#endif
}

/* Why a child that ran EXPR ended by a signal, said once; 1 (the answer's
 * failure: the request went out).  Ctrl-C and a reader gone say nothing. */
static int child_ended(bool expect, const char *expr, int st)
{
	if (WIFEXITED(st))
		return cli_fail(CLI_EXIT_FAILED, _("%s %s ended without a verdict (exit %d)"),
				expect ? "--expect" : "--query", expr, WEXITSTATUS(st));
	if (WTERMSIG(st) == SIGALRM)
		return cli_fail(CLI_EXIT_FAILED,
				_("%s %s ran past %d seconds and was stopped; nothing more is "
				  "printed (the answer is in the history)"),
				expect ? "--expect" : "--query", expr, QUERY_CHILD_SECONDS);
	if (WTERMSIG(st) == SIGINT || WTERMSIG(st) == SIGTERM || WTERMSIG(st) == SIGPIPE)
		return CLI_EXIT_FAILED;
	return cli_fail(CLI_EXIT_FAILED,
			_("%s %s crashed inside libjq (signal %d: a recursion too deep, or "
			  "growing past about %d MiB more than topc holds); narrow the program"),
			expect ? "--expect" : "--query", expr, WTERMSIG(st),
			(int)(QUERY_CHILD_MEMORY >> 20));
}

struct query_job {
	const char *expr, *body, *what;
	size_t len;
	bool expect;
};

static int run_job(const struct query_job *j)
{
	return j->expect ? expect_answer(j->expr, NULL, j->body, j->len, j->what)
			 : query_print(j->expr, j->body, j->len);
}

/* The child's results, as they come, to stdout; at the first failure the
 * pipe is closed, which stops the child.  main.c reports the failure. */
static void relay(int fd)
{
	void (*was)(int) = signal(SIGPIPE, SIG_IGN); /* EPIPE instead of death */
	char chunk[65536];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fwrite(chunk, 1, (size_t)n, stdout) != (size_t)n ||
		    fflush(stdout) != 0)
			break;
	}
	close(fd);
	if (was != SIG_ERR)
		signal(SIGPIPE, was);
}

static int in_child(const struct query_job *j)
{
	int out[2] = {-1, -1};
	pid_t pid;
	int st = 0;

	fflush(stdout);
	fflush(stderr);
	/* --expect prints nothing on stdout: no pipe */
	if ((!j->expect && pipe(out) != 0) || (pid = fork()) < 0) {
		if (out[0] >= 0) {
			close(out[0]);
			close(out[1]);
		}
		return run_job(j); /* no child: run it here, unbounded as before */
	}
	if (pid == 0) {
		int status;
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		if (out[1] >= 0 && (close(out[0]) != 0 || dup2(out[1], STDOUT_FILENO) < 0))
			_exit(CLI_EXIT_FAILED);
		memory_ceiling(process_size(), j->len);
		alarm(QUERY_CHILD_SECONDS);
		status = run_job(j);
		fflush(stdout);
		fflush(stderr);
		_exit(status);
	}
	if (out[1] >= 0) {
		close(out[1]);
		relay(out[0]);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			kill(pid, SIGKILL);
			return CLI_EXIT_FAILED;
		}
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return child_ended(j->expect, j->expr, st);
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

/* ------------------------------------------------------------------ */
/* Many answers (replay): one worker, forked before the transfers start,
 * holds the program compiled once and tests each answer it is sent over a
 * socket: a fork and a compile per answer halved replay's rate, and the
 * program in topc itself could end the run with libjq's abort.  A worker
 * that dies (the time, the ceiling, a crash) is said once per answer it
 * failed and started again for the next. */

struct cli_expecter {
	const char *expr;
	struct topc_query_expectation *x;
	struct topc_worker w; /* pid 0: none (not started, or ended) */
};

struct expect_head { /* what the parent sends before each answer */
	uint64_t len, what_len;
	uint32_t has_body;
};

_Noreturn static void expecter_serve(int fd, void *ctx)
{
	const struct cli_expecter *e = ctx;
	size_t base = process_size(); /* once: its growth is not the next answer's */

	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	for (;;) {
		struct expect_head h;
		char *body = NULL, *what = NULL;
		unsigned char verdict;

		if (!topc_fd_read_all(fd, &h, sizeof(h)) || h.len > SIZE_MAX - 1 ||
		    h.what_len > 4096 || !(body = malloc((size_t)h.len + 1)) ||
		    !(what = malloc((size_t)h.what_len + 1)) ||
		    !topc_fd_read_all(fd, body, (size_t)h.len) ||
		    !topc_fd_read_all(fd, what, (size_t)h.what_len))
			_exit(0);
		body[h.len] = what[h.what_len] = '\0';
		memory_ceiling(base, (size_t)h.len);
		alarm(QUERY_CHILD_SECONDS);
		verdict = (unsigned char)expect_answer(e->expr, e->x, h.has_body ? body : NULL,
						       (size_t)h.len, h.what_len ? what : NULL);
		alarm(0);
		fflush(stderr);
		free(body);
		free(what);
		if (!topc_fd_write_all(fd, &verdict, 1))
			_exit(0);
	}
}

enum topc_status cli_expecter_new(const char *expr, struct cli_expecter **out,
				  struct topc_error *err)
{
	struct cli_expecter *e = calloc(1, sizeof(*e));
	enum topc_status st;

	*out = NULL;
	if (!e)
		return topc_error_set(err, TOPC_ERR_NOMEM, _("out of memory"));
	e->expr = expr;
	topc_worker_init(&e->w);
	if ((st = topc_query_expectation_new(expr, &e->x, err)) != TOPC_OK) {
		free(e);
		return st;
	}
	/* now, before the transfers open sockets */
	(void)topc_worker_start(&e->w, expecter_serve, e);
	*out = e;
	return TOPC_OK;
}

int cli_expecter_test(struct cli_expecter *e, const char *body, size_t len, const char *what)
{
	struct expect_head h = {len, what ? strlen(what) : 0, body != NULL};
	unsigned char verdict;
	int st = 0;

	if (e->w.pid == 0 && !topc_worker_start(&e->w, expecter_serve, e))
		return expect_answer(e->expr, e->x, body, len, what); /* here, unbounded */
	if (topc_fd_write_all(e->w.fd, &h, sizeof(h)) &&
	    topc_fd_write_all(e->w.fd, body ? body : "", len) &&
	    topc_fd_write_all(e->w.fd, what ? what : "", h.what_len) &&
	    topc_fd_read_all(e->w.fd, &verdict, 1))
		return verdict;
	topc_worker_stop(&e->w, &st); /* it ended: say why, and start again next time */
	if (what)
		fprintf(stderr, _("topc: %s: "), what);
	return child_ended(true, e->expr, st);
}

void cli_expecter_free(struct cli_expecter *e)
{
	if (!e)
		return;
	topc_worker_stop(&e->w, NULL);
	topc_query_expectation_free(e->x);
	free(e);
}
