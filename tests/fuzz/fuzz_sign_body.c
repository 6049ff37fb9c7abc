/* libFuzzer target: `topc sign --body`, a captured form body: decoded (or
 * refused with a message), its canonical string shown and signed with each
 * method, and encoded again.  Encoding then decoding gives back the same
 * parameters, and a body signed here verifies against its own sign. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ext/urlcode.h"
#include "fuzz_common.h"
#include "top/sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum topc_sign_method methods[] = {TOPC_SIGN_MD5, TOPC_SIGN_HMAC,
							TOPC_SIGN_HMAC_SHA256};
	struct topc_params p, back;
	struct topc_error err = {0};
	struct topc_buf text, body;
	char hex[TOPC_SIGN_HEX_MAX], again[TOPC_SIGN_HEX_MAX];

	topc_params_init(&p);
	if (topc_url_form_decode((const char *)data, size, &p, &err) != TOPC_OK) {
		FUZZ_REQUIRE(err.msg[0], "a refused body says why");
		topc_params_release(&p);
		return 0;
	}
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		topc_buf_init(&text, 0);
		(void)topc_sign_display(methods[i], &p, &text);
		topc_buf_release(&text);
		if (topc_sign_compute(methods[i], "fuzz-secret", &p, hex, NULL) == TOPC_OK) {
			FUZZ_REQUIRE(strlen(hex) ==
					 (methods[i] == TOPC_SIGN_HMAC_SHA256 ? 64u : 32u),
				     "a whole signature");
			/* the sign parameter itself is never signed */
			(void)topc_params_set(&p, "sign", hex);
			FUZZ_REQUIRE(topc_sign_compute(methods[i], "fuzz-secret", &p, again,
						       NULL) == TOPC_OK &&
					 strcmp(hex, again) == 0,
				     "sign verifies");
			topc_params_remove(&p, "sign");
		}
	}
	topc_buf_init(&body, 0);
	topc_params_init(&back);
	if (topc_url_form_encode(&p, &body, NULL) == TOPC_OK) {
		FUZZ_REQUIRE(topc_url_form_decode(body.data, body.len, &back, &err) == TOPC_OK,
			     "an encoded body decodes");
		for (size_t i = 0, k = 0; i < p.count; i++) {
			if (!p.items[i].value[0])
				continue; /* empty values are not sent */
			FUZZ_REQUIRE(k < back.count &&
					 strcmp(back.items[k].name, p.items[i].name) == 0 &&
					 strcmp(back.items[k].value, p.items[i].value) == 0,
				     "the same parameters come back");
			k++;
		}
	}
	topc_params_release(&back);
	topc_buf_release(&body);
	topc_params_release(&p);
	return 0;
}
