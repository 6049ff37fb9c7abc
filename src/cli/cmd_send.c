/* topc send: build, sign, send one request and print its outcome. */
#include "cli.h"
#include "send.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/mask.h"
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
#include "form/form.h"
#include "cli_query.h"
#include "cli_table.h"
#include "cli_value.h"
#include "cmd_help.h"
#include "inert.h"
#include "cli_interrupt.h"

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
			if (!cli_add_value(&o->business, optarg, "-s", false))
				return CLI_EXIT_USAGE;
			break;
		case CLI_OPT_SET_RAW:
			if (!cli_add_value(&o->unchecked, optarg, "-S", true))
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
		case CLI_OPT_ANY_METHOD:
			o->any_method = true;
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

/* " 'name=value'": a shell word that reads back as name=value exactly,
 * inert for the summary a person copies (topc_export_shell_quote): the
 * terminal is never driven, and the pasted command signs the same bytes. */
static enum topc_status shell_word(struct topc_buf *b, const char *name, const char *value,
				   bool inert)
{
	struct topc_buf word;
	enum topc_status st;

	topc_buf_init(&word, 0);
	st = topc_buf_addf(&word, "%s=%s", name, value);
	if (st == TOPC_OK)
		st = topc_buf_addc(b, ' ');
	if (st == TOPC_OK)
		st = topc_export_shell_quote(b, topc_buf_str(&word), inert);
	topc_buf_release(&word);
	return st;
}

/* The advice line: the code tables' text, and for 31 this machine's clock
 * against the answer's Date header, for 25 the command that shows this very
 * request's canonical string (the session key stays out of it). */
#define CLOCK_OFF N_("; this machine's clock is %+lld s off the gateway's (its Date header: %s)")
#define HISTORY_ENTRY N_(" (history entry %lld)")
#define CANONICAL N_("; this request's canonical string%s: topc sign -p %s%s")

/* human: in the reader's language (the summary), the command's words
 * apart in *command; else English, as --json and the history keep it
 * whatever the language, the words in it. */
static char *advice_for(const struct send_opts *o, const struct topc_request *req,
			const struct topc_outcome *out, const struct topc_http_response *resp,
			bool human, char **command)
{
	struct topc_buf b, words, *w = human ? &words : &b;
	int64_t gateway_s;
	enum topc_status st;

	topc_buf_init(&b, 1u << 20);
	topc_buf_init(&words, 1u << 20);
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
				st = shell_word(w, req->params.items[i].name,
						req->params.items[i].value, human);
	}
	if (st != TOPC_OK || !b.len) {
		topc_buf_release(&b);
		topc_buf_release(&words);
		return NULL;
	}
	if (human && words.len)
		*command = topc_buf_detach(&words, NULL);
	topc_buf_release(&words);
	return topc_buf_detach(&b, NULL);
}

/* Keeps the send in the history; a failure to do so is a warning, never a
 * reason to lose the outcome.  out NULL: before req leaves, as a pending
 * entry (history.h) that the outcome's record replaces. */
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
	    .pending_id = o->history_id, /* record_pending's, if it kept one */
	};
	struct topc_history *h;
	struct topc_error err = {0};
	char *notice = NULL;

	if (o->dry_run || (o->loaded && !o->loaded->history))
		return;
	if (!o->history_opened && topc_history_open(NULL, &o->history, &notice, &err) != TOPC_OK) {
		o->history = NULL;
		fprintf(stderr, _("topc: warning: not kept in the history: %s\n"),
			cli_inert(err.msg));
	}
	o->history_opened = true;
	if ((h = o->history)) {
		/* once the pending entry met another process's lock, the outcome
		 * is not tried: it was said before the request left, and a second
		 * wait would most likely meet the same lock (history.h) */
		if (out == NULL &&
		    topc_history_record_pending(h, &r, 1, &o->history_id, &err) != TOPC_OK) {
			if (topc_history_locked(h))
				fprintf(stderr,
					_("topc: warning: this send goes out and is not kept in "
					  "the history: %s\n"),
					cli_inert(err.msg));
			else
				fprintf(stderr,
					_("topc: warning: not kept in the history before "
					  "sending: %s\n"),
					cli_inert(err.msg));
		} else if (out && !topc_history_locked(h) &&
			   topc_history_record(h, &r, &o->history_id, &err) != TOPC_OK) {
			fprintf(stderr, _("topc: warning: not kept in the history: %s\n"),
				cli_inert(err.msg));
		}
	}
	if (out) { /* the last record of a send */
		topc_history_close(o->history);
		o->history = NULL;
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
	topc_outcome_set_detail(&out, err->english, err->msg);
	/* kept, it would keep the secret: refused for one, or holding one the
	 * request's own refusal never saw (no request was built) */
	if (err->code != TOPC_ERR_HOLDS_SECRET &&
	    !(o->loaded &&
	      topc_request_values_hold_secret(o->loaded, o->loaded->gateway, &o->values)))
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
	send_print_json(o, profile, NULL, &out, NULL, err->english);
	topc_outcome_release(&out);
	return CLI_EXIT_USAGE;
}

