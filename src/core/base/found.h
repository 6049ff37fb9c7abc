/* found.h - a file's problems kept as they are found and reported in the
 * file's line order, so a check that reads a file in another order (keys in
 * a table's order, fields before rules) still lists them as a person reads
 * the file.  Used by `profiles check` and `forms check`. */
#ifndef TOPC_BASE_FOUND_H
#define TOPC_BASE_FOUND_H

#include <stdbool.h>
#include <stddef.h>

struct topc_found {
	long line; /* 0: the file as a whole */
	size_t seq;
	char *msg;
};

struct topc_found_list {
	struct topc_found *items;
	size_t count;
};

/* Where the problems of the whole file (line 0) go. */
enum topc_found_whole { TOPC_FOUND_WHOLE_FIRST, TOPC_FOUND_WHOLE_LAST };

/* Keeps a copy of msg at line; false when out of memory (nothing kept: the
 * caller reports msg at once). */
bool topc_found_keep(struct topc_found_list *l, long line, const char *msg);

/* Calls report(msg, ctx) for each problem kept, in line order (the order
 * found within a line), and frees them; the list is empty after. */
void topc_found_report(struct topc_found_list *l, enum topc_found_whole whole,
		       void (*report)(const char *msg, void *ctx), void *ctx);

#endif
