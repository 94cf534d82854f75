/*
 * The completeness and evidence rules of the process. Each rule has a stable
 * id, a severity and a documented meaning (docs/lint-rules.md). Findings come
 * out in a fixed order: project-level rules first, then items in catalog
 * order, each item's findings in rule-table order.
 */
#include <string.h>

#include "core/core.h"
#include "util/banned.h"

typedef enum {
	R_NOT_DRAFTED,
	R_DEFAULT_UNDECIDED,
	R_DEFAULT_REASON,
	R_NONDEFAULT_REASON,
	R_ALTERNATIVE_MISSING,
	R_ADVICE_MISSING,
	R_ACCEPT_APPROVAL,
	R_ACCEPT_REJECTED,
	R_L3_OPEN,
	R_ACCEPT_REVIEW_DUE,
	R_NONDEFAULT_OPEN,
	R_ASSET_UNANSWERED,
	R_SYSTEM_NO_MEASURE,
	R_NO_ASSETS,
	R_CHANGE_OPEN,
	R_DECISION_STALE,
	R_THREAT_UNCOVERED,
	/* rules 3: the negotiation */
	R_PROPOSAL_UNANSWERED,
	R_PROPOSAL_DEFERRED,
	R_SCENARIO_MISSING,
	R_COST_UNAPPROVED,
	R_RETENTION_MISSING,
	R_LAW_REVIEW_DUE,
	R_ACK_MISSING,
	R_CONTRACT_UNAGREED,
	R_STANDARD_NA,
	R_COUNT
} rule_id;

