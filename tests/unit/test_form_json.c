/* The form layer's JSON (exact numbers, the Java SDK's escaping) and the two
 * kinds of rules.  Expected texts are written out from the SDK's
 * JSONWriter.string() and RequestCheckUtils rules, never taken from topc. */
#include "test_header.h"

#include "form/form.h"
#include "form/form_json.h"
#include "form/form_store.h"
#include "form/form_value.h"
#include "form/form_read.h"

static char *java(const char *s)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_java_string(&b, s), TOPC_OK);
	return topc_buf_detach(&b, NULL);
}

static void java_escapes(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"", "\"\""},
	    {"a/b", "\"a\\/b\""},
	    {"\"\\", "\"\\\"\\\\\""},
	    {"\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""},
	    {"\x01\x1f", "\"\\u0001\\u001F\""},
	    {"\x7f", "\"\\u007F\""},
	    /* U+0080, U+0085, U+009F: C1 controls, escaped; U+00A0 is not */
	    {"\xc2\x80\xc2\x85\xc2\x9f\xc2\xa0", "\"\\u0080\\u0085\\u009F\xc2\xa0\""},
	    /* continuation bytes 0x80-0x9F of other characters stay raw */
	    {"\xe4\xb8\x80\xe4\xb8\xad", "\"\xe4\xb8\x80\xe4\xb8\xad\""},
	    {"\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""},
	    /* these three as JSONWriter(false, true).write(String) gave them on
	     * JDK 17: U+2028 and U+2029 raw (no ISO controls, though JavaScript
	     * source would need them escaped), "</" as "<\/" (its / rule), and
	     * U+200B and U+FEFF raw */
	    {"\xe2\x80\xa8\xe2\x80\xa9", "\"\xe2\x80\xa8\xe2\x80\xa9\""},
	    {"</script>", "\"<\\/script>\""},
	    {"\xe2\x80\x8b\xef\xbb\xbf", "\"\xe2\x80\x8b\xef\xbb\xbf\""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = java(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

static void exact_numbers(void **state)
{
	struct topc_jnode n;
	struct topc_buf b;
	char why[200];
	const char *text =
	    "{\"id\":1234567890123456789,\"f\":1.50,\"e\":-0.0e+1,\"s\":\"\\u4e2d\\ud83d"
	    "\\ude00\",\"a\":[true,false,null]}";

	(void)state;
	assert_true(topc_jnode_parse(text, strlen(text), &n, why, sizeof(why)));
	assert_string_equal(topc_jnode_member(&n, "id")->text, "1234567890123456789");
	assert_string_equal(topc_jnode_member(&n, "s")->text, "\xe4\xb8\xad\xf0\x9f\x98\x80");
	topc_buf_init(&b, 0);
	assert_int_equal(topc_jnode_write(&n, &b), TOPC_OK);
	assert_string_equal(topc_buf_str(&b),
			    "{\"id\":1234567890123456789,\"f\":1.50,\"e\":-0.0e+1,"
			    "\"s\":\"\xe4\xb8\xad\xf0\x9f\x98\x80\",\"a\":[true,"
			    "false,null]}");
	topc_buf_release(&b);
	topc_jnode_release(&n);
}

static void refusals(void **state)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
	    {"{\"a\":1", "ends early (truncated) after 6 of 6 bytes"},
	    {"{\"a\":\"x", "ends early (truncated) after 7 of 7 bytes"},
	    {"{\"a\":01}", "expected , or } at byte 6 of 8"},
	    {"{\"a\":1}x", "something follows the JSON value at byte 7 of 8"},
	    {"\"\\u0000\"", "NUL character (U+0000) cannot be held"},
	    {"\"\\ud800\"", "a lone UTF-16 surrogate"},
	    {"[1,]", "not a JSON value at byte 3 of 4"},
	    {"\"a\tb\"", "a raw control character"},
	};
	struct topc_jnode n;
	char why[200];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_false(
		    topc_jnode_parse(cases[i].text, strlen(cases[i].text), &n, why, sizeof(why)));
		if (!strstr(why, cases[i].why))
			fail_msg("%s: \"%s\" lacks \"%s\"", cases[i].text, why, cases[i].why);
	}
}

static void canonical_integers(void **state)
{
	char out[32];

	(void)state;
	assert_true(topc_integer_canonical("01", out, sizeof(out)));
	assert_string_equal(out, "1");
	assert_true(topc_integer_canonical("-0", out, sizeof(out)));
	assert_string_equal(out, "0");
	assert_true(topc_integer_canonical("-9223372036854775808", out, sizeof(out)));
	assert_string_equal(out, "-9223372036854775808");
	assert_false(topc_integer_canonical("9223372036854775808", out, sizeof(out)));
	assert_false(topc_integer_canonical("+1", out, sizeof(out)));
	assert_false(topc_integer_canonical("1.0", out, sizeof(out)));
	assert_false(topc_integer_canonical("-", out, sizeof(out)));
}

static const char limits_form[] =
    "method = \"taobao.x.y\";\n"
    "request = (\n"
    "  { name = \"ids\"; type = \"String []\"; required = false; max_list_size = 2; },\n"
    "  { name = \"t\"; type = \"String\"; required = false; max_length = 3;\n"
    "    prose = { format = \"uuid\"; }; },\n"
    "  { name = \"n\"; type = \"Number\"; required = false; max = 5; prose = { min = 2; }; }\n"
    ");\n"
    "rules = ( { from = \"formal\"; field = \"t\"; only_when = \"n\"; equals = \"3\"; } );\n";

/* The one problem at path, or fail. */
static const struct topc_form_problem *one(const struct topc_form *f, const char *path,
					   const char *value, struct topc_form_problems *p)
{
	struct topc_params values;
	struct topc_error err = {0};

	topc_params_init(&values);
	topc_form_problems_init(p);
	assert_int_equal(topc_form_set(f, &values, path, value, &err), TOPC_OK);
	topc_form_validate(f, &values, NULL, p);
	topc_params_release(&values);
	return p->count ? &p->items[0] : NULL;
}

static void two_kinds_of_rules(void **state)
{
	struct topc_form f;
	struct topc_error err = {0};
	struct topc_form_problems p;
	const struct topc_form_problem *pr;

	(void)state;
	assert_int_equal(topc_form_load_string(limits_form, "limits.conf", &f, &err), TOPC_OK);
	/* checkMaxListSize: Java's split(",") drops trailing empty elements */
	assert_null(one(&f, "ids", "a,b,,", &p));
	topc_form_problems_release(&p);
	pr = one(&f, "ids", "a,b,c", &p);
	assert_non_null(pr);
	assert_int_equal(pr->severity, TOPC_SEVERITY_ERROR);
	assert_non_null(strstr(pr->msg, "has 3 elements; at most 2"));
	topc_form_problems_release(&p);
	/* checkMaxLength counts String.length(): an emoji is two UTF-16 units */
	assert_non_null(pr = one(&f, "t", "ab\xf0\x9f\x98\x80", &p));
	assert_int_equal(pr->severity, TOPC_SEVERITY_ERROR);
	assert_non_null(strstr(pr->msg, "is 4 characters long; at most 3"));
	topc_form_problems_release(&p);
	/* three UTF-16 units: within the limit, but not a UUID (prose) and t
	 * only when n is 3 (a formal rule) */
	assert_non_null(pr = one(&f, "t", "\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad", &p));
	assert_int_equal(p.count, 2);
	assert_int_equal(p.items[0].severity, TOPC_SEVERITY_WARNING);
	assert_non_null(strstr(p.items[0].msg, "is not a UUID"));
	assert_int_equal(p.items[1].severity, TOPC_SEVERITY_ERROR);
	assert_int_equal(topc_form_problems_count(&p, TOPC_SEVERITY_ERROR), 1);
	topc_form_problems_strict(&p);
	assert_int_equal(topc_form_problems_count(&p, TOPC_SEVERITY_ERROR), 2);
	topc_form_problems_release(&p);
	/* a formal maximum refuses, a prose minimum warns */
	assert_non_null(pr = one(&f, "n", "6", &p));
	assert_int_equal(pr->severity, TOPC_SEVERITY_ERROR);
	topc_form_problems_release(&p);
	assert_non_null(pr = one(&f, "n", "1", &p));
	assert_int_equal(pr->severity, TOPC_SEVERITY_WARNING);
	topc_form_problems_release(&p);
	topc_form_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(java_escapes),	  cmocka_unit_test(exact_numbers),
	    cmocka_unit_test(refusals),		  cmocka_unit_test(canonical_integers),
	    cmocka_unit_test(two_kinds_of_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
