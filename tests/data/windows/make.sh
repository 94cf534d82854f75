#!/bin/sh
# Regenerate the Windows export fixtures in this directory from their
# readable UTF-8 sources in src/, in the encodings the Windows tools write:
#
#   *.reg (reg export), secpol.inf (secedit /export), audit-ja.csv:
#       UTF-16LE with a byte order mark (FF FE), CRLF line ends
#   regedit4.reg (a hand-written REGEDIT4 file), audit.csv (auditpol /backup):
#       UTF-8 without a byte order mark, CRLF line ends
#
# hardened/ is a second machine whose password, lockout, user-right and
# audit policies meet the Windows items of catalog 1.2.0 (tests/cli/check.test),
# made the same way from src/hardened/.
#
# The generated files are checked in; the tests do not run this script.
# Needs iconv and sed.
set -eu
cd "$(dirname "$0")"

utf16() {
	{ printf '\377\376'; sed 's/$/\r/' "src/$1" | iconv -f UTF-8 -t UTF-16LE; } >"$1.tmp"
	mv "$1.tmp" "$1"
}
utf8() {
	sed 's/$/\r/' "src/$1" >"$1.tmp"
	mv "$1.tmp" "$1"
}

for f in policies.reg system.reg software.reg user.reg secpol.inf audit-ja.csv \
	hardened/secpol.inf hardened/system.reg; do
	utf16 "$f"
done
for f in regedit4.reg audit.csv hardened/audit.csv; do
	utf8 "$f"
done
