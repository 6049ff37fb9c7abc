/* topc replay: send history entries again, many at once on one curl multi
 * handle, within a rate, with a summary at the end. */
#include "cli.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "send/client.h"
#include "top/codes.h"
#include "base/clock.h"
#include "base/number.h"
#include "form/form_store.h"
#include "history/history.h"
#include "history/history_record.h"
#include "history/replay.h"
#include "history/compare.h"
#include "top/query.h"
#include "base/file.h"
#include "cli_interrupt.h"
#include "cli_query.h"
#include "cli_table.h"
#include "cmd_help.h"
#include "cmd_history.h"
#include "inert.h"
#include "replay_origin.h"
#include "replay_print.h"

struct replay_opts {
	enum topc_replay_mode mode;
	const char *profile;
	long concurrency;
	double rate;
	bool from_history, json;
	bool filtered, all; /* a filter given; --all given */
	struct topc_history_filter filter;
	int64_t *ids;
	size_t nids;
	bool compare;	     /* --compare: each answer against the recorded one */
	const char **ignore; /* --ignore PATTERN, on top of the default and the form's */
	size_t nignore;
	const char *expect; /* --expect EXPR */
	bool any_method;    /* --any-method: send entries whose method is no API name */
	long repeat;	    /* --repeat N: the list N times over; 1 by default */
};

/* One entry on its way. */
struct job {
	struct replay_origin *origin;
	struct topc_params values;
	struct topc_request req;
	struct topc_outcome out;
	int64_t kept_id;    /* its new history entry; 0 when it could not be kept */
	int64_t pending_id; /* the pending entry kept before it left; 0: none */
	struct topc_transfer *x;
	bool compared; /* --compare: cmp holds its verdict */
	struct topc_compare_result cmp;
};

struct run {
	struct replay_opts *o;
	struct topc_history *h;
	struct topc_profile profile;
	bool profile_loaded;
	struct topc_client client;
	bool client_ready;
	struct topc_form_store forms;
	struct replay_source source; /* what each round of an origin reads */
	struct replay_tally t;
	struct replay_view view;
	int cancel_fd;	     /* readable at Ctrl-C (cli_interrupt.h); -1: none */
	struct job **flying; /* the jobs in flight, nflying of them */
	size_t nflying, not_sent;
	bool stopped;		       /* interrupted: nothing more is sent */
	struct cli_expecter *expecter; /* --expect, compiled once */
	bool pending_warned;	       /* said once that sends leave without a trace */
};

