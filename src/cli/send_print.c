/* send_print.c - every way topc send prints what it prepared, sent and got
 * back (send.h). */
#include "send.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_json.h"
#include "inert.h"
#include "base/utf8.h"
#include "ext/json.h"
#include "top/codes.h"
#include "top/query.h"

#define TERMINAL_BODY_MAX 65536

static bool add_string(struct topc_json *obj, const char *key, const char *value)
{
	return !value || topc_json_add_string(obj, key, value);
}

static bool add_problems(struct topc_json *obj, const struct topc_form_problems *problems)
{
	struct topc_json *list = topc_json_new_array();
	bool ok = list != NULL;

	for (size_t i = 0; ok && i < problems->count; i++) {
		const struct topc_form_problem *p = &problems->items[i];
		struct topc_json *one = topc_json_new_object();
		ok = one && topc_json_add_string(one, "path", p->path) &&
		     topc_json_add_bool(one, "missing", p->missing) &&
		     topc_json_add_string(one, "severity", topc_severity_name(p->severity)) &&
		     topc_json_add_string(one, "message", p->english);
		ok = topc_json_add(list, NULL, one) && ok;
	}
	return topc_json_add(obj, "problems", list) && ok;
}

/* The outcome's members (send_print_json's object, without printing it). */
static bool outcome_json(struct topc_json *obj, const struct send_opts *o, const char *profile,
			 const char *url, const struct topc_outcome *out,
			 const struct topc_http_response *resp, const char *error)
{
	bool ok;

	/* all of it or nothing: a script must never read half an outcome */
	ok = topc_json_add_string(obj, "outcome", topc_outcome_name(out->cls)) &&
	     topc_json_add_int(obj, "exit_status", topc_outcome_exit_code(out->cls)) &&
	     topc_json_add_string(obj, "method", o->method) &&
	     add_string(obj, "sent_method", o->wire_method) &&
	     add_string(obj, "profile", profile) && add_string(obj, "url", url) &&
	     (!out->http_status || topc_json_add_int(obj, "http_status", out->http_status)) &&
	     (!resp || topc_json_add_int(obj, "latency_ms", resp->latency_ms)) &&
	     (!out->attempts || topc_json_add_int(obj, "attempts", out->attempts)) &&
	     (!o->history_id || topc_json_add_int(obj, "history_id", o->history_id)) &&
	     (!out->has_code || topc_json_add_int(obj, "code", out->code)) &&
	     /* a code no 64-bit integer holds: the text as the answer wrote it */
	     (out->has_code || add_string(obj, "code_text", out->code_text)) &&
	     add_string(obj, "msg", out->msg) && add_string(obj, "sub_code", out->sub_code) &&
	     add_string(obj, "sub_msg", out->sub_msg) &&
	     add_string(obj, "request_id", out->request_id) &&
	     add_string(obj, "detail", out->detail ? out->detail : error) &&
	     add_string(obj, "advice", o->advice) &&
	     (!o->problems.count || add_problems(obj, &o->problems)) &&
	     (!resp || !resp->body.len ||
	      topc_json_add_text(obj, "body", topc_buf_str(&resp->body), resp->body.len));
	return ok;
}

/* Prints obj whole or not at all (a script must never read half of it),
 * and frees it. */
static bool print_object(struct topc_json *obj, bool ok)
{
	char *text = ok ? topc_json_print(obj) : NULL;

	if (text)
		cli_json_puts(text);
	else
		fprintf(stderr, "topc: the outcome is too large to write as JSON\n");
	free(text);
	topc_json_free(obj);
	return text != NULL;
}

void send_print_json(const struct send_opts *o, const char *profile, const char *url,
		     const struct topc_outcome *out, const struct topc_http_response *resp,
		     const char *error)
{
	struct topc_json *obj = topc_json_new_object();

	print_object(obj, obj && outcome_json(obj, o, profile, url, out, resp, error));
}

/* {"expr": ..., "output": what --query alone prints, "count": N} or, when
 * the query fails on this answer, {"expr": ..., "error": why}. */
int send_print_query_json(const struct send_opts *o, const char *profile,
			  const struct topc_request *req, const struct topc_outcome *out,
			  const struct topc_http_response *resp)
{
	struct topc_json *obj = topc_json_new_object(), *q = topc_json_new_object();
	struct topc_buf selected;
	struct topc_error err = {0};
	size_t count = 0;
	int status = 0;
	bool ok = obj && q && outcome_json(obj, o, profile, req->url, out, resp, NULL) &&
		  topc_json_add_string(q, "expr", o->query);

	topc_buf_init(&selected, 0);
	if (!resp || topc_query_answer(o->query, resp->body.data, resp->body.len, &selected, &count,
				       &err) != TOPC_OK) {
		ok = ok && topc_json_add_string(q, "error", resp ? err.english : "no answer");
		status = CLI_EXIT_FAILED;
	} else {
		ok = ok && topc_json_add_string(q, "output", topc_buf_str(&selected)) &&
		     topc_json_add_int(q, "count", (long long)count);
		status = count ? 0 : CLI_EXIT_FAILED; /* selected nothing */
	}
	topc_buf_release(&selected);
	if (obj && q)
		ok = topc_json_add(obj, "query", q) && ok;
	else
		topc_json_free(q);
	if (!print_object(obj, ok))
		status = CLI_EXIT_FAILED;
	return status;
}

