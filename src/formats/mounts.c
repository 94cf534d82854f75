/* /etc/fstab and /proc/self/mounts (formats/mounts.h).
 *
 * The rules, from fstab(5), proc(5) and util-linux's libmount
 * (tab_parse.c), in our words:
 * - A line holds the fields device, mount point, type, options, dump and
 *   fsck pass, separated by blanks (spaces, tabs). Empty lines and lines
 *   whose first non-blank is "#" are comments. In an fstab the last two
 *   fields may be left out (0); fewer than four fields, or more than six,
 *   is an error. The kernel's table always has six.
 * - A blank inside a field is written as an octal escape: \040 a space,
 *   \011 a tab, \012 a line end, \134 a backslash; a backslash not followed
 *   by three octal digits stays as it is. An escape of a NUL byte is an
 *   error.
 * - Options are comma-separated; mount(8) applies them in order, so a
 *   later "dev" undoes an earlier "nodev"; "defaults" is
 *   rw,suid,dev,exec,auto,nouser,async, "user" and "users" imply
 *   noexec,nosuid,nodev, "owner" and "group" nosuid,nodev.
 * - A mount point written twice: systemd-fstab-generator (Debian 12, RHEL
 *   9) makes a unit of the first and refuses the second; in the kernel's
 *   table the last line is the mount on top. */
#include <stdlib.h>
#include <string.h>

#include "formats/hostfacts_int.h"
#include "formats/mounts.h"

static const char *const names[] = {"device", "mount point", "type", "options", "dump", "pass"};

static void free_mount(ss_mount *e)
{
	free(e->spec);
	free(e->dir);
	free(e->type);
	free(e->opts);
}

void ss_mount_clear(ss_mount *e)
{
	free_mount(e);
	memset(e, 0, sizeof(*e));
}

void ss_mounts_release(ss_mounts *m)
{
	for (size_t i = 0; i < m->n; i++)
		free_mount(&m->m[i]);
	free(m->m);
	free(m->file);
	memset(m, 0, sizeof(*m));
}

static bool is_octal(char c)
{
	return c >= '0' && c <= '7';
}

