/* Response classification: JSON (cJSON) and XML (libxml2) bodies. */
#include "test_header.h"

#include "top/codes.h"
#include "top/outcome.h"
#include "form/form_read.h"
#include "top/response.h"
#include "ext/xml.h"

static void classify(const char *body, long status, enum topc_format f, bool simplify,
		     struct topc_outcome *o)
{
	topc_outcome_init(o);
	topc_response_classify(body, strlen(body), status, f, simplify, NULL, o);
}

/* body, answered with HTTP 200, is classified cls, and its detail holds has
 * and not lacks (each unless NULL).  A failure names the body. */
static void assert_classified(const char *body, enum topc_format f, bool simplify,
			      enum topc_outcome_class cls, const char *has, const char *lacks)
{
	struct topc_outcome o;

	classify(body, 200, f, simplify, &o);
	if (o.cls != cls || ((has || lacks) && !o.detail) || (has && !strstr(o.detail, has)) ||
	    (lacks && strstr(o.detail, lacks)))
		fail_msg("%s: %s, detail %s", body, topc_outcome_name(o.cls),
			 o.detail ? o.detail : "(none)");
	topc_outcome_release(&o);
}

static void test_json_success_wrapper(void **state)
{
	struct topc_outcome o;

	classify("{\"alibaba_aliqin_fc_sms_num_send_response\":{\"result\":{\"err_code\":\"0\","
		 "\"success\":true},\"request_id\":\"r4lu3uaf87g2\"}}",
		 200, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_SUCCESS);
	assert_string_equal(o.wrapper, "alibaba_aliqin_fc_sms_num_send_response");
	assert_string_equal(o.request_id, "r4lu3uaf87g2");
	assert_false(o.has_code);
	topc_outcome_release(&o);
}

static void test_json_error_response(void **state)
{
	struct topc_outcome o;

	classify("{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":"
		 "\"isv.MOBILE_NUMBER_ILLEGAL\",\"sub_msg\":\"号码格式错误\",\"request_id\":"
		 "\"ishfhkt4jeym\"}}",
		 200, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_API_ERROR);
	assert_true(o.has_code);
	assert_int_equal(o.code, 15);
	assert_string_equal(o.msg, "Remote service error");
	assert_string_equal(o.sub_code, "isv.MOBILE_NUMBER_ILLEGAL");
	assert_string_equal(o.sub_msg, "号码格式错误");
	assert_string_equal(o.request_id, "ishfhkt4jeym");
	assert_int_equal(topc_outcome_exit_code(o.cls), 1);
	topc_outcome_release(&o);

	/* sub_code and sub_msg may be missing. */
	classify("{\"error_response\":{\"code\":29,\"msg\":\"Invalid app Key\"}}", 200,
		 TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_API_ERROR);
	assert_int_equal(o.code, 29);
	assert_null(o.sub_code);
	assert_null(o.request_id);
	topc_outcome_release(&o);
}

/* Duplicate names are read as the SDK's JSONReader reads them: each member
 * is put into a HashMap, so the last of a name is the one that counts. */
static void test_json_duplicate_names_last_wins(void **state)
{
	struct topc_outcome o;

	classify("{\"error_response\":{\"code\":0,\"msg\":\"first\",\"code\":15,"
		 "\"msg\":\"Remote service error\"}}",
		 200, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_API_ERROR);
	assert_true(o.has_code);
	assert_int_equal(o.code, 15);
	assert_string_equal(o.msg, "Remote service error");
	topc_outcome_release(&o);

	classify("{\"x_response\":{\"request_id\":\"first\"},"
		 "\"x_response\":{\"request_id\":\"r4lu3uaf87g2\"}}",
		 200, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_SUCCESS);
	assert_string_equal(o.wrapper, "x_response");
	assert_string_equal(o.request_id, "r4lu3uaf87g2");
	topc_outcome_release(&o);

	classify("{\"x_response\":{\"request_id\":\"r4lu3uaf87g2\",\"request_id\":\"b\"}}", 200,
		 TOPC_FORMAT_JSON, false, &o);
	assert_string_equal(o.request_id, "b");
	topc_outcome_release(&o);

	/* two different names stay two members: no x_response of its own */
	assert_classified("{\"x_response\":{},\"y_response\":{}}", TOPC_FORMAT_JSON, false,
			  TOPC_OUTCOME_UNPARSEABLE, "x_response", NULL);
}

