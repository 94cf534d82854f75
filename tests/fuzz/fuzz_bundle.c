/*
 * Fuzz target: evidence bundles (src/formats/bundle.c, src/core/evidence.c).
 *
 * A bundle comes from whoever hands it over: its tar container, manifest,
 * event lines, signatures and documents are all hostile input. The verifier
 * must never crash, must return ok only with no problems, and must fail with
 * a clear code otherwise.
 */
#include <stdio.h>
#include <stdlib.h>

#include "secspec/secspec.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_path("bundle.tar");
	json_t *res = NULL;
	int error;

	/* a compressed input may expand; keep a run inside the fuzzer's memory */
	setenv("SECSPEC_BUNDLE_MAX_BYTES", "67108864", 0);
	fuzz_write_file(path, data, size);
	error = ss_evidence_verify(&res, path, NULL);
	if (error == 0 && (!res || !json_is_true(json_object_get(res, "ok")))) {
		fprintf(stderr, "fuzz_bundle: success without ok\n");
		abort();
	}
	if (error < 0 && error != SS_ECORRUPT && error != SS_EPARSE && error != SS_ELIMIT &&
	    error != SS_EIO && error != SS_ENOMEM) {
		fprintf(stderr, "fuzz_bundle: unexpected error %d: %s\n", error, ss_error_last());
		abort();
	}
	if (error < 0 && res && json_is_true(json_object_get(res, "ok"))) {
		fprintf(stderr, "fuzz_bundle: failure reported as ok\n");
		abort();
	}
	json_decref(res);
	return 0;
}
