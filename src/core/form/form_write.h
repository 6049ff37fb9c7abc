/*
 * form_write.h - a form as a form file, the form the reader reads back.
 */
#ifndef TOPC_FORM_WRITE_H
#define TOPC_FORM_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "form/form.h"

/* Writes f as a form file (libconfig text) to path, or to stdout when path
 * is NULL.  A file is written to a temporary name and renamed, so a failure
 * never leaves half a form behind. */
enum topc_status topc_form_write(const struct topc_form *f, const char *path,
				 struct topc_error *err);

#endif
