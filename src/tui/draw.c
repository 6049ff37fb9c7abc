/* draw.c - text on screen by display cells, never raw bytes from outside. */
#include "view.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "base/number.h"
#include "ext/crypto.h"
static bool use_color;

void tui_use_color(bool on)
{
	use_color = on;
}

bool tui_has_color(void)
{
	return use_color;
}

static bool use_plain;

static bool use_ascii;

void tui_use_ascii(bool on)
{
	use_ascii = on;
}

bool tui_ascii(void)
{
	return use_ascii;
}

void tui_use_plain(bool on)
{
	use_plain = on;
}

int tui_attr(enum tui_color c)
{
	if (use_color)
		return COLOR_PAIR(c) | (c == TC_ERROR || c == TC_TITLE ? A_BOLD : 0);
	switch (c) {
	case TC_ERROR:
		return A_BOLD;
	case TC_TITLE:
		return A_REVERSE;
	case TC_FOCUS:
		return A_REVERSE;
	case TC_DIM:
		return A_DIM;
	default:
		return A_NORMAL;
	}
}

/* A byte or character drawn as its code (\x1B, \u202E) is drawn in reverse
 * video, so it never reads like the same letters sent by the server: the
 * text "\x1B" stays plain, an ESC shows as a reversed \x1B (as less and vim
 * mark what they cannot show). */
static void shown_as_code(WINDOW *w, const char *code, int attr)
{
	wattron(w, A_REVERSE);
	waddstr(w, code);
	if (!(attr & A_REVERSE))
		wattroff(w, A_REVERSE);
}

int draw_text(WINDOW *w, int y, int x, int max_cells, const char *s, size_t len, int attr)
{
	struct lineedit_char ch;
	int used = 0;

	if (len == (size_t)-1)
		len = strlen(s);
	if (use_color && use_plain && !(attr & A_COLOR)) {
		attr_t on;
		short pair = 0;
		/* inside a coloured bar (titles, the header) the bar's colour stays */
		if (wattr_get(w, &on, &pair, NULL) == OK && pair == 0)
			attr |= (int)COLOR_PAIR(TC_PLAIN);
	}
	wmove(w, y, x);
	wattron(w, attr);
	/* each character in the form, and the cells, lineedit_char_read says */
	for (size_t i = 0; i < len && used < max_cells; i += ch.bytes) {
		char code[24];
		lineedit_char_read(s + i, len - i, &ch);
		if (used + ch.cells > max_cells)
			break;
		used += ch.cells;
		switch (ch.form) {
		case LINEEDIT_TAB:
			waddstr(w, "  ");
			break;
		case LINEEDIT_BYTE: /* shown, never sent to the terminal */
			snprintf(code, sizeof(code), "\\x%02lX", ch.code);
			shown_as_code(w, code, attr);
			break;
		case LINEEDIT_CODE: /* bidi controls, zero-width: shown, not obeyed */
			snprintf(code, sizeof(code), "\\u%04lX", ch.code);
			shown_as_code(w, code, attr);
			break;
		case LINEEDIT_UNPRINTABLE:
			waddch(w, '?');
			break;
		case LINEEDIT_AS_IS:
			waddnstr(w, s + i, (int)ch.bytes);
			break;
		}
	}
	wattroff(w, attr);
	return used;
}

size_t draw_cut_fit(const char *s, size_t len, bool more, int room, int *cells, bool *cut)
{
	size_t take;

	*cells = 0;
	take = room > 0 ? tui_fit(s, len, room, cells) : 0;
	*cut = more || take < len || (room > 0 && *cells > room) || (room <= 0 && len);
	if (!*cut)
		return take;
	if (room <= 1) {
		*cells = 0;
		return 0;
	}
	return tui_fit(s, len, room - 1, cells);
}

int draw_cut_mark(WINDOW *w, int y, int x)
{
	return draw_text(w, y, x, 1, "~", 1, tui_attr(TC_DIM));
}

int draw_text_cut(WINDOW *w, int y, int x, int room, const char *s, int attr)
{
	/* a cell takes 4 bytes at most, but zero-width characters take none:
	 * a string longer than the bound is taken as one that does not fit */
	size_t bound = (size_t)(room > 0 ? room : 0) * 8 + 8, len = strnlen(s, bound), take;
	int cells, used;
	bool cut;

	if (room <= 0)
		return 0;
	take = draw_cut_fit(s, len, len == bound, room, &cells, &cut);
	used = draw_text(w, y, x, cut ? room - 1 : room, s, take, attr);
	return cut ? used + draw_cut_mark(w, y, x + used) : used;
}

void draw_title(WINDOW *w, const char *title, bool focused)
{
	int width = getmaxx(w);

	wmove(w, 0, 0);
	wattron(w, focused ? tui_attr(TC_FOCUS) : tui_attr(TC_TITLE));
	for (int i = 0; i < width; i++)
		waddch(w, ' ');
	/* a mark as well as the colour: it shows without colours too */
	draw_text(w, 0, 0, width, focused ? (use_ascii ? ">" : "»") : " ", (size_t)-1, 0);
	draw_text_cut(w, 0, 1, width - 2, title, 0);
	wattroff(w, focused ? tui_attr(TC_FOCUS) : tui_attr(TC_TITLE));
}

void view_report(struct view *v, bool error, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	session_say(v->env->status, error, "%s", text);
}

bool view_bound(const struct view_env *env, enum session_action a, int ch, bool is_key)
{
	/* code 0: an action without a key of its own (the palette runs it) */
	return (env->keys[a].code && env->keys[a].code == ch && env->keys[a].is_key == is_key) ||
	       (env->ctrl[a].code && env->ctrl[a].code == ch && env->ctrl[a].is_key == is_key);
}

bool tui_key_parse(const char *name, struct tui_key *k)
{
	long long n;

	/* strictly: sscanf("F%d") overflowed on F99999999999 */
	if (name[0] == 'F' && topc_number_parse(name + 1, 1, 12, &n)) {
		k->code = KEY_F((int)n);
		k->is_key = true;
	} else if (strcmp(name, "Tab") == 0) {
		k->code = '\t';
		k->is_key = false;
	} else if (strcmp(name, "S-Tab") == 0) {
		k->code = KEY_BTAB;
		k->is_key = true;
	} else if (name[0] == '^' && name[1] >= 'A' && name[1] <= 'Z' && !name[2]) {
		k->code = name[1] - 'A' + 1;
		k->is_key = false;
	} else if (name[0] > ' ' && (unsigned char)name[0] < 0x7f && !name[1]) {
		k->code = name[0];
		k->is_key = false;
	} else {
		return false;
	}
	return true;
}

void tui_key_name(const struct tui_key *k, char *out, size_t size)
{
	if (k->is_key && k->code >= KEY_F(1) && k->code <= KEY_F(12))
		snprintf(out, size, "F%d", k->code - KEY_F(0));
	else if (k->is_key && k->code == KEY_BTAB)
		snprintf(out, size, "S-Tab");
	else if (!k->is_key && k->code == '\t')
		snprintf(out, size, "Tab");
	else if (!k->is_key && k->code >= 1 && k->code <= 26)
		snprintf(out, size, "^%c", 'A' + k->code - 1);
	else
		snprintf(out, size, "%c", k->code);
}
