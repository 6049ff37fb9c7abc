/* Request building: system parameters, signing, body, masking. */
#include "test_header.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "send/request.h"

static char path[256];

static int setup(void **state)
{
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/topc-test-request-%d.conf", (int)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	/* The published example's settings (TOP_PROTOCOL.md 3.4). */
	fputs("gateway = \"http://127.0.0.1:9/router/rest\";\napp_key = \"12345678\";\n"
	      "secret_env = \"TOPC_TEST_SECRET\";\nsession_env = \"TOPC_TEST_SESSION\";\n"
	      "sign_method = \"md5\";\nformat = \"json\";\n"
	      /* the published example sends no partner_id; "" leaves topc's out */
	      "partner_id = \"\";\n",
	      f);
	fclose(f);
	setenv("TOPC_TEST_SECRET", "helloworld", 1);
	setenv("TOPC_TEST_SESSION", "test", 1);
	return 0;
}

static int teardown(void **state)
{
	return unlink(path);
}

/* 2016-01-01 12:00:00 GMT+8 */
static const int64_t example_ms = 1451620800000LL;

static void build(struct topc_request *r, struct topc_params *business, enum topc_status want,
		  struct topc_error *err)
{
	struct topc_profile p;

	topc_profile_init(&p);
	assert_int_equal(topc_profile_load_file(path, &p, err), TOPC_OK);
	topc_request_init(r);
	assert_int_equal(topc_request_build(r, &p, p.gateway, "taobao.item.seller.get", business,
					    example_ms, err),
			 want);
	topc_profile_release(&p);
}

static void test_published_example_end_to_end(void **state)
{
	struct topc_request r;
	struct topc_params b;
	struct topc_error err = {0};

	topc_params_init(&b);
	topc_params_set(&b, "fields", "num_iid,title,nick,price,num");
	topc_params_set(&b, "num_iid", "11223344");
	setenv("TZ", "America/New_York", 1);
	tzset();
	build(&r, &b, TOPC_OK, &err);
	assert_string_equal(topc_params_get(&r.params, "timestamp"), "2016-01-01 12:00:00");
	assert_string_equal(r.signature, "66987CB115214E59E6EC978214934FB8");
	assert_string_equal(topc_params_get(&r.params, "sign"), "66987CB115214E59E6EC978214934FB8");
	/* Empty system parameters (simplify, partner_id...) are not sent. */
	assert_null(strstr(topc_buf_str(&r.body), "simplify"));
	assert_non_null(strstr(topc_buf_str(&r.body), "timestamp=2016-01-01%2012%3A00%3A00"));
	assert_non_null(strstr(topc_buf_str(&r.body), "session=test"));
	topc_request_release(&r);
	topc_params_release(&b);
}

static void test_dry_run_masks_session(void **state)
{
	struct topc_request r;
	struct topc_error err = {0};
	struct topc_buf http;

	build(&r, NULL, TOPC_OK, &err);
	topc_buf_init(&http, 0);
	assert_int_equal(topc_request_write_http(&r, false, &http, &err), TOPC_OK);
	{
		const char *head = "POST /router/rest HTTP/1.1\r\nHost: 127.0.0.1:9\r\n";
		assert_int_equal(strncmp(topc_buf_str(&http), head, strlen(head)), 0);
	}
	assert_non_null(
	    strstr(topc_buf_str(&http),
		   "Content-Type: application/x-www-form-urlencoded;charset=utf-8\r\n"));
	assert_non_null(strstr(topc_buf_str(&http), "\r\n\r\n"));
	assert_non_null(strstr(topc_buf_str(&http), "session=%3Csession%3E"));
	assert_null(strstr(topc_buf_str(&http), "session=test"));
	assert_null(strstr(topc_buf_str(&http), "helloworld"));
	topc_buf_reset(&http);
	assert_int_equal(topc_request_write_http(&r, true, &http, &err), TOPC_OK);
	assert_non_null(strstr(topc_buf_str(&http), "session=test"));
	topc_buf_release(&http);
	topc_request_release(&r);
}

static void test_overrides_and_refusals(void **state)
{
	struct topc_request r;
	struct topc_params b;
	struct topc_error err = {0};

	topc_params_init(&b);
	topc_params_set(&b, "v", "");
	topc_params_set(&b, "sign_method", "hmac");
	build(&r, &b, TOPC_OK, &err);
	assert_int_equal(r.sign_method, TOPC_SIGN_HMAC);
	assert_null(strstr(topc_buf_str(&r.body), "v=2.0"));
	assert_int_equal(strlen(r.signature), 32);
	topc_request_release(&r);

	topc_params_set(&b, "sign", "ABC");
	build(&r, &b, TOPC_ERR_INPUT, &err);
	assert_non_null(strstr(err.msg, "sign cannot be set by hand"));
	topc_request_release(&r);
	topc_params_remove(&b, "sign");
	topc_params_set(&b, "session", "other");
	build(&r, &b, TOPC_ERR_INPUT, &err);
	assert_non_null(strstr(err.msg, "session cannot be set by hand"));
	topc_request_release(&r);
	topc_params_release(&b);
}

