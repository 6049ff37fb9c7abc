/* Hostile input and faults (issue 12): each test reproduces one finding of
 * an attack on topc and failed before its fix.  The crashes show under the
 * ASan+UBSan build, which runs this file too. */
#include "test_header.h"

#include "form/form.h"
#include "form/form_import.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(import_trailing_array_type),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
