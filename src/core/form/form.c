/* form.c - the form model: field kinds, lookups by path, release.  Form
 * files are read in form_read.c, checked in form_check.c and written in
 * form_write.c; values and their validation live in form_value.c. */
#include "form/form.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/suggest.h"

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

bool topc_method_name_ok(const char *method)
{
	bool dot = false;

	if (!islower((unsigned char)method[0]))
		return false;
	for (const char *p = method; *p; p++) {
		if (*p == '.') {
			if (p[1] == '.' || p[1] == '\0')
				return false;
			dot = true;
		} else if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
			   *p != '_') {
			return false;
		}
	}
	return dot;
}

/* TOP_PROTOCOL.md 2: the parameters every call carries beside its own. */
static const char *const system_names[] = {"method",   "app_key",    "session",	      "timestamp",
					   "v",	       "format",     "sign_method",   "sign",
					   "simplify", "partner_id", "target_app_key"};

bool topc_form_is_system_name(const char *name)
{
	for (size_t i = 0; i < sizeof(system_names) / sizeof(system_names[0]); i++)
		if (strcmp(name, system_names[i]) == 0)
			return true;
	return false;
}

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
