#include "history_record.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

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
		if (!cJSON_IsString(item) || topc_params_set(out, item->string, item->valuestring) != TOPC_OK)
			ok = false;
	}
	cJSON_Delete(obj);
	return ok;
}

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

enum topc_status topc_history_entry_from_send(const struct topc_send_record *r,
					      struct topc_history_entry *e)
{
	const struct topc_outcome *o = r->outcome;

	topc_history_entry_init(e);
	e->time_ms = topc_now_ms();
	e->profile = dup(r->profile_name);
	e->gateway = dup(r->gateway);
	e->method = dup(r->method ? r->method : "");
	e->template_name = dup(r->template_name);
	e->values_json = r->values ? topc_params_to_json(r->values) : NULL;
	e->generators_json = r->generators && r->generators->count
				     ? topc_params_to_json(r->generators)
				     : NULL;
	e->params_json = r->request ? topc_params_to_json(&r->request->params) : NULL;
	e->outcome = o->cls;
	e->http_status = o->http_status;
	e->has_code = o->has_code;
	e->code = o->code;
	e->msg = dup(o->msg);
	e->sub_code = dup(o->sub_code);
	e->sub_msg = dup(o->sub_msg);
	e->request_id = dup(o->request_id);
	e->detail = dup(o->detail);
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
