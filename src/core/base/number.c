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
