/* view_form.c - the form editor: the field tree with types, required marks,
 * values and the problems next to them; the focused field's description,
 * constraints and a preview of generated values below. */
#include "view.h"

#include "base/i18n.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "form/form.h"
#include "profile/template.h"

/* A row of the form: a field, or under an array field one of its elements
 * or the row that adds one; after the fields, the values an entry gave
 * the request directly (system overrides), sent as they are. */
#define ROW_FIELD (-1)
#define ROW_ADD (-2)
/* a value given to the request directly (session_value_raw), field NULL */
#define ROW_RAW (-3)

struct form_row {
	const struct topc_field *field;
	char path[512];
	int depth;
	int elem; /* ROW_FIELD, ROW_ADD, or the element's index */
};

struct form_state {
	struct topc_params collapsed; /* group paths folded away */
	struct form_row *rows;
	size_t nrows, sel, top;
	char *scratch;	    /* the text of the last request's argument */
	bool pending_land;  /* the edit adds: select where the element lands */
	size_t edit_scroll; /* the open edit's first byte shown */
	/* path (an element's: path[N]) -> "1" when its value holds a ${...}
	 * generator, "0" when not, for the values' state generated_of (their
	 * serial): a 15 MB value was walked at each draw, 20 ms a move */
	struct topc_params generated;
	unsigned long long generated_of;
};

/* Whether value, the form's at path (element elem, or -1), holds a
 * generator: worked out once for each state of the values. */
static bool has_generator(struct view *v, const char *path, int elem, const char *value)
{
	struct form_state *fs = v->private;
	const struct topc_params *values = &v->env->s->values;
	const char *known;
	char key[600];
	bool yes;

	if (fs->generated_of != values->serial) {
		topc_params_release(&fs->generated);
		fs->generated_of = values->serial;
	}
	if (snprintf(key, sizeof(key), elem >= 0 ? "%s[%d]" : "%s", path, elem) >= (int)sizeof(key))
		return topc_template_has_generator(value); /* a path that long: asked each time */
	if ((known = topc_params_get(&fs->generated, key)))
		return *known == '1';
	yes = topc_template_has_generator(value);
	if (topc_params_set(&fs->generated, key, yes ? "1" : "0") != TOPC_OK)
		topc_params_release(&fs->generated); /* asked again next time */
	fs->generated_of = values->serial;
	return yes;
}

/* ------------------------------------------------------------------ */
/* Rows: a field a row, groups unless folded, an array's elements */

static bool push_row(struct view *v, const struct topc_field *f, const char *path, int depth,
		     int elem)
{
	struct form_state *fs = v->private;
	struct form_row *more = realloc(fs->rows, (fs->nrows + 1) * sizeof(*more));

	if (!more)
		return false;
	fs->rows = more;
	more[fs->nrows].field = f;
	more[fs->nrows].depth = depth;
	more[fs->nrows].elem = elem;
	snprintf(more[fs->nrows].path, sizeof(more[fs->nrows].path), "%s", path);
	fs->nrows++;
	return true;
}

/* An array's elements, each on its row, then the row that adds one.  A value
 * that is not readable as the array gets neither: its problem shows on the
 * field, and Enter edits the whole text. */
static void add_elements(struct view *v, const struct topc_field *f, const char *path, int depth)
{
	const struct console_session *s = v->env->s;
	char **elems;
	size_t n;

	if (!topc_array_split(f, topc_params_get(&s->values, path), &elems, &n))
		return;
	for (size_t i = 0; i < n && i < INT_MAX; i++)
		push_row(v, f, path, depth, (int)i);
	topc_array_free(elems, n);
	push_row(v, f, path, depth, ROW_ADD);
}

static void add_rows(struct view *v, const struct topc_field *parent, const char *prefix, int depth)
{
	struct form_state *fs = v->private;
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *f = &parent->fields[i];
		char path[512];
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", f->name);
		if (!push_row(v, f, path, depth, ROW_FIELD))
			return;
		if (f->array)
			add_elements(v, f, path, depth + 1);
		else if (f->nfields && !topc_params_get(&fs->collapsed, path))
			add_rows(v, f, path, depth + 1);
	}
}

