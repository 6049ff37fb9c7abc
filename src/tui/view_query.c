/* view_query.c - the query line over the response pane (| there, or the
 * query action): a jq expression (XPath for an XML answer), as the CLI's
 * --query takes it, evaluated over the answer as it is typed; the matching
 * values listed, Up/Down choose one, Enter copies it (OSC 52), Esc closes.
 *
 * The response pane hosts this view: it opens it with the answer shown
 * (arg.text: an expression to start with), passes it its keys and pastes,
 * draws it in rows 2 to the last of its own window (row 1 keeps the
 * answer's title), and closes it on REQ_CLOSE or when the pane shows what
 * is no answer (a diff, a message); REQ_COPY goes on to the driver.
 *
 * A new answer (a send, another history entry) re-runs the expression on
 * it: the values shown are always the shown answer's.  The answer is
 * borrowed from the model; the worker has its own copy, and a new worker
 * is only started after the view has taken the new answer.
 *
 * The model (livequery.h) runs each expression in a worker process under a
 * time limit and caps on the values, so a runaway expression (repeat(1),
 * last(range(1e9))) shows "stopped" instead of hanging the console, and
 * never blocks: the expression is handed over when the view is drawn (keys
 * that arrive together, fast typing or a paste, hand over one), the draw
 * waits a moment for a quick answer (no "running..." flashing at each key),
 * and tick asks the loop to come back soon while the worker is busy (a 40 MB
 * answer read, a slow expression): the keys are read meanwhile.  Errors are
 * text, drawn inert. */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "livequery.h"

/* How long a draw waits for the values of an expression just handed over */
#define QUERY_QUICK_MS 40
/* How often the loop looks again while the worker is busy */
#define QUERY_TICK_MS 30

struct query_state {
	struct livequery q;
	struct lineedit line;
	unsigned serial; /* the answer q queries */
	size_t sel, top;
	bool dirty; /* the expression changed since it last ran */
};

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct query_state *st = v->private;
	const struct session_answer *a = &v->env->s->answer;

	(void)req;
	if (!a->data || !a->len || !a->from_server) {
		view_report(v, true,
			    _("no answer to query: send the form or open a history entry"));
		return false;
	}
	livequery_init(&st->q, a->data, a->len);
	st->serial = a->serial;
	lineedit_init(&st->line, arg && arg->arg.text ? arg->arg.text : "");
	st->dirty = true;
	return true;
}

static void done(struct view *v)
{
	struct query_state *st = v->private;

	livequery_release(&st->q);
	lineedit_release(&st->line);
}

static void run(struct view *v)
{
	struct query_state *st = v->private;
	const struct session_answer *a = &v->env->s->answer;

	if (st->serial != a->serial) { /* a new answer: the expression again */
		livequery_release(&st->q);
		livequery_init(&st->q, a->from_server ? a->data : NULL,
			       a->from_server ? a->len : 0);
		st->serial = a->serial;
		st->dirty = true;
	}
	if (!st->dirty) {
		if (livequery_busy(&st->q))
			livequery_poll(&st->q, 0);
		return;
	}
	st->dirty = false;
	st->sel = st->top = 0;
	if (livequery_start(&st->q, lineedit_text(&st->line)) == LIVEQUERY_RUNNING)
		livequery_poll(&st->q, QUERY_QUICK_MS);
}

