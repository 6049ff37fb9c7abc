#include "base/i18n.h"
#include "base/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

void topc_file_no_sigxfsz(void)
{
	struct sigaction old;

	/* only when nobody chose otherwise */
	if (sigaction(SIGXFSZ, NULL, &old) == 0 && old.sa_handler == SIG_DFL)
		signal(SIGXFSZ, SIG_IGN);
}

const char *topc_file_write_fix(int errnum)
{
	switch (errnum) {
	case ENOSPC:
	case EDQUOT:
		return N_("the disk is full: free some space");
	case EFBIG:
		return N_("the file size limit (ulimit -f) is too low: raise it");
	case EROFS:
		return N_("the file system is read-only");
	case EACCES:
	case EPERM:
		return N_("check the folder's permissions");
	default:
		return NULL;
	}
}

int topc_file_write_cause(const char *path)
{
	static const char *const beside[] = {"", "-wal", "-journal"};
	struct rlimit lim;
	struct statvfs fs;
	char dir[4096];
	const char *slash = strrchr(path, '/');

	if (getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
		for (size_t i = 0; i < sizeof(beside) / sizeof(beside[0]); i++) {
			char p[4096];
			struct stat st;
			snprintf(p, sizeof(p), "%s%s", path, beside[i]);
			if (stat(p, &st) == 0 && (rlim_t)st.st_size + 65536 >= lim.rlim_cur)
				return EFBIG;
		}
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	if (statvfs(dir[0] ? dir : "/", &fs) == 0 &&
	    (unsigned long long)fs.f_bavail * fs.f_frsize < 1024 * 1024)
		return ENOSPC;
	return 0;
}

/* Removes PATH.tmp-XXXXXX files over a minute old: a topc killed between
 * mkstemp and rename left them.  A younger one may be another topc's. */
static void remove_stale_temporaries(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t dlen = slash ? (size_t)(slash - path) : 0, blen = strlen(base);
	char dir[4096];
	DIR *d;
	struct dirent *de;
	time_t now = time(NULL);

	if (dlen >= sizeof(dir))
		return;
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (!dlen)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)dlen, path);
	if (!(d = opendir(dir)))
		return;
	while ((de = readdir(d))) {
		char full[4096 + 256];
		struct stat st;
		if (strlen(de->d_name) != blen + 11 || strncmp(de->d_name, base, blen) != 0 ||
		    strncmp(de->d_name + blen, ".tmp-", 5) != 0)
			continue;
		snprintf(full, sizeof(full), "%s/%s", dir, de->d_name);
		if (lstat(full, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > 60)
			unlink(full);
	}
	closedir(d);
}

enum topc_status topc_file_read_fd(int fd, const char *name, size_t max, struct topc_buf *out,
				   struct topc_error *err)
{
	char chunk[8192];
	ssize_t n;
	size_t total = 0;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return topc_error_set(err, TOPC_ERR_IO, "%s: cannot read: %s", name,
					      topc_strerror(errno));
		}
		total += (size_t)n;
		if (total > max || topc_buf_add(out, chunk, (size_t)n) != TOPC_OK)
			return topc_error_set(err, TOPC_ERR_NOMEM, "%s: larger than %zu bytes",
					      name, max);
	}
	return TOPC_OK;
}

enum topc_status topc_file_read(const char *path, size_t max, struct topc_buf *out,
				struct topc_error *err)
{
	enum topc_status st;
	/* O_NONBLOCK: opening a FIFO waits for a writer, for ever when there is
	 * none (one named like a profile or a form); open at once, then read
	 * as any file: a pipe with a writer (-s x=@/dev/stdin) is read to its
	 * end, one without reads as empty. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), flags;

	if (fd < 0)
		return topc_error_set(err, TOPC_ERR_IO, "%s: cannot open: %s", path,
				      topc_strerror(errno));
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	st = topc_file_read_fd(fd, path, max, out, err);
	close(fd);
	return st;
}

static bool fd_transfer(int fd, char *p, size_t len, bool writing)
{
	bool sock = true;

	while (len) {
		ssize_t n = !writing ? read(fd, p, len)
			    : sock   ? send(fd, p, len, MSG_NOSIGNAL)
				     : write(fd, p, len);
		if (n < 0 && writing && sock && errno == ENOTSOCK) {
			sock = false;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

bool topc_fd_read_all(int fd, void *data, size_t len)
{
	return fd_transfer(fd, data, len, false);
}

bool topc_fd_write_all(int fd, const void *data, size_t len)
{
	return fd_transfer(fd, (char *)data, len, true);
}

enum topc_status topc_file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
					struct topc_error *err)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	int fd, e = 0;

	if (!tmp)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
	topc_file_no_sigxfsz();
	remove_stale_temporaries(path);
	snprintf(tmp, plen + 16, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return topc_error_set(err, TOPC_ERR_IO, "%s: cannot create a file beside it: %s",
				      path, topc_strerror(e));
	}
	errno = 0;
	if (fchmod(fd, mode) != 0 || !topc_fd_write_all(fd, data, len) || fsync(fd) != 0)
		e = errno ? errno : EIO;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e) {
		const char *fix = topc_file_write_fix(e);
		unlink(tmp);
		free(tmp);
		struct topc_error fixp;
		if (!fix)
			return topc_error_set(
			    err, TOPC_ERR_IO,
			    "%s: cannot write: %s; the old file, if any, is unchanged", path,
			    topc_strerror(e));
		topc_error_text(&fixp, TOPC_ERR_IO, fix);
		return topc_error_setp(
		    err, TOPC_ERR_IO, &fixp,
		    "%s: cannot write: %s; %s; the old file, if any, is unchanged", path,
		    topc_strerror(e), TOPC_PART);
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
					   copy, topc_strerror(e));
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
			       topc_strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		topc_error_set(err, TOPC_ERR_IO, "%s: cannot lock: %s", path, topc_strerror(errno));
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
