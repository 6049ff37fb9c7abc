/*
 * response.h - an HTTP answer read as TOP's: JSON or XML, success, API
 * error or business failure (TOP_PROTOCOL.md 4).
 *
 * The one place that chooses between JSON and XML: the body's own first
 * byte when it is clear, else the format the request asked for.  Both are
 * read through the adapters' trees (ext/json.h, ext/xml.h) into the same
 * leaves (the result's scalar fields as dotted paths), so the rules for a
 * business failure are written once for both formats.
 */
#ifndef TOPC_RESPONSE_H
#define TOPC_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/params.h"
#include "form/form.h"
#include "top/outcome.h"

/*
 * Classifies an HTTP answer.  body need not be NUL-terminated.  `simplify`
 * says the request asked for simplify=true; the JSON shape is read from the
 * body either way (TOP_PROTOCOL.md 4.4: a root with one "x_response" object
 * is wrapped, any other root is the result itself), so request_id and the
 * result are found in both.
 *
 * A business failure inside a success answer is decided by the form's
 * `success` rules when form (may be NULL) has them, else by a general rule:
 * a success or is_success field that is false, or an *err_code, *error_code
 * or state_code field holding something other than "", 0, 200, SUCCESS or OK
 * with no success flag beside it that is true.
 */
void topc_response_classify(const char *body, size_t len, long http_status, enum topc_format format,
			    bool simplify, const struct topc_form *form, struct topc_outcome *out);

/* True when body looks cut short: JSON with an unclosed string, object or
 * array at its end, XML that does not end with '>'. */
bool topc_response_truncated(const char *body, size_t len);

/* The success wrapper name TOP uses for a method (TOP_PROTOCOL.md 4.1):
 * drop a leading "taobao.", dots to underscores, append "_response".  The
 * caller frees it; NULL when out of memory. */
char *topc_response_wrapper_name(const char *method);

#endif
