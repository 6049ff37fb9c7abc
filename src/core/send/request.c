#include "send/request.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/utf8.h"
#include "ext/json.h"
#include "ext/urlcode.h"
#include "form/form.h"
#include "form/form_value.h"

enum topc_status topc_request_check_method(const char *method,
					   const struct topc_params *const *given, size_t ngiven,
					   bool any_method, const char **wire,
					   struct topc_error *err)
{
	const char *sent = NULL;

	if (!method)
		method = "";
	for (size_t i = 0; i < ngiven && !sent; i++)
		sent = topc_params_get(given[i], "method");
	if (sent && strcmp(sent, method) == 0)
		sent = NULL; /* method=METHOD is METHOD */
	if (wire)
		*wire = sent;
	if (any_method)
		return TOPC_OK;
	if (!topc_method_name_ok(sent ? sent : method))
		return topc_error_set(
		    err, TOPC_ERR_USAGE,
		    "method \"%s\" is not a TOP API name (lower-case words joined by dots, such as "
		    "taobao.tpn.template.message.send); nothing was sent; --any-method sends it "
		    "anyway, to test a gateway",
		    sent ? sent : method);
	if (sent)
		return topc_error_set(
		    err, TOPC_ERR_USAGE,
		    "method=%s would send another API than %s, while the summary, "
		    "the history and the exports name %s; nothing was sent; give %s "
		    "as METHOD, or --any-method to test a gateway",
		    sent, method, method, sent);
	return TOPC_OK;
}

enum topc_status topc_request_check_json_like(const struct topc_params *business,
					      struct topc_error *err)
{
	for (size_t i = 0; business && i < business->count; i++) {
		const char *v = business->items[i].value;
		size_t len = strlen(v), at = 0;
		if ((v[0] != '{' && v[0] != '[') || topc_json_valid(v, len, &at))
			continue;
		return topc_error_set(err, TOPC_ERR_INPUT,
				      "parameter %s: not valid JSON at byte %zu (near \"%.20s\"); "
				      "fix the quoting, or send it unchecked with -S",
				      business->items[i].name, at, v + (at < len ? at : len));
	}
	return TOPC_OK;
}

enum topc_status topc_request_check_utf8(const struct topc_params *values, struct topc_error *err)
{
	for (size_t i = 0; values && i < values->count; i++) {
		const char *v = values->items[i].value;
		size_t len = strlen(v), at = 0, n;
		uint32_t cp;
		while (at < len && (n = topc_utf8_next(v + at, len - at, &cp)) > 0)
			at += n;
		if (at < len)
			return topc_error_set(
			    err, TOPC_ERR_INPUT,
			    "%s: not valid UTF-8 at byte %zu (0x%02X); TOP answers "
			    "47 Invalid Encoding; fix the value, or send the bytes as "
			    "they are with -S",
			    values->items[i].name, at, (unsigned char)v[at]);
	}
	return TOPC_OK;
}

void topc_request_init(struct topc_request *r)
{
	memset(r, 0, sizeof(*r));
	topc_params_init(&r->params);
	topc_buf_init(&r->body, 0);
}

void topc_request_release(struct topc_request *r)
{
	free(r->method);
	free(r->url);
	topc_params_release(&r->params);
	/* The body may carry the session key. */
	topc_buf_wipe(&r->body);
	topc_request_init(r);
}

const char *topc_request_mask(const char *name, const char *value, bool reveal)
{
	if (!reveal && strcmp(name, "session") == 0 && *value)
		return "<session>";
	return value;
}

static enum topc_status add_system(struct topc_request *r, const struct topc_profile *profile,
				   const char *method, int64_t now_ms, struct topc_error *err)
{
	struct topc_params *p = &r->params;
	struct topc_buf session;
	char ts[TOPC_TIMESTAMP_LEN];
	enum topc_status st;

	topc_timestamp_format(now_ms / 1000, ts);
	topc_buf_init(&session, 0);
	st = topc_profile_secret(profile, "session", &session, err);
	if (st != TOPC_OK) {
		topc_buf_wipe(&session);
		return st;
	}
	if ((st = topc_params_set(p, "method", method)) ||
	    (st = topc_params_set(p, "app_key", profile->app_key)) ||
	    (st = topc_params_set(p, "session", topc_buf_str(&session))) ||
	    (st = topc_params_set(p, "timestamp", ts)) || (st = topc_params_set(p, "v", "2.0")) ||
	    (st = topc_params_set(p, "format",
				  profile->format == TOPC_FORMAT_XML ? "xml" : "json")) ||
	    (st = topc_params_set(p, "sign_method", topc_sign_method_name(profile->sign_method))) ||
	    (st = topc_params_set(p, "simplify", profile->simplify ? "true" : "")) ||
	    /* as the SDKs put their version there (top-sdk-java-20200706), so
	     * TOP's logs show which tool sent it; partner_id = "" leaves it out */
	    (st = topc_params_set(p, "partner_id",
				  profile->partner_id ? profile->partner_id : TOPC_PARTNER_ID)) ||
	    (st = topc_params_set(p, "target_app_key",
				  profile->target_app_key ? profile->target_app_key : "")))
		topc_error_set(err, st, "out of memory building the request");
	topc_buf_wipe(&session);
	return st;
}

