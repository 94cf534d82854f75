/* The fold of events into the rule book's state, and its reports
 * (rules_int.h). */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/perm.h"
#include "rules/rules_int.h"
#include "util/util.h"
#include "util/banned.h"

/* --- the fold ---------------------------------------------------------------- */

static void set_member(ss_rules *r, const char *person, const char *side, const char *role)
{
	json_t *m = ss_rules__member(r, person);

	if (m) {
		/* a side never changes: a forged move is reported and not taken */
		json_object_set_new(m, "role", json_string(role));
		json_object_set_new(m, "active", json_true());
	} else {
		json_object_set_new(
			r->members, person,
			json_pack("{s:s, s:s, s:b}", "side", side, "role", role, "active", 1));
	}
	if (streq(role, "lead"))
		r->lead_ever[ss_rules__side_index(ss_js(ss_rules__member(r, person), "side"))] =
			true;
}

static void set_item(ss_rules *r, const char *id, int64_t seq, const char *policy, const char *by,
		     const char *approval)
{
	item_entry *it = ss_rules__items_find(&r->items, id);
	bool was = it && ss_rules__risky_policy(it->policy);
	const char *name;

	if (!it && !(it = ss_rules__items_put(&r->items, id)))
		return;
	if (!(name = ss_rules__items_name(&r->items, by)))
		return;
	it->seq = seq;
	snprintf(it->policy, sizeof(it->policy), "%s", policy);
	it->by = name;
	snprintf(it->approval, sizeof(it->approval), "%s", approval);
	r->risky += (ss_rules__risky_policy(policy) ? 1 : 0) - (was ? 1 : 0);
}

/* The content hash a draft or an upgrade gives an item (json_object_set of
 * the value, read back as a string: absent keeps it, not a string is ""). */
static void set_content(item_entry *it, const json_t *hash)
{
	if (it && hash)
		snprintf(it->content, sizeof(it->content), "%s",
			 json_string_value(hash) ? json_string_value(hash) : "");
}

static void fold_items(ss_rules *r, const ss_rules_event *ev, int t)
{
	const ss_rules_data *d = ev->data;
	const json_t *e;
	size_t i;

	if (t == T_SPEC_DRAFT) {
		r->drafted = true;
		json_array_foreach(ss_rules__djson(d, "items"), i, e) {
			const char *id = json_string_value(json_array_get(e, 0));

			if (id && !ss_rules__items_find(&r->items, id)) {
				set_item(r, id, 0, "", "", "none");
				set_content(ss_rules__items_find(&r->items, id),
					    json_array_get(e, 1));
			}
		}
	} else if (t == T_PROJECT_UPGRADE) {
		/* an added item starts open, whatever it was before */
		json_array_foreach(ss_rules__djson(d, "added"), i, e) {
			const char *id = json_string_value(json_array_get(e, 0));

			if (id) {
				set_item(r, id, 0, "", "", "none");
				set_content(ss_rules__items_find(&r->items, id),
					    json_array_get(e, 1));
			}
		}
		/* a changed item's new hash, when the upgrade records it (rules 2) */
		json_array_foreach(ss_rules__djson(d, "changed"), i, e) {
			item_entry *it = ss_rules__items_find(&r->items, json_string_value(e));
			const json_t *pair =
				json_array_get(ss_rules__djson(d, "changed_hashes"), i);

			if (it && pair)
				set_content(it, json_array_get(pair, 1));
			else if (it)
				it->content[0] = '\0';
		}
		json_array_foreach(ss_rules__djson(d, "retired"), i, e) {
			item_entry *it = ss_rules__items_find(&r->items, json_string_value(e));

			if (it && ss_rules__risky_policy(it->policy))
				r->risky--;
			if (it)
				it->live = false;
		}
	} else if (t == T_DECISION_SET) {
		if (ss_rules__items_find(&r->items, ss_rules__dstr(d, "item")))
			set_item(r, ss_rules__dstr(d, "item"), ev->seq, ss_rules__dstr(d, "policy"),
				 ev->actor, "none");
	} else if (t == T_APPROVAL_SET) {
		item_entry *it = ss_rules__items_find(&r->items, ss_rules__dstr(d, "item"));

		if (it)
			snprintf(it->approval, sizeof(it->approval), "%s",
				 ss_rules__dstr(d, "verdict"));
	} else if (t == T_ASSET_SET) {
		json_object_set_new(r->assets, ss_rules__dstr(d, "id"),
				    json_pack("{s:I, s:I}", "seq", (json_int_t)ev->seq, "level",
					      (json_int_t)ss_rules__dint(d, "level")));
	} else if (t == T_SYSTEM_SET) {
		json_object_set_new(r->systems, ss_rules__dstr(d, "name"), json_integer(ev->seq));
	}
}

