/* mask.c's lexer: JSON strings and XML texts, their escapes and entities
 * decoded (mask_lex.h). */
#include "base/mask_lex.h"

#include <string.h>

#include "base/number.h"
#include "base/utf8.h"

/* What a JSON escape's letter (the byte after the backslash) stands for,
 * or -1: not one of JSON's two-byte escapes. */
static int json_escaped(unsigned char c)
{
	switch (c) {
	case '"':
	case '\\':
	case '/':
		return c;
	case 'b':
		return '\b';
	case 'f':
		return '\f';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	default:
		return -1;
	}
}

/* A JSON escape at s: its length (0: none), what it stands for in out. */
static size_t json_escape(const unsigned char *s, size_t n, unsigned char *out, size_t *len)
{
	size_t used;
	long cp;
	int c;

	if (n < 2 || s[0] != '\\')
		return 0;
	if ((c = json_escaped(s[1])) >= 0) {
		out[0] = (unsigned char)c;
		*len = 1;
		return 2;
	}
	*len = 0; /* not an escape JSON knows: the two bytes kept as written */
	if ((cp = topc_utf8_json_escape((const char *)s, n, &used)) < 0)
		return s[1] >= 0x80 ? 1 : 2; /* never half a character */
	if (cp >= 0xd800 && cp < 0xe000)
		return used; /* a lone surrogate stands for no UTF-8: kept as written */
	*len = topc_utf8_put((uint32_t)cp, (char *)out);
	return used;
}

