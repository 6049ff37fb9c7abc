/* export.c - one walk over a request, one table per language (export.h). */
#include "export/export.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/form_value.h"
#include "form/form_type.h"
#include "send/request.h"
#include "form/form_wire.h"

/* ------------------------------------------------------------------ */
/* quoting */

typedef enum topc_status (*quote_fn)(struct topc_buf *out, const char *s);

enum ctl_style { CTL_U4, CTL_X2, CTL_OCT3 }; /* \u001b, \x1b, \033 */

/* The escapes the C family (Java, C#, C, JavaScript, Python, PHP) agree on;
 * other control bytes in the language's style (ctl), and what a language
 * adds through extra (NULL: nothing more).  With ls, U+2028 and U+2029 are
 * written \u2028 and \u2029: C# and older JavaScript end a line there.
 * Other text that is not ASCII is kept as UTF-8. */
static enum topc_status quote_with(struct topc_buf *out, const char *s, char q, enum ctl_style ctl,
				   bool ls, const char *(*extra)(unsigned char c))
{
	enum topc_status st = topc_buf_addc(out, q);

	for (const unsigned char *p = (const unsigned char *)s; *p && st == TOPC_OK; p++) {
		const char *x = extra ? extra(*p) : NULL;
		if (ls && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			st = topc_buf_adds(out, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else if (x)
			st = topc_buf_adds(out, x);
		else if (*p == (unsigned char)q || *p == '\\')
			st = topc_buf_addf(out, "\\%c", *p);
		else if (*p == '\n')
			st = topc_buf_adds(out, "\\n");
		else if (*p == '\r')
			st = topc_buf_adds(out, "\\r");
		else if (*p == '\t')
			st = topc_buf_adds(out, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			st = ctl == CTL_U4   ? topc_buf_addf(out, "\\u%04x", *p)
			     : ctl == CTL_X2 ? topc_buf_addf(out, "\\x%02x", *p)
					     : topc_buf_addf(out, "\\%03o", *p);
		else
			st = topc_buf_addc(out, (char)*p);
	}
	return st == TOPC_OK ? topc_buf_addc(out, q) : st;
}

/* Java turns \uXXXX into the character before it reads the literal, so a
 * control byte is an octal escape; C# has no octal escapes */
static enum topc_status quote_java(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_OCT3, false, NULL);
}

static enum topc_status quote_csharp(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_U4, true, NULL);
}

static const char *php_extra(unsigned char c)
{
	return c == '$' ? "\\$" : NULL; /* "$name" would interpolate */
}

static enum topc_status quote_php(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_X2, false, php_extra);
}

static enum topc_status quote_python(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_X2, false, NULL);
}

static enum topc_status quote_js(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '\'', CTL_X2, true, NULL);
}

/* C: "??" starts a trigraph in strict modes, so every ? is \?; control bytes
 * as three octal digits, which no following digit can extend */
static const char *c_extra(unsigned char c)
{
	return c == '?' ? "\\?" : NULL;
}

static enum topc_status quote_c(struct topc_buf *out, const char *s)
{
	return quote_with(out, s, '"', CTL_OCT3, false, c_extra);
}

enum topc_status topc_export_shell_quote(struct topc_buf *out, const char *s)
{
	enum topc_status st = topc_buf_addc(out, '\'');

	for (const char *p = s; *p && st == TOPC_OK; p++)
		st = *p == '\'' ? topc_buf_adds(out, "'\\''") : topc_buf_addc(out, *p);
	return st == TOPC_OK ? topc_buf_addc(out, '\'') : st;
}

/* Text for a comment: printable ASCII only, and no backslash (Java reads
 * \u000a as a line end even inside a comment). */
static enum topc_status comment_text(struct topc_buf *out, const char *s)
{
	enum topc_status st = TOPC_OK;

	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && st == TOPC_OK; p++)
		st = topc_buf_addc(out, (*p < 0x20 || *p >= 0x7f || *p == '\\') ? '?' : (char)*p);
	return st;
}

/* ------------------------------------------------------------------ */
/* names */

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* user_id -> UserId; only letters and digits survive */
static enum topc_status pascal(struct topc_buf *out, const char *name)
{
	bool up = true;
	enum topc_status st = TOPC_OK;

