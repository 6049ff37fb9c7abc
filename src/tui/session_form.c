/* session_form.c - the console's form: its values checked as a send would
 * fill them, the API chosen, and the edits (a value, an array's element,
 * the open line edit) each keeping the invariants of session.h
 * (session_internal.h). */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "history/history_record.h"
#include "history/replay.h"
#include "profile/template.h"
#include "session_internal.h"

/* ------------------------------------------------------------------ */
/* The form */

/* The template the form's values make, for expanding them. */
bool session_form_template(const struct console_session *s, const struct topc_params *values,
			   struct topc_template *tpl)
{
	topc_template_init(tpl);
	tpl->name = strdup("console");
	tpl->method = strdup(s->method ? s->method : "");
	return tpl->name && tpl->method && topc_params_copy(&tpl->values, values) == TOPC_OK;
}

/* Values with ${...} are checked as a send would fill them now; ${seq} as
 * 1, so that checking never advances a counter. */
bool session_value_raw(const struct console_session *s, const char *name)
{
	return s->form && !s->editing_profile && topc_replay_given_raw(s->form, name);
}

/* The values given directly (session_value_raw), for the checks to skip;
 * none when they cannot be told apart (every value is checked then) */
static void raw_values(const struct console_session *s, struct topc_params *raw)
{
	if (topc_replay_split_given(s->form, &s->values, NULL, raw, NULL) != TOPC_OK) {
		topc_params_release(raw);
		topc_params_init(raw);
	}
}

void session_validate(struct console_session *s)
{
	struct topc_template tpl;
	struct topc_params preview, noseq, raw;
	struct topc_error err = {0};

	topc_form_problems_release(&s->problems);
	topc_form_problems_init(&s->problems);
	if (!s->form)
		return;
	if (s->editing_profile) { /* no generators in a profile */
		topc_form_validate(s->form, &s->values, NULL, &s->problems);
		return;
	}
	topc_params_init(&raw);
	raw_values(s, &raw);
	topc_params_init(&preview);
	topc_params_init(&noseq);
	for (size_t i = 0; i < s->values.count; i++) {
		struct topc_buf text;
		if (topc_params_get(&raw, s->values.items[i].name))
			continue; /* not a field's: checked by nobody, sent as given */
		topc_buf_init(&text, 0);
		for (const char *p = s->values.items[i].value; *p; p++) {
			bool seq = strncmp(p, "${seq}", 6) == 0;
			if (topc_buf_addc(&text, seq ? '1' : *p) != TOPC_OK)
				break; /* the buffer failed: the value is previewed empty */
			p += seq ? 5 : 0;
		}
		topc_params_set(&noseq, s->values.items[i].name, topc_buf_str(&text));
		topc_buf_release(&text);
	}
	if (!session_form_template(s, &noseq, &tpl) ||
	    topc_template_expand(&tpl, &s->profile, &preview, &err) != TOPC_OK) {
		/* an unknown generator or unset variable: the raw values say where */
		topc_params_release(&preview);
		topc_params_init(&preview);
		for (size_t i = 0; i < s->values.count; i++)
			if (!topc_params_get(&raw, s->values.items[i].name))
				topc_params_set(&preview, s->values.items[i].name,
						s->values.items[i].value);
	}
	topc_form_validate(s->form, &preview, &raw, &s->problems);
	topc_params_release(&raw);
	topc_params_release(&preview);
	topc_params_release(&noseq);
	topc_template_release(&tpl);
	if (!s->problems.count && s->status.from_problems)
		s->status.text[0] = '\0'; /* its cause is fixed */
}

void session_edit_close(struct console_session *s)
{
	s->edit.open = false;
	lineedit_release(&s->edit.line);
	lineedit_init(&s->edit.line, "");
}

void session_select_method(struct console_session *s, const char *method)
{
	const char *draft;
	char *copy = strdup(method);

	if (!copy)
		return;
	session_draft_keep(s);
	session_edit_close(s);
	free(s->method);
	s->method = copy;
	s->form = topc_form_store_get(&s->forms, method);
	topc_params_release(&s->values);
	topc_params_init(&s->values);
	draft = topc_params_get(&s->drafts, method);
	if (draft && *draft && !topc_history_params_from_json(draft, &s->values)) {
		topc_params_release(&s->values);
		topc_params_init(&s->values);
	}
	s->origin_id = 0;
	s->show_missing = false;
	/* a draft kept from before (another API, an earlier run) keeps its
	 * changes not sent: replacing it asks first (a draft kept before the
	 * mark was, too) */
	{
		char key[300];
		const char *unsent = session_unsent_key(method, key, sizeof(key))
					 ? topc_params_get(&s->drafts, key)
					 : NULL;
		s->dirty = s->values.count > 0 && (!unsent || strcmp(unsent, "0") != 0);
	}
	session_validate(s);
}

