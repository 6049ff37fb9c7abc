/* The query line's model: values as jq and XPath give them, errors as
 * text, and runs that cannot hang the console. */
#include "test_header.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "livequery.h"

static const char *const answer =
    "{\"jym_message_apppush_send_response\":{\"result\":{\"success\":true,"
    "\"msg_id\":\"m-1\",\"list\":[1,2,3]},\"request_id\":\"3kqhbi8wpmwf\"}}";

static void assert_values(const struct livequery *q, const char *const *want, size_t n)
{
	assert_int_equal(q->nvalues, n);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *v = livequery_value(q, i, &len);
		assert_int_equal(len, strlen(want[i]));
		assert_memory_equal(v, want[i], len);
	}
}

static void test_values_as_typed(void **state)
{
	struct livequery q;
	/* what `jq -r` prints for these on the same answer */
	static const char *const id[] = {"3kqhbi8wpmwf"};
	static const char *const list[] = {"1", "2", "3"};
	static const char *const obj[] = {"{\"success\":true,\"msg_id\":\"m-1\",\"list\":[1,2,3]}"};

	(void)state;
	livequery_init(&q, answer, strlen(answer));
	assert_int_equal(livequery_run(&q, ""), LIVEQUERY_EMPTY);
	assert_int_equal(livequery_run(&q, "  "), LIVEQUERY_EMPTY);
	/* keystroke by keystroke: a prefix that does not compile is an error */
	assert_int_equal(livequery_run(&q, ".jym_message_apppush_send_response.request_i"),
			 LIVEQUERY_OK);
	assert_int_equal(q.nvalues, 1); /* null: selected nothing */
	assert_int_equal(livequery_run(&q, ".[]."), LIVEQUERY_ERROR);
	assert_non_null(strstr(q.error, "jq:"));
	assert_int_equal(q.nvalues, 0);
	assert_int_equal(livequery_run(&q, ".[].request_id"), LIVEQUERY_OK);
	assert_values(&q, id, 1);
	assert_int_equal(livequery_run(&q, ".[].result.list[]"), LIVEQUERY_OK);
	assert_values(&q, list, 3);
	assert_int_equal(livequery_run(&q, ".[].result"), LIVEQUERY_OK);
	assert_values(&q, obj, 1);
	assert_int_equal(livequery_run(&q, ".[].result.msg_id | error"), LIVEQUERY_ERROR);
	assert_non_null(strstr(q.error, "m-1"));
	livequery_release(&q);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000L + (t.tv_nsec - t0->tv_nsec) / 1000000L;
}

static void test_runaway_queries_are_bounded(void **state)
{
	struct livequery q;
	struct timespec t0;

	(void)state;
	livequery_init(&q, answer, strlen(answer));
	/* endless values: capped */
	assert_int_equal(livequery_run(&q, "repeat(1)"), LIVEQUERY_OK);
	assert_int_equal(q.nvalues, LIVEQUERY_MAX_VALUES);
	assert_true(q.more);
	/* endless without a value: stopped at the time limit (300 ms of its
	 * CPU time: on a loaded machine more on the clock), not hung */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(livequery_run(&q, "last(repeat(1))"), LIVEQUERY_STOPPED);
	assert_true(ms_since(&t0) < LIVEQUERY_READ_TIMEOUT_MS + LIVEQUERY_COMPILE_TIMEOUT_MS +
					LIVEQUERY_TIMEOUT_MS + 3 * LIVEQUERY_WALL_TIMEOUT_MS);
	assert_non_null(strstr(q.error, "stopped"));
	assert_int_equal(livequery_run(&q, "[range(1e9)]"), LIVEQUERY_STOPPED);
	/* a stopped query cost its worker; the next one starts another */
	unsigned before = q.workers;
	assert_int_equal(livequery_run(&q, ".[].request_id"), LIVEQUERY_OK);
	assert_int_equal(q.workers, before + 1);
	/* the answer is read once: keystrokes reuse the same worker */
	assert_int_equal(livequery_run(&q, ".[].result.msg_id"), LIVEQUERY_OK);
	assert_int_equal(q.workers, before + 1);
	/* a worker killed from outside: the console neither dies of SIGPIPE
	 * nor hangs, and the query is run again */
	kill(q.worker.pid, SIGKILL);
	usleep(20000);
	assert_int_equal(livequery_run(&q, ".[].result.msg_id"), LIVEQUERY_OK);
	assert_int_equal(q.nvalues, 1);
	livequery_release(&q);
	/* too much text: said, never cut (limits are the worker's from its start) */
	livequery_init(&q, answer, strlen(answer));
	q.max_bytes = 64;
	assert_int_equal(livequery_run(&q, "[range(100)]"), LIVEQUERY_ERROR);
	assert_non_null(strstr(q.error, "select less"));
	assert_int_equal(q.nvalues, 0);
	/* and the model still answers after all that */
	assert_int_equal(livequery_run(&q, ".[].result.success"), LIVEQUERY_OK);
	assert_int_equal(q.nvalues, 1);
	livequery_release(&q);
}

/* Nothing waits longer than asked: a runaway expression is handed over
 * and runs out its time while the caller goes on */
