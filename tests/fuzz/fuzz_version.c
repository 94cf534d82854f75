/* Fuzz target: version order and range evaluation (src/formats/version.c,
 * version_range.c). The input: one byte choosing the ecosystem, then
 * "A\nB\nJSON": two versions compared both ways (antisymmetry, reflexivity,
 * agreement with ss_version_valid), and a ranges array compiled and asked
 * about A and B. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/version.h"
#include "util/util.h"
#include "fuzz.h"

static void check_pair(ss_ecosystem eco, const char *a, const char *b)
{
	int ab = 99, ba = 99, aa = 99;
	int e1 = ss_version_cmp(eco, a, b, &ab), e2 = ss_version_cmp(eco, b, a, &ba);

	if ((e1 == 0) != (e2 == 0)) {
		fprintf(stderr, "fuzz_version: cmp fails one way only\n");
		abort();
	}
	if (e1 == 0 && (ab != -ba || ab < -1 || ab > 1)) {
		fprintf(stderr,
			"fuzz_version: %s: cmp(\"%s\", \"%s\") = %d but the reverse is %d\n",
			ss_ecosystem_name(eco), a, b, ab, ba);
		abort();
	}
	if (e1 < 0 && e1 != SS_EPARSE && e1 != SS_ELIMIT) {
		fprintf(stderr, "fuzz_version: unexpected error %d\n", e1);
		abort();
	}
	if (ss_version_valid(eco, a) != (ss_version_cmp(eco, a, a, &aa) == 0) ||
	    (ss_version_valid(eco, a) && aa != 0)) {
		fprintf(stderr, "fuzz_version: \"%s\" valid and cmp disagree\n", a);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *a, *b, *js;
	ss_ecosystem eco;
	json_t *ranges;

	if (size < 1 || size > 16384)
		return 0;
	eco = (ss_ecosystem)(data[0] % SS_ECO_COUNT);
	if (!(buf = malloc(size)))
		abort();
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	a = buf;
	b = strchr(a, '\n');
	if (b)
		*b++ = '\0';
	else
		b = a;
	js = strchr(b, '\n');
	if (js)
		*js++ = '\0';
	check_pair(eco, a, b);
	if (js && (ranges = json_loads(js, JSON_REJECT_DUPLICATES, NULL))) {
		ss_vrange *r = NULL;
		char *note = NULL;
		int error = ss_vrange_compile(&r, eco, json_object_get(ranges, "ranges"),
					      json_object_get(ranges, "versions"), &note);

		if (error == 0) {
			const char *vs[2] = {a, b};

			for (int i = 0; i < 2; i++) {
				bool affected = false;
				int e = ss_vrange_affects(r, vs[i], &affected);

				if (e < 0 && e != SS_EPARSE && e != SS_ELIMIT) {
					fprintf(stderr, "fuzz_version: affects: error %d\n", e);
					abort();
				}
			}
			if (ss_vrange_unevaluated(r) && !note) {
				fprintf(stderr, "fuzz_version: a GIT range without a note\n");
				abort();
			}
		} else if (error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM) {
			fprintf(stderr, "fuzz_version: compile: error %d: %s\n", error,
				ss_error_last());
			abort();
		}
		free(note);
		ss_vrange_free(r);
		json_decref(ranges);
	}
	free(buf);
	return 0;
}
