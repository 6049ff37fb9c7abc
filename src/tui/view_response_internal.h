/*
 * view_response_internal.h - what the response pane (view_response.c) and
 * its search and query line (view_response_search.c) share: the pane's
 * state, reached through v->private of view_response only, and its rows.
 * Rows are what shows (text lines less the folded ones); sel and top are
 * rows, a search finds text lines.
 */
#ifndef TOPC_VIEW_RESPONSE_INTERNAL_H
#define TOPC_VIEW_RESPONSE_INTERNAL_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "fold.h"
#include "lineedit.h"
#include "view.h"

struct response_state {
	unsigned serial; /* the answer the text below was made from */
	bool made;
	char *text;		 /* pretty body, or the raw one */
	size_t text_len;	 /* strlen(text): a line's length is never searched for */
	size_t *lines;		 /* line start offsets */
	size_t nlines, top;	 /* top, sel: rows (text lines less the folded ones) */
	size_t sel;		 /* the cursor row: moving it redraws two lines, not the pane */
	struct fold_model fold;	 /* the pretty JSON body's objects and arrays */
	bool folding;		 /* fold holds the text's nodes */
	bool folds_read;	 /* fold_build ran on this text */
	struct view query;	 /* the query line, hosted; query.ops NULL: closed */
	bool wrap, raw, headers; /* raw: the body as it came; headers: the header block */
	unsigned headers_serial; /* the answer whose headers show */
	char search[128];
	bool searching;
	struct lineedit search_edit;
};
/* The row helpers are inline here so that both files read the rows one
 * way; they are a few lines each. */

/* Line i's length, from the offsets: a 40 MB line was scanned for its end
 * at each of the three or four places a draw asked */
static inline size_t line_len(const struct view *v, size_t i)
{
	const struct response_state *r = v->private;
	size_t end = r->text_len;

	if (i + 1 < r->nlines)
		end = r->lines[i + 1] - 1;
	else if (end > r->lines[i] && r->text[end - 1] == '\n')
		end--; /* the last line, before the break that ends the text */
	return end - r->lines[i];
}

/* Rows (what shows: text lines less the folded ones) and text lines */
static inline size_t row_count(const struct response_state *r)
{
	return r->folding ? fold_visible_count(&r->fold) : r->nlines;
}

static inline size_t line_of(const struct response_state *r, size_t row)
{
	return r->folding ? fold_line_of_visible(&r->fold, row) : row;
}

static inline size_t row_of(const struct response_state *r, size_t line)
{
	return r->folding ? fold_visible_of_line(&r->fold, line) : line;
}

/* view_response_search.c */
/* The search term's matches on a drawn row (s[0..shown) of the len bytes
 * left of its line) in reverse video. */
void view_response_highlight(struct view *v, WINDOW *w, int y, const char *s, size_t shown,
			     size_t len);
/* The search line being typed, on the pane's last row, the cursor in it. */
void view_response_draw_search_line(struct view *v, WINDOW *w);
/* The cursor on the next line holding the term, down or up, wrapping
 * around; the status says when it wrapped, unfolded or found nothing. */
void view_response_find_next(struct view *v, bool down);
/* A key while the search line is open: Esc closes it, Enter searches. */
enum request view_response_search_key(struct view *v, int ch, bool is_key);
/* The query line opened over the body (expr: its text, may be NULL); does
 * nothing when it is open. */
void view_response_open_query(struct view *v, const char *expr);
/* The query line closed and released (nothing when it is not open). */
void view_response_close_query(struct view *v);
/* A key while the query line is open: its request, or REQ_NONE. */
enum request view_response_query_key(struct view *v, int ch, bool is_key, struct view_req *out);

#endif
