/* overlay.c - what opens over the panes: help (from the action tables),
 * the signature view, pickers (profile, template, choice) and the prompt
 * that names a template. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "top/request.h"
#include "top/sign.h"
#include "profile/template.h"
#include "profile/profile_list.h"

static const char *const action_help[] = {
#define TUI_X(id, name, key, what) what,
    TUI_ACTION_TABLE(TUI_X)
#undef TUI_X
};

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
		if (t->method && strcmp(tpl.method, t->method) == 0)
			add_choice_text(t, name);
		topc_template_release(&tpl);
	}
	return true;
}

void tui_open_picker(struct tui *t, enum picker_kind kind)
{
	tui_clear_choices(t);
	t->picker = kind;
	if (kind == PICK_PROFILE) {
		topc_profile_each(pick_profile, t);
		for (size_t i = 0; i < t->nchoices; i++)
			if (strcmp(t->choices[i], t->profile_name) == 0)
				t->choice_sel = i;
	} else if (kind == PICK_TEMPLATE) {
		if (!t->method) {
			tui_status(t, true, "choose an API first");
			return;
		}
		topc_template_each(pick_template, t);
		if (!t->nchoices) {
			tui_status(t, true, "no templates for %s; F4 saves the form as one",
				   t->method);
			return;
		}
	} else {
		const struct topc_constraints *k = topc_field_choices(t->rows[t->row_sel].field);
		for (size_t i = 0; i < k->nchoices; i++) {
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
	const char *choice = t->choices[t->choice_sel];
	struct topc_template tpl;
	struct topc_error err = {0};

	t->overlay = OVERLAY_NONE;
	if (t->picker == PICK_PROFILE) {
		char *name = strdup(choice);
		if (name && tui_load_profile(t, name) && tui_client(t)) {
			tui_remember_profile(name);
			tui_status(t, false, "profile %s: %s", name, t->profile.gateway);
		}
		free(name);
	} else if (t->picker == PICK_TEMPLATE) {
		if (topc_template_load(choice, &tpl, &err) != TOPC_OK) {
			tui_status(t, true, "%s", err.msg);
			return;
		}
		topc_params_release(&t->values);
		topc_params_init(&t->values);
		topc_params_copy(&t->values, &tpl.values);
		tui_status(t, false, "template %s loaded; ${...} values are computed at each send",
			   tpl.name);
		topc_template_release(&tpl);
		tui_validate(t);
	} else {
		const struct topc_constraints *k = topc_field_choices(t->rows[t->row_sel].field);
		topc_form_set(t->form, &t->values, t->rows[t->row_sel].path,
			      k->choices[t->choice_sel].value, &err);
		tui_validate(t);
	}
}

static void save_template(struct tui *t, const char *name)
{
	struct topc_template tpl;
	struct topc_error err = {0};

	topc_template_init(&tpl);
	tpl.name = strdup(name);
	tpl.method = strdup(t->method);
	topc_params_copy(&tpl.values, &t->values);
	if (topc_template_save(&tpl, false, &err) != TOPC_OK)
		tui_status(t, true, "%s", err.msg);
	else
		tui_status(t, false, "saved template %s (%zu values)", name, tpl.values.count);
	topc_template_release(&tpl);
}

void tui_open_signature(struct tui *t)
{
	struct topc_request req;
	struct topc_buf text, canon, body;
	struct topc_params shown;
	int64_t gateway_s;
	enum topc_status st;

	topc_request_init(&req);
	if (!tui_build_request(t, NULL, &req)) {
		topc_request_release(&req);
		return;
	}
	topc_buf_init(&text, 0);
	topc_buf_init(&canon, 0);
	topc_params_init(&shown);
	for (size_t i = 0; i < req.params.count; i++)
		if (strcmp(req.params.items[i].name, "sign") != 0)
			topc_params_set(&shown, req.params.items[i].name,
					topc_request_mask(req.params.items[i].name,
							  req.params.items[i].value, false));
	st = topc_sign_display(req.sign_method, &shown, &canon);
	topc_buf_init(&body, 0);
	if (st == TOPC_OK)
		st = topc_request_body_shown(&req, false, &body, NULL);
	if (st == TOPC_OK)
		st = topc_buf_addf(
		    &text,
		    "sign_method %s\n\ncanonical string (the secret shown as <secret>):\n%s\n\n"
		    "signature: %s\n\nbody:\n%s\n",
		    topc_sign_method_name(req.sign_method), topc_buf_str(&canon), req.signature,
		    topc_buf_str(&body));
	if (st == TOPC_OK && t->last.has_code && t->last.code == 25)
		st = topc_buf_adds(&text,
				   "\nThe last answer was 25 (invalid signature): check the secret "
				   "and sign_method of this profile, and that every value above is "
				   "exactly what the gateway received.\n");
	if (st == TOPC_OK && t->last.has_code && t->last.code == 31) {
		st = topc_buf_adds(&text, "\nThe last answer was 31 (invalid timestamp): TOP "
					  "accepts timestamps within 10 minutes of its clock, in "
					  "GMT+8.\n");
		if (st == TOPC_OK && t->last_date[0] &&
		    topc_http_date_parse(t->last_date, &gateway_s))
			st = topc_buf_addf(&text,
					   "The gateway's Date header was %s: this machine's "
					   "clock is %+lld s off it.\n",
					   t->last_date,
					   (long long)(topc_now_ms() / 1000 - gateway_s));
	}
	free(t->sig_text);
	t->sig_text = st == TOPC_OK ? topc_buf_detach(&text, NULL) : NULL;
	if (!t->sig_text)
		t->sig_text = strdup("the request is too large to show; F5 still sends it");
	topc_buf_release(&text);
	topc_buf_release(&canon);
	topc_buf_release(&body);
	topc_params_release(&shown);
	topc_request_release(&req);
	t->overlay = OVERLAY_SIGNATURE;
}

static void draw_box(struct tui *t, WINDOW *w, const char *title)
{
	werase(w);
	box(w, 0, 0);
	draw_text(w, 0, 2, getmaxx(w) - 4, title, (size_t)-1, tui_attr(t, TC_TITLE));
}

static void draw_lines(WINDOW *w, const char *text, int top, int width, int height)
{
	const char *p = text;
	int y = 0;

	while (*p && y < top + height) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		/* long lines wrap by cells */
		do {
			size_t take = 0;
			int cells = 0, c;
			while (take < len) {
				size_t n = utf8_char(p + take, len - take, &c);
				if (cells + c > width)
					break;
				cells += c;
				take += n;
			}
			if (take == 0 && len)
				take = 1;
			if (y >= top)
				draw_text(w, 1 + y - top, 2, width, p, take, 0);
			y++;
			p += take;
			len -= take;
		} while (len && y < top + height);
		p = nl ? nl + 1 : p + len;
	}
}

