/* Enumeration of the profile folders. */
#include "profile/profile_list.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
