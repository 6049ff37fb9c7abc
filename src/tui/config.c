/* config.c - the console's part of topc.conf: keys bound to the actions of
 * TUI_ACTION_TABLE, colours for the slots below, the mouse.  The core reads
 * the file (settings.c); names it does not know are reported here with
 * their file and line and the names there are. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/settings.h"

static const char *const action_names[] = {
#define TUI_X(id, name, key, what) name,
    TUI_ACTION_TABLE(TUI_X)
#undef TUI_X
};
static const char *const action_keys[] = {
#define TUI_X(id, name, key, what) key,
    TUI_ACTION_TABLE(TUI_X)
#undef TUI_X
};

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

static void bad_setting(struct tui *t, const struct topc_settings *s, const char *group,
			const char *name, const char *why)
{
	char where[300];

	tui_status(t, true, "%s: %s.%s: %s",
		   topc_settings_where(s, group, name, where, sizeof(where)), group, name, why);
}

static void apply_keys(struct tui *t, const struct topc_settings *s)
{
	for (int a = 0; a < TUI_ACTION_COUNT; a++)
		tui_key_parse(action_keys[a], &t->keys[a]);
	for (size_t i = 0; i < s->keys.count; i++) {
		const char *name = s->keys.items[i].name;
		int a = -1;
		for (int k = 0; k < TUI_ACTION_COUNT; k++)
			if (strcmp(name, action_names[k]) == 0)
				a = k;
		if (a < 0) {
			char all[300] = "no such action; they are";
			for (int k = 0; k < TUI_ACTION_COUNT; k++)
				snprintf(all + strlen(all), sizeof(all) - strlen(all), " %s",
					 action_names[k]);
			bad_setting(t, s, "keys", name, all);
		} else if (!tui_key_parse(s->keys.items[i].value, &t->keys[a]))
			bad_setting(t, s, "keys", name,
				    "not a key; write F1..F12, ^A..^Z, Tab, S-Tab "
				    "or one character");
	}
}

static void init_colors(struct tui *t, const struct topc_settings *s)
{
	t->color = has_colors() && !getenv("NO_COLOR");
	if (!t->color)
		return;
	start_color();
	use_default_colors();
#define TUI_X(id, name, fg, bg) init_pair(id, fg, bg);
	TUI_COLOR_TABLE(TUI_X)
#undef TUI_X
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
			char all[200] = "no such colour; they are";
			for (size_t k = 0; k < sizeof(slots) / sizeof(slots[0]); k++)
				snprintf(all + strlen(all), sizeof(all) - strlen(all), " %s",
					 slots[k]);
			bad_setting(t, s, "colors", s->colors.items[i].name, all);
			continue;
		}
		if (sscanf(s->colors.items[i].value, "%31s %31s", fg_name, bg_name) < 1 ||
		    !parse_color(fg_name, &fg) || !parse_color(bg_name, &bg)) {
			bad_setting(
			    t, s, "colors", s->colors.items[i].name,
			    "write \"fg [bg]\" with default, black, red, green, yellow, blue, "
			    "magenta, cyan or white");
			continue;
		}
		init_pair((short)slot, fg, bg);
	}
}

void tui_apply_settings(struct tui *t)
{
	struct topc_settings settings;
	struct topc_error err = {0};

	topc_settings_init(&settings);
	if (topc_settings_load(&settings, NULL, &err) != TOPC_OK)
		tui_status(t, true, "%s", err.msg);
	apply_keys(t, &settings);
	if ((t->mouse = settings.mouse)) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	init_colors(t, &settings);
	topc_settings_release(&settings);
}
