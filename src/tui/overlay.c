/* overlay.c - what opens over the panes: help (from the action tables),
 * the signature view, pickers (profile, template, choice, the command
 * palette) and the prompt that names a template.  Help and the signature
 * scroll; pickers and the palette filter as you type. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "profile/template.h"
#include "profile/profile_list.h"

static bool add_choice_text(struct tui *t, const char *text)
{
	char **more = realloc(t->choices, (t->nchoices + 1) * sizeof(*more));

	if (!more)
		return false;
	t->choices = more;
	return (more[t->nchoices++] = strdup(text)) != NULL;
}

void tui_clear_choices(struct tui *t)
{
	for (size_t i = 0; i < t->nchoices; i++)
		free(t->choices[i]);
	free(t->choices);
	t->choices = NULL;
	t->nchoices = t->choice_sel = 0;
}

static bool pick_profile(const char *name, const char *path, bool user, void *ctx)
{
	(void)path;
	(void)user;
	return add_choice_text(ctx, name);
}

static bool pick_template(const char *name, void *ctx)
{
	struct tui *t = ctx;
	struct topc_template tpl;
	struct topc_error err = {0};

	if (topc_template_load(name, &tpl, &err) == TOPC_OK) {
		if (t->s.method && strcmp(tpl.method, t->s.method) == 0)
			add_choice_text(t, name);
		topc_template_release(&tpl);
	}
	return true;
}

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

static void palette_choices(struct tui *t)
{
	tui_clear_choices(t);
	for (int a = 0; a < TUI_ACTION_COUNT; a++) {
		char text[160], key[32], ctrl[32] = "";
		if (a == SESSION_ACTION_PALETTE ||
		    !fuzzy(session_action_name((enum session_action)a), lineedit_text(&t->prompt)))
			continue;
		tui_key_name(&t->keys[a], key, sizeof(key));
		if (t->ctrl[a].code)
			tui_key_name(&t->ctrl[a], ctrl, sizeof(ctrl));
		snprintf(text, sizeof(text), "%-14s %-4s %-3s %s",
			 session_action_name((enum session_action)a), key, ctrl,
			 session_action_help((enum session_action)a));
		add_choice_text(t, text);
	}
}

void tui_open_palette(struct tui *t)
{
	lineedit_release(&t->prompt);
	lineedit_init(&t->prompt, "");
	t->picker = PICK_ACTION;
	palette_choices(t);
	t->overlay = OVERLAY_PICKER;
}

void tui_open_picker(struct tui *t, enum picker_kind kind)
{
	tui_clear_choices(t);
	t->picker = kind;
	if (kind == PICK_ACTION) {
		tui_open_palette(t);
		return;
	}
	if (kind == PICK_PROFILE) {
		topc_profile_each(pick_profile, t);
		for (size_t i = 0; i < t->nchoices; i++)
			if (t->s.profile_name && strcmp(t->choices[i], t->s.profile_name) == 0)
				t->choice_sel = i;
	} else if (kind == PICK_EXPORT) {
		for (int i = 0; i < TOPC_EXPORT_NLANGS; i++)
			add_choice_text(t, topc_export_lang_name((enum topc_export_lang)i));
	} else if (kind == PICK_TEMPLATE) {
		if (!t->s.method) {
			tui_status(t, true, "choose an API first");
			return;
		}
		topc_template_each(pick_template, t);
		if (!t->nchoices) {
			tui_status(t, true, "no templates for %s; F4 (^O) saves the form as one",
				   t->s.method);
			return;
		}
	} else {
		const struct topc_constraints *k =
		    t->nrows ? topc_field_choices(t->rows[t->row_sel].field) : NULL;
		for (size_t i = 0; k && i < k->nchoices; i++) {
			char text[256];
			snprintf(text, sizeof(text), "%s - %s", k->choices[i].value,
				 k->choices[i].label);
			add_choice_text(t, text);
		}
	}
	t->overlay = OVERLAY_PICKER;
}

static void picked(struct tui *t)
{
	struct session_arg arg = {.elem = -1};
	char *choice;

	if (!t->nchoices) {
		t->overlay = OVERLAY_NONE;
		return;
	}
	choice = strdup(t->choices[t->choice_sel]);
	t->overlay = OVERLAY_NONE;
	if (!choice)
		return;
	arg.text = choice;
	if (t->picker == PICK_PROFILE) {
		tui_request(t, SESSION_REQ_PROFILE_SWITCH, &arg);
	} else if (t->picker == PICK_TEMPLATE) {
		tui_request(t, SESSION_REQ_TEMPLATE_LOAD, &arg);
	} else if (t->picker == PICK_EXPORT) {
		tui_export_copy(t, t->export_id, choice);
	} else if (t->picker == PICK_ACTION) {
		for (int a = 0; a < TUI_ACTION_COUNT; a++) {
			const char *name = session_action_name((enum session_action)a);
			size_t n = strlen(name);
			if (strncmp(choice, name, n) == 0 && choice[n] == ' ') {
				tui_action(t, (enum session_action)a);
				break;
			}
		}
	} else if (t->nrows) {
		const struct topc_constraints *k = topc_field_choices(t->rows[t->row_sel].field);
		arg.path = t->rows[t->row_sel].path;
		arg.text = t->choice_sel < k->nchoices ? k->choices[t->choice_sel].value : "";
		tui_request(t, SESSION_REQ_SET_VALUE, &arg);
	}
	free(choice);
}

static void open_text(struct tui *t, enum overlay o, struct topc_buf *text)
{
	free(t->overlay_text);
	t->overlay_text = topc_buf_detach(text, NULL);
	if (!t->overlay_text) {
		tui_status(t, true, "out of memory opening the view");
		return;
	}
	t->overlay_top = 0;
	t->overlay = o;
}

void tui_open_signature(struct tui *t)
{
	struct topc_buf text;
	/* from the history pane: its selected entry; elsewhere the last send */
	int64_t id = t->focus == PANE_HISTORY ? t->s.hist_sel_id : 0;

	if (!id && !t->s.have_sent)
		id = t->s.hist_sel_id;
	topc_buf_init(&text, 0);
	session_signature_text(&t->s, id, &text);
	open_text(t, OVERLAY_SIGNATURE, &text);
	topc_buf_release(&text);
}

