/*
 * form_check.h - is a form whole and consistent (names, types, constraints,
 * rules, examples that fit their fields), and do two forms say the same.
 */
#ifndef TOPC_FORM_CHECK_H
#define TOPC_FORM_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "form/form.h"

/* Checks a form built in memory (the importer's, or one just loaded). */
enum topc_status topc_form_check(const struct topc_form *f, struct topc_error *err);
/* The same, reporting every problem ("file:line: what") to report in the
 * file's line order (the form's own, such as its method, first), then
 * failing with the count; a problem that makes the rest of its field or
 * rule meaningless (a rule naming no field) ends that one's checks. */
typedef void (*topc_form_check_fn)(const char *msg, void *ctx);
enum topc_status topc_form_check_each(const struct topc_form *f, topc_form_check_fn report,
				      void *ctx, struct topc_error *err);
/* The same for a form whose fields are settings, never sent (the profile
 * editor's): its fields may have the names of TOP's system parameters
 * (app_key, sign_method), which topc_form_check refuses. */
enum topc_status topc_form_check_settings(const struct topc_form *f, struct topc_error *err);

/* Compares the page parts of two forms (not rules, not lines, not path).
 * On a difference returns false and describes the first one in what. */
bool topc_form_equal(const struct topc_form *a, const struct topc_form *b, char *what,
		     size_t what_size);

#endif
