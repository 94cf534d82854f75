#!/usr/bin/env bash
# vuln match benchmark: an SBOM of 10,000 real Go modules and crates at
# versions around their advisories' ranges (tests/tools/sbom-from-osv.py),
# osv.dev's Go and crates.io dumps and the NVD samples imported, then
# `secspec vuln match PROJECT --json --timing` against the peer
# bench/vuln-peer.mjs (npm semver, npm audit's approach: for each component
# the advisories of its package, semver.satisfies over range strings) in the
# same run. Also `vuln import osv` of each dump against `unzip -p ZIP | jq
# empty`, and the import's peak RSS against the uncompressed advisory bytes.
#
#   bench/vuln-match.sh [SECSPEC-BINARY]
#
# Without an argument it builds secspec (Release) in $BUILD_DIR.
# Targets: matching >= 20x faster than the peer's matching, <= 200 ms after
# the load (10,000 components); the import of all the OSV data (both
# archives, one command) <= 2x `unzip -p | jq empty` of both, and its peak
# RSS <= 2x their uncompressed advisories. Each archive alone is shown too. Not a test: it prints figures,
# ratios and verdicts. Environment: N components (10000), RUNS (5), SEED
# (14), KEEP=1 keeps $WORK, RESULTS (bench/results), BUILD_DIR.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DATA=${SECSPEC_SHARED_DATA:-$ROOT/../shared/data}
N=${N:-10000}
RUNS=${RUNS:-5}
SEED=${SEED:-14}
RESULTS=${RESULTS:-$HERE/results}
BUILD_DIR=${BUILD_DIR:-/tmp/secspec-bench-vuln-build}
need=()
for c in hyperfine jq unzip; do command -v $c >/dev/null || need+=($c); done
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
	sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v node >/dev/null || { echo "node is needed for the peer" >&2; exit 2; }
