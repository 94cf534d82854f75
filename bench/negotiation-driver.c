/*
 * The write cost of the negotiation's records as they grow: every write
 * folds the project's non-requirement events through the rule book before
 * it appends (src/core/write.c), and the negotiation's records are such
 * events, as are members, keys and milestones. N proposals are appended
 * one call each; after each, one advice call on a requirement of the same
 * project (any write pays the fold), and one on a second project BASE that
 * has no negotiation record (the baseline: the same write without the
 * records), all on one open store.
 *
 *   secspec-bench-negotiation DB PROJECT BASE N ITEM OUT
 *
 * OUT gets a line per round: "k<TAB>proposal_us<TAB>advice_us<TAB>base_us",
 * k the number of proposals recorded before the round.
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
	FILE *out;
	long n, k;
	int error;

	if (argc != 7 || (n = strtol(argv[4], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: %s DB PROJECT BASE N ITEM OUT\n", argv[0]);
		return 2;
	}
	if (!(out = fopen(argv[6], "w"))) {
		perror("secspec-bench-negotiation");
		return 2;
	}
	if ((error = ss_store_open(&st, argv[1], 0)) < 0) {
		fprintf(stderr, "secspec-bench-negotiation: %s\n", ss_error_last());
		return 2;
	}
	for (k = 0; k < n; k++) {
		char title[64], note[64];
		ss_proposal_input in = {
			.kind = "advice",
			.title = title,
			.text = "保守の窓口と手順を文書にまとめることを提案します。"};
		json_t *res = NULL;
		long long t0, t1, t2, t3;

		snprintf(title, sizeof(title), "提案 %ld", k + 1);
		snprintf(note, sizeof(note), "n%ld", k + 1);
		t0 = now_us();
		error = ss_proposal_add(&res, st, argv[2], &in, "sato");
		json_decref(res);
		res = NULL;
		t1 = now_us();
		if (error == 0)
			error = ss_advise(&res, st, argv[2], argv[5], NULL, note, "sato");
		t2 = now_us();
		json_decref(res);
		res = NULL;
		if (error == 0)
			error = ss_advise(&res, st, argv[3], argv[5], NULL, note, "sato");
		t3 = now_us();
		json_decref(res);
		if (error < 0) {
			fprintf(stderr, "secspec-bench-negotiation: call %ld: %s\n", k,
				ss_error_last());
			return 2;
		}
		fprintf(out, "%ld\t%lld\t%lld\t%lld\n", k, t1 - t0, t2 - t1, t3 - t2);
	}
	ss_store_free(st);
	return fclose(out) == 0 ? 0 : 2;
}
