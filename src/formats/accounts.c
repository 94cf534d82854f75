/* /etc/passwd, /etc/shadow, /etc/group, /etc/login.defs and /etc/shells
 * (formats/accounts.h).
 *
 * The rules, from passwd(5), shadow(5), group(5), login.defs(5) and
 * shells(5) (shadow-utils 4.13 on Debian 12 and RHEL 9), glibc's
 * nss_files parsers and shadow-utils' getdef.c, in our words:
 * - passwd, shadow and group are lines of fields separated by ":" (7, 9
 *   and 4 fields; shadow's last, reserved field may be missing). Empty
 *   lines and lines whose first non-blank is "#" are skipped, as glibc
 *   does. Lines starting "+" or "-" are NIS compat entries, used only with
 *   "compat" in nsswitch.conf: skipped and counted.
 * - glibc silently ignores a line it cannot parse; a check must not, so a
 *   wrong number of fields, an empty name or a UID/GID that is not a
 *   decimal number from 0 to 4294967294 is an error naming the file, the
 *   line and the field.
 * - A shadow number (last change, min, max, warn, inactive, expire) that
 *   is empty or -1 is "not set" (SS_ACCT_NONE).
 * - login.defs: "NAME value" lines; "#" starts a comment line; the value
 *   is the rest of the line with blanks and double quotes skipped at its
 *   start and cut at the next double quote; for one name the last line
 *   wins; numbers are read with strtol base 0 (so UMASK 027 is octal).
 * - shells: each line's path starts at its first "/" and ends at a blank
 *   or "#"; a line without "/" is skipped (glibc's getusershell). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "formats/accounts.h"
#include "formats/hostfacts_int.h"

#define MAXF 10

static void free_pw(ss_passwd_ent *p)
{
	free(p->name);
	free(p->passwd);
	free(p->gecos);
	free(p->home);
	free(p->shell);
}

static void free_gr(ss_group_ent *g)
{
	free(g->name);
	free(g->passwd);
	for (size_t i = 0; i < g->nmembers; i++)
		free(g->members[i]);
	free(g->members);
}

void ss_accounts_release(ss_accounts *a)
{
	for (size_t i = 0; i < a->npw; i++)
		free_pw(&a->pw[i]);
	free(a->pw);
	for (size_t i = 0; i < a->nsp; i++) {
		free(a->sp[i].name);
		free(a->sp[i].hash);
	}
	free(a->sp);
	for (size_t i = 0; i < a->ngr; i++)
		free_gr(&a->gr[i]);
	free(a->gr);
	for (size_t i = 0; i < a->ndefs; i++) {
		free(a->defs[i].name);
		free(a->defs[i].value);
	}
	free(a->defs);
	for (size_t i = 0; i < a->nshells; i++)
		free(a->shells[i]);
	free(a->shells);
	free(a->pw_file);
	free(a->sp_file);
	free(a->gr_file);
	free(a->defs_file);
	free(a->shells_file);
	free(a->pw_by_name);
	free(a->sp_by_name);
	memset(a, 0, sizeof(*a));
}

typedef struct {
	const char *s[MAXF];
	size_t n[MAXF];
	unsigned count;
} fields;

/* Split s (n bytes) at ":" into at most MAXF fields (count MAXF + 1 when
 * there are more). */
static void split(const char *s, size_t n, fields *f)
{
	size_t start = 0;

	f->count = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ':')
			continue;
		if (f->count == MAXF) {
			f->count++;
			return;
		}
		f->s[f->count] = s + start;
		f->n[f->count++] = i - start;
		start = i + 1;
	}
}

/* The line is a comment, empty, or a NIS compat entry to skip. */
static bool skip_line(ss_accounts *a, const char **s, size_t *n, bool compat)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	if (!*n || **s == '#')
		return true;
	if (compat && (**s == '+' || **s == '-')) {
		a->ncompat++;
		return true;
	}
	return false;
}

