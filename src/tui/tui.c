/* tui.c - the console's event loop: keys in (escape sequences and pastes
 * read whole), one driver from keys to actions and the model's requests,
 * the layout, the header and the status line. */
#include "tui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"

static const struct view_ops *const views[PANE_COUNT] = {&view_apis, &view_form, &view_response,
							 &view_history};

bool tui_bound(const struct tui *t, enum session_action a, int ch, bool is_key)
{
	return (t->keys[a].code == ch && t->keys[a].is_key == is_key) ||
	       (t->ctrl[a].code && t->ctrl[a].code == ch && t->ctrl[a].is_key == is_key);
}

enum session_result tui_request(struct tui *t, enum session_req r, const struct session_arg *a)
{
	enum session_result res = session_request(&t->s, r, a);

	tui_rebuild_rows(t);
	return res;
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

/* ------------------------------------------------------------------ */
/* Layout and drawing */

static void layout(struct tui *t)
{
	int left = COLS * 3 / 10, top_h = (LINES - 2) / 2, form_h = (LINES - 2) * 11 / 20;

	for (int i = 0; i < PANE_COUNT; i++)
		if (t->win[i])
			delwin(t->win[i]);
	memset(t->win, 0, sizeof(t->win));
	t->too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
	if (t->too_small)
		return;
	t->win[PANE_APIS] = newwin(top_h, left, 1, 0);
	t->win[PANE_HISTORY] = newwin(LINES - 2 - top_h, left, 1 + top_h, 0);
	t->win[PANE_FORM] = newwin(form_h, COLS - left - 1, 1, left + 1);
	t->win[PANE_RESPONSE] = newwin(LINES - 2 - form_h, COLS - left - 1, 1 + form_h, left + 1);
}

static void draw_header(struct tui *t)
{
	char head[512];

	snprintf(head, sizeof(head), " topc   profile %s   %s   %s %s ", t->s.profile_name,
		 t->s.have_profile ? t->s.profile.gateway : "(not usable)",
		 topc_sign_method_name(t->s.profile.sign_method),
		 t->s.profile.format == TOPC_FORMAT_JSON ? "json" : "xml");
	move(0, 0);
	attron(tui_attr(t, TC_TITLE));
	for (int i = 0; i < COLS; i++)
		addch(' ');
	draw_text(stdscr, 0, 0, COLS, head, (size_t)-1, 0);
	attroff(tui_attr(t, TC_TITLE));
	/* the column between the left and right panes */
	for (int y = 1; y < LINES - 1; y++)
		mvaddch(y, COLS * 3 / 10, ACS_VLINE);
}

static void key_hints(struct tui *t, char *line, size_t size)
{
	static const enum session_action shown[] = {
	    SESSION_ACTION_SEND,	  SESSION_ACTION_NEXT_PANE, SESSION_ACTION_PROFILE,
	    SESSION_ACTION_TEMPLATE_LOAD, SESSION_ACTION_SIGNATURE, SESSION_ACTION_PALETTE,
	    SESSION_ACTION_HELP,	  SESSION_ACTION_QUIT};
	static const char *const words[] = {"send",	 "pane", "profile", "template",
					    "signature", "menu", "help",    "quit"};
	size_t at = 0;

	line[0] = '\0';
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]) && at < size; i++) {
		char k[32];
		tui_key_name(&t->keys[shown[i]], k, sizeof(k));
		int n = snprintf(line + at, size - at, "%s%s %s", i ? "  " : "", k, words[i]);
		if (n < 0)
			break;
		at += (size_t)n;
	}
}

static void draw_status(struct tui *t)
{
	static const char spin[] = "|/-\\";
	char line[640];
	const char *text;
	bool error = false;

	move(LINES - 1, 0);
	clrtoeol();
	if (t->s.ask.pending) {
		snprintf(line, sizeof(line), "%s", t->s.ask.question);
		error = true;
	} else if (session_in_flight(&t->s)) {
		/* a refusal meanwhile shows before the spinner */
		text = session_status(&t->s, topc_monotonic_ms(), &error);
		snprintf(line, sizeof(line), "%s%s%c sending %s  %.1f s  (Esc cancels)",
			 text && error ? text : "", text && error ? "  |  " : "",
			 spin[(topc_monotonic_ms() / 100) % 4], t->s.sent.method,
			 (topc_monotonic_ms() - t->s.started_ms) / 1000.0);
	} else if ((text = session_status(&t->s, topc_monotonic_ms(), &error))) {
		snprintf(line, sizeof(line), "%s", text);
	} else {
		key_hints(t, line, sizeof(line));
	}
	draw_text(stdscr, LINES - 1, 0, COLS, line, (size_t)-1,
		  error ? tui_attr(t, TC_ERROR) : tui_attr(t, TC_DIM));
}

