/* session.c - the console's model: every action a person can take, each
 * checked against the invariants in session.h before it runs.  The form and
 * its edits are session_form.c's, the drafts session_drafts.c's, the profile
 * and its editor session_profile.c's, sending and replaying session_send.c's
 * (session_internal.h). */
#include "session.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "history/history_record.h"
#include "profile/template.h"
#include "session_internal.h"

/* ------------------------------------------------------------------ */
/* The action table */

static const struct {
	const char *name, *key, *ctrl, *label, *help;
} actions[] = {
#define SESSION_X(id, name, key, ctrl, label, what) {name, key, ctrl, label, what},
    SESSION_ACTION_TABLE(SESSION_X)
#undef SESSION_X
};

static const unsigned req_flags[] = {
#define SESSION_X(id, flags) flags,
    SESSION_REQ_TABLE(SESSION_X)
#undef SESSION_X
};

const char *session_action_name(enum session_action a)
{
	return actions[a].name;
}

const char *session_action_key(enum session_action a)
{
	return actions[a].key;
}

const char *session_action_ctrl(enum session_action a)
{
	return actions[a].ctrl;
}

const char *session_action_help(enum session_action a)
{
	return actions[a].help;
}

const char *session_action_label(enum session_action a)
{
	return actions[a].label;
}

/* ------------------------------------------------------------------ */
/* Status */

void session_say(struct console_session *s, bool error, const char *fmt, ...)
{
	const char *home = getenv("HOME");
	size_t hlen = home ? strlen(home) : 0;
	char *at;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->status.text, sizeof(s->status.text), fmt, ap);
	va_end(ap);
	s->status.error = error;
	s->status.from_problems = false;
	s->status.until_ms =
	    topc_monotonic_ms() + (error ? SESSION_STATUS_ERROR_MS : SESSION_STATUS_INFO_MS);
	/* one line at 80 columns: paths under $HOME as ~/... */
	while (hlen > 1 && (at = strstr(s->status.text, home)) && at[hlen] == '/') {
		memmove(at + 1, at + hlen, strlen(at + hlen) + 1);
		*at = '~';
	}
}

const char *session_status(const struct console_session *s, int64_t now_ms, bool *error)
{
	if (!s->status.text[0] || now_ms >= s->status.until_ms)
		return NULL;
	*error = s->status.error;
	return s->status.text;
}

enum session_result session_refuse(struct console_session *s, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	session_say(s, true, "%s", msg);
	return SESSION_REFUSED;
}

/* ------------------------------------------------------------------ */
/* Answers */

static void answer_drop(struct console_session *s)
{
	topc_buf_reset(&s->answer.own);
	topc_buf_reset(&s->answer.own_headers);
	free(s->answer.advice);
	s->answer.advice = NULL;
	topc_transfer_free(s->answer.held);
	s->answer.held = NULL;
	s->answer.data = "";
	s->answer.len = 0;
	s->answer.headers = NULL;
	s->answer.headers_len = 0;
}

/* The pane's title and text; title NULL: "". */
static void answer_title(struct console_session *s, const char *title, bool bad, bool from_server)
{
	free(s->answer.title);
	s->answer.title = strdup(title ? title : "");
	s->answer.bad = bad;
	s->answer.from_server = from_server;
	s->answer.serial++;
}

void session_show(struct console_session *s, const char *title, bool bad, const char *body,
		  size_t len, bool from_server)
{
	answer_drop(s);
	answer_title(s, title, bad, from_server);
	if (body && len && topc_buf_add(&s->answer.own, body, len) != TOPC_OK) {
		/* never a cut answer: none, and the title says why */
		free(s->answer.title);
		s->answer.title = topc_strf(_("%s  (too large to keep here: see the history)"),
					    title ? title : "");
		topc_buf_reset(&s->answer.own);
	}
	s->answer.data = topc_buf_str(&s->answer.own);
	s->answer.len = s->answer.own.len;
}

void session_show_transfer(struct console_session *s, const char *title, bool bad,
			   struct topc_transfer *x)
{
	const struct topc_http_response *resp = topc_transfer_response(x);

	answer_drop(s);
	answer_title(s, title, bad, true);
	s->answer.held = x;
	s->answer.data = resp->body.len ? resp->body.data : "";
	s->answer.len = resp->body.len;
	s->answer.headers = resp->headers.len ? resp->headers.data : NULL;
	s->answer.headers_len = resp->headers.len;
}

