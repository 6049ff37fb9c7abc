/* view_response.c - the response pane: the outcome line (code, sub_code and
 * request_id picked out), then the body pretty-printed, scrolled, searched,
 * wrapped or not; every byte drawn inert.
 *
 * A JSON body folds (z, Z; fold.h): the cursor and the top are rows of what
 * shows, each row a text line (wrapped over several screen lines when
 * wrapping); a folded line shows its text, then a marker in reverse video
 * with the count of the text lines it hides, the only thing drawn that the
 * server did not send.  The raw body and the headers never fold.
 *
 * The query line (| or the query action) is a view of its own
 * (view_query.c) that this pane hosts over its body: it gets the pane's
 * keys and pastes while open, and this pane closes it.  The search (/, n,
 * N) and the hosting of the query line are view_response_search.c's
 * (view_response_internal.h). */
#define _GNU_SOURCE /* memmem */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "ext/json.h"
#include "ext/xml.h"
#include "fold.h"
#include "view_response_internal.h"

/* XML answers up to this size are re-indented in the pane */
#define TUI_XML_PRETTY_MAX (8u << 20)

/* The text lines folded after line i (0: none) */
static size_t hidden_after(const struct response_state *r, size_t i)
{
	return r->folding ? fold_hidden_after(&r->fold, i) : 0;
}

/* The folded line's marker, after its text: never from the server */
static void fold_marker(size_t hidden, char *out, size_t size)
{
	if (tui_ascii()) /* no translation shows in a non-UTF-8 charset anyway */
		snprintf(out, size, "... %zu lines", hidden);
	else
		snprintf(out, size, _("… %zu lines"), hidden);
}

/* The pretty JSON body is read into folds (not the raw body, the headers,
 * XML or a message); the text itself is never changed */
static void build_folds(struct view *v)
{
	struct response_state *r = v->private;
	const char *p = r->text;
	size_t len = strlen(r->text);

	fold_release(&r->fold);
	r->folding = false;
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	if (r->raw || r->headers || !v->env->s->answer.from_server || (*p != '{' && *p != '['))
		return;
	if (len && r->text[len - 1] == '\n') /* no line after the last break: as nlines */
		len--;
	r->folding = fold_build(&r->fold, r->text, len) == TOPC_OK;
	if (r->folding && r->fold.nlines != r->nlines) { /* its lines must be the pane's */
		fold_release(&r->fold);
		r->folding = false;
	}
}

/* A text line as one draw shows it: its start and length, and the part
 * of it on its first screen row (tui_fit measures as draw_text draws), so
 * a line is measured once per draw. */
struct shown_line {
	const char *s;
	size_t len;   /* the whole line's bytes */
	size_t shown; /* the bytes on its first screen row */
	int cells;    /* their cells */
};

static struct shown_line shown_line(const struct view *v, size_t i, int width)
{
	const struct response_state *r = v->private;
	struct shown_line l = {.s = r->text + r->lines[i], .len = line_len(v, i)};

	l.shown = l.len ? tui_fit(l.s, l.len, width > 0 ? width : 1, &l.cells) : 0;
	return l;
}

/* The colour of a line by the names in the part of it shown, s[0..len)
 * (a 40 MB line was searched whole at every draw). */
static int line_attr(const struct view *v, const char *s, size_t len)
{
	static const char *const bad[] = {"\"code\"", "\"sub_code\"", "\"sub_msg\"", "\"msg\"",
					  "<code>",   "<sub_code>",   "<sub_msg>",   "<msg>"};

	if (v->env->s->answer.bad)
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (len >= strlen(bad[i]) && memmem(s, len, bad[i], strlen(bad[i])))
				return tui_attr(TC_ERROR);
	if (memmem(s, len, "request_id", 10))
		return tui_attr(TC_KEY);
	return 0;
}

/* Length of the span to colour as a name at s: a JSON key ("name" before
 * its colon), an XML tag (<...>); 0 when s starts none. */
static size_t name_span(const char *s, size_t len)
{
	size_t i = 1;

	if (len && s[0] == '<') {
		while (i < len && s[i] != '>')
			i++;
		return i < len ? i + 1 : 0;
	}
	if (!len || s[0] != '"')
		return 0;
	while (i < len && s[i] != '"')
		i += s[i] == '\\' ? 2 : 1;
	return i + 1 < len && s[i + 1] == ':' ? i + 1 : 0;
}

