/* topc profiles list | show NAME [--reveal] | check [FILE...] */
#include "cli.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/mask.h"
#include "profile/profile.h"
#include "profile/profile_list.h"
#include "top/secret.h"
#include "cli_cells.h"
#include "cli_json.h"
#include "cli_table.h"
#include "cmd_help.h"
#include "inert.h"

/* One row of the list, kept until every row is known so the columns fit
 * the longest name. */
struct row {
	char *name, *from, *app_key, *sign, *gateway;
	bool ok;
};

struct list_ctx {
	struct row rows[256];
	size_t n;
	int status;
};

static bool list_one(const char *name, const char *path, bool user, void *ctx)
{
	struct list_ctx *l = ctx;
	struct topc_profile p;
	struct topc_error err = {0};
	struct row *r;

	if (l->n == sizeof(l->rows) / sizeof(l->rows[0]))
		return false;
	r = &l->rows[l->n++];
	topc_profile_init(&p);
	r->name = strdup(name);
	r->from = strdup(user ? N_("user") : N_("shipped")); /* --json: untranslated */
	r->ok = topc_profile_load_file(path, &p, &err) == TOPC_OK;
	if (!r->ok) {
		fprintf(stderr, _("topc: warning: %s\n"), cli_inert(err.msg));
		l->status = CLI_EXIT_FAILED;
		return true;
	}
	r->app_key = strdup(p.app_key);
	r->sign = strdup(topc_sign_method_name(p.sign_method));
	r->gateway = topc_mask_url(p.gateway); /* user:***@host */
	topc_profile_release(&p);
	return true;
}

/* The column's width in display cells: its title's or its widest value's
 * (translated when translate says so). */
static int width(const struct list_ctx *l, size_t offset, const char *title, bool translate)
{
	int w = cli_cells(title, (size_t)-1);

	for (size_t i = 0; i < l->n; i++) {
		char *const *field = (char *const *)((const char *)&l->rows[i] + offset);
		const char *shown = *field && translate ? _(*field) : *field;
		if (shown && cli_cells(cli_inert(shown), (size_t)-1) > w)
			w = cli_cells(cli_inert(shown), (size_t)-1);
	}
	return w;
}

static void print_rows(const struct list_ctx *l, bool json)
{
	/* TRANSLATORS: the column titles of topc profiles list */
	const char *tn = _("NAME"), *tf = _("FROM"), *tk = _("APP_KEY"), *ts = _("SIGN");
	int wn = width(l, offsetof(struct row, name), tn, false),
	    wf = width(l, offsetof(struct row, from), tf, true),
	    wk = width(l, offsetof(struct row, app_key), tk, false),
	    ws = width(l, offsetof(struct row, sign), ts, false);
	struct topc_buf out;

	topc_buf_init(&out, 0);

	const int widths[] = {wn, wf, wk, ws, 0};

	if (!json && l->n)
		cli_row(stdout, 5, (const char *const[]){tn, tf, tk, ts, _("GATEWAY")}, widths);
	for (size_t i = 0; i < l->n; i++) {
		const struct row *r = &l->rows[i];
		if (json) {
			cli_json_object_open(&out, !i);
			cli_json_string(&out, "name", r->name);
			cli_json_string(&out, "from", r->from);
			cli_json_raw(&out, "loads", r->ok ? "true" : "false");
			cli_json_string(&out, "app_key", r->app_key);
			cli_json_string(&out, "sign_method", r->sign);
			cli_json_string(&out, "gateway", r->gateway);
			cli_json_object_close(&out);
		} else if (!r->ok) {
			cli_row(stdout, 3,
				(const char *const[]){cli_inert(r->name), _(r->from),
						      _("(does not load: see the warning)")},
				widths);
		} else {
			/* padded in display cells: names may be Chinese */
			cli_row(stdout, 5,
				(const char *const[]){cli_inert(r->name), _(r->from),
						      cli_inert(r->app_key), r->sign,
						      cli_inert(r->gateway)},
				widths);
		}
	}
	if (json)
		cli_json_list_print(&out, l->n);
	topc_buf_release(&out);
}

