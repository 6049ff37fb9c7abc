#include "base/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"

/* Set by meson: the datadir relative to the binary's folder (empty when
 * bindir or datadir is absolute) and the configured absolute datadir. */
#ifndef TOPC_DATADIR_RELATIVE
#define TOPC_DATADIR_RELATIVE "../share/topc"
#endif
#ifndef TOPC_DATADIR_CONFIGURED
#define TOPC_DATADIR_CONFIGURED "/usr/local/share/topc"
#endif
#define MARKER_NAME "topc-datadir"

static char *join(const char *a, const char *b, const char *c)
{
	struct topc_buf p;

	topc_buf_init(&p, 8192);
	if (topc_buf_addf(&p, "%s%s%s%s%s", a, b ? "/" : "", b ? b : "", c ? "/" : "",
			  c ? c : "") != TOPC_OK) {
		topc_buf_release(&p);
		return NULL;
	}
	return topc_buf_detach(&p, NULL);
}

/* An XDG base directory's topc folder: $var when it is absolute (the
 * specification ignores a relative one), else $HOME/fallback. */
static char *xdg_dir(const char *var, const char *fallback, const char *sub)
{
	const char *xdg = getenv(var);
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return join(xdg, "topc", sub);
	if (home && *home)
		return join(home, fallback, sub);
	return NULL;
}

char *topc_path_config(const char *sub)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config/topc", sub);
}

char *topc_path_state(const char *sub)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state/topc", sub);
}

bool topc_path_exe_dir(char *dir, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", dir, size - 1);
	char *slash;

	if (n <= 0 || (size_t)n >= size - 1)
		return false;
	dir[n] = '\0';
	slash = strrchr(dir, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return true;
}

/* The first line of the marker file, without its newline. */
static bool read_marker(const char *path, char *out, size_t size)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(out, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		out[strcspn(out, "\n")] = '\0';
	return ok && *out;
}

/* dir joined with rel, each leading "../" taking one folder off dir, so
 * /opt/topc/bin and ../share/topc give /opt/topc/share/topc. */
static void beside(char *dir, const char *rel, char *out, size_t size)
{
	char *slash;

	while (strncmp(rel, "../", 3) == 0 && (slash = strrchr(dir, '/')) && slash != dir) {
		*slash = '\0';
		rel += 3;
	}
	if ((size_t)snprintf(out, size, "%s/%s", dir, rel) >= size)
		out[0] = '\0';
}

/* path/sub is a folder. */
static bool has_dir(const char *path, const char *sub)
{
	char p[4096 + 16];
	struct stat st;

	return (size_t)snprintf(p, sizeof(p), "%s/%s", path, sub) < sizeof(p) &&
	       stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void try_path(struct topc_path_search *s, const char *how, const char *path)
{
	struct stat st;
	int i = s->ntried++;

	s->tried[i].how = how;
	if (snprintf(s->tried[i].path, sizeof(s->tried[i].path), "%s", path) >=
	    (int)sizeof(s->tried[i].path))
		s->tried[i].path[0] = '\0';
	s->tried[i].exists =
	    s->tried[i].path[0] && stat(s->tried[i].path, &st) == 0 && S_ISDIR(st.st_mode);
	if (s->tried[i].exists && s->found < 0)
		s->found = i;
}

void topc_path_data_search(struct topc_path_search *s)
{
	const char *env = getenv("TOPC_DATADIR");
	char dir[3072], file[3072 + 64], target[4096];
	bool have_dir = topc_path_exe_dir(dir, sizeof(dir));

	memset(s, 0, sizeof(*s));
	s->found = -1;
	try_path(s, "$TOPC_DATADIR", env && *env ? env : "");
	if (env && *env) { /* set: the only place, and it must hold data */
		if (s->found == 0 && !has_dir(env, "forms") && !has_dir(env, "profiles")) {
			s->tried[0].empty = true;
			s->found = -1;
		}
		return;
	}
	target[0] = '\0';
	if (have_dir && (size_t)snprintf(file, sizeof(file), "%s/" MARKER_NAME, dir) < sizeof(file))
		read_marker(file, target, sizeof(target));
	try_path(s, "build folder's " MARKER_NAME, target);
	target[0] = '\0';
	if (have_dir && *TOPC_DATADIR_RELATIVE)
		beside(dir, TOPC_DATADIR_RELATIVE, target, sizeof(target));
	try_path(s, "beside the binary", target);
	try_path(s, "configured datadir", TOPC_DATADIR_CONFIGURED);
}

char *topc_path_data(const char *sub)
{
	struct topc_path_search s;
	int use;

	topc_path_data_search(&s);
	use = s.found;
	if (use < 0 && s.ntried == 1) /* a set TOPC_DATADIR: name it */
		use = 0;
	else if (use < 0) /* name the place an install would use */
		use = s.tried[2].path[0] ? 2 : 3;
	return join(s.tried[use].path, sub, NULL);
}

enum topc_status topc_path_data_check(struct topc_error *err)
{
	struct topc_path_search s;
	struct topc_buf where;
	enum topc_status st = TOPC_OK;

	topc_path_data_search(&s);
	if (s.found >= 0)
		return TOPC_OK;
	if (s.ntried == 1 && s.tried[0].empty)
		return topc_error_set(err, TOPC_ERR_IO,
				      "TOPC_DATADIR=%s holds neither forms/ nor profiles/; set "
				      "TOPC_DATADIR to the folder holding them, or unset it",
				      s.tried[0].path);
	if (s.ntried == 1)
		return topc_error_set(err, TOPC_ERR_IO,
				      "TOPC_DATADIR=%s: no such folder; set TOPC_DATADIR to the "
				      "folder holding forms/ and profiles/, or unset it",
				      s.tried[0].path);
	topc_buf_init(&where, 2048);
	for (int i = 0; i < s.ntried; i++)
		if (s.tried[i].path[0] && topc_buf_addf(&where, "%s%s", where.len ? ", " : "",
							s.tried[i].path) != TOPC_OK)
			break;
	if (where.len)
		st = topc_error_set(
		    err, TOPC_ERR_IO,
		    "topc's data folder (forms, profiles) is missing: looked in %s; "
		    "reinstall topc, or set TOPC_DATADIR to the folder holding forms/ "
		    "and profiles/",
		    topc_buf_str(&where));
	else
		st = topc_error_set(
		    err, TOPC_ERR_IO,
		    "topc's data folder (forms, profiles) is missing: there was nowhere "
		    "to look; reinstall topc, or set TOPC_DATADIR to the folder holding "
		    "forms/ and profiles/");
	topc_buf_release(&where);
	return st;
}
