/*
 * The sample project: the guideline's own example (CRM, HR system, research
 * file server, desktop application, directory) taken through the process
 * with the public API, as real users would, including the vendor's written
 * advice, a few deliberate risk acceptances and management approvals, and
 * the negotiation around it (rules 3): the vendor chosen among two
 * candidates under NDA, the requirement standard, the laws over the
 * personal data and how long it is kept, the vendor's written warnings and
 * proposals with the user's answers, who bears which cost, the terms of
 * re-estimation, the operation and maintenance contracts and a diagnosis.
 */
#include <string.h>

#include "core/core.h"
#include "util/banned.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define TRY(call)                                                                                  \
	do {                                                                                       \
		if ((error = (call)) < 0)                                                          \
			goto out;                                                                  \
	} while (0)

static const char *const USER = "suzuki", *const MGMT = "yamada", *const VENDOR = "sato";

static int member(ss_store *st, const char *p, const char *who, const char *side, const char *role,
		  const char *display, const char *by)
{
	return ss_member_add(st, p, who, side, role, display, by);
}

static int sys(ss_store *st, const char *p, const char *name, const char *const *dev, size_t ndev,
	       const char *const *pol, const char *const *impl, size_t nm)
{
	ss_system_input in = {.name = name,
			      .devices = dev,
			      .ndevices = ndev,
			      .policies = pol,
			      .implementations = impl,
			      .nmeasures = nm};

	return ss_system_add(st, p, &in, USER);
}

static int asset(ss_store *st, const char *p, const char *id, const char *kind, const char *name,
		 const char *system, const char *const *dev, size_t ndev, const char *const *qid,
		 const char *const *ans, size_t nans, ss_impact im)
{
	ss_asset_input in = {id, kind, NULL, name, system, dev, ndev, qid, ans, nans, im, false};

	return ss_asset_add(st, p, &in, "tanaka");
}

static int decide(ss_store *st, const char *p, const char *item, ss_decision_input in,
		  const char *by)
{
	json_t *res = NULL;
	int error = ss_decide(&res, st, p, item, NULL, false, &in, by);

	json_decref(res);
	return error;
}

static int advise(ss_store *st, const char *p, const char *item, const char *section,
		  const char *note)
{
	ss_filter f = {section, NULL, NULL, NULL};
	json_t *res = NULL;
	int error = ss_advise(&res, st, p, item, item ? NULL : &f, note, VENDOR);

	json_decref(res);
	return error;
}

static int approve(ss_store *st, const char *p, const char *item, const char *note)
{
	json_t *res = NULL;
	int error = ss_approve(&res, st, p, item, NULL, true, note, MGMT);

	json_decref(res);
	return error;
}

/* The result of a call, dropped once the call has made it. */
static int drop(int error, json_t **res)
{
	json_decref(*res);
	*res = NULL;
	return error;
}

/* Documents are recorded by their hash: the demo's stand for the files. */
static ss_document doc(const char *name, const char *text)
{
	ss_document d;

	ss_document_of(&d, name, text, strlen(text));
	return d;
}

/* (1)-(3) planning: the user asks two candidates for proposals under NDA
 * and selects one as its vendor. */
