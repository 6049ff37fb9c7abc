/* cli_interrupt.c - signals that cancel what is in flight (cli_interrupt.h). */
#include "cli_interrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int interrupt_pipe[2] = {-1, -1};
static volatile sig_atomic_t interrupted;
static const int interrupt_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define NSIGNALS (sizeof(interrupt_signals) / sizeof(interrupt_signals[0]))

static void on_interrupt(int sig)
{
	int saved = errno;

	interrupted = sig;
	if (write(interrupt_pipe[1], "x", 1) < 0) {
		/* the pipe is full: cancelled already */
	}
	errno = saved;
}

int cli_interrupt_catch(void)
{
	struct sigaction sa;

	if (interrupt_pipe[0] >= 0 || pipe(interrupt_pipe) != 0)
		return -1;
	for (int i = 0; i < 2; i++)
		fcntl(interrupt_pipe[i], F_SETFD, FD_CLOEXEC);
	fcntl(interrupt_pipe[1], F_SETFL, O_NONBLOCK);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(interrupt_signals[i], &sa, NULL);
	return interrupt_pipe[0];
}

bool cli_interrupt_seen(void)
{
	return interrupted != 0;
}

void cli_interrupt_release(int *fd)
{
	*fd = -1;
	if (interrupt_pipe[0] < 0)
		return;
	for (size_t i = 0; i < NSIGNALS; i++)
		signal(interrupt_signals[i], SIG_DFL);
	close(interrupt_pipe[0]);
	close(interrupt_pipe[1]);
	interrupt_pipe[0] = interrupt_pipe[1] = -1;
	if (interrupted) {
		fflush(stdout);
		raise(interrupted);
	}
}