static void test_start_and_poll_never_block(void **state)
{
	struct livequery q;
	struct timespec t0;
	static const char *const id[] = {"3kqhbi8wpmwf"};

	(void)state;
	livequery_init(&q, answer, strlen(answer));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(livequery_start(&q, "last(repeat(1))"), LIVEQUERY_RUNNING);
	/* an endless query still running: start did not wait for its run (a
	 * bound on the clock, 100 ms, failed on a loaded machine) */
	assert_int_equal(livequery_poll(&q, 0), LIVEQUERY_RUNNING);
	assert_non_null(strstr(q.error, "..."));
	assert_true(livequery_busy(&q));
	assert_int_equal(livequery_poll(&q, -1), LIVEQUERY_STOPPED);
	assert_true(ms_since(&t0) < LIVEQUERY_READ_TIMEOUT_MS + LIVEQUERY_COMPILE_TIMEOUT_MS +
					LIVEQUERY_TIMEOUT_MS + 3 * LIVEQUERY_WALL_TIMEOUT_MS);
	assert_false(livequery_busy(&q));
	/* a runaway replaced by a newer expression: the newer one's values, from
	 * a new worker once the runaway ran out its time */
	unsigned before = q.workers;
	assert_int_equal(livequery_start(&q, "last(repeat(1))"), LIVEQUERY_RUNNING);
	while (q.phase != LIVEQUERY_EVALUATING) /* the worker read the answer, compiled it */
		assert_int_equal(livequery_poll(&q, 10), LIVEQUERY_RUNNING);
	assert_int_equal(livequery_start(&q, ".[].request_id"), LIVEQUERY_RUNNING);
	assert_int_equal(livequery_poll(&q, -1), LIVEQUERY_OK);
	assert_values(&q, id, 1);
	assert_int_equal(q.workers, before + 2);
	/* one that has not reached the worker (still reading) is simply replaced */
	livequery_release(&q);
	livequery_init(&q, answer, strlen(answer));
	assert_int_equal(livequery_start(&q, "last(repeat(1))"), LIVEQUERY_RUNNING);
	assert_int_equal(q.phase, LIVEQUERY_READING);
	assert_int_equal(livequery_start(&q, ".[].request_id"), LIVEQUERY_RUNNING);
	assert_int_equal(livequery_poll(&q, -1), LIVEQUERY_OK);
	assert_values(&q, id, 1);
	assert_int_equal(q.workers, 1);
	livequery_release(&q);
}

/* Keys typed faster than the queries run: only the last expression's values
 * show, and no worker is killed for it */
static void test_typed_ahead_the_last_expression_wins(void **state)
{
	struct livequery q;
	const char *typed = ".jym_message_apppush_send_response.result.msg_id";
	static const char *const id[] = {"m-1"};
	char prefix[64];

	(void)state;
	livequery_init(&q, answer, strlen(answer));
	for (size_t n = 1; n <= strlen(typed); n++) {
		snprintf(prefix, sizeof(prefix), "%.*s", (int)n, typed);
		enum livequery_state st = livequery_start(&q, prefix);
		assert_true(st == LIVEQUERY_RUNNING || st == LIVEQUERY_EMPTY);
		assert_int_equal(livequery_poll(&q, 0) == LIVEQUERY_OK,
				 false); /* never an older one */
	}
	assert_int_equal(livequery_poll(&q, -1), LIVEQUERY_OK);
	assert_values(&q, id, 1);
	assert_int_equal(q.workers, 1);
	/* a blank line while one runs: empty, and the running one is dropped */
	assert_int_equal(livequery_start(&q, ".[].result.list[]"), LIVEQUERY_RUNNING);
	assert_int_equal(livequery_start(&q, " "), LIVEQUERY_EMPTY);
	assert_int_equal(livequery_poll(&q, 200), LIVEQUERY_EMPTY);
	assert_int_equal(q.nvalues, 0);
	livequery_release(&q);
}

static void test_xml_and_not_json(void **state)
{
	struct livequery q;
	const char *xml = "<x_response><result><msg_id>m-9</msg_id></result>"
			  "<request_id>r1</request_id></x_response>";
	static const char *const id[] = {"m-9"};

	(void)state;
	livequery_init(&q, xml, strlen(xml));
	assert_int_equal(livequery_run(&q, "//msg_id"), LIVEQUERY_OK);
	assert_values(&q, id, 1);
	assert_int_equal(livequery_run(&q, "//msg_id["), LIVEQUERY_ERROR);
	livequery_release(&q);
	livequery_init(&q, "not json {", 10);
	assert_int_equal(livequery_run(&q, "."), LIVEQUERY_ERROR);
	assert_non_null(strstr(q.error, "not JSON"));
	assert_int_equal(livequery_run(&q, ".a"), LIVEQUERY_ERROR); /* read once, said again */
	livequery_release(&q);
	livequery_init(&q, NULL, 0);
	assert_int_equal(livequery_run(&q, "."), LIVEQUERY_ERROR);
	livequery_release(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_values_as_typed),
	    cmocka_unit_test(test_runaway_queries_are_bounded),
	    cmocka_unit_test(test_xml_and_not_json),
	    cmocka_unit_test(test_start_and_poll_never_block),
	    cmocka_unit_test(test_typed_ahead_the_last_expression_wins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
