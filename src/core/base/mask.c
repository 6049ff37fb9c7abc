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
	p.head = (uint16_t)(roll_hash((const unsigned char *)value, TOPC_MASK_MIN) >> 48);
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
	char text[SPELLING_MAX * 12 + 1];
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

/* JSON as the servers write it: cJSON keeps non-ASCII, Python and Java
 * write \uXXXX (lower or upper case), PHP and Java escape "/" too. */
static void spell_json(struct spelling *s, const char *v, bool ascii, bool upper, bool slash)
{
	size_t len = strlen(v), at = 0, n;
	uint32_t cp;

	while (at < len) {
		unsigned char c = (unsigned char)v[at];
		if (c == '"' || c == '\\' || (slash && c == '/')) {
			put(s, "\\", 1);
			put(s, (const char *)&c, 1);
			at++;
		} else if (c < 0x20) {
			put_hex(s, "\\u", c, 4, upper);
			at++;
		} else if (c < 0x80 || !ascii) {
			put(s, (const char *)&c, 1);
			at++;
		} else if ((n = topc_utf8_next(v + at, len - at, &cp)) == 0) {
			put(s, (const char *)&c, 1); /* not UTF-8: as it is */
			at++;
		} else {
			if (cp >= 0x10000) {
				cp -= 0x10000;
				put_hex(s, "\\u", 0xd800 + (cp >> 10), 4, upper);
				put_hex(s, "\\u", 0xdc00 + (cp & 0x3ff), 4, upper);
			} else {
				put_hex(s, "\\u", cp, 4, upper);
			}
			at += n;
		}
	}
}

static void spell_xml(struct spelling *s, const char *v)
{
	static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
	static const char chars[] = "&<>\"'";

	for (const char *p = v; *p; p++) {
		const char *at = strchr(chars, *p);
		if (at)
			put(s, ents[at - chars], strlen(ents[at - chars]));
		else
			put(s, p, 1);
	}
}

bool topc_mask_add_secret(struct topc_mask *m, const char *value, const char *label)
{
	struct spelling *s;
	bool ok;

	if (!value)
		return true;
	ok = add_print(m, value, strlen(value), label);
	if (strlen(value) > SPELLING_MAX || !(s = malloc(sizeof(*s))))
		return ok;
	for (int kind = 0; kind < 11; kind++) {
		s->len = 0;
		s->full = false;
		if (kind < 2)
			spell_form(s, value, kind == 1);
		else if (kind < 10)
			spell_json(s, value, (kind - 2) & 1, (kind - 2) & 2, (kind - 2) & 4);
		else
			spell_xml(s, value);
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
/* Applying: one pass of a rolling hash of TOPC_MASK_MIN bytes, whose top
 * bits are looked up in a table of the prints' heads; only a hit costs a
 * hash of the whole candidate. */

#define HEAD_BITS 16

static unsigned head_of(uint64_t roll)
{
	return (unsigned)(roll >> (64 - HEAD_BITS));
}

struct heads {
	uint64_t table[(1u << HEAD_BITS) / 64];
	uint64_t top; /* ROLL_BASE^(TOPC_MASK_MIN-1), to drop the first byte */
};

static void heads_init(const struct topc_mask *m, struct heads *h)
{
	memset(h->table, 0, sizeof(h->table));
	for (size_t j = 0; j < m->count; j++)
		h->table[m->prints[j].head / 64] |= (uint64_t)1 << (m->prints[j].head % 64);
	h->top = 1;
	for (int i = 1; i < TOPC_MASK_MIN; i++)
		h->top *= ROLL_BASE;
}

/* The longest print at text + i whose head is head, or NULL. */
static const struct topc_mask_print *match_at(const struct topc_mask *m, unsigned head,
					      const unsigned char *text, size_t n, size_t i)
{
	const struct topc_mask_print *best = NULL;

	for (size_t j = 0; j < m->count; j++) {
		const struct topc_mask_print *p = &m->prints[j];
		if (p->head == head && i + p->len <= n && (!best || p->len > best->len) &&
		    roll_hash(text + i, p->len) == p->roll &&
		    check_hash(text + i, p->len) == p->check)
			best = p;
	}
	return best;
}

/* Calls emit for each kept run and each label; false when emit failed. */
typedef bool (*emit_fn)(void *ctx, const char *text, size_t len);

static bool mask_walk(const struct topc_mask *m, const struct heads *h, const char *text, size_t n,
		      emit_fn emit, void *ctx, size_t *found)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t kept = 0, skip = 0;
	uint64_t roll;

	*found = 0;
	if (n < TOPC_MASK_MIN)
		return true;
	roll = roll_hash(t, TOPC_MASK_MIN);
	for (size_t i = 0; i + TOPC_MASK_MIN <= n; i++) {
		const struct topc_mask_print *p;
		unsigned head;
		if (i > 0)
			roll = (roll - t[i - 1] * h->top) * ROLL_BASE + t[i + TOPC_MASK_MIN - 1];
		head = head_of(roll);
		if (i < skip || !((h->table[head / 64] >> (head % 64)) & 1) ||
		    !(p = match_at(m, head, t, n, i)))
			continue;
		if (emit &&
		    (!emit(ctx, text + kept, i - kept) || !emit(ctx, p->label, strlen(p->label))))
			return false;
		(*found)++;
		skip = kept = i + p->len;
	}
	return !emit || !*found || emit(ctx, text + kept, n - kept);
}

static bool emit_buf(void *ctx, const char *text, size_t len)
{
	return topc_buf_add(ctx, text, len) == TOPC_OK;
}

enum topc_status topc_mask_apply(const struct topc_mask *m, struct topc_buf *text)
{
	struct topc_buf out;
	struct heads *h;
	size_t found;
	bool ok;

	if (!m || !m->count || text->len < TOPC_MASK_MIN)
		return TOPC_OK;
	if (!(h = malloc(sizeof(*h)))) {
		topc_buf_wipe(text);
		text->failed = true;
		return TOPC_ERR_NOMEM;
	}
	heads_init(m, h);
	mask_walk(m, h, text->data, text->len, NULL, NULL, &found);
	if (!found) {
		free(h);
		return TOPC_OK;
	}
	/* a label can be longer than a short value: room beyond the cap */
	topc_buf_init(&out, text->cap + found * 16);
	ok = mask_walk(m, h, text->data, text->len, emit_buf, &out, &found);
	free(h);
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
