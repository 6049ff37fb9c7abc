/* template_expand.c - a template's generators computed into the values
 * to send: ${uuid}, ${now}, ${now_ms}, ${today}, ${seq} (its counter file),
 * ${env:NAME} (never a profile's secret variable) and ${profile:KEY}, each
 * in its own JSON leaf as the SDK writes it (template.h). */
#include "profile/template.h"

#include <ctype.h>
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
#include "profile/profile_list.h"

enum topc_status topc_template_uuid4(char out[37], struct topc_error *err)
{
	unsigned char b[16];
	enum topc_status st = topc_random_bytes(b, sizeof(b), err);

	if (st != TOPC_OK)
		return st;
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		 b[13], b[14], b[15]);
	return TOPC_OK;
}

static const char *const generator_names[] = {"uuid", "now",  "now_ms",	 "today",
					      "seq",  "env:", "profile:"};

struct expansion {
	const struct topc_template *t;
	const struct topc_profile *profile;
	long long seq; /* 0: not drawn yet */
	struct topc_error *err;
	/* the profile's secrets by fingerprint, read once on first need (a
	 * secret file that is a pipe is not read: signing needs it whole) */
	struct topc_mask *known;
	/* the variables every profile on disk reads a secret from, in
	 * topc_profile_each's order, read once on the first ${env:..}: each
	 * one loaded every profile file again (20 fields, 30 profiles: 600
	 * loads a send) */
	struct env_source *env;
	size_t nenv;
	bool env_read;
};

static enum topc_status next_seq(struct expansion *x)
{
	char *dir = topc_path_state("seq"), *path = NULL, *lock = NULL;
	struct topc_buf text;
	char number[32];
	int fd = -1;
	enum topc_status st;

	topc_buf_init(&text, 64);
	if (!dir || !(path = topc_strf("%s/%s", dir, x->t->name)) ||
	    !(lock = topc_strf("%s/%s.lock", dir, x->t->name)))
		st = topc_error_set(x->err, TOPC_ERR_IO, "no home folder for ${seq}; set HOME");
	else if ((st = topc_dir_ensure(dir, 0700, x->err)) == TOPC_OK &&
		 (fd = topc_file_lock(lock, x->err)) < 0)
		st = TOPC_ERR_IO;
	if (st == TOPC_OK) {
		long long n = 0;
		if (access(path, F_OK) == 0) {
			st = topc_file_read(path, 32, &text, x->err);
			while (text.len &&
			       (text.data[text.len - 1] == '\n' || text.data[text.len - 1] == '\r'))
				text.data[--text.len] = '\0';
			if (st == TOPC_OK &&
			    !topc_number_parse(topc_buf_str(&text), 0, LLONG_MAX - 1, &n))
				st = topc_error_set(x->err, TOPC_ERR_INPUT,
						    "%s: not a counter; delete "
						    "it to start again from 1",
						    path);
		}
		x->seq = n + 1;
		snprintf(number, sizeof(number), "%lld\n", x->seq);
		if (st == TOPC_OK)
			st = topc_file_write_atomic(path, number, strlen(number), 0600, x->err);
	}
	topc_file_unlock(fd);
	topc_buf_release(&text);
	free(dir);
	free(path);
	free(lock);
	return st;
}

/* The value of ${env:NAME} must not be (or hold) the profile's secret or
 * session key, whatever the variable is called: compared by fingerprint,
 * the secrets read only when no command is needed (request.c checks every
 * parameter again once the secret is read for signing). */
static enum topc_status env_holds_secret(struct expansion *x, const char *name, const char *v)
{
	const char *label;

	if (!x->profile || strlen(v) < TOPC_MASK_MIN)
		return TOPC_OK;
	if (!x->known) {
		if (!(x->known = malloc(sizeof(*x->known))))
			return topc_error_set(x->err, TOPC_ERR_NOMEM, "out of memory");
		topc_mask_init(x->known);
		topc_profile_mask_known(x->profile, x->known);
	}
	if (!(label = topc_mask_holds(x->known, v)))
		return TOPC_OK;
	if (strcmp(label, TOPC_MASK_SESSION) == 0)
		return topc_error_set(x->err, TOPC_ERR_HOLDS_SECRET,
				      "${%s} holds the session key of profile \"%s\", and secrets "
				      "never go into parameters; give the field another value",
				      name, x->profile->name);
	return topc_error_set(x->err, TOPC_ERR_HOLDS_SECRET,
			      "${%s} holds the app secret of profile \"%s\", and secrets never "
			      "go into parameters; give the field another value",
			      name, x->profile->name);
}

