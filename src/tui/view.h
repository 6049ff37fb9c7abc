/*
 * view.h - the console's views and the requests they return, after tig's
 * view_ops and view_driver.
 *
 * A view is one pane (APIs, form, response, history) or one overlay (help,
 * signature, picker, palette, prompt), each in its own file.  It keeps its
 * state private: view_ops.private_size bytes, zeroed when the view is
 * made, reached only through v->private in that file and released by
 * view_ops.done.  A view reads the console's model (v->env->s, const) and
 * draws it with its own state.  It never changes the model and never calls
 * another view or the driver: a key becomes an enum request, with its
 * argument in struct view_req, and the one driver (tui.c) carries it out:
 * the model's requests through session_request, the actions of the action
 * table, and the console's own (focus, overlays, copy, diff, the open
 * edit's line).  After each request the driver tells every view
 * (view_ops.changed) so it can follow the model (e.g. select the row of a
 * problem).  The one thing a view writes is the status line
 * (view_report), as tig's views call report().
 *
 * Requests: REQ_NONE (the view used the key itself), REQ_UNKNOWN (not its
 * key: the driver tries the action keys, then q ? :), the actions
 * (REQ_ACTION_*, generated from SESSION_ACTION_TABLE, so help, the palette
 * and remaps stay one table), the model's requests (REQ_SESSION_*,
 * generated from SESSION_REQ_TABLE) and the console's (TUI_VIEW_REQ_TABLE).
 * An overlay that returns a request other than REQ_NONE/REQ_UNKNOWN is
 * closed before the driver carries it out.
 *
 * How to add a view:
 *  1. write view_NAME.c: a static struct with its state, the ops it needs
 *     (draw and key at least; open receives the request's argument), and
 *     `const struct view_ops view_NAME = {.name = "NAME", .private_size =
 *     sizeof(struct NAME_state), ...};`, declared at the end of this file;
 *  2. a pane: add it to enum pane and to tui.c's panes[]; an overlay: add
 *     an X(OPEN_NAME) to TUI_VIEW_REQ_TABLE and a case to tui.c's
 *     tui_driver that calls tui_open_overlay(t, &view_NAME, req) (an action of
 *     the action table that opens it maps there too);
 *  3. add the file to src/tui/meson.build, and a tmux test in
 *     tests/tui/test_console.py.
 */
#ifndef TOPC_VIEW_H
#define TOPC_VIEW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lineedit.h"
#include "session.h"

#define TUI_CTRL(c) ((c)&0x1f)
#define TUI_ESC 27
#define TUI_DEL 127

enum pane { PANE_APIS, PANE_FORM, PANE_RESPONSE, PANE_HISTORY, PANE_COUNT };

/* The console's own requests (the argument each reads from struct view_req) */
#define TUI_VIEW_REQ_TABLE(X)                                                                      \
	X(NONE)		 /* the key was the view's own */                                          \
	X(UNKNOWN)	 /* not the view's key */                                                  \
	X(CLOSE)	 /* the overlay closes */                                                  \
	X(FOCUS_FORM)	 /* the form pane takes the focus */                                       \
	X(OPEN_CHOICE)	 /* arg.path: the picker of that field's choices */                        \
	X(EDIT_KEY)	 /* ch, is_key: a key for the open edit's line */                          \
	X(EDIT_EXTERNAL) /* arg.path, arg.elem, arg.text, arg.adds: the field in $EDITOR */        \
	X(COPY)		 /* data, len: to the clipboard (OSC 52) */                                \
	X(DIFF)		 /* arg.id, other_id: the two entries compared in the response pane */     \
	X(OPEN_DIFF)	 /* arg.id: a replay against its origin, field by field (overlay) */       \
	X(OPEN_EXPORT)	 /* arg.id: the language picker copying that entry as code */              \
	X(EXPORT_FORM)	 /* ch: the language (enum topc_export_lang): the form's code copied */    \
	X(PASTE_TO_EDIT) /* data, len: the paste into the open edit */

enum request {
#define TUI_X(id) REQ_##id,
	TUI_VIEW_REQ_TABLE(TUI_X)
#undef TUI_X
#define TUI_X(id, name, key, ctrl, label, what) REQ_ACTION_##id,
	    SESSION_ACTION_TABLE(TUI_X)
#undef TUI_X
#define TUI_X(id, flags) REQ_SESSION_##id,
		SESSION_REQ_TABLE(TUI_X)
#undef TUI_X
		    REQ_COUNT
};

