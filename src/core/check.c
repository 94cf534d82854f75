/*
 * The catalog's machine checks against a host (include/secspec/check.h).
 *
 * Every file is read through the root tree of src/host/rootfs.c (no link
 * leads out of the root, reads are bounded, device nodes and FIFOs are
 * refused) and parsed by the formats' readers with their real rules
 * (sysctl.d order, systemd unit state, dpkg status, reg export files). A
 * file the target does not have is a verdict, not an error; a file that
 * cannot be read safely is an error for that item only.
 */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/check_int.h"
#include "core/core.h"
#include "formats/pamcfg.h"
#include "formats/unitstate.h"
#include "host/sshd_t.h"
#include "secspec/catalog.h"
#include "secspec/check.h"
#include "secspec/decision.h"
#include "util/banned.h"

static bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

#define textf ss__check_textf
#define check_seen ss__check_seen
#define tree_error ss__check_tree_error

/* --- Linux ------------------------------------------------------------------- */

/* /proc and /sys exist only on a running host. */
static bool live_only(const char *path)
{
	return !strncmp(path, "/proc/", 6) || !strncmp(path, "/sys/", 5);
}

/* The text of file path, NUL-terminated, in *out (malloc'd): 0, or < 0 when
 * it cannot be read (SS_ENOTFOUND: absent) or holds a NUL byte (SS_EPARSE),
 * with the message set. */
static int read_text(target *t, const char *path, char **out)
{
	char *buf = NULL, *s;
	size_t len = 0;
	int error;

	if ((error = ss_rootfs_read(t->fs, path, CHECK_FILE_MAX, &buf, &len)) < 0)
		return error;
	if (memchr(buf, '\0', len)) {
		free(buf);
		return ss_error_set(SS_EPARSE, "%s holds a NUL byte: not a text file", path);
	}
	if (!(s = realloc(buf, len + 1))) {
		free(buf);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	s[len] = '\0';
	*out = s;
	return 0;
}

/* The first line of s that re matches: 1 with *line (from 1) and the line's
 * text (up to 300 bytes) in text; 0 when none does. */
static int first_match(const char *s, const regex_t *re, unsigned *line, char text[301])
{
	regmatch_t m;
	size_t b, e;

	if (regexec(re, s, 1, &m, 0) != 0)
		return 0;
	/* the line where the match starts ([[:space:]] may take its line end too) */
	for (b = e = (size_t)m.rm_so; b > 0 && s[b - 1] != '\n'; b--)
		;
	while (s[e] && s[e] != '\n')
		e++;
	*line = 1;
	for (size_t k = 0; k < b; k++)
		*line += s[k] == '\n';
	snprintf(text, 301, "%.*s", (int)(e - b < 300 ? e - b : 300), s + b);
	return 1;
}

/* The keyword of an sshd_config line: its first word, before blanks or '='. */
static void sshd_keyword(const char *line, char *out, size_t n)
{
	size_t k = 0;

	while (*line == ' ' || *line == '\t')
		line++;
	while (*line && *line != ' ' && *line != '\t' && *line != '=' && k + 1 < n)
		out[k++] = *line++;
	out[k] = '\0';
}

/* sshd_config is what sshd makes of it: the file and every file it
 * Includes, the first value of a keyword winning (Debian's and RHEL's files
 * Include their drop-ins at the top, so a drop-in beats the file), Match
 * blocks setting it otherwise for some connections. The catalog's pattern
 * must match the line sshd uses, and no Match block may set it otherwise. */
static void sshd_match(target *t, const char *path, const regex_t *re, result *r, char keyword[64])
{
	const ss_sshd_setting *eff, *over[1];
	char text[301];
	unsigned line = 0;
	bool matched = false;
	int rc;

	if (!t->sshd_read) {
		t->sshd_read = true;
		if ((t->sshd_error = ss_sshdcfg_load(&t->sshd, ss_rootfs_tree(t->fs), path)) < 0)
			snprintf(t->sshd_msg, sizeof(t->sshd_msg), "%s", ss_error_last());
		else if (!(t->sshd_text = calloc(t->sshd.nfiles + 1, sizeof(*t->sshd_text)))) {
			t->sshd_error = SS_ENOMEM;
			snprintf(t->sshd_msg, sizeof(t->sshd_msg), "out of memory");
		}
	}
	if (t->sshd_error == SS_ENOTFOUND) {
		check_seen(r, "fail", "%s is absent", path);
		return;
	}
	if (t->sshd_error < 0) {
		check_seen(r, "error", "%s", t->sshd_msg);
		return;
	}
	/* the first matching line of each file, the file first, then its Includes */
	for (size_t f = 0; f < t->sshd.nfiles; f++) {
		/* each file read once for all the items that ask */
		if (!t->sshd_text[f] &&
		    (rc = read_text(t, t->sshd.files[f], &t->sshd_text[f])) < 0) {
			tree_error(r, rc);
			return;
		}
		if (!first_match(t->sshd_text[f], re, &line, text))
			continue;
		matched = true;
		sshd_keyword(text, keyword, 64);
		eff = ss_sshdcfg_effective(&t->sshd, keyword);
		if (ss_sshd_accumulates(keyword) || !eff ||
		    (strcmp(eff->file, t->sshd.files[f]) == 0 && eff->line == line)) {
			if (ss_sshdcfg_overrides(&t->sshd, keyword, over, 1))
				check_seen(
					r, "fail",
					"%s: %s, but a Match block sets it otherwise (%s line %u: "
					"%s %s)",
					t->sshd.files[f], text, over[0]->file, over[0]->line,
					keyword, over[0]->value);
			else
				check_seen(r, "pass", "%s: %s", t->sshd.files[f], text);
			return;
		}
		check_seen(r, "fail", "%s line %u: %s, but sshd uses %s line %u first: %s %s",
			   t->sshd.files[f], line, text, eff->file, eff->line, keyword, eff->value);
	}
	if (!matched)
		check_seen(r, "fail", "%s and its Includes: no line matches", path);
}

/* Appends fmt (translated) to what was seen, cut to fit. */
static void seen_add(result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void seen_add(result *r, const char *fmt, ...)
{
	size_t used = strlen(r->seen);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->seen + used, sizeof(r->seen) - used, ss_gettext(fmt), ap);
	va_end(ap);
}

/* The live host's cross-check: what the running sshd makes of keyword
 * (`sshd -T -C`, run once) must match the catalog's pattern too, compared
 * without regard to case (sshd -T prints keywords in lower case). sshd
 * has the last word: a pass it disagrees with is a fail. */
static void sshd_cross(target *t, const char *pattern, const char *keyword, result *r)
{
	char line[301];
	regex_t re;
	bool ok;

	if (!t->sshd_t_path || !keyword[0] || ss_sshd_accumulates(keyword))
		return;
	if (!t->sshd_t_read) {
		t->sshd_t_read = true;
		if ((t->sshd_t_error =
			     ss_sshd_t_run(&t->sshd_t_out, t->sshd_t_path, SS_SSHD_T_SECONDS)) < 0)
			snprintf(t->sshd_t_msg, sizeof(t->sshd_t_msg), "%s", ss_error_last());
	}
	if (t->sshd_t_error < 0) {
		r->verdict = "error";
		seen_add(r, "; sshd -T: %s", t->sshd_t_msg);
		return;
	}
	if (ss_sshd_t_line(t->sshd_t_out, keyword, line, sizeof(line)) < 0) {
		r->verdict = "error";
		seen_add(r, "; sshd -T prints no %s", keyword);
		return;
	}
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE | REG_ICASE) != 0)
		return; /* compiled once already without REG_ICASE */
	ok = regexec(&re, line, 0, NULL, 0) == 0;
	regfree(&re);
	if (!streq(r->verdict, "pass")) {
		seen_add(r, "; sshd -T: %s", line);
	} else if (ok) {
		seen_add(r, " (sshd -T agrees: %s)", line);
	} else {
		r->verdict = "fail";
		seen_add(r, "; but sshd -T, reading it as the running sshd does, says %s", line);
	}
}

