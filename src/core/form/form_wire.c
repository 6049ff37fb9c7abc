/* form_wire.c - filled forms to request parameters (TOP_PROTOCOL.md 3.3, what
 * the Java SDK sends) and back, as a gateway reads a request. */
#include "form/form_value.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "form/form_value_internal.h"

static int by_name(const void *a, const void *b)
{
	const struct topc_field *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static bool collect_elem(const char *elem, void *ctx)
{
	return topc_buf_addf(ctx, "%s%s", ((struct topc_buf *)ctx)->len ? "," : "", elem) ==
	       TOPC_OK;
}

struct json_elems {
	cJSON *arr;
	bool number;
};

static bool json_elem(const char *elem, void *ctx)
{
	struct json_elems *j = ctx;

	return cJSON_AddItemToArray(j->arr,
				    j->number ? cJSON_CreateRaw(elem) : cJSON_CreateString(elem));
}

static cJSON *leaf_json(const struct topc_field *fd, const char *value)
{
	char why[16];

	if (fd->array && fd->kind != TOPC_FIELD_OBJECT) {
		struct json_elems j = {cJSON_CreateArray(), fd->kind == TOPC_FIELD_NUMBER};
		if (j.arr && !topc_form_each_element(value, json_elem, &j, why, sizeof(why))) {
			cJSON_Delete(j.arr);
			return NULL;
		}
		return j.arr;
	}
	switch (fd->kind) {
	case TOPC_FIELD_NUMBER:
		return cJSON_CreateRaw(value);
	case TOPC_FIELD_BOOLEAN:
		return cJSON_CreateBool(strcmp(value, "true") == 0);
	case TOPC_FIELD_JSON:
	case TOPC_FIELD_OBJECT: {
		cJSON *parsed = cJSON_Parse(value), *raw = NULL;
		char *compact = parsed ? cJSON_PrintUnformatted(parsed) : NULL;
		if (compact)
			raw = cJSON_CreateRaw(compact);
		free(compact);
		cJSON_Delete(parsed);
		return raw;
	}
	case TOPC_FIELD_STRING:
	case TOPC_FIELD_DATE:
		break;
	}
	return cJSON_CreateString(value);
}

static cJSON *object_json(const struct topc_field *fd, const char *prefix,
			  const struct topc_params *values)
{
	cJSON *obj = cJSON_CreateObject();
	const struct topc_field **order = calloc(fd->nfields + 1, sizeof(*order));

	if (!obj || !order) {
		cJSON_Delete(obj);
		free(order);
		return NULL;
	}
	for (size_t i = 0; i < fd->nfields; i++)
		order[i] = &fd->fields[i];
	qsort(order, fd->nfields, sizeof(*order), by_name);
	for (size_t i = 0; i < fd->nfields && obj; i++) {
		const struct topc_field *child = order[i];
		char path[512];
		cJSON *item = NULL;
		snprintf(path, sizeof(path), "%s.%s", prefix, child->name);
		if (child->kind == TOPC_FIELD_OBJECT && !child->array) {
			if (!topc_form_has_under(values, path))
				continue;
			item = object_json(child, path, values);
		} else {
			const char *v = topc_form_value_of(values, path);
			if (!v && child->required)
				v = child->default_value;
			if (!v)
				continue;
			item = leaf_json(child, v);
		}
		if (!item || !cJSON_AddItemToObject(obj, child->name, item)) {
			cJSON_Delete(item);
			cJSON_Delete(obj);
			obj = NULL;
		}
	}
	free(order);
	return obj;
}

/* cJSON's compact text with "/" written "\/", as the Java SDK writes it.
 * Outside strings JSON has no "/", so every one is inside a string. */
static char *java_json(const cJSON *obj)
{
	char *text = cJSON_PrintUnformatted(obj);
	struct topc_buf out;

	if (!text)
		return NULL;
	topc_buf_init(&out, 0);
	for (const char *p = text; *p; p++)
		if ((*p == '/' ? topc_buf_adds(&out, "\\/") : topc_buf_addc(&out, *p)) != TOPC_OK) {
			free(text);
			topc_buf_release(&out);
			return NULL;
		}
	free(text);
	return topc_buf_detach(&out, NULL);
}

enum topc_status topc_form_serialize(const struct topc_form *f, const struct topc_params *values,
				     struct topc_params *params, struct topc_error *err)
{
	for (size_t i = 0; i < f->request.nfields; i++) {
		const struct topc_field *fd = &f->request.fields[i];
		char *text = NULL;
		enum topc_status st;

		if (fd->kind == TOPC_FIELD_OBJECT && !fd->array) {
			cJSON *obj;
			if (!topc_form_has_under(values, fd->name))
				continue;
			obj = object_json(fd, fd->name, values);
			text = obj ? java_json(obj) : NULL;
			cJSON_Delete(obj);
		} else {
			const char *v = topc_form_value_of(values, fd->name);
			if (!v && fd->required)
				v = fd->default_value;
			if (!v)
				continue;
			if (fd->array && fd->kind != TOPC_FIELD_OBJECT) {
				struct topc_buf list;
				char why[16];
				topc_buf_init(&list, 0);
				if (topc_form_each_element(v, collect_elem, &list, why,
							   sizeof(why)))
					text = topc_buf_detach(&list, NULL);
				topc_buf_release(&list);
			} else {
				text = strdup(v);
			}
		}
		if (!text)
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "%s: cannot be serialized; "
					      "validate the form first",
					      fd->name);
		st = topc_params_set(params, fd->name, text);
		free(text);
		if (st != TOPC_OK)
			return topc_error_set(err, st, "out of memory");
	}
	return TOPC_OK;
}

enum topc_status topc_form_from_params(const struct topc_form *f, const struct topc_params *params,
				       struct topc_params *values,
				       struct topc_form_problems *problems)
{
	for (size_t i = 0; i < f->request.nfields; i++) {
		const struct topc_field *fd = &f->request.fields[i];
		const char *v = topc_params_get(params, fd->name);
		cJSON *obj;

		if (!v || !*v)
			continue;
		if (fd->kind != TOPC_FIELD_OBJECT || fd->array) {
			if (topc_params_set(values, fd->name, v) != TOPC_OK)
				return TOPC_ERR_NOMEM;
			continue;
		}
		obj = cJSON_Parse(v);
		if (cJSON_IsObject(obj))
			topc_form_spread(obj, fd, fd->name, false, values, problems);
		else
			topc_form_problem_add(problems, fd->name, false,
					      "is a %s, so it must be a JSON object", fd->type);
		cJSON_Delete(obj);
	}
	return TOPC_OK;
}
