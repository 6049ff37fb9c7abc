/*
 * suggest.h - "did you mean": the nearest of a set of words by edit distance.
 */
#ifndef TOPC_SUGGEST_H
#define TOPC_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance; names longer than 62 bytes count as far apart. */
size_t topc_edit_distance(const char *a, const char *b);

/* The candidate closest to word, or NULL when there are none or the closest
 * is further than max_distance edits away. */
const char *topc_nearest(const char *word, const char *const *candidates, size_t n,
			 size_t max_distance);

#endif
