/* form_type.c - one value against a field's type and constraints. */
#include "form/form_type.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/number.h"
#include "form/form_json.h"

/* ------------------------------------------------------------------ */
/* Dates and UUIDs */

struct date_token {
	const char *token;
	int len, lo, hi;
};

static const struct date_token date_tokens[] = {
    {"yyyy", 4, 1, 9999}, {"MM", 2, 1, 12}, {"dd", 2, 1, 31},
    {"HH", 2, 0, 23},	  {"mm", 2, 0, 59}, {"ss", 2, 0, 59},
};

#define NTOKENS (sizeof(date_tokens) / sizeof(date_tokens[0]))

static int token_at(const char *p)
{
	for (size_t i = 0; i < NTOKENS; i++)
		if (strncmp(p, date_tokens[i].token, (size_t)date_tokens[i].len) == 0)
			return (int)i;
	return -1;
}

bool topc_date_pattern_valid(const char *pattern)
{
	bool seen[NTOKENS] = {false};
	int ntok = 0;

	for (const char *p = pattern; *p;) {
		int t = token_at(p);
		if (t >= 0) {
			if (seen[t])
				return false;
			seen[t] = true;
			ntok++;
			p += date_tokens[t].len;
		} else if (isalpha((unsigned char)*p)) {
			return false;
		} else {
			p++;
		}
	}
	return ntok > 0;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool topc_date_match(const char *pattern, const char *text, int64_t *minutes)
{
	int v[NTOKENS] = {1970, 1, 1, 0, 0, 0};
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const char *p = pattern, *t = text;

	if (!topc_date_pattern_valid(pattern))
		return false;
	while (*p) {
		int k = token_at(p);
		if (k < 0) {
			if (*t != *p)
				return false;
			p++;
			t++;
			continue;
		}
		int n = 0;
		for (int i = 0; i < date_tokens[k].len; i++) {
			if (!isdigit((unsigned char)t[i]))
				return false;
			n = n * 10 + (t[i] - '0');
		}
		if (n < date_tokens[k].lo || n > date_tokens[k].hi)
			return false;
		v[k] = n;
		p += date_tokens[k].len;
		t += date_tokens[k].len;
	}
	if (*t)
		return false;
	if (v[2] > mdays[v[1] - 1] + (v[1] == 2 && leap(v[0])))
		return false;
	if (minutes)
		*minutes = days_from_civil(v[0], v[1], v[2]) * 1440 + v[3] * 60 + v[4];
	return true;
}

bool topc_uuid_valid(const char *text)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

	if (strlen(text) != sizeof(shape) - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == '-' ? text[i] != '-' : !isxdigit((unsigned char)text[i]))
			return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* One value */

bool topc_integer_text(const char *s)
{
	long long v;

	return topc_number_parse(s, LLONG_MIN, LLONG_MAX, &v);
}

/* topc_integer_text, saying why not */
static bool number_ok(const char *s, long long *out, struct topc_error *why)
{
	const char *p = s + (*s == '-');

	if (topc_number_parse(s, LLONG_MIN, LLONG_MAX, out))
		return true;
	if (!*p)
		topc_error_set(why, TOPC_ERR_INPUT, "\"%s\" is not a whole number", s);
	else if (p[strspn(p, "0123456789")])
		topc_error_set(why, TOPC_ERR_INPUT,
			       "\"%s\" is not a whole number; a Number takes digits only, "
			       "such as 12345",
			       s);
	else
		topc_error_set(why, TOPC_ERR_INPUT,
			       "%s is outside the 64-bit range -9223372036854775808 to "
			       "9223372036854775807",
			       s);
	return false;
}

/* The length as Java's String.length() counts it, which is what the SDK's
 * checkMaxLength and TOP compare with 最大长度: UTF-16 units, so a character
 * past U+FFFF (an emoji) counts two. */
static size_t utf16_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c & 0xC0) != 0x80)
			n += c >= 0xF0 ? 2 : 1;
	}
	return n;
}

/* The number of elements as the SDK's checkMaxListSize counts them: a JSON
 * array's length, or Java's value.split(","), which drops trailing empty
 * elements ("a,b," has 2). */
static size_t list_size(const char *value)
{
	size_t n = 0, kept = 0;

	if (value[0] == '[') {
		struct topc_jnode arr;
		char why[16];
		size_t len = 0;
		if (topc_jnode_parse(value, strlen(value), &arr, why, sizeof(why)))
			len = arr.kind == TOPC_J_ARRAY ? arr.nkids : 0;
		topc_jnode_release(&arr);
		return len;
	}
	if (!strchr(value, ','))
		return 1; /* no separator: the value itself, even empty */
	for (const char *p = value, *start = value;; p++) {
		if (*p != ',' && *p)
			continue;
		n++;
		if (p > start)
			kept = n; /* the last non-empty element so far */
		start = p + 1;
		if (!*p)
			break;
	}
	return kept;
}