static int profiles_list(bool json)
{
	struct list_ctx *l = calloc(1, sizeof(*l));
	int status;

	if (!l)
		return cli_fail(3, _("out of memory"));
	topc_profile_each(list_one, l);
	if (!l->n && !json)
		printf(_("no profiles\n"));
	else
		print_rows(l, json);
	for (size_t i = 0; i < l->n; i++) {
		free(l->rows[i].name);
		free(l->rows[i].from);
		free(l->rows[i].app_key);
		free(l->rows[i].sign);
		free(l->rows[i].gateway);
	}
	status = l->status;
	free(l);
	return status;
}

/* Where a secret comes from, never what it is. */
static void print_source(const char *label, const struct topc_source *s)
{
	struct stat st;

	printf("%-16s ", label);
	switch (s->kind) {
	case TOPC_SOURCE_NONE:
		printf("%s\n", _("none"));
		break;
	case TOPC_SOURCE_INLINE:
		printf(_("<%s> (inline, line %d)\n"), label, s->line);
		break;
	case TOPC_SOURCE_ENV:
		if (getenv(s->ref))
			printf(_("<%s> from environment variable %s (set)\n"), label,
			       cli_inert(s->ref));
		else
			printf(_("<%s> from environment variable %s (not set)\n"), label,
			       cli_inert(s->ref));
		break;
	case TOPC_SOURCE_FILE:
		if (stat(s->ref, &st) == 0)
			printf(_("<%s> from file %s (mode %03o)\n"), label, cli_inert(s->ref),
			       (unsigned)(st.st_mode & 0777));
		else
			printf(_("<%s> from file %s (missing)\n"), label, cli_inert(s->ref));
		break;
	case TOPC_SOURCE_CMD:
		printf(_("<%s> from command %s\n"), label, cli_inert(s->ref));
		break;
	}
}

