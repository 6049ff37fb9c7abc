/* mask: every spelling of a secret in an answer becomes its label, URL
 * passwords are shown as ***.  The spellings expected here are what
 * Python's json.dumps, urllib.parse.quote and base64 write, Go's
 * encoding/json (\u0026 \u003c \u003e), and XML's entities; a masked
 * answer must parse as the unmasked one did (libxml2, cJSON). */
#include <stdio.h>

#include "test_header.h"

#include "base/mask.h"
#include "ext/json.h"
#include "ext/xml.h"

static char *masked(const struct topc_mask *m, const char *text)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_buf_adds(&b, text), TOPC_OK);
	assert_int_equal(topc_mask_apply(m, &b), TOPC_OK);
	return topc_buf_detach(&b, NULL);
}

static void expect_masked(const struct topc_mask *m, const char *text, const char *want)
{
	char *got = masked(m, text);

	assert_string_equal(got, want);
	free(got);
}

static void test_mask_every_spelling(void **state)
{
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "k/+\xe7\xa7\x98\"x", TOPC_MASK_SECRET));
	/* json.dumps (ASCII), json.dumps(ensure_ascii=False), quote(safe=""),
	 * PHP's "\/", XML's &quot; */
	expect_masked(&m, "{\"a\":\"k/+\\u79d8\\\"x\"}", "{\"a\":\"***secret***\"}");
	expect_masked(&m, "{\"a\":\"k/+\xe7\xa7\x98\\\"x\"}", "{\"a\":\"***secret***\"}");
	expect_masked(&m, "s=k%2F%2B%E7%A7%98%22x&b=1", "s=***secret***&b=1");
	expect_masked(&m, "k\\/+\\u79D8\\\"x", "***secret***");
	expect_masked(&m, "<a>k/+\xe7\xa7\x98&quot;x</a>", "<a>***secret***</a>");
	expect_masked(&m, "k/+\xe7\xa7\x98\"xk/+\xe7\xa7\x98\"x", "***secret******secret***");
	expect_masked(&m, "k/+\xe7\xa7\x98\"", "k/+\xe7\xa7\x98\""); /* a prefix is not it */
	(void)state;
}

static void test_mask_longest_first_and_short_values(void **state)
{
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "abcdefgh", "[a]"));
	assert_true(topc_mask_add_secret(&m, "abcdefghij", "[b]"));
	assert_true(topc_mask_add_secret(&m, "xyz1234", "[c]")); /* under TOPC_MASK_MIN */
	expect_masked(&m, "abcdefghijabcdefgh xyz1234", "[b][a] xyz1234");
	/* overlapping occurrences are masked as one, never half shown */
	expect_masked(&m, "abcdefghabcdefgh", "[a][a]");
	expect_masked(&m, "", "");
	(void)state;
}

static void test_mask_basic_and_url(void **state)
{
	struct topc_mask m;
	char *u;

	topc_mask_init(&m);
	assert_true(topc_mask_add_url(&m, "http://guser:p%40ssw0rd-9@127.0.0.1:9/r", "***"));
	/* base64(b"guser:p@ssw0rd-9"), the decoded password, and as written */
	expect_masked(&m,
		      "Authorization: Basic Z3VzZXI6cEBzc3cwcmQtOQ==", "Authorization: Basic ***");
	expect_masked(&m, "pw p@ssw0rd-9 p%40ssw0rd-9", "pw *** ***");
	u = topc_mask_url("http://guser:p%40ss@127.0.0.1:9/r?x=a@b");
	assert_string_equal(u, "http://guser:***@127.0.0.1:9/r?x=a@b");
	free(u);
	u = topc_mask_url("puser:pw@proxy:3128");
	assert_string_equal(u, "puser:***@proxy:3128");
	free(u);
	/* no password: nothing to mask, the user name stays visible */
	u = topc_mask_url("http://127.0.0.1@gw.api.taobao.com/router/rest");
	assert_string_equal(u, "http://127.0.0.1@gw.api.taobao.com/router/rest");
	free(u);
	u = topc_mask_url("https://gw.api.taobao.com/router/rest?a=b:c@d");
	assert_string_equal(u, "https://gw.api.taobao.com/router/rest?a=b:c@d");
	free(u);
	(void)state;
}

