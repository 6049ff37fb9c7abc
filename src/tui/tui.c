/* tui.c - the console's driver (tig's view_driver): the event loop, keys
 * in (decoded by tui_input.c) and turned into requests, one
 * place that carries every request out, the layout, the header and the
 * status line.  The views (view.h) only draw and return requests.  The
 * requests that leave the console (the clipboard, $EDITOR, the diff, the
 * signature) are tui_actions.c's (tui_internal.h). */
#include "tui.h"

#include "base/i18n.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "base/clock.h"
#include "ext/crypto.h"
#include "history/history.h"
#include "history/history_record.h"
#include "tui_internal.h"

static const struct view_ops *const pane_ops[PANE_COUNT] = {&view_apis, &view_form, &view_response,
							    &view_history};

/* SIGHUP (a dropped SSH connection), SIGTERM, SIGINT: the loop quits as
 * F10 does, without asking, then the signal is raised again for the
 * caller's exit status. */
static volatile sig_atomic_t tui_signalled;
static const int tui_quit_signals[] = {SIGHUP, SIGTERM, SIGINT};

static void on_quit_signal(int sig)
{
	tui_signalled = sig;
}

static void catch_quit_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_quit_signal;
	/* an editor being waited for is waited for still; poll ends at once
	 * (Linux never restarts it) */
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(tui_quit_signals) / sizeof(tui_quit_signals[0]); i++)
		sigaction(tui_quit_signals[i], &sa, NULL);
}

static enum view_input input_of(struct view *v)
{
	return v->ops->input ? v->ops->input(v) : VIEW_KEYS;
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
	for (int i = 0; i < PANE_COUNT; i++)
		t->panes[i].win = NULL;
	t->too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
	if (t->too_small)
		return;
	t->win[PANE_APIS] = newwin(top_h, left, 1, 0);
	t->win[PANE_HISTORY] = newwin(LINES - 2 - top_h, left, 1 + top_h, 0);
	t->win[PANE_FORM] = newwin(form_h, COLS - left - 1, 1, left + 1);
	t->win[PANE_RESPONSE] = newwin(LINES - 2 - form_h, COLS - left - 1, 1 + form_h, left + 1);
	for (int i = 0; i < PANE_COUNT; i++)
		t->panes[i].win = t->win[i];
}

static void draw_header(struct tui *t)
{
	char head[512];

	/* no profile (console -p of one that does not load): no name, method
	 * or format to show, and never a NULL given to %s */
	if (t->s.have_profile)
		snprintf(head, sizeof(head), _(" topc   profile %s   %s   %s %s "),
			 t->s.profile_name, t->s.profile.gateway_shown,
			 topc_sign_method_name(t->s.profile.sign_method),
			 t->s.profile.format == TOPC_FORMAT_JSON ? "json" : "xml");
	else
		snprintf(head, sizeof(head), " topc   %s ", _("(not usable)"));
	move(0, 0);
	attron(tui_attr(TC_TITLE));
	for (int i = 0; i < COLS; i++)
		addch(' ');
	draw_text_cut(stdscr, 0, 0, COLS, head, 0); /* a long gateway URL */
	attroff(tui_attr(TC_TITLE));
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
	static const char *const words[] = {N_("send"),	    N_("pane"),	     N_("profile"),
					    N_("template"), N_("signature"), N_("menu"),
					    N_("help"),	    N_("quit")};
	size_t at = 0;

	line[0] = '\0';
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]) && at < size; i++) {
		char k[32];
		tui_key_name(&t->keys[shown[i]], k, sizeof(k));
		int n = snprintf(line + at, size - at, "%s%s %s", i ? "  " : "", k, _(words[i]));
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
		snprintf(line, sizeof(line), _("%s%s%c sending %s  %.1f s  (Esc cancels)"),
			 text && error ? text : "", text && error ? "  |  " : "",
			 spin[(topc_monotonic_ms() / 100) % 4], t->s.sent.method,
			 (topc_monotonic_ms() - t->s.started_ms) / 1000.0);
	} else if ((text = session_status(&t->s, topc_monotonic_ms(), &error))) {
		snprintf(line, sizeof(line), "%s", text);
	} else {
		key_hints(t, line, sizeof(line));
	}
	draw_text_cut(stdscr, LINES - 1, 0, COLS, line,
		      error ? tui_attr(TC_ERROR) : tui_attr(TC_DIM));
}

