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
/* The same from an open descriptor (standard input), named name in the
 * messages; fd stays open. */
TOPC_MUST_CHECK enum topc_status topc_file_read_fd(int fd, const char *name, size_t max,
						   struct topc_buf *out, struct topc_error *err);

/* Replaces path with len bytes of data, created with the given mode.  On
 * failure the old file stays and the temporary one is removed; the message
 * names the cause and its fix (a full disk, the file size limit).  Stale
 * temporary files of path that a killed topc left (PATH.tmp-XXXXXX, over a
 * minute old) are removed. */
enum topc_status topc_file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
					struct topc_error *err);

/* All of len bytes read from fd, or written to it (EINTR retried): false at
 * an error or at the end of the file first.  A write to a socket never
 * raises SIGPIPE (a worker gone is false, never the end of topc). */
bool topc_fd_read_all(int fd, void *data, size_t len);
bool topc_fd_write_all(int fd, const void *data, size_t len);

/* Makes a write past the file size limit (ulimit -f) fail with EFBIG
 * instead of killing topc with SIGXFSZ (after a request went out, before its
 * outcome was kept).  main calls it at start; the writers call it too. */
void topc_file_no_sigxfsz(void);

/* What to do about a failed write's errno, for messages: "free some disk
 * space" for ENOSPC, "raise the file size limit (ulimit -f)" for EFBIG,
 * NULL for others.  An N_() phrase: translate it where it is shown
 * (topc_error_text). */
const char *topc_file_write_fix(int errnum);

/* Why writing path (or path-wal, path-journal beside it) probably failed
 * when the writer kept no errno (SQLite): EFBIG when it is near the file
 * size limit, ENOSPC when its file system has (almost) no room left, else
 * 0. */
int topc_file_write_cause(const char *path);

/* Creates dir and any missing parents with the given mode (0700 for topc's
 * own folders); an existing folder is left as it is. */
enum topc_status topc_dir_ensure(const char *dir, mode_t mode, struct topc_error *err);

/* Holds an exclusive lock (flock) on path, created if needed, until
 * topc_file_unlock; for read-modify-write of files other topc processes may
 * write at the same time.  Returns the descriptor, or -1 with err set. */
int topc_file_lock(const char *path, struct topc_error *err);
void topc_file_unlock(int fd);

#endif
