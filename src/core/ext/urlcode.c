#include "ext/urlcode.h"

#include <curl/curl.h>
#include <limits.h>
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

enum topc_status topc_url_form_decode(const char *body, size_t len, struct topc_params *params,
				      struct topc_error *err)
{
	const char *p = body, *end = body + len;

	if (!topc_http_init(err))
		return err ? err->code : TOPC_ERR_INTERNAL;
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
		st = name && value ? topc_params_set(params, name, value) : TOPC_ERR_NOMEM;
		free(name);
		free(value);
		if (st != TOPC_OK)
			return topc_error_set(err, st, "form body: out of memory");
		p = pair_end + 1;
	}
	return TOPC_OK;
}

enum topc_status topc_url_split(const char *url, char **host, char **path, struct topc_error *err)
{
	CURLU *u;
	char *h = NULL, *port = NULL, *pa = NULL, *q = NULL;
	struct topc_buf hb, pb;
	enum topc_status st = TOPC_OK;

	if (!topc_http_init(err))
		return TOPC_ERR_INTERNAL;
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
