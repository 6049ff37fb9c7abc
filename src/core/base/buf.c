#include "base/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void topc_buf_init(struct topc_buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap ? cap : TOPC_BUF_DEFAULT_CAP;
	b->failed = false;
}

void topc_buf_release(struct topc_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->failed = false;
}

static void zero(struct topc_buf *b)
{
	volatile char *p = b->data;

	for (size_t i = 0; p && i < b->alloc; i++)
		p[i] = 0;
}

void topc_buf_wipe(struct topc_buf *b)
{
	zero(b);
	topc_buf_release(b);
}

void topc_buf_reset(struct topc_buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->data)
		b->data[0] = '\0';
}

/* Fail closed: nothing of what was added survives a failed append, not even
 * in freed memory (the buffer may hold a secret). */
static enum topc_status buf_fail(struct topc_buf *b)
{
	topc_buf_wipe(b);
	b->failed = true;
	return TOPC_ERR_NOMEM;
}

static enum topc_status buf_reserve(struct topc_buf *b, size_t extra)
{
	size_t need, n;
	char *p;

	if (b->failed)
		return TOPC_ERR_NOMEM;
	if (extra > b->cap || b->len > b->cap - extra)
		return buf_fail(b);
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return TOPC_OK;
	n = b->alloc ? b->alloc : 64;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	p = realloc(b->data, n);
	if (!p)
		return buf_fail(b);
	b->data = p;
	b->alloc = n;
	return TOPC_OK;
}

enum topc_status topc_buf_add(struct topc_buf *b, const void *data, size_t len)
{
	enum topc_status st = buf_reserve(b, len);
	if (st != TOPC_OK)
		return st;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return TOPC_OK;
}

enum topc_status topc_buf_adds(struct topc_buf *b, const char *s)
{
	return topc_buf_add(b, s, strlen(s));
}

enum topc_status topc_buf_addc(struct topc_buf *b, char c)
{
	return topc_buf_add(b, &c, 1);
}

enum topc_status topc_buf_vaddf(struct topc_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	enum topc_status st;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return buf_fail(b);
	st = buf_reserve(b, (size_t)n);
	if (st != TOPC_OK)
		return st;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return TOPC_OK;
}

enum topc_status topc_buf_addf(struct topc_buf *b, const char *fmt, ...)
{
	va_list ap;
	enum topc_status st;

	va_start(ap, fmt);
	st = topc_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return st;
}

const char *topc_buf_str(const struct topc_buf *b)
{
	return b->data && !b->failed ? b->data : "";
}

char *topc_buf_detach(struct topc_buf *b, size_t *len)
{
	char *p = b->failed ? NULL : b->data;

	if (!b->failed && !p)
		p = calloc(1, 1);
	if (len)
		*len = p ? b->len : 0;
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->failed = false;
	return p;
}

char *topc_vstrf(const char *fmt, va_list ap)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	if (topc_buf_vaddf(&b, fmt, ap) != TOPC_OK)
		return NULL;
	return topc_buf_detach(&b, NULL);
}

char *topc_strf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = topc_vstrf(fmt, ap);
	va_end(ap);
	return s;
}

void *topc_grow(void *items, size_t size, size_t count, size_t *alloc)
{
	size_t n = *alloc ? *alloc * 2 : 16;
	void *grown;

	if (count < *alloc)
		return items;
	if (n < *alloc || n > SIZE_MAX / size || !(grown = realloc(items, n * size)))
		return NULL;
	*alloc = n;
	return grown;
}
