/*
 * outcome.h - what came back from a send, classified.
 *
 * Every send ends in exactly one outcome class.  The table is the single
 * definition of each class: its name (used in --json output and history) and
 * the exit status of `topc send`.
 */
#ifndef TOPC_OUTCOME_H
#define TOPC_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/params.h"
#include "form/form.h"

/* X(id, name, exit status, description) */
#define TOPC_OUTCOME_TABLE(X)                                                                      \
	X(SUCCESS, "success", 0, "the API answered with its result")                               \
	X(API_ERROR, "api_error", 1, "the gateway answered with an error_response")                \
	X(BUSINESS_FAILURE, "business_failure", 1, "the result reports a business failure")        \
	X(HTTP_ERROR, "http_error", 3, "the HTTP status was not 200")                              \
	X(TRANSPORT_ERROR, "transport_error", 3,                                                   \
	  "no complete HTTP answer (DNS, connect, TLS, timeout)")                                  \
	X(UNPARSEABLE, "unparseable", 3, "the body could not be read as JSON or XML")              \
	X(INVALID_INPUT, "invalid_input", 2, "the request was refused before sending")             \
	X(CANCELLED, "cancelled", 3, "the user cancelled the request before its answer came")

enum topc_outcome_class {
#define TOPC_X(id, name, exit_status, desc) TOPC_OUTCOME_##id,
	TOPC_OUTCOME_TABLE(TOPC_X)
#undef TOPC_X
	    TOPC_OUTCOME_COUNT
};

struct topc_outcome {
	enum topc_outcome_class cls;
	long http_status; /* 0 when no HTTP answer arrived */
	bool has_code;
	long long code; /* TOP error code (error_response.code) */
	char *msg;	/* each string below is NULL when absent; owned */
	char *sub_code;
	char *sub_msg;
	char *request_id;
	char *wrapper;	   /* root member name: "x_response" or "error_response" */
	char *detail;	   /* one-line explanation for the non-API classes */
	unsigned attempts; /* sends it took (retries + 1); 0 when not sent */
};

void topc_outcome_init(struct topc_outcome *o);
void topc_outcome_release(struct topc_outcome *o);

const char *topc_outcome_name(enum topc_outcome_class cls);
const char *topc_outcome_description(enum topc_outcome_class cls);
int topc_outcome_exit_code(enum topc_outcome_class cls);

/* Replace a string field with a copy of value (NULL clears it).  Only when
 * memory runs out is the field left NULL. */
void topc_outcome_set(char **field, const char *value);
void topc_outcome_setf(char **field, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

enum topc_format { TOPC_FORMAT_JSON, TOPC_FORMAT_XML };

/*
 * Classifies an HTTP answer.  body need not be NUL-terminated.  `simplify`
 * says the request asked for simplify=true; the JSON shape is read from the
 * body either way (TOP_PROTOCOL.md 4.4: a root with one "x_response" object
 * is wrapped, any other root is the result itself), so request_id and the
 * result are found in both.  The body's own first byte decides JSON or XML
 * when it is clear; `format` is what was asked for.
 *
 * A business failure inside a success answer is decided by the form's
 * `success` rules when form (may be NULL) has them, else by a general rule:
 * a success or is_success field that is false, or an *err_code, *error_code
 * or state_code field holding something other than "", 0, 200, SUCCESS or OK
 * with no success flag beside it that is true.
 */
void topc_response_classify(const char *body, size_t len, long http_status, enum topc_format format,
			    bool simplify, const struct topc_form *form, struct topc_outcome *out);

/* Adapters, used by topc_response_classify; each fills out for a 200 body
 * and, for a success answer, puts the result's scalar fields in leaves
 * (dotted paths under the wrapper, a few levels deep, not inside arrays). */
void topc_json_classify(const char *body, size_t len, struct topc_outcome *out,
			struct topc_params *leaves);
void topc_xml_classify(const char *body, size_t len, struct topc_outcome *out,
		       struct topc_params *leaves);

/* True when body looks cut short: JSON with an unclosed string, object or
 * array at its end, XML that does not end with '>'. */
bool topc_body_truncated(const char *body, size_t len);

/* The success wrapper name TOP uses for a method (TOP_PROTOCOL.md 4.1):
 * drop a leading "taobao.", dots to underscores, append "_response".  The
 * caller frees it; NULL when out of memory. */
char *topc_response_wrapper_name(const char *method);

#endif
