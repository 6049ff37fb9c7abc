/*
 * secret.h - reading a secret from where a profile says it is.
 *
 * The value goes into a caller's buffer and nowhere else: error messages
 * name the source (variable, file, command), never the value.
 */
#ifndef TOPC_SECRET_H
#define TOPC_SECRET_H

#include "base/buf.h"
#include "base/error.h"

#define TOPC_SECRET_CMD_TIMEOUT_MS 10000L

/* Where a secret (or a session key) comes from; a profile records one per
 * secret (struct topc_source, profile/profile.h). */
enum topc_source_kind {
	TOPC_SOURCE_NONE,
	TOPC_SOURCE_INLINE, /* in the profile file itself */
	TOPC_SOURCE_ENV,
	TOPC_SOURCE_FILE,
	TOPC_SOURCE_CMD,
};

/* Turns core dumps off (RLIMIT_CORE 0) and, on Linux, makes the process
 * undumpable, which also refuses ptrace attach by the user's other
 * processes.  Called before any secret is read, for the rest of the
 * process's life; reading a secret does it itself, and topc's main at its
 * start (secret_env puts a secret in the environment of every command). */
void topc_secret_protect_process(void);

/* kind is ENV, FILE or CMD; the value has trailing newlines removed.  A
 * secret holding a NUL byte is refused (it would be cut short).  A command
 * runs through /bin/sh in its own process group, with no stdin (and stderr
 * on /dev/null), and the group is killed when no whole secret came within
 * cmd_timeout_ms (TOPC_SECRET_CMD_TIMEOUT_MS for topc_secret_read). */
TOPC_MUST_CHECK enum topc_status topc_secret_read(enum topc_source_kind kind, const char *ref,
						  struct topc_buf *out, struct topc_error *err);
TOPC_MUST_CHECK enum topc_status topc_secret_read_within(enum topc_source_kind kind,
							 const char *ref, long cmd_timeout_ms,
							 struct topc_buf *out,
							 struct topc_error *err);

#endif
