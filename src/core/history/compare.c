/* compare.c - two answers field by field (compare.h). */
#include "history/compare.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "form/form.h"

#include "base/buf.h"
#include "ext/json.h"
#include "ext/xml.h"
#include "top/query.h"

struct leaf {
	char *path, *value;
	size_t order; /* document order, to keep repeated paths apart */
};

struct leaves {
	struct leaf *items;
	size_t n, alloc;
	const char *const *ignore;
	size_t nignore;
	bool failed;
};

static void leaves_release(struct leaves *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].path);
		free(l->items[i].value);
	}
	free(l->items);
}

/* fnmatch, with the common shapes (name, *suffix, prefix*) done by hand:
 * glibc's fnmatch converts to wide characters first in a UTF-8 locale,
 * which is most of a compare's time */
static bool name_matches(const char *pattern, const char *name, size_t n)
{
	size_t pl = strlen(pattern);

	if (!strpbrk(pattern, "*?[\\"))
		return pl == n && memcmp(pattern, name, n) == 0;
	if (pattern[0] == '*' && !strpbrk(pattern + 1, "*?[\\"))
		return n >= pl - 1 && memcmp(name + n - (pl - 1), pattern + 1, pl - 1) == 0;
	if (pattern[pl - 1] == '*' && strcspn(pattern, "*?[\\") == pl - 1)
		return n >= pl - 1 && memcmp(name, pattern, pl - 1) == 0;
	return fnmatch(pattern, name, 0) == 0;
}

static bool ignored(const struct leaves *l, const char *path)
{
	const char *last = path, *p;

	/* the last name: after the last '.', without a trailing [n] */
	for (p = path; *p; p++)
		if (*p == '.')
			last = p + 1;
	size_t n = strcspn(last, "[");
	char name[128];
	if (n >= sizeof(name))
		return false;
	memcpy(name, last, n);
	name[n] = '\0';
	for (size_t i = 0; i < l->nignore; i++)
		if (name_matches(l->ignore[i], name, n))
			return true;
	return false;
}

static bool add_leaf(const char *path, const char *value, void *ctx)
{
	struct leaves *l = ctx;

	if (ignored(l, path))
		return true;
	struct leaf *more = topc_grow(l->items, sizeof(*more), l->n, &l->alloc);
	if (!more) {
		l->failed = true;
		return false;
	}
	l->items = more;
	struct leaf *f = &l->items[l->n];
	f->path = strdup(path);
	f->value = strdup(value);
	f->order = l->n;
	if (!f->path || !f->value) {
		free(f->path);
		free(f->value);
		l->failed = true;
		return false;
	}
	l->n++;
	return true;
}

/* An XML element's leaves: name.name..., repeated siblings numbered */
static bool xml_leaves(const struct topc_tree *t, struct topc_buf *path, struct leaves *l)
{
	size_t mark = path->len;

	if (!t->nkids) {
		struct topc_buf q;
		bool ok;
		topc_buf_init(&q, 0);
		ok = topc_json_quote(&q, t->text ? t->text : "") == TOPC_OK &&
		     add_leaf(topc_buf_str(path), topc_buf_str(&q), l);
		topc_buf_release(&q);
		return ok || !l->failed;
	}
	for (size_t i = 0; i < t->nkids; i++) {
		const struct topc_tree *k = &t->kids[i];
		size_t same = 0, nth = 0;
		for (size_t j = 0; j < t->nkids; j++)
			if (strcmp(t->kids[j].name, k->name) == 0) {
				if (j < i)
					nth++;
				same++;
			}
		if ((mark && topc_buf_addc(path, '.') != TOPC_OK) ||
		    topc_buf_adds(path, k->name) != TOPC_OK ||
		    (same > 1 && topc_buf_addf(path, "[%zu]", nth) != TOPC_OK)) {
			l->failed = true;
			return false;
		}
		if (!xml_leaves(k, path, l))
			return false;
		path->len = mark;
		path->data[mark] = '\0';
	}
	return true;
}

static enum topc_status read_leaves(const struct topc_compare_answer *a, struct leaves *l)
{
	struct topc_buf raw;
	enum topc_status st;

	if (!a->body || !a->len)
		return TOPC_OK;
	if (topc_answer_is_xml(a->body, a->len)) {
		struct topc_tree t;
		if (topc_xml_tree(a->body, a->len, &t)) {
			struct topc_buf path;
			topc_buf_init(&path, 0);
			if (topc_buf_adds(&path, t.name) != TOPC_OK)
				l->failed = true;
			else
				xml_leaves(&t, &path, l);
			topc_buf_release(&path);
			topc_tree_release(&t);
			return l->failed ? TOPC_ERR_NOMEM : TOPC_OK;
		}
	} else {
		st = topc_json_leaves(a->body, a->len, add_leaf, l);
		if (st != TOPC_ERR_PARSE)
			return st != TOPC_OK || l->failed ? TOPC_ERR_NOMEM : TOPC_OK;
	}
	/* neither JSON nor XML (or cut short): the body is one leaf */
	topc_buf_init(&raw, 0);
	st = topc_buf_add(&raw, a->body, a->len);
	if (st == TOPC_OK) {
		struct topc_buf q;
		topc_buf_init(&q, 0);
		st = topc_json_quote(&q, topc_buf_str(&raw));
		if (st == TOPC_OK && !add_leaf("", topc_buf_str(&q), l))
			st = TOPC_ERR_NOMEM;
		topc_buf_release(&q);
	}
	topc_buf_release(&raw);
	return st;
}

