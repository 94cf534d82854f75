/* Audit rules (formats/auditrules.h).
 *
 * The rules, from auditctl(8), audit.rules(7), augenrules(8) and the
 * augenrules script and auditctl.c of audit-userspace 3.0 (Debian 12,
 * RHEL 9), in our words:
 * - A line is options and their values separated by blanks, as on
 *   auditctl's command line (no quoting). Empty lines and lines whose
 *   first non-blank is "#" are comments.
 * - "-w PATH [-p rwxa] [-k KEY]" watches a file, or a directory and all
 *   below it; without -p every access. "-a LIST,ACTION" (either order;
 *   "-A" puts the rule first) with "-S" syscalls, "-F name OP value"
 *   fields, "-C" comparisons and "-k" keys is a syscall rule; "-F
 *   path=", "-F dir=" (a subtree) and "-F perm=" make it a watch too.
 *   "-W" and "-d" remove the same rule again, "-D" removes every rule
 *   ("-D -k KEY" those with that key). "-e 0|1|2" disables, enables or
 *   locks (2: immutable until reboot), "-b" sets the backlog, "-f" the
 *   failure mode. An option auditctl does not know, a missing value or a
 *   bad one is an error here too (auditctl -R stops loading there).
 * - auditctl -R reads one file in order: after "-e 2" the kernel refuses
 *   every change, so the rules after it are not loaded.
 * - augenrules joins the *.rules files of /etc/audit/rules.d in the order
 *   of `ls -v` (digit runs compare as numbers: 9-x before 10-y), drops
 *   comments, and moves the last "-D" (alone on its line) to the start,
 *   the last "-b" and "-f" after it, and the last "-e" to the end; so a
 *   "-e 2" anywhere locks only after every rule is loaded. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "formats/auditrules.h"
#include "formats/hostfacts_int.h"

/* Removals (-d, -W, -D -k) each cost a pass over the rules. */
#define DELETIONS_MAX 1024

static void free_rule(ss_audit_rule *r)
{
	free(r->path);
	free(r->syscalls);
	free(r->fields);
	free(r->key);
}

void ss_auditrules_release(ss_auditrules *ar)
{
	for (size_t i = 0; i < ar->n; i++)
		free_rule(&ar->r[i]);
	free(ar->r);
	for (size_t i = 0; i < ar->nfiles; i++)
		free(ar->files[i]);
	free(ar->files);
	*ar = (ss_auditrules)SS_AUDITRULES_INIT;
}

/* Append piece to the malloc'd *dst with sep between. */
static int cat(char **dst, const char *piece, char sep)
{
	size_t a = *dst ? strlen(*dst) : 0, b = strlen(piece);
	char *n = realloc(*dst, a + b + 2);

	if (!n)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (a && sep)
		n[a++] = sep;
	memcpy(n + a, piece, b + 1);
	*dst = n;
	return 0;
}

static int set_perms(char out[5], const char *v, const char *file, unsigned line, unsigned field)
{
	static const char order[] = "rwxa";
	bool has[4] = {false};
	size_t k = 0;

	if (!*v)
		goto bad;
	for (const char *p = v; *p; p++) {
		const char *at = strchr(order, *p);

		if (!at || !*p)
			goto bad;
		has[at - order] = true;
	}
	for (int i = 0; i < 4; i++)
		if (has[i])
			out[k++] = order[i];
	out[k] = '\0';
	return 0;
bad:
	return ss_error_set(SS_EPARSE,
			    "%s line %u field %u: permissions \"%.40s\" are not letters of rwxa",
			    file, line, field, v);
}

static void trim_slash(char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
}

/* arch= value: SS_AUDIT_ARCH_*, 0 unknown. */
static unsigned arch_of(const char *v)
{
	static const char *const a64[] = {"b64",     "x86_64", "aarch64", "ppc64",
					  "ppc64le", "s390x",  "riscv64"};
	static const char *const a32[] = {"b32",   "i386",      "i486",   "i586", "i686", "arm",
					  "armeb", "armv5tejl", "armv7l", "ppc",  "s390"};

	for (size_t i = 0; i < sizeof(a64) / sizeof(a64[0]); i++)
		if (!strcmp(v, a64[i]))
			return SS_AUDIT_ARCH_64;
	for (size_t i = 0; i < sizeof(a32) / sizeof(a32[0]); i++)
		if (!strcmp(v, a32[i]))
			return SS_AUDIT_ARCH_32;
	return 0;
}

