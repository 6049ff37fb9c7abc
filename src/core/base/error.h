/*
 * error.h - status codes and error detail for the topc core.
 *
 * The core never prints and never exits.  Every fallible function returns an
 * enum topc_status and, when it fails, fills a struct topc_error with a message
 * written for the person at the terminal: lowercase, no full stop, the problem
 * first and then the fix ("profile \"prod\": no secret source; set secret_env").
 *
 * The message is kept twice.  msg is for the person, in the language of
 * LC_MESSAGES: the format given to topc_error_set/at/prefix is the msgid
 * (xgettext takes them by those names, po/meson.build), translated here;
 * english is the same message untranslated, for what programs keep and read
 * (history, --json), which must not change with the language.  The parts a
 * program or a person types back stay as given: field names, codes,
 * file:line, option names, the arguments.  Both are cut on a whole UTF-8
 * character when they do not fit.
 *
 * A reason made before the sentence it goes into (a JSON reader's "expected
 * ',' or '}' at byte 9 of 12", a type check's "\"abc\" is not a whole
 * number") is a struct topc_error too, a part: topc_error_setp puts it in a
 * sentence of its own, its translation into the translated sentence and its
 * English into the English one, so no English piece reaches a translated
 * message and the history keeps no translated one.
 *
 * The status table is the single definition of each status: its name and the
 * process exit status the command line maps it to.
 */
#ifndef TOPC_ERROR_H
#define TOPC_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* X(name, exit_status) */
#define TOPC_STATUS_TABLE(X)                                                                       \
	X(OK, 0)                                                                                   \
	X(ERR_USAGE, 2)	       /* bad command line */                                              \
	X(ERR_INPUT, 2)	       /* invalid parameter value or request */                            \
	X(ERR_PROFILE, 2)      /* profile missing, malformed or unusable */                        \
	X(ERR_SECRET, 2)       /* secret source missing or unreadable */                           \
	X(ERR_HOLDS_SECRET, 2) /* a value holds a secret: refused, and kept nowhere */             \
	X(ERR_IO, 2)	       /* local file could not be read or written */                       \
	X(ERR_NOMEM, 3)	       /* allocation failed or a size cap was hit */                       \
	X(ERR_TRANSPORT, 3)    /* network-level failure */                                         \
	X(ERR_PARSE, 3)	       /* a response could not be parsed */                                \
	X(ERR_INTERNAL, 3)     /* a library call failed unexpectedly */

enum topc_status {
#define TOPC_X(name, exit_status) TOPC_##name,
	TOPC_STATUS_TABLE(TOPC_X)
#undef TOPC_X
};

/* On a function whose returned status must be looked at: ignoring it is a
 * compile error (the build adds -Werror=unused-result).  GCC does not accept a
 * (void) cast as looking, so a caller really handles the status. */
#define TOPC_MUST_CHECK __attribute__((warn_unused_result))

struct topc_error {
	enum topc_status code;
	char msg[512];	   /* translated: Chinese takes three bytes a character */
	char english[256]; /* untranslated */
};

/* errno's text for a message made by topc_error_set: "No such file or
 * directory" in the English copy (what --json and the history keep, the
 * same in every language) and libc's translation in the reader's copy.
 * The text returned is English; topc_error_set, _at, _setp and _setp2
 * fill it in each language as they write each copy (four at once at most
 * in one message), then it is English again. */
const char *topc_strerror(int e);

/* Record a failure and return its status, so callers can write
 * `return topc_error_set(err, TOPC_ERR_INPUT, "...", ...);`.  err may be NULL. */
enum topc_status topc_error_set(struct topc_error *err, enum topc_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same for a problem in a file: "file:line: what", or "file: what" when
 * line is not positive.  The one formatter of file positions. */
enum topc_status topc_error_at(struct topc_error *err, enum topc_status code, const char *file,
			       int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

enum topc_status topc_error_vat(struct topc_error *err, enum topc_status code, const char *file,
				int line, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

/* In the format of topc_error_setp and topc_form_problem_addp, the argument
 * that stands for the part: its %s is filled with the part's text in each
 * language (a slot the formatter fills before it writes each copy, as
 * topc_strerror's). */
#define TOPC_PART_SIZE 512
extern _Thread_local char topc_part_text[2][TOPC_PART_SIZE];
#define TOPC_PART ((const char *)topc_part_text[0])
#define TOPC_PART2 ((const char *)topc_part_text[1])

/* topc_error_set where one argument, TOPC_PART, is part (a struct
 * topc_error made before; it may be err itself; NULL: topc_error_set). */
enum topc_status topc_error_setp(struct topc_error *err, enum topc_status code,
				 const struct topc_error *part, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

enum topc_status topc_error_vsetp(struct topc_error *err, enum topc_status code,
				  const struct topc_error *part, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/* "file:line: " (or "file: " when line is not positive) before both of
 * err's messages, as topc_error_at writes them. */
void topc_error_position(struct topc_error *err, const char *file, int line);
/* topc_error_vsetp with the position of topc_error_at: "file:line: what",
 * part (NULL: none) standing for TOPC_PART in fmt. */
enum topc_status topc_error_vatp(struct topc_error *err, enum topc_status code, const char *file,
				 int line, const struct topc_error *part, const char *fmt,
				 va_list ap) __attribute__((format(printf, 6, 0)));

/* The same with two parts: TOPC_PART stands for part, TOPC_PART2 for
 * part2. */
enum topc_status topc_error_setp2(struct topc_error *err, enum topc_status code,
				  const struct topc_error *part, const struct topc_error *part2,
				  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* err holds msgid as it is (english) and its translation (msg): for a reason
 * chosen from a table of N_() phrases. */
enum topc_status topc_error_text(struct topc_error *err, enum topc_status code, const char *msgid);

/* A heap copy of fmt filled with ap, TOPC_PART's text being part (NULL
 * when out of memory).  For the modules that keep messages of their own in
 * both languages: one call for each language. */
char *topc_vstrf_part(const char *part, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Prefix an existing message with context ("profile \"x\": " + old message). */
void topc_error_prefix(struct topc_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* dst becomes a copy of src with status code (both messages). */
enum topc_status topc_error_copy(struct topc_error *dst, enum topc_status code,
				 const struct topc_error *src);

void topc_error_clear(struct topc_error *err);

const char *topc_status_name(enum topc_status code);

/* Exit status the command line uses for a failure of this kind (0 for OK). */
int topc_status_exit_code(enum topc_status code);

#endif
