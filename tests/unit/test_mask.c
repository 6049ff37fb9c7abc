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

/* CI's fuzz_mask: a processing instruction was lexed as a tag, so its
 * quotes paired with quotes in the elements after it and a tag's name
 * there was masked as an attribute's value ("<***secret***>"). */
static void test_mask_processing_instructions(void **state)
{
	static const char odd[] =
	    "<?xmm version=\"1.ncoding=\"utf-8\" ?><error_response><code>27</code>"
	    "<msg>Invalid session:SessKeyPlugh77</msg><a v=\"SessKeyPlugh77\"/>"
	    "<![CDATA[SessKeyPlugh77]]></error_response>";
	struct topc_mask m;
	char *got;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "SessKeyPlugh77", TOPC_MASK_SESSION));
	assert_true(topc_mask_add_secret(&m, "error_response", TOPC_MASK_SECRET));
	assert_true(xml_ok(odd));
	got = masked(&m, odd);
	assert_true(xml_ok(got));
	assert_null(strstr(got, "SessKeyPlugh77"));
	assert_non_null(strstr(got, "<error_response><code>27</code>"));
	free(got);
	/* a PI's data is masked, its target is a name and stays; its data
	 * ends at the first "?>", whatever quotes it holds */
	expect_masked(&m, "<?pi a=\"SessKeyPlugh77 ?><b>SessKeyPlugh77</b>",
		      "<?pi a=\"***session*** ?><b>***session***</b>");
	expect_masked(&m, "<?error_response SessKeyPlugh77?><x/>",
		      "<?error_response ***session***?><x/>");
	expect_masked(&m, "<?pi x?y SessKeyPlugh77?><x/>", "<?pi x?y ***session***?><x/>");
	/* no name goes on past a byte no name holds: what follows is the
	 * PI's data (a review: "<?>" made the rest up to a space syntax) */
	expect_masked(&m, "<r><?>SessKeyPlugh77</r>", "<r><?>***session***</r>");
	expect_masked(&m, "<r><?q=SessKeyPlugh77?></r>", "<r><?q=***session***?></r>");
	/* "<!" is a DOCTYPE's only where it says so; else a tag, as it was */
	expect_masked(&m, "<r><!x a=SessKeyPlugh77></r>", "<r><!x a=***session***></r>");
	(void)state;
}

/* A review: a DOCTYPE's syntax bytes ( ) | , * + % ; # were taken as
 * syntax in a tag's name too, where no name holds them, so a secret's
 * form spelling there was left as it was. */
static void test_mask_decl_syntax_only_in_a_doctype(void **state)
{
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "abc/def+ghij", TOPC_MASK_SESSION));
	expect_masked(&m, "<r><abc%2Fdef%2Bghij/></r>", "<r><***session***/></r>");
	assert_true(topc_mask_add_secret(&m, "true,false", TOPC_MASK_SECRET));
	/* in a content model the same bytes are syntax, and stay */
	expect_masked(&m, "<!DOCTYPE r [<!ELEMENT r (true,false)>]><r/>",
		      "<!DOCTYPE r [<!ELEMENT r (true,false)>]><r/>");
	(void)state;
}

/* A DOCTYPE's internal subset: a comment or PI there is lexed as one (its
 * quote pairs with nothing), an entity's value is markup where it is used
 * (a tag in it keeps its name, "&#60;" opens one), a content model's
 * names and commas are syntax; text and literals are masked as anywhere.
 * Before, the DOCTYPE was lexed as a tag: the quote in the comment paired
 * with nothing and <error_response/> after it was masked as its value. */
