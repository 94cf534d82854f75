/*
 * The rule book (rules.h): the rule ids, the state's life, and the checks.
 * The sets of the state are small jansson objects (people, keys,
 * milestones, change requests); the requirements, which a verifier looks up
 * once an event, are a table of fixed entries (items.c).
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/perm.h"
#include "rules/rules_int.h"
#include "util/util.h"
#include "util/banned.h"

/* --- the checks ------------------------------------------------------------ */

static int check_create(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	ss_rules_field v;
	bool has_v = ss_rules__dfield(ev->data, "rules", &v);
	int64_t vi = has_v && v.kind == 'i' ? v.i : 0;

	if (r->created || ev->seq != 1)
		return ss_rules__hit(h, SS_RULE_PROJECT_CREATE,
				     "a second project.create, at event %lld", (long long)ev->seq);
	if (!ss_rules__name_ok(ev->actor, strlen(ev->actor)))
		return ss_rules__hit(h, SS_RULE_PROJECT_CREATE,
				     "the creator '%.60s' is not a person's id", ev->actor);
	if (!streq(ev->role, "lead") || (!streq(ev->side, "user") && !streq(ev->side, "vendor")))
		return ss_rules__hit(h, SS_RULE_PROJECT_CREATE,
				     "the creator must be the lead of the user or the vendor side");
	if (!streq(ss_rules__dstr(ev->data, "name"), r->project))
		return ss_rules__hit(h, SS_RULE_PROJECT_CREATE,
				     "project.create names project '%.60s'",
				     ss_rules__dstr(ev->data, "name"));
	if (streq(ev->side, "vendor") && !*ss_rules__dstr(ev->data, "vendor_org"))
		return ss_rules__hit(h, SS_RULE_VENDOR_UNSELECTED,
				     "a project without a vendor is created by the user side: the "
				     "vendor's people join once it is selected");
	if (has_v && (vi < 1 || vi > SS_RULES_VERSION))
		return ss_rules__hit(h, SS_RULE_RULES_VERSION,
				     "the project was created under rules version %lld, which this "
				     "version of secspec does not know (it knows 1 to %d)",
				     (long long)vi, SS_RULES_VERSION);
	return 0;
}

static void actor_load(ss_rules *r, const char *person)
{
	size_t n = strlen(person);

	if (r->actor.valid && n < sizeof(r->actor.person) &&
	    memcmp(r->actor.person, person, n + 1) == 0)
		return;
	r->actor.m = ss_rules__member(r, person);
	r->actor.active = ss_rules__active(r->actor.m);
	r->actor.side = r->actor.m ? ss_js(r->actor.m, "side") : "";
	r->actor.role = r->actor.m ? ss_js(r->actor.m, "role") : "";
	r->actor.has_key = ss_rules_has_key(r, person);
	memset(r->actor.allowed, -1, sizeof(r->actor.allowed));
	r->actor.valid = n < sizeof(r->actor.person);
	if (r->actor.valid)
		memcpy(r->actor.person, person, n + 1);
}

/* The actor's membership and permission (actor_load has read the actor). */
static int check_actor(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int shape)
{
	/* the change request a change after agreement owes is opened by
	 * whoever made the change, with it (rules 5: the components' and a
	 * vulnerability found, by those who may record them) */
	const char *pk = r->pending ? ss_js(r->pending, "kind") : NULL;
	int action = !pk || shape != T_CHANGE_OPEN ? r->action[shape]
		     : streq(pk, "sbom-changed")   ? (int)SS_ACT_SBOM
		     : streq(pk, "vuln-found")     ? (int)SS_ACT_NOTICE
						   : (int)SS_ACT_ASSESS;

	if (!r->actor.active)
		return ss_rules__hit(h, SS_RULE_ACTOR_MEMBER,
				     "%.100s was not an active member when this was "
				     "recorded",
				     ev->actor);
	if (!streq(r->actor.side, ev->side) || !streq(r->actor.role, ev->role))
		return ss_rules__hit(h, SS_RULE_ACTOR_CLAIM,
				     "%s acted as %s/%s but was %s/%s at the time", ev->actor,
				     ev->side, ev->role, r->actor.side, r->actor.role);
	if (action >= 0 && r->actor.allowed[action] < 0)
		r->actor.allowed[action] =
			ss_perm_allows((ss_action)action, ev->side, ev->role) ? 1 : 0;
	if (action < 0 || !r->actor.allowed[action])
		return ss_rules__hit(h, SS_RULE_PERMISSION,
				     "%s (%s side, %s) may not %s: only %s may", ev->actor,
				     ev->side, ev->role, ss_perm_name((ss_action)action),
				     ss_perm_who((ss_action)action));
	return 0;
}

