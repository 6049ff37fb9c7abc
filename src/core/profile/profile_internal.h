/*
 * profile_internal.h - what profile.c (reading and checking profile files)
 * and profile_secret.c (reading the secret and session key from their
 * sources) share, private to src/core/profile/.
 */
#ifndef TOPC_PROFILE_INTERNAL_H
#define TOPC_PROFILE_INTERNAL_H

/* The largest profile file read, both when it is loaded and when its
 * inline secret is read from it again. */
#define TOPC_PROFILE_FILE_MAX (1 << 20)

#endif
