/* The doc importer: the four seed pages against the shipped forms, and
 * pages it must refuse with the line and what it expected. */
#include "test_header.h"

#include "base/buf.h"
#include "base/file.h"
#include "form/form.h"
#include "form/form_import.h"
#include "form/form_read.h"
#include "form/form_check.h"
#include "form/form_write.h"

static const char *const methods[] = {
    "taobao.jym.message.apppush.send",
    "taobao.tpn.template.message.send",
    "taobao.tbk.marketing.msg.send",
    "alibaba.campus.mc.message.sendmessagetomobile",
};

static char *read_text(const char *path)
{
	struct topc_buf b;
	struct topc_error err = {0};

	topc_buf_init(&b, 1 << 22);
	if (topc_file_read(path, 1 << 22, &b, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
	return topc_buf_detach(&b, NULL);
}

static char *page_path(const char *method)
{
	static char path[1024];
	snprintf(path, sizeof(path), "%s/tests/pages/%s.txt", getenv("TOPC_DATADIR"), method);
	return path;
}

static void import_page(const char *method, struct topc_form *f)
{
	struct topc_error err = {0};
	char *text = read_text(page_path(method));

	if (topc_form_import(text, method, f, &err) != TOPC_OK)
		fail_msg("import %s: %s", method, err.msg);
	free(text);
}

/* imported is method's shipped form; released. */
static void assert_shipped(const char *method, struct topc_form *imported, const char *how)
{
	struct topc_form shipped;
	struct topc_error err = {0};
	char path[1024], what[512];

	snprintf(path, sizeof(path), "%s/forms/%s.conf", getenv("TOPC_DATADIR"), method);
	if (topc_form_load_file(path, &shipped, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
	if (!topc_form_equal(imported, &shipped, what, sizeof(what)))
		fail_msg("%s%s: imported vs shipped: %s", method, how, what);
	topc_form_release(imported);
	topc_form_release(&shipped);
}

static void seeds_match_shipped_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		struct topc_form imported;
		import_page(methods[i], &imported);
		assert_shipped(methods[i], &imported, "");
	}
}

/* The jym page with `from` replaced by `to` must be refused with `needle`. */
static void expect_refused(const char *from, const char *to, const char *needle)
{
	char *text = read_text(page_path(methods[0]));
	char *at = strstr(text, from);
	struct topc_buf page;
	struct topc_form f;
	struct topc_error err = {0};

	if (!at)
		fail_msg("\"%s\" is not in the page", from);
	topc_buf_init(&page, 0);
	assert_int_equal(topc_buf_add(&page, text, (size_t)(at - text)), TOPC_OK);
	assert_int_equal(topc_buf_adds(&page, to), TOPC_OK);
	assert_int_equal(topc_buf_adds(&page, at + strlen(from)), TOPC_OK);
	if (topc_form_import(topc_buf_str(&page), "page.txt", &f, &err) == TOPC_OK)
		fail_msg("accepted the page with \"%s\" as \"%s\"", from, to);
	if (!strstr(err.msg, needle))
		fail_msg("expected \"%s\" in: %s", needle, err.msg);
	assert_null(f.method); /* nothing half made */
	assert_int_equal(f.request.nfields, 0);
	topc_buf_release(&page);
	free(text);
}

static void malformed_pages(void **state)
{
	struct topc_form f;
	struct topc_error err = {0};

	(void)state;
	assert_int_equal(topc_form_import("", "empty.txt", &f, &err), TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "empty.txt:1: expected the method line"));
	assert_int_equal(topc_form_import("just some text\nnothing else\n", "x.txt", &f, &err),
			 TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "expected the method line"));
	expect_refused("请求参数\n", "请求参数表\n", "no line \"请求参数\"");
	expect_refused("名称 类型 是否必须 示例值 更多限制 描述", "Name Type Required",
		       "page.txt:11: expected the request table's header");
	expect_refused(
	    "user_id Number 必须", "user_id Number 也许",
	    "page.txt:12: expected 必须 or 可选 after the type of user_id, found \"也许\"");
	expect_refused("template_id Number 必须", "template_id 数字 必须",
		       "page.txt:14: expected the type of template_id");
	expect_refused("响应参数\n", "响应\n", "no line \"响应参数\"");
	expect_refused("  • └ redirect_url\n  • String\n  • 可选\n",
		       "  • └ redirect_url\n  • String\n  • 大概\n",
		       "page.txt:22: expected 必须 or 可选 for redirect_url, found \"大概\"");
	expect_refused("  • 标题\n  • 标题\n", "  • 标题\n  • 标题\n  • 多余\n",
		       "page.txt:35: expected at most an example and a description for title");
	expect_refused("message_id String 必须 wetgeh4yhgsg 消息唯一ID\n",
		       "message_id String 必须 wetgeh4yhgsg 消息唯一ID\n  • 多余\n",
		       "page.txt:14: message_id is a String, yet bullet lines follow it");
	expect_refused("user_id Number 必须", "  • user_id Number 必须",
		       "page.txt:12: expected a parameter row, found the bullet line");
}

