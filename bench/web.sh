#!/bin/bash
# Benchmark: secspec serve answering the decision list of a 500-item project,
# against nginx serving the same bytes as a static file (the ceiling), both
# measured with wrk on loopback in the same run.
#
#   bench/web.sh [N]            N catalog items (default 500)
#
# Reports requests a second and the latency percentiles of each, the ratio
# secspec/nginx (target >= 0.5) and p99 (target < 20 ms), and the server's
# resident memory before and after the run (flat: the caches are bounded).
# Environment: DURATION (wrk seconds, default 10), CONNS (default 32),
# THREADS (wrk threads, default 2), BUILD_DIR (default /tmp/benchweb), WORK
# (scratch, removed unless KEEP=1), RESULTS (default bench/results). Not a
# pass/fail test: exits 0 when it measured, 2 when the setup failed.
set -Eeuo pipefail
trap 'echo "web.sh: setup failed at line $LINENO" >&2; exit 2' ERR

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${1:-${N:-500}}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
BUILD_DIR=${BUILD_DIR:-/tmp/benchweb}
RESULTS=${RESULTS:-$ROOT/bench/results}
WORK=${WORK:-$(mktemp -d /tmp/secspec-web.XXXXXX)}
[ "${KEEP:-0}" = 1 ] || trap 'kill $SPID $NPID 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SECSPEC_NOW=2026-11-26T10:00:00Z LANGUAGE=en
for tool in wrk nginx sqlite3 jq curl; do
	command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
		{ echo "web.sh: needs $tool (apt-get install wrk nginx-light sqlite3 jq curl)" >&2; exit 2; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD_DIR" --target secspec -j "$(nproc)" >/dev/null
S=$BUILD_DIR/secspec
DB=$WORK/w.db
CAT=$WORK/catalog
"$HERE/gen-catalog.sh" "$CAT" "$N" >/dev/null
"$S" init --db "$DB" --catalog "$CAT" >/dev/null
"$S" project create p --user 株式会社ベンチ商事 --vendor ベンチシステムズ株式会社 --by suzuki \
	--side user --db "$DB" >/dev/null
"$S" member add p sato --side vendor --role lead --by suzuki --db "$DB" >/dev/null
"$S" spec draft p --by suzuki --db "$DB" >/dev/null
for s in secure-coding detailed attack; do
	"$S" advise p --section "$s" --note "ガイドラインの推奨どおり実装することを推奨します。" \
		--by sato --db "$DB" >/dev/null
done
for s in secure-coding default detailed attack; do
	"$S" decide p --section "$s" --policy implement --by suzuki --db "$DB" >/dev/null
done
printf 'correct horse battery staple\n' >"$WORK/pw"
chmod 600 "$WORK/pw"
SECSPEC_PASSWORD_FILE=$WORK/pw "$S" account add suzuki --name suzuki --db "$DB" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SPORT=$(free_port)
"$S" --db "$DB" serve --port "$SPORT" --threads 4 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SPID=$!
for _ in $(seq 50); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=http://127.0.0.1:$SPORT
TOKEN=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
	-d '{"login":"suzuki","password":"correct horse battery staple"}' "$URL/api/session" |
	sed -n 's/^[Ss]et-[Cc]ookie: secspec_session=\([0-9a-f]*\);.*/\1/p')
PATH_JSON=/api/projects/p/requirements
mkdir -p "$WORK/www"
curl -s -H "Cookie: secspec_session=$TOKEN" "$URL$PATH_JSON" >"$WORK/www/requirements.json"
curl -s -H "Cookie: secspec_session=$TOKEN" "$URL/p/p/decisions" >"$WORK/www/decisions.html"
ITEMS=$(jq length "$WORK/www/requirements.json")
BYTES=$(wc -c <"$WORK/www/requirements.json")

NPORT=$(free_port)
cat >"$WORK/nginx.conf" <<NGX
$( [ "$(id -u)" = 0 ] && echo 'user root root;' )
daemon off;
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx.err;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $WORK/nb; proxy_temp_path $WORK/np; fastcgi_temp_path $WORK/nf;
	uwsgi_temp_path $WORK/nu; scgi_temp_path $WORK/ns;
	sendfile on;
	server {
		listen 127.0.0.1:$NPORT;
		root $WORK/www;
		location / { default_type application/json; }
	}
}
NGX
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" &
NPID=$!
sleep 0.5