static void test_mask_fixed_string_and_cap(void **state)
{
	struct topc_mask m;
	char s[16] = "id ab12cd34 end";
	struct topc_buf b;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "ab12cd34", TOPC_MASK_SESSION));
	topc_mask_apply_str(&m, s, sizeof(s));
	assert_string_equal(s, "id ***session**"); /* cut, never unmasked */
	/* a label longer than the value may pass the buffer's cap */
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "qq12qq12", "[a-much-longer-label]"));
	topc_buf_init(&b, 8);
	assert_int_equal(topc_buf_adds(&b, "qq12qq12"), TOPC_OK);
	assert_int_equal(topc_mask_apply(&m, &b), TOPC_OK);
	assert_string_equal(topc_buf_str(&b), "[a-much-longer-label]");
	topc_buf_release(&b);
	(void)state;
}

static bool xml_ok(const char *text)
{
	struct topc_tree t;
	bool ok = topc_xml_tree(text, strlen(text), &t);

	if (ok)
		topc_tree_release(&t);
	return ok;
}

static bool json_ok(const char *text)
{
	size_t at;

	return topc_json_valid(text, strlen(text), &at);
}

/* Tester's D1: an XML answer echoing the session became "unparseable". */
static void test_mask_xml_answer_keeps_parsing(void **state)
{
	static const char head[] = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><error_response>"
				   "<code>27</code><msg>Invalid session:";
	static const char tail[] = "</msg><request_id>r</request_id></error_response>";
	struct topc_mask m;
	char in[512], want[512], *got;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "SessKeyPlugh77", TOPC_MASK_SESSION));
	snprintf(in, sizeof(in), "%sSessKeyPlugh77%s", head, tail);
	snprintf(want, sizeof(want), "%s***session***%s", head, tail);
	assert_true(xml_ok(in));
	got = masked(&m, in);
	assert_string_equal(got, want);
	assert_true(xml_ok(got));
	free(got);
	/* in an attribute, a comment, CDATA: masked and still XML */
	expect_masked(&m,
		      "<a v=\"x SessKeyPlugh77\" w='SessKeyPlugh77'><!-- SessKeyPlugh77 -->"
		      "<![CDATA[SessKeyPlugh77]]></a>",
		      "<a v=\"x ***session***\" w='***session***'><!-- ***session*** -->"
		      "<![CDATA[***session***]]></a>");
	/* a tag's name is the document's syntax: the label there would break it */
	expect_masked(&m, "<SessKeyPlugh77>1</SessKeyPlugh77>",
		      "<SessKeyPlugh77>1</SessKeyPlugh77>");
	/* HTML's unquoted attribute is a value */
	expect_masked(&m, "<a href=/x?session=SessKeyPlugh77>",
		      "<a href=/x?session=***session***>");
	(void)state;
}

/* Tester's D1: session "test" made "test_field" "<session>_field", secret
 * "true" made "success":true unparseable. */
static void test_mask_short_values_leave_answers_alone(void **state)
{
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "test", TOPC_MASK_SESSION));
	assert_true(topc_mask_add_secret(&m, "true", TOPC_MASK_SECRET));
	assert_true(topc_mask_add_secret(&m, "1234567", TOPC_MASK_SECRET));
	expect_masked(&m, "{\"test_field\":1,\"success\":true,\"n\":1234567}",
		      "{\"test_field\":1,\"success\":true,\"n\":1234567}");
	assert_null(topc_mask_holds(&m, "test true 1234567"));
	(void)state;
}

