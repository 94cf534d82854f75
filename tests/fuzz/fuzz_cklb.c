/* Fuzz target: STIG Viewer 3 CKLB checklists (src/formats/cklb.c), through
 * the checking sink of fuzz_peer.h; then a round trip through the writer:
 * what was read (the first rules, one per rule id) is written as a CKLB,
 * which must be deterministic and read back to the same rules and
 * statuses. */
#include "fuzz_peer.h"

static const char *severity(const char *s)
{
	return s && (strcmp(s, "high") == 0 || strcmp(s, "medium") == 0 || strcmp(s, "low") == 0)
		       ? s
		       : "medium";
}

static void round_trip(const fuzz_peer *f)
{
	ss_cklb_rule rules[FUZZ_PEER_KEEP];
	ss_cklb_stig stig = {.stig_id = "FUZZ", .rules = rules};
	ss_cklb_doc doc = {.ns = "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
			   .title = "fuzz",
			   .stigs = &stig,
			   .n_stigs = 1};
	ss_buf a = SS_BUF_INIT(0), b = SS_BUF_INIT(0);
	fuzz_peer back;
	size_t n = 0;

	for (size_t i = 0; i < f->kept; i++) {
		const fuzz_peer_row *k = &f->rows[i];
		bool dup = false;

		for (size_t j = 0; j < n && !dup; j++)
			dup = strcmp(rules[j].rule_id, k->rule_id) == 0;
		if (dup)
			continue;
		rules[n++] = (ss_cklb_rule){.rule_id = k->rule_id,
					    .rule_version = k->version,
					    .group_id = k->group_id,
					    .title = k->title,
					    .severity = severity(k->severity),
					    .status = k->status,
					    .finding_details = k->details,
					    .comments = k->comments};
	}
	stig.n_rules = n;
	if (ss_cklb_write(&a, &doc) < 0 || ss_cklb_write(&b, &doc) < 0) {
		fprintf(stderr, "fuzz_cklb: the writer refused what the reader gave: %s\n",
			ss_error_last());
		abort();
	}
	if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0)
		abort();
	fuzz_peer_init(&back);
	if (fuzz_peer_read(&back, ss_format_cklb, &ss_cklb_limits, (const uint8_t *)a.ptr, a.len) <
		    0 ||
	    back.kept != n) {
		fprintf(stderr, "fuzz_cklb: the written checklist does not read back: %s\n",
			ss_error_last());
		abort();
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(back.rows[i].rule_id, rules[i].rule_id) != 0 ||
		    back.rows[i].status != rules[i].status)
			abort();
	fuzz_peer_free(&back);
	ss_buf_release(&a);
	ss_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_peer f;

	fuzz_peer_init(&f);
	if (fuzz_peer_read(&f, ss_format_cklb, &ss_cklb_limits, data, size) == 0)
		round_trip(&f);
	fuzz_peer_free(&f);
	return 0;
}
