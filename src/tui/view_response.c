/* view_response.c - the response pane: the outcome line (code, sub_code and
 * request_id picked out), then the body pretty-printed, scrolled, searched,
 * wrapped or not; every byte drawn inert. */
#define _GNU_SOURCE /* memmem */
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "ext/json.h"
#include "ext/xml.h"

static size_t line_len(const struct tui *t, size_t i)
{
	size_t start = t->resp_lines[i];
	const char *nl = strchr(t->resp_text + start, '\n');

	return nl ? (size_t)(nl - t->resp_text) - start : strlen(t->resp_text + start);
}

static int line_attr(const struct tui *t, const char *s, size_t len)
{
	static const char *const bad[] = {"\"code\"", "\"sub_code\"", "\"sub_msg\"", "\"msg\"",
					  "<code>",   "<sub_code>",   "<sub_msg>",   "<msg>"};

	/* a replay diff's changed fields (view_fx.c marks them ~) */
	if (!t->s.answer.from_server && len && s[0] == '~')
		return tui_attr(t, TC_ERROR) | A_BOLD;
	if (t->s.answer.bad)
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (len >= strlen(bad[i]) && memmem(s, len, bad[i], strlen(bad[i])))
				return tui_attr(t, TC_ERROR);
	if (memmem(s, len, "request_id", 10))
		return tui_attr(t, TC_KEY);
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
static void draw_line(struct tui *t, WINDOW *w, int y, const char *s, size_t len, int attr,
		      bool first_part)
{
	int width = getmaxx(w), x = 0;
	size_t at = 0;

	if (attr || !first_part || !t->color) {
		draw_text(w, y, 0, width, s, len, attr);
		return;
	}
	while (at < len && s[at] == ' ')
		at++;
	x += draw_text(w, y, x, width - x, s, at, 0);
	if (at < len && s[at] == '"') { /* JSON: the key, then its value */
		size_t name = name_span(s + at, len - at);
		x += draw_text(w, y, x, width - x, s + at, name, tui_attr(t, TC_NAME));
		draw_text(w, y, x, width - x, s + at + name, len - at - name, 0);
		return;
	}
	while (at < len && x < width) { /* XML: tags and the text between them */
		size_t name = s[at] == '<' ? name_span(s + at, len - at) : 0, plain = 0;
		if (name) {
			x += draw_text(w, y, x, width - x, s + at, name, tui_attr(t, TC_NAME));
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
void tui_response_sync(struct tui *t)
{
	const char *body = t->s.answer.data;
	size_t len = t->s.answer.len, n = 1, i = 0;
	struct topc_buf pretty;

	if (t->resp_serial == t->s.answer.serial)
		return;
	t->resp_serial = t->s.answer.serial;
	free(t->resp_text);
	free(t->resp_lines);
	topc_buf_init(&pretty, 0);
	while (body && i < len && strchr(" \t\r\n", body[i]))
		i++;
	t->resp_text = NULL;
	t->headers = t->headers && t->headers_serial == t->s.answer.serial;
	if (t->headers) {
		t->resp_text =
		    t->s.answer.headers
			? strndup(t->s.answer.headers, t->s.answer.headers_len)
			: strdup("(no headers: answers opened from the history have none "
				 "kept; h shows the body)");
	} else if (!body || !len) {
		;
	} else if (t->raw || !t->s.answer.from_server) {
		t->resp_text = strndup(body, len);
	} else if (body[i] == '<' && len <= TUI_XML_PRETTY_MAX) {
		/* libxml2 builds a tree (several times the text): large XML as it came */
		if (topc_xml_pretty(body, len, &pretty) == TOPC_ERR_NOMEM) {
			t->resp_text = strndup(body, len); /* as received, never cut */
			tui_status(t, false,
				   "the answer is too large to re-indent: shown as received");
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
		t->resp_text = strndup(body, len);
		tui_status(t, false, "the answer is too large to re-indent: shown as received");
	}
	if (!t->resp_text)
		t->resp_text = topc_buf_detach(&pretty, NULL);
	topc_buf_release(&pretty);
	if (!t->resp_text)
		t->resp_text = strdup("");
	for (const char *p = t->resp_text; (p = strchr(p, '\n')); p++)
		n++;
	t->resp_lines = malloc(n * sizeof(*t->resp_lines));
	t->resp_nlines = 0;
	if (t->resp_lines) {
		t->resp_lines[t->resp_nlines++] = 0;
		for (const char *p = t->resp_text; (p = strchr(p, '\n')); p++)
			t->resp_lines[t->resp_nlines++] = (size_t)(p - t->resp_text) + 1;
	}
	/* a pretty text ending in a line break has no line after it */
	if (t->resp_nlines > 1 && !t->resp_text[t->resp_lines[t->resp_nlines - 1]])
		t->resp_nlines--;
	t->resp_top = 0;
	t->search[0] = '\0'; /* a new answer: the old term means nothing here */
	tui_fold_build(t);
	tui_query_close(t); /* its values were the old answer's */
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

static int body_height(const struct tui *t)
{
	return t->win[PANE_RESPONSE] ? getmaxy(t->win[PANE_RESPONSE]) - 2 - (t->searching ? 1 : 0)
				     : 10;
}

/* The search term's matches on a drawn line, in reverse video. */
static void highlight(struct tui *t, WINDOW *w, int y, const char *s, size_t len)
{
	bool fold = smart_fold(t->search);
	size_t n = strlen(t->search), at = 0;
	const char *m;

	if (!n)
		return;
	while (at < len && (m = find_in(s + at, len - at, t->search, fold))) {
		int x = lineedit_cells(s, (size_t)(m - s));
		if (x >= getmaxx(w))
			return;
		draw_text(w, y, x, getmaxx(w) - x, m, n, A_REVERSE | tui_attr(t, TC_KEY));
		at = (size_t)(m - s) + n;
	}
}

static void draw(struct tui *t, WINDOW *w, bool focused)
{
	int h = getmaxy(w), width = getmaxx(w), y = 2;
	char title[160];

	snprintf(title, sizeof(title), "response%s%s%s%s", t->wrap ? "  [wrap]" : "",
		 t->headers ? "  [headers]"
		 : t->raw   ? "  [raw]"
			    : "",
		 t->search[0] ? "  /" : "", t->search);
	if (t->resp_nlines && strlen(title) + 40 < sizeof(title))
		snprintf(title + strlen(title), sizeof(title) - strlen(title), "  line %zu of %zu",
			 tui_resp_line(t, t->resp_top) + 1, t->resp_nlines);
	draw_title(t, w, title, focused);
	if (!t->s.answer.title) {
		draw_text(w, 1, 1, width - 1, "F5 sends the form; the answer shows here",
			  (size_t)-1, tui_attr(t, TC_DIM));
		return;
	}
	draw_text(w, 1, 0, width, t->s.answer.title, (size_t)-1,
		  t->s.answer.bad ? tui_attr(t, TC_ERROR) : tui_attr(t, TC_OK));
	if (t->querying) {
		tui_query_draw(t, w);
		return;
	}
	for (size_t row = t->resp_top; row < tui_resp_rows(t) && y < h; row++) {
		size_t i = tui_resp_line(t, row);
		const char *s = t->resp_text + t->resp_lines[i];
		size_t len = line_len(t, i);
		int attr = line_attr(t, s, len);
		bool first = true;
		size_t hidden = t->folding ? fold_hidden_after(&t->fold, i) : 0;
		if (hidden) { /* the text as it is, then how much is folded after it */
			char more[64];
			int x;
			draw_line(t, w, y, s, len, attr, true);
			x = lineedit_cells(s, len);
			snprintf(more, sizeof(more), _(" ... %zu lines folded (z)"), hidden);
			if (x < width)
				draw_text(w, y, x, width - x, more, (size_t)-1,
					  tui_attr(t, TC_DIM));
			y++;
			continue;
		}
		if (!t->wrap) {
			draw_line(t, w, y++, s, len, attr, true);
			highlight(t, w, y - 1, s, len);
			continue;
		}
		do {
			size_t take = 0;
			int cells = 0, c;
			while (take < len) {
				size_t n = lineedit_utf8_char(s + take, len - take, &c);
				if (cells + c > width)
					break;
				cells += c;
				take += n;
			}
			if (!take)
				take = 1;
			draw_line(t, w, y++, s, take, attr, first);
			highlight(t, w, y - 1, s, take);
			first = false;
			s += take;
			len -= take;
		} while (len && y < h);
	}
	if (t->searching) {
		size_t end;
		int col;
		mvwhline(w, h - 1, 0, ' ', width);
		draw_text(w, h - 1, 0, 1, "/", 1, tui_attr(t, TC_KEY));
		col = lineedit_view(&t->search_edit, width - 2, &end);
		draw_text(w, h - 1, 1, width - 2, t->search_edit.text.data + t->search_edit.scroll,
			  end - t->search_edit.scroll, 0);
		wmove(w, h - 1, 1 + col);
	}
}

/* The next line holding the term, down (or up) from the line after (or
 * before) the top, wrapping around at the end. */
static void find_next(struct tui *t, bool down)
{
	bool fold = smart_fold(t->search);
	size_t n = t->resp_nlines, from = tui_resp_line(t, t->resp_top);

	for (size_t k = 1; k <= n; k++) {
		size_t i = down ? (from + k) % n : (from + n - k % n) % n;
		if (k == n)
			i = from;
		if (find_in(t->resp_text + t->resp_lines[i], line_len(t, i), t->search, fold)) {
			if ((down && i <= from) || (!down && i >= from))
				tui_status(t, false, "search wrapped around");
			t->resp_top = i;
			if (t->folding) { /* a match inside a fold: the folds open */
				if (fold_line_of_visible(&t->fold,
							 fold_visible_of_line(&t->fold, i)) != i)
					(void)!fold_all(&t->fold, false);
				t->resp_top = fold_visible_of_line(&t->fold, i);
			}
			return;
		}
	}
	tui_status(t, true, "\"%s\" not found", t->search);
}

static bool search_key(struct tui *t, int ch, bool is_key)
{
	if (!is_key && ch == TUI_ESC) {
		t->searching = false;
	} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
		t->searching = false;
		snprintf(t->search, sizeof(t->search), "%s", lineedit_text(&t->search_edit));
		if (t->search[0] && t->resp_nlines) {
			/* from the top line itself first */
			t->resp_top = t->resp_top ? t->resp_top - 1 : tui_resp_rows(t) - 1;
			find_next(t, true);
		}
	} else {
		tui_line_key(&t->search_edit, ch, is_key);
	}
	return true;
}

static bool key(struct tui *t, int ch, bool is_key)
{
	size_t page = (size_t)(body_height(t) > 1 ? body_height(t) - 1 : 1);
	/* the last screenful: G and End show the end of the answer whole */
	size_t rows = tui_resp_rows(t);
	size_t last = rows > page ? rows - page : 0;

	if (t->querying)
		return tui_query_key(t, ch, is_key);
	if (t->searching)
		return search_key(t, ch, is_key);
	if (!is_key && ch == '|') {
		tui_query_open(t);
		return true;
	}
	if (tui_fold_key(t, ch, is_key))
		return true;
	if ((is_key && (ch == KEY_END)) || (!is_key && ch == 'G')) {
		t->resp_top = last;
	} else if (!is_key && ch == ' ') {
		t->resp_top = t->resp_top + page < last ? t->resp_top + page : last;
	} else if (!is_key && ch == 'b') {
		t->resp_top = t->resp_top > page ? t->resp_top - page : 0;
	} else if (tui_list_key(&t->resp_top, last + 1, page, ch, is_key, true)) {
		;
	} else if (!is_key && ch == 'w') {
		t->wrap = !t->wrap;
	} else if (!is_key && ch == 'v') {
		t->raw = !t->raw;
		t->resp_serial--; /* made again, raw or pretty */
		tui_response_sync(t);
		tui_status(t, false, t->raw ? "raw: the body exactly as it came" : "pretty");
	} else if (!is_key && ch == 'h') {
		t->headers = !t->headers;
		t->headers_serial = t->s.answer.serial;
		t->resp_serial--; /* made again */
		tui_response_sync(t);
	} else if (!is_key && ch == '/') {
		lineedit_release(&t->search_edit);
		lineedit_init(&t->search_edit, "");
		t->searching = true;
	} else if (!is_key && (ch == 'n' || ch == 'N')) {
		if (t->search[0] && t->resp_nlines)
			find_next(t, ch == 'n');
	} else if (!is_key && ch == 'y') {
		if (t->s.answer.len)
			tui_copy(t, t->s.answer.data, t->s.answer.len);
	} else {
		return false;
	}
	return true;
}

const struct view_ops view_response = {"response", draw, key, NULL};
