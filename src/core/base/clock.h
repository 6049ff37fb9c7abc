/*
 * clock.h - the time source and TOP's timestamp format.
 *
 * TOP timestamps are `yyyy-MM-dd HH:mm:ss` in GMT+8 whatever the machine's
 * time zone; they are computed from UTC arithmetic, never from localtime, so
 * TZ cannot change them.  The clock is a seam: tests install a fixed clock
 * with topc_clock_set to make signatures deterministic.
 */
#ifndef TOPC_CLOCK_H
#define TOPC_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define TOPC_TIMESTAMP_LEN 20 /* "2016-01-01 12:00:00" + NUL */
#define TOPC_GMT8_OFFSET_S (8 * 3600)

typedef int64_t (*topc_clock_fn)(void);

/* Milliseconds since the Unix epoch from the installed clock. */
int64_t topc_now_ms(void);
/* Install a clock (NULL restores the system clock). */
void topc_clock_set(topc_clock_fn fn);
/* Monotonic milliseconds, for latencies; not affected by topc_clock_set. */
int64_t topc_monotonic_ms(void);

/* Formats epoch seconds as a GMT+8 TOP timestamp. */
void topc_timestamp_format(int64_t epoch_s, char out[TOPC_TIMESTAMP_LEN]);
/* Parses a GMT+8 TOP timestamp strictly; false when it is not one. */
bool topc_timestamp_parse(const char *text, int64_t *epoch_s);

/* Parses an HTTP Date header ("Mon, 23 Nov 2026 09:08:54 GMT") into epoch
 * seconds; false when it is not one. */
bool topc_http_date_parse(const char *text, int64_t *epoch_s);

#endif
