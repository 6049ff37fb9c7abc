/* libFuzzer target: history entries as a damaged or hostile history.db may
 * hold them (its JSON columns, body and texts are NUL-separated fields of
 * the input), turned into the entry JSON (export, show --json, diff), read
 * back for replays, and into a curl command.  The JSON must always parse,
 * and the parameters read back must be what was written. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fuzz_common.h"
#include "history/history.h"
#include "history/history_record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next NUL-terminated field of the input, or NULL when it is over. */
static char *field(const char **at, const char *end)
{
	const char *nul;
	char *f;

	if (*at >= end)
		return NULL;
	nul = memchr(*at, '\0', (size_t)(end - *at));
	nul = nul ? nul : end;
	f = strndup(*at, (size_t)(nul - *at));
	*at = nul + 1;
	return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *at = (const char *)data, *end = at + size;
	struct topc_history_entry e;
	struct topc_params p, back;
	struct topc_buf curl;
	char *text;

	topc_history_entry_init(&e);
	e.id = 7;
	e.time_ms = 1451620800000LL;
	e.method = field(&at, end);
	e.values_json = field(&at, end);
	e.generators_json = field(&at, end);
	e.params_json = field(&at, end);
	e.msg = field(&at, end);
	e.sub_code = field(&at, end);
	e.gateway = field(&at, end);
	e.body = field(&at, end);
	e.body_len = e.body ? strlen(e.body) : 0;
	e.body_size = (int64_t)e.body_len;
	e.has_code = size && (data[0] & 1);
	e.code = size ? (long long)data[0] - 100 : 0;
	e.outcome = (enum topc_outcome_class)(size ? data[size - 1] % 7 : 0);
	for (int pretty = 0; pretty < 2; pretty++) {
		text = topc_history_entry_json(&e, pretty, pretty, pretty,
					       pretty ? "HTTP/1.1 200 OK\r\n" : NULL);
		if (text) {
			cJSON *o = cJSON_Parse(text);
			FUZZ_REQUIRE(o, "the entry JSON parses");
			cJSON_Delete(o);
		}
		free(text);
	}
	topc_params_init(&p);
	if (e.params_json && topc_history_params_from_json(e.params_json, &p)) {
		/* written again and read back: the same parameters */
		char *again = topc_history_params_json(&p);
		topc_params_init(&back);
		if (again) {
			FUZZ_REQUIRE(topc_history_params_from_json(again, &back), "re-read");
			for (size_t i = 0, k = 0; i < p.count; i++) {
				const char *v = p.items[i].value;
				if (!*v)
					continue; /* empty values are left out */
				FUZZ_REQUIRE(k < back.count, "no parameter lost");
				FUZZ_REQUIRE(strcmp(back.items[k].name, p.items[i].name) == 0,
					     "names kept");
				FUZZ_REQUIRE(strcmp(p.items[i].name, "session") == 0 ||
						 strcmp(back.items[k].value, v) == 0,
					     "values kept");
				k++;
			}
		}
		free(again);
		topc_params_release(&back);
	}
	topc_params_release(&p);
	topc_buf_init(&curl, 0);
	(void)topc_history_entry_curl(&e, &curl, NULL);
	topc_buf_release(&curl);
	topc_history_entry_release(&e);
	return 0;
}
