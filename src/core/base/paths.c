#include "base/paths.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/buf.h"

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

char *topc_path_config(const char *sub)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return join(xdg, "topc", sub);
	if (home && *home)
		return join(home, ".config/topc", sub);
	return NULL;
}

char *topc_path_state(const char *sub)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return join(xdg, "topc", sub);
	if (home && *home)
		return join(home, ".local/state/topc", sub);
	return NULL;
}

char *topc_path_data(const char *sub)
{
	const char *dir = getenv("TOPC_DATADIR");

	return join(dir && *dir ? dir : TOPC_DATADIR, sub, NULL);
}