static void test_mask_json_syntax_and_escapes_stay_whole(void **state)
{
	struct topc_mask m;
	char *got;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "1234567890", TOPC_MASK_SECRET));
	/* a number is the document's own; the same in a string is an echo */
	expect_masked(&m, "{\"n\":1234567890,\"s\":\"1234567890\"}",
		      "{\"n\":1234567890,\"s\":\"***secret***\"}");
	/* across a string's end: no echo, and masking it would break it */
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "abc\",\"b\":\"x", TOPC_MASK_SECRET));
	expect_masked(&m, "{\"a\":\"abc\",\"b\":\"x\"}", "{\"a\":\"abc\",\"b\":\"x\"}");
	expect_masked(&m, "{\"a\":\"abc\\\",\\\"b\\\":\\\"x\"}", "{\"a\":\"***secret***\"}");
	/* written as it is, the value starts inside an escape: the whole
	 * escape goes with it, never half of it */
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "u0026abcdefgh", TOPC_MASK_SECRET));
	got = masked(&m, "{\"a\":\"\\u0026abcdefgh\"}");
	assert_string_equal(got, "{\"a\":\"***secret***\"}");
	assert_true(json_ok(got));
	free(got);
	/* fuzz_mask: control bytes before the document are trimmed by the
	 * validator as by the SDK's, so it is JSON there too (masked as text,
	 * [true,false] became [***secret***]) */
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "true,false", TOPC_MASK_SECRET));
	for (const char *const *doc =
		 (const char *const[]){"\x01\x02{\"b\":[true,false]}", "\x0b[true,false]", NULL};
	     *doc; doc++) {
		assert_true(json_ok(*doc));
		got = masked(&m, *doc);
		assert_string_equal(got, *doc);
		free(got);
	}
	/* fuzz_mask: a bare number is a JSON document too (the validator
	 * takes it); its digits are its own as in an object ("456***secret***") */
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "12345678", TOPC_MASK_SECRET));
	expect_masked(&m, "45612345678\n", "45612345678\n");
	expect_masked(&m, "-4.5e12345678", "-4.5e12345678");
	/* and text that only begins as one is text: the echo goes */
	expect_masked(&m, "456 12345678", "456 ***secret***");
	(void)state;
}

/* Tester's B2: Go writes sk\u0026Plugh\u003c77; any character may be
 * escaped, in either case, and "/" as "\/". */
static void test_mask_every_json_escape(void **state)
{
	static const char *const spellings[] = {
	    "sk\\u0026Plugh\\u003c77",
	    "sk\\u0026Plugh\\u003C77",
	    "sk&Plugh<77",
	    "\\u0073\\u006B\\u0026\\u0050\\u006c\\u0075\\u0067\\u0068\\u003c\\u0037\\u0037",
	    "s\\u006b&P\\u006Cugh\\u003c7\\u0037",
	};
	struct topc_mask m;
	char in[256], *got;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "sk&Plugh<77", TOPC_MASK_SESSION));
	for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
		snprintf(in, sizeof(in),
			 "{\"error_response\":{\"code\":27,\"msg\":\"Invalid session: %s\","
			 "\"request_id\":\"r\"}}",
			 spellings[i]);
		got = masked(&m, in);
		assert_string_equal(got, "{\"error_response\":{\"code\":27,\"msg\":\"Invalid "
					 "session: ***session***\",\"request_id\":\"r\"}}");
		free(got);
	}
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "a/b/c\xf0\x9f\x98\x80z", TOPC_MASK_SECRET));
	expect_masked(&m, "[\"a\\/b\\/c\\ud83d\\ude00z\"]", "[\"***secret***\"]");
	expect_masked(&m, "[\"a\\/b/c\\uD83D\\uDE00z\"]", "[\"***secret***\"]");
	/* a text answer that is not JSON: the escapes are read too */
	expect_masked(&m, "error: a\\/b\\/c\\ud83d\\ude00z", "error: ***secret***");
	(void)state;
}

static void test_mask_every_xml_reference(void **state)
{
	static const char *const spellings[] = {
	    "sk&amp;Plugh&lt;77",
	    "sk&#38;Plugh&#60;77",
	    "sk&#x26;Plugh&#x3C;77",
	    "&#115;k&amp;Plugh&#x3c;77",
	};
	struct topc_mask m;
	char in[256], *got;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "sk&Plugh<77", TOPC_MASK_SESSION));
	for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
		snprintf(in, sizeof(in), "<r><msg>x %s</msg><m a=\"%s\"/></r>", spellings[i],
			 spellings[i]);
		assert_true(xml_ok(in));
		got = masked(&m, in);
		assert_string_equal(got,
				    "<r><msg>x ***session***</msg><m a=\"***session***\"/></r>");
		assert_true(xml_ok(got));
		free(got);
	}
	(void)state;
}