/* ------------------------------------------------------------------ */
/* Templates */

static enum session_result template_load(struct console_session *s, const char *name)
{
	struct topc_template tpl;
	struct topc_error err = {0};

	if (!s->method)
		return session_refuse(s, _("choose an API first"));
	if (topc_template_load(name, &tpl, &err) != TOPC_OK)
		return session_refuse(s, "%s", err.msg);
	if (strcmp(tpl.method, s->method) != 0) {
		topc_template_release(&tpl);
		return session_refuse(s, "template %s is for %s, not %s", name, tpl.method,
				      s->method);
	}
	session_edit_close(s);
	topc_params_release(&s->values);
	topc_params_init(&s->values);
	topc_params_copy(&s->values, &tpl.values);
	s->origin_id = 0;
	s->dirty = false;
	session_validate(s);
	session_draft_keep(s);
	session_say(s, false, _("template %s loaded; ${...} values are computed at each send"),
		    tpl.name);
	topc_template_release(&tpl);
	return SESSION_DONE;
}

/* replace: the person said yes to needs_confirm's question (one of that
 * name exists); without it one made since is refused, never replaced */
static enum session_result template_save(struct console_session *s, const char *name, bool replace)
{
	struct topc_template tpl;
	struct topc_error err = {0};
	enum session_result r = SESSION_DONE;

	if (!s->method || s->editing_profile)
		return session_refuse(s, _("choose an API first"));
	topc_template_init(&tpl);
	tpl.name = strdup(name);
	tpl.method = strdup(s->method);
	topc_params_copy(&tpl.values, &s->values);
	if (topc_template_save(&tpl, replace, &err) != TOPC_OK)
		r = session_refuse(s, "%s", err.msg);
	else
		session_say(s, false, _("saved template %s (%zu values)"), name, tpl.values.count);
	topc_template_release(&tpl);
	return r;
}

/* ------------------------------------------------------------------ */
/* Requests */

static enum session_result ask(struct console_session *s, enum session_req r,
			       const struct session_arg *a, const char *question)
{
	free(s->ask.path);
	free(s->ask.text);
	s->ask.path = a && a->path ? strdup(a->path) : NULL;
	s->ask.text = a && a->text ? strdup(a->text) : NULL;
	s->ask.arg = a ? *a : (struct session_arg){.elem = -1};
	s->ask.arg.path = s->ask.path;
	s->ask.arg.text = s->ask.text;
	s->ask.req = r;
	s->ask.pending = true;
	snprintf(s->ask.question, sizeof(s->ask.question), "%s (y/n)", question);
	return SESSION_ASK;
}

static bool take_profile(const struct topc_history_entry *e, void *ctx)
{
	*(char **)ctx = e->profile ? strdup(e->profile) : NULL;
	return false; /* the one asked for */
}

/* A replay goes to the console's profile (its client): when entry id was
 * sent to another profile, the question names both.  false when the entry
 * cannot be read (the replay then says why) or its profile is this one.
 * Only the entry's row is read, never its body. */
static bool replay_elsewhere(const struct console_session *s, int64_t id, char *q, size_t n)
{
	struct topc_history_filter f;
	struct topc_error err = {0};
	char *profile = NULL;
	bool other;

	if (!s->history || !id || !s->profile_name)
		return false;
	topc_history_filter_init(&f);
	f.ids = &id;
	f.nids = 1;
	other =
	    topc_history_query(s->history, &f, false, take_profile, &profile, &err) == TOPC_OK &&
	    profile && strcmp(profile, s->profile_name) != 0;
	if (other)
		snprintf(q, n, _("entry %lld was sent with profile %s: send it with profile %s?"),
			 (long long)id, profile, s->profile_name);
	free(profile);
	return other;
}

static bool take_method(const struct topc_history_entry *e, void *ctx)
{
	*(char **)ctx = e->method ? strdup(e->method) : NULL;
	return false; /* the one asked for */
}

/* Whether loading entry id replaces changes not sent, and the question:
 * the form's own when the entry is of its API, else the draft kept of the
 * entry's API (loading switches to it).  Only the entry's row is read. */
