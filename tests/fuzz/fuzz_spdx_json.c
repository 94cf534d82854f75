/* Fuzz target: the SPDX JSON importer (src/formats/spdx.c, jsonstream.c). */
#include "fuzz_spdx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_spdx(ss_format_spdx_json, data, size);
	return 0;
}