static enum topc_status profile_value(struct expansion *x, const char *key, struct topc_buf *out)
{
	const struct topc_profile *p = x->profile;
	const char *v = NULL;

	if (strncmp(key, "secret", 6) == 0 || strncmp(key, "session", 7) == 0)
		return topc_error_set(x->err, TOPC_ERR_INPUT,
				      "${profile:%s}: secrets never go into "
				      "parameters",
				      key);
	if (!p)
		return topc_error_set(x->err, TOPC_ERR_INPUT, "${profile:%s} needs a profile", key);
	if (strcmp(key, "name") == 0)
		v = p->name;
	else if (strcmp(key, "app_key") == 0)
		v = p->app_key;
	else if (strcmp(key, "gateway") == 0)
		v = p->gateway_shown; /* its password masked: user:***@host */
	else if (strcmp(key, "sign_method") == 0)
		v = topc_sign_method_name(p->sign_method);
	else if (strcmp(key, "format") == 0)
		v = p->format == TOPC_FORMAT_JSON ? "json" : "xml";
	else if (strcmp(key, "partner_id") == 0)
		v = p->partner_id ? p->partner_id : "";
	else if (strcmp(key, "target_app_key") == 0)
		v = p->target_app_key ? p->target_app_key : "";
	else
		return topc_error_set(x->err, TOPC_ERR_INPUT,
				      "${profile:%s}: no such setting; use "
				      "name, app_key, gateway, sign_method, "
				      "format, partner_id or target_app_key",
				      key);
	return topc_buf_adds(out, v ? v : "");
}

/* True when p reads its secret (or, *session set, its session key) from
 * the environment variable var. */
static bool reads_secret_from(const struct topc_profile *p, const char *var, bool *session)
{
	for (int i = 0; i < 2; i++) {
		const struct topc_source *src = i ? &p->session : &p->secret;
		*session = i == 1;
		if (src->kind == TOPC_SOURCE_ENV && src->ref && strcmp(src->ref, var) == 0)
			return true;
	}
	return false;
}

/* A variable a profile reads its secret (or session key) from: the
 * sending profile is not the only one whose variable is refused (a
 * template, a file from anyone, naming TOPC_PRODUCTION_SECRET sent it
 * through any profile). */
struct env_source {
	char *var;
	char name[128];
	bool session;
};

struct env_collect {
	struct expansion *x;
	bool failed; /* out of memory: the list is not whole */
};

static bool env_collect_visit(const char *name, const char *path, bool user, void *ctx)
{
	struct env_collect *c = ctx;
	struct expansion *x = c->x;
	struct topc_profile p;
	struct topc_error err = {0};

	(void)user;
	topc_profile_init(&p);
	if (topc_profile_load_file(path, &p, &err) == TOPC_OK)
		for (int i = 0; i < 2 && !c->failed; i++) {
			const struct topc_source *src = i ? &p.session : &p.secret;
			struct env_source *more;
			if (src->kind != TOPC_SOURCE_ENV || !src->ref)
				continue;
			more = realloc(x->env, (x->nenv + 1) * sizeof(*more));
			if (more)
				x->env = more;
			if (!more || !(more[x->nenv].var = strdup(src->ref))) {
				c->failed = true;
				break;
			}
			snprintf(more[x->nenv].name, sizeof(more[x->nenv].name), "%s", name);
			more[x->nenv++].session = i == 1;
		}
	topc_profile_release(&p);
	return !c->failed;
}

/* The first profile on disk that reads a secret from var, or NULL; the
 * list is read on the first call of the expansion. */
static const struct env_source *env_owner(struct expansion *x, const char *var,
					  enum topc_status *st)
{
	*st = TOPC_OK;
	if (!x->env_read) {
		struct env_collect c = {x, false};
		topc_profile_each(env_collect_visit, &c);
		if (c.failed) {
			*st = topc_error_set(x->err, TOPC_ERR_NOMEM, "out of memory");
			return NULL;
		}
		x->env_read = true;
	}
	for (size_t i = 0; i < x->nenv; i++)
		if (strcmp(x->env[i].var, var) == 0)
			return &x->env[i];
	return NULL;
}

static void env_sources_free(struct expansion *x)
{
	for (size_t i = 0; i < x->nenv; i++)
		free(x->env[i].var);
	free(x->env);
	x->env = NULL;
	x->nenv = 0;
	x->env_read = false;
}

