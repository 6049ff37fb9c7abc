#include "history/history_record.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/mask.h"
#include "form/form.h"
#include "ext/json.h"

extern char **environ;

char *topc_history_params_json(const struct topc_params *p)
{
	struct topc_json *obj = topc_json_new_object();
	char *text;
	bool ok = obj != NULL;

	for (size_t i = 0; ok && p && i < p->count; i++)
		if (p->items[i].value[0]) /* empty values are neither sent nor signed */
			ok = topc_json_add_string(obj, p->items[i].name,
						  strcmp(p->items[i].name, "session") == 0
						      ? "<session>"
						      : p->items[i].value);
	text = ok ? topc_json_print(obj) : NULL;
	topc_json_free(obj);
	return text;
}

char *topc_history_values_json(const struct topc_params *p)
{
	struct topc_json *obj = topc_json_new_object();
	char *text;
	bool ok = obj != NULL;

	for (size_t i = 0; ok && p && i < p->count; i++)
		if (p->items[i].value[0] || topc_form_is_system_name(p->items[i].name))
			ok = topc_json_add_string(
			    obj, p->items[i].name,
			    topc_request_mask(p->items[i].name, p->items[i].value, false));
	text = ok ? topc_json_print(obj) : NULL;
	topc_json_free(obj);
	return text;
}