/* topc_form_equal finds a difference deep in the tree and names it. */
static void equal_names_the_difference(void **state)
{
	struct topc_form a, b, c;
	char what[512];

	(void)state;
	import_page(methods[2], &a);
	import_page(methods[2], &b);
	assert_true(topc_form_equal(&a, &b, what, sizeof(what)));
	free(b.request.fields[12].fields[1].prose.choices[1].label);
	b.request.fields[12].fields[1].prose.choices[1].label = strdup("亮");
	assert_false(topc_form_equal(&a, &b, what, sizeof(what)));
	assert_string_equal(what,
			    "request.oppo_sp.notify_style: choice label differs: \"长文本\" vs "
			    "\"亮\" (in prose)");
	/* numbers are named as numbers: a count (oppo_sp has nine fields on
	 * the page, show_time to is_top), a limit, the error code */
	import_page(methods[2], &c);
	c.request.fields[12].nfields--;
	assert_false(topc_form_equal(&a, &c, what, sizeof(what)));
	assert_string_equal(what, "request.oppo_sp: number of fields differs: \"9\" vs \"8\"");
	c.request.fields[12].nfields++;
	c.request.fields[0].c.max_length = 77;
	assert_false(topc_form_equal(&c, &a, what, sizeof(what)));
	assert_non_null(strstr(what, ": max_length differs: \"77\" vs \""));
	c.request.fields[0].c.max_length = a.request.fields[0].c.max_length;
	c.error.present = true;
	c.error.code = 15;
	a.error.present = false; /* -1: no code */
	assert_false(topc_form_equal(&c, &a, what, sizeof(what)));
	assert_string_equal(what, "error: code differs: \"15\" vs \"-1\"");
	a.error.present = c.error.present = b.error.present;
	c.error.code = b.error.code;
	assert_true(topc_form_equal(&a, &c, what, sizeof(what)));
	topc_form_release(&c);
	topc_form_release(&a);
	topc_form_release(&b);
}

/* tests/pages/layouts/limits-session-empty.txt: 更多限制 bullets with
 * 最大列表长度 and 最大长度, a 可选值 list, 幂等ID, limits on a nested field,
 * execute(req, sessionKey), *err_code fields and empty response elements.
 * Every expected value is read off the page by eye. */
static void layout_limits_session_empty(void **state)
{
	struct topc_form f;
	struct topc_buf notes;
	struct topc_error err = {0};
	const struct topc_field *fd;
	char *text = read_text(page_path("layouts/limits-session-empty"));

	(void)state;
	topc_buf_init(&notes, 0);
	assert_int_equal(topc_form_import_noting(text, "p", &f, &notes, &err), TOPC_OK);
	assert_int_equal(notes.len, 0); /* a whole page */
	assert_true(f.session);
	fd = topc_field_find(&f.request, "num_iids");
	assert_int_equal(fd->c.max_list_size, 20);
	assert_int_equal(fd->c.max_length, 0); /* 最大列表长度 is not 最大长度 */
	fd = topc_field_find(&f.request, "fields");
	assert_int_equal(fd->c.max_list_size, 4);
	assert_int_equal(fd->c.nchoices, 4); /* 可选值: formal */
	assert_string_equal(fd->c.choices[2].value, "skus.quantity");
	assert_int_equal(topc_field_find(&f.request, "notify_text")->c.max_length, 10);
	assert_int_equal(topc_field_find(&f.request, "request_key")->c.unique, TOPC_UNIQUE_SEND);
	fd = topc_field_find(&f.request, "notify_dto.level");
	assert_true(fd->c.has_min && fd->c.min == 0 && fd->c.has_max && fd->c.max == 3);
	/* empty elements of the response example become empty examples */
	assert_string_equal(topc_field_find(&f.response, "biz_err_code")->example, "");
	assert_string_equal(topc_field_find(&f.response, "result.remark")->example, "");
	assert_string_equal(topc_field_find(&f.response, "result.notified")->example, "2");
	assert_int_equal(f.nsuccess, 1);
	assert_string_equal(f.success[0].field, "biz_err_code");
	topc_form_release(&f);
	topc_buf_release(&notes);
	free(text);
}