/* The files of one path of a file-match: the path itself, or the files its
 * glob pattern matches (none: *names is empty). */
static int expand_path(target *t, const char *path, char ***names)
{
	if (!strpbrk(path, "*?[")) {
		if (!(*names = calloc(2, sizeof(**names))) || !((*names)[0] = strdup(path))) {
			free(*names);
			return ss_error_set(SS_ENOMEM, "out of memory");
		}
		return 0;
	}
	return ss_tree_glob(ss_rootfs_tree(t->fs), path, CHECK_FILES_MAX, names);
}

/* The paths of a file-match, as one text ("a, b") for its messages. */
static void paths_text(const json_t *v, char *out, size_t n)
{
	const json_t *e;
	size_t i, k = 0;

	out[0] = '\0';
	if (json_is_string(v)) {
		snprintf(out, n, "%s", json_string_value(v));
		return;
	}
	json_array_foreach(v, i, e) {
		int w = snprintf(out + k, n - k, "%s%s", i ? ", " : "", json_string_value(e));

		if (w < 0 || (size_t)w >= n - k)
			break;
		k += (size_t)w;
	}
}

/* A line of the files (the paths in order, each glob's files in name
 * order) matches pattern, and, with reject, no line of them matches
 * reject: a configuration read in parts (drop-in directories) holds the
 * value asked for and no other. */