static enum topc_status add_business(struct topc_request *r, const struct topc_params *business,
				     struct topc_error *err)
{
	for (size_t i = 0; business && i < business->count; i++) {
		const struct topc_param *b = &business->items[i];
		if (strcmp(b->name, "sign") == 0)
			return topc_error_set(
			    err, TOPC_ERR_INPUT,
			    "parameter sign cannot be set by hand; topc computes it");
		if (strcmp(b->name, "session") == 0)
			return topc_error_set(
			    err, TOPC_ERR_INPUT,
			    "parameter session cannot be set by hand; put the session "
			    "source in the profile (session_env, session_file, session_cmd)");
		/* TaobaoHashMap.put (StringUtils.areNotEmpty) keeps no value that is
		 * empty or white space only (Character.isWhitespace: U+3000 too),
		 * and TaobaoUtils.signTopRequest and WebUtils.buildQuery skip such
		 * values: the Java SDK never sends one.  Held as "", it is neither
		 * signed nor sent here either, with -s and -S alike (an empty value
		 * always was); the form's fields already were (form_wire.c) */
		if (topc_params_set(&r->params, b->name,
				    topc_value_blank(b->value) ? "" : b->value) != TOPC_OK)
			return topc_error_set(err, TOPC_ERR_NOMEM,
					      "out of memory building the request");
	}
	return TOPC_OK;
}

/* Reads back the effective sign_method/format/simplify after overrides. */
static enum topc_status read_effective(struct topc_request *r, struct topc_error *err)
{
	const char *sm = topc_params_get(&r->params, "sign_method");
	const char *fmt = topc_params_get(&r->params, "format");
	const char *simp = topc_params_get(&r->params, "simplify");

	if (!sm || !*sm || !topc_sign_method_parse(sm, &r->sign_method))
		return topc_error_set(err, TOPC_ERR_INPUT,
				      "sign_method \"%s\" is not md5, hmac or hmac-sha256",
				      sm ? sm : "");
	r->format = fmt && strcmp(fmt, "xml") == 0 ? TOPC_FORMAT_XML : TOPC_FORMAT_JSON;
	r->simplify = simp && strcmp(simp, "true") == 0;
	return TOPC_OK;
}

/* The passwords of the gateway's URL and of the proxy's, which may come
 * from libcurl's environment, added to mask. */
static bool mask_urls(struct topc_mask *mask, const struct topc_profile *profile, const char *url)
{
	static const char *const proxy_env[] = {"http_proxy",  "HTTP_PROXY", "https_proxy",
						"HTTPS_PROXY", "all_proxy",  "ALL_PROXY"};
	bool ok = topc_mask_add_url(mask, url, TOPC_MASK_PASSWORD);

	if (profile->proxy)
		ok = topc_mask_add_url(mask, profile->proxy, TOPC_MASK_PASSWORD) && ok;
	else
		for (size_t i = 0; i < sizeof(proxy_env) / sizeof(proxy_env[0]); i++)
			ok =
			    topc_mask_add_url(mask, getenv(proxy_env[i]), TOPC_MASK_PASSWORD) && ok;
	return ok;
}

/* Fingerprints of every secret the request carries, for the transport to
 * mask in the answer. */
static bool mask_secrets(struct topc_request *r, const struct topc_profile *profile,
			 const char *secret)
{
	bool ok;

	topc_mask_init(&r->mask);
	ok = topc_mask_add_secret(&r->mask, secret, TOPC_MASK_SECRET);
	ok = topc_mask_add_secret(&r->mask, topc_params_get(&r->params, "session"),
				  TOPC_MASK_SESSION) &&
	     ok;
	return mask_urls(&r->mask, profile, r->url) && ok;
}

bool topc_request_values_hold_secret(const struct topc_profile *profile, const char *url,
				     const struct topc_params *values)
{
	struct topc_mask mask;
	bool held;

	topc_mask_init(&mask);
	held = !mask_urls(&mask, profile, url); /* not all fingerprints held: as if held */
	topc_profile_mask_known(profile, &mask);
	for (size_t i = 0; values && i < values->count && !held; i++)
		held = topc_mask_holds(&mask, values->items[i].value) != NULL;
	return held;
}

/* A parameter that holds the app secret, the session key or a URL's
 * password (a template's ${env:NAME} of the same value, a pasted URL) is
 * refused: the fingerprints the answer is masked with find it, and the
 * message names the parameter, never the value. */
