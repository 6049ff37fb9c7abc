/* topc sign: the canonical string and signature of given parameters, and
 * whether a captured request's sign matches. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "profile/profile.h"
#include "send/request.h"
#include "top/secret.h"
#include "top/sign.h"
#include "ext/urlcode.h"
#include "cli_table.h"
#include "cli_value.h"
#include "cmd_help.h"
#include "inert.h"

struct sign_opts {
	const char *profile;
	const char *secret_env;
	const char *sign_method;
	const char *body;
	bool reveal, now, emit_body, session;
	struct topc_params params;
	struct topc_params repeated; /* name -> how many times it was given, when more than once */
	struct topc_buf body_read;   /* --body @FILE or @- */
};

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names given more than once, into o->repeated (name -> how many
 * times), so the canonical string's note can say that only the last value
 * is signed: sorted, runs counted (a body may hold many pairs).  Takes the
 * n names and frees them. */
static enum topc_status note_repeats(struct sign_opts *o, char **names, size_t n,
				     enum topc_status st, struct topc_error *err)
{
	qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0, j; st == TOPC_OK && i < n; i = j) {
		char count[24];
		for (j = i + 1; j < n && strcmp(names[i], names[j]) == 0; j++)
			;
		snprintf(count, sizeof(count), "%zu", j - i);
		if (j - i > 1 && /* names sorted: each once, appended */
		    topc_params_append(&o->repeated, names[i], count, strlen(count)) != TOPC_OK)
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return st;
}

/* The names of a body's pairs, each decoded alone, to note_repeats. */
static enum topc_status body_repeats(struct sign_opts *o, const char *text, struct topc_error *err)
{
	size_t n = 0, cap = 1;
	enum topc_status st = TOPC_OK;
	char **names;

	for (const char *a = text; (a = strchr(a, '&')) != NULL; a++)
		cap++;
	if (!(names = calloc(cap, sizeof(*names))))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	for (const char *at = text; st == TOPC_OK && *at && n < cap;) {
		size_t len = strcspn(at, "&");
		struct topc_params one;
		topc_params_init(&one);
		st = topc_url_form_decode(at, len, &one, err);
		if (st == TOPC_OK && one.count && !(names[n++] = strdup(one.items[0].name)))
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
		topc_params_release(&one);
		at += len + (at[len] == '&');
	}
	return note_repeats(o, names, n, st, err);
}

/* The names of the NAME=VALUE arguments, to note_repeats. */
static enum topc_status argv_repeats(struct sign_opts *o, char **argv, int argc,
				     struct topc_error *err)
{
	char **names = calloc((size_t)argc + 1, sizeof(*names));
	size_t n = 0;
	enum topc_status st = TOPC_OK;

	if (!names)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	for (int i = 0; i < argc && st == TOPC_OK; i++)
		if (!(names[n++] = strndup(argv[i], strcspn(argv[i], "="))))
			st = topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	return note_repeats(o, names, n, st, err);
}

/* --body TEXT, or --body @FILE / --body - read as -s NAME=@FILE reads. */
static enum topc_status read_body(struct sign_opts *o, struct topc_error *err)
{
	struct topc_params holder;
	enum topc_status st = TOPC_OK;
	const char *text = o->body;
	char *arg = NULL;

	topc_params_init(&holder);
	if (o->body[0] == '@' || strcmp(o->body, "-") == 0) {
		arg = topc_strf("--body=%s%s", o->body[0] == '@' ? "" : "@", o->body);
		if (!arg || !cli_add_value(&holder, arg, "--body", false))
			st = topc_error_set(err, TOPC_ERR_USAGE, "%s", "");
		text = topc_params_get(&holder, "--body");
	}
	if (st == TOPC_OK && text)
		st = topc_url_form_decode(text, strlen(text), &o->params, err);
	if (st == TOPC_OK && text)
		st = body_repeats(o, text, err);
	free(arg);
	topc_params_release(&holder);
	return st;
}

