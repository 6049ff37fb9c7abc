#include "base/params.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* A number no state of any list had before (lists live in threads too:
 * the gateway's) */
static void changed(struct topc_params *p)
{
	static atomic_ullong last;

	p->serial = atomic_fetch_add_explicit(&last, 1, memory_order_relaxed) + 1;
}

void topc_params_init(struct topc_params *p)
{
	p->items = NULL;
	p->count = 0;
	p->alloc = 0;
	changed(p);
}

void topc_params_release(struct topc_params *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].name);
		free(p->items[i].value);
	}
	free(p->items);
	topc_params_init(p);
}

static struct topc_param *params_find(const struct topc_params *p, const char *name)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->items[i].name, name) == 0)
			return &p->items[i];
	return NULL;
}

enum topc_status topc_params_setn(struct topc_params *p, const char *name, const char *value,
				  size_t value_len)
{
	struct topc_param *item = params_find(p, name);
	char *v;

	if (!item)
		return topc_params_append(p, name, value, value_len);
	v = malloc(value_len + 1);
	if (!v)
		return TOPC_ERR_NOMEM;
	memcpy(v, value, value_len);
	v[value_len] = '\0';
	free(item->value);
	item->value = v;
	changed(p);
	return TOPC_OK;
}

enum topc_status topc_params_append(struct topc_params *p, const char *name, const char *value,
				    size_t value_len)
{
	struct topc_param *item, *items;
	char *v = malloc(value_len + 1);

	if (!v)
		return TOPC_ERR_NOMEM;
	memcpy(v, value, value_len);
	v[value_len] = '\0';
	if (!(items = topc_grow(p->items, sizeof(*items), p->count, &p->alloc))) {
		free(v);
		return TOPC_ERR_NOMEM;
	}
	p->items = items;
	item = &p->items[p->count];
	item->name = strdup(name);
	if (!item->name) {
		free(v);
		return TOPC_ERR_NOMEM;
	}
	item->value = v;
	p->count++;
	changed(p);
	return TOPC_OK;
}

enum topc_status topc_params_set(struct topc_params *p, const char *name, const char *value)
{
	return topc_params_setn(p, name, value, strlen(value));
}

const char *topc_params_get(const struct topc_params *p, const char *name)
{
	const struct topc_param *item = params_find(p, name);
	return item ? item->value : NULL;
}

bool topc_params_remove(struct topc_params *p, const char *name)
{
	struct topc_param *item = params_find(p, name);
	size_t i;

	if (!item)
		return false;
	i = (size_t)(item - p->items);
	free(item->name);
	free(item->value);
	memmove(&p->items[i], &p->items[i + 1], (p->count - i - 1) * sizeof(*item));
	p->count--;
	changed(p);
	return true;
}

size_t topc_params_remove_if(struct topc_params *p, bool (*drop)(const char *name, const void *ctx),
			     const void *ctx)
{
	size_t kept = 0, gone;

	for (size_t i = 0; i < p->count; i++) {
		if (drop(p->items[i].name, ctx)) {
			free(p->items[i].name);
			free(p->items[i].value);
		} else {
			p->items[kept++] = p->items[i];
		}
	}
	gone = p->count - kept;
	p->count = kept;
	if (gone)
		changed(p);
	return gone;
}

enum topc_status topc_params_copy(struct topc_params *dst, const struct topc_params *src)
{
	for (size_t i = 0; i < src->count; i++) {
		enum topc_status st = topc_params_set(dst, src->items[i].name, src->items[i].value);
		if (st != TOPC_OK)
			return st;
	}
	return TOPC_OK;
}

static int param_cmp(const void *a, const void *b)
{
	const struct topc_param *const *x = a;
	const struct topc_param *const *y = b;
	return strcmp((*x)->name, (*y)->name);
}

void topc_params_sorted(const struct topc_params *p, const struct topc_param **order)
{
	for (size_t i = 0; i < p->count; i++)
		order[i] = &p->items[i];
	if (p->count > 1)
		qsort(order, p->count, sizeof(*order), param_cmp);
}
