/*
 * Version order per ecosystem. Each version is parsed into a key: a byte
 * string whose memcmp order is the ecosystem's order (Maven: an item tree,
 * walked). Numbers are [length][digits without leading zeros], so that any
 * number of digits compares right without overflow. The layout of each key
 * is in docs/internals/versions.md.
 */
#include <stdio.h>
#include <string.h>

#include "formats/version.h"
#include "util/util.h"

#define NUM_DIGITS_MAX 64

typedef struct {
	unsigned char *b;
	size_t len;
	bool over;
} kb;

static void put(kb *k, unsigned char c)
{
	if (k->len >= SS_VKEY_MAX) {
		k->over = true;
		return;
	}
	k->b[k->len++] = c;
}

static void putn(kb *k, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(k, (unsigned char)s[i]);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_digit(c) || is_alpha(c);
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static size_t digits(const char *s, size_t i, size_t n)
{
	size_t j = i;

	while (j < n && is_digit(s[j]))
		j++;
	return j - i;
}

static bool all_zero(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '0')
			return false;
	return true;
}

/* A number: [length][digits], leading zeros dropped (zero is [0]). */
static const char *put_num(kb *k, const char *s, size_t n)
{
	while (n > 0 && *s == '0') {
		s++;
		n--;
	}
	if (n > NUM_DIGITS_MAX)
		return N_("a number has more than 64 digits");
	put(k, (unsigned char)n);
	putn(k, s, n);
	return NULL;
}

/* ---- SemVer and its kin -------------------------------------------------- */

/* A Go toolchain version as SBOMs give the stdlib's ("go1.21.3", "go1.20",
 * "go1.21rc2"): the SemVer key of v1.21.3, v1.20.0, v1.21.0-rc.2, as
 * golang.org/x/vuln converts them. */
static const char *go_toolchain_key(kb *k, const char *s, size_t n)
{
	size_t i = 2, d, parts = 0;
	const char *err;

	for (;;) {
		if ((d = digits(s, i, n)) == 0)
			return N_("a numeric part is empty");
		if (d > 1 && s[i] == '0')
			return N_("a numeric part has a leading zero");
		if ((err = put_num(k, s + i, d)))
			return err;
		i += d;
		if (++parts < 3 && i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
			i++;
			continue;
		}
		break;
	}
	if (parts < 2)
		return N_("a Go release needs at least two numeric parts (go1.21)");
	if (parts == 2)
		put(k, 0);
	if (i == n) {
		put(k, 0xF0);
		return NULL;
	}
	if (n - i > 4 && !memcmp(s + i, "beta", 4))
		d = 4;
	else if (n - i > 2 && !memcmp(s + i, "rc", 2))
		d = 2;
	else
		return N_("unexpected character after the version");
	put(k, 0x10);
	put(k, 0x30);
	putn(k, s + i, d);
	put(k, 0);
	i += d;
	if (digits(s, i, n) != n - i)
		return N_("unexpected character after the version");
	put(k, 0x20);
	if ((err = put_num(k, s + i, n - i)))
		return err;
	put(k, 0x01);
	return NULL;
}

/*
 * [major][minor][patch]([revision] for NuGet), then 0xF0 for a release or
 * 0x10 and the pre-release identifiers: 0x20 number | 0x30 text 0x00,
 * closed by 0x01 (fewer identifiers sort first). Build metadata is checked
 * and dropped.
 */
