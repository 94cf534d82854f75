/*
 * The rule book's state (rules_int.h): its life, and the questions the
 * checks, the fold and the negotiation ask of it: members and keys, the
 * requirements (from the writer's store or folded), assets, and the
 * negotiation's registers. Below the checks (rules.c, negotiate.c) and the
 * fold (fold.c), above the data (data.c) and the requirements' table
 * (items.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/perm.h"
#include "rules/rules_int.h"
#include "util/util.h"
#include "util/banned.h"

ss_rules *ss_rules_new(const char *project, ss_rules_verify_fn verify, const ss_rules_source *src)
{
	ss_rules *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->project = strdup(project ? project : "");
	r->verify = verify;
	r->src = src;
	r->version = SS_RULES_VERSION;
	r->phase = 1;
	r->last_index = -1;
	ss_rules__init_types(r);
	r->members = json_object();
	r->keys = json_object();
	r->key_order = json_array();
	r->holders = json_object();
	r->milestones = json_object();
	r->ms_order = json_array();
	r->changes = json_object();
	r->assets = json_object();
	r->systems = json_object();
	r->sbom_refs = json_object();
	r->vulns = json_object();
	r->hosts = json_object();
	r->verified = json_object();
	r->last_time_known = !src;
	if (ss_rules__negotiation_init(r) < 0 || !r->assets || !r->systems || !r->project ||
	    !r->sbom_refs || !r->vulns || !r->hosts || !r->verified || !r->members || !r->keys ||
	    !r->key_order || !r->holders || !r->milestones || !r->ms_order || !r->changes) {
		ss_rules_free(r);
		return NULL;
	}
	return r;
}

void ss_rules_free(ss_rules *r)
{
	if (!r)
		return;
	free(r->project);
	json_decref(r->members);
	json_decref(r->keys);
	json_decref(r->key_order);
	json_decref(r->holders);
	json_decref(r->milestones);
	json_decref(r->ms_order);
	json_decref(r->changes);
	ss_rules__items_release(&r->items);
	json_decref(r->assets);
	json_decref(r->systems);
	json_decref(r->upgrade);
	json_decref(r->sbom_refs);
	json_decref(r->policy);
	json_decref(r->vulns);
	json_decref(r->hosts);
	json_decref(r->verified);
	ss_rules__negotiation_free(r);
	free(r);
}

int ss_rules__side_index(const char *side)
{
	return streq(side, "vendor") ? SIDE_VENDOR : SIDE_USER;
}

/* --- helpers over the state ----------------------------------------------- */

json_t *ss_rules__member(const ss_rules *r, const char *person)
{
	return json_object_get(r->members, person);
}

bool ss_rules__active(const json_t *m)
{
	return m && json_is_true(json_object_get(m, "active"));
}

bool ss_rules_has_key(const ss_rules *r, const char *person)
{
	return ss_ji(r->holders, person) > 0;
}

int ss_rules_version(const ss_rules *r)
{
	return r->version;
}

bool ss_rules_type_is_item(const char *type)
{
	static const char *const item_types[] = {"asset.set",    "system.set", "spec.draft",
						 "decision.set", "advice.add", "approval.set",
						 "threat.score", "sbom.add",   NULL};

	return ss_rules__one_of(type, item_types);
}

static int cache_item(void *ctx, const char *id, int64_t seq, const char *policy,
		      const char *decider, const char *approval, const char *hash)
{
	ss_rules *r = ctx;
	item_entry *e = ss_rules__items_put(&r->items, id);
	const char *name = e ? ss_rules__items_name(&r->items, decider) : NULL;

	if (!name)
		return ss_error_set(SS_ENOMEM, "out of memory");
	e->seq = seq;
	snprintf(e->policy, sizeof(e->policy), "%s", policy);
	e->by = name;
	snprintf(e->approval, sizeof(e->approval), "%s", approval);
	snprintf(e->content, sizeof(e->content), "%s", hash);
	return 0;
}

/* 1 and *out when id is in the specification, 0 when not, < 0 on error. */
int ss_rules__item_get(ss_rule_hit *h, ss_rules *r, const char *id, item_state *out)
{
	const item_entry *it;
	int found;

	if (r->src && !r->items_cached && r->src->items && ++r->lookups > ITEM_LOOKUPS_BULK) {
		if ((found = r->src->items(r->src->ctx, cache_item, r)) < 0) {
			ss_rules__items_release(&r->items);
			return ss_rules__source_error(h, found);
		}
		r->items_cached = true;
	}
	if (r->src && !r->items_cached) {
		memset(out, 0, sizeof(*out));
		out->by = out->by_buf;
		found = r->src->item(r->src->ctx, id, &out->seq, out->policy, sizeof(out->policy),
				     out->by_buf, sizeof(out->by_buf), out->approval,
				     sizeof(out->approval), out->hash, sizeof(out->hash));
		if (found < 0) {
			h->rule = SS_RULE_NONE;
			h->code = found;
			snprintf(h->msg, sizeof(h->msg), "%s", ss_error_last());
		}
		return found;
	}
	if (!(it = ss_rules__items_find(&r->items, id)))
		return 0;
	/* each string was cut to its field's size when stored */
	out->seq = it->seq;
	memcpy(out->policy, it->policy, sizeof(out->policy));
	out->by = it->by;
	memcpy(out->approval, it->approval, sizeof(out->approval));
	memcpy(out->hash, it->content, sizeof(out->hash));
	return 1;
}

int ss_rules__source_error(ss_rule_hit *h, int error)
{
	h->rule = SS_RULE_NONE;
	h->code = error;
	snprintf(h->msg, sizeof(h->msg), "%s", ss_error_last());
	return error;
}

int ss_rules__asset_get(const ss_rules *r, const char *id, int64_t *seq, int64_t *level)
{
	const json_t *a;

	*seq = *level = 0;
	if (r->src)
		return r->src->asset(r->src->ctx, id, seq, level);
	if (!(a = json_object_get(r->assets, id)))
		return 0;
	*seq = ss_ji(a, "seq");
	*level = ss_ji(a, "level");
	return 1;
}

/* The registers: kind names, in the order of the report. */
const char *const ss_rules_registers[] = {"candidates", "proposals", "costs",     "laws",
					  "contracts",  "retention", "diagnoses", "standards",
					  "itassets",   "network",   NULL};

int ss_rules__negotiation_init(ss_rules *r)
{
	const char *const *k;

	if (!(r->reg = json_object()) || !(r->estimates = json_object()))
		return -1;
	for (k = ss_rules_registers; *k; k++)
		if (json_object_set_new(r->reg, *k, json_object()) < 0)
			return -1;
	return 0;
}

void ss_rules__negotiation_free(ss_rules *r)
{
	json_decref(r->reg);
	json_decref(r->estimates);
	json_decref(r->vendor_nda);
	json_decref(r->selected);
	json_decref(r->ack);
	json_decref(r->rules_prop);
	json_decref(r->pending);
}