static void file_match(target *t, const json_t *chk, result *r)
{
	const json_t *pv = json_object_get(chk, "path"), *e;
	const char *pattern = ss_js(chk, "pattern"), *reject = ss_js_or_null(chk, "reject");
	char text[301], shown[256], hit[600] = "";
	unsigned line = 0;
	bool any_file = false, live_path = false;
	ss_rootfs_st st;
	regex_t re, rj;
	size_t i;
	int rc;

	paths_text(pv, shown, sizeof(shown));
	if (reject)
		textf(r->expected, sizeof(r->expected),
		      "a line of %s matching %s, and none matching %s", shown, pattern, reject);
	else
		textf(r->expected, sizeof(r->expected), "a line of %s matching %s", shown, pattern);
	json_array_foreach(json_is_array(pv) ? pv : NULL, i, e)
		live_path |= live_only(json_string_value(e));
	if ((json_is_string(pv) ? live_only(json_string_value(pv)) : live_path) && !t->live) {
		check_seen(r, "na", "%s exists only on a running host, not in a root tree", shown);
		return;
	}
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE) != 0) {
		check_seen(r, "error", "the catalog's pattern does not compile");
		return;
	}
	if (reject && regcomp(&rj, reject, REG_EXTENDED | REG_NEWLINE) != 0) {
		regfree(&re);
		check_seen(r, "error", "the catalog's pattern does not compile");
		return;
	}
	if (json_is_string(pv) && streq(json_string_value(pv), SS_SSHD_CONFIG) && !reject) {
		char keyword[64] = "";

		sshd_match(t, SS_SSHD_CONFIG, &re, r, keyword);
		regfree(&re);
		sshd_cross(t, pattern, keyword, r);
		return;
	}
	for (i = 0; i < (json_is_array(pv) ? json_array_size(pv) : 1); i++) {
		const char *path =
			json_string_value(json_is_array(pv) ? json_array_get(pv, i) : pv);
		char **names = NULL, *s = NULL;

		if ((rc = expand_path(t, path, &names)) < 0) {
			tree_error(r, rc);
			goto out;
		}
		for (size_t f = 0; names[f]; f++) {
			if ((rc = read_text(t, names[f], &s)) == SS_ENOTFOUND)
				continue;
			/* a directory a glob matched is not a file of the configuration
			 * (as sudo, apt and modprobe skip it); a FIFO or a device is an
			 * error */
			if (rc == SS_EINVAL && ss_rootfs_stat(t->fs, names[f], &st) == 0 &&
			    st.type == SS_FT_DIR)
				continue;
			if (rc < 0) {
				check_seen(r, "error", "%s", ss_error_last());
				ss_tree_names_free(names);
				goto out;
			}
			any_file = true;
			if (reject && first_match(s, &rj, &line, text)) {
				check_seen(r, "fail", "%s line %u: %s", names[f], line, text);
				free(s);
				ss_tree_names_free(names);
				goto out;
			}
			if (!hit[0] && first_match(s, &re, &line, text))
				snprintf(hit, sizeof(hit), "%s: %s", names[f], text);
			free(s);
			s = NULL;
			if (hit[0] && !reject)
				break;
		}
		ss_tree_names_free(names);
		if (hit[0] && !reject)
			break;
	}
	if (hit[0])
		check_seen(r, "pass", "%s", hit);
	else if (any_file)
		check_seen(r, "fail", "%s: no line matches", shown);
	else if (json_is_string(pv) && !strpbrk(shown, "*?["))
		check_seen(r, "fail", "%s is absent", shown);
	else
		check_seen(r, "fail", "no file: %s", shown);
out:
	regfree(&re);
	if (reject)
		regfree(&rj);
}

/* Whether id is one of list (names or numeric IDs, comma-separated), names
 * looked up in the root's passwd (group when groups): 1 yes, 0 no, < 0 a
 * name the root does not have or a passwd that cannot be read (message
 * set). */
static int id_listed(target *t, const char *list, uint32_t id, bool groups)
{
	char *copy = strdup(list), *save = NULL;
	const ss_accounts *a = NULL;
	int found = 0;

	if (!copy)
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (char *w = strtok_r(copy, ",", &save); w && found == 0;
	     w = strtok_r(NULL, ",", &save)) {
		if (*w >= '0' && *w <= '9') {
			found = strtoul(w, NULL, 10) == id;
			continue;
		}
		if (!a && (found = ss__check_accounts_of(t, &a)) < 0)
			break;
		if (groups) {
			const ss_group_ent *g = ss_accounts_group(a, w);

			found = g ? g->gid == id
				  : ss_error_set(SS_ENOTFOUND, "%s has no group %s",
						 a->gr_file ? a->gr_file : "/etc/group", w);
		} else {
			const ss_passwd_ent *p = ss_accounts_user(a, w);

			found = p ? p->uid == id
				  : ss_error_set(SS_ENOTFOUND, "%s has no account %s", a->pw_file,
						 w);
		}
	}
	free(copy);
	return found;
}

