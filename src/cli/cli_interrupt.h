/*
 * cli_interrupt.h - Ctrl-C (SIGINT), SIGTERM and SIGHUP while requests are
 * out (cli_interrupt.c): instead of ending topc at once, which would lose
 * the history entry of a request that has left, the signal makes a
 * descriptor readable (the client's cancel_fd, a replay's wait); the caller
 * cancels, records the sends as cancelled, and then cli_interrupt_release
 * ends topc by that same signal, as a shell expects.
 *
 * Call order: cli_interrupt_catch before sending, cli_interrupt_release
 * once everything sent is recorded.  One catch at a time.
 */
#ifndef TOPC_CLI_INTERRUPT_H
#define TOPC_CLI_INTERRUPT_H

#include <stdbool.h>

/* The descriptor that becomes readable at the signal; -1 when it could not
 * be set up (the signals then keep their default). */
int cli_interrupt_catch(void);
/* True once a caught signal came. */
bool cli_interrupt_seen(void);
/* Gives the signals back their default and, if one came, raises it (topc
 * ends there).  *fd (the descriptor catch returned) becomes -1. */
void cli_interrupt_release(int *fd);

#endif