bool topc_history_params_from_json(const char *text, struct topc_params *out)
{
	struct topc_json *obj = text ? topc_json_parse(text, strlen(text), NULL) : NULL;
	bool ok = topc_json_type(obj) == TOPC_JSON_OBJECT;

	for (const struct topc_json *item = topc_json_first(obj); ok && item;
	     item = topc_json_next(item))
		ok = topc_json_string(item) &&
		     topc_params_set(out, topc_json_key(item), topc_json_string(item)) == TOPC_OK;
	topc_json_free(obj);
	return ok;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* What was sent: all a pending entry holds.  False when out of memory. */
static bool sent_part(const struct topc_send_record *r, struct topc_history_entry *e)
{
	e->profile = dup_or_null(r->profile_name);
	e->gateway = r->gateway ? topc_mask_url(r->gateway) : NULL; /* user:***@host */
	e->method = dup_or_null(r->method ? r->method : "");
	e->template_name = dup_or_null(r->template_name);
	e->values_json = r->values ? topc_history_values_json(r->values) : NULL;
	e->generators_json =
	    r->generators && r->generators->count ? topc_history_params_json(r->generators) : NULL;
	e->params_json = r->request ? topc_history_params_json(&r->request->params) : NULL;
	e->origin_id = r->origin_id;
	return e->method != NULL;
}

/* What came back (pending without an outcome: the process it is in).  With
 * borrow the entry's body is the response's own text, not a copy (a 40 MB
 * answer was copied whole to store its first MiB): the caller takes it
 * back (e->body = NULL) before the entry is released. */
static void outcome_part(const struct topc_send_record *r, struct topc_history_entry *e,
			 bool borrow)
{
	const struct topc_outcome *o = r->outcome;

	e->outcome = o ? o->cls : TOPC_OUTCOME_PENDING;
	if (o) {
		e->http_status = o->http_status;
		e->has_code = o->has_code;
		e->code = o->code;
		e->msg = dup_or_null(o->msg);
		e->sub_code = dup_or_null(o->sub_code);
		e->sub_msg = dup_or_null(o->sub_msg);
		e->request_id = dup_or_null(o->request_id);
		e->detail = dup_or_null(o->detail);
	} else {
		e->owner = dup_or_null(topc_history_owner_self());
	}
	if (r->response) {
		/* a cancelled one: how long it ran until cancelled, and none
		 * of an answer that was not read */
		e->latency_ms = r->response->latency_ms;
		if (r->response->body.len && !r->response->cancelled && borrow) {
			e->body = r->response->body.data;
			e->body_len = r->response->body.len;
		} else if (r->response->body.len && !r->response->cancelled) {
			e->body = malloc(r->response->body.len + 1);
			if (e->body) {
				memcpy(e->body, r->response->body.data, r->response->body.len);
				e->body[r->response->body.len] = '\0';
				e->body_len = r->response->body.len;
			}
		}
	}
}

enum topc_status topc_history_entry_from_send(const struct topc_send_record *r,
					      struct topc_history_entry *e)
{
	topc_history_entry_init(e);
	e->time_ms = topc_now_ms();
	outcome_part(r, e, false);
	return sent_part(r, e) ? TOPC_OK : TOPC_ERR_NOMEM;
}

/* The answer's headers beside the entry, as the transport left them: it
 * masks every known secret in them (base/mask.h) before anyone reads the
 * answer.  Best effort: when they cannot be kept the headers view says none
 * were; why says what went wrong. */
static void keep_headers(struct topc_history *h, const struct topc_send_record *r, int64_t id,
			 struct topc_error *why)
{
	/* its status unread: the caller looks at the transaction, not at this */
	(void)!topc_history_set_headers(h, id, topc_buf_str(&r->response->headers),
					r->response->headers.len, why);
}

/* e over the pending entry when there is one, else a new entry. */
static enum topc_status put(struct topc_history *h, const struct topc_send_record *r,
			    struct topc_history_entry *e, size_t cap, bool file,
			    struct topc_error *err)
{
	struct topc_error why = {0};
	enum topc_status st;

	if (r->pending_id) {
		/* what was sent is in it already: no second copy to make */
		e->id = r->pending_id;
		st = topc_history_complete(h, e, r->request != NULL, cap, file, &why);
		if (st != TOPC_ERR_INPUT) {
			if (st != TOPC_OK && err)
				*err = why;
			return st;
		}
		e->id = 0; /* gone (moved aside with a damaged history): a new one */
	}
	if (!e->method && !sent_part(r, e))
		return topc_error_set(err, TOPC_ERR_NOMEM, "out of memory recording the history");
	return topc_history_add(h, e, cap, file, err);
}

/* The entry and its headers in one transaction, unless the caller's batch
 * holds one: one commit per send, and never headers without their entry. */
static enum topc_status add_with_headers(struct topc_history *h, const struct topc_send_record *r,
					 struct topc_history_entry *e, size_t cap,
					 struct topc_error *err)
{
	bool own = !topc_history_in_transaction(h),
	     file = r->profile && r->profile->history_body_file;
	bool headers = r->response && r->response->headers.len;
	struct topc_error why = {0};
	enum topc_status st;

	if (own && (st = topc_history_begin(h, err)) != TOPC_OK)
		return st;
	if ((st = put(h, r, e, cap, file, err)) != TOPC_OK) {
		if (own)
			topc_history_rollback(h);
		return st;
	}
	if (headers)
		keep_headers(h, r, e->id, &why);
	if (!own && !topc_history_in_transaction(h)) {
		/* the headers took the caller's batch down with them (a full
		 * disk): this entry is gone with the rest of the batch */
		e->id = 0;
		if (!why.code)
			topc_error_set(&why, TOPC_ERR_IO, "the transaction ended");
		return topc_error_setp(err, why.code, &why,
				       "the history could not keep this send, and its batch was "
				       "undone (%s); free disk space and try again",
				       TOPC_PART);
	}
	if (!own || (topc_history_in_transaction(h) && topc_history_commit(h, &why) == TOPC_OK))
		return TOPC_OK;
	/* the headers took the transaction down with them (a full disk, the
	 * file size limit) or it could not be committed: the entry alone, as
	 * before headers were kept */
	topc_history_rollback(h);
	if (!headers) {
		if (err)
			*err = why;
		return why.code ? why.code : TOPC_ERR_IO;
	}
	return put(h, r, e, cap, file, err);
}

enum topc_status topc_history_record(struct topc_history *h, const struct topc_send_record *r,
				     int64_t *id, struct topc_error *err)
{
	struct topc_history_entry e;
	enum topc_status st;
	size_t cap = r->profile ? r->profile->history_body_max : TOPC_HISTORY_BODY_CAP;

	*id = 0;
	if (r->profile && !r->profile->history)
		return TOPC_OK;
	/* what was sent is made only when it is not in a pending entry (put) */
	topc_history_entry_init(&e);
	e.time_ms = topc_now_ms();
	outcome_part(r, &e, true);
	st = add_with_headers(h, r, &e, cap, err);
	*id = st == TOPC_OK ? e.id : 0;
	if (r->response)
		e.body = NULL; /* the response's, borrowed */
	topc_history_entry_release(&e);
	return st;
}

enum topc_status topc_history_record_pending(struct topc_history *h,
					     const struct topc_send_record *records, size_t n,
					     int64_t *ids, struct topc_error *err)
{
	bool own = !topc_history_in_transaction(h);
	enum topc_status st = TOPC_OK;
	size_t i;

	memset(ids, 0, n * sizeof(*ids));
	for (i = 0; i < n && records[i].profile && !records[i].profile->history;)
		i++;
	if (i == n)
		return TOPC_OK; /* none is kept */
	if (own && (st = topc_history_begin(h, err)) != TOPC_OK)
		return st;
	for (i = 0; i < n && st == TOPC_OK; i++) {
		const struct topc_send_record *r = &records[i];
		struct topc_send_record pending = *r;
		struct topc_history_entry e;
		if (r->profile && !r->profile->history)
			continue;
		pending.outcome = NULL;
		pending.response = NULL;
		if ((st = topc_history_entry_from_send(&pending, &e)) != TOPC_OK)
			topc_error_set(err, st, "out of memory recording the history");
		else if ((st = topc_history_add(h, &e, 0, false, err)) == TOPC_OK)
			ids[i] = e.id;
		topc_history_entry_release(&e);
	}
	if (own && st == TOPC_OK) {
		/* not synced, as no commit is (history.h): a killed topc leaves
		 * it; a sync here put an fdatasync before every request left
		 * (send_vs_curl: 1.53x curl without it, 1.70x with it) */
		st = topc_history_commit(h, err);
	} else if (own) {
		topc_history_rollback(h);
	}
	if (st != TOPC_OK)
		memset(ids, 0, n * sizeof(*ids));
	return st;
}

/* ------------------------------------------------------------------ */
/* JSON form of an entry, for --json, export and diff */

static bool add_json_text(struct topc_json *obj, const char *key, const char *text)
{
	return !text || topc_json_add_text(obj, key, text, strlen(text));
}

static bool add_str(struct topc_json *obj, const char *key, const char *v)
{
	return !v || topc_json_add_string(obj, key, v);
}

/* With the times, what a reader sees now: a pending entry's state
 * ("pending": "in_flight", "ended" or "unknown"). */
static bool entry_times(struct topc_json *o, const struct topc_history_entry *e)
{
	char when[TOPC_TIMESTAMP_LEN];
	const char *pending = topc_history_pending_name(topc_history_pending_state(e, NULL));

	topc_timestamp_format(e->time_ms / 1000, when);
	return topc_json_add_int(o, "id", e->id) && topc_json_add_string(o, "time", when) &&
	       topc_json_add_int(o, "time_ms", e->time_ms) &&
	       topc_json_add_int(o, "latency_ms", e->latency_ms) &&
	       (!e->origin_id || topc_json_add_int(o, "replay_of", e->origin_id)) &&
	       (!pending || topc_json_add_string(o, "pending", pending));
}

/* NULL when out of memory: never an entry with members missing. */
static struct topc_json *entry_json(const struct topc_history_entry *e, bool with_times)
{
	struct topc_json *o = topc_json_new_object();
	bool ok = o && (!with_times || entry_times(o, e)) && add_str(o, "profile", e->profile) &&
		  add_str(o, "gateway", e->gateway) && add_str(o, "method", e->method) &&
		  add_str(o, "template", e->template_name) &&
		  add_json_text(o, "values", e->values_json) &&
		  add_json_text(o, "generated", e->generators_json) &&
		  add_json_text(o, "params", e->params_json) &&
		  topc_json_add_string(o, "outcome", topc_outcome_name(e->outcome)) &&
		  (!e->http_status || topc_json_add_int(o, "http_status", e->http_status)) &&
		  (!e->has_code || topc_json_add_int(o, "code", e->code)) &&
		  add_str(o, "msg", e->msg) && add_str(o, "sub_code", e->sub_code) &&
		  add_str(o, "sub_msg", e->sub_msg) && add_str(o, "request_id", e->request_id) &&
		  add_str(o, "detail", e->detail) &&
		  (!e->body_size || topc_json_add_int(o, "body_size", e->body_size)) &&
		  add_str(o, "body_file", e->body_file) &&
		  (!e->body || topc_json_add_text(o, "body", e->body, e->body_len));

	if (!ok) {
		topc_json_free(o);
		return NULL;
	}
	return o;
}

char *topc_history_entry_json(const struct topc_history_entry *e, bool with_times, bool pretty,
			      bool with_headers, const char *headers)
{
	struct topc_json *o = entry_json(e, with_times);
	char *text = NULL;
	struct topc_buf b;

	if (o && (!with_headers || (headers ? topc_json_add_string(o, "headers", headers)
					    : topc_json_add_raw(o, "headers", "null"))))
		text = topc_json_print(o);
	topc_json_free(o);
	if (!text || !pretty)
		return text;
	/* the same two-space layout as every response topc shows */
	topc_buf_init(&b, 0);
	if (topc_json_pretty(text, strlen(text), &b) != TOPC_OK) {
		free(text);
		topc_buf_release(&b);
		return NULL;
	}
	free(text);
	return topc_buf_detach(&b, NULL);
}

/* ------------------------------------------------------------------ */
/* diff */

static char *entry_file(struct topc_history *h, int64_t id, struct topc_error *err)
{
	struct topc_history_entry e;
	char *path, *text;
	int fd;

	if (topc_history_get(h, id, &e, err) != TOPC_OK)
		return NULL;
	text = topc_history_entry_json(&e, false, true, false, NULL);
	topc_history_entry_release(&e);
	path = strdup("/tmp/topc-diff-XXXXXX");
	if (!path || !text || (fd = mkstemp(path)) < 0) {
		free(text);
		free(path);
		topc_error_set(err, TOPC_ERR_IO, "cannot write a temporary file for the diff");
		return NULL;
	}
	if (write(fd, text, strlen(text)) < 0 || write(fd, "\n", 1) < 0)
		topc_error_set(err, TOPC_ERR_IO, "cannot write a temporary file for the diff");
	close(fd);
	free(text);
	return path;
}

enum topc_status topc_history_diff(struct topc_history *h, int64_t a, int64_t b,
				   struct topc_buf *out, bool *differ, struct topc_error *err)
{
	char *fa = entry_file(h, a, err), *fb = fa ? entry_file(h, b, err) : NULL;
	char la[48], lb[48];
	enum topc_status st = TOPC_OK;
	int pipefd[2] = {-1, -1}, wstatus = 0;
	posix_spawn_file_actions_t fa_act;
	pid_t pid;

	*differ = false;
	if (!fa || !fb) {
		st = err ? err->code : TOPC_ERR_IO;
		goto out;
	}
	snprintf(la, sizeof(la), "entry %lld", (long long)a);
	snprintf(lb, sizeof(lb), "entry %lld", (long long)b);
	char *args[] = {"diff", "-u", "--label", la, "--label", lb, fa, fb, NULL};
	if (pipe(pipefd) != 0) {
		st = topc_error_set(err, TOPC_ERR_IO, "cannot run diff(1)");
		goto out;
	}
	posix_spawn_file_actions_init(&fa_act);
	posix_spawn_file_actions_adddup2(&fa_act, pipefd[1], 1);
	posix_spawn_file_actions_addclose(&fa_act, pipefd[0]);
	if (posix_spawnp(&pid, "diff", &fa_act, NULL, args, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa_act);
		st = topc_error_set(err, TOPC_ERR_IO, "cannot run diff(1); install diffutils");
		goto out;
	}
	posix_spawn_file_actions_destroy(&fa_act);
	close(pipefd[1]);
	pipefd[1] = -1;
	for (;;) {
		char chunk[8192];
		ssize_t n = read(pipefd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (st == TOPC_OK && topc_buf_add(out, chunk, (size_t)n) != TOPC_OK)
			st =
			    topc_error_set(err, TOPC_ERR_NOMEM,
					   "the diff of entries %lld and %lld is too large to show",
					   (long long)a, (long long)b);
	}
	waitpid(pid, &wstatus, 0);
	if (st != TOPC_OK)
		; /* keep the first failure */
	else if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) > 1)
		st = topc_error_set(err, TOPC_ERR_IO, "diff(1) failed");
	else
		*differ = WEXITSTATUS(wstatus) == 1;
out:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	if (fa)
		unlink(fa);
	if (fb)
		unlink(fb);
	free(fa);
	free(fb);
	return st;
}

