/* The local gateway's HTTP server: libmicrohttpd, one thread per
 * connection so a delayed or dripping answer never holds up the others. */
#include "gateway/gateway.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>
#include <zlib.h>

#include "base/clock.h"
#include "ext/crypto.h"
#include "ext/json.h"
#include "ext/transport.h"
#include "ext/urlcode.h"

#define GATEWAY_MAX_REQUEST ((size_t)8 * 1024 * 1024)

struct topc_gateway {
	struct topc_gateway_config cfg;
	struct MHD_Daemon *daemon;
	unsigned port;
	char url[96];
	pthread_mutex_t lock; /* inbox writes and the counter */
	unsigned long served;
};

struct conn_ctx {
	struct topc_buf body;
	bool too_large;
};

/* State of a streamed (faulty) answer. */
struct stream {
	char *data;
	size_t len;   /* bytes that exist */
	size_t cut;   /* DROP: fail once this many are sent */
	size_t huge;  /* HUGE: total size to produce */
	long drip_ms; /* DRIP: pause per byte */
};

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static void request_id_new(char out[13])
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char raw[12];

	if (topc_random_bytes(raw, sizeof(raw), NULL) != TOPC_OK)
		memset(raw, 0, sizeof(raw));
	for (size_t i = 0; i < sizeof(raw); i++)
		out[i] = alphabet[raw[i] % 36];
	out[12] = '\0';
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	topc_params_set(cls, key, value ? value : "");
	return MHD_YES;
}

/* Appends one accepted request to the inbox as a JSON line. */
static void inbox_append(struct topc_gateway *g, const struct topc_params *p,
			 const char *request_id)
{
	struct topc_buf line;
	enum topc_status st;
	int fd;

	if (!g->cfg.inbox_path)
		return;
	topc_buf_init(&line, 0);
	st = topc_buf_addf(&line, "{\"received_ms\":%lld,\"request_id\":\"%s\",\"params\":{",
			   (long long)topc_now_ms(), request_id);
	for (size_t i = 0; i < p->count && st == TOPC_OK; i++) {
		const char *v = p->items[i].value;
		if ((i && topc_buf_addc(&line, ',')) || topc_json_quote(&line, p->items[i].name) ||
		    topc_buf_addc(&line, ':') ||
		    topc_json_quote(
			&line, strcmp(p->items[i].name, "session") == 0 && *v ? "<session>" : v))
			st = TOPC_ERR_NOMEM;
	}
	if (st != TOPC_OK || topc_buf_adds(&line, "}}\n") != TOPC_OK)
		return; /* no line rather than a cut one */
	pthread_mutex_lock(&g->lock);
	fd = open(g->cfg.inbox_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		ssize_t w = write(fd, line.data, line.len);
		(void)w;
		close(fd);
	}
	pthread_mutex_unlock(&g->lock);
	topc_buf_release(&line);
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = cls;
	size_t total = s->huge ? s->huge : s->len;

	if (s->cut && pos >= s->cut)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (pos >= total)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (s->drip_ms) {
		sleep_ms(s->drip_ms);
		max = 1;
	}
	if (s->cut && pos + max > s->cut)
		max = s->cut - (size_t)pos;
	if (pos + max > total)
		max = total - (size_t)pos;
	for (size_t i = 0; i < max; i++) {
		size_t at = (size_t)pos + i;
		/* HUGE: the head, then padding, then the tail of a valid JSON. */
		if (!s->huge || at < s->len - 3)
			buf[i] = s->data[at < s->len ? at : 0];
		else if (at >= total - 3)
			buf[i] = s->data[s->len - (total - at)];
		else
			buf[i] = 'x';
	}
	return (ssize_t)max;
}

static void stream_free(void *cls)
{
	struct stream *s = cls;
	free(s->data);
	free(s);
}

static struct MHD_Response *streamed(struct topc_buf *body, enum topc_fault fault, long arg)
{
	struct stream *s = calloc(1, sizeof(*s));
	uint64_t size;

