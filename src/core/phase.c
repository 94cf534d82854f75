/*
 * The twelve steps of the process (planning to operation), what each step
 * delivers, and which of its prerequisites the tool can see are missing.
 */
#include <string.h>

#include "core/core.h"
#include "util/banned.h"

#define NSTEPS 12

typedef struct {
	const char *stage_ja, *stage_en, *ja, *en;
	const char *deliverables_ja, *deliverables_en;
} step;

#define STAGE_9_11_JA                                                                              \
	"セキュリティ仕様書更新版（移行工程 (9)〜(11) 全体の成果物。"     \
	"切替完了時に、テスト用設定の解除、開発用ID・データの削除、"   \
	"ペネトレーションテストの証跡をユーザーへ渡す）"
#define STAGE_9_11_EN                                                                              \
	"Updated security specification (the deliverable of the whole transition stage, (9) to "   \
	"(11); at the switchover the user receives the evidence that test relaxations were "       \
	"reverted, development IDs and data removed, and a penetration test done)"

static const step steps[NSTEPS] = {
	{"企画支援", "Planning", "システム化構想", "System concept",
	 "RFI（ガイドラインに沿った対応が可能かの確認）",
	 "RFI (can the vendor work to the guideline?)"},
	{"企画支援", "Planning", "システム化計画", "System plan",
	 "RFP（セキュリティ要件の概要。NDAの下で情報資産・IT資産・ネットワークを開示）",
	 "RFP (outline of the security requirements; information assets, IT assets and network "
	 "disclosed under NDA)"},
	{"企画支援", "Planning", "提案", "Proposal",
	 "提案書（リスク分析、対策、費用対効果、前提条件）",
	 "Proposal (risk analysis, measures, cost-effectiveness, conditions)"},
	{"要件定義", "Requirements", "要件定義", "Requirements definition",
	 "要件定義書（情報資産と権限、IT資産、ネットワーク構成、合意したセキュリティ範囲）",
	 "Requirements document (information assets and who may use them, IT assets, network, "
	 "agreed security scope)"},
	{"外部設計", "External design", "システム要件定義", "System requirements definition",
	 "外部設計書、セキュリティ仕様書 第1版、部品表（SBOM）",
	 "External design, security specification v1, component list (SBOM)"},
	{"開発", "Development", "ソフトウェア詳細設計", "Detailed design", "内部設計書",
	 "Internal design"},
	{"開発", "Development", "ソフトウェア構築", "Construction", "プログラムと部品表",
	 "Programs and their bill of materials"},
	{"開発", "Development", "システム結合", "Integration", "結合テスト報告書",
	 "Integration test report"},
	/* the transition stage (9)-(11) delivers one thing: the security
	 * specification updated to what was built and switched over */
	{"移行", "Transition", "システムテスト", "System test", STAGE_9_11_JA, STAGE_9_11_EN},
	{"移行", "Transition", "導入・受入れ", "Installation and acceptance", STAGE_9_11_JA,
	 STAGE_9_11_EN},
	{"移行", "Transition", "運用テスト", "Operational test", STAGE_9_11_JA, STAGE_9_11_EN},
	{"運用", "Operation", "運用", "Operation",
	 "SLAを基礎とする運用代行契約・保守契約・保守開発契約、"
	 "CSIRTへ渡す証跡、インシデント対応体制の整備",
	 "Operation-outsourcing, maintenance and maintenance-development contracts with the SLA as "
	 "their basis, evidence for the CSIRT, incident-response readiness"},
};

json_t *ss__phase_step(int n)
{
	const step *s;

	if (n < 1 || n > NSTEPS)
		n = 1;
	s = &steps[n - 1];
	return json_pack("{s:i, s:{s:s, s:s}, s:{s:s, s:s}}", "step", n, "stage", "ja", s->stage_ja,
			 "en", s->stage_en, "name", "ja", s->ja, "en", s->en);
}

