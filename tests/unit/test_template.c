/* Templates: files, generators, the ${seq} counter, and crash-safe saves. */
#include "test_header.h"

#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/file.h"
#include "profile/profile.h"
#include "profile/template.h"

static char home[256];

static int setup(void **state)
{
	char path[300];

	(void)state;
	snprintf(home, sizeof(home), "/tmp/topc-test-template-%d", (int)getpid());
	mkdir(home, 0700);
	snprintf(path, sizeof(path), "%s/config", home);
	setenv("XDG_CONFIG_HOME", path, 1);
	snprintf(path, sizeof(path), "%s/state", home);
	setenv("XDG_STATE_HOME", path, 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
	return system(cmd);
}

static void template_of(struct topc_template *t, const char *name, const char *const *pairs)
{
	topc_template_init(t);
	t->name = strdup(name);
	t->method = strdup("taobao.test.method");
	for (size_t i = 0; pairs[i]; i += 2)
		topc_params_set(&t->values, pairs[i], pairs[i + 1]);
}

static char *expand_one(const char *value, const struct topc_profile *p)
{
	struct topc_template t;
	struct topc_params out;
	struct topc_error err = {0};
	char *copy;
	const char *pairs[] = {"f", value, NULL};

	template_of(&t, "one", pairs);
	topc_params_init(&out);
	if (topc_template_expand(&t, p, &out, &err) != TOPC_OK)
		fail_msg("%s: %s", value, err.msg);
	copy = strdup(topc_params_get(&out, "f"));
	topc_params_release(&out);
	topc_template_release(&t);
	return copy;
}

static void uuid_v4_unique(void **state)
{
	enum { N = 10000 };
	char(*ids)[37] = calloc(N, 37);

	(void)state;
	for (int i = 0; i < N; i++) {
		char *v = expand_one("${uuid}", NULL);
		const char *hex = "0123456789abcdef";
		assert_int_equal(strlen(v), 36);
		for (int k = 0; k < 36; k++) {
			if (k == 8 || k == 13 || k == 18 || k == 23)
				assert_int_equal(v[k], '-');
			else
				assert_non_null(strchr(hex, v[k]));
		}
		assert_int_equal(v[14], '4');		/* version 4 */
		assert_non_null(strchr("89ab", v[19])); /* RFC 4122 variant */
		memcpy(ids[i], v, 37);
		free(v);
	}
	qsort(ids, N, 37, (int (*)(const void *, const void *))strcmp);
	for (int i = 1; i < N; i++)
		assert_string_not_equal(ids[i - 1], ids[i]);
	free(ids);
}

static int64_t fixed_ms;
static int64_t fixed_clock(void)
{
	return fixed_ms;
}

static void time_is_gmt8_whatever_tz(void **state)
{
	static const char *const zones[] = {"UTC", "America/New_York", "Asia/Shanghai",
					    "Pacific/Kiritimati", "Europe/London"};
	(void)state;
	topc_clock_set(fixed_clock);
	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		char *v;
		setenv("TZ", zones[z], 1);
		tzset();
		/* 2023-12-31T16:30:05.123Z is 2024-01-01 00:30:05 in GMT+8 */
		fixed_ms = 1704040205123LL;
		v = expand_one("${now}", NULL);
		assert_string_equal(v, "2024-01-01 00:30:05");
		free(v);
		v = expand_one("${today}", NULL);
		assert_string_equal(v, "2024-01-01");
		free(v);
		v = expand_one("${now_ms}", NULL);
		assert_string_equal(v, "1704040205123");
		free(v);
		/* 15:59:59Z the day before is still 2023-12-31 in GMT+8 */
		fixed_ms = 1704038399000LL;
		v = expand_one("at ${now} on ${today}", NULL);
		assert_string_equal(v, "at 2023-12-31 23:59:59 on 2023-12-31");
		free(v);
	}
	unsetenv("TZ");
	tzset();
	topc_clock_set(NULL);
}

