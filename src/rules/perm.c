#include <string.h>

#include "rules/perm.h"
#include "util/banned.h"

static const struct {
	const char *name;
	const char *sides; /* words surrounded by spaces */
	const char *roles;
	const char *who;
} perms[SS_ACT_COUNT] = {
	[SS_ACT_MEMBER] = {"manage members", " user vendor ", " lead ", "a lead of either side"},
	[SS_ACT_PHASE] = {"move the project to another step", " user vendor ", " lead ",
			  "a lead of either side"},
	[SS_ACT_ASSESS] = {"record assets and systems", " user ", " lead member ",
			   "the user side's lead or members"},
	[SS_ACT_DRAFT] = {"draft the specification", " user vendor ", " lead ",
			  "a lead of either side"},
	[SS_ACT_DECIDE] = {"decide on a mitigation", " user ", " lead member ",
			   "the user side's lead or members"},
	[SS_ACT_ADVISE] = {"give advice", " vendor ", " lead member ",
			   "the vendor side's lead or members"},
	[SS_ACT_APPROVE] = {"approve or reject", " user ", " management ",
			    "the user side's management"},
	[SS_ACT_KEY] = {"register a key", " user vendor ", " lead member management auditor ",
			"every member, for their own key"},
	[SS_ACT_AGREE] = {"sign an agreement", " user vendor ", " lead management ",
			  "the leads of both sides and the user side's management"},
	[SS_ACT_MINUTES] = {"record minutes or trusted time", " user vendor ",
			    " lead member management ",
			    "leads, members and management of either side"},
	[SS_ACT_ASSESS_CHANGE] = {"assess a change request", " vendor ", " lead member ",
				  "the vendor side's lead or members"},
	[SS_ACT_CLOSE] = {"upgrade the catalog, score threats or close change requests",
			  " user vendor ", " lead ", "a lead of either side"},
};

static const struct {
	const char *type;
	ss_action action;
} types[] = {
	{"member.add", SS_ACT_MEMBER},     {"member.remove", SS_ACT_MEMBER},
	{"phase.set", SS_ACT_PHASE},       {"asset.set", SS_ACT_ASSESS},
	{"system.set", SS_ACT_ASSESS},     {"spec.draft", SS_ACT_DRAFT},
	{"decision.set", SS_ACT_DECIDE},   {"advice.add", SS_ACT_ADVISE},
	{"approval.set", SS_ACT_APPROVE},  {"key.register", SS_ACT_KEY},
	{"key.revoke", SS_ACT_KEY},        {"milestone.open", SS_ACT_AGREE},
	{"milestone.sign", SS_ACT_AGREE},  {"minutes.add", SS_ACT_MINUTES},
	{"timestamp.add", SS_ACT_MINUTES}, {"project.upgrade", SS_ACT_CLOSE},
	{"change.open", SS_ACT_CLOSE},     {"change.assess", SS_ACT_ASSESS_CHANGE},
	{"change.decide", SS_ACT_DECIDE},  {"change.close", SS_ACT_CLOSE},
	{"threat.score", SS_ACT_CLOSE},
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
	return a < SS_ACT_COUNT && side && role && word_in(perms[a].sides, side) &&
	       word_in(perms[a].roles, role);
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
	return a < SS_ACT_COUNT ? perms[a].name : "act";
}

const char *ss_perm_who(ss_action a)
{
	return a < SS_ACT_COUNT ? perms[a].who : "nobody";
}

int ss_perm_action_of(const char *type)
{
	size_t i;

	for (i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].type, type) == 0)
			return (int)types[i].action;
	return -1;
}
