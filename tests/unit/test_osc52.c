/* OSC 52: the bytes a terminal gets, against Python's base64. */
#include "test_header.h"

#include "osc52.h"

static void test_plain_sequence(void **state)
{
	struct topc_buf out;
	struct topc_error err = {0};

	(void)state;
	topc_buf_init(&out, 0);
	/* python3 -c 'import base64;print(base64.b64encode("请求 id\n".encode()))' */
	assert_int_equal(osc52_encode("\xe8\xaf\xb7\xe6\xb1\x82 id\n", 10, false, 0, &out, &err),
			 TOPC_OK);
	assert_string_equal(out.data, "\033]52;c;6K+35rGCIGlkCg==\a");
	topc_buf_reset(&out);
	assert_int_equal(osc52_encode("ab", 2, false, 0, &out, &err), TOPC_OK);
	assert_string_equal(out.data, "\033]52;c;YWI=\a");
	topc_buf_reset(&out);
	/* an escape in the text travels as base64, never raw */
	assert_int_equal(osc52_encode("\033]0;x\a", 6, false, 0, &out, &err), TOPC_OK);
	assert_string_equal(out.data, "\033]52;c;G10wO3gH\a");
	topc_buf_release(&out);
}

static void test_tmux_passthrough(void **state)
{
	struct topc_buf out;
	struct topc_error err = {0};

	(void)state;
	topc_buf_init(&out, 0);
	assert_int_equal(osc52_encode("abc", 3, true, 0, &out, &err), TOPC_OK);
	assert_string_equal(out.data, "\033]52;c;YWJj\a"
				      "\033Ptmux;\033\033]52;c;YWJj\a\033\\");
	topc_buf_release(&out);
}

static void test_size_limit(void **state)
{
	struct topc_buf out;
	struct topc_error err = {0};
	char *big = malloc(OSC52_MAX_TEXT + 1);

	(void)state;
	memset(big, 'x', OSC52_MAX_TEXT + 1);
	topc_buf_init(&out, 0);
	assert_int_equal(osc52_encode(big, OSC52_MAX_TEXT, false, 0, &out, &err), TOPC_OK);
	/* the payload at the limit is exactly the terminals' 100,000 bytes */
	assert_int_equal(out.len, strlen("\033]52;c;") + OSC52_MAX_BASE64 + 1);
	topc_buf_reset(&out);
	assert_int_equal(osc52_encode(big, OSC52_MAX_TEXT + 1, false, 0, &out, &err),
			 TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "75001 bytes are too many"));
	assert_int_equal(out.len, 0);
	assert_int_equal(osc52_encode(big, 11, false, 10, &out, &err), TOPC_ERR_INPUT);
	topc_buf_release(&out);
	free(big);
}

static void test_in_tmux(void **state)
{
	(void)state;
	setenv("TMUX", "/tmp/tmux-0/default,1,0", 1);
	assert_true(osc52_in_tmux());
	setenv("TMUX", "", 1);
	assert_false(osc52_in_tmux());
	unsetenv("TMUX");
	assert_false(osc52_in_tmux());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_sequence),
	    cmocka_unit_test(test_tmux_passthrough),
	    cmocka_unit_test(test_size_limit),
	    cmocka_unit_test(test_in_tmux),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
