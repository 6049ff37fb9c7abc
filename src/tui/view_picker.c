/* view_picker.c - the pickers: a profile (F2), a template of the current
 * API (F3), one of a field's choices (Enter on it).  Typing filters the
 * list as the APIs pane's does (a part of the name, tui_find: lower case
 * matches any case), the arrows move; Enter returns the request that uses the choice. */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/profile_list.h"
#include "profile/template.h"

enum picker_kind { PICK_PROFILE, PICK_TEMPLATE, PICK_CHOICE };

struct picker_state {
	enum picker_kind kind;
	struct choices all;  /* every choice, in order */
	struct choices list; /* those the filter matches: what is drawn */
	size_t *index;	     /* list's item i is all's index[i] */
	struct lineedit filter;
	const struct topc_field *field; /* PICK_CHOICE */
	char path[512];
	char *picked;
};

static bool pick_profile(const char *name, const char *path, bool user, void *ctx)
{
	(void)path;
	(void)user;
	return choices_add(ctx, name);
}

struct template_ctx {
	struct choices *list;
	const char *method;
	size_t bad;	 /* files that do not load: left out, and said */
	char first[512]; /* the first one's problem, with its file and line */
};

static bool pick_template(const char *name, void *ctx)
{
	struct template_ctx *c = ctx;
	struct topc_template tpl;
	struct topc_error err = {0};

	if (topc_template_load(name, &tpl, &err) == TOPC_OK) {
		if (strcmp(tpl.method, c->method) == 0 && !choices_add(c->list, name)) {
			topc_template_release(&tpl);
			return false;
		}
		topc_template_release(&tpl);
	} else if (!c->bad++) {
		snprintf(c->first, sizeof(c->first), "%s", err.msg);
	}
	return true;
}

static bool open_choices(struct view *v, const char *path)
{
	struct picker_state *p = v->private;
	const struct console_session *s = v->env->s;
	const struct topc_constraints *k;

	p->field = s->form ? topc_field_find(&s->form->request, path) : NULL;
	if (!p->field)
		return false;
	snprintf(p->path, sizeof(p->path), "%s", path);
	k = topc_field_choices(p->field);
	for (size_t i = 0; i < k->nchoices; i++) {
		char text[256];
		snprintf(text, sizeof(text), "%s - %s", k->choices[i].value, k->choices[i].label);
		if (!choices_add(&p->all, text))
			return false;
	}
	return true;
}

/* p->list again from p->all for the filter, the selection kept on the
 * choice it was on while that still shows, else on the first. */
static void refilter(struct picker_state *p)
{
	size_t was;
	const char *filter = lineedit_text(&p->filter);

	if (p->list.count)
		p->all.sel = p->index[p->list.sel];
	was = p->all.sel;
	choices_clear(&p->list);
	for (size_t i = 0; i < p->all.count; i++) {
		if (*filter && !tui_find(p->all.items[i], strlen(p->all.items[i]), filter))
			continue;
		if (!choices_add(&p->list, p->all.items[i]))
			return;
		p->index[p->list.count - 1] = i;
		if (i == was)
			p->list.sel = p->list.count - 1;
	}
}

