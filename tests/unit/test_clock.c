/* GMT+8 timestamps whatever TZ says. */
#include "test_header.h"

#include <locale.h>
#include <time.h>

#include "base/clock.h"

static const char *const zones[] = {"UTC", "America/New_York", "Asia/Shanghai",
				    "Pacific/Kiritimati", "Etc/GMT+12"};

/* 2016-01-01 04:00:00 UTC is 12:00:00 in Beijing (TOP_PROTOCOL.md 3.4);
 * 0 is 1970-01-01 08:00:00; 1700000000 is 2023-11-14 22:13:20 UTC. */
static void test_format_is_gmt8_in_every_zone(void **state)
{
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		char ts[TOPC_TIMESTAMP_LEN];
		setenv("TZ", zones[i], 1);
		tzset();
		topc_timestamp_format(1451620800, ts);
		assert_string_equal(ts, "2016-01-01 12:00:00");
		topc_timestamp_format(0, ts);
		assert_string_equal(ts, "1970-01-01 08:00:00");
		topc_timestamp_format(1700000000, ts);
		assert_string_equal(ts, "2023-11-15 06:13:20");
	}
}

static void test_parse_round_trip_and_rejects(void **state)
{
	int64_t t = 0;

	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		setenv("TZ", zones[i], 1);
		tzset();
		assert_true(topc_timestamp_parse("2016-01-01 12:00:00", &t));
		assert_int_equal(t, 1451620800);
	}
	assert_false(topc_timestamp_parse("2016-02-31 12:00:00", &t));
	assert_false(topc_timestamp_parse("2016-01-01T12:00:00", &t));
	assert_false(topc_timestamp_parse("2016-01-01 12:00", &t));
	assert_false(topc_timestamp_parse("1451620800000", &t));
	assert_false(topc_timestamp_parse("2016-01-01 12:00:00 ", &t));
	assert_false(topc_timestamp_parse("", &t));
}

static int64_t fixed_clock(void)
{
	return 1451620800123LL;
}

/* An HTTP Date header reads the same in every language: its day and month
 * names are English whatever LC_TIME says (under zh_CN.UTF-8 strptime's %a
 * wanted 星期二, and send lost the clock advice of error 31).  Epochs from
 * Python's calendar.timegm. */
static void test_http_date_in_every_locale(void **state)
{
	static const char *locales[] = {"C", "C.UTF-8", "zh_CN.UTF-8"};
	int64_t t = 0;
	(void)state;

	for (size_t i = 0; i < sizeof(locales) / sizeof(locales[0]); i++) {
		if (!setlocale(LC_ALL, locales[i]))
			continue; /* the locale is not installed */
		assert_true(topc_http_date_parse("Tue, 01 Dec 2026 11:05:56 GMT", &t));
		assert_int_equal(t, 1796123156);
		assert_true(topc_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT", &t));
		assert_int_equal(t, 784111777);
		assert_false(topc_http_date_parse("Tue, 01 Dex 2026 11:05:56 GMT", &t));
		assert_false(topc_http_date_parse("Tux, 01 Dec 2026 11:05:56 GMT", &t));
		assert_false(topc_http_date_parse("Tue, 01 Dec 2026 11:05:56 GMT+8", &t));
		assert_false(topc_http_date_parse("Tue, 01 Dec 2026 25:05:56 GMT", &t));
		assert_false(topc_http_date_parse("", &t));
	}
	setlocale(LC_ALL, "C");
}

static void test_clock_seam(void **state)
{
	int64_t before = topc_now_ms();

	topc_clock_set(fixed_clock);
	assert_int_equal(topc_now_ms(), 1451620800123LL);
	topc_clock_set(NULL);
	assert_true(topc_now_ms() >= before);
	/* The real clock agrees with time(). */
	assert_true(llabs(topc_now_ms() / 1000 - (long long)time(NULL)) <= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format_is_gmt8_in_every_zone),
	    cmocka_unit_test(test_parse_round_trip_and_rejects),
	    cmocka_unit_test(test_http_date_in_every_locale),
	    cmocka_unit_test(test_clock_seam),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
