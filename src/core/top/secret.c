#include "top/secret.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SECRET_MAX 4096

void topc_secret_wipe(struct topc_buf *b)
{
	if (b->data) {
		volatile char *p = b->data;
		for (size_t i = 0; i < b->alloc; i++)
			p[i] = 0;
	}
	topc_buf_release(b);
}

static void trim_newlines(struct topc_buf *out)
{
	while (out->len && (out->data[out->len - 1] == '\n' || out->data[out->len - 1] == '\r'))
		out->data[--out->len] = '\0';
}

static enum topc_status read_stream(FILE *f, struct topc_buf *out)
{
	char chunk[512];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (topc_buf_add(out, chunk, n) != TOPC_OK)
			return TOPC_ERR_SECRET;
	return ferror(f) ? TOPC_ERR_SECRET : TOPC_OK;
}

static enum topc_status secret_from_file(const char *path, struct topc_buf *out,
					 struct topc_error *err)
{
	struct stat st;
	FILE *f;
	enum topc_status rc;

	if (stat(path, &st) != 0)
		return topc_error_set(err, TOPC_ERR_SECRET, "secret file %s: %s", path,
				      strerror(errno));
	if (st.st_mode & 077)
		return topc_error_set(err, TOPC_ERR_SECRET,
				      "secret file %s is readable by others; run chmod 600 %s",
				      path, path);
	f = fopen(path, "r");
	if (!f)
		return topc_error_set(err, TOPC_ERR_SECRET, "secret file %s: %s", path,
				      strerror(errno));
	rc = read_stream(f, out);
	fclose(f);
	if (rc != TOPC_OK)
		return topc_error_set(err, rc, "secret file %s could not be read (over %d bytes?)",
				      path, SECRET_MAX);
	return TOPC_OK;
}

static enum topc_status secret_from_cmd(const char *cmd, struct topc_buf *out,
					struct topc_error *err)
{
	FILE *f = popen(cmd, "r");
	enum topc_status rc;
	int status;

	if (!f)
		return topc_error_set(err, TOPC_ERR_SECRET, "secret command could not start: %s",
				      strerror(errno));
	rc = read_stream(f, out);
	status = pclose(f);
	if (rc != TOPC_OK || status != 0)
		return topc_error_set(
		    err, TOPC_ERR_SECRET,
		    "secret command \"%s\" failed (exit status %d); run it by hand "
		    "to see why",
		    cmd, status == -1 ? -1 : (status >> 8) & 0xff);
	return TOPC_OK;
}

enum topc_status topc_secret_read(enum topc_source_kind kind, const char *ref, struct topc_buf *out,
				  struct topc_error *err)
{
	enum topc_status st;
	const char *v;

	out->cap = SECRET_MAX;
	switch (kind) {
	case TOPC_SOURCE_ENV:
		v = getenv(ref);
		if (!v || !*v)
			return topc_error_set(err, TOPC_ERR_SECRET,
					      "environment variable %s is not set; export it first",
					      ref);
		st = topc_buf_adds(out, v);
		break;
	case TOPC_SOURCE_FILE:
		st = secret_from_file(ref, out, err);
		break;
	case TOPC_SOURCE_CMD:
		st = secret_from_cmd(ref, out, err);
		break;
	default:
		return topc_error_set(err, TOPC_ERR_SECRET, "no secret source");
	}
	if (st != TOPC_OK)
		return st;
	trim_newlines(out);
	if (out->len == 0)
		return topc_error_set(err, TOPC_ERR_SECRET, "the secret from %s is empty", ref);
	return TOPC_OK;
}
