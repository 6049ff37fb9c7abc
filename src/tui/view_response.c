/* view_response.c - the response pane: the outcome line (code, sub_code and
 * request_id picked out), then the body pretty-printed, scrolled, searched,
 * wrapped or not; every byte drawn inert. */
#define _GNU_SOURCE /* memmem */
#include "tui.h"

#include <stdlib.h>
#include <string.h>

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

	if (t->resp_title_bad)
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

static void draw(struct tui *t, WINDOW *w, bool focused)
{
	int h = getmaxy(w), width = getmaxx(w), y = 2;
	char title[160];

	snprintf(title, sizeof(title), "response%s%s%s", t->wrap ? "  [wrap]" : "",
		 t->search[0] ? "  /" : "", t->search);
	draw_title(t, w, title, focused);
	if (!t->resp_title) {
		draw_text(w, 1, 1, width - 1, "F5 sends the form; the answer shows here",
			  (size_t)-1, tui_attr(t, TC_DIM));
		return;
	}
	draw_text(w, 1, 0, width, t->resp_title, (size_t)-1,
		  t->resp_title_bad ? tui_attr(t, TC_ERROR) : tui_attr(t, TC_OK));
	for (size_t i = t->resp_top; i < t->resp_nlines && y < h; i++) {
		const char *s = t->resp_text + t->resp_lines[i];
		size_t len = line_len(t, i);
		int attr = line_attr(t, s, len);
		bool first = true;
		if (!t->wrap) {
			draw_line(t, w, y++, s, len, attr, true);
			continue;
		}
		do {
			size_t take = 0;
			int cells = 0, c;
			while (take < len) {
				size_t n = utf8_char(s + take, len - take, &c);
				if (cells + c > width)
					break;
				cells += c;
				take += n;
			}
			if (!take)
				take = 1;
			draw_line(t, w, y++, s, take, attr, first);
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
		col = line_view(&t->search_edit, width - 2, &end);
		draw_text(w, h - 1, 1, width - 2, t->search_edit.text.data + t->search_edit.scroll,
			  end - t->search_edit.scroll, 0);
		wmove(w, h - 1, 1 + col);
	}
}

static void find_next(struct tui *t, size_t from)
{
	for (size_t i = from; i < t->resp_nlines; i++)
		if (memmem(t->resp_text + t->resp_lines[i], line_len(t, i), t->search,
			   strlen(t->search))) {
			t->resp_top = i;
			return;
		}
	tui_status(t, true, "\"%s\" not found below", t->search);
}

static bool search_key(struct tui *t, int ch, bool is_key)
{
	if (!is_key && ch == 27) {
		t->searching = false;
	} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
		t->searching = false;
		snprintf(t->search, sizeof(t->search), "%s", line_text(&t->search_edit));
		if (t->search[0])
			find_next(t, t->resp_top);
	} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		line_backspace(&t->search_edit);
	} else if (!is_key && ch >= 0x20) {
		char mb[8];
		int n = wctomb(mb, (wchar_t)ch);
		if (n > 0)
			line_insert(&t->search_edit, mb, (size_t)n);
	}
	return true;
}

static bool key(struct tui *t, int ch, bool is_key)
{
	int page = t->win[PANE_RESPONSE] ? getmaxy(t->win[PANE_RESPONSE]) - 3 : 10;
	size_t last = t->resp_nlines ? t->resp_nlines - 1 : 0;

	if (t->searching)
		return search_key(t, ch, is_key);
	if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		if (t->resp_top)
			t->resp_top--;
	} else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		if (t->resp_top < last)
			t->resp_top++;
	} else if ((is_key && ch == KEY_PPAGE) || (!is_key && ch == 'b')) {
		t->resp_top = t->resp_top > (size_t)page ? t->resp_top - (size_t)page : 0;
	} else if ((is_key && ch == KEY_NPAGE) || (!is_key && ch == ' ')) {
		t->resp_top = t->resp_top + (size_t)page < last ? t->resp_top + (size_t)page : last;
	} else if ((is_key && ch == KEY_HOME) || (!is_key && ch == 'g')) {
		t->resp_top = 0;
	} else if ((is_key && ch == KEY_END) || (!is_key && ch == 'G')) {
		t->resp_top = last;
	} else if (!is_key && ch == 'w') {
		t->wrap = !t->wrap;
	} else if (!is_key && ch == '/') {
		line_release(&t->search_edit);
		line_init(&t->search_edit, "");
		t->searching = true;
	} else if (!is_key && ch == 'n') {
		if (t->search[0])
			find_next(t, t->resp_top + 1);
	} else if (!is_key && ch == 'y') {
		if (t->resp_text)
			tui_copy(t, t->resp_text, strlen(t->resp_text));
	} else {
		return false;
	}
	return true;
}

const struct view_ops view_response = {"response", draw, key, NULL};
