#include "profile/profile_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "base/buf.h"
#include "base/file.h"
#include "ext/conf.h"
#include "form/form_value.h"
#include "form/form_read.h"

/* The form, in the form file schema (forms/README.md).  Descriptions come
 * from profile.c's key table, so `topc help` and the console say the same. */
static const char form_text[] =
    "method = \"topc.profile\";\n"
    "title = \"profile\";\n"
    "request = (\n"
    "  { name = \"description\"; type = \"String\"; },\n"
    "  { name = \"gateway\"; type = \"String\"; required = true;\n"
    "    example = \"https://gw.api.taobao.com/router/rest\"; },\n"
    "  { name = \"app_key\"; type = \"String\"; required = true; },\n"
    "  { name = \"secret_from\"; type = \"String\"; required = true;\n"
    "    description = \"where the app secret comes from; its value is never shown\";\n"
    "    choices = ( (\"env\", \"environment variable\"), (\"file\", \"file, mode 600\"),\n"
    "                (\"cmd\", \"command printing it\"),\n"
    "                (\"inline\", \"in the profile file itself; edit the file by hand\") ); },\n"
    "  { name = \"secret_ref\"; type = \"String\";\n"
    "    description = \"the variable's name, the file's path or the command\"; },\n"
    "  { name = \"session_from\"; type = \"String\";\n"
    "    description = \"where the session key comes from, if the API needs one\";\n"
    "    choices = ( (\"env\", \"environment variable\"), (\"file\", \"file, mode 600\"),\n"
    "                (\"cmd\", \"command printing it\"),\n"
    "                (\"inline\", \"in the profile file itself; edit the file by hand\") ); },\n"
    "  { name = \"session_ref\"; type = \"String\";\n"
    "    description = \"the variable's name, the file's path or the command\"; },\n"
    "  { name = \"sign_method\"; type = \"String\"; default = \"md5\";\n"
    "    choices = ( (\"md5\", \"\"), (\"hmac\", \"\"), (\"hmac-sha256\", \"\") ); },\n"
    "  { name = \"format\"; type = \"String\"; default = \"json\";\n"
    "    choices = ( (\"json\", \"\"), (\"xml\", \"\") ); },\n"
    "  { name = \"simplify\"; type = \"Boolean\"; },\n"
    "  { name = \"partner_id\"; type = \"String\"; },\n"
    "  { name = \"target_app_key\"; type = \"String\"; },\n"
    "  { name = \"connect_timeout\"; type = \"String\"; example = \"2.5\"; },\n"
    "  { name = \"timeout\"; type = \"String\"; example = \"10\"; },\n"
    "  { name = \"proxy\"; type = \"String\"; },\n"
    "  { name = \"ca_file\"; type = \"String\"; },\n"
    "  { name = \"tls_verify\"; type = \"Boolean\"; default = \"true\"; },\n"
    "  { name = \"max_body\"; type = \"Number\"; min = 1; },\n"
    "  { name = \"retries\"; type = \"Number\"; min = 0; max = 10; },\n"
    "  { name = \"retry_delay\"; type = \"String\"; example = \"1\"; },\n"
    "  { name = \"history\"; type = \"Boolean\"; default = \"true\"; },\n"
    "  { name = \"history_body_max\"; type = \"Number\"; min = 0; },\n"
    "  { name = \"history_body_file\"; type = \"Boolean\"; }\n"
    ");\n";

/* Keys written as bare numbers although the form has them as text (they
 * may have a fraction). */
static bool seconds_key(const char *key)
{
	return strcmp(key, "connect_timeout") == 0 || strcmp(key, "timeout") == 0 ||
	       strcmp(key, "retry_delay") == 0;
}

enum topc_status topc_profile_form_load(struct topc_form *f, struct topc_error *err)
{
	enum topc_status st = topc_form_load_settings_string(form_text, "profile form", f, err);

	for (size_t i = 0; st == TOPC_OK && i < f->request.nfields; i++) {
		struct topc_field *fd = &f->request.fields[i];
		const char *meaning = topc_profile_key_meaning(fd->name);
		if (!fd->description && meaning && !(fd->description = strdup(meaning)))
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	}
	return st;
}

/* ------------------------------------------------------------------ */
/* Reading the file */

static enum topc_status read_config(const char *path, const char *text, struct topc_conf **cfg,
				    struct topc_error *err)
{
	return topc_conf_parse(text, path, TOPC_ERR_PROFILE, N_("fix the file by hand first"), cfg,
			       err);
}

/* A setting's value as a heap string, whole ("" for what a profile never
 * holds); NULL when out of memory. */
