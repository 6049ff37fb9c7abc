#include "top/codes.h"

#include <stddef.h>

static const struct {
	long long code;
	const char *msg;
	const char *hint;
} codes[] = {
#define TOPC_X(code, msg, hint) {code, msg, hint},
    TOPC_CODE_TABLE(TOPC_X)
#undef TOPC_X
};

const char *topc_code_message(long long code)
{
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return codes[i].msg;
	return NULL;
}

const char *topc_code_hint(long long code)
{
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return codes[i].hint;
	return NULL;
}
