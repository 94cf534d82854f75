/* Kernel parameters as configured in sysctl.d(5) files and /etc/sysctl.conf,
 * read through an ss_tree in systemd-sysctl's order (and procps'
 * `sysctl --system` for /etc/sysctl.conf); and their live values under
 * /proc/sys. docs/host-checks-linux.md lists the rules. */
#ifndef SS_FORMATS_SYSCTLCFG_H
#define SS_FORMATS_SYSCTLCFG_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/tree.h"

/* Bytes of one file, of one line, files, keys, bytes of a live value. */
#define SS_SYSCTL_FILE_MAX ((size_t)1 << 20)
#define SS_SYSCTL_LINE_MAX 16384
#define SS_SYSCTL_FILES_MAX 1024
#define SS_SYSCTL_KEYS_MAX 100000
#define SS_SYSCTL_LIVE_MAX ((size_t)65536)

/* The assignment in force for one key (the last one read): key in the
 * dotted form sysctl(8) prints ("net.ipv4.conf.enp3s0/200.forwarding"),
 * path the same under /proc/sys ("net/ipv4/conf/enp3s0.200/forwarding");
 * value with surrounding white space removed, NULL for a "-key" line that
 * only keeps globs off the key; glob: key holds glob(7) characters;
 * ignore_failure: written "-key = value"; seq: the place in the order
 * systemd-sysctl applies the keys (an assignment that changes a key moves
 * it to the end; it matters only between globs that match one key). */
typedef struct {
	char *key, *path, *value;
	const char *file;
	unsigned line;
	bool glob, ignore_failure;
	size_t seq;
} ss_sysctl_setting;

typedef struct {
	ss_sysctl_setting *set; /* one per key, in the order first assigned */
	size_t nset, capset;
	size_t *slot; /* hash of the paths: index + 1, 0 free */
	size_t nslot, seq;
	char **files; /* the files applied, in order */
	size_t nfiles, capfiles;
} ss_sysctlcfg;

#define SS_SYSCTLCFG_INIT                                                                          \
	{                                                                                          \
		0                                                                                  \
	}

/* Read every sysctl.d file of t in systemd-sysctl's order, then
 * /etc/sysctl.conf unless /etc/sysctl.d/99-sysctl.conf already is it.
 * A tree error on a file (other than absent) fails the whole: the result
 * would be unknown. Release cfg in every case. */
int ss_sysctlcfg_load(ss_sysctlcfg *cfg, const ss_tree *t);
/* Apply one file's text (len bytes) named file, as load does for each. */
int ss_sysctlcfg_apply(ss_sysctlcfg *cfg, const char *file, const char *text, size_t len);
void ss_sysctlcfg_release(ss_sysctlcfg *cfg);

/* key ("." or "/" separated, a leading "-" ignored) in the /proc/sys path
 * form into out (size bytes): systemd's rule, if the first separator is a
 * "." the dots and slashes are swapped. SS_EINVAL when empty or too long. */
int ss_sysctl_key_path(char *out, size_t size, const char *key);

/* The assignment that sets key: an explicit one, else the last glob that
 * matches it (systemd: explicit keys are never set by a glob); NULL when
 * none. A result with value NULL: a "-key" line keeps globs off it and
 * nothing sets it. */
const ss_sysctl_setting *ss_sysctlcfg_get(const ss_sysctlcfg *cfg, const char *key);

/* The live value of key: /proc/sys/<path> read through t (meaningful when
 * t is the running host), the trailing newline removed; *value malloc'd. */
int ss_sysctl_live(const ss_tree *t, const char *key, char **value);
/* Whether two values are the same to the kernel's parsers: equal once
 * runs of white space are one space and the ends are trimmed ("4096
 * 16384" and "4096\t16384"). */
bool ss_sysctl_value_equal(const char *a, const char *b);

#endif
