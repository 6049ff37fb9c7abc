/*
 * buf.h - a growable byte buffer with a size cap (in the spirit of git's
 * strbuf and curl's dynbuf).
 *
 * Invariants: data is always NUL-terminated once anything was added (so it can
 * be used as a C string when it holds text), len never exceeds cap, and a
 * failed append leaves the buffer as it was.  A zero-initialised struct is not
 * valid: call topc_buf_init first.  The buffer owns data until
 * topc_buf_detach hands it to the caller.
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
	size_t cap; /* appends that would exceed this fail with TOPC_ERR_NOMEM */
};

void topc_buf_init(struct topc_buf *b, size_t cap);
void topc_buf_release(struct topc_buf *b);
void topc_buf_reset(struct topc_buf *b);

enum topc_status topc_buf_add(struct topc_buf *b, const void *data, size_t len);
enum topc_status topc_buf_adds(struct topc_buf *b, const char *s);
enum topc_status topc_buf_addc(struct topc_buf *b, char c);
enum topc_status topc_buf_addf(struct topc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
enum topc_status topc_buf_vaddf(struct topc_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* The contents as a C string; "" for an empty buffer.  Valid until the next
 * change to the buffer. */
const char *topc_buf_str(const struct topc_buf *b);

/* Hand the heap string to the caller (never NULL unless out of memory) and
 * leave the buffer empty. */
char *topc_buf_detach(struct topc_buf *b, size_t *len);

#endif
