/*
 * secspec: the guideline keeps up with the threat — catalog versions and
 * their differences, moving a project to a new version through change
 * requests, and the ATT&CK coverage of a project.
 */
#ifndef SECSPEC_CHANGE_H
#define SECSPEC_CHANGE_H

#include <jansson.h>
#include <stdbool.h>

#include "secspec/buf.h"
#include "secspec/store.h"

/**
 * Differences between two loaded catalog versions: {from, to, added,
 * retired, changed: [{id, fields}], references: [...]}. References lists
 * ATT&CK techniques cited by `to` that are revoked, deprecated or changed
 * in the ATT&CK release `to` was checked against, compared with `from`'s.
 */
int ss_catalog_diff(json_t **out, ss_store *st, const char *from, const char *to);

/**
 * Move a project to catalog version `to`. Nothing changes silently: a
 * decision whose item changed, a new default mitigation and a retired item
 * each raise a change request; items whose content is unchanged carry their
 * decisions over. *out: {from, to, carried, changes: [ids]}.
 */
int ss_project_upgrade(json_t **out, ss_store *st, const char *project, const char *to,
		       const char *by);

/** Change requests: open -> assessed -> decided -> closed. */
int ss_change_list(json_t **out, ss_store *st, const char *project, const char *state);
int ss_change_show(json_t **out, ss_store *st, const char *project, const char *id);
/** The vendor assesses: note, and whether it forces re-estimation (none|cost|date|both). */
int ss_change_assess(ss_store *st, const char *project, const char *id, const char *note,
		     const char *reestimate, const char *by);
/** The user decides how the change is handled (and decides the item again with ss_decide). */
int ss_change_decide(ss_store *st, const char *project, const char *id, const char *note,
		     const char *by);
/** A lead closes a decided change request. */
int ss_change_close(ss_store *st, const char *project, const char *id, const char *note,
		    const char *by);

/**
 * Threats: every ATT&CK technique the catalog cites, with its scores (the
 * highest of the items citing it, or the project's own with its reason),
 * whether it is important (both 3), and the project's coverage: implemented,
 * mitigated otherwise, accepted, not applicable, open, or none.
 */
int ss_coverage(json_t **out, ss_store *st, const char *project);
/**
 * The ATT&CK mitigations a catalog version (NULL: the newest) implements,
 * against the newest imported ATT&CK release: each mitigation is covered
 * (items cite it), excluded (the catalog says why), missing (it applies to
 * Windows, Linux or network devices and nothing covers it) or out-of-scope.
 * *out: {version, mitigations: [{id, name, state, items, excluded?}], counts}.
 */
int ss_catalog_coverage(json_t **out, ss_store *st, const char *version);
/** Set a technique's scores for a project, with the reason (recorded). */
int ss_threat_score(ss_store *st, const char *project, const char *technique, int incident,
		    int ease, const char *reason, const char *by);
/** The coverage as an ATT&CK Navigator layer (format 4.5). */
int ss_coverage_navigator(ss_buf *out, const json_t *coverage);

#endif
