#!/usr/bin/env bash
# Build the bundle the forgery tests attack, in the current directory: a
# project like the demo's (the guideline's example: its people, systems,
# assets, the vendor's advice, every item decided, risk acceptances and an
# alternative approved by management), created under rules version 2, which
# the forgeries are written against, taken further with keys for every lead,
# management and member (signed decisions, advice, an approval, minutes with
# an attachment, a complete and trusted-timestamped milestone, a revoked and a
# replaced key, a second key with proof of possession, an open second
# milestone). Writes base.tar and keys.txt (PERSON=FILE lines for the forger).
# Usage: make-base.sh TESTDATA_DIR   (secspec on PATH, SECSPEC_DB set)
set -euo pipefail
data=$1
q() { "$@" >/dev/null; }

q secspec init
q secspec project create demo --rules 2 --user "株式会社サンプル商事" --vendor "サンプルシステムズ株式会社" \
	--by suzuki --side user --name "鈴木 一郎（情報システム部 部長）"
q secspec member add demo yamada --side user --role management --name "山田 花子（取締役 CIO）" --by suzuki
q secspec member add demo tanaka --side user --role member --name "田中 次郎（情報システム部）" --by suzuki
q secspec member add demo kobayashi --side user --role auditor --name "小林 三郎（内部監査室）" --by suzuki
q secspec member add demo sato --side vendor --role lead --name "佐藤 健（プロジェクトマネージャー）" --by suzuki
q secspec member add demo ito --side vendor --role member --name "伊藤 さくら（セキュリティエンジニア）" --by sato
q secspec project phase demo 4 --by suzuki
q secspec system add demo CRM --device CRMサーバー --device 営業PC --device スマートフォン \
	--measure authentication=多要素認証の導入 --by suzuki
q secspec system add demo 人事システム --device 人事サーバー --device 人事部PC \
	--measure "access-control=ネットワーク分離 (VLAN)" --by suzuki
q secspec system add demo 研究部サーバー --device ファイルサーバー \
	--measure "access-control=ネットワーク分離 (VLAN)" --measure audit=侵入検知システムの導入 --by suzuki
q secspec system add demo ディレクトリ --device "Domain Controller" \
	--measure authentication=多要素認証の導入 --measure audit=侵入検知システムの導入 --by suzuki
q secspec asset add demo crm-customers --kind personal-data --name "顧客情報（氏名・連絡先・購買履歴）" \
	--system CRM --device CRMサーバー --device 営業PC --answer volume=顧客約12万件 \
	--answer sensitive=カード番号は保持しない --duration L2 --reach L3 --damage L3 --trust L3 --by tanaka
q secspec asset add demo hr-records --kind personal-data --name 従業員の人事・給与情報 --system 人事システム \
	--device 人事サーバー --answer volume=従業員約800名分 --answer sensitive=健康診断結果を含む \
	--duration L2 --reach L2 --damage L2 --trust L2 --by tanaka
q secspec asset add demo research-results --kind intellectual-property --name 研究成果・設計書 \
	--system 研究部サーバー --device ファイルサーバー --answer advantage=流出すれば優位性を失う \
	--answer liability=取引先の仕様書を含む --duration L3 --reach L2 --damage L3 --trust L3 --by tanaka
q secspec asset add demo directory-admin --kind management-console --name ドメイン管理者の接続 \
	--system ディレクトリ --device "Domain Controller" --answer restricted-path=管理専用端末からのみ \
	--answer session-record=本契約で導入 --duration L3 --reach L3 --damage L3 --trust L2 --by tanaka
q secspec project phase demo 5 --by suzuki
q secspec spec draft demo --by suzuki
for s in secure-coding detailed attack; do
	q secspec advise demo --section $s --note "ガイドラインの推奨どおり実装することを推奨します。" --by sato
done
q secspec advise demo WIN-DM-010 --note "EDRの導入を推奨します。導入しない場合は集中監視とログ保全で補う提案をします。" --by sato
for s in secure-coding default detailed attack; do
	q secspec decide demo --section $s --policy implement --by suzuki