/* qsort's order of int64_t: ids, latencies */
static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int parse_replay(int argc, char **argv, struct replay_opts *o)
{
	bool mode_given = false;
	int c;

	optind = 1;
	while ((c = cli_getopt(cli_command_find("replay"), argc, argv)) != -1) {
		switch (c) {
		case CLI_OPT_FRESH:
		case CLI_OPT_EXACT:
			if (mode_given &&
			    o->mode != (c == CLI_OPT_FRESH ? TOPC_REPLAY_FRESH : TOPC_REPLAY_EXACT))
				return cli_fail(
				    CLI_EXIT_USAGE,
				    _("--fresh and --exact contradict each other; give one: "
				      "--fresh signs anew with new unique values, --exact "
				      "keeps every value"));
			o->mode = c == CLI_OPT_FRESH ? TOPC_REPLAY_FRESH : TOPC_REPLAY_EXACT;
			mode_given = true;
			break;
		case CLI_OPT_PROFILE:
			o->profile = optarg;
			break;
		case CLI_OPT_CONCURRENCY: {
			long long n = 0;
			if (!topc_number_parse(optarg, 1, 1024, &n))
				return cli_fail(CLI_EXIT_USAGE, _("--concurrency takes 1 to 1024"));
			o->concurrency = (long)n;
			break;
		}
		case CLI_OPT_RATE: {
			char *end;
			o->rate = strtod(optarg, &end);
			if (end == optarg || *end || !(o->rate > 0 && o->rate <= 1e6))
				return cli_fail(CLI_EXIT_USAGE,
						_("--rate takes requests per second, "
						  "such as 50 or 0.5"));
			break;
		}
		case CLI_OPT_REPEAT: {
			long long n = 0;
			if (!topc_number_parse(optarg, 1, 100000, &n))
				return cli_fail(CLI_EXIT_USAGE, _("--repeat takes 1 to 100000"));
			o->repeat = (long)n;
			break;
		}
		case CLI_OPT_FROM_HISTORY:
			o->from_history = true;
			break;
		case CLI_OPT_ALL:
			o->all = true;
			break;
		case CLI_OPT_JSON:
			o->json = true;
			break;
		case CLI_OPT_COMPARE:
			o->compare = true;
			break;
		case CLI_OPT_ANY_METHOD:
			o->any_method = true;
			break;
		case CLI_OPT_EXPECT:
			o->expect = optarg;
			break;
		case CLI_OPT_IGNORE: {
			const char **more = realloc(o->ignore, (o->nignore + 1) * sizeof(*more));
			if (!more)
				return cli_fail(3, _("out of memory"));
			o->ignore = more;
			o->ignore[o->nignore++] = optarg;
			break;
		}
		case CLI_OPT_METHOD:
		case CLI_OPT_HISTORY_PROFILE:
		case CLI_OPT_OUTCOME:
		case CLI_OPT_SINCE:
		case CLI_OPT_GREP:
		case CLI_OPT_LIMIT:
			if (!cli_history_option(c, optarg, &o->filter))
				return CLI_EXIT_USAGE;
			o->filtered = true;
			break;
		default:
			return cli_usage("replay", false);
		}
	}
	for (; optind < argc; optind++) {
		long long id = 0;
		int64_t *more;
		if (!topc_number_parse(argv[optind], 1, INT64_MAX, &id))
			return cli_fail(CLI_EXIT_USAGE, _("\"%s\" is not a history entry id"),
					argv[optind]);
		if (!(more = realloc(o->ids, (o->nids + 1) * sizeof(*more))))
			return cli_fail(3, _("out of memory"));
		o->ids = more;
		o->ids[o->nids++] = id;
	}
	if (o->nids > 1) {
		/* each would go out: a typo must not send an entry twice */
		int64_t *sorted = malloc(o->nids * sizeof(*sorted));
		if (!sorted)
			return cli_fail(3, _("out of memory"));
		memcpy(sorted, o->ids, o->nids * sizeof(*sorted));
		qsort(sorted, o->nids, sizeof(*sorted), cmp_i64);
		for (size_t k = 1; k < o->nids; k++)
			if (sorted[k] == sorted[k - 1]) {
				long long twice = (long long)sorted[k];
				free(sorted);
				return cli_fail(CLI_EXIT_USAGE,
						_("history entry %lld is given twice; nothing was "
						  "sent; give each entry once (--repeat N sends "
						  "the list N times)"),
						twice);
			}
		free(sorted);
	}
	if (o->expect) {
		struct topc_error jq = {0}, xp = {0};
		if (topc_query_check(o->expect, false, &jq) != TOPC_OK &&
		    topc_query_check(o->expect, true, &xp) != TOPC_OK)
			return cli_fail_error(&jq);
	}
	if (!o->nids && !o->from_history)
		return cli_fail(CLI_EXIT_USAGE,
				_("replay needs history entry ids, or --from-history "
				  "with filters; topc history list shows them"));
	/* one command must never resend a whole history by accident: -p says
	 * where to send, not which entries (that is --history-profile) */
	if (o->from_history && !o->filtered && !o->all)
		return cli_fail(CLI_EXIT_USAGE,
				o->profile
				    ? _("--from-history without a filter selects every "
					"entry; -p only says where to send them: add "
					"--history-profile NAME, --since, --method ... "
					"(or --all for every entry)")
				    : _("--from-history without a filter selects every "
					"entry; add --since, --method, --history-profile ... "
					"(or --all for every entry)"));
	if (o->all && !o->from_history)
		return cli_fail(CLI_EXIT_USAGE, _("--all goes with --from-history"));
	return 0;
}

struct id_list {
	int64_t *ids;
	size_t n, alloc;
};

static bool collect(const struct topc_history_entry *e, void *ctx)
{
	struct id_list *l = ctx;

	if (l->n == l->alloc) {
		size_t alloc = l->alloc ? l->alloc * 2 : 64;
		int64_t *more = realloc(l->ids, alloc * sizeof(*more));
		if (!more)
			return false;
		l->ids = more;
		l->alloc = alloc;
	}
	l->ids[l->n++] = e->id;
	return true;
}

