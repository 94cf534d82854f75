/* CISA Known Exploited Vulnerabilities: the JSON catalog (plain or gzip),
 * streamed entry by entry with ss_jstream (docs/internals/cvss.md). */
#include <stdio.h>
#include <string.h>

#include "formats/idset.h"
#include "formats/jsonstream.h"
#include "formats/sbom.h"
#include "util/util.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)

/* The catalog of 2025: about 1,400 entries in 1.5 MB, the longest string
 * (notes) under 2 KB, depth 4 (the cwes of an entry). */
const ss_import_limits ss_kev_limits = {
	.bytes = (uint64_t)64 * MiB,
	.string = 64 * 1024,
	.values = 10000000,
	.depth = 8,
	.records = 200000,
	.record_bytes = 1 * MiB,
	.record_values = 10000,
};

typedef struct {
	json_t *entries; /* held until the catalogVersion is known */
	ss_idset seen;
	size_t index;
} kev_ctx;

static bool cve_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 13 || n > 27 || memcmp(s, "CVE-", 4) != 0 || s[8] != '-')
		return false;
	for (i = 4; i < n; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return false;
	return memcmp(s + 4, "1999", 4) >= 0;
}

static bool cwe_valid(const char *s)
{
	size_t i;

	if (strcmp(s, "NVD-CWE-Other") == 0 || strcmp(s, "NVD-CWE-noinfo") == 0)
		return true;
	if (strncmp(s, "CWE-", 4) != 0 || !s[4] || strlen(s) > 14)
		return false;
	for (i = 4; s[i]; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* A member that must be a string; NULL (message set) if it is not. */
static const char *text(const json_t *e, const char *key, size_t index, bool required, int *error)
{
	json_t *v = json_object_get(e, key);

	if (!v && !required)
		return NULL;
	if (!json_is_string(v)) {
		*error = ss_error_set(SS_EPARSE, "/vulnerabilities/%zu/%s: %s", index, key,
				      v ? "not a string" : "missing");
		return NULL;
	}
	return json_string_value(v);
}

static int one_entry(void *vctx, json_t *e)
{
	static const char *const required[] = {"vendorProject", "product", "vulnerabilityName",
					       "shortDescription", "requiredAction"};
	kev_ctx *c = vctx;
	size_t i = c->index++, k;
	const char *cve, *s;
	json_t *cwes, *w;
	int error = 0;

	if (!json_is_object(e))
		return ss_error_set(SS_EPARSE, "/vulnerabilities/%zu: not an object", i);
	if (!(cve = text(e, "cveID", i, true, &error)))
		return error;
	if (!cve_valid(cve))
		return ss_error_set(SS_EPARSE,
				    "/vulnerabilities/%zu/cveID: not a CVE id (CVE-YYYY-NNNN)", i);
	for (k = 0; k < sizeof(required) / sizeof(required[0]); k++)
		if (!text(e, required[k], i, true, &error))
			return error;
	if (!(s = text(e, "dateAdded", i, true, &error)))
		return error;
	if (!ss_date_valid(s))
		return ss_error_set(SS_EPARSE,
				    "/vulnerabilities/%zu/dateAdded: not a date (YYYY-MM-DD)", i);
	if (!(s = text(e, "dueDate", i, true, &error)))
		return error;
	if (!ss_date_valid(s))
		return ss_error_set(SS_EPARSE,
				    "/vulnerabilities/%zu/dueDate: not a date (YYYY-MM-DD)", i);
	s = text(e, "knownRansomwareCampaignUse", i, false, &error);
	if (error < 0)
		return error;
	if (s && strcmp(s, "Known") != 0 && strcmp(s, "Unknown") != 0)
		return ss_error_set(
			SS_EPARSE,
			"/vulnerabilities/%zu/knownRansomwareCampaignUse: neither Known "
			"nor Unknown",
			i);
	text(e, "notes", i, false, &error);
	if (error < 0)
		return error;
	if ((cwes = json_object_get(e, "cwes"))) {
		if (!json_is_array(cwes))
			return ss_error_set(SS_EPARSE, "/vulnerabilities/%zu/cwes: not an array",
					    i);
		json_array_foreach(cwes, k, w) {
			if (!json_is_string(w) || !cwe_valid(json_string_value(w)))
				return ss_error_set(SS_EPARSE,
						    "/vulnerabilities/%zu/cwes/%zu: not a CWE id "
						    "(CWE-N)",
						    i, k);
		}
	}
	if (ss_idset_has(&c->seen, cve))
		return ss_error_set(SS_EPARSE, "/vulnerabilities/%zu/cveID: %s is listed twice", i,
				    cve);
	if ((error = ss_idset_add(&c->seen, cve)) < 0)
		return error;
	if (json_array_append(c->entries, e) < 0)
		return ss_error_set(SS_ENOMEM, "/vulnerabilities/%zu: out of memory", i);
	return 0;
}

int ss_format_kev(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	kev_ctx c = {.seen = SS_IDSET_INIT};
	json_t *top = NULL, *e, *count;
	const char *version;
	bool absent = false;
	size_t i;
	int error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_kev: NULL argument");
	if (!(c.entries = json_array())) {
		error = ss_error_set(SS_ENOMEM, "reading %s", in->path);
		goto out;
	}
	error = ss_jstream(&top, in, "vulnerabilities", one_entry, &c, lim ? lim : &ss_kev_limits,
			   &absent);
	if (error < 0 && absent) {
		error = ss_error_set(SS_EPARSE,
				     "%s: no 'vulnerabilities' list; give CISA's "
				     "known_exploited_vulnerabilities.json",
				     in->path);
		goto out;
	}
	if (error < 0)
		goto out;
	version = json_string_value(json_object_get(top, "catalogVersion"));
	if (!version || !*version || strlen(version) > 64) {
		error = ss_error_set(
			SS_EPARSE, "%s: /catalogVersion: missing, or not a string of 1 to 64 bytes",
			in->path);
		goto out;
	}
	count = json_object_get(top, "count");
	if (count && (!json_is_integer(count) ||
		      json_integer_value(count) != (json_int_t)json_array_size(c.entries))) {
		error = ss_error_set(SS_EPARSE, "%s: /count: not the %zu entries the list holds",
				     in->path, json_array_size(c.entries));
		goto out;
	}
	if (json_array_size(c.entries) == 0) {
		error = ss_error_set(SS_EPARSE, "%s: the catalog holds no vulnerabilities",
				     in->path);
		goto out;
	}
	json_array_foreach(c.entries, i, e) {
		ss_sink_kev row = {
			.cve = ss_js(e, "cveID"),
			.vendor = ss_js(e, "vendorProject"),
			.product = ss_js(e, "product"),
			.name = ss_js(e, "vulnerabilityName"),
			.date_added = ss_js(e, "dateAdded"),
			.due_date = ss_js(e, "dueDate"),
			.ransomware = ss_js_or_null(e, "knownRansomwareCampaignUse"),
			.catalog_version = version,
		};

		if (out->kev && (error = out->kev(out, &row)) < 0)
			goto out;
		ss_format_count(info, N_("vulnerability"));
	}
	json_object_set_new(info, "name", json_string("CISA KEV"));
	json_object_set_new(info, "version", json_string(version));
	if (json_is_string(json_object_get(top, "dateReleased")))
		json_object_set(info, "date", json_object_get(top, "dateReleased"));
out:
	ss_idset_release(&c.seen);
	json_decref(c.entries);
	json_decref(top);
	return error;
}
