/* Reads of the SBOM projection and the advisories held (sbom_store.c). */
#ifndef SS_STORE_SBOM_STORE_H
#define SS_STORE_SBOM_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* [{sbom, seq, name, file, format, spec_version, serial, components, by, time}] */
int ss_sbstore_versions(json_t **out, ss_store *st, int64_t pid);
/* One version's row (with dependencies as text); SS_ENOTFOUND naming it. */
int ss_sbstore_version(json_t **out, ss_store *st, int64_t pid, int64_t n);
/* Its components, in document order, each its stored record. */
int ss_sbstore_components(json_t **out, ss_store *st, int64_t pid, int64_t n);

/* Advisories (reference data). */
typedef struct {
	const char *id, *kind, *aliases, *summary, *details, *lang, *published, *modified;
	const char *severity, *cwes, *refs;
} ss_advisory_row;

int ss_vstore_source_new(int64_t *out, ss_store *st, const char *kind, const char *file,
			 const char *now);
int ss_vstore_source_finish(ss_store *st, int64_t id, const char *name, const char *version,
			    const char *counts, const char *sha256);
int ss_vstore_source_find(int64_t *out, ss_store *st, const char *kind, const char *sha256);
int ss_vstore_sources(json_t **out, ss_store *st);
/* Replace the advisory (and its aliases and affected rows). */
int ss_vstore_advisory_put(ss_store *st, int64_t src, const ss_advisory_row *a);
/* Drop an advisory (withdrawn). */
int ss_vstore_advisory_drop(ss_store *st, const char *id);
int ss_vstore_affected_put(ss_store *st, const char *id, int64_t n, const char *ecosystem,
			   const char *package, const char *purl, const char *ranges,
			   const char *versions, int vulnerable);
int ss_vstore_epss_put(ss_store *st, const char *cve, double epss, double percentile,
		       const char *date);
int ss_vstore_kev_put(ss_store *st, const char *cve, const char *body);
/* Every affected row with its advisory's aliases, severity and summary, in
 * one pass: fn per row (row borrowed). */
int ss_vstore_affected_each(ss_store *st, int (*fn)(void *ctx, const json_t *row), void *ctx);
/* One advisory by id or alias, with its affected rows; SS_ENOTFOUND. */
int ss_vstore_advisory_get(json_t **out, ss_store *st, const char *id);
/* EPSS and KEV of a CVE (NULL members when none). */
int ss_vstore_scores(json_t **out, ss_store *st, const char *cve);
/* Every EPSS score {CVE: {epss, percentile, date}}, every KEV entry {CVE:
 * true}. */
int ss_vstore_epss_all(json_t **out, ss_store *st);
int ss_vstore_kev_all(json_t **out, ss_store *st);
/* Counts: {advisories, affected, epss, kev, by_kind {...}}. */
int ss_vstore_counts(json_t **out, ss_store *st);

#endif
