/* The RPM database of a root tree (RHEL, Alma, Rocky 9 and Fedora 33 and
 * later: rpm's SQLite backend, /var/lib/rpm/rpmdb.sqlite), read only: its
 * bytes are read through the root (bounded), opened in memory and never
 * written, and each package's header is parsed by formats/rpmhdr.c. */
#ifndef SS_HOST_RPMDB_H
#define SS_HOST_RPMDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host/rootfs.h"

#define SS_RPMDB_PATH "/var/lib/rpm/rpmdb.sqlite"
/* Bytes of the database (a large server's is some 100 MB), of one header,
 * and packages. */
#define SS_RPMDB_FILE_MAX ((size_t)256 << 20)
#define SS_RPMDB_HEADER_MAX ((size_t)16 << 20)
#define SS_RPMDB_PACKAGES_MAX 500000

typedef struct {
	char *name, *version, *release, *arch; /* arch "" when none (gpg-pubkey) */
	bool has_epoch;
	uint32_t epoch;
} ss_rpm_pkg;

typedef struct {
	ss_rpm_pkg *p;
	size_t n;
} ss_rpmdb;

/* Read the packages of r's database. SS_ENOTFOUND: no rpmdb.sqlite (not an
 * RPM system, with the message saying whether an older Berkeley DB
 * database is there instead); SS_EPARSE: not a database rpm wrote, or a
 * header that is not one; other errors of the tree. Release db in every
 * case. */
int ss_rpmdb_load(ss_rpmdb *db, ss_rootfs *r);
void ss_rpmdb_release(ss_rpmdb *db);
/* The package name ("openssh-server"), or name.arch ("glibc.x86_64") for
 * one architecture; NULL when the database does not hold it. */
const ss_rpm_pkg *ss_rpmdb_find(const ss_rpmdb *db, const char *name);

#endif
