/* sshd_config as OpenSSH 9.x reads it (formats/sshdcfg.h).
 *
 * The rules, from sshd_config(5) and sshd's servconf.c, in our words:
 * - A line is a keyword and its arguments. The keyword ends at white space
 *   or at one "=" (white space around that "=" allowed); keywords are
 *   matched without regard to case, arguments keep theirs. Arguments are
 *   split at white space; double or single quotes keep white space inside
 *   one argument, a backslash escapes a quote, a backslash or a space; an
 *   argument starting with "#" ends the line (a comment). Empty lines and
 *   lines whose first word starts with "#" are comments. A keyword without
 *   an argument, or an unbalanced quote, stops sshd: an error here too.
 * - For most keywords the first value read wins; a few add every line to
 *   a list (AcceptEnv, AllowUsers and the other allow/deny lists, HostKey,
 *   HostCertificate, ListenAddress, Port, Subsystem).
 * - Include takes one or more paths, each a glob(7) pattern expanded in
 *   lexical order; a relative path is taken under /etc/ssh. A pattern that
 *   matches nothing is not an error; a directory it matches is read as
 *   empty (sshd opens it and gets no line). Includes nest at most 16 deep.
 * - Match starts a conditional block that lasts to the next Match or to
 *   the end of the file. An Include may sit inside a Match block: the
 *   included files are then read under that block's condition, and a Match
 *   inside them starts a block that applies only when the outer one does
 *   too. An included file cannot change its includer's Match state: when
 *   it ends (whatever Match it ended in) reading goes on in the block the
 *   Include was in (servconf.c restores the state after each file).
 * - For a connection, the values set in the Match blocks that apply to it
 *   override the others (first one read among those blocks); "Match all"
 *   applies to every connection.
 * Because Debian's and RHEL's sshd_config include the *.conf files of
 * /etc/ssh/sshd_config.d on their first lines, a drop-in's value beats a
 * later line of the main file. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/sshdcfg.h"
#include "util/util.h"

static const char *const accumulating[] = {
	"acceptenv", "allowgroups",     "allowusers",    "denygroups", "denyusers",
	"hostkey",   "hostcertificate", "listenaddress", "port",       "subsystem",
};

/* Old names sshd still reads as another keyword (servconf.c keywords[]). */
static const char *const aliases[][2] = {
	{"challengeresponseauthentication", "kbdinteractiveauthentication"},
	{"skeyauthentication", "kbdinteractiveauthentication"},
	{"dsaauthentication", "pubkeyauthentication"},
	{"pubkeyacceptedkeytypes", "pubkeyacceptedalgorithms"},
	{"hostbasedacceptedkeytypes", "hostbasedacceptedalgorithms"},
	{"keepalive", "tcpkeepalive"},
	{"authorizedkeysfile2", "authorizedkeysfile"},
	{"hostdsakey", "hostkey"},
	{"verifyreversemapping", "usedns"},
};

/* keyword lower-cased and unaliased into out (at most 63 bytes + NUL);
 * false when longer (no keyword is). */
static bool canonical(char out[64], const char *kw)
{
	size_t i;

	for (i = 0; kw[i]; i++) {
		if (i == 63)
			return false;
		out[i] = (char)tolower((unsigned char)kw[i]);
	}
	out[i] = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(out, aliases[i][0])) {
			size_t n = strlen(aliases[i][1]);

			memcpy(out, aliases[i][1], n + 1);
			break;
		}
	return true;
}

bool ss_sshd_accumulates(const char *keyword)
{
	char k[64];

	if (!canonical(k, keyword))
		return false;
	for (size_t i = 0; i < sizeof(accumulating) / sizeof(accumulating[0]); i++)
		if (!strcmp(k, accumulating[i]))
			return true;
	return false;
}

