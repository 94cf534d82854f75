/* Fuzz target: one OSV record through the OSV importer's record parser
 * (src/formats/osv.c, ss_osv_record), into a sink that checks every row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/osv.h"
#include "util/util.h"
#include "fuzz.h"

typedef struct {
	ss_vuln_sink sink;
	char id[160];
	int advisories, affected;
} checker;

static void text(const char *what, const char *s, bool required)
{
	if (!s) {
		if (required) {
			fprintf(stderr, "fuzz_osv: a row without its %s\n", what);
			abort();
		}
		return;
	}
	if (!ss_utf8_valid(s, strlen(s))) {
		fprintf(stderr, "fuzz_osv: %s is not valid UTF-8\n", what);
		abort();
	}
}

/* A canonical JSON array of the importer's making: it parses back as an
 * array and is canonical. */
static json_t *array(const char *what, const char *s)
{
	json_t *v;

	text(what, s, true);
	if (!ss_json_is_canonical(s, strlen(s), NULL) || !(v = json_loads(s, 0, NULL)) ||
	    !json_is_array(v)) {
		fprintf(stderr, "fuzz_osv: %s is not a canonical JSON array: %s\n", what, s);
		abort();
	}
	return v;
}

static int on_advisory(ss_vuln_sink *s, const ss_sink_advisory *r)
{
	checker *c = (checker *)s;
	json_t *sev, *e;
	size_t i;

	text("id", r->id, true);
	text("modified", r->modified, true);
	text("summary", r->summary, false);
	text("details", r->details, false);
	if (strcmp(r->source, "osv") != 0 || strlen(r->id) >= sizeof(c->id))
		abort();
	json_decref(array("aliases", r->aliases));
	json_decref(array("cwes", r->cwes));
	e = array("references", r->references);
	if (json_array_size(e) > SS_OSV_REFERENCES_MAX)
		abort();
	json_decref(e);
	sev = array("severity", r->severity);
	json_array_foreach(sev, i, e) {
		if (!json_is_string(json_object_get(e, "type")) ||
		    !json_is_string(json_object_get(e, "vector")) || json_object_size(e) != 2) {
			fprintf(stderr, "fuzz_osv: a severity is not {type, vector}\n");
			abort();
		}
	}
	json_decref(sev);
	snprintf(c->id, sizeof(c->id), "%s", r->id);
	c->advisories++;
	return 0;
}

static int on_affected(ss_vuln_sink *s, const ss_sink_affected *r)
{
	checker *c = (checker *)s;
	json_t *ranges, *range;
	size_t i;

	if (c->advisories != 1 || strcmp(r->advisory, c->id) != 0) {
		fprintf(stderr, "fuzz_osv: an affected row not after its advisory\n");
		abort();
	}
	text("ecosystem", r->ecosystem, false);
	text("package", r->package, r->ecosystem != NULL);
	text("purl", r->purl, false);
	json_decref(array("versions", r->versions));
	ranges = array("ranges", r->ranges);
	json_array_foreach(ranges, i, range) {
		if (!json_is_string(json_object_get(range, "type")) ||
		    json_array_size(json_object_get(range, "events")) == 0) {
			fprintf(stderr, "fuzz_osv: a range without type or events\n");
			abort();
		}
	}
	json_decref(ranges);
	c->affected++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	checker c = {.sink = {.advisory = on_advisory, .affected = on_affected}};
	int error = ss_osv_record(&c.sink, "fuzz.json", data, size, NULL);

	if (error < 0 && error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM) {
		fprintf(stderr, "fuzz_osv: unexpected error %d: %s\n", error, ss_error_last());
		abort();
	}
	if ((error == 0) != (c.advisories == 1) || (error < 0 && c.advisories)) {
		fprintf(stderr, "fuzz_osv: %d advisories for result %d\n", c.advisories, error);
		abort();
	}
	return 0;
}