static int selection(ss_store *st, const char *p)
{
	static const struct {
		const char *id, *org, *nda, *nda_name, *proposal, *proposal_name;
	} cands[] = {
		{"sample-systems", "サンプルシステムズ株式会社",
		 "秘密保持契約書（株式会社サンプル商事・サンプルシステムズ株式会社）",
		 "nda-sample-systems.pdf",
		 "提案書：顧客管理システム更改（サンプルシステムズ株式会社）",
		 "proposal-sample-systems.pdf"},
		{"reidai-tech", "例示テック株式会社",
		 "秘密保持契約書（株式会社サンプル商事・例示テック株式会社）",
		 "nda-reidai-tech.pdf", "提案書：顧客管理システム更改（例示テック株式会社）",
		 "proposal-reidai-tech.pdf"},
	};
	ss_document rfp =
		doc("rfp-crm-renewal.pdf",
		    "提案依頼書：顧客管理システム更改。セキュリティ要件は「セキュリティ仕様"
		    "策定プロセス」に沿って双方で定める。");
	json_t *res = NULL;
	size_t i;
	int error = 0;

	for (i = 0; i < N(cands) && error == 0; i++) {
		ss_document nda = doc(cands[i].nda_name, cands[i].nda),
			    prop = doc(cands[i].proposal_name, cands[i].proposal);

		if ((error = drop(ss_candidate_add(&res, st, p, cands[i].id, cands[i].org, USER),
				  &res)) < 0 ||
		    (error = drop(ss_nda_record(&res, st, p, cands[i].id, "2026-04-10", &nda,
						"相互秘密保持契約", "2029-04-09", false, USER),
				  &res)) < 0 ||
		    (error = drop(
			     ss_candidate_document(&res, st, p, cands[i].id, "rfp", &rfp, USER),
			     &res)) < 0)
			break;
		error = drop(
			ss_candidate_document(&res, st, p, cands[i].id, "proposal", &prop, USER),
			&res);
	}
	if (error < 0)
		return error;
	return drop(
		ss_vendor_select(&res, st, p, "sample-systems",
				 "提案のセキュリティ要件への回答が具体的で、ガイドラインに沿った"
				 "運用保守の体制と脆弱性診断の実績がある。費用は2社でほぼ同等。",
				 USER),
		&res);
}

/* (4) requirements: the standard the requirements follow, the laws over the
 * personal data, and how long each kind of data is kept. */
static int registers(ss_store *st, const char *p)
{
	static const char *const personal[] = {"crm-customers", "hr-records"};
	ss_standard_input asvs = {"asvs", "4.0.3", 2,
				  "Webアプリケーション（CRM・人事システム）の要件はASVS 4.0.3 "
				  "レベル2に基づく。",
				  false};
	ss_law_input appi = {"appi",
			     "個人情報の保護に関する法律",
			     "law",
			     "個人情報保護委員会",
			     "安全管理措置（第23条）、委託先の監督（第25条）、漏えい等の報告と本人"
			     "への通知（第26条）",
			     personal,
			     N(personal),
			     "2027-04-01",
			     false};
	ss_law_input guideline = {
		"appi-guideline",
		"個人情報の保護に関する法律についてのガイドライン（通則編）",
		"guideline",
		"個人情報保護委員会",
		"講ずべき安全管理措置（組織的・人的・物理的・技術的安全管理措置）",
		personal,
		N(personal),
		"2027-04-01",
		false};
	ss_retention_input keep_crm = {"crm-customers",
				       true,
				       "取引終了から5年",
				       "保存期間の満了後に本番データを削除し、バックアップは世代の"
				       "入れ替えで消去する。",
				       "問合せ対応と取引履歴の確認のため。",
				       false};
	ss_retention_input keep_hr = {"hr-records",
				      true,
				      "退職から5年（社内の文書管理規程による）",
				      "期間満了後に削除し、削除の記録を残す。",
				      NULL,
				      false};
	ss_retention_input drop_ab = {"desktop-addressbook",
				      false,
				      NULL,
				      "端末の返却・廃棄時にデータ消去ツールで消去する。",
				      "業務に必要な連絡先はCRMに集約し、端末には保持しない。",
				      false};
	ss_retention_input keep_research = {
		"research-results",
		true,
		"製品化または研究の中止から10年（特許・技術資料の管理規程"
		"による）",
		"期間満了後に研究部門長の承認を得て削除し、削除の記録を残す。",
		NULL,
		false};
	ss_retention_input keep_admin = {"directory-admin",
					 true,
					 "システムの運用期間中",
					 "システムの廃止時に管理者アカウントを無効化し、資格情報を"
					 "破棄する。",
					 NULL,
					 false};
	json_t *res = NULL;
	int error;

	if ((error = drop(ss_standard_set(&res, st, p, &asvs, USER), &res)) < 0 ||
	    (error = drop(ss_law_set(&res, st, p, &appi, "tanaka"), &res)) < 0 ||
	    (error = drop(ss_law_set(&res, st, p, &guideline, "tanaka"), &res)) < 0 ||
	    (error = drop(ss_retention_set(&res, st, p, &keep_crm, USER), &res)) < 0 ||
	    (error = drop(ss_retention_set(&res, st, p, &keep_hr, USER), &res)) < 0 ||
	    (error = drop(ss_retention_set(&res, st, p, &keep_research, USER), &res)) < 0 ||
	    (error = drop(ss_retention_set(&res, st, p, &keep_admin, USER), &res)) < 0)
		return error;
	return drop(ss_retention_set(&res, st, p, &drop_ab, USER), &res);
}

