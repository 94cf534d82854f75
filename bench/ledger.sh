#!/bin/bash
# Benchmark: the change log at 1,000,000 events. Appends the events through the
# CLI (bulk `advise`, one transaction per command), then measures
# `log verify` over the whole log and `log proof` at 1M leaves, each against a
# physical baseline measured in the same run:
#
#   append  events/s of the bulk advise commands,    target >= 20,000 events/s
#           and of the same calls made in one process (bench/append-driver.c:
#           no process start-up, no checkpoint at each close); both reported
#           baseline: sqlite3 writing the same rows in the same transactions
#   verify  `log verify` against its physical floor  target floor / verify
#           measured in the same run: the sqlite3     >= 0.9
#           shell reading the rows verify reads plus
#           openssl dgst over exactly the same bytes;
#           also sha256sum and openssl speed (as before, informational)
#   signed  a second log of the same size in which a share of the advice
#           (SIGNED_PCT) is signed by the vendor lead with a registered key and
#           the rest comes from a vendor member without one; its verify time,
#           and the cost of each signature check (no floor includes it)
#   proof   `log proof P SEQ` at EVENTS leaves        target <= 1 ms to produce
#           baseline: `secspec --version` and `log head` (process start, DB open);
#           the proof itself is timed inside the process with uprobes on
#           ss_log_proof when perf can place them (root, tracefs mounted)
#
#   bench/ledger.sh [SECSPEC_BINARY]
#
# Without an argument secspec is built in Release in $BUILD_DIR (default
# /tmp/benchledger, -DBUILD_TESTING=OFF). Environment:
#   EVENTS=1000000  events in the log (exact)    N=6993      catalog items
#   RUNS_VERIFY=3   hyperfine runs of verify     RUNS_HASH=10 runs of the hash baselines
#   RUNS_PROOF=100  runs of proof/head/--version PROBE_RUNS=50 uprobe-timed proofs each
#   RUNS_APPEND_BASE=3  runs of the sqlite3 append baseline
#   PROFILE=1       perf profile of verify (flat, by DSO and symbol) when perf works
#   WORK=DIR        scratch directory (default: a new /tmp/secspec-ledger.XXXXXX,
#                   removed at the end unless KEEP=1); needs about 2.5 GB at 1M events
#   RESULTS=DIR     where the JSON goes (default bench/results)
#   SIGNED_PCT=10   share of advice events signed in the second log (0: no
#                   second log)              RUNS_SIGNED=2 hyperfine runs of its verify
#   APPEND_MIN=20000  VERIFY_FLOOR_RATIO_MIN=0.9  PROOF_MAX_MS=1   the targets
#   VERIFY_RATIO_MIN=0.5  the earlier verify target against SHA-256 alone
#                   (reported, no longer part of the verdict)
# Exit status: 0 every target met, 1 a target missed, 2 the setup failed.
# See bench/README.md, section "Ledger".
set -Eeuo pipefail
trap 'echo "ledger.sh: setup failed at line $LINENO" >&2; exit 2' ERR

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
EVENTS=${EVENTS:-1000000}
N=${N:-6993}
RUNS_VERIFY=${RUNS_VERIFY:-3}
RUNS_HASH=${RUNS_HASH:-10}
RUNS_PROOF=${RUNS_PROOF:-100}
PROBE_RUNS=${PROBE_RUNS:-50}
RUNS_APPEND_BASE=${RUNS_APPEND_BASE:-3}
PROFILE=${PROFILE:-1}
APPEND_MIN=${APPEND_MIN:-20000}
VERIFY_RATIO_MIN=${VERIFY_RATIO_MIN:-0.5}
VERIFY_FLOOR_RATIO_MIN=${VERIFY_FLOOR_RATIO_MIN:-0.9}
SIGNED_PCT=${SIGNED_PCT:-10}
RUNS_SIGNED=${RUNS_SIGNED:-2}
PROOF_MAX_MS=${PROOF_MAX_MS:-1}
RESULTS=${RESULTS:-$HERE/results}
BUILD_DIR=${BUILD_DIR:-/tmp/benchledger}
P=bench
export SECSPEC_NOW=${SECSPEC_NOW:-2026-11-26T10:00:00Z}
unset SECSPEC_DB SECSPEC_CATALOG_DIR SECSPEC_KEY

case $EVENTS in '' | *[!0-9]*) echo "ledger.sh: EVENTS must be a number" >&2; exit 2 ;; esac
case $SIGNED_PCT in '' | *[!0-9]*) echo "ledger.sh: SIGNED_PCT must be a number 0-100" >&2; exit 2 ;; esac
[ "$SIGNED_PCT" -le 100 ] || { echo "ledger.sh: SIGNED_PCT must be 0-100" >&2; exit 2; }
[ "$EVENTS" -ge 10 ] || { echo "ledger.sh: EVENTS must be at least 10" >&2; exit 2; }

# ------------------------------------------------------------------ tools
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
command -v jq >/dev/null || need+=(jq)
command -v openssl >/dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing ${need[*]}" >&2
		apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
	else
		echo "ledger.sh: please install ${need[*]}" >&2
		exit 2
	fi
fi
HAVE_PERF=0
command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1 && HAVE_PERF=1

# ------------------------------------------------------------------ binary
. "$HERE/common.sh"
bench_secspec ledger.sh "$@"

PROBES=0
PG=ledgerbench$$ # uprobe group, one per run
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	[ "$PROBES" = 1 ] && perf probe -q -d "$PG:*" >/dev/null 2>&1
	if [ -n "${RMWORK:-}" ]; then rm -rf "$RMWORK"; fi
	return 0
}
trap cleanup EXIT
if [ -n "${WORK:-}" ]; then
	mkdir -p "$WORK"
	WORK=$(cd "$WORK" && pwd)
else
	WORK=$(mktemp -d /tmp/secspec-ledger.XXXXXX)
	[ "${KEEP:-0}" = 1 ] || RMWORK=$WORK
fi
DB=$WORK/ledger.db
CAT=$WORK/catalog
rm -f "$DB" "$DB"-wal "$DB"-shm "$WORK"/base.db*
cd "$WORK"

# hf ARGS...: hyperfine, run again (at most twice) if a command failed, which on
# a shared machine is most often a process killed from outside
hf() {
	local i
	for i in 1 2 3; do
		hyperfine "$@" && return 0
		echo "ledger.sh: hyperfine failed (attempt $i of 3)" >&2
	done
	return 1
}
now_us() { echo "${EPOCHREALTIME/./}"; }
kib_of() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
# peak_rss CMD...: largest RSS (KiB) of one run under /usr/bin/time -v
peak_rss() {
	/usr/bin/time -v -o "$WORK/time.tmp" "$@" >/dev/null 2>&1 || true
	kib_of "$WORK/time.tmp"
}

