/*
 * gateway_read.h - a request's parameters as the local gateway reads them.
 */
#ifndef TOPC_GATEWAY_READ_H
#define TOPC_GATEWAY_READ_H

#include <stddef.h>

#include "base/error.h"
#include "base/params.h"
#include "gateway/gateway_check.h"

/*
 * Reading a request's parameters, linear in their number (80,000 distinct
 * names must not pin a core): add the query's pairs as received (already
 * decoded) and the form body (decoded here), then finish.  A name given
 * twice keeps its first place and its last value.  A name or value that is
 * not UTF-8 makes the verdict 47 (isv.invalid-encoding:NAME), one holding a
 * NUL byte (%00) 41 (isv.invalid-parameter:NAME); finish then leaves params
 * empty and the verdict set, otherwise params holds the list and the
 * verdict's code is 0.
 */
struct topc_gateway_reader;
struct topc_gateway_reader *topc_gateway_reader_new(void);
void topc_gateway_reader_free(struct topc_gateway_reader *r);
void topc_gateway_reader_add(struct topc_gateway_reader *r, const char *name, size_t nlen,
			     const char *value, size_t vlen);
void topc_gateway_reader_add_form(struct topc_gateway_reader *r, const char *body, size_t len);
/* A body that cannot be read at all (a multipart one without a boundary or
 * its closing line): the verdict is 41, isv.invalid-parameter:body, with
 * why as its sub_msg. */
void topc_gateway_reader_refuse_body(struct topc_gateway_reader *r, const char *why);
enum topc_status topc_gateway_reader_finish(struct topc_gateway_reader *r,
					    struct topc_params *params,
					    struct topc_gateway_verdict *v);

#endif