static void test_mask_doctype_internal_subset(void **state)
{
	static const char *const cases[][2] = {
	    {"<!DOCTYPE a [<!-- x\"y -->]><a>SessKeyPlugh77</a>",
	     "<!DOCTYPE a [<!-- x\"y -->]><a>***session***</a>"},
	    {"<!DOCTYPE a [<?pi x\"y ?>]><error_response>SessKeyPlugh77</error_response>",
	     "<!DOCTYPE a [<?pi x\"y ?>]><error_response>***session***</error_response>"},
	    {"<!DOCTYPE a [<!ENTITY e \"<error_response>SessKeyPlugh77</error_response>\">]>"
	     "<a>&e;</a>",
	     "<!DOCTYPE a [<!ENTITY e \"<error_response>***session***</error_response>\">]>"
	     "<a>&e;</a>"},
	    {"<!DOCTYPE a [<!ENTITY e \"<!-- SessKeyPlugh77 -->\">]><a>&e;</a>",
	     "<!DOCTYPE a [<!ENTITY e \"<!-- ***session*** -->\">]><a>&e;</a>"},
	    {"<!DOCTYPE a [<!ENTITY e \"<b c='SessKeyPlugh77'/>\">]><a>&e;</a>",
	     "<!DOCTYPE a [<!ENTITY e \"<b c='***session***'/>\">]><a>&e;</a>"},
	    {"<!DOCTYPE a [<!ENTITY e \"&#60;error_response/>\">]><a>&e;</a>",
	     "<!DOCTYPE a [<!ENTITY e \"&#60;error_response/>\">]><a>&e;</a>"},
	    {"<!DOCTYPE a [<!ELEMENT a (true,false)*>]><a/>",
	     "<!DOCTYPE a [<!ELEMENT a (true,false)*>]><a/>"},
	    {"<!DOCTYPE a SYSTEM \"SessKeyPlugh77\"><a/>",
	     "<!DOCTYPE a SYSTEM \"***session***\"><a/>"},
	    {"<!DOCTYPE a [<!ATTLIST a b CDATA \"SessKeyPlugh77\">]><a/>",
	     "<!DOCTYPE a [<!ATTLIST a b CDATA \"***session***\">]><a/>"},
	};
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "SessKeyPlugh77", TOPC_MASK_SESSION));
	assert_true(topc_mask_add_secret(&m, "error_response", TOPC_MASK_SECRET));
	assert_true(topc_mask_add_secret(&m, "true,false", TOPC_MASK_SECRET));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(xml_ok(cases[i][0]));
		assert_true(xml_ok(cases[i][1]));
		expect_masked(&m, cases[i][0], cases[i][1]);
	}
	/* a DOCTYPE cut short hides nothing of the document after it */
	expect_masked(&m, "<!DOCTYPE a [<a>SessKeyPlugh77</a>",
		      "<!DOCTYPE a [<a>***session***</a>");
	(void)state;
}

/* A reference to an entity a DTD declares is one unit: a secret in its
 * name masks the whole reference, text in its place.  Before, only the
 * name was masked: <a>&***session***;</a> refers to no entity, no XML. */
static void test_mask_entity_reference_names(void **state)
{
	static const char *const cases[][2] = {
	    {"<!DOCTYPE a SYSTEM \"x\"><a>&SessKeyPlugh77;</a>",
	     "<!DOCTYPE a SYSTEM \"x\"><a>***session***</a>"},
	    {"<!DOCTYPE a [<!ENTITY error_response \"x\">]><a b=\"&error_response;\">"
	     "&error_response;</a>",
	     "<!DOCTYPE a [<!ENTITY error_response \"x\">]><a b=\"***secret***\">"
	     "***secret***</a>"},
	    {"<!DOCTYPE a [<!ENTITY e \"&error_response;\"><!ENTITY error_response \"x\">]>"
	     "<a>&e;</a>",
	     "<!DOCTYPE a [<!ENTITY e \"***secret***\"><!ENTITY error_response \"x\">]>"
	     "<a>&e;</a>"},
	    /* "&#38;" in an entity's value: a reference once declared */
	    {"<!DOCTYPE a [<!ENTITY e \"<b>&#38;error_response;</b>\">"
	     "<!ENTITY error_response \"x\">]><a>&e;</a>",
	     "<!DOCTYPE a [<!ENTITY e \"<b>***secret***</b>\">"
	     "<!ENTITY error_response \"x\">]><a>&e;</a>"},
	    {"<!DOCTYPE a SYSTEM \"x\"><a>&e;SessKeyPlugh77</a>",
	     "<!DOCTYPE a SYSTEM \"x\"><a>&e;***session***</a>"},
	};
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "SessKeyPlugh77", TOPC_MASK_SESSION));
	assert_true(topc_mask_add_secret(&m, "error_response", TOPC_MASK_SECRET));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(xml_ok(cases[i][0]));
		assert_true(xml_ok(cases[i][1]));
		expect_masked(&m, cases[i][0], cases[i][1]);
	}
	/* a name of any length (one over 128 bytes was cut into bytes) */
	{
		char name[300], text[400], want[400];
		memset(name, ':', 200);
		memcpy(name + 200, "SessKeyPlugh77", 15);
		snprintf(text, sizeof(text), "<!DOCTYPE a SYSTEM \"x\"><a>&%s;w</a>", name);
		snprintf(want, sizeof(want), "<!DOCTYPE a SYSTEM \"x\"><a>%sw</a>",
			 TOPC_MASK_SESSION);
		assert_true(xml_ok(text));
		expect_masked(&m, text, want);
	}
	/* in plain text it is no reference: the name alone */
	expect_masked(&m, "token &SessKeyPlugh77; sent", "token &***session***; sent");
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

