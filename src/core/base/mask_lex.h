/*
 * mask_lex.h - the lexer of base/mask.c, shared with nothing else: it cuts an
 * answer into units, a byte or a JSON escape ("\u0026", a surrogate pair) or
 * an XML entity ("&lt;") with what it stands for (decode) or as written,
 * each unit in a segment: one JSON string's content, one XML text,
 * attribute value, comment, CDATA section or DOCTYPE literal, or a run of
 * the document's own syntax between them.  Not for the rest of topc: mask.h is the interface.
 */
#ifndef TOPC_MASK_LEX_H
#define TOPC_MASK_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOPC_MASK_UNIT_MAX 16 /* the longest escape or entity read as one unit */

enum topc_mask_doc { TOPC_MASK_DOC_TEXT, TOPC_MASK_DOC_JSON, TOPC_MASK_DOC_XML };
enum topc_mask_lex_state {
	TOPC_MASK_L_OUT,
	TOPC_MASK_L_STR,
	TOPC_MASK_L_TEXT,
	TOPC_MASK_L_TAG,
	TOPC_MASK_L_ATTR,
	TOPC_MASK_L_UNQUOTED,
	TOPC_MASK_L_COMMENT,
	TOPC_MASK_L_CDATA,
	TOPC_MASK_L_PI_TARGET, /* <?name: syntax, as a tag's name */
	TOPC_MASK_L_PI,	       /* a processing instruction's data, up to ?> */
	TOPC_MASK_L_DECL,      /* <!DOCTYPE and its internal subset: syntax */
	TOPC_MASK_L_LIT,       /* a declaration's quoted literal (an entity's text) */
	TOPC_MASK_L_LIT_TAG,   /* a tag in an entity's text: syntax */
	TOPC_MASK_L_LIT_ATTR   /* that tag's attribute value, in the other quote */
};

struct topc_mask_lexer {
	const unsigned char *t;
	size_t n, at;
	enum topc_mask_doc doc;
	enum topc_mask_lex_state state;
	unsigned char quote, lit_quote; /* an attribute's; a declaration literal's */
	bool after_eq, decode;
	bool subset; /* in a DOCTYPE's [...]: a comment or PI there goes back to it */
	uint32_t seg;
};

/* A unit, or a run of units of one byte each: the bytes of one segment
 * between two the lexer's state stops at (a quote, a backslash, < or &),
 * each its own unit, handed over at once so the scan hashes them without
 * keeping a unit per byte. */
struct topc_mask_unit {
	size_t start, end;	    /* in the text */
	const unsigned char *bytes; /* the text's [start, end), or dec */
	size_t len;
	uint32_t seg;
	bool syntax;	      /* the document's own syntax, not a string or text */
	bool decl;	      /* syntax of a DOCTYPE: ( ) | , * + % ; # are its syntax too */
	bool run;	      /* len units of one byte each, the text's [start, end) */
	unsigned char dec[4]; /* what an escape or entity stands for */
};

/* The next unit (or run of them) at x->at into u; false at the end of
 * the text. */
bool topc_mask_lex(struct topc_mask_lexer *x, struct topc_mask_unit *u);

/* What the text is, after a BOM and the bytes up to ' ' around it: JSON
 * when it opens with { [ or " or is one number, true, false or null as a
 * whole (a document of its own to the validator); XML when it opens with <;
 * else plain text. */
enum topc_mask_doc topc_mask_doc_of(const char *text, size_t n);

/* A match that is only bytes the document's syntax is made of (a JSON
 * number, an XML tag's name, a DOCTYPE's content model) is left as it is:
 * the label there would change how the answer parses. */
bool topc_mask_only_syntax(enum topc_mask_doc doc, bool decl, const unsigned char *s, size_t n);

#endif
