/* topc send: build, sign, send one request and print its outcome. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "send/client.h"
#include "top/codes.h"
#include "form/form_store.h"
#include "form/form_value.h"
#include "history/history_record.h"
#include "ext/json.h"
#include "export/export.h"
#include "top/query.h"
#include "profile/template.h"
#include "form/form_wire.h"
#include "cli_query.h"
#include "cli_table.h"
#include "cli_value.h"
#include "cmd_help.h"
#include "inert.h"

/* What --print chooses, httpie's letters (s is topc's summary). */
enum {
	PRINT_SUMMARY = 1,	/* s: outcome, HTTP status, time, request_id, code */
	PRINT_REQ_HEADERS = 2,	/* H */
	PRINT_REQ_BODY = 4,	/* B */
	PRINT_RESP_HEADERS = 8, /* h */
	PRINT_RESP_BODY = 16,	/* b */
};
#define PRINT_LETTERS "sHBhb"
#define TERMINAL_BODY_MAX 65536

struct send_opts {
	const char *method;
	const char *profile;
	bool dry_run, json, reveal, strict;
	int print;		 /* PRINT_* bits; 0 until parse_send settles it */
	bool print_asked;	 /* --print or -v given: everything to stdout */
	bool tty, color;	 /* stdout is a terminal; colours wanted there */
	const char *export_lang; /* --export: write the code, send nothing */
	const char *query;	 /* --query: print only what it selects */
	const char *expect;	 /* --expect: exit 1 unless the answer matches */
	struct topc_params business;
	struct topc_params unchecked;	    /* -S: sent without the JSON check */
	struct topc_form_problems problems; /* what the form found wrong */
	const char *template_name;	    /* -t */
	struct topc_template tpl;	    /* loaded when -t is given */
	struct topc_params from_template;   /* its values, generators computed */
	/* for the history */
	const struct topc_profile *loaded; /* NULL until the profile loads */
	const char *gateway;		   /* the URL, once known */
	struct topc_params values;	   /* as filled: form values, or raw parameters */
	struct topc_params generators;	   /* path -> the template's ${...} */
	int64_t history_id;
	char *advice;	    /* what the answer means and what to check; NULL: nothing */
	char *advice_human; /* the same in the reader's language, for the summary */
	char human[1024];   /* the refusal in the reader's language; "": err's own */
};

static int parse_send(int argc, char **argv, struct send_opts *o)
{
	int c;

	optind = 1;
	while ((c = cli_getopt(cli_command_find("send"), argc, argv)) != -1) {
		switch (c) {
		case CLI_OPT_PROFILE:
			o->profile = optarg;
			break;
		case CLI_OPT_TEMPLATE:
			o->template_name = optarg;
			break;
		case CLI_OPT_SET:
			if (!cli_add_value(&o->business, optarg, "-s"))
				return CLI_EXIT_USAGE;
			break;
		case CLI_OPT_SET_RAW:
			if (!cli_add_value(&o->unchecked, optarg, "-S"))
				return CLI_EXIT_USAGE;
			break;
		case CLI_OPT_DRY_RUN:
			o->dry_run = true;
			break;
		case CLI_OPT_JSON:
			o->json = true;
			break;
		case CLI_OPT_REVEAL:
			o->reveal = true;
			break;
		case CLI_OPT_QUERY:
			o->query = optarg;
			break;
		case CLI_OPT_EXPECT:
			o->expect = optarg;
			break;
		case CLI_OPT_STRICT:
			o->strict = true;
			break;
		case CLI_OPT_PRINT:
			o->print = 0;
			for (const char *p = optarg; *p; p++) {
				const char *at = strchr(PRINT_LETTERS, *p);
				if (!at)
					return cli_fail(
					    CLI_EXIT_USAGE,
					    _("--print \"%s\": '%c' is not one of s H B h b "
					      "(summary, request headers and body, answer "
					      "headers and body)"),
					    optarg, *p);
				o->print |= 1 << (at - PRINT_LETTERS);
			}
			o->print_asked = true;
			break;
		case CLI_OPT_VERBOSE:
			o->print = PRINT_SUMMARY | PRINT_REQ_HEADERS | PRINT_REQ_BODY |
				   PRINT_RESP_HEADERS | PRINT_RESP_BODY;
			o->print_asked = true;
			break;
		case CLI_OPT_EXPORT:
			o->export_lang = optarg;
			o->dry_run = true; /* never recorded */
			break;
		default:
			return cli_usage("send", false);
		}
	}
	/* getopt moved the operands to the end: METHOD is the first. */
	if (optind < argc)
		o->method = argv[optind++];
	if (optind < argc)
		return cli_fail(CLI_EXIT_USAGE,
				_("unexpected argument \"%s\"; business parameters "
				  "go after -s, as -s name=value"),
				argv[optind]);
	if (!o->method && !o->template_name)
		return cli_fail(CLI_EXIT_USAGE,
				_("send needs a METHOD, such as "
				  "taobao.tpn.template.message.send, or -t TEMPLATE"));
	o->tty = isatty(STDOUT_FILENO);
	o->color = o->tty && cli_color_wanted();
	if (!o->print_asked)
		o->print = o->tty ? PRINT_SUMMARY | PRINT_RESP_BODY : PRINT_RESP_BODY;
	return 0;
}

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

