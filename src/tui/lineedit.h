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

struct line_edit {
	struct topc_buf text;
	size_t cursor; /* byte offset, on a character boundary */
	size_t scroll; /* byte offset of the first character shown */
};

void line_init(struct line_edit *l, const char *text);
void line_release(struct line_edit *l);
const char *line_text(const struct line_edit *l);

/* Inserts len bytes at the cursor (typing or a paste); invalid UTF-8 and
 * control characters are dropped. */
void line_insert(struct line_edit *l, const char *s, size_t len);
void line_left(struct line_edit *l);
void line_right(struct line_edit *l);
void line_home(struct line_edit *l);
void line_end(struct line_edit *l);
void line_backspace(struct line_edit *l);
void line_delete(struct line_edit *l);
void line_kill_to_end(struct line_edit *l);
void line_kill_to_start(struct line_edit *l);
void line_word_left(struct line_edit *l);
/* Deletes the word before the cursor (^W). */
void line_kill_word(struct line_edit *l);

/* Display cells of the UTF-8 text s[0..len): wcwidth per character, control
 * and invalid bytes counted as the 4 cells of their \xNN form. */
int text_cells(const char *s, size_t len);

/* Decodes one UTF-8 character at s (at most len bytes): its length in bytes
 * and its cells; 0 bytes at the end. */
size_t utf8_char(const char *s, size_t len, int *cells);

/* For a window of width cells, moves scroll so the cursor shows; returns the
 * cursor's column and sets *end to the byte after the last character that
 * fits. */
int line_view(struct line_edit *l, int width, size_t *end);

#endif
