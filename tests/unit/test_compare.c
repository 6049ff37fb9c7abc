/* replay --compare's core: answers field by field, and the queries. */
#include "test_header.h"

#include "history/compare.h"
#include "top/query.h"

static const char *const defaults[] = TOPC_COMPARE_DEFAULT_IGNORE;
#define NDEFAULTS (sizeof(defaults) / sizeof(defaults[0]))

static struct topc_compare_result run(const char *a, enum topc_outcome_class ca, const char *b,
				      enum topc_outcome_class cb)
{
	struct topc_compare_answer before = {a, a ? strlen(a) : 0, ca},
				   now = {b, b ? strlen(b) : 0, cb};
	struct topc_compare_result r;

	assert_int_equal(topc_compare_answers(&before, &now, defaults, NDEFAULTS, &r), TOPC_OK);
	return r;
}

static void test_only_ignored_fields_differ(void **state)
{
	struct topc_compare_result r =
	    run("{\"x_response\":{\"result\":{\"create_time\":\"2024-01-01 00:00:00\"},"
		"\"request_id\":\"aaa\"}}",
		TOPC_OUTCOME_SUCCESS,
		"{\"x_response\":{\"result\":{\"create_time\":\"2025-01-01 00:00:00\"},"
		"\"request_id\":\"bbb\"}}",
		TOPC_OUTCOME_SUCCESS);
	assert_int_equal(r.verdict, TOPC_COMPARE_SAME);
	assert_int_equal(r.nchanges, 0);
	topc_compare_result_release(&r);
	/* recorded without the ignored fields, answered with them: still the same */
	r = run("{\"x_response\":{\"ok\":true}}", TOPC_OUTCOME_SUCCESS,
		"{\"x_response\":{\"ok\":true,\"request_id\":\"c\",\"timestamp\":1}}",
		TOPC_OUTCOME_SUCCESS);
	assert_int_equal(r.verdict, TOPC_COMPARE_SAME);
	topc_compare_result_release(&r);
}

static void test_changed_added_removed_by_path(void **state)
{
	struct topc_compare_result r = run(
	    "{\"r\":{\"a\":1,\"b\":\"x\",\"list\":[1,2],\"gone\":true}}", TOPC_OUTCOME_SUCCESS,
	    "{\"r\":{\"list\":[1,3],\"b\":\"x\",\"a\":\"1\",\"new\":null}}", TOPC_OUTCOME_SUCCESS);
	assert_int_equal(r.verdict, TOPC_COMPARE_CHANGED);
	assert_int_equal(r.nchanges, 4); /* sorted by path */
	assert_string_equal(r.changes[0].path, "r.a");
	assert_string_equal(r.changes[0].old_value, "1");
	assert_string_equal(r.changes[0].new_value, "\"1\""); /* a number became text */
	assert_string_equal(r.changes[1].path, "r.gone");
	assert_null(r.changes[1].new_value);
	assert_string_equal(r.changes[2].path, "r.list[1]");
	assert_string_equal(r.changes[3].path, "r.new");
	assert_null(r.changes[3].old_value);
	assert_string_equal(r.changes[3].new_value, "null");
	topc_compare_result_release(&r);
}

static void test_outcomes_weigh_first(void **state)
{
	const char *ok = "{\"r\":{\"success\":true}}", *bad = "{\"r\":{\"success\":false}}";
	struct topc_compare_result r =
	    run(ok, TOPC_OUTCOME_SUCCESS, bad, TOPC_OUTCOME_BUSINESS_FAILURE);

	assert_int_equal(r.verdict, TOPC_COMPARE_NEWLY_FAILING);
	assert_int_equal(r.nchanges, 1);
	topc_compare_result_release(&r);
	r = run(bad, TOPC_OUTCOME_BUSINESS_FAILURE, ok, TOPC_OUTCOME_SUCCESS);
	assert_int_equal(r.verdict, TOPC_COMPARE_NEWLY_PASSING);
	topc_compare_result_release(&r);
	/* nothing came back now: every field went away */
	r = run(ok, TOPC_OUTCOME_SUCCESS, NULL, TOPC_OUTCOME_TRANSPORT_ERROR);
	assert_int_equal(r.verdict, TOPC_COMPARE_NEWLY_FAILING);
	assert_int_equal(r.nchanges, 1);
	topc_compare_result_release(&r);
	r = run(bad, TOPC_OUTCOME_BUSINESS_FAILURE, bad, TOPC_OUTCOME_BUSINESS_FAILURE);
	assert_int_equal(r.verdict, TOPC_COMPARE_SAME);
	topc_compare_result_release(&r);
}

