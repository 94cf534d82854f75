/*
 * The Windows check kinds over the policy exports (check_int.h):
 *
 *   account-policy  a [System Access] setting of a `secedit /export` INF
 *   user-right      a [Privilege Rights] line of the same INF
 *   audit-policy    a subcategory of an `auditpol /backup` CSV
 *
 * The exports are read once, when a check first needs them, from the
 * --windows directory: the INF is the first *.inf in name order that has
 * [System Access] (one before it that does not parse is an error: it may
 * be the one meant); every *.csv is an auditpol backup, and the last that
 * holds a subcategory decides (as the .reg files do). A directory without
 * them, or whose files do not parse, is an error for the items that need
 * them only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/check_int.h"
#include "util/i18n.h"
#include "util/util.h"
#include "util/banned.h"

static bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* A field of a check, or NULL when the check has none (ss_js gives ""). */
static const char *field(const json_t *chk, const char *key)
{
	return json_string_value(json_object_get(chk, key));
}

/* Whether name ends with ext (".inf"), without regard to ASCII case. */
static bool has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), k = strlen(ext);

	return n > k && strcasecmp(name + n - k, ext) == 0;
}

/* Keep a parse error's message unless one is kept already. */
static void keep_error(check_fact *f, int error)
{
	if (f->error == 0) {
		f->error = error;
		snprintf(f->msg, sizeof(f->msg), "%s", ss_error_last());
	}
}

/* --- loading ----------------------------------------------------------------- */

static bool has_system_access(const ss_secedit *s)
{
	for (size_t i = 0; i < ss_secedit_count(s); i++)
		if (ss__win_casecmp(ss_secedit_at(s, i)->section, "System Access") == 0)
			return true;
	return false;
}

/* 0 with t->inf set; else the error (a file that did not parse, or
 * SS_ENOTFOUND) with its message set. */
static int load_inf(target *t)
{
	check_fact *f = &t->inf_fact;
	char **names = NULL;
	int error;

	if (f->read)
		goto done;
	f->read = true;
	if ((error = ss_rootfs_list(t->fs, "/", &names)) < 0) {
		keep_error(f, error);
		goto done;
	}
	for (size_t i = 0; names[i] && !t->inf; i++) {
		char path[1024], *buf = NULL;
		size_t len = 0;
		ss_secedit *s = NULL;

		if (!has_ext(names[i], ".inf"))
			continue;
		snprintf(path, sizeof(path), "/%s", names[i]);
		if ((error = ss_rootfs_read(t->fs, path, CHECK_REG_MAX, &buf, &len)) == 0 &&
		    (error = ss_secedit_parse(&s, buf, len, names[i])) == 0) {
			if (has_system_access(s) && (t->infname = strdup(names[i])))
				t->inf = s;
			else
				ss_secedit_free(s);
		}
		free(buf);
		if (error < 0)
			keep_error(f, error);
	}
	ss_tree_names_free(names);
	/* an INF before it that does not parse might be the one meant */
	if (!t->inf && f->error == 0) {
		f->error = SS_ENOTFOUND;
		snprintf(f->msg, sizeof(f->msg), "%s",
			 _("not exported: no secedit INF with [System Access] (run "
			   "secedit /export /cfg secpol.inf; docs/host-checks-windows.md)"));
	}
done:
	if (f->error < 0)
		ss_error_set(f->error, "%s", f->msg);
	return f->error;
}

static int load_csv(target *t)
{
	check_fact *f = &t->auditpol_fact;
	char **names = NULL;
	int error;

	if (f->read)
		goto done;
	f->read = true;
	if ((error = ss_rootfs_list(t->fs, "/", &names)) < 0) {
		keep_error(f, error);
		goto done;
	}
	for (size_t i = 0; names[i]; i++) {
		char path[1024], *buf = NULL;
		size_t len = 0;
		ss_auditpol *a = NULL;

		if (!has_ext(names[i], ".csv"))
			continue;
		if (t->ncsv == CHECK_REG_FILES) {
			keep_error(f, ss_error_set(SS_ELIMIT, "%s: more than %d .csv files",
						   t->path, CHECK_REG_FILES));
			break;
		}
		snprintf(path, sizeof(path), "/%s", names[i]);
		if ((error = ss_rootfs_read(t->fs, path, CHECK_REG_MAX, &buf, &len)) == 0 &&
		    (error = ss_auditpol_parse(&a, buf, len, names[i])) == 0) {
			if ((t->csvname[t->ncsv] = strdup(names[i])))
				t->csv[t->ncsv++] = a;
			else
				ss_auditpol_free(a);
		}
		free(buf);
		if (error < 0)
			keep_error(f, error);
	}
	ss_tree_names_free(names);
	/* one file that does not parse makes the others unreliable too */
	if (f->error == 0 && t->ncsv == 0) {
		f->error = SS_ENOTFOUND;
		snprintf(f->msg, sizeof(f->msg), "%s",
			 _("not exported: no auditpol backup CSV (run auditpol /backup "
			   "/file:audit.csv; docs/host-checks-windows.md)"));
	}
done:
	if (f->error < 0)
		ss_error_set(f->error, "%s", f->msg);
	return f->error;
}

