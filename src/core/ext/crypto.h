/*
 * crypto.h - the only door to OpenSSL.
 *
 * Digests for TOP signing and random bytes for request ids and UUIDs.  Output
 * is raw bytes; topc_hex_upper turns them into the upper-case hex TOP uses.
 */
#ifndef TOPC_CRYPTO_H
#define TOPC_CRYPTO_H

#include <stddef.h>

#include "base/error.h"

#define TOPC_DIGEST_MAX 32 /* SHA-256 */

enum topc_digest { TOPC_DIGEST_MD5, TOPC_DIGEST_HMAC_MD5, TOPC_DIGEST_HMAC_SHA256 };

/*
 * Digest of the concatenation of `nparts` byte strings.  For the HMAC kinds
 * `key`/`keylen` is the HMAC key; plain MD5 ignores it.  Writes the digest to
 * out (TOPC_DIGEST_MAX bytes) and its length to *outlen.
 */
enum topc_status topc_digest_parts(enum topc_digest kind, const void *key, size_t keylen,
				   const void *const *parts, const size_t *lens, size_t nparts,
				   unsigned char out[TOPC_DIGEST_MAX], size_t *outlen,
				   struct topc_error *err);

/* Writes 2*len upper-case hex digits and a NUL to hex. */
void topc_hex_upper(const unsigned char *bytes, size_t len, char *hex);

/* Cryptographically strong random bytes. */
enum topc_status topc_random_bytes(void *out, size_t len, struct topc_error *err);

#endif