/* A body and how the Java SDK read it: isSuccess(), getErrorCode() and
 * getSubCode() (NULL: not compared). */
struct sdk_case {
	const char *body;
	bool success;
	const char *code, *sub_code;
};

static void assert_read_as_the_sdk(const struct sdk_case *cases, size_t n, enum topc_format f)
{
	for (size_t i = 0; i < n; i++) {
		struct topc_outcome o;
		classify(cases[i].body, 200, f, false, &o);
		if ((o.cls == TOPC_OUTCOME_SUCCESS) != cases[i].success ||
		    (!cases[i].success && o.cls != TOPC_OUTCOME_API_ERROR))
			fail_msg("%s: %s", cases[i].body, topc_outcome_name(o.cls));
		if (cases[i].code)
			assert_string_equal(o.code_text, cases[i].code);
		if (cases[i].sub_code)
			assert_string_equal(o.sub_code, cases[i].sub_code);
		assert_string_equal(o.wrapper, "x_response");
		topc_outcome_release(&o);
	}
}

/* A result object holding code or sub_code: the Java SDK reads them from
 * whatever object answers (Converters, TopErrorField) and isSuccess() says
 * failure unless code is "", null or "0" and sub_code "" or null.  Each
 * case's success and code below is what ObjectJsonParser<TaobaoResponse>
 * and isSuccess() gave for the same body on JDK 17. */
static void test_json_wrapper_holding_an_error_is_one(void **state)
{
	static const struct sdk_case cases[] = {
	    {"{\"x_response\":{\"code\":15,\"msg\":\"m\",\"sub_code\":\"isv.y\","
	     "\"request_id\":\"r1\"}}",
	     false, "15", "isv.y"},
	    {"{\"x_response\":{\"code\":0,\"request_id\":\"r2\"}}", true, NULL, NULL},
	    {"{\"x_response\":{\"code\":\"0\"}}", true, NULL, NULL},
	    {"{\"x_response\":{\"code\":\"\"}}", true, NULL, NULL},
	    {"{\"x_response\":{\"code\":null}}", true, NULL, NULL},
	    {"{\"x_response\":{\"code\":-0}}", true, NULL, NULL},
	    {"{\"x_response\":{\"code\":0.0}}", false, "0.0", NULL},
	    {"{\"x_response\":{\"code\":\"200\",\"msg\":\"ok\"}}", false, "200", NULL},
	    {"{\"x_response\":{\"sub_code\":\"\"}}", true, NULL, NULL},
	    {"{\"x_response\":{\"sub_code\":\"isv.z\",\"sub_msg\":\"zz\"}}", false, NULL, "isv.z"},
	    {"{\"x_response\":{\"flag\":\"failure\"}}", true, NULL, NULL},
	    {"{\"x_response\":{\"result\":{\"code\":15}}}", true, NULL, NULL},
	    {"{\"x_response\":{\"code\":false}}", false, NULL, NULL},
	};
	struct topc_outcome o;

	(void)state;
	assert_read_as_the_sdk(cases, sizeof(cases) / sizeof(cases[0]), TOPC_FORMAT_JSON);
	classify("{\"x_response\":{\"code\":15,\"msg\":\"m\",\"request_id\":\"r1\"}}", 200,
		 TOPC_FORMAT_JSON, false, &o);
	assert_true(o.has_code);
	assert_int_equal(o.code, 15);
	assert_string_equal(o.msg, "m");
	assert_string_equal(o.request_id, "r1");
	topc_outcome_release(&o);
	/* simplify=true: the root is the result, read the same way */
	classify("{\"code\":15,\"sub_code\":\"isv.q\",\"request_id\":\"r9\"}", 200,
		 TOPC_FORMAT_JSON, true, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_API_ERROR);
	assert_int_equal(o.code, 15);
	assert_string_equal(o.sub_code, "isv.q");
	topc_outcome_release(&o);
}

