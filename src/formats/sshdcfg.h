/* sshd_config as OpenSSH 9.x's sshd reads it (sshd_config(5), servconf.c),
 * through an ss_tree: keywords, Include, Match. docs/host-checks-linux.md
 * lists the rules. */
#ifndef SS_FORMATS_SSHDCFG_H
#define SS_FORMATS_SSHDCFG_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/tree.h"

#define SS_SSHD_CONFIG "/etc/ssh/sshd_config"
/* Bytes of one file, bytes of one line, nested Includes (sshd's own
 * SERVCONF_MAX_DEPTH), files read in all (an Include read twice counts
 * twice), settings in all, Match blocks in all, arguments on one line. */
#define SS_SSHD_FILE_MAX ((size_t)1 << 20)
#define SS_SSHD_LINE_MAX 16384
#define SS_SSHD_DEPTH_MAX 16
#define SS_SSHD_FILES_MAX 256
#define SS_SSHD_SETTINGS_MAX 20000
#define SS_SSHD_MATCHES_MAX 10000
#define SS_SSHD_ARGS_MAX 256

/* One keyword line. keyword is the canonical lower-case name (aliases
 * folded: challengeresponseauthentication is kbdinteractiveauthentication);
 * argv the arguments unquoted, a trailing comment dropped; value the
 * arguments joined by one space. match: the index of the Match block the
 * line is in, -1 outside any. file borrowed from the config. */
typedef struct {
	char *keyword;
	char **argv;
	size_t argc;
	char *value;
	const char *file;
	unsigned line;
	int match;
} ss_sshd_setting;

/* A Match block: its criteria as written after "Match" (argv), where it
 * starts, and parent: the block an Include inside a Match put it under
 * (the block applies when both do), else -1. all: "Match all". */
typedef struct {
	char **argv;
	size_t argc;
	char *criteria;
	const char *file;
	unsigned line;
	int parent;
	bool all;
} ss_sshd_match;

typedef struct {
	ss_sshd_setting *set;
	size_t nset, capset;
	ss_sshd_match *match;
	size_t nmatch, capmatch;
	char **files; /* every file read, in order */
	size_t nfiles, capfiles;
} ss_sshdcfg;

#define SS_SSHDCFG_INIT                                                                            \
	{                                                                                          \
		0                                                                                  \
	}

/* Read path (NULL: /etc/ssh/sshd_config) from t and every file it
 * Includes. Errors (SS_ENOTFOUND for a missing main file, the tree's
 * errors, SS_EPARSE, SS_ELIMIT) name the file and line. Release cfg in
 * every case. */
int ss_sshdcfg_load(ss_sshdcfg *cfg, const ss_tree *t, const char *path);
void ss_sshdcfg_release(ss_sshdcfg *cfg);

/* Whether every line of keyword adds to its value (AllowUsers, AcceptEnv,
 * HostKey, Port, ...) instead of the first one winning. */
bool ss_sshd_accumulates(const char *keyword);
/* Whether Match block m applies to every connection (Match all, under
 * Match all blocks only). */
bool ss_sshdcfg_match_always(const ss_sshdcfg *cfg, int m);

/* The line that sets keyword (any case, aliases folded) for a connection
 * no Match criterion selects: the first in a Match all block, else the
 * first outside any Match; NULL when none does (sshd's default holds). */
const ss_sshd_setting *ss_sshdcfg_effective(const ss_sshdcfg *cfg, const char *keyword);
/* For a keyword that accumulates: every line that makes up its value for
 * such a connection, in order, at most max into out; returns how many
 * there are. */
size_t ss_sshdcfg_effective_all(const ss_sshdcfg *cfg, const char *keyword,
				const ss_sshd_setting **out, size_t max);
/* The Match blocks (other than Match all) that set keyword to another
 * value than the effective one (or set it when nothing else does): the
 * first line of keyword in each, at most max into out; returns how many. */
size_t ss_sshdcfg_overrides(const ss_sshdcfg *cfg, const char *keyword, const ss_sshd_setting **out,
			    size_t max);

#endif