/* True when a real session key (not the <session> mask) came in argv, as
 * NAME=VALUE or in --body's text; its bytes in argv are then overwritten,
 * so /proc/PID/cmdline (what ps shows) holds it no longer than parsing. */
static bool session_on_command_line(const struct sign_opts *o, int argc, char **argv)
{
	const char *session = topc_params_get(&o->params, "session");
	bool found = false;

	if (!session || !*session || strcmp(session, topc_request_mask("session", "x", false)) == 0)
		return false;
	for (int i = 1; i < argc; i++)
		for (char *at = strstr(argv[i], "session="); at; at = strstr(at + 1, "session=")) {
			char *v = at + 8;
			bool starts = at == argv[i] || at == o->body || at[-1] == '&';
			if (!starts || *v == '@' || !*v)
				continue; /* session=@FILE names a file only */
			for (; *v && *v != '&'; v++)
				*v = 'x';
			found = true;
		}
	return found;
}

static int parse_sign(int argc, char **argv, struct sign_opts *o)
{
	struct topc_error err = {0};
	int c;

	optind = 1;
	while ((c = cli_getopt(cli_command_find("sign"), argc, argv)) != -1) {
		switch (c) {
		case CLI_OPT_PROFILE:
			o->profile = optarg;
			break;
		case CLI_OPT_SECRET_ENV:
			o->secret_env = optarg;
			break;
		case CLI_OPT_SIGN_METHOD:
			o->sign_method = optarg;
			break;
		case CLI_OPT_BODY:
			o->body = optarg;
			break;
		case CLI_OPT_REVEAL:
			o->reveal = true;
			break;
		case CLI_OPT_NOW:
			o->now = true;
			break;
		case CLI_OPT_EMIT_BODY:
			o->emit_body = true;
			break;
		case CLI_OPT_SESSION:
			o->session = true;
			break;
		default:
			return cli_usage("sign", false);
		}
	}
	if (o->profile && o->secret_env)
		return cli_fail(CLI_EXIT_USAGE, _("give -p or --secret-env, not both"));
	if (o->body && optind < argc)
		return cli_fail(CLI_EXIT_USAGE, _("give NAME=VALUE arguments or --body, not both"));
	for (int i = optind; i < argc; i++)
		if (!cli_add_value(&o->params, argv[i], "parameter", false))
			return CLI_EXIT_USAGE;
	if (argv_repeats(o, argv + optind, argc - optind, &err) != TOPC_OK)
		return cli_fail_error(&err);
	if (o->body && read_body(o, &err) != TOPC_OK)
		return err.msg[0] ? cli_fail_error(&err) : CLI_EXIT_USAGE;
	if (session_on_command_line(o, argc, argv))
		fprintf(stderr,
			_("topc: warning: the session key is on the command line, where ps and the "
			  "shell's history show it; pass the body with --body - (standard input) "
			  "or --body @FILE, or sign with -p PROFILE --session\n"));
	if (o->params.count == 0)
		return cli_fail(
		    CLI_EXIT_USAGE,
		    _("nothing to sign; give NAME=VALUE arguments or --body 'a=1&b=2'"));
	return 0;
}

/* The sign method: a sign_method parameter wins, then --sign-method, then
 * the profile's. */
static int choose_method(const struct sign_opts *o, const struct topc_profile *profile,
			 enum topc_sign_method *m)
{
	const char *given = topc_params_get(&o->params, "sign_method");

	if (given && *given) {
		if (!topc_sign_method_parse(given, m))
			return cli_fail(CLI_EXIT_USAGE,
					_("sign_method \"%s\" is not md5, hmac or hmac-sha256"),
					given);
		if (o->sign_method && strcmp(o->sign_method, given) != 0)
			return cli_fail(
			    CLI_EXIT_USAGE,
			    _("--sign-method %s contradicts the sign_method=%s parameter; "
			      "drop one"),
			    o->sign_method, given);
		return 0;
	}
	if (o->sign_method) {
		if (!topc_sign_method_parse(o->sign_method, m))
			return cli_fail(CLI_EXIT_USAGE,
					_("--sign-method \"%s\" is not md5, hmac or hmac-sha256"),
					o->sign_method);
		return 0;
	}
	*m = profile ? profile->sign_method : TOPC_SIGN_MD5;
	return 0;
}

