/* form_value.c - filled forms: values by path, validation, serialization. */
#include "form/form_value.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/number.h"
#include "base/utf8.h"
#include "ext/json.h"
#include "form/form_json.h"
#include "form/form_type.h"
#include "form/form_value_internal.h"

/* ------------------------------------------------------------------ */
/* Problems */

void topc_form_problems_init(struct topc_form_problems *p)
{
	memset(p, 0, sizeof(*p));
}

void topc_form_problems_release(struct topc_form_problems *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].path);
		free(p->items[i].msg);
		free(p->items[i].english);
	}
	free(p->items);
	topc_form_problems_init(p);
}

static void problem_vadd(struct topc_form_problems *p, const char *path, bool missing,
			 enum topc_severity severity, const struct topc_error *part,
			 const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

static void problem_vadd(struct topc_form_problems *p, const char *path, bool missing,
			 enum topc_severity severity, const struct topc_error *part,
			 const char *fmt, va_list ap)
{
	struct topc_form_problem *items;
	char *text, *english, shown[TOPC_UTF8_SHORT_SIZE];
	va_list aq;

	items = realloc(p->items, (p->count + 1) * sizeof(*items));
	if (!items)
		return;
	p->items = items;
	va_copy(aq, ap);
	english = part ? topc_vstrf_part(part->english, fmt, ap) : topc_vstrf(fmt, ap);
	text = part ? topc_vstrf_part(part->msg, _(fmt), aq) : topc_vstrf(_(fmt), aq);
	va_end(aq);
	items[p->count].path = strdup(path);
	items[p->count].missing = missing;
	items[p->count].severity = severity;
	/* the path whole for programs (.path), named short in the sentences */
	topc_utf8_short(path, shown);
	items[p->count].msg = text ? topc_strf("%s: %s", shown, text) : NULL;
	items[p->count].english = english ? topc_strf("%s: %s", shown, english) : NULL;
	free(text);
	free(english);
	if (items[p->count].path && items[p->count].msg && items[p->count].english)
		p->count++;
	else {
		free(items[p->count].path);
		free(items[p->count].msg);
		free(items[p->count].english);
	}
}

void topc_form_problem_add(struct topc_form_problems *p, const char *path, bool missing,
			   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	problem_vadd(p, path, missing, TOPC_SEVERITY_ERROR, NULL, fmt, ap);
	va_end(ap);
}

void topc_form_problem_addv(struct topc_form_problems *p, const char *path, bool missing,
			    enum topc_severity s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	problem_vadd(p, path, missing, s, NULL, fmt, ap);
	va_end(ap);
}

void topc_form_problem_addp(struct topc_form_problems *p, const char *path, bool missing,
			    enum topc_severity s, const struct topc_error *part, const char *fmt,
			    ...)
{
	va_list ap;

	va_start(ap, fmt);
	problem_vadd(p, path, missing, s, part, fmt, ap);
	va_end(ap);
}

size_t topc_form_problems_count(const struct topc_form_problems *p, enum topc_severity s)
{
	size_t n = 0;

	for (size_t i = 0; i < p->count; i++)
		n += p->items[i].severity == s;
	return n;
}

enum topc_status topc_form_problem_error(const struct topc_form_problem *p, struct topc_error *err)
{
	if (!err)
		return TOPC_ERR_INPUT;
	err->code = TOPC_ERR_INPUT;
	snprintf(err->msg, sizeof(err->msg), "%s", p->msg);
	snprintf(err->english, sizeof(err->english), "%s", p->english);
	topc_utf8_clip(err->msg);
	topc_utf8_clip(err->english);
	return TOPC_ERR_INPUT;
}

void topc_form_problems_strict(struct topc_form_problems *p)
{
	for (size_t i = 0; i < p->count; i++)
		p->items[i].severity = TOPC_SEVERITY_ERROR;
}

const char *topc_severity_name(enum topc_severity s)
{
	return s == TOPC_SEVERITY_WARNING ? "warning" : "error";
}

/* ------------------------------------------------------------------ */
/* Arrays, element by element */

struct collected {
	char **elems;
	size_t n;
};

static bool collect(const char *elem, void *ctx)
{
	struct collected *c = ctx;
	char **more = realloc(c->elems, (c->n + 1) * sizeof(*more));

	if (!more)
		return false;
	c->elems = more;
	if (!(c->elems[c->n] = strdup(elem)))
		return false;
	c->n++;
	return true;
}

bool topc_array_split(const struct topc_field *fd, const char *value, char ***elems, size_t *n)
{
	struct collected c = {NULL, 0};
	char why[200];
	bool ok = true;

	*elems = NULL;
	*n = 0;
	if (!value || !*value)
		return true;
	if (fd->kind == TOPC_FIELD_OBJECT) {
		struct topc_jnode arr;
		ok = topc_jnode_parse_kind(value, TOPC_J_ARRAY, &arr, why, sizeof(why));
		for (size_t i = 0; ok && i < arr.nkids; i++) {
			struct topc_buf text;
			topc_buf_init(&text, 0);
			ok = topc_jnode_write(&arr.kids[i], &text) == TOPC_OK &&
			     collect(topc_buf_str(&text), &c);
			topc_buf_release(&text);
		}
		topc_jnode_release(&arr);
	} else {
		ok = topc_form_each_element(value, collect, &c, why, sizeof(why));
	}
	if (!ok) {
		topc_array_free(c.elems, c.n);
		return false;
	}
	*elems = c.elems;
	*n = c.n;
	return true;
}

char *topc_array_join(const struct topc_field *fd, char *const *elems, size_t n)
{
	struct topc_buf b;
	bool list = fd->kind != TOPC_FIELD_OBJECT;
	enum topc_status st;

	/* a comma list unless an element would be misread in one */
	for (size_t i = 0; i < n && list; i++)
		if (strchr(elems[i], ',') || (i == 0 && elems[i][0] == '[') ||
		    (n == 1 && !*elems[0]))
			list = false;
	/* a comma list as given, structures' JSON as given inside [ ], or a
	 * JSON array of strings */
	topc_buf_init(&b, 0);
	st = topc_buf_adds(&b, list ? "" : "[");
	for (size_t i = 0; i < n && st == TOPC_OK; i++) {
		st = i ? topc_buf_addc(&b, ',') : TOPC_OK;
		if (st == TOPC_OK)
			st = list || fd->kind == TOPC_FIELD_OBJECT ? topc_buf_adds(&b, elems[i])
								   : topc_json_quote(&b, elems[i]);
	}
	if (st != TOPC_OK || topc_buf_adds(&b, list ? "" : "]") != TOPC_OK)
		return NULL;
	if (n == 0)
		topc_buf_reset(&b);
	return topc_buf_detach(&b, NULL);
}

void topc_array_free(char **elems, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(elems[i]);
	free(elems);
}

/* ------------------------------------------------------------------ */
/* Paths in a filled form */

static bool under(const char *name, const char *prefix, size_t plen)
{
	return strncmp(name, prefix, plen) == 0 && name[plen] == '.';
}

bool topc_form_path_within(const char *name, const char *path)
{
	size_t n = strlen(path);

	return strncmp(name, path, n) == 0 && (name[n] == '\0' || name[n] == '.');
}

bool topc_form_has_under(const struct topc_params *values, const char *path)
{
	size_t plen = strlen(path);

	for (size_t i = 0; i < values->count; i++)
		if (values->items[i].value[0] && under(values->items[i].name, path, plen))
			return true;
	return false;
}

static void remove_under(struct topc_params *values, const char *path)
{
	size_t plen = strlen(path);

	for (size_t i = values->count; i-- > 0;)
		if (strcmp(values->items[i].name, path) == 0 ||
		    under(values->items[i].name, path, plen))
			topc_params_remove(values, values->items[i].name);
}

const char *topc_form_value_of(const struct topc_params *values, const char *path)
{
	const char *v = topc_params_get(values, path);

	return v && *v ? v : NULL;
}

static bool present(const struct topc_params *values, const struct topc_field *fd, const char *path)
{
	if (fd->kind == TOPC_FIELD_OBJECT && !fd->array)
		return topc_form_has_under(values, path);
	return topc_form_value_of(values, path) != NULL;
}

/* The value a field will be sent with: its own, or the default of a
 * required field. */
static const char *effective(const struct topc_params *values, const struct topc_field *fd,
			     const char *path)
{
	const char *v = topc_form_value_of(values, path);

	return v ? v : fd->default_value;
}

/* Spreads a JSON object into values under prefix.  Strict: unknown keys are
 * problems (a person typed them); lenient: ignored (a gateway reading what
 * a client sent, as TOP does). */
void topc_form_spread(const struct topc_jnode *obj, const struct topc_field *fd, const char *prefix,
		      bool strict, struct topc_params *values, struct topc_form_problems *problems)
{
	for (size_t k = 0; k < obj->nkids; k++) {
		const struct topc_jnode *item = &obj->kids[k];
		const struct topc_field *child = NULL;
		char path[512], num[32], shown[TOPC_UTF8_SHORT_SIZE];
		struct topc_buf text;

		snprintf(path, sizeof(path), "%s.%s", prefix, item->key);
		for (size_t i = 0; i < fd->nfields; i++)
			if (strcmp(fd->fields[i].name, item->key) == 0)
				child = &fd->fields[i];
		if (!child) {
			if (strict)
				topc_form_problem_add(problems, path, false,
						      "%s has no field \"%s\"", fd->type,
						      topc_utf8_short(item->key, shown));
			continue;
		}
		if (child->kind == TOPC_FIELD_OBJECT && !child->array) {
			if (item->kind == TOPC_J_OBJECT)
				topc_form_spread(item, child, path, strict, values, problems);
			else if (item->kind != TOPC_J_NULL)
				topc_form_problem_add(problems, path, false,
						      "is a %s, so it must be a JSON object",
						      child->type);
			continue;
		}
		if (item->kind == TOPC_J_NULL)
			continue; /* the SDK leaves a null field out */
		/* strings as their text (empty kept: the SDK sends "content":""),
		 * numbers exactly as written, the rest as compact JSON */
		topc_buf_init(&text, 0);
		if (item->kind == TOPC_J_NUMBER && child->kind == TOPC_FIELD_NUMBER &&
		    !child->array && topc_integer_canonical(item->text, num, sizeof(num)))
			topc_params_set(values, path, num); /* -0 is sent as 0: kept so */
		else if (item->kind == TOPC_J_STRING || item->kind == TOPC_J_NUMBER ||
			 topc_jnode_write(item, &text) == TOPC_OK)
			topc_params_set(values, path,
					item->text && item->kind != TOPC_J_ARRAY &&
						item->kind != TOPC_J_OBJECT
					    ? item->text
					    : topc_buf_str(&text));
		topc_buf_release(&text);
	}
}

enum topc_status topc_form_set(const struct topc_form *f, struct topc_params *values,
			       const char *path, const char *value, struct topc_error *err)
{
	const struct topc_field *fd = topc_field_find(&f->request, path);
	char near[256], canonical[32];

	if (!fd) {
		char shown[TOPC_UTF8_SHORT_SIZE];
		topc_utf8_short(path, shown);
		topc_field_suggest(&f->request, path, near, sizeof(near));
		if (*near)
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "%s has no field %s; did you mean %s?", f->method,
					      shown, near);
		return topc_error_set(err, TOPC_ERR_INPUT, "%s has no field %s", f->method, shown);
	}
	if (fd->kind == TOPC_FIELD_OBJECT && !fd->array) {
		struct topc_form_problems problems;
		struct topc_jnode obj;
		struct topc_error why;
		enum topc_status st = TOPC_OK;
		remove_under(values, path);
		if (!*value)
			return TOPC_OK;
		if (!topc_jnode_read_kind(value, TOPC_J_OBJECT, &obj, &why))
			return topc_error_setp(err, TOPC_ERR_INPUT, &why,
					       "%s is a %s: set its fields (%s.%s=...) "
					       "or give a JSON object (this one %s)",
					       path, fd->type, path, fd->fields[0].name, TOPC_PART);
		topc_form_problems_init(&problems);
		topc_form_spread(&obj, fd, path, true, values, &problems);
		if (problems.count)
			st = topc_form_problem_error(&problems.items[0], err);
		topc_form_problems_release(&problems);
		topc_jnode_release(&obj);
		return st;
	}
	if (!*value) {
		topc_params_remove(values, path);
		return TOPC_OK;
	}
	/* A Number goes out as the SDK's Long.toString writes it (007 -> 7,
	 * -0 -> 0): kept so, the form, the history and the drafts show what
	 * is sent.  Anything else stays as typed for validation to name. */
	if (fd->kind == TOPC_FIELD_NUMBER && !fd->array &&
	    topc_integer_canonical(value, canonical, sizeof(canonical)))
		value = canonical;
	return topc_params_set(values, path, value) == TOPC_OK
		   ? TOPC_OK
		   : topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
}

