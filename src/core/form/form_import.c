/* form_import.c - a form from the text of a TOP API doc page: its lines, tables
 * and success rule; the examples (Java request, XML response, error) are
 * read in form_import_examples.c, what the words say about each field beyond
 * its row in form_import_infer.c. */
#include "form/form_import.h"
#include "form/form_import_infer.h"
#include "form/form_import_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/buf.h"
#include "form/form_value.h"
#include "form/form_type.h"
#include "ext/xml.h"
#include "form/form_check.h"

#define BULLET "\xE2\x80\xA2" /* • */
#define CORNER "\xE2\x94\x94" /* └ */

static enum topc_status import_bad(struct page *p, int no, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum topc_status import_bad(struct page *p, int no, const char *fmt, ...)
{
	va_list ap;
	enum topc_status st;

	va_start(ap, fmt);
	st = topc_error_vat(p->err, TOPC_ERR_INPUT, p->name, no, fmt, ap);
	va_end(ap);
	return st;
}

enum topc_status topc_form_import_nomem(struct page *p)
{
	return topc_error_set(p->err, TOPC_ERR_NOMEM, "out of memory reading %s", p->name);
}

/* ------------------------------------------------------------------ */
/* Lines */

static size_t space_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r')
		return 1;
	if (strncmp(s, "\xC2\xA0", 2) == 0) /* no-break space */
		return 2;
	if (strncmp(s, "\xE3\x80\x80", 3) == 0) /* ideographic space */
		return 3;
	return 0;
}

static char *trim(const char *s, size_t len)
{
	size_t k;

	while (len && (k = space_len(s)) && k <= len) {
		s += k;
		len -= k;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	return strndup(s, len);
}

/* A browser copies a table's cells with a tab between them (two or more
 * around an empty cell): each run of blanks holding a tab becomes the one
 * space the pages' own copies have.  Lines without a tab stay as they are. */
static void tabs_to_spaces(char *t)
{
	char *out = t;

	if (!strchr(t, '\t'))
		return;
	for (const char *in = t; *in;) {
		size_t run = strspn(in, " \t");
		if (run && memchr(in, '\t', run)) {
			*out++ = ' ';
			in += run;
		} else if (run) {
			memmove(out, in, run);
			out += run;
			in += run;
		} else {
			*out++ = *in++;
		}
	}
	*out = '\0';
}

static enum topc_status split_lines(const char *text, struct page *p)
{
	int no = 0;

	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		struct line *more = realloc(p->lines, (p->n + 1) * sizeof(*more));
		char *t = trim(s, len);
		if (!more || !t) {
			free(t);
			if (more)
				p->lines = more;
			return topc_form_import_nomem(p);
		}
		p->lines = more;
		more[p->n].no = ++no;
		more[p->n].bullet = strncmp(t, BULLET, strlen(BULLET)) == 0;
		if (more[p->n].bullet) {
			char *rest = trim(t + strlen(BULLET), strlen(t + strlen(BULLET)));
			free(t);
			if (!rest)
				return topc_form_import_nomem(p);
			t = rest;
		}
		tabs_to_spaces(t);
		more[p->n++].text = t;
		s = nl ? nl + 1 : s + len;
	}
	return TOPC_OK;
}

size_t topc_form_import_find_line(const struct page *p, size_t from, const char *text)
{
	for (size_t i = from; i < p->n; i++)
		if (!p->lines[i].bullet && strcmp(p->lines[i].text, text) == 0)
			return i;
	return p->n;
}

static size_t next_nonempty(const struct page *p, size_t from)
{
	while (from < p->n && !p->lines[from].text[0])
		from++;
	return from;
}

static int line_no(const struct page *p, size_t i)
{
	return i < p->n ? p->lines[i].no : (p->n ? p->lines[p->n - 1].no : 1);
}

/* ------------------------------------------------------------------ */
/* Words */

