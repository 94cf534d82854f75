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
	{"s_parties", "当事者と体制", "Parties and people"},
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
	{"s_risk", "リスク評価", "Risk assessment"},
	{"s_levels", "影響レベルの判定基準", "Impact levels"},
	{"s_threats", "重要な脅威", "Important threats"},
	{"threats_note",
	 "発生件数・攻撃の容易さがともに3である攻撃手法を重要な脅威とする。評点はカタログが攻撃手法"
	 "ごとに一つ定め、理由を付す（プロジェクトが理由を付して見直した評点を含む）。",
	 "Attack techniques that score 3 for incidents and 3 for ease are important threats. The "
	 "catalog scores each technique once, with its reason (including scores the project "
	 "revised, with theirs)."},
	{"technique", "攻撃手法", "Technique"},
	{"threat_reason", "評点の理由", "Reason for the score"},
	{"threat_items", "対策項目（状態）", "Items (state)"},
	{"implemented", "実装", "implemented"},
	{"mitigated-otherwise", "代替策", "mitigated otherwise"},
	{"accepted", "リスク受容", "risk accepted"},
	{"not-applicable", "対象外", "not applicable"},
	{"levels_note",
	 "情報やオペレーションごとに、インシデント発生時の最悪の影響を4つの観点で評価し、最も高いレ"
	 "ベルをその資産のレベルとする。対象システムのレベルは、そのシステムの資産の最も高いレベル"
	 "である。",
	 "Each kind of information or operation is judged by the worst case of an incident on four "
	 "axes; the highest of them is the asset's level. A system's level is the highest level of "
	 "its assets."},
	{"level", "レベル", "Level"},
	{"s_assets", "情報資産・オペレーション", "Information and operations"},
	{"asset", "資産", "Asset"},
	{"kind", "種類", "Kind"},
	{"system", "対象システム", "Target system"},
	{"devices", "保持するデバイス", "Devices holding it"},
	{"answers",
	 "資産の種類ごとに確認すべき項目への回答:", "Answers to the questions of each kind:"},
	{"question", "確認すべき項目", "Question"},
	{"answer", "回答", "Answer"},
	{"no_answer", "（未回答）", "(not answered)"},
	{"s_systems", "対象システムと実施対策", "Target systems and measures"},
	{"policy_col", "方針", "Policy"},
	{"implementation", "実装方法", "Implementation"},
	{"none", "なし", "none"},
	{"s_summary", "決定の概要", "Summary of decisions"},
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
	{"s_register", "リスク受容・代替策の台帳", "Register of risk acceptances and alternatives"},
	{"register_note",
	 "緩和策を実装しない決定は、ユーザーの理由と経営陣の承認とともにここに記録する。",
	 "Every decision not to implement a mitigation is recorded here with the user's reason and "
	 "management's approval."},
	{"s_open", "未決定の事項", "Open items"},
	{"open_none", "未決定の事項はない。", "No item is open."},
	{"s_items", "要求事項と決定", "Requirements and decisions"},
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
	{"s_agreements", "合意の記録", "Agreements"},
	{"no_agreements", "署名された合意はまだない。", "No agreement has been signed yet."},
	{"milestone", "マイルストーン", "Milestone"},
	{"checkpoint", "対象の変更記録・仕様書ハッシュ", "Log covered, specification hash"},
	{"signatures", "署名", "Signatures"},
	{"status", "状態", "Status"},
	{"complete", "成立", "Complete"},
	{"incomplete", "署名待ち", "Awaiting signatures"},
	{"change_mark", "合意後の変更", "Changed after agreement"},
	{"after_agreement", "合意後に変更された決定", "decided after the agreement"},
	{"s_evidence", "証跡", "Evidence"},
	{"evidence_note",
	 "この文書はプロジェクトの変更記録から生成した。変更記録はハッシュで連鎖しており、「secspec"
	 " log verify」で改ざんの有無を検証できる。",
	 "This document was generated from the project's change log. The log is hash-chained; "
	 "\"secspec log verify\" checks it for tampering."},
	/* rules 3: the negotiation */
	{"role_operations", "運用担当", "Operations"},
	{"role_provider", "セキュリティサービス事業者", "Security service provider"},
	{"role_expert", "有識者", "Expert"},
	{"p_existing", "既存の管理策で対応", "Already in place"},
	{"vendor_unselected", "（未選定）", "(not selected yet)"},
	{"rules_version", "適用するルールの版", "Rules version"},
	{"rules_proposed", "ルールの版の移行を提案中", "Move to newer rules proposed"},
	{"view_for", "表示の対象", "View for"},
	{"withheld_note",
	 "NDAの締結が記録されるまで、この表示には、情報資産の名称・保持するデバイス・確認すべき項目"
	 "への"
	 "回答、対象システムのデバイス・実施対策・レガシーシステムの詳細、FOSS提案のコンポーネント"
	 "名と"
	 "版を記載しない。",
	 "Until an NDA is recorded, this view leaves out the names, devices and answers of the "
	 "information assets, the devices, measures and legacy details of the target systems, and "
	 "the components and versions of FOSS proposals."},
	{"withheld_cell", "（NDA締結まで非開示）", "(withheld until an NDA is recorded)"},
	/* rules 5: IT assets and the network configuration */
	{"withheld_note5",
	 "また、IT資産の名称・版・構成設定・Rev・ネットワーク上の位置・備考、ネットワーク構成の内容"
	 "・"
	 "アドレス・プロトコル・認証・暗号化の有無・保存方法を記載しない。",
	 "Nor does it show the names, versions, configuration, revisions, network places and notes "
	 "of the IT assets, or the details, addresses, protocols, authentication, encryption and "
	 "storage of the network configuration."},
	{"s_itassets", "IT資産（システム開発カテゴリ別）", "IT assets by category"},
	{"itassets_note",
	 "システム開発カテゴリ別のIT資産と、その管理項目（使用許可、部品表・ライセンス、最新の脆弱"
	 "性"
	 "情報との紐付け、構成設定管理、ネットワーク構成）。",
	 "The IT assets by development category, with their management items (permission to use, "
	 "parts list and licence, the link to current vulnerability information, configuration "
	 "management, network configuration)."},
	{"it_category", "カテゴリ", "Category"},
	{"ic_application", "開発アプリケーション", "Developed application"},
	{"ic_component", "利用コンポーネント", "Components (FOSS)"},
	{"ic_package", "利用パッケージ", "Packages"},
	{"ic_platform", "利用基盤", "Platform"},
	{"ic_hardware", "ハードウェア", "Hardware"},
	{"it_name", "名称", "Name"},
	{"it_permit", "使用許可", "Permission to use"},
	{"it_permitted", "許可済み", "permitted"},
	{"it_not_permitted", "未許可", "not permitted"},
	{"licence_col", "部品表・ライセンス", "Parts list / licence"},
	{"it_vuln", "脆弱性情報との紐付け", "Vulnerability information"},
	{"it_config", "構成設定管理", "Configuration management"},
	{"it_network", "ネットワーク構成", "Network"},
	{"it_revision", "モジュールRev", "Module revision"},
	{"s_network", "ネットワーク構成", "Network configuration"},
	{"nw_kind", "種別", "Kind"},
	{"nk_segment", "IPセグメント", "IP segment"},
	{"nk_routing", "ルーティング", "Routing"},
	{"nk_firewall", "ファイアウォール", "Firewall"},
	{"nk_vpn", "VPN", "VPN"},
	{"nk_public-server", "公開サーバ", "Public server"},
	{"nk_asset-server", "重要資産を保有するサーバ", "Server holding important assets"},
	{"nk_terminal", "アクセスする端末", "Terminal accessing them"},
	{"nk_planned-change", "変更予定", "Planned change"},
	{"nw_detail", "内容", "Detail"},
	{"nw_address", "IPアドレス・セグメント", "Address / segment"},
	{"nw_protocols", "許可プロトコル", "Allowed protocols"},
	{"nw_auth", "認証", "Authentication"},
	{"nw_stored", "暗号化・保存方法", "Encryption / storage"},
	{"nw_encrypted", "暗号化あり", "encrypted"},
	{"nw_plain", "暗号化なし", "not encrypted"},
	{"s_selection", "ベンダー選定", "Vendor selection"},
	{"candidate", "候補", "Candidate"},
	{"org", "組織", "Organisation"},
	{"nda", "NDA（秘密保持契約）", "NDA"},
	{"nda_none", "未締結", "none recorded"},
	{"nda_expires", "有効期限", "expires"},
	{"documents", "交換した文書", "Documents exchanged"},
	{"no_candidates", "ベンダー候補は記録されていない。", "No vendor candidate is recorded."},
	{"selection", "選定", "Selection"},
	{"selection_reason", "選定理由", "Reason for the selection"},
	{"not_selected", "ベンダーはまだ選定されていない。", "No vendor has been selected yet."},
	{"vendor_nda", "ベンダーとのNDA", "NDA with the vendor"},
	{"s_legacy", "レガシーシステムと補完的な対策", "Legacy systems and compensating measures"},
	{"legacy_why", "置き換えられない理由", "Why it is not replaced"},
	{"compensating", "補完的な対策", "Compensating measures"},
	{"s_laws", "法令・ガイドラインの台帳", "Register of laws and guidelines"},
	{"lk_law", "法律", "Law"},
	{"lk_regulation", "政令・規則", "Regulation"},
	{"lk_guideline", "ガイドライン", "Guideline"},
	{"authority", "所管", "Authority"},
	{"duties", "求められる義務", "Duties"},
	{"assets_col", "対象の資産", "Assets"},
	{"law_review", "見直し期限", "Review by"},
	{"no_laws", "記録された法令・ガイドラインはない。", "No law or guideline is recorded."},
	{"s_retention", "情報資産の保存と廃棄", "Retention and disposal of information"},
	{"keep", "保存", "Kept"},
	{"keep_yes", "保存する", "kept"},
	{"keep_no", "保存しない", "not kept"},
	{"period", "期間", "Period"},
	{"method", "廃棄・消去の方法", "Disposal"},
	{"not_decided", "（未決定）", "(not decided)"},
	{"no_assets_retention", "情報資産は記録されていない。",
	 "No information asset is recorded."},
	{"s_standard", "セキュリティ要求水準と診断", "Requirement standard and diagnoses"},
	{"standard", "要求水準", "Standard"},
	{"version", "版", "Version"},
	{"no_standard", "要求水準は記録されていない。", "No requirement standard is recorded."},
	{"diagnoses", "セキュリティ診断", "Security diagnoses"},
	{"dk_diagnosis", "脆弱性診断", "Security diagnosis"},
	{"dk_pentest", "ペネトレーションテスト", "Penetration test"},
	{"dk_review", "レビュー", "Review"},
	{"date", "実施日", "Date"},
	{"result", "結果", "Result"},
	{"report", "報告書（SHA-256）", "Report (SHA-256)"},
	{"contract", "契約", "Contract"},
	{"no_diagnoses", "記録された診断はない。", "No diagnosis is recorded."},
	{"s_existing", "既に実施されている管理策", "Controls already in place"},
	{"existing_note", "ユーザーの環境で既に実施されている管理策と、その根拠。",
	 "Controls that the user's environment already provides, with the evidence of each."},
	{"evidence_col", "根拠", "Evidence"},
	{"none_existing", "該当する管理策はない。", "No such control."},
	{"s_duties", "ユーザーが担う対策と責務",
	 "Measures the user carries out, and the user's duties"},
	{"duties_note",
	 "対策の実施主体がユーザー（運用）または双方である決定と、ユーザーが運用・規程で負う責務。",
	 "Decisions whose measure the user (operations) or both parties carry out, with the duty "
	 "the "
	 "user takes on in its operations and rules."},
	{"none_duties", "ユーザーが担う対策はない。", "No measure is carried out by the user."},
	{"owner", "実施主体", "Carried out by"},
	{"owner_vendor", "ベンダー", "the vendor"},
	{"owner_user", "ユーザー（運用）", "the user (operations)"},
	{"owner_both", "ベンダーとユーザー（運用）の双方",
	 "both the vendor and the user (operations)"},
	{"duty", "ユーザーの責務", "User's duty"},
	{"scenario", "攻撃シナリオ", "Attack scenario"},
	{"negligence_label", "注意", "Note"},
	{"negligence",
	 "ガイドラインでは、最低限のデフォルト緩和策を実装しないことは、システム提供者であるユーザ"
	 "ーの"
	 "過失、さらには重過失と判断され得るとされる。この決定にはユーザーの理由が記録されている。",
	 "Under the guideline, not implementing a minimum default mitigation can be judged "
	 "negligence, even gross negligence, of the system provider, the user. The user's reason "
	 "for "
	 "this decision is on record."},
	{"register_note_default",
	 "デフォルト緩和策を実装しない決定には「デフォルト緩和策」と付記する。ガイドラインでは、こ"
	 "れを"
	 "実装しないことはシステム提供者であるユーザーの過失（重過失を含む）と判断され得る。",
	 "A decision not to implement a default mitigation is marked as such: under the guideline, "
	 "not implementing one can be judged negligence, even gross negligence, of the system "
	 "provider, the user."},
	{"s_proposals", "カタログ外の提案・警告", "Proposals and warnings outside the catalog"},
	{"pk_advice", "助言", "Advice"},
	{"pk_warning", "警告", "Warning"},
	{"pk_improvement", "改善提案", "Improvement"},
	{"pk_foss", "FOSSの採用", "FOSS component"},
	{"proposal_text", "内容", "Text"},
	{"proposed_by", "提案者", "Proposed by"},
	{"concerns", "関連する要求事項", "Concerns"},
	{"a_adopt", "採用", "Adopted"},
	{"a_decline", "不採用", "Declined"},
	{"a_defer", "保留", "Deferred"},
	{"unanswered", "未回答（ユーザーの回答が必要）", "Not answered (the user must answer)"},
	{"unanswered_list", "ユーザーの回答がない提案", "Proposals the user has not answered"},
	{"no_proposals", "カタログ外の提案・警告は記録されていない。",
	 "No proposal or warning outside the catalog is recorded."},
	{"component", "コンポーネント", "Component"},
	{"licence", "ライセンス", "Licence"},
	{"defects", "開示された既知の不具合", "Known defects disclosed"},
	{"foss_label", "責任の分担", "Allocation of responsibility"},
	{"foss_clause",
	 "ベンダーは、このコンポーネントの既知の不具合を上記のとおり開示した。ユーザーは、それを承"
	 "知のう"
	 "えでこのコンポーネントを使うことに決めた。ベンダーが開示した不具合についての責任はユーザ"
	 "ーが負"
	 "い、ベンダーが知りながら開示しなかった不具合についての責任はベンダーが負う。これは当事者"
	 "が記録"
	 "した責任の分担であり、法的な助言ではない。",
	 "The vendor disclosed the known defects of this component, as above. The user decided to "
	 "use "
	 "the component with them. Responsibility for the defects the vendor disclosed rests with "
	 "the "
	 "user; responsibility for defects the vendor knew of and did not disclose rests with the "
	 "vendor. This is the allocation the parties recorded, not legal advice."},
	{"s_costs", "費用負担", "Cost allocation"},
	{"cost_for", "対象", "For"},
	{"on_item", "要求事項", "requirement"},
	{"on_proposal", "提案", "proposal"},
	{"on_change", "変更要求", "change request"},
	{"bearer", "負担者", "Borne by"},
	{"bearer_shared", "双方で分担", "shared"},
	{"amount", "金額", "Amount"},
	{"basis", "根拠", "Basis"},
	{"mgmt_approval", "経営陣の承認", "Management approval"},
	{"no_costs", "記録された費用負担はない。", "No cost allocation is recorded."},
	{"s_contracts", "運用に関する契約", "Contracts for operation"},
	{"contracts_note",
	 "工程(12)の成果物は、SLAを基礎とする運用代行契約・保守契約・保守開発契約である。",
	 "The deliverables of step (12) are the operation-outsourcing, maintenance and "
	 "maintenance-development contracts, with the SLA as their basis."},
	{"ck_operation", "運用代行契約", "Operation outsourcing"},
	{"ck_maintenance", "保守契約", "Maintenance"},
	{"ck_maintenance-development", "保守開発契約", "Maintenance development"},
	{"sla", "SLA", "SLA"},
	{"diagnosis_cadence", "診断の頻度", "Diagnosis cadence"},
	{"incident", "インシデント対応での協力", "Incident cooperation"},
	{"contract_doc", "契約書（SHA-256）", "Contract document (SHA-256)"},
	{"agreed", "両当事者が合意", "Agreed by both sides"},
	{"awaiting_other", "相手方の合意待ち", "Awaiting the other side's agreement"},
	{"no_contracts", "運用に関する契約は記録されていない。",
	 "No contract for operation is recorded."},
	{"ack", "再見積もりの了承", "Acknowledgement of re-estimation"},
	{"ack_none", "合意後の変更に伴う再見積もりについて、ユーザーの了承は記録されていない。",
	 "The user's acknowledgement that changes after agreement are re-estimated is not "
	 "recorded."},
	{"parties_user", "ユーザーのみ", "user only"},
	{"at", "日時", "At"},
	{"by", "記録者", "By"},
	{"note", "内容", "Note"},
	/* rules 5: components and vulnerabilities */
	{"s_components", "部品表（SBOM）と脆弱性", "Components (SBOM) and vulnerabilities"},
	{"no_sbom", "ベンダーの部品表（SBOM）は記録されていない。",
	 "No SBOM of the vendor's is recorded."},
	{"sbom_version", "部品表の版", "SBOM version"},
	{"supplier", "供給元", "Supplier"},
	{"brought_by", "持込み元（委託先・プロジェクト・オーナー）",
	 "Brought in by (subcontractor, project, owner)"},
	{"s_licences", "ライセンス", "Licences"},
	{"no_policy", "ライセンスの方針は記録されていない。", "No licence policy is recorded."},
	{"components_n", "部品数", "Components"},
	{"verdict", "方針上の扱い", "Policy"},
	{"lv_allowed", "許可", "allowed"},
	{"lv_review", "要確認", "to review"},
	{"lv_denied", "禁止", "denied"},
	{"s_vulns", "脆弱性の記録", "Vulnerability register"},
	{"no_vulns", "部品の脆弱性は記録されていない。",
	 "No vulnerability of a component is recorded."},
	{"vulnerability", "脆弱性", "Vulnerability"},
	{"vx_analysis", "ベンダーの分析（VEX）", "Vendor's analysis (VEX)"},
	{"vx_decision", "ユーザーの判断", "User's decision"},
	{"vx_none", "未分析", "not analysed"},
	{"vs_affected", "影響あり", "affected"},
	{"vs_not_affected", "影響なし", "not affected"},
	{"vs_fixed", "修正済み", "fixed"},
	{"vs_under_investigation", "調査中", "under investigation"},
	{"vd_accept", "分析を受入れ", "analysis accepted"},
	{"vd_reject", "分析を却下", "analysis rejected"},
	{"va_approved", "承認", "approved"},
	{"va_rejected", "却下", "rejected"},
	{"vst_open", "未分析", "open"},
	{"vst_analysed", "判断待ち", "awaiting the user's decision"},
	{"vst_decided", "判断済み", "decided"},
	{"vst_rejected", "分析を却下（再分析が必要）", "analysis rejected (to be analysed again)"},
	{"vst_awaiting-approval", "経営層の承認待ち", "awaiting management's approval"},
	{"vst_accepted", "リスク受容（承認済み）", "risk accepted (approved)"},
	{"vst_approval-rejected", "受容を却下", "acceptance rejected"},
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
