/*
 * session_internal.h - what session.c and session_send.c share: the
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
/* The template the values make, for expanding them (tpl is the caller's to
 * release either way). */
bool session_form_template(const struct console_session *s, const struct topc_params *values,
			   struct topc_template *tpl);
/* The form of method, with its draft; the current one kept as a draft. */
void session_select_method(struct console_session *s, const char *method);
/* The current form's values into the drafts and their file. */
void session_draft_keep(struct console_session *s);

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