static const char *semver_key(kb *k, const char *s, size_t n, ss_ecosystem eco)
{
	bool loose = eco == SS_ECO_NPM, nuget = eco == SS_ECO_NUGET;
	bool zeros_ok = loose || nuget;
	size_t i = 0, parts = 0, maxparts = nuget ? 4 : 3;
	const char *err;

	if (loose) {
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		while (i < n &&
		       (s[i] == ' ' || s[i] == '\t' || s[i] == '=' || s[i] == 'v' || s[i] == 'V'))
			i++;
	} else if (eco == SS_ECO_GO && i < n && s[i] == 'v') {
		i++;
	} else if (eco == SS_ECO_GO && n > 2 && s[0] == 'g' && s[1] == 'o' && is_digit(s[2])) {
		return go_toolchain_key(k, s, n);
	}
	for (;;) {
		size_t d = digits(s, i, n);

		if (d == 0)
			return parts == 0 ? N_("it does not start with a number")
					  : N_("a numeric part is empty");
		if (!zeros_ok && d > 1 && s[i] == '0')
			return N_("a numeric part has a leading zero");
		if ((err = put_num(k, s + i, d)))
			return err;
		i += d;
		parts++;
		if (parts < maxparts && i < n && s[i] == '.' && i + 1 < n && is_digit(s[i + 1])) {
			i++;
			continue;
		}
		break;
	}
	if (parts < 3) {
		bool ok = nuget || (eco == SS_ECO_GO && i == n);

		if (!ok)
			return N_("it needs three numeric parts (MAJOR.MINOR.PATCH)");
	}
	for (size_t p = parts; p < (nuget ? 4u : 3u); p++)
		put(k, 0);
	if (i < n && (s[i] == '-' || (loose && is_alpha(s[i])))) {
		if (s[i] == '-')
			i++;
		put(k, 0x10);
		for (;;) {
			size_t j = i;
			bool num = true;

			while (j < n && (is_alnum(s[j]) || s[j] == '-')) {
				if (!is_digit(s[j]))
					num = false;
				j++;
			}
			if (j == i)
				return N_("a pre-release identifier is empty");
			if (num) {
				if (!zeros_ok && j - i > 1 && s[i] == '0')
					return N_("a numeric pre-release identifier has a "
						  "leading zero");
				put(k, 0x20);
				if ((err = put_num(k, s + i, j - i)))
					return err;
			} else {
				put(k, 0x30);
				for (size_t c = i; c < j; c++)
					put(k, (unsigned char)(nuget ? lower(s[c]) : s[c]));
				put(k, 0);
			}
			i = j;
			if (i < n && s[i] == '.') {
				i++;
				continue;
			}
			break;
		}
		put(k, 0x01);
	} else {
		put(k, 0xF0);
	}
	if (i < n && s[i] == '+') {
		i++;
		for (;;) {
			size_t j = i;

			while (j < n && (is_alnum(s[j]) || s[j] == '-'))
				j++;
			if (j == i)
				return N_("a build metadata identifier is empty");
			i = j;
			if (i < n && s[i] == '.') {
				i++;
				continue;
			}
			break;
		}
	}
	if (i != n)
		return N_("unexpected character after the version");
	return NULL;
}

/* ---- PEP 440 ----------------------------------------------------------- */

static bool pep_sep(char c)
{
	return c == '-' || c == '_' || c == '.';
}

/* The word of words[] that s[i..] starts with (longest listed first), or -1. */
static int pep_word(const char *s, size_t i, size_t n, const char *const *words, size_t *len)
{
	for (int w = 0; words[w]; w++) {
		size_t l = strlen(words[w]);

		if (n - i >= l && memcmp(s + i, words[w], l) == 0) {
			*len = l;
			return w;
		}
	}
	return -1;
}

/* [sep]word[[sep]N] at *i: the word's index and N (as a span; empty for 0). */
static int pep_part(const char *s, size_t *i, size_t n, const char *const *words, size_t *num,
		    size_t *numlen)
{
	size_t j = *i, l = 0;
	int w;

	if (j < n && pep_sep(s[j]))
		j++;
	if ((w = pep_word(s, j, n, words, &l)) < 0)
		return -1;
	j += l;
	if (j < n && pep_sep(s[j])) /* "1.0a." is 1.0a0, as packaging's pattern has it */
		j++;
	*num = j;
	*numlen = digits(s, j, n);
	*i = j + *numlen;
	return w;
}

/*
 * [epoch][0x02 number ... 0x01: release, trailing zeros dropped]
 * [pre: 0x00 (a dev release of no pre or post) | 0x10+kind number | 0xFF]
 * [post: 0x00 none | 0x02 number][dev: 0x02 number | 0xFF none]
 * [local: 0x00 none | 0x01 (0x02 text 0x00 | 0x03 number)... 0x01]
 */
