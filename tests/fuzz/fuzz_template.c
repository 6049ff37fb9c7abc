/* libFuzzer target: template files load or are refused with a message;
 * what loads expands or is refused, never crashes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profile/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	char *text = malloc(size + 1);
	struct topc_template t;
	struct topc_params out;
	struct topc_error err = {0};

	if (!ready) {
		char dir[64];
		snprintf(dir, sizeof(dir), "/tmp/topc-fuzz-state-%d", (int)getpid());
		setenv("XDG_STATE_HOME", dir, 1);
		setenv("TOPC_FUZZ_VAR", "v", 1);
		ready = true;
	}
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (topc_template_load_string(text, "t.conf", "fuzz", &t, &err) == TOPC_OK) {
		topc_params_init(&out);
		topc_template_expand(&t, NULL, &out, &err);
		topc_params_release(&out);
		topc_template_release(&t);
	}
	free(text);
	return 0;
}
