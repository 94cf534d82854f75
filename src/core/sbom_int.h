/* What the SBOM and vulnerability modules of core share (sbom.c, vuln.c,
 * vex.c). */
#ifndef SS_CORE_SBOM_INT_H
#define SS_CORE_SBOM_INT_H

#include <jansson.h>
#include <string.h>

#include "core/core.h"
#include "store/rules_store.h"

static inline bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

#define SS_SBOM_COMPONENTS_MAX SS_RULES_SBOM_COMPONENTS_MAX
#define SS_SBOM_DEPENDENCIES_MAX SS_RULES_SBOM_DEPENDENCIES_MAX

/* Read an SBOM file in one pass: *doc {format, encoding, spec_version,
 * serial, name, version, timestamp, supplier, authors, tools, components
 * [...], dependencies [[from, to]]}; hash: of the file; bytes: the file when
 * small enough to keep (else empty). brought_by fills the components'
 * brought_by where the SBOM has none (NULL: nothing). */
int ss__sbom_read(json_t **doc, ss_buf *bytes, char hash[SS_SHA256_HEX], const char *path,
		  const char *brought_by);
/* What an SBOM lacks: {components: {field: count}, document: [field]}. */
json_t *ss__sbom_lacks(const json_t *doc);
/* SBOM version n (0: the newest) of project pid with its components. */
int ss__sbom_get(json_t **out, ss_store *st, int64_t pid, int64_t n);
/* A component's identity across versions (its purl without version, else
 * type/group/name). */
void ss__component_identity(char *out, size_t n, const json_t *c);
/* The order of two versions of a component (purl names its ecosystem;
 * NULL: generic order): < 0, 0, > 0. */
int ss__version_order(const char *purl, const char *a, const char *b);
/* The licences of components: {licences: [{id, components, verdict}],
 * unknown [...], none (components without a licence), denied, review}. */
json_t *ss__licence_summary(const json_t *components, const json_t *policy);
/* The vulnerability records of project pid (ss_rules_vulns), folded from
 * its log. */
int ss__vulns_fold(json_t **out, ss_store *st, int64_t pid, const char *project);
/* Where a vulnerability record stands: open, analysed, decided, rejected,
 * awaiting-approval, accepted, approval-rejected. */
const char *ss__vuln_status(const json_t *rec);
/* The same as of event upto (a model as of a milestone). */
int ss__vulns_fold_upto(json_t **out, ss_store *st, int64_t pid, const char *project, int64_t upto);
/* The document model's components (rules 5): {sbom {sbom, name, file, format,
 * spec_version, by, time}, list [...], licences, policy, vulnerabilities
 * [...], risky}; NULL *out when the project has no SBOM and no record. */
int ss__model_components(json_t **out, ss_store *st, int64_t pid, const char *project,
			 int64_t upto);

#endif
