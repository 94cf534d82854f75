/*
 * The host checks over facts of the host (check_int.h): its accounts
 * (passwd, shadow, login.defs), the audit rules auditd loads, and the
 * mount table. Each is read once, through the root, by the formats'
 * parsers (src/formats/accounts.c, auditrules.c, mounts.c), when a check
 * first needs it; a file that cannot be read or parsed is an error for
 * the items that need it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check_int.h"
#include "formats/unitstate.h"
#include "util/util.h"
#include "util/banned.h"

/* Names listed in a verdict, at most (then "…"). */
#define NAMES_SHOWN 5

static bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Load a fact once; 0, or the error kept from the first attempt with its
 * message set again. */
static int fact(check_fact *f, int (*load)(target *t), target *t)
{
	if (!f->read) {
		f->read = true;
		if ((f->error = load(t)) < 0)
			snprintf(f->msg, sizeof(f->msg), "%s", ss_error_last());
	}
	if (f->error < 0)
		ss_error_set(f->error, "%s", f->msg);
	return f->error;
}

/* --- accounts ---------------------------------------------------------------- */

static int load_accounts(target *t)
{
	ss_accounts init = SS_ACCOUNTS_INIT;

	t->accounts = init;
	return ss_accounts_load(&t->accounts, ss_rootfs_tree(t->fs));
}

/* Appends name to a list of names (n bytes), the first NAMES_SHOWN of them. */
static void list_name(char *out, size_t n, size_t *count, const char *name)
{
	size_t used = strlen(out);

	if (*count < NAMES_SHOWN)
		snprintf(out + used, n - used, "%s%s", *count ? ", " : "", name);
	else if (*count == NAMES_SHOWN)
		snprintf(out + used, n - used, ", …");
	(*count)++;
}

static void issues_of(target *t, ss_acct_issue_kind kind, const char *want, result *r)
{
	ss_acct_issue *is = NULL;
	char names[512] = "";
	size_t n = 0, i, count = 0;
	int error;

	if ((error = ss_accounts_issues(&t->accounts, &is, &n)) < 0) {
		ss__check_tree_error(r, error);
		return;
	}
	for (i = 0; i < n; i++)
		if (is[i].kind == kind)
			list_name(names, sizeof(names), &count, is[i].name);
	free(is);
	if (count)
		ss__check_seen(r, "fail", "%s: %zu account(s): %s", t->accounts.pw_file, count,
			       names);
	else
		ss__check_seen(r, "pass", "%s: none", want);
}

/* PASS_MAX_DAYS in login.defs and every password that can log in aged
 * within max days. */
static void max_days(target *t, long max, result *r)
{
	char names[512] = "";
	size_t i, count = 0;
	long v = 0;
	int error = ss_accounts_def_num(&t->accounts, "PASS_MAX_DAYS", &v);

	if (error == SS_ENOTFOUND) {
		ss__check_seen(r, "fail", "PASS_MAX_DAYS is not set in %s (passwords never expire)",
			       t->accounts.defs_file ? t->accounts.defs_file : "/etc/login.defs");
		return;
	}
	if (error < 0) {
		ss__check_tree_error(r, error);
		return;
	}
	if (v < 0 || v > max) {
		ss__check_seen(r, "fail", "%s: PASS_MAX_DAYS %ld", t->accounts.defs_file, v);
		return;
	}
	/* accounts made before login.defs was set keep their own ageing */
	for (i = 0; i < t->accounts.npw; i++) {
		const ss_passwd_ent *p = &t->accounts.pw[i];
		const ss_shadow_ent *sp;

		if (ss_accounts_password(&t->accounts, p, NULL, NULL) != SS_PW_HASH)
			continue;
		sp = ss_accounts_shadow(&t->accounts, p->name);
		if (sp && (sp->max == SS_ACCT_NONE || sp->max > max))
			list_name(names, sizeof(names), &count, p->name);
	}
	if (count)
		ss__check_seen(r, "fail",
			       "%s: PASS_MAX_DAYS %ld, but %zu account(s) with a password age "
			       "longer in %s: %s",
			       t->accounts.defs_file, v, count,
			       t->accounts.sp_file ? t->accounts.sp_file : "/etc/shadow", names);
	else
		ss__check_seen(r, "pass", "%s: PASS_MAX_DAYS %ld; every password ages within it",
			       t->accounts.defs_file, v);
}