/* One screen row of the body, s[0..len) (what fits the row: a 40 MB
 * line's string or text is never scanned to its end): names coloured,
 * unless the whole line stands out (attr: a code or sub_code line, the
 * request_id).  Keys are found where the re-indenters put them: after the
 * indentation. */
static void draw_line(struct view *v, WINDOW *w, int y, const char *s, size_t len, int attr,
		      bool first_part)
{
	int width = getmaxx(w), x = 0;
	size_t at = 0;

	if (attr || !first_part || !tui_has_color()) {
		draw_text(w, y, 0, width, s, len, attr);
		return;
	}
	while (at < len && s[at] == ' ')
		at++;
	x += draw_text(w, y, x, width - x, s, at, 0);
	if (at < len && s[at] == '"') { /* JSON: the key, then its value */
		size_t name = name_span(s + at, len - at);
		x += draw_text(w, y, x, width - x, s + at, name, tui_attr(TC_NAME));
		draw_text(w, y, x, width - x, s + at + name, len - at - name, 0);
		return;
	}
	while (at < len && x < width) { /* XML: tags and the text between them */
		size_t name = s[at] == '<' ? name_span(s + at, len - at) : 0, plain = 0;
		if (name) {
			x += draw_text(w, y, x, width - x, s + at, name, tui_attr(TC_NAME));
			at += name;
			continue;
		}
		while (at + plain < len && (plain == 0 || s[at + plain] != '<'))
			plain++;
		x += draw_text(w, y, x, width - x, s + at, plain, 0);
		at += plain;
	}
}

/* The pane's text from the session's answer: pretty unless raw; an XML
 * declaration only when the server sent one. */
/* HTTP ends each header line with CR LF: the CR showed as a reversed \x0D
 * at the end of every line of the headers view.  Dropped there (a CR
 * anywhere else still shows). */
static void drop_line_end_crs(char *text)
{
	size_t to = 0;

	for (size_t i = 0; text && text[i]; i++)
		if (text[i] != '\r' || text[i + 1] != '\n')
			text[to++] = text[i];
	if (text)
		text[to] = '\0';
}

static void sync(struct view *v)
{
	struct response_state *r = v->private;
	const char *body = v->env->s->answer.data;
	size_t len = v->env->s->answer.len, n = 1, i = 0;
	struct topc_buf pretty;

	if (r->made && r->serial == v->env->s->answer.serial)
		return;
	r->serial = v->env->s->answer.serial;
	r->made = true;
	free(r->text);
	free(r->lines);
	topc_buf_init(&pretty, 0);
	while (body && i < len && strchr(" \t\r\n", body[i]))
		i++;
	r->text = NULL;
	r->headers = r->headers && r->headers_serial == v->env->s->answer.serial;
	if (r->headers) {
		r->text = v->env->s->answer.headers
			      ? strndup(v->env->s->answer.headers, v->env->s->answer.headers_len)
			      : strdup(_("(no headers kept for this answer: entries recorded "
					 "before topc kept them, and sends without an answer, have "
					 "none; h shows the body)"));
		drop_line_end_crs(r->text);
	} else if (!body || !len) {
		;
	} else if (r->raw || !v->env->s->answer.from_server) {
		r->text = strndup(body, len);
	} else if (body[i] == '<' && len <= TUI_XML_PRETTY_MAX) {
		/* libxml2 builds a tree (several times the text): large XML as it came */
		if (topc_xml_pretty(body, len, &pretty) == TOPC_ERR_NOMEM) {
			r->text = strndup(body, len); /* as received, never cut */
			view_report(v, false,
				    _("the answer is too large to re-indent: shown as received"));
		}
		if (len - i < 5 || memcmp(body + i, "<?xml", 5) != 0) {
			/* the re-indenter's declaration is not what the server sent */
			if (pretty.len > 5 && memcmp(pretty.data, "<?xml", 5) == 0) {
				const char *nl = memchr(pretty.data, '\n', pretty.len);
				size_t cut = nl ? (size_t)(nl - pretty.data) + 1 : pretty.len;
				memmove(pretty.data, pretty.data + cut, pretty.len - cut);
				pretty.len -= cut;
				pretty.data[pretty.len] = '\0';
			}
		}
	} else if (topc_json_pretty(body, len, &pretty) == TOPC_ERR_NOMEM) {
		/* re-indented it would pass the buffer's cap: as received, never cut */
		r->text = strndup(body, len);
		view_report(v, false, _("the answer is too large to re-indent: shown as received"));
	}
	if (!r->text)
		r->text = topc_buf_detach(&pretty, NULL);
	topc_buf_release(&pretty);
	if (!r->text)
		r->text = strdup("");
	r->text_len = r->text ? strlen(r->text) : 0;
	for (const char *p = r->text; (p = strchr(p, '\n')); p++)
		n++;
	r->lines = malloc(n * sizeof(*r->lines));
	r->nlines = 0;
	if (r->lines) {
		r->lines[r->nlines++] = 0;
		for (const char *p = r->text; (p = strchr(p, '\n')); p++)
			r->lines[r->nlines++] = (size_t)(p - r->text) + 1;
	}
	/* a pretty text ending in a line break has no line after it */
	if (r->nlines > 1 && !r->text[r->lines[r->nlines - 1]])
		r->nlines--;
	r->top = r->sel = 0;
	r->search[0] = '\0';	/* a new answer: the old term means nothing here */
	fold_release(&r->fold); /* read at the first z: a 40 MB answer costs 200 ms */
	r->folding = r->folds_read = false;
}

