/* The core's errors: a message for the person in their language, the same
 * message untranslated for what programs keep, both cut on whole UTF-8
 * characters, file:line and prefixes on both.  The Chinese expected here is
 * po/zh_CN.po's (the build's catalog, TOPC_LOCALEDIR). */
#include "test_header.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "ext/json.h"
#include "form/form_json.h"

static bool chinese(void)
{
	if (!setlocale(LC_ALL, "zh_CN.UTF-8"))
		return false;
	topc_i18n_init();
	return true;
}

/* Whether glibc has its own zh_CN messages (Debian's libc-l10n): without
 * them strerror stays English under zh_CN, and there is no translation of
 * errno's words to look for.  Asked of libc itself, not of topc. */
static bool libc_has_chinese(void)
{
	return strcmp(strerror(ENOSPC), "No space left on device") != 0;
}

static void english(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

static void test_english_locale_both_alike(void **state)
{
	struct topc_error err = {0};

	english();
	assert_int_equal(topc_error_set(&err, TOPC_ERR_INPUT,
					"no history entry %lld; topc history "
					"list shows them",
					7LL),
			 TOPC_ERR_INPUT);
	assert_string_equal(err.msg, "no history entry 7; topc history list shows them");
	assert_string_equal(err.english, err.msg);
	assert_int_equal(err.code, TOPC_ERR_INPUT);
}

static void test_chinese_for_people_english_kept(void **state)
{
	struct topc_error err = {0}, copy = {0};

	if (!chinese())
		skip();
	topc_error_set(&err, TOPC_ERR_INPUT, "no history entry %lld; topc history list shows them",
		       7LL);
	assert_string_equal(err.msg, "没有历史记录 7；topc history list 列出所有记录");
	assert_string_equal(err.english, "no history entry 7; topc history list shows them");
	/* the position stays untranslated, before both */
	topc_error_at(&err, TOPC_ERR_INPUT, "a.conf", 3, "unique must be \"send\" or \"user\"");
	assert_string_equal(err.msg, "a.conf:3: unique 必须是 \"send\" 或 \"user\"");
	assert_string_equal(err.english, "a.conf:3: unique must be \"send\" or \"user\"");
	/* a prefix goes on both, each in its language */
	topc_error_prefix(&err, "template \"%s\": ", "t1");
	assert_string_equal(err.msg, "模板 \"t1\"：a.conf:3: unique 必须是 \"send\" 或 \"user\"");
	assert_string_equal(err.english,
			    "template \"t1\": a.conf:3: unique must be \"send\" or \"user\"");
	/* a copy keeps both */
	topc_error_copy(&copy, TOPC_ERR_PROFILE, &err);
	assert_int_equal(copy.code, TOPC_ERR_PROFILE);
	assert_string_equal(copy.msg, err.msg);
	assert_string_equal(copy.english, err.english);
	/* an argument reordered by the translation (%2$s %1$s) */
	topc_error_set(&err, TOPC_ERR_PROFILE,
		       "no profile \"%s\" in %s or %s; run topc profiles list", "p", "/a", "/b");
	assert_string_equal(err.msg, "/a 和 /b 中都没有配置 \"p\"；请运行 topc profiles list");
	english();
}

/* 300 Chinese characters (900 bytes) are cut on a whole character in both */
static void test_cut_on_whole_characters(void **state)
{
	char text[1024] = "";
	struct topc_error err = {0};

	for (int i = 0; i < 300; i++)
		memcpy(text + 3 * i, "签", 4);
	for (int run = 0; run < 2; run++) {
		if (run == 1 && !chinese())
			break;
		for (size_t skew = 0; skew < 3; skew++) {
			topc_error_set(&err, TOPC_ERR_INPUT, "%.*s%s", (int)skew, "ab", text);
			assert_true(topc_utf8_valid(err.msg, strlen(err.msg)));
			assert_true(topc_utf8_valid(err.english, strlen(err.english)));
			assert_true(strlen(err.msg) > sizeof(err.msg) - 4);
			assert_true(strlen(err.english) > sizeof(err.english) - 4);
			topc_error_prefix(&err, "%.*s%s: ", (int)skew, "xy", "签名");
			assert_true(topc_utf8_valid(err.msg, strlen(err.msg)));
			assert_true(topc_utf8_valid(err.english, strlen(err.english)));
			assert_memory_equal(err.english + skew, "签名: ", strlen("签名: "));
			topc_error_at(&err, TOPC_ERR_INPUT, text, 12, "x");
			assert_true(topc_utf8_valid(err.msg, strlen(err.msg)));
			assert_true(topc_utf8_valid(err.english, strlen(err.english)));
		}
	}
	english();
}

/* A reason made before its sentence (a part) goes in whole, its Chinese into
 * the Chinese sentence and its English into the English one (before this,
 * a Chinese sentence held the English reason: "此值is not valid JSON"). */
static void test_part_in_each_language(void **state)
{
	struct topc_error part = {0}, err = {0};
	struct topc_jnode n;
	struct topc_json_problem p;

	snprintf(part.english, sizeof(part.english), "%s", "no value");
	snprintf(part.msg, sizeof(part.msg), "%s", "甲乙");
	topc_error_setp(&err, TOPC_ERR_INPUT, &part, "%s; %s", "\x01\x02 x", TOPC_PART);
	assert_string_equal(err.english, "\x01\x02 x; no value"); /* other arguments as given */
	if (!chinese())
		skip();
	topc_error_setp(&err, TOPC_ERR_INPUT, &part, "is not valid JSON: %s", TOPC_PART);
	assert_string_equal(err.english, "is not valid JSON: no value");
	assert_string_equal(err.msg, "不是合法的 JSON：甲乙");
	/* the part reordered by the translation, and err as its own part */
	topc_error_setp(&err, TOPC_ERR_INPUT, &err, "%s at byte %zu of %zu", TOPC_PART, (size_t)9,
			(size_t)12);
	assert_string_equal(err.english, "is not valid JSON: no value at byte 9 of 12");
	assert_string_equal(err.msg, "第 9 字节（共 12 字节）处不是合法的 JSON：甲乙");
	/* two parts, each in its place whatever the order */
	{
		struct topc_error what = {0}, fix = {0};
		topc_error_text(&what, TOPC_ERR_IO, "cannot open");
		topc_error_text(&fix, TOPC_ERR_IO, "the disk is full: free some space");
		topc_error_setp2(&err, TOPC_ERR_IO, &what, &fix, "history %s: %s: %s%s; %s", "/h",
				 TOPC_PART, "disk I/O error", " (x)", TOPC_PART2);
		assert_string_equal(err.english, "history /h: cannot open: disk I/O error (x); the "
						 "disk is full: free some space");
		assert_string_equal(err.msg,
				    "历史记录 /h：无法打开：disk I/O error (x)；磁盘已满：请"
				    "释放一些空间");
		topc_error_setp2(&err, TOPC_ERR_IO, &what, &fix, "%s then %s", TOPC_PART2,
				 TOPC_PART);
		assert_string_equal(err.english,
				    "the disk is full: free some space then cannot open");
	}
	/* the form layer's JSON reader and the strict scanner give parts */
	assert_false(topc_jnode_read_kind("{\"a\":", TOPC_J_OBJECT, &n, &err));
	assert_string_equal(
	    err.english, "is not valid JSON: ends early (truncated) after 5 of 5 bytes; no value");
	assert_string_equal(err.msg,
			    "不是合法的 JSON：在 5 字节（共 5 字节）后提前结束（被截断）；没有值");
	assert_false(topc_json_check("[1 x", 4, &p));
	topc_json_problem_error(&p, "[1 x", 4, &err);
	assert_string_equal(err.english,
			    "expected ',' or ']' at line 1, column 4 (byte 3 of 4), found 'x'");
	assert_string_equal(err.msg,
			    "第 1 行第 4 列（第 3 字节，共 4 字节）处应为',' 或 ']'，实际为 'x'");
	english();
}

/* errno's words in a message with a part: libc's translation in the
 * reader's copy (glibc's zh_CN catalog: "设备上没有空间"), English in the
 * kept one (before, setp never switched them: English inside Chinese), and
 * topc_strerror's text English again afterwards. */
static void test_errno_in_each_language_with_parts(void **state)
{
	struct topc_error err = {0}, fix = {0}, what = {0};
	const char *words;

	if (!chinese())
		skip();
	if (!libc_has_chinese()) {
		print_message("skipped: no zh_CN messages of libc (install libc-l10n)\n");
		english();
		skip();
	}
	topc_error_text(&fix, TOPC_ERR_IO, "the disk is full: free some space");
	words = topc_strerror(ENOSPC);
	topc_error_setp(&err, TOPC_ERR_IO, &fix,
			"%s: cannot write: %s; %s; the old file, if any, is unchanged", "/f", words,
			TOPC_PART);
	assert_string_equal(err.english,
			    "/f: cannot write: No space left on device; the disk is "
			    "full: free some space; the old file, if any, is unchanged");
	assert_string_equal(err.msg, "/f：无法写入：设备上没有空间；磁盘已满：请释放一些空间；原"
				     "有文件（如有）未改动");
	assert_string_equal(words, "No space left on device");
	/* two parts and errno */
	topc_error_text(&what, TOPC_ERR_IO, "cannot open");
	topc_error_setp2(&err, TOPC_ERR_IO, &what, &fix, "history %s: %s: %s (%s); %s", "/h",
			 TOPC_PART, "disk I/O error", topc_strerror(ENOSPC), TOPC_PART2);
	assert_string_equal(err.english,
			    "history /h: cannot open: disk I/O error (No space left on "
			    "device); the disk is full: free some space");
	assert_non_null(strstr(err.msg, "设备上没有空间"));
	assert_null(strstr(err.msg, "No space"));
	english();
}

static void test_clear_and_null(void **state)
{
	struct topc_error err = {0};

	assert_int_equal(topc_error_set(NULL, TOPC_ERR_IO, "x %d", 1), TOPC_ERR_IO);
	assert_int_equal(topc_error_at(NULL, TOPC_ERR_IO, "f", 1, "x"), TOPC_ERR_IO);
	topc_error_prefix(NULL, "x");
	topc_error_set(&err, TOPC_ERR_IO, "x");
	topc_error_clear(&err);
	assert_int_equal(err.code, TOPC_OK);
	assert_string_equal(err.msg, "");
	assert_string_equal(err.english, "");
}

static enum topc_status atp(struct topc_error *err, const char *file, int line,
			    const struct topc_error *part, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static enum topc_status atp(struct topc_error *err, const char *file, int line,
			    const struct topc_error *part, const char *fmt, ...)
{
	va_list ap;
	enum topc_status st;

	va_start(ap, fmt);
	st = topc_error_vatp(err, TOPC_ERR_INPUT, file, line, part, fmt, ap);
	va_end(ap);
	return st;
}

/* topc_error_vatp: topc_error_at's position before topc_error_setp's
 * sentence, the part optional */
static void test_position_and_part(void **state)
{
	struct topc_error part = {0}, err = {0};

	(void)state;
	english();
	snprintf(part.english, sizeof(part.english), "%s", "no value");
	snprintf(part.msg, sizeof(part.msg), "%s", "no value");
	assert_int_equal(atp(&err, "f.conf", 3, &part, "%s: %s", "k", TOPC_PART), TOPC_ERR_INPUT);
	assert_int_equal(err.code, TOPC_ERR_INPUT);
	assert_string_equal(err.english, "f.conf:3: k: no value");
	assert_string_equal(err.msg, "f.conf:3: k: no value");
	atp(&err, "f.conf", 0, NULL, "plain %d", 7);
	assert_string_equal(err.english, "f.conf: plain 7");
	assert_int_equal(atp(NULL, "f.conf", 1, NULL, "x"), TOPC_ERR_INPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_english_locale_both_alike),
	    cmocka_unit_test(test_chinese_for_people_english_kept),
	    cmocka_unit_test(test_cut_on_whole_characters),
	    cmocka_unit_test(test_part_in_each_language),
	    cmocka_unit_test(test_errno_in_each_language_with_parts),
	    cmocka_unit_test(test_clear_and_null),
	    cmocka_unit_test(test_position_and_part),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