static const struct {
	/* fix: English, marked for translation where it is shown */
	const char *id, *severity, *ja, *en, *fix;
} rules[R_COUNT] = {
	[R_NOT_DRAFTED] = {"not-drafted", "error", "仕様書の素案が作成されていない",
			   "the specification has not been drafted",
			   N_("run 'secspec spec draft PROJECT --by LEAD'")},
	[R_DEFAULT_UNDECIDED] =
		{"default-undecided", "error",
		 "デフォルト緩和策が未決定（ユーザーが決定するまで仕様書は完成しない）",
		 "a minimum default mitigation has no decision: the specification is "
		 "not complete until the user decides it",
		 N_("the user side decides: secspec decide PROJECT ITEM --policy ...")},
	[R_DEFAULT_REASON] = {"default-reason", "error",
			      "実装しないデフォルト緩和策にユーザーの理由がない（実装しないことは、"
			      "システム提供者であるユーザーの過失と判断され得る）",
			      "a default mitigation the user chose not to implement has no reason "
			      "from the user (not implementing one can be judged negligence of the "
			      "system provider, the user)",
			      N_("decide again with --reason giving the user's reason")},
	[R_NONDEFAULT_REASON] =
		{"nondefault-reason", "error", "実装しない緩和策にユーザーの理由がない",
		 "a mitigation the user chose to leave out has no reason from the user",
		 N_("decide again with --reason giving the user's reason")},
	[R_ALTERNATIVE_MISSING] = {"alternative-missing", "error",
				   "他の対策による緩和の内容が書かれていない",
				   "an alternative mitigation is not described",
				   N_("decide again with --alternative describing the measure")},
	[R_ADVICE_MISSING] = {"advice-missing", "error",
			      "デフォルト以外の緩和策にベンダーの助言がない",
			      "a mitigation outside the defaults lacks the vendor's advice",
			      N_("the vendor advises: secspec advise PROJECT ITEM --note ...")},
	[R_ACCEPT_APPROVAL] =
		{"accept-approval", "error", "リスク受容・代替策に経営陣の承認がない",
		 "a risk acceptance or alternative lacks management approval",
		 N_("management approves: secspec approve PROJECT ITEM --by MANAGER")},
	[R_ACCEPT_REJECTED] = {"accept-rejected", "error", "リスク受容・代替策が経営陣に却下された",
			       "management rejected the risk acceptance or alternative",
			       N_("the user side decides the item again")},
	[R_L3_OPEN] =
		{"l3-open", "error", "影響レベルL3のシステムに必要な緩和策が未決定",
		 "a mitigation an L3 system needs is still open",
		 N_("decide the item: it is an important threat or in a policy of an L3 system")},
	[R_ACCEPT_REVIEW_DUE] = {"accept-review-due", "warning",
				 "リスク受容の再審査期限を過ぎている",
				 "a risk acceptance is past its re-review date",
				 N_("review it and decide again with a new --review-by")},
	[R_NONDEFAULT_OPEN] = {"nondefault-open", "warning", "デフォルト以外の緩和策が未決定",
			       "a mitigation outside the defaults is still open",
			       N_("decide it, or mark it na with a reason")},
	[R_ASSET_UNANSWERED] = {"asset-unanswered", "warning",
				"情報資産の確認すべき項目に未回答がある",
				"an asset leaves questions of its kind unanswered",
				N_("add the asset again with --answer ID=TEXT and --supersede")},
	[R_SYSTEM_NO_MEASURE] = {"system-no-measure", "warning",
				 "L2以上の対象システムに実施対策（方針と実装方法）がない",
				 "a system at L2 or above has no policy and implementation",
				 N_("add the system again with --measure POLICY=IMPLEMENTATION "
				    "--supersede")},
	[R_NO_ASSETS] = {"no-assets", "warning", "情報資産のリスク評価がない",
			 "no assets have been assessed",
			 N_("record assets with 'secspec asset add'")},
	[R_CHANGE_OPEN] = {"change-open", "error", "変更要求が完了していない",
			   "a change request is not closed",
			   N_("assess, decide and close it: secspec change assess|decide|close")},
	[R_DECISION_STALE] = {"decision-stale", "error", "決定後にガイドラインの項目が変更された",
			      "the item changed in the catalog after it was decided",
			      N_("review the new text and decide the item again")},
	[R_THREAT_UNCOVERED] = {"threat-uncovered", "error",
				"重要な脅威（実績3・容易さ3）を実装・代替策で防ぐ項目がない",
				"an important threat (incident 3, ease 3) has no item implemented "
				"or mitigated otherwise",
				N_("implement an item that counters it, or record an alternative")},
	[R_PROPOSAL_UNANSWERED] =
		{"proposal-unanswered", "error", "カタログ外の提案・警告にユーザーの回答がない",
		 "a proposal or warning outside the catalog has no answer from the "
		 "user",
		 N_("the user side answers it: adopt, or decline or defer with a "
		    "reason")},
	[R_PROPOSAL_DEFERRED] =
		{"proposal-deferred", "warning", "カタログ外の提案・警告の回答が保留のまま",
		 "a proposal or warning outside the catalog is deferred",
		 N_("answer it again (adopt or decline), superseding the deferral")},
	[R_SCENARIO_MISSING] =
		{"scenario-missing", "error",
		 "リスク受容・代替策に攻撃シナリオの検討が記録されていない",
		 "a risk acceptance or alternative records no attack scenario",
		 N_("decide again with the attack scenario (under rules 1-2, move the "
		    "project to rules 3 first)")},
	[R_COST_UNAPPROVED] = {"cost-unapproved", "error",
			       "採用した提案・再見積もりの変更要求に経営陣が承認した費用負担がない",
			       "an adopted proposal or a re-estimated change request has no cost "
			       "allocation approved by management",
			       N_("record who bears the cost, and have the user side's management "
				  "approve it")},
	[R_RETENTION_MISSING] =
		{"retention-missing", "warning", "情報資産の保存・廃棄が決められていない",
		 "an information asset has no retention decision",
		 N_("record whether and how long it is kept, and how it is disposed of")},
	[R_LAW_REVIEW_DUE] =
		{"law-review-due", "warning", "法令・ガイドラインの見直し期限を過ぎている",
		 "a law or guideline is past its review date",
		 N_("review it and record it again with a new review date, superseding "
		    "the old record")},
	[R_ACK_MISSING] = {"acknowledgement-missing", "warning",
			   "合意に、再見積もりについてのユーザーの了承がない",
			   "an agreement has no acknowledgement by the user that changes after "
			   "agreement are re-estimated",
			   N_("the user lead or management records the acknowledgement")},
	[R_CONTRACT_UNAGREED] =
		{"contract-unagreed", "warning",
		 "運用工程で、運用・保守の契約が双方に合意されていない",
		 "at step 12 (operation), a contract for operation or maintenance is "
		 "not agreed by both sides",
		 N_("record the operation, maintenance and maintenance-development "
		    "contracts (SLA, diagnosis, incident cooperation); the other side's "
		    "lead agrees to each")},
	[R_STANDARD_NA] = {"standard-na", "error", "要求水準が求める項目が対象外とされている",
			   "an item the requirement standard calls for is decided not applicable",
			   N_("decide the item again: the agreed standard (e.g. its ASVS level) "
			      "includes it")},
};

