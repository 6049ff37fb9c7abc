/* libFuzzer target: response classification (JSON via cJSON, XML via
 * libxml2) must never crash, whatever the gateway sends. */
#include <stddef.h>
#include <stdint.h>

#include "outcome.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct topc_outcome o;
	const char *body = (const char *)data;

	for (int simplify = 0; simplify < 2; simplify++) {
		topc_outcome_init(&o);
		topc_response_classify(body, size, 200, simplify ? TOPC_FORMAT_JSON : TOPC_FORMAT_XML,
				       simplify, &o);
		topc_outcome_release(&o);
	}
	return 0;
}
