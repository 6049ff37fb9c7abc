/* form_import_examples.c - the doc page's code examples, for the importer:
 * the Java request example (which object gets which fields, and the literal
 * values it sets), the XML response example (the response fields' examples)
 * and the error example (form_import_internal.h). */
#include "form/form_import_internal.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/number.h"
#include "ext/xml.h"

/* "PushContentDto" -> "push_content_dto" */
static char *snake(const char *camel)
{
	struct topc_buf b;

	topc_buf_init(&b, 1024);
	for (const char *c = camel; *c; c++)
		if ((isupper((unsigned char)*c) && c != camel &&
		     topc_buf_addc(&b, '_') != TOPC_OK) ||
		    topc_buf_addc(&b, (char)tolower((unsigned char)*c)) != TOPC_OK)
			break; /* the buffer failed: detach gives NULL */
	return topc_buf_detach(&b, NULL);
}

static char *java_literal(const char *arg)
{
	size_t len = strlen(arg);
	const char *open = strchr(arg, '"');
	struct topc_buf b;

	if (!open) {
		if (len && (arg[len - 1] == 'L' || arg[len - 1] == 'l') &&
		    isdigit((unsigned char)arg[0]))
			len--;
		return strndup(arg, len);
	}
	/* "..." possibly inside a call such as StringUtils.parseDateTime("...") */
	topc_buf_init(&b, 1 << 16);
	for (const char *c = open + 1; *c && *c != '"'; c++) {
		char ch = *c;
		if (*c == '\\' && c[1]) {
			c++;
			ch = *c == 'n' ? '\n' : *c == 't' ? '\t' : *c;
		}
		if (topc_buf_addc(&b, ch) != TOPC_OK)
			break; /* the buffer failed: detach gives NULL */
	}
	return topc_buf_detach(&b, NULL);
}

static struct topc_tree *java_var(struct page *p, const char *var, bool create)
{
	const struct topc_tree *t = topc_tree_kid(&p->java, var);

	if (t || !create)
		return (struct topc_tree *)t;
	return topc_tree_add(&p->java, var);
}

/* `Request.Type objN = new Request.Type();` or `objN.setName(arg);` */
static enum topc_status java_line(struct page *p, const char *s)
{
	char var[64], setter[128];
	const char *open, *close;
	int n = 0;

	if (sscanf(s, "%*[A-Za-z0-9_.] %63[A-Za-z0-9_] = new %n", var, &n) == 1 && n > 0)
		return java_var(p, var, true) ? TOPC_OK : topc_form_import_nomem(p);
	if (strstr(s, ".execute(")) {
		p->executes = true;
		if (strchr(s, ','))
			p->session = true; /* execute(req, sessionKey): the API needs a session */
	}
	if (sscanf(s, "%63[A-Za-z0-9_].set%127[A-Za-z0-9_](", var, setter) != 2)
		return TOPC_OK;
	open = strchr(s, '(');
	close = strrchr(s, ')');
	if (!open || !close || close < open)
		return TOPC_OK;
	{
		struct topc_tree *owner = java_var(p, var, true), *kid;
		char *name = snake(setter), *arg = strndup(open + 1, (size_t)(close - open - 1));
		enum topc_status st = TOPC_OK;
		if (!owner || !name || !arg || !(kid = topc_tree_add(owner, name)))
			st = topc_form_import_nomem(p);
		else if (topc_form_import_is_identifier(arg) && strcmp(arg, "true") != 0 &&
			 strcmp(arg, "false") != 0 && strcmp(arg, "null") != 0)
			kid->link = strdup(arg);
		else
			kid->text = java_literal(arg);
		free(name);
		free(arg);
		return st;
	}
}

/* Non-bullet lines from..end joined with newlines (a code example). */
static char *code_block(const struct page *p, size_t from, size_t end)
{
	struct topc_buf b;

	topc_buf_init(&b, 1 << 20);
	for (size_t i = from; i < end && i < p->n; i++)
		if (!p->lines[i].bullet && p->lines[i].text[0] &&
		    topc_buf_addf(&b, "%s\n", p->lines[i].text) != TOPC_OK)
			break; /* the buffer failed: detach gives NULL */
	return topc_buf_detach(&b, NULL);
}

size_t topc_form_import_section_end(const struct page *p, size_t from)
{
	static const char *const heads[] = {"请求示例", "响应示例", "异常示例", "错误码解释"};
	size_t end = p->n;

	for (size_t i = 0; i < 4; i++) {
		size_t at = topc_form_import_find_line(p, from, heads[i]);
		end = at < end ? at : end;
	}
	return end;
}

enum topc_status topc_form_import_read_examples(struct page *p, size_t from, struct topc_form *f)
{
	size_t req = topc_form_import_find_line(p, from, "请求示例"),
	       resp = topc_form_import_find_line(p, from, "响应示例");
	size_t errx = topc_form_import_find_line(p, from, "异常示例");
	char *code;
	struct topc_tree tree;

	if (req < p->n) {
		size_t end = topc_form_import_section_end(p, req + 1);
		p->have_java = true;
		for (size_t i = req + 1; i < end; i++)
			if (!p->lines[i].bullet && java_line(p, p->lines[i].text) != TOPC_OK)
				return topc_form_import_nomem(p);
	}
	p->have_resp_section = resp < p->n;
	p->have_error_section = errx < p->n;
	if (resp < p->n &&
	    (code = code_block(p, resp + 1, topc_form_import_section_end(p, resp + 1)))) {
		p->have_xml = topc_xml_tree(code, strlen(code), &p->xml);
		free(code);
	}
	if (errx < p->n &&
	    (code = code_block(p, errx + 1, topc_form_import_section_end(p, errx + 1)))) {
		if (topc_xml_tree(code, strlen(code), &tree) &&
		    strcmp(tree.name, "error_response") == 0) {
			const struct topc_tree *c = topc_tree_kid(&tree, "code");
			const struct topc_tree *m = topc_tree_kid(&tree, "msg");
			const struct topc_tree *sc = topc_tree_kid(&tree, "sub_code");
			const struct topc_tree *sm = topc_tree_kid(&tree, "sub_msg");
			if (c && c->text) {
				long long number = 0;
				f->error.present = true;
				f->error.code = topc_number_parse(c->text, 0, INT_MAX, &number)
						    ? (long)number
						    : 0;
				f->error.msg = m && m->text ? strdup(m->text) : NULL;
				f->error.sub_code = sc && sc->text ? strdup(sc->text) : NULL;
				f->error.sub_msg = sm && sm->text ? strdup(sm->text) : NULL;
			}
		}
		topc_tree_release(&tree);
		free(code);
	}
	return TOPC_OK;
}

/* A response field without an example in the table takes the XML example's
 * text, an empty element's included (""), so the gateway answers with it. */
enum topc_status topc_form_import_examples_from_xml(struct page *p, struct topc_field *parent,
						    const struct topc_tree *node)
{
	for (size_t i = 0; node && i < parent->nfields; i++) {
		struct topc_field *f = &parent->fields[i];
		const struct topc_tree *kid = topc_tree_kid(node, f->name);
		enum topc_status st;
		if (!kid)
			continue;
		if (f->kind == TOPC_FIELD_OBJECT && !f->array) {
			if ((st = topc_form_import_examples_from_xml(p, f, kid)) != TOPC_OK)
				return st;
		} else if (!f->example && kid->text && !(f->example = strdup(kid->text))) {
			return topc_form_import_nomem(p);
		} else if (!f->example && !kid->text && !kid->nkids && !(f->example = strdup(""))) {
			return topc_form_import_nomem(p);
		}
	}
	return TOPC_OK;
}
