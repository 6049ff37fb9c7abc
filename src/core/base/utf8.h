/*
 * utf8.h - strict UTF-8 (RFC 3629): no overlong forms, no surrogates,
 * nothing above U+10FFFF.  For text that came from outside: request
 * parameters the local gateway must refuse, messages cut to a buffer's
 * size, and text printed inert to a terminal.
 */
#ifndef TOPC_UTF8_H
#define TOPC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length (1-4) of the valid character at s[0..len), setting *cp; 0 when
 * the bytes there are not one (or len is 0). */
size_t topc_utf8_next(const char *s, size_t len, uint32_t *cp);

/* True when s[0..len) is valid UTF-8 and holds no NUL byte. */
bool topc_utf8_valid(const char *s, size_t len);

/* Whether a character from outside must be shown as its code rather than
 * drawn: the C0 controls (but newline and tab when keep_lines), DEL, the C1
 * controls (U+009B is CSI on many terminals), and the characters that
 * change how the text around them reads without showing themselves: bidi
 * embeddings, overrides, isolates and marks (U+200E/F, U+061C), zero-width
 * spaces and joiners, word joiners (U+2060-U+2065), the BOM and the soft
 * hyphen.  One list for the CLI, the console and jq's messages. */
bool topc_utf8_inert(uint32_t cp, bool keep_lines);

/* Whether s is UTF-8 that shows as it is: none of its characters is one
 * topc_utf8_inert lists (line ends and tabs included).  For names and URLs
 * that must read the same wherever they are shown. */
bool topc_utf8_plain(const char *s);

/* Whether cp is a letter or a digit, of any script (月, é, я, ٣), by
 * Unicode's classes whatever the reader's locale; in ASCII only a-z, A-Z
 * and 0-9.  For names that become file names (templates). */
bool topc_utf8_alnum(uint32_t cp);

/* Writes cp (below U+110000) as UTF-8 into out, which has room for four
 * bytes; returns how many it wrote (1-4). */
size_t topc_utf8_put(uint32_t cp, char *out);

/* The value of the four hex digits (either case) at s, as in JSON's
 * \uXXXX, or -1 when they are not four hex digits (stops at the first
 * that is not, so a shorter NUL-terminated string is safe). */
long topc_utf8_hex4(const char *s);

/* The code point a JSON \u escape stands for, s[0, n) beginning at its
 * backslash: a high surrogate's escape followed by a low one's is their
 * pair's character (*len 12); any other escape is its four digits' value
 * (*len 6), a lone surrogate (U+D800 to U+DFFF) included, which each
 * reader treats its own way.  -1 (*len untouched) when s[0, n) does not
 * begin with a backslash, a 'u' and four hex digits.  Inline: the mask reads
 * every escape of an answer through it (bench_mask's \u answer: 10% more
 * instructions as a call). */
static inline long topc_utf8_json_escape(const char *s, size_t n, size_t *len)
{
	long cp, low;

	if (n < 6 || s[0] != '\\' || s[1] != 'u' || (cp = topc_utf8_hex4(s + 2)) < 0)
		return -1;
	*len = 6;
	if (cp >= 0xD800 && cp < 0xDC00 && n >= 12 && s[6] == '\\' && s[7] == 'u' &&
	    (low = topc_utf8_hex4(s + 8)) >= 0xDC00 && low < 0xE000) {
		*len = 12;
		return 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
	}
	return cp;
}

/* Cuts a NUL-terminated string in place so that it ends on a whole
 * character: after snprintf("%.40s") or a full buffer cut one in half.
 * Invalid bytes before the end are replaced by '?'. */
void topc_utf8_clip(char *s);

/* A name from outside as a message shows it: whole up to
 * TOPC_UTF8_SHORT_CHARS characters, else its first ones, "…" and its whole
 * length ("aaaa… (100000 B)"), so a 100,000-character -s NAME is named,
 * not echoed.  A byte that is no UTF-8 counts as one character.  out has
 * TOPC_UTF8_SHORT_SIZE bytes; returns out. */
#define TOPC_UTF8_SHORT_CHARS 64
#define TOPC_UTF8_SHORT_SIZE (TOPC_UTF8_SHORT_CHARS * 4 + 32)
const char *topc_utf8_short(const char *s, char *out);

#endif
