/* view_form.c - the form editor: the field tree with types, required marks,
 * values and the problems next to them; the focused field's description,
 * constraints and a preview of generated values below. */
#include "tui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "profile/template.h"

/* ------------------------------------------------------------------ */
/* Rows: a field a row, groups unless folded, an array's elements */

static bool push_row(struct tui *t, const struct topc_field *f, const char *path, int depth,
		     int elem)
{
	struct form_row *more = realloc(t->rows, (t->nrows + 1) * sizeof(*more));

	if (!more)
		return false;
	t->rows = more;
	more[t->nrows].field = f;
	more[t->nrows].depth = depth;
	more[t->nrows].elem = elem;
	snprintf(more[t->nrows].path, sizeof(more[t->nrows].path), "%s", path);
	t->nrows++;
	return true;
}

/* An array's elements, each on its row, then the row that adds one.  A value
 * that is not readable as the array gets neither: its problem shows on the
 * field, and Enter edits the whole text. */
static void add_elements(struct tui *t, const struct topc_field *f, const char *path, int depth)
{
	char **elems;
	size_t n;

	if (!topc_array_split(f, topc_params_get(&t->s.values, path), &elems, &n))
		return;
	for (size_t i = 0; i < n && i < INT_MAX; i++)
		push_row(t, f, path, depth, (int)i);
	topc_array_free(elems, n);
	push_row(t, f, path, depth, ROW_ADD);
}

static void add_rows(struct tui *t, const struct topc_field *parent, const char *prefix, int depth)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *f = &parent->fields[i];
		char path[512];
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", f->name);
		if (!push_row(t, f, path, depth, ROW_FIELD))
			return;
		if (f->array)
			add_elements(t, f, path, depth + 1);
		else if (f->nfields && !topc_params_get(&t->collapsed, path))
			add_rows(t, f, path, depth + 1);
	}
}

void tui_rebuild_rows(struct tui *t)
{
	free(t->rows);
	t->rows = NULL;
	t->nrows = 0;
	if (t->s.form)
		add_rows(t, &t->s.form->request, "", 0);
	if (t->row_sel >= t->nrows)
		t->row_sel = t->nrows ? t->nrows - 1 : 0;
}

void tui_select_row(struct tui *t, const char *path, int elem)
{
	tui_rebuild_rows(t);
	for (size_t i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].path, path) == 0 && t->rows[i].elem == elem) {
			t->row_sel = i;
			return;
		}
}

/* ------------------------------------------------------------------ */
/* Drawing */

static const struct topc_form_problem *problem_at(const struct tui *t, const char *path)
{
	for (size_t i = 0; i < t->s.problems.count; i++)
		if (strcmp(t->s.problems.items[i].path, path) == 0)
			return &t->s.problems.items[i];
	return NULL;
}

static bool is_group(const struct topc_field *f)
{
	return f->kind == TOPC_FIELD_OBJECT && !f->array;
}

/* The line being edited, from column x; the cursor left in it. */
static void draw_edit(struct tui *t, WINDOW *w, int y, int x)
{
	size_t end;
	int col = lineedit_view(&t->s.edit.line, getmaxx(w) - x - 1, &end);

	draw_text(w, y, x, getmaxx(w) - x - 1, t->s.edit.line.text.data + t->s.edit.line.scroll,
		  end - t->s.edit.line.scroll, A_UNDERLINE);
	wmove(w, y, x + col);
}

/* The element a row shows, or "" for the add row; the caller frees it. */
static char *row_element(const struct tui *t, const struct form_row *r)
{
	char **elems, *text = NULL;
	size_t n;

	if (r->elem >= 0 &&
	    topc_array_split(r->field, topc_params_get(&t->s.values, r->path), &elems, &n)) {
		if ((size_t)r->elem < n)
			text = strdup(elems[r->elem]);
		topc_array_free(elems, n);
	}
	return text ? text : strdup("");
}

