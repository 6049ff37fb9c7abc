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
#include "profile/profile.h"

/* kind is ENV, FILE or CMD; the value has trailing newlines removed. */
TOPC_MUST_CHECK enum topc_status topc_secret_read(enum topc_source_kind kind, const char *ref,
						  struct topc_buf *out, struct topc_error *err);

#endif
