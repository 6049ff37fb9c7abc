/* The libxml2 adapter: plain element trees, re-indenting, and XPath queries
 * over answers. */
#include "ext/xml.h"

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

static void xml_init_once(void)
{
	xmlInitParser();
}

static void xml_silent(void *data, const char *fmt, ...)
{
	(void)data, (void)fmt;
}

static void xml_silent_structured(void *data, xmlErrorPtr e)
{
	(void)data, (void)e;
}

/* libxml2's own messages never reach stderr: XML_PARSE_NOERROR leaves
 * some out (an encoding that does not match the bytes prints "input
 * conversion failed" lines over the console and around --json), and topc
 * reports xmlGetLastError in its own words.  The handlers are per thread
 * in libxml2: set at every entry. */
static void xml_quiet(void)
{
	xmlSetGenericErrorFunc(NULL, xml_silent);
	xmlSetStructuredErrorFunc(NULL, xml_silent_structured);
}

/* libxml2 must be set up once before threads (the gateway's) use it */
static bool xml_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, xml_init_once);
	xml_quiet();
	return true;
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

/* libxml2 refuses documents nested deeper than 256 without XML_PARSE_HUGE;
 * the copy goes as deep */
#define XML_DEPTH_MAX 256

static bool copy_element(const xmlNode *n, struct topc_tree *t, int depth)
{
	bool has_elements = false;

	for (const xmlNode *c = n->children; c; c = c->next) {
		struct topc_tree *kid;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		has_elements = true;
		kid = topc_tree_add(t, (const char *)c->name);
		if (!kid || depth > XML_DEPTH_MAX || !copy_element(c, kid, depth + 1))
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

static bool encoding_code(int code)
{
	/* XML_ERR_INVALID_CHAR: libxml2 before 2.12 says "Input is not proper
	 * UTF-8" with it (2.12 and later: XML_ERR_INVALID_ENCODING) */
	return code == XML_ERR_INVALID_ENCODING || code == XML_I18N_CONV_FAILED ||
	       code == XML_ERR_UNSUPPORTED_ENCODING || code == XML_ERR_INVALID_CHAR;
}

/* an encoding failure seen anywhere in the parse: libxml2 goes on after a
 * conversion failed and its last error is then "Premature end of data" */
static void xml_note_encoding(void *data, xmlErrorPtr e)
{
	if (e && encoding_code(e->code))
		*(bool *)data = true;
}

static enum topc_xml_fault fault_of(const xmlError *e, bool encoding)
{
	if (encoding || (e && encoding_code(e->code)))
		return TOPC_XML_FAULT_ENCODING;
	if (e && e->code == XML_ERR_DOCUMENT_END)
		return TOPC_XML_FAULT_EXTRA_CONTENT;
	return TOPC_XML_FAULT_MALFORMED;
}

static bool parse_tree(const char *text, size_t len, const char *encoding, struct topc_tree *root,
		       struct topc_error *why, enum topc_xml_fault *fault)
{
	xmlDoc *doc;
	xmlNode *top;
	bool ok, bad_encoding = false;

	memset(root, 0, sizeof(*root));
	if (fault)
		*fault = TOPC_XML_FAULT_MALFORMED;
	if (len > INT_MAX || !xml_init()) {
		if (len > INT_MAX)
			topc_error_set(why, TOPC_ERR_PARSE, "too large to parse");
		else
			topc_error_set(why, TOPC_ERR_PARSE, "parse error");
		return false;
	}
	/* No network, no entity expansion.  A trailing <!--top...--> comment
	 * after the root is legal XML. */
	xmlResetLastError();
	xmlSetStructuredErrorFunc(&bad_encoding, xml_note_encoding);
	doc = xmlReadMemory(text, (int)len, "text.xml", encoding,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xml_quiet();
	top = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!top) {
		const xmlError *e = xmlGetLastError();
		if (fault)
			*fault = fault_of(e, bad_encoding);
		if (e && e->message) /* libxml2's own words, its first line */
			topc_error_set(why, TOPC_ERR_PARSE, "%.*s at line %d",
				       (int)strcspn(e->message, "\n"), e->message, e->line);
		else
			topc_error_set(why, TOPC_ERR_PARSE, "parse error at line %d",
				       e ? e->line : 0);
	}
	ok = top && (root->name = strdup((const char *)top->name)) && copy_element(top, root, 0);
	if (top && !ok)
		topc_error_set(why, TOPC_ERR_PARSE, "out of memory or nested deeper than %d",
			       XML_DEPTH_MAX);
	xmlFreeDoc(doc);
	if (!ok)
		topc_tree_release(root);
	else if (fault)
		*fault = TOPC_XML_FAULT_NONE;
	return ok;
}

bool topc_xml_tree(const char *text, size_t len, struct topc_tree *root)
{
	return parse_tree(text, len, "UTF-8", root, NULL, NULL);
}

bool topc_xml_parse(const char *text, size_t len, struct topc_tree *root, struct topc_error *why,
		    enum topc_xml_fault *fault)
{
	return parse_tree(text, len, NULL, root, why, fault);
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

/* libxml2's errors into xe while ctx compiles and runs (xml_quiet ends it):
 * some errors bypass the context and go to the thread's handler, which
 * prints them raw, so that one too. */
static void xpath_listen(xmlXPathContext *ctx, struct xpath_error *xe)
{
	ctx->error = xpath_error_cb;
	ctx->userData = xe;
	xmlSetStructuredErrorFunc(xe, xpath_error_cb);
	xmlSetGenericErrorFunc(xe, xpath_generic_error);
}

/* An expression that does not compile, in libxml2's own words when it gave
 * some. */
static enum topc_status xpath_uncompiled(const struct xpath_error *xe, struct topc_error *err)
{
	return xe->text[0]
		   ? topc_error_set(err, TOPC_ERR_USAGE, "XPath: %s", xe->text)
		   : topc_error_set(err, TOPC_ERR_USAGE, "XPath: the expression does not compile");
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
	xpath_listen(ctx, &xe);
	comp = xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
	if (comp)
		*res = xmlXPathCompiledEval(comp, ctx);
	xml_quiet();
	xmlXPathFreeCompExpr(comp);
	xmlXPathFreeContext(ctx);
	if (!comp)
		return xpath_uncompiled(&xe, err);
	if (!*res)
		return xe.text[0] ? topc_error_set(err, TOPC_ERR_INPUT, "XPath: %s", xe.text)
				  : topc_error_set(err, TOPC_ERR_INPUT,
						   "XPath: the expression cannot be evaluated");
	return TOPC_OK;
}

enum topc_status topc_xpath_check(const char *expr, struct topc_error *err)
{
	struct xpath_error xe = {{0}};
	xmlXPathContext *ctx;
	xmlXPathCompExpr *comp;

	if (!xml_init() || !(ctx = xmlXPathNewContext(NULL)))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory starting XPath");
	xpath_listen(ctx, &xe);
	comp = xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
	xml_quiet();
	xmlXPathFreeContext(ctx);
	if (!comp)
		return xpath_uncompiled(&xe, err);
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
