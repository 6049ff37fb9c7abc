/* tui_actions.c - the driver's requests that leave the console for a
 * moment: the clipboard (OSC 52), $EDITOR on a field, the diff of two
 * entries, the signature's overlay (tui_internal.h). */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/file.h"
#include "base/i18n.h"
#include "history/history_record.h"
#include "osc52.h"

/* OSC 52: puts text on the terminal's clipboard, locally or over SSH
 * (osc52.h: the size limit, tmux's passthrough) */
void tui_copy_text(struct tui *t, const char *text, size_t len)
{
	struct topc_buf seq;
	struct topc_error err = {0};

	topc_buf_init(&seq, 0);
	if (osc52_encode(text, len, osc52_in_tmux(), 0, &seq, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		fwrite(seq.data, 1, seq.len, stdout);
		fflush(stdout);
		tui_status(t, false, _("copied %zu bytes to the clipboard (OSC 52)"), len);
	}
	topc_buf_release(&seq);
}

/* The form as code, a preview (session_export_form), to the clipboard */
void tui_copy_form_code(struct tui *t, enum topc_export_lang lang)
{
	struct topc_buf code;
	struct topc_error err = {0};

	topc_buf_init(&code, 0);
	if (lang >= TOPC_EXPORT_NLANGS || !session_export_form(&t->s, lang, &code, &err))
		tui_status(t, true, "%s", err.msg);
	else
		tui_copy_text(t, topc_buf_str(&code), code.len);
	topc_buf_release(&code);
}

void tui_diff_entries(struct tui *t, int64_t mark, int64_t id)
{
	struct topc_buf out;
	struct topc_error err = {0};
	bool differ = false;
	char title[96];

	topc_buf_init(&out, 0);
	if (topc_history_diff(t->s.history, mark, id, &out, &differ, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		snprintf(title, sizeof(title),
			 differ ? _("diff of entries %lld and %lld")
				: _("diff of entries %lld and %lld: the same"),
			 (long long)mark, (long long)id);
		session_show(&t->s, title, false, out.data ? out.data : "", out.len, false);
		t->focus = PANE_RESPONSE;
	}
	topc_buf_release(&out);
}

static bool has_problem(const struct console_session *s, const char *path)
{
	for (size_t i = 0; i < s->problems.count; i++)
		if (strcmp(s->problems.items[i].path, path) == 0)
			return true;
	return false;
}

/* The text back from $EDITOR, where the row was: the field itself, its
 * element, or a new element (through an edit, so that the element logic
 * lives in the model). */
static enum session_result commit_external(struct tui *t, const struct session_arg *at,
					   const char *text)
{
	struct session_arg arg = *at;
	enum session_result res;

	arg.text = text;
	if (at->elem == -1 && !at->adds)
		return session_request(&t->s, SESSION_REQ_SET_VALUE, &arg);
	if (arg.elem < 0)
		arg.elem = -1;
	res = session_request(&t->s, SESSION_REQ_EDIT_OPEN, &arg);
	return res == SESSION_DONE ? session_request(&t->s, SESSION_REQ_EDIT_COMMIT, NULL) : res;
}

/* Json fields are easier in a real editor: write, run $EDITOR, read back. */
enum session_result tui_edit_externally(struct tui *t, const struct session_arg *at)
{
	const char *editor = getenv("VISUAL") ? getenv("VISUAL") : getenv("EDITOR");
	char file[] = "/tmp/topc-field-XXXXXX";
	char *path = strdup(at->path ? at->path : "");
	struct session_arg where = *at;
	struct topc_buf text;
	struct topc_error err = {0};
	int fd = mkstemp(file), status = -1;
	enum session_result res = SESSION_REFUSED;
	pid_t pid;

	if (fd < 0 || !editor || !path) {
		if (fd >= 0) {
			close(fd);
			unlink(file);
		}
		free(path);
		tui_status(t, true, _("set $EDITOR to edit fields in an editor"));
		return SESSION_REFUSED;
	}
	where.path = path;
	if (at->text && write(fd, at->text, strlen(at->text)) < 0)
		tui_status(t, true, _("cannot write %s"), file);
	close(fd);
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		execlp("sh", "sh", "-c", "exec $0 \"$1\"", editor, file, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	reset_prog_mode();
	refresh();
	topc_buf_init(&text, 1 << 24);
	if (status == 0 && topc_file_read(file, 1 << 24, &text, &err) == TOPC_OK) {
		while (text.len &&
		       (text.data[text.len - 1] == '\n' || text.data[text.len - 1] == '\r'))
			text.data[--text.len] = '\0';
		res = commit_external(t, &where, topc_buf_str(&text));
		if (!has_problem(&t->s, path))
			tui_status(t, false, _("%s: %zu bytes from the editor"), path, text.len);
	} else {
		tui_status(t, true, _("the editor did not finish cleanly; the field is unchanged"));
	}
	topc_buf_release(&text);
	unlink(file);
	free(path);
	return res;
}

void tui_open_signature(struct tui *t)
{
	struct topc_buf text;
	struct view_req arg = {.arg = {.elem = -1}};
	/* from the history pane: its selected entry; elsewhere the last send */
	int64_t id = t->focus == PANE_HISTORY ? t->s.hist_sel_id : 0;

	if (!id && !t->s.have_sent)
		id = t->s.hist_sel_id;
	topc_buf_init(&text, 0);
	session_signature_text(&t->s, id, &text);
	arg.data = topc_buf_str(&text);
	arg.len = text.len;
	tui_open_overlay(t, &view_signature, REQ_ACTION_SIGNATURE, &arg);
	topc_buf_release(&text);
}