/* (5) the vendor's written warning and proposals outside the catalog. */
static int proposals(ss_store *st, const char *p)
{
	ss_proposal_input warning = {
		"warning",
		"クレジットカード番号を保存しないこと",
		"CRMにクレジットカード番号とセキュリティコードを保存しないでください。決済代行会社"
		"のトークンのみを保持する設計とし、画面・ログ・バックアップにもカード番号が残らない"
		"ようにしてください。保存した場合、漏えい時の被害と対応費用が大きく増え、カード業界"
		"の基準（PCI DSS）への準拠も必要になります。",
		"APP-SC-024",
		NULL,
		NULL,
		NULL,
		NULL};
	ss_proposal_input foss = {
		"foss",
		"シングルサインオンにKeycloakを採用する",
		"CRMと人事システムのログインをKeycloakに集約し、多要素認証を一か所で設定・監査"
		"できるようにすることを提案します。",
		NULL,
		"Keycloak",
		"26.0.7",
		"Apache-2.0",
		"提案時点で公開されている脆弱性は本バージョンまでに修正済みであることを確認した。当"
		"社の検証で見つかった不具合はない。コミュニティ版のため製品の保守はなく、脆弱性情報"
		"の確認と更新は保守契約の範囲で当社が行う。"};
	ss_proposal_input waf = {"improvement",
				 "WAF（Webアプリケーションファイアウォール）の導入",
				 "CRMの前段にWAFを置き、既知の攻撃パターンを遮断することを提案し"
				 "ます。",
				 NULL,
				 NULL,
				 NULL,
				 NULL,
				 NULL};
	json_t *res = NULL;
	int error;

	if ((error = drop(ss_proposal_add(&res, st, p, &warning, VENDOR), &res)) < 0 ||
	    (error = drop(ss_proposal_add(&res, st, p, &foss, "ito"), &res)) < 0)
		return error;
	ss_proposal_input logs = {"advice",
				  "ログを1年以上、改ざんできない場所に保存すること",
				  "インシデントの発覚は侵入から数か月後になることが多いため、認証・"
				  "管理操作のログを1年以上、サーバーの管理者でも消せない場所（別"
				  "アカウントの保管領域等）に保存することを勧めます。",
				  NULL,
				  NULL,
				  NULL,
				  NULL,
				  NULL};

	if ((error = drop(ss_proposal_add(&res, st, p, &waf, VENDOR), &res)) < 0)
		return error;
	/* the user's external expert puts advice in writing too */
	return drop(ss_proposal_add(&res, st, p, &logs, "hayashi"), &res);
}

