/*
 * The document model: everything the security specification shows, read in
 * one snapshot and arranged in a fixed order. Renderers (src/render) turn it
 * into md/html/json without touching the store.
 */
#include <string.h>

#include "core/core.h"
#include "core/sbom_int.h"
#include "secspec/ledger.h"
#include "rules/rules.h"
#include "util/banned.h"

static json_t *i18n(const json_t *obj)
{
	return json_pack("{s:s, s:s}", "ja", ss_js(obj, "ja"), "en", ss_js(obj, "en"));
}

static json_t *label_map(const json_t *meta, const char *list)
{
	json_t *map = json_object();
	const json_t *e;
	size_t i;

	json_array_foreach(json_object_get(meta, list), i, e) {
		json_object_set_new(map, ss_js(e, "id"), i18n(e));
	}
	return map;
}

/* A new reference to the list body[key], or a new empty list. */
static json_t *list_of(const json_t *body, const char *key)
{
	json_t *v = json_object_get(body, key);

	return json_is_array(v) ? json_incref(v) : json_array();
}

static json_t *model_assets(const json_t *assets, const json_t *meta)
{
	json_t *out = json_array();
	const json_t *a, *q;
	size_t i, j;

	json_array_foreach(assets, i, a) {
		const json_t *kind = ss__meta_find(meta, "asset_kinds", ss_js(a, "kind"));
		const json_t *answers = json_object_get(a, "answers");
		json_t *qa = json_array(), *kl;

		if (kind) {
			kl = i18n(kind);
			json_array_foreach(json_object_get(kind, "questions"), j, q) {
				json_array_append_new(
					qa, json_pack("{s:s, s:o, s:s?}", "id", ss_js(q, "id"),
						      "question", i18n(q), "answer",
						      ss_js_or_null(answers, ss_js(q, "id"))));
			}
		} else {
			const char *k;
			json_t *v;

			kl = json_pack("{s:s, s:s}", "ja", ss_js(a, "label"), "en",
				       ss_js(a, "label"));
			json_object_foreach((json_t *)answers, k, v) {
				json_array_append_new(qa, json_pack("{s:s, s:n, s:O}", "id", k,
								    "question", "answer", v));
			}
		}
		json_array_append_new(
			out,
			json_pack(
				"{s:O, s:O, s:o, s:O, s:O, s:O, s:o, s:{s:O, s:O, s:O, s:O}, "
				"s:O}",
				"id", json_object_get(a, "id"), "kind", json_object_get(a, "kind"),
				"kind_label", kl, "name", json_object_get(a, "name"), "system",
				json_object_get(a, "system"), "devices",
				json_object_get(a, "devices"), "answers", qa, "impact", "duration",
				json_object_get(a, "duration"), "reach",
				json_object_get(a, "reach"), "damage", json_object_get(a, "damage"),
				"trust", json_object_get(a, "trust"), "level",
				json_object_get(a, "level")));
	}
	return out;
}

struct req_ctx {
	json_t *out;    /* the requirements */
	json_t *advice; /* item -> [advice] */
	int64_t counts[10];
};

enum { C_OPEN, C_IMPL, C_ACC, C_ALT, C_NA, C_APPR, C_REJ, C_PEND, C_ALL, C_EXIST };

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void rules3_field(json_t *obj, const char *key, const char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
}

