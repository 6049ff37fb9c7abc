/* osc52.c - copying through the terminal (osc52.h). */
#include "osc52.h"

#include <stdlib.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static enum topc_status base64(struct topc_buf *out, const unsigned char *p, size_t len)
{
	enum topc_status st = TOPC_OK;

	for (size_t i = 0; i < len && st == TOPC_OK; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < len ? (unsigned)p[i + 1] << 8 : 0) |
			     (i + 2 < len ? p[i + 2] : 0);
		char q[4] = {alphabet[v >> 18 & 63], alphabet[v >> 12 & 63],
			     i + 1 < len ? alphabet[v >> 6 & 63] : '=',
			     i + 2 < len ? alphabet[v & 63] : '='};
		st = topc_buf_add(out, q, 4);
	}
	return st;
}

bool osc52_in_tmux(void)
{
	const char *t = getenv("TMUX");

	return t && *t;
}

enum topc_status osc52_encode(const char *text, size_t len, bool tmux, size_t max_text,
			      struct topc_buf *out, struct topc_error *err)
{
	struct topc_buf seq;
	enum topc_status st;

	if (!max_text)
		max_text = OSC52_MAX_TEXT;
	if (len > max_text)
		return topc_error_set(
		    err, TOPC_ERR_INPUT,
		    "%zu bytes are too many to copy through the terminal (at most "
		    "%zu); export to a file instead",
		    len, max_text);
	topc_buf_init(&seq, 0);
	st = topc_buf_adds(&seq, "\033]52;c;");
	if (st == TOPC_OK)
		st = base64(&seq, (const unsigned char *)text, len);
	if (st == TOPC_OK)
		st = topc_buf_addc(&seq, '\a');
	if (st == TOPC_OK)
		st = topc_buf_add(out, seq.data, seq.len);
	/* the sequence again for tmux's passthrough: its one ESC doubled, then ST */
	if (st == TOPC_OK && tmux)
		st = topc_buf_adds(out, "\033Ptmux;\033");
	if (st == TOPC_OK && tmux)
		st = topc_buf_add(out, seq.data, seq.len);
	if (st == TOPC_OK && tmux)
		st = topc_buf_adds(out, "\033\\");
	topc_buf_release(&seq);
	if (st != TOPC_OK)
		return topc_error_set(err, st, "out of memory copying %zu bytes", len);
	return TOPC_OK;
}
