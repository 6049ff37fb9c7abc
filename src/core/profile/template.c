/* template.c - saved filled forms: their files, and the unique values
 * already sent from them; the generators are computed in template_expand.c. */
#include "profile/template.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/mask.h"
#include "base/number.h"
#include "ext/conf.h"
#include "ext/crypto.h"
#include "ext/json.h"
#include "form/form_json.h"
#include "base/file.h"
#include "base/paths.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "profile/profile_list.h"

#define TEMPLATE_MAX (1u << 20)

void topc_template_init(struct topc_template *t)
{
	memset(t, 0, sizeof(*t));
	topc_params_init(&t->values);
}

void topc_template_release(struct topc_template *t)
{
	free(t->name);
	free(t->method);
	free(t->description);
	free(t->path);
	topc_params_release(&t->values);
	topc_template_init(t);
}

bool topc_template_name_ok(const char *name)
{
	size_t len = strlen(name);
	uint32_t cp;

	if (!*name || *name == '.' || len > 128)
		return false;
	for (size_t i = 0, n; i < len; i += n)
		if (!(n = topc_utf8_next(name + i, len - i, &cp)) ||
		    (!topc_utf8_alnum(cp) && cp != '.' && cp != '_' && cp != '-'))
			return false;
	return true;
}

char *topc_template_dir(void)
{
	return topc_path_config("templates");
}

static char *file_of(const char *dir, const char *name, const char *suffix)
{
	struct topc_buf b;

	topc_buf_init(&b, 8192);
	if (!dir || topc_buf_addf(&b, "%s/%s%s", dir, name, suffix) != TOPC_OK) {
		topc_buf_release(&b);
		return NULL;
	}
	return topc_buf_detach(&b, NULL);
}

/* ------------------------------------------------------------------ */
/* Files */

static const char *const template_keys[] = {"method", "description", "values"};

enum topc_status topc_template_load_string(const char *text, const char *file, const char *name,
					   struct topc_template *t, struct topc_error *err)
{
	struct topc_conf *cfg = NULL;
	struct topc_conf_node *root, *values;
	const char *s;
	enum topc_status st;

	topc_template_init(t);
	st = topc_conf_parse(text, file, TOPC_ERR_INPUT, NULL, &cfg, err);
	if (st != TOPC_OK)
		goto out;
	root = topc_conf_root(cfg);
	for (size_t i = 0; i < topc_conf_count(root); i++) {
		struct topc_conf_node *k = topc_conf_elem(root, i);
		const char *key = topc_conf_name(k);
		if (!topc_nearest(key, template_keys, 3, 0)) {
			const char *near = topc_nearest(key, template_keys, 3, 3);
			st = near ? topc_error_at(err, TOPC_ERR_INPUT, file, topc_conf_line(k),
						  "unknown key \"%s\"; did you mean \"%s\"?", key,
						  near)
				  : topc_error_at(err, TOPC_ERR_INPUT, file, topc_conf_line(k),
						  "unknown key \"%s\"", key);
			goto out;
		}
	}
	if (!(s = topc_conf_member_string(root, "method")) || !*s) {
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "%s: no method; add method = \"taobao.x.y\";", file);
		goto out;
	}
	t->method = strdup(s);
	if ((s = topc_conf_member_string(root, "description")))
		t->description = strdup(s);
	values = topc_conf_member(root, "values");
	if (values && topc_conf_type(values) != TOPC_CONF_LIST) {
		st = topc_error_at(err, TOPC_ERR_INPUT, file, topc_conf_line(values),
				   "values must be a list of (\"path\", \"value\") pairs");
		goto out;
	}
	for (size_t i = 0; i < topc_conf_count(values); i++) {
		struct topc_conf_node *pair = topc_conf_elem(values, i);
		const char *path = NULL, *value = NULL;
		if (topc_conf_is_aggregate(pair) && topc_conf_count(pair) == 2) {
			path = topc_conf_string_elem(pair, 0);
			value = topc_conf_string_elem(pair, 1);
		}
		if (!path || !value || !*path) {
			st =
			    topc_error_at(err, TOPC_ERR_INPUT, file, topc_conf_line(pair),
					  "each value must be (\"path\", \"value\"), both strings");
			goto out;
		}
		if ((st = topc_template_value_check(value, err)) != TOPC_OK) {
			topc_error_prefix(err, "%s:%d: %s: ", file, topc_conf_line(pair), path);
			goto out;
		}
		if (topc_params_set(&t->values, path, value) != TOPC_OK) {
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
			goto out;
		}
	}
	t->name = strdup(name);
	t->path = strdup(file);
	if (!t->method || !t->name || !t->path)
		st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
