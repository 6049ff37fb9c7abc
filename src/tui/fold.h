/*
 * fold.h - folding a JSON answer in the response pane, without curses.
 *
 * The model reads the pane's text once (O(n), one pass that skips strings)
 * into the objects and arrays that span lines, in document order.  Folding
 * a node hides the lines between its first and its last; the text itself is
 * never touched, so what shows is always what was received (or its
 * re-indented form), only fewer lines of it.  A view asks which text line a
 * visible row shows and back; both are binary searches over the folded
 * ranges, so a 40 MB answer folds and scrolls without quadratic cost.
 *
 * Call order: fold_build, then any of the others, fold_release.  Line
 * numbers are 0-based text lines (split at '\n').
 */
#ifndef TOPC_TUI_FOLD_H
#define TOPC_TUI_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

struct fold_node {
	uint32_t first, last; /* the lines of its opening and closing bracket */
	uint32_t parent;      /* index; FOLD_NONE at the top */
	uint32_t end;	      /* the index after its descendants */
	bool folded;
};

#define FOLD_NONE UINT32_MAX

struct fold_range {
	size_t first, count;  /* hidden lines */
	size_t hidden_before; /* hidden by the ranges before this one */
};

struct fold_model {
	struct fold_node *nodes; /* foldable ones only: at least one line between */
	size_t nnodes, nlines;
	struct fold_range *ranges; /* the outermost folded nodes' hidden lines */
	size_t nranges, hidden;
};

/* Reads text (len bytes; not NUL-terminated needed).  Brackets in strings
 * do not count; in a text cut short, what is still open ends at the last
 * line.
 * TOPC_ERR_NOMEM leaves m empty but releasable. */
TOPC_MUST_CHECK enum topc_status fold_build(struct fold_model *m, const char *text, size_t len);
void fold_release(struct fold_model *m);

/* The innermost foldable node holding line; FOLD_NONE when none does. */
uint32_t fold_node_at(const struct fold_model *m, size_t line);
/* Folds (or unfolds) the innermost node holding line; false when none. */
TOPC_MUST_CHECK bool fold_toggle(struct fold_model *m, size_t line);
/* Folds every node (folded), or unfolds every node. */
TOPC_MUST_CHECK enum topc_status fold_all(struct fold_model *m, bool folded);
/* Unfolds the folded nodes that hide line (a search's match), the others
 * stay as they are; TOPC_ERR_NOMEM leaves what shows as it was. */
TOPC_MUST_CHECK enum topc_status fold_reveal(struct fold_model *m, size_t line);

size_t fold_visible_count(const struct fold_model *m);
/* The text line that visible row v shows (v < fold_visible_count). */
size_t fold_line_of_visible(const struct fold_model *m, size_t v);
/* The row that shows line; a hidden line gives its fold's first line. */
size_t fold_visible_of_line(const struct fold_model *m, size_t line);
/* Lines hidden after line (0: line does not start a fold). */
size_t fold_hidden_after(const struct fold_model *m, size_t line);

#endif
