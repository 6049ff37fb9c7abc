/*
 * template.h - saved, reusable filled forms.
 *
 * A template is a method and a list of (field path, value) pairs saved under
 * a name in $XDG_CONFIG_HOME/topc/templates/NAME.conf (libconfig).  Values
 * may hold generators, computed afresh at every send:
 *
 *   ${uuid}            a random UUID (version 4)
 *   ${now}             the time, yyyy-MM-dd HH:mm:ss in GMT+8 (TOP's time)
 *   ${now_ms}          milliseconds since 1970 (UTC)
 *   ${today}           the date, yyyy-MM-dd in GMT+8
 *   ${seq}             1, 2, 3... a counter kept per template across runs
 *   ${env:NAME}        the environment variable NAME (an error when unset)
 *   ${profile:KEY}     a profile setting: name, app_key, gateway,
 *                      sign_method, format, partner_id, target_app_key
 *
 * "$$" writes a literal "$".  Secrets are never available to templates.
 *
 * Saving is crash-safe (temporary file, fsync, rename) and serialized
 * between processes by a lock, so two topc processes saving at once lose
 * neither save; saving over an existing template needs replace.  Template
 * files are 0600 and their folder 0700.
 */
#ifndef TOPC_TEMPLATE_H
#define TOPC_TEMPLATE_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/params.h"
#include "profile/profile.h"

/* X(name, what it gives) */
#define TOPC_GENERATOR_TABLE(X)                                                                    \
	X("uuid", "a random UUID (version 4)")                                                     \
	X("now", "the time, yyyy-MM-dd HH:mm:ss in GMT+8")                                         \
	X("now_ms", "milliseconds since 1970-01-01 UTC")                                           \
	X("today", "the date, yyyy-MM-dd in GMT+8")                                                \
	X("seq", "a counter kept per template: 1, 2, 3...")                                        \
	X("env:NAME", "the environment variable NAME")                                             \
	X("profile:KEY", "the profile's name, app_key, gateway, sign_method, format, "             \
			 "partner_id or target_app_key")

struct topc_template {
	char *name;
	char *method;
	char *description; /* may be NULL */
	struct topc_params values;
	char *path; /* the file, once loaded or saved */
	/* NULL: a saved template's values; else the option that gave them
	 * ("-s"), which an error of topc_template_expand names with the field
	 * ("-s NAME: ...") instead of the template (name still counts ${seq}) */
	const char *option;
};

void topc_template_init(struct topc_template *t);
void topc_template_release(struct topc_template *t);

/* Names are letters and digits of any script (topc_utf8_alnum: 月度提醒,
 * Übersicht), '.', '_' and '-', in UTF-8, not starting with '.', at most
 * 128 bytes; the console and the command line both ask this. */
bool topc_template_name_ok(const char *name);

/* $XDG_CONFIG_HOME/topc/templates; the caller frees it. */
char *topc_template_dir(void);

enum topc_status topc_template_load(const char *name, struct topc_template *t,
				    struct topc_error *err);
/* From text; `file` stands for the file in messages. */
enum topc_status topc_template_load_string(const char *text, const char *file, const char *name,
					   struct topc_template *t, struct topc_error *err);

/* Saves t under t->name.  An existing template is refused unless replace. */
enum topc_status topc_template_save(struct topc_template *t, bool replace, struct topc_error *err);
enum topc_status topc_template_delete(const char *name, struct topc_error *err);
/* Whether a template named name is saved (false for a name that is none:
 * topc_template_save refuses it and says why). */
bool topc_template_exists(const char *name);

/* Calls fn for each template file's name in name order; stops when fn
 * returns false. */
typedef bool (*topc_template_visit_fn)(const char *name, void *ctx);
void topc_template_each(topc_template_visit_fn fn, void *ctx);

/* True when text holds a generator. */
bool topc_template_has_generator(const char *text);

/* Checks the generators in text without running them: unknown ones are an
 * error naming them and the nearest known one. */
enum topc_status topc_template_value_check(const char *text, struct topc_error *err);

/* The template's values with every generator computed, for one send.
 * profile may be NULL (then ${profile:...} is an error).  ${seq} advances
 * the template's counter once, however often it appears. */
enum topc_status topc_template_expand(const struct topc_template *t,
				      const struct topc_profile *profile, struct topc_params *out,
				      struct topc_error *err);

/* Remembers that a literal value of a unique field went out from template
 * name; true when it had gone out before (the caller warns). */
bool topc_template_seen(const char *name, const char *path, const char *value);

/* A random version 4 UUID, lower-case: 36 characters and a NUL. */
enum topc_status topc_template_uuid4(char out[37], struct topc_error *err);

#endif