static void job_free(struct job *j)
{
	replay_origin_done(j->origin);
	topc_params_release(&j->values);
	topc_request_release(&j->req);
	topc_outcome_release(&j->out);
	topc_compare_result_release(&j->cmp);
	free(j);
}

/* The replay's history entry: pending (outcome NULL) before it leaves,
 * then with its outcome over that one. */
static struct topc_send_record record_of(struct run *r, struct job *j,
					 const struct topc_outcome *outcome,
					 const struct topc_http_response *resp)
{
	struct topc_send_record rec = {
	    .profile_name = r->profile.name,
	    .profile = &r->profile,
	    .gateway = r->client.url,
	    .method = j->origin->e.method,
	    .template_name = j->origin->e.template_name,
	    .values = &j->values,
	    .generators = &j->origin->generated,
	    /* a cancelled one went out (or may have): what was sent is kept */
	    .request = !outcome || resp || outcome->cls == TOPC_OUTCOME_CANCELLED ? &j->req : NULL,
	    .outcome = outcome,
	    .response = resp,
	    .origin_id = j->origin->id,
	    .pending_id = j->pending_id,
	};
	return rec;
}

/* Records the replay's outcome: over its pending entry, else as a new one. */
static void keep(struct run *r, struct job *j, const struct topc_http_response *resp)
{
	struct topc_send_record rec = record_of(r, j, &j->out, resp);
	struct topc_error err = {0};

	if (resp && topc_outcome_exit_code(j->out.cls) <= CLI_EXIT_FAILED)
		cli_note_sent(); /* answered: an unwritten stdout must not read as 3 */
	if (topc_history_record(r->h, &rec, &j->kept_id, &err) != TOPC_OK)
		fprintf(stderr, _("topc: warning: not kept in the history: %s\n"),
			cli_inert(err.msg));
}

/* --compare: the new answer against the origin's, by the default ignore
 * list, the form's and --ignore's */
static bool compare(struct run *r, struct job *j, const struct topc_http_response *resp,
		    struct topc_compare_result *cmp)
{
	const struct topc_history_entry *e = &j->origin->e;
	struct topc_history_entry again;
	const char *ignore[64];
	size_t n = topc_compare_ignore_list(j->origin->form, ignore, 48);
	struct topc_buf whole;
	struct topc_compare_answer before,
	    now = {resp ? resp->body.data : NULL, resp ? resp->body.len : 0, j->out.cls};
	bool ok;

	topc_history_entry_init(&again);
	if (!r->source.keep_answer) {
		struct topc_error err = {0};
		if (topc_history_get(r->h, j->origin->id, &again, &err) != TOPC_OK) {
			fprintf(stderr, _("topc: warning: %s\n"), cli_inert(err.msg));
			return false;
		}
		e = &again;
	}
	before = (struct topc_compare_answer){e->body, e->body_len, e->outcome};
	for (size_t i = 0; i < r->o->nignore && n < 64; i++)
		ignore[n++] = r->o->ignore[i];
	topc_buf_init(&whole, (size_t)1 << 31);
	if (!e->body_file && e->body_size > (int64_t)e->body_len)
		fprintf(stderr,
			_("topc: warning: entry %lld kept only %zu of its %lld bytes "
			  "(history_body_max), so its answer is compared cut; history_body_file = "
			  "true keeps answers whole\n"),
			(long long)e->id, e->body_len, (long long)e->body_size);
	if (e->body_file) {
		struct topc_error err = {0};
		if (topc_file_read(e->body_file, (size_t)1 << 31, &whole, &err) == TOPC_OK) {
			before.body = whole.data;
			before.len = whole.len;
		}
	}
	ok = topc_compare_answers(&before, &now, ignore, n, cmp) == TOPC_OK;
	topc_buf_release(&whole);
	topc_history_entry_release(&again);
	if (!ok)
		fprintf(stderr, _("topc: out of memory comparing entry %lld\n"), (long long)e->id);
	return ok;
}

/* --compare: j's answer against its origin's, before it is kept (so the
 * transaction that keeps it is not held while answers are read). */
static void judge(struct run *r, struct job *j, const struct topc_http_response *resp)
{
	if (r->o->compare)
		j->compared = compare(r, j, resp, &j->cmp);
}

/* --compare: the verdict on the kept replay, in the transaction that keeps
 * it when there is one; the console's history pane marks the replays that
 * differed. */