static void rebuild_rows(struct view *v)
{
	struct form_state *fs = v->private;
	const struct console_session *s = v->env->s;
	free(fs->rows);
	fs->rows = NULL;
	fs->nrows = 0;
	if (s->form)
		add_rows(v, &s->form->request, "", 0);
	for (size_t i = 0; s->form && i < s->values.count; i++)
		if (session_value_raw(s, s->values.items[i].name) &&
		    !push_row(v, NULL, s->values.items[i].name, 0, ROW_RAW))
			break;
	if (fs->sel >= fs->nrows)
		fs->sel = fs->nrows ? fs->nrows - 1 : 0;
}

static void select_row(struct view *v, const char *path, int elem)
{
	struct form_state *fs = v->private;
	rebuild_rows(v);
	for (size_t i = 0; i < fs->nrows; i++)
		if (strcmp(fs->rows[i].path, path) == 0 && fs->rows[i].elem == elem) {
			fs->sel = i;
			return;
		}
}

/* ------------------------------------------------------------------ */
/* Drawing */

static const struct topc_form_problem *problem_at(const struct view *v, const char *path)
{
	const struct console_session *s = v->env->s;
	for (size_t i = 0; i < s->problems.count; i++)
		if (strcmp(s->problems.items[i].path, path) == 0)
			return &s->problems.items[i];
	return NULL;
}

static bool is_group(const struct topc_field *f)
{
	return f->kind == TOPC_FIELD_OBJECT && !f->array;
}

/* The line being edited, from column x; the cursor left in it. */
static void draw_edit(struct view *v, WINDOW *w, int y, int x)
{
	struct form_state *fs = v->private;
	/* the model's line, read; where it scrolls to is this view's */
	struct lineedit line = v->env->s->edit.line;
	size_t end;
	int col;

	line.scroll = fs->edit_scroll <= line.text.len ? fs->edit_scroll : 0;
	col = lineedit_view(&line, getmaxx(w) - x - 1, &end);
	fs->edit_scroll = line.scroll;
	draw_text(w, y, x, getmaxx(w) - x - 1, line.text.data + line.scroll, end - line.scroll,
		  A_UNDERLINE);
	wmove(w, y, x + col);
}

/* A value in the cells from x to the pane's edge; one that does not fit
 * ends in a dim ~ where it is cut, so 1526984087476772 cut to fifteen
 * digits never reads as a whole 15-digit id.  Returns the cells used. */
static int draw_value(WINDOW *w, int y, int x, const char *value, int attr)
{
	return draw_text_cut(w, y, x, getmaxx(w) - x, value, attr);
}

/* The element a row shows, or "" for the add row; the caller frees it. */
static char *row_element(const struct view *v, const struct form_row *r)
{
	const struct console_session *s = v->env->s;
	char **elems, *text = NULL;
	size_t n;

	if (r->elem >= 0 &&
	    topc_array_split(r->field, topc_params_get(&s->values, r->path), &elems, &n)) {
		if ((size_t)r->elem < n)
			text = strdup(elems[r->elem]);
		topc_array_free(elems, n);
	}
	return text ? text : strdup("");
}

