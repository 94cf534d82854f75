/*
 * The document model: everything the security specification shows, read in
 * one snapshot and arranged in a fixed order. Renderers (src/render) turn it
 * into md/html/json without touching the store.
 */
#include <string.h>

#include "core/core.h"
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

			kl = json_pack("{s:s, s:s}", "ja", ss_js(a, "label"), "en", ss_js(a, "label"));
			json_object_foreach((json_t *)answers, k, v) {
				json_array_append_new(qa, json_pack("{s:s, s:n, s:O}", "id", k,
								    "question", "answer", v));
			}
		}
		json_array_append_new(
			out, json_pack("{s:O, s:O, s:o, s:O, s:O, s:O, s:o, s:{s:O, s:O, s:O, s:O}, "
				       "s:O}",
				       "id", json_object_get(a, "id"), "kind",
				       json_object_get(a, "kind"), "kind_label", kl, "name",
				       json_object_get(a, "name"), "system",
				       json_object_get(a, "system"), "devices",
				       json_object_get(a, "devices"), "answers", qa, "impact",
				       "duration", json_object_get(a, "duration"), "reach",
				       json_object_get(a, "reach"), "damage",
				       json_object_get(a, "damage"), "trust",
				       json_object_get(a, "trust"), "level",
				       json_object_get(a, "level")));
	}
	return out;
}

static json_t *model_requirements(ss_store *st, const json_t *reqs, const json_t *items,
				  const json_t *advice, json_t *summary, int *err)
{
	json_t *out = json_array(), *by_item = json_object(), *item_by_id = json_object();
	const json_t *r, *ad;
	size_t i;
	int64_t n_impl = 0, n_acc = 0, n_alt = 0, n_na = 0, n_open = 0;
	int64_t n_appr = 0, n_rej = 0, n_pend = 0;

	*err = 0;
	json_array_foreach(items, i, ad) {
		json_object_set(item_by_id, ss_js(ad, "id"), (json_t *)ad);
	}
	/* advice grouped by item, in log order */
	json_array_foreach(advice, i, ad) {
		json_t *list = json_object_get(by_item, ss_js(ad, "item_id"));

		if (!list) {
			list = json_array();
			json_object_set_new(by_item, ss_js(ad, "item_id"), list);
		}
		json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:O}", "seq",
						      json_object_get(ad, "seq"), "by",
						      json_object_get(ad, "person"), "at",
						      json_object_get(ad, "time"), "note",
						      json_object_get(ad, "note")));
	}
	json_array_foreach(reqs, i, r) {
		const char *id = ss_js(r, "id"), *policy = ss_js(r, "policy");
		const json_t *it = json_object_get(item_by_id, id);
		json_t *body = NULL, *req, *adv;

		if (it)
			body = json_loads(ss_js(it, "body"), 0, NULL);
		if (!body) {
			*err = ss_error_set(SS_ECORRUPT, "catalog item %s is missing or unreadable",
					    id);
			break;
		}
		adv = json_object_get(by_item, id);
		req = json_pack(
			"{s:s, s:O, s:O, s:O, s:b, s:O, s:O, s:b, s:{s:O, s:O}, s:o, s:o, s:o, s:o, "
			"s:O, s:O}",
			"id", id, "section", json_object_get(r, "section"), "platform",
			json_object_get(r, "platform"), "category", json_object_get(r, "category"),
			"default", ss_ji(r, "is_default") != 0, "title", json_object_get(body, "title"),
			"mitigation", json_object_get(body, "mitigation"),
			"important", ss_ji(r, "incident") == 3 && ss_ji(r, "ease") == 3, "scores",
			"incident", json_object_get(r, "incident"), "ease", json_object_get(r, "ease"),
			"settings", list_of(body, "settings"), "attack", list_of(body, "attack"), "cwe",
			list_of(body, "cwe"), "asvs", list_of(body, "asvs"),
			"status", json_object_get(r, "status"), "item_hash",
			json_object_get(r, "item_hash"));
		if (strcmp(ss_js(r, "status"), "decided") == 0) {
			json_object_set_new(
				req, "decision",
				json_pack("{s:s, s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "policy", policy,
					  "reason", json_object_get(r, "reason"), "alternative",
					  json_object_get(r, "alternative"), "review_by",
					  json_object_get(r, "review_by"), "level",
					  json_object_get(r, "level_at_decision"), "by",
					  json_object_get(r, "decided_by"), "at",
					  json_object_get(r, "decided_at"), "seq",
					  json_object_get(r, "decision_seq")));
			if (strcmp(policy, "implement") == 0)
				n_impl++;
			else if (strcmp(policy, "accept") == 0)
				n_acc++;
			else if (strcmp(policy, "alternative") == 0)
				n_alt++;
			else
				n_na++;
			if (strcmp(policy, "accept") == 0 || strcmp(policy, "alternative") == 0) {
				const char *ap = ss_js(r, "approval");

				json_object_set_new(
					req, "approval",
					json_pack("{s:s, s:O, s:O, s:O}", "state", ap, "by",
						  json_object_get(r, "approved_by"), "at",
						  json_object_get(r, "approved_at"), "note",
						  json_object_get(r, "approval_note")));
				if (strcmp(ap, "approved") == 0)
					n_appr++;
				else if (strcmp(ap, "rejected") == 0)
					n_rej++;
				else
					n_pend++;
			}
		} else {
			n_open++;
		}
		json_object_set_new(req, "advice", adv ? json_incref(adv) : json_array());
		json_array_append_new(out, req);
		json_decref(body);
	}
	json_object_set_new(summary, "requirements", json_integer((json_int_t)json_array_size(reqs)));
	json_object_set_new(summary, "open", json_integer(n_open));
	json_object_set_new(summary, "implement", json_integer(n_impl));
	json_object_set_new(summary, "accept", json_integer(n_acc));
	json_object_set_new(summary, "alternative", json_integer(n_alt));
	json_object_set_new(summary, "na", json_integer(n_na));
	json_object_set_new(summary, "approved", json_integer(n_appr));
	json_object_set_new(summary, "rejected", json_integer(n_rej));
	json_object_set_new(summary, "pending_approval", json_integer(n_pend));
	json_decref(by_item);
	json_decref(item_by_id);
	(void)st;
	return out;
}

