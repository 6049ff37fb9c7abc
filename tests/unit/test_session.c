/* The console's model, action sequence by action sequence, against the
 * project's gateway on loopback: what the gateway's inbox received is
 * compared with what the form showed.  Each test is one defect a person
 * hit (issue 11). */
#include "test_header.h"

#include <locale.h>
#include <regex.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/file.h"
#include "gateway/gateway.h"
#include "history/history_record.h"
#include "profile/template.h"
#include "session.h"

#define APP_KEY "23000021"
#define SECRET "session-test-secret"
#define JYM "taobao.jym.message.apppush.send"
#define TPN "taobao.tpn.template.message.send"
#define CAMPUS "alibaba.campus.mc.message.sendmessagetomobile"

static char dir[64], inbox[128];
static struct topc_gateway *fast, *slow, *isp;
static struct topc_form_store gw_forms;
static int idle[2]; /* a pipe never written: the terminal that types nothing */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static struct topc_gateway *start_gateway(enum topc_fault fault, long arg)
{
	struct topc_gateway_config c;
	struct topc_error err = {0};
	struct topc_gateway *g;

	topc_gateway_config_init(&c);
	topc_gateway_config_add_app(&c, APP_KEY, SECRET);
	c.inbox_path = strdup(inbox);
	c.fault = fault;
	c.fault_arg = arg;
	c.forms = &gw_forms;
	g = topc_gateway_start(&c, &err);
	if (!g)
		fail_msg("gateway: %s", err.msg);
	topc_gateway_config_release(&c);
	return g;
}

static void write_profile(const char *name, const struct topc_gateway *g)
{
	char path[256], text[512];

	snprintf(path, sizeof(path), "%s/config/topc/profiles/%s.conf", dir, name);
	snprintf(text, sizeof(text),
		 "gateway = \"%s\";\napp_key = \"" APP_KEY
		 "\";\nsecret_env = \"TOPC_TEST_SESSION\";\n",
		 topc_gateway_url(g));
	write_file(path, text);
}

static int setup_all(void **state)
{
	char path[256];
	struct topc_error err = {0};

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	snprintf(dir, sizeof(dir), "/tmp/topc-test-session-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/config", dir);
	setenv("XDG_CONFIG_HOME", path, 1);
	setenv("HOME", dir, 1);
	snprintf(path, sizeof(path), "mkdir -p '%s/config/topc/profiles' '%s/state'", dir, dir);
	assert_int_equal(system(path), 0);
	snprintf(path, sizeof(path), "%s/state", dir);
	setenv("XDG_STATE_HOME", path, 1);
	setenv("TOPC_TEST_SESSION", SECRET, 1);
	snprintf(inbox, sizeof(inbox), "%s/inbox.jsonl", dir);
	topc_form_store_init(&gw_forms);
	assert_int_equal(topc_form_store_load(&gw_forms, &err), TOPC_OK);
	fast = start_gateway(TOPC_FAULT_NONE, 0);
	slow = start_gateway(TOPC_FAULT_DELAY, 10000);
	write_profile("t", fast);
	write_profile("tslow", slow);
	isp = start_gateway(TOPC_FAULT_ISP, 0);
	write_profile("tisp", isp);
	assert_int_equal(pipe(idle), 0);
	return 0;
}

static int teardown_all(void **state)
{
	char cmd[128];

	(void)state;
	topc_gateway_stop(fast);
	topc_gateway_stop(slow);
	topc_gateway_stop(isp);
	topc_form_store_release(&gw_forms);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

/* ------------------------------------------------------------------ */

static enum session_result req(struct console_session *s, enum session_req r, const char *path,
			       const char *text)
{
	struct session_arg a = {.path = path, .text = text, .elem = -1};

	return session_request(s, r, &a);
}

static enum session_result req_id(struct console_session *s, enum session_req r, int64_t id)
{
	struct session_arg a = {.elem = -1, .id = id};

	return session_request(s, r, &a);
}

static void open_session(struct console_session *s, const char *profile)
{
	struct topc_error err = {0};

	if (!session_init(s, profile, &err))
		fail_msg("session: %s", err.msg);
	assert_true(s->have_profile);
}

static void wait_done(struct console_session *s)
{
	int64_t end = topc_monotonic_ms() + 15000;

	while (session_in_flight(s) && topc_monotonic_ms() < end) {
		session_wait(s, idle[0], 50);
		session_step(s);
	}
	assert_false(session_in_flight(s));
}

/* F5, and the answer (or the failure) waited for. */
static void send_and_wait(struct console_session *s)
{
	assert_int_equal(session_request(s, SESSION_REQ_SEND, NULL), SESSION_DONE);
	wait_done(s);
}

/* The last send is in the history, recorded as cancelled, its values
 * holding value (unless NULL). */
static void assert_recorded_cancelled(struct console_session *s, const char *value)
{
	struct topc_history_entry e;
	struct topc_error err = {0};

	assert_true(s->sent.entry_id > 0);
	assert_int_equal(topc_history_get(s->history, s->sent.entry_id, &e, &err), TOPC_OK);
	assert_int_equal(e.outcome, TOPC_OUTCOME_CANCELLED);
	if (value)
		assert_non_null(strstr(e.values_json, value));
	topc_history_entry_release(&e);
}

static size_t inbox_count(void)
{
	FILE *f = fopen(inbox, "r");
	size_t n = 0;
	int c;

	if (!f)
		return 0;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* The parameters of the last request the gateways received. */
static void last_received(struct topc_params *out)
{
	FILE *f = fopen(inbox, "r");
	char line[16384], last[16384] = "";
	char *at, *end;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		snprintf(last, sizeof(last), "%s", line);
	fclose(f);
	at = strstr(last, "\"params\":");
	assert_non_null(at);
	at += 9;
	end = strrchr(at, '}'); /* the line's own closing brace */
	assert_non_null(end);
	*end = '\0';
	topc_params_init(out);
	assert_true(topc_history_params_from_json(at, out));
}

static void fill_jym(struct console_session *s)
{
	assert_int_equal(req(s, SESSION_REQ_SELECT_METHOD, NULL, JYM), SESSION_DONE);
	assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "user_id", "1"), SESSION_DONE);
	assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "message_id", "m"), SESSION_DONE);
	assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "template_id", "1"), SESSION_DONE);
	assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "push_content_dto.title", "t"),
			 SESSION_DONE);
}

static bool is_uuid(const char *s)
{
	regex_t re;
	bool ok;

	assert_int_equal(regcomp(&re,
				 "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$",
				 REG_EXTENDED | REG_NOSUB),
			 0);
	ok = s && regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

/* ------------------------------------------------------------------ */

/* A rule read from the page's prose (campus's msg_key "must be a UUID") is
 * a warning: the page's own example ("1") is sent, as TOP accepts it; a
 * formal rule (a required field unset) still refuses. */
static void test_prose_warnings_send_formal_rules_refuse(void **state)
{
	struct console_session s;
	struct topc_params got;
	const char *campus = "alibaba.campus.mc.message.sendmessagetomobile";
	size_t before;

	(void)state;
	open_session(&s, "t");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, campus), SESSION_DONE);
	assert_int_equal(
	    req(&s, SESSION_REQ_SET_VALUE, "mobile_receiver_message_event.msg_key", "1"),
	    SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "mobile_receiver_message_event.event_type",
			     "mobile_receiver"),
			 SESSION_DONE);
	/* a Number that is not one breaks a formal rule: refused, nothing sent */
	req(&s, SESSION_REQ_SET_VALUE, "mobile_receiver_message_event.event_time_millis", "soon");
	before = inbox_count();
	session_validate(&s);
	if (topc_form_problems_count(&s.problems, TOPC_SEVERITY_ERROR)) {
		assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_REFUSED);
		assert_int_equal(inbox_count(), before);
	}
	assert_int_equal(
	    req(&s, SESSION_REQ_SET_VALUE, "mobile_receiver_message_event.event_time_millis", "1"),
	    SESSION_DONE);
	session_validate(&s);
	assert_true(s.problems.count > 0); /* the UUID warning */
	assert_int_equal(topc_form_problems_count(&s.problems, TOPC_SEVERITY_ERROR), 0);
	send_and_wait(&s);
	assert_int_equal(inbox_count(), before + 1);
	last_received(&got);
	assert_non_null(
	    strstr(topc_params_get(&got, "mobile_receiver_message_event"), "\"msg_key\":\"1\""));
	topc_params_release(&got);
	session_release(&s);
}

