#include "send/client.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "top/codes.h"
#include "top/response.h"
#include "top/secret.h"

static enum topc_status start_builtin(struct topc_client *c, struct topc_error *err)
{
	struct topc_gateway_config cfg;
	struct topc_buf secret;
	enum topc_status st;

	topc_gateway_config_init(&cfg);
	topc_buf_init(&secret, 0);
	st = c->shared_forms ? TOPC_OK : topc_form_store_load(&c->forms, err);
	cfg.forms = c->shared_forms ? c->shared_forms : &c->forms;
	if (st == TOPC_OK)
		st = topc_profile_secret(c->profile, "secret", &secret, err);
	if (st == TOPC_OK &&
	    !topc_gateway_config_add_app(&cfg, c->profile->app_key, topc_buf_str(&secret)))
		st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting the gateway");
	topc_buf_wipe(&secret);
	if (st == TOPC_OK) {
		c->builtin = topc_gateway_start(&cfg, err);
		if (!c->builtin)
			st = err ? err->code : TOPC_ERR_INTERNAL;
	}
	topc_gateway_config_release(&cfg);
	return st;
}

enum topc_status topc_client_init(struct topc_client *c, const struct topc_profile *profile,
				  struct topc_error *err)
{
	return topc_client_init_with_forms(c, profile, NULL, err);
}

enum topc_status topc_client_init_with_forms(struct topc_client *c,
					     const struct topc_profile *profile,
					     const struct topc_form_store *forms,
					     struct topc_error *err)
{
	enum topc_status st = TOPC_OK;

	memset(c, 0, sizeof(*c));
	c->cancel_fd = -1;
	c->profile = profile;
	c->shared_forms = forms;
	topc_form_store_init(&c->forms);
	st = topc_profile_check_gateway(profile, err);
	if (st == TOPC_OK)
		st = topc_profile_check_ready(profile, err);
	if (st == TOPC_OK && topc_profile_is_builtin(profile))
		st = start_builtin(c, err);
	if (st == TOPC_OK) {
		c->url = strdup(c->builtin ? topc_gateway_url(c->builtin) : profile->gateway);
		if (!c->url)
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
		else if (!(c->transport = topc_transport_new(err)))
			st = TOPC_ERR_INTERNAL; /* err says why */
	}
	if (st != TOPC_OK)
		topc_client_release(c);
	return st;
}

void topc_client_release(struct topc_client *c)
{
	topc_transport_free(c->transport);
	topc_gateway_stop(c->builtin);
	topc_form_store_release(&c->forms);
	free(c->url);
	memset(c, 0, sizeof(*c));
}

enum topc_status topc_client_build(struct topc_client *c, const char *method,
				   const struct topc_params *business, struct topc_request *r,
				   struct topc_error *err)
{
	return topc_request_build(r, c->profile, c->url, method, business, topc_now_ms(), err);
}

struct topc_http_request topc_client_http(const struct topc_client *c, const struct topc_request *r)
{
	const struct topc_profile *p = c->profile;
	struct topc_http_request h = {
	    .url = r->url,
	    .headers = r->headers,
	    .body = topc_buf_str(&r->body),
	    .body_len = r->body.len,
	    .connect_timeout_ms = p->connect_timeout_ms,
	    .timeout_ms = p->timeout_ms,
	    .proxy = p->proxy,
	    .ca_file = p->ca_file,
	    .tls_verify = p->tls_verify,
	    .max_body = p->max_body,
	    .mask = &r->mask,
	};
	return h;
}

void topc_client_classify(const struct topc_request *r, const struct topc_http_response *resp,
			  struct topc_outcome *out)
{
	topc_outcome_release(out);
	out->http_status = resp->status;
	if (!resp->complete) {
		out->cls = TOPC_OUTCOME_TRANSPORT_ERROR;
		if (resp->error[0])
			topc_outcome_set_detail(out, resp->error, resp->error_text);
		else
			topc_outcome_detailf(out, "no answer");
		return;
	}
	topc_response_classify(topc_buf_str(&resp->body), resp->body.len, resp->status, r->format,
			       r->simplify, r->form, out);
}

