/*
 * settings.h - the console's own settings, $XDG_CONFIG_HOME/topc/topc.conf
 * (libconfig):
 *
 *   keys   = { send = "F9"; signature = "^G"; };   # action = key
 *   colors = { error = "magenta"; title = "white blue"; };  # fg [bg]
 *   mouse  = true;   # clicks and the wheel; off by default, so the
 *                    # terminal's own text selection works
 *
 * A missing file means the defaults.  The core only reads the text; the
 * console checks the action, key and colour names and reports unknown ones
 * with the file and line.
 */
#ifndef TOPC_SETTINGS_H
#define TOPC_SETTINGS_H

#include "base/buf.h"
#include "base/error.h"
#include "base/params.h"

struct topc_settings {
	struct topc_params keys;   /* action -> key name */
	struct topc_params colors; /* colour slot -> "fg [bg]" */
	struct topc_params lines;  /* "keys.send" -> line number, for messages */
	bool mouse;
	char *path;
	/* What was wrong but skipped (an unknown setting, a value of the wrong
	 * type), one "file:line: message" a line, so every error in the file is
	 * listed at once; the rest of the file still applies. */
	struct topc_buf problems;
};

void topc_settings_init(struct topc_settings *s);
void topc_settings_release(struct topc_settings *s);
/* Reads path, or the default file when NULL; a missing file is not an error.
 * Fails only when the file cannot be read or parsed; every smaller error is
 * added to s->problems and the reading goes on. */
enum topc_status topc_settings_load(struct topc_settings *s, const char *path,
				    struct topc_error *err);
/* "file:line" of a setting, for messages; "" when unknown. */
const char *topc_settings_where(const struct topc_settings *s, const char *group, const char *name,
				char *out, size_t size);

#endif
