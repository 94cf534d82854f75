/* Fuzz target: the XML importers (src/formats/xml.c, xccdf.c, cwe.c): each
 * input goes through both. */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import("xccdf", "doc.xml", data, size);
	fuzz_import("cwe", "doc.xml", data, size);
	return 0;
}