void tui_open_help(struct tui *t)
{
	struct topc_buf help;
	enum topc_status st;

	topc_buf_init(&help, 0);
	st = topc_buf_adds(&help, "Actions (the palette, ^P or :, runs them by name):\n");
	for (int a = 0; a < TUI_ACTION_COUNT && st == TOPC_OK; a++) {
		char key[32], ctrl[32] = "";
		tui_key_name(&t->keys[a], key, sizeof(key));
		if (t->ctrl[a].code)
			tui_key_name(&t->ctrl[a], ctrl, sizeof(ctrl));
		st = topc_buf_addf(&help, "%-6s %-4s %-14s %s\n", key, ctrl,
				   session_action_name((enum session_action)a),
				   session_action_help((enum session_action)a));
	}
	st = st || topc_buf_adds(&help, "\nIn the panes:\n");
#define TUI_X(keys, what) st = st || topc_buf_addf(&help, "%-18s %s\n", keys, what);
	TUI_PANE_KEY_TABLE(TUI_X)
#undef TUI_X
	st = st ||
	     topc_buf_adds(
		 &help, "\nIn a text field: Left Right Home End, Backspace Del, ^A ^E ^K ^U ^W; "
			"Enter keeps, Esc drops.  A paste lands as text, line breaks as spaces.\n"
			"Values may hold ${uuid} ${now} ${now_ms} ${today} ${seq} ${env:NAME} "
			"${profile:KEY}.\n"
			"\nEach API's form is kept as a draft (also across restarts); q quits "
			"without losing them.\n"
			"Keys and colours can be changed in $XDG_CONFIG_HOME/topc/topc.conf "
			"(see the README).\n");
	if (st != TOPC_OK)
		tui_status(t, true, "out of memory building the help");
	else
		open_text(t, OVERLAY_HELP, &help);
	topc_buf_release(&help);
}

static void draw_box(struct tui *t, WINDOW *w, const char *title)
{
	werase(w);
	box(w, 0, 0);
	draw_text(w, 0, 2, getmaxx(w) - 4, title, (size_t)-1, tui_attr(t, TC_TITLE));
}

/* Draws text's lines from line top (long lines wrapped by cells); returns
 * how many lines the whole text takes. */
static int draw_lines(WINDOW *w, const char *text, int top, int width, int height)
{
	const char *p = text;
	int y = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		do {
			size_t take = 0;
			int cells = 0, c;
			while (take < len) {
				size_t n = lineedit_utf8_char(p + take, len - take, &c);
				if (cells + c > width)
					break;
				cells += c;
				take += n;
			}
			if (take == 0 && len)
				take = 1;
			if (w && y >= top && y < top + height)
				draw_text(w, 1 + y - top, 2, width, p, take, 0);
			y++;
			p += take;
			len -= take;
		} while (len);
		p = nl ? nl + 1 : p + len;
	}
	return y;
}

static void draw_scrolled(struct tui *t, WINDOW *w, const char *title, int H, int W)
{
	int total = draw_lines(NULL, t->overlay_text ? t->overlay_text : "", 0, W - 4, H - 2);
	char head[160];

	if (t->overlay_top > total - (H - 2))
		t->overlay_top = total - (H - 2) > 0 ? total - (H - 2) : 0;
	snprintf(head, sizeof(head), "%s  line %d-%d of %d (arrows, PgUp PgDn; Esc closes)", title,
		 t->overlay_top + 1,
		 total < t->overlay_top + H - 2 ? total : t->overlay_top + H - 2, total);
	draw_box(t, w, head);
	draw_lines(w, t->overlay_text ? t->overlay_text : "", t->overlay_top, W - 4, H - 2);
}

