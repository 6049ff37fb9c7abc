/* The local gateway's HTTP server: libmicrohttpd, one thread per
 * connection so a delayed or dripping answer never holds up the others.
 *
 * Hostile clients on loopback must not take it down nor crowd out the
 * others: connections are capped overall and per address, every request
 * must arrive whole within a deadline and its answer must be taken within
 * one more (plus the time a delay or drip fault takes by design):
 * libmicrohttpd's own timeout restarts with every byte, so a watchdog shuts
 * down the sockets of the late ones, slow senders and slow readers alike,
 * a crowded gateway drops its oldest unfinished connection for each new
 * one, and the bodies all connections hold together are capped. */
#include "gateway/gateway.h"
#include "gateway/gateway_fault.h"
#include "gateway/gateway_read.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>
#include <zlib.h>

#include "base/clock.h"
#include "ext/crypto.h"
#include "ext/json.h"
#include "ext/transport.h"
#include "ext/urlcode.h"
#include "top/response.h"

#define GATEWAY_MAX_REQUEST ((size_t)8 * 1024 * 1024)
#define GATEWAY_MAX_BODIES ((size_t)32 * 1024 * 1024) /* all connections together */
#define GATEWAY_SMALL_BODY ((size_t)64 * 1024)	      /* never refused for memory */
#define GATEWAY_MAX_CONNECTIONS 512u
#define GATEWAY_MAX_PER_ADDRESS 256u
/* Above this many connections, each new one drops the oldest that has been
 * receiving its request for a second or more. */
#define GATEWAY_CROWDED 128u
#define GATEWAY_DEADLINE_MS 15000L /* a request arrives whole within this, by default */
#define GATEWAY_IDLE_S 15u

/* One open connection, as the watchdog sees it. */
struct conn_rec {
	int fd;
	int64_t since_ms; /* accepted, its request whole, or its last answer sent */
	int64_t allow_ms; /* while answering: what a fault takes on purpose */
	bool answering;	  /* the request is whole; the answer is being written */
	bool shut;
	struct conn_rec *prev, *next;
};

struct topc_gateway {
	struct topc_gateway_config cfg;
	struct MHD_Daemon *daemon;
	unsigned port;
	char url[96];
	pthread_mutex_t lock; /* inbox writes, counters and the connections */
	unsigned long served;
	struct topc_gateway_stats stats;
	struct conn_rec *conns;
	size_t body_bytes; /* held by all connections' bodies */
	pthread_t watchdog;
	pthread_cond_t wake;
	bool watching, stopping;
};

struct conn_ctx {
	struct topc_buf body;
	size_t held; /* bytes counted in body_bytes */
	bool too_large, crowded;
};

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
				   size_t key_size, const char *value, size_t value_size)
{
	(void)kind;
	topc_gateway_reader_add(cls, key, key_size, value ? value : "", value ? value_size : 0);
	return MHD_YES;
}

/* A multipart/form-data body (the Node and C SDKs send every parameter so,
 * the others when a file goes with them), read by libmicrohttpd's post
 * processor from the buffered body.  Text parts are parameters; file parts
 * (with a filename) are not signed (TOP_PROTOCOL.md 3.2) and not kept. */
struct multipart {
	struct topc_gateway_reader *r;
	char *name;	       /* the text part being read, NULL between them */
	struct topc_buf value; /* its bytes so far */
	size_t files;	       /* file parts seen */
};

static void multipart_flush(struct multipart *m)
{
	if (m->name)
		topc_gateway_reader_add(m->r, m->name, strlen(m->name), topc_buf_str(&m->value),
					m->value.len);
	free(m->name);
	m->name = NULL;
	topc_buf_reset(&m->value);
}

static enum MHD_Result multipart_part(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *filename, const char *content_type,
				      const char *transfer_encoding, const char *data, uint64_t off,
				      size_t size)
{
	struct multipart *m = cls;

	(void)kind, (void)content_type, (void)transfer_encoding;
	if (off == 0) {
		multipart_flush(m);
		if (filename) {
			m->files++;
			return MHD_YES;
		}
		if (!(m->name = strdup(key ? key : "")))
			return MHD_NO;
	}
	if (!m->name || size == 0)
		return MHD_YES; /* the rest of a file part, or nothing */
	return topc_buf_add(&m->value, data, size) == TOPC_OK ? MHD_YES : MHD_NO;
}

