/* form_import_infer.c - what a doc page's words say about a field beyond its
 * table row (form_import_infer.h): the 更多限制 items, and choices, formats,
 * ranges, defaults and uniqueness read from the description's prose.  The
 * table reading is in form_import.c. */
#include "form/form_import_infer.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/number.h"
#include "form/form_type.h"

static const char *const separators[] = {" ",  ",",  ":",  ";",	 "(",  ")",
					 "、", "，", "：", "；", "（", "）"};

static size_t separator_at(const char *s)
{
	for (size_t i = 0; i < sizeof(separators) / sizeof(separators[0]); i++)
		if (strncmp(s, separators[i], strlen(separators[i])) == 0)
			return strlen(separators[i]);
	return 0;
}

static bool add_choice(struct topc_constraints *c, const char *value, size_t vlen,
		       const char *label, size_t llen)
{
	struct topc_choice *more = realloc(c->choices, (c->nchoices + 1) * sizeof(*more));

	if (!more)
		return false;
	c->choices = more;
	more[c->nchoices].value = strndup(value, vlen);
	more[c->nchoices].label = strndup(label, llen);
	return more[c->nchoices].value && more[c->nchoices++].label;
}

/* One "V-LABEL" at s: V is digits or a lower-case word, LABEL runs to the
 * next separator and does not start with a digit. */
static bool choice_at(const char *s, size_t *vlen, const char **label, size_t *llen)
{
	const char *v = s;

	if (isdigit((unsigned char)*v))
		while (isdigit((unsigned char)*v))
			v++;
	else if (islower((unsigned char)*v))
		while (islower((unsigned char)*v) || isdigit((unsigned char)*v) || *v == '_')
			v++;
	if (v == s || *v != '-')
		return false;
	*vlen = (size_t)(v - s);
	*label = v + 1;
	const char *e = *label;
	while (*e && !separator_at(e))
		e++;
	*llen = (size_t)(e - *label);
	return *llen > 0 && !isdigit((unsigned char)**label) && **label != '-';
}

/* Runs of at least two "V-LABEL" items separated only by separators. */
static bool choices_dash(const char *text, struct topc_constraints *c)
{
	for (const char *s = text; *s; s++) {
		size_t vlen, llen, count = 0;
		const char *label, *p = s;
		if (s != text && separator_at(s - 1) != 1 &&
		    !(s - text >= 3 && separator_at(s - 3) == 3))
			continue;
		struct topc_constraints run = {0};
		while (choice_at(p, &vlen, &label, &llen)) {
			if (!add_choice(&run, p, vlen, label, llen))
				break;
			count++;
			p = label + llen;
			size_t k;
			while ((k = separator_at(p)))
				p += k;
		}
		if (count >= 2) {
			c->choices = run.choices;
			c->nchoices = run.nchoices;
			return true;
		}
		topc_constraints_release(&run);
	}
	return false;
}

/* Two choices or more found in the text are the field's; fewer are no list
 * and go. */
static bool choices_kept(struct topc_constraints *run, struct topc_constraints *c)
{
	if (run->nchoices >= 2) {
		c->choices = run->choices;
		c->nchoices = run->nchoices;
		return true;
	}
	topc_constraints_release(run);
	return false;
}

/* LABEL:“value” items: 推送到APP:“push_app”, 推送到手机:“mobile_receiver” */
static bool choices_quoted(const char *text, struct topc_constraints *c)
{
	static const char *const opens[] = {":\xE2\x80\x9C", "\xEF\xBC\x9A\xE2\x80\x9C", ":\""};
	struct topc_constraints run = {0};

	for (const char *s = text; *s; s++) {
		size_t olen = 0;
		for (size_t i = 0; i < 3 && !olen; i++)
			if (strncmp(s, opens[i], strlen(opens[i])) == 0)
				olen = strlen(opens[i]);
		if (!olen)
			continue;
		const char *v = s + olen, *ve = v;
		while (isalnum((unsigned char)*ve) || *ve == '_' || *ve == '-' || *ve == '.')
			ve++;
		if (ve == v || (strncmp(ve, "\xE2\x80\x9D", 3) != 0 && *ve != '"'))
			continue;
		const char *ls = s;
		while (ls > text) {
			const char *q = ls - 1;
			while (q > text && ((unsigned char)*q & 0xC0) == 0x80)
				q--;
			if (separator_at(q))
				break;
			ls = q;
		}
		if (ls == s || !add_choice(&run, v, (size_t)(ve - v), ls, (size_t)(s - ls)))
			continue;
	}
	return choices_kept(&run, c);
}