static void env_profile_and_literals(void **state)
{
	struct topc_profile p;
	struct topc_template t;
	struct topc_params out;
	struct topc_error err = {0};
	char *v;
	const char *secret[] = {"f", "${profile:secret}", NULL};
	const char *unset[] = {"f", "${env:TOPC_TEST_UNSET_VAR}", NULL};

	(void)state;
	topc_profile_init(&p);
	p.name = strdup("prof");
	p.app_key = strdup("12345678");
	setenv("TOPC_TEST_TEMPLATE_VAR", "from-env", 1);
	v = expand_one("${env:TOPC_TEST_TEMPLATE_VAR}/${profile:app_key}/${profile:name}", &p);
	assert_string_equal(v, "from-env/12345678/prof");
	free(v);
	v = expand_one("cost $$5, ${profile:sign_method}", &p);
	assert_string_equal(v, "cost $5, md5");
	free(v);
	topc_params_init(&out);
	template_of(&t, "x", secret);
	assert_int_equal(topc_template_expand(&t, &p, &out, &err), TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "secrets never go into parameters"));
	topc_template_release(&t);
	template_of(&t, "x", unset);
	assert_int_equal(topc_template_expand(&t, &p, &out, &err), TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "TOPC_TEST_UNSET_VAR is not set"));
	assert_non_null(strstr(err.msg, "template \"x\", f:"));
	topc_template_release(&t);
	assert_int_equal(topc_template_value_check("${uid}", &err), TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "did you mean ${uuid}?"));
	assert_int_equal(topc_template_value_check("${now", &err), TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "without a closing"));
	assert_int_equal(topc_template_value_check("${env:}", &err), TOPC_ERR_INPUT);
	assert_int_equal(topc_template_value_check("plain $ sign and $$", &err), TOPC_OK);
	assert_false(topc_template_has_generator("a $${now} b"));
	assert_true(topc_template_has_generator("a ${now} b"));
	topc_params_release(&out);
	topc_profile_release(&p);
}

static void seq_counts_across_loads(void **state)
{
	const char *pairs[] = {"a", "${seq}", "b", "n${seq}", NULL};
	struct topc_template t;
	struct topc_error err = {0};

	(void)state;
	template_of(&t, "counter", pairs);
	assert_int_equal(topc_template_save(&t, false, &err), TOPC_OK);
	topc_template_release(&t);
	for (int round = 1; round <= 3; round++) {
		struct topc_params out;
		char want[16];
		/* a fresh load each time, as a new process would */
		assert_int_equal(topc_template_load("counter", &t, &err), TOPC_OK);
		topc_params_init(&out);
		assert_int_equal(topc_template_expand(&t, NULL, &out, &err), TOPC_OK);
		snprintf(want, sizeof(want), "%d", round);
		assert_string_equal(topc_params_get(&out, "a"), want); /* once per send */
		snprintf(want, sizeof(want), "n%d", round);
		assert_string_equal(topc_params_get(&out, "b"), want);
		topc_params_release(&out);
		topc_template_release(&t);
	}
}

static void files_round_trip_and_refusals(void **state)
{
	const char *pairs[] = {"push_content_dto.title", "标题 \"quoted\" \\ ${now}", "x", "",
			       NULL};
	struct topc_template t, back;
	struct topc_error err = {0};
	struct stat st;

	(void)state;
	template_of(&t, "round", pairs);
	t.description = strdup("说明");
	assert_int_equal(topc_template_save(&t, false, &err), TOPC_OK);
	assert_int_equal(stat(t.path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	{
		char dir[300];
		snprintf(dir, sizeof(dir), "%s/config/topc/templates", home);
		assert_int_equal(stat(dir, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0700);
	}
	assert_true(topc_template_exists("round"));
	assert_false(topc_template_exists("rounds"));
	assert_false(topc_template_exists("../templates/round"));
	assert_int_equal(topc_template_save(&t, false, &err), TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "add --force to replace it"));
	assert_int_equal(topc_template_load("round", &back, &err), TOPC_OK);
	assert_string_equal(back.method, "taobao.test.method");
	assert_string_equal(back.description, "说明");
	assert_int_equal(back.values.count, 2);
	assert_string_equal(topc_params_get(&back.values, "push_content_dto.title"),
			    "标题 \"quoted\" \\ ${now}");
	topc_template_release(&back);
	topc_template_release(&t);

	assert_int_equal(
	    topc_template_load_string("method = \"a.b\";\nvalus = ();\n", "f.conf", "f", &t, &err),
	    TOPC_ERR_INPUT);
	assert_non_null(
	    strstr(err.msg, "f.conf:2: unknown key \"valus\"; did you mean \"values\"?"));
	assert_int_equal(topc_template_load_string("method = \"a.b\";\nvalues = ( (\"p\") );\n",
						   "f.conf", "f", &t, &err),
			 TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "f.conf:2: each value must be"));
	assert_int_equal(topc_template_load_string("values = ();\n", "f.conf", "f", &t, &err),
			 TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "no method"));
	assert_int_equal(topc_template_load_string("method = \"a.b\";\nvalues = ( (\"p\", "
						   "\"${nonce}\") );\n",
						   "f.conf", "f", &t, &err),
			 TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "f.conf:2: p: ${nonce} is not a generator"));
	assert_int_equal(topc_template_load("../etc/passwd", &t, &err), TOPC_ERR_INPUT);
	assert_int_equal(topc_template_load("missing", &t, &err), TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "no template \"missing\""));
}

