/*
 * form.h - the definition of one TOP API's request and response, read from a
 * form file (libconfig, one file per API, forms/README.md has the schema).
 *
 * A form holds what the API's doc page says (method, title, summary,
 * category, request fields, response fields, the error example) and,
 * kept apart in `rules`, what topc's maintainers added from reading the
 * page: cross-field rules and extra constraints the page states only in
 * prose.  topc_form_equal (form_check.h) compares the page parts only,
 * which is how the doc importer is tested against the shipped forms.
 *
 * Fields nest to any depth.  A field's path is its names joined by dots
 * ("push_content_dto.push_redirect_url_dto.redirect_url").
 *
 * Loading (form_read.h) checks the definition itself (unknown types,
 * duplicate names, bad constraints, rules naming fields that do not exist;
 * form_check.h) and reports the file and line.  A loaded form is immutable
 * and may be read from any thread.  This header is the model and its
 * tables; values are set and checked in form_value.h, sent in form_wire.h.
 */
#ifndef TOPC_FORM_H
#define TOPC_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

/* X(id, type name on the doc page) */
#define TOPC_FIELD_KIND_TABLE(X)                                                                   \
	X(STRING, "String")                                                                        \
	X(NUMBER, "Number")                                                                        \
	X(BOOLEAN, "Boolean")                                                                      \
	X(JSON, "Json")                                                                            \
	X(DATE, "Date")                                                                            \
	X(OBJECT, NULL) /* a named structure type: PushContentDto, HwMap... */

enum topc_field_kind {
#define TOPC_X(id, name) TOPC_FIELD_##id,
	TOPC_FIELD_KIND_TABLE(TOPC_X)
#undef TOPC_X
};

/* X(id, name in form files, meaning) */
#define TOPC_UNIQUE_TABLE(X)                                                                       \
	X(NONE, "none", "")                                                                        \
	X(SEND, "send", "be fresh for every send")                                                 \
	X(USER, "user", "differ between sends to the same user")

enum topc_unique {
#define TOPC_X(id, name, meaning) TOPC_UNIQUE_##id,
	TOPC_UNIQUE_TABLE(TOPC_X)
#undef TOPC_X
};

struct topc_choice {
	char *value;
	char *label; /* "单品"; may be empty */
};

/* What a value must satisfy beyond its type.  Every member is optional. */
struct topc_constraints {
	struct topc_choice *choices;
	size_t nchoices;
	bool has_min, has_max;
	int64_t min, max;   /* numeric range, inclusive */
	long max_length;    /* in UTF-16 units, as Java's String.length(); 0: none */
	long max_list_size; /* elements of an array, as the SDK's checkMaxListSize; 0: none */
	char *format;	    /* a date pattern such as "yyyy-MM-dd HH:mm", "uuid" or "json" */
	enum topc_unique unique;
};

struct topc_field {
	char *name;
	char *type; /* as the page spells it: "Number", "HwMap", "String []" */
	enum topc_field_kind kind;
	bool array;
	bool required;
	char *example;	     /* NULL: none */
	char *default_value; /* NULL: none */
	char *description;   /* the page's text, verbatim */
	/* Two kinds of constraints.  c: the formal ones (the 更多限制 column:
	 * 最大长度, 最大列表长度, 最小值, 最大值; a 可选值 list), which the
	 * gateway and the SDK's check() refuse.  prose: what topc read from the
	 * description (ranges such as 支持6-48, V-LABEL choices, date formats,
	 * UUIDs), which TOP does not check: a broken one is a warning. */
	struct topc_constraints c;
	struct topc_constraints prose;
	struct topc_field *fields; /* an object's own fields */
	size_t nfields;
	int line; /* in the form file; 0 when built in memory */
};

/* X(id, what it checks) */
#define TOPC_RULE_KIND_TABLE(X)                                                                    \
	X(CONSTRAIN, "adds constraints to a field")                                                \
	X(ONLY_WHEN, "a field may be set only when another field has a given value")               \
	X(WINDOW, "two time fields set together, the end after the start, at most N minutes "      \
		  "apart")

