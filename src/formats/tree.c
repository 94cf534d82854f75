/* The helpers of the ss_tree interface (formats/tree.h). */
#include <fnmatch.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/tree.h"
#include "util/util.h"

int ss_tree_error_clean(int rc)
{
	char m[SS_ERROR_MAX];

	if (rc >= 0)
		return rc;
	snprintf(m, sizeof(m), "%s", ss_error_last());
	ss_text_printable(m, false);
	return ss_error_set(rc, "%s", m);
}

void ss_tree_names_free(char **names)
{
	if (!names)
		return;
	for (char **p = names; *p; p++)
		free(*p);
	free(names);
}

typedef struct {
	char **v;
	size_t n, cap, max;
} strvec;

static int vec_add(strvec *s, char *p)
{
	if (!p)
		return ss_error_set(SS_ENOMEM, "glob: out of memory");
	if (s->n == s->max) {
		free(p);
		return ss_error_set(SS_ELIMIT, "glob: more than %zu matches", s->max);
	}
	if (s->n + 1 >= s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 8;
		char **nv = realloc(s->v, ncap * sizeof(*nv));

		if (!nv) {
			free(p);
			return ss_error_set(SS_ENOMEM, "glob: out of memory");
		}
		s->v = nv;
		s->cap = ncap;
	}
	s->v[s->n++] = p;
	s->v[s->n] = NULL;
	return 0;
}

static void vec_free(strvec *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

static char *join(const char *dir, const char *name, size_t nlen)
{
	size_t dlen = strlen(dir);
	char *p = malloc(dlen + nlen + 2);

	if (p) {
		memcpy(p, dir, dlen);
		p[dlen] = '/';
		memcpy(p + dlen + 1, name, nlen);
		p[dlen + 1 + nlen] = '\0';
	}
	return p;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int ss_lines_next(ss_lines *l, const char *label, char **out, unsigned *first)
{
	size_t ll = 0;
	bool got = false;

	while (l->pos < l->len) {
		const char *s = l->text + l->pos, *nl = memchr(s, '\n', l->len - l->pos);
		size_t n = nl ? (size_t)(nl - s) : l->len - l->pos;
		bool cont;

		l->pos += n + (nl != NULL);
		l->line++;
		if (!got)
			*first = l->line;
		got = true;
		if (n && s[n - 1] == '\r')
			n--;
		if (ll && n && l->skip_comment_in_continuation && (s[0] == '#' || s[0] == ';'))
			continue;
		cont = n && s[n - 1] == '\\';
		if (cont)
			n--;
		if (ll + n + 1 > l->max)
			return ss_error_set(SS_ELIMIT, "%s line %u: longer than %d bytes", label,
					    *first, (int)l->max);
		memcpy(l->buf + ll, s, n);
		ll += n;
		if (cont && l->pos < l->len) {
			l->buf[ll++] = ' ';
			continue;
		}
		break;
	}
	if (!got)
		return 0;
	l->buf[ll] = '\0';
	*out = l->buf;
	return 1;
}

int ss_tree_glob(const ss_tree *t, const char *pattern, size_t max, char ***paths)
{
	strvec cur = {0}, next = {0};
	const char *p = pattern;
	int rc = 0;

	*paths = NULL;
	if (!pattern || pattern[0] != '/')
		return ss_error_set(SS_EINVAL, "glob: %s is not an absolute path",
				    pattern ? pattern : "(null)");
	cur.max = next.max = max ? max : 1;
	if ((rc = vec_add(&cur, strdup(""))) < 0)
		return rc;
	while (*p) {
		const char *end;
		size_t len;
		char comp[256];
		bool magic, last;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		end = strchr(p, '/');
		len = end ? (size_t)(end - p) : strlen(p);
		last = true;
		for (const char *q = p + len; *q; q++)
			if (*q != '/')
				last = false;
		if (len >= sizeof(comp)) {
			/* no file name is that long: nothing matches */
			vec_free(&cur);
			break;
		}
		memcpy(comp, p, len);
		comp[len] = '\0';
		p += len;
		magic = strpbrk(comp, "*?[\\") != NULL;
		if (!magic && !last) {
			for (size_t i = 0; i < cur.n; i++) {
				char *j = join(cur.v[i], comp, len);

				if (!j) {
					rc = ss_error_set(SS_ENOMEM, "glob: out of memory");
					goto out;
				}
				free(cur.v[i]);
				cur.v[i] = j;
			}
			continue;
		}
		for (size_t i = 0; i < cur.n; i++) {
			char **names = NULL;
			int lr = t->list(t->ctx, cur.v[i][0] ? cur.v[i] : "/", &names);

			if (lr == SS_ENOTFOUND || lr == SS_EINVAL)
				continue;
			if (lr < 0) {
				rc = lr;
				goto out;
			}
			for (char **n = names; *n; n++) {
				bool hit = magic ? fnmatch(comp, *n, FNM_PERIOD) == 0
						 : !strcmp(comp, *n);

				if (hit &&
				    (rc = vec_add(&next, join(cur.v[i], *n, strlen(*n)))) < 0) {
					ss_tree_names_free(names);
					goto out;
				}
			}
			ss_tree_names_free(names);
		}
		vec_free(&cur);
		cur = next;
		next = (strvec){0};
		next.max = cur.max;
	}
	/* "/" alone, or everything dropped on the way */
	if (cur.n == 1 && !cur.v[0][0]) {
		vec_free(&cur);
		cur.max = max ? max : 1;
		if ((rc = vec_add(&cur, strdup("/"))) < 0)
			goto out;
	}
	if (!cur.v && !(cur.v = calloc(1, sizeof(char *))))
		return ss_error_set(SS_ENOMEM, "glob: out of memory");
	qsort(cur.v, cur.n, sizeof(*cur.v), cmp_str);
	*paths = cur.v;
	return 0;
out:
	vec_free(&cur);
	vec_free(&next);
	return rc;
}
