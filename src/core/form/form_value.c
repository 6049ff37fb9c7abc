/* form_value.c - filled forms: values by path, validation, serialization. */
#include "form/form_value.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/number.h"
#include "ext/json.h"
#include "form/form_json.h"
#include "form/form_value_internal.h"

#define DATE_DEFAULT "yyyy-MM-dd HH:mm:ss"

/* ------------------------------------------------------------------ */
/* Problems */

void topc_form_problems_init(struct topc_form_problems *p)
{
	memset(p, 0, sizeof(*p));
}

void topc_form_problems_release(struct topc_form_problems *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].path);
		free(p->items[i].msg);
	}
	free(p->items);
	topc_form_problems_init(p);
}

static void problem_vadd(struct topc_form_problems *p, const char *path, bool missing,
			 enum topc_severity severity, const char *fmt, va_list ap)
{
	struct topc_form_problem *items;
	char *text;

	items = realloc(p->items, (p->count + 1) * sizeof(*items));
	if (!items)
		return;
	p->items = items;
	text = topc_vstrf(fmt, ap);
	items[p->count].path = strdup(path);
	items[p->count].missing = missing;
	items[p->count].severity = severity;
	items[p->count].msg = text ? topc_strf("%s: %s", path, text) : NULL;
	free(text);
	if (items[p->count].path && items[p->count].msg)
		p->count++;
	else {
		free(items[p->count].path);
		free(items[p->count].msg);
	}
}

void topc_form_problem_add(struct topc_form_problems *p, const char *path, bool missing,
			   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	problem_vadd(p, path, missing, TOPC_SEVERITY_ERROR, fmt, ap);
	va_end(ap);
}

void topc_form_problem_addv(struct topc_form_problems *p, const char *path, bool missing,
			    enum topc_severity s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	problem_vadd(p, path, missing, s, fmt, ap);
	va_end(ap);
}

size_t topc_form_problems_count(const struct topc_form_problems *p, enum topc_severity s)
{
	size_t n = 0;

	for (size_t i = 0; i < p->count; i++)
		n += p->items[i].severity == s;
	return n;
}

void topc_form_problems_strict(struct topc_form_problems *p)
{
	for (size_t i = 0; i < p->count; i++)
		p->items[i].severity = TOPC_SEVERITY_ERROR;
}

const char *topc_severity_name(enum topc_severity s)
{
	return s == TOPC_SEVERITY_WARNING ? "warning" : "error";
}

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