static bool listed(struct picker_state *p)
{
	p->index = calloc(p->all.count + 1, sizeof(*p->index));
	if (!p->index)
		return false;
	lineedit_init(&p->filter, "");
	refilter(p);
	return true;
}

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct picker_state *p = v->private;
	const struct console_session *s = v->env->s;

	if (req == REQ_OPEN_CHOICE) {
		p->kind = PICK_CHOICE;
		return arg && arg->arg.path && open_choices(v, arg->arg.path) && listed(p);
	}
	if (req == REQ_ACTION_PROFILE) {
		p->kind = PICK_PROFILE;
		topc_profile_each(pick_profile, &p->all);
		for (size_t i = 0; i < p->all.count; i++)
			if (s->profile_name && strcmp(p->all.items[i], s->profile_name) == 0)
				p->all.sel = i;
		return listed(p);
	}
	p->kind = PICK_TEMPLATE;
	if (!s->method || s->editing_profile) {
		view_report(v, true, _("choose an API first"));
		return false;
	}
	struct template_ctx c = {&p->all, s->method, 0, ""};
	topc_template_each(pick_template, &c);
	if (c.bad) /* the command line warns of them too */
		view_report(v, true,
			    P_("%zu template does not load, left out: %s",
			       "%zu templates do not load, left out; the first: %s", c.bad),
			    c.bad, c.first);
	if (!p->all.count) {
		if (!c.bad)
			view_report(v, true,
				    _("no templates for %s; F4 (^O) saves the form as one"),
				    s->method);
		return false;
	}
	return listed(p);
}

static void done(struct view *v)
{
	struct picker_state *p = v->private;

	choices_clear(&p->list);
	choices_clear(&p->all);
	free(p->index);
	lineedit_release(&p->filter);
	free(p->picked);
}

static void draw(struct view *v, bool focused)
{
	static const char *const titles[] = {N_("profile"), N_("template"), N_("choice")};
	struct picker_state *p = v->private;
	/* the whole list's height, so the box does not shrink as one types */
	int H = (int)p->all.count + 2 < LINES - 6 ? (int)p->all.count + 2 : LINES - 6, W = 50;
	WINDOW *w = newwin(H, W, (LINES - H) / 2, (COLS - W) / 2);
	char title[200];

	(void)focused;
	if (!w)
		return;
	snprintf(title, sizeof(title), "%s %s%s", _(titles[p->kind]),
		 p->filter.text.len ? _("filter: ") : _("(type to filter)"),
		 lineedit_text(&p->filter));
	tui_draw_box(w, title);
	choices_draw(&p->list, w, 1, H - 2);
	if (!p->list.count)
		draw_text(w, 1, 2, W - 4, _("nothing matches; Backspace widens"), (size_t)-1,
			  tui_attr(TC_DIM));
	wnoutrefresh(w);
	delwin(w);
}

static enum request picked(struct view *v, struct view_req *out)
{
	struct picker_state *p = v->private;

	size_t i;

	if (!p->list.count)
		return p->filter.text.len ? REQ_NONE
					  : REQ_CLOSE; /* nothing matches: nothing picked */
	i = p->index[p->list.sel];
	out->arg.elem = -1;
	if (p->kind == PICK_CHOICE) {
		const struct topc_constraints *k = topc_field_choices(p->field);
		out->arg.path = p->path;
		out->arg.text = i < k->nchoices ? k->choices[i].value : "";
		return REQ_SESSION_SET_VALUE;
	}
	free(p->picked);
	p->picked = strdup(p->list.items[p->list.sel]);
	if (!p->picked)
		return REQ_CLOSE;
	out->arg.text = p->picked;
	return p->kind == PICK_PROFILE ? REQ_SESSION_PROFILE_SWITCH : REQ_SESSION_TEMPLATE_LOAD;
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct picker_state *p = v->private;

	if (!is_key && ch == TUI_ESC)
		return REQ_CLOSE;
	if (tui_is_enter(ch, is_key))
		return picked(v, out);
	/* letters are the filter's, as in the APIs pane: the arrows move */
	if (tui_list_key(&p->list.sel, p->list.count, (size_t)(LINES - 9), ch, is_key, false))
		return REQ_NONE;
	if (tui_line_key(&p->filter, ch, is_key))
		refilter(p);
	return REQ_NONE;
}

static enum request paste(struct view *v, const char *text, size_t len, struct view_req *out)
{
	struct picker_state *p = v->private;

	(void)out;
	lineedit_insert(&p->filter, text, len);
	refilter(p);
	return REQ_NONE;
}

const struct view_ops view_picker = {
    .name = "picker",
    .private_size = sizeof(struct picker_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
    .paste = paste,
};
