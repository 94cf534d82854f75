/* /etc/pam.d/<service> (formats/pamcfg.h).
 *
 * The rules, from pam.conf(5) / pam.d(5) and Linux-PAM's pam_handlers.c,
 * in our words:
 * - A line is "type control module-path arguments". A "#" starts a comment
 *   that runs to the end of the line; a backslash at the end of a line
 *   joins the next one to it.
 * - type is account, auth, password or session (any case); a leading "-"
 *   means the line is skipped when the module is missing.
 * - control is a keyword (required, requisite, sufficient, optional,
 *   include, substack) or a bracketed list of value=action pairs, which
 *   may hold spaces.
 * - An argument that holds spaces is written in brackets, "[...]", with
 *   "\]" for a "]" inside.
 * - "type include FILE" reads the lines of that type from FILE (under
 *   /etc/pam.d when relative) in its place; "type substack FILE" does the
 *   same, the included stack's results kept to itself; "@include FILE"
 *   reads all of FILE's lines (Debian's common-* files are read so). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/pamcfg.h"
#include "util/util.h"

static const char *const types[] = {"account", "auth", "password", "session"};

static void free_rule(ss_pam_rule *r)
{
	free(r->control);
	free(r->module);
	for (size_t i = 0; i < r->argc; i++)
		free(r->argv[i]);
	free(r->argv);
}

void ss_pamcfg_release(ss_pamcfg *c)
{
	for (size_t i = 0; i < c->n; i++)
		free_rule(&c->r[i]);
	free(c->r);
	for (size_t i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	memset(c, 0, sizeof(*c));
}

typedef struct {
	ss_pamcfg *c;
	const ss_tree *t;
} parser;

/* The next token of *p: a word, or a bracketed one (brackets kept when
 * keep, "\]" unescaped). NULL at the end, or with *err set: 1 an open
 * bracket, 2 out of memory. */
static char *token(char **p, bool keep, int *err)
{
	char *s = *p, *out, *o;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s) {
		*p = s;
		return NULL;
	}
	if (*s == '[') {
		char *e = s + 1;

		while (*e && *e != ']')
			e += (e[0] == '\\' && e[1] == ']') ? 2 : 1;
		if (!*e) {
			*err = 1;
			return NULL;
		}
		if (!(out = o = malloc((size_t)(e - s) + 2))) {
			*err = 2;
			return NULL;
		}
		if (keep)
			*o++ = '[';
		for (char *q = s + 1; q < e; q++) {
			if (q[0] == '\\' && q[1] == ']')
				q++;
			*o++ = *q;
		}
		if (keep)
			*o++ = ']';
		*o = '\0';
		*p = e + 1;
		return out;
	}
	{
		size_t n = strcspn(s, " \t");

		if (!(out = malloc(n + 1))) {
			*err = 2;
			return NULL;
		}
		memcpy(out, s, n);
		out[n] = '\0';
		*p = s + n;
	}
	return out;
}

static int parse_file(parser *ps, const char *path, const char *only, int depth, bool substack);

static int include(parser *ps, const char *name, const char *only, int depth, bool substack,
		   const char *file, unsigned line)
{
	char path[1024];
	int rc;

	if (!*name || strstr(name, ".."))
		return ss_error_set(SS_EPARSE, "%s line %u: include of \"%s\"", file, line, name);
	if (depth + 1 > SS_PAM_DEPTH_MAX)
		return ss_error_set(SS_ELIMIT, "%s line %u: includes nested more than %d deep",
				    file, line, SS_PAM_DEPTH_MAX);
	if ((size_t)snprintf(path, sizeof(path), "%s%s", name[0] == '/' ? "" : "/etc/pam.d/",
			     name) >= sizeof(path))
		return ss_error_set(SS_EPARSE, "%s line %u: include path too long", file, line);
	if ((rc = parse_file(ps, path, only, depth + 1, substack)) < 0 && rc != SS_ENOMEM &&
	    !strstr(ss_error_last(), " line "))
		return ss_error_prefix(rc, "%s line %u: ", file, line);
	return rc;
}

