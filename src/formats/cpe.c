/* CPE names: both bindings unbound to one normalised form (the 2.3
 * formatted string's value syntax), and NISTIR 7696 attribute comparison. */
#include <stdlib.h>
#include <string.h>

#include "formats/cpe.h"
#include "util/util.h"

static const char *const attr_name[SS_CPE_NATTR] = {
	"part",     "vendor",     "product",   "version",   "update", "edition",
	"language", "sw_edition", "target_sw", "target_hw", "other"};

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Letters, digits and the punctuation a formatted string leaves unquoted. */
static bool unquoted(int c)
{
	return alnum(c) || c == '_' || c == '.' || c == '-';
}

static bool punct(int c)
{
	return c > 0x20 && c < 0x7f && !alnum(c);
}

/* Append literal character c of attribute value v in the normalised form. */
static int put_literal(ss_buf *v, int c)
{
	int error;

	if (unquoted(c))
		return ss_buf_putc(v, (char)lower(c));
	if ((error = ss_buf_putc(v, '\\')) < 0)
		return error;
	return ss_buf_putc(v, (char)c);
}

/* A wildcard at byte pos (1-based) of attribute i: only a run at the start
 * or at the end of the value, '*' alone. */
static int put_wild(ss_buf *v, int c, bool at_start, bool at_end, int i, size_t pos)
{
	if (!at_start && !at_end)
		return ss_error_set(SS_EPARSE,
				    "CPE: the wildcard '%c' inside the %s value (byte %zu); only "
				    "at its start or end",
				    c, attr_name[i], pos);
	if (c == '*' && v->len && v->ptr[v->len - 1] == '*')
		return ss_error_set(SS_EPARSE, "CPE: '**' in the %s value (byte %zu)", attr_name[i],
				    pos);
	return ss_buf_putc(v, (char)c);
}

static int take(ss_cpe *c, int i, ss_buf *v)
{
	if (!(c->a[i] = ss_buf_detach(v)))
		return ss_error_set(SS_ENOMEM, "allocating a CPE");
	return 0;
}

static int set_str(ss_cpe *c, int i, const char *s)
{
	if (!(c->a[i] = strdup(s)))
		return ss_error_set(SS_ENOMEM, "allocating a CPE");
	return 0;
}

/* Attribute i of a 2.3 formatted string: text[from, to). */
static int fs_attr(ss_cpe *c, int i, const char *text, size_t from, size_t to)
{
	ss_buf v = SS_BUF_INIT(SS_CPE_MAX * 2);
	int error = 0;

	if (to - from == 1 && (text[from] == '*' || text[from] == '-'))
		return set_str(c, i, text[from] == '*' ? "*" : "-");
	if (to == from) {
		error = ss_error_set(SS_EPARSE, "CPE: the %s is empty (byte %zu); '*' is ANY",
				     attr_name[i], from + 1);
		goto out;
	}
	for (size_t k = from; k < to && error >= 0; k++) {
		int ch = (unsigned char)text[k];
		if (ch == '\\') {
			int q = k + 1 < to ? (unsigned char)text[k + 1] : 0;
			if (!q || !punct(q)) {
				error = ss_error_set(SS_EPARSE,
						     "CPE: '\\' must quote a punctuation character "
						     "in the %s (byte %zu)",
						     attr_name[i], k + 1);
				goto out;
			}
			/* "\-" alone stays quoted: unquoted it would be NA */
			if (q == '-' && to - from == 2)
				error = ss_buf_puts(&v, "\\-");
			else
				error = put_literal(&v, q);
			k++;
		} else if (ch == '*' || ch == '?') {
			bool start = true, end = true;
			for (size_t j = from; j < k; j++)
				if (text[j] != '?')
					start = false;
			for (size_t j = k + 1; j < to; j++)
				if (text[j] != '?')
					end = false;
			if (ch == '*')
				start = k == from, end = k + 1 == to;
			error = put_wild(&v, ch, start, end, i, k + 1);
		} else if (unquoted(ch)) {
			error = ss_buf_putc(&v, (char)lower(ch));
		} else if (punct(ch)) {
			error = ss_error_set(SS_EPARSE,
					     "CPE: an unquoted '%c' in the %s (byte %zu); write "
					     "'\\%c'",
					     ch, attr_name[i], k + 1, ch);
		} else {
			error = ss_error_set(
				SS_EPARSE,
				"CPE: byte 0x%02x in the %s (byte %zu); only printable "
				"ASCII",
				ch, attr_name[i], k + 1);
		}
	}
	if (error >= 0)
		error = take(c, i, &v);
out:
	ss_buf_release(&v);
	return error;
}