static void draw_all(struct tui *t)
{
	erase();
	if (t->too_small) {
		char msg[128];
		snprintf(msg, sizeof(msg), "topc needs at least %dx%d; this terminal is %dx%d",
			 TUI_MIN_COLS, TUI_MIN_LINES, COLS, LINES);
		draw_text(stdscr, LINES / 2, 0, COLS, msg, (size_t)-1, 0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	tui_response_sync(t);
	tui_history_sync(t);
	draw_header(t);
	draw_status(t);
	wnoutrefresh(stdscr);
	for (int i = 0; i < PANE_COUNT; i++) {
		werase(t->win[i]);
		views[i]->draw(t, t->win[i],
			       t->focus == (enum pane)i && t->overlay == OVERLAY_NONE);
		if (t->focus != (enum pane)i)
			wnoutrefresh(t->win[i]);
	}
	/* the focused pane last, so the terminal cursor ends where it edits */
	wnoutrefresh(t->win[t->focus]);
	curs_set((t->s.edit.open || t->searching || t->hist_filtering) && t->overlay == OVERLAY_NONE
		     ? 1
		     : 0);
	if (t->overlay != OVERLAY_NONE)
		tui_draw_overlay(t);
	doupdate();
}

/* ------------------------------------------------------------------ */
/* Keys */

void tui_action(struct tui *t, enum session_action a)
{
	switch (a) {
	case SESSION_ACTION_HELP:
		tui_open_help(t);
		break;
	case SESSION_ACTION_PALETTE:
		tui_open_palette(t);
		break;
	case SESSION_ACTION_NEXT_PANE:
	case SESSION_ACTION_PREV_PANE:
		if (t->s.edit.open && tui_request(t, SESSION_REQ_EDIT_COMMIT, NULL) != SESSION_DONE)
			break;
		t->searching = t->hist_filtering = false;
		t->focus = (enum pane)(
		    (t->focus + (a == SESSION_ACTION_NEXT_PANE ? 1 : PANE_COUNT - 1)) % PANE_COUNT);
		break;
	case SESSION_ACTION_SEND:
		tui_request(t, SESSION_REQ_SEND, NULL);
		if (t->s.problems.count && t->s.status.from_problems) {
			tui_select_row(t, t->s.problems.items[0].path, ROW_FIELD);
			t->focus = PANE_FORM;
		}
		break;
	case SESSION_ACTION_PROFILE:
		if (session_in_flight(&t->s))
			tui_status(t, true,
				   "a request is in flight: Esc cancels it; then try again");
		else
			tui_open_picker(t, PICK_PROFILE);
		break;
	case SESSION_ACTION_TEMPLATE_LOAD:
		if (session_in_flight(&t->s))
			tui_status(t, true,
				   "a request is in flight: Esc cancels it; then try again");
		else
			tui_open_picker(t, PICK_TEMPLATE);
		break;
	case SESSION_ACTION_TEMPLATE_SAVE:
		if (!t->s.method || t->s.editing_profile) {
			tui_status(t, true, "choose an API first");
			break;
		}
		lineedit_release(&t->prompt);
		lineedit_init(&t->prompt, "");
		free(t->prompt_label);
		t->prompt_label = strdup("save the form as template named (Enter saves)");
		t->overlay = OVERLAY_PROMPT;
		break;
	case SESSION_ACTION_SIGNATURE:
		tui_open_signature(t);
		break;
	case SESSION_ACTION_PROFILE_EDIT:
		tui_request(t, SESSION_REQ_PROFILE_EDIT, NULL);
		t->focus = PANE_FORM;
		break;
	case SESSION_ACTION_QUIT:
		tui_request(t, SESSION_REQ_QUIT, NULL);
		break;
	case SESSION_ACTION_COUNT:
		break;
	}
}

static bool typing(const struct tui *t)
{
	return t->s.edit.open || t->searching || t->hist_filtering || t->focus == PANE_APIS;
}

static void global_key(struct tui *t, int ch, bool is_key)
{
	if (t->too_small) { /* typed text would be committed unseen */
		if (tui_bound(t, SESSION_ACTION_QUIT, ch, is_key))
			tui_action(t, SESSION_ACTION_QUIT);
		return;
	}
	if (t->s.ask.pending) {
		tui_rebuild_rows(t);
		session_answer(&t->s, !is_key && (ch == 'y' || ch == 'Y'));
		tui_rebuild_rows(t);
		return;
	}
	if (t->overlay != OVERLAY_NONE && tui_overlay_key(t, ch, is_key))
		return;
	if (!is_key && ch == TUI_ESC && session_in_flight(&t->s)) {
		tui_request(t, SESSION_REQ_CANCEL, NULL);
		return;
	}
	for (int a = 0; a < TUI_ACTION_COUNT; a++)
		if (tui_bound(t, (enum session_action)a, ch, is_key)) {
			/* Tab is the line editor's no key: the edit is committed first */
			tui_action(t, (enum session_action)a);
			return;
		}
	if (views[t->focus]->key(t, ch, is_key) || is_key || typing(t))
		return;
	if (ch == 'q')
		tui_action(t, SESSION_ACTION_QUIT);
	else if (ch == '?')
		tui_action(t, SESSION_ACTION_HELP);
	else if (ch == ':')
		tui_action(t, SESSION_ACTION_PALETTE);
}

/* mouse = true in topc.conf: a click focuses the pane under it and picks
 * the line; the wheel moves through the pane under it. */
static void mouse_event(struct tui *t)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || t->overlay != OVERLAY_NONE || t->too_small || t->s.ask.pending)
		return;
	for (int i = 0; i < PANE_COUNT; i++) {
		int y = ev.y, x = ev.x;
		if (!t->win[i] || !wmouse_trafo(t->win[i], &y, &x, FALSE))
			continue;
		if (t->s.edit.open && t->focus != (enum pane)i)
			return; /* an edit in progress keeps the focus */
		t->focus = (enum pane)i;
		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
			for (int n = 0; n < 3; n++)
				views[i]->key(t, ev.bstate & BUTTON4_PRESSED ? KEY_UP : KEY_DOWN,
					      true);
		else if ((ev.bstate & BUTTON1_PRESSED) && views[i]->click)
			views[i]->click(t, y);
		return;
	}
}

