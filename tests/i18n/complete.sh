#!/usr/bin/env bash
# Every message marked for translation has its Japanese in po/ja.po, none
# fuzzy (changed in English since it was translated), and every translated
# format takes the same arguments as its English one.
# Usage: complete.sh SOURCE_DIR
set -u
src=$(readlink -f "$1")
for t in xgettext msgmerge msgattrib msgfmt; do
	command -v "$t" >/dev/null || { echo "skipped: $t is not installed"; exit 77; }
done
work=$(mktemp -d /tmp/secspec-i18n-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$src/scripts/update-po" "$work/secspec.pot" || { echo "FAIL: xgettext"; exit 1; }
msgmerge --quiet --no-wrap "$src/po/ja.po" "$work/secspec.pot" -o "$work/merged.po" ||
	{ echo "FAIL: msgmerge"; exit 1; }
msgfmt --check -o /dev/null "$work/merged.po" || { echo "FAIL: msgfmt --check"; exit 1; }
total=$(msgattrib --no-obsolete --no-wrap "$work/merged.po" | grep -c '^msgid ')
# the header entry (msgid "") is untranslated by nature: count it out
missing=$(msgattrib --untranslated --no-obsolete --no-wrap "$work/merged.po" | grep -c '^msgid ')
fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/merged.po" | grep -c '^msgid ')
missing=$((missing > 0 ? missing - 1 : 0))
fuzzy=$((fuzzy > 0 ? fuzzy - 1 : 0))
echo "$((total - 1)) messages: $missing without Japanese, $fuzzy fuzzy"
if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
	echo "run scripts/update-po and translate these in po/ja.po:"
	{
		msgattrib --untranslated --no-obsolete --no-wrap "$work/merged.po"
		msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/merged.po"
	} | grep -E '^(#:|msgid )' | grep -v '^msgid ""$' | head -60
	exit 1
fi
# po/ja.po itself: nothing fuzzy, no leftovers of msgmerge's --previous
if grep -q '^#, .*fuzzy' "$src/po/ja.po"; then
	echo "FAIL: po/ja.po has fuzzy entries"; exit 1
fi
echo "ok"
