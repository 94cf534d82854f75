/* Local accounts: /etc/passwd (passwd(5)), /etc/shadow (shadow(5)),
 * /etc/group (group(5)), /etc/login.defs (login.defs(5)) and /etc/shells
 * (shells(5)). Pure: the caller reads each file and hands its bytes to the
 * parser of that file; ss_accounts_load does it through an ss_tree.
 * docs/host-checks-linux.md ("Host facts read") lists the rules. */
#ifndef SS_FORMATS_ACCOUNTS_H
#define SS_FORMATS_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/tree.h"

/* Bytes of one file, of one line; entries of one file. */
#define SS_ACCT_FILE_MAX ((size_t)16 << 20)
#define SS_ACCT_LINE_MAX 65536
#define SS_ACCT_ENTRIES_MAX 200000
/* Members of one group. */
#define SS_ACCT_MEMBERS_MAX 65536

/* A shadow number that is empty (ageing off for that field). */
#define SS_ACCT_NONE (-1L)

/* passwd(5): name:password:UID:GID:GECOS:home:shell. */
typedef struct {
	char *name, *passwd, *gecos, *home, *shell;
	uint32_t uid, gid;
	unsigned line;
} ss_passwd_ent;

/* shadow(5): name:hash:last change:min:max:warn:inactive:expire:reserved;
 * a number field that is empty is SS_ACCT_NONE. */
typedef struct {
	char *name, *hash;
	long last, min, max, warn, inactive, expire;
	unsigned line;
} ss_shadow_ent;

/* group(5): name:password:GID:member,member. */
typedef struct {
	char *name, *passwd;
	uint32_t gid;
	char **members; /* nmembers names */
	size_t nmembers;
	unsigned line;
} ss_group_ent;

/* login.defs(5): NAME value. */
typedef struct {
	char *name, *value;
	unsigned line;
} ss_logindef;

typedef struct {
	ss_passwd_ent *pw;
	size_t npw, cappw;
	ss_shadow_ent *sp;
	size_t nsp, capsp;
	ss_group_ent *gr;
	size_t ngr, capgr;
	ss_logindef *defs;
	size_t ndefs, capdefs;
	char **shells; /* /etc/shells, in order */
	size_t nshells, capshells;
	/* which files were parsed; the names used in messages and issues */
	char *pw_file, *sp_file, *gr_file, *defs_file, *shells_file;
	/* NIS compat lines ("+name", "-name", "+") that were skipped */
	size_t ncompat;
	/* private: pw and sp indexes sorted by name (then line), for lookups
	 * in log n */
	size_t *pw_by_name, *sp_by_name;
} ss_accounts;

#define SS_ACCOUNTS_INIT                                                                           \
	{                                                                                          \
		0                                                                                  \
	}

/* Parse one file's text (len bytes) named file into a (initialised with
 * SS_ACCOUNTS_INIT; parse each kind of file at most once). Errors are
 * SS_EPARSE / SS_ELIMIT and name the file, line and field. Release a in
 * every case. */
int ss_accounts_parse_passwd(ss_accounts *a, const char *file, const char *text, size_t len);
int ss_accounts_parse_shadow(ss_accounts *a, const char *file, const char *text, size_t len);
int ss_accounts_parse_group(ss_accounts *a, const char *file, const char *text, size_t len);
int ss_accounts_parse_logindefs(ss_accounts *a, const char *file, const char *text, size_t len);
int ss_accounts_parse_shells(ss_accounts *a, const char *file, const char *text, size_t len);
/* All five from t: /etc/passwd must be there (SS_ENOTFOUND otherwise); the
 * others are skipped when absent (a nil sp_file etc. tells). */
int ss_accounts_load(ss_accounts *a, const ss_tree *t);
void ss_accounts_release(ss_accounts *a);

/* Lookups: the first entry of that name (NULL when none); users and shadow
 * lines in log n. */
const ss_passwd_ent *ss_accounts_user(const ss_accounts *a, const char *name);
const ss_shadow_ent *ss_accounts_shadow(const ss_accounts *a, const char *name);
const ss_group_ent *ss_accounts_group(const ss_accounts *a, const char *name);
/* login.defs: the last line for name wins (shadow-utils' getdef.c); NULL
 * when not set. */
const ss_logindef *ss_accounts_def(const ss_accounts *a, const char *name);
/* A numeric login.defs value as shadow-utils reads it (strtol base 0:
 * "077" octal, "0x1f" hex; UMASK is written in octal): 0 and *out;
 * SS_ENOTFOUND not set; SS_EPARSE not a number (the message names the
 * file and line). */
int ss_accounts_def_num(const ss_accounts *a, const char *name, long *out);

/* What an account's shell is for logging in. */
typedef enum {
	SS_SHELL_NOLOGIN,  /* its base name is nologin or false: no login */
	SS_SHELL_LISTED,   /* listed in /etc/shells (an empty field is /bin/sh) */
	SS_SHELL_UNLISTED, /* another program (/bin/sync): login(1) and sshd still run it */
} ss_shell_kind;
ss_shell_kind ss_accounts_shell_kind(const ss_accounts *a, const ss_passwd_ent *p);
/* Our rule: an account can log in with a shell unless its shell is
 * nologin or false (SS_SHELL_NOLOGIN). /etc/shells does not decide it:
 * login(1), su and sshd do not read it (only chsh, pam_shells and FTP
 * servers do). */
bool ss_accounts_login_shell(const ss_accounts *a, const ss_passwd_ent *p);

/* The state of an account's password. */
typedef enum {
	SS_PW_HASH,      /* a hash: password login possible */
	SS_PW_EMPTY,     /* empty: login without a password */
	SS_PW_LOCKED,    /* "!..." (locked, "!!" never set on RHEL) or "*..." (none) */
	SS_PW_NO_SHADOW, /* passwd says "x" and shadow has no line: login fails */
	SS_PW_UNKNOWN,   /* passwd says "x" and shadow was not read */
} ss_pw_state;
/* From passwd's field, and shadow's when that is "x". *where: the file and
 * line that decided (may be NULL). */
ss_pw_state ss_accounts_password(const ss_accounts *a, const ss_passwd_ent *p, const char **file,
				 unsigned *line);

/* What the account checks find. */
typedef enum {
	SS_ACCT_UID0_NOT_ROOT,  /* a passwd account with UID 0 other than root */
	SS_ACCT_EMPTY_PASSWORD, /* passwd or shadow password empty */
	SS_ACCT_NO_SHADOW,      /* passwd "x" without a shadow line */
	SS_ACCT_DUP_USER,       /* a name twice in passwd */
	SS_ACCT_DUP_UID,        /* a UID twice in passwd */
	SS_ACCT_DUP_SHADOW,     /* a name twice in shadow */
	SS_ACCT_DUP_GROUP,      /* a name twice in group */
	SS_ACCT_DUP_GID,        /* a GID twice in group */
} ss_acct_issue_kind;

typedef struct {
	ss_acct_issue_kind kind;
	const char *name; /* the account or group (borrowed from a) */
	const char *file;
	unsigned line;       /* where it is */
	unsigned first_line; /* DUP_*: where the first one is; else 0 */
	uint32_t id;         /* the UID or GID concerned */
} ss_acct_issue;

/* Every issue, in the order of the kinds, then of the lines; *issues
 * malloc'd (free() it; the strings are a's). In n log n time. */
int ss_accounts_issues(const ss_accounts *a, ss_acct_issue **issues, size_t *n);
const char *ss_acct_issue_name(ss_acct_issue_kind k);

#endif
