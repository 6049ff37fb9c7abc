/* The libjq adapter (jq.h). */
#include "ext/jq.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jq.h>
#include <jv.h>

#include "base/utf8.h"
#include "ext/json.h"

/* ------------------------------------------------------------------ */
/* Inert messages: jq quotes values of the answer in its errors */

/* s as printable text: what topc_utf8_inert lists and bytes that are not
 * UTF-8 as \xNN, so a message quoting the answer cannot drive a terminal. */
static void inert_copy(char *out, size_t cap, const char *s, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 5 < cap;) {
		uint32_t cp = 0;
		size_t n = topc_utf8_next(s + i, len - i, &cp);
		if (n == 0 || topc_utf8_inert(cp, false)) {
			size_t k = n ? n : 1;
			for (size_t j = 0; j < k && o + 5 < cap; j++)
				o += (size_t)snprintf(out + o, cap - o, "\\x%02X",
						      (unsigned char)s[i + j]);
			i += k;
			continue;
		}
		if (o + n >= cap)
			break;
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
}

struct compile_errors {
	char text[200];
};

/* jq reports compile errors through this; keep the first line */
static void on_error(void *data, jv msg)
{
	struct compile_errors *c = data;

	if (!c->text[0] && jv_get_kind(msg) == JV_KIND_STRING) {
		const char *s = jv_string_value(msg);
		if (strncmp(s, "jq: error: ", 11) == 0)
			s += 11;
		inert_copy(c->text, sizeof(c->text), s, strcspn(s, "\n"));
	}
	jv_free(msg);
}

/* ------------------------------------------------------------------ */
/* Big integers: jq 1.6 holds every number as a double, so 1234567890123456789
 * comes out as 1234567890123456800.  The answer's own integer literals of 16
 * digits or more are kept in a table by their double; a result number equal
 * to one of them (and to no other literal) is printed with the answer's
 * digits.  The program still computes on doubles, as jq does: .id + 1 is
 * printed as jq prints it.  (Rewriting the answer's big numbers as strings
 * before the run would keep them too, but then .id == 1234... and .id > 0
 * would change meaning.) */

struct big {
	double d;
	const char *lit;
	size_t len;
	bool ambiguous; /* two literals read as this double */
};

struct bigs {
	struct big *v;
	size_t n, alloc;
	bool failed;
};

static bool collect_big(const char *lit, size_t n, void *ctx)
{
	struct bigs *b = ctx;
	size_t digits = 0;

	for (size_t i = 0; i < n; i++) {
		if (lit[i] == '.' || lit[i] == 'e' || lit[i] == 'E')
			return true;
		digits += lit[i] != '-';
	}
	if (digits < 16)
		return true; /* below 2^53 every integer is exact */
	if (b->n == b->alloc) {
		size_t more = b->alloc ? b->alloc * 2 : 16;
		struct big *v = realloc(b->v, more * sizeof(*v));
		if (!v) {
			b->failed = true;
			return false;
		}
		b->v = v;
		b->alloc = more;
	}
	b->v[b->n++] = (struct big){strtod(lit, NULL), lit, n, false};
	return true;
}

static int by_double(const void *a, const void *b)
{
	const struct big *x = a, *y = b;

	return (x->d > y->d) - (x->d < y->d);
}

static enum topc_status bigs_read(const char *json, size_t len, struct bigs *b)
{
	size_t w = 0;

	memset(b, 0, sizeof(*b));
	if (topc_json_numbers(json, len, collect_big, b) != TOPC_OK || b->failed)
		return TOPC_ERR_NOMEM;
	if (b->n < 2)
		return TOPC_OK;
	qsort(b->v, b->n, sizeof(*b->v), by_double);
	for (size_t r = 0; r < b->n; r++) {
		if (w && b->v[w - 1].d == b->v[r].d) {
			if (b->v[w - 1].len != b->v[r].len ||
			    memcmp(b->v[w - 1].lit, b->v[r].lit, b->v[r].len) != 0)
				b->v[w - 1].ambiguous = true;
			continue;
		}
		b->v[w++] = b->v[r];
	}
	b->n = w;
	return TOPC_OK;
}

