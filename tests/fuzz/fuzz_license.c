/* Fuzz target: ss_license_parse (src/formats/license.c). The normalised
 * expression of an accepted one parses again to the same text and the same
 * id lists. */
#include "formats/license.h"
#include "fuzz_ids.h"

static bool same(char **a, size_t na, char **b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_ids_text(data, size, SS_LICENSE_MAX);
	ss_license l = {0}, m = {0};
	int rc;

	if ((rc = ss_license_parse(&l, text)) < 0) {
		fuzz_ids_refusal("fuzz_license", rc, text);
		goto out;
	}
	if (strlen(l.expr) > SS_LICENSE_MAX)
		goto out; /* added parentheses can pass the cap */
	if (ss_license_parse(&m, l.expr) < 0)
		fuzz_ids_fail("fuzz_license", "normalised expression refused", l.expr,
			      ss_error_last());
	if (strcmp(l.expr, m.expr))
		fuzz_ids_fail("fuzz_license", "normalised expression not stable", l.expr, m.expr);
	if (!same(l.ids, l.n_ids, m.ids, m.n_ids) ||
	    !same(l.exceptions, l.n_exceptions, m.exceptions, m.n_exceptions) ||
	    !same(l.unknown, l.n_unknown, m.unknown, m.n_unknown) || l.deprecated != m.deprecated)
		fuzz_ids_fail("fuzz_license", "id lists differ", l.expr, m.expr);
out:
	ss_license_free(&l);
	ss_license_free(&m);
	free(text);
	return 0;
}
