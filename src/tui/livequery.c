/* livequery.c - the query line's model (livequery.h). */
#include "livequery.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/file.h"
#include "base/worker.h"
#include "ext/jq.h"
#include "ext/xml.h"
#include "base/i18n.h"
#include "top/query.h"

/* What the worker sends for each request (and once, status only, after it
 * read the answer): this header, the error text, the values. */
struct reply {
	uint32_t status; /* enum topc_status */
	uint32_t more;
	uint64_t errlen, outlen;
};

void livequery_init(struct livequery *q, const char *body, size_t len)
{
	memset(q, 0, sizeof(*q));
	q->body = body;
	q->len = len;
	q->xml = body && topc_answer_is_xml(body, len);
	q->timeout_ms = LIVEQUERY_TIMEOUT_MS;
	q->read_timeout_ms = LIVEQUERY_READ_TIMEOUT_MS;
	q->max_values = LIVEQUERY_MAX_VALUES;
	q->max_bytes = LIVEQUERY_MAX_BYTES;
	topc_worker_init(&q->worker);
	topc_buf_init(&q->text, 0);
	topc_buf_init(&q->in, 0); /* sized when a worker starts */
}

static void stop_worker(struct livequery *q)
{
	topc_worker_stop(&q->worker, NULL);
	q->phase = LIVEQUERY_IDLE;
	q->stale = false;
	topc_buf_reset(&q->in);
}

void livequery_release(struct livequery *q)
{
	stop_worker(q);
	topc_buf_release(&q->text);
	topc_buf_release(&q->in);
	free(q->starts);
	free(q->want);
	free(q->sent);
	memset(q, 0, sizeof(*q));
	topc_worker_init(&q->worker);
}

static bool send_reply(int fd, enum topc_status st, bool more, const char *msg,
		       const struct topc_buf *out)
{
	struct reply r = {(uint32_t)st, more, st == TOPC_OK ? 0 : strlen(msg),
			  st == TOPC_OK && out ? out->len : 0};

	return topc_fd_write_all(fd, &r, sizeof(r)) && topc_fd_write_all(fd, msg, r.errlen) &&
	       topc_fd_write_all(fd, out && out->data ? out->data : "", r.outlen);
}

/* The mark the worker sends when the expression compiled and runs: the
 * time limit counts from there, so a slow compile is not taken for a
 * runaway query */
static const char RUNNING = 'R';

/* The worker's limits are CPU time, its own: reading the answer
 * (q->read_timeout_ms), compiling an expression (COMPILE_TIMEOUT_MS),
 * running it (q->timeout_ms, from the mark).  A wall clock counted the
 * time a busy machine gave other processes, and stopped `.a` as a
 * runaway (test_livequery, four copies on two loaded cores).  SIGPROF
 * ends the worker; the console tells it by the signal (worker_gone). */
static long cpu_limit_ms;

static void cpu_limit(long ms)
{
	struct itimerval t = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};

	setitimer(ITIMER_PROF, &t, NULL);
}

static void running(void *ctx)
{
	int fd = *(int *)ctx;

	(void)!write(fd, &RUNNING, 1);
	cpu_limit(cpu_limit_ms);
}

/* The worker: reads the answer once, then runs each expression it is sent
 * (a length, then the text) until its socket closes; it never returns */
