/* form_write.c - a form as a form file, through the libconfig adapter. */
#include "form/form_write.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"
#include "ext/conf.h"

static bool put_string(struct topc_conf_node *g, const char *key, const char *value)
{
	return !value || topc_conf_add_string(g, key, value);
}

static bool put_int(struct topc_conf_node *g, const char *key, int64_t value)
{
	return topc_conf_add_int(g, key, value);
}

static bool put_constraints(struct topc_conf_node *g, const struct topc_constraints *c)
{
	if (c->nchoices) {
		struct topc_conf_node *list = topc_conf_add(g, "choices", TOPC_CONF_LIST);
		if (!list)
			return false;
		for (size_t i = 0; i < c->nchoices; i++) {
			struct topc_conf_node *pair = topc_conf_add(list, NULL, TOPC_CONF_LIST);
			if (!pair || !topc_conf_add_string(pair, NULL, c->choices[i].value) ||
			    !topc_conf_add_string(pair, NULL, c->choices[i].label))
				return false;
		}
	}
	if ((c->has_min && !put_int(g, "min", c->min)) ||
	    (c->has_max && !put_int(g, "max", c->max)))
		return false;
	if (c->max_length && !put_int(g, "max_length", c->max_length))
		return false;
	if (c->max_list_size && !put_int(g, "max_list_size", c->max_list_size))
		return false;
	if (!put_string(g, "format", c->format))
		return false;
	return c->unique == TOPC_UNIQUE_NONE ||
	       put_string(g, "unique", topc_unique_name(c->unique));
}

static bool constraints_empty(const struct topc_constraints *c)
{
	return !c->nchoices && !c->has_min && !c->has_max && !c->max_length && !c->max_list_size &&
	       !c->format && c->unique == TOPC_UNIQUE_NONE;
}

static bool put_success(struct topc_conf_node *root, const struct topc_form *f)
{
	struct topc_conf_node *list;

	if (!f->nsuccess)
		return true;
	if (!(list = topc_conf_add(root, "success", TOPC_CONF_LIST)))
		return false;
	for (size_t i = 0; i < f->nsuccess; i++) {
		struct topc_conf_node *g = topc_conf_add(list, NULL, TOPC_CONF_GROUP), *v;
		if (!g || !put_string(g, "field", f->success[i].field) ||
		    !(v = topc_conf_add(g, "values", TOPC_CONF_LIST)))
			return false;
		for (size_t j = 0; j < f->success[i].nvalues; j++)
			if (!topc_conf_add_string(v, NULL, f->success[i].values[j]))
				return false;
	}
	return true;
}

static bool put_fields(struct topc_conf_node *list, const struct topc_field *parent, bool request)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *f = &parent->fields[i];
		struct topc_conf_node *g = topc_conf_add(list, NULL, TOPC_CONF_GROUP), *s;
		if (!g || !put_string(g, "name", f->name) || !put_string(g, "type", f->type))
			return false;
		if (request) {
			if (!topc_conf_add_bool(g, "required", f->required))
				return false;
		}
		if (!put_string(g, "example", f->example) ||
		    !put_string(g, "default", f->default_value) ||
		    !put_string(g, "description", f->description) || !put_constraints(g, &f->c))
			return false;
		if (!constraints_empty(&f->prose)) {
			s = topc_conf_add(g, "prose", TOPC_CONF_GROUP);
			if (!s || !put_constraints(s, &f->prose))
				return false;
		}
		if (f->nfields) {
			s = topc_conf_add(g, "fields", TOPC_CONF_LIST);
			if (!s || !put_fields(s, f, request))
				return false;
		}
	}
	return true;
}

static bool build(struct topc_conf *cfg, const struct topc_form *f)
{
	struct topc_conf_node *root = topc_conf_root(cfg), *s;

	if (!put_string(root, "method", f->method) || !put_string(root, "title", f->title) ||
	    !put_string(root, "summary", f->summary) || !put_string(root, "category", f->category))
		return false;
	if (f->session) {
		if (!topc_conf_add_bool(root, "session", true))
			return false;
	}
	s = topc_conf_add(root, "request", TOPC_CONF_LIST);
	if (!s || !put_fields(s, &f->request, true))
		return false;
	s = topc_conf_add(root, "response", TOPC_CONF_LIST);
	if (!s || !put_fields(s, &f->response, false))
		return false;
	if (f->error.present) {
		s = topc_conf_add(root, "error", TOPC_CONF_GROUP);
		if (!s || !put_int(s, "code", f->error.code) ||
		    !put_string(s, "msg", f->error.msg) ||
		    !put_string(s, "sub_code", f->error.sub_code) ||
		    !put_string(s, "sub_msg", f->error.sub_msg))
			return false;
	}
	return put_success(root, f);
}

enum topc_status topc_form_text(const struct topc_form *f, struct topc_buf *out,
				struct topc_error *err)
{
	struct topc_conf *cfg = topc_conf_new();
	bool ok = cfg && build(cfg, f) &&
		  topc_buf_addf(out, "# %s: form definition (schema: forms/README.md)\n",
				f->method) == TOPC_OK &&
		  topc_conf_write(cfg, out) == TOPC_OK;

	topc_conf_free(cfg);
	return ok ? TOPC_OK : topc_error_set(err, TOPC_ERR_NOMEM, "out of memory writing the form");
}

enum topc_status topc_form_write(const struct topc_form *f, const char *path,
				 struct topc_error *err)
{
	struct topc_buf text;
	enum topc_status st;

	topc_buf_init(&text, 0);
	st = topc_form_text(f, &text, err);
	if (st == TOPC_OK)
		st = topc_file_write_atomic(path, text.data, text.len, 0644, err);
	topc_buf_release(&text);
	return st;
}
