/* Fuzz target: the CWE importer (src/formats/xml.c, cwe.c). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import("cwe", data, size);
	return 0;
}
