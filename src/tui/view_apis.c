/* view_apis.c - the APIs pane: every method with a form, filtered by typing.
 * Enter asks the driver to select the method. */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct apis_state {
	struct lineedit filter; /* typed straight into the pane */
	const char **apis;	/* methods matching the filter */
	size_t napis, sel, top;
};

/* A part of the method or of its title, in smart case (tui_find). */
static bool matches(const struct topc_form *f, const char *filter)
{
	return !*filter || tui_find(f->method, strlen(f->method), filter) ||
	       (f->title && tui_find(f->title, strlen(f->title), filter));
}

static void refresh_list(struct view *v)
{
	struct apis_state *a = v->private;
	const struct console_session *s = v->env->s;

	free(a->apis);
	a->apis = calloc(s->forms.count + 1, sizeof(*a->apis));
	a->napis = 0;
	for (size_t i = 0; a->apis && i < s->forms.count; i++)
		if (s->forms.items[i].ok &&
		    matches(&s->forms.items[i].form, lineedit_text(&a->filter)))
			a->apis[a->napis++] = s->forms.items[i].method;
	if (a->sel >= a->napis)
		a->sel = a->napis ? a->napis - 1 : 0;
}

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct apis_state *a = v->private;

	(void)req;
	(void)arg;
	lineedit_init(&a->filter, "");
	refresh_list(v);
	return true;
}

static void done(struct view *v)
{
	struct apis_state *a = v->private;

	lineedit_release(&a->filter);
	free(a->apis);
}

static void draw(struct view *v, bool focused)
{
	struct apis_state *a = v->private;
	const struct console_session *s = v->env->s;
	WINDOW *w = v->win;
	int h = getmaxy(w), width = getmaxx(w);
	char title[200];

	snprintf(title, sizeof(title), "%s %s%s", _("APIs"),
		 a->filter.text.len ? _("filter: ") : _("(type to filter)"),
		 lineedit_text(&a->filter));
	if (a->napis && strlen(title) + 24 < sizeof(title))
		snprintf(title + strlen(title), sizeof(title) - strlen(title), "  %zu/%zu",
			 a->sel + 1, a->napis);
	draw_title(w, title, focused);
	if (a->sel < a->top)
		a->top = a->sel;
	if (a->sel >= a->top + (size_t)(h - 1))
		a->top = a->sel - (size_t)(h - 2);
	for (int y = 1; y < h && a->top + (size_t)(y - 1) < a->napis; y++) {
		size_t i = a->top + (size_t)(y - 1);
		const struct topc_form *f = topc_form_store_get(&s->forms, a->apis[i]);
		bool current = s->method && strcmp(s->method, a->apis[i]) == 0;
		int attr = i == a->sel && focused ? tui_attr(TC_FOCUS) : 0;
		const char *name = a->apis[i];
		int used = draw_text(w, y, 0, width, current ? ">" : " ", 1, attr);
		size_t len = strlen(name);
		/* the end of a method names it best: "…message.apppush.send" */
		if ((int)len > width - 1) {
			used += draw_text(w, y, used, 1, "~", 1, attr | tui_attr(TC_DIM));
			name += len - (size_t)(width - 2);
		}
		used += draw_text(w, y, used, width - used, name, (size_t)-1,
				  attr | (current ? A_BOLD : 0));
		if (f && f->title && used + 2 < width)
			draw_text(w, y, used + 1, width - used - 1, f->title, (size_t)-1,
				  attr ? attr : tui_attr(TC_DIM));
	}
	if (!a->napis)
		draw_text(w, 1, 1, width - 1, _("no API matches; Backspace widens"), (size_t)-1,
			  tui_attr(TC_DIM));
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct apis_state *a = v->private;
	int page = v->win ? getmaxy(v->win) - 2 : 10;
	size_t before = a->filter.text.len;

	if (tui_list_key(&a->sel, a->napis, (size_t)page, ch, is_key, false))
		return REQ_NONE;
	if (tui_is_enter(ch, is_key)) {
		if (!a->napis)
			return REQ_NONE;
		out->arg.text = a->apis[a->sel];
		return REQ_SESSION_SELECT_METHOD;
	}
	/* the filter is typed straight in: space and the pane keys stay keys */
	if ((!is_key && (ch == ' ' || ch == '\t')) || !tui_line_key(&a->filter, ch, is_key))
		return REQ_UNKNOWN;
	if (a->filter.text.len != before)
		a->sel = 0;
	refresh_list(v);
	return REQ_NONE;
}

/* A click selects the API on that line; a click on the selected one opens it. */
static enum request click(struct view *v, int y, struct view_req *out)
{
	struct apis_state *a = v->private;
	size_t i = a->top + (size_t)(y - 1);

	if (y < 1 || i >= a->napis)
		return REQ_NONE;
	if (i == a->sel)
		return key(v, '\r', false, out);
	a->sel = i;
	return REQ_NONE;
}

static enum view_input input(struct view *v)
{
	(void)v;
	return VIEW_TEXT;
}

const struct view_ops view_apis = {
    .name = "APIs",
    .private_size = sizeof(struct apis_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
    .click = click,
    .input = input,
};