/* A date pattern written in the text (yyyy-mm-dd hh:mm:ss, yyyy-MM-dd
 * HH:mm...), normalized to yyyy MM dd HH mm ss. */
static char *date_format(const char *text)
{
	const char *s = text;
	struct topc_buf b;
	bool hour = false;

	while (*s && strncasecmp(s, "yyyy", 4) != 0)
		s++;
	if (!*s)
		return NULL;
	topc_buf_init(&b, 64);
	while (*s) {
		char c = (char)tolower((unsigned char)*s);
		size_t run = 1;
		enum topc_status st;
		while (tolower((unsigned char)s[run]) == c && isalpha((unsigned char)c))
			run++;
		if (c == 'y' && run == 4)
			st = topc_buf_adds(&b, "yyyy");
		else if (c == 'm' && run == 2)
			st = topc_buf_adds(&b, hour ? "mm" : "MM");
		else if (c == 'd' && run == 2)
			st = topc_buf_adds(&b, "dd");
		else if (c == 'h' && run == 2) {
			st = topc_buf_adds(&b, "HH");
			hour = true;
		} else if (c == 's' && run == 2)
			st = topc_buf_adds(&b, "ss");
		else if ((c == '-' || c == ':' || c == '/' || c == ' ') && run == 1 &&
			 isalpha((unsigned char)s[1]))
			st = topc_buf_addc(&b, c);
		else
			break;
		if (st != TOPC_OK)
			break; /* the buffer failed: detach gives NULL */
		s += run;
	}
	char *out = topc_buf_detach(&b, NULL);
	if (out && !topc_date_pattern_valid(out)) {
		free(out);
		return NULL;
	}
	return out;
}

/* The whole number at the start of s (after spaces; text may follow, as in
 * "64字节") when it is within [min, max]: strictly, through
 * topc_number_parse, where sscanf("%lld") overflowed (undefined) on a page's
 * 99999999999999999999.  *end is set past it. */
static bool leading_number(const char *s, long long min, long long max, long long *out,
			   const char **end)
{
	char digits[24];
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '+')
		s++;
	else if (*s == '-')
		digits[n++] = *s++;
	while (isdigit((unsigned char)*s) && n < sizeof(digits) - 1)
		digits[n++] = *s++;
	digits[n] = '\0';
	if (isdigit((unsigned char)*s) || !topc_number_parse(digits, min, max, out))
		return false;
	if (end)
		*end = s;
	return true;
}

/* 支持6-48, 范围1-10, 取值范围:0~100 */
static void range(const char *text, struct topc_constraints *c)
{
	static const char *const words[] = {"支持", "取值范围", "范围"};

	for (size_t w = 0; w < 3; w++) {
		const char *s = strstr(text, words[w]);
		long long lo, hi;
		if (!s)
			continue;
		s += strlen(words[w]);
		if (strncmp(s, ":", 1) == 0)
			s++;
		else if (strncmp(s, "：", strlen("：")) == 0)
			s += strlen("：");
		if (leading_number(s, LLONG_MIN, LLONG_MAX, &lo, &s) && (*s == '-' || *s == '~') &&
		    (s += strspn(s, "-~"), leading_number(s, LLONG_MIN, LLONG_MAX, &hi, NULL)) &&
		    lo <= hi) {
			c->has_min = c->has_max = true;
			c->min = lo;
			c->max = hi;
			return;
		}
	}
}

static char *default_from_text(const char *text, const struct topc_constraints *c)
{
	const char *s = strstr(text, "默认为");
	const char *e;

	if (s) {
		s += strlen("默认为");
		for (e = s; isalnum((unsigned char)*e) || *e == '_'; e++)
			;
		if (e > s)
			return strndup(s, (size_t)(e - s));
	}
	for (s = strstr(text, "默认"); s; s = strstr(s + 1, "默认")) {
		const char *w = s + strlen("默认");
		for (e = w; *e && !separator_at(e); e++)
			;
		for (size_t i = 0; i < c->nchoices; i++)
			if (strlen(c->choices[i].label) == (size_t)(e - w) &&
			    strncmp(c->choices[i].label, w, (size_t)(e - w)) == 0)
				return strdup(c->choices[i].value);
	}
	return NULL;
}