#define REQ_ACTION(a) ((enum request)(REQ_ACTION_HELP + (int)(a)))
#define REQ_IS_ACTION(r) ((r) >= REQ_ACTION_HELP && (r) < REQ_ACTION_HELP + SESSION_ACTION_COUNT)
#define REQ_SESSION(q) ((enum request)(REQ_SESSION_SEND + (int)(q)))
#define REQ_IS_SESSION(r) ((r) >= REQ_SESSION_SEND && (r) < REQ_COUNT)

/* A request's argument, filled by the view; what it points to is valid
 * until the view's next call. */
struct view_req {
	struct session_arg arg;
	int64_t other_id;
	const char *data;
	size_t len;
	int ch;
	bool is_key;
};

struct tui_key {
	int code;
	bool is_key; /* a KEY_* code rather than a character */
};

/* What every view may read: the model and the keys bound to the actions. */
struct view_env {
	const struct console_session *s;
	const struct tui_key *keys, *ctrl; /* [SESSION_ACTION_COUNT] */
	struct console_session *status;	   /* for view_report only */
};

struct view {
	const struct view_ops *ops;
	void *private;
	WINDOW *win; /* a pane's window; an overlay makes its own in draw */
	const struct view_env *env;
};

enum view_input {
	VIEW_KEYS,	  /* letters are keys: q ? : act */
	VIEW_TEXT,	  /* letters are typed (a filter typed straight in) */
	VIEW_TEXT_CURSOR, /* typed, and the terminal cursor shows where */
};

struct view_ops {
	const char *name;
	size_t private_size;
	/* an overlay opened by request req (its argument in arg); false: not
	 * opened (the status says why).  Panes are opened with NULL. */
	bool (*open)(struct view *v, enum request req, const struct view_req *arg);
	void (*done)(struct view *v);
	void (*draw)(struct view *v, bool focused);
	/* a key (a wide character, or KEY_* when is_key) into a request */
	enum request (*key)(struct view *v, int ch, bool is_key, struct view_req *out);
	/* the driver carried out req on the model with result res */
	void (*changed)(struct view *v, enum request req, enum session_result res);
	/* a paste, line breaks already spaces: where it lands; NULL: nowhere */
	enum request (*paste)(struct view *v, const char *text, size_t len, struct view_req *out);
	/* a click on line y of the pane (mouse = true); NULL: focus only */
	enum request (*click)(struct view *v, int y, struct view_req *out);
	enum view_input (*input)(struct view *v);
	/* ms until the view has more to draw by itself (a query's values on the
	 * way); -1 (or NULL): nothing.  The loop waits no longer for keys. */
	int (*tick)(struct view *v);
};

extern const struct view_ops view_apis, view_form, view_response, view_history;
extern const struct view_ops view_help, view_signature, view_picker, view_palette, view_prompt;
extern const struct view_ops view_diff, view_export;
/* hosted by the response pane over its body (view_query.c says how) */
extern const struct view_ops view_query;