static void mark(struct run *r, struct job *j)
{
	struct topc_error err = {0};

	if (j->compared && j->kept_id &&
	    topc_history_set_compare(r->h, j->kept_id, topc_compare_verdict_name(j->cmp.verdict),
				     &err) != TOPC_OK)
		fprintf(stderr, _("topc: warning: %s\n"), cli_inert(err.msg));
}

/* Counts and shows a kept replay. */
static void report(struct run *r, struct job *j, const struct topc_http_response *resp)
{
	bool expect_ok = true;
	struct replay_shown shown = {
	    j->origin->id, j->kept_id, j->origin->e.method, &j->out, j->compared ? &j->cmp : NULL,
	    NULL};

	r->t.counts[j->out.cls]++;
	r->t.done++;
	if (resp && r->t.latencies)
		r->t.latencies[r->t.nlat++] = resp->latency_ms;
	if (r->o->compare) /* not compared: never "same" */
		r->t.verdicts[j->compared ? j->cmp.verdict : TOPC_COMPARE_CHANGED]++;
	if (r->o->expect) {
		char what[64];
		snprintf(what, sizeof(what), _("entry %lld"), (long long)j->origin->id);
		expect_ok = cli_expecter_test(r->expecter, resp ? resp->body.data : NULL,
					      resp ? resp->body.len : 0, what) == 0;
		r->t.expect_failed += !expect_ok;
		shown.expect_ok = &expect_ok;
	}
	replay_print_one(&r->view, &r->t, &shown);
}

/* A replay that never went out (or whose send failed at once): kept and
 * shown at once, outside the turn's transaction. */
static void finish(struct run *r, struct job *j, const struct topc_http_response *resp)
{
	judge(r, j, resp);
	keep(r, j, resp);
	mark(r, j);
	report(r, j, resp);
}

/* Prepares a round of o; NULL when it was recorded as invalid input
 * instead. */
static struct job *prepare(struct run *r, struct replay_origin *o)
{
	struct job *j = calloc(1, sizeof(*j));
	struct topc_params business;
	struct topc_form_problems problems;
	struct topc_error err = {0};
	enum topc_status st;

	if (!j)
		return NULL;
	j->origin = o;
	topc_params_init(&j->values);
	topc_request_init(&j->req);
	topc_outcome_init(&j->out);
	topc_params_init(&business);
	topc_form_problems_init(&problems);
	st = replay_origin_round(&r->source, o, &j->values, &business, &problems, &err);
	if (st == TOPC_OK)
		st = topc_client_build(&r->client, o->e.method, &business, &j->req, &err);
	j->req.form = o->form; /* its success rules read the answer (the store outlives it) */
	topc_params_release(&business);
	for (size_t i = 0; i < problems.count; i++)
		fprintf(stderr, "  %s\n", cli_inert(problems.items[i].msg));
	topc_form_problems_release(&problems);
	if (st != TOPC_OK) {
		fprintf(stderr, "topc: %s\n", cli_inert(err.msg));
		if (o->e.method) {
			j->out.cls = TOPC_OUTCOME_INVALID_INPUT;
			topc_outcome_set_detail(&j->out, err.english, err.msg);
			finish(r, j, NULL);
		} else {
			r->t.done++;
			r->t.counts[TOPC_OUTCOME_INVALID_INPUT]++;
		}
		job_free(j);
		return NULL;
	}
	return j;
}

/* The answer of a finished job; NULL for a cancelled one (none was read). */
static const struct topc_http_response *answer(const struct job *j)
{
	return j->out.cls == TOPC_OUTCOME_CANCELLED ? NULL : topc_transfer_response(j->x);
}

/* Ctrl-C: the replays in flight are cancelled (and then kept as such), the
 * rest are not sent. */
static void stop(struct run *r, size_t *next, size_t n)
{
	char byte;

	if (read(r->cancel_fd, &byte, 1) < 0) {
		/* nothing to drain: the flag says it came */
	}
	if (r->stopped)
		return;
	r->stopped = true;
	r->not_sent = n - *next;
	*next = n;
	for (size_t i = 0; i < r->nflying; i++)
		topc_transport_cancel(r->client.transport, r->flying[i]->x);
}