static int check_signature(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *k;
	const char *pub;

	if (!ev->key) {
		if (ev->sig)
			return ss_rules__hit(h, SS_RULE_SIG_UNEXPECTED,
					     "a signature on an event that names no key");
		if (r->actor.has_key)
			return ss_rules__hit(
				h, SS_RULE_SIG_REQUIRED,
				"%s has a registered key: sign the change with --key FILE (or "
				"SECSPEC_KEY)",
				ev->actor);
		return 0;
	}
	if (!ev->sig)
		return ss_rules__hit(h, SS_RULE_SIG_MISSING,
				     "the signature of this event is missing");
	k = json_object_get(r->keys, ev->key);
	if (k) {
		if (!streq(ss_js(k, "person"), ev->actor))
			return ss_rules__hit(h, SS_RULE_SIG_KEY_OWNER,
					     "key %.16s… is registered to %s, not to %s", ev->key,
					     ss_js(k, "person"), ev->actor);
		if (json_object_get(k, "revoked"))
			return ss_rules__hit(h, SS_RULE_SIG_KEY_REVOKED,
					     "key %.16s… of %s was revoked at event %lld", ev->key,
					     ev->actor, (long long)ss_ji(k, "revoked"));
		pub = ss_js(k, "public_key");
	} else if (streq(ev->type, "key.register") &&
		   streq(ss_rules__dstr(ev->data, "fingerprint"), ev->key) &&
		   !ss_rules_has_key(r, ev->actor)) {
		pub = ss_rules__dstr(ev->data,
				     "public_key"); /* a first key signs its own registration */
	} else {
		return ss_rules__hit(
			h, SS_RULE_SIG_KEY_UNKNOWN,
			"key %.16s… is not registered to %s in this project; register it with "
			"'secspec key register'",
			ev->key, ev->actor);
	}
	if (ev->sig_later && !ev->sig_made && r->verify) {
		h->sig_pub = pub; /* the caller verifies; the other rules go on */
		return 0;
	}
	if (!ev->sig_made && (!r->verify || r->verify(pub, ev->body, ev->body_len, ev->sig) != 0))
		return ss_rules__hit(h, SS_RULE_SIG_INVALID,
				     "the signature does not match the event");
	return 0;
}

static int check_member_add(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *person = ss_rules__dstr(ev->data, "person"),
		   *side = ss_rules__dstr(ev->data, "side");
	const char *role = ss_rules__dstr(ev->data, "role");
	const json_t *m = ss_rules__member(r, person);

	static const char *const v1_roles[] = {"lead", "member", "management", "auditor", NULL};

	if (streq(person, ev->actor))
		return ss_rules__hit(h, SS_RULE_MEMBER_SELF,
				     "nobody changes their own membership; ask another lead");
	if (r->version < 3 && !ss_rules__one_of(role, v1_roles))
		return ss_rules__needs_version(h, r, 3,
					       "the role of operations, service provider "
					       "or expert");
	if (streq(side, "vendor") && !r->vendor_named)
		return ss_rules__hit(h, SS_RULE_VENDOR_UNSELECTED,
				     "the project has no vendor yet: select one among the "
				     "candidates ('secspec vendor select') before adding its "
				     "people");
	if (streq(role, "management") && !streq(side, "user"))
		return ss_rules__hit(
			h, SS_RULE_MEMBER_MANAGEMENT_SIDE,
			"management approval belongs to the user side; add %s with --side "
			"user",
			person);
	if (m && !streq(ss_js(m, "side"), side))
		return ss_rules__hit(h, SS_RULE_MEMBER_SIDE_FIXED,
				     "%s belongs to the %s side for the life of the project",
				     person, ss_js(m, "side"));
	if (!streq(side, ev->side)) {
		/* a lead invites the other side's first lead, once; after that
		 * each side's lead manages their own people */
		if (m || !streq(role, "lead") || r->lead_ever[ss_rules__side_index(side)])
			return ss_rules__hit(
				h,
				m || r->lead_ever[ss_rules__side_index(side)]
					? SS_RULE_MEMBER_OWN_SIDE
					: SS_RULE_MEMBER_FIRST_LEAD,
				"%s (%s side) may not add %s-side members: each side's lead "
				"adds its own people (a lead may add only the other side's "
				"first lead)",
				ev->actor, ev->side, side);
	}
	if (ss_rules__active(m) && streq(ss_js(m, "role"), role))
		return ss_rules__hit(h, SS_RULE_MEMBER_UNCHANGED, "%s is already a %s-side %s",
				     person, side, role);
	return 0;
}

static int check_member_remove(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *person = ss_rules__dstr(ev->data, "person");
	const json_t *m = ss_rules__member(r, person);

	if (streq(person, ev->actor))
		return ss_rules__hit(h, SS_RULE_MEMBER_SELF,
				     "nobody changes their own membership; ask another lead");
	if (!ss_rules__active(m))
		return ss_rules__hit(h, SS_RULE_MEMBER_NOT_ACTIVE, "%s is not an active member",
				     person);
	if (!streq(ss_js(m, "side"), ev->side))
		return ss_rules__hit(
			h, SS_RULE_MEMBER_OWN_SIDE,
			"a lead removes members of their own side, other than themselves");
	return 0;
}

static int check_key_register(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *pub = ss_rules__dstr(d, "public_key"), *fpr = ss_rules__dstr(d, "fingerprint");
	const char *pop = ss_rules__dstr_or_null(d, "pop");
	uint8_t raw[32], digest[SS_SHA256_LEN];
	char hex[SS_SHA256_HEX], msg[1024];

	if (!streq(ss_rules__dstr(d, "person"), ev->actor))
		return ss_rules__hit(h, SS_RULE_KEY_OWNER,
				     "%s registers a key for %s: a key is registered "
				     "by its holder",
				     ev->actor, ss_rules__dstr(d, "person"));
	if (ss_hex_decode(raw, sizeof(raw), pub) < 0)
		return ss_rules__hit(h, SS_RULE_KEY_FINGERPRINT,
				     "the public key is not 32 bytes of hex");
	ss_sha256(digest, raw, sizeof(raw));
	ss_hex_encode(hex, digest, sizeof(digest));
	if (!streq(hex, fpr))
		return ss_rules__hit(h, SS_RULE_KEY_FINGERPRINT,
				     "the key's fingerprint does not match its public key");
	if (json_object_get(r->keys, fpr))
		return ss_rules__hit(h, SS_RULE_KEY_DUPLICATE,
				     "key %.16s… is already registered to %s", fpr,
				     ss_js(json_object_get(r->keys, fpr), "person"));
	if (!ss_rules_has_key(r, ev->actor) && !streq(ev->key, fpr))
		return ss_rules__hit(h, SS_RULE_KEY_SELF_SIGNED,
				     "a first key is registered with a signature by that key");
	if (ss_rules_has_key(r, ev->actor) && !pop)
		return ss_rules__hit(h, SS_RULE_KEY_POP,
				     "a further key is registered without its proof of possession");
	if (pop) {
		if (ss_rules_pop_message(msg, sizeof(msg), r->project, ev->actor, fpr) < 0 ||
		    !r->verify || r->verify(pub, msg, strlen(msg), pop) != 0)
			return ss_rules__hit(h, SS_RULE_KEY_POP,
					     "the new key did not sign its registration (proof of "
					     "possession fails)");
	}
	return 0;
}

