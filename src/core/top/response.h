/*
 * response.h - an HTTP answer read as TOP's: JSON or XML, success, API
 * error or business failure (TOP_PROTOCOL.md 4).
 *
 * The one place that chooses between JSON and XML: the body's own first
 * byte when it is clear, else the format the request asked for.  Both are
 * read through the adapters' trees (ext/json.h, ext/xmltree.h), so the
 * rules for code, msg, request_id and the success flags are written here
 * once for each format.
 */
#ifndef TOPC_RESPONSE_H
#define TOPC_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>

#include "top/outcome.h"

/* Classifies an answer into out.  body need not be NUL-terminated.
 * `simplify` says the request asked for simplify=true (the JSON root is then
 * the result itself); `format` is what was asked for. */
void topc_response_classify(const char *body, size_t len, long http_status, enum topc_format format,
			    bool simplify, struct topc_outcome *out);

/* The success wrapper name TOP uses for a method (TOP_PROTOCOL.md 4.1):
 * drop a leading "taobao.", dots to underscores, append "_response".  The
 * caller frees it; NULL when out of memory. */
char *topc_response_wrapper_name(const char *method);

#endif