static char *setting_text(const struct topc_conf_node *s)
{
	switch (topc_conf_type(s)) {
	case TOPC_CONF_STRING:
		return strdup(topc_conf_string(s));
	case TOPC_CONF_INT:
		return topc_strf("%lld", (long long)topc_conf_int(s));
	case TOPC_CONF_FLOAT:
		return topc_strf("%g", topc_conf_float(s));
	case TOPC_CONF_BOOL:
		return strdup(topc_conf_bool(s) ? "true" : "false");
	default:
		return strdup("");
	}
}

/* "secret_env" -> which "secret", from "env"; "secret" -> from "inline". */
static bool source_key(const char *key, char *which, size_t n, const char **from)
{
	static const char *const whiches[] = {"secret", "session"};
	static const char *const kinds[] = {"env", "file", "cmd"};

	for (size_t w = 0; w < 2; w++) {
		size_t len = strlen(whiches[w]);
		if (strncmp(key, whiches[w], len) != 0)
			continue;
		snprintf(which, n, "%s", whiches[w]);
		if (key[len] == '\0') {
			*from = "inline";
			return true;
		}
		for (size_t k = 0; k < 3; k++)
			if (key[len] == '_' && strcmp(key + len + 1, kinds[k]) == 0) {
				*from = kinds[k];
				return true;
			}
	}
	return false;
}

static enum topc_status read_text(const struct topc_profile *p, struct topc_buf *text,
				  struct topc_error *err)
{
	topc_buf_init(text, 1 << 20);
	return topc_file_read(p->path, 1 << 20, text, err);
}

enum topc_status topc_profile_form_values(const struct topc_profile *p, struct topc_params *values,
					  struct topc_error *err)
{
	struct topc_buf text;
	struct topc_conf *cfg;
	struct topc_conf_node *root;
	enum topc_status st = read_text(p, &text, err);

	if (st == TOPC_OK &&
	    (st = read_config(p->path, topc_buf_str(&text), &cfg, err)) == TOPC_OK) {
		root = topc_conf_root(cfg);
		for (size_t i = 0; st == TOPC_OK && i < topc_conf_count(root); i++) {
			struct topc_conf_node *s = topc_conf_elem(root, i);
			const char *name = topc_conf_name(s), *from;
			char which[16], key[32], *v = NULL;
			if (source_key(name, which, sizeof(which), &from)) {
				/* where it comes from; an inline value is never read */
				bool inline_value = strcmp(from, "inline") == 0;
				v = inline_value ? strdup("") : setting_text(s);
				snprintf(key, sizeof(key), "%s_from", which);
				st = v ? topc_params_set(values, key, from) : TOPC_ERR_NOMEM;
				snprintf(key, sizeof(key), "%s_ref", which);
				if (st == TOPC_OK)
					st = topc_params_set(values, key, v);
			} else {
				v = setting_text(s);
				st = v ? topc_params_set(values, name, v) : TOPC_ERR_NOMEM;
			}
			free(v);
		}
		topc_conf_free(cfg);
		if (st != TOPC_OK)
			topc_error_set(err, st, "out of memory");
	}
	topc_buf_release(&text);
	return st;
}

/* ------------------------------------------------------------------ */
/* Writing it back */

/* One key's fate: its new literal (libconfig syntax), or NULL to remove it. */
struct wanted {
	char key[32];
	char *literal;
};

static char *quoted(const char *v)
{
	struct topc_buf b;

	enum topc_status st;

	topc_buf_init(&b, 0);
	st = topc_buf_addc(&b, '"');
	for (const unsigned char *c = (const unsigned char *)v; *c && st == TOPC_OK; c++) {
		if (*c == '"' || *c == '\\')
			st = topc_buf_addf(&b, "\\%c", *c);
		else if (*c < 0x20 || *c == 0x7f)
			st = topc_buf_addf(&b, "\\x%02x", *c);
		else
			st = topc_buf_addc(&b, (char)*c);
	}
	if (st != TOPC_OK || topc_buf_addc(&b, '"') != TOPC_OK)
		return NULL; /* the buffer failed and holds nothing */
	return topc_buf_detach(&b, NULL);
}

static char *literal_for(const struct topc_field *fd, const char *v)
{
	char *end;

	if (fd->kind == TOPC_FIELD_BOOLEAN || fd->kind == TOPC_FIELD_NUMBER)
		return strdup(v);
	if (seconds_key(fd->name)) {
		strtod(v, &end);
		if (end != v && *end == '\0')
			return strdup(v);
	}
	return quoted(v); /* a seconds key that is not a number: the check says so */
}

