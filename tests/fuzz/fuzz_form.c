/* libFuzzer target: form bodies (topc sign --body, the gateway's input)
 * decode, re-encode and sign without crashing. */
#include <stddef.h>
#include <stdint.h>

#include "gateway/gateway.h"
#include "top/sign.h"
#include "ext/urlcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct topc_params p;
	struct topc_buf out;
	struct topc_gateway_config cfg;
	struct topc_gateway_verdict v;
	char hex[TOPC_SIGN_HEX_MAX];

	topc_params_init(&p);
	topc_buf_init(&out, 0);
	topc_url_form_decode((const char *)data, size, &p, NULL);
	(void)topc_url_form_encode(&p, &out, NULL); /* the result does not matter here: no crash */
	topc_sign_compute(TOPC_SIGN_HMAC_SHA256, "fuzz", &p, hex, NULL);
	topc_gateway_config_init(&cfg);
	topc_gateway_config_add_app(&cfg, "1", "fuzz");
	topc_gateway_check(&cfg, &p, 1451620800, &v);
	topc_buf_reset(&out);
	(void)topc_gateway_render(&v, topc_params_get(&p, "method") ? "taobao.a.b" : "x.y", "r",
				  &out);
	topc_gateway_config_release(&cfg);
	topc_buf_release(&out);
	topc_params_release(&p);
	return 0;
}