out:
	topc_conf_free(cfg);
	if (st != TOPC_OK)
		topc_template_release(t);
	return st;
}

enum topc_status topc_template_load(const char *name, struct topc_template *t,
				    struct topc_error *err)
{
	char *dir = topc_template_dir(), *path = NULL;
	struct topc_buf text;
	enum topc_status st;

	topc_template_init(t);
	if (!topc_template_name_ok(name))
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "\"%s\" is not a template name; use "
				    "letters, digits, '.', '_' and '-'",
				    name);
	else if (!(path = file_of(dir, name, ".conf")))
		st = topc_error_set(err, TOPC_ERR_IO, "no home folder for templates; set HOME");
	else if (access(path, F_OK) != 0)
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "no template \"%s\" (%s); topc templates "
				    "list shows them",
				    name, path);
	else {
		topc_buf_init(&text, TEMPLATE_MAX + 1);
		st = topc_file_read(path, TEMPLATE_MAX, &text, err);
		if (st == TOPC_OK)
			st = topc_template_load_string(topc_buf_str(&text), path, name, t, err);
		topc_buf_release(&text);
	}
	free(dir);
	free(path);
	return st;
}

/* The template as a file: a comment naming the generators, then libconfig. */
static enum topc_status render(const struct topc_template *t, struct topc_buf *out)
{
	struct topc_conf *cfg = topc_conf_new();
	struct topc_conf_node *root = topc_conf_root(cfg), *values;
	bool ok;

	ok = topc_conf_add_string(root, "method", t->method) &&
	     (!t->description || topc_conf_add_string(root, "description", t->description)) &&
	     (values = topc_conf_add(root, "values", TOPC_CONF_LIST));
	for (size_t i = 0; ok && i < t->values.count; i++) {
		struct topc_conf_node *pair = topc_conf_add(values, NULL, TOPC_CONF_LIST);
		ok = topc_conf_add_string(pair, NULL, t->values.items[i].name) &&
		     topc_conf_add_string(pair, NULL, t->values.items[i].value);
	}
	ok = ok &&
	     topc_buf_addf(out,
			   "# topc template \"%s\"; generators: ${uuid} ${now} ${now_ms} "
			   "${today} ${seq} ${env:NAME} ${profile:KEY}\n",
			   t->name) == TOPC_OK &&
	     topc_conf_write(cfg, out) == TOPC_OK;
	topc_conf_free(cfg);
	return ok ? TOPC_OK : TOPC_ERR_NOMEM;
}

enum topc_status topc_template_save(struct topc_template *t, bool replace, struct topc_error *err)
{
	char *dir = topc_template_dir(), *path = NULL, *lock = NULL;
	struct topc_buf text;
	int fd = -1;
	enum topc_status st;

	topc_buf_init(&text, TEMPLATE_MAX);

	if (!topc_template_name_ok(t->name)) {
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "\"%s\" is not a template name; use "
				    "letters, digits, '.', '_' and '-'",
				    t->name);
		goto out;
	}
	if (!dir || !(path = file_of(dir, t->name, ".conf")) ||
	    !(lock = file_of(dir, ".lock", ""))) {
		st = topc_error_set(err, TOPC_ERR_IO, "no home folder for templates; set HOME");
		goto out;
	}
	if ((st = topc_dir_ensure(dir, 0700, err)) != TOPC_OK)
		goto out;
	if (render(t, &text) != TOPC_OK) {
		st = topc_error_set(err, TOPC_ERR_NOMEM,
				    "template \"%s\" would pass %zu bytes; keep fewer or shorter "
				    "values",
				    t->name, (size_t)TEMPLATE_MAX);
		goto out;
	}
	/* One saver at a time, so "exists" is decided and acted on atomically. */
	if ((fd = topc_file_lock(lock, err)) < 0) {
		st = err ? err->code : TOPC_ERR_IO;
		goto out;
	}
	if (!replace && access(path, F_OK) == 0)
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "template \"%s\" exists (%s); add --force "
				    "to replace it",
				    t->name, path);
	else
		st = topc_file_write_atomic(path, text.data, text.len, 0600, err);
	topc_file_unlock(fd);
	if (st == TOPC_OK) {
		free(t->path);
		t->path = path;
		path = NULL;
	}
