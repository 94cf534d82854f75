/* Fuzz target: the ASVS importer (src/formats/jsonstream.c, asvs.c). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import("asvs", data, size);
	return 0;
}
