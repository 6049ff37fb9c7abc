/* form_read.c - form files into the model: the keys each part may hold,
 * typed lookups through the libconfig adapter, problems named by file and
 * line.  The whole form is checked by form_check.c once read. */
#include "form/form_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/buf.h"
#include "base/file.h"
#include "base/suggest.h"
#include "ext/conf.h"
#include "form/form_check.h"

#define FORM_FILE_MAX (4u << 20)

struct load {
	const char *name; /* the file, in messages */
	struct topc_error *err;
};

/* Every key a field, a rule and the file may hold. */
static const char *const field_keys[] = {
    "name", "type",	  "required",	   "example", "default", "description", "choices", "min",
    "max",  "max_length", "max_list_size", "format",  "unique",	 "fields",	"prose",
};
static const char *const prose_keys[] = {
    "choices", "min", "max", "max_length", "max_list_size", "format",
};
static const char *const rule_keys[] = {
    "field",	 "only_when", "equals", "start", "end",	       "max_minutes",
    "max_hours", "choices",   "min",	"max",	 "max_length", "max_list_size",
    "format",	 "unique",    "note",	"from",
};
static const char *const success_keys[] = {"field", "values"};
static const char *const top_keys[] = {
    "method", "title", "summary", "category", "request",	"response",
    "error",  "rules", "success", "session",  "compare_ignore",
};
static const char *const error_keys[] = {"code", "msg", "sub_code", "sub_msg"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* "file:line: what" at setting s, part (NULL: none) standing for TOPC_PART
 * in fmt */
static enum topc_status read_bad(struct load *l, const struct topc_conf_node *s,
				 const struct topc_error *part, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum topc_status read_bad(struct load *l, const struct topc_conf_node *s,
				 const struct topc_error *part, const char *fmt, ...)
{
	va_list ap;
	enum topc_status st;

	va_start(ap, fmt);
	st = topc_error_vatp(l->err, TOPC_ERR_INPUT, l->name, topc_conf_line(s), part, fmt, ap);
	va_end(ap);
	return st;
}

/* what: an N_() phrase naming the group ("a field") */
static enum topc_status check_keys(struct load *l, const struct topc_conf_node *group,
				   const char *const *keys, size_t nkeys, const char *what)
{
	int n = (int)topc_conf_count(group);

	for (int i = 0; i < n; i++) {
		const struct topc_conf_node *s = topc_conf_elem(group, (size_t)i);
		const char *name = topc_conf_name(s);
		bool known = false;
		for (size_t k = 0; k < nkeys; k++)
			known = known || strcmp(name, keys[k]) == 0;
		if (!known) {
			const char *near = topc_nearest(name, keys, nkeys, 3);
			struct topc_error in;
			topc_error_text(&in, TOPC_ERR_INPUT, what);
			if (near)
				return read_bad(l, s, &in,
						"unknown key \"%s\" in %s; did you mean \"%s\"?",
						name, TOPC_PART, near);
			return read_bad(l, s, &in, "unknown key \"%s\" in %s", name, TOPC_PART);
		}
	}
	return TOPC_OK;
}

static enum topc_status get_string(struct load *l, const struct topc_conf_node *group,
				   const char *key, char **out)
{
	const struct topc_conf_node *s = topc_conf_member(group, key);
	const char *v;

	if (!s)
		return TOPC_OK;
	v = topc_conf_string(s);
	if (!v)
		return read_bad(l, s, NULL, "%s must be a string in double quotes", key);
	*out = strdup(v);
	return *out ? TOPC_OK : topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
}

static enum topc_status get_int64(struct load *l, const struct topc_conf_node *group,
				  const char *key, bool *has, int64_t *out)
{
	const struct topc_conf_node *s = topc_conf_member(group, key);

	if (!s)
		return TOPC_OK;
	if (topc_conf_type(s) != TOPC_CONF_INT)
		return read_bad(l, s, NULL, "%s must be a whole number", key);
	*out = topc_conf_int(s);
	if (has)
		*has = true;
	return TOPC_OK;
}

static enum topc_status get_choices(struct load *l, const struct topc_conf_node *group,
				    struct topc_constraints *c)
{
	const struct topc_conf_node *s = topc_conf_member(group, "choices");
	int n;

	if (!s)
		return TOPC_OK;
	if (!(topc_conf_type(s) == TOPC_CONF_LIST) && !(topc_conf_type(s) == TOPC_CONF_ARRAY))
		return read_bad(l, s, NULL,
				"choices must be a list such as ((\"1\", \"单品\"), (\"2\", "
				"\"活动会场\"))");
	n = (int)topc_conf_count(s);
	if (n == 0)
		return read_bad(l, s, NULL, "choices is empty; remove it or list the values");
	c->choices = calloc((size_t)n, sizeof(*c->choices));
	if (!c->choices)
		return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		const struct topc_conf_node *e = topc_conf_elem(s, (size_t)i);
		const char *value = NULL, *label = "";
		if (topc_conf_type(e) == TOPC_CONF_STRING)
			value = topc_conf_string(e);
		else if (topc_conf_is_aggregate(e) && (int)topc_conf_count(e) == 2) {
			value = topc_conf_string_elem(e, 0);
			label = topc_conf_string_elem(e, 1);
		}
		if (!value || !label || !*value)
			return read_bad(l, e, NULL,
					"choice %d must be (\"VALUE\", \"LABEL\") or \"VALUE\"",
					i + 1);
		c->choices[i].value = strdup(value);
		c->choices[i].label = strdup(label);
		c->nchoices++;
		if (!c->choices[i].value || !c->choices[i].label)
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	}
	return TOPC_OK;
}

static enum topc_status get_constraints(struct load *l, const struct topc_conf_node *group,
					struct topc_constraints *c)
{
	const struct topc_conf_node *s;
	int64_t max_length = 0, max_list = 0;
	char *unique = NULL;
	enum topc_status st;

	if ((st = get_choices(l, group, c)) != TOPC_OK ||
	    (st = get_int64(l, group, "min", &c->has_min, &c->min)) != TOPC_OK ||
	    (st = get_int64(l, group, "max", &c->has_max, &c->max)) != TOPC_OK ||
	    (st = get_int64(l, group, "max_length", NULL, &max_length)) != TOPC_OK ||
	    (st = get_int64(l, group, "max_list_size", NULL, &max_list)) != TOPC_OK ||
	    (st = get_string(l, group, "format", &c->format)) != TOPC_OK ||
	    (st = get_string(l, group, "unique", &unique)) != TOPC_OK)
		return st;
	if ((s = topc_conf_member(group, "max_length")) &&
	    (max_length <= 0 || max_length > 1 << 30))
		return read_bad(l, s, NULL, "max_length must be a positive number of characters");
	if ((s = topc_conf_member(group, "max_list_size")) && (max_list <= 0 || max_list > 1 << 30))
		return read_bad(l, s, NULL, "max_list_size must be a positive number of elements");
	c->max_length = (long)max_length;
	c->max_list_size = (long)max_list;
	s = topc_conf_member(group, "unique");
	if (unique && !topc_unique_parse(unique, &c->unique)) {
		free(unique);
		return read_bad(l, s, NULL, "unique must be \"send\" or \"user\"");
	}
	free(unique);
	return TOPC_OK;
}

static enum topc_status load_fields(struct load *l, const struct topc_conf_node *list,
				    struct topc_field *parent, int depth);

static enum topc_status load_field(struct load *l, const struct topc_conf_node *g,
				   struct topc_field *f, int depth)
{
	const struct topc_conf_node *s;
	enum topc_status st;
	int required = 0;

	f->line = topc_conf_line(g);
	if (!(topc_conf_type(g) == TOPC_CONF_GROUP))
		return read_bad(l, g, NULL, "a field must be a group { name = ...; type = ...; }");
	if ((st = check_keys(l, g, field_keys, COUNT(field_keys), N_("a field"))) != TOPC_OK ||
	    (st = get_string(l, g, "name", &f->name)) != TOPC_OK ||
	    (st = get_string(l, g, "type", &f->type)) != TOPC_OK ||
	    (st = get_string(l, g, "example", &f->example)) != TOPC_OK ||
	    (st = get_string(l, g, "default", &f->default_value)) != TOPC_OK ||
	    (st = get_string(l, g, "description", &f->description)) != TOPC_OK ||
	    (st = get_constraints(l, g, &f->c)) != TOPC_OK)
		return st;
	if (!f->name)
		return read_bad(l, g, NULL, "a field has no name");
	if (!f->type)
		return read_bad(l, g, NULL, "field %s has no type", f->name);
	if (!topc_field_kind_parse(f->type, &f->kind, &f->array))
		return read_bad(l, topc_conf_member(g, "type"), NULL,
				"field %s: type \"%s\" is not a type name", f->name, f->type);
	if ((s = topc_conf_member(g, "required"))) {
		if (topc_conf_type(s) != TOPC_CONF_BOOL)
			return read_bad(l, s, NULL, "required must be true or false");
		required = topc_conf_bool(s);
	}
	f->required = required != 0;
	if ((s = topc_conf_member(g, "prose"))) {
		if (!(topc_conf_type(s) == TOPC_CONF_GROUP))
			return read_bad(
			    l, s, NULL,
			    "prose must be a group { min = 6; max = 48; } of the constraints "
			    "read from the description");
		if ((st = check_keys(l, s, prose_keys, COUNT(prose_keys), N_("prose"))) !=
			TOPC_OK ||
		    (st = get_constraints(l, s, &f->prose)) != TOPC_OK)
			return st;
	}
	if ((s = topc_conf_member(g, "fields"))) {
		if (!(topc_conf_type(s) == TOPC_CONF_LIST))
			return read_bad(l, s, NULL, "fields must be a list ( { ... }, { ... } )");
		if (depth > 16)
			return read_bad(l, s, NULL, "fields nest deeper than 16 levels");
		return load_fields(l, s, f, depth + 1);
	}
	return TOPC_OK;
}

static enum topc_status load_fields(struct load *l, const struct topc_conf_node *list,
				    struct topc_field *parent, int depth)
{
	int n = (int)topc_conf_count(list);

	if (n == 0)
		return TOPC_OK;
	parent->fields = calloc((size_t)n, sizeof(*parent->fields));
	if (!parent->fields)
		return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		enum topc_status st;
		parent->nfields++;
		st = load_field(l, topc_conf_elem(list, (size_t)i), &parent->fields[i], depth);
		if (st != TOPC_OK)
			return st;
	}
	return TOPC_OK;
}

