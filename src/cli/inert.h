/*
 * inert.h - what the command line prints (inert.c): text from outside made inert,
 * failures as "topc: MESSAGE" on stderr, and whether to colour.
 *
 * Only the front ends print; the core reports through struct topc_error,
 * which cli_fail_error prints with its exit status.
 */
#ifndef TOPC_INERT_H
#define TOPC_INERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/error.h"

/* Prints "topc: MESSAGE" on stderr and returns status. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the core error and returns its exit status. */
int cli_fail_error(const struct topc_error *err);
/* Whether standard output has failed (flushing what is buffered): the first
 * time, says why on stderr unless the reader went away (EPIPE).  Commands that
 * stream much may stop at the first true; main checks once more at exit
 * (main.c). */
bool cli_stdout_failed(void);
/* A request went out and was answered (send, replay): from now on, output
 * that cannot be written ends the command with CLI_EXIT_UNPRINTED, never
 * 3, on which a wrapper would send it again (main.c). */
void cli_note_sent(void);

/* Text from outside, printed inert (inert.c): control characters (C0, DEL,
 * C1 such as U+009B), bidirectional overrides and bytes that are not UTF-8
 * show as \xNN or \uNNNN, so a hostile text cannot drive the terminal.
 * len (size_t)-1 means up to the NUL.  Newlines and tabs are kept. */
void cli_print_inert(const char *s, size_t len);
void cli_write_inert(FILE *out, const char *s, size_t len);
/* One line's worth: s with newlines and tabs escaped too, for a printf
 * "%s".  Valid until eight more calls; "" for NULL. */
const char *cli_inert(const char *s);
/* A checker's reporter (profiles check, forms check): msg on its own line
 * of stderr, inert; ctx unused. */
void cli_report_problem(const char *msg, void *ctx);
/* Colours on a terminal: true unless NO_COLOR is set or TERM is dumb (the
 * caller checks that its stream is a terminal). */
bool cli_color_wanted(void);

#endif
