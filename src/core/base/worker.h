/*
 * worker.h - a helper process on a socket pair (worker.c), for work that
 * must not run in topc itself: libjq cannot be stopped from outside its
 * loop and may abort, so the console's query line (tui/livequery.c) and
 * replay --expect (cli/cli_query.c) run their programs in a worker they
 * can kill and start again.  What goes over the socket is the caller's.
 *
 * Call order: topc_worker_init, topc_worker_start, talk over w->fd,
 * topc_worker_stop (again at will: a stopped worker may be started anew).
 */
#ifndef TOPC_WORKER_H
#define TOPC_WORKER_H

#include <stdbool.h>

struct topc_worker {
	int pid; /* 0: none */
	int fd;	 /* the parent's end of the socket pair; -1: none */
};

/* No worker yet. */
void topc_worker_init(struct topc_worker *w);
/* Forks a worker that runs serve(fd, ctx) with its end of a new stream
 * socket pair (both ends close-on-exec); a serve that returns ends the
 * worker (_exit 0).  Pending stdio output is flushed first, so the child
 * holds no copy of it.  false (w unchanged) when no socket or process can
 * be had. */
bool topc_worker_start(struct topc_worker *w, void (*serve)(int fd, void *ctx), void *ctx);
/* How long topc_worker_stop waits for a worker to end by itself. */
#define TOPC_WORKER_END_MS 500

/* Closes the parent's end and reaps the worker.  status NULL: it is killed
 * first (SIGKILL); else it is waited for TOPC_WORKER_END_MS at most (one
 * that failed the exchange has ended, or ends at its socket's end), then
 * killed, and *status is its wait status (WTERMSIG SIGKILL: it did not
 * end by itself).  It never waits without end. */
void topc_worker_stop(struct topc_worker *w, int *status);

#endif
