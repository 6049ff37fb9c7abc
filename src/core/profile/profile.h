/*
 * profile.h - where and how to send: gateway, app key, secret source, signing
 * and transport options.  Profiles are libconfig files named NAME.conf, looked
 * up first in $XDG_CONFIG_HOME/topc/profiles/ (user) and then in the shipped
 * profiles/ folder, so a user profile wins over a shipped one of that name.
 *
 * The secret and the session key are never stored in struct topc_profile:
 * the profile records where they come from, and topc_profile_secret reads
 * them at the moment of signing into a buffer the caller wipes.
 */
#ifndef TOPC_PROFILE_H
#define TOPC_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mask.h"
#include "top/outcome.h"
#include "top/secret.h"
#include "top/sign.h"

#define TOPC_DEFAULT_MAX_BODY ((size_t)16 * 1024 * 1024)

struct topc_source {
	enum topc_source_kind kind;
	char *ref; /* env name, file path or command; NULL for INLINE and NONE */
	int line;  /* line in the profile file that set it */
};

struct topc_profile {
	char *name;
	char *path; /* file it was loaded from */
	char *description;
	char *gateway;	     /* URL, or "builtin" */
	char *gateway_shown; /* the same with a password in it masked: user:***@host */
	char *app_key;
	struct topc_source secret;
	struct topc_source session;
	enum topc_sign_method sign_method;
	enum topc_format format;
	bool simplify;
	char *partner_id;
	char *target_app_key;
	long connect_timeout_ms;
	long timeout_ms;
	char *proxy;
	char *ca_file;
	bool tls_verify;
	size_t max_body;
	int retries;		    /* isp.* and code 7 answers; never isv.* */
	long retry_delay_ms;	    /* before the first retry; doubled each time */
	long secret_cmd_timeout_ms; /* secret_cmd and session_cmd are killed past it */
	bool history;		    /* keep sends in the history (default true) */
	size_t history_body_max;
	bool history_body_file;
	/* The first value in the file that only stands in for a real one
	 * (app_key = "REPLACE-WITH-APP-KEY", as the shipped production and
	 * sandbox profiles have it): the profile loads, so it can be listed
	 * and shown, but topc_profile_check_ready refuses to send with it and
	 * topc profiles check reports every such value.  Line 0: none. */
	int placeholder_line;
	struct topc_error placeholder; /* "app_key: ... is a placeholder; ..." */
	/* set by topc_profile_hold_secrets only; wiped by topc_profile_release */
	struct topc_buf *held_secret, *held_session;
};

void topc_profile_init(struct topc_profile *p);
void topc_profile_release(struct topc_profile *p);

/* Loads one profile file; the name is the file name without ".conf". */
enum topc_status topc_profile_load_file(const char *path, struct topc_profile *p,
					struct topc_error *err);

/* Loads like topc_profile_load_file, but reports every problem of the file
 * to report (each message "path:line: key: what"), then fails with the
 * count; a file libconfig cannot parse fails at its first syntax error. */
typedef void (*topc_profile_problem_fn)(const char *msg, void *ctx);
enum topc_status topc_profile_check_file(const char *path, struct topc_profile *p,
					 topc_profile_problem_fn report, void *ctx,
					 struct topc_error *err);

/* What a profile key means (the help text of its table), or NULL for a key
 * profiles do not have. */
const char *topc_profile_key_meaning(const char *key);

/* The same from text that is (or is about to be) the file at path. */
enum topc_status topc_profile_load_text(const char *text, const char *path, struct topc_profile *p,
					struct topc_error *err);

/* Finds NAME.conf in the user folder, then the shipped one, and loads it. */
enum topc_status topc_profile_load(const char *name, struct topc_profile *p,
				   struct topc_error *err);

/* The user profile folder ($XDG_CONFIG_HOME/topc/profiles) and the shipped
 * one; the returned strings are the caller's to free. */
char *topc_profile_user_dir(void);
char *topc_profile_shipped_dir(void);

/* Loading checks only the gateway's shape; this parses it with libcurl,
 * as the transport will (topc_client_init calls it; so does `profiles
 * check`).  An error names the profile file. */
enum topc_status topc_profile_check_gateway(const struct topc_profile *p, struct topc_error *err);

/* TOPC_ERR_PROFILE, naming the file and line, when the profile still
 * holds a placeholder (see placeholder_line): nothing may be sent with it.
 * topc_client_init calls it, so send, replay and the console refuse. */
enum topc_status topc_profile_check_ready(const struct topc_profile *p, struct topc_error *err);

/* True for a value that only stands in for a real one: REPLACE-WITH-...,
 * CHANGE-ME, /home/you/..., "..." (the forms the shipped profiles and the
 * documentation use). */
bool topc_profile_is_placeholder(const char *value);

/* True when the gateway is "builtin" or a URL on a loopback address. */
bool topc_profile_is_local(const struct topc_profile *p);
bool topc_profile_is_builtin(const struct topc_profile *p);

/*
 * Reads the secret (which = "secret") or session key (which = "session") into
 * out.  A profile without a session source yields an empty string; one
 * without a secret source is an error.  The caller wipes and releases out.
 */
enum topc_status topc_profile_secret(const struct topc_profile *p, const char *which,
				     struct topc_buf *out, struct topc_error *err);

/*
 * For batches (replays): reads the secret and session key once and keeps
 * them, for topc_profile_secret to return, until topc_profile_release wipes
 * them.  One-off sends never hold them.
 */
enum topc_status topc_profile_hold_secrets(struct topc_profile *p, struct topc_error *err);

/*
 * The secret and the session key, when they can be read without running a
 * command (held, inline, an environment variable, a file), added to mask as
 * fingerprints (TOPC_MASK_SECRET, TOPC_MASK_SESSION): for refusing a value
 * that holds one before it is shown or sent.  The values are wiped before
 * it returns; one that cannot be read is left out.
 */
void topc_profile_mask_known(const struct topc_profile *p, struct topc_mask *mask);

/* The length of the secret (which = "secret") or session key, read as
 * topc_profile_mask_known reads it, when it is shorter than TOPC_MASK_MIN:
 * an answer echoing so short a value is not masked.  0 otherwise. */
size_t topc_profile_short_secret(const struct topc_profile *p, const char *which);

#endif