/* The advice under the answer's title takes up to this many rows */
#define ADVICE_ROWS 3

/* The rows prose takes wrapped at spaces in width cells, at most cap. */
static int wrapped_rows(const char *text, int width, int cap)
{
	size_t len = text ? strlen(text) : 0, next;
	int rows = 0;

	while (len && rows < cap && width > 1) {
		tui_wrap_part(text, len, width, true, &next);
		text += next;
		len -= next;
		rows++;
	}
	return rows;
}

static int advice_rows(const struct view *v)
{
	return wrapped_rows(v->env->s->answer.advice, v->win ? getmaxx(v->win) : 80, ADVICE_ROWS);
}

/* The answer's title takes two rows when one does not hold it: its detail
 * (why a transfer failed: "the connection was closed after 40 of 80
 * bytes") is at its end, and was cut at 80 columns. */
static int title_rows(const struct view *v)
{
	const struct response_state *r = v->private;
	int rows;

	/* the query line's view draws from the second row: the title keeps
	 * one (cut with its ~), never a second the query wipes */
	if (r->query.ops)
		return 1;
	rows = wrapped_rows(v->env->s->answer.title, v->win ? getmaxx(v->win) : 80, 2);
	return rows > 1 ? 2 : 1;
}

/* Prose (the title, the advice) on rows rows from y, wrapped at spaces;
 * the last row cut with a ~ when longer. */
static void draw_wrapped(WINDOW *w, int y, int rows, const char *text, int attr)
{
	size_t len = strlen(text);
	int width = getmaxx(w);

	for (int row = 0; row < rows && len; row++) {
		size_t next, take;
		if (row == rows - 1) { /* the rest, cut as every text is */
			draw_text_cut(w, y + row, 0, width, text, attr);
			return;
		}
		take = tui_wrap_part(text, len, width, true, &next);
		draw_text(w, y + row, 0, width, text, take, attr);
		text += next;
		len -= next;
	}
}

static int body_height(const struct view *v)
{
	const struct response_state *r = v->private;
	return v->win
		   ? getmaxy(v->win) - 1 - title_rows(v) - advice_rows(v) - (r->searching ? 1 : 0)
		   : 10;
}

/* The screen lines text line i takes: one, or its wrapped parts (and, folded,
 * a line more when its marker does not fit after the last part), counted
 * up to cap: every caller compares sums of them with the pane's height, and
 * a sum of counts capped at height + 1 passes it exactly when the true sum
 * does.  A 40 MB line is 500,000 rows at 80 columns: counted whole, every
 * key spent seconds on it. */
