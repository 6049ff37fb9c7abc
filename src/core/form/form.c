/* form.c - the form model: reading, checking, writing and comparing form
 * files.  Values and validation live in form_value.c. */
#include "form/form.h"

#include <ctype.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/suggest.h"

#define FORM_FILE_MAX (4u << 20)

static const char *const kind_names[] = {
#define TOPC_X(id, name) name,
    TOPC_FIELD_KIND_TABLE(TOPC_X)
#undef TOPC_X
};

static const char *const unique_names[] = {
#define TOPC_X(id, name, meaning) name,
    TOPC_UNIQUE_TABLE(TOPC_X)
#undef TOPC_X
};

const char *topc_field_kind_name(enum topc_field_kind kind)
{
	return kind_names[kind] ? kind_names[kind] : "object";
}

const char *topc_unique_name(enum topc_unique u)
{
	return unique_names[u];
}

const char *topc_unique_meaning(enum topc_unique u)
{
	static const char *const meanings[] = {
#define TOPC_X(id, name, meaning) meaning,
	    TOPC_UNIQUE_TABLE(TOPC_X)
#undef TOPC_X
	};
	return meanings[u];
}

bool topc_unique_parse(const char *name, enum topc_unique *u)
{
	for (size_t i = 0; i < sizeof(unique_names) / sizeof(unique_names[0]); i++)
		if (strcmp(name, unique_names[i]) == 0) {
			*u = (enum topc_unique)i;
			return true;
		}
	return false;
}

bool topc_field_kind_parse(const char *type, enum topc_field_kind *kind, bool *array)
{
	size_t len = strlen(type);
	char base[128];

	*array = false;
	if (len >= 2 && strcmp(type + len - 2, "[]") == 0) {
		*array = true;
		len -= 2;
		while (len && type[len - 1] == ' ')
			len--;
	}
	if (len == 0 || len >= sizeof(base) || !isalpha((unsigned char)type[0]))
		return false;
	memcpy(base, type, len);
	base[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)base[i]) && base[i] != '_')
			return false;
	*kind = TOPC_FIELD_OBJECT;
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (kind_names[i] && strcmp(base, kind_names[i]) == 0)
			*kind = (enum topc_field_kind)i;
	return true;
}

/* ------------------------------------------------------------------ */
/* Ownership */

void topc_constraints_release(struct topc_constraints *c)
{
	for (size_t i = 0; i < c->nchoices; i++) {
		free(c->choices[i].value);
		free(c->choices[i].label);
	}
	free(c->choices);
	free(c->format);
	memset(c, 0, sizeof(*c));
}

static void success_release(struct topc_success_rule *r)
{
	for (size_t i = 0; i < r->nvalues; i++)
		free(r->values[i]);
	free(r->values);
	free(r->field);
}

void topc_field_release(struct topc_field *f)
{
	for (size_t i = 0; i < f->nfields; i++)
		topc_field_release(&f->fields[i]);
	free(f->fields);
	free(f->name);
	free(f->type);
	free(f->example);
	free(f->default_value);
	free(f->description);
	topc_constraints_release(&f->c);
	topc_constraints_release(&f->prose);
	memset(f, 0, sizeof(*f));
}

void topc_form_init(struct topc_form *f)
{
	memset(f, 0, sizeof(*f));
	f->request.kind = TOPC_FIELD_OBJECT;
	f->response.kind = TOPC_FIELD_OBJECT;
}

void topc_form_release(struct topc_form *f)
{
	free(f->method);
	free(f->title);
	free(f->summary);
	free(f->category);
	for (size_t i = 0; i < f->ncompare_ignore; i++)
		free(f->compare_ignore[i]);
	free(f->compare_ignore);
	topc_field_release(&f->request);
	topc_field_release(&f->response);
	free(f->error.msg);
	free(f->error.sub_code);
	free(f->error.sub_msg);
	for (size_t i = 0; i < f->nrules; i++) {
		struct topc_rule *r = &f->rules[i];
		free(r->field);
		free(r->other);
		free(r->equals);
		free(r->note);
		topc_constraints_release(&r->c);
	}
	free(f->rules);
	for (size_t i = 0; i < f->nsuccess; i++)
		success_release(&f->success[i]);
	free(f->success);
	free(f->path);
	topc_form_init(f);
}

/* ------------------------------------------------------------------ */
/* Paths */

