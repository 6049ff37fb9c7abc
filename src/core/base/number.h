/*
 * number.h - numbers read from text, strictly.
 *
 * topc_number_parse reads a whole number: an optional '-', then decimal
 * digits and nothing else (no spaces, no '+', no trailing text), within
 * [min, max].  strtoll alone takes "42abc" as 42 and clamps overflows
 * silently; every number read from a user or a peer goes through here
 * instead.
 *
 * topc_number_hex_digit is the one reading of a hex digit (\uXXXX, %XX,
 * &#xNN;).
 *
 * topc_number_json is the one place JSON's number grammar is written
 * (RFC 8259 section 6: [ minus ] int [ frac ] [ exp ], int being 0 or a
 * digit 1-9 and more digits, frac '.' and digits, exp e or E, an optional
 * sign and digits).  Every JSON reader in topc (the strict scanner behind
 * topc_json_check, the form layer's exact reader, the mask's test of a bare
 * scalar) uses it, so they agree on what a number is.
 */
#ifndef TOPC_NUMBER_H
#define TOPC_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* True and *out set when text is such a number within [min, max]; false
 * (and *out untouched) otherwise. */
bool topc_number_parse(const char *text, long long min, long long max, long long *out);

/* A hex digit's value (0-9, a-f, A-F: 0 to 15), or -1.  Inline: the mask
 * and the JSON readers call it for every digit of every escape. */
static inline int topc_number_hex_digit(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* Whether s[0, n) begins with a JSON number.  *end is set either way: on
 * true to the byte after the number (the longest prefix that is one: "01"
 * is the number "0" followed by "1", which the caller's grammar refuses),
 * on false to the byte where a digit is missing ("1." and "-" stop at their
 * end, ".5" and "+1" at 0, "1e+x" at the x).  s need not be NUL-terminated. */
bool topc_number_json(const char *s, size_t n, size_t *end);

#endif
