/* mask: every spelling of a secret in an answer becomes its label, URL
 * passwords are shown as ***.  The spellings expected here are what
 * Python's json.dumps, urllib.parse.quote and base64 write. */
#include "test_header.h"

#include "base/mask.h"

static char *masked(const struct topc_mask *m, const char *text)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_buf_adds(&b, text), TOPC_OK);
	assert_int_equal(topc_mask_apply(m, &b), TOPC_OK);
	return topc_buf_detach(&b, NULL);
}

static void expect_masked(const struct topc_mask *m, const char *text, const char *want)
{
	char *got = masked(m, text);

	assert_string_equal(got, want);
	free(got);
}

static void test_mask_every_spelling(void **state)
{
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "k/+\xe7\xa7\x98\"x", "<secret>"));
	/* json.dumps (ASCII), json.dumps(ensure_ascii=False), quote(safe=""),
	 * PHP's "\/", XML's &quot; */
	expect_masked(&m, "{\"a\":\"k/+\\u79d8\\\"x\"}", "{\"a\":\"<secret>\"}");
	expect_masked(&m, "{\"a\":\"k/+\xe7\xa7\x98\\\"x\"}", "{\"a\":\"<secret>\"}");
	expect_masked(&m, "s=k%2F%2B%E7%A7%98%22x&b=1", "s=<secret>&b=1");
	expect_masked(&m, "k\\/+\\u79D8\\\"x", "<secret>");
	expect_masked(&m, "<a>k/+\xe7\xa7\x98&quot;x</a>", "<a><secret></a>");
	expect_masked(&m, "k/+\xe7\xa7\x98\"xk/+\xe7\xa7\x98\"x", "<secret><secret>");
	expect_masked(&m, "k/+\xe7\xa7\x98\"", "k/+\xe7\xa7\x98\""); /* a prefix is not it */
	(void)state;
}

static void test_mask_longest_first_and_short_values(void **state)
{
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "abcd", "<a>"));
	assert_true(topc_mask_add_secret(&m, "abcdef", "<b>"));
	assert_true(topc_mask_add_secret(&m, "xyz", "<c>")); /* under TOPC_MASK_MIN */
	expect_masked(&m, "abcdefabcd xyz", "<b><a> xyz");
	expect_masked(&m, "", "");
	(void)state;
}

static void test_mask_basic_and_url(void **state)
{
	struct topc_mask m;
	char *u;

	topc_mask_init(&m);
	assert_true(topc_mask_add_url(&m, "http://guser:p%40ss@127.0.0.1:9/r", "***"));
	/* base64(b"guser:p@ss"), the decoded password, and as written */
	expect_masked(&m, "Authorization: Basic Z3VzZXI6cEBzcw==", "Authorization: Basic ***");
	expect_masked(&m, "pw p@ss p%40ss", "pw *** ***");
	u = topc_mask_url("http://guser:p%40ss@127.0.0.1:9/r?x=a@b");
	assert_string_equal(u, "http://guser:***@127.0.0.1:9/r?x=a@b");
	free(u);
	u = topc_mask_url("puser:pw@proxy:3128");
	assert_string_equal(u, "puser:***@proxy:3128");
	free(u);
	/* no password: nothing to mask, the user name stays visible */
	u = topc_mask_url("http://127.0.0.1@gw.api.taobao.com/router/rest");
	assert_string_equal(u, "http://127.0.0.1@gw.api.taobao.com/router/rest");
	free(u);
	u = topc_mask_url("https://gw.api.taobao.com/router/rest?a=b:c@d");
	assert_string_equal(u, "https://gw.api.taobao.com/router/rest?a=b:c@d");
	free(u);
	(void)state;
}

static void test_mask_fixed_string_and_cap(void **state)
{
	struct topc_mask m;
	char s[16] = "id ab12cd34 end";
	struct topc_buf b;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "ab12cd34", "<session>"));
	topc_mask_apply_str(&m, s, sizeof(s));
	assert_string_equal(s, "id <session> en"); /* cut, never unmasked */
	/* a label longer than the value may pass the buffer's cap */
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "qq12", "<a-much-longer-label>"));
	topc_buf_init(&b, 8);
	assert_int_equal(topc_buf_adds(&b, "qq12"), TOPC_OK);
	assert_int_equal(topc_mask_apply(&m, &b), TOPC_OK);
	assert_string_equal(topc_buf_str(&b), "<a-much-longer-label>");
	topc_buf_release(&b);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mask_every_spelling),
	    cmocka_unit_test(test_mask_longest_first_and_short_values),
	    cmocka_unit_test(test_mask_basic_and_url),
	    cmocka_unit_test(test_mask_fixed_string_and_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