/* (5) the user's answers, and who bears which cost. */
static int answers_and_costs(ss_store *st, const char *p)
{
	ss_cost_input tokens = {
		"proposal",
		"P-0001",
		"shared",
		"カード番号を保持しない設計は双方の責任の範囲を狭めるため、費用を分担"
		"する。",
		"決済代行会社の初期費用と月額費用はユーザー、トークン連携の実装はベン"
		"ダーが負担する。",
		true,
		450000,
		"JPY",
		false};
	ss_cost_input sso = {
		"proposal", "P-0002",
		"vendor",   "ベンダーの提案による構成であり、導入作業は見積りに含める。",
		NULL,       false,
		0,          NULL,
		false};
	ss_cost_input monitoring = {
		"item",
		"WIN-DM-010",
		"user",
		"EDR導入までのDefenderの集中監視とログの外部保全は、ユーザーの運用"
		"として行う。",
		NULL,
		true,
		120000,
		"JPY",
		false};
	ss_cost_input log_store = {
		"proposal", "P-0004", "user", "ログ保管領域の月額費用（13か月分の容量）",
		NULL,       true,     36000,  "JPY",
		false};
	json_t *res = NULL;
	int error;

	if ((error = drop(ss_proposal_answer(&res, st, p, "P-0001", "adopt",
					     "決済代行会社のトークンのみを保持する。", false, USER),
			  &res)) < 0 ||
	    (error = drop(ss_proposal_answer(&res, st, p, "P-0002", "adopt", NULL, false, USER),
			  &res)) < 0 ||
	    (error = drop(ss_proposal_answer(&res, st, p, "P-0003", "defer",
					     "来年度の予算で検討する。", false, "tanaka"),
			  &res)) < 0 ||
	    (error = drop(ss_proposal_answer(&res, st, p, "P-0003", "decline",
					     "CRMは社内ネットワークとVPN経由でのみ利用し、インター"
					     "ネットに公開しない。入力値の検証とログの監視で対応す"
					     "る。",
					     true, USER),
			  &res)) < 0 ||
	    (error = drop(ss_proposal_answer(&res, st, p, "P-0004", "adopt",
					     "監査ログを別アカウントの保管領域に13か月保存する。",
					     false, USER),
			  &res)) < 0 ||
	    (error = drop(ss_cost_set(&res, st, p, &tokens, VENDOR), &res)) < 0 ||
	    (error = drop(ss_cost_set(&res, st, p, &sso, VENDOR), &res)) < 0)
		return error;
	if ((error = drop(ss_cost_set(&res, st, p, &monitoring, "tanaka"), &res)) < 0)
		return error;
	return drop(ss_cost_set(&res, st, p, &log_store, "tanaka"), &res);
}

static int approve_costs(ss_store *st, const char *p)
{
	json_t *res = NULL;
	int error;

	if ((error = drop(ss_cost_approve(&res, st, p, "proposal", "P-0001", true,
					  "分担の内容を確認のうえ承認する。", MGMT),
			  &res)) < 0 ||
	    (error = drop(ss_cost_approve(&res, st, p, "proposal", "P-0002", true, NULL, MGMT),
			  &res)) < 0 ||
	    (error = drop(ss_cost_approve(&res, st, p, "proposal", "P-0004", true, NULL, MGMT),
			  &res)) < 0)
		return error;
	return drop(ss_cost_approve(&res, st, p, "item", "WIN-DM-010", true,
				    "EDR導入までの暫定費用として承認する。", MGMT),
		    &res);
}

/* (6)-(12) after the agreement: the terms of re-estimation, the operation
 * and maintenance contracts agreed by both leads, and the first diagnosis
 * by the service provider. */
