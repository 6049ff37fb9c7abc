/* The libxml2 adapter: classification of format=xml answers. */
#include "outcome.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static bool element_is_false(const xmlNode *parent, const char *name)
{
	char *text = child_text(parent, name);
	bool f = text && strcmp(text, "false") == 0;
	free(text);
	return f;
}

static bool find_business_failure(const xmlNode *node, const char *path, int depth,
				  struct topc_outcome *out)
{
	static const char *const flags[] = {"success", "is_success"};

	if (depth > 3)
		return false;
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (element_is_false(node, flags[i])) {
			char *msg = child_text(node, "error_msg");
			if (!msg)
				msg = child_text(node, "extra_err_msg");
			topc_outcome_setf(&out->detail, "%s%s%s is false%s%s", path, *path ? "." : "",
					  flags[i], msg ? "; " : "", msg ? msg : "");
			free(msg);
			return true;
		}
	}
	for (xmlNode *n = node->children; n; n = n->next) {
		char sub[256];
		if (n->type != XML_ELEMENT_NODE)
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", (const char *)n->name);
		if (find_business_failure(n, sub, depth + 1, out))
			return true;
	}
	return false;
}

void topc_xml_classify(const char *body, size_t len, struct topc_outcome *out)
{
	xmlDoc *doc;
	xmlNode *root;

	if (len > INT_MAX) {
		out->cls = TOPC_OUTCOME_UNPARSEABLE;
		topc_outcome_set(&out->detail, "the XML body is too large to parse");
		return;
	}
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
		char *end = NULL;
		out->cls = TOPC_OUTCOME_API_ERROR;
		if (code) {
			long long v = strtoll(code, &end, 10);
			if (end != code && *end == '\0') {
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
		if (find_business_failure(root, "", 0, out))
			out->cls = TOPC_OUTCOME_BUSINESS_FAILURE;
	}
	free(out->request_id);
	out->request_id = child_text(root, "request_id");
	xmlFreeDoc(doc);
}