static void file_mode(target *t, const json_t *chk, result *r)
{
	const char *path = ss_js(chk, "path"), *max = ss_js(chk, "max_mode");
	const char *owner = ss_js_or_null(chk, "owner"), *group = ss_js_or_null(chk, "group");
	unsigned long allowed = strtoul(max, NULL, 8);
	int own = 1, grp = 1;
	ss_rootfs_st st;
	int error;

	textf(r->expected, sizeof(r->expected), "%s no more open than %s%s%s%s%s", path, max,
	      owner ? ", owned by " : "", owner ? owner : "", group ? ", group " : "",
	      group ? group : "");
	if ((error = ss_rootfs_stat(t->fs, path, &st)) < 0) {
		if (error == SS_ENOTFOUND)
			check_seen(r, "na", "%s is absent", path);
		else
			tree_error(r, error);
		return;
	}
	if ((owner && (own = id_listed(t, owner, st.uid, false)) < 0) ||
	    (group && (grp = id_listed(t, group, st.gid, true)) < 0)) {
		check_seen(r, "error", "%s", ss_error_last());
		return;
	}
	if (!owner && !group)
		check_seen(r, (st.mode & ~allowed & 07777) ? "fail" : "pass", "%s has mode %04o",
			   path, st.mode & 07777);
	else
		check_seen(r, (st.mode & ~allowed & 07777) || !own || !grp ? "fail" : "pass",
			   "%s has mode %04o, owner %u, group %u", path, st.mode & 07777,
			   (unsigned)st.uid, (unsigned)st.gid);
}

static void sysctl(target *t, const json_t *chk, result *r)
{
	const char *key = ss_js(chk, "key"), *expect = ss_js(chk, "expect");
	const ss_sysctl_setting *s;
	char *live = NULL;

	textf(r->expected, sizeof(r->expected), "%s = %s", key, expect);
	if (!t->sysctl_read) {
		t->sysctl_read = true;
		if ((t->sysctl_error = ss_sysctlcfg_load(&t->sysctl, ss_rootfs_tree(t->fs))) < 0)
			snprintf(t->sysctl_msg, sizeof(t->sysctl_msg), "%s", ss_error_last());
	}
	if (t->sysctl_error < 0) {
		check_seen(r, "error", "%s", t->sysctl_msg);
		return;
	}
	s = ss_sysctlcfg_get(&t->sysctl, key);
	if (t->live && ss_sysctl_live(ss_rootfs_tree(t->fs), key, &live) < 0)
		live = NULL;
	if (!s || !s->value) {
		if (live)
			check_seen(r, ss_sysctl_value_equal(live, expect) ? "pass" : "fail",
				   "not set in the sysctl files; running value %s", live);
		else if (t->live)
			check_seen(r, "fail",
				   "not set in the sysctl files, and the running kernel has no "
				   "such key");
		else if (ss_js_or_null(chk, "default"))
			check_seen(r,
				   ss_sysctl_value_equal(ss_js(chk, "default"), expect) ? "pass"
											: "fail",
				   "not set in the sysctl files: the kernel's default %s applies",
				   ss_js(chk, "default"));
		else
			check_seen(r, "fail",
				   "not set in the sysctl files (the kernel's default applies, "
				   "which a "
				   "root tree does not show)");
	} else if (!ss_sysctl_value_equal(s->value, expect)) {
		check_seen(r, "fail", "%s (%s line %u)", s->value, s->file, s->line);
	} else if (live && !ss_sysctl_value_equal(live, expect)) {
		check_seen(r, "fail", "%s (%s line %u), but the running value is %s", s->value,
			   s->file, s->line, live);
	} else if (live) {
		check_seen(r, "pass", "%s (%s line %u); running value %s", s->value, s->file,
			   s->line, live);
	} else {
		check_seen(r, "pass", "%s (%s line %u)", s->value, s->file, s->line);
	}
	free(live);
}

static void service_disabled(target *t, const json_t *chk, result *r)
{
	const char *unit = ss_js(chk, "unit");
	ss_unit_state state;
	char *where = NULL;
	int error;

	textf(r->expected, sizeof(r->expected), "%s disabled, masked or not installed", unit);
	if ((error = ss_unit_state_get(ss_rootfs_tree(t->fs), unit, &state, &where)) < 0) {
		tree_error(r, error);
		return;
	}
	{
		bool on = state == SS_UNIT_ENABLED || state == SS_UNIT_ENABLED_RUNTIME ||
			  state == SS_UNIT_INDIRECT;

		if (where)
			check_seen(r, on ? "fail" : "pass", "%s is %s by %s", unit,
				   ss_unit_state_name(state), where);
		else
			check_seen(r, on ? "fail" : "pass", "%s is %s", unit,
				   ss_unit_state_name(state));
	}
	free(where);
}

/* Whether a database answers for this tree: read once; absent is not an
 * error (the tree has the other family's). */
static void read_packages(target *t)
{
	if (!t->dpkg_read) {
		t->dpkg_read = true;
		if ((t->dpkg_error = ss_dpkgstatus_load(&t->dpkg, ss_rootfs_tree(t->fs))) < 0)
			snprintf(t->dpkg_msg, sizeof(t->dpkg_msg), "%s", ss_error_last());
	}
	if (!t->rpm_read) {
		t->rpm_read = true;
		if ((t->rpm_error = ss_rpmdb_load(&t->rpm, t->fs)) < 0)
			snprintf(t->rpm_msg, sizeof(t->rpm_msg), "%s", ss_error_last());
	}
}

/* package-absent and package-installed: dpkg's database (Debian, Ubuntu)
 * and rpm's (RHEL and its rebuilds), whichever the tree has; a tree with
 * both counts a package installed in either. */