#define MULTIPART_PIECE 1024

static void read_multipart(struct MHD_Connection *conn, const struct conn_ctx *ctx,
			   struct topc_gateway_reader *r)
{
	struct multipart m = {.r = r};
	struct MHD_PostProcessor *pp =
	    MHD_create_post_processor(conn, 64 * 1024, multipart_part, &m);
	enum MHD_Result fed;

	if (!pp) {
		topc_gateway_reader_refuse_body(
		    r, "multipart/form-data without a boundary; send Content-Type: "
		       "multipart/form-data; boundary=...");
		return;
	}
	topc_buf_init(&m.value, GATEWAY_MAX_REQUEST);
	/* fed in small pieces: the post processor moves what its buffer holds
	 * to the front at each step of a part, so the whole body at once moved
	 * 64 KiB several times a part (100,000 small parts of a 6.7 MB body
	 * took 5 s of a core); a piece bounds each move by its size */
	fed = MHD_YES;
	for (size_t off = 0; fed == MHD_YES && off < ctx->body.len; off += MULTIPART_PIECE)
		fed = MHD_post_process(pp, ctx->body.data + off,
				       ctx->body.len - off < MULTIPART_PIECE ? ctx->body.len - off
									     : MULTIPART_PIECE);
	if (MHD_destroy_post_processor(pp) != MHD_YES || fed != MHD_YES)
		topc_gateway_reader_refuse_body(
		    r, "the multipart/form-data body is cut short or malformed (no closing "
		       "boundary); send it whole");
	else
		multipart_flush(&m);
	free(m.name);
	topc_buf_release(&m.value);
}

static bool is_multipart(struct MHD_Connection *conn)
{
	const char *type =
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);

	return type && strncasecmp(type, "multipart/form-data", strlen("multipart/form-data")) == 0;
}

/* The request's parameters, query then body; a refusal (47, 41) in v. */
static bool read_params(struct MHD_Connection *conn, const struct conn_ctx *ctx,
			struct topc_params *params, struct topc_gateway_verdict *v)
{
	struct topc_gateway_reader *r = topc_gateway_reader_new();
	enum topc_status st;

	if (!r)
		return false;
	MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_arg, r);
	if (is_multipart(conn))
		read_multipart(conn, ctx, r);
	else
		topc_gateway_reader_add_form(r, topc_buf_str(&ctx->body), ctx->body.len);
	st = topc_gateway_reader_finish(r, params, v);
	topc_gateway_reader_free(r);
	return st == TOPC_OK;
}

static struct conn_rec *conn_rec_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *info =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return info ? info->socket_context : NULL;
}

/* Under g->lock.  shutdown, not close: the connection's thread sees the
 * end of its socket and closes it itself, and the fd cannot have been
 * reused since the record is unlinked before libmicrohttpd closes it. */
static void conn_shut(struct conn_rec *c)
{
	/* a reader too slow for its answer: what is queued for it is dropped
	 * (closed with a reset), not delivered at its pace */
	struct linger reset = {1, 0};

	if (!c->shut && c->answering)
		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
	if (!c->shut)
		shutdown(c->fd, SHUT_RDWR);
	c->shut = true;
}

static int by_since(const void *a, const void *b)
{
	const struct conn_rec *const *x = a, *const *y = b;

	return ((*x)->since_ms > (*y)->since_ms) - ((*x)->since_ms < (*y)->since_ms);
}

/* Under g->lock: shuts down up to n of the connections that have been
 * receiving their request for a second or more, oldest first. */
