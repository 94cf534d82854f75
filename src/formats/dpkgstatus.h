/* The dpkg database of installed packages, /var/lib/dpkg/status (dpkg(1),
 * deb822(5)), read through an ss_tree. */
#ifndef SS_FORMATS_DPKGSTATUS_H
#define SS_FORMATS_DPKGSTATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/tree.h"

#define SS_DPKG_STATUS "/var/lib/dpkg/status"
/* Bytes of the file (a large server's is some 10 MB), of one line, and
 * packages. */
#define SS_DPKG_FILE_MAX ((size_t)128 << 20)
#define SS_DPKG_LINE_MAX 65536
#define SS_DPKG_PACKAGES_MAX 500000

/* One stanza: Package, Architecture ("" when absent), Version, the three
 * words of Status (want, flag, status; "" when absent), Multi-Arch, and
 * the line the stanza starts on. */
typedef struct {
	char *package, *arch, *version, *want, *flag, *status, *multiarch;
	unsigned line;
} ss_dpkg_pkg;

typedef struct {
	ss_dpkg_pkg *p;
	size_t n, cap;
} ss_dpkgstatus;

#define SS_DPKGSTATUS_INIT                                                                         \
	{                                                                                          \
		0                                                                                  \
	}

/* Parse the text of a status file named file; errors name file and line.
 * Release st in every case. */
int ss_dpkgstatus_parse(ss_dpkgstatus *st, const char *file, const char *text, size_t len);
/* Read and parse /var/lib/dpkg/status of t (SS_ENOTFOUND: not a dpkg system). */
int ss_dpkgstatus_load(ss_dpkgstatus *st, const ss_tree *t);
void ss_dpkgstatus_release(ss_dpkgstatus *st);

/* Whether dpkg has the package's files unpacked and configured: the status
 * word is "installed", or "triggers-awaited" / "triggers-pending" (only
 * triggers left to run), with the flag "ok". The want word does not
 * matter: "hold ok installed" is installed, and so is "deinstall ok
 * installed" until it is removed. */
bool ss_dpkg_installed(const ss_dpkg_pkg *p);
/* The stanza of name ("openssh-server", or "libc6:amd64" for one
 * architecture): the installed one when there is one, else the first;
 * NULL when the database does not know it. */
const ss_dpkg_pkg *ss_dpkgstatus_find(const ss_dpkgstatus *st, const char *name);

#endif
