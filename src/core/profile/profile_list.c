/* The profile folders: where they are, listing them, and finding a
 * profile by name there (the user's first). */
#include "profile/profile_list.h"

#include <dirent.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/paths.h"
#include "base/suggest.h"
#include "profile/profile.h"

struct entry {
	char *name;
	char *path;
	bool user;
};

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (int)y->user - (int)x->user;
}

static bool scan(const char *dir, bool user, struct entry **list, size_t *n)
{
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *de;

	if (!d)
		return true;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		struct entry *grown;
		if (len <= 5 || strcmp(de->d_name + len - 5, ".conf") != 0 || de->d_name[0] == '.')
			continue;
		grown = realloc(*list, (*n + 1) * sizeof(**list));
		if (!grown) {
			closedir(d);
			return false;
		}
		*list = grown;
		grown[*n].name = strndup(de->d_name, len - 5);
		grown[*n].path = malloc(strlen(dir) + len + 2);
		grown[*n].user = user;
		if (grown[*n].path)
			snprintf(grown[*n].path, strlen(dir) + len + 2, "%s/%s", dir, de->d_name);
		(*n)++;
	}
	closedir(d);
	return true;
}

bool topc_profile_each(topc_profile_visit_fn fn, void *ctx)
{
	char *user = topc_profile_user_dir(), *shipped = topc_profile_shipped_dir();
	struct entry *list = NULL;
	size_t n = 0;
	bool go = scan(user, true, &list, &n) && scan(shipped, false, &list, &n);

	if (n)
		qsort(list, n, sizeof(*list), entry_cmp);
	for (size_t i = 0; i < n; i++) {
		bool hidden = i > 0 && strcmp(list[i].name, list[i - 1].name) == 0;
		if (go && !hidden && list[i].name && list[i].path)
			go = fn(list[i].name, list[i].path, list[i].user, ctx);
	}
	for (size_t i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].path);
	}
	free(list);
	free(user);
	free(shipped);
	return go;
}

char *topc_profile_user_dir(void)
{
	return topc_path_config("profiles");
}

char *topc_profile_shipped_dir(void)
{
	return topc_path_data("profiles");
}

struct names {
	const char *list[64];
	char *owned[64];
	size_t n;
};

static bool collect_name(const char *name, const char *path, bool user, void *ctx)
{
	struct names *n = ctx;

	(void)path;
	(void)user;
	if (n->n < sizeof(n->list) / sizeof(n->list[0]) && (n->owned[n->n] = strdup(name)))
		n->list[n->n] = n->owned[n->n], n->n++;
	return true;
}

/* "no profile loca ...; did you mean local?", the nearest name when one is
 * close (a third of the name's length, at least 2 edits). */
static enum topc_status no_such_profile(const char *name, char *const *dirs, struct topc_error *err)
{
	struct names names = {.n = 0};
	const char *near;
	size_t len = strlen(name);
	enum topc_status st;

	topc_profile_each(collect_name, &names);
	near = topc_nearest(name, names.list, names.n, len / 3 > 2 ? len / 3 : 2);
	if (near)
		st = topc_error_set(err, TOPC_ERR_PROFILE,
				    "no profile \"%s\"; did you mean \"%s\"? topc profiles list "
				    "shows them all",
				    name, near);
	else
		st = topc_error_set(err, TOPC_ERR_PROFILE,
				    "no profile \"%s\" in %s or %s; run topc profiles list", name,
				    dirs[0] ? dirs[0] : "(no user folder)",
				    dirs[1] ? dirs[1] : "(no shipped folder)");
	for (size_t i = 0; i < names.n; i++)
		free(names.owned[i]);
	return st;
}

enum topc_status topc_profile_load(const char *name, struct topc_profile *p, struct topc_error *err)
{
	char *dirs[2];
	enum topc_status st = TOPC_ERR_PROFILE;
	bool found = false;

	if (!*name || strchr(name, '/'))
		return topc_error_set(
		    err, TOPC_ERR_PROFILE,
		    "profile name \"%s\" is not valid; use a plain name such as local", name);
	dirs[0] = topc_profile_user_dir();
	dirs[1] = topc_profile_shipped_dir();
	for (size_t i = 0; i < 2 && !found; i++) {
		char path[4096];
		struct stat sb;
		if (!dirs[i])
			continue;
		snprintf(path, sizeof(path), "%s/%s.conf", dirs[i], name);
		/* a link to nowhere, or in a loop, is there: its reading says why
		 * it fails ("no profile; did you mean" the same name, before);
		 * a folder that is none (XDG_CONFIG_HOME=/dev/null) holds nothing */
		if (stat(path, &sb) != 0 && lstat(path, &sb) != 0)
			continue;
		found = true;
		st = topc_profile_load_file(path, p, err);
	}
	if (!found)
		st = no_such_profile(name, dirs, err);
	free(dirs[0]);
	free(dirs[1]);
	return st;
}
