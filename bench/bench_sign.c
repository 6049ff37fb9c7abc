/* Signatures per second for a typical 10-parameter request, one core.
 * Prints figures; asserts nothing about speed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "top/sign.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
	struct topc_params p;
	char hex[TOPC_SIGN_HEX_MAX];

	topc_params_init(&p);
	topc_params_set(&p, "method", "taobao.tpn.template.message.send");
	topc_params_set(&p, "app_key", "10000001");
	topc_params_set(&p, "timestamp", "2026-11-23 15:04:05");
	topc_params_set(&p, "v", "2.0");
	topc_params_set(&p, "format", "json");
	topc_params_set(&p, "sign_method", "md5");
	topc_params_set(&p, "template_key", "xxxx");
	topc_params_set(&p, "template_id", "101");
	topc_params_set(&p, "user_id", "1526984087476772");
	topc_params_set(&p, "biz_data", "{\"key1\":\"value\",\"key2\":123}");
	for (int m = TOPC_SIGN_MD5; m <= TOPC_SIGN_HMAC_SHA256; m++) {
		int64_t start = topc_monotonic_ms(), ms;
		for (long i = 0; i < n; i++)
			topc_sign_compute((enum topc_sign_method)m, "topc-local-demo-secret", &p,
					  hex, NULL);
		ms = topc_monotonic_ms() - start;
		printf("%-12s %ld signatures in %lld ms: %.0f per second (last %s)\n",
		       topc_sign_method_name((enum topc_sign_method)m), n, (long long)ms,
		       ms ? (double)n * 1000.0 / (double)ms : 0.0, hex);
	}
	topc_params_release(&p);
	return 0;
}