static void test_xml_answers_and_repeated_elements(void **state)
{
	struct topc_compare_result r =
	    run("<?xml version=\"1.0\" encoding=\"utf-8\" ?><x_response><items><item>a</item>"
		"<item>b</item></items><request_id>1</request_id></x_response><!--top1-->",
		TOPC_OUTCOME_SUCCESS,
		"<x_response><items><item>a</item><item>c</item></items>"
		"<request_id>2</request_id></x_response><!--top2-->",
		TOPC_OUTCOME_SUCCESS);
	assert_int_equal(r.verdict, TOPC_COMPARE_CHANGED);
	assert_int_equal(r.nchanges, 1);
	assert_string_equal(r.changes[0].path, "x_response.items.item[1]");
	assert_string_equal(r.changes[0].old_value, "\"b\"");
	assert_string_equal(r.changes[0].new_value, "\"c\"");
	topc_compare_result_release(&r);
}

static void test_patterns_and_bodies_that_do_not_parse(void **state)
{
	const char *const ignore[] = {"extra_*", "st?te_[a-c]ode"};
	struct topc_compare_answer a = {"{\"r\":{\"extra_err_msg\":\"x\"}}", 27,
					TOPC_OUTCOME_SUCCESS},
				   b = {"{\"r\":{\"extra_err_msg\":\"y\"}}", 27,
					TOPC_OUTCOME_SUCCESS};
	struct topc_compare_result r;

	assert_int_equal(topc_compare_answers(&a, &b, ignore, 2, &r), TOPC_OK);
	assert_int_equal(r.verdict, TOPC_COMPARE_SAME);
	topc_compare_result_release(&r);
	a.body = "{\"state_code\":1,\"state_codes\":1}";
	b.body = "{\"state_code\":2,\"state_codes\":2}";
	a.len = b.len = strlen(a.body);
	assert_int_equal(topc_compare_answers(&a, &b, ignore, 2, &r), TOPC_OK);
	assert_int_equal(r.nchanges, 1); /* fnmatch's own patterns, whole names only */
	assert_string_equal(r.changes[0].path, "state_codes");
	topc_compare_result_release(&r);
	r = run("<html>502</html", TOPC_OUTCOME_UNPARSEABLE, "{\"r\":1", TOPC_OUTCOME_UNPARSEABLE);
	assert_int_equal(r.verdict, TOPC_COMPARE_CHANGED);
	assert_int_equal(r.nchanges, 1);
	assert_string_equal(r.changes[0].path, "");
	assert_string_equal(r.changes[0].old_value, "\"<html>502</html\"");
	topc_compare_result_release(&r);
}