	for (const char *p = name; *p && st == TOPC_OK; p++) {
		if (!is_alnum(*p)) {
			up = true;
			continue;
		}
		char c = *p;
		if (up && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		up = false;
		st = topc_buf_addc(out, c);
	}
	return st;
}

/* An identifier as it is: letters, digits and '_' (PHP property names) */
static enum topc_status ident(struct topc_buf *out, const char *name)
{
	enum topc_status st = TOPC_OK;

	if (!*name || (*name >= '0' && *name <= '9'))
		st = topc_buf_addc(out, '_');
	for (const char *p = name; *p && st == TOPC_OK; p++)
		st = topc_buf_addc(out, is_alnum(*p) || *p == '_' ? *p : '_');
	return st;
}

/* taobao.jym.message.apppush.send -> JymMessageApppushSend (the SDKs drop
 * "taobao." and keep every other prefix) */
static enum topc_status class_base(struct topc_buf *out, const char *method)
{
	if (strncmp(method, "taobao.", 7) == 0)
		method += 7;
	return pascal(out, method);
}

static bool python_ident(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!is_alnum(*s) && *s != '_')
			return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* the walk's state */

struct lang;

struct emit {
	const struct topc_export_request *r;
	const struct lang *lang;
	struct topc_buf *out;
	struct topc_params values; /* the form's values, from the parameters sent */
	struct topc_params used;   /* variable names taken (PHP) */
	char request_class[192], response_class[192];
	int objects; /* obj1, obj2... */
	enum topc_status st;
};

/* The parts of one line: what the templates' %x stand for. */
struct line {
	const char *owner, *child, *name, *type;
	const char *value; /* the literal, already quoted */
};

/*
 * A language: its quoting, how a value of each kind is written, and the
 * lines of the walk as templates.  In templates, %o is the owner (req,
 * obj1), %c the structure being built, %P the field's name in PascalCase,
 * %n its name as an identifier, %N its name as a string literal, %T the
 * structure's type, %R the request class, %v the value, %i the indent.
 * A NULL template means the language passes every parameter as text.
 */
struct lang {
	quote_fn quote;
	const char *indent;
	const char *number_suffix; /* "L": a Number as an integer literal; NULL: as text */
	bool bare_bool;		   /* true/false as literals, not text */
	const char *date_open;	   /* wraps a quoted Date (closed by ")"); NULL: the text */
	const char *list_open, *list_close; /* an array inside a structure */
	const char *number_list_open;	    /* the same for Number []; NULL: list_open */
	const char *set_value, *set_nested_value, *set_json;
	const char *new_object, *set_object, *set_nested_object, *set_other;
	bool child_named; /* PHP: structures are named after their field */
	const char *flat_param;
	void (*prologue)(struct emit *e);
	void (*epilogue)(struct emit *e);
};

/* Keeps the first failure: everything after it is skipped and reported */
static void check(struct emit *e, enum topc_status st)
{
	if (e->st == TOPC_OK && st != TOPC_OK)
		e->st = st;
}

static void put(struct emit *e, const char *s)
{
	if (e->st == TOPC_OK)
		e->st = topc_buf_adds(e->out, s);
}

static void putf(struct emit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct emit *e, const char *fmt, ...)
{
	va_list ap;

	if (e->st != TOPC_OK)
		return;
	va_start(ap, fmt);
	e->st = topc_buf_vaddf(e->out, fmt, ap);
	va_end(ap);
}

static void put_quoted(struct emit *e, const char *s)
{
	if (e->st == TOPC_OK)
		e->st = e->lang->quote(e->out, s);
}

static void put_comment(struct emit *e, const char *s)
{
	if (e->st == TOPC_OK)
		e->st = comment_text(e->out, s);
}

static void put_line(struct emit *e, const char *tmpl, const struct line *l)
{
	for (const char *t = tmpl; *t && e->st == TOPC_OK; t++) {
		if (*t != '%' || !t[1]) {
			e->st = topc_buf_addc(e->out, *t);
			continue;
		}
		switch (*++t) {
		case 'o':
			put(e, l->owner);
			break;
		case 'c':
			put(e, l->child);
			break;
		case 'P':
			e->st = pascal(e->out, l->name);
			break;
		case 'n':
			e->st = ident(e->out, l->name);
			break;
		case 'N':
			put_quoted(e, l->name);
			break;
		case 'T':
			e->st = pascal(e->out, l->type);
			break;
		case 'R':
			put(e, e->request_class);
			break;
		case 'v':
			put(e, l->value);
			break;
		case 'i':
			put(e, e->lang->indent);
			break;
		default:
			e->st = topc_buf_addc(e->out, *t);
		}
	}
	if (e->st == TOPC_OK)
		e->st = topc_buf_addc(e->out, '\n');
}

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
	size_t n = strlen(prefix);