/* F5 while a field is being edited sent the old value. */
static void test_edit_then_send_sends_the_edit(void **state)
{
	struct console_session s;
	struct topc_params got;
	struct session_arg a = {.path = "message_id", .text = "old", .elem = -1};

	(void)state;
	open_session(&s, "t");
	fill_jym(&s);
	assert_int_equal(session_request(&s, SESSION_REQ_EDIT_OPEN, &a), SESSION_DONE);
	lineedit_kill_to_start(&s.edit.line);
	lineedit_insert(&s.edit.line, "消息-new", strlen("消息-new"));
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_DONE);
	assert_false(s.edit.open);
	wait_done(&s);
	assert_int_equal(s.last.cls, TOPC_OUTCOME_SUCCESS);
	last_received(&got);
	assert_string_equal(topc_params_get(&got, "message_id"), "消息-new");
	assert_string_equal(topc_params_get(&s.values, "message_id"), "消息-new");
	topc_params_release(&got);
	session_release(&s);
}

/* With problems in the form, the open edit landed in the first problem's
 * field. */
static void test_edit_with_problems_stays_in_its_field(void **state)
{
	struct console_session s;
	struct session_arg a = {.path = "message_id", .text = "", .elem = -1};
	size_t before = inbox_count();

	(void)state;
	open_session(&s, "t");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, JYM), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "user_id", ""), SESSION_DONE);
	assert_int_equal(session_request(&s, SESSION_REQ_EDIT_OPEN, &a), SESSION_DONE);
	lineedit_insert(&s.edit.line, "typed", 5);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_REFUSED);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "typed");
	assert_null(topc_params_get(&s.values, "user_id"));
	assert_non_null(strstr(s.status.text, "nothing sent"));
	assert_int_equal(inbox_count(), before);
	session_release(&s);
}

/* An edit that cannot be committed refuses the send: nothing signed. */
static void test_uncommittable_edit_refuses_send(void **state)
{
	struct console_session s;
	struct session_arg a = {.path = "user_id", .text = "", .elem = -1};
	size_t before = inbox_count();

	(void)state;
	open_session(&s, "t");
	fill_jym(&s);
	/* an element of a field that is not an array */
	a.elem = 0;
	assert_int_equal(session_request(&s, SESSION_REQ_EDIT_OPEN, &a), SESSION_DONE);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_REFUSED);
	assert_false(session_in_flight(&s));
	assert_int_equal(inbox_count(), before);
	session_release(&s);
}

/* F2 (and F3, an API switch, loading an entry) during a request in flight
 * crashed: now refused until it is cancelled, and the cancel is recorded
 * as cancelled, not transport_error. */
static void test_in_flight_refuses_what_replaces(void **state)
{
	struct console_session s;

	(void)state;
	open_session(&s, "tslow");
	fill_jym(&s);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_DONE);
	assert_true(session_in_flight(&s));
	assert_int_equal(req(&s, SESSION_REQ_PROFILE_SWITCH, NULL, "t"), SESSION_REFUSED);
	assert_string_equal(s.profile_name, "tslow");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_REFUSED);
	assert_string_equal(s.method, JYM);
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_LOAD, NULL, "x"), SESSION_REFUSED);
	assert_int_equal(req(&s, SESSION_REQ_PROFILE_EDIT, NULL, NULL), SESSION_REFUSED);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_REFUSED);
	/* quitting asks; no keeps the request */
	assert_int_equal(session_request(&s, SESSION_REQ_QUIT, NULL), SESSION_ASK);
	assert_int_equal(session_answer(&s, false), SESSION_DONE);
	assert_false(s.quit);
	assert_true(session_in_flight(&s));
	/* edits of the form are fine: the request in flight is its own copy */
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "later"), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.sent.values, "message_id"), "m");
	assert_int_equal(session_request(&s, SESSION_REQ_CANCEL, NULL), SESSION_DONE);
	wait_done(&s);
	assert_int_equal(s.last.cls, TOPC_OUTCOME_CANCELLED);
	assert_recorded_cancelled(&s, NULL);
	/* now the profile switches */
	assert_int_equal(req(&s, SESSION_REQ_PROFILE_SWITCH, NULL, "t"), SESSION_DONE);
	assert_string_equal(s.profile_name, "t");
	session_release(&s);
}

/* Esc 400 ms after the request left: the entry keeps the time it ran
 * until cancelled (it was recorded 0 ms). */
static void test_cancel_records_the_time_it_ran(void **state)
{
	struct console_session s;
	struct topc_history_entry e;
	struct topc_error err = {0};

	(void)state;
	open_session(&s, "tslow");
	fill_jym(&s);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_DONE);
	usleep(400 * 1000);
	assert_int_equal(session_request(&s, SESSION_REQ_CANCEL, NULL), SESSION_DONE);
	wait_done(&s);
	assert_recorded_cancelled(&s, NULL);
	assert_int_equal(topc_history_get(s.history, s.sent.entry_id, &e, &err), TOPC_OK);
	assert_true(e.latency_ms >= 400 && e.latency_ms < 30000);
	assert_null(e.body); /* its answer was not read */
	topc_history_entry_release(&e);
	session_release(&s);
}

/* Quit with a request in flight, answered yes: cancelled and recorded. */
static void test_quit_in_flight_cancels_and_records(void **state)
{
	struct console_session s;

	(void)state;
	open_session(&s, "tslow");
	fill_jym(&s);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_DONE);
	assert_int_equal(session_request(&s, SESSION_REQ_QUIT, NULL), SESSION_ASK);
	assert_int_equal(session_answer(&s, true), SESSION_DONE);
	assert_true(s.quit);
	assert_false(session_in_flight(&s));
	assert_recorded_cancelled(&s, NULL);
	session_release(&s);
}

/* Sends the campus form with generators in a String and a Number field
 * and the tpn form with one in a Json field; returns the entries. */
static int64_t send_generated(struct console_session *s, const char *method)
{
	if (strcmp(method, CAMPUS) == 0) {
		assert_int_equal(req(s, SESSION_REQ_SELECT_METHOD, NULL, CAMPUS), SESSION_DONE);
		assert_int_equal(req(s, SESSION_REQ_SET_VALUE,
				     "mobile_receiver_message_event.msg_key", "${uuid}"),
				 SESSION_DONE);
		assert_int_equal(req(s, SESSION_REQ_SET_VALUE,
				     "mobile_receiver_message_event.event_time_millis",
				     "${now_ms}"),
				 SESSION_DONE);
		assert_int_equal(req(s, SESSION_REQ_SET_VALUE,
				     "mobile_receiver_message_event.event_type", "push_app"),
				 SESSION_DONE);
	} else {
		assert_int_equal(req(s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
		assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "template_key", "k"), SESSION_DONE);
		assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "template_id", "101"), SESSION_DONE);
		assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "user_id", "12345"), SESSION_DONE);
		assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "biz_id", "7"), SESSION_DONE);
		assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "title_param", "${now_ms}"),
				 SESSION_DONE);
		assert_int_equal(
		    req(s, SESSION_REQ_SET_VALUE, "content_param", "{\"id\":\"${uuid}\"}"),
		    SESSION_DONE);
	}
	if (session_request(s, SESSION_REQ_SEND, NULL) != SESSION_DONE)
		fail_msg("not sent: %s", s->status.text);
	wait_done(s);
	assert_true(s->sent.entry_id > 0);
	return s->sent.entry_id;
}

static char *event_field(const char *json, const char *key)
{
	struct topc_params p;
	char *v = NULL;
	const char *at = strstr(json, key);

	(void)p;
	if (!at)
		return NULL;
	at += strlen(key) + 2; /* ": */
	if (*at == '"')
		at++;
	v = strndup(at, strcspn(at, "\",}"));
	return v;
}

