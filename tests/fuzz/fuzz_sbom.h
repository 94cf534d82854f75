/* Shared by the SBOM importer targets: the input is a buffer, the rows go to
 * a sink that checks them, and nothing touches a database. */
#ifndef SS_FUZZ_SBOM_H
#define SS_FUZZ_SBOM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/sbom.h"
#include "util/util.h"
#include "fuzz.h"

static void fz_text(const char *what, const char *s, bool required)
{
	if (!s) {
		if (required) {
			fprintf(stderr, "fuzz_sbom: a row without its %s\n", what);
			abort();
		}
		return;
	}
	if (!ss_utf8_valid(s, strlen(s))) {
		fprintf(stderr, "fuzz_sbom: %s is not valid UTF-8\n", what);
		abort();
	}
}

/* A JSON value of the importer's making must be canonical JSON of kind. */
static void fz_json(const char *what, const char *s, bool array)
{
	json_t *v;

	if (!s)
		return;
	fz_text(what, s, true);
	if (!ss_json_is_canonical(s, strlen(s), NULL) || !(v = json_loads(s, 0, NULL)) ||
	    (array ? !json_is_array(v) : !json_is_object(v))) {
		fprintf(stderr, "fuzz_sbom: %s is not canonical JSON of its kind: %s\n", what, s);
		abort();
	}
	json_decref(v);
}

static int fz_component(ss_sbom_sink *s, const ss_sink_component *c)
{
	(void)s;
	fz_text("ref", c->ref, true);
	fz_text("type", c->type, true);
	fz_text("name", c->name, true);
	fz_text("parent", c->parent, false);
	fz_text("version", c->version, false);
	fz_text("licenses", c->licenses, false);
	fz_text("supplier", c->supplier, false);
	fz_text("file", c->file, false);
	fz_json("hashes", c->hashes, false);
	if (c->root != 0 && c->root != 1)
		abort();
	return 0;
}

static int fz_dependency(ss_sbom_sink *s, const ss_sink_dependency *d)
{
	(void)s;
	fz_text("from", d->from, true);
	fz_text("to", d->to, true);
	fz_text("kind", d->kind, true);
	return 0;
}

static int fz_sbom(ss_sbom_sink *s, const ss_sink_sbom *d)
{
	(void)s;
	fz_text("format", d->format, true);
	fz_json("authors", d->authors, true);
	fz_json("tools", d->tools, true);
	if (d->components < 0 || d->dependencies < 0)
		abort();
	return 0;
}

typedef int (*fz_sbom_fn)(ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim,
			  json_t *info);

/* Import data; any failure must be a clean parse or limit error, and the
 * hash must be the data's. */
static void fuzz_sbom(fz_sbom_fn fn, const uint8_t *data, size_t size)
{
	ss_sbom_sink sink = {NULL, fz_sbom, fz_component, fz_dependency};
	char hash[SS_SHA256_HEX], want[SS_SHA256_HEX];
	json_t *info = json_object();
	ss_input in;
	int error;

	if (!info || ss_input_open_mem(&in, "fuzz", data, size, ss_sbom_limits.bytes) < 0)
		abort();
	error = fn(&sink, &in, NULL, info);
	if (error < 0 && error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM) {
		fprintf(stderr, "fuzz_sbom: unexpected error %d: %s\n", error, ss_error_last());
		abort();
	}
	if (error == 0) {
		if (ss_input_finish(&in, hash) < 0)
			abort();
		ss_sha256_hex(want, data, size);
		if (strcmp(hash, want) != 0 || !json_is_string(json_object_get(info, "name"))) {
			fprintf(stderr, "fuzz_sbom: wrong hash or no name\n");
			abort();
		}
	}
	ss_input_close(&in);
	json_decref(info);
}

#endif
