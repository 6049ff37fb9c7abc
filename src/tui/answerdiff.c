/* answerdiff.c - the diff view's model (answerdiff.h). */
#include "answerdiff.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void answerdiff_release(struct answerdiff *d)
{
	topc_compare_result_release(&d->fields);
	topc_compare_result_release(&d->every);
	free(d->rows);
	free(d->ignored);
	free(d->unified_start);
	memset(d, 0, sizeof(*d));
}

/* Paths in the order a person reads them: the numbers in them by value, so
 * a.b[2] comes before a.b[10] (the compare's own order is strcmp's). */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
			const char *da = a, *db = b;
			while (na > 1 && *da == '0')
				da++, na--;
			while (nb > 1 && *db == '0')
				db++, nb--;
			if (na != nb)
				return na < nb ? -1 : 1;
			int c = memcmp(da, db, na);
			if (c)
				return c;
			a = da + na;
			b = db + nb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int by_natural_path(const void *x, const void *y)
{
	return natural_cmp(((const struct answerdiff_row *)x)->path,
			   ((const struct answerdiff_row *)y)->path);
}

static void row_of(struct answerdiff_row *r, const struct topc_compare_change *c)
{
	r->path = c->path;
	r->before = c->old_value;
	r->now = c->new_value;
	r->changed = topc_compare_change_differs(c);
}

/* The fields of every answer that the compared ones lack: both lists are
 * by path, so one walk finds them. */
static enum topc_status find_ignored(struct answerdiff *d, const struct topc_compare_answer *before,
				     const struct topc_compare_answer *now)
{
	enum topc_status st = topc_compare_fields(before, now, NULL, 0, &d->every);
	size_t j = 0;

	if (st != TOPC_OK) {
		answerdiff_release(d);
		return st;
	}
	d->ignored = calloc(d->every.nchanges ? d->every.nchanges : 1, sizeof(*d->ignored));
	if (!d->ignored) {
		answerdiff_release(d);
		return TOPC_ERR_NOMEM;
	}
	for (size_t i = 0; i < d->every.nchanges; i++) {
		const struct topc_compare_change *c = &d->every.changes[i];
		while (j < d->fields.nchanges && strcmp(d->fields.changes[j].path, c->path) < 0)
			j++;
		if (j < d->fields.nchanges && strcmp(d->fields.changes[j].path, c->path) == 0)
			continue;
		row_of(&d->ignored[d->nignored++], c);
	}
	if (d->nignored > 1)
		qsort(d->ignored, d->nignored, sizeof(*d->ignored), by_natural_path);
	return TOPC_OK;
}

enum topc_status answerdiff_build(struct answerdiff *d, const struct topc_compare_answer *before,
				  const struct topc_compare_answer *now, const char *const *ignore,
				  size_t nignore)
{
	static const char *const defaults[] = TOPC_COMPARE_DEFAULT_IGNORE;
	enum topc_status st;
	size_t n;

	memset(d, 0, sizeof(*d));
	if (!ignore) {
		ignore = defaults;
		nignore = sizeof(defaults) / sizeof(defaults[0]);
	}
	st = topc_compare_fields(before, now, ignore, nignore, &d->fields);
	if (st != TOPC_OK)
		return st;
	n = d->fields.nchanges;
	d->rows = calloc(n ? n : 1, sizeof(*d->rows));
	d->unified_start = calloc(n + 1, sizeof(*d->unified_start));
	if (!d->rows || !d->unified_start) {
		answerdiff_release(d);
		return TOPC_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++)
		row_of(&d->rows[i], &d->fields.changes[i]);
	if (n > 1)
		qsort(d->rows, n, sizeof(*d->rows), by_natural_path);
	for (size_t i = 0; i < n; i++) {
		const struct answerdiff_row *r = &d->rows[i];
		d->nchanged += r->changed;
		/* a changed field: a line per side that has it */
		size_t lines = r->changed ? (size_t)(r->before != NULL) + (r->now != NULL) : 1;
		d->unified_start[i + 1] = d->unified_start[i] + lines;
	}
	d->nrows = n;
	return find_ignored(d, before, now);
}

enum topc_compare_verdict answerdiff_verdict(const struct answerdiff *d)
{
	return d->fields.verdict;
}

size_t answerdiff_unified_count(const struct answerdiff *d)
{
	return d->unified_start ? d->unified_start[d->nrows] : 0;
}

void answerdiff_unified_line(const struct answerdiff *d, size_t k, size_t *row,
			     enum answerdiff_side *side)
{
	size_t lo = 0, hi = d->nrows;

	/* the last row starting at or before k */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->unified_start[mid] <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	*row = lo ? lo - 1 : 0;
	const struct answerdiff_row *r = &d->rows[*row];
	if (!r->changed)
		*side = ANSWERDIFF_SAME;
	else if (r->before && k == d->unified_start[*row])
		*side = ANSWERDIFF_BEFORE;
	else
		*side = ANSWERDIFF_NOW;
}
