/* The libxml2 adapter: classification of format=xml answers, plain trees for
 * doc page examples, re-indenting, and XPath queries over answers. */
#include "top/outcome.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <pthread.h>
#include "base/number.h"
#include "ext/xmltree.h"

static xmlNode *child_element(const xmlNode *parent, const char *name)
{
	for (xmlNode *n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

static char *child_text(const xmlNode *parent, const char *name)
{
	xmlNode *n = child_element(parent, name);
	xmlChar *content;
	char *copy;

	if (!n)
		return NULL;
	content = xmlNodeGetContent(n);
	copy = content ? strdup((const char *)content) : NULL;
	xmlFree(content);
	return copy;
}

/* The leaf elements under node as dotted paths, a few levels deep (an
 * element repeated, as a list's items are, counts once). */
static void flatten(const xmlNode *node, const char *prefix, int depth, struct topc_params *leaves)
{
	if (depth > 4)
		return;
	for (xmlNode *n = node->children; n; n = n->next) {
		char path[512];
		bool leaf = true;
		if (n->type != XML_ELEMENT_NODE || leaves->count >= 1024)
			continue;
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "",
			 (const char *)n->name);
		size_t text_len = 0;
		for (xmlNode *k = n->children; k && leaf; k = k->next) {
			leaf = k->type != XML_ELEMENT_NODE;
			if (k->content)
				text_len += (size_t)xmlStrlen(k->content);
		}
		/* flags, codes and messages are short; a longer text is no rule's
		 * input, and copying it would double a large answer */
		if (leaf && text_len > 65536)
			continue;
		if (!leaf) {
			flatten(n, path, depth + 1, leaves);
		} else if (!topc_params_get(leaves, path)) {
			xmlChar *content = xmlNodeGetContent(n);
			enum topc_status st =
			    topc_params_set(leaves, path, content ? (const char *)content : "");
			xmlFree(content);
			if (st != TOPC_OK)
				return;
		}
	}
}

static void xml_init_once(void)
{
	xmlInitParser();
}

/* libxml2 must be set up once before threads (the gateway's) use it */
static bool xml_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, xml_init_once);
	return true;
}

void topc_xml_classify(const char *body, size_t len, struct topc_outcome *out,
		       struct topc_params *leaves)
{
	xmlDoc *doc;
	xmlNode *root;

	if (len > INT_MAX) {
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_outcome_set(&out->detail, "the XML body is too large to parse");
		return;
	}
	xml_init();
	/* A trailing <!--top...--> comment after the root is legal XML, so the
	 * parser takes it as it is.  No network, no entity expansion. */
	doc = xmlReadMemory(body, (int)len, "response.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		const xmlError *e = xmlGetLastError();
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		const char *why = e && e->message ? e->message : "parse error";
		topc_outcome_setf(&out->detail, "the body is not valid XML (%.*s at line %d)",
				  (int)strcspn(why, "\n"), why, e ? e->line : 0);
		xmlFreeDoc(doc);
		return;
	}
	topc_outcome_set(&out->wrapper, (const char *)root->name);
	if (strcmp((const char *)root->name, "error_response") == 0) {
		char *code = child_text(root, "code");
		out->cls = TOPC_OUTCOME_API_ERROR;
		if (code) {
			long long v = 0;
			if (topc_number_parse(code, LLONG_MIN, LLONG_MAX, &v)) {
				out->has_code = true;
				out->code = v;
			}
		}
		free(code);
		out->msg = child_text(root, "msg");
		out->sub_code = child_text(root, "sub_code");
		out->sub_msg = child_text(root, "sub_msg");
	} else {
		out->cls = TOPC_OUTCOME_SUCCESS;
		if (leaves)
			flatten(root, "", 0, leaves);
	}
	free(out->request_id);
	out->request_id = child_text(root, "request_id");
	xmlFreeDoc(doc);
}

/* ------------------------------------------------------------------ */
/* Plain trees, for the examples on doc pages */

void topc_tree_release(struct topc_tree *t)
{
	for (size_t i = 0; i < t->nkids; i++)
		topc_tree_release(&t->kids[i]);
	free(t->kids);
	free(t->name);
	free(t->text);
	free(t->link);
	memset(t, 0, sizeof(*t));
}

