#!/usr/bin/env bash
# Builds the Debian packages from a copy of the source tree
# (DEB_BUILD_OPTIONS=nocheck: the suite has run the tests), checks them with
# lintian (errors fail, warnings are printed), installs them with
# `dpkg --root` into an empty throwaway root (no maintainer scripts are run
# and the machine's own dpkg database is not touched) and runs the installed
# `secspec demo` there: it must find its catalog under the unpacked prefix.
# A small program is built against libsecspec-dev from that root.
# Usage: deb.sh SOURCE_DIR
set -u
export LANGUAGE=en # English messages: the checks below read them
src=$(cd "$1" && pwd)
skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
[ "${SECSPEC_SANITIZED:-OFF}" = "ON" ] && skip "the package test runs in the plain build only (SECSPEC_SANITIZE=ON)"
[ -n "${SECSPEC_IN_PACKAGE_BUILD:-}" ] && skip "inside a package build"
[ -d "$src/debian" ] || skip "no debian/ directory in $src"
for tool in dpkg-buildpackage dpkg-checkbuilddeps dh lintian dpkg jq pkg-config cc; do
	command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/setup-debian installs it)"
done
unmet=$(cd "$src" && dpkg-checkbuilddeps -B -Pnocheck 2>&1) ||
	skip "build dependencies are missing: ${unmet#*: }"

tmp=$(mktemp -d /tmp/secspec-deb-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
tree=$tmp/build/secspec-${version%-*}
mkdir -p "$tree"
# The tree as a release tarball holds it: no VCS data, no build directories.
tar -C "$src" --exclude=./.git --exclude='./build*' --exclude=./out --exclude='*.db' \
	--exclude='*.db-*' -cf - . | tar -C "$tree" -xf - || fail "copying the source tree"

start=$SECONDS
(cd "$tree" && DEB_BUILD_OPTIONS="nocheck noautodbgsym parallel=$(nproc)" \
	dpkg-buildpackage -us -uc -b -Pnocheck) >"$tmp/build.log" 2>&1 ||
	{ tail -n 60 "$tmp/build.log"; fail "dpkg-buildpackage"; }
echo "dpkg-buildpackage: $((SECONDS - start)) s"
debs=("$tmp"/build/*.deb)
[ -e "${debs[0]}" ] || fail "no .deb was built"
for d in "${debs[@]}"; do
	echo "$(basename "$d")"
	dpkg-deb -c "$d" | awk '{ print "  " $6 }' | grep -v '/$'
done
# every file where Debian expects it, and nowhere else
stray=$(for d in "${debs[@]}"; do dpkg-deb -c "$d"; done | awk '{ print $6 }' | grep -v '/$' |
	grep -Ev '^\./usr/(bin/secspec|include/secspec/|lib/[^/]+/(libsecspec\.(so|a)|libsecspec\.so\.0[.0-9]*|pkgconfig/secspec\.pc)$|share/(secspec/(catalog|web)/|doc/(secspec|libsecspec0|libsecspec-dev)/|man/(ja/)?man1/secspec[-a-z]*\.1\.gz$|bash-completion/completions/secspec$|zsh/vendor-completions/_secspec$|lintian/overrides/))')
[ -z "$stray" ] || fail "files in unexpected places: $(head -n 5 <<<"$stray")"

start=$SECONDS
lintian --fail-on error --tag-display-limit 0 "${debs[@]}" >"$tmp/lintian.log" 2>&1
lint_status=$?
echo "lintian ($((SECONDS - start)) s):"
sed 's/^/  /' "$tmp/lintian.log"
[ $lint_status -eq 0 ] || fail "lintian reports errors"

# A throwaway root with an empty dpkg database; dependencies are those of the
# machine (libc, libsqlite3 ...), so they are not checked inside it.
root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless \
	--log=/dev/null -i "${debs[@]}" >"$tmp/dpkg.log" 2>&1 ||
	{ cat "$tmp/dpkg.log"; fail "dpkg --root -i"; }
dpkg --root="$root" -l | grep '^ii' | awk '{ print "installed: " $2 " " $3 }'
bin=$root/usr/bin/secspec
[ -x "$bin" ] || fail "no usr/bin/secspec in the throwaway root"

mkdir -p "$tmp/work" "$tmp/home"
cd "$tmp/work" || exit 1
run() { env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 LANGUAGE=en "$@"; }
run "$bin" demo >demo.out 2>&1 || { cat demo.out; fail "secspec demo from the package"; }
cat demo.out
grep -q '^lint: 0 errors, 0 warnings' demo.out || fail "demo lint is not 0/0"
run "$bin" catalog validate --json >validate.json 2>&1 || { cat validate.json; fail "catalog validate"; }
dir=$(jq -r .dir validate.json)
[ "$dir" = "$root/usr/share/secspec/catalog" ] ||
	fail "the packaged binary reads the catalog $dir, not the one under its root"
echo "packaged binary uses $dir"

# libsecspec-dev and libsecspec0 from the root: secspec.pc is relocatable.
pc=$(find "$root/usr/lib" -name secspec.pc | head -n 1)
[ -n "$pc" ] || fail "no secspec.pc in the throwaway root"
libdir=$(dirname "$(dirname "$pc")")
cat >items.c <<'PROG'
#include <secspec/secspec.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	json_t *out = NULL;

	if (argc != 2 || ss_catalog_validate(&out, argv[1]) < 0)
		return 1;
	printf("%lld items\n", (long long)json_integer_value(json_object_get(out, "items")));
	json_decref(out);
	return 0;
}
PROG
flags=$(run PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs secspec) ||
	fail "pkg-config secspec from the throwaway root"
# shellcheck disable=SC2086
run cc -std=c17 -Wall -Werror items.c -o items $flags || fail "building against libsecspec-dev"
out=$(run LD_LIBRARY_PATH="$libdir" ./items "$dir") || fail "running against libsecspec0"
echo "a program built against libsecspec-dev reads $out"
echo "ok"