void ss__check_windows_free(target *t)
{
	ss_secedit_free(t->inf);
	free(t->infname);
	for (size_t i = 0; i < t->ncsv; i++) {
		ss_auditpol_free(t->csv[i]);
		free(t->csvname[i]);
	}
}

/* --- account-policy ------------------------------------------------------------ */

/* The settings whose special values mean "without limit": the password
 * never expires (MaximumPasswordAge 0 or -1), no lockout (LockoutBadCount
 * 0), locked until an administrator unlocks (LockoutDuration 0 or -1). */
static bool unlimited(const char *name, long long v)
{
	if (ss__win_casecmp(name, "MaximumPasswordAge") == 0 ||
	    ss__win_casecmp(name, "LockoutDuration") == 0)
		return v == 0 || v == -1;
	if (ss__win_casecmp(name, "LockoutBadCount") == 0)
		return v == 0;
	return false;
}

static const ss_secedit_entry *sa_entry(const ss_secedit *s, const char *name)
{
	for (size_t i = 0; i < ss_secedit_count(s); i++) {
		const ss_secedit_entry *e = ss_secedit_at(s, i);

		if (ss__win_casecmp(e->section, "System Access") == 0 && e->name &&
		    ss__win_casecmp(e->name, name) == 0)
			return e;
	}
	return NULL;
}

void ss__check_account_policy(target *t, const json_t *chk, result *r)
{
	const char *name = ss_js(chk, "name"), *min = field(chk, "min"), *max = field(chk, "max"),
		   *expect = field(chk, "expect");
	const ss_secedit_entry *e;
	int64_t v = 0;
	int error;

	if (min)
		ss__check_textf(r->expected, sizeof(r->expected), "%s >= %s", name, min);
	else if (max)
		ss__check_textf(r->expected, sizeof(r->expected), "%s <= %s", name, max);
	else
		ss__check_textf(r->expected, sizeof(r->expected), "%s = %s", name, expect);
	if ((error = load_inf(t)) < 0) {
		ss__check_seen(r, "error", "%s", ss_error_last());
		return;
	}
	if (!(e = sa_entry(t->inf, name))) {
		ss__check_seen(r, "fail", "%s is not in [System Access] of %s", name, t->infname);
		return;
	}
	if (expect) {
		ss__check_seen(r, streq(e->value, expect) ? "pass" : "fail", "%s = %s (%s line %u)",
			       name, e->value, t->infname, (unsigned)e->line);
		return;
	}
	if (ss_secedit_get_int(t->inf, "System Access", name, &v) < 0) {
		ss__check_seen(r, "error", "%s line %u: %s is not a number", t->infname,
			       (unsigned)e->line, name);
		return;
	}
	{
		long long want = strtoll(min ? min : max, NULL, 10);
		bool ok, inf = unlimited(name, (long long)v);

		if (min)
			ok = inf || v >= want;
		else
			ok = !inf && v <= want;
		if (inf)
			ss__check_seen(r, ok ? "pass" : "fail", "%s = %s (no limit) (%s line %u)",
				       name, e->value, t->infname, (unsigned)e->line);
		else
			ss__check_seen(r, ok ? "pass" : "fail", "%s = %s (%s line %u)", name,
				       e->value, t->infname, (unsigned)e->line);
	}
}

/* --- user-right ---------------------------------------------------------------- */

/* Well-known SIDs by their English names, so that a catalog may name either. */
static const struct {
	const char *name, *sid;
} well_known[] = {
	{"Everyone", "S-1-1-0"},
	{"Administrators", "S-1-5-32-544"},
	{"Users", "S-1-5-32-545"},
	{"Guests", "S-1-5-32-546"},
	{"Backup Operators", "S-1-5-32-551"},
	{"Remote Desktop Users", "S-1-5-32-555"},
	{"Local account", "S-1-5-113"},
	{"Local account and member of Administrators group", "S-1-5-114"},
	{"Authenticated Users", "S-1-5-11"},
	{"Anonymous Logon", "S-1-5-7"},
	{"Local Service", "S-1-5-19"},
	{"Network Service", "S-1-5-20"},
	{"Service", "S-1-5-6"},
};

/* Whether an account of a right's line is who (a SID or a name). */
static bool same_account(const char *item, const char *who)
{
	if (ss__win_casecmp(item, who) == 0)
		return true;
	for (size_t i = 0; i < sizeof(well_known) / sizeof(well_known[0]); i++)
		if ((ss__win_casecmp(well_known[i].name, who) == 0 &&
		     ss__win_casecmp(well_known[i].sid, item) == 0) ||
		    (ss__win_casecmp(well_known[i].sid, who) == 0 &&
		     ss__win_casecmp(well_known[i].name, item) == 0))
			return true;
	return false;
}

/* Appends to out (n bytes) each of list (comma-separated) whose presence
 * among items is not want. */
