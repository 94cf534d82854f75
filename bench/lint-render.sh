#!/bin/bash
# Benchmark: `secspec lint` and `secspec render --format html` on a project
# that has decided every item of a 5,000-item catalog, against the baseline of
# sqlite3 reading the same rows to a file, measured in the same run.
#
#   bench/lint-render.sh [SECSPEC_BINARY]
#
# Without an argument secspec is built in Release in $BUILD_DIR (default
# /tmp/benchbuild, -DBUILD_TESTING=OFF). Environment:
#   N=5000        catalog items          RUNS=10    hyperfine runs (>= 10)
#   WARMUP=2      hyperfine warmup runs  RSS_RUNS=3 runs under /usr/bin/time -v
#   WORK=DIR      scratch directory (default: a new /tmp/secspec-bench.XXXXXX,
#                 removed at the end unless KEEP=1)
#   RESULTS=DIR   where the JSON goes (default bench/results)
#   RATIO_MAX=3   RSS_MAX_MIB=64         the targets
#   SETUP_ONLY=1  stop once the project is set up (bench/documents.sh uses it)
# Exit status: 0 every target met, 1 a target missed, 2 the setup failed.
# See bench/README.md.
set -Eeuo pipefail
trap 'echo "lint-render.sh: setup failed at line $LINENO" >&2; exit 2' ERR

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${N:-5000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
RSS_RUNS=${RSS_RUNS:-3}
RATIO_MAX=${RATIO_MAX:-3}
RSS_MAX_MIB=${RSS_MAX_MIB:-64}
RESULTS=${RESULTS:-$HERE/results}
BUILD_DIR=${BUILD_DIR:-/tmp/benchbuild}
P=bench
export SECSPEC_NOW=${SECSPEC_NOW:-2026-11-26T10:00:00Z}
unset SECSPEC_DB SECSPEC_CATALOG_DIR

# ------------------------------------------------------------------ tools
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing ${need[*]}" >&2
		apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
	else
		echo "lint-render.sh: please install ${need[*]}" >&2
		exit 2
	fi
fi

# ------------------------------------------------------------------ binary
. "$HERE/common.sh"
bench_secspec lint-render.sh "$@"
bench_workdir secspec-bench
DB=$WORK/bench.db
CAT=$WORK/catalog
rm -f "$DB" "$DB"-wal "$DB"-shm
cd "$WORK"

# ------------------------------------------------------------------ setup (informational)
# step NAME CMD...: run once, record wall time (ms) and peak RSS (KiB).
SETUP=$WORK/setup.tsv
: >"$SETUP"
ms_now() { date +%s%N; }
step() {
	local name=$1 t0 t1 rss
	shift
	t0=$(ms_now)
	if ! /usr/bin/time -f '%M' -o "$WORK/rss.tmp" "$@" >"$WORK/step.out" 2>&1; then
		echo "step '$name' failed: $*" >&2
		cat "$WORK/step.out" >&2
		exit 2
	fi
	t1=$(ms_now)
	rss=$(tail -n 1 "$WORK/rss.tmp")
	printf '%s\t%s\t%s\t%s\n' "$name" "$(((t1 - t0) / 1000000))" "$rss" "$(tail -n 1 "$WORK/step.out")" >>"$SETUP"
}
# group NAME T0 RSS...: record a group of steps measured from T0
group() {
	local name=$1 t0=$2 t1 max=0 r
	shift 2
	t1=$(ms_now)
	for r in "$@"; do [ "$r" -gt "$max" ] && max=$r; done
	printf '%s\t%s\t%s\t%s\n' "$name" "$(((t1 - t0) / 1000000))" "$max" "" >>"$SETUP"
}
last_rss() { tail -n 1 "$SETUP" | cut -f3; }
events() { sqlite3 "$DB" "SELECT count(*) FROM event WHERE type = '$1'"; }

echo "setting up: $N items, project '$P' in $WORK" >&2
step "generate catalog ($N items)" "$HERE/gen-catalog.sh" "$CAT" "$N"
step "catalog validate" "$SECSPEC" catalog validate "$CAT"
step "init (load catalog)" "$SECSPEC" init --db "$DB" --catalog "$CAT"
step "project create" "$SECSPEC" project create "$P" --user 株式会社ベンチ商事 \
	--vendor ベンチシステムズ株式会社 --by suzuki --side user --name "鈴木 一郎（情報システム部 部長）" --db "$DB"
"$SECSPEC" member add "$P" yamada --side user --role management --name "山田 花子（取締役 CIO）" --by suzuki --db "$DB" >/dev/null
"$SECSPEC" member add "$P" sato --side vendor --role lead --name "佐藤 健（プロジェクトマネージャー）" --by suzuki --db "$DB" >/dev/null
"$SECSPEC" system add "$P" 基幹システム --device 業務サーバー --device 管理端末 \
	--measure authentication=多要素認証の導入 --measure audit=ログの外部保全 --by suzuki --db "$DB" >/dev/null
"$SECSPEC" asset add "$P" customers --kind personal-data --name "顧客情報（氏名・連絡先）" \
	--system 基幹システム --device 業務サーバー --answer volume=約10万件。通常業務では対応できない。 \
	--answer sensitive=要配慮個人情報は含まない。 --duration 2 --reach 2 --damage 2 --trust 2 \
	--by suzuki --db "$DB" >/dev/null

step "spec draft" "$SECSPEC" spec draft "$P" --by suzuki --db "$DB"

t0=$(ms_now)
rss=()
for s in secure-coding detailed attack; do
	step "advise --section $s" "$SECSPEC" advise "$P" --section "$s" \
		--note "ガイドラインの推奨どおり実装することを推奨します。対象システムの影響レベルに照らして必要な対策です。" \
		--by sato --db "$DB"
	rss+=("$(last_rss)")
done
group "bulk advise, total ($(events advice.add) events)" "$t0" "${rss[@]}"

e0=$(events decision.set)
t0=$(ms_now)
rss=()
for s in secure-coding default detailed attack; do
	step "decide --section $s" "$SECSPEC" decide "$P" --section "$s" --policy implement --by suzuki --db "$DB"
	rss+=("$(last_rss)")
done
group "bulk decide, total ($(($(events decision.set) - e0)) events)" "$t0" "${rss[@]}"

# about 1% become risk acceptances, approved by management
mapfile -t accept < <(sqlite3 "$DB" "SELECT i.id FROM catalog_item i JOIN project p ON p.catalog_version = i.version \
	JOIN project_key k ON k.id = p.id WHERE k.name = '$P' ORDER BY i.ord" | awk 'NR % 100 == 50')
t0=$(ms_now)
rss=()
for id in "${accept[@]}"; do
	step "accept $id" "$SECSPEC" decide "$P" "$id" --policy accept \
		--reason "本システムでは該当機能を利用者に公開しないため、次期更改まで導入を見送る。それまでは監視で検知を補う。" \
		--scenario "公開していない機能を攻撃者が見つけて悪用しても、監視で検知するまで気付かない。" \
		--review-by 2027-11-30 --by suzuki --db "$DB"
	rss+=("$(last_rss)")
	sed -i '$d' "$SETUP"
done
[ ${#accept[@]} -eq 0 ] || group "decide accept, ${#accept[@]} single items" "$t0" "${rss[@]}"
t0=$(ms_now)
rss=()
napprove=0
for s in secure-coding default detailed attack; do
	# a bulk approval with nothing pending is an error, and a small N may leave a
	# section with no acceptance
	pending=$(sqlite3 "$DB" "SELECT count(*) FROM requirement r JOIN project p ON p.id = r.project_id \
		JOIN catalog_item i ON i.version = p.catalog_version AND i.id = r.item_id \
		WHERE r.policy = 'accept' AND r.approval = 'none' AND i.section = '$s'")
	[ "$pending" -gt 0 ] || continue
	step "approve --section $s" "$SECSPEC" approve "$P" --section "$s" --note "受容を承認する。" --by yamada --db "$DB"
	rss+=("$(last_rss)")
	sed -i '$d' "$SETUP"
	napprove=$((napprove + 1))
done
[ "$napprove" -eq 0 ] || group "approve, $napprove bulk commands" "$t0" "${rss[@]}"

# the project must lint clean: lint exits 4 on errors, which would also make
# hyperfine stop; nothing here needs --ignore-failure
if ! "$SECSPEC" lint "$P" --db "$DB" >"$WORK/lint.out"; then
	echo "lint-render.sh: the project does not lint clean:" >&2
	tail -n 20 "$WORK/lint.out" >&2
	exit 2
fi
LINT_SUMMARY=$(tail -n 1 "$WORK/lint.out")
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
if [ "${SETUP_ONLY:-0}" = 1 ]; then
	echo "set up: $DB ($LINT_SUMMARY)" >&2
	exit 0
fi

# ------------------------------------------------------------------ baseline
# Everything lint and render read: the requirement rows with the catalog items
# they join to (including the stored JSON body render parses), in catalog
# order, and the vendor's advice, in the order given (schema 2 keeps no index
# of advice by item; secspec reads the advice once and groups it by item),
# written to a file.
cat >"$WORK/baseline.sql" <<EOF
.output $WORK/rows.txt
SELECT r.*, i.section, i.platform, i.category, i.is_default, i.title_ja, i.title_en,
       i.incident, i.ease, i.content_hash, i.body
  FROM project_key k
  JOIN project p ON p.id = k.id
  JOIN requirement r ON r.project_id = k.id
  JOIN catalog_item i ON i.version = p.catalog_version AND i.id = r.item_id
 WHERE k.name = '$P'
 ORDER BY i.ord;
SELECT a.seq, a.item_id, a.person, a.time, a.note
  FROM project_key k JOIN advice a ON a.project_id = k.id
 WHERE k.name = '$P'
 ORDER BY a.seq;
EOF
CMD_BASE="sqlite3 $DB '.read $WORK/baseline.sql'"
CMD_LINT="$SECSPEC lint $P --db $DB"
CMD_RENDER="$SECSPEC render $P --format html --db $DB -o $WORK/out.html"

# ------------------------------------------------------------------ measure
echo "measuring: warmup $WARMUP, runs $RUNS" >&2
hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/hyperfine.json" \
	-n baseline "$CMD_BASE" -n lint "$CMD_LINT" -n render-html "$CMD_RENDER" >&2

# peak RSS, the largest of RSS_RUNS runs of each command
peak_rss() {
	local max=0 r i
	for ((i = 0; i < RSS_RUNS; i++)); do
		/usr/bin/time -v -o "$WORK/time.tmp" "$@" >/dev/null 2>&1
		r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.tmp")
		[ "$r" -gt "$max" ] && max=$r
	done
	echo "$max"
}
RSS_BASE=$(peak_rss sqlite3 "$DB" ".read $WORK/baseline.sql")
RSS_LINT=$(peak_rss "$SECSPEC" lint "$P" --db "$DB")
RSS_RENDER=$(peak_rss "$SECSPEC" render "$P" --format html --db "$DB" -o "$WORK/out.html")

# ------------------------------------------------------------------ report
CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"
OUTJSON=$RESULTS/lint-render-$STAMP.json
size() { stat -c %s "$1"; }

jq -n --slurpfile hf "$WORK/hyperfine.json" \
	--arg stamp "$STAMP" --arg cpu "$CPU" --arg mem "$MEM" --arg nproc "$(nproc)" \
	--arg kernel "$(uname -r)" --arg secspec "$("$SECSPEC" --version)" --arg sqlite "$(sqlite3 --version | cut -d' ' -f1)" \
	--arg n "$N" --arg runs "$RUNS" --arg warmup "$WARMUP" --arg lint "$LINT_SUMMARY" \
	--arg rb "$RSS_BASE" --arg rl "$RSS_LINT" --arg rr "$RSS_RENDER" \
	--arg ratio_max "$RATIO_MAX" --arg rss_max "$RSS_MAX_MIB" \
	--arg db_bytes "$(size "$DB")" --arg rows_bytes "$(size "$WORK/rows.txt")" \
	--arg html_bytes "$(size "$WORK/out.html")" --arg cat_bytes "$(du -sb "$CAT" | cut -f1)" \
	--rawfile setup "$SETUP" \
	--arg cmd_base "$CMD_BASE" '
	($hf[0].results | map({key: .command, value: .}) | from_entries) as $r
	| ($r.baseline.mean) as $b
	| {baseline: ($rb | tonumber), lint: ($rl | tonumber), "render-html": ($rr | tonumber)} as $rss
	| {
	    date: $stamp,
	    machine: {cpu: $cpu, nproc: ($nproc | tonumber), memory: $mem, kernel: $kernel},
	    secspec: $secspec, sqlite3: $sqlite,
	    items: ($n | tonumber), runs: ($runs | tonumber), warmup: ($warmup | tonumber),
	    lint_output: $lint,
	    sizes: {catalog_yaml: ($cat_bytes | tonumber), db: ($db_bytes | tonumber),
	            baseline_rows_txt: ($rows_bytes | tonumber), html: ($html_bytes | tonumber)},
	    targets: {ratio_max: ($ratio_max | tonumber), rss_max_mib: ($rss_max | tonumber)},
	    baseline_command: $cmd_base,
	    results: [ $hf[0].results[] | {
	      name: .command,
	      mean_ms: (.mean * 1000), stddev_ms: (.stddev * 1000), median_ms: (.median * 1000),
	      min_ms: (.min * 1000), max_ms: (.max * 1000),
	      ratio: (.mean / $b),
	      peak_rss_mib: ($rss[.command] / 1024),
	      pass_ratio: (if .command == "baseline" then null else (.mean / $b) <= ($ratio_max | tonumber) end),
	      pass_rss: (if .command == "baseline" then null else ($rss[.command] / 1024) <= ($rss_max | tonumber) end)
	    } ],
	    setup: [ $setup | split("\n")[] | select(length > 0) | split("\t")
	             | {step: .[0], ms: (.[1] | tonumber), peak_rss_mib: ((.[2] | tonumber) / 1024), output: .[3]} ]
	  }' >"$OUTJSON"

echo
echo "secspec lint / render --format html, $N items, $(nproc) CPUs ($CPU), $RUNS runs after $WARMUP warmup"
echo "lint: $LINT_SUMMARY"
echo
echo "setup (informational, one run each):"
jq -r '.setup[] | [.step, (.ms | tostring) + " ms", (.peak_rss_mib * 10 | round / 10 | tostring) + " MiB"] | @tsv' "$OUTJSON" |
	awk -F'\t' '{printf "  %-46s %10s %10s\n", $1, $2, $3}'
echo
printf '%-12s %10s %9s %8s %12s  %s\n' command "mean ms" "± ms" ratio "peak RSS" "verdict (ratio <= $RATIO_MAX, RSS <= $RSS_MAX_MIB MiB)"
jq -r '.results[] | [.name, .mean_ms, .stddev_ms, .ratio, .peak_rss_mib,
	(if .pass_ratio == null then "baseline"
	 else (if .pass_ratio then "PASS" else "FAIL" end) + " ratio, " + (if .pass_rss then "PASS" else "FAIL" end) + " RSS" end)] | @tsv' "$OUTJSON" |
	awk -F'\t' '{printf "%-12s %10.1f %9.1f %7.2fx %8.1f MiB  %s\n", $1, $2, $3, $4, $5, $6}'
echo
echo "results: $OUTJSON"

if jq -e '[.results[] | select(.pass_ratio == false or .pass_rss == false)] | length == 0' "$OUTJSON" >/dev/null; then
	echo "all targets met"
	exit 0
fi
echo "target missed"
exit 1
