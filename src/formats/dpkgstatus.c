/* /var/lib/dpkg/status (formats/dpkgstatus.h).
 *
 * The file is deb822(5): stanzas of "Field: value" lines separated by
 * empty lines; a line starting with a space or a tab continues the field
 * before it (descriptions, conffiles); field names are matched without
 * regard to case. A package's state is its Status field, three words
 * (dpkg(1)): what is wanted (install, hold, deinstall, purge, unknown), a
 * flag (ok, reinstreq) and the state of its files (not-installed,
 * config-files, half-installed, unpacked, half-configured,
 * triggers-awaited, triggers-pending, installed). With Multi-Arch: same a
 * package can be there once per architecture; "name:arch" picks one. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/dpkgstatus.h"
#include "util/util.h"

static void free_pkg(ss_dpkg_pkg *p)
{
	free(p->package);
	free(p->arch);
	free(p->version);
	free(p->want);
	free(p->flag);
	free(p->status);
	free(p->multiarch);
}

void ss_dpkgstatus_release(ss_dpkgstatus *st)
{
	for (size_t i = 0; i < st->n; i++)
		free_pkg(&st->p[i]);
	free(st->p);
	memset(st, 0, sizeof(*st));
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int set_field(char **dst, const char *v, size_t n)
{
	free(*dst);
	if (!(*dst = dup_n(v, n)))
		return ss_error_set(SS_ENOMEM, "dpkg status: out of memory");
	return 0;
}

/* Split "want flag status" into the three words. */
static int set_status(ss_dpkg_pkg *p, const char *v, size_t n, const char *file, unsigned line)
{
	const char *w[3];
	size_t wl[3];
	size_t i = 0, k = 0;

	while (k < 3) {
		while (i < n && (v[i] == ' ' || v[i] == '\t'))
			i++;
		if (i == n)
			break;
		w[k] = v + i;
		while (i < n && v[i] != ' ' && v[i] != '\t')
			i++;
		wl[k] = (size_t)(v + i - w[k]);
		k++;
	}
	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if (k != 3 || i != n)
		return ss_error_set(SS_EPARSE, "%s line %u: Status is not three words", file, line);
	if (set_field(&p->want, w[0], wl[0]) < 0 || set_field(&p->flag, w[1], wl[1]) < 0 ||
	    set_field(&p->status, w[2], wl[2]) < 0)
		return SS_ENOMEM;
	return 0;
}

static int end_stanza(ss_dpkgstatus *st, ss_dpkg_pkg *cur, bool *open, const char *file)
{
	char **f[] = {&cur->arch, &cur->version, &cur->want,
		      &cur->flag, &cur->status,  &cur->multiarch};

	if (!*open)
		return 0;
	*open = false;
	if (!cur->package) {
		int rc = ss_error_set(SS_EPARSE, "%s line %u: a stanza without Package", file,
				      cur->line);
		free_pkg(cur);
		memset(cur, 0, sizeof(*cur));
		return rc;
	}
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (!*f[i] && !(*f[i] = strdup(""))) {
			free_pkg(cur);
			return ss_error_set(SS_ENOMEM, "dpkg status: out of memory");
		}
	if (st->n == SS_DPKG_PACKAGES_MAX) {
		free_pkg(cur);
		return ss_error_set(SS_ELIMIT, "%s: more than %d packages", file,
				    SS_DPKG_PACKAGES_MAX);
	}
	if (st->n == st->cap) {
		size_t ncap = st->cap ? st->cap * 2 : 256;
		ss_dpkg_pkg *np = realloc(st->p, ncap * sizeof(*np));

		if (!np) {
			free_pkg(cur);
			return ss_error_set(SS_ENOMEM, "dpkg status: out of memory");
		}
		st->p = np;
		st->cap = ncap;
	}
	st->p[st->n++] = *cur;
	memset(cur, 0, sizeof(*cur));
	return 0;
}