static const struct big *bigs_find(const struct bigs *b, double d)
{
	struct big key = {d, NULL, 0, false};
	const struct big *found;

	if (!b->n || !(fabs(d) >= 9007199254740992.0))
		return NULL;
	found = bsearch(&key, b->v, b->n, sizeof(*b->v), by_double);
	return found && !found->ambiguous ? found : NULL;
}

/* ------------------------------------------------------------------ */
/* Results as text */

static enum topc_status add_jv_dump(struct topc_buf *out, jv v)
{
	jv text = jv_dump_string(v, 0);
	enum topc_status st =
	    topc_buf_add(out, jv_string_value(text), (size_t)jv_string_length_bytes(jv_copy(text)));

	jv_free(text);
	return st;
}

/* v compactly as jq writes it, big integers with the answer's digits; takes
 * v */
static enum topc_status dump(struct topc_buf *out, jv v, const struct bigs *b, int depth)
{
	enum topc_status st = TOPC_OK;
	jv_kind k = jv_get_kind(v);

	if (!b->n || depth > 10000 ||
	    (k != JV_KIND_NUMBER && k != JV_KIND_ARRAY && k != JV_KIND_OBJECT))
		return add_jv_dump(out, v);
	if (k == JV_KIND_NUMBER) {
		const struct big *big = bigs_find(b, jv_number_value(v));
		if (!big)
			return add_jv_dump(out, v);
		jv_free(v);
		return topc_buf_add(out, big->lit, big->len);
	}
	if (k == JV_KIND_ARRAY) {
		int n = jv_array_length(jv_copy(v));
		st = topc_buf_addc(out, '[');
		for (int i = 0; i < n && st == TOPC_OK; i++) {
			if (i)
				st = topc_buf_addc(out, ',');
			if (st == TOPC_OK)
				st = dump(out, jv_array_get(jv_copy(v), i), b, depth + 1);
		}
		jv_free(v);
		return st == TOPC_OK ? topc_buf_addc(out, ']') : st;
	}
	st = topc_buf_addc(out, '{');
	bool first = true;
	for (int i = jv_object_iter(v); st == TOPC_OK && jv_object_iter_valid(v, i);
	     i = jv_object_iter_next(v, i)) {
		if (!first)
			st = topc_buf_addc(out, ',');
		first = false;
		if (st == TOPC_OK)
			st = add_jv_dump(out, jv_object_iter_key(v, i));
		if (st == TOPC_OK)
			st = topc_buf_addc(out, ':');
		if (st == TOPC_OK)
			st = dump(out, jv_object_iter_value(v, i), b, depth + 1);
	}
	jv_free(v);
	return st == TOPC_OK ? topc_buf_addc(out, '}') : st;
}

/* ------------------------------------------------------------------ */
/* Running a program */

const struct topc_jq_limits topc_jq_default_limits = {
    1000000,	/* results */
    256u << 20, /* bytes */
    30,		/* seconds */
};

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What one run needs besides the program: where results go and when to stop. */
struct run_ctx {
	const struct topc_jq_limits *lim;
	topc_jq_emit_fn emit; /* NULL: results are only counted (a test) */
	void *emit_ctx;
	struct bigs bigs;
	struct topc_buf line;
	size_t count, bytes, results;
	bool all_true;
	bool precheck; /* sizes a result before writing it (the console's query line) */
};

/* At least the bytes v's text takes, counted until they pass limit (so the
 * walk costs no more than the limit): a 40 MB array is not written out
 * only to be refused by a 1 MB limit */
static size_t text_size_at_least(jv v, size_t limit)
{
	size_t n = 0;
	jv_kind k = jv_get_kind(v);

	if (k == JV_KIND_STRING)
		return (size_t)jv_string_length_bytes(jv_copy(v)) + 2;
	if (k == JV_KIND_ARRAY) {
		int len = jv_array_length(jv_copy(v));
		for (int i = 0; i < len && n <= limit; i++) {
			jv e = jv_array_get(jv_copy(v), i);
			n += 1 + text_size_at_least(e, limit - n);
			jv_free(e);
		}
		return n + 2;
	}
	if (k == JV_KIND_OBJECT) {
		for (int it = jv_object_iter(v); jv_object_iter_valid(v, it) && n <= limit;
		     it = jv_object_iter_next(v, it)) {
			jv val = jv_object_iter_value(v, it);
			n += 4 + (size_t)jv_string_length_bytes(jv_object_iter_key(v, it)) +
			     text_size_at_least(val, limit - n);
			jv_free(val);
		}
		return n + 2;
	}
	return 4;
}