static int contracts(ss_store *st, const char *p)
{
	ss_document ops_doc =
			    doc("crm-operation-contract.pdf",
				"顧客管理システム 運用業務委託契約書（株式会社サンプル商事・サンプ"
				"ルシステムズ株式会社）"),
		    mnt_doc =
			    doc("crm-maintenance-contract.pdf",
				"顧客管理システム 保守契約書（株式会社サンプル商事・サンプルシステ"
				"ムズ株式会社）"),
		    report = doc("diagnosis-report-2026.pdf",
				 "顧客管理システム 脆弱性診断報告書（2026年11月）");
	ss_contract_input ops = {
		"OPS-1",
		"operation",
		"顧客管理システム 運用業務委託契約",
		"稼働率99.5%（月間、計画停止を除く）。障害の受付は24時間、復旧作業は平日9時から18"
		"時。",
		"年1回、ASVS 4.0.3 レベル2に基づく脆弱性診断を第三者の診断事業者が行う。費用はベ"
		"ンダーが負担する。",
		"重大なインシデントは検知から1時間以内にユーザーの情報システム部へ報告し、72時間以"
		"内に原因と対応の報告書を提出する。",
		&ops_doc,
		false};
	ss_contract_input mnt = {
		"MNT-1",
		"maintenance",
		"顧客管理システム 保守契約",
		"不具合の一次回答は翌営業日まで。重大な脆弱性の修正は公表から14日以内に適用する。",
		"機能追加のリリース前に、変更箇所の脆弱性診断を行う。",
		"保守作業で検知したインシデントは運用業務委託契約（OPS-1）の手順で報告する。",
		&mnt_doc,
		false};
	ss_diagnosis_input diag = {
		"diagnosis",
		"ASVS 4.0.3 レベル2",
		"2026-11-20",
		"高リスクの指摘なし。中リスク2件（セッションのタイムアウト設定の"
		"不足、エラーメッセージでの内部情報の表示）を指摘し、是正を確認し"
		"た。",
		&report,
		"OPS-1"};
	json_t *res = NULL;
	int error;

	if ((error = drop(ss_terms_acknowledge(
				  &res, st, p,
				  "仕様の合意後に、資産・システム・ガイドラインの変更で生じる変更"
				  "要求は、その都度、費用と納期の再見積りの対象となることを確認し"
				  "た。",
				  MGMT),
			  &res)) < 0 ||
	    (error = drop(ss_contract_set(&res, st, p, &ops, VENDOR), &res)) < 0 ||
	    (error = drop(ss_contract_set(&res, st, p, &mnt, VENDOR), &res)) < 0 ||
	    (error = drop(ss_contract_agree(&res, st, p, "OPS-1", USER), &res)) < 0 ||
	    (error = drop(ss_contract_agree(&res, st, p, "MNT-1", USER), &res)) < 0 ||
	    (error = member(st, p, "kimura", "vendor", "provider",
			    "木村 四郎（セキュア診断株式会社 診断員）", VENDOR)) < 0)
		return error;
	return drop(ss_diagnosis_add(&res, st, p, &diag, "kimura"), &res);
}