/* The same for XML: each case as ObjectXmlParser<TaobaoResponse> and
 * isSuccess() read it on JDK 17. */
static void test_xml_wrapper_holding_an_error_is_one(void **state)
{
#define X(inner) "<?xml version=\"1.0\" encoding=\"utf-8\" ?><x_response>" inner "</x_response>"
	static const struct sdk_case cases[] = {
	    {X("<code>15</code><msg>m</msg><sub_code>isv.y</sub_code><request_id>r</request_id>"),
	     false, "15", "isv.y"},
	    {X("<code>0</code><request_id>r</request_id>"), true, NULL, NULL},
	    {X("<code></code>"), true, NULL, NULL},
	    {X("<sub_code>isv.z</sub_code>"), false, NULL, "isv.z"},
	    {X("<code> 0 </code>"), false, " 0 ", NULL},
	    {X("<result><code>15</code></result>"), true, NULL, NULL},
	};
#undef X
	(void)state;
	assert_read_as_the_sdk(cases, sizeof(cases) / sizeof(cases[0]), TOPC_FORMAT_XML);
}

static void test_json_business_failure(void **state)
{
	struct topc_outcome o;

	classify("{\"jym_message_apppush_send_response\":{\"result\":{\"result\":false,\"success\":"
		 "false,\"state_code\":\"USER_NOT_FOUND\",\"extra_err_msg\":\"用户不存在\"},"
		 "\"request_id\":\"x1\"}}",
		 200, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_BUSINESS_FAILURE);
	assert_non_null(strstr(o.detail, "result.success is false"));
	assert_non_null(strstr(o.detail, "USER_NOT_FOUND"));
	assert_non_null(strstr(o.detail, "用户不存在"));
	assert_string_equal(o.request_id, "x1");
	topc_outcome_release(&o);

	assert_classified("{\"tpn_template_message_send_response\":{\"is_success\":false,"
			  "\"error_msg\":\"Invalid-parameter\"}}",
			  TOPC_FORMAT_JSON, false, TOPC_OUTCOME_BUSINESS_FAILURE,
			  "is_success is false", NULL);
}

static void test_json_simplify(void **state)
{
	struct topc_outcome o;

	/* With simplify=true the root is the result: a single object member is
	 * not taken for a wrapper. */
	classify("{\"result\":{\"success\":true},\"request_id\":\"s1\"}", 200, TOPC_FORMAT_JSON,
		 true, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_SUCCESS);
	assert_string_equal(o.request_id, "s1");
	assert_null(o.wrapper);
	topc_outcome_release(&o);

	assert_classified("{\"result\":{\"success\":false}}", TOPC_FORMAT_JSON, true,
			  TOPC_OUTCOME_BUSINESS_FAILURE, NULL, NULL);

	classify("{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\"}}", 200,
		 TOPC_FORMAT_JSON, true, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_API_ERROR);
	assert_int_equal(o.code, 7);
	topc_outcome_release(&o);
}

static void test_unparseable_and_http(void **state)
{
	struct topc_outcome o;

	classify("{\"x_response\":{\"result\":tru", 200, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_UNPARSEABLE);
	/* cut short: said so, with its length (27 bytes: len() in Python) */
	assert_string_equal(o.detail,
			    "the body is not valid JSON: it ended early (truncated) after "
			    "27 bytes, where true was expected");
	assert_int_equal(topc_outcome_exit_code(o.cls), 3);
	topc_outcome_release(&o);

	assert_classified("   ", TOPC_FORMAT_JSON, false, TOPC_OUTCOME_UNPARSEABLE, "empty", NULL);
	assert_classified("[1,2]", TOPC_FORMAT_JSON, false, TOPC_OUTCOME_UNPARSEABLE, NULL, NULL);

	classify("<html><body>500</body></html>", 500, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_HTTP_ERROR);
	assert_int_equal(o.http_status, 500);
	topc_outcome_release(&o);
}

/* A cut-short XML answer is said to be cut whatever its last tag is named
 * (before, libxml2's "Premature end of data in tag encoding" held "encod",
 * taken for an encoding failure); an unknown encoding and bytes the
 * declared one does not read are not cuts. */
