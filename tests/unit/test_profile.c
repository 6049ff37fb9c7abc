/* Profiles: loading, refusals with file and line, secret sources. */
#include "test_header.h"

#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "profile/profile.h"
#include "profile/profile_edit.h"
#include "top/secret.h"

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
	const char *path = write_file(
	    "full.conf", 0644,
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

/* Profiles refused as they are read: a loopback gateway and an app_key
 * (lines 1 and 2), then the rest; what the message says. */
static const struct {
	const char *rest, *says;
} refusals[] = {
    {"secret_env = \"X\";\nsign_methd = \"md5\";\n",
     ":4: sign_methd: unknown key; did you mean \"sign_method\"?"},
    {"secret_env = \"X\";\nsign_method = \"sha1\";\n",
     ":4: sign_method: must be \"md5\", \"hmac\" or \"hmac-sha256\""},
    {"sign_method = \"md5\";\n", "no secret source; add secret_env, secret_file or secret_cmd"},
    {"secret_env = \"X\";\nsecret_file = \"/f\";\n", ":4: secret_file: conflicts with secret_env"},
    {"secret_env = \"X\";\ntimeout = \"10\";\n", ":4: timeout: must be a number of seconds"},
    {"secret_env = \"X\";\ntimeout = ;\n", ":4: syntax error"},
    {"secret_env = \"X\";\nretries = 11;\n", ":4: retries: must be a whole number from 0 to 10"},
};

/* Gateways refused as they are read, with an app_key and a secret. */
static const struct {
	const char *gateway, *says;
} bad_gateways[] = {
    {"gw.api.taobao.com", "is not a URL"},
    {"https://", "gateway \"https://\" is not a URL"},
    {"http:///router", "is not a URL"},
};

static void test_refusals(void **state)
{
	char text[512];

	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		snprintf(text, sizeof(text),
			 "gateway = \"http://127.0.0.1:9/router/rest\";\napp_key = \"1\";\n%s",
			 refusals[i].rest);
		expect_refusal(text, 0644, refusals[i].says);
	}
	for (size_t i = 0; i < sizeof(bad_gateways) / sizeof(bad_gateways[0]); i++) {
		snprintf(text, sizeof(text),
			 "gateway = \"%s\";\napp_key = \"1\";\nsecret_env = \"X\";\n",
			 bad_gateways[i].gateway);
		expect_refusal(text, 0644, bad_gateways[i].says);
	}
	/* the shape passes loading; libcurl's parse, before any send, does not */
	expect_gateway_refusal("http://[::1/router");
	expect_gateway_refusal("http://exa mple.test/router/rest");
	/* An inline secret for a remote gateway in a file others can read. */
	expect_refusal("gateway = \"https://gw.api.taobao.com/router/rest\";\napp_key = \"1\";\n"
		       "secret = \"hunter2\";\n",
		       0644,
		       ":3: holds a secret inline but others can read the file; run chmod 600");
}

