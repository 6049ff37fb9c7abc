/* export.c - one walk over a request for every language, and the curl
 * script (export.h); each language's table is in export_lang.c. */
#include "export/export.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "form/form.h"
#include "form/form_json.h"
#include "form/form_value.h"
#include "form/form_type.h"
#include "send/request.h"
#include "top/sign.h"
#include "form/form_wire.h"
#include "export/export_internal.h"

/* ------------------------------------------------------------------ */
/* values */

static enum topc_status literal_scalar(const struct emit *e, enum topc_field_kind kind,
				       const char *v, struct topc_buf *lit)
{
	const struct lang *L = e->lang;

	if (kind == TOPC_FIELD_NUMBER && L->number_suffix && topc_integer_text(v))
		return topc_buf_addf(lit, "%s%s", v, L->number_suffix);
	if (kind == TOPC_FIELD_BOOLEAN && L->bare_bool &&
	    (strcmp(v, "true") == 0 || strcmp(v, "false") == 0))
		return topc_buf_adds(lit, v);
	if (kind == TOPC_FIELD_DATE && L->date_open)
		return topc_buf_adds(lit, L->date_open) || L->quote(lit, v) ||
			       topc_buf_addc(lit, ')')
			   ? TOPC_ERR_NOMEM
			   : TOPC_OK;
	return L->quote(lit, v);
}

/* An array inside a structure: a list in the language, its elements typed.
 * False when the language has no lists or v is not an array. */
static bool literal_list(const struct emit *e, const struct topc_field *fd, const char *v,
			 struct topc_buf *lit, enum topc_status *st)
{
	const struct lang *L = e->lang;
	char **elems = NULL;
	size_t n = 0;

	if (!L->list_open || !topc_array_split(fd, v, &elems, &n))
		return false;
	*st = topc_buf_adds(lit, fd->kind == TOPC_FIELD_NUMBER && L->number_list_open
				     ? L->number_list_open
				     : L->list_open);
	for (size_t i = 0; i < n && *st == TOPC_OK; i++)
		*st = (i && topc_buf_adds(lit, ", ")) ? TOPC_ERR_NOMEM
						      : literal_scalar(e, fd->kind, elems[i], lit);
	if (*st == TOPC_OK)
		*st = topc_buf_adds(lit, L->list_close);
	topc_array_free(elems, n);
	return true;
}

/* ------------------------------------------------------------------ */
/* the typed walk: Java, .NET, PHP */

/* A parameter that is one of the form's own (top-level) fields */
static bool form_param(const struct topc_form *f, const char *name)
{
	return f && !strchr(name, '.') && topc_field_find(&f->request, name);
}

static bool has_value_under(const struct emit *e, const char *prefix)
{
	for (size_t i = 0; i < e->values.count; i++)
		if (topc_form_path_within(e->values.items[i].name, prefix))
			return true;
	return false;
}

static void walk_object(struct emit *e, const struct topc_field *obj, const char *prefix,
			const char *owner, bool top);

/* A variable for a structure or list: objN and listN, or (PHP) named after
 * its field, numbered when that name is taken */
static void child_name(struct emit *e, const char *field, const char *suffix, const char *counted,
		       struct topc_buf *child)
{
	++e->objects;
	if (e->lang->child_named) {
		export_check(e, export_ident(child, field));
		export_check(e, topc_buf_adds(child, suffix));
		if (topc_params_get(&e->used, topc_buf_str(child)))
			export_check(e, topc_buf_addf(child, "%d", e->objects));
		export_check(e, topc_params_set(&e->used, topc_buf_str(child), ""));
	} else {
		export_check(e, topc_buf_addf(child, "%s%d", counted, e->objects));
	}
}

static void walk_structure(struct emit *e, const struct topc_field *fd, const char *path,
			   const char *owner, bool top)
{
	struct topc_buf child;
	struct line l = {.owner = owner, .name = fd->name, .type = fd->type};

	topc_buf_init(&child, 0);
	child_name(e, fd->name, "", "obj", &child); /* PHP: $push_content_dto */
	l.child = topc_buf_str(&child);
	export_put_line(e, e->lang->new_object, &l);
	walk_object(e, fd, path, l.child, false);
	export_put_line(e, top ? e->lang->set_object : e->lang->set_nested_object, &l);
	topc_buf_release(&child);
}

