/*
 * The sample project: the guideline's own example (CRM, HR system, research
 * file server, desktop application, directory) taken through the process
 * with the public API, as real users would, including the vendor's written
 * advice, a few deliberate risk acceptances and management approvals.
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

int ss_demo_build(json_t **out, ss_store *st, const char *p)
{
	static const char *const sections[] = {"secure-coding", "default", "detailed", "attack"};
	json_t *res = NULL, *show = NULL;
	size_t i;
	int error;

	if (!out || !st || !p)
		return ss_error_set(SS_EINVAL, "ss_demo_build: NULL argument");

	/* (1)-(3) planning: the parties */
	TRY(ss_project_create(st, p, "株式会社サンプル商事", "サンプルシステムズ株式会社", NULL,
			      USER, "user", "鈴木 一郎（情報システム部 部長）"));
	TRY(member(st, p, MGMT, "user", "management", "山田 花子（取締役 CIO）", USER));
	TRY(member(st, p, "tanaka", "user", "member", "田中 次郎（情報システム部）", USER));
	TRY(member(st, p, "kobayashi", "user", "auditor", "小林 三郎（内部監査室）", USER));
	TRY(member(st, p, VENDOR, "vendor", "lead", "佐藤 健（プロジェクトマネージャー）", USER));
	TRY(member(st, p, "ito", "vendor", "member", "伊藤 さくら（セキュリティエンジニア）",
		   VENDOR));
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

	TRY(ss_project_show(&show, st, p));
	*out = json_pack("{s:s, s:O, s:O}", "project", p, "events",
			 json_object_get(show, "head_seq"), "counts",
			 json_object_get(show, "counts"));
out:
	json_decref(res);
	json_decref(show);
	return error;
}