static void misses(char *out, size_t n, const char *list, const char *const *items, size_t nitems,
		   bool want)
{
	char *copy, *save = NULL;

	if (!list || !(copy = strdup(list)))
		return;
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		bool found = false;
		size_t used = strlen(out);

		while (*w == ' ')
			w++;
		for (size_t i = 0; i < nitems && !found; i++)
			found = same_account(items[i], w);
		if (found != want)
			snprintf(out + used, n - used, "%s%s", used ? ", " : "", w);
	}
	free(copy);
}

/* Appends to out (n bytes) each of items that is none of list
 * (comma-separated; "" is nobody). */
static void outside(char *out, size_t n, const char *list, const char *const *items, size_t nitems)
{
	for (size_t i = 0; i < nitems; i++) {
		char *copy = strdup(list), *save = NULL;
		bool found = false;
		size_t used = strlen(out);

		if (!copy)
			return;
		for (char *w = strtok_r(copy, ",", &save); w && !found;
		     w = strtok_r(NULL, ",", &save)) {
			while (*w == ' ')
				w++;
			found = same_account(items[i], w);
		}
		free(copy);
		if (!found)
			snprintf(out + used, n - used, "%s%s", used ? ", " : "", items[i]);
	}
}

void ss__check_user_right(target *t, const json_t *chk, result *r)
{
	const char *right = ss_js(chk, "right"), *inc = field(chk, "must_include"),
		   *exc = field(chk, "must_exclude"), *only = field(chk, "only");
	const char *const *items = NULL;
	char missing[256] = "", extra[256] = "", held[512] = "", where[300] = "";
	size_t n = 0;
	int error;

	ss__check_textf(r->expected, sizeof(r->expected), "%s%s%s%s%s%s%s", right,
			inc ? " includes " : "", inc ? inc : "", exc ? " excludes " : "",
			exc ? exc : "", only ? " held only by " : "",
			only ? (*only ? only : "nobody") : "");
	if ((error = load_inf(t)) < 0) {
		ss__check_seen(r, "error", "%s", ss_error_last());
		return;
	}
	if (ss_secedit_privilege(t->inf, right, &items, &n) < 0) {
		items = NULL;
		n = 0;
	}
	misses(missing, sizeof(missing), inc, items, n, true);
	misses(extra, sizeof(extra), exc, items, n, false);
	if (only)
		outside(extra + strlen(extra), sizeof(extra) - strlen(extra), only, items, n);
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(held);

		snprintf(held + used, sizeof(held) - used, "%s%s", i ? "," : "", items[i]);
	}
	/* where: the right's line, or the file when nobody holds it */
	for (size_t i = 0; i < ss_secedit_count(t->inf); i++) {
		const ss_secedit_entry *e = ss_secedit_at(t->inf, i);

		if (ss__win_casecmp(e->section, "Privilege Rights") == 0 && e->name &&
		    ss__win_casecmp(e->name, right) == 0)
			ss__check_textf(where, sizeof(where), "%s line %u", t->infname,
					(unsigned)e->line);
	}
	if (!where[0]) {
		ss__check_textf(where, sizeof(where), "%s", t->infname);
		ss__check_textf(held, sizeof(held), "%s", _("(nobody)"));
	}
	if (missing[0] && extra[0])
		ss__check_seen(r, "fail", "%s = %s (%s): without %s; with %s", right, held, where,
			       missing, extra);
	else if (missing[0])
		ss__check_seen(r, "fail", "%s = %s (%s): without %s", right, held, where, missing);
	else if (extra[0])
		ss__check_seen(r, "fail", "%s = %s (%s): with %s", right, held, where, extra);
	else
		ss__check_seen(r, "pass", "%s = %s (%s)", right, held, where);
}

/* --- audit-policy -------------------------------------------------------------- */

static const char *const settings[] = {"no auditing", "success", "failure", "success-and-failure"};

void ss__check_audit_policy(target *t, const json_t *chk, result *r)
{
	const char *sub = ss_js(chk, "subcategory"), *expect = field(chk, "expect");
	int want = 0;
	int error;

	for (int i = 1; i < 4; i++)
		if (streq(expect, settings[i]))
			want = i;
	ss__check_textf(r->expected, sizeof(r->expected), "%s: %s", sub, expect);
	if ((error = load_csv(t)) < 0) {
		ss__check_seen(r, "error", "%s", ss_error_last());
		return;
	}
	/* the last file that holds it wins, as for the .reg files */
	for (size_t i = t->ncsv; i-- > 0;) {
		const ss_auditpol_row *row;

		if (ss_auditpol_get(t->csv[i], sub, &row) < 0)
			continue;
		if (row->setting < 0 || row->setting > 3) {
			ss__check_seen(r, "error", "%s line %u: %s is not a subcategory",
				       t->csvname[i], (unsigned)row->line, sub);
			return;
		}
		/* at least: success-and-failure meets success and failure */
		ss__check_seen(r, (row->setting & want) == want ? "pass" : "fail",
			       "%s: %s (%s line %u)", row->subcategory, settings[row->setting],
			       t->csvname[i], (unsigned)row->line);
		return;
	}
	ss__check_seen(r, "fail", "%s is not in the audit policy backup (no auditing)", sub);
}