static size_t rows_of(const struct view *v, size_t i, int width, size_t cap)
{
	const struct response_state *r = v->private;
	const char *s = r->text + r->lines[i];
	size_t len = line_len(v, i), parts = 0, hidden = hidden_after(r, i);
	int cells = 0;
	char marker[64];

	if (!r->wrap || width < 1)
		return 1;
	do {
		size_t take = tui_fit(s, len, width, &cells);
		s += take;
		len -= take;
		parts++;
	} while (len && parts < cap);
	if (len)
		return cap;
	if (hidden) {
		fold_marker(hidden, marker, sizeof(marker));
		if (cells + 1 + lineedit_cells(marker, strlen(marker)) > width)
			parts++;
	}
	return parts;
}

/* The top moves only when the cursor row would leave the pane. */
static void keep_in_view(struct view *v, int width)
{
	struct response_state *r = v->private;
	int rows = body_height(v);
	size_t used = 0, count = row_count(r);

	if (r->sel >= count)
		r->sel = count ? count - 1 : 0;
	if (r->sel < r->top)
		r->top = r->sel;
	size_t cap = (size_t)(rows > 0 ? rows : 1) + 1;

	for (size_t i = r->top; i <= r->sel && i < count; i++)
		used += rows_of(v, line_of(r, i), width, cap);
	while (r->top < r->sel && used > (size_t)(rows > 0 ? rows : 1))
		used -= rows_of(v, line_of(r, r->top++), width, cap);
}

/* After a folded line's text (which ended at column x of row y): a space,
 * then the marker, on the next row when it does not fit (wrapping), or
 * over the end of a line cut at the pane's edge (not wrapping). */
static int draw_fold_marker(struct view *v, WINDOW *w, int y, int x, size_t hidden)
{
	const struct response_state *r = v->private;
	int width = getmaxx(w), h = getmaxy(w), cells;
	char marker[64];

	fold_marker(hidden, marker, sizeof(marker));
	cells = lineedit_cells(marker, strlen(marker));
	if (x + 1 + cells > width) {
		if (r->wrap && y + 1 < h) {
			y++;
			x = -1;
		} else {
			x = width - cells - 1 > 0 ? width - cells - 1 : 0;
		}
	}
	if (x >= 0)
		draw_text(w, y, x, 1, " ", 1, 0);
	draw_text(w, y, x + 1, width - x - 1, marker, (size_t)-1, A_REVERSE | tui_attr(TC_DIM));
	return y + 1;
}

/* Text line i (l: as measured for this draw) from row y: cut at the
 * pane's edge, or wrapped, each part measured once; then its fold marker.
 * Returns the row after it. */
static int draw_text_line(struct view *v, WINDOW *w, int y, size_t i, const struct shown_line *l,
			  int attr)
{
	struct response_state *r = v->private;
	int h = getmaxy(w), width = getmaxx(w), cells = l->cells;
	const char *s = l->s;
	size_t len = l->len, take = l->shown, hidden = hidden_after(r, i);
	bool first = true;

	if (!r->wrap) {
		/* a line cut at the edge ends in a dim ~, as the advice does: the
		 * value on it never reads as whole (w wraps it) */
		bool cut = false;
		if (take < len && !hidden && width > 1)
			take = draw_cut_fit(s, len, false, width, &cells, &cut);
		draw_line(v, w, y, s, take, attr, true);
		view_response_highlight(v, w, y, s, take, len);
		if (cut)
			draw_cut_mark(w, y, cells);
		return hidden ? draw_fold_marker(v, w, y, cells, hidden) : y + 1;
	}
	for (;;) {
		draw_line(v, w, y++, s, take, attr, first);
		view_response_highlight(v, w, y - 1, s, take, take);
		first = false;
		s += take;
		len -= take;
		if (!len || y >= h)
			break;
		take = tui_fit(s, len, width, &cells);
	}
	return hidden && !len ? draw_fold_marker(v, w, y - 1, cells, hidden) : y;
}

