#include "top/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>

#include "base/clock.h"

#define SECRET_MAX 4096
/* read_fd: the deadline passed (a status the core never returns from here) */
#define READ_TIMED_OUT TOPC_ERR_TRANSPORT

static void trim_newlines(struct topc_buf *out)
{
	while (out->len && (out->data[out->len - 1] == '\n' || out->data[out->len - 1] == '\r'))
		out->data[--out->len] = '\0';
}

/* Reads fd to its end, or until deadline_ms (topc_now_ms) when it is not 0:
 * READ_TIMED_OUT then.  The chunk is wiped: no copy stays on the stack. */
static enum topc_status read_fd(int fd, struct topc_buf *out, int64_t deadline_ms)
{
	char chunk[512];
	enum topc_status st = TOPC_OK;

	for (;;) {
		ssize_t n;
		if (deadline_ms) {
			struct pollfd pfd = {fd, POLLIN, 0};
			int64_t left = deadline_ms - topc_now_ms();
			int ready =
			    left > 0 ? poll(&pfd, 1, (int)(left > 60000 ? 60000 : left)) : 0;
			if (ready < 0 && errno == EINTR)
				continue;
			if (ready == 0 && topc_now_ms() >= deadline_ms) {
				st = READ_TIMED_OUT;
				break;
			}
			if (ready <= 0)
				continue;
		}
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			st = n < 0 ? TOPC_ERR_SECRET : TOPC_OK;
			break;
		}
		if (topc_buf_add(out, chunk, (size_t)n) != TOPC_OK) {
			st = TOPC_ERR_SECRET;
			break;
		}
	}
	{
		volatile char *p = chunk;
		for (size_t i = 0; i < sizeof(chunk); i++)
			p[i] = 0;
	}
	return st;
}