/* Attribute i of a 2.2 URI: text[from, to), percent-encoded. */
static int uri_attr(ss_cpe *c, int i, const char *text, size_t from, size_t to)
{
	ss_buf v = SS_BUF_INIT(SS_CPE_MAX * 2);
	int error = 0;

	if (to == from)
		return set_str(c, i, "*");
	if (to - from == 1 && text[from] == '-')
		return set_str(c, i, "-");
	for (size_t k = from; k < to && error >= 0; k++) {
		int ch = (unsigned char)text[k];
		if (ch == '%') {
			int hi = k + 2 < to ? ss_hex_digit((unsigned char)text[k + 1]) : -1;
			int lo = k + 2 < to ? ss_hex_digit((unsigned char)text[k + 2]) : -1;
			if (hi < 0 || lo < 0) {
				error = ss_error_set(
					SS_EPARSE,
					"CPE: a '%%' not followed by two hex digits in "
					"the %s (byte %zu)",
					attr_name[i], k + 1);
				goto out;
			}
			ch = hi * 16 + lo;
			if (ch == 1 || ch == 2) {
				/* %01 is '?', %02 is '*': at the start or the end */
				bool start = true, end = true;
				for (size_t j = from; j < k; j += 3)
					if (strncmp(text + j, "%01", 3))
						start = false;
				for (size_t j = k + 3; j < to; j += 3)
					if (strncmp(text + j, "%01", 3))
						end = false;
				if (ch == 2)
					start = k == from, end = k + 3 == to;
				error = put_wild(&v, ch == 1 ? '?' : '*', start, end, i, k + 1);
			} else if (punct(ch) || alnum(ch)) {
				error = put_literal(&v, ch);
			} else {
				error = ss_error_set(
					SS_EPARSE,
					"CPE: %%%02X in the %s (byte %zu); only printable "
					"ASCII",
					(unsigned)ch, attr_name[i], k + 1);
			}
			k += 2;
		} else if (punct(ch) || alnum(ch)) {
			error = put_literal(&v, ch);
		} else {
			error = ss_error_set(
				SS_EPARSE,
				"CPE: byte 0x%02x in the %s (byte %zu); only printable "
				"ASCII",
				ch, attr_name[i], k + 1);
		}
	}
	if (error >= 0)
		error = take(c, i, &v);
out:
	ss_buf_release(&v);
	return error;
}

static int check_part(const ss_cpe *c, size_t pos)
{
	const char *p = c->a[SS_CPE_PART];

	if (!strcmp(p, "a") || !strcmp(p, "o") || !strcmp(p, "h") || !strcmp(p, "*"))
		return 0;
	return ss_error_set(SS_EPARSE, "CPE: the part must be a, o, h or * (byte %zu)", pos);
}

static int parse_fs(ss_cpe *c, const char *text, size_t n)
{
	size_t from = 8, k = 8, part_at = 9;
	int i = 0, error;

	for (;; k++) {
		if (k < n && text[k] == '\\') {
			k++;
			continue;
		}
		if (k < n && text[k] != ':')
			continue;
		if (i == SS_CPE_NATTR)
			return ss_error_set(
				SS_EPARSE,
				"CPE: more than 11 attributes after 'cpe:2.3:' (byte %zu)",
				from + 1);
		if ((error = fs_attr(c, i, text, from, k > n ? n : k)) < 0)
			return error;
		i++;
		from = k + 1;
		if (k >= n)
			break;
	}
	if (i < SS_CPE_NATTR)
		return ss_error_set(SS_EPARSE,
				    "CPE: %d attributes after 'cpe:2.3:', 11 expected (the %s is "
				    "missing at byte %zu)",
				    i, attr_name[i], n + 1);
	return check_part(c, part_at);
}

