#include "profile/settings.h"

#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/paths.h"
#include "base/suggest.h"

void topc_settings_init(struct topc_settings *s)
{
	memset(s, 0, sizeof(*s));
	topc_params_init(&s->keys);
	topc_params_init(&s->colors);
	topc_params_init(&s->lines);
}

void topc_settings_release(struct topc_settings *s)
{
	topc_params_release(&s->keys);
	topc_params_release(&s->colors);
	topc_params_release(&s->lines);
	free(s->path);
	topc_settings_init(s);
}

static enum topc_status read_group(struct topc_settings *s, config_t *cfg, const char *group,
				   struct topc_params *out, struct topc_error *err)
{
	config_setting_t *g = config_lookup(cfg, group);

	if (!g)
		return TOPC_OK;
	if (!config_setting_is_group(g))
		return topc_error_set(err, TOPC_ERR_INPUT,
				      "%s:%d: %s must be a group { name = "
				      "\"value\"; }",
				      s->path, config_setting_source_line(g), group);
	for (int i = 0; i < config_setting_length(g); i++) {
		config_setting_t *e = config_setting_get_elem(g, (unsigned)i);
		const char *v = config_setting_get_string(e);
		char key[160], line[16];
		if (!v)
			return topc_error_set(err, TOPC_ERR_INPUT, "%s:%d: %s.%s must be a string",
					      s->path, config_setting_source_line(e), group,
					      config_setting_name(e));
		snprintf(key, sizeof(key), "%s.%s", group, config_setting_name(e));
		snprintf(line, sizeof(line), "%d", config_setting_source_line(e));
		if (topc_params_set(out, config_setting_name(e), v) != TOPC_OK ||
		    topc_params_set(&s->lines, key, line) != TOPC_OK)
			return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	}
	return TOPC_OK;
}

static enum topc_status check_names(struct topc_settings *s, config_t *cfg, struct topc_error *err)
{
	static const char *const names[] = {"keys", "colors", "mouse"};
	config_setting_t *root = config_root_setting(cfg);

	for (int i = 0; i < config_setting_length(root); i++) {
		config_setting_t *e = config_setting_get_elem(root, (unsigned)i);
		const char *name = config_setting_name(e);
		bool known = false;
		for (size_t k = 0; k < 3; k++)
			known = known || strcmp(name, names[k]) == 0;
		if (!known)
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "%s:%d: unknown setting \"%s\"; did you mean \"%s\"?",
					      s->path, config_setting_source_line(e), name,
					      topc_nearest(name, names, 3, (size_t)-1));
	}
	return TOPC_OK;
}

static enum topc_status read_mouse(struct topc_settings *s, config_t *cfg, struct topc_error *err)
{
	config_setting_t *m = config_lookup(cfg, "mouse");

	if (!m)
		return TOPC_OK;
	if (config_setting_type(m) != CONFIG_TYPE_BOOL)
		return topc_error_set(err, TOPC_ERR_INPUT, "%s:%d: mouse must be true or false",
				      s->path, config_setting_source_line(m));
	s->mouse = config_setting_get_bool(m);
	return TOPC_OK;
}

enum topc_status topc_settings_load(struct topc_settings *s, const char *path,
				    struct topc_error *err)
{
	config_t cfg;
	enum topc_status st;

	s->path = path ? strdup(path) : topc_path_config("topc.conf");
	if (!s->path || access(s->path, F_OK) != 0)
		return TOPC_OK;
	config_init(&cfg);
	if (!config_read_file(&cfg, s->path)) {
		st = topc_error_set(err, TOPC_ERR_INPUT, "%s:%d: %s", s->path,
				    config_error_line(&cfg), config_error_text(&cfg));
		config_destroy(&cfg);
		return st;
	}
	st = check_names(s, &cfg, err);
	if (st == TOPC_OK)
		st = read_group(s, &cfg, "keys", &s->keys, err);
	if (st == TOPC_OK)
		st = read_group(s, &cfg, "colors", &s->colors, err);
	if (st == TOPC_OK)
		st = read_mouse(s, &cfg, err);
	config_destroy(&cfg);
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
