#include "base/mask.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

#define ROLL_BASE 0x100000001b3ULL
#define CHECK_SEED 0x6a09e667f3bcc909ULL
#define SPELLING_MAX 1024 /* longer values are masked raw only */

static uint64_t roll_hash(const unsigned char *s, size_t len)
{
	uint64_t h = 0;

	for (size_t i = 0; i < len; i++)
		h = h * ROLL_BASE + s[i];
	return h;
}

/* FNV-1a from another seed: a family unrelated to the rolling one. */
static uint64_t check_hash(const unsigned char *s, size_t len)
{
	uint64_t h = CHECK_SEED;

	for (size_t i = 0; i < len; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

void topc_mask_init(struct topc_mask *m)
{
	memset(m, 0, sizeof(*m));
}

static bool add_print(struct topc_mask *m, const char *value, size_t len, const char *label)
{
	struct topc_mask_print p;

	if (len < TOPC_MASK_MIN)
		return true;
	p.len = len;
	p.roll = roll_hash((const unsigned char *)value, len);
	p.check = check_hash((const unsigned char *)value, len);
	p.head = (uint16_t)(roll_hash((const unsigned char *)value + len - TOPC_MASK_MIN,
				      TOPC_MASK_MIN) >>
			    48);
	p.label = label;
	for (size_t i = 0; i < m->count; i++)
		if (m->prints[i].len == p.len && m->prints[i].roll == p.roll &&
		    m->prints[i].check == p.check)
			return true;
	if (m->count == TOPC_MASK_MAX)
		return false;
	m->prints[m->count++] = p;
	return true;
}

/* Spellings are built in a fixed array and wiped after use. */
struct spelling {
	char text[SPELLING_MAX * 3 + 1];
	size_t len;
	bool full;
};

static void put(struct spelling *s, const char *text, size_t n)
{
	if (s->full || s->len + n >= sizeof(s->text)) {
		s->full = true;
		return;
	}
	memcpy(s->text + s->len, text, n);
	s->len += n;
}

static void put_hex(struct spelling *s, const char *prefix, unsigned v, int digits, bool upper)
{
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char out[8];

	put(s, prefix, strlen(prefix));
	for (int i = 0; i < digits; i++)
		out[i] = hex[(v >> (4 * (digits - 1 - i))) & 0xf];
	put(s, out, (size_t)digits);
}

static void wipe(struct spelling *s)
{
	volatile char *p = s->text;

	for (size_t i = 0; i < sizeof(s->text); i++)
		p[i] = 0;
}

/* Form encoding as libcurl and the SDKs write it: unreserved bytes as they
 * are, the rest %XX; plus for space when plus is set. */
static void spell_form(struct spelling *s, const char *v, bool plus)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			put(s, (const char *)p, 1);
		else if (plus && *p == ' ')
			put(s, "+", 1);
		else
			put_hex(s, "%", *p, 2, true);
	}
}

