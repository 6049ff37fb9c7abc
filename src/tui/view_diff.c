/* view_diff.c - the diff overlay (D in the history, the palette's diff): a
 * replay's answer against its origin's, field by field, over answerdiff.h
 * (the compare of topc replay --compare, with the same ignored fields: the
 * default list and the form's compare_ignore).  At 120 columns and more the
 * two answers stand side by side (field, before, now), narrower they are
 * unified (- before, + now); the changed fields are marked ~ and coloured,
 * the ignored ones listed after them, marked #.  It scrolls as every pager
 * does (view.h), and is laid out again when the terminal's width changes. */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answerdiff.h"
#include "base/buf.h"
#include "base/file.h"
#include "history/history.h"
#include "lineedit.h"

/* The terminal's width from which the answers stand side by side */
#define DIFF_SIDE_BY_SIDE_COLS 120
/* An answer kept in a file is read up to this for the diff */
#define DIFF_BODY_MAX ((size_t)64 << 20)

struct diff_state {
	struct pager pager;
	struct answerdiff d;
	bool built;
	int64_t id, origin;
	int cols; /* COLS the text was laid out for */
	char title[200];
};

/* The line's mark says its colour: ~ a changed field (side by side), - its
 * value before, + its value now, # an ignored field. */
static int line_attr(const char *line, size_t len)
{
	if (len < 2 || line[1] != ' ')
		return 0;
	switch (line[0]) {
	case '~':
		return tui_attr(TC_KEY) | A_BOLD;
	case '-':
		return tui_attr(TC_ERROR);
	case '+':
		return tui_attr(TC_OK);
	case '#':
		return tui_attr(TC_DIM);
	default:
		return 0;
	}
}

/* s in exactly cells cells: cut (with "..." at its end) or padded.  Each
 * append below is chained with || (TOPC_OK is 0): the buffer fails closed,
 * and a failure is seen once, at the end. */
static bool add_cell(struct topc_buf *out, const char *s, int cells)
{
	size_t len = strlen(s), at = len;
	int used = lineedit_cells(s, len);
	bool bad;

	if (used > cells) {
		at = 0;
		used = 0;
		while (at < len) {
			int c;
			size_t n = lineedit_utf8_char(s + at, len - at, &c);
			if (used + c > cells - 3)
				break;
			at += n;
			used += c;
		}
		used += 3;
	}
	bad = topc_buf_add(out, s, at) || (at < len && topc_buf_adds(out, "..."));
	while (!bad && used++ < cells)
		bad = topc_buf_addc(out, ' ');
	return bad;
}

/* A path too long for its column keeps its end, the field's own name:
 * "...result.extra_err_msg". */
static bool add_path_cell(struct topc_buf *out, const char *path, int cells)
{
	const char *p = path;
	size_t len = strlen(p);

	if (lineedit_cells(p, len) <= cells)
		return add_cell(out, p, cells);
	while (*p && lineedit_cells(p, strlen(p)) > cells - 3) {
		int c;
		p += lineedit_utf8_char(p, strlen(p), &c); /* never in a character's middle */
	}
	return topc_buf_adds(out, "...") || add_cell(out, p, cells - 3);
}

static const char *shown(const char *value)
{
	return value ? value : _("(absent)");
}

static bool side_by_side_row(struct topc_buf *out, const char *mark, const struct answerdiff_row *r,
			     int path_col, int col)
{
	return topc_buf_adds(out, mark) ||
	       add_path_cell(out, *r->path ? r->path : _("(body)"), path_col) ||
	       topc_buf_adds(out, "  ") || add_cell(out, shown(r->before), col) ||
	       topc_buf_adds(out, "  ") || add_cell(out, shown(r->now), col) ||
	       topc_buf_addc(out, '\n');
}

static bool side_by_side(struct diff_state *g, struct topc_buf *out, int width)
{
	/* the mark, the path (two fifths), two spaces, before, two spaces, now */
	int path_col = (width - 6) * 2 / 5, col = (width - 6 - path_col) / 2;
	char before[64], now[64];
	struct answerdiff_row head = {.path = _("field"), .before = before, .now = now};
	bool bad;

	snprintf(before, sizeof(before), _("entry %lld (before)"), (long long)g->origin);
	snprintf(now, sizeof(now), _("entry %lld (now)"), (long long)g->id);
	bad = side_by_side_row(out, "  ", &head, path_col, col);
	for (size_t i = 0; i < g->d.nrows && !bad; i++)
		bad = side_by_side_row(out, g->d.rows[i].changed ? "~ " : "  ", &g->d.rows[i],
				       path_col, col);
	for (size_t i = 0; i < g->d.nignored && !bad; i++)
		bad = side_by_side_row(out, "# ", &g->d.ignored[i], path_col, col);
	return bad;
}

static bool unified(struct diff_state *g, struct topc_buf *out)
{
	bool bad = false;

	for (size_t k = 0; k < answerdiff_unified_count(&g->d) && !bad; k++) {
		size_t row;
		enum answerdiff_side side;
		answerdiff_unified_line(&g->d, k, &row, &side);
		const struct answerdiff_row *r = &g->d.rows[row];
		bad = topc_buf_addf(out, "%s %s: %s\n",
				    side == ANSWERDIFF_SAME	? " "
				    : side == ANSWERDIFF_BEFORE ? "-"
								: "+",
				    *r->path ? r->path : _("(body)"),
				    shown(side == ANSWERDIFF_BEFORE ? r->before : r->now));
	}
	for (size_t i = 0; i < g->d.nignored && !bad; i++) {
		const struct answerdiff_row *r = &g->d.ignored[i];
		bad = r->changed ? topc_buf_addf(out, "# %s: %s -> %s\n", r->path, shown(r->before),
						 shown(r->now))
				 : topc_buf_addf(out, "# %s: %s\n", r->path, shown(r->now));
	}
	return bad;
}

