/*
 * compare.h - a replay's answer against the one recorded before, field by
 * field (topc replay --compare).
 *
 * Both answers are read into leaves: a JSON answer's by path (a.b[0].c), an
 * XML answer's by element names joined with dots (repeated siblings get
 * [0], [1]...), a body that is neither as one leaf with an empty path.
 * Leaves whose last name matches an ignore pattern (fnmatch: request_id,
 * *_time...) are dropped, since they differ on every answer; the rest are
 * compared by path.  The verdict weighs the outcome first: success before
 * and not now is newly failing, the reverse newly passing; otherwise any
 * differing leaf makes the entry changed.
 */
#ifndef TOPC_COMPARE_H
#define TOPC_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "top/outcome.h"

/* What always differs between two answers to the same request. */
#define TOPC_COMPARE_DEFAULT_IGNORE                                                                \
	{                                                                                          \
		"request_id", "timestamp", "time", "*_time", "*_timestamp"                         \
	}

struct topc_form;

/* The fields a replay's compare ignores: TOPC_COMPARE_DEFAULT_IGNORE, then
 * the form's compare_ignore (form may be NULL), at most max of them, into
 * out (pointing into the form); returns how many.  topc replay --compare,
 * the console's mark and its diff view all take this list. */
size_t topc_compare_ignore_list(const struct topc_form *form, const char **out, size_t max);

/* X(id, name) */
#define TOPC_COMPARE_VERDICT_TABLE(X)                                                              \
	X(SAME, "same")                                                                            \
	X(CHANGED, "changed")                                                                      \
	X(NEWLY_FAILING, "newly failing")                                                          \
	X(NEWLY_PASSING, "newly passing")

enum topc_compare_verdict {
#define TOPC_X(id, name) TOPC_COMPARE_##id,
	TOPC_COMPARE_VERDICT_TABLE(TOPC_X)
#undef TOPC_X
	    TOPC_COMPARE_NVERDICTS
};

struct topc_compare_change {
	char *path;
	char *old_value, *new_value; /* compact JSON; NULL: the field is absent */
};

struct topc_compare_result {
	enum topc_compare_verdict verdict;
	struct topc_compare_change *changes; /* by path */
	size_t nchanges;
};

struct topc_compare_answer {
	const char *body; /* may be NULL: nothing came back */
	size_t len;
	enum topc_outcome_class outcome;
};

void topc_compare_result_release(struct topc_compare_result *r);
const char *topc_compare_verdict_name(enum topc_compare_verdict v);

/* Compares before and now; ignore holds nignore fnmatch patterns. */
TOPC_MUST_CHECK enum topc_status topc_compare_answers(const struct topc_compare_answer *before,
						      const struct topc_compare_answer *now,
						      const char *const *ignore, size_t nignore,
						      struct topc_compare_result *out);

/* The same verdict, but out->changes holds every field of either answer
 * (by path), the equal ones too: the console's side-by-side diff. */
TOPC_MUST_CHECK enum topc_status topc_compare_fields(const struct topc_compare_answer *before,
						     const struct topc_compare_answer *now,
						     const char *const *ignore, size_t nignore,
						     struct topc_compare_result *out);

/* A field whose value is not the same in both (or is in one only). */
bool topc_compare_change_differs(const struct topc_compare_change *c);

#endif
