/* Forms: loading and checking definitions, validating filled forms against
 * every constraint and cross-field rule, and serializing them. */
#include "test_header.h"

#include "form/form.h"
#include "form/form_store.h"
#include "form/form_type.h"
#include "form/form_value.h"
#include "form/form_read.h"
#include "form/form_wire.h"

static struct topc_form_store store;

static int setup(void **state)
{
	struct topc_error err = {0};

	(void)state;
	/* only the shipped forms: no user directory */
	setenv("XDG_CONFIG_HOME", "/nonexistent-topc-test", 1);
	topc_form_store_init(&store);
	return topc_form_store_load(&store, &err) == TOPC_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	topc_form_store_release(&store);
	return 0;
}

static const struct topc_form *form(const char *method)
{
	const struct topc_form *f = topc_form_store_get(&store, method);

	if (!f)
		fail_msg("no shipped form for %s", method);
	return f;
}

#define JYM "taobao.jym.message.apppush.send"
#define TPN "taobao.tpn.template.message.send"
#define TBK "taobao.tbk.marketing.msg.send"
#define CAMPUS "alibaba.campus.mc.message.sendmessagetomobile"

/* Fills values from NULL-terminated "path=value" strings through
 * topc_form_set, as the command line does. */
static void fill(const struct topc_form *f, struct topc_params *values, const char *const *sets)
{
	struct topc_error err = {0};

	topc_params_init(values);
	for (size_t i = 0; sets[i]; i++) {
		const char *eq = strchr(sets[i], '=');
		char path[256];
		snprintf(path, sizeof(path), "%.*s", (int)(eq - sets[i]), sets[i]);
		if (topc_form_set(f, values, path, eq + 1, &err) != TOPC_OK)
			fail_msg("set %s: %s", sets[i], err.msg);
	}
}

/* Valid minimal fills of each form, to which the tests add one fault. */
static const char *const tbk_ok[] = {"adzone_id=123", "manufacturer=huawei", NULL};

static void expect(const char *method, const char *const *base, const char *const *more,
		   const char *path, bool missing, const char *needle)
{
	const struct topc_form *f = form(method);
	struct topc_params values;
	struct topc_form_problems problems;
	struct topc_error err = {0};
	bool found = false;

	fill(f, &values, base);
	for (size_t i = 0; more && more[i]; i++) {
		const char *eq = strchr(more[i], '=');
		char p[256];
		snprintf(p, sizeof(p), "%.*s", (int)(eq - more[i]), more[i]);
		assert_int_equal(topc_form_set(f, &values, p, eq + 1, &err), TOPC_OK);
	}
	topc_form_problems_init(&problems);
	topc_form_validate(f, &values, NULL, &problems);
	for (size_t i = 0; i < problems.count; i++)
		if (strcmp(problems.items[i].path, path) == 0 &&
		    problems.items[i].missing == missing && strstr(problems.items[i].msg, needle))
			found = true;
	if (!found) {
		for (size_t i = 0; i < problems.count; i++)
			print_message("problem: %s\n", problems.items[i].msg);
		fail_msg("expected a problem at %s containing \"%s\" (%zu problems)", path, needle,
			 problems.count);
	}
	topc_form_problems_release(&problems);
	topc_params_release(&values);
}

static void expect_valid(const char *method, const char *const *sets)
{
	const struct topc_form *f = form(method);
	struct topc_params values;
	struct topc_form_problems problems;

	fill(f, &values, sets);
	topc_form_problems_init(&problems);
	if (!topc_form_validate(f, &values, NULL, &problems))
		fail_msg("%s: unexpected problem: %s", method, problems.items[0].msg);
	topc_form_problems_release(&problems);
	topc_params_release(&values);
}

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

static void shipped_forms_load(void **state)
{
	(void)state;
	assert_int_equal(store.count, 4);
	for (size_t i = 0; i < store.count; i++) {
		if (!store.items[i].ok)
			fail_msg("%s", store.items[i].problem);
		assert_false(store.items[i].user);
	}
	/* every field of the pages, nested ones included */
	assert_int_equal(topc_field_count(&form(JYM)->request), 9);
	assert_int_equal(topc_field_count(&form(TPN)->request), 11);
	assert_int_equal(topc_field_count(&form(TBK)->request), 42);
	assert_int_equal(topc_field_count(&form(CAMPUS)->request), 13);
	assert_int_equal(topc_field_count(&form(JYM)->response), 5);
	assert_int_equal(topc_field_count(&form(TBK)->response), 7);
	assert_int_equal(topc_field_count(&form(CAMPUS)->response), 8);
}