static int by_path(const void *a, const void *b)
{
	const struct leaf *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

static bool add_change(struct topc_compare_result *r, const char *path, const char *before,
		       const char *now)
{
	struct topc_compare_change *more = realloc(r->changes, (r->nchanges + 1) * sizeof(*more));

	if (!more)
		return false;
	r->changes = more;
	struct topc_compare_change *c = &r->changes[r->nchanges];
	c->path = strdup(path);
	c->old_value = before ? strdup(before) : NULL;
	c->new_value = now ? strdup(now) : NULL;
	if (!c->path || (before && !c->old_value) || (now && !c->new_value)) {
		free(c->path);
		free(c->old_value);
		free(c->new_value);
		return false;
	}
	r->nchanges++;
	return true;
}

void topc_compare_result_release(struct topc_compare_result *r)
{
	for (size_t i = 0; i < r->nchanges; i++) {
		free(r->changes[i].path);
		free(r->changes[i].old_value);
		free(r->changes[i].new_value);
	}
	free(r->changes);
	memset(r, 0, sizeof(*r));
}

const char *topc_compare_verdict_name(enum topc_compare_verdict v)
{
	static const char *const names[] = {
#define TOPC_X(id, name) name,
	    TOPC_COMPARE_VERDICT_TABLE(TOPC_X)
#undef TOPC_X
	};
	return v < TOPC_COMPARE_NVERDICTS ? names[v] : "?";
}

static enum topc_status compare(const struct topc_compare_answer *before,
				const struct topc_compare_answer *now, const char *const *ignore,
				size_t nignore, bool every, struct topc_compare_result *out)
{
	struct leaves a = {.ignore = ignore, .nignore = nignore},
		      b = {.ignore = ignore, .nignore = nignore};
	enum topc_status st;
	size_t i = 0, j = 0;
	bool was_ok = before->outcome == TOPC_OUTCOME_SUCCESS,
	     is_ok = now->outcome == TOPC_OUTCOME_SUCCESS;

	memset(out, 0, sizeof(*out));
	st = read_leaves(before, &a);
	if (st == TOPC_OK)
		st = read_leaves(now, &b);
	if (st == TOPC_OK) {
		/* qsort(NULL, 0, ...) is undefined */
		if (a.n > 1)
			qsort(a.items, a.n, sizeof(*a.items), by_path);
		if (b.n > 1)
			qsort(b.items, b.n, sizeof(*b.items), by_path);
	}
	while (st == TOPC_OK && (i < a.n || j < b.n)) {
		int c = i == a.n ? 1 : j == b.n ? -1 : strcmp(a.items[i].path, b.items[j].path);
		bool ok = true;
		if (c < 0) {
			ok = add_change(out, a.items[i].path, a.items[i].value, NULL);
			i++;
		} else if (c > 0) {
			ok = add_change(out, b.items[j].path, NULL, b.items[j].value);
			j++;
		} else {
			if (every || strcmp(a.items[i].value, b.items[j].value) != 0)
				ok = add_change(out, a.items[i].path, a.items[i].value,
						b.items[j].value);
			i++;
			j++;
		}
		if (!ok)
			st = TOPC_ERR_NOMEM;
	}
	leaves_release(&a);
	leaves_release(&b);
	if (st != TOPC_OK) {
		topc_compare_result_release(out);
		return st;
	}
	bool changed = false;
	for (size_t k = 0; k < out->nchanges && !changed; k++)
		changed = topc_compare_change_differs(&out->changes[k]);
	out->verdict = was_ok && !is_ok	  ? TOPC_COMPARE_NEWLY_FAILING
		       : !was_ok && is_ok ? TOPC_COMPARE_NEWLY_PASSING
		       : changed	  ? TOPC_COMPARE_CHANGED
					  : TOPC_COMPARE_SAME;
	return TOPC_OK;
}

bool topc_compare_change_differs(const struct topc_compare_change *c)
{
	return !c->old_value || !c->new_value || strcmp(c->old_value, c->new_value) != 0;
}

enum topc_status topc_compare_answers(const struct topc_compare_answer *before,
				      const struct topc_compare_answer *now,
				      const char *const *ignore, size_t nignore,
				      struct topc_compare_result *out)
{
	return compare(before, now, ignore, nignore, false, out);
}

enum topc_status topc_compare_fields(const struct topc_compare_answer *before,
				     const struct topc_compare_answer *now,
				     const char *const *ignore, size_t nignore,
				     struct topc_compare_result *out)
{
	return compare(before, now, ignore, nignore, true, out);
}

size_t topc_compare_ignore_list(const struct topc_form *form, const char **out, size_t max)
{
	static const char *const defaults[] = TOPC_COMPARE_DEFAULT_IGNORE;
	size_t n = 0;

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]) && n < max; i++)
		out[n++] = defaults[i];
	for (size_t i = 0; form && i < form->ncompare_ignore && n < max; i++)
		out[n++] = form->compare_ignore[i];
	return n;
}
