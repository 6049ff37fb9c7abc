/* view_export.c - the language picker (x in the history, the palette's
 * export and export_form): the languages of topc history export --format,
 * and Enter copies the entry as that language's code through OSC 52
 * (REQ_COPY).  The code is topc_history_entry_export's, the very bytes the
 * command line writes, so the console and topc history export ID --format
 * LANG cannot differ; like them it never holds the secret or the session
 * key (export.h).  Opened for the form (export_form) it copies the current
 * form, a preview the driver makes (REQ_EXPORT_FORM: session_export_form,
 * the code of topc send ... --export LANG). */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "export/export.h"
#include "history/history_record.h"

struct export_state {
	struct choices list; /* in TOPC_EXPORT_LANG_TABLE's order */
	int64_t id;
	bool form;	      /* the current form rather than an entry */
	struct topc_buf code; /* what REQ_COPY copies */
};

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct export_state *x = v->private;

	topc_buf_init(&x->code, 0); /* osc52.h refuses a copy too long, naming its size */
	x->id = arg ? arg->arg.id : 0;
	x->form = req == REQ_ACTION_EXPORT_FORM;
	if (x->form && !v->env->s->method) {
		view_report(v, true, _("choose an API first; its form is exported"));
		return false;
	}
	if (!x->form && (!v->env->s->history || !x->id)) {
		view_report(v, true, _("select a history entry first; x copies it as SDK code"));
		return false;
	}
	for (int l = 0; l < TOPC_EXPORT_NLANGS; l++) {
		char text[96];
		snprintf(text, sizeof(text), "%-8s %s",
			 topc_export_lang_name((enum topc_export_lang)l),
			 topc_export_file_name((enum topc_export_lang)l));
		if (!choices_add(&x->list, text)) {
			view_report(v, true, _("out of memory opening the %s"), "export");
			return false;
		}
	}
	return true;
}

static void done(struct view *v)
{
	struct export_state *x = v->private;

	choices_clear(&x->list);
	topc_buf_release(&x->code);
}

static void draw(struct view *v, bool focused)
{
	struct export_state *x = v->private;
	int H = (int)x->list.count + 2, W = 50;
	WINDOW *w = newwin(H, W, (LINES - H) / 2, (COLS - W) / 2);
	char title[96];

	(void)focused;
	if (!w)
		return;
	if (x->form)
		snprintf(title, sizeof(title), "%s",
			 _("the form as code (a preview): Enter copies"));
	else
		snprintf(title, sizeof(title), _("entry %lld as code: Enter copies"),
			 (long long)x->id);
	tui_draw_box(w, title);
	choices_draw(&x->list, w, 1, H - 2);
	wnoutrefresh(w);
	delwin(w);
}

/* The entry as the language's code into x->code; REQ_COPY, or the status
 * says why not. */
static enum request export_entry(struct view *v, enum topc_export_lang lang, struct view_req *out)
{
	struct export_state *x = v->private;
	const struct console_session *s = v->env->s;
	struct topc_history_entry e;
	struct topc_error err = {0};
	enum topc_status st;

	if (topc_history_get(s->history, x->id, &e, &err) != TOPC_OK) {
		view_report(v, true, "%s", err.msg);
		return REQ_CLOSE;
	}
	topc_buf_reset(&x->code);
	st = topc_history_entry_export(&e, topc_form_store_get(&s->forms, e.method), lang, &x->code,
				       &err);
	topc_history_entry_release(&e);
	if (st != TOPC_OK) {
		view_report(v, true, "%s", err.msg);
		return REQ_CLOSE;
	}
	out->data = topc_buf_str(&x->code);
	out->len = x->code.len;
	return REQ_COPY;
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	struct export_state *x = v->private;

	if ((!is_key && (ch == TUI_ESC || ch == 'q')))
		return REQ_CLOSE;
	if (tui_is_enter(ch, is_key) && x->form) {
		out->ch = (int)x->list.sel;
		return REQ_EXPORT_FORM;
	}
	if (tui_is_enter(ch, is_key))
		return export_entry(v, (enum topc_export_lang)x->list.sel, out);
	tui_list_key(&x->list.sel, x->list.count, (size_t)x->list.count, ch, is_key, true);
	return REQ_NONE;
}

const struct view_ops view_export = {
    .name = "export",
    .private_size = sizeof(struct export_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
};