static int read_secret(const struct sign_opts *o, struct topc_profile *profile,
		       struct topc_buf *secret)
{
	struct topc_error err = {0};

	if (o->secret_env) {
		if (topc_secret_read(TOPC_SOURCE_ENV, o->secret_env, secret, &err) != TOPC_OK)
			return cli_fail_error(&err);
		return 0;
	}
	if (topc_profile_load(o->profile ? o->profile : "local", profile, &err) != TOPC_OK ||
	    topc_profile_secret(profile, "secret", secret, &err) != TOPC_OK)
		return cli_fail_error(&err);
	return 0;
}

static void print_canonical(const struct sign_opts *o, enum topc_sign_method m)
{
	struct topc_params shown;
	struct topc_buf text;
	enum topc_status st = TOPC_OK;

	topc_params_init(&shown);
	topc_buf_init(&text, 0);
	/* The names are unique already: appended, not searched (linear). */
	for (size_t i = 0; i < o->params.count && st == TOPC_OK; i++) {
		const char *v =
		    topc_request_mask(o->params.items[i].name, o->params.items[i].value, o->reveal);
		st = topc_params_append(&shown, o->params.items[i].name, v, strlen(v));
	}
	if (st == TOPC_OK && topc_sign_display(m, &shown, &text) == TOPC_OK)
		printf("canonical:   %s\n",
		       cli_inert(topc_buf_str(&text))); /* values from outside */
	else
		printf(_("canonical:   (too large to show)\n"));
	for (size_t i = 0; i < o->params.count; i++)
		if (o->params.items[i].value[0] == '\0')
			printf(_("note:        %s is empty, so it is neither signed nor sent\n"),
			       cli_inert(o->params.items[i].name));
	for (size_t i = 0; i < o->repeated.count && i < 5; i++)
		printf(_("note:        %s is given %s times; only its last value is signed (as "
			 "topc gateway reads it; a server reading the first would not match)\n"),
		       cli_inert(o->repeated.items[i].name), o->repeated.items[i].value);
	if (o->repeated.count > 5)
		printf(_("note:        %zu more names are given more than once\n"),
		       o->repeated.count - 5);
	topc_params_release(&shown);
	topc_buf_release(&text);
}

/* --emit-body: the form body with its sign, for curl --data-binary; the
 * secret signs it and appears nowhere. */
