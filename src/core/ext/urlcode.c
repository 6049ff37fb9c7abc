#include "ext/urlcode.h"

#include <curl/curl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ext/transport.h"

static enum topc_status add_escaped(struct topc_buf *out, const char *s)
{
	char *e = curl_easy_escape(NULL, s, (int)strlen(s));
	enum topc_status st;

	if (!e)
		return TOPC_ERR_NOMEM;
	st = topc_buf_adds(out, e);
	curl_free(e);
	return st;
}

enum topc_status topc_url_form_encode(const struct topc_params *params, struct topc_buf *out,
				      struct topc_error *err)
{
	enum topc_status st = TOPC_OK;
	bool first = true;

	if (!topc_http_init(err))
		return TOPC_ERR_INTERNAL;
	for (size_t i = 0; i < params->count && st == TOPC_OK; i++) {
		const struct topc_param *p = &params->items[i];
		if (p->value[0] == '\0')
			continue;
		if (!first)
			st = topc_buf_addc(out, '&');
		first = false;
		if (st == TOPC_OK)
			st = add_escaped(out, p->name);
		if (st == TOPC_OK)
			st = topc_buf_addc(out, '=');
		if (st == TOPC_OK)
			st = add_escaped(out, p->value);
	}
	if (st != TOPC_OK)
		return topc_error_set(err, st, "out of memory encoding the request");
	return TOPC_OK;
}

char *topc_url_unescape(const char *s, size_t len, size_t *outlen_out)
{
	char *plus = malloc(len + 1), *res, *copy;
	int outlen = 0;

	if (!plus || len > INT_MAX) {
		free(plus);
		return NULL;
	}
	for (size_t i = 0; i < len; i++)
		plus[i] = s[i] == '+' ? ' ' : s[i];
	plus[len] = '\0';
	res = curl_easy_unescape(NULL, plus, (int)len, &outlen);
	free(plus);
	if (!res)
		return NULL;
	copy = malloc((size_t)outlen + 1);
	if (copy) {
		memcpy(copy, res, (size_t)outlen);
		copy[outlen] = '\0';
		*outlen_out = (size_t)outlen;
	}
	curl_free(res);
	return copy;
}

/* An index of a parameter list by name (open addressing, FNV-1a), so that
 * decoding n pairs costs O(n) instead of one linear search per pair: a
 * captured body of a million parameters took hours. */
struct name_index {
	size_t *slot; /* item index + 1; 0 is free */
	size_t mask;
};

static size_t name_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static bool name_index_init(struct name_index *ix, size_t most)
{
	size_t n = 64;

	while (n < most * 2 && n < SIZE_MAX / 4)
		n *= 2;
	ix->slot = calloc(n, sizeof(*ix->slot));
	ix->mask = n - 1;
	return ix->slot != NULL;
}

/* The slot of name: its item's, or the free one where it belongs. */
static size_t *name_index_find(const struct name_index *ix, const struct topc_params *params,
			       const char *name)
{
	size_t i = name_hash(name) & ix->mask;

	while (ix->slot[i] && strcmp(params->items[ix->slot[i] - 1].name, name) != 0)
		i = (i + 1) & ix->mask;
	return &ix->slot[i];
}

/* One pair into params: a name given again keeps its place and takes the
 * last value, as topc_params_set does. */
static enum topc_status add_pair(struct topc_params *params, struct name_index *ix,
				 const char *name, const char *value, size_t vlen)
{
	size_t *slot = name_index_find(ix, params, name);
	enum topc_status st;

	if (*slot) {
		char *v = malloc(vlen + 1);
		if (!v)
			return TOPC_ERR_NOMEM;
		memcpy(v, value, vlen + 1);
		free(params->items[*slot - 1].value);
		params->items[*slot - 1].value = v;
		return TOPC_OK;
	}
	st = topc_params_append(params, name, value, vlen);
	if (st == TOPC_OK)
		*slot = params->count;
	return st;
}