static int add_rule(parser *ps, ss_pam_rule *r, const char *file, unsigned line)
{
	ss_pamcfg *c = ps->c;

	if (c->n == SS_PAM_RULES_MAX)
		return ss_error_set(SS_ELIMIT, "%s line %u: more than %d rules", file, line,
				    SS_PAM_RULES_MAX);
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 32;
		ss_pam_rule *nr = realloc(c->r, ncap * sizeof(*nr));

		if (!nr)
			return ss_error_set(SS_ENOMEM, "pam: out of memory");
		c->r = nr;
		c->cap = ncap;
	}
	c->r[c->n++] = *r;
	memset(r, 0, sizeof(*r));
	return 0;
}

static int token_error(int err, const char *file, unsigned line)
{
	if (err == 2)
		return ss_error_set(SS_ENOMEM, "pam: out of memory");
	return ss_error_set(SS_EPARSE, "%s line %u: an open bracket", file, line);
}

static int parse_line(parser *ps, char *l, const char *file, unsigned line, const char *only,
		      int depth, bool substack)
{
	ss_pam_rule r = {0};
	char *p = l, *tok, *hash;
	bool known = false;
	int err = 0;
	int rc = 0;

	if ((hash = strchr(l, '#')))
		*hash = '\0';
	if (!(tok = token(&p, true, &err)))
		return err ? token_error(err, file, line) : 0;
	if (!strcasecmp(tok, "@include")) {
		char *name = token(&p, false, &err);

		free(tok);
		if (!name)
			return err ? token_error(err, file, line)
				   : ss_error_set(SS_EPARSE, "%s line %u: @include without a file",
						  file, line);
		rc = include(ps, name, only, depth, substack, file, line);
		free(name);
		return rc;
	}
	r.dash = tok[0] == '-';
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcasecmp(tok + r.dash, types[i])) {
			memcpy(r.type, types[i], strlen(types[i]) + 1);
			known = true;
		}
	if (!known) {
		rc = ss_error_set(SS_EPARSE, "%s line %u: unknown type \"%s\"", file, line,
				  ss_text_printable(tok, false));
		free(tok);
		return rc;
	}
	free(tok);
	if (((r.control = token(&p, true, &err)) && !err) &&
	    (!(r.module = token(&p, false, &err)) && !err)) {
		free_rule(&r);
		return ss_error_set(SS_EPARSE, "%s line %u: a rule without a module", file, line);
	}
	if (!r.control && !err) {
		free_rule(&r);
		return ss_error_set(SS_EPARSE, "%s line %u: a rule without a control and module",
				    file, line);
	}
	if (err) {
		free_rule(&r);
		return token_error(err, file, line);
	}
	if (!strcasecmp(r.control, "include") || !strcasecmp(r.control, "substack")) {
		bool sub = substack || !strcasecmp(r.control, "substack");

		if (!only || !strcmp(only, r.type))
			rc = include(ps, r.module, r.type, depth, sub, file, line);
		free_rule(&r);
		return rc;
	}
	while ((tok = token(&p, false, &err))) {
		char **nv;

		if (r.argc == SS_PAM_ARGS_MAX) {
			free(tok);
			free_rule(&r);
			return ss_error_set(SS_ELIMIT, "%s line %u: more than %d arguments", file,
					    line, SS_PAM_ARGS_MAX);
		}
		if (!(nv = realloc(r.argv, (r.argc + 2) * sizeof(*nv)))) {
			free(tok);
			free_rule(&r);
			return ss_error_set(SS_ENOMEM, "pam: out of memory");
		}
		r.argv = nv;
		r.argv[r.argc++] = tok;
		r.argv[r.argc] = NULL;
	}
	if (err) {
		free_rule(&r);
		return token_error(err, file, line);
	}
	if (only && strcmp(only, r.type)) {
		free_rule(&r);
		return 0;
	}
	r.file = file;
	r.line = line;
	r.depth = depth;
	r.substack = substack;
	if ((rc = add_rule(ps, &r, file, line)) < 0)
		free_rule(&r);
	return rc;
}

