/*
 * The negotiation's records (rules 3): what the parties proposed, answered,
 * paid for and agreed outside the catalog's requirements. Each record lives
 * in the state's registers (r->reg: kind -> key -> record), so that the
 * writer and every verifier hold the same records and the document model is
 * a report over them (ss_rules_negotiation).
 *
 * A record is the event's data with its seq, by (the actor), side, role and
 * time; answers, approvals and agreements are kept on the record they
 * concern, and a correction replaces a record only when it names the one it
 * corrects (supersedes), as assets and decisions do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/perm.h"
#include "rules/rules_int.h"
#include "util/util.h"
#include "util/banned.h"

static json_t *reg(const ss_rules *r, const char *kind)
{
	return json_object_get(r->reg, kind);
}

static json_t *reg_get(const ss_rules *r, const char *kind, const char *key)
{
	return json_object_get(reg(r, kind), key);
}

/* The key of a cost allocation: what it is on and which one. */
static void cost_key(char *out, size_t n, const ss_rules_data *d)
{
	snprintf(out, n, "%s:%s", ss_rules__dstr(d, "on"), ss_rules__dstr(d, "ref"));
}

int ss_rules__needs_version(ss_rule_hit *h, const ss_rules *r, int version, const char *what)
{
	return ss_rules__hit(h, SS_RULE_RULES_VERSION,
			     "%s needs rules version %d, and the project is under version %d: "
			     "both leads agree to move it ('secspec project rules PROJECT --to "
			     "%d', then the other side's lead accepts)",
			     ss_gettext(what), version, r->version, version);
}

/* A record replaces the one it names, and only that. what names the record
 * in the message language (the callers format it with _()). */
static int check_supersedes(ss_rule_hit *h, const json_t *current, const ss_rules_data *d,
			    const char *what)
{
	bool sup = ss_rules__dhas(d, "supersedes");
	int64_t seq = current ? ss_ji(current, "seq") : 0;

	if (current ? !sup || ss_rules__dint(d, "supersedes") != seq : sup)
		return ss_rules__hit(
			h, SS_RULE_RECORD_SUPERSEDES,
			current ? N_("%s is already recorded (event %lld); a correction names "
				     "it in supersedes (--supersede)")
				: N_("%s is not recorded, so there is nothing to supersede "
				     "(event %lld)"),
			what,
			current ? (long long)seq : (long long)ss_rules__dint(d, "supersedes"));
	return 0;
}

/* Numbered records: P-0001, D-0001, … in order. */
static int check_number(ss_rule_hit *h, const ss_rules *r, const char *kind, const char *prefix,
			const char *id)
{
	char want[32];

	snprintf(want, sizeof(want), "%s-%04zu", prefix, json_object_size(reg(r, kind)) + 1);
	if (!streq(id, want))
		return ss_rules__hit(h, SS_RULE_RECORD_ID, "%.40s should be numbered %s", id, want);
	return 0;
}

#define empty ss_rules__blank

static int check_proposal_add(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	static const char *const foss[] = {"component", "version", "licence", "defects", NULL};
	const ss_rules_data *d = ev->data;
	bool is_foss = streq(ss_rules__dstr(d, "kind"), "foss");
	const char *const *f;
	int error;

	if ((error = check_number(h, r, "proposals", "P", ss_rules__dstr(d, "id"))) < 0)
		return error;
	if (empty(d, "title") || empty(d, "text"))
		return ss_rules__hit(h, SS_RULE_PROPOSAL_TEXT,
				     "a proposal needs --title and --text: what the vendor "
				     "proposes or warns of, in writing");
	for (f = foss; *f; f++) {
		if (is_foss && empty(d, *f))
			return ss_rules__hit(
				h, SS_RULE_PROPOSAL_TEXT,
				"a FOSS proposal names the component, version, licence and the "
				"known defects disclosed (--%s is missing; say 'none known' "
				"explicitly)",
				*f);
		if (!is_foss && ss_rules__dhas(d, *f))
			return ss_rules__hit(h, SS_RULE_PROPOSAL_TEXT,
					     "%s goes only with a FOSS proposal (kind foss)", *f);
	}
	if (ss_rules__dhas(d, "item")) {
		item_state it;
		int found = ss_rules__item_get(h, r, ss_rules__dstr(d, "item"), &it);

		if (found < 0)
			return found;
		if (!found)
			return ss_rules__hit(h, SS_RULE_ITEM_UNKNOWN,
					     "item '%.60s' is not in this project's specification",
					     ss_rules__dstr(d, "item"));
	}
	return 0;
}