static void package(target *t, const json_t *chk, result *r, bool want)
{
	const char *name = ss_js(chk, "package");
	const ss_dpkg_pkg *p = NULL;
	const ss_rpm_pkg *q = NULL;

	if (want)
		textf(r->expected, sizeof(r->expected), "package %s installed", name);
	else
		textf(r->expected, sizeof(r->expected), "package %s not installed", name);
	read_packages(t);
	if (t->dpkg_error < 0 && t->dpkg_error != SS_ENOTFOUND) {
		check_seen(r, "error", "%s", t->dpkg_msg);
		return;
	}
	if (t->rpm_error < 0 && t->rpm_error != SS_ENOTFOUND) {
		check_seen(r, "error", "%s", t->rpm_msg);
		return;
	}
	if (t->dpkg_error == SS_ENOTFOUND && t->rpm_error == SS_ENOTFOUND) {
		check_seen(r, "error", "no package database: neither dpkg's (%s) nor rpm's (%s)",
			   SS_DPKG_STATUS, SS_RPMDB_PATH);
		return;
	}
	if (t->dpkg_error == 0 && (p = ss_dpkgstatus_find(&t->dpkg, name)) && !ss_dpkg_installed(p))
		p = NULL;
	if (!p && t->rpm_error == 0)
		q = ss_rpmdb_find(&t->rpm, name);
	if (p)
		check_seen(r, want ? "pass" : "fail", "%s %s is installed (dpkg)", name,
			   p->version ? p->version : "");
	else if (q && q->has_epoch)
		check_seen(r, want ? "pass" : "fail", "%s %u:%s-%s.%s is installed (rpm)", q->name,
			   (unsigned)q->epoch, q->version, q->release, q->arch);
	else if (q)
		check_seen(r, want ? "pass" : "fail", "%s %s-%s.%s is installed (rpm)", q->name,
			   q->version, q->release, q->arch);
	else
		check_seen(r, want ? "fail" : "pass", "%s is not installed", name);
}

static void service_enabled(target *t, const json_t *chk, result *r)
{
	const char *unit = ss_js(chk, "unit");
	ss_unit_state state;
	char *where = NULL;
	int error;
	bool on;

	textf(r->expected, sizeof(r->expected), "%s enabled", unit);
	if ((error = ss_unit_state_get(ss_rootfs_tree(t->fs), unit, &state, &where)) < 0) {
		tree_error(r, error);
		return;
	}
	on = state == SS_UNIT_ENABLED || state == SS_UNIT_ENABLED_RUNTIME;
	if (state == SS_UNIT_NOT_FOUND)
		check_seen(r, "fail", "%s is not installed", unit);
	else if (where)
		check_seen(r, on ? "pass" : "fail", "%s is %s by %s", unit,
			   ss_unit_state_name(state), where);
	else
		check_seen(r, on ? "pass" : "fail", "%s is %s", unit, ss_unit_state_name(state));
	free(where);
}

/* Appends " " and arg to out (n bytes), as far as it goes. */
static void join_args(char *out, size_t n, const char *arg)
{
	size_t k = strlen(out);

	if (k + strlen(arg) + 2 < n)
		snprintf(out + k, n - k, "%s%s", k ? " " : "", arg);
}

/* A rule of the PAM stack of a service, includes and substacks expanded
 * (Debian's @include common-auth, RHEL's substack password-auth). */
static void pam_module(target *t, const json_t *chk, result *r)
{
	const char *service = ss_js(chk, "service"), *type = ss_js(chk, "type"),
		   *module = ss_js(chk, "module"), *args = ss_js_or_null(chk, "args");
	const char *argv[17] = {NULL};
	char copy[256], *save = NULL, *a;
	const ss_pam_rule *rule;
	ss_pamcfg c = SS_PAMCFG_INIT;
	size_t n = 0;
	int error;

	textf(r->expected, sizeof(r->expected), "%s %s%s%s in /etc/pam.d/%s", type, module,
	      args ? " " : "", args ? args : "", service);
	snprintf(copy, sizeof(copy), "%s", args ? args : "");
	for (a = strtok_r(copy, " \t", &save); a && n < 16; a = strtok_r(NULL, " \t", &save))
		argv[n++] = a;
	if ((error = ss_pamcfg_load(&c, ss_rootfs_tree(t->fs), service)) < 0) {
		tree_error(r, error);
		ss_pamcfg_release(&c);
		return;
	}
	if ((rule = ss_pamcfg_find(&c, type, module, argv))) {
		char shown[256] = "";

		for (size_t k = 0; k < rule->argc; k++)
			join_args(shown, sizeof(shown), rule->argv[k]);
		check_seen(r, "pass", "%s line %u: %s %s %s%s%s", rule->file, rule->line,
			   rule->type, rule->control, rule->module, *shown ? " " : "", shown);
	} else
		check_seen(r, "fail",
			   "no %s rule with %s%s%s in /etc/pam.d/%s and what it includes", type,
			   module, args ? " " : "", args ? args : "", service);
	ss_pamcfg_release(&c);
}

/* firewalld's default zone (DefaultZone= of firewalld.conf, else public)
 * and that zone's target (its file in /etc/firewalld/zones, else the
 * packaged one in /usr/lib/firewalld/zones; no target attribute is
 * "default"), which pattern must match. */
