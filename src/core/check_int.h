/* The host checks' shared parts (check.c, the kinds over files, and
 * check_facts.c, the kinds over host facts: accounts, mounts, audit
 * rules). Internal to src/core. */
#ifndef SS_CORE_CHECK_INT_H
#define SS_CORE_CHECK_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "formats/accounts.h"
#include "formats/auditrules.h"
#include "formats/dpkgstatus.h"
#include "formats/mounts.h"
#include "formats/sshdcfg.h"
#include "formats/sysctlcfg.h"
#include "formats/winexport.h"
#include "host/rootfs.h"
#include "host/rpmdb.h"
#include "secspec/check.h"
#include "secspec/common.h"

/* A configuration file a check reads: at most this many bytes. */
#define CHECK_FILE_MAX ((size_t)4 << 20)
/* Files one file-match reads (its globs expanded). */
#define CHECK_FILES_MAX 1024
/* Windows exports: files and bytes of each. */
#define CHECK_REG_FILES 64
#define CHECK_REG_MAX ((size_t)64 << 20)

/* A fact of the host read once, when a check first needs it: whether it
 * was read, and the error (and its message) if it could not be. */
typedef struct {
	bool read;
	int error;
	char msg[SS_ERROR_MAX];
} check_fact;

typedef struct {
	bool windows;
	const char *path;
	ss_rootfs *fs; /* the Linux root, or the exports' directory */
	bool live;     /* the root is this host */
	/* read once, when a check first needs them */
	bool sysctl_read, dpkg_read, sshd_read, rpm_read;
	int sysctl_error, dpkg_error, sshd_error, rpm_error;
	char sysctl_msg[SS_ERROR_MAX], dpkg_msg[SS_ERROR_MAX], sshd_msg[SS_ERROR_MAX],
		rpm_msg[SS_ERROR_MAX];
	ss_rpmdb rpm;
	ss_sysctlcfg sysctl;
	ss_sshdcfg sshd;
	char **sshd_text; /* by file of sshd, its text once read */
	/* the live host's sshd -T cross-check: the program, what it printed */
	const char *sshd_t_path;
	bool sshd_t_read;
	int sshd_t_error;
	char sshd_t_msg[SS_ERROR_MAX];
	char *sshd_t_out;
	ss_dpkgstatus dpkg;
	ss_winreg *reg[CHECK_REG_FILES];
	char *regname[CHECK_REG_FILES];
	size_t nreg;
	/* check_facts.c */
	check_fact accounts_fact, audit_fact, mounts_fact;
	ss_accounts accounts;
	ss_auditrules audit;
	ss_mounts mounts;
	/* check_windows.c */
	check_fact inf_fact, auditpol_fact;
	ss_secedit *inf;
	char *infname;
	ss_auditpol *csv[CHECK_REG_FILES];
	char *csvname[CHECK_REG_FILES];
	size_t ncsv;
} target;

/* One verdict; seen in the messages' language, as errors are. */
typedef struct {
	const char *verdict;
	char seen[1024];
	char expected[512];
} result;

/* snprintf into a buffer of what a check expects or saw, cut to fit. */
void ss__check_textf(char *out, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The verdict and what was seen, fmt translated. */
void ss__check_seen(result *r, const char *verdict, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An error of the tree for this item: its message as what was seen (a
 * file that is absent is a fail). */
void ss__check_tree_error(result *r, int error);

/* check_facts.c: the kinds accounts, audit-watch, audit-immutable and
 * mount-options; and the facts' release. */
void ss__check_accounts(target *t, const json_t *chk, result *r);
void ss__check_audit_watch(target *t, const json_t *chk, result *r);
void ss__check_audit_immutable(target *t, const json_t *chk, result *r);
void ss__check_mount_options(target *t, const json_t *chk, result *r);
void ss__check_facts_free(target *t);
/* The root's accounts (passwd, shadow, group ...), read once: 0 and *out,
 * or the error of the first read with its message set again. */
int ss__check_accounts_of(target *t, const ss_accounts **out);

/* check_windows.c: the kinds account-policy, user-right and audit-policy
 * over the secedit INF and auditpol CSV of the exports; their release. */
void ss__check_account_policy(target *t, const json_t *chk, result *r);
void ss__check_user_right(target *t, const json_t *chk, result *r);
void ss__check_audit_policy(target *t, const json_t *chk, result *r);
void ss__check_windows_free(target *t);

/* check_peer.c: ss_check_run of a peer's results (req->peer). */
int ss__check_peer(json_t **out, ss_store *st, const ss_check_req *req);

#endif
