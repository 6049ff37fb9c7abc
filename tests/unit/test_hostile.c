/* Hostile input and faults (issue 12): each test reproduces one finding of
 * an attack on topc and failed before its fix.  The crashes show under the
 * ASan+UBSan build, which runs this file too. */
#include "test_header.h"

#include <limits.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/number.h"
#include "ext/json.h"
#include "ext/xml.h"
#include "form/form.h"
#include "form/form_import.h"
#include "gateway/gateway.h"
#include "history/history.h"
#include "form/form_read.h"
#include "profile/profile.h"
#include "send/request.h"
#include "top/secret.h"

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

/* sscanf("%lld") overflowed (undefined; glibc clamps) on a page's limits:
 * 最大值:99999999999999999999 became a maximum of LLONG_MAX, and a range
 * "范围1-99999999999999999999" its bound.  Too large is no limit at all. */
static char *replaced(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	struct topc_buf b;

	assert_non_null(at);
	topc_buf_init(&b, 0);
	assert_int_equal(topc_buf_add(&b, text, (size_t)(at - text)), TOPC_OK);
	assert_int_equal(topc_buf_adds(&b, to), TOPC_OK);
	assert_int_equal(topc_buf_adds(&b, at + strlen(from)), TOPC_OK);
	return topc_buf_detach(&b, NULL);
}

