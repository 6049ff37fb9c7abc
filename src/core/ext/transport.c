#include "ext/transport.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"

struct topc_transfer {
	CURL *easy;
	struct curl_slist *headers;
	char *body;
	size_t max_body;
	long timeout_ms;
	int64_t started_ms;
	void *userdata;
	struct topc_mask mask;
	struct topc_http_response resp;
	size_t header_seen;	    /* bytes of the header block under way */
	bool header_dropped;	    /* that block went past the cap: none of it is kept */
	struct topc_transfer *next; /* in the done list */
	bool finished;		    /* ended: in the done list, or taken */
	struct topc_transfer *run_prev, *run_next; /* in the running list */
};

#define EASY_POOL 64
#define RECEIVE_BUFFER (256L * 1024)

struct topc_transport {
	CURLM *multi;
	struct topc_transfer *running;
	struct topc_transfer *done_head, *done_tail;
	/* finished easy handles, reset and kept for the next requests: curl
	 * keeps their buffers, which saves most of a request's setup */
	CURL *pool[EASY_POOL];
	size_t npool;
};

static CURLcode http_init_code = CURLE_OK;

static void http_init_once(void)
{
	http_init_code = curl_global_init(CURL_GLOBAL_DEFAULT);
}

bool topc_http_init(struct topc_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, http_init_once);
	if (http_init_code == CURLE_OK)
		return true;
	topc_error_set(err, TOPC_ERR_INTERNAL, "libcurl failed to start: %s",
		       curl_easy_strerror(http_init_code));
	return false;
}

struct topc_transport *topc_transport_new(struct topc_error *err)
{
	struct topc_transport *t;

	if (!topc_http_init(err))
		return NULL;
	t = calloc(1, sizeof(*t));
	if (t)
		t->multi = curl_multi_init();
	if (!t || !t->multi) {
		free(t);
		topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting the transport");
		return NULL;
	}
	return t;
}

void topc_transfer_free(struct topc_transfer *x)
{
	if (!x)
		return;
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	free(x->body);
	topc_buf_release(&x->resp.body);
	topc_buf_release(&x->resp.headers);
	free(x);
}

void topc_transport_free(struct topc_transport *t)
{
	if (!t)
		return;
	while (t->running) {
		struct topc_transfer *x = t->running;
		t->running = x->run_next;
		curl_multi_remove_handle(t->multi, x->easy);
		topc_transfer_free(x);
	}
	while (t->done_head) {
		struct topc_transfer *x = t->done_head;
		t->done_head = x->next;
		topc_transfer_free(x);
	}
	while (t->npool)
		curl_easy_cleanup(t->pool[--t->npool]);
	curl_multi_cleanup(t->multi);
	free(t);
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *user)
{
	struct topc_transfer *x = user;
	size_t n = size * nmemb;

	x->resp.body_seen += n;
	if (topc_buf_add(&x->resp.body, data, n) != TOPC_OK) {
		x->resp.too_large = true;
		return CURL_WRITEFUNC_ERROR;
	}
	return n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *user)
{
	struct topc_transfer *x = user;
	size_t n = size * nmemb, len;

	/* A new status line starts a new block (after a 100 Continue or a
	 * redirect); a block past the cap is dropped whole, never cut. */
	if (n > 5 && strncmp(data, "HTTP/", 5) == 0) {
		topc_buf_reset(&x->resp.headers);
		x->header_seen = 0;
		x->header_dropped = false;
	}
	x->header_seen += n;
	/* once over, the block's later lines are dropped too: kept, they
	 * showed as the answer's headers without its status line */
	if (!x->header_dropped && topc_buf_add(&x->resp.headers, data, n) != TOPC_OK) {
		topc_buf_reset(&x->resp.headers);
		x->header_dropped = true;
	}
	if (n > 5 && strncasecmp(data, "Date:", 5) == 0) {
		const char *v = data + 5;
		while (*v == ' ' && v < data + n)
			v++;
		len = (size_t)(data + n - v);
		while (len && (v[len - 1] == '\r' || v[len - 1] == '\n'))
			len--;
		if (len >= sizeof(x->resp.date))
			len = sizeof(x->resp.date) - 1;
		memcpy(x->resp.date, v, len);
		x->resp.date[len] = '\0';
	}
	return n;
}