static const char *pep440_key(kb *k, const char *in, size_t n)
{
	static const char *const pre_w[] = {"alpha", "beta", "preview", "pre", "rc",
					    "a",     "b",    "c",       NULL};
	static const int pre_rank[] = {0, 1, 2, 2, 2, 0, 1, 2};
	static const char *const post_w[] = {"post", "rev", "r", NULL};
	static const char *const dev_w[] = {"dev", NULL};
	char s[SS_VERSION_MAX];
	size_t i = 0, d, rel_start, rel_end, num = 0, numlen = 0;
	int pre = -1, post = -1, dev = -1;
	size_t pre_n = 0, pre_l = 0, post_n = 0, post_l = 0, dev_n = 0, dev_l = 0;
	const char *err;

	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t' || in[n - 1] == '\n'))
		n--;
	while (n > 0 && (*in == ' ' || *in == '\t' || *in == '\n')) {
		in++;
		n--;
	}
	for (size_t c = 0; c < n; c++)
		s[c] = lower(in[c]);
	if (i < n && s[i] == 'v')
		i++;
	d = digits(s, i, n);
	if (d == 0)
		return N_("it does not start with a number");
	if (i + d < n && s[i + d] == '!') {
		if ((err = put_num(k, s + i, d)))
			return err;
		i += d + 1;
	} else {
		put(k, 0);
	}
	rel_start = i;
	if (digits(s, i, n) == 0)
		return N_("the release segment is missing");
	for (;;) {
		i += digits(s, i, n);
		if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
			i++;
			continue;
		}
		break;
	}
	rel_end = i;
	{
		/* the components, without the trailing zeros */
		size_t last = rel_start, p = rel_start;

		while (p < rel_end) {
			size_t l = digits(s, p, rel_end);

			if (!all_zero(s + p, l))
				last = p + l;
			p += l + 1;
		}
		p = rel_start;
		while (p < last) {
			size_t l = digits(s, p, rel_end);

			put(k, 0x02);
			if ((err = put_num(k, s + p, l)))
				return err;
			p += l + 1;
		}
		put(k, 0x01);
	}
	{
		size_t j = i;
		int w = pep_part(s, &j, n, pre_w, &num, &numlen);

		if (w >= 0) {
			pre = pre_rank[w];
			pre_n = num;
			pre_l = numlen;
			i = j;
		}
	}
	{
		size_t j = i;

		if (j + 1 < n && s[j] == '-' && is_digit(s[j + 1])) {
			post = 0;
			post_n = j + 1;
			post_l = digits(s, j + 1, n);
			i = j + 1 + post_l;
		} else if (pep_part(s, &j, n, post_w, &num, &numlen) >= 0) {
			post = 0;
			post_n = num;
			post_l = numlen;
			i = j;
		}
	}
	{
		size_t j = i;

		if (pep_part(s, &j, n, dev_w, &num, &numlen) >= 0) {
			dev = 0;
			dev_n = num;
			dev_l = numlen;
			i = j;
		}
	}
	if (pre < 0 && post < 0 && dev >= 0) {
		put(k, 0x00);
	} else if (pre < 0) {
		put(k, 0xFF);
	} else {
		put(k, (unsigned char)(0x10 + pre));
		if ((err = put_num(k, s + pre_n, pre_l)))
			return err;
	}
	if (post < 0) {
		put(k, 0x00);
	} else {
		put(k, 0x02);
		if ((err = put_num(k, s + post_n, post_l)))
			return err;
	}
	if (dev < 0) {
		put(k, 0xFF);
	} else {
		put(k, 0x02);
		if ((err = put_num(k, s + dev_n, dev_l)))
			return err;
	}
	if (i < n && s[i] == '+') {
		i++;
		put(k, 0x01);
		for (;;) {
			size_t j = i;
			bool numeric = true;

			while (j < n && is_alnum(s[j])) {
				if (!is_digit(s[j]))
					numeric = false;
				j++;
			}
			if (j == i)
				return N_("a local version segment is empty");
			if (numeric) {
				put(k, 0x03);
				if ((err = put_num(k, s + i, j - i)))
					return err;
			} else {
				put(k, 0x02);
				putn(k, s + i, j - i);
				put(k, 0x00);
			}
			i = j;
			if (i < n && pep_sep(s[i])) {
				i++;
				continue;
			}
			break;
		}
		put(k, 0x01);
	} else {
		put(k, 0x00);
	}
	if (i != n)
		return N_("unexpected character (PEP 440 allows epoch!release, a/b/rc, .post, .dev "
			  "and +local)");
	return NULL;
}

