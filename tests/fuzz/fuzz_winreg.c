/* Fuzz target: ss_winreg_parse / ss_winreg_get (src/formats/winreg.c). A
 * refusal is SS_EPARSE/SS_ELIMIT/SS_ENOMEM with a message and leaves the
 * output alone. An accepted file's keys are normalised (normalising again
 * changes nothing), every value's text is UTF-8, every lookup of an entry's
 * key and name answers 0 or SS_ENOTFOUND with an entry of that key and name,
 * and the last entry, when it is a value, is found as it is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/winexport.h"
#include "util/util.h"
#include "fuzz.h"

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_winreg: %s: %s\n", what, detail);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ss_winreg *r = (ss_winreg *)&size;
	const ss_winreg_entry *e, *got;
	size_t i, n;
	int rc = ss_winreg_parse(&r, data, size, "fuzz.reg");

	if (rc < 0) {
		if ((rc != SS_EPARSE && rc != SS_ELIMIT && rc != SS_ENOMEM) ||
		    r != (ss_winreg *)&size || !ss_error_last()[0])
			fail("refusal", ss_error_last());
		return 0;
	}
	n = ss_winreg_count(r);
	for (i = 0; i < n; i++) {
		char *k;
		e = ss_winreg_at(r, i);
		if (!e || !e->key || (e->op != SS_WINREG_DEL_KEY && !e->name))
			fail("entry", "missing key or name");
		if (!(k = malloc(strlen(e->key) + 1)) || ss_winreg_key_normalise(k, e->key) < 0 ||
		    strcmp(k, e->key))
			fail("key not normalised", e->key);
		free(k);
		if (e->op == SS_WINREG_VALUE &&
		    (!e->text || !ss_utf8_valid(e->text, strlen(e->text))))
			fail("value text", e->key);
		if (e->op == SS_WINREG_DEL_KEY)
			continue;
		rc = ss_winreg_get(r, e->key, e->name, &got);
		if (rc == 0) {
			if (got->op != SS_WINREG_VALUE || ss__win_casecmp(got->key, e->key) ||
			    ss__win_casecmp(got->name, e->name))
				fail("lookup answered another value", e->key);
		} else if (rc != SS_ENOTFOUND) {
			fail("lookup", ss_error_last());
		}
	}
	if (n && (e = ss_winreg_at(r, n - 1))->op == SS_WINREG_VALUE &&
	    (ss_winreg_get(r, e->key, e->name, &got) < 0 || got != e))
		fail("the last value is not found", e->key);
	if (ss_winreg_at(r, n))
		fail("entry past the end", "");
	ss_winreg_free(r);
	return 0;
}
