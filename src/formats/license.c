/* SPDX licence expressions: a recursive-descent parser over the annex D
 * grammar that renders the normalised expression as it goes. */
#include <stdlib.h>
#include <string.h>

#include "formats/license.h"
#include "util/util.h"

#define SPDX_EXCEPTION 1
#define SPDX_DEPRECATED 2

typedef struct {
	const char *key, *id;
	int flags;
} spdx_entry;

static const spdx_entry spdx_list[] = {
#include "formats/spdx_licenses.inc"
};

#define SPDX_N (sizeof(spdx_list) / sizeof(spdx_list[0]))
#define ID_MAX 256 /* one id, LicenseRef included */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int fold_cmp(const char *a, size_t alen, const char *key)
{
	size_t i;

	for (i = 0; i < alen && key[i]; i++) {
		int d = lower((unsigned char)a[i]) - (unsigned char)key[i];
		if (d)
			return d;
	}
	if (i < alen)
		return 1;
	return key[i] ? -1 : 0;
}

static const spdx_entry *lookup(const char *id, size_t len)
{
	size_t lo = 0, hi = SPDX_N;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = fold_cmp(id, len, spdx_list[mid].key);
		if (c == 0)
			return &spdx_list[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *ss_license_canonical_id(const char *id, bool *deprecated, bool *exception)
{
	const spdx_entry *e = id ? lookup(id, strlen(id)) : NULL;

	if (deprecated)
		*deprecated = e && (e->flags & SPDX_DEPRECATED);
	if (exception)
		*exception = e && (e->flags & SPDX_EXCEPTION);
	return e ? e->id : NULL;
}

/* ---- the set of strings the parse reports --------------------------- */

typedef struct {
	char **v;
	size_t n, cap;
} strset;

static int set_add(strset *s, const char *p, size_t len)
{
	char *copy;

	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && !memcmp(s->v[i], p, len))
			return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		char **v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return ss_error_set(SS_ENOMEM, "allocating a licence id list");
		s->v = v;
		s->cap = cap;
	}
	if (!(copy = strndup(p, len)))
		return ss_error_set(SS_ENOMEM, "allocating a licence id");
	s->v[s->n++] = copy;
	return 0;
}

static void set_free(strset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- lexer ------------------------------------------------------------ */

enum { T_END, T_LP, T_RP, T_AND, T_OR, T_WITH, T_ID };

typedef struct {
	const char *s;
	size_t pos;   /* next byte to lex */
	int tok;      /* current token */
	size_t start; /* its first byte */
	size_t len;   /* its length (an id without its '+') */
	bool plus;    /* the id ends with '+' */
	int depth;
	strset ids, exceptions, unknown;
	bool deprecated, lowercase_ops;
} parser;

static bool idchar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == ':';
}

static int lex(parser *p)
{
	const char *s = p->s;
	size_t i = p->pos;

	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	p->start = i;
	p->plus = false;
	if (!s[i]) {
		p->tok = T_END;
		p->len = 0;
	} else if (s[i] == '(' || s[i] == ')') {
		p->tok = s[i] == '(' ? T_LP : T_RP;
		p->len = 1;
		i++;
	} else if (idchar((unsigned char)s[i])) {
		size_t j = i;
		while (idchar((unsigned char)s[j]))
			j++;
		p->len = j - i;
		if (p->len > ID_MAX)
			return ss_error_set(
				SS_ELIMIT,
				"licence expression: an id longer than %d bytes at byte %zu",
				ID_MAX, i + 1);
		p->tok = T_ID;
		if (p->len == 3 && (!memcmp(s + i, "AND", 3) || !memcmp(s + i, "and", 3)))
			p->tok = T_AND;
		else if (p->len == 2 && (!memcmp(s + i, "OR", 2) || !memcmp(s + i, "or", 2)))
			p->tok = T_OR;
		else if (p->len == 4 && (!memcmp(s + i, "WITH", 4) || !memcmp(s + i, "with", 4)))
			p->tok = T_WITH;
		if (p->tok != T_ID && s[i] >= 'a')
			p->lowercase_ops = true;
		if (p->tok == T_ID && s[j] == '+') {
			p->plus = true;
			j++;
		}
		i = j;
	} else {
		return ss_error_set(SS_EPARSE,
				    "licence expression: unexpected character 0x%02x at byte %zu",
				    (unsigned char)s[i], i + 1);
	}
	p->pos = i;
	return 0;
}

static bool has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(s, prefix, n);
}

static bool idstring(const char *s, size_t len)
{
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ':')
			return false;
	return true;
}

/* Whether s is [DocumentRef-<idstring>:]<kind><idstring>. */
static bool user_ref(const char *s, size_t len, const char *kind)
{
	const char *colon = memchr(s, ':', len);

	if (colon) {
		size_t dl = (size_t)(colon - s);
		if (!has_prefix(s, dl, "DocumentRef-") || !idstring(s + 12, dl - 12))
			return false;
		len -= dl + 1;
		s = colon + 1;
	}
	return has_prefix(s, len, kind) && idstring(s + strlen(kind), len - strlen(kind));
}

