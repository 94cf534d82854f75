/* Shared by the importer targets: one scratch database per process. */
#ifndef SS_FUZZ_IMPORT_H
#define SS_FUZZ_IMPORT_H

#include <stdio.h>
#include <stdlib.h>

#include "secspec/secspec.h"
#include "fuzz.h"

static ss_store *fuzz_store(void)
{
	static ss_store *st;

	if (!st) {
		if (ss_store_open(&st, fuzz_path("import.db"), 1) < 0 || ss_store_init(st) < 0) {
			fprintf(stderr, "fuzz: cannot make the scratch database: %s\n",
				ss_error_last());
			abort();
		}
	}
	return st;
}

/* Import data as kind; any failure must be a clean error. */
static void fuzz_import(const char *kind, const char *name, const uint8_t *data, size_t size)
{
	const char *path = fuzz_path(name);
	json_t *res = NULL;
	int error;

	fuzz_write_file(path, data, size);
	error = ss_import(&res, fuzz_store(), kind, path, NULL);
	if (error < 0 && error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM &&
	    error != SS_ECONFLICT && error != SS_EIO) {
		fprintf(stderr, "fuzz_import %s: unexpected error %d: %s\n", kind, error,
			ss_error_last());
		abort();
	}
	if ((error == 0) != (res != NULL)) {
		fprintf(stderr, "fuzz_import %s: result and status disagree\n", kind);
		abort();
	}
	json_decref(res);
}

#endif