static int check_proposal_answer(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *id = ss_rules__dstr(d, "id");
	const json_t *p = reg_get(r, "proposals", id);
	char what[80];

	if (!p)
		return ss_rules__hit(h, SS_RULE_RECORD_UNKNOWN, "proposal %.40s was never recorded",
				     id);
	if (!streq(ss_rules__dstr(d, "answer"), "adopt") && empty(d, "reason"))
		return ss_rules__hit(
			h, SS_RULE_PROPOSAL_REASON,
			"--answer %s needs --reason: the user's reason for not following the "
			"vendor's written proposal is the evidence the process requires",
			ss_rules__dstr(d, "answer"));
	snprintf(what, sizeof(what), _("the answer to %.40s"), id);
	return check_supersedes(h, json_object_get(p, "answer"), d, what);
}

/* Whether the subject of a cost allocation exists. */
static int cost_subject(ss_rule_hit *h, ss_rules *r, const ss_rules_data *d)
{
	const char *on = ss_rules__dstr(d, "on"), *ref = ss_rules__dstr(d, "ref");
	int found = 0;

	if (streq(on, "item")) {
		item_state it;

		if ((found = ss_rules__item_get(h, r, ref, &it)) < 0)
			return found;
	} else if (streq(on, "proposal")) {
		found = reg_get(r, "proposals", ref) != NULL;
	} else {
		found = json_object_get(r->changes, ref) != NULL;
	}
	if (!found)
		return ss_rules__hit(h, SS_RULE_RECORD_UNKNOWN,
				     "a cost on %s %.60s, which this project does not have", on,
				     ref);
	return 0;
}

static int check_cost_set(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	char key[256], what[300];
	int error;

	if ((error = cost_subject(h, r, ev->data)) < 0)
		return error;
	cost_key(key, sizeof(key), ev->data);
	snprintf(what, sizeof(what), _("the cost of %s"), key);
	return check_supersedes(h, reg_get(r, "costs", key), ev->data, what);
}

static int check_cost_approve(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const json_t *c;
	char key[256];

	cost_key(key, sizeof(key), d);
	c = reg_get(r, "costs", key);
	if (!c || ss_ji(c, "seq") != ss_rules__dint(d, "cost_seq") ||
	    json_object_get(c, "approval"))
		return ss_rules__hit(h, SS_RULE_RECORD_TARGET,
				     c && json_object_get(c, "approval")
					     ? N_("event %lld is not the cost allocation of %s "
						  "awaiting approval (it is event %lld, already "
						  "decided)")
					     : N_("event %lld is not the cost allocation of %s "
						  "awaiting approval (it is event %lld)"),
				     (long long)ss_rules__dint(d, "cost_seq"), key,
				     c ? (long long)ss_ji(c, "seq") : 0LL);
	if (streq(ss_js(c, "by"), ev->actor))
		return ss_rules__hit(
			h, SS_RULE_APPROVAL_SELF,
			"%s recorded the cost allocation of %s and may not approve it; "
			"another manager must",
			ev->actor, key);
	if (streq(ss_rules__dstr(d, "verdict"), "rejected") && empty(d, "note"))
		return ss_rules__hit(h, SS_RULE_APPROVAL_NOTE,
				     "a rejection needs --note saying why");
	return 0;
}

