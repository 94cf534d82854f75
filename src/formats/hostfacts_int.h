/* Shared by the host-fact parsers (accounts.c, mounts.c, auditrules.c,
 * sockets.c): one physical line at a time, in one pass, refusing NUL bytes
 * and lines over the limit with the file and line named. Internal. */
#ifndef SS_FORMATS_HOSTFACTS_INT_H
#define SS_FORMATS_HOSTFACTS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

typedef struct {
	const char *text;
	size_t len, pos;
	unsigned line; /* the line answered, from 1 */
} hf_lines;

/* 1 with *s / *n the next line (without "\n" and a "\r" before it); 0 at
 * the end; SS_ELIMIT or SS_EPARSE naming file and line. */
static inline int hf_next(hf_lines *l, const char *file, size_t max, const char **s, size_t *n)
{
	const char *p, *nl;
	size_t ll;

	if (l->pos >= l->len)
		return 0;
	p = l->text + l->pos;
	nl = memchr(p, '\n', l->len - l->pos);
	ll = nl ? (size_t)(nl - p) : l->len - l->pos;
	l->pos += ll + (nl != NULL);
	l->line++;
	if (ll > max)
		return ss_error_set(SS_ELIMIT, "%s line %u: longer than %d bytes", file, l->line,
				    (int)max);
	if (memchr(p, '\0', ll))
		return ss_error_set(SS_EPARSE, "%s line %u: a NUL byte (not a text file)", file,
				    l->line);
	if (ll && p[ll - 1] == '\r')
		ll--;
	*s = p;
	*n = ll;
	return 1;
}

static inline char *hf_dup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		if (n)
			memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* Grow *v (elements of size) to hold one more than *n. */
static inline int hf_room(void **v, size_t *cap, size_t n, size_t size)
{
	void *nv;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (!(nv = realloc(*v, ncap * size)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	*v = nv;
	*cap = ncap;
	return 0;
}

/* A decimal number of at most 19 digits, no sign, no blanks: 0 and *out,
 * or -1. */
static inline int hf_decimal(const char *s, size_t n, unsigned long long max,
			     unsigned long long *out)
{
	unsigned long long v = 0;

	if (!n || n > 19)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

#endif
