#include "base/i18n.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/paths.h"

/* Set by meson: the localedir relative to the binary's folder (empty when
 * bindir or localedir is absolute) and the configured absolute localedir. */
#ifndef TOPC_LOCALEDIR_RELATIVE
#define TOPC_LOCALEDIR_RELATIVE "../share/locale"
#endif
#ifndef TOPC_LOCALEDIR_CONFIGURED
#define TOPC_LOCALEDIR_CONFIGURED "/usr/local/share/locale"
#endif

static char chosen[4096];

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* path = dir + "/" + sub, when it fits and is a folder */
static bool try_dir(const char *dir, const char *sub)
{
	int n;

	if (!dir || !*dir)
		return false;
	n = snprintf(chosen, sizeof(chosen), "%s%s%s", dir, sub ? "/" : "", sub ? sub : "");
	if (n < 0 || (size_t)n >= sizeof(chosen) || !is_dir(chosen)) {
		chosen[0] = '\0';
		return false;
	}
	return true;
}

static void choose(void)
{
	char dir[4096];

	if (try_dir(getenv("TOPC_LOCALEDIR"), NULL))
		return;
	if (topc_path_exe_dir(dir, sizeof(dir))) {
		if (try_dir(dir, "po"))
			return;
		if (*TOPC_LOCALEDIR_RELATIVE && try_dir(dir, TOPC_LOCALEDIR_RELATIVE))
			return;
	}
	if (!try_dir(TOPC_LOCALEDIR_CONFIGURED, NULL))
		snprintf(chosen, sizeof(chosen), "%s", TOPC_LOCALEDIR_CONFIGURED);
}

const char *topc_i18n_init(void)
{
	choose();
	bindtextdomain(TOPC_TEXT_DOMAIN, chosen);
	bind_textdomain_codeset(TOPC_TEXT_DOMAIN, "UTF-8");
	return chosen;
}