static int parse_uri(ss_cpe *c, const char *text, size_t n)
{
	size_t from = 5, k;
	int i = 0, error;

	for (k = from;; k++) {
		if (k < n && text[k] != ':')
			continue;
		if (i == 7)
			return ss_error_set(SS_EPARSE,
					    "CPE: more than 7 components after 'cpe:/' (byte %zu)",
					    from + 1);
		if (i == SS_CPE_EDITION && k > from && text[from] == '~') {
			/* packed: ~edition~sw_edition~target_sw~target_hw~other */
			static const int packed[5] = {SS_CPE_EDITION, SS_CPE_SW_EDITION,
						      SS_CPE_TARGET_SW, SS_CPE_TARGET_HW,
						      SS_CPE_OTHER};
			size_t f = from + 1, j;
			int m = 0;
			for (j = f;; j++) {
				if (j < k && text[j] != '~')
					continue;
				if (m == 5)
					return ss_error_set(SS_EPARSE,
							    "CPE: a packed edition with more than "
							    "five '~' fields (byte %zu)",
							    j + 1);
				if ((error = uri_attr(c, packed[m], text, f, j)) < 0)
					return error;
				m++;
				f = j + 1;
				if (j >= k)
					break;
			}
			if (m != 5)
				return ss_error_set(
					SS_EPARSE,
					"CPE: a packed edition needs five '~' fields, it "
					"has %d (byte %zu)",
					m, from + 1);
		} else {
			int attr = i == 6 ? SS_CPE_LANGUAGE : i;
			if ((error = uri_attr(c, attr, text, from, k)) < 0)
				return error;
		}
		i++;
		from = k + 1;
		if (k >= n)
			break;
	}
	for (i = 0; i < SS_CPE_NATTR; i++)
		if (!c->a[i] && (error = set_str(c, i, "*")) < 0)
			return error;
	return check_part(c, 6);
}

/* text starts with p (lower case), ignoring ASCII case */
static bool prefix(const char *text, size_t n, const char *p)
{
	size_t i;

	for (i = 0; p[i]; i++)
		if (i >= n || lower((unsigned char)text[i]) != p[i])
			return false;
	return true;
}

int ss_cpe_parse(ss_cpe *out, const char *text)
{
	ss_cpe c = {{0}};
	size_t n;
	int error;

	if (!out || !text)
		return ss_error_set(SS_EINVAL, "ss_cpe_parse: NULL argument");
	if ((n = strnlen(text, SS_CPE_MAX + 1)) > SS_CPE_MAX)
		return ss_error_set(SS_ELIMIT, "CPE: longer than %d bytes", SS_CPE_MAX);
	if (prefix(text, n, "cpe:2.3:"))
		error = parse_fs(&c, text, n);
	else if (prefix(text, n, "cpe:/"))
		error = parse_uri(&c, text, n);
	else
		error = ss_error_set(SS_EPARSE,
				     "CPE: neither 'cpe:2.3:' nor 'cpe:/' at the start (byte 1)");
	if (error < 0)
		goto out;
	*out = c;
	memset(&c, 0, sizeof(c));
out:
	ss_cpe_free(&c);
	return error;
}

void ss_cpe_free(ss_cpe *c)
{
	if (!c)
		return;
	for (int i = 0; i < SS_CPE_NATTR; i++)
		free(c->a[i]);
	memset(c, 0, sizeof(*c));
}