_Noreturn static void worker(int fd, void *ctx)
{
	const struct livequery *q = ctx;
	int in = fd, out = fd;
	struct topc_jq_doc *doc = NULL;
	struct topc_error err = {0};
	enum topc_status st = TOPC_OK;

	signal(SIGPIPE, SIG_DFL);
	signal(SIGPROF, SIG_DFL);
	cpu_limit_ms = q->timeout_ms > 0 ? q->timeout_ms : 1;
	cpu_limit(q->read_timeout_ms > 0 ? q->read_timeout_ms : 1);
	if (!q->xml)
		st = topc_jq_doc_new(q->body, q->len, &doc, &err);
	cpu_limit(0);
	if (!send_reply(out, st, false, err.msg, NULL) || st != TOPC_OK)
		_exit(0);
	for (;;) {
		uint32_t n;
		char *expr;
		struct topc_buf values;
		size_t count = 0;
		bool more = false;
		if (!topc_fd_read_all(in, &n, sizeof(n)) || n > (1u << 20) ||
		    !(expr = malloc(n + 1)))
			_exit(0);
		if (!topc_fd_read_all(in, expr, n))
			_exit(0);
		expr[n] = '\0';
		memset(&err, 0, sizeof(err));
		cpu_limit(LIVEQUERY_COMPILE_TIMEOUT_MS); /* running() sets the run's */
		topc_buf_init(&values, q->max_bytes + 1);
		if (q->xml)
			running(&out);
		st = q->xml ? topc_xpath_run(expr, q->body, q->len, &values, &count, &err)
			    : topc_jq_doc_run(doc, expr, q->max_values, running, &out, &values,
					      &count, &more, &err);
		cpu_limit(0);		  /* it ran within its time */
		if (st == TOPC_ERR_NOMEM) /* the buffer fails closed at its cap: nothing kept */
			snprintf(
			    err.msg, sizeof(err.msg),
			    "the values pass %zu bytes, more than the pane shows; narrow the query",
			    q->max_bytes);
		if (!send_reply(out, st, more, err.msg, &values))
			_exit(0);
		topc_buf_release(&values);
		free(expr);
	}
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void set_error(struct livequery *q, enum livequery_state state, const char *msg)
{
	q->state = state;
	snprintf(q->error, sizeof(q->error), "%s", msg);
}

static void clear(struct livequery *q)
{
	topc_buf_reset(&q->text);
	free(q->starts);
	q->starts = NULL;
	q->nvalues = 0;
	q->more = false;
	q->error[0] = '\0';
}

static bool split_values(struct livequery *q)
{
	size_t n = 0;

	for (size_t i = 0; i < q->text.len; i++)
		n += q->text.data[i] == '\n';
	q->starts = malloc((n ? n : 1) * sizeof(*q->starts));
	if (!q->starts)
		return false;
	for (size_t i = 0, start = 0; i < q->text.len; i++)
		if (q->text.data[i] == '\n') {
			q->starts[q->nvalues++] = start;
			start = i + 1;
		}
	return true;
}

/* One socket pair: the console writes with MSG_NOSIGNAL, so a worker that
 * died never raises SIGPIPE in the console.  The worker first reads the
 * answer, then says so: READING until then. */
static bool start_worker(struct livequery *q)
{
	if (!topc_worker_start(&q->worker, worker, q))
		return false;
	/* room for one whole reply (and the mark before it), by the limits now */
	topc_buf_release(&q->in);
	topc_buf_init(&q->in, 1 + sizeof(struct reply) + 256 + q->max_bytes + 1);
	q->workers++;
	q->phase = LIVEQUERY_READING;
	q->deadline = now_ms() + q->read_timeout_ms + LIVEQUERY_WALL_TIMEOUT_MS;
	return true;
}

/* Sends want to the idle worker (one that went away is started again, twice
 * at most for one expression) */
static void send_wanted(struct livequery *q)
{
	uint32_t n = (uint32_t)strlen(q->want);

	if (topc_fd_write_all(q->worker.fd, &n, sizeof(n)) &&
	    topc_fd_write_all(q->worker.fd, q->want, n)) {
		free(q->sent);
		q->sent = q->want; /* sent again if the worker goes away with it */
		q->want = NULL;
		q->phase = LIVEQUERY_COMPILING;
		q->deadline = now_ms() + LIVEQUERY_COMPILE_TIMEOUT_MS + LIVEQUERY_WALL_TIMEOUT_MS;
		return;
	}
	stop_worker(q);
	if (q->resends++ < 2 && start_worker(q))
		return;
	free(q->want);
	q->want = NULL;
	set_error(q, LIVEQUERY_ERROR, _("the query's process ended; try again"));
}

/* The reply at the start of q->in when it is whole: its header, its error
 * text (NUL-terminated in msg) and where its values start; false when more
 * is to come. */
static bool whole_reply(const struct livequery *q, struct reply *r, char *msg, size_t *values)
{
	if (q->in.len < sizeof(*r))
		return false;
	memcpy(r, q->in.data, sizeof(*r));
	if (q->in.len < sizeof(*r) + r->errlen + r->outlen)
		return false;
	memcpy(msg, q->in.data + sizeof(*r), r->errlen < 256 ? r->errlen : 255);
	msg[r->errlen < 256 ? r->errlen : 255] = '\0';
	*values = sizeof(*r) + r->errlen;
	return true;
}

/* A whole reply into the model (a stale one only frees the worker) */
static void take_reply(struct livequery *q, const struct reply *r, const char *msg, size_t values)
{
	bool reading = q->phase == LIVEQUERY_READING;

	q->phase = LIVEQUERY_IDLE;
	if (reading && r->status != TOPC_OK) { /* not JSON: said on every run */
		q->doc_failed = true;
		snprintf(q->doc_error, sizeof(q->doc_error), "%s", msg);
		stop_worker(q);
		free(q->want);
		q->want = NULL;
		set_error(q, LIVEQUERY_ERROR, q->doc_error);
		return;
	}
	if (reading || q->stale) {
		q->stale = false;
		return;
	}
	free(q->sent);
	q->sent = NULL;
	clear(q);
	if (r->status != TOPC_OK) {
		set_error(q, LIVEQUERY_ERROR, msg);
	} else if (topc_buf_add(&q->text, q->in.data + values, r->outlen) != TOPC_OK ||
		   !split_values(q)) {
		clear(q);
		set_error(q, LIVEQUERY_ERROR, _("out of memory showing the query's values"));
	} else {
		q->more = r->more;
		q->state = LIVEQUERY_OK;
	}
}

/* What the worker sent so far into q->in; false when it went away */
static bool read_worker(struct livequery *q)
{
	char chunk[65536];

	for (;;) {
		ssize_t n = recv(q->worker.fd, chunk, sizeof(chunk), MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return true;
		if (n <= 0 || topc_buf_add(&q->in, chunk, (size_t)n) != TOPC_OK)
			return false; /* gone, or a reply past its bounds */
	}
}

/* Past a limit (reading the answer, or the expression's): said, and
 * nothing waits to run */
static void stopped(struct livequery *q, bool reading)
{
	char msg[256];

	clear(q);
	if (reading)
		snprintf(msg, sizeof(msg), "%s", _("stopped: reading the answer took too long"));
	else
		snprintf(msg, sizeof(msg), _("stopped: the query ran past %ld ms; narrow it"),
			 q->timeout_ms);
	set_error(q, LIVEQUERY_STOPPED, msg);
	free(q->sent);
	q->sent = NULL;
	free(q->want);
	q->want = NULL;
}

/* The worker went away (its replies before that taken): past its CPU
 * time (SIGPROF) the query stopped; else what it was running, or what
 * waits, goes to a new one, twice at most for one expression. */
static void worker_gone(struct livequery *q)
{
	bool running = q->phase == LIVEQUERY_COMPILING || q->phase == LIVEQUERY_EVALUATING;
	bool reading = q->phase == LIVEQUERY_READING, stale = q->stale;
	int status = 0;

	topc_worker_stop(&q->worker, &status); /* it ended: its status says why */
	q->phase = LIVEQUERY_IDLE;
	q->stale = false;
	topc_buf_reset(&q->in);
	if ((reading || (running && !stale)) && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGPROF) {
		stopped(q, reading);
		return;
	}
	if (running && !stale && !q->want) { /* killed from outside: run it again */
		q->want = q->sent;
		q->sent = NULL;
	}
	if (!q->want) {
		if (running && !stale)
			set_error(q, LIVEQUERY_ERROR, _("the query's process ended; try again"));
		return;
	}
	if (q->resends++ >= 2 || !start_worker(q)) {
		free(q->want);
		q->want = NULL;
		set_error(q, LIVEQUERY_ERROR, _("the query's process ended; try again"));
	}
}

/* Moves the exchange on with what has arrived, without waiting: the
 * replies a worker sent before it ended are taken first (one that
 * refused the answer, not JSON, ends at once: its reply and its end
 * often come in one read on a busy machine) */
static void step(struct livequery *q)
{
	struct reply r;
	char msg[256];
	size_t values;
	int gone = q->phase != LIVEQUERY_IDLE && !read_worker(q) ? q->worker.pid : 0;

	for (;;) {
		if (q->phase == LIVEQUERY_COMPILING && q->in.len && q->in.data[0] == RUNNING) {
			memmove(q->in.data, q->in.data + 1, --q->in.len);
			q->phase = LIVEQUERY_EVALUATING;
			/* the limits are the worker's CPU time (cpu_limit); the
			 * clock only ends one that uses none (stopped, swapped) */
			q->deadline = now_ms() + q->timeout_ms + LIVEQUERY_WALL_TIMEOUT_MS;
		}
		if (q->phase != LIVEQUERY_IDLE && whole_reply(q, &r, msg, &values)) {
			if (r.errlen >= sizeof(msg)) { /* not what the worker writes */
				stop_worker(q);
				set_error(q, LIVEQUERY_ERROR,
					  _("the query's process ended; try again"));
				return;
			}
			size_t used = values + r.outlen;
			take_reply(q, &r, msg, values);
			if (q->in.len >= used) { /* not emptied by a worker stopped */
				memmove(q->in.data, q->in.data + used, q->in.len - used);
				q->in.len -= used;
			}
			continue;
		}
		if (!gone && q->phase == LIVEQUERY_IDLE && q->want && q->worker.pid) {
			send_wanted(q);
			continue;
		}
		break;
	}
	if (gone && q->worker.pid == gone) /* not stopped by a reply */
		worker_gone(q);
}

/* Past the phase's deadline: the worker is killed; a newer expression
 * waiting gets a new one */
static void enforce_limits(struct livequery *q)
{
	bool reading = q->phase == LIVEQUERY_READING, stale = q->stale;

	if (q->phase == LIVEQUERY_IDLE || now_ms() < q->deadline)
		return;
	stop_worker(q);
	if (!stale || reading) {
		stopped(q, reading);
		return;
	}
	if (q->want && !start_worker(q))
		set_error(q, LIVEQUERY_ERROR, _("cannot start the query: no process"));
}

static void say_running(struct livequery *q)
{
	if (q->state != LIVEQUERY_RUNNING)
		return;
	snprintf(q->error, sizeof(q->error), "%s",
		 q->phase == LIVEQUERY_READING ? _("reading the answer...") : _("running..."));
}

enum livequery_state livequery_start(struct livequery *q, const char *expr)
{
	clear(q);
	free(q->want);
	q->want = NULL;
	q->resends = 0;
	/* what the worker runs now is no longer wanted */
	q->stale = q->phase == LIVEQUERY_COMPILING || q->phase == LIVEQUERY_EVALUATING;
	q->state = LIVEQUERY_EMPTY;
	if (!expr || !expr[strspn(expr, " \t")])
		return q->state;
	if (!q->body || !q->len) {
		set_error(q, LIVEQUERY_ERROR, _("there is no answer to query"));
		return q->state;
	}
	if (q->doc_failed) {
		set_error(q, LIVEQUERY_ERROR, q->doc_error);
		return q->state;
	}
	if (!(q->want = strdup(expr))) {
		set_error(q, LIVEQUERY_ERROR, _("out of memory showing the query's values"));
		return q->state;
	}
	q->state = LIVEQUERY_RUNNING;
	if (!q->worker.pid && !start_worker(q)) {
		set_error(q, LIVEQUERY_ERROR, _("cannot start the query: no process"));
		return q->state;
	}
	step(q);
	say_running(q);
	return q->state;
}

enum livequery_state livequery_poll(struct livequery *q, int wait_ms)
{
	long end = now_ms() + (wait_ms > 0 ? wait_ms : 0);

	for (;;) {
		step(q);
		enforce_limits(q);
		if (q->state != LIVEQUERY_RUNNING || q->phase == LIVEQUERY_IDLE)
			break;
		long until = wait_ms < 0 || q->deadline < end ? q->deadline : end,
		     left = until - now_ms();
		if (wait_ms >= 0 && now_ms() >= end)
			break;
		struct pollfd pf = {q->worker.fd, POLLIN, 0};
		if (poll(&pf, 1, left > 0 ? (int)left : 0) < 0 && errno != EINTR)
			break;
	}
	say_running(q);
	return q->state;
}

bool livequery_busy(const struct livequery *q)
{
	return q->phase != LIVEQUERY_IDLE;
}

enum livequery_state livequery_run(struct livequery *q, const char *expr)
{
	if (livequery_start(q, expr) != LIVEQUERY_RUNNING)
		return q->state;
	return livequery_poll(q, -1);
}

const char *livequery_value(const struct livequery *q, size_t i, size_t *len)
{
	size_t start = q->starts[i];
	const char *nl = memchr(q->text.data + start, '\n', q->text.len - start);

	*len = nl ? (size_t)(nl - q->text.data) - start : q->text.len - start;
	return q->text.data + start;
}