int ss_demo_build(json_t **out, ss_store *st, const char *p, const char *catalog_version)
{
	static const char *const sections[] = {"secure-coding", "default", "detailed", "attack"};
	json_t *res = NULL, *show = NULL;
	size_t i;
	int error;

	if (!out || !st || !p)
		return ss_error_set(SS_EINVAL, "ss_demo_build: NULL argument");

	/* (1)-(3) planning: the parties, the vendor chosen among the candidates */
	{
		/* no vendor yet: it is chosen among the candidates */
		ss_project_input in = {.name = p,
				       .user_org = "株式会社サンプル商事",
				       .by = USER,
				       .by_side = "user",
				       .by_display_name = "鈴木 一郎（情報システム部 部長）",
				       .catalog_version = catalog_version};

		TRY(ss_project_create_from(st, &in));
	}
	TRY(member(st, p, MGMT, "user", "management", "山田 花子（取締役 CIO）", USER));
	TRY(member(st, p, "tanaka", "user", "member", "田中 次郎（情報システム部）", USER));
	TRY(member(st, p, "kobayashi", "user", "auditor", "小林 三郎（内部監査室）", USER));
	TRY(selection(st, p));
	TRY(member(st, p, VENDOR, "vendor", "lead", "佐藤 健（プロジェクトマネージャー）", USER));
	TRY(member(st, p, "ito", "vendor", "member", "伊藤 さくら（セキュリティエンジニア）",
		   VENDOR));
	/* the operations organisation (CSIRT) and an external expert on the user side */
	TRY(member(st, p, "yoshida", "user", "operations",
		   "吉田 五郎（情報システム部 運用・CSIRT）", USER));
	TRY(member(st, p, "hayashi", "user", "expert", "林 六子（外部セキュリティ専門家）", USER));
	TRY(ss_project_phase_set(st, p, 4, USER, false, NULL));

	/* (4) requirements: target systems as in the guideline's example table */
	{
		static const char *const crm_dev[] = {"CRMサーバー", "営業PC", "スマートフォン"};
		static const char *const crm_pol[] = {"authentication"};
		static const char *const crm_imp[] = {"多要素認証の導入"};
		static const char *const hr_dev[] = {"人事サーバー", "人事部PC"};
		static const char *const hr_pol[] = {"access-control"};
		static const char *const hr_imp[] = {"ネットワーク分離 (VLAN)"};
		static const char *const rs_dev[] = {"ファイルサーバー"};
		static const char *const rs_pol[] = {"access-control", "audit"};
		static const char *const rs_imp[] = {"ネットワーク分離 (VLAN)",
						     "侵入検知システムの導入"};
		static const char *const dt_dev[] = {"PC", "スマートフォン"};
		static const char *const dt_pol[] = {"access-control"};
		static const char *const dt_imp[] = {"リスクベース認証の導入"};
		static const char *const dc_dev[] = {"Domain Controller"};
		static const char *const dc_pol[] = {"authentication", "audit"};
		static const char *const dc_imp[] = {"多要素認証の導入", "侵入検知システムの導入"};

		TRY(sys(st, p, "CRM", crm_dev, N(crm_dev), crm_pol, crm_imp, N(crm_pol)));
		TRY(sys(st, p, "人事システム", hr_dev, N(hr_dev), hr_pol, hr_imp, N(hr_pol)));
		TRY(sys(st, p, "研究部サーバー", rs_dev, N(rs_dev), rs_pol, rs_imp, N(rs_pol)));
		TRY(sys(st, p, "デスクトップアプリ", dt_dev, N(dt_dev), dt_pol, dt_imp, N(dt_pol)));
		TRY(sys(st, p, "ディレクトリ", dc_dev, N(dc_dev), dc_pol, dc_imp, N(dc_pol)));
	}
	{
		/* a legacy system that cannot be replaced, with its compensating measures */
		static const char *const lg_dev[] = {"解析装置の制御PC（Windows 7 Embedded）"};
		static const char *const lg_pol[] = {"network-control"};
		static const char *const lg_imp[] = {"専用VLANへの隔離"};
		ss_system_input in = {
			.name = "解析装置",
			.devices = lg_dev,
			.ndevices = N(lg_dev),
			.policies = lg_pol,
			.implementations = lg_imp,
			.nmeasures = N(lg_pol),
			.legacy = "装置メーカーがOSの更新に対応しておらず、装置の更新は2029年"
				  "度の予定。",
			.compensating = "専用VLANに隔離し、ファイルの受け渡しはウイルス"
					"検査済みの専用USBメモリに限る。ネットワーク経由"
					"の接続は解析結果の取得用サーバーからのみ許可す"
					"る。"};

		TRY(ss_system_add(st, p, &in, USER));
	}
	{
		static const char *const pd_q[] = {"volume", "sensitive"};
		static const char *const crm_a[] = {
			"顧客約12万件。漏えいすれば通知・問合せ対応で通常業務は継続できない。",
			"クレジットカード番号は保持しない（決済代行のトークンのみ）。購買履歴を含む"
			"。"};
		static const char *const crm_d[] = {"CRMサーバー", "営業PC", "スマートフォン"};
		static const char *const hr_a[] = {"従業員約800名分。人事部で対応可能な件数。",
						   "健康診断結果（要配慮個人情報）を含む。"};
		static const char *const hr_d[] = {"人事サーバー", "人事部PC"};
		static const char *const ip_q[] = {"advantage", "liability"};
		static const char *const ip_a[] = {
			"新製品の設計情報を含み、流出すれば優位性を失う。",
			"取引先の仕様書を含み、損害賠償は事業継続に関わる規模になりうる。"};
		static const char *const ip_d[] = {"ファイルサーバー"};
		static const char *const ab_a[] = {"個人の連絡先数百件。",
						   "機微な情報は含まない。"};
		static const char *const ab_d[] = {"PC", "スマートフォン"};
		static const char *const mc_q[] = {"restricted-path", "session-record"};
		static const char *const mc_a[] = {
			"管理操作は管理専用端末からのみ。多要素認証は本契約で導入する。",
			"ドメイン管理者の操作ログは現在取得していない（本契約で導入）。"};
		static const char *const mc_d[] = {"Domain Controller", "管理専用端末"};

		TRY(asset(st, p, "crm-customers", "personal-data",
			  "顧客情報（氏名・連絡先・購買履歴）", "CRM", crm_d, N(crm_d), pd_q, crm_a,
			  N(pd_q), (ss_impact){2, 3, 3, 3}));
		TRY(asset(st, p, "hr-records", "personal-data", "従業員の人事・給与情報",
			  "人事システム", hr_d, N(hr_d), pd_q, hr_a, N(pd_q),
			  (ss_impact){2, 2, 2, 2}));
		TRY(asset(st, p, "research-results", "intellectual-property",
			  "研究成果・設計書・製造方法", "研究部サーバー", ip_d, N(ip_d), ip_q, ip_a,
			  N(ip_q), (ss_impact){3, 2, 3, 3}));
		TRY(asset(st, p, "desktop-addressbook", "personal-data", "個人のアドレス帳",
			  "デスクトップアプリ", ab_d, N(ab_d), pd_q, ab_a, N(pd_q),
			  (ss_impact){1, 1, 1, 1}));
		TRY(asset(st, p, "directory-admin", "management-console",
			  "ドメイン管理者によるドメインコントローラーへの接続", "ディレクトリ",
			  mc_d, N(mc_d), mc_q, mc_a, N(mc_q), (ss_impact){3, 3, 3, 2}));
	}
	TRY(registers(st, p));
	TRY(ss_project_phase_set(st, p, 5, USER, false, NULL));

	/* (5) system requirements: every catalog item drafted, then decided */
	TRY(ss_spec_draft(&res, st, p, USER));
	json_decref(res);
	res = NULL;
	for (i = 0; i < N(sections); i++) {
		if (strcmp(sections[i], "default") == 0)
			continue;
		TRY(advise(st, p, NULL, sections[i],
			   "ガイドラインの推奨どおり実装することを推奨します。対象システムの影響"
			   "レベル（L3を含む）に照らして必要な対策です。"));
	}
	TRY(advise(st, p, "APP-SC-024", NULL,
		   "クレジットカード番号とセキュリティコードはCRMに保存せず、決済代行会社のトー"
		   "クンのみを保持する設計を強く推奨します。保存すると漏えい時の被害と対応費用が"
		   "大きく増えます。"));
	TRY(advise(
		st, p, "WIN-DM-010", NULL,
		"EDRの導入を推奨します。未導入の場合、侵入後の横展開の検知と調査が大きく遅れま"
		"す。導入しない場合は、ウイルス対策の集中監視とログ保全で補うことを提案します。"));
	TRY(advise(st, p, "LNX-AT-014", NULL,
		   "本システムはコンテナを使用しない構成のため、本項目は対象外で差し支えありませ"
		   "ん。将来コンテナを導入する場合は再評価が必要です。"));
	TRY(proposals(st, p));
	for (i = 0; i < N(sections); i++) {
		ss_filter f = {sections[i], NULL, NULL, NULL};
		ss_decision_input in = {.policy = "implement"};

		TRY(ss_decide(&res, st, p, NULL, &f, false, &in, USER));
		json_decref(res);
		res = NULL;
	}
	TRY(decide(st, p, "WIN-DM-010",
		   (ss_decision_input){
			   .policy = "accept",
			   .reason = "EDRは全社導入の計画（2027年度）に合わせて導入するため、本契約"
				     "の範囲では導入しない。それまではDefenderの集中監視とログの外"
				     "部保全で検知を補う。",
			   .review_by = "2027-10-01",
			   .scenario = "フィッシングメールで営業PCに侵入した攻撃者が、リモートサー"
				       "ビス（T1021）で他の端末やCRMサーバーへ横展開する。EDRがな"
				       "いため挙動の検知と調査が遅れ、顧客情報を持ち出される。"},
		   USER));
	TRY(decide(st, p, "LNX-DM-022",
		   (ss_decision_input){
			   .policy = "accept",
			   .reason = "本システムのLinuxサーバーは外部からファイルを受け取らない（ア"
				     "ップロード機能なし、メール受信なし）。侵入の検知はAIDEと監査"
				     "ログの転送で行う。",
			   .review_by = "2027-04-01",
			   .scenario = "別の経路で侵入した攻撃者がWebシェルやコインマイナーをサーバ"
				       "ーに置き（T1505.003、T1496）、マルウェア対策がないため実行"
				       "されるまで気付かない。"},
		   "tanaka"));
	TRY(decide(st, p, "WIN-DS-009",
		   (ss_decision_input){
			   .policy = "alternative",
			   .reason = "運用チームの管理端末からのRDP接続は業務上必要で、踏み台サーバ"
				     "ーは本契約の予算に含まれない。",
			   .alternative =
				   "RDPはWindowsファイアウォールで管理VLANの管理専用端末（2台"
				   "）からのみ許可し、NLAを必須とする。接続はイベントログ（"
				   "4624 Logon Type 10）で監視する。",
			   .scenario = "窃取した管理者の認証情報でRDP（T1021.001）によりサーバーへ"
				       "接続し、設定の変更やデータの持ち出しを行う。",
			   .owner = "both",
			   .duty = "情報システム部は管理専用端末を2台に限り、RDPのログオン記録を週"
				   "に一度確認する。"},
		   USER));
	/* a control the user's environment already provides, and a measure the
	 * user's own operations carry out */
	TRY(decide(st, p, "WIN-DM-018",
		   (ss_decision_input){
			   .policy = "existing",
			   .evidence =
				   "全社のメールはExchange Onlineの既存テナントを経由し、Defender "
				   "for Office 365の添付ファイル保護で実行形式・マクロ付き文書を"
				   "遮断している（情報システム部の設定記録 2026-03版）。"},
		   USER));
	TRY(decide(st, p, "WIN-DM-001",
		   (ss_decision_input){
			   .policy = "implement",
			   .owner = "user",
			   .duty = "情報システム部が年1回の標的型メール訓練と教育を行い、不審メール"
				   "の報告窓口（内線とフォーム）を周知する。"},
		   USER));
	TRY(decide(st, p, "LNX-AT-014",
		   (ss_decision_input){
			   .policy = "na",
			   .reason = "本システムはコンテナ（Docker、Podman等）を使用しない。"},
		   USER));
	TRY(decide(st, p, "APP-SC-008",
		   (ss_decision_input){
			   .policy = "na",
			   .reason = "本システムの業務機能にファイルのアップロードは含まれない。"},
		   USER));
	TRY(approve(st, p, "WIN-DM-010",
		    "2027年度の全社EDR導入計画を前提に承認する。計画が遅れる場合は再審議する。"));
	TRY(approve(st, p, "LNX-DM-022", "受容を承認する。"));
	TRY(approve(st, p, "WIN-DS-009", "代替策の費用と運用負荷を確認のうえ承認する。"));
	TRY(answers_and_costs(st, p));
	TRY(approve_costs(st, p));
	TRY(contracts(st, p));

	TRY(ss_project_show(&show, st, p));
	*out = json_pack("{s:s, s:O, s:O}", "project", p, "events",
			 json_object_get(show, "head_seq"), "counts",
			 json_object_get(show, "counts"));
out:
	json_decref(res);
	json_decref(show);
	return error;
}
