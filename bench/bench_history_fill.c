/* bench_history_fill DB N: adds N realistic entries (1 KiB JSON bodies) to
 * the history at DB, for the history benchmark.  Entry N/2 carries the word
 * "needle-4f2a" in its body, and only that one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history/history.h"

static const char *const methods[] = {
    "taobao.jym.message.apppush.send", "taobao.tpn.template.message.send",
    "taobao.tbk.marketing.msg.send", "alibaba.campus.mc.message.sendmessagetomobile"};
static const char *const profiles[] = {"local", "sandbox", "production"};

int main(int argc, char **argv)
{
	struct topc_history *h;
	struct topc_error err = {0};
	long n = argc > 2 ? atol(argv[2]) : 0;
	char body[1100], values[300], params[600];

	if (argc != 3 || n <= 0) {
		fprintf(stderr, "usage: bench_history_fill DB N\n");
		return 2;
	}
	if (topc_history_open(argv[1], &h, NULL, &err) != TOPC_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	for (long i = 0; i < n; i++) {
		struct topc_history_entry e;
		int m = (int)(i % 4);
		if (i % 10000 == 0 && topc_history_begin(h, &err) != TOPC_OK)
			break;
		topc_history_entry_init(&e);
		e.time_ms = 1700000000000LL + i * 1000;
		e.method = (char *)methods[m];
		e.profile = (char *)profiles[i % 3];
		e.gateway = (char *)"https://gw.api.tbsandbox.com/router/rest";
		snprintf(
		    values, sizeof(values),
		    "{\"user_id\":\"%ld\",\"message_id\":\"%08lx-6e60-4924-b443-f5a5a341d3ca\","
		    "\"template_id\":\"1\",\"push_content_dto.title\":\"标题 %ld\"}",
		    1526984087476772L + i, i, i);
		snprintf(
		    params, sizeof(params),
		    "{\"method\":\"%s\",\"app_key\":\"12345678\",\"timestamp\":\"2026-11-23 "
		    "10:00:00\",\"v\":\"2.0\",\"format\":\"json\",\"sign_method\":\"md5\","
		    "\"user_id\":\"%ld\",\"message_id\":\"%08lx-6e60-4924-b443-f5a5a341d3ca\","
		    "\"template_id\":\"1\",\"push_content_dto\":\"{\\\"title\\\":\\\"标题\\\"}\","
		    "\"sign\":\"CDB2FA26C80BE4D32A6AB38323309A6F\"}",
		    methods[m], 1526984087476772L + i, i);
		e.values_json = values;
		e.params_json = params;
		e.outcome = i % 7 ? TOPC_OUTCOME_SUCCESS : TOPC_OUTCOME_API_ERROR;
		e.http_status = 200;
		e.latency_ms = 20 + i % 50;
		{
			int w = snprintf(
			    body, sizeof(body),
			    "{\"jym_message_apppush_send_response\":{\"result\":{\"result\":"
			    "true,\"success\":true,\"state_code\":\"SUCCESS\","
			    "\"extra_err_msg\":\"%s\",\"detail\":\"",
			    i == n / 2 ? "needle-4f2a" : "成功");
			while (w < 1000)
				body[w] = (char)('a' + (i + w) % 26), w++;
			w += snprintf(body + w, sizeof(body) - (size_t)w,
				      "\"},\"request_id\":\"%012lx\"}}", i);
			e.body = body;
			e.body_len = (size_t)w;
		}
		e.request_id = NULL;
		if (topc_history_add(h, &e, TOPC_HISTORY_BODY_CAP, false, &err) != TOPC_OK) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		if ((i % 10000 == 9999 || i == n - 1) && topc_history_commit(h, &err) != TOPC_OK)
			break;
	}
	topc_history_close(h);
	if (err.msg[0]) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	return 0;
}