/* An XML entity or character reference at s, as json_escape. */
static size_t xml_entity(const unsigned char *s, size_t n, unsigned char *out, size_t *len)
{
	static const char *const names[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
	static const char chars[] = "&<>\"'";
	static const size_t sizes[] = {5, 4, 4, 6, 6};
	const unsigned char *semi = memchr(s, ';', n < TOPC_MASK_UNIT_MAX ? n : TOPC_MASK_UNIT_MAX);
	uint32_t cp = 0;
	size_t i = 2;
	bool hex;

	if (!semi || s[0] != '&')
		return 0;
	if (s[1] != '#') {
		size_t k = 0, size = (size_t)(semi - s) + 1;
		while (k < 5 && !(size == sizes[k] && memcmp(s, names[k], size) == 0))
			k++;
		if (k == 5)
			return 0;
		out[0] = (unsigned char)chars[k];
		*len = 1;
		return size;
	}
	hex = s + 2 < semi && (s[2] == 'x' || s[2] == 'X');
	i += hex;
	if (s + i == semi)
		return 0;
	for (; s + i < semi; i++) {
		int d = hex ? topc_number_hex_digit((char)s[i])
			    : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
		if (d < 0 || cp > 0x10ffff)
			return 0;
		cp = cp * (hex ? 16 : 10) + (uint32_t)d;
	}
	if (!cp || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
		return 0;
	*len = topc_utf8_put(cp, (char *)out);
	return i + 1;
}

static bool starts(const struct topc_mask_lexer *x, const char *s)
{
	size_t n = strlen(s);

	return x->n - x->at >= n && memcmp(x->t + x->at, s, n) == 0;
}

static bool space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A unit of n bytes of the text as they are. */
static void take(struct topc_mask_lexer *x, struct topc_mask_unit *u, size_t n, bool syntax)
{
	u->start = x->at;
	u->end = x->at + n;
	u->len = n;
	u->bytes = x->t + x->at;
	u->seg = x->seg;
	u->syntax = syntax;
	u->decl = syntax && x->state == TOPC_MASK_L_DECL;
	u->run = false;
	x->at += n;
}

/* Whether a byte of the word w is c (the exact test of "has a zero byte"
 * on w ^ c...c). */
static inline bool has_byte(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (0x0101010101010101ULL * c);

	return ((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL) != 0;
}

/* A run: the byte at the cursor (one the state does not stop at) and the
 * ones after it up to the next a or b (or the end), each a unit of one
 * byte as take(x, u, 1, syntax) would make it. */
static void take_run(struct topc_mask_lexer *x, struct topc_mask_unit *u, bool syntax,
		     unsigned char a, unsigned char b)
{
	const unsigned char *t = x->t, *stop;
	size_t i = x->at + 1, n = x->n;

	if (a == b) {
		stop = memchr(t + i, a, n - i);
		i = stop ? (size_t)(stop - t) : n;
	} else {
		for (uint64_t w; i + 8 <= n; i += 8) { /* eight bytes at a time */
			memcpy(&w, t + i, 8);
			if (has_byte(w, a) || has_byte(w, b))
				break;
		}
		while (i < n && t[i] != a && t[i] != b)
			i++;
	}
	take(x, u, i - x->at, syntax);
	u->run = true;
}

/* A byte of an XML name (as the lexer takes one: any byte past ASCII). */
static bool name_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || (c && strchr("_:-.", c));
}

/* A reference to an entity a DTD declares ("&name;", not one of XML's
 * five) at s: its length, or 0.  A name has no bound: one cut into bytes
 * would be masked inside. */
static size_t xml_named_ref(const unsigned char *s, size_t n)
{
	size_t i = 1;

	if (n < 3 || s[0] != '&' || (s[1] >= '0' && s[1] <= '9') || s[1] == '-' || s[1] == '.')
		return 0;
	while (i < n && name_byte(s[i]))
		i++;
	return i > 1 && i < n && s[i] == ';' ? i + 1 : 0;
}

/* An escape (json) or entity (!json) at the cursor, decoded or as written;
 * a lone byte when there is none.  In XML, a reference to a declared
 * entity is one unit: a label in its name would refer to no entity, one
 * over the whole reference is text in its place. */
static void take_escape(struct topc_mask_lexer *x, struct topc_mask_unit *u, bool json)
{
	size_t dlen = 0, n = json ? json_escape(x->t + x->at, x->n - x->at, u->dec, &dlen)
				  : xml_entity(x->t + x->at, x->n - x->at, u->dec, &dlen);

	if (!json && !n && x->doc == TOPC_MASK_DOC_XML &&
	    (n = xml_named_ref(x->t + x->at, x->n - x->at)) != 0) {
		take(x, u, n, false);
		return;
	}
	take(x, u, n ? n : 1, false);
	if (n && dlen && x->decode) {
		u->bytes = u->dec;
		u->len = dlen;
	}
}

/* A new segment starts: the next unit's. */
static void next_seg(struct topc_mask_lexer *x, enum topc_mask_lex_state to)
{
	x->seg++;
	x->state = to;
}

static bool lex_json(struct topc_mask_lexer *x, struct topc_mask_unit *u)
{
	unsigned char c = x->t[x->at];

	if (x->state == TOPC_MASK_L_OUT) {
		if (c != '"') {
			take_run(x, u, true, '"', '"');
			return true;
		}
		take(x, u, 1, true);
		next_seg(x, TOPC_MASK_L_STR);
	} else if (c == '"') {
		next_seg(x, TOPC_MASK_L_OUT);
		take(x, u, 1, true);
	} else if (c == '\\') {
		take_escape(x, u, true);
	} else {
		take_run(x, u, false, '"', '\\');
	}
	return true;
}

/* Where a comment, CDATA section or PI goes back to at its end: a
 * DOCTYPE's internal subset holds them too. */
static enum topc_mask_lex_state back(const struct topc_mask_lexer *x)
{
	return x->subset ? TOPC_MASK_L_DECL : TOPC_MASK_L_TEXT;
}

/* A "<" in text (or in a DOCTYPE's internal subset): the opening is syntax;
 * a comment's or CDATA's content is a segment of its own, a tag, a PI or a
 * declaration (<!DOCTYPE, <!ENTITY in the subset) goes on in this one. */
static void open_markup(struct topc_mask_lexer *x, struct topc_mask_unit *u)
{
	size_t n = starts(x, "<!--")	    ? 4
		   : starts(x, "<![CDATA[") ? 9
		   : starts(x, "<?")	    ? 2
		   : starts(x, "<!DOCTYPE") ? 3
					    : 1;

	next_seg(x, n == 4   ? TOPC_MASK_L_COMMENT
		    : n == 9 ? TOPC_MASK_L_CDATA
		    : n == 2 ? TOPC_MASK_L_PI_TARGET
		    : n == 3 ? TOPC_MASK_L_DECL
			     : TOPC_MASK_L_TAG);
	x->after_eq = false;
	if (n == 3) { /* "<!": the declaration's name is its syntax as a tag's */
		take(x, u, 2, true);
		return;
	}
	take(x, u, n, true);
	if (n > 2)
		x->seg++;
}

/* A character reference at the cursor standing for a byte of markup
 * ("&#60;"), that byte, or 0: in an entity's value it is expanded when
 * declared, and the replacement text is then parsed as markup. */
static unsigned char markup_ref(const struct topc_mask_lexer *x, size_t *n)
{
	unsigned char dec[4];
	size_t len = 0;

	if (x->n - x->at < 2 || x->t[x->at + 1] != '#' ||
	    !(*n = xml_entity(x->t + x->at, x->n - x->at, dec, &len)) || len != 1)
		return 0;
	return dec[0] && strchr("<>&\"'", dec[0]) ? dec[0] : 0;
}

/* A DOCTYPE and its internal subset ("[...]"): names, keywords and
 * content models are syntax as a tag's name is; a comment or PI in the
 * subset is lexed as one (its quotes pair with nothing); a quoted literal
 * (an entity's value, a system id, an attribute's default) is text, but
 * an entity's value is markup where it is used ("<!ENTITY e '<a b=\"x\"/>'>"):
 * a tag in it is syntax, its attribute values (in the other quote) text. */
static void lex_decl(struct topc_mask_lexer *x, struct topc_mask_unit *u)
{
	unsigned char c = x->t[x->at], ref;
	size_t len = 0;

	if (x->state != TOPC_MASK_L_DECL && c == x->lit_quote) {
		next_seg(x, TOPC_MASK_L_DECL); /* the literal ends, whatever it held */
		take(x, u, 1, true);
		return;
	}
	switch (x->state) {
	case TOPC_MASK_L_DECL:
		if (c == '<' && (starts(x, "<!--") || !starts(x, "<!"))) {
			/* a comment or PI goes back to the subset; an element's
			 * tag has no place there: the DOCTYPE was cut short, and
			 * the document goes on as one would without it */
			if (!starts(x, "<!--") && !starts(x, "<?"))
				x->subset = false;
			open_markup(x, u);
			return;
		}
		take(x, u, 1, true);
		if (c == '"' || c == '\'') {
			x->lit_quote = c;
			next_seg(x, TOPC_MASK_L_LIT);
		} else if (c == '[' || c == ']') {
			x->subset = c == '[';
		} else if (c == '>' && !x->subset) {
			x->lit_quote = 0;
			next_seg(x, TOPC_MASK_L_TEXT);
		}
		return;
	case TOPC_MASK_L_LIT_TAG:
		take(x, u, 1, true);
		if (c == '>') {
			next_seg(x, TOPC_MASK_L_LIT);
		} else if (c == '"' || c == '\'') {
			x->quote = c;
			next_seg(x, TOPC_MASK_L_LIT_ATTR);
		}
		return;
	default: /* TOPC_MASK_L_LIT, TOPC_MASK_L_LIT_ATTR */
		if (x->state == TOPC_MASK_L_LIT_ATTR && c == x->quote) {
			next_seg(x, TOPC_MASK_L_LIT_TAG);
			take(x, u, 1, true);
			return;
		}
		if (x->state == TOPC_MASK_L_LIT && c == '<') {
			/* a comment's or CDATA's content is text, a tag syntax */
			size_t n = starts(x, "<!--") ? 4 : starts(x, "<![CDATA[") ? 9 : 1;
			next_seg(x, n > 1 ? TOPC_MASK_L_LIT : TOPC_MASK_L_LIT_TAG);
			take(x, u, n, true);
			if (n > 1)
				x->seg++;
			return;
		}
		if (c != '&') {
			take(x, u, 1, false);
			return;
		}
		if ((ref = markup_ref(x, &len)) != 0) {
			/* markup once declared: syntax, a segment of its own (no
			 * match across it); "&#60;" opens a tag, the attribute's
			 * quote closes it */
			if (ref == '&') /* "&#38;name;": a reference once declared */
				while (x->at + len < x->n &&
				       (name_byte(x->t[x->at + len]) || x->t[x->at + len] == ';'))
					if (x->t[x->at + len++] == ';')
						break;
			next_seg(x, x->state);
			take(x, u, len, true);
			next_seg(x,
				 ref == '<' || (x->state == TOPC_MASK_L_LIT_ATTR && ref == x->quote)
				     ? TOPC_MASK_L_LIT_TAG
				     : x->state);
			return;
		}
		take_escape(x, u, false);
		return;
	}
}

static bool lex_xml(struct topc_mask_lexer *x, struct topc_mask_unit *u)
{
	unsigned char c = x->t[x->at];

	switch (x->state) {
	case TOPC_MASK_L_COMMENT:
	case TOPC_MASK_L_CDATA: {
		const char *end = x->state == TOPC_MASK_L_COMMENT ? "-->" : "]]>";
		if (starts(x, end)) {
			next_seg(x, back(x));
			take(x, u, 3, true);
			next_seg(x, back(x));
		} else if (c == (unsigned char)end[0]) {
			take(x, u, 1, false);
		} else {
			take_run(x, u, false, (unsigned char)end[0], (unsigned char)end[0]);
		}
		return true;
	}
	case TOPC_MASK_L_PI_TARGET:
	case TOPC_MASK_L_PI:
		/* a processing instruction: its target a name, its data any
		 * text up to the first "?>" (quotes in it pair with nothing) */
		if (starts(x, "?>")) {
			if (x->state == TOPC_MASK_L_PI)
				next_seg(x, back(x));
			take(x, u, 2, true);
			next_seg(x, back(x));
		} else if (x->state == TOPC_MASK_L_PI_TARGET && (space(c) || name_byte(c))) {
			take(x, u, 1, true);
			if (space(c))
				next_seg(x, TOPC_MASK_L_PI);
		} else if (x->state == TOPC_MASK_L_PI_TARGET) {
			/* no name goes on so ("<?>x", "<?q=v"): no well-formed
			 * PI, the rest up to ?> its data, masked as text is */
			next_seg(x, TOPC_MASK_L_PI);
			return lex_xml(x, u);
		} else if (c == '?') {
			take(x, u, 1, false);
		} else {
			take_run(x, u, false, '?', '?');
		}
		return true;
	case TOPC_MASK_L_DECL:
	case TOPC_MASK_L_LIT:
	case TOPC_MASK_L_LIT_TAG:
	case TOPC_MASK_L_LIT_ATTR:
		lex_decl(x, u);
		return true;
	case TOPC_MASK_L_TAG:
		if (x->after_eq && !space(c) && c != '>' && c != '"' && c != '\'') {
			next_seg(x, TOPC_MASK_L_UNQUOTED); /* HTML's href=value */
			return lex_xml(x, u);
		}
		take(x, u, 1, true);
		if (c == '>') {
			next_seg(x, TOPC_MASK_L_TEXT);
		} else if (c == '"' || c == '\'') {
			x->quote = c;
			next_seg(x, TOPC_MASK_L_ATTR);
		} else if (!space(c)) {
			x->after_eq = c == '=';
		}
		return true;
	case TOPC_MASK_L_ATTR:
		if (c == x->quote) {
			x->after_eq = false;
			next_seg(x, TOPC_MASK_L_TAG);
			take(x, u, 1, true);
			return true;
		}
		if (c != '&') {
			take_run(x, u, false, x->quote, '&');
			return true;
		}
		break;
	case TOPC_MASK_L_UNQUOTED:
		if (space(c) || c == '>') {
			x->after_eq = false;
			next_seg(x, TOPC_MASK_L_TAG);
			return lex_xml(x, u);
		}
		break;
	default: /* TOPC_MASK_L_TEXT */
		if (c == '<') {
			open_markup(x, u);
			return true;
		}
		if (c != '&') {
			take_run(x, u, false, '<', '&');
			return true;
		}
		break;
	}
	if (c == '&')
		take_escape(x, u, false);
	else
		take(x, u, 1, false);
	return true;
}

bool topc_mask_lex(struct topc_mask_lexer *x, struct topc_mask_unit *u)
{
	if (x->at >= x->n)
		return false;
	if (x->doc == TOPC_MASK_DOC_JSON)
		return lex_json(x, u);
	if (x->doc == TOPC_MASK_DOC_XML)
		return lex_xml(x, u);
	if (x->t[x->at] == '\\')
		take_escape(x, u, true);
	else if (x->t[x->at] == '&')
		take_escape(x, u, false);
	else
		take_run(x, u, false, '\\', '&');
	return true;
}

/* The whole of t[i, n) one JSON number, true, false or null: a document
 * of its own (the validator takes a bare scalar), whose digits are its
 * syntax as a number's inside an object are. */
static bool bare_scalar(const char *t, size_t i, size_t n)
{
	static const char *const words[] = {"true", "false", "null"};
	size_t len;

	for (size_t w = 0; w < 3; w++)
		if (n - i == strlen(words[w]) && memcmp(t + i, words[w], n - i) == 0)
			return true;
	return topc_number_json(t + i, n - i, &len) && len == n - i;
}

enum topc_mask_doc topc_mask_doc_of(const char *text, size_t n)
{
	size_t i = n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0, end = n;

	/* the bytes up to ' ' the SDK's validator trims (String.trim, as
	 * topc_json_check): "\0\0{...}" is a JSON answer, and a secret in it
	 * masked as in text would break its syntax */
	while (i < n && (unsigned char)text[i] <= ' ')
		i++;
	while (end > i && (unsigned char)text[end - 1] <= ' ')
		end--;
	if (i < n && (text[i] == '{' || text[i] == '[' || text[i] == '"'))
		return TOPC_MASK_DOC_JSON;
	if (i < n && text[i] == '<')
		return TOPC_MASK_DOC_XML;
	return i < end && bare_scalar(text, i, end) ? TOPC_MASK_DOC_JSON : TOPC_MASK_DOC_TEXT;
}

/* A match that is only bytes the document's syntax is made of (a JSON
 * number, an XML tag's name) is left as it is: the label there would
 * change how the answer parses.  Anything else there is no well-formed
 * document, and is masked. */
bool topc_mask_only_syntax(enum topc_mask_doc doc, bool decl, const unsigned char *s, size_t n)
{
	/* a DOCTYPE's content models and parameter entities ("(a|b)*",
	 * "%e;") are its syntax; none of those bytes is in a tag's name, so
	 * there a match holding one is no well-formed name, and is masked */
	const char *set = doc == TOPC_MASK_DOC_JSON ? "0123456789+-.eEtrufalsn{}[]:,\" \t\r\n"
			  : decl		    ? "-._:<>/?!=\"'[]()|,*+%;# \t\r\n"
						    : "-._:<>/?!=\"'[] \t\r\n";

	for (size_t i = 0; i < n; i++) {
		bool name = doc == TOPC_MASK_DOC_XML &&
			    ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			     (s[i] >= '0' && s[i] <= '9') || s[i] >= 0x80);
		if (!name && (!s[i] || !strchr(set, s[i])))
			return false;
	}
	return true;
}