static void test_queries(void **state)
{
	const char *json = "{\"r\":{\"id\":\"abc\",\"n\":[1,2],\"t\":\"标题\"}}";
	const char *xml = "<r><id>abc</id><n>1</n><n>2</n></r><!--c-->";
	struct topc_buf out;
	struct topc_error err = {0};
	size_t count;
	bool matched;

	topc_buf_init(&out, 0);
	assert_int_equal(
	    topc_query_answer(".r.id, .r.n, .r.t", json, strlen(json), &out, &count, &err),
	    TOPC_OK);
	assert_int_equal(count, 3);
	assert_string_equal(topc_buf_str(&out), "abc\n[1,2]\n标题\n");
	topc_buf_reset(&out);
	assert_int_equal(topc_query_answer(".missing", json, strlen(json), &out, &count, &err),
			 TOPC_OK);
	assert_int_equal(count, 0); /* null: nothing selected */
	assert_int_equal(topc_query_answer(".r[", json, strlen(json), &out, &count, &err),
			 TOPC_ERR_USAGE);
	assert_int_equal(topc_query_answer(".r", "{bad", 4, &out, &count, &err), TOPC_ERR_INPUT);
	topc_buf_reset(&out);
	assert_int_equal(topc_query_answer("//n", xml, strlen(xml), &out, &count, &err), TOPC_OK);
	assert_int_equal(count, 2);
	assert_string_equal(topc_buf_str(&out), "1\n2\n");
	assert_int_equal(
	    topc_query_expect(".r.n | length == 2", json, strlen(json), &matched, &err), TOPC_OK);
	assert_true(matched);
	assert_int_equal(topc_query_expect(".r.n[] | . > 1", json, strlen(json), &matched, &err),
			 TOPC_OK);
	assert_false(matched); /* one of the results is false */
	assert_int_equal(topc_query_expect("count(//n) = 2", xml, strlen(xml), &matched, &err),
			 TOPC_OK);
	assert_true(matched);
	assert_int_equal(topc_query_check("//[", true, &err), TOPC_ERR_USAGE);
	assert_int_equal(topc_query_check(".a | .b", false, &err), TOPC_OK);
	topc_buf_release(&out);
}

/* 1234567890123456789 and ...788 are the same double: only the literal
 * text tells them apart (both ids as Python's int reads them). */
static void test_big_numbers_by_their_digits(void **state)
{
	struct topc_compare_result r =
	    run("{\"x_response\":{\"id\":1234567890123456789}}", TOPC_OUTCOME_SUCCESS,
		"{\"x_response\":{\"id\":1234567890123456788}}", TOPC_OUTCOME_SUCCESS);

	assert_int_equal(r.verdict, TOPC_COMPARE_CHANGED);
	assert_int_equal(r.nchanges, 1);
	assert_string_equal(r.changes[0].path, "x_response.id");
	assert_string_equal(r.changes[0].old_value, "1234567890123456789");
	assert_string_equal(r.changes[0].new_value, "1234567890123456788");
	topc_compare_result_release(&r);
}

struct stop_after {
	size_t left;
	struct topc_buf got;
};

static bool take_some(const char *text, size_t len, bool json, void *ctx)
{
	struct stop_after *s = ctx;

	(void)json;
	if (topc_buf_add(&s->got, text, len) != TOPC_OK)
		return false;
	return --s->left > 0;
}

/* Endless programs: results as they come, a stop when the reader goes,
 * a limit with a message; the answer's own digits for big integers (Python's
 * int reads 1234567890123456789, jq 1.6 prints 1234567890123456800); jq's
 * messages inert. */
static void test_query_stream_limits_digits(void **state)
{
	const char *json = "{\"r\":{\"id\":1234567890123456789}}";
	const char *raw = "{\"r\":{\"s\":\"a\x01\"}}";
	struct stop_after s = {3, {0}};
	struct topc_jq_limits lim = {5, 1u << 20, 30}, bytes = {1000, 10, 30};
	struct topc_buf out;
	struct topc_error err = {0};
	size_t count = 0;

	topc_buf_init(&s.got, 0);
	assert_int_equal(
	    topc_query_stream("repeat(1)", json, strlen(json), NULL, take_some, &s, &count, &err),
	    TOPC_ERR_IO);
	assert_string_equal(topc_buf_str(&s.got), "1\n1\n1\n");
	topc_buf_release(&s.got);
	topc_buf_init(&out, 0);
	s.left = 100;
	topc_buf_init(&s.got, 0);
	assert_int_equal(
	    topc_query_stream("range(1e18)", json, strlen(json), &lim, take_some, &s, &count, &err),
	    TOPC_ERR_INPUT);
	assert_string_equal(topc_buf_str(&s.got), "0\n1\n2\n3\n4\n");
	assert_non_null(strstr(err.msg, "gave 5 results and was stopped"));
	topc_buf_release(&s.got);
	s.left = 100;
	topc_buf_init(&s.got, 0);
	assert_int_equal(topc_query_stream("range(1e18)", json, strlen(json), &bytes, take_some, &s,
					   &count, &err),
			 TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "passed 10 bytes"));
	assert_string_equal(topc_buf_str(&s.got), "0\n1\n2\n3\n4\n");
	topc_buf_release(&s.got);
	topc_buf_init(&out, 0);
	assert_int_equal(
	    topc_query_answer(".r.id, [.r.id], {a: .r.id}", json, strlen(json), &out, &count, &err),
	    TOPC_OK);
	assert_string_equal(topc_buf_str(&out), "1234567890123456789\n[1234567890123456789]\n"
						"{\"a\":1234567890123456789}\n");
	topc_buf_reset(&out);
	/* the SDK takes a raw control character in a string, jq does not: its
	 * message quotes the answer, escaped */
	assert_int_equal(topc_query_answer(".r.s", raw, strlen(raw), &out, &count, &err),
			 TOPC_ERR_INPUT);
	assert_null(strchr(err.msg, '\x01'));
	assert_non_null(strstr(err.msg, "\\x01"));
	topc_buf_release(&out);
}