static int check_candidate(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev, int t)
{
	const ss_rules_data *d = ev->data;
	const char *id = ss_rules__dstr(d, t == T_CANDIDATE_ADD ? "id" : "candidate");

	if (t == T_CANDIDATE_ADD) {
		if (r->vendor_named)
			return ss_rules__hit(
				h, SS_RULE_VENDOR_SELECTED,
				"the project already has its vendor (%.80s): candidates "
				"come before the selection",
				r->vendor_org);
		if (reg_get(r, "candidates", id))
			return ss_rules__hit(h, SS_RULE_RECORD_ID,
					     "candidate %.60s is already recorded", id);
		return 0;
	}
	if (!reg_get(r, "candidates", id))
		return ss_rules__hit(h, SS_RULE_RECORD_UNKNOWN,
				     "candidate %.60s was never recorded", id);
	if (t == T_VENDOR_SELECT) {
		if (r->vendor_named)
			return ss_rules__hit(h, SS_RULE_VENDOR_SELECTED,
					     "the project already has its vendor (%.80s)",
					     r->vendor_org);
		const json_t *nda = json_object_get(reg_get(r, "candidates", id), "nda");
		char today[11];

		if (!nda)
			return ss_rules__hit(
				h, SS_RULE_VENDOR_NDA,
				"no NDA with %.60s is recorded: the details a vendor needs are "
				"disclosed under an NDA, before the selection",
				id);
		snprintf(today, sizeof(today), "%.10s", ev->time);
		if (strcmp(ss_js(nda, "date"), today) > 0 ||
		    (ss_js_or_null(nda, "expires") && strcmp(ss_js(nda, "expires"), today) < 0))
			return ss_rules__hit(
				h, SS_RULE_VENDOR_NDA,
				ss_js_or_null(nda, "expires")
					? N_("the NDA with %.60s is not in force on %s (from %s "
					     "until %s)")
					: N_("the NDA with %.60s is not in force on %s (from %s)"),
				id, today, ss_js(nda, "date"),
				ss_js_or_null(nda, "expires") ? ss_js(nda, "expires") : "");
		if (!streq(ss_rules__dstr(d, "org"), ss_js(reg_get(r, "candidates", id), "org")))
			return ss_rules__hit(h, SS_RULE_RECORD_UNKNOWN,
					     "the selection names %.80s, but candidate %.60s is "
					     "%.80s",
					     ss_rules__dstr(d, "org"), id,
					     ss_js(reg_get(r, "candidates", id), "org"));
		if (empty(d, "reason"))
			return ss_rules__hit(h, SS_RULE_VENDOR_REASON,
					     "a selection needs --reason: why this vendor");
	}
	return 0;
}

const json_t *ss_rules_nda(const ss_rules *r, const char *party)
{
	/* once selected, the chosen candidate's NDA is the vendor's: a record
	 * under either name replaces the one that stands for both */
	if (streq(party, "vendor") ||
	    (r->selected && streq(ss_js(r->selected, "candidate"), party)))
		return r->vendor_nda;
	return json_object_get(reg_get(r, "candidates", party), "nda");
}

static int check_nda(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *party = ss_rules__dstr(ev->data, "party");
	char what[100];

	if (streq(party, "vendor") ? !r->vendor_named : !reg_get(r, "candidates", party))
		return ss_rules__hit(h, SS_RULE_RECORD_UNKNOWN,
				     streq(party, "vendor")
					     ? N_("an NDA with the vendor, but the project has no "
						  "vendor yet (name a candidate instead)")
					     : N_("an NDA with %.60s, who is not a candidate"),
				     party);
	if (ss_rules__dhas(ev->data, "expires") &&
	    strcmp(ss_rules__dstr(ev->data, "expires"), ss_rules__dstr(ev->data, "date")) < 0)
		return ss_rules__hit(h, SS_RULE_VENDOR_NDA, "the NDA expires before it is signed");
	snprintf(what, sizeof(what), _("the NDA with %.60s"), party);
	return check_supersedes(h, ss_rules_nda(r, party), ev->data, what);
}

static int asset_known(ss_rule_hit *h, const ss_rules *r, const char *id)
{
	int64_t seq, level;
	int found = ss_rules__asset_get(r, id, &seq, &level);

	if (found < 0)
		return ss_rules__source_error(h, found);
	if (!found)
		return ss_rules__hit(h, SS_RULE_RECORD_UNKNOWN, "asset %.60s was never recorded",
				     id);
	return 0;
}

