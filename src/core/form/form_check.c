/* form_check.c - is a form definition sound, and are two forms the same page? */
#include "form/form_check.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/found.h"
#include "form/form_type.h"

struct check {
	const struct topc_form *f;
	const char *name;
	struct topc_error *err;
	topc_form_check_fn report; /* NULL: stop at the first problem */
	void *ctx;
	struct topc_found_list found; /* with report: the form as a whole first */
	size_t problems;
};

/* With a reporter each problem is kept and the checks go on (TOPC_OK);
 * without, the first one ends them (its status).  Where a later check
 * reads what an earlier one refused (a rule's field that is not there),
 * the function returns at once either way. */
#define CHECK_BAD(...)                                                                             \
	do {                                                                                       \
		enum topc_status bad_ = check_bad(__VA_ARGS__);                                    \
		if (bad_ != TOPC_OK)                                                               \
			return bad_;                                                               \
	} while (0)

static void keep_found(struct check *c, int line)
{
	c->problems++;
	if (!topc_found_keep(&c->found, line, c->err->msg))
		c->report(c->err->msg, c->ctx); /* out of memory: at once */
}

/* "file:line: what", part (NULL: none) standing for TOPC_PART in fmt */
static enum topc_status check_bad(struct check *c, int line, const struct topc_error *part,
				  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum topc_status check_bad(struct check *c, int line, const struct topc_error *part,
				  const char *fmt, ...)
{
	va_list ap;
	enum topc_status st;

	va_start(ap, fmt);
	st = topc_error_vatp(c->err, TOPC_ERR_INPUT, c->name, line, part, fmt, ap);
	va_end(ap);
	if (!c->report || st != TOPC_ERR_INPUT)
		return st;
	keep_found(c, line);
	return TOPC_OK;
}

/* Reports what was found in the file's line order and frees it; the
 * status: TOPC_ERR_INPUT with the count when there was anything. */
static enum topc_status report_found(struct check *c)
{
	topc_found_report(&c->found, TOPC_FOUND_WHOLE_FIRST, c->report, c->ctx);
	if (!c->problems)
		return TOPC_OK;
	return topc_error_set(c->err, TOPC_ERR_INPUT, "%s: %zu problem%s", c->name, c->problems,
			      c->problems == 1 ? "" : "s");
}

static bool name_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static enum topc_status check_constraints(struct check *c, const struct topc_field *field,
					  const struct topc_constraints *k, int line,
					  const char *path)
{
	enum topc_field_kind kind = field->kind;

	if (k->nchoices && (kind == TOPC_FIELD_OBJECT || kind == TOPC_FIELD_BOOLEAN))
		CHECK_BAD(c, line, NULL, "%s: a %s field cannot have choices", path, field->type);
	for (size_t i = 0; i < k->nchoices; i++) {
		if (kind == TOPC_FIELD_NUMBER && !topc_integer_text(k->choices[i].value))
			CHECK_BAD(c, line, NULL,
				  "%s: choice \"%s\" is not a whole number, but the field "
				  "is a Number",
				  path, k->choices[i].value);
		for (size_t j = 0; j < i; j++)
			if (strcmp(k->choices[i].value, k->choices[j].value) == 0) {
				CHECK_BAD(c, line, NULL, "%s: choice \"%s\" is listed twice", path,
					  k->choices[i].value);
				break;
			}
	}
	if ((k->has_min || k->has_max) && kind != TOPC_FIELD_NUMBER)
		CHECK_BAD(c, line, NULL, "%s: min and max apply to Number fields, not %s", path,
			  field->type);
	if (k->has_min && k->has_max && k->min > k->max)
		CHECK_BAD(c, line, NULL, "%s: min %lld is above max %lld", path, (long long)k->min,
			  (long long)k->max);
	if (k->max_length && kind != TOPC_FIELD_STRING && kind != TOPC_FIELD_JSON)
		CHECK_BAD(c, line, NULL, "%s: max_length applies to String and Json fields, not %s",
			  path, field->type);
	if (k->format) {
		if (kind != TOPC_FIELD_STRING && kind != TOPC_FIELD_DATE)
			CHECK_BAD(c, line, NULL,
				  "%s: format applies to String and Date fields, not %s", path,
				  field->type);
		if (field->array)
			CHECK_BAD(c, line, NULL, "%s: format does not apply to an array", path);
		if (strcmp(k->format, "uuid") != 0 && strcmp(k->format, "json") != 0 &&
		    !topc_date_pattern_valid(k->format))
			CHECK_BAD(c, line, NULL,
				  "%s: format \"%s\" is not \"uuid\", \"json\" or a "
				  "date pattern such as \"yyyy-MM-dd HH:mm:ss\"",
				  path, k->format);
	}
	if (k->max_list_size && !field->array)
		CHECK_BAD(c, line, NULL, "%s: max_list_size applies to arrays, not %s", path,
			  field->type);
	if (k->unique != TOPC_UNIQUE_NONE && kind == TOPC_FIELD_OBJECT)
		CHECK_BAD(c, line, NULL, "%s: an object cannot be unique; mark its fields", path);
	return TOPC_OK;
}

static enum topc_status check_fields(struct check *c, const struct topc_field *parent,
				     const char *prefix)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *fd = &parent->fields[i];
		char path[512];
		struct topc_error why;
		enum topc_status st;

		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", fd->name);
		if (!name_ok(fd->name))
			CHECK_BAD(c, fd->line, NULL,
				  "field name \"%s\" may hold only letters, digits "
				  "and _",
				  fd->name);
		for (size_t j = 0; j < i; j++)
			if (strcmp(parent->fields[j].name, fd->name) == 0) {
				CHECK_BAD(c, fd->line, NULL,
					  "%s is defined twice (first on line %d)", path,
					  parent->fields[j].line);
				break;
			}
		if (fd->kind == TOPC_FIELD_OBJECT && fd->nfields == 0)
			CHECK_BAD(c, fd->line, NULL,
				  "%s: type \"%s\" is unknown: it is not String, "
				  "Number, Boolean, Json or Date, and it has no fields; "
				  "fix the type or list its fields",
				  path, fd->type);
		if (fd->kind != TOPC_FIELD_OBJECT && fd->nfields)
			CHECK_BAD(c, fd->line, NULL, "%s is a %s and cannot have fields", path,
				  fd->type);
		if ((st = check_constraints(c, fd, &fd->c, fd->line, path)) != TOPC_OK ||
		    (st = check_constraints(c, fd, &fd->prose, fd->line, path)) != TOPC_OK)
			return st;
		if (fd->default_value && !topc_field_value_check(fd, NULL, fd->default_value, &why))
			CHECK_BAD(c, fd->line, &why, "%s: default \"%s\": %s", path,
				  fd->default_value, TOPC_PART);
		if ((st = check_fields(c, fd, path)) != TOPC_OK)
			return st;
	}
	return TOPC_OK;
}

