#include "form/form_store.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/paths.h"
#include "form/form_read.h"

void topc_form_store_init(struct topc_form_store *s)
{
	memset(s, 0, sizeof(*s));
}

void topc_form_store_release(struct topc_form_store *s)
{
	for (size_t i = 0; i < s->count; i++) {
		free(s->items[i].method);
		free(s->items[i].path);
		free(s->items[i].problem);
		topc_form_release(&s->items[i].form);
	}
	free(s->items);
	topc_form_store_init(s);
}

static struct topc_form_entry *find_entry(const struct topc_form_store *s, const char *method)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->items[i].method, method) == 0)
			return &s->items[i];
	return NULL;
}

static void drop_entry(struct topc_form_store *s, struct topc_form_entry *e)
{
	free(e->method);
	free(e->path);
	free(e->problem);
	topc_form_release(&e->form);
	*e = s->items[--s->count];
}

static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && strcmp(name + n - k, suffix) == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds one file; a method already present from the same directory makes the
 * newcomer a problem, from the shipped directory is replaced. */
static enum topc_status add_file(struct topc_form_store *s, const char *path, bool user)
{
	struct topc_form_entry e = {0}, *old, *items;
	struct topc_error err = {0};

	e.user = user;
	e.path = strdup(path);
	e.ok = topc_form_load_file(path, &e.form, &err) == TOPC_OK;
	if (e.ok) {
		e.method = strdup(e.form.method);
	} else {
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		e.method = strndup(base, strlen(base) - strlen(".conf"));
		e.why = err;
		e.problem = strdup(err.msg);
	}
	if (!e.path || !e.method || (!e.ok && !e.problem))
		goto nomem;
	old = find_entry(s, e.method);
	if (old && old->user == user) {
		free(e.problem);
		topc_error_set(&e.why, TOPC_ERR_INPUT,
			       "%s: defines %s again (also in %s); remove one", path, e.method,
			       old->path);
		e.problem = strdup(e.why.msg);
		e.ok = false;
		if (!e.problem)
			goto nomem;
		topc_form_release(&e.form);
	} else if (old) {
		e.shadows = true;
		drop_entry(s, old);
	}
	items = realloc(s->items, (s->count + 1) * sizeof(*items));
	if (!items)
		goto nomem;
	s->items = items;
	s->items[s->count++] = e;
	return TOPC_OK;
nomem:
	free(e.method);
	free(e.path);
	free(e.problem);
	topc_form_release(&e.form);
	return TOPC_ERR_NOMEM;
}

static enum topc_status scan_dir(struct topc_form_store *s, const char *dir, bool user)
{
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	enum topc_status st = TOPC_OK;

	if (!d)
		return TOPC_OK;
	while ((de = readdir(d))) {
		char **more;
		if (de->d_name[0] == '.' || !has_suffix(de->d_name, ".conf"))
			continue;
		more = realloc(names, (n + 1) * sizeof(*names));
		if (!more || !(more[n] = strdup(de->d_name))) {
			names = more ? more : names;
			st = TOPC_ERR_NOMEM;
			break;
		}
		names = more;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		struct topc_buf path;
		topc_buf_init(&path, 8192);
		if (st == TOPC_OK && topc_buf_addf(&path, "%s/%s", dir, names[i]) == TOPC_OK)
			st = add_file(s, topc_buf_str(&path), user);
		topc_buf_release(&path);
		free(names[i]);
	}
	free(names);
	return st;
}

static int by_method(const void *a, const void *b)
{
	const struct topc_form_entry *x = a, *y = b;

	return strcmp(x->method, y->method);
}

enum topc_status topc_form_store_load(struct topc_form_store *s, struct topc_error *err)
{
	char *shipped = topc_path_data("forms"), *user = topc_path_config("forms");
	enum topc_status st = scan_dir(s, shipped, false);

	if (st == TOPC_OK)
		st = scan_dir(s, user, true);
	free(shipped);
	free(user);
	if (st != TOPC_OK)
		return topc_error_set(err, st, "out of memory reading forms");
	if (s->count > 1)
		qsort(s->items, s->count, sizeof(*s->items), by_method);
	return TOPC_OK;
}

const struct topc_form *topc_form_store_get(const struct topc_form_store *s, const char *method)
{
	const struct topc_form_entry *e = find_entry(s, method);

	return e && e->ok ? &e->form : NULL;
}

/* dir/METHOD.conf when it exists. */
static char *direct_path(const char *dir, const char *method)
{
	struct topc_buf path;

	if (!dir || strchr(method, '/'))
		return NULL;
	topc_buf_init(&path, 8192);
	if (topc_buf_addf(&path, "%s/%s.conf", dir, method) != TOPC_OK ||
	    access(topc_buf_str(&path), F_OK) != 0) {
		topc_buf_release(&path);
		return NULL;
	}
	return topc_buf_detach(&path, NULL);
}

enum topc_status topc_form_find(const char *method, struct topc_form *f, bool *found,
				struct topc_error *err)
{
	char *user = topc_path_config("forms"), *shipped = topc_path_data("forms");
	char *path = direct_path(user, method);
	struct topc_form_store store;
	struct topc_form_entry *e;
	enum topc_status st;

	if (!path)
		path = direct_path(shipped, method);
	free(user);
	free(shipped);
	topc_form_init(f);
	*found = path != NULL;
	if (path) {
		st = topc_form_load_file(path, f, err);
		free(path);
		return st;
	}
	/* Not under its own name: look inside every form file. */
	topc_form_store_init(&store);
	st = topc_form_store_load(&store, err);
	e = st == TOPC_OK ? find_entry(&store, method) : NULL;
	if (e) {
		*found = true;
		if (e->ok) {
			*f = e->form;
			topc_form_init(&e->form);
		} else {
			st = topc_error_copy(err, TOPC_ERR_INPUT, &e->why);
		}
	}
	topc_form_store_release(&store);
	return st;
}