/* One element of an array of structures as the paths walk_object reads
 * (name, owner.nick), from its JSON: false when it holds what the form's
 * fields cannot say (a member the form does not know, a null, not an
 * object), so the caller writes the JSON text as it was sent instead. */
static bool element_values(const struct topc_field *fd, const struct topc_jnode *obj,
			   const char *prefix, struct topc_params *out)
{
	bool ok = obj->kind == TOPC_J_OBJECT;

	for (size_t i = 0; ok && i < obj->nkids; i++) {
		const struct topc_jnode *m = &obj->kids[i];
		const struct topc_field *sf = topc_field_find(fd, m->key);
		struct topc_buf path, text;
		if (!sf || m->kind == TOPC_J_NULL)
			return false;
		topc_buf_init(&path, 0);
		topc_buf_init(&text, 0);
		ok = topc_buf_addf(&path, "%s%s%s", prefix, *prefix ? "." : "", m->key) == TOPC_OK;
		if (ok && sf->kind == TOPC_FIELD_OBJECT && !sf->array)
			ok = element_values(sf, m, topc_buf_str(&path), out);
		else if (ok)
			ok = (m->kind == TOPC_J_STRING ? topc_buf_adds(&text, m->text)
						       : topc_jnode_write(m, &text)) == TOPC_OK &&
			     topc_params_set(out, topc_buf_str(&path), topc_buf_str(&text)) ==
				 TOPC_OK;
		topc_buf_release(&path);
		topc_buf_release(&text);
	}
	return ok;
}

/* An array of structures as the SDK's typed request takes it: a list of
 * the request class's inner objects (Java List<R.T>, .NET List<R.TDomain>,
 * PHP an array json_encode writes).  False when its value cannot be read
 * so; the caller writes the JSON text then. */
static bool walk_list(struct emit *e, const struct topc_field *fd, const char *value,
		      const char *owner, bool top)
{
	struct topc_jnode list;
	char why[128];
	struct topc_params *elems;
	bool ok;

	if (!e->lang->new_list ||
	    !topc_jnode_parse_kind(value, TOPC_J_ARRAY, &list, why, sizeof(why)))
		return false;
	elems = calloc(list.nkids ? list.nkids : 1, sizeof(*elems));
	ok = elems != NULL;
	for (size_t i = 0; ok && i < list.nkids; i++) {
		topc_params_init(&elems[i]);
		if (!(ok = element_values(fd, &list.kids[i], "", &elems[i])))
			for (size_t k = 0; k <= i; k++)
				topc_params_release(&elems[k]);
	}
	if (ok) {
		struct topc_buf name;
		struct line l = {.owner = owner, .name = fd->name, .type = fd->type};
		topc_buf_init(&name, 0);
		child_name(e, fd->name, "", "list", &name);
		l.child = topc_buf_str(&name);
		export_put_line(e, e->lang->new_list, &l);
		for (size_t i = 0; i < list.nkids; i++) {
			struct topc_buf obj;
			struct topc_params saved = e->values;
			struct line el = {
			    .owner = topc_buf_str(&name), .name = fd->name, .type = fd->type};
			topc_buf_init(&obj, 0);
			child_name(e, fd->name, "_item", "obj", &obj);
			el.child = topc_buf_str(&obj);
			export_put_line(e, e->lang->new_object, &el);
			export_put_line(e, e->lang->list_add, &el);
			e->values = elems[i];
			walk_object(e, fd, "", el.child, false);
			e->values = saved;
			topc_params_release(&elems[i]);
			topc_buf_release(&obj);
		}
		export_put_line(e, top ? e->lang->set_list : e->lang->set_nested_list, &l);
		topc_buf_release(&name);
	}
	free(elems);
	topc_jnode_release(&list);
	return ok;
}

static void walk_leaf(struct emit *e, const struct topc_field *fd, const char *value,
		      const char *owner, bool top)
{
	struct topc_buf lit;
	struct line l = {.owner = owner, .name = fd->name};
	const char *tmpl = top ? e->lang->set_value : e->lang->set_nested_value;

	enum topc_status st = TOPC_OK;

	topc_buf_init(&lit, 0);
	if (fd->array &&
	    (top || fd->kind == TOPC_FIELD_OBJECT || !literal_list(e, fd, value, &lit, &st)))
		st = e->lang->quote(&lit, value); /* on the wire: a comma list (or JSON) */
	else if (!fd->array && fd->kind == TOPC_FIELD_JSON) {
		st = e->lang->quote(&lit, value);
		if (top)
			tmpl = e->lang->set_json;
	} else if (!fd->array)
		st = literal_scalar(e, fd->kind, value, &lit);
	export_check(e, st);
	l.value = topc_buf_str(&lit);
	export_put_line(e, tmpl, &l);
	topc_buf_release(&lit);
}