static int reveal(const struct topc_profile *p, const char *which)
{
	struct topc_buf value;
	struct topc_error err = {0};
	int status = 0;

	topc_buf_init(&value, 0);
	if (topc_profile_secret(p, which, &value, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	else
		printf("%-16s %s\n", which, value.len ? topc_buf_str(&value) : "(empty)");
	topc_buf_wipe(&value);
	return status;
}

/* A URL as it may be shown: the password of its userinfo masked, even
 * with --reveal (it is no value of the profile's secrets). */
static void print_url(const char *label, const char *url, const char *none)
{
	char *shown = url ? topc_mask_url(url) : NULL;

	printf("%-16s %s\n", label, shown ? cli_inert(shown) : none);
	free(shown);
}

static int profiles_show(const char *name, bool show_secrets)
{
	struct topc_profile p;
	struct topc_error err = {0};
	int status = 0;

	topc_profile_init(&p);
	if (topc_profile_load(name, &p, &err) != TOPC_OK)
		return cli_fail_error(&err);
	printf("%-16s %s\n", "profile", p.name);
	printf("%-16s %s\n", "file", cli_inert(p.path));
	if (p.description)
		printf("%-16s %s\n", "description", cli_inert(p.description));
	print_url("gateway", p.gateway, "");
	printf("%-16s %s\n", "app_key", cli_inert(p.app_key));
	if (show_secrets) {
		fprintf(stderr,
			_("topc: showing the secret and session key of \"%s\", as --reveal "
			  "asks\n"),
			p.name);
		status |= reveal(&p, "secret");
		if (p.session.kind != TOPC_SOURCE_NONE)
			status |= reveal(&p, "session");
		else
			print_source("session", &p.session);
	} else {
		print_source("secret", &p.secret);
		print_source("session", &p.session);
	}
	printf("%-16s %s\n", "sign_method", topc_sign_method_name(p.sign_method));
	printf("%-16s %s\n", "format", p.format == TOPC_FORMAT_JSON ? "json" : "xml");
	printf("%-16s %s\n", "simplify", p.simplify ? "true" : "false");
	if (p.partner_id)
		printf("%-16s %s\n", "partner_id", cli_inert(p.partner_id));
	if (p.target_app_key)
		printf("%-16s %s\n", "target_app_key", cli_inert(p.target_app_key));
	printf("%-16s %.3g s\n", "connect_timeout", p.connect_timeout_ms / 1000.0);
	printf("%-16s %.3g s\n", "timeout", p.timeout_ms / 1000.0);
	print_url("proxy", p.proxy, _("(from the environment, if any)"));
	printf("%-16s %s\n", "ca_file", p.ca_file ? cli_inert(p.ca_file) : _("(system default)"));
	printf("%-16s %s\n", "tls_verify", p.tls_verify ? "true" : _("false (every send warns)"));
	printf(_("%-16s %zu bytes\n"), "max_body", p.max_body);
	printf(_("%-16s %d (isp.* and code 7 only), first after %.3g s\n"), "retries", p.retries,
	       p.retry_delay_ms / 1000.0);
	topc_profile_release(&p);
	return status;
}

/* Every problem of the file, each on its line, then the gateway's URL. */
static int check_file(const char *path)
{
	struct topc_profile p;
	struct topc_error err = {0};
	enum topc_status st;

	topc_profile_init(&p);
	st = topc_profile_check_file(path, &p, cli_report_problem, NULL, &err);
	if (st == TOPC_OK && topc_profile_check_gateway(&p, &err) != TOPC_OK)
		st = TOPC_ERR_PROFILE;
	if (st != TOPC_OK) {
		fprintf(stderr, "%s\n", err.msg);
		topc_profile_release(&p);
		return CLI_EXIT_FAILED;
	}
	for (int i = 0; i < 2; i++) {
		size_t n = topc_profile_short_secret(&p, i ? "session" : "secret");
		if (n && i)
			fprintf(stderr,
				_("topc: warning: %s: the session key is only %zu characters; "
				  "shorter than %d it cannot be told from ordinary text, so an "
				  "answer that echoes it is not masked (TOP's session keys are "
				  "longer): check the profile's session source\n"),
				cli_inert(path), n, TOPC_MASK_MIN);
		else if (n)
			fprintf(stderr,
				_("topc: warning: %s: the app secret is only %zu characters; "
				  "shorter than %d it cannot be told from ordinary text, so an "
				  "answer that echoes it is not masked (TOP's secrets are 32): "
				  "check the profile's secret source\n"),
				cli_inert(path), n, TOPC_MASK_MIN);
	}
	char *shown = topc_mask_url(p.gateway);
	printf("ok %s (%s, %s)\n", cli_inert(path), cli_inert(p.name),
	       shown ? cli_inert(shown) : "");
	free(shown);
	topc_profile_release(&p);
	return 0;
}

static bool check_one(const char *name, const char *path, bool user, void *ctx)
{
	(void)name;
	(void)user;
	*(int *)ctx |= check_file(path);
	return true;
}

static int profiles_check(int argc, char **argv)
{
	int status = 0;

	if (argc == 0)
		topc_profile_each(check_one, &status);
	for (int i = 0; i < argc; i++)
		status |= check_file(argv[i]);
	return status;
}

int cmd_profiles(int argc, char **argv)
{
	const struct cli_command *c = cli_command_find("profiles");
	bool json = false, show_secrets = false;
	const char *sub;
	int opt;

	optind = 1;
	while ((opt = cli_getopt(c, argc, argv)) != -1) {
		if (opt == CLI_OPT_JSON)
			json = true;
		else if (opt == CLI_OPT_REVEAL)
			show_secrets = true;
		else
			return cli_usage("profiles", false);
	}
	sub = optind < argc ? argv[optind++] : "";
	if (strcmp(sub, "list") == 0 && optind == argc && !show_secrets)
		return profiles_list(json);
	if (strcmp(sub, "show") == 0 && optind == argc - 1 && !json)
		return profiles_show(argv[optind], show_secrets);
	if (strcmp(sub, "check") == 0 && !json && !show_secrets)
		return profiles_check(argc - optind, argv + optind);
	return cli_usage("profiles", false);
}
