/*
 * form_value.h - filled forms: setting values by path, validating them,
 * and turning them into request parameters and back.
 *
 * A filled form is a struct topc_params whose names are field paths
 * ("push_content_dto.title") and whose values are the text a person typed.
 * Only leaves are stored; an object is present when any field under it has a
 * value.  Empty values count as unset.
 *
 * Serialization follows TOP_PROTOCOL.md 3.3: scalars as text; objects as
 * compact JSON with snake_case keys in alphabetical order, "/" written "\/",
 * numbers and booleans unquoted, unset fields left out (what the Java SDK
 * sends); arrays of basic types as comma lists at the top level and as JSON
 * arrays inside objects; Json fields as their JSON text.  A required field
 * left empty that has a default is sent with its default.
 */
#ifndef TOPC_FORM_VALUE_H
#define TOPC_FORM_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "form/form.h"
#include "base/params.h"

/*
 * Two severities, from the two kinds of rules (form.h): an ERROR breaks a
 * formal rule (required, type, the 更多限制 column, a rule with from =
 * "formal"), which TOP's gateway and the SDK's check() refuse; a WARNING
 * breaks a rule read from the page's prose, which TOP does not check: it is
 * shown, and the request is sent unless the caller is strict.
 */
enum topc_severity { TOPC_SEVERITY_ERROR, TOPC_SEVERITY_WARNING };

struct topc_form_problem {
	char *path;   /* the field's full path */
	bool missing; /* a required field without a value; else an invalid value */
	enum topc_severity severity;
	char *msg; /* "path: what is wrong; what to do" */
};

struct topc_form_problems {
	struct topc_form_problem *items;
	size_t count;
};

void topc_form_problems_init(struct topc_form_problems *p);
void topc_form_problems_release(struct topc_form_problems *p);
/* How many problems have severity s. */
size_t topc_form_problems_count(const struct topc_form_problems *p, enum topc_severity s);
/* Makes every warning an error (--strict). */
void topc_form_problems_strict(struct topc_form_problems *p);
/* "error" or "warning" */
const char *topc_severity_name(enum topc_severity s);

/* Sets path = value after checking that path names a field of the request.
 * For an OBJECT field the value may be a JSON object, which is spread into
 * its fields.  An empty value unsets the field (and everything under it).
 * Fails with TOPC_ERR_INPUT naming the path and the nearest field name. */
enum topc_status topc_form_set(const struct topc_form *f, struct topc_params *values,
			       const char *path, const char *value, struct topc_error *err);

/* Checks values against the form: paths, required fields, types, the
 * field's constraints and every rule.  Top-level names in `raw` (may be
 * NULL) are sent as the user typed them and are skipped.  Appends one
 * problem per fault, in field order, each with its severity; true when
 * none of them is an error (warnings may have been added). */
bool topc_form_validate(const struct topc_form *f, const struct topc_params *values,
			const struct topc_params *raw, struct topc_form_problems *out);

/* Checks one value against a field's type and formal constraints, and
 * against extra constraints when not NULL.  On failure writes the reason
 * (without the path) to why. */
bool topc_field_value_ok(const struct topc_field *field, const struct topc_constraints *extra,
			 const char *value, char *why, size_t why_size);
/* Checks one value (of the right type) against the field's prose
 * constraints only; false means a warning. */
bool topc_field_prose_ok(const struct topc_field *field, const char *value, char *why,
			 size_t why_size);

/* The date pattern or "uuid" that applies to the field at path: its own
 * format, a rule's, or the Date type's yyyy-MM-dd HH:mm:ss. */
const char *topc_form_format(const struct topc_form *f, const char *path);

/* Appends the request parameters for values to params (validate first). */
enum topc_status topc_form_serialize(const struct topc_form *f, const struct topc_params *values,
				     struct topc_params *params, struct topc_error *err);

/* The reverse, as a gateway reads a request: the form's top-level parameters
 * found in params become values; object parameters are parsed as JSON and
 * spread into their fields.  Parameters that are not the form's are ignored.
 * A parameter that cannot be read becomes an invalid-value problem. */
enum topc_status topc_form_from_params(const struct topc_form *f, const struct topc_params *params,
				       struct topc_params *values,
				       struct topc_form_problems *problems);

/*
 * Arrays element by element (the console edits them so).  topc_array_split
 * reads an array field's value: a basic array's elements from a comma list
 * or a JSON array, a structure array's objects as compact JSON.  An empty
 * value has no elements; false when value is not such an array.  Free the
 * elements with topc_array_free.
 *
 * topc_array_join makes the value back: a comma list when every element
 * reads back the same from one, else a JSON array of strings; for
 * structures a JSON array of the elements' text.  "" for no elements; NULL
 * when out of memory.
 */
bool topc_array_split(const struct topc_field *fd, const char *value, char ***elems, size_t *n);
char *topc_array_join(const struct topc_field *fd, char *const *elems, size_t n);
void topc_array_free(char **elems, size_t n);

/* True when s is a whole number strtoll reads entirely (sign allowed). */
bool topc_integer_text(const char *s);

/* True when text is a valid date pattern: yyyy MM dd HH mm ss, each at
 * most once, and separators that are not letters. */
bool topc_date_pattern_valid(const char *pattern);

#endif