/* A paste lands as text where text is being typed: line breaks and the
 * indentation after them become one space, so pretty JSON stays JSON. */
static void deliver_paste(struct tui *t)
{
	struct lineedit *l = NULL;
	struct topc_buf flat;
	const char *p = topc_buf_str(&t->paste);

	if (t->overlay == OVERLAY_PROMPT)
		l = &t->prompt;
	else if (t->overlay != OVERLAY_NONE)
		l = NULL;
	else if (t->s.edit.open)
		l = &t->s.edit.line;
	else if (t->searching)
		l = &t->search_edit;
	else if (t->focus == PANE_FORM && t->nrows && views[PANE_FORM]->key(t, '\r', false) &&
		 t->s.edit.open)
		l = &t->s.edit.line;
	if (!l) {
		tui_status(t, true, "paste ignored: open a field first (Enter)");
		topc_buf_reset(&t->paste);
		return;
	}
	topc_buf_init(&flat, 0);
	for (size_t i = 0; i < t->paste.len; i++) {
		char c = p[i] == '\t' ? ' ' : p[i];
		if (p[i] == '\r' || p[i] == '\n') {
			while (i + 1 < t->paste.len && strchr("\r\n \t", p[i + 1]))
				i++;
			if (!flat.len || i + 1 >= t->paste.len)
				continue;
			c = ' ';
		}
		if (topc_buf_addc(&flat, c) != TOPC_OK)
			break; /* failed closed: nothing is inserted */
	}
	if (flat.failed)
		tui_status(t, true, "paste too large; nothing inserted");
	else
		lineedit_insert(l, flat.data ? flat.data : "", flat.len);
	topc_buf_release(&flat);
	topc_buf_reset(&t->paste);
}

