/* tui.c - the console's event loop, layout, and the actions panes share. */
#include "tui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/file.h"
#include "history/history_record.h"
#include "ext/json.h"
#include "base/paths.h"
#include "history/replay.h"
#include "top/request.h"
#include "profile/template.h"
#include "ext/xml.h"
#include "form/form_wire.h"

bool tui_bound(const struct tui *t, enum tui_action a, int ch, bool is_key)
{
	return t->keys[a].code == ch && t->keys[a].is_key == is_key;
}

static const struct view_ops *const views[PANE_COUNT] = {&view_apis, &view_form, &view_response,
							 &view_history};

/* ------------------------------------------------------------------ */
/* Model */

bool tui_load_profile(struct tui *t, const char *name)
{
	struct topc_profile p;
	struct topc_error err = {0};

	topc_profile_init(&p);
	if (topc_profile_load(name, &p, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
		topc_profile_release(&p);
		return false;
	}
	/* the client borrows the profile: it goes first */
	if (t->have_client) {
		topc_client_release(&t->client);
		t->have_client = false;
	}
	topc_profile_release(&t->profile);
	t->profile = p;
	t->have_profile = true;
	free(t->profile_name);
	t->profile_name = strdup(name);
	return true;
}

bool tui_client(struct tui *t)
{
	struct topc_error err = {0};

	if (t->have_client)
		return true;
	if (!t->have_profile) {
		tui_status(t, true, "no usable profile; F2 picks one");
		return false;
	}
	/* in place: the builtin gateway keeps a pointer to the client's forms */
	if (topc_client_init_with_forms(&t->client, &t->profile, &t->forms, &err) != TOPC_OK) {
		tui_status(t, true, "profile \"%s\": %s; F2 picks another", t->profile_name,
			   err.msg);
		return false;
	}
	t->have_client = true;
	return true;
}

void tui_remember_profile(const char *name)
{
	char *path = topc_path_state("console-profile");
	struct topc_error err = {0};

	if (path && strlen(name) < 200)
		topc_file_write_atomic(path, name, strlen(name), 0600, &err);
	free(path);
}

static char *last_profile(void)
{
	char *path = topc_path_state("console-profile");
	struct topc_buf b;
	char *name = NULL;

	topc_buf_init(&b, 256);
	if (path && access(path, R_OK) == 0 && topc_file_read(path, 255, &b, NULL) == TOPC_OK &&
	    b.len)
		name = topc_buf_detach(&b, NULL);
	topc_buf_release(&b);
	free(path);
	return name;
}

/* Values with ${...} are checked as a send would fill them now; ${seq} as
 * 1, so that checking never advances a counter. */
void tui_validate(struct tui *t)
{
	struct topc_template tpl;
	struct topc_params preview;
	struct topc_error err = {0};

	topc_form_problems_release(&t->problems);
	topc_form_problems_init(&t->problems);
	tui_rebuild_rows(t); /* arrays have a row per element */
	if (!t->form)
		return;
	if (t->editing_profile) { /* no generators in a profile */
		topc_form_validate(t->form, &t->values, NULL, &t->problems);
		return;
	}
	topc_template_init(&tpl);
	topc_params_init(&preview);
	tpl.name = strdup("console-preview");
	tpl.method = strdup(t->method);
	for (size_t i = 0; i < t->values.count; i++) {
		const char *v = t->values.items[i].value;
		struct topc_buf text;
		topc_buf_init(&text, 0);
		for (const char *p = v; *p; p++) {
			bool seq = strncmp(p, "${seq}", 6) == 0;
			if (topc_buf_addc(&text, seq ? '1' : *p) != TOPC_OK)
				break; /* the buffer failed: the value is previewed empty */
			p += seq ? 5 : 0;
		}
		topc_params_set(&tpl.values, t->values.items[i].name, topc_buf_str(&text));
		topc_buf_release(&text);
	}
	if (topc_template_expand(&tpl, &t->profile, &preview, &err) != TOPC_OK) {
		/* an unknown generator or unset variable: the raw values say where */
		topc_params_release(&preview);
		topc_params_init(&preview);
		topc_params_copy(&preview, &t->values);
	}
	topc_form_validate(t->form, &preview, NULL, &t->problems);
	topc_params_release(&preview);
	topc_template_release(&tpl);
}

void tui_select_method(struct tui *t, const char *method)
{
	if (tui_profile_editor_blocks(t) || (t->method && strcmp(t->method, method) == 0))
		return;
	free(t->method);
	t->method = strdup(method);
	t->form = topc_form_store_get(&t->forms, method);
	topc_params_release(&t->values);
	topc_params_init(&t->values);
	topc_params_release(&t->collapsed);
	topc_params_init(&t->collapsed);
	t->row_sel = t->row_top = 0;
	t->origin_id = 0;
	t->show_missing = false;
	tui_validate(t); /* rebuilds the rows too */
}

/* ------------------------------------------------------------------ */
/* Response pane content */

void tui_show_response(struct tui *t, const char *title, bool bad, const char *body, size_t len)
{
	struct topc_buf pretty;
	size_t n = 1;

	free(t->resp_title);
	free(t->resp_text);
	free(t->resp_lines);
	t->resp_text = NULL;
	t->resp_title = strdup(title ? title : "");
	t->resp_title_bad = bad;
	topc_buf_init(&pretty, 0);
	if (body && len) {
		size_t i = 0;
		enum topc_status st;
		while (i < len && strchr(" \t\r\n", body[i]))
			i++;
		/* libxml2 builds a tree (several times the text): large XML as it came */
		if (i < len && body[i] == '<' && len <= TUI_XML_PRETTY_MAX)
			st = topc_xml_pretty(body, len, &pretty);
		else
			st = topc_json_pretty(body, len, &pretty);
		if (st == TOPC_ERR_NOMEM) {
			/* re-indented it would pass the buffer's cap: the text as it
			 * came, never a cut one, and the title says so */
			char *longer = topc_strf("%s  (too large to re-indent: shown as received)",
						 t->resp_title ? t->resp_title : "");
			if (longer) {
				free(t->resp_title);
				t->resp_title = longer;
			}
			t->resp_text = strndup(body, len);
		}
	}
	if (!t->resp_text)
		t->resp_text = topc_buf_detach(&pretty, NULL);
	else
		topc_buf_release(&pretty);
	if (!t->resp_text)
		t->resp_text = strdup("");
	for (const char *p = t->resp_text; (p = strchr(p, '\n')); p++)
		n++;
	t->resp_lines = malloc(n * sizeof(*t->resp_lines));
	t->resp_nlines = 0;
	if (t->resp_lines) {
		t->resp_lines[t->resp_nlines++] = 0;
		for (const char *p = t->resp_text; (p = strchr(p, '\n')); p++)
			t->resp_lines[t->resp_nlines++] = (size_t)(p - t->resp_text) + 1;
	}
	t->resp_top = 0;
}

static void outcome_title(const struct topc_outcome *o, const struct topc_http_response *r,
			  char *out, size_t n)
{
	int w = snprintf(out, n, "%s", topc_outcome_name(o->cls));

	if (o->http_status && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  HTTP %ld", o->http_status);
	if (r && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  %lld ms", (long long)r->latency_ms);
	if (o->has_code && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  code %lld %s", o->code,
			      o->msg ? o->msg : "");
	if (o->sub_code && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  sub_code %s %s", o->sub_code,
			      o->sub_msg ? o->sub_msg : "");
	if (o->request_id && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  request_id %s", o->request_id);
	if (o->detail && w > 0 && (size_t)w < n)
		snprintf(out + w, n - (size_t)w, "  %s", o->detail);
}

/* ------------------------------------------------------------------ */
/* History pane content */

static bool hist_add(const struct topc_history_entry *e, void *ctx)
{
	struct tui *t = ctx;
	struct hist_row *more = realloc(t->hist, (t->nhist + 1) * sizeof(*more));
	char when[TOPC_TIMESTAMP_LEN], code[96] = "";

	if (!more)
		return false;
	t->hist = more;
	topc_timestamp_format(e->time_ms / 1000, when);
	if (e->has_code)
		snprintf(code, sizeof(code), " %lld %s", e->code, e->sub_code ? e->sub_code : "");
	more[t->nhist].id = e->id;
	/* the method without its common taobao. prefix; the outcome first, so it
	 * shows in a narrow pane */
	snprintf(more[t->nhist].text, sizeof(more[t->nhist].text), "%lld %s %s %s%s",
		 (long long)e->id, when + 11,
		 e->outcome == TOPC_OUTCOME_SUCCESS ? "ok" : topc_outcome_name(e->outcome),
		 strncmp(e->method, "taobao.", 7) == 0 ? e->method + 7 : e->method, code);
	t->nhist++;
	return true;
}

void tui_history_reload(struct tui *t)
{
	struct topc_history_filter f;
	struct topc_error err = {0};

	free(t->hist);
	t->hist = NULL;
	t->nhist = 0;
	if (!t->history)
		return;
	topc_history_filter_init(&f);
	f.limit = 500;
	f.grep = t->hist_filter[0] ? t->hist_filter : NULL;
	if (topc_history_query(t->history, &f, false, hist_add, t, &err) != TOPC_OK)
		tui_status(t, true, "%s", err.msg);
	if (t->hist_sel >= t->nhist)
		t->hist_sel = t->nhist ? t->nhist - 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Sending */

static void record(struct tui *t, const struct topc_request *req, const struct topc_outcome *o,
		   const struct topc_http_response *resp)
{
	struct topc_send_record r = {
	    .profile_name = t->profile_name,
	    .profile = &t->profile,
	    .gateway = t->have_client ? t->client.url : t->profile.gateway,
	    .method = t->method,
	    .values = &t->values,
	    .request = req,
	    .outcome = o,
	    .response = resp,
	    .origin_id = t->origin_id,
	};
	struct topc_error err = {0};
	int64_t id;

	if (!t->history || topc_history_record(t->history, &r, &id, &err) != TOPC_OK)
		return;
	tui_history_reload(t);
}

/* The form's values with ${...} computed, then serialized. */
static bool business_params(struct tui *t, struct topc_params *business, struct topc_error *err)
{
	struct topc_template tpl;
	struct topc_params expanded;
	bool ok;

	topc_template_init(&tpl);
	topc_params_init(&expanded);
	tpl.name = strdup("console");
	tpl.method = strdup(t->method);
	ok = topc_params_copy(&tpl.values, &t->values) == TOPC_OK &&
	     topc_template_expand(&tpl, &t->profile, &expanded, err) == TOPC_OK;
	if (ok && t->form)
		ok = topc_form_serialize(t->form, &expanded, business, err) == TOPC_OK;
	else if (ok)
		ok = topc_params_copy(business, &expanded) == TOPC_OK;
	topc_params_release(&expanded);
	topc_template_release(&tpl);
	return ok;
}

/* Builds the request for the form as it stands; false (status set) when it
 * cannot be. */
bool tui_build_request(struct tui *t, const struct topc_params *business_override,
		       struct topc_request *req)
{
	struct topc_params business;
	struct topc_error err = {0};
	bool ok;

	if (!t->method) {
		tui_status(t, true, "choose an API first (the list on the left)");
		return false;
	}
	if (!tui_client(t))
		return false;
	topc_params_init(&business);
	ok = business_override ? topc_params_copy(&business, business_override) == TOPC_OK
			       : business_params(t, &business, &err);
	ok = ok && topc_client_build(&t->client, t->method, &business, req, &err) == TOPC_OK;
	req->form = t->form; /* its success rules read the answer */
	if (!ok)
		tui_status(t, true, "%s", err.msg);
	topc_params_release(&business);
	return ok;
}

void tui_send(struct tui *t, const struct topc_params *business_override)
{
	struct topc_http_request h;
	struct topc_error err = {0};

	if (t->inflight) {
		tui_status(t, true, "a request is in flight; Esc cancels it");
		return;
	}
	tui_validate(t);
	t->show_missing = true;
	if (!business_override && t->problems.count) {
		/* the first problem gets the focus */
		for (size_t i = 0; i < t->nrows; i++)
			if (strcmp(t->rows[i].path, t->problems.items[0].path) == 0)
				t->row_sel = i;
		t->focus = PANE_FORM;
		tui_status(t, true, "%zu problem%s; nothing sent: %s", t->problems.count,
			   t->problems.count == 1 ? "" : "s", t->problems.items[0].msg);
		return;
	}
	topc_request_release(&t->req);
	topc_request_init(&t->req);
	if (!tui_build_request(t, business_override, &t->req))
		return;
	h = topc_client_http(&t->client, &t->req);
	if (topc_transport_submit(t->client.transport, &h, NULL, &t->inflight, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	t->started_ms = topc_monotonic_ms();
	tui_status(t, false, "sending %s", t->method);
}

static void finish_send(struct tui *t, struct topc_transfer *x)
{
	const struct topc_http_response *resp = topc_transfer_response(x);
	char title[1024];

	topc_outcome_release(&t->last);
	topc_outcome_init(&t->last);
	topc_client_classify(&t->req, resp, &t->last);
	snprintf(t->last_date, sizeof(t->last_date), "%s", resp->date);
	outcome_title(&t->last, resp, title, sizeof(title));
	/* recorded first: its copy of the body is gone before the viewer's text
	 * is made, so a large answer never sits in memory three times */
	record(t, &t->req, &t->last, resp->cancelled ? NULL : resp);
	tui_show_response(t, title, t->last.cls != TOPC_OUTCOME_SUCCESS, resp->body.data,
			  resp->body.len);
	tui_status(t, t->last.cls != TOPC_OUTCOME_SUCCESS, "%s%s", topc_outcome_name(t->last.cls),
		   t->last.has_code && (t->last.code == 25 || t->last.code == 31)
		       ? "; F6 shows the signature and what to check"
		       : "");
	topc_transfer_free(x);
	t->inflight = NULL;
	t->origin_id = 0;
}

/* Reads entry id for the form; false, with the reason in the status line,
 * when the profile editor is open or the entry cannot be read. */
static bool entry_for_form(struct tui *t, int64_t id, struct topc_history_entry *e)
{
	struct topc_error err = {0};

	if (tui_profile_editor_blocks(t))
		return false;
	if (!t->history) {
		tui_status(t, true, "this console keeps no history (see the message at start)");
		return false;
	}
	if (topc_history_get(t->history, id, e, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
		return false;
	}
	return true;
}

void tui_load_entry(struct tui *t, int64_t id)
{
	struct topc_history_entry e;

	if (!entry_for_form(t, id, &e))
		return;
	free(t->method);
	t->method = NULL;
	tui_select_method(t, e.method);
	if (!topc_history_params_from_json(e.values_json ? e.values_json : "{}", &t->values))
		tui_status(t, true, "entry %lld: its values cannot be read", (long long)id);
	else
		tui_status(t, false, "loaded entry %lld into the form", (long long)id);
	t->origin_id = id;
	tui_validate(t);
	topc_history_entry_release(&e);
	t->focus = PANE_FORM;
}

void tui_replay(struct tui *t, int64_t id, bool exact)
{
	struct topc_history_entry e;
	struct topc_params values, business;
	struct topc_form_problems problems;
	struct topc_error err = {0};

	if (!entry_for_form(t, id, &e))
		return;
	topc_params_init(&values);
	topc_params_init(&business);
	topc_form_problems_init(&problems);
	free(t->method);
	t->method = NULL;
	tui_select_method(t, e.method);
	if (topc_replay_prepare(&e, t->form, &t->profile,
				exact ? TOPC_REPLAY_EXACT : TOPC_REPLAY_FRESH, &values, &business,
				&problems, &err) != TOPC_OK) {
		tui_status(t, true, "%s", problems.count ? problems.items[0].msg : err.msg);
	} else {
		topc_params_release(&t->values);
		t->values = values;
		topc_params_init(&values);
		t->origin_id = id;
		tui_validate(t);
		tui_send(t, &business);
	}
	topc_form_problems_release(&problems);
	topc_params_release(&values);
	topc_params_release(&business);
	topc_history_entry_release(&e);
}

/* ------------------------------------------------------------------ */
/* Layout and drawing */

static void layout(struct tui *t)
{
	int left = COLS * 3 / 10, top_h = (LINES - 2) / 2, form_h = (LINES - 2) * 11 / 20;

	for (int i = 0; i < PANE_COUNT; i++)
		if (t->win[i])
			delwin(t->win[i]);
	memset(t->win, 0, sizeof(t->win));
	t->too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
	if (t->too_small)
		return;
	t->win[PANE_APIS] = newwin(top_h, left, 1, 0);
	t->win[PANE_HISTORY] = newwin(LINES - 2 - top_h, left, 1 + top_h, 0);
	t->win[PANE_FORM] = newwin(form_h, COLS - left - 1, 1, left + 1);
	t->win[PANE_RESPONSE] = newwin(LINES - 2 - form_h, COLS - left - 1, 1 + form_h, left + 1);
}

static void draw_header(struct tui *t)
{
	char head[512];

	snprintf(head, sizeof(head), " topc   profile %s   %s   %s %s ", t->profile_name,
		 t->have_profile ? t->profile.gateway : "(not usable)",
		 topc_sign_method_name(t->profile.sign_method),
		 t->profile.format == TOPC_FORMAT_JSON ? "json" : "xml");
	move(0, 0);
	attron(tui_attr(t, TC_TITLE));
	for (int i = 0; i < COLS; i++)
		addch(' ');
	draw_text(stdscr, 0, 0, COLS, head, (size_t)-1, 0);
	attroff(tui_attr(t, TC_TITLE));
	/* the column between the left and right panes */
	for (int y = 1; y < LINES - 1; y++)
		mvaddch(y, COLS * 3 / 10, ACS_VLINE);
}

static void draw_status(struct tui *t)
{
	static const char spin[] = "|/-\\";
	char line[640];

	move(LINES - 1, 0);
	clrtoeol();
	if (t->inflight)
		snprintf(line, sizeof(line), "%c sending %s  %.1f s  (Esc cancels)",
			 spin[(topc_monotonic_ms() / 100) % 4], t->method,
			 (topc_monotonic_ms() - t->started_ms) / 1000.0);
	else if (t->status[0])
		snprintf(line, sizeof(line), "%s", t->status);
	else {
		char k[TUI_ACTION_COUNT][32];
		for (int a = 0; a < TUI_ACTION_COUNT; a++)
			tui_key_name(&t->keys[a], k[a], sizeof(k[a]));
		snprintf(line, sizeof(line),
			 "%s send  %s pane  %s profile  %s/%s template  %s "
			 "signature  %s help  %s quit",
			 k[TUI_ACTION_SEND], k[TUI_ACTION_NEXT_PANE], k[TUI_ACTION_PROFILE],
			 k[TUI_ACTION_TEMPLATE_LOAD], k[TUI_ACTION_TEMPLATE_SAVE],
			 k[TUI_ACTION_SIGNATURE], k[TUI_ACTION_HELP], k[TUI_ACTION_QUIT]);
	}
	draw_text(stdscr, LINES - 1, 0, COLS, line, (size_t)-1,
		  t->status_error && !t->inflight ? tui_attr(t, TC_ERROR) : tui_attr(t, TC_DIM));
}

static void draw_all(struct tui *t)
{
	erase();
	if (t->too_small) {
		char msg[128];
		snprintf(msg, sizeof(msg), "topc needs at least %dx%d; this terminal is %dx%d",
			 TUI_MIN_COLS, TUI_MIN_LINES, COLS, LINES);
		draw_text(stdscr, LINES / 2, 0, COLS, msg, (size_t)-1, 0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	draw_header(t);
	draw_status(t);
	wnoutrefresh(stdscr);
	for (int i = 0; i < PANE_COUNT; i++) {
		werase(t->win[i]);
		views[i]->draw(t, t->win[i],
			       t->focus == (enum pane)i && t->overlay == OVERLAY_NONE);
		if (t->focus != (enum pane)i)
			wnoutrefresh(t->win[i]);
	}
	/* the focused pane last, so the terminal cursor ends where it edits */
	wnoutrefresh(t->win[t->focus]);
	curs_set(t->editing && t->overlay == OVERLAY_NONE ? 1 : 0);
	if (t->overlay != OVERLAY_NONE)
		tui_draw_overlay(t);
	doupdate();
}

/* ------------------------------------------------------------------ */
/* Keys */

static void global_key(struct tui *t, int ch, bool is_key)
{
	bool typing = t->editing || t->searching || t->hist_filtering || t->focus == PANE_APIS;

	if (t->overlay != OVERLAY_NONE && tui_overlay_key(t, ch, is_key))
		return;
	if (tui_bound(t, TUI_ACTION_QUIT, ch, is_key) || (!is_key && ch == 17)) {
		t->quit = true;
	} else if (tui_bound(t, TUI_ACTION_HELP, ch, is_key) || (!is_key && ch == '?' && !typing)) {
		t->overlay = OVERLAY_HELP;
	} else if (tui_bound(t, TUI_ACTION_PROFILE_EDIT, ch, is_key)) {
		tui_profile_editor(t);
	} else if ((tui_bound(t, TUI_ACTION_SEND, ch, is_key) || (!is_key && ch == 19)) &&
		   t->editing_profile) {
		tui_profile_save(t);
	} else if (t->editing_profile && (tui_bound(t, TUI_ACTION_PROFILE, ch, is_key) ||
					  tui_bound(t, TUI_ACTION_TEMPLATE_LOAD, ch, is_key) ||
					  tui_bound(t, TUI_ACTION_TEMPLATE_SAVE, ch, is_key) ||
					  tui_bound(t, TUI_ACTION_SIGNATURE, ch, is_key))) {
		tui_profile_editor_blocks(t);
	} else if (tui_bound(t, TUI_ACTION_SEND, ch, is_key) || (!is_key && ch == 19)) {
		tui_send(t, NULL);
	} else if (!is_key && ch == 27 && t->inflight) {
		topc_transport_cancel(t->client.transport, t->inflight);
		tui_status(t, false, "cancelled");
	} else if (tui_bound(t, TUI_ACTION_PROFILE, ch, is_key)) {
		tui_open_picker(t, PICK_PROFILE);
	} else if (tui_bound(t, TUI_ACTION_TEMPLATE_LOAD, ch, is_key)) {
		tui_open_picker(t, PICK_TEMPLATE);
	} else if (tui_bound(t, TUI_ACTION_TEMPLATE_SAVE, ch, is_key)) {
		if (!t->method) {
			tui_status(t, true, "choose an API first");
			return;
		}
		line_release(&t->prompt);
		line_init(&t->prompt, "");
		free(t->prompt_label);
		t->prompt_label = strdup("save the form as template named (Enter saves)");
		t->overlay = OVERLAY_PROMPT;
	} else if (tui_bound(t, TUI_ACTION_SIGNATURE, ch, is_key)) {
		tui_open_signature(t);
	} else if (tui_bound(t, TUI_ACTION_NEXT_PANE, ch, is_key) && !t->editing) {
		t->focus = (enum pane)((t->focus + 1) % PANE_COUNT);
	} else if (tui_bound(t, TUI_ACTION_PREV_PANE, ch, is_key) && !t->editing) {
		t->focus = (enum pane)((t->focus + PANE_COUNT - 1) % PANE_COUNT);
	} else if (!views[t->focus]->key(t, ch, is_key) && ch == 'q' && !is_key && !typing) {
		t->quit = true;
	}
}

/* mouse = true in topc.conf: a click focuses the pane under it and picks
 * the line; the wheel moves through the pane under it. */
static void mouse_event(struct tui *t)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || t->overlay != OVERLAY_NONE || t->too_small)
		return;
	for (int i = 0; i < PANE_COUNT; i++) {
		int y = ev.y, x = ev.x;
		if (!t->win[i] || !wmouse_trafo(t->win[i], &y, &x, FALSE))
			continue;
		if (t->editing && t->focus != (enum pane)i)
			return; /* an edit in progress keeps the focus */
		t->focus = (enum pane)i;
		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
			for (int n = 0; n < 3; n++)
				views[i]->key(t, ev.bstate & BUTTON4_PRESSED ? KEY_UP : KEY_DOWN,
					      true);
		else if ((ev.bstate & BUTTON1_PRESSED) && views[i]->click)
			views[i]->click(t, y);
		return;
	}
}

static void read_keys(struct tui *t)
{
	wint_t ch;
	int r;

	while ((r = get_wch(&ch)) != ERR) {
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			layout(t);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			mouse_event(t);
			continue;
		}
		global_key(t, (int)ch, r == KEY_CODE_YES);
		if (t->quit)
			return;
	}
}

static void release(struct tui *t)
{
	if (t->inflight)
		topc_transport_cancel(t->client.transport, t->inflight);
	if (t->have_client)
		topc_client_release(&t->client);
	topc_profile_release(&t->profile);
	topc_form_store_release(&t->forms);
	topc_history_close(t->history);
	if (t->editing_profile)
		tui_profile_editor(t); /* the API's form back in place, to be released */
	if (t->have_profile_form)
		topc_form_release(&t->profile_form);
	topc_params_release(&t->values);
	topc_params_release(&t->collapsed);
	topc_form_problems_release(&t->problems);
	topc_request_release(&t->req);
	topc_outcome_release(&t->last);
	line_release(&t->edit);
	line_release(&t->prompt);
	line_release(&t->search_edit);
	tui_clear_choices(t);
	free(t->apis);
	free(t->rows);
	free(t->hist);
	free(t->method);
	free(t->profile_name);
	free(t->resp_title);
	free(t->resp_text);
	free(t->resp_lines);
	free(t->prompt_label);
	free(t->sig_text);
}

int tui_run(const char *profile_name)
{
	struct tui t;
	struct topc_error err = {0};
	char *remembered = profile_name ? NULL : last_profile();
	int stdin_fd = STDIN_FILENO;

	memset(&t, 0, sizeof(t));
	topc_profile_init(&t.profile);
	topc_params_init(&t.values);
	topc_params_init(&t.collapsed);
	topc_form_problems_init(&t.problems);
	topc_request_init(&t.req);
	topc_outcome_init(&t.last);
	line_init(&t.edit, "");
	line_init(&t.prompt, "");
	line_init(&t.search_edit, "");
	if (topc_form_store_load(&t.forms, &err) != TOPC_OK) {
		fprintf(stderr, "topc: %s\n", err.msg);
		release(&t);
		return 2;
	}
	if (topc_history_open(NULL, &t.history, NULL, &err) != TOPC_OK)
		t.history = NULL; /* the console works without it; the status says so */
	if (!tui_load_profile(&t, profile_name ? profile_name
				  : remembered ? remembered
					       : "local") &&
	    !profile_name)
		tui_load_profile(&t, "local");
	free(remembered);
	if (!t.history)
		tui_status(&t, true, "history not kept: %s", err.msg);
	signal(SIGPIPE, SIG_IGN);
	initscr();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	tui_apply_settings(&t);
	layout(&t);
	tui_apis_refresh(&t);
	tui_history_reload(&t);
	/* for benchmarks: quit once the first full screen is out */
	bool exit_after_draw = getenv("TOPC_CONSOLE_EXIT_AFTER_DRAW") != NULL;

	while (!t.quit) {
		draw_all(&t);
		if (exit_after_draw)
			break;
		/* the keyboard and the transfers, together; the spinner needs a tick */
		if (t.have_client) {
			topc_transport_wait(t.client.transport, &stdin_fd, 1,
					    t.inflight ? 100 : 1000);
		} else {
			struct pollfd keyboard = {.fd = STDIN_FILENO, .events = POLLIN};
			poll(&keyboard, 1, 1000);
		}
		if (t.have_client && t.inflight) {
			struct topc_transfer *x;
			topc_transport_step(t.client.transport);
			if ((x = topc_transport_next_done(t.client.transport)))
				finish_send(&t, x);
		}
		read_keys(&t);
	}
	endwin();
	release(&t);
	return 0;
}
