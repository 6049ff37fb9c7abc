/* topc history list | show | export | diff */
#include "cmd_history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/file.h"
#include "base/number.h"
#include "base/utf8.h"
#include "history/history.h"
#include "history/history_record.h"
#include "ext/json.h"
#include "export/export.h"
#include "form/form_store.h"
#include "send/request.h"
#include "top/outcome.h"
#include "cli.h"
#include "cli_cells.h"
#include "cli_json.h"
#include "cli_query.h"
#include "cli_table.h"
#include "cmd_help.h"
#include "inert.h"

const char *cli_outcome_names(bool or_last)
{
	static char names[512];
	size_t at = 0;

	names[0] = '\0';
	for (int k = 0; k < TOPC_OUTCOME_COUNT && at < sizeof(names); k++) {
		const char *sep = !k					   ? ""
				  : or_last && k == TOPC_OUTCOME_COUNT - 1 ? _(" or ")
									   : _(", ");
		int n = snprintf(names + at, sizeof(names) - at, "%s%s", sep,
				 topc_outcome_name((enum topc_outcome_class)k));
		at += n > 0 ? (size_t)n : 0;
	}
	return names;
}

bool cli_history_option(int c, const char *arg, struct topc_history_filter *f)
{
	switch (c) {
	case CLI_OPT_METHOD:
		f->method = arg;
		return true;
	case CLI_OPT_PROFILE:	      /* history's --profile */
	case CLI_OPT_HISTORY_PROFILE: /* replay's, whose --profile says where to send */
		f->profile = arg;
		return true;
	case CLI_OPT_GREP:
		/* refused, not "everything": replay takes the same filter */
		if (!*arg) {
			cli_fail(CLI_EXIT_USAGE,
				 _("--grep is empty; give the text to look for, or leave --grep "
				   "out to list everything"));
			return false;
		}
		f->grep = arg;
		return true;
	case CLI_OPT_LIMIT: {
		long long limit = 0;
		if (!topc_number_parse(arg, 1, 1000000000, &limit)) {
			cli_fail(CLI_EXIT_USAGE, _("--limit takes a positive number, not \"%s\""),
				 arg);
			return false;
		}
		f->limit = (long)limit;
		return true;
	}
	case CLI_OPT_OUTCOME:
		for (int k = 0; k < TOPC_OUTCOME_COUNT; k++)
			if (strcmp(arg, topc_outcome_name((enum topc_outcome_class)k)) == 0) {
				f->outcome = k;
				return true;
			}
		cli_fail(CLI_EXIT_USAGE, _("--outcome \"%s\": use %s"), arg,
			 cli_outcome_names(true));
		return false;
	case CLI_OPT_SINCE:
		if (!topc_history_parse_since(arg, topc_now_ms(), &f->since_ms)) {
			cli_fail(CLI_EXIT_USAGE,
				 _("--since \"%s\": write 2026-11-23, \"2026-11-23 "
				   "10:00\" (GMT+8), or 90m, 36h, 7d"),
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

int cli_history_open(struct topc_history **h, bool write)
{
	struct topc_error err = {0};
	char *notice = NULL;

	if ((write ? topc_history_open_best : topc_history_open_reading)(NULL, h, &notice, &err) !=
	    TOPC_OK)
		return cli_fail_error(&err);
	if (notice)
		fprintf(stderr, _("topc: warning: %s\n"), cli_inert(notice));
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
	/* display cells of what is printed: a Chinese profile name is two a
	 * character */
	if (s && cli_cells(cli_inert(s), (size_t)-1) > *w)
		*w = cli_cells(cli_inert(s), (size_t)-1);
}

/* TRANSLATORS: the column titles of topc history list; a title wider than
 * its column widens it */
static const char *const titles[] = {N_("ID"),	    N_("TIME (GMT+8)"), N_("PROFILE"), N_("METHOD"),
				     N_("OUTCOME"), N_("LATENCY"),	N_("CODE")};

static void list_header(const struct list_ctx *l)
{
	char when[TOPC_TIMESTAMP_LEN];

	time_text(0, when);
	cli_pad_left(stdout, _(titles[0]), 7);
	fputs("  ", stdout);
	cli_pad(stdout, _(titles[1]), cli_cells(when, (size_t)-1));
	fputs("  ", stdout);
	cli_pad(stdout, _(titles[2]), l->wp);
	fputs("  ", stdout);
	cli_pad(stdout, _(titles[3]), l->wm);
	fputs("  ", stdout);
	/* the outcome and the latency are one space apart: "success     17ms" */
	cli_pad(stdout, _(titles[4]), l->wo);
	putchar(' ');
	cli_pad_left(stdout, _(titles[5]), 8);
	printf("  %s\n", _(titles[6]));
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
		char *text = topc_history_entry_json(e, true, false, false, NULL);
		if (text)
			cli_json_puts(text);
		free(text);
		return !ferror(stdout);
	}
	if (l->n == 1)
		list_header(l);
	time_text(e->time_ms, when);
	if (e->has_code)
		snprintf(code, sizeof(code), "%lld%s%s", e->code, e->sub_code ? " " : "",
			 e->sub_code ? e->sub_code : "");
	printf("%7lld  %s  ", (long long)e->id, when);
	cli_pad(stdout, e->profile ? cli_inert(e->profile) : "-", l->wp);
	fputs("  ", stdout);
	cli_pad(stdout, cli_inert(e->method), l->wm);
	if (e->outcome == TOPC_OUTCOME_PENDING) {
		/* no latency, no code: what a reader can tell of its process */
		printf("  %-*s %8s  ", l->wo, topc_outcome_name(e->outcome), "-");
		topc_history_pending_text(e, code, sizeof(code));
	} else {
		printf("  %-*s %6lldms  ", l->wo, topc_outcome_name(e->outcome),
		       (long long)e->latency_ms);
	}
	cli_print_inert(code[0] ? code : "-", (size_t)-1);
	putchar('\n');
	return !ferror(stdout); /* stop at a failed write; main says so */
}

static int parse_filters(int argc, char **argv, struct topc_history_filter *f, bool *json,
			 const char **format)
{
	int c;

	optind = 1;
	while ((c = cli_getopt(cli_command_find("history"), argc, argv)) != -1) {
		if (c == CLI_OPT_JSON && json)
			*json = true;
		else if (c == CLI_OPT_FORMAT && format)
			*format = optarg;
		else if (c == CLI_OPT_JSON || c == CLI_OPT_FORMAT || c == '?' ||
			 !cli_history_option(c, optarg, f))
			return CLI_EXIT_USAGE;
	}
	if (optind < argc)
		return cli_fail(CLI_EXIT_USAGE, _("unexpected argument \"%s\""), argv[optind]);
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
	if ((status = cli_history_open(&h, false)) != 0)
		return status;
	/* Two passes for columns as wide as the longest name shown; a history
	 * is read one entry at a time, so memory does not grow with --limit. */
	l.measure = !l.json;
	widen(&l.wp, _(titles[2]));
	widen(&l.wm, _(titles[3]));
	widen(&l.wo, _(titles[4]));
	if (l.measure && topc_history_query(h, &f, false, list_line, &l, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	l.measure = false;
	if (status == 0 && topc_history_query(h, &f, false, list_line, &l, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	else if (l.n == 0 && !l.json)
		printf(_("no entries\n"));
	topc_history_close(h);
	return status;
}

/* ------------------------------------------------------------------ */
/* show */

static void print_pairs(const char *title, const char *json, const char *marks)
{
	struct topc_json *o = json ? topc_json_parse(json, strlen(json), NULL) : NULL;
	struct topc_json *m = marks ? topc_json_parse(marks, strlen(marks), NULL) : NULL;

	if (topc_json_type(o) == TOPC_JSON_OBJECT && topc_json_first(o))
		printf("%s\n", title);
	for (const struct topc_json *it = topc_json_first(o);
	     topc_json_type(o) == TOPC_JSON_OBJECT && it; it = topc_json_next(it)) {
		const char *from = topc_json_string(topc_json_get(m, topc_json_key(it)));
		const char *v = topc_json_string(it);
		printf("  %s = ", cli_inert(topc_json_key(it)));
		cli_print_inert(v ? v : "", (size_t)-1);
		if (from)
			printf(_("   (from %s)"), cli_inert(from));
		putchar('\n');
	}
	topc_json_free(o);
	topc_json_free(m);
}

/* show -v: the answer's headers as the recorder kept them (masked) */
static void print_headers(struct topc_history *h, int64_t id)
{
	struct topc_buf text;
	struct topc_error err = {0};
	bool found = false;

	topc_buf_init(&text, 0);
	if (topc_history_headers(h, id, &text, &found, &err) != TOPC_OK) {
		fprintf(stderr, "topc: %s\n", err.msg);
	} else if (!found) {
		printf("%s\n",
		       _("headers    none kept (an entry from before topc kept them, or sent "
			 "without an answer)"));
	} else {
		printf("%s\n", _("headers (as received; the session key and secret masked)"));
		/* one header a line, indented like the pairs above, each inert */
		for (const char *p = topc_buf_str(&text); *p;) {
			size_t n = strcspn(p, "\r\n");
			if (n) {
				printf("  ");
				cli_print_inert(p, n);
				putchar('\n');
			}
			p += n;
			p += strspn(p, "\r\n");
		}
	}
	topc_buf_release(&text);
}

/* show --json: the entry's object; with -v its "headers" (the kept text,
 * or null when none were kept) built in with the rest, so the layout is
 * the same two-space one throughout.  NULL when it cannot be made (said). */
static char *show_json(struct topc_history *h, const struct topc_history_entry *e, bool verbose,
		       int *status)
{
	struct topc_buf text;
	struct topc_error err = {0};
	bool found = false;
	char *out = NULL;

	topc_buf_init(&text, 0);
	if (verbose && topc_history_headers(h, e->id, &text, &found, &err) != TOPC_OK)
		*status = cli_fail_error(&err);
	else if (!(out = topc_history_entry_json(e, true, true, verbose,
						 found ? topc_buf_str(&text) : NULL)))
		*status = cli_fail(3, _("out of memory"));
	topc_buf_release(&text);
	return out;
}

/* A history entry id given on the command line: a positive whole number. */
static bool entry_id(const char *text, long long *id)
{
	if (topc_number_parse(text, 1, INT64_MAX, id))
		return true;
	cli_fail(CLI_EXIT_USAGE,
		 _("\"%s\" is not a history entry id; topc history list shows them"), text);
	return false;
}

#define SHOW_QUERY_MAX ((size_t)1 << 31) /* jq reads at most INT_MAX bytes */

/* show ID --query EXPR: over the whole answer, from its file when the
 * history kept it beside the database */
static int show_query(const struct topc_history_entry *e, const char *query)
{
	struct topc_buf whole;
	struct topc_error err = {0};
	int status;

	if (!e->body_file) {
		if (e->body_size > (int64_t)e->body_len)
			fprintf(stderr,
				_("topc: warning: entry %lld kept only %zu of its %lld bytes "
				  "(history_body_max); the query sees those; history_body_file = "
				  "true keeps answers whole\n"),
				(long long)e->id, e->body_len, (long long)e->body_size);
		return cli_query_print(query, e->body, e->body_len);
	}
	topc_buf_init(&whole, SHOW_QUERY_MAX);
	if (topc_file_read(e->body_file, SHOW_QUERY_MAX, &whole, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	else
		status = cli_query_print(query, whole.data, whole.len);
	topc_buf_release(&whole);
	return status;
}

static int history_show(int argc, char **argv)
{
	long long id = 0;
	struct topc_history *h;
	struct topc_history_entry e;
	struct topc_error err = {0};
	char when[TOPC_TIMESTAMP_LEN];
	bool json = false, verbose = false;
	const char *query = NULL;
	int status;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0)
			verbose = true;
		else if ((strcmp(argv[i], "--query") == 0 || strcmp(argv[i], "-q") == 0) &&
			 i + 1 < argc)
			query = argv[++i];
		else if (strncmp(argv[i], "--query=", 8) == 0)
			query = argv[i] + 8;
		else
			return cli_usage("history", false);
	}
	if (argc < 2)
		return cli_usage("history", false);
	if ((status = cli_history_open(&h, false)) != 0)
		return status;
	if (!entry_id(argv[1], &id)) {
		topc_history_close(h);
		return CLI_EXIT_USAGE;
	}
	if (topc_history_get(h, id, &e, &err) != TOPC_OK) {
		topc_history_close(h);
		return cli_fail_error(&err);
	}
	if (query) {
		status = show_query(&e, query);
	} else if (json) {
		char *text = show_json(h, &e, verbose, &status);
		if (text)
			cli_json_puts(text);
		free(text);
	} else {
		time_text(e.time_ms, when);
		printf(_("entry      %lld"), (long long)e.id);
		if (e.origin_id)
			printf(_(" (replay of %lld)"), (long long)e.origin_id);
		printf(_("\ntime       %s (GMT+8)\nprofile    %s  %s\nmethod     %s\n"), when,
		       e.profile ? cli_inert(e.profile) : "-", cli_inert(e.gateway),
		       cli_inert(e.method));
		if (e.template_name)
			printf(_("template   %s\n"), cli_inert(e.template_name));
		printf(_("outcome    %s"), topc_outcome_name(e.outcome));
		if (e.http_status)
			printf("  HTTP %ld", e.http_status);
		if (e.outcome == TOPC_OUTCOME_PENDING) {
			char note[256];
			topc_history_pending_text(&e, note, sizeof(note));
			printf("  %s\n", note);
		} else {
			printf("  %lld ms\n", (long long)e.latency_ms);
		}
		if (e.has_code)
			printf(_("code       %lld %s\n"), e.code, cli_inert(e.msg));
		if (e.sub_code || e.sub_msg) {
			char shown[TOPC_UTF8_SHORT_SIZE];
			printf(_("sub_code   %s %s\n"),
			       e.sub_code ? cli_inert(topc_utf8_short(e.sub_code, shown)) : "-",
			       cli_inert(e.sub_msg));
		}
		if (e.request_id)
			printf("request_id %s\n", cli_inert(e.request_id));
		if (e.detail)
			printf(_("detail     %s\n"), cli_inert(e.detail));
		print_pairs(_("values"), e.values_json, e.generators_json);
		print_pairs(_("sent"), e.params_json, NULL);
		if (verbose)
			print_headers(h, e.id);
		if (e.body) {
			struct topc_buf pretty;
			if (e.body_file)
				printf(_("response (%lld bytes, whole in %s)\n"),
				       (long long)e.body_size, cli_inert(e.body_file));
			else if (e.body_size > (int64_t)e.body_len)
				printf(_("response (%lld bytes, cut)\n"), (long long)e.body_size);
			else
				printf(_("response (%lld bytes)\n"), (long long)e.body_size);
			topc_buf_init(&pretty, 0);
			if (topc_json_pretty(e.body, e.body_len, &pretty) == TOPC_ERR_NOMEM) {
				printf("%s\n", _("(too large to re-indent: shown as received)"));
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
	return status;
}

/* ------------------------------------------------------------------ */
/* export */

struct export_ctx {
	struct topc_buf script; /* curl: the whole script, its header known at the end */
	bool builtin, failed;
	size_t n, not_utf8;
};

static bool export_curl(const struct topc_history_entry *e, void *ctx)
{
	struct export_ctx *x = ctx;
	struct topc_history_export ex;
	struct topc_error err = {0};
	char comment[160];

	topc_history_export_comment(e, comment, sizeof(comment));
	topc_history_export_init(&ex);
	if (topc_history_export_prepare(e, NULL, &ex)) {
		ex.request.comment = comment;
		x->builtin |= ex.builtin;
		if (topc_export_code(&ex.request, TOPC_EXPORT_CURL, &x->script, &err) != TOPC_OK) {
			cli_fail_error(&err);
			x->failed = true;
		}
	} else if (topc_buf_addf(&x->script, "# %s: nothing was sent\n\n", comment) != TOPC_OK) {
		x->failed = true;
	}
	topc_history_export_release(&ex);
	x->n++;
	return !x->failed;
}

/* JSON is text: an entry holding bytes that are no UTF-8 (a value sent with
 * -S, an answer in another charset) cannot be written as JSON that reads
 * back the same, so it is left out and said, never written raw */
static bool export_jsonl(const struct topc_history_entry *e, void *ctx)
{
	struct export_ctx *x = ctx;
	char *text = topc_history_entry_json(e, true, false, false, NULL);

	if (text && !topc_utf8_valid(text, strlen(text))) {
		fprintf(stderr,
			_("topc: entry %lld holds bytes that are not UTF-8, which JSON cannot "
			  "carry: left out; topc history export %lld --format curl keeps them\n"),
			(long long)e->id, (long long)e->id);
		x->not_utf8++;
	} else if (text) {
		cli_json_puts(text); /* inert as every --json: the answer is from outside */
	}
	free(text);
	return !ferror(stdout); /* a full disk stops the export; main says so */
}

/* True for "--limit" and the other options whose argument is the next word */
static bool takes_argument(const char *arg)
{
	for (const struct cli_option *o = cli_command_find("history")->options; o->name; o++)
		if (o->arg && ((strncmp(arg, "--", 2) == 0 && strcmp(arg + 2, o->name) == 0) ||
			       (o->letter && arg[0] == '-' && arg[1] == o->letter && !arg[2])))
			return true;
	return false;
}

/* history export ID --format java...: one entry as a program (the
 * console's x copies the same, topc_history_entry_export) */
static int export_code(struct topc_history *h, int64_t id, enum topc_export_lang lang)
{
	struct topc_history_entry e;
	struct topc_form form;
	struct topc_error err = {0};
	struct topc_buf code;
	bool has_form = false;
	int status = 0;

	if (topc_history_get(h, id, &e, &err) != TOPC_OK)
		return cli_fail_error(&err);
	if (topc_form_find(e.method, &form, &has_form, &err) != TOPC_OK) {
		topc_history_entry_release(&e);
		return cli_fail_error(&err);
	}
	topc_buf_init(&code, 0);
	/* an entry that sent nothing exits 1, as a query that finds nothing */
	if (topc_history_entry_export(&e, has_form ? &form : NULL, lang, &code, &err) != TOPC_OK)
		status = e.params_json ? cli_fail_error(&err) : cli_fail(1, "%s", err.msg);
	else
		fwrite(code.data, 1, code.len, stdout);
	topc_buf_release(&code);
	if (has_form)
		topc_form_release(&form);
	topc_history_entry_release(&e);
	return status;
}

static int history_export(int argc, char **argv)
{
	struct topc_history_filter f;
	struct topc_history *h;
	struct topc_error err = {0};
	struct export_ctx x = {.n = 0};
	const char *format = "jsonl";
	enum topc_export_lang lang = TOPC_EXPORT_CURL;
	int64_t ids[64];
	size_t nids = 0;
	int status, kept = 1;

	/* ids first: history export 42 [43...] --format java */
	for (int i = 1; i < argc; i++) {
		char *end;
		long long id = strtoll(argv[i], &end, 10);
		if (argv[i][0] == '-' || argv[i] == end || *end || takes_argument(argv[i - 1])) {
			argv[kept++] = argv[i];
			continue;
		}
		if (id <= 0 || nids == sizeof(ids) / sizeof(ids[0]))
			return cli_fail(CLI_EXIT_USAGE,
					_("\"%s\": give at most 64 history entry ids"), argv[i]);
		ids[nids++] = id;
	}
	argc = kept;
	topc_history_filter_init(&f);
	if ((status = parse_filters(argc, argv, &f, NULL, &format)) != 0)
		return status == CLI_EXIT_USAGE ? cli_usage("history", false) : status;
	if (strcmp(format, "jsonl") != 0 && !topc_export_lang_parse(format, &lang))
		return cli_fail(CLI_EXIT_USAGE, _("--format is jsonl, %s; not \"%s\""),
				topc_export_lang_list(), format);
	if (strcmp(format, "jsonl") != 0 && lang != TOPC_EXPORT_CURL && nids != 1)
		return cli_fail(CLI_EXIT_USAGE,
				_("--format %s writes one program: give one history entry id, such "
				  "as topc history export 42 --format %s"),
				format, format);
	if (nids) {
		f.ids = ids;
		f.nids = nids;
	}
	if ((status = cli_history_open(&h, false)) != 0)
		return status;
	if (strcmp(format, "jsonl") != 0 && lang != TOPC_EXPORT_CURL) {
		status = export_code(h, ids[0], lang);
		topc_history_close(h);
		return status;
	}
	topc_buf_init(&x.script, 0);
	if (topc_history_query(h, &f, strcmp(format, "jsonl") == 0,
			       strcmp(format, "curl") == 0 ? export_curl : export_jsonl, &x,
			       &err) != TOPC_OK)
		status = cli_fail_error(&err);
	else if (x.failed)
		status = CLI_EXIT_TRANSPORT;
	else if (strcmp(format, "curl") == 0) {
		struct topc_buf head;
		topc_buf_init(&head, 0);
		if (topc_export_script_header(x.builtin, &head) != TOPC_OK)
			status = cli_fail(3, _("out of memory writing the script"));
		else {
			fwrite(head.data, 1, head.len, stdout);
			fwrite(x.script.data ? x.script.data : "", 1, x.script.len, stdout);
		}
		topc_buf_release(&head);
	}
	if (status == 0 && x.not_utf8)
		status = CLI_EXIT_USAGE;
	if (status == 0 && nids && x.n == 0 && strcmp(format, "curl") == 0)
		status = cli_fail(CLI_EXIT_USAGE, _("no such history entry"));
	topc_buf_release(&x.script);
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
	if ((status = cli_history_open(&h, false)) != 0)
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
		status = differ ? CLI_EXIT_FAILED : CLI_EXIT_OK;
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