static void missing(json_t *list, const char *ja, const char *en)
{
	json_array_append_new(list, json_pack("{s:s, s:s}", "ja", ja, "en", en));
}

/* What the tool can see is missing for each step; [step] -> [{ja, en}]. */
static int compute_missing(json_t **out, ss_store *st, const char *name, int64_t pid,
			   const json_t *project)
{
	json_t *all = json_array(), *members = NULL, *assets = NULL, *systems = NULL, *lint = NULL;
	json_t *m, *a, *s;
	bool user_lead = false, vendor_lead = false, mgmt = false, unanswered = false;
	int64_t nreq = 0;
	size_t i;
	int error;

	if (!all)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_state_members(&members, st, pid)) < 0 ||
	    (error = ss_state_assets(&assets, st, pid)) < 0 ||
	    (error = ss_state_systems(&systems, st, pid)) < 0 ||
	    (error = ss_state_requirement_count(&nreq, st, pid)) < 0 ||
	    (error = ss_lint(&lint, st, name)) < 0)
		goto out;
	json_array_foreach(members, i, m) {
		if (!ss_ji(m, "active"))
			continue;
		if (strcmp(ss_js(m, "role"), "lead") == 0)
			*(strcmp(ss_js(m, "side"), "user") == 0 ? &user_lead : &vendor_lead) = true;
		if (strcmp(ss_js(m, "role"), "management") == 0)
			mgmt = true;
	}
	for (i = 0; i < NSTEPS; i++)
		json_array_append_new(all, json_array());
	/* steps 1-3: the parties. A project created before its vendor is chosen
	 * (rules 3) plans and asks the candidates (RFI, RFP) without one; the
	 * proposal step ends with the vendor selected and its lead registered. */
	for (i = 0; i < 3; i++) {
		json_t *l = json_array_get(all, i);
		bool vendor_named = *ss_js(project, "vendor_org") != '\0';

		if (!user_lead)
			missing(l, "ユーザー側の責任者が登録されていない", "no user-side lead");
		if (!vendor_named && i == 2)
			missing(l, "ベンダーが選定されていない（vendor select）",
				"no vendor selected yet (vendor select)");
		else if (!vendor_lead && (vendor_named || i == 2))
			missing(l, "ベンダー側の責任者が登録されていない", "no vendor-side lead");
		if (!mgmt)
			missing(l, "承認する経営陣が登録されていない",
				"no management approver registered");
	}
	/* step 4: assets and systems */
	if (json_array_size(assets) == 0)
		missing(json_array_get(all, 3), "情報資産のリスク評価がない", "no assets assessed");
	json_array_foreach(assets, i, a) {
		if (json_object_size(json_object_get(a, "answers")) == 0)
			unanswered = true;
	}
	if (unanswered)
		missing(json_array_get(all, 3), "確認すべき項目に未回答の資産がある",
			"an asset has unanswered questions");
	json_array_foreach(systems, i, s) {
		if (json_array_size(json_object_get(s, "measures")) == 0) {
			missing(json_array_get(all, 3),
				"実施対策（方針と実装方法）のない対象システムがある",
				"a target system has no policy and implementation");
			break;
		}
	}
	if (json_array_size(systems) == 0)
		missing(json_array_get(all, 3), "対象システムが登録されていない",
			"no target systems");
	/* step 5: the agreed specification */
	if (nreq == 0)
		missing(json_array_get(all, 4), "仕様書の素案（spec draft）が作成されていない",
			"the specification has not been drafted (spec draft)");
	if (ss_ji(lint, "errors") > 0) {
		missing(json_array_get(all, 4), "lint のエラーが残っている（未決定・根拠不足）",
			"lint errors remain (undecided items or missing evidence)");
		missing(json_array_get(all, 8), "lint のエラーが残っている", "lint errors remain");
	}
	*out = all;
	all = NULL;
