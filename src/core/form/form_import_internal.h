/*
 * form_import_internal.h - what form_import.c (the page's lines and tables)
 * and form_import_examples.c (its code examples) share, for the importer
 * only: the page as lines, and the steps each file takes of it.  Every step
 * returns TOPC_OK or fills p->err.
 */
#ifndef TOPC_FORM_IMPORT_INTERNAL_H
#define TOPC_FORM_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "ext/xml.h"
#include "form/form.h"

struct line {
	char *text; /* trimmed, without the bullet */
	bool bullet;
	int no;
};

struct page {
	struct line *lines;
	size_t n;
	const char *name;
	struct topc_error *err;
	struct topc_tree java; /* kids: the Java example's objects by variable name */
	struct topc_tree xml;  /* the XML response example, rooted at the wrapper */
	bool have_java, have_xml;
	bool session;  /* the Java example calls client.execute(req, sessionKey) */
	bool executes; /* the Java example reaches its client.execute line */
	bool have_resp_section, have_error_section, resp_table_at_end;
	struct topc_buf *notes;
};

/* form_import.c */
/* TOPC_ERR_NOMEM in p->err, naming the page. */
enum topc_status topc_form_import_nomem(struct page *p);
/* The first non-bullet line from `from` on that is text exactly; p->n when
 * none is. */
size_t topc_form_import_find_line(const struct page *p, size_t from, const char *text);
/* Whether s is a C-like identifier (a Java variable name). */
bool topc_form_import_is_identifier(const char *s);

/* form_import_examples.c */
/* The line where the section starting at `from` ends: the next example or
 * error-code heading, or p->n. */
size_t topc_form_import_section_end(const struct page *p, size_t from);
/* The examples after line `from`: the Java request's objects into p->java,
 * the XML response into p->xml, the error example into f->error. */
enum topc_status topc_form_import_read_examples(struct page *p, size_t from, struct topc_form *f);
/* A response field without an example in the table takes the XML example's
 * text under node (parent's fields matched by name, recursively). */
enum topc_status topc_form_import_examples_from_xml(struct page *p, struct topc_field *parent,
						    const struct topc_tree *node);

#endif