void tui_draw_overlay(struct tui *t)
{
	int H = LINES - 4, W = COLS - 8;
	WINDOW *w;

	if (t->overlay == OVERLAY_PICKER) {
		H = (int)t->nchoices + 2 < LINES - 6 ? (int)t->nchoices + 2 : LINES - 6;
		W = 50;
	} else if (t->overlay == OVERLAY_PROMPT) {
		H = 3;
		W = 60;
	}
	w = newwin(H, W, (LINES - H) / 2, (COLS - W) / 2);
	if (!w)
		return;
	if (t->overlay == OVERLAY_HELP) {
		struct topc_buf help;
		enum topc_status st = TOPC_OK;
		topc_buf_init(&help, 0);
		for (int a = 0; a < TUI_ACTION_COUNT && st == TOPC_OK; a++) {
			char name[32];
			tui_key_name(&t->keys[a], name, sizeof(name));
			st = topc_buf_addf(&help, "%-22s %s\n", name, action_help[a]);
		}
#define TUI_X(keys, what)                                                                          \
	if (st == TOPC_OK)                                                                         \
		st = topc_buf_addf(&help, "%-22s %s\n", keys, what);
		TUI_PANE_KEY_TABLE(TUI_X)
#undef TUI_X
		if (st == TOPC_OK)
			st = topc_buf_adds(&help,
					   "\nKeys and colours can be changed in "
					   "$XDG_CONFIG_HOME/topc/topc.conf (see the README).\n"
					   "\nIn a text field: Left Right Home End, Backspace "
					   "Del, ^A ^E ^K ^U ^W; Enter keeps, Esc drops.\nValues "
					   "may hold ${uuid} ${now} ${now_ms} ${today} ${seq} "
					   "${env:NAME} ${profile:KEY}.");
		draw_box(t, w, "help (any key closes)");
		draw_lines(w, topc_buf_str(&help), 0, W - 4, H - 2);
		topc_buf_release(&help);
	} else if (t->overlay == OVERLAY_SIGNATURE) {
		draw_box(t, w, "signature (Esc closes)");
		draw_lines(w, t->sig_text ? t->sig_text : "", 0, W - 4, H - 2);
	} else if (t->overlay == OVERLAY_PICKER) {
		static const char *const titles[] = {"profile", "template", "choice"};
		size_t top = t->choice_sel >= (size_t)(H - 2) ? t->choice_sel - (size_t)(H - 3) : 0;
		draw_box(t, w, titles[t->picker]);
		for (int y = 0; y < H - 2 && top + (size_t)y < t->nchoices; y++)
			draw_text(w, 1 + y, 2, W - 4, t->choices[top + (size_t)y], (size_t)-1,
				  top + (size_t)y == t->choice_sel ? tui_attr(t, TC_FOCUS) : 0);
	} else if (t->overlay == OVERLAY_PROMPT) {
		size_t end;
		int col;
		draw_box(t, w, t->prompt_label ? t->prompt_label : "");
		col = line_view(&t->prompt, W - 4, &end);
		draw_text(w, 1, 2, W - 4, t->prompt.text.data + t->prompt.scroll,
			  end - t->prompt.scroll, 0);
		wmove(w, 1, 2 + col);
	}
	wnoutrefresh(w);
	delwin(w);
}

