#!/usr/bin/env bash
# Import benchmark: the full ATT&CK Enterprise bundle (33 MB of JSON, gzip)
# and the CWE catalog (15 MB of XML, gzip) against the same files parsed by
# `jq empty` and `xmllint --stream --noout` in the same run; and `catalog
# diff` of two 5,000-item catalog versions.
#
#   bench/imports.sh [SECSPEC-BINARY]
#
# Targets: each import <= 2x its baseline, peak memory <= 2x the unpacked
# file; diff <= 100 ms. Not a test: it prints figures, ratios and verdicts.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DATA=${SECSPEC_SHARED_DATA:-$ROOT/../shared/data}
RUNS=${RUNS:-5}
need=()
for c in hyperfine jq xmllint sqlite3; do command -v $c >/dev/null || need+=($c); done
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
	pk=("${need[@]/xmllint/libxml2-utils}")
	sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get install -y -qq "${pk[@]}" >/dev/null
fi
if [ $# -ge 1 ]; then
	BIN=$(readlink -f "$1")
else
	cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$ROOT/build-bench" --target secspec -j"$(nproc)" >/dev/null
	BIN=$ROOT/build-bench/secspec
fi
WORK=$(mktemp -d /tmp/secspec-bench-imports-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
ATTACK=$DATA/attack/enterprise-attack-v18.1-full.json.gz
CWE=$DATA/cwe-capec/cwec_v4.15.xml.gz
zcat "$ATTACK" > attack.json
zcat "$CWE" > cwe.xml
attack_bytes=$(stat -c %s attack.json)
cwe_bytes=$(stat -c %s cwe.xml)
export SECSPEC_NOW=2026-11-26T10:00:00Z

# each import run starts from a fresh database that holds the catalog only
"$BIN" --db base.db init >/dev/null
prep='cp base.db run.db; rm -f run.db-wal run.db-shm'
hyperfine -N --style basic --runs "$RUNS" --warmup 1 --export-json h.json \
	--prepare "sh -c '$prep'" \
	-n "import attack" "$BIN --db run.db import attack $ATTACK" \
	-n "jq empty (baseline)" "sh -c 'zcat $ATTACK | jq empty'" \
	-n "import cwe" "$BIN --db run.db import cwe $CWE" \
	-n "xmllint --stream (baseline)" "sh -c 'zcat $CWE | xmllint --stream --noout -'" \
	>/dev/null
rss() { # peak RSS in KiB of a command
	sh -c "$prep"
	/usr/bin/time -f %M -o rss.txt "$@" >/dev/null 2>&1
	cat rss.txt
}
attack_rss=$(rss "$BIN" --db run.db import attack "$ATTACK")
cwe_rss=$(rss "$BIN" --db run.db import cwe "$CWE")
jq_rss=$(rss sh -c "zcat $ATTACK | jq empty")

# catalog diff of two 5,000-item versions, 5% of the items changed
"$HERE/gen-catalog.sh" c1 5000 8.0.0 >/dev/null
cp -r c1 c2
sed -i 's/^version: .*/version: "8.1.0"/' c2/catalog.yaml
for f in c2/bench-*.yaml; do awk 'NR % 400 == 7 && /ja: / {sub(/ja: /, "ja: 改訂 ")} 1' "$f" > x && mv x "$f"; done
"$BIN" --db diff.db init --catalog c1 >/dev/null
"$BIN" --db diff.db catalog load c2 >/dev/null
hyperfine -N --style basic --runs 20 --warmup 2 --export-json d.json \
	-n "catalog diff" "$BIN --db diff.db catalog diff 8.0.0 8.1.0" \
	-n "secspec --version (start-up)" "$BIN --version" >/dev/null
changed=$("$BIN" --db diff.db catalog diff 8.0.0 8.1.0 --json | jq '.changed | length')

mean() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .mean * 1000' "$1"; }
a=$(mean h.json "import attack"); ab=$(mean h.json "jq empty (baseline)")
c=$(mean h.json "import cwe"); cb=$(mean h.json "xmllint --stream (baseline)")
d=$(mean d.json "catalog diff"); s=$(mean d.json "secspec --version (start-up)")
verdict() { awk -v x="$1" -v lim="$2" 'BEGIN { print (x <= lim) ? "PASS" : "FAIL" }'; }
ra=$(awk -v a="$a" -v b="$ab" 'BEGIN { printf "%.2f", a / b }')
rc=$(awk -v a="$c" -v b="$cb" 'BEGIN { printf "%.2f", a / b }')
ma=$(awk -v r="$attack_rss" -v f="$attack_bytes" 'BEGIN { printf "%.2f", r * 1024 / f }')
mc=$(awk -v r="$cwe_rss" -v f="$cwe_bytes" 'BEGIN { printf "%.2f", r * 1024 / f }')
printf '%-34s %10s %8s %12s %s\n' "command" "mean ms" "ratio" "peak RSS" "verdict"
printf '%-34s %10.1f %8s %9.1f MiB %s\n' "jq empty (baseline, 33 MB JSON)" "$ab" "1.00x" "$(awk -v r="$jq_rss" 'BEGIN{print r/1024}')" "baseline"
printf '%-34s %10.1f %7sx %9.1f MiB %s (time ratio <= 2: %s; RSS %.2fx the file <= 2: %s)\n' "import attack (full, gzip)" "$a" "$ra" "$(awk -v r="$attack_rss" 'BEGIN{print r/1024}')" "" "$(verdict "$ra" 2)" "$ma" "$(verdict "$ma" 2)"
printf '%-34s %10.1f %8s\n' "xmllint --stream (baseline, 15 MB)" "$cb" "1.00x"
printf '%-34s %10.1f %7sx %9.1f MiB %s (time ratio <= 2: %s; RSS %.2fx the file <= 2: %s)\n' "import cwe (gzip)" "$c" "$rc" "$(awk -v r="$cwe_rss" 'BEGIN{print r/1024}')" "" "$(verdict "$rc" 2)" "$mc" "$(verdict "$mc" 2)"
printf '%-34s %10.1f %8s %12s %s (%s items changed; start-up alone %.1f ms)\n' "catalog diff, 2 x 5,000 items" "$d" "" "" "$(verdict "$d" 100)" "$changed" "$s"
mkdir -p "$HERE/results"
out="$HERE/results/imports-$(date -u +%Y%m%dT%H%M%SZ).json"
jq -n --argjson a "$a" --argjson ab "$ab" --argjson c "$c" --argjson cb "$cb" --argjson d "$d" \
	--argjson ar "$attack_rss" --argjson cr "$cwe_rss" --argjson jr "$jq_rss" \
	--argjson abytes "$attack_bytes" --argjson cbytes "$cwe_bytes" \
	'{import_attack_ms: $a, jq_empty_ms: $ab, import_cwe_ms: $c, xmllint_stream_ms: $cb,
	  catalog_diff_ms: $d, import_attack_rss_kib: $ar, import_cwe_rss_kib: $cr, jq_rss_kib: $jr,
	  attack_json_bytes: $abytes, cwe_xml_bytes: $cbytes}' > "$out"
echo "results: $out"
