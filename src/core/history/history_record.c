#include "history/history_record.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "ext/json.h"

extern char **environ;

char *topc_params_to_json(const struct topc_params *p)
{
	cJSON *obj = cJSON_CreateObject();
	char *text;

	for (size_t i = 0; obj && p && i < p->count; i++)
		if (p->items[i].value[0]) /* empty values are neither sent nor signed */
			cJSON_AddStringToObject(obj, p->items[i].name,
						strcmp(p->items[i].name, "session") == 0
						    ? "<session>"
						    : p->items[i].value);
	text = obj ? cJSON_PrintUnformatted(obj) : NULL;
	cJSON_Delete(obj);
	return text;
}

bool topc_params_from_json(const char *text, struct topc_params *out)
{
	cJSON *obj = text ? cJSON_Parse(text) : NULL, *item;
	bool ok = cJSON_IsObject(obj);

	if (!ok) {
		cJSON_Delete(obj);
		return false;
	}
	cJSON_ArrayForEach(item, obj)
	{
		if (!cJSON_IsString(item) ||
		    topc_params_set(out, item->string, item->valuestring) != TOPC_OK)
			ok = false;
	}
	cJSON_Delete(obj);
	return ok;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

enum topc_status topc_history_entry_from_send(const struct topc_send_record *r,
					      struct topc_history_entry *e)
{
	const struct topc_outcome *o = r->outcome;

	topc_history_entry_init(e);
	e->time_ms = topc_now_ms();
	e->profile = dup_or_null(r->profile_name);
	e->gateway = dup_or_null(r->gateway);
	e->method = dup_or_null(r->method ? r->method : "");
	e->template_name = dup_or_null(r->template_name);
	e->values_json = r->values ? topc_params_to_json(r->values) : NULL;
	e->generators_json =
	    r->generators && r->generators->count ? topc_params_to_json(r->generators) : NULL;
	e->params_json = r->request ? topc_params_to_json(&r->request->params) : NULL;
	e->outcome = o->cls;
	e->http_status = o->http_status;
	e->has_code = o->has_code;
	e->code = o->code;
	e->msg = dup_or_null(o->msg);
	e->sub_code = dup_or_null(o->sub_code);
	e->sub_msg = dup_or_null(o->sub_msg);
	e->request_id = dup_or_null(o->request_id);
	e->detail = dup_or_null(o->detail);
	e->origin_id = r->origin_id;
	if (r->response) {
		e->latency_ms = r->response->latency_ms;
		if (r->response->body.len) {
			e->body = malloc(r->response->body.len + 1);
			if (e->body) {
				memcpy(e->body, r->response->body.data, r->response->body.len);
				e->body[r->response->body.len] = '\0';
				e->body_len = r->response->body.len;
			}
		}
	}
	return e->method ? TOPC_OK : TOPC_ERR_NOMEM;
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
	if ((st = topc_history_entry_from_send(r, &e)) != TOPC_OK)
		return topc_error_set(err, st, "out of memory recording the history");
	st = topc_history_add(h, &e, cap, r->profile && r->profile->history_body_file, err);
	*id = e.id;
	topc_history_entry_release(&e);
	return st;
}

/* ------------------------------------------------------------------ */
/* JSON form of an entry, for --json, export and diff */

static void add_json_text(cJSON *obj, const char *key, const char *text)
{
	cJSON *parsed = text ? cJSON_Parse(text) : NULL;

	if (parsed)
		cJSON_AddItemToObject(obj, key, parsed);
	else if (text)
		cJSON_AddStringToObject(obj, key, text);
}

static void add_str(cJSON *obj, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(obj, key, v);
}

static cJSON *entry_json(const struct topc_history_entry *e, bool with_times)
{
	cJSON *o = cJSON_CreateObject();
	char when[TOPC_TIMESTAMP_LEN];

	if (with_times) {
		cJSON_AddNumberToObject(o, "id", (double)e->id);
		topc_timestamp_format(e->time_ms / 1000, when);
		cJSON_AddStringToObject(o, "time", when);
		cJSON_AddNumberToObject(o, "time_ms", (double)e->time_ms);
		cJSON_AddNumberToObject(o, "latency_ms", (double)e->latency_ms);
		if (e->origin_id)
			cJSON_AddNumberToObject(o, "replay_of", (double)e->origin_id);
	}
	add_str(o, "profile", e->profile);
	add_str(o, "gateway", e->gateway);
	add_str(o, "method", e->method);
	add_str(o, "template", e->template_name);
	add_json_text(o, "values", e->values_json);
	add_json_text(o, "generated", e->generators_json);
	add_json_text(o, "params", e->params_json);
	cJSON_AddStringToObject(o, "outcome", topc_outcome_name(e->outcome));
	if (e->http_status)
		cJSON_AddNumberToObject(o, "http_status", (double)e->http_status);
	if (e->has_code)
		cJSON_AddNumberToObject(o, "code", (double)e->code);
	add_str(o, "msg", e->msg);
	add_str(o, "sub_code", e->sub_code);
	add_str(o, "sub_msg", e->sub_msg);
	add_str(o, "request_id", e->request_id);
	add_str(o, "detail", e->detail);
	if (e->body_size)
		cJSON_AddNumberToObject(o, "body_size", (double)e->body_size);
	add_str(o, "body_file", e->body_file);
	if (e->body)
		add_json_text(o, "body", e->body);
	return o;
}

char *topc_history_entry_json(const struct topc_history_entry *e, bool with_times, bool pretty)
{
	cJSON *o = entry_json(e, with_times);
	char *text = o ? cJSON_PrintUnformatted(o) : NULL;
	struct topc_buf b;

	cJSON_Delete(o);
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
	text = topc_history_entry_json(&e, false, true);
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
/* curl */

/* s for sh inside '...', with ' written '\'' */
static enum topc_status shell_quote_text(struct topc_buf *out, const char *s)
{
	enum topc_status st = TOPC_OK;

	for (const char *p = s; *p && st == TOPC_OK; p++)
		st = *p == '\'' ? topc_buf_adds(out, "'\\''") : topc_buf_addc(out, *p);
	return st;
}

/* 'a' or 'a=b' for sh */
static enum topc_status shell_quote(struct topc_buf *out, const char *a, const char *b)
{
	if (topc_buf_addc(out, '\'') || shell_quote_text(out, a) ||
	    (b && (topc_buf_addc(out, '=') || shell_quote_text(out, b))))
		return TOPC_ERR_NOMEM;
	return topc_buf_addc(out, '\'');
}

enum topc_status topc_history_entry_curl(const struct topc_history_entry *e, struct topc_buf *out,
					 struct topc_error *err)
{
	cJSON *params = e->params_json ? cJSON_Parse(e->params_json) : NULL, *it;
	enum topc_status st;

	if (!cJSON_IsObject(params)) {
		cJSON_Delete(params);
		return topc_error_set(err, TOPC_ERR_INPUT, "entry %lld sent nothing",
				      (long long)e->id);
	}
	st = topc_buf_adds(out, "curl -sS -H 'Content-Type: "
				"application/x-www-form-urlencoded;charset=utf-8' "
				"\\\n  --data-binary \"$(topc sign -p ");
	if (st == TOPC_OK)
		st = shell_quote(out, e->profile ? e->profile : "local", NULL);
	if (st == TOPC_OK)
		st = topc_buf_adds(out, " --now --emit-body");
	cJSON_ArrayForEach(it, params)
	{
		if (st != TOPC_OK || !cJSON_IsString(it) || strcmp(it->string, "sign") == 0 ||
		    strcmp(it->string, "timestamp") == 0 || strcmp(it->string, "session") == 0)
			continue;
		st = topc_buf_adds(out, " \\\n    ");
		if (st == TOPC_OK)
			st = shell_quote(out, it->string, it->valuestring);
	}
	if (st == TOPC_OK && cJSON_GetObjectItemCaseSensitive(params, "session"))
		st = topc_buf_adds(out, " \\\n    --session");
	/* TOPC_URL redirects it; the builtin gateway's port changes every run */
	if (st == TOPC_OK)
		st = topc_buf_addf(out, ")\" \\\n  \"${TOPC_URL:-%s}\"\n",
				   e->gateway ? e->gateway : "http://127.0.0.1:8080/router/rest");
	cJSON_Delete(params);
	if (st != TOPC_OK)
		return topc_error_set(err, st, "entry %lld: the curl command is too large to write",
				      (long long)e->id);
	return TOPC_OK;
}