	for (size_t i = 0; i < e->values.count; i++)
		if (strncmp(e->values.items[i].name, prefix, n) == 0 &&
		    (e->values.items[i].name[n] == '.' || e->values.items[i].name[n] == '\0'))
			return true;
	return false;
}

static void walk_object(struct emit *e, const struct topc_field *obj, const char *prefix,
			const char *owner, bool top);

static void walk_structure(struct emit *e, const struct topc_field *fd, const char *path,
			   const char *owner, bool top)
{
	struct topc_buf child;
	struct line l = {.owner = owner, .name = fd->name, .type = fd->type};

	topc_buf_init(&child, 0);
	++e->objects;
	if (e->lang->child_named) {
		/* PHP names a structure after its field: $push_content_dto */
		check(e, ident(&child, fd->name));
		if (topc_params_get(&e->used, topc_buf_str(&child)))
			check(e, topc_buf_addf(&child, "%d", e->objects));
		check(e, topc_params_set(&e->used, topc_buf_str(&child), ""));
	} else {
		check(e, topc_buf_addf(&child, "obj%d", e->objects));
	}
	l.child = topc_buf_str(&child);
	put_line(e, e->lang->new_object, &l);
	walk_object(e, fd, path, l.child, false);
	put_line(e, top ? e->lang->set_object : e->lang->set_nested_object, &l);
	topc_buf_release(&child);
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
	check(e, st);
	l.value = topc_buf_str(&lit);
	put_line(e, tmpl, &l);
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
		check(e, topc_buf_addf(&path, "%s%s%s", prefix, *prefix ? "." : "", fd->name));
		v = topc_params_get(&e->values, topc_buf_str(&path));
		if (fd->kind == TOPC_FIELD_OBJECT && !fd->array && !v) {
			if (has_value_under(e, topc_buf_str(&path)))
				walk_structure(e, fd, topc_buf_str(&path), owner, top);
		} else if (v && *v) {
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
		if (topc_request_is_system_param(name) || !p->items[i].value[0] ||
		    form_param(e->r->form, name))
			continue;
		struct topc_buf lit;
		struct line l = {.owner = owner, .name = name};
		topc_buf_init(&lit, 0);
		check(e, e->lang->quote(&lit, p->items[i].value));
		l.value = topc_buf_str(&lit);
		put_line(e, e->lang->set_other, &l);
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
		check(e, literal_scalar(e, fd->kind, value, &lit));
	else
		check(e, e->lang->quote(&lit, value));
	l.value = topc_buf_str(&lit);
	if (e->lang->quote == quote_python && !python_ident(name))
		put_line(e, "setattr(req, %N, %v)", &l);
	else
		put_line(e, e->lang->flat_param, &l);
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
		if (topc_request_is_system_param(p->items[i].name) && p->items[i].value[0])
			st = st ? st : topc_params_set(order, p->items[i].name, p->items[i].value);
	for (size_t i = 0; f && i < f->request.nfields; i++) {
		const char *v = topc_params_get(p, f->request.fields[i].name);
		if (v && *v)
			st = st ? st : topc_params_set(order, f->request.fields[i].name, v);
	}
	for (size_t i = 0; p && i < p->count; i++) {
		const char *name = p->items[i].name;
		if (!topc_request_is_system_param(name) && p->items[i].value[0] &&
		    !form_param(f, name))
			st = st ? st : topc_params_set(order, name, p->items[i].value);
	}
	return st;
}

static void walk_flat(struct emit *e)
{
	struct topc_params order;

	topc_params_init(&order);
	check(e, flat_order(e->r, &order, false));
	for (size_t i = 0; i < order.count && e->st == TOPC_OK; i++) {
		const char *name = order.items[i].name;
		flat_one(e, name, order.items[i].value,
			 form_param(e->r->form, name) ? topc_field_find(&e->r->form->request, name)
						      : NULL);
	}
	topc_params_release(&order);
}

/* ------------------------------------------------------------------ */
/* the languages' first and last lines */

static const char *url_of(const struct topc_export_request *r)
{
	return r->gateway ? r->gateway : TOPC_EXPORT_LOCAL_URL;
}

static const char *fmt_of(const struct topc_export_request *r)
{
	return r->format ? r->format : "json";
}

static const char *sign_of(const struct topc_export_request *r)
{
	return r->sign_method ? r->sign_method : "hmac-sha256";
}

/* // comment lines (prefix "// ", "# ") */
static void header_comment(struct emit *e, const char *prefix, const char *sdk)
{
	const struct topc_export_request *r = e->r;

	putf(e, "%s", prefix);
	put_comment(e, r->method);
	put(e, ", exported by topc from profile ");
	put_comment(e, r->profile ? r->profile : "-");
	putf(e, ", for %s.\n%sThe app secret is read from the environment variable %s", sdk, prefix,
	     TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		putf(e, ", the session key from %s", TOPC_EXPORT_SESSION_ENV);
	put(e, r->session ? "; neither is written here.\n" : "; it is not written here.\n");
	if (!r->gateway)
		putf(e,
		     "%sThe profile sends to topc's builtin gateway: start one with\n"
		     "%s  topc gateway --listen 127.0.0.1:8080\n",
		     prefix, prefix);
	if (r->comment) {
		put(e, prefix);
		put_comment(e, r->comment);
		put(e, "\n");
	}
}

static void sdk_signs_md5(struct emit *e, const char *prefix)
{
	if (strcmp(sign_of(e->r), "md5") != 0)
		putf(e,
		     "%sThis SDK signs with md5 (the profile uses %s); the gateway accepts both.\n",
		     prefix, sign_of(e->r));
}

static void java_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;
	const char *fmt = fmt_of(r), *sign = sign_of(r);

	header_comment(e, "// ", "the TOP Java SDK (com.taobao.api)");
	putf(e,
	     "import com.taobao.api.ApiException;\n"
	     "import com.taobao.api.DefaultTaobaoClient;\n"
	     "import com.taobao.api.TaobaoClient;\n"
	     "import com.taobao.api.request.%s;\n"
	     "import com.taobao.api.response.%s;\n\n"
	     "public class TopcRequest {\n"
	     "    public static void main(String[] args) throws ApiException {\n"
	     "        String url = ",
	     e->request_class, e->response_class);
	put_quoted(e, url_of(r));
	put(e, ";\n        String appkey = ");
	put_quoted(e, r->app_key ? r->app_key : "");
	putf(e, ";\n        String secret = System.getenv(\"%s\");\n", TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		putf(e, "        String sessionKey = System.getenv(\"%s\");\n",
		     TOPC_EXPORT_SESSION_ENV);
	/* DefaultTaobaoClient defaults: json, hmac-sha256, 15 s, 30 s */
	put(e, "        TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret");
	if (strcmp(sign, "hmac-sha256") != 0)
		putf(e, ", \"%s\", %ld, %ld, \"%s\"", strcmp(fmt, "xml") == 0 ? "xml" : "json",
		     r->connect_timeout_ms ? r->connect_timeout_ms : 15000,
		     r->timeout_ms ? r->timeout_ms : 30000,
		     strcmp(sign, "md5") == 0	 ? "md5"
		     : strcmp(sign, "hmac") == 0 ? "hmac"
						 : "hmac-sha256");
	else if (strcmp(fmt, "json") != 0)
		put(e, ", \"xml\"");
	putf(e, ");\n        %s req = new %s();\n", e->request_class, e->request_class);
}

static void java_epilogue(struct emit *e)
{
	putf(e,
	     "        %s rsp = client.execute(req%s);\n"
	     "        System.out.println(rsp.getBody());\n"
	     "    }\n}\n",
	     e->response_class, e->r->session ? ", sessionKey" : "");
}

static void csharp_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;

	header_comment(e, "// ", "the TOP .NET SDK (Top.Api)");
	put(e, "using System;\n"
	       "using System.Collections.Generic;\n"
	       "using Top.Api;\n"
	       "using Top.Api.Request;\n"
	       "using Top.Api.Response;\n\n"
	       "public class TopcRequest\n{\n"
	       "    public static void Main(string[] args)\n    {\n"
	       "        string url = ");
	put_quoted(e, url_of(r));
	put(e, ";\n        string appkey = ");
	put_quoted(e, r->app_key ? r->app_key : "");
	putf(e, ";\n        string secret = Environment.GetEnvironmentVariable(\"%s\");\n",
	     TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		putf(e, "        string sessionKey = Environment.GetEnvironmentVariable(\"%s\");\n",
		     TOPC_EXPORT_SESSION_ENV);
	/* DefaultTopClient answers in xml unless told otherwise */
	putf(e,
	     "        ITopClient client = new DefaultTopClient(url, appkey, secret%s);\n"
	     "        %s req = new %s();\n",
	     strcmp(fmt_of(r), "xml") == 0 ? "" : ", \"json\"", e->request_class, e->request_class);
}

static void csharp_epilogue(struct emit *e)
{
	putf(e,
	     "        %s rsp = client.Execute(req%s);\n"
	     "        Console.WriteLine(rsp.Body);\n"
	     "    }\n}\n",
	     e->response_class, e->r->session ? ", sessionKey" : "");
}

static void php_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;

	put(e, "<?php\n");
	header_comment(e, "// ", "the TOP PHP SDK (TopSdk.php)");
	sdk_signs_md5(e, "// ");
	put(e, "include \"TopSdk.php\";\n\n$c = new TopClient;\n$c->appkey = ");
	put_quoted(e, r->app_key ? r->app_key : "");
	putf(e, ";\n$c->secretKey = getenv(\"%s\");\n$c->gatewayUrl = ", TOPC_EXPORT_SECRET_ENV);
	put_quoted(e, url_of(r));
	putf(e, ";\n$c->format = \"%s\";\n", strcmp(fmt_of(r), "xml") == 0 ? "xml" : "json");
	if (r->session)
		putf(e, "$sessionKey = getenv(\"%s\");\n", TOPC_EXPORT_SESSION_ENV);
	putf(e, "$req = new %s;\n", e->request_class);
}

static void php_epilogue(struct emit *e)
{
	putf(e, "$resp = $c->execute($req%s);\nvar_dump($resp);\n",
	     e->r->session ? ", $sessionKey" : "");
}

/* host and port of a URL, for the Python SDK's RestApi(domain, port) */
static enum topc_status host_port(const char *url, struct topc_buf *host, long *port)
{
	const char *p = strstr(url, "://"), *end;
	bool https = strncmp(url, "https:", 6) == 0;

	p = p ? p + 3 : url;
	end = p + strcspn(p, ":/?#");
	*port = *end == ':' ? strtol(end + 1, NULL, 10) : (https ? 443 : 80);
	if (*port <= 0 || *port > 65535)
		*port = https ? 443 : 80;
	return topc_buf_add(host, p, (size_t)(end - p));
}

static void python_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;
	struct topc_buf host;
	long port;

	put(e, "# -*- coding: utf-8 -*-\n");
	header_comment(e, "# ", "the TOP Python SDK (top.api)");
	sdk_signs_md5(e, "# ");
	topc_buf_init(&host, 0);
	check(e, host_port(url_of(r), &host, &port));
	put(e, "import os\nimport top.api\n\nurl = ");
	put_quoted(e, topc_buf_str(&host));
	putf(e, "\nport = %ld\nappkey = ", port);
	put_quoted(e, r->app_key ? r->app_key : "");
	putf(e, "\nsecret = os.environ.get(\"%s\")\n", TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		putf(e, "sessionkey = os.environ.get(\"%s\")\n", TOPC_EXPORT_SESSION_ENV);
	putf(e, "req = top.api.%s(url, port)\nreq.set_app_info(top.appinfo(appkey, secret))\n\n",
	     e->request_class);
	topc_buf_release(&host);
}

static void python_epilogue(struct emit *e)
{
	putf(e,
	     "try:\n    resp = req.getResponse(%s)\n    print(resp)\n"
	     "except Exception as e:\n    print(e)\n",
	     e->r->session ? "sessionkey" : "");
}

static void node_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;

	header_comment(e, "// ", "the TOP NodeJS SDK (topClient.js)");
	sdk_signs_md5(e, "// ");
	put(e, "var TopClient = require('./topClient').TopClient;\n"
	       "var client = new TopClient({\n\t'appkey': ");
	put_quoted(e, r->app_key ? r->app_key : "");
	putf(e, ",\n\t'appsecret': process.env.%s,\n\t'REST_URL': ", TOPC_EXPORT_SECRET_ENV);
	put_quoted(e, url_of(r));
	put(e, "\n});\n\nclient.execute(");
	put_quoted(e, r->method);
	put(e, ", {\n");
	if (r->session)
		putf(e, "\t'session': process.env.%s,\n", TOPC_EXPORT_SESSION_ENV);
}

