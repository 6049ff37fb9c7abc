/* Hostile input and faults (issue 12): each test reproduces one finding of
 * an attack on topc and failed before its fix.  The crashes show under the
 * ASan+UBSan build, which runs this file too. */
#include "test_header.h"

#include <limits.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/number.h"
#include "ext/json.h"
#include "ext/xmltree.h"
#include "form/form.h"
#include "form/form_import.h"
#include "gateway/gateway.h"
#include "history/history.h"
#include "form/form_read.h"

static char *read_shipped(const char *rel)
{
	char path[1024];
	struct topc_buf b;
	struct topc_error err = {0};

	snprintf(path, sizeof(path), "%s/%s", getenv("TOPC_DATADIR"), rel);
	topc_buf_init(&b, 1 << 22);
	if (topc_file_read(path, 1 << 22, &b, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
	return topc_buf_detach(&b, NULL);
}

/* The 78-byte page: a row whose type ends with " []" and nothing after it
 * made the importer step past the end of the row. */
static void import_trailing_array_type(void **state)
{
	static const char page[] =
	    ". ()\n请求参数\n名称 类型 是否必须\nm S []\n响应参数\n名称 类型";
	struct topc_form f;
	struct topc_error err = {0};

	(void)state;
	assert_int_equal(strlen(page), 78);
	assert_int_not_equal(topc_form_import(page, "page.txt", &f, &err), TOPC_OK);
	assert_non_null(strstr(err.msg, "page.txt:4"));
}

/* A response field that is a list of structures, with fields and no
 * example, crashed both renderers: the shipped jym form with its result
 * turned into "ResultDto []". */
static void gateway_renders_list_of_structures(void **state)
{
	char *text = read_shipped("forms/taobao.jym.message.apppush.send.conf");
	char *at = strstr(text, "type = \"ResultDto\"");
	struct topc_form form;
	struct topc_error err = {0};
	struct topc_gateway_verdict v = {.code = 0};
	struct topc_buf out;
	struct topc_tree tree;

	(void)state;
	assert_non_null(at);
	{
		struct topc_buf changed;
		topc_buf_init(&changed, 0);
		assert_int_equal(topc_buf_add(&changed, text, (size_t)(at - text)), TOPC_OK);
		assert_int_equal(topc_buf_adds(&changed, "type = \"ResultDto []\""), TOPC_OK);
		assert_int_equal(topc_buf_adds(&changed, at + strlen("type = \"ResultDto\"")),
				 TOPC_OK);
		free(text);
		text = topc_buf_detach(&changed, NULL);
	}
	if (topc_form_load_string(text, "jym.conf", &form, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
	v.form = &form;
	v.format = TOPC_FORMAT_JSON;
	topc_buf_init(&out, 0);
	assert_int_equal(topc_gateway_render(&v, form.method, "abc", &out), TOPC_OK);
	assert_true(topc_json_valid(out.data, out.len, NULL));
	/* TOP nests lists as {"name":{"item_name":[...]}} (TOP_PROTOCOL 4.4) */
	assert_non_null(strstr(out.data, "\"result\":{\"result_dto\":[{\"result\":true,"));
	topc_buf_reset(&out);
	v.format = TOPC_FORMAT_XML;
	assert_int_equal(topc_gateway_render(&v, form.method, "abc", &out), TOPC_OK);
	memset(&tree, 0, sizeof(tree));
	assert_true(topc_xml_tree(out.data, out.len, &tree));
	topc_tree_release(&tree);
	assert_non_null(
	    strstr(out.data, "<result list=\"true\"><result_dto><result>true</result>"));
	topc_buf_release(&out);
	topc_form_release(&form);
	free(text);
}

/* strtoll alone took "42abc" as 42 and clamped overflows. */
static void numbers_are_whole(void **state)
{
	static const char *const bad[] = {"",
					  "-",
					  "42abc",
					  " 42",
					  "+42",
					  "4 2",
					  "0x10",
					  "9223372036854775808",
					  "-9223372036854775809"};
	long long v = 7;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (topc_number_parse(bad[i], LLONG_MIN, LLONG_MAX, &v))
			fail_msg("\"%s\" taken as %lld", bad[i], v);
	assert_int_equal(v, 7);
	assert_true(topc_number_parse("9223372036854775807", 0, LLONG_MAX, &v));
	assert_true(v == LLONG_MAX);
	assert_true(topc_number_parse("-12", -12, 0, &v));
	assert_int_equal(v, -12);
	assert_false(topc_number_parse("13", 0, 12, &v));
}

/* "99999999999999999d" overflowed a signed multiplication (UBSan). */
static void since_far_back(void **state)
{
	const int64_t now = 1764547200000LL; /* 2025-12-01 */
	int64_t since = -1;

	(void)state;
	assert_true(topc_history_parse_since("99999999999999999d", now, &since));
	assert_true(since == 0);
	assert_true(topc_history_parse_since("2d", now, &since));
	assert_true(since == now - 2 * 86400000LL);
	assert_false(topc_history_parse_since("99999999999999999999d", now, &since));
	assert_false(topc_history_parse_since("-2d", now, &since));
	assert_false(topc_history_parse_since("2dd", now, &since));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(import_trailing_array_type),
	    cmocka_unit_test(gateway_renders_list_of_structures),
	    cmocka_unit_test(numbers_are_whole),
	    cmocka_unit_test(since_far_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