/* The status line, for views (tig's report) */
void view_report(struct view *v, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Whether key (ch, is_key) is bound to action a */
bool view_bound(const struct view_env *env, enum session_action a, int ch, bool is_key);

/* colours (pairs); A_NORMAL without colour */
enum tui_color { TC_TITLE = 1, TC_ERROR, TC_OK, TC_DIM, TC_KEY, TC_FOCUS, TC_NAME, TC_PLAIN };
int tui_attr(enum tui_color c);
/* With colours and the terminal's default colours (use_default_colors),
 * draw_text draws plain text (no colour of its own, none set on the window)
 * in TC_PLAIN, the terminal's own colours as a pair: going back to plain
 * text from a coloured word is then a colour change (ESC [ 3 9 m), not a
 * reset of every attribute (sgr0) with the colour again, and a move in a
 * pane writes fewer bytes.  false: plain text stays A_NORMAL. */
void tui_use_plain(bool on);
void tui_use_color(bool on);
bool tui_has_color(void);
/* The locale's charset is not UTF-8 (LANG=C): the console's own marks are
 * drawn in ASCII (">" for "»", "..." for "…"), which any charset shows. */
void tui_use_ascii(bool on);
bool tui_ascii(void);

/* draw.c: text by cells, inert; returns the cells written */
int draw_text(WINDOW *w, int y, int x, int max_cells, const char *s, size_t len, int attr);
/* s (a string) in the room cells from x; one that does not fit ends in a
 * dim ~ where it is cut, so a value cut at an edge never reads as whole.
 * Reads only as much of s as the room shows (values up to 16 MiB come
 * through $EDITOR).  Returns the cells written. */
int draw_text_cut(WINDOW *w, int y, int x, int room, const char *s, int attr);
/* The cut draw_text_cut makes, for text drawn in parts (the response's
 * coloured lines): how much of s[0, len) shows in room cells, all of it
 * (*cut false) or what fits in room - 1 (*cut true: draw_cut_mark goes
 * after it); more: s goes on after len.  *cells: the part's cells. */
size_t draw_cut_fit(const char *s, size_t len, bool more, int room, int *cells, bool *cut);
/* The dim ~ at y, x; returns its cells (1). */
int draw_cut_mark(WINDOW *w, int y, int x);
void draw_title(WINDOW *w, const char *title, bool focused);
/* Key names in topc.conf and in the help: F1..F12, ^A..^Z, Tab, S-Tab, or
 * one character. */
bool tui_key_parse(const char *name, struct tui_key *k);
void tui_key_name(const struct tui_key *k, char *out, size_t size);

/* The widgets every view shares (widget.c).  Text keys for every line
 * editor (fields, filters, prompts, search): true when the key was the
 * editor's. */
bool tui_line_key(struct lineedit *l, int ch, bool is_key);
/* A key in a list: j/k (letters), arrows, g/G (gg), PgUp/PgDn, Home/End;
 * true when it was a list key. */
bool tui_list_key(size_t *sel, size_t count, size_t page, int ch, bool is_key, bool letters);
bool tui_is_enter(int ch, bool is_key);
/* Where term first occurs in s[0..len) (NULL: nowhere, or an empty term),
 * in smart case: a term with no capital letter matches any case (ASCII),
 * one with a capital matches exactly.  Every filter and search of the
 * console finds with it (the APIs pane, the pickers, the response's /). */
const char *tui_find(const char *s, size_t len, const char *term);
/* The bytes of s[0..len) that fit in width cells (one character at least,
 * so a wrap always moves on); *cells (may be NULL) gets their cells. */
size_t tui_fit(const char *s, size_t len, int width, int *cells);
/* How much of p[0..len) goes on a line of width cells; *next gets where
 * the next line starts.  words: the break is at a space in the line's
 * second half when there is one (the spaces there go), else where the
 * cells end (a long token, Chinese text). */
size_t tui_wrap_part(const char *p, size_t len, int width, bool words, size_t *next);
/* a box over the panes with its title (cut with its ~ when longer) */
void tui_draw_box(WINDOW *w, const char *title);
/* the same with tail after the title kept whole: the title is cut first */
void tui_draw_box_tail(WINDOW *w, const char *title, const char *tail);

/* A list of choices in an overlay (pickers, the palette) */
struct choices {
	char **items;
	size_t count, sel;
};
bool choices_add(struct choices *c, const char *text);
void choices_clear(struct choices *c);
/* rows lines of the list from line y0 of w, the selection kept in view */
void choices_draw(const struct choices *c, WINDOW *w, int y0, int rows);

/* A scrolled text (help, signature): the text is the pager's. */
struct pager {
	char *text;
	int top;
	/* a line's attribute (its wrapped parts alike); NULL: plain */
	int (*line_attr)(const char *line, size_t len);
	/* prose (the help): long lines wrap at spaces, their parts under the
	 * description column; else where the cells end (the signature's
	 * canonical string and body are shown cut, never reflowed) */
	bool words;
};
void pager_set(struct pager *p, char *text);
void pager_release(struct pager *p);
void pager_draw(struct pager *p, const char *title);
/* true when the key scrolled */
bool pager_key(struct pager *p, int ch, bool is_key);
/* A pager overlay's key: scrolled (REQ_NONE), or Esc, q and the help and
 * signature keys close it (REQ_CLOSE); anything else is swallowed. */
enum request pager_view_key(struct pager *p, const struct view_env *env, int ch, bool is_key);

#endif