static const char *default_ca_file(const char *profile_ca)
{
	const char *env;

	if (profile_ca)
		return profile_ca;
	env = getenv("CURL_CA_BUNDLE");
	if (env && *env)
		return env;
	env = getenv("SSL_CERT_FILE");
	return env && *env ? env : NULL;
}

static bool setup_easy(struct topc_transfer *x, const struct topc_http_request *req)
{
	CURL *e = x->easy;
	const char *ca = default_ca_file(req->ca_file);
	bool ok = true;

	for (size_t i = 0; req->headers && req->headers[i]; i++) {
		struct curl_slist *l = curl_slist_append(x->headers, req->headers[i]);
		if (!l)
			return false;
		x->headers = l;
	}
	/* Stop curl adding "Expect: 100-continue" to large bodies. */
	x->headers = curl_slist_append(x->headers, "Expect:");
	ok = x->headers != NULL;
	ok = ok && curl_easy_setopt(e, CURLOPT_URL, req->url) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len) ==
		       CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->body) == CURLE_OK;
	/* libcurl decodes gzip answers only with ACCEPT_ENCODING set; the
	 * request's own header list (shown by dry runs) names the same. */
	ok = ok && curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip") == CURLE_OK;
	/* a large answer in fewer reads and callbacks than libcurl's 16 KiB
	 * (a 40 MB one: 2,560 of each); the buffer is allocated when the
	 * transfer starts, its pages touched only as far as an answer fills it */
	ok = ok && curl_easy_setopt(e, CURLOPT_BUFFERSIZE, RECEIVE_BUFFER) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_WRITEDATA, x) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_HEADERDATA, x) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_PRIVATE, x) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
	ok = ok &&
	     curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, req->connect_timeout_ms) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, req->timeout_ms) == CURLE_OK;
	ok = ok && curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
	ok = ok &&
	     curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, req->tls_verify ? 1L : 0L) == CURLE_OK;
	ok = ok &&
	     curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, req->tls_verify ? 2L : 0L) == CURLE_OK;
	if (ok && req->proxy)
		ok = curl_easy_setopt(e, CURLOPT_PROXY, req->proxy) == CURLE_OK;
	if (ok && ca)
		ok = curl_easy_setopt(e, CURLOPT_CAINFO, ca) == CURLE_OK;
	return ok;
}

enum topc_status topc_transport_submit(struct topc_transport *t,
				       const struct topc_http_request *req, void *userdata,
				       struct topc_transfer **out, struct topc_error *err)
{
	struct topc_transfer *x = calloc(1, sizeof(*x));

	if (!x)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting a request");
	x->userdata = userdata;
	if (req->mask)
		x->mask = *req->mask;
	x->max_body = req->max_body;
	x->timeout_ms = req->timeout_ms;
	topc_buf_init(&x->resp.body, req->max_body);
	topc_buf_init(&x->resp.headers, 64 * 1024);
	x->body = malloc(req->body_len + 1);
	x->easy = t->npool ? t->pool[--t->npool] : curl_easy_init();
	if (!x->body || !x->easy) {
		topc_transfer_free(x);
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting a request");
	}
	memcpy(x->body, req->body, req->body_len);
	x->body[req->body_len] = '\0';
	if (!setup_easy(x, req) || curl_multi_add_handle(t->multi, x->easy) != CURLM_OK) {
		topc_transfer_free(x);
		return topc_error_set(err, TOPC_ERR_INTERNAL,
				      "libcurl refused the request options");
	}
	x->started_ms = topc_monotonic_ms();
	x->run_next = t->running;
	if (t->running)
		t->running->run_prev = x;
	t->running = x;
	if (out)
		*out = x;
	return TOPC_OK;
}

int topc_transport_wait(struct topc_transport *t, const int *extra_fds, size_t n, int timeout_ms)
{
	struct curl_waitfd fds[8];
	int ready = 0;

	if (n > 8)
		n = 8;
	for (size_t i = 0; i < n; i++) {
		fds[i].fd = extra_fds[i];
		fds[i].events = CURL_WAIT_POLLIN;
		fds[i].revents = 0;
	}
	curl_multi_poll(t->multi, fds, (unsigned)n, timeout_ms, NULL);
	for (size_t i = 0; i < n; i++)
		if (fds[i].revents)
			ready++;
	return ready;
}

