/* fold.c - the response pane's folds (fold.h). */
#include "fold.h"

#include <stdlib.h>
#include <string.h>

static bool grow(void **items, size_t *alloc, size_t need, size_t size)
{
	if (need <= *alloc)
		return true;
	size_t n = *alloc ? *alloc : 64;
	while (n < need)
		n *= 2;
	void *more = realloc(*items, n * size);
	if (!more)
		return false;
	*items = more;
	*alloc = n;
	return true;
}

void fold_release(struct fold_model *m)
{
	free(m->nodes);
	free(m->ranges);
	memset(m, 0, sizeof(*m));
}

/* The hidden ranges from the folded nodes: the outermost of each nest,
 * skipping what it holds. */
static enum topc_status rebuild(struct fold_model *m)
{
	size_t n = 0, alloc = 0, hidden = 0;
	struct fold_range *r = NULL;

	for (size_t i = 0; i < m->nnodes;) {
		const struct fold_node *d = &m->nodes[i];
		if (!d->folded) {
			i++;
			continue;
		}
		if (!grow((void **)&r, &alloc, n + 1, sizeof(*r))) {
			free(r);
			return TOPC_ERR_NOMEM;
		}
		r[n].first = (size_t)d->first + 1;
		r[n].count = (size_t)d->last - d->first - 1;
		r[n].hidden_before = hidden;
		hidden += r[n].count;
		n++;
		i = d->end;
	}
	free(m->ranges);
	m->ranges = r;
	m->nranges = n;
	m->hidden = hidden;
	return TOPC_OK;
}

enum topc_status fold_build(struct fold_model *m, const char *text, size_t len)
{
	uint32_t *stack = NULL, line = 0;
	size_t depth = 0, stack_alloc = 0, nodes_alloc = 0;
	bool in_string = false;

	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '\n') {
			if (line == UINT32_MAX - 1)
				goto nomem; /* past what a node can number */
			line++;
		} else if (in_string) {
			if (c == '\\' && i + 1 < len && text[i + 1] != '\n')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			if (!grow((void **)&stack, &stack_alloc, depth + 1, sizeof(*stack)) ||
			    !grow((void **)&m->nodes, &nodes_alloc, m->nnodes + 1,
				  sizeof(*m->nodes)))
				goto nomem;
			struct fold_node *d = &m->nodes[m->nnodes];
			d->first = d->last = line;
			d->parent = depth ? stack[depth - 1] : FOLD_NONE;
			d->end = 0;
			d->folded = false;
			stack[depth++] = (uint32_t)m->nnodes++;
		} else if ((c == '}' || c == ']') && depth) {
			uint32_t at = stack[--depth];
			struct fold_node *d = &m->nodes[at];
			if (line < d->first + 2) {
				/* nothing to hide: it and all inside it go (they end the array) */
				m->nnodes = at;
			} else {
				d->last = line;
				d->end = (uint32_t)m->nnodes;
			}
		}
	}
	/* a text cut short: what is still open ends at its last line */
	while (depth) {
		uint32_t at = stack[--depth];
		struct fold_node *d = &m->nodes[at];
		if (line < d->first + 2) {
			m->nnodes = at;
		} else {
			d->last = line;
			d->end = (uint32_t)m->nnodes;
		}
	}
	free(stack);
	m->nlines = (size_t)line + 1;
	return TOPC_OK;
nomem:
	free(stack);
	fold_release(m);
	return TOPC_ERR_NOMEM;
}

uint32_t fold_node_at(const struct fold_model *m, size_t line)
{
	size_t lo = 0, hi = m->nnodes;

	/* the last node opening at or before line */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->nodes[mid].first <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return FOLD_NONE;
	uint32_t i = (uint32_t)(lo - 1);
	while (i != FOLD_NONE && m->nodes[i].last < line)
		i = m->nodes[i].parent;
	return i;
}

bool fold_toggle(struct fold_model *m, size_t line)
{
	uint32_t i = fold_node_at(m, line);

	if (i == FOLD_NONE)
		return false;
	m->nodes[i].folded = !m->nodes[i].folded;
	if (rebuild(m) != TOPC_OK) {
		m->nodes[i].folded = !m->nodes[i].folded;
		return false;
	}
	return true;
}

enum topc_status fold_all(struct fold_model *m, bool folded)
{
	for (size_t i = 0; i < m->nnodes; i++)
		m->nodes[i].folded = folded;
	return rebuild(m);
}

enum topc_status fold_reveal(struct fold_model *m, size_t line)
{
	uint32_t at = fold_node_at(m, line), changed[64];
	size_t n = 0;
	enum topc_status st;

	/* the nodes holding line are the innermost and its parents; a line is
	 * hidden by those of them folded that it is strictly inside of (their
	 * first and last lines show) */
	for (uint32_t i = at; i != FOLD_NONE; i = m->nodes[i].parent) {
		const struct fold_node *d = &m->nodes[i];
		if (!d->folded || line <= d->first || line >= d->last)
			continue;
		m->nodes[i].folded = false;
		if (n < sizeof(changed) / sizeof(changed[0]))
			changed[n] = i;
		n++;
	}
	if (!n || (st = rebuild(m)) == TOPC_OK)
		return TOPC_OK;
	/* the ranges (what shows) are the old ones still; the nodes too, unless
	 * more than 64 folds nest around line */
	for (size_t k = 0; k < n && k < sizeof(changed) / sizeof(changed[0]); k++)
		m->nodes[changed[k]].folded = true;
	return st;
}

size_t fold_visible_count(const struct fold_model *m)
{
	return m->nlines - m->hidden;
}

size_t fold_line_of_visible(const struct fold_model *m, size_t v)
{
	size_t lo = 0, hi = m->nranges;

	/* the last range whose first hidden line would be row v or before */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->ranges[mid].first - m->ranges[mid].hidden_before <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return v;
	const struct fold_range *r = &m->ranges[lo - 1];
	return v + r->hidden_before + r->count;
}

/* The last range starting at or before line; SIZE_MAX when none. */
static size_t range_before(const struct fold_model *m, size_t line)
{
	size_t lo = 0, hi = m->nranges;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->ranges[mid].first <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : SIZE_MAX;
}

size_t fold_visible_of_line(const struct fold_model *m, size_t line)
{
	size_t k = range_before(m, line);

	if (k == SIZE_MAX)
		return line;
	const struct fold_range *r = &m->ranges[k];
	if (line < r->first + r->count) /* hidden: the fold's own first line */
		return r->first - 1 - r->hidden_before;
	return line - r->hidden_before - r->count;
}

size_t fold_hidden_after(const struct fold_model *m, size_t line)
{
	size_t k = range_before(m, line + 1);

	return k != SIZE_MAX && m->ranges[k].first == line + 1 ? m->ranges[k].count : 0;
}
