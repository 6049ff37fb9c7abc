/* The local gateway's router checks and envelopes, without HTTP. */
#include "test_header.h"

#include "base/clock.h"
#include "form/form_read.h"
#include "gateway/gateway.h"
#include "top/response.h"
#include "top/sign.h"

static const int64_t now_s = 1451620800; /* 2016-01-01 12:00:00 GMT+8 */
static struct topc_gateway_config cfg;

static int setup(void **state)
{
	topc_gateway_config_init(&cfg);
	assert_true(topc_gateway_config_add_app(&cfg, "10000001", "demo-secret"));
	assert_false(topc_gateway_config_add_app(&cfg, "10000001", "other"));
	return 0;
}

static int teardown(void **state)
{
	topc_gateway_config_release(&cfg);
	return 0;
}

/* A valid request signed with the given method and secret. */
static void valid(struct topc_params *p, const char *sign_method, const char *secret)
{
	enum topc_sign_method m;
	char hex[TOPC_SIGN_HEX_MAX];

	topc_params_init(p);
	topc_params_set(p, "method", "taobao.tpn.template.message.send");
	topc_params_set(p, "app_key", "10000001");
	topc_params_set(p, "timestamp", "2016-01-01 12:03:00");
	topc_params_set(p, "v", "2.0");
	topc_params_set(p, "format", "json");
	topc_params_set(p, "sign_method", sign_method);
	topc_params_set(p, "template_key", "中文值");
	assert_true(topc_sign_method_parse(sign_method, &m));
	assert_int_equal(topc_sign_compute(m, secret, p, hex, NULL), TOPC_OK);
	topc_params_set(p, "sign", hex);
}

static void expect(const struct topc_params *p, int code, const char *sub_code)
{
	struct topc_gateway_verdict v;

	topc_gateway_check(&cfg, p, now_s, &v);
	if (v.code != code)
		fail_msg("expected code %d, got %d (%s: %s)", code, v.code, v.sub_code, v.sub_msg);
	if (sub_code)
		assert_string_equal(v.sub_code, sub_code);
}

static void test_accepts_every_sign_method(void **state)
{
	static const char *const methods[] = {"md5", "hmac", "hmac-sha256"};
	struct topc_params p;

	for (size_t i = 0; i < 3; i++) {
		valid(&p, methods[i], "demo-secret");
		expect(&p, 0, NULL);
		topc_params_release(&p);
	}
}

/* Each check, broken one at a time on an otherwise valid request.  The
 * request is re-signed after the change, so only the broken check fires. */
static void break_and_expect(const char *name, const char *value, int code, const char *sub)
{
	struct topc_params p;
	char hex[TOPC_SIGN_HEX_MAX];

	valid(&p, "md5", "demo-secret");
	topc_params_set(&p, name, value);
	assert_int_equal(topc_sign_compute(TOPC_SIGN_MD5, "demo-secret", &p, hex, NULL), TOPC_OK);
	topc_params_set(&p, "sign", hex);
	expect(&p, code, sub);
	topc_params_release(&p);
}

static void test_every_router_code(void **state)
{
	struct topc_params p;

	break_and_expect("method", "", 21, "isv.missing-method");
	break_and_expect("method", "not a method", 22, "isv.invalid-method");
	break_and_expect("format", "yaml", 23, "isv.invalid-format");
	break_and_expect("app_key", "", 28, "isv.missing-app-key");
	break_and_expect("app_key", "999", 29, "isv.appkey-not-exists");
	break_and_expect("timestamp", "", 30, "isv.missing-timestamp");
	break_and_expect("timestamp", "1451620800000", 31, "isv.invalid-timestamp");
	break_and_expect("timestamp", "2016-01-01 12:11:00", 31, "isv.invalid-timestamp");
	break_and_expect("timestamp", "2016-01-01 11:49:00", 31, "isv.invalid-timestamp");
	break_and_expect("timestamp", "2016-01-01 12:09:59", 0, NULL);
	break_and_expect("v", "", 32, "isv.missing-version");
	break_and_expect("v", "3.0", 33, "isv.invalid-version");
	break_and_expect("sign_method", "sha1", 25, "isv.invalid-sign-method");

	valid(&p, "md5", "demo-secret");
	topc_params_remove(&p, "sign");
	expect(&p, 24, "isv.missing-signature");
	topc_params_release(&p);

	valid(&p, "hmac", "wrong-secret");
	expect(&p, 25, "isv.invalid-signature");
	topc_params_release(&p);

	/* A value changed after signing. */
	valid(&p, "hmac-sha256", "demo-secret");
	topc_params_set(&p, "template_key", "中文值 ");
	expect(&p, 25, "isv.invalid-signature");
	topc_params_release(&p);
}

