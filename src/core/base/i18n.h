/*
 * i18n.h - the language people read topc in, through GNU gettext.
 *
 * _("...") marks a message and translates it where it is used; N_("...")
 * marks one kept in a table, translated where it is shown (_(table[i].help));
 * P_(one, many, n) picks the plural form for n.  The language follows
 * LANGUAGE, LC_ALL, LC_MESSAGES and LANG as for every program; C and en stay
 * English.
 *
 * Only what a person reads is marked.  What programs read never changes with
 * the language: --json keys and values, exit statuses, history outcomes
 * (api_error ...), file formats, protocol text.  A message built from parts is
 * one whole sentence with placeholders, so a translation can reorder it.
 *
 * Call topc_i18n_init once, after setlocale(LC_ALL, ""), before anything is
 * printed; without it every message stays English.
 */
#ifndef TOPC_I18N_H
#define TOPC_I18N_H

#include <libintl.h>

#define TOPC_TEXT_DOMAIN "topc"

#define _(msgid) dgettext(TOPC_TEXT_DOMAIN, msgid)
#define N_(msgid) (msgid)
#define P_(msgid, plural, n) dngettext(TOPC_TEXT_DOMAIN, msgid, plural, (unsigned long)(n))

/* Binds the "topc" domain, UTF-8, to the first folder of catalogs found:
 * $TOPC_LOCALEDIR; po/ beside the binary (a build folder, where meson
 * compiles the catalogs); the localedir relative to the binary
 * (bin/topc -> ../share/locale); the localedir configured at build time.
 * Returns the folder chosen, valid for the life of the process. */
const char *topc_i18n_init(void);

#endif
