/* profile_secret.c - a profile's secret and session key, read from their
 * sources when a request is signed (an inline value read from the file
 * again, so it lives in memory only while it is used), held for a batch,
 * and the values masks and checks may read again without harm. */
#include "profile/profile.h"
#include "profile/profile_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/file.h"
#include "base/mask.h"
#include "ext/conf.h"
#include "top/secret.h"

/* A NUL byte anywhere in the file (libconfig would read the text only up
 * to it), or a \x00 escape on the line that sets the inline value: either
 * cuts the secret short without a word. */
static bool inline_has_nul(const struct topc_buf *text, int line)
{
	const char *at = text->data, *end = text->data + text->len, *nl;

	if (!text->len)
		return false;
	if (memchr(text->data, '\0', text->len))
		return true;
	for (int n = 1; at < end && n < line; n++) {
		nl = memchr(at, '\n', (size_t)(end - at));
		at = nl ? nl + 1 : end;
	}
	nl = at < end ? memchr(at, '\n', (size_t)(end - at)) : NULL;
	for (const char *q = at, *stop = nl ? nl : end; q < stop; q++) {
		if (*q != '\\' || q + 1 >= stop)
			continue;
		if ((q[1] == 'x' || q[1] == 'X') && q + 3 < stop && q[2] == '0' && q[3] == '0')
			return true;
		q++; /* the escaped character: "\\x00" is a backslash, then text */
	}
	return false;
}

/* Reads the inline value of key from the profile file again, so the secret
 * lives in memory only while it is used. */
static enum topc_status inline_value(const struct topc_profile *p, const char *key,
				     struct topc_buf *out, struct topc_error *err)
{
	struct topc_buf text;
	struct topc_conf *cfg = NULL;
	const char *v = NULL;
	enum topc_status st;

	topc_buf_init(&text, (size_t)TOPC_PROFILE_FILE_MAX + 1);
	st = topc_file_read(p->path, TOPC_PROFILE_FILE_MAX, &text, NULL);
	if (st == TOPC_OK &&
	    inline_has_nul(&text, strcmp(key, "session") == 0 ? p->session.line : p->secret.line)) {
		topc_buf_wipe(&text);
		return topc_error_set(
		    err, TOPC_ERR_SECRET,
		    "%s: the inline %s holds a NUL byte (\\x00), which would cut it "
		    "short; write it without one",
		    p->path, key);
	}
	if (st == TOPC_OK)
		st = topc_conf_parse(topc_buf_str(&text), p->path, TOPC_ERR_SECRET, NULL, &cfg,
				     NULL);
	if (st == TOPC_OK && !(v = topc_conf_member_string(topc_conf_root(cfg), key)))
		st = TOPC_ERR_SECRET;
	if (st == TOPC_OK)
		st = topc_buf_adds(out, v);
	else
		st = topc_error_set(err, TOPC_ERR_SECRET, "%s: cannot read %s again", p->path, key);
	topc_conf_free(cfg);
	topc_buf_wipe(&text); /* the file held the secret too */
	return st;
}

enum topc_status topc_profile_secret(const struct topc_profile *p, const char *which,
				     struct topc_buf *out, struct topc_error *err)
{
	bool session = strcmp(which, "session") == 0;
	const struct topc_source *src = session ? &p->session : &p->secret;
	const struct topc_buf *held = session ? p->held_session : p->held_secret;
	enum topc_status st;

	if (held)
		return topc_buf_add(out, held->data ? held->data : "", held->len);
	topc_secret_protect_process(); /* the inline one is read here, not in secret.c */
	switch (src->kind) {
	case TOPC_SOURCE_NONE:
		if (src == &p->session)
			return TOPC_OK;
		return topc_error_set(
		    err, TOPC_ERR_SECRET,
		    "profile \"%s\": no secret source; add secret_env, secret_file "
		    "or secret_cmd",
		    p->name);
	case TOPC_SOURCE_INLINE:
		st = inline_value(p, which, out, err);
		break;
	default:
		st = topc_secret_read_within(src->kind, src->ref, p->secret_cmd_timeout_ms, out,
					     err);
		break;
	}
	if (st != TOPC_OK)
		topc_error_prefix(err, "profile \"%s\" %s: ", p->name, which);
	return st;
}

enum topc_status topc_profile_hold_secrets(struct topc_profile *p, struct topc_error *err)
{
	struct topc_buf *secret = calloc(1, sizeof(*secret)),
			*session = calloc(1, sizeof(*session));
	enum topc_status st = secret && session ? TOPC_OK : TOPC_ERR_NOMEM;

	if (st == TOPC_OK) {
		topc_buf_init(secret, 0);
		topc_buf_init(session, 0);
		st = topc_profile_secret(p, "secret", secret, err);
	}
	if (st == TOPC_OK)
		st = topc_profile_secret(p, "session", session, err);
	if (st != TOPC_OK) {
		if (secret)
			topc_buf_wipe(secret);
		if (session)
			topc_buf_wipe(session);
		free(secret);
		free(session);
		return st;
	}
	p->held_secret = secret;
	p->held_session = session;
	return TOPC_OK;
}

/* The value of a source that can be read again without harm, into out;
 * false otherwise: a command is not run, and a secret file that is no
 * regular file (a pipe, /dev/fd/N) not read, as signing needs it whole. */
static bool read_known(const struct topc_profile *p, const char *which, struct topc_buf *out)
{
	bool session = strcmp(which, "session") == 0;
	const struct topc_source *src = session ? &p->session : &p->secret;
	const struct topc_buf *held = session ? p->held_session : p->held_secret;
	struct stat st;

	if (!held && (src->kind == TOPC_SOURCE_CMD || src->kind == TOPC_SOURCE_NONE))
		return false;
	if (!held && src->kind == TOPC_SOURCE_FILE &&
	    (!src->ref || stat(src->ref, &st) != 0 || !S_ISREG(st.st_mode)))
		return false;
	return topc_profile_secret(p, which, out, NULL) == TOPC_OK;
}

void topc_profile_mask_known(const struct topc_profile *p, struct topc_mask *mask)
{
	for (int i = 0; i < 2; i++) {
		struct topc_buf v;
		topc_buf_init(&v, 0);
		if (read_known(p, i ? "session" : "secret", &v) && v.len)
			/* full: the request's own check still refuses it */
			topc_mask_add_secret(mask, topc_buf_str(&v),
					     i ? TOPC_MASK_SESSION : TOPC_MASK_SECRET);
		topc_buf_wipe(&v);
	}
}

size_t topc_profile_short_secret(const struct topc_profile *p, const char *which)
{
	struct topc_buf v;
	size_t n = 0;

	topc_buf_init(&v, 0);
	if (read_known(p, which, &v) && v.len < TOPC_MASK_MIN)
		n = v.len;
	topc_buf_wipe(&v);
	return n;
}