/* ------------------------------------------------------------------ */
/* Validation */

struct validate {
	const struct topc_form *f;
	const struct topc_params *values;
	const struct topc_params *raw;
	struct topc_form_problems *out;
};

static void validate_object(struct validate *v, const struct topc_field *parent, const char *prefix,
			    const struct topc_params *values);

static enum topc_severity rule_severity(const struct topc_rule *r)
{
	return r->formal ? TOPC_SEVERITY_ERROR : TOPC_SEVERITY_WARNING;
}

/* why, then the rule's note as the form file writes it (when it has one) */
static void add_with_note(struct validate *v, const char *path, const struct topc_rule *r,
			  const struct topc_error *why)
{
	if (r->note)
		topc_form_problem_addp(v->out, path, false, rule_severity(r), why, "%s; %s",
				       TOPC_PART, r->note);
	else
		topc_form_problem_addp(v->out, path, false, rule_severity(r), why, "%s", TOPC_PART);
}

static void validate_rules_on(struct validate *v, const struct topc_field *fd, const char *path,
			      const char *value)
{
	struct topc_error why;

	for (size_t i = 0; i < v->f->nrules; i++) {
		const struct topc_rule *r = &v->f->rules[i];
		if (r->kind != TOPC_RULE_CONSTRAIN || strcmp(r->field, path) != 0 ||
		    topc_field_value_check(fd, &r->c, value, &why))
			continue;
		add_with_note(v, path, r, &why);
	}
}