bool topc_mask_add_secret(struct topc_mask *m, const char *value, const char *label)
{
	struct spelling *s;
	bool ok;

	if (!value)
		return true;
	/* JSON and XML spellings are decoded in the answer (topc_mask_apply),
	 * so the value itself stands for all of them */
	ok = add_print(m, value, strlen(value), label);
	if (strlen(value) > SPELLING_MAX || !(s = malloc(sizeof(*s))))
		return ok;
	for (int kind = 0; kind < 2; kind++) {
		s->len = 0;
		s->full = false;
		spell_form(s, value, kind == 1);
		if (!s->full)
			ok = add_print(m, s->text, s->len, label) && ok;
	}
	wipe(s);
	free(s);
	return ok;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool topc_mask_add_basic(struct topc_mask *m, const char *user, size_t user_len,
			 const char *password, size_t password_len, const char *label)
{
	size_t n = user_len + 1 + password_len, o = 0;
	unsigned char *pair = malloc(n + 1);
	char *enc = malloc((n + 2) / 3 * 4 + 1);
	bool ok = pair && enc;

	if (ok) {
		memcpy(pair, user, user_len);
		pair[user_len] = ':';
		memcpy(pair + user_len + 1, password, password_len);
		for (size_t i = 0; i < n; i += 3) {
			uint32_t v = (uint32_t)pair[i] << 16 |
				     (i + 1 < n ? (uint32_t)pair[i + 1] << 8 : 0) |
				     (i + 2 < n ? pair[i + 2] : 0);
			enc[o++] = b64[v >> 18];
			enc[o++] = b64[(v >> 12) & 63];
			enc[o++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
			enc[o++] = i + 2 < n ? b64[v & 63] : '=';
		}
		enc[o] = '\0';
		pair[n] = '\0';
		ok = add_print(m, enc, o, label);
		ok = topc_mask_add_secret(m, (const char *)pair + user_len + 1, label) && ok;
	}
	if (pair)
		memset(pair, 0, n);
	if (enc)
		memset(enc, 0, o);
	free(pair);
	free(enc);
	return ok;
}

/* Where a URL's userinfo is: [*user, *at) with *colon inside it, or false. */
static bool find_userinfo(const char *url, size_t *user, size_t *colon, size_t *at)
{
	const char *scheme = strstr(url, "://"), *start = url, *end, *sep = NULL, *c;

	if (scheme && (size_t)(scheme - url) < strcspn(url, "/?#@"))
		start = scheme + 3;
	end = start + strcspn(start, "/?#");
	for (const char *p = start; p < end; p++)
		if (*p == '@')
			sep = p;
	if (!sep)
		return false;
	c = memchr(start, ':', (size_t)(sep - start));
	*user = (size_t)(start - url);
	*colon = c ? (size_t)(c - url) : (size_t)(sep - url);
	*at = (size_t)(sep - url);
	return true;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes in place (libcurl sends the decoded pair); returns the
 * new length. */
static size_t url_decode(char *s, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hex_value(s[i + 1]) >= 0 &&
		    hex_value(s[i + 2]) >= 0) {
			s[o++] = (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
			i += 2;
		} else {
			s[o++] = s[i];
		}
	}
	return o;
}

bool topc_mask_add_url(struct topc_mask *m, const char *url, const char *label)
{
	size_t user, colon, at, ul, pl;
	char *copy;
	bool ok;

	if (!url || !find_userinfo(url, &user, &colon, &at) || colon == at)
		return true;
	copy = strdup(url);
	if (!copy)
		return false;
	copy[at] = '\0';
	ok = topc_mask_add_secret(m, copy + colon + 1, label); /* as written */
	ul = url_decode(copy + user, colon - user);
	pl = url_decode(copy + colon + 1, at - colon - 1);
	ok = topc_mask_add_basic(m, copy + user, ul, copy + colon + 1, pl, label) && ok;
	memset(copy, 0, strlen(url));
	free(copy);
	return ok;
}

char *topc_mask_url(const char *url)
{
	size_t user, colon, at;
	char *shown;

	if (!url)
		return NULL;
	if (!find_userinfo(url, &user, &colon, &at) || colon == at)
		return strdup(url);
	(void)user;
	shown = malloc(strlen(url) + 4);
	if (!shown)
		return NULL;
	memcpy(shown, url, colon + 1);
	memcpy(shown + colon + 1, "***", 3);
	memcpy(shown + colon + 4, url + at, strlen(url + at) + 1);
	return shown;
}

/* ------------------------------------------------------------------ */
/* Applying.  A lexer cuts the text into units: a byte, or an escape of a
 * JSON string ("\u0026", a surrogate pair) or an entity of XML ("&lt;")
 * with what it stands for, each unit in a segment: one JSON string's
 * content, one XML text, attribute value, comment or CDATA section, or a
 * run of the document's own syntax between them.  The units' bytes (decoded
 * in one pass, as written in the other) go through a rolling hash of
 * TOPC_MASK_MIN bytes whose top bits are looked up in a table of the prints'
 * tails; only a hit costs a hash of the whole candidate, kept in a ring of
 * the last bytes.  A match covers whole units of one segment, so its label
 * ("***session***": no quote, backslash, < or &) leaves the document
 * parsing as before. */

#define HEAD_BITS 16
#define UNIT_MAX 16 /* the longest escape or entity read as one unit */

enum doc { DOC_TEXT, DOC_JSON, DOC_XML };
enum lex_state { L_OUT, L_STR, L_TEXT, L_TAG, L_ATTR, L_UNQUOTED, L_COMMENT, L_CDATA };

struct lexer {
	const unsigned char *t;
	size_t n, at;
	enum doc doc;
	enum lex_state state;
	unsigned char quote;
	bool after_eq, decode;
	uint32_t seg;
};

struct unit {
	size_t start, end; /* in the text */
	unsigned char bytes[UNIT_MAX];
	size_t len;
	uint32_t seg;
	bool syntax; /* the document's own syntax, not a string or text */
};

static unsigned head_of(uint64_t roll)
{
	return (unsigned)(roll >> (64 - HEAD_BITS));
}

/* A JSON escape at s: its length (0: none), what it stands for in out. */
static size_t json_escape(const unsigned char *s, size_t n, unsigned char *out, size_t *len)
{
	static const char names[] = "\"\\/bfnrt", values[] = "\"\\/\b\f\n\r\t";
	const char *at;
	long cp, low;

	if (n < 2 || s[0] != '\\')
		return 0;
	if (s[1] && (at = strchr(names, s[1])) != NULL) {
		out[0] = (unsigned char)values[at - names];
		*len = 1;
		return 2;
	}
	*len = 0; /* not an escape JSON knows: the two bytes kept as written */
	if (s[1] != 'u' || n < 6 || (cp = topc_utf8_hex4((const char *)s + 2)) < 0)
		return s[1] >= 0x80 ? 1 : 2; /* never half a character */
	if (cp >= 0xd800 && cp < 0xdc00 && n >= 12 && s[6] == '\\' && s[7] == 'u' &&
	    (low = topc_utf8_hex4((const char *)s + 8)) >= 0xdc00 && low < 0xe000) {
		*len = topc_utf8_put((uint32_t)(0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00)),
				     (char *)out);
		return 12;
	}
	if (cp >= 0xd800 && cp < 0xe000) {
		*len = 0; /* a lone surrogate stands for no UTF-8: kept as written */
		return 6;
	}
	*len = topc_utf8_put((uint32_t)cp, (char *)out);
	return 6;
}

/* An XML entity or character reference at s, as json_escape. */
static size_t xml_entity(const unsigned char *s, size_t n, unsigned char *out, size_t *len)
{
	static const char *const names[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
	static const char chars[] = "&<>\"'";
	const unsigned char *semi = memchr(s, ';', n < UNIT_MAX ? n : UNIT_MAX);
	uint32_t cp = 0;
	size_t i = 2;
	bool hex;

	if (!semi || s[0] != '&')
		return 0;
	for (size_t k = 0; k < 5; k++)
		if ((size_t)(semi - s) + 1 == strlen(names[k]) &&
		    memcmp(s, names[k], strlen(names[k])) == 0) {
			out[0] = (unsigned char)chars[k];
			*len = 1;
			return strlen(names[k]);
		}
	if (s[1] != '#')
		return 0;
	hex = s + 2 < semi && (s[2] == 'x' || s[2] == 'X');
	i += hex;
	if (s + i == semi)
		return 0;
	for (; s + i < semi; i++) {
		int d =
		    hex ? hex_value((char)s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
		if (d < 0 || cp > 0x10ffff)
			return 0;
		cp = cp * (hex ? 16 : 10) + (uint32_t)d;
	}
	if (!cp || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
		return 0;
	*len = topc_utf8_put(cp, (char *)out);
	return i + 1;
}

static bool starts(const struct lexer *x, const char *s)
{
	size_t n = strlen(s);

	return x->n - x->at >= n && memcmp(x->t + x->at, s, n) == 0;
}

static bool space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A unit of n bytes of the text as they are. */
static void take(struct lexer *x, struct unit *u, size_t n, bool syntax)
{
	u->start = x->at;
	u->end = x->at + n;
	u->len = n;
	memcpy(u->bytes, x->t + x->at, n);
	u->seg = x->seg;
	u->syntax = syntax;
	x->at += n;
}

/* An escape (json) or entity (!json) at the cursor, decoded or as written;
 * a lone byte when there is none. */
static void take_escape(struct lexer *x, struct unit *u, bool json)
{
	unsigned char dec[4];
	size_t dlen = 0, n = json ? json_escape(x->t + x->at, x->n - x->at, dec, &dlen)
				  : xml_entity(x->t + x->at, x->n - x->at, dec, &dlen);

	take(x, u, n ? n : 1, false);
	if (n && dlen && x->decode) {
		memcpy(u->bytes, dec, dlen);
		u->len = dlen;
	}
}

/* A new segment starts: the next unit's. */
static void next_seg(struct lexer *x, enum lex_state to)
{
	x->seg++;
	x->state = to;
}

static bool lex_json(struct lexer *x, struct unit *u)
{
	unsigned char c = x->t[x->at];

	if (x->state == L_OUT) {
		take(x, u, 1, true);
		if (c == '"')
			next_seg(x, L_STR);
	} else if (c == '"') {
		next_seg(x, L_OUT);
		take(x, u, 1, true);
	} else if (c == '\\') {
		take_escape(x, u, true);
	} else {
		take(x, u, 1, false);
	}
	return true;
}

static bool lex_xml(struct lexer *x, struct unit *u)
{
	unsigned char c = x->t[x->at];

	switch (x->state) {
	case L_COMMENT:
	case L_CDATA: {
		const char *end = x->state == L_COMMENT ? "-->" : "]]>";
		if (starts(x, end)) {
			next_seg(x, L_TEXT);
			take(x, u, 3, true);
			next_seg(x, L_TEXT);
		} else {
			take(x, u, 1, false);
		}
		return true;
	}
	case L_TAG:
		if (x->after_eq && !space(c) && c != '>' && c != '"' && c != '\'') {
			next_seg(x, L_UNQUOTED); /* HTML's href=value */
			return lex_xml(x, u);
		}
		take(x, u, 1, true);
		if (c == '>') {
			next_seg(x, L_TEXT);
		} else if (c == '"' || c == '\'') {
			x->quote = c;
			next_seg(x, L_ATTR);
		} else if (!space(c)) {
			x->after_eq = c == '=';
		}
		return true;
	case L_ATTR:
		if (c == x->quote) {
			x->after_eq = false;
			next_seg(x, L_TAG);
			take(x, u, 1, true);
			return true;
		}
		break;
	case L_UNQUOTED:
		if (space(c) || c == '>') {
			x->after_eq = false;
			next_seg(x, L_TAG);
			return lex_xml(x, u);
		}
		break;
	default: /* L_TEXT */
		if (c == '<') {
			size_t n = starts(x, "<!--") ? 4 : starts(x, "<![CDATA[") ? 9 : 1;
			/* the opening is syntax; a comment's or CDATA's content is
			 * a segment of its own, a tag goes on in this one */
			next_seg(x, n == 4 ? L_COMMENT : n == 9 ? L_CDATA : L_TAG);
			x->after_eq = false;
			take(x, u, n, true);
			if (n != 1)
				x->seg++;
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

static bool lex(struct lexer *x, struct unit *u)
{
	if (x->at >= x->n)
		return false;
	if (x->doc == DOC_JSON)
		return lex_json(x, u);
	if (x->doc == DOC_XML)
		return lex_xml(x, u);
	if (x->t[x->at] == '\\')
		take_escape(x, u, true);
	else if (x->t[x->at] == '&')
		take_escape(x, u, false);
	else
		take(x, u, 1, false);
	return true;
}

static enum doc doc_of(const char *text, size_t n)
{
	size_t i = n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	while (i < n && space((unsigned char)text[i]))
		i++;
	if (i < n && (text[i] == '{' || text[i] == '['))
		return DOC_JSON;
	if (i < n && text[i] == '<')
		return DOC_XML;
	return DOC_TEXT;
}

/* A match that is only bytes the document's syntax is made of (a JSON
 * number, an XML tag's name) is left as it is: the label there would
 * change how the answer parses.  Anything else there is no well-formed
 * document, and is masked. */
static bool only_syntax(enum doc doc, const unsigned char *s, size_t n)
{
	const char *set =
	    doc == DOC_JSON ? "0123456789+-.eEtrufalsn{}[]:,\" \t\r\n" : "-._:<>/?!=\"'[] \t\r\n";

	for (size_t i = 0; i < n; i++) {
		bool name = doc == DOC_XML &&
			    ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			     (s[i] >= '0' && s[i] <= '9') || s[i] >= 0x80);
		if (!name && (!s[i] || !strchr(set, s[i])))
			return false;
	}
	return true;
}

struct found {
	size_t start, end;
	const char *label;
};

struct cell {
	size_t start, end; /* the unit this byte is of */
	uint32_t seg;
	bool syntax;
	unsigned char byte;
};

struct scan {
	const struct topc_mask *m;
	const unsigned char *text;
	size_t n;
	enum doc doc;
	uint64_t table[(1u << HEAD_BITS) / 64];
	uint64_t top; /* ROLL_BASE^(TOPC_MASK_MIN-1), to drop the oldest byte */
	struct cell *ring;
	size_t size; /* a power of two, at least the longest print */
	struct found *found;
	size_t count, alloc;
	bool nomem;
};

static bool scan_init(struct scan *s, const struct topc_mask *m, const char *text, size_t n,
		      enum doc doc)
{
	size_t longest = TOPC_MASK_MIN + 1;

	memset(s, 0, sizeof(*s));
	s->m = m;
	s->text = (const unsigned char *)text;
	s->n = n;
	s->doc = doc;
	for (size_t j = 0; j < m->count; j++) {
		s->table[m->prints[j].head / 64] |= (uint64_t)1 << (m->prints[j].head % 64);
		longest = m->prints[j].len > longest ? m->prints[j].len : longest;
	}
	s->top = 1;
	for (int i = 1; i < TOPC_MASK_MIN; i++)
		s->top *= ROLL_BASE;
	for (s->size = 16; s->size < longest; s->size *= 2)
		;
	s->ring = malloc(s->size * sizeof(*s->ring));
	return s->ring != NULL;
}

static void scan_release(struct scan *s)
{
	if (s->ring)
		memset(s->ring, 0, s->size * sizeof(*s->ring));
	free(s->ring);
	free(s->found);
}

static void add_found(struct scan *s, size_t start, size_t end, const char *label)
{
	if (s->count == s->alloc) {
		size_t alloc = s->alloc ? s->alloc * 2 : 16;
		struct found *f = realloc(s->found, alloc * sizeof(*f));
		if (!f) {
			s->nomem = true;
			return;
		}
		s->found = f;
		s->alloc = alloc;
	}
	s->found[s->count++] = (struct found){start, end, label};
}

/* The prints that end with the byte just put at ring position `pushed`. */
static void match_end(struct scan *s, unsigned head, size_t pushed)
{
	const struct cell *last = &s->ring[(pushed - 1) & (s->size - 1)];

	for (size_t j = 0; j < s->m->count; j++) {
		const struct topc_mask_print *p = &s->m->prints[j];
		const struct cell *first;
		uint64_t roll = 0, check = CHECK_SEED;
		if (p->head != head || p->len > pushed)
			continue;
		for (size_t k = pushed - p->len; k < pushed; k++) {
			unsigned char b = s->ring[k & (s->size - 1)].byte;
			roll = roll * ROLL_BASE + b;
			check = (check ^ b) * 0x100000001b3ULL;
		}
		if (roll != p->roll || check != p->check)
			continue;
		first = &s->ring[(pushed - p->len) & (s->size - 1)];
		if (first->seg != last->seg ||
		    (first->syntax && s->doc != DOC_TEXT &&
		     only_syntax(s->doc, s->text + first->start, last->end - first->start)))
			continue; /* across a string's end, or the document's syntax */
		add_found(s, first->start, last->end, p->label);
	}
}

static void scan_pass(struct scan *s, bool decode)
{
	struct lexer x = {s->text, s->n,  0,	  s->doc, s->doc == DOC_JSON ? L_OUT : L_TEXT,
			  0,	   false, decode, 0};
	struct unit u;
	size_t pushed = 0;
	uint64_t roll = 0;

	while (!s->nomem && lex(&x, &u)) {
		for (size_t i = 0; i < u.len; i++) {
			struct cell *c = &s->ring[pushed & (s->size - 1)];
			unsigned head;
			if (pushed >= TOPC_MASK_MIN)
				roll -=
				    s->ring[(pushed - TOPC_MASK_MIN) & (s->size - 1)].byte * s->top;
			roll = roll * ROLL_BASE + u.bytes[i];
			*c = (struct cell){u.start, u.end, u.seg, u.syntax, u.bytes[i]};
			pushed++;
			head = head_of(roll);
			if (pushed >= TOPC_MASK_MIN && ((s->table[head / 64] >> (head % 64)) & 1))
				match_end(s, head, pushed);
		}
	}
}

static int by_start(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* Every match, leftmost and longest first; false when out of memory. */
static bool scan_text(struct scan *s, const struct topc_mask *m, const char *text, size_t n,
		      enum doc doc)
{
	if (!scan_init(s, m, text, n, doc))
		return false;
	scan_pass(s, true);
	if (memchr(text, '\\', n) || memchr(text, '&', n))
		scan_pass(s, false); /* the spellings as written: a raw "\n" in a value */
	if (s->nomem)
		return false;
	if (s->count > 1)
		qsort(s->found, s->count, sizeof(*s->found), by_start);
	return true;
}

enum topc_status topc_mask_apply(const struct topc_mask *m, struct topc_buf *text)
{
	struct topc_buf out;
	struct scan *s;
	size_t kept = 0, room = 0;
	bool ok = true;

	if (!m || !m->count || text->len < TOPC_MASK_MIN)
		return TOPC_OK;
	if (!(s = malloc(sizeof(*s))) ||
	    !scan_text(s, m, text->data, text->len, doc_of(text->data, text->len))) {
		if (s)
			scan_release(s);
		free(s);
		topc_buf_wipe(text);
		text->failed = true;
		return TOPC_ERR_NOMEM;
	}
	if (!s->count) {
		scan_release(s);
		free(s);
		return TOPC_OK;
	}
	for (size_t i = 0; i < s->count; i++)
		room += strlen(s->found[i].label);
	/* a label can be longer than a short value: room beyond the cap */
	topc_buf_init(&out, text->cap + room);
	for (size_t i = 0; ok && i < s->count; i++) {
		const struct found *f = &s->found[i];
		if (f->end <= kept)
			continue;
		if (f->start < kept) { /* overlapping: masked as one */
			kept = f->end;
			continue;
		}
		ok = topc_buf_add(&out, text->data + kept, f->start - kept) == TOPC_OK &&
		     topc_buf_adds(&out, f->label) == TOPC_OK;
		kept = f->end;
	}
	ok = ok && topc_buf_add(&out, text->data + kept, text->len - kept) == TOPC_OK;
	scan_release(s);
	free(s);
	if (!ok) {
		topc_buf_release(&out);
		topc_buf_wipe(text);
		text->failed = true;
		return TOPC_ERR_NOMEM;
	}
	out.cap = out.cap > text->cap ? out.cap : text->cap;
	topc_buf_wipe(text);
	*text = out;
	return TOPC_OK;
}

const char *topc_mask_holds(const struct topc_mask *m, const char *text)
{
	struct scan *s;
	const char *label = NULL;
	size_t n = text ? strlen(text) : 0;

	if (!m || !m->count || n < TOPC_MASK_MIN || !(s = malloc(sizeof(*s))))
		return NULL;
	if (scan_text(s, m, text, n, DOC_TEXT) && s->count)
		label = s->found[0].label;
	scan_release(s);
	free(s);
	return label;
}

void topc_mask_apply_str(const struct topc_mask *m, char *s, size_t size)
{
	struct topc_buf b;
	size_t n;

	if (!m || !m->count || !size)
		return;
	topc_buf_init(&b, 0);
	if (topc_buf_adds(&b, s) != TOPC_OK || topc_mask_apply(m, &b) != TOPC_OK) {
		s[0] = '\0'; /* never the unmasked text */
		topc_buf_wipe(&b);
		return;
	}
	n = b.len < size - 1 ? b.len : size - 1;
	while (n && n < b.len && ((unsigned char)b.data[n] & 0xc0) == 0x80)
		n--; /* not inside a character */
	memcpy(s, b.data ? b.data : "", n);
	s[n] = '\0';
	topc_buf_wipe(&b);
}
