/*
 * file.h - whole-file reads and crash-safe writes.
 *
 * topc_file_write_atomic writes to a temporary file in the same directory,
 * flushes it to disk, then renames it over the target: a reader sees the old
 * file or the new one, never a mix, and a failure leaves the old one intact.
 */
#ifndef TOPC_FILE_H
#define TOPC_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "base/buf.h"
#include "base/error.h"

/* Appends the file's bytes to out; fails with TOPC_ERR_IO naming the path,
 * or TOPC_ERR_NOMEM past max bytes. */
TOPC_MUST_CHECK enum topc_status topc_file_read(const char *path, size_t max, struct topc_buf *out,
						struct topc_error *err);

/* Replaces path with len bytes of data, created with the given mode. */
enum topc_status topc_file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
					struct topc_error *err);

/* Creates dir and any missing parents with the given mode (0700 for topc's
 * own folders); an existing folder is left as it is. */
enum topc_status topc_dir_ensure(const char *dir, mode_t mode, struct topc_error *err);

/* Holds an exclusive lock (flock) on path, created if needed, until
 * topc_file_unlock; for read-modify-write of files other topc processes may
 * write at the same time.  Returns the descriptor, or -1 with err set. */
int topc_file_lock(const char *path, struct topc_error *err);
void topc_file_unlock(int fd);

#endif
