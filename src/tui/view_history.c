/* view_history.c - the history pane: the newest entries, filtered with /,
 * opened, loaded back into the form, replayed, copied as curl or as SDK
 * code (x), compared (m d; a replay with its origin, D).
 * The selection is an entry (its id, kept in the model through
 * SELECT_ENTRY), not a row: entries arriving above it do not move it to
 * another one. */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "history/history_record.h"

struct hist_row {
	int64_t id;
	char mark;   /* the replay's compare mark (= ~ ! +), ? pending; 0: none */
	char *text;  /* the row as shown, whole: the pane cuts it, with its ~ */
	char *owner; /* a pending entry's process (its note is made when shown); NULL */
};

struct history_state {
	struct hist_row *rows;
	size_t nrows, sel, top;
	unsigned serial; /* the model's hist_serial the rows were read at */
	bool loaded;
	struct lineedit filter; /* after / */
	bool filtering;
	int64_t mark; /* the entry d compares with; 0: none */
	int64_t sel_id;
	struct topc_buf curl; /* the text c copies */
	long limit;	      /* rows read: a screenful first, HISTORY_ROWS once moved */
	int64_t asked_ms;     /* when (monotonic) others_wrote last asked */
};

/* The first screen reads what it shows (a 24-line terminal shows about
 * ten rows); moving through the pane reads up to HISTORY_ROWS. */
#define HISTORY_FIRST_ROWS 40
#define HISTORY_ROWS 500

/* A replay's mark by its comparison with its origin (history.h's compare
 * column): = the same answer, ~ changed, ! newly failing, + newly passing;
 * none for entries never compared (or a verdict this topc does not know).
 * A pending entry (sent, no outcome recorded: in flight, or its process
 * ended first) is marked ? whatever it replays.  The help lists them
 * (view_help.c) and the status line explains the one of the entry
 * selected. */
static const struct {
	const char *verdict;
	char mark;
	const char *what;
} marks[] = {
    {"same", '=', N_("= the replay answered as its origin did (ignoring request_id, timestamps)")},
    {"changed", '~', N_("~ the replay's answer differs from its origin's")},
    {"newly failing", '!', N_("! the replay failed where its origin succeeded")},
    {"newly passing", '+', N_("+ the replay succeeded where its origin failed")},
};

static char compare_mark(const char *verdict)
{
	for (size_t i = 0; verdict && i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strcmp(verdict, marks[i].verdict) == 0)
			return marks[i].mark;
	return 0;
}

static bool hist_add(const struct topc_history_entry *e, void *ctx)
{
	struct history_state *h = ctx;
	struct hist_row *more = realloc(h->rows, (h->nrows + 1) * sizeof(*more));
	char when[TOPC_TIMESTAMP_LEN], code[32] = "";
	struct topc_buf row;

	if (!more)
		return false;
	h->rows = more;
	topc_timestamp_format(e->time_ms / 1000, when);
	if (e->has_code)
		snprintf(code, sizeof(code), " %lld", e->code);
	more[h->nrows].id = e->id;
	more[h->nrows].mark = compare_mark(e->compare);
	/* sent, no outcome yet: never shown as a success (history.h); what is
	 * known of its process is read when the entry is selected, not for
	 * every row at every reload */
	more[h->nrows].owner = NULL;
	if (e->outcome == TOPC_OUTCOME_PENDING) {
		more[h->nrows].mark = '?';
		if (e->owner && !(more[h->nrows].owner = strdup(e->owner)))
			return false;
	}
	/* the method without its common taobao. prefix; the outcome first, so it
	 * shows in a narrow pane; a replay's mark after its id.  The method and
	 * sub_code are kept to 4096 bytes, wider than any pane, so the pane
	 * cuts the row (with its ~): a 256-byte row cut here read as whole. */
	topc_buf_init(&row, 1u << 16);
	if (topc_buf_addf(&row, "%lld%s%.1s %s %s %.4096s%s%s%.4096s", (long long)e->id,
			  more[h->nrows].mark ? " " : "", &more[h->nrows].mark, when + 11,
			  e->outcome == TOPC_OUTCOME_SUCCESS ? "ok" : topc_outcome_name(e->outcome),
			  strncmp(e->method, "taobao.", 7) == 0 ? e->method + 7 : e->method, code,
			  e->has_code ? " " : "",
			  e->has_code && e->sub_code ? e->sub_code : "") != TOPC_OK ||
	    !(more[h->nrows].text = topc_buf_detach(&row, NULL))) {
		topc_buf_release(&row);
		free(more[h->nrows].owner);
		return false;
	}
	h->nrows++;
	return true;
}