static void draw(struct view *v, bool focused)
{
	WINDOW *w = v->win;
	struct response_state *r = v->private;
	int h = getmaxy(w), width = getmaxx(w), y, trows, arows;
	char title[200];

	sync(v);
	if (r->query.ops && !v->env->s->answer.from_server) {
		view_response_close_query(v); /* a diff or a message: nothing to query */
		view_report(v, false, _("the query line closed: the pane shows no answer"));
	}
	snprintf(title, sizeof(title), _("response%s%s%s%s%s"), r->wrap ? _("  [wrap]") : "",
		 r->headers ? _("  [headers]")
		 : r->raw   ? _("  [raw]")
			    : "",
		 r->query.ops ? _("  [query]") : "", r->search[0] ? "  /" : "", r->search);
	/* no answer, no lines to count (it said "line 1 of 1") */
	if (r->nlines && v->env->s->answer.title && strlen(title) + 40 < sizeof(title))
		snprintf(title + strlen(title), sizeof(title) - strlen(title),
			 _("  line %zu of %zu"), line_of(r, r->sel) + 1, r->nlines);
	draw_title(w, title, focused);
	keep_in_view(v, width);
	if (!v->env->s->answer.title) {
		draw_text(w, 1, 1, width - 1, _("F5 sends the form; the answer shows here"),
			  (size_t)-1, tui_attr(TC_DIM));
		return;
	}
	trows = title_rows(v);
	draw_wrapped(w, 1, trows, v->env->s->answer.title,
		     v->env->s->answer.bad ? tui_attr(TC_ERROR) : tui_attr(TC_OK));
	y = 1 + trows;
	if (r->query.ops) {
		r->query.win = w;
		r->query.ops->draw(&r->query, focused);
		return;
	}
	arows = advice_rows(v);
	if (arows)
		draw_wrapped(w, y, arows, v->env->s->answer.advice, tui_attr(TC_KEY));
	y += arows;
	for (size_t row = r->top; row < row_count(r) && y < h; row++) {
		size_t i = line_of(r, row);
		struct shown_line l = shown_line(v, i, width);
		int attr =
		    focused && row == r->sel ? tui_attr(TC_FOCUS) : line_attr(v, l.s, l.shown);
		y = draw_text_line(v, w, y, i, &l, attr);
	}
	if (r->searching)
		view_response_draw_search_line(v, w);
}

/* z folds or unfolds the object or array at the cursor, Z folds every
 * one, or unfolds them all when some are folded; the cursor stays on its
 * text line, or on the fold that hides it. */
static void fold_key(struct view *v, int ch)
{
	struct response_state *r = v->private;
	size_t line = line_of(r, r->sel), top_line = line_of(r, r->top);

	if (!r->folds_read) {
		build_folds(v);
		r->folds_read = true;
	}
	if (!r->folding) {
		view_report(
		    v, true,
		    r->raw || r->headers
			? _("the raw body and the headers do not fold; v or h shows the body")
			: _("only a JSON answer folds"));
		return;
	}
	if (ch == 'z' && !fold_toggle(&r->fold, line))
		view_report(v, false, _("no object or array here to fold"));
	if (ch == 'Z' && fold_all(&r->fold, r->fold.hidden == 0) != TOPC_OK)
		view_report(v, true, _("out of memory folding"));
	r->sel = row_of(r, line);
	r->top = row_of(r, top_line);
}

/* The top row that shows the end of the text whole: the last screenful,
 * wrapped lines counted by the screen lines they take */
static size_t last_top(const struct view *v)
{
	const struct response_state *r = v->private;
	int width = v->win ? getmaxx(v->win) : 80;
	size_t top = row_count(r), used = 0,
	       rows = (size_t)(body_height(v) > 1 ? body_height(v) : 1);

	while (top > 0) {
		size_t need = rows_of(v, line_of(r, top - 1), width, rows + 1);
		if (used + need > rows)
			break;
		used += need;
		top--;
	}
	return top < row_count(r) ? top : (row_count(r) ? row_count(r) - 1 : 0);
}

