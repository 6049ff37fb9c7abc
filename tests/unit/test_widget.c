/* The widgets the console's views share (widget.c), without a screen:
 * the smart-case find every filter and search uses, and the choices list
 * a picker fills when memory runs out (strdup made to fail). */
#include "test_header.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"

char *__real_strdup(const char *s);
char *__wrap_strdup(const char *s);

static int fail_strdup; /* the calls to fail from now: 0 none */

char *__wrap_strdup(const char *s)
{
	if (fail_strdup > 0) {
		fail_strdup--;
		return NULL;
	}
	return __real_strdup(s);
}

static void find_in_smart_case(void **state)
{
	const char *s = "taobao.jym.Message.send";

	(void)state;
	assert_ptr_equal(tui_find(s, strlen(s), "message"), s + 11); /* lower: any case */
	assert_ptr_equal(tui_find(s, strlen(s), "Message"), s + 11);
	assert_null(tui_find(s, strlen(s), "MESSAGE")); /* a capital: exactly */
	assert_null(tui_find(s, strlen(s), "mESSAGE"));
	assert_ptr_equal(tui_find(s, strlen(s), "jym"), s + 7);
	assert_null(tui_find(s, strlen(s), ""));
	assert_null(tui_find(s, 10, "jym.m")); /* only within len */
	assert_ptr_equal(tui_find(s, 11, "jym."), s + 7);
	assert_ptr_equal(tui_find("标题 Title", strlen("标题 Title"), "title"), "标题 Title" + 7);
}

/* A choice whose copy fails is not counted: the list holds no NULL for a
 * picker to draw or filter, and the ones before it stay. */
static void a_choice_not_copied_is_not_counted(void **state)
{
	struct choices c = {0};

	(void)state;
	assert_true(choices_add(&c, "con"));
	fail_strdup = 1;
	assert_false(choices_add(&c, "con2"));
	assert_int_equal(c.count, 1);
	assert_true(choices_add(&c, "conslow"));
	assert_int_equal(c.count, 2);
	for (size_t i = 0; i < c.count; i++)
		assert_non_null(c.items[i]);
	assert_string_equal(c.items[1], "conslow");
	choices_clear(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(find_in_smart_case),
	    cmocka_unit_test(a_choice_not_copied_is_not_counted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