static void node_epilogue(struct emit *e)
{
	/* the walk ended every parameter with ","; JavaScript allows that */
	put(e, "}, function(error, response) {\n"
	       "\tif (!error) console.log(response);\n"
	       "\telse console.log(error);\n"
	       "});\n");
}

static void c_prologue(struct emit *e)
{
	const struct topc_export_request *r = e->r;

	header_comment(e, "// ", "the TOP C SDK (topsdk.h)");
	sdk_signs_md5(e, "// ");
	put(e, "#include <stdio.h>\n#include <stdlib.h>\n#include \"topsdk.h\"\n\n"
	       "int main(void)\n{\n    const char *url = ");
	put_quoted(e, url_of(r));
	put(e, ";\n    const char *appkey = ");
	put_quoted(e, r->app_key ? r->app_key : "");
	putf(e, ";\n    const char *appsecret = getenv(\"%s\");\n", TOPC_EXPORT_SECRET_ENV);
	if (r->session)
		putf(e, "    const char *session = getenv(\"%s\");\n", TOPC_EXPORT_SESSION_ENV);
	put(e, "    pTaobaoClient pClient = alloc_taobao_client(url, appkey, appsecret);\n"
	       "    pTopRequest pRequest = alloc_top_request();\n"
	       "    pTopResponse pResponse = NULL;\n"
	       "    set_api_name(pRequest, ");
	put_quoted(e, r->method);
	put(e, ");\n");
}