static void test_known_method_list(void **state)
{
	struct topc_params p;

	assert_int_equal(topc_gateway_config_add_method(&cfg, "taobao.jym.message.apppush.send"),
			 TOPC_OK);
	valid(&p, "md5", "demo-secret");
	expect(&p, 22, "isv.invalid-method"); /* tpn is not in the list */
	topc_params_release(&p);
}

static void test_render_round_trips_through_classify(void **state)
{
	struct topc_gateway_verdict v = {.code = 25, .format = TOPC_FORMAT_JSON};
	struct topc_buf body;
	struct topc_outcome o;

	snprintf(v.sub_code, sizeof(v.sub_code), "isv.invalid-signature");
	snprintf(v.sub_msg, sizeof(v.sub_msg), "bad \"sign\" <&>");
	for (int f = 0; f < 2; f++) {
		v.format = f ? TOPC_FORMAT_XML : TOPC_FORMAT_JSON;
		topc_buf_init(&body, 0);
		topc_outcome_init(&o);
		assert_int_equal(topc_gateway_render(&v, "taobao.x.y", "rid1", &body), TOPC_OK);
		topc_response_classify(body.data, body.len, 200, v.format, false, NULL, &o);
		assert_int_equal(o.cls, TOPC_OUTCOME_API_ERROR);
		assert_int_equal(o.code, 25);
		assert_string_equal(o.msg, "Invalid Signature");
		assert_string_equal(o.sub_msg, "bad \"sign\" <&>");
		assert_string_equal(o.request_id, "rid1");
		topc_outcome_release(&o);
		topc_buf_release(&body);
	}
	v.code = 0;
	for (int f = 0; f < 2; f++) {
		v.format = f ? TOPC_FORMAT_XML : TOPC_FORMAT_JSON;
		topc_buf_init(&body, 0);
		topc_outcome_init(&o);
		assert_int_equal(
		    topc_gateway_render(&v, "alibaba.campus.mc.message.sendmessagetomobile", "rid2",
					&body),
		    TOPC_OK);
		topc_response_classify(body.data, body.len, 200, v.format, false, NULL, &o);
		assert_int_equal(o.cls, TOPC_OUTCOME_SUCCESS);
		assert_string_equal(o.wrapper,
				    "alibaba_campus_mc_message_sendmessagetomobile_response");
		assert_string_equal(o.request_id, "rid2");
		topc_outcome_release(&o);
		topc_buf_release(&body);
	}
}

/* A verdict that answers in JSON from the form in text, loaded into f. */
static void json_verdict_from(const char *text, struct topc_form *f, struct topc_gateway_verdict *v)
{
	struct topc_error err = {0};

	assert_int_equal(topc_form_load_string(text, "t.conf", f, &err), TOPC_OK);
	memset(v, 0, sizeof(*v));
	v->format = TOPC_FORMAT_JSON;
	v->form = f;
}

/* TOP_PROTOCOL.md 4.4: with simplify=true the root is the result and a
 * list is a plain array; without, a wrapper and {"item_dto":[...]}. */
