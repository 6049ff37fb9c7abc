#include "profile/profile.h"
#include "profile/profile_internal.h"
#include "profile/profile_list.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/found.h"
#include "base/i18n.h"
#include "base/file.h"
#include "base/mask.h"
#include "base/paths.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "ext/conf.h"
#include "ext/urlcode.h"

/* Every key a profile may hold, with what it means; `topc help profiles`
 * and the unknown-key suggestion come from this table. */
#define PROFILE_KEY_TABLE(X)                                                                       \
	X(description, "free text shown in profile lists")                                         \
	X(gateway, "gateway URL, or \"builtin\" for the in-process local gateway")                 \
	X(app_key, "the app key TOP issued")                                                       \
	X(secret, "the app secret inline; only in a file readable by its owner alone")             \
	X(secret_env, "environment variable holding the app secret")                               \
	X(secret_file, "file holding the app secret (mode 600)")                                   \
	X(secret_cmd, "command printing the app secret")                                           \
	X(session, "session key inline; only in a file readable by its owner alone")               \
	X(session_env, "environment variable holding the session key")                             \
	X(session_file, "file holding the session key (mode 600)")                                 \
	X(session_cmd, "command printing the session key")                                         \
	X(secret_cmd_timeout, "seconds secret_cmd and session_cmd may take (default 10)")          \
	X(sign_method, "md5, hmac or hmac-sha256")                                                 \
	X(format, "json or xml")                                                                   \
	X(simplify, "true to ask for simplified JSON")                                             \
	X(partner_id, "partner_id system parameter")                                               \
	X(target_app_key, "target_app_key system parameter")                                       \
	X(connect_timeout, "seconds to wait for the connection")                                   \
	X(timeout, "seconds for the whole request")                                                \
	X(proxy, "proxy URL (otherwise the usual *_proxy environment variables)")                  \
	X(ca_file, "CA bundle to verify the gateway's certificate")                                \
	X(tls_verify, "false turns TLS verification off (every send then says so)")                \
	X(max_body, "largest response body accepted, in bytes")                                    \
	X(retries, "times to retry an isp.* or code 7 answer (0-10; default 0, never isv.*)")      \
	X(retry_delay, "seconds before the first retry, doubled for each next one (default 1)")    \
	X(history, "false: sends with this profile are not kept in the history")                   \
	X(history_body_max, "largest response body kept in the history, bytes (default 1 MiB)")    \
	X(history_body_file, "true: bodies over history_body_max are kept whole in a file")

static const char *const profile_keys[] = {
#define TOPC_X(key, desc) #key,
    PROFILE_KEY_TABLE(TOPC_X)
#undef TOPC_X
};

#define PROFILE_KEY_COUNT (sizeof(profile_keys) / sizeof(profile_keys[0]))