static enum topc_status load_rule(struct load *l, const struct topc_conf_node *g,
				  struct topc_rule *r)
{
	enum topc_status st;
	char *start = NULL, *end = NULL, *from = NULL;
	int64_t hours = 0;
	bool has_hours = false, has_minutes = false;

	r->line = topc_conf_line(g);
	if (!(topc_conf_type(g) == TOPC_CONF_GROUP))
		return read_bad(l, g, NULL, "a rule must be a group { field = ...; ... }");
	if ((st = check_keys(l, g, rule_keys, COUNT(rule_keys), N_("a rule"))) != TOPC_OK ||
	    (st = get_string(l, g, "field", &r->field)) != TOPC_OK ||
	    (st = get_string(l, g, "only_when", &r->other)) != TOPC_OK ||
	    (st = get_string(l, g, "equals", &r->equals)) != TOPC_OK ||
	    (st = get_string(l, g, "note", &r->note)) != TOPC_OK ||
	    (st = get_string(l, g, "start", &start)) != TOPC_OK ||
	    (st = get_string(l, g, "end", &end)) != TOPC_OK ||
	    (st = get_int64(l, g, "max_minutes", &has_minutes, &r->max_minutes)) != TOPC_OK ||
	    (st = get_int64(l, g, "max_hours", &has_hours, &hours)) != TOPC_OK ||
	    (st = get_constraints(l, g, &r->c)) != TOPC_OK ||
	    (st = get_string(l, g, "from", &from)) != TOPC_OK) {
		free(start);
		free(end);
		return st;
	}
	r->formal = from && strcmp(from, "formal") == 0;
	if (from && !r->formal && strcmp(from, "prose") != 0) {
		free(from);
		free(start);
		free(end);
		return read_bad(l, topc_conf_member(g, "from"), NULL,
				"from must be \"formal\" (refused when broken) or \"prose\" (a "
				"warning)");
	}
	free(from);
	if (start || end) {
		r->kind = TOPC_RULE_WINDOW;
		if (r->field || r->other) {
			free(start);
			free(end);
			return read_bad(l, g, NULL,
					"a window rule has start and end, not field or only_when");
		}
		r->field = start;
		r->other = end;
		if (!start || !end)
			return read_bad(l, g, NULL, "a window rule needs both start and end");
		if (has_hours)
			r->max_minutes = hours * 60;
		if ((!has_hours && !has_minutes) || r->max_minutes <= 0)
			return read_bad(l, g, NULL,
					"a window rule needs max_hours or max_minutes above 0");
		return TOPC_OK;
	}
	if (!r->field)
		return read_bad(l, g, NULL,
				"a rule needs field (or start and end for a time window)");
	if (r->other || r->equals) {
		r->kind = TOPC_RULE_ONLY_WHEN;
		if (!r->other || !r->equals)
			return read_bad(l, g, NULL, "only_when and equals go together");
		return TOPC_OK;
	}
	r->kind = TOPC_RULE_CONSTRAIN;
	if (!r->c.nchoices && !r->c.has_min && !r->c.has_max && !r->c.max_length &&
	    !r->c.max_list_size && !r->c.format && r->c.unique == TOPC_UNIQUE_NONE)
		return read_bad(l, g, NULL,
				"rule for %s says nothing; add only_when, format, choices, min, "
				"max, max_length or unique",
				r->field);
	return TOPC_OK;
}