static void validate_struct_array(struct validate *v, const struct topc_field *fd, const char *path,
				  const char *value)
{
	struct topc_jnode arr;
	char why[256];

	if (!topc_jnode_parse_kind(value, TOPC_J_ARRAY, &arr, why, sizeof(why)))
		return;
	for (size_t i = 0; i < arr.nkids; i++) {
		const struct topc_jnode *e = &arr.kids[i];
		struct topc_params one;
		char at[512];
		int w = snprintf(at, sizeof(at), "%s[%zu]", path, i);
		if (w < 0 || (size_t)w >= sizeof(at))
			break;
		if (e->kind != TOPC_J_OBJECT) {
			topc_form_problem_add(v->out, at, false, "is not a JSON object");
			continue;
		}
		topc_params_init(&one);
		topc_form_spread(e, fd, at, true, &one, v->out);
		validate_object(v, fd, at, &one);
		topc_params_release(&one);
	}
	topc_jnode_release(&arr);
}

/* Java's Character.isWhitespace: the ASCII controls \t-\r and
 * U+001C-U+001F, space, and the Unicode space, line and paragraph
 * separators but the no-break ones (U+00A0, U+2007, U+202F): so an
 * ideographic space U+3000 is white space to the SDK too. */
static bool java_whitespace(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x2006) || (cp >= 0x2008 && cp <= 0x200a) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x205f || cp == 0x3000;
}