static void test_xml_cut_in_a_tag_named_encoding(void **state)
{
	static const char *const cut[] = {
	    "<x_response><encoding>ut",
	    "<x_response><a><conversion>1",
	    "<?xml version=\"1.0\" encoding=\"utf-8\" ?><x_response><encod",
	};

	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++)
		assert_classified(cut[i], TOPC_FORMAT_XML, false, TOPC_OUTCOME_UNPARSEABLE,
				  "it ended early (truncated)", NULL);
	assert_classified("<?xml version=\"1.0\" encoding=\"x-nope\" ?><x_response><a>1",
			  TOPC_FORMAT_XML, false, TOPC_OUTCOME_UNPARSEABLE, NULL, "truncated");
	assert_classified("<?xml version=\"1.0\" encoding=\"gbk\" ?><x_response><a>\xe4\xb8\xad"
			  "\xe6\x96\x87</a></x_response>\xff\xfe\x80",
			  TOPC_FORMAT_XML, false, TOPC_OUTCOME_UNPARSEABLE, NULL, "truncated");
}

/* The SDK's JSONValidator refuses text after the value ("expected end"),
 * and finds no result in {}: neither is a success.  Positions are Python's
 * json.JSONDecodeError pos/colno for the same texts. */
static void test_trailing_text_and_empty_object(void **state)
{
	struct topc_outcome o;

	classify("{\"a_response\":{\"request_id\":\"x\"}} garbage", 200, TOPC_FORMAT_JSON, false,
		 &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_UNPARSEABLE);
	assert_string_equal(o.detail,
			    "the body is not valid JSON: expected the end of the text after "
			    "the value at line 1, column 35 (byte 34 of 41), found 'g'");
	topc_outcome_release(&o);
	/* a NUL and more after the value is trailing text too */
	topc_outcome_init(&o);
	topc_response_classify("{\"a_response\":{}}\0{}", 20, 200, TOPC_FORMAT_JSON, false, NULL,
			       &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_UNPARSEABLE);
	assert_non_null(strstr(o.detail, "found byte 0x00"));
	topc_outcome_release(&o);
	/* the same in XML: trailing text is not a cut */
	assert_classified("<a_response><request_id>r</request_id></a_response> garbage",
			  TOPC_FORMAT_XML, false, TOPC_OUTCOME_UNPARSEABLE,
			  "Extra content at the end of the document", "truncated");
	for (int simplify = 0; simplify < 2; simplify++) {
		classify(" {} ", 200, TOPC_FORMAT_JSON, simplify, &o);
		assert_int_equal(o.cls, TOPC_OUTCOME_UNPARSEABLE);
		assert_non_null(strstr(o.detail, "empty object"));
		assert_int_not_equal(topc_outcome_exit_code(o.cls), 0);
		topc_outcome_release(&o);
	}
}

/* Malformed is not truncated: where, and what JSON needed there. */
static void test_malformed_diagnosed_precisely(void **state)
{
	struct topc_outcome o;

	classify("{\"a_response\":{\"x\":1 \"y\":2}}", 200, TOPC_FORMAT_JSON, false, &o);
	assert_string_equal(o.detail, "the body is not valid JSON: expected ',' or '}' at line 1, "
				      "column 22 (byte 21 of 28), found '\"'");
	topc_outcome_release(&o);
	classify("{\"a_response\":{\"x\":[1}}", 200, TOPC_FORMAT_JSON, false, &o);
	assert_string_equal(o.detail, "the body is not valid JSON: expected ',' or ']' at line 1, "
				      "column 22 (byte 21 of 23), found '}'");
	topc_outcome_release(&o);
	classify("{\"a_response\":{\"x\":01}}", 200, TOPC_FORMAT_JSON, false, &o);
	assert_string_equal(o.detail, "the body is not valid JSON: expected ',' or '}' at line 1, "
				      "column 21 (byte 20 of 23), found '1'");
	topc_outcome_release(&o);
	classify("{\"a_response\":\n{\"x\":\x1b}}", 200, TOPC_FORMAT_JSON, false, &o);
	assert_non_null(strstr(o.detail, "at line 2, column 6 (byte 20 of 23), found byte 0x1B"));
	topc_outcome_release(&o);
}

