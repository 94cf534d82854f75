/* Package URLs: parsed right to left as the purl specification's "how to
 * parse" says, then normalised per type. */
#include <stdlib.h>
#include <string.h>

#include "formats/purl.h"
#include "util/util.h"

#define QUAL_MAX 64 /* qualifiers in one purl */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static void lower_str(char *s)
{
	for (; s && *s; s++)
		*s = (char)lower((unsigned char)*s);
}

/* Percent-decode text[from, to) into *out (malloc'ed). what names the
 * component in messages. */
static int decode(char **out, const char *text, size_t from, size_t to, const char *what)
{
	char *d = malloc(to - from + 1);
	size_t n = 0;

	if (!d)
		return ss_error_set(SS_ENOMEM, "allocating a purl component");
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '%') {
			int hi = i + 2 < to ? ss_hex_digit((unsigned char)text[i + 1]) : -1;
			int lo = i + 2 < to ? ss_hex_digit((unsigned char)text[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				free(d);
				return ss_error_set(
					SS_EPARSE,
					"purl: a '%%' not followed by two hex digits in the "
					"%s at byte %zu",
					what, i + 1);
			}
			c = (unsigned char)(hi * 16 + lo);
			if (!c) {
				free(d);
				return ss_error_set(SS_EPARSE, "purl: %%00 in the %s at byte %zu",
						    what, i + 1);
			}
			i += 2;
		} else if (c < 0x20 || c == 0x7f) {
			free(d);
			return ss_error_set(SS_EPARSE,
					    "purl: control character 0x%02x in the %s at byte %zu",
					    c, what, i + 1);
		}
		d[n++] = (char)c;
	}
	d[n] = '\0';
	if (!ss_utf8_valid(d, n)) {
		free(d);
		return ss_error_set(SS_EPARSE, "purl: the %s at byte %zu is not UTF-8 once decoded",
				    what, from + 1);
	}
	*out = d;
	return 0;
}

static bool plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == '_' || c == '~' || c == ':';
}

