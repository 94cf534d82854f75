/*
 * `reg export` / regedit .reg files (winexport.h).
 *
 * Grammar, as regedit writes and reads it:
 *
 *   file     = version-line { blank | ";" comment | header | value }
 *   header   = "[" key "]" | "[-" key "]"
 *   value    = ( "@" | string ) "=" data
 *   data     = "-" | string | "dword:" 1*8HEX | "hex" [ "(" HEX ")" ] ":" bytes
 *   bytes    = [ HH { "," HH } ] [ "," ] [ "\" newline blanks bytes ]
 *   string   = '"' { char | "\\" | '\"' } '"'
 *
 * A value line belongs to the last header; it must not follow a [-key]
 * header or come before any header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/winexport.h"
#include "util/util.h"

#define LABEL(l) ((l) ? (l) : "registry export")
#define V5 "Windows Registry Editor Version 5.00"
#define V4 "REGEDIT4"

struct ss_winreg {
	ss__winarena arena;
	ss_winreg_entry *e;
	size_t n, cap;
	const ss_winreg_entry **vidx; /* VALUE and DEL_VALUE by key, name, order */
	size_t nv;
	const ss_winreg_entry **kidx; /* DEL_KEY by key, order */
	size_t nk;
	const char *version;
	const char *first; /* the first [key] header */
};

static const struct {
	const char *lng, *shrt;
} roots[] = {
	{"HKEY_LOCAL_MACHINE", "HKLM"},  {"HKEY_CURRENT_USER", "HKCU"},
	{"HKEY_CLASSES_ROOT", "HKCR"},   {"HKEY_USERS", "HKU"},
	{"HKEY_CURRENT_CONFIG", "HKCC"},
};

int ss_winreg_key_normalise(char *out, const char *key)
{
	const char *bs = strchr(key, '\\');
	size_t rl = bs ? (size_t)(bs - key) : strlen(key), o;
	const char *rest = bs ? bs + 1 : "";
	size_t restlen = strlen(rest);
	size_t i;
	char vk[200];

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		const char *names[2] = {roots[i].lng, roots[i].shrt};
		for (int j = 0; j < 2; j++) {
			size_t nl = strlen(names[j]);
			size_t k;
			if (nl != rl)
				continue;
			for (k = 0; k < nl; k++) {
				int c = (unsigned char)key[k];
				if ((c >= 'a' && c <= 'z' ? c - 32 : c) != names[j][k])
					break;
			}
			if (k == nl)
				goto found;
		}
	}
	return ss_error_set(SS_EINVAL,
			    "registry key '%s': the root must be one of HKEY_LOCAL_MACHINE "
			    "(HKLM), HKEY_CURRENT_USER (HKCU), HKEY_CLASSES_ROOT (HKCR), "
			    "HKEY_USERS (HKU), HKEY_CURRENT_CONFIG (HKCC)",
			    ss__win_vis(vk, sizeof(vk), key));
found:
	/* No empty part: not "\\" at the start, "\\\\" anywhere; one "\\" at
	 * the end is dropped. */
	for (size_t k = 0; k < restlen; k++)
		if (rest[k] == '\\' && (k == 0 || rest[k - 1] == '\\'))
			return ss_error_set(SS_EINVAL,
					    "registry key '%s': an empty part between "
					    "backslashes",
					    ss__win_vis(vk, sizeof(vk), key));
	if (restlen && rest[restlen - 1] == '\\')
		restlen--;
	/* out may be key itself: the short root is never longer than the
	 * root as written, so rest moves left or stays. */
	o = strlen(roots[i].shrt);
	if (restlen) {
		memmove(out + o + 1, rest, restlen);
		out[o] = '\\';
	}
	memcpy(out, roots[i].shrt, o);
	if (restlen)
		o += 1 + restlen;
	out[o] = '\0';
	return 0;
}

/* ------------------------------------------------------------ parsing */

