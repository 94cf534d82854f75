#!/usr/bin/env bash
# OSV import benchmark: osv.dev's Go-all.zip (4,291 records) and
# crates.io-all.zip (1,206) through the OSV importer (src/formats/osv.c) and
# a sink that only counts (bench/osv-driver.c, target secspec-bench-osv),
# against `unzip -p FILE | jq empty` on the same file in the same run.
#
#   bench/osv-import.sh [SECSPEC-BENCH-OSV]
#
# Without an argument it builds the driver (Release) in $BUILD_DIR.
# Target: each import <= 2x its baseline. Peak RSS of each is printed too.
# Not a test: it prints figures, ratios and verdicts.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DATA=${SECSPEC_SHARED_DATA:-$ROOT/../shared/data}
RUNS=${RUNS:-10}
BUILD_DIR=${BUILD_DIR:-/tmp/secspec-bench-osv-build}
need=()
for c in hyperfine jq unzip; do command -v $c >/dev/null || need+=($c); done
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
	sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ $# -ge 1 ]; then
	BIN=$(readlink -f "$1")
else
	cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$BUILD_DIR" --target secspec-bench-osv -j"$(nproc)" >/dev/null
	BIN=$BUILD_DIR/secspec-bench-osv
fi
GO=$DATA/vuln/osv/Go-all.zip
CRATES=$DATA/vuln/osv/crates.io-all.zip
for f in "$GO" "$CRATES"; do [ -r "$f" ] || { echo "missing $f" >&2; exit 1; }; done
WORK=$(mktemp -d /tmp/secspec-bench-osv-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# the counts first: a wrong import is no benchmark
"$BIN" "$GO" | grep -q '"record":4291' || { echo "Go-all.zip: unexpected counts" >&2; exit 1; }
"$BIN" "$CRATES" | grep -q '"record":1206' || { echo "crates.io: unexpected counts" >&2; exit 1; }

hyperfine -N --style basic --runs "$RUNS" --warmup 2 --export-json h.json \
	-n "import Go" "$BIN $GO" \
	-n "jq Go" "sh -c 'unzip -p $GO | jq empty'" \
	-n "import crates" "$BIN $CRATES" \
	-n "jq crates" "sh -c 'unzip -p $CRATES | jq empty'" >/dev/null
rss() { # peak RSS in KiB of a command
	/usr/bin/time -f %M -o rss.txt "$@" >/dev/null 2>&1
	cat rss.txt
}
go_rss=$(rss "$BIN" "$GO")
crates_rss=$(rss "$BIN" "$CRATES")
jq_go_rss=$(rss sh -c "unzip -p $GO | jq empty")
jq_crates_rss=$(rss sh -c "unzip -p $CRATES | jq empty")

mean() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .mean * 1000' "$1"; }
g=$(mean h.json "import Go"); gb=$(mean h.json "jq Go")
c=$(mean h.json "import crates"); cb=$(mean h.json "jq crates")
verdict() { awk -v x="$1" -v lim="$2" 'BEGIN { print (x <= lim) ? "PASS" : "FAIL" }'; }
rg=$(awk -v a="$g" -v b="$gb" 'BEGIN { printf "%.2f", a / b }')
rcr=$(awk -v a="$c" -v b="$cb" 'BEGIN { printf "%.2f", a / b }')
mib() { awk -v r="$1" 'BEGIN { printf "%.1f", r / 1024 }'; }
printf '%-40s %10s %8s %12s %s\n' "command" "mean ms" "ratio" "peak RSS" "verdict"
printf '%-40s %10.1f %8s %8s MiB %s\n' "unzip -p Go-all.zip | jq empty" "$gb" "1.00x" "$(mib "$jq_go_rss")" "baseline"
printf '%-40s %10.1f %7sx %8s MiB %s\n' "OSV import Go-all.zip (4,291)" "$g" "$rg" "$(mib "$go_rss")" "$(verdict "$rg" 2) (<= 2x)"
printf '%-40s %10.1f %8s %8s MiB %s\n' "unzip -p crates.io-all.zip | jq empty" "$cb" "1.00x" "$(mib "$jq_crates_rss")" "baseline"
printf '%-40s %10.1f %7sx %8s MiB %s\n' "OSV import crates.io-all.zip (1,206)" "$c" "$rcr" "$(mib "$crates_rss")" "$(verdict "$rcr" 2) (<= 2x)"
mkdir -p "$HERE/results"
out="$HERE/results/osv-import-$(date -u +%Y%m%dT%H%M%SZ).json"
jq -n --argjson g "$g" --argjson gb "$gb" --argjson c "$c" --argjson cb "$cb" \
	--argjson gr "$go_rss" --argjson cr "$crates_rss" --argjson jgr "$jq_go_rss" \
	--argjson jcr "$jq_crates_rss" \
	'{import_go_ms: $g, jq_go_ms: $gb, import_crates_ms: $c, jq_crates_ms: $cb,
	  import_go_rss_kib: $gr, import_crates_rss_kib: $cr, jq_go_rss_kib: $jgr,
	  jq_crates_rss_kib: $jcr}' > "$out"
echo "results: $out"