/* The SDK's message says the size "must be less than" the limit, but its
 * check is size > limit: a list exactly at 最大列表长度 passes, and so it
 * does here. */
static bool list_size_ok(const struct topc_constraints *c, const char *value,
			 struct topc_error *why)
{
	size_t size;

	if (!c || !c->max_list_size || (size = list_size(value)) <= (size_t)c->max_list_size)
		return true;
	topc_error_set(why, TOPC_ERR_INPUT, "has %zu elements; at most %ld", size,
		       c->max_list_size);
	return false;
}

static bool json_ok(const char *value, struct topc_error *why)
{
	struct topc_jnode j;
	if (!topc_jnode_read(value, strlen(value), &j, why)) {
		topc_error_setp(why, TOPC_ERR_INPUT, why, "is not valid JSON: %s", TOPC_PART);
		return false;
	}
	topc_jnode_release(&j);
	return true;
}

static void list_choices(const struct topc_constraints *c, char *out, size_t n)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < c->nchoices && used + 1 < n; i++) {
		int w = snprintf(out + used, n - used, "%s%s%s%s%s", i ? ", " : "",
				 c->choices[i].value, *c->choices[i].label ? " (" : "",
				 c->choices[i].label, *c->choices[i].label ? ")" : "");
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static bool constraints_ok(enum topc_field_kind kind, const struct topc_constraints *c,
			   const char *value, struct topc_error *why)
{
	if (c->nchoices) {
		bool found = false;
		for (size_t i = 0; i < c->nchoices && !found; i++)
			found = strcmp(c->choices[i].value, value) == 0;
		if (!found) {
			char list[400];
			list_choices(c, list, sizeof(list));
			topc_error_set(why, TOPC_ERR_INPUT, "\"%s\" is not one of the choices: %s",
				       value, list);
			return false;
		}
	}
	if (kind == TOPC_FIELD_NUMBER && (c->has_min || c->has_max)) {
		long long v = strtoll(value, NULL, 10);
		if ((c->has_min && v < c->min) || (c->has_max && v > c->max)) {
			if (c->has_min && c->has_max)
				topc_error_set(why, TOPC_ERR_INPUT,
					       "%lld is outside the range %lld to %lld", v,
					       (long long)c->min, (long long)c->max);
			else if (c->has_min)
				topc_error_set(why, TOPC_ERR_INPUT,
					       "%lld is below the minimum %lld", v,
					       (long long)c->min);
			else
				topc_error_set(why, TOPC_ERR_INPUT,
					       "%lld is above the maximum %lld", v,
					       (long long)c->max);
			return false;
		}
	}
	if (c->max_length && utf16_length(value) > (size_t)c->max_length) {
		topc_error_set(why, TOPC_ERR_INPUT, "is %zu characters long; at most %ld",
			       utf16_length(value), c->max_length);
		return false;
	}
	if (c->format && strcmp(c->format, "uuid") == 0 && !topc_uuid_valid(value)) {
		topc_error_set(why, TOPC_ERR_INPUT,
			       "\"%s\" is not a UUID; it needs 8-4-4-4-12 hex digits, such as "
			       "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
			       value);
		return false;
	}
	if (c->format && strcmp(c->format, "json") == 0)
		return json_ok(value, why);
	if (c->format && strcmp(c->format, "uuid") != 0 &&
	    !topc_date_match(c->format, value, NULL)) {
		topc_error_set(why, TOPC_ERR_INPUT, "\"%s\" is not a date in the format %s", value,
			       c->format);
		return false;
	}
	return true;
}

static bool scalar_ok(const struct topc_field *fd, const struct topc_constraints *extra,
		      const char *value, struct topc_error *why)
{
	long long num;

	switch (fd->kind) {
	case TOPC_FIELD_NUMBER:
		if (!number_ok(value, &num, why))
			return false;
		break;
	case TOPC_FIELD_BOOLEAN:
		if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0) {
			topc_error_set(why, TOPC_ERR_INPUT,
				       "\"%s\" is not a Boolean; write true or false", value);
			return false;
		}
		break;
	case TOPC_FIELD_JSON:
		if (!json_ok(value, why))
			return false;
		break;
	case TOPC_FIELD_DATE:
		if (!fd->c.format && !fd->prose.format && !(extra && extra->format) &&
		    !topc_date_match(TOPC_DATE_DEFAULT, value, NULL)) {
			topc_error_set(why, TOPC_ERR_INPUT, "\"%s\" is not a date in the format %s",
				       value, TOPC_DATE_DEFAULT);
			return false;
		}
		break;
	case TOPC_FIELD_STRING:
	case TOPC_FIELD_OBJECT:
		break;
	}
	return constraints_ok(fd->kind, &fd->c, value, why) &&
	       (!extra || constraints_ok(fd->kind, extra, value, why));
}

/* topc_form_each_element with why in both languages (it may be left empty
 * when fn returned false): false when the JSON is malformed or an element is
 * not a scalar. */