static int check_key_revoke(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *k = json_object_get(r->keys, ss_rules__dstr(ev->data, "fingerprint"));
	const char *owner;
	const json_t *om;

	if (!k)
		return ss_rules__hit(h, SS_RULE_KEY_REVOKE_UNKNOWN, "key %.16s… is not registered",
				     ss_rules__dstr(ev->data, "fingerprint"));
	if (json_object_get(k, "revoked"))
		return ss_rules__hit(h, SS_RULE_KEY_REVOKE_UNKNOWN,
				     "key %.16s… was already revoked",
				     ss_rules__dstr(ev->data, "fingerprint"));
	owner = ss_js(k, "person");
	if (!streq(ss_rules__dstr(ev->data, "person"), owner))
		return ss_rules__hit(h, SS_RULE_KEY_REVOKE_HOLDER,
				     "names %s as the key's holder, but it is registered to %s",
				     ss_rules__dstr(ev->data, "person"), owner);
	om = ss_rules__member(r, owner);
	if (!ss_perm_may_revoke(ev->actor, ev->side, ev->role, owner, ss_js(om, "side")))
		return ss_rules__hit(
			h, SS_RULE_KEY_REVOKE_WHO,
			"%s may not revoke the key of %s: only %s or the %s side's lead "
			"may",
			ev->actor, owner, owner, ss_js(om, "side"));
	return 0;
}

static int project_level(const ss_rules *r, int64_t *out);

/* A decision or advice is frozen to the item's text: the content hash the
 * specification holds for it (from the draft or the upgrade that added it;
 * an upgrade that changed the item's text leaves it to the catalog). */
static int check_item_hash(ss_rule_hit *h, const item_state *it, const ss_rules_event *ev)
{
	if (it->hash[0] && !streq(it->hash, ss_rules__dstr(ev->data, "item_hash")))
		return ss_rules__hit(
			h, SS_RULE_ITEM_HASH,
			"%s: item_hash %.12s… is not the content hash of the item in the "
			"specification (%.12s…)",
			ss_rules__dstr(ev->data, "item"), ss_rules__dstr(ev->data, "item_hash"),
			it->hash);
	return 0;
}

/* Rules 3: the attack scenario of a mitigation given up, who carries a
 * measure out (and the user's duty when the user does), and the evidence
 * of a control already in place. */
static int check_decision_v3(ss_rule_hit *h, const ss_rules *r, const ss_rules_data *d,
			     const char *policy)
{
	const char *owner = ss_rules__dstr(d, "owner");

	if (r->version < 3) {
		if (streq(policy, "existing") || ss_rules__dhas(d, "scenario") ||
		    ss_rules__dhas(d, "owner") || ss_rules__dhas(d, "evidence"))
			return ss_rules__needs_version(
				h, r, 3, "a decision's scenario, owner, duty or evidence");
		return 0;
	}
	if (ss_rules__risky_policy(policy) && ss_rules__blank(d, "scenario"))
		return ss_rules__hit(
			h, SS_RULE_DECISION_SCENARIO,
			"--policy %s needs --scenario: what an attacker could do without the "
			"mitigation, by which technique, with which impact",
			policy);
	if ((streq(policy, "implement") || streq(policy, "alternative")) && !*owner)
		return ss_rules__hit(h, SS_RULE_DECISION_OWNER,
				     "--policy %s needs --owner vendor|user|both: who carries the "
				     "measure out",
				     policy);
	if ((streq(owner, "user") || streq(owner, "both")) && ss_rules__blank(d, "duty"))
		return ss_rules__hit(h, SS_RULE_DECISION_OWNER,
				     "--owner %s needs --duty: the user's responsibility in its "
				     "operations and rules",
				     owner);
	if (streq(policy, "existing") && ss_rules__blank(d, "evidence"))
		return ss_rules__hit(h, SS_RULE_DECISION_EVIDENCE,
				     "--policy existing needs --evidence: what in the user's "
				     "environment already provides the control");
	return 0;
}

static int check_decision(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *policy = ss_rules__dstr(d, "policy"), *id = ss_rules__dstr(d, "item");
	bool sup = ss_rules__dhas(d, "supersedes");
	int64_t sup_seq = ss_rules__dint(d, "supersedes");
	int64_t level = 0;
	item_state it;
	int found, error;

	if ((found = ss_rules__item_get(h, r, id, &it)) < 0)
		return found;
	if (!found)
		return ss_rules__hit(h, SS_RULE_ITEM_UNKNOWN,
				     "item '%.60s' is not in this project's specification", id);
	if ((error = check_item_hash(h, &it, ev)) < 0)
		return error;
	if ((error = check_decision_v3(h, r, d, policy)) < 0)
		return error;
	if (!streq(policy, "implement") && !streq(policy, "existing") &&
	    !*ss_rules__dstr(d, "reason"))
		return ss_rules__hit(
			h, SS_RULE_DECISION_REASON,
			"--policy %s needs --reason: the user's reason for not implementing "
			"the mitigation is the evidence the process requires",
			policy);
	if (streq(policy, "alternative") && !*ss_rules__dstr(d, "alternative"))
		return ss_rules__hit(
			h, SS_RULE_DECISION_REASON,
			"--policy alternative needs --alternative describing the other measure");
	if ((error = project_level(r, &level)) < 0)
		return ss_rules__source_error(h, error);
	if (ss_rules__dint(d, "level") != level)
		return ss_rules__hit(
			h, SS_RULE_DECISION_LEVEL,
			"%s: the decision records level L%lld, but the project's assets are at "
			"L%lld",
			id, (long long)ss_rules__dint(d, "level"), (long long)level);
	if ((it.seq ? !sup || sup_seq != it.seq : sup))
		return ss_rules__hit(
			h, SS_RULE_DECISION_SUPERSEDES,
			"%s: the decision replaces event %lld, but the item's decision is "
			"event %lld",
			id, sup ? (long long)sup_seq : 0LL, (long long)it.seq);
	return 0;
}

