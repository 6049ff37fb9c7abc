/*
 * transport.h - HTTP over libcurl's multi interface; the only user of the
 * curl transfer API (urlcode.c uses its escaping helpers).
 *
 * One transport runs any number of transfers at once without blocking: the
 * caller's loop waits in topc_transport_wait (which can also watch the
 * caller's own descriptors, such as the terminal), calls topc_transport_step,
 * and collects finished transfers with topc_transport_next_done.  A transfer
 * can be cancelled at any time.  Nothing here prints or sleeps.
 *
 * Ownership: the transport owns its transfers until next_done returns one;
 * the caller then owns it and frees it with topc_transfer_free.
 */
#ifndef TOPC_TRANSPORT_H
#define TOPC_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mask.h"

struct topc_http_request {
	const char *url;
	const char *const *headers; /* "Name: value", NULL-terminated */
	const char *body;
	size_t body_len;
	long connect_timeout_ms;
	long timeout_ms;
	const char *proxy;   /* NULL: libcurl's *_proxy environment variables */
	const char *ca_file; /* NULL: CURL_CA_BUNDLE / SSL_CERT_FILE, else system */
	bool tls_verify;
	size_t max_body;
	/* The secrets this request carries: copied at submit, and applied to
	 * the answer's body, headers and error text when the transfer ends,
	 * before anyone reads them.  NULL: nothing masked. */
	const struct topc_mask *mask;
};

struct topc_http_response {
	bool complete; /* an HTTP answer arrived whole */
	long status;   /* HTTP status, 0 when none */
	struct topc_buf body;
	size_t body_seen; /* bytes received, even past the cap */
	bool too_large;
	bool cancelled;
	char date[64];		 /* the Date header, "" when absent */
	struct topc_buf headers; /* the last header block as received, for topc send -v */
	int64_t latency_ms;
	char error[256];      /* why it is not complete, English (kept in the history) */
	char error_text[512]; /* the same in the reader's language */
};

struct topc_transport;
struct topc_transfer;

/* libcurl's global start, once per process and thread-safe; every user of
 * libcurl (this file, urlcode.c, the gateway) calls it before its first
 * libcurl call.  False, with err, when libcurl cannot start. */
bool topc_http_init(struct topc_error *err);

struct topc_transport *topc_transport_new(struct topc_error *err);
/* Cancels and frees every transfer still running. */
void topc_transport_free(struct topc_transport *t);

/* Starts a transfer; the request's strings are copied. */
enum topc_status topc_transport_submit(struct topc_transport *t,
				       const struct topc_http_request *req, void *userdata,
				       struct topc_transfer **out, struct topc_error *err);

/*
 * Waits up to timeout_ms for network activity or for one of the caller's
 * descriptors (extra_fds, n of them) to become readable.  Returns the number
 * of the caller's descriptors that are readable.
 */
int topc_transport_wait(struct topc_transport *t, const int *extra_fds, size_t n, int timeout_ms);

/* Moves transfers forward; returns how many are still running. */
int topc_transport_step(struct topc_transport *t);

/* A finished (or cancelled) transfer, or NULL. */
struct topc_transfer *topc_transport_next_done(struct topc_transport *t);

/* Ends a running transfer as cancelled (it joins the done list, its
 * response marked cancelled).  A transfer that has ended already, its
 * answer in the done list or taken from it, is left as it is: false. */
bool topc_transport_cancel(struct topc_transport *t, struct topc_transfer *x);

const struct topc_http_response *topc_transfer_response(const struct topc_transfer *x);
void *topc_transfer_userdata(const struct topc_transfer *x);
void topc_transfer_free(struct topc_transfer *x);

/* Convenience for one-shot callers (the command line): submit and wait
 * until done.  Returns the finished transfer. */
struct topc_transfer *topc_transport_run(struct topc_transport *t,
					 const struct topc_http_request *req,
					 struct topc_error *err);

#endif