static void make_room(struct topc_gateway *g, int64_t now, size_t n)
{
	struct conn_rec *late[GATEWAY_MAX_CONNECTIONS + 16];
	size_t count = 0;

	for (struct conn_rec *c = g->conns; c && count < sizeof(late) / sizeof(late[0]);
	     c = c->next)
		if (!c->answering && !c->shut && now - c->since_ms >= 1000)
			late[count++] = c;
	if (count > n)
		qsort(late, count, sizeof(late[0]), by_since);
	for (size_t i = 0; i < count && i < n; i++) {
		conn_shut(late[i]);
		g->stats.evicted++;
	}
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct topc_gateway *g = cls;
	struct conn_rec *c = *socket_context;
	const union MHD_ConnectionInfo *info;
	int64_t now = topc_now_ms();

	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		if (!c)
			return;
		pthread_mutex_lock(&g->lock);
		if (c->prev)
			c->prev->next = c->next;
		else
			g->conns = c->next;
		if (c->next)
			c->next->prev = c->prev;
		g->stats.open--;
		pthread_mutex_unlock(&g->lock);
		free(c);
		*socket_context = NULL;
		return;
	}
	info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (!info || !(c = calloc(1, sizeof(*c))))
		return;
	c->fd = info->connect_fd;
	c->since_ms = now;
	pthread_mutex_lock(&g->lock);
	c->next = g->conns;
	if (g->conns)
		g->conns->prev = c;
	g->conns = c;
	if (++g->stats.open > g->stats.most_open)
		g->stats.most_open = g->stats.open;
	if (g->stats.open > GATEWAY_CROWDED)
		make_room(g, now, 1);
	pthread_mutex_unlock(&g->lock);
	*socket_context = c;
}

static void conn_answering(struct topc_gateway *g, struct MHD_Connection *conn, bool answering)
{
	struct conn_rec *c = conn_rec_of(conn);

	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	c->answering = answering;
	c->since_ms = topc_now_ms();
	c->allow_ms = 0;
	pthread_mutex_unlock(&g->lock);
}

/* The answer being written may take allow_ms more than the deadline: the
 * time a delay or a drip fault spends on purpose. */
static void conn_allow(struct topc_gateway *g, struct MHD_Connection *conn, int64_t allow_ms)
{
	struct conn_rec *c = conn_rec_of(conn);

	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	c->allow_ms = allow_ms;
	pthread_mutex_unlock(&g->lock);
}

/* Shuts down the connections whose request is late. */
static void *watchdog(void *cls)
{
	struct topc_gateway *g = cls;

	pthread_mutex_lock(&g->lock);
	while (!g->stopping) {
		struct timespec until;
		int64_t now = topc_now_ms();
		size_t live = 0;
		for (struct conn_rec *c = g->conns; c; c = c->next) {
			if (!c->shut && now - c->since_ms > g->cfg.deadline_ms + c->allow_ms) {
				conn_shut(c);
				g->stats.late++;
				g->stats.slow += c->answering;
			}
			live += !c->shut;
		}
		/* a burst that came in all at once, older than a second now */
		if (live > GATEWAY_CROWDED)
			make_room(g, now, live - GATEWAY_CROWDED);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250 * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g->wake, &g->lock, &until);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
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
	if (st != TOPC_OK || topc_buf_adds(&line, "}}\n") != TOPC_OK) {
		topc_buf_release(&line);
		return; /* no line rather than a cut one */
	}
	pthread_mutex_lock(&g->lock);
	fd = open(g->cfg.inbox_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		struct stat sb;
		bool sized = fstat(fd, &sb) == 0;
		ssize_t w = write(fd, line.data, line.len);
		/* a full disk or ulimit -f wrote part of it: cut back, else the
		 * next line was glued to that part and neither read as JSON */
		if (w != (ssize_t)line.len && sized) {
			int cut = ftruncate(fd, sb.st_size);
			(void)cut; /* if even that fails, nothing more can be done */
		}
		close(fd);
	}
	pthread_mutex_unlock(&g->lock);
	topc_buf_release(&line);
}

static ssize_t fault_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	ssize_t n = topc_fault_answer_read(cls, pos, buf, max);

	if (n == TOPC_FAULT_READ_END)
		return MHD_CONTENT_READER_END_OF_STREAM;
	return n == TOPC_FAULT_READ_FAIL ? MHD_CONTENT_READER_END_WITH_ERROR : n;
}

static void fault_free(void *cls)
{
	topc_fault_answer_free(cls);
}

