/*
 * client.h - one profile's sending machinery: the transport, and the
 * in-process gateway when the profile says gateway = "builtin".
 *
 * Call order: topc_client_init (starts the builtin gateway if needed),
 * topc_client_build for each request, then either topc_client_send (blocks;
 * for the command line) or topc_client_http + the transport's own loop
 * (for the console), topc_client_classify, and topc_client_release.
 */
#ifndef TOPC_CLIENT_H
#define TOPC_CLIENT_H

#include "base/error.h"
#include "form/form_store.h"
#include "gateway/gateway.h"
#include "top/outcome.h"
#include "profile/profile.h"
#include "send/request.h"
#include "ext/transport.h"

struct topc_client {
	const struct topc_profile *profile;	    /* borrowed; must outlive the client */
	struct topc_gateway *builtin;		    /* owned; NULL unless builtin */
	struct topc_form_store forms;		    /* the builtin gateway's forms */
	const struct topc_form_store *shared_forms; /* or these, when the caller has them */
	struct topc_transport *transport;	    /* owned */
	char *url;
	/* -1 (the default), or a descriptor that becomes readable when the user
	 * cancels (the command line's Ctrl-C): topc_client_send then ends the
	 * transfer, or the wait before a retry, with the outcome cancelled. */
	int cancel_fd;
};

/* c must stay where it is until topc_client_release: the builtin gateway
 * keeps a pointer to c->forms. */
enum topc_status topc_client_init(struct topc_client *c, const struct topc_profile *profile,
				  struct topc_error *err);
/* The same, the builtin gateway borrowing forms the caller already loaded
 * (they must outlive the client). */
enum topc_status topc_client_init_with_forms(struct topc_client *c,
					     const struct topc_profile *profile,
					     const struct topc_form_store *forms,
					     struct topc_error *err);
void topc_client_release(struct topc_client *c);

/* Builds and signs a request for method with the given business params,
 * stamped with the current time. */
enum topc_status topc_client_build(struct topc_client *c, const char *method,
				   const struct topc_params *business, struct topc_request *r,
				   struct topc_error *err);

/* The transport request for r; pointers into r and the profile. */
struct topc_http_request topc_client_http(const struct topc_client *c,
					  const struct topc_request *r);

/* Classifies a finished transfer of r into out. */
void topc_client_classify(const struct topc_request *r, const struct topc_http_response *resp,
			  struct topc_outcome *out);

/* True for the answers worth sending again, as codes.h classes them: call
 * limits (7, accesscontrol.*) and the platform's faults (isp.*, 10).  isv.*
 * answers are the caller's fault: never. */
bool topc_client_retryable(const struct topc_outcome *out);

/* A stated ban up to this long is waited out by the retries; a longer one
 * ends them at once, with retries left: out->detail then says so ("not
 * sent again: the ban lasts N more seconds, longer than the 300 seconds a
 * retry waits; send again after it"). */
#define TOPC_CLIENT_BAN_WAIT_MAX_S 300

/* Sends r and waits for the answer; *transfer is the caller's to free with
 * topc_transfer_free (its response holds the body).  A retryable answer is
 * sent again up to the profile's retries, waiting retry_delay and doubling
 * it, or the ban period the answer states when that is longer ("This ban
 * will last for N more seconds"), but never a ban longer than
 * TOPC_CLIENT_BAN_WAIT_MAX_S (see above); out->attempts says how many sends
 * it took. */
enum topc_status topc_client_send(struct topc_client *c, const struct topc_request *r,
				  struct topc_transfer **transfer, struct topc_outcome *out,
				  struct topc_error *err);

#endif
