/* Reference data tables (src/store/refs_store.c). */
#ifndef SS_STORE_REFS_H
#define SS_STORE_REFS_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

typedef struct {
	const char *stix_id, *kind, *ext_id, *name, *shortname, *description;
	const char *platforms, *tactics; /* JSON arrays as text */
	int revoked, deprecated;
	const char *modified, *version;
} ss_attack_row;

int ss_rstore_source_find(int64_t *out, ss_store *st, const char *kind, const char *sha256);
int ss_rstore_source_new(int64_t *out, ss_store *st, const char *kind, const char *file,
			 const char *sha256, const char *now);
/* The source's hash is known once the file is read: sha256 replaces the one
 * given to ss_rstore_source_new. */
int ss_rstore_source_finish(ss_store *st, int64_t id, const char *name, const char *version,
			    const char *counts, const char *sha256);
int ss_rstore_sources(json_t **out, ss_store *st);
int ss_rstore_source_get(json_t **out, ss_store *st, int64_t id);
int ss_rstore_attack_put(ss_store *st, int64_t src, const ss_attack_row *r);
int ss_rstore_attack_rel_put(ss_store *st, int64_t src, const char *type, const char *from,
			     const char *to, const char *stix_id);
int ss_rstore_cwe_put(ss_store *st, int64_t src, const char *kind, int64_t id, const char *name,
		      const char *status, const char *abstraction, const char *usage,
		      const char *parents);
int ss_rstore_asvs_put(ss_store *st, int64_t src, const char *id, const char *level,
		       const char *description, const char *cwe);
int ss_rstore_xccdf_rule_put(ss_store *st, int64_t src, const char *rule_id, const char *version,
			     const char *severity, const char *title, const char *idents);
int ss_rstore_xccdf_profile_put(ss_store *st, int64_t src, const char *profile_id,
				const char *title);
int ss_rstore_xccdf_select_put(ss_store *st, int64_t src, const char *profile_id,
			       const char *rule_id);

/* Lookups in the newest source that has the id; SS_ENOTFOUND without message. */
int ss_rstore_attack_get(json_t **out, ss_store *st, const char *ext_id, int64_t source_id);
int ss_rstore_cwe_get(json_t **out, ss_store *st, int64_t id);
int ss_rstore_asvs_get(json_t **out, ss_store *st, const char *id, const char *release);
int ss_rstore_xccdf_get(json_t **out, ss_store *st, const char *id);
int ss_rstore_has_kind(int *out, ss_store *st, const char *kind);
/* Whether any imported rule has a STIG version id starting with prefix. */
int ss_rstore_xccdf_prefix_known(int *out, ss_store *st, const char *prefix);
/* The mitigations of an ATT&CK source that are neither revoked nor
 * deprecated, each with the platforms of a technique it mitigates: rows
 * ext_id, name, platforms (JSON text, NULL when it mitigates nothing). */
int ss_rstore_attack_mitigations(json_t **out, ss_store *st, int64_t source_id);
/* The newest imported source of each kind: rows kind, id. */
int ss_rstore_latest_sources(json_t **out, ss_store *st);
/* What tells the ATT&CK domain of a source apart, as ATT&CK numbers tactics
 * per domain (ICS TA0100 and up, mobile TA0027-TA0039 and TA0041) and ICS
 * techniques T0xxx: one row n, tactics, ics_tactics, mobile_tactics,
 * techniques, ics_techniques. */
int ss_rstore_attack_domain_ids(json_t **out, ss_store *st, int64_t source_id);

#endif