static enum topc_status rule_field(struct check *c, const struct topc_rule *r, const char *path,
				   const struct topc_field **out)
{
	char near[256];

	*out = topc_field_find(&c->f->request, path);
	if (*out)
		return TOPC_OK;
	topc_field_suggest(&c->f->request, path, near, sizeof(near));
	if (*near)
		CHECK_BAD(c, r->line, NULL,
			  "rule names %s, which is not a request field; did you mean %s?", path,
			  near);
	else
		CHECK_BAD(c, r->line, NULL, "rule names %s, which is not a request field", path);
	return TOPC_ERR_INPUT; /* kept: the rest of the rule reads that field */
}

static enum topc_status check_window_end(struct check *c, const struct topc_rule *r,
					 const char *path, const struct topc_field *fd)
{
	const char *format = topc_form_format(c->f, path);

	if ((fd->kind != TOPC_FIELD_STRING && fd->kind != TOPC_FIELD_DATE) || fd->array)
		return check_bad(c, r->line, NULL, "window rule: %s is a %s, not a time", path,
				 fd->type);
	if (!format || !topc_date_pattern_valid(format))
		return check_bad(c, r->line, NULL,
				 "window rule: %s has no date format; add a rule { field "
				 "= \"%s\"; format = \"yyyy-MM-dd HH:mm\"; }",
				 path, path);
	return TOPC_OK;
}

