/* Fuzz target: the SPDX tag-value importer (src/formats/spdx.c). */
#include "fuzz_spdx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_spdx(ss_format_spdx_tv, data, size);
	return 0;
}
