#!/usr/bin/env bash
# host check benchmark: `secspec check PROJECT --root ROOT` against OpenSCAP
# (`oscap-chroot ROOT xccdf eval` of ssg-debian12-ds.xml, SSG 0.1.76) and
# `lynis audit system --rootdir ROOT`, in the same run, on the same Debian 12
# roots made by debootstrap: a stock one and a hardened copy (drop-ins, as
# tests/host/debootstrap.sh does), so that both verdicts occur.
#
#   bench/host-check.sh [--cache DIR] [SECSPEC-BINARY]
#
# Only the pairs of bench/host-check-map.tsv (catalog item -> SSG rule) and
# bench/host-check-lynis.tsv (item -> lynis test) are compared: the project
# decides just those items implement, oscap evaluates just those rules (a
# tailoring file selecting them), lynis runs just those tests (--tests).
# Targets: secspec >= 50x faster than oscap on those rules, >= 20x faster than
# lynis on those tests, the same verdict on every pair (each difference is
# printed with its cause). The whole SSG profile ($PROFILE) against secspec on
# every Linux item is measured too, for context (no target).
# Not a test. Needs root (debootstrap, oscap-chroot reads root-owned files).
# Environment: RUNS (5), LYNIS_RUNS (3, of the RUNS), FULL_RUNS (3), PROFILE (anssi_bp28_high), KEEP=1
# keeps $WORK, RESULTS (bench/results), BUILD_DIR, SECSPEC_DEBIAN_MIRROR.
# The roots are kept in the cache dir (default /var/tmp/secspec-hostbench):
# the stock root is made once, the hardened one is copied from it each run.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DATA=${SECSPEC_SHARED_DATA:-$ROOT/../shared/data}
RUNS=${RUNS:-5}
LYNIS_RUNS=${LYNIS_RUNS:-3}
FULL_RUNS=${FULL_RUNS:-3}
PROFILE=${PROFILE:-anssi_bp28_high}
RESULTS=${RESULTS:-$HERE/results}
BUILD_DIR=${BUILD_DIR:-/tmp/secspec-bench-host-build}
CACHE=/var/tmp/secspec-hostbench
mirror=${SECSPEC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
while [ $# -gt 0 ]; do
	case $1 in
	--cache) CACHE=$2; shift 2 ;;
	-*) echo "usage: bench/host-check.sh [--cache DIR] [SECSPEC]" >&2; exit 64 ;;
	*) break ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "host-check.sh needs root (debootstrap, oscap-chroot)" >&2; exit 2; }
need=()
for c in debootstrap oscap oscap-chroot lynis jq python3; do command -v $c >/dev/null || need+=("$c"); done
if [ ${#need[@]} -gt 0 ]; then
	pk=()
	for c in "${need[@]}"; do
		case $c in oscap) pk+=(openscap-scanner) ;; oscap-chroot) pk+=(openscap-utils) ;; *) pk+=("$c") ;; esac
	done
	apt-get install -y -qq "${pk[@]}" >/dev/null