const struct topc_tree *topc_tree_kid(const struct topc_tree *t, const char *name)
{
	for (size_t i = 0; t && i < t->nkids; i++)
		if (strcmp(t->kids[i].name, name) == 0)
			return &t->kids[i];
	return NULL;
}

struct topc_tree *topc_tree_add(struct topc_tree *t, const char *name)
{
	struct topc_tree *kids = realloc(t->kids, (t->nkids + 1) * sizeof(*kids));

	if (!kids)
		return NULL;
	t->kids = kids;
	memset(&kids[t->nkids], 0, sizeof(*kids));
	if (!(kids[t->nkids].name = strdup(name)))
		return NULL;
	return &kids[t->nkids++];
}

static bool copy_element(const xmlNode *n, struct topc_tree *t, int depth)
{
	bool has_elements = false;

	for (const xmlNode *c = n->children; c; c = c->next) {
		struct topc_tree *kid;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		has_elements = true;
		kid = topc_tree_add(t, (const char *)c->name);
		if (!kid || depth > 32 || !copy_element(c, kid, depth + 1))
			return false;
	}
	if (!has_elements) {
		xmlChar *content = xmlNodeGetContent(n);
		t->text = strdup(content ? (const char *)content : "");
		xmlFree(content);
		return t->text != NULL;
	}
	return true;
}