static void c_epilogue(struct emit *e)
{
	putf(e,
	     "    pResponse = top_execute(pClient, pRequest, %s);\n"
	     "    printf(\"ret code:%%d\\n\", pResponse->code);\n"
	     "    if (pResponse->code == 0) {\n"
	     "        pTopResponseIterator ite = init_response_iterator(pResponse);\n"
	     "        pResultItem pResultItem = alloc_result_item();\n"
	     "        while (parseNext(ite, pResultItem) == 0)\n"
	     "            printf(\"%%s:%%s\\n\", pResultItem->key, pResultItem->value);\n"
	     "        destroy_response_iterator(ite);\n"
	     "        destroy_result_item(pResultItem);\n"
	     "    }\n"
	     "    destroy_top_request(pRequest);\n"
	     "    destroy_top_response(pResponse);\n"
	     "    destroy_taobao_client(pClient);\n"
	     "    return 0;\n}\n",
	     e->r->session ? "session" : "NULL");
}

static const struct lang langs[TOPC_EXPORT_NLANGS] = {
    [TOPC_EXPORT_JAVA] = {.quote = quote_java,
			  .indent = "        ",
			  .number_suffix = "L",
			  .bare_bool = true,
			  .date_open = "com.taobao.api.internal.util.StringUtils.parseDateTime(",
			  .list_open = "java.util.Arrays.asList(",
			  .list_close = ")",
			  .set_value = "%i%o.set%P(%v);",
			  .set_nested_value = "%i%o.set%P(%v);",
			  .set_json = "%i%o.set%PString(%v);",
			  .new_object = "%i%R.%T %c = new %R.%T();",
			  .set_object = "%i%o.set%P(%c);",
			  .set_nested_object = "%i%o.set%P(%c);",
			  .set_other = "%i%o.putOtherTextParam(%N, %v);",
			  .prologue = java_prologue,
			  .epilogue = java_epilogue},
    [TOPC_EXPORT_CSHARP] = {.quote = quote_csharp,
			    .indent = "        ",
			    .number_suffix = "L",
			    .bare_bool = true,
			    .date_open = "DateTime.Parse(",
			    .list_open = "new List<string> { ",
			    .number_list_open = "new List<long> { ",
			    .list_close = " }",
			    .set_value = "%i%o.%P = %v;",
			    .set_nested_value = "%i%o.%P = %v;",
			    .set_json = "%i%o.%P = %v;",
			    .new_object = "%i%R.%TDomain %c = new %R.%TDomain();",
			    .set_object = "%i%o.%P_ = %c;",
			    .set_nested_object = "%i%o.%P = %c;",
			    .set_other = "%i%o.AddOtherParameter(%N, %v);",
			    .prologue = csharp_prologue,
			    .epilogue = csharp_epilogue},
    [TOPC_EXPORT_PHP] = {.quote = quote_php,
			 .indent = "",
			 .list_open = "array(",
			 .list_close = ")",
			 .set_value = "$%o->set%P(%v);",
			 .set_nested_value = "$%o->%n = %v;",
			 .set_json = "$%o->set%P(%v);",
			 .new_object = "$%c = new %T;",
			 .set_object = "$%o->set%P(json_encode($%c));",
			 .set_nested_object = "$%o->%n = $%c;",
			 .set_other = "$%o->putOtherTextParam(%N, %v);",
			 .child_named = true,
			 .prologue = php_prologue,
			 .epilogue = php_epilogue},
    [TOPC_EXPORT_PYTHON] = {.quote = quote_python,
			    .number_suffix = "",
			    .flat_param = "req.%n = %v",
			    .prologue = python_prologue,
			    .epilogue = python_epilogue},
    [TOPC_EXPORT_NODE] = {.quote = quote_js,
			  .flat_param = "\t%N: %v,",
			  .prologue = node_prologue,
			  .epilogue = node_epilogue},
    [TOPC_EXPORT_C] = {.quote = quote_c,
		       .flat_param = "    add_param(pRequest, %N, %v);",
		       .prologue = c_prologue,
		       .epilogue = c_epilogue},
};