static void print_json(const struct send_opts *o, const char *profile, const char *url,
		       const struct topc_outcome *out, const struct topc_http_response *resp,
		       const char *error)
{
	struct topc_json *obj = topc_json_new_object();
	char *text = NULL;
	bool ok;

	/* all of it or nothing: a script must never read half an outcome */
	ok = obj && topc_json_add_string(obj, "outcome", topc_outcome_name(out->cls)) &&
	     topc_json_add_int(obj, "exit_status", topc_outcome_exit_code(out->cls)) &&
	     topc_json_add_string(obj, "method", o->method) &&
	     add_string(obj, "profile", profile) && add_string(obj, "url", url) &&
	     (!out->http_status || topc_json_add_int(obj, "http_status", out->http_status)) &&
	     (!resp || topc_json_add_int(obj, "latency_ms", resp->latency_ms)) &&
	     (!out->attempts || topc_json_add_int(obj, "attempts", out->attempts)) &&
	     (!o->history_id || topc_json_add_int(obj, "history_id", o->history_id)) &&
	     (!out->has_code || topc_json_add_int(obj, "code", out->code)) &&
	     add_string(obj, "msg", out->msg) && add_string(obj, "sub_code", out->sub_code) &&
	     add_string(obj, "sub_msg", out->sub_msg) &&
	     add_string(obj, "request_id", out->request_id) &&
	     add_string(obj, "detail", out->detail ? out->detail : error) &&
	     add_string(obj, "advice", o->advice) &&
	     (!o->problems.count || add_problems(obj, &o->problems)) &&
	     (!resp || !resp->body.len ||
	      topc_json_add_text(obj, "body", topc_buf_str(&resp->body), resp->body.len));
	if (ok)
		text = topc_json_print(obj);
	if (text)
		puts(text);
	else
		fprintf(stderr, "topc: the outcome is too large to write as JSON\n");
	free(text);
	topc_json_free(obj);
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
		/* the code as the answer wrote it: digits past 64 bits too */
		fputs(_("code "), f);
		if (out->code_text)
			cli_write_inert(f, out->code_text, (size_t)-1);
		else
			fprintf(f, "%lld", out->code);
		fputs(_(": "), f);
		cli_write_inert(f, out->msg ? out->msg : "", (size_t)-1);
		fputc('\n', f);
		if (out->sub_code) {
			fputs(_("sub_code "), f);
			cli_write_inert(f, out->sub_code, (size_t)-1);
			fputs(_(": "), f);
			cli_write_inert(f, out->sub_msg ? out->sub_msg : "", (size_t)-1);
			fputc('\n', f);
		}
	}
	if (out->detail) {
		cli_write_inert(f, out->detail, (size_t)-1);
		fputc('\n', f);
	}
	if (o->advice) { /* it quotes the answer's sub_code: inert */
		fputs(_("check: "), f);
		cli_write_inert(f, o->advice_human, (size_t)-1);
		fputc('\n', f);
	}
}

/* 'name=value' for a shell, single quotes closed around each ' inside. */
static enum topc_status shell_word(struct topc_buf *b, const char *name, const char *value)
{
	enum topc_status st = topc_buf_addf(b, " '%s=", name);

