/*
 * json_scan.h - the strict JSON scanner behind topc_json_check,
 * topc_json_valid, topc_json_numbers and topc_json_leaves (declared in
 * json.h, which is their contract), kept apart from the cJSON trees.
 *
 * One pass over the text as RFC 8259 writes JSON, with the two liberties of
 * the SDK's JSONValidator: raw control characters inside a string, and bytes
 * up to ' ' around the text taken as white space.  It builds nothing; it says
 * where the text stops being JSON and what was expected there, and hands each
 * scalar's literal text to a visitor (numbers keep the digits they were
 * written with).  Nesting deeper than 1000 levels is refused, as cJSON
 * refuses it, so a text the scanner takes is one cJSON can read.
 *
 * This header holds the escapes' helpers the scanner shares with the other
 * JSON readers: ext/json.c's tree reader and form/form_json.c's exact one.
 * (That one reads its own grammar, RFC 8259 to the letter: no raw control
 * character in a string, no \u0000, no lone surrogate; the scanner takes
 * what the SDK's JSONValidator takes.)
 */
#ifndef TOPC_JSON_SCAN_H
#define TOPC_JSON_SCAN_H

#include <stdbool.h>

#include "base/buf.h"

/* c is a hex digit (either case). */
bool topc_json_scan_is_hex(char c);
/* The code point of the four hex digits at h (the caller checked them). */
unsigned topc_json_scan_hex4(const char *h);
/* Appends code point cp (below U+110000, not a surrogate) as UTF-8. */
TOPC_MUST_CHECK enum topc_status topc_json_scan_add_utf8(struct topc_buf *out, unsigned long cp);
/* Appends s[0..n) as a JSON string literal, escaped as cJSON escapes (\"
 * \\ \b \f \n \r \t, other control characters \u00xx, the rest as is); a
 * NUL byte is \u0000, never the end of the text. */
TOPC_MUST_CHECK enum topc_status topc_json_scan_quote(struct topc_buf *out, const char *s,
						      size_t n);

#endif