static enum topc_status env_secret_refused(struct expansion *x, const char *name,
					   const char *profile, bool session)
{
	if (session)
		return topc_error_set(x->err, TOPC_ERR_INPUT,
				      "${%s}: profile \"%s\" reads its session key from %s, and "
				      "secrets never go into parameters",
				      name, profile, name + 4);
	return topc_error_set(x->err, TOPC_ERR_INPUT,
			      "${%s}: profile \"%s\" reads its secret from %s, and secrets never "
			      "go into parameters",
			      name, profile, name + 4);
}

/* One generator, name being what stands between "${" and "}". */
static enum topc_status generate(struct expansion *x, const char *name, struct topc_buf *out)
{
	char text[64];
	int64_t ms = topc_now_ms();
	enum topc_status st;

	if (strcmp(name, "uuid") == 0) {
		if ((st = topc_template_uuid4(text, x->err)) != TOPC_OK)
			return st;
		return topc_buf_adds(out, text);
	}
	if (strcmp(name, "now") == 0) {
		topc_timestamp_format(ms / 1000, text);
		return topc_buf_adds(out, text);
	}
	if (strcmp(name, "now_ms") == 0)
		return topc_buf_addf(out, "%lld", (long long)ms);
	if (strcmp(name, "today") == 0) {
		topc_timestamp_format(ms / 1000, text);
		return topc_buf_add(out, text, 10);
	}
	if (strcmp(name, "seq") == 0) {
		if (!x->seq && (st = next_seq(x)) != TOPC_OK)
			return st;
		return topc_buf_addf(out, "%lld", x->seq);
	}
	if (strncmp(name, "env:", 4) == 0) {
		const char *v = getenv(name + 4);
		const struct env_source *other;
		bool session;
		/* the sending profile first, then every other one on disk */
		if (x->profile && reads_secret_from(x->profile, name + 4, &session))
			return env_secret_refused(x, name, x->profile->name, session);
		if ((other = env_owner(x, name + 4, &st)))
			return env_secret_refused(x, name, other->name, other->session);
		if (st != TOPC_OK)
			return st;
		if (!v)
			return topc_error_set(x->err, TOPC_ERR_INPUT,
					      "${%s}: %s is not set in the "
					      "environment",
					      name, name + 4);
		if ((st = env_holds_secret(x, name, v)) != TOPC_OK)
			return st;
		return topc_buf_adds(out, v);
	}
	if (strncmp(name, "profile:", 8) == 0)
		return profile_value(x, name + 8, out);
	return TOPC_ERR_INTERNAL; /* topc_template_value_check refused it already */
}

static enum topc_status too_large(const struct topc_buf *out, struct topc_error *err)
{
	return topc_error_set(err, TOPC_ERR_NOMEM, "the value grows past %zu bytes; shorten it",
			      out->cap);
}

/* Where a walk through JSON text stands (struct json_pos). */
struct json_pos {
	bool json;   /* the value is JSON text: it starts with { or [ */
	bool in_str; /* inside a string literal */
	bool esc;    /* after its backslash */
};

static void json_step(struct json_pos *j, char c)
{
	if (!j->json)
		return;
	if (j->esc)
		j->esc = false;
	else if (j->in_str && c == '\\')
		j->esc = true;
	else if (c == '"')
		j->in_str = !j->in_str;
}

/* A JSON number, true, false or null: one value as form_json reads it. */
static bool json_scalar(const char *s)
{
	struct topc_jnode n;
	bool scalar;

	if (!topc_jnode_read(s, strlen(s), &n, NULL))
		return false;
	scalar = n.kind == TOPC_J_NUMBER || n.kind == TOPC_J_TRUE || n.kind == TOPC_J_FALSE ||
		 n.kind == TOPC_J_NULL;
	topc_jnode_release(&n);
	return scalar;
}

/* A generator's text into JSON text: inside a string literal JSON-escaped
 * (a quote in ${env:X} must not end the string and add keys); outside one
 * only a JSON number, true, false or null, which cannot add structure
 * either (anything else is refused: quote the generator). */
static enum topc_status json_generated(const struct json_pos *j, const char *name,
				       const struct topc_buf *made, struct topc_buf *out,
				       struct topc_error *err)
{
	struct topc_buf q;
	enum topc_status st;

	if (!j->in_str) {
		if (!json_scalar(topc_buf_str(made)))
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "${%s} stands outside a JSON string in a value that "
					      "is JSON text, and what it gives is no JSON number, "
					      "true, false or null; write \"${%s}\" to send it as "
					      "a string",
					      name, name);
		return topc_buf_add(out, made->data ? made->data : "", made->len);
	}
	topc_buf_init(&q, 0);
	st = topc_json_quote(&q, topc_buf_str(made));
	if (st == TOPC_OK) /* without the quotes topc_json_quote puts around */
		st = topc_buf_add(out, q.data + 1, q.len - 2);
	topc_buf_release(&q);
	return st;
}

