/* The local gateway's router checks and envelopes, without HTTP. */
#include "test_header.h"

#include "base/clock.h"
#include "ext/json.h"
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
	/* its answer would be <320_response>: no XML name (fuzz_gateway) */
	break_and_expect("method", "taobao.320", 22, "isv.invalid-method");
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

/* Every mode is applied in one place: the kinds as the help describes them. */
static void test_fault_kinds(void **state)
{
	static const enum topc_fault answers[] = {TOPC_FAULT_HTTP500,	TOPC_FAULT_MALFORMED,
						  TOPC_FAULT_TRUNCATED, TOPC_FAULT_DROP,
						  TOPC_FAULT_HUGE,	TOPC_FAULT_DRIP};

	assert_int_equal(topc_fault_kind(TOPC_FAULT_NONE), TOPC_FAULT_KIND_NONE);
	assert_int_equal(topc_fault_kind(TOPC_FAULT_DELAY), TOPC_FAULT_KIND_WAIT);
	assert_int_equal(topc_fault_kind(TOPC_FAULT_ISP), TOPC_FAULT_KIND_VERDICT);
	assert_int_equal(topc_fault_kind(TOPC_FAULT_RATELIMIT), TOPC_FAULT_KIND_VERDICT);
	for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
		assert_int_equal(topc_fault_kind(answers[i]), TOPC_FAULT_KIND_ANSWER);
	assert_int_equal(topc_fault_wait(TOPC_FAULT_DRIP, 5000), 0); /* at once */
	assert_int_equal(topc_fault_wait(TOPC_FAULT_DELAY, 20), 20);
}

static void test_fault_verdicts(void **state)
{
	struct topc_gateway_verdict v = {.code = 0};

	topc_fault_verdict(TOPC_FAULT_RATELIMIT, 0, &v);
	assert_int_equal(v.code, 7);
	assert_string_equal(v.sub_code, "accesscontrol.limited-by-app-access-count");
	assert_string_equal(v.sub_msg, "This ban will last for 1 more seconds");
	memset(&v, 0, sizeof(v));
	topc_fault_verdict(TOPC_FAULT_ISP, 0, &v);
	assert_int_equal(v.code, 15);
	assert_string_equal(v.sub_code, "isp.top-remote-service-unavailable");
	/* a refusal stays the router's */
	memset(&v, 0, sizeof(v));
	v.code = 25;
	topc_fault_verdict(TOPC_FAULT_ISP, 0, &v);
	assert_int_equal(v.code, 25);
	assert_string_equal(v.sub_code, "");
	/* other modes leave an acceptance alone */
	memset(&v, 0, sizeof(v));
	topc_fault_verdict(TOPC_FAULT_HUGE, 0, &v);
	assert_int_equal(v.code, 0);
}

/* Reads a streamed answer the way the server does, in pieces of n. */
static ssize_t read_all(const struct topc_fault_answer *a, size_t n, struct topc_buf *out)
{
	char piece[4096];
	ssize_t got;

	assert_true(n <= sizeof(piece));
	while ((got = topc_fault_answer_read(a, out->len, piece, n)) >= 0) {
		assert_true((size_t)got <= n);
		assert_int_equal(topc_buf_add(out, piece, (size_t)got), TOPC_OK);
	}
	return got;
}

