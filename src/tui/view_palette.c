/* view_palette.c - the command palette (^P or :): every action of the
 * action table, filtered fuzzily as you type, each with its keys; Enter
 * returns the action's request. */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct palette_state {
	struct lineedit filter;
	struct choices list;
	enum session_action actions[SESSION_ACTION_COUNT]; /* the list's, in order */
};

/* Fuzzy: the filter's characters appear in name in order. */
static bool fuzzy(const char *name, const char *filter)
{
	for (; *filter; filter++) {
		while (*name && *name != *filter)
			name++;
		if (!*name++)
			return false;
	}
	return true;
}

/* Whether action a shows for the filter: by its name as in topc.conf
 * (fuzzy) or a part of its label (session_action_label: 签名 for
 * signature) in the reader's language (pass 0), or by a
 * part of its help as the reader reads it, in English or translated (pass
 * 1, listed after the names: 签名 is in send's help too, and Enter must
 * not send when the reader asked for the signature). */
static bool shown(enum session_action a, const char *filter, int pass)
{
	bool by_name = fuzzy(session_action_name(a), filter) ||
		       (*filter && strstr(_(session_action_label(a)), filter));

	if (pass == 0)
		return by_name;
	return !by_name && (strstr(_(session_action_help(a)), filter) ||
			    strstr(session_action_help(a), filter));
}

static void fill(struct view *v)
{
	struct palette_state *p = v->private;
	const char *filter = lineedit_text(&p->filter);

	choices_clear(&p->list);
	for (int pass = 0; pass < 2; pass++)
		for (int a = 0; a < SESSION_ACTION_COUNT; a++) {
			char text[320], key[32], ctrl[32] = "";
			if (a == SESSION_ACTION_PALETTE ||
			    !shown((enum session_action)a, filter, pass))
				continue;
			tui_key_name(&v->env->keys[a], key, sizeof(key));
			if (v->env->ctrl[a].code)
				tui_key_name(&v->env->ctrl[a], ctrl, sizeof(ctrl));
			snprintf(text, sizeof(text), "%-14s %-5s %-3s %s", /* S-Tab */
				 session_action_name((enum session_action)a), key, ctrl,
				 _(session_action_help((enum session_action)a)));
			p->actions[p->list.count] = (enum session_action)a;
			if (!choices_add(&p->list, text))
				return;
		}
}

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct palette_state *p = v->private;

	(void)req;
	(void)arg;
	lineedit_init(&p->filter, "");
	fill(v);
	return true;
}

static void done(struct view *v)
{
	struct palette_state *p = v->private;

	lineedit_release(&p->filter);
	choices_clear(&p->list);
}

static void draw(struct view *v, bool focused)
{
	struct palette_state *p = v->private;
	int H = (int)p->list.count + 3 < LINES - 6 ? (int)p->list.count + 3 : LINES - 6,
	    W = COLS - 8, col;
	WINDOW *w = newwin(H, W, (LINES - H) / 2, (COLS - W) / 2);
	size_t end;

	(void)focused;
	if (!w)
		return;
	tui_draw_box(w, _("action: type to filter, Enter runs"));
	choices_draw(&p->list, w, 2, H - 3);
	col = lineedit_view(&p->filter, W - 6, &end);
	draw_text(w, 1, 2, 2, ": ", 2, tui_attr(TC_KEY));
	draw_text(w, 1, 4, W - 6, p->filter.text.data + p->filter.scroll, end - p->filter.scroll,
		  0);
	wmove(w, 1, 4 + col);
	wnoutrefresh(w);
	delwin(w);
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct palette_state *p = v->private;

	(void)out;
	if (!is_key && ch == TUI_ESC)
		return REQ_CLOSE;
	if (tui_is_enter(ch, is_key))
		return p->list.count ? REQ_ACTION(p->actions[p->list.sel]) : REQ_CLOSE;
	if (tui_list_key(&p->list.sel, p->list.count, (size_t)(LINES - 9), ch, is_key, false))
		return REQ_NONE;
	if (tui_line_key(&p->filter, ch, is_key)) {
		fill(v);
		p->list.sel = 0;
	}
	return REQ_NONE;
}

static enum request paste(struct view *v, const char *text, size_t len, struct view_req *out)
{
	struct palette_state *p = v->private;

	(void)out;
	lineedit_insert(&p->filter, text, len);
	fill(v);
	p->list.sel = 0;
	return REQ_NONE;
}

const struct view_ops view_palette = {
    .name = "palette",
    .private_size = sizeof(struct palette_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
    .paste = paste,
};