/* A write that fails half way (the disk is "full": RLIMIT_FSIZE) leaves the
 * old template whole, and says so. */
static void failed_save_keeps_the_old_file(void **state)
{
	const char *small[] = {"a", "1", NULL};
	struct topc_template t;
	struct topc_error err = {0};
	struct rlimit old, tiny = {64, 64};
	struct topc_buf text;
	char big[4096];

	(void)state;
	template_of(&t, "keep", small);
	assert_int_equal(topc_template_save(&t, false, &err), TOPC_OK);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	topc_params_set(&t.values, "b", big);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	tiny.rlim_max = old.rlim_max;
	setrlimit(RLIMIT_FSIZE, &tiny);
	assert_int_equal(topc_template_save(&t, true, &err), TOPC_ERR_IO);
	setrlimit(RLIMIT_FSIZE, &old);
	assert_non_null(strstr(err.msg, "the old file, if any, is unchanged"));
	topc_buf_init(&text, 0);
	assert_int_equal(topc_file_read(t.path, 1 << 20, &text, &err), TOPC_OK);
	assert_null(strstr(topc_buf_str(&text), "xxxx"));
	assert_non_null(strstr(topc_buf_str(&text), "( \"a\", \"1\" )"));
	topc_buf_release(&text);
	topc_template_release(&t);
	{
		char cmd[400];
		snprintf(cmd, sizeof(cmd), "ls -a '%s/config/topc/templates' | grep -c tmp", home);
		FILE *p = popen(cmd, "r");
		int n = -1;
		assert_int_equal(fscanf(p, "%d", &n), 1);
		pclose(p);
		assert_int_equal(n, 0); /* no temporary left behind */
	}
}

static void seen_values(void **state)
{
	(void)state;
	assert_false(topc_template_seen("s", "message_id", "abc"));
	assert_true(topc_template_seen("s", "message_id", "abc"));
	assert_false(topc_template_seen("s", "message_id", "ab"));
	assert_false(topc_template_seen("other", "message_id", "abc"));
}

/* A generator in a value that is JSON text cannot change its structure:
 * inside a string literal its text is JSON-escaped, outside one only a JSON
 * number, true, false or null goes in.  Expected texts written by hand (as
 * Python's json.dumps escapes them). */
