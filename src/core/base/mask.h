/*
 * mask.h - keeping known secrets out of text that came from outside, and
 * passwords out of URLs that are shown.
 *
 * A topc_mask is a set of fingerprints of secret values (the app secret, the
 * session key, a proxy's password), each with the label that replaces it.
 * It holds no secret itself: a value is kept as its length and two 64-bit
 * hashes, so a mask may be copied, kept for the whole life of a transfer and
 * freed without wiping.  topc_mask_add_secret adds the value as it is and
 * form-encoded (the hex digits of its escapes in any case, mixed too: RFC
 * 3986 2.1), and topc_mask_add_basic the "user:password" pair as HTTP
 * Basic authentication sends it.
 *
 * topc_mask_apply is the one place an answer is masked: the transport calls
 * it on every finished transfer (body, headers, error text) before anyone
 * reads it, so the history, every printer, the console and the exports only
 * ever see the labels.  It reads the text as the answer's parser will: a
 * JSON document (first character { [ or ", or the whole text one number,
 * true, false or null, after a BOM and the bytes up to ' ' the SDK's
 * validator trims) in its strings, with every escape
 * decoded (any character as \uXXXX in either case, surrogate pairs, \/), an
 * XML document (first character <) in its text, attribute values, comments
 * and CDATA, with entities and character references decoded; anything else
 * as plain text.  A match is replaced whole (never half an escape) and only
 * inside one string or text, by a label with no quote, backslash, < > or &
 * (TOPC_MASK_SECRET, TOPC_MASK_SESSION, TOPC_MASK_PASSWORD), so a masked
 * answer parses exactly as the unmasked one did: the same keys, tags, codes.
 * A value that appears only as the document's own syntax (a JSON number, a
 * tag's name) is no echo and stays.  Values shorter than TOPC_MASK_MIN bytes
 * are not masked at all: they cannot be told from ordinary text (TOP's
 * secrets are 32 characters, session keys longer); `profiles check` warns
 * about such a secret or session key.
 *
 * These labels are for what came back.  What topc shows of what it sends
 * (send --dry-run, the history's sent parameters, the sign view, the local
 * gateway's inbox) writes the session key as "<session>" and the secret as
 * "<secret>" (topc_request_mask, topc_sign_display): that is topc's own
 * display, never parsed as an answer, and replay and sign recognise it.
 */
#ifndef TOPC_MASK_H
#define TOPC_MASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"

/* Shorter values are not masked (and they are no real TOP secret). */
#define TOPC_MASK_MIN 8
#define TOPC_MASK_MAX 64

/* The labels in masked answers: inert in JSON strings, XML and URLs. */
#define TOPC_MASK_SECRET "***secret***"
#define TOPC_MASK_SESSION "***session***"
#define TOPC_MASK_PASSWORD "***"

struct topc_mask_print {
	size_t len;
	uint64_t roll, check; /* two hashes of the whole value */
	uint64_t tail;	      /* its last TOPC_MASK_MIN bytes, the first in the top bits */
	uint64_t tail_fold;   /* 0x20 in the bytes of tail that are an escape's hex
				 letter, kept upper case: either case matches */
	bool fold;	      /* a percent-encoding: its escapes' hex digits in any case */
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
 * leftmost longest first (overlapping ones as one), as the header says.
 * Out of memory: text is left empty and failed, never half masked. */
TOPC_MUST_CHECK enum topc_status topc_mask_apply(const struct topc_mask *m, struct topc_buf *text);
/* The label of a masked value that plain text holds (a parameter about
 * to be sent), or NULL. */
const char *topc_mask_holds(const struct topc_mask *m, const char *text);

/* The same as topc_mask_apply on a NUL-terminated string in a fixed array of size bytes; a
 * masked text that would not fit is cut at a character boundary of the
 * masked text (it only gets shorter than the original in practice). */
void topc_mask_apply_str(const struct topc_mask *m, char *s, size_t size);

/* The URL as it may be shown: the password of its userinfo replaced by ***
 * ("http://user:***@host/path").  A URL without one, or text that is not a
 * URL, comes back as it is.  A scheme is optional (proxies may be written
 * "user:pw@host:3128").  The caller frees it; NULL when out of memory. */
char *topc_mask_url(const char *url);

#endif