/* msg keeps what follows a \u0000; a code past 64 bits is shown as sent. */
static void test_error_texts_whole(void **state)
{
	struct topc_outcome o;

	classify("{\"error_response\":{\"code\":15,\"msg\":\"Remote\\u0000 service error\","
		 "\"sub_msg\":\"a\\u0000b\"}}",
		 200, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_API_ERROR);
	assert_string_equal(o.msg, "Remote\\u0000 service error");
	assert_string_equal(o.sub_msg, "a\\u0000b");
	assert_string_equal(o.code_text, "15");
	assert_int_equal(o.code, 15);
	topc_outcome_release(&o);
	classify("{\"error_response\":{\"code\":99999999999999999999,\"msg\":\"m\"}}", 200,
		 TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_API_ERROR);
	assert_false(o.has_code);
	assert_string_equal(o.code_text, "99999999999999999999");
	topc_outcome_release(&o);
	classify("{\"error_response\":{\"code\":\"isv.x\",\"msg\":\"m\"}}", 200, TOPC_FORMAT_JSON,
		 false, &o);
	assert_false(o.has_code);
	assert_string_equal(o.code_text, "isv.x");
	topc_outcome_release(&o);
}

static void test_xml(void **state)
{
	struct topc_outcome o;

	classify("<?xml version=\"1.0\" encoding=\"utf-8\" ?><error_response><code>25</code><msg>"
		 "Invalid signature</msg><request_id>zz9</request_id></error_response>"
		 "<!--top011186097053.eu13-->",
		 200, TOPC_FORMAT_XML, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_API_ERROR);
	assert_int_equal(o.code, 25);
	assert_string_equal(o.msg, "Invalid signature");
	assert_string_equal(o.request_id, "zz9");
	topc_outcome_release(&o);

	classify("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<tpn_template_message_send_response>"
		 "<result>1234567890</result><is_success>true</is_success><request_id>q1"
		 "</request_id></tpn_template_message_send_response><!--top0-->\n",
		 200, TOPC_FORMAT_XML, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_SUCCESS);
	assert_string_equal(o.wrapper, "tpn_template_message_send_response");
	assert_string_equal(o.request_id, "q1");
	topc_outcome_release(&o);

	assert_classified("<jym_message_apppush_send_response><result><success>false</success>"
			  "<extra_err_msg>失败</extra_err_msg></result>"
			  "</jym_message_apppush_send_response>",
			  TOPC_FORMAT_XML, false, TOPC_OUTCOME_BUSINESS_FAILURE, "失败", NULL);
	assert_classified("<a><b></a>", TOPC_FORMAT_XML, false, TOPC_OUTCOME_UNPARSEABLE,
			  "not valid XML", NULL);
}

/* A partner's 5,000-byte extra_err_msg reaches the detail whole (it used to
 * come out empty: the detail's buffer had a 4 KiB cap). */
static void test_long_business_message_kept_whole(void **state)
{
	struct topc_outcome o;
	char msg[5001], body[6000];

	for (size_t i = 0; i < 5000; i++)
		msg[i] = (char)('a' + i % 26);
	msg[5000] = '\0';
	snprintf(body, sizeof(body),
		 "{\"jym_message_apppush_send_response\":{\"result\":{\"success\":false,"
		 "\"extra_err_msg\":\"%s\"},\"request_id\":\"x2\"}}",
		 msg);
	classify(body, 200, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_BUSINESS_FAILURE);
	assert_non_null(o.detail);
	assert_non_null(strstr(o.detail, "result.success is false"));
	assert_non_null(strstr(o.detail, msg));
	topc_outcome_release(&o);

	snprintf(body, sizeof(body),
		 "<jym_message_apppush_send_response><result><success>false</success>"
		 "<extra_err_msg>%s</extra_err_msg></result></jym_message_apppush_send_response>",
		 msg);
	classify(body, 200, TOPC_FORMAT_XML, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_BUSINESS_FAILURE);
	assert_non_null(o.detail);
	assert_non_null(strstr(o.detail, msg));
	topc_outcome_release(&o);
}

