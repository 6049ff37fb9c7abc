/*
 * send.h - topc send's options and outcome, shared by cmd_send.c (parsing,
 * sending, recording), send_build.c (what is sent: template, -s, -S, the
 * form) and send_print.c (every way of printing it: the summary, the
 * request, the answer, JSON, the dry run).
 *
 * Private to those three files.  The printers only read the options; what
 * they print of the request masks the session key unless --reveal, and
 * every text from outside is printed inert (--json escapes it).
 */
#ifndef TOPC_CLI_SEND_H
#define TOPC_CLI_SEND_H

#include <stdbool.h>
#include <stdint.h>

#include "base/params.h"
#include "ext/transport.h"
#include "history/history.h"
#include "form/form_value.h"
#include "profile/profile.h"
#include "profile/template.h"
#include "top/outcome.h"
#include "send/request.h"

/* What --print chooses, httpie's letters (s is topc's summary). */
enum {
	PRINT_SUMMARY = 1,	/* s: outcome, HTTP status, time, request_id, code */
	PRINT_REQ_HEADERS = 2,	/* H */
	PRINT_REQ_BODY = 4,	/* B */
	PRINT_RESP_HEADERS = 8, /* h */
	PRINT_RESP_BODY = 16,	/* b */
};
#define PRINT_LETTERS "sHBhb"

struct send_opts {
	const char *method;
	char *wire_method; /* --any-method's method= over METHOD, owned; NULL: none */
	const char *profile;
	bool dry_run, json, reveal, strict, any_method;
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
	/* open from the pending entry's record to the outcome's, so a send
	 * opens its history once (a failed open is said once: opened) */
	struct topc_history *history;
	bool history_opened;
	char *advice;	    /* what the answer means and what to check; NULL: nothing */
	char *advice_human; /* the same in the reader's language, for the summary,
			     * but for advice_command, printed inert */
	/* what follows advice_human in the summary: the words of code 25's
	 * topc sign command, made inert by their own quoting, printed as they
	 * are; NULL: none */
	char *advice_command;
	char human[1024]; /* the refusal in the reader's language; "": err's own */
};

struct topc_form;

/* send_build.c.  The business parameters to send, in o->business: the
 * form's values typed, checked and serialized (or the raw parameters; then
 * *has_form is false), -S on top; overrides gets -s as given.  On a
 * problem returns non-zero (an exit status) with err set; the caller
 * records it. */
int send_build_business(struct send_opts *o, struct topc_form *form, bool *has_form,
			struct topc_params *overrides, struct topc_error *err);
/* A unique field (message id, msg_key, biz_id) that the template fills with
 * a literal goes out the same every time: a warning from the second send on. */
void send_warn_reused_unique(const struct send_opts *o, const struct topc_form *form,
			     const struct topc_params *overrides);

/* --json: one object, the outcome and the answer's body; error is the
 * detail when the outcome has none. */
void send_print_json(const struct send_opts *o, const char *profile, const char *url,
		     const struct topc_outcome *out, const struct topc_http_response *resp,
		     const char *error);
/* What --print chose (by default the summary and the body). */
void send_print_human(const struct send_opts *o, const struct topc_request *req,
		      const struct topc_outcome *out, const struct topc_http_response *resp);
/* --dry-run: the HTTP request as it would go (or, with --json, the same
 * as one object); returns the exit status. */
int send_print_dry_run(const struct send_opts *o, const char *profile,
		       const struct topc_request *req);
/* --query with --json: the outcome's object with what the query selected. */
int send_print_query_json(const struct send_opts *o, const char *profile,
			  const struct topc_request *req, const struct topc_outcome *out,
			  const struct topc_http_response *resp);

#endif