static int project_level(const ss_rules *r, int64_t *out)
{
	const char *id;
	const json_t *a;

	*out = 0;
	if (r->src)
		return r->src->level(r->src->ctx, out);
	json_object_foreach(r->assets, id, a) {
		if (ss_ji(a, "level") > *out)
			*out = ss_ji(a, "level");
	}
	return 0;
}

/* A record replaces the one it names, and only that: supersedes is the
 * event of the record it corrects, absent for a new one. */
static bool supersedes_ok(const json_t *d, int found, int64_t seq)
{
	const json_t *sup = json_object_get(d, "supersedes");

	return found ? sup && json_integer_value(sup) == seq : !sup;
}

static int check_asset(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	/* asset.set nests objects: its data is read with jansson */
	const json_t *d = ev->data->json, *im = json_object_get(d, "impact");
	int64_t seq, level, max = 0, v;
	int found;
	const char *axes[] = {"duration", "reach", "damage", "trust"};
	size_t i;

	if (r->src) {
		if ((found = r->src->system(r->src->ctx, ss_js(d, "system"), &seq)) < 0)
			return ss_rules__source_error(h, found);
	} else {
		found = json_object_get(r->systems, ss_js(d, "system")) != NULL;
	}
	if (!found)
		return ss_rules__hit(h, SS_RULE_ASSET_SYSTEM,
				     "asset %s: system '%.60s' was never recorded", ss_js(d, "id"),
				     ss_js(d, "system"));
	if ((found = ss_rules__asset_get(r, ss_js(d, "id"), &seq, &level)) < 0)
		return ss_rules__source_error(h, found);
	if (!supersedes_ok(d, found, seq))
		return ss_rules__hit(
			h, SS_RULE_ASSET_SUPERSEDES,
			found ? N_("asset %s already exists (event %lld); a correction names it "
				   "with supersedes")
			      : N_("asset %s does not exist, nothing to supersede (event %lld)"),
			ss_js(d, "id"), (long long)seq);
	for (i = 0; i < 4; i++)
		if ((v = ss_ji(im, axes[i])) > max)
			max = v;
	if (ss_ji(d, "level") != max)
		return ss_rules__hit(
			h, SS_RULE_ASSET_LEVEL,
			"asset %s: level L%lld is not the highest of its impacts (L%lld)",
			ss_js(d, "id"), (long long)ss_ji(d, "level"), (long long)max);
	return 0;
}

static int check_system(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	/* system.set nests arrays: its data is read with jansson */
	const json_t *d = ev->data->json, *m;
	int64_t seq = 0;
	int found;
	size_t i;

	if (r->src) {
		if ((found = r->src->system(r->src->ctx, ss_js(d, "name"), &seq)) < 0)
			return ss_rules__source_error(h, found);
	} else {
		found = (m = json_object_get(r->systems, ss_js(d, "name"))) != NULL;
		seq = found ? (int64_t)json_integer_value(m) : 0;
	}
	if (!supersedes_ok(d, found, seq))
		return ss_rules__hit(
			h, SS_RULE_SYSTEM_SUPERSEDES,
			found ? N_("system %.60s already exists (event %lld); a correction names "
				   "it with supersedes")
			      : N_("system %.60s does not exist, nothing to supersede (event "
				   "%lld)"),
			ss_js(d, "name"), (long long)seq);
	json_array_foreach(json_object_get(d, "measures"), i, m) {
		if (json_object_size(m) != 2 ||
		    !ss_rules__value_ok(json_object_get(m, "policy"), 't') ||
		    !ss_rules__value_ok(json_object_get(m, "implementation"), 't'))
			return ss_rules__hit(
				h, SS_RULE_EVENT_DATA,
				"system.set: a measure is not {policy, implementation}");
	}
	if (!ss_rules__array_of_texts(json_object_get(d, "devices")))
		return ss_rules__hit(h, SS_RULE_EVENT_DATA,
				     "system.set: devices is not a list of texts");
	if (json_object_get(d, "legacy")) {
		if (r->version < 3)
			return ss_rules__needs_version(h, r, 3, "a legacy system");
		if (ss_rules__blank_text(ss_js(d, "compensating")) ||
		    ss_rules__blank_text(ss_js(d, "legacy")))
			return ss_rules__hit(
				h, SS_RULE_SYSTEM_LEGACY,
				"system %.60s is legacy: say why it cannot be replaced (--legacy) "
				"and the measures that compensate (--compensating)",
				ss_js(d, "name"));
	}
	return 0;
}

static int check_advice(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	item_state it;
	int found;

	if ((found = ss_rules__item_get(h, r, ss_rules__dstr(ev->data, "item"), &it)) < 0)
		return found;
	if (!found)
		return ss_rules__hit(h, SS_RULE_ITEM_UNKNOWN,
				     "item '%.60s' is not in this project's specification",
				     ss_rules__dstr(ev->data, "item"));
	if ((found = check_item_hash(h, &it, ev)) < 0)
		return found;
	if (!*ss_rules__dstr(ev->data, "note"))
		return ss_rules__hit(h, SS_RULE_ADVICE_NOTE,
				     "--note is required: the vendor's advice on "
				     "whether the mitigation is needed");
	return 0;
}

