/* Fuzz target: the JVN advisory importer (src/formats/jvn.c, advis.c). */
#include "fuzz_vuln.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_vuln(ss_format_jvn, &ss_jvn_limits, NULL, data, size);
	return 0;
}
