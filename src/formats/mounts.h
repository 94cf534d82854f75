/* File systems: /etc/fstab (fstab(5)) and the kernel's mount table in the
 * same format (/proc/self/mounts, /proc/mounts, /etc/mtab; proc(5)), and
 * whether a mount point has the options a check asks for. Pure: bytes in.
 * docs/host-checks-linux.md ("Host facts read") lists the rules. */
#ifndef SS_FORMATS_MOUNTS_H
#define SS_FORMATS_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/tree.h"

#define SS_FSTAB "/etc/fstab"
#define SS_PROC_MOUNTS "/proc/self/mounts"
/* Bytes of a file, of a line; entries. */
#define SS_MOUNTS_FILE_MAX ((size_t)4 << 20)
#define SS_MOUNTS_LINE_MAX 16384
#define SS_MOUNTS_ENTRIES_MAX 100000

typedef enum {
	SS_MOUNTS_FSTAB, /* what is to be mounted: systemd-fstab-generator takes
			  * the first line of a mount point */
	SS_MOUNTS_PROC,  /* what is mounted: the last line of a mount point is the
			  * one on top, the one visible */
} ss_mounts_kind;

/* One line, its fields with the octal escapes (\040 a space) decoded: the
 * device (spec), the mount point (dir, trailing "/" removed), the type,
 * the options as written, and the dump and fsck numbers (0 when absent). */
typedef struct {
	char *spec, *dir, *type, *opts;
	unsigned freq, passno;
	unsigned line;
} ss_mount;

typedef struct {
	ss_mount *m;
	size_t n, cap;
	ss_mounts_kind kind;
	char *file;
} ss_mounts;

#define SS_MOUNTS_INIT                                                                             \
	{                                                                                          \
		0                                                                                  \
	}

/* Parse a file's text named file; errors (SS_EPARSE, SS_ELIMIT) name the
 * file, line and field. Release m in every case. */
int ss_mounts_parse(ss_mounts *m, ss_mounts_kind kind, const char *file, const char *text,
		    size_t len);
/* Read and parse /etc/fstab (SS_MOUNTS_FSTAB) or /proc/self/mounts
 * (SS_MOUNTS_PROC, meaningful only on the running host) of t. */
int ss_mounts_load(ss_mounts *m, ss_mounts_kind kind, const ss_tree *t);
void ss_mounts_release(ss_mounts *m);

/* A systemd mount unit (systemd.mount(5)) applied to *e, zeroed at first:
 * What=, Where=, Type= and Options= of its [Mount] section, the last
 * assignment winning, "%%" read as "%". Apply the unit file, then its
 * drop-ins (the *.conf of NAME.mount.d) in order: the /tmp caveat is tmp.mount.
 * Afterwards every field of *e is set ("" when never assigned) and line is
 * that of the Options= in force. Errors: a NUL byte, a line over
 * SS_MOUNTS_LINE_MAX, a file over SS_MOUNTS_FILE_MAX. */
int ss_mount_unit_apply(ss_mount *e, const char *file, const char *text, size_t len);
/* Free the fields of one entry (of ss_mount_unit_apply) and zero it. */
void ss_mount_clear(ss_mount *e);

/* The entry that decides mount point dir ("/tmp", "/tmp/" alike), swap
 * excluded: the first in an fstab, the last in a mount table; NULL when
 * none (for /tmp in an fstab, see the tmp.mount caveat of the doc). */
const ss_mount *ss_mounts_find(const ss_mounts *m, const char *dir);

/* Whether option opt is in effect on e, the options read in order as
 * mount(8) does: "nodev", "nosuid", "noexec", "ro" and their opposites
 * ("dev", "suid", "exec", "rw") follow the last that sets them, with
 * "defaults" (rw,suid,dev,exec), "user"/"users" (noexec,nosuid,nodev)
 * and "owner"/"group" (nosuid,nodev) setting them too; any other option
 * is in effect when written ("size=2G" exactly, "size" with any value). */
bool ss_mount_option(const ss_mount *e, const char *opt);
/* The options of want (comma-separated: "nodev,nosuid,noexec") not in
 * effect on e, comma-separated into missing (size bytes, may be NULL);
 * returns their number. */
size_t ss_mount_missing(const ss_mount *e, const char *want, char *missing, size_t size);

#endif
