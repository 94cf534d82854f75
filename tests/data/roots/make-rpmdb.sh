#!/bin/sh
# Regenerates rhel9/var/lib/rpm/rpmdb.sqlite: an RPM database (rpm 4.16 and
# later's SQLite backend, as on RHEL 9) holding a few empty packages named
# and versioned as RHEL 9's, built with rpmbuild and registered with
# rpm --justdb. Needs Debian's rpm package (apt-get install rpm); the tests
# use the committed database and do not run this.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/SPECS" "$work/db"
# name epoch version release arch
while read -r n e v r a; do
	{
		echo "Name: $n"
		[ "$e" = 0 ] || echo "Epoch: $e"
		echo "Version: $v"
		echo "Release: $r"
		echo "Summary: secspec test fixture named as RHEL 9's $n"
		echo "License: MIT"
		echo "BuildArch: $a"
		echo "%description"
		echo "An empty package for secspec's tests."
		echo "%files"
	} >"$work/SPECS/$n.spec"
	rpmbuild -bb --quiet --define "_topdir $work" --define "_build_id_links none" \
		--target "$a" "$work/SPECS/$n.spec" >/dev/null 2>&1
done <<'LIST'
bash 0 5.1.8 9.el9 x86_64
openssh-server 0 8.7p1 38.el9 x86_64
shadow-utils 2 4.9 8.el9 x86_64
audit 0 3.1.2 2.el9 x86_64
chrony 0 4.5 1.el9 x86_64
dnf-automatic 0 4.14.0 9.el9 noarch
firewalld 0 1.3.4 1.el9 noarch
tftp-server 0 5.2 38.el9 x86_64
LIST
rpm --dbpath "$work/db" --initdb
rpm -i --justdb --nodeps --ignorearch --ignoreos --dbpath "$work/db" \
	"$work"/RPMS/*/*.rpm 2>/dev/null
sqlite3 "$work/db/rpmdb.sqlite" 'VACUUM'
rpm --dbpath "$work/db" -qa --qf '%{NAME} %{EPOCH} %{VERSION}-%{RELEASE}.%{ARCH}\n' 2>/dev/null | sort
mkdir -p "$here/rhel9/var/lib/rpm"
cp "$work/db/rpmdb.sqlite" "$here/rhel9/var/lib/rpm/rpmdb.sqlite"
