/*
 * secspec: the guideline catalog.
 *
 * Read results are jansson values owned by the caller (json_decref). Their
 * shapes are documented in docs/json.md.
 */
#ifndef SECSPEC_CATALOG_H
#define SECSPEC_CATALOG_H

#include <jansson.h>

#include "secspec/store.h"

/** Filter for catalog items and requirements; NULL fields match everything. */
typedef struct {
	const char *section;   /**< secure-coding | default | detailed | attack */
	const char *platform;  /**< linux | windows | application */
	const char *category;  /**< a policy category id, e.g. authentication */
	const char *technique; /**< ATT&CK id; T1110 also matches T1110.001 */
} ss_filter;

/** Directory of the built-in catalog: $SECSPEC_CATALOG_DIR or the build-time path. */
const char *ss_catalog_builtin_dir(void);

/**
 * Parse and check a catalog directory (catalog.yaml and its item files)
 * without a database. *out receives {version, items, problems: [{file,
 * line, item, field, message}]}. Returns 0 when there are no problems,
 * SS_EPARSE when there are (the first one is the error message), or
 * another code when the files cannot be read.
 */
int ss_catalog_validate(json_t **out, const char *dir);

/**
 * Validate and load a catalog directory into the store, in one transaction.
 * Loading the same version again with identical content does nothing
 * (*out.loaded = false); a different content under a loaded version number
 * is refused (SS_ECONFLICT).
 */
int ss_catalog_load(json_t **out, ss_store *st, const char *dir);

/** Loaded versions, oldest first. */
int ss_catalog_versions(json_t **out, ss_store *st);
/** Items of a version (NULL: the latest), filtered. */
int ss_catalog_list(json_t **out, ss_store *st, const char *version, const ss_filter *f);
/** One item with all its fields. */
int ss_catalog_show(json_t **out, ss_store *st, const char *version, const char *id);
/** The index (sections, platforms, categories, asset kinds, impact axes) of a version. */
int ss_catalog_meta(json_t **out, ss_store *st, const char *version);

#endif
