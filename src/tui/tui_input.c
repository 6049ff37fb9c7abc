/* tui_input.c - the console's input decoder (tui_input.h): escape
 * sequences the terminfo does not know, read whole; bracketed pastes. */
#include "tui_input.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "view.h"

void tui_input_init(struct tui_input *in)
{
	memset(in, 0, sizeof(*in));
	topc_buf_init(&in->paste, 16u << 20);
}

void tui_input_release(struct tui_input *in)
{
	topc_buf_release(&in->paste);
}

/* One character of a paste; the event once the end marker is in. */
static enum tui_input_event paste_char(struct tui_input *in, wint_t ch)
{
	char mb[8];
	int n = wctomb(mb, (wchar_t)ch);

	for (int i = 0; i < n; i++) {
		memmove(in->paste_tail, in->paste_tail + 1, sizeof(in->paste_tail) - 1);
		in->paste_tail[sizeof(in->paste_tail) - 1] = mb[i];
	}
	/* a paste past the cap fails the buffer: it lands nowhere, never cut */
	if (n > 0 && topc_buf_add(&in->paste, mb, (size_t)n) != TOPC_OK && !in->paste.failed)
		return TUI_INPUT_SWALLOWED;
	/* the end marker: ESC [ 2 0 1 ~ */
	if (memcmp(in->paste_tail, "\033[201~", 6) != 0)
		return TUI_INPUT_SWALLOWED;
	memset(in->paste_tail, 0, sizeof(in->paste_tail));
	in->pasting = false;
	if (in->paste.failed) {
		topc_buf_reset(&in->paste);
		return TUI_INPUT_PASTE_TOO_LARGE;
	}
	in->paste.len -= 6;
	in->paste.data[in->paste.len] = '\0';
	return TUI_INPUT_PASTE;
}

/* Keys as ANSI terminals send them, for when TERM names a terminal that
 * sends others (vt100 has no F5-F10, the linux console sends ESC [ [ A for
 * F1): found here when the terminfo did not know them. */
static const struct {
	const char *seq;
	int key;
} ansi_keys[] = {
    {"[A", KEY_UP},	 {"[B", KEY_DOWN},   {"[C", KEY_RIGHT},	  {"[D", KEY_LEFT},
    {"OA", KEY_UP},	 {"OB", KEY_DOWN},   {"OC", KEY_RIGHT},	  {"OD", KEY_LEFT},
    {"[H", KEY_HOME},	 {"[F", KEY_END},    {"OH", KEY_HOME},	  {"OF", KEY_END},
    {"[1~", KEY_HOME},	 {"[4~", KEY_END},   {"[7~", KEY_HOME},	  {"[8~", KEY_END},
    {"[2~", KEY_IC},	 {"[3~", KEY_DC},    {"[5~", KEY_PPAGE},  {"[6~", KEY_NPAGE},
    {"[Z", KEY_BTAB},	 {"OP", KEY_F(1)},   {"OQ", KEY_F(2)},	  {"OR", KEY_F(3)},
    {"OS", KEY_F(4)},	 {"[11~", KEY_F(1)}, {"[12~", KEY_F(2)},  {"[13~", KEY_F(3)},
    {"[14~", KEY_F(4)},	 {"[15~", KEY_F(5)}, {"[17~", KEY_F(6)},  {"[18~", KEY_F(7)},
    {"[19~", KEY_F(8)},	 {"[20~", KEY_F(9)}, {"[21~", KEY_F(10)}, {"[23~", KEY_F(11)},
    {"[24~", KEY_F(12)}, {"[[A", KEY_F(1)},  {"[[B", KEY_F(2)},	  {"[[C", KEY_F(3)},
    {"[[D", KEY_F(4)},	 {"[[E", KEY_F(5)},
};

/* After an ESC: the rest of an escape sequence the terminfo does not know,
 * read whole: an ANSI key, a bracketed paste's start or an unknown key
 * dropped, or nothing: the Esc key itself. */
static enum tui_input_event escape_sequence(struct tui_input *in, int *key, bool *is_key)
{
	char seq[40];
	size_t n = 0;
	wint_t ch;
	int r;

	timeout(30);
	r = get_wch(&ch);
	if (r != OK || (ch != '[' && ch != 'O')) {
		/* Esc alone, or Esc then another key of its own */
		if (r == KEY_CODE_YES)
			ungetch((int)ch);
		else if (r == OK)
			unget_wch((wchar_t)ch);
		nodelay(stdscr, TRUE);
		*key = TUI_ESC;
		*is_key = false;
		return TUI_INPUT_KEY;
	}
	seq[n++] = (char)ch;
	/* CSI: parameters and intermediates, then one final byte (the linux
	 * console's F1-F5 have one more: ESC [ [ A) */
	while (n + 1 < sizeof(seq) && (r = get_wch(&ch)) == OK) {
		seq[n++] = ch < 0x80 ? (char)ch : '?';
		if (seq[0] == 'O' || (ch >= 0x40 && ch <= 0x7e && !(n == 2 && ch == '[')))
			break;
	}
	nodelay(stdscr, TRUE);
	seq[n] = '\0';
	if (r == KEY_CODE_YES && ch == KEY_MOUSE)
		return TUI_INPUT_MOUSE;
	if (strcmp(seq, "[200~") == 0) {
		in->pasting = true;
		topc_buf_reset(&in->paste);
		return TUI_INPUT_SWALLOWED;
	}
	for (size_t i = 0; i < sizeof(ansi_keys) / sizeof(ansi_keys[0]); i++)
		if (strcmp(seq, ansi_keys[i].seq) == 0) {
			*key = ansi_keys[i].key;
			*is_key = true;
			return TUI_INPUT_KEY;
		}
	/* anything else is dropped whole: never typed into a field, never an
	 * Esc that drops an edit */
	return TUI_INPUT_SWALLOWED;
}

static enum tui_input_event decode(struct tui_input *in, int *key, bool *is_key)
{
	wint_t ch;
	int r = get_wch(&ch);

	if (r == ERR)
		return TUI_INPUT_NONE;
	if (in->pasting)
		return paste_char(in, r == KEY_CODE_YES ? '?' : ch);
	if (r == KEY_CODE_YES && ch == KEY_RESIZE)
		return TUI_INPUT_RESIZE;
	if (r == KEY_CODE_YES && ch == KEY_MOUSE)
		return TUI_INPUT_MOUSE;
	if (r == OK && ch == TUI_ESC)
		return escape_sequence(in, key, is_key);
	*key = (int)ch;
	*is_key = r == KEY_CODE_YES;
	return TUI_INPUT_KEY;
}

enum tui_input_event tui_input_next(struct tui_input *in, int *key, bool *is_key)
{
	enum tui_input_event ev = decode(in, key, is_key);

	if (ev == TUI_INPUT_NONE) {
		in->drained = true; /* what comes next was not waiting with the paste */
		return ev;
	}
	if (ev == TUI_INPUT_PASTE || ev == TUI_INPUT_PASTE_TOO_LARGE) {
		in->guarding = true;
		in->drained = false;
		in->guard_until_ms = topc_monotonic_ms() + TUI_INPUT_PASTE_GUARD_MS;
		return ev;
	}
	if (in->guarding && in->drained && topc_monotonic_ms() >= in->guard_until_ms)
		in->guarding = false; /* typed after the paste's burst */
	if (!in->guarding || ev == TUI_INPUT_RESIZE)
		return ev;
	return ev == TUI_INPUT_KEY || ev == TUI_INPUT_MOUSE ? TUI_INPUT_GUARDED : ev;
}