static enum topc_status deliver(struct run_ctx *c, jv r, struct topc_error *err)
{
	enum topc_status st;
	jv_kind k = jv_get_kind(r);

	c->results++;
	if (!c->emit) {
		c->count++;
		if (k == JV_KIND_FALSE || k == JV_KIND_NULL)
			c->all_true = false;
		jv_free(r);
		return TOPC_OK;
	}
	if (k != JV_KIND_NULL)
		c->count++;
	if (c->precheck &&
	    text_size_at_least(r, c->lim->max_bytes - c->bytes) > c->lim->max_bytes - c->bytes) {
		jv_free(r); /* refused as the limit would, without writing it out first */
		return topc_error_set(err, TOPC_ERR_INPUT,
				      "jq: a result passes %zu bytes; select less",
				      c->lim->max_bytes);
	}
	topc_buf_reset(&c->line);
	if (k == JV_KIND_STRING) {
		st = topc_buf_add(&c->line, jv_string_value(r),
				  (size_t)jv_string_length_bytes(jv_copy(r)));
		jv_free(r);
	} else {
		st = dump(&c->line, r, &c->bigs, 0);
	}
	if (st == TOPC_OK)
		st = topc_buf_addc(&c->line, '\n');
	if (st != TOPC_OK)
		return topc_error_set(err, TOPC_ERR_NOMEM,
				      "jq: a result is larger than %zu bytes; select less",
				      c->lim->max_bytes);
	c->bytes += c->line.len;
	if (c->bytes > c->lim->max_bytes)
		return topc_error_set(err, TOPC_ERR_INPUT,
				      "jq: the results passed %zu bytes and the query was stopped; "
				      "select less (limit(n; ...), first(...))",
				      c->lim->max_bytes);
	if (!c->emit(c->line.data, c->line.len, k != JV_KIND_STRING, c->emit_ctx))
		return TOPC_ERR_IO; /* the reader went away: a stop, not a failure */
	return TOPC_OK;
}

static enum topc_status run_error(jv r, struct topc_error *err)
{
	jv msg = jv_invalid_get_msg(r);
	jv text =
	    jv_get_kind(msg) == JV_KIND_STRING ? jv_copy(msg) : jv_dump_string(jv_copy(msg), 0);
	char safe[200];

	inert_copy(safe, sizeof(safe), jv_string_value(text),
		   (size_t)jv_string_length_bytes(jv_copy(text)));
	jv_free(text);
	jv_free(msg);
	/* jq's own words, as it wrote them (inert) */
	return topc_error_set(err, TOPC_ERR_INPUT, "jq stopped with an error (jq: %s)", safe);
}

static enum topc_status compile(const char *program, jq_state **jq, struct compile_errors *ce,
				struct topc_error *err)
{
	if (!(*jq = jq_init()))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting jq");
	jq_set_error_cb(*jq, on_error, ce); /* ce outlives the state */
	if (!jq_compile(*jq, program)) {
		jq_teardown(jq);
		if (!ce->text[0])
			return topc_error_set(err, TOPC_ERR_USAGE,
					      "the jq program does not compile");
		return topc_error_set(err, TOPC_ERR_USAGE,
				      "the jq program does not compile (jq: %s)", ce->text);
	}
	return TOPC_OK;
}

/* The answer into *in (and its big integers into bigs, when wanted) */
static enum topc_status read_answer(const char *json, size_t len, struct bigs *bigs, jv *in,
				    struct topc_error *err)
{
	struct topc_json_problem problem;

