/* json_scan.c - the strict scanner: is a text JSON, and its scalars as
 * written (ext/json_scan.h). */
#include "ext/json_scan.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/number.h"
#include "base/utf8.h"
#include "ext/json.h"

/* The scanner: one strict pass over the text as RFC 8259 writes JSON (the
 * SDK's JSONValidator reads the same grammar and refuses trailing text with
 * "expected end"; like it, and unlike the RFC, raw control characters in a
 * string are taken).  It says where and what it expected when the text is not
 * JSON, and hands each scalar's literal text to a visitor: numbers keep the
 * digits they were written with, which no double can hold past 2^53. */

#define SCAN_DEPTH_MAX 1000 /* cJSON's own nesting limit */
#define LEAF_DEPTH_MAX 64   /* deeper containers are one leaf, their text */

enum topc_status topc_json_scan_add_utf8(struct topc_buf *out, unsigned long cp)
{
	char u[4];

	return topc_buf_add(out, u, topc_utf8_put((uint32_t)cp, u));
}

/* Eight bytes at a time (the bit tricks of "Bit Twiddling Hacks": a word has
 * a zero byte, a byte below n), so a 40 MB string costs a few milliseconds;
 * a word that may hold one is looked at byte by byte. */
size_t topc_json_scan_run(const char *s, size_t i, size_t len, bool controls)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;

	while (i + 8 <= len) {
		uint64_t w, q, b, found;
		memcpy(&w, s + i, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		found = ((q - ones) & ~q) | ((b - ones) & ~b);
		if (controls)
			found |= (w - ones * ' ') & ~w;
		if (found & highs)
			break;
		i += 8;
	}
	while (i < len && s[i] != '"' && s[i] != '\\' && !(controls && (unsigned char)s[i] < ' '))
		i++;
	return i;
}

/* The escape at lit[run] (the scanner took it, lit[0..end) the string's
 * content) decoded onto out, *next where the text goes on: a lone surrogate
 * as U+FFFD; with tree \u0000 as its six characters, as the tree reader
 * reads it (json.c's for_cjson). */
static enum topc_status decode_escape(const char *lit, size_t run, size_t end, bool tree,
				      struct topc_buf *out, size_t *next)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	char e = lit[run + 1];

	*next = run + 2;
	if (e == 'u') {
		size_t used = 2; /* the scanner took the escape: never -1 */
		long cp = topc_utf8_json_escape(lit + run, end - run, &used);
		*next = run + used;
		if (tree && cp == 0)
			return topc_buf_adds(out, "\\u0000");
		if (cp < 0 || (cp >= 0xD800 && cp < 0xE000))
			cp = 0xFFFD;
		return topc_json_scan_add_utf8(out, (unsigned long)cp);
	}
	return topc_buf_addc(out, to[strchr(from, e) - from]);
}

/* The text of a string literal lit[0..n) (quotes included, already scanned),
 * escapes decoded; a lone surrogate becomes U+FFFD. */
static enum topc_status decode_string(const char *lit, size_t n, struct topc_buf *out)
{
	enum topc_status st = TOPC_OK;
	size_t i = 1, end = n - 1;

	while (i < end && st == TOPC_OK) {
		size_t run = i;
		while (run < end && lit[run] != '\\')
			run++;
		st = topc_buf_add(out, lit + i, run - i);
		if (st != TOPC_OK || run >= end)
			break;
		st = decode_escape(lit, run, end, false, out, &i);
	}
	return st;
}

/* s[0..n) as a JSON string literal, written as cJSON writes one (\" \\ \b
 * \f \n \r \t, other control characters \u00xx, the rest as is); a NUL
 * byte is \u0000, never the end of the text. */
enum topc_status topc_json_scan_quote(struct topc_buf *out, const char *s, size_t n)
{
	enum topc_status st = topc_buf_addc(out, '"');

	for (size_t i = 0; i < n && st == TOPC_OK; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = c == '"'    ? "\\\""
				: c == '\\' ? "\\\\"
				: c == '\b' ? "\\b"
				: c == '\f' ? "\\f"
				: c == '\n' ? "\\n"
				: c == '\r' ? "\\r"
				: c == '\t' ? "\\t"
					    : NULL;
		if (e)
			st = topc_buf_adds(out, e);
		else if (c < 0x20)
			st = topc_buf_addf(out, "\\u%04x", c);
		else
			st = topc_buf_addc(out, (char)c);
	}
	return st == TOPC_OK ? topc_buf_addc(out, '"') : st;
}

