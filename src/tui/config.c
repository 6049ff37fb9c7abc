/* config.c - the console's part of topc.conf: keys bound to the actions of
 * TUI_ACTION_TABLE, colours for the slots below, the mouse.  The core reads
 * the file (settings.c); names it does not know are reported here with
 * their file and line and the names there are. */
#include "tui.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/settings.h"

/* colour slots: X(id, name in topc.conf, fg, bg) */
#define TUI_COLOR_TABLE(X)                                                                         \
	X(TC_TITLE, "title", COLOR_BLACK, COLOR_CYAN)                                              \
	X(TC_ERROR, "error", COLOR_RED, -1)                                                        \
	X(TC_OK, "ok", COLOR_GREEN, -1)                                                            \
	X(TC_DIM, "dim", COLOR_BLUE, -1)                                                           \
	X(TC_KEY, "key", COLOR_YELLOW, -1)                                                         \
	X(TC_FOCUS, "focus", COLOR_BLACK, COLOR_YELLOW)                                            \
	X(TC_NAME, "name", COLOR_CYAN, -1)

static const char *const color_names[] = {"default", "black",	"red",	"green", "yellow",
					  "blue",    "magenta", "cyan", "white"};

static bool parse_color(const char *name, short *out)
{
	for (size_t i = 0; i < sizeof(color_names) / sizeof(color_names[0]); i++)
		if (strcmp(name, color_names[i]) == 0) {
			*out = (short)i - 1; /* default is -1, black is COLOR_BLACK (0)... */
			return true;
		}
	return false;
}

/* Every error in topc.conf, listed together in the response pane; the
 * status line shows the first and how many there are. */
struct conf_errors {
	struct topc_buf text;
	size_t count;
	char first[sizeof(((struct topc_error *)0)->msg)];
};

static void bad_setting(struct conf_errors *e, const struct topc_settings *s, const char *group,
			const char *name, const char *why)
{
	char where[300];

	topc_settings_where(s, group, name, where, sizeof(where));
	if (!e->count++)
		snprintf(e->first, sizeof(e->first), "%s: %s.%s: %s", where, group, name, why);
	/* a list too long to keep fails the buffer: said so when shown */
	if (topc_buf_addf(&e->text, "%s: %s.%s: %s\n", where, group, name, why) != TOPC_OK)
		return;
}

static bool same_key(const struct tui_key *a, const struct tui_key *b)
{
	return a->code && a->code == b->code && a->is_key == b->is_key;
}

/* Why k cannot be bound: it would be typed, or it edits text; NULL when it
 * can. */
static const char *unbindable(const struct tui_key *k)
{
	static const int editing[] = {'A', 'E', 'K', 'U', 'W', 'H', 'I', 'J', 'M', '['};

	if (!k->is_key && k->code >= ' ' && k->code != TUI_DEL)
		return _("a character would fire while typing in a field; bind an F-key or ^X");
	for (size_t i = 0; i < sizeof(editing) / sizeof(editing[0]); i++)
		if (!k->is_key && k->code == TUI_CTRL(editing[i]) && k->code != '\t')
			return _("the line editor uses this key (^A ^E ^K ^U ^W, Backspace, Enter, "
				 "Esc); bind another");
	return NULL;
}

static void apply_keys(struct tui *t, const struct topc_settings *s, struct conf_errors *e)
{
	for (int a = 0; a < TUI_ACTION_COUNT; a++) {
		memset(&t->keys[a], 0, sizeof(t->keys[a])); /* "": no key of its own */
		tui_key_parse(session_action_key((enum session_action)a), &t->keys[a]);
		memset(&t->ctrl[a], 0, sizeof(t->ctrl[a]));
		if (session_action_ctrl((enum session_action)a)[0])
			tui_key_parse(session_action_ctrl((enum session_action)a), &t->ctrl[a]);
	}
	for (size_t i = 0; i < s->keys.count; i++) {
		const char *name = s->keys.items[i].name, *why;
		struct tui_key k;
		int a = -1, other = -1;
		for (int n = 0; n < TUI_ACTION_COUNT; n++)
			if (strcmp(name, session_action_name((enum session_action)n)) == 0)
				a = n;
		if (a < 0) {
			char all[300];
			snprintf(all, sizeof(all), "%s", _("no such action; they are"));
			for (int n = 0; n < TUI_ACTION_COUNT; n++)
				snprintf(all + strlen(all), sizeof(all) - strlen(all), " %s",
					 session_action_name((enum session_action)n));
			bad_setting(e, s, "keys", name, all);
			continue;
		}
		if (!tui_key_parse(s->keys.items[i].value, &k)) {
			bad_setting(
			    e, s, "keys", name,
			    _("not a key; write F1..F12, ^A..^Z, Tab, S-Tab or one character"));
			continue;
		}
		if ((why = unbindable(&k))) {
			bad_setting(e, s, "keys", name, why);
			continue;
		}
		for (int n = 0; n < TUI_ACTION_COUNT; n++)
			if (n != a && (same_key(&t->keys[n], &k) || same_key(&t->ctrl[n], &k)))
				other = n;
		if (other >= 0) {
			char msg[200];
			snprintf(msg, sizeof(msg), _("%s is already %s's key; bind another"),
				 s->keys.items[i].value,
				 session_action_name((enum session_action)other));
			bad_setting(e, s, "keys", name, msg);
			continue;
		}
		t->keys[a] = k;
		if (same_key(&t->ctrl[a], &k))
			memset(&t->ctrl[a], 0, sizeof(t->ctrl[a]));
	}
}

