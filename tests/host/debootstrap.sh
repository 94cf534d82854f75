#!/usr/bin/env bash
# secspec check on a real Debian 12 root: a throwaway minbase system made by
# debootstrap from the Debian mirror (the packages are kept in apt's cache,
# so a second run downloads nothing), with the services the catalog's Linux
# checks read. Its verdicts under catalog 1.2.0 are compared with
# debootstrap-debian12.expected (a stock Debian fails most of the hardening:
# that is the point of the list), then the root is hardened the way an
# administrator would (drop-ins, not edits of packaged files) and the items
# those settings answer must pass, and the run is recorded and verified.
# Skipped (77) under the sanitizers, without root or debootstrap, and when
# the mirror cannot be reached. Usage: debootstrap.sh SECSPEC EXPECTED
set -u
export LANGUAGE=en
secspec=$1
expected=$2
skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
[ "${SECSPEC_SANITIZED:-OFF}" = "ON" ] && skip "the debootstrap test runs in the plain build only"
[ "$(id -u)" = 0 ] || skip "debootstrap needs root"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (scripts/setup-debian installs it)"
mirror=${SECSPEC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ "${mirror#http}" != "$mirror" ]; then
	curl -fsS --max-time 10 -o /dev/null "$mirror/dists/bookworm/Release" ||
		skip "the Debian mirror $mirror cannot be reached"
fi

tmp=$(mktemp -d /tmp/secspec-debootstrap-XXXXXX)
# debootstrap mounts /proc and /sys in the root while it runs: unmount what
# is left (a timeout, a kill) before removing, and never cross into a mount
trap 'for m in proc sys dev/pts dev; do umount -l "$tmp/root/$m" 2>/dev/null; done; rm -rf --one-file-system "$tmp"' EXIT
root=$tmp/root
start=$(date +%s)
debootstrap --variant=minbase \
	--include=openssh-server,procps,sudo,auditd,chrony,nftables,rsyslog,libpam-pwquality,cron \
	--cache-dir=/var/cache/apt/archives bookworm "$root" "$mirror" >"$tmp/debootstrap.log" 2>&1 ||
	{ tail -n 20 "$tmp/debootstrap.log"; fail "debootstrap"; }
echo "debootstrap: $(($(date +%s) - start)) s"

cd "$tmp" || exit 1
export SECSPEC_DB=$tmp/t.db
"$secspec" init >/dev/null &&
	"$secspec" project create p --catalog-version 1.2.0 --user U --vendor V --by suzuki --side user >/dev/null &&
	"$secspec" member add p tanaka --side vendor --role lead --by suzuki >/dev/null &&
	"$secspec" spec draft p --by suzuki >/dev/null &&
	"$secspec" decide p --platform linux --policy implement --by suzuki >/dev/null || fail "project"

# the stock system: every verdict as expected
"$secspec" check p --root "$root" --json >stock.json
[ $? = 4 ] || fail "a stock Debian should fail some checks (exit 4)"
jq -r '.items[] | select(.platform == "linux") | "\(.id) \(.verdict)"' stock.json >stock.txt
diff -u "$expected" stock.txt || fail "the verdicts on a stock Debian 12 differ from $expected"
grep -q ' error$' stock.txt && fail "an error on a stock Debian"

# hardened as an administrator would: drop-ins and files of one's own
install -d "$root/etc/ssh/sshd_config.d" "$root/etc/sysctl.d" "$root/etc/audit/rules.d"
printf 'PermitRootLogin no\nPasswordAuthentication no\nAllowGroups sshusers\nClientAliveInterval 300\n' \
	>"$root/etc/ssh/sshd_config.d/10-hardening.conf"
