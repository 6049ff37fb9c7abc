#include "ext/conf.h"

#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/i18n.h"
#include "base/utf8.h"

/* A node is a libconfig setting: the pointer is cast, never copied. */
#define SETTING(n) ((config_setting_t *)(n))
#define NODE(s) ((struct topc_conf_node *)(s))

struct topc_conf {
	config_t cfg;
};

/* libconfig's own words (the parser's "syntax error" translated, as
 * libconfig names no other problem of a text), then the hint, an N_()
 * phrase: each in the reader's language in msg, in English in english */
static void syntax_error(struct topc_error *err, enum topc_status code, const char *what,
			 const char *hint)
{
	const char *shown = strcmp(what, "syntax error") == 0 ? _("syntax error") : what;

	if (!err)
		return;
	err->code = code;
	if (hint) {
		snprintf(err->english, sizeof(err->english), "%s; %s", what, hint);
		snprintf(err->msg, sizeof(err->msg), _("%s; %s"), shown, _(hint));
	} else {
		snprintf(err->english, sizeof(err->english), "%s", what);
		snprintf(err->msg, sizeof(err->msg), "%s", shown);
	}
	topc_utf8_clip(err->english);
	topc_utf8_clip(err->msg);
}

/* The line of text's first @include directive, 0 when it has none.
 * libconfig opens the file it names itself: with fopen, relative to the
 * working folder, without a size cap, so a FIFO or a terminal hung every
 * command that read the file and any file could be pulled in.  topc's
 * files are single files: a directive at the start of a line (after
 * blanks, as libconfig's scanner takes it) is refused, never followed. */