#define MAX_WANTED 48

static bool add_wanted(struct wanted *w, size_t *n, const char *key, char *literal)
{
	if (*n >= MAX_WANTED) {
		free(literal);
		return false;
	}
	snprintf(w[*n].key, sizeof(w[*n].key), "%s", key);
	w[*n].literal = literal;
	(*n)++;
	return true;
}

/* The secret's or session key's four keys from which_from and which_ref.
 * An inline value stays as the file has it: its key is not touched. */
static enum topc_status want_source(const struct topc_params *values, const char *which,
				    struct wanted *w, size_t *n, struct topc_error *err)
{
	static const char *const kinds[] = {"env", "file", "cmd"};
	char key[32];
	const char *from, *ref;

	snprintf(key, sizeof(key), "%s_from", which);
	from = topc_params_get(values, key);
	snprintf(key, sizeof(key), "%s_ref", which);
	ref = topc_params_get(values, key);
	from = from ? from : "";
	ref = ref ? ref : "";
	if (strcmp(from, "inline") != 0)
		add_wanted(w, n, which, NULL);
	for (size_t k = 0; k < 3; k++) {
		snprintf(key, sizeof(key), "%s_%s", which, kinds[k]);
		if (strcmp(from, kinds[k]) != 0) {
			add_wanted(w, n, key, NULL);
		} else if (!*ref) {
			if (k == 0)
				return topc_error_set(
				    err, TOPC_ERR_INPUT,
				    "%s_ref: %s comes from %s, so say which variable", which, which,
				    from);
			if (k == 1)
				return topc_error_set(err, TOPC_ERR_INPUT,
						      "%s_ref: %s comes from %s, so say which file",
						      which, which, from);
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "%s_ref: %s comes from %s, so say which command",
					      which, which, from);
		} else {
			char *lit = quoted(ref);
			if (!lit)
				return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
			add_wanted(w, n, key, lit);
		}
	}
	return TOPC_OK;
}

/* True when line, alone, is exactly the setting key: a line that can be
 * replaced or dropped without touching anything else. */
static bool line_is_setting(const char *line, size_t len, const char *key)
{
	struct topc_conf *one = NULL;
	char *copy = malloc(len + 2);
	bool ok = false;

	if (copy) { /* a comment at its end needs the newline to end */
		memcpy(copy, line, len);
		memcpy(copy + len, "\n", 2);
	}
	if (copy && topc_conf_parse(copy, "line", TOPC_ERR_PROFILE, NULL, &one, NULL) == TOPC_OK) {
		struct topc_conf_node *root = topc_conf_root(one);
		ok = topc_conf_count(root) == 1 &&
		     strcmp(topc_conf_name(topc_conf_elem(root, 0)), key) == 0;
	}
	topc_conf_free(one);
	free(copy);
	return ok;
}

/* The edited text: lines of settings that change replaced or dropped, new
 * settings appended. */
static enum topc_status edit_text(const char *path, const char *text, const struct wanted *w,
				  size_t n, struct topc_buf *out, struct topc_error *err)
{
	enum { KEEP = -1, DROP = -2 };
	struct topc_conf *cfg;
	struct topc_conf_node *root;
	enum topc_status st = read_config(path, text, &cfg, err);
	int *fate = NULL; /* per line: KEEP, DROP, or the wanted entry that replaces it */
	size_t nlines = 1, line = 1;

	if (st != TOPC_OK)
		return st;
	for (const char *c = text; *c; c++)
		nlines += *c == '\n';
	if (!(fate = malloc((nlines + 1) * sizeof(*fate)))) {
		topc_conf_free(cfg);
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	}
	for (size_t l = 0; l <= nlines; l++)
		fate[l] = KEEP;
	root = topc_conf_root(cfg);
	for (size_t i = 0; i < n && st == TOPC_OK; i++) {
		struct topc_conf_node *s = topc_conf_member(root, w[i].key);
		unsigned at = s ? (unsigned)topc_conf_line(s) : 0;
		const char *start = text;
		char *cur, *now;
		bool same;
		if (!s)
			continue;
		cur = setting_text(s);
		now = !cur				      ? NULL
		      : topc_conf_type(s) == TOPC_CONF_STRING ? quoted(cur)
							      : strdup(cur);
		free(cur);
		if (!now) {
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
			break;
		}
		same = w[i].literal && strcmp(now, w[i].literal) == 0;
		free(now);
		if (same)
			continue;
		for (unsigned l = 1; l < at && start; l++)
			start = strchr(start, '\n') ? strchr(start, '\n') + 1 : NULL;
		if (!start || at > nlines ||
		    !line_is_setting(start, strcspn(start, "\n"), w[i].key))
			st = topc_error_at(err, TOPC_ERR_PROFILE, path, (int)at,
					   "%s shares its line or spans lines; put it on a "
					   "line of its own, or edit the file by hand",
					   w[i].key);
		else
			fate[at] = w[i].literal ? (int)i : DROP;
	}
	for (const char *c = text; st == TOPC_OK && *c; line++) {
		size_t len = strcspn(c, "\n");
		bool nl = c[len] == '\n';
		if (fate[line] == KEEP)
			st = topc_buf_add(out, c, len + nl);
		else if (fate[line] >= 0)
			st = topc_buf_addf(out, "%s = %s;\n", w[fate[line]].key,
					   w[fate[line]].literal);
		c += len + nl;
	}
	if (st == TOPC_OK && out->len && out->data[out->len - 1] != '\n')
		st = topc_buf_addc(out, '\n');
	for (size_t i = 0; i < n && st == TOPC_OK; i++)
		if (w[i].literal && !topc_conf_member(root, w[i].key))
			st = topc_buf_addf(out, "%s = %s;\n", w[i].key, w[i].literal);
	if (st == TOPC_ERR_NOMEM)
		topc_error_set(err, st, "%s: the profile grew too large to write; nothing saved",
			       path);
	free(fate);
	topc_conf_free(cfg);
	return st;
}

