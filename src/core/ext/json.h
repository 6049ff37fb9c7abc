/*
 * json.h - the cJSON adapter: what the core needs from JSON beyond response
 * classification (which lives behind topc_json_classify in outcome.h).
 *
 * Front ends that build whole documents for output (the --json outcome, the
 * gateway's envelopes) use cJSON directly; the core's own JSON handling goes
 * through here.
 */
#ifndef TOPC_JSON_H
#define TOPC_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* True when text is one complete JSON value.  On failure, *err_offset (when
 * not NULL) is the byte offset where parsing stopped. */
bool topc_json_valid(const char *text, size_t len, size_t *err_offset);

/* Appends text re-indented for reading (two spaces), in one pass without a
 * tree: numbers, escapes and key order stay exactly as received, and the cost
 * is about the text's own size.  TOPC_OK when it was re-indented;
 * TOPC_ERR_PARSE when text is not an object or array with balanced brackets
 * and closed strings, and was appended unchanged; TOPC_ERR_NOMEM when the
 * result passed out's cap (or memory ran out): out has then failed and holds
 * nothing (base/buf.h), so show the text as received instead. */
TOPC_MUST_CHECK enum topc_status topc_json_pretty(const char *text, size_t len,
						  struct topc_buf *out);

/* Calls fn for every leaf of a JSON document in document order: path names
 * its place (a.b[0].c; the root is ""), value is the leaf as compact JSON
 * ("text" quoted, 12, true, null, {} and [] for empty ones).  fn returns
 * false to stop.  TOPC_ERR_PARSE when text is not JSON. */
typedef bool (*topc_json_leaf_fn)(const char *path, const char *value, void *ctx);
TOPC_MUST_CHECK enum topc_status topc_json_leaves(const char *text, size_t len,
						  topc_json_leaf_fn fn, void *ctx);

/* Appends s as a JSON string literal (quotes included). */
TOPC_MUST_CHECK enum topc_status topc_json_quote(struct topc_buf *out, const char *s);

#endif