/* A page cut short imports and says what it lacks. */
static void page_cut_short(void **state)
{
	struct topc_form f;
	struct topc_buf notes;
	struct topc_error err = {0};
	char *text = read_text(page_path("taobao.tpn.template.message.send"));
	char *cut = strstr(text, "error_msg String");

	(void)state;
	*cut = '\0'; /* in the middle of the response table */
	topc_buf_init(&notes, 0);
	assert_int_equal(topc_form_import_noting(text, "cut.txt", &f, &notes, &err), TOPC_OK);
	assert_int_equal(f.response.nfields, 1);
	assert_non_null(
	    strstr(topc_buf_str(&notes), "cut.txt: the page ends in the response table"));
	assert_non_null(strstr(topc_buf_str(&notes), "no response example"));
	assert_non_null(strstr(topc_buf_str(&notes), "no request example"));
	topc_form_release(&f);
	topc_buf_release(&notes);
	free(text);
}

/* Each page's form as form-file text (what import-doc prints) reads back as
 * the same form. */
static void form_text_reads_back(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		struct topc_form f, back;
		struct topc_buf text;
		struct topc_error err;
		char what[512];
		import_page(methods[i], &f);
		topc_buf_init(&text, 0);
		assert_int_equal(topc_form_text(&f, &text, &err), TOPC_OK);
		assert_non_null(strstr(topc_buf_str(&text), methods[i]));
		if (topc_form_load_string(topc_buf_str(&text), "printed.conf", &back, &err) !=
		    TOPC_OK)
			fail_msg("%s: %s", methods[i], err.msg);
		if (!topc_form_equal(&f, &back, what, sizeof(what)))
			fail_msg("%s: %s", methods[i], what);
		topc_buf_release(&text);
		topc_form_release(&back);
		topc_form_release(&f);
	}
}

/* A browser copies a table's cells with a tab between them (Firefox,
 * Chrome): the seed pages with each run of spaces in their table rows and
 * headers as one tab, an empty 更多限制 cell as two, give the shipped forms
 * as the pages with spaces do.  It stopped at the first row ("expected a
 * parameter name at the start of the row"). */
static void cells_separated_by_tabs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		char *text = read_text(page_path(methods[i]));
		struct topc_form imported;
		struct topc_error err = {0};
		struct topc_buf page;
		size_t rows = 0;

		topc_buf_init(&page, 0);
		for (char *line = text, *nl; *line; line = nl + 1) {
			size_t len = (nl = strchr(line, '\n')) ? (size_t)(nl - line) : strlen(line);
			/* a table row: a name, a space and a type, or a header */
			size_t name = strspn(line, "abcdefghijklmnopqrstuvwxyz0123456789_");
			bool row = (name && line[name] == ' ' && line[name + 1] >= 'A' &&
				    line[name + 1] <= 'Z') ||
				   strncmp(line, "名称 类型", strlen("名称 类型")) == 0;
			rows += row && line[0] != ' ';
			for (size_t k = 0; k < len; k++) {
				if (!row || line[0] == ' ' || line[k] != ' ') {
					assert_int_equal(topc_buf_add(&page, line + k, 1), TOPC_OK);
					continue;
				}
				assert_int_equal(
				    topc_buf_adds(&page, k == strcspn(line, " ") && (size_t)i % 2
							     ? "\t\t"
							     : "\t"),
				    TOPC_OK);
				while (k + 1 < len && line[k + 1] == ' ')
					k++;
			}
			assert_int_equal(topc_buf_adds(&page, "\n"), TOPC_OK);
			if (!nl)
				break;
		}
		if (rows < 2)
			fail_msg("%s: %zu rows", methods[i], rows); /* a header and a row */
		if (topc_form_import(topc_buf_str(&page), methods[i], &imported, &err) != TOPC_OK)
			fail_msg("%s with tabs: %s", methods[i], err.msg);
		assert_shipped(methods[i], &imported, " with tabs");
		topc_buf_release(&page);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(seeds_match_shipped_forms),
	    cmocka_unit_test(malformed_pages),
	    cmocka_unit_test(equal_names_the_difference),
	    cmocka_unit_test(layout_limits_session_empty),
	    cmocka_unit_test(page_cut_short),
	    cmocka_unit_test(form_text_reads_back),
	    cmocka_unit_test(cells_separated_by_tabs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
