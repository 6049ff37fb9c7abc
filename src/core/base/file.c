#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

enum topc_status topc_file_read(const char *path, size_t max, struct topc_buf *out,
				struct topc_error *err)
{
	char chunk[8192];
	ssize_t n;
	size_t total = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return topc_error_set(err, TOPC_ERR_IO, "%s: cannot open: %s", path,
				      strerror(errno));
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			return topc_error_set(err, TOPC_ERR_IO, "%s: cannot read: %s", path,
					      strerror(e));
		}
		total += (size_t)n;
		if (total > max || topc_buf_add(out, chunk, (size_t)n) != TOPC_OK) {
			close(fd);
			return topc_error_set(err, TOPC_ERR_NOMEM, "%s: larger than %zu bytes",
					      path, max);
		}
	}
	close(fd);
	return TOPC_OK;
}

static enum topc_status write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return TOPC_ERR_IO;
		data += n;
		len -= (size_t)n;
	}
	return TOPC_OK;
}

enum topc_status topc_file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
					struct topc_error *err)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	int fd, e = 0;

	if (!tmp)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	snprintf(tmp, plen + 16, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return topc_error_set(err, TOPC_ERR_IO, "%s: cannot create a file beside it: %s",
				      path, strerror(e));
	}
	errno = 0;
	if (fchmod(fd, mode) != 0 || write_all(fd, data, len) != TOPC_OK || fsync(fd) != 0)
		e = errno ? errno : EIO;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e) {
		unlink(tmp);
		free(tmp);
		return topc_error_set(err, TOPC_ERR_IO,
				      "%s: cannot write: %s; the old file, if "
				      "any, is unchanged",
				      path, strerror(e));
	}
	free(tmp);
	return TOPC_OK;
}

enum topc_status topc_dir_ensure(const char *dir, mode_t mode, struct topc_error *err)
{
	char *copy = strdup(dir);

	if (!copy)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	for (char *p = copy + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, mode) != 0 && errno != EEXIST) {
			int e = errno;
			enum topc_status st =
			    topc_error_set(err, TOPC_ERR_IO, "%s: cannot create the folder: %s",
					   copy, strerror(e));
			free(copy);
			return st;
		}
		*p = saved;
		if (!saved)
			break;
	}
	free(copy);
	return TOPC_OK;
}

int topc_file_lock(const char *path, struct topc_error *err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		topc_error_set(err, TOPC_ERR_IO, "%s: cannot open the lock file: %s", path,
			       strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		topc_error_set(err, TOPC_ERR_IO, "%s: cannot lock: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

void topc_file_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}
