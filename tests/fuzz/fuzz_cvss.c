/* Fuzz target: CVSS vectors (src/formats/cvss.c). An accepted vector has a
 * score from 0 to 10 with one decimal, the severity of that score, and the
 * same result when parsed again; a refused one is SS_EPARSE and leaves the
 * output alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/cvss.h"
#include "util/util.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char v[SS_CVSS_MAX + 64];
	ss_cvss a = {.major = -1}, b;
	long tenths;
	int error;

	if (size >= sizeof(v))
		size = sizeof(v) - 1;
	memcpy(v, data, size);
	v[size] = '\0';
	error = ss_cvss_parse(&a, v);
	if (error < 0) {
		if (error != SS_EPARSE || a.major != -1) {
			fprintf(stderr, "fuzz_cvss: error %d or output written: %s\n", error,
				ss_error_last());
			abort();
		}
		return 0;
	}
	tenths = (long)(a.base * 10 + 0.5);
	if (!(a.base >= 0 && a.base <= 10) || tenths / 10.0 != a.base ||
	    strcmp(a.severity, ss_cvss_severity(a.major, a.base)) != 0 ||
	    !(a.major == 2 || a.major == 3 || a.major == 4)) {
		fprintf(stderr, "fuzz_cvss: %s: %d.%d %.17g %s\n", v, a.major, a.minor, a.base,
			a.severity);
		abort();
	}
	if (ss_cvss_parse(&b, v) < 0 || b.base != a.base || b.major != a.major ||
	    b.minor != a.minor)
		abort();
	return 0;
}
