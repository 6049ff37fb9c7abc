/* libFuzzer target: response classification (JSON via the scanner's
 * outline, XML via libxml2) and the re-indenting viewer text must never
 * crash, whatever the gateway sends; re-indented JSON must still be the
 * same JSON, re-indented XML still XML. */
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "ext/json.h"
#include "top/outcome.h"
#include "top/response.h"
#include "ext/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool count_leaf(const char *path, const char *value, void *ctx)
{
	(void)path;
	(void)value;
	(void)ctx;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct topc_outcome o;
	const char *body = (const char *)data;

	for (int simplify = 0; simplify < 2; simplify++) {
		topc_outcome_init(&o);
		topc_response_classify(body, size, 200,
				       simplify ? TOPC_FORMAT_JSON : TOPC_FORMAT_XML, simplify,
				       NULL, &o);
		topc_outcome_release(&o);
	}
	{
		struct topc_buf pretty;
		topc_buf_init(&pretty, 0);
		if (topc_json_pretty(body, size, &pretty) == TOPC_OK &&
		    topc_json_valid(body, size, NULL) && !memchr(body, '\0', size)) {
			/* the same value, duplicate keys and order included: both
			 * printed compactly by cJSON must match */
			/* through topc_json_parse: what the scanner takes (a lone
			 * surrogate escape, as Java takes it) raw cJSON refuses */
			struct topc_json *x = topc_json_parse(body, size, NULL);
			struct topc_json *y = topc_json_parse(pretty.data, pretty.len, NULL);
			char *a = x ? topc_json_print(x) : NULL;
			char *b = y ? topc_json_print(y) : NULL;
			if (!a || !b || strcmp(a, b) != 0)
				abort();
			free(a);
			free(b);
			topc_json_free(x);
			topc_json_free(y);
		}
		topc_buf_release(&pretty);
	}
	{
		/* the strict scanner and the tree agree; leaves walk what the
		 * scanner takes; the problem text is one inert line (jq is not
		 * run here: jq_init costs ~30 ms, 27 runs a second) */
		struct topc_json_problem p;
		struct topc_error why;
		bool ok = topc_json_check(body, size, &p);
		struct topc_json *tree = topc_json_parse(body, size, NULL);
		if (ok != (tree != NULL))
			abort();
		topc_json_free(tree);
		if (!ok) {
			topc_json_problem_error(&p, body, size, &why);
			for (const char *c = why.english; *c; c++)
				if ((unsigned char)*c < 0x20 || *c == 0x7f)
					abort();
		}
		if ((topc_json_leaves(body, size, count_leaf, NULL) == TOPC_OK) != ok)
			abort();
	}
	{
		/* re-indented XML is XML again, and refused XML comes back as it was */
		struct topc_buf pretty, again;
		topc_buf_init(&pretty, 0);
		topc_buf_init(&again, 0);
		if (topc_xml_pretty(body, size, &pretty) == TOPC_OK) {
			if (topc_xml_pretty(pretty.data, pretty.len, &again) != TOPC_OK)
				abort();
		} else if (pretty.len != size || (size && memcmp(pretty.data, body, size) != 0)) {
			abort();
		}
		topc_buf_release(&again);
		topc_buf_release(&pretty);
	}
	return 0;
}