bool topc_form_import_is_identifier(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* A type as the tables write it: a basic type, or a CamelCase structure
 * name, either with " []". */
static bool type_like(const char *s)
{
	enum topc_field_kind kind;
	bool array;

	if (!topc_field_kind_parse(s, &kind, &array))
		return false;
	return kind != TOPC_FIELD_OBJECT || isupper((unsigned char)s[0]);
}

static bool required_word(const char *s, bool *required)
{
	if (strcmp(s, "必须") == 0)
		*required = true;
	else if (strcmp(s, "可选") == 0)
		*required = false;
	else
		return false;
	return true;
}

static bool has_non_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* The examples' objects (form_import_examples.c reads them): which object
 * gets which fields. */

/* The object a shape node stands for: a Java variable's setters, or the
 * node itself for XML. */
static const struct topc_tree *resolve(const struct page *p, const struct topc_tree *node)
{
	if (node && node->link)
		return topc_tree_kid(&p->java, node->link);
	return node;
}

/* A field's node under an object node; Java's setXxxString names the Json
 * fields' setters. */
static const struct topc_tree *shape_kid(const struct page *p, const struct topc_tree *obj,
					 const char *name)
{
	const struct topc_tree *kid = topc_tree_kid(resolve(p, obj), name);
	char alt[160];

	if (!kid && obj) {
		snprintf(alt, sizeof(alt), "%s_string", name);
		kid = topc_tree_kid(resolve(p, obj), alt);
	}
	return kid;
}

/* ------------------------------------------------------------------ */
/* Tables */

static bool is_limit(const char *s)
{
	static const char *const words[] = {"默认值", "最大长度", "最小值", "最大值",
					    "最大列表长度"};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strncmp(s, words[i], strlen(words[i])) == 0 &&
		    (s[strlen(words[i])] == ':' || strncmp(s + strlen(words[i]), "：", 3) == 0))
			return true;
	return false;
}

static const char *corner_name(const char *s)
{
	if (strncmp(s, CORNER, strlen(CORNER)) != 0)
		return NULL;
	s += strlen(CORNER);
	while (*s == ' ')
		s++;
	return s;
}

/* bullets b[k]... start a nested field: "└ name", or a bare name followed by
 * a type (and 必须/可选 in the request table). */
static bool group_start(struct line *const *b, size_t nb, size_t k, bool request)
{
	bool req;

	if (corner_name(b[k]->text))
		return true;
	return topc_form_import_is_identifier(b[k]->text) && k + 1 < nb &&
	       type_like(b[k + 1]->text) &&
	       (!request || (k + 2 < nb && required_word(b[k + 2]->text, &req)));
}

static struct topc_field *add_field(struct topc_field *parent)
{
	struct topc_field *more = realloc(parent->fields, (parent->nfields + 1) * sizeof(*more));

	if (!more)
		return NULL;
	parent->fields = more;
	memset(&more[parent->nfields], 0, sizeof(*more));
	return &more[parent->nfields++];
}

static enum topc_status set_type(struct page *p, struct topc_field *f, const char *type, int no)
{
	if (!topc_field_kind_parse(type, &f->kind, &f->array))
		return import_bad(
		    p, no,
		    "expected the type of %s (String, Number, Boolean, Json, Date or a "
		    "structure name), found \"%s\"",
		    f->name, type);
	return (f->type = strdup(type)) ? TOPC_OK : topc_form_import_nomem(p);
}

/* Splits a row's text after the required mark into example and description:
 * the example is the value the page's own code example uses, else a first
 * word without Chinese when more follows. */
static enum topc_status split_rest(struct page *p, struct topc_field *f, const char *rest,
				   const struct topc_tree *shape)
{
	const char *lit = shape && !shape->link ? shape->text : NULL;
	size_t n;
	const char *sp;

	if (!*rest)
		return TOPC_OK;
	if (lit && *lit && strncmp(rest, lit, (n = strlen(lit))) == 0 &&
	    (rest[n] == ' ' || rest[n] == '\0')) {
		f->example = strdup(lit);
		f->description = rest[n] ? strdup(rest + n + 1) : strdup("");
	} else if ((sp = strchr(rest, ' ')) && !has_non_ascii(rest, (size_t)(sp - rest))) {
		f->example = strndup(rest, (size_t)(sp - rest));
		f->description = strdup(sp + 1);
	} else {
		f->example = NULL;
		f->description = strdup(rest);
		return f->description ? TOPC_OK : topc_form_import_nomem(p);
	}
	if (f->description && !*f->description) {
		free(f->description);
		f->description = NULL;
		return f->example ? TOPC_OK : topc_form_import_nomem(p);
	}
	return f->example && f->description ? TOPC_OK : topc_form_import_nomem(p);
}

