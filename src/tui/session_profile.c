/* session_profile.c - the console's profile and client, and the profile
 * editor (its form in place of the API's, kept aside until it is left). */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "profile/profile_edit.h"
#include "session_internal.h"

/* Profile and client */

bool session_load_profile(struct console_session *s, const char *name)
{
	struct topc_profile p;
	struct topc_error err = {0};
	char *copy = strdup(name);

	topc_profile_init(&p);
	if (!copy || topc_profile_load(name, &p, &err) != TOPC_OK) {
		session_say(s, true, "%s", copy ? err.msg : _("out of memory"));
		topc_profile_release(&p);
		free(copy);
		return false;
	}
	/* the client borrows the profile: it goes first */
	if (s->have_client) {
		topc_client_release(&s->client);
		s->have_client = false;
	}
	topc_profile_release(&s->profile);
	s->profile = p;
	s->have_profile = true;
	free(s->profile_name);
	s->profile_name = copy;
	return true;
}

bool session_client(struct console_session *s, struct topc_error *why)
{
	struct topc_error own = {0}, *err = why ? why : &own;

	if (s->have_client)
		return true;
	if (!s->have_profile) {
		session_say(s, true, _("no usable profile; F2 (^F) picks one"));
		return false;
	}
	/* in place: the builtin gateway keeps a pointer to the client's forms */
	if (topc_client_init_with_forms(&s->client, &s->profile, &s->forms, err) != TOPC_OK) {
		session_say(s, true, _("profile \"%s\": %s; F2 (^F) picks another"),
			    s->profile_name, err->msg);
		return false;
	}
	s->have_client = true;
	return true;
}

void session_remember_profile(const char *name)
{
	char *path = topc_path_state("console-profile");
	struct topc_error err = {0};

	if (path && strlen(name) < 200)
		topc_file_write_atomic(path, name, strlen(name), 0600, &err);
	free(path);
}

char *session_remembered_profile(void)
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

/* ------------------------------------------------------------------ */
/* The profile editor */

static void stash_swap(struct console_session *s)
{
	struct topc_params v = s->values;
	const struct topc_form *f = s->form;
	bool missing = s->show_missing, dirty = s->dirty;

	s->values = s->stash.values;
	s->form = s->stash.form;
	s->show_missing = s->stash.show_missing;
	s->dirty = s->stash.dirty;
	s->stash.values = v;
	s->stash.form = f;
	s->stash.show_missing = missing;
	s->stash.dirty = dirty;
}

enum session_result session_profile_editor_open(struct console_session *s)
{
	struct topc_params values;
	struct topc_error err = {0};

	if (!s->have_profile)
		return session_refuse(s, _("no profile loaded; F2 (^F) picks one"));
	if (!s->have_profile_form) {
		topc_form_init(&s->profile_form);
		if (topc_profile_form_load(&s->profile_form, &err) != TOPC_OK)
			return session_refuse(s, "%s", err.msg);
		s->have_profile_form = true;
	}
	topc_params_init(&values);
	if (topc_profile_form_values(&s->profile, &values, &err) != TOPC_OK) {
		topc_params_release(&values);
		return session_refuse(s, "%s", err.msg);
	}
	session_draft_keep(s);
	session_edit_close(s);
	s->stash.values = values;
	s->stash.form = &s->profile_form;
	s->stash.show_missing = true;
	s->stash.dirty = false;
	stash_swap(s);
	s->editing_profile = true;
	session_validate(s);
	session_say(s, false, _("profile %s from %s: F5 saves, F7 leaves without saving"),
		    s->profile_name, s->profile.path);
	return SESSION_DONE;
}

void session_profile_editor_leave(struct console_session *s)
{
	session_edit_close(s);
	stash_swap(s);
	topc_params_release(&s->stash.values);
	topc_params_init(&s->stash.values);
	s->editing_profile = false;
	session_validate(s);
}

enum session_result session_profile_save(struct console_session *s)
{
	struct topc_error err = {0};
	char *saved = NULL, *name = s->profile_name ? strdup(s->profile_name) : NULL;
	enum session_result r = SESSION_REFUSED;

	session_validate(s);
	if (s->problems.count) {
		session_refuse(s, _("not saved: %s"), s->problems.items[0].msg);
	} else if (!name || topc_profile_save(&s->profile, &s->values, &saved, &err) != TOPC_OK) {
		/* the message leads with the file's path: its name is enough here */
		const char *msg = name ? err.msg : "out of memory", *slash = strchr(msg, ' ');
		while (slash && slash > msg && slash[-1] != ':')
			slash = strchr(slash + 1, ' ');
		if (msg[0] == '/' && slash) {
			const char *base = msg;
			for (const char *c = msg; c < slash; c++)
				if (*c == '/')
					base = c + 1;
			msg = base;
		}
		session_refuse(s, _("not saved: %s"), msg);
	} else {
		session_profile_editor_leave(s);
		if (session_load_profile(s, name)) {
			session_say(s, false, _("profile %s saved to %s"), name, saved);
			r = SESSION_DONE;
		}
	}
	free(saved);
	free(name);
	return r;
}