static void firewalld_zone(target *t, const json_t *chk, result *r)
{
	static const char conf[] = "/etc/firewalld/firewalld.conf";
	const char *pattern = ss_js(chk, "pattern");
	char zone[64] = "public", ztarget[64] = "default", path[128], *s = NULL, *z = NULL;
	unsigned zline = 0, n = 0;
	regex_t re;
	int rc;

	textf(r->expected, sizeof(r->expected),
	      "the target of firewalld's default zone matching %s", pattern);
	if ((rc = read_text(t, conf, &s)) < 0) {
		if (rc == SS_ENOTFOUND)
			check_seen(r, "fail", "%s is absent", conf);
		else
			tree_error(r, rc);
		return;
	}
	/* key=value lines, # comments; the last DefaultZone counts */
	for (char *line = s, *next; line; line = next) {
		size_t k;

		n++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		if (strncmp(line, "DefaultZone=", 12) != 0)
			continue;
		line += 12;
		k = strcspn(line, " \t\r");
		if (k == 0 || k >= sizeof(zone) ||
		    strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				 "abcdefghijklmnopqrstuvwxyz0123456789_-") != k) {
			check_seen(r, "error", "%s line %u: not a zone name", conf, n);
			free(s);
			return;
		}
		snprintf(zone, sizeof(zone), "%.*s", (int)k, line);
		zline = n;
	}
	free(s);
	snprintf(path, sizeof(path), "/etc/firewalld/zones/%s.xml", zone);
	if ((rc = read_text(t, path, &z)) == SS_ENOTFOUND) {
		snprintf(path, sizeof(path), "/usr/lib/firewalld/zones/%s.xml", zone);
		rc = read_text(t, path, &z);
	}
	if (rc < 0) {
		check_seen(r, rc == SS_ENOTFOUND ? "fail" : "error",
			   "default zone %s: no zone file (%s)", zone, ss_error_last());
		return;
	}
	{
		const char *tag = strstr(z, "<zone"), *end = tag ? strchr(tag, '>') : NULL,
			   *at = tag ? strstr(tag, "target=") : NULL;

		if (!tag || !end) {
			check_seen(r, "error", "%s: no <zone> element", path);
			free(z);
			return;
		}
		if (at && at < end && (at[7] == '"' || at[7] == '\'')) {
			const char *v = at + 8, *q = strchr(v, at[7]);

			if (!q || q > end || (size_t)(q - v) >= sizeof(ztarget)) {
				check_seen(r, "error", "%s: the zone's target cannot be read",
					   path);
				free(z);
				return;
			}
			snprintf(ztarget, sizeof(ztarget), "%.*s", (int)(q - v), v);
		}
	}
	free(z);
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0) {
		check_seen(r, "error", "the catalog's pattern does not compile");
		return;
	}
	if (zline)
		check_seen(r, regexec(&re, ztarget, 0, NULL, 0) == 0 ? "pass" : "fail",
			   "default zone %s (%s line %u), target %s (%s)", zone, conf, zline,
			   ztarget, path);
	else
		check_seen(r, regexec(&re, ztarget, 0, NULL, 0) == 0 ? "pass" : "fail",
			   "default zone %s (firewalld's own default), target %s (%s)", zone,
			   ztarget, path);
	regfree(&re);
}

/* --- Windows ----------------------------------------------------------------- */

/* Every *.reg file of the exports' directory, parsed; a directory with
 * no .reg, .inf or .csv file is an error. */
static int read_exports(target *t)
{
	char **names = NULL;
	size_t others = 0;
	int error;

	if ((error = ss_rootfs_list(t->fs, "/", &names)) < 0)
		return error;
	for (size_t i = 0; names[i] && error == 0; i++) {
		size_t n = strlen(names[i]), len = 0;
		char path[1024], *buf = NULL;

		if (n > 4 && (strcasecmp(names[i] + n - 4, ".inf") == 0 ||
			      strcasecmp(names[i] + n - 4, ".csv") == 0))
			others++; /* check_windows.c reads them when needed */
		if (n < 5 || strcasecmp(names[i] + n - 4, ".reg") != 0)
			continue;
		if (t->nreg == CHECK_REG_FILES) {
			error = ss_error_set(SS_ELIMIT, "%s: more than %d .reg files", t->path,
					     CHECK_REG_FILES);
			break;
		}
		snprintf(path, sizeof(path), "/%s", names[i]);
		if ((error = ss_rootfs_read(t->fs, path, CHECK_REG_MAX, &buf, &len)) == 0 &&
		    (error = ss_winreg_parse(&t->reg[t->nreg], buf, len, names[i])) == 0) {
			if (!(t->regname[t->nreg] = strdup(names[i]))) {
				ss_winreg_free(t->reg[t->nreg]);
				error = ss_error_set(SS_ENOMEM, "out of memory");
			} else {
				t->nreg++;
			}
		}
		free(buf);
	}
	ss_tree_names_free(names);
	if (error == 0 && t->nreg == 0 && others == 0)
		error = ss_error_set(SS_ENOTFOUND,
				     "%s: no .reg file (docs/host-checks-windows.md says how to "
				     "export them)",
				     t->path);
	return error;
}