/* Java's String.trim() takes away every character up to U+0020: true when
 * nothing is left. */
static bool java_trims_to_empty(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s > 0x20)
			return false;
	return true;
}

bool topc_value_blank(const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t n = topc_utf8_next(s + i, len - i, &cp);
		if (!n || !java_whitespace(cp))
			return false;
		i += n;
	}
	return true;
}

struct comma_find {
	size_t n;  /* elements seen */
	size_t at; /* the first (1-based) holding a comma; 0: none */
};

static bool find_comma(const char *elem, void *ctx)
{
	struct comma_find *c = ctx;

	c->n++;
	if (strchr(elem, ',')) {
		c->at = c->n;
		return false;
	}
	return true;
}

static void validate_field(struct validate *v, const struct topc_field *fd, const char *path,
			   const struct topc_params *values)
{
	struct topc_error why;
	const char *value;
	const struct topc_constraints *date_rule = NULL;

	if (fd->kind == TOPC_FIELD_OBJECT && !fd->array) {
		if (topc_form_has_under(values, path))
			validate_object(v, fd, path, values);
		else if (fd->required)
			topc_form_problem_add(v->out, path, true,
					      "required %s: set at least one of its fields",
					      fd->type);
		return;
	}
	value = topc_form_value_of(values, path);
	if (!value) {
		if (fd->required && !fd->default_value)
			topc_form_problem_add(v->out, path, true, "required %s, not set", fd->type);
		return;
	}
	if (!strchr(path, '.') && topc_value_blank(value)) {
		/* the SDK's StringUtils.isEmpty: white space only is empty; its
		 * check() calls a required one missing (40), and its TaobaoHashMap
		 * does not send an optional one */
		if (fd->required)
			topc_form_problem_add(v->out, path, true,
					      "required %s, only white space; the SDK counts that "
					      "as not set",
					      fd->type);
		else
			topc_form_problem_addv(v->out, path, false, TOPC_SEVERITY_WARNING,
					       "only white space: not sent, as the Java SDK's "
					       "TaobaoHashMap leaves it out");
		if (fd->required)
			return;
	}
	if (!strchr(path, '.') && fd->required && java_trims_to_empty(value)) {
		/* RequestCheckUtils.checkNotEmpty: value.trim().length() == 0,
		 * and String.trim() takes away every character up to U+0020,
		 * controls such as U+0001 that are no white space included: the
		 * SDK's check() refuses such a required value (40) */
		topc_form_problem_add(v->out, path, true,
				      "required %s, only control characters and spaces; the SDK's "
				      "check() trims them away and counts it as not set",
				      fd->type);
		return;
	}
	/* A Date's format may come from a rule; it replaces yyyy-MM-dd HH:mm:ss. */
	for (size_t i = 0; i < v->f->nrules && fd->kind == TOPC_FIELD_DATE; i++)
		if (v->f->rules[i].kind == TOPC_RULE_CONSTRAIN && v->f->rules[i].c.format &&
		    strcmp(v->f->rules[i].field, path) == 0)
			date_rule = &v->f->rules[i].c;
	if (!topc_field_value_check(fd, date_rule, value, &why)) {
		topc_form_problem_addp(v->out, path, false, TOPC_SEVERITY_ERROR, &why, "%s",
				       TOPC_PART);
		return;
	}
	if (!strchr(path, '.') && fd->array && fd->kind != TOPC_FIELD_OBJECT && value[0] == '[') {
		/* A top-level basic array goes out as a comma list
		 * (TOP_PROTOCOL.md 3.3: the Java SDK's setter takes the String as
		 * typed, setNumIids("123456,234567"); .NET ConvertBasicList is
		 * string.Join(",")): an element holding a comma would reach the
		 * server as two, and no SDK can express it either. */
		struct comma_find c = {0, 0};
		if (!topc_form_each_element(value, find_comma, &c, NULL, 0) && c.at) {
			topc_form_problem_add(
			    v->out, path, false,
			    "element %zu holds a comma, which the comma list this "
			    "field is sent as cannot carry (the server would read "
			    "it as two elements); split it or leave the comma out",
			    c.at);
			return;
		}
	}
	if (!topc_field_prose_check(fd, value, &why))
		topc_form_problem_addp(v->out, path, false, TOPC_SEVERITY_WARNING, &why,
				       "%s (from the description, which TOP does not check)",
				       TOPC_PART);
	if (fd->kind == TOPC_FIELD_OBJECT)
		validate_struct_array(v, fd, path, value);
	else
		validate_rules_on(v, fd, path, value);
}