static bool number_ok(const char *s, long long *out, char *why, size_t n)
{
	const char *p = s + (*s == '-');
	char *end;

	if (!*p) {
		snprintf(why, n, "\"%s\" is not a whole number", s);
		return false;
	}
	for (const char *q = p; *q; q++)
		if (!isdigit((unsigned char)*q)) {
			snprintf(why, n,
				 "\"%s\" is not a whole number; a Number takes digits only, "
				 "such as 12345",
				 s);
			return false;
		}
	errno = 0;
	*out = strtoll(s, &end, 10);
	if (errno == ERANGE) {
		snprintf(why, n,
			 "%s is outside the 64-bit range -9223372036854775808 to "
			 "9223372036854775807",
			 s);
		return false;
	}
	return true;
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

static bool list_size_ok(const struct topc_constraints *c, const char *value, char *why, size_t n)
{
	size_t size;

	if (!c || !c->max_list_size || (size = list_size(value)) <= (size_t)c->max_list_size)
		return true;
	snprintf(why, n, "has %zu elements; at most %ld", size, c->max_list_size);
	return false;
}

static bool json_ok(const char *value, char *why, size_t n)
{
	struct topc_jnode j;
	char what[200];

	if (!topc_jnode_parse(value, strlen(value), &j, what, sizeof(what))) {
		snprintf(why, n, "is not valid JSON: %s", what);
		return false;
	}
	topc_jnode_release(&j);
	return true;
}

/* Parses value as a JSON value of the given kind; false (why says so) when
 * it is not valid JSON or not of that kind. */
static bool parse_kind(const char *value, enum topc_jkind kind, struct topc_jnode *out, char *why,
		       size_t n)
{
	char what[200];

	if (!topc_jnode_parse(value, strlen(value), out, what, sizeof(what))) {
		snprintf(why, n, "is not valid JSON: %s", what);
		return false;
	}
	if (out->kind == kind)
		return true;
	topc_jnode_release(out);
	snprintf(why, n, "is not a JSON %s", kind == TOPC_J_ARRAY ? "array" : "object");
	return false;
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
			   const char *value, char *why, size_t n)
{
	if (c->nchoices) {
		bool found = false;
		for (size_t i = 0; i < c->nchoices && !found; i++)
			found = strcmp(c->choices[i].value, value) == 0;
		if (!found) {
			char list[400];
			list_choices(c, list, sizeof(list));
			snprintf(why, n, "\"%s\" is not one of the choices: %s", value, list);
			return false;
		}
	}
	if (kind == TOPC_FIELD_NUMBER && (c->has_min || c->has_max)) {
		long long v = strtoll(value, NULL, 10);
		if ((c->has_min && v < c->min) || (c->has_max && v > c->max)) {
			if (c->has_min && c->has_max)
				snprintf(why, n, "%lld is outside the range %lld to %lld", v,
					 (long long)c->min, (long long)c->max);
			else if (c->has_min)
				snprintf(why, n, "%lld is below the minimum %lld", v,
					 (long long)c->min);
			else
				snprintf(why, n, "%lld is above the maximum %lld", v,
					 (long long)c->max);
			return false;
		}
	}
	if (c->max_length && utf16_length(value) > (size_t)c->max_length) {
		snprintf(why, n, "is %zu characters long; at most %ld", utf16_length(value),
			 c->max_length);
		return false;
	}
	if (c->format && strcmp(c->format, "uuid") == 0 && !topc_uuid_valid(value)) {
		snprintf(why, n,
			 "\"%s\" is not a UUID; it needs 8-4-4-4-12 hex digits, such as "
			 "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
			 value);
		return false;
	}
	if (c->format && strcmp(c->format, "json") == 0)
		return json_ok(value, why, n);
	if (c->format && strcmp(c->format, "uuid") != 0 &&
	    !topc_date_match(c->format, value, NULL)) {
		snprintf(why, n, "\"%s\" is not a date in the format %s", value, c->format);
		return false;
	}
	return true;
}

static bool scalar_ok(const struct topc_field *fd, const struct topc_constraints *extra,
		      const char *value, char *why, size_t n)
{
	long long num;

	switch (fd->kind) {
	case TOPC_FIELD_NUMBER:
		if (!number_ok(value, &num, why, n))
			return false;
		break;
	case TOPC_FIELD_BOOLEAN:
		if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0) {
			snprintf(why, n, "\"%s\" is not a Boolean; write true or false", value);
			return false;
		}
		break;
	case TOPC_FIELD_JSON:
		if (!json_ok(value, why, n))
			return false;
		break;
	case TOPC_FIELD_DATE:
		if (!fd->c.format && !fd->prose.format && !(extra && extra->format) &&
		    !topc_date_match(DATE_DEFAULT, value, NULL)) {
			snprintf(why, n, "\"%s\" is not a date in the format " DATE_DEFAULT, value);
			return false;
		}
		break;
	case TOPC_FIELD_STRING:
	case TOPC_FIELD_OBJECT:
		break;
	}
	return constraints_ok(fd->kind, &fd->c, value, why, n) &&
	       (!extra || constraints_ok(fd->kind, extra, value, why, n));
}

/* Calls fn on each element of a basic array given as a JSON array or a comma
 * list; false when the JSON is malformed or an element is not a scalar. */