static void free_argv(char **argv, size_t argc)
{
	if (!argv)
		return;
	for (size_t i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

void ss_sshdcfg_release(ss_sshdcfg *cfg)
{
	for (size_t i = 0; i < cfg->nset; i++) {
		free(cfg->set[i].keyword);
		free(cfg->set[i].value);
		free_argv(cfg->set[i].argv, cfg->set[i].argc);
	}
	free(cfg->set);
	for (size_t i = 0; i < cfg->nmatch; i++) {
		free(cfg->match[i].criteria);
		free_argv(cfg->match[i].argv, cfg->match[i].argc);
	}
	free(cfg->match);
	for (size_t i = 0; i < cfg->nfiles; i++)
		free(cfg->files[i]);
	free(cfg->files);
	memset(cfg, 0, sizeof(*cfg));
}

static int grow(void **v, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *nv;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (ncap < need)
		ncap = need;
	if (!(nv = realloc(*v, ncap * size)))
		return ss_error_set(SS_ENOMEM, "sshd_config: out of memory");
	*v = nv;
	*cap = ncap;
	return 0;
}

/* Split s as sshd's argv_split does (quotes, backslash escapes, a "#" at
 * the start of an argument ends the line). */
static int split_args(const char *s, char ***argv, size_t *argc, const char *file, unsigned line)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	size_t len = strlen(s);
	char *arg = NULL;
	int rc = 0;

	*argv = NULL;
	*argc = 0;
	for (size_t i = 0; i < len; i++) {
		size_t j = 0;
		char quote = 0;

		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (s[i] == '#')
			break;
		if (n == SS_SSHD_ARGS_MAX) {
			rc = ss_error_set(SS_ELIMIT, "%s line %u: more than %d arguments", file,
					  line, SS_SSHD_ARGS_MAX);
			goto fail;
		}
		if (!(arg = malloc(len - i + 1))) {
			rc = ss_error_set(SS_ENOMEM, "sshd_config: out of memory");
			goto fail;
		}
		for (; i < len; i++) {
			char c = s[i];

			if (c == '\\' && i + 1 < len &&
			    (s[i + 1] == '\'' || s[i + 1] == '"' || s[i + 1] == '\\' ||
			     (!quote && s[i + 1] == ' ')))
				arg[j++] = s[++i];
			else if (!quote && (c == ' ' || c == '\t'))
				break;
			else if (!quote && (c == '"' || c == '\''))
				quote = c;
			else if (quote && c == quote)
				quote = 0;
			else
				arg[j++] = c;
		}
		if (quote) {
			rc = ss_error_set(SS_EPARSE, "%s line %u: invalid quotes", file, line);
			goto fail;
		}
		arg[j] = '\0';
		if ((rc = grow((void **)&v, &cap, n + 2, sizeof(*v))) < 0)
			goto fail;
		v[n++] = arg;
		v[n] = NULL;
		arg = NULL;
	}
	if (!v && !(v = calloc(1, sizeof(*v))))
		return ss_error_set(SS_ENOMEM, "sshd_config: out of memory");
	*argv = v;
	*argc = n;
	return 0;
fail:
	free(arg);
	free_argv(v, n);
	return rc;
}

static char *join_args(char **argv, size_t argc)
{
	size_t len = 1;
	char *s, *p;

	for (size_t i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if (!(s = p = malloc(len)))
		return NULL;
	*p = '\0';
	for (size_t i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]);

		if (i)
			*p++ = ' ';
		memcpy(p, argv[i], l + 1);
		p += l;
	}
	return s;
}

typedef struct {
	ss_sshdcfg *cfg;
	const ss_tree *t;
} parser;

static int parse_file(parser *ps, const char *path, int depth, int *cur);