static void validate_object(struct validate *v, const struct topc_field *parent, const char *prefix,
			    const struct topc_params *values)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *fd = &parent->fields[i];
		char path[512];
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", fd->name);
		if (!*prefix && v->raw && topc_params_get(v->raw, fd->name))
			continue;
		validate_field(v, fd, path, values);
	}
}

static void validate_paths(struct validate *v)
{
	char near[256];

	for (size_t i = 0; i < v->values->count; i++) {
		const char *name = v->values->items[i].name;
		const struct topc_field *fd = topc_field_find(&v->f->request, name);
		if (!v->values->items[i].value[0])
			continue;
		if (!fd) {
			topc_field_suggest(&v->f->request, name, near, sizeof(near));
			if (*near)
				topc_form_problem_add(v->out, name, false,
						      "%s has no such field; did you mean %s?",
						      v->f->method, near);
			else
				topc_form_problem_add(v->out, name, false, "%s has no such field",
						      v->f->method);
		} else if (fd->kind == TOPC_FIELD_OBJECT && !fd->array) {
			topc_form_problem_add(v->out, name, false,
					      "is a %s; set its fields one by one", fd->type);
		}
	}
}

static void validate_only_when(struct validate *v, const struct topc_rule *r)
{
	const struct topc_field *fd = topc_field_find(&v->f->request, r->field);
	const struct topc_field *other = topc_field_find(&v->f->request, r->other);
	const char *actual;
	struct topc_error why;

	if (!fd || !other || !present(v->values, fd, r->field))
		return;
	actual = effective(v->values, other, r->other);
	if (actual && strcmp(actual, r->equals) == 0)
		return;
	if (actual)
		topc_error_set(&why, TOPC_ERR_INPUT, "may be set only when %s is %s (it is %s)",
			       r->other, r->equals, actual);
	else
		topc_error_set(&why, TOPC_ERR_INPUT,
			       "may be set only when %s is %s (it is not set)", r->other,
			       r->equals);
	add_with_note(v, r->field, r, &why);
}

