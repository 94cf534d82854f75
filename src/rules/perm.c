#include <string.h>

#include "rules/perm.h"
#include "util/i18n.h"
#include "util/banned.h"

static const struct {
	const char *name;
	const char *sides; /* words surrounded by spaces */
	const char *roles;
	const char *who;
	const char *sides2, *roles2; /* a second set of sides and roles, or NULL */
} perms[SS_ACT_COUNT] = {
	[SS_ACT_MEMBER] = {N_("manage members"), " user vendor ", " lead ",
			   N_("a lead of either side")},
	[SS_ACT_PHASE] = {N_("move the project to another step"), " user vendor ", " lead ",
			  N_("a lead of either side")},
	[SS_ACT_ASSESS] = {N_("record assets and systems"), " user ", " lead member ",
			   N_("the user side's lead or members")},
	[SS_ACT_DRAFT] = {N_("draft the specification"), " user vendor ", " lead ",
			  N_("a lead of either side")},
	[SS_ACT_DECIDE] = {N_("decide on a mitigation"), " user ", " lead member ",
			   N_("the user side's lead or members")},
	[SS_ACT_ADVISE] = {N_("give advice"), " vendor ", " lead member ",
			   N_("the vendor side's lead or members")},
	[SS_ACT_APPROVE] = {N_("approve or reject"), " user ", " management ",
			    N_("the user side's management")},
	[SS_ACT_KEY] = {N_("register a key"), " user vendor ",
			" lead member management auditor operations provider expert ",
			N_("every member, for their own key")},
	[SS_ACT_AGREE] = {N_("sign an agreement"), " user vendor ", " lead management ",
			  N_("the leads of both sides and the user side's management")},
	[SS_ACT_MINUTES] = {N_("record minutes or trusted time"), " user vendor ",
			    " lead member management operations ",
			    N_("leads, members, management and operations of either side")},
	[SS_ACT_ASSESS_CHANGE] = {N_("assess a change request"), " vendor ", " lead member ",
				  N_("the vendor side's lead or members")},
	[SS_ACT_CLOSE] = {N_("upgrade the catalog, score threats or close change requests"),
			  " user vendor ", " lead ", N_("a lead of either side")},
	[SS_ACT_PROPOSE] = {N_("record a proposal or warning outside the catalog"), " vendor ",
			    " lead member expert ",
			    N_("the vendor side's lead, members and experts, and the user side's "
			       "experts"),
			    " user ", " expert "},
	[SS_ACT_COST] = {N_("record a cost allocation"), " user vendor ", " lead member ",
			 N_("the leads and members of either side")},
	[SS_ACT_SELECT] = {N_("record vendor candidates, NDAs and the vendor selection"), " user ",
			   " lead ", N_("the user side's lead")},
	[SS_ACT_CONTRACT] = {N_("record or agree contract terms"), " user vendor ", " lead ",
			     N_("a lead of either side")},
	[SS_ACT_ACKNOWLEDGE] = {N_("acknowledge the terms of re-estimation"), " user ",
				" lead management ", N_("the user side's lead or management")},
	[SS_ACT_DIAGNOSE] = {N_("record a security diagnosis"), " user vendor ",
			     " lead provider operations ",
			     N_("the leads, service providers and operations of either side")},
	[SS_ACT_RULES] = {N_("move the project to newer rules"), " user vendor ", " lead ",
			  N_("a lead of either side, agreed by the other side's lead")},
	[SS_ACT_DECIDE_CHANGE] = {N_("decide a change request"), " user ",
				  " lead member management ",
				  N_("the user side's lead or members (its management when the "
				     "change re-estimates cost or date)")},
	[SS_ACT_ANSWER] = {N_("answer a proposal outside the catalog"), " user ", " lead member ",
			   N_("the user side's lead or members")},
	[SS_ACT_STANDARD] = {N_("set the requirement standard"), " user ", " lead member ",
			     N_("the user side's lead or members")},
	[SS_ACT_SBOM] = {N_("disclose the components (SBOM)"), " vendor ", " lead member ",
			 N_("the vendor side's lead or members")},
	[SS_ACT_POLICY] = {N_("set the licence policy"), " user ", " lead ",
			   N_("the user side's lead")},
	[SS_ACT_NOTICE] = {N_("record a vulnerability found in a component"), " user vendor ",
			   " lead member operations ",
			   N_("the leads, members and operations of either side")},
	[SS_ACT_ANALYSE] = {N_("analyse a vulnerability (VEX)"), " vendor ", " lead member ",
			    N_("the vendor side's lead or members")},
	[SS_ACT_VULN_DECIDE] = {N_("decide on a vulnerability's analysis"), " user ",
				" lead member ", N_("the user side's lead or members")},
	[SS_ACT_ITASSET] = {N_("record IT assets"), " user vendor ", " lead member ",
			    N_("the leads and members of either side")},
	[SS_ACT_CHECK] = {N_("record the results of a host check"), " user vendor ",
			  " lead member operations ",
			  N_("the leads, members and operations of either side")},
	[SS_ACT_VERIFY] = {N_("record a verification"), " user vendor ", " lead member ",
			   N_("the leads and members of either side")},
};