fi
if [ $# -ge 1 ]; then
	BIN=$(readlink -f "$1")
else
	cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$BUILD_DIR" --target secspec -j2 >/dev/null
	BIN=$BUILD_DIR/secspec
fi
DS_GZ=$DATA/scap/ssg-debian12-ds.xml.gz
[ -r "$DS_GZ" ] || { echo "missing $DS_GZ" >&2; exit 2; }
WORK=$(mktemp -d /tmp/secspec-bench-host-XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
export LANGUAGE=en SECSPEC_NOW=2026-11-26T10:00:00Z SECSPEC_CATALOG_DIR=${SECSPEC_CATALOG_DIR:-$ROOT/catalog}
ns_now() { date +%s%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'; }

# --- the roots -------------------------------------------------------------------
mkdir -p "$CACHE"
stock=$CACHE/stock
if [ ! -x "$stock/usr/sbin/sshd" ]; then
	rm -rf "$stock.tmp"
	t0=$(date +%s)
	debootstrap --variant=minbase \
		--include=openssh-server,procps,sudo,auditd,chrony,nftables,rsyslog,libpam-pwquality,cron \
		--cache-dir=/var/cache/apt/archives bookworm "$stock.tmp" "$mirror" >"$CACHE/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$CACHE/debootstrap.log"; exit 2; }
	mv "$stock.tmp" "$stock"
	echo "debootstrap: $(($(date +%s) - t0)) s"
fi
hard=$CACHE/hardened
rm -rf "$hard"
cp -a "$stock" "$hard"
# hardened as an administrator would: drop-ins and files of one's own, and the
# two packaged values (login.defs UMASK, auditd.conf) changed in place
install -d "$hard/etc/ssh/sshd_config.d" "$hard/etc/sysctl.d" "$hard/etc/audit/rules.d" "$hard/etc/modprobe.d"
printf 'PermitRootLogin no\nPasswordAuthentication no\nAllowGroups sshusers\nClientAliveInterval 300\nBanner /etc/issue.net\n' \
	>"$hard/etc/ssh/sshd_config.d/10-hardening.conf"
printf 'kernel.kptr_restrict = 1\nkernel.yama.ptrace_scope = 1\nnet.ipv4.conf.all.accept_redirects = 0\nfs.suid_dumpable = 0\nkernel.randomize_va_space = 2\n' \
	>"$hard/etc/sysctl.d/60-hardening.conf"
for f in passwd shadow group gshadow sudoers; do printf -- '-w /etc/%s -p wa -k identity\n' "$f"; done >"$hard/etc/audit/rules.d/50-identity.rules"
printf -- '-e 2\n' >"$hard/etc/audit/rules.d/99-finalize.rules"
printf 'Defaults logfile=/var/log/sudo.log\n' >"$hard/etc/sudoers.d/10-logfile"
chmod 0440 "$hard/etc/sudoers.d/10-logfile"
printf 'TMOUT=600\nreadonly TMOUT\nexport TMOUT\n' >"$hard/etc/profile.d/tmout.sh"
printf 'install usb-storage /bin/false\n' >"$hard/etc/modprobe.d/usb-storage.conf"
sed -i 's/^UMASK[[:space:]].*/UMASK\t\t027/' "$hard/etc/login.defs"
sed -i 's/^admin_space_left_action.*/admin_space_left_action = single/' "$hard/etc/audit/auditd.conf"

# --- the pairs, the project, the tailoring ---------------------------------------
cd "$WORK"
grep -v '^#' "$HERE/host-check-map.tsv" | cut -f1,2 >map.txt
grep -v '^#' "$HERE/host-check-lynis.tsv" | cut -f1,2 >lmap.txt
# oscap-chroot cannot read a Debian root's package database (its dpkginfo probe
# fails offline: "dpkginfo_init has failed"), so every rule under a package
# platform (#system_with_kernel is "linux-base installed", #package_sudo ...)
# is notapplicable on any root. The rules are evaluated from a copy of the data
# stream without the Rule and Group platform references (the benchmark's own
# cpe:/o:debian:debian_linux:12 stays): the checks themselves are unchanged.
zcat "$DS_GZ" >ds-orig.xml
sed '/<xccdf-1.2:platform idref="#[^"]*"\/>/d' ds-orig.xml >ds.xml
# a rule that `requires` another is notselected without it (sshd_set_idle_timeout
# requires sshd_set_keepalive): those are selected too, evaluated, not compared
python3 - ds.xml map.txt >selected.txt <<'PY'
import re, sys
x = open(sys.argv[1]).read()
req = {}
for m in re.finditer(r'<xccdf-1.2:Rule [^>]*id="xccdf_org.ssgproject.content_rule_([^"]+)".*?</xccdf-1.2:Rule>', x, re.S):
	req[m.group(1)] = re.findall(r'<xccdf-1.2:requires idref="xccdf_org.ssgproject.content_rule_([^"]+)"', m.group(0))
todo = [l.split('\t')[1].strip() for l in open(sys.argv[2]) if l.strip()]
seen = []
while todo:
	r = todo.pop(0)
	if r not in seen:
		seen.append(r)
		todo += req.get(r, [])
print('\n'.join(seen))
PY
P=xccdf_org.ssgproject.content_
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<xccdf:Tailoring xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2" id="xccdf_secspec.bench_tailoring_host">'
	echo '<xccdf:benchmark href="ds.xml"/><xccdf:version time="2026-11-26T10:00:00">1</xccdf:version>'
	echo '<xccdf:Profile id="xccdf_secspec.bench_profile_host"><xccdf:title>secspec host-check pairs</xccdf:title>'
	while read -r r; do echo "<xccdf:select idref=\"${P}rule_$r\" selected=\"true\"/>"; done <selected.txt
	echo '</xccdf:Profile></xccdf:Tailoring>'
} >tailoring.xml
S() { "$BIN" --db "$WORK/s.db" "$@"; }
S init >/dev/null
for p in pairs lpairs all; do
	S project create $p --catalog-version 1.2.0 --user U --vendor V --by suzuki --side user >/dev/null
	S spec draft $p --by suzuki >/dev/null
done
cut -f1 map.txt | while read -r i; do S decide pairs "$i" --policy implement --by suzuki >/dev/null; done
cut -f1 lmap.txt | while read -r i; do S decide lpairs "$i" --policy implement --by suzuki >/dev/null; done
S decide all --platform linux --policy implement --by suzuki >/dev/null
n_pairs=$(wc -l <map.txt); n_lpairs=$(wc -l <lmap.txt)
n_all=$(S check all --root "$stock" --json | jq '[.items[] | select(.platform == "linux")] | length' || true)
n_full=$(python3 - "$PROFILE" <<'EOF'
import re, sys
x = open('ds.xml').read()
m = re.search(r'<xccdf-1.2:Profile id="xccdf_org.ssgproject.content_profile_%s".*?</xccdf-1.2:Profile>' % sys.argv[1], x, re.S)
print(len(re.findall(r'<xccdf-1.2:select idref="[^"]*rule_[^"]*" selected="true"', m.group(0))))
EOF
)

# --- runs: secspec, oscap and lynis alternating, on both roots ---------------------
oscap_eval() { # ROOT OUT [profile args...]
	local r=$1 out=$2
	shift 2
	oscap-chroot "$r" xccdf eval "$@" --results "$out" ds.xml >/dev/null 2>>oscap.err || true
	[ -s "$out" ] || { echo "oscap wrote no results for $r" >&2; tail -5 oscap.err >&2; exit 2; }
}
lynis_run() { # ROOT REPORT (no plugins: the Debian plugin's checks ignore --tests and take ~40 s)
	lynis audit system --rootdir "$1/" --tests "$(cut -f2 lmap.txt | xargs)" --quick --no-colors --no-plugins \
		--logfile "${2%.dat}.log" --report-file "$2" >/dev/null 2>&1 || true
}
for kind in stock hardened; do
	r=$stock
	[ $kind = hardened ] && r=$hard
	: >t-$kind.txt; : >ly-$kind.txt
	for i in $(seq 0 "$RUNS"); do
		t0=$(ns_now)
		S check pairs --root "$r" --json >ss-$kind.json || true
		t1=$(ns_now)
		oscap_eval "$r" os-$kind.xml --tailoring-file tailoring.xml --profile xccdf_secspec.bench_profile_host
		t2=$(ns_now)
		S check lpairs --root "$r" --json >lss-$kind.json || true
		t3=$(ns_now)
		"$BIN" --version >/dev/null # the process floor: starting the binary, nothing read
		t5=$(ns_now)
		[ "$i" = 0 ] && continue # warm-up
		echo "$(ms $t3 $t5)" >>floor.txt
		if [ "$i" -le "$LYNIS_RUNS" ]; then # lynis takes ~50 s a run
			lynis_run "$r" ly-$kind.dat
			echo "$(ms $t3 "$(ns_now)")" >>ly-$kind.txt
		fi
		echo "$(ms $t0 $t1) $(ms $t1 $t2) $(ms $t2 $t3)" >>t-$kind.txt
	done
done
: >t-full.txt
for i in $(seq 1 "$FULL_RUNS"); do
	t0=$(ns_now)
	S check all --root "$stock" --json >ss-full.json || true
	t1=$(ns_now)
	oscap_eval "$stock" os-full.xml --profile "${P}profile_$PROFILE"
	t2=$(ns_now)
	echo "$(ms $t0 $t1) $(ms $t1 $t2)" >>t-full.txt
done

# --- verdicts ----------------------------------------------------------------------
xccdf_results() { # results.xml -> "rule result" lines
	python3 - "$1" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = '{http://checklists.nist.gov/xccdf/1.2}'
for rr in ET.parse(sys.argv[1]).getroot().iter(ns + 'rule-result'):
	print(rr.get('idref').replace('xccdf_org.ssgproject.content_rule_', ''), rr.find(ns + 'result').text)
EOF
}
lynis_verdict() { # report test -> pass|fail|notrun, from the test's block of the log: a
	# suggestion or warning, or partial hardening points, is a fail; the full points a pass
	# (SHLL-6220 makes no suggestion when TMOUT is missing, it only withholds points)
	local rep=$1 t=$2
	grep -q "^tests_executed=.*$t" "$rep" || { echo notrun; return; }
	awk -v t="$t" '$0 ~ "Performing test ID " t " " { p = 1; next }
		p && /====/ { exit }
		p && (/Suggestion:|Warning:/ || /assigned partial number of hardening points/) { f = 1 }
		p && /assigned maximum number of hardening points/ { ok = 1 }
		END { print f ? "fail" : ok ? "pass" : "unknown" }' "${rep%.dat}.log"
}
same() { # secspec-verdict xccdf-or-lynis-result
	case "$1:$2" in
	pass:pass | fail:fail | na:notapplicable) return 0 ;;
	*) return 1 ;;
	esac
}
: >verdicts.tsv
ndiff=0
for kind in stock hardened; do
	xccdf_results os-$kind.xml >x-$kind.txt
	while IFS=$'\t' read -r item rule; do
		sv=$(jq -r --arg id "$item" '.items[] | select(.id == $id) | .verdict' ss-$kind.json)
		xv=$(awk -v r="$rule" '$1 == r { print $2 }' x-$kind.txt)
		printf 'oscap\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$item" "$rule" "$sv" "${xv:-absent}" >>verdicts.tsv
	done <map.txt
	while IFS=$'\t' read -r item test; do
		sv=$(jq -r --arg id "$item" '.items[] | select(.id == $id) | .verdict' lss-$kind.json)
		printf 'lynis\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$item" "$test" "$sv" "$(lynis_verdict ly-$kind.dat "$test")" >>verdicts.tsv
	done <lmap.txt