/* A secret's spelling in JSON: each character as it is or \uXXXX (either
 * case), "/" maybe as "\/", '"' and '\' always escaped. */
static void json_spell(char *out, size_t size, const char *v, unsigned *seed)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)v; *p && o + 8 < size; p++) {
		unsigned r = (unsigned)rand_r(seed);
		if (*p >= 0x80 || (r % 3 && *p != '"' && *p != '\\'))
			out[o++] = (char)*p; /* non-ASCII is kept as UTF-8 here */
		else if (*p == '/' && r % 2)
			o += (size_t)snprintf(out + o, size - o, "\\/");
		else
			o += (size_t)snprintf(out + o, size - o, r & 4 ? "\\u%04X" : "\\u%04x", *p);
	}
	out[o] = '\0';
}

/* Random documents: strings, numbers, keys, arrays; some strings are the
 * secret in a random spelling.  The masked text must be the document
 * built with the label in those places, and still parse. */
static void test_mask_random_json_documents(void **state)
{
	static const char *const secrets[] = {"canary-SESSION-61a4/b0+e2", "sk&Plugh<77>\"q\\",
					      "6100e23b91a7f5c0d12f"};
	static const char *const noise[] = {
	    "\"true\"", "12345",       "\"\\n\\t\"", "null", "\"\\u00e9t\\u00E9\"",
	    "-1.5e3",	"\"sk&Plugh\""};
	unsigned seed = 20261201;

	for (int round = 0; round < 400; round++) {
		const char *secret = secrets[round % 3];
		struct topc_buf in, want;
		struct topc_mask m;
		char spelled[512], *got;
		int items = 1 + rand_r(&seed) % 8;
		topc_mask_init(&m);
		assert_true(topc_mask_add_secret(&m, secret, TOPC_MASK_SESSION));
		topc_buf_init(&in, 0);
		topc_buf_init(&want, 0);
		assert_int_equal(topc_buf_adds(&in, "{\"r\":["), TOPC_OK);
		assert_int_equal(topc_buf_adds(&want, "{\"r\":["), TOPC_OK);
		for (int i = 0; i < items; i++) {
			int kind = rand_r(&seed) % 4;
			const char *sep = i ? "," : "";
			assert_int_equal(topc_buf_adds(&in, sep) || topc_buf_adds(&want, sep),
					 TOPC_OK);
			if (kind == 0) {
				const char *n = noise[rand_r(&seed) % 7];
				assert_int_equal(topc_buf_adds(&in, n) || topc_buf_adds(&want, n),
						 TOPC_OK);
				continue;
			}
			json_spell(spelled, sizeof(spelled), secret, &seed);
			assert_int_equal(topc_buf_addf(&in,
						       kind == 1   ? "\"%s\""
						       : kind == 2 ? "\"id %s.\""
								   : "{\"%s\":0}",
						       spelled) ||
					     topc_buf_addf(&want,
							   kind == 1   ? "\"%s\""
							   : kind == 2 ? "\"id %s.\""
								       : "{\"%s\":0}",
							   TOPC_MASK_SESSION),
					 TOPC_OK);
		}
		assert_int_equal(topc_buf_adds(&in, "]}") || topc_buf_adds(&want, "]}"), TOPC_OK);
		assert_true(json_ok(in.data));
		got = masked(&m, in.data);
		if (strcmp(got, want.data) != 0)
			fail_msg("round %d:\n  in   %s\n  got  %s\n  want %s", round, in.data, got,
				 want.data);
		assert_true(json_ok(got));
		free(got);
		topc_buf_release(&in);
		topc_buf_release(&want);
	}
	(void)state;
}

static void xml_spell(char *out, size_t size, const char *v, unsigned *seed)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)v; *p && o + 12 < size; p++) {
		unsigned r = (unsigned)rand_r(seed);
		const char *named = *p == '&'	? "&amp;"
				    : *p == '<' ? "&lt;"
				    : *p == '>' ? "&gt;"
				    : *p == '"' ? "&quot;"
						: NULL;
		if (named && r % 3)
			o += (size_t)snprintf(out + o, size - o, "%s", named);
		else if (named || r % 4 == 0)
			o += (size_t)snprintf(out + o, size - o, r & 8 ? "&#x%X;" : "&#%u;", *p);
		else
			out[o++] = (char)*p;
	}
	out[o] = '\0';
}

