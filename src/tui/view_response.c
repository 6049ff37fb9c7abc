/* view_response.c - the response pane: the outcome line (code, sub_code and
 * request_id picked out), then the body pretty-printed, scrolled, searched,
 * wrapped or not; every byte drawn inert. */
#define _GNU_SOURCE /* memmem */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "ext/json.h"
#include "ext/xml.h"

/* XML answers up to this size are re-indented in the pane */
#define TUI_XML_PRETTY_MAX (8u << 20)

struct response_state {
	unsigned serial; /* the answer the text below was made from */
	bool made;
	char *text;    /* pretty body, or the raw one */
	size_t *lines; /* line start offsets */
	size_t nlines, top;
	size_t sel;		 /* the cursor line: moving it redraws two lines, not the pane */
	bool wrap, raw, headers; /* raw: the body as it came; headers: the header block */
	unsigned headers_serial; /* the answer whose headers show */
	char search[128];
	bool searching;
	struct lineedit search_edit;
};

static size_t line_len(const struct view *v, size_t i)
{
	const struct response_state *r = v->private;
	size_t start = r->lines[i];
	const char *nl = strchr(r->text + start, '\n');

	return nl ? (size_t)(nl - r->text) - start : strlen(r->text + start);
}

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

/* One line of the body: names coloured, unless the whole line stands out
 * (attr: a code or sub_code line, the request_id).  Keys are found where the
 * re-indenters put them: after the indentation. */
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
	r->search[0] = '\0'; /* a new answer: the old term means nothing here */
}

/* Smart case: a term with no capital matches any case. */
static const char *find_in(const char *s, size_t len, const char *term, bool fold)
{
	size_t n = strlen(term);

	if (!n || n > len)
		return NULL;
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n && (fold ? (s[i + k] >= 'A' && s[i + k] <= 'Z' ? s[i + k] + 32
									    : s[i + k]) == term[k]
				      : s[i + k] == term[k]))
			k++;
		if (k == n)
			return s + i;
	}
	return NULL;
}