	if (!s)
		return NULL;
	s->data = topc_buf_detach(body, &s->len);
	if (!s->data) {
		free(s);
		return NULL;
	}
	size = s->len;
	if (fault == TOPC_FAULT_DROP)
		s->cut = s->len / 2;
	else if (fault == TOPC_FAULT_DRIP)
		s->drip_ms = arg > 0 ? arg : 1;
	else if (fault == TOPC_FAULT_HUGE)
		size = s->huge = (size_t)arg > s->len ? (size_t)arg : s->len;
	return MHD_create_response_from_callback(size, 4096, stream_read, s, stream_free);
}

static struct MHD_Response *fault_response(struct topc_gateway *g, const char *method,
					   const char *request_id, unsigned *status)
{
	enum topc_fault f = g->cfg.fault;
	const struct topc_gateway_verdict accepted = {.code = 0, .format = TOPC_FORMAT_JSON};
	struct topc_buf body;
	enum topc_status st = TOPC_OK;
	char *wrapper;

	if (!method)
		method = "topc.unknown";
	wrapper = topc_response_wrapper_name(method);
	struct MHD_Response *r = NULL;

	topc_buf_init(&body, 0);
	*status = MHD_HTTP_OK;
	switch (f) {
	case TOPC_FAULT_HTTP500:
		*status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		st = topc_buf_adds(&body,
				   "<html><head><title>500 Internal Server Error</title></head>"
				   "<body><h1>500 Internal Server Error</h1></body></html>\n");
		break;
	case TOPC_FAULT_MALFORMED:
		st = wrapper ? topc_buf_addf(&body, "{\"%s\":{\"result\":tru,,}", wrapper)
			     : TOPC_ERR_NOMEM;
		break;
	case TOPC_FAULT_TRUNCATED:
		st = topc_gateway_render(&accepted, method, request_id, &body);
		if (st == TOPC_OK) {
			body.len /= 2;
			body.data[body.len] = '\0';
		}
		break;
	case TOPC_FAULT_HUGE:
		st = wrapper
			 ? topc_buf_addf(&body, "{\"%s\":{\"request_id\":\"%s\",\"padding\":\"\"}}",
					 wrapper, request_id)
			 : TOPC_ERR_NOMEM;
		break;
	default: /* DROP and DRIP: a normal answer, delivered badly */
		st = topc_gateway_render(&accepted, method, request_id, &body);
		break;
	}
	free(wrapper);
	if (st != TOPC_OK)
		r = NULL; /* no answer rather than a cut one */
	else if (f == TOPC_FAULT_DROP || f == TOPC_FAULT_DRIP || f == TOPC_FAULT_HUGE)
		r = streamed(&body, f, g->cfg.fault_arg);
	else
		r = MHD_create_response_from_buffer(body.len, body.data, MHD_RESPMEM_MUST_COPY);
	topc_buf_release(&body);
	if (r)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
					*status == 200 ? "application/json;charset=UTF-8"
						       : "text/html;charset=UTF-8");
	return r;
}

/* Faults that replace the router's answer with an API error. */
static void fault_verdict(const struct topc_gateway *g, struct topc_gateway_verdict *v)
{
	if (v->code)
		return;
	if (g->cfg.fault == TOPC_FAULT_ISP) {
		v->code = 15;
		snprintf(v->sub_code, sizeof(v->sub_code), "isp.top-remote-service-unavailable");
		snprintf(v->sub_msg, sizeof(v->sub_msg), "服务暂不可用");
	} else if (g->cfg.fault == TOPC_FAULT_RATELIMIT) {
		v->code = 7;
		snprintf(v->sub_code, sizeof(v->sub_code),
			 "accesscontrol.limited-by-app-access-count");
		snprintf(v->sub_msg, sizeof(v->sub_msg), "This ban will last for %ld more seconds",
			 g->cfg.fault_arg > 0 ? g->cfg.fault_arg : 1);
	}
}

