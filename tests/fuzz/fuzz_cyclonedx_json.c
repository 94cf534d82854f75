/* Fuzz target: the CycloneDX JSON importer (src/formats/cyclonedx.c,
 * jsonstream.c). */
#include "fuzz_sbom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_sbom(ss_format_cyclonedx_json, data, size);
	return 0;
}
