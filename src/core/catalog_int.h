/*
 * Inside the catalog reader: one validation pass over a catalog directory,
 * shared by the format-1 checks (catalog.c) and the format-2 rules
 * (catalog_rules.c). Not part of the public API.
 */
#ifndef SS_CORE_CATALOG_INT_H
#define SS_CORE_CATALOG_INT_H

#include <stdbool.h>

#include "core/core.h"

#define SS_CATALOG_FILE_MAX ((size_t)4 * 1024 * 1024)
#define SS_CATALOG_DEPTH_MAX 16
#define SS_CATALOG_TITLE_MAX 200
/* Counts a catalog version may hold: about ten times catalog 1.1.0's, so
 * that every check stays within a second on hostile input. */
#define SS_CATALOG_FILES_MAX 64
#define SS_CATALOG_BYTES_MAX ((size_t)32 * 1024 * 1024) /* the item files, in all */
#define SS_CATALOG_ITEMS_MAX 10000
#define SS_CATALOG_THREATS_MAX 2000
#define SS_CATALOG_LIST_MAX 100 /* entries of one list: an item's ids, settings, labels */

typedef struct {
	json_t *problems;  /* [{file, line, item, field, message}] */
	json_t *index;     /* parsed catalog.yaml */
	json_t *items;     /* every item, in file order */
	json_t *seen;      /* id -> true */
	json_t *threats;   /* format 2: the parsed threat list, in file order */
	json_t *threat_by; /* format 2: technique -> its (first) entry in threats */
	const char *file;  /* file being checked (basename) */
	const char *item;  /* id of item being checked */
	int format;        /* 1 (catalog 1.0.0), 2 (1.1.0) or 3 (1.2.0: more check kinds) */
} ss__catcheck;

void ss__cat_problem(ss__catcheck *c, const json_t *obj, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same for a limit that stopped reading: said even past the cap on
 * problems (each at most once a file). */
void ss__cat_limit(ss__catcheck *c, const json_t *obj, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Whether s matches the POSIX extended regex re, which must be a string
 * literal: compiled patterns are cached by its address. */
bool ss__cat_matches(const char *re, const char *s);
void ss__cat_i18n(ss__catcheck *c, const json_t *obj, const char *field, size_t max, bool required);
/* Whether one of the first n strings of list is s. */
bool ss__cat_listed_before(const json_t *list, size_t n, const char *s);
/* A single text value (NULL, with a problem, when missing, not text or too long). */
const char *ss__cat_string(ss__catcheck *c, const json_t *obj, const char *field, bool required);
/* A problem for each field of obj not in the NULL-terminated known list;
 * what names obj: its field name as it is, or a noun phrase translated by
 * the caller (_("a setting")). */
void ss__cat_known(ss__catcheck *c, const json_t *obj, const char *what, const char *const *known);
size_t ss__cat_ids(ss__catcheck *c, const json_t *obj, const char *field, const char *re,
		   const char *example);

/* Orders MAJOR.MINOR.PATCH versions: <0, 0, >0 as strcmp. */
int ss__semver_cmp(const char *a, const char *b);
/* Format 2, per item: mitigations, the change note, no scores of its own. */
void ss__cat_item2(ss__catcheck *c, const json_t *item);
/* Format 2, the whole version: the threat file (read from dir), retired ids,
 * excluded mitigations, one owner per setting, terms and register. */
int ss__cat_whole2(ss__catcheck *c, const char *dir);
/* A version against the one it revises: change notes and retired ids. */
void ss__cat_previous(ss__catcheck *c, const ss__catcheck *prev);
/* Format 2: each item's scores from the highest-scored technique it cites. */
void ss__cat_inherit_scores(json_t *items, const json_t *threats);

#endif
