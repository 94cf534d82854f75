#!/bin/bash
# Benchmark: signed decisions through secspec serve — each change proposed,
# signed with Ed25519 by the client (bench/sign-client.c, as a browser
# does), then verified by the rule book and appended — with every commit
# flushed by itself (--durability each) and with group commit (group), both
# acknowledged only once on disk. The baseline, measured in the same run:
# the raw commit rate of sqlite3 with the same flush (WAL,
# synchronous=FULL: one flush per commit), one row per transaction.
#
#   bench/web-write.sh [THREADS]      concurrent signers (default 4)
#
# Environment: SECONDS_RUN (default 10), BUILD_DIR (default /tmp/benchweb),
# WORK, KEEP, RESULTS as bench/web.sh. Not a pass/fail test.
set -Eeuo pipefail
trap 'echo "web-write.sh: setup failed at line $LINENO" >&2; exit 2' ERR

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
T=${1:-${THREADS:-4}}
RUN=${SECONDS_RUN:-10}
BUILD_DIR=${BUILD_DIR:-/tmp/benchweb}
RESULTS=${RESULTS:-$ROOT/bench/results}
WORK=${WORK:-$(mktemp -d /tmp/secspec-webw.XXXXXX)}
SPID=
[ "${KEEP:-0}" = 1 ] || trap '[ -z "$SPID" ] || kill $SPID 2>/dev/null; rm -rf "$WORK"' EXIT
export LANGUAGE=en

cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD_DIR" --target secspec secspec-bench-sign -j "$(nproc)" >/dev/null
S=$BUILD_DIR/secspec
DB=$WORK/w.db
PW='correct horse battery staple'
"$S" init --db "$DB" >/dev/null
"$S" key gen "$WORK/k" >/dev/null
for i in $(seq 0 $((T - 1))); do
	"$S" project create "p$i" --user 株式会社ベンチ商事 --vendor ベンチシステムズ株式会社 \
		--by suzuki --side user --db "$DB" >/dev/null
	"$S" key register "p$i" --by suzuki --key "$WORK/k" --db "$DB" >/dev/null
	"$S" spec draft "p$i" --by suzuki --key "$WORK/k" --db "$DB" >/dev/null
done
ITEM=$(sqlite3 "$DB" "SELECT item_id FROM requirement ORDER BY ord LIMIT 1")
printf '%s\n' "$PW" >"$WORK/pw"
chmod 600 "$WORK/pw"
SECSPEC_PASSWORD_FILE=$WORK/pw "$S" account add suzuki --name suzuki --db "$DB" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
server() { # durability
	local port
	port=$(free_port)
	"$S" --db "$DB" serve --port "$port" --threads "$((T > 4 ? T : 4))" --durability "$1" \
		>"$WORK/serve.out" 2>"$WORK/serve.err" &
	SPID=$!
	for _ in $(seq 50); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
	URL=http://127.0.0.1:$port
}
stop() { kill "$SPID"; wait "$SPID" 2>/dev/null || true; SPID=; }

# raw sqlite3: N transactions of one insert each, WAL, synchronous=FULL
raw() {
	local n=2000 f=$WORK/raw.db t0 t1
	rm -f "$f" "$f-wal" "$f-shm"
	{
		echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
		echo "CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT);"
		for i in $(seq $n); do
			echo "BEGIN; INSERT INTO t(body) VALUES (hex(randomblob(300))); COMMIT;"
		done
	} >"$WORK/raw.sql"
	t0=$(date +%s.%N)
	sqlite3 "$f" <"$WORK/raw.sql" >/dev/null
	t1=$(date +%s.%N)
	awk -v n=$n -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", n / (b - a) }'
}

base=$(raw)
server each
read -r e_n e_rate e_p50 e_p99 e_err < <("$BUILD_DIR/secspec-bench-sign" "$URL" suzuki "$PW" \
	"$WORK/k" p "$ITEM" "$T" "$RUN")
stop
server group
read -r g_n g_rate g_p50 g_p99 g_err < <("$BUILD_DIR/secspec-bench-sign" "$URL" suzuki "$PW" \
	"$WORK/k" p "$ITEM" "$T" "$RUN")
stop
base2=$(raw)
baseline=$(awk -v a="$base" -v b="$base2" 'BEGIN { printf "%.1f", (a + b) / 2 }')
for i in $(seq 0 $((T - 1))); do "$S" log verify "p$i" --db "$DB" >/dev/null; done

printf 'signed decisions through secspec serve, %d signers, %ss each\n' "$T" "$RUN"
printf '%-34s %10s %9s %9s %7s\n' "" "changes/s" "p50 ms" "p99 ms" "errors"
printf '%-34s %10s %9s %9s %7s\n' "serve --durability each" "$e_rate" "$e_p50" "$e_p99" "$e_err"
printf '%-34s %10s %9s %9s %7s\n' "serve --durability group" "$g_rate" "$g_p50" "$g_p99" "$g_err"
printf '%-34s %10s\n' "raw sqlite3 commits (FULL)" "$baseline"
printf 'ratio each/raw: %s, group/raw: %s (target >= 0.8 each); every log verifies\n' \
	"$(awk -v a="$e_rate" -v b="$baseline" 'BEGIN { printf "%.2f", a / b }')" \
	"$(awk -v a="$g_rate" -v b="$baseline" 'BEGIN { printf "%.2f", a / b }')"
mkdir -p "$RESULTS"
jq -n --arg when "$(date -u +%FT%TZ)" --argjson t "$T" --argjson each "$e_rate" \
	--argjson group "$g_rate" --argjson raw "$baseline" --argjson e_p99 "$e_p99" \
	--argjson g_p99 "$g_p99" \
	'{bench: "web-write", when: $when, signers: $t, each: {rate: $each, p99_ms: $e_p99},
	  group: {rate: $group, p99_ms: $g_p99}, raw_sqlite_full: $raw}' \
	>"$RESULTS/web-write-$(date -u +%Y%m%dT%H%M%SZ).json"
