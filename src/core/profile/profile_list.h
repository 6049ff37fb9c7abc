/*
 * profile_list.h - the profile folders, listed: the user's profiles first,
 * then the shipped ones (profile/profile.h says where each lives).
 */
#ifndef TOPC_PROFILE_LIST_H
#define TOPC_PROFILE_LIST_H

#include <stdbool.h>

/*
 * Calls fn for every profile file, user ones first, each name once (a user
 * profile hides the shipped one of the same name), in name order.  Stops
 * and returns false when fn does.
 */
typedef bool (*topc_profile_visit_fn)(const char *name, const char *path, bool user, void *ctx);
bool topc_profile_each(topc_profile_visit_fn fn, void *ctx);

#endif