const struct topc_field *topc_field_find(const struct topc_field *root, const char *path)
{
	const struct topc_field *cur = root;
	const char *p = path;

	while (cur && *p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		const struct topc_field *next = NULL;
		for (size_t i = 0; i < cur->nfields; i++)
			if (strlen(cur->fields[i].name) == len &&
			    memcmp(cur->fields[i].name, p, len) == 0)
				next = &cur->fields[i];
		cur = next;
		p = dot ? dot + 1 : p + len;
		if (dot && !*p)
			return NULL;
	}
	return cur == root ? NULL : cur;
}

void topc_field_suggest(const struct topc_field *root, const char *path, char *suggestion,
			size_t size)
{
	const struct topc_field *cur = root;
	const char *p = path;
	struct topc_buf known;

	topc_buf_init(&known, 1024);
	suggestion[0] = '\0';
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		const struct topc_field *next = NULL;
		char part[128];
		for (size_t i = 0; i < cur->nfields; i++)
			if (strlen(cur->fields[i].name) == len &&
			    memcmp(cur->fields[i].name, p, len) == 0)
				next = &cur->fields[i];
		if (!next) {
			const char **names = calloc(cur->nfields + 1, sizeof(*names));
			const char *best = NULL;
			snprintf(part, sizeof(part), "%.*s", (int)len, p);
			if (names) {
				for (size_t i = 0; i < cur->nfields; i++)
					names[i] = cur->fields[i].name;
				best = topc_nearest(part, names, cur->nfields, len / 3 + 2);
			}
			if (best)
				snprintf(suggestion, size, "%s%s", topc_buf_str(&known), best);
			free(names);
			break;
		}
		if (topc_buf_addf(&known, "%s.", next->name) != TOPC_OK)
			break; /* no suggestion rather than a wrong one */
		cur = next;
		p = dot ? dot + 1 : p + len;
	}
	topc_buf_release(&known);
}

const struct topc_constraints *topc_field_choices(const struct topc_field *f)
{
	return f->c.nchoices ? &f->c : &f->prose;
}

size_t topc_field_count(const struct topc_field *root)
{
	size_t n = root->nfields;

	for (size_t i = 0; i < root->nfields; i++)
		n += topc_field_count(&root->fields[i]);
	return n;
}

/* ------------------------------------------------------------------ */
/* Reading */

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

