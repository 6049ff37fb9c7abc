/* The cJSON adapter (ext/json): re-indenting answers, quoting. */
#include "test_header.h"

#include "base/utf8.h"
#include "ext/json.h"
#include "form/form_json.h"

static void pretty(const char *in, const char *want)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_json_pretty(in, strlen(in), &b), TOPC_OK);
	assert_string_equal(topc_buf_str(&b), want);
	topc_buf_release(&b);
}

/* Expected layouts are Python's json.dumps(json.loads(s), indent=2,
 * ensure_ascii=False): the same two spaces, ": " and empty {} / []. */
static void test_pretty_like_python(void **state)
{
	pretty("{\"a\":[1,2],\"b\":{}}", "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
	pretty(" [ ] ", "[]");
	/* the layout is Python's; the number keeps its text (Python would
	 * write -1500.0) */
	pretty("{\"s\":\"x,y:{z}\\\"\",\"n\":-1.50e3}",
	       "{\n  \"s\": \"x,y:{z}\\\"\",\n  \"n\": -1.50e3\n}");
	pretty("{\"k\":\"中文\"}", "{\n  \"k\": \"中文\"\n}");
}

static void test_pretty_not_json_appended_unchanged(void **state)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_json_pretty("{\"a\":", 5, &b), TOPC_ERR_PARSE);
	assert_string_equal(topc_buf_str(&b), "{\"a\":");
	topc_buf_release(&b);
}

/* issue 12: a 16 MiB answer {"r":{"a":[1,1,...]}} re-indents past the
 * 64 MiB cap.  It used to come back cut at exactly 64 MiB with success;
 * now it fails and the buffer holds nothing. */
static void test_pretty_past_cap_fails(void **state)
{
	const size_t n = (size_t)8 * 1024 * 1024; /* elements: 16 MiB of "1," */
	size_t len = 0;
	char *in = malloc(2 * n + 32);
	struct topc_buf b;

	assert_non_null(in);
	len += (size_t)snprintf(in, 32, "{\"r\":{\"a\":[");
	for (size_t i = 0; i < n; i++) {
		in[len++] = '1';
		in[len++] = ',';
	}
	len--; /* no comma after the last */
	memcpy(in + len, "]}}", 4);
	len += 3;
	topc_buf_init(&b, 0);
	assert_int_equal(topc_json_pretty(in, len, &b), TOPC_ERR_NOMEM);
	assert_true(b.failed);
	assert_int_equal(b.len, 0);
	assert_string_equal(topc_buf_str(&b), "");
	topc_buf_release(&b);

	/* with a cap it fits in it comes out whole; the length is that of
	 * Python's json.dumps(..., indent=2): 41 + 9 per element after the
	 * first (59 for three elements) */
	topc_buf_init(&b, (size_t)128 * 1024 * 1024);
	assert_int_equal(topc_json_pretty(in, len, &b), TOPC_OK);
	assert_int_equal(b.len, 41 + (n - 1) * 9);
	assert_string_equal(b.data + b.len - strlen("1\n    ]\n  }\n}"), "1\n    ]\n  }\n}");
	topc_buf_release(&b);
	free(in);
}

static void test_quote(void **state)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_json_quote(&b, "a\"b\\\n"), TOPC_OK);
	assert_string_equal(topc_buf_str(&b), "\"a\\\"b\\\\\\n\"");
	topc_buf_release(&b);
	topc_buf_init(&b, 4);
	assert_int_equal(topc_json_quote(&b, "abcd"), TOPC_ERR_NOMEM);
	assert_string_equal(topc_buf_str(&b), "");
	topc_buf_release(&b);
}

/* The strict scan: Python's json refuses the same texts at the same byte
 * (JSONDecodeError.pos); "abc cut short is at its end, as the text ended. */