static void walk_object(struct emit *e, const struct topc_field *obj, const char *prefix,
			const char *owner, bool top)
{
	for (size_t i = 0; i < obj->nfields && e->st == TOPC_OK; i++) {
		const struct topc_field *fd = &obj->fields[i];
		struct topc_buf path;
		const char *v;

		topc_buf_init(&path, 0);
		export_check(e,
			     topc_buf_addf(&path, "%s%s%s", prefix, *prefix ? "." : "", fd->name));
		v = topc_params_get(&e->values, topc_buf_str(&path));
		if (fd->kind == TOPC_FIELD_OBJECT && !fd->array && !v) {
			if (has_value_under(e, topc_buf_str(&path)))
				walk_structure(e, fd, topc_buf_str(&path), owner, top);
		} else if (v && *v) {
			if (!(fd->kind == TOPC_FIELD_OBJECT && fd->array &&
			      walk_list(e, fd, v, owner, top)))
				walk_leaf(e, fd, v, owner, top);
		}
		topc_buf_release(&path);
	}
}

/* Parameters the form does not know (sent with -S): as text, by name */
static void walk_others(struct emit *e, const char *owner)
{
	const struct topc_params *p = e->r->params;

	for (size_t i = 0; p && i < p->count && e->st == TOPC_OK; i++) {
		const char *name = p->items[i].name;
		if (topc_form_is_system_name(name) || !p->items[i].value[0] ||
		    form_param(e->r->form, name))
			continue;
		struct topc_buf lit;
		struct line l = {.owner = owner, .name = name};
		topc_buf_init(&lit, 0);
		export_check(e, e->lang->quote(&lit, p->items[i].value));
		l.value = topc_buf_str(&lit);
		export_put_line(e, e->lang->set_other, &l);
		topc_buf_release(&lit);
	}
}

static void flat_one(struct emit *e, const char *name, const char *value,
		     const struct topc_field *fd);

/* simplify=true and target_app_key, the system parameters a request says
 * through r rather than its parameters (a form not yet sent): name and
 * value, NULL when it did not go out.  The one list of them, for the
 * walks and the curl script. */
#define SYSTEM_EXTRAS 2
static void system_extras(const struct topc_export_request *r, const char *extra[][2])
{
	extra[0][0] = "simplify";
	extra[0][1] = export_simplify_of(r) ? "true" : NULL;
	extra[1][0] = "target_app_key";
	extra[1][1] = export_target_of(r);
}

/* The system extras, which the walks skip, as parameters of the request:
 * sent and signed as the ones topc sent (the gateway reads them from the
 * body too, TOP_PROTOCOL.md 1.2).  Java takes them where its SDK does
 * (java_prologue). */
static void walk_system_extras(struct emit *e, bool flat)
{
	const char *extra[SYSTEM_EXTRAS][2];

	system_extras(e->r, extra);
	for (size_t i = 0; i < SYSTEM_EXTRAS && e->st == TOPC_OK; i++) {
		struct topc_buf lit;
		struct line l = {.owner = "req", .name = extra[i][0]};
		if (!extra[i][1])
			continue;
		if (flat) {
			flat_one(e, extra[i][0], extra[i][1], NULL);
			continue;
		}
		topc_buf_init(&lit, 0);
		export_check(e, e->lang->quote(&lit, extra[i][1]));
		l.value = topc_buf_str(&lit);
		export_put_line(e, e->lang->set_other, &l);
		topc_buf_release(&lit);
	}
}

/* ------------------------------------------------------------------ */
/* the flat walk: Python, NodeJS, C */

static void flat_one(struct emit *e, const char *name, const char *value,
		     const struct topc_field *fd)
{
	struct topc_buf lit;
	struct line l = {.owner = "req", .name = name};

	topc_buf_init(&lit, 0);
	if (fd && !fd->array && fd->kind == TOPC_FIELD_NUMBER)
		export_check(e, literal_scalar(e, fd->kind, value, &lit));
	else
		export_check(e, e->lang->quote(&lit, value));
	l.value = topc_buf_str(&lit);
	if (e->lang->setattr && !export_python_ident(name))
		export_put_line(e, "setattr(req, %N, %v)", &l);
	else
		export_put_line(e, e->lang->flat_param, &l);
	topc_buf_release(&lit);
}