	if (len > INT_MAX)
		return topc_error_set(err, TOPC_ERR_INPUT, "the answer is too large for jq");
	/* read by topc's scanner first: the diagnosis says where and what (and
	 * quotes no byte of the answer raw), and libjq never sees a text it
	 * cannot parse (jq 1.6 leaks its parser's state on some of them) */
	if (!topc_json_check(json, len, &problem)) {
		struct topc_error why;
		topc_json_problem_error(&problem, json, len, &why);
		return topc_error_setp(err, TOPC_ERR_INPUT, &why, "the answer is not JSON: %s",
				       TOPC_PART);
	}
	if (bigs && bigs_read(json, len, bigs) != TOPC_OK)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory reading the answer");
	*in = jv_parse_sized(json, (int)len);
	if (!jv_is_valid(*in)) {
		/* JSON to the SDK, not to jq: a raw control character in a string */
		jv msg = jv_invalid_get_msg(*in);
		char safe[200];
		inert_copy(safe, sizeof(safe),
			   jv_get_kind(msg) == JV_KIND_STRING ? jv_string_value(msg) : "",
			   jv_get_kind(msg) == JV_KIND_STRING
			       ? (size_t)jv_string_length_bytes(jv_copy(msg))
			       : 0);
		jv_free(msg);
		return topc_error_set(err, TOPC_ERR_INPUT, "jq cannot read the answer: %s", safe);
	}
	return TOPC_OK;
}

/* Runs compiled jq over in (taken) to the end or a limit; *more, when not
 * NULL, makes max_results a stop that is no error */
static enum topc_status execute(jq_state **jq, jv in, struct run_ctx *c, bool *more, bool keep,
				struct topc_error *err)
{
	enum topc_status st = TOPC_OK;
	double deadline = now_seconds() + c->lim->max_seconds;
	jv r;

	jq_start(*jq, in, 0);
	while (st == TOPC_OK && jv_is_valid(r = jq_next(*jq))) {
		st = deliver(c, r, err); /* deliver owns r */
		if (st != TOPC_OK)
			break;
		if (c->results >= c->lim->max_results && more) {
			*more = true;
			break;
		}
		if (c->results >= c->lim->max_results)
			st = topc_error_set(err, TOPC_ERR_INPUT,
					    "jq: the query gave %zu results and was stopped; "
					    "select less (limit(n; ...), first(...))",
					    c->results);
		else if ((c->results & 255) == 0 && now_seconds() > deadline)
			st = topc_error_set(err, TOPC_ERR_INPUT,
					    "jq: the query ran for %u seconds and was stopped; "
					    "select less (limit(n; ...), first(...))",
					    c->lim->max_seconds);
	}
	if (st == TOPC_OK && !(more && *more)) {
		if (jv_invalid_has_msg(jv_copy(r)))
			st = run_error(r, err);
		else
			jv_free(r);
	}
	if (!keep) /* kept: jq_start resets it for the next input */
		jq_teardown(jq);
	return st;
}

static enum topc_status run(const char *program, const char *json, size_t len, struct run_ctx *c,
			    struct topc_error *err)
{
	struct compile_errors ce = {{0}};
	enum topc_status st;
	jq_state *jq;
	jv in;

	if (len > INT_MAX)
		return topc_error_set(err, TOPC_ERR_INPUT, "the answer is too large for jq");
	if ((st = compile(program, &jq, &ce, err)) != TOPC_OK)
		return st;
	if ((st = read_answer(json, len, c->emit ? &c->bigs : NULL, &in, err)) != TOPC_OK) {
		jq_teardown(&jq);
		return st;
	}
	return execute(&jq, in, c, NULL, false, err);
}

static void run_release(struct run_ctx *c)
{
	free(c->bigs.v);
	topc_buf_release(&c->line);
}

enum topc_status topc_jq_stream(const char *program, const char *json, size_t len,
				const struct topc_jq_limits *lim, topc_jq_emit_fn emit, void *ctx,
				size_t *count, struct topc_error *err)
{
	struct run_ctx c = {
	    lim ? lim : &topc_jq_default_limits, emit, ctx, {0}, {0}, 0, 0, 0, true, false};
	enum topc_status st;

	topc_buf_init(&c.line, c.lim->max_bytes);
	st = run(program, json, len, &c, err);
	*count = c.count;
	run_release(&c);
	return st;
}

static bool add_to_buf(const char *text, size_t len, bool json, void *ctx)
{
	(void)json;
	return topc_buf_add(ctx, text, len) == TOPC_OK;
}

enum topc_status topc_jq_run(const char *program, const char *json, size_t len,
			     struct topc_buf *out, size_t *count, struct topc_error *err)
{
	enum topc_status st = topc_jq_stream(program, json, len, NULL, add_to_buf, out, count, err);

