/* view_fx.c - the response pane's query line and folds, the history's
 * replay diff and the language picker's export, drawn over the
 * curses-free models (fold.h, livequery.h, answerdiff.h, osc52.h). */
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "answerdiff.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "export/export.h"
#include "history/history_record.h"
#include "osc52.h"

/* ------------------------------------------------------------------ */
/* folds */

/* The pane's text read into folds when it is JSON (not the headers, not
 * XML, not a message); the text itself is never changed */
void tui_fold_build(struct tui *t)
{
	const char *p = t->resp_text;

	fold_release(&t->fold);
	t->folding = false;
	while (p && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	if (!p || t->headers || (*p != '{' && *p != '['))
		return;
	t->folding = fold_build(&t->fold, t->resp_text, strlen(t->resp_text)) == TOPC_OK;
}

size_t tui_resp_rows(const struct tui *t)
{
	return t->folding ? fold_visible_count(&t->fold) : t->resp_nlines;
}

size_t tui_resp_line(const struct tui *t, size_t row)
{
	return t->folding ? fold_line_of_visible(&t->fold, row) : row;
}

/* z folds (or unfolds) the object or array at the top line, Z folds every
 * one, or unfolds them all when the top line is folded */
bool tui_fold_key(struct tui *t, int ch, bool is_key)
{
	size_t line;

	if (is_key || (ch != 'z' && ch != 'Z'))
		return false;
	if (!t->folding) {
		tui_status(t, true, _("only a JSON answer folds"));
		return true;
	}
	line = tui_resp_line(t, t->resp_top);
	if (ch == 'z' && !fold_toggle(&t->fold, line))
		tui_status(t, false, _("no object or array here to fold"));
	if (ch == 'Z' && fold_all(&t->fold, !fold_hidden_after(&t->fold, line)) != TOPC_OK)
		tui_status(t, true, _("out of memory folding"));
	t->resp_top = fold_visible_of_line(&t->fold, line);
	return true;
}

/* ------------------------------------------------------------------ */
/* the query line */

void tui_query_open(struct tui *t)
{
	if (!t->s.answer.data || !t->s.answer.len || !t->s.answer.from_server) {
		tui_status(t, true, _("no answer to query yet"));
		return;
	}
	tui_query_close(t);
	livequery_init(&t->query, t->s.answer.data, t->s.answer.len);
	lineedit_init(&t->query_edit, "");
	t->query_sel = 0;
	t->querying = true;
}

void tui_query_close(struct tui *t)
{
	if (!t->querying)
		return;
	livequery_release(&t->query);
	lineedit_release(&t->query_edit);
	t->querying = false;
}

bool tui_query_key(struct tui *t, int ch, bool is_key)
{
	size_t n = t->query.nvalues;

	if (!is_key && ch == TUI_ESC) {
		tui_query_close(t);
	} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
		size_t len;
		const char *v;
		if (!n) {
			tui_status(t, true, _("nothing selected to copy"));
			return true;
		}
		v = livequery_value(&t->query, t->query_sel, &len);
		tui_copy(t, v, len);
	} else if (is_key && (ch == KEY_UP || ch == KEY_DOWN)) {
		if (ch == KEY_UP && t->query_sel)
			t->query_sel--;
		else if (ch == KEY_DOWN && t->query_sel + 1 < n)
			t->query_sel++;
	} else if (tui_line_key(&t->query_edit, ch, is_key)) {
		livequery_run(&t->query, lineedit_text(&t->query_edit));
		t->query_sel = 0;
	}
	return true;
}