/* An element row: "[2] value", or the add row's hint. */
static void draw_element(struct tui *t, WINDOW *w, int y, const struct form_row *r, bool selected,
			 bool focused)
{
	int width = getmaxx(w), x = r->depth * 2 + 1;
	int attr = selected && focused ? tui_attr(t, TC_FOCUS) : 0;
	char head[32], *text;

	if (r->elem == ROW_ADD && !(selected && t->s.edit.open)) {
		draw_text(w, y, x, width - x, "+ add an element (Enter, a)", (size_t)-1,
			  attr | tui_attr(t, TC_DIM));
		return;
	}
	if (r->elem == ROW_ADD)
		snprintf(head, sizeof(head), "[+]");
	else
		snprintf(head, sizeof(head), "[%d]", r->elem + 1);
	x += draw_text(w, y, x, width - x, head, (size_t)-1, attr) + 1;
	if (x >= width)
		return;
	if (selected && t->s.edit.open) {
		draw_edit(t, w, y, x);
		return;
	}
	text = row_element(t, r);
	draw_text(w, y, x, width - x, text, (size_t)-1,
		  topc_value_has_generator(text) ? tui_attr(t, TC_KEY) : 0);
	free(text);
}

/* One row: "  ▾ * name  Type  value  ← problem" */
static void draw_row(struct tui *t, WINDOW *w, int y, const struct form_row *r, bool selected,
		     bool focused)
{
	const struct topc_field *f = r->field;
	const struct topc_form_problem *p = problem_at(t, r->path);
	const char *value = topc_params_get(&t->s.values, r->path);
	int width = getmaxx(w), x = r->depth * 2,
	    attr = selected && focused ? tui_attr(t, TC_FOCUS) : 0;
	char head[160];

	int name_col = 24, type_col = 16;

	if (r->elem != ROW_FIELD) {
		draw_element(t, w, y, r, selected, focused);
		return;
	}
	snprintf(head, sizeof(head), "%s%s%s",
		 is_group(f) ? (topc_params_get(&t->collapsed, r->path) ? "+" : "-") : " ",
		 f->required ? "*" : " ", f->name);
	x += draw_text(w, y, x, width - x, head, (size_t)-1, attr | (f->required ? A_BOLD : 0));
	/* columns: name, type, value */
	x = x < name_col ? name_col : x + 1;
	x += draw_text(w, y, x, width - x, f->type, (size_t)-1, tui_attr(t, TC_DIM));
	x = x < name_col + type_col ? name_col + type_col : x + 1;
	if (x >= width)
		return;
	if (selected && t->s.edit.open) {
		draw_edit(t, w, y, x);
		return;
	}
	if (value && *value)
		x += draw_text(w, y, x, width - x, value, (size_t)-1,
			       topc_value_has_generator(value) ? tui_attr(t, TC_KEY) : 0) +
		     1;
	else if (f->default_value && !is_group(f))
		x += draw_text(w, y, x, width - x, f->default_value, (size_t)-1,
			       tui_attr(t, TC_DIM)) +
		     1;
	/* a field not filled yet is only a reminder until a send is tried */
	if (p && x < width && p->missing && !t->s.show_missing)
		draw_text(w, y, x, width - x, "(required)", (size_t)-1, tui_attr(t, TC_DIM));
	else if (p && x < width)
		draw_text(w, y, x, width - x, p->msg + strlen(r->path) + 2, (size_t)-1,
			  tui_attr(t, TC_ERROR));
}

