/*
 * buf.h - a growable byte buffer with a size cap (in the spirit of git's
 * strbuf and curl's dynbuf).
 *
 * Invariants: data is NUL-terminated once anything was added (so it can be
 * used as a C string when it holds text), and len never exceeds cap.
 *
 * It fails closed, as curl's dynbuf does: an append that would pass the cap
 * or that runs out of memory frees the contents and marks the buffer failed,
 * and every later append fails too until topc_buf_reset.  So no caller can go
 * on with a silently cut text: after any failure the buffer is empty and
 * topc_buf_detach gives NULL.  Every status-returning function is
 * TOPC_MUST_CHECK: chain appends with || (TOPC_OK is 0) or stop at the first
 * failure, and pass the status on.
 *
 * A zero-initialised struct is not valid: call topc_buf_init first.  The
 * buffer owns data until topc_buf_detach hands it to the caller.
 */
#ifndef TOPC_BUF_H
#define TOPC_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

#define TOPC_BUF_DEFAULT_CAP ((size_t)64 * 1024 * 1024)

struct topc_buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap;  /* appends that would exceed this fail with TOPC_ERR_NOMEM */
	bool failed; /* an append failed: contents freed, appends refused until reset */
};

void topc_buf_init(struct topc_buf *b, size_t cap);
void topc_buf_release(struct topc_buf *b);
/* Zeroes every byte the buffer holds (a secret), then releases it. */
void topc_buf_wipe(struct topc_buf *b);
/* Empties the buffer and clears a failure (the cap stays). */
void topc_buf_reset(struct topc_buf *b);

/* Each returns TOPC_OK, or TOPC_ERR_NOMEM when the cap would be passed or
 * memory ran out (or the buffer had failed before); then the buffer is
 * empty and failed. */
TOPC_MUST_CHECK enum topc_status topc_buf_add(struct topc_buf *b, const void *data, size_t len);
TOPC_MUST_CHECK enum topc_status topc_buf_adds(struct topc_buf *b, const char *s);
TOPC_MUST_CHECK enum topc_status topc_buf_addc(struct topc_buf *b, char c);
TOPC_MUST_CHECK enum topc_status topc_buf_addf(struct topc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
TOPC_MUST_CHECK enum topc_status topc_buf_vaddf(struct topc_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* The contents as a C string; "" for an empty or failed buffer.  Valid until
 * the next change to the buffer. */
const char *topc_buf_str(const struct topc_buf *b);

/* Hands the heap string to the caller and leaves the buffer empty (and no
 * longer failed).  An empty buffer gives "", a failed one NULL (as does
 * running out of memory). */
TOPC_MUST_CHECK char *topc_buf_detach(struct topc_buf *b, size_t *len);

/* A heap string formatted whole (up to TOPC_BUF_DEFAULT_CAP), for the
 * caller to free; NULL when out of memory or past the cap, never cut. */
TOPC_MUST_CHECK char *topc_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
TOPC_MUST_CHECK char *topc_vstrf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* An array that grows by doubling, for lists of unknown length: items holds
 * count items of size bytes in room for *alloc.  Returns items when there
 * is room for one more, else items reallocated to twice the room (16 at
 * first), *alloc updated; NULL when out of memory, items then still the
 * caller's and *alloc as it was.  p = topc_grow(v, sizeof(*v), n, &alloc). */
TOPC_MUST_CHECK void *topc_grow(void *items, size_t size, size_t count, size_t *alloc);

#endif
