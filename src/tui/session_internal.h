/*
 * session_internal.h - what session.c, session_form.c, session_send.c,
 * session_drafts.c and session_profile.c share: the
 * model's own steps, each keeping the invariants of session.h.  Not for the
 * views: they go through session_request.
 */
#ifndef TOPC_SESSION_INTERNAL_H
#define TOPC_SESSION_INTERNAL_H

#include "profile/template.h"
#include "session.h"

/* session.c */
/* The reason in the status line; SESSION_REFUSED. */
enum session_result session_refuse(struct console_session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* session_form.c */
/* The template the values make, for expanding them (tpl is the caller's to
 * release either way). */
bool session_form_template(const struct console_session *s, const struct topc_params *values,
			   struct topc_template *tpl);
/* The form of method, with its draft; the current one kept as a draft. */
void session_select_method(struct console_session *s, const char *method);
/* The open edit closed, its text dropped. */
void session_edit_close(struct console_session *s);
/* Value at path set as the form takes it; refused with the form as it was. */
enum session_result session_set_value(struct console_session *s, const char *path,
				      const char *value);
/* Element elem of the array at path replaced by text, inserted after it
 * (adds), or removed (text NULL); refused with the form as it was. */
enum session_result session_set_element(struct console_session *s, const char *path, int elem,
					bool adds, const char *text);
/* The line edit of a's path (and element) opened with a's text. */
enum session_result session_edit_open(struct console_session *s, const struct session_arg *a);
/* The open edit into the form; on failure the edit stays open. */
enum session_result session_edit_commit(struct console_session *s);

/* session_drafts.c */
/* the drafts' entry naming the API the console was left on (no method has
 * a space in its name) */
#define SESSION_LAST_METHOD "last method"
/* The drafts from their file (s->drafts_path set; NULL: not kept). */
void session_drafts_load(struct console_session *s);
/* The current form's values into the drafts and their file. */
void session_draft_keep(struct console_session *s);
/* The drafts' entry saying whether method's draft has changes not sent
 * ("1") or not ("0"); false when it does not fit in key. */
bool session_unsent_key(const char *method, char *key, size_t n);

/* session_profile.c */
/* Profile name in place of the one loaded (the client goes with it); false
 * (the status says why) leaves the one loaded. */
bool session_load_profile(struct console_session *s, const char *name);
/* The profile the console was left on, for the next start (best effort). */
void session_remember_profile(const char *name);
/* The one remembered, or NULL; the caller frees it. */
char *session_remembered_profile(void);
/* The profile's own form in place of the API's, which is kept aside. */
enum session_result session_profile_editor_open(struct console_session *s);
/* The API's form back, the editor's values dropped. */
void session_profile_editor_leave(struct console_session *s);
/* The editor's values into the profile's file, then the profile loaded
 * again; refused with the first problem or the save's reason. */
enum session_result session_profile_save(struct console_session *s);

/* session_send.c */
enum session_result session_send_form(struct console_session *s);
/* Sends entry id again (recorded values, or generators computed again)
 * without touching the form. */
enum session_result session_replay(struct console_session *s, int64_t id, bool exact);
/* The entry's values (and generators) as the form; the form as it was when
 * they cannot be read. */
enum session_result session_load_entry(struct console_session *s, int64_t id);
/* The entry's answer in the response pane. */
enum session_result session_open_entry(struct console_session *s, int64_t id);
/* Cancels the request in flight and waits for its end, recording it. */
void session_cancel_and_finish(struct console_session *s);
void session_sent_release(struct session_sent *x);
/* The finished transfer's body in the response pane, x held (and freed
 * with the next answer). */
void session_show_transfer(struct console_session *s, const char *title, bool bad,
			   struct topc_transfer *x);

#endif
