/* view_history.c - the history pane: the newest entries, filtered with /,
 * opened, loaded back into the form, replayed, copied as curl.  The
 * selection is an entry (the session's hist_sel_id), not a row: entries
 * arriving above it do not move it to another one. */
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "history/history_record.h"

static bool hist_add(const struct topc_history_entry *e, void *ctx)
{
	struct tui *t = ctx;
	struct hist_row *more = realloc(t->hist, (t->nhist + 1) * sizeof(*more));
	char when[TOPC_TIMESTAMP_LEN], code[96] = "";

	if (!more)
		return false;
	t->hist = more;
	topc_timestamp_format(e->time_ms / 1000, when);
	if (e->has_code)
		snprintf(code, sizeof(code), " %lld %s", e->code, e->sub_code ? e->sub_code : "");
	more[t->nhist].id = e->id;
	more[t->nhist].origin_id = e->origin_id;
	/* the method without its common taobao. prefix; the outcome first, so it
	 * shows in a narrow pane; a replay whose answer differed from its
	 * origin's is marked ~ (changed), ! (newly failing), + (newly passing),
	 * one that answered the same = */
	const char *mark = !e->compare				      ? ""
			   : strcmp(e->compare, "same") == 0	      ? " ="
			   : strcmp(e->compare, "changed") == 0	      ? " ~"
			   : strcmp(e->compare, "newly failing") == 0 ? " !"
								      : " +";
	snprintf(more[t->nhist].text, sizeof(more[t->nhist].text), "%lld%s %s %s %s%s",
		 (long long)e->id, mark, when + 11,
		 e->outcome == TOPC_OUTCOME_SUCCESS ? "ok" : topc_outcome_name(e->outcome),
		 strncmp(e->method, "taobao.", 7) == 0 ? e->method + 7 : e->method, code);
	t->nhist++;
	return true;
}

/* The row of the selected entry; when it is gone (filtered out), the
 * nearest row's entry becomes the selection. */
static void follow_selection(struct tui *t)
{
	size_t near = t->hist_sel;

	for (size_t i = 0; i < t->nhist; i++)
		if (t->hist[i].id == t->s.hist_sel_id) {
			t->hist_sel = i;
			return;
		}
	t->hist_sel = near < t->nhist ? near : (t->nhist ? t->nhist - 1 : 0);
	t->s.hist_sel_id = t->nhist ? t->hist[t->hist_sel].id : 0;
}

void tui_history_reload(struct tui *t)
{
	struct topc_history_filter f;
	struct topc_error err = {0};

	free(t->hist);
	t->hist = NULL;
	t->nhist = 0;
	t->hist_serial = t->s.hist_serial;
	if (!t->s.history)
		return;
	topc_history_filter_init(&f);
	f.limit = 500;
	f.grep = t->hist_filter.text.len ? lineedit_text(&t->hist_filter) : NULL;
	if (topc_history_query(t->s.history, &f, false, hist_add, t, &err) != TOPC_OK)
		tui_status(t, true, "%s", err.msg);
	follow_selection(t);
}

void tui_history_sync(struct tui *t)
{
	if (t->hist_serial != t->s.hist_serial)
		tui_history_reload(t);
}

static void draw(struct tui *t, WINDOW *w, bool focused)
{
	int h = getmaxy(w), width = getmaxx(w);
	char title[200];

	snprintf(title, sizeof(title), "history%s%s%s",
		 t->hist_filter.text.len || t->hist_filtering ? "  /" : "",
		 lineedit_text(&t->hist_filter), t->hist_filtering ? "_" : "");
	if (t->nhist && strlen(title) + 24 < sizeof(title))
		snprintf(title + strlen(title), sizeof(title) - strlen(title), "  %zu/%zu",
			 t->hist_sel + 1, t->nhist);
	draw_title(t, w, title, focused);
	if (t->hist_sel < t->hist_top)
		t->hist_top = t->hist_sel;
	if (t->hist_sel >= t->hist_top + (size_t)(h - 1))
		t->hist_top = t->hist_sel - (size_t)(h - 2);
	for (int y = 1; y < h && t->hist_top + (size_t)(y - 1) < t->nhist; y++) {
		size_t i = t->hist_top + (size_t)(y - 1);
		const char *text = t->hist[i].text;
		bool bad = !strstr(text, " ok ");
		int attr = i == t->hist_sel && focused ? tui_attr(t, TC_FOCUS)
			   : bad		       ? tui_attr(t, TC_ERROR)
						       : 0;
		int x = draw_text(w, y, 0, width, t->hist[i].id == t->hist_mark ? "*" : "",
				  (size_t)-1, attr | A_BOLD);
		draw_text(w, y, x, width - x, text, (size_t)-1, attr);
	}
	if (!t->nhist)
		draw_text(w, 1, 1, width - 1, t->s.history ? "nothing sent yet" : "no history",
			  (size_t)-1, tui_attr(t, TC_DIM));
}