static void required_fields(void **state)
{
	(void)state;
	expect(TBK, LIST("manufacturer=huawei"), NULL, "adzone_id", true, "required String");
	expect(JYM, LIST("user_id=1", "message_id=m", "template_id=1"), NULL, "push_content_dto",
	       true, "required PushContentDto");
	/* nested required fields count once their object is present */
	expect(CAMPUS, LIST("mobile_receiver_message_event.source=s"), NULL,
	       "mobile_receiver_message_event.msg_key", true, "required String");
	expect(CAMPUS, LIST("mobile_receiver_message_event.source=s"), NULL,
	       "mobile_receiver_message_event.event_type", true, "required String");
	/* a required field with a default is satisfied by it */
	expect_valid(TBK, tbk_ok);
}

static void types(void **state)
{
	(void)state;
	expect(TBK, tbk_ok, LIST("template_id=12a"), "template_id", false, "not a whole number");
	expect(TBK, tbk_ok, LIST("template_id=1.5"), "template_id", false, "not a whole number");
	expect(TBK, tbk_ok, LIST("template_id=9223372036854775808"), "template_id", false,
	       "outside the 64-bit range");
	expect_valid(TBK,
		     LIST("adzone_id=1", "manufacturer=oppo", "template_id=9223372036854775807"));
	expect(TBK, tbk_ok, LIST("for_inner_test=yes"), "for_inner_test", false,
	       "write true or false");
	expect(TPN, LIST("template_key=k", "template_id=1", "user_id=1", "biz_id=1"),
	       LIST("biz_data={\"a\":"), "biz_data", false, "not valid JSON");
	expect_valid(TPN, LIST("template_key=k", "template_id=1", "user_id=1", "biz_id=1",
			       "biz_data={\"key1\":\"value\",\"key2\":123}"));
}

static void choices_and_ranges(void **state)
{
	(void)state;
	expect(TBK, LIST("adzone_id=1"), LIST("manufacturer=xiaomi"), "manufacturer", false,
	       "huawei (华为), oppo (oppo), rongyao (荣耀)");
	expect(TBK, tbk_ok, LIST("func_type=2"), "func_type", false, "not one of the choices");
	expect(TBK, LIST("adzone_id=1", "manufacturer=oppo"), LIST("oppo_sp.show_time=5"),
	       "oppo_sp.show_time", false, "outside the range 6 to 48");
	expect(TBK, LIST("adzone_id=1", "manufacturer=oppo"), LIST("oppo_sp.show_time=49"),
	       "oppo_sp.show_time", false, "outside the range 6 to 48");
	expect_valid(TBK, LIST("adzone_id=1", "manufacturer=oppo", "oppo_sp.show_time=6"));
	expect_valid(TBK, LIST("adzone_id=1", "manufacturer=oppo", "oppo_sp.show_time=48"));
	expect(CAMPUS,
	       LIST("mobile_receiver_message_event.msg_key=1b4e28ba-2fa1-41d2-883f-0016d3cca427",
		    "mobile_receiver_message_event.event_time_millis=1"),
	       LIST("mobile_receiver_message_event.event_type=sms"),
	       "mobile_receiver_message_event.event_type", false, "push_app (推送到APP)");
}

