/* Fuzz target: ss_auditpol_parse / ss_auditpol_get (src/formats/auditpol.c).
 * A refusal is SS_EPARSE/SS_ELIMIT/SS_ENOMEM with a message and leaves the
 * output alone. In an accepted backup every row with a GUID has a setting
 * from 0 to 3 and a lowercase 36-character GUID; a system-wide row is found
 * by its GUID and by its subcategory name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/winexport.h"
#include "util/util.h"
#include "fuzz.h"

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_auditpol: %s: %s\n", what, detail);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ss_auditpol *a = (ss_auditpol *)&size;
	const ss_auditpol_row *got;
	size_t i, n;
	int rc = ss_auditpol_parse(&a, data, size, "fuzz.csv");

	if (rc < 0) {
		if ((rc != SS_EPARSE && rc != SS_ELIMIT && rc != SS_ENOMEM) ||
		    a != (ss_auditpol *)&size || !ss_error_last()[0])
			fail("refusal", ss_error_last());
		return 0;
	}
	n = ss_auditpol_count(a);
	for (i = 0; i < n; i++) {
		const ss_auditpol_row *row = ss_auditpol_at(a, i);
		bool wide;
		if (!row || !row->machine || !row->target || !row->subcategory || !row->guid ||
		    !row->inclusion || !row->exclusion || !row->value)
			fail("row", "a missing field");
		wide = !row->target[0] || !ss__win_casecmp(row->target, "System");
		if (!row->guid[0]) {
			if (row->setting != -1)
				fail("setting without a GUID", row->subcategory);
			continue;
		}
		if (row->setting < 0 || row->setting > 3 || strlen(row->guid) != 36)
			fail("setting or GUID", row->guid);
		for (const char *g = row->guid; *g; g++)
			if (*g >= 'A' && *g <= 'Z')
				fail("GUID not lowercase", row->guid);
		rc = ss_auditpol_get(a, row->guid, &got);
		if (wide && (rc < 0 || strcmp(got->guid, row->guid)))
			fail("not found by GUID", row->guid);
		if (rc < 0 && rc != SS_ENOTFOUND)
			fail("lookup", ss_error_last());
		rc = ss_auditpol_get(a, row->subcategory, &got);
		if (rc < 0 && rc != SS_ENOTFOUND)
			fail("lookup by name", ss_error_last());
	}
	ss_auditpol_free(a);
	return 0;
}