static int check_approval(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *id = ss_rules__dstr(d, "item");
	item_state it;
	int found;

	if ((found = ss_rules__item_get(h, r, id, &it)) < 0)
		return found;
	if (!found)
		return ss_rules__hit(h, SS_RULE_ITEM_UNKNOWN,
				     "item '%.60s' is not in this project's specification", id);
	if (!it.seq || !ss_rules__risky_policy(it.policy) ||
	    ss_rules__dint(d, "decision_seq") != it.seq)
		return ss_rules__hit(
			h, SS_RULE_APPROVAL_TARGET,
			"%s: event %lld is not a risk acceptance or alternative measure "
			"awaiting approval (the item's decision is event %lld, policy %s)",
			id, (long long)ss_rules__dint(d, "decision_seq"), (long long)it.seq,
			*it.policy ? it.policy : "none");
	if (!streq(it.approval, "none") && *it.approval)
		return ss_rules__hit(
			h, SS_RULE_APPROVAL_REPEAT,
			streq(it.approval, "approved")
				? N_("%s was already approved; a new decision starts a "
				     "new approval")
				: N_("%s was already rejected; a new decision starts a "
				     "new approval"),
			id);
	if (streq(it.by, ev->actor))
		return ss_rules__hit(
			h, SS_RULE_APPROVAL_SELF,
			"%s: %s decided this and may not approve it; another manager must", id,
			ev->actor);
	if (streq(ss_rules__dstr(d, "verdict"), "rejected") && !*ss_rules__dstr(d, "note"))
		return ss_rules__hit(h, SS_RULE_APPROVAL_NOTE,
				     "a rejection needs --note saying why");
	return 0;
}

/* Whether the specification was drafted: folded, or asked of the store. */
static int drafted(ss_rule_hit *h, const ss_rules *r, bool *out)
{
	int error;

	*out = r->drafted;
	if (r->src && (error = r->src->drafted(r->src->ctx, out)) < 0)
		return ss_rules__source_error(h, error);
	return 0;
}

static int check_draft(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	bool done;
	int error;

	if ((error = drafted(h, r, &done)) < 0)
		return error;
	if (done)
		return ss_rules__hit(h, SS_RULE_DRAFT_REPEAT, "project %s already has its draft",
				     r->project);
	if (!streq(ss_rules__dstr(ev->data, "catalog_version"), r->catalog))
		return ss_rules__hit(
			h, SS_RULE_EVENT_DATA,
			"spec.draft: catalog version %.40s is not the project's (%.40s)",
			ss_rules__dstr(ev->data, "catalog_version"), r->catalog);
	return 0;
}

static int check_upgrade(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	bool done;
	int error;

	if ((error = drafted(h, r, &done)) < 0)
		return error;
	if (!done)
		return ss_rules__hit(h, SS_RULE_UPGRADE_DRAFT,
				     "project %s has no draft to upgrade; draft it first",
				     r->project);
	if (!streq(ss_rules__dstr(ev->data, "from"), r->catalog) ||
	    streq(ss_rules__dstr(ev->data, "to"), r->catalog))
		return ss_rules__hit(
			h, SS_RULE_UPGRADE_FROM,
			"the upgrade goes from %.40s to %.40s, but the project uses %.40s",
			ss_rules__dstr(ev->data, "from"), ss_rules__dstr(ev->data, "to"),
			r->catalog);
	if (r->version >= 2) {
		/* version 2: the new hash of every changed item, in the same order */
		const json_t *ids = ss_rules__djson(ev->data, "changed");
		const json_t *pairs = ss_rules__djson(ev->data, "changed_hashes");
		size_t i;
		bool same = pairs && json_array_size(pairs) == json_array_size(ids);

		for (i = 0; same && i < json_array_size(ids); i++)
			same = streq(
				json_string_value(json_array_get(ids, i)),
				json_string_value(json_array_get(json_array_get(pairs, i), 0)));
		if (!same)
			return ss_rules__hit(
				h, SS_RULE_EVENT_DATA,
				"project.upgrade: changed_hashes does not give the new "
				"content hash of each changed item, in order");
	}
	return 0;
}

static int check_milestone_open(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *name = ss_rules__dstr(d, "name");
	int64_t risky = r->risky;
	int error;

	if (!ev->key)
		return ss_rules__hit(h, SS_RULE_MILESTONE_UNSIGNED,
				     "an agreement is signed: give your key "
				     "with --key FILE (or SECSPEC_KEY)");
	if (json_object_get(r->milestones, name))
		return ss_rules__hit(h, SS_RULE_MILESTONE_REOPEN, "milestone %s was opened before",
				     name);
	if (ss_rules__dhas(d, "parties") && r->version < 3)
		return ss_rules__needs_version(h, r, 3, "a milestone's parties");
	if (streq(ss_rules__dstr(d, "parties"), "user") && !streq(ev->side, "user"))
		return ss_rules__hit(h, SS_RULE_MILESTONE_PARTIES,
				     "milestone %s is the user's own: the user side opens it",
				     name);
	if (!streq(ss_rules__dstr(d, "parties"), "user") && !r->vendor_named)
		return ss_rules__hit(
			h, SS_RULE_MILESTONE_PARTIES,
			"milestone %s needs both parties, and the project has no vendor yet: "
			"select one, or record the user's own draft with --parties user",
			name);
	if (ss_rules__dint(d, "tree_size") != ev->tree_size ||
	    !streq(ss_rules__dstr(d, "root"), ev->root))
		return ss_rules__hit(
			h, SS_RULE_MILESTONE_CHECKPOINT,
			"milestone %s: its checkpoint (%lld events, root %.12s…) is not the "
			"log before it",
			name, (long long)ss_rules__dint(d, "tree_size"), ss_rules__dstr(d, "root"));
	if (!streq(ss_rules__dstr(d, "catalog_version"), r->catalog))
		return ss_rules__hit(h, SS_RULE_MILESTONE_CATALOG,
				     "milestone %s names catalog %.40s, but the project uses %.40s",
				     name, ss_rules__dstr(d, "catalog_version"), r->catalog);
	if (r->src && (error = r->src->risky(r->src->ctx, &risky)) < 0)
		return ss_rules__source_error(h, error);
	if (risky + r->declined > 0 && !ss_rules__dtrue(d, "needs_management"))
		return ss_rules__hit(
			h, SS_RULE_MILESTONE_MANAGEMENT,
			"milestone %s: the specification accepts risks or relies on other "
			"measures (%lld item(s)), or declines the vendor's proposals (%lld), so "
			"the user side's management must sign it",
			name, (long long)risky, (long long)r->declined);
	if (ss_rules__vuln_risky(r) > 0 && !ss_rules__dtrue(d, "needs_management"))
		return ss_rules__hit(h, SS_RULE_MILESTONE_MANAGEMENT,
				     "milestone %s: the specification accepts %lld exploitable "
				     "vulnerabilities that are not being fixed, so the user side's "
				     "management must sign it",
				     name, (long long)ss_rules__vuln_risky(r));
	return ss_rules__check_stage(h, r, ev);
}