static bool smart_fold(const char *term)
{
	for (const char *p = term; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			return false;
	return true;
}

/* The advice under the answer's title takes up to this many rows */
#define ADVICE_ROWS 3

static int advice_rows(const struct view *v)
{
	const char *a = v->env->s->answer.advice;
	int width = v->win ? getmaxx(v->win) : 80, cells;

	if (!a || !*a || width < 1)
		return 0;
	cells = lineedit_cells(a, strlen(a));
	return cells / width + 1 < ADVICE_ROWS ? cells / width + 1 : ADVICE_ROWS;
}

/* The advice, wrapped by cells; the last row cut with a ~ when longer. */
static void draw_advice(const struct view *v, WINDOW *w, int y, int rows)
{
	const char *a = v->env->s->answer.advice;
	size_t len = strlen(a);
	int width = getmaxx(w);

	for (int row = 0; row < rows && len; row++) {
		int cells;
		size_t take = tui_fit(a, len, width - (row == rows - 1 ? 1 : 0), &cells);
		draw_text(w, y + row, 0, width, a, take, tui_attr(TC_KEY));
		if (row == rows - 1 && take < len)
			draw_text(w, y + row, cells, 1, "~", 1, tui_attr(TC_DIM));
		a += take;
		len -= take;
	}
}

static int body_height(const struct view *v)
{
	const struct response_state *r = v->private;
	return v->win ? getmaxy(v->win) - 2 - advice_rows(v) - (r->searching ? 1 : 0) : 10;
}

/* The search term's matches on a drawn line, in reverse video. */
static void highlight(struct view *v, WINDOW *w, int y, const char *s, size_t len)
{
	struct response_state *r = v->private;
	bool fold = smart_fold(r->search);
	size_t n = strlen(r->search), at = 0;
	const char *m;

	if (!n)
		return;
	while (at < len && (m = find_in(s + at, len - at, r->search, fold))) {
		int x = lineedit_cells(s, (size_t)(m - s));
		if (x >= getmaxx(w))
			return;
		draw_text(w, y, x, getmaxx(w) - x, m, n, A_REVERSE | tui_attr(TC_KEY));
		at = (size_t)(m - s) + n;
	}
}

/* Rows line i takes: one, or its wrapped parts. */
static size_t rows_of(const struct view *v, size_t i, int width)
{
	const struct response_state *r = v->private;
	size_t len = line_len(v, i);

	if (!r->wrap || width < 1)
		return 1;
	size_t cells = (size_t)lineedit_cells(r->text + r->lines[i], len);
	return cells ? (cells + (size_t)width - 1) / (size_t)width : 1;
}

/* The top moves only when the cursor line would leave the pane. */
static void keep_in_view(struct view *v, int width)
{
	struct response_state *r = v->private;
	int rows = body_height(v);
	size_t used = 0;

	if (r->sel >= r->nlines)
		r->sel = r->nlines ? r->nlines - 1 : 0;
	if (r->sel < r->top)
		r->top = r->sel;
	for (size_t i = r->top; i <= r->sel && i < r->nlines; i++)
		used += rows_of(v, i, width);
	while (r->top < r->sel && used > (size_t)(rows > 0 ? rows : 1))
		used -= rows_of(v, r->top++, width);
}

static void draw(struct view *v, bool focused)
{
	WINDOW *w = v->win;
	struct response_state *r = v->private;
	int h = getmaxy(w), width = getmaxx(w), y = 2;
	char title[160];

	sync(v);

	snprintf(title, sizeof(title), _("response%s%s%s%s"), r->wrap ? _("  [wrap]") : "",
		 r->headers ? _("  [headers]")
		 : r->raw   ? _("  [raw]")
			    : "",
		 r->search[0] ? "  /" : "", r->search);
	if (r->nlines && strlen(title) + 40 < sizeof(title))
		snprintf(title + strlen(title), sizeof(title) - strlen(title),
			 _("  line %zu of %zu"), r->sel + 1, r->nlines);
	draw_title(w, title, focused);
	keep_in_view(v, width);
	if (!v->env->s->answer.title) {
		draw_text(w, 1, 1, width - 1, _("F5 sends the form; the answer shows here"),
			  (size_t)-1, tui_attr(TC_DIM));
		return;
	}
	draw_text(w, 1, 0, width, v->env->s->answer.title, (size_t)-1,
		  v->env->s->answer.bad ? tui_attr(TC_ERROR) : tui_attr(TC_OK));
	if (advice_rows(v)) {
		draw_advice(v, w, 2, advice_rows(v));
		y += advice_rows(v);
	}
	for (size_t i = r->top; i < r->nlines && y < h; i++) {
		const char *s = r->text + r->lines[i];
		size_t len = line_len(v, i);
		int attr = focused && i == r->sel ? tui_attr(TC_FOCUS) : line_attr(v, s, len);
		bool first = true;
		if (!r->wrap) {
			draw_line(v, w, y++, s, len, attr, true);
			highlight(v, w, y - 1, s, len);
			continue;
		}
		do {
			size_t take = tui_fit(s, len, width, NULL);
			draw_line(v, w, y++, s, take, attr, first);
			highlight(v, w, y - 1, s, take);
			first = false;
			s += take;
			len -= take;
		} while (len && y < h);
	}
	if (r->searching) {
		size_t end;
		int col;
		mvwhline(w, h - 1, 0, ' ', width);
		draw_text(w, h - 1, 0, 1, "/", 1, tui_attr(TC_KEY));
		col = lineedit_view(&r->search_edit, width - 2, &end);
		draw_text(w, h - 1, 1, width - 2, r->search_edit.text.data + r->search_edit.scroll,
			  end - r->search_edit.scroll, 0);
		wmove(w, h - 1, 1 + col);
	}
}

/* The next line holding the term, down (or up) from the line after (or
 * before) the top, wrapping around at the end. */
static void find_next(struct view *v, bool down)
{
	struct response_state *r = v->private;
	bool fold = smart_fold(r->search);
	size_t n = r->nlines;

	for (size_t k = 1; k <= n; k++) {
		size_t i = down ? (r->sel + k) % n : (r->sel + n - k % n) % n;
		if (k == n)
			i = r->sel;
		if (find_in(r->text + r->lines[i], line_len(v, i), r->search, fold)) {
			if ((down && i <= r->sel) || (!down && i >= r->sel))
				view_report(v, false, _("search wrapped around"));
			r->sel = i;
			return;
		}
	}
	view_report(v, true, _("\"%s\" not found"), r->search);
}

static enum request search_key(struct view *v, int ch, bool is_key)
{
	struct response_state *r = v->private;
	if (!is_key && ch == TUI_ESC) {
		r->searching = false;
	} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
		r->searching = false;
		snprintf(r->search, sizeof(r->search), "%s", lineedit_text(&r->search_edit));
		if (r->search[0] && r->nlines) {
			/* from the top line itself first */
			r->sel = r->sel ? r->sel - 1 : r->nlines - 1;
			find_next(v, true);
		}
	} else {
		tui_line_key(&r->search_edit, ch, is_key);
	}
	return REQ_NONE;
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct response_state *r = v->private;
	size_t page, last;

	sync(v);
	page = (size_t)(body_height(v) > 1 ? body_height(v) - 1 : 1);
	/* the last screenful: G and End show the end of the answer whole */
	last = r->nlines > page ? r->nlines - page : 0;
	if (r->searching)
		return search_key(v, ch, is_key);
	if ((is_key && (ch == KEY_END)) || (!is_key && ch == 'G')) {
		r->top = last;
		r->sel = r->nlines ? r->nlines - 1 : 0;
	} else if (!is_key && ch == ' ') {
		r->top = r->top + page < last ? r->top + page : last;
		r->sel =
		    r->sel + page < r->nlines ? r->sel + page : (r->nlines ? r->nlines - 1 : 0);
	} else if (!is_key && ch == 'b') {
		r->top = r->top > page ? r->top - page : 0;
		r->sel = r->sel > page ? r->sel - page : 0;
	} else if (tui_list_key(&r->sel, r->nlines, page, ch, is_key, true)) {
		/* G as End above; g and Home: the top too */
		if (r->sel == 0)
			r->top = 0;
	} else if (!is_key && ch == 'w') {
		r->wrap = !r->wrap;
	} else if (!is_key && ch == 'v') {
		r->raw = !r->raw;
		r->made = false; /* made again, raw or pretty */
		sync(v);
		view_report(v, false, r->raw ? _("raw: the body exactly as it came") : _("pretty"));
	} else if (!is_key && ch == 'h') {
		r->headers = !r->headers;
		r->headers_serial = v->env->s->answer.serial;
		r->made = false; /* made again */
		sync(v);
	} else if (!is_key && ch == '/') {
		lineedit_release(&r->search_edit);
		lineedit_init(&r->search_edit, "");
		r->searching = true;
	} else if (!is_key && (ch == 'n' || ch == 'N')) {
		if (r->search[0] && r->nlines)
			find_next(v, ch == 'n');
	} else if (!is_key && ch == 'y') {
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

	lineedit_release(&r->search_edit);
	free(r->text);
	free(r->lines);
}

static enum request paste(struct view *v, const char *text, size_t len, struct view_req *out)
{
	struct response_state *r = v->private;

	(void)out;
	if (!r->searching)
		return REQ_UNKNOWN;
	lineedit_insert(&r->search_edit, text, len);
	return REQ_NONE;
}

/* Another pane took the focus: the search line closes. */
static void changed(struct view *v, enum request req, enum session_result res)
{
	(void)res;
	if (req == REQ_ACTION_NEXT_PANE || req == REQ_ACTION_PREV_PANE)
		((struct response_state *)v->private)->searching = false;
}

static enum view_input input(struct view *v)
{
	return ((struct response_state *)v->private)->searching ? VIEW_TEXT_CURSOR : VIEW_KEYS;
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
};
