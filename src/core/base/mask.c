#include "base/mask.h"

#include <stdlib.h>
#include <string.h>

#include "base/mask_lex.h"
#include "base/number.h"

#define ROLL_BASE 0x100000001b3ULL
#define CHECK_SEED 0x6a09e667f3bcc909ULL
#define CHECK_PRIME 0x100000001b3ULL /* FNV-1a's 64-bit prime */
#define SPELLING_MAX 1024	     /* longer values are masked raw only */

/* One byte more into each hash: the one formula of each, wherever it is
 * computed (a print, the scan's rolling window, a candidate). */
static inline uint64_t roll_step(uint64_t h, unsigned char b)
{
	return h * ROLL_BASE + b;
}

/* FNV-1a from another seed: a family unrelated to the rolling one. */
static inline uint64_t check_step(uint64_t h, unsigned char b)
{
	return (h ^ b) * CHECK_PRIME;
}

static uint64_t roll_hash(const unsigned char *s, size_t len)
{
	uint64_t h = 0;

	for (size_t i = 0; i < len; i++)
		h = roll_step(h, s[i]);
	return h;
}

static uint64_t check_hash(const unsigned char *s, size_t len)
{
	uint64_t h = CHECK_SEED;

	for (size_t i = 0; i < len; i++)
		h = check_step(h, s[i]);
	return h;
}

void topc_mask_init(struct topc_mask *m)
{
	memset(m, 0, sizeof(*m));
}

/* The scan's window, the last TOPC_MASK_MIN bytes (the oldest in the top
 * bits), is a 64-bit word: a byte more is a shift, and its head (the bits
 * looked up in the scan's table, a filter only: a hit is checked by both
 * hashes of the whole value) one multiply off the chain from byte to
 * byte. */
_Static_assert(TOPC_MASK_MIN == 8, "the window is one uint64_t");
#define HEAD_BITS 16
#define HEAD_MULT 0x9e3779b97f4a7c15ULL

static inline uint64_t window_step(uint64_t w, unsigned char b)
{
	return w << 8 | b;
}

static uint64_t window_of(const unsigned char *s)
{
	uint64_t w = 0;

	for (size_t i = 0; i < TOPC_MASK_MIN; i++)
		w = window_step(w, s[i]);
	return w;
}

static inline unsigned head_of(uint64_t window)
{
	return (unsigned)((window * HEAD_MULT) >> (64 - HEAD_BITS));
}

/* Percent-encoding's hex digits are either case (RFC 3986 2.1), and a
 * proxy or a gateway echoing a query may write any mix (%2f%2B): a
 * percent-encoded print is hashed with its escapes' hex letters in upper
 * case, and so is a candidate for it (fold_step), whatever its case.  One
 * byte more of a text being folded: after counts the bytes since the last
 * '%' (3: none of the two after one). */
static inline unsigned char fold_step(unsigned char b, unsigned *after)
{
	*after = b == '%' ? 0 : *after < 3 ? *after + 1 : 3;
	return *after && *after < 3 && b >= 'a' && b <= 'f' ? (unsigned char)(b - 0x20) : b;
}

/* The bytes of a print's tail that are an escape's hex letter: 0x20 in
 * each (value is upper case). */
static uint64_t tail_fold_of(const char *value, size_t len)
{
	uint64_t fold = 0;
	unsigned after = 3;

	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)value[i];
		fold_step(b, &after);
		if (i >= len - TOPC_MASK_MIN && after && after < 3 && b >= 'A' && b <= 'F')
			fold |= (uint64_t)0x20 << (8 * (len - 1 - i));
	}
	return fold;
}

/* value (its escapes in upper case when fold) as a print; fold: a
 * percent-encoding, its escapes' hex digits matched in either case. */
