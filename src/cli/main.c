/* secspec: git-style subcommands dispatched from one table. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const cli_command cli_commands[] = {
	{"init", cmd_init, "create or migrate the database and load the built-in catalog",
	 "データベースを作成または移行し、組み込みカタログを読み込む"},
	{"catalog", cmd_catalog, "list, show and validate the guideline catalog",
	 "ガイドラインのカタログを一覧・表示・検証する"},
	{"project", cmd_project, "create, list and show projects; move through the 12 steps",
	 "プロジェクトを作成・一覧・表示し、12 の手順を進める"},
	{"member", cmd_member, "add, remove and list the people of a project",
	 "プロジェクトの参加者を追加・削除・一覧する"},
	{"asset", cmd_asset, "record information/operations and their impact (L1-L3)",
	 "情報・業務とその影響度 (L1-L3) を記録する"},
	{"system", cmd_system, "record target systems with their policies and implementations",
	 "対象システムとその方針・実装を記録する"},
	{"spec", cmd_spec, "draft the specification and list its requirements",
	 "仕様書の素案を作成し、要件を一覧する"},
	{"decide", cmd_decide, "record the user's decision on mitigations",
	 "対策についてのユーザーの判断を記録する"},
	{"advise", cmd_advise, "record the vendor's advice on mitigations",
	 "対策についてのベンダーの助言を記録する"},
	{"approve", cmd_approve, "management approves risk acceptances and alternatives",
	 "経営層がリスク受容と代替策を承認する"},
	{"reject", cmd_reject, "management rejects risk acceptances and alternatives",
	 "経営層がリスク受容と代替策を却下する"},
	{"import", cmd_import, "import ATT&CK, CWE, ASVS or XCCDF reference data",
	 "ATT&CK・CWE・ASVS・XCCDF の参照データを取り込む"},
	{"refs", cmd_refs, "list, look up and check against imported reference data",
	 "取り込んだ参照データを一覧・検索・照合する"},
	{"change", cmd_change,
	 "change requests raised by a new catalog version or a change after agreement",
	 "カタログの新版や合意後の変更から生じる変更要求"},
	{"check", cmd_check,
	 "evaluate the implemented items' machine checks on a Linux root or Windows exports",
	 "実装する項目の機械的な検査を Linux のルートツリーまたは Windows の書き出しで評価する"},
	{"acceptance", cmd_acceptance,
	 "what verifies each implemented item and the switchover checklist; record a "
	 "verification",
	 "実装する各項目と切替チェックリストの検証状況を示し、検証を記録する"},
	{"coverage", cmd_coverage, "ATT&CK coverage of a project (text, JSON, Navigator layer)",
	 "プロジェクトの ATT&CK カバレッジ (テキスト、JSON、Navigator レイヤー)"},
	{"threat", cmd_threat, "set a technique's threat scores for a project, with the reason",
	 "プロジェクトでの攻撃手法の脅威評点を理由とともに設定する"},
	{"sbom", cmd_sbom, "the system's components (SBOM versions), their licences and hashes",
	 "システムの部品表 (SBOM の版)、ライセンスとハッシュ"},
	{"vuln", cmd_vuln,
	 "advisories matched against the components, analysed, decided and approved (VEX)",
	 "部品に該当する脆弱性情報と、その分析・判断・承認 (VEX)"},
	{"proposal", cmd_proposal,
	 "the vendor's proposals and warnings outside the catalog, answered",
	 "カタログ外のベンダーの提案・警告とその回答"},
	{"cost", cmd_cost, "who bears which cost, approved by the user side's management",
	 "どの費用を誰が負担するか (ユーザー側経営層が承認)"},
	{"candidate", cmd_candidate, "vendor candidates and the documents exchanged with them",
	 "ベンダー候補と、候補とやり取りした文書"},
	{"nda", cmd_nda, "record an NDA with a candidate or the vendor",
	 "候補またはベンダーとの秘密保持契約を記録する"},
	{"vendor", cmd_vendor, "select the vendor among the candidates, with the reason",
	 "候補の中からベンダーを理由とともに選定する"},
	{"law", cmd_law, "laws, regulations and guidelines that bind the assets",
	 "資産に適用される法令・規則・ガイドライン"},
	{"itasset", cmd_itasset,
	 "IT assets by category (application, components, packages, platform, hardware)",
	 "カテゴリ別のIT資産 "
	 "(開発アプリケーション、コンポーネント、パッケージ、基盤、ハードウェア)"},
	{"network", cmd_network, "the network configuration: segments, firewall, VPN, servers",
	 "ネットワーク構成: セグメント、ファイアウォール、VPN、サーバ"},
	{"retention", cmd_retention, "how long each asset is kept and how it is disposed of",
	 "各資産の保存期間と廃棄方法"},
	{"contract", cmd_contract, "operation and maintenance contract terms, agreed by both leads",
	 "運用・保守の契約条件 (双方の責任者が合意)"},
	{"terms", cmd_terms, "acknowledge that changes after agreement are re-estimated",
	 "合意後の変更は再見積りとなることを了承する"},
	{"standard", cmd_standard, "the requirement standard and level (ASVS 4.0.3 level 2 ...)",
	 "要件の基準とレベル (ASVS 4.0.3 レベル 2 など)"},
	{"diagnosis", cmd_diagnosis, "security diagnoses, penetration tests and reviews",
	 "セキュリティ診断・侵入テスト・レビュー"},
	{"lint", cmd_lint, "check completeness and the evidence the process requires",
	 "網羅性と手順が求める証跡を検査する"},
	{"render", cmd_render, "write the security specification (md, html, json)",
	 "セキュリティ仕様書を出力する (md, html, json)"},
	{"log", cmd_log, "show, verify and replay the change log",
	 "変更ログを表示・検証・再生する"},
	{"demo", cmd_demo, "build the sample project from the guideline's example tables",
	 "ガイドラインの例の表からサンプルプロジェクトを作る"},
	{"key", cmd_key, "generate, register and list Ed25519 signing keys",
	 "Ed25519 署名鍵を生成・登録・一覧する"},
	{"agree", cmd_agree, "sign an agreement milestone (spec-v1, switchover ...)",
	 "合意のマイルストーン (spec-v1、switchover など) に署名する"},
	{"minutes", cmd_minutes, "record minutes of meetings with attachments",
	 "会議の議事録を添付ファイルとともに記録する"},
	{"evidence", cmd_evidence, "export the evidence bundle of a project",
	 "プロジェクトの証跡バンドルを書き出す"},
	{"timestamp", cmd_timestamp, "RFC 3161 trusted time for an agreement milestone",
	 "合意のマイルストーンに RFC 3161 のタイムスタンプを付ける"},
	{"verify", cmd_verify, "verify an evidence bundle offline",
	 "証跡バンドルをオフラインで検証する"},
	{"account", cmd_account, "local accounts that log in to the web server (not in any log)",
	 "Web サーバーにログインするローカルアカウント (変更ログの外)"},
	{"serve", cmd_serve, "serve the web application and its JSON API",
	 "Web アプリケーションと JSON API を提供する"},
	{"sync", cmd_sync, "keep a verified copy of a project's log from a server",
	 "サーバーからプロジェクトの変更ログの検証済みの写しを取得・保持する"},
	{"completion", cmd_completion, "print the bash or zsh completion script",
	 "bash または zsh の補完スクリプトを出力する"},
	{NULL, NULL, NULL, NULL}};

/* How many words the global option at argv[i] takes (0: not a global one). */
static int global_words(int argc, char **argv, int i)
{
	if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--quiet") == 0 ||
	    strncmp(argv[i], "--db=", 5) == 0 || strncmp(argv[i], "--lang=", 7) == 0 ||
	    strncmp(argv[i], "--key=", 6) == 0 || strncmp(argv[i], "--propose=", 10) == 0 ||
	    strncmp(argv[i], "--signed=", 9) == 0 || strncmp(argv[i], "--signer=", 9) == 0)
		return 1;
	if ((strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--lang") == 0 ||
	     strcmp(argv[i], "--key") == 0 || strcmp(argv[i], "--propose") == 0 ||
	     strcmp(argv[i], "--signed") == 0 || strcmp(argv[i], "--signer") == 0) &&
	    i + 1 < argc)
		return 2;
	return 0;
}

