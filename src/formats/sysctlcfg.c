/* sysctl.d(5) and /etc/sysctl.conf (formats/sysctlcfg.h).
 *
 * The rules, from sysctl.d(5) (systemd 252, as on Debian 12 and RHEL 9),
 * systemd's sysctl.c and conf-files.c, and sysctl(8) of procps, in our
 * words:
 * - Files are the *.conf of /etc/sysctl.d, /run/sysctl.d,
 *   /usr/local/lib/sysctl.d, /usr/lib/sysctl.d and /lib/sysctl.d. A name
 *   in an earlier directory hides the same name in the later ones; an empty
 *   file or a link to /dev/null there masks it (nothing of it is applied).
 *   Names that are not regular files (a directory, a FIFO, a dangling
 *   link) are skipped and hide nothing. All files are applied in the order
 *   of their names, whatever their directory.
 * - procps' `sysctl --system` reads /etc/sysctl.conf after them; on Debian
 *   and RHEL /etc/sysctl.d/99-sysctl.conf is a link to it, so it is read
 *   once, there (a copy with the same bytes counts as the link).
 * - A line is "key = value"; white space around both is dropped, the value
 *   is the rest of the line ("=" included). Empty lines and lines starting
 *   with "#" or ";" are comments; another line without "=" is ignored
 *   (systemd warns). "-key = value": a failure to write is not an error.
 *   "-key" alone: no glob sets the key.
 * - "." and "/" both separate the parts of a key: if the first separator
 *   is a ".", dots and slashes are swapped to get the path under /proc/sys.
 * - A key may be a glob(7) pattern; a key that is set explicitly anywhere is
 *   never set by a glob. For one key the last assignment read wins. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "formats/sysctlcfg.h"
#include "util/util.h"

static const char *const dirs[] = {"/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d",
				   "/usr/lib/sysctl.d", "/lib/sysctl.d"};

static void free_setting(ss_sysctl_setting *s)
{
	free(s->key);
	free(s->path);
	free(s->value);
}

void ss_sysctlcfg_release(ss_sysctlcfg *cfg)
{
	for (size_t i = 0; i < cfg->nset; i++)
		free_setting(&cfg->set[i]);
	free(cfg->set);
	free(cfg->slot);
	for (size_t i = 0; i < cfg->nfiles; i++)
		free(cfg->files[i]);
	free(cfg->files);
	memset(cfg, 0, sizeof(*cfg));
}

int ss_sysctl_key_path(char *out, size_t size, const char *key)
{
	const char *first;
	size_t n = 0;
	bool swap;

	while (*key == ' ' || *key == '\t')
		key++;
	if (*key == '-')
		key++;
	first = strpbrk(key, "/.");
	swap = first && *first == '.';
	for (const char *p = key; *p; p++) {
		char c = *p;

		if (swap && (c == '.' || c == '/'))
			c = c == '.' ? '/' : '.';
		/* systemd's path_simplify: no empty parts, no leading or
		 * trailing slash */
		if (c == '/' && (n == 0 || out[n - 1] == '/'))
			continue;
		if (n + 1 >= size)
			return ss_error_set(SS_EINVAL, "sysctl key longer than %zu bytes",
					    size - 1);
		out[n++] = c;
	}
	while (n && out[n - 1] == '/')
		n--;
	if (!n)
		return ss_error_set(SS_EINVAL, "an empty sysctl key");
	out[n] = '\0';
	return 0;
}

/* The dotted form of a path key. */
static char *dotted(const char *path)
{
	char *s = strdup(path);

	if (s)
		for (char *p = s; *p; p++)
			if (*p == '/' || *p == '.')
				*p = *p == '/' ? '.' : '/';
	return s;
}

