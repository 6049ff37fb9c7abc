/*
 * lineedit.h - one line of UTF-8 text being edited, measured in display
 * cells: a Chinese character is two cells wide, the cursor always sits on a
 * character boundary, and the visible window scrolls to keep it in view.
 * No curses here, so it is tested on its own.
 */
#ifndef TOPC_LINEEDIT_H
#define TOPC_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

struct lineedit {
	struct topc_buf text;
	size_t cursor; /* byte offset, on a character boundary */
	size_t scroll; /* byte offset of the first character shown */
};

void lineedit_init(struct lineedit *l, const char *text);
void lineedit_release(struct lineedit *l);
const char *lineedit_text(const struct lineedit *l);

/* Inserts len bytes at the cursor (typing or a paste); invalid UTF-8 and
 * control characters are dropped. */
void lineedit_insert(struct lineedit *l, const char *s, size_t len);
void lineedit_left(struct lineedit *l);
void lineedit_right(struct lineedit *l);
void lineedit_home(struct lineedit *l);
void lineedit_end(struct lineedit *l);
void lineedit_backspace(struct lineedit *l);
void lineedit_delete(struct lineedit *l);
void lineedit_kill_to_end(struct lineedit *l);
void lineedit_kill_to_start(struct lineedit *l);
void lineedit_word_left(struct lineedit *l);
/* Deletes the word before the cursor (^W). */
void lineedit_kill_word(struct lineedit *l);

/* How the console shows one character of a text: the one definition of its
 * cells.  draw_text (draw.c) draws each character in the form it names, and
 * every measure (lineedit_cells, lineedit_utf8_char, tui_fit, the wrapping,
 * the search's highlight, the editor's cursor) counts the same cells, so a
 * line is never cut, wrapped or highlighted at another cell than drawn. */
enum lineedit_form {
	LINEEDIT_AS_IS,	      /* itself: wcwidth cells (0 for a combining mark) */
	LINEEDIT_TAB,	      /* a tab: two spaces, as topc indents (2 cells) */
	LINEEDIT_BYTE,	      /* a control, DEL or invalid byte: \xNN (4 cells) */
	LINEEDIT_CODE,	      /* a C1 control, bidi control, zero-width character or
				 BOM: \uXXXX (6 cells), shown, not obeyed */
	LINEEDIT_UNPRINTABLE, /* a character wcwidth cannot show: ? (1 cell) */
};

struct lineedit_char {
	size_t bytes; /* its length in s; 0 only at the end */
	int cells;
	enum lineedit_form form;
	unsigned long code; /* the code point (the byte for LINEEDIT_BYTE) */
};

/* Reads one character at s (at most len bytes). */
void lineedit_char_read(const char *s, size_t len, struct lineedit_char *c);

/* Display cells of the UTF-8 text s[0..len), each character as
 * lineedit_char_read counts it. */
int lineedit_cells(const char *s, size_t len);

/* One character at s (at most len bytes): its length in bytes and (in
 * *cells) its cells as lineedit_char_read counts them; 0 bytes at the end. */
size_t lineedit_utf8_char(const char *s, size_t len, int *cells);

/* For a window of width cells, moves scroll so the cursor shows; returns the
 * cursor's column and sets *end to the byte after the last character that
 * fits. */
int lineedit_view(struct lineedit *l, int width, size_t *end);

#endif
