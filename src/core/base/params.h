/*
 * params.h - an ordered list of request parameters (name, value), both UTF-8.
 *
 * The list owns copies of every name and value.  Names are unique: setting a
 * name that exists replaces its value in place, so insertion order is kept
 * for display while signing sorts separately.  Empty values may be stored
 * (the caller may want to show them) but are never sent nor signed.
 */
#ifndef TOPC_PARAMS_H
#define TOPC_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

struct topc_param {
	char *name;
	char *value;
};

struct topc_params {
	struct topc_param *items;
	size_t count;
	size_t alloc;
	/* set anew by every change through these functions, to a number no
	 * state of any list had before: what was worked out from the list
	 * (the console's generator marks) holds while serial stays */
	unsigned long long serial;
};

void topc_params_init(struct topc_params *p);
void topc_params_release(struct topc_params *p);

enum topc_status topc_params_set(struct topc_params *p, const char *name, const char *value);
enum topc_status topc_params_setn(struct topc_params *p, const char *name, const char *value,
				  size_t value_len);
/* Appends a copy of name and value without looking for the name, which the
 * caller knows is not in the list (a decoder keeping its own index, or a
 * copy of a list whose names are unique): O(1) where set is O(n). */
enum topc_status topc_params_append(struct topc_params *p, const char *name, const char *value,
				    size_t value_len);
/* Value of name, or NULL.  Valid until the list changes. */
const char *topc_params_get(const struct topc_params *p, const char *name);
bool topc_params_remove(struct topc_params *p, const char *name);
/* Removes every item whose name drop(name, ctx) is true, the others kept
 * in their order, in one pass (removing them one by one searches and
 * moves the rest each time: quadratic); returns how many went. */
size_t topc_params_remove_if(struct topc_params *p, bool (*drop)(const char *name, const void *ctx),
			     const void *ctx);
enum topc_status topc_params_copy(struct topc_params *dst, const struct topc_params *src);

/*
 * Fill `order` (count entries) with pointers to the items sorted by name in
 * byte order (strcmp), as TOP signs them.
 */
void topc_params_sorted(const struct topc_params *p, const struct topc_param **order);

#endif