struct slot {
	struct topc_field *field;
	const struct topc_tree *shape;
};

/* The nested fields a row's bullets list, from b[k] on, placed under the
 * row's field by the shape of the code example. */
static enum topc_status read_groups(struct page *p, struct topc_field *row,
				    const struct topc_tree *row_shape, struct line *const *b,
				    size_t nb, size_t k, bool request)
{
	struct slot stack[17] = {{row, resolve(p, row_shape)}};
	size_t depth = 1;
	enum topc_status st;

	while (k < nb) {
		struct line *const *g = b + k;
		const char *name = corner_name(g[0]->text);
		char *limits[8];
		const char *extra[2];
		size_t nextra = 0, nlimits = 0, at = request ? 3 : 2;
		struct topc_field *f;

		if (!group_start(b, nb, k, request))
			return import_bad(p, g[0]->no,
					  "expected a nested field of %s (\"└ name\", then its "
					  "type%s), found \"%s\"",
					  row->name, request ? " and 必须 or 可选" : "",
					  g[0]->text);
		if (k + at - 1 >= nb)
			return import_bad(p, g[0]->no, "nested field \"%s\" lacks its type%s",
					  g[0]->text, request ? " and 必须/可选" : "");
		name = name ? name : g[0]->text;
		if (!topc_form_import_is_identifier(name))
			return import_bad(p, g[0]->no, "\"%s\" is not a field name", name);
		while (depth > 1 && stack[depth - 1].shape &&
		       !shape_kid(p, stack[depth - 1].shape, name))
			depth--;
		if (!(f = add_field(stack[depth - 1].field)) || !(f->name = strdup(name)))
			return topc_form_import_nomem(p);
		f->line = g[0]->no;
		if ((st = set_type(p, f, g[1]->text, g[1]->no)) != TOPC_OK)
			return st;
		if (request && !required_word(g[2]->text, &f->required))
			return import_bad(p, g[2]->no, "expected 必须 or 可选 for %s, found \"%s\"",
					  name, g[2]->text);
		k += at;
		while (k < nb && !group_start(b, nb, k, request)) {
			if (is_limit(b[k]->text)) {
				if (nlimits < 8)
					limits[nlimits++] = b[k]->text;
			} else if (nextra == 2) {
				return import_bad(p, b[k]->no,
						  "expected at most an example and a description "
						  "for %s, found a third line \"%s\"",
						  name, b[k]->text);
			} else {
				extra[nextra++] = b[k]->text;
			}
			k++;
		}
		/* [example] description */
		if (nextra == 2 && !(f->example = strdup(extra[0])))
			return topc_form_import_nomem(p);
		if (nextra && !(f->description = strdup(extra[nextra - 1])))
			return topc_form_import_nomem(p);
		if ((st = topc_form_infer_constraints(f, request, limits, nlimits)) != TOPC_OK)
			return st;
		if (f->kind == TOPC_FIELD_OBJECT) {
			if (depth >= sizeof(stack) / sizeof(stack[0]))
				return import_bad(p, f->line, "fields nest deeper than 16 levels");
			const struct topc_tree *shape =
			    resolve(p, shape_kid(p, stack[depth - 1].shape, name));
			stack[depth].field = f;
			stack[depth].shape = shape;
			depth++;
		}
	}
	return TOPC_OK;
}