static int check_milestone_sign(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *name = ss_rules__dstr(ev->data, "name");
	const json_t *m = json_object_get(r->milestones, name);
	int64_t changed = 0;
	int error;

	if (!ev->key)
		return ss_rules__hit(h, SS_RULE_MILESTONE_UNSIGNED,
				     "an agreement is signed: give your key "
				     "with --key FILE (or SECSPEC_KEY)");
	if (!m)
		return ss_rules__hit(h, SS_RULE_MILESTONE_UNKNOWN, "milestone %s was never opened",
				     name);
	if (!streq(ss_js(m, "spec_hash"), ss_rules__dstr(ev->data, "spec_hash")))
		return ss_rules__hit(h, SS_RULE_MILESTONE_SPEC_HASH,
				     "milestone %s signed over a different specification", name);
	if (json_object_get(json_object_get(m, "signers"), ev->actor))
		return ss_rules__hit(h, SS_RULE_MILESTONE_TWICE, "%s has already signed %s",
				     ev->actor, name);
	if (streq(ss_js(m, "parties"), "user") && !streq(ev->side, "user"))
		return ss_rules__hit(h, SS_RULE_MILESTONE_PARTIES,
				     "milestone %s is the user's own: only the user side signs it",
				     name);
	if (r->src) {
		if ((error = r->src->changed_after(r->src->ctx, ss_ji(m, "seq"), &changed)) < 0)
			return ss_rules__source_error(h, error);
	} else if (r->last_change > ss_ji(m, "seq")) {
		changed = r->last_change;
	}
	if (changed)
		return ss_rules__hit(
			h, SS_RULE_MILESTONE_FROZEN,
			"the specification changed after milestone %s was opened (event %lld); "
			"agree on a new milestone",
			name, (long long)changed);
	return 0;
}

static int check_timestamp(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *name = ss_rules__dstr(ev->data, "milestone");
	const json_t *m = json_object_get(r->milestones, name), *t;
	char digest[SS_SHA256_HEX];
	size_t i;

	if (!m)
		return ss_rules__hit(h, SS_RULE_TIMESTAMP_MILESTONE,
				     "a timestamp for milestone %s, which was never opened", name);
	if (ss_rules_checkpoint_digest(digest, r->project, name, ss_ji(m, "tree_size"),
				       ss_js(m, "root"), ss_js(m, "spec_hash")) < 0)
		return ss_rules__source_error(h, SS_ENOMEM);
	if (!streq(digest, ss_rules__dstr(ev->data, "digest")))
		return ss_rules__hit(h, SS_RULE_TIMESTAMP_DIGEST,
				     "the timestamp is not over milestone %s", name);
	json_array_foreach(json_object_get(m, "timestamps"), i, t) {
		if (streq(ss_js(t, "time"), ss_rules__dstr(ev->data, "time")))
			return ss_rules__hit(h, SS_RULE_TIMESTAMP_REPEAT,
					     "this timestamp (%s) is already recorded for %s",
					     ss_rules__dstr(ev->data, "time"), name);
	}
	return 0;
}

static int check_minutes(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const json_t *e;
	char id[32];
	size_t i;
	int found;

	snprintf(id, sizeof(id), "M-%04lld", (long long)r->nminutes + 1);
	if (!streq(ss_rules__dstr(ev->data, "id"), id))
		return ss_rules__hit(h, SS_RULE_MINUTES_ID, "minutes %.40s should be numbered %s",
				     ss_rules__dstr(ev->data, "id"), id);
	json_array_foreach(ss_rules__djson(ev->data, "attendees"), i, e) {
		if (!ss_rules__member(r, json_string_value(e)))
			return ss_rules__hit(h, SS_RULE_MINUTES_ATTENDEE,
					     "attendee '%.60s' is not a member of this project",
					     json_string_value(e));
	}
	json_array_foreach(ss_rules__djson(ev->data, "items"), i, e) {
		item_state it;

		if ((found = ss_rules__item_get(h, r, json_string_value(e), &it)) < 0)
			return found;
		if (!found)
			return ss_rules__hit(h, SS_RULE_MINUTES_ITEM,
					     "item '%.60s' is not in this project's specification",
					     json_string_value(e));
	}
	return 0;
}

