/* Fuzz target: STIG Viewer CKL checklists (src/formats/ckl.c, xml.c),
 * through the checking sink of fuzz_peer.h. */
#include "fuzz_peer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_peer f;

	fuzz_peer_init(&f);
	fuzz_peer_read(&f, ss_format_ckl, &ss_peer_xml_limits, data, size);
	fuzz_peer_free(&f);
	return 0;
}