static char *save_path(const struct topc_profile *p)
{
	char *dir = topc_profile_user_dir(), *path = NULL;
	struct topc_buf b;

	if (!dir)
		return NULL;
	topc_buf_init(&b, 0);
	if (topc_buf_addf(&b, "%s/%s.conf", dir, p->name) == TOPC_OK)
		path = topc_buf_detach(&b, NULL);
	topc_buf_release(&b);
	free(dir);
	return path;
}

enum topc_status topc_profile_save(const struct topc_profile *p, const struct topc_params *values,
				   char **saved_path, struct topc_error *err)
{
	struct topc_form form;
	struct topc_form_problems problems;
	struct wanted w[MAX_WANTED];
	size_t n = 0;
	struct topc_buf text, edited;
	struct topc_profile check;
	char *target = save_path(p), *dir;
	enum topc_status st;

	topc_form_init(&form);
	topc_form_problems_init(&problems);
	topc_buf_init(&text, 0);
	topc_buf_init(&edited, 0);
	topc_profile_init(&check);
	st = target ? topc_profile_form_load(&form, err)
		    : topc_error_set(err, TOPC_ERR_IO, "no folder for user profiles; set HOME");
	if (st == TOPC_OK && !topc_form_validate(&form, values, NULL, &problems))
		st = topc_form_problem_error(&problems.items[0], err);
	for (size_t i = 0; st == TOPC_OK && i < form.request.nfields; i++) {
		const struct topc_field *fd = &form.request.fields[i];
		const char *v = topc_params_get(values, fd->name);
		char *lit = NULL;
		if (strstr(fd->name, "_from") || strstr(fd->name, "_ref"))
			continue;
		if (v && *v && !(lit = literal_for(fd, v)))
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
		else
			add_wanted(w, &n, fd->name, lit);
	}
	if (st == TOPC_OK)
		st = want_source(values, "secret", w, &n, err);
	if (st == TOPC_OK)
		st = want_source(values, "session", w, &n, err);
	if (st == TOPC_OK)
		st = read_text(p, &text, err);
	if (st == TOPC_OK)
		st = edit_text(p->path, topc_buf_str(&text), w, n, &edited, err);
	/* the new text must load, and its gateway parse, before it is written */
	if (st == TOPC_OK)
		st = topc_profile_load_text(topc_buf_str(&edited), target, &check, err);
	if (st == TOPC_OK)
		st = topc_profile_check_gateway(&check, err);
	if (st == TOPC_OK && (dir = topc_profile_user_dir())) {
		st = topc_dir_ensure(dir, 0700, err);
		free(dir);
	}
	if (st == TOPC_OK)
		st = topc_file_write_atomic(target, edited.data, edited.len, 0600, err);
	if (st == TOPC_OK && saved_path) {
		*saved_path = target;
		target = NULL;
	}
	for (size_t i = 0; i < n; i++)
		free(w[i].literal);
	free(target);
	topc_profile_release(&check);
	topc_buf_release(&edited);
	topc_buf_release(&text);
	topc_form_problems_release(&problems);
	topc_form_release(&form);
	return st;
}