typedef struct {
	const char *label;
	const char *text, *end; /* decoded file */
	const char *p;          /* start of the next physical line */
	size_t lineno;          /* of the line last taken */
	size_t colbase;         /* characters of the line before the text parsed */
	bool v5;
	ss_winreg *r;
	ss_buf bytes; /* hex data of the value being read */
	ss_buf scratch;
} parser;

/* The next physical line into *s, *n (without the line end); false at the end. */
static int next_line(parser *ps, const char **s, size_t *n, bool *more)
{
	const char *nl;
	size_t len;

	*more = ps->p < ps->end;
	if (!*more)
		return 0;
	nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
	len = nl ? (size_t)(nl - ps->p) : (size_t)(ps->end - ps->p);
	*s = ps->p;
	ps->p = nl ? nl + 1 : ps->end;
	ps->lineno++;
	if (len && (*s)[len - 1] == '\r')
		len--;
	if (len > SS_WIN_LINE_MAX)
		return ss_error_set(SS_ELIMIT,
				    "%s: line %zu: %zu bytes, more than the limit of %zu",
				    LABEL(ps->label), ps->lineno, len, SS_WIN_LINE_MAX);
	*n = len;
	return 0;
}

static int perr(parser *ps, const char *line, size_t off, const char *what)
{
	return ss_error_set(SS_EPARSE, "%s: line %zu, column %zu: %s", LABEL(ps->label), ps->lineno,
			    ss__win_col(line, off) + ps->colbase, _(what));
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static int add(parser *ps, ss_winreg_op op, const char *key, const char *name, int type,
	       const char *text, bool raw, size_t line)
{
	ss_winreg *r = ps->r;
	ss_winreg_entry *e;

	if (r->n >= SS_WIN_ENTRIES_MAX)
		return ss_error_set(SS_ELIMIT, "%s: line %zu: more than %d keys and values",
				    LABEL(ps->label), line, SS_WIN_ENTRIES_MAX);
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		ss_winreg_entry *ne = realloc(r->e, cap * sizeof(*ne));
		if (!ne)
			return ss_error_set(SS_ENOMEM, "%s: line %zu", LABEL(ps->label), line);
		r->e = ne;
		r->cap = cap;
	}
	e = &r->e[r->n++];
	e->op = op;
	e->type = type;
	e->raw = raw;
	e->line = (uint32_t)line;
	e->key = key;
	e->name = name;
	e->text = text;
	return 0;
}

/* A "quoted string" at line[*i] (a value name when name); its unescaped
 * text into ps->scratch. */
static int quoted(parser *ps, const char *line, size_t n, size_t *i, bool name)
{
	size_t start = *i;
	char msg[200];

	ss_buf_clear(&ps->scratch);
	for ((*i)++; *i < n; (*i)++) {
		char c = line[*i];
		if (c == '"') {
			(*i)++;
			return 0;
		}
		if (c == '\\') {
			if (*i + 1 >= n)
				break;
			c = line[++*i];
			if (c != '\\' && c != '"') {
				char cs[5] = {0}, vc[SS_VISIBLE_MAX + 8];
				uint32_t cp;
				size_t k = ss_utf8_next(line, n, *i, &cp);
				memcpy(cs, line + *i, k ? k : 1);
				ss__win_vis(vc, sizeof(vc), cs);
				if (name)
					snprintf(msg, sizeof(msg),
						 _("unknown escape '\\%s' in the value name (only "
						   "\\\\ and \\\" are allowed)"),
						 vc);
				else
					snprintf(msg, sizeof(msg),
						 _("unknown escape '\\%s' in the string (only \\\\ "
						   "and \\\" are allowed)"),
						 vc);
				return perr(ps, line, *i - 1, msg);
			}
		}
		if (ss_buf_putc(&ps->scratch, c) < 0)
			return SS_ENOMEM;
	}
	return perr(ps, line, start,
		    name ? N_("the value name is not terminated: a '\"' is missing")
			 : N_("the string is not terminated: a '\"' is missing"));
}