static enum topc_status check_rule(struct check *c, const struct topc_rule *r)
{
	const struct topc_field *fd, *other;
	enum topc_status st;
	struct topc_error why;

	if ((st = rule_field(c, r, r->field, &fd)) != TOPC_OK)
		return st;
	switch (r->kind) {
	case TOPC_RULE_CONSTRAIN:
		return check_constraints(c, fd, &r->c, r->line, r->field);
	case TOPC_RULE_ONLY_WHEN:
		if ((st = rule_field(c, r, r->other, &other)) != TOPC_OK)
			return st;
		if (other->kind == TOPC_FIELD_OBJECT)
			return check_bad(c, r->line, NULL,
					 "only_when names %s, an object; name one of its "
					 "fields",
					 r->other);
		if (!topc_field_value_check(other, NULL, r->equals, &why))
			return check_bad(c, r->line, &why,
					 "equals \"%s\" can never be a value of %s: %s", r->equals,
					 r->other, TOPC_PART);
		return TOPC_OK;
	case TOPC_RULE_WINDOW:
		if ((st = rule_field(c, r, r->other, &other)) != TOPC_OK ||
		    (st = check_window_end(c, r, r->field, fd)) != TOPC_OK)
			return st;
		return check_window_end(c, r, r->other, other);
	}
	return TOPC_OK;
}

/* TOP's system parameters (topc_form_is_system_name): topc sets them itself,
 * so a business parameter of one of these names would go out twice or never
 * (send/request.c refuses session and sign by hand, and a system name given
 * to -s overrides the profile's), and TOP's own pages never list one. */
static enum topc_status check_system_names(struct check *c, const struct topc_field *request)
{
	for (size_t i = 0; i < request->nfields; i++)
		if (topc_form_is_system_name(request->fields[i].name))
			CHECK_BAD(c, request->fields[i].line, NULL,
				  "request field %s is a TOP system parameter, which "
				  "topc sets itself and TOP's pages never list as a "
				  "business parameter; remove it from the form (or "
				  "the page's request table)",
				  request->fields[i].name);
	return TOPC_OK;
}

/* The checks; sent is false for a form of settings (topc_form_check_settings). */
static enum topc_status checks(struct check *c, bool sent)
{
	const struct topc_form *f = c->f;
	enum topc_status st;

	if (!f->method || !topc_method_name_ok(f->method))
		CHECK_BAD(c, 0, NULL,
			  "method \"%s\" is not a TOP method name such as "
			  "taobao.tpn.template.message.send",
			  f->method ? f->method : "");
	if ((sent && (st = check_system_names(c, &f->request)) != TOPC_OK) ||
	    (st = check_fields(c, &f->request, "")) != TOPC_OK ||
	    (st = check_fields(c, &f->response, "")) != TOPC_OK)
		return st;
	for (size_t i = 0; i < f->nrules; i++)
		if ((st = check_rule(c, &f->rules[i])) != TOPC_OK && !c->report)
			return st; /* with a reporter, kept: the next rule */
	for (size_t i = 0; i < f->nsuccess; i++) {
		const struct topc_field *fd = topc_field_find(&f->response, f->success[i].field);
		if (!fd || fd->kind == TOPC_FIELD_OBJECT || fd->array)
			CHECK_BAD(c, f->success[i].line, NULL,
				  "success names %s, which is not a plain response field",
				  f->success[i].field);
	}
	return TOPC_OK;
}