/* An element row: "[2] value", or the add row's hint. */
static void draw_element(struct view *v, WINDOW *w, int y, const struct form_row *r, bool selected,
			 bool focused)
{
	const struct console_session *s = v->env->s;
	int width = getmaxx(w), x = r->depth * 2 + 1;
	int attr = selected && focused ? tui_attr(TC_FOCUS) : 0;
	char head[32], *text;

	if (r->elem == ROW_ADD && !(selected && s->edit.open)) {
		draw_text(w, y, x, width - x, _("+ add an element (Enter, a)"), (size_t)-1,
			  attr | tui_attr(TC_DIM));
		return;
	}
	if (r->elem == ROW_ADD)
		snprintf(head, sizeof(head), "[+]");
	else
		snprintf(head, sizeof(head), "[%d]", r->elem + 1);
	x += draw_text(w, y, x, width - x, head, (size_t)-1, attr) + 1;
	if (x >= width)
		return;
	if (selected && s->edit.open) {
		draw_edit(v, w, y, x);
		return;
	}
	text = row_element(v, r);
	draw_value(w, y, x, text, has_generator(v, r->path, r->elem, text) ? tui_attr(TC_KEY) : 0);
	free(text);
}

/* The name and type columns of a row from cell x; the value's cell, or
 * the width when there is no room left.  A name longer than its column
 * moves the type on (it is what the row is); a type keeps to its column
 * (a structure's name, MobileReceiverMessageEventDto, took the value's
 * cells), cut with its ~ as anything cut at the pane's edge; a label
 * in its place (label: "system, as given") goes on as a name does. */
static int draw_columns(WINDOW *w, int y, int x, const char *head, int head_attr, const char *type,
			bool label)
{
	int width = getmaxx(w), name_col = 24, type_col = 16, room;

	x += draw_text_cut(w, y, x, width - x, head, head_attr);
	x = x < name_col ? name_col : x + 1;
	room = label || width - x < type_col - 1 ? width - x : type_col - 1;
	x += draw_text_cut(w, y, x, room, type, tui_attr(TC_DIM));
	x = x < name_col + type_col ? name_col + type_col : x + 1;
	return x < width ? x : width;
}

/* A value given directly: "  format  system, as given  xml" */
static void draw_raw(struct view *v, WINDOW *w, int y, const struct form_row *r, bool selected,
		     bool focused)
{
	const struct console_session *s = v->env->s;
	const char *value = topc_params_get(&s->values, r->path);
	int width = getmaxx(w), attr = selected && focused ? tui_attr(TC_FOCUS) : 0;
	char head[520];
	int x;

	snprintf(head, sizeof(head), "  %s", r->path);
	x = draw_columns(w, y, 0, head, attr,
			 topc_form_is_system_name(r->path) ? _("system, as given")
							   : _("not in the form, as given"),
			 true);
	if (x >= width)
		return;
	if (selected && s->edit.open)
		draw_edit(v, w, y, x);
	else if (value && *value)
		draw_value(w, y, x, value, 0);
	else
		draw_text(w, y, x, width - x, _("(left out of the request)"), (size_t)-1,
			  tui_attr(TC_DIM));
}

/* One row: "  ▾ * name  Type  value  ← problem" */
/* An empty field's default: a required field is sent with it (the wire's
 * rule, form_wire.c), an optional one is left out and the server applies its
 * own; the two must not look alike.  Returns the column after it. */
static int draw_default(WINDOW *w, int y, int x, const struct topc_field *f, bool profile)
{
	int width = getmaxx(w);
	char text[160];

	if (f->required) {
		x += draw_text(w, y, x, width - x, f->default_value, (size_t)-1, 0) + 1;
		if (x < width)
			x += draw_text(w, y, x, width - x, _("(sent)"), (size_t)-1,
				       tui_attr(TC_DIM)) +
			     1;
		return x;
	}
	/* the profile editor's defaults are topc's own, for a key not in the file */
	snprintf(text, sizeof(text), profile ? _("(default: %s)") : _("(server: %s)"),
		 f->default_value);
	return x + draw_text(w, y, x, width - x, text, (size_t)-1, tui_attr(TC_DIM)) + 1;
}

