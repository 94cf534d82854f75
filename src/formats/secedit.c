/*
 * Security templates as `secedit /export /cfg FILE` writes them
 * (winexport.h): UTF-16LE INF text of [Section] headers and
 * "name = value" lines, ';' comments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/winexport.h"
#include "util/util.h"

#define LABEL(l) ((l) ? (l) : "security template")

typedef struct {
	const char *key; /* normalised, HKLM\... */
	const char *name;
	const char *text;
	int type;
	uint32_t line;
} regval;

typedef struct {
	const char *right;
	const char **items;
	size_t n;
	uint32_t line;
} priv;

struct ss_secedit {
	ss__winarena arena;
	ss_secedit_entry *e;
	size_t n, cap;
	const ss_secedit_entry **idx; /* entries with a value, by section, name, line */
	size_t ni;
	regval *rv; /* by key, name */
	size_t nrv;
	priv *pv; /* by right */
	size_t npv;
};

static const char *const known[] = {"System Access",   "Event Audit",      "Kerberos Policy",
				    "Registry Values", "Privilege Rights", "Version",
				    "Unicode"};

static bool is_known(const char *section)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!ss__win_casecmp(section, known[i]))
			return true;
	return false;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* s[0, *n) without the blanks around it. */
static const char *trim(const char *s, size_t *n)
{
	while (*n && blank(*s)) {
		s++;
		(*n)--;
	}
	while (*n && blank(s[*n - 1]))
		(*n)--;
	return s;
}

/* Wholly one "quoted" string: its inside. */
static const char *unquote(const char *s, size_t *n)
{
	if (*n >= 2 && s[0] == '"' && s[*n - 1] == '"' && !memchr(s + 1, '"', *n - 2)) {
		*n -= 2;
		return s + 1;
	}
	return s;
}

static int cmp_idx(const void *x, const void *y)
{
	const ss_secedit_entry *a = *(const ss_secedit_entry *const *)x,
			       *b = *(const ss_secedit_entry *const *)y;
	int c = ss__win_casecmp(a->section, b->section);
	if (!c)
		c = ss__win_casecmp(a->name, b->name);
	if (!c)
		c = a->line < b->line ? -1 : a->line > b->line;
	return c;
}

static int cmp_rv(const void *x, const void *y)
{
	const regval *a = x, *b = y;
	int c = ss__win_casecmp(a->key, b->key);
	return c ? c : ss__win_casecmp(a->name, b->name);
}

static int cmp_pv(const void *x, const void *y)
{
	return ss__win_casecmp(((const priv *)x)->right, ((const priv *)y)->right);
}