static void test_inline_secret_private_file(void **state)
{
	struct topc_profile p;
	struct topc_error err = {0};
	struct topc_buf s;
	const char *path =
	    write_file("private.conf", 0600,
		       "gateway = \"https://gw.api.taobao.com/router/rest\";\napp_key = \"1\";\n"
		       "secret = \"hunter2\";\n");

	topc_profile_init(&p);
	topc_buf_init(&s, 0);
	assert_int_equal(topc_profile_load_file(path, &p, &err), TOPC_OK);
	assert_int_equal(topc_profile_secret(&p, "secret", &s, &err), TOPC_OK);
	assert_string_equal(topc_buf_str(&s), "hunter2");
	topc_buf_wipe(&s);
	/* No session source: an empty session, not an error. */
	assert_int_equal(topc_profile_secret(&p, "session", &s, &err), TOPC_OK);
	assert_int_equal(s.len, 0);
	topc_buf_wipe(&s);
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
	topc_buf_wipe(&s);

	unsetenv("TOPC_TEST_UNSET");
	assert_int_equal(topc_secret_read(TOPC_SOURCE_ENV, "TOPC_TEST_UNSET", &s, &err),
			 TOPC_ERR_SECRET);
	assert_non_null(strstr(err.msg, "TOPC_TEST_UNSET is not set"));
	topc_buf_wipe(&s);

	path = write_file("secret.txt", 0600, "from-file\n");
	assert_int_equal(topc_secret_read(TOPC_SOURCE_FILE, path, &s, &err), TOPC_OK);
	assert_string_equal(topc_buf_str(&s), "from-file");
	topc_buf_wipe(&s);

	path = write_file("open-secret.txt", 0644, "leaky-value\n");
	assert_int_equal(topc_secret_read(TOPC_SOURCE_FILE, path, &s, &err), TOPC_ERR_SECRET);
	assert_non_null(strstr(err.msg, "readable by others; run chmod 600"));
	assert_null(strstr(err.msg, "leaky-value"));
	topc_buf_wipe(&s);

	assert_int_equal(topc_secret_read(TOPC_SOURCE_CMD, "printf from-cmd", &s, &err), TOPC_OK);
	assert_string_equal(topc_buf_str(&s), "from-cmd");
	topc_buf_wipe(&s);

	assert_int_equal(topc_secret_read(TOPC_SOURCE_CMD, "echo cmd-secret; exit 3", &s, &err),
			 TOPC_ERR_SECRET);
	assert_non_null(strstr(err.msg, "exit status 3"));
	topc_buf_wipe(&s);
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

static char *slurp(const char *path)
{
	struct topc_buf b;
	struct topc_error err = {0};

	topc_buf_init(&b, 0);
	assert_int_equal(topc_file_read(path, 1 << 20, &b, &err), TOPC_OK);
	return topc_buf_detach(&b, NULL);
}

static void set(struct topc_params *v, const char *key, const char *value)
{
	assert_int_equal(topc_params_set(v, key, value), TOPC_OK);
}

/* The console's profile editor: values never hold the secret; a save
 * changes only the lines of the keys that changed, keeps comments and an
 * inline secret byte for byte, and a bad save changes nothing. */
/* The profile editor reads every value whole: a 2,000-byte description
 * used to come back cut at 1,023 bytes, and saving would have written the
 * cut text back. */
static void test_form_values_whole(void **state)
{
	char text[2200], want[2001];
	struct topc_profile p;
	struct topc_params values;
	struct topc_error err = {0};

	for (size_t i = 0; i < 2000; i++)
		want[i] = (char)('a' + i % 26);
	want[2000] = '\0';
	snprintf(text, sizeof(text),
		 "description = \"%s\";\ngateway = \"builtin\";\napp_key = \"1\";\n"
		 "secret_env = \"X\";\n",
		 want);
	topc_profile_init(&p);
	assert_int_equal(topc_profile_load_file(write_file("long.conf", 0600, text), &p, &err),
			 TOPC_OK);
	topc_params_init(&values);
	assert_int_equal(topc_profile_form_values(&p, &values, &err), TOPC_OK);
	assert_string_equal(topc_params_get(&values, "description"), want);
	assert_string_equal(topc_params_get(&values, "secret_ref"), "X");
	topc_params_release(&values);
	topc_profile_release(&p);
}

static void test_profile_editing(void **state)
{
	char cmd[700], user_path[400], *before, *after;
	static const char original[] =
	    "# partner sandbox, owned by the support team\n"
	    "description = \"sandbox\";\n"
	    "gateway = \"http://127.0.0.1:9/router/rest\";  # the tunnel\n"
	    "app_key = \"12345\";\n"
	    "secret = \"inline-secret-7f3a\";\n"
	    "sign_method = \"hmac\";\n"
	    "\n"
	    "// timeouts in seconds\n"
	    "timeout = 7;\n";
	struct topc_profile p, again;
	struct topc_params values;
	struct topc_error err = {0};
	struct stat sb;
	char *saved = NULL;

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/edit/xdg' '%s/edit/data/profiles'", dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/edit/xdg", dir);
	setenv("XDG_CONFIG_HOME", cmd, 1);
	snprintf(cmd, sizeof(cmd), "%s/edit/data", dir);
	setenv("TOPC_DATADIR", cmd, 1);
	snprintf(user_path, sizeof(user_path), "%s/edit/xdg/topc/profiles/sb.conf", dir);
	/* a shipped profile: saving makes the user's own copy */
	write_file("edit/data/profiles/sb.conf", 0600, original);
	topc_profile_init(&p);
	assert_int_equal(topc_profile_load("sb", &p, &err), TOPC_OK);

	topc_params_init(&values);
	assert_int_equal(topc_profile_form_values(&p, &values, &err), TOPC_OK);
	assert_string_equal(topc_params_get(&values, "secret_from"), "inline");
	assert_string_equal(topc_params_get(&values, "secret_ref"), "");
	assert_string_equal(topc_params_get(&values, "timeout"), "7");
	for (size_t i = 0; i < values.count; i++)
		if (strstr(values.items[i].value, "inline-secret"))
			fail_msg("the secret is in the form as %s", values.items[i].name);

	set(&values, "gateway", "http://127.0.0.1:8/router/rest");
	set(&values, "description", "");
	set(&values, "timeout", "2.5");
	set(&values, "session_from", "env");
	set(&values, "session_ref", "TOPC_SB_SESSION");
	set(&values, "history", "false");
	if (topc_profile_save(&p, &values, &saved, &err) != TOPC_OK)
		fail_msg("save: %s", err.msg);
	assert_string_equal(saved, user_path);
	free(saved);
	after = slurp(user_path);
	assert_string_equal(after,
			    "# partner sandbox, owned by the support team\n"
			    "gateway = \"http://127.0.0.1:8/router/rest\";\n"
			    "app_key = \"12345\";\n"
			    "secret = \"inline-secret-7f3a\";\n"
			    "sign_method = \"hmac\";\n"
			    "\n"
			    "// timeouts in seconds\n"
			    "timeout = 2.5;\n"
			    "history = false;\n" /* new keys in the form's order, sources last */
			    "session_env = \"TOPC_SB_SESSION\";\n");
	free(after);
	assert_int_equal(stat(user_path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	before = slurp(p.path); /* the shipped file is untouched */
	assert_string_equal(before, original);
	free(before);

	/* reloaded, the user's copy wins and says what was saved */
	topc_profile_init(&again);
	assert_int_equal(topc_profile_load("sb", &again, &err), TOPC_OK);
	assert_string_equal(again.path, user_path);
	assert_int_equal(again.timeout_ms, 2500);
	assert_int_equal(again.session.kind, TOPC_SOURCE_ENV);
	assert_false(again.history);

	/* refusals change nothing: name the field or line, and the fix */
	before = slurp(user_path);
	{
		static const struct {
			const char *key, *value, *needle;
		} bad[] = {
		    {"gateway", "ftp://example.test/", "is not a URL"},
		    {"gateway", "http://[::1/router", "is not a URL"},
		    {"sign_method", "sha1", "sign_method"},
		    {"retries", "11", "retries"},
		    {"timeout", "soon", "timeout: must be a number of seconds"},
		    {"secret_from", "file",
		     "secret_ref: secret comes from file, so say which file"},
		};
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			struct topc_params v;
			topc_params_init(&v);
			assert_int_equal(topc_profile_form_values(&again, &v, &err), TOPC_OK);
			set(&v, bad[i].key, bad[i].value);
			assert_int_not_equal(topc_profile_save(&again, &v, NULL, &err), TOPC_OK);
			if (!strstr(err.msg, bad[i].needle))
				fail_msg("%s=%s: \"%s\" lacks \"%s\"", bad[i].key, bad[i].value,
					 err.msg, bad[i].needle);
			after = slurp(user_path);
			assert_string_equal(after, before);
			free(after);
			topc_params_release(&v);
		}
	}
	free(before);

	/* a key sharing its line with another is not rewritten blindly */
	write_file("edit/xdg/topc/profiles/sb.conf", 0600,
		   "gateway = \"builtin\";\napp_key = \"1\"; secret_env = \"X\";\n");
	topc_profile_release(&again);
	assert_int_equal(topc_profile_load("sb", &again, &err), TOPC_OK);
	topc_params_release(&values);
	topc_params_init(&values);
	assert_int_equal(topc_profile_form_values(&again, &values, &err), TOPC_OK);
	assert_string_equal(topc_params_get(&values, "secret_ref"), "X");
	set(&values, "app_key", "2");
	assert_int_not_equal(topc_profile_save(&again, &values, NULL, &err), TOPC_OK);
	assert_non_null(strstr(err.msg, "sb.conf:2: app_key shares its line"));

	topc_params_release(&values);
	topc_profile_release(&again);
	topc_profile_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_loads_every_field),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_inline_secret_private_file),
	    cmocka_unit_test(test_secret_sources),
	    cmocka_unit_test(test_user_profile_wins),
	    cmocka_unit_test(test_form_values_whole),
	    cmocka_unit_test(test_profile_editing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
