/* libFuzzer target: topc.conf (the console's keys, colours and mouse)
 * loads or is refused with a message, never crashes; every setting it
 * read can say where it came from. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "profile/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct topc_settings s;
	struct topc_error err = {0};
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/topc-fuzz-conf-%d.conf", (int)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	topc_settings_init(&s);
	if (topc_settings_load(&s, path, &err) == TOPC_OK) {
		char where[128];
		for (size_t i = 0; i < s.keys.count; i++)
			topc_settings_where(&s, "keys", s.keys.items[i].name, where, sizeof(where));
		for (size_t i = 0; i < s.colors.count; i++)
			topc_settings_where(&s, "colors", s.colors.items[i].name, where,
					    sizeof(where));
	} else {
		FUZZ_REQUIRE(err.msg[0], "a refusal says why");
	}
	topc_settings_release(&s);
	return 0;
}