static bool each_element_check(const char *value, bool (*fn)(const char *elem, void *ctx),
			       void *ctx, struct topc_error *why)
{
	if (value[0] == '[') {
		struct topc_jnode arr;
		struct topc_error what;
		bool ok = true;
		if (!topc_jnode_read(value, strlen(value), &arr, &what)) {
			topc_error_setp(
			    why, TOPC_ERR_INPUT, &what,
			    "starts with [ but is not a JSON array (%s); write a,b,c or "
			    "[\"a\",\"b\"]",
			    TOPC_PART);
			return false;
		}
		if (arr.kind != TOPC_J_ARRAY) {
			topc_jnode_release(&arr);
			topc_error_set(
			    why, TOPC_ERR_INPUT,
			    "starts with [ but is not a JSON array (another value); write "
			    "a,b,c or [\"a\",\"b\"]");
			return false;
		}
		for (size_t i = 0; i < arr.nkids && ok; i++) {
			const struct topc_jnode *e = &arr.kids[i];
			const char *text = NULL;
			if (e->kind == TOPC_J_STRING || e->kind == TOPC_J_NUMBER)
				text = e->text; /* numbers exactly as written */
			else if (e->kind == TOPC_J_TRUE || e->kind == TOPC_J_FALSE)
				text = e->kind == TOPC_J_TRUE ? "true" : "false";
			if (!text) {
				topc_error_set(why, TOPC_ERR_INPUT,
					       "holds an element that is not a string, number or "
					       "boolean");
				ok = false;
			} else {
				ok = fn(text, ctx);
			}
		}
		topc_jnode_release(&arr);
		return ok;
	}
	for (const char *p = value;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char *elem = strndup(p, len);
		bool ok = elem && fn(elem, ctx);
		free(elem);
		if (!ok)
			return false;
		if (!comma)
			return true;
		p = comma + 1;
	}
}

struct elem_ctx {
	const struct topc_field *fd;
	const struct topc_constraints *extra;
	struct topc_error *why;
};

static bool elem_ok(const char *elem, void *ctx)
{
	struct elem_ctx *c = ctx;

	if (scalar_ok(c->fd, c->extra, elem, c->why))
		return true;
	topc_error_setp(c->why, TOPC_ERR_INPUT, c->why, "element %s", TOPC_PART);
	return false;
}

bool topc_field_value_check(const struct topc_field *fd, const struct topc_constraints *extra,
			    const char *value, struct topc_error *why)
{
	if (fd->kind == TOPC_FIELD_OBJECT) {
		struct topc_jnode j;
		bool ok =
		    topc_jnode_read_kind(value, fd->array ? TOPC_J_ARRAY : TOPC_J_OBJECT, &j, why);
		topc_jnode_release(&j);
		return ok && (!fd->array || (list_size_ok(&fd->c, value, why) &&
					     list_size_ok(extra, value, why)));
	}
	if (fd->array) {
		struct elem_ctx c = {fd, extra, why};
		return each_element_check(value, elem_ok, &c, why) &&
		       list_size_ok(&fd->c, value, why) && list_size_ok(extra, value, why);
	}
	return scalar_ok(fd, extra, value, why);
}

struct prose_ctx {
	const struct topc_field *fd;
	struct topc_error *why;
};

static bool prose_elem_ok(const char *elem, void *ctx)
{
	struct prose_ctx *c = ctx;

	if (constraints_ok(c->fd->kind, &c->fd->prose, elem, c->why))
		return true;
	topc_error_setp(c->why, TOPC_ERR_INPUT, c->why, "element %s", TOPC_PART);
	return false;
}

bool topc_field_prose_check(const struct topc_field *fd, const char *value, struct topc_error *why)
{
	if (fd->kind == TOPC_FIELD_OBJECT)
		return !fd->array || list_size_ok(&fd->prose, value, why);
	if (fd->array) {
		struct prose_ctx c = {fd, why};
		return each_element_check(value, prose_elem_ok, &c, why) &&
		       list_size_ok(&fd->prose, value, why);
	}
	return constraints_ok(fd->kind, &fd->prose, value, why);
}

bool topc_form_each_element(const char *value, bool (*fn)(const char *elem, void *ctx), void *ctx,
			    char *why, size_t n)
{
	struct topc_error e;
	bool ok;

	topc_error_clear(&e);
	ok = each_element_check(value, fn, ctx, &e);
	if (!ok)
		snprintf(why, n, "%s", e.english);
	return ok;
}

const char *topc_form_format(const struct topc_form *f, const char *path)
{
	const struct topc_field *fd = topc_field_find(&f->request, path);

	if (fd && fd->c.format)
		return fd->c.format;
	for (size_t i = 0; i < f->nrules; i++)
		if (f->rules[i].kind == TOPC_RULE_CONSTRAIN && f->rules[i].c.format &&
		    strcmp(f->rules[i].field, path) == 0)
			return f->rules[i].c.format;
	return fd && fd->kind == TOPC_FIELD_DATE ? TOPC_DATE_DEFAULT : NULL;
}