/* Field s (n bytes) with its escapes decoded into *out, malloc'd. */
static int unescape(char **out, const char *s, size_t n, const char *file, unsigned line,
		    unsigned field)
{
	char *d = malloc(n + 1), *o = d;

	if (!(*out = d))
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n && is_octal(s[i + 1]) && is_octal(s[i + 2]) &&
		    is_octal(s[i + 3])) {
			int v = (s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0');

			if (v == 0 || v > 255) {
				free(d);
				*out = NULL;
				return ss_error_set(
					SS_EPARSE,
					"%s line %u field %u (%s): an escape \"\\%.3s\" that is "
					"not a byte other than NUL",
					file, line, field + 1, names[field], s + i + 1);
			}
			*o++ = (char)v;
			i += 3;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return 0;
}

static int number(const char *s, size_t n, const char *file, unsigned line, unsigned field,
		  unsigned *out)
{
	unsigned long long v;

	if (hf_decimal(s, n, 1000000, &v) < 0)
		return ss_error_set(SS_EPARSE, "%s line %u field %u (%s): \"%.*s\" is not a number",
				    file, line, field + 1, names[field], (int)(n > 40 ? 40 : n), s);
	*out = (unsigned)v;
	return 0;
}

static void trim_dir(char *d)
{
	size_t n = strlen(d);

	while (n > 1 && d[n - 1] == '/')
		d[--n] = '\0';
}

static int parse_impl(ss_mounts *m, ss_mounts_kind kind, const char *file, const char *text,
		      size_t len)
{
	hf_lines l = {text, len, 0, 0};
	const char *s;
	size_t n;
	int rc;

	m->kind = kind;
	free(m->file);
	if (!(m->file = strdup(file)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (len > SS_MOUNTS_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", file,
				    SS_MOUNTS_FILE_MAX);
	while ((rc = hf_next(&l, file, SS_MOUNTS_LINE_MAX, &s, &n)) > 0) {
		const char *f[6];
		size_t fl[6], i = 0;
		unsigned nf = 0;
		ss_mount e = {0};

		for (;;) {
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i == n)
				break;
			if (nf == 0 && s[i] == '#')
				break;
			if (nf == 6)
				return ss_error_set(SS_EPARSE,
						    "%s line %u: more than 6 fields (device, mount "
						    "point, type, options, dump, pass)",
						    file, l.line);
			f[nf] = s + i;
			while (i < n && s[i] != ' ' && s[i] != '\t')
				i++;
			fl[nf] = (size_t)(s + i - f[nf]);
			nf++;
		}
		if (nf == 0)
			continue;
		if (nf < 4 || (kind == SS_MOUNTS_PROC && nf != 6))
			return ss_error_set(
				SS_EPARSE,
				"%s line %u: %u fields, expected %s (device, mount point, "
				"type, options, dump, pass)",
				file, l.line, nf, kind == SS_MOUNTS_PROC ? "6" : "4 to 6");
		if (m->n == SS_MOUNTS_ENTRIES_MAX)
			return ss_error_set(SS_ELIMIT, "%s line %u: more than %d entries", file,
					    l.line, SS_MOUNTS_ENTRIES_MAX);
		if ((nf > 4 && (rc = number(f[4], fl[4], file, l.line, 4, &e.freq)) < 0) ||
		    (nf > 5 && (rc = number(f[5], fl[5], file, l.line, 5, &e.passno)) < 0))
			return rc;
		if ((rc = hf_room((void **)&m->m, &m->cap, m->n, sizeof(*m->m))) < 0)
			return rc;
		if ((rc = unescape(&e.spec, f[0], fl[0], file, l.line, 0)) < 0 ||
		    (rc = unescape(&e.dir, f[1], fl[1], file, l.line, 1)) < 0 ||
		    (rc = unescape(&e.type, f[2], fl[2], file, l.line, 2)) < 0 ||
		    (rc = unescape(&e.opts, f[3], fl[3], file, l.line, 3)) < 0) {
			free_mount(&e);
			return rc;
		}
		trim_dir(e.dir);
		e.line = l.line;
		m->m[m->n++] = e;
	}
	return rc;
}

int ss_mounts_parse(ss_mounts *m, ss_mounts_kind kind, const char *file, const char *text,
		    size_t len)
{
	return ss_tree_error_clean(parse_impl(m, kind, file, text, len));
}

int ss_mounts_load(ss_mounts *m, ss_mounts_kind kind, const ss_tree *t)
{
	const char *path = kind == SS_MOUNTS_PROC ? SS_PROC_MOUNTS : SS_FSTAB;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	memset(m, 0, sizeof(*m));
	if ((rc = t->read(t->ctx, path, SS_MOUNTS_FILE_MAX, &buf, &len)) < 0)
		return ss_tree_error_clean(rc);
	rc = ss_mounts_parse(m, kind, path, buf, len);
	free(buf);
	return rc;
}

const ss_mount *ss_mounts_find(const ss_mounts *m, const char *dir)
{
	size_t n = strlen(dir);
	const ss_mount *hit = NULL;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	for (size_t i = 0; i < m->n; i++) {
		const ss_mount *e = &m->m[i];

		if (!strcmp(e->type, "swap") || strlen(e->dir) != n || memcmp(e->dir, dir, n))
			continue;
		hit = e;
		if (m->kind == SS_MOUNTS_FSTAB)
			break;
	}
	return hit;
}

/* The option of opts at *p (up to a comma) into o, *p moved past it. */
static bool next_opt(const char **p, const char **o, size_t *on)
{
	if (!**p)
		return false;
	*o = *p;
	*on = strcspn(*p, ",");
	*p += *on;
	if (**p == ',')
		(*p)++;
	return true;
}

static bool opt_is(const char *o, size_t on, const char *name)
{
	return strlen(name) == on && !memcmp(o, name, on);
}

bool ss_mount_option(const ss_mount *e, const char *opt)
{
	/* the flags: dev, suid, exec, rw (true: the positive one) */
	static const char *const flag[] = {"dev", "suid", "exec", "rw"};
	bool on[4] = {true, true, true, true}, found = false;
	const char *p = e->opts, *o;
	size_t on_len, want = strlen(opt);
	int which = -1, neg = 0;

	for (int i = 0; i < 4; i++) {
		if (!strcmp(opt, flag[i]))
			which = i;
		else if (!strncmp(opt, "no", 2) && !strcmp(opt + 2, flag[i]) && i < 3)
			which = i, neg = 1;
	}
	if (!strcmp(opt, "ro"))
		which = 3, neg = 1;
	while (next_opt(&p, &o, &on_len)) {
		if (which < 0) {
			/* a literal option: "size" matches "size=2G" */
			if ((on_len == want && !memcmp(o, opt, want)) ||
			    (!strchr(opt, '=') && on_len > want && !memcmp(o, opt, want) &&
			     o[want] == '='))
				found = true;
			continue;
		}
		if (opt_is(o, on_len, "defaults")) {
			on[0] = on[1] = on[2] = on[3] = true;
		} else if (opt_is(o, on_len, "user") || opt_is(o, on_len, "users")) {
			on[0] = on[1] = on[2] = false;
		} else if (opt_is(o, on_len, "owner") || opt_is(o, on_len, "group")) {
			on[0] = on[1] = false;
		} else if (opt_is(o, on_len, "ro")) {
			on[3] = false;
		} else {
			for (int i = 0; i < 4; i++) {
				if (opt_is(o, on_len, flag[i]))
					on[i] = true;
				else if (i < 3 && on_len == strlen(flag[i]) + 2 &&
					 !memcmp(o, "no", 2) && !memcmp(o + 2, flag[i], on_len - 2))
					on[i] = false;
			}
		}
	}
	if (which < 0)
		return found;
	return neg ? !on[which] : on[which];
}

size_t ss_mount_missing(const ss_mount *e, const char *want, char *missing, size_t size)
{
	const char *p = want, *o;
	size_t on, count = 0, used = 0;

	if (missing && size)
		missing[0] = '\0';
	while (next_opt(&p, &o, &on)) {
		char opt[256];

		if (!on || on >= sizeof(opt))
			continue;
		memcpy(opt, o, on);
		opt[on] = '\0';
		if (ss_mount_option(e, opt))
			continue;
		count++;
		if (missing && used + on + 2 <= size) {
			if (used)
				missing[used++] = ',';
			memcpy(missing + used, opt, on + 1);
			used += on;
		}
	}
	return count;
}

/* Value v with "%%" as "%" into *dst. */
static int set_unit_value(char **dst, const char *v)
{
	char *d = malloc(strlen(v) + 1), *o = d;

	if (!d)
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (; *v; v++) {
		*o++ = *v;
		if (v[0] == '%' && v[1] == '%')
			v++;
	}
	*o = '\0';
	free(*dst);
	*dst = d;
	return 0;
}

static int unit_apply_impl(ss_mount *e, const char *file, const char *text, size_t len)
{
	ss_lines l = {0};
	const char *nul;
	char *line;
	unsigned first;
	bool in_mount = false;
	int rc;

	if (len > SS_MOUNTS_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", file,
				    SS_MOUNTS_FILE_MAX);
	if ((nul = memchr(text, '\0', len))) {
		unsigned n = 1;

		for (const char *p = text; p < nul; p++)
			n += *p == '\n';
		return ss_error_set(SS_EPARSE, "%s line %u: a NUL byte (not a text file)", file, n);
	}
	l.text = text;
	l.len = len;
	l.max = SS_MOUNTS_LINE_MAX;
	l.skip_comment_in_continuation = true;
	if (!(l.buf = malloc(l.max + 1)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	while ((rc = ss_lines_next(&l, file, &line, &first)) > 0) {
		char *p = line, *eq, *k, *v;
		size_t n;

		while (*p == ' ' || *p == '\t')
			p++;
		n = strlen(p);
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			p[--n] = '\0';
		if (!*p || *p == '#' || *p == ';')
			continue;
		if (*p == '[') {
			in_mount = !strcmp(p, "[Mount]");
			continue;
		}
		if (!in_mount || !(eq = strchr(p, '=')))
			continue;
		*eq = '\0';
		k = p;
		n = strlen(k);
		while (n && (k[n - 1] == ' ' || k[n - 1] == '\t'))
			k[--n] = '\0';
		v = eq + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		if (!strcmp(k, "What"))
			rc = set_unit_value(&e->spec, v);
		else if (!strcmp(k, "Where")) {
			if ((rc = set_unit_value(&e->dir, v)) == 0)
				trim_dir(e->dir);
		} else if (!strcmp(k, "Type"))
			rc = set_unit_value(&e->type, v);
		else if (!strcmp(k, "Options")) {
			rc = set_unit_value(&e->opts, v);
			e->line = first;
		}
		if (rc < 0)
			break;
	}
	free(l.buf);
	if (rc < 0)
		return rc;
	if ((!e->spec && !(e->spec = strdup(""))) || (!e->dir && !(e->dir = strdup(""))) ||
	    (!e->type && !(e->type = strdup(""))) || (!e->opts && !(e->opts = strdup(""))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

int ss_mount_unit_apply(ss_mount *e, const char *file, const char *text, size_t len)
{
	return ss_tree_error_clean(unit_apply_impl(e, file, text, len));
}
