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

#include "top/client.h"
#include "form/form.h"
#include "form/form_store.h"
#include "form/form_value.h"
#include "history/history.h"
#include "lineedit.h"
#include "top/outcome.h"
#include "base/params.h"
#include "profile/profile.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24
/* XML answers up to this size are re-indented in the response pane */
#define TUI_XML_PRETTY_MAX (8u << 20)

enum pane { PANE_APIS, PANE_FORM, PANE_RESPONSE, PANE_HISTORY, PANE_COUNT };

/* The actions keys can be bound to in topc.conf (keys = { send = "F9"; }):
 * X(id, name in topc.conf, default key, what it does).  The help overlay and
 * the key handling both read this table. */
#define TUI_ACTION_TABLE(X)                                                                        \
	X(HELP, "help", "F1", "this help (also ? outside text fields)")                            \
	X(NEXT_PANE, "next_pane", "Tab", "next pane")                                              \
	X(PREV_PANE, "prev_pane", "S-Tab", "previous pane")                                        \
	X(SEND, "send", "F5", "validate, sign and send the form (also ^S)")                        \
	X(PROFILE, "profile", "F2", "switch profile")                                              \
	X(TEMPLATE_LOAD, "template_load", "F3", "load a template into the form")                   \
	X(TEMPLATE_SAVE, "template_save", "F4", "save the form as a template")                     \
	X(SIGNATURE, "signature", "F6", "signature view: canonical string, signature, body")       \
	X(PROFILE_EDIT, "profile_edit", "F7", "edit the profile (secret sources only); F5 saves")  \
	X(QUIT, "quit", "F10", "quit (also ^Q, and q outside text fields)")

enum tui_action {
#define TUI_X(id, name, key, what) TUI_ACTION_##id,
	TUI_ACTION_TABLE(TUI_X)
#undef TUI_X
	    TUI_ACTION_COUNT
};

/* Keys inside the panes, for the help overlay: X(keys, what) */
#define TUI_PANE_KEY_TABLE(X)                                                                      \
	X("Esc", "cancel the request in flight, an edit or an overlay")                            \
	X("Up Down PgUp PgDn", "move (j k too outside text); Home End first, last")                \
	X("Enter", "form: edit the field, open a group, toggle a Boolean, pick a choice")          \
	X("Del x", "form: clear the field; remove an array element")                               \
	X("Ins a", "form: add an array element (after the selected one)")                          \
	X("^E", "form: edit the field in $EDITOR")                                                 \
	X("/ n", "response: search, next match; history: filter")                                  \
	X("w y", "response: wrap long lines; copy the body (OSC 52)")                              \
	X("g G", "response, history: first, last")                                                 \
	X("Enter l", "history: open the entry; load its values into the form")                     \
	X("r R c", "history: replay fresh, exact; copy as curl")                                   \
	X("m d", "history: mark an entry; diff the marked one with this one")                      \
	X("mouse", "with mouse = true in topc.conf: click picks, again opens; wheel scrolls")

struct tui_key {
	int code;
	bool is_key; /* a KEY_* code rather than a character */
};

/* A row of the form: a field, or under an array field one of its elements
 * or the row that adds one. */
#define ROW_FIELD (-1)
#define ROW_ADD (-2)

struct form_row {
	const struct topc_field *field;
	char path[512];
	int depth;
	int elem; /* ROW_FIELD, ROW_ADD, or the element's index */
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
	bool have_profile;
	bool have_client; /* started on first use (tui_client) */
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
	bool edit_adds;	   /* the edit is a new array element, inserted on Enter */
	bool show_missing; /* after a send was tried */
	struct line_edit edit;
	int64_t origin_id; /* the history entry the form came from, for replays */

	/* the profile editor: its form in the form pane, the API's kept aside */
	bool editing_profile;
	bool have_profile_form;
	struct topc_form profile_form;
	struct {
		const struct topc_form *form;
		struct topc_params values, collapsed;
		size_t row_sel, row_top;
		bool show_missing;
	} stash;

	/* the request in flight */
	struct topc_request req;
	struct topc_transfer *inflight;
	int64_t started_ms;

