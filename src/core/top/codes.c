#include "top/codes.h"

#include "base/i18n.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	long long code;
	const char *msg;
	enum topc_retry retry;
	const char *hint;
} codes[] = {
#define TOPC_X(code, msg, retry, hint) {code, msg, TOPC_RETRY_##retry, hint},
    TOPC_CODE_TABLE(TOPC_X)
#undef TOPC_X
};

static const struct {
	const char *pattern;
	enum topc_retry retry;
	const char *hint;
} sub_codes[] = {
#define TOPC_X(pattern, retry, hint) {pattern, TOPC_RETRY_##retry, hint},
    TOPC_SUB_CODE_TABLE(TOPC_X)
#undef TOPC_X
};

#define NCODES (sizeof(codes) / sizeof(codes[0]))
#define NSUBS (sizeof(sub_codes) / sizeof(sub_codes[0]))

static int code_index(long long code)
{
	for (size_t i = 0; i < NCODES; i++)
		if (codes[i].code == code)
			return (int)i;
	return -1;
}

static int sub_index(const char *sub)
{
	for (size_t i = 0; sub && i < NSUBS; i++) {
		const char *p = sub_codes[i].pattern;
		size_t n = strlen(p);
		if (p[n - 1] == '*' ? strncmp(sub, p, n - 1) == 0 : strcmp(sub, p) == 0)
			return (int)i;
	}
	return -1;
}

const char *topc_code_message(long long code)
{
	int i = code_index(code);

	return i < 0 ? NULL : codes[i].msg;
}

const char *topc_code_hint(long long code)
{
	int i = code_index(code);

	return i < 0 ? NULL : codes[i].hint;
}

const char *topc_sub_code_hint(const char *sub_code)
{
	int i = sub_index(sub_code);

	return i < 0 ? NULL : sub_codes[i].hint;
}

enum topc_retry topc_outcome_retry(const struct topc_outcome *o)
{
	int s, c;

	if (o->cls != TOPC_OUTCOME_API_ERROR)
		return TOPC_RETRY_NEVER;
	if ((s = sub_index(o->sub_code)) >= 0)
		return sub_codes[s].retry;
	c = o->has_code ? code_index(o->code) : -1;
	return c < 0 ? TOPC_RETRY_NEVER : codes[c].retry;
}

/* "...This ban will last for 12 more seconds" */
static bool ban_in(const char *text, long *seconds)
{
	static const char phrase[] = "ban will last for ";
	const char *p = text ? strstr(text, phrase) : NULL;
	char *end;
	long v;

	if (!p)
		return false;
	p += sizeof(phrase) - 1;
	/* any length: a ban of days is still a ban (strtol saturates past
	 * LONG_MAX), and longer than a retry waits */
	v = strtol(p, &end, 10);
	if (end == p || v < 0 || strncmp(end, " more second", 12) != 0)
		return false;
	*seconds = v;
	return true;
}

bool topc_outcome_ban_seconds(const struct topc_outcome *o, long *seconds)
{
	return o->cls == TOPC_OUTCOME_API_ERROR &&
	       (ban_in(o->msg, seconds) || ban_in(o->sub_msg, seconds));
}

/* The advice in the reader's language (human) or in English, as --json and
 * the history keep it whatever the language.  The tables' hints are
 * extracted by xgettext's X:4,4t and X:3,3t keywords (po/meson.build). */
static const char *say(const char *text, bool human)
{
	return human ? _(text) : text;
}

#define SUB_HINT N_("%s (%s)") /* the sub_code's hint, the sub_code */
#define BAN_LASTS N_("; the ban lasts %ld more seconds")

static enum topc_status api_advice(const struct topc_outcome *o, struct topc_buf *out, bool human)
{
	const char *hint = o->has_code ? topc_code_hint(o->code) : NULL;
	const char *sub = topc_sub_code_hint(o->sub_code);
	const char *sep = say(N_("; "), human);
	enum topc_retry retry = topc_outcome_retry(o);
	long ban;
	enum topc_status st = TOPC_OK;

	/* 40, 41 and 50 only say the sub_code tells more: when it has a hint
	 * of its own, that one alone (not "missing ...; missing ...") */
	bool sub_says_it = hint && sub && (o->code == 40 || o->code == 41 || o->code == 50);

	if (hint) {
		if (!sub_says_it)
			st = topc_buf_adds(out, say(hint, human));
	} else if (o->has_code && o->code >= 500)
		st = topc_buf_adds(
		    out,
		    say(N_("an old business error code of the API; read msg and sub_msg"), human));
	else if (o->has_code)
		st = topc_buf_adds(
		    out, say(N_("a code topc does not know; read msg and sub_msg"), human));
	if (st == TOPC_OK && sub) {
		if (out->len)
			st = topc_buf_adds(out, sep);
		if (st == TOPC_OK)
			st = topc_buf_addf(out, human ? _(SUB_HINT) : SUB_HINT, say(sub, human),
					   o->sub_code);
	}
	if (st == TOPC_OK && topc_outcome_ban_seconds(o, &ban))
		st = topc_buf_addf(out, human ? _(BAN_LASTS) : BAN_LASTS, ban);
	if (st == TOPC_OK && retry == TOPC_RETRY_LATER)
		st = topc_buf_adds(
		    out, say(N_("; worth retrying (the profile's retries do it)"), human));
	return st;
}

static enum topc_status advice(const struct topc_outcome *o, struct topc_buf *out, bool human)
{
	switch (o->cls) {
	case TOPC_OUTCOME_SUCCESS:
	case TOPC_OUTCOME_INVALID_INPUT:
	case TOPC_OUTCOME_CANCELLED: /* asked for: nothing to advise */
	case TOPC_OUTCOME_COUNT:
		return TOPC_OK;
	case TOPC_OUTCOME_API_ERROR:
		return api_advice(o, out, human);
	case TOPC_OUTCOME_BUSINESS_FAILURE:
		return topc_buf_adds(out,
				     say(N_("the API answered but reports a failure in its result; "
					    "read the fields named above and the API's doc page"),
					 human));
	case TOPC_OUTCOME_HTTP_ERROR:
		if (o->http_status >= 500)
			return topc_buf_adds(
			    out,
			    say(N_("the gateway or a proxy before it failed (an HTTP 5xx page, "
				   "not a TOP answer); retry after a while, and if it stays "
				   "check the profile's gateway URL and proxy"),
				human));
		return topc_buf_adds(out,
				     say(N_("not a TOP answer: check the profile's gateway URL (it "
					    "ends in /router/rest) and proxy"),
					 human));
	case TOPC_OUTCOME_UNPARSEABLE:
		return topc_buf_adds(
		    out, say(N_("not a TOP answer: check the profile's gateway URL and "
				"format; a body cut short points at the network or a proxy"),
			     human));
	case TOPC_OUTCOME_TRANSPORT_ERROR:
		return topc_buf_adds(out,
				     say(N_("no answer: check the network, DNS, the proxy, the CA "
					    "file and the timeouts in the profile"),
					 human));
	case TOPC_OUTCOME_PENDING:
		return topc_buf_adds(
		    out, say(N_("no outcome was recorded: the request may have reached the "
				"gateway; check on the receiving side before sending it again"),
			     human));
	}
	return TOPC_OK;
}

enum topc_status topc_outcome_advice(const struct topc_outcome *o, struct topc_buf *out)
{
	return advice(o, out, false);
}

enum topc_status topc_outcome_advice_human(const struct topc_outcome *o, struct topc_buf *out)
{
	return advice(o, out, true);
}
