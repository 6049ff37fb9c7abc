/* widget.c - what every view shares: smart-case finding, the line
 * editor's keys, the list's movement, and the pager that scrolls a text (help, signature). */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t tui_fit(const char *s, size_t len, int width, int *cells)
{
	size_t take = 0;
	int used = 0, c;

	while (take < len) {
		size_t n = lineedit_utf8_char(s + take, len - take, &c);
		if (used + c > width)
			break;
		used += c;
		take += n;
	}
	if (!take && len) {
		take = lineedit_utf8_char(s, len, &c);
		used = c;
	}
	if (cells)
		*cells = used;
	return take ? take : len;
}

const char *tui_find(const char *s, size_t len, const char *term)
{
	size_t n = strlen(term);
	bool fold = true;

	for (const char *p = term; *p; p++)
		fold &= !(*p >= 'A' && *p <= 'Z');
	if (!n || n > len)
		return NULL;
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n && (fold && s[i + k] >= 'A' && s[i + k] <= 'Z' ? s[i + k] + 32
									    : s[i + k]) == term[k])
			k++;
		if (k == n)
			return s + i;
	}
	return NULL;
}

bool tui_is_enter(int ch, bool is_key)
{
	return (is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'));
}

bool tui_line_key(struct lineedit *l, int ch, bool is_key)
{
	if (is_key) {
		switch (ch) {
		case KEY_LEFT:
			lineedit_left(l);
			return true;
		case KEY_RIGHT:
			lineedit_right(l);
			return true;
		case KEY_HOME:
			lineedit_home(l);
			return true;
		case KEY_END:
			lineedit_end(l);
			return true;
		case KEY_BACKSPACE:
			lineedit_backspace(l);
			return true;
		case KEY_DC:
			lineedit_delete(l);
			return true;
		default:
			return false;
		}
	}
	switch (ch) {
	case TUI_CTRL('A'):
		lineedit_home(l);
		return true;
	case TUI_CTRL('E'):
		lineedit_end(l);
		return true;
	case TUI_CTRL('K'):
		lineedit_kill_to_end(l);
		return true;
	case TUI_CTRL('U'):
		lineedit_kill_to_start(l);
		return true;
	case TUI_CTRL('W'):
		lineedit_kill_word(l);
		return true;
	case TUI_CTRL('H'):
	case TUI_DEL:
		lineedit_backspace(l);
		return true;
	default:
		if (ch >= 0x20) {
			char mb[8];
			int n = wctomb(mb, (wchar_t)ch);
			if (n > 0)
				lineedit_insert(l, mb, (size_t)n);
			return true;
		}
		return false;
	}
}

bool tui_list_key(size_t *sel, size_t count, size_t page, int ch, bool is_key, bool letters)
{
	size_t last = count ? count - 1 : 0;

	if (!page)
		page = 1;
	if ((is_key && ch == KEY_UP) || (letters && !is_key && ch == 'k'))
		*sel = *sel ? *sel - 1 : 0;
	else if ((is_key && ch == KEY_DOWN) || (letters && !is_key && ch == 'j'))
		*sel = *sel < last ? *sel + 1 : last;
	else if ((is_key && ch == KEY_HOME) || (letters && !is_key && ch == 'g'))
		*sel = 0;
	else if ((is_key && ch == KEY_END) || (letters && !is_key && ch == 'G'))
		*sel = last;
	else if (is_key && ch == KEY_PPAGE)
		*sel = *sel > page ? *sel - page : 0;
	else if (is_key && ch == KEY_NPAGE)
		*sel = *sel + page < last ? *sel + page : last;
	else
		return false;
	return true;
}

/* Where a help line's wrapped parts start, so they read under its
 * description: after the last run of two spaces or more in its first
 * half, its ASCII columns ("F5     ^S   send           commit ..."); 0
 * for prose. */
static int hang_of(const char *p, size_t len, int width)
{
	int hang = 0;

	for (size_t i = 1; i < len && (int)i < width / 2; i++) {
		if (p[i] != ' ' && p[i - 1] == ' ' && i >= 2 && p[i - 2] == ' ')
			hang = (int)i; /* a translated description starts here too */
		if ((unsigned char)p[i] >= 0x80)
			break;
	}
	return hang;
}

size_t tui_wrap_part(const char *p, size_t len, int width, bool words, size_t *next)
{
	size_t take = tui_fit(p, len, width, NULL), b = take;

	*next = take;
	if (!words || take >= len)
		return take;
	while (b > take / 2 && p[b] != ' ')
		b--;
	if (b <= take / 2)
		return take;
	*next = b;
	while (*next < len && p[*next] == ' ')
		(*next)++;
	while (b && p[b - 1] == ' ')
		b--;
	return b;
}

/* Draws text's lines from line top (long lines wrapped by cells, at
 * spaces when words); returns how many lines the whole text takes. */
static int draw_lines(WINDOW *w, const char *text, int top, int width, int height,
		      int (*line_attr)(const char *, size_t), bool words)
{
	const char *p = text;
	int y = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		int attr = w && line_attr ? line_attr(p, len) : 0;
		int hang = words ? hang_of(p, len, width) : 0, x = 0;
		do {
			size_t next, take = tui_wrap_part(p, len, width - x, words, &next);
			if (w && y >= top && y < top + height)
				draw_text(w, 1 + y - top, 2 + x, width - x, p, take, attr);
			y++;
			p += next;
			len -= next;
			x = hang;
		} while (len);
		p = nl ? nl + 1 : p + len;
	}
	return y;
}