/* The focused field's help: description, constraints, example, preview. */
static void draw_help(struct tui *t, WINDOW *w, int y0, const struct form_row *r)
{
	const struct topc_field *f = r->field;
	const char *value = topc_params_get(&t->s.values, r->path);
	const struct topc_form_problem *p;
	int width = getmaxx(w);
	struct topc_buf b;
	enum topc_status st;

	/* a line that does not fit the buffer is drawn empty (it has failed) */
	topc_buf_init(&b, 0);
	st = topc_buf_addf(&b, "%s  %s%s", r->path, f->type, f->required ? ", required" : "");
	for (int pass = 0; pass < 2; pass++) {
		/* the formal constraints, then those read from the description */
		const struct topc_constraints *k = pass ? &f->prose : &f->c;
		if (st == TOPC_OK && k->nchoices) {
			st = topc_buf_adds(&b, "  choices:");
			for (size_t i = 0; i < k->nchoices && st == TOPC_OK; i++)
				st = topc_buf_addf(&b, " %s - %s%s", k->choices[i].value,
						   k->choices[i].label,
						   i + 1 < k->nchoices ? "," : "");
		}
		if (st == TOPC_OK && (k->has_min || k->has_max))
			st = topc_buf_addf(&b, "  range %lld..%lld", (long long)k->min,
					   (long long)k->max);
		if (st == TOPC_OK && k->format)
			st = topc_buf_addf(&b, "  format %s", k->format);
	}
	if (st == TOPC_OK && f->c.unique != TOPC_UNIQUE_NONE)
		st = topc_buf_addf(&b, "  unique per %s", topc_unique_name(f->c.unique));
	if (st == TOPC_OK && f->example && !is_group(f))
		st = topc_buf_addf(&b, "  e.g. %s", f->example);
	draw_text(w, y0, 0, width, topc_buf_str(&b), b.len, tui_attr(t, TC_DIM));
	/* the focused field's problem in full, then its description */
	p = problem_at(t, r->path);
	if (p && (!p->missing || t->s.show_missing)) {
		draw_text(w, y0 + 1, 0, width, p->msg + strlen(r->path) + 2, (size_t)-1,
			  tui_attr(t, TC_ERROR));
		y0++;
	}
	if (f->description)
		draw_text(w, y0 + 1, 0, width, f->description, (size_t)-1, 0);
	if (value && topc_value_has_generator(value) && !p && !t->s.editing_profile) {
		/* a preview: what a send now would put there (counters not drawn) */
		if (!strstr(value, "${seq}")) {
			struct topc_buf got;
			topc_buf_init(&got, 0);
			topc_buf_reset(&b);
			if (session_preview_value(&t->s, value, &got))
				st = topc_buf_addf(&b, "generated at each send, e.g. %s",
						   topc_buf_str(&got));
			else
				st = topc_buf_adds(&b, topc_buf_str(&got));
			if (st == TOPC_OK)
				draw_text(w, y0 + 2, 0, width, topc_buf_str(&b), b.len,
					  tui_attr(t, TC_KEY));
			topc_buf_release(&got);
		}
	}
	topc_buf_release(&b);
}

static void draw(struct tui *t, WINDOW *w, bool focused)
{
	int h = getmaxy(w), list_h = h - 5, width = getmaxx(w);
	char title[300];

	if (t->s.editing_profile)
		snprintf(title, sizeof(title), "profile %s  (F5 saves, F7 leaves)",
			 t->s.profile_name);
	else
		snprintf(title, sizeof(title), "%s%s%s", t->s.method ? t->s.method : "form",
			 t->s.form && t->s.form->title ? "  " : "",
			 t->s.form && t->s.form->title ? t->s.form->title : "");
	draw_title(t, w, title, focused);
	if (!t->s.method && !t->s.editing_profile) {
		draw_text(w, 2, 1, width - 1, "pick an API on the left (Enter)", (size_t)-1,
			  tui_attr(t, TC_DIM));
		return;
	}
	if (!t->s.form) {
		draw_text(w, 2, 1, width - 1, "no form for this method", (size_t)-1,
			  tui_attr(t, TC_DIM));
		return;
	}
	if (t->row_sel < t->row_top)
		t->row_top = t->row_sel;
	if (t->row_sel >= t->row_top + (size_t)list_h)
		t->row_top = t->row_sel - (size_t)list_h + 1;
	for (int y = 0; y < list_h && t->row_top + (size_t)y < t->nrows; y++) {
		size_t i = t->row_top + (size_t)y;
		if (i != t->row_sel || !t->s.edit.open)
			draw_row(t, w, 1 + y, &t->rows[i], i == t->row_sel, focused);
	}
	mvwhline(w, h - 4, 0, ACS_HLINE, width);
	if (t->nrows)
		draw_help(t, w, h - 3, &t->rows[t->row_sel]);
	/* the edited row last, so the cursor stays in it */
	if (t->s.edit.open && t->row_sel >= t->row_top && t->row_sel < t->row_top + (size_t)list_h)
		draw_row(t, w, 1 + (int)(t->row_sel - t->row_top), &t->rows[t->row_sel], true,
			 focused);
}

