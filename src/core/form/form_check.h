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
/* The same for a form whose fields are settings, never sent (the profile
 * editor's): its fields may have the names of TOP's system parameters
 * (app_key, sign_method), which topc_form_check refuses. */
enum topc_status topc_form_check_settings(const struct topc_form *f, struct topc_error *err);

/* Compares the page parts of two forms (not rules, not lines, not path).
 * On a difference returns false and describes the first one in what. */
bool topc_form_equal(const struct topc_form *a, const struct topc_form *b, char *what,
		     size_t what_size);

#endif