static enum topc_status load_success(struct load *l, const struct topc_conf_node *g,
				     struct topc_success_rule *r)
{
	const struct topc_conf_node *s;
	enum topc_status st;
	int n;

	r->line = topc_conf_line(g);
	if (!(topc_conf_type(g) == TOPC_CONF_GROUP))
		return read_bad(l, g, NULL,
				"a success rule must be a group { field = ...; values = (...); }");
	if ((st = check_keys(l, g, success_keys, COUNT(success_keys), N_("a success rule"))) !=
		TOPC_OK ||
	    (st = get_string(l, g, "field", &r->field)) != TOPC_OK)
		return st;
	s = topc_conf_member(g, "values");
	if (!r->field || !s ||
	    (!(topc_conf_type(s) == TOPC_CONF_LIST) && !(topc_conf_type(s) == TOPC_CONF_ARRAY)) ||
	    (n = (int)topc_conf_count(s)) == 0)
		return read_bad(l, g, NULL,
				"a success rule needs field and values, such as { field = "
				"\"result.success\"; values = (\"true\"); }");
	if (!(r->values = calloc((size_t)n, sizeof(*r->values))))
		return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		const char *v = topc_conf_string_elem(s, (size_t)i);
		if (!v)
			return read_bad(l, s, NULL, "values must be strings in double quotes");
		if (!(r->values[r->nvalues++] = strdup(v)))
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	}
	return TOPC_OK;
}