static enum topc_status decode_pairs(const char *body, size_t len, struct topc_params *params,
				     struct name_index *ix, struct topc_error *err)
{
	const char *p = body, *end = body + len;

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *pair_end = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(pair_end - p));
		char *name, *value;
		size_t nlen = 0, vlen = 0;
		enum topc_status st;

		if (pair_end == p) {
			p = pair_end + 1;
			continue;
		}
		if (!eq)
			return topc_error_set(
			    err, TOPC_ERR_INPUT,
			    "form body: \"%.*s\" has no '='; write it as name=value",
			    (int)(pair_end - p > 40 ? 40 : pair_end - p), p);
		name = topc_url_unescape(p, (size_t)(eq - p), &nlen);
		value = topc_url_unescape(eq + 1, (size_t)(pair_end - eq - 1), &vlen);
		if (name && value && (strlen(name) != nlen || strlen(value) != vlen)) {
			free(name);
			free(value);
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "form body: \"%.*s\" holds %%00, a NUL byte no "
					      "parameter can carry; remove it",
					      (int)(pair_end - p > 40 ? 40 : pair_end - p), p);
		}
		st = name && value ? add_pair(params, ix, name, value, vlen) : TOPC_ERR_NOMEM;
		free(name);
		free(value);
		if (st != TOPC_OK)
			return topc_error_set(err, st, "form body: out of memory");
		p = pair_end + 1;
	}
	return TOPC_OK;
}

enum topc_status topc_url_form_decode(const char *body, size_t len, struct topc_params *params,
				      struct topc_error *err)
{
	struct name_index ix;
	size_t pairs = 1;
	enum topc_status st;

	if (!topc_http_init(err))
		return err ? err->code : TOPC_ERR_INTERNAL;
	/* an empty body may come as NULL (a buffer nothing was added to):
	 * memchr of NULL, and NULL + 0, are undefined even for no bytes */
	if (!body)
		body = "";
	for (const char *a = body; (a = memchr(a, '&', (size_t)(body + len - a))) != NULL; a++)
		pairs++;
	if (!name_index_init(&ix, params->count + pairs))
		return topc_error_set(err, TOPC_ERR_NOMEM, "form body: out of memory");
	for (size_t i = 0; i < params->count; i++)
		*name_index_find(&ix, params, params->items[i].name) = i + 1;
	st = decode_pairs(body, len, params, &ix, err);
	free(ix.slot);
	return st;
}

enum topc_status topc_url_split(const char *url, char **host, char **path, struct topc_error *err)
{
	CURLU *u;
	char *h = NULL, *port = NULL, *pa = NULL, *q = NULL;
	struct topc_buf hb, pb;
	enum topc_status st = TOPC_OK;

	/* the URL API needs no curl_global_init: a profile's load (the console's
	 * start) no longer starts OpenSSL, 1.9 MB of the first screen's RSS */
	if (!(u = curl_url()))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return topc_error_set(err, TOPC_ERR_INPUT,
				      "\"%s\" is not a URL; write http://host/router/rest", url);
	}
	curl_url_get(u, CURLUPART_PORT, &port, 0);
	curl_url_get(u, CURLUPART_PATH, &pa, 0);
	curl_url_get(u, CURLUPART_QUERY, &q, 0);
	topc_buf_init(&hb, 0);
	topc_buf_init(&pb, 0);
	if (topc_buf_addf(&hb, "%s%s%s", h, port ? ":" : "", port ? port : "") != TOPC_OK ||
	    topc_buf_addf(&pb, "%s%s%s", pa ? pa : "/", q ? "?" : "", q ? q : "") != TOPC_OK)
		st = topc_error_set(err, TOPC_ERR_NOMEM, "\"%s\": URL too long", url);
	*host = topc_buf_detach(&hb, NULL);
	*path = topc_buf_detach(&pb, NULL);
	if (st == TOPC_OK && (!*host || !*path))
		st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	if (st != TOPC_OK) {
		free(*host);
		free(*path);
		*host = *path = NULL;
	}
	curl_free(h);
	curl_free(port);
	curl_free(pa);
	curl_free(q);
	curl_url_cleanup(u);
	return st;
}
