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
	R_COUNT
} rule_id;

static const struct {
	const char *id, *severity, *ja, *en, *fix;
} rules[R_COUNT] = {
	[R_NOT_DRAFTED] = {"not-drafted", "error", "仕様書の素案が作成されていない",
			   "the specification has not been drafted",
			   "run 'secspec spec draft PROJECT --by LEAD'"},
	[R_DEFAULT_UNDECIDED] = {"default-undecided", "error", "デフォルト緩和策が未決定",
				 "a minimum default mitigation has no decision",
				 "the user side decides: secspec decide PROJECT ITEM --policy ..."},
	[R_DEFAULT_REASON] =
		{"default-reason", "error", "実装しないデフォルト緩和策にユーザーの理由がない",
		 "a default mitigation the user chose to leave out has no reason from the user",
		 "decide again with --reason giving the user's reason"},
	[R_NONDEFAULT_REASON] =
		{"nondefault-reason", "error", "実装しない緩和策にユーザーの理由がない",
		 "a mitigation the user chose to leave out has no reason from the user",
		 "decide again with --reason giving the user's reason"},
	[R_ALTERNATIVE_MISSING] = {"alternative-missing", "error",
				   "他の対策による緩和の内容が書かれていない",
				   "an alternative mitigation is not described",
				   "decide again with --alternative describing the measure"},
	[R_ADVICE_MISSING] = {"advice-missing", "error",
			      "デフォルト以外の緩和策にベンダーの助言がない",
			      "a mitigation outside the defaults lacks the vendor's advice",
			      "the vendor advises: secspec advise PROJECT ITEM --note ..."},
	[R_ACCEPT_APPROVAL] = {"accept-approval", "error", "リスク受容・代替策に経営陣の承認がない",
			       "a risk acceptance or alternative lacks management approval",
			       "management approves: secspec approve PROJECT ITEM --by MANAGER"},
	[R_ACCEPT_REJECTED] = {"accept-rejected", "error", "リスク受容・代替策が経営陣に却下された",
			       "management rejected the risk acceptance or alternative",
			       "the user side decides the item again"},
	[R_L3_OPEN] = {"l3-open", "error", "影響レベルL3のシステムに必要な緩和策が未決定",
		       "a mitigation an L3 system needs is still open",
		       "decide the item: it is an important threat or in a policy of an L3 system"},
	[R_ACCEPT_REVIEW_DUE] = {"accept-review-due", "warning",
				 "リスク受容の再審査期限を過ぎている",
				 "a risk acceptance is past its re-review date",
				 "review it and decide again with a new --review-by"},
	[R_NONDEFAULT_OPEN] = {"nondefault-open", "warning", "デフォルト以外の緩和策が未決定",
			       "a mitigation outside the defaults is still open",
			       "decide it, or mark it na with a reason"},
	[R_ASSET_UNANSWERED] = {"asset-unanswered", "warning",
				"情報資産の確認すべき項目に未回答がある",
				"an asset leaves questions of its kind unanswered",
				"add the asset again with --answer ID=TEXT and --supersede"},
	[R_SYSTEM_NO_MEASURE] = {"system-no-measure", "warning",
				 "L2以上の対象システムに実施対策（方針と実装方法）がない",
				 "a system at L2 or above has no policy and implementation",
				 "add the system again with --measure POLICY=IMPLEMENTATION "
				 "--supersede"},
	[R_NO_ASSETS] = {"no-assets", "warning", "情報資産のリスク評価がない",
			 "no assets have been assessed", "record assets with 'secspec asset add'"},
	[R_CHANGE_OPEN] = {"change-open", "error", "変更要求が完了していない",
			   "a change request is not closed",
			   "assess, decide and close it: secspec change assess|decide|close"},
	[R_DECISION_STALE] = {"decision-stale", "error", "決定後にガイドラインの項目が変更された",
			      "the item changed in the catalog after it was decided",
			      "review the new text and decide the item again"},
	[R_THREAT_UNCOVERED] = {"threat-uncovered", "error",
				"重要な脅威（実績3・容易さ3）を実装・代替策で防ぐ項目がない",
				"an important threat (incident 3, ease 3) has no item implemented "
				"or mitigated otherwise",
				"implement an item that counters it, or record an alternative"},
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

static void find(result *res, rule_id r, const char *item, const char *subject, const char *detail)
{
	json_array_append_new(res->findings,
			      json_pack("{s:s, s:s, s:s*, s:s*, s:s, s:s, s:s*, s:s}", "rule",
					rules[r].id, "severity", rules[r].severity, "item", item,
					"subject", subject, "message_ja", rules[r].ja, "message_en",
					rules[r].en, "detail", detail, "fix", rules[r].fix));
	if (strcmp(rules[r].severity, "error") == 0)
		res->errors++;
	else
		res->warnings++;
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

int ss_lint(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *proj = NULL, *reqs = NULL, *assets = NULL, *systems = NULL;
	json_t *meta = NULL, *l3_policies = json_array(), *l3_systems = json_array(), *r, *a, *s;
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
	    (error = ss__catalog_meta(&meta, st, ss_js(proj, "catalog_version"))) < 0)
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
		bool not_impl = !open && strcmp(policy, "implement") != 0;
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
				     important ? "important threat (incident 3, ease 3)"
					       : ss_js(r, "category"));
			else
				find(&res, R_NONDEFAULT_OPEN, id, NULL, NULL);
		}
		if (!open && strcmp(policy, "accept") == 0 && *ss_js(r, "review_by") &&
		    strcmp(ss_js(r, "review_by"), today) < 0)
			find(&res, R_ACCEPT_REVIEW_DUE, id, NULL, ss_js(r, "review_by"));
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
	return error;
}
