/* Fuzz target: the JVN advisory importer (src/formats/jvn.c, advis.c). */
#include "fuzz_advis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_vuln("jvn", ss_format_jvn, &ss_jvn_limits, data, size);
	return 0;
}
