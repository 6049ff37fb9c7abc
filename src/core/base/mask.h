/*
 * mask.h - keeping known secrets out of text that came from outside, and
 * passwords out of URLs that are shown.
 *
 * A topc_mask is a set of fingerprints of secret values (the app secret, the
 * session key, a proxy's password), each with the label that replaces it
 * ("<secret>", "<session>").  It holds no secret itself: a value is kept as
 * its length and two 64-bit hashes, so a mask may be copied, kept for the
 * whole life of a transfer and freed without wiping.  topc_mask_add_secret
 * adds the value in every spelling an answer could carry it in (raw,
 * form-encoded, JSON-escaped, XML-escaped), and topc_mask_add_basic the
 * "user:password" pair as HTTP Basic authentication sends it.
 *
 * topc_mask_apply is the one place an answer is masked: the transport calls
 * it on every finished transfer (body, headers, error text) before anyone
 * reads it, so the history, every printer, the console and the exports only
 * ever see the labels.  Values shorter than TOPC_MASK_MIN bytes are not
 * masked (they would match ordinary text).
 */
#ifndef TOPC_MASK_H
#define TOPC_MASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"

#define TOPC_MASK_MIN 4
#define TOPC_MASK_MAX 64

struct topc_mask_print {
	size_t len;
	uint64_t roll, check; /* two hashes of the whole value */
	uint16_t head;	      /* 16 bits of the hash of its first TOPC_MASK_MIN bytes */
	const char *label;    /* a static string */
};

struct topc_mask {
	size_t count;
	struct topc_mask_print prints[TOPC_MASK_MAX];
};

void topc_mask_init(struct topc_mask *m);

/* Adds value (a C string) in its every spelling; false when the mask is
 * full (the spellings that fit are kept).  label must be static. */
bool topc_mask_add_secret(struct topc_mask *m, const char *value, const char *label);
/* Adds base64("user:password"), as Authorization and Proxy-Authorization
 * carry it, and the password itself. */
bool topc_mask_add_basic(struct topc_mask *m, const char *user, size_t user_len,
			 const char *password, size_t password_len, const char *label);
/* The password of a URL's userinfo (and the Basic form of the pair), when
 * the URL has one. */
bool topc_mask_add_url(struct topc_mask *m, const char *url, const char *label);

/* Replaces every occurrence of a masked value in text by its label, the
 * leftmost longest first.  Out of memory (or past text's cap): text is left
 * empty and failed, never half masked. */
TOPC_MUST_CHECK enum topc_status topc_mask_apply(const struct topc_mask *m, struct topc_buf *text);
/* The same on a NUL-terminated string in a fixed array of size bytes; a
 * masked text that would not fit is cut at a character boundary of the
 * masked text (it only gets shorter than the original in practice). */
void topc_mask_apply_str(const struct topc_mask *m, char *s, size_t size);

/* The URL as it may be shown: the password of its userinfo replaced by ***
 * ("http://user:***@host/path").  A URL without one, or text that is not a
 * URL, comes back as it is.  A scheme is optional (proxies may be written
 * "user:pw@host:3128").  The caller frees it; NULL when out of memory. */
char *topc_mask_url(const char *url);

#endif
