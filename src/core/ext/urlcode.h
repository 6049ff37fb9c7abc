/*
 * urlcode.h - application/x-www-form-urlencoded bodies, via libcurl's escape
 * functions (percent-encoding of the UTF-8 bytes; only A-Z a-z 0-9 - . _ ~
 * stay literal).
 */
#ifndef TOPC_URLCODE_H
#define TOPC_URLCODE_H

#include "base/buf.h"
#include "base/error.h"
#include "base/params.h"

/* Appends name=value pairs joined by '&', skipping empty values. */
TOPC_MUST_CHECK enum topc_status topc_url_form_encode(const struct topc_params *params,
						      struct topc_buf *out, struct topc_error *err);

/*
 * Parses a form body ("a=1&b=%E4%B8%AD", '+' meaning space) into params,
 * adding to what is there.  A pair without '=' is an error naming it, and
 * so is one whose name or value decodes to a NUL byte (%00), which a C
 * string would silently cut short.
 */
enum topc_status topc_url_form_decode(const char *body, size_t len, struct topc_params *params,
				      struct topc_error *err);

/* Decodes s[0..len) ('+' as space, %XX as its byte) into a fresh
 * NUL-terminated heap string of *outlen bytes, which may hold NUL bytes of
 * its own; NULL when out of memory. */
char *topc_url_unescape(const char *s, size_t len, size_t *outlen);

/* Splits an http(s) URL into "host[:port]" and "/path?query" for display
 * (dry runs).  Both are heap strings for the caller. */
enum topc_status topc_url_split(const char *url, char **host, char **path, struct topc_error *err);

#endif
