/* Fuzz target: the ATT&CK STIX importer (src/formats/jsonstream.c, attack.c). */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import("attack", data, size);
	return 0;
}
