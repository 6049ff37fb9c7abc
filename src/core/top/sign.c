#include "top/sign.h"

#include <stdlib.h>
#include <string.h>

#include "ext/crypto.h"

static const char *const sign_method_names[] = {
#define TOPC_X(id, wire) wire,
    TOPC_SIGN_METHOD_TABLE(TOPC_X)
#undef TOPC_X
};

#define SIGN_METHOD_COUNT (sizeof(sign_method_names) / sizeof(sign_method_names[0]))

const char *topc_sign_method_name(enum topc_sign_method m)
{
	return (size_t)m < SIGN_METHOD_COUNT ? sign_method_names[m] : "?";
}

bool topc_sign_method_parse(const char *name, enum topc_sign_method *m)
{
	for (size_t i = 0; i < SIGN_METHOD_COUNT; i++) {
		if (strcmp(name, sign_method_names[i]) == 0) {
			*m = (enum topc_sign_method)i;
			return true;
		}
	}
	return false;
}

static bool param_is_signed(const struct topc_param *p)
{
	return p->value[0] != '\0' && strcmp(p->name, "sign") != 0;
}

enum topc_status topc_sign_canonical(const struct topc_params *params, struct topc_buf *out)
{
	const struct topc_param *stack_order[32];
	const struct topc_param **order = stack_order;
	enum topc_status st = TOPC_OK;

	if (params->count > 32) {
		order = malloc(params->count * sizeof(*order));
		if (!order)
			return TOPC_ERR_NOMEM;
	}
	topc_params_sorted(params, order);
	for (size_t i = 0; i < params->count && st == TOPC_OK; i++) {
		if (!param_is_signed(order[i]))
			continue;
		st = topc_buf_adds(out, order[i]->name);
		if (st == TOPC_OK)
			st = topc_buf_adds(out, order[i]->value);
	}
	if (order != stack_order)
		free(order);
	return st;
}

enum topc_status topc_sign_compute(enum topc_sign_method method, const char *secret,
				   const struct topc_params *params, char hex[TOPC_SIGN_HEX_MAX],
				   struct topc_error *err)
{
	struct topc_buf s;
	unsigned char digest[TOPC_DIGEST_MAX];
	size_t dlen = 0, slen = strlen(secret);
	enum topc_status st;

	topc_buf_init(&s, 0);
	st = topc_sign_canonical(params, &s);
	if (st != TOPC_OK) {
		topc_buf_release(&s);
		return topc_error_set(err, st, "request too large to sign");
	}
	if (method == TOPC_SIGN_MD5) {
		const void *parts[3] = {secret, topc_buf_str(&s), secret};
		size_t lens[3] = {slen, s.len, slen};
		st =
		    topc_digest_parts(TOPC_DIGEST_MD5, NULL, 0, parts, lens, 3, digest, &dlen, err);
	} else {
		const void *parts[1] = {topc_buf_str(&s)};
		size_t lens[1] = {s.len};
		enum topc_digest kind =
		    method == TOPC_SIGN_HMAC ? TOPC_DIGEST_HMAC_MD5 : TOPC_DIGEST_HMAC_SHA256;
		st = topc_digest_parts(kind, secret, slen, parts, lens, 1, digest, &dlen, err);
	}
	topc_buf_release(&s);
	if (st == TOPC_OK)
		topc_hex_upper(digest, dlen, hex);
	return st;
}

enum topc_status topc_sign_display(enum topc_sign_method method, const struct topc_params *params,
				   struct topc_buf *out)
{
	enum topc_status st = TOPC_OK;

	if (method == TOPC_SIGN_MD5)
		st = topc_buf_adds(out, "<secret>");
	if (st == TOPC_OK)
		st = topc_sign_canonical(params, out);
	if (st == TOPC_OK && method == TOPC_SIGN_MD5)
		st = topc_buf_adds(out, "<secret>");
	return st;
}
