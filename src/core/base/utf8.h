/*
 * utf8.h - strict UTF-8 (RFC 3629): no overlong forms, no surrogates,
 * nothing above U+10FFFF.  For text that came from outside: request
 * parameters the local gateway must refuse, messages cut to a buffer's
 * size, and text printed inert to a terminal.
 */
#ifndef TOPC_UTF8_H
#define TOPC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length (1-4) of the valid character at s[0..len), setting *cp; 0 when
 * the bytes there are not one (or len is 0). */
size_t topc_utf8_next(const char *s, size_t len, uint32_t *cp);

/* True when s[0..len) is valid UTF-8 and holds no NUL byte. */
bool topc_utf8_valid(const char *s, size_t len);

/* Cuts a NUL-terminated string in place so that it ends on a whole
 * character: after snprintf("%.40s") or a full buffer cut one in half.
 * Invalid bytes before the end are replaced by '?'. */
void topc_utf8_clip(char *s);

#endif