/* R sent "${uuid}" literally; r of a Json field with ${now_ms} failed. */
static void test_replay_exact_and_fresh_in_every_type(void **state)
{
	struct console_session s;
	struct topc_params first, again;
	char *uuid1, *uuid2, *ms1, *ms2;
	int64_t id;

	(void)state;
	open_session(&s, "t");
	id = send_generated(&s, CAMPUS);
	last_received(&first);
	uuid1 = event_field(topc_params_get(&first, "mobile_receiver_message_event"), "\"msg_key");
	ms1 = event_field(topc_params_get(&first, "mobile_receiver_message_event"),
			  "\"event_time_millis");
	assert_true(is_uuid(uuid1));
	assert_true(strtoll(ms1, NULL, 10) > 1700000000000LL);

	/* exact: the very values that went out */
	usleep(5000);
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, id), SESSION_DONE);
	wait_done(&s);
	assert_int_equal(s.last.cls, TOPC_OUTCOME_SUCCESS);
	last_received(&again);
	assert_string_equal(topc_params_get(&again, "mobile_receiver_message_event"),
			    topc_params_get(&first, "mobile_receiver_message_event"));
	assert_string_not_equal(topc_params_get(&again, "timestamp"), "");
	topc_params_release(&again);

	/* fresh: every generator again */
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_FRESH, id), SESSION_DONE);
	wait_done(&s);
	last_received(&again);
	uuid2 = event_field(topc_params_get(&again, "mobile_receiver_message_event"), "\"msg_key");
	ms2 = event_field(topc_params_get(&again, "mobile_receiver_message_event"),
			  "\"event_time_millis");
	assert_true(is_uuid(uuid2));
	assert_string_not_equal(uuid1, uuid2);
	assert_true(strtoll(ms2, NULL, 10) > strtoll(ms1, NULL, 10));
	free(uuid1);
	free(uuid2);
	free(ms1);
	free(ms2);
	topc_params_release(&first);
	topc_params_release(&again);

	/* Json fields: ${now_ms} as the whole value, ${uuid} inside one */
	id = send_generated(&s, TPN);
	last_received(&first);
	assert_true(strtoll(topc_params_get(&first, "title_param"), NULL, 10) > 1700000000000LL);
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_FRESH, id), SESSION_DONE);
	wait_done(&s);
	assert_int_equal(s.last.cls, TOPC_OUTCOME_SUCCESS);
	last_received(&again);
	assert_true(strtoll(topc_params_get(&again, "title_param"), NULL, 10) > 1700000000000LL);
	assert_string_not_equal(topc_params_get(&again, "content_param"),
				topc_params_get(&first, "content_param"));
	topc_params_release(&again);
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, id), SESSION_DONE);
	wait_done(&s);
	last_received(&again);
	assert_string_equal(topc_params_get(&again, "title_param"),
			    topc_params_get(&first, "title_param"));
	assert_string_equal(topc_params_get(&again, "content_param"),
			    topc_params_get(&first, "content_param"));
	topc_params_release(&first);
	topc_params_release(&again);
	session_release(&s);
}

/* Entries recorded by older consoles kept ${uuid} in their values and no
 * generators: R refuses (it cannot know what went out), r generates. */
/* A successful jym entry with values_json, as an older console or the CLI
 * recorded it (no parameters as sent); e is the caller's to release. */
static void add_jym_entry(struct console_session *s, struct topc_history_entry *e,
			  const char *values_json)
{
	struct topc_error err = {0};

	topc_history_entry_init(e);
	e->time_ms = topc_now_ms();
	e->profile = strdup("t");
	e->method = strdup(JYM);
	e->values_json = strdup(values_json);
	e->outcome = TOPC_OUTCOME_SUCCESS;
	assert_int_equal(topc_history_add(s->history, e, 1024, false, &err), TOPC_OK);
}

static void test_replay_of_an_older_entry(void **state)
{
	struct console_session s;
	struct topc_history_entry e;
	struct topc_params got;
	size_t before;

	(void)state;
	open_session(&s, "t");
	add_jym_entry(&s, &e,
		      "{\"user_id\":\"1\",\"message_id\":\"${uuid}\",\"template_id\":"
		      "\"1\",\"push_content_dto.title\":\"t\"}");
	before = inbox_count();
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, e.id), SESSION_REFUSED);
	assert_non_null(strstr(s.status.text, "replay it fresh"));
	assert_int_equal(inbox_count(), before);
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_FRESH, e.id), SESSION_DONE);
	wait_done(&s);
	last_received(&got);
	assert_true(is_uuid(topc_params_get(&got, "message_id")));
	topc_params_release(&got);
	topc_history_entry_release(&e);
	session_release(&s);
}

static bool count_one(const struct topc_history_entry *e, void *ctx)
{
	(void)e;
	++*(size_t *)ctx;
	return true;
}

static size_t history_count(struct console_session *s)
{
	struct topc_history_filter f;
	struct topc_error err = {0};
	size_t n = 0;

	topc_history_filter_init(&f);
	assert_int_equal(topc_history_query(s->history, &f, false, count_one, &n, &err), TOPC_OK);
	return n;
}

/* An entry sent with topc send --any-method (a METHOD, or a -s method=
 * override, that is no API name) was replayed by R and r as any other:
 * the console has no opt-in, so both refuse and nothing is recorded. */
static void test_replay_of_a_method_that_is_no_api_name(void **state)
{
	static const char *const sent[][2] = {
	    {"Not A Method", "{\"method\":\"Not A Method\",\"a\":\"1\"}"},
	    {JYM, "{\"method\":\"../router\",\"user_id\":\"1\",\"message_id\":\"m\","
		  "\"template_id\":\"1\",\"push_content_dto\":\"{\\\"title\\\":\\\"t\\\"}\"}"},
	};
	struct console_session s;
	struct topc_error err = {0};

	(void)state;
	open_session(&s, "t");
	for (size_t i = 0; i < sizeof(sent) / sizeof(sent[0]); i++) {
		struct topc_history_entry e;
		size_t before;
		topc_history_entry_init(&e);
		e.time_ms = topc_now_ms();
		e.profile = strdup("t");
		e.method = strdup(sent[i][0]);
		e.values_json = strdup("{\"a\":\"1\"}");
		e.params_json = strdup(sent[i][1]);
		e.outcome = TOPC_OUTCOME_API_ERROR;
		assert_int_equal(topc_history_add(s.history, &e, 1024, false, &err), TOPC_OK);
		before = history_count(&s);
		assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, e.id), SESSION_REFUSED);
		assert_non_null(strstr(s.status.text, "not a TOP API name"));
		if (i == 0) {
			assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_FRESH, e.id),
					 SESSION_REFUSED);
			assert_non_null(strstr(s.status.text, "not a TOP API name"));
		}
		assert_int_equal(history_count(&s), before);
		topc_history_entry_release(&e);
	}
	session_release(&s);
}

/* An entry sent with topc send --any-method keeps its method= override
 * among its values: loaded into the form and sent (S), the console sent
 * it as the override, which only replay's check refused.  Every send of
 * the console goes through the one method check (send/request.h). */
static void test_a_loaded_method_override_is_refused(void **state)
{
	static const char *const overrides[] = {"../router", "taobao.tpn.template.message.send"};
	struct console_session s;
	struct topc_error err = {0};

	(void)state;
	open_session(&s, "t");
	for (size_t i = 0; i < sizeof(overrides) / sizeof(overrides[0]); i++) {
		struct topc_history_entry e;
		struct topc_buf values;
		size_t before;
		topc_history_entry_init(&e);
		topc_buf_init(&values, 0);
		assert_int_equal(
		    topc_buf_addf(&values,
				  "{\"method\":\"%s\",\"user_id\":\"1\","
				  "\"message_id\":\"m\",\"template_id\":\"1\","
				  "\"push_content_dto\":\"{\\\"title\\\":\\\"t\\\"}\"}",
				  overrides[i]),
		    TOPC_OK);
		e.time_ms = topc_now_ms();
		e.profile = strdup("t");
		e.method = strdup(JYM);
		e.values_json = topc_buf_detach(&values, NULL);
		e.outcome = TOPC_OUTCOME_API_ERROR;
		assert_int_equal(topc_history_add(s.history, &e, 1024, false, &err), TOPC_OK);
		before = history_count(&s);
		if (req_id(&s, SESSION_REQ_LOAD_ENTRY, e.id) == SESSION_ASK)
			if (session_answer(&s, true) != SESSION_DONE)
				fail_msg("%s", s.status.text);
		assert_int_equal(s.origin_id, e.id);
		assert_int_equal(req(&s, SESSION_REQ_SEND, NULL, NULL), SESSION_REFUSED);
		assert_non_null(
		    strstr(s.status.text, i == 0 ? "not a TOP API name" : "another API than"));
		assert_int_equal(history_count(&s), before);
		topc_buf_release(&values);
		topc_history_entry_release(&e);
	}
	session_release(&s);
}

