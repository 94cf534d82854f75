/* Fuzz target: the KEV importer (src/formats/jsonstream.c, kev.c). */
#include "fuzz_vuln.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_vuln(ss_format_kev, &ss_kev_limits, "vulnerability", data, size);
	return 0;
}