static void draw_row(struct view *v, WINDOW *w, int y, const struct form_row *r, bool selected,
		     bool focused)
{
	struct form_state *fs = v->private;
	const struct console_session *s = v->env->s;
	const struct topc_field *f = r->field;
	const struct topc_form_problem *p = problem_at(v, r->path);
	const char *value = topc_params_get(&s->values, r->path);
	int width = getmaxx(w), x = r->depth * 2,
	    attr = selected && focused ? tui_attr(TC_FOCUS) : 0;
	char head[160];

	if (r->elem == ROW_RAW) {
		draw_raw(v, w, y, r, selected, focused);
		return;
	}
	if (r->elem != ROW_FIELD) {
		draw_element(v, w, y, r, selected, focused);
		return;
	}
	snprintf(head, sizeof(head), "%s%s%s",
		 is_group(f) ? (topc_params_get(&fs->collapsed, r->path) ? "+" : "-") : " ",
		 f->required ? "*" : " ", f->name);
	/* columns: name, type, value */
	x = draw_columns(w, y, x, head, attr | (f->required ? A_BOLD : 0), f->type, false);
	if (x >= width)
		return;
	if (selected && s->edit.open) {
		draw_edit(v, w, y, x);
		return;
	}
	if (value && *value)
		x += draw_value(w, y, x, value,
				has_generator(v, r->path, -1, value) ? tui_attr(TC_KEY) : 0) +
		     1;
	else if (f->default_value && !is_group(f))
		x = draw_default(w, y, x, f, s->editing_profile);
	/* a field not filled yet is only a reminder until a send is tried */
	if (p && x < width && p->missing && !s->show_missing)
		draw_text(w, y, x, width - x, _("(required)"), (size_t)-1, tui_attr(TC_DIM));
	else if (p && x < width)
		draw_text(w, y, x, width - x, p->msg + strlen(r->path) + 2, (size_t)-1,
			  tui_attr(TC_ERROR));
}

/* The focused field's help: description, constraints, example, preview. */
static void draw_help(struct view *v, WINDOW *w, int y0, const struct form_row *r)
{
	const struct console_session *s = v->env->s;
	const struct topc_field *f = r->field;
	const char *value = topc_params_get(&s->values, r->path);
	const struct topc_form_problem *p;
	int width = getmaxx(w);
	struct topc_buf b;
	enum topc_status st;

	if (!f) {
		/* the path and its kind as a field's help line starts */
		int x = draw_text(w, y0, 0, width, r->path, (size_t)-1, tui_attr(TC_DIM));
		draw_text(w, y0, x + 2, width - x - 2,
			  topc_form_is_system_name(r->path) ? _("system, as given")
							    : _("not in the form, as given"),
			  (size_t)-1, tui_attr(TC_DIM));
		draw_text(
		    w, y0 + 1, 0, width,
		    _("sent as it is, over the profile's value (its entry had it from -s/-S)"),
		    (size_t)-1, 0);
		draw_text(w, y0 + 2, 0, width, _("Enter or e edits it, x removes it"), (size_t)-1,
			  0);
		return;
	}
	/* a line that does not fit the buffer is drawn empty (it has failed) */
	topc_buf_init(&b, 0);
	st = topc_buf_addf(&b, "%s  %s%s", r->path, f->type, f->required ? _(", required") : "");
	if (st == TOPC_OK && f->default_value && !is_group(f))
		st = topc_buf_addf(&b,
				   f->required		? _("  empty: sent as %s")
				   : s->editing_profile ? _("  empty: topc uses %s")
							: _("  empty: not sent (server: %s)"),
				   f->default_value);
	for (int pass = 0; pass < 2; pass++) {
		/* the formal constraints, then those read from the description */
		const struct topc_constraints *k = pass ? &f->prose : &f->c;
		if (st == TOPC_OK && k->nchoices) {
			st = topc_buf_adds(&b, _("  choices:"));
			for (size_t i = 0; i < k->nchoices && st == TOPC_OK; i++)
				st = topc_buf_addf(&b, " %s - %s%s", k->choices[i].value,
						   k->choices[i].label,
						   i + 1 < k->nchoices ? "," : "");
		}
		if (st == TOPC_OK && (k->has_min || k->has_max))
			st = topc_buf_addf(&b, _("  range %lld..%lld"), (long long)k->min,
					   (long long)k->max);
		if (st == TOPC_OK && k->format)
			st = topc_buf_addf(&b, _("  format %s"), k->format);
	}
	if (st == TOPC_OK && f->c.unique != TOPC_UNIQUE_NONE)
		st = topc_buf_addf(&b, _("  unique per %s"), topc_unique_name(f->c.unique));
	if (st == TOPC_OK && f->example && !is_group(f))
		st = topc_buf_addf(&b, _("  e.g. %s"), f->example);
	draw_text(w, y0, 0, width, topc_buf_str(&b), b.len, tui_attr(TC_DIM));
	/* the focused field's problem in full, then its description */
	p = problem_at(v, r->path);
	if (p && (!p->missing || s->show_missing)) {
		draw_text(w, y0 + 1, 0, width, p->msg + strlen(r->path) + 2, (size_t)-1,
			  tui_attr(TC_ERROR));
		y0++;
	}
	if (f->description)
		draw_text(w, y0 + 1, 0, width, f->description, (size_t)-1, 0);
	if (value && has_generator(v, r->path, -1, value) && !p && !s->editing_profile) {
		/* a preview: what a send now would put there (counters not drawn) */
		if (!strstr(value, "${seq}")) {
			struct topc_buf got;
			topc_buf_init(&got, 0);
			topc_buf_reset(&b);
			if (session_preview_value(s, value, &got))
				st = topc_buf_addf(&b, _("generated at each send, e.g. %s"),
						   topc_buf_str(&got));
			else
				st = topc_buf_adds(&b, topc_buf_str(&got));
			if (st == TOPC_OK)
				draw_text(w, y0 + 2, 0, width, topc_buf_str(&b), b.len,
					  tui_attr(TC_KEY));
			topc_buf_release(&got);
		}
	}
	topc_buf_release(&b);
}