/* ---- Debian ------------------------------------------------------------- */

/* dpkg's verrevcmp as bytes: each non-digit run (~ 0x01, letters as they
 * are, other characters 0x80+c) closed by 0x02 and followed by its number;
 * the first pair always present; the end 0x02. */
static const char *deb_part(kb *k, const char *s, size_t n)
{
	size_t i = 0;
	const char *err;

	do {
		while (i < n && !is_digit(s[i])) {
			char c = s[i++];

			if (c == '~')
				put(k, 0x01);
			else if (is_alpha(c))
				put(k, (unsigned char)c);
			else
				put(k, (unsigned char)(0x80 + c));
		}
		put(k, 0x02);
		{
			size_t d = digits(s, i, n);

			if ((err = put_num(k, s + i, d)))
				return err;
			i += d;
		}
	} while (i < n);
	put(k, 0x02);
	return NULL;
}

static const char *debian_key(kb *k, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n), *up = s, *rev = NULL, *err;
	size_t upn = n, revn = 0;

	if (colon) {
		size_t en = (size_t)(colon - s);

		if (en == 0 || digits(s, 0, en) != en)
			return N_("the epoch (before ':') is not a number");
		if ((err = put_num(k, s, en)))
			return err;
		up = colon + 1;
		upn = n - en - 1;
	} else {
		put(k, 0);
	}
	for (size_t i = upn; i > 0; i--) {
		if (up[i - 1] == '-') {
			rev = up + i;
			revn = upn - i;
			upn = i - 1;
			break;
		}
	}
	if (upn == 0)
		return N_("the upstream version is empty");
	if (!is_digit(up[0]))
		return N_("the upstream version does not start with a digit");
	for (size_t i = 0; i < upn; i++)
		if (!is_alnum(up[i]) && !strchr(".-+~:", up[i]))
			return N_(
				"the upstream version holds a character other than A-Za-z0-9.+-~:");
	if (rev && revn == 0)
		return N_("the revision (after the last '-') is empty");
	for (size_t i = 0; i < revn; i++)
		if (!is_alnum(rev[i]) && !strchr(".+~", rev[i]))
			return N_("the revision holds a character other than A-Za-z0-9.+~");
	if ((err = deb_part(k, up, upn)))
		return err;
	return deb_part(k, rev ? rev : "", revn);
}

/* ---- RPM ---------------------------------------------------------------- */

/* rpmvercmp as bytes: ~ 0x01, the end 0x02, ^ 0x03, a letter run 0x04 text
 * 0x00, a digit run 0x05 number; other characters separate and are dropped. */
static const char *rpm_part(kb *k, const char *s, size_t n)
{
	size_t i = 0;
	const char *err;

	while (i < n) {
		if (s[i] == '~') {
			put(k, 0x01);
			i++;
		} else if (s[i] == '^') {
			put(k, 0x03);
			i++;
		} else if (is_digit(s[i])) {
			size_t d = digits(s, i, n);

			put(k, 0x05);
			if ((err = put_num(k, s + i, d)))
				return err;
			i += d;
		} else if (is_alpha(s[i])) {
			put(k, 0x04);
			while (i < n && is_alpha(s[i]))
				put(k, (unsigned char)s[i++]);
			put(k, 0x00);
		} else {
			i++;
		}
	}
	put(k, 0x02);
	return NULL;
}

static const char *rpm_key(kb *k, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n), *v = s, *rel = NULL, *err;
	size_t vn = n, reln = 0;

	if (colon) {
		size_t en = (size_t)(colon - s);

		if (en == 0 || digits(s, 0, en) != en)
			return N_("the epoch (before ':') is not a number");
		if ((err = put_num(k, s, en)))
			return err;
		v = colon + 1;
		vn = n - en - 1;
	} else {
		put(k, 0);
	}
	if (memchr(v, ':', vn))
		return N_("more than one ':'");
	for (size_t i = vn; i > 0; i--) {
		if (v[i - 1] == '-') {
			rel = v + i;
			reln = vn - i;
			vn = i - 1;
			break;
		}
	}
	if (vn == 0)
		return N_("the version is empty");
	if (rel && reln == 0)
		return N_("the release (after the last '-') is empty");
	if ((err = rpm_part(k, v, vn)))
		return err;
	if (!rel) {
		put(k, 0x00); /* no release: before any release, "~" included (as rpm.vercmp) */
		return NULL;
	}
	return rpm_part(k, rel, reln);
}