/* ------------------------------------------------------------------ */
/* curl */

static enum topc_status curl_code(const struct topc_export_request *r, struct topc_buf *out)
{
	struct emit e = {.r = r, .out = out, .st = TOPC_OK};
	const struct topc_params *p = r->params;

	put(&e, "# ");
	put_comment(&e, r->method);
	put(&e, " (profile ");
	put_comment(&e, r->profile ? r->profile : "local");
	put(&e, ")\n");
	if (r->comment) {
		put(&e, "# ");
		put_comment(&e, r->comment);
		put(&e, "\n");
	}
	/* TOPC_URL redirects it; the value is data, never code */
	put(&e, "url=${TOPC_URL:-}\n[ -n \"$url\" ] || url=");
	if (e.st == TOPC_OK)
		e.st = topc_export_shell_quote(out, url_of(r));
	put(&e, "\nbody=$(topc sign -p ");
	if (e.st == TOPC_OK)
		e.st = topc_export_shell_quote(out, r->profile ? r->profile : "local");
	put(&e, " --now --emit-body");
	if (r->session)
		put(&e, " --session");
	put(&e, " --");
	/* the system parameters a request from a form (not yet sent) lacks */
	const char *sys[][2] = {{"method", r->method},
				{"app_key", r->app_key},
				{"v", "2.0"},
				{"format", fmt_of(r)},
				{"sign_method", sign_of(r)}};
	for (size_t i = 0; i < sizeof(sys) / sizeof(sys[0]) && e.st == TOPC_OK; i++) {
		struct topc_buf word;
		if (!sys[i][1] || !*sys[i][1] || topc_params_get(p, sys[i][0]))
			continue;
		topc_buf_init(&word, 0);
		check(&e, topc_buf_addf(&word, "%s=%s", sys[i][0], sys[i][1]));
		put(&e, " \\\n    ");
		check(&e, topc_export_shell_quote(out, topc_buf_str(&word)));
		topc_buf_release(&word);
	}
	struct topc_params order;
	topc_params_init(&order);
	check(&e, flat_order(r, &order, true));
	for (size_t i = 0; i < order.count && e.st == TOPC_OK; i++) {
		const char *name = order.items[i].name;
		struct topc_buf word;
		if (strcmp(name, "sign") == 0 || strcmp(name, "timestamp") == 0 ||
		    strcmp(name, "session") == 0)
			continue;
		topc_buf_init(&word, 0);
		check(&e, topc_buf_addf(&word, "%s=%s", name, order.items[i].value));
		put(&e, " \\\n    ");
		check(&e, topc_export_shell_quote(out, topc_buf_str(&word)));
		topc_buf_release(&word);
	}
	topc_params_release(&order);
	/* the signed body (and a session key in it) reaches curl on its stdin,
	 * never in its argv, which any user can read in /proc */
	put(&e, ")\nprintf '%s' \"$body\" | curl -sS -H ");
	if (e.st == TOPC_OK)
		e.st = topc_export_shell_quote(out, "Content-Type: " TOPC_CONTENT_TYPE);
	put(&e, " --data-binary @- --url \"$url\"\necho\n\n");
	return e.st;
}

