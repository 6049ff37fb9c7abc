/* view_prompt.c - the prompt that names a template (F4): Enter returns
 * the save request with the name typed. */
#include "view.h"

#include "base/i18n.h"

#include <stdlib.h>
#include <string.h>

struct prompt_state {
	struct lineedit line;
	char *name;
};

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct prompt_state *p = v->private;
	const struct console_session *s = v->env->s;

	(void)req;
	(void)arg;
	if (!s->method || s->editing_profile) {
		view_report(v, true, _("choose an API first"));
		return false;
	}
	lineedit_init(&p->line, "");
	return true;
}

static void done(struct view *v)
{
	struct prompt_state *p = v->private;

	lineedit_release(&p->line);
	free(p->name);
}

static void draw(struct view *v, bool focused)
{
	struct prompt_state *p = v->private;
	int H = 3, W = 60, col;
	WINDOW *w = newwin(H, W, (LINES - H) / 2, (COLS - W) / 2);
	size_t end;

	(void)focused;
	if (!w)
		return;
	tui_draw_box(w, _("save the form as template named (Enter saves)"));
	col = lineedit_view(&p->line, W - 4, &end);
	draw_text(w, 1, 2, W - 4, p->line.text.data + p->line.scroll, end - p->line.scroll, 0);
	wmove(w, 1, 2 + col);
	wnoutrefresh(w);
	delwin(w);
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct prompt_state *p = v->private;

	if (!is_key && ch == TUI_ESC)
		return REQ_CLOSE;
	if (tui_is_enter(ch, is_key)) {
		free(p->name);
		p->name = strdup(lineedit_text(&p->line));
		if (!p->name)
			return REQ_CLOSE;
		out->arg.text = p->name;
		out->arg.elem = -1;
		return REQ_SESSION_TEMPLATE_SAVE;
	}
	tui_line_key(&p->line, ch, is_key);
	return REQ_NONE;
}

static enum request paste(struct view *v, const char *text, size_t len, struct view_req *out)
{
	(void)out;
	lineedit_insert(&((struct prompt_state *)v->private)->line, text, len);
	return REQ_NONE;
}

static enum view_input input(struct view *v)
{
	(void)v;
	return VIEW_TEXT_CURSOR;
}

const struct view_ops view_prompt = {
    .name = "prompt",
    .private_size = sizeof(struct prompt_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
    .paste = paste,
    .input = input,
};
