/*
 * outcome.h - what came back from a send, classified.
 *
 * Every send ends in exactly one outcome class.  The table is the single
 * definition of each class: its name (used in --json output and history) and
 * the exit status of `topc send`.
 *
 * PENDING is never a send's outcome: it is what the history holds for a
 * request between the moment it leaves and the moment its outcome is
 * recorded (history.h): an entry whose process was killed never reads as
 * a success, and counts (exit status 3) as a send whose answer never came.
 */
#ifndef TOPC_OUTCOME_H
#define TOPC_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

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
	X(CANCELLED, "cancelled", 3, "the user cancelled the request before its answer came")      \
	X(PENDING, "pending", 3,                                                                   \
	  "sent, and no outcome recorded: still in flight, or its process ended first")

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
	long long code;	 /* TOP error code (error_response.code) */
	char *code_text; /* the code as the answer wrote it ("15", or digits
			  * past 64 bits that has_code cannot hold) */
	char *msg;	 /* each string below is NULL when absent; owned */
	char *sub_code;
	char *sub_msg;
	char *request_id;
	char *wrapper;	   /* root member name: "x_response" or "error_response" */
	char *detail;	   /* one-line explanation for the non-API classes, English */
	char *detail_text; /* the same in the reader's language; NULL: as detail */
	unsigned attempts; /* sends it took (retries + 1); 0 when not sent */
};

void topc_outcome_init(struct topc_outcome *o);
void topc_outcome_release(struct topc_outcome *o);

/* A class's name, description and exit status from the table ("?", "?"
 * and 3 for a value past it). */
const char *topc_outcome_name(enum topc_outcome_class cls);
const char *topc_outcome_description(enum topc_outcome_class cls);
int topc_outcome_exit_code(enum topc_outcome_class cls);

/* Replace a string field with a copy of value (NULL clears it).  Only when
 * memory runs out is the field left NULL. */
void topc_outcome_set(char **field, const char *value);

/* Sets detail from fmt (English: what the history and --json keep) and
 * detail_text from its translation (xgettext takes fmt by this name). */
void topc_outcome_detailf(struct topc_outcome *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Sets both from texts already made (a struct topc_error's english and msg). */
void topc_outcome_set_detail(struct topc_outcome *o, const char *english, const char *text);
/* The detail a person reads: detail_text, else detail (NULL when neither). */
const char *topc_outcome_detail_shown(const struct topc_outcome *o);

/* The format= a request asks the gateway for. */
enum topc_format { TOPC_FORMAT_JSON, TOPC_FORMAT_XML };

#endif