static int check_law(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *e;
	size_t i;
	char what[120];
	int error;

	json_array_foreach(ss_rules__djson(ev->data, "assets"), i, e) {
		if ((error = asset_known(h, r, json_string_value(e))) < 0)
			return error;
	}
	snprintf(what, sizeof(what), _("law %.60s"), ss_rules__dstr(ev->data, "id"));
	return check_supersedes(h, reg_get(r, "laws", ss_rules__dstr(ev->data, "id")), ev->data,
				what);
}

static int check_retention(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *asset = ss_rules__dstr(d, "asset");
	char what[120];
	int error;

	if ((error = asset_known(h, r, asset)) < 0)
		return error;
	if (!ss_rules__dtrue(d, "keep") && ss_rules__dhas(d, "period"))
		return ss_rules__hit(
			h, SS_RULE_RETENTION_PERIOD,
			"asset %.60s is disposed of: a retention period goes only with "
			"keeping it",
			asset);
	if (ss_rules__dtrue(d, "keep") && empty(d, "period"))
		return ss_rules__hit(h, SS_RULE_RETENTION_PERIOD,
				     "asset %.60s is kept: say for how long with --period", asset);
	if (empty(d, "method"))
		return ss_rules__hit(h, SS_RULE_RETENTION_PERIOD,
				     "asset %.60s: say how it is disposed of with --method", asset);
	snprintf(what, sizeof(what), _("the retention of %.60s"), asset);
	return check_supersedes(h, reg_get(r, "retention", asset), d, what);
}

static int check_contract(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev, int t)
{
	const char *id = ss_rules__dstr(ev->data, "id");
	const json_t *c = reg_get(r, "contracts", id);
	char what[120];

	if (t == T_CONTRACT_SET) {
		snprintf(what, sizeof(what), _("contract %.60s"), id);
		return check_supersedes(h, c, ev->data, what);
	}
	if (!c)
		return ss_rules__hit(h, SS_RULE_RECORD_UNKNOWN, "contract %.60s was never recorded",
				     id);
	if (ss_ji(c, "seq") != ss_rules__dint(ev->data, "contract_seq") ||
	    json_object_get(c, "agreed"))
		return ss_rules__hit(
			h, SS_RULE_RECORD_TARGET,
			json_object_get(c, "agreed")
				? N_("event %lld is not the terms of contract %.60s "
				     "awaiting agreement (they are event %lld, already "
				     "agreed)")
				: N_("event %lld is not the terms of contract %.60s "
				     "awaiting agreement (they are event %lld)"),
			(long long)ss_rules__dint(ev->data, "contract_seq"), id,
			(long long)ss_ji(c, "seq"));
	if (streq(ss_js(c, "side"), ev->side))
		return ss_rules__hit(h, SS_RULE_CONTRACT_AGREE,
				     "the %s side recorded these terms; the other side's lead "
				     "agrees to them",
				     ev->side);
	return 0;
}

static int check_diagnosis(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	int error;

	if ((error = check_number(h, r, "diagnoses", "D", ss_rules__dstr(d, "id"))) < 0)
		return error;
	if (ss_rules__dhas(d, "contract") &&
	    !reg_get(r, "contracts", ss_rules__dstr(d, "contract")))
		return ss_rules__hit(h, SS_RULE_RECORD_UNKNOWN, "contract %.60s was never recorded",
				     ss_rules__dstr(d, "contract"));
	return 0;
}

/* Rules 5: an IT asset carries the management items of its category: the
 * licence of what others wrote (components, packages, the platform), and
 * for all but the application itself, how it is tied to current
 * vulnerability information. */
