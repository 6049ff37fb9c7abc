/* A helper process on a socket pair (worker.h). */
#include "base/worker.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void topc_worker_init(struct topc_worker *w)
{
	w->pid = 0;
	w->fd = -1;
}

bool topc_worker_start(struct topc_worker *w, void (*serve)(int fd, void *ctx), void *ctx)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return false;
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		close(sv[0]);
		close(sv[1]);
		return false;
	}
	if (pid == 0) {
		close(sv[0]);
		serve(sv[1], ctx);
		_exit(0);
	}
	close(sv[1]);
	w->pid = pid;
	w->fd = sv[0];
	return true;
}

/* Whether the worker ended within ms milliseconds, reaped into *status. */
static bool ended_within(pid_t pid, int *status, int ms)
{
	const struct timespec tick = {0, 1000000};

	for (int waited = 0;; waited++) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return true; /* reaped, or not ours to reap */
		if (waited >= ms)
			return false;
		if (r == 0)
			nanosleep(&tick, NULL);
	}
}

void topc_worker_stop(struct topc_worker *w, int *status)
{
	int ignored;

	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	/* waited for, a worker gets a moment to end by itself (its status
	 * then says why); one still running after it (an exchange that
	 * failed on the caller's side: a reply past its bounds) is killed,
	 * never waited for without end: the console would freeze */
	if (w->pid > 0 && !(status && ended_within(w->pid, status, TOPC_WORKER_END_MS))) {
		kill(w->pid, SIGKILL);
		while (waitpid(w->pid, status ? status : &ignored, 0) < 0 && errno == EINTR)
			;
	}
	w->pid = 0;
}