static enum topc_status refuse_secrets(const struct topc_request *r,
				       const struct topc_params *business, struct topc_error *err)
{
	for (size_t i = 0; business && i < business->count; i++) {
		const char *label = topc_mask_holds(&r->mask, business->items[i].value);
		if (!label)
			continue;
		if (strcmp(label, TOPC_MASK_SECRET) == 0)
			return topc_error_set(err, TOPC_ERR_HOLDS_SECRET,
					      "parameter %s holds the profile's app secret, and "
					      "secrets never go into parameters; nothing was sent: "
					      "give it another value",
					      business->items[i].name);
		if (strcmp(label, TOPC_MASK_SESSION) == 0)
			return topc_error_set(err, TOPC_ERR_HOLDS_SECRET,
					      "parameter %s holds the session key, and secrets "
					      "never go into parameters; nothing was sent: give it "
					      "another value",
					      business->items[i].name);
		return topc_error_set(err, TOPC_ERR_HOLDS_SECRET,
				      "parameter %s holds the password of the gateway's or the "
				      "proxy's URL; nothing was sent: give it another value",
				      business->items[i].name);
	}
	return TOPC_OK;
}

enum topc_status topc_request_build(struct topc_request *r, const struct topc_profile *profile,
				    const char *url, const char *method,
				    const struct topc_params *business, int64_t now_ms,
				    struct topc_error *err)
{
	struct topc_buf secret;
	enum topc_status st;
	size_t n = 0;

	topc_request_release(r);
	r->method = strdup(method);
	r->url = strdup(url);
	if (!r->method || !r->url)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory building the request");
	if ((st = add_system(r, profile, method, now_ms, err)) ||
	    (st = add_business(r, business, err)) || (st = read_effective(r, err)))
		return st;
	topc_buf_init(&secret, 0);
	st = topc_profile_secret(profile, "secret", &secret, err);
	if (st == TOPC_OK)
		st = topc_sign_compute(r->sign_method, topc_buf_str(&secret), &r->params,
				       r->signature, err);
	if (st == TOPC_OK && !mask_secrets(r, profile, topc_buf_str(&secret)))
		st = topc_error_set(err, TOPC_ERR_NOMEM,
				    "the secrets have too many spellings to mask in the answer; "
				    "nothing was sent");
	topc_buf_wipe(&secret);
	if (st == TOPC_OK)
		st = refuse_secrets(r, business, err);
	if (st != TOPC_OK)
		return st;
	if (topc_params_set(&r->params, "sign", r->signature) != TOPC_OK)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory encoding the request");
	if ((st = topc_url_form_encode(&r->params, &r->body, err)) != TOPC_OK)
		return st;
	r->headers[n++] = "Content-Type: " TOPC_CONTENT_TYPE;
	r->headers[n++] = "Accept: application/json, text/xml";
	r->headers[n++] = "Accept-Encoding: gzip";
	r->headers[n++] = "User-Agent: topc/" TOPC_VERSION;
	r->headers[n] = NULL;
	return TOPC_OK;
}

enum topc_status topc_request_write_http(const struct topc_request *r, bool reveal,
					 struct topc_buf *out, struct topc_error *err)
{
	char *host = NULL, *path = NULL;
	struct topc_buf body;
	enum topc_status st;

	st = topc_url_split(r->url, &host, &path, err);
	if (st != TOPC_OK)
		return st;
	topc_buf_init(&body, 0);
	st = topc_request_body_shown(r, reveal, &body, err);
	if (st == TOPC_OK)
		st = topc_buf_addf(out, "POST %s HTTP/1.1\r\nHost: %s\r\n", path, host);
	for (size_t i = 0; st == TOPC_OK && r->headers[i]; i++)
		st = topc_buf_addf(out, "%s\r\n", r->headers[i]);
	if (st == TOPC_OK)
		st = topc_buf_addf(out, "Content-Length: %zu\r\n\r\n%s", r->body.len,
				   topc_buf_str(&body));
	topc_buf_release(&body);
	free(host);
	free(path);
	return st;
}

enum topc_status topc_request_body_shown(const struct topc_request *r, bool reveal,
					 struct topc_buf *out, struct topc_error *err)
{
	struct topc_params shown;
	enum topc_status st = TOPC_OK;

	topc_params_init(&shown);
	for (size_t i = 0; i < r->params.count && st == TOPC_OK; i++)
		st = topc_params_set(
		    &shown, r->params.items[i].name,
		    topc_request_mask(r->params.items[i].name, r->params.items[i].value, reveal));
	if (st == TOPC_OK)
		st = topc_url_form_encode(&shown, out, err);
	else
		topc_error_set(err, st, "out of memory showing the request");
	topc_params_release(&shown);
	return st;
}
