/* Fuzz target: XCCDF results and ARF reports (src/formats/xccdf_results.c,
 * xml.c), through the checking sink of fuzz_peer.h. */
#include "fuzz_peer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_peer f;

	fuzz_peer_init(&f);
	fuzz_peer_read(&f, ss_format_xccdf_results, &ss_peer_xml_limits, data, size);
	fuzz_peer_free(&f);
	return 0;
}
