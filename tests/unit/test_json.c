/* The cJSON adapter (ext/json): re-indenting answers, quoting. */
#include "test_header.h"

#include "ext/json.h"

static void pretty(const char *in, const char *want)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_json_pretty(in, strlen(in), &b), TOPC_OK);
	assert_string_equal(topc_buf_str(&b), want);
	topc_buf_release(&b);
}

/* Expected layouts are Python's json.dumps(json.loads(s), indent=2,
 * ensure_ascii=False): the same two spaces, ": " and empty {} / []. */
static void test_pretty_like_python(void **state)
{
	pretty("{\"a\":[1,2],\"b\":{}}", "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
	pretty(" [ ] ", "[]");
	/* the layout is Python's; the number keeps its text (Python would
	 * write -1500.0) */
	pretty("{\"s\":\"x,y:{z}\\\"\",\"n\":-1.50e3}",
	       "{\n  \"s\": \"x,y:{z}\\\"\",\n  \"n\": -1.50e3\n}");
	pretty("{\"k\":\"中文\"}", "{\n  \"k\": \"中文\"\n}");
}

static void test_pretty_not_json_appended_unchanged(void **state)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_json_pretty("{\"a\":", 5, &b), TOPC_ERR_PARSE);
	assert_string_equal(topc_buf_str(&b), "{\"a\":");
	topc_buf_release(&b);
}

/* issue 12: a 16 MiB answer {"r":{"a":[1,1,...]}} re-indents past the
 * 64 MiB cap.  It used to come back cut at exactly 64 MiB with success;
 * now it fails and the buffer holds nothing. */
static void test_pretty_past_cap_fails(void **state)
{
	const size_t n = (size_t)8 * 1024 * 1024; /* elements: 16 MiB of "1," */
	size_t len = 0;
	char *in = malloc(2 * n + 32);
	struct topc_buf b;

	assert_non_null(in);
	len += (size_t)snprintf(in, 32, "{\"r\":{\"a\":[");
	for (size_t i = 0; i < n; i++) {
		in[len++] = '1';
		in[len++] = ',';
	}
	len--; /* no comma after the last */
	memcpy(in + len, "]}}", 4);
	len += 3;
	topc_buf_init(&b, 0);
	assert_int_equal(topc_json_pretty(in, len, &b), TOPC_ERR_NOMEM);
	assert_true(b.failed);
	assert_int_equal(b.len, 0);
	assert_string_equal(topc_buf_str(&b), "");
	topc_buf_release(&b);

	/* with a cap it fits in it comes out whole; the length is that of
	 * Python's json.dumps(..., indent=2): 41 + 9 per element after the
	 * first (59 for three elements) */
	topc_buf_init(&b, (size_t)128 * 1024 * 1024);
	assert_int_equal(topc_json_pretty(in, len, &b), TOPC_OK);
	assert_int_equal(b.len, 41 + (n - 1) * 9);
	assert_string_equal(b.data + b.len - strlen("1\n    ]\n  }\n}"), "1\n    ]\n  }\n}");
	topc_buf_release(&b);
	free(in);
}

static void test_quote(void **state)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_json_quote(&b, "a\"b\\\n"), TOPC_OK);
	assert_string_equal(topc_buf_str(&b), "\"a\\\"b\\\\\\n\"");
	topc_buf_release(&b);
	topc_buf_init(&b, 4);
	assert_int_equal(topc_json_quote(&b, "abcd"), TOPC_ERR_NOMEM);
	assert_string_equal(topc_buf_str(&b), "");
	topc_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pretty_like_python),
	    cmocka_unit_test(test_pretty_not_json_appended_unchanged),
	    cmocka_unit_test(test_pretty_past_cap_fails),
	    cmocka_unit_test(test_quote),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
