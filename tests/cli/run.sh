#!/usr/bin/env bash
# Data-driven CLI tests. Usage: run.sh SECSPEC_BINARY FILE.test
#
# A test file is a sequence of steps:
#   $ COMMAND         a shell command (secspec is on PATH); starts a step
#   > TEXT            a line of expected standard output ("> " alone: empty line);
#                     when a step has any, standard output must match exactly
#   ! TEXT            standard error must contain TEXT
#   ~ TEXT            standard output must contain TEXT
#   ? N               expected exit status (default 0)
#   %require PATH     skip the whole file (exit 77) when PATH does not exist;
#                     PATH may use $TESTDATA
#   # ...             comment
# Each file runs in a fresh directory with SECSPEC_DB=./t.db, a fixed clock and
# English messages (LANGUAGE=en; a step may set another language).
set -u
bin=$1
file=$2
work=$(mktemp -d /tmp/secspec-cli-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$(readlink -f "$bin")" "$work/bin/secspec"
export PATH="$work/bin:$PATH"
export SECSPEC_DB=t.db
export SECSPEC_NOW=2026-11-26T10:00:00Z
export LANGUAGE=en
export TESTDATA
TESTDATA=$(cd "$(dirname "$file")/../data" && pwd)
cd "$work" || exit 1

failures=0
steps=0
cmd=""
expect_out=""
have_out=0
expect_rc=0
declare -a err_needles=()
declare -a out_needles=()
lineno=0
cmd_line=0

finish_step() {
	[ -n "$cmd" ] || return 0
	steps=$((steps + 1))
	bash -c "$cmd" >"$work/.out" 2>"$work/.err"
	local rc=$? ok=1
	if [ "$rc" != "$expect_rc" ]; then
		echo "FAIL $file:$cmd_line: exit status $rc, expected $expect_rc"
		ok=0
	fi
	if [ "$have_out" = 1 ] && ! diff -u <(printf '%s' "$expect_out") "$work/.out" >"$work/.diff"; then
		echo "FAIL $file:$cmd_line: standard output differs"
		cat "$work/.diff"
		ok=0
	fi
	for n in "${err_needles[@]+"${err_needles[@]}"}"; do
		if ! grep -qF -- "$n" "$work/.err"; then
			echo "FAIL $file:$cmd_line: standard error lacks: $n"
			ok=0
		fi
	done
	for n in "${out_needles[@]+"${out_needles[@]}"}"; do
		if ! grep -qF -- "$n" "$work/.out"; then
			echo "FAIL $file:$cmd_line: standard output lacks: $n"
			ok=0
		fi
	done
	if [ "$ok" = 0 ]; then
		echo "  command: $cmd"
		echo "  stderr:"; sed 's/^/    /' "$work/.err" | head -20
		failures=$((failures + 1))
	fi
	cmd=""
	expect_out=""
	have_out=0
	expect_rc=0
	err_needles=()
	out_needles=()
}

while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	case "$line" in
	'$ '*) finish_step; cmd=${line#\$ }; cmd_line=$lineno ;;
	'> '*) expect_out+="${line#> }"$'\n'; have_out=1 ;;
	'>') expect_out+=$'\n'; have_out=1 ;;
	'! '*) err_needles+=("${line#! }") ;;
	'~ '*) out_needles+=("${line#\~ }") ;;
	'? '*) expect_rc=${line#\? } ;;
	'%require '*)
		req=$(eval echo "${line#%require }")
		if [ ! -e "$req" ]; then
			echo "$(basename "$file"): skipped, $req is not here"
			exit 77
		fi ;;
	'#'*|'') ;;
	*) echo "FAIL $file:$lineno: cannot read this line: $line"; failures=$((failures + 1)) ;;
	esac
done <"$file"
finish_step

echo "$(basename "$file"): $((steps - failures)) passed, $failures failed"
[ "$failures" = 0 ]
