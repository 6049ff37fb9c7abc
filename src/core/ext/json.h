/*
 * json.h - the cJSON adapter: every use of the JSON library in topc goes
 * through here, so swapping it is a change to json.c alone.
 *
 * A small tree API: parse a document and walk it (members in their order),
 * or build one and print it compactly.  A struct topc_json is a node of a
 * tree; the root owns every node under it and topc_json_free frees the
 * whole tree.  Lookups on NULL give NULL, so chains need no checks between.
 * Numbers are doubles to cJSON: where digits must survive exactly (ids,
 * structures sent to TOP) add them with topc_json_add_int or as raw text;
 * form/form_json.h reads such text exactly.
 *
 * Also, on the text itself with no tree: topc_json_check, _valid, _numbers,
 * _leaves and the outlines (an answer's members, read in the check's one
 * pass, what the outcome reads) are the strict scanner (json_scan.c, no
 * cJSON there: RFC 8259 with the SDK validator's liberties), and
 * topc_json_pretty and _compact
 * re-indent or compact in one pass (json.c), keeping every number, escape
 * and key as written.
 */
#ifndef TOPC_JSON_H
#define TOPC_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* JSON's white space between tokens (RFC 8259 section 2: space, tab, line
 * feed, carriage return), for every reader of JSON text. */
static inline bool topc_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where and why a text is not JSON (topc_json_check). */
struct topc_json_problem {
	size_t offset;	      /* the byte where the text stops being JSON */
	size_t line, column;  /* the same place, from 1, the column in bytes */
	bool at_end;	      /* the text ended there: it was cut short */
	const char *expected; /* what JSON needs there ("',' or '}'"): static */
};

/* True when text is one JSON value as RFC 8259 writes it (no 01, no 1.),
 * with nothing after it but white space: what the SDK's JSONValidator
 * accepts, raw control characters in a string included (it refuses trailing
 * text with "expected end at column N").  Else fills p (when not NULL). */
bool topc_json_check(const char *text, size_t len, struct topc_json_problem *p);
/* p as one line for a person, in both languages, a part for a sentence
 * (base/error.h): "expected ',' or '}' at line 1, column 9 (byte 8 of 20),
 * found 'x'", or "it ended early (truncated) after 27 bytes, where ... was
 * expected".  The byte found is shown as a printable character or as 0xNN,
 * so the line is inert. */
void topc_json_problem_error(const struct topc_json_problem *p, const char *text, size_t len,
			     struct topc_error *why);
/* topc_json_check with only the offset. */
bool topc_json_valid(const char *text, size_t len, size_t *err_offset);

/* Calls fn with each number of text as written (lit[0..n), the digits the
 * sender wrote, which a double does not keep past 2^53), in document order;
 * fn returns false to stop.  TOPC_ERR_PARSE when text is not JSON. */
typedef bool (*topc_json_number_fn)(const char *lit, size_t n, void *ctx);
TOPC_MUST_CHECK enum topc_status topc_json_numbers(const char *text, size_t len,
						   topc_json_number_fn fn, void *ctx);

/* Appends text re-indented for reading (two spaces), in one pass without a
 * tree: numbers, escapes and key order stay exactly as received, and the cost
 * is about the text's own size.  TOPC_OK when it was re-indented;
 * TOPC_ERR_PARSE when text is not an object or array with balanced brackets
 * and closed strings, and was appended unchanged; TOPC_ERR_NOMEM when the
 * result passed out's cap (or memory ran out): out has then failed and holds
 * nothing (base/buf.h), so show the text as received instead. */
TOPC_MUST_CHECK enum topc_status topc_json_pretty(const char *text, size_t len,
						  struct topc_buf *out);

/* Calls fn for every leaf of a JSON document in document order: path names
 * its place (a.b[0].c; the root is ""), value is the leaf as compact JSON
 * ("text" quoted as cJSON quotes it, a NUL as \u0000; a number as its
 * literal text, so 1234567890123456789 and ...788 differ; true, null, {}
 * and [] for empty ones; a container nested past 64 levels as its compact
 * text).  fn returns
 * false to stop.  TOPC_ERR_PARSE when text is not JSON. */
typedef bool (*topc_json_leaf_fn)(const char *path, const char *value, void *ctx);
TOPC_MUST_CHECK enum topc_status topc_json_leaves(const char *text, size_t len,
						  topc_json_leaf_fn fn, void *ctx);

/* Appends s as a JSON string literal (quotes included). */
TOPC_MUST_CHECK enum topc_status topc_json_quote(struct topc_buf *out, const char *s);

/* Appends text without the white space between its tokens (strings,
 * numbers and key order as written).  TOPC_ERR_PARSE, nothing appended, when
 * text is not one object or array with balanced brackets and closed
 * strings; TOPC_ERR_NOMEM when out failed. */
TOPC_MUST_CHECK enum topc_status topc_json_compact(const char *text, size_t len,
						   struct topc_buf *out);

/* The kinds of a JSON value, for outlines and trees. */
enum topc_json_type {
	TOPC_JSON_NONE, /* no node */
	TOPC_JSON_NULL,
	TOPC_JSON_FALSE,
	TOPC_JSON_TRUE,
	TOPC_JSON_NUMBER,
	TOPC_JSON_STRING,
	TOPC_JSON_ARRAY,
	TOPC_JSON_OBJECT,
	TOPC_JSON_RAW, /* text added with topc_json_add_raw */
};

/* ------------------------------------------------------------------ */
/* Outlines: what an answer's reader needs of a document, without a tree */