int ss__check_accounts_of(target *t, const ss_accounts **out)
{
	int error = fact(&t->accounts_fact, load_accounts, t);

	*out = error < 0 ? NULL : &t->accounts;
	return error;
}

void ss__check_accounts(target *t, const json_t *chk, result *r)
{
	const char *rule = ss_js(chk, "rule");
	int error;

	if ((error = fact(&t->accounts_fact, load_accounts, t)) < 0) {
		/* a root without /etc/passwd is not a system to judge */
		ss__check_seen(r, "error", "%s", ss_error_last());
		return;
	}
	if (streq(rule, "uid0-root-only")) {
		ss__check_textf(r->expected, sizeof(r->expected), "no account but root has UID 0");
		issues_of(t, SS_ACCT_UID0_NOT_ROOT, "UID 0 besides root", r);
	} else if (streq(rule, "no-empty-password")) {
		ss__check_textf(r->expected, sizeof(r->expected), "no account without a password");
		if (!t->accounts.sp_file) {
			ss__check_seen(r, "error", "/etc/shadow could not be read");
			return;
		}
		issues_of(t, SS_ACCT_EMPTY_PASSWORD, "empty passwords", r);
	} else if (streq(rule, "max-days")) {
		long max = strtol(ss_js(chk, "max"), NULL, 10);

		ss__check_textf(r->expected, sizeof(r->expected),
				"passwords expire within %ld days", max);
		max_days(t, max, r);
	} else {
		ss__check_seen(r, "error", "accounts rule %s is not evaluated", rule);
	}
}

/* --- audit rules --------------------------------------------------------------- */

static int load_audit(target *t)
{
	ss_auditrules init = SS_AUDITRULES_INIT;

	t->audit = init;
	return ss_auditrules_load(&t->audit, ss_rootfs_tree(t->fs));
}

/* The rules auditd loads: 0, or a verdict already given. */
static int audit_ready(target *t, result *r)
{
	int error = fact(&t->audit_fact, load_audit, t);

	if (error == SS_ENOTFOUND)
		ss__check_seen(r, "fail",
			       "no audit rules: neither /etc/audit/rules.d/*.rules nor "
			       "/etc/audit/audit.rules");
	else if (error < 0)
		ss__check_seen(r, "error", "%s", ss_error_last());
	return error;
}

void ss__check_audit_watch(target *t, const json_t *chk, result *r)
{
	const char *path = ss_js(chk, "path"), *perms = ss_js(chk, "perms");
	const ss_audit_rule *hit = NULL;
	unsigned arch = 0;
	int found;

	ss__check_textf(r->expected, sizeof(r->expected), "access %s to %s audited", perms, path);
	if (audit_ready(t, r) < 0)
		return;
	found = ss_auditrules_watched(&t->audit, path, perms, &hit, &arch);
	if (found < 0) {
		ss__check_seen(r, "error", "%s", ss_error_last());
	} else if (!found || !hit) {
		ss__check_seen(r, "fail", "no loaded rule audits access %s to %s (%s)", perms, path,
			       t->audit.augen ? "/etc/audit/rules.d" : "/etc/audit/audit.rules");
	} else if (arch != SS_AUDIT_ARCH_ALL) {
		/* a 64-bit host runs 32-bit programs too */
		ss__check_seen(r, "fail", "%s line %u audits %s for %s programs only", hit->file,
			       hit->line, path, arch == SS_AUDIT_ARCH_64 ? "64-bit" : "32-bit");
	} else {
		ss__check_seen(r, "pass", "%s line %u: %s %s%s%s%s%s", hit->file, hit->line,
			       hit->watch ? "-w" : "-a always,exit path",
			       hit->path ? hit->path : "", *hit->perms ? " perms " : "", hit->perms,
			       *hit->key ? " key " : "", hit->key);
	}
}

void ss__check_audit_immutable(target *t, const json_t *chk, result *r)
{
	(void)chk;
	ss__check_textf(r->expected, sizeof(r->expected), "-e 2 (rules locked until reboot)");
	if (audit_ready(t, r) < 0)
		return;
	if (t->audit.enabled == 2)
		ss__check_seen(r, "pass", "%s line %u: -e 2", t->audit.enabled_file,
			       t->audit.enabled_line);
	else if (t->audit.enabled >= 0)
		ss__check_seen(r, "fail", "%s line %u: -e %d", t->audit.enabled_file,
			       t->audit.enabled_line, t->audit.enabled);
	else
		ss__check_seen(r, "fail", "no -e line: the rules can be changed while running");
}

