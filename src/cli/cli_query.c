/* cli_query.c - --query and --expect for send, history show and replay. */
#include "cli.h"

#include <stdio.h>

#include "base/buf.h"
#include "top/query.h"

int cli_query_print(const char *expr, const char *body, size_t len)
{
	struct topc_buf out;
	struct topc_error err = {0};
	size_t count = 0;
	int status = 0;

	topc_buf_init(&out, 0);
	if (topc_query_answer(expr, body, len, &out, &count, &err) != TOPC_OK)
		status = cli_fail_error(&err);
	/* what the answer held is printed inert, as every text from outside */
	cli_print_inert(topc_buf_str(&out), out.len);
	if (status == 0 && count == 0)
		status = cli_fail(1, "--query %s selected nothing in the answer", expr);
	topc_buf_release(&out);
	return status;
}

int cli_expect(const char *expr, const char *body, size_t len, const char *what)
{
	struct topc_error err = {0};
	bool matched = false;

	if (topc_query_expect(expr, body, len, &matched, &err) != TOPC_OK) {
		if (err.code == TOPC_ERR_USAGE)
			return cli_fail_error(&err);
		fprintf(stderr, "topc: %s%s--expect %s: %s\n", what ? what : "", what ? ": " : "",
			expr, err.msg);
		return 1;
	}
	if (!matched) {
		fprintf(stderr, "topc: %s%sthe answer does not match --expect %s\n",
			what ? what : "", what ? ": " : "", expr);
		return 1;
	}
	return 0;
}