/* The moves over the rows: true when ch was one */
static bool move_key(struct view *v, int ch, bool is_key)
{
	struct response_state *r = v->private;
	size_t count = row_count(r), page, last;

	page = (size_t)(body_height(v) > 1 ? body_height(v) - 1 : 1);
	/* the last screenful: G and End show the end of the answer whole */
	last = count > page ? count - page : 0;
	if ((is_key && (ch == KEY_END)) || (!is_key && ch == 'G')) {
		r->sel = count ? count - 1 : 0;
		r->top = last_top(v);
	} else if (!is_key && ch == ' ') {
		r->top = r->top + page < last ? r->top + page : last;
		r->sel = r->sel + page < count ? r->sel + page : (count ? count - 1 : 0);
	} else if (!is_key && ch == 'b') {
		r->top = r->top > page ? r->top - page : 0;
		r->sel = r->sel > page ? r->sel - page : 0;
	} else if (tui_list_key(&r->sel, count, page, ch, is_key, true)) {
		/* G as End above; g and Home: the top too */
		if (r->sel == 0)
			r->top = 0;
	} else {
		return false;
	}
	return true;
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct response_state *r = v->private;

	sync(v);
	if (r->query.ops)
		return view_response_query_key(v, ch, is_key, out);
	if (r->searching)
		return view_response_search_key(v, ch, is_key);
	if (move_key(v, ch, is_key))
		return REQ_NONE;
	if (is_key)
		return REQ_UNKNOWN;
	if (ch == 'w') {
		r->wrap = !r->wrap;
	} else if (ch == 'z' || ch == 'Z') {
		fold_key(v, ch);
	} else if (ch == '|') {
		view_response_open_query(v, NULL);
	} else if (ch == 'v') {
		r->raw = !r->raw;
		r->made = false; /* made again, raw or pretty */
		sync(v);
		view_report(v, false, r->raw ? _("raw: the body exactly as it came") : _("pretty"));
	} else if (ch == 'h') {
		r->headers = !r->headers;
		r->headers_serial = v->env->s->answer.serial;
		r->made = false; /* made again */
		sync(v);
	} else if (ch == '/') {
		lineedit_release(&r->search_edit);
		lineedit_init(&r->search_edit, "");
		r->searching = true;
	} else if (ch == 'n' || ch == 'N') {
		if (r->search[0] && r->nlines)
			view_response_find_next(v, ch == 'n');
	} else if (ch == 'y') {
		if (!v->env->s->answer.len)
			return REQ_NONE;
		out->data = v->env->s->answer.data;
		out->len = v->env->s->answer.len;
		return REQ_COPY;
	} else {
		return REQ_UNKNOWN;
	}
	return REQ_NONE;
}

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct response_state *r = v->private;

	(void)req;
	(void)arg;
	lineedit_init(&r->search_edit, "");
	return true;
}

static void done(struct view *v)
{
	struct response_state *r = v->private;

	view_response_close_query(v);
	lineedit_release(&r->search_edit);
	fold_release(&r->fold);
	free(r->text);
	free(r->lines);
}

static enum request paste(struct view *v, const char *text, size_t len, struct view_req *out)
{
	struct response_state *r = v->private;

	if (r->query.ops)
		return r->query.ops->paste(&r->query, text, len, out);
	if (!r->searching)
		return REQ_UNKNOWN;
	lineedit_insert(&r->search_edit, text, len);
	return REQ_NONE;
}

/* Another pane took the focus: the search line closes (the query line
 * stays, following the answers that come).  The query action (the driver
 * gave this pane the focus) opens the query line. */
static void changed(struct view *v, enum request req, enum session_result res)
{
	(void)res;
	if (req == REQ_ACTION_NEXT_PANE || req == REQ_ACTION_PREV_PANE)
		((struct response_state *)v->private)->searching = false;
	if (req == REQ_ACTION_QUERY) {
		sync(v);
		view_response_open_query(v, NULL);
	}
}

static enum view_input input(struct view *v)
{
	const struct response_state *r = v->private;
	return r->searching || r->query.ops ? VIEW_TEXT_CURSOR : VIEW_KEYS;
}

static int tick(struct view *v)
{
	struct response_state *r = v->private;
	return r->query.ops ? r->query.ops->tick(&r->query) : -1;
}

const struct view_ops view_response = {
    .name = "response",
    .private_size = sizeof(struct response_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
    .changed = changed,
    .paste = paste,
    .input = input,
    .tick = tick,
};
