/* Fuzz target: the EPSS importer (src/formats/epss.c). */
#include "fuzz_vuln.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_vuln(ss_format_epss, &ss_epss_limits, "score", data, size);
	return 0;
}
