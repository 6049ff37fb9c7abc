/* The local gateway's fault modes: the table, and the answers, verdicts and
 * waits they put in place of the router's.  No HTTP here; gateway.c serves
 * them. */
#include "gateway/gateway_fault.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/number.h"
#include "gateway/gateway_check.h"
#include "top/response.h"

struct fault_info {
	const char *name;
	enum topc_fault_kind kind;
	long arg;
	const char *desc;
};

static const struct fault_info faults[] = {
#define TOPC_X(id, name, kind, arg, desc) {name, TOPC_FAULT_KIND_##kind, arg, desc},
    TOPC_FAULT_TABLE(TOPC_X)
#undef TOPC_X
};

#define FAULT_COUNT (sizeof(faults) / sizeof(faults[0]))

/* f's row; an unknown f reads as a mode named "?" that does nothing */
static const struct fault_info *info(enum topc_fault f)
{
	static const struct fault_info unknown = {"?", TOPC_FAULT_KIND_NONE, 0, "?"};

	return (size_t)f < FAULT_COUNT ? &faults[f] : &unknown;
}

bool topc_fault_parse(const char *text, enum topc_fault *fault, long *arg)
{
	const char *colon = strchr(text, ':');
	size_t len = colon ? (size_t)(colon - text) : strlen(text);

	for (size_t i = 0; i < FAULT_COUNT; i++) {
		if (strlen(faults[i].name) != len || strncmp(text, faults[i].name, len) != 0)
			continue;
		*fault = (enum topc_fault)i;
		*arg = faults[i].arg;
		if (colon) {
			long long v = 0;
			if (!topc_number_parse(colon + 1, 0, 1LL << 31, &v))
				return false;
			*arg = (long)v;
		}
		return true;
	}
	return false;
}

const char *topc_fault_name(enum topc_fault f)
{
	return info(f)->name;
}

const char *topc_fault_description(enum topc_fault f)
{
	return info(f)->desc;
}

long topc_fault_default_arg(enum topc_fault f)
{
	return info(f)->arg;
}

enum topc_fault_kind topc_fault_kind(enum topc_fault f)
{
	return info(f)->kind;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

int64_t topc_fault_wait(enum topc_fault f, long arg)
{
	if (topc_fault_kind(f) != TOPC_FAULT_KIND_WAIT)
		return 0;
	sleep_ms(arg);
	return arg;
}

void topc_fault_verdict(enum topc_fault f, long arg, struct topc_gateway_verdict *v)
{
	if (v->code)
		return;
	if (f == TOPC_FAULT_ISP) {
		v->code = 15;
		snprintf(v->sub_code, sizeof(v->sub_code), "isp.top-remote-service-unavailable");
		snprintf(v->sub_msg, sizeof(v->sub_msg), "服务暂不可用");
	} else if (f == TOPC_FAULT_RATELIMIT) {
		v->code = 7;
		snprintf(v->sub_code, sizeof(v->sub_code),
			 "accesscontrol.limited-by-app-access-count");
		snprintf(v->sub_msg, sizeof(v->sub_msg), "This ban will last for %ld more seconds",
			 arg > 0 ? arg : 1);
	}
}

/* The body of an ANSWER fault, whole. */
static enum topc_status answer_body(enum topc_fault f, const char *method, const char *request_id,
				    struct topc_buf *body)
{
	const struct topc_gateway_verdict accepted = {.code = 0, .format = TOPC_FORMAT_JSON};
	char *wrapper = topc_response_wrapper_name(method);
	enum topc_status st;

	switch (f) {
	case TOPC_FAULT_HTTP500:
		st = topc_buf_adds(body,
				   "<html><head><title>500 Internal Server Error</title></head>"
				   "<body><h1>500 Internal Server Error</h1></body></html>\n");
		break;
	case TOPC_FAULT_MALFORMED:
		st = wrapper ? topc_buf_addf(body, "{\"%s\":{\"result\":tru,,}", wrapper)
			     : TOPC_ERR_NOMEM;
		break;
	case TOPC_FAULT_TRUNCATED:
		st = topc_gateway_render(&accepted, method, request_id, body);
		if (st == TOPC_OK) {
			body->len /= 2;
			body->data[body->len] = '\0';
		}
		break;
	case TOPC_FAULT_HUGE:
		st = wrapper
			 ? topc_buf_addf(body, "{\"%s\":{\"request_id\":\"%s\",\"padding\":\"\"}}",
					 wrapper, request_id)
			 : TOPC_ERR_NOMEM;
		break;
	default: /* DROP and DRIP: a normal answer, delivered badly */
		st = topc_gateway_render(&accepted, method, request_id, body);
		break;
	}
	free(wrapper);
	return st;
}

struct topc_fault_answer *topc_fault_answer_new(enum topc_fault f, long arg, const char *method,
						const char *request_id)
{
	struct topc_fault_answer *a = calloc(1, sizeof(*a));
	struct topc_buf body;

	if (!a)
		return NULL;
	topc_buf_init(&body, 0);
	if (answer_body(f, method ? method : "topc.unknown", request_id, &body) != TOPC_OK ||
	    !(a->data = topc_buf_detach(&body, &a->len))) {
		topc_buf_release(&body);
		free(a);
		return NULL; /* no answer rather than a cut one */
	}
	a->status = f == TOPC_FAULT_HTTP500 ? 500 : 200;
	a->content_type =
	    a->status == 200 ? "application/json;charset=UTF-8" : "text/html;charset=UTF-8";
	a->streamed = f == TOPC_FAULT_DROP || f == TOPC_FAULT_DRIP || f == TOPC_FAULT_HUGE;
	a->size = a->len;
	if (f == TOPC_FAULT_DROP)
		a->cut = a->len / 2;
	else if (f == TOPC_FAULT_DRIP) {
		a->drip_ms = arg > 0 ? arg : 1;
		a->allow_ms = (int64_t)a->len * a->drip_ms;
	} else if (f == TOPC_FAULT_HUGE && (size_t)arg > a->len)
		a->size = (size_t)arg;
	return a;
}

void topc_fault_answer_free(struct topc_fault_answer *a)
{
	if (!a)
		return;
	free(a->data);
	free(a);
}

ssize_t topc_fault_answer_read(const struct topc_fault_answer *a, uint64_t pos, char *buf,
			       size_t max)
{
	size_t total = a->size;
	bool padded = a->size > a->len;

	if (a->cut && pos >= a->cut)
		return TOPC_FAULT_READ_FAIL;
	if (pos >= total)
		return TOPC_FAULT_READ_END;
	if (a->drip_ms) {
		sleep_ms(a->drip_ms);
		max = 1;
	}
	if (a->cut && pos + max > a->cut)
		max = a->cut - (size_t)pos;
	if (pos + max > total)
		max = total - (size_t)pos;
	for (size_t i = 0; i < max; i++) {
		size_t at = (size_t)pos + i;
		/* HUGE: the head, then padding, then the tail of a valid JSON.
		 * The padding at once: byte by byte it cost the gateway 150 ms of
		 * CPU per 40 MB answer, beside the console that reads it */
		if (!padded || at < a->len - 3) {
			buf[i] = a->data[at < a->len ? at : 0];
		} else if (at >= total - 3) {
			buf[i] = a->data[a->len - (total - at)];
		} else {
			size_t n = total - 3 - at < max - i ? total - 3 - at : max - i;
			memset(buf + i, 'x', n);
			i += n - 1;
		}
	}
	return (ssize_t)max;
}