out:
	json_decref(all);
	json_decref(members);
	json_decref(assets);
	json_decref(systems);
	json_decref(lint);
	return error;
}

int ss_project_phases(json_t **out, ss_store *st, const char *name)
{
	json_t *key = NULL, *project = NULL, *miss = NULL, *list = NULL;
	int64_t phase;
	int i, error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_project_phases: NULL argument");
	bool began = false;

	if ((error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss__project_read(&key, &project, st, name)) < 0)
		goto out;
	if ((error = compute_missing(&miss, st, name, ss_ji(key, "id"), project)) < 0)
		goto out;
	phase = ss_ji(project, "phase");
	list = json_array();
	for (i = 0; i < NSTEPS; i++) {
		const step *s = &steps[i];

		json_array_append_new(
			list,
			json_pack("{s:i, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:O}",
				  "step", i + 1, "stage", "ja", s->stage_ja, "en", s->stage_en,
				  "name", "ja", s->ja, "en", s->en, "deliverables", "ja",
				  s->deliverables_ja, "en", s->deliverables_en, "state",
				  i + 1 < phase    ? "done"
				  : i + 1 == phase ? "current"
						   : "ahead",
				  "missing", json_array_get(miss, (size_t)i)));
	}
	*out = json_pack("{s:s, s:I, s:o}", "project", name, "phase", (json_int_t)phase, "steps",
			 list);
out:
	ss_store__read_end(st, began);
	json_decref(key);
	json_decref(project);
	json_decref(miss);
	return error;
}

int ss_project_phase_set(ss_store *st, const char *name, int to, const char *by, bool force,
			 const char *reason)
{
	json_t *miss = NULL;
	ss_write w = {0};
	int64_t from;
	int i, error;

	if (!st)
		return ss_error_set(SS_EINVAL, "ss_project_phase_set: NULL store");
	if (to < 1 || to > NSTEPS)
		return ss_error_set(SS_EINVAL, "the step must be 1 to 12, not %d", to);
	if (force && (!reason || !*reason))
		return ss_error_set(SS_ERULE, "--force needs a --reason, which is recorded");
	if (reason && (error = ss_text_check("--reason", reason, SS_TEXT_MAX, false)) < 0)
		return error;
	if ((error = ss_write__begin(&w, st, name, by, SS_ACT_PHASE)) < 0)
		return error;
	from = ss_ji(w.project, "phase");
	if (from == to) {
		error = ss_error_set(SS_ECONFLICT, "project %s is already at step %d", name, to);
		goto out;
	}
	if (to > from) {
		if ((error = compute_missing(&miss, st, name, w.pid, w.project)) < 0)
			goto out;
		for (i = (int)from; i < to && !force; i++) {
			const json_t *m = json_array_get(miss, (size_t)i - 1);

			if (json_array_size(m) > 0) {
				/* the step and what it lacks have their own ja and en */
				bool ja = strcmp(ss_messages_lang(), "ja") == 0;
				const char *label = ja ? steps[i - 1].ja : steps[i - 1].en;
				const char *first = ss_js(json_array_get(m, 0), ja ? "ja" : "en");

				error = json_array_size(m) > 1
						? ss_error_set(
							  SS_ERULE,
							  "step %d (%s) is not complete: %s (and "
							  "more: see 'project phase'); finish it, "
							  "or move with --force --reason",
							  i, label, first)
						: ss_error_set(SS_ERULE,
							       "step %d (%s) is not complete: %s; "
							       "finish it, or move with --force "
							       "--reason",
							       i, label, first);
				goto out;
			}
		}
	}
	if ((error = ss_write__event(&w, "phase.set",
				     json_pack("{s:i, s:I, s:b, s:s*}", "phase", to, "from",
					       (json_int_t)from, "forced", force, "reason",
					       reason))) < 0)
		goto out;
	error = ss_write__commit(&w);
out:
	json_decref(miss);
	ss_write__release(&w);
	return error;
}