static void draw(struct view *v, bool focused)
{
	WINDOW *w = v->win;
	struct form_state *fs = v->private;
	const struct console_session *s = v->env->s;
	int h = getmaxy(w), list_h = h - 5, width = getmaxx(w);
	char title[300];

	rebuild_rows(v);
	if (s->editing_profile)
		snprintf(title, sizeof(title), _("profile %s  (F5 saves, F7 leaves)"),
			 s->profile_name);
	else
		snprintf(title, sizeof(title), "%s%s%s", s->method ? s->method : _("form"),
			 s->form && s->form->title ? "  " : "",
			 s->form && s->form->title ? s->form->title : "");
	draw_title(w, title, focused);
	if (!s->method && !s->editing_profile) {
		draw_text(w, 2, 1, width - 1, _("pick an API on the left (Enter)"), (size_t)-1,
			  tui_attr(TC_DIM));
		return;
	}
	if (!s->form) {
		draw_text(w, 2, 1, width - 1, _("no form for this method"), (size_t)-1,
			  tui_attr(TC_DIM));
		return;
	}
	if (fs->sel < fs->top)
		fs->top = fs->sel;
	if (fs->sel >= fs->top + (size_t)list_h)
		fs->top = fs->sel - (size_t)list_h + 1;
	for (int y = 0; y < list_h && fs->top + (size_t)y < fs->nrows; y++) {
		size_t i = fs->top + (size_t)y;
		if (i != fs->sel || !s->edit.open)
			draw_row(v, w, 1 + y, &fs->rows[i], i == fs->sel, focused);
	}
	mvwhline(w, h - 4, 0, ACS_HLINE, width);
	if (fs->nrows)
		draw_help(v, w, h - 3, &fs->rows[fs->sel]);
	/* the edited row last, so the cursor stays in it */
	if (s->edit.open && fs->sel >= fs->top && fs->sel < fs->top + (size_t)list_h)
		draw_row(v, w, 1 + (int)(fs->sel - fs->top), &fs->rows[fs->sel], true, focused);
}

