#!/usr/bin/env bash
# Pack an unpacked evidence bundle back into a tar the way `secspec evidence
# export` does: regular files only, below secspec-evidence/, sorted.
# Usage: repack.sh DIR OUT.tar [--rehash]
#   --rehash  first rewrite MANIFEST.json's "files" to list every file under
#             DIR/secspec-evidence (but the manifest) with its SHA-256 and
#             size, sorted by path, as canonical JSON and one newline; so a
#             test can mutate a file and still pass the manifest's hashes.
set -eu
dir=$1
out=$2
if [ "${3:-}" = --rehash ]; then
	m="$dir/secspec-evidence/MANIFEST.json"
	files=$(cd "$dir/secspec-evidence" && find . -type f ! -path ./MANIFEST.json | sed 's|^\./||' |
		LC_ALL=C sort | while IFS= read -r p; do
			printf '{"path":"%s","sha256":"%s","size":%s}\n' "$p" \
				"$(sha256sum "$p" | cut -c1-64)" "$(stat -c %s "$p")"
		done | jq -s -c .)
	jq -c -S --argjson f "$files" '.files = $f' "$m" >"$m.new"
	mv "$m.new" "$m"
fi
(cd "$dir" && find secspec-evidence ! -type d | LC_ALL=C sort |
	tar -b 1 --no-recursion --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - -T -) >"$out"