static void registry(target *t, const json_t *chk, result *r)
{
	const char *key = ss_js(chk, "key"), *name = ss_js(chk, "name"),
		   *expect = ss_js(chk, "expect");
	bool covered = false;

	textf(r->expected, sizeof(r->expected), "%s\\%s = %s", key, name, expect);
	/* the last file that holds it wins, as importing them in name order would */
	for (size_t i = t->nreg; i-- > 0;) {
		const ss_winreg_entry *e;

		if (!ss_winreg_covers(t->reg[i], key))
			continue;
		covered = true;
		if (ss_winreg_get(t->reg[i], key, name, &e) == 0) {
			check_seen(r, streq(e->text, expect) ? "pass" : "fail", "%s (%s line %u)",
				   e->text, t->regname[i], (unsigned)e->line);
			return;
		}
	}
	if (covered)
		check_seen(r, "fail", "not set (the export covers the key and has no such value)");
	else
		check_seen(r, "error", "not exported: no .reg file covers %s", key);
}

/* --- the items ----------------------------------------------------------------- */

static void evaluate_check(target *t, const json_t *chk, result *r);

/* Appends "; " and text to out (n bytes), as far as it goes; a text out
 * has already is not repeated. */
static void join(char *out, size_t n, const char *text)
{
	size_t k = strlen(out);

	if (!*text || strstr(out, text))
		return;
	if (k + 3 < n)
		snprintf(out + k, n - k, "%s%s", k ? "; " : "", text);
}

/*
 * any: passes when one of the checks passes (a configuration that has
 * several ways to do the same, one per family or tool); else an error of
 * one of them is the verdict (it might have passed), else a failure; not
 * applicable when none applies. all: fails when one fails, else an error,
 * else passes when one passed; not applicable when none applies. first:
 * the first check that applies decides (a running host's /proc before the
 * files a root tree has).
 */
static void composite(target *t, const char *kind, const json_t *chk, result *r)
{
	const json_t *of = json_object_get(chk, "of"), *e;
	static const char *const order_any[] = {"pass", "error", "fail", "na"};
	static const char *const order_all[] = {"fail", "error", "pass", "na"};
	const char *const *order = streq(kind, "all") ? order_all : order_any;
	char seen[sizeof(r->seen)] = "", expected[sizeof(r->expected)] = "";
	const char *verdict = "na";
	size_t i, v;

	json_array_foreach(of, i, e) {
		result sub = {0};

		evaluate_check(t, e, &sub);
		join(expected, sizeof(expected), sub.expected);
		if (streq(kind, "first")) {
			if (!streq(sub.verdict, "na")) {
				verdict = sub.verdict;
				snprintf(seen, sizeof(seen), "%s", sub.seen);
				break;
			}
			join(seen, sizeof(seen), sub.seen);
			continue;
		}
		/* the most decisive verdict so far, and what was seen for it */
		for (v = 0; v < 4 && !streq(order[v], sub.verdict); v++)
			;
		{
			size_t cur;

			for (cur = 0; cur < 4 && !streq(order[cur], verdict); cur++)
				;
			if (v < cur) {
				verdict = order[v];
				seen[0] = '\0';
			}
			if (v <= cur)
				join(seen, sizeof(seen), sub.seen);
		}
		if (streq(kind, "any") && streq(verdict, "pass"))
			break;
	}
	r->verdict = verdict;
	textf(r->seen, sizeof(r->seen), "%s", seen);
	textf(r->expected, sizeof(r->expected), "%s: %s", kind, expected);
}

static void evaluate_check(target *t, const json_t *chk, result *r)
{
	const char *kind = ss_js(chk, "kind");

	r->expected[0] = '\0';
	if (streq(kind, "file-match"))
		file_match(t, chk, r);
	else if (streq(kind, "file-mode"))
		file_mode(t, chk, r);
	else if (streq(kind, "sysctl"))
		sysctl(t, chk, r);
	else if (streq(kind, "service-disabled"))
		service_disabled(t, chk, r);
	else if (streq(kind, "service-enabled"))
		service_enabled(t, chk, r);
	else if (streq(kind, "package-absent"))
		package(t, chk, r, false);
	else if (streq(kind, "package-installed"))
		package(t, chk, r, true);
	else if (streq(kind, "pam-module"))
		pam_module(t, chk, r);
	else if (streq(kind, "firewalld-zone"))
		firewalld_zone(t, chk, r);
	else if (streq(kind, "registry"))
		registry(t, chk, r);
	else if (streq(kind, "account-policy"))
		ss__check_account_policy(t, chk, r);
	else if (streq(kind, "user-right"))
		ss__check_user_right(t, chk, r);
	else if (streq(kind, "audit-policy"))
		ss__check_audit_policy(t, chk, r);
	else if (streq(kind, "accounts"))
		ss__check_accounts(t, chk, r);
	else if (streq(kind, "audit-watch"))
		ss__check_audit_watch(t, chk, r);
	else if (streq(kind, "audit-immutable"))
		ss__check_audit_immutable(t, chk, r);
	else if (streq(kind, "mount-options"))
		ss__check_mount_options(t, chk, r);
	else if (streq(kind, "any") || streq(kind, "all") || streq(kind, "first"))
		composite(t, kind, chk, r);
	else
		check_seen(r, "error", "check kind %s is not evaluated", kind);
}

