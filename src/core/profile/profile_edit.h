/*
 * profile_edit.h - a profile's keys as a form, and saving them back.
 *
 * The form (topc_profile_form_load) has a field per profile key, except that
 * the app secret and the session key are edited by where they come from
 * only: secret_from (env, file, cmd; "inline" when the file holds the value
 * itself, which only editing the file by hand changes) and secret_ref (the
 * variable's name, the file's path or the command); session_from and
 * session_ref likewise.  No value of the form ever holds a secret.
 *
 * Saving edits the file key by key: a changed key's line is replaced, a
 * cleared key's line removed, a new key appended at the end; comments, order
 * and the keys not edited (an inline secret among them) stay as written.
 * The new text is loaded as a profile before it replaces the file
 * (atomically, mode 0600), so a save gives a working profile or changes
 * nothing.  A shipped profile is saved as the user profile of the same
 * name, which from then on hides it.
 */
#ifndef TOPC_PROFILE_EDIT_H
#define TOPC_PROFILE_EDIT_H

#include "base/error.h"
#include "form/form.h"
#include "base/params.h"
#include "profile/profile.h"

/* The profile form; release with topc_form_release. */
enum topc_status topc_profile_form_load(struct topc_form *f, struct topc_error *err);

/* The values of p's file, as the form has them (keys the file does not set
 * are left unset, so their defaults stay defaults). */
enum topc_status topc_profile_form_values(const struct topc_profile *p, struct topc_params *values,
					  struct topc_error *err);

/* Saves values (validated against the form first) into p's file, or into
 * the user folder when p is a shipped profile.  *saved_path, when not NULL,
 * gets the file written (the caller frees it).  An error names the key or
 * the line and changes nothing. */
enum topc_status topc_profile_save(const struct topc_profile *p, const struct topc_params *values,
				   char **saved_path, struct topc_error *err);

#endif
