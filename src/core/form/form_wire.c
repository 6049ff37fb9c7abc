/* form_wire.c - filled forms to request parameters (TOP_PROTOCOL.md 3.3, what
 * the Java SDK sends) and back, as a gateway reads a request.
 *
 * A structure is written as the SDK's JSONWriter(false, true) writes a bean:
 * properties in the order java.beans.Introspector lists them (sorted by the
 * Java property name, the camelCase of the snake name), null ones left out,
 * an empty string kept ("content":""), numbers as Long.toString prints them
 * (01 -> 1, -0 -> 0), strings escaped as form_json.h says. */
#include "form/form_wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "form/form_json.h"
#include "form/form_type.h"
#include "form/form_value_internal.h"

/* Compares two snake names by their camelCase: "a_b" is "aB". */
static int java_order(const char *a, const char *b)
{
	for (;;) {
		char x = *a, y = *b;
		if (x == '_' && a[1])
			x = (char)(a[1] >= 'a' && a[1] <= 'z' ? a[1] - 32 : a[1]), a++;
		if (y == '_' && b[1])
			y = (char)(b[1] >= 'a' && b[1] <= 'z' ? b[1] - 32 : b[1]), b++;
		if (x != y || !x)
			return (unsigned char)x - (unsigned char)y;
		a++;
		b++;
	}
}

static int by_java_name(const void *a, const void *b)
{
	const struct topc_field *const *x = a, *const *y = b;

	return java_order((*x)->name, (*y)->name);
}

struct elems {
	struct topc_buf *out;
	const struct topc_field *fd;
	size_t n;
	bool ok;
};

static bool write_elem(const char *elem, void *ctx)
{
	struct elems *e = ctx;
	char num[32];

	if (e->n++ && topc_buf_addc(e->out, ',') != TOPC_OK)
		return e->ok = false;
	if (e->fd->kind == TOPC_FIELD_NUMBER)
		e->ok = topc_integer_canonical(elem, num, sizeof(num)) &&
			topc_buf_adds(e->out, num) == TOPC_OK;
	else if (e->fd->kind == TOPC_FIELD_BOOLEAN)
		e->ok = (!strcmp(elem, "true") || !strcmp(elem, "false")) &&
			topc_buf_adds(e->out, elem) == TOPC_OK;
	else
		e->ok = topc_java_string(e->out, elem) == TOPC_OK;
	return e->ok;
}

static bool write_object(const struct topc_field *fd, const char *prefix,
			 const struct topc_params *values, struct topc_buf *out, size_t *members);

/* An array of structures: each element spread into fields and written as
 * one structure. */
static bool write_struct_array(const struct topc_field *fd, const char *value, struct topc_buf *out)
{
	struct topc_jnode arr;
	char why[64];
	bool ok;

	if (!topc_jnode_parse(value, strlen(value), &arr, why, sizeof(why)) ||
	    arr.kind != TOPC_J_ARRAY) {
		topc_jnode_release(&arr);
		return false;
	}
	ok = topc_buf_addc(out, '[') == TOPC_OK;
	for (size_t i = 0; ok && i < arr.nkids; i++) {
		struct topc_params one;
		struct topc_form_problems ignored;
		size_t members = 0;
		if (arr.kids[i].kind != TOPC_J_OBJECT) {
			ok = false;
			break;
		}
		topc_params_init(&one);
		topc_form_problems_init(&ignored);
		topc_form_spread(&arr.kids[i], fd, "e", false, &one, &ignored);
		ok = (!i || topc_buf_addc(out, ',') == TOPC_OK) &&
		     write_object(fd, "e", &one, out, &members);
		topc_form_problems_release(&ignored);
		topc_params_release(&one);
	}
	topc_jnode_release(&arr);
	return ok && topc_buf_addc(out, ']') == TOPC_OK;
}

/* One field's value inside a structure. */
static bool write_leaf(const struct topc_field *fd, const char *value, struct topc_buf *out)
{
	char num[32];

	if (fd->kind == TOPC_FIELD_OBJECT)
		return write_struct_array(fd, value, out);
	if (fd->array) {
		struct elems e = {out, fd, 0, true};
		char why[16];
		return topc_buf_addc(out, '[') == TOPC_OK &&
		       topc_form_each_element(value, write_elem, &e, why, sizeof(why)) && e.ok &&
		       topc_buf_addc(out, ']') == TOPC_OK;
	}
	switch (fd->kind) {
	case TOPC_FIELD_NUMBER:
		return topc_integer_canonical(value, num, sizeof(num)) &&
		       topc_buf_adds(out, num) == TOPC_OK;
	case TOPC_FIELD_BOOLEAN:
		return (!strcmp(value, "true") || !strcmp(value, "false")) &&
		       topc_buf_adds(out, value) == TOPC_OK;
	case TOPC_FIELD_JSON: {
		/* JSON text inside a structure goes in as JSON, numbers exact */
		struct topc_jnode j;
		char why[16];
		bool ok = topc_jnode_parse(value, strlen(value), &j, why, sizeof(why)) &&
			  topc_jnode_write(&j, out) == TOPC_OK;
		topc_jnode_release(&j);
		return ok;
	}
	case TOPC_FIELD_STRING:
	case TOPC_FIELD_DATE:
	case TOPC_FIELD_OBJECT:
		break;
	}
	return topc_java_string(out, value) == TOPC_OK;
}

/* The value a child is sent with: its own (an empty string stays one for a
 * String or Date, the others cannot be empty), else the default of a
 * required field, else NULL (left out). */
