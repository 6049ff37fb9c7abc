/* The response pane's folds: built from the text, by sequences of folds,
 * against a brute-force model of which lines show. */
#include "test_header.h"

#include "base/buf.h"
#include "fold.h"

static const char *const doc = "{\n"			  /* 0 */
			       "  \"a_response\": {\n"	  /* 1 */
			       "    \"list\": [\n"	  /* 2 */
			       "      1,\n"		  /* 3 */
			       "      2\n"		  /* 4 */
			       "    ],\n"		  /* 5 */
			       "    \"s\": \"{[\\\"\",\n" /* 6: brackets in a string */
			       "    \"e\": {},\n"	  /* 7: nothing to fold */
			       "    \"o\": {\n"		  /* 8 */
			       "      \"k\": \"v\"\n"	  /* 9 */
			       "    }\n"		  /* 10 */
			       "  }\n"			  /* 11 */
			       "}\n";			  /* 12, 13 empty */

static void build(struct fold_model *m, const char *text)
{
	assert_int_equal(fold_build(m, text, strlen(text)), TOPC_OK);
}

static void test_nodes_of_a_pretty_answer(void **state)
{
	struct fold_model m;

	(void)state;
	build(&m, doc);
	assert_int_equal(m.nlines, 14);
	/* the document, a_response, list, o: in document order */
	assert_int_equal(m.nnodes, 4);
	assert_int_equal(m.nodes[0].first, 0);
	assert_int_equal(m.nodes[0].last, 12);
	assert_int_equal(m.nodes[1].first, 1);
	assert_int_equal(m.nodes[1].last, 11);
	assert_int_equal(m.nodes[2].first, 2);
	assert_int_equal(m.nodes[2].last, 5);
	assert_int_equal(m.nodes[3].first, 8);
	assert_int_equal(m.nodes[3].last, 10);
	assert_int_equal(m.nodes[3].parent, 1);
	assert_int_equal(fold_node_at(&m, 9), 3);
	assert_int_equal(fold_node_at(&m, 7), 1);
	assert_int_equal(fold_node_at(&m, 13), FOLD_NONE);
	fold_release(&m);
}

static void test_fold_hides_lines_and_maps_rows(void **state)
{
	struct fold_model m;

	(void)state;
	build(&m, doc);
	assert_true(fold_toggle(&m, 3)); /* inside the list: the list folds */
	assert_int_equal(fold_visible_count(&m), 12);
	assert_int_equal(fold_line_of_visible(&m, 2), 2);
	assert_int_equal(fold_line_of_visible(&m, 3), 5); /* its closing line shows */
	assert_int_equal(fold_visible_of_line(&m, 4), 2); /* a hidden line: its fold */
	assert_int_equal(fold_visible_of_line(&m, 6), 4);
	assert_int_equal(fold_hidden_after(&m, 2), 2);
	assert_int_equal(fold_hidden_after(&m, 1), 0);
	/* the outer one folded too hides the inner; unfolding it shows the
	 * inner still folded */
	assert_true(fold_toggle(&m, 1));
	assert_int_equal(fold_visible_count(&m), 5); /* 0, 1, 11, 12, 13 */
	assert_int_equal(fold_line_of_visible(&m, 2), 11);
	assert_true(fold_toggle(&m, 1));
	assert_int_equal(fold_visible_count(&m), 12);
	assert_true(fold_all(&m, true) == TOPC_OK);
	assert_int_equal(fold_visible_count(&m), 3); /* {, }, the empty last line */
	assert_true(fold_all(&m, false) == TOPC_OK);
	assert_int_equal(fold_visible_count(&m), 14);
	fold_release(&m);
}

static void test_compact_and_cut_text(void **state)
{
	struct fold_model m;

	(void)state;
	build(&m, "{\"a\":{\"b\":[1,2,3]}}"); /* one line: nothing folds */
	assert_int_equal(m.nnodes, 0);
	assert_false(fold_toggle(&m, 0));
	assert_int_equal(fold_visible_count(&m), 1);
	fold_release(&m);
	build(&m, "{\n \"a\": [\n  1,\n  2\n"); /* cut short: open nodes end at the end */
	assert_int_equal(m.nnodes, 2);
	assert_true(fold_toggle(&m, 2));
	assert_int_equal(fold_visible_count(&m), 3);
	fold_release(&m);
	build(&m, "]\n}\n{\n\"x\\\"]\": 1\n}"); /* stray closers, an escaped quote */
	assert_int_equal(m.nnodes, 1);
	assert_int_equal(m.nodes[0].first, 2);
	assert_int_equal(m.nodes[0].last, 4);
	fold_release(&m);
}

/* 60 random lines of nests up to 8 deep (open, close), closed at the end */
static void random_nest(struct topc_buf *text, const char *open, const char *close)
{
	int depth = 0;

	topc_buf_init(text, 0);
	for (int i = 0; i < 60; i++) {
		int r = rand() % 4;
		const char *piece = r == 0 && depth < 8 ? open : r == 1 && depth ? close : "x\n";
		depth += r == 0 && depth < 8 ? 1 : r == 1 && depth ? -1 : 0;
		assert_int_equal(topc_buf_adds(text, piece), TOPC_OK);
	}
	while (depth--)
		assert_int_equal(topc_buf_adds(text, close), TOPC_OK);
}