/* The values (or the error) in the pane, the expression on its last line */
void tui_query_draw(struct tui *t, WINDOW *w)
{
	int h = getmaxy(w), width = getmaxx(w), y = 1;
	size_t end, top = 0;
	const struct livequery *q = &t->query;
	char info[160];
	int col;

	for (int r = 1; r < h; r++)
		mvwhline(w, r, 0, ' ', width);
	if (q->state == LIVEQUERY_ERROR || q->state == LIVEQUERY_STOPPED) {
		draw_text(w, y, 0, width, q->error, (size_t)-1, tui_attr(t, TC_ERROR));
	} else if (q->state == LIVEQUERY_EMPTY) {
		draw_text(
		    w, y, 0, width,
		    _("type a jq expression (XPath for XML); Enter copies the selected value, "
		      "Esc closes"),
		    (size_t)-1, tui_attr(t, TC_DIM));
	} else {
		snprintf(info, sizeof(info), _("%zu value(s)%s; Enter copies the selected one"),
			 q->nvalues, q->more ? _(", more not shown") : "");
		draw_text(w, y, 0, width, info, (size_t)-1, tui_attr(t, TC_DIM));
		if (t->query_sel >= (size_t)(h - 3))
			top = t->query_sel - (size_t)(h - 4);
		for (size_t i = top; i < q->nvalues && y + 1 < h - 1; i++) {
			size_t len;
			const char *v = livequery_value(q, i, &len);
			y++;
			draw_text(w, y, 0, width, v, len,
				  i == t->query_sel ? A_REVERSE | tui_attr(t, TC_KEY) : 0);
		}
	}
	mvwhline(w, h - 1, 0, ' ', width);
	draw_text(w, h - 1, 0, 2, "| ", 2, tui_attr(t, TC_KEY));
	col = lineedit_view(&t->query_edit, width - 3, &end);
	draw_text(w, h - 1, 2, width - 3, t->query_edit.text.data + t->query_edit.scroll,
		  end - t->query_edit.scroll, 0);
	wmove(w, h - 1, 2 + col);
}

/* ------------------------------------------------------------------ */
/* a replay against its origin, side by side */

static void add_cell(struct topc_buf *out, const char *s, int cells, bool *ok)
{
	int used = 0;
	size_t i = 0, len = s ? strlen(s) : 0;

	while (i < len && *ok) {
		int c;
		size_t n = lineedit_utf8_char(s + i, len - i, &c);
		if (used + c > cells)
			break;
		*ok = topc_buf_add(out, s + i, n) == TOPC_OK;
		used += c;
		i += n;
	}
	while (used++ < cells && *ok)
		*ok = topc_buf_addc(out, ' ') == TOPC_OK;
}

/* A path too long for its column keeps its end (the field's own name):
 * "...result.success" */
static void add_path_cell(struct topc_buf *out, const char *path, int cells, bool *ok)
{
	const char *p = path;

	if (lineedit_cells(p, strlen(p)) <= cells) {
		add_cell(out, p, cells, ok);
		return;
	}
	while (*p && lineedit_cells(p, strlen(p)) > cells - 3)
		p++;
	while ((*p & 0xc0) == 0x80) /* not in the middle of a character */
		p++;
	*ok = *ok && topc_buf_adds(out, "...") == TOPC_OK;
	add_cell(out, p, cells - 3, ok);
}

/* The rows as text for the response pane: side by side when the pane is
 * wide enough (path | before | now), else unified (- before, + now); the
 * changed fields marked with "~" at the start of their lines */