static enum topc_status form_check(const struct topc_form *f, bool sent, topc_form_check_fn report,
				   void *ctx, struct topc_error *err)
{
	struct check c = {f, f->path ? f->path : "form", err, report, ctx, {NULL, 0}, 0};
	enum topc_status st = checks(&c, sent);

	if (!report)
		return st;
	if (st != TOPC_OK) { /* out of memory: what was found, then that */
		struct topc_error why = *err;
		(void)report_found(&c);
		*err = why;
		return st;
	}
	return report_found(&c);
}

enum topc_status topc_form_check(const struct topc_form *f, struct topc_error *err)
{
	return form_check(f, true, NULL, NULL, err);
}

enum topc_status topc_form_check_each(const struct topc_form *f, topc_form_check_fn report,
				      void *ctx, struct topc_error *err)
{
	return form_check(f, true, report, ctx, err);
}

enum topc_status topc_form_check_settings(const struct topc_form *f, struct topc_error *err)
{
	return form_check(f, false, NULL, NULL, err);
}

/* ------------------------------------------------------------------ */
/* Equality of the page parts */

struct diff {
	char *what;
	size_t size;
};

static bool differ(struct diff *d, const char *path, const char *what, const char *a, const char *b)
{
	snprintf(d->what, d->size, "%s: %s differs: \"%s\" vs \"%s\"", path, what, a ? a : "(none)",
		 b ? b : "(none)");
	return false;
}