/* A fault's answer in place of the router's (gateway_fault.h). */
static struct MHD_Response *fault_response(struct topc_gateway *g, const char *method,
					   const char *request_id, unsigned *status,
					   int64_t *allow_ms)
{
	struct topc_fault_answer *a =
	    topc_fault_answer_new(g->cfg.fault, g->cfg.fault_arg, method, request_id);
	struct MHD_Response *r;

	if (!a)
		return NULL;
	*status = a->status;
	*allow_ms = a->allow_ms;
	if (a->streamed) {
		r = MHD_create_response_from_callback(a->size, 4096, fault_read, a, fault_free);
		if (!r)
			topc_fault_answer_free(a);
	} else {
		r = MHD_create_response_from_buffer(a->len, a->data, MHD_RESPMEM_MUST_COPY);
	}
	if (r)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, a->content_type);
	if (!a->streamed)
		topc_fault_answer_free(a);
	return r;
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
	topc_fault_verdict(g->cfg.fault, g->cfg.fault_arg, &v);
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

/* A request refused while reading it (47, 41): the router's envelope. */
static struct MHD_Response *refusal_response(const struct topc_gateway_verdict *v,
					     const char *request_id)
{
	struct topc_buf body;
	struct MHD_Response *r = NULL;

	topc_buf_init(&body, 0);
	if (topc_gateway_render(v, NULL, request_id, &body) == TOPC_OK)
		r = MHD_create_response_from_buffer(body.len, body.data, MHD_RESPMEM_MUST_COPY);
	topc_buf_release(&body);
	if (r)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
					v->format == TOPC_FORMAT_JSON
					    ? "application/json;charset=UTF-8"
					    : "text/xml;charset=UTF-8");
	return r;
}

/* Buffers a piece of the body within the request's cap and the cap of all
 * bodies together; past either, the rest is read and dropped. */
static void body_add(struct topc_gateway *g, struct conn_ctx *ctx, const char *data, size_t n)
{
	bool room;

	if (ctx->too_large || ctx->crowded)
		return;
	if (ctx->body.len + n > GATEWAY_MAX_REQUEST) {
		ctx->too_large = true;
		return;
	}
	pthread_mutex_lock(&g->lock);
	/* small bodies always have room (the connection cap bounds them), so a
	 * few huge stalled ones cannot crowd out ordinary requests */
	room = ctx->body.len + n <= GATEWAY_SMALL_BODY || g->body_bytes + n <= GATEWAY_MAX_BODIES;
	if (room) {
		g->body_bytes += n;
		ctx->held += n;
		if (g->body_bytes > g->stats.most_body_bytes)
			g->stats.most_body_bytes = g->body_bytes;
	} else {
		g->stats.crowded++;
	}
	pthread_mutex_unlock(&g->lock);
	if (!room)
		ctx->crowded = true;
	else if (topc_buf_add(&ctx->body, data, n) != TOPC_OK)
		ctx->too_large = true;
}

static bool accepts_gzip(struct MHD_Connection *conn)
{
	const char *ae =
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	return ae && strstr(ae, "gzip");
}

/* TOP answers error 9 to any HTTP method but POST and GET, in upper case
 * (TOP_PROTOCOL.md 5): a PUT, a DELETE or a "post" was answered here as a
 * POST, so a client that sends one passed here and fails at TOP */