/* ---- generic ------------------------------------------------------------ */

/* Digit runs 0x03 number, letter runs (lowercased) 0x02 text 0x00, other
 * characters separate; trailing zero numbers dropped; the end 0x01. */
static const char *generic_key(kb *k, const char *s, size_t n)
{
	size_t i = 0, keep = 0;
	bool any = false;
	const char *err;

	while (i < n) {
		if (is_digit(s[i])) {
			size_t d = digits(s, i, n);

			put(k, 0x03);
			if ((err = put_num(k, s + i, d)))
				return err;
			if (!all_zero(s + i, d))
				keep = k->len;
			i += d;
			any = true;
		} else if (is_alpha(s[i])) {
			put(k, 0x02);
			while (i < n && is_alpha(s[i]))
				put(k, (unsigned char)lower(s[i++]));
			put(k, 0x00);
			keep = k->len;
			any = true;
		} else {
			i++;
		}
	}
	if (!any)
		return N_("it holds no letter or digit");
	k->len = keep;
	put(k, 0x01);
	return NULL;
}

/* ---- Maven -------------------------------------------------------------- */

/*
 * ComparableVersion: items are numbers, qualifiers and lists (a '-' or a
 * change between digits and letters opens a list). The key is the tree:
 * 'I' number | 'S' comparable qualifier 0x00 | 'L' items 'E'; the top is
 * a list.
 */
#define MVN_NODES (3 * SS_VERSION_MAX + 4)

typedef struct {
	char type; /* 'I', 'S', 'L' */
	bool digit_follows;
	const char *s;
	size_t n;
	int first, next, last; /* children of a list; siblings */
} mnode;

typedef struct {
	mnode node[MVN_NODES];
	int count;
	int lists[MVN_NODES];
	int nlists;
} mtree;

static int m_new(mtree *t, char type, const char *s, size_t n)
{
	mnode *m;

	if (t->count >= MVN_NODES)
		return -1;
	m = &t->node[t->count];
	memset(m, 0, sizeof(*m));
	m->type = type;
	m->s = s;
	m->n = n;
	m->first = m->next = m->last = -1;
	if (type == 'L')
		t->lists[t->nlists++] = t->count;
	return t->count++;
}

static void m_add(mtree *t, int list, int item)
{
	mnode *l = &t->node[list];

	if (l->last < 0)
		l->first = item;
	else
		t->node[l->last].next = item;
	l->last = item;
}

/* The qualifier as ComparableVersion compares it: the index of a known one,
 * or "7-" and the text. */
static void m_qualifier(const mnode *m, char *out, size_t max)
{
	static const char *const known[] = {"alpha",    "beta", "milestone", "rc",
					    "snapshot", "",     "sp",        NULL};
	char v[SS_VERSION_MAX + 1];
	size_t n = m->n < SS_VERSION_MAX ? m->n : SS_VERSION_MAX;

	memcpy(v, m->s, n);
	v[n] = '\0';
	if (m->digit_follows && n == 1) {
		if (v[0] == 'a')
			snprintf(v, sizeof(v), "alpha");
		else if (v[0] == 'b')
			snprintf(v, sizeof(v), "beta");
		else if (v[0] == 'm')
			snprintf(v, sizeof(v), "milestone");
	}
	if (!strcmp(v, "ga") || !strcmp(v, "final") || !strcmp(v, "release"))
		v[0] = '\0';
	else if (!strcmp(v, "cr"))
		snprintf(v, sizeof(v), "rc");
	for (int i = 0; known[i]; i++) {
		if (!strcmp(v, known[i])) {
			snprintf(out, max, "%d", i);
			return;
		}
	}
	snprintf(out, max, "7-%s", v);
}

static bool m_null(const mtree *t, const mnode *m)
{
	char q[SS_VERSION_MAX + 8];

	(void)t;
	if (m->type == 'I')
		return all_zero(m->s, m->n);
	if (m->type == 'L')
		return m->first < 0;
	m_qualifier(m, q, sizeof(q));
	return !strcmp(q, "5");
}