/* Waits up to ms for Ctrl-C alone (nothing in flight); true when it came. */
static bool interrupted_within(const struct run *r, int ms)
{
	struct pollfd p = {r->cancel_fd, POLLIN, 0};

	return poll(&p, r->cancel_fd >= 0 ? 1 : 0, ms) > 0;
}

/* The jobs a turn of the loop sends next, prepared and signed; they go out
 * once their pending entries are kept (keep_turn). */
struct launch {
	struct job **ready;
	struct topc_send_record *records;
	int64_t *ids;
	size_t n;
};

/* The answers that came this turn into done[] (it ends with NULL), each
 * classified; a ban one of them states delays the sends after it. */
static size_t collect_done(struct run *r, struct job **done, double *due)
{
	struct topc_transfer *x;
	size_t n = 0;

	while ((x = topc_transport_next_done(r->client.transport))) {
		struct job *j = topc_transfer_userdata(x);
		double until = (double)topc_monotonic_ms();
		long ban;
		j->x = x;
		topc_client_classify(&j->req, topc_transfer_response(x), &j->out);
		j->out.attempts = 1;
		if (topc_transfer_response(x)->cancelled) {
			j->out.cls = TOPC_OUTCOME_CANCELLED;
			topc_outcome_set(&j->out.detail, topc_transfer_response(x)->error);
		}
		for (size_t i = 0; i < r->nflying; i++)
			if (r->flying[i] == j)
				r->flying[i] = r->flying[--r->nflying];
		if (topc_outcome_ban_seconds(&j->out, &ban) &&
		    (until += (double)ban * 1000) > *due) {
			/* 7 / accesscontrol.*: no more sends until the ban is over */
			*due = until;
			fprintf(stderr,
				_("topc: the gateway bans the app for %ld more seconds (code "
				  "%lld); the next replays wait\n"),
				ban, j->out.code);
		}
		done[n++] = j;
	}
	done[n] = NULL;
	return n;
}

/*
 * One transaction a turn: the outcomes of the answers that came, with
 * their --compare verdicts (judged before it begins), and the jobs about
 * to go out as pending entries (history.h).  A commit per
 * answer, or a second one for the pending entries, costs more than the
 * rest of a replay together (file locks, WAL writes), and so does a sync
 * at each turn's commit (a replay at 61% of its rate on a busy disk): the
 * turn's commit is the usual one, which a killed topc keeps.  The answers
 * are counted and shown only after the commit, so whatever a replay
 * reported as done is in the history even if topc is killed the next
 * moment, and a job leaves only after its pending entry is kept.
 */
static void keep_turn(struct run *r, struct job **done, size_t n, struct launch *l)
{
	struct topc_error err = {0};
	bool batch;

	if (!n && !l->n)
		return;
	for (size_t i = 0; i < n; i++)
		judge(r, done[i], answer(done[i]));
	for (size_t i = 0; i < l->n; i++)
		l->records[i] = record_of(r, l->ready[i], NULL, NULL);
	/* one answer alone is one write, but for its verdict (--compare) */
	batch =
	    (l->n || n > 1 || (n && r->o->compare)) && topc_history_begin(r->h, NULL) == TOPC_OK;
	/* the pending entries first: a keep that takes the batch down (a full
	 * disk) takes them too, and the failed commit below says so */
	if (l->n && topc_history_record_pending(r->h, l->records, l->n, l->ids, &err) != TOPC_OK &&
	    !r->pending_warned) {
		r->pending_warned = true; /* each outcome is still kept, when it can be */
		fprintf(stderr, _("topc: warning: not kept in the history before sending: %s\n"),
			cli_inert(err.msg));
	}
	for (size_t i = 0; i < n; i++) {
		/* a cancelled one: its time kept, no answer (history_record.h) */
		keep(r, done[i], topc_transfer_response(done[i]->x));
		mark(r, done[i]);
	}
	if (batch && topc_history_commit(r->h, &err) != TOPC_OK) {
		fprintf(stderr, _("topc: warning: %zu replays not kept in the history: %s\n"),
			n + l->n, cli_inert(err.msg));
		for (size_t i = 0; i < n; i++)
			done[i]->kept_id = 0;
		memset(l->ids, 0, l->n * sizeof(*l->ids));
	}
}