	/* response pane */
	char *resp_title;   /* outcome line, code, sub_code, request_id */
	int resp_title_bad; /* draw it as an error */
	char *resp_text;    /* pretty body */
	size_t *resp_lines; /* line start offsets */
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
	int64_t hist_mark; /* the entry d compares with; 0: none */

	/* overlays */
	enum overlay overlay;
	enum picker_kind picker;
	char **choices;
	size_t nchoices, choice_sel;
	char *prompt_label;
	struct line_edit prompt;
	char *sig_text;

	/* keys and colours (topc.conf) */
	struct tui_key keys[TUI_ACTION_COUNT];

	/* screen */
	enum pane focus;
	WINDOW *win[PANE_COUNT];
	char status[512];
	bool status_error;
	bool quit, color, too_small, mouse;
};

struct view_ops {
	const char *title;
	void (*draw)(struct tui *t, WINDOW *w, bool focused);
	/* a key (wide character, or KEY_* when is_key); true when handled */
	bool (*key)(struct tui *t, int ch, bool is_key);
	/* a click on line y of the pane (mouse = true); NULL: focus only */
	void (*click)(struct tui *t, int y);
};

extern const struct view_ops view_apis, view_form, view_response, view_history;

/* colours (pairs); A_NORMAL without colour */
enum tui_color { TC_TITLE = 1, TC_ERROR, TC_OK, TC_DIM, TC_KEY, TC_FOCUS, TC_NAME };
int tui_attr(const struct tui *t, enum tui_color c);

/* draw.c: text by cells, inert; returns the cells written */
int draw_text(WINDOW *w, int y, int x, int max_cells, const char *s, size_t len, int attr);
void draw_title(struct tui *t, WINDOW *w, const char *title, bool focused);
void tui_status(struct tui *t, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Key names in topc.conf and in the help: F1..F12, ^A..^Z, Tab, S-Tab, or
 * one character. */
bool tui_key_parse(const char *name, struct tui_key *k);
void tui_key_name(const struct tui_key *k, char *out, size_t size);
/* OSC 52: puts text on the terminal's clipboard, locally or over SSH */
void tui_copy(struct tui *t, const char *text, size_t len);

/* view_form.c: the form's rows from its fields, folds and array values */
void tui_rebuild_rows(struct tui *t);

/* config.c: keys, colours and the mouse from topc.conf (after initscr) */
void tui_apply_settings(struct tui *t);

/* view_apis.c: the list of methods matching the filter */
void tui_apis_refresh(struct tui *t);

/* tui.c: actions the panes share */
void tui_select_method(struct tui *t, const char *method);
/* Checks the form's values (and rebuilds the rows: arrays have a row per
 * element) after any change. */
void tui_validate(struct tui *t);
void tui_send(struct tui *t, const struct topc_params *business_override);
void tui_show_response(struct tui *t, const char *title, bool bad, const char *body, size_t len);
void tui_history_reload(struct tui *t);
void tui_open_picker(struct tui *t, enum picker_kind kind);
void tui_load_entry(struct tui *t, int64_t id);
void tui_replay(struct tui *t, int64_t id, bool exact);

/* tui.c: the profile (and its client), the request for the form */
bool tui_load_profile(struct tui *t, const char *name);
/* Starts the profile's client (libcurl, the builtin gateway) unless it
 * runs; false, with the reason in the status line, when it cannot. */
bool tui_client(struct tui *t);
void tui_remember_profile(const char *name);
/* edit_profile.c: F7 opens and leaves the editor; F5 in it saves.  The
 * actions that would replace the form refuse while it is open (blocks says
 * so in the status line and returns true). */
void tui_profile_editor(struct tui *t);
void tui_profile_save(struct tui *t);
bool tui_profile_editor_blocks(struct tui *t);

bool tui_build_request(struct tui *t, const struct topc_params *business_override,
		       struct topc_request *req);
bool tui_bound(const struct tui *t, enum tui_action a, int ch, bool is_key);

/* overlay.c */
void tui_open_signature(struct tui *t);
void tui_draw_overlay(struct tui *t);
bool tui_overlay_key(struct tui *t, int ch, bool is_key);
void tui_clear_choices(struct tui *t);

/* The console's entry point: returns the process exit status. */
int tui_run(const char *profile_name);

#endif