static bool load_replaces_unsent(const struct console_session *s, int64_t id, char *q, size_t n)
{
	struct topc_history_filter f;
	struct topc_error err = {0};
	char *method = NULL, key[300];
	const char *draft, *unsent;
	bool replaces;

	topc_history_filter_init(&f);
	f.ids = &id;
	f.nids = 1;
	if (!s->history || !id ||
	    topc_history_query(s->history, &f, false, take_method, &method, &err) != TOPC_OK ||
	    !method || (s->method && strcmp(method, s->method) == 0)) {
		free(method);
		snprintf(q, n, _("the form has changes not sent: replace them?"));
		return s->dirty && s->values.count;
	}
	draft = topc_params_get(&s->drafts, method);
	unsent =
	    session_unsent_key(method, key, sizeof(key)) ? topc_params_get(&s->drafts, key) : NULL;
	replaces = draft && *draft && (!unsent || strcmp(unsent, "0") != 0);
	if (replaces)
		snprintf(q, n, _("the draft of %s has changes not sent: replace them?"), method);
	free(method);
	return replaces;
}

/* Whether r, asked now, needs a yes first. */
static bool needs_confirm(const struct console_session *s, enum session_req r,
			  const struct session_arg *a, char *q, size_t n)
{
	if ((r == SESSION_REQ_REPLAY_FRESH || r == SESSION_REQ_REPLAY_EXACT) && a &&
	    replay_elsewhere(s, a->id, q, n))
		return true;
	if (r == SESSION_REQ_QUIT && s->transfer) {
		snprintf(q, n, _("a request is in flight: cancel it and quit?"));
		return true;
	}
	if (r == SESSION_REQ_QUIT && s->editing_profile && s->dirty) {
		snprintf(q, n, _("the profile editor has changes not saved: quit without them?"));
		return true;
	}
	if (r == SESSION_REQ_TEMPLATE_LOAD && s->dirty && s->values.count && !s->editing_profile) {
		snprintf(q, n, _("the form has changes not sent: replace them?"));
		return true;
	}
	if (r == SESSION_REQ_LOAD_ENTRY && a && !s->editing_profile &&
	    load_replaces_unsent(s, a->id, q, n))
		return true;
	if (r == SESSION_REQ_TEMPLATE_SAVE && a && a->text && s->method && !s->editing_profile &&
	    topc_template_exists(a->text)) {
		snprintf(q, n, _("template %s exists: replace it?"), a->text);
		return true;
	}
	if (r == SESSION_REQ_PROFILE_EDIT && s->editing_profile && s->dirty) {
		snprintf(q, n, _("leave the profile editor without saving the changes?"));
		return true;
	}
	return false;
}

static enum session_result run(struct console_session *s, enum session_req r,
			       const struct session_arg *a, bool confirmed)
{
	static const struct session_arg none = {.elem = -1};

	if (!a)
		a = &none;
	switch (r) {
	case SESSION_REQ_SEND:
		if (s->editing_profile)
			return session_profile_save(s);
		return session_send_form(s);
	case SESSION_REQ_CANCEL:
		if (!s->transfer)
			return SESSION_DONE;
		/* the answer may have come in since the last step: then it is
		 * shown and kept as it came, not as cancelled */
		if (topc_transport_cancel(s->client.transport, s->transfer))
			session_say(s, false, _("cancelled"));
		else
			session_say(s, false, _("the answer came before the cancel"));
		return SESSION_DONE;
	case SESSION_REQ_SELECT_METHOD:
		if (!a->text || !topc_form_store_get(&s->forms, a->text))
			return session_refuse(s, _("no form for %s"), a->text ? a->text : "(none)");
		if (!s->method || strcmp(s->method, a->text) != 0)
			session_select_method(s, a->text);
		return SESSION_DONE;
	case SESSION_REQ_SET_VALUE:
		return a->path ? session_set_value(s, a->path, a->text ? a->text : "")
			       : session_refuse(s, "no field");
	case SESSION_REQ_REMOVE_ELEMENT:
		return a->path ? session_set_element(s, a->path, a->elem, false, NULL)
			       : session_refuse(s, "no field");
	case SESSION_REQ_EDIT_OPEN:
		return session_edit_open(s, a);
	case SESSION_REQ_EDIT_COMMIT:
		return session_edit_commit(s);
	case SESSION_REQ_EDIT_CANCEL:
		session_edit_close(s);
		return SESSION_DONE;
	case SESSION_REQ_PROFILE_SWITCH:
		if (!a->text)
			return session_refuse(s, _("no profile named"));
		if (!session_load_profile(s, a->text))
			return SESSION_REFUSED;
		if (!session_client(s, NULL))
			return SESSION_REFUSED;
		session_remember_profile(a->text);
		session_validate(s);
		session_say(s, false, "profile %s: %s", s->profile_name, s->profile.gateway_shown);
		return SESSION_DONE;
	case SESSION_REQ_TEMPLATE_LOAD:
		return a->text ? template_load(s, a->text)
			       : session_refuse(s, _("no template named"));
	case SESSION_REQ_TEMPLATE_SAVE:
		return a->text ? template_save(s, a->text, confirmed)
			       : session_refuse(s, _("no template named"));
	case SESSION_REQ_PROFILE_EDIT:
		if (!s->editing_profile)
			return session_profile_editor_open(s);
		session_profile_editor_leave(s);
		session_say(s, false, _("left the profile editor; nothing saved"));
		return SESSION_DONE;
	case SESSION_REQ_PROFILE_SAVE:
		return s->editing_profile ? session_profile_save(s)
					  : session_refuse(s, _("the profile editor is closed"));
	case SESSION_REQ_LOAD_ENTRY:
		return session_load_entry(s, a->id);
	case SESSION_REQ_OPEN_ENTRY:
		return session_open_entry(s, a->id);
	case SESSION_REQ_REPLAY_FRESH:
	case SESSION_REQ_REPLAY_EXACT:
		if (s->transfer)
			return session_refuse(s, _("a request is in flight; Esc cancels it"));
		return session_replay(s, a->id, r == SESSION_REQ_REPLAY_EXACT);
	case SESSION_REQ_SELECT_ENTRY:
		s->hist_sel_id = a->id;
		return SESSION_DONE;
	case SESSION_REQ_QUIT:
		session_cancel_and_finish(s);
		if (s->editing_profile)
			session_profile_editor_leave(s);
		session_draft_keep(s);
		s->quit = true;
		return SESSION_DONE;
	case SESSION_REQ_COUNT:
		break;
	}
	return session_refuse(s, _("unknown request"));
}

