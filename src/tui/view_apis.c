/* view_apis.c - the APIs pane: every method with a form, filtered by typing. */
#include "tui.h"

#include <stdlib.h>
#include <string.h>

static bool matches(const struct topc_form *f, const char *filter)
{
	return !*filter || strstr(f->method, filter) || (f->title && strstr(f->title, filter));
}

void tui_apis_refresh(struct tui *t)
{
	free(t->apis);
	t->apis = calloc(t->s.forms.count + 1, sizeof(*t->apis));
	t->napis = 0;
	for (size_t i = 0; t->apis && i < t->s.forms.count; i++)
		if (t->s.forms.items[i].ok &&
		    matches(&t->s.forms.items[i].form, lineedit_text(&t->api_filter)))
			t->apis[t->napis++] = t->s.forms.items[i].method;
	if (t->api_sel >= t->napis)
		t->api_sel = t->napis ? t->napis - 1 : 0;
}

static void draw(struct tui *t, WINDOW *w, bool focused)
{
	int h = getmaxy(w), width = getmaxx(w);
	char title[200];

	snprintf(title, sizeof(title), "APIs %s%s",
		 t->api_filter.text.len ? "filter: " : "(type to filter)",
		 lineedit_text(&t->api_filter));
	if (t->napis && strlen(title) + 24 < sizeof(title))
		snprintf(title + strlen(title), sizeof(title) - strlen(title), "  %zu/%zu",
			 t->api_sel + 1, t->napis);
	draw_title(t, w, title, focused);
	if (t->api_sel < t->api_top)
		t->api_top = t->api_sel;
	if (t->api_sel >= t->api_top + (size_t)(h - 1))
		t->api_top = t->api_sel - (size_t)(h - 2);
	for (int y = 1; y < h && t->api_top + (size_t)(y - 1) < t->napis; y++) {
		size_t i = t->api_top + (size_t)(y - 1);
		const struct topc_form *f = topc_form_store_get(&t->s.forms, t->apis[i]);
		bool current = t->s.method && strcmp(t->s.method, t->apis[i]) == 0;
		int attr = i == t->api_sel && focused ? tui_attr(t, TC_FOCUS) : 0;
		const char *name = t->apis[i];
		int used = draw_text(w, y, 0, width, current ? ">" : " ", 1, attr);
		size_t len = strlen(name);
		/* the end of a method names it best: "…message.apppush.send" */
		if ((int)len > width - 1) {
			used += draw_text(w, y, used, 1, "~", 1, attr | tui_attr(t, TC_DIM));
			name += len - (size_t)(width - 2);
		}
		used += draw_text(w, y, used, width - used, name, (size_t)-1,
				  attr | (current ? A_BOLD : 0));
		if (f && f->title && used + 2 < width)
			draw_text(w, y, used + 1, width - used - 1, f->title, (size_t)-1,
				  attr ? attr : tui_attr(t, TC_DIM));
	}
	if (!t->napis)
		draw_text(w, 1, 1, width - 1, "no API matches; Backspace widens", (size_t)-1,
			  tui_attr(t, TC_DIM));
}

static bool key(struct tui *t, int ch, bool is_key)
{
	int page = t->win[PANE_APIS] ? getmaxy(t->win[PANE_APIS]) - 2 : 10;
	size_t before = t->api_filter.text.len;

	if (tui_list_key(&t->api_sel, t->napis, (size_t)page, ch, is_key, false))
		return true;
	if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
		struct session_arg arg = {.elem = -1};
		if (t->napis) {
			arg.text = t->apis[t->api_sel];
			if (tui_request(t, SESSION_REQ_SELECT_METHOD, &arg) == SESSION_DONE)
				t->focus = PANE_FORM;
		}
		return true;
	}
	/* the filter is typed straight in: space and the pane keys stay keys */
	if ((!is_key && (ch == ' ' || ch == '\t')) || !tui_line_key(&t->api_filter, ch, is_key))
		return false;
	if (t->api_filter.text.len != before)
		t->api_sel = 0;
	tui_apis_refresh(t);
	return true;
}

/* A click selects the API on that line; a click on the selected one opens it. */
static void click(struct tui *t, int y)
{
	size_t i = t->api_top + (size_t)(y - 1);

	if (y < 1 || i >= t->napis)
		return;
	if (i == t->api_sel)
		key(t, '\r', false);
	t->api_sel = i;
}

const struct view_ops view_apis = {"APIs", draw, key, click};