/* ---- parser ----------------------------------------------------------- */

/* One operand rendered: its text and whether it is an OR of several. */
typedef struct {
	ss_buf text;
	bool is_or;
} node;

static int parse_or(parser *p, node *out);

static int expect_id(parser *p, const char *what)
{
	if (p->tok == T_ID)
		return 0;
	if (p->tok == T_END)
		return ss_error_set(SS_EPARSE,
				    "licence expression: %s expected at the end (byte %zu)", what,
				    p->start + 1);
	return ss_error_set(SS_EPARSE, "licence expression: %s expected at byte %zu", what,
			    p->start + 1);
}

static int simple(parser *p, node *out)
{
	const char *id = p->s + p->start;
	size_t len = p->len;
	int error;

	if (memchr(id, ':', len) || has_prefix(id, len, "LicenseRef-")) {
		if (!user_ref(id, len, "LicenseRef-"))
			return ss_error_set(SS_EPARSE,
					    "licence expression: a malformed licence reference at "
					    "byte %zu (LicenseRef-<id> or "
					    "DocumentRef-<id>:LicenseRef-<id>)",
					    p->start + 1);
		if (p->plus)
			return ss_error_set(SS_EPARSE,
					    "licence expression: '+' after a licence reference at "
					    "byte %zu",
					    p->start + len + 1);
		if ((error = ss_buf_put(&out->text, id, len)) < 0)
			return error;
	} else {
		const spdx_entry *e = lookup(id, len);
		if (e && !(e->flags & SPDX_EXCEPTION)) {
			if ((error = ss_buf_puts(&out->text, e->id)) < 0)
				return error;
			if (e->flags & SPDX_DEPRECATED)
				p->deprecated = true;
		} else {
			if ((error = set_add(&p->unknown, id, len)) < 0 ||
			    (error = ss_buf_put(&out->text, id, len)) < 0)
				return error;
		}
		if (p->plus && (error = ss_buf_putc(&out->text, '+')) < 0)
			return error;
	}
	return set_add(&p->ids, out->text.ptr, out->text.len);
}

static int with_expr(parser *p, node *out)
{
	int error;

	if (p->tok == T_LP) {
		size_t open = p->start;
		if (++p->depth > SS_LICENSE_DEPTH)
			return ss_error_set(SS_ELIMIT,
					    "licence expression: parentheses nested deeper than %d "
					    "at byte %zu",
					    SS_LICENSE_DEPTH, open + 1);
		if ((error = lex(p)) < 0 || (error = parse_or(p, out)) < 0)
			return error;
		if (p->tok != T_RP)
			return ss_error_set(SS_EPARSE,
					    "licence expression: the '(' at byte %zu is not closed "
					    "(byte %zu)",
					    open + 1, p->start + 1);
		p->depth--;
		return lex(p);
	}
	if ((error = expect_id(p, "a licence id or '('")) < 0 || (error = simple(p, out)) < 0 ||
	    (error = lex(p)) < 0)
		return error;
	if (p->tok != T_WITH)
		return 0;
	if ((error = lex(p)) < 0 || (error = expect_id(p, "an exception id after WITH")) < 0)
		return error;
	{
		const char *id = p->s + p->start;
		size_t len = p->len;
		const spdx_entry *e = lookup(id, len);

		if (p->plus)
			return ss_error_set(
				SS_EPARSE,
				"licence expression: '+' after an exception id at byte %zu",
				p->start + len + 1);
		if ((error = ss_buf_puts(&out->text, " WITH ")) < 0)
			return error;
		if (memchr(id, ':', len) || has_prefix(id, len, "AdditionRef-")) {
			if (!user_ref(id, len, "AdditionRef-"))
				return ss_error_set(SS_EPARSE,
						    "licence expression: a malformed exception "
						    "reference at byte %zu (AdditionRef-<id> or "
						    "DocumentRef-<id>:AdditionRef-<id>)",
						    p->start + 1);
			error = ss_buf_put(&out->text, id, len);
		} else if (e && (e->flags & SPDX_EXCEPTION)) {
			if (e->flags & SPDX_DEPRECATED)
				p->deprecated = true;
			id = e->id;
			len = strlen(id);
			error = ss_buf_puts(&out->text, id);
		} else {
			if ((error = set_add(&p->unknown, id, len)) < 0)
				return error;
			error = ss_buf_put(&out->text, id, len);
		}
		if (error < 0 || (error = set_add(&p->exceptions, id, len)) < 0)
			return error;
	}
	return lex(p);
}