static int one_requirement(void *vctx, const ss_req_row *r)
{
	struct req_ctx *c = vctx;
	json_t *doc = json_loads(r->doc, 0, NULL), *req, *adv;

	if (!doc)
		return ss_error_set(SS_ECORRUPT, "catalog item %s: stored summary is not JSON",
				    r->id);
	req = json_pack("{s:s, s:s, s:s, s:s, s:b, s:{s:s, s:s}, s:{s:s, s:s}, s:b, s:{s:I, s:I}, "
			"s:o, s:o, s:o, s:o, s:s, s:s}",
			"id", r->id, "section", r->section, "platform", r->platform, "category",
			r->category, "default", r->is_default != 0, "title", "ja", r->title_ja,
			"en", r->title_en, "mitigation", "ja", r->mitigation_ja, "en",
			r->mitigation_en, "important", r->incident == 3 && r->ease == 3, "scores",
			"incident", (json_int_t)r->incident, "ease", (json_int_t)r->ease,
			"settings", list_of(doc, "settings"), "attack", list_of(doc, "attack"),
			"cwe", list_of(doc, "cwe"), "asvs", list_of(doc, "asvs"), "status",
			r->status, "item_hash", r->item_hash);
	json_decref(doc);
	if (!req)
		return ss_error_set(SS_ENOMEM, "out of memory");
	c->counts[C_ALL]++;
	if (strcmp(r->status, "decided") == 0 && r->policy) {
		const char *p = r->policy;

		json_object_set_new(
			req, "decision",
			json_pack("{s:s, s:o, s:o, s:o, s:I, s:o, s:o, s:I}", "policy", p, "reason",
				  str_or_null(r->reason), "alternative",
				  str_or_null(r->alternative), "review_by",
				  str_or_null(r->review_by), "level", (json_int_t)r->level, "by",
				  str_or_null(r->decided_by), "at", str_or_null(r->decided_at),
				  "seq", (json_int_t)r->decision_seq));
		c->counts[strcmp(p, "implement") == 0     ? C_IMPL
			  : strcmp(p, "accept") == 0      ? C_ACC
			  : strcmp(p, "alternative") == 0 ? C_ALT
			  : strcmp(p, "existing") == 0    ? C_EXIST
							  : C_NA]++;
		/* rules 3: only what was recorded, so that the decisions of
		 * earlier projects read as they were signed */
		rules3_field(json_object_get(req, "decision"), "scenario", r->scenario);
		rules3_field(json_object_get(req, "decision"), "owner", r->owner);
		rules3_field(json_object_get(req, "decision"), "duty", r->duty);
		rules3_field(json_object_get(req, "decision"), "evidence", r->evidence);
		if (strcmp(p, "accept") == 0 || strcmp(p, "alternative") == 0) {
			json_object_set_new(req, "approval",
					    json_pack("{s:s, s:o, s:o, s:o}", "state", r->approval,
						      "by", str_or_null(r->approved_by), "at",
						      str_or_null(r->approved_at), "note",
						      str_or_null(r->approval_note)));
			c->counts[strcmp(r->approval, "approved") == 0   ? C_APPR
				  : strcmp(r->approval, "rejected") == 0 ? C_REJ
									 : C_PEND]++;
		}
	} else {
		c->counts[C_OPEN]++;
	}
	adv = json_object_get(c->advice, r->id);
	json_object_set_new(req, "advice", adv ? json_incref(adv) : json_array());
	json_array_append_new(c->out, req);
	return 0;
}

static int model_requirements(json_t **out, ss_store *st, int64_t pid, const char *version,
			      const json_t *advice, json_t *summary)
{
	static const char *const names[] = {
		"open",     "implement", "accept",           "alternative", "na",
		"approved", "rejected",  "pending_approval", "requirements"};
	struct req_ctx c = {json_array(), json_object(), {0}};
	const json_t *ad;
	size_t i;
	int error;

	/* advice grouped by item, in log order */
	json_array_foreach(advice, i, ad) {
		json_t *list = json_object_get(c.advice, ss_js(ad, "item_id"));

		if (!list) {
			list = json_array();
			json_object_set_new(c.advice, ss_js(ad, "item_id"), list);
		}
		json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:O}", "seq",
						      json_object_get(ad, "seq"), "by",
						      json_object_get(ad, "person"), "at",
						      json_object_get(ad, "time"), "note",
						      json_object_get(ad, "note")));
	}
	error = ss_state_requirements_each(st, pid, version, one_requirement, &c);
	for (i = 0; i < 9; i++)
		json_object_set_new(summary, names[i], json_integer(c.counts[i]));
	if (c.counts[C_EXIST] > 0) /* rules 3 */
		json_object_set_new(summary, "existing", json_integer(c.counts[C_EXIST]));
	json_decref(c.advice);
	if (error < 0) {
		json_decref(c.out);
		return error;
	}
	*out = c.out;
	return 0;
}

/* The fingerprints of each member's keys that stand, so that the document
 * the parties sign names the keys that may sign for each person. */