# ------------------------------------------------------------------ setup
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "setting up: catalog of $N items, project '$P' in $WORK" >&2
"$HERE/gen-catalog.sh" "$CAT" "$N" 2>/dev/null
# setup_project DB: the project every append starts from (3 events)
setup_project() {
	"$SECSPEC" init --db "$1" --catalog "$CAT" >/dev/null
	"$SECSPEC" project create "$P" --user 株式会社ベンチ商事 --vendor ベンチシステムズ株式会社 \
		--by suzuki --side user --name "鈴木 一郎" --db "$1" >/dev/null
	"$SECSPEC" member add "$P" sato --side vendor --role lead --name "佐藤 健" --by suzuki --db "$1" >/dev/null
	"$SECSPEC" spec draft "$P" --by suzuki --db "$1" >/dev/null
}
setup_project "$DB"
PID=$(sqlite3 "$DB" "SELECT id FROM project_key WHERE name = '$P'")
VERSION=$(sqlite3 "$DB" "SELECT catalog_version FROM project WHERE id = $PID")
count_events() { sqlite3 "$DB" "SELECT count(*) FROM event WHERE project_id = $PID"; }
SETUP_EVENTS=$(count_events)
[ "$SETUP_EVENTS" -lt "$EVENTS" ] || { echo "ledger.sh: EVENTS must exceed the $SETUP_EVENTS setup events" >&2; exit 2; }