/* --dry-run --json: the request as prepared, the session key masked unless
 * --reveal; the parameters that would be sent (empty ones are not). */
static int dry_run_json(const struct send_opts *o, const char *profile,
			const struct topc_request *req)
{
	struct topc_json *obj = topc_json_new_object(), *params = topc_json_new_object(),
			 *headers = topc_json_new_array();
	struct topc_buf body;
	struct topc_error err = {0};
	bool ok = obj && params && headers;

	topc_buf_init(&body, 0);
	for (size_t i = 0; ok && i < req->params.count; i++)
		if (req->params.items[i].value[0])
			ok = topc_json_add_string(params, req->params.items[i].name,
						  topc_request_mask(req->params.items[i].name,
								    req->params.items[i].value,
								    o->reveal));
	for (size_t i = 0; ok && req->headers[i]; i++)
		ok = topc_json_add_string(headers, NULL, req->headers[i]);
	if (ok && topc_request_body_shown(req, o->reveal, &body, &err) != TOPC_OK) {
		topc_json_free(obj);
		topc_json_free(params);
		topc_json_free(headers);
		topc_buf_release(&body);
		return cli_fail_error(&err);
	}
	ok = ok && topc_json_add_bool(obj, "dry_run", true) &&
	     topc_json_add_string(obj, "method", o->method) &&
	     topc_json_add_string(obj, "profile", profile) &&
	     topc_json_add_string(obj, "url", req->url) &&
	     topc_json_add_string(obj, "sign_method", topc_sign_method_name(req->sign_method)) &&
	     topc_json_add_string(obj, "sign", req->signature);
	if (obj && params && headers) {
		ok = topc_json_add(obj, "params", params) && ok;
		ok = topc_json_add(obj, "headers", headers) && ok;
	} else {
		topc_json_free(params);
		topc_json_free(headers);
	}
	ok = ok && topc_json_add_text(obj, "body", topc_buf_str(&body), body.len) &&
	     (!o->problems.count || add_problems(obj, &o->problems));
	topc_buf_release(&body);
	return print_object(obj, ok) ? CLI_EXIT_OK : CLI_EXIT_TRANSPORT;
}

int send_print_dry_run(const struct send_opts *o, const char *profile,
		       const struct topc_request *req)
{
	struct topc_buf http;
	struct topc_error err = {0};
	int status;

	if (o->json)
		return dry_run_json(o, profile, req);
	topc_buf_init(&http, 0);
	status = topc_request_write_http(req, o->reveal, &http, &err) == TOPC_OK ? CLI_EXIT_OK
										 : CLI_EXIT_USAGE;
	if (status == 0) {
		cli_print_inert(topc_buf_str(&http), http.len);
		putchar('\n');
	} else {
		cli_fail_error(&err);
	}
	topc_buf_release(&http);
	return status;
}

/* The summary: outcome, HTTP status, time, request_id, then code lines.
 * On stdout when asked for or on a terminal; else on stderr, so the body
 * alone goes down a pipe. */
static void print_summary(FILE *f, bool color, const struct send_opts *o,
			  const struct topc_outcome *out, const struct topc_http_response *resp)
{
	const char *on = "", *off = "";

	if (color) {
		on = out->cls == TOPC_OUTCOME_SUCCESS ? "\033[32m" : "\033[31m";
		off = "\033[0m";
	}
	fprintf(f, "%s%s%s  %s", on, topc_outcome_name(out->cls), off, cli_inert(o->method));
	if (o->wire_method) /* --any-method: what went out, not the form's */
		fprintf(f, _(" (sent as method=%s)"), cli_inert(o->wire_method));
	if (out->http_status)
		fprintf(f, "  HTTP %ld", out->http_status);
	if (resp)
		fprintf(f, "  %lld ms", (long long)resp->latency_ms);
	if (out->request_id) {
		fputs("  request_id ", f);
		cli_write_inert(f, out->request_id, (size_t)-1);
	}
	if (out->attempts > 1)
		fprintf(f, P_("  after %u attempt", "  after %u attempts", out->attempts),
			out->attempts);
	fputc('\n', f);
	if (out->has_code || out->code_text) {
		/* the code as the answer wrote it: digits past 64 bits too, a
		 * code or sub_code of thousands shortened as a name is */
		char shown[TOPC_UTF8_SHORT_SIZE];
		fputs(_("code "), f);
		if (out->code_text)
			cli_write_inert(f, topc_utf8_short(out->code_text, shown), (size_t)-1);
		else
			fprintf(f, "%lld", out->code);
		fputs(_(": "), f);
		cli_write_inert(f, out->msg ? out->msg : "", (size_t)-1);
		fputc('\n', f);
		if (out->sub_code) {
			fputs(_("sub_code "), f);
			cli_write_inert(f, topc_utf8_short(out->sub_code, shown), (size_t)-1);
			fputs(_(": "), f);
			cli_write_inert(f, out->sub_msg ? out->sub_msg : "", (size_t)-1);
			fputc('\n', f);
		}
	}
	if (out->detail) {
		cli_write_inert(f, topc_outcome_detail_shown(out), (size_t)-1);
		fputc('\n', f);
	}
	if (o->advice_human) { /* it quotes the answer's sub_code: inert */
		fputs(_("check: "), f);
		cli_write_inert(f, o->advice_human, (size_t)-1);
		if (o->advice_command) /* inert by its own quoting */
			fputs(o->advice_command, f);
		fputc('\n', f);
	}
}