/* One table row and its bullets. */
static enum topc_status read_row(struct page *p, struct topc_field *parent,
				 const struct topc_tree *shapes, size_t i, size_t end, size_t *next,
				 bool request)
{
	struct line *l = &p->lines[i], *bullets[512];
	size_t nb = 0, k = 0, nlimits = 0;
	char *limits[8];
	char name[128], type[128], *s = l->text, *sp;
	struct topc_field *f;
	const struct topc_tree *shape;
	enum topc_status st;

	for (*next = i + 1; *next < end && (p->lines[*next].bullet || !p->lines[*next].text[0]);
	     ++*next)
		if (p->lines[*next].bullet) {
			if (nb == sizeof(bullets) / sizeof(bullets[0]))
				return import_bad(p, p->lines[*next].no,
						  "more than 512 bullet lines in one row");
			bullets[nb++] = &p->lines[*next];
		}
	if (!(sp = strchr(s, ' ')) || (size_t)(sp - s) >= sizeof(name))
		return import_bad(p, l->no,
				  "expected a parameter row \"name type%s example description\", "
				  "found \"%s\"",
				  request ? " 必须|可选" : "", s);
	snprintf(name, sizeof(name), "%.*s", (int)(sp - s), s);
	if (!topc_form_import_is_identifier(name))
		return import_bad(p, l->no,
				  "expected a parameter name at the start of the row, found \"%s\"",
				  name);
	s = sp + 1;
	sp = strchr(s, ' ');
	if (sp && strncmp(sp, " []", 3) == 0 && (sp[3] == ' ' || sp[3] == '\0'))
		sp += 3;
	snprintf(type, sizeof(type), "%.*s", (int)(sp ? sp - s : (long)strlen(s)), s);
	/* sp may stop on the NUL right after "[]": never step past it */
	s = sp ? sp + (*sp != '\0') : s + strlen(s);
	if (!(f = add_field(parent)) || !(f->name = strdup(name)))
		return topc_form_import_nomem(p);
	f->line = l->no;
	if ((st = set_type(p, f, type, l->no)) != TOPC_OK)
		return st;
	if (request) {
		char word[32];
		sp = strchr(s, ' ');
		snprintf(word, sizeof(word), "%.*s", (int)(sp ? sp - s : (long)strlen(s)), s);
		if (!required_word(word, &f->required))
			return import_bad(
			    p, l->no, "expected 必须 or 可选 after the type of %s, found \"%s\"",
			    name, word);
		s = sp ? sp + 1 : s + strlen(s);
	}
	shape = shapes ? shape_kid(p, shapes, name) : NULL;
	while (k < nb && is_limit(bullets[k]->text)) {
		if (nlimits < 8)
			limits[nlimits++] = bullets[k]->text;
		k++;
	}
	if (nlimits && k < nb && !group_start(bullets, nb, k, request)) {
		/* 更多限制 as bullets: the row holds the example, a bullet the description */
		if ((*s && !(f->example = strdup(s))) ||
		    !(f->description = strdup(bullets[k]->text)))
			return topc_form_import_nomem(p);
		k++;
	} else if ((st = split_rest(p, f, s, shape)) != TOPC_OK) {
		return st;
	}
	if ((st = topc_form_infer_constraints(f, request, limits, nlimits)) != TOPC_OK)
		return st;
	if (k < nb && f->kind != TOPC_FIELD_OBJECT)
		return import_bad(p, bullets[k]->no,
				  "%s is a %s, yet bullet lines follow it: \"%s\"", name, f->type,
				  bullets[k]->text);
	if (k < nb)
		return read_groups(p, f, shape, bullets, nb, k, request);
	return TOPC_OK;
}

static enum topc_status read_table(struct page *p, size_t from, size_t end, struct topc_field *root,
				   const struct topc_tree *shapes, bool request)
{
	for (size_t i = next_nonempty(p, from); i < end; i = next_nonempty(p, i)) {
		enum topc_status st;
		if (p->lines[i].bullet)
			return import_bad(p, p->lines[i].no,
					  "expected a parameter row, found the bullet "
					  "line \"%s\" with no row above it",
					  p->lines[i].text);
		if ((st = read_row(p, root, shapes, i, end, &i, request)) != TOPC_OK)
			return st;
	}
	return TOPC_OK;
}

/* ------------------------------------------------------------------ */
/* The page */

static bool method_line(const char *s, char **method, char **title)
{
	const char *sp = strstr(s, " (");
	size_t len = strlen(s);
	bool dot = false;

	/* Recognizes the page's heading line, loosely: the name is held to
	 * topc_method_name_ok when the imported form is checked, so a bad name
	 * is reported as such rather than as a page without a heading. */
	if (!sp || len < 4 || s[len - 1] != ')')
		return false;
	for (const char *c = s; c < sp; c++) {
		if (*c == '.')
			dot = true;
		else if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '_')
			return false;
	}
	if (!dot)
		return false;
	*method = strndup(s, (size_t)(sp - s));
	*title = strndup(sp + 2, (size_t)(s + len - 1 - (sp + 2)));
	return true;
}

