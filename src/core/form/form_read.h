/*
 * form_read.h - form files (libconfig text, schema in forms/README.md) read
 * into the model and checked; problems are named by file and line.
 */
#ifndef TOPC_FORM_READ_H
#define TOPC_FORM_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "form/form.h"
#include "form/form_check.h"

/* Reads a form file and checks it.  Errors name the file and line. */
enum topc_status topc_form_load_file(const char *path, struct topc_form *f, struct topc_error *err);
/* The same, reporting each problem the checks find (topc_form_check_each)
 * and failing with their count; a problem reading the file (its syntax,
 * a key of the wrong kind) is the only one, as it stops the reading. */
enum topc_status topc_form_load_file_each(const char *path, topc_form_check_fn report, void *ctx,
					  struct topc_form *f, struct topc_error *err);
/* The same from text; `name` stands for the file in messages. */
enum topc_status topc_form_load_string(const char *text, const char *name, struct topc_form *f,
				       struct topc_error *err);
/* The same for a form of settings, never sent (topc_form_check_settings). */
enum topc_status topc_form_load_settings_string(const char *text, const char *name,
						struct topc_form *f, struct topc_error *err);

#endif
