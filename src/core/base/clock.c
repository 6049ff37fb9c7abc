#include "base/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int64_t system_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static topc_clock_fn current_clock = system_clock_ms;

int64_t topc_now_ms(void)
{
	return current_clock();
}

void topc_clock_set(topc_clock_fn fn)
{
	current_clock = fn ? fn : system_clock_ms;
}

int64_t topc_monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void topc_timestamp_format(int64_t epoch_s, char out[TOPC_TIMESTAMP_LEN])
{
	time_t t = (time_t)(epoch_s + TOPC_GMT8_OFFSET_S);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, TOPC_TIMESTAMP_LEN, "%Y-%m-%d %H:%M:%S", &tm);
}

bool topc_timestamp_parse(const char *text, int64_t *epoch_s)
{
	struct tm tm;
	char *end;
	char check[TOPC_TIMESTAMP_LEN];
	time_t t;

	if (strlen(text) != TOPC_TIMESTAMP_LEN - 1)
		return false;
	memset(&tm, 0, sizeof(tm));
	end = strptime(text, "%Y-%m-%d %H:%M:%S", &tm);
	if (!end || *end != '\0')
		return false;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return false;
	*epoch_s = (int64_t)t - TOPC_GMT8_OFFSET_S;
	/* strptime accepts 2016-02-31; a round trip rejects it. */
	topc_timestamp_format(*epoch_s, check);
	return strcmp(check, text) == 0;
}

bool topc_http_date_parse(const char *text, int64_t *epoch_s)
{
	struct tm tm;
	time_t t;

	/* The English names by hand: strptime's %a and %b follow LC_TIME, and
	 * under zh_CN.UTF-8 would not read "Tue, 01 Dec". */
	static const char days[] = "SunMonTueWedThuFriSat",
			  months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char day[4], month[4];
	const char *at;
	int n = -1;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(text, "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d GMT%n", day, &tm.tm_mday,
		   month, &tm.tm_year, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 7 ||
	    n < 0 || text[n] != '\0' || strlen(day) != 3 || strlen(month) != 3)
		return false;
	at = strstr(days, day);
	if (!at || (at - days) % 3)
		return false;
	at = strstr(months, month);
	if (!at || (at - months) % 3 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 60 || tm.tm_year < 1970)
		return false;
	tm.tm_mon = (int)(at - months) / 3;
	tm.tm_year -= 1900;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return false;
	*epoch_s = (int64_t)t;
	return true;
}