static enum topc_status at(struct load *l, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum topc_status at(struct load *l, const config_setting_t *s, const char *fmt, ...)
{
	char what[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return topc_error_set(l->err, TOPC_ERR_INPUT, "%s:%d: %s", l->name,
			      s ? config_setting_source_line(s) : 0, what);
}

static enum topc_status check_keys(struct load *l, const config_setting_t *group,
				   const char *const *keys, size_t nkeys, const char *what)
{
	int n = config_setting_length(group);

	for (int i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
		const char *name = config_setting_name(s);
		bool known = false;
		for (size_t k = 0; k < nkeys; k++)
			known = known || strcmp(name, keys[k]) == 0;
		if (!known) {
			const char *near = topc_nearest(name, keys, nkeys, 3);
			return at(l, s, "unknown key \"%s\" in %s%s%s%s", name, what,
				  near ? "; did you mean \"" : "", near ? near : "",
				  near ? "\"?" : "");
		}
	}
	return TOPC_OK;
}

static enum topc_status get_string(struct load *l, const config_setting_t *group, const char *key,
				   char **out)
{
	const config_setting_t *s = config_setting_get_member(group, key);
	const char *v;

	if (!s)
		return TOPC_OK;
	v = config_setting_get_string(s);
	if (!v)
		return at(l, s, "%s must be a string in double quotes", key);
	*out = strdup(v);
	return *out ? TOPC_OK : topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
}

static enum topc_status get_int64(struct load *l, const config_setting_t *group, const char *key,
				  bool *has, int64_t *out)
{
	const config_setting_t *s = config_setting_get_member(group, key);

	if (!s)
		return TOPC_OK;
	if (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64)
		return at(l, s, "%s must be a whole number", key);
	*out = config_setting_get_int64(s);
	if (has)
		*has = true;
	return TOPC_OK;
}

static enum topc_status get_choices(struct load *l, const config_setting_t *group,
				    struct topc_constraints *c)
{
	const config_setting_t *s = config_setting_get_member(group, "choices");
	int n;

	if (!s)
		return TOPC_OK;
	if (!config_setting_is_list(s) && !config_setting_is_array(s))
		return at(l, s,
			  "choices must be a list such as ((\"1\", \"单品\"), (\"2\", "
			  "\"活动会场\"))");
	n = config_setting_length(s);
	if (n == 0)
		return at(l, s, "choices is empty; remove it or list the values");
	c->choices = calloc((size_t)n, sizeof(*c->choices));
	if (!c->choices)
		return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		const char *value = NULL, *label = "";
		if (config_setting_type(e) == CONFIG_TYPE_STRING)
			value = config_setting_get_string(e);
		else if (config_setting_is_aggregate(e) && config_setting_length(e) == 2) {
			value = config_setting_get_string_elem(e, 0);
			label = config_setting_get_string_elem(e, 1);
		}
		if (!value || !label || !*value)
			return at(l, e, "choice %d must be (\"VALUE\", \"LABEL\") or \"VALUE\"",
				  i + 1);
		c->choices[i].value = strdup(value);
		c->choices[i].label = strdup(label);
		c->nchoices++;
		if (!c->choices[i].value || !c->choices[i].label)
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	}
	return TOPC_OK;
}

static enum topc_status get_constraints(struct load *l, const config_setting_t *group,
					struct topc_constraints *c)
{
	const config_setting_t *s;
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
	if ((s = config_setting_get_member(group, "max_length")) &&
	    (max_length <= 0 || max_length > 1 << 30))
		return at(l, s, "max_length must be a positive number of characters");
	if ((s = config_setting_get_member(group, "max_list_size")) &&
	    (max_list <= 0 || max_list > 1 << 30))
		return at(l, s, "max_list_size must be a positive number of elements");
	c->max_length = (long)max_length;
	c->max_list_size = (long)max_list;
	s = config_setting_get_member(group, "unique");
	if (unique && !topc_unique_parse(unique, &c->unique)) {
		free(unique);
		return at(l, s, "unique must be \"send\" or \"user\"");
	}
	free(unique);
	return TOPC_OK;
}

static enum topc_status load_fields(struct load *l, const config_setting_t *list,
				    struct topc_field *parent, int depth);

static enum topc_status load_field(struct load *l, const config_setting_t *g, struct topc_field *f,
				   int depth)
{
	const config_setting_t *s;
	enum topc_status st;
	int required = 0;

	f->line = config_setting_source_line(g);
	if (!config_setting_is_group(g))
		return at(l, g, "a field must be a group { name = ...; type = ...; }");
	if ((st = check_keys(l, g, field_keys, COUNT(field_keys), "a field")) != TOPC_OK ||
	    (st = get_string(l, g, "name", &f->name)) != TOPC_OK ||
	    (st = get_string(l, g, "type", &f->type)) != TOPC_OK ||
	    (st = get_string(l, g, "example", &f->example)) != TOPC_OK ||
	    (st = get_string(l, g, "default", &f->default_value)) != TOPC_OK ||
	    (st = get_string(l, g, "description", &f->description)) != TOPC_OK ||
	    (st = get_constraints(l, g, &f->c)) != TOPC_OK)
		return st;
	if (!f->name)
		return at(l, g, "a field has no name");
	if (!f->type)
		return at(l, g, "field %s has no type", f->name);
	if (!topc_field_kind_parse(f->type, &f->kind, &f->array))
		return at(l, config_setting_get_member(g, "type"),
			  "field %s: type \"%s\" is not a type name", f->name, f->type);
	if ((s = config_setting_get_member(g, "required"))) {
		if (config_setting_type(s) != CONFIG_TYPE_BOOL)
			return at(l, s, "required must be true or false");
		required = config_setting_get_bool(s);
	}
	f->required = required != 0;
	if ((s = config_setting_get_member(g, "prose"))) {
		if (!config_setting_is_group(s))
			return at(l, s,
				  "prose must be a group { min = 6; max = 48; } of the constraints "
				  "read from the description");
		if ((st = check_keys(l, s, prose_keys, COUNT(prose_keys), "prose")) != TOPC_OK ||
		    (st = get_constraints(l, s, &f->prose)) != TOPC_OK)
			return st;
	}
	if ((s = config_setting_get_member(g, "fields"))) {
		if (!config_setting_is_list(s))
			return at(l, s, "fields must be a list ( { ... }, { ... } )");
		if (depth > 16)
			return at(l, s, "fields nest deeper than 16 levels");
		return load_fields(l, s, f, depth + 1);
	}
	return TOPC_OK;
}

static enum topc_status load_fields(struct load *l, const config_setting_t *list,
				    struct topc_field *parent, int depth)
{
	int n = config_setting_length(list);

	if (n == 0)
		return TOPC_OK;
	parent->fields = calloc((size_t)n, sizeof(*parent->fields));
	if (!parent->fields)
		return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		enum topc_status st;
		parent->nfields++;
		st = load_field(l, config_setting_get_elem(list, (unsigned)i), &parent->fields[i],
				depth);
		if (st != TOPC_OK)
			return st;
	}
	return TOPC_OK;
}

