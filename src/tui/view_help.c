/* view_help.c - the help overlay: every action of the action table with
 * its keys as bound now, then the keys inside the panes; it scrolls. */
#include "view.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/buf.h"

/* Keys inside the panes, for the help overlay: X(keys, what) */
#define TUI_PANE_KEY_TABLE(X)                                                                      \
	X("Esc", N_("cancel the request in flight, an edit or an overlay"))                        \
	X("y n", N_("answer a question in the status line (anything else is no)"))                 \
	X("Up Down PgUp PgDn", N_("move (j k too outside text); Home End g G first, last"))        \
	X("Enter", N_("form: edit the field, open a group, toggle a Boolean, pick a choice"))      \
	X("Del x", N_("form: clear the field; remove an array element"))                           \
	X("Ins a", N_("form: add an array element (after the selected one)"))                      \
	X("^E", N_("form: edit the field in $EDITOR"))                                             \
	X("/ n N", N_("response: search (lower case: any case), next, previous; history: filter")) \
	X("w v h y",                                                                               \
	  N_("response: wrap lines; the raw body; the headers; copy the body (OSC 52)"))           \
	X("|", N_("response: the query line (jq, XPath for XML); Up Down choose, Enter copies"))   \
	X("z Z", N_("response: fold the object or array at the cursor; fold all, unfold all"))     \
	X("Enter l", N_("history: open the entry; load its values into the form"))                 \
	X("r R c", N_("history: replay fresh, exact; copy as curl"))                               \
	X("m d", N_("history: mark an entry; diff the marked one with this one"))                  \
	X("D", N_("history: a replay's answer against its origin's, field by field"))              \
	X("x", N_("history: copy the entry as SDK code (java csharp php python node c curl)"))     \
	X("= ~ ! +", N_("history: a replay's mark: the same answer as its origin, changed, "       \
			"newly failing, newly passing (as topc replay --compare)"))                \
	X("?", N_("history: pending: sent and no outcome recorded, still in flight or its "        \
		  "process ended first (the request may have reached the gateway)"))               \
	X("mouse", N_("with mouse = true in topc.conf: click picks, again opens; wheel scrolls"))

struct help_state {
	struct pager pager;
};

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct help_state *h = v->private;
	struct topc_buf help;
	enum topc_status st;

	(void)req;
	(void)arg;
	topc_buf_init(&help, 0);
	st = topc_buf_adds(&help, _("Actions (the palette, ^P or :, runs them by name):\n"));
	for (int a = 0; a < SESSION_ACTION_COUNT && st == TOPC_OK; a++) {
		char key[32], ctrl[32] = "";
		tui_key_name(&v->env->keys[a], key, sizeof(key));
		if (v->env->ctrl[a].code)
			tui_key_name(&v->env->ctrl[a], ctrl, sizeof(ctrl));
		st = topc_buf_addf(&help, "%-6s %-4s %-14s %s\n", key, ctrl,
				   session_action_name((enum session_action)a),
				   _(session_action_help((enum session_action)a)));
	}
	st = st || topc_buf_adds(&help, _("\nIn the panes:\n"));
#define TUI_X(keys, what) st = st || topc_buf_addf(&help, "%-18s %s\n", keys, _(what));
	TUI_PANE_KEY_TABLE(TUI_X)
#undef TUI_X
	st = st ||
	     topc_buf_adds(
		 &help, _("\nIn a text field: Left Right Home End, Backspace Del, ^A ^E ^K ^U ^W; "
			  "Enter keeps, Esc drops.  A paste lands as text, line breaks as spaces.\n"
			  "Values may hold ${uuid} ${now} ${now_ms} ${today} ${seq} ${env:NAME} "
			  "${profile:KEY}.\n"
			  "\nEach API's form is kept as a draft (also across restarts); q quits "
			  "without losing them.\n"
			  "Keys and colours can be changed in $XDG_CONFIG_HOME/topc/topc.conf "
			  "(see the README).\n"));
	if (st != TOPC_OK) {
		topc_buf_release(&help);
		view_report(v, true, _("out of memory building the help"));
		return false;
	}
	pager_set(&h->pager, topc_buf_detach(&help, NULL));
	h->pager.words = true;
	topc_buf_release(&help);
	return h->pager.text != NULL;
}

static void done(struct view *v)
{
	pager_release(&((struct help_state *)v->private)->pager);
}

static void draw(struct view *v, bool focused)
{
	(void)focused;
	pager_draw(&((struct help_state *)v->private)->pager, _("help"));
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	(void)out;
	return pager_view_key(&((struct help_state *)v->private)->pager, v->env, ch, is_key);
}

const struct view_ops view_help = {
    .name = "help",
    .private_size = sizeof(struct help_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
};
