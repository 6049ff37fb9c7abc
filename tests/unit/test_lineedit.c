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

/* Each character measured as draw_text draws it (lineedit.h): the cells of
 * what the screen shows, "  " for a tab, "\\xNN" for a byte, "\\u202E" for a
 * bidi control, "?" for what the terminal cannot show. */
static void cells_as_drawn(void **state)
{
	static const struct {
		const char *s;
		size_t bytes;
		int cells;
		enum lineedit_form form;
	} cases[] = {
	    {"\t", 1, 2, LINEEDIT_TAB},		    /* two spaces, as topc indents */
	    {"\x1b", 1, 4, LINEEDIT_BYTE},	    /* \x1B */
	    {"\x7f", 1, 4, LINEEDIT_BYTE},	    /* \x7F */
	    {"\xc3", 1, 4, LINEEDIT_BYTE},	    /* a lead byte alone: \xC3 */
	    {"\xc2\x85", 2, 6, LINEEDIT_CODE},	    /* C1 NEL: \u0085 */
	    {"\xe2\x80\xae", 3, 6, LINEEDIT_CODE},  /* U+202E: \u202E */
	    {"\xe2\x80\x8b", 3, 6, LINEEDIT_CODE},  /* U+200B: \u200B */
	    {"\xef\xbb\xbf", 3, 6, LINEEDIT_CODE},  /* the BOM: \uFEFF */
	    {"\xcc\x81", 2, 0, LINEEDIT_AS_IS},	    /* a combining acute: on the letter */
	    {"\xe5\x80\xbc", 3, 2, LINEEDIT_AS_IS}, /* 值 */
	    {"a", 1, 1, LINEEDIT_AS_IS},
	};
	struct lineedit_char c;
	int n;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lineedit_char_read(cases[i].s, strlen(cases[i].s), &c);
		assert_int_equal(c.bytes, cases[i].bytes);
		assert_int_equal(c.cells, cases[i].cells);
		assert_int_equal(c.form, cases[i].form);
		assert_int_equal(lineedit_utf8_char(cases[i].s, strlen(cases[i].s), &n),
				 cases[i].bytes);
		assert_int_equal(n, cases[i].cells);
	}
	/* "a  b" on screen: the tab counted as the two cells drawn, not wcwidth's -1 */
	assert_int_equal(lineedit_cells("a\tb", 3), 4);
	lineedit_char_read("", 0, &c);
	assert_int_equal(c.bytes, 0);
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
	    cmocka_unit_test(cells_as_drawn),
	    cmocka_unit_test(edit_in_the_middle),
	    cmocka_unit_test(view_scrolls_by_cells),
	    cmocka_unit_test(paste_long_text),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
