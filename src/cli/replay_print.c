/* What topc replay prints: each replay, the progress, the summary. */
#include "replay_print.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "ext/json.h"
#include "cli_json.h"
#include "inert.h"

static void print_changes(const struct topc_compare_result *cmp)
{
	for (size_t i = 0; i < cmp->nchanges && i < 50; i++) {
		const struct topc_compare_change *c = &cmp->changes[i];
		fputs("      ", stdout);
		cli_print_inert(*c->path ? c->path : _("(body)"), (size_t)-1);
		fputs(": ", stdout);
		cli_print_inert(c->old_value ? c->old_value : _("(absent)"), (size_t)-1);
		fputs(" -> ", stdout);
		cli_print_inert(c->new_value ? c->new_value : _("(absent)"), (size_t)-1);
		putchar('\n');
	}
	if (cmp->nchanges > 50)
		printf(_("      ... %zu fields in all\n"), cmp->nchanges);
}

/* --json: one line per replay, built whole (or not printed, said), its
 * answers' values escaped as every --json's are (cli_json_puts). */
static void print_json(const struct replay_shown *s)
{
	const struct topc_compare_result *cmp = s->cmp;
	struct topc_json *o = topc_json_new_object(), *changes = NULL;
	bool ok = o && topc_json_add_int(o, "origin", s->origin) &&
		  topc_json_add_int(o, "replay", s->replay) &&
		  topc_json_add_string(o, "outcome", topc_outcome_name(s->out->cls));
	char *text = NULL;

	if (ok && cmp) {
		ok = topc_json_add_string(o, "compare", topc_compare_verdict_name(cmp->verdict)) &&
		     (changes = topc_json_new_array()) != NULL;
		for (size_t i = 0; ok && i < cmp->nchanges; i++) {
			const struct topc_compare_change *c = &cmp->changes[i];
			struct topc_json *one = topc_json_new_object();
			ok = one && topc_json_add_string(one, "path", c->path) &&
			     topc_json_add_raw(one, "old", c->old_value ? c->old_value : "null") &&
			     topc_json_add_raw(one, "new", c->new_value ? c->new_value : "null");
			ok = topc_json_add(changes, NULL, one) && ok;
		}
		ok = topc_json_add(o, "changes", changes) && ok;
	}
	if (ok && s->expect_ok)
		ok = topc_json_add_bool(o, "expect", *s->expect_ok);
	if (ok && (text = topc_json_print(o)))
		cli_json_puts(text);
	else
		fprintf(stderr, "topc: %s\n", _("out of memory"));
	free(text);
	topc_json_free(o);
}

void replay_print_one(const struct replay_view *v, const struct replay_tally *t,
		      const struct replay_shown *s)
{
	const struct topc_outcome *out = s->out;

	if (v->json) {
		print_json(s);
		return;
	}
	if (v->progress && t->total > 20 && !(s->cmp && s->cmp->verdict != TOPC_COMPARE_SAME))
		return;
	printf("%lld -> %lld  %s  %s", (long long)s->origin, (long long)s->replay,
	       topc_outcome_name(out->cls), cli_inert(s->method));
	if (out->has_code)
		printf(_("  code %lld %s"), out->code, cli_inert(out->sub_code));
	if (out->detail)
		printf("  %s", cli_inert(topc_outcome_detail_shown(out)));
	if (s->cmp)
		printf("  %s", topc_compare_verdict_name(s->cmp->verdict));
	putchar('\n');
	if (s->cmp)
		print_changes(s->cmp);
}

void replay_print_progress(const struct replay_view *v, const struct replay_tally *t)
{
	if (!v->progress)
		return;
	fputc('\r', stderr);
	fprintf(stderr, _("replayed %zu/%zu  success %zu  errors %zu "), t->done, t->total,
		t->counts[TOPC_OUTCOME_SUCCESS], t->done - t->counts[TOPC_OUTCOME_SUCCESS]);
}

void replay_print_summary(const struct replay_view *v, const struct replay_tally *t,
			  int64_t elapsed_ms)
{
	FILE *out = v->json ? stderr : stdout;

	if (v->progress)
		fputc('\n', stderr);
	fprintf(out, _("%zu replayed in %.2f s"), t->done, elapsed_ms / 1000.0);
	/* a rate over less than a second is noise ("4.0/s" for 2 entries) */
	if (elapsed_ms >= 1000 && t->done) {
		double rate = t->done * 1000.0 / (double)elapsed_ms;
		fprintf(out,
			rate >= 100 ? " (%.0f/s)"
			: rate >= 1 ? " (%.1f/s)"
				    : " (%.2g/s)",
			rate);
	}
	fputc(':', out);
	for (int c = 0; c < TOPC_OUTCOME_COUNT; c++)
		if (t->counts[c])
			fprintf(out, " %s %zu", topc_outcome_name((enum topc_outcome_class)c),
				t->counts[c]);
	if (t->nlat)
		fprintf(out, _("; latency p50 %lld ms, p95 %lld ms, max %lld ms"),
			(long long)t->latencies[(t->nlat - 1) / 2],
			(long long)t->latencies[(t->nlat * 95 + 99) / 100 - 1],
			(long long)t->latencies[t->nlat - 1]);
	fputc('\n', out);
	if (v->compare) {
		fprintf(out, "%s", _("compared with the answers before:"));
		for (int i = 0; i < TOPC_COMPARE_NVERDICTS; i++)
			fprintf(out, "%s %zu %s", i ? "," : "", t->verdicts[i],
				topc_compare_verdict_name((enum topc_compare_verdict)i));
		fputc('\n', out);
	}
	if (v->expect)
		fprintf(out, _("--expect: %zu of %zu answers do not match\n"), t->expect_failed,
			t->done);
}
