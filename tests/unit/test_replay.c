/* A history entry made ready to send again (history/replay.c): --exact
 * sends the parameters as they went out, --fresh fills the form anew and
 * keeps what the send gave the request directly; the values record a
 * dropped system parameter as "". */
#include "test_header.h"

#include "form/form_read.h"
#include "history/history_record.h"
#include "history/replay.h"

#define JYM "taobao.jym.message.apppush.send"

struct prepared {
	struct topc_params values, business;
	struct topc_form_problems problems;
	enum topc_status st;
	struct topc_error err;
};

static void prepare(const char *values, const char *params, const struct topc_form *form,
		    enum topc_replay_mode mode, struct prepared *p)
{
	struct topc_history_entry e;
	struct topc_profile profile;

	topc_history_entry_init(&e);
	topc_profile_init(&profile);
	e.id = 7;
	e.method = strdup(JYM);
	e.values_json = values ? strdup(values) : NULL;
	e.params_json = params ? strdup(params) : NULL;
	e.generators_json = strdup("{}");
	topc_params_init(&p->values);
	topc_params_init(&p->business);
	topc_form_problems_init(&p->problems);
	memset(&p->err, 0, sizeof(p->err));
	p->st = topc_replay_prepare(&e, form, &profile, mode, &p->values, &p->business,
				    &p->problems, &p->err);
	topc_history_entry_release(&e);
	topc_profile_release(&profile);
}

static void release(struct prepared *p)
{
	topc_params_release(&p->values);
	topc_params_release(&p->business);
	topc_form_problems_release(&p->problems);
}

static void expect_param(const struct topc_params *p, const char *name, const char *value)
{
	const char *got = topc_params_get(p, name);

	if (!value && got)
		fail_msg("%s: expected absent, got \"%s\"", name, got);
	if (value && (!got || strcmp(got, value) != 0))
		fail_msg("%s: expected \"%s\", got %s%s%s", name, value, got ? "\"" : "",
			 got ? got : "absent", got ? "\"" : "");
}

static void load_jym(struct topc_form *f)
{
	struct topc_error err = {0};
	char path[1024];

	snprintf(path, sizeof(path), "%s/forms/" JYM ".conf", getenv("TOPC_DATADIR"));
	if (topc_form_load_file(path, f, &err) != TOPC_OK)
		fail_msg("%s", err.msg);
}

static void exact_sends_the_parameters_as_they_went(void **state)
{
	struct topc_form form;
	struct prepared p;

	(void)state;
	load_jym(&form);
	/* values that no longer pass the form do not matter: the wire does */
	prepare("{\"user_id\":\"not a number\"}",
		"{\"method\":\"" JYM "\",\"app_key\":\"1\",\"session\":\"<session>\","
		"\"timestamp\":\"2024-01-01 00:00:00\",\"v\":\"2.0\",\"format\":\"xml\","
		"\"sign_method\":\"hmac\",\"target_app_key\":\"9\",\"user_id\":\"1\","
		"\"push_content_dto\":\"{\\\"x\\\":1}\",\"sign\":\"ABC\"}",
		&form, TOPC_REPLAY_EXACT, &p);
	assert_int_equal(p.st, TOPC_OK);
	expect_param(&p.business, "user_id", "1");
	expect_param(&p.business, "push_content_dto", "{\"x\":1}");
	expect_param(&p.business, "format", "xml");
	expect_param(&p.business, "sign_method", "hmac");
	expect_param(&p.business, "v", "2.0");
	expect_param(&p.business, "target_app_key", "9");
	/* left out then, left out again */
	expect_param(&p.business, "partner_id", "");
	expect_param(&p.business, "simplify", "");
	/* the method as it went out (test_send: a -s method= override too) */
	expect_param(&p.business, "method", JYM);
	/* the profile's, or fresh */
	expect_param(&p.business, "app_key", NULL);
	expect_param(&p.business, "session", NULL);
	expect_param(&p.business, "timestamp", NULL);
	expect_param(&p.business, "sign", NULL);
	release(&p);
	topc_form_release(&form);
}

static void fresh_keeps_what_the_send_gave_directly(void **state)
{
	struct topc_form form;
	struct prepared p;

	(void)state;
	load_jym(&form);
	prepare("{\"user_id\":\"1\",\"message_id\":\"m-1\",\"template_id\":\"1\","
		"\"push_content_dto.title\":\"t\",\"format\":\"xml\",\"partner_id\":\"\","
		"\"simplify\":\"true\"}",
		"{\"method\":\"" JYM "\"}", &form, TOPC_REPLAY_FRESH, &p);
	if (p.st != TOPC_OK)
		fail_msg("%s %s", p.err.msg, p.problems.count ? p.problems.items[0].msg : "");
	expect_param(&p.business, "user_id", "1");
	expect_param(&p.business, "push_content_dto", "{\"title\":\"t\"}");
	expect_param(&p.business, "format", "xml");
	expect_param(&p.business, "partner_id", "");
	expect_param(&p.business, "simplify", "true");
	assert_string_not_equal(topc_params_get(&p.business, "message_id"), "m-1");
	release(&p);
	/* a structure given whole with -S goes out as given */
	prepare("{\"user_id\":\"1\",\"message_id\":\"m-2\",\"template_id\":\"1\","
		"\"push_content_dto\":\"{\\\"raw\\\":true}\"}",
		NULL, &form, TOPC_REPLAY_FRESH, &p);
	assert_int_equal(p.st, TOPC_OK);
	expect_param(&p.business, "push_content_dto", "{\"raw\":true}");
	release(&p);
	topc_form_release(&form);
	/* without a form, system names are overrides like the rest */
	prepare("{\"a\":\"1\",\"v\":\"3.0\",\"format\":\"\"}", NULL, NULL, TOPC_REPLAY_FRESH, &p);
	assert_int_equal(p.st, TOPC_OK);
	expect_param(&p.business, "a", "1");
	expect_param(&p.business, "v", "3.0");
	expect_param(&p.business, "format", "");
	release(&p);
}