static void fold_key_register(ss_rules *r, const ss_rules_event *ev)
{
	const char *fpr = ss_rules__dstr(ev->data, "fingerprint"),
		   *person = ss_rules__dstr(ev->data, "person");

	if (json_object_get(r->keys, fpr))
		return;
	json_object_set_new(r->keys, fpr,
			    json_pack("{s:s, s:s, s:I}", "person", person, "public_key",
				      ss_rules__dstr(ev->data, "public_key"), "seq",
				      (json_int_t)ev->seq));
	json_array_append_new(r->key_order, json_string(fpr));
	json_object_set_new(r->holders, person, json_integer(ss_ji(r->holders, person) + 1));
}

static void fold_key_revoke(ss_rules *r, const ss_rules_event *ev)
{
	json_t *k = json_object_get(r->keys, ss_rules__dstr(ev->data, "fingerprint"));
	const char *person;

	if (!k || json_object_get(k, "revoked"))
		return;
	person = ss_js(k, "person");
	json_object_set_new(k, "revoked", json_integer(ev->seq));
	json_object_set_new(r->holders, person, json_integer(ss_ji(r->holders, person) - 1));
}

static json_t *signature_of(const ss_rules_event *ev)
{
	return json_pack("{s:s, s:s, s:s, s:s*, s:s, s:I}", "person", ev->actor, "side", ev->side,
			 "role", ev->role, "key", ev->key, "time", ev->time, "seq",
			 (json_int_t)ev->seq);
}

static void fold_milestone(ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *name = ss_rules__dstr(d, "name");
	json_t *m = json_object_get(r->milestones, name);

	if (streq(ev->type, "milestone.open")) {
		if (m)
			return;
		m = json_pack(
			"{s:s, s:I, s:I, s:s, s:s, s:s, s:b, s:s, s:[o], s:[], s:{s:b}}", "name",
			name, "seq", (json_int_t)ev->seq, "tree_size",
			(json_int_t)ss_rules__dint(d, "tree_size"), "root",
			ss_rules__dstr(d, "root"), "spec_hash", ss_rules__dstr(d, "spec_hash"),
			"catalog_version", ss_rules__dstr(d, "catalog_version"), "needs_management",
			ss_rules__dtrue(d, "needs_management"), "parties",
			streq(ss_rules__dstr(d, "parties"), "user") ? "user" : "both", "signatures",
			signature_of(ev), "timestamps", "signers", ev->actor, 1);
		if (m) {
			json_object_set_new(r->milestones, name, m);
			json_array_append_new(r->ms_order, json_string(name));
		}
		if (!streq(ss_rules__dstr(d, "parties"), "user"))
			r->agreed = true;
	} else if (m) {
		json_array_append_new(json_object_get(m, "signatures"), signature_of(ev));
		json_object_set_new(json_object_get(m, "signers"), ev->actor, json_true());
	}
}

