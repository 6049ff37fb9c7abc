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

#include "buf.h"
#include "error.h"

/* Appends the file's bytes to out; fails with TOPC_ERR_IO naming the path,
 * or TOPC_ERR_NOMEM past max bytes. */
enum topc_status topc_file_read(const char *path, size_t max, struct topc_buf *out,
				struct topc_error *err);

/* Replaces path with len bytes of data, created with the given mode. */
enum topc_status topc_file_write_atomic(const char *path, const void *data, size_t len,
					mode_t mode, struct topc_error *err);

#endif
