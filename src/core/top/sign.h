/*
 * sign.h - TOP request signatures, exactly as the gateway checks them
 * (TOP_PROTOCOL.md 3.1).
 *
 * The canonical string S is every parameter except `sign` and except those
 * with an empty value, sorted by name in byte order, written name then value
 * with no separators, raw UTF-8.  Then:
 *   md5          MD5(secret + S + secret)
 *   hmac         HMAC-MD5(key = secret, S)
 *   hmac-sha256  HMAC-SHA256(key = secret, S)
 * and the digest is written as upper-case hex.
 */
#ifndef TOPC_SIGN_H
#define TOPC_SIGN_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/params.h"

#define TOPC_SIGN_HEX_MAX 65 /* 64 hex digits for hmac-sha256 + NUL */

/* X(enum suffix, wire name) */
#define TOPC_SIGN_METHOD_TABLE(X)                                                                  \
	X(MD5, "md5")                                                                              \
	X(HMAC, "hmac")                                                                            \
	X(HMAC_SHA256, "hmac-sha256")

enum topc_sign_method {
#define TOPC_X(id, wire) TOPC_SIGN_##id,
	TOPC_SIGN_METHOD_TABLE(TOPC_X)
#undef TOPC_X
};

const char *topc_sign_method_name(enum topc_sign_method m);
/* Parses a wire name ("md5", "hmac", "hmac-sha256"); false when unknown. */
bool topc_sign_method_parse(const char *name, enum topc_sign_method *m);

/* Appends S (see above) to out. */
TOPC_MUST_CHECK enum topc_status topc_sign_canonical(const struct topc_params *params,
						     struct topc_buf *out);

/*
 * Computes the signature of params with secret into hex (upper case).
 * The secret is only used as key material, never copied anywhere.
 */
enum topc_status topc_sign_compute(enum topc_sign_method method, const char *secret,
				   const struct topc_params *params, char hex[TOPC_SIGN_HEX_MAX],
				   struct topc_error *err);

/*
 * The text that is actually digested, for display: S itself for the hmac
 * methods, and "<secret>" + S + "<secret>" for md5, with the secret replaced
 * by the placeholder so it can be shown on a screen or in a ticket.
 */
TOPC_MUST_CHECK enum topc_status topc_sign_display(enum topc_sign_method method,
						   const struct topc_params *params,
						   struct topc_buf *out);

#endif