done

# --- figures -----------------------------------------------------------------------
col() { cut -d' ' -f"$2" "$1" | median; }
r() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
ge() { awk -v x="$1" -v lim="$2" 'BEGIN { print (x >= lim) ? "PASS" : "FAIL" }'; }
fail=0
echo "roots: $stock (stock) and $hard (hardened); $n_pairs item/rule pairs (oscap), $n_lpairs item/test pairs (lynis); medians of $RUNS runs after a warm-up (lynis: $LYNIS_RUNS)"
printf '%-10s %14s %12s %8s %14s %12s %8s\n' root "secspec ms" "oscap ms" ratio "secspec ms" "lynis ms" ratio
declare -A F
for kind in stock hardened; do
	F[$kind.ss]=$(col t-$kind.txt 1); F[$kind.os]=$(col t-$kind.txt 2)
	F[$kind.lss]=$(col t-$kind.txt 3); F[$kind.ly]=$(col ly-$kind.txt 1)
	F[$kind.ros]=$(r "${F[$kind.os]}" "${F[$kind.ss]}"); F[$kind.rly]=$(r "${F[$kind.ly]}" "${F[$kind.lss]}")
	printf '%-10s %14s %12s %7sx %14s %12s %7sx\n' $kind "${F[$kind.ss]}" "${F[$kind.os]}" "${F[$kind.ros]}" \
		"${F[$kind.lss]}" "${F[$kind.ly]}" "${F[$kind.rly]}"
	[ "$(ge "${F[$kind.ros]}" 50)" = PASS ] || fail=1
	[ "$(ge "${F[$kind.rly]}" 20)" = PASS ] || fail=1
