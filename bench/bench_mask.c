/* Masking speed: topc_mask_apply on 16 MiB answers of each kind (a JSON
 * answer of many short strings, one 16 MiB JSON string as the console
 * bench's big answer, JSON full of \u escapes, XML with entities, plain
 * text), each echoing the secret once in 64 pieces, with a mask as the transport
 * builds it (a secret, a session key, a proxy's password).  Prints MB/s
 * of the thread's CPU time (steadier than the wall clock on a shared
 * machine), the best and the median of the runs; asserts nothing about
 * speed.
 * usage: build/bench/bench_mask [RUNS] [MIB] [KIND: a word of its name] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "base/buf.h"
#include "base/mask.h"

#define SECRET "0123456789abcdef0123456789abcdef"
#define SESSION "6100e23657fb0b2d0c78570c6e8b5c1e0b2fb8a5c9a2d7d2200617154"

static void fill(struct topc_buf *b, size_t size, const char *open, const char *const *parts,
		 size_t nparts, const char *close)
{
	size_t i = 0;

	if (topc_buf_adds(b, open) != TOPC_OK)
		exit(1);
	/* the last part (the echo) once in 64 */
	for (; b->len + 200 < size; i++)
		if (topc_buf_adds(
			b, parts[i % 64 == 63 || nparts == 1 ? nparts - 1 : i % (nparts - 1)]) !=
		    TOPC_OK)
			exit(1);
	if (topc_buf_adds(b, close) != TOPC_OK)
		exit(1);
}

static double cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static const char *const json[] = {
	    "{\"num_iid\":1526984087476772,\"title\":\"a title of some length\",\"price\":"
	    "\"12.50\",\"ok\":true,\"nick\":\"buyer nick\",\"tags\":[\"x\",\"yy\"]},",
	    "{\"num_iid\":2,\"title\":\"echo " SECRET "\",\"price\":\"1.00\"},"};
	static const char *const longstr[] = {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"};
	static const char *const escapes[] = {
	    "\"\\u4e2d\\u6587\\u6807\\u9898 \\u0026 \\\"q\\\" \\/ \\n\\t\",",
	    "\"\\ud83d\\ude00 \\u0041\\u0042\\u0043\\u0044\\u0045\\u0046\\u0047\\u0048\",",
	    "\"\\u0030\\u0031\\u0032\\u0033\\u0034\\u0035\\u0036\\u0037\\u0038\\u0039abcdef"
	    "0123456789abcdef0123456789abcdef\","};
	static const char *const xml[] = {
	    "<item id=\"1&amp;2\"><title>a &lt; b &amp;&amp; c &gt; d &#x4e2d;&#20013;</title>"
	    "<nick a='&quot;q&apos;'>buyer</nick></item>",
	    "<item><title>echo " SECRET "</title><!-- a comment --><![CDATA[raw <x>]]></item>"};
	static const char *const text[] = {
	    "2026-11-23 15:04:05 INFO a line of a log with some words in it, key=value\n",
	    "2026-11-23 15:04:06 WARN echo of " SECRET " in a line\n"};
	static const struct {
		const char *name, *open, *const *parts;
		size_t nparts;
		const char *close;
	} kinds[] = {
	    {"JSON, many short strings", "{\"items\":[", json, 2, "{}]}"},
	    {"JSON, one long string", "{\"r\":{\"padding\":\"", longstr, 1, SECRET "\"}}"},
	    {"JSON, full of \\u escapes", "[", escapes, 3, "\"\"]"},
	    {"XML with entities", "<r>", xml, 2, "</r>"},
	    {"text", "", text, 2, "end\n"},
	};
	int runs = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 5;
	size_t mib = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 16;
	struct topc_mask m;

	if (runs < 1 || runs > 100 || mib < 1 || mib > 1024)
		return 2;
	topc_mask_init(&m);
	if (!topc_mask_add_secret(&m, SECRET, TOPC_MASK_SECRET) ||
	    !topc_mask_add_secret(&m, SESSION, TOPC_MASK_SESSION) ||
	    !topc_mask_add_url(&m, "http://proxyuser:pr0xy-pa55word@127.0.0.1:3128",
			       TOPC_MASK_PASSWORD))
		return 1;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		struct topc_buf orig;
		double rate[100];
		size_t len = 0;
		if (argc > 3 && !strstr(kinds[k].name, argv[3]))
			continue;
		topc_buf_init(&orig, 0);
		fill(&orig, mib << 20, kinds[k].open, kinds[k].parts, kinds[k].nparts,
		     kinds[k].close);
		for (int r = 0; r < runs; r++) {
			struct topc_buf b;
			double start, took;
			topc_buf_init(&b, 0);
			if (topc_buf_add(&b, orig.data, orig.len) != TOPC_OK)
				return 1;
			start = cpu_seconds();
			if (topc_mask_apply(&m, &b) != TOPC_OK)
				return 1;
			took = cpu_seconds() - start;
			rate[r] = (double)orig.len / 1e6 / (took > 1e-6 ? took : 1e-6);
			len = b.len;
			topc_buf_release(&b);
		}
		qsort(rate, (size_t)runs, sizeof(rate[0]), by_value);
		printf("%-26s %5.1f MB -> %5.1f MB: best %7.1f MB/s, median %7.1f MB/s\n",
		       kinds[k].name, (double)orig.len / 1e6, (double)len / 1e6, rate[runs - 1],
		       rate[runs / 2]);
		topc_buf_release(&orig);
	}
	return 0;
}