static int check_change(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *id = ss_rules__dstr(ev->data, "id");
	const char *state = json_string_value(json_object_get(r->changes, id));
	const char *want = streq(ev->type, "change.assess")   ? "open"
			   : streq(ev->type, "change.decide") ? "assessed"
							      : "decided";

	if (streq(ev->type, "change.open")) {
		static const struct {
			const char *kind, *list;
		} lists[] = {{"item-changed", "changed"},
			     {"new-default", "added"},
			     {"retired", "retired"}};
		const char *kind = ss_rules__dstr(ev->data, "kind"),
			   *item = ss_rules__dstr(ev->data, "item");
		const json_t *e, *list = NULL;
		char expect[32];
		bool listed = false;
		size_t i;

		snprintf(expect, sizeof(expect), "CR-%04zu", json_object_size(r->changes) + 1);
		if (state || !streq(id, expect))
			return ss_rules__hit(h, SS_RULE_CHANGE_ID,
					     "change request %.40s should be numbered %s", id,
					     expect);
		if (r->pending) {
			/* raised by the asset or system change just before it */
			if (!streq(kind, ss_js(r->pending, "kind")) ||
			    !streq(item, ss_js(r->pending, "item")))
				return ss_rules__hit(
					h, SS_RULE_CHANGE_OPEN,
					"change request %s names %s %.60s, but the change before "
					"it is %s %.60s",
					id, kind, item, ss_js(r->pending, "kind"),
					ss_js(r->pending, "item"));
			return 0;
		}
		/* raised by the upgrade just before it, for an item it names */
		if (!r->upgrade || r->last_seq != ev->seq - 1 ||
		    !streq(ss_rules__dstr(ev->data, "from"), ss_js(r->upgrade, "from")) ||
		    !streq(ss_rules__dstr(ev->data, "to"), ss_js(r->upgrade, "to")))
			return ss_rules__hit(h, SS_RULE_CHANGE_OPEN,
					     "change request %s was not raised by the catalog "
					     "upgrade it follows",
					     id);
		for (i = 0; i < 3; i++)
			if (streq(kind, lists[i].kind))
				list = json_object_get(r->upgrade, lists[i].list);
		json_array_foreach(list, i, e) {
			const json_t *v = json_is_array(e) ? json_array_get(e, 0) : e;

			listed = listed || streq(json_string_value(v), item);
		}
		if (!listed)
			return ss_rules__hit(
				h, SS_RULE_CHANGE_OPEN,
				"change request %s (%s) names %.60s, which the upgrade does not "
				"list "
				"as such",
				id, kind, item);
		return 0;
	}
	if (!state)
		return ss_rules__hit(h, SS_RULE_CHANGE_UNKNOWN, "change request '%.40s' not found",
				     id);
	if (!streq(state, want))
		return ss_rules__hit(h, SS_RULE_CHANGE_STATE, "%s is %s; this step needs it %s", id,
				     state, want);
	if (!streq(ev->type, "change.close") && !*ss_rules__dstr(ev->data, "note"))
		return ss_rules__hit(h, SS_RULE_CHANGE_NOTE, "--note is required");
	if (streq(ev->type, "change.decide")) {
		const char *est = ss_js(r->estimates, id);

		/* rules 3: a re-estimate of cost or date is management's to agree */
		if (r->version < 3 && streq(ev->role, "management"))
			return ss_rules__hit(h, SS_RULE_PERMISSION,
					     "%s (user side, management) may not decide a change "
					     "request under rules version %d: only the user side's "
					     "lead or members may",
					     ev->actor, r->version);
		if (r->version >= 3 && *est && !streq(est, "none") &&
		    !streq(ev->role, "management"))
			return ss_rules__hit(
				h, SS_RULE_CHANGE_MANAGEMENT,
				streq(est, "both")   ? N_("%s re-estimates the cost and the date: "
							    "the user side's management decides it")
				: streq(est, "cost") ? N_("%s re-estimates the cost: the user "
							  "side's management decides it")
						     : N_("%s re-estimates the date: the user "
							  "side's management decides it"),
				id);
	}
	return 0;
}

static int check_phase(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	if (ss_rules__dint(ev->data, "from") != r->phase ||
	    ss_rules__dint(ev->data, "phase") == r->phase)
		return ss_rules__hit(h, SS_RULE_PHASE_FROM, "the project is at step %lld, not %lld",
				     (long long)r->phase,
				     (long long)ss_rules__dint(ev->data, "from"));
	if (ss_rules__dtrue(ev->data, "forced") && !*ss_rules__dstr(ev->data, "reason"))
		return ss_rules__hit(h, SS_RULE_PHASE_REASON, "a forced step needs --reason");
	return 0;
}

/* Rules 4: the events of one change follow each other whole, part 1 to
 * parts, by one person with one key at one time; nothing comes between. */
static int check_part(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	bool open = ss_rules_part_open(r),
	     next = ev->has_part && ev->part == r->part + 1 && ev->parts == r->parts;

	if (open && !next)
		return ss_rules__hit(h, SS_RULE_PART_MISSING,
				     "the change that began at event %lld stops after part %lld of "
				     "%lld: its other events are missing",
				     (long long)r->part_seq, (long long)r->part,
				     (long long)r->parts);
	if (!ev->has_part)
		return 0;
	if (r->version < 4)
		return ss_rules__hit(h, SS_RULE_EVENT_PART,
				     "the event carries its place in a change (part, parts), "
				     "which rules version %d does not know",
				     r->version);
	if (!ss_rules__part_valid(ev))
		return ss_rules__hit(
			h, SS_RULE_EVENT_PART,
			"part %lld of %lld is not a place in a change of 2 to %d events",
			(long long)ev->part, (long long)ev->parts, SS_RULES_PARTS_MAX);
	if (!open && ev->part != 1)
		return ss_rules__hit(h, SS_RULE_PART_ORDER,
				     "part %lld of %lld comes without the parts before it",
				     (long long)ev->part, (long long)ev->parts);
	if (open && (!streq(ev->actor, r->part_actor) || !streq(ev->time, r->part_time) ||
		     !streq(ev->key ? ev->key : "", r->part_key)))
		return ss_rules__hit(h, SS_RULE_PART_ORDER,
				     "part %lld of %lld has another person, time or key than the "
				     "change's first part (event %lld)",
				     (long long)ev->part, (long long)ev->parts,
				     (long long)r->part_seq);
	return 0;
}