int ss_spec_model(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *proj = NULL, *meta = NULL, *version = NULL, *members = NULL;
	json_t *assets = NULL, *systems = NULL, *reqs = NULL, *items = NULL, *advice = NULL;
	json_t *model = NULL, *summary = json_object(), *rq, *cur = NULL;
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
	    (error = ss_state_requirements(&reqs, st, pid, cv, NULL, NULL, NULL, NULL)) < 0 ||
	    (error = ss_cstore_items(&items, st, cv, NULL, NULL, NULL, NULL, 1)) < 0 ||
	    (error = ss_state_advice(&advice, st, pid)) < 0)
		goto out;
	ss__bool_field(members, "active", "active");
	rq = model_requirements(st, reqs, items, advice, summary, &error);
	if (error < 0) {
		json_decref(rq);
		goto out;
	}
	cur = ss__phase_step((int)ss_ji(proj, "phase"));
	model = json_pack(
		"{s:s, s:{s:s, s:O, s:O, s:O, s:O, s:{s:O, s:O}, s:O, s:O, s:O}, "
		"s:{s:O, s:O, s:O}, s:{s:o, s:o, s:o, s:o, s:o}, s:O, s:O, s:o, s:O, s:o, s:o}",
		"format", "secspec-spec/1", "project", "name", project, "user_org",
		json_object_get(proj, "user_org"), "vendor_org", json_object_get(proj, "vendor_org"),
		"phase", json_object_get(proj, "phase"), "catalog_version",
		json_object_get(proj, "catalog_version"), "catalog_title", "ja",
		json_object_get(version, "title_ja"), "en", json_object_get(version, "title_en"),
		"catalog_hash", json_object_get(version, "content_hash"), "events",
		json_object_get(key, "head_seq"), "head", json_object_get(key, "head_hash"),
		"step", "step", json_object_get(cur, "step"), "stage", json_object_get(cur, "stage"),
		"name", json_object_get(cur, "name"), "labels", "sections",
		label_map(meta, "sections"), "platforms", label_map(meta, "platforms"),
		"categories", label_map(meta, "categories"), "asset_kinds",
		label_map(meta, "asset_kinds"), "impact_axes", label_map(meta, "impact_axes"),
		"impact_axes", json_object_get(meta, "impact_axes"), "members", members, "assets",
		model_assets(assets, meta), "systems", systems, "summary", summary, "requirements",
		rq);
	summary = NULL;
	if (!model) {
		error = ss_error_set(SS_ENOMEM, "out of memory building the document model");
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
	json_decref(reqs);
	json_decref(items);
	json_decref(advice);
	json_decref(cur);
	json_decref(summary);
	ss_store__read_end(st, began);
	return error;
}