static int member_keys(json_t *members, ss_store *st, int64_t pid)
{
	json_t *keys = NULL, *k, *m;
	size_t i, j;
	int error;

	if ((error = ss_state_keys(&keys, st, pid)) < 0)
		return error;
	json_array_foreach(members, i, m) {
		json_t *list = NULL;

		json_array_foreach(keys, j, k) {
			if (!ss_ji(k, "active") ||
			    strcmp(ss_js(k, "person"), ss_js(m, "person")) != 0)
				continue;
			if (!list)
				list = json_array();
			json_array_append(list, json_object_get(k, "fingerprint"));
		}
		if (list)
			json_object_set_new(m, "keys", list);
	}
	json_decref(keys);
	return 0;
}

/* Whether the negotiation holds anything a document shows. */
static bool negotiation_shown(const json_t *neg)
{
	const json_t *v = json_object_get(neg, "vendor");
	const char *const *l;

	for (l = ss_rules_registers; *l; l++)
		if (json_array_size(json_object_get(neg, *l)) > 0)
			return true;
	return json_is_object(json_object_get(v, "nda")) ||
	       json_is_object(json_object_get(v, "selected")) ||
	       json_is_object(json_object_get(neg, "acknowledgement")) ||
	       json_is_object(json_object_get(neg, "rules_proposal"));
}

/* The important threats (incident 3 and ease 3, after the project's own
 * scores) the project's requirements answer, each with the catalog's reason
 * and the state of the items that hinder it. */
static int important_threats(json_t *model, ss_store *st, int64_t pid, const char *version)
{
	json_t *reqs = NULL, *cov = NULL, *list = json_array(), *t;
	size_t i;
	int error;

	if ((error = ss_state_requirements(&reqs, st, pid, version, NULL, NULL, NULL, NULL)) < 0 ||
	    (error = ss__coverage(&cov, st, pid, version, reqs, false)) < 0)
		goto out;
	json_array_foreach(cov, i, t) {
		if (json_is_true(json_object_get(t, "important")))
			json_array_append(list, t);
	}
	json_object_set(model, "threats", list);
out:
	json_decref(reqs);
	json_decref(cov);
	json_decref(list);
	return error;
}