static int do_include(parser *ps, char **argv, size_t argc, const char *file, unsigned line,
		      int depth, int *cur)
{
	for (size_t i = 0; i < argc; i++) {
		const char *a = argv[i];
		char *pattern;
		char **paths = NULL;
		int rc;
		size_t alen = strlen(a);

		if (!*a)
			continue;
		if (depth + 1 > SS_SSHD_DEPTH_MAX)
			return ss_error_set(SS_ELIMIT,
					    "%s line %u: Includes nested more than %d deep", file,
					    line, SS_SSHD_DEPTH_MAX);
		/* "~" is not expanded by sshd: such a pattern matches nothing */
		if (a[0] == '~')
			continue;
		if (!(pattern = malloc(alen + sizeof("/etc/ssh/"))))
			return ss_error_set(SS_ENOMEM, "sshd_config: out of memory");
		if (a[0] == '/')
			memcpy(pattern, a, alen + 1);
		else {
			memcpy(pattern, "/etc/ssh/", 9);
			memcpy(pattern + 9, a, alen + 1);
		}
		rc = ss_tree_glob(ps->t, pattern, SS_SSHD_FILES_MAX, &paths);
		free(pattern);
		if (rc < 0)
			return ss_error_prefix(rc, "%s line %u: Include %s: ", file, line, a);
		for (char **p = paths; *p; p++) {
			int saved = *cur;

			if (ps->cfg->nfiles >= SS_SSHD_FILES_MAX) {
				ss_tree_names_free(paths);
				return ss_error_set(SS_ELIMIT,
						    "%s line %u: more than %d files included", file,
						    line, SS_SSHD_FILES_MAX);
			}
			if ((rc = parse_file(ps, *p, depth + 1, cur)) < 0) {
				ss_tree_names_free(paths);
				return rc;
			}
			/* the included file cannot change its includer's Match state */
			*cur = saved;
		}
		ss_tree_names_free(paths);
	}
	return 0;
}

static int add_match(parser *ps, char **argv, size_t argc, const char *file, unsigned line,
		     int parent, int *cur)
{
	ss_sshdcfg *c = ps->cfg;
	ss_sshd_match *m;
	bool all = false;
	int rc;

	if (argc == 0) {
		free_argv(argv, argc);
		return ss_error_set(SS_EPARSE, "%s line %u: Match without criteria", file, line);
	}
	for (size_t i = 0; i < argc; i++)
		if (!strcasecmp(argv[i], "all")) {
			if (argc != 1) {
				free_argv(argv, argc);
				return ss_error_set(
					SS_EPARSE,
					"%s line %u: 'all' cannot be combined with other Match "
					"criteria",
					file, line);
			}
			all = true;
		}
	if (c->nmatch == SS_SSHD_MATCHES_MAX) {
		free_argv(argv, argc);
		return ss_error_set(SS_ELIMIT, "%s line %u: more than %d Match blocks", file, line,
				    SS_SSHD_MATCHES_MAX);
	}
	if ((rc = grow((void **)&c->match, &c->capmatch, c->nmatch + 1, sizeof(*c->match))) < 0) {
		free_argv(argv, argc);
		return rc;
	}
	m = &c->match[c->nmatch];
	memset(m, 0, sizeof(*m));
	m->argv = argv;
	m->argc = argc;
	m->file = file;
	m->line = line;
	m->parent = parent;
	m->all = all;
	if (!(m->criteria = join_args(argv, argc))) {
		free_argv(argv, argc);
		return ss_error_set(SS_ENOMEM, "sshd_config: out of memory");
	}
	*cur = (int)c->nmatch++;
	return 0;
}

static int add_setting(parser *ps, const char *kw, char **argv, size_t argc, const char *file,
		       unsigned line, int cur)
{
	ss_sshdcfg *c = ps->cfg;
	ss_sshd_setting *s;
	int rc;

	if (c->nset == SS_SSHD_SETTINGS_MAX) {
		free_argv(argv, argc);
		return ss_error_set(SS_ELIMIT, "%s line %u: more than %d settings", file, line,
				    SS_SSHD_SETTINGS_MAX);
	}
	if ((rc = grow((void **)&c->set, &c->capset, c->nset + 1, sizeof(*c->set))) < 0) {
		free_argv(argv, argc);
		return rc;
	}
	s = &c->set[c->nset];
	memset(s, 0, sizeof(*s));
	s->argv = argv;
	s->argc = argc;
	s->file = file;
	s->line = line;
	s->match = cur;
	c->nset++;
	if (!(s->keyword = strdup(kw)) || !(s->value = join_args(argv, argc)))
		return ss_error_set(SS_ENOMEM, "sshd_config: out of memory");
	return 0;
}