/* An entry a CLI send made with system overrides and a name the form does
 * not have (-S format=xml -s sign_method=hmac -s v=2.0 -S partner_id=
 * -S extra_flag=1), loaded into the form: no "no such field", and a send
 * sends them as given, as topc replay does; emptied in the form, an
 * override is gone and the profile's value goes out again. */
static void test_loaded_entry_keeps_system_overrides(void **state)
{
	struct console_session s;
	struct topc_history_entry e;
	struct topc_params got;

	(void)state;
	open_session(&s, "t");
	add_jym_entry(&s, &e,
		      "{\"user_id\":\"1\",\"message_id\":\"m-o\",\"template_id\":"
		      "\"1\",\"push_content_dto.title\":\"t\",\"format\":\"xml\","
		      "\"sign_method\":\"hmac\",\"v\":\"2.0\",\"partner_id\":\"\","
		      "\"extra_flag\":\"1\"}");
	/* over the draft an earlier test left: it asks first (C4) */
	if (req_id(&s, SESSION_REQ_LOAD_ENTRY, e.id) == SESSION_ASK)
		assert_int_equal(session_answer(&s, true), SESSION_DONE);
	assert_int_equal(s.origin_id, e.id);
	for (size_t i = 0; i < s.problems.count; i++)
		fail_msg("a problem after loading: %s", s.problems.items[i].msg);
	assert_true(session_value_raw(&s, "format"));
	assert_true(session_value_raw(&s, "extra_flag"));
	assert_false(session_value_raw(&s, "user_id"));
	assert_false(session_value_raw(&s, "push_content_dto.title"));
	assert_int_equal(req(&s, SESSION_REQ_SEND, NULL, NULL), SESSION_DONE);
	wait_done(&s);
	assert_int_equal(s.last.cls, TOPC_OUTCOME_SUCCESS);
	last_received(&got);
	assert_string_equal(topc_params_get(&got, "format"), "xml");
	assert_string_equal(topc_params_get(&got, "sign_method"), "hmac");
	assert_string_equal(topc_params_get(&got, "v"), "2.0");
	assert_string_equal(topc_params_get(&got, "extra_flag"), "1");
	assert_null(topc_params_get(&got, "partner_id")); /* dropped, as the CLI did */
	assert_string_equal(topc_params_get(&got, "message_id"), "m-o");
	topc_params_release(&got);
	/* the console's own entry keeps them for its own replays */
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, s.sent.entry_id), SESSION_DONE);
	wait_done(&s);
	last_received(&got);
	assert_string_equal(topc_params_get(&got, "format"), "xml");
	assert_string_equal(topc_params_get(&got, "extra_flag"), "1");
	topc_params_release(&got);
	/* r and R of the CLI's entry itself send them too (topc replay's rule) */
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_FRESH, e.id), SESSION_DONE);
	wait_done(&s);
	last_received(&got);
	assert_string_equal(topc_params_get(&got, "format"), "xml");
	assert_string_equal(topc_params_get(&got, "sign_method"), "hmac");
	assert_null(topc_params_get(&got, "partner_id"));
	topc_params_release(&got);
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, e.id), SESSION_DONE);
	wait_done(&s);
	assert_int_equal(s.last.cls, TOPC_OUTCOME_SUCCESS);
	/* emptied: the override is gone, the profile's format goes out */
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "format", ""), SESSION_DONE);
	assert_null(topc_params_get(&s.values, "format"));
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "sign_method", ""), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SEND, NULL, NULL), SESSION_DONE);
	wait_done(&s);
	last_received(&got);
	assert_string_equal(topc_params_get(&got, "format"), "json");
	assert_string_equal(topc_params_get(&got, "sign_method"), "md5");
	topc_params_release(&got);
	/* a field's name is still checked as a field */
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "template_id", "x"), SESSION_DONE);
	assert_true(s.problems.count > 0);
	topc_history_entry_release(&e);
	session_release(&s);
}

/* A replay's answer is compared with its origin's and the verdict kept
 * with the replay's entry (the history pane's mark): an answer unlike the
 * recorded one is changed; replaying that replay again, the same. */
static void test_replay_is_marked_with_its_comparison(void **state)
{
	struct console_session s;
	struct topc_history_entry e, got;
	struct topc_error err = {0};
	int64_t first;

	(void)state;
	open_session(&s, "t");
	topc_history_entry_init(&e);
	e.time_ms = topc_now_ms();
	e.profile = strdup("t");
	e.method = strdup(JYM);
	e.values_json = strdup("{\"user_id\":\"1\",\"message_id\":\"m1\",\"template_id\":"
			       "\"1\",\"push_content_dto.title\":\"t\"}");
	e.body = strdup("{\"jym_message_apppush_send_response\":{\"was\":\"recorded\"}}");
	e.body_len = strlen(e.body);
	e.outcome = TOPC_OUTCOME_SUCCESS;
	assert_int_equal(topc_history_add(s.history, &e, 1024, false, &err), TOPC_OK);
	assert_null(e.compare);
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_FRESH, e.id), SESSION_DONE);
	wait_done(&s);
	first = s.sent.entry_id;
	assert_true(first > e.id);
	assert_int_equal(topc_history_get(s.history, first, &got, &err), TOPC_OK);
	assert_non_null(got.compare);
	assert_string_not_equal(got.compare, "same");
	topc_history_entry_release(&got);
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, first), SESSION_DONE);
	wait_done(&s);
	assert_int_equal(topc_history_get(s.history, s.sent.entry_id, &got, &err), TOPC_OK);
	assert_string_equal(got.compare, "same");
	topc_history_entry_release(&got);
	/* a plain send is never marked */
	assert_int_equal(topc_history_get(s.history, e.id, &got, &err), TOPC_OK);
	assert_null(got.compare);
	topc_history_entry_release(&got);
	topc_history_entry_release(&e);
	session_release(&s);
}

/* A failed r emptied the form. */
static void test_failed_replay_leaves_the_form(void **state)
{
	struct console_session s;
	char *before;
	size_t sent;
	int64_t id;

	(void)state;
	setenv("TOPC_TEST_SESSION_VAR", "v1", 1);
	open_session(&s, "t");
	fill_jym(&s);
	assert_int_equal(
	    req(&s, SESSION_REQ_SET_VALUE, "message_id", "${env:TOPC_TEST_SESSION_VAR}"),
	    SESSION_DONE);
	send_and_wait(&s);
	id = s.sent.entry_id;
	/* another form being filled */
	send_generated(&s, TPN);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "template_key", "work in progress"),
			 SESSION_DONE);
	before = topc_history_params_json(&s.values);
	unsetenv("TOPC_TEST_SESSION_VAR");
	sent = inbox_count();
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_FRESH, id), SESSION_REFUSED);
	assert_non_null(strstr(s.status.text, "TOPC_TEST_SESSION_VAR"));
	assert_int_equal(inbox_count(), sent);
	assert_string_equal(s.method, TPN);
	{
		char *after = topc_history_params_json(&s.values);
		assert_string_equal(after, before);
		free(after);
	}
	/* a replay that works does not touch the form either */
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, id), SESSION_DONE);
	wait_done(&s);
	assert_string_equal(topc_params_get(&s.values, "template_key"), "work in progress");
	free(before);
	session_release(&s);
}

/* After a send, r/R/l acted on another entry than the one chosen. */
static void test_selection_stays_on_its_entry(void **state)
{
	struct console_session s;
	struct topc_params got;
	int64_t chosen;

	(void)state;
	open_session(&s, "t");
	fill_jym(&s);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "the chosen one"),
			 SESSION_DONE);
	send_and_wait(&s);
	chosen = s.sent.entry_id;
	assert_int_equal(req_id(&s, SESSION_REQ_SELECT_ENTRY, chosen), SESSION_DONE);
	/* newer entries arrive */
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "newer"), SESSION_DONE);
	for (int i = 0; i < 2; i++)
		send_and_wait(&s);
	assert_true(s.sent.entry_id > chosen);
	assert_int_equal(s.hist_sel_id, chosen);
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, s.hist_sel_id), SESSION_DONE);
	wait_done(&s);
	last_received(&got);
	assert_string_equal(topc_params_get(&got, "message_id"), "the chosen one");
	topc_params_release(&got);
	session_release(&s);
}

