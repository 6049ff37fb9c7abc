/*
 * gateway_fault.h - the local gateway's fault modes (topc gateway --fault
 * MODE[:ARG]): the gateway misbehaving on purpose, so that clients can be
 * tried against a slow, broken or refusing TOP.  No HTTP here: gateway.c
 * serves what this module decides.
 *
 * Each mode is of one kind, which says where gateway.c applies it:
 *   TOPC_FAULT_KIND_NONE     none: the router answers.
 *   TOPC_FAULT_KIND_WAIT     delay: topc_fault_wait sleeps ARG ms before the
 *                            request is read; then the router answers.
 *   TOPC_FAULT_KIND_VERDICT  isp, ratelimit: the router checks the request
 *                            (an accepted one still reaches the inbox), then
 *                            topc_fault_verdict turns its acceptance into
 *                            an API error; a refusal stays as it was.
 *   TOPC_FAULT_KIND_ANSWER   http500, malformed, truncated, drop, huge,
 *                            drip: the router never sees the request (no
 *                            check, no inbox line); topc_fault_answer_new
 *                            makes the whole answer instead.
 * The mode's ARG is given with every call; a mode without one ignores it.
 */
#ifndef TOPC_GATEWAY_FAULT_H
#define TOPC_GATEWAY_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/error.h"

/* X(id, name, kind, default argument, what it does) */
#define TOPC_FAULT_TABLE(X)                                                                        \
	X(NONE, "none", NONE, 0, "answer normally")                                                \
	X(DELAY, "delay", WAIT, 2000, "wait ARG ms, then answer normally")                         \
	X(HTTP500, "http500", ANSWER, 0, "HTTP 500 with an HTML body")                             \
	X(MALFORMED, "malformed", ANSWER, 0, "HTTP 200 with a body that is not JSON or XML")       \
	X(TRUNCATED, "truncated", ANSWER, 0, "a complete HTTP answer whose body is cut in half")   \
	X(DROP, "drop", ANSWER, 0, "close the connection in the middle of the body")               \
	X(HUGE, "huge", ANSWER, 20971520, "a valid answer of ARG bytes")                           \
	X(DRIP, "drip", ANSWER, 200, "send the answer one byte every ARG ms")                      \
	X(ISP, "isp", VERDICT, 0, "error 15 with sub_code isp.top-remote-service-unavailable")     \
	X(RATELIMIT, "ratelimit", VERDICT, 1,                                                      \
	  "error 7, App Call Limited, banned for ARG more seconds")

enum topc_fault {
#define TOPC_X(id, name, kind, arg, desc) TOPC_FAULT_##id,
	TOPC_FAULT_TABLE(TOPC_X)
#undef TOPC_X
};

enum topc_fault_kind {
	TOPC_FAULT_KIND_NONE,
	TOPC_FAULT_KIND_WAIT,
	TOPC_FAULT_KIND_VERDICT,
	TOPC_FAULT_KIND_ANSWER,
};

/* Parses "MODE" or "MODE:ARG" (ARG a whole number from 0 to 2^31); false
 * when the mode is unknown or ARG is not such a number. */
bool topc_fault_parse(const char *text, enum topc_fault *fault, long *arg);
const char *topc_fault_name(enum topc_fault f);
const char *topc_fault_description(enum topc_fault f);
long topc_fault_default_arg(enum topc_fault f);
enum topc_fault_kind topc_fault_kind(enum topc_fault f);

/* WAIT: sleeps ARG ms and returns them, the time the answer takes on
 * purpose; any other mode returns 0 at once. */
int64_t topc_fault_wait(enum topc_fault f, long arg);

struct topc_gateway_verdict;
/* VERDICT: an accepted verdict (code 0) becomes the mode's API error (15
 * isp.top-remote-service-unavailable; 7 accesscontrol.limited-by-app-
 * access-count, banned for ARG more seconds, at least 1).  A refusal, and
 * any other mode, leave v as it is. */
void topc_fault_verdict(enum topc_fault f, long arg, struct topc_gateway_verdict *v);

/* ANSWER: what is sent instead of the router's answer.  The body is made
 * whole first (data, len), from the method's success envelope in JSON for
 * the request (request_id): http500 an HTML page with status 500;
 * malformed a body that is not JSON; truncated the first half of the
 * envelope; drop and drip the envelope whole; huge the head of an envelope
 * whose padding member, filled with 'x', makes it ARG bytes (at least len).
 * A streamed answer is sent by topc_fault_answer_read, the others as
 * data[0..len) at once. */
struct topc_fault_answer {
	unsigned status;	  /* HTTP status: 200, or 500 for http500 */
	const char *content_type; /* static */
	char *data;		  /* owned */
	size_t len;
	bool streamed;	  /* drop, huge, drip */
	size_t size;	  /* streamed: the bytes announced (Content-Length) */
	size_t cut;	  /* drop: the connection fails once this many are sent; else 0 */
	long drip_ms;	  /* drip: the pause before each byte (ARG, at least 1); else 0 */
	int64_t allow_ms; /* what the answer takes on purpose (drip: len * drip_ms) */
};

/* NULL when out of memory (no answer rather than a cut one); method NULL
 * is answered as "topc.unknown".  Free with topc_fault_answer_free. */
struct topc_fault_answer *topc_fault_answer_new(enum topc_fault f, long arg, const char *method,
						const char *request_id);
void topc_fault_answer_free(struct topc_fault_answer *a);

#define TOPC_FAULT_READ_END ((ssize_t)-1)  /* the answer is whole */
#define TOPC_FAULT_READ_FAIL ((ssize_t)-2) /* drop: fail the connection now */
/* The streamed answer's bytes from pos on, at most max of them, into buf:
 * their count, or one of the two above.  Drip sleeps drip_ms and gives one
 * byte per call.  Safe from any one thread at a time. */
ssize_t topc_fault_answer_read(const struct topc_fault_answer *a, uint64_t pos, char *buf,
			       size_t max);

#endif
