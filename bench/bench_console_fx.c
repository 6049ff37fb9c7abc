/* bench_console_fx - the console's folds and query line on a large answer.
 *
 * Makes a JSON answer of N MB (default 40: a TOP wrapper around list items,
 * as bench/query_bench.py serves), re-indents it as the response pane does,
 * then prints
 *   - the fold model: build time, its memory, fold all, a row lookup;
 *   - the query line: the first keystroke (jq reads the answer once), then
 *     each keystroke of an expression typed character by character
 *     (median and slowest), and a runaway expression stopped by the limit;
 *   - peak memory of the process.
 *
 * usage: build/bench/bench_console_fx [MB]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/buf.h"
#include "ext/json.h"
#include "fold.h"
#include "livequery.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static long peak_kb(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return u.ru_maxrss;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	long mb = argc > 1 ? strtol(argv[1], NULL, 10) : 40;
	struct topc_buf body, pretty;
	struct fold_model m;
	struct livequery q;
	double t0;

	if (mb <= 0 || mb > 1024)
		mb = 40;
	topc_buf_init(&body, (size_t)2 << 30);
	topc_buf_init(&pretty, (size_t)2 << 30);
	if (topc_buf_adds(&body, "{\"tbk_item_get_response\":{\"results\":{\"n_tbk_item\":[") !=
	    TOPC_OK)
		return 1;
	for (long i = 0; body.len < (size_t)mb << 20; i++)
		if (topc_buf_addf(&body,
				  "%s{\"num_iid\":%ld,\"title\":\"标题 title\",\"price\":\"12.30\","
				  "\"nick\":\"seller\",\"pic_url\":\"https://img.example/x.jpg\","
				  "\"volume\":%ld}",
				  i ? "," : "", 100000 + i, i % 100000) != TOPC_OK)
			return 1;
	if (topc_buf_adds(&body, "]},\"total_results\":1,\"request_id\":\"fxbench\"}}") != TOPC_OK)
		return 1;
	printf("answer: %.1f MB\n", body.len / 1048576.0);
	t0 = now_ms();
	if (topc_json_pretty(body.data, body.len, &pretty) != TOPC_OK)
		return 1;
	printf("re-indented as the pane shows it: %.1f MB in %.0f ms\n", pretty.len / 1048576.0,
	       now_ms() - t0);

	long before = peak_kb();
	t0 = now_ms();
	if (fold_build(&m, pretty.data, pretty.len) != TOPC_OK)
		return 1;
	double build = now_ms() - t0;
	printf("fold model: %zu lines, %zu foldable nodes, built in %.0f ms, %.1f MB (%zu bytes a "
	       "node); peak grew %.1f MB\n",
	       m.nlines, m.nnodes, build, m.nnodes * sizeof(*m.nodes) / 1048576.0, sizeof(*m.nodes),
	       (peak_kb() - before) / 1024.0);
	t0 = now_ms();
	if (fold_all(&m, true) != TOPC_OK)
		return 1;
	printf("fold all: %.1f ms, %zu rows visible\n", now_ms() - t0, fold_visible_count(&m));
	if (fold_all(&m, false) != TOPC_OK || !fold_toggle(&m, 3))
		return 1;
	t0 = now_ms();
	size_t sum = 0;
	for (size_t v = 0; v < 1000000; v++)
		sum += fold_line_of_visible(&m, (v * 7919) % fold_visible_count(&m));
	printf("toggle one item, then 1,000,000 row lookups: %.0f ns each (%zu)\n",
	       (now_ms() - t0) * 1e6 / 1000000, sum % 10);
	fold_release(&m);

	const char *expr = ".tbk_item_get_response.results.n_tbk_item[12345].title";
	size_t n = strlen(expr);
	double *times = calloc(n, sizeof(*times));
	char typed[128];
	livequery_init(&q, body.data, body.len);
	before = peak_kb();
	for (size_t i = 1; i <= n; i++) {
		snprintf(typed, sizeof(typed), "%.*s", (int)i, expr);
		t0 = now_ms();
		livequery_run(&q, typed);
		times[i - 1] = now_ms() - t0;
	}
	printf("query line: first keystroke (jq reads the answer) %.0f ms, peak grew %.0f MB\n",
	       times[0], (peak_kb() - before) / 1024.0);
	qsort(times + 1, n - 1, sizeof(*times), by_value);
	printf("query line: the next %zu keystrokes of %s: median %.1f ms, slowest %.1f ms; "
	       "last gave %zu value(s): %.*s\n",
	       n - 1, expr, times[n / 2], times[n - 1], q.nvalues,
	       q.nvalues ? (int)strcspn(q.text.data, "\n") : 0, q.nvalues ? q.text.data : "");
	t0 = now_ms();
	livequery_run(&q, ".. | numbers");
	printf("query line: .. | numbers (every number): %.0f ms, %zu values%s\n", now_ms() - t0,
	       q.nvalues, q.more ? " (capped)" : "");
	t0 = now_ms();
	livequery_run(&q, "last(repeat(1))");
	printf("query line: last(repeat(1)) %s after %.0f ms\n",
	       q.state == LIVEQUERY_STOPPED ? "stopped" : "ended", now_ms() - t0);
	livequery_release(&q);
	free(times);
	printf("peak memory: %.0f MB\n", peak_kb() / 1024.0);
	topc_buf_release(&body);
	topc_buf_release(&pretty);
	return 0;
}
