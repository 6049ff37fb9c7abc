/* libFuzzer target: masking an answer never changes how it parses.  The
 * answer is masked with secrets that look like what it is made of (a
 * number, a tag's name, entities, escapes); a valid JSON answer must stay
 * valid JSON, an XML one XML, and neither may grow past its labels. */
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mask.h"
#include "ext/json.h"
#include "ext/xml.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool xml_ok(const char *text, size_t len)
{
	struct topc_tree t;
	bool ok = topc_xml_tree(text, len, &t);

	if (ok)
		topc_tree_release(&t);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const secrets[] = {
	    "sk&Plugh<77",    "SessKeyPlugh77",	       "12345678",
	    "error_response", "a\"b\\c/d\xe7\xa7\x98", "true,false"};
	struct topc_mask m;
	struct topc_buf b;
	size_t at, found = 0;
	bool json, xml;

	if (size > 1 << 16)
		return 0;
	topc_mask_init(&m);
	for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		FUZZ_REQUIRE(topc_mask_add_secret(&m, secrets[i],
						  i % 2 ? TOPC_MASK_SESSION : TOPC_MASK_SECRET),
			     "the mask holds every secret");
	json = topc_json_valid((const char *)data, size, &at);
	xml = xml_ok((const char *)data, size);
	topc_buf_init(&b, 0);
	if (topc_buf_add(&b, data, size) != TOPC_OK || topc_mask_apply(&m, &b) != TOPC_OK) {
		topc_buf_release(&b);
		return 0;
	}
	for (size_t i = 0; i + 3 <= b.len; i++) /* the text may hold NULs */
		if (memcmp(b.data + i, "***", 3) == 0) {
			found++;
			i += 2;
		}
	FUZZ_REQUIRE(b.len <= size + found * strlen(TOPC_MASK_SESSION), "grown past its labels");
	FUZZ_REQUIRE(!json || topc_json_valid(topc_buf_str(&b), b.len, &at),
		     "valid JSON masked into invalid JSON");
	FUZZ_REQUIRE(!xml || xml_ok(topc_buf_str(&b), b.len), "valid XML masked into invalid XML");
	topc_buf_release(&b);
	return 0;
}