/* The scan takes the bytes between two a state stops at (a string with
 * no escape, a text with no entity) as a run, and an escape or entity as
 * one unit: a secret is found wherever it starts and ends, across the
 * boundary of a run and an escape either way, at a string's first or last
 * byte, inside a unit that is not decoded (the whole unit goes), in the
 * document's syntax (kept when it is only syntax), deep in a long run. */
static void test_mask_runs_and_escapes_meet(void **state)
{
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "s3cr3t-Value-42", TOPC_MASK_SECRET));
	expect_masked(&m, "{\"a\":\"x s3cr3t-Value-4\\u0032 y\"}", "{\"a\":\"x ***secret*** y\"}");
	expect_masked(&m, "{\"a\":\"\\u00733cr3t-Value-42\"}", "{\"a\":\"***secret***\"}");
	expect_masked(&m, "{\"a\":\"s3cr3t\\u002dValue-42\"}", "{\"a\":\"***secret***\"}");
	expect_masked(&m, "{\"a\":\"s3cr3t-Value-42\",\"b\":\"zs3cr3t-Value-42\"}",
		      "{\"a\":\"***secret***\",\"b\":\"z***secret***\"}");
	expect_masked(&m, "{\"s3cr3t-Value-42\":1}", "{\"***secret***\":1}");
	expect_masked(&m, "[\"s3cr3t-Value-4\",\"2\"]", "[\"s3cr3t-Value-4\",\"2\"]");
	/* text: first and last bytes, and "\s" (no escape JSON knows) is one
	 * unit as written, so the label takes its backslash too */
	expect_masked(&m, "s3cr3t-Value-42", "***secret***");
	expect_masked(&m, "s3cr3t-Value-42&", "***secret***&");
	expect_masked(&m, "a\\s3cr3t-Value-42 b", "a***secret*** b");
	expect_masked(&m, "{\"a\":\"a\\s3cr3t-Value-42\"}", "{\"a\":\"a***secret***\"}");
	/* XML: an attribute, text, a comment (its '-' stops a run), CDATA
	 * (its ']' too) */
	expect_masked(&m,
		      "<a k='s3cr3t-Value-4&#x32;'>x s3cr3t&#45;Value-42</a>"
		      "<!--s3cr3t-Value-42--><![CDATA[]s3cr3t-Value-42]]>",
		      "<a k='***secret***'>x ***secret***</a>"
		      "<!--***secret***--><![CDATA[]***secret***]]>");
	/* as written (the raw pass): a value holding a backslash-u spelling
	 * is found over runs and escape units */
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "pa\\u0073s-word", TOPC_MASK_SECRET));
	expect_masked(&m, "{\"a\":\"pa\\u0073s-word\"}", "{\"a\":\"***secret***\"}");
	expect_masked(&m, "{\"a\":\"pass-word\"}", "{\"a\":\"pass-word\"}");
	/* in a run of the document's syntax (a number's digits, then bytes
	 * no syntax has: no valid JSON, masked from where it starts) */
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "45abcdefgh", TOPC_MASK_SECRET));
	assert_true(topc_mask_add_secret(&m, "4567890123", TOPC_MASK_SECRET));
	expect_masked(&m, "{\"n\":12345abcdefgh}", "{\"n\":123***secret***}");
	expect_masked(&m, "{\"n\":1234567890123,\"s\":\"x4567890123\"}",
		      "{\"n\":1234567890123,\"s\":\"x***secret***\"}");
	/* 32 units of one escape each: the scan looks back over as many
	 * units as the longest value has bytes */
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "abcdefghijklmnopqrstuvwxyz012345", TOPC_MASK_SECRET));
	expect_masked(
	    &m,
	    "{\"a\":\"xyz\\u0061\\u0062\\u0063\\u0064\\u0065\\u0066\\u0067\\u0068\\u0069"
	    "\\u006a\\u006b\\u006c\\u006d\\u006e\\u006f\\u0070\\u0071\\u0072\\u0073\\u0074"
	    "\\u0075\\u0076\\u0077\\u0078\\u0079\\u007a\\u0030\\u0031\\u0032\\u0033\\u0034"
	    "\\u0035\"}",
	    "{\"a\":\"xyz***secret***\"}");
	(void)state;
}

