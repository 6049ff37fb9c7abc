/*
 * tui_internal.h - what tui.c (the driver) and tui_actions.c (the requests
 * that leave the console for a moment) share.  Only the driver calls these:
 * the views return requests (view.h), tui_driver carries them out here.
 */
#ifndef TOPC_TUI_INTERNAL_H
#define TOPC_TUI_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "export/export.h"
#include "session.h"
#include "tui.h"

/* tui.c */
/* ops opened as the overlay (the one open closed first); the status says
 * why when it cannot be. */
void tui_open_overlay(struct tui *t, const struct view_ops *ops, enum request req,
		      const struct view_req *arg);

/* tui_actions.c */
/* text on the terminal's clipboard (OSC 52, osc52.h); the status says so. */
void tui_copy_text(struct tui *t, const char *text, size_t len);
/* The form as code in lang (session_export_form) to the clipboard. */
void tui_copy_form_code(struct tui *t, enum topc_export_lang lang);
/* The diff of history entries mark and id in the response pane, focused. */
void tui_diff_entries(struct tui *t, int64_t mark, int64_t id);
/* The field at at->path (its element) edited in $VISUAL or $EDITOR, the
 * curses screen left and restored; the form unchanged when it fails. */
enum session_result tui_edit_externally(struct tui *t, const struct session_arg *at);
/* The signature overlay: the history's selected entry, or the last send. */
void tui_open_signature(struct tui *t);

#endif