static void fold_timestamp(ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	json_t *m = json_object_get(r->milestones, ss_rules__dstr(d, "milestone"));

	if (m)
		json_array_append_new(json_object_get(m, "timestamps"),
				      json_pack("{s:I, s:s, s:s, s:s}", "seq", (json_int_t)ev->seq,
						"time", ss_rules__dstr(d, "time"), "digest",
						ss_rules__dstr(d, "digest"), "token",
						ss_rules__dstr(d, "token")));
}

/* The state a change step leaves its change request in (taken whether or
 * not the step was allowed, as every fold). */
static void change_step(ss_rules *r, const char *type, const ss_rules_data *d)
{
	if (strncmp(type, "change.", 7) == 0 &&
	    json_object_get(r->changes, ss_rules__dstr(d, "id")))
		json_object_set_new(r->changes, ss_rules__dstr(d, "id"),
				    json_string(streq(type, "change.assess")   ? "assessed"
						: streq(type, "change.decide") ? "decided"
									       : "closed"));
}

void ss_rules_fold(ss_rules *r, const ss_rules_event *ev)
{
	const char *type = ev->type;
	const ss_rules_data *d = ev->data;
	int t = ss_rules__type_index(r, type);

	/* the events that record evidence about the specification without
	 * changing it (a milestone stays valid across them), and the types
	 * ss_rules_type_is_item names */
	static const bool evidence[T_COUNT] = {
		[T_MILESTONE_OPEN] = true,
		[T_MILESTONE_SIGN] = true,
		[T_KEY_REGISTER] = true,
		[T_MINUTES_ADD] = true,
		[T_TIMESTAMP_ADD] = true,
		[T_THREAT_SCORE] = true,
		[T_CHANGE_ASSESS] = true,
		[T_CHANGE_DECIDE] = true,
		[T_CHANGE_CLOSE] = true,
		/* rules 3: the way to a vendor, diagnoses, the terms and the rules
		 * version are not part of the specification */
		[T_CANDIDATE_ADD] = true,
		[T_CANDIDATE_DOCUMENT] = true,
		[T_NDA_RECORD] = true,
		[T_VENDOR_SELECT] = true,
		[T_DIAGNOSIS_ADD] = true,
		[T_TERMS_ACKNOWLEDGE] = true,
		[T_RULES_PROPOSE] = true,
		[T_RULES_ACCEPT] = true,
		/* rules 5: that a vulnerability was found is a fact, not a term */
		[T_VULN_NOTICE] = true,
		/* rules 6: checking the specification does not change it */
		[T_CHECK_RUN] = true,
		[T_VERIFY_RECORD] = true};
	static const bool item[T_COUNT] = {
		[T_ASSET_SET] = true,    [T_SYSTEM_SET] = true, [T_SPEC_DRAFT] = true,
		[T_DECISION_SET] = true, [T_ADVICE_ADD] = true, [T_APPROVAL_SET] = true,
		[T_THREAT_SCORE] = true, [T_SBOM_ADD] = true};

	size_t tn = ev->time ? strlen(ev->time) : 0;

	/* as snprintf("%s") into last_time, without the cost of a format */
	if (tn >= sizeof(r->last_time))
		tn = sizeof(r->last_time) - 1;
	memcpy(r->last_time, ev->time ? ev->time : "", tn);
	r->last_time[tn] = '\0';
	r->last_seq = ev->seq;
	/* rules 4: the change this event is part of */
	if (r->version < 4 || t == T_PROJECT_CREATE || !ss_rules__part_valid(ev)) {
		r->part = r->parts = 0;
	} else {
		if (ev->part == 1 || !ss_rules_part_open(r)) {
			r->part_seq = ev->seq;
			snprintf(r->part_actor, sizeof(r->part_actor), "%s",
				 ev->actor ? ev->actor : "");
			snprintf(r->part_time, sizeof(r->part_time), "%s",
				 ev->time ? ev->time : "");
			snprintf(r->part_key, sizeof(r->part_key), "%s", ev->key ? ev->key : "");
		}
		r->part = ev->part;
		r->parts = ev->parts;
	}
	/* rules 3: an asset or system changed after a milestone was opened
	 * wants its change request next (the writer appends both at once) */
	json_decref(r->pending);
	r->pending = NULL;
	if ((t == T_ASSET_SET || t == T_SYSTEM_SET) && r->version >= 3 && r->agreed)
		r->pending = json_pack("{s:s, s:s, s:I}", "kind",
				       t == T_ASSET_SET ? "asset-changed" : "system-changed",
				       "item", ss_rules__dstr(d, t == T_ASSET_SET ? "id" : "name"),
				       "seq", (json_int_t)ev->seq);
	/* rules 5: so do the components, and a vulnerability found in them
	 * before operation (after it, a maintenance item) */
	if (t == T_SBOM_ADD && r->agreed) {
		char what[32];

		snprintf(what, sizeof(what), "SBOM %lld", (long long)ss_rules__dint(d, "sbom"));
		r->pending = json_pack("{s:s, s:s, s:I}", "kind", "sbom-changed", "item", what,
				       "seq", (json_int_t)ev->seq);
	}
	if (t == T_VULN_NOTICE && r->agreed && r->phase < 12) {
		char what[200];

		snprintf(what, sizeof(what), "%.80s on %.80s", ss_rules__dstr(d, "vuln"),
			 ss_rules__dstr(d, "component"));
		r->pending = json_pack("{s:s, s:s, s:I}", "kind", "vuln-found", "item", what, "seq",
				       (json_int_t)ev->seq);
	}
	if (t == T_PROJECT_UPGRADE) {
		json_decref(r->upgrade);
		r->upgrade = ss_rules__data_copy(d);
	} else if (t != T_CHANGE_OPEN && r->upgrade) {
		json_decref(r->upgrade);
		r->upgrade = NULL;
	}
	if (t < 0 || !evidence[t])
		r->last_change = ev->seq;
	if (r->src && r->items_cached && t != T_ADVICE_ADD &&
	    (t < 0 || item[t] || t == T_PROJECT_UPGRADE)) {
		/* the store has the change; read from it again */
		ss_rules__items_release(&r->items);
		r->items_cached = false;
		r->lookups = 0;
	}
	if (r->src && t >= 0 && item[t])
		return;
	switch (t) {
	case T_PROJECT_CREATE: {
		bool has_v = ss_rules__dhas(d, "rules");

		if (r->created)
			return;
		r->actor.valid = false;
		r->created = true;
		r->version = has_v ? (int)ss_rules__dint(d, "rules") : 1;
		snprintf(r->vendor_org, sizeof(r->vendor_org), "%s",
			 ss_rules__dstr(d, "vendor_org"));
		r->vendor_named = r->vendor_org[0] != '\0';
		snprintf(r->catalog, sizeof(r->catalog), "%s",
			 ss_rules__dstr(d, "catalog_version"));
		set_member(r, ev->actor, ev->side, "lead");
		break;
	}
	case T_MEMBER_ADD:
		r->actor.valid = false;
		set_member(r, ss_rules__dstr(d, "person"), ss_rules__dstr(d, "side"),
			   ss_rules__dstr(d, "role"));
		break;
	case T_MEMBER_REMOVE: {
		json_t *m = ss_rules__member(r, ss_rules__dstr(d, "person"));

		r->actor.valid = false;
		if (m)
			json_object_set_new(m, "active", json_false());
		break;
	}
	case T_KEY_REGISTER:
		r->actor.valid = false;
		fold_key_register(r, ev);
		break;
	case T_KEY_REVOKE:
		r->actor.valid = false;
		fold_key_revoke(r, ev);
		break;
	case T_MILESTONE_OPEN:
	case T_MILESTONE_SIGN:
		fold_milestone(r, ev);
		break;
	case T_TIMESTAMP_ADD:
		fold_timestamp(r, ev);
		break;
	case T_MINUTES_ADD:
		r->nminutes++;
		break;
	case T_PHASE_SET:
		r->phase = ss_rules__dint(d, "phase");
		break;
	case T_CHANGE_OPEN:
		if (!json_object_get(r->changes, ss_rules__dstr(d, "id")))
			json_object_set_new(r->changes, ss_rules__dstr(d, "id"),
					    json_string("open"));
		break;
	case T_PROJECT_UPGRADE:
		snprintf(r->catalog, sizeof(r->catalog), "%s", ss_rules__dstr(d, "to"));
		break;
	case T_CHANGE_ASSESS:
		if (json_object_get(r->changes, ss_rules__dstr(d, "id")))
			json_object_set_new(r->estimates, ss_rules__dstr(d, "id"),
					    json_string(ss_rules__dstr(d, "reestimate")));
		/* fall through */
	case T_CHANGE_DECIDE:
	case T_CHANGE_CLOSE:
		change_step(r, type, d);
		break;
	case T_SBOM_ADD:
	case T_SBOM_POLICY:
	case T_VULN_NOTICE:
	case T_VULN_ANALYSIS:
	case T_VULN_DECIDE:
	case T_VULN_APPROVE:
		ss_rules__fold_sbom(r, ev, t);
		break;
	case T_CHECK_RUN:
	case T_VERIFY_RECORD:
		ss_rules__fold_accept(r, ev, t);
		break;
	default:
		if (t < 0)
			change_step(r, type, d); /* a forged type named like a step */
		else
			ss_rules__fold_negotiation(r, ev, t);
	}
	if (!r->src)
		fold_items(r, ev, t);
}