/* The one place every request goes through: the invariants, then the
 * question if it needs one, then the request itself. */
static enum session_result check_and_run(struct console_session *s, enum session_req r,
					 const struct session_arg *a, bool confirmed)
{
	unsigned flags = req_flags[r];
	char question[200];

	if (s->transfer && (flags & (SESSION_FORM | SESSION_PROFILE)))
		return session_refuse(s,
				      _("a request is in flight: Esc cancels it; then try again"));
	if (s->transfer && r == SESSION_REQ_SEND)
		return session_refuse(s, _("a request is in flight; Esc cancels it"));
	if (s->editing_profile &&
	    (r == SESSION_REQ_SELECT_METHOD || r == SESSION_REQ_TEMPLATE_LOAD ||
	     r == SESSION_REQ_TEMPLATE_SAVE || r == SESSION_REQ_LOAD_ENTRY ||
	     r == SESSION_REQ_PROFILE_SWITCH || r == SESSION_REQ_REPLAY_FRESH ||
	     r == SESSION_REQ_REPLAY_EXACT))
		return session_refuse(s,
				      _("the profile editor is open: F5 saves it, F7 leaves it"));
	if ((flags & SESSION_COMMITS) && s->edit.open && session_edit_commit(s) != SESSION_DONE)
		return SESSION_REFUSED; /* the reason is in the status; nothing signed */
	if (r == SESSION_REQ_QUIT && s->edit.open && session_edit_commit(s) != SESSION_DONE)
		session_edit_close(s); /* quitting is never refused: the draft keeps the rest */
	if (!confirmed && needs_confirm(s, r, a, question, sizeof(question)))
		return ask(s, r, a, question);
	return run(s, r, a, confirmed);
}

enum session_result session_request(struct console_session *s, enum session_req r,
				    const struct session_arg *arg)
{
	if ((unsigned)r >= SESSION_REQ_COUNT)
		return SESSION_REFUSED;
	/* a new request drops a question left unanswered */
	s->ask.pending = false;
	return check_and_run(s, r, arg, false);
}

enum session_result session_answer(struct console_session *s, bool yes)
{
	if (!s->ask.pending)
		return SESSION_DONE;
	s->ask.pending = false;
	if (!yes) {
		session_say(s, false, _("nothing done"));
		return SESSION_DONE;
	}
	return check_and_run(s, s->ask.req, &s->ask.arg, true);
}