/* The parameters in the order the code writes them: the system ones as sent
 * (with_system), then the form's in its order (the doc page's), then the
 * rest as sent.  Empty values are neither sent nor written. */
static enum topc_status flat_order(const struct topc_export_request *r, struct topc_params *order,
				   bool with_system)
{
	enum topc_status st = TOPC_OK;

	const struct topc_params *p = r->params;
	const struct topc_form *f = r->form;

	for (size_t i = 0; with_system && p && i < p->count; i++)
		if (topc_form_is_system_name(p->items[i].name) && p->items[i].value[0])
			st = st ? st : topc_params_set(order, p->items[i].name, p->items[i].value);
	for (size_t i = 0; f && i < f->request.nfields; i++) {
		const char *v = topc_params_get(p, f->request.fields[i].name);
		if (v && *v)
			st = st ? st : topc_params_set(order, f->request.fields[i].name, v);
	}
	for (size_t i = 0; p && i < p->count; i++) {
		const char *name = p->items[i].name;
		if (!topc_form_is_system_name(name) && p->items[i].value[0] && !form_param(f, name))
			st = st ? st : topc_params_set(order, name, p->items[i].value);
	}
	return st;
}

static void walk_flat(struct emit *e)
{
	struct topc_params order;

	topc_params_init(&order);
	export_check(e, flat_order(e->r, &order, false));
	for (size_t i = 0; i < order.count && e->st == TOPC_OK; i++) {
		const char *name = order.items[i].name;
		flat_one(e, name, order.items[i].value,
			 form_param(e->r->form, name) ? topc_field_find(&e->r->form->request, name)
						      : NULL);
	}
	topc_params_release(&order);
	walk_system_extras(e, true);
}

/* ------------------------------------------------------------------ */
/* curl */

static enum topc_status curl_code(const struct topc_export_request *r, struct topc_buf *out)
{
	struct emit e = {.r = r, .out = out, .st = TOPC_OK};
	const struct topc_params *p = r->params;

	export_put(&e, "# ");
	export_put_comment(&e, r->method);
	export_put(&e, " (profile ");
	export_put_comment(&e, r->profile ? r->profile : "local");
	export_put(&e, ")\n");
	if (r->comment) {
		export_put(&e, "# ");
		export_put_comment(&e, r->comment);
		export_put(&e, "\n");
	}
	/* TOPC_URL redirects it; the value is data, never code */
	export_put(&e, "url=${TOPC_URL:-}\n[ -n \"$url\" ] || url=");
	if (e.st == TOPC_OK)
		e.st = topc_export_shell_quote(out, export_url_of(r), false);
	export_put(&e, "\nbody=$(topc sign -p ");
	if (e.st == TOPC_OK)
		e.st = topc_export_shell_quote(out, r->profile ? r->profile : "local", false);
	export_put(&e, " --now --emit-body");
	if (r->session)
		export_put(&e, " --session");
	export_put(&e, " --");
	/* the system parameters a request from a form (not yet sent) lacks */
	const char *sys[5 + SYSTEM_EXTRAS][2] = {{"method", r->method},
						 {"app_key", r->app_key},
						 {"v", "2.0"},
						 {"format", export_fmt_of(r)},
						 {"sign_method", export_sign_of(r)}};
	system_extras(r, sys + 5);
	for (size_t i = 0; i < sizeof(sys) / sizeof(sys[0]) && e.st == TOPC_OK; i++) {
		struct topc_buf word;
		if (!sys[i][1] || !*sys[i][1] || topc_params_get(p, sys[i][0]))
			continue;
		topc_buf_init(&word, 0);
		export_check(&e, topc_buf_addf(&word, "%s=%s", sys[i][0], sys[i][1]));
		export_put(&e, " \\\n    ");
		export_check(&e, topc_export_shell_quote(out, topc_buf_str(&word), false));
		topc_buf_release(&word);
	}
	struct topc_params order;
	topc_params_init(&order);
	export_check(&e, flat_order(r, &order, true));
	for (size_t i = 0; i < order.count && e.st == TOPC_OK; i++) {
		const char *name = order.items[i].name;
		struct topc_buf word;
		if (strcmp(name, "sign") == 0 || strcmp(name, "timestamp") == 0 ||
		    strcmp(name, "session") == 0)
			continue;
		topc_buf_init(&word, 0);
		export_check(&e, topc_buf_addf(&word, "%s=%s", name, order.items[i].value));
		export_put(&e, " \\\n    ");
		export_check(&e, topc_export_shell_quote(out, topc_buf_str(&word), false));
		topc_buf_release(&word);
	}
	topc_params_release(&order);
	/* the signed body (and a session key in it) reaches curl on its stdin,
	 * never in its argv, which any user can read in /proc */
	export_put(&e, ")\nprintf '%s' \"$body\" | curl -sS -H ");
	if (e.st == TOPC_OK)
		e.st = topc_export_shell_quote(out, "Content-Type: " TOPC_CONTENT_TYPE, false);
	export_put(&e, " --data-binary @- --url \"$url\"\necho\n\n");
	return e.st;
}