/* Sends the jobs prepared for this turn. */
static void launch(struct run *r, struct launch *l)
{
	struct topc_error err = {0};

	for (size_t i = 0; i < l->n; i++) {
		struct job *j = l->ready[i];
		struct topc_http_request h = topc_client_http(&r->client, &j->req);
		struct topc_transfer *x;
		j->pending_id = l->ids[i];
		if (topc_transport_submit(r->client.transport, &h, j, &x, &err) == TOPC_OK) {
			j->x = x;
			r->flying[r->nflying++] = j;
		} else {
			j->out.cls = TOPC_OUTCOME_TRANSPORT_ERROR;
			topc_outcome_set_detail(&j->out, err.english, err.msg);
			finish(r, j, NULL);
			job_free(j);
		}
	}
	l->n = 0;
}

/* Runs n replays through one client, the list of nids ids over and over
 * in its order (--repeat): up to concurrency in flight, no faster than
 * the rate. */
static void run_all(struct run *r, const int64_t *ids, size_t nids, size_t n)
{
	struct topc_transport *t = r->client.transport;
	size_t next = 0, c = (size_t)r->o->concurrency;
	int wait_ms = 100;
	double interval_ms = r->o->rate > 0 ? 1000.0 / r->o->rate : 0;
	double due = (double)topc_monotonic_ms();
	struct job **done = calloc(c + 1, sizeof(*done));
	struct launch l = {calloc(c, sizeof(*l.ready)), calloc(c, sizeof(*l.records)),
			   calloc(c, sizeof(*l.ids)), 0};
	struct replay_origin *origins = replay_origins_new(ids, nids, r->o->repeat);

	r->flying = calloc(c, sizeof(*r->flying));
	if (!done || !r->flying || !l.ready || !l.records || !l.ids || !origins) {
		replay_origins_free(origins, nids);
		free(r->flying);
		r->flying = NULL;
		free(done);
		free(l.ready);
		free(l.records);
		free(l.ids);
		fprintf(stderr, _("topc: out of memory\n"));
		return;
	}
	while (next < n || r->nflying > 0) {
		size_t ndone = 0;
		if (r->nflying > 0) {
			if (topc_transport_wait(t, &r->cancel_fd, r->cancel_fd >= 0 ? 1 : 0,
						wait_ms) > 0)
				stop(r, &next, n);
			topc_transport_step(t);
			ndone = collect_done(r, done, &due);
		}
		wait_ms = 100;
		while (next < n && r->nflying + l.n < c) {
			double now = (double)topc_monotonic_ms();
			struct job *j;
			if (now < due) { /* the rate, or a ban the gateway stated */
				wait_ms = (int)(due - now) + 1;
				break;
			}
			due = (due > now ? due : now) + interval_ms;
			j = prepare(r, &origins[next++ % nids]);
			if (j)
				l.ready[l.n++] = j;
			replay_print_progress(&r->view, &r->t);
		}
		keep_turn(r, done, ndone, &l);
		for (size_t i = 0; done[i]; i++) {
			report(r, done[i], answer(done[i]));
			topc_transfer_free(done[i]->x);
			job_free(done[i]);
		}
		done[0] = NULL;
		launch(r, &l);
		if (r->o->json)
			fflush(stdout); /* a reader sees each replay as soon as it is kept */
		replay_print_progress(&r->view, &r->t);
		/* nothing in flight: waiting out the rate or a ban */
		if (r->nflying == 0 && next < n && interrupted_within(r, wait_ms))
			stop(r, &next, n);
	}
	if (r->stopped)
		fprintf(stderr,
			_("topc: interrupted: the replays in flight were cancelled (kept in the "
			  "history as cancelled); %zu not sent\n"),
			r->not_sent);
	replay_origins_free(origins, nids);
	free(done);
	free(l.ready);
	free(l.records);
	free(l.ids);
	free(r->flying);
	r->flying = NULL;
}

/* The profile the entries go to: -p, or the first entry's. */
static int open_target(struct run *r, int64_t first)
{
	struct topc_history_entry e;
	struct topc_error err = {0};
	const char *name = r->o->profile;

	if (!name) {
		if (topc_history_get(r->h, first, &e, &err) != TOPC_OK)
			return cli_fail_error(&err);
		topc_profile_init(&r->profile);
		if (topc_profile_load(e.profile ? e.profile : "local", &r->profile, &err) !=
		    TOPC_OK) {
			topc_history_entry_release(&e);
			return cli_fail_error(&err);
		}
		topc_history_entry_release(&e);
	} else {
		topc_profile_init(&r->profile);
		if (topc_profile_load(name, &r->profile, &err) != TOPC_OK)
			return cli_fail_error(&err);
	}
	r->profile_loaded = true;
	/* read once for the batch, wiped when the profile is released */
	if (topc_profile_hold_secrets(&r->profile, &err) != TOPC_OK ||
	    topc_client_init(&r->client, &r->profile, &err) != TOPC_OK)
		return cli_fail_error(&err);
	r->client_ready = true;
	if (topc_form_store_load(&r->forms, &err) != TOPC_OK)
		return cli_fail_error(&err);
	return 0;
}