/* Global options may come before the command or between the command and its
 * subcommand word; move them after everything, where every command's parser
 * reads them. */
static int hoist_globals(int argc, char **argv, char **out)
{
	char *moved[64];
	int i = 1, n = 0, m = 0, k, w, words = 0;

	out[n++] = argv[0];
	while (i < argc && words < 2) {
		if ((w = global_words(argc, argv, i)) > 0 && m + w <= 64) {
			for (k = 0; k < w; k++)
				moved[m++] = argv[i + k];
			i += w;
			continue;
		}
		out[n++] = argv[i++]; /* the command, then the subcommand word */
		words++;
	}
	while (i < argc)
		out[n++] = argv[i++];
	for (k = 0; k < m; k++)
		out[n++] = moved[k];
	out[n] = NULL;
	return n;
}

int main(int argc, char **argv)
{
	char *args[argc + 1];
	size_t i;

	/* The zone named once: with TZ unset, glibc's mktime checks
	 * /etc/localtime again on every call, and libarchive makes one per zip
	 * entry (4,300 for osv.dev's Go archive). The same zone either way;
	 * every time secspec itself shows is UTC. */
	setenv("TZ", ":/etc/localtime", 0);
	argc = hoist_globals(argc, argv, args);
	argv = args;
	cli_messages_lang(argc - 1, argv + 1);
	cli_json_errors(argc - 1, argv + 1);
	if (argc < 2) {
		cli_usage(stderr, strcmp(ss_messages_lang(), "ja") == 0);
		return 64;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return cli_main_help(argc - 2, argv + 2);
	if (strcmp(argv[1], "complete") == 0)
		return cli_main_complete(argc - 2, argv + 2);
	if (strcmp(argv[1], "--version") == 0) {
		printf("secspec %s\n", SECSPEC_VERSION);
		return 0;
	}
	for (i = 0; cli_commands[i].name; i++)
		if (strcmp(argv[1], cli_commands[i].name) == 0)
			return cli_proposal_finish(cli_commands[i].fn(argc - 2, argv + 2));
	if (strcmp(argv[1], "--json") == 0) {
		return cli_usage_fail(NULL, _("give a command: 'secspec --help' lists them"), NULL);
	}
	for (i = 2; i < (size_t)argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--json") == 0) {
			char msg[256];

			snprintf(msg, sizeof(msg),
				 _("unknown command '%.64s': 'secspec --help' lists them"),
				 argv[1]);
			return cli_usage_fail(NULL, msg, NULL);
		}
	fprintf(stderr, _("secspec: unknown command '%s'\n"), argv[1]);
	fputc('\n', stderr);
	cli_usage(stderr, strcmp(ss_messages_lang(), "ja") == 0);
	return 64;
}