/* [Registry Values] name=TYPE,DATA into s->rv[s->nrv++]. */
static int reg_value(ss_secedit *s, const ss_secedit_entry *e, const char *label)
{
	const char *v = e->value, *comma = strchr(v, ','), *bs, *data;
	regval *r = &s->rv[s->nrv];
	size_t plen, i;
	char *path;
	long type = 0;
	ss_buf b = SS_BUF_INIT(SS_WIN_LINE_MAX + 16);
	char vn[SS__WIN_VIS], vd[64];
	int rc = 0;

	for (i = 0; v + i < comma && i < 3 && v[i] >= '0' && v[i] <= '9'; i++)
		type = type * 10 + (v[i] - '0');
	if (!comma || i == 0 || v + i != comma ||
	    (type != 1 && type != 2 && type != 3 && type != 4 && type != 7))
		return ss_error_set(SS_EPARSE,
				    "%s: line %lu: [Registry Values] %s: expected TYPE,DATA with "
				    "TYPE 1, 2, 3, 4 or 7 (as 4,1)",
				    LABEL(label), (unsigned long)e->line,
				    ss__win_vis(vn, sizeof(vn), e->name));
	data = comma + 1;
	/* MACHINE\path\name -> HKLM\path, name */
	bs = strrchr(e->name, '\\');
	if (!bs || !bs[1])
		return ss_error_set(SS_EPARSE,
				    "%s: line %lu: [Registry Values] '%s': expected "
				    "MACHINE\\key\\value name",
				    LABEL(label), (unsigned long)e->line,
				    ss__win_vis(vn, sizeof(vn), e->name));
	plen = (size_t)(bs - e->name);
	static const struct {
		const char *from, *to;
	} rootmap[] = {{"MACHINE", "HKLM"}, {"USER", "HKU"}, {"CLASSES_ROOT", "HKCR"}};
	for (i = 0; i < 3; i++) {
		size_t fl = strlen(rootmap[i].from);
		if (plen >= fl && (plen == fl || e->name[fl] == '\\')) {
			char head[16];
			memcpy(head, e->name, fl);
			head[fl] = '\0';
			if (!ss__win_casecmp(head, rootmap[i].from))
				break;
		}
	}
	if (i == 3)
		return ss_error_set(SS_EPARSE,
				    "%s: line %lu: [Registry Values] '%s': the path must start "
				    "with MACHINE\\, USER\\ or CLASSES_ROOT\\",
				    LABEL(label), (unsigned long)e->line,
				    ss__win_vis(vn, sizeof(vn), e->name));
	ss_buf_printf(&b, "%s%.*s", rootmap[i].to, (int)(plen - strlen(rootmap[i].from)),
		      e->name + strlen(rootmap[i].from));
	if (!(path = ss__win_strndup(&s->arena, b.ptr, b.len)))
		goto nomem;
	if (ss_winreg_key_normalise(path, path) < 0) {
		ss_buf_release(&b);
		return ss_error_prefix(SS_EPARSE, "%s: line %lu: [Registry Values]: ", LABEL(label),
				       (unsigned long)e->line);
	}
	r->key = path;
	if (!(r->name = ss__win_strndup(&s->arena, bs + 1, strlen(bs + 1))))
		goto nomem;
	r->type = (int)type;
	r->line = e->line;
	ss_buf_clear(&b);
	if (type == 4) {
		unsigned long long x = 0;
		size_t n = strlen(data), d;
		const char *p = trim(data, &n);
		for (d = 0; d < n && p[d] >= '0' && p[d] <= '9' && x <= 0xFFFFFFFFull; d++)
			x = x * 10 + (unsigned)(p[d] - '0');
		if (d == 0 || d != n || x > 0xFFFFFFFFull) {
			ss_buf_release(&b);
			return ss_error_set(SS_EPARSE,
					    "%s: line %lu: [Registry Values] %s: type 4 (DWORD) "
					    "needs a decimal number from 0 to 4294967295, not '%s'",
					    LABEL(label), (unsigned long)e->line,
					    ss__win_vis(vn, sizeof(vn), e->name),
					    ss__win_vis(vd, sizeof(vd), data));
		}
		rc = ss_buf_printf(&b, "%llu", x);
	} else if (type == 7) {
		const char *p = data;
		for (bool first = true;; first = false) {
			const char *c = strchr(p, ',');
			size_t n = c ? (size_t)(c - p) : strlen(p);
			const char *q = unquote(trim(p, &n), &n);
			if (!first && (rc = ss_buf_putc(&b, SS_WIN_MULTI_SEP)) < 0)
				break;
			if ((rc = ss_buf_put(&b, q, n)) < 0 || !c)
				break;
			p = c + 1;
		}
	} else {
		size_t n = strlen(data);
		const char *q = unquote(trim(data, &n), &n);
		rc = ss_buf_put(&b, q, n);
	}
	if (rc < 0 || !(r->text = ss__win_strndup(&s->arena, b.ptr, b.len)))
		goto nomem;
	ss_buf_release(&b);
	s->nrv++;
	return 0;
nomem:
	ss_buf_release(&b);
	return ss_error_set(SS_ENOMEM, "%s: line %lu", LABEL(label), (unsigned long)e->line);
}

