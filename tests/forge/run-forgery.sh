#!/usr/bin/env bash
# The forgery suite: build the demo project with keys for every party, export
# its bundle, forge every mutation of tests/forge/mutations.c and verify each
# with `secspec verify --json`. A forgery passes when verify exits 5 (65 for
# a container refused before checking) and reports one of its rule ids; a
# control passes when it verifies.
#
# expected-holes.txt lists the forgeries the verifier does not catch yet,
# with how: "accepted" (it verifies) or "unruled" (refused, but without the
# expected rule id). The suite fails when a forgery does worse than listed,
# and when one does better (the list only shrinks: delete or update the line).
#
# Usage: run-forgery.sh SECSPEC FORGE SOURCE_DIR [NAME...]
set -u
secspec=$(readlink -f "$1")
forge=$(readlink -f "$2")
src=$(readlink -f "$3")
shift 3
work=$(mktemp -d /tmp/secspec-forge-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/out"
ln -s "$secspec" "$work/bin/secspec"
export PATH="$work/bin:$PATH" SECSPEC_DB=t.db SECSPEC_NOW=2026-11-26T10:00:00Z LANGUAGE=en
cd "$work" || exit 1

if ! "$src/make-base.sh" "$src/../data" >make-base.log 2>&1; then
	echo "FAIL: cannot build the base bundle"; cat make-base.log; exit 1
fi
mapfile -t keys <keys.txt
if ! secspec verify base.tar >/dev/null 2>base.err; then
	echo "FAIL: the base bundle does not verify"; cat base.err; exit 1
fi
if ! "$forge" all base.tar out "${keys[@]}" 2>forge.err; then
	echo "FAIL: the forger failed"; cat forge.err; failed_forge=1
fi

declare -A listed=()
while read -r name how _; do
	case "$name" in '#'*|'') continue ;; esac
	listed[$name]=$how
done <"$src/expected-holes.txt"

n=0; ok=0; unruled=0; accepted=0; failures=0
acc_list=(); unr_list=(); better=(); worse=()
while IFS=$'\t' read -r name cls rules what; do
	if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
	n=$((n + 1))
	secspec verify --json "out/$name.tar" >v.json 2>v.err
	rc=$?
	got=$( { jq -r '(.problems[]?, .bundle_problems[]?) | .rule // empty' v.json 2>/dev/null
		grep -o '\[[a-z][a-z-]*\]' v.err | tr -d '[]'; } | sort -u | tr '\n' ' ')
	if [ "$cls" = control ]; then
		if [ "$rc" = 0 ]; then ok=$((ok + 1)); else
			echo "FAIL control $name does not verify (exit $rc): $(head -c 300 v.err)"
			failures=$((failures + 1))
		fi
		continue
	fi
	outcome=accepted
	if [ "$rc" = 5 ] || [ "$rc" = 65 ]; then
		outcome=unruled
		IFS='|' read -ra want <<<"$rules"
		for r in "${want[@]}"; do
			[[ " $got " == *" $r "* ]] && outcome=caught
		done
	elif [ "$rc" != 0 ]; then
		outcome="exit-$rc"
	fi
	case $outcome in
	caught) ok=$((ok + 1)) ;;
	unruled) unruled=$((unruled + 1)); unr_list+=("$name") ;;
	accepted) accepted=$((accepted + 1)); acc_list+=("$name") ;;
	*) echo "FAIL $name: verify exited ${outcome#exit-}: $(head -c 300 v.err)"
	   failures=$((failures + 1)); continue ;;
	esac
	want_how=${listed[$name]:-}
	if [ "$outcome" = caught ] && [ -n "$want_how" ]; then
		better+=("$name (listed $want_how, now caught)")
	elif [ "$outcome" = unruled ] && [ "$want_how" = accepted ]; then
		better+=("$name (listed accepted, now refused without rule: mark it unruled)")
	elif [ "$outcome" = accepted ] && [ "$want_how" != accepted ]; then
		worse+=("$name [$cls] accepted; expected $rules: $what")
	elif [ "$outcome" = unruled ] && [ -z "$want_how" ]; then
		worse+=("$name [$cls] refused without $rules (reported: ${got:-no rule ids}): $what")
	fi
done < <("$forge" list)

echo "forgery: $n mutations, $ok rejected with the expected rule (controls verified), $unruled rejected without it, $accepted accepted"
[ ${#acc_list[@]} -gt 0 ] && echo "accepted: ${acc_list[*]}"
[ ${#unr_list[@]} -gt 0 ] && echo "refused without the expected rule: ${unr_list[*]}"
for w in "${worse[@]+"${worse[@]}"}"; do echo "FAIL $w"; failures=$((failures + 1)); done
for w in "${better[@]+"${better[@]}"}"; do
	echo "FAIL better than expected-holes.txt says, update the list: $w"
	failures=$((failures + 1))
done
[ "$failures" = 0 ] && [ -z "${failed_forge:-}" ]
