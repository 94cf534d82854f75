#!/bin/bash
# Benchmark: what the negotiation's records cost each write. Every write
# folds the project's events other than the requirements' through the rule
# book before it appends; proposals, costs, laws, contracts … are such
# events, so every write's cost grows with their number. N proposals are
# appended in one process; after each, one advice call in the same project,
# and one in a second project of the same database without any negotiation
# record (the baseline, measured in the same run). The script reports the
# three at each tenth of N, the ratio of the proposal write to the baseline,
# and the slope in microseconds per record.
#
#   bench/negotiation.sh [N]        N proposals (default 3000)
#
# Builds Release in $BUILD_DIR (default /tmp/benchnego). Environment: WORK
# (scratch, removed unless KEEP=1), RESULTS (default bench/results). Not a
# pass/fail test: it exits 0 when it measured, 2 when the setup failed.
set -Eeuo pipefail
trap 'echo "negotiation.sh: setup failed at line $LINENO" >&2; exit 2' ERR

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${1:-${N:-3000}}
BUILD_DIR=${BUILD_DIR:-/tmp/benchnego}
RESULTS=${RESULTS:-$ROOT/bench/results}
WORK=${WORK:-$(mktemp -d /tmp/secspec-nego.XXXXXX)}
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
export SECSPEC_NOW=2026-11-26T10:00:00Z

cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD_DIR" --target secspec secspec-bench-negotiation -j "$(nproc)" >/dev/null
S=$BUILD_DIR/secspec
DB=$WORK/n.db
"$S" init --db "$DB" --catalog "$ROOT/catalog" >/dev/null
"$S" project create p --user 株式会社ベンチ商事 --vendor ベンチシステムズ株式会社 --by suzuki \
	--side user --db "$DB" >/dev/null
"$S" member add p sato --side vendor --role lead --by suzuki --db "$DB" >/dev/null
"$S" spec draft p --by suzuki --db "$DB" >/dev/null
"$S" project create base --user 株式会社ベンチ商事 --vendor ベンチシステムズ株式会社 --by suzuki \
	--side user --db "$DB" >/dev/null
"$S" member add base sato --side vendor --role lead --by suzuki --db "$DB" >/dev/null
"$S" spec draft base --by suzuki --db "$DB" >/dev/null
ITEM=$(sqlite3 "$DB" "SELECT item_id FROM requirement ORDER BY ord LIMIT 1")
"$BUILD_DIR/secspec-bench-negotiation" "$DB" p base "$N" "$ITEM" "$WORK/times.tsv"
"$S" log verify p --db "$DB" >/dev/null && "$S" log verify base --db "$DB" >/dev/null

# the median of each tenth, and a least-squares slope over all calls
report=$(awk -F'\t' -v n="$N" '
	function median(v, m,    i, j, x) { # insertion sort of v[1..m] (mawk has no asort)
		for (i = 2; i <= m; i++) {
			x = v[i]
			for (j = i - 1; j >= 1 && v[j] > x; j--)
				v[j + 1] = v[j]
			v[j + 1] = x
		}
		return v[int((m + 1) / 2)]
	}
	{ k[NR] = $1; p[NR] = $2; a[NR] = $3; b[NR] = $4; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2 }
	END {
		slope = (NR * sxy - sx * sy) / (NR * sxx - sx * sx)
		printf "{\"n\":%d,\"slope_us_per_record\":%.3f,\"tenths\":[", n, slope
		step = int(NR / 10); if (step < 1) step = 1
		first = 1
		for (t = 1; t <= NR; t += step) {
			m = 0
			for (i = t; i < t + step && i <= NR; i++) { m++; wp[m] = p[i]; wa[m] = a[i]; wb[m] = b[i] }
			mp = median(wp, m); ma = median(wa, m); mb = median(wb, m)
			printf "%s{\"records\":%d,\"proposal_us\":%d,\"advice_us\":%d,\"baseline_us\":%d,\"ratio\":%.2f}", first ? "" : ",", k[t], mp, ma, mb, mp / mb
			first = 0
		}
		printf "]}"
	}' "$WORK/times.tsv")
mkdir -p "$RESULTS"
out=$RESULTS/negotiation-$(date -u +%Y%m%dT%H%M%SZ).json
echo "$report" | jq --arg host "$(uname -n)" --arg nproc "$(nproc)" \
	'. + {host: $host, nproc: ($nproc | tonumber), baseline: "one advice call in a project of the same database without negotiation records, after each proposal (same process)"}' >"$out"
jq -r '"negotiation records: a write costs \(.slope_us_per_record) µs more per record already folded",
	(.tenths[] | "  \(.records) records: proposal \(.proposal_us) µs, advice \(.advice_us) µs; baseline (no records) \(.baseline_us) µs; ratio \(.ratio)")' "$out"
echo "results: $out"