int cmd_replay(int argc, char **argv)
{
	struct replay_opts o = {.mode = TOPC_REPLAY_FRESH, .concurrency = 8, .repeat = 1};
	struct run r = {.o = &o, .cancel_fd = -1};
	struct id_list found = {0};
	struct topc_error err = {0};
	int64_t *ids = NULL, start, elapsed_ms;
	size_t n = 0;
	int status;

	topc_history_filter_init(&o.filter);
	topc_form_store_init(&r.forms);
	status = parse_replay(argc, argv, &o);
	if (status == 0)
		status = cli_history_open(&r.h, true);
	if (status == 0 && o.from_history) {
		if (topc_history_query(r.h, &o.filter, false, collect, &found, &err) != TOPC_OK)
			status = cli_fail_error(&err);
		/* oldest first, as they were first sent */
		for (size_t i = 0; i < found.n / 2; i++) {
			int64_t t = found.ids[i];
			found.ids[i] = found.ids[found.n - 1 - i];
			found.ids[found.n - 1 - i] = t;
		}
		ids = found.ids;
		n = found.n;
		found.ids = NULL;
	} else if (status == 0) {
		ids = o.ids;
		n = o.nids;
		o.ids = NULL;
	}
	if (status == 0 && n == 0)
		status = cli_fail(CLI_EXIT_USAGE, _("no history entries match"));
	if (status == 0)
		status = open_target(&r, ids[0]);
	if (status == 0 && o.expect && cli_expecter_new(o.expect, &r.expecter, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	if (status == 0 && n > SIZE_MAX / sizeof(*r.t.latencies) / (size_t)o.repeat)
		status = cli_fail(3, _("out of memory"));
	if (status == 0) {
		/* asked for: the list o.repeat times over, in its order */
		r.t.total = n * (size_t)o.repeat;
		r.t.latencies = calloc(r.t.total, sizeof(*r.t.latencies));
		r.source.h = r.h;
		r.source.forms = &r.forms;
		r.source.profile = &r.profile;
		r.source.mode = o.mode;
		r.source.any_method = o.any_method;
		/* held for one round only, an origin keeps its answer for --compare */
		r.source.keep_answer = o.compare && o.repeat == 1;
		r.view.json = o.json;
		r.view.compare = o.compare;
		r.view.expect = o.expect != NULL;
		r.view.progress = isatty(STDERR_FILENO) && r.t.total > 1;
		start = topc_monotonic_ms();
		r.cancel_fd = cli_interrupt_catch();
		run_all(&r, ids, n, r.t.total);
		elapsed_ms = topc_monotonic_ms() - start;
		qsort(r.t.latencies, r.t.nlat, sizeof(*r.t.latencies), cmp_i64);
		replay_print_summary(&r.view, &r.t, elapsed_ms);
		status =
		    r.t.counts[TOPC_OUTCOME_SUCCESS] == r.t.done ? CLI_EXIT_OK : CLI_EXIT_FAILED;
		if (o.compare) /* what matters is whether anything changed */
			status = r.t.verdicts[TOPC_COMPARE_SAME] == r.t.done ? CLI_EXIT_OK
									     : CLI_EXIT_FAILED;
		if (r.t.expect_failed)
			status = CLI_EXIT_FAILED;
	}
	if (r.client_ready)
		topc_client_release(&r.client);
	if (r.profile_loaded)
		topc_profile_release(&r.profile);
	topc_form_store_release(&r.forms);
	topc_history_close(r.h);
	free(found.ids);
	free(r.t.latencies);
	cli_expecter_free(r.expecter);
	free(ids);
	free(o.ids);
	free(o.ignore);
	cli_interrupt_release(&r.cancel_fd); /* all kept: a Ctrl-C ends topc now */
	return status;
}
