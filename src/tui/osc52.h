/*
 * osc52.h - the escape sequence that puts text on the clipboard of the
 * terminal the console runs in (OSC 52), through tmux and SSH.
 *
 * The text travels as base64, so nothing in it can act on the terminal.
 * Terminals cap what they take in one sequence (hterm and several others
 * 100,000 bytes of base64, some far less), so a longer text is refused with
 * its size rather than cut: a cut copy would be pasted as if whole.
 *
 * Inside tmux ($TMUX set) the plain sequence goes first: with tmux's
 * set-clipboard on (its default is external) tmux keeps it as a paste
 * buffer and hands it on to the outer terminal.  The same sequence follows
 * wrapped for tmux's passthrough (DCS tmux; ... ST, each ESC doubled), which
 * reaches the outer terminal when set-clipboard is off and allow-passthrough
 * is on.  A terminal that gets both copies the same text twice.
 */
#ifndef TOPC_TUI_OSC52_H
#define TOPC_TUI_OSC52_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* Base64 bytes in one sequence that terminals take (hterm's limit). */
#define OSC52_MAX_BASE64 100000
/* The longest text that fits: 3 bytes per 4 of base64. */
#define OSC52_MAX_TEXT (OSC52_MAX_BASE64 / 4 * 3)

/* Appends the sequence(s) copying text (len bytes) to out.  TOPC_ERR_INPUT,
 * naming the size and the limit, when text is longer than max_text
 * (0: OSC52_MAX_TEXT). */
TOPC_MUST_CHECK enum topc_status osc52_encode(const char *text, size_t len, bool tmux,
					      size_t max_text, struct topc_buf *out,
					      struct topc_error *err);

/* Whether the console runs inside tmux, from the environment. */
bool osc52_in_tmux(void);

#endif