static void evaluate(target *t, const char *platform, const json_t *chk, result *r)
{
	r->expected[0] = '\0';
	if (streq(platform, "windows") != t->windows) {
		check_seen(r, "na", "an item for %s", platform);
		return;
	}
	evaluate_check(t, chk, r);
	/* what a hostile tree put in a message is shown, not obeyed */
	ss_text_printable(r->seen, true);
}

static void target_free(target *t)
{
	for (size_t i = 0; i < t->nreg; i++) {
		ss_winreg_free(t->reg[i]);
		free(t->regname[i]);
	}
	if (t->sysctl_read)
		ss_sysctlcfg_release(&t->sysctl);
	if (t->dpkg_read)
		ss_dpkgstatus_release(&t->dpkg);
	if (t->rpm_read)
		ss_rpmdb_release(&t->rpm);
	if (t->sshd_read) {
		for (size_t i = 0; t->sshd_text && i < t->sshd.nfiles; i++)
			free(t->sshd_text[i]);
		free(t->sshd_text);
		ss_sshdcfg_release(&t->sshd);
	}
	free(t->sshd_t_out);
	ss__check_facts_free(t);
	ss__check_windows_free(t);
	ss_rootfs_close(t->fs);
}

int ss_check_run(json_t **out, ss_store *st, const ss_check_req *req)
{
	json_t *reqs = NULL, *items = json_array(), *q, *project = NULL;
	const char *version;
	target t = {0};
	size_t i;
	int error, counts[5] = {0};
	bool began = false;
	static const char *const verdicts[] = {"pass", "fail", "na", "error"};

	if (!out || !st || !req || !req->project ||
	    (req->root != NULL) + (req->windows != NULL) + (req->peer != NULL) != 1) {
		json_decref(items);
		return ss_error_set(SS_EINVAL, "ss_check_run: a project and one target");
	}
	if (req->peer) {
		json_decref(items);
		return ss__check_peer(out, st, req);
	}
	if (!items)
		return ss_error_set(SS_ENOMEM, "out of memory");
	t.windows = req->windows != NULL;
	t.path = t.windows ? req->windows : req->root;
	t.live = !t.windows && streq(req->root, "/");
	if (req->sshd_t && !t.live) {
		json_decref(items);
		return ss_error_set(SS_EINVAL,
				    "the sshd -T cross-check is for this host (--root /), "
				    "never for a root tree or exports");
	}
	t.sshd_t_path = req->sshd_t;
	/* every read of the store in one read transaction: one lock, not one a
	 * statement (the catalog item of each implemented item is read) */
	if ((error = ss_store__read_snapshot(st, &began)) < 0) {
		json_decref(items);
		return error;
	}
	if ((error = ss__project_read(NULL, &project, st, req->project)) < 0 ||
	    (error = ss_requirement_list(&reqs, st, req->project, NULL, "decided")) < 0 ||
	    (error = ss_rootfs_open(&t.fs, t.path)) < 0 ||
	    (t.windows && (error = read_exports(&t)) < 0))
		goto out;
	version = ss_js(project, "catalog_version");
	json_array_foreach(reqs, i, q) {
		json_t *item = NULL, *chk;
		result r = {0};

		if (!streq(ss_js(q, "policy"), "implement"))
			continue;
		if ((error = ss__catalog_item(&item, st, version, ss_js(q, "id"))) < 0)
			goto out;
		if (!(chk = json_object_get(item, "check"))) {
			counts[4]++;
			json_decref(item);
			continue;
		}
		evaluate(&t, ss_js(item, "platform"), chk, &r);
		for (size_t v = 0; v < 4; v++)
			if (streq(r.verdict, verdicts[v]))
				counts[v]++;
		json_array_append_new(items,
				      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
						ss_js(q, "id"), "title_ja", ss_js(q, "title_ja"),
						"title_en", ss_js(q, "title_en"), "platform",
						ss_js(item, "platform"), "kind", ss_js(chk, "kind"),
						"verdict", r.verdict, "seen", r.seen, "expected",
						r.expected));
		json_decref(item);
	}
	*out = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:i, s:i, s:i, s:i, s:i}, s:O}", "project",
			 req->project, "catalog_version", version, "target", "kind",
			 t.windows ? "windows" : "linux", "path", t.path, "counts", "pass",
			 counts[0], "fail", counts[1], "na", counts[2], "error", counts[3],
			 "unchecked", counts[4], "items", items);
	if (!*out)
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	ss_store__read_end(st, began);
	if (t.fs)
		target_free(&t);
	json_decref(items);
	json_decref(reqs);
	json_decref(project);
	return error;
}
