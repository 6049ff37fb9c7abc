#include "ext/crypto.h"

/* MD5_* below: deprecated in OpenSSL 3 but kept there (3.5 too), and the
 * one digest call that needs no provider fetch (see digest_md5). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/core_names.h>
#include <openssl/rand.h>
#include <pthread.h>

/* Fetching the HMAC implementation is a provider lookup; do it once.  The
 * fetched object is shared read-only by every context, from any thread. */
static EVP_MAC *hmac_impl;
static pthread_once_t hmac_once = PTHREAD_ONCE_INIT;

static void hmac_fetch(void)
{
	hmac_impl = EVP_MAC_fetch(NULL, "HMAC", NULL);
}

/*
 * TOP's default signature, MD5 over secret+params+secret, through OpenSSL's
 * MD5 functions rather than EVP: the first EVP digest of a process fetches
 * it from the default provider, and that first fetch builds OpenSSL's name
 * map of every algorithm, about 3 million instructions, a tenth of all a
 * topc send does.  Same bytes (tests/vectors/sign.json checks them).
 */
static enum topc_status digest_md5(const void *const *parts, const size_t *lens, size_t nparts,
				   unsigned char *out, size_t *outlen, struct topc_error *err)
{
	MD5_CTX ctx;
	int ok = MD5_Init(&ctx);

	for (size_t i = 0; ok && i < nparts; i++)
		ok = MD5_Update(&ctx, parts[i], lens[i]);
	ok = ok && MD5_Final(out, &ctx);
	OPENSSL_cleanse(&ctx, sizeof(ctx)); /* it held the secret */
	if (!ok)
		return topc_error_set(err, TOPC_ERR_INTERNAL, "openssl md5 failed");
	*outlen = MD5_DIGEST_LENGTH;
	return TOPC_OK;
}

static enum topc_status digest_hmac(const EVP_MD *md, const void *key, size_t keylen,
				    const void *const *parts, const size_t *lens, size_t nparts,
				    unsigned char *out, size_t *outlen, struct topc_error *err)
{
	/* EVP_MAC (OpenSSL 3): the HMAC_* functions are deprecated there. */
	EVP_MAC_CTX *ctx;
	OSSL_PARAM params[2];
	size_t n = 0;
	int ok;

	pthread_once(&hmac_once, hmac_fetch);
	ctx = hmac_impl ? EVP_MAC_CTX_new(hmac_impl) : NULL;
	if (!ctx)
		return topc_error_set(err, TOPC_ERR_INTERNAL, "openssl hmac is unavailable");
	params[0] = OSSL_PARAM_construct_utf8_string("digest", (char *)EVP_MD_get0_name(md), 0);
	params[1] = OSSL_PARAM_construct_end();
	ok = EVP_MAC_init(ctx, key, keylen, params);
	for (size_t i = 0; ok && i < nparts; i++)
		ok = EVP_MAC_update(ctx, parts[i], lens[i]);
	ok = ok && EVP_MAC_final(ctx, out, &n, TOPC_DIGEST_MAX);
	EVP_MAC_CTX_free(ctx);
	if (!ok)
		return topc_error_set(err, TOPC_ERR_INTERNAL, "openssl hmac failed");
	*outlen = n;
	return TOPC_OK;
}

enum topc_status topc_digest_parts(enum topc_digest kind, const void *key, size_t keylen,
				   const void *const *parts, const size_t *lens, size_t nparts,
				   unsigned char out[TOPC_DIGEST_MAX], size_t *outlen,
				   struct topc_error *err)
{
	switch (kind) {
	case TOPC_DIGEST_MD5:
		return digest_md5(parts, lens, nparts, out, outlen, err);
	case TOPC_DIGEST_HMAC_MD5:
		return digest_hmac(EVP_md5(), key, keylen, parts, lens, nparts, out, outlen, err);
	case TOPC_DIGEST_HMAC_SHA256:
		return digest_hmac(EVP_sha256(), key, keylen, parts, lens, nparts, out, outlen,
				   err);
	}
	return topc_error_set(err, TOPC_ERR_INTERNAL, "unknown digest kind");
}

void topc_hex_upper(const unsigned char *bytes, size_t len, char *hex)
{
	static const char digits[] = "0123456789ABCDEF";

	for (size_t i = 0; i < len; i++) {
		hex[2 * i] = digits[bytes[i] >> 4];
		hex[2 * i + 1] = digits[bytes[i] & 15];
	}
	hex[2 * len] = '\0';
}

enum topc_status topc_random_bytes(void *out, size_t len, struct topc_error *err)
{
	if (RAND_bytes(out, (int)len) != 1)
		return topc_error_set(err, TOPC_ERR_INTERNAL,
				      "openssl could not produce random bytes");
	return TOPC_OK;
}
