#include "base/number.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

bool topc_number_parse(const char *text, long long min, long long max, long long *out)
{
	const char *digits = text + (*text == '-');
	char *end;
	long long v;

	if (!isdigit((unsigned char)*digits))
		return false;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (errno == ERANGE || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* Digits from *at on: whether there was one. */
static bool json_digits(const char *s, size_t n, size_t *at)
{
	size_t from = *at;

	while (*at < n && s[*at] >= '0' && s[*at] <= '9')
		(*at)++;
	return *at > from;
}

/* The grammar from *at on, *at left where it stopped. */
static bool json_number(const char *s, size_t n, size_t *at)
{
	if (*at < n && s[*at] == '-')
		(*at)++;
	if (*at < n && s[*at] == '0')
		(*at)++; /* no leading zeros: what follows a 0 is not this number's */
	else if (!json_digits(s, n, at))
		return false;
	if (*at < n && s[*at] == '.' && (++*at, !json_digits(s, n, at)))
		return false;
	if (*at < n && (s[*at] == 'e' || s[*at] == 'E')) {
		(*at)++;
		if (*at < n && (s[*at] == '+' || s[*at] == '-'))
			(*at)++;
		if (!json_digits(s, n, at))
			return false;
	}
	return true;
}

bool topc_number_json(const char *s, size_t n, size_t *end)
{
	*end = 0;
	return json_number(s, n, end);
}