static void m_normalize(mtree *t, int list)
{
	int items[MVN_NODES], n = 0;
	mnode *l = &t->node[list];

	for (int c = l->first; c >= 0; c = t->node[c].next)
		items[n++] = c;
	for (int i = n - 1; i >= 0; i--) {
		mnode *m = &t->node[items[i]];

		if (m_null(t, m)) {
			memmove(items + i, items + i + 1, (size_t)(n - i - 1) * sizeof(int));
			n--;
		} else if (m->type != 'L') {
			break;
		}
	}
	l->first = l->last = -1;
	for (int i = 0; i < n; i++) {
		t->node[items[i]].next = -1;
		m_add(t, list, items[i]);
	}
}

static const char *m_emit(kb *k, const mtree *t, int id)
{
	const mnode *m = &t->node[id];
	const char *err;

	if (m->type == 'I') {
		put(k, 'I');
		return put_num(k, m->s, m->n);
	}
	if (m->type == 'S') {
		char q[SS_VERSION_MAX + 8];

		m_qualifier(m, q, sizeof(q));
		put(k, 'S');
		putn(k, q, strlen(q));
		put(k, 0);
		return NULL;
	}
	put(k, 'L');
	for (int c = m->first; c >= 0; c = t->node[c].next)
		if ((err = m_emit(k, t, c)))
			return err;
	put(k, 'E');
	return NULL;
}

static const char *maven_key(kb *k, const char *in, size_t n)
{
	static _Thread_local mtree t; /* 20 KB: not on the stack */
	char s[SS_VERSION_MAX];
	int list, item;
	size_t start = 0;
	bool isdigit_ = false;

	for (size_t i = 0; i < n; i++)
		s[i] = lower(in[i]);
	t.count = t.nlists = 0;
	list = m_new(&t, 'L', NULL, 0);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '.' || c == '-') {
			if (i == start)
				item = m_new(&t, 'I', "0", 1);
			else
				item = m_new(&t, isdigit_ ? 'I' : 'S', s + start, i - start);
			if (item < 0)
				return N_("too many items");
			m_add(&t, list, item);
			start = i + 1;
			if (c == '-') {
				if ((item = m_new(&t, 'L', NULL, 0)) < 0)
					return N_("too many items");
				m_add(&t, list, item);
				list = item;
			}
		} else if (is_digit(c)) {
			if (!isdigit_ && i > start) {
				/* "1.x1" is 1-x-1: a qualifier after a dot opens a list */
				if (t.node[list].first >= 0) {
					if ((item = m_new(&t, 'L', NULL, 0)) < 0)
						return N_("too many items");
					m_add(&t, list, item);
					list = item;
				}
				if ((item = m_new(&t, 'S', s + start, i - start)) < 0)
					return N_("too many items");
				t.node[item].digit_follows = true;
				m_add(&t, list, item);
				start = i;
				if ((item = m_new(&t, 'L', NULL, 0)) < 0)
					return N_("too many items");
				m_add(&t, list, item);
				list = item;
			}
			isdigit_ = true;
		} else {
			if (isdigit_ && i > start) {
				if ((item = m_new(&t, 'I', s + start, i - start)) < 0)
					return N_("too many items");
				m_add(&t, list, item);
				start = i;
				if ((item = m_new(&t, 'L', NULL, 0)) < 0)
					return N_("too many items");
				m_add(&t, list, item);
				list = item;
			}
			isdigit_ = false;
		}
	}
	if (n > start) {
		/* "1.0.a" is 1-a: so is a last qualifier after a dot */
		if (!isdigit_ && t.node[list].first >= 0) {
			if ((item = m_new(&t, 'L', NULL, 0)) < 0)
				return N_("too many items");
			m_add(&t, list, item);
			list = item;
		}
		if ((item = m_new(&t, isdigit_ ? 'I' : 'S', s + start, n - start)) < 0)
			return N_("too many items");
		m_add(&t, list, item);
	}
	for (int i = t.nlists - 1; i >= 0; i--)
		m_normalize(&t, t.lists[i]);
	return m_emit(k, &t, 0);
}