/* Gzip-compresses in into out, as the real gateway does for clients that
 * accept it. */
static bool gzip_body(const struct topc_buf *in, struct topc_buf *out)
{
	z_stream z;
	unsigned char chunk[16384];
	int rc = Z_OK;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		return false;
	z.next_in = (unsigned char *)topc_buf_str(in);
	z.avail_in = (uInt)in->len;
	while (rc == Z_OK) {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = deflate(&z, Z_FINISH);
		if (topc_buf_add(out, chunk, sizeof(chunk) - z.avail_out) != TOPC_OK)
			rc = Z_MEM_ERROR;
	}
	deflateEnd(&z);
	return rc == Z_STREAM_END;
}

static struct MHD_Response *router_response(struct topc_gateway *g, struct topc_params *p,
					    const char *request_id, bool gzip)
{
	struct topc_gateway_verdict v;
	struct topc_buf body, packed;
	struct MHD_Response *r;

	topc_gateway_check(&g->cfg, p, topc_now_ms() / 1000, &v);
	if (v.code == 0)
		inbox_append(g, p, request_id);
	fault_verdict(g, &v);
	topc_buf_init(&body, 0);
	topc_buf_init(&packed, 0);
	if (topc_gateway_render(&v, topc_params_get(p, "method"), request_id, &body) != TOPC_OK)
		r = NULL; /* no answer rather than a cut one */
	else if ((gzip = gzip && gzip_body(&body, &packed)))
		r = MHD_create_response_from_buffer(packed.len, packed.data, MHD_RESPMEM_MUST_COPY);
	else
		r = MHD_create_response_from_buffer(body.len, body.data, MHD_RESPMEM_MUST_COPY);
	topc_buf_release(&body);
	topc_buf_release(&packed);
	if (r && gzip)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (r)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
					v.format == TOPC_FORMAT_JSON
					    ? "application/json;charset=UTF-8"
					    : "text/xml;charset=UTF-8");
	return r;
}

static bool accepts_gzip(struct MHD_Connection *conn)
{
	const char *ae =
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	return ae && strstr(ae, "gzip");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *http_method, const char *version, const char *upload,
				  size_t *upload_size, void **req_cls)
{
	struct topc_gateway *g = cls;
	struct conn_ctx *ctx = *req_cls;
	struct topc_params params;
	struct MHD_Response *resp;
	char request_id[13];
	unsigned status = MHD_HTTP_OK;
	enum MHD_Result ret;

	if (!ctx) {
		ctx = calloc(1, sizeof(*ctx));
		if (!ctx)
			return MHD_NO;
		topc_buf_init(&ctx->body, GATEWAY_MAX_REQUEST);
		*req_cls = ctx;
		return MHD_YES;
	}
	if (*upload_size) {
		if (topc_buf_add(&ctx->body, upload, *upload_size) != TOPC_OK)
			ctx->too_large = true;
		*upload_size = 0;
		return MHD_YES;
	}
	topc_params_init(&params);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &params);
	topc_form_decode(topc_buf_str(&ctx->body), ctx->body.len, &params, NULL);
	request_id_new(request_id);
	if (g->cfg.fault == TOPC_FAULT_DELAY)
		sleep_ms(g->cfg.fault_arg);
	if (ctx->too_large)
		status = MHD_HTTP_CONTENT_TOO_LARGE;
	if (status != MHD_HTTP_OK)
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	else if (g->cfg.fault != TOPC_FAULT_NONE && g->cfg.fault != TOPC_FAULT_DELAY &&
		 g->cfg.fault != TOPC_FAULT_ISP && g->cfg.fault != TOPC_FAULT_RATELIMIT)
		resp = fault_response(g, topc_params_get(&params, "method"), request_id, &status);
	else
		resp = router_response(g, &params, request_id, accepts_gzip(conn));
	topc_params_release(&params);
	if (!resp)
		return MHD_NO;
	pthread_mutex_lock(&g->lock);
	g->served++;
	pthread_mutex_unlock(&g->lock);
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
			 enum MHD_RequestTerminationCode code)
{
	struct conn_ctx *ctx = *req_cls;

