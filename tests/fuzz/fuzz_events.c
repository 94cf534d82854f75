/*
 * Fuzz target: the offline event checker (src/ledger/check.c and the rule
 * book it folds every event through).
 *
 * The input is a log as a bundle carries it: event lines separated by '\n',
 * optionally followed by a line "--" and signature lines "SEQ HEX". Every
 * line reaches ss_checker_add as the next event. The checker must never
 * crash, must say ok only when it recorded no problem, and its report must
 * count exactly the events it was fed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/check.h"
#include "fuzz.h"

#define SIGS_MAX 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl, *split = NULL;
	struct {
		long long seq;
		char hex[129];
	} sigs[SIGS_MAX];
	size_t nsigs = 0, i;
	ss_checker *c = ss_checker_new("demo");
	json_t *report;
	int64_t seq = 0;

	if (!c)
		return 0;
	/* signatures after a "--" line */
	for (nl = p; nl < end; nl++) {
		if ((nl == p || nl[-1] == '\n') && end - nl >= 3 && memcmp(nl, "--\n", 3) == 0) {
			split = nl;
			break;
		}
	}
	if (split) {
		const char *s = split + 3;

		while (s < end && nsigs < SIGS_MAX) {
			const char *e = memchr(s, '\n', (size_t)(end - s));
			char line[160];
			size_t n;

			if (!e)
				e = end;
			n = (size_t)(e - s) < sizeof(line) - 1 ? (size_t)(e - s) : sizeof(line) - 1;
			memcpy(line, s, n);
			line[n] = '\0';
			if (sscanf(line, "%lld %128s", &sigs[nsigs].seq, sigs[nsigs].hex) == 2)
				nsigs++;
			s = e + 1;
		}
		end = split;
	}
	while (p < end) {
		const char *sig = NULL;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		seq++;
		for (i = 0; i < nsigs; i++)
			if (sigs[i].seq == seq)
				sig = sigs[i].hex;
		ss_checker_add(c, seq, p, (size_t)(nl - p), NULL, sig, NULL);
		p = nl + 1;
	}
	report = ss_checker_report(c);
	if (report) {
		if (json_integer_value(json_object_get(report, "events")) != seq) {
			fprintf(stderr, "fuzz_events: fed %lld events, the report says %lld\n",
				(long long)seq,
				(long long)json_integer_value(json_object_get(report, "events")));
			abort();
		}
		if (json_is_true(json_object_get(report, "ok")) &&
		    json_array_size(json_object_get(report, "problems")) > 0) {
			fprintf(stderr, "fuzz_events: ok with problems\n");
			abort();
		}
	}
	if (ss_checker_ok(c) && json_array_size(ss_checker_problems(c)) > 0) {
		fprintf(stderr, "fuzz_events: ok with problems\n");
		abort();
	}
	json_decref(report);
	ss_checker_free(c);
	return 0;
}
