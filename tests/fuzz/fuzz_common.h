/* Shared by the libFuzzer targets: the shipped forms (from the source tree,
 * never the user's), loaded once, and a check that aborts on a broken
 * promise so libFuzzer keeps the input. */
#ifndef TOPC_FUZZ_COMMON_H
#define TOPC_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "form/form_store.h"

#define FUZZ_REQUIRE(cond, what)                                                                   \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz: %s\n", what);                                       \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* The forms shipped in forms/, loaded at the first call. */
static inline const struct topc_form_store *fuzz_forms(void)
{
	static struct topc_form_store store;
	static int loaded;

	if (!loaded) {
		struct topc_error err = {0};
		setenv("TOPC_DATADIR", TOPC_FUZZ_DATADIR, 0);
		setenv("XDG_CONFIG_HOME", "/nonexistent/topc-fuzz", 1);
		topc_form_store_init(&store);
		FUZZ_REQUIRE(topc_form_store_load(&store, &err) == TOPC_OK, "forms load");
		FUZZ_REQUIRE(store.count >= 4, "the shipped forms are found");
		loaded = 1;
	}
	return &store;
}

/* The i-th shipped form that loaded. */
static inline const struct topc_form *fuzz_form(unsigned i)
{
	const struct topc_form_store *s = fuzz_forms();
	size_t ok = 0;

	for (size_t k = 0; k < s->count; k++)
		ok += s->items[k].ok;
	FUZZ_REQUIRE(ok > 0, "a shipped form loads");
	for (size_t k = 0, n = 0; k < s->count; k++)
		if (s->items[k].ok && n++ == i % ok)
			return &s->items[k].form;
	return NULL;
}

#endif