static const struct {
	const char *type;
	ss_action action;
} types[] = {
	{"member.add", SS_ACT_MEMBER},
	{"member.remove", SS_ACT_MEMBER},
	{"phase.set", SS_ACT_PHASE},
	{"asset.set", SS_ACT_ASSESS},
	{"system.set", SS_ACT_ASSESS},
	{"spec.draft", SS_ACT_DRAFT},
	{"decision.set", SS_ACT_DECIDE},
	{"advice.add", SS_ACT_ADVISE},
	{"approval.set", SS_ACT_APPROVE},
	{"key.register", SS_ACT_KEY},
	{"key.revoke", SS_ACT_KEY},
	{"milestone.open", SS_ACT_AGREE},
	{"milestone.sign", SS_ACT_AGREE},
	{"minutes.add", SS_ACT_MINUTES},
	{"timestamp.add", SS_ACT_MINUTES},
	{"project.upgrade", SS_ACT_CLOSE},
	{"change.open", SS_ACT_CLOSE},
	{"change.assess", SS_ACT_ASSESS_CHANGE},
	{"change.decide", SS_ACT_DECIDE_CHANGE},
	{"change.close", SS_ACT_CLOSE},
	{"threat.score", SS_ACT_CLOSE},
	{"proposal.add", SS_ACT_PROPOSE},
	{"proposal.answer", SS_ACT_ANSWER},
	{"cost.set", SS_ACT_COST},
	{"cost.approve", SS_ACT_APPROVE},
	{"candidate.add", SS_ACT_SELECT},
	{"candidate.document", SS_ACT_SELECT},
	{"nda.record", SS_ACT_SELECT},
	{"vendor.select", SS_ACT_SELECT},
	{"law.set", SS_ACT_ASSESS},
	{"asset.retention", SS_ACT_ASSESS},
	{"contract.set", SS_ACT_CONTRACT},
	{"contract.agree", SS_ACT_CONTRACT},
	{"terms.acknowledge", SS_ACT_ACKNOWLEDGE},
	{"standard.set", SS_ACT_STANDARD},
	{"diagnosis.add", SS_ACT_DIAGNOSE},
	{"rules.propose", SS_ACT_RULES},
	{"rules.accept", SS_ACT_RULES},
	{"sbom.add", SS_ACT_SBOM},
	{"sbom.policy", SS_ACT_POLICY},
	{"vuln.notice", SS_ACT_NOTICE},
	{"vuln.analysis", SS_ACT_ANALYSE},
	{"vuln.decide", SS_ACT_VULN_DECIDE},
	{"vuln.approve", SS_ACT_APPROVE},
	{"itasset.set", SS_ACT_ITASSET},
	{"network.set", SS_ACT_ASSESS},
	{"check.run", SS_ACT_CHECK},
	{"verify.record", SS_ACT_VERIFY},
};

static bool word_in(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	if (n == 0)
		return false;
	while ((p = strstr(p, word)) != NULL) {
		if (p > list && p[-1] == ' ' && p[n] == ' ')
			return true;
		p += n;
	}
	return false;
}

bool ss_perm_allows(ss_action a, const char *side, const char *role)
{
	if (a >= SS_ACT_COUNT || !side || !role)
		return false;
	return (word_in(perms[a].sides, side) && word_in(perms[a].roles, role)) ||
	       (perms[a].sides2 && word_in(perms[a].sides2, side) &&
		word_in(perms[a].roles2, role));
}

bool ss_perm_may_revoke(const char *actor, const char *side, const char *role, const char *owner,
			const char *owner_side)
{
	if (!actor || !owner)
		return false;
	return strcmp(actor, owner) == 0 ||
	       (side && role && owner_side && strcmp(role, "lead") == 0 &&
		strcmp(side, owner_side) == 0);
}

const char *ss_perm_name(ss_action a)
{
	return _(a < SS_ACT_COUNT ? perms[a].name : N_("act"));
}

const char *ss_perm_who(ss_action a)
{
	return _(a < SS_ACT_COUNT ? perms[a].who : N_("nobody"));
}

int ss_perm_action_of(const char *type)
{
	size_t i;

	for (i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].type, type) == 0)
			return (int)types[i].action;
	return -1;
}
