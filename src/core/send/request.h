/*
 * request.h - a TOP request: system parameters from the profile, business
 * parameters from the caller, signed, encoded as the form body that goes on
 * the wire (TOP_PROTOCOL.md 2, 3, 1.2).
 *
 * Call order: topc_request_init, topc_request_build, then read params, body
 * and headers (for sending or for a dry run), topc_request_release.
 * The secret is read from the profile's source during build and wiped before
 * build returns; the session key, when the profile has one, is a parameter
 * like any other, so every display goes through topc_request_mask.
 */
#ifndef TOPC_REQUEST_H
#define TOPC_REQUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mask.h"
#include "top/outcome.h"
#include "base/params.h"
#include "profile/profile.h"
#include "top/sign.h"

#define TOPC_CONTENT_TYPE "application/x-www-form-urlencoded;charset=utf-8"
/* The partner_id sent unless the profile sets one (TOP_PROTOCOL.md 2) */
#define TOPC_PARTNER_ID "topc-" TOPC_VERSION
#define TOPC_REQUEST_MAX_HEADERS 8

struct topc_request {
	char *method;
	char *url;		   /* where it goes */
	struct topc_params params; /* everything sent, system first, sign last */
	struct topc_buf body;	   /* form-encoded params */
	enum topc_sign_method sign_method;
	enum topc_format format;
	bool simplify;
	char signature[TOPC_SIGN_HEX_MAX];
	const char *headers[TOPC_REQUEST_MAX_HEADERS]; /* static strings, NULL-terminated */
	/* The method's form, borrowed, set by the caller after building (may
	 * stay NULL): its success rules read the answer. */
	const struct topc_form *form;
	/* The secrets this request carries (app secret, session key, the
	 * passwords of the gateway's and the proxy's URLs), as fingerprints:
	 * topc_client_http hands it to the transport, which masks them in
	 * whatever comes back. */
	struct topc_mask mask;
};

void topc_request_init(struct topc_request *r);
void topc_request_release(struct topc_request *r);

/*
 * Builds and signs.  url is where to send (the profile's gateway, or the
 * address of the builtin one).  A business parameter with a system name
 * overrides the system value (an empty value removes it), except `sign` and
 * `session`, which are refused.  now_ms is the time to stamp.
 */
enum topc_status topc_request_build(struct topc_request *r, const struct topc_profile *profile,
				    const char *url, const char *method,
				    const struct topc_params *business, int64_t now_ms,
				    struct topc_error *err);

/*
 * Until a form types them, a business value that starts like JSON ('{' or
 * '[') must be valid JSON: the error names the parameter and the byte where
 * parsing stopped.  Values are sent as given either way.
 */
enum topc_status topc_request_check_json_like(const struct topc_params *business,
					      struct topc_error *err);

/* Whether a value holds the app secret or the session key, as far as they
 * can be read without running a command (topc_profile_mask_known), or the
 * password of url or of the proxy's URL.  For a send refused before its
 * request was built (the secret unreadable): topc_request_build's own
 * refusal never ran, and such a value must not be recorded. */
bool topc_request_values_hold_secret(const struct topc_profile *profile, const char *url,
				     const struct topc_params *values);

/* Every value must be UTF-8: TOP answers 47 Invalid Encoding otherwise.  The
 * error names the parameter (a field path for a form) and the byte offset
 * of the first bad byte.  (-S values are not checked: they reproduce a
 * partner's request as it was.) */
enum topc_status topc_request_check_utf8(const struct topc_params *values, struct topc_error *err);

/*
 * The one method check of every sender (send, replay, the console), made
 * before anything is signed.  The method that goes out is METHOD, or a
 * method= among given (ngiven lists, the first holding one wins: the
 * override topc_request_build sends instead).  Refused unless any_method:
 * a method that is no TOP API name (topc_method_name_ok: anything else is
 * signed with the session key and sent to a partner's gateway by mistake),
 * and an override naming another API than METHOD (the form, the summary,
 * the history and the exports name METHOD).  *wire (may be NULL) is set to
 * that override, borrowed from given, or NULL when METHOD goes out.
 */
TOPC_MUST_CHECK enum topc_status
topc_request_check_method(const char *method, const struct topc_params *const *given, size_t ngiven,
			  bool any_method, const char **wire, struct topc_error *err);

/* The value as it may be displayed: "<session>" for the session key unless
 * reveal is set. */
const char *topc_request_mask(const char *name, const char *value, bool reveal);

/* Appends the form body as sent, but with the session key masked unless
 * reveal: what any display of the body shows (--dry-run, the console's
 * signature overlay). */
TOPC_MUST_CHECK enum topc_status topc_request_body_shown(const struct topc_request *r, bool reveal,
							 struct topc_buf *out,
							 struct topc_error *err);

/* Appends the exact HTTP request (request line, headers, blank line, body),
 * with the session key masked unless reveal. */
TOPC_MUST_CHECK enum topc_status topc_request_write_http(const struct topc_request *r, bool reveal,
							 struct topc_buf *out,
							 struct topc_error *err);

#endif
