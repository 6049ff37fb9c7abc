/* topc profiles list | show NAME [--reveal] | check [FILE...] */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "profile/profile.h"
#include "top/secret.h"

struct list_ctx {
	int status;
	bool header;
};

static bool list_one(const char *name, const char *path, bool user, void *ctx)
{
	struct list_ctx *l = ctx;
	struct topc_profile p;
	struct topc_error err = {0};

	if (!l->header) {
		printf("%-16s %-8s %-12s %-12s %s\n", "NAME", "FROM", "APP_KEY", "SIGN", "GATEWAY");
		l->header = true;
	}
	topc_profile_init(&p);
	if (topc_profile_load_file(path, &p, &err) != TOPC_OK) {
		printf("%-16s %-8s (does not load: see below)\n", name, user ? "user" : "shipped");
		fprintf(stderr, "topc: warning: %s\n", err.msg);
		l->status = 1;
		return true;
	}
	printf("%-16s %-8s %-12s %-12s %s\n", name, user ? "user" : "shipped", p.app_key,
	       topc_sign_method_name(p.sign_method), p.gateway);
	topc_profile_release(&p);
	return true;
}

static int profiles_list(void)
{
	struct list_ctx l = {0, false};

	topc_profile_each(list_one, &l);
	if (!l.header)
		printf("no profiles\n");
	return l.status;
}

/* Where a secret comes from, never what it is. */
static void print_source(const char *label, const struct topc_source *s)
{
	struct stat st;

	printf("%-16s ", label);
	switch (s->kind) {
	case TOPC_SOURCE_NONE:
		printf("none\n");
		break;
	case TOPC_SOURCE_INLINE:
		printf("<%s> (inline, line %d)\n", label, s->line);
		break;
	case TOPC_SOURCE_ENV:
		printf("<%s> from environment variable %s (%s)\n", label, s->ref,
		       getenv(s->ref) ? "set" : "not set");
		break;
	case TOPC_SOURCE_FILE:
		if (stat(s->ref, &st) == 0)
			printf("<%s> from file %s (mode %03o)\n", label, s->ref,
			       (unsigned)(st.st_mode & 0777));
		else
			printf("<%s> from file %s (missing)\n", label, s->ref);
		break;
	case TOPC_SOURCE_CMD:
		printf("<%s> from command %s\n", label, s->ref);
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
	topc_secret_wipe(&value);
	return status;
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
	printf("%-16s %s\n", "file", p.path);
	if (p.description)
		printf("%-16s %s\n", "description", p.description);
	printf("%-16s %s\n", "gateway", p.gateway);
	printf("%-16s %s\n", "app_key", p.app_key);
	if (show_secrets) {
		fprintf(stderr,
			"topc: showing the secret and session key of \"%s\", as --reveal "
			"asks\n",
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
		printf("%-16s %s\n", "partner_id", p.partner_id);
	if (p.target_app_key)
		printf("%-16s %s\n", "target_app_key", p.target_app_key);
	printf("%-16s %.3g s\n", "connect_timeout", p.connect_timeout_ms / 1000.0);
	printf("%-16s %.3g s\n", "timeout", p.timeout_ms / 1000.0);
	printf("%-16s %s\n", "proxy", p.proxy ? p.proxy : "(from the environment, if any)");
	printf("%-16s %s\n", "ca_file", p.ca_file ? p.ca_file : "(system default)");
	printf("%-16s %s\n", "tls_verify", p.tls_verify ? "true" : "false (every send warns)");
	printf("%-16s %zu bytes\n", "max_body", p.max_body);
	printf("%-16s %d (isp.* and code 7 only), first after %.3g s\n", "retries", p.retries,
	       p.retry_delay_ms / 1000.0);
	topc_profile_release(&p);
	return status;
}

static int check_file(const char *path)
{
	struct topc_profile p;
	struct topc_error err = {0};

	topc_profile_init(&p);
	if (topc_profile_load_file(path, &p, &err) != TOPC_OK ||
	    topc_profile_check_gateway(&p, &err) != TOPC_OK) {
		fprintf(stderr, "%s\n", err.msg);
		topc_profile_release(&p);
		return 1;
	}
	printf("ok %s (%s, %s)\n", path, p.name, p.gateway);
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
	if (argc >= 2 && strcmp(argv[1], "list") == 0 && argc == 2)
		return profiles_list();
	if (argc >= 3 && strcmp(argv[1], "show") == 0) {
		bool show_secrets = argc == 4 && strcmp(argv[3], "--reveal") == 0;
		if (argc == 3 || show_secrets)
			return profiles_show(argv[2], show_secrets);
	}
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		return profiles_check(argc - 2, argv + 2);
	return cli_usage("profiles", false);
}
