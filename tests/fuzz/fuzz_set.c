/* libFuzzer target: `-s PATH=VALUE` against the shipped forms, one
 * assignment a line (the first byte picks the form), as topc send applies
 * them: set, validate, serialize.  Values that pass are read back from the
 * parameters as the gateway reads them, and serialize to the same request. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "form/form_value.h"
#include "form/form_wire.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same_params(const struct topc_params *a, const struct topc_params *b)
{
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++) {
		const char *v = topc_params_get(b, a->items[i].name);
		if (!v || strcmp(v, a->items[i].value) != 0)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct topc_form *form;
	const char *at, *end;
	struct topc_params values, params, back, params2;
	struct topc_form_problems problems;
	struct topc_error err = {0};
	bool ok = true;

	if (!size)
		return 0;
	form = fuzz_form(data[0]);
	at = (const char *)data + 1;
	end = (const char *)data + size;
	topc_params_init(&values);
	while (at < end && ok) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		const char *line_end = nl ? nl : end;
		const char *eq = memchr(at, '=', (size_t)(line_end - at));
		if (eq && eq > at && !memchr(at, '\0', (size_t)(line_end - at))) {
			char *path = strndup(at, (size_t)(eq - at));
			char *value = strndup(eq + 1, (size_t)(line_end - eq - 1));
			if (path && value &&
			    topc_form_set(form, &values, path, value, &err) != TOPC_OK)
				FUZZ_REQUIRE(err.msg[0], "a refused assignment says why");
			free(path);
			free(value);
		}
		at = line_end + 1;
	}
	topc_form_problems_init(&problems);
	topc_params_init(&params);
	topc_params_init(&back);
	topc_params_init(&params2);
	if (topc_form_validate(form, &values, NULL, &problems) &&
	    topc_form_serialize(form, &values, &params, &err) == TOPC_OK) {
		struct topc_form_problems again;
		topc_form_problems_init(&again);
		FUZZ_REQUIRE(topc_form_from_params(form, &params, &back, &again) == TOPC_OK &&
				 again.count == 0,
			     "a valid request reads back");
		FUZZ_REQUIRE(topc_form_serialize(form, &back, &params2, &err) == TOPC_OK &&
				 same_params(&params, &params2),
			     "and serializes to the same parameters");
		topc_form_problems_release(&again);
	} else {
		for (size_t i = 0; i < problems.count; i++)
			FUZZ_REQUIRE(problems.items[i].msg[0], "every problem says what");
	}
	topc_params_release(&params2);
	topc_params_release(&back);
	topc_params_release(&params);
	topc_form_problems_release(&problems);
	topc_params_release(&values);
	return 0;
}
