/* view_signature.c - the signature overlay: the request as sent for the
 * chosen history entry (or the last send) with the explanation of its
 * error, then the preview of the current form (the driver gives the text,
 * session_signature_text); it scrolls. */
#include "view.h"

#include "base/i18n.h"

#include <stdlib.h>
#include <string.h>

struct signature_state {
	struct pager pager;
};

static bool open_view(struct view *v, enum request req, const struct view_req *arg)
{
	struct signature_state *g = v->private;
	char *text = arg && arg->data ? strndup(arg->data, arg->len) : strdup("");

	(void)req;
	if (!text) {
		view_report(v, true, _("out of memory opening the view"));
		return false;
	}
	pager_set(&g->pager, text);
	return true;
}

static void done(struct view *v)
{
	pager_release(&((struct signature_state *)v->private)->pager);
}

static void draw(struct view *v, bool focused)
{
	(void)focused;
	pager_draw(&((struct signature_state *)v->private)->pager, _("signature"));
}

static enum request key(struct view *v, int ch, bool is_key, struct view_req *out)
{
	(void)out;
	return pager_view_key(&((struct signature_state *)v->private)->pager, v->env, ch, is_key);
}

const struct view_ops view_signature = {
    .name = "signature",
    .private_size = sizeof(struct signature_state),
    .open = open_view,
    .done = done,
    .draw = draw,
    .key = key,
};
