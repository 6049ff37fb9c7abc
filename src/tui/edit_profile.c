/* edit_profile.c - the profile editor: the form pane shows the profile's
 * keys (secret sources only, from the core's profile form) in place of the
 * API's form, which comes back untouched when the editor is left.  F5 saves
 * through the core (key by key, checked by loading before the file is
 * replaced) and reloads the profile. */
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "profile/profile_edit.h"

static void stash_swap(struct tui *t)
{
	struct topc_params v = t->values, c = t->collapsed;
	const struct topc_form *f = t->form;
	size_t sel = t->row_sel, top = t->row_top;
	bool missing = t->show_missing;

	t->values = t->stash.values;
	t->collapsed = t->stash.collapsed;
	t->form = t->stash.form;
	t->row_sel = t->stash.row_sel;
	t->row_top = t->stash.row_top;
	t->show_missing = t->stash.show_missing;
	t->stash.values = v;
	t->stash.collapsed = c;
	t->stash.form = f;
	t->stash.row_sel = sel;
	t->stash.row_top = top;
	t->stash.show_missing = missing;
}

static void enter(struct tui *t)
{
	struct topc_params values;
	struct topc_error err = {0};

	if (!t->have_profile) {
		tui_status(t, true, "no profile loaded; F2 picks one");
		return;
	}
	if (!t->have_profile_form) {
		topc_form_init(&t->profile_form);
		if (topc_profile_form_load(&t->profile_form, &err) != TOPC_OK) {
			tui_status(t, true, "%s", err.msg);
			return;
		}
		t->have_profile_form = true;
	}
	topc_params_init(&values);
	if (topc_profile_form_values(&t->profile, &values, &err) != TOPC_OK) {
		tui_status(t, true, "%s", err.msg);
		topc_params_release(&values);
		return;
	}
	t->stash.values = values;
	topc_params_init(&t->stash.collapsed);
	t->stash.form = &t->profile_form;
	t->stash.row_sel = t->stash.row_top = 0;
	t->stash.show_missing = true;
	stash_swap(t);
	t->editing_profile = true;
	t->editing = false;
	t->focus = PANE_FORM;
	tui_validate(t);
	tui_status(t, false, "profile %s from %s: F5 saves, F7 leaves without saving",
		   t->profile_name, t->profile.path);
}

static void leave(struct tui *t)
{
	stash_swap(t);
	topc_params_release(&t->stash.values);
	topc_params_release(&t->stash.collapsed);
	t->editing_profile = false;
	t->editing = false;
	tui_validate(t);
}

void tui_profile_editor(struct tui *t)
{
	if (t->editing_profile) {
		leave(t);
		tui_status(t, false, "left the profile editor; nothing saved");
	} else {
		enter(t);
	}
}

void tui_profile_save(struct tui *t)
{
	struct topc_error err = {0};
	char *saved = NULL, *name = t->profile_name ? strdup(t->profile_name) : NULL;

	tui_validate(t);
	if (t->problems.count) {
		for (size_t i = 0; i < t->nrows; i++)
			if (strcmp(t->rows[i].path, t->problems.items[0].path) == 0)
				t->row_sel = i;
		tui_status(t, true, "not saved: %s", t->problems.items[0].msg);
	} else if (!name || topc_profile_save(&t->profile, &t->values, &saved, &err) != TOPC_OK) {
		/* the message leads with the file's path: its name is enough here */
		const char *msg = name ? err.msg : "out of memory", *slash = strchr(msg, ' ');
		while (slash && slash > msg && slash[-1] != ':')
			slash = strchr(slash + 1, ' ');
		if (msg[0] == '/' && slash) {
			const char *base = msg;
			for (const char *c = msg; c < slash; c++)
				if (*c == '/')
					base = c + 1;
			msg = base;
		}
		tui_status(t, true, "not saved: %s", msg);
	} else {
		leave(t);
		if (tui_load_profile(t, name))
			tui_status(t, false, "profile %s saved to %s", name, saved);
	}
	free(saved);
	free(name);
}

bool tui_profile_editor_blocks(struct tui *t)
{
	if (t->editing_profile)
		tui_status(t, true, "the profile editor is open: F5 saves it, F7 leaves it");
	return t->editing_profile;
}