static int encode(ss_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	int error = 0;

	for (; *s && error >= 0; s++) {
		unsigned char c = (unsigned char)*s;
		if (plain(c)) {
			error = ss_buf_putc(out, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			error = ss_buf_put(out, e, 3);
		}
	}
	return error;
}

/* The last c in text[from, to), or to. */
static size_t last(const char *text, size_t from, size_t to, char c)
{
	for (size_t i = to; i > from; i--)
		if (text[i - 1] == c)
			return i - 1;
	return to;
}

/* Decode the '/'-separated segments of text[from, to) and join them with
 * '/' into *out (NULL when none). Empty segments are dropped, and with
 * dots, "." and ".." too. */
static int segments(char **out, const char *text, size_t from, size_t to, bool dots,
		    const char *what)
{
	ss_buf b = SS_BUF_INIT(SS_PURL_MAX + 1);
	char *seg = NULL;
	size_t i = from;
	int error = 0;

	while (i < to) {
		size_t j = i;
		while (j < to && text[j] != '/')
			j++;
		if (j > i) {
			if ((error = decode(&seg, text, i, j, what)) < 0)
				goto out;
			if (strchr(seg, '/')) {
				error = ss_error_set(SS_EPARSE,
						     "purl: a %s segment holds an encoded '/' at "
						     "byte %zu",
						     what, i + 1);
				goto out;
			}
			if (!dots || (strcmp(seg, ".") && strcmp(seg, ".."))) {
				if ((b.len && (error = ss_buf_putc(&b, '/')) < 0) ||
				    (error = ss_buf_puts(&b, seg)) < 0)
					goto out;
			}
			free(seg);
			seg = NULL;
		}
		i = j + 1;
	}
	*out = NULL;
	if (b.len && !(*out = ss_buf_detach(&b)))
		error = ss_error_set(SS_ENOMEM, "allocating a purl component");
out:
	free(seg);
	ss_buf_release(&b);
	return error;
}

typedef struct {
	char *key, *value;
} qual;

static int cmp_qual(const void *a, const void *b)
{
	return strcmp(((const qual *)a)->key, ((const qual *)b)->key);
}

static int qualifiers(char **out, const char *text, size_t from, size_t to)
{
	qual q[QUAL_MAX];
	size_t n = 0, i = from;
	ss_buf b = SS_BUF_INIT(SS_PURL_MAX * 3 + 1);
	int error = 0;

	while (i < to) {
		size_t j = i, eq;
		char *key = NULL, *value = NULL;

		while (j < to && text[j] != '&')
			j++;
		if (j == i)
			goto next;
		eq = i;
		while (eq < j && text[eq] != '=')
			eq++;
		if (eq == j) {
			error = ss_error_set(SS_EPARSE, "purl: a qualifier without '=' at byte %zu",
					     i + 1);
			goto out;
		}
		for (size_t k = i; k < eq; k++) {
			int c = lower((unsigned char)text[k]);
			if (!((c >= 'a' && c <= 'z') ||
			      (k > i &&
			       ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')))) {
				error = ss_error_set(SS_EPARSE,
						     "purl: a qualifier key must be a letter then "
						     "letters, digits, '.', '-' or '_' (byte %zu)",
						     k + 1);
				goto out;
			}
		}
		if ((error = decode(&value, text, eq + 1, j, "qualifier value")) < 0)
			goto out;
		if (!*value) {
			free(value);
			goto next;
		}
		if (!(key = strndup(text + i, eq - i))) {
			free(value);
			error = ss_error_set(SS_ENOMEM, "allocating a purl qualifier");
			goto out;
		}
		lower_str(key);
		for (size_t k = 0; k < n; k++)
			if (!strcmp(q[k].key, key)) {
				free(key);
				free(value);
				error = ss_error_set(
					SS_EPARSE,
					"purl: the qualifier '%s' a second time at byte "
					"%zu",
					q[k].key, i + 1);
				goto out;
			}
		if (n == QUAL_MAX) {
			free(key);
			free(value);
			error = ss_error_set(SS_ELIMIT, "purl: more than %d qualifiers (byte %zu)",
					     QUAL_MAX, i + 1);
			goto out;
		}
		q[n].key = key;
		q[n].value = value;
		n++;
	next:
		i = j + 1;
	}
	qsort(q, n, sizeof(*q), cmp_qual);
	for (size_t k = 0; k < n; k++)
		if ((k && (error = ss_buf_putc(&b, '&')) < 0) ||
		    (error = ss_buf_puts(&b, q[k].key)) < 0 || (error = ss_buf_putc(&b, '=')) < 0 ||
		    (error = encode(&b, q[k].value)) < 0)
			goto out;
	*out = NULL;
	if (n && !(*out = ss_buf_detach(&b)))
		error = ss_error_set(SS_ENOMEM, "allocating purl qualifiers");
out:
	for (size_t k = 0; k < n; k++) {
		free(q[k].key);
		free(q[k].value);
	}
	ss_buf_release(&b);
	return error;
}

static bool type_is(const ss_purl *p, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(p->type, *list))
			return true;
	return false;
}

/* The type-specific rules of the common types (docs/internals/ids.md). */
static int normalise(ss_purl *p, size_t type_at)
{
	/* golang: a module path of one segment (stdlib, toolchain, tailscale.com)
	 * has no namespace, and SBOM tools write pkg:golang/stdlib */
	static const char *const ns_required[] = {"maven",  "deb",       "rpm",   "composer",
						  "github", "bitbucket", "swift", NULL};
	static const char *const ns_none[] = {"cargo", "gem", "nuget", "pypi", "oci", NULL};
	static const char *const ns_lower[] = {"github", "bitbucket", "composer", "deb",
					       "rpm",    "hex",       NULL};
	static const char *const name_lower[] = {"github", "bitbucket", "composer", "deb",
						 "hex",    "oci",       "pypi",     NULL};

	if (!p->ns && type_is(p, ns_required))
		return ss_error_set(SS_EPARSE, "purl: a %s purl needs a namespace (byte %zu)",
				    p->type, type_at);
	if (p->ns && type_is(p, ns_none))
		return ss_error_set(SS_EPARSE, "purl: a %s purl has no namespace (byte %zu)",
				    p->type, type_at);
	if (type_is(p, ns_lower))
		lower_str(p->ns);
	if (type_is(p, name_lower))
		lower_str(p->name);
	if (!strcmp(p->type, "pypi"))
		for (char *c = p->name; *c; c++)
			if (*c == '_')
				*c = '-';
	return 0;
}

int ss_purl_parse(ss_purl *out, const char *text)
{
	ss_purl p = {0};
	size_t n, i, end, hash, q, slash, nameend, ls, at;
	int error;

	if (!out || !text)
		return ss_error_set(SS_EINVAL, "ss_purl_parse: NULL argument");
	if ((n = strnlen(text, SS_PURL_MAX + 1)) > SS_PURL_MAX)
		return ss_error_set(SS_ELIMIT, "purl: longer than %d bytes", SS_PURL_MAX);
	if (n < 4 || lower((unsigned char)text[0]) != 'p' || lower((unsigned char)text[1]) != 'k' ||
	    lower((unsigned char)text[2]) != 'g' || text[3] != ':')
		return ss_error_set(SS_EPARSE, "purl: the scheme must be 'pkg:' (byte 1)");
	for (i = 4; i < n && text[i] == '/'; i++)
		;
	end = n;
	if ((hash = last(text, i, end, '#')) < end) {
		if ((error = segments(&p.subpath, text, hash + 1, end, true, "subpath")) < 0)
			goto out;
		end = hash;
	}
	if ((q = last(text, i, end, '?')) < end) {
		if ((error = qualifiers(&p.qualifiers, text, q + 1, end)) < 0)
			goto out;
		end = q;
	}
	for (slash = i; slash < end && text[slash] != '/'; slash++) {
		int c = lower((unsigned char)text[slash]);
		if (!((c >= 'a' && c <= 'z') || c == '.' || c == '+' || c == '-' ||
		      (slash > i && c >= '0' && c <= '9'))) {
			error = ss_error_set(
				SS_EPARSE,
				"purl: the type must be a letter then letters, digits, "
				"'.', '+' or '-' (byte %zu)",
				slash + 1);
			goto out;
		}
	}
	if (slash == i || slash == end) {
		error = ss_error_set(SS_EPARSE,
				     slash == i ? "purl: no type at byte %zu"
						: "purl: no '/' and name after the type (byte %zu)",
				     slash + 1);
		goto out;
	}
	if (!(p.type = strndup(text + i, slash - i))) {
		error = ss_error_set(SS_ENOMEM, "allocating a purl");
		goto out;
	}
	lower_str(p.type);
	nameend = end;
	while (nameend > slash + 1 && text[nameend - 1] == '/')
		nameend--;
	ls = last(text, slash + 1, nameend, '/');
	ls = ls == nameend ? slash + 1 : ls + 1;
	if ((at = last(text, ls, nameend, '@')) < nameend) {
		if (at + 1 < nameend &&
		    (error = decode(&p.version, text, at + 1, nameend, "version")) < 0)
			goto out;
		nameend = at;
	}
	if (nameend == ls) {
		error = ss_error_set(SS_EPARSE, "purl: no name at byte %zu", ls + 1);
		goto out;
	}
	if ((error = decode(&p.name, text, ls, nameend, "name")) < 0)
		goto out;
	if (ls > slash + 1 &&
	    (error = segments(&p.ns, text, slash + 1, ls - 1, false, "namespace")) < 0)
		goto out;
	if ((error = normalise(&p, i + 1)) < 0)
		goto out;
	*out = p;
	memset(&p, 0, sizeof(p));
out:
	ss_purl_free(&p);
	return error;
}

void ss_purl_free(ss_purl *p)
{
	if (!p)
		return;
	free(p->type);
	free(p->ns);
	free(p->name);
	free(p->version);
	free(p->qualifiers);
	free(p->subpath);
	memset(p, 0, sizeof(*p));
}

/* Each '/'-separated part of s, percent-encoded. */
static int encode_path(ss_buf *out, const char *s)
{
	int error = 0;

	while (error >= 0 && *s) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		char *seg = strndup(s, len);
		if (!seg)
			return ss_error_set(SS_ENOMEM, "allocating a purl");
		error = encode(out, seg);
		free(seg);
		if (error >= 0 && e)
			error = ss_buf_putc(out, '/');
		s += len + (e ? 1 : 0);
	}
	return error;
}

int ss_purl_format(ss_buf *out, const ss_purl *p, bool with_version)
{
	int error;

	if (!out || !p || !p->type || !p->name)
		return ss_error_set(SS_EINVAL, "ss_purl_format: NULL argument");
	if ((error = ss_buf_puts(out, "pkg:")) < 0 || (error = ss_buf_puts(out, p->type)) < 0 ||
	    (error = ss_buf_putc(out, '/')) < 0)
		return error;
	if (p->ns && ((error = encode_path(out, p->ns)) < 0 || (error = ss_buf_putc(out, '/')) < 0))
		return error;
	if ((error = encode(out, p->name)) < 0 || !with_version)
		return error;
	if (p->version &&
	    ((error = ss_buf_putc(out, '@')) < 0 || (error = encode(out, p->version)) < 0))
		return error;
	if (p->qualifiers &&
	    ((error = ss_buf_putc(out, '?')) < 0 || (error = ss_buf_puts(out, p->qualifiers)) < 0))
		return error;
	if (p->subpath &&
	    ((error = ss_buf_putc(out, '#')) < 0 || (error = encode_path(out, p->subpath)) < 0))
		return error;
	return 0;
}