static bool diff_text(const struct answerdiff *d, int width, struct topc_buf *out)
{
	bool ok = true;

	if (width >= 90) {
		int col = (width - 4) / 3;
		for (size_t i = 0; i < d->nrows && ok; i++) {
			const struct answerdiff_row *r = &d->rows[i];
			ok = topc_buf_adds(out, r->changed ? "~ " : "  ") == TOPC_OK;
			/* two spaces between the columns */
			add_path_cell(out, *r->path ? r->path : "(body)", col - 2, &ok);
			ok = ok && topc_buf_adds(out, "  ") == TOPC_OK;
			add_cell(out, r->before ? r->before : "(absent)", col - 2, &ok);
			ok = ok && topc_buf_adds(out, "  ") == TOPC_OK;
			add_cell(out, r->now ? r->now : "(absent)", col - 2, &ok);
			ok = ok && topc_buf_addc(out, '\n') == TOPC_OK;
		}
		return ok;
	}
	for (size_t k = 0; k < answerdiff_unified_count(d) && ok; k++) {
		size_t row;
		enum answerdiff_side side;
		answerdiff_unified_line(d, k, &row, &side);
		const struct answerdiff_row *r = &d->rows[row];
		const char *v = side == ANSWERDIFF_BEFORE ? r->before : r->now;
		ok = topc_buf_addf(out, "%s %s: %s\n",
				   side == ANSWERDIFF_SAME     ? " "
				   : side == ANSWERDIFF_BEFORE ? "~-"
							       : "~+",
				   *r->path ? r->path : "(body)", v ? v : "(absent)") == TOPC_OK;
	}
	return ok;
}

void tui_replay_diff(struct tui *t, int64_t id, int64_t origin_id)
{
	struct topc_history_entry a, b;
	struct topc_error err = {0};
	struct answerdiff d;
	struct topc_buf out;
	char title[160];
	int width = t->win[PANE_RESPONSE] ? getmaxx(t->win[PANE_RESPONSE]) : 80;

	if (!origin_id) {
		tui_status(t, true,
			   _("entry %lld is no replay; D compares a replay with its origin"),
			   (long long)id);
		return;
	}
	if (topc_history_get(t->s.history, origin_id, &a, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	if (topc_history_get(t->s.history, id, &b, &err) != TOPC_OK) {
		topc_history_entry_release(&a);
		tui_status(t, true, "%s", err.msg);
		return;
	}
	struct topc_compare_answer before = {a.body, a.body_len, a.outcome},
				   now = {b.body, b.body_len, b.outcome};
	topc_buf_init(&out, 0);
	if (answerdiff_build(&d, &before, &now, NULL, 0) != TOPC_OK) {
		tui_status(t, true, _("out of memory comparing the answers"));
	} else if (!diff_text(&d, width, &out)) {
		tui_status(t, true, _("out of memory comparing the answers"));
		answerdiff_release(&d);
	} else {
		snprintf(title, sizeof(title),
			 _("entry %lld against %lld: %s, %zu of %zu fields changed"), (long long)id,
			 (long long)origin_id, topc_compare_verdict_name(answerdiff_verdict(&d)),
			 d.nchanged, d.nrows);
		session_show(&t->s, title, d.nchanged > 0, out.data ? out.data : "", out.len,
			     false);
		t->focus = PANE_RESPONSE;
		answerdiff_release(&d);
	}
	topc_buf_release(&out);
	topc_history_entry_release(&a);
	topc_history_entry_release(&b);
}

/* ------------------------------------------------------------------ */
/* the language picker's export */

void tui_export_copy(struct tui *t, int64_t id, const char *lang_name)
{
	struct topc_history_entry e;
	struct topc_history_export x;
	struct topc_error err = {0};
	struct topc_buf out;
	enum topc_export_lang lang;

	if (!topc_export_lang_parse(lang_name, &lang) ||
	    topc_history_get(t->s.history, id, &e, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg[0] ? err.msg : _("no such export format"));
		return;
	}
	topc_history_export_init(&x);
	topc_buf_init(&out, 0);
	if (!topc_history_export_prepare(&e, topc_form_store_get(&t->s.forms, e.method), &x))
		tui_status(t, true, _("entry %lld sent nothing to export"), (long long)id);
	else if ((lang == TOPC_EXPORT_CURL &&
		  topc_export_script_header(x.builtin, &out) != TOPC_OK) ||
		 topc_export_code(&x.request, lang, &out, &err) != TOPC_OK)
		tui_status(t, true, "%s", err.msg[0] ? err.msg : _("out of memory exporting"));
	else
		tui_copy(t, out.data, out.len);
	topc_buf_release(&out);
	topc_history_export_release(&x);
	topc_history_entry_release(&e);
}