	if (ctx) {
		topc_buf_release(&ctx->body);
		free(ctx);
		*req_cls = NULL;
	}
}

static bool copy_config(struct topc_gateway_config *dst, const struct topc_gateway_config *src)
{
	topc_gateway_config_init(dst);
	dst->port = src->port;
	dst->fault = src->fault;
	dst->fault_arg = src->fault_arg;
	dst->max_skew_s = src->max_skew_s;
	dst->forms = src->forms;
	dst->strict = src->strict;
	dst->host = strdup(src->host ? src->host : "127.0.0.1");
	if (!dst->host || (src->inbox_path && !(dst->inbox_path = strdup(src->inbox_path))))
		return false;
	for (size_t i = 0; i < src->napps; i++)
		if (!topc_gateway_config_add_app(dst, src->apps[i].app_key, src->apps[i].secret))
			return false;
	if (src->methods) {
		dst->methods = calloc(1, sizeof(char *));
		if (!dst->methods)
			return false;
		for (size_t i = 0; i < src->nmethods; i++)
			if (topc_gateway_config_add_method(dst, src->methods[i]) != TOPC_OK)
				return false;
	}
	return true;
}

struct topc_gateway *topc_gateway_start(const struct topc_gateway_config *c, struct topc_error *err)
{
	struct topc_gateway *g;
	struct sockaddr_in addr;
	const union MHD_DaemonInfo *info;

	/* libcurl too: requests are decoded with its unescape */
	if (!topc_http_init(err))
		return NULL;
	g = calloc(1, sizeof(*g));

	if (!g || !copy_config(&g->cfg, c)) {
		if (g)
			topc_gateway_config_release(&g->cfg);
		free(g);
		topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting the gateway");
		return NULL;
	}
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)g->cfg.port);
	if (inet_pton(AF_INET, g->cfg.host, &addr.sin_addr) != 1 ||
	    (ntohl(addr.sin_addr.s_addr) >> 24) != 127) {
		topc_error_set(err, TOPC_ERR_USAGE,
			       "gateway: %s is not a loopback IPv4 address; listen on 127.0.0.1",
			       g->cfg.host);
		topc_gateway_config_release(&g->cfg);
		free(g);
		return NULL;
	}
	pthread_mutex_init(&g->lock, NULL);
	g->daemon = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0, NULL, NULL,
	    on_request, g, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
	    g, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
	if (!g->daemon) {
		topc_error_set(err, TOPC_ERR_USAGE,
			       "gateway: cannot listen on %s:%u; is the port taken? use port 0 for "
			       "a free one",
			       g->cfg.host, g->cfg.port);
		pthread_mutex_destroy(&g->lock);
		topc_gateway_config_release(&g->cfg);
		free(g);
		return NULL;
	}
	info = MHD_get_daemon_info(g->daemon, MHD_DAEMON_INFO_BIND_PORT);
	g->port = info ? info->port : g->cfg.port;
	snprintf(g->url, sizeof(g->url), "http://%s:%u/router/rest", g->cfg.host, g->port);
	return g;
}

unsigned topc_gateway_port(const struct topc_gateway *g)
{
	return g->port;
}

const char *topc_gateway_url(const struct topc_gateway *g)
{
	return g->url;
}

unsigned long topc_gateway_served(const struct topc_gateway *g)
{
	unsigned long n;
	pthread_mutex_lock((pthread_mutex_t *)&g->lock);
	n = g->served;
	pthread_mutex_unlock((pthread_mutex_t *)&g->lock);
	return n;
}

void topc_gateway_stop(struct topc_gateway *g)
{
	if (!g)
		return;
	MHD_stop_daemon(g->daemon);
	pthread_mutex_destroy(&g->lock);
	topc_gateway_config_release(&g->cfg);
	free(g);
}