/* Choosing another API discarded the form; drafts keep each API's. */
static void test_drafts_across_switches_and_restarts(void **state)
{
	struct console_session s;

	(void)state;
	open_session(&s, "t");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, JYM), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "draft-jym"), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_null(topc_params_get(&s.values, "message_id"));
	/* an edit left open goes into the draft when another API is chosen */
	{
		struct session_arg a = {.path = "template_key", .text = "draft-tpn", .elem = -1};
		assert_int_equal(session_request(&s, SESSION_REQ_EDIT_OPEN, &a), SESSION_DONE);
	}
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, JYM), SESSION_DONE);
	assert_false(s.edit.open);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "draft-jym");
	/* and when the console quits */
	{
		struct session_arg a = {.path = "user_id", .text = "77", .elem = -1};
		assert_int_equal(session_request(&s, SESSION_REQ_EDIT_OPEN, &a), SESSION_DONE);
	}
	assert_int_equal(session_request(&s, SESSION_REQ_QUIT, NULL), SESSION_DONE);
	session_release(&s);

	open_session(&s, "t");
	/* it opens on the API it was left on, with its draft */
	assert_non_null(s.method);
	assert_string_equal(s.method, JYM);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "draft-jym");
	assert_string_equal(topc_params_get(&s.values, "user_id"), "77");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "template_key"), "draft-tpn");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, JYM), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "draft-jym");
	session_release(&s);
}

/* F3 overwrote an edited form at once; now it asks, and no keeps it. */
static void test_template_over_edited_form_asks(void **state)
{
	struct console_session s;

	(void)state;
	open_session(&s, "t");
	fill_jym(&s);
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_SAVE, NULL, "session-jym"), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "edited"), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_LOAD, NULL, "session-jym"), SESSION_ASK);
	assert_int_equal(session_answer(&s, false), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "edited");
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_LOAD, NULL, "session-jym"), SESSION_ASK);
	assert_int_equal(session_answer(&s, true), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "m");
	/* a failed load (no such template) leaves the form */
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "edited again"),
			 SESSION_DONE);
	s.dirty = false;
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_LOAD, NULL, "no-such"), SESSION_REFUSED);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "edited again");
	session_release(&s);
}

/* A bad value is refused with the form as it was. */
static void test_failed_set_leaves_the_form(void **state)
{
	struct console_session s;

	(void)state;
	open_session(&s, "t");
	fill_jym(&s);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "no_such_field", "x"), SESSION_REFUSED);
	assert_null(topc_params_get(&s.values, "no_such_field"));
	assert_string_equal(topc_params_get(&s.values, "message_id"), "m");
	session_release(&s);
}

/* The status line expires; a problem's message clears once fixed. */
static void test_status_expires_and_clears(void **state)
{
	struct console_session s;
	bool error = false;

	(void)state;
	open_session(&s, "t");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, JYM), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "user_id", ""), SESSION_DONE);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_REFUSED);
	assert_non_null(session_status(&s, topc_monotonic_ms(), &error));
	assert_true(error);
	assert_null(session_status(&s, topc_monotonic_ms() + SESSION_STATUS_ERROR_MS + 1, &error));
	fill_jym(&s);
	assert_null(session_status(&s, topc_monotonic_ms(), &error));
	session_release(&s);
}

/* The signature view shows the request as it was sent, then a preview. */
static void test_signature_shows_the_sent_request(void **state)
{
	struct console_session s;
	struct topc_buf text;
	char line[128];

	(void)state;
	open_session(&s, "t");
	fill_jym(&s);
	send_and_wait(&s);
	topc_buf_init(&text, 0);
	session_signature_text(&s, s.sent.entry_id, &text);
	snprintf(line, sizeof(line), "timestamp %s",
		 topc_params_get(&s.sent.req.params, "timestamp"));
	assert_non_null(strstr(topc_buf_str(&text), line));
	snprintf(line, sizeof(line), "signature: %s", s.sent.req.signature);
	assert_non_null(strstr(topc_buf_str(&text), line));
	assert_non_null(strstr(topc_buf_str(&text), "<secret>"));
	assert_null(strstr(topc_buf_str(&text), SECRET));
	assert_non_null(strstr(topc_buf_str(&text), "== 2. preview of the current form"));
	topc_buf_release(&text);
	session_release(&s);
}

/* An entry opened from the history showed no headers (they were not
 * kept): after a restart, the headers view has the ones received. */
static void test_headers_of_a_past_entry(void **state)
{
	struct console_session s;
	int64_t id;

	(void)state;
	open_session(&s, "t");
	fill_jym(&s);
	send_and_wait(&s);
	id = s.sent.entry_id;
	assert_true(id > 0);
	session_release(&s);
	open_session(&s, "t");
	assert_int_equal(req_id(&s, SESSION_REQ_OPEN_ENTRY, id), SESSION_DONE);
	assert_non_null(s.answer.headers);
	/* an HTTP/1.x status line and the JSON answer's type, as HTTP has them */
	assert_true(strncmp(s.answer.headers, "HTTP/1.", 7) == 0);
	assert_non_null(strstr(s.answer.headers, " 200"));
	assert_non_null(strstr(s.answer.headers, "application/json"));
	session_release(&s);
}

/* A server echoing the session key in a header: kept as ***session***.  The
 * transport masks every answer with the request's mask before anything
 * reads it (test_secrets.py sends through it to an echoing server); the
 * recorder keeps what it was given, so the answer here is masked as the
 * transport masks it. */
static void test_headers_kept_masked(void **state)
{
	struct topc_history *h;
	struct topc_error err = {0};
	struct topc_request r;
	struct topc_outcome o;
	struct topc_http_response resp;
	struct topc_buf got;
	bool found = false;
	int64_t id = 0;
	static const char hdr[] = "HTTP/1.1 200 OK\r\nX-Echo: sess-6100e2abcd-77\r\n\r\n";

	(void)state;
	assert_int_equal(topc_history_open(NULL, &h, NULL, &err), TOPC_OK);
	topc_request_init(&r);
	assert_int_equal(topc_params_set(&r.params, "session", "sess-6100e2abcd-77"), TOPC_OK);
	topc_outcome_init(&o);
	memset(&resp, 0, sizeof(resp));
	resp.complete = true;
	resp.status = 200;
	topc_buf_init(&resp.body, 0);
	topc_buf_init(&resp.headers, 0);
	assert_int_equal(topc_buf_adds(&resp.headers, hdr), TOPC_OK);
	assert_true(topc_mask_add_secret(&r.mask, "sess-6100e2abcd-77", TOPC_MASK_SESSION));
	assert_int_equal(topc_mask_apply(&r.mask, &resp.headers), TOPC_OK);
	struct topc_send_record rec = {
	    .profile_name = "t", .method = JYM, .request = &r, .outcome = &o, .response = &resp};
	assert_int_equal(topc_history_record(h, &rec, &id, &err), TOPC_OK);
	topc_buf_init(&got, 0);
	assert_int_equal(topc_history_headers(h, id, &got, &found, &err), TOPC_OK);
	assert_true(found);
	assert_non_null(strstr(topc_buf_str(&got), "X-Echo: " TOPC_MASK_SESSION));
	assert_null(strstr(topc_buf_str(&got), "6100e2abcd"));
	topc_buf_release(&got);
	topc_buf_release(&resp.body);
	topc_buf_release(&resp.headers);
	topc_outcome_release(&o);
	topc_request_release(&r);
	topc_history_close(h);
}

/* The console showed no advice after an error answer (the CLI did): an
 * isp.* sub_code is a platform fault, retried after a while (TOP_PROTOCOL.md
 * 5: "the documented advice is to retry after a while"). */
static void test_error_answer_carries_the_advice(void **state)
{
	struct console_session s;
	int64_t id;

	(void)state;
	open_session(&s, "tisp");
	fill_jym(&s);
	send_and_wait(&s);
	assert_non_null(s.answer.advice);
	assert_non_null(strstr(s.answer.advice, "retry"));
	id = s.sent.entry_id;
	/* a success has none */
	session_release(&s);
	open_session(&s, "t");
	fill_jym(&s);
	send_and_wait(&s);
	assert_null(s.answer.advice);
	/* the entry opened from the history: the same advice */
	assert_int_equal(req_id(&s, SESSION_REQ_OPEN_ENTRY, id), SESSION_DONE);
	assert_non_null(s.answer.advice);
	assert_non_null(strstr(s.answer.advice, "retry"));
	session_release(&s);
}

/* A2: R/r replay with the console's profile (its client); an entry sent
 * with another profile was sent there without a word.  Now it asks, naming
 * both; no sends nothing. */
