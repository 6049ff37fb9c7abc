/* The doc importer: the four seed pages against the shipped forms, and
 * pages it must refuse with the line and what it expected. */
#include "test_header.h"

#include "buf.h"
#include "file.h"
#include "form.h"
#include "form_import.h"

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

static void seeds_match_shipped_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		struct topc_form imported, shipped;
		struct topc_error err = {0};
		char path[1024], what[512];
		import_page(methods[i], &imported);
		snprintf(path, sizeof(path), "%s/forms/%s.conf", getenv("TOPC_DATADIR"), methods[i]);
		if (topc_form_load_file(path, &shipped, &err) != TOPC_OK)
			fail_msg("%s", err.msg);
		if (!topc_form_equal(&imported, &shipped, what, sizeof(what)))
			fail_msg("%s: imported vs shipped: %s", methods[i], what);
		topc_form_release(&imported);
		topc_form_release(&shipped);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seeds_match_shipped_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