bool tui_overlay_key(struct tui *t, int ch, bool is_key)
{
	if (t->overlay == OVERLAY_HELP) {
		t->overlay = OVERLAY_NONE;
		return true;
	}
	if (t->overlay == OVERLAY_SIGNATURE) {
		if (ch == 27 || (!is_key && ch == 'q') ||
		    tui_bound(t, TUI_ACTION_SIGNATURE, ch, is_key))
			t->overlay = OVERLAY_NONE;
		return true;
	}
	if (t->overlay == OVERLAY_PICKER) {
		if (!is_key && ch == 27)
			t->overlay = OVERLAY_NONE;
		else if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
			if (t->choice_sel)
				t->choice_sel--;
		} else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
			if (t->choice_sel + 1 < t->nchoices)
				t->choice_sel++;
		} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r')))
			picked(t);
		return true;
	}
	if (t->overlay == OVERLAY_PROMPT) {
		if (!is_key && ch == 27) {
			t->overlay = OVERLAY_NONE;
		} else if ((is_key && ch == KEY_ENTER) || (!is_key && (ch == '\n' || ch == '\r'))) {
			t->overlay = OVERLAY_NONE;
			save_template(t, line_text(&t->prompt));
		} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
			line_backspace(&t->prompt);
		} else if (is_key && ch == KEY_LEFT) {
			line_left(&t->prompt);
		} else if (is_key && ch == KEY_RIGHT) {
			line_right(&t->prompt);
		} else if (!is_key && ch >= 0x20) {
			char mb[8];
			int n = wctomb(mb, (wchar_t)ch);
			if (n > 0)
				line_insert(&t->prompt, mb, (size_t)n);
		}
		return true;
	}
	return false;
}