/* ------------------------------------------------------------------ */
/* Keys into requests */

static const char *keep(struct form_state *fs, char *text)
{
	free(fs->scratch);
	fs->scratch = text;
	return text ? text : "";
}

static enum request set_value(struct view_req *out, const char *path, const char *value)
{
	out->arg.path = path;
	out->arg.text = value;
	out->arg.elem = -1;
	return REQ_SESSION_SET_VALUE;
}

/* The text an edit of the row starts from. */
static char *row_text(const struct view *v, const struct form_row *r)
{
	const char *value;

	if (r->elem != ROW_FIELD && r->elem != ROW_RAW)
		return row_element(v, r);
	value = topc_params_get(&v->env->s->values, r->path);
	return strdup(value ? value : "");
}

/* Json fields are easier in a real editor: the driver writes the text,
 * runs $EDITOR and commits what comes back where the row is. */
static enum request edit_externally(struct view *v, const struct form_row *r, struct view_req *out)
{
	struct form_state *fs = v->private;

	out->arg.path = r->path;
	out->arg.elem = r->elem;
	out->arg.adds = r->elem == ROW_ADD;
	out->arg.text = keep(fs, row_text(v, r));
	fs->pending_land = out->arg.adds;
	return REQ_EDIT_EXTERNAL;
}

static enum request edit_key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct form_state *fs = v->private;

	if (!is_key && ch == TUI_ESC)
		return REQ_SESSION_EDIT_CANCEL;
	if (tui_is_enter(ch, is_key)) {
		fs->pending_land = v->env->s->edit.adds;
		return REQ_SESSION_EDIT_COMMIT;
	}
	out->ch = ch;
	out->is_key = is_key;
	return REQ_EDIT_KEY;
}

static enum request start_edit(struct view *v, const struct form_row *r, bool adds,
			       struct view_req *out)
{
	struct form_state *fs = v->private;

	out->arg.path = r->path;
	out->arg.text = keep(fs, adds || r->elem == ROW_ADD ? strdup("") : row_text(v, r));
	out->arg.elem = r->elem >= 0 ? r->elem : -1;
	out->arg.adds = adds || r->elem == ROW_ADD;
	return REQ_SESSION_EDIT_OPEN;
}

static enum request activate(struct view *v, const struct form_row *r, struct view_req *out)
{
	struct form_state *fs = v->private;
	const struct topc_field *f = r->field;
	const char *value = topc_params_get(&v->env->s->values, r->path);

	if (r->elem != ROW_FIELD)
		return start_edit(v, r, false, out);
	if (is_group(f)) {
		if (topc_params_get(&fs->collapsed, r->path))
			topc_params_remove(&fs->collapsed, r->path);
		else if (topc_params_set(&fs->collapsed, r->path, "1") != TOPC_OK)
			view_report(v, true, _("out of memory folding %s"), r->path);
		rebuild_rows(v);
		return REQ_NONE;
	}
	if (f->kind == TOPC_FIELD_BOOLEAN && !f->array)
		/* empty -> true -> false -> empty */
		return set_value(out, r->path,
				 !value || !*value	      ? "true"
				 : strcmp(value, "true") == 0 ? "false"
							      : "");
	if (topc_field_choices(f)->nchoices && !f->array) {
		out->arg.path = r->path;
		return REQ_OPEN_CHOICE;
	}
	return start_edit(v, r, false, out);
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct form_state *fs = v->private;
	const struct console_session *s = v->env->s;
	int page = v->win ? getmaxy(v->win) - 6 : 10;
	const struct form_row *r;