	return st == TOPC_ERR_IO ? topc_error_set(err, TOPC_ERR_NOMEM,
						  "out of memory writing the query's results")
				 : st;
}

enum topc_status topc_jq_check(const char *program, struct topc_error *err)
{
	struct compile_errors ce = {{0}};
	jq_state *jq;
	enum topc_status st = compile(program, &jq, &ce, err);

	if (st == TOPC_OK)
		jq_teardown(&jq);
	return st;
}

/* ------------------------------------------------------------------ */
/* One program, many answers: compiled once (libjq 1.6 builds its builtins
 * again for every compile, 100-200 ms), started again for each answer */

struct topc_jq_program {
	jq_state *jq;
	struct compile_errors ce;
};

enum topc_status topc_jq_program_new(const char *program, struct topc_jq_program **p,
				     struct topc_error *err)
{
	enum topc_status st;

	if (!(*p = calloc(1, sizeof(**p))))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting jq");
	if ((st = compile(program, &(*p)->jq, &(*p)->ce, err)) != TOPC_OK) {
		free(*p);
		*p = NULL;
	}
	return st;
}

void topc_jq_program_free(struct topc_jq_program *p)
{
	if (!p)
		return;
	if (p->jq)
		jq_teardown(&p->jq);
	free(p);
}

enum topc_status topc_jq_program_test(struct topc_jq_program *p, const char *json, size_t len,
				      bool *truthy, struct topc_error *err)
{
	struct run_ctx c = {&topc_jq_default_limits, NULL, NULL, {0}, {0}, 0, 0, 0, true, false};
	enum topc_status st;
	jv in;

	*truthy = false;
	topc_buf_init(&c.line, 0);
	st = read_answer(json, len, NULL, &in, err);
	if (st == TOPC_OK)
		st = execute(&p->jq, in, &c, NULL, true, err);
	*truthy = st == TOPC_OK && c.count > 0 && c.all_true;
	run_release(&c);
	return st;
}

enum topc_status topc_jq_test(const char *program, const char *json, size_t len, bool *truthy,
			      struct topc_error *err)
{
	struct topc_jq_program *p;
	enum topc_status st = topc_jq_program_new(program, &p, err);

	*truthy = false;
	if (st == TOPC_OK)
		st = topc_jq_program_test(p, json, len, truthy, err);
	topc_jq_program_free(p);
	return st;
}

/* ------------------------------------------------------------------ */
/* One answer, many programs */

struct topc_jq_doc {
	jv value;
	struct bigs bigs;
};

enum topc_status topc_jq_doc_new(const char *json, size_t len, struct topc_jq_doc **doc,
				 struct topc_error *err)
{
	enum topc_status st;

	*doc = calloc(1, sizeof(**doc));
	if (!*doc)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory reading the answer");
	if ((st = read_answer(json, len, &(*doc)->bigs, &(*doc)->value, err)) != TOPC_OK) {
		free((*doc)->bigs.v);
		free(*doc);
		*doc = NULL;
	}
	return st;
}

void topc_jq_doc_free(struct topc_jq_doc *doc)
{
	if (!doc)
		return;
	jv_free(doc->value);
	free(doc->bigs.v);
	free(doc);
}

enum topc_status topc_jq_doc_run(const struct topc_jq_doc *doc, const char *program, size_t max,
				 void (*compiled)(void *ctx), void *ctx, struct topc_buf *out,
				 size_t *count, bool *more, struct topc_error *err)
{
	/* the output's cap is the bytes limit; an hour: the caller bounds time */
	struct topc_jq_limits lim = {max ? max : SIZE_MAX, out->cap ? out->cap - 1 : SIZE_MAX,
				     3600};
	struct run_ctx c = {&lim, add_to_buf, out, doc->bigs, {0}, 0, 0, 0, true, true};
	enum topc_status st;
	struct compile_errors ce = {{0}};
	jq_state *jq;

	*count = 0;
	*more = false;
	topc_buf_init(&c.line, lim.max_bytes + 1);
	if ((st = compile(program, &jq, &ce, err)) == TOPC_OK) {
		if (compiled)
			compiled(ctx);
		st = execute(&jq, jv_copy(doc->value), &c, more, false, err);
	}
	*count = c.count;
	topc_buf_release(&c.line); /* c.bigs is the doc's: not freed here */
	return st;
}