json_t *ss_lint_rules(void)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < R_COUNT; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", rules[i].id,
						     "severity", rules[i].severity, "summary_ja",
						     rules[i].ja, "summary_en", rules[i].en, "fix",
						     rules[i].fix));
	return arr;
}

typedef struct {
	json_t *findings;
	int errors, warnings;
} result;

/* A finding of rule r, at a severity of its own (sev) where the rule's
 * severity depends on the project (docs/lint-rules.md says when). */
static void find_at(result *res, rule_id r, const char *sev, const char *item, const char *subject,
		    const char *detail)
{
	json_array_append_new(res->findings,
			      json_pack("{s:s, s:s, s:s*, s:s*, s:s, s:s, s:s*, s:s}", "rule",
					rules[r].id, "severity", sev, "item", item, "subject",
					subject, "message_ja", rules[r].ja, "message_en",
					rules[r].en, "detail", detail, "fix", rules[r].fix));
	if (strcmp(sev, "error") == 0)
		res->errors++;
	else
		res->warnings++;
}

static void find(result *res, rule_id r, const char *item, const char *subject, const char *detail)
{
	find_at(res, r, rules[r].severity, item, subject, detail);
}

static bool str_in_array(const json_t *arr, const char *s)
{
	const json_t *e;
	size_t i;

	json_array_foreach(arr, i, e) {
		if (strcmp(json_string_value(e), s) == 0)
			return true;
	}
	return false;
}

/* --- rules 3: the negotiation ---------------------------------------------- */

/* What stands in the way of an approved cost allocation on on/ref, or NULL. */
static const char *cost_gap(const json_t *costs, const char *on, const char *ref)
{
	const json_t *c;
	size_t i;

	json_array_foreach(costs, i, c) {
		const char *v = ss_js(json_object_get(c, "approval"), "verdict");

		if (strcmp(ss_js(c, "on"), on) != 0 || strcmp(ss_js(c, "ref"), ref) != 0)
			continue;
		return strcmp(v, "approved") == 0 ? NULL
		       : *v                       ? N_("rejected by management")
						  : N_("awaiting management approval");
	}
	return N_("no cost allocation recorded");
}