static void test_check_like_python(void **state)
{
	static const struct {
		const char *text;
		size_t offset;
		bool at_end;
	} bad[] = {
	    {"[1,2,]", 5, false},    {"{\"a\":1}x", 7, false}, {"\"abc", 4, true},
	    {"{\"a\" 1}", 5, false}, {"[01]", 2, false},       {"{\"a\":\"\\x\"}", 6, false},
	    {"{\"a\":[1", 7, true},
	};
	struct topc_json_problem p;
	struct topc_error why;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(topc_json_check(bad[i].text, strlen(bad[i].text), &p));
		assert_int_equal(p.offset, bad[i].offset);
		assert_int_equal(p.at_end, bad[i].at_end);
		assert_null(topc_json_parse(bad[i].text, strlen(bad[i].text), NULL));
	}
	assert_true(topc_json_check(" \n [1] \n ", 9, &p));
	/* Python refuses a raw control character in a string; the SDK's
	 * validator takes it, and so does topc */
	assert_true(topc_json_check("{\"a\":\"\x01\"}", 10, &p));
	assert_true(topc_json_check("[1]\0", 4, &p)); /* trimmed, as String.trim does */
	assert_false(topc_json_check("[1]\0[2]", 7, &p));
	topc_json_problem_error(&p, "[1]\0[2]", 7, &why);
	assert_string_equal(why.english,
			    "expected the end of the text after the value at line 1, column 4 "
			    "(byte 3 of 7), found byte 0x00");
}

static bool collect(const char *path, const char *value, void *ctx)
{
	struct topc_buf *b = ctx;

	return topc_buf_addf(b, "%s=%s;", path, value) == TOPC_OK;
}

/* Leaves keep numbers as written and strings whole past a \u0000. */
static void test_leaves_literal(void **state)
{
	const char *in = "{\"a\":{\"id\":1234567890123456789,\"f\":1.50,\"s\":\"x\\u0000y\\u4e2d\","
			 "\"l\":[true,null,{}],\"e\":[]}}";
	struct topc_buf b;
	struct topc_json *j;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_json_leaves(in, strlen(in), collect, &b), TOPC_OK);
	assert_string_equal(topc_buf_str(&b),
			    "a.id=1234567890123456789;a.f=1.50;a.s=\"x\\u0000y中\";"
			    "a.l[0]=true;a.l[1]=null;a.l[2]={};a.e=[];");
	topc_buf_release(&b);
	j = topc_json_parse(in, strlen(in), NULL);
	assert_string_equal(topc_json_string(topc_json_get(topc_json_get(j, "a"), "s")),
			    "x\\u0000y中");
	topc_json_free(j);
}

/* A \u escape in every reader: a pair is its character (U+1F600, F0 9F 98 80
 * as Python's "\U0001F600".encode() writes it), in either case; a lone
 * surrogate, or a high one before an escape that is no low one, is U+FFFD
 * in the leaves and the tree (cJSON refuses it, Java keeps it) and refused
 * by form_json's exact reader (RFC 8259 to the letter). */
