/* Line editing by display cells: Chinese is two cells, the cursor never
 * lands inside a character, and the view scrolls to keep it visible. */
#include "test_header.h"

#include <locale.h>

#include "lineedit.h"

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void cells(void **state)
{
	(void)state;
	assert_int_equal(lineedit_cells("abc", 3), 3);
	assert_int_equal(lineedit_cells("标题", strlen("标题")), 4);
	assert_int_equal(lineedit_cells("a标b", strlen("a标b")), 4);
	assert_int_equal(lineedit_cells("\xff", 1), 4); /* shown as \xFF */
}

static void edit_in_the_middle(void **state)
{
	struct lineedit l;

	(void)state;
	lineedit_init(&l, "推送内容");
	assert_int_equal(l.cursor, strlen("推送内容"));
	lineedit_left(&l);
	lineedit_left(&l);
	assert_int_equal(l.cursor, strlen("推送"));
	lineedit_insert(&l, "新的", strlen("新的"));
	assert_string_equal(lineedit_text(&l), "推送新的内容");
	lineedit_backspace(&l);
	assert_string_equal(lineedit_text(&l), "推送新内容");
	lineedit_delete(&l);
	assert_string_equal(lineedit_text(&l), "推送新容");
	lineedit_home(&l);
	lineedit_right(&l);
	assert_int_equal(l.cursor, 3);		  /* one character, three bytes */
	lineedit_insert(&l, "a\tb\x1b[31mc", 10); /* control characters dropped */
	assert_string_equal(lineedit_text(&l), "推ab[31mc送新容");
	lineedit_kill_to_end(&l);
	assert_string_equal(lineedit_text(&l), "推ab[31mc");
	lineedit_kill_to_start(&l);
	assert_string_equal(lineedit_text(&l), "");
	lineedit_insert(&l, "x\xff\xfey", 4); /* invalid UTF-8 dropped */
	assert_string_equal(lineedit_text(&l), "xy");
	lineedit_release(&l);
}

static void view_scrolls_by_cells(void **state)
{
	struct lineedit l;
	size_t end;
	int col;

	(void)state;
	lineedit_init(&l, "一二三四五六七八九十");
	/* 20 cells of text, a 9-cell window, cursor at the end */
	col = lineedit_view(&l, 9, &end);
	assert_true(col <= 8);
	assert_int_equal(end, l.text.len);
	assert_int_equal(lineedit_cells(l.text.data + l.scroll, end - l.scroll), col);
	/* the scroll starts on a character boundary */
	assert_int_equal(l.scroll % 3, 0);
	lineedit_home(&l);
	col = lineedit_view(&l, 9, &end);
	assert_int_equal(col, 0);
	assert_int_equal(l.scroll, 0);
	assert_int_equal(end, 12); /* four characters (8 cells) fit in 9 */
	lineedit_release(&l);
}

static void paste_long_text(void **state)
{
	struct lineedit l;
	char big[20001];

	(void)state;
	memset(big, 'a', 20000);
	big[20000] = '\0';
	lineedit_init(&l, "");
	lineedit_insert(&l, big, 20000);
	assert_int_equal(l.text.len, 20000);
	assert_int_equal(l.cursor, 20000);
	lineedit_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cells),
	    cmocka_unit_test(edit_in_the_middle),
	    cmocka_unit_test(view_scrolls_by_cells),
	    cmocka_unit_test(paste_long_text),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