static int set_file(char **dst, const char *file)
{
	free(*dst);
	if (!(*dst = strdup(file)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

static int count_error(const char *file, unsigned line, unsigned got, unsigned want,
		       const char *what)
{
	if (got > MAXF)
		return ss_error_set(SS_EPARSE, "%s line %u: more than %u fields, expected %u (%s)",
				    file, line, (unsigned)MAXF, want, what);
	return ss_error_set(SS_EPARSE, "%s line %u: %u fields, expected %u (%s)", file, line, got,
			    want, what);
}

static int get_id(const fields *f, unsigned i, const char *what, const char *file, unsigned line,
		  uint32_t *out)
{
	unsigned long long v;

	if (hf_decimal(f->s[i], f->n[i], 4294967294u, &v) < 0)
		return ss_error_set(SS_EPARSE,
				    "%s line %u field %u (%s): \"%.*s\" is not a number from 0 "
				    "to 4294967294",
				    file, line, i + 1, what, (int)(f->n[i] > 40 ? 40 : f->n[i]),
				    f->s[i]);
	*out = (uint32_t)v;
	return 0;
}

static int check_name(const fields *f, const char *file, unsigned line)
{
	if (!f->n[0])
		return ss_error_set(SS_EPARSE, "%s line %u field 1 (name): empty", file, line);
	return 0;
}

#define LIMIT_CHECK(n, file, line)                                                                 \
	do {                                                                                       \
		if ((n) == SS_ACCT_ENTRIES_MAX)                                                    \
			return ss_error_set(SS_ELIMIT, "%s line %u: more than %d entries", file,   \
					    line, SS_ACCT_ENTRIES_MAX);                            \
	} while (0)

static int passwd_impl(ss_accounts *a, const char *file, const char *text, size_t len)
{
	hf_lines l = {text, len, 0, 0};
	const char *s;
	size_t n;
	int rc;

	if ((rc = set_file(&a->pw_file, file)) < 0)
		return rc;
	if (len > SS_ACCT_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", file, SS_ACCT_FILE_MAX);
	while ((rc = hf_next(&l, file, SS_ACCT_LINE_MAX, &s, &n)) > 0) {
		ss_passwd_ent e = {0};
		fields f;

		if (skip_line(a, &s, &n, true))
			continue;
		split(s, n, &f);
		if (f.count != 7)
			return count_error(file, l.line, f.count, 7,
					   "name:password:UID:GID:GECOS:home:shell");
		if ((rc = check_name(&f, file, l.line)) < 0 ||
		    (rc = get_id(&f, 2, "UID", file, l.line, &e.uid)) < 0 ||
		    (rc = get_id(&f, 3, "GID", file, l.line, &e.gid)) < 0)
			return rc;
		LIMIT_CHECK(a->npw, file, l.line);
		if ((rc = hf_room((void **)&a->pw, &a->cappw, a->npw, sizeof(*a->pw))) < 0)
			return rc;
		e.name = hf_dup(f.s[0], f.n[0]);
		e.passwd = hf_dup(f.s[1], f.n[1]);
		e.gecos = hf_dup(f.s[4], f.n[4]);
		e.home = hf_dup(f.s[5], f.n[5]);
		e.shell = hf_dup(f.s[6], f.n[6]);
		e.line = l.line;
		if (!e.name || !e.passwd || !e.gecos || !e.home || !e.shell) {
			free_pw(&e);
			return ss_error_set(SS_ENOMEM, "out of memory");
		}
		a->pw[a->npw++] = e;
	}
	return rc;
}

/* A shadow number: empty or -1 is SS_ACCT_NONE. */
static int get_days(const fields *f, unsigned i, const char *what, const char *file, unsigned line,
		    long *out)
{
	unsigned long long v;

	if (f->n[i] == 0 || (f->n[i] == 2 && !memcmp(f->s[i], "-1", 2))) {
		*out = SS_ACCT_NONE;
		return 0;
	}
	if (hf_decimal(f->s[i], f->n[i], INT_MAX, &v) < 0)
		return ss_error_set(
			SS_EPARSE, "%s line %u field %u (%s): \"%.*s\" is not a number of days",
			file, line, i + 1, what, (int)(f->n[i] > 40 ? 40 : f->n[i]), f->s[i]);
	*out = (long)v;
	return 0;
}

static int shadow_impl(ss_accounts *a, const char *file, const char *text, size_t len)
{
	static const char *const what[] = {"name",     "password", "last change",
					   "minimum",  "maximum",  "warning",
					   "inactive", "expire",   "reserved"};
	hf_lines l = {text, len, 0, 0};
	const char *s;
	size_t n;
	int rc;

	if ((rc = set_file(&a->sp_file, file)) < 0)
		return rc;
	if (len > SS_ACCT_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", file, SS_ACCT_FILE_MAX);
	while ((rc = hf_next(&l, file, SS_ACCT_LINE_MAX, &s, &n)) > 0) {
		ss_shadow_ent e = {0};
		long *num[] = {&e.last, &e.min, &e.max, &e.warn, &e.inactive, &e.expire};
		fields f;

		if (skip_line(a, &s, &n, true))
			continue;
		split(s, n, &f);
		if (f.count != 9 && f.count != 8)
			return count_error(file, l.line, f.count, 9,
					   "name:password:last:min:max:warn:inactive:expire:");
		if ((rc = check_name(&f, file, l.line)) < 0)
			return rc;
		for (unsigned i = 0; i < 6; i++)
			if ((rc = get_days(&f, i + 2, what[i + 2], file, l.line, num[i])) < 0)
				return rc;
		LIMIT_CHECK(a->nsp, file, l.line);
		if ((rc = hf_room((void **)&a->sp, &a->capsp, a->nsp, sizeof(*a->sp))) < 0)
			return rc;
		e.name = hf_dup(f.s[0], f.n[0]);
		e.hash = hf_dup(f.s[1], f.n[1]);
		e.line = l.line;
		if (!e.name || !e.hash) {
			free(e.name);
			free(e.hash);
			return ss_error_set(SS_ENOMEM, "out of memory");
		}
		a->sp[a->nsp++] = e;
	}
	return rc;
}

static int members(ss_group_ent *g, const char *s, size_t n, const char *file, unsigned line)
{
	size_t start = 0, cap = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ',')
			continue;
		if (i > start) {
			if (g->nmembers == SS_ACCT_MEMBERS_MAX)
				return ss_error_set(SS_ELIMIT,
						    "%s line %u field 4 (members): more than %d "
						    "members",
						    file, line, SS_ACCT_MEMBERS_MAX);
			if (hf_room((void **)&g->members, &cap, g->nmembers, sizeof(*g->members)) <
				    0 ||
			    !(g->members[g->nmembers] = hf_dup(s + start, i - start)))
				return ss_error_set(SS_ENOMEM, "out of memory");
			g->nmembers++;
		}
		start = i + 1;
	}
	return 0;
}

static int group_impl(ss_accounts *a, const char *file, const char *text, size_t len)
{
	hf_lines l = {text, len, 0, 0};
	const char *s;
	size_t n;
	int rc;

	if ((rc = set_file(&a->gr_file, file)) < 0)
		return rc;
	if (len > SS_ACCT_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", file, SS_ACCT_FILE_MAX);
	while ((rc = hf_next(&l, file, SS_ACCT_LINE_MAX, &s, &n)) > 0) {
		ss_group_ent e = {0};
		fields f;

		if (skip_line(a, &s, &n, true))
			continue;
		split(s, n, &f);
		if (f.count != 4)
			return count_error(file, l.line, f.count, 4, "name:password:GID:members");
		if ((rc = check_name(&f, file, l.line)) < 0 ||
		    (rc = get_id(&f, 2, "GID", file, l.line, &e.gid)) < 0)
			return rc;
		LIMIT_CHECK(a->ngr, file, l.line);
		if ((rc = hf_room((void **)&a->gr, &a->capgr, a->ngr, sizeof(*a->gr))) < 0)
			return rc;
		e.name = hf_dup(f.s[0], f.n[0]);
		e.passwd = hf_dup(f.s[1], f.n[1]);
		e.line = l.line;
		if (!e.name || !e.passwd)
			rc = ss_error_set(SS_ENOMEM, "out of memory");
		else
			rc = members(&e, f.s[3], f.n[3], file, l.line);
		if (rc < 0) {
			free_gr(&e);
			return rc;
		}
		a->gr[a->ngr++] = e;
	}
	return rc;
}

static int logindefs_impl(ss_accounts *a, const char *file, const char *text, size_t len)
{
	hf_lines l = {text, len, 0, 0};
	const char *s;
	size_t n;
	int rc;

	if ((rc = set_file(&a->defs_file, file)) < 0)
		return rc;
	if (len > SS_ACCT_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", file, SS_ACCT_FILE_MAX);
	while ((rc = hf_next(&l, file, SS_ACCT_LINE_MAX, &s, &n)) > 0) {
		size_t i = 0, ne, vs, ve;
		ss_logindef d = {0};

		/* getdef.c: trailing blanks off, leading blanks skipped */
		while (n && strchr(" \t\v\f\r", s[n - 1]))
			n--;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n || s[i] == '#')
			continue;
		ne = i;
		while (ne < n && s[ne] != ' ' && s[ne] != '\t')
			ne++;
		if (ne == n)
			continue; /* a name without a value: getdef skips it */
		vs = ne + 1;
		while (vs < n && (s[vs] == ' ' || s[vs] == '\t' || s[vs] == '"'))
			vs++;
		ve = vs;
		while (ve < n && s[ve] != '"')
			ve++;
		LIMIT_CHECK(a->ndefs, file, l.line);
		if ((rc = hf_room((void **)&a->defs, &a->capdefs, a->ndefs, sizeof(*a->defs))) < 0)
			return rc;
		d.name = hf_dup(s + i, ne - i);
		d.value = hf_dup(s + vs, ve - vs);
		d.line = l.line;
		if (!d.name || !d.value) {
			free(d.name);
			free(d.value);
			return ss_error_set(SS_ENOMEM, "out of memory");
		}
		a->defs[a->ndefs++] = d;
	}
	return rc;
}

static int shells_impl(ss_accounts *a, const char *file, const char *text, size_t len)
{
	hf_lines l = {text, len, 0, 0};
	const char *s;
	size_t n;
	int rc;

	if ((rc = set_file(&a->shells_file, file)) < 0)
		return rc;
	if (len > SS_ACCT_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", file, SS_ACCT_FILE_MAX);
	while ((rc = hf_next(&l, file, SS_ACCT_LINE_MAX, &s, &n)) > 0) {
		size_t i = 0, e;

		while (i < n && s[i] != '#' && s[i] != '/')
			i++;
		if (i == n || s[i] == '#')
			continue;
		e = i;
		while (e < n && !strchr(" \t\v\f\r#", s[e]))
			e++;
		LIMIT_CHECK(a->nshells, file, l.line);
		if ((rc = hf_room((void **)&a->shells, &a->capshells, a->nshells,
				  sizeof(*a->shells))) < 0)
			return rc;
		if (!(a->shells[a->nshells] = hf_dup(s + i, e - i)))
			return ss_error_set(SS_ENOMEM, "out of memory");
		a->nshells++;
	}
	return rc;
}

typedef struct {
	const char *name;
	size_t i;
} named;

static int cmp_named(const void *x, const void *y)
{
	const named *a = x, *b = y;
	int c = strcmp(a->name, b->name);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* The indexes of n entries (each size bytes, its name the first member)
 * sorted by name into *out. */
static int index_names(size_t **out, const void *v, size_t n, size_t size)
{
	named *t;
	size_t *ix;

	free(*out);
	*out = NULL;
	if (!(t = malloc((n ? n : 1) * sizeof(*t))) || !(ix = malloc((n ? n : 1) * sizeof(*ix)))) {
		free(t);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		t[i] = (named){*(char *const *)((const char *)v + i * size), i};
	if (n > 1)
		qsort(t, n, sizeof(*t), cmp_named);
	for (size_t i = 0; i < n; i++)
		ix[i] = t[i].i;
	free(t);
	*out = ix;
	return 0;
}

/* The first of ix (n indexes sorted by name) whose entry is name, or -1. */
static long find_name(const size_t *ix, size_t n, const void *v, size_t size, const char *name)
{
	size_t lo = 0, hi = n;

	if (!ix)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(*(char *const *)((const char *)v + ix[mid] * size), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && !strcmp(*(char *const *)((const char *)v + ix[lo] * size), name))
		return (long)ix[lo];
	return -1;
}

int ss_accounts_parse_passwd(ss_accounts *a, const char *file, const char *text, size_t len)
{
	int rc = passwd_impl(a, file, text, len);

	if (rc == 0)
		rc = index_names(&a->pw_by_name, a->pw, a->npw, sizeof(*a->pw));
	return ss_tree_error_clean(rc);
}

int ss_accounts_parse_shadow(ss_accounts *a, const char *file, const char *text, size_t len)
{
	int rc = shadow_impl(a, file, text, len);

	if (rc == 0)
		rc = index_names(&a->sp_by_name, a->sp, a->nsp, sizeof(*a->sp));
	return ss_tree_error_clean(rc);
}

int ss_accounts_parse_group(ss_accounts *a, const char *file, const char *text, size_t len)
{
	return ss_tree_error_clean(group_impl(a, file, text, len));
}

int ss_accounts_parse_logindefs(ss_accounts *a, const char *file, const char *text, size_t len)
{
	return ss_tree_error_clean(logindefs_impl(a, file, text, len));
}

int ss_accounts_parse_shells(ss_accounts *a, const char *file, const char *text, size_t len)
{
	return ss_tree_error_clean(shells_impl(a, file, text, len));
}

static int load_impl(ss_accounts *a, const ss_tree *t)
{
	static const struct {
		const char *path;
		int (*parse)(ss_accounts *, const char *, const char *, size_t);
		bool required;
	} files[] = {
		{"/etc/passwd", ss_accounts_parse_passwd, true},
		{"/etc/shadow", ss_accounts_parse_shadow, false},
		{"/etc/group", group_impl, false},
		{"/etc/login.defs", logindefs_impl, false},
		{"/etc/shells", shells_impl, false},
	};
	int rc = 0;

	memset(a, 0, sizeof(*a));
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]) && rc == 0; i++) {
		char *buf = NULL;
		size_t len = 0;

		rc = t->read(t->ctx, files[i].path, SS_ACCT_FILE_MAX, &buf, &len);
		if (rc == SS_ENOTFOUND && !files[i].required) {
			ss_error_clear();
			rc = 0;
			continue;
		}
		if (rc < 0)
			break;
		rc = files[i].parse(a, files[i].path, buf, len);
		free(buf);
	}
	return rc;
}

int ss_accounts_load(ss_accounts *a, const ss_tree *t)
{
	return ss_tree_error_clean(load_impl(a, t));
}

const ss_passwd_ent *ss_accounts_user(const ss_accounts *a, const char *name)
{
	long i = find_name(a->pw_by_name, a->npw, a->pw, sizeof(*a->pw), name);

	return i < 0 ? NULL : &a->pw[i];
}

const ss_shadow_ent *ss_accounts_shadow(const ss_accounts *a, const char *name)
{
	long i = find_name(a->sp_by_name, a->nsp, a->sp, sizeof(*a->sp), name);

	return i < 0 ? NULL : &a->sp[i];
}

const ss_group_ent *ss_accounts_group(const ss_accounts *a, const char *name)
{
	for (size_t i = 0; i < a->ngr; i++)
		if (!strcmp(a->gr[i].name, name))
			return &a->gr[i];
	return NULL;
}

const ss_logindef *ss_accounts_def(const ss_accounts *a, const char *name)
{
	for (size_t i = a->ndefs; i-- > 0;)
		if (!strcmp(a->defs[i].name, name))
			return &a->defs[i];
	return NULL;
}

int ss_accounts_def_num(const ss_accounts *a, const char *name, long *out)
{
	const ss_logindef *d = ss_accounts_def(a, name);
	char *end;
	long v;

	if (!d)
		return ss_error_set(SS_ENOTFOUND, "%s: %s is not set",
				    a->defs_file ? a->defs_file : "login.defs", name);
	errno = 0;
	v = strtol(d->value, &end, 0);
	if (!*d->value || *end || errno)
		return ss_tree_error_clean(ss_error_set(SS_EPARSE,
							"%s line %u: %s \"%.40s\" is not a number",
							a->defs_file, d->line, name, d->value));
	*out = v;
	return 0;
}

ss_shell_kind ss_accounts_shell_kind(const ss_accounts *a, const ss_passwd_ent *p)
{
	const char *sh = *p->shell ? p->shell : "/bin/sh", *base = strrchr(sh, '/');

	base = base ? base + 1 : sh;
	if (!strcmp(base, "nologin") || !strcmp(base, "false"))
		return SS_SHELL_NOLOGIN;
	for (size_t i = 0; i < a->nshells; i++)
		if (!strcmp(a->shells[i], sh))
			return SS_SHELL_LISTED;
	return SS_SHELL_UNLISTED;
}

bool ss_accounts_login_shell(const ss_accounts *a, const ss_passwd_ent *p)
{
	return ss_accounts_shell_kind(a, p) != SS_SHELL_NOLOGIN;
}

static ss_pw_state classify(const char *h)
{
	if (!*h)
		return SS_PW_EMPTY;
	if (*h == '!' || *h == '*')
		return SS_PW_LOCKED;
	return SS_PW_HASH;
}

ss_pw_state ss_accounts_password(const ss_accounts *a, const ss_passwd_ent *p, const char **file,
				 unsigned *line)
{
	const ss_shadow_ent *s;

	if (file)
		*file = a->pw_file;
	if (line)
		*line = p->line;
	if (strcmp(p->passwd, "x"))
		return classify(p->passwd);
	if (!a->sp_file)
		return SS_PW_UNKNOWN;
	if (!(s = ss_accounts_shadow(a, p->name)))
		return SS_PW_NO_SHADOW;
	if (file)
		*file = a->sp_file;
	if (line)
		*line = s->line;
	return classify(s->hash);
}

const char *ss_acct_issue_name(ss_acct_issue_kind k)
{
	static const char *const names[] = {"uid0-not-root",   "empty-password", "no-shadow",
					    "duplicate-user",  "duplicate-uid",  "duplicate-shadow",
					    "duplicate-group", "duplicate-gid"};

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

typedef struct {
	const char *name;
	uint32_t id;
	unsigned line;
} key;

static int cmp_name(const void *x, const void *y)
{
	const key *a = x, *b = y;
	int c = strcmp(a->name, b->name);

	return c ? c : (a->line > b->line) - (a->line < b->line);
}

static int cmp_id(const void *x, const void *y)
{
	const key *a = x, *b = y;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

typedef struct {
	ss_acct_issue *v;
	size_t n, cap;
} issues;

static int add(issues *is, ss_acct_issue_kind kind, const char *name, const char *file,
	       unsigned line, unsigned first, uint32_t id)
{
	if (hf_room((void **)&is->v, &is->cap, is->n, sizeof(*is->v)) < 0)
		return SS_ENOMEM;
	is->v[is->n++] = (ss_acct_issue){kind, name, file, line, first, id};
	return 0;
}

static int cmp_issue_line(const void *x, const void *y)
{
	const ss_acct_issue *a = x, *b = y;

	return (a->line > b->line) - (a->line < b->line);
}

/* The duplicates among n keys, sorted by cmp, as issues of kind. */
static int dups(issues *is, key *k, size_t n, int (*cmp)(const void *, const void *),
		ss_acct_issue_kind kind, const char *file)
{
	size_t from = is->n;

	if (n < 2)
		return 0;
	qsort(k, n, sizeof(*k), cmp);
	for (size_t i = 1, first = 0; i < n; i++) {
		bool same = cmp == cmp_name ? !strcmp(k[i].name, k[first].name)
					    : k[i].id == k[first].id;

		if (!same) {
			first = i;
			continue;
		}
		if (add(is, kind, k[i].name, file, k[i].line, k[first].line, k[i].id) < 0)
			return SS_ENOMEM;
	}
	/* back in the order of the lines (one issue a line) */
	if (is->n - from > 1)
		qsort(is->v + from, is->n - from, sizeof(*is->v), cmp_issue_line);
	return 0;
}

int ss_accounts_issues(const ss_accounts *a, ss_acct_issue **out, size_t *nout)
{
	issues is = {0};
	size_t nk = a->npw > a->nsp ? a->npw : a->nsp;
	key *k;
	int rc = 0;

	*out = NULL;
	*nout = 0;
	if (a->ngr > nk)
		nk = a->ngr;
	if (!(k = malloc((nk ? nk : 1) * sizeof(*k))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (size_t i = 0; i < a->npw && !rc; i++)
		if (a->pw[i].uid == 0 && strcmp(a->pw[i].name, "root"))
			rc = add(&is, SS_ACCT_UID0_NOT_ROOT, a->pw[i].name, a->pw_file,
				 a->pw[i].line, 0, 0);
	for (size_t i = 0; i < a->npw && !rc; i++) {
		const char *file;
		unsigned line;
		ss_pw_state st = ss_accounts_password(a, &a->pw[i], &file, &line);

		if (st == SS_PW_EMPTY)
			rc = add(&is, SS_ACCT_EMPTY_PASSWORD, a->pw[i].name, file, line, 0,
				 a->pw[i].uid);
	}
	for (size_t i = 0; i < a->npw && !rc; i++)
		if (ss_accounts_password(a, &a->pw[i], NULL, NULL) == SS_PW_NO_SHADOW)
			rc = add(&is, SS_ACCT_NO_SHADOW, a->pw[i].name, a->pw_file, a->pw[i].line,
				 0, a->pw[i].uid);
	if (!rc) {
		for (size_t i = 0; i < a->npw; i++)
			k[i] = (key){a->pw[i].name, a->pw[i].uid, a->pw[i].line};
		rc = dups(&is, k, a->npw, cmp_name, SS_ACCT_DUP_USER, a->pw_file);
	}
	if (!rc) {
		for (size_t i = 0; i < a->npw; i++)
			k[i] = (key){a->pw[i].name, a->pw[i].uid, a->pw[i].line};
		rc = dups(&is, k, a->npw, cmp_id, SS_ACCT_DUP_UID, a->pw_file);
	}
	if (!rc) {
		for (size_t i = 0; i < a->nsp; i++)
			k[i] = (key){a->sp[i].name, 0, a->sp[i].line};
		rc = dups(&is, k, a->nsp, cmp_name, SS_ACCT_DUP_SHADOW, a->sp_file);
	}
	if (!rc) {
		for (size_t i = 0; i < a->ngr; i++)
			k[i] = (key){a->gr[i].name, a->gr[i].gid, a->gr[i].line};
		rc = dups(&is, k, a->ngr, cmp_name, SS_ACCT_DUP_GROUP, a->gr_file);
	}
	if (!rc) {
		for (size_t i = 0; i < a->ngr; i++)
			k[i] = (key){a->gr[i].name, a->gr[i].gid, a->gr[i].line};
		rc = dups(&is, k, a->ngr, cmp_id, SS_ACCT_DUP_GID, a->gr_file);
	}
	free(k);
	if (rc < 0) {
		free(is.v);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	*out = is.v;
	*nout = is.n;
	return 0;
}
