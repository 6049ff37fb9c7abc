/* The diff view's model: rows of both answers, the changed ones marked,
 * the ignored fields out, and the unified layout. */
#include "test_header.h"

#include "answerdiff.h"

static void build(struct answerdiff *d, const char *a, enum topc_outcome_class ca, const char *b,
		  enum topc_outcome_class cb)
{
	struct topc_compare_answer before = {a, strlen(a), ca}, now = {b, strlen(b), cb};

	assert_int_equal(answerdiff_build(d, &before, &now, NULL, 0), TOPC_OK);
}

static void test_rows_side_by_side(void **state)
{
	struct answerdiff d;

	(void)state;
	build(&d,
	      "{\"r\":{\"ok\":true,\"n\":1,\"gone\":\"x\",\"request_id\":\"a\","
	      "\"create_time\":\"2024\"}}",
	      TOPC_OUTCOME_SUCCESS,
	      "{\"r\":{\"ok\":true,\"n\":2,\"new\":[1],\"request_id\":\"b\","
	      "\"create_time\":\"2025\"}}",
	      TOPC_OUTCOME_SUCCESS);
	assert_int_equal(answerdiff_verdict(&d), TOPC_COMPARE_CHANGED);
	/* by path; request_id and *_time are left out as replay --compare does */
	assert_int_equal(d.nrows, 4);
	assert_string_equal(d.rows[0].path, "r.gone");
	assert_string_equal(d.rows[0].before, "\"x\"");
	assert_null(d.rows[0].now);
	assert_true(d.rows[0].changed);
	assert_string_equal(d.rows[1].path, "r.n");
	assert_string_equal(d.rows[1].before, "1");
	assert_string_equal(d.rows[1].now, "2");
	assert_true(d.rows[1].changed);
	assert_string_equal(d.rows[2].path, "r.new[0]");
	assert_null(d.rows[2].before);
	assert_string_equal(d.rows[3].path, "r.ok");
	assert_false(d.rows[3].changed);
	assert_int_equal(d.nchanged, 3);
	/* unified: gone (old), n (old, new), new (new), ok (same) */
	assert_int_equal(answerdiff_unified_count(&d), 5);
	size_t row;
	enum answerdiff_side side;
	static const size_t rows[] = {0, 1, 1, 2, 3};
	static const enum answerdiff_side sides[] = {
	    ANSWERDIFF_BEFORE, ANSWERDIFF_BEFORE, ANSWERDIFF_NOW, ANSWERDIFF_NOW, ANSWERDIFF_SAME};
	for (size_t k = 0; k < 5; k++) {
		answerdiff_unified_line(&d, k, &row, &side);
		assert_int_equal(row, rows[k]);
		assert_int_equal(side, sides[k]);
	}
	answerdiff_release(&d);
}

static void test_same_and_newly_failing(void **state)
{
	struct answerdiff d;

	(void)state;
	build(&d, "{\"r\":{\"ok\":true,\"request_id\":\"a\"}}", TOPC_OUTCOME_SUCCESS,
	      "{\"r\":{\"ok\":true,\"request_id\":\"b\"}}", TOPC_OUTCOME_SUCCESS);
	assert_int_equal(answerdiff_verdict(&d), TOPC_COMPARE_SAME);
	assert_int_equal(d.nrows, 1);
	assert_int_equal(d.nchanged, 0);
	answerdiff_release(&d);
	build(&d, "{\"r\":{\"ok\":true}}", TOPC_OUTCOME_SUCCESS,
	      "{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\"}}",
	      TOPC_OUTCOME_API_ERROR);
	assert_int_equal(answerdiff_verdict(&d), TOPC_COMPARE_NEWLY_FAILING);
	assert_int_equal(d.nchanged, 3);
	answerdiff_release(&d);
}

/* The ignored fields are not compared, but kept apart for the view: a
 * request_id that differs, a *_time that is the same, a field of the form's
 * own list (msg_id), in path order; a field ignored on one side only too. */
static void test_ignored_kept_apart(void **state)
{
	static const char *const ignore[] = {"request_id", "*_time", "msg_id"};
	const char *a = "{\"r\":{\"ok\":true,\"msg_id\":\"m1\",\"create_time\":\"2024\"},"
			"\"request_id\":\"a\"}",
		   *b = "{\"r\":{\"ok\":true,\"msg_id\":\"m2\",\"create_time\":\"2024\","
			"\"end_time\":\"x\"},\"request_id\":\"b\"}";
	struct topc_compare_answer before = {a, strlen(a), TOPC_OUTCOME_SUCCESS},
				   now = {b, strlen(b), TOPC_OUTCOME_SUCCESS};
	struct answerdiff d;

	(void)state;
	assert_int_equal(answerdiff_build(&d, &before, &now, ignore, 3), TOPC_OK);
	assert_int_equal(answerdiff_verdict(&d), TOPC_COMPARE_SAME);
	assert_int_equal(d.nrows, 1);
	assert_string_equal(d.rows[0].path, "r.ok");
	assert_int_equal(d.nignored, 4);
	assert_string_equal(d.ignored[0].path, "r.create_time");
	assert_false(d.ignored[0].changed);
	assert_string_equal(d.ignored[1].path, "r.end_time");
	assert_null(d.ignored[1].before);
	assert_string_equal(d.ignored[1].now, "\"x\"");
	assert_string_equal(d.ignored[2].path, "r.msg_id");
	assert_string_equal(d.ignored[2].before, "\"m1\"");
	assert_string_equal(d.ignored[2].now, "\"m2\"");
	assert_true(d.ignored[2].changed);
	assert_string_equal(d.ignored[3].path, "request_id");
	assert_true(d.ignored[3].changed);
	answerdiff_release(&d);
}

/* The rows by path as a person reads it: [2] before [10], [09] beside [9] */
static void test_rows_in_natural_order(void **state)
{
	struct answerdiff d;
	static const char *const want[] = {"a[1]", "a[2]", "a[10]", "a[11].x2", "a[11].x10", "b"};

	(void)state;
	build(&d, "{\"a\":[0,1,2,3,4,5,6,7,8,9,10,{\"x2\":1,\"x10\":2}],\"b\":1}",
	      TOPC_OUTCOME_SUCCESS, "{\"a\":[0,9,9,3,4,5,6,7,8,9,9,{\"x2\":1,\"x10\":3}],\"b\":1}",
	      TOPC_OUTCOME_SUCCESS);
	size_t k = 0;
	for (size_t i = 0; i < d.nrows; i++)
		if (d.rows[i].changed || strcmp(d.rows[i].path, "b") == 0 ||
		    strcmp(d.rows[i].path, "a[11].x2") == 0) {
			assert_true(k < sizeof(want) / sizeof(want[0]));
			assert_string_equal(d.rows[i].path, want[k++]);
		}
	assert_int_equal(k, 6);
	/* the unified lines follow the rows: a[1]'s old value first */
	size_t row;
	enum answerdiff_side side;
	answerdiff_unified_line(&d, 1, &row, &side);
	assert_string_equal(d.rows[row].path, "a[1]");
	assert_int_equal(side, ANSWERDIFF_BEFORE);
	answerdiff_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rows_side_by_side),
	    cmocka_unit_test(test_same_and_newly_failing),
	    cmocka_unit_test(test_ignored_kept_apart),
	    cmocka_unit_test(test_rows_in_natural_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
