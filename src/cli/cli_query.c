/* cli_query.c - --query and --expect for send, history show and replay. */
#include "cli_query.h"

#include <stdio.h>

#include "base/buf.h"
#include "top/query.h"
#include "cli.h"
#include "inert.h"

int cli_query_print(const char *expr, const char *body, size_t len)
{
	struct topc_buf out;
	struct topc_error err = {0};
	size_t count = 0;
	int status = 0;

	topc_buf_init(&out, 0);
	/* the request has gone out by now (or the entry was sent long ago): a
	 * query that fails on this answer is the answer's failure, exit 1, never
	 * the 2 that tells a script nothing was sent and it may send again */
	if (topc_query_answer(expr, body, len, &out, &count, &err) != TOPC_OK) {
		cli_fail_error(&err);
		status = CLI_EXIT_FAILED;
	}
	/* what the answer held is printed inert, as every text from outside */
	cli_print_inert(topc_buf_str(&out), out.len);
	if (status == 0 && count == 0)
		status = cli_fail(1, _("--query %s selected nothing in the answer"), expr);
	topc_buf_release(&out);
	return status;
}

int cli_expect(const char *expr, const char *body, size_t len, const char *what)
{
	struct topc_error err = {0};
	bool matched = false;

	if (topc_query_expect(expr, body, len, &matched, &err) != TOPC_OK) {
		if (err.code == TOPC_ERR_USAGE) {
			cli_fail_error(&err);
			return CLI_EXIT_FAILED; /* after the send: never "nothing was sent" */
		}
		if (what)
			fprintf(stderr, _("topc: %s: --expect %s: %s\n"), what, expr, err.msg);
		else
			fprintf(stderr, _("topc: --expect %s: %s\n"), expr, err.msg);
		return 1;
	}
	if (!matched) {
		if (what)
			fprintf(stderr, _("topc: %s: the answer does not match --expect %s\n"),
				what, expr);
		else
			fprintf(stderr, _("topc: the answer does not match --expect %s\n"), expr);
		return 1;
	}
	return 0;
}