int64_t ss_rules_declined(const ss_rules *r)
{
	return r->declined;
}

/* --- reports -------------------------------------------------------------------- */

json_t *ss_rules_members(const ss_rules *r)
{
	return json_deep_copy(r->members);
}

json_t *ss_rules_keys(const ss_rules *r)
{
	json_t *out = json_array(), *f;
	size_t i;

	json_array_foreach(r->key_order, i, f) {
		const json_t *k = json_object_get(r->keys, json_string_value(f));
		json_t *one = json_pack("{s:O, s:O, s:O, s:O}", "fingerprint", f, "person",
					json_object_get(k, "person"), "public_key",
					json_object_get(k, "public_key"), "seq",
					json_object_get(k, "seq"));

		if (one && json_object_get(k, "revoked"))
			json_object_set(one, "revoked", json_object_get(k, "revoked"));
		json_array_append_new(out, one);
	}
	return out;
}

json_t *ss_rules_milestones(const ss_rules *r)
{
	json_t *out = json_array(), *n;
	size_t i;

	json_array_foreach(r->ms_order, i, n) {
		json_t *m = json_deep_copy(json_object_get(r->milestones, json_string_value(n)));

		json_object_del(m, "signers");
		json_array_append_new(out, m);
	}
	return out;
}

json_t *ss_rules_milestone_missing(const json_t *signatures, bool needs_management, bool user_only)
{
	bool user_lead = false, vendor_lead = false, mgmt = false;
	json_t *missing = json_array();
	const json_t *s;
	size_t j;

	json_array_foreach(signatures, j, s) {
		bool lead = streq(ss_js(s, "role"), "lead");

		if (!ss_js_or_null(s, "key"))
			continue; /* an agreement counts only when signed */
		if (lead && streq(ss_js(s, "side"), "user"))
			user_lead = true;
		if (lead && streq(ss_js(s, "side"), "vendor"))
			vendor_lead = true;
		if (streq(ss_js(s, "role"), "management") && streq(ss_js(s, "side"), "user"))
			mgmt = true;
	}
	if (!user_lead)
		json_array_append_new(missing, json_string("user lead"));
	if (!vendor_lead && !user_only)
		json_array_append_new(missing, json_string("vendor lead"));
	if (needs_management && !mgmt)
		json_array_append_new(missing, json_string("user management"));
	return missing;
}