/* The bytes of hex data starting at line[i], following continuations, into ps->bytes. */
static int hex_bytes(parser *ps, const char *line, size_t n, size_t i)
{
	size_t total = n;
	bool more;
	int rc;

	ss_buf_clear(&ps->bytes);
	for (;;) {
		while (i < n && blank(line[i]))
			i++;
		if (i >= n)
			return 0;
		if (line[i] == '\\') {
			size_t j = i + 1;
			while (j < n && blank(line[j]))
				j++;
			if (j < n)
				return perr(ps, line, i,
					    N_("a '\\' in hex data is only allowed at the "
					       "end of a line"));
			if ((rc = next_line(ps, &line, &n, &more)) < 0)
				return rc;
			if (!more)
				return ss_error_set(SS_EPARSE,
						    "%s: line %zu: the file ends after a '\\' that "
						    "continues hex data",
						    LABEL(ps->label), ps->lineno);
			ps->colbase = 0;
			total += n;
			if (total > SS_WIN_LINE_MAX)
				return ss_error_set(SS_ELIMIT,
						    "%s: line %zu: a value longer than %zu bytes",
						    LABEL(ps->label), ps->lineno, SS_WIN_LINE_MAX);
			i = 0;
			continue;
		}
		int h = ss_hex_digit(line[i]), l = i + 1 < n ? ss_hex_digit(line[i + 1]) : -1;
		if (h < 0)
			return perr(ps, line, i, N_("hex data: expected two hex digits"));
		if (l < 0) {
			/* one digit, as "0" */
			l = h;
			h = 0;
			i++;
		} else {
			i += 2;
		}
		if (ss_buf_putc(&ps->bytes, (char)(h << 4 | l)) < 0)
			return SS_ENOMEM;
		while (i < n && blank(line[i]))
			i++;
		if (i < n && line[i] == ',')
			i++;
		else if (i < n && line[i] != '\\')
			return perr(ps, line, i, N_("hex data: expected ',' after a byte"));
	}
}

/* Bytes as lowercase hex into ps->scratch. */
static int render_hex(parser *ps, const uint8_t *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	ss_buf_clear(&ps->scratch);
	if (ss_buf_grow(&ps->scratch, n * 2 + 1) < 0)
		return SS_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		ps->scratch.ptr[ps->scratch.len++] = digits[b[i] >> 4];
		ps->scratch.ptr[ps->scratch.len++] = digits[b[i] & 15];
	}
	ps->scratch.ptr[ps->scratch.len] = '\0';
	return 0;
}

/*
 * Strings of data into ps->scratch: UTF-16LE (v5) or 8-bit UTF-8 (v4).
 * multi: every string up to an empty one, joined by SS_WIN_MULTI_SEP;
 * else up to the first NUL. false when the data is not such text.
 */