done
q secspec decide demo WIN-DM-010 --policy accept --reason "EDRは全社導入の計画（2027年度）に合わせる。" \
	--review-by 2027-10-01 --by suzuki
q secspec decide demo LNX-DM-022 --policy accept --reason "外部からファイルを受け取らない。検知はAIDEで行う。" \
	--review-by 2027-04-01 --by tanaka
q secspec decide demo WIN-DS-009 --policy alternative --reason "踏み台サーバーは本契約の予算に含まれない。" \
	--alternative "RDPは管理専用端末からのみ許可し、NLAを必須とする。" --by suzuki
q secspec decide demo LNX-AT-014 --policy na --reason "コンテナを使用しない。" --by suzuki
q secspec approve demo WIN-DM-010 --note "全社EDR導入計画を前提に承認する。" --by yamada
q secspec approve demo LNX-DM-022 --note "受容を承認する。" --by yamada
q secspec approve demo WIN-DS-009 --note "代替策を承認する。" --by yamada
for k in suzuki sato yamada tanaka ito tanaka2 sato2 kobayashi kimura mallory; do
	q secspec key gen $k.key
done
for k in suzuki sato yamada tanaka ito; do q secspec key register demo --by $k --key $k.key; done
q secspec decide demo LNX-AT-002 --policy na --reason "対象外 / not applicable" --by tanaka --key tanaka.key
q secspec advise demo WIN-DM-010 --note "EDR is advised before 2027" --by ito --key ito.key
q secspec decide demo LNX-DM-001 --policy accept --reason "risk accepted until renewal" \
	--review-by 2027-03-31 --by suzuki --key suzuki.key
q secspec approve demo LNX-DM-001 --note "approved until renewal" --by yamada --key yamada.key
printf 'PDF-1.4 vendor proposal\n' >proposal.pdf
q secspec minutes add demo --date 2026-11-20 --title 仕様合意会議 --attendee suzuki \
	--attendee sato --attendee ito --topic EDR --item WIN-DM-010 --attach proposal.pdf \
	--by suzuki --key suzuki.key
q secspec agree demo --milestone spec-v1 --by suzuki --key suzuki.key
q secspec agree demo --milestone spec-v1 --by sato --key sato.key
q secspec agree demo --milestone spec-v1 --by yamada --key yamada.key
# trusted time from a throwaway TSA
(cd "$(mktemp -d tsa.XXXX)" && "$data/tsa/make-tsa.sh" && cp ca.pem tsa.key tsa.pem tsaserial ..)
q secspec timestamp request demo --milestone spec-v1 -o q.tsq
openssl ts -reply -queryfile q.tsq -inkey tsa.key -signer tsa.pem -config "$data/tsa/tsa.cnf" \
	-out r.tsr 2>/dev/null
q secspec timestamp add demo --milestone spec-v1 --response r.tsr --ca ca.pem --by suzuki --key suzuki.key
# a lost key, revoked by the user lead; its holder starts again with a new one
fpr=$(secspec key list demo --json | jq -r '.[] | select(.person == "tanaka") | .fingerprint')
q secspec key revoke demo "$fpr" --reason "laptop lost" --by suzuki --key suzuki.key
q secspec key register demo --by tanaka --key tanaka2.key
q secspec decide demo LNX-AT-003 --policy na --reason "対象外" --by tanaka --key tanaka2.key
# a further key of the vendor lead: registered with the old one, proven by the new
q secspec key register demo --by sato --key sato.key --new-key sato2.key
q secspec agree demo --milestone spec-v2 --by suzuki --key suzuki.key
q secspec agree demo --milestone spec-v2 --by sato --key sato2.key
q secspec evidence export demo -o base.tar
# kobayashi, kimura and mallory hold keys the log never registered
for k in suzuki sato yamada tanaka ito tanaka2 sato2 kobayashi kimura mallory; do
	echo "${k%2}=$PWD/$k.key"
done >keys.txt
