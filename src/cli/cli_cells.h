/*
 * cli_cells.h - display cells of UTF-8 text, for aligned columns (cli_cells.c).
 */
#ifndef TOPC_CLI_CELLS_H
#define TOPC_CLI_CELLS_H

#include <stddef.h>
#include <stdio.h>

/* The bytes (1-4) of the character at s[0..len) and its code point in *cp;
 * a byte that starts no valid character (base/utf8.h, strict) is one byte
 * of U+FFFD. */
size_t cli_utf8_next(const char *s, size_t len, long *cp);
/* A Chinese character is two cells, ASCII one. */
int cli_char_cells(long cp);
int cli_cells(const char *s, size_t len);
/* Prints s, then spaces up to width cells (none when s is wider). */
void cli_pad(FILE *out, const char *s, int width);
/* Prints spaces up to width cells, then s: a right-aligned column. */
void cli_pad_left(FILE *out, const char *s, int width);
/* One line of a table: each text padded to its width in cells (a negative
 * width right-aligns, for numbers), two spaces between, the last one not
 * padded, then a newline. */
void cli_row(FILE *out, size_t n, const char *const *texts, const int *widths);
/* The wider of width and the cells of s. */
int cli_cells_max(int width, const char *s);

#endif