	rebuild_rows(v);
	if (!s->form || !fs->nrows)
		return REQ_UNKNOWN;
	if (s->edit.open)
		return edit_key(v, ch, is_key, out);
	if (tui_list_key(&fs->sel, fs->nrows, (size_t)page, ch, is_key, true))
		return REQ_NONE;
	r = &fs->rows[fs->sel];
	if (tui_is_enter(ch, is_key) || (!is_key && ch == ' '))
		return activate(v, r, out);
	if ((is_key && ch == KEY_DC) || (!is_key && ch == 'x')) {
		if (r->elem >= 0) {
			out->arg.path = r->path;
			out->arg.elem = r->elem;
			return REQ_SESSION_REMOVE_ELEMENT;
		}
		return r->elem == ROW_FIELD || r->elem == ROW_RAW ? set_value(out, r->path, "")
								  : REQ_NONE;
	}
	if (!r->field) /* a value given directly: text, edited or removed */
		return !is_key && ch == 'e' ? start_edit(v, r, false, out) : REQ_UNKNOWN;
	if ((is_key && ch == KEY_IC) || (!is_key && ch == 'a'))
		return r->field->array ? start_edit(v, r, true, out) : REQ_NONE;
	if (!is_key && ch == TUI_CTRL('E'))
		return is_group(r->field) ? REQ_NONE : edit_externally(v, r, out);
	if (!is_key && ch == 'e')
		return is_group(r->field) ? REQ_NONE : start_edit(v, r, false, out);
	return REQ_UNKNOWN;
}

/* A paste lands in the open edit, or opens the selected field's. */
static enum request paste(struct view *v, const char *text, size_t len, struct view_req *out)
{
	struct form_state *fs = v->private;
	enum request req;

	out->data = text;
	out->len = len;
	if (v->env->s->edit.open)
		return REQ_PASTE_TO_EDIT;
	rebuild_rows(v);
	if (!v->env->s->form || !fs->nrows)
		return REQ_UNKNOWN;
	req = activate(v, &fs->rows[fs->sel], out);
	return req == REQ_SESSION_EDIT_OPEN ? req : REQ_UNKNOWN;
}

/* A click selects the row on that line; a click on the selected one acts
 * as Enter does.  Not while a field is being edited. */
static enum request click(struct view *v, int y, struct view_req *out)
{
	struct form_state *fs = v->private;
	int list_h = v->win ? getmaxy(v->win) - 5 : 0;
	size_t i = fs->top + (size_t)(y - 1);

	rebuild_rows(v);
	if (v->env->s->edit.open || !v->env->s->form || y < 1 || y > list_h || i >= fs->nrows)
		return REQ_NONE;
	if (i == fs->sel)
		return activate(v, &fs->rows[i], out);
	fs->sel = i;
	return REQ_NONE;
}

/* After the model changed: the rows again; an added element or the first
 * problem of a refused send selected. */
static void changed(struct view *v, enum request req, enum session_result res)
{
	struct form_state *fs = v->private;
	const struct console_session *s = v->env->s;

	rebuild_rows(v);
	if (req == REQ_SESSION_EDIT_COMMIT || req == REQ_SESSION_EDIT_CANCEL ||
	    req == REQ_EDIT_EXTERNAL) {
		if (fs->pending_land && res == SESSION_DONE && req != REQ_SESSION_EDIT_CANCEL)
			select_row(v, s->landed_path, s->landed_elem);
		fs->pending_land = false;
	}
	if (req == REQ_SESSION_SEND && s->problems.count && s->status.from_problems)
		select_row(v, s->problems.items[0].path, ROW_FIELD);
}

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct form_state *fs = v->private;

	(void)req;
	(void)arg;
	topc_params_init(&fs->collapsed);
	topc_params_init(&fs->generated);
	return true;
}

static void done(struct view *v)
{
	struct form_state *fs = v->private;

	topc_params_release(&fs->collapsed);
	topc_params_release(&fs->generated);
	free(fs->rows);
	free(fs->scratch);
}

static enum view_input input(struct view *v)
{
	return v->env->s->edit.open ? VIEW_TEXT_CURSOR : VIEW_KEYS;
}

const struct view_ops view_form = {
    .name = "form",
    .private_size = sizeof(struct form_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
    .changed = changed,
    .paste = paste,
    .click = click,
    .input = input,
};
