#!/bin/bash
# Benchmark: the specification of a project that decided every item of a
# 5,000-item catalog (the project of bench/lint-render.sh) rendered in every
# form secspec writes, against the baseline of the HTML render measured in
# the same run. Target (the documents issue): the Excel checklist (xlsx) at
# most RATIO_MAX (2) times the HTML render, every form within RSS_MAX_MIB
# (128) MiB of peak memory.
#
#   bench/documents.sh [SECSPEC_BINARY]
#
# Environment: N (5000), RUNS (10), WARMUP (2), RSS_RUNS (3), WORK, KEEP,
# RESULTS (bench/results), BUILD_DIR (/tmp/benchbuild), RATIO_MAX, RSS_MAX_MIB.
# Exit status: 0 every target met, 1 a target missed, 2 the setup failed.
set -Eeuo pipefail
trap 'echo "documents.sh: setup failed at line $LINENO" >&2; exit 2' ERR

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${N:-5000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
RSS_RUNS=${RSS_RUNS:-3}
RATIO_MAX=${RATIO_MAX:-2}
RSS_MAX_MIB=${RSS_MAX_MIB:-128}
RESULTS=${RESULTS:-$HERE/results}
BUILD_DIR=${BUILD_DIR:-/tmp/benchbuild}
P=bench
export SECSPEC_NOW=${SECSPEC_NOW:-2026-11-26T10:00:00Z}

. "$HERE/common.sh"
bench_secspec documents.sh "$@"
bench_workdir secspec-bench-docs
# the same project as the lint and render benchmark, set up by it
N=$N WORK=$WORK KEEP=1 SETUP_ONLY=1 "$HERE/lint-render.sh" "$SECSPEC"
DB=$WORK/bench.db
cd "$WORK"

forms=(html md json xlsx)
args=()
for f in "${forms[@]}"; do
	args+=(-n "$f" "$SECSPEC render $P --format $f --db $DB -o $WORK/out.$f")
done
echo "measuring: warmup $WARMUP, runs $RUNS" >&2
hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/hyperfine.json" "${args[@]}" >&2

peak_rss() {
	local max=0 r i
	for ((i = 0; i < RSS_RUNS; i++)); do
		/usr/bin/time -v -o "$WORK/time.tmp" "$@" >/dev/null 2>&1
		r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.tmp")
		[ "$r" -gt "$max" ] && max=$r
	done
	echo "$max"
}
: >"$WORK/rss.tsv"
for f in "${forms[@]}"; do
	printf '%s\t%s\t%s\n' "$f" "$(peak_rss "$SECSPEC" render "$P" --format "$f" --db "$DB" -o "$WORK/out.$f")" \
		"$(stat -c %s "$WORK/out.$f")" >>"$WORK/rss.tsv"
done
# the same bytes twice: the forms are deterministic
"$SECSPEC" render "$P" --format xlsx --db "$DB" -o "$WORK/again.xlsx" 2>/dev/null
cmp -s "$WORK/out.xlsx" "$WORK/again.xlsx" || { echo "documents.sh: xlsx differs between two renders" >&2; exit 2; }

CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"
OUTJSON=$RESULTS/documents-$STAMP.json
jq -n --slurpfile hf "$WORK/hyperfine.json" --rawfile rss "$WORK/rss.tsv" \
	--arg stamp "$STAMP" --arg cpu "$CPU" --arg nproc "$(nproc)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
	--arg secspec "$("$SECSPEC" --version)" --arg n "$N" --arg runs "$RUNS" \
	--arg ratio_max "$RATIO_MAX" --arg rss_max "$RSS_MAX_MIB" '
	($rss | split("\n") | map(select(length > 0) | split("\t")) | map({key: .[0], value: {kib: (.[1] | tonumber), bytes: (.[2] | tonumber)}}) | from_entries) as $m
	| ($hf[0].results | map(select(.command == "html")) | .[0].mean) as $b
	| {date: $stamp, machine: {cpu: $cpu, nproc: ($nproc | tonumber), loadavg: $load}, secspec: $secspec,
	   items: ($n | tonumber), runs: ($runs | tonumber), baseline: "render --format html",
	   targets: {xlsx_ratio_max: ($ratio_max | tonumber), rss_max_mib: ($rss_max | tonumber)},
	   results: [$hf[0].results[] | {form: .command, mean_ms: (.mean * 1000), stddev_ms: (.stddev * 1000),
	     ratio: (.mean / $b), peak_rss_mib: ($m[.command].kib / 1024), bytes: $m[.command].bytes,
	     pass_ratio: (if .command == "xlsx" then (.mean / $b) <= ($ratio_max | tonumber) else null end),
	     pass_rss: (($m[.command].kib / 1024) <= ($rss_max | tonumber))}]}' >"$OUTJSON"
echo
echo "secspec render, $N items, $(nproc) CPUs ($CPU), $RUNS runs after $WARMUP warmup; baseline: the HTML render"
printf '%-6s %10s %9s %8s %12s %12s  %s\n' form "mean ms" "± ms" ratio "peak RSS" bytes "verdict (xlsx ratio <= $RATIO_MAX, RSS <= $RSS_MAX_MIB MiB)"
jq -r '.results[] | [.form, .mean_ms, .stddev_ms, .ratio, .peak_rss_mib, .bytes,
	((if .pass_ratio == null then "" elif .pass_ratio then "PASS ratio, " else "FAIL ratio, " end) + (if .pass_rss then "PASS RSS" else "FAIL RSS" end))] | @tsv' "$OUTJSON" |
	awk -F'\t' '{printf "%-6s %10.1f %9.1f %7.2fx %8.1f MiB %12d  %s\n", $1, $2, $3, $4, $5, $6, $7}'
echo "results: $OUTJSON"
if jq -e '[.results[] | select(.pass_ratio == false or .pass_rss == false)] | length == 0' "$OUTJSON" >/dev/null; then
	echo "all targets met"
	exit 0
fi
echo "target missed"
exit 1
