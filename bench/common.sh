# Shared by the benchmark scripts (sourced): which secspec binary runs, and
# the scratch directory.

# bench_secspec NAME [BINARY]: SECSPEC is BINARY made absolute, or a Release
# build in $BUILD_DIR (made here); NAME is the script, for messages.
bench_secspec() {
	local name=$1
	if [ $# -ge 2 ]; then
		SECSPEC=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
	else
		echo "building secspec (Release) in $BUILD_DIR" >&2
		cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
		cmake --build "$BUILD_DIR" --target secspec -j "$(nproc)" >/dev/null
		SECSPEC=$BUILD_DIR/secspec
	fi
	[ -x "$SECSPEC" ] || { echo "$name: $SECSPEC is not executable" >&2; exit 2; }
}

# bench_workdir PREFIX: WORK is $WORK (made and made absolute), or a new
# /tmp/PREFIX.XXXXXX removed at exit unless KEEP=1.
bench_workdir() {
	if [ -n "${WORK:-}" ]; then
		mkdir -p "$WORK"
		WORK=$(cd "$WORK" && pwd)
	else
		WORK=$(mktemp -d "/tmp/$1.XXXXXX")
		[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
	fi
}
