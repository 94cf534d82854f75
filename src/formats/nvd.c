/*
 * NVD CVE API 2.0 answers ({"format": "NVD_CVE", "version": "2.0",
 * "vulnerabilities": [{"cve": {...}}, ...]}, plain or gzip), streamed CVE
 * by CVE: one advisory row each, then one affected row per cpeMatch of its
 * configurations. docs/internals/advisories.md has the mapping.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "formats/advis.h"
#include "formats/jsonstream.h"
#include "formats/sbom.h"
#include "util/util.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)

/* The API answers at most 2,000 CVEs a page (about 10 MB unpacked); a
 * merged file of every CVE is about 2 GB with 250,000 records. The largest
 * CVE record seen has a few thousand cpeMatch entries (about 1 MB). */
const ss_import_limits ss_nvd_limits = {
	.bytes = (uint64_t)4096 * MiB,
	.string = 1 * MiB,
	.values = 500000000,
	.depth = 16,
	.records = 1000000,
	.record_bytes = 16 * MiB,
	.record_values = 1000000,
};

typedef struct {
	ss_vuln_sink *sink;
	json_t *info;
	long long index; /* of the record in "vulnerabilities", from 0 */
	regex_t cve_re;
	ss_buf severity, cwes, refs, ranges, package, tmp;
} nvd_ctx;

#define BUFS_MAX (4 * MiB)

/* A text member that must be there. */
static int need_text(const char **out, const nvd_ctx *c, const json_t *cve, const char *key)
{
	if (!(*out = ss_js_or_null(cve, key)))
		return ss_error_set(SS_EPARSE,
				    "record %lld, /vulnerabilities/%lld/cve/%s: a required text "
				    "member is missing or not text",
				    c->index, c->index, key);
	return 0;
}

/* The English description (the first one when there is none in English). */
static const char *description(const json_t *cve)
{
	json_t *list = json_object_get(cve, "descriptions"), *d;
	size_t i;

	json_array_foreach(list, i, d) {
		if (strcmp(ss_js(d, "lang"), "en") == 0 && ss_js_or_null(d, "value"))
			return ss_js(d, "value");
	}
	return ss_js_or_null(json_array_get(list, 0), "value");
}

/* The metric of one list: the "Primary" one, else the first. */
static const json_t *metric(const json_t *metrics, const char *key)
{
	json_t *list = json_object_get(metrics, key), *m;
	size_t i;

	json_array_foreach(list, i, m) {
		if (strcmp(ss_js(m, "type"), "Primary") == 0)
			return m;
	}
	return json_array_get(list, 0);
}

static int severity(nvd_ctx *c, const json_t *cve)
{
	static const struct {
		const char *key, *type;
	} lists[] = {
		{"cvssMetricV40", "CVSS_V4"},
		{"cvssMetricV31", "CVSS_V3"},
		{"cvssMetricV30", "CVSS_V3"},
		{"cvssMetricV2", "CVSS_V2"},
	};
	json_t *metrics = json_object_get(cve, "metrics"), *entries = json_array();
	const char *last = "";
	size_t i;
	int error;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		const json_t *m = metric(metrics, lists[i].key);
		json_t *data = json_object_get(m, "cvssData");
		const char *vec = ss_js_or_null(data, "vectorString");

		if (!m)
			continue;
		if (!vec) {
			error = ss_error_set(SS_EPARSE,
					     "record %lld, /vulnerabilities/%lld/cve/metrics/%s: "
					     "no cvssData.vectorString",
					     c->index, c->index, lists[i].key);
			goto out;
		}
		if (strcmp(last, lists[i].type) == 0) /* 3.1 given, 3.0 too */
			continue;
		last = lists[i].type;
		json_array_append_new(
			entries, json_pack("{s:s, s:s}", "type", lists[i].type, "vector", vec));
		if (json_is_number(json_object_get(data, "baseScore")))
			json_object_set(json_array_get(entries, json_array_size(entries) - 1),
					"score", json_object_get(data, "baseScore"));
	}
	error = ss_advis__severity(&c->severity, entries);
out:
	json_decref(entries);
	return error;
}

static int lists(nvd_ctx *c, const json_t *cve)
{
	json_t *cwes = json_array(), *refs = json_array(), *w, *d, *r;
	size_t i, j;
	int error;

	json_array_foreach(json_object_get(cve, "weaknesses"), i, w) {
		json_array_foreach(json_object_get(w, "description"), j, d) {
			const char *v = ss_js(d, "value");

			if (strncmp(v, "CWE-", 4) == 0)
				ss_advis__list_add(cwes, v, SS_ADVIS_ALIASES_MAX);
		}
	}
	json_array_foreach(json_object_get(cve, "references"), i, r) {
		if (!ss_js_or_null(r, "url")) {
			error = ss_error_set(
				SS_EPARSE,
				"record %lld, /vulnerabilities/%lld/cve/references/%zu/"
				"url: a required text member is missing or not text",
				c->index, c->index, i);
			goto out;
		}
		ss_advis__list_add(refs, ss_js(r, "url"), SS_ADVIS_REFS_MAX);
	}
	if ((error = ss_advis__canon(&c->cwes, cwes)) < 0)
		goto out;
	error = ss_advis__canon(&c->refs, refs);
out:
	json_decref(cwes);
	json_decref(refs);
	return error;
}