static void test_escapes_in_every_reader(void **state)
{
	static const struct {
		const char *json, *text;
	} cases[] = {
	    {"[\"\\ud83d\\ude00\"]", "\xf0\x9f\x98\x80"},
	    {"[\"\\uD83D\\uDE00!\"]", "\xf0\x9f\x98\x80!"},
	    {"[\"a\\ud83d\"]", "a\xef\xbf\xbd"},
	    {"[\"\\ude00b\"]", "\xef\xbf\xbd"
			       "b"},
	    {"[\"\\ud83d\\u0041\"]", "\xef\xbf\xbd"
				     "A"},
	    {"[\"\\ud83d\\ud83d\\ude00\"]", "\xef\xbf\xbd\xf0\x9f\x98\x80"},
	    {"[\"\\u4e2d\\u00e9\"]", "\xe4\xb8\xad\xc3\xa9"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *in = cases[i].json;
		struct topc_buf b;
		struct topc_json *j = topc_json_parse(in, strlen(in), NULL);
		struct topc_jnode node;
		struct topc_error why;
		bool pair_only = !strstr(cases[i].text, "\xef\xbf\xbd");
		char want[64];

		assert_non_null(j);
		assert_string_equal(topc_json_string(topc_json_first(j)), cases[i].text);
		topc_json_free(j);
		topc_buf_init(&b, 0);
		assert_int_equal(topc_json_leaves(in, strlen(in), collect, &b), TOPC_OK);
		snprintf(want, sizeof(want), "[0]=\"%s\";", cases[i].text);
		assert_string_equal(topc_buf_str(&b), want);
		topc_buf_release(&b);
		assert_int_equal(topc_jnode_read(in, strlen(in), &node, &why), pair_only);
		if (pair_only) {
			assert_string_equal(node.kids[0].text, cases[i].text);
			topc_jnode_release(&node);
		} else {
			assert_non_null(strstr(why.msg, "a lone UTF-16 surrogate"));
		}
	}
	/* an escape cut short is no JSON: four hex digits after \u */
	assert_false(topc_json_valid("[\"\\ud83d\\ude0\"]", 16, NULL));
}

/* The escape itself: U+1F600 is D83D DE00 in UTF-16 (Python:
 * "\U0001F600".encode("utf-16-be")). */
static void test_json_escape_code_points(void **state)
{
	static const struct {
		const char *s;
		long cp;
		size_t len;
	} cases[] = {
	    {"\\ud83d\\ude00", 0x1F600, 12},
	    {"\\uDBFF\\uDFFF", 0x10FFFF, 12},
	    {"\\ud800\\udc00", 0x10000, 12},
	    {"\\u0041", 0x41, 6},
	    {"\\u0000", 0, 6},
	    {"\\ud83d", 0xD83D, 6},
	    {"\\ude00\\ud83d", 0xDE00, 6},
	    {"\\ud83d\\u0041", 0xD83D, 6},
	    {"\\ud83d\\ude0", 0xD83D, 6},
	    {"\\ud83dx\\ude00", 0xD83D, 6},
	    {"\\u12", -1, 0},
	    {"\\u12g4", -1, 0},
	    {"\\x0041", -1, 0},
	    {"u0041", -1, 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = 0;
		long cp = topc_utf8_json_escape(cases[i].s, strlen(cases[i].s), &len);
		if (cp != cases[i].cp || len != cases[i].len)
			fail_msg("%s: %lx (%zu bytes), expected %lx (%zu)", cases[i].s, cp, len,
				 cases[i].cp, cases[i].len);
	}
	{
		size_t len = 0;
		/* n bounds it: the pair's second half past n is not read */
		assert_int_equal(topc_utf8_json_escape("\\ud83d\\ude00", 11, &len), 0xD83D);
		assert_int_equal(len, 6);
		assert_int_equal(topc_utf8_json_escape("\\u0041", 5, &len), -1);
	}
}

/* The outline reads members as a tree does (the last of duplicate names, as
 * Python's json and the SDK's HashMap), values from the text on demand;
 * expected values from Python's json module. */
static void test_outline_like_python(void **state)
{
	const char *text = "{\"a\":1,\"b\":{\"c\":\"x\\u00e9\",\"c\":\"last\\ud83d\\ude00\\/\"},"
			   "\"d\":[{\"e\":1}],\"a\":2.5e1}";
	struct topc_json_outline o;
	const struct topc_json_item *root, *b, *d;
	char *t;

	(void)state;
	topc_json_outline_init(&o);
	assert_int_equal(topc_json_outline_read(&o, text, strlen(text), 2, NULL), TOPC_OK);
	root = &o.items[0];
	assert_int_equal(root->type, TOPC_JSON_OBJECT);
	assert_int_equal(root->count, 4); /* the members as written, the repeated a too */
	/* python: json.loads(text)["a"] == 25.0, "%.17g" % 25.0 == "25" */
	t = topc_json_outline_text(&o, topc_json_outline_get(&o, root, "a"), 0, NULL);
	assert_string_equal(t, "25");
	free(t);
	b = topc_json_outline_get(&o, root, "b");
	assert_non_null(b);
	assert_int_equal(b->count, 2);
	t = topc_json_outline_text(&o, topc_json_outline_get(&o, b, "c"), 0, NULL);
	assert_string_equal(t, "last\xf0\x9f\x98\x80/"); /* python: 'last😀/' */
	free(t);
	d = topc_json_outline_get(&o, root, "d");
	assert_int_equal(d->type, TOPC_JSON_ARRAY);
	assert_null(topc_json_outline_first(&o, d)); /* elements are not outlined */
	assert_null(topc_json_outline_text(&o, d, 0, NULL));
	assert_int_equal(d->len, strlen("[{\"e\":1}]"));
	assert_memory_equal(text + d->at, "[{\"e\":1}]", d->len);
	assert_null(topc_json_outline_get(&o, root, "e"));
	t = topc_json_outline_key(&o, topc_json_outline_first(&o, root));
	assert_string_equal(t, "a");
	free(t);
	topc_json_outline_release(&o);
}

static void test_outline_depth_limit_and_problems(void **state)
{
	const char *deep = "{\"a\":{\"b\":{\"c\":1}}}", *bad = "{\"a\":1 \"b\":2}";
	struct topc_json_outline o;
	struct topc_json_problem p, q;
	const struct topc_json_item *a, *b;

	(void)state;
	topc_json_outline_init(&o);
	assert_int_equal(topc_json_outline_read(&o, deep, strlen(deep), 2, NULL), TOPC_OK);
	a = topc_json_outline_get(&o, &o.items[0], "a");
	b = topc_json_outline_get(&o, a, "b");
	assert_non_null(b);
	assert_int_equal(b->type, TOPC_JSON_OBJECT);
	assert_null(topc_json_outline_first(&o, b)); /* past the depth: its text only */
	assert_memory_equal(deep + b->at, "{\"c\":1}", b->len);
	/* python: "Expecting ',' delimiter: line 1 column 8 (char 7)" */
	assert_int_equal(topc_json_outline_read(&o, bad, strlen(bad), 2, &p), TOPC_ERR_PARSE);
	assert_int_equal(o.count, 0);
	assert_false(topc_json_check(bad, strlen(bad), &q));
	assert_int_equal(p.offset, 7);
	assert_int_equal(p.column, 8);
	assert_int_equal(p.offset, q.offset);
	assert_string_equal(p.expected, q.expected);
	/* trailing text is refused as the SDK's validator refuses it */
	assert_int_equal(topc_json_outline_read(&o, "{} x", 4, 2, &p), TOPC_ERR_PARSE);
	topc_json_outline_release(&o);
}

/* Strings as the tree reader gives them (json.h): \u0000 as its six
 * characters, a lone surrogate as U+FFFD, a C string cut at a raw NUL;
 * numbers as "%.17g" of the double (python: "%.17g" % 0.1); longer than
 * the limit: none. */
static void test_outline_values_as_the_tree_reads_them(void **state)
{
	static const char text[] = "{\"n\":\"a\\u0000b\",\"s\":\"x\\ud800y\",\"z\":\"p\0q\","
				   "\"f\":0.1,\"e\":1.5e3,\"t\":true,\"u\":null,\"k\\u0041\":1}";
	struct topc_json_outline o;
	const struct topc_json_item *root;
	bool too_long = false;
	char *t;

	(void)state;
	topc_json_outline_init(&o);
	assert_int_equal(topc_json_outline_read(&o, text, sizeof(text) - 1, 1, NULL), TOPC_OK);
	root = &o.items[0];
	struct {
		const char *name, *want;
	} cases[] = {
	    {"n", "a\\u0000b"}, {"s", "x\xef\xbf\xbdy"}, {"z", "p"},  {"f", "0.10000000000000001"},
	    {"e", "1500"},	{"t", "true"},		 {"u", NULL}, {"kA", "1"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct topc_json_item *m = topc_json_outline_get(&o, root, cases[i].name);
		assert_non_null(m);
		t = topc_json_outline_text(&o, m, 0, NULL);
		if (cases[i].want)
			assert_string_equal(t, cases[i].want);
		else
			assert_null(t);
		free(t);
	}
	t = topc_json_outline_text(&o, topc_json_outline_get(&o, root, "n"), 7, &too_long);
	assert_null(t);
	assert_true(too_long);
	t = topc_json_outline_text(&o, topc_json_outline_get(&o, root, "n"), 8, &too_long);
	assert_string_equal(t, "a\\u0000b");
	assert_false(too_long);
	free(t);
	topc_json_outline_release(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pretty_like_python),
	    cmocka_unit_test(test_pretty_not_json_appended_unchanged),
	    cmocka_unit_test(test_pretty_past_cap_fails),
	    cmocka_unit_test(test_quote),
	    cmocka_unit_test(test_check_like_python),
	    cmocka_unit_test(test_leaves_literal),
	    cmocka_unit_test(test_escapes_in_every_reader),
	    cmocka_unit_test(test_json_escape_code_points),
	    cmocka_unit_test(test_outline_like_python),
	    cmocka_unit_test(test_outline_depth_limit_and_problems),
	    cmocka_unit_test(test_outline_values_as_the_tree_reads_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