/* One line (NUL-terminated, without its newline). base: the Match block
 * the file was included under; *cur: the block the line is in. */
static int parse_line(parser *ps, char *l, const char *file, unsigned line, int depth, int base,
		      int *cur)
{
	size_t len = strlen(l);
	char *kw, *rest;
	char k[64];
	char **argv;
	size_t argc;
	int rc;

	while (len && strchr(" \t\r\n\f", l[len - 1]))
		l[--len] = '\0';
	while (*l == ' ' || *l == '\t' || *l == '\r' || *l == '\n')
		l++;
	if (!*l || *l == '#')
		return 0;
	kw = l;
	rest = l + strcspn(l, " \t\r\n\"=");
	if (*rest == '"')
		return ss_error_set(SS_EPARSE, "%s line %u: a quote in the keyword", file, line);
	if (*rest == '=') {
		*rest++ = '\0';
		rest += strspn(rest, " \t\r\n");
	} else if (*rest) {
		*rest++ = '\0';
		rest += strspn(rest, " \t\r\n");
		if (*rest == '=') {
			rest++;
			rest += strspn(rest, " \t\r\n");
		}
	}
	if (!canonical(k, kw))
		return ss_error_set(SS_EPARSE, "%s line %u: unknown keyword", file, line);
	if (!*rest)
		return ss_error_set(SS_EPARSE, "%s line %u: no argument after keyword \"%s\"", file,
				    line, k);
	if ((rc = split_args(rest, &argv, &argc, file, line)) < 0)
		return rc;
	if (!strcmp(k, "match"))
		return add_match(ps, argv, argc, file, line, base, cur);
	if (argc == 0) {
		free_argv(argv, argc);
		return ss_error_set(SS_EPARSE, "%s line %u: no argument after keyword \"%s\"", file,
				    line, k);
	}
	if (!strcmp(k, "include")) {
		rc = do_include(ps, argv, argc, file, line, depth, cur);
		free_argv(argv, argc);
		return rc;
	}
	return add_setting(ps, k, argv, argc, file, line, *cur);
}

static int parse_file(parser *ps, const char *path, int depth, int *cur)
{
	ss_sshdcfg *c = ps->cfg;
	char *buf = NULL, *name, *l;
	size_t len = 0, pos = 0;
	unsigned line = 0;
	int base = *cur, rc;

	if (c->nfiles == SS_SSHD_FILES_MAX)
		return ss_error_set(SS_ELIMIT, "%s: more than %d files included", path,
				    SS_SSHD_FILES_MAX);
	if ((rc = grow((void **)&c->files, &c->capfiles, c->nfiles + 1, sizeof(*c->files))) < 0)
		return rc;
	if (!(name = strdup(path)))
		return ss_error_set(SS_ENOMEM, "sshd_config: out of memory");
	c->files[c->nfiles++] = name;
	if ((rc = ps->t->read(ps->t->ctx, path, SS_SSHD_FILE_MAX, &buf, &len)) < 0) {
		char **names = NULL;

		/* an Include that matches a directory: sshd opens it and reads
		 * no line from it */
		if (rc == SS_EINVAL && depth > 0) {
			char why[SS_ERROR_MAX];

			snprintf(why, sizeof(why), "%s", ss_error_last());
			if (ps->t->list(ps->t->ctx, path, &names) == 0) {
				ss_tree_names_free(names);
				ss_error_clear();
				return 0;
			}
			return ss_error_set(rc, "%s", why);
		}
		return rc;
	}
	if (len && memchr(buf, '\0', len)) {
		size_t at = (size_t)((char *)memchr(buf, '\0', len) - buf);
		unsigned ln = 1;

		for (size_t i = 0; i < at; i++)
			ln += buf[i] == '\n';
		free(buf);
		return ss_error_set(SS_EPARSE, "%s line %u: a NUL byte (not a text file)", name,
				    ln);
	}
	if (!(l = malloc(SS_SSHD_LINE_MAX + 1))) {
		free(buf);
		return ss_error_set(SS_ENOMEM, "sshd_config: out of memory");
	}
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - (buf + pos)) : len - pos;

		line++;
		if (ll > SS_SSHD_LINE_MAX) {
			rc = ss_error_set(SS_ELIMIT, "%s line %u: longer than %d bytes", name, line,
					  SS_SSHD_LINE_MAX);
			break;
		}
		memcpy(l, buf + pos, ll);
		l[ll] = '\0';
		pos += ll + (nl != NULL);
		if ((rc = parse_line(ps, l, name, line, depth, base, cur)) < 0)
			break;
	}
	free(l);
	free(buf);
	return rc;
}