static void test_simplify_renders_bare(void **state)
{
	static const char text[] =
	    "method = \"taobao.a.list\";\n"
	    "response = ( { name = \"items\"; type = \"ItemDto []\"; fields = (\n"
	    "  { name = \"id\"; type = \"Number\"; example = \"7\"; } ); } );\n";
	struct topc_form f;
	struct topc_gateway_verdict v;
	struct topc_buf out;

	(void)state;
	json_verdict_from(text, &f, &v);
	topc_buf_init(&out, 0);
	assert_int_equal(topc_gateway_render(&v, "taobao.a.list", "r1", &out), TOPC_OK);
	assert_string_equal(topc_buf_str(&out), "{\"a_list_response\":{\"items\":{\"item_dto\":"
						"[{\"id\":7}]},\"request_id\":\"r1\"}}");
	topc_buf_reset(&out);
	v.simplify = true;
	assert_int_equal(topc_gateway_render(&v, "taobao.a.list", "r1", &out), TOPC_OK);
	assert_string_equal(topc_buf_str(&out), "{\"items\":[{\"id\":7}],\"request_id\":\"r1\"}");
	topc_buf_release(&out);
	topc_form_release(&f);
}

/* Empty Number/Boolean examples are left out ("" is no Long to the SDK's
 * Converters), and a Json field is a JSON string as the seed page's XML
 * example holds it (<error_ext_info>{&quot;errormsg&quot;:&quot;ok&quot;}):
 * expected texts are Python's json.dumps of the same values. */
static void test_render_types_as_the_sdk_reads_them(void **state)
{
	static const char text[] =
	    "method = \"taobao.a.get\";\n"
	    "response = ( { name = \"result\"; type = \"ResultDto\"; fields = (\n"
	    "  { name = \"count\"; type = \"Number\"; example = \"\"; },\n"
	    "  { name = \"ok\"; type = \"Boolean\"; example = \"\"; },\n"
	    "  { name = \"note\"; type = \"String\"; example = \"\"; },\n"
	    "  { name = \"ext\"; type = \"Json\"; example = \"{\\\"errormsg\\\":\\\"ok\\\"}\"; } "
	    "); },\n"
	    "  { name = \"top\"; type = \"Json\"; example = \"[1,2]\"; } );\n";
	struct topc_form f;
	struct topc_gateway_verdict v;
	struct topc_buf out;

	(void)state;
	json_verdict_from(text, &f, &v);
	topc_buf_init(&out, 0);
	assert_int_equal(topc_gateway_render(&v, "taobao.a.get", "r1", &out), TOPC_OK);
	assert_string_equal(
	    topc_buf_str(&out),
	    "{\"a_get_response\":{\"result\":{\"note\":\"\",\"ext\":\"{\\\"errormsg\\\":"
	    "\\\"ok\\\"}\"},\"top\":\"[1,2]\",\"request_id\":\"r1\"}}");
	topc_buf_reset(&out);
	v.format = TOPC_FORMAT_XML;
	assert_int_equal(topc_gateway_render(&v, "taobao.a.get", "r1", &out), TOPC_OK);
	assert_null(strstr(topc_buf_str(&out), "<count>"));
	assert_null(strstr(topc_buf_str(&out), "<ok>"));
	assert_non_null(
	    strstr(topc_buf_str(&out), "<ext>{&quot;errormsg&quot;:&quot;ok&quot;}</ext>"));
	topc_buf_release(&out);
	topc_form_release(&f);
}

static void test_fault_names(void **state)
{
	enum topc_fault f;
	long arg;

	assert_true(topc_fault_parse("delay:1500", &f, &arg));
	assert_int_equal(f, TOPC_FAULT_DELAY);
	assert_int_equal(arg, 1500);
	assert_true(topc_fault_parse("huge", &f, &arg));
	assert_int_equal(arg, 20971520);
	assert_false(topc_fault_parse("delay:abc", &f, &arg));
	assert_false(topc_fault_parse("explode", &f, &arg));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_accepts_every_sign_method),
	    cmocka_unit_test(test_simplify_renders_bare),
	    cmocka_unit_test(test_render_types_as_the_sdk_reads_them),
	    cmocka_unit_test(test_every_router_code),
	    cmocka_unit_test(test_render_round_trips_through_classify),
	    cmocka_unit_test(test_fault_names),
	    cmocka_unit_test(test_known_method_list),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
