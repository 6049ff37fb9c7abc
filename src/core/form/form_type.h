/*
 * form_type.h - is this text a value of that type?  The checks of one value
 * against a field's type and constraints (Number, Boolean, Json, dates,
 * UUIDs, choices, ranges, lengths, list sizes), used by validation
 * (form_value.c), by the form file checks (form_check.c: examples and
 * defaults) and by the gateway.  A leaf: it knows the form model and the
 * JSON reader, nothing that uses it.
 */
#ifndef TOPC_FORM_TYPE_H
#define TOPC_FORM_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "form/form.h"

/* The Date type's format when a field states none. */
#define TOPC_DATE_DEFAULT "yyyy-MM-dd HH:mm:ss"

/* Checks text against a date pattern made of yyyy MM dd HH mm ss and literal
 * separators, with real calendar and clock ranges; on success stores the
 * minutes since 1970-01-01 00:00 (wall time, no zone) in *minutes if not NULL. */
bool topc_date_match(const char *pattern, const char *text, int64_t *minutes);
/* True for a UUID as 8-4-4-4-12 hex digits (either case). */
bool topc_uuid_valid(const char *text);

/* True when s is a whole number within 64 bits: an optional '-', then
 * digits only (topc_number_parse: no '+', no spaces). */
bool topc_integer_text(const char *s);

/* True when text is a valid date pattern: yyyy MM dd HH mm ss, each at
 * most once, and separators that are not letters. */
bool topc_date_pattern_valid(const char *pattern);

/* Checks one value against a field's type and formal constraints, and
 * against extra constraints when not NULL.  On failure writes the reason
 * (without the path) to why in both languages: a part for a sentence
 * (base/error.h). */
bool topc_field_value_check(const struct topc_field *field, const struct topc_constraints *extra,
			    const char *value, struct topc_error *why);
/* Checks one value (of the right type) against the field's prose
 * constraints only; false means a warning. */
bool topc_field_prose_check(const struct topc_field *field, const char *value,
			    struct topc_error *why);

/* The date pattern or "uuid" that applies to the field at path: its own
 * format, a rule's, or the Date type's yyyy-MM-dd HH:mm:ss. */
const char *topc_form_format(const struct topc_form *f, const char *path);

/* Calls fn on each element of a basic array given as a JSON array or a comma
 * list; false when the JSON is malformed (why says so) or fn returns false. */
bool topc_form_each_element(const char *value, bool (*fn)(const char *elem, void *ctx), void *ctx,
			    char *why, size_t n);

#endif