/* A curl command for the entry, signed at run time by topc sign. */
static void copy_curl(struct tui *t, int64_t id)
{
	struct topc_history_entry e;
	struct topc_error err = {0};
	struct topc_buf out;

	if (!t->s.history || topc_history_get(t->s.history, id, &e, &err) != TOPC_OK)
		return;
	topc_buf_init(&out, 0);
	if (topc_history_entry_curl(&e, &out, &err) == TOPC_OK)
		tui_copy(t, out.data, out.len);
	else
		tui_status(t, true, "%s", err.msg);
	topc_buf_release(&out);
	topc_history_entry_release(&e);
}

static void diff_with_mark(struct tui *t, int64_t id)
{
	struct topc_buf out;
	struct topc_error err = {0};
	bool differ = false;
	char title[96];

	if (!t->hist_mark || t->hist_mark == id) {
		tui_status(t, true, "mark an entry with m first, then d on another");
		return;
	}
	topc_buf_init(&out, 0);
	if (topc_history_diff(t->s.history, t->hist_mark, id, &out, &differ, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		snprintf(title, sizeof(title), "diff of entries %lld and %lld%s",
			 (long long)t->hist_mark, (long long)id, differ ? "" : ": the same");
		session_show(&t->s, title, false, out.data ? out.data : "", out.len, false);
		t->focus = PANE_RESPONSE;
	}
	topc_buf_release(&out);
}

static bool filter_key(struct tui *t, int ch, bool is_key)
{
	if ((!is_key && (ch == TUI_ESC || ch == '\n' || ch == '\r')) ||
	    (is_key && ch == KEY_ENTER)) {
		t->hist_filtering = false;
		if (ch == TUI_ESC) {
			lineedit_release(&t->hist_filter);
			lineedit_init(&t->hist_filter, "");
			tui_history_reload(t);
		}
	} else if (tui_line_key(&t->hist_filter, ch, is_key)) {
		tui_history_reload(t);
	}
	return true;
}

static bool key(struct tui *t, int ch, bool is_key)
{
	int page = t->win[PANE_HISTORY] ? getmaxy(t->win[PANE_HISTORY]) - 2 : 10;
	struct session_arg arg = {.elem = -1, .id = t->s.hist_sel_id};

	if (t->hist_filtering)
		return filter_key(t, ch, is_key);
	if (tui_list_key(&t->hist_sel, t->nhist, (size_t)page, ch, is_key, true)) {
		t->s.hist_sel_id = t->nhist ? t->hist[t->hist_sel].id : 0;
	} else if (!is_key && ch == '/') {
		t->hist_filtering = true;
	} else if (!arg.id) {
		return false;
	} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
		tui_request(t, SESSION_REQ_OPEN_ENTRY, &arg);
	} else if (!is_key && ch == 'l') {
		if (tui_request(t, SESSION_REQ_LOAD_ENTRY, &arg) == SESSION_DONE)
			t->focus = PANE_FORM;
	} else if (!is_key && (ch == 'r' || ch == 'R')) {
		tui_request(t, ch == 'R' ? SESSION_REQ_REPLAY_EXACT : SESSION_REQ_REPLAY_FRESH,
			    &arg);
	} else if (!is_key && ch == 'c') {
		copy_curl(t, arg.id);
	} else if (!is_key && ch == 'm') {
		t->hist_mark = t->hist_mark == arg.id ? 0 : arg.id;
		tui_status(t, false,
			   t->hist_mark ? "entry %lld marked; d on another compares them"
					: "mark cleared",
			   (long long)arg.id);
	} else if (!is_key && ch == 'd') {
		diff_with_mark(t, arg.id);
	} else if (!is_key && ch == 'D') {
		tui_replay_diff(t, arg.id, t->hist[t->hist_sel].origin_id);
	} else if (!is_key && ch == 'x') {
		t->export_id = arg.id;
		tui_open_picker(t, PICK_EXPORT);
	} else {
		return false;
	}
	return true;
}

/* A click selects the entry on that line; a click on the selected one opens it. */
static void click(struct tui *t, int y)
{
	size_t i = t->hist_top + (size_t)(y - 1);

	if (y < 1 || i >= t->nhist || t->hist_filtering)
		return;
	if (i == t->hist_sel)
		key(t, '\r', false);
	t->hist_sel = i;
	t->s.hist_sel_id = t->hist[i].id;
}

const struct view_ops view_history = {"history", draw, key, click};