enum topc_rule_kind {
#define TOPC_X(id, what) TOPC_RULE_##id,
	TOPC_RULE_KIND_TABLE(TOPC_X)
#undef TOPC_X
};

struct topc_rule {
	enum topc_rule_kind kind;
	char *field;		   /* CONSTRAIN, ONLY_WHEN: the field; WINDOW: the start */
	char *other;		   /* ONLY_WHEN: the field it depends on; WINDOW: the end */
	char *equals;		   /* ONLY_WHEN: the value `other` must have */
	int64_t max_minutes;	   /* WINDOW */
	struct topc_constraints c; /* CONSTRAIN */
	char *note;		   /* where the rule comes from, e.g. the page's sentence */
	bool formal;		   /* from = "formal": refused; else ("prose") a warning */
	int line;
};

/* What success means for the API (forms/README.md "Success"): the answer
 * is a business failure when the response field at `field` (a dotted path
 * under the wrapper) is present and holds none of `values`.  import-doc
 * derives these from the response table: Boolean success, is_success and
 * result fields ("true"), *err_code, *error_code and state_code fields. */
struct topc_success_rule {
	char *field;
	char **values;
	size_t nvalues;
	int line;
};

struct topc_error_example {
	bool present;
	long code;
	char *msg, *sub_code, *sub_msg;
};

struct topc_form {
	char *method, *title, *summary, *category;
	struct topc_field request;  /* an OBJECT whose fields are the parameters */
	struct topc_field response; /* an OBJECT whose fields are the response's */
	struct topc_error_example error;
	struct topc_rule *rules;
	size_t nrules;
	struct topc_success_rule *success;
	size_t nsuccess;
	bool session; /* the API needs a session (the page's example passes sessionKey) */
	/* answer fields replay --compare skips for this API, beside the default
	 * (request_id, times); fnmatch patterns.  topc's addition, like rules */
	char **compare_ignore;
	size_t ncompare_ignore;
	char *path; /* the file it came from; NULL when built in memory */
};

void topc_form_init(struct topc_form *f);
void topc_form_release(struct topc_form *f);
void topc_field_release(struct topc_field *f);
void topc_constraints_release(struct topc_constraints *c);

/* The kind for a type name ("Number" -> NUMBER, "String []" -> STRING with
 * *array set, "HwMap" -> OBJECT).  False for an empty or malformed name. */
bool topc_field_kind_parse(const char *type, enum topc_field_kind *kind, bool *array);
/* The table's names and meanings ("be fresh for every send"...). */
const char *topc_field_kind_name(enum topc_field_kind kind);
const char *topc_unique_name(enum topc_unique u);
const char *topc_unique_meaning(enum topc_unique u);
bool topc_unique_parse(const char *name, enum topc_unique *u);

/* The constraints that hold the field's choices: its formal ones when they
 * list any, else its prose ones (a picker offers them either way). */
const struct topc_constraints *topc_field_choices(const struct topc_field *f);

/* True for a TOP method name: lower-case words of letters, digits and '_'
 * joined by dots, at least two of them ("taobao.tbk.marketing.msg.send").
 * The one rule, for form files and the gateway alike. */
bool topc_method_name_ok(const char *method);

/* True for the names of TOP's system parameters (method, app_key, session,
 * timestamp, v, format, sign_method, sign, simplify, partner_id,
 * target_app_key): topc sets them itself, so no form's request has one.
 * The one list, for forms and requests alike. */
bool topc_form_is_system_name(const char *name);

/* The field at a dotted path under an OBJECT field, or NULL. */
const struct topc_field *topc_field_find(const struct topc_field *root, const char *path);
/* The deepest known field on the way to path and the closest sibling name of
 * the first unknown part, for "did you mean".  Writes into suggestion (may be
 * empty when nothing is close). */
void topc_field_suggest(const struct topc_field *root, const char *path, char *suggestion,
			size_t size);
/* Number of fields at all depths under root. */
size_t topc_field_count(const struct topc_field *root);

#endif