static bool render_strings(parser *ps, const uint8_t *b, size_t n, bool multi, int *rc)
{
	size_t unit = ps->v5 ? 2 : 1, i, start = 0;
	bool first = true;

	*rc = 0;
	ss_buf_clear(&ps->scratch);
	if (n % unit)
		return false;
	for (i = 0; i + unit <= n;) {
		uint32_t u = ps->v5 ? (uint32_t)b[i + 1] << 8 | b[i] : b[i];
		if (u == 0) {
			if (!multi || i == start)
				break;
			start = i + unit;
			i += unit;
			first = false;
			continue;
		}
		if (!first && start == i) {
			if ((*rc = ss_buf_putc(&ps->scratch, SS_WIN_MULTI_SEP)) < 0)
				return false;
		}
		if (ps->v5) {
			char tmp[4];
			size_t k;
			if (u >= 0xDC00 && u <= 0xDFFF)
				return false;
			if (u >= 0xD800 && u <= 0xDBFF) {
				uint32_t v = i + 3 < n ? (uint32_t)b[i + 3] << 8 | b[i + 2] : 0;
				if (v < 0xDC00 || v > 0xDFFF)
					return false;
				u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
				i += 2;
			}
			i += 2;
			if (u < 0x80) {
				tmp[0] = (char)u;
				k = 1;
			} else if (u < 0x800) {
				tmp[0] = (char)(0xC0 | (u >> 6));
				tmp[1] = (char)(0x80 | (u & 0x3F));
				k = 2;
			} else if (u < 0x10000) {
				tmp[0] = (char)(0xE0 | (u >> 12));
				tmp[1] = (char)(0x80 | ((u >> 6) & 0x3F));
				tmp[2] = (char)(0x80 | (u & 0x3F));
				k = 3;
			} else {
				tmp[0] = (char)(0xF0 | (u >> 18));
				tmp[1] = (char)(0x80 | ((u >> 12) & 0x3F));
				tmp[2] = (char)(0x80 | ((u >> 6) & 0x3F));
				tmp[3] = (char)(0x80 | (u & 0x3F));
				k = 4;
			}
			if ((*rc = ss_buf_put(&ps->scratch, tmp, k)) < 0)
				return false;
		} else {
			char c = (char)u;
			if ((*rc = ss_buf_putc(&ps->scratch, c)) < 0)
				return false;
			i++;
		}
	}
	if (!ps->v5 && !ss_utf8_valid(ps->scratch.ptr, ps->scratch.len))
		return false;
	return true;
}