enum topc_status topc_export_script_header(bool builtin, struct topc_buf *out)
{
	struct emit e = {.out = out, .st = TOPC_OK};

	export_put(&e,
		   "#!/bin/sh\n"
		   "# Exported by topc: each request is signed afresh by topc sign when it runs,\n"
		   "# and curl reads the signed body from a pipe.  No secret and no session key\n"
		   "# is written here; set TOPC_URL to send every request elsewhere.\n");
	if (builtin)
		export_putf(
		    &e,
		    "# Some requests went to topc's builtin gateway, whose port changes every "
		    "run;\n"
		    "# they go to %s: start one first with\n"
		    "#   topc gateway --listen 127.0.0.1:8080\n",
		    TOPC_EXPORT_LOCAL_URL);
	export_put(&e, "set -eu\n\n");
	return e.st;
}

/* ------------------------------------------------------------------ */

static const char *const lang_names[] = {
#define TOPC_X(id, name, file) name,
    TOPC_EXPORT_LANG_TABLE(TOPC_X)
#undef TOPC_X
};

static const char *const lang_files[] = {
#define TOPC_X(id, name, file) file,
    TOPC_EXPORT_LANG_TABLE(TOPC_X)
#undef TOPC_X
};

bool topc_export_lang_parse(const char *name, enum topc_export_lang *lang)
{
	for (int i = 0; i < TOPC_EXPORT_NLANGS; i++)
		if (strcmp(name, lang_names[i]) == 0) {
			*lang = (enum topc_export_lang)i;
			return true;
		}
	return false;
}

const char *topc_export_lang_name(enum topc_export_lang lang)
{
	return lang < TOPC_EXPORT_NLANGS ? lang_names[lang] : "?";
}

const char *topc_export_file_name(enum topc_export_lang lang)
{
	return lang < TOPC_EXPORT_NLANGS ? lang_files[lang] : "?";
}

const char *topc_export_lang_list(void)
{
	/* for a person: the names as typed, the "or" in the reader's language */
	return _("java, csharp, php, python, node, c or curl");
}

/* Java, C#, Python and JavaScript strings are text, sent as UTF-8: a value
 * with bytes that are no UTF-8 (given with -S) cannot be written in them
 * so that the SDK sends those bytes, and any stand-in would send another
 * value.  Refused, naming the parameter and the languages that can. */
static enum topc_status check_text(const struct topc_export_request *r, enum topc_export_lang lang,
				   struct topc_error *err)
{
	const struct topc_params *p = r->params;
	const char *what = NULL, *text = NULL;

	for (size_t i = 0; p && i < p->count && !what; i++)
		if (!topc_utf8_valid(p->items[i].value, strlen(p->items[i].value))) {
			what = p->items[i].name;
			text = p->items[i].value;
		}
	if (!what && r->app_key && !topc_utf8_valid(r->app_key, strlen(r->app_key))) {
		what = "app_key";
		text = r->app_key;
	}
	if (!what && r->gateway && !topc_utf8_valid(r->gateway, strlen(r->gateway))) {
		what = "gateway";
		text = r->gateway;
	}
	if (!what && !topc_utf8_valid(r->method, strlen(r->method))) {
		what = "method";
		text = r->method;
	}
	if (!what)
		return TOPC_OK;
	size_t at = 0;
	uint32_t cp;
	for (size_t n; (n = topc_utf8_next(text + at, strlen(text + at), &cp)) > 0;)
		at += n;
	struct topc_buf name;
	topc_buf_init(&name, 0);
	enum topc_status st = export_comment_text(&name, what);
	st = topc_error_set(err, TOPC_ERR_INPUT,
			    "parameter \"%s\": byte %zu (0x%02x) is not UTF-8, and %s strings are "
			    "text, so its SDK cannot send it; export it as php, c or curl, or fix "
			    "the value",
			    st == TOPC_OK ? topc_buf_str(&name) : "?", at + 1,
			    (unsigned char)text[at], lang_names[lang]);
	topc_buf_release(&name);
	return st;
}