static int parse_file(parser *ps, const char *path, const char *only, int depth, bool substack)
{
	ss_pamcfg *c = ps->c;
	char *buf = NULL, *name, *l, **nf;
	size_t len = 0;
	int rc = 0;

	if (c->nfiles == SS_PAM_FILES_MAX)
		return ss_error_set(SS_ELIMIT, "%s: more than %d files included", path,
				    SS_PAM_FILES_MAX);
	if (!(nf = realloc(c->files, (c->nfiles + 1) * sizeof(*nf))))
		return ss_error_set(SS_ENOMEM, "pam: out of memory");
	c->files = nf;
	if (!(name = strdup(path)))
		return ss_error_set(SS_ENOMEM, "pam: out of memory");
	c->files[c->nfiles++] = name;
	if ((rc = ps->t->read(ps->t->ctx, path, SS_PAM_FILE_MAX, &buf, &len)) < 0)
		return rc;
	if (len && memchr(buf, '\0', len)) {
		free(buf);
		return ss_error_set(SS_EPARSE, "%s: a NUL byte (not a text file)", name);
	}
	if (!(l = malloc(SS_PAM_LINE_MAX + 1))) {
		free(buf);
		return ss_error_set(SS_ENOMEM, "pam: out of memory");
	}
	{
		ss_lines lines = {.text = buf, .len = len, .buf = l, .max = SS_PAM_LINE_MAX};
		char *text;
		unsigned first;

		while ((rc = ss_lines_next(&lines, name, &text, &first)) > 0)
			if ((rc = parse_line(ps, text, name, first, only, depth, substack)) < 0)
				break;
	}
	free(l);
	free(buf);
	return rc;
}

static int pamcfg_load_impl(ss_pamcfg *c, const ss_tree *t, const char *service)
{
	parser ps = {c, t};
	char path[512];

	memset(c, 0, sizeof(*c));
	if (!service || !*service || strchr(service, '/') || !strcmp(service, "..") ||
	    (size_t)snprintf(path, sizeof(path), "/etc/pam.d/%s", service) >= sizeof(path))
		return ss_error_set(SS_EINVAL, "\"%s\" is not a PAM service name",
				    service ? service : "");
	return parse_file(&ps, path, NULL, 0, false);
}

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static bool has_arg(const ss_pam_rule *r, const char *a)
{
	size_t n = strlen(a);

	for (size_t i = 0; i < r->argc; i++) {
		if (n && a[n - 1] == '=' ? !strncmp(r->argv[i], a, n) : !strcmp(r->argv[i], a))
			return true;
	}
	return false;
}

const ss_pam_rule *ss_pamcfg_find(const ss_pamcfg *c, const char *type, const char *module,
				  const char *const *args)
{
	for (size_t i = 0; i < c->n; i++) {
		const ss_pam_rule *r = &c->r[i];
		bool all = true;

		if (strcasecmp(r->type, type) || strcmp(base(r->module), base(module)))
			continue;
		for (const char *const *a = args; a && *a && all; a++)
			all = has_arg(r, *a);
		if (all)
			return r;
	}
	return NULL;
}

const char *ss_pam_rule_arg(const ss_pam_rule *r, const char *name)
{
	size_t n = strlen(name);
	const char *v = NULL;

	for (size_t i = 0; i < r->argc; i++)
		if (!strncmp(r->argv[i], name, n) && r->argv[i][n] == '=')
			v = r->argv[i] + n + 1;
	return v;
}

int ss_pamcfg_load(ss_pamcfg *c, const ss_tree *t, const char *service)
{
	return ss_tree_error_clean(pamcfg_load_impl(c, t, service));
}