/* libcurl's cap on an answer's header block, all lines together (300 KB
 * since 7.84); a block that came this close to it before the answer
 * failed, with no body byte, failed on it */
#define CURL_HEADERS_CAP (300 * 1024)

/* An answer under way that failed so: libcurl says "out of memory" of a
 * header line over its 100 KB cap (7.88), CURLE_TOO_LARGE from 8.6, and
 * "failure when receiving data" of a block over its 300 KB (7.88). */
static bool header_too_large(const struct topc_transfer *x, CURLcode rc)
{
#if LIBCURL_VERSION_NUM >= 0x080600
	if (rc == CURLE_TOO_LARGE)
		return true;
#endif
	if (rc == CURLE_RECV_ERROR && !x->resp.body_seen &&
	    x->header_seen > CURL_HEADERS_CAP - 100 * 1024)
		return true;
	return rc == CURLE_OUT_OF_MEMORY;
}

static void describe_failure(struct topc_transfer *x, CURLcode rc)
{
	struct topc_http_response *r = &x->resp;
	struct topc_error e = {0};
	char *url = NULL, *shown = NULL;

	/* named with its userinfo password as ***, at any length: the answer's
	 * mask leaves values under TOPC_MASK_MIN bytes alone */
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &url);
	url = url ? (shown = topc_mask_url(url)) : NULL;
	if (r->too_large)
		topc_error_set(
		    &e, TOPC_ERR_TRANSPORT,
		    "the response is larger than max_body (%zu bytes); raise max_body in "
		    "the profile to accept it",
		    x->max_body);
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		topc_error_set(
		    &e, TOPC_ERR_TRANSPORT,
		    "no complete answer within %ld ms (%zu bytes received); raise timeout "
		    "in the profile or check the gateway",
		    x->timeout_ms, r->body_seen);
	else if (rc == CURLE_COULDNT_CONNECT && url)
		topc_error_set(&e, TOPC_ERR_TRANSPORT,
			       "connection refused by %s; is the gateway running?", url);
	else if (rc == CURLE_COULDNT_CONNECT)
		topc_error_set(&e, TOPC_ERR_TRANSPORT,
			       "connection refused by the gateway; is it running?");
	else if (rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION ||
		 rc == CURLE_SSL_CACERT_BADFILE)
		url ? topc_error_set(&e, TOPC_ERR_TRANSPORT,
				     "TLS with %s failed (%s); check the URL's scheme and the "
				     "profile's ca_file",
				     url, curl_easy_strerror(rc))
		    : topc_error_set(&e, TOPC_ERR_TRANSPORT,
				     "TLS with the gateway failed (%s); check the URL's scheme and "
				     "the profile's ca_file",
				     curl_easy_strerror(rc));
	else if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY)
		topc_error_set(
		    &e, TOPC_ERR_TRANSPORT, "%s; check the host name in the profile's %s",
		    curl_easy_strerror(rc), rc == CURLE_COULDNT_RESOLVE_HOST ? "gateway" : "proxy");
	else if (header_too_large(x, rc) && r->status)
		topc_error_set(&e, TOPC_ERR_TRANSPORT,
			       "the answer has a header larger than libcurl accepts (100 KB, "
			       "300 KB all together) or memory ran out; check the gateway and any "
			       "proxy before it");
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL && !r->status)
		/* only http and https are allowed, so the URL was one: libcurl
		 * says so of an answer with no status line (HTTP/0.9) */
		topc_error_set(&e, TOPC_ERR_TRANSPORT,
			       "the answer is not HTTP (it has no status line: HTTP/0.9 or another "
			       "service on that port); check the port in the profile's gateway");
	else if (rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING)
		topc_error_set(&e, TOPC_ERR_TRANSPORT,
			       "the connection was closed mid-answer after %zu body bytes (%s)",
			       r->body_seen, curl_easy_strerror(rc));
	else
		topc_error_set(&e, TOPC_ERR_TRANSPORT, "%s", curl_easy_strerror(rc));
	free(shown);
	snprintf(r->error, sizeof(r->error), "%s", e.english);
	snprintf(r->error_text, sizeof(r->error_text), "%s", e.msg);
}

