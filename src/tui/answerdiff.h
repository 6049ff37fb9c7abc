/*
 * answerdiff.h - two answers side by side, field by field, without curses:
 * the console's diff view (a replay's answer against the one recorded).
 *
 * The fields come from the core's compare (history/compare.h), the same
 * code and the same ignored fields (request_id, timestamps...) as topc
 * replay --compare, so the view and the command never disagree on what
 * changed.  Each row is one field's path with its value before and now
 * (NULL: absent on that side) and whether it changed.  A narrow terminal
 * shows the rows unified: an equal field one line, a changed one two (the
 * old value, then the new).  The ignored fields are kept apart (ignored,
 * by path, changed when their values differ) so the view can show them as
 * ignored rather than hide them.  Rows are in the order a person reads
 * paths: their numbers by value (a[2] before a[10]).
 */
#ifndef TOPC_TUI_ANSWERDIFF_H
#define TOPC_TUI_ANSWERDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "history/compare.h"

struct answerdiff_row {
	const char *path;
	const char *before, *now; /* compact JSON; NULL: absent */
	bool changed;
};

struct answerdiff {
	struct topc_compare_result fields, every; /* every: no field ignored */
	struct answerdiff_row *rows, *ignored;
	size_t nrows, nchanged, nignored;
	size_t *unified_start; /* rows' first unified line; nrows + 1 entries */
};

enum answerdiff_side { ANSWERDIFF_SAME, ANSWERDIFF_BEFORE, ANSWERDIFF_NOW };

/* ignore: fnmatch patterns of fields left out; NULL: the compare's default. */
TOPC_MUST_CHECK enum topc_status answerdiff_build(struct answerdiff *d,
						  const struct topc_compare_answer *before,
						  const struct topc_compare_answer *now,
						  const char *const *ignore, size_t nignore);
void answerdiff_release(struct answerdiff *d);

enum topc_compare_verdict answerdiff_verdict(const struct answerdiff *d);

/* Unified lines in all, and what line k (< that) shows: row *row, the old
 * value (BEFORE), the new one (NOW) or a field that is the same. */
size_t answerdiff_unified_count(const struct answerdiff *d);
void answerdiff_unified_line(const struct answerdiff *d, size_t k, size_t *row,
			     enum answerdiff_side *side);

#endif