/* What success means, from the response table (forms/README.md "Success"):
 * Boolean success, is_success and result fields say true; *err_code,
 * *error_code and state_code fields say 0, 200 or SUCCESS, or are empty. */
static enum topc_status add_success(struct topc_form *f, const char *path, bool flag)
{
	static const char *const flags[] = {"true"}, *const codes[] = {"", "0", "200", "SUCCESS"};
	const char *const *vals = flag ? flags : codes;
	size_t n = flag ? 1 : 4;
	struct topc_success_rule *more = realloc(f->success, (f->nsuccess + 1) * sizeof(*more));

	if (!more)
		return TOPC_ERR_NOMEM;
	f->success = more;
	memset(&more[f->nsuccess], 0, sizeof(*more));
	more = &more[f->nsuccess++];
	if (!(more->field = strdup(path)) || !(more->values = calloc(n, sizeof(*more->values))))
		return TOPC_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		if (!(more->values[more->nvalues++] = strdup(vals[i])))
			return TOPC_ERR_NOMEM;
	return TOPC_OK;
}

static bool name_ends(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

static enum topc_status derive_success(struct topc_form *f, const struct topc_field *parent,
				       const char *prefix, int depth)
{
	enum topc_status st = TOPC_OK;

	for (size_t i = 0; i < parent->nfields && st == TOPC_OK && depth < 4; i++) {
		const struct topc_field *fd = &parent->fields[i];
		char path[512];
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", fd->name);
		if (fd->array)
			continue;
		if (fd->kind == TOPC_FIELD_OBJECT)
			st = derive_success(f, fd, path, depth + 1);
		else if (fd->kind == TOPC_FIELD_BOOLEAN &&
			 (!strcmp(fd->name, "success") || !strcmp(fd->name, "is_success") ||
			  !strcmp(fd->name, "result")))
			st = add_success(f, path, true);
		else if ((fd->kind == TOPC_FIELD_STRING || fd->kind == TOPC_FIELD_NUMBER) &&
			 (name_ends(fd->name, "err_code") || name_ends(fd->name, "error_code") ||
			  !strcmp(fd->name, "state_code")))
			st = add_success(f, path, false);
	}
	return st;
}

static enum topc_status read_page(struct page *p, struct topc_form *f)
{
	size_t title = p->n, req, head, resp, rhead, end;
	enum topc_status st;

	for (size_t i = 0; i < p->n && title == p->n; i++)
		if (!p->lines[i].bullet && method_line(p->lines[i].text, &f->method, &f->title))
			title = i;
	if (title == p->n)
		return import_bad(p, 1,
				  "expected the method line, such as \"taobao.tpn.template.message."
				  "send (发送tpn模板消息)\"; copy the whole doc page");
	if (!f->method || !f->title)
		return topc_form_import_nomem(p);
	for (size_t i = 0; i < title; i++) {
		const char *last = NULL;
		for (const char *s = strstr(p->lines[i].text, "> "); s; s = strstr(s + 1, "> "))
			last = s + 2;
		if (!strstr(p->lines[i].text, "文档中心") || !last)
			continue;
		free(f->category);
		if (!(f->category = strdup(last)))
			return topc_form_import_nomem(p);
	}
	for (size_t i = title + 1; i < p->n && !f->summary; i++) {
		const char *t = p->lines[i].text;
		if (strcmp(t, "公共参数") == 0 || strcmp(t, "请求参数") == 0)
			break;
		if (*t && !(f->summary = strdup(t)))
			return topc_form_import_nomem(p);
	}
	req = topc_form_import_find_line(p, title, "请求参数");
	if (req == p->n)
		return import_bad(p, line_no(p, p->n),
				  "no line \"请求参数\" (the request parameter table); "
				  "copy the whole doc page");
	head = next_nonempty(p, req + 1);
	if (head == p->n ||
	    strncmp(p->lines[head].text, "名称 类型 是否必须", strlen("名称 类型 是否必须")))
		return import_bad(p, line_no(p, head),
				  "expected the request table's header \"名称 类型 "
				  "是否必须 示例值 更多限制 描述\"");
	resp = topc_form_import_find_line(p, head, "响应参数");
	if (resp == p->n)
		return import_bad(p, line_no(p, p->n),
				  "no line \"响应参数\" (the response parameter table) "
				  "after the request table");
	rhead = next_nonempty(p, resp + 1);
	if (rhead == p->n || strncmp(p->lines[rhead].text, "名称 类型", strlen("名称 类型")))
		return import_bad(p, line_no(p, rhead),
				  "expected the response table's header \"名称 类型 "
				  "示例值 描述\"");
	if ((st = topc_form_import_read_examples(p, rhead, f)) != TOPC_OK)
		return st;
	if ((st = read_table(p, head + 1, resp, &f->request,
			     p->have_java ? topc_tree_kid(&p->java, "req") : NULL, true)) !=
	    TOPC_OK)
		return st;
	end = topc_form_import_section_end(p, rhead + 1);
	p->resp_table_at_end = end == p->n;
	if ((st = read_table(p, rhead + 1, end, &f->response, p->have_xml ? &p->xml : NULL,
			     false)) != TOPC_OK)
		return st;
	if (derive_success(f, &f->response, "", 0) != TOPC_OK)
		return topc_form_import_nomem(p);
	f->session = p->session;
	return TOPC_OK;
}

static enum topc_status note(struct page *p, const char *what)
{
	if (!p->notes)
		return TOPC_OK;
	/* what: an N_() note, for a person only (never in the form written) */
	return topc_buf_addf(p->notes, "%s: %s\n", p->name, _(what));
}

/* What a whole page has that this one lacks. */
static enum topc_status notice_missing(struct page *p)
{
	enum topc_status st = TOPC_OK;

	if (!p->have_java)
		st = note(p, N_("no request example (请求示例): example values and the nesting of "
				"fields were read from the tables alone"));
	else if (!p->executes)
		st = note(p,
			  N_("the Java request example stops before client.execute: it may be cut "
			     "short, and whether the API needs a session is unknown"));
	if (st == TOPC_OK && !p->have_resp_section)
		st =
		    note(p, N_("no response example (响应示例): the local gateway answers with the "
			       "table's examples only"));
	else if (st == TOPC_OK && !p->have_xml)
		st = note(
		    p, N_("the response example is not whole XML (cut short?): its shape was not "
			  "checked"));
	if (st == TOPC_OK && !p->have_error_section)
		st = note(p, N_("no error example (异常示例)"));
	if (st == TOPC_OK && p->resp_table_at_end)
		st = note(p,
			  N_("the page ends in the response table: fields after the last one read "
			     "may be missing; copy the whole page"));
	return st;
}

enum topc_status topc_form_import(const char *text, const char *name, struct topc_form *f,
				  struct topc_error *err)
{
	return topc_form_import_noting(text, name, f, NULL, err);
}

enum topc_status topc_form_import_noting(const char *text, const char *name, struct topc_form *f,
					 struct topc_buf *notes, struct topc_error *err)
{
	struct page p = {.name = name, .err = err, .notes = notes};
	enum topc_status st;

	topc_form_init(f);
	st = split_lines(text, &p);
	if (st == TOPC_OK)
		st = read_page(&p, f);
	if (st == TOPC_OK && p.have_xml)
		st = topc_form_import_examples_from_xml(&p, &f->response, &p.xml);
	if (st == TOPC_OK && notice_missing(&p) != TOPC_OK)
		st = topc_form_import_nomem(&p);
	if (st == TOPC_OK && !(f->path = strdup(name)))
		st = topc_form_import_nomem(&p);
	if (st == TOPC_OK)
		st = topc_form_check(f, err);
	for (size_t i = 0; i < p.n; i++)
		free(p.lines[i].text);
	free(p.lines);
	topc_tree_release(&p.java);
	topc_tree_release(&p.xml);
	if (st != TOPC_OK)
		topc_form_release(f);
	return st;
}
