/*
 * form_import.h - a form from the text of a TOP API doc page, as a browser
 * copies it: the method line, the request parameter table (nested fields as
 * "• └ name" bullet lines, 更多限制 items as bullets), the response table,
 * and the Java request, response and error examples.
 *
 * The Java request example and the XML response example settle what the
 * tables leave ambiguous: where an example value ends and the description
 * begins, and which bullet fields belong to which nested object.
 *
 * Constraints are read from the text (forms/README.md lists the phrases):
 * choices ("1-单品,2-活动会场", "推送到APP:“push_app”"), ranges ("支持6-48"),
 * date formats ("yyyy-MM-dd HH:mm"), defaults ("默认值:1", "默认为0",
 * "默认蓝色"), UUIDs, JSON text, and unique fields ("唯一",
 * "同一个用户bizId不要相同").
 */
#ifndef TOPC_FORM_IMPORT_H
#define TOPC_FORM_IMPORT_H

#include "base/buf.h"
#include "base/error.h"
#include "form/form.h"

/* Reads a page; `name` stands for the file in messages ("page.txt:12: ...").
 * On failure f is left empty and the message names the line and what was
 * expected there. */
enum topc_status topc_form_import(const char *text, const char *name, struct topc_form *f,
				  struct topc_error *err);
/* The same, and what a whole page has that this one lacks (a page cut
 * short: no request, response or error example, a Java example without its
 * execute line, a response example that is not whole XML, a page ending in
 * the response table), one line each, appended to notes: the form imports,
 * but those parts were guessed or are missing. */
enum topc_status topc_form_import_noting(const char *text, const char *name, struct topc_form *f,
					 struct topc_buf *notes, struct topc_error *err);

#endif