/* What came back may quote the request's secrets (a gateway that echoes its
 * parameters, a libcurl error naming the URL): masked here, so no reader
 * of the answer ever sees them. */
static void mask_answer(struct topc_transfer *x)
{
	struct topc_http_response *r = &x->resp;

	topc_mask_apply_str(&x->mask, r->error, sizeof(r->error));
	topc_mask_apply_str(&x->mask, r->error_text, sizeof(r->error_text));
	if (topc_mask_apply(&x->mask, &r->headers) != TOPC_OK)
		topc_buf_reset(&r->headers);
	if (topc_mask_apply(&x->mask, &r->body) != TOPC_OK) {
		struct topc_error e = {0};
		topc_buf_reset(&r->body);
		r->complete = false;
		topc_error_set(&e, TOPC_ERR_NOMEM,
			       "out of memory masking the secrets in the answer; it is not kept");
		snprintf(r->error, sizeof(r->error), "%s", e.english);
		snprintf(r->error_text, sizeof(r->error_text), "%s", e.msg);
	}
}

static void finish(struct topc_transport *t, struct topc_transfer *x, CURLcode rc)
{
	x->finished = true;
	curl_multi_remove_handle(t->multi, x->easy);
	if (x->run_prev)
		x->run_prev->run_next = x->run_next;
	else
		t->running = x->run_next;
	if (x->run_next)
		x->run_next->run_prev = x->run_prev;
	x->run_prev = x->run_next = NULL;
	x->resp.latency_ms = topc_monotonic_ms() - x->started_ms;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &x->resp.status);
	x->resp.complete = rc == CURLE_OK;
	if (rc != CURLE_OK && !x->resp.cancelled)
		describe_failure(x, rc);
	mask_answer(x);
	if (t->npool < EASY_POOL) {
		curl_easy_reset(x->easy);
		t->pool[t->npool++] = x->easy;
		x->easy = NULL;
	}
	x->next = NULL;
	if (t->done_tail)
		t->done_tail->next = x;
	else
		t->done_head = x;
	t->done_tail = x;
}

int topc_transport_step(struct topc_transport *t)
{
	int running = 0, left = 0;
	CURLMsg *m;

	curl_multi_perform(t->multi, &running);
	while ((m = curl_multi_info_read(t->multi, &left))) {
		struct topc_transfer *x = NULL;
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		finish(t, x, m->data.result);
	}
	return running;
}

struct topc_transfer *topc_transport_next_done(struct topc_transport *t)
{
	struct topc_transfer *x = t->done_head;

	if (x) {
		t->done_head = x->next;
		if (!t->done_head)
			t->done_tail = NULL;
		x->next = NULL;
	}
	return x;
}

bool topc_transport_cancel(struct topc_transport *t, struct topc_transfer *x)
{
	struct topc_error e = {0};

	if (x->finished)
		return false; /* its answer came first: finishing it again would free
			       * its handle twice and put it twice in the done list */
	x->resp.cancelled = true;
	topc_error_set(&e, TOPC_ERR_TRANSPORT, "cancelled after %lld ms",
		       (long long)(topc_monotonic_ms() - x->started_ms));
	snprintf(x->resp.error, sizeof(x->resp.error), "%s", e.english);
	snprintf(x->resp.error_text, sizeof(x->resp.error_text), "%s", e.msg);
	finish(t, x, CURLE_ABORTED_BY_CALLBACK);
	return true;
}

const struct topc_http_response *topc_transfer_response(const struct topc_transfer *x)
{
	return &x->resp;
}

void *topc_transfer_userdata(const struct topc_transfer *x)
{
	return x->userdata;
}

struct topc_transfer *topc_transport_run(struct topc_transport *t,
					 const struct topc_http_request *req,
					 struct topc_error *err)
{
	struct topc_transfer *x = NULL, *done;

	if (topc_transport_submit(t, req, NULL, &x, err) != TOPC_OK)
		return NULL;
	for (;;) {
		topc_transport_step(t);
		while ((done = topc_transport_next_done(t))) {
			if (done == x)
				return x;
			topc_transfer_free(done); /* not ours: nothing else runs here */
		}
		topc_transport_wait(t, NULL, 0, 1000);
	}
}
