/* topc history list | show | export | diff */
#include "cli.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/number.h"
#include "history/history.h"
#include "history/history_record.h"
#include "ext/json.h"
#include "top/request.h"

bool cli_history_option(int c, const char *arg, struct topc_history_filter *f)
{
	switch (c) {
	case 'M':
		f->method = arg;
		return true;
	case 'P':
		f->profile = arg;
		return true;
	case 'g':
		f->grep = arg;
		return true;
	case 'l': {
		long long limit = 0;
		if (!topc_number_parse(arg, 1, 1000000000, &limit)) {
			cli_fail(CLI_EXIT_USAGE, "--limit takes a positive number, not \"%s\"",
				 arg);
			return false;
		}
		f->limit = (long)limit;
		return true;
	}
	case 'o':
		for (int k = 0; k <= TOPC_OUTCOME_INVALID_INPUT; k++)
			if (strcmp(arg, topc_outcome_name((enum topc_outcome_class)k)) == 0) {
				f->outcome = k;
				return true;
			}
		cli_fail(CLI_EXIT_USAGE,
			 "--outcome \"%s\": use success, api_error, "
			 "business_failure, http_error, transport_error, "
			 "unparseable or invalid_input",
			 arg);
		return false;
	case 'S':
		if (!topc_history_parse_since(arg, topc_now_ms(), &f->since_ms)) {
			cli_fail(CLI_EXIT_USAGE,
				 "--since \"%s\": write 2026-11-23, \"2026-11-23 "
				 "10:00\" (GMT+8), or 90m, 36h, 7d",
				 arg);
			return false;
		}
		return true;
	}
	return false;
}

static void time_text(int64_t ms, char out[TOPC_TIMESTAMP_LEN])
{
	topc_timestamp_format(ms / 1000, out);
}

int cli_history_open(struct topc_history **h)
{
	struct topc_error err = {0};
	char *notice = NULL;

	if (topc_history_open(NULL, h, &notice, &err) != TOPC_OK)
		return cli_fail_error(&err);
	if (notice)
		fprintf(stderr, "topc: warning: %s\n", cli_inert(notice));
	free(notice);
	return 0;
}

/* ------------------------------------------------------------------ */
/* list */

struct list_ctx {
	bool json;
	bool measure; /* the first pass: only the columns' widths */
	size_t n;
	int wp, wm, wo; /* profile, method and outcome widths */
};

static void widen(int *w, const char *s)
{
	if (s && (int)strlen(s) > *w)
		*w = (int)strlen(s);
}

static bool list_line(const struct topc_history_entry *e, void *ctx)
{
	struct list_ctx *l = ctx;
	char when[TOPC_TIMESTAMP_LEN], code[128] = "";

	if (l->measure) {
		widen(&l->wp, e->profile);
		widen(&l->wm, e->method);
		widen(&l->wo, topc_outcome_name(e->outcome));
		return true;
	}
	l->n++;
	if (l->json) {
		char *text = topc_history_entry_json(e, true, false);
		if (text)
			puts(text);
		free(text);
		return true;
	}
	time_text(e->time_ms, when);
	if (e->has_code)
		snprintf(code, sizeof(code), "%lld%s%s", e->code, e->sub_code ? " " : "",
			 e->sub_code ? e->sub_code : "");
	printf("%7lld  %s  ", (long long)e->id, when);
	cli_print_inert(e->profile ? e->profile : "-", (size_t)-1);
	printf("%*s  ", l->wp - (int)strlen(e->profile ? e->profile : "-"), "");
	cli_print_inert(e->method, (size_t)-1);
	printf("%*s  %-*s %6lldms  ", l->wm - (int)strlen(e->method), "", l->wo,
	       topc_outcome_name(e->outcome), (long long)e->latency_ms);
	cli_print_inert(code[0] ? code : "-", (size_t)-1);
	putchar('\n');
	return true;
}

static int parse_filters(int argc, char **argv, struct topc_history_filter *f, bool *json,
			 const char **format)
{
	int c;

	optind = 1;
	while ((c = cli_getopt(cli_command_find("history"), argc, argv)) != -1) {
		if (c == 'j' && json)
			*json = true;
		else if (c == 'f' && format)
			*format = optarg;
		else if (c == 'j' || c == 'f' || c == '?' || !cli_history_option(c, optarg, f))
			return CLI_EXIT_USAGE;
	}
	if (optind < argc)
		return cli_fail(CLI_EXIT_USAGE, "unexpected argument \"%s\"", argv[optind]);
	return 0;
}

