/*
 * secspec: projects, members and the twelve steps.
 *
 * Every change names the person making it (by). The person must be an
 * active member with a side and role allowed to make that change
 * (docs/permissions.md); otherwise SS_EPERM. Each call is one transaction
 * that appends one event per change to the project's ledger.
 */
#ifndef SECSPEC_PROJECT_H
#define SECSPEC_PROJECT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "secspec/store.h"

/** Create a project pinned to the latest loaded catalog version (or catalog_version).
 * by becomes the lead of side ("user" or "vendor"). */
int ss_project_create(ss_store *st, const char *name, const char *user_org, const char *vendor_org,
		      const char *catalog_version, const char *by, const char *by_side,
		      const char *by_display_name);
/** What a new project is created with. */
typedef struct {
	const char *name;
	const char *user_org;
	const char *vendor_org;      /**< NULL or "" (rules 3): no vendor selected yet */
	const char *catalog_version; /**< NULL: the latest loaded */
	const char *by, *by_side, *by_display_name;
	int rules; /**< 1..newest; 0: the newest (older ones reproduce older evidence) */
} ss_project_input;
/** The newest rule version this library writes and verifies. */
int ss_rules_newest(void);
/** ss_project_create with the rule version and an optional vendor. */
int ss_project_create_from(ss_store *st, const ss_project_input *in);
/**
 * The project's rule version and the pending move to newer rules:
 * {project, rules, proposal: {to, seq, by, side, ...} | null, newest}.
 */
int ss_project_rules(json_t **out, ss_store *st, const char *name);
/**
 * Move a project to newer rules, as both leads agree: to > 0 proposes
 * rules version to (rules.propose); to == 0 accepts the other side's
 * pending proposal (rules.accept). *out: {project, step: proposed |
 * accepted, rules (now), to}.
 */
int ss_project_rules_move(json_t **out, ss_store *st, const char *name, int to, const char *by);
int ss_project_list(json_t **out, ss_store *st);
int ss_project_show(json_t **out, ss_store *st, const char *name);
/**
 * The head of the project's log: its last event's seq and hash (hex; ""
 * and 0 for none), read in one query. Everything projected from the log
 * is the same as long as the head is: a front end may cache by it.
 */
int ss_project_head(int64_t *seq, char hash[65], ss_store *st, const char *name);

/** The twelve steps with their deliverables and what is missing (phase.c). */
int ss_project_phases(json_t **out, ss_store *st, const char *name);
/**
 * Move the project to step (1..12). Moving forward past a step with missing
 * prerequisites is refused (SS_ERULE) unless force is set with a reason,
 * which is recorded.
 */
int ss_project_phase_set(ss_store *st, const char *name, int step, const char *by, bool force,
			 const char *reason);

/** Add or change a member. side: user|vendor; role: lead|member|management|auditor, and
 * from rules 3 operations|provider|expert. */
int ss_member_add(ss_store *st, const char *project, const char *person, const char *side,
		  const char *role, const char *display_name, const char *by);
int ss_member_remove(ss_store *st, const char *project, const char *person, const char *by);
int ss_member_list(json_t **out, ss_store *st, const char *project);

#endif
