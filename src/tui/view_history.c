/* view_history.c - the history pane: the newest entries, filtered with /,
 * opened, loaded back into the form, replayed, copied as curl. */
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "history/history_record.h"

static void draw(struct tui *t, WINDOW *w, bool focused)
{
	int h = getmaxy(w), width = getmaxx(w);
	char title[200];

	snprintf(title, sizeof(title), "history%s%s%s",
		 t->hist_filter[0] || t->hist_filtering ? "  /" : "", t->hist_filter,
		 t->hist_filtering ? "_" : "");
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
		draw_text(w, 1, 1, width - 1, t->history ? "nothing sent yet" : "no history",
			  (size_t)-1, tui_attr(t, TC_DIM));
}

static void open_entry(struct tui *t, int64_t id)
{
	struct topc_history_entry e;
	struct topc_error err = {0};
	char title[768], when[TOPC_TIMESTAMP_LEN];

	if (!t->history || topc_history_get(t->history, id, &e, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	topc_timestamp_format(e.time_ms / 1000, when);
	snprintf(title, sizeof(title), "#%lld %s %s  %s%s%s%s%s%s%s", (long long)e.id, when,
		 topc_outcome_name(e.outcome), e.method, e.sub_code ? "  " : "",
		 e.sub_code ? e.sub_code : "", e.sub_msg ? " " : "", e.sub_msg ? e.sub_msg : "",
		 e.request_id ? "  request_id " : "", e.request_id ? e.request_id : "");
	tui_show_response(t, title, e.outcome != TOPC_OUTCOME_SUCCESS, e.body ? e.body : e.detail,
			  e.body     ? e.body_len
			  : e.detail ? strlen(e.detail)
				     : 0);
	topc_history_entry_release(&e);
}

/* A curl command for the entry, signed at run time by topc sign. */
static void copy_curl(struct tui *t, int64_t id)
{
	struct topc_history_entry e;
	struct topc_error err = {0};
	struct topc_buf out;

	if (!t->history || topc_history_get(t->history, id, &e, &err) != TOPC_OK)
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
	if (topc_history_diff(t->history, t->hist_mark, id, &out, &differ, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		snprintf(title, sizeof(title), "diff of entries %lld and %lld%s",
			 (long long)t->hist_mark, (long long)id, differ ? "" : ": the same");
		tui_show_response(t, title, false, out.data ? out.data : "", out.len);
		t->focus = PANE_RESPONSE;
	}
	topc_buf_release(&out);
}

static bool filter_key(struct tui *t, int ch, bool is_key)
{
	size_t len = strlen(t->hist_filter);

	if ((!is_key && (ch == 27 || ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		t->hist_filtering = false;
		if (ch == 27) {
			t->hist_filter[0] = '\0';
			tui_history_reload(t);
		}
	} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		while (len && ((unsigned char)t->hist_filter[len - 1] & 0xC0) == 0x80)
			len--;
		if (len)
			t->hist_filter[len - 1] = '\0';
		tui_history_reload(t);
	} else if (!is_key && ch >= 0x20) {
		char mb[8];
		int n = wctomb(mb, (wchar_t)ch);
		if (n > 0 && len + (size_t)n < sizeof(t->hist_filter)) {
			memcpy(t->hist_filter + len, mb, (size_t)n);
			t->hist_filter[len + (size_t)n] = '\0';
			t->hist_sel = 0;
			tui_history_reload(t);
		}
	}
	return true;
}

static bool key(struct tui *t, int ch, bool is_key)
{
	int64_t id = t->nhist ? t->hist[t->hist_sel].id : 0;

	if (t->hist_filtering)
		return filter_key(t, ch, is_key);
	if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		if (t->hist_sel)
			t->hist_sel--;
	} else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		if (t->hist_sel + 1 < t->nhist)
			t->hist_sel++;
	} else if (!is_key && ch == 'g') {
		t->hist_sel = 0;
	} else if (!is_key && ch == 'G') {
		t->hist_sel = t->nhist ? t->nhist - 1 : 0;
	} else if (!is_key && ch == '/') {
		t->hist_filtering = true;
	} else if (!id) {
		return false;
	} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
		open_entry(t, id);
	} else if (!is_key && ch == 'l') {
		tui_load_entry(t, id);
	} else if (!is_key && (ch == 'r' || ch == 'R')) {
		tui_replay(t, id, ch == 'R');
	} else if (!is_key && ch == 'c') {
		copy_curl(t, id);
	} else if (!is_key && ch == 'm') {
		t->hist_mark = t->hist_mark == id ? 0 : id;
		tui_status(t, false,
			   t->hist_mark ? "entry %lld marked; d on another compares them"
					: "mark cleared",
			   (long long)id);
	} else if (!is_key && ch == 'd') {
		diff_with_mark(t, id);
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
}

const struct view_ops view_history = {"history", draw, key, click};