out:
	free(dir);
	free(path);
	free(lock);
	topc_buf_release(&text);
	return st;
}

enum topc_status topc_template_delete(const char *name, struct topc_error *err)
{
	char *dir = topc_template_dir(), *path = NULL;
	enum topc_status st = TOPC_OK;

	if (!topc_template_name_ok(name))
		st = topc_error_set(err, TOPC_ERR_INPUT, "\"%s\" is not a template name", name);
	else if (!(path = file_of(dir, name, ".conf")))
		st = topc_error_set(err, TOPC_ERR_IO, "no home folder for templates; set HOME");
	else if (unlink(path) != 0)
		st = topc_error_set(err, errno == ENOENT ? TOPC_ERR_INPUT : TOPC_ERR_IO,
				    "cannot delete template \"%s\" (%s): %s", name, path,
				    topc_strerror(errno));
	free(dir);
	free(path);
	return st;
}

bool topc_template_exists(const char *name)
{
	char *dir = topc_template_dir(), *path = NULL;
	bool there = topc_template_name_ok(name) && (path = file_of(dir, name, ".conf")) &&
		     access(path, F_OK) == 0;

	free(dir);
	free(path);
	return there;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void topc_template_each(topc_template_visit_fn fn, void *ctx)
{
	char *dir = topc_template_dir();
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	while (d && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char **more;
		if (de->d_name[0] == '.' || len <= 5 || strcmp(de->d_name + len - 5, ".conf") != 0)
			continue;
		if (!(more = realloc(names, (n + 1) * sizeof(*names))))
			break;
		names = more;
		if ((names[n] = strndup(de->d_name, len - 5)))
			n++;
	}
	if (d)
		closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		if (fn && !fn(names[i], ctx))
			fn = NULL;
		free(names[i]);
	}
	free(names);
	free(dir);
}

/* ------------------------------------------------------------------ */
/* Unique values already sent */

bool topc_template_seen(const char *name, const char *path, const char *value)
{
	char *dir = topc_path_state("sent"), *file = dir ? file_of(dir, name, "") : NULL;
	char *lock = dir ? file_of(dir, name, ".lock") : NULL;
	struct topc_buf text, line;
	bool seen = false;
	int fd = -1;

	topc_buf_init(&text, 1 << 24);
	topc_buf_init(&line, 1 << 16);
	if (!file || !lock || topc_dir_ensure(dir, 0700, NULL) != TOPC_OK ||
	    topc_buf_addf(&line, "%s\t%s\n", path, value) != TOPC_OK ||
	    (fd = topc_file_lock(lock, NULL)) < 0)
		goto out;
	if (access(file, F_OK) == 0 && topc_file_read(file, 1 << 24, &text, NULL) != TOPC_OK)
		goto out;
	for (const char *t = topc_buf_str(&text), *at = strstr(t, line.data); at && !seen;
	     at = strstr(at + 1, line.data))
		seen = at == t || at[-1] == '\n';
	/* rewritten whole, like every file topc keeps, so a crash cannot cut a line */
	if (!seen && topc_buf_add(&text, line.data, line.len) == TOPC_OK)
		topc_file_write_atomic(file, text.data, text.len, 0600, NULL);
out:
	topc_file_unlock(fd);
	topc_buf_release(&text);
	topc_buf_release(&line);
	free(dir);
	free(file);
	free(lock);
	return seen;
}