static void http_action_refused(struct topc_gateway_verdict *v)
{
	v->code = 9;
	v->sub_code[0] = '\0'; /* TOP's own is not known */
	snprintf(v->sub_msg, sizeof(v->sub_msg),
		 "send the request with POST or GET, in upper case");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *http_method, const char *version, const char *upload,
				  size_t *upload_size, void **req_cls)
{
	struct topc_gateway *g = cls;
	struct conn_ctx *ctx = *req_cls;
	struct topc_params params;
	struct topc_gateway_verdict refused;
	struct MHD_Response *resp;
	char request_id[13];
	unsigned status = MHD_HTTP_OK;
	enum MHD_Result ret;
	/* what a delay or drip fault spends on purpose: the deadline's extra */
	int64_t allow_ms;

	(void)url, (void)version;
	if (!ctx) {
		ctx = calloc(1, sizeof(*ctx));
		if (!ctx)
			return MHD_NO;
		topc_buf_init(&ctx->body, GATEWAY_MAX_REQUEST);
		*req_cls = ctx;
		return MHD_YES;
	}
	if (*upload_size) {
		body_add(g, ctx, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	conn_answering(g, conn, true);
	topc_params_init(&params);
	request_id_new(request_id);
	allow_ms = topc_fault_wait(g->cfg.fault, g->cfg.fault_arg);
	if (ctx->too_large)
		status = MHD_HTTP_CONTENT_TOO_LARGE;
	else if (ctx->crowded)
		status = MHD_HTTP_SERVICE_UNAVAILABLE;
	else if (!read_params(conn, ctx, &params, &refused))
		status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	else if (!refused.code && strcmp(http_method, "POST") != 0 &&
		 strcmp(http_method, "GET") != 0)
		http_action_refused(&refused);
	if (status != MHD_HTTP_OK)
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	else if (refused.code)
		resp = refusal_response(&refused, request_id);
	else if (topc_fault_kind(g->cfg.fault) == TOPC_FAULT_KIND_ANSWER)
		resp = fault_response(g, topc_params_get(&params, "method"), request_id, &status,
				      &allow_ms);
	else
		resp = router_response(g, &params, request_id, accepts_gzip(conn));
	topc_params_release(&params);
	if (!resp)
		return MHD_NO;
	if (allow_ms)
		conn_allow(g, conn, allow_ms);
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
	struct topc_gateway *g = cls;
	struct conn_ctx *ctx = *req_cls;

	(void)code;
	conn_answering(g, conn, false);
	if (ctx) {
		pthread_mutex_lock(&g->lock);
		g->body_bytes -= ctx->held;
		pthread_mutex_unlock(&g->lock);
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
	dst->deadline_ms = src->deadline_ms > 0 ? src->deadline_ms : GATEWAY_DEADLINE_MS;
	dst->forms = src->forms;
	dst->strict = src->strict;
	dst->host = strdup(src->host ? src->host : "127.0.0.1");
	if (!dst->host || (src->inbox_path && !(dst->inbox_path = strdup(src->inbox_path))))
		return false;
	for (size_t i = 0; i < src->napps; i++)
		if (!(src->apps[i].secret
			  ? topc_gateway_config_add_app(dst, src->apps[i].app_key,
							src->apps[i].secret)
			  : topc_gateway_config_add_profile_app(dst, src->apps[i].app_key,
								src->apps[i].profile_path)))
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

/* The inbox is opened once at start, as each accepted request will open it:
 * a gateway that would drop every line must not start silently. */
static bool inbox_writable(const char *path, struct topc_error *err)
{
	int fd;

	if (!path)
		return true;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		topc_error_set(err, TOPC_ERR_IO,
			       "gateway: inbox %s cannot be written (%s); give --inbox a file in a "
			       "folder you can write",
			       path, topc_strerror(errno));
		return false;
	}
	close(fd);
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
	if (!inbox_writable(g->cfg.inbox_path, err)) {
		topc_gateway_config_release(&g->cfg);
		free(g);
		return NULL;
	}
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->wake, NULL);
	g->daemon = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0, NULL, NULL,
	    on_request, g, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
	    g, MHD_OPTION_NOTIFY_CONNECTION, on_connection, g, MHD_OPTION_CONNECTION_TIMEOUT,
	    GATEWAY_IDLE_S, MHD_OPTION_CONNECTION_LIMIT, GATEWAY_MAX_CONNECTIONS,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, GATEWAY_MAX_PER_ADDRESS,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_END);
	if (g->daemon)
		g->watching = pthread_create(&g->watchdog, NULL, watchdog, g) == 0;
	if (!g->daemon || !g->watching) {
		if (g->daemon)
			MHD_stop_daemon(g->daemon);
		topc_error_set(err, TOPC_ERR_USAGE,
			       "gateway: cannot listen on %s:%u; is the port taken? use port 0 for "
			       "a free one",
			       g->cfg.host, g->cfg.port);
		pthread_cond_destroy(&g->wake);
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

void topc_gateway_get_stats(const struct topc_gateway *g, struct topc_gateway_stats *out)
{
	pthread_mutex_lock((pthread_mutex_t *)&g->lock);
	*out = g->stats;
	out->served = g->served;
	pthread_mutex_unlock((pthread_mutex_t *)&g->lock);
}

void topc_gateway_stop(struct topc_gateway *g)
{
	if (!g)
		return;
	MHD_stop_daemon(g->daemon);
	pthread_mutex_lock(&g->lock);
	g->stopping = true;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->watchdog, NULL);
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	topc_gateway_config_release(&g->cfg);
	free(g);
}