done
echo "targets: oscap / secspec >= 50x: $(ge "${F[stock.ros]}" 50) $(ge "${F[hardened.ros]}" 50); lynis / secspec >= 20x: $(ge "${F[stock.rly]}" 20) $(ge "${F[hardened.rly]}" 20)"
floor=$(median <floor.txt)
echo "process floor: secspec --version ${floor} ms (median of $((2 * RUNS))): starting the binary and its $(ldd "$BIN" | wc -l) shared libraries"
full_ss=$(col t-full.txt 1); full_os=$(col t-full.txt 2)
echo "context, stock root, median of $FULL_RUNS: secspec check on all $n_all Linux items ${full_ss} ms; oscap profile $PROFILE ($n_full rules) ${full_os} ms ($(r "$full_os" "$full_ss")x)"
echo "verdicts (secspec / other):"
grep -v '^#' "$HERE/host-check-causes.tsv" >causes.txt
while IFS=$'\t' read -r tool kind item rule sv ov; do
	if same "$sv" "$ov"; then mark=same; else mark=DIFF; ndiff=$((ndiff + 1)); fi
	printf '  %-5s %-9s %-11s %-46s %-5s %-14s %s\n' "$tool" "$kind" "$item" "$rule" "$sv" "$ov" "$mark"
	if [ $mark = DIFF ]; then
		c=$(awk -F'\t' -v t="$tool" -v k="$kind" -v i="$item" -v s="$sv" -v o="$ov" \
			'$1 == t && $2 == k && $3 == i && $4 == s && $5 == o { print $6; exit }' causes.txt)
		echo "        cause: ${c:-NOT EXPLAINED (not in bench/host-check-causes.tsv)}"
	fi