static int negotiation_findings(result *res, ss_store *st, int64_t pid, const char *project,
				const json_t *proj, const json_t *neg, const json_t *assets,
				const char *today)
{
	const json_t *costs = json_object_get(neg, "costs"), *e, *m;
	json_t *ms = NULL, *changes = NULL;
	bool v3 = ss_ji(proj, "rules") >= 3, agreed = false;
	const char *sev, *gap;
	size_t i;
	int error;

	if ((error = ss__milestones(&ms, st, pid)) < 0 ||
	    (error = ss_state_changes(&changes, st, pid)) < 0)
		goto out;
	json_array_foreach(ms, i, m) {
		/* agreed by both parties: a user-only milestone is not an agreement */
		agreed = agreed || (json_is_true(json_object_get(m, "complete")) &&
				    strcmp(ss_js(m, "parties"), "user") != 0);
	}
	/* a cost left open is a warning while the specification is being
	 * negotiated, an error once the parties have agreed it */
	sev = agreed ? "error" : "warning";
	json_array_foreach(json_object_get(neg, "proposals"), i, e) {
		const char *answer = ss_js(json_object_get(e, "answer"), "answer");

		if (!*answer)
			find(res, R_PROPOSAL_UNANSWERED, NULL, ss_js(e, "id"), ss_js(e, "title"));
		else if (strcmp(answer, "defer") == 0)
			find(res, R_PROPOSAL_DEFERRED, NULL, ss_js(e, "id"),
			     ss_js(json_object_get(e, "answer"), "reason"));
		else if (strcmp(answer, "adopt") == 0 &&
			 (gap = cost_gap(costs, "proposal", ss_js(e, "id"))))
			find_at(res, R_COST_UNAPPROVED, sev, NULL, ss_js(e, "id"), gap);
	}
	json_array_foreach(changes, i, e) {
		const char *re = ss_js(e, "reestimate");

		if (*re && strcmp(re, "none") != 0 &&
		    (gap = cost_gap(costs, "change", ss_js(e, "id"))))
			find_at(res, R_COST_UNAPPROVED, sev, ss_js(e, "item"), ss_js(e, "id"), gap);
	}
	if (v3) {
		json_array_foreach(assets, i, e) {
			if (!ss_json_find_by(json_object_get(neg, "retention"), "asset",
					     ss_js(e, "id")))
				find(res, R_RETENTION_MISSING, NULL, ss_js(e, "id"), NULL);
		}
	}
	json_array_foreach(json_object_get(neg, "laws"), i, e) {
		if (strcmp(ss_js(e, "review_by"), today) < 0)
			find(res, R_LAW_REVIEW_DUE, NULL, ss_js(e, "id"), ss_js(e, "review_by"));
	}
	if (v3 && !json_is_object(json_object_get(neg, "acknowledgement"))) {
		json_array_foreach(ms, i, m) {
			find(res, R_ACK_MISSING, NULL, ss_js(m, "name"), NULL);
		}
	}
	if (v3 && ss_ji(proj, "phase") >= 12) {
		const json_t *list = json_object_get(neg, "contracts");

		if (json_array_size(list) == 0)
			find(res, R_CONTRACT_UNAGREED, NULL, project,
			     N_("no contract is recorded"));
		json_array_foreach(list, i, e) {
			if (!json_is_object(json_object_get(e, "agreed")))
				find(res, R_CONTRACT_UNAGREED, NULL, ss_js(e, "id"),
				     ss_js(e, "kind"));
		}
	}
out:
	json_decref(ms);
	json_decref(changes);
	return error;
}

/* The ASVS level ("1".."3") of requirement ref in release, 0 when not known. */
static int asvs_level(json_t *cache, ss_store *st, const char *ref, const char *release)
{
	const json_t *v = json_object_get(cache, ref);
	json_t *row = NULL;
	const char *l;
	int level = 0;

	if (v)
		return (int)json_integer_value(v);
	if (ss_rstore_asvs_get(&row, st, ref, release) == 0) {
		l = ss_js(row, "level");
		if (l[0] >= '1' && l[0] <= '3' && !l[1])
			level = l[0] - '0';
	}
	json_decref(row);
	json_object_set_new(cache, ref, json_integer(level));
	return level;
}

/* Items the requirement standard calls for: item id -> what calls for it.
 * ASVS at level N calls for the catalog items citing an ASVS requirement of
 * level N or below (levels from the imported ASVS release, `secspec import
 * asvs`); nothing is known of a release not imported. */
static int standard_items(json_t **out, ss_store *st, const json_t *neg, const char *version)
{
	json_t *map = json_object(), *cache = json_object(), *refs = NULL;
	const json_t *s, *r;
	size_t i, j;
	int error = 0;

	if (!map || !cache) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(json_object_get(neg, "standards"), i, s) {
		int64_t n = ss_ji(s, "level");

		if (strcmp(ss_js(s, "standard"), "asvs") != 0 || n < 1)
			continue;
		if (!refs && (error = ss_cstore_refs_all(&refs, st, version)) < 0)
			goto out;
		json_array_foreach(refs, j, r) {
			const char *id = ss_js(r, "id"), *ref = ss_js(r, "ref");
			int lv;
			char line[300];
			json_t *prev;

			if (strcmp(ss_js(r, "kind"), "asvs") != 0)
				continue;
			lv = asvs_level(cache, st, ref, ss_js(s, "version"));
			if (lv < 1 || lv > n)
				continue;
			prev = json_object_get(map, id);
			snprintf(line, sizeof(line), "%s%sASVS %.40s level %lld: %.40s (L%d)",
				 prev ? json_string_value(prev) : "", prev ? "; " : "",
				 ss_js(s, "version"), (long long)n, ref, lv);
			json_object_set_new(map, id, json_string(line));
		}
	}
	*out = map;
	map = NULL;
out:
	json_decref(map);
	json_decref(cache);
	json_decref(refs);
	return error;
}

