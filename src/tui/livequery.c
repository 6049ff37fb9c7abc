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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ext/jq.h"
#include "ext/xml.h"
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
	q->to_worker = -1;
	topc_buf_init(&q->text, 0);
}

static void stop_worker(struct livequery *q)
{
	int status;

	if (q->to_worker >= 0)
		close(q->to_worker);
	q->to_worker = -1;
	if (q->worker_pid > 0) {
		kill(q->worker_pid, SIGKILL);
		while (waitpid(q->worker_pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	q->worker_pid = 0;
}

void livequery_release(struct livequery *q)
{
	stop_worker(q);
	topc_buf_release(&q->text);
	free(q->starts);
	memset(q, 0, sizeof(*q));
	q->to_worker = -1;
}

static bool write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static bool read_all(int fd, void *data, size_t len)
{
	char *p = data;

	while (len) {
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static bool send_reply(int fd, enum topc_status st, bool more, const char *msg,
		       const struct topc_buf *out)
{
	struct reply r = {(uint32_t)st, more, st == TOPC_OK ? 0 : strlen(msg),
			  st == TOPC_OK && out ? out->len : 0};

	return write_all(fd, &r, sizeof(r)) && write_all(fd, msg, r.errlen) &&
	       write_all(fd, out && out->data ? out->data : "", r.outlen);
}

/* The mark the worker sends when the expression compiled and runs: the
 * time limit counts from there, so a slow compile is not taken for a
 * runaway query */
static const char RUNNING = 'R';

static void running(void *ctx)
{
	int fd = *(int *)ctx;

	(void)!write(fd, &RUNNING, 1);
}

/* The worker: reads the answer once, then runs each expression it is sent
 * (a length, then the text) until its pipe closes; it never returns */
static void worker(const struct livequery *q, int in, int out)
{
	struct topc_jq_doc *doc = NULL;
	struct topc_error err = {0};
	enum topc_status st = TOPC_OK;

	if (!q->xml)
		st = topc_jq_doc_new(q->body, q->len, &doc, &err);
	if (!send_reply(out, st, false, err.msg, NULL) || st != TOPC_OK)
		_exit(0);
	for (;;) {
		uint32_t n;
		char *expr;
		struct topc_buf values;
		size_t count = 0;
		bool more = false;
		if (!read_all(in, &n, sizeof(n)) || n > (1u << 20) || !(expr = malloc(n + 1)))
			_exit(0);
		if (!read_all(in, expr, n))
			_exit(0);
		expr[n] = '\0';
		memset(&err, 0, sizeof(err));
		topc_buf_init(&values, q->max_bytes + 1);
		if (q->xml)
			running(&out);
		st = q->xml ? topc_xpath_run(expr, q->body, q->len, &values, &count, &err)
			    : topc_jq_doc_run(doc, expr, q->max_values, running, &out, &values,
					      &count, &more, &err);
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

/* Reads exactly len bytes before the deadline; false on timeout or EOF */
static bool read_until(int fd, long deadline, void *data, size_t len)
{
	char *p = data;

	while (len) {
		long left = deadline - now_ms();
		struct pollfd pf = {fd, POLLIN, 0};
		if (left <= 0)
			return false;
		int n = poll(&pf, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		ssize_t got = read(fd, p, len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		p += got;
		len -= (size_t)got;
	}
	return true;
}

static void set_error(struct livequery *q, enum livequery_state state, const char *msg)
{
	q->state = state;
	snprintf(q->error, sizeof(q->error), "%s", msg);
}

/* A reply into the model; false when it did not come whole in time */
static bool take_reply(struct livequery *q, long deadline)
{
	struct reply r;
	char msg[256];

	if (!read_until(q->to_worker, deadline, &r, sizeof(r)) || r.errlen >= sizeof(msg) ||
	    r.outlen > q->max_bytes + 1 || !read_until(q->to_worker, deadline, msg, r.errlen))
		return false;
	msg[r.errlen] = '\0';
	if (r.status != TOPC_OK) {
		set_error(q, LIVEQUERY_ERROR, msg);
		return true;
	}
	if (r.outlen) {
		char *tmp = malloc(r.outlen);
		bool ok = tmp && read_until(q->to_worker, deadline, tmp, r.outlen) &&
			  topc_buf_add(&q->text, tmp, r.outlen) == TOPC_OK;
		free(tmp);
		if (!ok)
			return false;
	}
	q->more = r.more;
	q->state = LIVEQUERY_OK;
	return true;
}

/* One socket pair: the console writes with MSG_NOSIGNAL, so a worker that
 * died never raises SIGPIPE in the console */
static bool start_worker(struct livequery *q)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return false;
	if ((pid = fork()) < 0) {
		close(sv[0]);
		close(sv[1]);
		return false;
	}
	if (pid == 0) {
		close(sv[0]);
		signal(SIGPIPE, SIG_DFL);
		worker(q, sv[1], sv[1]);
	}
	close(sv[1]);
	q->worker_pid = pid;
	q->to_worker = sv[0];
	q->workers++;
	return true;
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

/* A worker that has read the answer; false with the state set otherwise */
static bool ready(struct livequery *q)
{
	if (q->doc_failed) {
		set_error(q, LIVEQUERY_ERROR, q->doc_error);
		return false;
	}
	if (q->worker_pid)
		return true;
	if (!start_worker(q)) {
		set_error(q, LIVEQUERY_ERROR, "cannot start the query: no process");
		return false;
	}
	q->state = LIVEQUERY_OK;
	if (!take_reply(q, now_ms() + q->read_timeout_ms)) {
		stop_worker(q);
		set_error(q, LIVEQUERY_STOPPED, "stopped: reading the answer took too long");
		return false;
	}
	if (q->state == LIVEQUERY_ERROR) { /* not JSON: said on every run */
		q->doc_failed = true;
		snprintf(q->doc_error, sizeof(q->doc_error), "%s", q->error);
		stop_worker(q);
		return false;
	}
	return true;
}

enum livequery_state livequery_run(struct livequery *q, const char *expr)
{
	uint32_t n;

	clear(q);
	q->state = LIVEQUERY_EMPTY;
	if (!expr || !expr[strspn(expr, " \t")])
		return q->state;
	if (!q->body || !q->len) {
		set_error(q, LIVEQUERY_ERROR, "there is no answer to query");
		return q->state;
	}
	if (!ready(q))
		return q->state;
	clear(q);
	n = (uint32_t)strlen(expr);
	/* a worker gone (killed, out of memory) is started again once */
	if (!write_all(q->to_worker, &n, sizeof(n)) || !write_all(q->to_worker, expr, n)) {
		stop_worker(q);
		if (!ready(q))
			return q->state;
		clear(q);
		if (!write_all(q->to_worker, &n, sizeof(n)) || !write_all(q->to_worker, expr, n)) {
			stop_worker(q);
			set_error(q, LIVEQUERY_ERROR, "the query's process ended; try again");
			return q->state;
		}
	}
	/* compiled (or refused, when the reply comes at once), then run */
	char mark = 0;
	long compile_deadline = now_ms() + LIVEQUERY_COMPILE_TIMEOUT_MS;
	struct pollfd pf = {q->to_worker, POLLIN, 0};
	bool marked = false;
	while (!marked && now_ms() < compile_deadline) {
		int r = poll(&pf, 1, (int)(compile_deadline - now_ms()));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (recv(q->to_worker, &mark, 1, MSG_PEEK) != 1)
			break;
		if (mark == RUNNING)
			marked = read_all(q->to_worker, &mark, 1);
		else
			marked = true; /* a reply: it did not compile */
	}
	if (!marked || !take_reply(q, now_ms() + q->timeout_ms)) {
		stop_worker(q); /* the next query starts another */
		clear(q);
		q->state = LIVEQUERY_STOPPED;
		snprintf(q->error, sizeof(q->error),
			 "stopped: the query ran past %ld ms; narrow it", q->timeout_ms);
		return q->state;
	}
	if (q->state == LIVEQUERY_OK && !split_values(q)) {
		clear(q);
		set_error(q, LIVEQUERY_ERROR, "out of memory showing the query's values");
	}
	return q->state;
}

const char *livequery_value(const struct livequery *q, size_t i, size_t *len)
{
	size_t start = q->starts[i];
	const char *nl = memchr(q->text.data + start, '\n', q->text.len - start);

	*len = nl ? (size_t)(nl - q->text.data) - start : q->text.len - start;
	return q->text.data + start;
}