/* --- mounts ------------------------------------------------------------------ */

static int load_mounts(target *t)
{
	ss_mounts init = SS_MOUNTS_INIT;

	t->mounts = init;
	return ss_mounts_load(&t->mounts, t->live ? SS_MOUNTS_PROC : SS_MOUNTS_FSTAB,
			      ss_rootfs_tree(t->fs));
}

/* /tmp without an fstab line: systemd's tmp.mount when it is enabled, with
 * its drop-ins. 1 and *e filled, 0 when not, < 0 on error. */
static int tmp_unit(target *t, ss_mount *e)
{
	static const char *const dirs[] = {"/etc/systemd/system", "/usr/lib/systemd/system",
					   "/lib/systemd/system", NULL};
	const char *const *d;
	ss_unit_state state;
	char path[256], *buf = NULL, **names = NULL;
	size_t len = 0, i;
	int error;

	if ((error = ss_unit_state_get(ss_rootfs_tree(t->fs), "tmp.mount", &state, NULL)) < 0)
		return error;
	if (state != SS_UNIT_ENABLED && state != SS_UNIT_STATIC && state != SS_UNIT_ENABLED_RUNTIME)
		return 0;
	for (d = dirs; *d; d++) {
		snprintf(path, sizeof(path), "%s/tmp.mount", *d);
		error = ss_rootfs_read(t->fs, path, CHECK_FILE_MAX, &buf, &len);
		if (error == SS_ENOTFOUND)
			continue;
		if (error < 0 || (error = ss_mount_unit_apply(e, path, buf, len)) < 0) {
			free(buf);
			return error;
		}
		free(buf);
		break;
	}
	if (!*d)
		return 0;
	/* drop-ins of /etc only: the common place for an administrator's Options= */
	if (ss_rootfs_list(t->fs, "/etc/systemd/system/tmp.mount.d", &names) == 0) {
		for (i = 0; names[i] && error == 0; i++) {
			size_t n = strlen(names[i]);

			if (n < 5 || strcmp(names[i] + n - 5, ".conf") != 0)
				continue;
			snprintf(path, sizeof(path), "/etc/systemd/system/tmp.mount.d/%s",
				 names[i]);
			if ((error = ss_rootfs_read(t->fs, path, CHECK_FILE_MAX, &buf, &len)) == 0)
				error = ss_mount_unit_apply(e, path, buf, len);
			free(buf);
			buf = NULL;
		}
		ss_tree_names_free(names);
	}
	return error < 0 ? error : 1;
}

void ss__check_mount_options(target *t, const json_t *chk, result *r)
{
	const char *path = ss_js(chk, "path"), *want = ss_js(chk, "options");
	const ss_mount *e;
	ss_mount unit = {0};
	char missing[256];
	int error;

	ss__check_textf(r->expected, sizeof(r->expected), "%s mounted with %s", path, want);
	if ((error = fact(&t->mounts_fact, load_mounts, t)) < 0) {
		ss__check_tree_error(r, error);
		return;
	}
	if (!(e = ss_mounts_find(&t->mounts, path)) && !t->live && streq(path, "/tmp")) {
		if ((error = tmp_unit(t, &unit)) < 0) {
			ss_mount_clear(&unit);
			ss__check_seen(r, "error", "%s", ss_error_last());
			return;
		}
		if (error == 1)
			e = &unit;
	}
	if (!e) {
		ss__check_seen(r, "fail", "%s: %s is not a mount of its own", t->mounts.file, path);
		return;
	}
	if (ss_mount_missing(e, want, missing, sizeof(missing)) > 0)
		ss__check_seen(r, "fail", "%s line %u: %s %s, without %s",
			       e == &unit ? "tmp.mount" : t->mounts.file, e->line, path, e->opts,
			       missing);
	else
		ss__check_seen(r, "pass", "%s line %u: %s %s",
			       e == &unit ? "tmp.mount" : t->mounts.file, e->line, path, e->opts);
	ss_mount_clear(&unit);
}

void ss__check_facts_free(target *t)
{
	if (t->accounts_fact.read)
		ss_accounts_release(&t->accounts);
	if (t->audit_fact.read)
		ss_auditrules_release(&t->audit);
	if (t->mounts_fact.read)
		ss_mounts_release(&t->mounts);
}