static void test_replay_of_another_profiles_entry_asks(void **state)
{
	struct console_session s;
	struct topc_history_entry e;
	struct topc_error err = {0};
	size_t before;

	(void)state;
	open_session(&s, "t");
	topc_history_entry_init(&e);
	e.time_ms = topc_now_ms();
	e.profile = strdup("elsewhere");
	e.method = strdup(JYM);
	e.values_json = strdup("{\"user_id\":\"1\",\"message_id\":\"a2\",\"template_id\":"
			       "\"1\",\"push_content_dto.title\":\"t\"}");
	e.outcome = TOPC_OUTCOME_SUCCESS;
	assert_int_equal(topc_history_add(s.history, &e, 1024, false, &err), TOPC_OK);
	before = inbox_count();
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_FRESH, e.id), SESSION_ASK);
	assert_non_null(strstr(s.ask.question, "profile elsewhere"));
	assert_non_null(strstr(s.ask.question, "profile t?"));
	assert_int_equal(session_answer(&s, false), SESSION_DONE);
	assert_int_equal(inbox_count(), before);
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, e.id), SESSION_ASK);
	assert_int_equal(session_answer(&s, true), SESSION_DONE);
	wait_done(&s);
	assert_int_equal(inbox_count(), before + 1);
	/* an entry of this profile goes at once */
	assert_int_equal(req_id(&s, SESSION_REQ_REPLAY_EXACT, s.sent.entry_id), SESSION_DONE);
	wait_done(&s);
	assert_int_equal(inbox_count(), before + 2);
	topc_history_entry_release(&e);
	session_release(&s);
}

/* G14: F4 over an existing template said "add --force", which the console
 * cannot do.  Now it asks; no keeps the old one, yes replaces it. */
static void test_template_save_over_existing_asks(void **state)
{
	struct console_session s;
	struct topc_template tpl;
	struct topc_error err = {0};

	(void)state;
	open_session(&s, "t");
	fill_jym(&s);
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_SAVE, NULL, "g14"), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "second"), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_SAVE, NULL, "g14"), SESSION_ASK);
	assert_non_null(strstr(s.ask.question, "g14"));
	assert_int_equal(session_answer(&s, false), SESSION_DONE);
	topc_template_init(&tpl);
	assert_int_equal(topc_template_load("g14", &tpl, &err), TOPC_OK);
	assert_string_equal(topc_params_get(&tpl.values, "message_id"), "m");
	topc_template_release(&tpl);
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_SAVE, NULL, "g14"), SESSION_ASK);
	assert_int_equal(session_answer(&s, true), SESSION_DONE);
	topc_template_init(&tpl);
	assert_int_equal(topc_template_load("g14", &tpl, &err), TOPC_OK);
	assert_string_equal(topc_params_get(&tpl.values, "message_id"), "second");
	topc_template_release(&tpl);
	session_release(&s);
}

/* C4: after a restart (or a switch to another API and back) the restored
 * draft was replaced by l or F3 without a question. */
static void test_restored_draft_asks_before_replacing(void **state)
{
	struct console_session s;
	struct topc_history_entry e;

	(void)state;
	open_session(&s, "t");
	fill_jym(&s);
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_SAVE, NULL, "c4"), SESSION_DONE);
	add_jym_entry(&s, &e,
		      "{\"user_id\":\"1\",\"message_id\":\"from-entry\",\"template_id\":"
		      "\"1\",\"push_content_dto.title\":\"t\"}");
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "EDITED1"), SESSION_DONE);
	assert_int_equal(session_request(&s, SESSION_REQ_QUIT, NULL), SESSION_DONE);
	session_release(&s);

	open_session(&s, "t");
	assert_string_equal(s.method, JYM);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "EDITED1");
	assert_int_equal(req_id(&s, SESSION_REQ_LOAD_ENTRY, e.id), SESSION_ASK);
	assert_int_equal(session_answer(&s, false), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_LOAD, NULL, "c4"), SESSION_ASK);
	assert_int_equal(session_answer(&s, false), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "EDITED1");
	/* away and back: the same */
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, JYM), SESSION_DONE);
	assert_int_equal(req_id(&s, SESSION_REQ_LOAD_ENTRY, e.id), SESSION_ASK);
	assert_int_equal(session_answer(&s, true), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "from-entry");
	/* a draft with nothing unsent (as loaded, or as sent) is replaced at once,
	 * after a restart too */
	assert_int_equal(session_request(&s, SESSION_REQ_QUIT, NULL), SESSION_DONE);
	session_release(&s);
	open_session(&s, "t");
	assert_string_equal(topc_params_get(&s.values, "message_id"), "from-entry");
	assert_int_equal(req(&s, SESSION_REQ_TEMPLATE_LOAD, NULL, "c4"), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "m");
	topc_history_entry_release(&e);
	session_release(&s);
}

/* l on an entry of another API replaced that API's draft, changes not sent
 * and all, at once: the question looked at the form on screen (sent, so
 * nothing unsent) and not at the draft the entry goes over. */
static void test_entry_of_another_api_asks_for_its_draft(void **state)
{
	struct console_session s;
	struct topc_history_entry e;

	(void)state;
	open_session(&s, "t");
	add_jym_entry(&s, &e,
		      "{\"user_id\":\"1\",\"message_id\":\"from-entry\",\"template_id\":"
		      "\"1\",\"push_content_dto.title\":\"t\"}");
	fill_jym(&s);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "EDITED2"), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	s.dirty = false; /* the form on screen: nothing unsent (as after a send) */
	assert_int_equal(req_id(&s, SESSION_REQ_LOAD_ENTRY, e.id), SESSION_ASK);
	assert_non_null(strstr(s.ask.question, JYM));
	assert_int_equal(session_answer(&s, false), SESSION_DONE);
	assert_string_equal(s.method, TPN);
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, JYM), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "EDITED2");
	/* yes replaces it; a draft with nothing unsent is replaced at once */
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_int_equal(req_id(&s, SESSION_REQ_LOAD_ENTRY, e.id), SESSION_ASK);
	assert_int_equal(session_answer(&s, true), SESSION_DONE);
	assert_string_equal(s.method, JYM);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "from-entry");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_int_equal(req_id(&s, SESSION_REQ_LOAD_ENTRY, e.id), SESSION_DONE);
	assert_string_equal(s.method, JYM);
	topc_history_entry_release(&e);
	session_release(&s);
}

/* C3: two consoles open; the last to quit wrote back its whole copy of the
 * drafts, read at its start, over the other's. */