static void draw_all(struct tui *t)
{
	enum view_input in;

	erase();
	if (t->too_small) {
		char msg[128];
		snprintf(msg, sizeof(msg), _("topc needs at least %dx%d; this terminal is %dx%d"),
			 TUI_MIN_COLS, TUI_MIN_LINES, COLS, LINES);
		draw_text(stdscr, LINES / 2, 0, COLS, msg, (size_t)-1, 0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	draw_header(t);
	draw_status(t);
	wnoutrefresh(stdscr);
	for (int i = 0; i < PANE_COUNT; i++) {
		werase(t->win[i]);
		t->panes[i].ops->draw(&t->panes[i], t->focus == (enum pane)i && !t->overlay_open);
		if (t->focus != (enum pane)i)
			wnoutrefresh(t->win[i]);
	}
	/* the focused pane last, so the terminal cursor ends where it edits;
	 * with no cursor shown it is left where the last change put it (no
	 * move and no attribute reset after each update) */
	in = input_of(t->overlay_open ? &t->overlay : &t->panes[t->focus]);
	leaveok(t->win[t->focus], in != VIEW_TEXT_CURSOR || t->overlay_open);
	wnoutrefresh(t->win[t->focus]);
	curs_set(in == VIEW_TEXT_CURSOR ? 1 : 0);
	if (t->overlay_open)
		t->overlay.ops->draw(&t->overlay, true);
	doupdate();
}

/* ------------------------------------------------------------------ */
/* The driver */

static void notify(struct tui *t, enum request req, enum session_result res)
{
	for (int i = 0; i < PANE_COUNT; i++)
		if (t->panes[i].ops->changed)
			t->panes[i].ops->changed(&t->panes[i], req, res);
}

static void close_view(struct view *v)
{
	if (v->ops && v->ops->done && v->private)
		v->ops->done(v);
	free(v->private);
	memset(v, 0, sizeof(*v));
}

void tui_open_overlay(struct tui *t, const struct view_ops *ops, enum request req,
		      const struct view_req *arg)
{
	struct view v = {.ops = ops, .env = &t->env};

	if (t->overlay_open) {
		close_view(&t->overlay);
		t->overlay_open = false;
	}
	v.private = calloc(1, ops->private_size ? ops->private_size : 1);
	if (!v.private) {
		tui_status(t, true, _("out of memory opening the %s"), ops->name);
		return;
	}
	if (!ops->open || ops->open(&v, req, arg)) {
		t->overlay = v;
		t->overlay_open = true;
		return;
	}
	close_view(&v);
}

static bool refuse_in_flight(struct tui *t)
{
	if (!session_in_flight(&t->s))
		return false;
	tui_status(t, true, _("a request is in flight: Esc cancels it; then try again"));
	return true;
}

static void next_pane(struct tui *t, enum request req)
{
	if (t->s.edit.open &&
	    session_request(&t->s, SESSION_REQ_EDIT_COMMIT, NULL) != SESSION_DONE) {
		notify(t, REQ_SESSION_EDIT_COMMIT, SESSION_REFUSED);
		return;
	}
	t->focus = (enum pane)((t->focus + (req == REQ_ACTION_NEXT_PANE ? 1 : PANE_COUNT - 1)) %
			       PANE_COUNT);
	notify(t, req, SESSION_DONE);
}

static void action(struct tui *t, enum request req)
{
	switch (req) {
	case REQ_ACTION_HELP:
		tui_open_overlay(t, &view_help, req, NULL);
		break;
	case REQ_ACTION_PALETTE:
		tui_open_overlay(t, &view_palette, req, NULL);
		break;
	case REQ_ACTION_NEXT_PANE:
	case REQ_ACTION_PREV_PANE:
		next_pane(t, req);
		break;
	case REQ_ACTION_SEND:
		tui_driver(t, REQ_SESSION_SEND, NULL);
		break;
	case REQ_ACTION_PROFILE:
	case REQ_ACTION_TEMPLATE_LOAD:
		if (!refuse_in_flight(t))
			tui_open_overlay(t, &view_picker, req, NULL);
		break;
	case REQ_ACTION_TEMPLATE_SAVE:
		tui_open_overlay(t, &view_prompt, req, NULL);
		break;
	case REQ_ACTION_SIGNATURE:
		tui_open_signature(t);
		break;
	case REQ_ACTION_PROFILE_EDIT:
		tui_driver(t, REQ_SESSION_PROFILE_EDIT, NULL);
		t->focus = PANE_FORM;
		break;
	case REQ_ACTION_DIFF:
	case REQ_ACTION_EXPORT:
	case REQ_ACTION_EXPORT_FORM: {
		/* the history's selected entry, as D and x in its pane; 0: the form */
		struct view_req arg = {
		    .arg = {.elem = -1,
			    .id = req == REQ_ACTION_EXPORT_FORM ? 0 : t->s.hist_sel_id}};
		if (req == REQ_ACTION_EXPORT_FORM)
			tui_open_overlay(t, &view_export, req, &arg);
		else
			tui_driver(t, req == REQ_ACTION_DIFF ? REQ_OPEN_DIFF : REQ_OPEN_EXPORT,
				   &arg);
		break;
	}
	case REQ_ACTION_QUERY: /* the response pane opens its query line */
		t->focus = PANE_RESPONSE;
		notify(t, req, SESSION_DONE);
		break;
	case REQ_ACTION_QUIT:
		tui_driver(t, REQ_SESSION_QUIT, NULL);
		break;
	default:
		break;
	}
}

/* A request of the model, and what follows it on the screen. */
static void model_request(struct tui *t, enum request req, const struct view_req *arg)
{
	enum session_req q = (enum session_req)(req - REQ_SESSION_SEND);
	enum session_result res = session_request(&t->s, q, &arg->arg);

	if (res == SESSION_DONE &&
	    (req == REQ_SESSION_SELECT_METHOD || req == REQ_SESSION_LOAD_ENTRY))
		t->focus = PANE_FORM;
	notify(t, req, res);
	if (req == REQ_SESSION_SEND && t->s.problems.count && t->s.status.from_problems)
		t->focus = PANE_FORM;
}

void tui_driver(struct tui *t, enum request req, const struct view_req *arg)
{
	static const struct view_req none = {.arg = {.elem = -1}};

	if (!arg)
		arg = &none;
	if (REQ_IS_ACTION(req)) {
		action(t, req);
		return;
	}
	if (REQ_IS_SESSION(req)) {
		model_request(t, req, arg);
		return;
	}
	switch (req) {
	case REQ_CLOSE:
		if (t->overlay_open)
			close_view(&t->overlay);
		t->overlay_open = false;
		break;
	case REQ_FOCUS_FORM:
		t->focus = PANE_FORM;
		break;
	case REQ_OPEN_CHOICE:
		tui_open_overlay(t, &view_picker, req, arg);
		break;
	case REQ_EDIT_KEY:
		if (t->s.edit.open)
			tui_line_key(&t->s.edit.line, arg->ch, arg->is_key);
		break;
	case REQ_PASTE_TO_EDIT:
		if (t->s.edit.open)
			lineedit_insert(&t->s.edit.line, arg->data ? arg->data : "", arg->len);
		break;
	case REQ_EDIT_EXTERNAL:
		notify(t, req, tui_edit_externally(t, &arg->arg));
		break;
	case REQ_COPY:
		tui_copy_text(t, arg->data ? arg->data : "", arg->len);
		break;
	case REQ_DIFF:
		tui_diff_entries(t, arg->other_id, arg->arg.id);
		break;
	case REQ_OPEN_DIFF:
		tui_open_overlay(t, &view_diff, req, arg);
		break;
	case REQ_OPEN_EXPORT:
		tui_open_overlay(t, &view_export, req, arg);
		break;
	case REQ_EXPORT_FORM:
		tui_copy_form_code(t, (enum topc_export_lang)arg->ch);
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Keys */

static bool bound(const struct tui *t, enum session_action a, int ch, bool is_key)
{
	return view_bound(&t->env, a, ch, is_key);
}

/* The overlay's request: the overlay closes first, its state kept until
 * the request (whose argument may point into it) is carried out. */
static void overlay_key(struct tui *t, int ch, bool is_key)
{
	struct view_req out = {.arg = {.elem = -1}};
	enum request req = t->overlay.ops->key(&t->overlay, ch, is_key, &out);
	struct view old;

	if (req == REQ_NONE || req == REQ_UNKNOWN)
		return;
	old = t->overlay;
	memset(&t->overlay, 0, sizeof(t->overlay));
	t->overlay_open = false;
	if (req != REQ_CLOSE)
		tui_driver(t, req, &out);
	close_view(&old);
}

static void global_key(struct tui *t, int ch, bool is_key)
{
	struct view *v = &t->panes[t->focus];
	struct view_req out = {.arg = {.elem = -1}};
	enum request req;

	if (t->too_small) { /* typed text would be committed unseen */
		if (bound(t, SESSION_ACTION_QUIT, ch, is_key))
			tui_driver(t, REQ_ACTION_QUIT, NULL);
		return;
	}
	if (t->s.ask.pending) {
		enum request asked = REQ_SESSION(t->s.ask.req);
		notify(t, asked, session_answer(&t->s, !is_key && (ch == 'y' || ch == 'Y')));
		return;
	}
	if (t->overlay_open) {
		overlay_key(t, ch, is_key);
		return;
	}
	if (!is_key && ch == TUI_ESC && session_in_flight(&t->s)) {
		tui_driver(t, REQ_SESSION_CANCEL, NULL);
		return;
	}
	for (int a = 0; a < TUI_ACTION_COUNT; a++)
		if (bound(t, (enum session_action)a, ch, is_key)) {
			/* Tab is the line editor's no key: the edit is committed first */
			tui_driver(t, REQ_ACTION(a), NULL);
			return;
		}
	req = v->ops->key(v, ch, is_key, &out);
	if (req != REQ_UNKNOWN) {
		tui_driver(t, req, &out);
		return;
	}
	if (is_key || input_of(v) != VIEW_KEYS)
		return;
	if (ch == 'q')
		tui_driver(t, REQ_ACTION_QUIT, NULL);
	else if (ch == '?')
		tui_driver(t, REQ_ACTION_HELP, NULL);
	else if (ch == ':')
		tui_driver(t, REQ_ACTION_PALETTE, NULL);
}

/* mouse = true in topc.conf: a click focuses the pane under it and picks
 * the line; the wheel moves through the pane under it. */
static void mouse_event(struct tui *t)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || t->overlay_open || t->too_small || t->s.ask.pending)
		return;
	for (int i = 0; i < PANE_COUNT; i++) {
		struct view *v = &t->panes[i];
		struct view_req out = {.arg = {.elem = -1}};
		int y = ev.y, x = ev.x;
		if (!t->win[i] || !wmouse_trafo(t->win[i], &y, &x, FALSE))
			continue;
		if (t->s.edit.open && t->focus != (enum pane)i)
			return; /* an edit in progress keeps the focus */
		t->focus = (enum pane)i;
		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
			int key = ev.bstate & BUTTON4_PRESSED ? KEY_UP : KEY_DOWN;
			for (int k = 0; k < 3; k++) {
				struct view_req one = {.arg = {.elem = -1}};
				tui_driver(t, v->ops->key(v, key, true, &one), &one);
			}
		} else if ((ev.bstate & BUTTON1_PRESSED) && v->ops->click) {
			tui_driver(t, v->ops->click(v, y, &out), &out);
		}
		return;
	}
}

/* A paste lands as text where text is being typed: line breaks and the
 * indentation after them become one space, so pretty JSON stays JSON.  The
 * view under it says where (its own line, or the open edit). */
static void deliver_paste(struct tui *t)
{
	struct view *v = t->overlay_open ? &t->overlay : &t->panes[t->focus];
	struct view_req out = {.arg = {.elem = -1}};
	enum request req = REQ_UNKNOWN;
	struct topc_buf flat;
	const char *p = topc_buf_str(&t->in.paste);

	topc_buf_init(&flat, 0);
	for (size_t i = 0; i < t->in.paste.len; i++) {
		char c = p[i] == '\t' ? ' ' : p[i];
		if (p[i] == '\r' || p[i] == '\n') {
			while (i + 1 < t->in.paste.len && strchr("\r\n \t", p[i + 1]))
				i++;
			if (!flat.len || i + 1 >= t->in.paste.len)
				continue;
			c = ' ';
		}
		if (topc_buf_addc(&flat, c) != TOPC_OK)
			break; /* failed closed: nothing is inserted */
	}
	if (flat.failed) {
		tui_status(t, true, _("paste too large; nothing inserted"));
	} else {
		if (v->ops->paste)
			req = v->ops->paste(v, topc_buf_str(&flat), flat.len, &out);
		if (req == REQ_SESSION_EDIT_OPEN) {
			/* the field opens first, then the paste lands in it */
			tui_driver(t, req, &out);
			req = t->s.edit.open ? REQ_PASTE_TO_EDIT : REQ_NONE;
			out.data = topc_buf_str(&flat);
			out.len = flat.len;
		}
		if (req == REQ_UNKNOWN)
			tui_status(t, true, _("paste ignored: open a field first (Enter)"));
		else
			tui_driver(t, req, &out);
	}
	topc_buf_release(&flat);
	topc_buf_reset(&t->in.paste);
}

static void read_keys(struct tui *t)
{
	int ch = 0;
	bool is_key = false;
	enum tui_input_event ev;

	while ((ev = tui_input_next(&t->in, &ch, &is_key)) != TUI_INPUT_NONE) {
		switch (ev) {
		case TUI_INPUT_RESIZE:
			layout(t);
			break;
		case TUI_INPUT_MOUSE:
			mouse_event(t);
			break;
		case TUI_INPUT_PASTE:
			deliver_paste(t);
			break;
		case TUI_INPUT_PASTE_TOO_LARGE:
			tui_status(t, true, _("paste too large (over 16 MiB); nothing inserted"));
			break;
		case TUI_INPUT_GUARDED:
			tui_status(t, true,
				   _("keys right after a paste are not run (a pasted text can "
				     "carry keys); press the key again"));
			break;
		case TUI_INPUT_KEY:
			global_key(t, ch, is_key);
			if (t->s.quit)
				return;
			break;
		default:
			break;
		}
	}
}

static void release(struct tui *t)
{
	for (int i = 0; i < PANE_COUNT; i++)
		close_view(&t->panes[i]);
	if (t->overlay_open)
		close_view(&t->overlay);
	session_release(&t->s);
	tui_input_release(&t->in);
}

static bool make_panes(struct tui *t)
{
	for (int i = 0; i < PANE_COUNT; i++) {
		struct view *v = &t->panes[i];
		v->ops = pane_ops[i];
		v->env = &t->env;
		v->win = t->win[i];
		v->private = calloc(1, v->ops->private_size);
		if (!v->private || (v->ops->open && !v->ops->open(v, REQ_NONE, NULL)))
			return false;
	}
	return true;
}

/* How long the loop may wait for a key: a pane with more to draw by itself
 * (view_ops.tick) shortens the second the spinner and the status need */
static int wait_ms(struct tui *t)
{
	int ms = 1000;

	for (int i = 0; i < PANE_COUNT; i++) {
		int want = t->panes[i].ops->tick ? t->panes[i].ops->tick(&t->panes[i]) : -1;
		if (want >= 0 && want < ms)
			ms = want;
	}
	return ms;
}

/* Whether TERM names a terminal the console can draw on: known to terminfo
 * and able to move the cursor (TERM=dumb cannot).  Asked before initscr, so
 * a refusal leaves the terminal as it was and says what to set, where
 * ncurses would print its own "Error opening terminal" and exit. */
static bool term_usable(char *why, size_t size)
{
	const char *term = getenv("TERM");
	int errret = 0;
	bool ok;

	if (!term || !*term) {
		snprintf(why, size, "%s", _("TERM is not set"));
		return false;
	}
	if (setupterm(term, STDOUT_FILENO, &errret) != OK) {
		snprintf(why, size, "TERM=%s: %s", term,
			 errret == 0 ? _("no terminfo entry has that name")
				     : _("the terminfo database cannot be found"));
		return false;
	}
	ok = tigetstr("cup") && tigetstr("cup") != (char *)-1;
	snprintf(why, size, "TERM=%s: %s", term, _("that terminal cannot move the cursor"));
	del_curterm(cur_term);
	return ok;
}

int tui_run(const char *profile_name)
{
	struct tui t;
	struct topc_error err = {0};
	char why[300];

	if (!term_usable(why, sizeof(why))) {
		fprintf(stderr,
			_("topc: %s, so the console cannot draw; set TERM to your terminal's "
			  "type (e.g. TERM=xterm-256color), or use the commands (topc --help)\n"),
			why);
		return 2;
	}
	memset(&t, 0, sizeof(t));
	tui_input_init(&t.in);
	t.env.s = &t.s;
	t.env.status = &t.s;
	t.env.keys = t.keys;
	t.env.ctrl = t.ctrl;
	if (!session_init(&t.s, profile_name, &err)) {
		fprintf(stderr, "topc: %s\n", err.msg);
		release(&t);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	catch_quit_signals();
	initscr();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	/* bracketed paste: a paste arrives marked, and lands as text */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	/* LANG=C: ASCII marks, and once, why Chinese shows as codes */
	tui_use_ascii(strcmp(nl_langinfo(CODESET), "UTF-8") != 0);
	if (tui_ascii())
		tui_status(&t, false,
			   _("not a UTF-8 locale (%s): LANG=C.UTF-8 shows Chinese and the marks"),
			   nl_langinfo(CODESET));
	tui_apply_settings(&t);
	layout(&t);
	if (!make_panes(&t)) {
		endwin();
		fprintf(stderr, "topc: %s\n", _("out of memory starting the console"));
		release(&t);
		return 2;
	}
	/* for benchmarks: quit once the first full screen is out */
	bool exit_after_draw = getenv("TOPC_CONSOLE_EXIT_AFTER_DRAW") != NULL;

	while (!t.s.quit && !tui_signalled) {
		draw_all(&t);
		if (exit_after_draw)
			break;
		/* the keyboard and the transfers, together; the spinner and the
		 * status line's expiry need a tick (a signal ends the wait) */
		session_wait(&t.s, STDIN_FILENO, wait_ms(&t));
		if (tui_signalled)
			break;
		session_step(&t.s);
		read_keys(&t);
	}
	if (tui_signalled)
		session_hangup(&t.s);
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	endwin();
	release(&t);
	if (tui_signalled) {
		signal(tui_signalled, SIG_DFL);
		raise(tui_signalled);
	}
	return 0;
}