/* One run of a megabyte: a secret across its 64 KiB marks, at its very
 * end, and a near miss (all but the last byte) that stays. */
static void test_mask_long_runs(void **state)
{
	static const char secret[] = "6100e23657fb0b2d0c78570c6e8b5c1e0b2fb8a5";
	size_t len = 1 << 20, at[] = {65536 - 7, 3 * 65536 - 39, 5 * 65536};
	struct topc_mask m;
	struct topc_buf in, want;
	char *got;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, secret, TOPC_MASK_SESSION));
	for (int xml = 0; xml < 2; xml++) {
		char *body = malloc(len + 1);
		size_t from = 0;
		assert_non_null(body);
		memset(body, 'x', len);
		for (size_t i = 0; i < 3; i++)
			memcpy(body + at[i], secret, strlen(secret) - (i == 2));
		memcpy(body + len - strlen(secret), secret, strlen(secret));
		body[len] = '\0';
		topc_buf_init(&in, 0);
		topc_buf_init(&want, 0);
		assert_int_equal(topc_buf_adds(&in, xml ? "<r>" : "{\"a\":\""), TOPC_OK);
		assert_int_equal(topc_buf_adds(&in, body), TOPC_OK);
		assert_int_equal(topc_buf_adds(&in, xml ? "</r>" : "\"}"), TOPC_OK);
		assert_int_equal(topc_buf_adds(&want, xml ? "<r>" : "{\"a\":\""), TOPC_OK);
		for (size_t i = 0; i < 2; i++) {
			assert_int_equal(topc_buf_add(&want, body + from, at[i] - from), TOPC_OK);
			assert_int_equal(topc_buf_adds(&want, TOPC_MASK_SESSION), TOPC_OK);
			from = at[i] + strlen(secret);
		}
		assert_int_equal(topc_buf_add(&want, body + from, len - strlen(secret) - from),
				 TOPC_OK);
		assert_int_equal(topc_buf_adds(&want, TOPC_MASK_SESSION), TOPC_OK);
		assert_int_equal(topc_buf_adds(&want, xml ? "</r>" : "\"}"), TOPC_OK);
		got = masked(&m, topc_buf_str(&in));
		assert_string_equal(got, topc_buf_str(&want));
		free(got);
		free(body);
		topc_buf_release(&in);
		topc_buf_release(&want);
	}
	(void)state;
}

/* A masked answer is written over the text when no label outgrows what
 * it stands for, else into a new buffer: the same bytes either way, and
 * no byte of the secret left anywhere in the buffer's memory. */
