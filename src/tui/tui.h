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

#include "send/client.h"
#include "form/form.h"
#include "form/form_store.h"
#include "form/form_value.h"
#include "history/history.h"
#include "fold.h"
#include "lineedit.h"
#include "livequery.h"
#include "session.h"
#include "top/outcome.h"
#include "base/params.h"
#include "profile/profile.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24
/* XML answers up to this size are re-indented in the response pane */
#define TUI_XML_PRETTY_MAX (8u << 20)

enum pane { PANE_APIS, PANE_FORM, PANE_RESPONSE, PANE_HISTORY, PANE_COUNT };

/* The actions keys can be bound to are session.h's SESSION_ACTION_TABLE:
 * the help overlay, the palette and the key handling all read it. */
#define TUI_ACTION_COUNT SESSION_ACTION_COUNT
#define TUI_CTRL(c) ((c)&0x1f)
#define TUI_ESC 27
#define TUI_DEL 127

/* Keys inside the panes, for the help overlay: X(keys, what) */
#define TUI_PANE_KEY_TABLE(X)                                                                      \
	X("Esc", "cancel the request in flight, an edit or an overlay")                            \
	X("y n", "answer a question in the status line (anything else is no)")                     \
	X("Up Down PgUp PgDn", "move (j k too outside text); Home End g G first, last")            \
	X("Enter", "form: edit the field, open a group, toggle a Boolean, pick a choice")          \
	X("Del x", "form: clear the field; remove an array element")                               \
	X("Ins a", "form: add an array element (after the selected one)")                          \
	X("^E", "form: edit the field in $EDITOR")                                                 \
	X("/ n N", "response: search (lower case: any case), next, previous; history: filter")     \
	X("w v h y", "response: wrap lines; the raw body; the headers; copy the body (OSC 52)")    \
	X("Enter l", "history: open the entry; load its values into the form")                     \
	X("r R c", "history: replay fresh, exact; copy as curl")                                   \
	X("m d", "history: mark an entry; diff the marked one with this one")                      \
	X("|", "response: the query line (jq, XPath for XML), values live; Enter copies one")      \
	X("z Z", "response: fold the object or array at the top line; fold or unfold all")         \
	X("D x", "history: a replay against its origin, field by field; copy as SDK code")         \
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
	int64_t origin_id; /* the entry a replay replays; 0: none */
	char text[256];
};

enum overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_SIGNATURE, OVERLAY_PICKER, OVERLAY_PROMPT };
enum picker_kind { PICK_PROFILE, PICK_TEMPLATE, PICK_CHOICE, PICK_ACTION, PICK_EXPORT };

struct tui {
	struct console_session s; /* the model */

	/* APIs pane */
	struct lineedit api_filter; /* typed straight into the pane */
	const char **apis;	    /* methods matching the filter */
	size_t napis, api_sel, api_top;

	/* form pane */
	struct topc_params collapsed; /* group paths folded away */
	struct form_row *rows;
	size_t nrows, row_sel, row_top;

	/* response pane */
	unsigned resp_serial; /* the answer the text below was made from */
	char *resp_text;      /* pretty body, or the raw one */
	size_t *resp_lines;   /* line start offsets */
	size_t resp_nlines, resp_top;
	bool wrap, raw, headers; /* raw: the body as it came; headers: the header block */
	unsigned headers_serial; /* the answer whose headers show */
	char search[128];
	bool searching;
	struct lineedit search_edit;
	struct fold_model fold; /* a JSON text's objects and arrays; resp_top is a row */
	bool folding;		/* fold holds the text's nodes */
	bool querying;		/* the query line is open over the pane */
	struct lineedit query_edit;
	struct livequery query;
	size_t query_sel;
	int64_t export_id; /* the entry the language picker exports */

	/* history pane */
	struct hist_row *hist;
	size_t nhist, hist_sel, hist_top;
	unsigned hist_serial;
	struct lineedit hist_filter; /* after / */
	bool hist_filtering;
	int64_t hist_mark; /* the entry d compares with; 0: none */