/* The row of the selected entry; when it is gone (filtered out), the
 * nearest row's entry becomes the selection. */
static void follow_selection(struct history_state *h)
{
	size_t near = h->sel;

	for (size_t i = 0; i < h->nrows; i++)
		if (h->rows[i].id == h->sel_id) {
			h->sel = i;
			return;
		}
	h->sel = near < h->nrows ? near : (h->nrows ? h->nrows - 1 : 0);
	h->sel_id = h->nrows ? h->rows[h->sel].id : 0;
}

static void free_rows(struct history_state *h)
{
	for (size_t i = 0; i < h->nrows; i++) {
		free(h->rows[i].owner);
		free(h->rows[i].text);
	}
	free(h->rows);
}

static void reload(struct view *v)
{
	struct history_state *h = v->private;
	const struct console_session *s = v->env->s;
	struct topc_history_filter f;
	struct topc_error err = {0};

	free_rows(h);
	h->rows = NULL;
	h->nrows = 0;
	h->serial = s->hist_serial;
	h->loaded = true;
	if (!s->history)
		return;
	topc_history_filter_init(&f);
	f.limit = h->limit ? h->limit : HISTORY_FIRST_ROWS;
	f.grep = h->filter.text.len ? lineedit_text(&h->filter) : NULL;
	/* the grep finds what the rows show too (history.h): an outcome by
	 * the start of its name ("transport", "ok"), a profile */
	if (topc_history_query(s->history, &f, false, hist_add, h, &err) != TOPC_OK)
		view_report(v, true, "%s", err.msg);
	follow_selection(h);
}

/* Entries another topc added or completed (a send or replay from the
 * command line, a second console), looked for once a second: the
 * history's data_version, no table read.  Without it a `topc replay` run
 * beside the console never showed in its history until the console sent
 * something itself, and a `topc send` beside it stayed a ? row. */
static bool others_wrote(struct view *v)
{
	struct history_state *h = v->private;
	const struct console_session *s = v->env->s;
	int64_t now = topc_monotonic_ms();

	if (!s->history || (h->asked_ms && now - h->asked_ms < 1000))
		return false;
	h->asked_ms = now;
	return topc_history_others_wrote(s->history);
}

/* The rows again when entries were added; the model's selection followed. */
static void sync(struct view *v)
{
	struct history_state *h = v->private;
	bool others = others_wrote(v);

	if (h->sel_id != v->env->s->hist_sel_id && v->env->s->hist_sel_id) {
		h->sel_id = v->env->s->hist_sel_id;
		follow_selection(h);
	}
	if (!h->loaded || h->serial != v->env->s->hist_serial || others) {
		h->sel_id = v->env->s->hist_sel_id ? v->env->s->hist_sel_id : h->sel_id;
		reload(v);
	}
}

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct history_state *h = v->private;

	(void)req;
	(void)arg;
	lineedit_init(&h->filter, "");
	topc_buf_init(&h->curl, 0);
	others_wrote(v); /* the history's state now: the rows read next have it */
	reload(v);
	return true;
}

static void done(struct view *v)
{
	struct history_state *h = v->private;

	free_rows(h);
	lineedit_release(&h->filter);
	topc_buf_release(&h->curl);
}

