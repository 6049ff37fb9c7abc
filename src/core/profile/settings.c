#include "profile/settings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/paths.h"
#include "base/suggest.h"
#include "ext/conf.h"

/* topc.conf holds a few keys and colours */
#define SETTINGS_FILE_MAX ((size_t)1 << 20)

void topc_settings_init(struct topc_settings *s)
{
	memset(s, 0, sizeof(*s));
	topc_params_init(&s->keys);
	topc_params_init(&s->colors);
	topc_params_init(&s->lines);
	topc_buf_init(&s->problems, 0);
}

void topc_settings_release(struct topc_settings *s)
{
	topc_params_release(&s->keys);
	topc_params_release(&s->colors);
	topc_params_release(&s->lines);
	topc_buf_release(&s->problems);
	free(s->path);
	topc_settings_init(s);
}

/* A skipped error: kept in s->problems; only running out of memory stops. */
static enum topc_status setting_skipped(struct topc_settings *s, struct topc_error *err, int line,
					const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum topc_status setting_skipped(struct topc_settings *s, struct topc_error *err, int line,
					const char *fmt, ...)
{
	struct topc_error one = {0};
	va_list ap;

	va_start(ap, fmt);
	topc_error_vat(&one, TOPC_ERR_INPUT, s->path, line, fmt, ap);
	va_end(ap);
	if (topc_buf_addf(&s->problems, "%s\n", one.msg) != TOPC_OK)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	return TOPC_OK;
}

static enum topc_status read_group(struct topc_settings *s, const struct topc_conf *cfg,
				   const char *group, struct topc_params *out,
				   struct topc_error *err)
{
	struct topc_conf_node *g = topc_conf_lookup(cfg, group);

	if (!g)
		return TOPC_OK;
	if (topc_conf_type(g) != TOPC_CONF_GROUP)
		return setting_skipped(s, err, topc_conf_line(g),
				       "%s must be a group { name = \"value\"; }", group);
	for (size_t i = 0; i < topc_conf_count(g); i++) {
		struct topc_conf_node *e = topc_conf_elem(g, i);
		const char *v = topc_conf_string(e), *name = topc_conf_name(e);
		char key[160], line[16];
		if (!v) {
			if (setting_skipped(s, err, topc_conf_line(e), "%s.%s must be a string",
					    group, name) != TOPC_OK)
				return TOPC_ERR_NOMEM;
			continue;
		}
		snprintf(key, sizeof(key), "%s.%s", group, name);
		snprintf(line, sizeof(line), "%d", topc_conf_line(e));
		if (topc_params_set(out, name, v) != TOPC_OK ||
		    topc_params_set(&s->lines, key, line) != TOPC_OK)
			return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	}
	return TOPC_OK;
}

static enum topc_status check_names(struct topc_settings *s, const struct topc_conf *cfg,
				    struct topc_error *err)
{
	static const char *const names[] = {"keys", "colors", "mouse"};
	struct topc_conf_node *root = topc_conf_root(cfg);

	for (size_t i = 0; i < topc_conf_count(root); i++) {
		struct topc_conf_node *e = topc_conf_elem(root, i);
		const char *name = topc_conf_name(e);
		bool known = false;
		for (size_t k = 0; k < 3; k++)
			known = known || strcmp(name, names[k]) == 0;
		if (!known && setting_skipped(s, err, topc_conf_line(e),
					      "unknown setting \"%s\"; did you mean \"%s\"?", name,
					      topc_nearest(name, names, 3, (size_t)-1)) != TOPC_OK)
			return TOPC_ERR_NOMEM;
	}
	return TOPC_OK;
}

static enum topc_status read_mouse(struct topc_settings *s, const struct topc_conf *cfg,
				   struct topc_error *err)
{
	struct topc_conf_node *m = topc_conf_lookup(cfg, "mouse");

	if (!m)
		return TOPC_OK;
	if (topc_conf_type(m) != TOPC_CONF_BOOL)
		return setting_skipped(s, err, topc_conf_line(m), "mouse must be true or false");
	s->mouse = topc_conf_bool(m);
	return TOPC_OK;
}

enum topc_status topc_settings_load(struct topc_settings *s, const char *path,
				    struct topc_error *err)
{
	struct topc_conf *cfg;
	enum topc_status st;

	s->path = path ? strdup(path) : topc_path_config("topc.conf");
	if (!s->path || access(s->path, F_OK) != 0)
		return TOPC_OK;
	st = topc_conf_parse_file(s->path, SETTINGS_FILE_MAX, TOPC_ERR_INPUT, NULL, &cfg, err);
	if (st != TOPC_OK)
		return st;
	st = check_names(s, cfg, err);
	if (st == TOPC_OK)
		st = read_group(s, cfg, "keys", &s->keys, err);
	if (st == TOPC_OK)
		st = read_group(s, cfg, "colors", &s->colors, err);
	if (st == TOPC_OK)
		st = read_mouse(s, cfg, err);
	topc_conf_free(cfg);
	return st;
}

const char *topc_settings_where(const struct topc_settings *s, const char *group, const char *name,
				char *out, size_t size)
{
	char key[160];
	const char *line;

	snprintf(key, sizeof(key), "%s.%s", group, name);
	line = topc_params_get(&s->lines, key);
	snprintf(out, size, "%s:%s", s->path ? s->path : "topc.conf", line ? line : "?");
	return out;
}
