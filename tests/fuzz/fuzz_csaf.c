/* Fuzz target: the CSAF advisory importer (src/formats/csaf.c, advis.c). */
#include "fuzz_vuln.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_vuln(ss_format_csaf, &ss_csaf_limits, NULL, data, size);
	return 0;
}