void tui_draw_overlay(struct tui *t)
{
	int H = LINES - 4, W = COLS - 8;
	WINDOW *w;

	if (t->overlay == OVERLAY_PICKER) {
		int extra = t->picker == PICK_ACTION ? 1 : 0;
		H = (int)t->nchoices + 2 + extra < LINES - 6 ? (int)t->nchoices + 2 + extra
							     : LINES - 6;
		W = t->picker == PICK_ACTION ? COLS - 8 : 50;
	} else if (t->overlay == OVERLAY_PROMPT) {
		H = 3;
		W = 60;
	}
	w = newwin(H, W, (LINES - H) / 2, (COLS - W) / 2);
	if (!w)
		return;
	if (t->overlay == OVERLAY_HELP) {
		draw_scrolled(t, w, "help", H, W);
	} else if (t->overlay == OVERLAY_SIGNATURE) {
		draw_scrolled(t, w, "signature", H, W);
	} else if (t->overlay == OVERLAY_PICKER) {
		static const char *const titles[] = {"profile", "template", "choice",
						     "action: type to filter, Enter runs"};
		int extra = t->picker == PICK_ACTION ? 1 : 0, rows = H - 2 - extra;
		size_t top = rows > 0 && t->choice_sel >= (size_t)rows
				 ? t->choice_sel - (size_t)rows + 1
				 : 0;
		draw_box(t, w, titles[t->picker]);
		if (extra) {
			size_t end;
			int col = lineedit_view(&t->prompt, W - 6, &end);
			draw_text(w, 1, 2, 2, ": ", 2, tui_attr(t, TC_KEY));
			draw_text(w, 1, 4, W - 6, t->prompt.text.data + t->prompt.scroll,
				  end - t->prompt.scroll, 0);
			wmove(w, 1, 4 + col);
		}
		for (int y = 0; y < rows && top + (size_t)y < t->nchoices; y++)
			draw_text(w, 1 + extra + y, 2, W - 4, t->choices[top + (size_t)y],
				  (size_t)-1,
				  top + (size_t)y == t->choice_sel ? tui_attr(t, TC_FOCUS) : 0);
	} else if (t->overlay == OVERLAY_PROMPT) {
		size_t end;
		int col;
		draw_box(t, w, t->prompt_label ? t->prompt_label : "");
		col = lineedit_view(&t->prompt, W - 4, &end);
		draw_text(w, 1, 2, W - 4, t->prompt.text.data + t->prompt.scroll,
			  end - t->prompt.scroll, 0);
		wmove(w, 1, 2 + col);
	}
	wnoutrefresh(w);
	delwin(w);
}

static bool is_enter(int ch, bool is_key)
{
	return (is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'));
}

static bool scroll_key(struct tui *t, int ch, bool is_key)
{
	size_t top = (size_t)t->overlay_top, page = (size_t)(LINES - 7);

	if (!is_key && ch == ' ')
		top += page;
	else if (!tui_list_key(&top, (size_t)1 << 20, page, ch, is_key, true))
		return false;
	/* G: draw_scrolled keeps it to the last screenful */
	t->overlay_top = top > (size_t)1 << 20 ? 1 << 20 : (int)top;
	return true;
}

bool tui_overlay_key(struct tui *t, int ch, bool is_key)
{
	if (t->overlay == OVERLAY_HELP || t->overlay == OVERLAY_SIGNATURE) {
		if (scroll_key(t, ch, is_key))
			return true;
		if ((!is_key && (ch == TUI_ESC || ch == 'q')) ||
		    tui_bound(t, SESSION_ACTION_SIGNATURE, ch, is_key) ||
		    tui_bound(t, SESSION_ACTION_HELP, ch, is_key))
			t->overlay = OVERLAY_NONE;
		return true;
	}
	if (t->overlay == OVERLAY_PICKER) {
		size_t page = (size_t)(LINES - 9);
		if (!is_key && ch == TUI_ESC)
			t->overlay = OVERLAY_NONE;
		else if (is_enter(ch, is_key))
			picked(t);
		else if (tui_list_key(&t->choice_sel, t->nchoices, page, ch, is_key,
				      t->picker != PICK_ACTION))
			;
		else if (t->picker == PICK_ACTION && tui_line_key(&t->prompt, ch, is_key)) {
			palette_choices(t);
			t->choice_sel = 0;
		}
		return true;
	}
	if (t->overlay == OVERLAY_PROMPT) {
		if (!is_key && ch == TUI_ESC) {
			t->overlay = OVERLAY_NONE;
		} else if (is_enter(ch, is_key)) {
			struct session_arg arg = {.elem = -1};
			char *name = strdup(lineedit_text(&t->prompt));
			t->overlay = OVERLAY_NONE;
			arg.text = name;
			if (name)
				tui_request(t, SESSION_REQ_TEMPLATE_SAVE, &arg);
			free(name);
		} else {
			tui_line_key(&t->prompt, ch, is_key);
		}
		return true;
	}
	return false;
}