/* differ, for two numbers */
static bool differ_n(struct diff *d, const char *path, const char *what, long long a, long long b)
{
	char x[32], y[32];

	snprintf(x, sizeof(x), "%lld", a);
	snprintf(y, sizeof(y), "%lld", b);
	return differ(d, path, what, x, y);
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool constraints_equal(struct diff *d, const char *path, const struct topc_constraints *a,
			      const struct topc_constraints *b)
{
	char x[64], y[64];

	if (a->nchoices != b->nchoices) {
		return differ_n(d, path, "number of choices", (long long)a->nchoices,
				(long long)b->nchoices);
	}
	for (size_t i = 0; i < a->nchoices; i++) {
		if (!same_str(a->choices[i].value, b->choices[i].value))
			return differ(d, path, "choice", a->choices[i].value, b->choices[i].value);
		if (!same_str(a->choices[i].label, b->choices[i].label))
			return differ(d, path, "choice label", a->choices[i].label,
				      b->choices[i].label);
	}
	if (a->has_min != b->has_min || a->min != b->min || a->has_max != b->has_max ||
	    a->max != b->max) {
		snprintf(x, sizeof(x), "%lld..%lld", a->has_min ? (long long)a->min : 0,
			 a->has_max ? (long long)a->max : 0);
		snprintf(y, sizeof(y), "%lld..%lld", b->has_min ? (long long)b->min : 0,
			 b->has_max ? (long long)b->max : 0);
		return differ(d, path, "range", x, y);
	}
	if (a->max_length != b->max_length) {
		return differ_n(d, path, "max_length", (long long)a->max_length,
				(long long)b->max_length);
	}
	if (a->max_list_size != b->max_list_size) {
		return differ_n(d, path, "max_list_size", (long long)a->max_list_size,
				(long long)b->max_list_size);
	}
	if (!same_str(a->format, b->format))
		return differ(d, path, "format", a->format, b->format);
	if (a->unique != b->unique)
		return differ(d, path, "unique", topc_unique_name(a->unique),
			      topc_unique_name(b->unique));
	return true;
}

static bool fields_equal(struct diff *d, const char *prefix, const struct topc_field *a,
			 const struct topc_field *b)
{
	if (a->nfields != b->nfields) {
		return differ_n(d, *prefix ? prefix : "(top)", "number of fields",
				(long long)a->nfields, (long long)b->nfields);
	}
	for (size_t i = 0; i < a->nfields; i++) {
		const struct topc_field *fa = &a->fields[i], *fb = &b->fields[i];
		char path[512];
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", fa->name);
		if (!same_str(fa->name, fb->name))
			return differ(d, path, "name", fa->name, fb->name);
		if (!same_str(fa->type, fb->type))
			return differ(d, path, "type", fa->type, fb->type);
		if (fa->required != fb->required)
			return differ(d, path, "required", fa->required ? "true" : "false",
				      fb->required ? "true" : "false");
		if (!same_str(fa->example, fb->example))
			return differ(d, path, "example", fa->example, fb->example);
		if (!same_str(fa->default_value, fb->default_value))
			return differ(d, path, "default", fa->default_value, fb->default_value);
		if (!same_str(fa->description, fb->description))
			return differ(d, path, "description", fa->description, fb->description);
		if (!constraints_equal(d, path, &fa->c, &fb->c))
			return false;
		if (!constraints_equal(d, path, &fa->prose, &fb->prose)) {
			size_t len = strlen(d->what);
			snprintf(d->what + len, d->size - len, " (in prose)");
			return false;
		}
		if (!fields_equal(d, path, fa, fb))
			return false;
	}
	return true;
}

static bool success_equal(struct diff *d, const struct topc_form *a, const struct topc_form *b)
{
	if (a->nsuccess != b->nsuccess) {
		return differ_n(d, "success", "number of rules", (long long)a->nsuccess,
				(long long)b->nsuccess);
	}
	for (size_t i = 0; i < a->nsuccess; i++) {
		const struct topc_success_rule *ra = &a->success[i], *rb = &b->success[i];
		if (!same_str(ra->field, rb->field))
			return differ(d, "success", "field", ra->field, rb->field);
		if (ra->nvalues != rb->nvalues)
			return differ(d, ra->field, "success values", ra->values[0],
				      rb->nvalues ? rb->values[0] : NULL);
		for (size_t j = 0; j < ra->nvalues; j++)
			if (!same_str(ra->values[j], rb->values[j]))
				return differ(d, ra->field, "success value", ra->values[j],
					      rb->values[j]);
	}
	return true;
}

bool topc_form_equal(const struct topc_form *a, const struct topc_form *b, char *what,
		     size_t what_size)
{
	struct diff d = {what, what_size};

	if (!same_str(a->method, b->method))
		return differ(&d, "form", "method", a->method, b->method);
	if (!same_str(a->title, b->title))
		return differ(&d, "form", "title", a->title, b->title);
	if (!same_str(a->summary, b->summary))
		return differ(&d, "form", "summary", a->summary, b->summary);
	if (!same_str(a->category, b->category))
		return differ(&d, "form", "category", a->category, b->category);
	if (!fields_equal(&d, "request", &a->request, &b->request) ||
	    !fields_equal(&d, "response", &a->response, &b->response))
		return false;
	if (a->session != b->session)
		return differ(&d, "form", "session", a->session ? "true" : "false",
			      b->session ? "true" : "false");
	if (!success_equal(&d, a, b))
		return false;
	if (a->error.present != b->error.present || a->error.code != b->error.code)
		return differ_n(&d, "error", "code", a->error.present ? a->error.code : -1,
				b->error.present ? b->error.code : -1);
	if (!same_str(a->error.msg, b->error.msg))
		return differ(&d, "error", "msg", a->error.msg, b->error.msg);
	if (!same_str(a->error.sub_code, b->error.sub_code))
		return differ(&d, "error", "sub_code", a->error.sub_code, b->error.sub_code);
	if (!same_str(a->error.sub_msg, b->error.sub_msg))
		return differ(&d, "error", "sub_msg", a->error.sub_msg, b->error.sub_msg);
	if (what_size)
		what[0] = '\0';
	return true;
}