/* Header lines, \r\n made \n, names in colour on a terminal. */
static void print_headers(const struct send_opts *o, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *colon = memchr(p, ':', n);
		if (n && p[n - 1] == '\r')
			n--;
		if (n == 0)
			break; /* the blank line that ends the block */
		if (o->color && colon && colon < p + n) {
			printf("\033[36m");
			cli_print_inert(p, (size_t)(colon - p));
			printf("\033[0m");
			cli_print_inert(colon, (size_t)(p + n - colon));
		} else {
			cli_print_inert(p, n);
		}
		putchar('\n');
		p = nl ? nl + 1 : end;
	}
}

/* The request as it went out (the session key masked unless --reveal). */
static void print_request(const struct send_opts *o, const struct topc_request *req)
{
	struct topc_buf http;
	struct topc_error err = {0};
	const char *split;

	topc_buf_init(&http, 0);
	if (topc_request_write_http(req, o->reveal, &http, &err) != TOPC_OK) {
		cli_fail_error(&err);
		topc_buf_release(&http);
		return;
	}
	split = strstr(topc_buf_str(&http), "\r\n\r\n");
	if (o->print & PRINT_REQ_HEADERS)
		print_headers(o, http.data, split ? (size_t)(split - http.data) : http.len);
	if ((o->print & PRINT_REQ_BODY) && split) {
		if (o->print & PRINT_REQ_HEADERS)
			putchar('\n');
		cli_print_inert(split + 4, (size_t)-1);
		putchar('\n');
	}
	if (o->print & (PRINT_RESP_HEADERS | PRINT_RESP_BODY | PRINT_SUMMARY))
		putchar('\n');
	topc_buf_release(&http);
}

/* On a terminal: re-indented JSON, drawn inert, the first 64 KiB unless
 * --print asked for it.  Down a pipe: the bytes as they came, whole. */
static void print_body(const struct send_opts *o, const struct topc_http_response *resp)
{
	struct topc_buf pretty;
	const char *text;
	size_t shown, len;

	if (!o->tty) {
		fwrite(resp->body.data, 1, resp->body.len, stdout);
		if (resp->body.len && resp->body.data[resp->body.len - 1] != '\n')
			putchar('\n');
		return;
	}
	topc_buf_init(&pretty, 0);
	/* not JSON: appended as received; too large to re-indent: the buffer
	 * failed and holds nothing, so the text as received */
	if (topc_json_pretty(resp->body.data, resp->body.len, &pretty) == TOPC_ERR_NOMEM) {
		printf("%s\n", _("(too large to re-indent: shown as received)"));
		text = resp->body.data;
		len = resp->body.len;
	} else {
		text = topc_buf_str(&pretty);
		len = pretty.len;
	}
	shown = !o->print_asked && len > TERMINAL_BODY_MAX ? TERMINAL_BODY_MAX : len;
	cli_print_inert(text, shown);
	if (shown < len)
		printf(_("\n... (%zu bytes in all: pipe it, or --print b, for the whole)"), len);
	putchar('\n');
	topc_buf_release(&pretty);
}

void send_print_human(const struct send_opts *o, const struct topc_request *req,
		      const struct topc_outcome *out, const struct topc_http_response *resp)
{
	bool body = resp && resp->body.len && out->cls != TOPC_OUTCOME_TRANSPORT_ERROR;

	if (o->print & (PRINT_REQ_HEADERS | PRINT_REQ_BODY))
		print_request(o, req);
	if (o->print & PRINT_SUMMARY)
		print_summary(stdout, o->color, o, out, resp);
	else if (!o->print_asked)
		print_summary(stderr, o->color && isatty(STDERR_FILENO), o, out, resp);
	if ((o->print & PRINT_RESP_HEADERS) && resp && resp->headers.len) {
		print_headers(o, resp->headers.data, resp->headers.len);
		if (o->print & PRINT_RESP_BODY && body)
			putchar('\n');
	}
	if ((o->print & PRINT_RESP_BODY) && body)
		print_body(o, resp);
	fflush(stdout);
}