/* The end of the item at p. */
static const unsigned char *m_skip(const unsigned char *p)
{
	int depth = 0;

	do {
		if (*p == 'I') {
			p += 2 + p[1];
		} else if (*p == 'S') {
			p += 1 + strlen((const char *)p + 1) + 1;
		} else if (*p == 'L') {
			depth++;
			p++;
		} else { /* 'E' */
			depth--;
			p++;
		}
	} while (depth > 0);
	return p;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static int m_cmp(const unsigned char *a, const unsigned char *b);

/* ListItem.compareTo(null) (with MNG-6964: every item, not just the first). */
static int m_cmp_null(const unsigned char *a)
{
	if (*a == 'I')
		return a[1] == 0 ? 0 : 1;
	if (*a == 'S')
		return sign(strcmp((const char *)a + 1, "5"));
	for (const unsigned char *p = a + 1; *p != 'E'; p = m_skip(p)) {
		int r = m_cmp_null(p);

		if (r)
			return r;
	}
	return 0;
}

static int m_cmp(const unsigned char *a, const unsigned char *b)
{
	if (!b)
		return m_cmp_null(a);
	switch (*a) {
	case 'I':
		if (*b != 'I')
			return 1;
		if (a[1] != b[1])
			return a[1] < b[1] ? -1 : 1;
		return sign(memcmp(a + 2, b + 2, a[1]));
	case 'S':
		if (*b != 'S')
			return -1;
		return sign(strcmp((const char *)a + 1, (const char *)b + 1));
	default: /* 'L' */
		if (*b == 'I')
			return -1;
		if (*b == 'S')
			return 1;
		a++;
		b++;
		while (*a != 'E' || *b != 'E') {
			int r;

			if (*a == 'E')
				r = -m_cmp(b, NULL);
			else
				r = m_cmp(a, *b == 'E' ? NULL : b);
			if (r)
				return r;
			if (*a != 'E')
				a = m_skip(a);
			if (*b != 'E')
				b = m_skip(b);
		}
		return 0;
	}
}

/* ---- the API ------------------------------------------------------------ */

static const char *const eco_names[SS_ECO_COUNT] = {
	"generic", "semver", "npm", "go", "pypi", "maven", "debian", "rpm", "crates", "nuget",
};

const char *ss_ecosystem_name(ss_ecosystem eco)
{
	return (unsigned)eco < SS_ECO_COUNT ? eco_names[eco] : "generic";
}

typedef struct {
	const char *name;
	ss_ecosystem eco;
} eco_map;

static ss_ecosystem eco_lookup(const eco_map *map, const char *s, size_t n)
{
	for (; map->name; map++)
		if (strlen(map->name) == n && !memcmp(map->name, s, n))
			return map->eco;
	return SS_ECO_GENERIC;
}

ss_ecosystem ss_ecosystem_from_osv(const char *osv)
{
	static const eco_map map[] = {
		{"Go", SS_ECO_GO},           {"crates.io", SS_ECO_CRATES},
		{"npm", SS_ECO_NPM},         {"PyPI", SS_ECO_PYPI},
		{"Maven", SS_ECO_MAVEN},     {"NuGet", SS_ECO_NUGET},
		{"Debian", SS_ECO_DEBIAN},   {"Ubuntu", SS_ECO_DEBIAN},
		{"AlmaLinux", SS_ECO_RPM},   {"Rocky Linux", SS_ECO_RPM},
		{"Red Hat", SS_ECO_RPM},     {"openSUSE", SS_ECO_RPM},
		{"SUSE", SS_ECO_RPM},        {"Mageia", SS_ECO_RPM},
		{"openEuler", SS_ECO_RPM},   {"Hex", SS_ECO_SEMVER},
		{"SwiftURL", SS_ECO_SEMVER}, {NULL, SS_ECO_GENERIC},
	};
	const char *colon;

	if (!osv)
		return SS_ECO_GENERIC;
	colon = strchr(osv, ':');
	return eco_lookup(map, osv, colon ? (size_t)(colon - osv) : strlen(osv));
}

ss_ecosystem ss_ecosystem_from_purl_type(const char *type)
{
	static const eco_map map[] = {
		{"golang", SS_ECO_GO},    {"cargo", SS_ECO_CRATES}, {"npm", SS_ECO_NPM},
		{"pypi", SS_ECO_PYPI},    {"maven", SS_ECO_MAVEN},  {"nuget", SS_ECO_NUGET},
		{"deb", SS_ECO_DEBIAN},   {"rpm", SS_ECO_RPM},      {"hex", SS_ECO_SEMVER},
		{"swift", SS_ECO_SEMVER}, {NULL, SS_ECO_GENERIC},
	};

	return type ? eco_lookup(map, type, strlen(type)) : SS_ECO_GENERIC;
}

/* v as a message may show it: at most 80 bytes, anything but printable
 * ASCII as '?'. */
static void shown(char out[96], const char *v)
{
	size_t i = 0;

	for (; v[i] && i < 80; i++)
		out[i] = ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] >= 0x7f) ? '?' : v[i];
	out[i] = '\0';
	if (v[i])
		snprintf(out + i, 96 - i, "...");
}

