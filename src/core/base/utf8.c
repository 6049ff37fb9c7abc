#include "base/utf8.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "base/number.h"

size_t topc_utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	uint32_t c, min;

	if (!len)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		n = 2, c = u[0] & 0x1f, min = 0x80;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		n = 3, c = u[0] & 0x0f, min = 0x800;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		n = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

bool topc_utf8_inert(uint32_t cp, bool keep_lines)
{
	if (cp == '\n' || cp == '\t')
		return !keep_lines;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x00AD || cp == 0x061C ||
	       (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

bool topc_utf8_plain(const char *s)
{
	size_t len = strlen(s);
	uint32_t cp;

	for (size_t i = 0, n; i < len; i += n)
		if (!(n = topc_utf8_next(s + i, len - i, &cp)) || topc_utf8_inert(cp, false))
			return false;
	return true;
}

bool topc_utf8_alnum(uint32_t cp)
{
	/* C.UTF-8's classes, not the reader's locale's: a name made in one
	 * terminal stays a name in a cron job's C locale */
	static _Thread_local locale_t unicode;
	static _Thread_local bool tried;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	if (!tried) {
		tried = true;
		unicode = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	/* wchar_t holds the code point itself (__STDC_ISO_10646__) */
	return unicode ? iswalnum_l((wint_t)cp, unicode) != 0 : iswalnum((wint_t)cp) != 0;
}

bool topc_utf8_valid(const char *s, size_t len)
{
	uint32_t cp;

	for (size_t i = 0, n; i < len; i += n)
		if (!(n = topc_utf8_next(s + i, len - i, &cp)) || cp == 0)
			return false;
	return true;
}

void topc_utf8_clip(char *s)
{
	size_t len = strlen(s), i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((n = topc_utf8_next(s + i, len - i, &cp))) {
			i += n;
			continue;
		}
		/* a lead byte whose sequence the end cut short: drop the tail */
		if ((unsigned char)s[i] >= 0xc2 && len - i < 4) {
			bool cut = true;
			for (size_t k = i + 1; k < len; k++)
				cut = cut && ((unsigned char)s[k] & 0xc0) == 0x80;
			if (cut) {
				s[i] = '\0';
				return;
			}
		}
		s[i++] = '?';
	}
}

size_t topc_utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

long topc_utf8_hex4(const char *s)
{
	long v = 0;

	for (int i = 0; i < 4; i++) {
		int d = topc_number_hex_digit(s[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

const char *topc_utf8_short(const char *s, char *out)
{
	size_t len = strlen(s), at = 0;
	uint32_t cp;

	for (size_t chars = 0; at < len && chars < TOPC_UTF8_SHORT_CHARS; chars++) {
		size_t n = topc_utf8_next(s + at, len - at, &cp);
		at += n ? n : 1;
	}
	if (at == len)
		snprintf(out, TOPC_UTF8_SHORT_SIZE, "%s", s);
	else
		snprintf(out, TOPC_UTF8_SHORT_SIZE, "%.*s\xE2\x80\xA6 (%zu B)", (int)at, s, len);
	return out;
}
