/* Fuzz target: ss_cpe_parse / ss_cpe_format / ss_cpe_matches
 * (src/formats/cpe.c). The 2.3 form of an accepted name parses again to
 * the same text; the all-ANY name matches it unless it holds wildcards,
 * and it matches itself exactly when it holds none. */
#include "formats/cpe.h"
#include "fuzz_ids.h"

static bool wild(const ss_cpe *c)
{
	for (int i = 0; i < SS_CPE_NATTR; i++) {
		const char *v = c->a[i];
		if (!strcmp(v, "*"))
			continue;
		for (; *v; v++) {
			if (*v == '\\')
				v++;
			else if (*v == '*' || *v == '?')
				return true;
		}
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_ids_text(data, size, SS_CPE_MAX);
	ss_cpe c = {{0}}, d = {{0}}, any = {{0}};
	ss_buf a = SS_BUF_INIT(0), b = SS_BUF_INIT(0);
	int rc;

	if ((rc = ss_cpe_parse(&c, text)) < 0) {
		fuzz_ids_refusal("fuzz_cpe", rc, text);
		goto out;
	}
	if (ss_cpe_format(&a, &c) < 0)
		fuzz_ids_fail("fuzz_cpe", "format failed", text, ss_error_last());
	if (a.len <= SS_CPE_MAX) {
		if (ss_cpe_parse(&d, a.ptr) < 0)
			fuzz_ids_fail("fuzz_cpe", "2.3 form refused", a.ptr, ss_error_last());
		if (ss_cpe_format(&b, &d) < 0 || strcmp(a.ptr, b.ptr))
			fuzz_ids_fail("fuzz_cpe", "2.3 form not stable", a.ptr, b.ptr);
	}
	if (ss_cpe_parse(&any, "cpe:2.3:*:*:*:*:*:*:*:*:*:*:*") < 0)
		abort();
	if (ss_cpe_matches(&any, &c, false) == wild(&c))
		fuzz_ids_fail("fuzz_cpe", "ANY criteria vs this target", a.ptr, "");
	if (ss_cpe_matches(&c, &c, false) == wild(&c))
		fuzz_ids_fail("fuzz_cpe", "self match", a.ptr, "");
	(void)ss_cpe_matches(&c, &any, true);
out:
	ss_cpe_free(&c);
	ss_cpe_free(&d);
	ss_cpe_free(&any);
	ss_buf_release(&a);
	ss_buf_release(&b);
	free(text);
	return 0;
}
