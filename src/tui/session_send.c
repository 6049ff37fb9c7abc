/* session_send.c - the console's sends: a form or a history entry made
 * into a request, signed, started, finished and recorded as it went out;
 * the signature view of what was sent. */
#include "session.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "top/codes.h"
#include "ext/urlcode.h"
#include "history/compare.h"
#include "history/history_record.h"
#include "history/replay.h"
#include "form/form_wire.h"
#include "profile/template.h"
#include "session_internal.h"
#include "top/sign.h"

static void outcome_title(const struct topc_outcome *o, const struct topc_http_response *r,
			  int64_t id, char *out, size_t n)
{
	int w = snprintf(out, n, "%s", topc_outcome_name(o->cls));

	if (o->http_status && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  HTTP %ld", o->http_status);
	if (r && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  %lld ms", (long long)r->latency_ms);
	if (o->code_text && w > 0 && (size_t)w < n) /* as the answer wrote it */
		w += snprintf(out + w, n - (size_t)w, "  code %s %s", o->code_text,
			      o->msg ? o->msg : "");
	else if (o->has_code && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  code %lld %s", o->code,
			      o->msg ? o->msg : "");
	if (o->sub_code && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  sub_code %s %s", o->sub_code,
			      o->sub_msg ? o->sub_msg : "");
	if (o->request_id && w > 0 && (size_t)w < n)
		w += snprintf(out + w, n - (size_t)w, "  request_id %s", o->request_id);
	if (topc_outcome_detail_shown(o) && w > 0 && (size_t)w < n) /* the reader's language */
		w += snprintf(out + w, n - (size_t)w, "  %s", topc_outcome_detail_shown(o));
	if (id && w > 0 && (size_t)w < n)
		snprintf(out + w, n - (size_t)w, "  entry #%lld", (long long)id);
}

/* ------------------------------------------------------------------ */
/* Sending */

void session_sent_release(struct session_sent *x)
{
	topc_request_release(&x->req);
	topc_params_release(&x->values);
	topc_params_release(&x->generators);
	free(x->method);
	memset(x, 0, sizeof(*x));
	topc_request_init(&x->req);
	topc_params_init(&x->values);
	topc_params_init(&x->generators);
}

/* The fields' values through the form, then the values given directly
 * (system overrides, names the form does not have) on top as they are, as
 * topc replay sends them. */
static bool serialize(struct console_session *s, const struct topc_params *values,
		      struct topc_params *business, struct topc_error *err)
{
	struct topc_params fields, raw;
	bool ok;

	topc_params_init(&fields);
	topc_params_init(&raw);
	ok = topc_replay_split_given(s->form, values, &fields, &raw, err) == TOPC_OK &&
	     topc_form_serialize(s->form, &fields, business, err) == TOPC_OK;
	if (ok && topc_params_copy(business, &raw) != TOPC_OK)
		ok = !topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	topc_params_release(&fields);
	topc_params_release(&raw);
	return ok;
}

/* raw values -> values as sent (generators computed) and the generators
 * apart; business from the form. */
static bool expand(struct console_session *s, const struct topc_params *raw,
		   struct topc_params *values, struct topc_params *generators,
		   struct topc_params *business, struct topc_error *err)
{
	struct topc_template tpl;
	bool ok = session_form_template(s, raw, &tpl) &&
		  topc_template_expand(&tpl, &s->profile, values, err) == TOPC_OK;

	topc_template_release(&tpl);
	for (size_t i = 0; ok && i < raw->count; i++)
		if (topc_template_has_generator(raw->items[i].value))
			ok = topc_params_set(generators, raw->items[i].name, raw->items[i].value) ==
			     TOPC_OK;
	if (ok && s->form)
		ok = serialize(s, values, business, err);
	else if (ok)
		ok = topc_params_copy(business, values) == TOPC_OK;
	return ok;
}

static void record(struct console_session *s, const struct topc_http_response *resp);

/* s->sent as the history keeps it: pending (outcome NULL) before it
 * leaves, then with its outcome over that entry. */
static struct topc_send_record send_record(struct console_session *s,
					   const struct topc_outcome *outcome,
					   const struct topc_http_response *resp)
{
	struct topc_send_record r = {
	    .profile_name = s->profile_name,
	    .profile = &s->profile,
	    .gateway = s->have_client ? s->client.url : s->profile.gateway,
	    .method = s->sent.method,
	    .values = &s->sent.values,
	    .generators = &s->sent.generators,
	    .request = &s->sent.req,
	    .outcome = outcome,
	    .response = resp,
	    .origin_id = s->sent.origin_id,
	    .pending_id = s->sent.entry_id, /* record_pending's, if it kept one */
	};
	return r;
}

/* What is about to go out, as a pending entry (history.h) that the outcome
 * replaces: a console killed mid-send leaves it, shown as pending.  The
 * pane shows it at once. */
static void record_pending(struct console_session *s)
{
	struct topc_send_record r = send_record(s, NULL, NULL);
	struct topc_error err = {0};

	s->sent.entry_id = 0;
	if (!s->history)
		return;
	if (topc_history_record_pending(s->history, &r, 1, &s->sent.entry_id, &err) != TOPC_OK) {
		session_say(s, true, _("not recorded in the history: %s"), err.msg);
		return; /* the outcome is still recorded, when it can be */
	}
	if (s->sent.entry_id) {
		s->hist_serial++;
		if (!s->hist_sel_id)
			s->hist_sel_id = s->sent.entry_id;
	}
}

/* The request could not be started after all: its pending entry says so
 * (transport_error, nothing sent) instead of staying pending. */
static void record_unsent(struct console_session *s, const struct topc_error *err)
{
	topc_outcome_release(&s->last);
	topc_outcome_init(&s->last);
	s->last.cls = TOPC_OUTCOME_TRANSPORT_ERROR;
	topc_outcome_set_detail(&s->last, err->english, err->msg);
	record(s, NULL);
}

/* A send that could not be made (no request built: the profile's secret
 * unreadable, its gateway unusable or a placeholder) kept as topc send
 * keeps it, an invalid_input entry with the values as filled and the
 * reason, never a request; except a refusal for a value that holds a
 * secret (TOPC_ERR_HOLDS_SECRET, or one topc_request_values_hold_secret
 * finds: the request's own refusal never ran), which
 * would keep the secret.  x is released after. */
static void record_unbuilt(struct console_session *s, struct session_sent *x,
			   const struct topc_error *err)
{
	struct topc_outcome out;
	struct topc_send_record r = {
	    .profile_name = s->profile_name,
	    .profile = &s->profile,
	    .gateway = s->have_client ? s->client.url : NULL,
	    .method = x->method,
	    .values = &x->values,
	    .generators = &x->generators,
	    .outcome = &out,
	    .origin_id = x->origin_id,
	};
	struct topc_error herr = {0};
	int64_t id = 0;

	if (s->history && err->code != TOPC_ERR_HOLDS_SECRET && x->method &&
	    !topc_request_values_hold_secret(&s->profile, s->profile.gateway, &x->values)) {
		topc_outcome_init(&out);
		out.cls = TOPC_OUTCOME_INVALID_INPUT;
		topc_outcome_set_detail(&out, err->english, err->msg);
		if (topc_history_record(s->history, &r, &id, &herr) != TOPC_OK)
			session_say(s, true, _("not recorded in the history: %s"), herr.msg);
		else if (id) {
			s->hist_serial++;
			if (!s->hist_sel_id)
				s->hist_sel_id = id;
		}
		topc_outcome_release(&out);
	}
	session_sent_release(x);
}

/* Signs business for method and starts it; the prepared request is kept
 * whole in s->sent until the next send. */
static enum session_result submit(struct console_session *s, const char *method,
				  const struct topc_params *business, struct session_sent *x)
{
	struct topc_http_request h;
	struct topc_error err = {0};

	if (topc_request_check_method(method, &business, 1, false, NULL, &err) != TOPC_OK) {
		/* an entry sent with topc send --any-method, replayed or loaded
		 * into the form: the console has no such opt-in (not recorded:
		 * the form's method is no send of this console) */
		session_sent_release(x);
		return session_refuse(
		    s,
		    _("%s (an option of topc send and topc replay: the console has "
		      "none)"),
		    err.msg);
	}
	if (!session_client(s, &err)) {
		if (err.code) /* a profile that loaded (the status says why) */
			record_unbuilt(s, x, &err);
		else
			session_sent_release(x);
		return SESSION_REFUSED;
	}
	if (topc_client_build(&s->client, method, business, &x->req, &err) != TOPC_OK) {
		record_unbuilt(s, x, &err);
		return session_refuse(s, "%s", err.msg);
	}
	x->req.form =
	    topc_form_store_get(&s->forms, method); /* its success rules read the answer */
	h = topc_client_http(&s->client, &x->req);
	if (s->have_sent)
		session_sent_release(&s->sent);
	s->sent = *x;
	s->have_sent = true;
	record_pending(s);
	if (topc_transport_submit(s->client.transport, &h, NULL, &s->transfer, &err) != TOPC_OK) {
		s->transfer = NULL;
		record_unsent(s, &err);
		return session_refuse(s, "%s", err.msg);
	}
	s->started_ms = topc_monotonic_ms();
	session_say(s, false, "sending %s", method);
	return SESSION_DONE;
}

enum session_result session_send_form(struct console_session *s)
{
	struct session_sent x;
	struct topc_params business;
	struct topc_error err = {0};
	enum session_result r;
	size_t errors, warnings;

	if (!s->method)
		return session_refuse(s, _("choose an API first (the list on the left)"));
	session_validate(s);
	s->show_missing = true;
	/* Formal rules refuse (the SDK's check()); rules read from the page's
	 * prose are warnings, shown and sent, as TOP accepts them: a doc page's
	 * own example must always be sendable. */
	errors = topc_form_problems_count(&s->problems, TOPC_SEVERITY_ERROR);
	warnings = s->problems.count - errors;
	if (errors) {
		const char *first = "";
		for (size_t i = 0; i < s->problems.count && !*first; i++)
			if (s->problems.items[i].severity == TOPC_SEVERITY_ERROR)
				first = s->problems.items[i].msg;
		session_refuse(
		    s,
		    P_("%zu problem; nothing sent: %s", "%zu problems; nothing sent: %s", errors),
		    errors, first);
		s->status.from_problems = true;
		return SESSION_REFUSED;
	}
	memset(&x, 0, sizeof(x));
	topc_request_init(&x.req);
	topc_params_init(&x.values);
	topc_params_init(&x.generators);
	topc_params_init(&business);
	if (!(x.method = strdup(s->method)) ||
	    !expand(s, &s->values, &x.values, &x.generators, &business, &err)) {
		session_sent_release(&x);
		topc_params_release(&business);
		return session_refuse(s, "%s", err.msg[0] ? err.msg : _("out of memory"));
	}
	x.origin_id = s->origin_id;
	r = submit(s, s->method, &business, &x);
	topc_params_release(&business);
	if (r == SESSION_DONE)
		s->dirty = false;
	if (r == SESSION_DONE && warnings)
		session_say(s, false,
			    P_("sending %s with %zu warning from the page's prose: %s",
			       "sending %s with %zu warnings from the page's prose: %s", warnings),
			    s->method, warnings, s->problems.items[0].msg);
	return r;
}

/* A replay's answer against its origin's, as topc replay --compare does
 * (the default ignored fields and the form's), kept with the replay's
 * entry for the history pane's mark. */
static void mark_replay(struct console_session *s, int64_t id,
			const struct topc_http_response *resp)
{
	const struct topc_form *form = topc_form_store_get(&s->forms, s->sent.method);
	const char *ignore[64];
	size_t n = topc_compare_ignore_list(form, ignore, 64);
	struct topc_history_entry origin;
	struct topc_compare_result cmp;
	struct topc_error err = {0};

	if (topc_history_get(s->history, s->sent.origin_id, &origin, &err) != TOPC_OK)
		return; /* the origin is gone: nothing to compare with */
	struct topc_compare_answer before = {origin.body, origin.body_len, origin.outcome},
				   now = {resp->body.data, resp->body.len, s->last.cls};
	if (topc_compare_answers(&before, &now, ignore, n, &cmp) == TOPC_OK) {
		if (topc_history_set_compare(s->history, id, topc_compare_verdict_name(cmp.verdict),
					     &err) != TOPC_OK)
			session_say(s, true, "the replay's comparison was not kept: %s", err.msg);
		topc_compare_result_release(&cmp);
	}
	topc_history_entry_release(&origin);
}

static void record(struct console_session *s, const struct topc_http_response *resp)
{
	struct topc_send_record r = send_record(s, &s->last, resp);
	struct topc_error err = {0};
	int64_t id = 0;

	s->sent.entry_id = 0;
	s->not_recorded = false;
	if (!s->history)
		return;
	if (topc_history_record(s->history, &r, &id, &err) != TOPC_OK) {
		session_say(s, true, _("not recorded in the history: %s"), err.msg);
		s->not_recorded = true;
		return;
	}
	s->sent.entry_id = id;
	if (s->sent.origin_id && resp)
		mark_replay(s, id, resp);
	s->hist_serial++;
	if (!s->hist_sel_id)
		s->hist_sel_id = id;
}

/* For 31 the clock comes first: it is the one thing to check, and the pane
 * shows the advice's first rows */
#define CLOCK_OFF N_("this machine's clock is %+lld s off the gateway's (its Date header: %s); ")

/* The answer's advice, as topc send prints it: the code tables' text in
 * the reader's language, and for 31 this machine's clock against the
 * answer's Date header. */
static void set_advice(struct console_session *s, const struct topc_outcome *o, const char *date)
{
	struct topc_buf b;
	int64_t gateway_s;
	enum topc_status st;

	free(s->answer.advice);
	s->answer.advice = NULL;
	if (o->cls == TOPC_OUTCOME_SUCCESS || o->cls == TOPC_OUTCOME_CANCELLED)
		return;
	topc_buf_init(&b, 1u << 16);
	st = TOPC_OK;
	if (o->has_code && o->code == 31 && date && date[0] &&
	    topc_http_date_parse(date, &gateway_s))
		st = topc_buf_addf(&b, _(CLOCK_OFF), (long long)(topc_now_ms() / 1000 - gateway_s),
				   date);
	if (st == TOPC_OK)
		st = topc_outcome_advice_human(o, &b);
	if (st == TOPC_OK && b.len)
		s->answer.advice = topc_buf_detach(&b, NULL);
	topc_buf_release(&b);
}

static void finish(struct console_session *s, struct topc_transfer *x)
{
	const struct topc_http_response *resp = topc_transfer_response(x);
	char title[1024];

	topc_outcome_release(&s->last);
	topc_outcome_init(&s->last);
	topc_client_classify(&s->sent.req, resp, &s->last);
	if (resp->cancelled) {
		s->last.cls = TOPC_OUTCOME_CANCELLED;
		topc_outcome_set(&s->last.detail, resp->error);
	}
	snprintf(s->last_date, sizeof(s->last_date), "%s", resp->date);
	record(s, resp); /* a cancelled one: its time, no answer (history_record.h) */
	outcome_title(&s->last, resp, s->sent.entry_id, title, sizeof(title));
	if (s->not_recorded)
		; /* that says more */
	else
		session_say(
		    s, s->last.cls != TOPC_OUTCOME_SUCCESS, "%s%s", topc_outcome_name(s->last.cls),
		    s->last.has_code && (s->last.code == 25 || s->last.code == 31)
			? _("; F6 shows the signature and what to check (the request that failed)")
			: "");
	s->transfer = NULL;
	/* recorded first, and shown from the transfer: a large answer is never
	 * in memory three times */
	session_show_transfer(s, title, s->last.cls != TOPC_OUTCOME_SUCCESS, x);
	set_advice(s, &s->last, s->last_date);
}

bool session_in_flight(const struct console_session *s)
{
	return s->transfer != NULL;
}

bool session_wait(struct console_session *s, int fd, int timeout_ms)
{
	if (s->have_client)
		return topc_transport_wait(s->client.transport, &fd, 1,
					   s->transfer ? (timeout_ms < 100 ? timeout_ms : 100)
						       : timeout_ms) > 0;
	struct pollfd keyboard = {.fd = fd, .events = POLLIN};
	return poll(&keyboard, 1, timeout_ms) > 0;
}

bool session_step(struct console_session *s)
{
	struct topc_transfer *x;

	if (!s->have_client || !s->transfer)
		return false;
	topc_transport_step(s->client.transport);
	if (!(x = topc_transport_next_done(s->client.transport)))
		return false;
	finish(s, x);
	return true;
}

/* Cancels and waits for the transfer to end, recording it cancelled. */
void session_cancel_and_finish(struct console_session *s)
{
	struct topc_transfer *x;

	if (!s->transfer)
		return;
	topc_transport_cancel(s->client.transport, s->transfer);
	for (int i = 0; i < 1000 && s->transfer; i++) {
		topc_transport_step(s->client.transport);
		if ((x = topc_transport_next_done(s->client.transport)))
			finish(s, x);
	}
}

/* ------------------------------------------------------------------ */
/* History */

static bool read_entry(struct console_session *s, int64_t id, struct topc_history_entry *e)
{
	struct topc_error err = {0};

	if (!s->history) {
		session_say(s, true, _("this console keeps no history (see the message at start)"));
		return false;
	}
	if (!id) {
		session_say(s, true, _("no history entry selected"));
		return false;
	}
	if (topc_history_get(s->history, id, e, &err) != TOPC_OK) {
		session_say(s, true, "%s", err.msg);
		return false;
	}
	return true;
}

enum session_result session_load_entry(struct console_session *s, int64_t id)
{
	struct topc_history_entry e;
	struct topc_params values;

	if (!read_entry(s, id, &e))
		return SESSION_REFUSED;
	topc_params_init(&values);
	/* what was filled: the values as sent, the generators where there were */
	if (!topc_history_params_from_json(e.values_json ? e.values_json : "{}", &values) ||
	    (e.generators_json && !topc_history_params_from_json(e.generators_json, &values))) {
		topc_params_release(&values);
		topc_history_entry_release(&e);
		return session_refuse(
		    s, _("entry %lld: its values cannot be read; the form is unchanged"),
		    (long long)id);
	}
	session_select_method(s, e.method);
	topc_params_release(&s->values);
	s->values = values;
	s->origin_id = id;
	s->dirty = false;
	session_validate(s);
	session_draft_keep(s);
	session_say(s, false, _("loaded entry %lld into the form"), (long long)id);
	topc_history_entry_release(&e);
	return SESSION_DONE;
}

/* Sends entry id again without touching the form. */
enum session_result session_replay(struct console_session *s, int64_t id, bool exact)
{
	struct topc_history_entry e;
	struct topc_form_problems problems;
	struct topc_params business;
	struct session_sent x;
	struct topc_error err = {0};
	const struct topc_form *form;
	enum session_result r;

	if (!read_entry(s, id, &e))
		return SESSION_REFUSED;
	form = topc_form_store_get(&s->forms, e.method);
	memset(&x, 0, sizeof(x));
	topc_request_init(&x.req);
	topc_params_init(&x.values);
	topc_params_init(&x.generators);
	topc_params_init(&business);
	topc_form_problems_init(&problems);
	x.method = strdup(e.method);
	if (e.generators_json)
		topc_history_params_from_json(e.generators_json, &x.generators);
	if (!x.method || topc_replay_prepare(&e, form, &s->profile,
					     exact ? TOPC_REPLAY_EXACT : TOPC_REPLAY_FRESH,
					     &x.values, &business, &problems, &err) != TOPC_OK) {
		r = session_refuse(s, _("%s%s%s; nothing sent"), err.msg,
				   problems.count ? ": " : "",
				   problems.count ? problems.items[0].msg : "");
		session_sent_release(&x);
	} else {
		x.origin_id = id;
		r = submit(s, e.method, &business, &x);
	}
	topc_form_problems_release(&problems);
	topc_params_release(&business);
	topc_history_entry_release(&e);
	return r;
}

/* The headers kept with entry id, for the headers view (none for entries
 * recorded before they were kept: the view says so). */
static void entry_headers(struct console_session *s, int64_t id)
{
	struct topc_error err = {0};
	bool found = false;

	if (topc_history_headers(s->history, id, &s->answer.own_headers, &found, &err) != TOPC_OK) {
		topc_buf_reset(&s->answer.own_headers);
		session_say(s, true, "%s", err.msg);
		return;
	}
	if (found && s->answer.own_headers.len) {
		s->answer.headers = topc_buf_str(&s->answer.own_headers);
		s->answer.headers_len = s->answer.own_headers.len;
	}
}

/* An entry's advice, from what its answer said (no Date kept: no clock). */
static void entry_advice(struct console_session *s, const struct topc_history_entry *e)
{
	struct topc_outcome o;

	topc_outcome_init(&o);
	o.cls = e->outcome;
	o.http_status = e->http_status;
	o.has_code = e->has_code;
	o.code = e->code;
	topc_outcome_set(&o.msg, e->msg);
	topc_outcome_set(&o.sub_code, e->sub_code);
	topc_outcome_set(&o.sub_msg, e->sub_msg);
	topc_outcome_set(&o.detail, e->detail);
	set_advice(s, &o, NULL);
	topc_outcome_release(&o);
}

enum session_result session_open_entry(struct console_session *s, int64_t id)
{
	struct topc_history_entry e;
	char title[768], when[TOPC_TIMESTAMP_LEN], note[256];

	if (!read_entry(s, id, &e))
		return SESSION_REFUSED;
	topc_timestamp_format(e.time_ms / 1000, when);
	snprintf(title, sizeof(title), "#%lld %s %s  %s%s%s%s%s%s%s", (long long)e.id, when,
		 topc_outcome_name(e.outcome), e.method, e.sub_code ? "  " : "",
		 e.sub_code ? e.sub_code : "", e.sub_msg ? " " : "", e.sub_msg ? e.sub_msg : "",
		 e.request_id ? "  request_id " : "", e.request_id ? e.request_id : "");
	/* a pending entry has neither: what is known of its process */
	topc_history_pending_text(&e, note, sizeof(note));
	session_show(s, title, e.outcome != TOPC_OUTCOME_SUCCESS,
		     e.body	? e.body
		     : e.detail ? e.detail
				: note,
		     e.body ? e.body_len : strlen(e.detail ? e.detail : note), e.body != NULL);
	entry_headers(s, id);
	entry_advice(s, &e);
	topc_history_entry_release(&e);
	return SESSION_DONE;
}

/* ------------------------------------------------------------------ */
/* The signature view */

static enum topc_status explain(bool has_code, long long code, const char *date,
				struct topc_buf *out)
{
	int64_t gateway_s;

	if (has_code && code == 25)
		return topc_buf_adds(out,
				     _("The answer was 25 (invalid signature): check the secret "
				       "and sign_method of this profile, and that every value "
				       "below is exactly what the gateway received.\n\n"));
	if (!has_code || code != 31)
		return TOPC_OK;
	if (date && date[0] && topc_http_date_parse(date, &gateway_s))
		return topc_buf_addf(
		    out,
		    _("The answer was 31 (invalid timestamp): TOP accepts timestamps "
		      "within 10 minutes of its clock, in GMT+8.\nThe gateway's Date "
		      "header was %s: this machine's clock is %+lld s off it.\n\n"),
		    date, (long long)(topc_now_ms() / 1000 - gateway_s));
	return topc_buf_adds(out, _("The answer was 31 (invalid timestamp): TOP accepts timestamps "
				    "within 10 minutes of its clock, in GMT+8.\n\n"));
}

/* params as sent (sign included) shown: canonical string, sign, body. */
static enum topc_status show_params(const struct topc_params *params, struct topc_buf *out)
{
	struct topc_params shown;
	struct topc_buf canon, body;
	enum topc_sign_method m = TOPC_SIGN_MD5;
	const char *sign = topc_params_get(params, "sign"),
		   *ts = topc_params_get(params, "timestamp");
	enum topc_status st = TOPC_OK;

	topc_params_init(&shown);
	topc_buf_init(&canon, 0);
	topc_buf_init(&body, 0);
	if (topc_params_get(params, "sign_method"))
		topc_sign_method_parse(topc_params_get(params, "sign_method"), &m);
	for (size_t i = 0; i < params->count && st == TOPC_OK; i++)
		if (strcmp(params->items[i].name, "sign") != 0)
			st = topc_params_set(&shown, params->items[i].name,
					     topc_request_mask(params->items[i].name,
							       params->items[i].value, false));
	st = st || topc_sign_display(m, &shown, &canon);
	for (size_t i = 0; i < params->count && st == TOPC_OK; i++)
		st = topc_params_set(
		    &shown, params->items[i].name,
		    topc_request_mask(params->items[i].name, params->items[i].value, false));
	st = st || topc_url_form_encode(&shown, &body, NULL);
	st = st ||
	     topc_buf_addf(out,
			   _("timestamp %s   sign_method %s\n\ncanonical string (the secret "
			     "shown as <secret>):\n%s\n\nsignature: %s\n\nbody:\n%s\n"),
			   ts ? ts : _("(none)"), topc_sign_method_name(m), topc_buf_str(&canon),
			   sign ? sign : _("(none)"), topc_buf_str(&body));
	topc_params_release(&shown);
	topc_buf_release(&canon);
	topc_buf_release(&body);
	return st;
}

/* Part 1: the request of entry id, or the last one sent. */
static enum topc_status sent_part(struct console_session *s, int64_t id, struct topc_buf *out)
{
	struct topc_history_entry e;
	struct topc_error err = {0};
	struct topc_params params;
	enum topc_status st;

	if (!id || !s->history || topc_history_get(s->history, id, &e, &err) != TOPC_OK) {
		if (!s->have_sent)
			return topc_buf_adds(out, _("== 1. nothing sent yet in this console\n"));
		if (s->transfer)
			st =
			    topc_buf_addf(out, _("== 1. the request sent last (%s, in flight)\n\n"),
					  s->sent.method);
		else
			st = topc_buf_addf(out, _("== 1. the request sent last (%s, %s)\n\n"),
					   s->sent.method, topc_outcome_name(s->last.cls));
		if (!s->transfer)
			st = st || explain(s->last.has_code, s->last.code, s->last_date, out);
		return st || show_params(&s->sent.req.params, out);
	}
	topc_params_init(&params);
	st = topc_buf_addf(out, _("== 1. the request sent for history entry #%lld (%s, %s)\n\n"),
			   (long long)id, e.method, topc_outcome_name(e.outcome));
	/* the explanation first: it is what a person looks for */
	st = st || explain(e.has_code, e.code,
			   s->have_sent && s->sent.entry_id == id ? s->last_date : NULL, out);
	if (e.params_json && topc_history_params_from_json(e.params_json, &params))
		st = st || show_params(&params, out);
	else
		st = st || topc_buf_adds(out, _("nothing was sent for this entry\n"));
	topc_params_release(&params);
	topc_history_entry_release(&e);
	return st;
}

/* Part 2: what a send of the form would make now. */
static enum topc_status preview_part(struct console_session *s, struct topc_buf *out)
{
	struct session_sent x;
	struct topc_params business;
	struct topc_error err = {0};
	enum topc_status st;

	st =
	    topc_buf_adds(out, _("\n== 2. preview of the current form (not sent; a send signs anew "
				 "with its own timestamp)\n\n"));
	if (!s->method || s->editing_profile)
		return st || topc_buf_adds(out, _("no API chosen\n"));
	if (!session_client(s, NULL)) /* the status says why */
		return st || topc_buf_adds(out, _("no usable profile; F2 (^F) picks one")) ||
		       topc_buf_adds(out, "\n");
	memset(&x, 0, sizeof(x));
	topc_request_init(&x.req);
	topc_params_init(&x.values);
	topc_params_init(&x.generators);
	topc_params_init(&business);
	if (expand(s, &s->values, &x.values, &x.generators, &business, &err) &&
	    topc_client_build(&s->client, s->method, &business, &x.req, &err) == TOPC_OK)
		st = st || show_params(&x.req.params, out);
	else
		st = st ||
		     topc_buf_addf(out, _("the form does not make a request yet: %s\n"), err.msg);
	topc_params_release(&business);
	session_sent_release(&x);
	return st;
}

bool session_export_form(struct console_session *s, enum topc_export_lang lang,
			 struct topc_buf *out, struct topc_error *err)
{
	struct topc_params values, generators, business;
	struct topc_export_request r;
	bool ok;

	if (!s->method || s->editing_profile || !s->have_profile) {
		topc_error_set(err, TOPC_ERR_INPUT, "choose an API first; its form is exported");
		return false;
	}
	if (s->problems.count) {
		topc_error_set(err, TOPC_ERR_INPUT, "the form is not ready to export: %s",
			       s->problems.items[0].msg);
		return false;
	}
	topc_params_init(&values);
	topc_params_init(&generators);
	topc_params_init(&business);
	ok = expand(s, &s->values, &values, &generators, &business, err);
	if (ok) {
		topc_export_request_for_profile(&r, s->method, &business, s->form, &s->profile);
		ok = topc_export_program(&r, lang, out, err) == TOPC_OK;
	}
	topc_params_release(&values);
	topc_params_release(&generators);
	topc_params_release(&business);
	return ok;
}

void session_signature_text(struct console_session *s, int64_t id, struct topc_buf *out)
{
	if (sent_part(s, id, out) != TOPC_OK || preview_part(s, out) != TOPC_OK) {
		topc_buf_reset(out);
		if (topc_buf_adds(out,
				  _("the request is too large to show here; `topc history show` "
				    "has it whole\n")) != TOPC_OK)
			topc_buf_reset(out);
	}
}

bool session_preview_value(const struct console_session *s, const char *value, struct topc_buf *out)
{
	struct topc_template tpl;
	struct topc_params one, got;
	struct topc_error err = {0};
	bool ok;

	topc_params_init(&one);
	topc_params_init(&got);
	ok = topc_params_set(&one, "v", value) == TOPC_OK && session_form_template(s, &one, &tpl) &&
	     topc_template_expand(&tpl, &s->profile, &got, &err) == TOPC_OK;
	if (topc_buf_adds(out, ok ? topc_params_get(&got, "v") : err.msg) != TOPC_OK)
		ok = false; /* the buffer failed: an empty preview */
	topc_template_release(&tpl);
	topc_params_release(&one);
	topc_params_release(&got);
	return ok;
}