# Bulk filters over the sections other than the defaults, with how many items
# (= advice events) each covers; whole sections are used in turn, and the
# remainder is filled exactly with the largest filters that fit, down to
# single items.
FILTERS=$WORK/filters.tsv
q_items="FROM catalog_item WHERE version = '$VERSION' AND section <> 'default'"
{
	sqlite3 -separator $'\t' "$DB" "SELECT count(*), '--section ' || section $q_items GROUP BY section"
	sqlite3 -separator $'\t' "$DB" "SELECT count(*), '--section ' || section || ' --platform ' || platform $q_items GROUP BY section, platform"
	sqlite3 -separator $'\t' "$DB" "SELECT count(*), '--section ' || section || ' --category ' || category $q_items GROUP BY section, category"
	sqlite3 -separator $'\t' "$DB" "SELECT count(*), '--section ' || section || ' --platform ' || platform || ' --category ' || category $q_items GROUP BY section, platform, category"
	sqlite3 -separator $'\t' "$DB" "SELECT 1, id $q_items ORDER BY ord LIMIT 1"
} | sort -t $'\t' -k1,1nr >"$FILTERS"
mapfile -t SECTIONS < <(sqlite3 -separator $'\t' "$DB" "SELECT count(*), section $q_items GROUP BY section ORDER BY count(*) DESC, section")
[ ${#SECTIONS[@]} -gt 0 ] || { echo "ledger.sh: the catalog has no section besides the defaults" >&2; exit 2; }

# The next bulk command: the sections in turn while whole sections fit in the
# events still to append, then the largest filter that does. Sets size,
# filter; advances k.
next_filter() {
	local rem=$((EVENTS - have)) sec
	IFS=$'\t' read -r size sec <<<"${SECTIONS[k % ${#SECTIONS[@]}]}"
	if [ "$size" -le "$rem" ]; then
		filter="--section $sec"
	else
		filter=$(awk -F'\t' -v r="$rem" '$1 <= r {print $1 "\t" $2; exit}' "$FILTERS")
		size=${filter%%$'\t'*}
		filter=${filter#*$'\t'}
	fi
	k=$((k + 1))
}

# ------------------------------------------------------------------ append
APPEND=$WORK/append.tsv # cmd, events, us, rss KiB, seq after, filter
: >"$APPEND"
have=$SETUP_EVENTS
k=0
KILLED=0
echo "appending $((EVENTS - SETUP_EVENTS)) advice events to reach $EVENTS (${SECTIONS[*]//$'\t'/ })" >&2
t_phase0=$(now_us)
while [ "$have" -lt "$EVENTS" ]; do
	next_filter
	tries=0
	while :; do
		t0=$(now_us)
		# shellcheck disable=SC2086 # the filter is words
		if /usr/bin/time -f '%M' -o "$WORK/rss.tmp" "$SECSPEC" advise "$P" $filter --note "n$k" --by sato --db "$DB" >"$WORK/step.out" 2>&1; then
			t1=$(now_us)
			break
		fi
		t1=$(now_us)
		# On a shared machine something else may kill the process (SIGKILL
		# from an out-of-memory killer): the transaction either committed
		# or rolled back; retry only if it rolled back, and count it.
		after=$(count_events)
		if grep -q 'terminated by signal' "$WORK/rss.tmp" && [ "$tries" -lt 3 ]; then
			KILLED=$((KILLED + 1))
			if [ "$after" -eq $((have + size)) ]; then
				echo "  advise $filter was killed after its commit; kept" >&2
				break
			elif [ "$after" -eq "$have" ]; then
				echo "  advise $filter was killed ($(head -n 1 "$WORK/rss.tmp")); rolled back, retrying" >&2
				tries=$((tries + 1))
				continue
			fi
		fi
		echo "ledger.sh: advise $filter failed (log at $after events, expected $have):" >&2
		cat "$WORK/step.out" "$WORK/rss.tmp" >&2
		exit 2
	done
	have=$((have + size))
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$k" "$size" "$((t1 - t0))" "$(tail -n 1 "$WORK/rss.tmp")" "$have" "$filter" >>"$APPEND"
	if [ $((k % 50)) -eq 0 ]; then
		printf '  %d commands, %d events, %.0f events/s so far\n' "$k" "$have" \
			"$(awk -F'\t' '{e += $2; t += $3} END {print e / (t / 1e6)}' "$APPEND")" >&2
	fi
done
t_phase1=$(now_us)
got=$(count_events)
[ "$got" -eq "$EVENTS" ] || { echo "ledger.sh: the log has $got events, expected $EVENTS" >&2; exit 2; }
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
APPEND_WALL_US=$((t_phase1 - t_phase0))

# Baseline: sqlite3 writing the same rows (event, merkle_tile, advice, the
# requirement's advice_seq, project head) in the same transactions as the
# commands did, into a fresh database with the same tables, journal mode and
# synchronous setting. A transaction writes, at each tile level, the tiles its
# leaves reach, in their final form (a command wrote the right-edge tile as it
# then was: at most 8 KB per level shorter).
{
	echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	# state_head first: the triggers of the advice and requirement tables
	# mark it on every change, as in secspec's database
	sqlite3 "$DB" ".schema project_key" ".schema state_head" ".schema event" ".schema merkle_tile" ".schema advice" ".schema requirement"
	echo "ATTACH '$DB' AS src;"
	echo "INSERT INTO main.project_key SELECT * FROM src.project_key WHERE id = $PID;"
	echo "UPDATE main.project_key SET head_seq = 0, head_hash = '';"
	echo "INSERT INTO main.state_head(project_id, seq, hash, edited) VALUES($PID, 0, '', 0);"
	echo "INSERT INTO main.requirement SELECT * FROM src.requirement WHERE project_id = $PID;"
	echo "UPDATE main.requirement SET advice_seq = NULL;"
	awk -F'\t' -v pid="$PID" -v first="$SETUP_EVENTS" '
	function batch(lo, hi) {
		printf "BEGIN;\n"
		printf "INSERT INTO main.event SELECT * FROM src.event WHERE project_id = %d AND seq BETWEEN %d AND %d;\n", pid, lo, hi
		printf "WITH RECURSIVE l(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM l WHERE k < 7) "
		printf "INSERT OR REPLACE INTO main.merkle_tile SELECT t.* FROM l JOIN src.merkle_tile t ON t.project_id = %d AND t.level = l.k ", pid
		printf "AND t.idx BETWEEN ((%d - 1) >> (8 * l.k)) >> 8 AND ((%d >> (8 * l.k)) - 1) >> 8 AND (%d >> (8 * l.k)) > ((%d - 1) >> (8 * l.k));\n", lo, hi, hi, lo
		printf "INSERT INTO main.advice SELECT * FROM src.advice WHERE project_id = %d AND seq BETWEEN %d AND %d;\n", pid, lo, hi
		printf "UPDATE main.requirement SET advice_seq = a.seq FROM (SELECT item_id, max(seq) AS seq FROM src.advice WHERE project_id = %d AND seq BETWEEN %d AND %d GROUP BY item_id) AS a ", pid, lo, hi
		printf "WHERE main.requirement.project_id = %d AND main.requirement.item_id = a.item_id;\n", pid
		printf "UPDATE main.project_key SET head_seq = %d, head_hash = (SELECT hash FROM src.event WHERE project_id = %d AND seq = %d) WHERE id = %d;\n", hi, pid, hi, pid
		printf "UPDATE main.state_head SET seq = %d, hash = (SELECT head_hash FROM main.project_key WHERE id = %d), edited = 0 WHERE project_id = %d;\n", hi, pid, pid
		printf "COMMIT;\n"
	}
	BEGIN { batch(1, first); lo = first + 1 }
	{ batch(lo, $5); lo = $5 + 1 }' "$APPEND"
} >"$WORK/append-baseline.sql"
echo "append baseline: sqlite3 writing the same rows in the same $(wc -l <"$APPEND") transactions" >&2
hf -N --style basic --runs "$RUNS_APPEND_BASE" --prepare "rm -f $WORK/base.db $WORK/base.db-wal $WORK/base.db-shm" \
	--export-json "$WORK/hf-append.json" -n sqlite-insert "sqlite3 $WORK/base.db '.read $WORK/append-baseline.sql'" >&2
[ "$(sqlite3 "$WORK/base.db" "SELECT count(*) FROM event") $(sqlite3 "$WORK/base.db" "SELECT count(*), sum(length(hashes)) FROM merkle_tile")" = \
	"$EVENTS $(sqlite3 "$DB" "SELECT count(*), sum(length(hashes)) FROM merkle_tile WHERE project_id = $PID")" ] ||
	{ echo "ledger.sh: the append baseline did not copy every row" >&2; exit 2; }
[ "$(sqlite3 "$WORK/base.db" "SELECT count(*) FROM requirement WHERE advice_seq IS NOT NULL")" = \
	"$(sqlite3 "$DB" "SELECT count(*) FROM requirement WHERE project_id = $PID AND advice_seq IS NOT NULL")" ] ||
	{ echo "ledger.sh: the append baseline did not set every advice_seq" >&2; exit 2; }
rm -f "$WORK"/base.db*
RSS_APPEND_BASE=$(peak_rss sqlite3 "$WORK/base.db" ".read $WORK/append-baseline.sql")
BASE_BYTES=$(stat -c %s "$WORK/base.db")
rm -f "$WORK"/base.db*

# The same appends in one process (bench/append-driver.c): the same calls
# with the same filters and notes, through the library on one open store, into
# a fresh project set up like the first. Process start-up (the shared
# libraries: `secspec --version`) and the checkpoint SQLite runs when a
# command's connection closes are then not part of the time. The log must come
# out identical: same number of events, same root.
echo "append in one process: the same $(wc -l <"$APPEND") calls through libsecspec" >&2
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
	cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$BUILD_DIR" --target secspec-bench-append -j "$(nproc)" >/dev/null
DB2=$WORK/inproc.db
rm -f "$DB2" "$DB2"-wal "$DB2"-shm
setup_project "$DB2"
awk -F'\t' '{print $1 "\t" $6}' "$APPEND" >"$WORK/plan.tsv"
INPROC=$WORK/inproc.tsv
t0=$(now_us)
/usr/bin/time -f '%M' -o "$WORK/rss.tmp" "$BUILD_DIR/secspec-bench-append" "$DB2" "$P" "$WORK/plan.tsv" "$INPROC"
t1=$(now_us)
INPROC_WALL_US=$((t1 - t0))
RSS_INPROC=$(tail -n 1 "$WORK/rss.tmp")
ROOT1=$("$SECSPEC" log head "$P" --db "$DB" --json | jq -r '.tree_size, .root' | paste -sd' ')
ROOT2=$("$SECSPEC" log head "$P" --db "$DB2" --json | jq -r '.tree_size, .root' | paste -sd' ')
[ "$ROOT1" = "$ROOT2" ] || { echo "ledger.sh: the in-process log differs: $ROOT2, not $ROOT1" >&2; exit 2; }
rm -f "$DB2" "$DB2"-wal "$DB2"-shm

# ------------------------------------------------------------------ verify
BODY_BYTES=$(sqlite3 "$DB" "SELECT sum(length(CAST(body AS BLOB))) FROM event WHERE project_id = $PID")
AVG_BODY=$(((BODY_BYTES + EVENTS / 2) / EVENTS))
# exactly the bytes verify hashes: every body, concatenated, no separators
sqlite3 -cmd '.mode list' -cmd '.separator "" ""' "$DB" \
	"SELECT body FROM event WHERE project_id = $PID ORDER BY seq" >"$WORK/bodies.bin"
[ "$(stat -c %s "$WORK/bodies.bin")" -eq "$BODY_BYTES" ] || { echo "ledger.sh: bodies.bin is not $BODY_BYTES bytes" >&2; exit 2; }
"$SECSPEC" log verify "$P" --db "$DB" >"$WORK/verify.out"
grep -q "verified: $EVENTS events" "$WORK/verify.out" || { echo "ledger.sh: unexpected verify output" >&2; cat "$WORK/verify.out" >&2; exit 2; }

echo "verify: $EVENTS events, $BODY_BYTES body bytes (mean $AVG_BODY)" >&2
CMD_VERIFY="$SECSPEC log verify $P --db $DB"
CMD_SHA="sha256sum $WORK/bodies.bin"
CMD_DGST="openssl dgst -sha256 $WORK/bodies.bin"
# what verify reads, with the same query, printed by the sqlite3 shell
CMD_READ="sqlite3 $DB 'SELECT seq, time, actor, side, role, type, body, hash, sig FROM event WHERE project_id = $PID AND seq <= 9223372036854775807 ORDER BY seq'"
hf -N --style basic --warmup 1 --runs "$RUNS_VERIFY" --export-json "$WORK/hf-verify.json" -n verify "$CMD_VERIFY" >&2
hf -N --style basic --warmup 2 --runs "$RUNS_HASH" --export-json "$WORK/hf-hash.json" \
	-n sha256sum "$CMD_SHA" -n openssl-dgst "$CMD_DGST" -n sqlite-read "$CMD_READ" >&2
SPEED_KBPS=$(openssl speed -evp sha256 -bytes "$AVG_BODY" -seconds 3 2>/dev/null | awk '/^sha256 / {sub(/k$/, "", $2); print $2}')
[ -n "$SPEED_KBPS" ] || { echo "ledger.sh: could not read openssl speed" >&2; exit 2; }
RSS_VERIFY=$(peak_rss "$SECSPEC" log verify "$P" --db "$DB")
RSS_SHA=$(peak_rss sha256sum "$WORK/bodies.bin")
RSS_DGST=$(peak_rss openssl dgst -sha256 "$WORK/bodies.bin")
RSS_READ=$(peak_rss sqlite3 "$DB" "SELECT seq, time, actor, side, role, type, body, hash, sig FROM event WHERE project_id = $PID ORDER BY seq")

PROF_DSO=$WORK/profile-dso.txt
PROF_SYM=$WORK/profile-sym.txt
: >"$PROF_DSO"
: >"$PROF_SYM"
if [ "$PROFILE" = 1 ] && [ "$HAVE_PERF" = 1 ]; then
	echo "profiling verify with perf record" >&2
	if perf record -q -F 499 -o "$WORK/verify.perf" "$SECSPEC" log verify "$P" --db "$DB" >/dev/null 2>&1; then
		perf report -i "$WORK/verify.perf" --stdio --no-children -q --sort dso --percent-limit 0.5 2>/dev/null |
			awk 'NF >= 2 && $1 ~ /%$/ {sub(/%$/, "", $1); print $1 "\t" $2}' >"$PROF_DSO" || true
		perf report -i "$WORK/verify.perf" --stdio --no-children -q --sort dso,sym --percent-limit 1 2>/dev/null |
			awk 'NF >= 4 && $1 ~ /%$/ {p = $1; sub(/%$/, "", p); d = $2; $1 = $2 = $3 = ""; sub(/^ +/, ""); print p "\t" d "\t" $0}' >"$PROF_SYM" || true
	fi
fi

# ------------------------------------------------------------------ signed
# A second log of EVENTS events in which a share of the advice is signed:
# the leads register their keys (their own changes are then signed, as in
# the evidence walkthrough), the vendor lead gives SIGNED_PCT% of the advice
# with --key, and a vendor member without a key gives the rest. Verify checks
# every signature (Ed25519); the floor above includes none of that work.
SIGNED_TSV=$WORK/signed.tsv # events, signed events, verify time figures
: >"$SIGNED_TSV"
if [ "$SIGNED_PCT" -gt 0 ]; then
	DB3=$WORK/signed.db
	rm -f "$DB3" "$DB3"-wal "$DB3"-shm "$WORK"/suzuki.key* "$WORK"/sato.key*
	setup_project "$DB3"
	"$SECSPEC" member add "$P" takahashi --side vendor --role member --name "高橋 花子" --by sato --db "$DB3" >/dev/null
	"$SECSPEC" key gen "$WORK/suzuki.key" >/dev/null
	"$SECSPEC" key gen "$WORK/sato.key" >/dev/null
	"$SECSPEC" key register "$P" --by suzuki --key "$WORK/suzuki.key" --db "$DB3" >/dev/null
	"$SECSPEC" key register "$P" --by sato --key "$WORK/sato.key" --db "$DB3" >/dev/null
	have=$(sqlite3 "$DB3" "SELECT count(*) FROM event")
	signed_ev=0
	k=0
	echo "signed log: $SIGNED_PCT% of the advice signed by the vendor lead, $((EVENTS - have)) advice events" >&2
	t0=$(now_us)
	while [ "$have" -lt "$EVENTS" ]; do
		next_filter
		# the vendor lead takes the command when that brings the signed share
		# closer to SIGNED_PCT
		adv=$((have - SETUP_EVENTS - 3))
		if [ $(((2 * signed_ev + size) * 100)) -lt $((2 * SIGNED_PCT * (adv + size))) ]; then
			who=(--by sato --key "$WORK/sato.key")
			signed_ev=$((signed_ev + size))
		else
			who=(--by takahashi)
		fi
		# shellcheck disable=SC2086 # the filter is words
		"$SECSPEC" advise "$P" $filter --note "n$k" "${who[@]}" --db "$DB3" >/dev/null ||
			{ echo "ledger.sh: signed log: advise $filter failed" >&2; exit 2; }
		have=$((have + size))
	done
	t1=$(now_us)
	[ "$(sqlite3 "$DB3" "SELECT count(*) FROM event")" -eq "$EVENTS" ] || { echo "ledger.sh: the signed log is not $EVENTS events" >&2; exit 2; }
	sqlite3 "$DB3" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	NSIGNED=$("$SECSPEC" log verify "$P" --db "$DB3" --json | jq -r .signed)
	echo "signed log: $NSIGNED of $EVENTS events signed; verifying" >&2
	hf -N --style basic --warmup 0 --runs "$RUNS_SIGNED" --export-json "$WORK/hf-signed.json" \
		-n verify-signed "$SECSPEC log verify $P --db $DB3" >&2
	ED_VERIFY=$(openssl speed -seconds 2 ed25519 2>/dev/null | awk '/Ed25519/ && NF >= 5 {v = $NF} END {print v}')
	printf '%s\t%s\t%s\t%s\n' "$EVENTS" "$NSIGNED" "$((t1 - t0))" "${ED_VERIFY:-0}" >"$SIGNED_TSV"
	rm -f "$DB3" "$DB3"-wal "$DB3"-shm
else
	echo '{"results": []}' >"$WORK/hf-signed.json"
fi

# ------------------------------------------------------------------ proof
HALF=$((EVENTS / 2))
"$SECSPEC" log proof "$P" "$HALF" --db "$DB" >"$WORK/proof-half.out"
"$SECSPEC" log proof "$P" "$EVENTS" --db "$DB" >"$WORK/proof-last.out"
grep -q "^tree_size $EVENTS\$" "$WORK/proof-half.out" || { echo "ledger.sh: unexpected proof output" >&2; exit 2; }
PATH_HALF=$(grep -c '^path ' "$WORK/proof-half.out" || true)
PATH_LAST=$(grep -c '^path ' "$WORK/proof-last.out" || true)
echo "proof: seq $HALF ($PATH_HALF hashes) and $EVENTS ($PATH_LAST hashes) in a tree of $EVENTS" >&2
hf -N --style basic --warmup 10 --runs "$RUNS_PROOF" --export-json "$WORK/hf-proof.json" \
	-n version "$SECSPEC --version" \
	-n head "$SECSPEC log head $P --db $DB" \
	-n proof-half "$SECSPEC log proof $P $HALF --db $DB" \
	-n proof-last "$SECSPEC log proof $P $EVENTS --db $DB" >&2
RSS_VERSION=$(peak_rss "$SECSPEC" --version)
RSS_HEAD=$(peak_rss "$SECSPEC" log head "$P" --db "$DB")
RSS_PROOF_HALF=$(peak_rss "$SECSPEC" log proof "$P" "$HALF" --db "$DB")
RSS_PROOF_LAST=$(peak_rss "$SECSPEC" log proof "$P" "$EVENTS" --db "$DB")

# The proof inside the process: uprobes on ss_log_proof and the steps it
# calls, PROBE_RUNS runs per leaf; durations in microseconds per function.
PROBE_TSV=$WORK/probe.tsv
: >"$PROBE_TSV"
if [ "$HAVE_PERF" = 1 ] && [ "$(id -u)" = 0 ] && [ -w /sys/kernel/tracing/uprobe_events ] &&
	perf probe -q -x "$SECSPEC" --add "$PG:proof=ss_log_proof" --add "$PG:proof=ss_log_proof%return" >/dev/null 2>&1; then
	PROBES=1
	for f in ss__project_read ss_lstore_node ss_lstore_inclusion ss_lstore_root; do
		perf probe -q -x "$SECSPEC" --add "$PG:$f=$f" --add "$PG:$f=$f%return" >/dev/null 2>&1 || true
	done
	echo "timing the proof inside the process with uprobes ($PROBE_RUNS runs each)" >&2
	for which in half:$HALF last:$EVENTS; do
		name=${which%%:*}
		seq=${which#*:}
		# shellcheck disable=SC2016 # the loop's arguments are expanded by the inner bash
		perf record -q -e "$PG:*" -o "$WORK/probe-$name.perf" -- \
			bash -c 'for ((i = 0; i < $1; i++)); do "$2" log proof "$3" "$4" --db "$5" >/dev/null; done' \
			_ "$PROBE_RUNS" "$SECSPEC" "$P" "$seq" "$DB" >/dev/null 2>&1
		perf script --ns -F pid,time,event -i "$WORK/probe-$name.perf" 2>/dev/null |
			awk -v which="$name" '
			{ pid = $1; t = $2; sub(/:$/, "", t); ev = $3; sub(/:$/, "", ev); sub(/^[^:]*:/, "", ev) }
			ev !~ /__return$/ { start[pid, ev] = t; next }
			{ f = ev; sub(/__return$/, "", f); if ((pid, f) in start) { print which "\t" f "\t" (t - start[pid, f]) * 1e6; delete start[pid, f] } }' >>"$PROBE_TSV"
	done
	perf probe -q -d "$PG:*" >/dev/null 2>&1 || true
	PROBES=0
else
	echo "no uprobes (needs root, perf and /sys/kernel/tracing): the proof is estimated as proof - --version" >&2
fi

# ------------------------------------------------------------------ report
CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"
OUTJSON=$RESULTS/ledger-$STAMP.json
DB_BYTES=$(($(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null || echo 0)))
TABLES=$(sqlite3 -separator $'\t' "$DB" "SELECT name, sum(pgsize) FROM dbstat GROUP BY name HAVING sum(pgsize) >= 65536 ORDER BY 2 DESC" 2>/dev/null || true)

jq -n \
	--slurpfile ha "$WORK/hf-append.json" --slurpfile hv "$WORK/hf-verify.json" \
	--slurpfile hh "$WORK/hf-hash.json" --slurpfile hp "$WORK/hf-proof.json" \
	--rawfile append "$APPEND" --rawfile probes "$PROBE_TSV" \
	--rawfile pdso "$PROF_DSO" --rawfile psym "$PROF_SYM" --arg tables "$TABLES" \
	--arg stamp "$STAMP" --arg cpu "$CPU" --arg mem "$MEM" --arg nproc "$(nproc)" \
	--arg kernel "$(uname -r)" --arg load "$LOAD_START -> $(cut -d' ' -f1-3 /proc/loadavg)" --arg secspec "$("$SECSPEC" --version)" \
	--arg sqlite "$(sqlite3 --version | cut -d' ' -f1)" --arg openssl "$(openssl version)" \
	--arg coreutils "$(sha256sum --version | sed -n 1p)" --arg hyperfine "$(hyperfine --version)" \
	--arg events "$EVENTS" --arg setup_events "$SETUP_EVENTS" --arg items "$N" \
	--arg body_bytes "$BODY_BYTES" --arg avg_body "$AVG_BODY" --arg db_bytes "$DB_BYTES" \
	--arg base_db_bytes "$BASE_BYTES" --arg killed "$KILLED" --arg wall_us "$APPEND_WALL_US" \
	--arg speed_kbps "$SPEED_KBPS" --arg half "$HALF" --arg path_half "$PATH_HALF" --arg path_last "$PATH_LAST" \
	--arg rss_append_base "$RSS_APPEND_BASE" --arg rss_verify "$RSS_VERIFY" --arg rss_sha "$RSS_SHA" \
	--arg rss_dgst "$RSS_DGST" --arg rss_read "$RSS_READ" --arg rss_version "$RSS_VERSION" \
	--arg rss_head "$RSS_HEAD" --arg rss_half "$RSS_PROOF_HALF" --arg rss_last "$RSS_PROOF_LAST" \
	--arg append_min "$APPEND_MIN" --arg ratio_min "$VERIFY_RATIO_MIN" --arg proof_max "$PROOF_MAX_MS" \
	--arg cmd_verify "$CMD_VERIFY" --arg cmd_sha "$CMD_SHA" --arg cmd_dgst "$CMD_DGST" --arg cmd_read "$CMD_READ" \
	--rawfile inproc "$INPROC" --arg inproc_wall_us "$INPROC_WALL_US" --arg rss_inproc "$RSS_INPROC" \
	--slurpfile hs "$WORK/hf-signed.json" --rawfile signed "$SIGNED_TSV" --arg signed_pct "$SIGNED_PCT" \
	--arg floor_min "$VERIFY_FLOOR_RATIO_MIN" '
	def num: tonumber;
	def stats: {mean_ms: (.mean * 1000), stddev_ms: ((.stddev // 0) * 1000), median_ms: (.median * 1000),
	            min_ms: (.min * 1000), max_ms: (.max * 1000), runs: (.times | length)};
	def hf($h): $h[0].results | map({key: .command, value: .}) | from_entries;
	def mib: (. | num) / 1024;
	def rate: if length == 0 then null else ((map(.events) | add) / ((map(.us) | add) / 1e6)) end;
	def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
	            else (.[length / 2 - 1] + .[length / 2]) / 2 end;
	($events | num) as $n | ($body_bytes | num) as $bytes
	| ($append | split("\n") | map(select(length > 0) | split("\t")
	    | {cmd: (.[0] | num), events: (.[1] | num), us: (.[2] | num), rss_kib: (.[3] | num), seq: (.[4] | num), filter: .[5]})) as $cmds
	| ($cmds | map(.events) | add) as $adv
	| ($inproc | split("\n") | map(select(length > 0) | split("\t") | {events: (.[1] | num), us: (.[2] | num)})) as $calls
	| ($calls | rate) as $in_rate
	| ($cmds | map(.us) | add) as $adv_us
	| (hf($ha)["sqlite-insert"]) as $base
	| (hf($hv).verify) as $v | (hf($hh)) as $h | (hf($hp)) as $p
	| ($adv / ($adv_us / 1e6)) as $rate
	| ($n / $base.mean) as $base_rate
	| ($bytes / $v.mean / 1e6) as $v_mbps
	| ($bytes / $h.sha256sum.mean / 1e6) as $sha_mbps
	| ($bytes / $h["openssl-dgst"].mean / 1e6) as $dgst_mbps
	| (($speed_kbps | num) * 1000 / 1e6) as $speed_mbps
	| ($probes | split("\n") | map(select(length > 0) | split("\t") | {which: .[0], fn: .[1], us: (.[2] | num)})) as $pr
	| def probe($w; $f): ($pr | map(select(.which == $w and .fn == $f) | .us)) as $x
	    | if ($x | length) == 0 then null
	      else {runs: ($x | length), mean_ms: (($x | add) / ($x | length) / 1000),
	            median_ms: (($x | median) / 1000), min_ms: (($x | min) / 1000), max_ms: (($x | max) / 1000)} end;
	  def inproc($w; $name): (probe($w; "proof")) as $u
	    | (($p[$name].mean - $p.version.mean) * 1000) as $minus_version
	    | (($p[$name].mean - $p.head.mean) * 1000) as $minus_head
	    | {seq: (if $w == "half" then ($half | num) else $n end), tree_size: $n,
	       path_hashes: ((if $w == "half" then $path_half else $path_last end) | num),
	       command: ($p[$name] | stats), peak_rss_mib: ((if $w == "half" then $rss_half else $rss_last end) | mib),
	       minus_version_ms: $minus_version, minus_head_ms: $minus_head,
	       in_process: $u,
	       steps: {project_read: probe($w; "ss__project_read"), leaf: probe($w; "ss_lstore_node"),
	               inclusion_path: probe($w; "ss_lstore_inclusion"), root: probe($w; "ss_lstore_root")},
	       measured_ms: (if $u then $u.mean_ms else $minus_version end),
	       measured_by: (if $u then "uprobes on ss_log_proof (mean)" else "command mean - secspec --version mean" end)}
	    | .pass = (.measured_ms <= ($proof_max | num));
	{
	  date: $stamp,
	  machine: {cpu: $cpu, nproc: ($nproc | num), memory: $mem, kernel: $kernel, loadavg_start_end: $load},
	  versions: {secspec: $secspec, sqlite3: $sqlite, openssl: $openssl, sha256sum: $coreutils, hyperfine: $hyperfine},
	  events: $n, setup_events: ($setup_events | num), catalog_items: ($items | num),
	  targets: {append_events_per_s_min: ($append_min | num), verify_floor_ratio_min: ($floor_min | num),
	            verify_ratio_min_informational: ($ratio_min | num), proof_ms_max: ($proof_max | num)},
	  sizes: {db_bytes: ($db_bytes | num), db_bytes_per_event: (($db_bytes | num) / $n),
	          tables: ($tables | split("\n") | map(select(length > 0) | split("\t") | {key: .[0], value: (.[1] | num)}) | from_entries),
	          body_bytes: $bytes, mean_body_bytes: ($avg_body | num), append_baseline_db_bytes: ($base_db_bytes | num)},
	  append: {
	    commands: ($cmds | length), advice_events: $adv, commands_killed_from_outside: ($killed | num),
	    events_per_command: {min: ($cmds | map(.events) | min), max: ($cmds | map(.events) | max)},
	    commands_s: ($adv_us / 1e6), phase_wall_s: (($wall_us | num) / 1e6),
	    events_per_s: $rate, events_per_s_wall: ($adv / (($wall_us | num) / 1e6)),
	    whole_section_commands: ($cmds | map(select(.filter | test("^--section [^ ]+$"))) | {count: length, events_per_s: rate}),
	    first_10pct_events_per_s: ($cmds | map(select(.seq <= $n / 10 and (.filter | test("^--section [^ ]+$")))) | rate),
	    last_10pct_events_per_s: ($cmds | map(select(.seq > $n * 9 / 10 and (.filter | test("^--section [^ ]+$")))) | rate),
	    median_command_ms: ($cmds | map(select(.events >= 100) | .us) | median | if . then . / 1000 else null end),
	    max_command_ms: ($cmds | map(.us) | max / 1000),
	    peak_rss_mib: ($cmds | map(.rss_kib) | max / 1024),
	    baseline: {name: "sqlite-insert", what: "sqlite3 writes the same event, merkle_tile, advice rows, advice_seq and head in the same transactions",
	               transactions: (($cmds | length) + 1), events_per_s: $base_rate, time: ($base | stats),
	               peak_rss_mib: ($rss_append_base | mib)},
	    ratio_to_baseline: ($rate / $base_rate),
	    pass_commands: ($rate >= ($append_min | num)),
	    in_process: {what: "the same calls through libsecspec on one open store (bench/append-driver.c); same events, same root",
	                 calls: ($calls | length), events: ($calls | map(.events) | add),
	                 events_per_s: $in_rate, calls_s: (($calls | map(.us) | add) / 1e6),
	                 wall_s: (($inproc_wall_us | num) / 1e6), peak_rss_mib: ($rss_inproc | mib),
	                 ratio_to_baseline: ($in_rate / $base_rate)},
	    pass_in_process: ($in_rate >= ($append_min | num)),
	    pass: ($rate >= ($append_min | num) and $in_rate >= ($append_min | num))
	  },
	  verify: {
	    command: $cmd_verify, time: ($v | stats), peak_rss_mib: ($rss_verify | mib),
	    mb_per_s: $v_mbps, events_per_s: ($n / $v.mean), us_per_event: ($v.mean / $n * 1e6),
	    baselines: {
	      sha256sum: {command: $cmd_sha, time: ($h.sha256sum | stats), mb_per_s: $sha_mbps, peak_rss_mib: ($rss_sha | mib)},
	      "openssl-dgst": {command: $cmd_dgst, time: ($h["openssl-dgst"] | stats), mb_per_s: $dgst_mbps, peak_rss_mib: ($rss_dgst | mib)},
	      "openssl-speed": {command: ("openssl speed -evp sha256 -bytes " + $avg_body + " -seconds 3"), mb_per_s: $speed_mbps},
	      "sqlite-read": {command: $cmd_read, time: ($h["sqlite-read"] | stats), mb_per_s: ($bytes / $h["sqlite-read"].mean / 1e6),
	                      peak_rss_mib: ($rss_read | mib), note: "informational: the rows verify reads, printed by the sqlite3 shell"}
	    },
	    floor: {what: "the sqlite3 shell reading the rows verify reads + openssl dgst -sha256 over the same bytes (means)",
	            sqlite_read_ms: ($h["sqlite-read"].mean * 1000), openssl_dgst_ms: ($h["openssl-dgst"].mean * 1000),
	            floor_ms: (($h["sqlite-read"].mean + $h["openssl-dgst"].mean) * 1000),
	            us_per_event: (($h["sqlite-read"].mean + $h["openssl-dgst"].mean) / $n * 1e6),
	            ratio: (($h["sqlite-read"].mean + $h["openssl-dgst"].mean) / $v.mean),
	            ratio_min: ($floor_min | num),
	            pass: ((($h["sqlite-read"].mean + $h["openssl-dgst"].mean) / $v.mean) >= ($floor_min | num))},
	    ratio_sha256sum: ($v_mbps / $sha_mbps), ratio_openssl_dgst: ($v_mbps / $dgst_mbps), ratio_openssl_speed: ($v_mbps / $speed_mbps),
	    pass_sha256sum: (($v_mbps / $sha_mbps) >= ($ratio_min | num)),
	    pass_openssl: (($v_mbps / $dgst_mbps) >= ($ratio_min | num) and ($v_mbps / $speed_mbps) >= ($ratio_min | num)),
	    profile: {dso: ($pdso | split("\n") | map(select(length > 0) | split("\t") | {pct: (.[0] | num), dso: .[1]})),
	              symbols: ($psym | split("\n") | map(select(length > 0) | split("\t") | {pct: (.[0] | num), dso: .[1], symbol: .[2]}))}
	  },
	  verify_signed: (($signed | split("\n") | map(select(length > 0) | split("\t")) | .[0]) as $sg
	    | if $sg == null then null
	      else (hf($hs)["verify-signed"]) as $vs
	      | {share_pct_target: ($signed_pct | num), events: ($sg[0] | num), signed_events: ($sg[1] | num),
	         share_pct: (($sg[1] | num) / ($sg[0] | num) * 100), append_s: (($sg[2] | num) / 1e6),
	         command: "log verify (the signed log)", time: ($vs | stats), us_per_event: ($vs.mean / ($sg[0] | num) * 1e6),
	         extra_s: ($vs.mean - $v.mean),
	         us_per_signed_event: (if ($sg[1] | num) > 0 then ($vs.mean - $v.mean) / ($sg[1] | num) * 1e6 else null end),
	         openssl_speed_ed25519_verify_us: (if ($sg[3] | num) > 0 then 1e6 / ($sg[3] | num) else null end),
	         floor_ratio: (($h["sqlite-read"].mean + $h["openssl-dgst"].mean) / $vs.mean)}
	      end),
	  proof: {
	    baselines: {version: ($p.version | stats), head: ($p.head | stats),
	                version_peak_rss_mib: ($rss_version | mib), head_peak_rss_mib: ($rss_head | mib)},
	    half: inproc("half"; "proof-half"),
	    last: inproc("last"; "proof-last")
	  }
	}
	| .pass = (.append.pass and .verify.floor.pass and .proof.half.pass and .proof.last.pass)
	' >"$OUTJSON"

# ------------------------------------------------------------------ table
v() { jq -r "$1" "$OUTJSON"; }
pf() { if [ "$(v "$1")" = true ]; then echo PASS; else echo FAIL; fi; }
echo
echo "secspec change log at $(v .events) events, $(nproc) CPUs ($CPU), $MEM; load average $(v .machine.loadavg_start_end)"
printf 'catalog %s items; DB %.1f MB (%.0f bytes/event); event bodies %.1f MB (mean %s bytes)\n' \
	"$N" "$(v '.sizes.db_bytes / 1e6')" "$(v .sizes.db_bytes_per_event)" "$(v '.sizes.body_bytes / 1e6')" "$AVG_BODY"
echo
echo "append: $(v .append.advice_events) advice events in $(v .append.commands) bulk advise commands ($(v .append.events_per_command.min)-$(v .append.events_per_command.max) events each)"
printf '  %-26s %12.0f events/s  (%.1f s in commands, %.1f s wall; whole sections: first 10%% of the log %.0f/s, last 10%% %.0f/s; peak RSS %.1f MiB)\n' \
	"secspec advise" "$(v .append.events_per_s)" "$(v .append.commands_s)" "$(v .append.phase_wall_s)" \
	"$(v '.append.first_10pct_events_per_s // 0')" "$(v '.append.last_10pct_events_per_s // 0')" "$(v .append.peak_rss_mib)"
printf '  %-26s %12.0f events/s  (%.0f ± %.0f ms, peak RSS %.1f MiB)\n' "baseline sqlite-insert" \
	"$(v .append.baseline.events_per_s)" "$(v .append.baseline.time.mean_ms)" "$(v .append.baseline.time.stddev_ms)" "$(v .append.baseline.peak_rss_mib)"
printf '  %-26s %12.0f events/s  (%.1f s in calls, %.1f s wall; peak RSS %.1f MiB; same events, same root)\n' "in one process" \
	"$(v .append.in_process.events_per_s)" "$(v .append.in_process.calls_s)" "$(v .append.in_process.wall_s)" "$(v .append.in_process.peak_rss_mib)"
printf '  commands %.2fx of the baseline, target >= %s events/s: %s\n' "$(v .append.ratio_to_baseline)" "$APPEND_MIN" "$(pf .append.pass_commands)"
printf '  in one process %.2fx of the baseline, target >= %s events/s: %s\n' "$(v .append.in_process.ratio_to_baseline)" "$APPEND_MIN" "$(pf .append.pass_in_process)"
echo
echo "verify: $(v '.sizes.body_bytes') bytes"
printf '  %-26s %10.1f MB/s  (%.0f ± %.0f ms, %.1f us/event, peak RSS %.1f MiB)\n' "secspec log verify" \
	"$(v .verify.mb_per_s)" "$(v .verify.time.mean_ms)" "$(v .verify.time.stddev_ms)" "$(v .verify.us_per_event)" "$(v .verify.peak_rss_mib)"
for b in sha256sum openssl-dgst sqlite-read; do
	printf '  %-26s %10.1f MB/s  (%.0f ± %.0f ms, peak RSS %.1f MiB)\n' "baseline $b" \
		"$(v ".verify.baselines[\"$b\"].mb_per_s")" "$(v ".verify.baselines[\"$b\"].time.mean_ms")" \
		"$(v ".verify.baselines[\"$b\"].time.stddev_ms")" "$(v ".verify.baselines[\"$b\"].peak_rss_mib")"
done
printf '  %-26s %10.1f MB/s  (-bytes %s)\n' "baseline openssl-speed" "$(v '.verify.baselines["openssl-speed"].mb_per_s')" "$AVG_BODY"
printf '  floor: sqlite-read + openssl-dgst = %.0f ms (%.2f us/event); floor / verify %.3f: %s (>= %s)\n' \
	"$(v .verify.floor.floor_ms)" "$(v .verify.floor.us_per_event)" "$(v .verify.floor.ratio)" "$(pf .verify.floor.pass)" "$VERIFY_FLOOR_RATIO_MIN"
printf '  (informational) ratio to sha256sum %.3f: %s (>= %s)\n' "$(v .verify.ratio_sha256sum)" "$(pf .verify.pass_sha256sum)" "$VERIFY_RATIO_MIN"
printf '  (informational) ratio to openssl dgst %.3f, to openssl speed %.3f: %s\n' "$(v .verify.ratio_openssl_dgst)" "$(v .verify.ratio_openssl_speed)" "$(pf .verify.pass_openssl)"
if [ -s "$PROF_DSO" ]; then
	echo "  verify profile (perf, self time by DSO): $(v '[.verify.profile.dso[] | "\(.dso) \(.pct)%"] | join(", ")')"
fi
if [ "$(v .verify_signed)" != null ]; then
	echo
	printf 'verify, signed log: %s of %s events signed (%.1f%%, target %s%%)\n' "$(v .verify_signed.signed_events)" \
		"$(v .verify_signed.events)" "$(v .verify_signed.share_pct)" "$SIGNED_PCT"
	printf '  %-26s %10.0f ms  (± %.0f, %.2f us/event; floor / verify %.3f)\n' "secspec log verify" \
		"$(v .verify_signed.time.mean_ms)" "$(v .verify_signed.time.stddev_ms)" "$(v .verify_signed.us_per_event)" "$(v .verify_signed.floor_ratio)"
	printf '  signatures: %.0f ms more than the unsigned log, %.1f us per signed event (openssl speed ed25519 verify: %.1f us)\n' \
		"$(v '.verify_signed.extra_s * 1000')" "$(v '.verify_signed.us_per_signed_event // 0')" "$(v '.verify_signed.openssl_speed_ed25519_verify_us // 0')"
fi
echo
echo "proof (tree of $(v .events) leaves):"
printf '  %-26s %8.2f ± %.2f ms  (peak RSS %.1f MiB)\n' "baseline secspec --version" "$(v .proof.baselines.version.mean_ms)" \
	"$(v .proof.baselines.version.stddev_ms)" "$(v .proof.baselines.version_peak_rss_mib)"
printf '  %-26s %8.2f ± %.2f ms  (peak RSS %.1f MiB)\n' "baseline log head" "$(v .proof.baselines.head.mean_ms)" \
	"$(v .proof.baselines.head.stddev_ms)" "$(v .proof.baselines.head_peak_rss_mib)"
for w in half last; do
	printf '  %-26s %8.2f ± %.2f ms  (peak RSS %.1f MiB); - version %.2f ms, - head %.2f ms\n' \
		"log proof $(v ".proof.$w.seq") ($(v ".proof.$w.path_hashes") hashes)" "$(v ".proof.$w.command.mean_ms")" \
		"$(v ".proof.$w.command.stddev_ms")" "$(v ".proof.$w.peak_rss_mib")" "$(v ".proof.$w.minus_version_ms")" "$(v ".proof.$w.minus_head_ms")"
	if [ "$(v ".proof.$w.in_process")" != null ]; then
		printf '  %-26s %8.3f ms mean, %.3f median (%s runs): read key %.3f, leaf %.3f, path %.3f, root %.3f ms\n' \
			"  ss_log_proof in process" "$(v ".proof.$w.in_process.mean_ms")" "$(v ".proof.$w.in_process.median_ms")" \
			"$(v ".proof.$w.in_process.runs")" "$(v ".proof.$w.steps.project_read.mean_ms // 0")" \
			"$(v ".proof.$w.steps.leaf.mean_ms // 0")" "$(v ".proof.$w.steps.inclusion_path.mean_ms // 0")" \
			"$(v ".proof.$w.steps.root.mean_ms // 0")"
	fi
	printf '  %-26s %8.3f ms (%s): %s (<= %s ms)\n' "  proof $w" "$(v ".proof.$w.measured_ms")" "$(v ".proof.$w.measured_by")" \
		"$(pf ".proof.$w.pass")" "$PROOF_MAX_MS"
done
echo
echo "results: $OUTJSON"
if [ "$(v .pass)" = true ]; then
	echo "all targets met"
	exit 0
fi
echo "target missed"
exit 1