static void test_mask_in_place_or_copied(void **state)
{
	static const char *const texts[] = {
	    "{\"a\":\"0123456789abcdefXYZ\",\"b\":\"x0123456789abcdefXYZ0123456789abcdefXYZ\"}",
	    "{\"a\":\"12345678\",\"b\":\"0123456789abcdefXYZ\"}", /* 8 bytes, 12 of label */
	    "0123456789abcdefXYZ"};
	static const char *const want[] = {
	    "{\"a\":\"***secret***\",\"b\":\"x***secret******secret***\"}",
	    "{\"a\":\"***secret***\",\"b\":\"***secret***\"}", "***secret***"};
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "0123456789abcdefXYZ", TOPC_MASK_SECRET));
	assert_true(topc_mask_add_secret(&m, "12345678", TOPC_MASK_SECRET));
	for (size_t i = 0; i < 3; i++) {
		struct topc_buf b;
		topc_buf_init(&b, 4096);
		assert_int_equal(topc_buf_adds(&b, texts[i]), TOPC_OK);
		assert_int_equal(topc_mask_apply(&m, &b), TOPC_OK);
		assert_string_equal(topc_buf_str(&b), want[i]);
		assert_int_equal(b.len, strlen(want[i]));
		assert_true(b.cap >= 4096);
		for (size_t k = 0; k + 8 <= b.alloc; k++) /* any 8 bytes of the secret */
			for (size_t off = 0; off + 8 <= strlen("0123456789abcdefXYZ"); off++)
				assert_false(memcmp(b.data + k, "0123456789abcdefXYZ" + off, 8) ==
					     0);
		topc_buf_release(&b);
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

/* Long runs are searched skipping the windows that end no tail (mask.c):
 * every occurrence must still be found, wherever it starts or ends (the
 * run's first bytes, its last ones), in text made of the secret's own
 * characters.  The expected text is a naive left-to-right search and
 * replace (the secret has no border, so occurrences never overlap). */
static void test_mask_long_runs_every_offset(void **state)
{
	static const char secret[] = "aab9b9abbb";
	size_t n = strlen(secret);
	unsigned seed = 12345;
	struct topc_mask m;

	(void)state;
	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, secret, TOPC_MASK_SECRET));
	for (size_t len = 256; len < 3000; len += 397) {
		char *run = malloc(len + 1), *doc;
		struct topc_buf want, in;
		assert_non_null(run);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245 + 12345;
			run[i] = "ab9"[(seed >> 16) % 3];
		}
		memcpy(run, secret, n); /* at the run's start and end */
		memcpy(run + len - n, secret, n);
		for (size_t at = 17; at + 2 * n < len; at += 53 + at % 7)
			memcpy(run + at, secret, n);
		run[len] = '\0';
		topc_buf_init(&in, 0);
		topc_buf_init(&want, 0);
		assert_int_equal(topc_buf_addf(&in, "{\"k\":\"%s\",\"z\":\"x%s\"}", run, run),
				 TOPC_OK);
		doc = topc_buf_detach(&in, NULL);
		for (size_t i = 0; doc[i];) {
			if (strncmp(doc + i, secret, n) == 0) {
				assert_int_equal(topc_buf_adds(&want, TOPC_MASK_SECRET), TOPC_OK);
				i += n;
			} else {
				assert_int_equal(topc_buf_addc(&want, doc[i++]), TOPC_OK);
			}
		}
		expect_masked(&m, doc, topc_buf_str(&want));
		topc_buf_release(&want);
		free(doc);
		free(run);
	}
}

/* Percent-encoding's hex digits are either case (RFC 3986 2.1): a gateway
 * or proxy that echoes the request's query with lower-case escapes
 * ("k%2f%2b...") showed the secret in the answer, the history and -v
 * (found by engineer attack).  A value in both cases at once is no
 * encoder's spelling and stays as it is (mask.c says so). */
static void test_mask_lower_case_percent_encoding(void **state)
{
	struct topc_mask m;

	topc_mask_init(&m);
	assert_true(topc_mask_add_secret(&m, "k/+\xe7\xa7\x98\"x y", TOPC_MASK_SECRET));
	expect_masked(&m, "s=k%2f%2b%e7%a7%98%22x%20y&b=1", "s=***secret***&b=1");
	expect_masked(&m, "s=k%2f%2b%e7%a7%98%22x+y&b=1", "s=***secret***&b=1");
	expect_masked(&m, "s=k%2F%2B%E7%A7%98%22x+y&b=1", "s=***secret***&b=1");
	expect_masked(&m, "{\"q\":\"s=k%2f%2b%e7%a7%98%22x%20y\"}", "{\"q\":\"s=***secret***\"}");
	(void)state;
}

/* Whether spelled[i] is a hex letter of an escape (one of the two bytes
 * after a '%'). */
static bool escape_letter_at(const char *spelled, size_t i)
{
	return spelled[i] && strchr("ABCDEFabcdef", spelled[i]) &&
	       ((i >= 1 && spelled[i - 1] == '%') || (i >= 2 && spelled[i - 2] == '%'));
}

/* spelled with the case of its escapes' hex letters flipped where bit k
 * of flips is set, for the k-th such letter */
static void flip_escape_letters(char *out, const char *spelled, unsigned flips)
{
	unsigned k = 0;

	for (size_t i = 0; spelled[i]; i++)
		out[i] = escape_letter_at(spelled, i) && (flips >> k++ & 1)
			     ? (char)(spelled[i] ^ 0x20)
			     : spelled[i];
	out[strlen(spelled)] = '\0';
}

