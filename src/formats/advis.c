/* Helpers shared by the NVD, JVN and CSAF importers (advis.h). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/advis.h"
#include "util/banned.h"

int ss_advis__list_add(json_t *list, const char *s, size_t max)
{
	json_t *e;
	size_t i;

	if (!s || !*s || json_array_size(list) >= max)
		return 0;
	json_array_foreach(list, i, e) {
		if (strcmp(json_string_value(e), s) == 0)
			return 0;
	}
	json_array_append_new(list, json_string(s));
	return 1;
}

int ss_advis__canon(ss_buf *out, const json_t *v)
{
	ss_buf_clear(out);
	return ss_json_canonical(out, v);
}

static int put_score(ss_buf *out, double d)
{
	char s[32];
	int p;

	for (p = 0; p <= 6; p++) {
		snprintf(s, sizeof(s), "%.*f", p, d);
		if (strtod(s, NULL) == d)
			break;
	}
	if (strcmp(s, "-0") == 0)
		snprintf(s, sizeof(s), "0");
	return ss_buf_printf(out, "\"score\":%s,", s);
}

int ss_advis__severity(ss_buf *out, const json_t *entries)
{
	json_t *e, *score;
	size_t i;
	int error;

	ss_buf_clear(out);
	if ((error = ss_buf_putc(out, '[')) < 0)
		return error;
	json_array_foreach(entries, i, e) {
		json_t *type = json_object_get(e, "type"), *vec = json_object_get(e, "vector");
		double d;

		if (i && (error = ss_buf_putc(out, ',')) < 0)
			return error;
		if ((error = ss_buf_putc(out, '{')) < 0)
			return error;
		score = json_object_get(e, "score");
		d = json_number_value(score);
		if (json_is_number(score) && isfinite(d) && d >= 0 && d <= 10 &&
		    (error = put_score(out, d)) < 0)
			return error;
		if ((error = ss_buf_puts(out, "\"type\":")) < 0 ||
		    (error = ss_json_canonical(out, type)) < 0 ||
		    (error = ss_buf_puts(out, ",\"vector\":")) < 0 ||
		    (error = ss_json_canonical(out, vec)) < 0 ||
		    (error = ss_buf_putc(out, '}')) < 0)
			return error;
	}
	return ss_buf_putc(out, ']');
}

/* ---- CPE ------------------------------------------------------------------ */

void ss_advis__cpe_release(ss_advis_cpe *c)
{
	free(c->buf);
	memset(c, 0, sizeof(*c));
}

/* A character a formatted-string attribute holds unescaped. */
static bool fs_plain(unsigned char ch)
{
	return isalnum(ch) || ch == '_' || ch == '-' || ch == '.';
}

