/*
 * secspec: reference data — the public ATT&CK, CWE, ASVS and XCCDF
 * (STIG/SCAP) releases that catalog items link to. Imported files become
 * read-only reference tables; they never change the catalog's own text.
 */
#ifndef SECSPEC_REFS_H
#define SECSPEC_REFS_H

#include <jansson.h>

#include "secspec/store.h"

/**
 * Import a file of kind "attack" (STIX 2.0/2.1 bundle, .json or .json.gz),
 * "cwe" (CWE XML, .xml or .xml.gz), "asvs" (ASVS flat JSON) or "xccdf"
 * (XCCDF 1.1/1.2 benchmark or SCAP data stream, .xml or .xml.gz), in one
 * transaction. The same file imported again does nothing. version names the
 * release when the file does not (NULL: taken from the file). *out:
 * {kind, name, version, source, counts, imported}.
 */
int ss_import(json_t **out, ss_store *st, const char *kind, const char *path, const char *version);
/** Imported sources, oldest first. */
int ss_refs_sources(json_t **out, ss_store *st);
/** What the newest import says of an id: T1110, TA0006, M1036, CWE-89, V5.3.4, a STIG id. */
int ss_refs_lookup(json_t **out, ss_store *st, const char *id);
/**
 * Check a catalog version's references against the imported data: ids that
 * do not exist, or are revoked or deprecated. Kinds with nothing imported
 * are skipped and listed. *out: {version, checked, skipped, problems: [...]};
 * SS_ERULE when there are problems.
 */
int ss_refs_check_catalog(json_t **out, ss_store *st, const char *version);

#endif
