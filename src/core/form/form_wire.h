/*
 * form_wire.h - a filled form as request parameters and back.
 *
 * Serialization follows TOP_PROTOCOL.md 3.3: scalars as text; objects as
 * compact JSON with snake_case keys in alphabetical order, "/" written "\/",
 * numbers and booleans unquoted, unset fields left out (what the Java SDK
 * sends); arrays of basic types as comma lists at the top level and as JSON
 * arrays inside objects; Json fields as their JSON text.  A required field
 * left empty that has a default is sent with its default.
 */
#ifndef TOPC_FORM_WIRE_H
#define TOPC_FORM_WIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "form/form.h"
#include "base/params.h"
#include "form/form_value.h"

/* Appends the request parameters for values to params (validate first). */
enum topc_status topc_form_serialize(const struct topc_form *f, const struct topc_params *values,
				     struct topc_params *params, struct topc_error *err);

/* The reverse, as a gateway reads a request: the form's top-level parameters
 * found in params become values; object parameters are parsed as JSON and
 * spread into their fields.  Parameters that are not the form's are ignored.
 * A parameter that cannot be read becomes an invalid-value problem. */
enum topc_status topc_form_from_params(const struct topc_form *f, const struct topc_params *params,
				       struct topc_params *values,
				       struct topc_form_problems *problems);

#endif