static int parse23(ss_advis_cpe *c, const char *s)
{
	size_t n = strlen(s), i, k = 0;
	char *p;

	if (!(c->buf = malloc(n + 1)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	memcpy(c->buf, s + 8, n - 8 + 1);
	p = c->buf;
	c->attr[k++] = p;
	for (i = 0; p[i]; i++) {
		unsigned char ch = (unsigned char)p[i];

		if (ch == '\\') {
			if (!p[i + 1] || (unsigned char)p[i + 1] <= 0x20 ||
			    (unsigned char)p[i + 1] >= 0x7f)
				return ss_error_set(SS_EPARSE, "a CPE 2.3 name with a bad escape");
			i++;
		} else if (ch == ':') {
			if (k == SS_CPE_ATTRS)
				return ss_error_set(SS_EPARSE,
						    "a CPE 2.3 name with more than 11 attributes");
			p[i] = '\0';
			c->attr[k++] = p + i + 1;
		} else if (ch <= 0x20 || ch >= 0x7f) {
			return ss_error_set(SS_EPARSE,
					    "a CPE 2.3 name with a space or a character that is "
					    "not printable ASCII");
		}
	}
	if (k != SS_CPE_ATTRS)
		return ss_error_set(SS_EPARSE, "a CPE 2.3 name with %zu attributes instead of 11",
				    k);
	for (k = 0; k < SS_CPE_ATTRS; k++)
		if (!*c->attr[k])
			return ss_error_set(SS_EPARSE, "a CPE 2.3 name with an empty attribute");
	return 0;
}

/* One 2.2 URI component into its formatted-string form, appended to b. */
static int uri_attr(ss_buf *b, const char *s, size_t n)
{
	size_t i;
	int error = 0;

	if (n == 0)
		return ss_buf_putc(b, '*');
	if (n == 1 && s[0] == '-')
		return ss_buf_putc(b, '-');
	for (i = 0; i < n && error == 0; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '%') {
			char hex[3] = {0};
			unsigned long v;
			char *end;

			if (i + 2 >= n)
				return ss_error_set(SS_EPARSE,
						    "a CPE 2.2 name with a cut %%-escape");
			hex[0] = s[i + 1];
			hex[1] = s[i + 2];
			v = strtoul(hex, &end, 16);
			if (*end || !isxdigit((unsigned char)hex[0]))
				return ss_error_set(SS_EPARSE,
						    "a CPE 2.2 name with a bad %%-escape");
			i += 2;
			if (v == 1)
				error = ss_buf_putc(b, '?');
			else if (v == 2)
				error = ss_buf_putc(b, '*');
			else if (v > 0x20 && v < 0x7f && fs_plain((unsigned char)v))
				error = ss_buf_putc(b, (char)v);
			else if (v > 0x20 && v < 0x7f)
				error = ss_buf_printf(b, "\\%c", (char)v);
			else
				return ss_error_set(SS_EPARSE,
						    "a CPE 2.2 name with an escaped character that "
						    "is not printable ASCII");
		} else if (fs_plain(ch)) {
			error = ss_buf_putc(b, (char)ch);
		} else if (ch > 0x20 && ch < 0x7f && ch != ':') {
			error = ss_buf_printf(b, "\\%c", (char)ch);
		} else {
			return ss_error_set(SS_EPARSE,
					    "a CPE 2.2 name with a space or a character that is "
					    "not printable ASCII");
		}
	}
	return error;
}

static int parse22(ss_advis_cpe *c, const char *s)
{
	ss_buf b = SS_BUF_INIT(1 << 16);
	const char *comp[7] = {0}, *p = s + 5;
	size_t len[7] = {0}, k = 0, i, off[SS_CPE_ATTRS];
	const char *packed[5] = {0};
	size_t packed_len[5] = {0}, np = 0;
	int error = 0;

	comp[0] = p;
	for (; *p; p++) {
		if (*p == ':') {
			if (++k == 7) {
				error = ss_error_set(SS_EPARSE,
						     "a CPE 2.2 name with more than 7 components");
				goto out;
			}
			comp[k] = p + 1;
		} else {
			len[k]++;
		}
	}
	k++;
	if (len[0] != 1 || !strchr("aoh", comp[0][0])) {
		error = ss_error_set(SS_EPARSE, "a CPE 2.2 name whose part is not a, o or h");
		goto out;
	}
	/* a packed edition "~edition~sw_edition~target_sw~target_hw~other" */
	if (k > 5 && len[5] > 0 && comp[5][0] == '~') {
		const char *q = comp[5] + 1, *end = comp[5] + len[5];

		packed[0] = q;
		for (; q < end; q++) {
			if (*q == '~') {
				if (++np == 5) {
					error = ss_error_set(SS_EPARSE,
							     "a CPE 2.2 name with a packed "
							     "edition of more than 5 fields");
					goto out;
				}
				packed[np] = q + 1;
			} else {
				packed_len[np]++;
			}
		}
		np++;
	}
	for (i = 0; i < SS_CPE_ATTRS && error == 0; i++) {
		if (i && (error = ss_buf_putc(&b, '\0')) < 0)
			break;
		off[i] = b.len;
		if (i == 5 && np)
			error = uri_attr(&b, packed[0], packed_len[0]);
		else if (i >= 7 && i <= 10 && np)
			error = (i - 6 < np) ? uri_attr(&b, packed[i - 6], packed_len[i - 6])
					     : ss_buf_putc(&b, '*');
		else if (i < 7 && i < k)
			error = uri_attr(&b, comp[i], len[i]);
		else
			error = ss_buf_putc(&b, '*');
	}
	if (error < 0)
		goto out;
	c->buf = ss_buf_detach(&b);
	for (i = 0; i < SS_CPE_ATTRS; i++)
		c->attr[i] = c->buf + off[i];
	c->uri = true;
out:
	ss_buf_release(&b);
	return error;
}

int ss_advis__cpe_parse(ss_advis_cpe *out, const char *s)
{
	int error;

	memset(out, 0, sizeof(*out));
	if (!s)
		return ss_error_set(SS_EPARSE, "no CPE name");
	if (strncmp(s, "cpe:2.3:", 8) == 0)
		error = parse23(out, s);
	else if (strncmp(s, "cpe:/", 5) == 0)
		error = parse22(out, s);
	else
		return ss_error_set(SS_EPARSE,
				    "not a CPE name: it starts with neither \"cpe:2.3:\" nor "
				    "\"cpe:/\"");
	if (error == 0 && !strchr("aoh*", out->attr[0][0]))
		error = ss_error_set(SS_EPARSE, "a CPE name whose part is not a, o, h or *");
	if (error == 0 && out->attr[0][1])
		error = ss_error_set(SS_EPARSE, "a CPE name whose part is not a, o, h or *");
	if (error < 0)
		ss_advis__cpe_release(out);
	return error;
}

static int put_escaped(ss_buf *out, const char *v)
{
	int error = 0;

	if (strcmp(v, "*") == 0 || strcmp(v, "-") == 0 || !*v)
		return ss_buf_puts(out, *v ? v : "*");
	for (; *v && error == 0; v++) {
		unsigned char ch = (unsigned char)*v;

		if (fs_plain(ch))
			error = ss_buf_putc(out, (char)ch);
		else if (ch > 0x20 && ch < 0x7f)
			error = ss_buf_printf(out, "\\%c", (char)ch);
		else
			return ss_error_set(SS_EPARSE,
					    "a version with a space or a character that is not "
					    "printable ASCII");
	}
	return error;
}

int ss_advis__cpe_format(ss_buf *out, const ss_advis_cpe *c, const char *version)
{
	int error, i;

	ss_buf_clear(out);
	if ((error = ss_buf_puts(out, "cpe:2.3")) < 0)
		return error;
	for (i = 0; i < SS_CPE_ATTRS; i++) {
		if ((error = ss_buf_putc(out, ':')) < 0)
			return error;
		error = (i == 3 && version) ? put_escaped(out, version)
					    : ss_buf_puts(out, c->attr[i]);
		if (error < 0)
			return error;
	}
	return 0;
}

int ss_advis__cpe_package(ss_buf *out, const ss_advis_cpe *c)
{
	ss_buf_clear(out);
	return ss_buf_printf(out, "%s:%s", c->attr[1], c->attr[2]);
}

int ss_advis__cpe_unescape(ss_buf *out, const char *attr)
{
	int error = 0;

	ss_buf_clear(out);
	for (; *attr && error == 0; attr++) {
		if (*attr == '\\' && attr[1])
			attr++;
		error = ss_buf_putc(out, *attr);
	}
	return error;
}
