/*
 * gateway_check.h - the local gateway's router, without a server: its
 * configuration (apps, methods, the fault mode: gateway_fault.h), the
 * checks in the router's order (method, format, app key, timestamp,
 * version, sign method, signature, the form), and the answer body for a
 * verdict in TOP's JSON or XML envelopes.
 */
#ifndef TOPC_GATEWAY_CHECK_H
#define TOPC_GATEWAY_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/params.h"
#include "form/form_store.h"
#include "gateway/gateway_fault.h"
#include "top/outcome.h"

struct topc_gateway_lazy;

struct topc_gateway_app {
	char *app_key;
	char *secret;	    /* given; NULL for an app read from a profile */
	char *profile_path; /* the profile whose secret signs, read when first needed */
	struct topc_gateway_lazy *lazy;
};

struct topc_gateway_config {
	char *host;	  /* "127.0.0.1" unless set */
	unsigned port;	  /* 0: an ephemeral port */
	char *inbox_path; /* NULL: no inbox */
	enum topc_fault fault;
	long fault_arg;
	struct topc_gateway_app *apps;
	size_t napps;
	char **methods; /* known methods; NULL: any well-formed name */
	size_t nmethods;
	int64_t max_skew_s; /* 600 */
	/* A request (headers and body) must arrive whole within this many ms of
	 * the connection, or of its previous answer; 0: 15000. */
	long deadline_ms;
	/* Forms to answer like the real APIs: 40 for a missing required field,
	 * 41 for an invalid one, the page's example response when all is well.
	 * Borrowed: must outlive the gateway.  NULL: no business checks. */
	const struct topc_form_store *forms;
	/* Refuse what the forms read from the pages' prose too (ranges in a
	 * description, cross-field rules, UUIDs, time windows).  TOP checks only
	 * the formal rules, so by default those pass. */
	bool strict;
};

void topc_gateway_config_init(struct topc_gateway_config *c);
void topc_gateway_config_release(struct topc_gateway_config *c);
/* Adds an app (copies both strings; the secret is wiped at release).  A key
 * already known keeps its first secret and false is returned. */
bool topc_gateway_config_add_app(struct topc_gateway_config *c, const char *app_key,
				 const char *secret);
/* The same for the app of a profile file: its secret is read the first
 * time a request reaches the signature check (so a slow secret_cmd never
 * holds up the start), then kept until release; a failure to read it is
 * answered 15 (isp.secret-unavailable) and tried again after 10 s. */
bool topc_gateway_config_add_profile_app(struct topc_gateway_config *c, const char *app_key,
					 const char *profile_path);
enum topc_status topc_gateway_config_add_method(struct topc_gateway_config *c, const char *method);

/* The router's verdict on one request. */
struct topc_gateway_verdict {
	int code; /* 0: accepted */
	char sub_code[96];
	char sub_msg[256];
	enum topc_format format;      /* of the answer */
	bool simplify;		      /* simplify=true with json: no wrapper (4.4) */
	const struct topc_form *form; /* the method's form, if the config has one */
};

void topc_gateway_check(const struct topc_gateway_config *c, const struct topc_params *params,
			int64_t now_s, struct topc_gateway_verdict *v);

/* Appends the answer body for a verdict: error_response, or the method's
 * success wrapper with request_id and, when the verdict has a form, the
 * response fields with the doc page's example values. */
TOPC_MUST_CHECK enum topc_status topc_gateway_render(const struct topc_gateway_verdict *v,
						     const char *method, const char *request_id,
						     struct topc_buf *out);

#endif