int ss_lint(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *proj = NULL, *reqs = NULL, *assets = NULL, *systems = NULL;
	json_t *meta = NULL, *l3_policies = json_array(), *l3_systems = json_array(), *r, *a, *s;
	json_t *neg = NULL, *called = NULL;
	result res = {json_array(), 0, 0};
	char now[SS_TIME_MAX], today[11];
	int64_t pid;
	size_t i, j;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_lint: NULL argument");
	bool began = false;

	if ((error = ss_time_now(now)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		goto out;
	memcpy(today, now, 10);
	today[10] = '\0';
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		goto out;
	pid = ss_ji(key, "id");
	/* findings about a state that is not the log's projection would mislead */
	if ((error = ss_state_check_head(st, pid)) < 0 ||
	    (error = ss_state_project(&proj, st, pid)) < 0)
		goto out;
	if ((error = ss_state_requirements(&reqs, st, pid, ss_js(proj, "catalog_version"), NULL,
					   NULL, NULL, NULL)) < 0 ||
	    (error = ss_state_assets(&assets, st, pid)) < 0 ||
	    (error = ss_state_systems(&systems, st, pid)) < 0 ||
	    (error = ss__catalog_meta(&meta, st, ss_js(proj, "catalog_version"))) < 0 ||
	    (error = ss__negotiation(&neg, st, pid, project, INT64_MAX)) < 0 ||
	    (error = standard_items(&called, st, neg, ss_js(proj, "catalog_version"))) < 0)
		goto out;

	/* project level */
	if (json_array_size(reqs) == 0)
		find(&res, R_NOT_DRAFTED, NULL, project, NULL);
	if (json_array_size(assets) == 0)
		find(&res, R_NO_ASSETS, NULL, project, NULL);
	json_array_foreach(assets, i, a) {
		const json_t *kind = ss__meta_find(meta, "asset_kinds", ss_js(a, "kind"));
		const json_t *q;

		json_array_foreach(json_object_get(kind, "questions"), j, q) {
			const char *ans = ss_js(json_object_get(a, "answers"), ss_js(q, "id"));

			if (!*ans) {
				find(&res, R_ASSET_UNANSWERED, NULL, ss_js(a, "id"),
				     ss_js(q, "id"));
			}
		}
	}
	json_array_foreach(systems, i, s) {
		const json_t *m;

		if (ss_ji(s, "level") >= 2 && json_array_size(json_object_get(s, "measures")) == 0)
			find(&res, R_SYSTEM_NO_MEASURE, NULL, ss_js(s, "name"), NULL);
		if (ss_ji(s, "level") == 3) {
			json_array_append_new(l3_systems, json_string(ss_js(s, "name")));
			json_array_foreach(json_object_get(s, "measures"), j, m) {
				if (!str_in_array(l3_policies, ss_js(m, "policy")))
					json_array_append_new(l3_policies,
							      json_string(ss_js(m, "policy")));
			}
		}
	}

	if ((error = negotiation_findings(&res, st, pid, project, proj, neg, assets, today)) < 0)
		goto out;

	{
		json_t *changes = NULL, *cov = NULL, *x;

		if ((error = ss_state_changes(&changes, st, pid)) < 0 ||
		    (error = ss__coverage(&cov, st, pid, ss_js(proj, "catalog_version"), reqs,
					  false)) < 0) {
			json_decref(changes);
			goto out;
		}
		json_array_foreach(changes, i, x) {
			if (strcmp(ss_js(x, "state"), "closed") != 0)
				find(&res, R_CHANGE_OPEN, ss_js(x, "item"), ss_js(x, "id"),
				     ss_js(x, "state"));
		}
		/* decided, yet nothing implemented or mitigated otherwise (open items
		 * are already findings of their own) */
		json_array_foreach(cov, i, x) {
			const char *state = ss_js(x, "state");

			if (json_is_true(json_object_get(x, "important")) &&
			    (strcmp(state, "accepted") == 0 ||
			     strcmp(state, "not-applicable") == 0))
				find(&res, R_THREAT_UNCOVERED, NULL, ss_js(x, "technique"), state);
		}
		json_decref(changes);
		json_decref(cov);
	}

	/* items */
	json_array_foreach(reqs, i, r) {
		const char *id = ss_js(r, "id"), *policy = ss_js(r, "policy");
		bool is_default = ss_ji(r, "is_default") != 0;
		bool open = strcmp(ss_js(r, "status"), "open") == 0;
		bool not_impl = !open && strcmp(policy, "implement") != 0 &&
				strcmp(policy, "existing") != 0;
		bool important = ss_ji(r, "incident") == 3 && ss_ji(r, "ease") == 3;

		if (open && is_default)
			find(&res, R_DEFAULT_UNDECIDED, id, NULL, NULL);
		if (!open && strcmp(ss_js(r, "item_hash"), ss_js(r, "catalog_hash")) != 0)
			find(&res, R_DECISION_STALE, id, NULL, NULL);
		if (not_impl && !*ss_js(r, "reason"))
			find(&res, is_default ? R_DEFAULT_REASON : R_NONDEFAULT_REASON, id, NULL,
			     NULL);
		if (!open && strcmp(policy, "alternative") == 0 && !*ss_js(r, "alternative"))
			find(&res, R_ALTERNATIVE_MISSING, id, NULL, NULL);
		if (!is_default && ss_ji(r, "advice_count") == 0)
			find(&res, R_ADVICE_MISSING, id, NULL, NULL);
		if (!open &&
		    (strcmp(policy, "accept") == 0 || strcmp(policy, "alternative") == 0)) {
			if (strcmp(ss_js(r, "approval"), "rejected") == 0)
				find(&res, R_ACCEPT_REJECTED, id, NULL, ss_js(r, "approval_note"));
			else if (strcmp(ss_js(r, "approval"), "approved") != 0)
				find(&res, R_ACCEPT_APPROVAL, id, NULL, NULL);
		}
		if (open && !is_default) {
			/* Defaults are covered by default-undecided; what an L3 system
			 * needs is an error, any other open item a warning. */
			bool l3 = json_array_size(l3_systems) > 0 &&
				  (important || str_in_array(l3_policies, ss_js(r, "category")));

			if (l3)
				find(&res, R_L3_OPEN, id,
				     json_string_value(json_array_get(l3_systems, 0)),
				     important ? N_("important threat (incident 3, ease 3)")
					       : ss_js(r, "category"));
			else
				find(&res, R_NONDEFAULT_OPEN, id, NULL, NULL);
		}
		if (!open && strcmp(policy, "accept") == 0 && *ss_js(r, "review_by") &&
		    strcmp(ss_js(r, "review_by"), today) < 0)
			find(&res, R_ACCEPT_REVIEW_DUE, id, NULL, ss_js(r, "review_by"));
		/* the rule book requires it under rules 3; earlier projects are
		 * warned, since they cannot record one until they move */
		if (!open &&
		    (strcmp(policy, "accept") == 0 || strcmp(policy, "alternative") == 0) &&
		    !*ss_js(r, "scenario"))
			find_at(&res, R_SCENARIO_MISSING,
				ss_ji(proj, "rules") >= 3 ? "error" : "warning", id, NULL, NULL);
		if (!open && strcmp(policy, "na") == 0 && json_object_get(called, id))
			find(&res, R_STANDARD_NA, id, NULL, ss_js(called, id));
	}
	*out = json_pack("{s:s, s:s, s:i, s:i, s:I, s:O}", "project", project, "catalog_version",
			 ss_js(proj, "catalog_version"), "errors", res.errors, "warnings",
			 res.warnings, "requirements", (json_int_t)json_array_size(reqs),
			 "findings", res.findings);
out:
	ss_store__read_end(st, began);
	json_decref(res.findings);
	json_decref(key);
	json_decref(proj);
	json_decref(reqs);
	json_decref(assets);
	json_decref(systems);
	json_decref(meta);
	json_decref(l3_policies);
	json_decref(l3_systems);
	json_decref(neg);
	json_decref(called);
	return error;
}