static int check_itasset(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *cat = ss_rules__dstr(d, "category");
	char what[120];

	if ((streq(cat, "component") || streq(cat, "package") || streq(cat, "platform")) &&
	    empty(d, "licence"))
		return ss_rules__hit(h, SS_RULE_ITASSET_ITEMS,
				     "IT asset %.60s (%s) needs its licence (--licence): the "
				     "parts list and licences are managed for every component, "
				     "package and platform",
				     ss_rules__dstr(d, "id"), cat);
	if (!streq(cat, "application") && empty(d, "vuln_link"))
		return ss_rules__hit(h, SS_RULE_ITASSET_ITEMS,
				     "IT asset %.60s (%s) needs its link to current vulnerability "
				     "information (--vuln-link, e.g. 'SBOM 2 + OSV')",
				     ss_rules__dstr(d, "id"), cat);
	snprintf(what, sizeof(what), _("IT asset %.60s"), ss_rules__dstr(d, "id"));
	return check_supersedes(h, reg_get(r, "itassets", ss_rules__dstr(d, "id")), d, what);
}

static int check_rules_step(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev, int t)
{
	int64_t to = ss_rules__dint(ev->data, "to");

	if (t == T_RULES_PROPOSE) {
		if (to <= r->version || to > SS_RULES_VERSION)
			return ss_rules__hit(
				h, SS_RULE_RULES_UPGRADE,
				"the project is under rules version %d; it can move to "
				"a version after it, up to %d",
				r->version, SS_RULES_VERSION);
		return 0;
	}
	if (!r->rules_prop || ss_ji(r->rules_prop, "seq") != ss_rules__dint(ev->data, "proposal") ||
	    ss_ji(r->rules_prop, "to") != to)
		return ss_rules__hit(h, SS_RULE_RECORD_TARGET,
				     "event %lld is not a pending proposal to move to rules "
				     "version %lld",
				     (long long)ss_rules__dint(ev->data, "proposal"),
				     (long long)to);
	if (streq(ss_js(r->rules_prop, "side"), ev->side))
		return ss_rules__hit(h, SS_RULE_RULES_UPGRADE_SIDE,
				     "the %s side proposed the move; the other side's lead "
				     "accepts it",
				     ev->side);
	return 0;
}

int ss_rules__check_negotiation(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int t)
{
	char what[120];

	switch (t) {
	case T_PROPOSAL_ADD:
		return check_proposal_add(h, r, ev);
	case T_PROPOSAL_ANSWER:
		return check_proposal_answer(h, r, ev);
	case T_COST_SET:
		return check_cost_set(h, r, ev);
	case T_COST_APPROVE:
		return check_cost_approve(h, r, ev);
	case T_CANDIDATE_ADD:
	case T_CANDIDATE_DOCUMENT:
	case T_VENDOR_SELECT:
		return check_candidate(h, r, ev, t);
	case T_NDA_RECORD:
		return check_nda(h, r, ev);
	case T_LAW_SET:
		return check_law(h, r, ev);
	case T_ASSET_RETENTION:
		return check_retention(h, r, ev);
	case T_CONTRACT_SET:
	case T_CONTRACT_AGREE:
		return check_contract(h, r, ev, t);
	case T_TERMS_ACKNOWLEDGE:
		if (r->ack)
			return ss_rules__hit(h, SS_RULE_ACKNOWLEDGE_REPEAT,
					     "the terms were acknowledged at event %lld",
					     (long long)ss_ji(r->ack, "seq"));
		return 0;
	case T_STANDARD_SET:
		snprintf(what, sizeof(what), _("standard %.60s"),
			 ss_rules__dstr(ev->data, "standard"));
		return check_supersedes(
			h, reg_get(r, "standards", ss_rules__dstr(ev->data, "standard")), ev->data,
			what);
	case T_DIAGNOSIS_ADD:
		return check_diagnosis(h, r, ev);
	case T_ITASSET_SET:
		return check_itasset(h, r, ev);
	case T_NETWORK_SET:
		snprintf(what, sizeof(what), _("network record %.60s"),
			 ss_rules__dstr(ev->data, "id"));
		return check_supersedes(h, reg_get(r, "network", ss_rules__dstr(ev->data, "id")),
					ev->data, what);
	case T_RULES_PROPOSE:
	case T_RULES_ACCEPT:
		return check_rules_step(h, r, ev, t);
	default:
		return 0;
	}
}