/* [Privilege Rights] right = *SID,name,... into s->pv[s->npv++]. */
static int privilege(ss_secedit *s, const ss_secedit_entry *e, const char *label)
{
	priv *p = &s->pv[s->npv];
	char vn[SS__WIN_VIS];
	const char *v = e->value;
	size_t count = 0, k = 0;

	if (*v) {
		count = 1;
		for (const char *c = v; *c; c++)
			count += *c == ',';
	}
	p->right = e->name;
	p->line = e->line;
	p->n = 0;
	if (!(p->items = malloc((count ? count : 1) * sizeof(*p->items))))
		return ss_error_set(SS_ENOMEM, "%s: line %lu", LABEL(label),
				    (unsigned long)e->line);
	s->npv++;
	for (const char *c = v; count;) {
		const char *end = strchr(c, ',');
		size_t n = end ? (size_t)(end - c) : strlen(c);
		const char *t = unquote(trim(c, &n), &n);
		if (n && t[0] == '*') {
			t++;
			n--;
		}
		if (!n)
			return ss_error_set(
				SS_EPARSE,
				"%s: line %lu: [Privilege Rights] %s: account %zu of the "
				"list is empty",
				LABEL(label), (unsigned long)e->line,
				ss__win_vis(vn, sizeof(vn), e->name), k + 1);
		if (!(p->items[k++] = ss__win_strndup(&s->arena, t, n)))
			return ss_error_set(SS_ENOMEM, "%s: line %lu", LABEL(label),
					    (unsigned long)e->line);
		p->n = k;
		if (!end)
			break;
		c = end + 1;
	}
	return 0;
}

static int finish(ss_secedit *s, const char *label)
{
	char v1[SS__WIN_VIS], v2[SS__WIN_VIS];
	const char *sig = NULL;
	size_t i, nrv = 0, npv = 0;
	int rc;

	s->idx = malloc((s->n ? s->n : 1) * sizeof(*s->idx));
	if (!s->idx)
		return ss_error_set(SS_ENOMEM, "%s: indexing", LABEL(label));
	for (i = 0; i < s->n; i++) {
		const ss_secedit_entry *e = &s->e[i];
		if (!e->value)
			continue;
		s->idx[s->ni++] = e;
		if (!ss__win_casecmp(e->section, "Registry Values"))
			nrv++;
		else if (!ss__win_casecmp(e->section, "Privilege Rights"))
			npv++;
	}
	qsort(s->idx, s->ni, sizeof(*s->idx), cmp_idx);
	for (i = 1; i < s->ni; i++) {
		const ss_secedit_entry *a = s->idx[i - 1], *b = s->idx[i];
		if (is_known(b->section) && !ss__win_casecmp(a->section, b->section) &&
		    !ss__win_casecmp(a->name, b->name))
			return ss_error_set(
				SS_EPARSE, "%s: line %lu: [%s] %s is already set at line %lu",
				LABEL(label), (unsigned long)b->line,
				ss__win_vis(v1, sizeof(v1), b->section),
				ss__win_vis(v2, sizeof(v2), b->name), (unsigned long)a->line);
	}
	if (ss_secedit_get(s, "Version", "signature", &sig) < 0 ||
	    (ss__win_casecmp(sig, "$CHICAGO$") && ss__win_casecmp(sig, "$Windows NT$")))
		return ss_error_set(
			SS_EPARSE,
			"%s: no [Version] section with signature=\"$CHICAGO$\": this is "
			"not a security template (secedit /export writes one)",
			LABEL(label));
	s->rv = malloc((nrv ? nrv : 1) * sizeof(*s->rv));
	s->pv = malloc((npv ? npv : 1) * sizeof(*s->pv));
	if (!s->rv || !s->pv)
		return ss_error_set(SS_ENOMEM, "%s: indexing", LABEL(label));
	for (i = 0; i < s->n; i++) {
		const ss_secedit_entry *e = &s->e[i];
		if (!e->value)
			continue;
		if (!ss__win_casecmp(e->section, "Registry Values")) {
			if ((rc = reg_value(s, e, label)) < 0)
				return rc;
		} else if (!ss__win_casecmp(e->section, "Privilege Rights")) {
			if ((rc = privilege(s, e, label)) < 0)
				return rc;
		}
	}
	qsort(s->rv, s->nrv, sizeof(*s->rv), cmp_rv);
	for (i = 1; i < s->nrv; i++)
		if (!cmp_rv(&s->rv[i - 1], &s->rv[i]))
			return ss_error_set(
				SS_EPARSE,
				"%s: line %lu: [Registry Values] %s\\%s is already set at "
				"line %lu",
				LABEL(label), (unsigned long)s->rv[i].line,
				ss__win_vis(v1, sizeof(v1), s->rv[i].key),
				ss__win_vis(v2, sizeof(v2), s->rv[i].name),
				(unsigned long)s->rv[i - 1].line);
	qsort(s->pv, s->npv, sizeof(*s->pv), cmp_pv);
	return 0;
}