static void import_numbers_too_large(void **state)
{
	char *text = read_shipped("tests/pages/layouts/limits-session-empty.txt");
	char *big = replaced(text, "最大值:3", "最大值:99999999999999999999");
	char *low = replaced(text, "最小值:0", "最小值:-99999999999999999999");
	char *len = replaced(text, "最大长度:10", "最大长度:18446744073709551617");
	/* a range in the prose counts where no formal limit is given */
	char *ranged = replaced(text, "    • 最小值:0\n    • 最大值:3\n    • 级别",
				"    • 级别，范围1-99999999999999999999");
	char *fine =
	    replaced(text, "    • 最小值:0\n    • 最大值:3\n    • 级别", "    • 级别，范围-2~7");
	struct topc_form f;
	struct topc_error err = {0};
	const struct topc_field *fd;

	(void)state;
	assert_int_equal(topc_form_import(big, "p", &f, &err), TOPC_OK);
	fd = topc_field_find(&f.request, "notify_dto.level");
	assert_true(fd->c.has_min && fd->c.min == 0 && !fd->c.has_max);
	topc_form_release(&f);
	assert_int_equal(topc_form_import(low, "p", &f, &err), TOPC_OK);
	fd = topc_field_find(&f.request, "notify_dto.level");
	assert_true(!fd->c.has_min && fd->c.has_max && fd->c.max == 3);
	topc_form_release(&f);
	assert_int_equal(topc_form_import(len, "p", &f, &err), TOPC_OK);
	assert_int_equal(topc_field_find(&f.request, "notify_text")->c.max_length, 0);
	topc_form_release(&f);
	assert_int_equal(topc_form_import(ranged, "p", &f, &err), TOPC_OK);
	fd = topc_field_find(&f.request, "notify_dto.level");
	assert_false(fd->prose.has_max);
	topc_form_release(&f);
	assert_int_equal(topc_form_import(fine, "p", &f, &err), TOPC_OK);
	fd = topc_field_find(&f.request, "notify_dto.level");
	assert_true(fd->prose.has_min && fd->prose.min == -2 && fd->prose.max == 7);
	topc_form_release(&f);
	free(text);
	free(big);
	free(low);
	free(len);
	free(ranged);
	free(fine);
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

/* A profile with a session key from the environment, in a temporary file. */
static void session_profile(struct topc_profile *p, char *path, size_t size)
{
	FILE *f;
	struct topc_error err = {0};

	snprintf(path, size, "/tmp/topc-test-hostile-%d.conf", (int)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("gateway = \"http://127.0.0.1:9/router/rest\";\napp_key = \"12345678\";\n"
	      "secret_env = \"TOPC_HOSTILE_SECRET\";\nsession_env = \"TOPC_HOSTILE_SESSION\";\n",
	      f);
	fclose(f);
	setenv("TOPC_HOSTILE_SECRET", "hostile-secret", 1);
	setenv("TOPC_HOSTILE_SESSION", "hostile-session-key", 1);
	topc_profile_init(p);
	if (topc_profile_load_file(path, p, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
}

/* The F6 overlay printed the body as sent, session key and all, while the
 * canonical string and --dry-run masked it: the console now shows
 * topc_request_body_shown. */
static void shown_body_masks_the_session(void **state)
{
	struct topc_profile p;
	struct topc_request r;
	struct topc_params business;
	struct topc_buf shown;
	struct topc_error err = {0};
	char path[64];

	(void)state;
	session_profile(&p, path, sizeof(path));
	topc_params_init(&business);
	assert_int_equal(topc_params_set(&business, "a", "1"), TOPC_OK);
	topc_request_init(&r);
	if (topc_request_build(&r, &p, p.gateway, "topc.test.x", &business, 1451620800000LL,
			       &err) != TOPC_OK)
		fail_msg("%s", err.msg);
	assert_non_null(strstr(topc_buf_str(&r.body), "hostile-session-key"));
	topc_buf_init(&shown, 0);
	assert_int_equal(topc_request_body_shown(&r, false, &shown, &err), TOPC_OK);
	assert_null(strstr(topc_buf_str(&shown), "hostile-session-key"));
	assert_non_null(strstr(topc_buf_str(&shown), "session=%3Csession%3E"));
	assert_non_null(strstr(topc_buf_str(&shown), "a=1"));
	topc_buf_release(&shown);
	topc_request_release(&r);
	topc_params_release(&business);
	topc_profile_release(&p);
	unlink(path);
}

/* In a fresh child (an earlier test may have read a secret already): 0 when
 * reading one turned core dumps and ptrace off, 1 when not, 2 to skip. */
static int core_dumps_after_a_secret(void)
{
	struct rlimit lim = {RLIM_INFINITY, RLIM_INFINITY};
	struct topc_buf b;
	struct topc_error err = {0};

	if (setrlimit(RLIMIT_CORE, &lim) != 0 || prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0)
		return 2; /* this machine forbids them already: nothing to see */
	setenv("TOPC_HOSTILE_SECRET", "hostile-secret", 1);
	topc_buf_init(&b, 0);
	if (topc_secret_read(TOPC_SOURCE_ENV, "TOPC_HOSTILE_SECRET", &b, &err) != TOPC_OK)
		return 1;
	topc_buf_wipe(&b);
	if (getrlimit(RLIMIT_CORE, &lim) != 0 || lim.rlim_cur != 0 || lim.rlim_max != 0)
		return 1;
	return prctl(PR_GET_DUMPABLE) == 0 ? 0 : 1;
}

/* A core taken during a send held copies of the secret. */
static void reading_a_secret_turns_core_dumps_off(void **state)
{
	int status = 0;
	pid_t pid;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(core_dumps_after_a_secret());
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 2)
		skip();
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* "Loopback" was a prefix match: http://127.0.0.1@gw.api.taobao.com/ counted,
 * so a world-readable profile with an inline secret loaded and sent there. */
static void loopback_from_the_parsed_host(void **state)
{
	static const char *const local[] = {"http://127.0.0.1:8080/router/rest",
					    "http://localhost/router/rest",
					    "http://LOCALHOST:9/",
					    "http://[::1]:9/router/rest",
					    "http://127.1.2.3/",
					    "builtin"};
	static const char *const remote[] = {
	    "http://127.0.0.1@gw.api.taobao.com/router/rest",
	    "http://127.0.0.1:80@gw.api.taobao.com/router/rest",
	    "http://127.0.0.1.nip.io/router/rest",
	    "http://localhost.example.com/",
	    "http://[::1]@gw.api.taobao.com/",
	    "https://gw.api.taobao.com/router/rest?x=http://127.0.0.1",
	    "http://gw.api.taobao.com#@127.0.0.1/"};
	struct topc_profile p;
	struct topc_error err = {0};
	char path[64], text[256];
	FILE *f;

	(void)state;
	topc_profile_init(&p);
	for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		p.gateway = (char *)local[i];
		if (!topc_profile_is_local(&p))
			fail_msg("%s is loopback", local[i]);
	}
	for (size_t i = 0; i < sizeof(remote) / sizeof(remote[0]); i++) {
		p.gateway = (char *)remote[i];
		if (topc_profile_is_local(&p))
			fail_msg("%s is not loopback", remote[i]);
	}
	p.gateway = NULL;
	snprintf(path, sizeof(path), "/tmp/topc-test-hostile-inline-%d.conf", (int)getpid());
	snprintf(text, sizeof(text),
		 "gateway = \"%s\";\napp_key = \"1\";\nsecret = \"inline-secret\";\n", remote[0]);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, 0644);
	assert_int_equal(topc_profile_load_file(path, &p, &err), TOPC_ERR_PROFILE);
	if (!strstr(err.msg, "others can read"))
		fail_msg("%s", err.msg);
	unlink(path);
}

/* Found by fuzz_gateway: a parameter name with a C0 control (or U+FFFF)
 * is valid UTF-8, but XML 1.0 cannot carry it, and the XML error answer
 * naming it was not well-formed. */
static void xml_answers_stay_well_formed(void **state)
{
	struct topc_gateway_verdict v = {.code = 41, .format = TOPC_FORMAT_XML};
	struct topc_buf out;
	struct topc_tree tree;

	(void)state;
	snprintf(v.sub_code, sizeof(v.sub_code),
		 "isv.invalid-parameter:\x13"
		 "a\x01"
		 "\xef\xbf\xbf");
	snprintf(v.sub_msg, sizeof(v.sub_msg), "tab\there, bell\a, <&>");
	topc_buf_init(&out, 0);
	assert_int_equal(topc_gateway_render(&v, NULL, "r1", &out), TOPC_OK);
	memset(&tree, 0, sizeof(tree));
	if (!topc_xml_tree(out.data, out.len, &tree))
		fail_msg("not well-formed: %s", out.data);
	topc_tree_release(&tree);
	assert_non_null(strstr(out.data, "isv.invalid-parameter:?a??"));
	topc_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    /* first: once this process has read a secret, the limit cannot rise */
	    cmocka_unit_test(reading_a_secret_turns_core_dumps_off),
	    cmocka_unit_test(import_trailing_array_type),
	    cmocka_unit_test(import_numbers_too_large),
	    cmocka_unit_test(gateway_renders_list_of_structures),
	    cmocka_unit_test(numbers_are_whole),
	    cmocka_unit_test(since_far_back),
	    cmocka_unit_test(shown_body_masks_the_session),
	    cmocka_unit_test(loopback_from_the_parsed_host),
	    cmocka_unit_test(xml_answers_stay_well_formed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