/* One expectation compiled once and tested on many answers (replay
 * --expect): each answer is judged on its own, after a false one, a jq
 * runtime error, one that is not JSON and an XML answer in between. */
static void test_expectation_on_many_answers(void **state)
{
	static const struct {
		const char *body;
		enum topc_status st;
		bool matched;
	} answers[] = {
	    {"{\"r\":{\"ok\":true}}", TOPC_OK, true},
	    {"{\"r\":{\"ok\":false}}", TOPC_OK, false},
	    {"{\"r\":5}", TOPC_ERR_INPUT, false}, /* .ok on a number */
	    {"{\"r\":{\"ok\":true}}", TOPC_OK, true},
	    {"not json", TOPC_ERR_INPUT, false},
	    {"{\"r\":{\"ok\":true},\"more\":[1,2,3]}", TOPC_OK, true},
	};
	struct topc_query_expectation *x;
	struct topc_error err = {0};

	(void)state;
	assert_int_equal(topc_query_expectation_new(".r.ok", &x, &err), TOPC_OK);
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
			bool matched = !answers[i].matched, once = !answers[i].matched;
			const char *b = answers[i].body;
			assert_int_equal(
			    topc_query_expectation_test(x, b, strlen(b), &matched, &err),
			    answers[i].st);
			assert_int_equal(matched, answers[i].matched);
			/* the same as the one-shot check */
			assert_int_equal(topc_query_expect(".r.ok", b, strlen(b), &once, &err),
					 answers[i].st);
			assert_int_equal(once, matched);
		}
	topc_query_expectation_free(x);
}

/* An origin whose outcome was never recorded (pending: its process was
 * killed) did not succeed: a successful replay of it is newly passing,
 * never "same", even with an answer like the one now. */
static void test_a_pending_origin_is_not_a_success(void **state)
{
	const char *ok = "{\"r\":{\"success\":true}}";
	struct topc_compare_result r = run(NULL, TOPC_OUTCOME_PENDING, ok, TOPC_OUTCOME_SUCCESS);

	(void)state;
	assert_int_equal(r.verdict, TOPC_COMPARE_NEWLY_PASSING);
	topc_compare_result_release(&r);
	r = run(ok, TOPC_OUTCOME_PENDING, ok, TOPC_OUTCOME_SUCCESS);
	assert_int_equal(r.verdict, TOPC_COMPARE_NEWLY_PASSING);
	topc_compare_result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_only_ignored_fields_differ),
	    cmocka_unit_test(test_changed_added_removed_by_path),
	    cmocka_unit_test(test_outcomes_weigh_first),
	    cmocka_unit_test(test_xml_answers_and_repeated_elements),
	    cmocka_unit_test(test_patterns_and_bodies_that_do_not_parse),
	    cmocka_unit_test(test_queries),
	    cmocka_unit_test(test_big_numbers_by_their_digits),
	    cmocka_unit_test(test_query_stream_limits_digits),
	    cmocka_unit_test(test_expectation_on_many_answers),
	    cmocka_unit_test(test_a_pending_origin_is_not_a_success),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
