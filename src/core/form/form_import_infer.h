/*
 * form_import_infer.h - the constraints a doc page states about a field in
 * words, for the importer (form_import.c) only: the 更多限制 items go into
 * f->c (formal rules), what the description's prose says into f->prose
 * (warnings).  f's kind, array flag and description must be set first.
 */
#ifndef TOPC_FORM_IMPORT_INFER_H
#define TOPC_FORM_IMPORT_INFER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "form/form.h"

/* limits: the row's 更多限制 items ("最大长度:64"); request: the field is a
 * request parameter (uniqueness is read for those only).  TOPC_ERR_NOMEM
 * is the only failure. */
enum topc_status topc_form_infer_constraints(struct topc_field *f, bool request, char **limits,
					     size_t nlimits);

#endif
