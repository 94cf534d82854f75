/* Fuzz target: the CSAF advisory importer (src/formats/csaf.c, advis.c). */
#include "fuzz_advis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_vuln("csaf", ss_format_csaf, &ss_csaf_limits, data, size);
	return 0;
}