static enum topc_status load_error_example(struct load *l, const struct topc_conf_node *g,
					   struct topc_error_example *e)
{
	enum topc_status st;
	int64_t code = 0;

	if (!(topc_conf_type(g) == TOPC_CONF_GROUP))
		return read_bad(l, g, NULL, "error must be a group { code = 50; msg = ...; }");
	if ((st = check_keys(l, g, error_keys, COUNT(error_keys), N_("error"))) != TOPC_OK ||
	    (st = get_int64(l, g, "code", &e->present, &code)) != TOPC_OK ||
	    (st = get_string(l, g, "msg", &e->msg)) != TOPC_OK ||
	    (st = get_string(l, g, "sub_code", &e->sub_code)) != TOPC_OK ||
	    (st = get_string(l, g, "sub_msg", &e->sub_msg)) != TOPC_OK)
		return st;
	if (!e->present)
		return read_bad(l, g, NULL, "error needs a code");
	e->code = (long)code;
	return TOPC_OK;
}

/* compare_ignore = [ "msg_id", "*_count" ]: answer fields replay --compare
 * skips for this API */
static enum topc_status load_compare_ignore(struct load *l, const struct topc_conf_node *s,
					    struct topc_form *f)
{
	size_t n = topc_conf_count(s);

	if (topc_conf_type(s) != TOPC_CONF_ARRAY)
		return read_bad(l, s, NULL,
				"compare_ignore must be an array of names [ \"a\", \"b_*\" ]");
	if (!(f->compare_ignore = calloc(n + 1, sizeof(*f->compare_ignore))))
		return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const char *v = topc_conf_string_elem(s, i);
		if (!v || !*v)
			return read_bad(l, s, NULL,
					"compare_ignore holds field names in double quotes");
		if (!(f->compare_ignore[i] = strdup(v)))
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
		f->ncompare_ignore++;
	}
	return TOPC_OK;
}

static enum topc_status load_config(struct load *l, const struct topc_conf *cfg,
				    struct topc_form *f)
{
	const struct topc_conf_node *root = topc_conf_root(cfg), *s;
	enum topc_status st;

