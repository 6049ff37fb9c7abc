/*
 * xml.h - the libxml2 adapter: XML documents as a plain tree of
 * elements (for answers in format=xml and the examples on TOP doc pages),
 * and re-indenting for display.  No network, no entity expansion.
 */
#ifndef TOPC_XML_H
#define TOPC_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

struct topc_tree {
	char *name;
	char *text; /* a leaf's text, entities decoded; NULL for an element with children */
	struct topc_tree *kids;
	size_t nkids;
	char *link; /* free for the user of the tree (the importer's Java objects) */
};

/* Appends text re-indented for reading (two spaces, an element holding only
 * text on one line, UTF-8).  No network, no entity expansion.  TOPC_OK when
 * re-indented; TOPC_ERR_PARSE when text is not well-formed XML and was
 * appended unchanged; TOPC_ERR_NOMEM when out's cap was passed (out has
 * failed and holds nothing: show the text as received). */
TOPC_MUST_CHECK enum topc_status topc_xml_pretty(const char *text, size_t len,
						 struct topc_buf *out);

/* Parses len bytes of XML (read as UTF-8 whatever it declares: pasted doc
 * page text); false when it is not well-formed. */
bool topc_xml_tree(const char *text, size_t len, struct topc_tree *root);
/* What kind of failure topc_xml_parse met, from libxml2's error codes (its
 * words are English and change between versions): an answer's reader tells
 * a cut from text after the root or bytes the declared encoding does not
 * read, which are not cuts. */
enum topc_xml_fault {
	TOPC_XML_FAULT_NONE,	      /* parsed */
	TOPC_XML_FAULT_MALFORMED,     /* any other failure: a cut looks like this */
	TOPC_XML_FAULT_EXTRA_CONTENT, /* text after the root element */
	TOPC_XML_FAULT_ENCODING,      /* an encoding unknown, or bytes it does not read */
};

/* The same for a document in the encoding it declares (an answer); on
 * failure why (may be NULL) says what and where in both languages, a part
 * for a sentence (base/error.h): libxml2's own words as it wrote them
 * ("Opening and ending tag mismatch: b line 1 and a at line 1"), and fault
 * (may be NULL) its kind. */
bool topc_xml_parse(const char *text, size_t len, struct topc_tree *root, struct topc_error *why,
		    enum topc_xml_fault *fault);
void topc_tree_release(struct topc_tree *t);
/* The direct child named name, or NULL. */
const struct topc_tree *topc_tree_kid(const struct topc_tree *t, const char *name);
/* Appends a child and returns it, or NULL when out of memory. */
struct topc_tree *topc_tree_add(struct topc_tree *t, const char *name);

/* XPath 1.0 over an XML answer (topc send --query, history show --query).
 * Each selected node is one line of out: its text when it holds only text,
 * else the element as XML; a number, string or boolean result is one line
 * of its text.  *count is the number of nodes (1 for those).  An
 * expression that does not compile is TOPC_ERR_USAGE; text that is not
 * XML TOPC_ERR_INPUT.  No network, no entity expansion. */
TOPC_MUST_CHECK enum topc_status topc_xpath_check(const char *expr, struct topc_error *err);
TOPC_MUST_CHECK enum topc_status topc_xpath_run(const char *expr, const char *xml, size_t len,
						struct topc_buf *out, size_t *count,
						struct topc_error *err);
/* XPath's boolean() of the result: a node set is true when not empty. */
TOPC_MUST_CHECK enum topc_status topc_xpath_test(const char *expr, const char *xml, size_t len,
						 bool *truthy, struct topc_error *err);

#endif
