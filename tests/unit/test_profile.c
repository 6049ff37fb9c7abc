/* Profiles: loading, refusals with file and line, secret sources. */
#include "test_header.h"

#include <sys/stat.h>
#include <unistd.h>

#include "profile.h"
#include "secret.h"

static char dir[256];

static const char *write_file(const char *name, mode_t mode, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
	return path;
}

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/topc-test-profile-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static void expect_refusal(const char *text, mode_t mode, const char *needle)
{
	struct topc_profile p;
	struct topc_error err = {0};
	const char *path = write_file("p.conf", mode, text);

	topc_profile_init(&p);
	assert_int_equal(topc_profile_load_file(path, &p, &err), TOPC_ERR_PROFILE);
	if (!strstr(err.msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, needle);
	assert_non_null(strstr(err.msg, path));
	topc_profile_release(&p);
}

static void expect_gateway_refusal(const char *gateway)
{
	struct topc_profile p;
	struct topc_error err = {0};
	char text[256];
	const char *path;

	snprintf(text, sizeof(text), "gateway = \"%s\";\napp_key = \"1\";\nsecret_env = \"X\";\n",
		 gateway);
	path = write_file("g.conf", 0600, text);
	topc_profile_init(&p);
	assert_int_equal(topc_profile_load_file(path, &p, &err), TOPC_OK);
	assert_int_equal(topc_profile_check_gateway(&p, &err), TOPC_ERR_PROFILE);
	if (!strstr(err.msg, "is not a URL") || !strstr(err.msg, path))
		fail_msg("message \"%s\" for %s", err.msg, gateway);
	topc_profile_release(&p);
}

static void test_loads_every_field(void **state)
{
	struct topc_profile p;
	struct topc_error err = {0};
	const char *path = write_file("full.conf", 0644,
		"gateway = \"https://gw.example.test/router/rest\";\n"
		"app_key = \"12345\";\nsecret_env = \"TOPC_TEST_SECRET\";\n"
		"session_file = \"/nonexistent\";\nsign_method = \"hmac-sha256\";\n"
		"format = \"xml\";\nsimplify = true;\npartner_id = \"p1\";\n"
		"target_app_key = \"t1\";\nconnect_timeout = 2.5;\ntimeout = 7;\n"
		"proxy = \"http://127.0.0.1:3128\";\nca_file = \"/etc/ca.pem\";\n"
		"tls_verify = false;\nmax_body = 2048;\nretries = 3;\nretry_delay = 0.25;\n");

	topc_profile_init(&p);
	assert_int_equal(topc_profile_load_file(path, &p, &err), TOPC_OK);
	assert_string_equal(p.name, "full");
	assert_string_equal(p.gateway, "https://gw.example.test/router/rest");
	assert_int_equal(topc_profile_check_gateway(&p, &err), TOPC_OK);
	assert_string_equal(p.app_key, "12345");
	assert_int_equal(p.secret.kind, TOPC_SOURCE_ENV);
	assert_string_equal(p.secret.ref, "TOPC_TEST_SECRET");
	assert_int_equal(p.session.kind, TOPC_SOURCE_FILE);
	assert_int_equal(p.sign_method, TOPC_SIGN_HMAC_SHA256);
	assert_int_equal(p.format, TOPC_FORMAT_XML);
	assert_true(p.simplify);
	assert_string_equal(p.partner_id, "p1");
	assert_string_equal(p.target_app_key, "t1");
	assert_int_equal(p.connect_timeout_ms, 2500);
	assert_int_equal(p.timeout_ms, 7000);
	assert_string_equal(p.proxy, "http://127.0.0.1:3128");
	assert_string_equal(p.ca_file, "/etc/ca.pem");
	assert_false(p.tls_verify);
	assert_int_equal(p.max_body, 2048);
	assert_int_equal(p.retries, 3);
	assert_int_equal(p.retry_delay_ms, 250);
	assert_false(topc_profile_is_local(&p));
	topc_profile_release(&p);
}

static void test_refusals(void **state)
{
	const char *base = "gateway = \"http://127.0.0.1:9/router/rest\";\napp_key = \"1\";\n";
	char text[512];

	snprintf(text, sizeof(text), "%ssecret_env = \"X\";\nsign_methd = \"md5\";\n", base);
	expect_refusal(text, 0644, ":4: sign_methd: unknown key; did you mean \"sign_method\"?");
	snprintf(text, sizeof(text), "%ssecret_env = \"X\";\nsign_method = \"sha1\";\n", base);
	expect_refusal(text, 0644, ":4: sign_method: must be \"md5\", \"hmac\" or \"hmac-sha256\"");
	snprintf(text, sizeof(text), "%ssign_method = \"md5\";\n", base);
	expect_refusal(text, 0644, "no secret source; add secret_env, secret_file or secret_cmd");
	snprintf(text, sizeof(text), "%ssecret_env = \"X\";\nsecret_file = \"/f\";\n", base);
	expect_refusal(text, 0644, ":4: secret_file: conflicts with secret_env");
	expect_refusal("gateway = \"gw.api.taobao.com\";\napp_key = \"1\";\nsecret_env = \"X\";\n",
		       0644, "is not a URL");
	snprintf(text, sizeof(text), "%ssecret_env = \"X\";\ntimeout = \"10\";\n", base);
	expect_refusal(text, 0644, ":4: timeout: must be a number of seconds");
	snprintf(text, sizeof(text), "%ssecret_env = \"X\";\ntimeout = ;\n", base);
	expect_refusal(text, 0644, ":4: syntax error");
	snprintf(text, sizeof(text), "%ssecret_env = \"X\";\nretries = 11;\n", base);
	expect_refusal(text, 0644, ":4: retries: must be a whole number from 0 to 10");
	expect_refusal("gateway = \"https://\";\napp_key = \"1\";\nsecret_env = \"X\";\n", 0644,
		       "gateway \"https://\" is not a URL");
	expect_refusal("gateway = \"http:///router\";\napp_key = \"1\";\nsecret_env = \"X\";\n",
		       0644, "is not a URL");
	/* the shape passes loading; libcurl's parse, before any send, does not */
	expect_gateway_refusal("http://[::1/router");
	expect_gateway_refusal("http://exa mple.test/router/rest");
	/* An inline secret for a remote gateway in a file others can read. */
	expect_refusal("gateway = \"https://gw.api.taobao.com/router/rest\";\napp_key = \"1\";\n"
		       "secret = \"hunter2\";\n",
		       0644, ":3: holds a secret inline but others can read the file; run chmod 600");
}

static void test_inline_secret_private_file(void **state)
{
	struct topc_profile p;
	struct topc_error err = {0};
	struct topc_buf s;
	const char *path = write_file("private.conf", 0600,
		"gateway = \"https://gw.api.taobao.com/router/rest\";\napp_key = \"1\";\n"
		"secret = \"hunter2\";\n");

	topc_profile_init(&p);
	topc_buf_init(&s, 0);
	assert_int_equal(topc_profile_load_file(path, &p, &err), TOPC_OK);
	assert_int_equal(topc_profile_secret(&p, "secret", &s, &err), TOPC_OK);
	assert_string_equal(topc_buf_str(&s), "hunter2");
	topc_secret_wipe(&s);
	/* No session source: an empty session, not an error. */
	assert_int_equal(topc_profile_secret(&p, "session", &s, &err), TOPC_OK);
	assert_int_equal(s.len, 0);
	topc_secret_wipe(&s);
	topc_profile_release(&p);
}

static void test_secret_sources(void **state)
{
	struct topc_error err = {0};
	struct topc_buf s;
	const char *path;

	topc_buf_init(&s, 0);
	setenv("TOPC_TEST_SECRET", "from-env\n", 1);
	assert_int_equal(topc_secret_read(TOPC_SOURCE_ENV, "TOPC_TEST_SECRET", &s, &err), TOPC_OK);
	assert_string_equal(topc_buf_str(&s), "from-env");
	topc_secret_wipe(&s);

	unsetenv("TOPC_TEST_UNSET");
	assert_int_equal(topc_secret_read(TOPC_SOURCE_ENV, "TOPC_TEST_UNSET", &s, &err),
			 TOPC_ERR_SECRET);
	assert_non_null(strstr(err.msg, "TOPC_TEST_UNSET is not set"));
	topc_secret_wipe(&s);

	path = write_file("secret.txt", 0600, "from-file\n");
	assert_int_equal(topc_secret_read(TOPC_SOURCE_FILE, path, &s, &err), TOPC_OK);
	assert_string_equal(topc_buf_str(&s), "from-file");
	topc_secret_wipe(&s);

	path = write_file("open-secret.txt", 0644, "leaky-value\n");
	assert_int_equal(topc_secret_read(TOPC_SOURCE_FILE, path, &s, &err), TOPC_ERR_SECRET);
	assert_non_null(strstr(err.msg, "readable by others; run chmod 600"));
	assert_null(strstr(err.msg, "leaky-value"));
	topc_secret_wipe(&s);

	assert_int_equal(topc_secret_read(TOPC_SOURCE_CMD, "printf from-cmd", &s, &err), TOPC_OK);
	assert_string_equal(topc_buf_str(&s), "from-cmd");
	topc_secret_wipe(&s);

	assert_int_equal(topc_secret_read(TOPC_SOURCE_CMD, "echo cmd-secret; exit 3", &s, &err),
			 TOPC_ERR_SECRET);
	assert_non_null(strstr(err.msg, "exit status 3"));
	topc_secret_wipe(&s);
}

static void test_user_profile_wins(void **state)
{
	char user[300], shipped[300];
	struct topc_profile p;
	struct topc_error err = {0};

	snprintf(user, sizeof(user), "%s/xdg/topc/profiles", dir);
	snprintf(shipped, sizeof(shipped), "%s/data/profiles", dir);
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s' '%s'", user, shipped);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/xdg", dir);
	setenv("XDG_CONFIG_HOME", cmd, 1);
	snprintf(cmd, sizeof(cmd), "%s/data", dir);
	setenv("TOPC_DATADIR", cmd, 1);
	write_file("data/profiles/dup.conf", 0644,
		   "gateway = \"builtin\";\napp_key = \"shipped\";\nsecret = \"x\";\n");
	write_file("xdg/topc/profiles/dup.conf", 0644,
		   "gateway = \"builtin\";\napp_key = \"user\";\nsecret = \"x\";\n");
	topc_profile_init(&p);
	assert_int_equal(topc_profile_load("dup", &p, &err), TOPC_OK);
	assert_string_equal(p.app_key, "user");
	assert_true(topc_profile_is_builtin(&p));
	topc_profile_release(&p);
	assert_int_equal(topc_profile_load("nope", &p, &err), TOPC_ERR_PROFILE);
	assert_non_null(strstr(err.msg, "no profile \"nope\""));
	assert_int_equal(topc_profile_load("../etc/passwd", &p, &err), TOPC_ERR_PROFILE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads_every_field),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_inline_secret_private_file),
		cmocka_unit_test(test_secret_sources),
		cmocka_unit_test(test_user_profile_wins),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