/* path cut back to mark, then ".name" (or "name" at the root), the member
 * name decoded */
static enum topc_status path_key(struct topc_buf *path, size_t mark, const char *lit, size_t n)
{
	path->len = mark;
	if (path->data)
		path->data[mark] = '\0';
	if (mark && topc_buf_addc(path, '.') != TOPC_OK)
		return TOPC_ERR_NOMEM;
	return decode_string(lit, n, path);
}

struct scan;
/* A scalar (or a container past LEAF_DEPTH_MAX) at s[from..to); false stops
 * the scan with sc->stopped set. */
typedef bool (*scan_leaf_fn)(struct scan *sc, size_t from, size_t to, char kind);

struct scan {
	const char *s;
	size_t n, i;
	unsigned depth;
	const char *want; /* what was expected at i, when the scan failed */
	scan_leaf_fn leaf;
	struct topc_buf *path; /* kept for the visitor when not NULL */
	void *ctx;
	bool numbers_only; /* visit numbers, path or not */
	bool stopped;
	enum topc_status st; /* the visitor's failure */
	/* topc_json_outline: the items read so far, the object whose members
	 * are being recorded (0: none, the root is never a member), the last
	 * member name's literal */
	struct topc_json_outline *outline;
	unsigned outline_depth;
	size_t parent, key, key_len;
};

static void scan_ws(struct scan *sc)
{
	while (sc->i < sc->n && topc_json_space(sc->s[sc->i]))
		sc->i++;
}

static bool scan_fail(struct scan *sc, const char *want)
{
	sc->want = want;
	return false;
}

static bool scan_string(struct scan *sc)
{
	sc->i++; /* the opening quote */
	for (;;) {
		/* a run of plain bytes at once: long strings are most of a big
		 * answer.  A raw control character is taken, as the SDK's
		 * JSONValidator takes it (RFC 8259 would not): the SDK reads such
		 * an answer */
		const char *p;
		sc->i = topc_json_scan_run(sc->s, sc->i, sc->n, false);
		p = sc->s + sc->i;
		if (sc->i >= sc->n)
			return scan_fail(sc, N_("'\"' to close the string"));
		if (*p == '"') {
			sc->i++;
			return true;
		}
		if (++sc->i >= sc->n)
			return scan_fail(
			    sc, N_("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"));
		switch (sc->s[sc->i]) {
		case '"':
		case '\\':
		case '/':
		case 'b':
		case 'f':
		case 'n':
		case 'r':
		case 't':
			sc->i++;
			break;
		case 'u':
			sc->i++;
			for (int k = 0; k < 4; k++, sc->i++)
				if (sc->i >= sc->n || topc_number_hex_digit(sc->s[sc->i]) < 0)
					return scan_fail(sc, N_("four hex digits after \\u"));
			break;
		default:
			sc->i--; /* at the backslash, as Python and the SDK say */
			return scan_fail(
			    sc, N_("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"));
		}
	}
}

static bool scan_number(struct scan *sc)
{
	size_t len;
	bool ok = topc_number_json(sc->s + sc->i, sc->n - sc->i, &len);

	sc->i += len;
	return ok || scan_fail(sc, N_("a digit"));
}

static bool scan_word(struct scan *sc, const char *word)
{
	for (const char *w = word; *w; w++, sc->i++)
		if (sc->i >= sc->n || sc->s[sc->i] != *w)
			return scan_fail(sc, word[0] == 't'   ? "true"
					     : word[0] == 'f' ? "false"
							      : "null");
	return true;
}

static bool scan_value(struct scan *sc);

static bool visit(struct scan *sc, size_t from, char kind)
{
	if (sc->leaf && !sc->leaf(sc, from, sc->i, kind)) {
		sc->stopped = true;
		return false;
	}
	return true;
}

