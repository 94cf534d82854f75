/* Shared by the advisory importer targets (nvd, jvn, csaf): the input is a
 * buffer, the rows go to a sink that checks them, nothing touches a
 * database. */
#ifndef SS_FUZZ_ADVIS_H
#define SS_FUZZ_ADVIS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/sbom.h"
#include "util/util.h"
#include "fuzz.h"

static void fv_text(const char *what, const char *s, bool required)
{
	if (!s) {
		if (required) {
			fprintf(stderr, "fuzz_vuln: a row without its %s\n", what);
			abort();
		}
		return;
	}
	if (!ss_utf8_valid(s, strlen(s))) {
		fprintf(stderr, "fuzz_vuln: %s is not valid UTF-8\n", what);
		abort();
	}
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
	(void)s;
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

typedef int (*fv_importer)(ss_vuln_sink *, ss_input *, const ss_import_limits *, json_t *);

/* Import data with fn; any failure must be a clean parse or limit error,
 * and the hash must be the data's. */
static void fuzz_vuln(const char *kind, fv_importer fn, const ss_import_limits *lim,
		      const uint8_t *data, size_t size)
{
	ss_vuln_sink sink = {.advisory = fv_advisory, .affected = fv_affected};
	char hash[SS_SHA256_HEX], want[SS_SHA256_HEX];
	json_t *info = json_object();
	ss_input in;
	int error;

	if (!info || ss_input_open_mem(&in, "fuzz", data, size, lim->bytes) < 0)
		abort();
	error = fn(&sink, &in, NULL, info);
	if (error < 0 && error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM) {
		fprintf(stderr, "fuzz_vuln %s: unexpected error %d: %s\n", kind, error,
			ss_error_last());
		abort();
	}
	if (error == 0) {
		if (ss_input_finish(&in, hash) < 0)
			abort();
		ss_sha256_hex(want, data, size);
		if (strcmp(hash, want) != 0) {
			fprintf(stderr, "fuzz_vuln %s: the hash is not the input's\n", kind);
			abort();
		}
		if (!json_is_string(json_object_get(info, "name")) ||
		    !json_is_string(json_object_get(info, "version"))) {
			fprintf(stderr, "fuzz_vuln %s: no name or version\n", kind);
			abort();
		}
	}
	ss_input_close(&in);
	json_decref(info);
}

#endif
