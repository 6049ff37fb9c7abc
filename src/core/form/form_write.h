/*
 * form_write.h - a form as a form file, the form the reader reads back.
 */
#ifndef TOPC_FORM_WRITE_H
#define TOPC_FORM_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "form/form.h"

/* Appends f as a form file's text (libconfig) to out: what import-doc
 * prints when it writes no file. */
TOPC_MUST_CHECK enum topc_status topc_form_text(const struct topc_form *f, struct topc_buf *out,
						struct topc_error *err);
/* Writes that text to path, to a temporary name renamed, so a failure never
 * leaves half a form behind. */
enum topc_status topc_form_write(const struct topc_form *f, const char *path,
				 struct topc_error *err);

#endif
