/* FIRST.org EPSS: the daily CSV (plain or gzip), read line by line in one
 * pass: the comment line "#model_version:...,score_date:...", the header
 * "cve,epss,percentile", then one row per CVE (docs/internals/cvss.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/idset.h"
#include "formats/sbom.h"
#include "util/util.h"
#include "util/banned.h"

#define MiB ((uint64_t)1 << 20)

/* The file of 2025 holds about 300,000 rows in 10 MB; every CVE ever
 * published is under 400,000. A line is about 40 bytes. */
const ss_import_limits ss_epss_limits = {
	.bytes = 256 * MiB,
	.string = 1024, /* one line */
	.records = 2000000,
};

typedef struct {
	ss_vuln_sink *sink;
	ss_input *in;
	const ss_import_limits *lim;
	json_t *info;
	ss_idset seen;
	uint64_t line, rows;
	char date[11];
	char model[64];
} epss_ctx;

/* CVE-YYYY-NNNN with 4 to 19 digits of sequence (the CVE id syntax). */
static bool cve_valid(const char *s, size_t n)
{
	size_t i;

	if (n < 13 || n > 27 || memcmp(s, "CVE-", 4) != 0 || s[8] != '-')
		return false;
	for (i = 4; i < n; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return false;
	return memcmp(s + 4, "1999", 4) >= 0;
}

/* A decimal number in [0, 1]: digits, an optional fraction and an
 * optional exponent ("0.00043", "1.0", "4e-05"). */
static bool prob_parse(double *out, const char *s, size_t n)
{
	char buf[40];
	size_t i = 0, d = 0;
	char *end;
	double v;

	if (n == 0 || n >= sizeof(buf))
		return false;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
	if (d == 0)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i == n || s[i] < '0' || s[i] > '9')
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i != n)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	v = strtod(buf, &end);
	if (end != buf + n || !(v >= 0.0 && v <= 1.0))
		return false;
	*out = v;
	return true;
}

/* "#model_version:v2023.03.01,score_date:2023-03-07T00:00:00+0000" */
static int comment_line(epss_ctx *c, const char *s, size_t n)
{
	const char *p = s + 1, *end = s + n;
	bool have_date = false;

	if (n == 0 || s[0] != '#')
		return ss_error_set(
			SS_EPARSE,
			"%s: line 1: no comment line '#model_version:...,score_date:...' "
			"(is this FIRST's EPSS CSV?)",
			c->in->path);
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p)), *colon;
		size_t len = comma ? (size_t)(comma - p) : (size_t)(end - p), i;

		colon = memchr(p, ':', len);
		if (colon && (size_t)(colon - p) == 13 && memcmp(p, "model_version", 13) == 0) {
			size_t vlen = len - 14;

			if (vlen == 0 || vlen >= sizeof(c->model))
				return ss_error_set(SS_EPARSE,
						    "%s: line 1: model_version is empty "
						    "or longer than 63 bytes",
						    c->in->path);
			for (i = 0; i < vlen; i++)
				if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					    "0123456789._-",
					    colon[1 + i]) ||
				    colon[1 + i] == '\0')
					return ss_error_set(SS_EPARSE,
							    "%s: line 1: model_version holds a "
							    "character other than letters, digits, "
							    "'.', '_' and '-'",
							    c->in->path);
			memcpy(c->model, colon + 1, vlen);
			c->model[vlen] = '\0';
		} else if (colon && (size_t)(colon - p) == 10 && memcmp(p, "score_date", 10) == 0) {
			if (len < 21)
				return ss_error_set(SS_EPARSE,
						    "%s: line 1: score_date is not a date "
						    "(YYYY-MM-DDT...)",
						    c->in->path);
			memcpy(c->date, colon + 1, 10);
			c->date[10] = '\0';
			if (!ss_date_valid(c->date) || (len > 21 && colon[11] != 'T'))
				return ss_error_set(SS_EPARSE,
						    "%s: line 1: score_date is not a date "
						    "(YYYY-MM-DDT...)",
						    c->in->path);
			have_date = true;
		}
		p += len + 1;
	}
	if (!have_date || !c->model[0])
		return ss_error_set(SS_EPARSE,
				    "%s: line 1: the comment line has no %s (EPSS files since "
				    "2022 have model_version and score_date)",
				    c->in->path, have_date ? "model_version" : "score_date");
	return 0;
}

