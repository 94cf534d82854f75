/*
 * The appends of bench/ledger.sh in one process: the same bulk advise calls,
 * with the same filters and notes, through libsecspec's public API on one
 * open store, so that process start-up and the checkpoint SQLite makes when
 * the last connection closes are not counted as appending.
 *
 *   secspec-bench-append DB PROJECT PLAN OUT
 *
 * PLAN has a line per call: "k<TAB>filter", the filter as the command line
 * gives it (--section S [--platform P] [--category C], or an item id); the
 * note is "n<k>", the person sato, as in ledger.sh. OUT gets a line per call:
 * "k<TAB>events<TAB>microseconds".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "secspec/secspec.h"

static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	ss_store *st = NULL;
	FILE *plan, *out;
	char line[1024];
	int error;

	if (argc != 5) {
		fprintf(stderr, "usage: %s DB PROJECT PLAN OUT\n", argv[0]);
		return 2;
	}
	if (!(plan = fopen(argv[3], "r")) || !(out = fopen(argv[4], "w"))) {
		perror("secspec-bench-append");
		return 2;
	}
	if ((error = ss_store_open(&st, argv[1], 0)) < 0) {
		fprintf(stderr, "secspec-bench-append: %s\n", ss_error_last());
		return 2;
	}
	while (fgets(line, sizeof(line), plan)) {
		ss_filter f = {0};
		const char *item = NULL;
		char note[32], *k, *w, *save = NULL;
		json_t *res = NULL;
		long long t0, t1;

		line[strcspn(line, "\n")] = '\0';
		k = strtok_r(line, "\t", &save);
		if (!k)
			continue;
		while ((w = strtok_r(NULL, " \t", &save))) {
			const char **to = strcmp(w, "--section") == 0    ? &f.section
					  : strcmp(w, "--platform") == 0 ? &f.platform
					  : strcmp(w, "--category") == 0 ? &f.category
									 : NULL;

			if (!to)
				item = w;
			else if (!(*to = strtok_r(NULL, " \t", &save)))
				break;
		}
		snprintf(note, sizeof(note), "n%s", k);
		t0 = now_us();
		error = ss_advise(&res, st, argv[2], item, item ? NULL : &f, note, "sato");
		t1 = now_us();
		if (error < 0) {
			fprintf(stderr, "secspec-bench-append: call %s: %s\n", k, ss_error_last());
			return 2;
		}
		fprintf(out, "%s\t%lld\t%lld\n", k,
			(long long)json_integer_value(json_object_get(res, "changed")), t1 - t0);
		json_decref(res);
	}
	ss_store_free(st);
	fclose(plan);
	return fclose(out) == 0 ? 0 : 2;
}
