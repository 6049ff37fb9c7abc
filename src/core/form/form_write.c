/* form_write.c - a form as a form file, through libconfig's writer. */
#include "form/form.h"

#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/file.h"

static bool put_string(config_setting_t *g, const char *key, const char *value)
{
	config_setting_t *s;

	if (!value)
		return true;
	s = config_setting_add(g, key, CONFIG_TYPE_STRING);
	return s && config_setting_set_string(s, value);
}

static bool put_int(config_setting_t *g, const char *key, int64_t value)
{
	bool small = value >= INT32_MIN && value <= INT32_MAX;
	config_setting_t *s =
	    config_setting_add(g, key, small ? CONFIG_TYPE_INT : CONFIG_TYPE_INT64);

	return s &&
	       (small ? config_setting_set_int(s, (int)value) : config_setting_set_int64(s, value));
}

static bool put_constraints(config_setting_t *g, const struct topc_constraints *c)
{
	if (c->nchoices) {
		config_setting_t *list = config_setting_add(g, "choices", CONFIG_TYPE_LIST);
		if (!list)
			return false;
		for (size_t i = 0; i < c->nchoices; i++) {
			config_setting_t *pair = config_setting_add(list, NULL, CONFIG_TYPE_LIST);
			if (!pair ||
			    !config_setting_set_string_elem(pair, -1, c->choices[i].value) ||
			    !config_setting_set_string_elem(pair, -1, c->choices[i].label))
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

static bool put_success(config_setting_t *root, const struct topc_form *f)
{
	config_setting_t *list;

	if (!f->nsuccess)
		return true;
	if (!(list = config_setting_add(root, "success", CONFIG_TYPE_LIST)))
		return false;
	for (size_t i = 0; i < f->nsuccess; i++) {
		config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP), *v;
		if (!g || !put_string(g, "field", f->success[i].field) ||
		    !(v = config_setting_add(g, "values", CONFIG_TYPE_LIST)))
			return false;
		for (size_t j = 0; j < f->success[i].nvalues; j++)
			if (!config_setting_set_string_elem(v, -1, f->success[i].values[j]))
				return false;
	}
	return true;
}

static bool put_fields(config_setting_t *list, const struct topc_field *parent, bool request)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *f = &parent->fields[i];
		config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP), *s;
		if (!g || !put_string(g, "name", f->name) || !put_string(g, "type", f->type))
			return false;
		if (request) {
			s = config_setting_add(g, "required", CONFIG_TYPE_BOOL);
			if (!s || !config_setting_set_bool(s, f->required))
				return false;
		}
		if (!put_string(g, "example", f->example) ||
		    !put_string(g, "default", f->default_value) ||
		    !put_string(g, "description", f->description) || !put_constraints(g, &f->c))
			return false;
		if (!constraints_empty(&f->prose)) {
			s = config_setting_add(g, "prose", CONFIG_TYPE_GROUP);
			if (!s || !put_constraints(s, &f->prose))
				return false;
		}
		if (f->nfields) {
			s = config_setting_add(g, "fields", CONFIG_TYPE_LIST);
			if (!s || !put_fields(s, f, request))
				return false;
		}
	}
	return true;
}

static bool build(config_t *cfg, const struct topc_form *f)
{
	config_setting_t *root = config_root_setting(cfg), *s;

	if (!put_string(root, "method", f->method) || !put_string(root, "title", f->title) ||
	    !put_string(root, "summary", f->summary) || !put_string(root, "category", f->category))
		return false;
	if (f->session) {
		s = config_setting_add(root, "session", CONFIG_TYPE_BOOL);
		if (!s || !config_setting_set_bool(s, 1))
			return false;
	}
	s = config_setting_add(root, "request", CONFIG_TYPE_LIST);
	if (!s || !put_fields(s, &f->request, true))
		return false;
	s = config_setting_add(root, "response", CONFIG_TYPE_LIST);
	if (!s || !put_fields(s, &f->response, false))
		return false;
	if (f->error.present) {
		s = config_setting_add(root, "error", CONFIG_TYPE_GROUP);
		if (!s || !put_int(s, "code", f->error.code) ||
		    !put_string(s, "msg", f->error.msg) ||
		    !put_string(s, "sub_code", f->error.sub_code) ||
		    !put_string(s, "sub_msg", f->error.sub_msg))
			return false;
	}
	return put_success(root, f);
}

enum topc_status topc_form_write(const struct topc_form *f, const char *path,
				 struct topc_error *err)
{
	config_t cfg;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	enum topc_status st = TOPC_OK;

	config_init(&cfg);
	mem = open_memstream(&text, &len);
	if (!mem || !build(&cfg, f)) {
		if (mem)
			fclose(mem);
		free(text);
		config_destroy(&cfg);
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory writing the form");
	}
	fprintf(mem, "# %s: form definition (schema: forms/README.md)\n", f->method);
	config_write(&cfg, mem);
	fclose(mem);
	config_destroy(&cfg);
	if (!path) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
			st = topc_error_set(err, TOPC_ERR_IO, "cannot write the form to stdout");
	} else {
		st = topc_file_write_atomic(path, text, len, 0644, err);
	}
	free(text);
	return st;
}
