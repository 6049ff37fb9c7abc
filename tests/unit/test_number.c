/* number: JSON's number grammar (topc_number_json) and the readers that use
 * it.  The cases are JSONTestSuite's (github.com/nst/JSONTestSuite,
 * test_parsing/, each named after its file: y_ must be accepted, n_ refused,
 * i_ are numbers out of a double's range, which the grammar takes) and the
 * numbers of RFC 8259's examples (sections 6 and 13); the text is what the
 * file holds between its brackets. */
#include "test_header.h"

#include <limits.h>

#include "base/mask_lex.h"
#include "base/number.h"
#include "ext/json.h"
#include "form/form_json.h"

struct number_case {
	const char *name, *text;
	bool number;
};

static const struct number_case cases[] = {
    {"i_number_double_huge_neg_exp", "123.456e-789", true},
    {"i_number_huge_exp",
     "0."
     "4e0066999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
     "9999999999999999999999999999969999999006",
     true},
    {"i_number_neg_int_huge_exp", "-1e+9999", true},
    {"i_number_pos_double_huge_exp", "1.5e+9999", true},
    {"i_number_real_neg_overflow", "-123123e100000", true},
    {"i_number_real_pos_overflow", "123123e100000", true},
    {"i_number_real_underflow", "123e-10000000", true},
    {"i_number_too_big_neg_int", "-123123123123123123123123123123", true},
    {"i_number_too_big_pos_int", "100000000000000000000", true},
    {"i_number_very_big_negative_int", "-237462374673276894279832749832423479823246327846", true},
    {"n_number_++", "++1234", false},
    {"n_number_+1", "+1", false},
    {"n_number_+Inf", "+Inf", false},
    {"n_number_-01", "-01", false},
    {"n_number_-1.0.", "-1.0.", false},
    {"n_number_-2.", "-2.", false},
    {"n_number_-NaN", "-NaN", false},
    {"n_number_.-1", ".-1", false},
    {"n_number_.2e-3", ".2e-3", false},
    {"n_number_0.1.2", "0.1.2", false},
    {"n_number_0.3e+", "0.3e+", false},
    {"n_number_0.3e", "0.3e", false},
    {"n_number_0.e1", "0.e1", false},
    {"n_number_0_capital_E+", "0E+", false},
    {"n_number_0_capital_E", "0E", false},
    {"n_number_0e+", "0e+", false},
    {"n_number_0e", "0e", false},
    {"n_number_1.0e+", "1.0e+", false},
    {"n_number_1.0e-", "1.0e-", false},
    {"n_number_1.0e", "1.0e", false},
    {"n_number_1_000", "1 000.0", false},
    {"n_number_1eE2", "1eE2", false},
    {"n_number_2.e+3", "2.e+3", false},
    {"n_number_2.e-3", "2.e-3", false},
    {"n_number_2.e3", "2.e3", false},
    {"n_number_9.e+", "9.e+", false},
    {"n_number_Inf", "Inf", false},
    {"n_number_NaN", "NaN", false},
    {"n_number_U+FF11_fullwidth_digit_one",
     "\xef\xbc"
     "\x91",
     false},
    {"n_number_expression", "1+2", false},
    {"n_number_hex_1_digit", "0x1", false},
    {"n_number_hex_2_digits", "0x42", false},
    {"n_number_infinity", "Infinity", false},
    {"n_number_invalid+-", "0e+-1", false},
    {"n_number_invalid-negative-real", "-123.123foo", false},
    {"n_number_invalid-utf-8-in-bigger-int", "123\xe5", false},
    {"n_number_invalid-utf-8-in-exponent", "1e1\xe5", false},
    {"n_number_invalid-utf-8-in-int", "0\xe5", false},
    {"n_number_minus_infinity", "-Infinity", false},
    {"n_number_minus_sign_with_trailing_garbage", "-foo", false},
    {"n_number_minus_space_1", "- 1", false},
    {"n_number_neg_int_starting_with_zero", "-012", false},
    {"n_number_neg_real_without_int_part", "-.123", false},
    {"n_number_neg_with_garbage_at_end", "-1x", false},
    {"n_number_real_garbage_after_e", "1ea", false},
    {"n_number_real_with_invalid_utf8_after_e", "1e\xe5", false},
    {"n_number_real_without_fractional_part", "1.", false},
    {"n_number_starting_with_dot", ".123", false},
    {"n_number_with_alpha", "1.2a-3", false},
    {"n_number_with_alpha_char", "1.8011670033376514H-308", false},
    {"n_number_with_leading_zero", "012", false},
    {"y_number", "123e65", true},
    {"y_number_0e+1", "0e+1", true},
    {"y_number_0e1", "0e1", true},
    {"y_number_after_space", " 4", true},
    {"y_number_double_close_to_zero",
     "-0.000000000000000000000000000000000000000000000000000000000000000000000000000001", true},
    {"y_number_int_with_exp", "20e1", true},
    {"y_number_minus_zero", "-0", true},
    {"y_number_negative_int", "-123", true},
    {"y_number_negative_one", "-1", true},
    {"y_number_negative_zero", "-0", true},
    {"y_number_real_capital_e", "1E22", true},
    {"y_number_real_capital_e_neg_exp", "1E-2", true},
    {"y_number_real_capital_e_pos_exp", "1E+2", true},
    {"y_number_real_exponent", "123e45", true},
    {"y_number_real_fraction_exponent", "123.456e78", true},
    {"y_number_real_neg_exp", "1e-2", true},
    {"y_number_real_pos_exponent", "1e+2", true},
    {"y_number_simple_int", "123", true},
    {"y_number_simple_real", "123.456789", true},
    /* RFC 8259 section 13's examples, and section 6's 1E400 and pi */
    {"rfc8259_width", "800", true},
    {"rfc8259_ids", "38793", true},
    {"rfc8259_latitude", "37.7668", true},
    {"rfc8259_longitude", "-122.3959", true},
    {"rfc8259_longitude_2", "-122.026020", true},
    {"rfc8259_text", "42", true},
    {"rfc8259_range", "1E400", true},
    {"rfc8259_precision", "3.141592653589793238462643383279", true},
    /* what the brief names, and the empty text */
    {"minus_alone", "-", false},
    {"exp_alone", "1e", false},
    {"dot_first", ".5", false},
    {"empty", "", false},
};

