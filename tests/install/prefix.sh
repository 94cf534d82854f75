#!/usr/bin/env bash
# Installs the build into a temporary prefix and uses it as a stranger would:
# from a directory and an environment that name nothing of the source tree,
# `secspec demo` must find the installed catalog and lint clean, every public
# header must compile on its own, and a small program built with
# `pkg-config --cflags --libs secspec` must link the installed libsecspec and
# read the installed catalog.
# Usage: prefix.sh BUILD_DIR C_COMPILER
set -u
export LANGUAGE=en # English messages: the checks below read them
build=$1
cc=$2
if [ "${SECSPEC_SANITIZED:-OFF}" = "ON" ]; then
	echo "skipped: the install test runs in the plain build only (SECSPEC_SANITIZE=ON)"
	exit 77
fi
for tool in pkg-config "$cc"; do
	command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

tmp=$(mktemp -d /tmp/secspec-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "FAIL: $*"; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log"; fail "cmake --install"; }
libdir=$(dirname "$(find "$prefix" -name secspec.pc | head -n 1)")
libdir=${libdir%/pkgconfig}
for f in bin/secspec include/secspec/secspec.h include/secspec/sys/store_backend.h \
	share/secspec/catalog/README.md share/secspec/catalog/1.0.0/catalog.yaml \
	share/secspec/catalog/1.1.0/catalog.yaml share/doc/secspec/README.md; do
	[ -e "$prefix/$f" ] || fail "not installed: $f"
done
[ -e "$libdir/libsecspec.a" ] || fail "not installed: libsecspec.a"
soname=$(objdump -p "$libdir/libsecspec.so" 2>/dev/null | awk '$1 == "SONAME" { print $2 }')
[ "$soname" = "libsecspec.so.0" ] || fail "libsecspec.so has SONAME '$soname', not libsecspec.so.0"

# A clean environment in a directory outside the source tree.
mkdir -p "$tmp/home" "$tmp/work"
cd "$tmp/work" || exit 1
run() {
	env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 LANGUAGE=en \
		PKG_CONFIG_PATH="$libdir/pkgconfig" "$@"
}

run "$prefix/bin/secspec" demo >demo.out 2>&1 || { cat demo.out; fail "secspec demo"; }
cat demo.out
grep -q '^lint: 0 errors, 0 warnings' demo.out || fail "demo lint is not 0/0"
run "$prefix/bin/secspec" catalog validate --json >validate.json 2>&1 ||
	{ cat validate.json; fail "secspec catalog validate"; }
# Japanese by default: a C.UTF-8 machine with no language set
env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 "$prefix/bin/secspec" project show nosuch \
	>ja.out 2>&1
grep -q 'プロジェクト' ja.out || { cat ja.out; fail "messages are not Japanese by default"; }
echo "default messages: $(head -n 1 ja.out)"
dir=$(jq -r .dir validate.json)
[ "$dir" = "$(cd "$prefix/share/secspec/catalog" && pwd -P)" ] ||
	fail "the installed binary reads the catalog $dir, not the installed one"
echo "installed binary uses $dir"

# The manual pages, English and Japanese, from the installed prefix.
if command -v man >/dev/null; then
	for l in en ja; do
		want=NAME
		[ $l = ja ] && want=名前
		run MANPATH="$prefix/share/man" MANWIDTH=80 man -L $l secspec-decide >man.$l 2>&1 ||
			{ cat man.$l; fail "man -L $l secspec-decide"; }
		grep -q "^$want" man.$l || { cat man.$l; fail "man -L $l shows no $want section"; }
	done
	echo "man -L en|ja secspec-decide: both pages found"
fi

# Each public header alone.
cflags=$(run pkg-config --cflags secspec) || fail "pkg-config --cflags secspec"
libs=$(run pkg-config --libs secspec) || fail "pkg-config --libs secspec"
for h in $(cd "$prefix/include" && find secspec -name '*.h' | sort); do
	printf '#include <%s>\n' "$h" >header.c
	# shellcheck disable=SC2086
	run "$cc" -std=c17 -Wall -Wextra -Werror -pedantic -fsyntax-only $cflags header.c \
		2>header.log || { cat header.log; fail "$h does not compile on its own"; }
done
echo "every public header compiles on its own"

cat >items.c <<'PROG'
#include <secspec/secspec.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	json_t *out = NULL;
	int error;

	if (argc != 2)
		return 2;
	error = ss_catalog_validate(&out, argv[1]);
	if (error < 0) {
		fprintf(stderr, "%s\n", ss_error_last());
		return 1;
	}
	printf("catalog %s: %lld items\n", json_string_value(json_object_get(out, "version")),
	       (long long)json_integer_value(json_object_get(out, "items")));
	json_decref(out);
	return 0;
}
PROG
# shellcheck disable=SC2086
run "$cc" -std=c17 -Wall -Wextra -Werror $cflags items.c -o items $libs 2>cc.log ||
	{ cat cc.log; fail "a program does not build with pkg-config --cflags --libs secspec"; }
out=$(run LD_LIBRARY_PATH="$libdir" ./items "$prefix/share/secspec/catalog") ||
	fail "the program against the installed library: $out"
echo "$out"
[[ $out =~ ^catalog\ 1\.2\.0:\ [1-9][0-9]*\ items$ ]] || fail "unexpected output: $out"
run LD_LIBRARY_PATH="$libdir" ldd ./items | grep -q "libsecspec.so.0 => $libdir/" ||
	fail "the program does not use the installed libsecspec.so.0"
echo "ok"
