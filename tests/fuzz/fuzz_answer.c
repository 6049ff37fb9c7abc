/* libFuzzer target: an answer as the front ends show it.  Any body goes
 * into --json whole (topc_json_add_text: a NUL cut it there) as JSON that
 * parses back, and the console's fold model of it keeps its invariants
 * through folding all, revealing a line and unfolding all. */
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>
#include <string.h>

#include "ext/json.h"
#include "fold.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* text as topc_json_string gives a string back: a NUL as the six
 * characters \u0000 (a C string cannot hold it) */
static char *as_read_back(const char *text, size_t len)
{
	char *out = malloc(len * 6 + 1), *p = out;

	for (size_t i = 0; out && i < len; i++) {
		if (text[i]) {
			*p++ = text[i];
		} else {
			memcpy(p, "\\u0000", 6);
			p += 6;
		}
	}
	if (p)
		*p = '\0';
	return out;
}

static void check_json_text(const char *text, size_t len)
{
	struct topc_json *o = topc_json_new_object(), *back;
	char *printed, *want;

	if (!o || !topc_json_add_text(o, "body", text, len)) {
		topc_json_free(o);
		return; /* out of memory */
	}
	printed = topc_json_print(o);
	topc_json_free(o);
	if (!printed)
		return;
	back = topc_json_parse(printed, strlen(printed), NULL);
	FUZZ_REQUIRE(back, "the object with the body is no JSON");
	if (!topc_json_valid(text, len, NULL) && (want = as_read_back(text, len))) {
		/* kept as a string: every byte of it, a NUL too (it cut the body) */
		const char *s = topc_json_string(topc_json_get(back, "body"));
		FUZZ_REQUIRE(s, "the body is no string");
		FUZZ_REQUIRE(strcmp(s, want) == 0, "the body's string is not its bytes");
		free(want);
	}
	topc_json_free(back);
	free(printed);
}

static void check_node(const struct fold_model *m, size_t i)
{
	const struct fold_node *d = &m->nodes[i];

	FUZZ_REQUIRE(d->first < d->last && d->last < m->nlines, "a node's lines");
	FUZZ_REQUIRE(d->end > i && d->end <= m->nnodes, "a node's descendants");
	if (d->parent != FOLD_NONE) {
		const struct fold_node *p = &m->nodes[d->parent];
		FUZZ_REQUIRE(d->parent < i && p->first <= d->first && d->last <= p->last &&
				 p->end >= d->end,
			     "a node outside its parent");
	}
}

static void check_fold(const char *text, size_t len)
{
	struct fold_model m;

	if (fold_build(&m, text, len) != TOPC_OK) {
		fold_release(&m);
		return;
	}
	for (size_t i = 0; i < m.nnodes; i++)
		check_node(&m, i);
	if (fold_all(&m, true) == TOPC_OK) {
		FUZZ_REQUIRE(m.hidden < m.nlines || m.nlines == 0, "everything hidden");
		if (m.nlines && fold_reveal(&m, m.nlines / 2) == TOPC_OK)
			FUZZ_REQUIRE(m.hidden < m.nlines, "the revealed line is hidden");
	}
	if (fold_all(&m, false) == TOPC_OK)
		FUZZ_REQUIRE(m.hidden == 0 && m.nranges == 0, "unfolded all, lines still hidden");
	fold_release(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	check_json_text((const char *)data, size);
	check_fold((const char *)data, size);
	return 0;
}