static void dates_uuids_json(void **state)
{
	(void)state;
	expect(TBK, tbk_ok, LIST("start_time=2023-11-11"), "start_time", false,
	       "format yyyy-MM-dd HH:mm:ss");
	expect(TBK, tbk_ok, LIST("start_time=2023-02-29 00:00:00"), "start_time", false,
	       "not a date");
	expect_valid(TBK,
		     LIST("adzone_id=1", "manufacturer=huawei", "start_time=2024-02-29 23:59:59"));
	expect(TBK, LIST("adzone_id=1", "manufacturer=rongyao"),
	       LIST("rongyao_sp.big_pic_expire_time=2024-07-01 23:59:00"),
	       "rongyao_sp.big_pic_expire_time", false, "format yyyy-MM-dd HH:mm");
	expect(CAMPUS,
	       LIST("mobile_receiver_message_event.event_type=push_app",
		    "mobile_receiver_message_event.event_time_millis=1"),
	       LIST("mobile_receiver_message_event.msg_key=1"),
	       "mobile_receiver_message_event.msg_key", false, "not a UUID");
	expect(CAMPUS,
	       LIST("mobile_receiver_message_event.event_type=push_app",
		    "mobile_receiver_message_event.event_time_millis=1",
		    "mobile_receiver_message_event.msg_key=1b4e28ba-2fa1-41d2-883f-0016d3cca427"),
	       LIST("mobile_receiver_message_event.json_data=not json"),
	       "mobile_receiver_message_event.json_data", false, "not valid JSON");
	expect_valid(
	    CAMPUS,
	    LIST("mobile_receiver_message_event.event_type=push_app",
		 "mobile_receiver_message_event.event_time_millis=1",
		 "mobile_receiver_message_event.msg_key=1B4E28BA-2FA1-41D2-883F-0016D3CCA427",
		 "mobile_receiver_message_event.json_data={\"a\":1}"));
	assert_true(topc_date_match("yyyy-MM-dd", "2000-02-29", NULL));
	assert_false(topc_date_match("yyyy-MM-dd", "1900-02-29", NULL));
	assert_false(topc_date_match("yyyy-MM-dd HH:mm", "2024-07-01 24:00", NULL));
}

static void cross_field_rules(void **state)
{
	(void)state;
	expect(TBK, LIST("adzone_id=1", "manufacturer=oppo"), LIST("huawei_sp.unfold=1"),
	       "huawei_sp", false, "only when manufacturer is huawei (it is oppo)");
	expect(TBK, LIST("adzone_id=1", "manufacturer=huawei"), LIST("oppo_sp.is_top=1"), "oppo_sp",
	       false, "only when manufacturer is oppo");
	expect(TBK, LIST("adzone_id=1", "manufacturer=huawei"), LIST("rongyao_sp.lock_ring=1"),
	       "rongyao_sp", false, "only when manufacturer is rongyao");
	expect_valid(TBK, LIST("adzone_id=1", "manufacturer=huawei", "huawei_sp.unfold=1"));
	/* material_type unset: its default 1 counts */
	expect(TBK, tbk_ok, LIST("target_item.item_id_list=a,b"), "target_item", false,
	       "only when material_type is 2 (it is 1)");
	expect_valid(TBK, LIST("adzone_id=1", "manufacturer=huawei", "material_type=2",
			       "target_item.item_id_list=a,b"));

	const char *const ry[] = {"adzone_id=1", "manufacturer=rongyao", NULL};
	expect(TBK, ry,
	       LIST("rongyao_sp.top_start_time=2024-07-01 03:59",
		    "rongyao_sp.top_end_time=2024-07-01 08:00"),
	       "rongyao_sp.top_end_time", false, "at most 240");
	expect(TBK, ry,
	       LIST("rongyao_sp.top_start_time=2024-07-01 03:59",
		    "rongyao_sp.top_end_time=2024-07-01 03:00"),
	       "rongyao_sp.top_end_time", false, "is not after");
	expect(TBK, ry, LIST("rongyao_sp.top_start_time=2024-07-01 03:59"),
	       "rongyao_sp.top_end_time", true, "set both or neither");
	expect(TBK, ry, LIST("rongyao_sp.top_start_time=2024-07-01 3:59"),
	       "rongyao_sp.top_start_time", false, "format yyyy-MM-dd HH:mm");
	expect_valid(TBK, LIST("adzone_id=1", "manufacturer=rongyao",
			       "rongyao_sp.top_start_time=2024-12-31 22:00",
			       "rongyao_sp.top_end_time=2025-01-01 02:00"));
	/* the page's own example breaks three of them */
	expect(TBK, LIST("adzone_id=123", "manufacturer=huawei", "oppo_sp.show_time=2"), NULL,
	       "oppo_sp", false, "only when manufacturer is oppo");
}