bool topc_client_retryable(const struct topc_outcome *out)
{
	return topc_outcome_retry(out) != TOPC_RETRY_NEVER;
}

/* How long to wait before sending again: the ban the answer states (7,
 * accesscontrol.*), else the backoff delay; -1 when the ban is longer than
 * a send should wait (the advice says how long). */
static long retry_wait_ms(const struct topc_outcome *out, long delay)
{
	long ban;

	if (!topc_outcome_ban_seconds(out, &ban))
		return delay;
	if (ban > TOPC_CLIENT_BAN_WAIT_MAX_S)
		return -1;
	return ban * 1000 > delay ? ban * 1000 : delay;
}

/* Waits ms, or until c->cancel_fd is readable: true when it was. */
static bool wait_cancelled(const struct topc_client *c, long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	struct pollfd p = {c->cancel_fd, POLLIN, 0};

	if (c->cancel_fd >= 0) {
		int64_t until = topc_monotonic_ms() + ms, left = ms;
		while (left > 0) {
			if (poll(&p, 1, left > INT_MAX ? INT_MAX : (int)left) > 0)
				return true;
			left = until - topc_monotonic_ms();
		}
		return false;
	}
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	return false;
}

/* topc_transport_run, cancelled when c->cancel_fd becomes readable. */
static struct topc_transfer *run_once(struct topc_client *c, const struct topc_http_request *h,
				      struct topc_error *err)
{
	struct topc_transfer *x = NULL, *done;

	if (c->cancel_fd < 0)
		return topc_transport_run(c->transport, h, err);
	if (topc_transport_submit(c->transport, h, NULL, &x, err) != TOPC_OK)
		return NULL;
	for (;;) {
		topc_transport_step(c->transport);
		while ((done = topc_transport_next_done(c->transport))) {
			if (done == x)
				return x;
			topc_transfer_free(done); /* not ours: nothing else runs here */
		}
		if (topc_transport_wait(c->transport, &c->cancel_fd, 1, 1000) > 0)
			topc_transport_cancel(c->transport, x);
	}
}

static void cancelled(const struct topc_http_response *resp, struct topc_outcome *out)
{
	out->cls = TOPC_OUTCOME_CANCELLED;
	if (resp->cancelled)
		topc_outcome_set_detail(out, resp->error, resp->error_text);
	else
		topc_outcome_detailf(out, "cancelled while waiting to send it again");
}

enum topc_status topc_client_send(struct topc_client *c, const struct topc_request *r,
				  struct topc_transfer **transfer, struct topc_outcome *out,
				  struct topc_error *err)
{
	struct topc_http_request h = topc_client_http(c, r);
	long delay = c->profile->retry_delay_ms;

	for (unsigned attempt = 1;; attempt++) {
		*transfer = run_once(c, &h, err);
		if (!*transfer)
			return err ? err->code : TOPC_ERR_INTERNAL;
		topc_client_classify(r, topc_transfer_response(*transfer), out);
		out->attempts = attempt;
		if (topc_transfer_response(*transfer)->cancelled) {
			cancelled(topc_transfer_response(*transfer), out);
			return TOPC_OK;
		}
		long wait, ban = 0;
		if (attempt > (unsigned)c->profile->retries || !topc_client_retryable(out))
			return TOPC_OK;
		if ((wait = retry_wait_ms(out, delay)) < 0) {
			if (topc_outcome_ban_seconds(out, &ban))
				topc_outcome_detailf(
				    out,
				    "not sent again: the ban lasts %ld more seconds, "
				    "longer than the %d seconds a retry waits; send "
				    "again after it",
				    ban, TOPC_CLIENT_BAN_WAIT_MAX_S);
			return TOPC_OK;
		}
		if (wait_cancelled(c, wait)) { /* the last answer stays with the outcome */
			cancelled(topc_transfer_response(*transfer), out);
			return TOPC_OK;
		}
		topc_transfer_free(*transfer);
		*transfer = NULL;
		delay *= 2;
	}
}
