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
 * This header is for ext/json.c alone: the escapes' helpers the tree reader
 * shares with the scanner.
 */
#ifndef TOPC_JSON_SCAN_H
#define TOPC_JSON_SCAN_H

#include <stdbool.h>

/* c is a hex digit (either case). */
bool topc_json_scan_is_hex(char c);
/* The code point of the four hex digits at h (the caller checked them). */
unsigned topc_json_scan_hex4(const char *h);

#endif
