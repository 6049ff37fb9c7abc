/*
 * tui_input.h - the console's input decoder: what the terminal sends,
 * turned into one event at a time for the driver (tui.c).
 *
 * Keys come from curses' get_wch with keypad on, so the sequences the
 * terminfo knows arrive as KEY_* codes.  After an ESC the decoder reads
 * the rest of a sequence the terminfo did not know, whole (within 30 ms):
 * an ANSI key (arrows, Home/End, F1-F12 as xterm, vt100 and the linux
 * console send them) becomes its KEY_* code; the start of a bracketed
 * paste (ESC [ 200 ~) switches to paste mode; anything else is swallowed
 * whole, so it is never typed into text and never reads as an Esc that
 * drops an edit.  An ESC with nothing after it is the Esc key.
 *
 * In paste mode every character is kept, up to the buffer's cap (16 MiB),
 * until the end marker ESC [ 201 ~; then the paste is handed over whole
 * (TUI_INPUT_PASTE, the text in in->paste without the marker), or, past
 * the cap, not at all (TUI_INPUT_PASTE_TOO_LARGE): a paste is never cut.
 *
 * A paste cannot be told from typed keys that follow a forged end marker
 * (text copied from a chat or a web page can hold ESC [ 201 ~ then F5's
 * sequence, and tmux's paste-buffer -p passes it on).  So the keys and mouse
 * events of the burst the paste came in are never run: they arrive as
 * TUI_INPUT_GUARDED, and the driver says they were dropped.  The burst is
 * what was waiting to be read with the paste, and whatever arrives within
 * TUI_INPUT_PASTE_GUARD_MS of its end (a terminal may write it in pieces);
 * keys typed after it run as ever, however fast they come.
 *
 * Call order: tui_input_init, then tui_input_next until TUI_INPUT_NONE
 * whenever stdin is readable (stdscr in nodelay mode), tui_input_release.
 * The paste text is valid until the next call.
 */
#ifndef TOPC_TUI_INPUT_H
#define TOPC_TUI_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"

struct tui_input {
	bool pasting;
	struct topc_buf paste;	/* fails closed past its cap: then nothing lands */
	char paste_tail[6];	/* the last bytes seen, for the end marker */
	bool guarding;		/* in the burst a paste came in */
	bool drained;		/* the input ran empty since the paste */
	int64_t guard_until_ms; /* and it lasts at least until this (monotonic) */
};

#define TUI_INPUT_PASTE_GUARD_MS 100

enum tui_input_event {
	TUI_INPUT_NONE,		   /* nothing more to read now */
	TUI_INPUT_KEY,		   /* *ch (a wide character, or KEY_* when *is_key) */
	TUI_INPUT_RESIZE,	   /* the terminal changed size */
	TUI_INPUT_MOUSE,	   /* a mouse event: getmouse() has it */
	TUI_INPUT_PASTE,	   /* a whole bracketed paste in in->paste */
	TUI_INPUT_PASTE_TOO_LARGE, /* a paste past the cap: dropped whole */
	TUI_INPUT_SWALLOWED,	   /* part of a sequence or paste, or an unknown one dropped */
	TUI_INPUT_GUARDED,	   /* a key or click right after a paste: dropped */
};

void tui_input_init(struct tui_input *in);
void tui_input_release(struct tui_input *in);
/* The next event from the terminal. */
enum tui_input_event tui_input_next(struct tui_input *in, int *ch, bool *is_key);

#endif
