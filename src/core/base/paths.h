/*
 * paths.h - where topc keeps things.
 *
 * User configuration: $XDG_CONFIG_HOME/topc (default ~/.config/topc).
 * Shipped data (profiles/, forms/): $TOPC_DATADIR, else the source tree the
 * binary was built from.  Every function returns a heap string the caller
 * frees, or NULL when no home can be found.
 */
#ifndef TOPC_PATHS_H
#define TOPC_PATHS_H

char *topc_path_config(const char *sub);
/* State topc keeps between runs (template counters, values already sent):
 * $XDG_STATE_HOME/topc (default ~/.local/state/topc). */
char *topc_path_state(const char *sub);
char *topc_path_data(const char *sub);

#endif