static bool list_name(const char *s)
{
	static const char *const l[] = {"task",       "exit",     "user", "exclude",
					"filesystem", "io_uring", "entry"};

	for (size_t i = 0; i < sizeof(l) / sizeof(l[0]); i++)
		if (!strcmp(s, l[i]))
			return true;
	return false;
}

/* "-a LIST,ACTION" in either order into r. */
static int list_action(ss_audit_rule *r, const char *v, const char *file, unsigned line,
		       unsigned field)
{
	const char *comma = strchr(v, ',');
	char a[16], b[16];
	size_t la;

	if (!comma || (la = (size_t)(comma - v)) >= sizeof(a) || strlen(comma + 1) >= sizeof(b))
		goto bad;
	memcpy(a, v, la);
	a[la] = '\0';
	strcpy(b, comma + 1);
	if (list_name(a) && (!strcmp(b, "always") || !strcmp(b, "never"))) {
		strcpy(r->list, a);
		strcpy(r->action, b);
	} else if (list_name(b) && (!strcmp(a, "always") || !strcmp(a, "never"))) {
		strcpy(r->list, b);
		strcpy(r->action, a);
	} else {
		goto bad;
	}
	return 0;
bad:
	return ss_error_set(SS_EPARSE,
			    "%s line %u field %u: \"%.40s\" is not LIST,ACTION (exit,always ...)",
			    file, line, field, v);
}

/* "-F name OP value": the ones that matter are interpreted. */
static int field_opt(ss_audit_rule *r, const char *v, const char *file, unsigned line,
		     unsigned field)
{
	static const char *const ops[] = {"!=", "<=", ">=", "&=", "=", "<", ">", "&"};
	size_t nl = strcspn(v, "!<>&=");
	const char *op = NULL, *val;
	char name[32];
	int rc;

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]) && !op; i++)
		if (!strncmp(v + nl, ops[i], strlen(ops[i])))
			op = ops[i];
	if (!nl || !op || nl >= sizeof(name))
		return ss_error_set(SS_EPARSE,
				    "%s line %u field %u: \"%.40s\" is not NAME=VALUE (-F)", file,
				    line, field, v);
	memcpy(name, v, nl);
	name[nl] = '\0';
	val = v + nl + strlen(op);
	if ((rc = cat(&r->fields, v, ' ')) < 0)
		return rc;
	if (strcmp(op, "="))
		return 0;
	if (!strcmp(name, "arch")) {
		if (!(r->arch = arch_of(val)))
			return ss_error_set(SS_EPARSE,
					    "%s line %u field %u: \"%.40s\" is not an architecture",
					    file, line, field, val);
	} else if (!strcmp(name, "path") || !strcmp(name, "dir")) {
		if (*val != '/')
			return ss_error_set(
				SS_EPARSE, "%s line %u field %u: \"%.40s\" is not an absolute path",
				file, line, field, val);
		free(r->path);
		if (!(r->path = strdup(val)))
			return ss_error_set(SS_ENOMEM, "out of memory");
		trim_slash(r->path);
		r->subtree = name[0] == 'd';
	} else if (!strcmp(name, "perm")) {
		return set_perms(r->perms, val, file, line, field);
	} else if (!strcmp(name, "key")) {
		return cat(&r->key, val, ',');
	}
	return 0;
}

static bool same_rule(const ss_audit_rule *a, const ss_audit_rule *b)
{
#define SAME_S(x) ((!a->x && !b->x) || (a->x && b->x && !strcmp(a->x, b->x)))
	return a->watch == b->watch && !strcmp(a->list, b->list) && !strcmp(a->action, b->action) &&
	       SAME_S(path) && a->subtree == b->subtree && !strcmp(a->perms, b->perms) &&
	       a->arch == b->arch && SAME_S(syscalls) && SAME_S(fields) && SAME_S(key);
#undef SAME_S
}

/* Remove the rules r matches (match_key: those with that key). */
static void remove_rules(ss_auditrules *ar, const ss_audit_rule *r, const char *match_key)
{
	size_t k = 0;

	for (size_t i = 0; i < ar->n; i++) {
		bool gone = match_key ? !strcmp(ar->r[i].key, match_key) : same_rule(&ar->r[i], r);

		if (gone)
			free_rule(&ar->r[i]);
		else
			ar->r[k++] = ar->r[i];
	}
	ar->n = k;
}