static void draw(struct view *v, bool focused)
{
	struct history_state *h = v->private;
	WINDOW *w = v->win;
	int height = getmaxy(w), width = getmaxx(w);
	char title[200];
	/* a failed entry's row in the error colour, not bold as well: bold
	 * costs each move through the list two attribute resets (sgr, 25-35
	 * bytes) per such row; without colours bold is what marks it */
	int error_attr = tui_attr(TC_ERROR) & (tui_has_color() ? ~(int)A_BOLD : ~0);

	sync(v);
	snprintf(title, sizeof(title), "%s%s%s%s", _("history"),
		 h->filter.text.len || h->filtering ? "  /" : "", lineedit_text(&h->filter),
		 h->filtering ? "_" : "");
	if (h->nrows && strlen(title) + 24 < sizeof(title))
		/* "+": as many rows as were read, more entries in the history */
		snprintf(title + strlen(title), sizeof(title) - strlen(title), "  %zu/%zu%s",
			 h->sel + 1, h->nrows,
			 (long)h->nrows == (h->limit ? h->limit : HISTORY_FIRST_ROWS) ? "+" : "");
	draw_title(w, title, focused);
	if (h->sel < h->top)
		h->top = h->sel;
	if (h->sel >= h->top + (size_t)(height - 1))
		h->top = h->sel - (size_t)(height - 2);
	for (int y = 1; y < height && h->top + (size_t)(y - 1) < h->nrows; y++) {
		size_t i = h->top + (size_t)(y - 1);
		const char *text = h->rows[i].text;
		bool bad = !strstr(text, " ok ");
		int attr = i == h->sel && focused ? tui_attr(TC_FOCUS) : bad ? error_attr : 0;
		int x = draw_text(w, y, 0, width, h->rows[i].id == h->mark ? "*" : "", (size_t)-1,
				  attr | A_BOLD);
		draw_text_cut(w, y, x, width - x, text, attr);
	}
	if (!h->nrows)
		draw_text(w, 1, 1, width - 1,
			  !v->env->s->history  ? _("no history")
			  : h->filter.text.len ? _("no match; Esc clears")
					       : _("nothing sent yet"),
			  (size_t)-1, tui_attr(TC_DIM));
}

/* A curl command for the entry, signed at run time by topc sign. */
static enum request copy_curl(struct view *v, int64_t id, struct view_req *out)
{
	struct history_state *h = v->private;
	struct topc_history_entry e;
	struct topc_error err = {0};

	if (!v->env->s->history || topc_history_get(v->env->s->history, id, &e, &err) != TOPC_OK)
		return REQ_NONE;
	topc_buf_reset(&h->curl);
	if (topc_history_entry_curl(&e, &h->curl, &err) != TOPC_OK) {
		view_report(v, true, "%s", err.msg);
		topc_history_entry_release(&e);
		return REQ_NONE;
	}
	topc_history_entry_release(&e);
	out->data = topc_buf_str(&h->curl);
	out->len = h->curl.len;
	return REQ_COPY;
}

/* On a marked replay the status line says what its mark means; on a
 * pending entry, what is known of its process. */
static void explain_mark(struct view *v, const struct hist_row *r)
{
	if (r->mark == '?') {
		/* its process's state now: once per selection, not per row */
		struct topc_history_entry e = {.outcome = TOPC_OUTCOME_PENDING, .owner = r->owner};
		char note[224];
		topc_history_pending_text(&e, note, sizeof(note));
		view_report(v, false, _("entry %lld: ? %s"), (long long)r->id, note);
		return;
	}
	for (size_t i = 0; r->mark && i < sizeof(marks) / sizeof(marks[0]); i++)
		if (marks[i].mark == r->mark)
			view_report(v, false, _("entry %lld: %s; D shows both answers"),
				    (long long)r->id, _(marks[i].what));
}

static enum request select_entry(struct view *v, struct view_req *out)
{
	struct history_state *h = v->private;

