/* A helper process on a socket pair (worker.h). */
#include "base/worker.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
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

void topc_worker_stop(struct topc_worker *w, int *status)
{
	int ignored;

	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	if (w->pid > 0) {
		if (!status)
			kill(w->pid, SIGKILL);
		while (waitpid(w->pid, status ? status : &ignored, 0) < 0 && errno == EINTR)
			;
	}
	w->pid = 0;
}
