/*
 * form_store.h - where forms are found: the shipped forms/ directory and the
 * user's $XDG_CONFIG_HOME/topc/forms/.  A user form for a method replaces
 * the shipped one.  Files are named METHOD.conf; a file named otherwise is
 * still read when the directories are scanned.
 */
#ifndef TOPC_FORM_STORE_H
#define TOPC_FORM_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "form/form.h"

struct topc_form_entry {
	char *method; /* from the form, or the file name when it does not load */
	char *path;
	bool user;	       /* from the user's directory */
	bool shadows;	       /* a user form that replaces a shipped one */
	bool ok;	       /* loaded and checked */
	char *problem;	       /* why not, with file and line (translated) */
	struct topc_error why; /* the same, both messages */
	struct topc_form form;
};

struct topc_form_store {
	struct topc_form_entry *items; /* sorted by method */
	size_t count;
};

void topc_form_store_init(struct topc_form_store *s);
void topc_form_store_release(struct topc_form_store *s);

/* Reads every *.conf in both directories.  A file that does not load is kept
 * with ok false and its problem; only running out of memory fails. */
enum topc_status topc_form_store_load(struct topc_form_store *s, struct topc_error *err);

/* The loaded form for method, or NULL (none, or it did not load). */
const struct topc_form *topc_form_store_get(const struct topc_form_store *s, const char *method);

/* Loads the form for method alone.  *found is false when there is none (not
 * an error: methods without a form are sent as raw parameters).  A form that
 * exists but does not load is an error naming the file and line. */
enum topc_status topc_form_find(const char *method, struct topc_form *f, bool *found,
				struct topc_error *err);

#endif