rss() { awk '/VmRSS/ { print $2 }' "/proc/$SPID/status"; }
# wrk's summary: requests/s and the 50/90/99 % latencies in ms
measure() {
	wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$@" 2>&1 | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +90%/ { p90 = ms($2) } /^ +99%/ { p99 = ms($2) }
		/Requests\/sec/ { rps = $2 } /Non-2xx/ { bad += $NF } /Socket errors/ { bad += 1 }
		END { printf "%.0f %.2f %.2f %.2f %d\n", rps, p50, p90, p99, bad }'
}
rss0=$(rss)
read -r s_rps s_p50 s_p90 s_p99 s_bad < <(measure -H "Cookie: secspec_session=$TOKEN" "$URL$PATH_JSON")
rss1=$(rss)
read -r n_rps n_p50 n_p90 n_p99 n_bad < <(measure "http://127.0.0.1:$NPORT/requirements.json")
read -r h_rps h_p50 h_p90 h_p99 h_bad < <(measure -H "Cookie: secspec_session=$TOKEN" "$URL/p/p/decisions")
read -r hn_rps hn_p50 hn_p90 hn_p99 hn_bad < <(measure "http://127.0.0.1:$NPORT/decisions.html")
rss2=$(rss)
ratio=$(awk -v a="$s_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')
hratio=$(awk -v a="$h_rps" -v b="$hn_rps" 'BEGIN { printf "%.2f", a / b }')

printf 'decision list of %d items (%d bytes of JSON), wrk -t%s -c%s -d%ss on loopback\n' \
	"$ITEMS" "$BYTES" "$THREADS" "$CONNS" "$DURATION"
printf '%-28s %10s %8s %8s %8s %7s\n' "" "req/s" "p50 ms" "p90 ms" "p99 ms" "errors"
printf '%-28s %10s %8s %8s %8s %7s\n' "secspec serve (JSON)" "$s_rps" "$s_p50" "$s_p90" "$s_p99" "$s_bad"
printf '%-28s %10s %8s %8s %8s %7s\n' "nginx, the same bytes" "$n_rps" "$n_p50" "$n_p90" "$n_p99" "$n_bad"
printf '%-28s %10s %8s %8s %8s %7s\n' "secspec serve (HTML page)" "$h_rps" "$h_p50" "$h_p90" "$h_p99" "$h_bad"
printf '%-28s %10s %8s %8s %8s %7s\n' "nginx, the same page" "$hn_rps" "$hn_p50" "$hn_p90" "$hn_p99" "$hn_bad"
printf 'ratio secspec/nginx: JSON %s, HTML %s (target >= 0.5); p99 JSON %s ms, HTML %s ms (target < 20)\n' \
	"$ratio" "$hratio" "$s_p99" "$h_p99"
printf 'server memory: %s KiB before, %s KiB after the JSON run, %s KiB after the HTML run\n' \
	"$rss0" "$rss1" "$rss2"

mkdir -p "$RESULTS"
jq -n --arg when "$(date -u +%FT%TZ)" --argjson items "$ITEMS" --argjson bytes "$BYTES" \
	--argjson s_rps "$s_rps" --argjson s_p99 "$s_p99" --argjson n_rps "$n_rps" \
	--argjson n_p99 "$n_p99" --argjson ratio "$ratio" --argjson s_bad "$s_bad" \
	--argjson rss0 "$rss0" --argjson rss1 "$rss1" --argjson rss2 "$rss2" \
	--argjson h_rps "$h_rps" --argjson h_p99 "$h_p99" --argjson hn_rps "$hn_rps" \
	--argjson hratio "$hratio" \
	'{bench: "web", when: $when, items: $items, bytes: $bytes,
	  secspec: {rps: $s_rps, p99_ms: $s_p99, errors: $s_bad, rss_kib: [$rss0, $rss1, $rss2]},
	  nginx: {rps: $n_rps, p99_ms: $n_p99}, ratio: $ratio,
	  html: {secspec_rps: $h_rps, secspec_p99_ms: $h_p99, nginx_rps: $hn_rps, ratio: $hratio}}' \
	>"$RESULTS/web-$(date -u +%Y%m%dT%H%M%SZ).json"
