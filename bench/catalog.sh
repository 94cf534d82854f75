#!/bin/bash
# Benchmark: what catalog format 2 costs to check and load. `catalog
# validate` and `init` (validate + load into a fresh database) of catalog
# 1.1.0 (format 2: threat file, one owner per setting, terms and register,
# change notes against 1.0.0 beside it) and of the whole release tree, each
# against catalog 1.0.0 alone (format 1), the baseline measured in the same
# run. Median of R runs (default 7) of each, as whole processes.
#
#   bench/catalog.sh [SECSPEC]      a given binary, or a Release build in $BUILD_DIR
#
# Environment: BUILD_DIR (default /tmp/benchcat), R, RESULTS (default
# bench/results). Not a pass/fail test: exits 0 when it measured, 2 when the
# setup failed.
set -Eeuo pipefail
trap 'echo "catalog.sh: setup failed at line $LINENO" >&2; exit 2' ERR

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
R=${R:-7}
BUILD_DIR=${BUILD_DIR:-/tmp/benchcat}
RESULTS=${RESULTS:-$ROOT/bench/results}
WORK=$(mktemp -d /tmp/secspec-catbench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export SECSPEC_NOW=2026-12-03T10:00:00Z
if [ $# -ge 1 ]; then
	S=$1
else
	cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$BUILD_DIR" --target secspec -j "$(nproc)" >/dev/null
	S=$BUILD_DIR/secspec
fi

# median wall time in milliseconds of R runs of a command
median_ms() {
	local i t0 t1 times=()
	for ((i = 0; i < R; i++)); do
		rm -f "$WORK"/b.db*
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		times+=("$(((t1 - t0) / 1000000))")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

"$S" catalog validate "$ROOT/catalog" >/dev/null
v10=$(median_ms "$S" catalog validate "$ROOT/catalog/1.0.0")
v11=$(median_ms "$S" catalog validate "$ROOT/catalog/1.1.0")
vtree=$(median_ms "$S" catalog validate "$ROOT/catalog")
i10=$(median_ms "$S" init --db "$WORK/b.db" --catalog "$ROOT/catalog/1.0.0")
itree=$(median_ms "$S" init --db "$WORK/b.db" --catalog "$ROOT/catalog")
n10=$("$S" catalog validate "$ROOT/catalog/1.0.0" --json | jq .items)
n11=$("$S" catalog validate "$ROOT/catalog/1.1.0" --json | jq .items)

printf 'catalog validate 1.0.0 (%s items, baseline)   %6d ms\n' "$n10" "$v10"
printf 'catalog validate 1.1.0 (%s items, format 2)   %6d ms  ratio %s\n' "$n11" "$v11" "$(ratio "$v11" "$v10")"
printf 'catalog validate tree (both, 1.1.0 vs 1.0.0) %6d ms  ratio %s\n' "$vtree" "$(ratio "$vtree" "$v10")"
printf 'init with 1.0.0 (baseline)                   %6d ms\n' "$i10"
printf 'init with the tree (1.0.0 and 1.1.0)         %6d ms  ratio %s\n' "$itree" "$(ratio "$itree" "$i10")"
mkdir -p "$RESULTS"
out="$RESULTS/catalog-$(date -u +%Y%m%dT%H%M%SZ).json"
jq -n --argjson v10 "$v10" --argjson v11 "$v11" --argjson vtree "$vtree" --argjson i10 "$i10" \
	--argjson itree "$itree" --argjson n10 "$n10" --argjson n11 "$n11" --argjson r "$R" \
	'{runs: $r, items: {"1.0.0": $n10, "1.1.0": $n11}, validate_ms: {"1.0.0": $v10, "1.1.0": $v11, tree: $vtree},
	  init_ms: {"1.0.0": $i10, tree: $itree}}' >"$out"
echo "results: $out"