/* The text without the array's own spaces (y_number_after_space is "[ 4]"). */
static void trimmed(const char *text, const char **s, size_t *n)
{
	*s = text;
	*n = strlen(text);
	while (*n && **s == ' ') {
		(*s)++;
		(*n)--;
	}
}

static void whole_numbers_as_the_suite_says(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *s;
		size_t n, end = 12345;
		bool ok;
		trimmed(cases[i].text, &s, &n);
		ok = topc_number_json(s, n, &end);
		if ((ok && end == n) != cases[i].number)
			fail_msg("%s: \"%s\" read as %s (end %zu of %zu)", cases[i].name, s,
				 ok ? "a number" : "no number", end, n);
		assert_true(end <= n);
	}
}

/* Every reader agrees with the grammar on the suite's files: the strict
 * scanner (topc_json_valid), the form layer's exact reader, and the mask's
 * bare scalar (a number alone is a JSON document, anything else text). */
static void every_reader_agrees(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char doc[512];
		size_t off;
		struct topc_jnode node;
		struct topc_error why;
		int len = snprintf(doc, sizeof(doc), "[%s]", cases[i].text);
		bool read;
		if (!*cases[i].text)
			continue; /* "[]" is an array */
		assert_true(len > 0 && (size_t)len < sizeof(doc));
		if (topc_json_valid(doc, (size_t)len, &off) != cases[i].number)
			fail_msg("%s: topc_json_valid says %s", cases[i].name,
				 cases[i].number ? "no" : "yes");
		read = topc_jnode_read(doc, (size_t)len, &node, &why);
		if (read)
			topc_jnode_release(&node);
		if (read != cases[i].number)
			fail_msg("%s: topc_jnode_read says %s", cases[i].name,
				 cases[i].number ? why.msg : "yes");
		if ((topc_mask_doc_of(cases[i].text, strlen(cases[i].text)) ==
		     TOPC_MASK_DOC_JSON) != cases[i].number)
			fail_msg("%s: topc_mask_doc_of disagrees", cases[i].name);
	}
}