[ -r "$ROOT/tests/e2e/node_modules/semver/package.json" ] ||
	(cd "$ROOT/tests/e2e" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
if [ $# -ge 1 ]; then
	BIN=$(readlink -f "$1")
else
	cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$BUILD_DIR" --target secspec -j"$(nproc)" >/dev/null
	BIN=$BUILD_DIR/secspec
fi
GO=$DATA/vuln/osv/Go-all.zip
CRATES=$DATA/vuln/osv/crates.io-all.zip
for f in "$GO" "$CRATES" "$DATA"/vuln/nvd/cves-*.json.gz; do
	[ -r "$f" ] || { echo "missing $f" >&2; exit 2; }
done
WORK=$(mktemp -d /tmp/secspec-bench-vuln-XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export SECSPEC_NOW=2026-11-26T10:00:00Z SECSPEC_CATALOG_DIR=${SECSPEC_CATALOG_DIR:-$ROOT/catalog}
export LANGUAGE=en
S() { "$BIN" --db "$@"; }
ms_now() { date +%s%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- the data ------------------------------------------------------------------
python3 "$ROOT/tests/tools/sbom-from-osv.py" --count "$N" --seed "$SEED" --out sbom.json "$GO" "$CRATES"
unique=$(jq '[.components[].purl] | unique | length' sbom.json)
S base.db init >/dev/null
cp base.db m.db
S m.db project create p --catalog-version 1.0.0 --user U --vendor V --by suzuki --side user >/dev/null
S m.db member add p sato --side vendor --role lead --by suzuki >/dev/null
S m.db sbom import p sbom.json --by sato >/dev/null
for f in "$GO" "$CRATES" "$DATA"/vuln/nvd/cves-*.json.gz; do
	case $f in *.zip) k=osv ;; *) k=nvd ;; esac
	S m.db vuln import $k "$f" >/dev/null
done
advisories=$(S m.db vuln match p --json | jq '.counts.advisories')

# --- matching: secspec and the peer, RUNS runs each, alternating ----------------
: >ss.txt; : >peer.txt
for i in $(seq 0 "$RUNS"); do
	t0=$(ms_now)
	S m.db vuln match p --json --timing >match.json 2>timing.txt
	t1=$(ms_now)
	node "$HERE/vuln-peer.mjs" sbom.json "$GO" "$CRATES" >peer.json
	t2=$(ms_now)
	[ "$i" = 0 ] && continue # warm-up
	load=$(sed -n 's/.*load \([0-9.]*\) ms.*/\1/p' timing.txt)
	match=$(sed -n 's/.*match \([0-9.]*\) ms.*/\1/p' timing.txt)
	echo "$load $match $(((t1 - t0) / 1000000))" >>ss.txt
	echo "$(jq -r '"\(.load_ms) \(.match_ms)"' peer.json) $(((t2 - t1) / 1000000))" >>peer.txt
done
ss_load=$(cut -d' ' -f1 ss.txt | median); ss_match=$(cut -d' ' -f2 ss.txt | median)
ss_wall=$(cut -d' ' -f3 ss.txt | median)
peer_load=$(cut -d' ' -f1 peer.txt | median); peer_match=$(cut -d' ' -f2 peer.txt | median)
peer_wall=$(cut -d' ' -f3 peer.txt | median)
ss_pairs=$(jq '[.findings[] | .component as $c | .advisories[] | "\($c)\t\(.)"] | unique | length' match.json)
ss_findings=$(jq '.findings | length' match.json)
peer_pairs=$(jq '.pairs' peer.json)

# --- import of each dump against unzip -p | jq empty ----------------------------
prep='cp base.db run.db; rm -f run.db-wal run.db-shm'
hyperfine -N --style basic --runs "$RUNS" --warmup 1 --export-json h.json \
	--prepare "sh -c '$prep'" \
	-n "import Go" "$BIN --db run.db vuln import osv $GO" \
	-n "jq Go" "sh -c 'unzip -p $GO | jq empty'" \
	-n "import crates" "$BIN --db run.db vuln import osv $CRATES" \
	-n "jq crates" "sh -c 'unzip -p $CRATES | jq empty'" \
	-n "import all" "$BIN --db run.db vuln import osv $GO $CRATES" \
	-n "jq all" "sh -c 'unzip -p $GO | jq empty; unzip -p $CRATES | jq empty'" >/dev/null
mean() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .mean * 1000' "$1"; }
ig=$(mean h.json "import Go"); jg=$(mean h.json "jq Go")
ic=$(mean h.json "import crates"); jc=$(mean h.json "jq crates")
ia=$(mean h.json "import all"); ja=$(mean h.json "jq all")
rss() { # peak RSS in KiB of an import into a fresh copy of base.db
	sh -c "$prep"
	/usr/bin/time -f %M -o rss.txt "$@" >/dev/null 2>&1
	cat rss.txt
}
go_rss=$(rss "$BIN" --db run.db vuln import osv "$GO")
crates_rss=$(rss "$BIN" --db run.db vuln import osv "$CRATES")
all_rss=$(rss "$BIN" --db run.db vuln import osv "$GO" "$CRATES")
# the floor: the same binary opening the same database and importing nothing
floor_rss=$(rss "$BIN" --db run.db vuln sources)
raw() { unzip -l "$1" | tail -1 | awk '{ print $1 }'; }
go_bytes=$(raw "$GO"); crates_bytes=$(raw "$CRATES"); all_bytes=$((go_bytes + crates_bytes))

# --- figures --------------------------------------------------------------------
r() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ge() { awk -v x="$1" -v lim="$2" 'BEGIN { print (x >= lim) ? "PASS" : "FAIL" }'; }
le() { awk -v x="$1" -v lim="$2" 'BEGIN { print (x <= lim) ? "PASS" : "FAIL" }'; }
speed=$(r "$peer_match" "$ss_match"); wall_ratio=$(r "$peer_wall" "$ss_wall")
rig=$(r "$ig" "$jg"); ric=$(r "$ic" "$jc")
rsg=$(r "$((go_rss * 1024))" "$go_bytes"); rsc=$(r "$((crates_rss * 1024))" "$crates_bytes")
ria=$(r "$ia" "$ja"); rsa=$(r "$((all_rss * 1024))" "$all_bytes")
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
# above the floor, per raw byte: what the import itself holds
rfg=$(r "$(((go_rss - floor_rss) * 1024))" "$go_bytes"); rfc=$(r "$(((crates_rss - floor_rss) * 1024))" "$crates_bytes")
echo "SBOM: $N components ($unique distinct purls), $advisories advisories held (OSV Go, crates.io, NVD samples); medians of $RUNS runs"
printf '%-44s %10s %10s %10s %s\n' "" "load ms" "match ms" "wall ms" ""
printf '%-44s %10s %10s %10s %s\n' "secspec vuln match --json --timing" "$ss_load" "$ss_match" "$ss_wall" \
	"$ss_findings findings, $ss_pairs pairs"
printf '%-44s %10s %10s %10s %s\n' "peer (node, npm semver.satisfies)" "$peer_load" "$peer_match" "$peer_wall" \
	"$peer_pairs pairs"
echo "matching: peer / secspec = ${speed}x $(ge "$speed" 20) (>= 20x); secspec ${ss_match} ms $(le "$ss_match" 200) (<= 200 ms); whole command ${wall_ratio}x"
printf '%-44s %10s %8s %12s %s\n' "" "mean ms" "ratio" "peak RSS" "RSS / raw"
printf '%-44s %10.1f %8s\n' "unzip -p ... | jq empty, both archives" "$ja" "1.00x"
printf '%-44s %10.1f %7sx %4s %3s MiB %6sx  raw %s MiB %s\n' "vuln import osv Go-all.zip crates.io-all.zip" "$ia" "$ria" "$(le "$ria" 2)" \
	"$(mib $((all_rss * 1024)))" "$rsa" "$(mib "$all_bytes")" "$(le "$rsa" 2)"
echo "each archive alone (not a target: the process's own floor, below, is most of a small archive's RSS):"
printf '%-44s %10.1f %8s\n' "unzip -p Go-all.zip | jq empty" "$jg" "1.00x"
printf '%-44s %10.1f %7sx %4s %3s MiB %6sx  raw %s MiB\n' "vuln import osv Go-all.zip" "$ig" "$rig" "" \
	"$(mib $((go_rss * 1024)))" "$rsg" "$(mib "$go_bytes")"
printf '%-44s %10.1f %8s\n' "unzip -p crates.io-all.zip | jq empty" "$jc" "1.00x"
printf '%-44s %10.1f %7sx %4s %3s MiB %6sx  raw %s MiB\n' "vuln import osv crates.io-all.zip" "$ic" "$ric" "" \
	"$(mib $((crates_rss * 1024)))" "$rsc" "$(mib "$crates_bytes")"
echo "peak RSS of \`vuln sources\` on the same database (the floor): $(mib $((floor_rss * 1024))) MiB; above it: Go ${rfg}x, crates.io ${rfc}x the raw bytes"
mkdir -p "$RESULTS"
out="$RESULTS/vuln-match-$(date -u +%Y%m%dT%H%M%SZ).json"
jq -n --argjson n "$N" --argjson unique "$unique" --argjson adv "$advisories" --argjson runs "$RUNS" \
	--argjson ssl "$ss_load" --argjson ssm "$ss_match" --argjson ssw "$ss_wall" \
	--argjson pl "$peer_load" --argjson pm "$peer_match" --argjson pw "$peer_wall" \
	--argjson sf "$ss_findings" --argjson sp "$ss_pairs" --argjson pp "$peer_pairs" \
	--argjson ig "$ig" --argjson jg "$jg" --argjson ic "$ic" --argjson jc "$jc" \
	--argjson ia "$ia" --argjson ja "$ja" --argjson ar "$all_rss" --argjson ab "$all_bytes" \
	--argjson fr "$floor_rss" --argjson gr "$go_rss" --argjson cr "$crates_rss" --argjson gb "$go_bytes" --argjson cb "$crates_bytes" \
	--arg machine "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
	--arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
	'{machine: $machine, loadavg: $load, components: $n, distinct_purls: $unique, advisories: $adv,
	  runs: $runs,
	  secspec: {load_ms: $ssl, match_ms: $ssm, wall_ms: $ssw, findings: $sf, pairs: $sp},
	  peer: {load_ms: $pl, match_ms: $pm, wall_ms: $pw, pairs: $pp},
	  match_speedup: ($pm / $ssm), wall_speedup: ($pw / $ssw),
	  import: {all_ms: $ia, jq_all_ms: $ja, all_rss_kib: $ar, all_raw_bytes: $ab,
	           go_ms: $ig, jq_go_ms: $jg, crates_ms: $ic, jq_crates_ms: $jc,
	           go_rss_kib: $gr, crates_rss_kib: $cr, floor_rss_kib: $fr, go_raw_bytes: $gb, crates_raw_bytes: $cb}}' >"$out"
echo "results: $out"
fail=0
for v in "$(ge "$speed" 20)" "$(le "$ss_match" 200)" "$(le "$ria" 2)" "$(le "$rsa" 2)"; do
	[ "$v" = PASS ] || fail=1
done
exit $fail
