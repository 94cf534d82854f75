/* The document's fixed strings in both languages, and the accessors of the
 * model that every format shares. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

static const struct {
	const char *key, *ja, *en;
} strings[] = {
	{"doc_title", "セキュリティ仕様書", "Security specification"},
	{"project", "プロジェクト", "Project"},
	{"user_org", "ユーザー（発注者）", "User (ordering party)"},
	{"vendor_org", "ベンダー（受注者）", "Vendor (contractor)"},
	{"catalog", "準拠するセキュリティガイドライン", "Security guideline"},
	{"catalog_hash", "ガイドラインの内容ハッシュ", "Guideline content hash"},
	{"phase", "工程", "Step"},
	{"ledger", "変更記録", "Change log"},
	{"ledger_head", "最新の変更記録ハッシュ", "Change-log head hash"},
	{"events", "件の変更", "changes"},
	{"s_parties", "1. 当事者と体制", "1. Parties and people"},
	{"person", "氏名・ID", "Person"},
	{"side", "立場", "Side"},
	{"role", "役割", "Role"},
	{"side_user", "ユーザー", "User"},
	{"side_vendor", "ベンダー", "Vendor"},
	{"role_lead", "責任者", "Lead"},
	{"role_member", "担当者", "Member"},
	{"role_management", "経営陣（承認者）", "Management (approver)"},
	{"role_auditor", "監査担当", "Auditor"},
	{"inactive", "（除名済み）", " (removed)"},
	{"keys", "署名鍵（フィンガープリント）", "Signing keys (fingerprints)"},
	{"keys_note",
	 "各当事者は、自社の担当者の鍵のフィンガープリントがこの表と一致することを確認すること。"
	 "一致しない鍵による署名は本人のものとは認められない。",
	 "Each party checks that the fingerprints of its own people's keys are the ones in this "
	 "table: a signature by any other key is not theirs."},
	{"s_risk", "2. リスク評価", "2. Risk assessment"},
	{"s_levels", "2.1 影響レベルの判定基準", "2.1 Impact levels"},
	{"levels_note",
	 "情報やオペレーションごとに、インシデント発生時の最悪の影響を4つの観点で評価し、最も高いレ"
	 "ベルをその資産のレベルとする。対象システムのレベルは、そのシステムの資産の最も高いレベル"
	 "である。",
	 "Each kind of information or operation is judged by the worst case of an incident on four "
	 "axes; the highest of them is the asset's level. A system's level is the highest level of "
	 "its assets."},
	{"level", "レベル", "Level"},
	{"s_assets", "2.2 情報資産・オペレーション", "2.2 Information and operations"},
	{"asset", "資産", "Asset"},
	{"kind", "種類", "Kind"},
	{"system", "対象システム", "Target system"},
	{"devices", "保持するデバイス", "Devices holding it"},
	{"answers",
	 "資産の種類ごとに確認すべき項目への回答:", "Answers to the questions of each kind:"},
	{"question", "確認すべき項目", "Question"},
	{"answer", "回答", "Answer"},
	{"no_answer", "（未回答）", "(not answered)"},
	{"s_systems", "2.3 対象システムと実施対策", "2.3 Target systems and measures"},
	{"policy_col", "方針", "Policy"},
	{"implementation", "実装方法", "Implementation"},
	{"none", "なし", "none"},
	{"s_summary", "3. 決定の概要", "3. Summary of decisions"},
	{"requirements", "要求事項", "Requirements"},
	{"decided", "決定済み", "Decided"},
	{"open", "未決定", "Open"},
	{"p_implement", "実装", "Implement"},
	{"p_accept", "リスク受容", "Accept the risk"},
	{"p_alternative", "他の対策による緩和", "Mitigate by other means"},
	{"p_na", "対象外", "Not applicable"},
	{"approved", "承認済み", "Approved"},
	{"rejected", "却下", "Rejected"},
	{"pending", "承認待ち", "Awaiting approval"},
	{"lint_errors", "検査エラー", "Check errors"},
	{"lint_warnings", "検査警告", "Check warnings"},
	{"s_register", "4. リスク受容・代替策の台帳",
	 "4. Register of risk acceptances and alternatives"},
	{"register_note",
	 "緩和策を実装しない決定は、ユーザーの理由と経営陣の承認とともにここに記録する。",
	 "Every decision not to implement a mitigation is recorded here with the user's reason and "
	 "management's approval."},
	{"s_open", "5. 未決定の事項", "5. Open items"},
	{"open_none", "未決定の事項はない。", "No item is open."},
	{"s_items", "6. 要求事項と決定", "6. Requirements and decisions"},
	{"id", "ID", "ID"},
	{"title", "項目", "Item"},
	{"decision", "決定", "Decision"},
	{"reason", "理由", "Reason"},
	{"alternative", "代替策", "Alternative"},
	{"review_by", "再審査期限", "Review by"},
	{"decided_by", "決定者", "Decided by"},
	{"approval", "承認", "Approval"},
	{"advice", "ベンダーの助言", "Vendor's advice"},
	{"mitigation", "対策", "Mitigation"},
	{"settings", "設定", "Settings"},
	{"refs", "参照", "References"},
	{"default_mark", "デフォルト緩和策", "default mitigation"},
	{"important_mark", "重要な脅威", "important threat"},
	{"scores", "脅威スコア（実績・容易さ）", "Threat scores (incidents, ease)"},
	{"level_at", "決定時の影響レベル", "Impact level at decision"},
	{"item_hash", "決定時の項目ハッシュ", "Item hash at decision"},
	{"none_register", "該当する決定はない。", "No such decision."},
	{"s_agreements", "7. 合意の記録", "7. Agreements"},
	{"no_agreements", "署名された合意はまだない。", "No agreement has been signed yet."},
	{"milestone", "マイルストーン", "Milestone"},
	{"checkpoint", "対象の変更記録・仕様書ハッシュ", "Log covered, specification hash"},
	{"signatures", "署名", "Signatures"},
	{"status", "状態", "Status"},
	{"complete", "成立", "Complete"},
	{"incomplete", "署名待ち", "Awaiting signatures"},
	{"change_mark", "合意後の変更", "Changed after agreement"},
	{"after_agreement", "合意後に変更された決定", "decided after the agreement"},
	{"s_evidence", "8. 証跡", "8. Evidence"},
	{"evidence_note",
	 "この文書はプロジェクトの変更記録から生成した。変更記録はハッシュで連鎖しており、「secspec"
	 " log verify」で改ざんの有無を検証できる。",
	 "This document was generated from the project's change log. The log is hash-chained; "
	 "\"secspec log verify\" checks it for tampering."},
	{"at", "日時", "At"},
	{"by", "記録者", "By"},
	{"note", "内容", "Note"},
};

#define NSTRINGS (sizeof(strings) / sizeof(strings[0]))

/* Indexes of strings[] sorted by key, built once: a document looks labels up
 * tens of thousands of times. */
