/*
 * form_value.h - filled forms: setting values by path and validating them
 * (form_wire.h turns them into request parameters and back; form_type.h
 * checks one value against its field).
 *
 * A filled form is a struct topc_params whose names are field paths
 * ("push_content_dto.title") and whose values are the text a person typed.
 * Only leaves are stored; an object is present when any field under it has a
 * value.  Empty values count as unset.
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
	char *msg;     /* "path: what is wrong; what to do", translated */
	char *english; /* the same untranslated: --json, the gateway's answers */
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

/* Fills err (TOPC_ERR_INPUT) with the problem, both its messages. */
enum topc_status topc_form_problem_error(const struct topc_form_problem *p, struct topc_error *err);
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

/* True when s holds nothing but white space as Java's
 * Character.isWhitespace sees it (StringUtils.isEmpty): "" too.  The SDK's
 * TaobaoHashMap leaves such a top-level parameter out, unsent and unsigned,
 * and topc_form_serialize does the same. */
bool topc_value_blank(const char *s);

/* Whether the path name is path itself or a field under it ("dto" holds
 * "dto" and "dto.title", not "dto2"). */
bool topc_form_path_within(const char *name, const char *path);

#endif
