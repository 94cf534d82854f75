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

/**
 * Directory of the built-in catalog: $SECSPEC_CATALOG_DIR, else the catalog
 * installed next to the running program (<bindir>/../share/secspec/catalog),
 * else the build-time directory (the source tree) if it exists, else the
 * configured install location.
 */
const char *ss_catalog_builtin_dir(void);

/**
 * Parse and check a catalog directory without a database: one version
 * (catalog.yaml and its files) or a release tree (one subdirectory per
 * version, each checked against the version it revises). *out receives
 * {version, dir, items, problems: [{dir, file, line, item, field, message}],
 * versions: [{version, dir, items, problems}]}, the top-level fields being
 * the newest version's. Returns 0 when there are no problems, SS_EPARSE
 * when there are (the first one is the error message), or another code when
 * the files cannot be read.
 */
int ss_catalog_validate(json_t **out, const char *dir);

/**
 * Validate and load a catalog directory (one version or a release tree)
 * into the store, in one transaction: all versions or none. Loading the
 * same version again with identical content does nothing (loaded = false);
 * a different content under a loaded version number is refused
 * (SS_ECONFLICT). *out: the newest version's {version, content_hash, items,
 * loaded} and versions[], one such object per version, oldest first.
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