/* Walks text; for each generator calls generate when x is not NULL, else
 * only checks its name.  Literal text goes to out when out is not NULL.
 * In a value that is JSON text (it starts with { or [, after white space:
 * a Json field, a structure or an array given whole, a raw JSON value) a
 * generator's text is written as JSON (json_generated). */
static enum topc_status walk(const char *text, struct expansion *x, struct topc_buf *out,
			     struct topc_error *err)
{
	struct json_pos j = {false, false, false};
	const char *first = text + strspn(text, " \t\r\n");

	j.json = *first == '{' || *first == '[';
	for (const char *p = text; *p; p++) {
		const char *close;
		char name[160];
		bool known = false;
		if (p[0] == '$' && p[1] == '$') {
			if (out && topc_buf_addc(out, '$') != TOPC_OK)
				return too_large(out, err);
			json_step(&j, '$');
			p++;
			continue;
		}
		if (p[0] != '$' || p[1] != '{') {
			if (out && topc_buf_addc(out, *p) != TOPC_OK)
				return too_large(out, err);
			json_step(&j, *p);
			continue;
		}
		close = strchr(p + 2, '}');
		if (!close || (size_t)(close - p - 2) >= sizeof(name))
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "\"${\" without a closing \"}\"; "
					      "write $$ for a literal $");
		snprintf(name, sizeof(name), "%.*s", (int)(close - p - 2), p + 2);
		for (size_t i = 0; i < sizeof(generator_names) / sizeof(generator_names[0]); i++) {
			size_t n = strlen(generator_names[i]);
			known = known || (generator_names[i][n - 1] == ':'
					      ? strncmp(name, generator_names[i], n) == 0 && name[n]
					      : strcmp(name, generator_names[i]) == 0);
		}
		if (!known) {
			const char *near =
			    topc_nearest(name, generator_names,
					 sizeof(generator_names) / sizeof(generator_names[0]), 3);
			if (near)
				return topc_error_set(
				    err, TOPC_ERR_INPUT,
				    "${%s} is not a generator (did you mean ${%s}?); "
				    "they are uuid, now, now_ms, today, seq, "
				    "env:NAME, profile:KEY",
				    name, near);
			return topc_error_set(
			    err, TOPC_ERR_INPUT,
			    "${%s} is not a generator; they are uuid, now, now_ms, "
			    "today, seq, env:NAME, profile:KEY",
			    name);
		}
		if (x) {
			struct topc_buf made;
			enum topc_status st;
			topc_buf_init(&made, out->cap);
			st = generate(x, name, j.json ? &made : out);
			if (st == TOPC_OK && j.json)
				st = json_generated(&j, name, &made, out, err);
			topc_buf_release(&made);
			if (st == TOPC_ERR_NOMEM && out->failed)
				return too_large(out, err);
			if (st != TOPC_OK)
				return st;
		}
		p = close;
	}
	return TOPC_OK;
}

bool topc_template_has_generator(const char *text)
{
	for (const char *p = text; *p; p++) {
		if (p[0] == '$' && p[1] == '$')
			p++;
		else if (p[0] == '$' && p[1] == '{')
			return true;
	}
	return false;
}

enum topc_status topc_template_value_check(const char *text, struct topc_error *err)
{
	return walk(text, NULL, NULL, err);
}

enum topc_status topc_template_expand(const struct topc_template *t,
				      const struct topc_profile *profile, struct topc_params *out,
				      struct topc_error *err)
{
	struct expansion x = {t, profile, 0, err, NULL, NULL, 0, false};
	enum topc_status st = TOPC_OK;

	for (size_t i = 0; st == TOPC_OK && i < t->values.count; i++) {
		struct topc_buf value;
		topc_buf_init(&value, 1 << 20);
		st = walk(t->values.items[i].value, &x, &value, err);
		if (st == TOPC_OK &&
		    topc_params_set(out, t->values.items[i].name, topc_buf_str(&value)) != TOPC_OK)
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
		topc_buf_release(&value);
		if (st != TOPC_OK && t->option)
			topc_error_prefix(err, "%s %s: ", t->option, t->values.items[i].name);
		else if (st != TOPC_OK)
			topc_error_prefix(err, "template \"%s\", %s: ", t->name,
					  t->values.items[i].name);
	}
	free(x.known);	      /* fingerprints only: no wipe (mask.h) */
	env_sources_free(&x); /* names of variables, not their values */
	return st;
}