static int dpkgstatus_parse_impl(ss_dpkgstatus *st, const char *file, const char *text, size_t len)
{
	ss_dpkg_pkg cur = {0};
	bool open = false;
	size_t pos = 0;
	unsigned line = 0;
	int rc = 0;

	while (pos < len) {
		const char *l = text + pos, *nl = memchr(l, '\n', len - pos), *colon;
		size_t ll = nl ? (size_t)(nl - l) : len - pos, name_len, vs, ve;

		pos += ll + (nl != NULL);
		line++;
		if (ll > SS_DPKG_LINE_MAX) {
			rc = ss_error_set(SS_ELIMIT, "%s line %u: longer than %d bytes", file, line,
					  SS_DPKG_LINE_MAX);
			break;
		}
		if (memchr(l, '\0', ll)) {
			rc = ss_error_set(SS_EPARSE, "%s line %u: a NUL byte", file, line);
			break;
		}
		if (ll && l[ll - 1] == '\r')
			ll--;
		{
			size_t k = 0;

			while (k < ll && (l[k] == ' ' || l[k] == '\t'))
				k++;
			if (k == ll) { /* an empty line ends the stanza */
				if ((rc = end_stanza(st, &cur, &open, file)) < 0)
					break;
				continue;
			}
		}
		if (l[0] == ' ' || l[0] == '\t') {
			if (!open) {
				rc = ss_error_set(SS_EPARSE,
						  "%s line %u: a continuation line "
						  "outside a stanza",
						  file, line);
				break;
			}
			continue;
		}
		if (l[0] == '#')
			continue;
		if (!(colon = memchr(l, ':', ll))) {
			rc = ss_error_set(SS_EPARSE, "%s line %u: not a \"Field: value\" line",
					  file, line);
			break;
		}
		if (!open) {
			open = true;
			cur.line = line;
		}
		name_len = (size_t)(colon - l);
		vs = name_len + 1;
		while (vs < ll && (l[vs] == ' ' || l[vs] == '\t'))
			vs++;
		ve = ll;
		while (ve > vs && (l[ve - 1] == ' ' || l[ve - 1] == '\t'))
			ve--;
#define FIELD(n) (name_len == sizeof(n) - 1 && !strncasecmp(l, n, name_len))
		if (FIELD("Package"))
			rc = set_field(&cur.package, l + vs, ve - vs);
		else if (FIELD("Architecture"))
			rc = set_field(&cur.arch, l + vs, ve - vs);
		else if (FIELD("Version"))
			rc = set_field(&cur.version, l + vs, ve - vs);
		else if (FIELD("Multi-Arch"))
			rc = set_field(&cur.multiarch, l + vs, ve - vs);
		else if (FIELD("Status"))
			rc = set_status(&cur, l + vs, ve - vs, file, line);
#undef FIELD
		if (rc < 0)
			break;
	}
	if (rc == 0)
		rc = end_stanza(st, &cur, &open, file);
	else
		free_pkg(&cur);
	return rc;
}

static int dpkgstatus_load_impl(ss_dpkgstatus *st, const ss_tree *t)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	memset(st, 0, sizeof(*st));
	if ((rc = t->read(t->ctx, SS_DPKG_STATUS, SS_DPKG_FILE_MAX, &buf, &len)) < 0)
		return rc;
	rc = ss_dpkgstatus_parse(st, SS_DPKG_STATUS, buf, len);
	free(buf);
	return rc;
}

bool ss_dpkg_installed(const ss_dpkg_pkg *p)
{
	return p && !strcmp(p->flag, "ok") &&
	       (!strcmp(p->status, "installed") || !strcmp(p->status, "triggers-awaited") ||
		!strcmp(p->status, "triggers-pending"));
}

const ss_dpkg_pkg *ss_dpkgstatus_find(const ss_dpkgstatus *st, const char *name)
{
	const char *colon = strchr(name, ':');
	size_t nlen = colon ? (size_t)(colon - name) : strlen(name);
	const ss_dpkg_pkg *first = NULL;

	for (size_t i = 0; i < st->n; i++) {
		const ss_dpkg_pkg *p = &st->p[i];

		if (strlen(p->package) != nlen || strncmp(p->package, name, nlen))
			continue;
		if (colon && strcmp(p->arch, colon + 1))
			continue;
		if (ss_dpkg_installed(p))
			return p;
		if (!first)
			first = p;
	}
	return first;
}

int ss_dpkgstatus_parse(ss_dpkgstatus *st, const char *file, const char *text, size_t len)
{
	return ss_tree_error_clean(dpkgstatus_parse_impl(st, file, text, len));
}

int ss_dpkgstatus_load(ss_dpkgstatus *st, const ss_tree *t)
{
	return ss_tree_error_clean(dpkgstatus_load_impl(st, t));
}
