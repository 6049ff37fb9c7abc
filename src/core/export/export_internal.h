/*
 * export_internal.h - what the export's files share: the walk's state, a
 * language's table, and the helpers that put text out (export.h is the
 * module's contract; nothing here is for callers outside src/core/export).
 *
 * export.c walks the request and writes curl scripts, export_lang.c holds
 * each language's quoting, first and last lines and line templates, and
 * export_emit.c the names, comments and templates every language shares.
 * Every put keeps the first failure in e->st and skips what follows.
 */
#ifndef TOPC_EXPORT_INTERNAL_H
#define TOPC_EXPORT_INTERNAL_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/params.h"
#include "export/export.h"

typedef enum topc_status (*quote_fn)(struct topc_buf *out, const char *s);

struct lang;

struct emit {
	const struct topc_export_request *r;
	const struct lang *lang;
	struct topc_buf *out;
	struct topc_params values; /* the form's values, from the parameters sent */
	struct topc_params used;   /* variable names taken (PHP) */
	char request_class[192], response_class[192];
	int objects; /* obj1, obj2... */
	enum topc_status st;
};

/* The parts of one line: what the templates' %x stand for. */
struct line {
	const char *owner, *child, *name, *type;
	const char *value; /* the literal, already quoted */
};

/*
 * A language: its quoting, how a value of each kind is written, and the
 * lines of the walk as templates.  In templates, %o is the owner (req,
 * obj1), %c the structure being built, %P the field's name in PascalCase,
 * %n its name as an identifier, %N its name as a string literal, %T the
 * structure's type, %R the request class, %v the value, %i the indent.
 * A NULL template means the language passes every parameter as text.
 */
struct lang {
	quote_fn quote;
	const char *indent;
	const char *number_suffix; /* "L": a Number as an integer literal; NULL: as text */
	bool bare_bool;		   /* true/false as literals, not text */
	const char *date_open;	   /* wraps a quoted Date (closed by ")"); NULL: the text */
	const char *list_open, *list_close; /* an array inside a structure */
	const char *number_list_open;	    /* the same for Number []; NULL: list_open */
	const char *set_value, *set_nested_value, *set_json;
	const char *new_object, *set_object, *set_nested_object, *set_other;
	/* an array of structures: the list (%c) made, an element (%c) added to
	 * it (%o), the list set on its owner; NULL: written as JSON text */
	const char *new_list, *list_add, *set_list, *set_nested_list;
	bool child_named; /* PHP: structures are named after their field */
	const char *flat_param;
	bool bytes;   /* its strings are bytes (PHP, C): any byte can be written */
	bool setattr; /* Python: a name that is no identifier goes through setattr */
	void (*prologue)(struct emit *e);
	void (*epilogue)(struct emit *e);
};

extern const struct lang export_langs[TOPC_EXPORT_NLANGS];

void export_check(struct emit *e, enum topc_status st);
void export_put(struct emit *e, const char *s);
void export_putf(struct emit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void export_put_quoted(struct emit *e, const char *s);
void export_put_comment(struct emit *e, const char *s);
/* One template line (the %x of struct lang) and its line end. */
void export_put_line(struct emit *e, const char *tmpl, const struct line *l);

/* Text for a comment: printable ASCII only, no backslash. */
enum topc_status export_comment_text(struct topc_buf *out, const char *s);
bool export_is_alnum(char c);
/* user_id -> UserId; only letters and digits survive */
enum topc_status export_pascal(struct topc_buf *out, const char *name);
/* letters, digits and '_' (a PHP property name) */
enum topc_status export_ident(struct topc_buf *out, const char *name);
/* taobao.jym.message.apppush.send -> JymMessageApppushSend */
enum topc_status export_class_base(struct topc_buf *out, const char *method);
bool export_python_ident(const char *s);

const char *export_url_of(const struct topc_export_request *r);
const char *export_fmt_of(const struct topc_export_request *r);
const char *export_sign_of(const struct topc_export_request *r);
/* Whether simplify=true went out, and the target_app_key that did (NULL:
 * none): r's own or its parameters' (a history entry's are as sent). */
bool export_simplify_of(const struct topc_export_request *r);
const char *export_target_of(const struct topc_export_request *r);
/* The sign method as an SDK names it, one of three literals: never the
 * profile's text itself */
const char *export_sign_method(const struct topc_export_request *r);
/* The header comment (prefix "// " or "# ") naming the SDK */
void export_header_comment(struct emit *e, const char *prefix, const char *sdk);
/* A comment line when an md5-only SDK signs otherwise than the profile */
void export_sdk_signs_md5(struct emit *e, const char *prefix);

#endif
