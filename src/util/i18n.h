/*
 * Messages in the reader's language.
 *
 * English is the source language: every message is written in English in
 * the code and marked for translation; po/ja.po holds the Japanese, compiled
 * by msgfmt at build time and carried inside the library (see i18n.c for
 * why it is not read from a file at run time).
 *
 * Mark a message with _() where it is used, or N_() where it is only
 * defined (a table) and translated later with _(). The functions that take a
 * format (ss_error_set, ss_error_prefix, the rule book's hits, the catalog
 * checker's problems) translate it themselves: their callers pass the
 * English literal. scripts/update-po lists every keyword for xgettext.
 */
#ifndef SS_UTIL_I18N_H
#define SS_UTIL_I18N_H

#include "secspec/common.h"

/* ss_gettext and ss_ngettext are public (secspec/common.h). */
#define _(s) ss_gettext(s)
#define N_(s) s

/* How many messages the embedded catalog of lang translates (0 for "en",
 * -1 when the catalog is damaged). For the tests. */
long ss_i18n_count(const char *lang);
/* Check a .mo file as the embedded catalogs are checked, then look every
 * message of it up: the number of messages, or -1 when it is refused. For
 * the tests (a damaged catalog must translate nothing, never crash). */
long ss__i18n_check(const unsigned char *data, size_t len);

#endif