/* Render ps->bytes of type into ps->scratch; *raw when it did not fit. */
static int render(parser *ps, int type, bool *raw)
{
	const uint8_t *b = (const uint8_t *)ps->bytes.ptr;
	size_t n = ps->bytes.len;
	int rc = 0;

	*raw = false;
	ss_buf_clear(&ps->scratch);
	switch (type) {
	case SS_REG_DWORD:
	case SS_REG_DWORD_BE:
		if (n != 4)
			break;
		return ss_buf_printf(
			&ps->scratch, "%lu",
			type == SS_REG_DWORD
				? (unsigned long)((uint32_t)b[0] | (uint32_t)b[1] << 8 |
						  (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24)
				: (unsigned long)((uint32_t)b[3] | (uint32_t)b[2] << 8 |
						  (uint32_t)b[1] << 16 | (uint32_t)b[0] << 24));
	case SS_REG_QWORD:
		if (n != 8)
			break;
		{
			uint64_t v = 0;
			for (int k = 7; k >= 0; k--)
				v = v << 8 | b[k];
			return ss_buf_printf(&ps->scratch, "%llu", (unsigned long long)v);
		}
	case SS_REG_SZ:
	case SS_REG_EXPAND_SZ:
	case SS_REG_LINK:
	case SS_REG_MULTI_SZ:
		if (render_strings(ps, b, n, type == SS_REG_MULTI_SZ, &rc))
			return 0;
		if (rc < 0)
			return rc;
		break;
	default:
		return render_hex(ps, b, n);
	}
	*raw = true;
	return render_hex(ps, b, n);
}

static int value_line(parser *ps, const char *key, const char *line, size_t n)
{
	size_t i = 0, at = ps->lineno;
	const char *name, *text;
	int type, rc;
	bool raw = false;

	if (line[0] == '@') {
		name = "";
		i = 1;
	} else {
		if ((rc = quoted(ps, line, n, &i, true)) < 0)
			return rc;
		if (!(name = ss__win_strndup(&ps->r->arena, ps->scratch.ptr, ps->scratch.len)))
			return SS_ENOMEM;
	}
	while (i < n && blank(line[i]))
		i++;
	if (i >= n || line[i] != '=')
		return perr(ps, line, i, N_("expected '=' after the value name"));
	i++;
	while (i < n && blank(line[i]))
		i++;
	if (i < n && line[i] == '-') {
		size_t j = i + 1;
		while (j < n && blank(line[j]))
			j++;
		if (j < n)
			return perr(ps, line, j, N_("unexpected text after '-' (a deletion)"));
		return add(ps, SS_WINREG_DEL_VALUE, key, name, -1, NULL, false, at);
	}
	if (i < n && line[i] == '"') {
		if ((rc = quoted(ps, line, n, &i, false)) < 0)
			return rc;
		while (i < n && blank(line[i]))
			i++;
		if (i < n)
			return perr(ps, line, i, N_("unexpected text after the string"));
		type = SS_REG_SZ;
	} else if (n - i >= 6 && !strncmp(line + i, "dword:", 6)) {
		uint32_t v = 0;
		size_t d = 0;
		size_t digits = i + 6;
		for (i += 6; i < n && ss_hex_digit(line[i]) >= 0; i++, d++)
			v = v << 4 | (uint32_t)ss_hex_digit(line[i]);
		while (i < n && blank(line[i]))
			i++;
		if (d == 0 || d > 8 || i < n)
			return perr(ps, line, d > 8 ? digits + 8 : i,
				    N_("dword: expected 1 to 8 hex digits (as dword:0000001f)"));
		ss_buf_clear(&ps->scratch);
		if ((rc = ss_buf_printf(&ps->scratch, "%lu", (unsigned long)v)) < 0)
			return rc;
		type = SS_REG_DWORD;
	} else if (n - i >= 4 && !strncmp(line + i, "hex:", 4)) {
		type = SS_REG_BINARY;
		if ((rc = hex_bytes(ps, line, n, i + 4)) < 0 || (rc = render(ps, type, &raw)) < 0)
			return rc;
	} else if (n - i >= 4 && !strncmp(line + i, "hex(", 4)) {
		uint32_t t = 0;
		size_t d = 0;
		for (i += 4; i < n && ss_hex_digit(line[i]) >= 0; i++, d++)
			t = t << 4 | (uint32_t)ss_hex_digit(line[i]);
		if (d == 0 || d > 8 || i + 1 >= n || line[i] != ')' || line[i + 1] != ':')
			return perr(ps, line, i,
				    N_("hex(TYPE): expected 1 to 8 hex digits, then '):' (as "
				       "hex(7):)"));
		type = (int)(t & 0x7fffffff);
		if ((rc = hex_bytes(ps, line, n, i + 2)) < 0 || (rc = render(ps, type, &raw)) < 0)
			return rc;
	} else {
		return perr(ps, line, i,
			    N_("unknown data: expected \"string\", dword:, hex:, hex(TYPE): or -"));
	}
	if (!(text = ss__win_strndup(&ps->r->arena, ps->scratch.ptr, ps->scratch.len)))
		return SS_ENOMEM;
	return add(ps, SS_WINREG_VALUE, key, name, type, text, raw, at);
}

static int header(parser *ps, const char *line, size_t n, const char **key)
{
	bool del = n > 1 && line[1] == '-';
	size_t start = del ? 2 : 1, end = n;
	char *norm;
	int rc;

	while (end > start && blank(line[end - 1]))
		end--;
	if (end <= start || line[end - 1] != ']')
		return perr(ps, line, n, N_("a key header must end with ']'"));
	end--;
	if (end == start)
		return perr(ps, line, start, N_("an empty key name"));
	if (!(norm = ss__win_strndup(&ps->r->arena, line + start, end - start)))
		return SS_ENOMEM;
	if ((rc = ss_winreg_key_normalise(norm, norm)) < 0)
		return ss_error_prefix(SS_EPARSE, "%s: line %zu, column %zu: ", LABEL(ps->label),
				       ps->lineno, ss__win_col(line, start) + ps->colbase);
	if (!ps->r->first)
		ps->r->first = norm;
	if (del) {
		*key = NULL;
		return add(ps, SS_WINREG_DEL_KEY, norm, NULL, -1, NULL, false, ps->lineno);
	}
	*key = norm;
	return 0;
}

/* -------------------------------------------------------------- index */

static int cmp_entry(const ss_winreg_entry *a, const ss_winreg_entry *b, bool names)
{
	int c = ss__win_casecmp(a->key, b->key);
	if (!c && names)
		c = ss__win_casecmp(a->name, b->name);
	if (!c)
		c = a < b ? -1 : a > b;
	return c;
}

static int cmp_v(const void *x, const void *y)
{
	return cmp_entry(*(const ss_winreg_entry *const *)x, *(const ss_winreg_entry *const *)y,
			 true);
}

static int cmp_k(const void *x, const void *y)
{
	return cmp_entry(*(const ss_winreg_entry *const *)x, *(const ss_winreg_entry *const *)y,
			 false);
}

static int build_index(ss_winreg *r)
{
	size_t i;

	r->vidx = malloc((r->n ? r->n : 1) * sizeof(*r->vidx));
	r->kidx = malloc((r->n ? r->n : 1) * sizeof(*r->kidx));
	if (!r->vidx || !r->kidx)
		return ss_error_set(SS_ENOMEM, "indexing a registry export");
	for (i = 0; i < r->n; i++) {
		if (r->e[i].op == SS_WINREG_DEL_KEY)
			r->kidx[r->nk++] = &r->e[i];
		else
			r->vidx[r->nv++] = &r->e[i];
	}
	qsort(r->vidx, r->nv, sizeof(*r->vidx), cmp_v);
	qsort(r->kidx, r->nk, sizeof(*r->kidx), cmp_k);
	return 0;
}

/* The last entry of idx (sorted) whose key (and name) equal; NULL if none. */
static const ss_winreg_entry *last_of(const ss_winreg_entry **idx, size_t n, const char *key,
				      const char *name)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ss__win_casecmp(idx[mid]->key, key);
		if (!c && name)
			c = ss__win_casecmp(idx[mid]->name, name);
		if (c <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	if (ss__win_casecmp(idx[lo - 1]->key, key) ||
	    (name && ss__win_casecmp(idx[lo - 1]->name, name)))
		return NULL;
	return idx[lo - 1];
}

int ss_winreg_get(const ss_winreg *r, const char *key, const char *name,
		  const ss_winreg_entry **out)
{
	const ss_winreg_entry *v, *d;
	char *k;
	int rc;

	if (!r || !key)
		return ss_error_set(SS_EINVAL, "ss_winreg_get: no export or no key");
	if (!name)
		name = "";
	if (!(k = malloc(strlen(key) + 8)))
		return ss_error_set(SS_ENOMEM, "looking up a registry value");
	if ((rc = ss_winreg_key_normalise(k, key)) < 0) {
		free(k);
		return rc;
	}
	v = last_of(r->vidx, r->nv, k, name);
	/* A [-key] of this key or of one above it, later than the value? */
	for (char *p = k;; p++) {
		if (*p == '\\' || *p == '\0') {
			char c = *p;
			*p = '\0';
			d = last_of(r->kidx, r->nk, k, NULL);
			*p = c;
			if (d && (!v || d > v))
				v = d;
			if (!c)
				break;
		}
	}
	if (!v || v->op != SS_WINREG_VALUE) {
		if (v)
			rc = ss_error_set(
				SS_ENOTFOUND,
				"registry value %s\\%s: deleted at line %lu of the export", k,
				*name ? name : "(Default)", (unsigned long)v->line);
		else
			rc = ss_error_set(SS_ENOTFOUND, "registry value %s\\%s: not in the export",
					  k, *name ? name : "(Default)");
		free(k);
		return rc;
	}
	free(k);
	*out = v;
	return 0;
}

bool ss_winreg_covers(const ss_winreg *r, const char *key)
{
	char *k;
	size_t fl;
	bool yes;

	if (!r || !r->first || !key || !(k = malloc(strlen(key) + 1)))
		return false;
	if (ss_winreg_key_normalise(k, key) < 0) {
		free(k);
		return false;
	}
	fl = strlen(r->first);
	yes = strlen(k) >= fl && (k[fl] == '\\' || k[fl] == '\0');
	if (yes) {
		char c = k[fl];
		k[fl] = '\0';
		yes = !ss__win_casecmp(k, r->first);
		k[fl] = c;
	}
	free(k);
	return yes;
}

const char *ss_winreg_root(const ss_winreg *r)
{
	return r ? r->first : NULL;
}

/* ------------------------------------------------------------- public */

int ss_winreg_parse(ss_winreg **out, const void *data, size_t len, const char *label)
{
	ss__wintext t = {0};
	parser ps = {0};
	ss_winreg *r;
	const char *line, *key = NULL;
	size_t n;
	bool more, have_version = false;
	int rc;

	if ((rc = ss__win_decode(&t, data, len, LABEL(label))) < 0)
		return rc;
	if (!(r = calloc(1, sizeof(*r)))) {
		free(t.text);
		return ss_error_set(SS_ENOMEM, "%s: parsing", LABEL(label));
	}
	ps.label = label;
	ps.text = ps.p = t.text;
	ps.end = t.text + t.len;
	ps.r = r;
	ss_buf_init(&ps.bytes, SS_WIN_LINE_MAX);
	ss_buf_init(&ps.scratch, 4 * SS_WIN_LINE_MAX + 16);
	for (;;) {
		size_t i = 0;
		ps.colbase = 0;
		if ((rc = next_line(&ps, &line, &n, &more)) < 0 || !more)
			break;
		while (i < n && blank(line[i]))
			i++;
		if (i == n)
			continue;
		if (!have_version) {
			size_t e = n;
			while (e > i && blank(line[e - 1]))
				e--;
			if (e - i == strlen(V5) && !strncmp(line + i, V5, e - i)) {
				r->version = V5;
				ps.v5 = true;
			} else if (e - i == strlen(V4) && !strncmp(line + i, V4, e - i)) {
				r->version = V4;
			} else {
				rc = perr(&ps, line, i,
					  N_("the first line must be \"Windows Registry Editor "
					     "Version 5.00\" or "
					     "\"REGEDIT4\": this is not a .reg file"));
				break;
			}
			have_version = true;
			continue;
		}
		if (line[i] == ';')
			continue;
		if (line[i] == '[') {
			ps.colbase = i;
			if ((rc = header(&ps, line + i, n - i, &key)) < 0)
				break;
			continue;
		}
		if (line[i] == '"' || line[i] == '@') {
			if (!key) {
				rc = perr(
					&ps, line, i,
					r->n ? N_("a value after a [-key] deletion, without a key "
						  "header of its own")
					     : N_("a value before any [key] header"));
				break;
			}
			ps.colbase = i;
			if ((rc = value_line(&ps, key, line + i, n - i)) < 0)
				break;
			continue;
		}
		rc = perr(&ps, line, i,
			  N_("expected a [key] header, a \"name\"=value line or a ';' comment"));
		break;
	}
	if (!rc && !have_version)
		rc = ss_error_set(
			SS_EPARSE,
			"%s: the file is empty: no \"Windows Registry Editor Version 5.00\" "
			"line",
			LABEL(label));
	ss_buf_release(&ps.bytes);
	ss_buf_release(&ps.scratch);
	free(t.text);
	if (!rc)
		rc = build_index(r);
	if (rc < 0) {
		if (rc == SS_ENOMEM && !strstr(ss_error_last(), LABEL(label)))
			ss_error_set(SS_ENOMEM, "%s: line %zu: out of memory", LABEL(label),
				     ps.lineno);
		ss_winreg_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void ss_winreg_free(ss_winreg *r)
{
	if (!r)
		return;
	ss__win_arena_free(&r->arena);
	free(r->e);
	free(r->vidx);
	free(r->kidx);
	free(r);
}

const char *ss_winreg_version(const ss_winreg *r)
{
	return r->version;
}

size_t ss_winreg_count(const ss_winreg *r)
{
	return r ? r->n : 0;
}

const ss_winreg_entry *ss_winreg_at(const ss_winreg *r, size_t i)
{
	return r && i < r->n ? &r->e[i] : NULL;
}
