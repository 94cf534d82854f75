/* Fuzz target: the NVD advisory importer (src/formats/nvd.c, advis.c). */
#include "fuzz_vuln.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_vuln(ss_format_nvd, &ss_nvd_limits, NULL, data, size);
	return 0;
}