bool topc_xml_tree(const char *text, size_t len, struct topc_tree *root)
{
	xmlDoc *doc;
	xmlNode *top;
	bool ok;

	memset(root, 0, sizeof(*root));
	if (len > INT_MAX || !xml_init())
		return false;
	doc = xmlReadMemory(text, (int)len, NULL, "UTF-8",
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	top = doc ? xmlDocGetRootElement(doc) : NULL;
	ok = top && (root->name = strdup((const char *)top->name)) && copy_element(top, root, 0);
	xmlFreeDoc(doc);
	if (!ok)
		topc_tree_release(root);
	return ok;
}

enum topc_status topc_xml_pretty(const char *text, size_t len, struct topc_buf *out)
{
	xmlDoc *doc = NULL;
	xmlChar *mem = NULL;
	int size = 0;
	enum topc_status st;

	if (len <= INT_MAX && xml_init())
		doc = xmlReadMemory(text, (int)len, NULL, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
	if (doc) {
		xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
		xmlFreeDoc(doc);
	}
	if (!mem || size <= 0) {
		xmlFree(mem);
		st = topc_buf_add(out, text, len);
		return st == TOPC_OK ? TOPC_ERR_PARSE : st;
	}
	/* libxml2 indents with two spaces already; drop its final newline */
	st = topc_buf_add(out, (const char *)mem, (size_t)size - (mem[size - 1] == '\n'));
	xmlFree(mem);
	return st;
}

/* ------------------------------------------------------------------ */
/* XPath */

struct xpath_error {
	char text[200];
};

static void xpath_generic_error(void *data, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void xpath_generic_error(void *data, const char *fmt, ...)
{
	struct xpath_error *x = data;
	va_list ap;

	if (x->text[0])
		return;
	va_start(ap, fmt);
	vsnprintf(x->text, sizeof(x->text), fmt, ap);
	va_end(ap);
	x->text[strcspn(x->text, "\n")] = '\0';
}

static void xpath_error_cb(void *data, xmlErrorPtr e)
{
	struct xpath_error *x = data;

	if (!x->text[0] && e && e->message)
		snprintf(x->text, sizeof(x->text), "%.*s", (int)strcspn(e->message, "\n"),
			 e->message);
}

/* One node as a line: its text when it holds no elements, else its XML */
static enum topc_status node_line(xmlDoc *doc, xmlNode *n, struct topc_buf *out)
{
	enum topc_status st;
	bool elements = false;

	for (xmlNode *c = n->type == XML_ELEMENT_NODE ? n->children : NULL; c; c = c->next)
		elements |= c->type == XML_ELEMENT_NODE;
	if (elements) {
		xmlBuffer *b = xmlBufferCreate();
		if (!b || xmlNodeDump(b, doc, n, 0, 0) < 0) {
			xmlBufferFree(b);
			return TOPC_ERR_NOMEM;
		}
		st = topc_buf_add(out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
		xmlBufferFree(b);
	} else {
		xmlChar *text = xmlNodeGetContent(n);
		st = topc_buf_adds(out, text ? (const char *)text : "");
		xmlFree(text);
	}
	return st == TOPC_OK ? topc_buf_addc(out, '\n') : st;
}

/* Evaluates expr over xml; the caller frees *doc and *res */
static enum topc_status xpath_eval(const char *expr, const char *xml, size_t len, xmlDoc **doc,
				   xmlXPathObject **res, struct topc_error *err)
{
	struct xpath_error xe = {{0}};
	xmlXPathContext *ctx;
	xmlXPathCompExpr *comp;

	*doc = NULL;
	*res = NULL;
	if (len > INT_MAX || !xml_init())
		return topc_error_set(err, TOPC_ERR_INPUT, "the answer is too large for XPath");
	*doc = xmlReadMemory(xml, (int)len, "response.xml", NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!*doc || !xmlDocGetRootElement(*doc))
		return topc_error_set(err, TOPC_ERR_INPUT, "the answer is not XML");
	if (!(ctx = xmlXPathNewContext(*doc)))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting XPath");
	ctx->error = xpath_error_cb;
	ctx->userData = &xe;
	/* some errors bypass the context and go to the thread's handler, which
	 * prints them raw: catch those too */
	xmlSetStructuredErrorFunc(&xe, xpath_error_cb);
	xmlSetGenericErrorFunc(&xe, xpath_generic_error);
	comp = xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
	if (comp)
		*res = xmlXPathCompiledEval(comp, ctx);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	xmlXPathFreeCompExpr(comp);
	xmlXPathFreeContext(ctx);
	if (!comp)
		return topc_error_set(err, TOPC_ERR_USAGE, "XPath: %s",
				      xe.text[0] ? xe.text : "the expression does not compile");
	if (!*res)
		return topc_error_set(err, TOPC_ERR_INPUT, "XPath: %s",
				      xe.text[0] ? xe.text : "the expression cannot be evaluated");
	return TOPC_OK;
}

enum topc_status topc_xpath_check(const char *expr, struct topc_error *err)
{
	struct xpath_error xe = {{0}};
	xmlXPathContext *ctx;
	xmlXPathCompExpr *comp;

	if (!xml_init() || !(ctx = xmlXPathNewContext(NULL)))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting XPath");
	ctx->error = xpath_error_cb;
	ctx->userData = &xe;
	xmlSetStructuredErrorFunc(&xe, xpath_error_cb);
	xmlSetGenericErrorFunc(&xe, xpath_generic_error);
	comp = xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	xmlXPathFreeContext(ctx);
	if (!comp)
		return topc_error_set(err, TOPC_ERR_USAGE, "XPath: %s",
				      xe.text[0] ? xe.text : "the expression does not compile");
	xmlXPathFreeCompExpr(comp);
	return TOPC_OK;
}

enum topc_status topc_xpath_run(const char *expr, const char *xml, size_t len, struct topc_buf *out,
				size_t *count, struct topc_error *err)
{
	xmlDoc *doc;
	xmlXPathObject *res;
	enum topc_status st = xpath_eval(expr, xml, len, &doc, &res, err);

	*count = 0;
	if (st == TOPC_OK && res->type == XPATH_NODESET) {
		for (int i = 0; res->nodesetval && i < res->nodesetval->nodeNr && st == TOPC_OK;
		     i++) {
			st = node_line(doc, res->nodesetval->nodeTab[i], out);
			(*count)++;
		}
	} else if (st == TOPC_OK) {
		xmlChar *text = xmlXPathCastToString(res);
		st = topc_buf_adds(out, text ? (const char *)text : "");
		if (st == TOPC_OK)
			st = topc_buf_addc(out, '\n');
		xmlFree(text);
		*count = 1;
	}
	if (st == TOPC_ERR_NOMEM)
		topc_error_set(err, st, "out of memory writing the query's results");
	xmlXPathFreeObject(res);
	xmlFreeDoc(doc);
	return st;
}

enum topc_status topc_xpath_test(const char *expr, const char *xml, size_t len, bool *truthy,
				 struct topc_error *err)
{
	xmlDoc *doc;
	xmlXPathObject *res;
	enum topc_status st = xpath_eval(expr, xml, len, &doc, &res, err);

	*truthy = st == TOPC_OK && xmlXPathCastToBoolean(res);
	xmlXPathFreeObject(res);
	xmlFreeDoc(doc);
	return st;
}
