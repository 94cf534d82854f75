/* Shared by the SPDX targets: the rows go to a sink that checks them and
 * folds them into a digest; the import runs twice and must give the same
 * rows, and a refusal must be a clean parse or limit error. */
#ifndef SS_FUZZ_SPDX_H
#define SS_FUZZ_SPDX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/sbom.h"
#include "util/util.h"
#include "fuzz.h"

typedef struct {
	ss_sbom_sink sink;
	uint64_t digest, rows;
} fz_spdx;

static void fz_fold(fz_spdx *f, const char *what, const char *s, bool required)
{
	if (!s) {
		if (required) {
			fprintf(stderr, "fuzz_spdx: a row without its %s\n", what);
			abort();
		}
		s = "\x01";
	}
	if (!ss_utf8_valid(s, strlen(s))) {
		fprintf(stderr, "fuzz_spdx: %s is not valid UTF-8\n", what);
		abort();
	}
	for (; *s; s++)
		f->digest = (f->digest ^ (unsigned char)*s) * 1099511628211ULL;
	f->digest = (f->digest ^ 0xff) * 1099511628211ULL;
}

/* A canonical JSON value of the importer's making must parse back as one of type. */
static void fz_json(const char *what, const char *s, json_type type)
{
	json_t *v;

	if (!s)
		return;
	if (!(v = json_loads(s, 0, NULL)) || json_typeof(v) != type) {
		fprintf(stderr, "fuzz_spdx: %s is not the JSON it should be: %s\n", what, s);
		abort();
	}
	json_decref(v);
}

static int fz_component(ss_sbom_sink *s, const ss_sink_component *r)
{
	fz_spdx *f = (fz_spdx *)s;

	fz_fold(f, "ref", r->ref, true);
	fz_fold(f, "type", r->type, true);
	fz_fold(f, "name", r->name, true);
	fz_fold(f, "version", r->version, false);
	fz_fold(f, "purl", r->purl, false);
	fz_fold(f, "cpe", r->cpe, false);
	fz_fold(f, "licenses", r->licenses, false);
	fz_fold(f, "supplier", r->supplier, false);
	fz_fold(f, "brought_by", r->brought_by, false);
	fz_fold(f, "repository", r->repository, false);
	fz_fold(f, "hashes", r->hashes, false);
	fz_fold(f, "file", r->file, false);
	fz_json("hashes", r->hashes, JSON_OBJECT);
	f->digest ^= (uint64_t)r->root;
	f->rows++;
	return 0;
}

static int fz_dependency(ss_sbom_sink *s, const ss_sink_dependency *r)
{
	fz_spdx *f = (fz_spdx *)s;

	fz_fold(f, "from", r->from, true);
	fz_fold(f, "to", r->to, true);
	fz_fold(f, "kind", r->kind, true);
	if (strcmp(r->from, r->to) == 0)
		abort();
	f->rows++;
	return 0;
}

static int fz_sbom(ss_sbom_sink *s, const ss_sink_sbom *r)
{
	fz_spdx *f = (fz_spdx *)s;

	fz_fold(f, "spec_version", r->spec_version, true);
	fz_fold(f, "name", r->name, true);
	fz_fold(f, "timestamp", r->timestamp, true);
	fz_fold(f, "supplier", r->supplier, false);
	fz_json("authors", r->authors, JSON_ARRAY);
	fz_json("tools", r->tools, JSON_ARRAY);
	f->rows++;
	return 0;
}

static int fz_spdx_once(int (*fn)(ss_sbom_sink *, ss_input *, const ss_import_limits *, json_t *),
			const uint8_t *data, size_t size, uint64_t *digest)
{
	fz_spdx f = {
		.sink = {.component = fz_component, .dependency = fz_dependency, .sbom = fz_sbom},
		.digest = 1469598103934665603ULL};
	json_t *info = json_object();
	ss_input in;
	int error;

	if (!info || ss_input_open_mem(&in, "fuzz", data, size, (uint64_t)64 << 20) < 0)
		abort();
	error = fn(&f.sink, &in, NULL, info);
	if (error < 0 && error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM) {
		fprintf(stderr, "fuzz_spdx: unexpected error %d: %s\n", error, ss_error_last());
		abort();
	}
	if (error == 0 && (!json_is_string(json_object_get(info, "name")) ||
			   !json_is_string(json_object_get(info, "version")))) {
		fprintf(stderr, "fuzz_spdx: no name or version\n");
		abort();
	}
	ss_input_close(&in);
	json_decref(info);
	*digest = f.digest ^ f.rows;
	return error;
}

static void fuzz_spdx(int (*fn)(ss_sbom_sink *, ss_input *, const ss_import_limits *, json_t *),
		      const uint8_t *data, size_t size)
{
	uint64_t d1, d2;
	int e1 = fz_spdx_once(fn, data, size, &d1), e2 = fz_spdx_once(fn, data, size, &d2);

	if (e1 != e2 || (e1 == 0 && d1 != d2)) {
		fprintf(stderr, "fuzz_spdx: the same input gave other rows\n");
		abort();
	}
}

#endif