static void test_fault_huge_is_valid_json_of_arg_bytes(void **state)
{
	struct topc_fault_answer *a = topc_fault_answer_new(
	    TOPC_FAULT_HUGE, 100000, "taobao.tpn.template.message.send", "rid1");
	struct topc_buf out;
	struct topc_json *j;
	const struct topc_json *w, *pad;

	assert_non_null(a);
	assert_true(a->streamed);
	assert_int_equal(a->status, 200);
	assert_int_equal(a->size, 100000);
	topc_buf_init(&out, 0);
	assert_int_equal(read_all(a, 777, &out), TOPC_FAULT_READ_END);
	assert_int_equal(out.len, 100000);
	j = topc_json_parse(out.data, out.len, NULL);
	assert_non_null(j);
	w = topc_json_get(j, "tpn_template_message_send_response");
	assert_non_null(w);
	assert_string_equal(topc_json_string(topc_json_get(w, "request_id")), "rid1");
	pad = topc_json_get(w, "padding");
	assert_int_equal(strspn(topc_json_string(pad), "x"), strlen(topc_json_string(pad)));
	assert_true(strlen(topc_json_string(pad)) > 99000);
	topc_json_free(j);
	topc_buf_release(&out);
	topc_fault_answer_free(a);
	/* an ARG below the envelope's size sends the envelope as it is */
	a = topc_fault_answer_new(TOPC_FAULT_HUGE, 3, "taobao.tpn.template.message.send", "rid1");
	assert_non_null(a);
	topc_buf_init(&out, 0);
	assert_int_equal(read_all(a, 4096, &out), TOPC_FAULT_READ_END);
	assert_int_equal(out.len, a->len);
	assert_memory_equal(out.data, a->data, a->len);
	assert_true(topc_json_valid(out.data, out.len, NULL));
	topc_buf_release(&out);
	topc_fault_answer_free(a);
}

/* drop fails after half the envelope; drip gives it whole, byte by byte;
 * truncated is half of what drip sends, announced as whole. */
static void test_fault_drop_drip_truncated(void **state)
{
	const char *m = "taobao.tpn.template.message.send";
	struct topc_fault_answer *drip = topc_fault_answer_new(TOPC_FAULT_DRIP, 1, m, "r2");
	struct topc_fault_answer *drop = topc_fault_answer_new(TOPC_FAULT_DROP, 0, m, "r2");
	struct topc_fault_answer *cut = topc_fault_answer_new(TOPC_FAULT_TRUNCATED, 0, m, "r2");
	struct topc_buf whole, part;

	assert_non_null(drip), assert_non_null(drop), assert_non_null(cut);
	topc_buf_init(&whole, 0);
	topc_buf_init(&part, 0);
	assert_int_equal(read_all(drip, 64, &whole), TOPC_FAULT_READ_END);
	assert_true(topc_json_valid(whole.data, whole.len, NULL));
	assert_int_equal(drip->allow_ms, (int64_t)whole.len);
	assert_int_equal(read_all(drop, 64, &part), TOPC_FAULT_READ_FAIL);
	assert_int_equal(part.len, whole.len / 2);
	assert_memory_equal(part.data, whole.data, part.len);
	assert_int_equal(drop->size, whole.len); /* announced whole */
	assert_false(cut->streamed);
	assert_int_equal(cut->len, whole.len / 2);
	assert_memory_equal(cut->data, whole.data, cut->len);
	assert_false(topc_json_valid(cut->data, cut->len, NULL));
	topc_buf_release(&whole);
	topc_buf_release(&part);
	topc_fault_answer_free(drip);
	topc_fault_answer_free(drop);
	topc_fault_answer_free(cut);
}

static void test_fault_http500_and_malformed(void **state)
{
	struct topc_fault_answer *a = topc_fault_answer_new(TOPC_FAULT_HTTP500, 0, NULL, "r3");

	assert_non_null(a);
	assert_int_equal(a->status, 500);
	assert_string_equal(a->content_type, "text/html;charset=UTF-8");
	assert_non_null(strstr(a->data, "<h1>500 Internal Server Error</h1>"));
	topc_fault_answer_free(a);
	a = topc_fault_answer_new(TOPC_FAULT_MALFORMED, 0, NULL, "r3");
	assert_non_null(a);
	assert_int_equal(a->status, 200);
	assert_false(a->streamed);
	assert_non_null(strstr(a->data, "\"topc_unknown_response\""));
	assert_false(topc_json_valid(a->data, a->len, NULL));
	topc_fault_answer_free(a);
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
	    cmocka_unit_test(test_fault_kinds),
	    cmocka_unit_test(test_fault_verdicts),
	    cmocka_unit_test(test_fault_huge_is_valid_json_of_arg_bytes),
	    cmocka_unit_test(test_fault_drop_drip_truncated),
	    cmocka_unit_test(test_fault_http500_and_malformed),
	    cmocka_unit_test(test_known_method_list),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