/* The line over the values: what came of the expression */
static void draw_state(struct view *v, int y, int width)
{
	struct query_state *st = v->private;
	const struct livequery *q = &st->q;
	char info[200];

	switch (q->state) {
	case LIVEQUERY_EMPTY:
		draw_text(v->win, y, 0, width,
			  q->xml
			      ? _("type an XPath expression; Up Down choose, Enter copies, Esc "
				  "closes")
			      : _("type a jq expression; Up Down choose, Enter copies, Esc closes"),
			  (size_t)-1, tui_attr(TC_DIM));
		return;
	case LIVEQUERY_ERROR:
	case LIVEQUERY_STOPPED:
		/* the model's text may quote the answer: draw_text shows it inert */
		draw_text(v->win, y, 0, width, q->error, (size_t)-1, tui_attr(TC_ERROR));
		return;
	case LIVEQUERY_RUNNING:
		draw_text(v->win, y, 0, width, q->error, (size_t)-1, tui_attr(TC_DIM));
		return;
	case LIVEQUERY_OK:
		break;
	}
	if (!q->nvalues)
		snprintf(info, sizeof(info), "%s", _("no value: the expression selects nothing"));
	else
		snprintf(info, sizeof(info), _("value %zu of %zu%s; Enter copies it, Esc closes"),
			 st->sel + 1, q->nvalues, q->more ? _(" (more not shown)") : "");
	draw_text(v->win, y, 0, width, info, (size_t)-1, tui_attr(TC_DIM));
}

static void draw(struct view *v, bool focused)
{
	struct query_state *st = v->private;
	WINDOW *w = v->win;
	int h = getmaxy(w), width = getmaxx(w), rows = h - 4, col;
	size_t end;

	(void)focused;
	run(v);
	for (int y = 2; y < h; y++)
		mvwhline(w, y, 0, ' ', width);
	draw_state(v, 2, width);
	if (rows > 0 && st->q.state == LIVEQUERY_OK) {
		if (st->sel < st->top)
			st->top = st->sel;
		if (st->sel >= st->top + (size_t)rows)
			st->top = st->sel - (size_t)rows + 1;
		for (int y = 0; y < rows && st->top + (size_t)y < st->q.nvalues; y++) {
			size_t i = st->top + (size_t)y, len;
			const char *s = livequery_value(&st->q, i, &len);
			draw_text(w, 3 + y, 0, width, s, len,
				  i == st->sel ? tui_attr(TC_FOCUS) : 0);
		}
	}
	draw_text(w, h - 1, 0, 2, "| ", 2, tui_attr(TC_KEY));
	col = lineedit_view(&st->line, width - 3, &end);
	draw_text(w, h - 1, 2, width - 3, st->line.text.data + st->line.scroll,
		  end - st->line.scroll, 0);
	wmove(w, h - 1, 2 + col);
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct query_state *st = v->private;
	size_t page = v->win && getmaxy(v->win) > 5 ? (size_t)getmaxy(v->win) - 5 : 1;

	if (!is_key && ch == TUI_ESC)
		return REQ_CLOSE;
	if (tui_is_enter(ch, is_key)) {
		run(v);
		if (st->q.state != LIVEQUERY_OK || !st->q.nvalues) {
			view_report(v, true, _("no value to copy: the expression selects nothing"));
			return REQ_NONE;
		}
		out->data = livequery_value(&st->q, st->sel, &out->len);
		return REQ_COPY;
	}
	if (is_key && (ch == KEY_UP || ch == KEY_DOWN || ch == KEY_PPAGE || ch == KEY_NPAGE)) {
		run(v);
		tui_list_key(&st->sel, st->q.nvalues, page, ch, is_key, false);
		return REQ_NONE;
	}
	if (tui_line_key(&st->line, ch, is_key))
		st->dirty = true;
	return REQ_NONE;
}

static enum request paste(struct view *v, const char *text, size_t len, struct view_req *out)
{
	struct query_state *st = v->private;

	(void)out;
	lineedit_insert(&st->line, text, len);
	st->dirty = true;
	return REQ_NONE;
}

static enum view_input input(struct view *v)
{
	(void)v;
	return VIEW_TEXT_CURSOR;
}

static int tick(struct view *v)
{
	struct query_state *st = v->private;

	return st->dirty || livequery_busy(&st->q) ? QUERY_TICK_MS : -1;
}

const struct view_ops view_query = {
    .name = "query",
    .private_size = sizeof(struct query_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
    .paste = paste,
    .input = input,
    .tick = tick,
};
