/* livequery.c - the query line's model (livequery.h). */
#define _GNU_SOURCE /* pipe2 */
#include "livequery.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ext/jq.h"
#include "ext/xml.h"
#include "top/query.h"

void livequery_init(struct livequery *q, const char *body, size_t len)
{
	memset(q, 0, sizeof(*q));
	q->body = body;
	q->len = len;
	q->xml = body && topc_answer_is_xml(body, len);
	q->timeout_ms = LIVEQUERY_TIMEOUT_MS;
	q->max_values = LIVEQUERY_MAX_VALUES;
	q->max_bytes = LIVEQUERY_MAX_BYTES;
	topc_buf_init(&q->text, 0);
}

void livequery_release(struct livequery *q)
{
	topc_jq_doc_free(q->doc);
	topc_buf_release(&q->text);
	free(q->starts);
	memset(q, 0, sizeof(*q));
}

/* What the child sends back: this header, the error text, the values. */
struct reply {
	uint32_t status; /* enum topc_status */
	uint32_t more;
	uint64_t errlen, outlen;
};

static bool write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* In the child: run, cap, send, exit without running the parent's atexit
 * handlers or flushing its stdio. */
static void child(const struct livequery *q, const char *expr, int fd)
{
	struct topc_buf out;
	struct topc_error err = {0};
	struct reply r = {0};
	size_t count = 0;
	bool more = false;
	enum topc_status st;

	topc_buf_init(&out, q->max_bytes + 1);
	if (q->xml)
		st = topc_xpath_run(expr, q->body, q->len, &out, &count, &err);
	else
		st = topc_jq_doc_run(q->doc, expr, q->max_values, &out, &count, &more, &err);
	if (st == TOPC_ERR_NOMEM) /* the buffer fails closed at its cap: nothing is kept */
		snprintf(err.msg, sizeof(err.msg),
			 "the values pass %zu bytes, more than the pane shows; narrow the query",
			 q->max_bytes);
	r.status = (uint32_t)st;
	r.more = more;
	r.errlen = st == TOPC_OK ? 0 : strlen(err.msg);
	r.outlen = st == TOPC_OK ? out.len : 0;
	if (write_all(fd, &r, sizeof(r)) && write_all(fd, err.msg, r.errlen))
		(void)!write_all(fd, out.data ? out.data : "", r.outlen);
	_exit(0);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads what the child sends until it closes, or the deadline. */
static bool read_reply(int fd, long deadline, struct topc_buf *in, size_t cap)
{
	char chunk[65536];

	for (;;) {
		long left = deadline - now_ms();
		struct pollfd p = {fd, POLLIN, 0};
		if (left <= 0)
			return false;
		int n = poll(&p, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		ssize_t got = read(fd, chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return got == 0;
		if (in->len + (size_t)got > cap || topc_buf_add(in, chunk, (size_t)got) != TOPC_OK)
			return false;
	}
}

static void set_error(struct livequery *q, enum livequery_state state, const char *msg)
{
	q->state = state;
	snprintf(q->error, sizeof(q->error), "%s", msg);
}

static bool split_values(struct livequery *q)
{
	size_t n = 0;

	for (size_t i = 0; i < q->text.len; i++)
		n += q->text.data[i] == '\n';
	q->starts = malloc((n ? n : 1) * sizeof(*q->starts));
	if (!q->starts)
		return false;
	q->nvalues = 0;
	for (size_t i = 0, start = 0; i < q->text.len; i++)
		if (q->text.data[i] == '\n') {
			q->starts[q->nvalues++] = start;
			start = i + 1;
		}
	return true;
}

/* Decodes the child's reply into the model */
static void take_reply(struct livequery *q, const struct topc_buf *in)
{
	struct reply r;

	if (in->len < sizeof(r)) {
		set_error(q, LIVEQUERY_ERROR, "the query ended without an answer");
		return;
	}
	memcpy(&r, in->data, sizeof(r));
	if (r.errlen > in->len - sizeof(r) || r.outlen != in->len - sizeof(r) - r.errlen) {
		set_error(q, LIVEQUERY_ERROR, "the query's answer came back cut");
		return;
	}
	if (r.status != TOPC_OK) {
		q->state = LIVEQUERY_ERROR;
		snprintf(q->error, sizeof(q->error), "%.*s", (int)r.errlen, in->data + sizeof(r));
		return;
	}
	if (topc_buf_add(&q->text, in->data + sizeof(r) + r.errlen, r.outlen) != TOPC_OK ||
	    !split_values(q)) {
		set_error(q, LIVEQUERY_ERROR, "out of memory showing the query's values");
		return;
	}
	q->more = r.more;
	q->state = LIVEQUERY_OK;
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

/* The first run on a JSON answer reads it, once */
static bool ready(struct livequery *q)
{
	struct topc_error err = {0};

	if (q->xml || q->doc)
		return true;
	if (!q->doc_failed && topc_jq_doc_new(q->body, q->len, &q->doc, &err) != TOPC_OK) {
		q->doc_failed = true;
		snprintf(q->doc_error, sizeof(q->doc_error), "%s", err.msg);
	}
	if (q->doc_failed)
		set_error(q, LIVEQUERY_ERROR, q->doc_error);
	return !q->doc_failed;
}

enum livequery_state livequery_run(struct livequery *q, const char *expr)
{
	struct topc_buf in;
	int fds[2], status;
	pid_t pid;
	bool whole;

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
	if (pipe2(fds, O_CLOEXEC) != 0) {
		set_error(q, LIVEQUERY_ERROR, "cannot start the query: no pipe");
		return q->state;
	}
	if ((pid = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		set_error(q, LIVEQUERY_ERROR, "cannot start the query: no process");
		return q->state;
	}
	if (pid == 0) {
		close(fds[0]);
		child(q, expr, fds[1]);
	}
	close(fds[1]);
	topc_buf_init(&in, 0);
	whole = read_reply(fds[0], now_ms() + q->timeout_ms, &in,
			   sizeof(struct reply) + sizeof(q->error) + q->max_bytes + 1);
	close(fds[0]);
	if (!whole)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (whole)
		take_reply(q, &in);
	else {
		q->state = LIVEQUERY_STOPPED;
		snprintf(q->error, sizeof(q->error),
			 "stopped: the query ran past %ld ms; narrow it", q->timeout_ms);
	}
	topc_buf_release(&in);
	return q->state;
}

const char *livequery_value(const struct livequery *q, size_t i, size_t *len)
{
	size_t start = q->starts[i];
	const char *nl = memchr(q->text.data + start, '\n', q->text.len - start);

	*len = nl ? (size_t)(nl - q->text.data) - start : q->text.len - start;
	return q->text.data + start;
}