static void test_missing_secret_named(void **state)
{
	struct topc_request r;
	struct topc_error err = {0};

	unsetenv("TOPC_TEST_SECRET");
	build(&r, NULL, TOPC_ERR_SECRET, &err);
	assert_non_null(strstr(err.msg, "TOPC_TEST_SECRET is not set"));
	topc_request_release(&r);
	setenv("TOPC_TEST_SECRET", "helloworld", 1);
}

static void test_json_like_values_checked(void **state)
{
	struct topc_params b;
	struct topc_error err = {0};

	topc_params_init(&b);
	topc_params_set(&b, "title", "{not json but a title?");
	assert_int_equal(topc_request_check_json_like(&b, &err), TOPC_ERR_INPUT);
	{
		/* cJSON stops at the first or second byte of the bad token. */
		const char *at = strstr(err.msg, "parameter title: not valid JSON at byte ");
		assert_non_null(at);
		assert_in_range(
		    strtol(at + strlen("parameter title: not valid JSON at byte "), NULL, 10), 1,
		    2);
	}
	topc_params_set(&b, "title", "plain text");
	topc_params_set(&b, "push_content_dto", "{\"title\":\"标题\",\"n\":1526984087476772}");
	topc_params_set(&b, "list", "[1,2]");
	assert_int_equal(topc_request_check_json_like(&b, &err), TOPC_OK);
	topc_params_set(&b, "list", "[1,2] trailing");
	assert_int_equal(topc_request_check_json_like(&b, &err), TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "parameter list: not valid JSON at byte 6"));
	topc_params_release(&b);
}

/* The one method check of send, replay and the console: the first list
 * with a method= wins, method=METHOD is METHOD, and --any-method lets
 * anything through while still naming the override. */
static void test_method_check(void **state)
{
	struct topc_params a, b;
	const struct topc_params *given[] = {&a, &b};
	struct topc_error err = {0};
	const char *wire = "unset";

	(void)state;
	topc_params_init(&a);
	topc_params_init(&b);
	assert_int_equal(topc_request_check_method("taobao.a.b", given, 2, false, &wire, &err),
			 TOPC_OK);
	assert_null(wire);
	assert_int_equal(topc_request_check_method("Taobao.A", given, 2, false, &wire, &err),
			 TOPC_ERR_USAGE);
	assert_non_null(strstr(err.msg, "method \"Taobao.A\" is not a TOP API name"));
	assert_non_null(strstr(err.msg, "--any-method"));
	assert_int_equal(topc_request_check_method(NULL, given, 2, false, &wire, &err),
			 TOPC_ERR_USAGE);
	assert_int_equal(topc_params_set(&b, "method", "taobao.a.b"), TOPC_OK);
	assert_int_equal(topc_request_check_method("taobao.a.b", given, 2, false, &wire, &err),
			 TOPC_OK);
	assert_null(wire);
	assert_int_equal(topc_params_set(&a, "method", "taobao.c.d"), TOPC_OK);
	assert_int_equal(topc_request_check_method("taobao.a.b", given, 2, false, &wire, &err),
			 TOPC_ERR_USAGE);
	assert_non_null(strstr(err.msg, "another API than taobao.a.b"));
	assert_int_equal(topc_request_check_method("taobao.a.b", given, 2, true, &wire, &err),
			 TOPC_OK);
	assert_string_equal(wire, "taobao.c.d");
	assert_int_equal(topc_params_set(&a, "method", ""), TOPC_OK);
	assert_int_equal(topc_request_check_method("taobao.a.b", given, 2, false, &wire, &err),
			 TOPC_ERR_USAGE);
	assert_non_null(strstr(err.msg, "method \"\" is not a TOP API name"));
	topc_params_release(&a);
	topc_params_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_published_example_end_to_end),
	    cmocka_unit_test(test_dry_run_masks_session),
	    cmocka_unit_test(test_overrides_and_refusals),
	    cmocka_unit_test(test_missing_secret_named),
	    cmocka_unit_test(test_json_like_values_checked),
	    cmocka_unit_test(test_method_check),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