/* Where the scan stops: after the number, or where a digit is missing. */
static void where_it_stops(void **state)
{
	static const struct {
		const char *text;
		bool ok;
		size_t end;
	} stops[] = {
	    {"-0", true, 2},	{"1E+2", true, 4}, {"01", true, 1},	  {"-01", true, 2},
	    {"0.5,", true, 3},	{"1]", true, 1},   {"1.", false, 2},	  {"-", false, 1},
	    {".5", false, 0},	{"+1", false, 0},  {"1e", false, 2},	  {"1e+x", false, 3},
	    {"2.e3", false, 2}, {"-a", false, 1},  {"1.5e-07x", true, 7}, {"", false, 0},
	};

	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
		size_t end = 99;
		bool ok = topc_number_json(stops[i].text, strlen(stops[i].text), &end);
		if (ok != stops[i].ok || end != stops[i].end)
			fail_msg("\"%s\": %d at %zu, expected %d at %zu", stops[i].text, ok, end,
				 stops[i].ok, stops[i].end);
	}
	/* n bounds the scan: no NUL needed, and none read past */
	{
		size_t end;
		assert_true(topc_number_json("12345", 3, &end));
		assert_int_equal(end, 3);
		assert_false(topc_number_json("1.5", 2, &end));
		assert_int_equal(end, 2);
	}
}

/* The readers say where the digit is missing, in bytes from the start. */
static void readers_name_the_byte(void **state)
{
	size_t off = 0;
	struct topc_jnode node;
	struct topc_error why;

	assert_false(topc_json_valid("[1.x]", 5, &off));
	assert_int_equal(off, 3);
	assert_false(topc_jnode_read("{\"a\":-}", 7, &node, &why));
	assert_non_null(strstr(why.msg, "at byte 6 of 7"));
}

/* Hex digits in either case, nothing else (not the fullwidth ones). */
static void hex_digits(void **state)
{
	static const char digits[] = "0123456789abcdef", upper[] = "ABCDEF";

	for (int i = 0; i < 16; i++)
		assert_int_equal(topc_number_hex_digit(digits[i]), i);
	for (int i = 0; i < 6; i++)
		assert_int_equal(topc_number_hex_digit(upper[i]), 10 + i);
	for (const char *c = "gG/:@`x -+\x80\xff"; *c; c++)
		assert_int_equal(topc_number_hex_digit(*c), -1);
	assert_int_equal(topc_number_hex_digit('\0'), -1);
}

/* topc_number_parse: whole numbers only, in range. */
static void whole_numbers_parse(void **state)
{
	long long v = 7;

	assert_true(topc_number_parse("-0", LLONG_MIN, LLONG_MAX, &v));
	assert_int_equal(v, 0);
	assert_true(topc_number_parse("9223372036854775807", LLONG_MIN, LLONG_MAX, &v));
	assert_true(v == LLONG_MAX);
	v = 7;
	assert_false(topc_number_parse("9223372036854775808", LLONG_MIN, LLONG_MAX, &v));
	assert_false(topc_number_parse("42abc", LLONG_MIN, LLONG_MAX, &v));
	assert_false(topc_number_parse("+1", LLONG_MIN, LLONG_MAX, &v));
	assert_false(topc_number_parse(" 1", LLONG_MIN, LLONG_MAX, &v));
	assert_false(topc_number_parse("-", LLONG_MIN, LLONG_MAX, &v));
	assert_false(topc_number_parse("", LLONG_MIN, LLONG_MAX, &v));
	assert_false(topc_number_parse("11", 0, 10, &v));
	assert_int_equal(v, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(whole_numbers_as_the_suite_says),
	    cmocka_unit_test(every_reader_agrees),
	    cmocka_unit_test(where_it_stops),
	    cmocka_unit_test(readers_name_the_byte),
	    cmocka_unit_test(hex_digits),
	    cmocka_unit_test(whole_numbers_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