done <verdicts.tsv
echo "$ndiff differences (causes from bench/host-check-causes.tsv; docs/performance.md \"Host checks\")"
[ "$ndiff" = 0 ] || fail=1
mkdir -p "$RESULTS"
out="$RESULTS/host-check-$(date -u +%Y%m%dT%H%M%SZ).json"
jq -R 'split("\t") | {tool: .[0], root: .[1], item: .[2], rule: .[3], secspec: .[4], other: .[5]}' verdicts.tsv |
	jq -s . >verdicts.json
jq -n --argjson runs "$RUNS" --argjson full_runs "$FULL_RUNS" --arg profile "$PROFILE" \
	--argjson np "$n_pairs" --argjson nl "$n_lpairs" --argjson na "${n_all:-0}" --argjson nf "$n_full" \
	--argjson sss "${F[stock.ss]}" --argjson oss "${F[stock.os]}" --argjson lsss "${F[stock.lss]}" --argjson lys "${F[stock.ly]}" \
	--argjson ssh "${F[hardened.ss]}" --argjson osh "${F[hardened.os]}" --argjson lssh "${F[hardened.lss]}" --argjson lyh "${F[hardened.ly]}" \
	--argjson floor "$floor" --argjson fss "$full_ss" --argjson fos "$full_os" --argjson nd "$ndiff" --slurpfile v verdicts.json \
	--arg oscap "$(oscap --version | head -1)" --arg lynis "$(lynis --version)" \
	--arg machine "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
	--arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
	'{machine: $machine, loadavg: $load, oscap: $oscap, lynis: $lynis, runs: $runs, secspec_version_floor_ms: $floor,
	  pairs_oscap: $np, pairs_lynis: $nl,
	  stock: {secspec_ms: $sss, oscap_ms: $oss, oscap_ratio: ($oss / $sss), secspec_lynis_items_ms: $lsss, lynis_ms: $lys, lynis_ratio: ($lys / $lsss)},
	  hardened: {secspec_ms: $ssh, oscap_ms: $osh, oscap_ratio: ($osh / $ssh), secspec_lynis_items_ms: $lssh, lynis_ms: $lyh, lynis_ratio: ($lyh / $lssh)},
	  full: {runs: $full_runs, profile: $profile, rules: $nf, linux_items: $na, secspec_ms: $fss, oscap_ms: $fos, ratio: ($fos / $fss)},
	  differences: $nd, verdicts: $v[0]}' >"$out"
echo "results: $out"
exit $fail
