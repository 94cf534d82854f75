/* Linux audit rules as auditctl(8) loads them: the *.rules of /etc/audit/rules.d
 * as augenrules(8) joins them, or /etc/audit/audit.rules, and whether a
 * file is watched for a kind of access. Pure: bytes in (load reads
 * through an ss_tree). docs/host-checks-linux.md ("Host facts read")
 * lists the rules. */
#ifndef SS_FORMATS_AUDITRULES_H
#define SS_FORMATS_AUDITRULES_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/tree.h"

#define SS_AUDIT_RULES_DIR "/etc/audit/rules.d"
#define SS_AUDIT_RULES "/etc/audit/audit.rules"
/* Bytes of a file, of a line; rules kept; files; words on a line. */
#define SS_AUDIT_FILE_MAX ((size_t)4 << 20)
#define SS_AUDIT_LINE_MAX 16384
#define SS_AUDIT_RULES_MAX 100000
#define SS_AUDIT_FILES_MAX 1024
#define SS_AUDIT_WORDS_MAX 256

/* Architectures a rule applies to (-F arch=). */
#define SS_AUDIT_ARCH_32 1u
#define SS_AUDIT_ARCH_64 2u
#define SS_AUDIT_ARCH_ALL 3u

/* One rule: a watch (-w PATH -p PERMS -k KEY) or a syscall rule
 * (-a ACTION,LIST -S ... -F ... -k KEY). */
typedef struct {
	bool watch;
	char list[12];  /* "exit" for a watch; task, exit, user, exclude, filesystem, io_uring */
	char action[8]; /* "always" for a watch; always, never */
	char *path;     /* -w PATH, -F path=PATH or -F dir=PATH; NULL when none */
	bool subtree;   /* -F dir= (a -w of a directory is a subtree too) */
	char perms[5];  /* r, w, x, a of -p or -F perm= ("" when not given) */
	unsigned arch;  /* SS_AUDIT_ARCH_* (watches: all) */
	char *syscalls; /* -S names, comma-separated ("" when none) */
	char *fields;   /* every -F and -C as written, space-separated */
	char *key;      /* the -k / -F key= keys, comma-separated ("" when none) */
	const char *file;
	unsigned line;
	bool loaded; /* false: after "-e 2" in one auditctl run, refused */
	long seq;    /* the kernel's order of a list: -A rules (seq < 0) first */
} ss_audit_rule;

typedef struct {
	ss_audit_rule *r;
	size_t n, cap;
	int enabled;              /* the last -e: 0, 1, 2 (immutable); -1 not set */
	const char *enabled_file; /* where */
	unsigned enabled_line;
	long backlog; /* -b, -1 not set */
	int failure;  /* -f, -1 not set */
	bool augen;   /* read as augenrules joins rules.d */
	char **files; /* the files read, in order */
	size_t nfiles, capfiles;
	/* private: the state of the auditctl run */
	long seq_lo, seq_hi;
	unsigned deletions;
	bool locked;
} ss_auditrules;

#define SS_AUDITRULES_INIT                                                                         \
	{                                                                                          \
		.enabled = -1, .backlog = -1, .failure = -1                                        \
	}

/* Apply one file's text named file. augen: as one of the rules.d files
 * augenrules joins (its "-D", "-b", "-f", "-e" lines move to the start or
 * end of the whole); else as auditctl -R reads one file. Errors (SS_EPARSE,
 * SS_ELIMIT) name the file, line and word. Release ar in every case. */
int ss_auditrules_apply(ss_auditrules *ar, const char *file, const char *text, size_t len,
			bool augen);
/* What auditd loads at boot on Debian 12 and RHEL 9 (augenrules --load):
 * the *.rules of /etc/audit/rules.d in `ls -v` order when there is one,
 * else /etc/audit/audit.rules (SS_ENOTFOUND when neither). */
int ss_auditrules_load(ss_auditrules *ar, const ss_tree *t);
void ss_auditrules_release(ss_auditrules *ar);

/* Whether the loaded rules audit access perms ("w", "wa") to path: a watch
 * -w on path or on a directory above it, or an always,exit rule with -F
 * path=path (or -F dir= above it) whose -F perm= has every letter (a rule
 * with neither -F perm= nor -S other than "all" counts as every access),
 * not preceded by a never,exit rule on that path. 1 with *hit the first
 * such rule and *arch the architectures the rules found cover (a watch:
 * all), 0 when none. hit and arch may be NULL. */
int ss_auditrules_watched(const ss_auditrules *ar, const char *path, const char *perms,
			  const ss_audit_rule **hit, unsigned *arch);

/* The order of augenrules' `ls -v` (GNU filevercmp: digit runs compared as
 * numbers). */
int ss_audit_name_cmp(const char *a, const char *b);

#endif