static const struct {
	const char *nvd, *osv;
} bounds[] = {
	{"versionStartIncluding", "start_including"},
	{"versionStartExcluding", "start_excluding"},
	{"versionEndIncluding", "end_including"},
	{"versionEndExcluding", "end_excluding"},
};

static int one_match(nvd_ctx *c, const char *id, const json_t *m, const char *ptr)
{
	ss_advis_cpe cpe = {0};
	json_t *range = NULL, *ranges = NULL, *vuln = json_object_get(m, "vulnerable");
	const char *criteria = ss_js_or_null(m, "criteria");
	size_t i;
	int error;

	if (!json_is_boolean(vuln) || !criteria || !ss_js_or_null(m, "matchCriteriaId"))
		return ss_error_set(SS_EPARSE,
				    "record %lld, %s: a cpeMatch needs vulnerable (a boolean), "
				    "criteria and matchCriteriaId",
				    c->index, ptr);
	if (ss_advis__cpe_parse(&cpe, criteria) < 0)
		return ss_error_prefix(SS_EPARSE, "record %lld, %s/criteria: ", c->index, ptr);
	if (cpe.uri) {
		ss_advis__cpe_release(&cpe);
		return ss_error_set(SS_EPARSE,
				    "record %lld, %s/criteria: a CPE 2.2 name where NVD gives a "
				    "CPE 2.3 one",
				    c->index, ptr);
	}
	range = json_pack("{s:s, s:s}", "type", "CPE", "criteria", criteria);
	for (i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++) {
		json_t *b = json_object_get(m, bounds[i].nvd);

		if (!b)
			continue;
		if (!json_is_string(b)) {
			error = ss_error_set(SS_EPARSE, "record %lld, %s/%s: not text", c->index,
					     ptr, bounds[i].nvd);
			goto out;
		}
		json_object_set(range, bounds[i].osv, b);
	}
	ranges = json_pack("[O]", range);
	if ((error = ss_advis__canon(&c->ranges, ranges)) < 0 ||
	    (error = ss_advis__cpe_package(&c->package, &cpe)) < 0)
		goto out;
	{
		ss_sink_affected row = {.advisory = id,
					.ecosystem = "cpe",
					.package = c->package.ptr,
					.ranges = c->ranges.ptr,
					.versions = "[]",
					.vulnerable = json_is_true(vuln)};

		if (c->sink->affected && (error = c->sink->affected(c->sink, &row)) < 0)
			goto out;
	}
	ss_format_count(c->info, N_("affected"));
out:
	json_decref(range);
	json_decref(ranges);
	ss_advis__cpe_release(&cpe);
	return error;
}

static int affected(nvd_ctx *c, const char *id, const json_t *cve)
{
	json_t *configs = json_object_get(cve, "configurations"), *conf, *node, *m;
	char ptr[200];
	size_t i, j, k;
	int error;

	if (configs && !json_is_array(configs))
		return ss_error_set(SS_EPARSE,
				    "record %lld, /vulnerabilities/%lld/cve/configurations: not "
				    "an array",
				    c->index, c->index);
	json_array_foreach(configs, i, conf) {
		json_t *nodes = json_object_get(conf, "nodes");

		if (!json_is_array(nodes))
			return ss_error_set(SS_EPARSE,
					    "record %lld, /vulnerabilities/%lld/cve/configurations/"
					    "%zu/nodes: a required array is missing",
					    c->index, c->index, i);
		json_array_foreach(nodes, j, node) {
			json_t *matches = json_object_get(node, "cpeMatch");
			const char *op = ss_js(node, "operator");

			snprintf(ptr, sizeof(ptr),
				 "/vulnerabilities/%lld/cve/configurations/%zu/nodes/%zu", c->index,
				 i, j);
			if ((strcmp(op, "AND") != 0 && strcmp(op, "OR") != 0) ||
			    !json_is_array(matches))
				return ss_error_set(SS_EPARSE,
						    "record %lld, %s: a node needs operator AND or "
						    "OR and a cpeMatch array",
						    c->index, ptr);
			/* "NOT these": nothing it names is affected */
			if (json_is_true(json_object_get(node, "negate"))) {
				ss_format_count(c->info, N_("negated node"));
				continue;
			}
			json_array_foreach(matches, k, m) {
				snprintf(ptr, sizeof(ptr),
					 "/vulnerabilities/%lld/cve/configurations/%zu/nodes/%zu/"
					 "cpeMatch/%zu",
					 c->index, i, j, k);
				if ((error = one_match(c, id, m, ptr)) < 0)
					return error;
			}
		}
	}
	return 0;
}

/* The first line of text, into c->tmp. */
static int first_line(nvd_ctx *c, const char *text)
{
	size_t n = strcspn(text, "\r\n");

	ss_buf_clear(&c->tmp);
	return ss_buf_put(&c->tmp, text, n);
}