static const char *key_of(kb *k, ss_ecosystem eco, const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f ||
		    (v[i] == ' ' && eco != SS_ECO_NPM && eco != SS_ECO_PYPI))
			return N_("it holds a space or a control character");
	if (n == 0)
		return N_("it is empty");
	switch (eco) {
	case SS_ECO_SEMVER:
	case SS_ECO_NPM:
	case SS_ECO_GO:
	case SS_ECO_CRATES:
	case SS_ECO_NUGET:
		return semver_key(k, v, n, eco);
	case SS_ECO_PYPI:
		return pep440_key(k, v, n);
	case SS_ECO_MAVEN:
		return maven_key(k, v, n);
	case SS_ECO_DEBIAN:
		return debian_key(k, v, n);
	case SS_ECO_RPM:
		return rpm_key(k, v, n);
	default:
		return generic_key(k, v, n);
	}
}

int ss_version__key(ss_vkey *out, ss_ecosystem eco, const char *v)
{
	kb k = {.b = out->b};
	char show[96];
	const char *why;
	size_t n;

	if (!v)
		return ss_error_set(SS_EINVAL, "ss_version__key: NULL argument");
	if ((unsigned)eco >= SS_ECO_COUNT)
		eco = SS_ECO_GENERIC;
	n = strnlen(v, SS_VERSION_MAX + 1);
	if (n > SS_VERSION_MAX) {
		shown(show, v);
		return ss_error_set(SS_ELIMIT, "version \"%s\" is longer than %d bytes", show,
				    SS_VERSION_MAX);
	}
	why = key_of(&k, eco, v, n);
	if (why || k.over)
		shown(show, v);
	if (!why && k.over)
		return ss_error_set(SS_ELIMIT, "version \"%s\" is too complex to compare", show);
	if (why)
		return ss_error_set(SS_EPARSE, "version \"%s\" is not a valid %s version: %s", show,
				    ss_ecosystem_name(eco), _(why));
	out->len = k.len;
	return 0;
}

int ss_version__keycmp(ss_ecosystem eco, const unsigned char *a, size_t alen,
		       const unsigned char *b, size_t blen)
{
	int r;

	if (eco == SS_ECO_MAVEN)
		return m_cmp(a, b);
	r = memcmp(a, b, alen < blen ? alen : blen);
	if (r)
		return sign(r);
	return (alen > blen) - (alen < blen);
}

int ss_version_cmp(ss_ecosystem eco, const char *a, const char *b, int *cmp)
{
	static _Thread_local ss_vkey ka, kb_;
	int error;

	if (!a || !b || !cmp)
		return ss_error_set(SS_EINVAL, "ss_version_cmp: NULL argument");
	if ((error = ss_version__key(&ka, eco, a)) < 0 ||
	    (error = ss_version__key(&kb_, eco, b)) < 0)
		return error;
	*cmp = ss_version__keycmp(eco, ka.b, ka.len, kb_.b, kb_.len);
	return 0;
}

bool ss_version_valid(ss_ecosystem eco, const char *v)
{
	static _Thread_local ss_vkey k;
	kb b = {.b = k.b};
	size_t n;

	if (!v)
		return false;
	n = strnlen(v, SS_VERSION_MAX + 1);
	if (n > SS_VERSION_MAX)
		return false;
	if ((unsigned)eco >= SS_ECO_COUNT)
		eco = SS_ECO_GENERIC;
	return !key_of(&b, eco, v, n) && !b.over;
}