/* The text for the terminal's width now; false when out of memory. */
static bool lay_out(struct diff_state *g)
{
	struct topc_buf out;
	int width = COLS - 12; /* the pager's text: COLS - 8, less its border */
	char *text;
	bool bad;

	topc_buf_init(&out, 1 << 24);
	bad = topc_buf_addf(
		  &out, "%s\n\n",
		  _("marks: ~ changed (- before, + now), # ignored: request_id, timestamps and "
		    "the form's compare_ignore, as topc replay --compare")) ||
	      (COLS >= DIFF_SIDE_BY_SIDE_COLS ? side_by_side(g, &out, width) : unified(g, &out)) ||
	      (!g->d.nrows && !g->d.nignored &&
	       topc_buf_adds(&out, _("neither answer has a field\n")));
	if (bad) {
		topc_buf_release(&out);
		return false;
	}
	text = topc_buf_detach(&out, NULL);
	topc_buf_release(&out);
	if (!text)
		return false;
	int top = g->pager.top;
	pager_set(&g->pager, text);
	g->pager.top = top; /* a resize keeps the place */
	g->pager.line_attr = line_attr;
	g->cols = COLS;
	return true;
}

/* The entry's answer whole: from its file when the history keeps answers
 * beside it (as topc replay --compare reads it), else the part kept; *cut
 * when that is less than came back. */
static struct topc_compare_answer answer_of(const struct topc_history_entry *e,
					    struct topc_buf *whole, bool *cut)
{
	struct topc_compare_answer a = {e->body, e->body_len, e->outcome};
	struct topc_error err = {0};

	if (e->body_file && topc_file_read(e->body_file, DIFF_BODY_MAX, whole, &err) == TOPC_OK) {
		a.body = whole->data;
		a.len = whole->len;
	}
	*cut |= a.body == e->body && e->body_size > (int64_t)e->body_len;
	return a;
}

static bool compare(struct view *v, const struct topc_history_entry *origin,
		    const struct topc_history_entry *e)
{
	struct diff_state *g = v->private;
	struct topc_buf wb, wn;
	bool cut = false, ok;
	const char *ignore[64];
	size_t n =
	    topc_compare_ignore_list(topc_form_store_get(&v->env->s->forms, e->method), ignore, 64);

	topc_buf_init(&wb, DIFF_BODY_MAX);
	topc_buf_init(&wn, DIFF_BODY_MAX);
	struct topc_compare_answer before = answer_of(origin, &wb, &cut),
				   now = answer_of(e, &wn, &cut);
	ok = answerdiff_build(&g->d, &before, &now, ignore, n) == TOPC_OK;
	topc_buf_release(&wb);
	topc_buf_release(&wn);
	if (!ok) {
		view_report(v, true, _("out of memory comparing the answers"));
		return false;
	}
	if (cut)
		view_report(v, true,
			    _("an answer was kept cut (history_body_max), so it is compared cut; "
			      "history_body_file = true keeps answers whole"));
	g->built = true;
	snprintf(g->title, sizeof(g->title),
		 _("entry %lld against its origin %lld: %s, %zu changed"), (long long)g->id,
		 (long long)g->origin, _(topc_compare_verdict_name(answerdiff_verdict(&g->d))),
		 g->d.nchanged);
	if (!lay_out(g)) {
		view_report(v, true, _("out of memory comparing the answers"));
		return false;
	}
	return true;
}

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct diff_state *g = v->private;
	struct topc_history *h = v->env->s->history;
	struct topc_history_entry e, origin;
	struct topc_error err = {0};
	bool ok;

	(void)req;
	g->id = arg ? arg->arg.id : 0;
	if (!h || !g->id) {
		view_report(v, true,
			    _("select a replay in the history first; D compares it with "
			      "the entry it replayed"));
		return false;
	}
	if (topc_history_get(h, g->id, &e, &err) != TOPC_OK) {
		view_report(v, true, "%s", err.msg);
		return false;
	}
	g->origin = e.origin_id;
	if (!g->origin) {
		view_report(v, true,
			    _("entry %lld is no replay: replay it with r or R, then D on the "
			      "replay; m and d compare any two entries"),
			    (long long)g->id);
		topc_history_entry_release(&e);
		return false;
	}
	if (topc_history_get(h, g->origin, &origin, &err) != TOPC_OK) {
		view_report(v, true, "%s", err.msg);
		topc_history_entry_release(&e);
		return false;
	}
	ok = compare(v, &origin, &e);
	topc_history_entry_release(&origin);
	topc_history_entry_release(&e);
	return ok;
}

static void done(struct view *v)
{
	struct diff_state *g = v->private;

	pager_release(&g->pager);
	if (g->built)
		answerdiff_release(&g->d);
}

static void draw(struct view *v, bool focused)
{
	struct diff_state *g = v->private;

	(void)focused;
	if (g->cols != COLS && !lay_out(g))
		view_report(v, true, _("out of memory comparing the answers"));
	pager_draw(&g->pager, g->title);
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct diff_state *g = v->private;

	(void)out;
	if (!is_key && ch == 'D')
		return REQ_CLOSE;
	return pager_view_key(&g->pager, v->env, ch, is_key);
}

const struct view_ops view_diff = {
    .name = "diff",
    .private_size = sizeof(struct diff_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
};