static unsigned escape_letters(const char *spelled)
{
	unsigned n = 0;

	for (size_t i = 0; spelled[i]; i++)
		n += escape_letter_at(spelled, i);
	return n;
}

/* Percent-encoding's hex digits are case-insensitive (RFC 3986 2.1): a
 * proxy or a gateway may write any mix (%2b%2F, %E5%Af%86), and every mix
 * is masked, in a query, a short JSON string, a long run (the scan's
 * skipping) and by topc_mask_holds; the case of a letter outside an escape
 * still counts. */
static void test_mask_mixed_case_percent_encoding(void **state)
{
	/* urllib.parse.quote(secret, safe="") and quote_plus */
	static const struct {
		const char *secret, *spelled;
	} cases[] = {
	    {"k/+\xe7\xa7\x98\"x y", "k%2F%2B%E7%A7%98%22x%20y"},
	    {"k/+\xe7\xa7\x98\"x y", "k%2F%2B%E7%A7%98%22x+y"},
	    {"\xe5\xaf\x86\xe7\xa0\x81-key", "%E5%AF%86%E7%A0%81-key"},
	    {"p@ss/w0rd:ab", "p%40ss%2Fw0rd%3Aab"},
	};
	char pad[301], text[1024], want[1024], variant[64];

	memset(pad, 'x', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct topc_mask m;
		unsigned letters = escape_letters(cases[c].spelled);
		topc_mask_init(&m);
		assert_true(topc_mask_add_secret(&m, cases[c].secret, TOPC_MASK_SECRET));
		assert_true(letters >= 2);
		for (unsigned flips = 0; flips < 1u << letters; flips++) {
			flip_escape_letters(variant, cases[c].spelled, flips);
			snprintf(text, sizeof(text), "s=%s&b=1", variant);
			expect_masked(&m, text, "s=***secret***&b=1");
			snprintf(text, sizeof(text), "{\"q\":\"s=%s\"}", variant);
			expect_masked(&m, text, "{\"q\":\"s=***secret***\"}");
			snprintf(text, sizeof(text), "{\"q\":\"%s%s%s\"}", pad, variant, pad);
			snprintf(want, sizeof(want), "{\"q\":\"%s***secret***%s\"}", pad, pad);
			expect_masked(&m, text, want);
			assert_ptr_equal(topc_mask_holds(&m, variant), TOPC_MASK_SECRET);
		}
	}
	{
		struct topc_mask m;
		topc_mask_init(&m);
		assert_true(topc_mask_add_secret(&m, "k/+\xe7\xa7\x98\"x y", TOPC_MASK_SECRET));
		/* K and X are the secret's own letters, not an escape's digits */
		expect_masked(&m, "s=K%2f%2B%E7%a7%98%22x%20y", "s=K%2f%2B%E7%a7%98%22x%20y");
		expect_masked(&m, "s=k%2f%2B%E7%a7%98%22X%20y", "s=k%2f%2B%E7%a7%98%22X%20y");
		/* nor is any other letter an escape's digit: %2G is no escape */
		expect_masked(&m, "s=k%2f%2B%E7%a7%98%22x%2Gy", "s=k%2f%2B%E7%a7%98%22x%2Gy");
	}
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
	    cmocka_unit_test(test_mask_processing_instructions),
	    cmocka_unit_test(test_mask_decl_syntax_only_in_a_doctype),
	    cmocka_unit_test(test_mask_doctype_internal_subset),
	    cmocka_unit_test(test_mask_entity_reference_names),
	    cmocka_unit_test(test_mask_short_values_leave_answers_alone),
	    cmocka_unit_test(test_mask_json_syntax_and_escapes_stay_whole),
	    cmocka_unit_test(test_mask_every_json_escape),
	    cmocka_unit_test(test_mask_every_xml_reference),
	    cmocka_unit_test(test_mask_random_json_documents),
	    cmocka_unit_test(test_mask_random_xml_documents),
	    cmocka_unit_test(test_mask_runs_and_escapes_meet),
	    cmocka_unit_test(test_mask_long_runs),
	    cmocka_unit_test(test_mask_long_runs_every_offset),
	    cmocka_unit_test(test_mask_in_place_or_copied),
	    cmocka_unit_test(test_mask_holds),
	    cmocka_unit_test(test_mask_lower_case_percent_encoding),
	    cmocka_unit_test(test_mask_mixed_case_percent_encoding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