/* The two real shapes: biz_err_code "500" with 内部异常, and
 * result.result = false with err_code 123; both once read as success. */
static void test_business_failures_in_other_shapes(void **state)
{
	struct topc_outcome o;

	(void)state;
	classify("{\"x_response\":{\"biz_err_code\":\"500\",\"biz_err_msg\":\"内部异常\","
		 "\"request_id\":\"b1\"}}",
		 200, TOPC_FORMAT_JSON, false, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_BUSINESS_FAILURE);
	assert_non_null(strstr(o.detail, "biz_err_code is \"500\""));
	assert_non_null(strstr(o.detail, "biz_err_msg=内部异常"));
	topc_outcome_release(&o);
	assert_classified("{\"x_response\":{\"result\":{\"result\":false,\"err_code\":123}}}",
			  TOPC_FORMAT_JSON, false, TOPC_OUTCOME_BUSINESS_FAILURE,
			  "result.err_code is \"123\"", NULL);
	/* codes that mean success, and a true flag beside a code, are success */
	assert_classified("{\"x_response\":{\"result\":{\"err_code\":\"0\"},\"state_code\":"
			  "\"SUCCESS\",\"r\":{\"error_code\":\"E1\",\"success\":true}}}",
			  TOPC_FORMAT_JSON, false, TOPC_OUTCOME_SUCCESS, NULL, NULL);
	/* the same in XML */
	assert_classified("<?xml version=\"1.0\"?><x_response><biz_err_code>500</biz_err_code>"
			  "</x_response>",
			  TOPC_FORMAT_XML, false, TOPC_OUTCOME_BUSINESS_FAILURE, NULL, NULL);
}

/* A form's success rules decide instead of the general rule. */
static void test_form_success_rules(void **state)
{
	static const char text[] =
	    "method = \"taobao.x.y\";\n"
	    "response = ( { name = \"result\"; type = \"R\"; fields = (\n"
	    "  { name = \"content\"; type = \"Boolean\"; },\n"
	    "  { name = \"code\"; type = \"String\"; } ); } );\n"
	    "success = ( { field = \"result.code\"; values = (\"OK\", \"DONE\"); } );\n";
	struct topc_form f;
	struct topc_error err = {0};
	struct topc_outcome o;
	const char *ok = "{\"x_y_response\":{\"result\":{\"code\":\"DONE\",\"success\":false}}}";
	const char *bad = "{\"x_y_response\":{\"result\":{\"code\":\"E7\",\"msg\":\"no\"}}}";

	(void)state;
	assert_int_equal(topc_form_load_string(text, "t.conf", &f, &err), TOPC_OK);
	topc_outcome_init(&o);
	/* success=false is not among this API's rules: success */
	topc_response_classify(ok, strlen(ok), 200, TOPC_FORMAT_JSON, false, &f, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_SUCCESS);
	topc_outcome_release(&o);
	topc_response_classify(bad, strlen(bad), 200, TOPC_FORMAT_JSON, false, &f, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_BUSINESS_FAILURE);
	assert_string_equal(o.detail, "result.code is \"E7\", not \"OK\" or \"DONE\"; msg=no");
	topc_outcome_release(&o);
	topc_form_release(&f);
}

/* Both shapes whatever was asked: a wrapped answer to simplify=true and a
 * bare one to a plain request keep their request_id. */
static void test_both_shapes(void **state)
{
	struct topc_outcome o;

	(void)state;
	classify("{\"a_b_response\":{\"x\":1,\"request_id\":\"w1\"}}", 200, TOPC_FORMAT_JSON, true,
		 &o);
	assert_string_equal(o.request_id, "w1");
	assert_string_equal(o.wrapper, "a_b_response");
	topc_outcome_release(&o);
	classify("{\"x\":{\"y\":1},\"request_id\":\"s2\"}", 200, TOPC_FORMAT_JSON, true, &o);
	assert_int_equal(o.cls, TOPC_OUTCOME_SUCCESS);
	assert_string_equal(o.request_id, "s2");
	topc_outcome_release(&o);
}