static void paste_char(struct tui *t, wint_t ch)
{
	char mb[8];
	int n = wctomb(mb, (wchar_t)ch);

	for (int i = 0; i < n; i++) {
		memmove(t->paste_tail, t->paste_tail + 1, sizeof(t->paste_tail) - 1);
		t->paste_tail[sizeof(t->paste_tail) - 1] = mb[i];
	}
	/* a paste past the cap fails the buffer: it lands nowhere, never cut */
	if (n > 0 && topc_buf_add(&t->paste, mb, (size_t)n) != TOPC_OK && !t->paste.failed)
		return;
	/* the end marker: ESC [ 2 0 1 ~ */
	if (memcmp(t->paste_tail, "\033[201~", 6) != 0)
		return;
	memset(t->paste_tail, 0, sizeof(t->paste_tail));
	t->pasting = false;
	if (t->paste.failed) {
		tui_status(t, true, "paste too large (over 16 MiB); nothing inserted");
		topc_buf_reset(&t->paste);
		return;
	}
	t->paste.len -= 6;
	t->paste.data[t->paste.len] = '\0';
	deliver_paste(t);
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
 * read whole: an ANSI key (*key set, 1), a bracketed paste's start or an
 * unknown key dropped (0), or nothing: the Esc key itself (-1). */
static int escape_sequence(struct tui *t, int *key)
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
		return -1;
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
		mouse_event(t);
	if (strcmp(seq, "[200~") == 0) {
		t->pasting = true;
		topc_buf_reset(&t->paste);
		return 0;
	}
	for (size_t i = 0; i < sizeof(ansi_keys) / sizeof(ansi_keys[0]); i++)
		if (strcmp(seq, ansi_keys[i].seq) == 0) {
			*key = ansi_keys[i].key;
			return 1;
		}
	/* anything else is dropped whole: never typed into a field, never an
	 * Esc that drops an edit */
	return 0;
}

static void read_keys(struct tui *t)
{
	wint_t ch;
	int r;

	while ((r = get_wch(&ch)) != ERR) {
		if (t->pasting) {
			paste_char(t, r == KEY_CODE_YES ? '?' : ch);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			layout(t);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			mouse_event(t);
			continue;
		}
		if (r == OK && ch == TUI_ESC) {
			int key = 0, got = escape_sequence(t, &key);
			if (got == 0)
				continue;
			if (got == 1) {
				ch = (wint_t)key;
				r = KEY_CODE_YES;
			}
		}
		global_key(t, (int)ch, r == KEY_CODE_YES);
		if (t->s.quit)
			return;
	}
	tui_rebuild_rows(t);
}

static void release(struct tui *t)
{
	session_release(&t->s);
	topc_params_release(&t->collapsed);
	lineedit_release(&t->prompt);
	lineedit_release(&t->search_edit);
	lineedit_release(&t->api_filter);
	lineedit_release(&t->hist_filter);
	topc_buf_release(&t->paste);
	tui_clear_choices(t);
	free(t->apis);
	free(t->rows);
	free(t->hist);
	free(t->resp_text);
	fold_release(&t->fold);
	tui_query_close(t);
	free(t->resp_lines);
	free(t->prompt_label);
	free(t->overlay_text);
}

int tui_run(const char *profile_name)
{
	struct tui t;
	struct topc_error err = {0};

	memset(&t, 0, sizeof(t));
	topc_params_init(&t.collapsed);
	lineedit_init(&t.prompt, "");
	lineedit_init(&t.search_edit, "");
	lineedit_init(&t.api_filter, "");
	lineedit_init(&t.hist_filter, "");
	topc_buf_init(&t.paste, 16u << 20);
	if (!session_init(&t.s, profile_name, &err)) {
		fprintf(stderr, "topc: %s\n", err.msg);
		release(&t);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	initscr();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	/* bracketed paste: a paste arrives marked, and lands as text */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	tui_apply_settings(&t);
	layout(&t);
	tui_apis_refresh(&t);
	tui_history_reload(&t);
	/* for benchmarks: quit once the first full screen is out */
	bool exit_after_draw = getenv("TOPC_CONSOLE_EXIT_AFTER_DRAW") != NULL;

	while (!t.s.quit) {
		draw_all(&t);
		if (exit_after_draw)
			break;
		/* the keyboard and the transfers, together; the spinner and the
		 * status line's expiry need a tick */
		session_wait(&t.s, STDIN_FILENO, 1000);
		session_step(&t.s);
		read_keys(&t);
	}
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	endwin();
	release(&t);
	return 0;
}