static int data_line(epss_ctx *c, const char *s, size_t n)
{
	const char *f[3], *comma;
	size_t len[3], i, rest = n;
	char cve[32];
	ss_sink_epss row;
	int error;

	for (i = 0; i < 3; i++) {
		f[i] = s;
		comma = memchr(s, ',', rest);
		if (i < 2 && !comma)
			return ss_error_set(
				SS_EPARSE, "%s: line %llu: %zu fields, not 3 (cve,epss,percentile)",
				c->in->path, (unsigned long long)c->line, i + 1);
		if (i == 2 && comma)
			return ss_error_set(
				SS_EPARSE,
				"%s: line %llu: more than 3 fields (cve,epss,percentile)",
				c->in->path, (unsigned long long)c->line);
		len[i] = comma ? (size_t)(comma - s) : rest;
		if (comma) {
			rest -= len[i] + 1;
			s = comma + 1;
		}
	}
	if (!cve_valid(f[0], len[0]))
		return ss_error_set(
			SS_EPARSE,
			"%s: line %llu, column cve: '%.*s' is not a CVE id (CVE-YYYY-NNNN)",
			c->in->path, (unsigned long long)c->line, (int)(len[0] > 32 ? 32 : len[0]),
			f[0]);
	memcpy(cve, f[0], len[0]);
	cve[len[0]] = '\0';
	if (!prob_parse(&row.epss, f[1], len[1]))
		return ss_error_set(SS_EPARSE,
				    "%s: line %llu, column epss: not a number from 0 to 1",
				    c->in->path, (unsigned long long)c->line);
	if (!prob_parse(&row.percentile, f[2], len[2]))
		return ss_error_set(SS_EPARSE,
				    "%s: line %llu, column percentile: not a number from 0 to 1",
				    c->in->path, (unsigned long long)c->line);
	if (ss_idset_has(&c->seen, cve))
		return ss_error_set(SS_EPARSE, "%s: line %llu: %s is given twice", c->in->path,
				    (unsigned long long)c->line, cve);
	if (++c->rows > c->lim->records)
		return ss_error_set(
			SS_ELIMIT,
			"%s: line %llu: over the record count limit: more than %llu rows",
			c->in->path, (unsigned long long)c->line,
			(unsigned long long)c->lim->records);
	if ((error = ss_idset_add(&c->seen, cve)) < 0)
		return error;
	row.cve = cve;
	row.date = c->date;
	if (c->sink->epss && (error = c->sink->epss(c->sink, &row)) < 0)
		return error;
	ss_format_count(c->info, N_("score"));
	return 0;
}

static int one_line(epss_ctx *c, char *s, size_t n)
{
	c->line++;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	if (memchr(s, '\0', n))
		return ss_error_set(SS_EPARSE, "%s: line %llu: a NUL byte", c->in->path,
				    (unsigned long long)c->line);
	if (c->line == 1)
		return comment_line(c, s, n);
	if (c->line == 2) {
		if (n != 19 || memcmp(s, "cve,epss,percentile", 19) != 0)
			return ss_error_set(SS_EPARSE,
					    "%s: line 2: the header is not 'cve,epss,percentile'",
					    c->in->path);
		return 0;
	}
	if (n == 0)
		return ss_error_set(SS_EPARSE, "%s: line %llu: an empty line", c->in->path,
				    (unsigned long long)c->line);
	return data_line(c, s, n);
}

int ss_format_epss(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	epss_ctx c = {.sink = out, .in = in, .info = info, .seen = SS_IDSET_INIT};
	char *chunk = NULL, *line = NULL;
	size_t have = 0, cap;
	long got;
	int error = 0;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_epss: NULL argument");
	c.lim = lim ? lim : &ss_epss_limits;
	cap = c.lim->string;
	if (!(chunk = malloc(SS_INPUT_CHUNK)) || !(line = malloc(cap + 1))) {
		error = ss_error_set(SS_ENOMEM, "reading %s", in->path);
		goto out;
	}
	while ((got = ss_input_read(in, chunk, SS_INPUT_CHUNK)) > 0) {
		const char *p = chunk, *end = chunk + got;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t take = nl ? (size_t)(nl - p) : (size_t)(end - p);

			if (have + take > cap) {
				error = ss_error_set(SS_ELIMIT,
						     "%s: line %llu: over the line length limit: "
						     "longer than %zu bytes",
						     in->path, (unsigned long long)c.line + 1, cap);
				goto out;
			}
			memcpy(line + have, p, take);
			have += take;
			p += take;
			if (nl) {
				p++;
				if ((error = one_line(&c, line, have)) < 0)
					goto out;
				have = 0;
			}
		}
	}
	if (got < 0) {
		error = (int)got;
		goto out;
	}
	if (have > 0 && (error = one_line(&c, line, have)) < 0)
		goto out;
	if (c.line < 2) {
		error = ss_error_set(
			SS_EPARSE,
			"%s: no header line 'cve,epss,percentile' (is this FIRST's EPSS "
			"CSV?)",
			in->path);
		goto out;
	}
	if (c.rows == 0) {
		error = ss_error_set(SS_EPARSE, "%s: the file holds no scores", in->path);
		goto out;
	}
	json_object_set_new(info, "name", json_string("FIRST EPSS"));
	json_object_set_new(info, "version", json_string(c.model));
	json_object_set_new(info, "date", json_string(c.date));
out:
	ss_idset_release(&c.seen);
	free(line);
	free(chunk);
	return error;
}