enum session_result session_set_value(struct console_session *s, const char *path,
				      const char *value)
{
	struct topc_params before;
	struct topc_error err = {0};

	if (!s->form)
		return session_refuse(s, _("choose an API first (the list on the left)"));
	topc_params_init(&before);
	topc_params_copy(&before, &s->values);
	if (session_value_raw(s, path) && topc_params_get(&s->values, path)) {
		/* an override as given (from an entry): edited as text, or
		 * emptied, gone (the profile's value goes out again); a name the
		 * form has not got is never added */
		if (*value)
			err.code = topc_params_set(&s->values, path, value);
		else
			topc_params_remove(&s->values, path);
		if (err.code != TOPC_OK)
			snprintf(err.msg, sizeof(err.msg), "%s", _("out of memory"));
	} else if (topc_form_set(s->form, &s->values, path, value, &err) != TOPC_OK) {
		err.code = TOPC_ERR_INPUT;
	}
	if (err.code != TOPC_OK) {
		/* the form as it was */
		topc_params_release(&s->values);
		s->values = before;
		session_validate(s);
		return session_refuse(s, "%s", err.msg);
	}
	topc_params_release(&before);
	s->dirty = true;
	session_validate(s);
	session_draft_keep(s);
	return SESSION_DONE;
}

static const struct topc_field *field_at(const struct topc_field *parent, const char *path)
{
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);

	for (size_t i = 0; i < parent->nfields; i++)
		if (strlen(parent->fields[i].name) == n &&
		    strncmp(parent->fields[i].name, path, n) == 0)
			return dot ? field_at(&parent->fields[i], dot + 1) : &parent->fields[i];
	return NULL;
}

static const struct topc_field *session_field(const struct console_session *s, const char *path)
{
	return s->form ? field_at(&s->form->request, path) : NULL;
}

/* Element elem of the array at path replaced by text, or text inserted
 * after it (adds; elem -1 or past the end: at the end), or removed (text
 * NULL). */
enum session_result session_set_element(struct console_session *s, const char *path, int elem,
					bool adds, const char *text)
{
	const struct topc_field *f = session_field(s, path);
	char **elems, **more, *joined;
	size_t n, at;
	enum session_result r;

	if (!f || !f->array)
		return session_refuse(s, _("%s: not an array field"), path);
	if (!topc_array_split(f, topc_params_get(&s->values, path), &elems, &n))
		return session_refuse(
		    s, _("%s: not readable as an array; Enter on the field edits its text"), path);
	at = elem >= 0 && (size_t)elem < n ? (size_t)elem : n;
	if (adds) {
		if (!(more = realloc(elems, (n + 1) * sizeof(*more)))) {
			topc_array_free(elems, n);
			return session_refuse(s, _("out of memory"));
		}
		elems = more;
		at = at < n ? at + 1 : n;
		memmove(elems + at + 1, elems + at, (n - at) * sizeof(*elems));
		elems[at] = NULL;
		n++;
	} else if (at >= n) {
		topc_array_free(elems, n);
		return session_refuse(s, "%s: no element %d", path, elem + 1);
	}
	free(elems[at]);
	elems[at] = NULL;
	if (text) {
		elems[at] = strdup(text);
	} else {
		memmove(elems + at, elems + at + 1, (n - at - 1) * sizeof(*elems));
		n--;
	}
	joined = !text || elems[at] ? topc_array_join(f, elems, n) : NULL;
	r = joined ? session_set_value(s, path, joined) : session_refuse(s, _("out of memory"));
	free(joined);
	topc_array_free(elems, n);
	if (r == SESSION_DONE && adds) {
		snprintf(s->landed_path, sizeof(s->landed_path), "%s", path);
		s->landed_elem = (int)at;
	}
	return r;
}

enum session_result session_edit_open(struct console_session *s, const struct session_arg *a)
{
	if (!s->form || !a->path)
		return session_refuse(s, _("choose an API first (the list on the left)"));
	session_edit_close(s);
	snprintf(s->edit.path, sizeof(s->edit.path), "%s", a->path);
	s->edit.elem = a->elem;
	s->edit.adds = a->adds;
	lineedit_release(&s->edit.line);
	lineedit_init(&s->edit.line, a->text ? a->text : "");
	s->edit.open = true;
	return SESSION_DONE;
}

/* The open edit into the form; on failure the edit stays open, the form
 * as it was. */
enum session_result session_edit_commit(struct console_session *s)
{
	enum session_result r;
	char path[512];
	int elem = s->edit.elem;
	bool adds = s->edit.adds;
	char *text;

	if (!s->edit.open)
		return SESSION_DONE;
	snprintf(path, sizeof(path), "%s", s->edit.path);
	text = strdup(lineedit_text(&s->edit.line));
	if (!text)
		return session_refuse(s, _("out of memory"));
	if (elem < 0 && !adds)
		r = session_set_value(s, path, text);
	else
		r = session_set_element(s, path, elem, adds, text);
	free(text);
	if (r == SESSION_DONE)
		session_edit_close(s);
	return r;
}