static bool contains_ci(const char *text, const char *word)
{
	for (const char *s = text; *s; s++)
		if (strncasecmp(s, word, strlen(word)) == 0)
			return true;
	return false;
}

/* 可选值:skus,images,skus.quantity,quantity: a formal list of the values a
 * field takes (the page's own enumeration, not prose), up to the first
 * character that cannot be part of a value. */
static bool choices_listed(const char *text, struct topc_constraints *c)
{
	static const char *const heads[] = {"可选值:", "可选值：", "可选值为:", "可选值为："};
	const char *s = NULL;
	struct topc_constraints run = {0};

	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]) && !s; i++)
		if ((s = strstr(text, heads[i])))
			s += strlen(heads[i]);
	while (s) {
		const char *e = s;
		while (isalnum((unsigned char)*e) || *e == '_' || *e == '.' || *e == '-')
			e++;
		if (e == s || !add_choice(&run, s, (size_t)(e - s), "", 0))
			break;
		s = *e == ','				  ? e + 1
		    : strncmp(e, "，", strlen("，")) == 0 ? e + strlen("，")
							  : NULL;
	}
	return choices_kept(&run, c);
}

/* What the 更多限制 items (formal: f->c) and the description (prose:
 * f->prose) say about a field. */
enum topc_status topc_form_infer_constraints(struct topc_field *f, bool request, char **limits,
					     size_t nlimits)
{
	const char *d = f->description ? f->description : "";
	struct topc_constraints *c = &f->c, *pc = &f->prose;
	long long v;

	for (size_t i = 0; i < nlimits; i++) {
		const char *colon = strstr(limits[i], ":");
		const char *val = colon ? colon + 1 : NULL;
		if (!val && (colon = strstr(limits[i], "：")))
			val = colon + strlen("：");
		if (!val)
			continue;
		if (strncmp(limits[i], "默认值", strlen("默认值")) == 0) {
			free(f->default_value);
			if (!(f->default_value = strdup(val)))
				return TOPC_ERR_NOMEM;
		} else if (strncmp(limits[i], "最大列表长度", strlen("最大列表长度")) == 0 &&
			   leading_number(val, 1, 1 << 30, &v, NULL)) {
			c->max_list_size = (long)v;
		} else if (strncmp(limits[i], "最大长度", strlen("最大长度")) == 0 &&
			   leading_number(val, 1, 1 << 30, &v, NULL)) {
			c->max_length = (long)v;
		} else if (strncmp(limits[i], "最小值", strlen("最小值")) == 0 &&
			   leading_number(val, LLONG_MIN, LLONG_MAX, &v, NULL)) {
			c->has_min = true;
			c->min = v;
		} else if (strncmp(limits[i], "最大值", strlen("最大值")) == 0 &&
			   leading_number(val, LLONG_MIN, LLONG_MAX, &v, NULL)) {
			c->has_max = true;
			c->max = v;
		}
	}
	if (f->kind == TOPC_FIELD_STRING && !f->array) {
		if (strstr(d, "UUID"))
			pc->format = strdup("uuid");
		else if (contains_ci(d, "标准的json") || contains_ci(d, "json格式"))
			pc->format = strdup("json");
		else
			pc->format = date_format(d);
	} else if (f->kind == TOPC_FIELD_DATE) {
		pc->format = date_format(d);
	}
	if (!c->has_min && !c->has_max && f->kind == TOPC_FIELD_NUMBER)
		range(d, pc);
	if (f->kind != TOPC_FIELD_BOOLEAN && f->kind != TOPC_FIELD_OBJECT &&
	    !choices_listed(d, c) && !choices_dash(d, pc))
		choices_quoted(d, pc);
	if (!f->default_value)
		f->default_value = default_from_text(d, c->nchoices ? c : pc);
	if (request) {
		if ((strstr(d, "同一个用户") || strstr(d, "同一用户")) &&
		    (strstr(d, "不要相同") || strstr(d, "不能相同") || strstr(d, "不能重复") ||
		     strstr(d, "不要重复")))
			c->unique = TOPC_UNIQUE_USER;
		else if (strstr(d, "唯一") || strstr(d, "UUID") || strstr(d, "幂等"))
			c->unique = TOPC_UNIQUE_SEND; /* 幂等ID: an idempotency key */
	}
	return TOPC_OK;
}