int ss_spec_model(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *proj = NULL, *meta = NULL, *version = NULL, *members = NULL;
	json_t *assets = NULL, *systems = NULL, *advice = NULL, *neg = NULL;
	json_t *model = NULL, *summary = json_object(), *rq = NULL, *cur = NULL, *agreements = NULL;
	bool began = false;
	const char *cv;
	int64_t pid;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_spec_model: NULL argument");
	/* one snapshot: the document and its head hash describe the same state */
	if ((error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss__project_read(&key, &proj, st, project)) < 0)
		goto out;
	pid = ss_ji(key, "id");
	cv = ss_js(proj, "catalog_version");
	if ((error = ss__catalog_meta(&meta, st, cv)) < 0 ||
	    (error = ss_cstore_version_get(&version, st, cv)) < 0 ||
	    (error = ss_state_members(&members, st, pid)) < 0 ||
	    (error = ss_state_assets(&assets, st, pid)) < 0 ||
	    (error = ss_state_systems(&systems, st, pid)) < 0 ||
	    (error = ss_state_advice(&advice, st, pid)) < 0 ||
	    (error = ss__milestones(&agreements, st, pid)) < 0 ||
	    (error = ss__negotiation(&neg, st, pid, project, ss_ji(key, "head_seq"))) < 0)
		goto out;
	ss__bool_field(members, "active", "active");
	/* documents of projects under rules 2 name the signing keys; those of
	 * earlier projects stay as they were signed */
	if ((ss_ji(proj, "rules") >= 2 && (error = member_keys(members, st, pid)) < 0) ||
	    (error = model_requirements(&rq, st, pid, cv, advice, summary)) < 0)
		goto out;
	cur = ss__phase_step((int)ss_ji(proj, "phase"));
	model = json_pack(
		"{s:s, s:{s:s, s:O, s:O, s:O, s:O, s:{s:O, s:O}, s:O, s:O, s:O}, "
		"s:{s:O, s:O, s:O}, s:{s:o, s:o, s:o, s:o, s:o}, s:O, s:O, s:o, s:O, s:o, s:o, "
		"s:O}",
		"format", "secspec-spec/1", "project", "name", project, "user_org",
		json_object_get(proj, "user_org"), "vendor_org",
		json_object_get(proj, "vendor_org"), "phase", json_object_get(proj, "phase"),
		"catalog_version", json_object_get(proj, "catalog_version"), "catalog_title", "ja",
		json_object_get(version, "title_ja"), "en", json_object_get(version, "title_en"),
		"catalog_hash", json_object_get(version, "content_hash"), "events",
		json_object_get(key, "head_seq"), "head", json_object_get(key, "head_hash"), "step",
		"step", json_object_get(cur, "step"), "stage", json_object_get(cur, "stage"),
		"name", json_object_get(cur, "name"), "labels", "sections",
		label_map(meta, "sections"), "platforms", label_map(meta, "platforms"),
		"categories", label_map(meta, "categories"), "asset_kinds",
		label_map(meta, "asset_kinds"), "impact_axes", label_map(meta, "impact_axes"),
		"impact_axes", json_object_get(meta, "impact_axes"), "members", members, "assets",
		model_assets(assets, meta), "systems", systems, "summary", summary, "requirements",
		rq, "agreements", agreements);
	rq = NULL;
	summary = NULL;
	if (!model) {
		error = ss_error_set(SS_ENOMEM, "out of memory building the document model");
		goto out;
	}
	/* the negotiation (rules 3) is in the documents of projects under rules
	 * 3, and of others only once it holds something: the document of a
	 * project without it reads exactly as it was signed */
	if (ss_ji(proj, "rules") >= 3 || negotiation_shown(neg)) {
		json_object_set_new(model, "negotiation", neg);
		neg = NULL;
	}
	/* the components and their vulnerabilities (rules 5), in documents of
	 * projects that have them */
	{
		json_t *comps = NULL;

		if ((error = ss__model_components(&comps, st, pid, project,
						  ss_ji(key, "head_seq"))) < 0) {
			json_decref(model);
			goto out;
		}
		if (comps)
			json_object_set_new(model, "components", comps);
	}
	/* a catalog that scores each threat once (format 2) names the important
	 * ones; documents on earlier catalogs read as they were signed */
	if (json_object_get(meta, "threats") &&
	    (error = important_threats(model, st, pid, cv)) < 0) {
		json_decref(model);
		goto out;
	}
	*out = model;
out:
	json_decref(key);
	json_decref(proj);
	json_decref(meta);
	json_decref(version);
	json_decref(members);
	json_decref(assets);
	json_decref(systems);
	json_decref(advice);
	json_decref(neg);
	json_decref(cur);
	json_decref(rq);
	json_decref(agreements);
	json_decref(summary);
	ss_store__read_end(st, began);
	return error;
}

/* --- the view of one reader (render --for) -------------------------------- */

/* A JSON string of a and b joined (the names of withheld fields). */
static json_t *withheld_name(const char *a, const char *b)
{
	char name[64];

	snprintf(name, sizeof(name), "%s%s", a, b);
	return json_string(name);
}

/* Set obj[key] to null where obj has it. */
static void withhold(json_t *obj, const char *key)
{
	if (json_object_get(obj, key))
		json_object_set_new(obj, key, json_null());
}

/* Rules 5: the fields of IT assets and network records withheld (the
 * user's configuration: what runs where, in which version, how it is
 * reached and where sensitive data lies). */
static const char *const itasset_withheld[] = {"name",    "version", "config", "revision",
					       "network", "note",    NULL};
static const char *const network_withheld[] = {"detail",    "protocols", "address", "auth",
					       "encrypted", "storage",   NULL};

/* The details an RFP discloses only under an NDA: of information assets,
 * systems and the negotiation's proposals (components in their versions). */
static const char *const asset_withheld[] = {"name", "devices", "answers", NULL};
static const char *const system_withheld[] = {"devices", "measures", "legacy", "compensating",
					      NULL};
static const char *const proposal_withheld[] = {"component", "version", NULL};

static void withhold_all(json_t *list, const char *const *fields)
{
	json_t *e;
	size_t i;
	const char *const *f;

	json_array_foreach(list, i, e)
		for (f = fields; *f; f++)
			withhold(e, *f);
}

/* What is withheld from a reader without an NDA: the details an RFP
 * discloses only under one (information assets, IT assets, the network). */