static char *strip(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v')
		s++;
	n = strlen(s);
	while (n && strchr(" \t\r\f\v", s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int add_file(ss_sysctlcfg *cfg, const char *file, const char **name)
{
	char **nv;

	if (cfg->nfiles == SS_SYSCTL_FILES_MAX)
		return ss_error_set(SS_ELIMIT, "%s: more than %d sysctl files", file,
				    SS_SYSCTL_FILES_MAX);
	if (!(nv = realloc(cfg->files, (cfg->nfiles + 1) * sizeof(*nv))))
		return ss_error_set(SS_ENOMEM, "sysctl: out of memory");
	cfg->files = nv;
	if (!(nv[cfg->nfiles] = strdup(file)))
		return ss_error_set(SS_ENOMEM, "sysctl: out of memory");
	*name = nv[cfg->nfiles++];
	return 0;
}

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The index of path in cfg->set, or -1. */
static long lookup(const ss_sysctlcfg *cfg, const char *path)
{
	if (!cfg->nslot)
		return -1;
	for (size_t i = hash(path) & (cfg->nslot - 1);; i = (i + 1) & (cfg->nslot - 1)) {
		size_t v = cfg->slot[i];

		if (!v)
			return -1;
		if (!strcmp(cfg->set[v - 1].path, path))
			return (long)(v - 1);
	}
}

/* Room for one more key in the hash (kept at most half full). */
static int rehash(ss_sysctlcfg *cfg)
{
	size_t n = cfg->nslot ? cfg->nslot : 64, *slot;

	if ((cfg->nset + 1) * 2 <= cfg->nslot)
		return 0;
	while ((cfg->nset + 1) * 2 > n)
		n *= 2;
	if (!(slot = calloc(n, sizeof(*slot))))
		return ss_error_set(SS_ENOMEM, "sysctl: out of memory");
	for (size_t k = 0; k < cfg->nset; k++) {
		size_t i = hash(cfg->set[k].path) & (n - 1);

		while (slot[i])
			i = (i + 1) & (n - 1);
		slot[i] = k + 1;
	}
	free(cfg->slot);
	cfg->slot = slot;
	cfg->nslot = n;
	return 0;
}

static int assign(ss_sysctlcfg *cfg, const char *path, const char *value, bool ignore,
		  const char *file, unsigned line)
{
	ss_sysctl_setting s = {0};
	long at = lookup(cfg, path);
	int rc;

	if (at >= 0) {
		ss_sysctl_setting *o = &cfg->set[at];
		char *v = NULL;

		if ((!o->value && !value) || (o->value && value && !strcmp(o->value, value))) {
			/* the same again: systemd keeps the first in its place */
			o->ignore_failure = o->ignore_failure || ignore;
			return 0;
		}
		/* overwritten: it moves to the end of the order */
		if (value && !(v = strdup(value)))
			return ss_error_set(SS_ENOMEM, "sysctl: out of memory");
		free(o->value);
		o->value = v;
		o->file = file;
		o->line = line;
		o->ignore_failure = ignore && value;
		o->seq = cfg->seq++;
		return 0;
	}
	if (cfg->nset == SS_SYSCTL_KEYS_MAX)
		return ss_error_set(SS_ELIMIT, "%s line %u: more than %d sysctl keys", file, line,
				    SS_SYSCTL_KEYS_MAX);
	if ((rc = rehash(cfg)) < 0)
		return rc;
	if (cfg->nset == cfg->capset) {
		size_t ncap = cfg->capset ? cfg->capset * 2 : 32;
		ss_sysctl_setting *nv = realloc(cfg->set, ncap * sizeof(*nv));

		if (!nv)
			return ss_error_set(SS_ENOMEM, "sysctl: out of memory");
		cfg->set = nv;
		cfg->capset = ncap;
	}
	s.path = strdup(path);
	s.key = s.path ? dotted(path) : NULL;
	s.value = value ? strdup(value) : NULL;
	if (!s.path || !s.key || (value && !s.value)) {
		free_setting(&s);
		return ss_error_set(SS_ENOMEM, "sysctl: out of memory");
	}
	s.file = file;
	s.line = line;
	s.glob = strpbrk(path, "*?[") != NULL;
	s.ignore_failure = ignore && value;
	s.seq = cfg->seq++;
	cfg->set[cfg->nset] = s;
	{
		size_t i = hash(path) & (cfg->nslot - 1);

		while (cfg->slot[i])
			i = (i + 1) & (cfg->nslot - 1);
		cfg->slot[i] = ++cfg->nset;
	}
	return 0;
}

static int sysctlcfg_apply_impl(ss_sysctlcfg *cfg, const char *file, const char *text, size_t len)
{
	const char *name = file;
	char *l, path[1024];
	size_t pos = 0;
	unsigned line = 0;
	int rc;

	if ((rc = add_file(cfg, file, &name)) < 0)
		return rc;
	if (len > SS_SYSCTL_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", name,
				    SS_SYSCTL_FILE_MAX);
	if (!(l = malloc(SS_SYSCTL_LINE_MAX + 1)))
		return ss_error_set(SS_ENOMEM, "sysctl: out of memory");
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - (text + pos)) : len - pos;
		char *p, *eq, *value = NULL;
		bool ignore = false;

		line++;
		if (ll > SS_SYSCTL_LINE_MAX) {
			rc = ss_error_set(SS_ELIMIT, "%s line %u: longer than %d bytes", name, line,
					  SS_SYSCTL_LINE_MAX);
			break;
		}
		if (memchr(text + pos, '\0', ll)) {
			rc = ss_error_set(SS_EPARSE, "%s line %u: a NUL byte (not a text file)",
					  name, line);
			break;
		}
		memcpy(l, text + pos, ll);
		l[ll] = '\0';
		pos += ll + (nl != NULL);
		p = strip(l);
		if (!*p || *p == '#' || *p == ';')
			continue;
		if ((eq = strchr(p, '='))) {
			*eq = '\0';
			value = strip(eq + 1);
			if (*p == '-') {
				ignore = true;
				p++;
			}
		} else if (*p == '-') {
			p++; /* keeps globs off the key */
		} else {
			continue; /* not an assignment: systemd ignores it */
		}
		p = strip(p);
		if (!*p)
			continue;
		if (ss_sysctl_key_path(path, sizeof(path), p) < 0) {
			rc = ss_error_prefix(SS_EPARSE, "%s line %u: ", name, line);
			break;
		}
		if ((rc = assign(cfg, path, value, ignore, name, line)) < 0)
			break;
	}
	free(l);
	return rc;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && !strcmp(s + n - m, suf);
}

/* target of a link in dir, as an absolute path with "." and ".."
 * resolved lexically, into out. */
static void link_abs(char *out, size_t size, const char *dir, const char *target)
{
	char tmp[2048];
	size_t n = 0;
	const char *p;

	if (snprintf(tmp, sizeof(tmp), "%s/%s", target[0] == '/' ? "" : dir, target) >=
	    (int)sizeof(tmp)) {
		out[0] = '\0';
		return;
	}
	out[0] = '\0';
	for (p = tmp; *p;) {
		size_t len;

		while (*p == '/')
			p++;
		len = strcspn(p, "/");
		if (!len)
			break;
		if (len == 1 && p[0] == '.') {
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n && out[n - 1] != '/')
				n--;
			if (n)
				n--;
		} else if (n + len + 2 < size) {
			out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		out[n] = '\0';
		p += len;
	}
	if (!n && size > 1) {
		out[0] = '/';
		out[1] = '\0';
	}
}

/* What a name in a sysctl.d directory is: APPLY a file (*buf), MASKED (an
 * empty file, a link to /dev/null), SKIPPED (absent, a dangling link, not
 * a regular file), or an error (< 0). */
enum { MASKED, APPLY, SKIPPED };

static int candidate(const ss_tree *t, const char *dir, const char *path, char **buf, size_t *len,
		     char **target)
{
	int rc;

	*buf = NULL;
	*target = NULL;
	if (t->readlink) {
		char *tg = NULL;

		rc = t->readlink(t->ctx, path, &tg);
		if (rc == 0) {
			char abs[1024];

			link_abs(abs, sizeof(abs), dir, tg);
			free(tg);
			if (!strcmp(abs, "/dev/null"))
				return MASKED;
			if (!(*target = strdup(abs)))
				return ss_error_set(SS_ENOMEM, "sysctl: out of memory");
		} else if (rc != SS_EINVAL && rc != SS_ENOTFOUND) {
			return rc;
		}
	}
	rc = t->read(t->ctx, path, SS_SYSCTL_FILE_MAX, buf, len);
	if (rc == SS_ENOTFOUND || rc == SS_EINVAL) {
		free(*target);
		*target = NULL;
		ss_error_clear();
		return SKIPPED;
	}
	if (rc < 0) {
		free(*target);
		*target = NULL;
		return rc;
	}
	if (*len == 0) {
		free(*buf);
		*buf = NULL;
		return MASKED;
	}
	return APPLY;
}

typedef struct {
	char *name;
	int dir;
} entry;

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static int sysctlcfg_load_impl(ss_sysctlcfg *cfg, const ss_tree *t)
{
	entry *e = NULL;
	size_t ne = 0;
	int rc = 0;
	bool sysctl_conf_done = false;
	char *conf_buf = NULL;
	size_t conf_len = 0;

	memset(cfg, 0, sizeof(*cfg));
	/* every *.conf name, with the first directory that has it */
	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		char **names = NULL;

		rc = t->list(t->ctx, dirs[d], &names);
		if (rc == SS_ENOTFOUND || rc == SS_EINVAL) {
			rc = 0;
			continue;
		}
		if (rc < 0)
			goto out;
		for (char **n = names; *n; n++) {
			bool seen = false;
			entry *ne2;

			if (!has_suffix(*n, ".conf") || (*n)[0] == '.')
				continue;
			for (size_t i = 0; i < ne && !seen; i++)
				seen = !strcmp(e[i].name, *n);
			if (seen)
				continue;
			if (ne == SS_SYSCTL_FILES_MAX) {
				ss_tree_names_free(names);
				rc = ss_error_set(SS_ELIMIT, "%s: more than %d sysctl files",
						  dirs[d], SS_SYSCTL_FILES_MAX);
				goto out;
			}
			if (!(ne2 = realloc(e, (ne + 1) * sizeof(*e))) ||
			    !(ne2[ne].name = strdup(*n))) {
				if (ne2)
					e = ne2;
				ss_tree_names_free(names);
				rc = ss_error_set(SS_ENOMEM, "sysctl: out of memory");
				goto out;
			}
			e = ne2;
			e[ne++].dir = (int)d;
		}
		ss_tree_names_free(names);
	}
	if (ne)
		qsort(e, ne, sizeof(*e), cmp_entry);
	/* what /etc/sysctl.conf holds, to know a copy of it */
	rc = t->read(t->ctx, "/etc/sysctl.conf", SS_SYSCTL_FILE_MAX, &conf_buf, &conf_len);
	if (rc == SS_ENOTFOUND || rc == SS_EINVAL) {
		sysctl_conf_done = true; /* nothing to read */
		rc = 0;
	} else if (rc < 0) {
		goto out;
	}
	for (size_t i = 0; i < ne; i++) {
		char path[512], *buf, *target;
		size_t len = 0;
		int k;

		snprintf(path, sizeof(path), "%s/%s", dirs[e[i].dir], e[i].name);
		k = candidate(t, dirs[e[i].dir], path, &buf, &len, &target);
		if (k < 0) {
			rc = k;
			goto out;
		}
		if (k == SKIPPED) {
			/* skipped: the name is free for a later directory */
			for (size_t d = (size_t)e[i].dir + 1; d < sizeof(dirs) / sizeof(dirs[0]);
			     d++) {
				snprintf(path, sizeof(path), "%s/%s", dirs[d], e[i].name);
				k = candidate(t, dirs[d], path, &buf, &len, &target);
				if (k != SKIPPED)
					break;
			}
			if (k < 0) {
				rc = k;
				goto out;
			}
		}
		if (k == APPLY) {
			if (!sysctl_conf_done && ((target && !strcmp(target, "/etc/sysctl.conf")) ||
						  (len == conf_len && !memcmp(buf, conf_buf, len))))
				sysctl_conf_done = true;
			rc = ss_sysctlcfg_apply(cfg, path, buf, len);
		}
		free(buf);
		free(target);
		if (rc < 0)
			goto out;
	}
	if (!sysctl_conf_done && conf_len)
		rc = ss_sysctlcfg_apply(cfg, "/etc/sysctl.conf", conf_buf, conf_len);
out:
	for (size_t i = 0; i < ne; i++)
		free(e[i].name);
	free(e);
	free(conf_buf);
	return rc;
}

