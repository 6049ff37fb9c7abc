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
/* The same for each of many answers (replay), here and with x compiled
 * once (top/query.h): replay checks every answer inside its transfer loop,
 * where a fork and a compile per answer halved its rate.  what names the
 * entry in messages.  A runaway EXPR is bound by libjq's limits only. */
int cli_expect_each(const char *expr, struct topc_query_expectation *x, const char *body,
		    size_t len, const char *what);

#endif
