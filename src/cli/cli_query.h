/*
 * cli_query.h - --query and --expect over an answer (cli_query.c).
 */
#ifndef TOPC_CLI_QUERY_H
#define TOPC_CLI_QUERY_H

#include <stddef.h>

#include "top/query.h"

/* --query EXPR over an answer (jq for JSON, XPath for XML): prints each
 * selected value on a line, inert; 0 when something was selected, 1 (with
 * a message) when nothing was or the query failed on this answer (a jq
 * runtime error): the request went out, so never 2. */
int cli_query_print(const char *expr, const char *body, size_t len);
/* --expect EXPR: 0 when the answer matches; 1 with a message when it does
 * not or cannot be checked; 2 when EXPR does not compile.  In a child with
 * the limits' time and a memory ceiling, as --query runs (one send). */
int cli_expect(const char *expr, const char *body, size_t len);
/* The same for each of many answers (replay): EXPR compiled once, and
 * tested in one worker process started by cli_expecter_new, before the
 * transfers open their sockets, with the same time and ceiling per answer
 * as cli_expect's child.  A worker that dies is said once for the answer
 * it was testing (1) and started again for the next.  what names the
 * entry in messages.  new fails (TOPC_ERR_USAGE) when EXPR does not compile. */
struct cli_expecter;
TOPC_MUST_CHECK enum topc_status cli_expecter_new(const char *expr, struct cli_expecter **out,
						  struct topc_error *err);
int cli_expecter_test(struct cli_expecter *e, const char *body, size_t len, const char *what);
void cli_expecter_free(struct cli_expecter *e);

#endif
