/* Fuzz target: ss_secedit_parse and its lookups (src/formats/secedit.c). A
 * refusal is SS_EPARSE/SS_ELIMIT/SS_ENOMEM with a message and leaves the
 * output alone. In an accepted template every "name = value" line is found
 * by ss_secedit_get, every [Privilege Rights] line by ss_secedit_privilege
 * with non-empty accounts, and the [Version] signature is there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/winexport.h"
#include "util/util.h"
#include "fuzz.h"

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_secedit: %s: %s\n", what, detail);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ss_secedit *s = (ss_secedit *)&size;
	const char *v, *const *items;
	size_t i, n, k;
	int64_t x;
	int rc = ss_secedit_parse(&s, data, size, "fuzz.inf"), type;

	if (rc < 0) {
		if ((rc != SS_EPARSE && rc != SS_ELIMIT && rc != SS_ENOMEM) ||
		    s != (ss_secedit *)&size || !ss_error_last()[0])
			fail("refusal", ss_error_last());
		return 0;
	}
	if (ss_secedit_get(s, "Version", "signature", &v) < 0)
		fail("no signature", "");
	n = ss_secedit_count(s);
	for (i = 0; i < n; i++) {
		const ss_secedit_entry *e = ss_secedit_at(s, i);
		if (!e || !e->section || !e->name)
			fail("entry", "missing section or name");
		if (!e->value)
			continue;
		if (ss_secedit_get(s, e->section, e->name, &v) < 0 || !v)
			fail("setting not found", e->name);
		rc = ss_secedit_get_int(s, e->section, e->name, &x);
		if (rc < 0 && rc != SS_EPARSE)
			fail("get_int", ss_error_last());
		if (!ss__win_casecmp(e->section, "Privilege Rights")) {
			if (ss_secedit_privilege(s, e->name, &items, &k) < 0)
				fail("right not found", e->name);
			for (size_t j = 0; j < k; j++)
				if (!items[j] || !items[j][0])
					fail("empty account", e->name);
		}
	}
	rc = ss_secedit_regval(s, "HKLM\\System\\CurrentControlSet\\Control\\Lsa",
			       "LmCompatibilityLevel", &type, &v);
	if (rc < 0 && rc != SS_ENOTFOUND)
		fail("regval", ss_error_last());
	if (rc == 0 && (type < 1 || type > 7 || !v))
		fail("regval type", v ? v : "");
	ss_secedit_free(s);
	return 0;
}