static void test_two_consoles_keep_each_others_drafts(void **state)
{
	struct console_session a, b;

	(void)state;
	open_session(&a, "t");
	open_session(&b, "t");
	assert_int_equal(req(&a, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_int_equal(req(&a, SESSION_REQ_SET_VALUE, "template_key", "FROM_A"), SESSION_DONE);
	assert_int_equal(req(&b, SESSION_REQ_SELECT_METHOD, NULL, CAMPUS), SESSION_DONE);
	assert_int_equal(
	    req(&b, SESSION_REQ_SET_VALUE, "mobile_receiver_message_event.msg_key", "FROM_B"),
	    SESSION_DONE);
	assert_int_equal(session_request(&a, SESSION_REQ_QUIT, NULL), SESSION_DONE);
	session_release(&a);
	assert_int_equal(session_request(&b, SESSION_REQ_QUIT, NULL), SESSION_DONE);
	session_release(&b);

	open_session(&a, "t");
	assert_int_equal(req(&a, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_non_null(topc_params_get(&a.values, "template_key"));
	assert_string_equal(topc_params_get(&a.values, "template_key"), "FROM_A");
	assert_int_equal(req(&a, SESSION_REQ_SELECT_METHOD, NULL, CAMPUS), SESSION_DONE);
	assert_string_equal(topc_params_get(&a.values, "mobile_receiver_message_event.msg_key"),
			    "FROM_B");
	session_release(&a);
}

/* C2, C6: a hangup (or SIGTERM) quits without asking, records the request
 * in flight as cancelled with what was sent, keeps the open edit. */
static void test_hangup_records_and_keeps_the_edit(void **state)
{
	struct console_session s;

	(void)state;
	open_session(&s, "tslow");
	fill_jym(&s);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "hup-sent"), SESSION_DONE);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_DONE);
	assert_true(session_in_flight(&s));
	{
		struct session_arg a = {.path = "message_id", .text = "hup-open", .elem = -1};
		assert_int_equal(session_request(&s, SESSION_REQ_EDIT_OPEN, &a), SESSION_DONE);
	}
	session_hangup(&s);
	assert_true(s.quit);
	assert_false(session_in_flight(&s));
	assert_recorded_cancelled(&s, "hup-sent");
	session_release(&s);
	open_session(&s, "t");
	assert_string_equal(s.method, JYM);
	assert_string_equal(topc_params_get(&s.values, "message_id"), "hup-open");
	session_release(&s);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

/* Edits, switches and a quit, saying nothing more (the status was said and
 * cleared): the drafts file at path is still before's len bytes.  Ends the
 * session, frees before. */
static void edits_leave_the_file(struct console_session *s, const char *path, char *before,
				 size_t len)
{
	size_t after_len;
	char *after;

	assert_int_equal(req(s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "template_key", "OURS"), SESSION_DONE);
	assert_int_equal(req(s, SESSION_REQ_SELECT_METHOD, NULL, JYM), SESSION_DONE);
	assert_int_equal(req(s, SESSION_REQ_SET_VALUE, "message_id", "ours"), SESSION_DONE);
	assert_int_equal(session_request(s, SESSION_REQ_QUIT, NULL), SESSION_DONE);
	assert_string_equal(s->status.text, ""); /* said once */
	session_release(s);
	after = slurp(path, &after_len);
	assert_int_equal(after_len, len);
	assert_memory_equal(after, before, len);
	free(before);
	free(after);
}

/* A drafts file too large to read was taken for an empty one and written
 * over with this console's drafts only; one that stopped being JSON made
 * every later write skip without a word.  Both stay as they are, and the
 * status says so once. */
static void test_unreadable_drafts_file_is_kept(void **state)
{
	struct console_session s;
	char path[256], aside[300];
	size_t before_len;
	char *before;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/state/topc/console-drafts.json", dir);
	snprintf(aside, sizeof(aside), "%s.aside", path);
	assert_int_equal(rename(path, aside), 0);

	/* over 16 MiB: another console's drafts, say, with a huge body */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"" TPN "\":\"", f);
	for (int i = 0; i < 17 * 1024; i++)
		fprintf(f, "%01023d", 0);
	fputs("\"}", f);
	fclose(f);
	before = slurp(path, &before_len);
	open_session(&s, "t");
	assert_non_null(strstr(s.status.text, "not saved"));
	s.status.text[0] = '\0';
	edits_leave_the_file(&s, path, before, before_len);

	/* readable at the start, garbled while the console runs */
	assert_int_equal(unlink(path), 0);
	open_session(&s, "t");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	write_file(path, "{\"" TPN "\": [not json");
	before = slurp(path, &before_len);
	s.status.text[0] = '\0';
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "template_key", "OURS"), SESSION_DONE);
	assert_non_null(strstr(s.status.text, "not saved"));
	s.status.text[0] = '\0';
	edits_leave_the_file(&s, path, before, before_len);

	assert_int_equal(rename(aside, path), 0);
}

/* A drafts file that could not be written (a full disk, the file size
 * limit) said nothing: the console went on as if its drafts were kept, and
 * a quit lost them.  The status names the file and the cause; the draft
 * is written with the next change once the file can be written again. */
static void test_a_failed_drafts_write_is_said(void **state)
{
	struct console_session s;
	struct rlimit was, small;
	char path[256];
	size_t len;
	char *text;

	(void)state;
	snprintf(path, sizeof(path), "%s/state/topc/console-drafts.json", dir);
	open_session(&s, "t");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
	topc_file_no_sigxfsz();
	small = was;
	small.rlim_cur = 16; /* any drafts file is longer */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	s.status.text[0] = '\0';
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "template_key", "UNSAVED-1"), SESSION_DONE);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
	assert_non_null(strstr(s.status.text, "console-drafts.json"));
	assert_non_null(strstr(s.status.text, "not saved"));
	assert_non_null(strstr(s.status.text, "ulimit -f"));
	s.status.text[0] = '\0';
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "user_id", "77"), SESSION_DONE);
	assert_string_equal(s.status.text, "");
	session_release(&s);
	text = slurp(path, &len);
	assert_non_null(strstr(text, "UNSAVED-1"));
	free(text);
}

/* The drafts file's inode and mtime in one number: a rewrite changes it
 * (the inode may be reused, the clock has moved on: see the sleep). */
static long long drafts_stamp(void)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/state/topc/console-drafts.json", dir);
	assert_int_equal(stat(path, &st), 0);
	return (long long)st.st_ino * 1000003LL + (long long)st.st_mtim.tv_sec * 1000000000LL +
	       st.st_mtim.tv_nsec;
}

/* Each commit re-read, rewrote and fsynced the whole drafts file even when
 * nothing had changed; now a console writes only what it changed, and
 * reads the file again only when another wrote it since. */
static void test_drafts_written_only_when_changed(void **state)
{
	struct console_session s;
	char path[256], tmp[300], cmd[1400];
	long long stamp;

	(void)state;
	snprintf(path, sizeof(path), "%s/state/topc/console-drafts.json", dir);
	open_session(&s, "t");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "template_key", "K1"), SESSION_DONE);
	stamp = drafts_stamp();
	usleep(50 * 1000); /* past the file system's clock tick */
	/* the same value again, and a quit: nothing changed, nothing written */
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "template_key", "K1"), SESSION_DONE);
	assert_int_equal(session_request(&s, SESSION_REQ_QUIT, NULL), SESSION_DONE);
	assert_true(drafts_stamp() == stamp);
	session_release(&s);

	/* another writer replaces the file: its draft survives our next write */
	open_session(&s, "t");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	snprintf(tmp, sizeof(tmp), "%s.other", path);
	snprintf(cmd, sizeof(cmd),
		 "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d[\"" CAMPUS
		 "\"]=json.dumps({\"mobile_receiver_message_event.msg_key\":\"OTHER\"}); "
		 "json.dump(d,open(sys.argv[2],\"w\"))' '%s' '%s' && mv '%s' '%s'",
		 path, tmp, tmp, path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "template_key", "K2"), SESSION_DONE);
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, CAMPUS), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "mobile_receiver_message_event.msg_key"),
			    "OTHER");
	assert_int_equal(session_request(&s, SESSION_REQ_QUIT, NULL), SESSION_DONE);
	session_release(&s);
	open_session(&s, "t");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, TPN), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "template_key"), "K2");
	assert_int_equal(req(&s, SESSION_REQ_SELECT_METHOD, NULL, CAMPUS), SESSION_DONE);
	assert_string_equal(topc_params_get(&s.values, "mobile_receiver_message_event.msg_key"),
			    "OTHER");
	session_release(&s);
}

/* A console's send is in the history from the moment it leaves, as a
 * pending entry, and its outcome lands on that same entry (here the
 * cancel's); an entry left pending by a console that was killed opens
 * with what is known of it, never as a success. */
static void test_send_is_pending_until_its_outcome(void **state)
{
	struct console_session s;
	struct topc_history_entry e;
	struct topc_error err = {0};
	char owner[160];
	unsigned serial;
	int64_t id, dead;
	pid_t child;
	int status;

	(void)state;
	open_session(&s, "tslow");
	fill_jym(&s);
	serial = s.hist_serial;
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_DONE);
	assert_true(session_in_flight(&s));
	id = s.sent.entry_id;
	assert_true(id > 0);
	assert_int_not_equal(s.hist_serial, serial); /* the pane shows it at once */
	assert_int_equal(topc_history_get(s.history, id, &e, &err), TOPC_OK);
	assert_int_equal(e.outcome, TOPC_OUTCOME_PENDING);
	assert_int_equal(topc_history_pending_state(&e, NULL), TOPC_PENDING_IN_FLIGHT);
	assert_non_null(strstr(e.params_json, "\"sign\":"));
	assert_non_null(strstr(e.values_json, "\"message_id\":\"m\""));
	topc_history_entry_release(&e);
	assert_int_equal(session_request(&s, SESSION_REQ_CANCEL, NULL), SESSION_DONE);
	wait_done(&s);
	assert_int_equal(s.sent.entry_id, id);
	assert_int_equal(topc_history_get(s.history, id, &e, &err), TOPC_OK);
	assert_int_equal(e.outcome, TOPC_OUTCOME_CANCELLED);
	assert_null(e.owner);
	topc_history_entry_release(&e);

	/* what a console killed mid-send leaves: pending, its process gone */
	child = fork();
	if (child == 0)
		_exit(0);
	assert_int_equal(waitpid(child, &status, 0), child);
	topc_history_entry_init(&e);
	e.time_ms = topc_now_ms();
	e.method = strdup(JYM);
	e.profile = strdup("tslow");
	e.params_json = strdup("{\"method\":\"" JYM "\",\"sign\":\"AB\"}");
	e.outcome = TOPC_OUTCOME_PENDING;
	snprintf(owner, sizeof(owner), "%.36s %ld 1", topc_history_owner_self(), (long)child);
	e.owner = strdup(owner);
	assert_int_equal(topc_history_add(s.history, &e, 1024, false, &err), TOPC_OK);
	dead = e.id;
	topc_history_entry_release(&e);
	assert_int_equal(req_id(&s, SESSION_REQ_OPEN_ENTRY, dead), SESSION_DONE);
	assert_true(s.answer.bad);
	assert_non_null(strstr(s.answer.title, "pending"));
	assert_non_null(s.answer.data);
	assert_non_null(strstr(s.answer.data, "no outcome recorded: its process"));
	assert_non_null(s.answer.advice);
	assert_non_null(strstr(s.answer.advice, "may have reached the gateway"));
	session_release(&s);
}

