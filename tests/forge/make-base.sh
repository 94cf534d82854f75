#!/usr/bin/env bash
# Build the bundle the forgery tests attack, in the current directory: the
# demo project taken further with keys for every lead, management and member
# (signed decisions, advice, an approval, minutes with an attachment, a
# complete and trusted-timestamped milestone, a revoked and a replaced key, a
# second key with proof of possession, an open second milestone).
# Writes base.tar and keys.txt (PERSON=FILE lines for the forger).
# Usage: make-base.sh TESTDATA_DIR   (secspec on PATH, SECSPEC_DB set)
set -euo pipefail
data=$1
q() { "$@" >/dev/null; }

q secspec demo
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
