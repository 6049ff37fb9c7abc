/*
 * paths.h - where topc keeps things.
 *
 * User configuration: $XDG_CONFIG_HOME/topc (default ~/.config/topc).
 * State: $XDG_STATE_HOME/topc (default ~/.local/state/topc).
 * Shipped data (profiles/, forms/) is looked for, in this order:
 *   1. $TOPC_DATADIR, when set (the tests set it to the checkout); when it
 *      is set it is the only place looked in, and it must be a folder that
 *      holds forms/ or profiles/ (a typo is an error, never another folder
 *      or an empty list);
 *   2. the folder named in a file "topc-datadir" beside the running binary
 *      (meson writes one into the build folder, naming the checkout, so
 *      build/topc finds the checkout's files; an installed binary has none);
 *   3. the datadir relative to the binary (bin/topc -> ../share/topc), so an
 *      installed tree can be moved as a whole;
 *   4. the datadir configured at build time ($prefix/share/topc).
 * The first that is a folder wins.  The source tree is never compiled in.
 * Every function returning char * returns a heap string the caller frees, or
 * NULL when no home (or no memory) can be found.
 */
#ifndef TOPC_PATHS_H
#define TOPC_PATHS_H

#include <stdbool.h>

#include "base/error.h"

char *topc_path_config(const char *sub);
char *topc_path_state(const char *sub);
/* sub under the shipped data folder; when no candidate exists, under the
 * one an install would use, so the caller's "not found" names it. */
char *topc_path_data(const char *sub);

/* The folder of the running binary into dir, or false (not Linux, or the
 * path does not fit). */
bool topc_path_exe_dir(char *dir, size_t size);

/* Where the shipped data was looked for, for `topc version --verbose` and
 * for a clear error when topc's installation is broken. */
#define TOPC_PATH_CANDIDATES 4
struct topc_path_search {
	struct {
		const char *how; /* "TOPC_DATADIR", "marker ...", ... */
		char path[4096]; /* empty when this way does not apply */
		bool exists;
		bool empty; /* a folder, but with neither forms/ nor profiles/ */
	} tried[TOPC_PATH_CANDIDATES];
	int ntried;
	int found; /* index into tried, -1 when none is a folder */
};
void topc_path_data_search(struct topc_path_search *s);
/* TOPC_OK when a shipped data folder exists; else TOPC_ERR_IO with a
 * message naming every place looked in and the fix. */
enum topc_status topc_path_data_check(struct topc_error *err);

#endif