static int history_list(int argc, char **argv)
{
	struct topc_history_filter f;
	struct topc_history *h;
	struct topc_error err = {0};
	struct list_ctx l = {false, false, 0, 1, 6, 7};
	int status;

	topc_history_filter_init(&f);
	f.limit = 50;
	if ((status = parse_filters(argc, argv, &f, &l.json, NULL)) != 0)
		return status == CLI_EXIT_USAGE ? cli_usage("history", false) : status;
	if ((status = cli_history_open(&h)) != 0)
		return status;
	/* Two passes for columns as wide as the longest name shown; a history
	 * is read one entry at a time, so memory does not grow with --limit. */
	l.measure = !l.json;
	if (l.measure && topc_history_query(h, &f, false, list_line, &l, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	l.measure = false;
	if (status == 0 && topc_history_query(h, &f, false, list_line, &l, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	else if (l.n == 0 && !l.json)
		printf("no entries\n");
	topc_history_close(h);
	return status;
}

/* ------------------------------------------------------------------ */
/* show */

static void print_pairs(const char *title, const char *json, const char *marks)
{
	cJSON *o = json ? cJSON_Parse(json) : NULL, *m = marks ? cJSON_Parse(marks) : NULL, *it;

	if (!cJSON_IsObject(o) || !cJSON_GetArraySize(o)) {
		cJSON_Delete(o);
		cJSON_Delete(m);
		return;
	}
	printf("%s\n", title);
	cJSON_ArrayForEach(it, o)
	{
		const cJSON *g = cJSON_GetObjectItemCaseSensitive(m, it->string);
		printf("  %s = ", cli_inert(it->string));
		cli_print_inert(cJSON_IsString(it) ? it->valuestring : "", (size_t)-1);
		if (cJSON_IsString(g))
			printf("   (from %s)", cli_inert(g->valuestring));
		putchar('\n');
	}
	cJSON_Delete(o);
	cJSON_Delete(m);
}

/* A history entry id given on the command line: a positive whole number. */
static bool entry_id(const char *text, long long *id)
{
	if (topc_number_parse(text, 1, INT64_MAX, id))
		return true;
	cli_fail(CLI_EXIT_USAGE, "\"%s\" is not a history entry id; topc history list shows them",
		 text);
	return false;
}

static int history_show(int argc, char **argv)
{
	long long id = 0;
	struct topc_history *h;
	struct topc_history_entry e;
	struct topc_error err = {0};
	char when[TOPC_TIMESTAMP_LEN];
	bool json = argc == 3 && strcmp(argv[2], "--json") == 0;
	int status;

	if (argc < 2 || (argc == 3 && !json) || argc > 3)
		return cli_usage("history", false);
	if ((status = cli_history_open(&h)) != 0)
		return status;
	if (!entry_id(argv[1], &id)) {
		topc_history_close(h);
		return CLI_EXIT_USAGE;
	}
	if (topc_history_get(h, id, &e, &err) != TOPC_OK) {
		topc_history_close(h);
		return cli_fail_error(&err);
	}
	if (json) {
		char *text = topc_history_entry_json(&e, true, true);
		puts(text ? text : "{}");
		free(text);
	} else {
		time_text(e.time_ms, when);
		printf("entry      %lld", (long long)e.id);
		if (e.origin_id)
			printf(" (replay of %lld)", (long long)e.origin_id);
		printf("\ntime       %s (GMT+8)\nprofile    %s  %s\nmethod     %s\n", when,
		       e.profile ? cli_inert(e.profile) : "-", cli_inert(e.gateway),
		       cli_inert(e.method));
		if (e.template_name)
			printf("template   %s\n", cli_inert(e.template_name));
		printf("outcome    %s", topc_outcome_name(e.outcome));
		if (e.http_status)
			printf("  HTTP %ld", e.http_status);
		printf("  %lld ms\n", (long long)e.latency_ms);
		if (e.has_code)
			printf("code       %lld %s\n", e.code, cli_inert(e.msg));
		if (e.sub_code || e.sub_msg)
			printf("sub_code   %s %s\n", e.sub_code ? cli_inert(e.sub_code) : "-",
			       cli_inert(e.sub_msg));
		if (e.request_id)
			printf("request_id %s\n", cli_inert(e.request_id));
		if (e.detail)
			printf("detail     %s\n", cli_inert(e.detail));
		print_pairs("values", e.values_json, e.generators_json);
		print_pairs("sent", e.params_json, NULL);
		if (e.body) {
			struct topc_buf pretty;
			printf("response (%lld bytes%s%s)\n", (long long)e.body_size,
			       e.body_file ? ", whole in " : "",
			       e.body_file ? cli_inert(e.body_file)
					   : (e.body_size > (int64_t)e.body_len ? ", cut" : ""));
			topc_buf_init(&pretty, 0);
			if (topc_json_pretty(e.body, e.body_len, &pretty) == TOPC_ERR_NOMEM) {
				printf("(too large to re-indent: shown as received)\n");
				cli_print_inert(e.body, e.body_len);
			} else {
				cli_print_inert(topc_buf_str(&pretty), pretty.len);
			}
			putchar('\n');
			topc_buf_release(&pretty);
		}
	}
	topc_history_entry_release(&e);
	topc_history_close(h);
	return 0;
}

/* ------------------------------------------------------------------ */
/* export */

static bool export_curl(const struct topc_history_entry *e, void *ctx)
{
	char when[TOPC_TIMESTAMP_LEN];
	struct topc_buf curl;
	struct topc_error err = {0};

	(void)ctx;
	time_text(e->time_ms, when);
	printf("# entry %lld, %s (GMT+8), %s, %s: %s\n", (long long)e->id, when,
	       e->profile ? cli_inert(e->profile) : "-", cli_inert(e->method),
	       topc_outcome_name(e->outcome));
	topc_buf_init(&curl, 0);
	if (topc_history_entry_curl(e, &curl, &err) == TOPC_OK)
		printf("%s\n", topc_buf_str(&curl));
	else if (err.code == TOPC_ERR_INPUT)
		printf("# (nothing was sent: %s)\n\n",
		       e->detail ? cli_inert(e->detail) : "no request");
	else
		printf("# (%s)\n\n", cli_inert(err.msg));
	topc_buf_release(&curl);
	return true;
}

static bool export_jsonl(const struct topc_history_entry *e, void *ctx)
{
	char *text = topc_history_entry_json(e, true, false);

	(void)ctx;
	if (text)
		puts(text);
	free(text);
	return true;
}

static int history_export(int argc, char **argv)
{
	struct topc_history_filter f;
	struct topc_history *h;
	struct topc_error err = {0};
	const char *format = "jsonl";
	int status;

	topc_history_filter_init(&f);
	if ((status = parse_filters(argc, argv, &f, NULL, &format)) != 0)
		return status == CLI_EXIT_USAGE ? cli_usage("history", false) : status;
	if (strcmp(format, "jsonl") != 0 && strcmp(format, "curl") != 0)
		return cli_fail(CLI_EXIT_USAGE, "--format is jsonl or curl, not \"%s\"", format);
	if ((status = cli_history_open(&h)) != 0)
		return status;
	if (strcmp(format, "curl") == 0)
		printf(
		    "#!/bin/sh\n# topc history export --format curl: each request signed afresh by "
		    "topc sign at run time;\n# no secret is written here.\n\n");
	if (topc_history_query(h, &f, strcmp(format, "jsonl") == 0,
			       strcmp(format, "curl") == 0 ? export_curl : export_jsonl, NULL,
			       &err) != TOPC_OK)
		status = cli_fail_error(&err);
	topc_history_close(h);
	return status;
}

/* ------------------------------------------------------------------ */
/* diff */

static int history_diff(int argc, char **argv)
{
	long long a = 0, b = 0;
	struct topc_history *h;
	struct topc_error err = {0};
	struct topc_buf out;
	bool differ = false;
	int status;

	if (argc != 3)
		return cli_usage("history", false);
	if ((status = cli_history_open(&h)) != 0)
		return status;
	if (!entry_id(argv[1], &a) || !entry_id(argv[2], &b)) {
		topc_history_close(h);
		return CLI_EXIT_USAGE;
	}
	topc_buf_init(&out, 0);
	if (topc_history_diff(h, a, b, &out, &differ, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	else {
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
		status = differ ? 1 : 0;
	}
	topc_buf_release(&out);
	topc_history_close(h);
	return status;
}

int cmd_history(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return history_list(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return history_show(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return history_export(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "diff") == 0)
		return history_diff(argc - 1, argv + 1);
	return cli_usage("history", false);
}