static void paths(void **state)
{
	const struct topc_form *f = form(JYM);
	struct topc_params values;
	struct topc_error err = {0};

	(void)state;
	topc_params_init(&values);
	assert_int_equal(topc_form_set(f, &values, "push_content_dto.titel", "x", &err),
			 TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "did you mean push_content_dto.title?"));
	assert_int_equal(topc_form_set(f, &values, "push_content_dto", "\"x\"", &err),
			 TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "PushContentDto"));
	/* a whole object as JSON is spread into its fields */
	assert_int_equal(
	    topc_form_set(f, &values, "push_content_dto",
			  "{\"title\":\"t\",\"push_redirect_url_dto\":{\"redirect_url_type\":2}}",
			  &err),
	    TOPC_OK);
	assert_string_equal(topc_params_get(&values, "push_content_dto.title"), "t");
	assert_string_equal(
	    topc_params_get(&values, "push_content_dto.push_redirect_url_dto.redirect_url_type"),
	    "2");
	assert_int_equal(topc_form_set(f, &values, "push_content_dto", "{\"tilte\":\"t\"}", &err),
			 TOPC_ERR_INPUT);
	assert_non_null(strstr(err.msg, "push_content_dto.tilte"));
	/* an empty value unsets an object and everything under it */
	assert_int_equal(topc_form_set(f, &values, "push_content_dto", "", &err), TOPC_OK);
	assert_int_equal(values.count, 0);
	topc_params_release(&values);
}

