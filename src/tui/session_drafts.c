/* session_drafts.c - the console's drafts: the values of every API touched,
 * kept across runs and shared by the consoles open at once (session.h). */
#include "session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "history/history_record.h"
#include "session_internal.h"

/* Drafts: the values of every API touched, kept as JSON per method in
 * $XDG_STATE_HOME/topc/console-drafts.json */

/* Who the drafts file is: a file replaced (by a rename), grown or touched
 * since is another one.  known false: none seen (or none there). */
static void drafts_identify(const char *path, struct session_drafts_id *id)
{
	struct stat st;

	memset(id, 0, sizeof(*id));
	if (stat(path, &st) != 0)
		return;
	id->known = true;
	id->dev = st.st_dev;
	id->ino = st.st_ino;
	id->mtime = st.st_mtim;
	id->size = st.st_size;
}

static bool drafts_same_file(const struct session_drafts_id *a, const struct session_drafts_id *b)
{
	return a->known && b->known && a->dev == b->dev && a->ino == b->ino &&
	       a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec &&
	       a->size == b->size;
}

/* The drafts file's entries into out (emptied first), id the file they
 * came from (taken before it is read: a file replaced meanwhile is read
 * again the next time); false (err says why) when it is there but cannot
 * be read whole: too large, an I/O error, not drafts' JSON.  Such a file is
 * never written over: it may hold another console's drafts. */
static bool drafts_read(const char *path, struct topc_params *out, struct session_drafts_id *id,
			struct topc_error *err)
{
	struct topc_buf b;
	bool ok;

	topc_params_release(out);
	topc_params_init(out);
	drafts_identify(path, id);
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return true;
	topc_buf_init(&b, 1 << 24);
	ok = topc_file_read(path, 1 << 24, &b, err) == TOPC_OK;
	if (ok && b.len && !topc_history_params_from_json(topc_buf_str(&b), out)) {
		topc_params_release(out);
		topc_params_init(out);
		topc_error_set(err, TOPC_ERR_INPUT, "%s: not drafts' JSON", path);
		ok = false;
	}
	if (!ok)
		id->known = false;
	topc_buf_release(&b);
	return ok;
}

/* Says once (until a write succeeds again) why the drafts are not saved:
 * a file that is there but cannot be read (never written over), or one
 * that cannot be written (a full disk: err says the fix), whose changes
 * are kept here and written with the next one. */
static void drafts_refuse(struct console_session *s, const struct topc_error *err, bool writing)
{
	if (s->drafts_refused)
		return;
	s->drafts_refused = true;
	if (writing)
		session_say(s, true, _("%s; the drafts are not saved until it can be written"),
			    err->msg);
	else
		session_say(s, true, _("%s; drafts are not saved until it is moved away or fixed"),
			    err->msg);
}

void session_drafts_load(struct console_session *s)
{
	struct topc_error err = {0};

	s->drafts_path = topc_path_state("console-drafts.json");
	if (!s->drafts_path)
		return;
	if (!drafts_read(s->drafts_path, &s->drafts, &s->drafts_id, &err))
		drafts_refuse(s, &err, false);
}

/* The draft name set to value, and marked as this console's change unless
 * it was that already (no draft and an empty one are the same: an API only
 * looked at overwrites nobody's). */
static enum topc_status draft_set(struct console_session *s, const char *name, const char *value)
{
	const char *was = topc_params_get(&s->drafts, name);

	if (!strcmp(was ? was : "", value))
		return TOPC_OK;
	if (topc_params_set(&s->drafts_changed, name, "") != TOPC_OK)
		return TOPC_ERR_NOMEM;
	return topc_params_set(&s->drafts, name, value);
}

/* The others' drafts (the file as it is now) with this console's changes
 * over them into s->drafts; false when the file cannot be read. */
static bool drafts_merge(struct console_session *s, struct topc_error *err)
{
	struct topc_params disk;
	struct session_drafts_id id;
	bool ok;

	topc_params_init(&disk);
	ok = drafts_read(s->drafts_path, &disk, &id, err);
	for (size_t i = 0; ok && i < s->drafts_changed.count; i++) {
		const char *mine = topc_params_get(&s->drafts, s->drafts_changed.items[i].name);
		if (mine)
			ok = topc_params_set(&disk, s->drafts_changed.items[i].name, mine) ==
			     TOPC_OK;
	}
	if (ok) {
		topc_params_release(&s->drafts);
		s->drafts = disk;
		s->drafts_id = id;
	} else {
		topc_params_release(&disk);
	}
	return ok;
}

/* Writes the drafts this console changed into the file as it is now (another
 * console may have written its own since): under a lock, the file read again
 * when it is no longer the one last read or written, merged per API, renamed
 * into place.  The others' drafts come back into ours.  Nothing changed:
 * nothing done. */
static void drafts_write(struct console_session *s)
{
	struct session_drafts_id now;
	struct topc_error err = {0};
	char *lock, *all = NULL, *dir;
	int fd;

	if (!s->drafts_changed.count)
		return;
	dir = topc_path_state(NULL);
	if (dir)
		topc_dir_ensure(dir, 0700, NULL);
	free(dir);
	lock = topc_path_state("console-drafts.lock");
	if (!lock || (fd = topc_file_lock(lock, &err)) < 0) {
		if (lock)
			drafts_refuse(s, &err, true);
		free(lock);
		return;
	}
	drafts_identify(s->drafts_path, &now);
	/* neither known: none there then or now, nobody's drafts to keep */
	if (!drafts_same_file(&now, &s->drafts_id) && (now.known || s->drafts_id.known) &&
	    !drafts_merge(s, &err)) {
		drafts_refuse(s, &err, false);
	} else if ((all = topc_history_params_json(&s->drafts)) &&
		   topc_file_write_atomic(s->drafts_path, all, strlen(all), 0600, &err) ==
		       TOPC_OK) {
		s->drafts_refused = false;
		topc_params_release(&s->drafts_changed);
		topc_params_init(&s->drafts_changed);
		drafts_identify(s->drafts_path, &s->drafts_id);
	} else if (all) {
		drafts_refuse(s, &err, true);
	}
	free(all);
	topc_file_unlock(fd);
	free(lock);
}

/* The drafts' entry saying whether method's draft has changes not sent
 * ("1") or not ("0"). */
bool session_unsent_key(const char *method, char *key, size_t n)
{
	return (size_t)snprintf(key, n, "unsent %s", method) < n;
}

/* The current form's values into the drafts (and the file). */
void session_draft_keep(struct console_session *s)
{
	char *json, key[300];

	if (!s->method || s->editing_profile)
		return;
	json = topc_history_params_json(&s->values);
	/* a failed set keeps the draft as it was: the file below is whole */
	if (json && draft_set(s, s->method, s->values.count ? json : "") == TOPC_OK &&
	    session_unsent_key(s->method, key, sizeof(key)) &&
	    draft_set(s, key, s->dirty ? "1" : "0") == TOPC_OK)
		draft_set(s, SESSION_LAST_METHOD, s->method);
	free(json);
	if (s->drafts_path)
		drafts_write(s);
}
