/* Shared by the importer targets: the input is a buffer, the rows go to a
 * sink that checks them, and nothing touches a database. */
#ifndef SS_FUZZ_IMPORT_H
#define SS_FUZZ_IMPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/import.h"
#include "util/util.h"
#include "fuzz.h"

static void fuzz_text(const char *what, const char *s, bool required)
{
	fuzz_row_text("fuzz_import", what, s, required);
}

/* A canonical JSON array of the importer's making must parse back as one. */
static void fuzz_array(const char *what, const char *s)
{
	json_t *v;

	fuzz_text(what, s, true);
	if (!(v = json_loads(s, 0, NULL)) || !json_is_array(v)) {
		fprintf(stderr, "fuzz_import: %s is not a JSON array: %s\n", what, s);
		abort();
	}
	json_decref(v);
}

static int fz_attack(ss_ref_sink *s, const ss_sink_attack *r)
{
	(void)s;
	fuzz_text("stix_id", r->stix_id, true);
	fuzz_text("kind", r->kind, true);
	fuzz_text("name", r->name, true);
	fuzz_text("description", r->description, true);
	fuzz_text("ext_id", r->ext_id, false);
	fuzz_array("platforms", r->platforms);
	fuzz_array("tactics", r->tactics);
	return 0;
}

static int fz_rel(ss_ref_sink *s, const ss_sink_attack_rel *r)
{
	(void)s;
	fuzz_text("type", r->type, true);
	fuzz_text("from", r->from, true);
	fuzz_text("to", r->to, true);
	return 0;
}

static int fz_cwe(ss_ref_sink *s, const ss_sink_cwe *r)
{
	(void)s;
	if (r->id <= 0)
		abort();
	fuzz_text("name", r->name, true);
	fuzz_text("usage", r->usage, false);
	fuzz_array("parents", r->parents);
	return 0;
}

static int fz_asvs(ss_ref_sink *s, const ss_sink_asvs *r)
{
	(void)s;
	fuzz_text("id", r->id, true);
	fuzz_text("level", r->level, true);
	fuzz_text("description", r->description, true);
	return 0;
}

static int fz_rule(ss_ref_sink *s, const ss_sink_xccdf_rule *r)
{
	(void)s;
	fuzz_text("rule_id", r->rule_id, true);
	fuzz_text("title", r->title, true);
	fuzz_array("idents", r->idents);
	return 0;
}

static int fz_profile(ss_ref_sink *s, const ss_sink_xccdf_profile *r)
{
	(void)s;
	fuzz_text("profile_id", r->profile_id, true);
	fuzz_text("title", r->title, true);
	return 0;
}

static int fz_select(ss_ref_sink *s, const ss_sink_xccdf_select *r)
{
	(void)s;
	fuzz_text("profile_id", r->profile_id, true);
	fuzz_text("rule_id", r->rule_id, true);
	return 0;
}

/* Import data as kind; any failure must be a clean parse or limit error,
 * and the hash must be the data's. */
static void fuzz_import(const char *kind, const uint8_t *data, size_t size)
{
	ss_ref_sink sink = {.attack = fz_attack,
			    .attack_rel = fz_rel,
			    .cwe = fz_cwe,
			    .asvs = fz_asvs,
			    .xccdf_rule = fz_rule,
			    .xccdf_profile = fz_profile,
			    .xccdf_select = fz_select};
	const ss_format *f = ss_format_find(kind);
	char hash[SS_SHA256_HEX], want[SS_SHA256_HEX];
	json_t *info = json_pack("{s:{}}", "counts");
	ss_input in;
	int error;

	if (!f || !info || ss_input_open_mem(&in, "fuzz", data, size, f->limits->bytes) < 0)
		abort();
	error = f->fn(&sink, &in, NULL, info);
	if (error < 0 && error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM) {
		fprintf(stderr, "fuzz_import %s: unexpected error %d: %s\n", kind, error,
			ss_error_last());
		abort();
	}
	if (error == 0) {
		if (ss_input_finish(&in, hash) < 0)
			abort();
		ss_sha256_hex(want, data, size);
		if (strcmp(hash, want) != 0) {
			fprintf(stderr, "fuzz_import %s: the hash is not the input's\n", kind);
			abort();
		}
		if (!json_is_string(json_object_get(info, "name")) ||
		    !json_is_string(json_object_get(info, "version"))) {
			fprintf(stderr, "fuzz_import %s: no name or version\n", kind);
			abort();
		}
	}
	ss_input_close(&in);
	json_decref(info);
}

#endif