static size_t order[NSTRINGS];
static pthread_once_t order_once = PTHREAD_ONCE_INIT;

static int by_key(const void *a, const void *b)
{
	return strcmp(strings[*(const size_t *)a].key, strings[*(const size_t *)b].key);
}

static void sort_strings(void)
{
	size_t i;

	for (i = 0; i < NSTRINGS; i++)
		order[i] = i;
	qsort(order, NSTRINGS, sizeof(order[0]), by_key);
}

static const char *lookup(const ss_doc *d, const char *key)
{
	size_t lo = 0, hi = NSTRINGS;

	pthread_once(&order_once, sort_strings);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(strings[order[mid]].key, key);

		if (c == 0)
			return strcmp(d->lang, "ja") == 0 ? strings[order[mid]].ja
							  : strings[order[mid]].en;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *ss_tr(const ss_doc *d, const char *key)
{
	const char *s = lookup(d, key);

	return s ? s : key;
}

const char *ss_pick(const ss_doc *d, const json_t *v)
{
	const char *s = ss_js_or_null(v, d->lang);

	if (!s)
		s = ss_js_or_null(v, strcmp(d->lang, "ja") == 0 ? "en" : "ja");
	return s ? s : "";
}

const char *ss_label(const ss_doc *d, const char *list, const char *id)
{
	const json_t *v =
		json_object_get(json_object_get(json_object_get(d->m, "labels"), list), id);

	return v ? ss_pick(d, v) : id;
}

const char *ss_level_text(json_int_t level)
{
	static const char *const names[] = {"-", "L1", "L2", "L3"};

	return level >= 1 && level <= 3 ? names[level] : names[0];
}

void ss_person(const ss_doc *d, const char *person, char *out, size_t n)
{
	const json_t *m;
	size_t i;

	json_array_foreach(json_object_get(d->m, "members"), i, m) {
		if (strcmp(ss_js(m, "person"), person) == 0 && ss_js_or_null(m, "display_name")) {
			snprintf(out, n, "%s (%s)", ss_js(m, "display_name"), person);
			return;
		}
	}
	snprintf(out, n, "%s", person);
}

const char *ss_policy_text(const ss_doc *d, const char *policy)
{
	char key[32];

	const char *s;

	snprintf(key, sizeof(key), "p_%s", policy);
	s = lookup(d, key);
	return s ? s : policy;
}
