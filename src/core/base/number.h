/*
 * number.h - whole numbers from text, strictly: an optional '-', then
 * decimal digits and nothing else (no spaces, no '+', no trailing text),
 * within [min, max].  strtoll alone takes "42abc" as 42 and clamps
 * overflows silently; every number read from a user or a peer goes
 * through here instead.
 */
#ifndef TOPC_NUMBER_H
#define TOPC_NUMBER_H

#include <stdbool.h>

/* True and *out set when text is such a number within [min, max]; false
 * (and *out untouched) otherwise. */
bool topc_number_parse(const char *text, long long min, long long max, long long *out);

#endif