/* A plain request's answer is one object holding one x_response object, or
 * error_response (TOP_PROTOCOL.md 4.1, 4.2): anything else was read as
 * nothing (the SDK's empty response, isSuccess() true) and is unparseable,
 * exit 3, naming what was found. */
static void test_unwrapped_answers_unparseable(void **state)
{
	static const struct {
		const char *body;
		bool simplify;
		const char *found;
	} cases[] = {
	    {"{\"error_response\":null}", false, "error_response is null"},
	    {"{\"error_response\":null}", true, "error_response is null"},
	    {"{\"error_response\":[1]}", false, "error_response is an array"},
	    {"{\"error_response\":\"x\"}", true, "error_response is a string"},
	    {"[1]", false, "is an array, not an object"},
	    {"\"x\"", false, "is a string, not an object"},
	    {"{\"a\":1,\"b\":2}", false, "\"a\" (a number), \"b\" (a number)"},
	    {"{\"x\":{\"y\":1},\"request_id\":\"s2\"}", false, "\"x\" (an object)"},
	    {"{\"a_response\":null}", false, "\"a_response\" (null)"},
	    {"{\"a_response\":[1]}", false, "\"a_response\" (an array)"},
	    {"{\"a_response\":{},\"b_response\":{}}", false, "\"b_response\" (an object)"},
	    {"{\"result\":{}}", false, "\"result\" (an object)"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct topc_outcome o;
		classify(cases[i].body, 200, TOPC_FORMAT_JSON, cases[i].simplify, &o);
		if (o.cls != TOPC_OUTCOME_UNPARSEABLE || !o.detail ||
		    !strstr(o.detail, cases[i].found))
			fail_msg("%s: %s %s", cases[i].body, topc_outcome_name(o.cls),
				 o.detail ? o.detail : "(no detail)");
		assert_int_equal(topc_outcome_exit_code(o.cls), 3);
		topc_outcome_release(&o);
	}
}

/* The same rule for XML as for JSON (test_unwrapped_answers_unparseable):
 * <result/> and an x_response holding only text were a success. */
static void test_unwrapped_xml_answers_unparseable(void **state)
{
	static const struct {
		const char *body;
		enum topc_outcome_class cls;
		const char *found;
	} cases[] = {
	    {"<result/>", TOPC_OUTCOME_UNPARSEABLE, "root is <result>"},
	    {"<?xml version=\"1.0\"?><items><item>1</item></items>", TOPC_OUTCOME_UNPARSEABLE,
	     "root is <items>"},
	    {"<_response/>", TOPC_OUTCOME_UNPARSEABLE, "root is <_response>"},
	    {"<a_response>text</a_response>", TOPC_OUTCOME_UNPARSEABLE, "holds text"},
	    {"<error_response>25</error_response>", TOPC_OUTCOME_UNPARSEABLE, "holds text"},
	    {"<a_response/>", TOPC_OUTCOME_SUCCESS, NULL},
	    {"<a_response>\n </a_response>", TOPC_OUTCOME_SUCCESS, NULL},
	    {"<error_response/>", TOPC_OUTCOME_API_ERROR, NULL},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_classified(cases[i].body, TOPC_FORMAT_XML, false, cases[i].cls,
				  cases[i].found, NULL);
}

static void test_wrapper_names(void **state)
{
	static const char *const cases[][2] = {
	    {"taobao.jym.message.apppush.send", "jym_message_apppush_send_response"},
	    {"taobao.tpn.template.message.send", "tpn_template_message_send_response"},
	    {"alibaba.campus.mc.message.sendmessagetomobile",
	     "alibaba_campus_mc_message_sendmessagetomobile_response"},
	    {"taobao.items.custom.get.tmall", "items_custom_get_tmall_response"},
	    {"tmall.x.y", "tmall_x_y_response"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *w = topc_response_wrapper_name(cases[i][0]);
		assert_string_equal(w, cases[i][1]);
		free(w);
	}
}

/* XML answers re-indented for the console: one element a line, children
 * two spaces in, text elements whole, entities kept; broken XML unchanged. */
static void test_xml_pretty(void **state)
{
	static const char body[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?><a><b>1</b>"
				   "<c><d>中文 &amp; more</d><e/></c></a><!--top010-->";
	static const char want[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				   "<a>\n"
				   "  <b>1</b>\n"
				   "  <c>\n"
				   "    <d>中文 &amp; more</d>\n"
				   "    <e/>\n"
				   "  </c>\n"
				   "</a>\n"
				   "<!--top010-->";
	struct topc_buf out;

	(void)state;
	topc_buf_init(&out, 0);
	assert_int_equal(topc_xml_pretty(body, strlen(body), &out), TOPC_OK);
	assert_string_equal(topc_buf_str(&out), want);
	topc_buf_reset(&out);
	assert_int_equal(topc_xml_pretty("<a><b></a>", 10, &out), TOPC_ERR_PARSE);
	assert_string_equal(topc_buf_str(&out), "<a><b></a>");
	topc_buf_release(&out);
	/* past the cap: nothing rather than a cut document */
	topc_buf_init(&out, 16);
	assert_int_equal(topc_xml_pretty(body, strlen(body), &out), TOPC_ERR_NOMEM);
	assert_string_equal(topc_buf_str(&out), "");
	topc_buf_release(&out);
}

/* G4: the advice for code 40 said "missing" twice, once for the code and
 * once for its sub_code */
static void test_advice_says_it_once(void **state)
{
	struct topc_outcome o;
	struct topc_buf b;
	const char *text, *first;

	classify("{\"error_response\":{\"code\":40,\"msg\":\"Missing Required Arguments\","
		 "\"sub_code\":\"isv.missing-parameter:template_key\",\"request_id\":\"r\"}}",
		 200, TOPC_FORMAT_JSON, false, &o);
	topc_buf_init(&b, 0);
	assert_int_equal(topc_outcome_advice(&o, &b), TOPC_OK);
	text = topc_buf_str(&b);
	first = strstr(text, "missing");
	assert_non_null(first);
	assert_null(strstr(first + 1, "missing;")); /* "missing" once, the sub_code quoted */
	assert_null(strstr(first + 1, "is missing"));
	assert_non_null(strstr(text, "isv.missing-parameter:template_key"));
	topc_buf_release(&b);
	topc_outcome_release(&o);
	/* without a sub_code hint the code's own hint stays */
	classify("{\"error_response\":{\"code\":40,\"msg\":\"Missing Required Arguments\"}}", 200,
		 TOPC_FORMAT_JSON, false, &o);
	topc_buf_init(&b, 0);
	assert_int_equal(topc_outcome_advice(&o, &b), TOPC_OK);
	assert_non_null(strstr(topc_buf_str(&b), "a required business parameter is missing"));
	topc_buf_release(&b);
	topc_outcome_release(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_success_wrapper),
	    cmocka_unit_test(test_json_error_response),
	    cmocka_unit_test(test_advice_says_it_once),
	    cmocka_unit_test(test_json_business_failure),
	    cmocka_unit_test(test_json_wrapper_holding_an_error_is_one),
	    cmocka_unit_test(test_xml_wrapper_holding_an_error_is_one),
	    cmocka_unit_test(test_long_business_message_kept_whole),
	    cmocka_unit_test(test_json_simplify),
	    cmocka_unit_test(test_unparseable_and_http),
	    cmocka_unit_test(test_xml_cut_in_a_tag_named_encoding),
	    cmocka_unit_test(test_trailing_text_and_empty_object),
	    cmocka_unit_test(test_malformed_diagnosed_precisely),
	    cmocka_unit_test(test_error_texts_whole),
	    cmocka_unit_test(test_xml),
	    cmocka_unit_test(test_xml_pretty),
	    cmocka_unit_test(test_wrapper_names),
	    cmocka_unit_test(test_business_failures_in_other_shapes),
	    cmocka_unit_test(test_form_success_rules),
	    cmocka_unit_test(test_both_shapes),
	    cmocka_unit_test(test_json_duplicate_names_last_wins),
	    cmocka_unit_test(test_unwrapped_answers_unparseable),
	    cmocka_unit_test(test_unwrapped_xml_answers_unparseable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