const ss_sysctl_setting *ss_sysctlcfg_get(const ss_sysctlcfg *cfg, const char *key)
{
	const ss_sysctl_setting *glob = NULL;
	char path[1024];
	long at;

	if (ss_sysctl_key_path(path, sizeof(path), key) < 0)
		return NULL;
	if ((at = lookup(cfg, path)) >= 0)
		return &cfg->set[at];
	/* the glob applied last that matches */
	for (size_t i = 0; i < cfg->nset; i++) {
		const ss_sysctl_setting *s = &cfg->set[i];

		if (s->glob && s->value && (!glob || s->seq > glob->seq) &&
		    fnmatch(s->path, path, FNM_PATHNAME | FNM_PERIOD) == 0)
			glob = s;
	}
	return glob;
}

static int sysctl_live_impl(const ss_tree *t, const char *key, char **value)
{
	char path[1024], full[1100], *buf = NULL;
	size_t len = 0;
	int rc;

	*value = NULL;
	if ((rc = ss_sysctl_key_path(path, sizeof(path), key)) < 0)
		return rc;
	if (strpbrk(path, "*?[\\") || !strcmp(path, "..") || !strncmp(path, "../", 3) ||
	    strstr(path, "/../") || has_suffix(path, "/.."))
		return ss_error_set(SS_EINVAL, "%s: not one sysctl key", key);
	snprintf(full, sizeof(full), "/proc/sys/%s", path);
	if ((rc = t->read(t->ctx, full, SS_SYSCTL_LIVE_MAX, &buf, &len)) < 0)
		return rc;
	if (len && memchr(buf, '\0', len)) {
		free(buf);
		return ss_error_set(SS_EPARSE, "%s: a NUL byte in the value", full);
	}
	while (len && buf[len - 1] == '\n')
		len--;
	if (!(*value = malloc(len + 1))) {
		free(buf);
		return ss_error_set(SS_ENOMEM, "sysctl: out of memory");
	}
	if (len)
		memcpy(*value, buf, len);
	(*value)[len] = '\0';
	free(buf);
	return 0;
}

bool ss_sysctl_value_equal(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t' || *a == '\n')
			a++;
		while (*b == ' ' || *b == '\t' || *b == '\n')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		while (*a && *b && !strchr(" \t\n", *a) && *a == *b)
			a++, b++;
		if ((*a && !strchr(" \t\n", *a)) || (*b && !strchr(" \t\n", *b)))
			return false;
	}
}

int ss_sysctlcfg_load(ss_sysctlcfg *cfg, const ss_tree *t)
{
	return ss_tree_error_clean(sysctlcfg_load_impl(cfg, t));
}

int ss_sysctlcfg_apply(ss_sysctlcfg *cfg, const char *file, const char *text, size_t len)
{
	return ss_tree_error_clean(sysctlcfg_apply_impl(cfg, file, text, len));
}

int ss_sysctl_live(const ss_tree *t, const char *key, char **value)
{
	return ss_tree_error_clean(sysctl_live_impl(t, key, value));
}
