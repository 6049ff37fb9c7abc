/* view_response_search.c - the response pane's search (/ types a term, n
 * and N find it again; smart case, matches shown in reverse video, a match
 * inside a fold unfolds it) and the query line it hosts over its body
 * (view_query.c): opened, its keys passed on, closed
 * (view_response_internal.h). */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view_response_internal.h"

/* The search term's matches that start on a drawn row, s[0..shown) of the
 * len bytes left of its line, in reverse video: the rest of a long line is
 * never searched at each draw. */
void view_response_highlight(struct view *v, WINDOW *w, int y, const char *s, size_t shown,
			     size_t len)
{
	struct response_state *r = v->private;
	size_t n = strlen(r->search), at = 0;
	const char *m;

	if (!n)
		return;
	if (shown + n - 1 < len)
		len = shown + n - 1;
	while (at < len && (m = tui_find(s + at, len - at, r->search))) {
		int x = lineedit_cells(s, (size_t)(m - s));
		if (x >= getmaxx(w))
			return;
		/* without colours the cursor's line is reversed too: underlined */
		draw_text(w, y, x, getmaxx(w) - x, m, n,
			  A_REVERSE | tui_attr(TC_KEY) | (tui_has_color() ? 0 : A_UNDERLINE));
		at = (size_t)(m - s) + n;
	}
}

void view_response_draw_search_line(struct view *v, WINDOW *w)
{
	struct response_state *r = v->private;
	int h = getmaxy(w), width = getmaxx(w), col;
	size_t end;

	mvwhline(w, h - 1, 0, ' ', width);
	draw_text(w, h - 1, 0, 1, "/", 1, tui_attr(TC_KEY));
	col = lineedit_view(&r->search_edit, width - 2, &end);
	draw_text(w, h - 1, 1, width - 2, r->search_edit.text.data + r->search_edit.scroll,
		  end - r->search_edit.scroll, 0);
	wmove(w, h - 1, 1 + col);
}

/* The next line holding the term, down (or up) from the cursor's, wrapping
 * around at the end; a match inside a fold opens the folds around it. */
void view_response_find_next(struct view *v, bool down)
{
	struct response_state *r = v->private;
	size_t n = r->nlines, from = line_of(r, r->sel);

	for (size_t k = 1; k <= n; k++) {
		size_t i = down ? (from + k) % n : (from + n - k % n) % n;
		if (k == n)
			i = from;
		if (tui_find(r->text + r->lines[i], line_len(v, i), r->search)) {
			bool wrapped = (down && i <= from) || (!down && i >= from);
			if (r->folding && line_of(r, row_of(r, i)) != i) {
				if (fold_reveal(&r->fold, i) != TOPC_OK)
					view_report(v, true,
						    _("out of memory unfolding the match"));
				else
					view_report(v, false,
						    _("line %zu was folded: unfolded to show "
						      "the match%s"),
						    i + 1,
						    wrapped ? _(" (search wrapped around)") : "");
			} else if (wrapped) {
				view_report(v, false, _("search wrapped around"));
			}
			r->sel = row_of(r, i);
			return;
		}
	}
	view_report(v, true, _("\"%s\" not found"), r->search);
}

enum request view_response_search_key(struct view *v, int ch, bool is_key)
{
	struct response_state *r = v->private;
	if (!is_key && ch == TUI_ESC) {
		r->searching = false;
	} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
		r->searching = false;
		snprintf(r->search, sizeof(r->search), "%s", lineedit_text(&r->search_edit));
		if (r->search[0] && r->nlines) {
			/* from the top line itself first */
			r->sel = r->sel ? r->sel - 1 : row_count(r) - 1;
			view_response_find_next(v, true);
		}
	} else {
		tui_line_key(&r->search_edit, ch, is_key);
	}
	return REQ_NONE;
}

void view_response_open_query(struct view *v, const char *expr)
{
	struct response_state *r = v->private;
	struct view q = {.ops = &view_query, .env = v->env, .win = v->win};
	struct view_req arg = {.arg = {.text = expr, .elem = -1}};

	if (r->query.ops)
		return;
	r->searching = false;
	q.private = calloc(1, view_query.private_size);
	if (!q.private) {
		view_report(v, true, _("out of memory opening the query line"));
		return;
	}
	if (!view_query.open(&q, REQ_ACTION_QUERY, &arg)) {
		free(q.private);
		return;
	}
	r->query = q;
}

void view_response_close_query(struct view *v)
{
	struct response_state *r = v->private;

	if (!r->query.ops)
		return;
	r->query.ops->done(&r->query);
	free(r->query.private);
	memset(&r->query, 0, sizeof(r->query));
}

/* The query line's key: it closes it (Esc), or its request (a copy) goes on */
enum request view_response_query_key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct response_state *r = v->private;
	enum request req;

	r->query.win = v->win;
	req = r->query.ops->key(&r->query, ch, is_key, out);
	if (req == REQ_CLOSE) {
		view_response_close_query(v);
		return REQ_NONE;
	}
	return req == REQ_UNKNOWN ? REQ_NONE : req;
}
