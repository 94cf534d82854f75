/* Fuzz target: the XCCDF importer (src/formats/xml.c, xccdf.c). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import("xccdf", data, size);
	return 0;
}