static int sshdcfg_load_impl(ss_sshdcfg *cfg, const ss_tree *t, const char *path)
{
	parser ps = {cfg, t};
	int cur = -1;

	memset(cfg, 0, sizeof(*cfg));
	return parse_file(&ps, path ? path : SS_SSHD_CONFIG, 0, &cur);
}

bool ss_sshdcfg_match_always(const ss_sshdcfg *cfg, int m)
{
	int steps = 0;

	while (m >= 0 && (size_t)m < cfg->nmatch && steps++ <= SS_SSHD_DEPTH_MAX + 1) {
		if (!cfg->match[m].all)
			return false;
		m = cfg->match[m].parent;
	}
	return m < 0;
}

const ss_sshd_setting *ss_sshdcfg_effective(const ss_sshdcfg *cfg, const char *keyword)
{
	const ss_sshd_setting *global = NULL;
	char k[64];

	if (!canonical(k, keyword))
		return NULL;
	for (size_t i = 0; i < cfg->nset; i++) {
		const ss_sshd_setting *s = &cfg->set[i];

		if (strcmp(s->keyword, k))
			continue;
		if (s->match >= 0 && ss_sshdcfg_match_always(cfg, s->match))
			return s;
		if (s->match < 0 && !global)
			global = s;
	}
	return global;
}

size_t ss_sshdcfg_effective_all(const ss_sshdcfg *cfg, const char *keyword,
				const ss_sshd_setting **out, size_t max)
{
	bool in_always = false;
	size_t n = 0;
	char k[64];

	if (!canonical(k, keyword))
		return 0;
	/* lists set in Match all blocks replace the others */
	for (size_t i = 0; i < cfg->nset; i++)
		if (!strcmp(cfg->set[i].keyword, k) && cfg->set[i].match >= 0 &&
		    ss_sshdcfg_match_always(cfg, cfg->set[i].match))
			in_always = true;
	for (size_t i = 0; i < cfg->nset; i++) {
		const ss_sshd_setting *s = &cfg->set[i];
		bool take = in_always ? s->match >= 0 && ss_sshdcfg_match_always(cfg, s->match)
				      : s->match < 0;

		if (strcmp(s->keyword, k) || !take)
			continue;
		if (n < max)
			out[n] = s;
		n++;
	}
	return n;
}

size_t ss_sshdcfg_overrides(const ss_sshdcfg *cfg, const char *keyword, const ss_sshd_setting **out,
			    size_t max)
{
	const ss_sshd_setting *eff = ss_sshdcfg_effective(cfg, keyword);
	unsigned char *seen;
	size_t n = 0;
	char k[64];

	if (!canonical(k, keyword) || !cfg->nmatch || !(seen = calloc(cfg->nmatch, 1)))
		return 0;
	/* one pass: the first line of keyword in each block, in file order */
	for (size_t i = 0; i < cfg->nset; i++) {
		const ss_sshd_setting *s = &cfg->set[i];

		if (s->match < 0 || seen[s->match] || strcmp(s->keyword, k))
			continue;
		seen[s->match] = 1;
		if (ss_sshdcfg_match_always(cfg, s->match))
			continue;
		if (!eff || strcmp(s->value, eff->value)) {
			if (n < max)
				out[n] = s;
			n++;
		}
	}
	free(seen);
	return n;
}

int ss_sshdcfg_load(ss_sshdcfg *cfg, const ss_tree *t, const char *path)
{
	return ss_tree_error_clean(sshdcfg_load_impl(cfg, t, path));
}