int ss_secedit_parse(ss_secedit **out, const void *data, size_t len, const char *label)
{
	ss__wintext t = {0};
	ss_secedit *s;
	const char *p, *end, *section = NULL;
	size_t lineno = 0;
	char vs[SS__WIN_VIS];
	int rc = 0;

	if ((rc = ss__win_decode(&t, data, len, LABEL(label))) < 0)
		return rc;
	if (!(s = calloc(1, sizeof(*s)))) {
		free(t.text);
		return ss_error_set(SS_ENOMEM, "%s: parsing", LABEL(label));
	}
	for (p = t.text, end = t.text + t.len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *line = p, *eq;
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), i;
		ss_secedit_entry *e;

		p = nl ? nl + 1 : end;
		lineno++;
		if (n && line[n - 1] == '\r')
			n--;
		if (n > SS_WIN_LINE_MAX) {
			rc = ss_error_set(SS_ELIMIT,
					  "%s: line %zu: %zu bytes, more than the limit of %zu",
					  LABEL(label), lineno, n, SS_WIN_LINE_MAX);
			break;
		}
		for (i = 0; i < n && blank(line[i]); i++)
			;
		if (i == n || line[i] == ';')
			continue;
		if (line[i] == '[') {
			size_t m = n - i;
			const char *h = trim(line + i, &m);
			if (m < 2 || h[m - 1] != ']') {
				rc = ss_error_set(
					SS_EPARSE,
					"%s: line %zu, column %zu: a section header must end "
					"with ']'",
					LABEL(label), lineno, ss__win_col(line, n));
				break;
			}
			m -= 2;
			h = trim(h + 1, &m);
			if (!m) {
				rc = ss_error_set(SS_EPARSE, "%s: line %zu: an empty section name",
						  LABEL(label), lineno);
				break;
			}
			if (!(section = ss__win_strndup(&s->arena, h, m))) {
				rc = ss_error_set(SS_ENOMEM, "%s: line %zu", LABEL(label), lineno);
				break;
			}
			continue;
		}
		if (!section) {
			rc = ss_error_set(SS_EPARSE,
					  "%s: line %zu: a setting before any [section] header",
					  LABEL(label), lineno);
			break;
		}
		if (s->n >= SS_WIN_ENTRIES_MAX) {
			rc = ss_error_set(SS_ELIMIT, "%s: line %zu: more than %d settings",
					  LABEL(label), lineno, SS_WIN_ENTRIES_MAX);
			break;
		}
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 64;
			ss_secedit_entry *ne = realloc(s->e, cap * sizeof(*ne));
			if (!ne) {
				rc = ss_error_set(SS_ENOMEM, "%s: line %zu", LABEL(label), lineno);
				break;
			}
			s->e = ne;
			s->cap = cap;
		}
		e = &s->e[s->n];
		e->section = section;
		e->line = (uint32_t)lineno;
		e->value = NULL;
		eq = memchr(line, '=', n);
		if (!eq) {
			if (is_known(section)) {
				rc = ss_error_set(
					SS_EPARSE,
					"%s: line %zu, column %zu: [%s]: expected name = value",
					LABEL(label), lineno, ss__win_col(line, i),
					ss__win_vis(vs, sizeof(vs), section));
				break;
			}
			size_t m = n;
			const char *w = trim(line, &m);
			if (!(e->name = ss__win_strndup(&s->arena, w, m))) {
				rc = ss_error_set(SS_ENOMEM, "%s: line %zu", LABEL(label), lineno);
				break;
			}
		} else {
			size_t kn = (size_t)(eq - line), vn = n - kn - 1;
			const char *k = trim(line, &kn), *v = unquote(trim(eq + 1, &vn), &vn);
			if (!kn) {
				rc = ss_error_set(
					SS_EPARSE,
					"%s: line %zu, column %zu: [%s]: a setting without a "
					"name before '='",
					LABEL(label), lineno, ss__win_col(line, i),
					ss__win_vis(vs, sizeof(vs), section));
				break;
			}
			if (!(e->name = ss__win_strndup(&s->arena, k, kn)) ||
			    !(e->value = ss__win_strndup(&s->arena, v, vn))) {
				rc = ss_error_set(SS_ENOMEM, "%s: line %zu", LABEL(label), lineno);
				break;
			}
		}
		s->n++;
	}
	free(t.text);
	if (!rc)
		rc = finish(s, label);
	if (rc < 0) {
		ss_secedit_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void ss_secedit_free(ss_secedit *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->npv; i++)
		free(s->pv[i].items);
	free(s->pv);
	free(s->rv);
	free(s->idx);
	free(s->e);
	ss__win_arena_free(&s->arena);
	free(s);
}

