/*
 * secspec: the system's components (SBOM versions disclosed by the vendor),
 * the user side's licence policy, the vulnerabilities known in the
 * components and what both sides decided about each (rules 5).
 */
#ifndef SECSPEC_SBOM_H
#define SECSPEC_SBOM_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "secspec/buf.h"
#include "secspec/store.h"

/** An SBOM import: a new SBOM version of project, disclosed by `by`. */
typedef struct {
	const char *project;
	const char *path; /**< CycloneDX 1.2-1.7 JSON or XML, SPDX 2.2/2.3 JSON or tag-value */
	const char *by;
	/** who brought the components in (the subcontractor, project or owner;
	 * "A > B" through layers), for the components whose SBOM does not say;
	 * NULL: none */
	const char *brought_by;
} ss_sbom_import_req;

/**
 * Import an SBOM as the project's next SBOM version (event sbom.add, with
 * every component; after the specification is agreed, with its change
 * request). The file is kept by its SHA-256 (when at most
 * SS_ATTACHMENT_MAX bytes) as evidence. *out: {sbom, format, encoding,
 * spec_version, name, file, components, dependencies, kept, lacks, change}.
 */
int ss_sbom_import(json_t **out, ss_store *st, const ss_sbom_import_req *req);
/** The project's SBOM versions, oldest first. */
int ss_sbom_versions(json_t **out, ss_store *st, const char *project);
/**
 * SBOM version n (0: the newest): {sbom, name, file, format, spec_version,
 * seq, by, time, components [...], dependencies, lacks, licences, policy}.
 */
int ss_sbom_show(json_t **out, ss_store *st, const char *project, int64_t n);
/**
 * What changed from SBOM version a to b (0: the newest; a 0: the one
 * before b): {from, to, added, removed, upgraded, downgraded, changed,
 * unchanged}.
 */
int ss_sbom_diff(json_t **out, ss_store *st, const char *project, int64_t a, int64_t b);
/**
 * Check the hashes of the newest SBOM's components that name a file against
 * the files under dir (never following a link out of it). *out: {checked,
 * matched, mismatched [...], missing [...], unchecked}; SS_ERULE when a
 * hash does not match or a file is missing.
 */
int ss_sbom_verify_hashes(json_t **out, ss_store *st, const char *project, const char *dir);

/** The user side's licence policy: licence ids per verdict, and the
 * verdict of a licence the lists do not name. */
typedef struct {
	const char *project, *by;
	const char *const *allowed, *const *review, *const *denied; /**< NULL-terminated */
	const char *fallback; /**< "allowed", "review" or "denied" */
	const char *reason;   /**< may be NULL */
	int64_t supersedes;   /**< the policy it corrects (0: the first) */
} ss_sbom_policy_req;

int ss_sbom_policy(ss_store *st, const ss_sbom_policy_req *req);

/* --- vulnerabilities ---------------------------------------------------- */

/**
 * Import advisories or scores of kind "osv" (a record, a directory or an
 * osv.dev zip), "nvd" (CVE API 2.0 JSON), "jvn" (VULDEF 3.2 XML), "csaf"
 * (CSAF 2.0), "epss" (CSV) or "kev" (CISA's JSON), in one transaction. A
 * newer record of an id replaces the one held; a withdrawn one is dropped.
 * *out: {kind, name, counts, imported, changes: {project: {new [...],
 * gone [...]}}} (the findings each project gained or lost).
 */
int ss_vuln_import(json_t **out, ss_store *st, const char *kind, const char *path);
/** The advisories held: {advisories, by_source {...}, epss, kev, sources [...]}. */
int ss_vuln_sources(json_t **out, ss_store *st);
/** One advisory by id or alias, with its aliases and what it affects. */
int ss_vuln_lookup(json_t **out, ss_store *st, const char *id);
/**
 * Match the newest SBOM's components against the advisories held:
 * findings [{vuln, aliases, component, name, version, purl, ecosystem,
 * severity, score, epss, kev, summary, record}] (one per flaw and
 * component: a CVE and its GHSA or GO alias are one finding), notes [...]
 * (what could not be evaluated), and timing {components, advisories, ms}.
 */
int ss_vuln_match(json_t **out, ss_store *st, const char *project);

/** A step of a vulnerability's record: found, analysed, decided, approved. */
typedef struct {
	const char *project, *by;
	const char *vuln;      /**< an advisory id (the finding's) */
	const char *component; /**< a component ref of the newest SBOM */
	/* vuln.analysis */
	const char *state;           /**< affected, not_affected, fixed, under_investigation */
	const char *justification;   /**< with not_affected */
	const char *const *response; /**< NULL-terminated; may be NULL */
	const char *detail;
	/* vuln.decide / vuln.approve */
	const char *verdict; /**< accept / reject; approved / rejected */
	const char *reason;  /**< a decision's reason, an approval's note */
	/* the step it answers or supersedes (0: the current one) */
	int64_t target;
} ss_vuln_req;

/** vuln.notice: a finding of ss_vuln_match recorded in the log (after the
 * specification is agreed and before operation, with its change request). */
int ss_vuln_notice(json_t **out, ss_store *st, const ss_vuln_req *req);
/** vuln.analysis (the vendor), vuln.decide (the user side), vuln.approve
 * (the user side's management). */
int ss_vuln_analyse(ss_store *st, const ss_vuln_req *req);
int ss_vuln_decide(ss_store *st, const ss_vuln_req *req);
int ss_vuln_approve(ss_store *st, const ss_vuln_req *req);
/**
 * The project's vulnerability register: {policy, risky, records [{vuln,
 * component, name, version, current (in the newest SBOM), notice,
 * analysis, decision, approval, status}]}.
 */
int ss_vuln_register(json_t **out, ss_store *st, const char *project);

/**
 * The project's VEX document in format "cyclonedx" (CycloneDX 1.6),
 * "openvex" (OpenVEX 0.2.0) or "csaf" (CSAF 2.0 csaf_vex): the vendor's
 * analyses the user side accepted (and management approved where needed);
 * with include_undecided the others too, marked as not accepted. The same
 * register gives the same bytes.
 */
int ss_vex_export_project(ss_buf *out, ss_store *st, const char *project, const char *format,
			  bool include_undecided);

/**
 * The vendor's analyses from a VEX document (CycloneDX, OpenVEX or CSAF,
 * recognised by their content), recorded as vuln.analysis events in one
 * change: each statement whose product is a component of the newest SBOM
 * (its ref, a BOM-Link ending in it, or its purl); a statement on a
 * component already analysed supersedes the analysis. *out: {file, sbom,
 * recorded [{vuln, component, state}], skipped [{vuln, product}]}.
 */
int ss_vex_import_project(json_t **out, ss_store *st, const char *project, const char *path,
			  const char *by);

#endif