static int one_cve(void *vctx, json_t *v)
{
	nvd_ctx *c = vctx;
	json_t *cve = json_object_get(v, "cve");
	const char *id, *published, *modified, *status, *details;
	int error;

	if (!json_is_object(cve))
		return ss_error_set(SS_EPARSE,
				    "record %lld, /vulnerabilities/%lld/cve: a required object is "
				    "missing",
				    c->index, c->index);
	if ((error = need_text(&id, c, cve, "id")) < 0 ||
	    (error = need_text(&published, c, cve, "published")) < 0 ||
	    (error = need_text(&modified, c, cve, "lastModified")) < 0)
		return error;
	if (regexec(&c->cve_re, id, 0, NULL, 0) != 0)
		return ss_error_set(SS_EPARSE,
				    "record %lld, /vulnerabilities/%lld/cve/id: \"%.40s\" is not a "
				    "CVE id (CVE-YYYY-NNNN)",
				    c->index, c->index, id);
	if (!json_is_array(json_object_get(cve, "descriptions")) ||
	    !json_is_array(json_object_get(cve, "references")))
		return ss_error_set(SS_EPARSE,
				    "record %lld, /vulnerabilities/%lld/cve: descriptions and "
				    "references must be arrays",
				    c->index, c->index);
	status = ss_js(cve, "vulnStatus");
	details = description(cve);
	if ((error = severity(c, cve)) < 0 || (error = lists(c, cve)) < 0 ||
	    (error = first_line(c, details ? details : "")) < 0)
		return error;
	{
		ss_sink_advisory row = {.id = id,
					.source = "nvd",
					.aliases = "[]",
					.summary = details ? c->tmp.ptr : NULL,
					.details = details,
					.lang = "en",
					.published = published,
					.modified = modified,
					.withdrawn =
						strcmp(status, "Rejected") == 0 ? modified : NULL,
					.severity = c->severity.ptr,
					.cwes = c->cwes.ptr,
					.references = c->refs.ptr};

		if (c->sink->advisory && (error = c->sink->advisory(c->sink, &row)) < 0)
			return error;
	}
	ss_format_count(c->info, N_("advisory"));
	if (strcmp(status, "Rejected") == 0)
		ss_format_count(c->info, N_("rejected"));
	error = affected(c, id, cve);
	c->index++;
	return error;
}

int ss_format_nvd(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	nvd_ctx c = {.sink = out,
		     .info = info,
		     .severity = SS_BUF_INIT(BUFS_MAX),
		     .cwes = SS_BUF_INIT(BUFS_MAX),
		     .refs = SS_BUF_INIT(BUFS_MAX),
		     .ranges = SS_BUF_INIT(BUFS_MAX),
		     .package = SS_BUF_INIT(BUFS_MAX),
		     .tmp = SS_BUF_INIT(SS_BUF_DOC_MAX)};
	json_t *top = NULL;
	bool absent = false;
	int error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_nvd: NULL argument");
	if (regcomp(&c.cve_re, "^CVE-[0-9]{4}-[0-9]{4,}$", REG_EXTENDED | REG_NOSUB) != 0)
		return ss_error_set(SS_ERROR, "compiling the CVE id pattern");
	error = ss_jstream(&top, in, "vulnerabilities", one_cve, &c, lim ? lim : &ss_nvd_limits,
			   &absent);
	if (error < 0 && absent) {
		error = ss_error_set(SS_EPARSE,
				     "%s: no 'vulnerabilities' list; give an NVD CVE API 2.0 "
				     "answer (/rest/json/cves/2.0)",
				     in->path);
		goto out;
	}
	if (error < 0)
		goto out;
	if (strcmp(ss_js(top, "format"), "NVD_CVE") != 0 ||
	    strcmp(ss_js(top, "version"), "2.0") != 0) {
		error = ss_error_set(SS_EPARSE,
				     "%s: /format and /version are \"%.20s\" and \"%.20s\", not "
				     "\"NVD_CVE\" and \"2.0\": not an NVD CVE API 2.0 answer",
				     in->path, ss_js(top, "format"), ss_js(top, "version"));
		goto out;
	}
	if (!json_is_integer(json_object_get(top, "totalResults")) ||
	    !ss_js_or_null(top, "timestamp")) {
		error = ss_error_set(SS_EPARSE,
				     "%s: /totalResults (an integer) or /timestamp is missing",
				     in->path);
		goto out;
	}
	json_object_set_new(info, "name", json_string("NVD CVE"));
	json_object_set_new(info, "version", json_string(ss_js(top, "timestamp")));
	json_object_set_new(info, "format", json_string("NVD_CVE 2.0"));
out:
	regfree(&c.cve_re);
	json_decref(top);
	ss_buf_release(&c.severity);
	ss_buf_release(&c.cwes);
	ss_buf_release(&c.refs);
	ss_buf_release(&c.ranges);
	ss_buf_release(&c.package);
	ss_buf_release(&c.tmp);
	return error;
}
