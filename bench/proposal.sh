#!/bin/bash
# Benchmark: what signing where the key is costs (--propose, key sign,
# --signed) against signing here (--key), measured in the same run on the
# same database. Two cases:
#   single: N decisions on one item, alternating two policies; the baseline
#           is one `decide --key` process per change, the proposal path three
#           processes per change (propose, key sign, signed);
#   bulk:   one decision over every open item of the built-in catalog
#           (a few hundred events), direct against proposed+signed+appended.
# Prints ms per change and the ratio to the baseline.
#
#   bench/proposal.sh [N]     N single changes per path (default 100)
#
# Builds Release in $BUILD_DIR (default /tmp/benchprop). WORK is the scratch
# directory (removed unless KEEP=1). Not a pass/fail test: exit 0 when it
# measured, 2 when the setup failed.
set -Eeuo pipefail
trap 'echo "proposal.sh: setup failed at line $LINENO" >&2; exit 2' ERR

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${1:-${N:-100}}
BUILD_DIR=${BUILD_DIR:-/tmp/benchprop}
WORK=${WORK:-$(mktemp -d /tmp/secspec-prop.XXXXXX)}
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
export LANGUAGE=en SECSPEC_CATALOG_DIR="$ROOT/catalog"

cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD_DIR" --target secspec -j "$(nproc)" >/dev/null
S=$BUILD_DIR/secspec
cd "$WORK"
export SECSPEC_DB=$WORK/p.db
"$S" demo >/dev/null
"$S" key gen u.key >/dev/null
"$S" key register demo --by suzuki --key u.key >/dev/null

# both items start from "na", so that the changes alternate implement / na
for item in LNX-AT-003 LNX-AT-004; do
	"$S" decide demo "$item" --policy na --reason bench --by suzuki --key u.key >/dev/null 2>&1 || true
done

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
policy() { if [ $(($1 % 2)) = 1 ]; then echo "--policy implement"; else echo "--policy na --reason bench"; fi; }

t=$(date +%s%N)
for i in $(seq 1 "$N"); do
	# shellcheck disable=SC2046
	"$S" decide demo LNX-AT-003 $(policy "$i") --by suzuki --key u.key >/dev/null
done
direct=$(ms "$t")
t=$(date +%s%N)
for i in $(seq 1 "$N"); do
	# shellcheck disable=SC2046
	"$S" decide demo LNX-AT-004 $(policy "$i") --by suzuki --propose p.json 2>/dev/null
	"$S" key sign p.json --key u.key >/dev/null
	# shellcheck disable=SC2046
	"$S" decide demo LNX-AT-004 $(policy "$i") --by suzuki --signed p.json >/dev/null
done
proposed=$(ms "$t")
"$S" log verify demo >/dev/null

# bulk: a fresh project; the open items of one platform each way
"$S" project create bulk --user 株式会社ベンチ商事 --vendor ベンチシステムズ株式会社 --by suzuki \
	--side user >/dev/null
"$S" spec draft bulk --by suzuki >/dev/null
"$S" key register bulk --by suzuki --key u.key >/dev/null
t=$(date +%s%N)
"$S" decide bulk --platform linux --open-only --policy implement --by suzuki --key u.key >/dev/null
bulk_direct=$(ms "$t")
linux=$("$S" log verify bulk --json | jq '.events - 3')
t=$(date +%s%N)
"$S" decide bulk --platform windows --open-only --policy implement --by suzuki --propose b.json 2>/dev/null
t1=$(ms "$t")
"$S" key sign b.json --key u.key >/dev/null
t2=$(ms "$t")
"$S" decide bulk --platform windows --open-only --policy implement --by suzuki --signed b.json >/dev/null
bulk_proposed=$(ms "$t")
events=$(jq '.bodies | length' b.json)
"$S" log verify bulk >/dev/null

echo "single change, $N each: --key $((direct * 1000 / N)) us/change (baseline); propose+sign+signed $((proposed * 1000 / N)) us/change; ratio $(awk -v a="$proposed" -v b="$direct" 'BEGIN { printf "%.2f", a / b }')"
echo "bulk: --key ${linux} linux items ${bulk_direct} ms; proposed ${events} events: propose ${t1} ms, sign $((t2 - t1)) ms, append $((bulk_proposed - t2)) ms, total ${bulk_proposed} ms"
