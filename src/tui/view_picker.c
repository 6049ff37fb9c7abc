/* view_picker.c - the pickers: a profile (F2), a template of the current
 * API (F3), one of a field's choices (Enter on it).  Enter returns the
 * request that uses the choice. */
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
	struct choices list;
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
		if (!choices_add(&p->list, text))
			return false;
	}
	return true;
}

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct picker_state *p = v->private;
	const struct console_session *s = v->env->s;

	if (req == REQ_OPEN_CHOICE) {
		p->kind = PICK_CHOICE;
		return arg && arg->arg.path && open_choices(v, arg->arg.path);
	}
	if (req == REQ_ACTION_PROFILE) {
		p->kind = PICK_PROFILE;
		topc_profile_each(pick_profile, &p->list);
		for (size_t i = 0; i < p->list.count; i++)
			if (s->profile_name && strcmp(p->list.items[i], s->profile_name) == 0)
				p->list.sel = i;
		return true;
	}
	p->kind = PICK_TEMPLATE;
	if (!s->method || s->editing_profile) {
		view_report(v, true, _("choose an API first"));
		return false;
	}
	struct template_ctx c = {&p->list, s->method, 0, ""};
	topc_template_each(pick_template, &c);
	if (c.bad) /* the command line warns of them too */
		view_report(v, true,
			    P_("%zu template does not load, left out: %s",
			       "%zu templates do not load, left out; the first: %s", c.bad),
			    c.bad, c.first);
	if (!p->list.count) {
		if (!c.bad)
			view_report(v, true,
				    _("no templates for %s; F4 (^O) saves the form as one"),
				    s->method);
		return false;
	}
	return true;
}

static void done(struct view *v)
{
	struct picker_state *p = v->private;

	choices_clear(&p->list);
	free(p->picked);
}

static void draw(struct view *v, bool focused)
{
	static const char *const titles[] = {N_("profile"), N_("template"), N_("choice")};
	struct picker_state *p = v->private;
	int H = (int)p->list.count + 2 < LINES - 6 ? (int)p->list.count + 2 : LINES - 6, W = 50;
	WINDOW *w = newwin(H, W, (LINES - H) / 2, (COLS - W) / 2);

	(void)focused;
	if (!w)
		return;
	tui_draw_box(w, _(titles[p->kind]));
	choices_draw(&p->list, w, 1, H - 2);
	wnoutrefresh(w);
	delwin(w);
}

static enum request picked(struct view *v, struct view_req *out)
{
	struct picker_state *p = v->private;

	if (!p->list.count)
		return REQ_CLOSE;
	out->arg.elem = -1;
	if (p->kind == PICK_CHOICE) {
		const struct topc_constraints *k = topc_field_choices(p->field);
		out->arg.path = p->path;
		out->arg.text = p->list.sel < k->nchoices ? k->choices[p->list.sel].value : "";
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
	tui_list_key(&p->list.sel, p->list.count, (size_t)(LINES - 9), ch, is_key, true);
	return REQ_NONE;
}

const struct view_ops view_picker = {
    .name = "picker",
    .private_size = sizeof(struct picker_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
};