static void withhold_details(json_t *model)
{
	json_t *neg = json_object_get(model, "negotiation");

	withhold_all(json_object_get(model, "assets"), asset_withheld);
	withhold_all(json_object_get(model, "systems"), system_withheld);
	withhold_all(json_object_get(neg, "proposals"), proposal_withheld);
	/* rules 5: the IT assets and the network configuration */
	withhold_all(json_object_get(neg, "itassets"), itasset_withheld);
	withhold_all(json_object_get(neg, "network"), network_withheld);
}

/* The log's view of the same: per event type, the data fields withheld
 * (NULL-terminated lists; check.run's results are handled apart). */
static const char *const run_withheld[] = {"path", "note", NULL};
static const char *const verify_withheld[] = {"detail", NULL};
static const struct {
	const char *type;
	const char *const *fields;
} event_withheld[] = {
	{"asset.set", asset_withheld},       {"system.set", system_withheld},
	{"proposal.add", proposal_withheld}, {"itasset.set", itasset_withheld},
	{"network.set", network_withheld},   {"check.run", run_withheld},
	{"verify.record", verify_withheld},
};

int ss_log_withhold(json_t *log)
{
	json_t *e, *r;
	size_t i, j, k;

	if (!log)
		return ss_error_set(SS_EINVAL, "ss_log_withhold: NULL argument");
	json_array_foreach(json_object_get(log, "events"), i, e) {
		json_t *data = json_object_get(e, "data"), *names = NULL;
		const char *type = ss_js(e, "type");
		const char *const *f = NULL;

		for (k = 0; k < sizeof(event_withheld) / sizeof(event_withheld[0]); k++)
			if (strcmp(type, event_withheld[k].type) == 0)
				f = event_withheld[k].fields;
		if (!f || !json_is_object(data))
			continue;
		if (!(names = json_array()))
			return ss_error_set(SS_ENOMEM, "out of memory");
		for (; *f; f++)
			if (json_object_get(data, *f)) {
				json_object_set_new(data, *f, json_null());
				json_array_append_new(names, json_string(*f));
			}
		if (strcmp(type, "check.run") == 0) {
			json_array_foreach(json_object_get(data, "results"), j, r) {
				withhold(r, "seen");
				withhold(r, "expected");
			}
			json_array_append_new(names, json_string("results.seen"));
			json_array_append_new(names, json_string("results.expected"));
		}
		if (json_array_size(names))
			json_object_set_new(e, "withheld", names);
		else
			json_decref(names);
	}
	if (json_object_set_new(log, "withheld", json_pack("{s:s}", "until", "nda")) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

/* A candidate sees its own record of the selection, not its competitors'. */
static void candidate_only(json_t *model, const char *id)
{
	/* what the chosen vendor's people record: proposals, prices, contract
	 * terms, diagnoses */
	static const char *const vendor_lists[] = {"proposals", "costs", "contracts", "diagnoses",
						   NULL};
	json_t *neg = json_object_get(model, "negotiation");
	json_t *list = json_object_get(neg, "candidates"), *vendor = json_object_get(neg, "vendor");
	json_t *members, *rq;
	const char *const *l;
	size_t i = json_array_size(list);

	while (i-- > 0) {
		if (strcmp(ss_js(json_array_get(list, i), "id"), id) != 0)
			json_array_remove(list, i);
	}
	if (!json_is_object(json_object_get(vendor, "selected")) ||
	    strcmp(ss_js(json_object_get(vendor, "selected"), "candidate"), id) == 0)
		return;
	/* another candidate was chosen: who, its people and what they recorded
	 * (proposals, prices, contract terms, advice, signatures) are not this
	 * candidate's business */
	json_object_set_new(vendor, "selected", json_null());
	json_object_set_new(vendor, "nda", json_null());
	json_object_set_new(vendor, "org", json_string(""));
	json_object_set_new(json_object_get(model, "project"), "vendor_org", json_string(""));
	members = json_object_get(model, "members");
	i = json_array_size(members);
	while (i-- > 0) {
		if (strcmp(ss_js(json_array_get(members, i), "side"), "vendor") == 0)
			json_array_remove(members, i);
	}
	for (l = vendor_lists; *l; l++)
		if (json_object_get(neg, *l))
			json_object_set_new(neg, *l, json_array());
	if (json_object_get(model, "agreements"))
		json_object_set_new(model, "agreements", json_array());
	json_array_foreach(json_object_get(model, "requirements"), i, rq) {
		if (json_object_get(rq, "advice"))
			json_object_set_new(rq, "advice", json_array());
	}
}

/* Whether an NDA record is in force on today (a UTC time): signed, and not
 * expired. A view follows the day it is made, as a selection follows its
 * own (vendor-nda). */
static bool nda_in_force(const json_t *nda, const char *today)
{
	char day[11];

	if (!json_is_object(nda))
		return false;
	snprintf(day, sizeof(day), "%.10s", today);
	return strcmp(ss_js(nda, "date"), day) <= 0 &&
	       (!ss_js_or_null(nda, "expires") || strcmp(ss_js(nda, "expires"), day) >= 0);
}

int ss_spec_model_redact(json_t *model, const char *viewer)
{
	const json_t *neg, *who;
	const char *const *f;
	char today[SS_TIME_MAX];
	json_t *list;
	bool nda;
	int error;

	if (!model || !viewer)
		return ss_error_set(SS_EINVAL, "ss_spec_model_redact: NULL argument");
	if ((error = ss_time_now(today)) < 0)
		return error;
	neg = json_object_get(model, "negotiation");
	if (strncmp(viewer, "candidate:", 10) == 0) {
		who = ss_json_find_by(json_object_get(neg, "candidates"), "id", viewer + 10);
		if (!who)
			return ss_error_set(SS_ENOTFOUND,
					    "--for %.80s: no such vendor candidate is recorded in "
					    "this project",
					    viewer);
		nda = nda_in_force(json_object_get(who, "nda"), today);
		candidate_only(model, viewer + 10);
	} else {
		who = ss_json_find_by(json_object_get(model, "members"), "person", viewer);
		if (!who)
			return ss_error_set(SS_ENOTFOUND,
					    "--for %.80s: not a member of this project (a vendor "
					    "candidate is named candidate:ID)",
					    viewer);
		/* the user side owns the details it discloses */
		if (strcmp(ss_js(who, "side"), "user") == 0)
			return 0;
		nda = nda_in_force(json_object_get(json_object_get(neg, "vendor"), "nda"), today);
	}
	if (nda)
		return 0;
	withhold_details(model);
	if (!(list = json_array()))
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (f = asset_withheld; *f; f++)
		json_array_append_new(list, withheld_name("assets.", *f));
	for (f = system_withheld; *f; f++)
		json_array_append_new(list, withheld_name("systems.", *f));
	for (f = proposal_withheld; *f; f++)
		json_array_append_new(list, withheld_name("proposals.", *f));
	/* rules 5: named only in the views of projects that have them, so that
	 * the view of another reads as it did */
	if (json_array_size(json_object_get(neg, "itassets")) > 0)
		for (f = itasset_withheld; *f; f++)
			json_array_append_new(list, withheld_name("itassets.", *f));
	if (json_array_size(json_object_get(neg, "network")) > 0)
		for (f = network_withheld; *f; f++)
			json_array_append_new(list, withheld_name("network.", *f));
	if (json_object_set_new(model, "withheld",
				json_pack("{s:s, s:s, s:o}", "for", viewer, "until", "nda",
					  "fields", list)) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

int ss_project_discloses(bool *out, ss_store *st, const char *project, const char *person)
{
	json_t *members = NULL, *neg = NULL;
	const json_t *who;
	char today[SS_TIME_MAX];
	int error;

	if (!out || !st || !person)
		return ss_error_set(SS_EINVAL, "ss_project_discloses: NULL argument");
	if ((error = ss_member_list(&members, st, project)) < 0)
		return error;
	who = ss_json_find_by(members, "person", person);
	if (!who) {
		error = ss_error_set(SS_ENOTFOUND, "%.80s is not a member of %.80s", person,
				     project);
		goto out;
	}
	/* the same test as ss_spec_model_redact's */
	if (strcmp(ss_js(who, "side"), "user") == 0) {
		*out = true;
		goto out;
	}
	if ((error = ss_time_now(today)) < 0 ||
	    (error = ss_negotiation_show(&neg, st, project)) < 0)
		goto out;
	*out = nda_in_force(json_object_get(json_object_get(neg, "vendor"), "nda"), today);
out:
	json_decref(members);
	json_decref(neg);
	return error;
}
