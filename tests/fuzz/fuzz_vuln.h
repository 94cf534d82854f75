/* Shared by the advisory and score targets (nvd, jvn, csaf, epss, kev): the
 * input is a buffer, the rows go to a sink that checks and counts them, and
 * nothing touches a database. */
#ifndef SS_FUZZ_VULN_H
#define SS_FUZZ_VULN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/sbom.h"
#include "util/util.h"
#include "fuzz.h"

typedef struct {
	ss_vuln_sink sink;
	long rows;
} fuzz_vuln_sink;

static void fv_text(const char *what, const char *s, bool required)
{
	fuzz_row_text("fuzz_vuln", what, s, required);
}

static void fv_cve(const char *s)
{
	fv_text("cve", s, true);
	if (strncmp(s, "CVE-", 4) != 0 || strlen(s) < 13) {
		fprintf(stderr, "fuzz_vuln: '%s' is not a CVE id\n", s);
		abort();
	}
}

static int fv_epss(ss_vuln_sink *s, const ss_sink_epss *r)
{
	fv_cve(r->cve);
	if (!(r->epss >= 0 && r->epss <= 1 && r->percentile >= 0 && r->percentile <= 1) ||
	    !ss_date_valid(r->date)) {
		fprintf(stderr, "fuzz_vuln: EPSS row out of range\n");
		abort();
	}
	((fuzz_vuln_sink *)s)->rows++;
	return 0;
}

static int fv_kev(ss_vuln_sink *s, const ss_sink_kev *r)
{
	fv_cve(r->cve);
	fv_text("vendor", r->vendor, true);
	fv_text("product", r->product, true);
	fv_text("name", r->name, true);
	fv_text("catalog_version", r->catalog_version, true);
	if (!ss_date_valid(r->date_added) || !ss_date_valid(r->due_date) ||
	    (r->ransomware && strcmp(r->ransomware, "Known") != 0 &&
	     strcmp(r->ransomware, "Unknown") != 0)) {
		fprintf(stderr, "fuzz_vuln: KEV row with a bad date or ransomware value\n");
		abort();
	}
	((fuzz_vuln_sink *)s)->rows++;
	return 0;
}

/* A JSON array of the importer's making must parse back as one. */
static void fv_array(const char *what, const char *s)
{
	json_t *v;

	fv_text(what, s, true);
	if (!(v = json_loads(s, JSON_DECODE_ANY, NULL)) || !json_is_array(v)) {
		fprintf(stderr, "fuzz_vuln: %s is not a JSON array: %s\n", what, s);
		abort();
	}
	json_decref(v);
}

static int fv_advisory(ss_vuln_sink *s, const ss_sink_advisory *r)
{
	((fuzz_vuln_sink *)s)->rows++;
	fv_text("id", r->id, true);
	fv_text("source", r->source, true);
	fv_text("lang", r->lang, true);
	fv_text("summary", r->summary, false);
	fv_text("details", r->details, false);
	fv_text("published", r->published, false);
	fv_text("modified", r->modified, false);
	fv_text("withdrawn", r->withdrawn, false);
	fv_array("aliases", r->aliases);
	fv_array("severity", r->severity);
	fv_array("cwes", r->cwes);
	fv_array("references", r->references);
	return 0;
}

static int fv_affected(ss_vuln_sink *s, const ss_sink_affected *r)
{
	(void)s;
	fv_text("advisory", r->advisory, true);
	fv_text("ecosystem", r->ecosystem, true);
	fv_text("package", r->package, true);
	fv_text("purl", r->purl, false);
	fv_array("ranges", r->ranges);
	fv_array("versions", r->versions);
	if (r->vulnerable != 0 && r->vulnerable != 1)
		abort();
	return 0;
}

typedef int (*fuzz_vuln_fn)(ss_vuln_sink *, ss_input *, const ss_import_limits *, json_t *);

/* Import data with fn; a failure must be a clean parse or limit error; on
 * success the hash is the data's and info has a name and a version; with
 * what, the rows are counted in info.counts under it. */
static void fuzz_vuln(fuzz_vuln_fn fn, const ss_import_limits *lim, const char *what,
		      const uint8_t *data, size_t size)
{
	fuzz_vuln_sink sink = {.sink = {.advisory = fv_advisory,
					.affected = fv_affected,
					.epss = fv_epss,
					.kev = fv_kev}};
	char hash[SS_SHA256_HEX], want[SS_SHA256_HEX];
	json_t *info = json_object();
	ss_input in;
	int error;

	if (!info || ss_input_open_mem(&in, "fuzz", data, size, lim->bytes) < 0)
		abort();
	error = fn(&sink.sink, &in, NULL, info);
	if (error < 0 && error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM) {
		fprintf(stderr, "fuzz_vuln: unexpected error %d: %s\n", error, ss_error_last());
		abort();
	}
	if (error == 0) {
		if (ss_input_finish(&in, hash) < 0)
			abort();
		ss_sha256_hex(want, data, size);
		if (strcmp(hash, want) != 0) {
			fprintf(stderr, "fuzz_vuln: the hash is not the input's\n");
			abort();
		}
		if (!json_is_string(json_object_get(info, "name")) ||
		    !json_is_string(json_object_get(info, "version")) ||
		    (what && (sink.rows < 1 ||
			      json_integer_value(json_object_get(json_object_get(info, "counts"),
								 what)) != sink.rows))) {
			fprintf(stderr, "fuzz_vuln: no name or version, or rows miscounted\n");
			abort();
		}
	}
	ss_input_close(&in);
	json_decref(info);
}

#endif
