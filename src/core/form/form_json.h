/*
 * form_json.h - JSON as the form layer reads and writes it: a small strict
 * parser (RFC 8259; its numbers are base/number.h's topc_number_json, its \u
 * escapes base/utf8.h's) that keeps every number exactly as written, and a writer
 * that escapes strings byte for byte as the official Java SDK's JSONWriter
 * does.
 *
 * Why not the general JSON library: it reads numbers through doubles, so a
 * 19-digit id (1234567890123456789) comes back as 1.2345678901234568e+18,
 * and its writer escapes differently from the SDK.  Structures that go to
 * TOP must be exactly what the SDK would send, and ids must survive a round
 * trip.
 *
 * The Java SDK's JSONWriter.string() (com.taobao.api.internal.util.json):
 * `"` `\` and `/` get a backslash; \b \f \n \r \t their short forms; every
 * other character Character.isISOControl calls a control (U+0000-U+001F,
 * U+007F-U+009F) becomes \uXXXX with upper-case hex; everything else,
 * non-ASCII included, is written raw.  (It also stops at U+FFFF, the end mark
 * of Java's CharacterIterator, cutting the string short; topc writes U+FFFF
 * raw instead of cutting what a person typed.)
 */
#ifndef TOPC_FORM_JSON_H
#define TOPC_FORM_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

enum topc_jkind {
	TOPC_J_NULL,
	TOPC_J_FALSE,
	TOPC_J_TRUE,
	TOPC_J_NUMBER,
	TOPC_J_STRING,
	TOPC_J_ARRAY,
	TOPC_J_OBJECT
};

struct topc_jnode {
	enum topc_jkind kind;
	char *key;  /* the member name inside an object; NULL elsewhere */
	char *text; /* NUMBER: as written; STRING: the decoded UTF-8 */
	struct topc_jnode *kids;
	size_t nkids;
};

/* Parses len bytes holding exactly one JSON value (white space around it is
 * allowed).  On failure fills why (may be NULL) in both languages ("not a
 * JSON value at byte 12 of 40", "ends early (truncated) after 33 of 33
 * bytes; no value"), a part for a sentence (base/error.h), and returns
 * false; out is then empty.  A string holding U+0000 is refused: a C string
 * cannot carry it. */
bool topc_jnode_read(const char *text, size_t len, struct topc_jnode *out, struct topc_error *why);
/* The same with why in English only, for what no person reads. */
bool topc_jnode_parse(const char *text, size_t len, struct topc_jnode *out, char *why,
		      size_t why_size);
void topc_jnode_release(struct topc_jnode *n);
/* The same for a NUL-terminated value that must be of kind (an array, an
 * object); false with why ("is not valid JSON: ...", "is not a JSON
 * array") otherwise: topc_jnode_read_kind in both languages,
 * topc_jnode_parse_kind in English. */
bool topc_jnode_read_kind(const char *value, enum topc_jkind kind, struct topc_jnode *out,
			  struct topc_error *why);
bool topc_jnode_parse_kind(const char *value, enum topc_jkind kind, struct topc_jnode *out,
			   char *why, size_t n);
/* The member named key of an object, or NULL. */
const struct topc_jnode *topc_jnode_member(const struct topc_jnode *obj, const char *key);

/* Appends s as a JSON string the way the Java SDK's JSONWriter writes it. */
enum topc_status topc_java_string(struct topc_buf *out, const char *s);
/* Appends n compactly: numbers as written, strings as topc_java_string,
 * members in their order. */
enum topc_status topc_jnode_write(const struct topc_jnode *n, struct topc_buf *out);

/* The canonical text of a whole number, as Java's Long.toString prints it
 * ("01" -> "1", "-0" -> "0", "+5" is not one); false when text is not a
 * whole number within 64 bits. */
bool topc_integer_canonical(const char *text, char *out, size_t size);

#endif