static bool add_print(struct topc_mask *m, const char *value, size_t len, bool fold,
		      const char *label)
{
	struct topc_mask_print p;

	if (len < TOPC_MASK_MIN)
		return true;
	p.len = len;
	p.roll = roll_hash((const unsigned char *)value, len);
	p.check = check_hash((const unsigned char *)value, len);
	p.tail = window_of((const unsigned char *)value + len - TOPC_MASK_MIN);
	p.fold = fold && memchr(value, '%', len);
	p.tail_fold = p.fold ? tail_fold_of(value, len) : 0;
	p.label = label;
	for (size_t i = 0; i < m->count; i++)
		if (m->prints[i].len == p.len && m->prints[i].roll == p.roll &&
		    m->prints[i].check == p.check && m->prints[i].fold == p.fold)
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

static void put_hex(struct spelling *s, const char *prefix, unsigned v, int digits)
{
	const char *hex = "0123456789ABCDEF";
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
 * are, the rest %XX; plus for space when plus is set.  Its print matches
 * the hex digits in any case (add_print's fold), as a gateway or a proxy
 * echoing the query may write them: lower, upper or mixed. */
static void spell_form(struct spelling *s, const char *v, bool plus)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			put(s, (const char *)p, 1);
		else if (plus && *p == ' ')
			put(s, "+", 1);
		else
			put_hex(s, "%", *p, 2);
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
	ok = add_print(m, value, strlen(value), false, label);
	if (strlen(value) > SPELLING_MAX || !(s = malloc(sizeof(*s))))
		return ok;
	for (int plus = 0; plus < 2; plus++) {
		s->len = 0;
		s->full = false;
		spell_form(s, value, plus);
		if (!s->full)
			ok = add_print(m, s->text, s->len, true, label) && ok;
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
		ok = add_print(m, enc, o, false, label);
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

/* Percent-decodes in place (libcurl sends the decoded pair); returns the
 * new length. */
static size_t url_decode(char *s, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && topc_number_hex_digit(s[i + 1]) >= 0 &&
		    topc_number_hex_digit(s[i + 2]) >= 0) {
			s[o++] = (char)(topc_number_hex_digit(s[i + 1]) * 16 +
					topc_number_hex_digit(s[i + 2]));
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
/* Applying.  A lexer (mask_lex.c) cuts the text into units: a byte, or an escape of a
 * JSON string ("\u0026", a surrogate pair) or an entity of XML ("&lt;")
 * with what it stands for, each unit in a segment: one JSON string's
 * content, one XML text, attribute value, comment or CDATA section, or a
 * run of the document's own syntax between them.  Bytes that are units of
 * their own come as runs (the whole of a string with no escape), which
 * the scan hashes with no bookkeeping per byte.  The units' bytes (decoded
 * in one pass, as written in the other) go through a window of the last
 * TOPC_MASK_MIN bytes whose hash's top bits are looked up in a table of the
 * prints' tails; only a hit costs the two hashes of the whole candidate,
 * kept in a ring of the last bytes, and the units it covers.  A match
 * covers whole units of one segment, so its label ("***session***": no
 * quote, backslash, < or &) leaves the document parsing as before. */

struct found {
	size_t start, end;
	const char *label;
};

/* What the scan keeps of each unit (or run of one-byte units) it hashed,
 * in a ring of its own beside the ring of the bytes: where its bytes begin
 * among those hashed (pushed), where it begins in the text, its segment,
 * whether it is syntax, whether a run (its k-th byte is the unit
 * [start + k, start + k + 1)). */
struct cell {
	size_t pushed, start;
	uint32_t seg;
	bool syntax, decl, run;
};

struct scan {
	const struct topc_mask *m;
	const unsigned char *text;
	size_t n;
	enum topc_mask_doc doc;
	uint64_t table[(1u << HEAD_BITS) / 64];
	unsigned char *ring; /* the last bytes hashed */
	struct cell *units;  /* the units they are of (as many at most) */
	size_t size;	     /* of both: a power of two, at least the longest print */
	size_t nunits;	     /* units pushed in this pass */
	struct found *found;
	size_t count, alloc;
	bool nomem;
	/* for long runs: how far the window's end may move on from a pair of
	 * bytes that ends it (0: a print's tail ends with them), made at the
	 * first long run (NULL until then) */
	unsigned char *skip;
};

static bool scan_init(struct scan *s, const struct topc_mask *m, const char *text, size_t n,
		      enum topc_mask_doc doc)
{
	size_t longest = TOPC_MASK_MIN + 1;

	memset(s, 0, sizeof(*s));
	s->m = m;
	s->text = (const unsigned char *)text;
	s->n = n;
	s->doc = doc;
	for (size_t j = 0; j < m->count; j++) {
		const struct topc_mask_print *p = &m->prints[j];
		/* every case of the tail's escape letters: each subset of
		 * tail_fold's bits (at most 6 letters in 8 bytes, 64 tails) */
		for (uint64_t lower = p->tail_fold;; lower = (lower - 1) & p->tail_fold) {
			unsigned h = head_of(p->tail | lower);
			s->table[h / 64] |= (uint64_t)1 << (h % 64);
			if (!lower)
				break;
		}
		longest = p->len > longest ? p->len : longest;
	}
	for (s->size = 16; s->size < longest; s->size *= 2)
		;
	s->ring = malloc(s->size);
	s->units = malloc(s->size * sizeof(*s->units));
	return s->ring && s->units;
}

static void scan_release(struct scan *s)
{
	if (s->ring)
		memset(s->ring, 0, s->size);
	free(s->ring);
	free(s->units);
	free(s->found);
	free(s->skip);
}

static void add_found(struct scan *s, size_t start, size_t end, const char *label)
{
	struct found *f = topc_grow(s->found, sizeof(*f), s->count, &s->alloc);

	if (!f) {
		s->nomem = true;
		return;
	}
	s->found = f;
	s->found[s->count++] = (struct found){start, end, label};
}

/* The unit the k-th byte hashed is of, and where that byte's unit starts
 * in the text.  Every unit holds a byte at least and k is one of the last
 * s->size bytes, so its unit is one of the last s->size units. */
static const struct cell *unit_of(const struct scan *s, size_t k, size_t *start)
{
	const struct cell *c = &s->units[(s->nunits - 1) & (s->size - 1)];

	for (size_t r = s->nunits; r-- > 0 && s->nunits - r <= s->size;) {
		c = &s->units[r & (s->size - 1)];
		if (c->pushed <= k)
			break;
	}
	*start = c->run ? c->start + (k - c->pushed) : c->start;
	return c;
}

/* The prints that end with the byte just hashed (the pushed-th, the last
 * of window), of a unit of segment seg that ends at end in the text. */
static void match_end(struct scan *s, uint64_t window, size_t pushed, size_t end, uint32_t seg)
{
	for (size_t j = 0; j < s->m->count; j++) {
		const struct topc_mask_print *p = &s->m->prints[j];
		const struct cell *first;
		uint64_t roll = 0, check = CHECK_SEED;
		size_t start;
		unsigned after = 3;
		if (p->tail != (window & ~p->tail_fold) || p->len > pushed)
			continue; /* its last bytes differ, or it cannot fit yet */
		for (size_t k = pushed - p->len; k < pushed; k++) {
			unsigned char b = s->ring[k & (s->size - 1)];
			if (p->fold)
				b = fold_step(b, &after);
			roll = roll_step(roll, b);
			check = check_step(check, b);
		}
		if (roll != p->roll || check != p->check)
			continue;
		first = unit_of(s, pushed - p->len, &start);
		if (first->seg != seg ||
		    (first->syntax && s->doc != TOPC_MASK_DOC_TEXT &&
		     topc_mask_only_syntax(s->doc, first->decl, s->text + start, end - start)))
			continue; /* across a string's end, or the document's syntax */
		add_found(s, start, end, p->label);
	}
}

/* Hashes bytes into the window up to the first whose head is in the
 * table (a candidate to check: *hit), or all of them: how many it took. */
static size_t hash_bytes(const unsigned char *b, size_t n, uint64_t *window, const uint64_t *table,
			 bool *hit)
{
	uint64_t w = *window;
	size_t i = 0;

	*hit = false;
	while (i < n) {
		unsigned h;
		w = window_step(w, b[i++]);
		h = head_of(w);
		if ((table[h / 64] >> (h % 64)) & 1) {
			*hit = true;
			break;
		}
	}
	*window = w;
	return i;
}

/* The n bytes at b, the pushed-th hashed byte first, into the ring (only
 * the last s->size of them stay there). */
static void ring_put(struct scan *s, size_t pushed, const unsigned char *b, size_t n)
{
	size_t mask = s->size - 1, at, first;

	if (n > s->size) {
		pushed += n - s->size;
		b += n - s->size;
		n = s->size;
	}
	if (n <= 4) {
		for (size_t i = 0; i < n; i++)
			s->ring[(pushed + i) & mask] = b[i];
		return;
	}
	at = pushed & mask;
	first = s->size - at < n ? s->size - at : n;
	memcpy(s->ring + at, b, first);
	memcpy(s->ring, b + first, n - first);
}

/* Long runs are searched as Wu and Manber search for many words at once:
 * a print's tail is TOPC_MASK_MIN bytes, and a window whose last two bytes
 * end no tail cannot be one; where they are the i-th and i+1-th of a tail
 * (or of none), a tail can end no sooner than SKIP_PAIRS - i bytes on.  So
 * the window's end moves by up to seven bytes at a time, and only a window
 * ending in a tail's last two bytes is looked up as every window was: the
 * same matches, found with a seventh of the work in text unlike the
 * secrets (a 40 MB padding string: the scan's hashing was 20% of the
 * console's CPU on it). */
#define SKIP_RUN_MIN 256
#define SKIP_PAIRS (TOPC_MASK_MIN - 1) /* the pairs of bytes in a tail */

static bool skip_init(struct scan *s)
{
	if (s->skip)
		return true;
	if (!(s->skip = malloc(1u << 16)))
		return false;
	memset(s->skip, SKIP_PAIRS, 1u << 16);
	for (size_t j = 0; j < s->m->count; j++) {
		uint64_t t = s->m->prints[j].tail, f = s->m->prints[j].tail_fold;
		for (unsigned i = 1; i <= SKIP_PAIRS; i++) { /* the pair ending at byte i */
			unsigned pair = (unsigned)(t >> (8 * (SKIP_PAIRS - i))) & 0xffff;
			unsigned fold = (unsigned)(f >> (8 * (SKIP_PAIRS - i))) & 0xffff;
			for (unsigned lower = fold;; lower = (lower - 1) & fold) { /* each case */
				if (s->skip[pair | lower] > SKIP_PAIRS - i)
					s->skip[pair | lower] = (unsigned char)(SKIP_PAIRS - i);
				if (!lower)
					break;
			}
		}
	}
	return true;
}

/* The long unit u from its byte from on (its first TOPC_MASK_MIN - 1
 * already hashed, so each window ends inside it), as hash_bytes and
 * match_end go through it, skipping the windows that end no tail. */
static void skip_run(struct scan *s, const struct topc_mask_unit *u, size_t from, size_t *pushed,
		     uint64_t *window)
{
	const unsigned char *b = u->bytes;
	size_t e = from, put = from, base = *pushed - from;

	while (e < u->len) {
		unsigned step = s->skip[(unsigned)b[e - 1] << 8 | b[e]], h;
		uint64_t w;
		if (step) {
			e += step;
			continue;
		}
		w = window_of(b + e + 1 - TOPC_MASK_MIN);
		h = head_of(w);
		if ((s->table[h / 64] >> (h % 64)) & 1) {
			ring_put(s, base + put, b + put, e + 1 - put);
			put = e + 1;
			match_end(s, w, base + put, u->run ? u->start + e + 1 : u->end, u->seg);
		}
		e++;
	}
	ring_put(s, base + put, b + put, u->len - put);
	*pushed = base + u->len;
	*window = window_of(b + u->len - TOPC_MASK_MIN);
}

static void scan_pass(struct scan *s, bool decode)
{
	struct topc_mask_lexer x = {.t = s->text,
				    .n = s->n,
				    .doc = s->doc,
				    .state = s->doc == TOPC_MASK_DOC_JSON ? TOPC_MASK_L_OUT
									  : TOPC_MASK_L_TEXT,
				    .decode = decode};
	struct topc_mask_unit u;
	size_t pushed = 0;
	uint64_t window = 0;

	s->nunits = 0;
	while (!s->nomem && topc_mask_lex(&x, &u)) {
		s->units[s->nunits++ & (s->size - 1)] =
		    (struct cell){pushed, u.start, u.seg, u.syntax, u.decl, u.run};
		/* a run's bytes are units of their own, a candidate's unit found
		 * from its place in the run (match_end).  A unit or a short run
		 * goes byte by byte, each byte straight into the ring; a long
		 * run through hash_bytes up to each candidate, into the ring at
		 * once.  Either way for all costs more (callgrind on bench_mask,
		 * 2 MiB: hash_bytes for every unit 11-18% more instructions on
		 * answers of short strings, escapes or entities, byte by byte
		 * for every run 50% more on one long string) */
		if (u.len <= 16) {
			for (size_t i = 0; i < u.len; i++) {
				unsigned h;
				window = window_step(window, u.bytes[i]);
				s->ring[pushed++ & (s->size - 1)] = u.bytes[i];
				h = head_of(window);
				if ((s->table[h / 64] >> (h % 64)) & 1)
					match_end(s, window, pushed,
						  u.run ? u.start + i + 1 : u.end, u.seg);
			}
			continue;
		}
		/* a long run: its first bytes' windows reach back before it */
		size_t head = u.len >= SKIP_RUN_MIN && skip_init(s) ? TOPC_MASK_MIN - 1 : u.len;
		for (size_t i = 0; i < head;) {
			bool hit;
			size_t took = hash_bytes(u.bytes + i, head - i, &window, s->table, &hit);
			ring_put(s, pushed, u.bytes + i, took);
			pushed += took;
			i += took;
			if (hit)
				match_end(s, window, pushed, u.run ? u.start + i : u.end, u.seg);
		}
		if (head < u.len)
			skip_run(s, &u, head, &pushed, &window);
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
		      enum topc_mask_doc doc)
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

/* The matches as the masked text has them: one after the other, an
 * overlapping one (its start before the last one's end) masked with it as
 * one, a match inside another dropped. */
static void merge_found(struct scan *s)
{
	size_t kept = 0, n = 0;

	for (size_t i = 0; i < s->count; i++) {
		const struct found *f = &s->found[i];
		if (f->end <= kept)
			continue;
		if (n && f->start < kept) /* overlapping: masked as one */
			s->found[n - 1].end = f->end;
		else
			s->found[n++] = *f;
		kept = f->end;
	}
	s->count = n;
}

/* Whether the masked text can be written over the text from its start:
 * the write never passes the read, each label no longer than the bytes it
 * stands for and those before it (so no second copy of a big answer). */
static bool in_place(const struct scan *s)
{
	size_t kept = 0, wrote = 0;

	for (size_t i = 0; i < s->count; i++) {
		wrote += s->found[i].start - kept + strlen(s->found[i].label);
		kept = s->found[i].end;
		if (wrote > kept)
			return false;
	}
	return true;
}

/* The same bytes as the copy in topc_mask_apply, written over the text;
 * the bytes it no longer holds are wiped. */
static void mask_in_place(const struct scan *s, struct topc_buf *text)
{
	size_t kept = 0, wrote = 0, len = text->len;
	volatile char *tail;

	for (size_t i = 0; i < s->count; i++) {
		const struct found *f = &s->found[i];
		size_t n = strlen(f->label);
		memmove(text->data + wrote, text->data + kept, f->start - kept);
		wrote += f->start - kept;
		memcpy(text->data + wrote, f->label, n);
		wrote += n;
		kept = f->end;
	}
	memmove(text->data + wrote, text->data + kept, len - kept);
	wrote += len - kept;
	tail = text->data + wrote;
	for (size_t i = 0; i < len - wrote; i++)
		tail[i] = 0;
	text->data[wrote] = '\0';
	text->len = wrote;
	text->failed = false;
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
	    !scan_text(s, m, text->data, text->len, topc_mask_doc_of(text->data, text->len))) {
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
	merge_found(s);
	if (in_place(s)) {
		mask_in_place(s, text);
		text->cap += room; /* as the copy below has it */
		scan_release(s);
		free(s);
		return TOPC_OK;
	}
	/* a label can be longer than a short value: room beyond the cap */
	topc_buf_init(&out, text->cap + room);
	for (size_t i = 0; ok && i < s->count; i++) {
		const struct found *f = &s->found[i];
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
	if (scan_text(s, m, text, n, TOPC_MASK_DOC_TEXT) && s->count)
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