static void values_keep_a_dropped_system_parameter(void **state)
{
	struct topc_params p;
	char *text;

	(void)state;
	topc_params_init(&p);
	assert_int_equal(topc_params_set(&p, "a", ""), TOPC_OK);
	assert_int_equal(topc_params_set(&p, "partner_id", ""), TOPC_OK);
	assert_int_equal(topc_params_set(&p, "b", "1"), TOPC_OK);
	text = topc_history_values_json(&p);
	assert_string_equal(text, "{\"partner_id\":\"\",\"b\":\"1\"}");
	free(text);
	text = topc_history_params_json(&p); /* as sent: an empty one was not */
	assert_string_equal(text, "{\"b\":\"1\"}");
	free(text);
	topc_params_release(&p);
}

/* A whole value generated again (a template's JSON object in one field)
 * replaces what its origin kept under it, every leaf however many: 20,000
 * leaves of "data" among others (one named like it, "datax.y"), the
 * others kept in their order, "data" itself given its new value in place. */
static void fresh_drops_every_leaf_of_a_value_generated_again(void **state)
{
	enum { LEAVES = 20000 };
	struct topc_history_entry e;
	struct topc_profile profile;
	struct prepared p;
	struct topc_buf json;
	size_t kept = 0;

	(void)state;
	setenv("TOPC_TEST_REPLAY_DATA", "{\"fresh\":1}", 1);
	topc_buf_init(&json, 0);
	assert_int_equal(topc_buf_adds(&json, "{\"a\":\"1\",\"data\":\"old\""), TOPC_OK);
	for (int i = 0; i < LEAVES; i++) {
		assert_int_equal(topc_buf_addf(&json, ",\"data.f%d\":\"v\"", i), TOPC_OK);
		if (i % 1000 == 0)
			assert_int_equal(topc_buf_addf(&json, ",\"keep%d\":\"k\"", i), TOPC_OK);
	}
	assert_int_equal(topc_buf_adds(&json, ",\"datax.y\":\"x\",\"data.g.h\":\"v\",\"z\":\"2\"}"),
			 TOPC_OK);
	topc_history_entry_init(&e);
	topc_profile_init(&profile);
	e.id = 8;
	e.method = strdup(JYM);
	e.values_json = topc_buf_detach(&json, NULL);
	e.generators_json = strdup("{\"data\":\"${env:TOPC_TEST_REPLAY_DATA}\"}");
	topc_params_init(&p.values);
	topc_params_init(&p.business);
	topc_form_problems_init(&p.problems);
	memset(&p.err, 0, sizeof(p.err));
	p.st = topc_replay_prepare(&e, NULL, &profile, TOPC_REPLAY_FRESH, &p.values, &p.business,
				   &p.problems, &p.err);
	if (p.st != TOPC_OK)
		fail_msg("%s", p.err.msg);
	/* a, data, keep0 ... keep19000, datax.y, z: nothing under data. */
	assert_int_equal(p.values.count, 4 + LEAVES / 1000);
	assert_string_equal(p.values.items[kept].name, "a");
	assert_string_equal(p.values.items[++kept].name, "data");
	assert_string_equal(p.values.items[kept].value, "{\"fresh\":1}");
	for (int i = 0; i < LEAVES; i += 1000) {
		char name[32];
		snprintf(name, sizeof(name), "keep%d", i);
		assert_string_equal(p.values.items[++kept].name, name);
		assert_string_equal(p.values.items[kept].value, "k");
	}
	assert_string_equal(p.values.items[++kept].name, "datax.y");
	assert_string_equal(p.values.items[++kept].name, "z");
	expect_param(&p.business, "data", "{\"fresh\":1}");
	expect_param(&p.business, "data.f0", NULL);
	expect_param(&p.business, "data.g.h", NULL);
	expect_param(&p.business, "datax.y", "x");
	topc_history_entry_release(&e);
	topc_profile_release(&profile);
	release(&p);
	unsetenv("TOPC_TEST_REPLAY_DATA");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(exact_sends_the_parameters_as_they_went),
	    cmocka_unit_test(fresh_keeps_what_the_send_gave_directly),
	    cmocka_unit_test(values_keep_a_dropped_system_parameter),
	    cmocka_unit_test(fresh_drops_every_leaf_of_a_value_generated_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
