/* Fuzz target: the CycloneDX XML importer (src/formats/cyclonedx_xml.c,
 * xml.c). */
#include "fuzz_sbom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_sbom(ss_format_cyclonedx_xml, data, size);
	return 0;
}