static void generators_in_json_text(void **state)
{
	static const struct {
		const char *value, *env, *want;
	} ok[] = {
	    {"{\"u\":\"${env:TOPC_T_J}\"}", "x\",\"admin\":true,\"y\":\"",
	     "{\"u\":\"x\\\",\\\"admin\\\":true,\\\"y\\\":\\\"\"}"},
	    {"{\"u\":\"${env:TOPC_T_J}\"}", "a\\b\nc\td\x01", "{\"u\":\"a\\\\b\\nc\\td\\u0001\"}"},
	    {"{\"u\":\"${env:TOPC_T_J}\"}", "中文/", "{\"u\":\"中文/\"}"},
	    {"[\"${env:TOPC_T_J}\",\"\\\"${env:TOPC_T_J}\"]", "\"", "[\"\\\"\",\"\\\"\\\"\"]"},
	    {"{\"n\":${env:TOPC_T_J}}", "-12.5e3", "{\"n\":-12.5e3}"},
	    {"{\"n\":${env:TOPC_T_J}}", "true", "{\"n\":true}"},
	    {"  {\"k$$\":\"${env:TOPC_T_J}\"}", "\"", "  {\"k$\":\"\\\"\"}"},
	    /* not JSON text: as the generator gives it */
	    {"x=\"${env:TOPC_T_J}\"", "a\"b", "x=\"a\"b\""},
	};
	static const char *const refused[][2] = {
	    {"{\"n\":${env:TOPC_T_J}}", "1,\"admin\":true"},
	    {"{\"n\":${env:TOPC_T_J}}", "01"},
	    {"[${env:TOPC_T_J}]", "\"a\""},
	    {"{\"n\":${env:TOPC_T_J}}", ""},
	    /* JSON, but structure: not a scalar */
	    {"{\"n\":${env:TOPC_T_J}}", "[1]"},
	    {"{\"n\":${env:TOPC_T_J}}", "{\"a\":1}"},
	    {"{\"n\":${env:TOPC_T_J}}", "1."},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char *v;
		setenv("TOPC_T_J", ok[i].env, 1);
		v = expand_one(ok[i].value, NULL);
		if (strcmp(v, ok[i].want) != 0)
			fail_msg("%s with %s: %s, want %s", ok[i].value, ok[i].env, v, ok[i].want);
		free(v);
	}
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		struct topc_template t;
		struct topc_params out;
		struct topc_error err = {0};
		const char *pairs[] = {"f", refused[i][0], NULL};
		setenv("TOPC_T_J", refused[i][1], 1);
		template_of(&t, "j", pairs);
		topc_params_init(&out);
		if (topc_template_expand(&t, NULL, &out, &err) != TOPC_ERR_INPUT ||
		    !strstr(err.msg, "outside a JSON string"))
			fail_msg("%s with %s was not refused (%s)", refused[i][0], refused[i][1],
				 err.msg);
		topc_params_release(&out);
		topc_template_release(&t);
	}
	unsetenv("TOPC_T_J");
}

/* A name is letters and digits of any script, '.', '_' and '-': the C
 * locale (a cron job's) and a UTF-8 one agree, so a template named in a
 * terminal is found by a script, and the console and topc templates save
 * accept the same names (both ask topc_template_name_ok). */
static void names_in_any_script_any_locale(void **state)
{
	static const char *const good[] = {"月度提醒", "Übersicht_2", "отчёт.v2",
					   "a-b",      "٣x",	      "tbk-oppo"};
	static const char *const bad[] = {"",	      ".月度",		"a b",	    "月度，提醒",
					  "a/b",      "月度\u3000提醒", "a\u200bb", "\xe6\x9c",
					  "\xc0\xaf", "a\tb",		"é\xff",    "x\u202e"};
	static const char *const locales[] = {"C", "C.UTF-8"};

	(void)state;
	for (size_t l = 0; l < 2; l++) {
		if (!setlocale(LC_ALL, locales[l]))
			continue;
		for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
			if (!topc_template_name_ok(good[i]))
				fail_msg("%s: \"%s\" refused", locales[l], good[i]);
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (topc_template_name_ok(bad[i]))
				fail_msg("%s: \"%s\" accepted", locales[l], bad[i]);
	}
	setlocale(LC_ALL, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(uuid_v4_unique),
	    cmocka_unit_test(time_is_gmt8_whatever_tz),
	    cmocka_unit_test(env_profile_and_literals),
	    cmocka_unit_test(generators_in_json_text),
	    cmocka_unit_test(seq_counts_across_loads),
	    cmocka_unit_test(files_round_trip_and_refusals),
	    cmocka_unit_test(failed_save_keeps_the_old_file),
	    cmocka_unit_test(seen_values),
	    cmocka_unit_test(names_in_any_script_any_locale),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
