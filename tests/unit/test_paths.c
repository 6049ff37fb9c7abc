/* paths: where the configuration and the state go, as the XDG Base
 * Directory Specification says (an absolute $XDG_CONFIG_HOME or
 * $XDG_STATE_HOME, else ~/.config and ~/.local/state; "If
 * $XDG_..._HOME is either not set or empty, a default ... should be used";
 * "All paths set in these environment variables must be absolute. If an
 * implementation encounters a relative path ... it should consider the path
 * invalid and ignore it"). */
#include "test_header.h"

#include "base/paths.h"

static void expect_path(char *got, const char *want)
{
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void config_and_state(void **state)
{
	setenv("HOME", "/home/u", 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_STATE_HOME");
	expect_path(topc_path_config("profiles"), "/home/u/.config/topc/profiles");
	expect_path(topc_path_state("history.db"), "/home/u/.local/state/topc/history.db");
	expect_path(topc_path_config(NULL), "/home/u/.config/topc");
	expect_path(topc_path_state(NULL), "/home/u/.local/state/topc");

	setenv("XDG_CONFIG_HOME", "/xdg/config", 1);
	setenv("XDG_STATE_HOME", "/xdg/state", 1);
	expect_path(topc_path_config("topc.conf"), "/xdg/config/topc/topc.conf");
	expect_path(topc_path_state("drafts"), "/xdg/state/topc/drafts");

	/* relative or empty: ignored, the default used */
	setenv("XDG_CONFIG_HOME", "xdg/config", 1);
	setenv("XDG_STATE_HOME", "", 1);
	expect_path(topc_path_config("topc.conf"), "/home/u/.config/topc/topc.conf");
	expect_path(topc_path_state("drafts"), "/home/u/.local/state/topc/drafts");

	/* no home and no absolute variable: nowhere */
	unsetenv("HOME");
	expect_path(topc_path_config("topc.conf"), NULL);
	expect_path(topc_path_state("drafts"), NULL);
	setenv("HOME", "", 1);
	expect_path(topc_path_state("drafts"), NULL);
	setenv("XDG_STATE_HOME", "/s", 1);
	expect_path(topc_path_state("drafts"), "/s/topc/drafts");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(config_and_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