static void validate_window(struct validate *v, const struct topc_rule *r)
{
	const char *start = topc_form_value_of(v->values, r->field),
		   *end = topc_form_value_of(v->values, r->other);
	const char *fs = topc_form_format(v->f, r->field), *fe = topc_form_format(v->f, r->other);
	int64_t a, b;

	if (!start && !end)
		return;
	if (!start || !end) {
		topc_form_problem_addv(v->out, start ? r->other : r->field, true, rule_severity(r),
				       "goes with %s; set both or neither",
				       start ? r->field : r->other);
		return;
	}
	if (!fs || !fe || !topc_date_match(fs, start, &a) || !topc_date_match(fe, end, &b))
		return; /* the fields' own format check has said so */
	if (b <= a)
		topc_form_problem_addv(v->out, r->other, false, rule_severity(r),
				       "%s is not after %s (%s)", end, r->field, start);
	else if (b - a > r->max_minutes) {
		struct topc_error why;
		topc_error_set(&why, TOPC_ERR_INPUT,
			       "is %lld minutes after %s; at most %lld allowed", (long long)(b - a),
			       r->field, (long long)r->max_minutes);
		add_with_note(v, r->other, r, &why);
	}
}

bool topc_form_validate(const struct topc_form *f, const struct topc_params *values,
			const struct topc_params *raw, struct topc_form_problems *out)
{
	struct validate v = {f, values, raw, out};
	size_t before = topc_form_problems_count(out, TOPC_SEVERITY_ERROR);

	validate_paths(&v);
	validate_object(&v, &f->request, "", values);
	for (size_t i = 0; i < f->nrules; i++) {
		const struct topc_rule *r = &f->rules[i];
		if (raw && (topc_params_get(raw, r->field) ||
			    (r->other && topc_params_get(raw, r->other))))
			continue;
		if (r->kind == TOPC_RULE_ONLY_WHEN)
			validate_only_when(&v, r);
		else if (r->kind == TOPC_RULE_WINDOW)
			validate_window(&v, r);
	}
	return topc_form_problems_count(out, TOPC_SEVERITY_ERROR) == before;
}