void session_hangup(struct console_session *s)
{
	s->ask.pending = false;
	check_and_run(s, SESSION_REQ_QUIT, NULL, true);
}

/* ------------------------------------------------------------------ */
/* Life */

static bool take_id(const struct topc_history_entry *e, void *ctx)
{
	*(int64_t *)ctx = e->id;
	return true; /* limit 1: the newest only */
}

/* The history's selection starts on the newest entry, as the pane shows. */
static void select_newest(struct console_session *s)
{
	struct topc_history_filter f;
	struct topc_error err = {0};
	int64_t id = 0;

	topc_history_filter_init(&f);
	f.limit = 1;
	if (topc_history_query(s->history, &f, false, take_id, &id, &err) == TOPC_OK)
		s->hist_sel_id = id;
}

/* A form file that does not load leaves its API out of the list: said, as
 * the command line warns, with the first one's file and line (a profile or
 * history problem said after it is the one shown). */
static void say_forms_not_loaded(struct console_session *s)
{
	const char *first = NULL;
	size_t bad = 0;

	for (size_t i = 0; i < s->forms.count; i++)
		if (!s->forms.items[i].ok && !bad++)
			first = s->forms.items[i].problem;
	if (bad)
		session_say(s, true,
			    P_("%zu form not loaded, its API is left out: %s",
			       "%zu forms not loaded, their APIs are left out; the first: %s", bad),
			    bad, first ? first : "");
}

bool session_init(struct console_session *s, const char *profile_name, struct topc_error *err)
{
	char *remembered = profile_name ? NULL : session_remembered_profile();
	struct topc_error herr = {0};

	memset(s, 0, sizeof(*s));
	topc_profile_init(&s->profile);
	topc_params_init(&s->values);
	topc_params_init(&s->drafts);
	topc_params_init(&s->drafts_changed);
	topc_params_init(&s->stash.values);
	topc_form_problems_init(&s->problems);
	topc_request_init(&s->sent.req);
	topc_params_init(&s->sent.values);
	topc_params_init(&s->sent.generators);
	topc_outcome_init(&s->last);
	topc_buf_init(&s->answer.own, 0);
	topc_buf_init(&s->answer.own_headers, 0);
	s->answer.data = "";
	lineedit_init(&s->edit.line, "");
	s->edit.elem = -1;
	topc_form_store_init(&s->forms);
	if (topc_form_store_load(&s->forms, err) != TOPC_OK) {
		free(remembered);
		return false;
	}
	if (topc_history_open(NULL, &s->history, NULL, &herr) != TOPC_OK)
		s->history = NULL; /* the console works without it; the status says so */
	say_forms_not_loaded(s);
	session_drafts_load(s);
	if (!session_load_profile(s, profile_name ? profile_name
				     : remembered ? remembered
						  : "local") &&
	    !profile_name)
		session_load_profile(s, "local");
	free(remembered);
	/* the console opens on the API it was left on */
	if (topc_params_get(&s->drafts, SESSION_LAST_METHOD) &&
	    topc_form_store_get(&s->forms, topc_params_get(&s->drafts, SESSION_LAST_METHOD)))
		session_select_method(s, topc_params_get(&s->drafts, SESSION_LAST_METHOD));
	if (!s->history)
		session_say(s, true, _("history not kept: %s"), herr.msg);
	else
		select_newest(s);
	return true;
}

void session_release(struct console_session *s)
{
	if (s->transfer)
		session_cancel_and_finish(s);
	if (s->editing_profile)
		session_profile_editor_leave(s);
	if (s->have_client)
		topc_client_release(&s->client);
	topc_profile_release(&s->profile);
	topc_form_store_release(&s->forms);
	topc_history_close(s->history);
	if (s->have_profile_form)
		topc_form_release(&s->profile_form);
	topc_params_release(&s->values);
	topc_params_release(&s->drafts);
	topc_params_release(&s->drafts_changed);
	topc_params_release(&s->stash.values);
	topc_form_problems_release(&s->problems);
	session_sent_release(&s->sent);
	topc_outcome_release(&s->last);
	answer_drop(s);
	topc_buf_release(&s->answer.own);
	topc_buf_release(&s->answer.own_headers);
	free(s->answer.advice);
	free(s->answer.title);
	lineedit_release(&s->edit.line);
	free(s->method);
	free(s->profile_name);
	free(s->drafts_path);
	free(s->ask.path);
	free(s->ask.text);
}