static int small_number(const char *v, unsigned long long max, const char *opt, const char *file,
			unsigned line, unsigned field, long *out)
{
	unsigned long long n;

	if (hf_decimal(v, strlen(v), max, &n) < 0)
		return ss_error_set(SS_EPARSE,
				    "%s line %u field %u: %s \"%.40s\" is not a number from 0 to "
				    "%llu",
				    file, line, field, opt, v, max);
	*out = (long)n;
	return 0;
}

static int do_line(ss_auditrules *ar, const char *file, unsigned line, char **w, unsigned nw,
		   bool augen)
{
	ss_audit_rule r = {0};
	enum { NONE, ADD, REMOVE } what = NONE;
	bool prepend = false, del_all = false, syscall_rule = false, dash_p = false;
	unsigned arch_set = 0;
	long num;
	int rc = 0;

	r.file = file;
	r.line = line;
	r.loaded = !ar->locked;
	for (unsigned i = 0; i < nw && rc == 0; i++) {
		const char *o = w[i], *v = i + 1 < nw ? w[i + 1] : NULL;
		unsigned f = i + 1;
		bool takes =
			strchr("wWpkaAdSFCefbr", o[1] ? o[1] : ' ') && o[0] == '-' && o[1] && !o[2];

		if (takes && !v) {
			rc = ss_error_set(SS_EPARSE, "%s line %u field %u: %s needs a value", file,
					  line, f, o);
			break;
		}
		if (!strcmp(o, "-w") || !strcmp(o, "-W")) {
			if (what != NONE || syscall_rule || *v != '/') {
				rc = ss_error_set(
					SS_EPARSE,
					"%s line %u field %u: %s \"%.40s\": not one absolute "
					"path of one rule",
					file, line, f + 1, o, v);
				break;
			}
			what = o[1] == 'w' ? ADD : REMOVE;
			r.watch = true;
			strcpy(r.list, "exit");
			strcpy(r.action, "always");
			if (!(r.path = strdup(v)))
				rc = ss_error_set(SS_ENOMEM, "out of memory");
			else
				trim_slash(r.path);
			r.subtree = true;
			i++;
		} else if (!strcmp(o, "-a") || !strcmp(o, "-A") || !strcmp(o, "-d")) {
			if (what != NONE) {
				rc = ss_error_set(SS_EPARSE, "%s line %u field %u: a second rule",
						  file, line, f);
				break;
			}
			what = o[1] == 'd' ? REMOVE : ADD;
			prepend = o[1] == 'A';
			syscall_rule = true;
			rc = list_action(&r, v, file, line, f + 1);
			i++;
		} else if (!strcmp(o, "-p")) {
			rc = set_perms(r.perms, v, file, line, f + 1);
			dash_p = true;
			i++;
		} else if (!strcmp(o, "-k")) {
			rc = cat(&r.key, v, ',');
			i++;
		} else if (!strcmp(o, "-S")) {
			rc = cat(&r.syscalls, v, ',');
			syscall_rule = true;
			i++;
		} else if (!strcmp(o, "-F")) {
			unsigned before = r.arch;

			rc = field_opt(&r, v, file, line, f + 1);
			if (r.arch != before)
				arch_set = r.arch;
			syscall_rule = true;
			i++;
		} else if (!strcmp(o, "-C")) {
			rc = cat(&r.fields, v, ' ');
			syscall_rule = true;
			i++;
		} else if (!strcmp(o, "-e")) {
			if ((rc = small_number(v, 2, o, file, line, f + 1, &num)) == 0) {
				if (!ar->locked) {
					ar->enabled = (int)num;
					ar->enabled_file = file;
					ar->enabled_line = line;
				}
				if (!augen && num == 2)
					ar->locked = true;
			}
			i++;
		} else if (!strcmp(o, "-f")) {
			if ((rc = small_number(v, 2, o, file, line, f + 1, &num)) == 0)
				ar->failure = (int)num;
			i++;
		} else if (!strcmp(o, "-b") || !strcmp(o, "--backlog_wait_time") ||
			   !strcmp(o, "-r")) {
			if (!v) {
				rc = ss_error_set(SS_EPARSE,
						  "%s line %u field %u: %s needs a value", file,
						  line, f, o);
				break;
			}
			if ((rc = small_number(v, 2147483647, o, file, line, f + 1, &num)) == 0 &&
			    o[1] == 'b')
				ar->backlog = num;
			i++;
		} else if (!strcmp(o, "-D")) {
			del_all = true;
		} else if (!strcmp(o, "--loginuid-immutable") || !strcmp(o, "--reset-lost") ||
			   !strcmp(o, "--reset_backlog_wait_time_actual") || !strcmp(o, "-l") ||
			   !strcmp(o, "-s") || !strcmp(o, "-q") || !strcmp(o, "-c") ||
			   !strcmp(o, "-i")) {
			/* no effect on the rules */
		} else {
			rc = ss_error_set(SS_EPARSE,
					  "%s line %u field %u: unknown option \"%.40s\"", file,
					  line, f, o);
		}
	}
	if (rc == 0 && del_all) {
		if (what != NONE)
			rc = ss_error_set(SS_EPARSE, "%s line %u: -D with a rule", file, line);
		else if (r.key && ++ar->deletions > DELETIONS_MAX)
			rc = ss_error_set(SS_ELIMIT, "%s line %u: more than %d removals", file,
					  line, DELETIONS_MAX);
		else if (r.key) {
			if (!ar->locked)
				remove_rules(ar, NULL, r.key);
		} else if (!augen && !ar->locked) {
			/* augenrules moves a lone -D to the start: nothing to remove */
			for (size_t i = 0; i < ar->n; i++)
				free_rule(&ar->r[i]);
			ar->n = 0;
		}
		goto out;
	}
	if (rc == 0 && what == NONE && (syscall_rule || r.perms[0] || r.key))
		rc = ss_error_set(SS_EPARSE, "%s line %u: -S, -F, -C, -p or -k without -a or -w",
				  file, line);
	if (rc == 0 && what != NONE && !r.watch && dash_p)
		rc = ss_error_set(SS_EPARSE, "%s line %u: -p without -w (use -F perm=)", file,
				  line);
	if (rc == 0 && what != NONE && r.watch && syscall_rule)
		rc = ss_error_set(SS_EPARSE, "%s line %u: -w with -S, -F or -C", file, line);
	if (rc < 0 || what == NONE)
		goto out;
	if (r.watch) {
		if (!r.perms[0])
			strcpy(r.perms, "rwxa");
		r.arch = SS_AUDIT_ARCH_ALL;
	} else if (!arch_set) {
		r.arch = SS_AUDIT_ARCH_ALL;
	}
	if ((!r.syscalls && !(r.syscalls = strdup(""))) ||
	    (!r.fields && !(r.fields = strdup(""))) || (!r.key && !(r.key = strdup("")))) {
		rc = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (what == REMOVE) {
		if (++ar->deletions > DELETIONS_MAX)
			rc = ss_error_set(SS_ELIMIT, "%s line %u: more than %d removals", file,
					  line, DELETIONS_MAX);
		else if (!ar->locked)
			remove_rules(ar, &r, NULL);
		goto out;
	}
	if (ar->n == SS_AUDIT_RULES_MAX) {
		rc = ss_error_set(SS_ELIMIT, "%s line %u: more than %d rules", file, line,
				  SS_AUDIT_RULES_MAX);
		goto out;
	}
	if ((rc = hf_room((void **)&ar->r, &ar->cap, ar->n, sizeof(*ar->r))) < 0)
		goto out;
	r.seq = prepend ? --ar->seq_lo : ++ar->seq_hi;
	ar->r[ar->n++] = r;
	return 0;
out:
	free_rule(&r);
	return rc;
}

static int add_file(ss_auditrules *ar, const char *file, const char **name)
{
	if (ar->nfiles == SS_AUDIT_FILES_MAX)
		return ss_error_set(SS_ELIMIT, "%s: more than %d audit rules files", file,
				    SS_AUDIT_FILES_MAX);
	if (hf_room((void **)&ar->files, &ar->capfiles, ar->nfiles, sizeof(*ar->files)) < 0 ||
	    !(ar->files[ar->nfiles] = strdup(file)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	*name = ar->files[ar->nfiles++];
	return 0;
}

static int apply_impl(ss_auditrules *ar, const char *file, const char *text, size_t len, bool augen)
{
	hf_lines l = {text, len, 0, 0};
	const char *name, *s;
	char *buf = NULL, *w[SS_AUDIT_WORDS_MAX];
	size_t n;
	int rc;

	if ((rc = add_file(ar, file, &name)) < 0)
		return rc;
	ar->augen = augen;
	if (len > SS_AUDIT_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", name,
				    SS_AUDIT_FILE_MAX);
	if (!(buf = malloc(SS_AUDIT_LINE_MAX + 1)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	while ((rc = hf_next(&l, name, SS_AUDIT_LINE_MAX, &s, &n)) > 0) {
		unsigned nw = 0;
		char *p = buf;

		memcpy(buf, s, n);
		buf[n] = '\0';
		for (;;) {
			while (*p == ' ' || *p == '\t')
				p++;
			if (!*p || (nw == 0 && *p == '#'))
				break;
			if (nw == SS_AUDIT_WORDS_MAX) {
				rc = ss_error_set(SS_ELIMIT, "%s line %u: more than %d fields",
						  name, l.line, SS_AUDIT_WORDS_MAX);
				break;
			}
			w[nw++] = p;
			while (*p && *p != ' ' && *p != '\t')
				p++;
			if (*p)
				*p++ = '\0';
		}
		if (rc < 0 || (nw && (rc = do_line(ar, name, l.line, w, nw, augen)) < 0))
			break;
	}
	free(buf);
	return rc;
}

int ss_auditrules_apply(ss_auditrules *ar, const char *file, const char *text, size_t len,
			bool augen)
{
	return ss_tree_error_clean(apply_impl(ar, file, text, len, augen));
}

/* GNU filevercmp's order of the characters of a non-digit part. */
static int order(unsigned char c)
{
	if (isdigit(c))
		return 0;
	if (isalpha(c))
		return c;
	if (c == '~')
		return -1;
	return c ? c + 256 : 0;
}

static int verrevcmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	while (i < an || j < bn) {
		int first_diff = 0;

		while ((i < an && !isdigit((unsigned char)a[i])) ||
		       (j < bn && !isdigit((unsigned char)b[j]))) {
			int ac = i < an ? order((unsigned char)a[i]) : 0;
			int bc = j < bn ? order((unsigned char)b[j]) : 0;

			if (ac != bc)
				return ac - bc;
			i++;
			j++;
		}
		while (i < an && a[i] == '0')
			i++;
		while (j < bn && b[j] == '0')
			j++;
		while (i < an && j < bn && isdigit((unsigned char)a[i]) &&
		       isdigit((unsigned char)b[j])) {
			if (!first_diff)
				first_diff = a[i] - b[j];
			i++;
			j++;
		}
		if (i < an && isdigit((unsigned char)a[i]))
			return 1;
		if (j < bn && isdigit((unsigned char)b[j]))
			return -1;
		if (first_diff)
			return first_diff;
	}
	return 0;
}

/* The length of name without its suffix (filevercmp's
 * (\.[A-Za-z~][A-Za-z0-9~]*)*$). */
static size_t stem(const char *s)
{
	size_t n = strlen(s), end = n;

	for (size_t i = n; i-- > 0;) {
		if (s[i] == '.' && i + 1 < n &&
		    (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '~')) {
			bool ok = true;

			for (size_t k = i + 2; k < end && ok; k++)
				ok = isalnum((unsigned char)s[k]) || s[k] == '~';
			if (!ok)
				break;
			end = i;
		} else if (!(isalnum((unsigned char)s[i]) || s[i] == '~')) {
			break;
		}
	}
	return end;
}

int ss_audit_name_cmp(const char *a, const char *b)
{
	size_t an = stem(a), bn = stem(b);
	int c;

	if (!strcmp(a, b))
		return 0;
	c = (an == bn && !strncmp(a, b, an)) ? verrevcmp(a, strlen(a), b, strlen(b))
					     : verrevcmp(a, an, b, bn);
	return c ? c : strcmp(a, b);
}

static int cmp_names(const void *x, const void *y)
{
	return ss_audit_name_cmp(*(char *const *)x, *(char *const *)y);
}

static bool rules_name(const char *n)
{
	size_t l = strlen(n);

	return n[0] != '.' && l > 6 && !strcmp(n + l - 6, ".rules");
}

static int load_impl(ss_auditrules *ar, const ss_tree *t)
{
	char **names = NULL, *buf = NULL;
	size_t len = 0, k = 0;
	int rc;

	*ar = (ss_auditrules)SS_AUDITRULES_INIT;
	rc = t->list(t->ctx, SS_AUDIT_RULES_DIR, &names);
	if (rc == SS_ENOTFOUND || rc == SS_EINVAL) {
		ss_error_clear();
		names = NULL;
	} else if (rc < 0) {
		return rc;
	}
	for (size_t i = 0; names && names[i]; i++)
		if (rules_name(names[i]))
			names[k++] = names[i];
		else
			free(names[i]);
	if (names)
		names[k] = NULL;
	if (k > SS_AUDIT_FILES_MAX) {
		ss_tree_names_free(names);
		return ss_error_set(SS_ELIMIT, "%s: more than %d audit rules files",
				    SS_AUDIT_RULES_DIR, SS_AUDIT_FILES_MAX);
	}
	if (k)
		qsort(names, k, sizeof(*names), cmp_names);
	rc = 0;
	for (size_t i = 0; i < k && rc == 0; i++) {
		char path[1024];

		snprintf(path, sizeof(path), "%s/%s", SS_AUDIT_RULES_DIR, names[i]);
		rc = t->read(t->ctx, path, SS_AUDIT_FILE_MAX, &buf, &len);
		if (rc == SS_ENOTFOUND || rc == SS_EINVAL) {
			/* a directory or a dangling link: cat fails, nothing joined */
			ss_error_clear();
			rc = 0;
			continue;
		}
		if (rc < 0)
			break;
		rc = apply_impl(ar, path, buf, len, true);
		if (rc == 0 && len && buf[len - 1] != '\n' && i + 1 < k)
			rc = ss_error_set(
				SS_EPARSE,
				"%s: the last line has no line end; augenrules joins it to "
				"the first line of the next file",
				path);
		free(buf);
		buf = NULL;
	}
	ss_tree_names_free(names);
	if (rc < 0 || ar->nfiles)
		return rc;
	/* no rules.d file: augenrules loads audit.rules as it is */
	if ((rc = t->read(t->ctx, SS_AUDIT_RULES, SS_AUDIT_FILE_MAX, &buf, &len)) < 0)
		return rc;
	rc = apply_impl(ar, SS_AUDIT_RULES, buf, len, false);
	free(buf);
	return rc;
}

int ss_auditrules_load(ss_auditrules *ar, const ss_tree *t)
{
	return ss_tree_error_clean(load_impl(ar, t));
}

static bool covers_path(const ss_audit_rule *r, const char *path)
{
	size_t n = strlen(r->path);

	if (!strcmp(r->path, path))
		return true;
	if (!r->subtree)
		return false;
	if (n == 1 && r->path[0] == '/')
		return path[0] == '/';
	return !strncmp(path, r->path, n) && path[n] == '/';
}

static bool covers_perms(const ss_audit_rule *r, const char *perms)
{
	if (!r->perms[0]) {
		/* no perm field: every access only when every syscall */
		const char *s = r->syscalls;

		if (!*s)
			return true;
		for (;;) {
			size_t l = strcspn(s, ",");

			if (l == 3 && !strncmp(s, "all", 3))
				return true;
			if (!s[l])
				return false;
			s += l + 1;
		}
	}
	for (const char *p = perms; *p; p++)
		if (!strchr(r->perms, *p))
			return false;
	return true;
}

static int cmp_seq(const void *x, const void *y)
{
	const ss_audit_rule *a = *(const ss_audit_rule *const *)x;
	const ss_audit_rule *b = *(const ss_audit_rule *const *)y;

	return (a->seq > b->seq) - (a->seq < b->seq);
}

int ss_auditrules_watched(const ss_auditrules *ar, const char *path, const char *perms,
			  const ss_audit_rule **hit, unsigned *arch)
{
	const ss_audit_rule **v, *first = NULL;
	char *want;
	unsigned cover = 0;

	if (hit)
		*hit = NULL;
	if (arch)
		*arch = 0;
	if (!ar->n || !(want = strdup(path)))
		return 0;
	trim_slash(want);
	if (!(v = malloc(ar->n * sizeof(*v)))) {
		free(want);
		return 0;
	}
	for (size_t i = 0; i < ar->n; i++)
		v[i] = &ar->r[i];
	qsort(v, ar->n, sizeof(*v), cmp_seq);
	for (size_t i = 0; i < ar->n; i++) {
		const ss_audit_rule *r = v[i];

		if (!r->loaded || strcmp(r->list, "exit") || !r->path || !covers_path(r, want))
			continue;
		if (!strcmp(r->action, "never")) {
			/* the first rule that matches decides: the later ones are shadowed */
			if (covers_perms(r, perms))
				break;
			continue;
		}
		if (!covers_perms(r, perms))
			continue;
		cover |= r->arch;
		if (!first)
			first = r;
	}
	free(v);
	free(want);
	if (hit)
		*hit = first;
	if (arch)
		*arch = cover;
	return first != NULL;
}
