/*
 * Fuzz target: ss_catalog_validate (src/core/catalog.c).
 *
 * A scratch directory holds a fixed, valid catalog.yaml (catalog_index.yaml
 * beside this file: the built-in index listing only items.yaml) and the
 * input as items.yaml, so that every field check of an item runs on hostile
 * input. Validation must end in 0 or SS_EPARSE with a result whose problem
 * list is empty exactly when it returned 0.
 */
#include <stdio.h>
#include <stdlib.h>

#include "secspec/catalog.h"
#include "secspec/common.h"
#include "util/util.h"
#include "fuzz.h"

#ifndef FUZZ_CATALOG_INDEX
#error "FUZZ_CATALOG_INDEX must name the fixed catalog.yaml"
#endif

static void fail(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz_catalog: %s: %s\n", what, msg);
	abort();
}

static int validate(json_t **out)
{
	const json_t *problems;
	int error;

	*out = NULL;
	error = ss_catalog_validate(out, fuzz_dir());
	if (error != 0 && error != SS_EPARSE)
		fail(ss_error_name(error), ss_error_last());
	problems = json_object_get(*out, "problems");
	if (!json_is_array(problems))
		fail("result", "no problems list");
	if ((error == 0) != (json_array_size(problems) == 0))
		fail("result", "return code disagrees with the problems list");
	return error;
}

static void setup(void)
{
	static const char empty[] = "items: []\n";
	ss_buf index = SS_BUF_INIT((size_t)1 << 20);
	json_t *res = NULL;

	if (ss_file_read(&index, FUZZ_CATALOG_INDEX, index.max) < 0)
		fail("reading the fixed index", ss_error_last());
	fuzz_write_file(fuzz_path("catalog.yaml"), index.ptr, index.len);
	ss_buf_release(&index);
	fuzz_write_file(fuzz_path("items.yaml"), empty, sizeof(empty) - 1);
	if (validate(&res) != 0)
		fail("the fixed index is not valid", ss_error_last());
	json_decref(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	json_t *res = NULL;

	if (!ready) {
		setup();
		ready = 1;
	}
	fuzz_write_file(fuzz_path("items.yaml"), data, size);
	validate(&res);
	json_decref(res);
	return 0;
}
