/*
 * tui.h - the console's driver: one event loop, four panes (APIs, form,
 * response, history) and at most one overlay, each a view (view.h) with
 * its own state.  Keys become requests (the action keys of the action
 * table, then the focused view's key), and tui_driver carries each request
 * out: on the model (session.h), on the focus and the overlays, or on the
 * terminal (the clipboard, $EDITOR).  Only this file and config.c see
 * struct tui; the views see struct view_env.
 *
 * The console holds no protocol logic: forms, values, validation,
 * signing, sending, history and replay all come from the core.  Sends never
 * block the loop: the transport's descriptors are polled with the keyboard,
 * a spinner runs while a request is in flight and Esc cancels it.  Text from
 * outside (responses, values, descriptions) is drawn through draw_text,
 * which measures characters in cells and shows control characters as \xNN.
 */
#ifndef TOPC_TUI_H
#define TOPC_TUI_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "session.h"
#include "tui_input.h"
#include "view.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

#define TUI_ACTION_COUNT SESSION_ACTION_COUNT

struct tui {
	struct console_session s; /* the model */
	struct view_env env;	  /* what the views read */
	struct view panes[PANE_COUNT];
	struct view overlay;
	bool overlay_open;

	/* keys and colours (topc.conf) */
	struct tui_key keys[TUI_ACTION_COUNT];
	struct tui_key ctrl[TUI_ACTION_COUNT];

	/* screen */
	enum pane focus;
	WINDOW *win[PANE_COUNT];
	bool too_small, mouse;
	struct tui_input in; /* the decoder: escape sequences, pastes */
};

#define tui_status(t, ...) session_say(&(t)->s, __VA_ARGS__)

/* config.c: keys, colours and the mouse from topc.conf (after initscr);
 * every error in the file is listed in the response pane */
void tui_apply_settings(struct tui *t);

/* Carries out request req (its argument in arg, may be NULL). */
void tui_driver(struct tui *t, enum request req, const struct view_req *arg);

/* The console's entry point: returns the process exit status. */
int tui_run(const char *profile_name);

#endif
