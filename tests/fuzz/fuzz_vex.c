/* Fuzz target: the VEX reader and writer (src/formats/vex.c). Any input is
 * read or refused cleanly (SS_EPARSE, SS_ELIMIT); every statement read has
 * a vuln, a product and one of the four states; and the statements read,
 * as an accepted register, export in each of the three formats to a
 * document that reads back to as many statements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/vex.h"
#include "util/util.h"
#include "fuzz.h"

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_vex: %s: %s\n", what, ss_error_last());
	abort();
}

static json_t *read_vex(const char *name, const void *data, size_t size, int *rc)
{
	ss_input in;
	json_t *st = NULL;

	if (ss_input_open_mem(&in, name, data, size, ss_vex_limits.bytes) < 0)
		fail("open");
	*rc = ss_vex_parse(&st, &in, NULL);
	ss_input_close(&in);
	if (*rc < 0 && *rc != SS_EPARSE && *rc != SS_ELIMIT && *rc != SS_ENOMEM)
		fail("an unexpected error");
	if ((*rc < 0) != (st == NULL))
		fail("statements and the result disagree");
	return st;
}

/* The statements as register records, one per vuln and product. */
static json_t *as_register(const json_t *st)
{
	json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:[], s:b}", "project", "fuzz", "document_id",
				"fuzz-1", "author", "fuzz", "time", "2026-01-01T00:00:00Z",
				"records", "include_undecided", 1);
	json_t *seen = json_object(), *r;
	size_t i;

	if (!doc || !seen)
		abort();
	json_array_foreach(st, i, r) {
		const char *state = ss_js(r, "state");
		json_t *an, *rec;

		if (!ss_js_or_null(r, "vuln") || !*ss_js(r, "vuln") ||
		    !ss_js_or_null(r, "product") || !*ss_js(r, "product") ||
		    (strcmp(state, "affected") && strcmp(state, "not_affected") &&
		     strcmp(state, "fixed") && strcmp(state, "under_investigation")))
			fail("a statement without vuln, product or a known state");
		{
			ss_buf k = SS_BUF_INIT(0);

			ss_buf_printf(&k, "%s\n%s", ss_js(r, "vuln"), ss_js(r, "product"));
			if (json_object_get(seen, k.ptr)) {
				ss_buf_release(&k);
				continue;
			}
			json_object_set_new(seen, k.ptr, json_true());
			ss_buf_release(&k);
		}
		an = json_pack("{s:s, s:s, s:s}", "state", state, "detail", ss_js(r, "detail"),
			       "time", "2026-01-01T00:00:00Z");
		if (ss_js_or_null(r, "justification"))
			json_object_set(an, "justification", json_object_get(r, "justification"));
		if (json_object_get(r, "response"))
			json_object_set(an, "response", json_object_get(r, "response"));
		rec = json_pack("{s:s, s:s, s:o, s:{s:s, s:s}}", "vuln", ss_js(r, "vuln"),
				"component", ss_js(r, "product"), "analysis", an, "decision",
				"verdict", "accept", "time", "2026-01-02T00:00:00Z");
		if (!rec || json_array_append_new(json_object_get(doc, "records"), rec) < 0)
			abort();
	}
	json_decref(seen);
	return doc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = {"cyclonedx", "openvex", "csaf"};
	json_t *st, *doc, *back;
	int rc;

	if (!(st = read_vex("fuzz", data, size, &rc)))
		return 0;
	doc = as_register(st);
	for (int f = 0; f < 3; f++) {
		ss_buf out = SS_BUF_INIT(0);

		if ((rc = ss_vex_export(&out, formats[f], doc)) < 0) {
			if (rc == SS_ENOMEM || rc == SS_ELIMIT)
				goto next;
			fail(formats[f]);
		}
		if (!(back = read_vex(formats[f], out.ptr, out.len, &rc))) {
			if (rc == SS_ELIMIT)
				goto next;
			fprintf(stderr, "%s\n", out.ptr);
			fail("an export does not read back");
		}
		if (json_array_size(back) != json_array_size(json_object_get(doc, "records")))
			fail("an export reads back to another number of statements");
		json_decref(back);
	next:
		ss_buf_release(&out);
	}
	json_decref(doc);
	json_decref(st);
	return 0;
}