static char *serialize(const char *method, const char *const *sets, const char *param)
{
	const struct topc_form *f = form(method);
	struct topc_params values, params;
	struct topc_error err = {0};
	const char *v;
	char *copy;

	fill(f, &values, sets);
	topc_params_init(&params);
	if (topc_form_serialize(f, &values, &params, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
	v = topc_params_get(&params, param);
	copy = v ? strdup(v) : NULL;
	topc_params_release(&params);
	topc_params_release(&values);
	return copy;
}

static void serialization(void **state)
{
	char *s;

	(void)state;
	/* TOP_PROTOCOL.md 3.3: what the Java SDK sends for the page's example */
	s = serialize(
	    JYM,
	    LIST("push_content_dto.push_redirect_url_dto.redirect_url=http://www.jiaoyimao.com",
		 "push_content_dto.push_redirect_url_dto.redirect_url_type=1",
		 "push_content_dto.title=标题", "push_content_dto.content=内容"),
	    "push_content_dto");
	assert_string_equal(s,
			    "{\"content\":\"内容\",\"push_redirect_url_dto\":{\"redirect_url\":"
			    "\"http:\\/\\/www.jiaoyimao.com\",\"redirect_url_type\":1},\"title\":"
			    "\"标题\"}");
	free(s);
	/* unset optional fields are left out; a required default is sent */
	s = serialize(TBK, tbk_ok, "func_type");
	assert_string_equal(s, "0");
	free(s);
	assert_null(serialize(TBK, tbk_ok, "material_type"));
	assert_null(serialize(TBK, tbk_ok, "huawei_sp"));
	/* arrays inside objects as JSON arrays, from a comma list or JSON */
	s = serialize(TBK, LIST("target_item.item_id_list=a,b"), "target_item");
	assert_string_equal(s, "{\"item_id_list\":[\"a\",\"b\"]}");
	free(s);
	s = serialize(TBK, LIST("target_item.item_id_list=[\"top:x\"]"), "target_item");
	assert_string_equal(s, "{\"item_id_list\":[\"top:x\"]}");
	free(s);
	/* numbers stay exact past 2^53; booleans bare */
	s = serialize(CAMPUS,
		      LIST("mobile_receiver_message_event.event_time_millis=9007199254740993"),
		      "mobile_receiver_message_event");
	assert_string_equal(s, "{\"event_time_millis\":9007199254740993}");
	free(s);
	s = serialize(TBK, LIST("for_inner_test=false"), "for_inner_test");
	assert_string_equal(s, "false");
	free(s);
}

static void wire_round_trip(void **state)
{
	const struct topc_form *f = form(TBK);
	const char *const sets[] = {"adzone_id=9",
				    "manufacturer=huawei",
				    "huawei_sp.unfold=0",
				    "huawei_sp.small_pic_url=http://a/b",
				    "material_type=2",
				    "target_item.item_id_list=x,y",
				    NULL};
	struct topc_params values, params, back;
	struct topc_form_problems problems;
	struct topc_error err = {0};

	(void)state;
	fill(f, &values, sets);
	topc_params_init(&params);
	topc_params_init(&back);
	topc_form_problems_init(&problems);
	assert_int_equal(topc_form_serialize(f, &values, &params, &err), TOPC_OK);
	assert_int_equal(topc_form_from_params(f, &params, &back, &problems), TOPC_OK);
	assert_int_equal(problems.count, 0);
	assert_true(topc_form_validate(f, &back, NULL, &problems));
	assert_string_equal(topc_params_get(&back, "huawei_sp.small_pic_url"), "http://a/b");
	assert_string_equal(topc_params_get(&back, "huawei_sp.unfold"), "0");
	assert_string_equal(topc_params_get(&back, "target_item.item_id_list"), "[\"x\",\"y\"]");
	/* an object parameter that is not a JSON object is an invalid value */
	topc_params_set(&params, "huawei_sp", "unfold=0");
	topc_params_release(&back);
	topc_params_init(&back);
	topc_form_from_params(f, &params, &back, &problems);
	assert_int_equal(problems.count, 1);
	assert_string_equal(problems.items[0].path, "huawei_sp");
	topc_form_problems_release(&problems);
	topc_params_release(&back);
	topc_params_release(&params);
	topc_params_release(&values);
}

/* Definition checks: each bad form is refused with its line. */
static void expect_bad_form(const char *text, const char *needle)
{
	struct topc_form f;
	struct topc_error err = {0};

	if (topc_form_load_string(text, "bad.conf", &f, &err) == TOPC_OK)
		fail_msg("accepted: %s", text);
	if (!strstr(err.msg, needle))
		fail_msg("expected \"%s\" in: %s", needle, err.msg);
}

#define HEAD "method = \"taobao.x.y\";\n"

static void definition_checks(void **state)
{
	(void)state;
	expect_bad_form(HEAD "request = ( { name = \"a\"; type = \"Foo\"; } );",
			"bad.conf:2: a: type \"Foo\" is unknown");
	expect_bad_form(HEAD "request = ( { name = \"a\"; type = \"String\"; },\n"
			     "{ name = \"a\"; type = \"Number\"; } );",
			"bad.conf:3: a is defined twice (first on line 2)");
	expect_bad_form(HEAD "request = ( { name = \"a\"; type = \"Number\";\n"
			     "choices = ( (\"x\", \"X\") ); } );",
			"choice \"x\" is not a whole number");
	expect_bad_form(HEAD
			"request = ( { name = \"a\"; type = \"Number\"; min = 5; max = 1; } );",
			"min 5 is above max 1");
	expect_bad_form(HEAD
			"request = ( { name = \"a\"; type = \"String\"; format = \"yyyy-QQ\"; } );",
			"format \"yyyy-QQ\"");
	expect_bad_form(
	    HEAD "request = ( { name = \"a\"; type = \"String\"; requried = true; } );",
	    "bad.conf:2: unknown key \"requried\" in a field; did you mean \"required\"?");
	expect_bad_form(HEAD "request = ( { name = \"a\"; type = \"Number\"; default = \"x\"; } );",
			"default \"x\"");
	expect_bad_form(HEAD "request = ( { name = \"a\"; type = \"String\"; } );\n"
			     "rules = ( { field = \"b\"; only_when = \"a\"; equals = \"1\"; } );",
			"bad.conf:3: rule names b, which is not a request field; did you mean a?");
	expect_bad_form(HEAD "request = ( { name = \"a\"; type = \"String\"; },\n"
			     "{ name = \"b\"; type = \"String\"; } );\n"
			     "rules = ( { start = \"a\"; end = \"b\"; max_hours = 1; } );",
			"a has no date format");
	expect_bad_form(HEAD "request = ( { name = \"a\"; type = ; } );",
			"bad.conf:2: syntax error");
	expect_bad_form("title = \"x\";", "no method");
	expect_bad_form("method = \"Not A Method\";", "is not a TOP method name");
	/* a system parameter is no business field (G3); inside a structure the
	 * name is the structure's own */
	expect_bad_form(HEAD "request = ( { name = \"timestamp\"; type = \"String\"; } );",
			"request field timestamp is a TOP system parameter");
	expect_bad_form(HEAD "request = ( { name = \"sign\"; type = \"String\"; } );",
			"request field sign is a TOP system parameter");
	/* the rule holds for topc's own namespace too: only a form of settings,
	 * never sent, is let off */
	expect_bad_form("method = \"topc.x.y\";\n"
			"request = ( { name = \"app_key\"; type = \"String\"; } );",
			"request field app_key is a TOP system parameter");
	{
		struct topc_form f;
		struct topc_error err = {0};
		assert_int_equal(topc_form_load_settings_string(
				     "method = \"topc.x.y\";\n"
				     "request = ( { name = \"app_key\"; type = \"String\"; } );",
				     "s.conf", &f, &err),
				 TOPC_OK);
		topc_form_release(&f);
	}
	{
		struct topc_form f;
		struct topc_error err = {0};
		assert_int_equal(topc_form_load_string(HEAD
						       "request = ( { name = \"o\"; type = "
						       "\"O\"; fields = ( { name = \"timestamp\"; "
						       "type = \"String\"; } ); } );",
						       "t.conf", &f, &err),
				 TOPC_OK);
		topc_form_release(&f);
	}
	expect_bad_form(HEAD "request = ( { name = \"a\"; type = \"Boolean\"; fields = ( { name = "
			     "\"b\"; type = \"String\"; } ); } );",
			"a is a Boolean and cannot have fields");
}

/* Constraints the seed pages do not use, on a form built for the test. */
static void other_constraints(void **state)
{
	static const char text[] = "method = \"taobao.test.constraints\";\n"
				   "request = (\n"
				   "  { name = \"nick\"; type = \"String\"; max_length = 4; },\n"
				   "  { name = \"count\"; type = \"Number\"; min = 1; },\n"
				   "  { name = \"page\"; type = \"Number\"; max = 100; },\n"
				   "  { name = \"ids\"; type = \"Number []\"; },\n"
				   "  { name = \"day\"; type = \"Date\"; },\n"
				   "  { name = \"kinds\"; type = \"String []\"; choices = ( "
				   "(\"a\", \"\"), (\"b\", \"\") ); },\n"
				   "  { name = \"names\"; type = \"String []\"; }\n"
				   ");\n";
	static const struct {
		const char *path, *value, *needle;
	} cases[] = {
	    {"nick", "淘宝天猫好", "is 5 characters long; at most 4"},
	    {"count", "0", "0 is below the minimum 1"},
	    {"page", "101", "101 is above the maximum 100"},
	    {"ids", "1,x,3", "element \"x\" is not a whole number"},
	    {"ids", "[1,\"y\"]", "element \"y\" is not a whole number"},
	    {"ids", "[1,", "not a JSON array"},
	    {"day", "2024-01-01", "not a date in the format yyyy-MM-dd HH:mm:ss"},
	    {"kinds", "a,c", "element \"c\" is not one of the choices: a, b"},
	    /* a comma list cannot carry an element's comma: 2 elements would be 3 */
	    {"names", "[\"a,b\",\"c\"]", "element 1 holds a comma"},
	    {"names", "[\"a\",\"b,c\"]", "element 2 holds a comma"},
	};
	struct topc_form f;
	struct topc_error err = {0};

	(void)state;
	assert_int_equal(topc_form_load_string(text, "t.conf", &f, &err), TOPC_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct topc_params values;
		struct topc_form_problems problems;
		topc_params_init(&values);
		topc_form_problems_init(&problems);
		assert_int_equal(topc_form_set(&f, &values, cases[i].path, cases[i].value, &err),
				 TOPC_OK);
		assert_false(topc_form_validate(&f, &values, NULL, &problems));
		if (problems.count != 1 || strcmp(problems.items[0].path, cases[i].path) != 0 ||
		    !strstr(problems.items[0].msg, cases[i].needle))
			fail_msg("%s=%s: expected \"%s\", got %s", cases[i].path, cases[i].value,
				 cases[i].needle,
				 problems.count ? problems.items[0].msg : "nothing");
		topc_form_problems_release(&problems);
		topc_params_release(&values);
	}
	/* and the good values pass */
	{
		const char *const good[] = {"nick=淘宝天猫",
					    "count=1",
					    "page=100",
					    "ids=[1,2]",
					    "day=2024-01-01 00:00:00",
					    "kinds=b,a",
					    "names=[\"a\",\"b c\"]",
					    NULL};
		struct topc_params values;
		struct topc_form_problems problems;
		topc_params_init(&values);
		topc_form_problems_init(&problems);
		for (size_t i = 0; good[i]; i++) {
			const char *eq = strchr(good[i], '=');
			char path[32];
			snprintf(path, sizeof(path), "%.*s", (int)(eq - good[i]), good[i]);
			assert_int_equal(topc_form_set(&f, &values, path, eq + 1, &err), TOPC_OK);
		}
		if (!topc_form_validate(&f, &values, NULL, &problems))
			fail_msg("%s", problems.items[0].msg);
		topc_form_problems_release(&problems);
		topc_params_release(&values);
	}
	topc_form_release(&f);
}

/* Arrays element by element: what the console's add/remove/edit rely on.
 * Each joined value must read back as the same elements, pass validation
 * and serialize to the elements the user typed. */
static void array_elements(void **state)
{
	static const char text[] = "method = \"t.arrays\";\nrequest = (\n"
				   "  { name = \"tags\"; type = \"String []\"; },\n"
				   "  { name = \"ids\"; type = \"Number []\"; },\n"
				   "  { name = \"items\"; type = \"Item []\"; fields = (\n"
				   "    { name = \"id\"; type = \"Number\"; required = true; },\n"
				   "    { name = \"title\"; type = \"String\"; }\n"
				   "  ); }\n"
				   ");\n";
	struct topc_form f;
	struct topc_error err = {0};
	char **elems;
	size_t n;
	char *joined;

	(void)state;
	assert_int_equal(topc_form_load_string(text, "t.conf", &f, &err), TOPC_OK);
	const struct topc_field *tags = topc_field_find(&f.request, "tags");
	const struct topc_field *ids = topc_field_find(&f.request, "ids");
	const struct topc_field *items = topc_field_find(&f.request, "items");

	/* reading: comma lists, JSON arrays, nothing, and refusals */
	assert_true(topc_array_split(tags, "a,b,中文", &elems, &n));
	assert_int_equal(n, 3);
	assert_string_equal(elems[2], "中文");
	topc_array_free(elems, n);
	assert_true(topc_array_split(tags, "[\"x,y\",\"z\"]", &elems, &n));
	assert_int_equal(n, 2);
	assert_string_equal(elems[0], "x,y");
	topc_array_free(elems, n);
	assert_true(topc_array_split(tags, "", &elems, &n));
	assert_int_equal(n, 0);
	assert_false(topc_array_split(tags, "[\"x\"", &elems, &n));
	assert_false(topc_array_split(items, "{\"id\":1}", &elems, &n));
	assert_true(topc_array_split(items, "[{\"id\":1},{\"id\":2,\"title\":\"t\"}]", &elems, &n));
	assert_int_equal(n, 2);
	assert_string_equal(elems[1], "{\"id\":2,\"title\":\"t\"}");
	topc_array_free(elems, n);

	/* writing: a comma list while it reads back the same, else JSON */
	{
		char *plain[] = {"a", "b"}, *comma[] = {"a", "b,c"}, *bracket[] = {"[x", "y"},
		     *empty[] = {""}, *objs[] = {"{\"id\":1}", "{\"id\":2}"};
		struct {
			const struct topc_field *fd;
			char **elems;
			size_t n;
			const char *want;
		} cases[] = {
		    {tags, plain, 2, "a,b"},
		    {tags, comma, 2, "[\"a\",\"b,c\"]"},
		    {tags, bracket, 2, "[\"[x\",\"y\"]"},
		    {tags, empty, 1, "[\"\"]"},
		    {tags, plain, 0, ""},
		    {items, objs, 2, "[{\"id\":1},{\"id\":2}]"},
		};
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			joined = topc_array_join(cases[i].fd, cases[i].elems, cases[i].n);
			if (!joined || strcmp(joined, cases[i].want) != 0)
				fail_msg("case %zu: joined %s, want %s", i, joined, cases[i].want);
			assert_true(topc_array_split(cases[i].fd, joined, &elems, &n));
			assert_int_equal(n, cases[i].n);
			for (size_t k = 0; k < n; k++)
				assert_string_equal(elems[k], cases[i].elems[k]);
			topc_array_free(elems, n);
			free(joined);
		}
	}

	/* what is sent: the elements, typed, at the top level and inside */
	{
		char *nums[] = {"1", "9007199254740993"}, *words[] = {"a b", "c"};
		struct topc_params values, params;
		struct topc_form_problems problems;
		topc_params_init(&values);
		topc_params_init(&params);
		topc_form_problems_init(&problems);
		joined = topc_array_join(ids, nums, 2);
		assert_int_equal(topc_form_set(&f, &values, "ids", joined, &err), TOPC_OK);
		free(joined);
		joined = topc_array_join(tags, words, 2);
		assert_int_equal(topc_form_set(&f, &values, "tags", joined, &err), TOPC_OK);
		free(joined);
		if (!topc_form_validate(&f, &values, NULL, &problems))
			fail_msg("%s", problems.items[0].msg);
		assert_int_equal(topc_form_serialize(&f, &values, &params, &err), TOPC_OK);
		assert_string_equal(topc_params_get(&params, "ids"), "1,9007199254740993");
		assert_string_equal(topc_params_get(&params, "tags"), "a b,c");
		topc_form_problems_release(&problems);
		topc_params_release(&params);
		topc_params_release(&values);
	}
	topc_form_release(&f);
}

/* A Number is kept as it is sent (the SDK's Long.toString: 007 is 7, -0 is
 * 0), so the form, the history and the drafts show what went out. */
static void numbers_kept_as_sent(void **state)
{
	static const char text[] = "method = \"taobao.test.numbers\";\n"
				   "request = (\n"
				   "  { name = \"n\"; type = \"Number\"; },\n"
				   "  { name = \"s\"; type = \"String\"; },\n"
				   "  { name = \"ns\"; type = \"Number []\"; },\n"
				   "  { name = \"o\"; type = \"Obj\"; fields = (\n"
				   "    { name = \"m\"; type = \"Number\"; } ); }\n"
				   ");\n";
	static const char *const cases[][3] = {
	    {"n", "0012", "12"},   {"n", "007", "7"},	     {"n", "-0", "0"},
	    {"n", "-007", "-7"},   {"n", "12", "12"},	     {"n", "x12", "x12"},
	    {"s", "0012", "0012"}, {"ns", "007,8", "007,8"}, {"o", "{\"m\":-0}", NULL},
	};
	struct topc_form f;
	struct topc_error err = {0};

	(void)state;
	assert_int_equal(topc_form_load_string(text, "t.conf", &f, &err), TOPC_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct topc_params values, params;
		topc_params_init(&values);
		topc_params_init(&params);
		assert_int_equal(topc_form_set(&f, &values, cases[i][0], cases[i][1], &err),
				 TOPC_OK);
		if (cases[i][2])
			assert_string_equal(topc_params_get(&values, cases[i][0]), cases[i][2]);
		else
			assert_string_equal(topc_params_get(&values, "o.m"), "0");
		/* and what is kept is what goes out */
		if (strcmp(cases[i][1], "x12") != 0) {
			assert_int_equal(topc_form_serialize(&f, &values, &params, &err), TOPC_OK);
			if (cases[i][2] && strcmp(cases[i][0], "o") != 0)
				assert_string_equal(topc_params_get(&params, cases[i][0]),
						    cases[i][2]);
		}
		topc_params_release(&params);
		topc_params_release(&values);
	}
	topc_form_release(&f);
}

/* One rule for method names, shared by form files and the gateway. */
static void test_method_names(void **state)
{
	static const char *const good[] = {"taobao.tbk.marketing.msg.send",
					   "alibaba.campus.mc.message.sendmessagetomobile",
					   "taobao.jym.message.apppush.send", "a.b", "x1.y_2"};
	static const char *const bad[] = {"taobao",  "Taobao.x",  "taobao.X", "taobao..x",
					  "taobao.", ".taobao.x", "1a.b",     "a-b.c",
					  "a.b c",   ""};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!topc_method_name_ok(good[i]))
			fail_msg("refused %s", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (topc_method_name_ok(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_method_names),  cmocka_unit_test(shipped_forms_load),
	    cmocka_unit_test(required_fields),	  cmocka_unit_test(types),
	    cmocka_unit_test(choices_and_ranges), cmocka_unit_test(dates_uuids_json),
	    cmocka_unit_test(cross_field_rules),  cmocka_unit_test(paths),
	    cmocka_unit_test(serialization),	  cmocka_unit_test(wire_round_trip),
	    cmocka_unit_test(definition_checks),  cmocka_unit_test(other_constraints),
	    cmocka_unit_test(array_elements),	  cmocka_unit_test(numbers_kept_as_sent),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