	for (const char *p = value; *p && st == TOPC_OK; p++)
		st = *p == '\'' ? topc_buf_adds(b, "'\\''") : topc_buf_addc(b, *p);
	return st == TOPC_OK ? topc_buf_addc(b, '\'') : st;
}

/* The advice line: the code tables' text, and for 31 this machine's clock
 * against the answer's Date header, for 25 the command that shows this very
 * request's canonical string (the session key stays out of it). */
#define CLOCK_OFF N_("; this machine's clock is %+lld s off the gateway's (its Date header: %s)")
#define HISTORY_ENTRY N_(" (history entry %lld)")
#define CANONICAL N_("; this request's canonical string%s: topc sign -p %s%s")

/* human: in the reader's language (the summary); else English, as --json
 * and the history keep it whatever the language. */
static char *advice_for(const struct send_opts *o, const struct topc_request *req,
			const struct topc_outcome *out, const struct topc_http_response *resp,
			bool human)
{
	struct topc_buf b;
	int64_t gateway_s;
	enum topc_status st;

	topc_buf_init(&b, 1u << 20);
	st = human ? topc_outcome_advice_human(out, &b) : topc_outcome_advice(out, &b);
	if (st == TOPC_OK && out->has_code && out->code == 31 && resp && resp->date[0] &&
	    topc_http_date_parse(resp->date, &gateway_s))
		st = topc_buf_addf(&b, human ? _(CLOCK_OFF) : CLOCK_OFF,
				   (long long)(topc_now_ms() / 1000 - gateway_s), resp->date);
	if (st == TOPC_OK && out->has_code && out->code == 25 && req) {
		const char *session = topc_params_get(&req->params, "session");
		char entry[48] = "";
		if (o->history_id)
			snprintf(entry, sizeof(entry), human ? _(HISTORY_ENTRY) : HISTORY_ENTRY,
				 (long long)o->history_id);
		st = topc_buf_addf(&b, human ? _(CANONICAL) : CANONICAL, entry, o->profile,
				   session && *session ? " --session" : "");
		for (size_t i = 0; st == TOPC_OK && i < req->params.count; i++)
			if (strcmp(req->params.items[i].name, "session") != 0)
				st = shell_word(&b, req->params.items[i].name,
						req->params.items[i].value);
	}
	if (st != TOPC_OK || !b.len) {
		topc_buf_release(&b);
		return NULL;
	}
	return topc_buf_detach(&b, NULL);
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

static void print_human(const struct send_opts *o, const struct topc_request *req,
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

/* Keeps the send in the history; a failure to do so is a warning, never a
 * reason to lose the outcome. */
static void record(struct send_opts *o, const struct topc_request *req,
		   const struct topc_outcome *out, const struct topc_http_response *resp)
{
	struct topc_send_record r = {
	    .profile_name = o->profile,
	    .profile = o->loaded,
	    .gateway = o->gateway,
	    .method = o->method,
	    .template_name = o->template_name,
	    .values = &o->values,
	    .generators = &o->generators,
	    .request = req,
	    .outcome = out,
	    .response = resp,
	};
	struct topc_history *h;
	struct topc_error err = {0};
	char *notice = NULL;

	if (o->dry_run || (o->loaded && !o->loaded->history))
		return;
	if (topc_history_open(NULL, &h, &notice, &err) == TOPC_OK) {
		if (topc_history_record(h, &r, &o->history_id, &err) != TOPC_OK)
			fprintf(stderr, _("topc: warning: not kept in the history: %s\n"),
				cli_inert(err.msg));
		topc_history_close(h);
	} else {
		fprintf(stderr, _("topc: warning: not kept in the history: %s\n"),
			cli_inert(err.msg));
	}
	if (notice)
		fprintf(stderr, _("topc: warning: %s\n"), cli_inert(notice));
	free(notice);
}

static int send_invalid(struct send_opts *o, const char *profile, const struct topc_error *err)
{
	struct topc_outcome out;

	topc_outcome_init(&out);
	out.cls = TOPC_OUTCOME_INVALID_INPUT;
	topc_outcome_set(&out.detail, err->english);
	record(o, NULL, &out, NULL);
	topc_outcome_release(&out);
	if (!o->json) {
		if (o->human[0])
			cli_fail(2, "%s", o->human);
		else
			cli_fail_error(err);
		o->human[0] = '\0';
		for (size_t i = 0; i < o->problems.count; i++)
			if (o->problems.items[i].severity == TOPC_SEVERITY_WARNING)
				fprintf(stderr, _("  warning: %s\n"),
					cli_inert(o->problems.items[i].msg));
			else
				fprintf(stderr, "  %s\n", cli_inert(o->problems.items[i].msg));
		return CLI_EXIT_USAGE;
	}
	topc_outcome_init(&out);
	out.cls = TOPC_OUTCOME_INVALID_INPUT;
	print_json(o, profile, NULL, &out, NULL, err->english);
	topc_outcome_release(&out);
	return CLI_EXIT_USAGE;
}

/* With a form, -s names are field paths (or system parameters the form does
 * not use): values are typed and validated, then serialized.  Every problem
 * is reported, not just the first. */
static int apply_form(struct send_opts *o, const struct topc_form *form, struct topc_error *err)
{
	struct topc_params system, *values = &o->values;
	int status = 0;

	topc_params_init(&system);
	for (size_t i = 0; i < o->from_template.count && status == 0; i++)
		if (topc_form_set(form, values, o->from_template.items[i].name,
				  o->from_template.items[i].value, err) != TOPC_OK) {
			topc_error_prefix(err, "template \"%s\": ", o->template_name);
			status = CLI_EXIT_USAGE;
		}
	for (size_t i = 0; i < o->business.count && status == 0; i++) {
		const struct topc_param *a = &o->business.items[i];
		if (topc_request_is_system_param(a->name) &&
		    !topc_field_find(&form->request, a->name))
			status = topc_params_set(&system, a->name, a->value) == TOPC_OK
				     ? CLI_EXIT_OK
				     : CLI_EXIT_TRANSPORT;
		else if (topc_form_set(form, values, a->name, a->value, err) != TOPC_OK)
			status = CLI_EXIT_USAGE;
	}
	if (status == 0) {
		size_t warnings, errors;
		topc_form_validate(form, values, &o->unchecked, &o->problems);
		warnings = topc_form_problems_count(&o->problems, TOPC_SEVERITY_WARNING);
		if (o->strict)
			topc_form_problems_strict(&o->problems);
		errors = topc_form_problems_count(&o->problems, TOPC_SEVERITY_ERROR);
		if (errors) {
			topc_error_set(
			    err, TOPC_ERR_INPUT,
			    "%s: %zu problem%s in the form%s; nothing was sent", form->method,
			    errors, errors == 1 ? "" : "s",
			    o->strict && warnings ? " (--strict: the page's prose counts)" : "");
			if (o->strict && warnings)
				snprintf(o->human, sizeof(o->human),
					 P_("%s: %zu problem in the form (--strict: the page's "
					    "prose counts); nothing was sent",
					    "%s: %zu problems in the form (--strict: the page's "
					    "prose counts); nothing was sent",
					    errors),
					 form->method, errors);
			else
				snprintf(o->human, sizeof(o->human),
					 P_("%s: %zu problem in the form; nothing was sent",
					    "%s: %zu problems in the form; nothing was sent",
					    errors),
					 form->method, errors);
			status = CLI_EXIT_USAGE;
		}
	}
	topc_params_release(&o->business);
	topc_params_init(&o->business);
	if (status == 0 && (topc_form_serialize(form, values, &o->business, err) != TOPC_OK ||
			    topc_params_copy(&o->business, &system) != TOPC_OK))
		status = CLI_EXIT_USAGE;
	topc_params_release(&system);
	return status;
}

static const char *cli_or_empty(const char *s)
{
	return s ? s : "";
}

/* A unique field (message id, msg_key, biz_id) that the template fills with
 * a literal goes out the same every time: say so from the second send on. */
static void warn_reused_unique(const struct send_opts *o, const struct topc_form *form,
			       const struct topc_params *overrides)
{
	for (size_t i = 0; o->template_name && i < o->tpl.values.count; i++) {
		const char *path = o->tpl.values.items[i].name, *raw = o->tpl.values.items[i].value;
		const struct topc_field *fd = topc_field_find(&form->request, path);
		if (!fd || fd->c.unique == TOPC_UNIQUE_NONE || topc_template_has_generator(raw) ||
		    topc_params_get(overrides, path) || !*raw)
			continue; /* not unique, generated, or overridden by -s */
		if (topc_template_seen(o->template_name, path, raw))
			fprintf(
			    stderr,
			    _("topc: warning: %s \"%s\" was already sent from template \"%s\", "
			      "and it must %s; let the template generate it: topc templates save "
			      "%s -t %s -s '%s=${%s}' --force\n"),
			    path, cli_inert(raw), o->template_name,
			    topc_unique_meaning(fd->c.unique), o->template_name, o->template_name,
			    path, fd->kind == TOPC_FIELD_NUMBER ? "now_ms" : "uuid");
	}
}

/* The business parameters to send, in o->business: the form's values typed,
 * checked and serialized (or the raw parameters), -S on top.  On a problem
 * returns non-zero with err set; the caller records it. */
static int build_business(struct send_opts *o, struct topc_form *form, bool *has_form,
			  struct topc_params *overrides, struct topc_error *err)
{
	int status = 0;

	if (topc_form_find(o->method, form, has_form, err) != TOPC_OK)
		return CLI_EXIT_USAGE;
	if (!*has_form && o->from_template.count) {
		/* no form: the template's parameters, then -s on top */
		struct topc_params merged;
		topc_params_init(&merged);
		if (topc_params_copy(&merged, &o->from_template) != TOPC_OK ||
		    topc_params_copy(&merged, &o->business) != TOPC_OK)
			status = CLI_EXIT_TRANSPORT;
		topc_params_release(&o->business);
		o->business = merged;
	}
	if (topc_params_copy(overrides, &o->business) != TOPC_OK ||
	    (!*has_form && topc_params_copy(&o->values, &o->business) != TOPC_OK))
		status = CLI_EXIT_TRANSPORT;
	if (status == 0 && (topc_request_check_utf8(&o->business, err) != TOPC_OK ||
			    topc_request_check_utf8(&o->from_template, err) != TOPC_OK))
		status = CLI_EXIT_USAGE;
	if (status == 0 && *has_form)
		status = apply_form(o, form, err);
	if (topc_params_copy(&o->values, &o->unchecked) != TOPC_OK)
		status = CLI_EXIT_TRANSPORT;
	if (status || (!*has_form && topc_request_check_json_like(&o->business, err) != TOPC_OK) ||
	    topc_params_copy(&o->business, &o->unchecked) != TOPC_OK)
		return status ? status : CLI_EXIT_USAGE;
	return 0;
}

static int send_with_client(struct send_opts *o, struct topc_client *client)
{
	struct topc_error err = {0};
	struct topc_request req;
	struct topc_outcome out;
	struct topc_transfer *x = NULL;
	struct topc_form form;
	struct topc_params overrides; /* -s as given, before the form digests them */
	bool has_form = false;
	int status = 0;

	topc_request_init(&req);
	topc_outcome_init(&out);
	topc_params_init(&overrides);
	status = build_business(o, &form, &has_form, &overrides, &err);
	if (status || topc_client_build(client, o->method, &o->business, &req, &err) != TOPC_OK) {
		topc_request_release(&req);
		topc_params_release(&overrides);
		if (has_form)
			topc_form_release(&form);
		return send_invalid(o, client->profile->name, &err);
	}
	if (has_form && form.session && !*cli_or_empty(topc_params_get(&req.params, "session"))) {
		/* TOP answers 26 Missing Session: refuse it here, naming the fix */
		topc_error_set(
		    &err, TOPC_ERR_INPUT,
		    "%s needs a session (its page's example passes a sessionKey) and "
		    "profile \"%s\" has none; set session_env, session_file or session_cmd "
		    "in it",
		    o->method, client->profile->name);
		snprintf(o->human, sizeof(o->human),
			 _("%s needs a session (its page's example passes a sessionKey) and "
			   "profile \"%s\" has none; set session_env, session_file or session_cmd "
			   "in it"),
			 o->method, client->profile->name);
		topc_request_release(&req);
		topc_params_release(&overrides);
		topc_form_release(&form);
		return send_invalid(o, client->profile->name, &err);
	}
	for (size_t i = 0; i < o->problems.count; i++)
		fprintf(stderr, _("topc: warning: %s; sent anyway, --strict refuses it\n"),
			cli_inert(o->problems.items[i].msg));
	if (has_form && !o->dry_run)
		warn_reused_unique(o, &form, &overrides);
	/* the form's success rules read the answer; it lives until the end */
	req.form = has_form ? &form : NULL;
	topc_params_release(&overrides);
	if (o->dry_run) {
		struct topc_buf http;
		topc_buf_init(&http, 0);
		status = topc_request_write_http(&req, o->reveal, &http, &err) == TOPC_OK
			     ? CLI_EXIT_OK
			     : CLI_EXIT_USAGE;
		if (status == 0) {
			cli_print_inert(topc_buf_str(&http), http.len);
			putchar('\n');
		} else
			cli_fail_error(&err);
		topc_buf_release(&http);
		topc_request_release(&req);
		if (has_form)
			topc_form_release(&form);
		return status;
	}
	struct topc_error qerr = {0};
	if ((o->query &&
	     topc_query_check(o->query, req.format == TOPC_FORMAT_XML, &qerr) != TOPC_OK) ||
	    (o->expect &&
	     topc_query_check(o->expect, req.format == TOPC_FORMAT_XML, &qerr) != TOPC_OK)) {
		/* before anything goes out */
		topc_request_release(&req);
		if (has_form)
			topc_form_release(&form);
		return cli_fail_error(&qerr);
	}
	if (!client->profile->tls_verify)
		fprintf(stderr,
			_("topc: warning: TLS verification is off for profile \"%s\"; the "
			  "gateway's identity is not checked\n"),
			client->profile->name);
	if (topc_client_send(client, &req, &x, &out, &err) != TOPC_OK) {
		out.cls = TOPC_OUTCOME_TRANSPORT_ERROR;
		topc_outcome_set(&out.detail, err.english);
		record(o, &req, &out, NULL);
		topc_outcome_release(&out);
		topc_request_release(&req);
		if (has_form)
			topc_form_release(&form);
		return cli_fail_error(&err);
	}
	record(o, &req, &out, topc_transfer_response(x));
	o->advice = advice_for(o, &req, &out, topc_transfer_response(x), false);
	o->advice_human = advice_for(o, &req, &out, topc_transfer_response(x), true);
	status = topc_outcome_exit_code(out.cls);
	const struct topc_http_response *resp = topc_transfer_response(x);
	if (o->query && out.cls != TOPC_OUTCOME_TRANSPORT_ERROR) {
		/* only what the query selects on stdout; the outcome on stderr */
		int q;
		fprintf(stderr, "topc: %s  %s", topc_outcome_name(out.cls), o->method);
		if (out.request_id)
			fprintf(stderr, "  request_id %s", cli_inert(out.request_id));
		fputc('\n', stderr);
		q = cli_query_print(o->query, resp ? resp->body.data : NULL,
				    resp ? resp->body.len : 0);
		if (q > status)
			status = q;
	} else if (o->json) {
		print_json(o, client->profile->name, req.url, &out, resp, NULL);
	} else {
		print_human(o, &req, &out, resp);
	}
	if (o->expect && status != 3) {
		int e = cli_expect(o->expect, resp ? resp->body.data : NULL,
				   resp ? resp->body.len : 0, NULL);
		if (e > status)
			status = e;
	}
	topc_transfer_free(x);
	topc_outcome_release(&out);
	topc_request_release(&req);
	if (has_form)
		topc_form_release(&form);
	return status;
}

/* --export LANG: the request as code for the language's SDK; nothing is
 * signed, sent or recorded, and no secret is read. */
static int send_export(struct send_opts *o, const struct topc_profile *profile)
{
	struct topc_error err = {0};
	struct topc_form form;
	struct topc_params overrides;
	struct topc_buf code;
	enum topc_export_lang lang;
	bool has_form = false;
	const char *fmt;
	int status;

	if (!topc_export_lang_parse(o->export_lang, &lang))
		return cli_fail(CLI_EXIT_USAGE, _("--export takes %s, not \"%s\""),
				topc_export_lang_list(), o->export_lang);
	topc_params_init(&overrides);
	topc_buf_init(&code, 0);
	status = build_business(o, &form, &has_form, &overrides, &err);
	fmt = topc_params_get(&o->business, "format");
	struct topc_export_request r = {
	    .method = o->method,
	    .params = &o->business,
	    .form = has_form ? &form : NULL,
	    .profile = profile->name,
	    .gateway = topc_profile_is_builtin(profile) ? NULL : profile->gateway,
	    .app_key = profile->app_key,
	    .format = fmt				   ? fmt
		      : profile->format == TOPC_FORMAT_XML ? "xml"
							   : "json",
	    .sign_method = topc_sign_method_name(profile->sign_method),
	    .connect_timeout_ms = profile->connect_timeout_ms,
	    .timeout_ms = profile->timeout_ms,
	    .session = profile->session.kind != TOPC_SOURCE_NONE,
	};
	if (status) {
		cli_fail_error(&err);
		for (size_t i = 0; i < o->problems.count; i++)
			fprintf(stderr, "  %s\n", o->problems.items[i].msg);
	} else if (topc_export_code(&r, lang, &code, &err) != TOPC_OK) {
		status = cli_fail_error(&err);
	} else {
		if (lang == TOPC_EXPORT_CURL) {
			struct topc_buf head;
			topc_buf_init(&head, 0);
			if (topc_export_script_header(r.gateway == NULL, &head) == TOPC_OK)
				fwrite(head.data, 1, head.len, stdout);
			topc_buf_release(&head);
		}
		fwrite(code.data, 1, code.len, stdout);
	}
	topc_buf_release(&code);
	topc_params_release(&overrides);
	if (has_form)
		topc_form_release(&form);
	return status;
}

static int load_template(struct send_opts *o, const struct topc_profile *profile,
			 struct topc_error *err)
{
	if (topc_template_load(o->template_name, &o->tpl, err) != TOPC_OK)
		return send_invalid(o, profile->name, err);
	if (o->method && strcmp(o->method, o->tpl.method) != 0) {
		topc_error_set(err, TOPC_ERR_USAGE,
			       "template \"%s\" is for %s, not %s; leave "
			       "METHOD out to use the template's",
			       o->template_name, o->tpl.method, o->method);
		snprintf(o->human, sizeof(o->human),
			 _("template \"%s\" is for %s, not %s; leave METHOD out to use the "
			   "template's"),
			 o->template_name, o->tpl.method, o->method);
		return send_invalid(o, profile->name, err);
	}
	o->method = o->tpl.method;
	for (size_t i = 0; i < o->tpl.values.count; i++)
		if (topc_template_has_generator(o->tpl.values.items[i].value))
			topc_params_set(&o->generators, o->tpl.values.items[i].name,
					o->tpl.values.items[i].value);
	if (topc_template_expand(&o->tpl, profile, &o->from_template, err) != TOPC_OK)
		return send_invalid(o, profile->name, err);
	return 0;
}

int cmd_send(int argc, char **argv)
{
	struct send_opts o = {.profile = "local"};
	struct topc_profile profile;
	struct topc_client client;
	struct topc_error err = {0};
	int status;

	topc_params_init(&o.business);
	topc_params_init(&o.unchecked);
	topc_form_problems_init(&o.problems);
	topc_profile_init(&profile);
	topc_template_init(&o.tpl);
	topc_params_init(&o.from_template);
	topc_params_init(&o.values);
	topc_params_init(&o.generators);
	status = parse_send(argc, argv, &o);
	if (status == 0 && topc_profile_load(o.profile, &profile, &err) != TOPC_OK)
		status = send_invalid(&o, o.profile, &err);
	else if (status == 0)
		o.loaded = &profile;
	if (status == 0 && o.template_name)
		status = load_template(&o, &profile, &err);
	if (status == 0 && o.export_lang)
		status = send_export(&o, &profile);
	else if (status == 0 && topc_client_init(&client, &profile, &err) != TOPC_OK)
		status = send_invalid(&o, o.profile, &err);
	else if (status == 0) {
		o.gateway = client.url;
		status = send_with_client(&o, &client);
		topc_client_release(&client);
	}
	topc_profile_release(&profile);
	topc_params_release(&o.business);
	topc_params_release(&o.unchecked);
	topc_form_problems_release(&o.problems);
	free(o.advice);
	free(o.advice_human);
	topc_template_release(&o.tpl);
	topc_params_release(&o.from_template);
	topc_params_release(&o.values);
	topc_params_release(&o.generators);
	return status;
}