enum topc_status topc_export_script_header(bool builtin, struct topc_buf *out)
{
	struct emit e = {.out = out, .st = TOPC_OK};

	put(&e, "#!/bin/sh\n"
		"# Exported by topc: each request is signed afresh by topc sign when it runs,\n"
		"# and curl reads the signed body from a pipe.  No secret and no session key\n"
		"# is written here; set TOPC_URL to send every request elsewhere.\n");
	if (builtin)
		putf(&e,
		     "# Some requests went to topc's builtin gateway, whose port changes every "
		     "run;\n"
		     "# they go to %s: start one first with\n"
		     "#   topc gateway --listen 127.0.0.1:8080\n",
		     TOPC_EXPORT_LOCAL_URL);
	put(&e, "set -eu\n\n");
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
	return "java, csharp, php, python, node, c or curl";
}

enum topc_status topc_export_code(const struct topc_export_request *r, enum topc_export_lang lang,
				  struct topc_buf *out, struct topc_error *err)
{
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
	e.lang = &langs[lang];
	topc_buf_init(&name, 0);
	class_base(&name, r->method);
	snprintf(e.request_class, sizeof(e.request_class), "%sRequest", topc_buf_str(&name));
	snprintf(e.response_class, sizeof(e.response_class), "%sResponse", topc_buf_str(&name));
	topc_buf_release(&name);
	topc_params_init(&e.values);
	topc_params_init(&e.used);
	/* the PHP program's own variables */
	check(&e, topc_params_set(&e.used, "req", ""));
	check(&e, topc_params_set(&e.used, "c", ""));
	check(&e, topc_params_set(&e.used, "resp", ""));
	check(&e, topc_params_set(&e.used, "sessionKey", ""));
	topc_form_problems_init(&problems);
	if (r->form && r->params)
		topc_form_from_params(r->form, r->params, &e.values, &problems);
	topc_form_problems_release(&problems);
	e.lang->prologue(&e);
	if (e.lang->set_value) {
		if (r->form)
			walk_object(&e, &r->form->request, "", "req", true);
		walk_others(&e, "req");
	} else {
		walk_flat(&e);
	}
	if (e.lang->set_value || e.lang->flat_param)
		put(&e, "");
	e.lang->epilogue(&e);
	topc_params_release(&e.values);
	topc_params_release(&e.used);
	if (e.st != TOPC_OK)
		return topc_error_set(err, e.st, "the %s code is too large to write",
				      lang_names[lang]);
	return TOPC_OK;
}