/* a container's members or elements, path extended for each */
static bool scan_container(struct scan *sc)
{
	char close = sc->s[sc->i] == '{' ? '}' : ']';
	size_t from = sc->i, mark = sc->path ? sc->path->len : 0, index = 0;
	struct topc_buf *saved = sc->path;
	bool ok = true;

	if (++sc->depth > SCAN_DEPTH_MAX)
		return scan_fail(sc, N_("less nesting (more than 1000 levels)"));
	if (sc->depth > LEAF_DEPTH_MAX)
		sc->path = NULL; /* one leaf: the container's text */
	sc->i++;
	scan_ws(sc);
	if (sc->i < sc->n && sc->s[sc->i] == close) {
		sc->i++;
		sc->depth--;
		sc->path = saved;
		return !saved || visit(sc, from, close == '}' ? 'o' : 'a');
	}
	for (;;) {
		if (close == '}') {
			size_t key = sc->i;
			if (sc->i >= sc->n || sc->s[sc->i] != '"')
				return scan_fail(sc, N_("'\"' to start a member name"));
			if (!scan_string(sc))
				return false;
			sc->key = key;
			sc->key_len = sc->i - key;
			if (sc->path &&
			    path_key(sc->path, mark, sc->s + key, sc->i - key) != TOPC_OK) {
				sc->st = TOPC_ERR_NOMEM;
				sc->stopped = true;
				return false;
			}
			scan_ws(sc);
			if (sc->i >= sc->n || sc->s[sc->i] != ':')
				return scan_fail(sc, N_("':' after the member name"));
			sc->i++;
		} else if (sc->path) {
			sc->path->len = mark;
			if (topc_buf_addf(sc->path, "[%zu]", index++) != TOPC_OK) {
				sc->st = TOPC_ERR_NOMEM;
				sc->stopped = true;
				return false;
			}
		}
		if (!scan_value(sc))
			return false;
		scan_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == ',') {
			sc->i++;
			scan_ws(sc);
			continue;
		}
		if (sc->i < sc->n && sc->s[sc->i] == close)
			break;
		return scan_fail(sc, close == '}' ? N_("',' or '}'") : N_("',' or ']'"));
	}
	sc->i++;
	sc->depth--;
	if (saved) {
		saved->len = mark;
		if (saved->data)
			saved->data[mark] = '\0';
	}
	sc->path = saved;
	if (sc->depth == LEAF_DEPTH_MAX && saved) /* this one was past the limit */
		ok = visit(sc, from, 'c');
	return ok;
}

static bool outline_value(struct scan *sc, size_t from);

