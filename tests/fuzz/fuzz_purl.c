/* Fuzz target: ss_purl_parse / ss_purl_format (src/formats/purl.c). The
 * canonical form of an accepted purl parses again to the same canonical
 * form, and the package identity is its prefix. */
#include "formats/purl.h"
#include "fuzz_ids.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_ids_text(data, size, SS_PURL_MAX);
	ss_purl p = {0}, q = {0};
	ss_buf a = SS_BUF_INIT(0), b = SS_BUF_INIT(0), id = SS_BUF_INIT(0);
	int rc;

	if ((rc = ss_purl_parse(&p, text)) < 0) {
		fuzz_ids_refusal("fuzz_purl", rc, text);
		goto out;
	}
	if (ss_purl_format(&a, &p, true) < 0 || ss_purl_format(&id, &p, false) < 0)
		fuzz_ids_fail("fuzz_purl", "format failed", text, ss_error_last());
	if (strncmp(a.ptr, id.ptr, id.len))
		fuzz_ids_fail("fuzz_purl", "identity is not a prefix", a.ptr, id.ptr);
	/* a canonical form past the cap cannot be parsed again: fine */
	if (a.len <= SS_PURL_MAX) {
		if (ss_purl_parse(&q, a.ptr) < 0)
			fuzz_ids_fail("fuzz_purl", "canonical form refused", a.ptr,
				      ss_error_last());
		if (ss_purl_format(&b, &q, true) < 0 || strcmp(a.ptr, b.ptr))
			fuzz_ids_fail("fuzz_purl", "canonical form not stable", a.ptr, b.ptr);
	}
out:
	ss_purl_free(&p);
	ss_purl_free(&q);
	ss_buf_release(&a);
	ss_buf_release(&b);
	ss_buf_release(&id);
	free(text);
	return 0;
}