bool ss_rules__part_valid(const ss_rules_event *ev)
{
	return ev->has_part && ev->parts >= 2 && ev->parts <= SS_RULES_PARTS_MAX && ev->part >= 1 &&
	       ev->part <= ev->parts;
}

bool ss_rules_part_open(const ss_rules *r)
{
	return r->parts > 0 && r->part < r->parts;
}

void ss_rules_part_reset(ss_rules *r)
{
	r->part = r->parts = 0;
}

int ss_rules_end(ss_rule_hit *h, const ss_rules *r, int64_t *seq)
{
	memset(h, 0, sizeof(*h));
	*seq = 0;
	if (ss_rules_part_open(r)) {
		*seq = r->last_seq;
		return ss_rules__hit(h, SS_RULE_PART_MISSING,
				     "the log ends after part %lld of %lld of the change that "
				     "began at event %lld: its other events are missing",
				     (long long)r->part, (long long)r->parts,
				     (long long)r->part_seq);
	}
	if (!r->pending)
		return 0;
	*seq = ss_ji(r->pending, "seq");
	return ss_rules__pending_hit(h, r, true);
}

int ss_rules_check(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	int shape, error;

	memset(h, 0, sizeof(*h));
	if ((error = ss_rules__check_shape(h, r, ev, &shape)) < 0)
		return error;
	if (shape == T_PROJECT_CREATE) {
		if ((error = check_create(h, r, ev)) < 0)
			return error;
		if (ev->key || ev->sig)
			return ss_rules__hit(h, SS_RULE_SIG_KEY_UNKNOWN,
					     "project.create is signed, but nobody has a key yet");
		if (ev->has_part)
			return ss_rules__hit(h, SS_RULE_EVENT_PART,
					     "project.create is a change of its own, not a part");
		return 0;
	}
	if (!r->created)
		return ss_rules__hit(h, SS_RULE_PROJECT_CREATE,
				     "the log does not start with project.create");
	if (r->version >= 2) {
		if (!r->last_time_known) {
			if ((error = r->src->last_time(r->src->ctx, r->last_time,
						       sizeof(r->last_time))) < 0)
				return ss_rules__source_error(h, error);
			r->last_time_known = true;
		}
		if (strcmp(ev->time, r->last_time) < 0)
			return ss_rules__hit(
				h, SS_RULE_EVENT_TIME_ORDER,
				"the event's time %s is before the last event's (%s): the "
				"clock went back; set it right and retry",
				ev->time, r->last_time);
	}
	if ((error = check_part(h, r, ev)) < 0)
		return error;
	if (ss_rules__since(shape) > r->version)
		return ss_rules__needs_version(h, r, ss_rules__since(shape), ev->type);
	actor_load(r, ev->actor);
	if ((error = check_actor(h, r, ev, shape)) < 0 || (error = check_signature(h, r, ev)) < 0)
		return error;
	if (r->pending && shape != T_CHANGE_OPEN)
		return ss_rules__pending_hit(h, r, false);
	switch (shape) {
	case T_MEMBER_ADD:
		return check_member_add(h, r, ev);
	case T_MEMBER_REMOVE:
		return check_member_remove(h, r, ev);
	case T_KEY_REGISTER:
		return check_key_register(h, r, ev);
	case T_KEY_REVOKE:
		return check_key_revoke(h, r, ev);
	case T_ASSET_SET:
		return check_asset(h, r, ev);
	case T_SYSTEM_SET:
		return check_system(h, r, ev);
	case T_DECISION_SET:
		return check_decision(h, r, ev);
	case T_ADVICE_ADD:
		return check_advice(h, r, ev);
	case T_APPROVAL_SET:
		return check_approval(h, r, ev);
	case T_SPEC_DRAFT:
		return check_draft(h, r, ev);
	case T_PROJECT_UPGRADE:
		return check_upgrade(h, r, ev);
	case T_MILESTONE_OPEN:
		return check_milestone_open(h, r, ev);
	case T_MILESTONE_SIGN:
		return check_milestone_sign(h, r, ev);
	case T_TIMESTAMP_ADD:
		return check_timestamp(h, r, ev);
	case T_MINUTES_ADD:
		return check_minutes(h, r, ev);
	case T_CHANGE_OPEN:
	case T_CHANGE_ASSESS:
	case T_CHANGE_DECIDE:
	case T_CHANGE_CLOSE:
		return check_change(h, r, ev);
	case T_PHASE_SET:
		return check_phase(h, r, ev);
	case T_THREAT_SCORE:
		if (!*ss_rules__dstr(ev->data, "reason"))
			return ss_rules__hit(h, SS_RULE_THREAT_REASON,
					     "a threat score needs --reason");
		return 0;
	case T_SBOM_ADD:
	case T_SBOM_POLICY:
	case T_VULN_NOTICE:
	case T_VULN_ANALYSIS:
	case T_VULN_DECIDE:
	case T_VULN_APPROVE:
		return ss_rules__check_sbom(h, r, ev, shape);
	case T_CHECK_RUN:
	case T_VERIFY_RECORD:
		return ss_rules__check_accept(h, r, ev, shape);
	default:
		return ss_rules__check_negotiation(h, r, ev, shape);
	}
}