static int include_line(const char *text)
{
	int line = 1;

	for (const char *p = text; *p; line++) {
		p += strspn(p, " \t\r\f\v");
		if (strncmp(p, "@include", 8) == 0)
			return line;
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return 0;
}

enum topc_status topc_conf_parse(const char *text, const char *path, enum topc_status code,
				 const char *hint, struct topc_conf **out, struct topc_error *err)
{
	struct topc_conf *c;
	int line = include_line(text);

	*out = NULL;
	if (line)
		return topc_error_at(err, code, path, line,
				     "@include is not read here; copy the settings into this file");
	c = topc_conf_new();
	if (!c)
		return topc_error_set(err, TOPC_ERR_NOMEM, "%s: out of memory", path);
	if (!config_read_string(&c->cfg, text)) {
		syntax_error(err, code, config_error_text(&c->cfg), hint);
		topc_error_position(err, path, config_error_line(&c->cfg));
		topc_conf_free(c);
		return code;
	}
	*out = c;
	return TOPC_OK;
}

enum topc_status topc_conf_parse_file(const char *path, size_t max, enum topc_status code,
				      const char *hint, struct topc_conf **out,
				      struct topc_error *err)
{
	struct topc_buf text;
	enum topc_status st;

	*out = NULL;
	topc_buf_init(&text, max + 1);
	st = topc_file_read(path, max, &text, err);
	if (st == TOPC_OK && memchr(topc_buf_str(&text), '\0', text.len))
		st = topc_error_set(err, code, "%s: contains a NUL byte; it must be UTF-8 text",
				    path);
	if (st == TOPC_OK)
		st = topc_conf_parse(topc_buf_str(&text), path, code, hint, out, err);
	topc_buf_release(&text);
	return st;
}

struct topc_conf *topc_conf_new(void)
{
	struct topc_conf *c = malloc(sizeof(*c));

	if (c)
		config_init(&c->cfg);
	return c;
}

void topc_conf_free(struct topc_conf *c)
{
	if (!c)
		return;
	config_destroy(&c->cfg);
	free(c);
}

struct topc_conf_node *topc_conf_root(const struct topc_conf *c)
{
	return c ? NODE(config_root_setting(&c->cfg)) : NULL;
}

struct topc_conf_node *topc_conf_member(const struct topc_conf_node *group, const char *name)
{
	return group && config_setting_is_group(SETTING(group))
		   ? NODE(config_setting_get_member(SETTING(group), name))
		   : NULL;
}

struct topc_conf_node *topc_conf_lookup(const struct topc_conf *c, const char *path)
{
	return c ? NODE(config_lookup(&c->cfg, path)) : NULL;
}

size_t topc_conf_count(const struct topc_conf_node *n)
{
	int len = n ? config_setting_length(SETTING(n)) : 0;

	return len > 0 ? (size_t)len : 0;
}

struct topc_conf_node *topc_conf_elem(const struct topc_conf_node *n, size_t i)
{
	return n && i < topc_conf_count(n) ? NODE(config_setting_get_elem(SETTING(n), (unsigned)i))
					   : NULL;
}

enum topc_conf_type topc_conf_type(const struct topc_conf_node *n)
{
	switch (n ? config_setting_type(SETTING(n)) : CONFIG_TYPE_NONE) {
	case CONFIG_TYPE_GROUP:
		return TOPC_CONF_GROUP;
	case CONFIG_TYPE_ARRAY:
		return TOPC_CONF_ARRAY;
	case CONFIG_TYPE_LIST:
		return TOPC_CONF_LIST;
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return TOPC_CONF_INT;
	case CONFIG_TYPE_FLOAT:
		return TOPC_CONF_FLOAT;
	case CONFIG_TYPE_STRING:
		return TOPC_CONF_STRING;
	case CONFIG_TYPE_BOOL:
		return TOPC_CONF_BOOL;
	default:
		return TOPC_CONF_NONE;
	}
}

bool topc_conf_is_aggregate(const struct topc_conf_node *n)
{
	return n && config_setting_is_aggregate(SETTING(n));
}

const char *topc_conf_name(const struct topc_conf_node *n)
{
	return n ? config_setting_name(SETTING(n)) : NULL;
}

int topc_conf_line(const struct topc_conf_node *n)
{
	return n ? config_setting_source_line(SETTING(n)) : 0;
}

const char *topc_conf_string(const struct topc_conf_node *n)
{
	return topc_conf_type(n) == TOPC_CONF_STRING ? config_setting_get_string(SETTING(n)) : NULL;
}

int64_t topc_conf_int(const struct topc_conf_node *n)
{
	return topc_conf_type(n) == TOPC_CONF_INT ? config_setting_get_int64(SETTING(n)) : 0;
}

double topc_conf_float(const struct topc_conf_node *n)
{
	return topc_conf_type(n) == TOPC_CONF_FLOAT ? config_setting_get_float(SETTING(n)) : 0;
}

bool topc_conf_bool(const struct topc_conf_node *n)
{
	return topc_conf_type(n) == TOPC_CONF_BOOL && config_setting_get_bool(SETTING(n));
}

const char *topc_conf_string_elem(const struct topc_conf_node *n, size_t i)
{
	return topc_conf_string(topc_conf_elem(n, i));
}

const char *topc_conf_member_string(const struct topc_conf_node *group, const char *name)
{
	return topc_conf_string(topc_conf_member(group, name));
}

struct topc_conf_node *topc_conf_add(struct topc_conf_node *parent, const char *name,
				     enum topc_conf_type type)
{
	static const int types[] = {
	    [TOPC_CONF_NONE] = CONFIG_TYPE_NONE,     [TOPC_CONF_GROUP] = CONFIG_TYPE_GROUP,
	    [TOPC_CONF_ARRAY] = CONFIG_TYPE_ARRAY,   [TOPC_CONF_LIST] = CONFIG_TYPE_LIST,
	    [TOPC_CONF_INT] = CONFIG_TYPE_INT,	     [TOPC_CONF_FLOAT] = CONFIG_TYPE_FLOAT,
	    [TOPC_CONF_STRING] = CONFIG_TYPE_STRING, [TOPC_CONF_BOOL] = CONFIG_TYPE_BOOL,
	};

	if (!parent || type == TOPC_CONF_NONE)
		return NULL;
	return NODE(config_setting_add(SETTING(parent), name, types[type]));
}

bool topc_conf_add_string(struct topc_conf_node *parent, const char *name, const char *value)
{
	struct topc_conf_node *n = topc_conf_add(parent, name, TOPC_CONF_STRING);

	return n && config_setting_set_string(SETTING(n), value);
}

bool topc_conf_add_int(struct topc_conf_node *parent, const char *name, int64_t value)
{
	/* 32-bit values as plain ints, so the text carries no L suffix */
	bool small = value >= INT32_MIN && value <= INT32_MAX;
	config_setting_t *s = parent
				  ? config_setting_add(SETTING(parent), name,
						       small ? CONFIG_TYPE_INT : CONFIG_TYPE_INT64)
				  : NULL;

	return s &&
	       (small ? config_setting_set_int(s, (int)value) : config_setting_set_int64(s, value));
}

bool topc_conf_add_bool(struct topc_conf_node *parent, const char *name, bool value)
{
	struct topc_conf_node *n = topc_conf_add(parent, name, TOPC_CONF_BOOL);

	return n && config_setting_set_bool(SETTING(n), value);
}

enum topc_status topc_conf_write(const struct topc_conf *c, struct topc_buf *out)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	enum topc_status st;

	if (!mem)
		return TOPC_ERR_NOMEM;
	config_write(&c->cfg, mem);
	st = fclose(mem) == 0 && text ? topc_buf_add(out, text, len) : TOPC_ERR_NOMEM;
	free(text);
	return st;
}
