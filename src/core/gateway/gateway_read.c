/* The local gateway's reading of a request's parameters, from the query and
 * the form body: linear in their number, and strict about encoding. */
#include "gateway/gateway_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "ext/urlcode.h"

struct read_item {
	char *name, *value;
	size_t seq;
};

struct topc_gateway_reader {
	struct read_item *items;
	size_t count, alloc;
	size_t seq;
	int code; /* the first refusal: 47 or 41; 0 while all is well */
	char sub_code[96], sub_msg[256];
	bool nomem;
	bool json; /* format=json was seen: a refusal is answered in JSON */
};

struct topc_gateway_reader *topc_gateway_reader_new(void)
{
	return calloc(1, sizeof(struct topc_gateway_reader));
}

void topc_gateway_reader_free(struct topc_gateway_reader *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->count; i++) {
		free(r->items[i].name);
		free(r->items[i].value);
	}
	free(r->items);
	free(r);
}

/* The name as it may appear in a message: valid UTF-8, at most 40 bytes. */
static void shown_name(const char *name, size_t len, char *out, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 2 < size && n < 40; i++)
		out[n++] = name[i] == '\0' ? '?' : name[i];
	out[n] = '\0';
	topc_utf8_clip(out);
}

static void refuse(struct topc_gateway_reader *r, const char *name, size_t nlen, bool nul)
{
	char shown[48];

	if (r->code)
		return;
	shown_name(name, nlen, shown, sizeof(shown));
	if (nul) {
		r->code = 41;
		snprintf(r->sub_code, sizeof(r->sub_code), "isv.invalid-parameter:%s", shown);
		snprintf(r->sub_msg, sizeof(r->sub_msg),
			 "parameter %s holds a NUL byte (%%00), which no TOP parameter may", shown);
	} else {
		r->code = 47;
		snprintf(r->sub_code, sizeof(r->sub_code), "isv.invalid-encoding:%s", shown);
		snprintf(r->sub_msg, sizeof(r->sub_msg),
			 "parameter %s is not UTF-8; send every name and value UTF-8 encoded",
			 shown);
	}
	topc_utf8_clip(r->sub_code);
	topc_utf8_clip(r->sub_msg);
}

void topc_gateway_reader_refuse_body(struct topc_gateway_reader *r, const char *why)
{
	if (r->code)
		return;
	r->code = 41;
	snprintf(r->sub_code, sizeof(r->sub_code), "isv.invalid-parameter:body");
	snprintf(r->sub_msg, sizeof(r->sub_msg), "%s", why);
	topc_utf8_clip(r->sub_msg);
}

/* Takes both strings (heap, len bytes each, NUL-terminated after). */
static void add_owned(struct topc_gateway_reader *r, char *name, size_t nlen, char *value,
		      size_t vlen)
{
	bool name_nul = memchr(name, '\0', nlen) != NULL, value_nul = memchr(value, '\0', vlen);

	if (strcmp(name, "format") == 0)
		r->json = strcmp(value, "json") == 0;

	if (name_nul || value_nul)
		refuse(r, name, nlen, true);
	else if (!topc_utf8_valid(name, nlen) || !topc_utf8_valid(value, vlen))
		refuse(r, name, nlen, false);
	if (r->code || !nlen) {
		free(name);
		free(value);
		return;
	}
	if (r->count == r->alloc) {
		size_t n = r->alloc ? r->alloc * 2 : 32;
		struct read_item *more = realloc(r->items, n * sizeof(*more));
		if (!more) {
			r->nomem = true;
			free(name);
			free(value);
			return;
		}
		r->items = more;
		r->alloc = n;
	}
	r->items[r->count++] = (struct read_item){name, value, r->seq++};
}

void topc_gateway_reader_add(struct topc_gateway_reader *r, const char *name, size_t nlen,
			     const char *value, size_t vlen)
{
	char *n = malloc(nlen + 1), *v = malloc(vlen + 1);

	if (!n || !v) {
		free(n);
		free(v);
		r->nomem = true;
		return;
	}
	memcpy(n, name, nlen);
	n[nlen] = '\0';
	memcpy(v, value, vlen);
	v[vlen] = '\0';
	add_owned(r, n, nlen, v, vlen);
}

void topc_gateway_reader_add_form(struct topc_gateway_reader *r, const char *body, size_t len)
{
	const char *p = body, *end = body + len;

	while (p < end && !r->nomem) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *pair_end = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(pair_end - p));
		size_t nlen = 0, vlen = 0;
		char *name, *value;

		if (pair_end > p) {
			/* a pair without '=' is a name with an empty value, as the
			 * servlet containers behind TOP read it */
			const char *name_end = eq ? eq : pair_end;
			name = topc_url_unescape(p, (size_t)(name_end - p), &nlen);
			value = eq ? topc_url_unescape(eq + 1, (size_t)(pair_end - eq - 1), &vlen)
				   : strdup("");
			if (name && value)
				add_owned(r, name, nlen, value, vlen);
			else {
				free(name);
				free(value);
				r->nomem = true;
			}
		}
		p = pair_end + 1;
	}
}

static int by_name_then_seq(const void *a, const void *b)
{
	const struct read_item *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static int by_seq(const void *a, const void *b)
{
	const struct read_item *x = a, *y = b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

enum topc_status topc_gateway_reader_finish(struct topc_gateway_reader *r,
					    struct topc_params *params,
					    struct topc_gateway_verdict *v)
{
	size_t kept = 0;

	memset(v, 0, sizeof(*v));
	v->format = r->json ? TOPC_FORMAT_JSON : TOPC_FORMAT_XML;
	if (r->nomem)
		return TOPC_ERR_NOMEM;
	if (r->code) {
		v->code = r->code;
		memcpy(v->sub_code, r->sub_code, sizeof(v->sub_code));
		memcpy(v->sub_msg, r->sub_msg, sizeof(v->sub_msg));
		return TOPC_OK;
	}
	/* A name given again keeps its first place and takes the last value,
	 * as topc_params_set does: sorted once instead of searched each time. */
	if (r->count > 1)
		qsort(r->items, r->count, sizeof(*r->items), by_name_then_seq);
	for (size_t i = 0; i < r->count;) {
		size_t j = i + 1;
		while (j < r->count && strcmp(r->items[j].name, r->items[i].name) == 0)
			j++;
		if (j - 1 > i) {
			char *last = r->items[j - 1].value;
			r->items[j - 1].value = r->items[i].value;
			r->items[i].value = last;
		}
		for (size_t k = i + 1; k < j; k++) {
			free(r->items[k].name);
			free(r->items[k].value);
		}
		r->items[kept++] = r->items[i];
		i = j;
	}
	r->count = kept;
	if (kept > 1)
		qsort(r->items, kept, sizeof(*r->items), by_seq);
	topc_params_release(params);
	params->items = calloc(kept ? kept : 1, sizeof(*params->items));
	if (!params->items)
		return TOPC_ERR_NOMEM;
	for (size_t i = 0; i < kept; i++)
		params->items[i] = (struct topc_param){r->items[i].name, r->items[i].value};
	params->count = params->alloc = kept;
	r->count = 0;
	return TOPC_OK;
}
