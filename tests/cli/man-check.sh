#!/usr/bin/env bash
# Render every generated manual page (English and Japanese) without warnings,
# check that each command has its page and that the Japanese pages are
# Japanese. Usage: man-check.sh SECSPEC_BINARY MAN_BUILD_DIR
set -u
export LANGUAGE=en # English messages: the checks below read them
bin=$1
dir=$2
export LC_ALL=C.UTF-8 MANWIDTH=80
if command -v man >/dev/null 2>&1; then
	render() { man --warnings -l "$1"; }
elif command -v groff >/dev/null 2>&1; then
	render() { preconv "$1" | groff -man -Tutf8 -ww -k; }
elif command -v mandoc >/dev/null 2>&1; then
	render() { mandoc -T utf8 -W warning "$1"; }
else
	echo "skipped: neither man, groff nor mandoc is installed (scripts/setup-debian installs man-db)"
	exit 77
fi
fail=0
for c in "" $("$bin" help --commands); do
	for sub in man1 ja/man1; do
		page=$dir/$sub/secspec${c:+-$c}.1
		if [ ! -s "$page" ]; then
			echo "FAIL: no page $page"
			fail=1
			continue
		fi
		if ! render "$page" >/tmp/man-check.$$.out 2>/tmp/man-check.$$.err ||
			[ -s /tmp/man-check.$$.err ]; then
			echo "FAIL: $page renders with warnings:"
			cat /tmp/man-check.$$.err
			fail=1
		fi
		if [ "$sub" = ja/man1 ] && ! grep -q '名前' /tmp/man-check.$$.out; then
			echo "FAIL: $page is not Japanese"
			fail=1
		fi
		if [ "$sub" = man1 ] && ! grep -q '^NAME' /tmp/man-check.$$.out; then
			echo "FAIL: $page has no NAME section"
			fail=1
		fi
	done
done
rm -f /tmp/man-check.$$.out /tmp/man-check.$$.err
# the page says what --help says: every option of the help is in the page
for c in catalog project decide; do
	for o in $("$bin" "$c" --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p'); do
		grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$dir/man1/secspec-$c.1" ||
			{ echo "FAIL: secspec-$c.1 lacks $o"; fail=1; }
	done
done
[ $fail = 0 ] && echo "manual pages ok"
exit $fail
