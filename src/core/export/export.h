/*
 * export.h - a request as code for the official TOP SDK of a language, the
 * way the API doc pages' request examples write it (the JAVA, .NET, PHP,
 * Python, C/C++ and NodeJS tabs), or as a shell script that curl runs.
 *
 * One walk over the request serves every language: the method's form (when
 * there is one) gives the order of the fields, their types and the
 * structures they nest in; each language is one table of line templates and
 * a quoting function.  Java, .NET and PHP build the request from the SDK's
 * typed request class (setters, inner structure classes, an array of
 * structures as a list of them: Java List<R.T>, .NET List<R.TDomain>, PHP
 * an array); Python, NodeJS and C pass every parameter as text, structures
 * and their arrays as the JSON that was sent, as their SDKs send them
 * (export_lang.c says where each SDK does so).  An element the form's fields
 * cannot say (a member it does not know) keeps the JSON text, whole.
 *
 * A value holding bytes that are not UTF-8 (sent with -S) is written as
 * byte escapes in PHP and C and made by printf in the curl script; the
 * languages whose strings are text (Java, C#, Python, JavaScript) refuse it
 * with TOPC_ERR_INPUT naming the parameter.
 *
 * What is written never holds a secret: the app secret and the session key
 * are read from environment variables the code names (TOP_APP_SECRET,
 * TOP_SESSION_KEY); the app key and the gateway are the profile's.  Every
 * value is quoted for the language, and names that become identifiers keep
 * only letters, digits and '_', so no value can break out of its literal.
 * The curl script signs each request when it runs (topc sign), feeds the
 * signed body to curl on a pipe (the session key never sits in an argv) and
 * quotes every word for sh.
 */
#ifndef TOPC_EXPORT_H
#define TOPC_EXPORT_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/params.h"
#include "form/form.h"
#include "profile/profile.h"

/* X(id, name for --format, file name the code expects to be saved as) */
#define TOPC_EXPORT_LANG_TABLE(X)                                                                  \
	X(JAVA, "java", "TopcRequest.java")                                                        \
	X(CSHARP, "csharp", "TopcRequest.cs")                                                      \
	X(PHP, "php", "topc_request.php")                                                          \
	X(PYTHON, "python", "topc_request.py")                                                     \
	X(NODE, "node", "topc_request.js")                                                         \
	X(C, "c", "topc_request.c")                                                                \
	X(CURL, "curl", "topc_request.sh")

enum topc_export_lang {
#define TOPC_X(id, name, file) TOPC_EXPORT_##id,
	TOPC_EXPORT_LANG_TABLE(TOPC_X)
#undef TOPC_X
	    TOPC_EXPORT_NLANGS
};

/* The environment variables the exported code reads. */
#define TOPC_EXPORT_SECRET_ENV "TOP_APP_SECRET"
#define TOPC_EXPORT_SESSION_ENV "TOP_SESSION_KEY"
/* Where the code sends when the profile's gateway is topc's builtin one,
 * whose port changes every run: a `topc gateway` started on this port. */
#define TOPC_EXPORT_LOCAL_URL "http://127.0.0.1:8080/router/rest"

struct topc_export_request {
	const char *method;
	const struct topc_params *params; /* as sent; system parameters are skipped */
	const struct topc_form *form;	  /* the method's form; NULL: none */
	const char *profile;		  /* its name, for comments and topc sign -p */
	const char *gateway;		  /* URL; NULL when builtin */
	const char *app_key;
	const char *format;		     /* "json", "xml"; NULL: json */
	const char *sign_method;	     /* "md5", "hmac", "hmac-sha256"; NULL: hmac-sha256 */
	long connect_timeout_ms, timeout_ms; /* 0: the SDK's defaults */
	bool session;			     /* the request carries a session key */
	bool simplify;			     /* simplify=true was sent (also read from params) */
	const char *target_app_key;	     /* sent; NULL: none (params' own first) */
	const char *comment;		     /* one more line for the header; may be NULL */
};

/* "java" -> TOPC_EXPORT_JAVA; false for an unknown name. */
bool topc_export_lang_parse(const char *name, enum topc_export_lang *lang);
const char *topc_export_lang_name(enum topc_export_lang lang);
/* "TopcRequest.java": the file name the code must be saved as (Java needs it). */
const char *topc_export_file_name(enum topc_export_lang lang);
/* "java, csharp, php, ..." for messages. */
const char *topc_export_lang_list(void);

/* Appends the program for r in lang to out.  For CURL only the commands of
 * this request are written: topc_export_script_header starts the script. */
enum topc_status topc_export_code(const struct topc_export_request *r, enum topc_export_lang lang,
				  struct topc_buf *out, struct topc_error *err);

/* r for a request of method with business (its form may be NULL) sent
 * with profile p: its app key, gateway (masked; NULL when builtin), format
 * (business's own "format" first), sign method, timeouts and whether it
 * carries a session key.  r points into its arguments. */
void topc_export_request_for_profile(struct topc_export_request *r, const char *method,
				     const struct topc_params *business,
				     const struct topc_form *form, const struct topc_profile *p);

/* The whole program for r: for CURL the script's header (builtin when r has
 * no gateway) then its commands, for the others topc_export_code's. */
enum topc_status topc_export_program(const struct topc_export_request *r,
				     enum topc_export_lang lang, struct topc_buf *out,
				     struct topc_error *err);

/* The first lines of a curl script: #!/bin/sh, what it is, what to set when
 * some request went to a builtin gateway, set -eu. */
enum topc_status topc_export_script_header(bool builtin, struct topc_buf *out);

/* Appends s as one shell word that reads back as s exactly: '...', a '
 * written '\'' and a byte that is not UTF-8 made by printf, so a script
 * stays text.  inert, for a command a person copies from a terminal (the
 * summary's topc sign): a word holding a character topc_utf8_inert lists,
 * a newline, a tab or a byte that is not UTF-8 is bash's $'...' instead,
 * with \\, \' and \xNN for each byte of those, so printing it drives
 * nothing (not for the scripts: $'...' is not POSIX sh). */
enum topc_status topc_export_shell_quote(struct topc_buf *out, const char *s, bool inert);

#endif