	h->sel_id = h->nrows ? h->rows[h->sel].id : 0;
	out->arg.id = h->sel_id;
	if (h->nrows)
		explain_mark(v, &h->rows[h->sel]);
	return REQ_SESSION_SELECT_ENTRY;
}

static enum request filter_key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct history_state *h = v->private;
	int64_t before = h->sel_id;

	if ((!is_key && ch == TUI_ESC) || tui_is_enter(ch, is_key)) {
		h->filtering = false;
		if (ch == TUI_ESC) {
			lineedit_release(&h->filter);
			lineedit_init(&h->filter, "");
			reload(v);
		}
	} else if (tui_line_key(&h->filter, ch, is_key)) {
		reload(v);
	}
	return h->sel_id != before ? select_entry(v, out) : REQ_NONE;
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct history_state *h = v->private;
	int page = v->win ? getmaxy(v->win) - 2 : 10;

	sync(v);
	if (h->limit < HISTORY_ROWS && h->nrows >= (size_t)HISTORY_FIRST_ROWS) {
		h->limit = HISTORY_ROWS; /* moving: the rest of the rows */
		reload(v);
	}
	out->arg.id = h->sel_id;
	if (h->filtering)
		return filter_key(v, ch, is_key, out);
	if (!is_key && ch == TUI_ESC && h->filter.text.len)
		/* a filter kept with Enter: Esc clears it, as its line says */
		return filter_key(v, ch, is_key, out);
	if (tui_list_key(&h->sel, h->nrows, (size_t)page, ch, is_key, true))
		return select_entry(v, out);
	if (!is_key && ch == '/') {
		h->filtering = true;
		return REQ_NONE;
	}
	if (!out->arg.id)
		return REQ_UNKNOWN;
	if (tui_is_enter(ch, is_key))
		return REQ_SESSION_OPEN_ENTRY;
	if (is_key)
		return REQ_UNKNOWN;
	switch (ch) {
	case 'l':
		return REQ_SESSION_LOAD_ENTRY;
	case 'r':
		return REQ_SESSION_REPLAY_FRESH;
	case 'R':
		return REQ_SESSION_REPLAY_EXACT;
	case 'c':
		return copy_curl(v, out->arg.id, out);
	case 'm':
		h->mark = h->mark == out->arg.id ? 0 : out->arg.id;
		view_report(v, false,
			    h->mark ? _("entry %lld marked; d on another compares them")
				    : _("mark cleared"),
			    (long long)out->arg.id);
		return REQ_NONE;
	case 'D': /* the view opened says when the entry is no replay */
		return REQ_OPEN_DIFF;
	case 'x':
		return REQ_OPEN_EXPORT;
	case 'd':
		if (!h->mark || h->mark == out->arg.id) {
			view_report(v, true, _("mark an entry with m first, then d on another"));
			return REQ_NONE;
		}
		out->other_id = h->mark;
		return REQ_DIFF;
	default:
		return REQ_UNKNOWN;
	}
}

/* A click selects the entry on that line; a click on the selected one opens it. */
static enum request click(struct view *v, int y, struct view_req *out)
{
	struct history_state *h = v->private;
	size_t i = h->top + (size_t)(y - 1);

	if (y < 1 || i >= h->nrows || h->filtering)
		return REQ_NONE;
	if (i == h->sel)
		return key(v, '\r', false, out);
	h->sel = i;
	return select_entry(v, out);
}

/* Another pane took the focus: the filter line closes. */
static void changed(struct view *v, enum request req, enum session_result res)
{
	(void)res;
	if (req == REQ_ACTION_NEXT_PANE || req == REQ_ACTION_PREV_PANE)
		((struct history_state *)v->private)->filtering = false;
}

static enum view_input input(struct view *v)
{
	return ((struct history_state *)v->private)->filtering ? VIEW_TEXT_CURSOR : VIEW_KEYS;
}

const struct view_ops view_history = {
    .name = "history",
    .private_size = sizeof(struct history_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
    .changed = changed,
    .click = click,
    .input = input,
};
