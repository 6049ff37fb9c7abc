/* libFuzzer target: doc pages import or are refused with a line, never
 * crash; a form that imports also writes, reloads and compares equal. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "form/form.h"
#include "form/form_import.h"
#include "form/form_read.h"
#include "form/form_check.h"
#include "form/form_write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	char *text = malloc(size + 1), what[512];
	struct topc_form f, back;
	struct topc_error err = {0};

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/topc-fuzz-import-%d.conf", (int)getpid());
	if (topc_form_import(text, "page", &f, &err) == TOPC_OK) {
		if (topc_form_write(&f, path, &err) != TOPC_OK)
			abort();
		if (topc_form_load_file(path, &back, &err) != TOPC_OK) {
			fprintf(stderr, "imported form does not reload: %s\n", err.msg);
			abort();
		}
		if (!topc_form_equal(&f, &back, what, sizeof(what))) {
			fprintf(stderr, "reloaded form differs: %s\n", what);
			abort();
		}
		topc_form_release(&back);
		topc_form_release(&f);
	}
	free(text);
	return 0;
}