static const char *cli_or_empty(const char *s)
{
	return s ? s : "";
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
	status = send_build_business(o, &form, &has_form, &overrides, &err);
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
		send_warn_reused_unique(o, &form, &overrides);
	/* the form's success rules read the answer; it lives until the end */
	req.form = has_form ? &form : NULL;
	topc_params_release(&overrides);
	if (o->dry_run) {
		status = send_print_dry_run(o, client->profile->name, &req);
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
	client->cancel_fd = cli_interrupt_catch();
	record(o, &req, NULL, NULL); /* a trace even if topc is killed */
	if (topc_client_send(client, &req, &x, &out, &err) != TOPC_OK) {
		out.cls = TOPC_OUTCOME_TRANSPORT_ERROR;
		topc_outcome_set_detail(&out, err.english, err.msg);
		record(o, &req, &out, NULL);
		cli_interrupt_release(&client->cancel_fd);
		topc_outcome_release(&out);
		topc_request_release(&req);
		if (has_form)
			topc_form_release(&form);
		return cli_fail_error(&err);
	}
	if (out.cls == TOPC_OUTCOME_CANCELLED) {
		/* sent, its answer not read (or the retry not sent) */
		record(o, &req, &out, topc_transfer_response(x)); /* its time, no answer */
		fprintf(stderr,
			_("topc: cancelled: %s  %s; it may have reached the gateway (history "
			  "entry %lld, outcome cancelled)\n"),
			cli_inert(o->method), cli_inert(topc_outcome_detail_shown(&out)),
			(long long)o->history_id);
		topc_transfer_free(x);
		topc_outcome_release(&out);
		topc_request_release(&req);
		if (has_form)
			topc_form_release(&form);
		cli_interrupt_release(&client->cancel_fd);
		return topc_outcome_exit_code(TOPC_OUTCOME_CANCELLED);
	}
	record(o, &req, &out, topc_transfer_response(x));
	if (topc_outcome_exit_code(out.cls) <= CLI_EXIT_FAILED)
		cli_note_sent(); /* answered: an unwritten stdout must not read as 3 */
	/* kept: a Ctrl-C from now on stops the printing */
	cli_interrupt_release(&client->cancel_fd);
	o->advice = advice_for(o, &req, &out, topc_transfer_response(x), false, NULL);
	o->advice_human =
	    advice_for(o, &req, &out, topc_transfer_response(x), true, &o->advice_command);
	status = topc_outcome_exit_code(out.cls);
	const struct topc_http_response *resp = topc_transfer_response(x);
	if (o->query && o->json) {
		int q = send_print_query_json(o, client->profile->name, &req, &out, resp);
		if (q > status)
			status = q;
	} else if (o->query && out.cls != TOPC_OUTCOME_TRANSPORT_ERROR) {
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
		char *url = topc_mask_url(req.url); /* user:***@host */
		send_print_json(o, client->profile->name, url, &out, resp, NULL);
		free(url);
	} else {
		send_print_human(o, &req, &out, resp);
	}
	if (o->expect && status != 3) {
		int e =
		    cli_expect(o->expect, resp ? resp->body.data : NULL, resp ? resp->body.len : 0);
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
	int status;

	if (!topc_export_lang_parse(o->export_lang, &lang))
		return cli_fail(CLI_EXIT_USAGE, _("--export takes %s, not \"%s\""),
				topc_export_lang_list(), o->export_lang);
	topc_params_init(&overrides);
	topc_buf_init(&code, 0);
	status = send_build_business(o, &form, &has_form, &overrides, &err);
	/* the console's form preview exports through the same two calls */
	struct topc_export_request r;
	topc_export_request_for_profile(&r, o->method, &o->business, has_form ? &form : NULL,
					profile);
	if (status) {
		cli_fail_error(&err);
		for (size_t i = 0; i < o->problems.count; i++)
			fprintf(stderr, "  %s\n", o->problems.items[i].msg);
	} else if (topc_export_program(&r, lang, &code, &err) != TOPC_OK) {
		status = cli_fail_error(&err);
	} else {
		fwrite(code.data, 1, code.len, stdout);
	}
	topc_buf_release(&code);
	topc_params_release(&overrides);
	if (has_form)
		topc_form_release(&form);
	return status;
}

/* Whether a -s value sets the template's path (or a structure holding it):
 * that generator is then none of this send's, or the history would keep
 * it beside the value given ("XX (from T${now_ms})") and a fresh replay
 * would compute the template's value again where the user gave XX. */
static bool given_over(const struct send_opts *o, const char *path)
{
	for (size_t k = 0; k < o->business.count; k++)
		if (topc_form_path_within(path, o->business.items[k].name))
			return true;
	return false;
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
		if (topc_template_has_generator(o->tpl.values.items[i].value) &&
		    !given_over(o, o->tpl.values.items[i].name))
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
	topc_history_close(o.history); /* open when a send ended early */
	free(o.advice);
	free(o.advice_human);
	free(o.advice_command);
	free(o.wire_method);
	topc_template_release(&o.tpl);
	topc_params_release(&o.from_template);
	topc_params_release(&o.values);
	topc_params_release(&o.generators);
	return status;
}
