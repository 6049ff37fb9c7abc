/* libFuzzer target: profile files (libconfig) load or are refused with a
 * message, never crash. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "profile/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct topc_profile p;
	struct topc_error err = {0};
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/topc-fuzz-%d.conf", (int)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	topc_profile_init(&p);
	topc_profile_load_file(path, &p, &err);
	topc_profile_release(&p);
	return 0;
}