static int join(node *out, node *operand, const char *op, bool paren)
{
	int error = 0;

	if (out->text.len && (error = ss_buf_puts(&out->text, op)) < 0)
		return error;
	if (paren && (error = ss_buf_putc(&out->text, '(')) < 0)
		return error;
	if ((error = ss_buf_put(&out->text, operand->text.ptr, operand->text.len)) < 0)
		return error;
	if (paren)
		error = ss_buf_putc(&out->text, ')');
	return error;
}

static int and_expr(parser *p, node *out)
{
	node one = {SS_BUF_INIT(SS_LICENSE_MAX * 2), false};
	int n = 0, error;

	for (;;) {
		ss_buf_clear(&one.text);
		one.is_or = false;
		if ((error = with_expr(p, &one)) < 0)
			goto out;
		if (n == 0 && p->tok != T_AND) {
			/* a single operand: hand it up as it is */
			if ((error = ss_buf_put(&out->text, one.text.ptr, one.text.len)) < 0)
				goto out;
			out->is_or = one.is_or;
			goto out;
		}
		if ((error = join(out, &one, " AND ", one.is_or)) < 0)
			goto out;
		n++;
		if (p->tok != T_AND)
			break;
		if ((error = lex(p)) < 0)
			goto out;
	}
out:
	ss_buf_release(&one.text);
	return error;
}

static int parse_or(parser *p, node *out)
{
	node one = {SS_BUF_INIT(SS_LICENSE_MAX * 2), false};
	int n = 0, error;

	for (;;) {
		ss_buf_clear(&one.text);
		one.is_or = false;
		if ((error = and_expr(p, &one)) < 0 || (error = join(out, &one, " OR ", false)) < 0)
			goto out;
		n++;
		if (p->tok != T_OR)
			break;
		if ((error = lex(p)) < 0)
			goto out;
	}
	out->is_or = n > 1 || one.is_or;
out:
	ss_buf_release(&one.text);
	return error;
}

static int take(char ***v, size_t *n, strset *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_str);
	*v = s->v;
	*n = s->n;
	s->v = NULL;
	s->n = s->cap = 0;
	return 0;
}

int ss_license_parse(ss_license *out, const char *expr)
{
	parser p = {0};
	node top = {SS_BUF_INIT(SS_LICENSE_MAX * 2), false};
	ss_license l = {0};
	size_t len;
	int error;

	if (!out || !expr)
		return ss_error_set(SS_EINVAL, "ss_license_parse: NULL argument");
	if ((len = strnlen(expr, SS_LICENSE_MAX + 1)) > SS_LICENSE_MAX)
		return ss_error_set(SS_ELIMIT, "licence expression: longer than %d bytes",
				    SS_LICENSE_MAX);
	p.s = expr;
	if ((error = lex(&p)) < 0)
		goto out;
	if (p.tok == T_END) {
		error = ss_error_set(SS_EPARSE, "licence expression: empty");
		goto out;
	}
	if (p.tok == T_ID && !p.plus &&
	    ((p.len == 4 && !memcmp(expr + p.start, "NONE", 4)) ||
	     (p.len == 11 && !memcmp(expr + p.start, "NOASSERTION", 11)))) {
		/* alone (blanks around it allowed), it is no expression */
		size_t start = p.start, n = p.len;
		if ((error = lex(&p)) < 0)
			goto out;
		if (p.tok == T_END) {
			error = ss_buf_put(&top.text, expr + start, n);
			goto done;
		}
		p.pos = start;
		if ((error = lex(&p)) < 0)
			goto out;
	}
	if ((error = parse_or(&p, &top)) < 0)
		goto out;
	if (p.tok != T_END) {
		if (p.tok == T_RP)
			error = ss_error_set(SS_EPARSE,
					     "licence expression: ')' without its '(' at byte %zu",
					     p.start + 1);
		else
			error = ss_error_set(
				SS_EPARSE,
				"licence expression: AND, OR, WITH or the end expected "
				"at byte %zu",
				p.start + 1);
		goto out;
	}
done:
	if (error < 0 || !(l.expr = ss_buf_detach(&top.text))) {
		error = error < 0 ? error
				  : ss_error_set(SS_ENOMEM, "allocating a licence expression");
		goto out;
	}
	take(&l.ids, &l.n_ids, &p.ids);
	take(&l.exceptions, &l.n_exceptions, &p.exceptions);
	take(&l.unknown, &l.n_unknown, &p.unknown);
	l.deprecated = p.deprecated;
	l.lowercase_ops = p.lowercase_ops;
	*out = l;
	memset(&l, 0, sizeof(l));
out:
	ss_license_free(&l);
	ss_buf_release(&top.text);
	set_free(&p.ids);
	set_free(&p.exceptions);
	set_free(&p.unknown);
	return error;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void ss_license_free(ss_license *l)
{
	if (!l)
		return;
	free(l->expr);
	free_list(l->ids, l->n_ids);
	free_list(l->exceptions, l->n_exceptions);
	free_list(l->unknown, l->n_unknown);
	memset(l, 0, sizeof(*l));
}