	if ((st = check_keys(l, root, top_keys, COUNT(top_keys), N_("the form"))) != TOPC_OK ||
	    (st = get_string(l, root, "method", &f->method)) != TOPC_OK ||
	    (st = get_string(l, root, "title", &f->title)) != TOPC_OK ||
	    (st = get_string(l, root, "summary", &f->summary)) != TOPC_OK ||
	    (st = get_string(l, root, "category", &f->category)) != TOPC_OK)
		return st;
	if (!f->method)
		return topc_error_set(l->err, TOPC_ERR_INPUT,
				      "%s: no method; add method = \"taobao.x.y\";", l->name);
	if ((s = topc_conf_member(root, "request"))) {
		if (!(topc_conf_type(s) == TOPC_CONF_LIST))
			return read_bad(l, s, NULL, "request must be a list ( { ... }, { ... } )");
		if ((st = load_fields(l, s, &f->request, 0)) != TOPC_OK)
			return st;
	}
	if ((s = topc_conf_member(root, "response"))) {
		if (!(topc_conf_type(s) == TOPC_CONF_LIST))
			return read_bad(l, s, NULL, "response must be a list ( { ... }, { ... } )");
		if ((st = load_fields(l, s, &f->response, 0)) != TOPC_OK)
			return st;
	}
	if ((s = topc_conf_member(root, "error")) &&
	    (st = load_error_example(l, s, &f->error)) != TOPC_OK)
		return st;
	if ((s = topc_conf_member(root, "compare_ignore")) &&
	    (st = load_compare_ignore(l, s, f)) != TOPC_OK)
		return st;
	if ((s = topc_conf_member(root, "session"))) {
		if (topc_conf_type(s) != TOPC_CONF_BOOL)
			return read_bad(l, s, NULL, "session must be true or false");
		f->session = topc_conf_bool(s);
	}
	if ((s = topc_conf_member(root, "success"))) {
		int n = (int)topc_conf_count(s);
		if (!(topc_conf_type(s) == TOPC_CONF_LIST))
			return read_bad(l, s, NULL, "success must be a list ( { ... }, { ... } )");
		f->success = calloc((size_t)n + 1, sizeof(*f->success));
		if (!f->success)
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
		for (int i = 0; i < n; i++) {
			f->nsuccess++;
			st = load_success(l, topc_conf_elem(s, (size_t)i), &f->success[i]);
			if (st != TOPC_OK)
				return st;
		}
	}
	if ((s = topc_conf_member(root, "rules"))) {
		int n = (int)topc_conf_count(s);
		if (!(topc_conf_type(s) == TOPC_CONF_LIST))
			return read_bad(l, s, NULL, "rules must be a list ( { ... }, { ... } )");
		f->rules = calloc((size_t)n + 1, sizeof(*f->rules));
		if (!f->rules)
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
		for (int i = 0; i < n; i++) {
			f->nrules++;
			st = load_rule(l, topc_conf_elem(s, (size_t)i), &f->rules[i]);
			if (st != TOPC_OK)
				return st;
		}
	}
	return TOPC_OK;
}

static enum topc_status load_string(const char *text, const char *name, bool sent,
				    topc_form_check_fn report, void *ctx, struct topc_form *f,
				    struct topc_error *err)
{
	struct load l = {name, err};
	struct topc_conf *cfg;
	enum topc_status st;

	topc_form_init(f);
	st = topc_conf_parse(text, name, TOPC_ERR_INPUT, NULL, &cfg, err);
	if (st != TOPC_OK)
		return st;
	st = load_config(&l, cfg, f);
	topc_conf_free(cfg);
	if (st == TOPC_OK && !(f->path = strdup(name)))
		st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	if (st == TOPC_OK)
		st = !sent    ? topc_form_check_settings(f, err)
		     : report ? topc_form_check_each(f, report, ctx, err)
			      : topc_form_check(f, err);
	if (st != TOPC_OK)
		topc_form_release(f);
	return st;
}

enum topc_status topc_form_load_string(const char *text, const char *name, struct topc_form *f,
				       struct topc_error *err)
{
	return load_string(text, name, true, NULL, NULL, f, err);
}

enum topc_status topc_form_load_settings_string(const char *text, const char *name,
						struct topc_form *f, struct topc_error *err)
{
	return load_string(text, name, false, NULL, NULL, f, err);
}

enum topc_status topc_form_load_file(const char *path, struct topc_form *f, struct topc_error *err)
{
	return topc_form_load_file_each(path, NULL, NULL, f, err);
}

enum topc_status topc_form_load_file_each(const char *path, topc_form_check_fn report, void *ctx,
					  struct topc_form *f, struct topc_error *err)
{
	struct topc_buf text;
	enum topc_status st;

	topc_form_init(f);
	topc_buf_init(&text, FORM_FILE_MAX + 1);
	st = topc_file_read(path, FORM_FILE_MAX, &text, err);
	if (st == TOPC_OK && memchr(text.data ? text.data : "", '\0', text.len))
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "%s: contains a NUL byte; a form file is "
				    "UTF-8 text",
				    path);
	if (st == TOPC_OK)
		st = load_string(topc_buf_str(&text), path, true, report, ctx, f, err);
	topc_buf_release(&text);
	return st;
}