static enum topc_status secret_from_file(const char *path, struct topc_buf *out,
					 struct topc_error *err)
{
	struct stat st;
	int fd;
	enum topc_status rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		rc = topc_error_set(err, TOPC_ERR_SECRET, "secret file %s: %s", path,
				    topc_strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	if (S_ISDIR(st.st_mode)) { /* a pipe (/dev/fd/N) or a file is read */
		close(fd);
		return topc_error_set(err, TOPC_ERR_SECRET,
				      "secret file %s is a folder; secret_file names the file that "
				      "holds the secret (mode 600)",
				      path);
	}
	if (st.st_mode & 077) {
		struct stat link;
		char *target = NULL;
		close(fd);
		/* chmod follows a link: name the file whose mode it is */
		if (lstat(path, &link) == 0 && S_ISLNK(link.st_mode) &&
		    (target = realpath(path, NULL))) {
			rc = topc_error_set(err, TOPC_ERR_SECRET,
					    "secret file %s is a link to %s, which is readable by "
					    "others (mode %03o); run chmod 600 %s, or point "
					    "secret_file at a file of your own",
					    path, target, (unsigned)(st.st_mode & 0777), target);
			free(target);
			return rc;
		}
		return topc_error_set(err, TOPC_ERR_SECRET,
				      "secret file %s is readable by others; run chmod 600 %s",
				      path, path);
	}
	rc = read_fd(fd, out, 0);
	close(fd);
	if (rc != TOPC_OK)
		return topc_error_set(err, rc, "secret file %s could not be read (over %d bytes?)",
				      path, SECRET_MAX);
	return TOPC_OK;
}

/* The child: its own process group (so the whole pipeline can be killed at
 * the limit), stdin and stderr on /dev/null (a prompt would wait forever,
 * and the console's screen must stay clean), stdout to the pipe, and no
 * other descriptor of topc's. */
static void run_child(const char *cmd, int out_fd)
{
	int null = open("/dev/null", O_RDWR);
	long max = sysconf(_SC_OPEN_MAX);

	setpgid(0, 0);
	if (null < 0 || dup2(null, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(null, 2) < 0)
		_exit(126);
	for (long fd = 3; fd < (max > 0 && max < 65536 ? max : 65536); fd++)
		close((int)fd);
	signal(SIGPIPE, SIG_DFL);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

static enum topc_status secret_from_cmd(const char *cmd, long timeout_ms, struct topc_buf *out,
					struct topc_error *err)
{
	int fds[2], status = 0;
	pid_t pid;
	enum topc_status rc;

	if (pipe(fds) != 0)
		return topc_error_set(err, TOPC_ERR_SECRET, "secret command could not start: %s",
				      topc_strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return topc_error_set(err, TOPC_ERR_SECRET, "secret command could not start: %s",
				      topc_strerror(errno));
	}
	if (pid == 0)
		run_child(cmd, fds[1]);
	setpgid(pid, pid); /* also here: no race with the child's own call */
	close(fds[1]);
	rc = read_fd(fds[0], out, topc_now_ms() + (timeout_ms > 0 ? timeout_ms : 1));
	close(fds[0]);
	if (rc == READ_TIMED_OUT)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (rc == READ_TIMED_OUT) {
		topc_buf_wipe(out);
		return topc_error_set(err, TOPC_ERR_SECRET,
				      "secret command \"%s\" did not finish within %.3g s and was "
				      "stopped; make it answer without a prompt, or raise "
				      "secret_cmd_timeout",
				      cmd, (double)timeout_ms / 1000);
	}
	if (rc == TOPC_OK && WIFSIGNALED(status))
		return topc_error_set(err, TOPC_ERR_SECRET,
				      "secret command \"%s\" failed (signal %d); run it by hand to "
				      "see why",
				      cmd, WTERMSIG(status));
	if (rc != TOPC_OK || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return topc_error_set(
		    err, TOPC_ERR_SECRET,
		    "secret command \"%s\" failed (exit status %d); run it by hand "
		    "to see why",
		    cmd, WIFEXITED(status) ? WEXITSTATUS(status) : 0);
	return TOPC_OK;
}

void topc_secret_protect_process(void)
{
	struct rlimit none = {0, 0};

	/* for the rest of the process: freed memory may still hold a copy */
	(void)setrlimit(RLIMIT_CORE, &none);
#ifdef __linux__
	/* no core dump, and no ptrace attach by the user's other processes */
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

enum topc_status topc_secret_read(enum topc_source_kind kind, const char *ref, struct topc_buf *out,
				  struct topc_error *err)
{
	return topc_secret_read_within(kind, ref, TOPC_SECRET_CMD_TIMEOUT_MS, out, err);
}

enum topc_status topc_secret_read_within(enum topc_source_kind kind, const char *ref,
					 long cmd_timeout_ms, struct topc_buf *out,
					 struct topc_error *err)
{
	enum topc_status st;
	const char *v;

	topc_secret_protect_process();
	out->cap = SECRET_MAX;
	switch (kind) {
	case TOPC_SOURCE_ENV:
		v = getenv(ref);
		if (!v || !*v)
			return topc_error_set(err, TOPC_ERR_SECRET,
					      "environment variable %s is not set; export it first",
					      ref);
		st = topc_buf_adds(out, v);
		break;
	case TOPC_SOURCE_FILE:
		st = secret_from_file(ref, out, err);
		break;
	case TOPC_SOURCE_CMD:
		st = secret_from_cmd(ref, cmd_timeout_ms, out, err);
		break;
	default:
		return topc_error_set(err, TOPC_ERR_SECRET, "no secret source");
	}
	if (st != TOPC_OK)
		return st;
	trim_newlines(out);
	if (out->len == 0)
		return topc_error_set(err, TOPC_ERR_SECRET, "the secret from %s is empty", ref);
	if (memchr(out->data, '\0', out->len)) {
		topc_buf_wipe(out);
		return topc_error_set(err, TOPC_ERR_SECRET,
				      "the secret from %s holds a NUL byte, which would cut it "
				      "short; write it without one",
				      ref);
	}
	return TOPC_OK;
}
