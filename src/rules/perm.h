/* Who may append which event: one table, used by the write path and by
 * every verifier (database or offline bundle). */
#ifndef SS_RULES_PERM_H
#define SS_RULES_PERM_H

#include <stdbool.h>

typedef enum {
	SS_ACT_MEMBER,
	SS_ACT_PHASE,
	SS_ACT_ASSESS,
	SS_ACT_DRAFT,
	SS_ACT_DECIDE,
	SS_ACT_ADVISE,
	SS_ACT_APPROVE,
	SS_ACT_KEY,
	SS_ACT_AGREE,
	SS_ACT_MINUTES,
	SS_ACT_ASSESS_CHANGE,
	SS_ACT_CLOSE,
	/* rules 3 */
	SS_ACT_PROPOSE,
	SS_ACT_COST,
	SS_ACT_SELECT,
	SS_ACT_CONTRACT,
	SS_ACT_ACKNOWLEDGE,
	SS_ACT_DIAGNOSE,
	SS_ACT_RULES,
	SS_ACT_DECIDE_CHANGE,
	SS_ACT_ANSWER,
	SS_ACT_STANDARD,
	/* rules 5 */
	SS_ACT_SBOM,
	SS_ACT_POLICY,
	SS_ACT_NOTICE,
	SS_ACT_ANALYSE,
	SS_ACT_VULN_DECIDE,
	SS_ACT_ITASSET,
	/* rules 6 */
	SS_ACT_CHECK,
	SS_ACT_VERIFY,
	SS_ACT_COUNT
} ss_action;

bool ss_perm_allows(ss_action a, const char *side, const char *role);
/* Whether actor (of side and role) may revoke a key of owner (of
 * owner_side): their own, or as the lead of the owner's side. */
bool ss_perm_may_revoke(const char *actor, const char *side, const char *role, const char *owner,
			const char *owner_side);
/* What the action does ("manage members") and who may do it ("a lead of
 * either side"), for a message: in the thread's message language. */
const char *ss_perm_name(ss_action a);
const char *ss_perm_who(ss_action a);
/* The action an event type performs; -1 for project.create (the first event,
 * made by anyone) and for unknown types. */
int ss_perm_action_of(const char *type);

#endif