static void init_colors(struct tui *t, const struct topc_settings *s, struct conf_errors *e)
{
	tui_use_color(has_colors() && !getenv("NO_COLOR"));
	if (!tui_has_color())
		return;
	start_color();
	bool defaults = use_default_colors() == OK;
#define TUI_X(id, name, fg, bg) init_pair(id, fg, bg);
	TUI_COLOR_TABLE(TUI_X)
#undef TUI_X
	/* the terminal's own colours as a pair (view.h), not a setting */
	tui_use_plain(defaults && init_pair(TC_PLAIN, -1, -1) == OK);
	for (size_t i = 0; i < s->colors.count; i++) {
		static const char *const slots[] = {
#define TUI_X(id, name, fg, bg) name,
		    TUI_COLOR_TABLE(TUI_X)
#undef TUI_X
		};
		char fg_name[32] = "", bg_name[32] = "default";
		short fg, bg;
		int slot = -1;
		for (int k = 0; k < (int)(sizeof(slots) / sizeof(slots[0])); k++)
			if (strcmp(s->colors.items[i].name, slots[k]) == 0)
				slot = k + 1;
		if (slot < 0) {
			char all[200];
			snprintf(all, sizeof(all), "%s", _("no such colour; they are"));
			for (size_t k = 0; k < sizeof(slots) / sizeof(slots[0]); k++)
				snprintf(all + strlen(all), sizeof(all) - strlen(all), " %s",
					 slots[k]);
			bad_setting(e, s, "colors", s->colors.items[i].name, all);
			continue;
		}
		if (sscanf(s->colors.items[i].value, "%31s %31s", fg_name, bg_name) < 1 ||
		    !parse_color(fg_name, &fg) || !parse_color(bg_name, &bg)) {
			bad_setting(
			    e, s, "colors", s->colors.items[i].name,
			    _("write \"fg [bg]\" with default, black, red, green, yellow, blue, "
			      "magenta, cyan or white"));
			continue;
		}
		init_pair((short)slot, fg, bg);
	}
}

void tui_apply_settings(struct tui *t)
{
	struct topc_settings settings;
	struct topc_error err = {0};
	struct conf_errors e = {.count = 0};

	topc_buf_init(&e.text, 0);
	topc_settings_init(&settings);
	if (topc_settings_load(&settings, NULL, &err) != TOPC_OK) {
		e.count++;
		snprintf(e.first, sizeof(e.first), "%s", err.msg);
		if (topc_buf_addf(&e.text, "%s\n", err.msg) != TOPC_OK)
			e.count++; /* the list failed: shown as such below */
	}
	/* the errors the core skipped, one a line, before the console's own */
	for (const char *p = topc_buf_str(&settings.problems), *nl; *p; p = nl + 1) {
		if (!(nl = strchr(p, '\n')))
			break;
		if (!e.count++)
			snprintf(e.first, sizeof(e.first), "%.*s", (int)(nl - p), p);
		if (topc_buf_addf(&e.text, "%.*s\n", (int)(nl - p), p) != TOPC_OK)
			break;
	}
	apply_keys(t, &settings, &e);
	if ((t->mouse = settings.mouse)) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	init_colors(t, &settings, &e);
	if (e.count == 1) {
		tui_status(t, true, "%s", e.first);
	} else if (e.count > 1) {
		tui_status(t, true, _("%zu errors in topc.conf, listed in the response pane: %s"),
			   e.count, e.first);
		session_show(&t->s, _("topc.conf: the errors found (their defaults apply)"), true,
			     e.text.failed ? _("too many to list") : topc_buf_str(&e.text),
			     e.text.failed ? 16 : e.text.len, false);
	}
	topc_buf_release(&e.text);
	topc_settings_release(&settings);
}
