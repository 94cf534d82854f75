#!/usr/bin/env bash
# Every command listed by `secspec --help` answers --help and -h with exit 0,
# and every option its usage names has a description line in that help.
# Usage: help-check.sh (secspec on PATH)
set -u
export LANGUAGE=en # English messages: the checks below read them
fail=0
commands=$(secspec --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$commands" ] || { echo "no commands in secspec --help"; exit 1; }
for c in $commands; do
	for flag in --help -h; do
		if ! out=$(secspec "$c" "$flag" 2>&1); then
			echo "FAIL: secspec $c $flag exits $?"
			fail=1
			continue
		fi
	done
	usage=$(printf '%s\n' "$out" | sed -n '/^usage:/,/^$/p')
	# the options the usage names: --name or -x
	opts=$(printf '%s\n' "$usage" | grep -oE '(^|[ [|(])--?[a-z][a-z-]*' | sed 's/^[ [|(]//' | sort -u)
	for o in $opts; do
		if ! printf '%s\n' "$out" | grep -qE "^  (-h, )?$o( [^ ]+)? +[^ ]"; then
			echo "FAIL: secspec $c --help: no description of $o"
			fail=1
		fi
	done
	# and every described option has a description
	if printf '%s\n' "$out" | grep -qE '^  --?[a-z][a-z-]*( [^ ]+)?$'; then
		echo "FAIL: secspec $c --help: an option without a description"
		fail=1
	fi
done
[ $fail = 0 ] && echo "help ok: $(echo $commands | wc -w) commands"
exit $fail
