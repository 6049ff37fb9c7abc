/*
 * form_value_internal.h - what form_value.c (setting and validating values)
 * shares with form_wire.c (turning them into request parameters and back).
 * Not for the rest of topc: form_value.h is the interface.
 */
#ifndef TOPC_FORM_VALUE_INTERNAL_H
#define TOPC_FORM_VALUE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "form/form_json.h"
#include "form/form_value.h"

/* Appends an error "path: fmt..." (missing: a required field unset). */
void topc_form_problem_add(struct topc_form_problems *p, const char *path, bool missing,
			   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Appends a problem of severity s. */
void topc_form_problem_addv(struct topc_form_problems *p, const char *path, bool missing,
			    enum topc_severity s, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Appends a problem of severity s whose fmt takes part, a reason made
 * before in both languages, as its TOPC_PART argument (base/error.h). */
void topc_form_problem_addp(struct topc_form_problems *p, const char *path, bool missing,
			    enum topc_severity s, const struct topc_error *part, const char *fmt,
			    ...) __attribute__((format(printf, 6, 7)));

/* True when a leaf under path (path.something) has a value. */
bool topc_form_has_under(const struct topc_params *values, const char *path);

/* The value at path, or NULL when unset or empty. */
const char *topc_form_value_of(const struct topc_params *values, const char *path);

/* Spreads a JSON object into values under prefix, as fields of fd.  Strict:
 * keys fd has no field for are problems (a person typed them); lenient:
 * ignored (a gateway reading what a client sent, as TOP does). */
void topc_form_spread(const struct topc_jnode *obj, const struct topc_field *fd, const char *prefix,
		      bool strict, struct topc_params *values, struct topc_form_problems *problems);

#endif