static int emit_body(struct sign_opts *o, enum topc_sign_method m, const char *secret)
{
	char hex[TOPC_SIGN_HEX_MAX];
	struct topc_error err = {0};
	struct topc_buf body;
	int status = 0;

	topc_params_remove(&o->params, "sign");
	topc_buf_init(&body, 0);
	if (topc_sign_compute(m, secret, &o->params, hex, &err) != TOPC_OK ||
	    topc_params_set(&o->params, "sign", hex) != TOPC_OK ||
	    topc_url_form_encode(&o->params, &body, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	else
		fwrite(body.data, 1, body.len, stdout);
	topc_buf_release(&body);
	return status;
}

/* --now and --session: the current timestamp and the profile's session key,
 * for replaying a captured request. */
static int refresh(struct sign_opts *o, const struct topc_profile *profile)
{
	struct topc_error err = {0};
	char ts[TOPC_TIMESTAMP_LEN];

	if (o->now) {
		topc_timestamp_format(topc_now_ms() / 1000, ts);
		topc_params_set(&o->params, "timestamp", ts);
	}
	if (o->session) {
		struct topc_buf session;
		topc_buf_init(&session, 0);
		if (o->secret_env ||
		    topc_profile_secret(profile, "session", &session, &err) != TOPC_OK) {
			topc_buf_wipe(&session);
			return o->secret_env
				   ? cli_fail(CLI_EXIT_USAGE, _("--session needs -p PROFILE"))
				   : cli_fail_error(&err);
		}
		if (session.len)
			topc_params_set(&o->params, "session", topc_buf_str(&session));
		topc_buf_wipe(&session);
	}
	return 0;
}

/* A body copied from send --dry-run carries session=<session>, the mask,
 * which never signs as the key that was sent did: say so, and how. */
static void masked_session_note(const struct sign_opts *o)
{
	const char *session = topc_params_get(&o->params, "session");

	if (!session || strcmp(session, topc_request_mask("session", "x", false)) != 0)
		return;
	if (o->session)
		printf(_("note:        session is <session>, the mask send --dry-run prints, and "
			 "profile \"%s\" has no session key to put in its place; set session_env, "
			 "session_file or session_cmd in it\n"),
		       o->profile ? o->profile : "local");
	else if (o->secret_env)
		printf(
		    _("note:        session is <session>, the mask send --dry-run prints, not the "
		      "key that was sent; sign with -p PROFILE --session to put that profile's "
		      "session key in its place\n"));
	else
		printf(
		    _("note:        session is <session>, the mask send --dry-run prints, not the "
		      "key that was sent; add --session to put the profile's session key in its "
		      "place\n"));
}

static int sign_and_report(const struct sign_opts *o, enum topc_sign_method m, const char *secret)
{
	const char *given = topc_params_get(&o->params, "sign");
	char hex[TOPC_SIGN_HEX_MAX];
	struct topc_error err = {0};

	if (topc_sign_compute(m, secret, &o->params, hex, &err) != TOPC_OK)
		return cli_fail_error(&err);
	print_canonical(o, m);
	printf("sign_method: %s%s\n", topc_sign_method_name(m),
	       topc_params_get(&o->params, "sign_method") ? "" : _(" (not among the parameters)"));
	printf("signature:   %s\n", hex);
	if (!given)
		return 0;
	printf("given sign:  %s\n", cli_inert(given));
	if (strcmp(given, hex) == 0) {
		printf("match:       yes\n");
		return 0;
	}
	/* The SDKs write upper-case hex (TOP_PROTOCOL.md 3.1 step 6) and topc
	 * gateway compares it exactly, as it answers 25 to a lower-case sign:
	 * sign says the same, naming the case. */
	if (strcasecmp(given, hex) == 0) {
		printf(_("match:       NO; the same digest in lower case: the SDKs write it in "
			 "upper-case hex and topc gateway answers code 25 to it\n"));
		return CLI_EXIT_FAILED;
	}
	masked_session_note(o);
	printf(_("match:       NO; check the secret, the sign_method and that every value above is "
		 "exactly what was sent\n"));
	return CLI_EXIT_FAILED;
}

int cmd_sign(int argc, char **argv)
{
	struct sign_opts o = {0};
	struct topc_profile profile;
	struct topc_buf secret;
	enum topc_sign_method m = TOPC_SIGN_MD5;
	int status;

	topc_params_init(&o.params);
	topc_params_init(&o.repeated);
	topc_buf_init(&o.body_read, TOPC_BUF_DEFAULT_CAP);
	topc_profile_init(&profile);
	topc_buf_init(&secret, 0);
	status = parse_sign(argc, argv, &o);
	if (status == 0)
		status = read_secret(&o, &profile, &secret);
	if (status == 0)
		status = choose_method(&o, o.secret_env ? NULL : &profile, &m);
	if (status == 0)
		status = refresh(&o, &profile);
	if (status == 0 && o.emit_body)
		status = emit_body(&o, m, topc_buf_str(&secret));
	else if (status == 0)
		status = sign_and_report(&o, m, topc_buf_str(&secret));
	topc_buf_wipe(&secret);
	topc_profile_release(&profile);
	topc_params_release(&o.params);
	topc_params_release(&o.repeated);
	topc_buf_wipe(&o.body_read);
	return status;
}
