/* topc gateway: the local TOP gateway as a foreground process. */
#include "cli.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/number.h"
#include "gateway/gateway.h"
#include "profile/profile.h"
#include "profile/profile_list.h"
#include "top/secret.h"
#include "cli_table.h"
#include "cmd_help.h"
#include "inert.h"

/* --fault MODE[:ARG]: a known mode with a bad ARG is named as such. */
static int parse_fault(const char *text, struct topc_gateway_config *cfg)
{
	const char *colon = strchr(text, ':');
	enum topc_fault mode;
	char name[32];
	long arg;

	if (topc_fault_parse(text, &cfg->fault, &cfg->fault_arg))
		return 0;
	if (colon && (size_t)(colon - text) < sizeof(name)) {
		memcpy(name, text, (size_t)(colon - text));
		name[colon - text] = '\0';
		if (topc_fault_parse(name, &mode, &arg))
			return cli_fail(
			    CLI_EXIT_USAGE,
			    _("--fault \"%s\": after \"%s:\" give a whole number from 0 to "
			      "2147483648 (as topc help gateway says), such as %s:%ld"),
			    text, name, name, arg > 0 ? arg : 1);
	}
	return cli_fail(CLI_EXIT_USAGE,
			_("--fault \"%s\" is not a fault mode; run topc help gateway for the list"),
			text);
}

static int parse_listen(const char *text, struct topc_gateway_config *cfg)
{
	const char *colon = strrchr(text, ':');
	long long port = 0;

	if (!colon || colon == text)
		return cli_fail(CLI_EXIT_USAGE,
				_("--listen \"%s\" is not HOST:PORT; write 127.0.0.1:8080"), text);
	if (!topc_number_parse(colon + 1, 0, 65535, &port))
		return cli_fail(CLI_EXIT_USAGE, _("--listen port \"%s\" is not 0-65535"),
				colon + 1);
	free(cfg->host);
	cfg->host = strndup(text, (size_t)(colon - text));
	cfg->port = (unsigned)port;
	return 0;
}

struct apps {
	struct topc_gateway_config *cfg;
	struct topc_buf shared; /* profiles whose app key an earlier one gave */
	size_t nshared;
};

/* Registers the app key of every profile aimed at a local gateway; its
 * secret is read when a request first needs it, not here. */
static bool add_profile_app(const char *name, const char *path, bool user, void *ctx)
{
	struct apps *a = ctx;
	struct topc_profile p;
	struct topc_error err = {0};

	(void)user;
	topc_profile_init(&p);
	if (topc_profile_load_file(path, &p, &err) != TOPC_OK)
		fprintf(stderr, _("topc: gateway: skipping profile: %s\n"), cli_inert(err.msg));
	else if (topc_profile_is_local(&p) &&
		 !topc_gateway_config_add_profile_app(a->cfg, p.app_key, path) &&
		 topc_buf_addf(&a->shared, "%s%s (app %s)", a->nshared ? ", " : "", cli_inert(name),
			       cli_inert(p.app_key)) == TOPC_OK)
		a->nshared++;
	topc_profile_release(&p);
	return true;
}

/* One line for every profile that shares an app key, not one each. */
static void add_profile_apps(struct topc_gateway_config *cfg)
{
	struct apps a = {cfg, {0}, 0};

	topc_buf_init(&a.shared, 4096);
	topc_profile_each(add_profile_app, &a);
	if (a.nshared)
		fprintf(stderr,
			P_("topc: gateway: %zu profile shares an app key with an earlier profile, "
			   "whose secret is used: %s\n",
			   "topc: gateway: %zu profiles share an app key with an earlier profile, "
			   "whose secret is used: %s\n",
			   a.nshared),
			a.nshared, topc_buf_str(&a.shared));
	topc_buf_release(&a.shared);
}

static int parse_gateway(int argc, char **argv, struct topc_gateway_config *cfg)
{
	int c, status;

	optind = 1;
	while ((c = cli_getopt(cli_command_find("gateway"), argc, argv)) != -1) {
		switch (c) {
		case CLI_OPT_LISTEN:
			if ((status = parse_listen(optarg, cfg)))
				return status;
			break;
		case CLI_OPT_FAULT:
			if ((status = parse_fault(optarg, cfg)))
				return status;
			break;
		case CLI_OPT_DEADLINE: {
			long long secs = 0;
			if (!topc_number_parse(optarg, 1, 3600, &secs))
				return cli_fail(CLI_EXIT_USAGE,
						_("--deadline takes whole seconds from 1 to 3600"));
			cfg->deadline_ms = (long)secs * 1000;
			break;
		}
		case CLI_OPT_STRICT:
			cfg->strict = true;
			break;
		case CLI_OPT_INBOX:
			free(cfg->inbox_path);
			cfg->inbox_path = strdup(optarg);
			break;
		default:
			return cli_usage("gateway", false);
		}
	}
	if (optind < argc)
		return cli_fail(CLI_EXIT_USAGE, _("unexpected argument \"%s\""), argv[optind]);
	return 0;
}

int cmd_gateway(int argc, char **argv)
{
	struct topc_gateway_config cfg;
	struct topc_gateway *g;
	struct topc_form_store forms;
	struct topc_error err = {0};
	struct topc_gateway_stats stats;
	enum topc_fault fault;
	sigset_t stop;
	int sig = 0, status;

	topc_gateway_config_init(&cfg);
	cfg.port = 8080;
	status = parse_gateway(argc, argv, &cfg);
	if (status) {
		topc_gateway_config_release(&cfg);
		return status;
	}
	add_profile_apps(&cfg);
	topc_form_store_init(&forms);
	if (topc_form_store_load(&forms, &err) != TOPC_OK) {
		topc_gateway_config_release(&cfg);
		return cli_fail_error(&err);
	}
	for (size_t i = 0; i < forms.count; i++)
		if (!forms.items[i].ok)
			fprintf(stderr,
				_("topc: gateway: form not loaded, %s is checked as a raw "
				  "method: %s\n"),
				forms.items[i].method, forms.items[i].problem);
	cfg.forms = &forms;
	if (cfg.napps == 0)
		fprintf(stderr,
			_("topc: gateway: no profile points at a local gateway, so every app "
			  "key will be refused; add one to ~/.config/topc/profiles\n"));
	/* Block the stop signals before the server threads start, so they are
	 * delivered to sigwait below and nowhere else. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	fault = cfg.fault;
	g = topc_gateway_start(&cfg, &err);
	topc_gateway_config_release(&cfg);
	if (!g) {
		topc_form_store_release(&forms);
		return cli_fail_error(&err);
	}
	printf("%s\n", topc_gateway_url(g));
	fflush(stdout);
	fprintf(stderr, _("topc gateway: serving %s (fault: %s, %zu forms); Ctrl-C stops it\n"),
		topc_gateway_url(g), topc_fault_name(fault), forms.count);
	sigwait(&stop, &sig);
	topc_gateway_get_stats(g, &stats);
	fprintf(stderr,
		_("topc gateway: stopped after %lu requests (%zu connections at most; %lu cut at "
		  "the deadline, %lu of them reading the answer slowly, %lu dropped when crowded, "
		  "%lu refused for memory; bodies held %zu bytes at most)\n"),
		stats.served, stats.most_open, stats.late, stats.slow, stats.evicted, stats.crowded,
		stats.most_body_bytes);
	topc_gateway_stop(g);
	topc_form_store_release(&forms);
	return 0;
}