const char *topc_profile_key_meaning(const char *key)
{
#define TOPC_X(name, desc)                                                                         \
	if (strcmp(key, #name) == 0)                                                               \
		return desc;
	PROFILE_KEY_TABLE(TOPC_X)
#undef TOPC_X
	return NULL;
}

void topc_profile_init(struct topc_profile *p)
{
	memset(p, 0, sizeof(*p));
	p->sign_method = TOPC_SIGN_MD5;
	p->format = TOPC_FORMAT_JSON;
	p->connect_timeout_ms = 10000;
	p->timeout_ms = 30000;
	p->tls_verify = true;
	p->max_body = TOPC_DEFAULT_MAX_BODY;
	p->retry_delay_ms = 1000;
	p->secret_cmd_timeout_ms = TOPC_SECRET_CMD_TIMEOUT_MS;
	p->history = true;
	p->history_body_max = (size_t)1 << 20;
}

void topc_profile_release(struct topc_profile *p)
{
	if (p->held_secret) {
		topc_buf_wipe(p->held_secret);
		free(p->held_secret);
	}
	if (p->held_session) {
		topc_buf_wipe(p->held_session);
		free(p->held_session);
	}
	free(p->name);
	free(p->path);
	free(p->description);
	free(p->gateway);
	free(p->gateway_shown);
	free(p->app_key);
	free(p->secret.ref);
	free(p->session.ref);
	free(p->partner_id);
	free(p->target_app_key);
	free(p->proxy);
	free(p->ca_file);
	topc_profile_init(p);
}

static bool key_known(const char *name)
{
	for (size_t i = 0; i < PROFILE_KEY_COUNT; i++)
		if (strcmp(name, profile_keys[i]) == 0)
			return true;
	return false;
}

struct load_ctx {
	const char *path;
	const struct topc_conf *cfg;
	struct topc_profile *p;
	struct topc_error *err;
	topc_profile_problem_fn report; /* NULL: stop at the first problem */
	void *report_ctx;
	size_t problems;
	struct topc_found_list found; /* reported in line order at the end */
};

/* The line of "path:LINE: ...", as topc_error_at writes it; 0 without. */
static long found_line(const struct load_ctx *c, const char *msg)
{
	size_t n = strlen(c->path);
	char *end;
	long line;

	if (strncmp(msg, c->path, n) != 0 || msg[n] != ':' || msg[n + 1] < '1' || msg[n + 1] > '9')
		return 0;
	line = strtol(msg + n + 1, &end, 10);
	return *end == ':' ? line : 0;
}

/* With a reporter, a problem in the file is kept and reading goes on, so
 * topc profiles check can list them all; else it stops the load. */
static enum topc_status problem(struct load_ctx *c, enum topc_status st)
{
	if (st != TOPC_ERR_PROFILE || !c->report)
		return st;
	c->problems++;
	if (!topc_found_keep(&c->found, found_line(c, c->err->msg), c->err->msg))
		c->report(c->err->msg, c->report_ctx); /* out of memory: at once */
	return TOPC_OK;
}

/* Reports the problems kept, in the file's line order (the file's own
 * last), and frees them. */
static void report_found(struct load_ctx *c)
{
	topc_found_report(&c->found, TOPC_FOUND_WHOLE_LAST, c->report, c->report_ctx);
}

/* "file:line: " and fmt at setting s, part (NULL: none) standing for
 * TOPC_PART in fmt: a problem of the file */
static enum topc_status key_at(struct load_ctx *c, const struct topc_conf_node *s,
			       const struct topc_error *part, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum topc_status key_at(struct load_ctx *c, const struct topc_conf_node *s,
			       const struct topc_error *part, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	topc_error_vatp(c->err, TOPC_ERR_PROFILE, c->path, topc_conf_line(s), part, fmt, ap);
	va_end(ap);
	return problem(c, TOPC_ERR_PROFILE);
}

static enum topc_status key_error(struct load_ctx *c, const struct topc_conf_node *s,
				  const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static enum topc_status key_error(struct load_ctx *c, const struct topc_conf_node *s,
				  const char *fmt, ...)
{
	struct topc_error what;
	va_list ap;

	va_start(ap, fmt);
	topc_error_vsetp(&what, TOPC_ERR_PROFILE, NULL, fmt, ap);
	va_end(ap);
	return key_at(c, s, &what, "%s: %s", topc_conf_name(s), TOPC_PART);
}

static struct topc_conf_node *member(const struct load_ctx *c, const char *name)
{
	return topc_conf_member(topc_conf_root(c->cfg), name);
}

static enum topc_status read_string(struct load_ctx *c, const char *key, char **out)
{
	struct topc_conf_node *s = member(c, key);
	const char *v;

	if (!s)
		return TOPC_OK;
	v = topc_conf_string(s);
	if (!v)
		return key_error(c, s, "must be a string in double quotes");
	free(*out);
	*out = strdup(v);
	return *out ? TOPC_OK : TOPC_ERR_NOMEM;
}

static enum topc_status read_bool(struct load_ctx *c, const char *key, bool *out)
{
	struct topc_conf_node *s = member(c, key);

	if (!s)
		return TOPC_OK;
	if (topc_conf_type(s) != TOPC_CONF_BOOL)
		return key_error(c, s, "must be true or false (without quotes)");
	*out = topc_conf_bool(s);
	return TOPC_OK;
}

/* Seconds (integer or fraction) into milliseconds, between 0.001 and 3600. */
static enum topc_status read_seconds(struct load_ctx *c, const char *key, long *ms)
{
	struct topc_conf_node *s = member(c, key);
	double v;

	if (!s)
		return TOPC_OK;
	switch (topc_conf_type(s)) {
	case TOPC_CONF_INT:
		v = (double)topc_conf_int(s);
		break;
	case TOPC_CONF_FLOAT:
		v = topc_conf_float(s);
		break;
	default:
		return key_error(c, s, "must be a number of seconds, such as 10 or 2.5");
	}
	if (!(v >= 0.001 && v <= 3600))
		return key_error(c, s, "must be between 0.001 and 3600 seconds");
	*ms = (long)(v * 1000 + 0.5);
	return TOPC_OK;
}

static enum topc_status read_retries(struct load_ctx *c)
{
	struct topc_conf_node *s = member(c, "retries");

	if (!s)
		return TOPC_OK;
	if (topc_conf_type(s) != TOPC_CONF_INT || topc_conf_int(s) < 0 || topc_conf_int(s) > 10)
		return key_error(c, s, "must be a whole number from 0 to 10");
	c->p->retries = (int)topc_conf_int(s);
	return TOPC_OK;
}

/* Exactly one of NAME, NAME_env, NAME_file, NAME_cmd may be set. */
static enum topc_status read_source(struct load_ctx *c, const char *name, struct topc_source *src)
{
	static const struct {
		const char *suffix;
		enum topc_source_kind kind;
	} kinds[] = {{"", TOPC_SOURCE_INLINE},
		     {"_env", TOPC_SOURCE_ENV},
		     {"_file", TOPC_SOURCE_FILE},
		     {"_cmd", TOPC_SOURCE_CMD}};
	const char *first = NULL;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char full[32];
		struct topc_conf_node *s;
		const char *v;

		snprintf(full, sizeof(full), "%s%s", name, kinds[i].suffix);
		s = member(c, full);
		if (!s)
			continue;
		if (first)
			return key_error(c, s, "conflicts with %s; keep only one source", first);
		first = topc_conf_name(s);
		v = topc_conf_string(s);
		if (!v || !*v)
			return key_error(c, s, "must be a non-empty string in double quotes");
		src->kind = kinds[i].kind;
		src->line = topc_conf_line(s);
		if (src->kind != TOPC_SOURCE_INLINE) {
			src->ref = strdup(v);
			if (!src->ref)
				return TOPC_ERR_NOMEM;
		}
	}
	return TOPC_OK;
}

static enum topc_status read_size(struct load_ctx *c, const char *key, size_t *out)
{
	struct topc_conf_node *s = member(c, key);
	if (!s)
		return TOPC_OK;
	if (topc_conf_type(s) != TOPC_CONF_INT || topc_conf_int(s) < 1024)
		return key_error(c, s, "must be a number of bytes, at least 1024");
	*out = (size_t)topc_conf_int(s);
	return TOPC_OK;
}

/* Each check runs whatever the one before found: with a reporter, key_error
 * returns TOPC_OK after reporting, so an early return would hide the rest
 * of the file's problems from topc profiles check. */
static enum topc_status read_enums(struct load_ctx *c)
{
	struct topc_conf_node *s = member(c, "sign_method");
	const char *v;
	enum topc_status st = TOPC_OK;

	if (s) {
		v = topc_conf_string(s);
		if (!v || !topc_sign_method_parse(v, &c->p->sign_method))
			st = key_error(c, s, "must be \"md5\", \"hmac\" or \"hmac-sha256\"");
	}
	s = member(c, "format");
	if (st == TOPC_OK && s) {
		v = topc_conf_string(s);
		if (v && strcmp(v, "json") == 0)
			c->p->format = TOPC_FORMAT_JSON;
		else if (v && strcmp(v, "xml") == 0)
			c->p->format = TOPC_FORMAT_XML;
		else
			st = key_error(c, s, "must be \"json\" or \"xml\"");
	}
	return st != TOPC_OK ? st : read_size(c, "max_body", &c->p->max_body);
}

static enum topc_status check_keys(struct load_ctx *c)
{
	struct topc_conf_node *root = topc_conf_root(c->cfg);

	for (size_t i = 0; i < topc_conf_count(root); i++) {
		struct topc_conf_node *s = topc_conf_elem(root, i);
		const char *name = topc_conf_name(s);
		if (!key_known(name)) {
			enum topc_status st = key_error(
			    c, s, "unknown key; did you mean \"%s\"?",
			    topc_nearest(name, profile_keys, PROFILE_KEY_COUNT, (size_t)-1));
			if (st != TOPC_OK)
				return st;
		}
	}
	return TOPC_OK;
}

static enum topc_status not_a_url(const char *path, const char *gateway, struct topc_error *err)
{
	char *shown = topc_mask_url(gateway); /* a password in it stays out */
	enum topc_status st =
	    topc_error_set(err, TOPC_ERR_PROFILE,
			   "%s: gateway \"%s\" is not a URL; write http://host/router/rest, "
			   "https://... or \"builtin\"",
			   path, shown ? shown : "?");

	free(shown);
	return st;
}

/* The shape only (a scheme and a host); topc_profile_check_gateway parses
 * the URL with libcurl before anything is sent, so loading a profile does
 * not need libcurl. */
static enum topc_status check_gateway(struct load_ctx *c)
{
	const char *g = c->p->gateway, *host = NULL;

	if (!g)
		return topc_error_set(
		    c->err, TOPC_ERR_PROFILE,
		    "%s: no gateway; add gateway = \"https://...\" or \"builtin\"", c->path);
	if (strcmp(g, "builtin") == 0)
		return TOPC_OK;
	if (strncmp(g, "http://", 7) == 0)
		host = g + 7;
	else if (strncmp(g, "https://", 8) == 0)
		host = g + 8;
	if (host && *host && !strchr("/?#", *host))
		return TOPC_OK;
	return not_a_url(c->path, g, c->err);
}

enum topc_status topc_profile_check_gateway(const struct topc_profile *p, struct topc_error *err)
{
	char *host = NULL, *path = NULL;
	struct topc_error why = {0};
	enum topc_status st;

	if (topc_profile_is_builtin(p))
		return TOPC_OK;
	/* libcurl refuses the C0 controls, but took a C1 control (U+009B), a
	 * bidi or a zero-width character and sent it, raw, to a URL that every
	 * screen showed otherwise (escaped, or reordered by U+202E) */
	if (!topc_utf8_plain(p->gateway))
		return not_a_url(p->path, p->gateway, err);
	st = topc_url_split(p->gateway, &host, &path, &why);
	if (st == TOPC_OK && !*host)
		st = TOPC_ERR_INPUT;
	free(host);
	free(path);
	if (st == TOPC_ERR_INPUT)
		return not_a_url(p->path, p->gateway, err);
	if (st != TOPC_OK && err)
		*err = why; /* libcurl missing, or out of memory */
	return st;
}

/* Lowercase marks of a stand-in value, found anywhere in it. */
static const char *const placeholder_marks[] = {
    "replace-with", "replace_with", "replace-me", "replace_me", "replaceme", "change-me",
    "change_me",    "changeme",	    "your-app",	  "your_app",	"<your",     "/home/you/",
};

static bool contains_nocase(const char *text, const char *lower)
{
	size_t n = strlen(lower);

	for (; *text; text++)
		if (strncasecmp(text, lower, n) == 0)
			return true;
	return false;
}

bool topc_profile_is_placeholder(const char *value)
{
	if (!value)
		return false;
	if (strcmp(value, "...") == 0 || strcasecmp(value, "todo") == 0 ||
	    strcasecmp(value, "fixme") == 0)
		return true;
	for (size_t i = 0; i < sizeof(placeholder_marks) / sizeof(placeholder_marks[0]); i++)
		if (contains_nocase(value, placeholder_marks[i]))
			return true;
	return false;
}

/* Reported by topc profiles check; a plain load keeps the first one for
 * topc_profile_check_ready, so the profile can still be listed and shown. */
static enum topc_status placeholder_found(struct load_ctx *c, const struct topc_conf_node *s,
					  const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum topc_status placeholder_found(struct load_ctx *c, const struct topc_conf_node *s,
					  const char *fmt, ...)
{
	struct topc_error what;
	va_list ap;

	va_start(ap, fmt);
	topc_error_vsetp(&what, TOPC_ERR_PROFILE, NULL, fmt, ap);
	va_end(ap);
	if (c->report)
		return key_at(c, s, &what, "%s: %s", topc_conf_name(s), TOPC_PART);
	if (!c->p->placeholder_line) {
		c->p->placeholder_line = topc_conf_line(s) > 0 ? topc_conf_line(s) : -1;
		topc_error_setp(&c->p->placeholder, TOPC_ERR_PROFILE, &what, "%s: %s",
				topc_conf_name(s), TOPC_PART);
	}
	return TOPC_OK;
}

static enum topc_status check_placeholders(struct load_ctx *c)
{
	static const char *const sources[] = {"secret_env",  "secret_file",  "secret_cmd",
					      "session_env", "session_file", "session_cmd"};
	struct topc_conf_node *s = member(c, "app_key");
	enum topc_status st = TOPC_OK;

	if (s && topc_profile_is_placeholder(topc_conf_string(s)))
		st = placeholder_found(
		    c, s,
		    "\"%.40s\" is a placeholder; set the app key TOP issued (copy "
		    "a shipped profile to %s first)",
		    topc_conf_string(s), "~/.config/topc/profiles/");
	for (size_t i = 0; st == TOPC_OK && i < 2; i++) {
		/* the inline value is the secret itself: never quoted */
		s = member(c, i ? "session" : "secret");
		if (s && topc_profile_is_placeholder(topc_conf_string(s)))
			st = placeholder_found(c, s,
					       "the inline value is a placeholder; write the real "
					       "one, or use secret_env/secret_file");
	}
	for (size_t i = 0; st == TOPC_OK && i < sizeof(sources) / sizeof(sources[0]); i++) {
		s = member(c, sources[i]);
		if (!s || !topc_profile_is_placeholder(topc_conf_string(s)))
			continue;
		if (i < 3)
			st = placeholder_found(
			    c, s,
			    "\"%.60s\" is a placeholder; point it at where the app "
			    "secret really is",
			    topc_conf_string(s));
		else
			st = placeholder_found(c, s,
					       "\"%.60s\" is a placeholder; point it at where the "
					       "session key really is",
					       topc_conf_string(s));
	}
	return st;
}

enum topc_status topc_profile_check_ready(const struct topc_profile *p, struct topc_error *err)
{
	if (!p->placeholder_line)
		return TOPC_OK;
	topc_error_setp(err, TOPC_ERR_PROFILE, &p->placeholder, "%s; nothing was sent", TOPC_PART);
	topc_error_position(err, p->path, p->placeholder_line);
	return TOPC_ERR_PROFILE;
}

static enum topc_status profile_read(struct load_ctx *c)
{
	struct topc_profile *p = c->p;
	enum topc_status st;

	if ((st = check_keys(c)) || (st = read_string(c, "description", &p->description)) ||
	    (st = read_string(c, "gateway", &p->gateway)) ||
	    (st = read_string(c, "app_key", &p->app_key)) ||
	    (st = read_source(c, "secret", &p->secret)) ||
	    (st = read_source(c, "session", &p->session)) || (st = read_enums(c)) ||
	    (st = read_bool(c, "simplify", &p->simplify)) ||
	    (st = read_string(c, "partner_id", &p->partner_id)) ||
	    (st = read_string(c, "target_app_key", &p->target_app_key)) ||
	    (st = read_seconds(c, "connect_timeout", &p->connect_timeout_ms)) ||
	    (st = read_seconds(c, "timeout", &p->timeout_ms)) ||
	    (st = read_string(c, "proxy", &p->proxy)) ||
	    (st = read_string(c, "ca_file", &p->ca_file)) ||
	    (st = read_bool(c, "tls_verify", &p->tls_verify)) || (st = read_retries(c)) ||
	    (st = read_bool(c, "history", &p->history)) ||
	    (st = read_bool(c, "history_body_file", &p->history_body_file)) ||
	    (st = read_size(c, "history_body_max", &p->history_body_max)) ||
	    (st = read_seconds(c, "retry_delay", &p->retry_delay_ms)) ||
	    (st = read_seconds(c, "secret_cmd_timeout", &p->secret_cmd_timeout_ms)) ||
	    (st = problem(c, check_gateway(c))) || (st = check_placeholders(c)))
		return st;
	if ((!p->app_key || !*p->app_key) &&
	    (st =
		 problem(c, topc_error_set(c->err, TOPC_ERR_PROFILE,
					   "%s: no app_key; add app_key = \"...\" as TOP issued it",
					   c->path))))
		return st;
	if (p->secret.kind == TOPC_SOURCE_NONE)
		return problem(c,
			       topc_error_set(c->err, TOPC_ERR_PROFILE,
					      "%s: no secret source; add secret_env, secret_file "
					      "or secret_cmd",
					      c->path));
	return TOPC_OK;
}

/* An inline secret is only allowed in a file nobody else can read, or in a
 * profile for a loopback gateway, whose demo secret is public anyway. */
static enum topc_status check_inline_permissions(struct load_ctx *c)
{
	struct stat st;
	bool inline_secret =
	    c->p->secret.kind == TOPC_SOURCE_INLINE || c->p->session.kind == TOPC_SOURCE_INLINE;

	if (!inline_secret || topc_profile_is_local(c->p))
		return TOPC_OK;
	if (stat(c->path, &st) == 0 ? (st.st_mode & 077) == 0
				    : errno == ENOENT) /* about to be saved: topc writes 0600 */
		return TOPC_OK;
	return topc_error_at(c->err, TOPC_ERR_PROFILE, c->path,
			     c->p->secret.kind == TOPC_SOURCE_INLINE ? c->p->secret.line
								     : c->p->session.line,
			     "holds a secret inline but others can read the file; run "
			     "chmod 600 %s, or use secret_env/secret_file",
			     c->path);
}

static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;
	char *name;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".conf") == 0)
		len -= 5;
	name = malloc(len + 1);
	if (name) {
		memcpy(name, base, len);
		name[len] = '\0';
	}
	return name;
}

static enum topc_status load_text(const char *text, const char *path, struct topc_profile *p,
				  struct topc_error *err, topc_profile_problem_fn report, void *ctx)
{
	struct topc_conf *cfg;
	struct load_ctx c = {path, NULL, p, err, report, ctx, 0, {NULL, 0}};
	enum topc_status st;

	topc_profile_release(p);
	st = topc_conf_parse(text, path, TOPC_ERR_PROFILE,
			     N_("profiles are libconfig: key = \"value\";"), &cfg, err);
	if (st != TOPC_OK)
		return st;
	c.cfg = cfg;
	p->path = strdup(path);
	p->name = name_from_path(path);
	st = p->path && p->name ? profile_read(&c) : TOPC_ERR_NOMEM;
	if (st == TOPC_OK)
		st = problem(&c, check_inline_permissions(&c));
	if (st == TOPC_OK && p->gateway && !(p->gateway_shown = topc_mask_url(p->gateway)))
		st = TOPC_ERR_NOMEM;
	report_found(&c);
	if (st == TOPC_OK && c.problems)
		st = topc_error_set(err, TOPC_ERR_PROFILE, "%s: %zu problem%s", path, c.problems,
				    c.problems == 1 ? "" : "s");
	topc_conf_free(cfg);
	if (st != TOPC_OK)
		topc_profile_release(p);
	return st;
}

enum topc_status topc_profile_load_text(const char *text, const char *path, struct topc_profile *p,
					struct topc_error *err)
{
	return load_text(text, path, p, err, NULL, NULL);
}

enum topc_status topc_profile_check_file(const char *path, struct topc_profile *p,
					 topc_profile_problem_fn report, void *ctx,
					 struct topc_error *err)
{
	struct topc_buf text;
	struct topc_error why = {0};
	enum topc_status st;

	topc_buf_init(&text, (size_t)TOPC_PROFILE_FILE_MAX + 1);
	if (topc_file_read(path, TOPC_PROFILE_FILE_MAX, &text, &why) != TOPC_OK)
		st = topc_error_copy(err, TOPC_ERR_PROFILE, &why);
	else
		st = load_text(topc_buf_str(&text), path, p, err, report, ctx);
	topc_buf_release(&text);
	return st;
}

enum topc_status topc_profile_load_file(const char *path, struct topc_profile *p,
					struct topc_error *err)
{
	return topc_profile_check_file(path, p, NULL, NULL, err);
}

bool topc_profile_is_builtin(const struct topc_profile *p)
{
	return p->gateway && strcmp(p->gateway, "builtin") == 0;
}

/* host as libcurl parsed it ("127.0.0.1", "[::1]", "localhost"), port
 * included or not. */
static bool host_is_loopback(const char *host)
{
	char name[256];
	const char *end;
	size_t len;
	struct in_addr v4;
	struct in6_addr v6;

	if (host[0] == '[') {
		end = strchr(host, ']');
		if (!end)
			return false;
		host++;
	} else {
		end = strrchr(host, ':');
		end = end ? end : host + strlen(host);
	}
	len = (size_t)(end - host);
	if (len == 0 || len >= sizeof(name))
		return false;
	memcpy(name, host, len);
	name[len] = '\0';
	if (strcasecmp(name, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, name, &v4) == 1)
		return (ntohl(v4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, name, &v6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&v6) ||
		       (IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127);
	return false;
}

bool topc_profile_is_local(const struct topc_profile *p)
{
	char *host = NULL, *path = NULL;
	bool local;

	if (topc_profile_is_builtin(p))
		return true;
	/* decided from the host libcurl will connect to, never from the text:
	 * http://127.0.0.1@gw.api.taobao.com/ goes to gw.api.taobao.com */
	if (!p->gateway || topc_url_split(p->gateway, &host, &path, NULL) != TOPC_OK)
		return false;
	local = host_is_loopback(host);
	free(host);
	free(path);
	return local;
}