static void test_mask_random_xml_documents(void **state)
{
	static const char *const secrets[] = {"canary-SESSION-61a4/b0+e2", "sk&Plugh<77>\"q",
					      "6100e23b91a7f5c0d12f"};
	unsigned seed = 977;

	for (int round = 0; round < 400; round++) {
		const char *secret = secrets[round % 3];
		struct topc_buf in, want;
		struct topc_mask m;
		char spelled[512], *got;
		int items = 1 + rand_r(&seed) % 6;
		topc_mask_init(&m);
		assert_true(topc_mask_add_secret(&m, secret, TOPC_MASK_SECRET));
		topc_buf_init(&in, 0);
		topc_buf_init(&want, 0);
		assert_int_equal(topc_buf_adds(&in, "<?xml version=\"1.0\"?><r>") ||
				     topc_buf_adds(&want, "<?xml version=\"1.0\"?><r>"),
				 TOPC_OK);
		for (int i = 0; i < items; i++) {
			static const char *const shapes[][2] = {{"<m>", "</m>"},
								{"<m a=\"", "\"/>"},
								{"<m>x ", " y</m>"},
								{"<!--", "-->"}};
			int kind = rand_r(&seed) % 5;
			if (kind == 4) {
				assert_int_equal(topc_buf_adds(&in, "<code>27</code>") ||
						     topc_buf_adds(&want, "<code>27</code>"),
						 TOPC_OK);
				continue;
			}
			xml_spell(spelled, sizeof(spelled), secret, &seed);
			if (kind == 3) /* a comment holds no references: as it is */
				snprintf(spelled, sizeof(spelled), "%s", secret);
			assert_int_equal(topc_buf_addf(&in, "%s%s%s", shapes[kind][0], spelled,
						       shapes[kind][1]) ||
					     topc_buf_addf(&want, "%s%s%s", shapes[kind][0],
							   TOPC_MASK_SECRET, shapes[kind][1]),
					 TOPC_OK);
		}
		assert_int_equal(topc_buf_adds(&in, "</r>") || topc_buf_adds(&want, "</r>"),
				 TOPC_OK);
		assert_true(xml_ok(in.data));
		got = masked(&m, in.data);
		if (strcmp(got, want.data) != 0)
			fail_msg("round %d:\n  in   %s\n  got  %s\n  want %s", round, in.data, got,
				 want.data);
		assert_true(xml_ok(got));
		free(got);
		topc_buf_release(&in);
		topc_buf_release(&want);
	}
	(void)state;
}

static void test_mask_holds(void **state)
{
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "S3cr3tXyzzyQ9", TOPC_MASK_SECRET));
	assert_true(topc_mask_add_secret(&m, "6100e23b91a7f5c0", TOPC_MASK_SESSION));
	assert_string_equal(topc_mask_holds(&m, "S3cr3tXyzzyQ9"), TOPC_MASK_SECRET);
	assert_string_equal(topc_mask_holds(&m, "Bearer 6100e23b91a7f5c0"), TOPC_MASK_SESSION);
	assert_null(topc_mask_holds(&m, "S3cr3tXyzzy"));
	assert_null(topc_mask_holds(&m, ""));
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mask_every_spelling),
	    cmocka_unit_test(test_mask_longest_first_and_short_values),
	    cmocka_unit_test(test_mask_basic_and_url),
	    cmocka_unit_test(test_mask_fixed_string_and_cap),
	    cmocka_unit_test(test_mask_xml_answer_keeps_parsing),
	    cmocka_unit_test(test_mask_short_values_leave_answers_alone),
	    cmocka_unit_test(test_mask_json_syntax_and_escapes_stay_whole),
	    cmocka_unit_test(test_mask_every_json_escape),
	    cmocka_unit_test(test_mask_every_xml_reference),
	    cmocka_unit_test(test_mask_random_json_documents),
	    cmocka_unit_test(test_mask_random_xml_documents),
	    cmocka_unit_test(test_mask_holds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
