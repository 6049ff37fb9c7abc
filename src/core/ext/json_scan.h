/*
 * json_scan.h - the strict JSON scanner behind topc_json_check,
 * topc_json_valid, topc_json_numbers, topc_json_leaves and the outlines
 * (topc_json_outline_*; declared in json.h, which is their contract), kept
 * apart from the cJSON trees.
 *
 * One pass over the text as RFC 8259 writes JSON, with the two liberties of
 * the SDK's JSONValidator: raw control characters inside a string, and bytes
 * up to ' ' around the text taken as white space.  It builds nothing (an
 * outline only records where the members are); it says
 * where the text stops being JSON and what was expected there, and hands each
 * scalar's literal text to a visitor (numbers keep the digits they were
 * written with).  Nesting deeper than 1000 levels is refused, as cJSON
 * refuses it, so a text the scanner takes is one cJSON can read.
 *
 * This header holds what the scanner shares with the other JSON readers
 * (ext/json.c's tree reader, form/form_json.c's exact one).  The pieces of
 * the grammar every reader uses are in base: a number (base/number.h,
 * topc_number_json), a \u escape and its surrogate pair (base/utf8.h,
 * topc_utf8_json_escape).  form_json.c reads RFC 8259 to the letter (no raw
 * control character in a string, no \u0000, no lone surrogate); the scanner
 * takes what the SDK's JSONValidator takes.
 */
#ifndef TOPC_JSON_SCAN_H
#define TOPC_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Where the run of plain string bytes from i ends: the first byte at or
 * after i that is a '"', a '\\' or (with controls) a byte below ' ', or
 * len (i itself when i >= len).  For every reader's long strings. */
size_t topc_json_scan_run(const char *s, size_t i, size_t len, bool controls);
/* Appends code point cp (below U+110000, not a surrogate) as UTF-8. */
TOPC_MUST_CHECK enum topc_status topc_json_scan_add_utf8(struct topc_buf *out, unsigned long cp);
/* Appends s[0..n) as a JSON string literal, escaped as cJSON escapes (\"
 * \\ \b \f \n \r \t, other control characters \u00xx, the rest as is); a
 * NUL byte is \u0000, never the end of the text. */
TOPC_MUST_CHECK enum topc_status topc_json_scan_quote(struct topc_buf *out, const char *s,
						      size_t n);

#endif
