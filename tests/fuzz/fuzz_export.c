/* libFuzzer target: the exporter on any method, names and values, with a
 * form and without, in every language; never crashes, and the curl script
 * never lets a value out of its quotes: outside '...' only the script's own
 * words remain, so no value can run a command.
 *
 * Input: lines; the first is the method, the others NAME=VALUE (a value's
 * "\n" written as the two bytes \ n stays in it). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "form/form.h"
#include "form/form_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char form_text[] =
    "method = \"taobao.fuzz.send\";\n"
    "request = (\n"
    "  { name = \"n\"; type = \"Number\"; },\n"
    "  { name = \"s\"; type = \"String\"; },\n"
    "  { name = \"b\"; type = \"Boolean\"; },\n"
    "  { name = \"j\"; type = \"Json\"; },\n"
    "  { name = \"l\"; type = \"String []\"; },\n"
    "  { name = \"o\"; type = \"ODto\"; fields = (\n"
    "      { name = \"x\"; type = \"String\"; },\n"
    "      { name = \"nl\"; type = \"Number []\"; },\n"
    "      { name = \"in\"; type = \"IDto\"; fields = ( { name = \"y\"; type = \"Number\"; } ); }\n"
    "  ); }\n"
    ");\n";

/* What a curl script may hold outside single quotes: the template's words */
static void check_shell(const char *script)
{
	static const char *const allowed_dollar[] = {"${TOPC_URL:-}", "$url", "$(topc sign",
						     "$body"};
	bool quoted = false, comment = false;

	for (const char *p = script; *p; p++) {
		if (comment) {
			if (*p == '\n')
				comment = false;
			continue;
		}
		if (*p == '\'') {
			quoted = !quoted;
			continue;
		}
		if (quoted)
			continue;
		if (*p == '\\' && p[1]) { /* '\'' and line ends: one character, inert */
			p++;
			continue;
		}
		if (*p == '#' && (p == script || p[-1] == '\n')) {
			comment = true;
			continue;
		}
		if (*p == '`' || *p == ';' || *p == '&' || *p == '<' || *p == '>')
			abort(); /* nothing the template writes */
		if (*p == '$' && strncmp(p, "$(printf '\\", 11) == 0) {
			/* a byte that is not UTF-8, or the bytes of a control or
			 * an invisible character, as the script writes them:
			 * $(printf '\ooo...'), one to four groups of three octal
			 * digits and nothing else */
			const char *q = p + 10;
			int groups = 0;
			while (q[0] == '\\' && q[1] >= '0' && q[1] <= '3' && q[2] >= '0' &&
			       q[2] <= '7' && q[3] >= '0' && q[3] <= '7') {
				q += 4;
				groups++;
			}
			if (groups < 1 || groups > 4 || q[0] != '\'' || q[1] != ')')
				abort();
			p = q + 1;
			continue;
		}
		if (*p == '$') {
			bool ok = false;
			for (size_t i = 0; i < sizeof(allowed_dollar) / sizeof(allowed_dollar[0]);
			     i++)
				ok |= strncmp(p, allowed_dollar[i], strlen(allowed_dollar[i])) == 0;
			if (!ok)
				abort();
		}
	}
	if (quoted)
		abort(); /* a quote left open */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct topc_form form;
	static bool ready;
	struct topc_error err = {0};
	struct topc_params params;
	char *text = malloc(size + 1), *line, *save = NULL, *method = NULL;

	if (!ready) {
		if (topc_form_load_string(form_text, "fuzz.conf", &form, &err) != TOPC_OK)
			abort();
		ready = true;
	}
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	topc_params_init(&params);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		if (!method) {
			method = line;
			continue;
		}
		if (!eq || eq == line)
			continue;
		*eq = '\0';
		for (char *p = eq + 1; (p = strstr(p, "\\n")); p++) {
			p[0] = '\n';
			memmove(p + 1, p + 2, strlen(p + 2) + 1);
		}
		if (topc_params_set(&params, line, eq + 1) != TOPC_OK)
			break;
	}
	for (int with_form = 0; with_form < 2; with_form++)
		for (int lang = 0; lang < TOPC_EXPORT_NLANGS; lang++) {
			struct topc_export_request r = {
			    .method = method ? method : "taobao.fuzz.send",
			    .params = &params,
			    .form = with_form ? &form : NULL,
			    .profile = method ? method : "p'$(x)",
			    .gateway = lang % 2 ? NULL : (method ? method : "http://h/$(x)"),
			    .app_key = "1'2",
			    .session = lang % 3 == 0,
			};
			struct topc_buf out;
			topc_buf_init(&out, 0);
			if (topc_export_code(&r, (enum topc_export_lang)lang, &out, &err) ==
				TOPC_OK &&
			    lang == TOPC_EXPORT_CURL)
				check_shell(topc_buf_str(&out));
			topc_buf_release(&out);
		}
	topc_params_release(&params);
	free(text);
	return 0;
}