/* Random nests and random folds against a model that marks each line */
static void test_random_folds_match_a_brute_force(void **state)
{
	(void)state;
	srand(20261201);
	for (int round = 0; round < 200; round++) {
		struct topc_buf text;
		random_nest(&text, "{\n", "}\n");
		struct fold_model m;
		build(&m, text.data);
		bool *hidden = calloc(m.nlines, sizeof(*hidden));
		for (int step = 0; step < 20; step++) {
			size_t line = (size_t)rand() % m.nlines;
			/* only a shown line can be asked to fold */
			line = fold_line_of_visible(&m, fold_visible_of_line(&m, line));
			(void)!fold_toggle(&m, line);
			memset(hidden, 0, m.nlines * sizeof(*hidden));
			for (size_t i = 0; i < m.nnodes; i++) {
				bool shown = true;
				for (uint32_t p = m.nodes[i].parent; p != FOLD_NONE;
				     p = m.nodes[p].parent)
					shown = shown && !m.nodes[p].folded;
				if (m.nodes[i].folded && shown)
					for (size_t l = m.nodes[i].first + 1; l < m.nodes[i].last;
					     l++)
						hidden[l] = true;
			}
			size_t v = 0;
			for (size_t l = 0; l < m.nlines; l++) {
				if (hidden[l])
					continue;
				assert_int_equal(fold_line_of_visible(&m, v), l);
				assert_int_equal(fold_visible_of_line(&m, l), v);
				v++;
			}
			assert_int_equal(fold_visible_count(&m), v);
		}
		free(hidden);
		fold_release(&m);
		topc_buf_release(&text);
	}
}

/* A search's match inside folds: the folds around it open, the rest stay */
static void test_reveal_opens_only_the_folds_around_a_line(void **state)
{
	struct fold_model m;

	(void)state;
	build(&m, doc);
	assert_int_equal(fold_all(&m, true), TOPC_OK);
	assert_int_equal(fold_visible_count(&m), 3);   /* "{", "}" and the empty line 13 */
	assert_int_equal(fold_reveal(&m, 9), TOPC_OK); /* "k": in o, a_response, the document */
	assert_false(m.nodes[0].folded);
	assert_false(m.nodes[1].folded);
	assert_true(m.nodes[2].folded); /* the list holds no line 9: still folded */
	assert_false(m.nodes[3].folded);
	assert_int_equal(fold_line_of_visible(&m, fold_visible_of_line(&m, 9)), 9);
	assert_int_equal(fold_hidden_after(&m, 2), 2);
	/* a fold's own first line shows already: that fold stays */
	assert_int_equal(fold_all(&m, true), TOPC_OK);
	assert_int_equal(fold_reveal(&m, 0), TOPC_OK);
	assert_true(m.nodes[0].folded);
	assert_int_equal(fold_visible_count(&m), 3);
	assert_int_equal(fold_reveal(&m, 13), TOPC_OK); /* in no node: nothing changes */
	assert_int_equal(fold_visible_count(&m), 3);
	fold_release(&m);
}

/* Random folds, then a random line revealed: it shows, and a node that does
 * not hide it keeps its state */
static void test_random_reveals(void **state)
{
	(void)state;
	srand(20261202);
	for (int round = 0; round < 200; round++) {
		struct topc_buf text;
		struct fold_model m;
		random_nest(&text, "[\n", "]\n");
		build(&m, text.data);
		bool *before = calloc(m.nnodes + 1, sizeof(*before));
		for (size_t i = 0; i < m.nnodes; i++)
			m.nodes[i].folded = rand() % 2;
		assert_int_equal(fold_all(&m, false), TOPC_OK); /* ranges rebuilt ... */
		for (size_t i = 0; i < m.nnodes; i++)
			before[i] = m.nodes[i].folded = rand() % 2;
		(void)!fold_toggle(&m, 0); /* ... from the random flags (and node 0 flipped) */
		for (size_t i = 0; i < m.nnodes; i++)
			before[i] = m.nodes[i].folded;
		size_t line = (size_t)rand() % m.nlines;
		assert_int_equal(fold_reveal(&m, line), TOPC_OK);
		assert_int_equal(fold_line_of_visible(&m, fold_visible_of_line(&m, line)), line);
		for (size_t i = 0; i < m.nnodes; i++) {
			bool hides = m.nodes[i].first < line && line < m.nodes[i].last;
			if (!hides || !before[i])
				assert_int_equal(m.nodes[i].folded, before[i]);
			else
				assert_false(m.nodes[i].folded);
		}
		free(before);
		fold_release(&m);
		topc_buf_release(&text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nodes_of_a_pretty_answer),
	    cmocka_unit_test(test_fold_hides_lines_and_maps_rows),
	    cmocka_unit_test(test_compact_and_cut_text),
	    cmocka_unit_test(test_reveal_opens_only_the_folds_around_a_line),
	    cmocka_unit_test(test_random_reveals),
	    cmocka_unit_test(test_random_folds_match_a_brute_force),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