printf 'kernel.kptr_restrict = 1\nkernel.yama.ptrace_scope = 1\n' >"$root/etc/sysctl.d/60-hardening.conf"
for f in passwd shadow group gshadow sudoers; do printf -- '-w /etc/%s -p wa -k identity\n' $f; done >"$root/etc/audit/rules.d/50-identity.rules"
"$secspec" check p --root "$root" --json >hard.json
for id in LNX-DM-001 LNX-DM-002 LNX-DM-003 LNX-DM-007 LNX-DM-014 LNX-DM-015 LNX-DM-025 LNX-DS-001; do
	v=$(jq -r --arg id "$id" '.items[] | select(.id == $id) | .verdict' hard.json)
	[ "$v" = pass ] || fail "$id after hardening: $v ($(jq -r --arg id "$id" '.items[] | select(.id == $id) | .seen' hard.json))"
done
# a drop-in that says otherwise, Included at the top, wins as sshd reads it
printf 'PermitRootLogin yes\n' >"$root/etc/ssh/sshd_config.d/00-vendor.conf"
v=$("$secspec" check p --root "$root" --json | jq -r '.items[] | select(.id == "LNX-DM-001") | .verdict')
[ "$v" = fail ] || fail "LNX-DM-001 with an earlier drop-in allowing root: $v"

# the live host's sshd -T cross-check, played on the root: in a private
# mount namespace the root's /etc/ssh is mounted over this host's (nothing
# of this host is read or changed), and "sshd" is the root's own OpenSSH,
# run in the root, reading the same files
rm "$root/etc/ssh/sshd_config.d/00-vendor.conf"
mkdir -p "$root/run/sshd"
printf '#!/bin/sh
exec chroot %s /usr/sbin/sshd "$@"
' "$root" >"$tmp/sshd"
chmod 0755 "$tmp/sshd"
if unshare --mount --propagation private true 2>/dev/null; then
	"$secspec" init --db x.db >/dev/null &&
		"$secspec" --db x.db project create x --catalog-version 1.2.0 --user U --vendor V --by suzuki --side user >/dev/null &&
		"$secspec" --db x.db spec draft x --by suzuki >/dev/null &&
		"$secspec" --db x.db decide x LNX-DM-001 --policy implement --by suzuki >/dev/null &&
		"$secspec" --db x.db decide x LNX-DS-001 --policy implement --by suzuki >/dev/null || fail "project x"
	cross() {
		unshare --mount --propagation private sh -c 'mount --bind "$1/etc/ssh" /etc/ssh && shift && exec "$@"' \
			sh "$root" env SECSPEC_SSHD="$tmp/sshd" "$secspec" --db x.db check x --root / --sshd-t --json
	}
	cross >cross.json
	jq -r '.items[] | "\(.id) \(.verdict) \(.seen)"' cross.json
	[ "$(jq -r '[.items[].verdict] | join(" ")' cross.json)" = "pass pass" ] || fail "sshd -T cross-check"
	jq -e '.items[0].seen | test("sshd -T agrees: permitrootlogin no")' cross.json >/dev/null || fail "sshd -T agrees"
	# a Match block for root from this host: the files' check fails it, and
	# sshd -T, evaluating it for that connection, says the same
	printf 'Match Address 127.0.0.1\n  PermitRootLogin yes\n' >>"$root/etc/ssh/sshd_config"
	cross >cross2.json
	[ "$(jq -r '.items[0].verdict' cross2.json)" = fail ] || fail "Match block"
	jq -e '.items[0].seen | test("sshd -T: permitrootlogin yes")' cross2.json >/dev/null || fail "sshd -T's value shown"
	sed -i '/^Match Address 127.0.0.1/,$d' "$root/etc/ssh/sshd_config"
	# a root tree is never cross-checked
	"$secspec" --db x.db check x --root "$root" --sshd-t >/dev/null 2>&1
	[ $? = 64 ] || fail "--sshd-t with a root tree"
else
	echo "skipped the sshd -T cross-check: no private mount namespace here"
fi

# recorded and verified
"$secspec" check p --root "$root" --record --host deb12 --by tanaka >/dev/null
[ $? = 4 ] || fail "check --record"
"$secspec" log verify p >/dev/null || fail "log verify"
echo "ok: $(grep -c ' pass$' stock.txt) pass, $(grep -c ' fail$' stock.txt) fail on a stock Debian 12"
