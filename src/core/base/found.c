/* found.c - a file's problems reported in its line order (found.h). */
#include "base/found.h"

#include <stdlib.h>
#include <string.h>

bool topc_found_keep(struct topc_found_list *l, long line, const char *msg)
{
	struct topc_found *more = realloc(l->items, (l->count + 1) * sizeof(*more));

	if (!more)
		return false;
	l->items = more;
	if (!(more[l->count].msg = strdup(msg)))
		return false;
	more[l->count].line = line;
	more[l->count].seq = l->count;
	l->count++;
	return true;
}

static int by_line(const struct topc_found *x, const struct topc_found *y)
{
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int whole_first(const void *a, const void *b)
{
	return by_line(a, b);
}

static int whole_last(const void *a, const void *b)
{
	const struct topc_found *x = a, *y = b;

	if ((x->line == 0) != (y->line == 0))
		return x->line == 0 ? 1 : -1;
	return by_line(x, y);
}

void topc_found_report(struct topc_found_list *l, enum topc_found_whole whole,
		       void (*report)(const char *msg, void *ctx), void *ctx)
{
	if (l->count) /* qsort's base may not be NULL, even for none */
		qsort(l->items, l->count, sizeof(*l->items),
		      whole == TOPC_FOUND_WHOLE_FIRST ? whole_first : whole_last);
	for (size_t i = 0; i < l->count; i++) {
		report(l->items[i].msg, ctx);
		free(l->items[i].msg);
	}
	free(l->items);
	l->items = NULL;
	l->count = 0;
}
