/*
 * conf.h - the libconfig adapter: topc's form files, profiles, templates and
 * topc.conf are libconfig text, read and written only through here, so
 * swapping the library is a change to conf.c alone.
 *
 * A document (struct topc_conf) owns every node in it; a node pointer is
 * valid until topc_conf_free of its document.  Lookups on a NULL node give
 * NULL (or 0, "none"), so chains need no checks in between.  Each node knows
 * the line it was read from, for messages written "file:line: problem".
 */
#ifndef TOPC_CONF_H
#define TOPC_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"

struct topc_conf;
struct topc_conf_node;

enum topc_conf_type {
	TOPC_CONF_NONE, /* no node */
	TOPC_CONF_GROUP,
	TOPC_CONF_ARRAY,
	TOPC_CONF_LIST,
	TOPC_CONF_INT, /* 32 or 64 bits */
	TOPC_CONF_FLOAT,
	TOPC_CONF_STRING,
	TOPC_CONF_BOOL,
};

/* Parses text read from path (named in messages).  On a syntax error fails
 * with code and err reading "path:LINE: what libconfig says" followed by
 * hint when it is not NULL: an N_() phrase, translated for the person. */
TOPC_MUST_CHECK enum topc_status topc_conf_parse(const char *text, const char *path,
						 enum topc_status code, const char *hint,
						 struct topc_conf **out, struct topc_error *err);
/* The same for the file at path, of at most max bytes of UTF-8 text
 * (a NUL byte is refused). */
TOPC_MUST_CHECK enum topc_status topc_conf_parse_file(const char *path, size_t max,
						      enum topc_status code, const char *hint,
						      struct topc_conf **out,
						      struct topc_error *err);
/* A new empty document, to build and write; NULL when out of memory. */
struct topc_conf *topc_conf_new(void);
void topc_conf_free(struct topc_conf *c);

/* Reading */
struct topc_conf_node *topc_conf_root(const struct topc_conf *c);
struct topc_conf_node *topc_conf_member(const struct topc_conf_node *group, const char *name);
/* A dotted path from the root ("keys.send"). */
struct topc_conf_node *topc_conf_lookup(const struct topc_conf *c, const char *path);
size_t topc_conf_count(const struct topc_conf_node *n); /* members or elements */
struct topc_conf_node *topc_conf_elem(const struct topc_conf_node *n, size_t i);
enum topc_conf_type topc_conf_type(const struct topc_conf_node *n);
bool topc_conf_is_aggregate(const struct topc_conf_node *n); /* group, array or list */
const char *topc_conf_name(const struct topc_conf_node *n);  /* NULL for an element */
int topc_conf_line(const struct topc_conf_node *n);	     /* 0 when unknown */
/* The value when n has that type, else NULL, 0 or false. */
const char *topc_conf_string(const struct topc_conf_node *n);
int64_t topc_conf_int(const struct topc_conf_node *n);
double topc_conf_float(const struct topc_conf_node *n);
bool topc_conf_bool(const struct topc_conf_node *n);
/* Element i's text when it is a string, else NULL. */
const char *topc_conf_string_elem(const struct topc_conf_node *n, size_t i);
/* The member's text when it is a string, else NULL. */
const char *topc_conf_member_string(const struct topc_conf_node *group, const char *name);

/* Building.  name is NULL inside lists and arrays.  Each returns NULL (or
 * false) when out of memory or when the name is taken or not a valid
 * libconfig name. */
struct topc_conf_node *topc_conf_add(struct topc_conf_node *parent, const char *name,
				     enum topc_conf_type type);
bool topc_conf_add_string(struct topc_conf_node *parent, const char *name, const char *value);
bool topc_conf_add_int(struct topc_conf_node *parent, const char *name, int64_t value);
bool topc_conf_add_bool(struct topc_conf_node *parent, const char *name, bool value);

/* Appends the document as libconfig text. */
TOPC_MUST_CHECK enum topc_status topc_conf_write(const struct topc_conf *c, struct topc_buf *out);

#endif