/* ------------------------------------------------------------------ */
/* export */

void topc_history_export_init(struct topc_history_export *x)
{
	memset(x, 0, sizeof(*x));
	topc_params_init(&x->params);
	topc_profile_init(&x->profile);
}

void topc_history_export_release(struct topc_history_export *x)
{
	topc_params_release(&x->params);
	topc_profile_release(&x->profile);
	memset(x, 0, sizeof(*x));
}

bool topc_history_export_prepare(const struct topc_history_entry *e, const struct topc_form *form,
				 struct topc_history_export *x)
{
	struct topc_error err = {0};
	struct topc_export_request *r = &x->request;

	if (!e->params_json || !topc_history_params_from_json(e->params_json, &x->params))
		return false;
	/* the profile says whether the gateway was the builtin one, whose
	 * recorded port is gone; it may no longer exist */
	x->builtin = e->profile && topc_profile_load(e->profile, &x->profile, &err) == TOPC_OK &&
		     topc_profile_is_builtin(&x->profile);
	r->method = e->method;
	r->params = &x->params;
	r->form = form;
	r->profile = e->profile;
	r->gateway = x->builtin ? NULL : e->gateway;
	r->app_key = topc_params_get(&x->params, "app_key");
	r->format = topc_params_get(&x->params, "format");
	r->sign_method = topc_params_get(&x->params, "sign_method");
	r->session = topc_params_get(&x->params, "session") != NULL;
	if (x->profile.name) {
		r->connect_timeout_ms = x->profile.connect_timeout_ms;
		r->timeout_ms = x->profile.timeout_ms;
	}
	return true;
}