int ss_cpe_format(ss_buf *out, const ss_cpe *c)
{
	int error;

	if (!out || !c)
		return ss_error_set(SS_EINVAL, "ss_cpe_format: NULL argument");
	if ((error = ss_buf_puts(out, "cpe:2.3")) < 0)
		return error;
	for (int i = 0; i < SS_CPE_NATTR; i++) {
		if (!c->a[i])
			return ss_error_set(SS_EINVAL, "ss_cpe_format: the %s is NULL",
					    attr_name[i]);
		if ((error = ss_buf_putc(out, ':')) < 0 || (error = ss_buf_puts(out, c->a[i])) < 0)
			return error;
	}
	return 0;
}

/* ---- matching (NISTIR 7696 section 6) ----------------------------------- */

enum { SUPERSET, SUBSET, EQUAL, DISJOINT, UNDEFINED };

static bool is_any(const char *v)
{
	return !strcmp(v, "*");
}

static bool is_na(const char *v)
{
	return !strcmp(v, "-");
}

static bool has_wild(const char *v)
{
	for (; *v; v++) {
		if (*v == '\\' && v[1])
			v++;
		else if (*v == '*' || *v == '?')
			return true;
	}
	return false;
}

/* Characters of a value (a quoted pair counts once) in s[0, len). */
static size_t units(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++, n++)
		if (s[i] == '\\' && i + 1 < len)
			i++;
	return n;
}

/* Whether the character at s[at] is the second of a quoted pair. */
static bool quoted_at(const char *s, size_t at)
{
	size_t i = 0;

	while (i < at)
		i += s[i] == '\\' ? 2 : 1;
	return i > at;
}

/* compare_strings of NISTIR 7696 6.3: the source's leading '?'s (or '*')
 * allow up to that many characters (any number) before its literal middle
 * in the target, its trailing ones as many after. */
static int compare_strings(const char *src, const char *tgt)
{
	size_t sl = strlen(src), tl = strlen(tgt), b = 0, e = 0, start = 0, end = sl;
	bool b_any = false, e_any = false;

	if (sl && src[0] == '*') {
		b_any = true;
		start = 1;
	} else {
		while (start < sl && src[start] == '?')
			start++, b++;
	}
	if (end > start && src[end - 1] == '*' && !quoted_at(src, end - 1)) {
		e_any = true;
		end--;
	} else {
		while (end > start && src[end - 1] == '?' && !quoted_at(src, end - 1))
			end--, e++;
	}
	if (!b_any && !e_any && !b && !e)
		return strcmp(src, tgt) ? DISJOINT : EQUAL;
	{
		size_t ml = end - start;
		const char *mid = src + start;
		/* each position of the target where a character starts */
		for (size_t i = 0; i + ml <= tl; i++) {
			size_t before, after;
			if (memcmp(tgt + i, mid, ml)) {
				if (tgt[i] == '\\')
					i++;
				continue;
			}
			before = units(tgt, i);
			after = units(tgt + i + ml, tl - i - ml);
			if ((b_any || before <= b) && (e_any || after <= e))
				return SUPERSET;
			if (tgt[i] == '\\')
				i++;
		}
	}
	return DISJOINT;
}

static int compare(const char *src, const char *tgt)
{
	if (has_wild(tgt) && !is_any(tgt))
		return UNDEFINED;
	if (!strcmp(src, tgt))
		return EQUAL;
	if (is_any(src))
		return SUPERSET;
	if (is_any(tgt))
		return SUBSET;
	if (is_na(tgt) || is_na(src))
		return DISJOINT;
	return compare_strings(src, tgt);
}

bool ss_cpe_matches(const ss_cpe *criteria, const ss_cpe *target, bool ignore_version)
{
	if (!criteria || !target)
		return false;
	for (int i = 0; i < SS_CPE_NATTR; i++) {
		int r;
		if (ignore_version && i == SS_CPE_VERSION)
			continue;
		if (!criteria->a[i] || !target->a[i])
			return false;
		r = compare(criteria->a[i], target->a[i]);
		if (r != SUPERSET && r != EQUAL)
			return false;
	}
	return true;
}
