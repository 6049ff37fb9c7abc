/*
 * tui.h - the console: one event loop, four panes (APIs, form, response,
 * history) each in its own file behind struct view_ops, overlays for help,
 * the signature, pickers and prompts.
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

#include "client.h"
#include "form.h"
#include "form_store.h"
#include "form_value.h"
#include "history.h"
#include "lineedit.h"
#include "outcome.h"
#include "params.h"
#include "profile.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

enum pane { PANE_APIS, PANE_FORM, PANE_RESPONSE, PANE_HISTORY, PANE_COUNT };

/* X(id, keys shown in help, what it does) */
#define TUI_ACTION_TABLE(X)                                                                      \
	X(HELP, "F1 ?", "this help (? outside text fields)")                                    \
	X(NEXT_PANE, "Tab", "next pane")                                                        \
	X(PREV_PANE, "S-Tab", "previous pane")                                                  \
	X(SEND, "F5 ^S", "validate, sign and send the form")                                    \
	X(CANCEL, "Esc", "cancel the request in flight, an edit or an overlay")                 \
	X(PROFILE, "F2", "switch profile")                                                      \
	X(TEMPLATE_LOAD, "F3", "load a template into the form")                                 \
	X(TEMPLATE_SAVE, "F4", "save the form as a template")                                   \
	X(SIGNATURE, "F6", "signature view: canonical string, signature, body")                 \
	X(QUIT, "F10 ^Q", "quit")                                                               \
	X(EDIT, "Enter", "form: edit the field, open a group or pick a choice")                 \
	X(CLEAR, "Del", "form: clear the field")                                                \
	X(EDITOR, "^E", "form: edit the field in $EDITOR (Json fields)")                        \
	X(MOVE, "Up Down PgUp PgDn j k", "move; g/G first/last in response and history")        \
	X(SEARCH, "/ n", "response: search, next match; history: filter")                       \
	X(WRAP, "w", "response: wrap long lines")                                               \
	X(COPY, "y", "response: copy the body (OSC 52, works over SSH)")                        \
	X(OPEN, "Enter", "history: open the entry in the response pane")                        \
	X(LOAD, "l", "history: load the entry's values into the form")                          \
	X(REPLAY, "r R", "history: replay fresh / exact")                                       \
	X(CURL, "c", "history: copy as a curl command (signed by topc sign when run)")

enum tui_action {
#define TUI_X(id, keys, what) TUI_ACTION_##id,
	TUI_ACTION_TABLE(TUI_X)
#undef TUI_X
};

struct form_row {
	const struct topc_field *field;
	char path[512];
	int depth;
};

struct hist_row {
	int64_t id;
	char text[256];
};

enum overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_SIGNATURE, OVERLAY_PICKER, OVERLAY_PROMPT };
enum picker_kind { PICK_PROFILE, PICK_TEMPLATE, PICK_CHOICE };

struct tui {
	/* the model, from the core */
	char *profile_name;
	struct topc_profile profile;
	struct topc_client client;
	bool have_client;
	struct topc_form_store forms;
	struct topc_history *history;

	/* APIs pane */
	char api_filter[128];
	const char **apis; /* methods matching the filter */
	size_t napis, api_sel, api_top;

	/* form pane */
	const struct topc_form *form;
	char *method;
	struct topc_params values;    /* field path -> text as typed */
	struct topc_params collapsed; /* group paths folded away */
	struct topc_form_problems problems;
	struct form_row *rows;
	size_t nrows, row_sel, row_top;
	bool editing;
	bool show_missing; /* after a send was tried */
	struct line_edit edit;
	int64_t origin_id; /* the history entry the form came from, for replays */

	/* the request in flight */
	struct topc_request req;
	struct topc_transfer *inflight;
	int64_t started_ms;

	/* response pane */
	char *resp_title;    /* outcome line, code, sub_code, request_id */
	int resp_title_bad;  /* draw it as an error */
	char *resp_text;     /* pretty body */
	size_t *resp_lines;  /* line start offsets */
	size_t resp_nlines, resp_top;
	bool wrap;
	char search[128];
	bool searching;
	struct line_edit search_edit;
	struct topc_outcome last; /* for the signature view's explanation */
	char last_date[64];

	/* history pane */
	struct hist_row *hist;
	size_t nhist, hist_sel, hist_top;
	char hist_filter[128];
	bool hist_filtering;

	/* overlays */
	enum overlay overlay;
	enum picker_kind picker;
	char **choices;
	size_t nchoices, choice_sel;
	char *prompt_label;
	struct line_edit prompt;
	char *sig_text;

	/* screen */
	enum pane focus;
	WINDOW *win[PANE_COUNT];
	char status[512];
	bool status_error;
	bool quit, color, too_small;
};

struct view_ops {
	const char *title;
	void (*draw)(struct tui *t, WINDOW *w, bool focused);
	/* a key (wide character, or KEY_* when is_key); true when handled */
	bool (*key)(struct tui *t, int ch, bool is_key);
};

extern const struct view_ops view_apis, view_form, view_response, view_history;

/* colours (pairs); A_NORMAL without colour */
enum tui_color { TC_TITLE = 1, TC_ERROR, TC_OK, TC_DIM, TC_KEY, TC_FOCUS };
int tui_attr(const struct tui *t, enum tui_color c);

/* draw.c: text by cells, inert; returns the cells written */
int draw_text(WINDOW *w, int y, int x, int max_cells, const char *s, size_t len, int attr);
void draw_title(struct tui *t, WINDOW *w, const char *title, bool focused);
void tui_status(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* OSC 52: puts text on the terminal's clipboard, locally or over SSH */
void tui_copy(struct tui *t, const char *text, size_t len);

/* view_apis.c: the list of methods matching the filter */
void tui_apis_refresh(struct tui *t);

/* tui.c: actions the panes share */
void tui_select_method(struct tui *t, const char *method);
void tui_rebuild_rows(struct tui *t);
void tui_validate(struct tui *t);
void tui_send(struct tui *t, const struct topc_params *business_override);
void tui_show_response(struct tui *t, const char *title, bool bad, const char *body,
		       size_t len);
void tui_history_reload(struct tui *t);
void tui_open_picker(struct tui *t, enum picker_kind kind);
void tui_load_entry(struct tui *t, int64_t id);
void tui_replay(struct tui *t, int64_t id, bool exact);

/* The console's entry point: returns the process exit status. */
int tui_run(const char *profile_name);

#endif
