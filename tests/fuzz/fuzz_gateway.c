/* libFuzzer target: the local gateway reading a request (the query, then
 * the form body after the first newline), signed with the app's secret so
 * the router's checks and the forms' business checks run, then answered.
 * The answer must be valid UTF-8 and valid JSON or XML, whatever came in. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/clock.h"
#include "base/utf8.h"
#include "ext/json.h"
#include "ext/xml.h"
#include "fuzz_common.h"
#include "gateway/gateway.h"
#include "gateway/gateway_read.h"
#include "top/sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW_S 1451620800 /* 2016-01-01 12:00:00 GMT+8 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct topc_gateway_config cfg;
	static int ready;
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t qlen = nl ? (size_t)(nl - text) : size;
	unsigned char knobs = size ? data[0] : 0;
	struct topc_gateway_reader *r;
	struct topc_params p;
	struct topc_gateway_verdict v;
	struct topc_buf out;
	enum topc_sign_method m = TOPC_SIGN_MD5;
	char ts[TOPC_TIMESTAMP_LEN], hex[TOPC_SIGN_HEX_MAX];
	const char *sm;

	if (!ready) {
		topc_gateway_config_init(&cfg);
		FUZZ_REQUIRE(topc_gateway_config_add_app(&cfg, "12345678", "fuzz-secret"), "app");
		cfg.forms = fuzz_forms();
		ready = 1;
	}
	r = topc_gateway_reader_new();
	FUZZ_REQUIRE(r, "reader");
	topc_params_init(&p);
	topc_gateway_reader_add_form(r, text, qlen);
	if (nl)
		topc_gateway_reader_add_form(r, nl + 1, size - qlen - 1);
	if (topc_gateway_reader_finish(r, &p, &v) == TOPC_OK && v.code == 0) {
		/* the knobs fill in what a signing client would, so that most inputs
		 * reach the signature and the forms */
		if (!(knobs & 1) || !topc_params_get(&p, "method"))
			(void)topc_params_set(&p, "method", fuzz_form(knobs >> 4)->method);
		if (!(knobs & 2))
			(void)topc_params_set(&p, "app_key", "12345678");
		if (!(knobs & 4)) {
			topc_timestamp_format(NOW_S, ts);
			(void)topc_params_set(&p, "timestamp", ts);
			(void)topc_params_set(&p, "v", "2.0");
		}
		if ((knobs & 8) == 0)
			(void)topc_params_set(&p, "format", knobs & 16 ? "xml" : "json");
		sm = topc_params_get(&p, "sign_method");
		if (!sm || topc_sign_method_parse(sm, &m)) {
			topc_params_remove(&p, "sign");
			if (topc_sign_compute(m, "fuzz-secret", &p, hex, NULL) == TOPC_OK)
				(void)topc_params_set(&p, "sign", hex);
		}
		topc_gateway_check(&cfg, &p, NOW_S, &v);
	}
	topc_buf_init(&out, 0);
	if (topc_gateway_render(&v, topc_params_get(&p, "method"), "fuzzrequest1", &out) ==
	    TOPC_OK) {
		if (getenv("TOPC_FUZZ_SHOW"))
			fprintf(stderr, "answer: %s\n", topc_buf_str(&out));
		FUZZ_REQUIRE(topc_utf8_valid(out.data, out.len), "the answer is UTF-8");
		if (v.format == TOPC_FORMAT_JSON) {
			FUZZ_REQUIRE(topc_json_valid(out.data, out.len, NULL),
				     "the answer is JSON");
		} else {
			struct topc_tree tree;
			memset(&tree, 0, sizeof(tree));
			FUZZ_REQUIRE(topc_xml_tree(out.data, out.len, &tree), "the answer is XML");
			topc_tree_release(&tree);
		}
	}
	topc_buf_release(&out);
	topc_params_release(&p);
	topc_gateway_reader_free(r);
	return 0;
}
