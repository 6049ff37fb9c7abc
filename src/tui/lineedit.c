#include "lineedit.h"

#include <string.h>
#include <wchar.h>

void line_init(struct line_edit *l, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	/* room to type 1 MiB, and always for the whole of what is given */
	topc_buf_init(&l->text, n >= 1 << 20 ? n + (1 << 20) : 1 << 20);
	if (topc_buf_add(&l->text, text ? text : "", n) != TOPC_OK)
		topc_buf_reset(&l->text); /* out of memory: an empty line, not a cut one */
	l->cursor = l->text.len;
	l->scroll = 0;
}

void line_release(struct line_edit *l)
{
	topc_buf_release(&l->text);
	l->cursor = l->scroll = 0;
}

const char *line_text(const struct line_edit *l)
{
	return topc_buf_str(&l->text);
}

size_t utf8_char(const char *s, size_t len, int *cells)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;

	if (len == 0) {
		*cells = 0;
		return 0;
	}
	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cells = 4; /* shown as \xNN */
		return 1;
	}
	*cells = wcwidth(wc);
	if (*cells < 0)
		*cells = 4;
	return n;
}

int text_cells(const char *s, size_t len)
{
	int total = 0, c;

	for (size_t i = 0, n; i < len; i += n) {
		n = utf8_char(s + i, len - i, &c);
		total += c;
	}
	return total;
}

/* The byte offset of the character before pos. */
static size_t prev_char(const struct line_edit *l, size_t pos)
{
	size_t p = pos;

	if (p == 0)
		return 0;
	p--;
	while (p > 0 && ((unsigned char)l->text.data[p] & 0xC0) == 0x80)
		p--;
	return p;
}

static size_t next_char(const struct line_edit *l, size_t pos)
{
	int c;

	return pos + utf8_char(l->text.data + pos, l->text.len - pos, &c);
}

void line_insert(struct line_edit *l, const char *s, size_t len)
{
	struct topc_buf clean;

	topc_buf_init(&clean, 1 << 20);
	for (size_t i = 0, n; i < len; i += n) {
		mbstate_t st;
		wchar_t wc;
		memset(&st, 0, sizeof(st));
		n = mbrtowc(&wc, s + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			n = 1;
			continue;
		}
		if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0))
			continue; /* control characters have no place in a field */
		if (topc_buf_add(&clean, s + i, n) != TOPC_OK)
			break; /* too much pasted: nothing is inserted */
	}
	if (clean.len && topc_buf_add(&l->text, clean.data, clean.len) == TOPC_OK) {
		/* topc_buf_add appended at the end: rotate it into place */
		char *d = l->text.data;
		size_t tail = l->text.len - clean.len - l->cursor;
		memmove(d + l->cursor + clean.len, d + l->cursor, tail);
		memcpy(d + l->cursor, clean.data, clean.len);
		l->cursor += clean.len;
	}
	topc_buf_release(&clean);
}

void line_left(struct line_edit *l)
{
	l->cursor = prev_char(l, l->cursor);
}

void line_right(struct line_edit *l)
{
	if (l->cursor < l->text.len)
		l->cursor = next_char(l, l->cursor);
}

void line_home(struct line_edit *l)
{
	l->cursor = 0;
}

void line_end(struct line_edit *l)
{
	l->cursor = l->text.len;
}

static void cut(struct line_edit *l, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(l->text.data + from, l->text.data + to, l->text.len - to);
	l->text.len -= to - from;
	l->text.data[l->text.len] = '\0';
	if (l->cursor > to)
		l->cursor -= to - from;
	else if (l->cursor > from)
		l->cursor = from;
	if (l->scroll > l->cursor)
		l->scroll = l->cursor;
}

void line_backspace(struct line_edit *l)
{
	cut(l, prev_char(l, l->cursor), l->cursor);
}

void line_delete(struct line_edit *l)
{
	if (l->cursor < l->text.len)
		cut(l, l->cursor, next_char(l, l->cursor));
}

void line_kill_to_end(struct line_edit *l)
{
	cut(l, l->cursor, l->text.len);
}

void line_kill_to_start(struct line_edit *l)
{
	cut(l, 0, l->cursor);
}

void line_word_left(struct line_edit *l)
{
	while (l->cursor > 0 && l->text.data[prev_char(l, l->cursor)] == ' ')
		line_left(l);
	while (l->cursor > 0 && l->text.data[prev_char(l, l->cursor)] != ' ')
		line_left(l);
}

int line_view(struct line_edit *l, int width, size_t *end)
{
	int col, c;
	size_t p;

	if (width < 1)
		width = 1;
	if (l->scroll > l->cursor)
		l->scroll = l->cursor;
	/* keep one cell after the cursor for the cursor itself */
	while (text_cells(l->text.data + l->scroll, l->cursor - l->scroll) > width - 1 &&
	       l->scroll < l->cursor)
		l->scroll = next_char(l, l->scroll);
	col = text_cells(l->text.data + l->scroll, l->cursor - l->scroll);
	for (p = l->scroll; p < l->text.len;) {
		size_t n = utf8_char(l->text.data + p, l->text.len - p, &c);
		if (text_cells(l->text.data + l->scroll, p - l->scroll) + c > width)
			break;
		p += n;
	}
	*end = p;
	return col;
}

void line_kill_word(struct line_edit *l)
{
	size_t to = l->cursor;

	line_word_left(l);
	cut(l, l->cursor, to);
}