size_t ss_secedit_count(const ss_secedit *s)
{
	return s ? s->n : 0;
}

const ss_secedit_entry *ss_secedit_at(const ss_secedit *s, size_t i)
{
	return s && i < s->n ? &s->e[i] : NULL;
}

int ss_secedit_get(const ss_secedit *s, const char *section, const char *name, const char **value)
{
	size_t lo = 0, hi = s ? s->ni : 0;

	if (!s || !section || !name)
		return ss_error_set(SS_EINVAL, "ss_secedit_get: no template, section or name");
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ss__win_casecmp(s->idx[mid]->section, section);
		if (!c)
			c = ss__win_casecmp(s->idx[mid]->name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->ni && !ss__win_casecmp(s->idx[lo]->section, section) &&
	    !ss__win_casecmp(s->idx[lo]->name, name)) {
		*value = s->idx[lo]->value;
		return 0;
	}
	return ss_error_set(SS_ENOTFOUND, "security template: [%s] %s is not set", section, name);
}

int ss_secedit_get_int(const ss_secedit *s, const char *section, const char *name, int64_t *value)
{
	const char *v;
	int rc = ss_secedit_get(s, section, name, &v);

	if (rc < 0)
		return rc;
	if (ss_parse_int(value, v, INT64_MIN, INT64_MAX) < 0)
		return ss_error_set(SS_EPARSE,
				    "security template: [%s] %s = '%.60s' is not a number", section,
				    name, v);
	return 0;
}

int ss_secedit_regval(const ss_secedit *s, const char *key, const char *name, int *type,
		      const char **text)
{
	regval q;
	const regval *r;
	char *k;
	int rc;

	if (!s || !key || !name)
		return ss_error_set(SS_EINVAL, "ss_secedit_regval: no template, key or name");
	if (!(k = malloc(strlen(key) + 1)))
		return ss_error_set(SS_ENOMEM, "looking up a registry value");
	if ((rc = ss_winreg_key_normalise(k, key)) < 0) {
		free(k);
		return rc;
	}
	q.key = k;
	q.name = name;
	r = s->nrv ? bsearch(&q, s->rv, s->nrv, sizeof(*s->rv), cmp_rv) : NULL;
	if (!r) {
		rc = ss_error_set(SS_ENOTFOUND,
				  "security template: [Registry Values] has no %s\\%s", k, name);
		free(k);
		return rc;
	}
	free(k);
	*type = r->type;
	*text = r->text;
	return 0;
}

int ss_secedit_privilege(const ss_secedit *s, const char *right, const char *const **items,
			 size_t *n)
{
	priv q = {.right = right};
	const priv *p;

	if (!s || !right)
		return ss_error_set(SS_EINVAL, "ss_secedit_privilege: no template or right");
	p = s->npv ? bsearch(&q, s->pv, s->npv, sizeof(*s->pv), cmp_pv) : NULL;
	if (!p)
		return ss_error_set(
			SS_ENOTFOUND,
			"security template: [Privilege Rights] does not list %s (nobody "
			"holds it)",
			right);
	*items = p->items;
	*n = p->n;
	return 0;
}