static enum topc_status load_rule(struct load *l, const config_setting_t *g, struct topc_rule *r)
{
	enum topc_status st;
	char *start = NULL, *end = NULL, *from = NULL;
	int64_t hours = 0;
	bool has_hours = false, has_minutes = false;

	r->line = config_setting_source_line(g);
	if (!config_setting_is_group(g))
		return at(l, g, "a rule must be a group { field = ...; ... }");
	if ((st = check_keys(l, g, rule_keys, COUNT(rule_keys), "a rule")) != TOPC_OK ||
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
		return at(l, config_setting_get_member(g, "from"),
			  "from must be \"formal\" (refused when broken) or \"prose\" (a "
			  "warning)");
	}
	free(from);
	if (start || end) {
		r->kind = TOPC_RULE_WINDOW;
		if (r->field || r->other) {
			free(start);
			free(end);
			return at(l, g, "a window rule has start and end, not field or only_when");
		}
		r->field = start;
		r->other = end;
		if (!start || !end)
			return at(l, g, "a window rule needs both start and end");
		if (has_hours)
			r->max_minutes = hours * 60;
		if ((!has_hours && !has_minutes) || r->max_minutes <= 0)
			return at(l, g, "a window rule needs max_hours or max_minutes above 0");
		return TOPC_OK;
	}
	if (!r->field)
		return at(l, g, "a rule needs field (or start and end for a time window)");
	if (r->other || r->equals) {
		r->kind = TOPC_RULE_ONLY_WHEN;
		if (!r->other || !r->equals)
			return at(l, g, "only_when and equals go together");
		return TOPC_OK;
	}
	r->kind = TOPC_RULE_CONSTRAIN;
	if (!r->c.nchoices && !r->c.has_min && !r->c.has_max && !r->c.max_length &&
	    !r->c.max_list_size && !r->c.format && r->c.unique == TOPC_UNIQUE_NONE)
		return at(l, g,
			  "rule for %s says nothing; add only_when, format, choices, min, "
			  "max, max_length or unique",
			  r->field);
	return TOPC_OK;
}

static enum topc_status load_success(struct load *l, const config_setting_t *g,
				     struct topc_success_rule *r)
{
	const config_setting_t *s;
	enum topc_status st;
	int n;

	r->line = config_setting_source_line(g);
	if (!config_setting_is_group(g))
		return at(l, g, "a success rule must be a group { field = ...; values = (...); }");
	if ((st = check_keys(l, g, success_keys, COUNT(success_keys), "a success rule")) !=
		TOPC_OK ||
	    (st = get_string(l, g, "field", &r->field)) != TOPC_OK)
		return st;
	s = config_setting_get_member(g, "values");
	if (!r->field || !s || (!config_setting_is_list(s) && !config_setting_is_array(s)) ||
	    (n = config_setting_length(s)) == 0)
		return at(l, g,
			  "a success rule needs field and values, such as { field = "
			  "\"result.success\"; values = (\"true\"); }");
	if (!(r->values = calloc((size_t)n, sizeof(*r->values))))
		return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		const char *v = config_setting_get_string_elem(s, (unsigned)i);
		if (!v)
			return at(l, s, "values must be strings in double quotes");
		if (!(r->values[r->nvalues++] = strdup(v)))
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	}
	return TOPC_OK;
}

static enum topc_status load_error_example(struct load *l, const config_setting_t *g,
					   struct topc_error_example *e)
{
	enum topc_status st;
	int64_t code = 0;

	if (!config_setting_is_group(g))
		return at(l, g, "error must be a group { code = 50; msg = ...; }");
	if ((st = check_keys(l, g, error_keys, COUNT(error_keys), "error")) != TOPC_OK ||
	    (st = get_int64(l, g, "code", &e->present, &code)) != TOPC_OK ||
	    (st = get_string(l, g, "msg", &e->msg)) != TOPC_OK ||
	    (st = get_string(l, g, "sub_code", &e->sub_code)) != TOPC_OK ||
	    (st = get_string(l, g, "sub_msg", &e->sub_msg)) != TOPC_OK)
		return st;
	if (!e->present)
		return at(l, g, "error needs a code");
	e->code = (long)code;
	return TOPC_OK;
}

/* compare_ignore = [ "msg_id", "*_count" ]: answer fields replay --compare
 * skips for this API */
static enum topc_status load_compare_ignore(struct load *l, const config_setting_t *s,
					    struct topc_form *f)
{
	int n = config_setting_length(s);