static bool scan_value_at(struct scan *sc, size_t from)
{
	switch (sc->s[sc->i]) {
	case '{':
	case '[':
		return scan_container(sc);
	case '"':
		return scan_string(sc) && (!sc->path || visit(sc, from, 's'));
	case 't':
		return scan_word(sc, "true") && (!sc->path || visit(sc, from, 'w'));
	case 'f':
		return scan_word(sc, "false") && (!sc->path || visit(sc, from, 'w'));
	case 'n':
		return scan_word(sc, "null") && (!sc->path || visit(sc, from, 'w'));
	default:
		if (sc->s[sc->i] == '-' || (sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9'))
			return scan_number(sc) &&
			       (!(sc->path || sc->numbers_only) || visit(sc, from, 'n'));
		return scan_fail(sc, N_("a value (an object, array, string, number, true, false "
					"or null)"));
	}
}

static bool scan_value(struct scan *sc)
{
	scan_ws(sc);
	if (sc->i >= sc->n)
		return scan_fail(sc, N_("a value"));
	if (sc->outline && (sc->depth == 0 || sc->parent))
		return outline_value(sc, sc->i);
	return scan_value_at(sc, sc->i);
}

/* The value at from as an item of the outline, under the object being
 * recorded (sc->parent, its index + 1), and its members too when it is an
 * object within the outline's depth. */
static bool outline_value(struct scan *sc, size_t from)
{
	static const char starts[] = "{[\"tfn";
	static const enum topc_json_type types[] = {TOPC_JSON_OBJECT, TOPC_JSON_ARRAY,
						    TOPC_JSON_STRING, TOPC_JSON_TRUE,
						    TOPC_JSON_FALSE,  TOPC_JSON_NULL};
	struct topc_json_outline *o = sc->outline;
	struct topc_json_item *it = topc_grow(o->items, sizeof(*o->items), o->count, &o->alloc);
	const char *t = memchr(starts, sc->s[from], sizeof(starts) - 1);
	size_t k = o->count, parent = sc->parent;
	bool ok;

	if (!it) {
		sc->st = TOPC_ERR_NOMEM;
		sc->stopped = true;
		return false;
	}
	o->items = it;
	it = &o->items[o->count++];
	memset(it, 0, sizeof(*it));
	it->type = t ? types[t - starts] : TOPC_JSON_NUMBER; /* else scan_value_at refuses it */
	it->at = from;
	if (parent) {
		struct topc_json_item *obj = &o->items[parent - 1];
		it->key = sc->key;
		it->key_len = sc->key_len;
		if (obj->count++)
			o->items[obj->last].next = k;
		else
			obj->first = k;
		obj->last = k;
	}
	sc->parent = it->type == TOPC_JSON_OBJECT && sc->depth < sc->outline_depth ? k + 1 : 0;
	ok = scan_value_at(sc, from);
	sc->parent = parent;
	o->items[k].len = sc->i - from;
	return ok;
}

/* The whole text: one value, nothing after it but white space.  As the
 * SDK's validator does (String.trim), bytes up to ' ' around the text are
 * white space too. */
static bool scan_text(struct scan *sc)
{
	while (sc->n > 0 && (unsigned char)sc->s[sc->n - 1] <= ' ')
		sc->n--;
	while (sc->i < sc->n && (unsigned char)sc->s[sc->i] <= ' ')
		sc->i++;
	if (!scan_value(sc))
		return false;
	scan_ws(sc);
	return sc->i == sc->n || scan_fail(sc, N_("the end of the text after the value"));
}

static void scan_init(struct scan *sc, const char *text, size_t len)
{
	memset(sc, 0, sizeof(*sc));
	sc->s = text;
	sc->n = len;
	sc->st = TOPC_OK;
}

/* Where the scan sc stopped, as a problem (topc_json_check). */
static void scan_problem(const struct scan *sc, bool ok, const char *text, size_t len,
			 struct topc_json_problem *p)
{
	memset(p, 0, sizeof(*p));
	p->offset = ok ? len : sc->i;
	p->at_end = !ok && sc->i >= sc->n;
	p->expected = ok ? "" : sc->want;
	p->line = 1;
	p->column = 1;
	for (size_t i = 0; i < p->offset && i < len; i++) {
		if (text[i] == '\n') {
			p->line++;
			p->column = 1;
		} else {
			p->column++;
		}
	}
}

bool topc_json_check(const char *text, size_t len, struct topc_json_problem *p)
{
	struct scan sc;
	bool ok;

	scan_init(&sc, text, len);
	ok = scan_text(&sc);
	if (p)
		scan_problem(&sc, ok, text, len, p);
	return ok;
}

void topc_json_problem_error(const struct topc_json_problem *p, const char *text, size_t len,
			     struct topc_error *why)
{
	struct topc_error expected;
	unsigned char c = p->offset < len ? (unsigned char)text[p->offset] : 0;

	/* "true", "false" and "null" are JSON's own words: not translated */
	if (p->expected[0] && strcmp(p->expected, "true") && strcmp(p->expected, "false") &&
	    strcmp(p->expected, "null"))
		topc_error_text(&expected, TOPC_ERR_PARSE, p->expected);
	else
		topc_error_set(&expected, TOPC_ERR_PARSE, "%s", p->expected);
	if (p->at_end)
		topc_error_setp(why, TOPC_ERR_PARSE, &expected,
				"it ended early (truncated) after %zu bytes, where %s was expected",
				len, TOPC_PART);
	else if (c > ' ' && c < 0x7F && c != '\'')
		topc_error_setp(why, TOPC_ERR_PARSE, &expected,
				"expected %s at line %zu, column %zu (byte %zu of %zu), found '%c'",
				TOPC_PART, p->line, p->column, p->offset, len, c);
	else
		topc_error_setp(why, TOPC_ERR_PARSE, &expected,
				"expected %s at line %zu, column %zu (byte %zu of %zu), found byte "
				"0x%02X",
				TOPC_PART, p->line, p->column, p->offset, len, c);
}

bool topc_json_valid(const char *text, size_t len, size_t *err_offset)
{
	struct topc_json_problem p;
	bool ok = topc_json_check(text, len, &p);

	if (!ok && err_offset)
		*err_offset = p.offset;
	return ok;
}

struct numbers_ctx {
	topc_json_number_fn fn;
	void *ctx;
};

static bool number_leaf(struct scan *sc, size_t from, size_t to, char kind)
{
	struct numbers_ctx *c = sc->ctx;

	(void)kind;
	return c->fn(sc->s + from, to - from, c->ctx);
}

enum topc_status topc_json_numbers(const char *text, size_t len, topc_json_number_fn fn, void *ctx)
{
	struct numbers_ctx c = {fn, ctx};
	struct scan sc;

	scan_init(&sc, text, len);
	sc.leaf = number_leaf;
	sc.numbers_only = true;
	sc.ctx = &c;
	return scan_text(&sc) || sc.stopped ? TOPC_OK : TOPC_ERR_PARSE;
}

/* ------------------------------------------------------------------ */
/* leaves, for comparing answers field by field: read by the scanner, so a
 * number is its literal text (19 digits stay 19 digits: a change in the last
 * one is a change) */

struct leaves_ctx {
	topc_json_leaf_fn fn;
	void *ctx;
	struct topc_buf value;
};

static bool leaf_visit(struct scan *sc, size_t from, size_t to, char kind)
{
	struct leaves_ctx *c = sc->ctx;
	enum topc_status st;

	topc_buf_reset(&c->value);
	if (kind == 's') {
		struct topc_buf text;
		topc_buf_init(&text, 0);
		st = decode_string(sc->s + from, to - from, &text);
		if (st == TOPC_OK)
			st = topc_json_scan_quote(&c->value, text.data ? text.data : "", text.len);
		topc_buf_release(&text);
	} else if (kind == 'o' || kind == 'a') {
		st = topc_buf_adds(&c->value, kind == 'o' ? "{}" : "[]");
	} else if (kind == 'c') {
		st = topc_json_compact(sc->s + from, to - from, &c->value);
	} else {
		st = topc_buf_add(&c->value, sc->s + from, to - from);
	}
	if (st != TOPC_OK) {
		sc->st = TOPC_ERR_NOMEM;
		return false;
	}
	return c->fn(topc_buf_str(sc->path), topc_buf_str(&c->value), c->ctx);
}

enum topc_status topc_json_leaves(const char *text, size_t len, topc_json_leaf_fn fn, void *ctx)
{
	struct leaves_ctx c = {fn, ctx, {0}};
	struct topc_buf path;
	struct scan sc;
	bool ok;

	if (!topc_json_check(text, len, NULL))
		return TOPC_ERR_PARSE; /* before any leaf: fn sees all or nothing */
	topc_buf_init(&path, 0);
	topc_buf_init(&c.value, 0);
	scan_init(&sc, text, len);
	sc.leaf = leaf_visit;
	sc.path = &path;
	sc.ctx = &c;
	ok = scan_text(&sc);
	topc_buf_release(&path);
	topc_buf_release(&c.value);
	if (sc.stopped)
		return sc.st;
	return ok ? TOPC_OK : TOPC_ERR_PARSE;
}

/* ------------------------------------------------------------------ */
/* the outline: the objects' members a few levels deep, read in the one
 * strict pass, each value kept as its place in the text and read only
 * when asked for */

void topc_json_outline_init(struct topc_json_outline *o)
{
	memset(o, 0, sizeof(*o));
}

void topc_json_outline_release(struct topc_json_outline *o)
{
	free(o->items);
	topc_json_outline_init(o);
}

enum topc_status topc_json_outline_read(struct topc_json_outline *o, const char *text, size_t len,
					unsigned depth, struct topc_json_problem *p)
{
	struct scan sc;
	bool ok;

	topc_json_outline_release(o);
	o->text = text;
	scan_init(&sc, text, len);
	sc.outline = o;
	sc.outline_depth = depth;
	ok = scan_text(&sc);
	if (sc.stopped) {
		topc_json_outline_release(o);
		return sc.st;
	}
	if (!ok) {
		if (p)
			scan_problem(&sc, ok, text, len, p);
		topc_json_outline_release(o);
		return TOPC_ERR_PARSE;
	}
	return TOPC_OK;
}

/* A string literal lit[0..n) (quotes included, scanned) decoded as the tree
 * reader reads it (json.c's for_cjson, then cJSON): a C string, so it ends
 * at a raw NUL byte; \u0000 is the six characters \u0000; a lone surrogate
 * U+FFFD.  false when it is longer than limit bytes (limit 0: any length). */
static bool decode_tree_string(const char *lit, size_t n, size_t limit, struct topc_buf *out,
			       enum topc_status *st)
{
	size_t i = 1, end = n - 1;

	*st = TOPC_OK;
	while (i < end) {
		/* no further than one byte past the limit (which the check below
		 * refuses): a 40 MB string costs its first limit bytes */
		size_t room =
		    limit && end - i > limit - out->len + 1 ? limit - out->len + 1 : end - i;
		const char *stop = memchr(lit + i, '\\', room);
		size_t run = stop ? (size_t)(stop - lit) : i + room;
		const char *nul = memchr(lit + i, '\0', run - i);
		if (nul)
			run = (size_t)(nul - lit);
		if (limit && out->len + (run - i) > limit)
			return false;
		if ((*st = topc_buf_add(out, lit + i, run - i)) != TOPC_OK)
			return true;
		if (nul || run >= end)
			break;
		*st = decode_escape(lit, run, end, true, out, &i);
		if (*st != TOPC_OK)
			return true;
		if (limit && out->len > limit)
			return false;
	}
	return true;
}

/* A number's literal as the tree reader's double: strtod after '.' is the
 * locale's decimal point, as cJSON reads it (the console runs under the
 * user's LC_NUMERIC). */
static double number_value(const char *lit, size_t n)
{
	char small[64], *copy = n < sizeof(small) ? small : malloc(n + 1);
	char point = localeconv()->decimal_point[0];
	double v;

	if (!copy)
		return 0;
	for (size_t i = 0; i < n; i++)
		copy[i] = lit[i] == '.' && point ? point : lit[i];
	copy[n] = '\0';
	v = strtod(copy, NULL);
	if (copy != small)
		free(copy);
	return v;
}

const struct topc_json_item *topc_json_outline_first(const struct topc_json_outline *o,
						     const struct topc_json_item *obj)
{
	return obj && obj->count ? &o->items[obj->first] : NULL;
}

const struct topc_json_item *topc_json_outline_next(const struct topc_json_outline *o,
						    const struct topc_json_item *it)
{
	return it && it->next ? &o->items[it->next] : NULL;
}

char *topc_json_outline_key(const struct topc_json_outline *o, const struct topc_json_item *it)
{
	struct topc_buf b;
	enum topc_status st;

	if (!it || !it->key_len)
		return NULL;
	topc_buf_init(&b, 0);
	decode_tree_string(o->text + it->key, it->key_len, 0, &b, &st);
	if (st != TOPC_OK) {
		topc_buf_release(&b);
		return NULL;
	}
	return topc_buf_detach(&b, NULL);
}

const struct topc_json_item *topc_json_outline_get(const struct topc_json_outline *o,
						   const struct topc_json_item *obj,
						   const char *name)
{
	const struct topc_json_item *last = NULL;
	size_t n = strlen(name);

	for (const struct topc_json_item *m = topc_json_outline_first(o, obj); m;
	     m = topc_json_outline_next(o, m)) {
		const char *lit = o->text + m->key;
		char *key;
		/* a name with no escape and no NUL is its literal: most are */
		if (!memchr(lit, '\\', m->key_len) && !memchr(lit, '\0', m->key_len)) {
			if (m->key_len - 2 == n && memcmp(lit + 1, name, n) == 0)
				last = m;
			continue;
		}
		if ((key = topc_json_outline_key(o, m)) && strcmp(key, name) == 0)
			last = m;
		free(key);
	}
	return last;
}

char *topc_json_outline_text(const struct topc_json_outline *o, const struct topc_json_item *it,
			     size_t limit, bool *too_long)
{
	struct topc_buf b;
	enum topc_status st;
	const char *lit = it ? o->text + it->at : NULL;

	if (too_long)
		*too_long = false;
	switch (it ? it->type : TOPC_JSON_NONE) {
	case TOPC_JSON_STRING:
		topc_buf_init(&b, 0);
		if (!decode_tree_string(lit, it->len, limit, &b, &st)) {
			if (too_long)
				*too_long = true;
			topc_buf_release(&b);
			return NULL;
		}
		if (st != TOPC_OK) {
			topc_buf_release(&b);
			return NULL;
		}
		return topc_buf_detach(&b, NULL);
	case TOPC_JSON_NUMBER:
		return topc_strf("%.17g", number_value(lit, it->len));
	case TOPC_JSON_TRUE:
		return strdup("true");
	case TOPC_JSON_FALSE:
		return strdup("false");
	default:
		return NULL;
	}
}

double topc_json_outline_number(const struct topc_json_outline *o, const struct topc_json_item *it)
{
	return it && it->type == TOPC_JSON_NUMBER ? number_value(o->text + it->at, it->len) : 0;
}
