/* systemd unit enablement (formats/unitstate.h).
 *
 * The rules, from systemd.unit(5), systemd.syntax(7) and systemctl(1)
 * (is-enabled), in our words, for the system manager of a tree that is not
 * running:
 * - Unit files are looked up in /etc/systemd/system, /run/systemd/system,
 *   /usr/local/lib/systemd/system, /usr/lib/systemd/system and
 *   /lib/systemd/system, the first that has the name winning. An instance
 *   ("getty@tty1.service") uses its template ("getty@.service") when it
 *   has no file of its own.
 * - A unit whose name in /etc/systemd/system (or /run/systemd/system: only
 *   until reboot) is a link to /dev/null or an empty file is masked.
 * - A unit is enabled when a link to it stands where its [Install]
 *   section puts one (WantedBy= in X.wants/, RequiredBy= in X.requires/,
 *   UpheldBy= in X.upholds/, Alias= beside it) under /etc/systemd/system
 *   (or /run/systemd/system: enabled-runtime), or in any *.wants,
 *   *.requires or *.upholds directory there.
 * - Otherwise it is static when its [Install] section names none of
 *   WantedBy=, RequiredBy=, UpheldBy=, Alias=, Also=; indirect when it
 *   names only Also=; disabled else.
 * - Unit files are ini-like: [Section] headers, Key=Value lines, "#" and
 *   ";" comments, a backslash at the end of a line continues it; list
 *   settings add up, an empty assignment empties them. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "formats/unitstate.h"
#include "util/util.h"

static const char *const unit_dirs[] = {"/etc/systemd/system", "/run/systemd/system",
					"/usr/local/lib/systemd/system", "/usr/lib/systemd/system",
					"/lib/systemd/system"};

const char *ss_unit_state_name(ss_unit_state s)
{
	static const char *const names[] = {"not-found", "masked",          "masked-runtime",
					    "enabled",   "enabled-runtime", "static",
					    "indirect",  "disabled"};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "unknown";
}

static bool unit_name_ok(const char *u)
{
	const char *dot = strrchr(u, '.');

	if (!*u || strlen(u) > 255 || strchr(u, '/') || !dot || dot == u || !dot[1])
		return false;
	return strcmp(u, ".") && strcmp(u, "..");
}

/* A name in dir is there (as anything, a dangling link too). */
static int present(const ss_tree *t, const char *dir, const char *name, bool *yes)
{
	char **names = NULL;
	int rc = t->list(t->ctx, dir, &names);

	*yes = false;
	if (rc == SS_ENOTFOUND || rc == SS_EINVAL)
		return 0;
	if (rc < 0)
		return rc;
	for (char **n = names; *n && !*yes; n++)
		*yes = !strcmp(*n, name);
	ss_tree_names_free(names);
	return 0;
}

/* dir/name masks the unit: a link to /dev/null, an empty file. */
static int masks(const ss_tree *t, const char *path, bool *yes)
{
	char *buf = NULL, *target = NULL;
	size_t len = 0;
	int rc;

	*yes = false;
	if (t->readlink && t->readlink(t->ctx, path, &target) == 0) {
		*yes = !strcmp(target, "/dev/null");
		free(target);
		if (*yes)
			return 0;
	}
	rc = t->read(t->ctx, path, SS_UNIT_FILE_MAX, &buf, &len);
	if (rc == SS_ENOTFOUND || rc == SS_EINVAL)
		return 0;
	if (rc < 0)
		return rc;
	*yes = len == 0;
	free(buf);
	return 0;
}

typedef struct {
	char **v;
	size_t n;
} list;

