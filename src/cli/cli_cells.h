/*
 * cli_cells.h - display cells of UTF-8 text, for aligned columns (cli_cells.c).
 */
#ifndef TOPC_CLI_CELLS_H
#define TOPC_CLI_CELLS_H

#include <stddef.h>
#include <stdio.h>

/* A Chinese character is two, ASCII one. */
size_t cli_utf8_next(const char *s, size_t len, long *cp); /* bytes of the character at s */
int cli_char_cells(long cp);
int cli_cells(const char *s, size_t len);
/* Prints s, then spaces up to width cells (none when s is wider). */
void cli_pad(FILE *out, const char *s, int width);

#endif