static void set_value(struct tui *t, const char *path, const char *value)
{
	struct session_arg arg = {.path = path, .text = value, .elem = -1};

	tui_request(t, SESSION_REQ_SET_VALUE, &arg);
}

/* Where an edit lands: the field, its element, or a new element after the
 * selected one (at the end from the add row or the field's own row). */
static void commit(struct tui *t, const struct form_row *r, const char *text, bool adds)
{
	struct session_arg arg = {.path = r->path, .text = text, .elem = r->elem, .adds = adds};

	if (r->elem == ROW_FIELD && !adds) {
		set_value(t, r->path, text);
		return;
	}
	if (r->elem < 0)
		arg.elem = -1;
	/* through an edit, so that the element logic lives in one place */
	if (tui_request(t, SESSION_REQ_EDIT_OPEN, &arg) == SESSION_DONE)
		tui_request(t, SESSION_REQ_EDIT_COMMIT, NULL);
	if (adds)
		tui_select_row(t, t->s.landed_path, t->s.landed_elem);
}

static void remove_element(struct tui *t, const struct form_row *r)
{
	struct session_arg arg = {.path = r->path, .elem = r->elem};

	tui_request(t, SESSION_REQ_REMOVE_ELEMENT, &arg);
}

/* The text an edit of the row starts from. */
static char *row_text(const struct tui *t, const struct form_row *r)
{
	const char *v;

	if (r->elem != ROW_FIELD)
		return row_element(t, r);
	v = topc_params_get(&t->s.values, r->path);
	return strdup(v ? v : "");
}

/* Json fields are easier in a real editor: write, run $EDITOR, read back. */
static void edit_externally(struct tui *t, const struct form_row *r)
{
	const char *editor = getenv("VISUAL") ? getenv("VISUAL") : getenv("EDITOR");
	char *value = row_text(t, r);
	char path[] = "/tmp/topc-field-XXXXXX";
	struct topc_buf text;
	struct topc_error err = {0};
	int fd = mkstemp(path), status = -1;
	pid_t pid;

	if (fd < 0 || !editor) {
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		tui_status(t, true, "set $EDITOR to edit fields in an editor");
		free(value);
		return;
	}
	if (value && write(fd, value, strlen(value)) < 0)
		tui_status(t, true, "cannot write %s", path);
	free(value);
	close(fd);
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		execlp("sh", "sh", "-c", "exec $0 \"$1\"", editor, path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	reset_prog_mode();
	refresh();
	topc_buf_init(&text, 1 << 24);
	if (status == 0 && topc_file_read(path, 1 << 24, &text, &err) == TOPC_OK) {
		while (text.len &&
		       (text.data[text.len - 1] == '\n' || text.data[text.len - 1] == '\r'))
			text.data[--text.len] = '\0';
		commit(t, r, topc_buf_str(&text), r->elem == ROW_ADD);
		if (!problem_at(t, r->path))
			tui_status(t, false, "%s: %zu bytes from the editor", r->path, text.len);
	} else {
		tui_status(t, true, "the editor did not finish cleanly; the field is unchanged");
	}
	topc_buf_release(&text);
	unlink(path);
}

static bool edit_key(struct tui *t, int ch, bool is_key)
{
	bool adds = t->s.edit.adds;

	if (!is_key && ch == TUI_ESC) {
		tui_request(t, SESSION_REQ_EDIT_CANCEL, NULL);
	} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
		if (tui_request(t, SESSION_REQ_EDIT_COMMIT, NULL) == SESSION_DONE && adds)
			tui_select_row(t, t->s.landed_path, t->s.landed_elem);
	} else {
		return tui_line_key(&t->s.edit.line, ch, is_key);
	}
	return true;
}