/* The outline of a document: its root and the members of its objects down
 * to a depth (the root's members are depth 1), in document order, each as
 * its place in the text; the elements of arrays and anything deeper are in
 * their container's text only.  Read in the one strict pass of
 * topc_json_check (the same grammar, the same problems), it copies nothing
 * of the text, so a 40 MB string costs its scan and no copy; values are
 * read on demand, as the tree reader (topc_json_parse) would read them.
 * The text must outlive the outline. */
struct topc_json_item {
	enum topc_json_type type; /* never NONE or RAW */
	size_t key, key_len;	  /* a member's name literal (quotes included), key_len 0 else */
	size_t at, len;		  /* the value's literal text */
	size_t first, last, next; /* an object's members (count of them), the member after
				   * this one: indexes in items, 0 for none */
	size_t count;
};

struct topc_json_outline {
	const char *text;
	struct topc_json_item *items; /* items[0] is the root */
	size_t count, alloc;
};

void topc_json_outline_init(struct topc_json_outline *o);
void topc_json_outline_release(struct topc_json_outline *o);
/* Reads text (the outline released first).  TOPC_ERR_PARSE when it is not
 * JSON, p (when not NULL) then filled as topc_json_check fills it;
 * TOPC_ERR_NOMEM.  The outline is empty unless TOPC_OK. */
TOPC_MUST_CHECK enum topc_status topc_json_outline_read(struct topc_json_outline *o,
							const char *text, size_t len,
							unsigned depth,
							struct topc_json_problem *p);
/* An outlined object's first member, the member after it, or NULL. */
const struct topc_json_item *topc_json_outline_first(const struct topc_json_outline *o,
						     const struct topc_json_item *obj);
const struct topc_json_item *topc_json_outline_next(const struct topc_json_outline *o,
						    const struct topc_json_item *it);
/* The member named name of an outlined object, of duplicate names the last
 * (as topc_json_get), or NULL. */
const struct topc_json_item *topc_json_outline_get(const struct topc_json_outline *o,
						   const struct topc_json_item *obj,
						   const char *name);
/* The texts as topc_json_key and a tree's scalar give them, fresh strings
 * for the caller to free (NULL when out of memory): a name or a string
 * decoded (a C string: it ends at a raw NUL, and \u0000 is the six
 * characters \u0000), a number as "%.17g" of its double, true and false;
 * NULL for null, objects and arrays, and for a string longer than limit
 * bytes (limit 0: any length; *too_long then true when not NULL). */
char *topc_json_outline_key(const struct topc_json_outline *o, const struct topc_json_item *it);
char *topc_json_outline_text(const struct topc_json_outline *o, const struct topc_json_item *it,
			     size_t limit, bool *too_long);
/* A number's value as the tree reader's double (0 when it is no number). */
double topc_json_outline_number(const struct topc_json_outline *o, const struct topc_json_item *it);

/* ------------------------------------------------------------------ */
/* Trees */

struct topc_json;

/* The tree of len bytes holding one JSON value (white space around it
 * allowed, nothing else: topc_json_check decides), or NULL.  On failure
 * *err_offset (when not NULL) is the byte offset where reading stopped.  A
 * \u0000 in a string reads as the six characters \u0000 (a C string
 * cannot hold a NUL; cutting the text there would hide the rest). */
struct topc_json *topc_json_parse(const char *text, size_t len, size_t *err_offset);
void topc_json_free(struct topc_json *j);

enum topc_json_type topc_json_type(const struct topc_json *j);
/* The member named name (case-sensitive) of an object, or NULL.  Of
 * duplicate names the last, as the SDK reads them. */
const struct topc_json *topc_json_get(const struct topc_json *obj, const char *name);
/* The first member or element, and the one after j, or NULL. */
const struct topc_json *topc_json_first(const struct topc_json *j);
const struct topc_json *topc_json_next(const struct topc_json *j);
size_t topc_json_count(const struct topc_json *j);
/* The member's name, or NULL for an element or a root. */
const char *topc_json_key(const struct topc_json *j);
/* The text of a string, or NULL when j is not one. */
const char *topc_json_string(const struct topc_json *j);
/* The value of a number (0 when j is not one). */
double topc_json_number(const struct topc_json *j);

/* New roots, NULL when out of memory. */
struct topc_json *topc_json_new_object(void);
struct topc_json *topc_json_new_array(void);
/* Each adds a member (name) to an object, or an element (name NULL) to an
 * array; false when out of memory.  topc_json_add takes item, freeing it
 * on failure.  add_raw takes text that must be one valid JSON value: it is
 * printed as given (numbers exactly). */
TOPC_MUST_CHECK bool topc_json_add(struct topc_json *parent, const char *name,
				   struct topc_json *item);
TOPC_MUST_CHECK bool topc_json_add_string(struct topc_json *parent, const char *name,
					  const char *s);
TOPC_MUST_CHECK bool topc_json_add_int(struct topc_json *parent, const char *name, long long v);
TOPC_MUST_CHECK bool topc_json_add_bool(struct topc_json *parent, const char *name, bool v);
TOPC_MUST_CHECK bool topc_json_add_raw(struct topc_json *parent, const char *name,
				       const char *text);
/* text (len bytes) as JSON when it is an object or array, compacted with
 * every number exactly as written (a 19-digit id stays one), else as a
 * string. */
TOPC_MUST_CHECK bool topc_json_add_text(struct topc_json *parent, const char *name,
					const char *text, size_t len);
/* j compactly, for the caller to free(); NULL when out of memory. */
TOPC_MUST_CHECK char *topc_json_print(const struct topc_json *j);

#endif