/* The newest history entry, copied (the caller releases it); false when
 * the history is empty. */
static bool copy_newest(const struct topc_history_entry *e, void *ctx)
{
	struct topc_history_entry *out = ctx;

	out->id = e->id;
	out->outcome = e->outcome;
	out->method = e->method ? strdup(e->method) : NULL;
	out->profile = e->profile ? strdup(e->profile) : NULL;
	out->detail = e->detail ? strdup(e->detail) : NULL;
	out->values_json = e->values_json ? strdup(e->values_json) : NULL;
	out->params_json = e->params_json ? strdup(e->params_json) : NULL;
	return false;
}

static bool newest_entry(struct console_session *s, struct topc_history_entry *e)
{
	struct topc_history_filter f;
	struct topc_error err = {0};

	topc_history_entry_init(e);
	topc_history_filter_init(&f);
	f.limit = 1;
	assert_int_equal(topc_history_query(s->history, &f, false, copy_newest, e, &err), TOPC_OK);
	return e->id > 0;
}

/* Whether text is in a file of the history (the database, its journal,
 * the bodies kept beside it). */
static bool in_history_files(const char *text)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "grep -rqF -- '%s' '%s/state/topc'", text, dir);
	return system(cmd) == 0;
}

/* F5 with the profile's secret variable unset was refused on the status
 * line and kept nowhere, where topc send records the same failure as an
 * invalid_input entry naming the variable: the history is every request
 * and outcome.  What is recorded holds no secret (the session key the
 * profile does have, a value that holds the secret: refused and not kept,
 * as topc send does). */
static void test_a_send_without_its_secret_is_recorded(void **state)
{
	static const char key[] = "sess-key-41c9e07b-a1f2d3c4e5f6";
	struct console_session s;
	struct topc_history_entry e;
	char path[256], text[512];
	size_t before = inbox_count();
	int64_t id;

	(void)state;
	snprintf(path, sizeof(path), "%s/config/topc/profiles/tnosecret.conf", dir);
	snprintf(text, sizeof(text),
		 "gateway = \"%s\";\napp_key = \"" APP_KEY "\";\n"
		 "secret_env = \"TOPC_TEST_UNSET\";\nsession_env = \"TOPC_TEST_NOSECRET_KEY\";\n",
		 topc_gateway_url(fast));
	write_file(path, text);
	unsetenv("TOPC_TEST_UNSET");
	setenv("TOPC_TEST_NOSECRET_KEY", key, 1);
	open_session(&s, "tnosecret");
	fill_jym(&s);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_REFUSED);
	assert_non_null(strstr(s.status.text, "TOPC_TEST_UNSET"));
	assert_int_equal(inbox_count(), before);
	assert_true(newest_entry(&s, &e));
	assert_int_equal(e.outcome, TOPC_OUTCOME_INVALID_INPUT);
	assert_string_equal(e.method, JYM);
	assert_string_equal(e.profile, "tnosecret");
	assert_non_null(e.detail);
	assert_non_null(strstr(e.detail, "TOPC_TEST_UNSET"));
	assert_non_null(strstr(e.values_json, "\"message_id\":\"m\""));	   /* as filled */
	assert_true(!e.params_json || !strstr(e.params_json, "\"sign\"")); /* nothing signed */
	id = e.id;
	topc_history_entry_release(&e);
	/* nor when a value holds the session key: the request's own check,
	 * which refuses it, never ran */
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", key), SESSION_DONE);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_REFUSED);
	assert_true(newest_entry(&s, &e));
	assert_int_equal(e.id, id);
	topc_history_entry_release(&e);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "m"), SESSION_DONE);
	session_release(&s);
	/* a value holding the secret is refused and kept nowhere */
	open_session(&s, "t");
	fill_jym(&s);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", SECRET), SESSION_DONE);
	assert_int_equal(session_request(&s, SESSION_REQ_SEND, NULL), SESSION_REFUSED);
	assert_non_null(strstr(s.status.text, "holds the profile's app secret"));
	assert_true(newest_entry(&s, &e));
	assert_int_equal(e.id, id);
	topc_history_entry_release(&e);
	assert_int_equal(req(&s, SESSION_REQ_SET_VALUE, "message_id", "m"), SESSION_DONE);
	session_release(&s);
	unsetenv("TOPC_TEST_NOSECRET_KEY");
	/* no secret, nor a part of one long enough to tell it by */
	for (size_t i = 0; i + 8 <= sizeof(key) - 1; i += 8) {
		char part[9];
		snprintf(part, sizeof(part), "%.8s", key + i);
		assert_false(in_history_files(part));
	}
	assert_false(in_history_files(SECRET));
	assert_false(in_history_files("secret-"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_edit_then_send_sends_the_edit),
	    cmocka_unit_test(test_edit_with_problems_stays_in_its_field),
	    cmocka_unit_test(test_uncommittable_edit_refuses_send),
	    cmocka_unit_test(test_in_flight_refuses_what_replaces),
	    cmocka_unit_test(test_cancel_records_the_time_it_ran),
	    cmocka_unit_test(test_quit_in_flight_cancels_and_records),
	    cmocka_unit_test(test_replay_exact_and_fresh_in_every_type),
	    cmocka_unit_test(test_replay_of_an_older_entry),
	    cmocka_unit_test(test_replay_of_a_method_that_is_no_api_name),
	    cmocka_unit_test(test_a_loaded_method_override_is_refused),
	    cmocka_unit_test(test_loaded_entry_keeps_system_overrides),
	    cmocka_unit_test(test_replay_is_marked_with_its_comparison),
	    cmocka_unit_test(test_failed_replay_leaves_the_form),
	    cmocka_unit_test(test_prose_warnings_send_formal_rules_refuse),
	    cmocka_unit_test(test_selection_stays_on_its_entry),
	    cmocka_unit_test(test_drafts_across_switches_and_restarts),
	    cmocka_unit_test(test_template_over_edited_form_asks),
	    cmocka_unit_test(test_failed_set_leaves_the_form),
	    cmocka_unit_test(test_status_expires_and_clears),
	    cmocka_unit_test(test_signature_shows_the_sent_request),
	    cmocka_unit_test(test_headers_of_a_past_entry),
	    cmocka_unit_test(test_headers_kept_masked),
	    cmocka_unit_test(test_error_answer_carries_the_advice),
	    cmocka_unit_test(test_replay_of_another_profiles_entry_asks),
	    cmocka_unit_test(test_template_save_over_existing_asks),
	    cmocka_unit_test(test_restored_draft_asks_before_replacing),
	    cmocka_unit_test(test_entry_of_another_api_asks_for_its_draft),
	    cmocka_unit_test(test_two_consoles_keep_each_others_drafts),
	    cmocka_unit_test(test_hangup_records_and_keeps_the_edit),
	    cmocka_unit_test(test_unreadable_drafts_file_is_kept),
	    cmocka_unit_test(test_drafts_written_only_when_changed),
	    cmocka_unit_test(test_a_failed_drafts_write_is_said),
	    cmocka_unit_test(test_send_is_pending_until_its_outcome),
	    cmocka_unit_test(test_a_send_without_its_secret_is_recorded),
	};

	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