	if (!config_setting_is_array(s))
		return at(l, s, "compare_ignore must be an array of names [ \"a\", \"b_*\" ]");
	if (!(f->compare_ignore = calloc((size_t)n + 1, sizeof(*f->compare_ignore))))
		return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < n; i++) {
		const char *v = config_setting_get_string_elem(s, (unsigned)i);
		if (!v || !*v)
			return at(l, s, "compare_ignore holds field names in double quotes");
		if (!(f->compare_ignore[i] = strdup(v)))
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
		f->ncompare_ignore++;
	}
	return TOPC_OK;
}

static enum topc_status load_config(struct load *l, config_t *cfg, struct topc_form *f)
{
	const config_setting_t *root = config_root_setting(cfg), *s;
	enum topc_status st;

	if ((st = check_keys(l, root, top_keys, COUNT(top_keys), "the form")) != TOPC_OK ||
	    (st = get_string(l, root, "method", &f->method)) != TOPC_OK ||
	    (st = get_string(l, root, "title", &f->title)) != TOPC_OK ||
	    (st = get_string(l, root, "summary", &f->summary)) != TOPC_OK ||
	    (st = get_string(l, root, "category", &f->category)) != TOPC_OK)
		return st;
	if (!f->method)
		return topc_error_set(l->err, TOPC_ERR_INPUT,
				      "%s: no method; add method = \"taobao.x.y\";", l->name);
	if ((s = config_setting_get_member(root, "request"))) {
		if (!config_setting_is_list(s))
			return at(l, s, "request must be a list ( { ... }, { ... } )");
		if ((st = load_fields(l, s, &f->request, 0)) != TOPC_OK)
			return st;
	}
	if ((s = config_setting_get_member(root, "response"))) {
		if (!config_setting_is_list(s))
			return at(l, s, "response must be a list ( { ... }, { ... } )");
		if ((st = load_fields(l, s, &f->response, 0)) != TOPC_OK)
			return st;
	}
	if ((s = config_setting_get_member(root, "error")) &&
	    (st = load_error_example(l, s, &f->error)) != TOPC_OK)
		return st;
	if ((s = config_setting_get_member(root, "compare_ignore")) &&
	    (st = load_compare_ignore(l, s, f)) != TOPC_OK)
		return st;
	if ((s = config_setting_get_member(root, "session"))) {
		if (config_setting_type(s) != CONFIG_TYPE_BOOL)
			return at(l, s, "session must be true or false");
		f->session = config_setting_get_bool(s) != 0;
	}
	if ((s = config_setting_get_member(root, "success"))) {
		int n = config_setting_length(s);
		if (!config_setting_is_list(s))
			return at(l, s, "success must be a list ( { ... }, { ... } )");
		f->success = calloc((size_t)n + 1, sizeof(*f->success));
		if (!f->success)
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
		for (int i = 0; i < n; i++) {
			f->nsuccess++;
			st = load_success(l, config_setting_get_elem(s, (unsigned)i),
					  &f->success[i]);
			if (st != TOPC_OK)
				return st;
		}
	}
	if ((s = config_setting_get_member(root, "rules"))) {
		int n = config_setting_length(s);
		if (!config_setting_is_list(s))
			return at(l, s, "rules must be a list ( { ... }, { ... } )");
		f->rules = calloc((size_t)n + 1, sizeof(*f->rules));
		if (!f->rules)
			return topc_error_set(l->err, TOPC_ERR_NOMEM, "out of memory");
		for (int i = 0; i < n; i++) {
			f->nrules++;
			st = load_rule(l, config_setting_get_elem(s, (unsigned)i), &f->rules[i]);
			if (st != TOPC_OK)
				return st;
		}
	}
	return TOPC_OK;
}

enum topc_status topc_form_load_string(const char *text, const char *name, struct topc_form *f,
				       struct topc_error *err)
{
	struct load l = {name, err};
	config_t cfg;
	enum topc_status st;

	topc_form_init(f);
	config_init(&cfg);
	if (!config_read_string(&cfg, text)) {
		st = topc_error_set(err, TOPC_ERR_INPUT, "%s:%d: %s", name, config_error_line(&cfg),
				    config_error_text(&cfg));
		config_destroy(&cfg);
		return st;
	}
	st = load_config(&l, &cfg, f);
	config_destroy(&cfg);
	if (st == TOPC_OK && !(f->path = strdup(name)))
		st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	if (st == TOPC_OK)
		st = topc_form_check(f, err);
	if (st != TOPC_OK)
		topc_form_release(f);
	return st;
}

enum topc_status topc_form_load_file(const char *path, struct topc_form *f, struct topc_error *err)
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
		st = topc_form_load_string(topc_buf_str(&text), path, f, err);
	topc_buf_release(&text);
	return st;
}
