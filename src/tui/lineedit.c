#include "lineedit.h"

#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "base/utf8.h"

void lineedit_init(struct lineedit *l, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	/* room to type 1 MiB, and always for the whole of what is given */
	topc_buf_init(&l->text, n >= 1 << 20 ? n + (1 << 20) : 1 << 20);
	if (topc_buf_add(&l->text, text ? text : "", n) != TOPC_OK)
		topc_buf_reset(&l->text); /* out of memory: an empty line, not a cut one */
	l->cursor = l->text.len;
	l->scroll = 0;
}

void lineedit_release(struct lineedit *l)
{
	topc_buf_release(&l->text);
	l->cursor = l->scroll = 0;
}

const char *lineedit_text(const struct lineedit *l)
{
	return topc_buf_str(&l->text);
}

void lineedit_char_read(const char *s, size_t len, struct lineedit_char *c)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	unsigned char b = len ? (unsigned char)s[0] : 0;

	memset(c, 0, sizeof(*c));
	if (len == 0)
		return;
	c->bytes = 1;
	c->code = b;
	if (b == '\t') {
		c->form = LINEEDIT_TAB;
		c->cells = 2;
		return;
	}
	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || (n == 1 && (b < 0x20 || b >= 0x7f))) {
		c->form = LINEEDIT_BYTE; /* a NUL, control, DEL or a byte of no character */
		c->cells = 4;
		return;
	}
	c->bytes = n;
	c->code = (unsigned long)wc;
	if (topc_utf8_inert((uint32_t)wc, true)) {
		c->form = LINEEDIT_CODE; /* U+0080..U+009F, bidi, zero-width: \uXXXX */
		c->cells = 6;
		for (unsigned long big = c->code >> 16; big; big >>= 4)
			c->cells++; /* as %04lX prints it */
		return;
	}
	c->cells = wcwidth(wc);
	if (c->cells < 0) {
		c->form = LINEEDIT_UNPRINTABLE;
		c->cells = 1;
	}
}

size_t lineedit_utf8_char(const char *s, size_t len, int *cells)
{
	struct lineedit_char c;

	lineedit_char_read(s, len, &c);
	*cells = c.cells;
	return c.bytes;
}

int lineedit_cells(const char *s, size_t len)
{
	int total = 0, c;

	for (size_t i = 0, n; i < len; i += n) {
		n = lineedit_utf8_char(s + i, len - i, &c);
		total += c;
	}
	return total;
}

/* The byte offset of the character before pos. */
static size_t prev_char(const struct lineedit *l, size_t pos)
{
	size_t p = pos;

	if (p == 0)
		return 0;
	p--;
	while (p > 0 && ((unsigned char)l->text.data[p] & 0xC0) == 0x80)
		p--;
	return p;
}

static size_t next_char(const struct lineedit *l, size_t pos)
{
	int c;

	return pos + lineedit_utf8_char(l->text.data + pos, l->text.len - pos, &c);
}

void lineedit_insert(struct lineedit *l, const char *s, size_t len)
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

void lineedit_left(struct lineedit *l)
{
	l->cursor = prev_char(l, l->cursor);
}

void lineedit_right(struct lineedit *l)
{
	if (l->cursor < l->text.len)
		l->cursor = next_char(l, l->cursor);
}

void lineedit_home(struct lineedit *l)
{
	l->cursor = 0;
}

void lineedit_end(struct lineedit *l)
{
	l->cursor = l->text.len;
}

static void cut(struct lineedit *l, size_t from, size_t to)
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

void lineedit_backspace(struct lineedit *l)
{
	cut(l, prev_char(l, l->cursor), l->cursor);
}

void lineedit_delete(struct lineedit *l)
{
	if (l->cursor < l->text.len)
		cut(l, l->cursor, next_char(l, l->cursor));
}

void lineedit_kill_to_end(struct lineedit *l)
{
	cut(l, l->cursor, l->text.len);
}

void lineedit_kill_to_start(struct lineedit *l)
{
	cut(l, 0, l->cursor);
}

void lineedit_word_left(struct lineedit *l)
{
	while (l->cursor > 0 && l->text.data[prev_char(l, l->cursor)] == ' ')
		lineedit_left(l);
	while (l->cursor > 0 && l->text.data[prev_char(l, l->cursor)] != ' ')
		lineedit_left(l);
}

int lineedit_view(struct lineedit *l, int width, size_t *end)
{
	int cells = 0, c;
	size_t p = l->cursor;

	if (width < 1)
		width = 1;
	if (l->scroll > l->cursor)
		l->scroll = l->cursor;
	/* back from the cursor, keeping one cell after it for the cursor
	 * itself: a long line costs its visible part only */
	while (p > l->scroll) {
		size_t q = prev_char(l, p);
		lineedit_utf8_char(l->text.data + q, p - q, &c);
		if (cells + c > width - 1)
			break;
		cells += c;
		p = q;
	}
	l->scroll = p;
	for (int used = 0; p < l->text.len;) {
		size_t n = lineedit_utf8_char(l->text.data + p, l->text.len - p, &c);
		if (used + c > width)
			break;
		used += c;
		p += n;
	}
	*end = p;
	return cells;
}

void lineedit_kill_word(struct lineedit *l)
{
	size_t to = l->cursor;

	lineedit_word_left(l);
	cut(l, l->cursor, to);
}