enum topc_status topc_export_code(const struct topc_export_request *r, enum topc_export_lang lang,
				  struct topc_buf *out, struct topc_error *err)
{
	enum topc_status st;
	struct emit e = {.r = r, .out = out, .st = TOPC_OK};
	struct topc_buf name;
	struct topc_form_problems problems;

	if (lang >= TOPC_EXPORT_NLANGS || !r->method)
		return topc_error_set(err, TOPC_ERR_USAGE, "no such export format");
	if (lang == TOPC_EXPORT_CURL) {
		if (curl_code(r, out) != TOPC_OK)
			return topc_error_set(err, TOPC_ERR_NOMEM,
					      "the curl script is too large; export fewer entries");
		return TOPC_OK;
	}
	e.lang = &export_langs[lang];
	if (!e.lang->bytes && (st = check_text(r, lang, err)) != TOPC_OK)
		return st;
	topc_buf_init(&name, 0);
	export_class_base(&name, r->method);
	snprintf(e.request_class, sizeof(e.request_class), "%sRequest", topc_buf_str(&name));
	snprintf(e.response_class, sizeof(e.response_class), "%sResponse", topc_buf_str(&name));
	topc_buf_release(&name);
	topc_params_init(&e.values);
	topc_params_init(&e.used);
	/* the PHP program's own variables */
	export_check(&e, topc_params_set(&e.used, "req", ""));
	export_check(&e, topc_params_set(&e.used, "c", ""));
	export_check(&e, topc_params_set(&e.used, "resp", ""));
	export_check(&e, topc_params_set(&e.used, "sessionKey", ""));
	topc_form_problems_init(&problems);
	if (r->form && r->params)
		topc_form_from_params(r->form, r->params, &e.values, &problems);
	topc_form_problems_release(&problems);
	e.lang->prologue(&e);
	if (e.lang->set_value) {
		if (r->form)
			walk_object(&e, &r->form->request, "", "req", true);
		walk_others(&e, "req");
		if (lang != TOPC_EXPORT_JAVA)
			walk_system_extras(&e, false);
	} else {
		walk_flat(&e);
	}
	if (e.lang->set_value || e.lang->flat_param)
		export_put(&e, "");
	e.lang->epilogue(&e);
	topc_params_release(&e.values);
	topc_params_release(&e.used);
	if (e.st != TOPC_OK)
		return topc_error_set(err, e.st, "the %s code is too large to write",
				      lang_names[lang]);
	return TOPC_OK;
}

void topc_export_request_for_profile(struct topc_export_request *r, const char *method,
				     const struct topc_params *business,
				     const struct topc_form *form, const struct topc_profile *p)
{
	const char *fmt = topc_params_get(business, "format");

	memset(r, 0, sizeof(*r));
	r->method = method;
	r->params = business;
	r->form = form;
	r->profile = p->name;
	r->gateway = topc_profile_is_builtin(p) ? NULL : p->gateway_shown;
	r->app_key = p->app_key;
	r->format = fmt ? fmt : p->format == TOPC_FORMAT_XML ? "xml" : "json";
	r->sign_method = topc_sign_method_name(p->sign_method);
	r->connect_timeout_ms = p->connect_timeout_ms;
	r->timeout_ms = p->timeout_ms;
	r->session = p->session.kind != TOPC_SOURCE_NONE;
	r->simplify = p->simplify;
	r->target_app_key = p->target_app_key;
}

enum topc_status topc_export_program(const struct topc_export_request *r,
				     enum topc_export_lang lang, struct topc_buf *out,
				     struct topc_error *err)
{
	if (lang == TOPC_EXPORT_CURL &&
	    topc_export_script_header(r->gateway == NULL, out) != TOPC_OK)
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory writing the script");
	return topc_export_code(r, lang, out, err);
}