static void list_free(list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Add the space-separated words of value to l (an empty value empties l). */
static int list_add(list *l, const char *value)
{
	const char *p = value;

	if (!*value) {
		list_free(l);
		return 0;
	}
	while (*p) {
		size_t n;
		char **nv;

		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (!n)
			break;
		if (l->n >= 1024)
			return ss_error_set(SS_ELIMIT, "more than 1024 [Install] names");
		if (!(nv = realloc(l->v, (l->n + 1) * sizeof(*nv))))
			return ss_error_set(SS_ENOMEM, "unit: out of memory");
		l->v = nv;
		if (!(l->v[l->n] = malloc(n + 1)))
			return ss_error_set(SS_ENOMEM, "unit: out of memory");
		memcpy(l->v[l->n], p, n);
		l->v[l->n++][n] = '\0';
		p += n;
	}
	return 0;
}

typedef struct {
	list wanted, required, upheld, alias, also;
} install;

static void install_free(install *in)
{
	list_free(&in->wanted);
	list_free(&in->required);
	list_free(&in->upheld);
	list_free(&in->alias);
	list_free(&in->also);
}

static char *trim(char *s)
{
	size_t n;

	s += strspn(s, " \t\r");
	n = strlen(s);
	while (n && strchr(" \t\r", s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* The [Install] section of a unit file's text. */
static int parse_install(install *in, const char *file, const char *text, size_t len)
{
	char *buf = malloc(SS_UNIT_LINE_MAX + 1), *l;
	ss_lines lines = {.max = SS_UNIT_LINE_MAX, .skip_comment_in_continuation = true};
	unsigned first = 0;
	bool in_install = false;
	int rc = 0;

	if (!buf)
		return ss_error_set(SS_ENOMEM, "unit: out of memory");
	if (len && memchr(text, '\0', len)) {
		free(buf);
		return ss_error_set(SS_EPARSE, "%s: a NUL byte (not a text file)", file);
	}
	lines.text = text;
	lines.len = len;
	lines.buf = buf;
	while ((rc = ss_lines_next(&lines, file, &l, &first)) > 0) {
		char *p, *eq;

		p = trim(l);
		if (!*p || *p == '#' || *p == ';')
			continue;
		if (*p == '[') {
			in_install = !strcmp(p, "[Install]");
			continue;
		}
		if (!in_install)
			continue;
		if (!(eq = strchr(p, '='))) {
			rc = ss_error_set(SS_EPARSE, "%s line %u: not a Key=Value line", file,
					  first);
			break;
		}
		*eq = '\0';
		p = trim(p);
		if (!strcmp(p, "WantedBy"))
			rc = list_add(&in->wanted, trim(eq + 1));
		else if (!strcmp(p, "RequiredBy"))
			rc = list_add(&in->required, trim(eq + 1));
		else if (!strcmp(p, "UpheldBy"))
			rc = list_add(&in->upheld, trim(eq + 1));
		else if (!strcmp(p, "Alias"))
			rc = list_add(&in->alias, trim(eq + 1));
		else if (!strcmp(p, "Also"))
			rc = list_add(&in->also, trim(eq + 1));
		if (rc < 0) {
			rc = ss_error_prefix(rc, "%s line %u: ", file, first);
			break;
		}
	}
	free(buf);
	return rc;
}

static char *path2(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);

	if (p) {
		memcpy(p, a, la);
		p[la] = '/';
		memcpy(p + la + 1, b, lb + 1);
	}
	return p;
}

/* Whether a link to unit stands in an enabling place under dir (one of
 * /etc/systemd/system, /run/systemd/system); *where set when so. */
static int enabled_in(const ss_tree *t, const char *dir, const char *unit, const install *in,
		      bool *yes, char **where)
{
	char **names = NULL;
	int rc;
	size_t scanned = 0;

	*yes = false;
	/* Alias= names beside the unit */
	for (size_t i = 0; i < in->alias.n && !*yes; i++) {
		if (strchr(in->alias.v[i], '/'))
			continue;
		if ((rc = present(t, dir, in->alias.v[i], yes)) < 0)
			return rc;
		if (*yes && !(*where = path2(dir, in->alias.v[i])))
			return ss_error_set(SS_ENOMEM, "unit: out of memory");
	}
	if (*yes)
		return 0;
	/* any X.wants/, X.requires/, X.upholds/ holding the unit (the
	 * [Install] targets among them) */
	rc = t->list(t->ctx, dir, &names);
	if (rc == SS_ENOTFOUND || rc == SS_EINVAL)
		return 0;
	if (rc < 0)
		return rc;
	for (char **n = names; *n && !*yes; n++) {
		size_t l = strlen(*n);
		char *sub;

		if (!((l > 6 && !strcmp(*n + l - 6, ".wants")) ||
		      (l > 9 && !strcmp(*n + l - 9, ".requires")) ||
		      (l > 8 && !strcmp(*n + l - 8, ".upholds"))))
			continue;
		if (++scanned > SS_UNIT_DIRS_MAX) {
			ss_tree_names_free(names);
			return ss_error_set(SS_ELIMIT, "%s: more than %d wants directories", dir,
					    SS_UNIT_DIRS_MAX);
		}
		if (!(sub = path2(dir, *n))) {
			ss_tree_names_free(names);
			return ss_error_set(SS_ENOMEM, "unit: out of memory");
		}
		rc = present(t, sub, unit, yes);
		if (rc == 0 && *yes && !(*where = path2(sub, unit)))
			rc = ss_error_set(SS_ENOMEM, "unit: out of memory");
		free(sub);
		if (rc < 0) {
			ss_tree_names_free(names);
			return rc;
		}
	}
	ss_tree_names_free(names);
	return 0;
}

static int unit_state_get_impl(const ss_tree *t, const char *unit, ss_unit_state *state,
			       char **where)
{
	char *file = NULL, *buf = NULL, *tmpl = NULL;
	size_t len = 0;
	install in = {0};
	bool yes;
	int rc = 0;

	*state = SS_UNIT_NOT_FOUND;
	if (where)
		*where = NULL;
	if (!unit_name_ok(unit))
		return ss_error_set(SS_EINVAL, "\"%s\" is not a unit name", unit);
	/* masked */
	for (int d = 0; d < 2; d++) {
		char *p = path2(unit_dirs[d], unit);

		if (!p)
			return ss_error_set(SS_ENOMEM, "unit: out of memory");
		if ((rc = masks(t, p, &yes)) < 0 || yes) {
			if (rc == 0) {
				*state = d ? SS_UNIT_MASKED_RUNTIME : SS_UNIT_MASKED;
				if (where)
					*where = p, p = NULL;
			}
			free(p);
			return rc;
		}
		free(p);
	}
	/* the unit file (or its template's) */
	{
		const char *at = strchr(unit, '@'), *dot = strrchr(unit, '.');

		if (at && at + 1 < dot) {
			size_t pre = (size_t)(at - unit) + 1;

			if (!(tmpl = malloc(pre + strlen(dot) + 1)))
				return ss_error_set(SS_ENOMEM, "unit: out of memory");
			memcpy(tmpl, unit, pre);
			memcpy(tmpl + pre, dot, strlen(dot) + 1);
		}
	}
	for (int pass = 0; pass < 2 && !file; pass++) {
		const char *name = pass ? tmpl : unit;

		if (!name)
			break;
		for (size_t d = 0; d < sizeof(unit_dirs) / sizeof(unit_dirs[0]); d++) {
			char *p = path2(unit_dirs[d], name);

			if (!p) {
				rc = ss_error_set(SS_ENOMEM, "unit: out of memory");
				goto out;
			}
			rc = t->read(t->ctx, p, SS_UNIT_FILE_MAX, &buf, &len);
			if (rc == 0) {
				file = p;
				break;
			}
			free(p);
			if (rc != SS_ENOTFOUND && rc != SS_EINVAL)
				goto out;
			rc = 0;
		}
	}
	if (!file)
		goto out;
	if ((rc = parse_install(&in, file, buf, len)) < 0)
		goto out;
	for (int d = 0; d < 2; d++) {
		char *w = NULL;

		if ((rc = enabled_in(t, unit_dirs[d], unit, &in, &yes, &w)) < 0)
			goto out;
		if (yes) {
			*state = d ? SS_UNIT_ENABLED_RUNTIME : SS_UNIT_ENABLED;
			if (where)
				*where = w;
			else
				free(w);
			goto out;
		}
	}
	if (!in.wanted.n && !in.required.n && !in.upheld.n && !in.alias.n)
		*state = in.also.n ? SS_UNIT_INDIRECT : SS_UNIT_STATIC;
	else
		*state = SS_UNIT_DISABLED;
	if (where) {
		*where = file;
		file = NULL;
	}
out:
	install_free(&in);
	free(buf);
	free(file);
	free(tmpl);
	return rc;
}

int ss_unit_state_get(const ss_tree *t, const char *unit, ss_unit_state *state, char **where)
{
	return ss_tree_error_clean(unit_state_get_impl(t, unit, state, where));
}