enum request pager_view_key(struct pager *p, const struct view_env *env, int ch, bool is_key)
{
	if (pager_key(p, ch, is_key))
		return REQ_NONE;
	if ((!is_key && (ch == TUI_ESC || ch == 'q')) ||
	    view_bound(env, SESSION_ACTION_SIGNATURE, ch, is_key) ||
	    view_bound(env, SESSION_ACTION_HELP, ch, is_key))
		return REQ_CLOSE;
	return REQ_NONE;
}

void tui_draw_box(WINDOW *w, const char *title)
{
	tui_draw_box_tail(w, title, "");
}

void tui_draw_box_tail(WINDOW *w, const char *title, const char *tail)
{
	int room = getmaxx(w) - 4, tail_cells = lineedit_cells(tail, strlen(tail)), x;

	werase(w);
	box(w, 0, 0);
	if (tail_cells >= room) {
		draw_text_cut(w, 0, 2, room, tail, tui_attr(TC_TITLE));
		return;
	}
	x = 2 + draw_text_cut(w, 0, 2, room - tail_cells, title, tui_attr(TC_TITLE));
	draw_text(w, 0, x, room - (x - 2), tail, (size_t)-1, tui_attr(TC_TITLE));
}

void pager_set(struct pager *p, char *text)
{
	free(p->text);
	p->text = text;
	p->top = 0;
}

void pager_release(struct pager *p)
{
	pager_set(p, NULL);
}

/* The pager's box over the panes, LINES - 4 by COLS - 8. */
void pager_draw(struct pager *p, const char *title)
{
	int H = LINES - 4, W = COLS - 8;
	WINDOW *w = newwin(H, W, (LINES - H) / 2, (COLS - W) / 2);
	const char *text = p->text ? p->text : "";
	int total;
	char head[512]; /* a diff's title (200) and the lines: never cut here */

	if (!w)
		return;
	total = draw_lines(NULL, text, 0, W - 4, H - 2, NULL, p->words);
	if (p->top > total - (H - 2))
		p->top = total - (H - 2) > 0 ? total - (H - 2) : 0;
	snprintf(head, sizeof(head), _("%s  line %d-%d of %d (arrows, PgUp PgDn; Esc closes)"),
		 title, p->top + 1, total < p->top + H - 2 ? total : p->top + H - 2, total);
	if (lineedit_cells(head, strlen(head)) <= W - 4) {
		tui_draw_box(w, head);
	} else {
		/* the keys go first, then the title is cut (its ~): the lines
		 * shown stay (a diff's long title took them) */
		bool title_first = strncmp(_("%s  line %d-%d of %d"), "%s", 2) == 0;
		snprintf(head, sizeof(head), _("%s  line %d-%d of %d"), title_first ? "" : title,
			 p->top + 1, total < p->top + H - 2 ? total : p->top + H - 2, total);
		if (title_first)
			tui_draw_box_tail(w, title, head);
		else
			tui_draw_box(w, head);
	}
	draw_lines(w, text, p->top, W - 4, H - 2, p->line_attr, p->words);
	wnoutrefresh(w);
	delwin(w);
}

bool pager_key(struct pager *p, int ch, bool is_key)
{
	size_t top = (size_t)p->top, page = (size_t)(LINES - 7);

	if (!is_key && ch == ' ')
		top += page;
	else if (!tui_list_key(&top, (size_t)1 << 20, page, ch, is_key, true))
		return false;
	/* G: pager_draw keeps it to the last screenful */
	p->top = top > (size_t)1 << 20 ? 1 << 20 : (int)top;
	return true;
}

bool choices_add(struct choices *c, const char *text)
{
	char **more = realloc(c->items, (c->count + 1) * sizeof(*more));

	if (!more)
		return false;
	c->items = more;
	/* counted only when copied: a picker's list never holds a NULL, nor
	 * an item its index does not map */
	if (!(more[c->count] = strdup(text)))
		return false;
	c->count++;
	return true;
}

void choices_clear(struct choices *c)
{
	for (size_t i = 0; i < c->count; i++)
		free(c->items[i]);
	free(c->items);
	c->items = NULL;
	c->count = c->sel = 0;
}

void choices_draw(const struct choices *c, WINDOW *w, int y0, int rows)
{
	size_t top = rows > 0 && c->sel >= (size_t)rows ? c->sel - (size_t)rows + 1 : 0;

	for (int y = 0; y < rows && top + (size_t)y < c->count; y++)
		draw_text(w, y0 + y, 2, getmaxx(w) - 4, c->items[top + (size_t)y], (size_t)-1,
			  top + (size_t)y == c->sel ? tui_attr(TC_FOCUS) : 0);
}