bool topc_form_each_element(const char *value, bool (*fn)(const char *elem, void *ctx), void *ctx,
			    char *why, size_t n)
{
	if (value[0] == '[') {
		struct topc_jnode arr;
		char what[200];
		bool ok = true;
		if (!topc_jnode_parse(value, strlen(value), &arr, what, sizeof(what)) ||
		    arr.kind != TOPC_J_ARRAY) {
			topc_jnode_release(&arr);
			snprintf(why, n,
				 "starts with [ but is not a JSON array (%s); write a,b,c or "
				 "[\"a\",\"b\"]",
				 *what ? what : "another value");
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
				snprintf(why, n,
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
	char *why;
	size_t n;
};

static bool elem_ok(const char *elem, void *ctx)
{
	struct elem_ctx *c = ctx;
	char inner[400];

	if (scalar_ok(c->fd, c->extra, elem, inner, sizeof(inner)))
		return true;
	snprintf(c->why, c->n, "element %s", inner);
	return false;
}

bool topc_field_value_ok(const struct topc_field *fd, const struct topc_constraints *extra,
			 const char *value, char *why, size_t n)
{
	if (fd->kind == TOPC_FIELD_OBJECT) {
		struct topc_jnode j;
		bool ok = parse_kind(value, fd->array ? TOPC_J_ARRAY : TOPC_J_OBJECT, &j, why, n);
		topc_jnode_release(&j);
		return ok && (!fd->array || (list_size_ok(&fd->c, value, why, n) &&
					     list_size_ok(extra, value, why, n)));
	}
	if (fd->array) {
		struct elem_ctx c = {fd, extra, why, n};
		return topc_form_each_element(value, elem_ok, &c, why, n) &&
		       list_size_ok(&fd->c, value, why, n) && list_size_ok(extra, value, why, n);
	}
	return scalar_ok(fd, extra, value, why, n);
}

struct prose_ctx {
	const struct topc_field *fd;
	char *why;
	size_t n;
};

static bool prose_elem_ok(const char *elem, void *ctx)
{
	struct prose_ctx *c = ctx;
	char inner[400];

	if (constraints_ok(c->fd->kind, &c->fd->prose, elem, inner, sizeof(inner)))
		return true;
	snprintf(c->why, c->n, "element %s", inner);
	return false;
}

bool topc_field_prose_ok(const struct topc_field *fd, const char *value, char *why, size_t n)
{
	if (fd->kind == TOPC_FIELD_OBJECT)
		return !fd->array || list_size_ok(&fd->prose, value, why, n);
	if (fd->array) {
		struct prose_ctx c = {fd, why, n};
		return topc_form_each_element(value, prose_elem_ok, &c, why, n) &&
		       list_size_ok(&fd->prose, value, why, n);
	}
	return constraints_ok(fd->kind, &fd->prose, value, why, n);
}

/* ------------------------------------------------------------------ */
/* Arrays, element by element */

struct collected {
	char **elems;
	size_t n;
};

static bool collect(const char *elem, void *ctx)
{
	struct collected *c = ctx;
	char **more = realloc(c->elems, (c->n + 1) * sizeof(*more));

	if (!more)
		return false;
	c->elems = more;
	if (!(c->elems[c->n] = strdup(elem)))
		return false;
	c->n++;
	return true;
}

bool topc_array_split(const struct topc_field *fd, const char *value, char ***elems, size_t *n)
{
	struct collected c = {NULL, 0};
	char why[200];
	bool ok = true;

	*elems = NULL;
	*n = 0;
	if (!value || !*value)
		return true;
	if (fd->kind == TOPC_FIELD_OBJECT) {
		struct topc_jnode arr;
		ok = parse_kind(value, TOPC_J_ARRAY, &arr, why, sizeof(why));
		for (size_t i = 0; ok && i < arr.nkids; i++) {
			struct topc_buf text;
			topc_buf_init(&text, 0);
			ok = topc_jnode_write(&arr.kids[i], &text) == TOPC_OK &&
			     collect(topc_buf_str(&text), &c);
			topc_buf_release(&text);
		}
		topc_jnode_release(&arr);
	} else {
		ok = topc_form_each_element(value, collect, &c, why, sizeof(why));
	}
	if (!ok) {
		topc_array_free(c.elems, c.n);
		return false;
	}
	*elems = c.elems;
	*n = c.n;
	return true;
}

char *topc_array_join(const struct topc_field *fd, char *const *elems, size_t n)
{
	struct topc_buf b;
	bool list = fd->kind != TOPC_FIELD_OBJECT;
	enum topc_status st;

	/* a comma list unless an element would be misread in one */
	for (size_t i = 0; i < n && list; i++)
		if (strchr(elems[i], ',') || (i == 0 && elems[i][0] == '[') ||
		    (n == 1 && !*elems[0]))
			list = false;
	/* a comma list as given, structures' JSON as given inside [ ], or a
	 * JSON array of strings */
	topc_buf_init(&b, 0);
	st = topc_buf_adds(&b, list ? "" : "[");
	for (size_t i = 0; i < n && st == TOPC_OK; i++) {
		st = i ? topc_buf_addc(&b, ',') : TOPC_OK;
		if (st == TOPC_OK)
			st = list || fd->kind == TOPC_FIELD_OBJECT ? topc_buf_adds(&b, elems[i])
								   : topc_json_quote(&b, elems[i]);
	}
	if (st != TOPC_OK || topc_buf_adds(&b, list ? "" : "]") != TOPC_OK)
		return NULL;
	if (n == 0)
		topc_buf_reset(&b);
	return topc_buf_detach(&b, NULL);
}

void topc_array_free(char **elems, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(elems[i]);
	free(elems);
}

/* ------------------------------------------------------------------ */
/* Paths in a filled form */

static bool under(const char *name, const char *prefix, size_t plen)
{
	return strncmp(name, prefix, plen) == 0 && name[plen] == '.';
}

bool topc_form_has_under(const struct topc_params *values, const char *path)
{
	size_t plen = strlen(path);

	for (size_t i = 0; i < values->count; i++)
		if (values->items[i].value[0] && under(values->items[i].name, path, plen))
			return true;
	return false;
}

static void remove_under(struct topc_params *values, const char *path)
{
	size_t plen = strlen(path);

	for (size_t i = values->count; i-- > 0;)
		if (strcmp(values->items[i].name, path) == 0 ||
		    under(values->items[i].name, path, plen))
			topc_params_remove(values, values->items[i].name);
}

const char *topc_form_value_of(const struct topc_params *values, const char *path)
{
	const char *v = topc_params_get(values, path);

	return v && *v ? v : NULL;
}

static bool present(const struct topc_params *values, const struct topc_field *fd, const char *path)
{
	if (fd->kind == TOPC_FIELD_OBJECT && !fd->array)
		return topc_form_has_under(values, path);
	return topc_form_value_of(values, path) != NULL;
}

/* The value a field will be sent with: its own, or the default of a
 * required field. */
static const char *effective(const struct topc_params *values, const struct topc_field *fd,
			     const char *path)
{
	const char *v = topc_form_value_of(values, path);

	return v ? v : fd->default_value;
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
	return fd && fd->kind == TOPC_FIELD_DATE ? DATE_DEFAULT : NULL;
}

/* Spreads a JSON object into values under prefix.  Strict: unknown keys are
 * problems (a person typed them); lenient: ignored (a gateway reading what
 * a client sent, as TOP does). */
void topc_form_spread(const struct topc_jnode *obj, const struct topc_field *fd, const char *prefix,
		      bool strict, struct topc_params *values, struct topc_form_problems *problems)
{
	for (size_t k = 0; k < obj->nkids; k++) {
		const struct topc_jnode *item = &obj->kids[k];
		const struct topc_field *child = NULL;
		char path[512];
		struct topc_buf text;

		snprintf(path, sizeof(path), "%s.%s", prefix, item->key);
		for (size_t i = 0; i < fd->nfields; i++)
			if (strcmp(fd->fields[i].name, item->key) == 0)
				child = &fd->fields[i];
		if (!child) {
			if (strict)
				topc_form_problem_add(problems, path, false,
						      "%s has no field \"%s\"", fd->type,
						      item->key);
			continue;
		}
		if (child->kind == TOPC_FIELD_OBJECT && !child->array) {
			if (item->kind == TOPC_J_OBJECT)
				topc_form_spread(item, child, path, strict, values, problems);
			else if (item->kind != TOPC_J_NULL)
				topc_form_problem_add(problems, path, false,
						      "is a %s, so it must be a JSON object",
						      child->type);
			continue;
		}
		if (item->kind == TOPC_J_NULL)
			continue; /* the SDK leaves a null field out */
		/* strings as their text (empty kept: the SDK sends "content":""),
		 * numbers exactly as written, the rest as compact JSON */
		topc_buf_init(&text, 0);
		if (item->kind == TOPC_J_STRING || item->kind == TOPC_J_NUMBER ||
		    topc_jnode_write(item, &text) == TOPC_OK)
			topc_params_set(values, path,
					item->text && item->kind != TOPC_J_ARRAY &&
						item->kind != TOPC_J_OBJECT
					    ? item->text
					    : topc_buf_str(&text));
		topc_buf_release(&text);
	}
}

enum topc_status topc_form_set(const struct topc_form *f, struct topc_params *values,
			       const char *path, const char *value, struct topc_error *err)
{
	const struct topc_field *fd = topc_field_find(&f->request, path);
	char near[256];

	if (!fd) {
		topc_field_suggest(&f->request, path, near, sizeof(near));
		return topc_error_set(err, TOPC_ERR_INPUT, "%s has no field %s%s%s%s", f->method,
				      path, *near ? "; did you mean " : "", near, *near ? "?" : "");
	}
	if (fd->kind == TOPC_FIELD_OBJECT && !fd->array) {
		struct topc_form_problems problems;
		struct topc_jnode obj;
		char why[256];
		enum topc_status st = TOPC_OK;
		remove_under(values, path);
		if (!*value)
			return TOPC_OK;
		if (!parse_kind(value, TOPC_J_OBJECT, &obj, why, sizeof(why)))
			return topc_error_set(err, TOPC_ERR_INPUT,
					      "%s is a %s: set its fields (%s.%s=...) "
					      "or give a JSON object (this one %s)",
					      path, fd->type, path, fd->fields[0].name, why);
		topc_form_problems_init(&problems);
		topc_form_spread(&obj, fd, path, true, values, &problems);
		if (problems.count)
			st = topc_error_set(err, TOPC_ERR_INPUT, "%s", problems.items[0].msg);
		topc_form_problems_release(&problems);
		topc_jnode_release(&obj);
		return st;
	}
	if (!*value) {
		topc_params_remove(values, path);
		return TOPC_OK;
	}
	return topc_params_set(values, path, value) == TOPC_OK
		   ? TOPC_OK
		   : topc_error_set(err, TOPC_ERR_NOMEM, "out of memory");
}

/* ------------------------------------------------------------------ */
/* Validation */

struct validate {
	const struct topc_form *f;
	const struct topc_params *values;
	const struct topc_params *raw;
	struct topc_form_problems *out;
};

static void validate_object(struct validate *v, const struct topc_field *parent, const char *prefix,
			    const struct topc_params *values);

static enum topc_severity rule_severity(const struct topc_rule *r)
{
	return r->formal ? TOPC_SEVERITY_ERROR : TOPC_SEVERITY_WARNING;
}

static void validate_rules_on(struct validate *v, const struct topc_field *fd, const char *path,
			      const char *value)
{
	char why[512];

	for (size_t i = 0; i < v->f->nrules; i++) {
		const struct topc_rule *r = &v->f->rules[i];
		if (r->kind == TOPC_RULE_CONSTRAIN && strcmp(r->field, path) == 0 &&
		    !topc_field_value_ok(fd, &r->c, value, why, sizeof(why)))
			topc_form_problem_addv(v->out, path, false, rule_severity(r), "%s%s%s", why,
					       r->note ? "; " : "", r->note ? r->note : "");
	}
}

static void validate_struct_array(struct validate *v, const struct topc_field *fd, const char *path,
				  const char *value)
{
	struct topc_jnode arr;
	char why[256];

	if (!parse_kind(value, TOPC_J_ARRAY, &arr, why, sizeof(why)))
		return;
	for (size_t i = 0; i < arr.nkids; i++) {
		const struct topc_jnode *e = &arr.kids[i];
		struct topc_params one;
		char at[512];
		int w = snprintf(at, sizeof(at), "%s[%zu]", path, i);
		if (w < 0 || (size_t)w >= sizeof(at))
			break;
		if (e->kind != TOPC_J_OBJECT) {
			topc_form_problem_add(v->out, at, false, "is not a JSON object");
			continue;
		}
		topc_params_init(&one);
		topc_form_spread(e, fd, at, true, &one, v->out);
		validate_object(v, fd, at, &one);
		topc_params_release(&one);
	}
	topc_jnode_release(&arr);
}

static void validate_field(struct validate *v, const struct topc_field *fd, const char *path,
			   const struct topc_params *values)
{
	char why[512];
	const char *value;
	const struct topc_constraints *date_rule = NULL;

	if (fd->kind == TOPC_FIELD_OBJECT && !fd->array) {
		if (topc_form_has_under(values, path))
			validate_object(v, fd, path, values);
		else if (fd->required)
			topc_form_problem_add(v->out, path, true,
					      "required %s: set at least one of its fields",
					      fd->type);
		return;
	}
	value = topc_form_value_of(values, path);
	if (!value) {
		if (fd->required && !fd->default_value)
			topc_form_problem_add(v->out, path, true, "required %s, not set", fd->type);
		return;
	}
	/* A Date's format may come from a rule; it replaces yyyy-MM-dd HH:mm:ss. */
	for (size_t i = 0; i < v->f->nrules && fd->kind == TOPC_FIELD_DATE; i++)
		if (v->f->rules[i].kind == TOPC_RULE_CONSTRAIN && v->f->rules[i].c.format &&
		    strcmp(v->f->rules[i].field, path) == 0)
			date_rule = &v->f->rules[i].c;
	if (!topc_field_value_ok(fd, date_rule, value, why, sizeof(why))) {
		topc_form_problem_add(v->out, path, false, "%s", why);
		return;
	}
	if (!topc_field_prose_ok(fd, value, why, sizeof(why)))
		topc_form_problem_addv(v->out, path, false, TOPC_SEVERITY_WARNING,
				       "%s (from the description, which TOP does not check)", why);
	if (fd->kind == TOPC_FIELD_OBJECT)
		validate_struct_array(v, fd, path, value);
	else
		validate_rules_on(v, fd, path, value);
}

static void validate_object(struct validate *v, const struct topc_field *parent, const char *prefix,
			    const struct topc_params *values)
{
	for (size_t i = 0; i < parent->nfields; i++) {
		const struct topc_field *fd = &parent->fields[i];
		char path[512];
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", fd->name);
		if (!*prefix && v->raw && topc_params_get(v->raw, fd->name))
			continue;
		validate_field(v, fd, path, values);
	}
}

static void validate_paths(struct validate *v)
{
	char near[256];

	for (size_t i = 0; i < v->values->count; i++) {
		const char *name = v->values->items[i].name;
		const struct topc_field *fd = topc_field_find(&v->f->request, name);
		if (!v->values->items[i].value[0])
			continue;
		if (!fd) {
			topc_field_suggest(&v->f->request, name, near, sizeof(near));
			topc_form_problem_add(v->out, name, false, "%s has no such field%s%s%s",
					      v->f->method, *near ? "; did you mean " : "", near,
					      *near ? "?" : "");
		} else if (fd->kind == TOPC_FIELD_OBJECT && !fd->array) {
			topc_form_problem_add(v->out, name, false,
					      "is a %s; set its fields one by one", fd->type);
		}
	}
}

static void validate_only_when(struct validate *v, const struct topc_rule *r)
{
	const struct topc_field *fd = topc_field_find(&v->f->request, r->field);
	const struct topc_field *other = topc_field_find(&v->f->request, r->other);
	const char *actual;

	if (!fd || !other || !present(v->values, fd, r->field))
		return;
	actual = effective(v->values, other, r->other);
	if (actual && strcmp(actual, r->equals) == 0)
		return;
	topc_form_problem_addv(v->out, r->field, false, rule_severity(r),
			       "may be set only when %s is %s (it is %s)%s%s", r->other, r->equals,
			       actual ? actual : "not set", r->note ? "; " : "",
			       r->note ? r->note : "");
}

static void validate_window(struct validate *v, const struct topc_rule *r)
{
	const char *start = topc_form_value_of(v->values, r->field),
		   *end = topc_form_value_of(v->values, r->other);
	const char *fs = topc_form_format(v->f, r->field), *fe = topc_form_format(v->f, r->other);
	int64_t a, b;

	if (!start && !end)
		return;
	if (!start || !end) {
		topc_form_problem_addv(v->out, start ? r->other : r->field, true, rule_severity(r),
				       "goes with %s; set both or neither",
				       start ? r->field : r->other);
		return;
	}
	if (!fs || !fe || !topc_date_match(fs, start, &a) || !topc_date_match(fe, end, &b))
		return; /* the fields' own format check has said so */
	if (b <= a)
		topc_form_problem_addv(v->out, r->other, false, rule_severity(r),
				       "%s is not after %s (%s)", end, r->field, start);
	else if (b - a > r->max_minutes)
		topc_form_problem_addv(v->out, r->other, false, rule_severity(r),
				       "is %lld minutes after %s; at most %lld allowed%s%s",
				       (long long)(b - a), r->field, (long long)r->max_minutes,
				       r->note ? "; " : "", r->note ? r->note : "");
}

bool topc_form_validate(const struct topc_form *f, const struct topc_params *values,
			const struct topc_params *raw, struct topc_form_problems *out)
{
	struct validate v = {f, values, raw, out};
	size_t before = topc_form_problems_count(out, TOPC_SEVERITY_ERROR);

	validate_paths(&v);
	validate_object(&v, &f->request, "", values);
	for (size_t i = 0; i < f->nrules; i++) {
		const struct topc_rule *r = &f->rules[i];
		if (raw && (topc_params_get(raw, r->field) ||
			    (r->other && topc_params_get(raw, r->other))))
			continue;
		if (r->kind == TOPC_RULE_ONLY_WHEN)
			validate_only_when(&v, r);
		else if (r->kind == TOPC_RULE_WINDOW)
			validate_window(&v, r);
	}
	return topc_form_problems_count(out, TOPC_SEVERITY_ERROR) == before;
}