/* --- the fold ----------------------------------------------------------------- */

/* The event's data with who recorded it, and when. */
static json_t *record_of(const ss_rules_event *ev)
{
	json_t *rec = ss_rules__data_copy(ev->data);

	if (!rec)
		return NULL;
	json_object_del(rec, "supersedes");
	json_object_set_new(rec, "seq", json_integer((json_int_t)ev->seq));
	json_object_set_new(rec, "by", json_string(ev->actor));
	json_object_set_new(rec, "side", json_string(ev->side));
	json_object_set_new(rec, "role", json_string(ev->role));
	json_object_set_new(rec, "time", json_string(ev->time));
	return rec;
}

/* Put rec under key in kind (it replaces what stood there). */
static void put(ss_rules *r, const char *kind, const char *key, json_t *rec)
{
	if (rec)
		json_object_set_new(reg(r, kind), key, rec);
}

static bool proposal_declined(const json_t *p)
{
	return streq(ss_js(json_object_get(p, "answer"), "answer"), "decline");
}

void ss_rules__fold_negotiation(ss_rules *r, const ss_rules_event *ev, int t)
{
	const ss_rules_data *d = ev->data;
	json_t *rec, *target;
	char key[256];

	switch (t) {
	case T_PROPOSAL_ADD:
		if (!reg_get(r, "proposals", ss_rules__dstr(d, "id")))
			put(r, "proposals", ss_rules__dstr(d, "id"), record_of(ev));
		break;
	case T_PROPOSAL_ANSWER:
		if (!(target = reg_get(r, "proposals", ss_rules__dstr(d, "id"))))
			break;
		r->declined -= proposal_declined(target);
		json_object_set_new(target, "answer", record_of(ev));
		r->declined += proposal_declined(target);
		break;
	case T_COST_SET:
		cost_key(key, sizeof(key), d);
		put(r, "costs", key, record_of(ev));
		break;
	case T_COST_APPROVE:
		cost_key(key, sizeof(key), d);
		if ((target = reg_get(r, "costs", key)) && !json_object_get(target, "approval"))
			json_object_set_new(target, "approval", record_of(ev));
		break;
	case T_CANDIDATE_ADD:
		if (!reg_get(r, "candidates", ss_rules__dstr(d, "id")) && (rec = record_of(ev))) {
			json_object_set_new(rec, "documents", json_array());
			put(r, "candidates", ss_rules__dstr(d, "id"), rec);
		}
		break;
	case T_CANDIDATE_DOCUMENT:
		if ((target = reg_get(r, "candidates", ss_rules__dstr(d, "candidate"))))
			json_array_append_new(json_object_get(target, "documents"), record_of(ev));
		break;
	case T_NDA_RECORD:
		if ((target = reg_get(r, "candidates", ss_rules__dstr(d, "party"))))
			json_object_set_new(target, "nda", record_of(ev));
		/* the NDA with the vendor: named so, or the selected candidate's */
		if (streq(ss_rules__dstr(d, "party"), "vendor") ||
		    (r->selected &&
		     streq(ss_js(r->selected, "candidate"), ss_rules__dstr(d, "party")))) {
			json_decref(r->vendor_nda);
			r->vendor_nda = record_of(ev);
		}
		break;
	case T_VENDOR_SELECT:
		target = reg_get(r, "candidates", ss_rules__dstr(d, "candidate"));
		if (!target || r->vendor_named)
			break;
		r->vendor_named = true;
		snprintf(r->vendor_org, sizeof(r->vendor_org), "%s", ss_rules__dstr(d, "org"));
		json_decref(r->selected);
		r->selected = record_of(ev);
		if (json_object_get(target, "nda")) {
			json_decref(r->vendor_nda);
			r->vendor_nda = json_deep_copy(json_object_get(target, "nda"));
		}
		r->actor.valid = false;
		break;
	case T_LAW_SET:
		put(r, "laws", ss_rules__dstr(d, "id"), record_of(ev));
		break;
	case T_ASSET_RETENTION:
		put(r, "retention", ss_rules__dstr(d, "asset"), record_of(ev));
		break;
	case T_CONTRACT_SET:
		put(r, "contracts", ss_rules__dstr(d, "id"), record_of(ev));
		break;
	case T_CONTRACT_AGREE:
		if ((target = reg_get(r, "contracts", ss_rules__dstr(d, "id"))) &&
		    !json_object_get(target, "agreed"))
			json_object_set_new(target, "agreed", record_of(ev));
		break;
	case T_TERMS_ACKNOWLEDGE:
		if (!r->ack)
			r->ack = record_of(ev);
		break;
	case T_STANDARD_SET:
		put(r, "standards", ss_rules__dstr(d, "standard"), record_of(ev));
		break;
	case T_DIAGNOSIS_ADD:
		if (!reg_get(r, "diagnoses", ss_rules__dstr(d, "id")))
			put(r, "diagnoses", ss_rules__dstr(d, "id"), record_of(ev));
		break;
	case T_ITASSET_SET:
		put(r, "itassets", ss_rules__dstr(d, "id"), record_of(ev));
		break;
	case T_NETWORK_SET:
		put(r, "network", ss_rules__dstr(d, "id"), record_of(ev));
		break;
	case T_RULES_PROPOSE:
		json_decref(r->rules_prop);
		r->rules_prop = record_of(ev);
		break;
	case T_RULES_ACCEPT:
		if (r->rules_prop && ss_ji(r->rules_prop, "seq") == ss_rules__dint(d, "proposal") &&
		    ss_ji(r->rules_prop, "to") == ss_rules__dint(d, "to") &&
		    ss_rules__dint(d, "to") > r->version &&
		    ss_rules__dint(d, "to") <= SS_RULES_VERSION) {
			r->version = (int)ss_rules__dint(d, "to");
			json_decref(r->rules_prop);
			r->rules_prop = NULL;
			r->actor.valid = false;
		}
		break;
	default:
		break;
	}
}