	/* overlays */
	enum overlay overlay;
	enum picker_kind picker;
	char **choices;
	size_t nchoices, choice_sel;
	char *prompt_label;
	struct lineedit prompt;
	char *overlay_text; /* help, signature: the text shown, scrolled */
	int overlay_top;

	/* keys and colours (topc.conf) */
	struct tui_key keys[TUI_ACTION_COUNT];
	struct tui_key ctrl[TUI_ACTION_COUNT];

	/* screen */
	enum pane focus;
	WINDOW *win[PANE_COUNT];
	bool color, too_small, mouse;
	bool pasting;
	struct topc_buf paste; /* fails closed past its cap: then nothing lands */
	char paste_tail[6];    /* the last bytes seen, for the end marker */
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
#define tui_status(t, ...) session_say(&(t)->s, __VA_ARGS__)
/* Key names in topc.conf and in the help: F1..F12, ^A..^Z, Tab, S-Tab, or
 * one character. */
bool tui_key_parse(const char *name, struct tui_key *k);
void tui_key_name(const struct tui_key *k, char *out, size_t size);
/* OSC 52: puts text on the terminal's clipboard, locally or over SSH */
void tui_copy(struct tui *t, const char *text, size_t len);

/* view_form.c: the form's rows from its fields, folds and array values;
 * the row of path (and element), or the current one when there is none */
void tui_rebuild_rows(struct tui *t);
void tui_select_row(struct tui *t, const char *path, int elem);

/* config.c: keys, colours and the mouse from topc.conf (after initscr);
 * every error in the file is listed in the response pane */
void tui_apply_settings(struct tui *t);

/* view_apis.c: the list of methods matching the filter */
void tui_apis_refresh(struct tui *t);

/* view_response.c: the pane's text from the session's answer when it is
 * new (search and position reset) */
void tui_response_sync(struct tui *t);
/* view_fx.c: the query line, folds, the replay diff and the language
 * picker's export, over the curses-free models (fold.h, livequery.h,
 * answerdiff.h, osc52.h) */
void tui_query_open(struct tui *t);
bool tui_query_key(struct tui *t, int ch, bool is_key);
void tui_query_draw(struct tui *t, WINDOW *w);
void tui_query_close(struct tui *t);
void tui_fold_build(struct tui *t);
size_t tui_resp_rows(const struct tui *t);
size_t tui_resp_line(const struct tui *t, size_t row);
bool tui_fold_key(struct tui *t, int ch, bool is_key);
void tui_replay_diff(struct tui *t, int64_t id, int64_t origin_id);
void tui_export_copy(struct tui *t, int64_t id, const char *lang);

/* view_history.c: the rows from the history when entries were added or the
 * filter changed; the selection stays on its entry */
void tui_history_reload(struct tui *t);
void tui_history_sync(struct tui *t);

/* tui.c: a request to the model; SESSION_ASK opens the question */
enum session_result tui_request(struct tui *t, enum session_req r, const struct session_arg *a);
bool tui_bound(const struct tui *t, enum session_action a, int ch, bool is_key);
/* Text keys for every line editor (fields, filters, prompts, search): true
 * when the key was the editor's. */
bool tui_line_key(struct lineedit *l, int ch, bool is_key);
/* A key in the view's list: j/k, arrows, g/G (gg), PgUp/PgDn, Home/End;
 * true when it moved (or was a list key). */
bool tui_list_key(size_t *sel, size_t count, size_t page, int ch, bool is_key, bool letters);

/* overlay.c */
void tui_open_picker(struct tui *t, enum picker_kind kind);
void tui_open_signature(struct tui *t);
void tui_open_help(struct tui *t);
void tui_open_palette(struct tui *t);
void tui_draw_overlay(struct tui *t);
bool tui_overlay_key(struct tui *t, int ch, bool is_key);
void tui_clear_choices(struct tui *t);
/* runs action a as its key would */
void tui_action(struct tui *t, enum session_action a);

/* The console's entry point: returns the process exit status. */
int tui_run(const char *profile_name);

#endif