static void start_edit(struct tui *t, const struct form_row *r, bool adds)
{
	char *v = adds || r->elem == ROW_ADD ? strdup("") : row_text(t, r);
	struct session_arg arg = {.path = r->path,
				  .text = v ? v : "",
				  .elem = r->elem >= 0 ? r->elem : -1,
				  .adds = adds || r->elem == ROW_ADD};

	tui_request(t, SESSION_REQ_EDIT_OPEN, &arg);
	free(v);
}

static void activate(struct tui *t, const struct form_row *r)
{
	const struct topc_field *f = r->field;
	const char *v = topc_params_get(&t->s.values, r->path);

	if (r->elem != ROW_FIELD) {
		start_edit(t, r, false);
	} else if (is_group(f)) {
		if (topc_params_get(&t->collapsed, r->path))
			topc_params_remove(&t->collapsed, r->path);
		else
			topc_params_set(&t->collapsed, r->path, "1");
		tui_rebuild_rows(t);
	} else if (f->kind == TOPC_FIELD_BOOLEAN && !f->array) {
		/* empty -> true -> false -> empty */
		set_value(t, r->path, !v || !*v ? "true" : strcmp(v, "true") == 0 ? "false" : "");
	} else if (topc_field_choices(f)->nchoices && !f->array) {
		tui_open_picker(t, PICK_CHOICE);
	} else {
		start_edit(t, r, false);
	}
}

static bool key(struct tui *t, int ch, bool is_key)
{
	int page = t->win[PANE_FORM] ? getmaxy(t->win[PANE_FORM]) - 6 : 10;

	if (!t->s.form || !t->nrows)
		return false;
	if (t->s.edit.open)
		return edit_key(t, ch, is_key);
	if (tui_list_key(&t->row_sel, t->nrows, (size_t)page, ch, is_key, true)) {
		;
	} else if ((is_key && ch == KEY_ENTER) ||
		   (!is_key && (ch == '\n' || ch == '\r' || ch == ' '))) {
		activate(t, &t->rows[t->row_sel]);
	} else if ((is_key && ch == KEY_DC) || (!is_key && ch == 'x')) {
		const struct form_row r = t->rows[t->row_sel];
		if (r.elem >= 0)
			remove_element(t, &r);
		else if (r.elem == ROW_FIELD)
			set_value(t, r.path, "");
	} else if ((is_key && ch == KEY_IC) || (!is_key && ch == 'a')) {
		if (t->rows[t->row_sel].field->array)
			start_edit(t, &t->rows[t->row_sel], true);
	} else if (!is_key && ch == TUI_CTRL('E')) {
		const struct form_row r = t->rows[t->row_sel];
		if (!is_group(r.field))
			edit_externally(t, &r);
	} else if (!is_key && ch == 'e') {
		if (!is_group(t->rows[t->row_sel].field))
			start_edit(t, &t->rows[t->row_sel], false);
	} else {
		return false;
	}
	return true;
}

/* A click selects the row on that line; a click on the selected one acts
 * as Enter does.  Not while a field is being edited. */
static void click(struct tui *t, int y)
{
	int list_h = t->win[PANE_FORM] ? getmaxy(t->win[PANE_FORM]) - 5 : 0;
	size_t i = t->row_top + (size_t)(y - 1);

	if (t->s.edit.open || !t->s.form || y < 1 || y > list_h || i >= t->nrows)
		return;
	if (i == t->row_sel)
		activate(t, &t->rows[i]);
	t->row_sel = i;
}

const struct view_ops view_form = {"form", draw, key, click};