static const char *child_value(const struct topc_field *child, const struct topc_params *values,
			       const char *path)
{
	const char *v = topc_params_get(values, path);

	if (v && !*v && (child->kind == TOPC_FIELD_STRING || child->kind == TOPC_FIELD_DATE) &&
	    !child->array)
		return v;
	if (v && *v)
		return v;
	return child->required ? child->default_value : NULL;
}

static bool write_object(const struct topc_field *fd, const char *prefix,
			 const struct topc_params *values, struct topc_buf *out, size_t *members)
{
	const struct topc_field **order = calloc(fd->nfields + 1, sizeof(*order));
	bool ok = order && topc_buf_addc(out, '{') == TOPC_OK;

	*members = 0;
	for (size_t i = 0; order && i < fd->nfields; i++)
		order[i] = &fd->fields[i];
	if (order)
		qsort(order, fd->nfields, sizeof(*order), by_java_name);
	for (size_t i = 0; ok && i < fd->nfields; i++) {
		const struct topc_field *child = order[i];
		size_t mark = out->len, inner = 0;
		char path[512];
		const char *v = NULL;
		snprintf(path, sizeof(path), "%s.%s", prefix, child->name);
		if (!(child->kind == TOPC_FIELD_OBJECT && !child->array) &&
		    !(v = child_value(child, values, path)))
			continue;
		ok = (!*members || topc_buf_addc(out, ',') == TOPC_OK) &&
		     topc_java_string(out, child->name) == TOPC_OK &&
		     topc_buf_addc(out, ':') == TOPC_OK;
		if (ok && v)
			ok = write_leaf(child, v, out);
		else if (ok && !write_object(child, path, values, out, &inner))
			ok = false;
		else if (ok && !inner) {
			out->len = mark; /* a structure with nothing set is left out */
			out->data[mark] = '\0';
			continue;
		}
		++*members;
	}
	free(order);
	return ok && topc_buf_addc(out, '}') == TOPC_OK;
}

static bool collect_elem(const char *elem, void *ctx)
{
	struct topc_buf *list = ctx;

	return topc_buf_addf(list, "%s%s", list->len ? "," : "", elem) == TOPC_OK;
}

/* A top-level parameter's text, or NULL to leave it out; *failed when it
 * cannot be written. */
static char *top_level(const struct topc_field *fd, const struct topc_params *values, bool *failed)
{
	struct topc_buf b;
	const char *v;
	char num[32];
	bool ok = true;

	topc_buf_init(&b, 0);
	*failed = false;
	if (fd->kind == TOPC_FIELD_OBJECT && !fd->array) {
		size_t members = 0;
		ok = write_object(fd, fd->name, values, &b, &members);
		if (ok && !members) {
			topc_buf_release(&b);
			return NULL;
		}
	} else {
		if (!(v = topc_form_value_of(values, fd->name)) && fd->required)
			v = fd->default_value;
		if (!v)
			return NULL;
		if (fd->kind == TOPC_FIELD_OBJECT)
			ok = write_struct_array(fd, v, &b);
		else if (fd->array) {
			/* a basic array at the top level is a comma list (the SDK's
			 * setter takes the String as typed) */
			struct topc_buf list;
			char why[16];
			topc_buf_init(&list, 0);
			ok = topc_form_each_element(v, collect_elem, &list, why, sizeof(why)) &&
			     topc_buf_add(&b, list.data ? list.data : "", list.len) == TOPC_OK;
			topc_buf_release(&list);
		} else if (fd->kind == TOPC_FIELD_NUMBER) {
			/* Long.toString: 01 -> 1, -0 -> 0 */
			ok = topc_integer_canonical(v, num, sizeof(num)) &&
			     topc_buf_adds(&b, num) == TOPC_OK;
		} else {
			ok = topc_buf_adds(&b, v) == TOPC_OK;
		}
	}
	if (!ok) {
		topc_buf_release(&b);
		*failed = true;
		return NULL;
	}
	return topc_buf_detach(&b, NULL);
}

enum topc_status topc_form_serialize(const struct topc_form *f, const struct topc_params *values,
				     struct topc_params *params, struct topc_error *err)
{
	for (size_t i = 0; i < f->request.nfields; i++) {
		const struct topc_field *fd = &f->request.fields[i];
		bool failed;
		char *text = top_level(fd, values, &failed);
		enum topc_status st;

		if (failed)
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "%s: cannot be serialized; "
					      "validate the form first",
					      fd->name);
		if (!text || topc_value_blank(text)) {
			/* TaobaoHashMap.put: an empty or white-space-only value is
			 * neither sent nor signed */
			free(text);
			continue;
		}
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
		struct topc_jnode obj;
		char why[200];

		if (!v || !*v)
			continue;
		if (fd->kind != TOPC_FIELD_OBJECT || fd->array) {
			if (topc_params_set(values, fd->name, v) != TOPC_OK)
				return TOPC_ERR_NOMEM;
			continue;
		}
		/* exact numbers: a 19-digit id inside a structure stays whole */
		if (topc_jnode_parse(v, strlen(v), &obj, why, sizeof(why)) &&
		    obj.kind == TOPC_J_OBJECT)
			topc_form_spread(&obj, fd, fd->name, false, values, problems);
		else
			topc_form_problem_add(problems, fd->name, false,
					      "is a %s, so it must be a JSON object", fd->type);
		topc_jnode_release(&obj);
	}
	return TOPC_OK;
}
