/* libFuzzer target: structure values as a person types them and a gateway
 * reads them.  The exact-number JSON parser never crashes; what it writes
 * reads back and writes the same (a fixed point); a value set on a form
 * and serialized is valid JSON that the gateway's reading takes back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form/form.h"
#include "form/form_json.h"
#include "form/form_value.h"
#include "form/form_read.h"
#include "form/form_wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char form_text[] =
    "method = \"taobao.fuzz.x\";\n"
    "request = (\n"
    "  { name = \"dto\"; type = \"Dto\"; required = false; fields = (\n"
    "      { name = \"title\"; type = \"String\"; required = false; },\n"
    "      { name = \"n\"; type = \"Number\"; required = false; },\n"
    "      { name = \"b\"; type = \"Boolean\"; required = false; },\n"
    "      { name = \"j\"; type = \"Json\"; required = false; },\n"
    "      { name = \"list\"; type = \"Number []\"; required = false; },\n"
    "      { name = \"inner\"; type = \"Inner\"; required = false; fields = (\n"
    "          { name = \"s\"; type = \"String\"; required = false; } ); } ); } );\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct topc_form form;
	static int loaded;
	struct topc_jnode a, b;
	struct topc_buf w1, w2;
	struct topc_params values, params, back;
	struct topc_form_problems problems;
	struct topc_error err = {0};
	char why[256], *text;

	if (!loaded)
		loaded =
		    topc_form_load_string(form_text, "fuzz.conf", &form, &err) == TOPC_OK ? 1 : -1;
	if (loaded < 0)
		abort();
	topc_buf_init(&w1, 0);
	topc_buf_init(&w2, 0);
	if (topc_jnode_parse((const char *)data, size, &a, why, sizeof(why))) {
		if (topc_jnode_write(&a, &w1) != TOPC_OK ||
		    !topc_jnode_parse(w1.data, w1.len, &b, why, sizeof(why)))
			abort();
		if (topc_jnode_write(&b, &w2) != TOPC_OK || w1.len != w2.len ||
		    memcmp(w1.data, w2.data, w1.len) != 0)
			abort(); /* not a fixed point */
		topc_jnode_release(&b);
		topc_jnode_release(&a);
	}
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	topc_params_init(&values);
	topc_params_init(&params);
	topc_params_init(&back);
	topc_form_problems_init(&problems);
	if (strlen(text) == size && topc_form_set(&form, &values, "dto", text, &err) == TOPC_OK &&
	    topc_form_validate(&form, &values, NULL, &problems) &&
	    topc_form_serialize(&form, &values, &params, &err) == TOPC_OK) {
		const char *sent = topc_params_get(&params, "dto");
		struct topc_jnode j;
		if (sent) {
			if (!topc_jnode_parse(sent, strlen(sent), &j, why, sizeof(why)))
				abort(); /* never invalid JSON on the wire */
			topc_jnode_release(&j);
			topc_form_from_params(&form, &params, &back, &problems);
		}
	}
	topc_form_problems_release(&problems);
	topc_params_release(&back);
	topc_params_release(&params);
	topc_params_release(&values);
	free(text);
	topc_buf_release(&w1);
	topc_buf_release(&w2);
	return 0;
}