/* --- the report --------------------------------------------------------------- */

static int by_seq(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "seq"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "seq"));

	return x < y ? -1 : x > y;
}

/* The records of one register, in the order they were first recorded
 * (by the seq of the record that stands). */
static json_t *listed(const ss_rules *r, const char *kind)
{
	json_t *reg_kind = reg(r, kind), *out = json_array(), *v, **all;
	const char *key;
	size_t n = json_object_size(reg_kind), i = 0;

	if (!out || n == 0)
		return out;
	if (!(all = calloc(n, sizeof(*all)))) {
		json_decref(out);
		return NULL;
	}
	json_object_foreach(reg_kind, key, v)
		all[i++] = v;
	qsort(all, n, sizeof(*all), by_seq);
	for (i = 0; i < n; i++)
		json_array_append_new(out, json_deep_copy(all[i]));
	free(all);
	return out;
}

const json_t *ss_rules_register(const ss_rules *r, const char *kind)
{
	return reg(r, kind);
}

json_t *ss_rules_negotiation(const ss_rules *r)
{
	json_t *out = json_object(), *vendor;
	const char *const *k;

	if (!out)
		return NULL;
	vendor = json_pack("{s:b, s:s, s:O?, s:O?}", "named", r->vendor_named, "org", r->vendor_org,
			   "selected", r->selected, "nda", r->vendor_nda);
	json_object_set_new(out, "vendor", vendor);
	/* the registers rules 5 brought are in the report once they hold a
	 * record: the documents of projects without them read as they were
	 * signed */
	for (k = ss_rules_registers; *k; k++)
		if (json_object_size(reg(r, *k)) > 0 ||
		    (!streq(*k, "itassets") && !streq(*k, "network")))
			json_object_set_new(out, *k, listed(r, *k));
	json_object_set_new(out, "acknowledgement", r->ack ? json_deep_copy(r->ack) : json_null());
	json_object_set_new(out, "rules_proposal",
			    r->rules_prop ? json_deep_copy(r->rules_prop) : json_null());
	json_object_set_new(out, "rules", json_integer(r->version));
	return out;
}