void topc_history_export_comment(const struct topc_history_entry *e, char *out, size_t size)
{
	char when[TOPC_TIMESTAMP_LEN];

	topc_timestamp_format(e->time_ms / 1000, when);
	snprintf(out, size, "entry %lld, %s (GMT+8): %s", (long long)e->id, when,
		 topc_outcome_name(e->outcome));
}

enum topc_status topc_history_entry_export(const struct topc_history_entry *e,
					   const struct topc_form *form, enum topc_export_lang lang,
					   struct topc_buf *out, struct topc_error *err)
{
	struct topc_history_export x;
	enum topc_status st;
	char comment[160];

	topc_history_export_init(&x);
	/* the curl script reads no form (its commands sign what was sent) */
	if (!topc_history_export_prepare(e, lang == TOPC_EXPORT_CURL ? NULL : form, &x)) {
		st = topc_error_set(err, TOPC_ERR_INPUT,
				    "entry %lld sent nothing (%s); there is no request to export",
				    (long long)e->id, topc_outcome_name(e->outcome));
	} else {
		if (lang == TOPC_EXPORT_CURL) {
			topc_history_export_comment(e, comment, sizeof(comment));
			x.request.comment = comment;
		}
		/* its gateway is NULL when it went to the builtin one */
		st = topc_export_program(&x.request, lang, out, err);
	}
	topc_history_export_release(&x);
	return st;
}

enum topc_status topc_history_entry_curl(const struct topc_history_entry *e, struct topc_buf *out,
					 struct topc_error *err)
{
	struct topc_history_export x;
	enum topc_status st;

	topc_history_export_init(&x);
	if (!topc_history_export_prepare(e, NULL, &x))
		st = topc_error_set(err, TOPC_ERR_INPUT, "entry %lld sent nothing",
				    (long long)e->id);
	else
		st = topc_export_code(&x.request, TOPC_EXPORT_CURL, out, err);
	topc_history_export_release(&x);
	return st;
}
