/*
 * gateway.h - a local TOP gateway on loopback (libmicrohttpd), for offline
 * use and for tests.
 *
 * It behaves like the TOP router: it reads the parameters from the query and
 * the form body, checks them in the router's order (method, format, app key,
 * timestamp, version, sign method, signature), recomputes the signature from
 * what it received with the app's secret, and answers with TOP's envelopes in
 * json or xml.  Accepted requests are appended to a JSON-lines inbox (the
 * session key masked) so tests can assert what arrived.  Fault modes make it
 * misbehave on purpose.
 *
 * The router's checks and answers (gateway_check.h), the fault modes'
 * answers (gateway_fault.h) and the reading of a request's parameters
 * (gateway_read.h) are the pure parts, usable without a server.  The server runs in its own threads
 * and never touches the caller's state after start returns, except the config it copied.
 */
#ifndef TOPC_GATEWAY_H
#define TOPC_GATEWAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "gateway/gateway_check.h"

struct topc_gateway;

/* Starts serving; copies c.  Fails with a clear message when the port is
 * taken or the host is not a loopback address. */
struct topc_gateway *topc_gateway_start(const struct topc_gateway_config *c,
					struct topc_error *err);
unsigned topc_gateway_port(const struct topc_gateway *g);
/* "http://127.0.0.1:PORT/router/rest"; valid while g lives. */
const char *topc_gateway_url(const struct topc_gateway *g);
/* Requests answered so far. */
unsigned long topc_gateway_served(const struct topc_gateway *g);

/* How it held up under load, for tests and benchmarks. */
struct topc_gateway_stats {
	unsigned long served;
	size_t open, most_open; /* connections now and at most */
	unsigned long late;	/* shut down: request not whole within the deadline */
	unsigned long slow;	/* shut down: answer not taken within the deadline */
	unsigned long evicted;	/* shut down: oldest unfinished one of a crowded gateway */
	unsigned long crowded;	/* answered 503: all bodies together at their cap */
	size_t most_body_bytes; /* at most held by all bodies together */
};
void topc_gateway_get_stats(const struct topc_gateway *g, struct topc_gateway_stats *out);
void topc_gateway_stop(struct topc_gateway *g);

#endif
