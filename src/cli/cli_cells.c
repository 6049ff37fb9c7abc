/*
 * cli_cells.c - text measured in display cells, as a terminal shows it: a
 * Chinese character is two cells, an ASCII one one.  The help's wrapping and
 * the lists' columns measure with these, never bytes, so a translated line
 * neither overflows nor is cut inside a character.
 */
#include "cli_cells.h"

#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "base/utf8.h"

size_t cli_utf8_next(const char *s, size_t len, long *cp)
{
	uint32_t c;
	size_t n = topc_utf8_next(s, len, &c);

	*cp = n ? (long)c : 0xFFFD;
	return n ? n : 1;
}

int cli_char_cells(long cp)
{
	int w = cp < 0x80 ? (cp >= 0x20 && cp != 0x7F) : wcwidth((wchar_t)cp);

	if (w >= 0)
		return w;
	/* a locale without the width tables (C): the East Asian wide ranges */
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

int cli_cells(const char *s, size_t len)
{
	int cells = 0;
	long cp;

	for (size_t i = 0; i < len && s[i];) {
		i += cli_utf8_next(s + i, len - i, &cp);
		cells += cli_char_cells(cp);
	}
	return cells;
}

void cli_pad(FILE *out, const char *s, int width)
{
	int cells = cli_cells(s, strlen(s));

	fputs(s, out);
	if (cells < width)
		fprintf(out, "%*s", width - cells, "");
}

void cli_pad_left(FILE *out, const char *s, int width)
{
	int cells = cli_cells(s, strlen(s));

	if (cells < width)
		fprintf(out, "%*s", width - cells, "");
	fputs(s, out);
}

int cli_cells_max(int width, const char *s)
{
	int cells = s ? cli_cells(s, strlen(s)) : 0;

	return cells > width ? cells : width;
}

void cli_row(FILE *out, size_t n, const char *const *texts, const int *widths)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs("  ", out);
		if (widths[i] < 0)
			cli_pad_left(out, texts[i], -widths[i]);
		else if (i + 1 < n)
			cli_pad(out, texts[i], widths[i]);
		else
			fputs(texts[i], out);
	}
	fputc('\n', out);
}
