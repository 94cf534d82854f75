/* Propose, sign, append: a person whose key is elsewhere signs the exact
 * bytes the writer proposes; the writer alone cannot make the change, a
 * moved log asks for a new signature, and what lands verifies like any
 * other signed change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"

static ss_key *suzuki_key(fixture *fx)
{
	char path[400];
	ss_key *k = NULL;

	snprintf(path, sizeof(path), "%s/suzuki.key", fx->dir);
	assert_ok(ss_key_generate(path, NULL));
	assert_ok(ss_key_load_private(&k, path, NULL));
	ss_store_set_signer(fx->st, k);
	assert_ok(ss_key_register(fx->st, "p", "suzuki", k));
	ss_store_set_signer(fx->st, NULL);
	return k;
}

/* The person's side: sign body i of p with k. */
static void sign(const ss_key *k, const ss_proposal *p, size_t i, char sig[129])
{
	size_t len;
	const char *body = ss_proposal_body(p, i, &len);

	assert_non_null(body);
	assert_ok(ss_key_sign(k, body, len, sig));
}

static const ss_decision_input implement = {.policy = "implement", .owner = "vendor"};

/* suzuki decides with q set on the store (one item, or the open items of
 * f); the call's status, its result dropped. */
static int decide_with(fixture *fx, ss_proposal *q, const char *item, const ss_filter *f,
		       const ss_decision_input *in)
{
	json_t *res = NULL;
	int rc;

	ss_store_set_proposal(fx->st, q);
	rc = ss_decide(&res, fx->st, "p", item, f, f != NULL, in, "suzuki");
	ss_store_set_proposal(fx->st, NULL);
	json_decref(res);
	return rc;
}

/* A proposal with its time and fingerprint (NULL: the only key) and one
 * signature (NULL: none), run through decide_with; freed after. Returns
 * the call's status; *pending whether it still waits for signatures. */
static int try_signed(fixture *fx, const char *fpr, const char *time, const char *sig,
		      const char *item, bool *pending)
{
	ss_proposal *q = NULL;
	int rc;

	assert_ok(ss_proposal_new(&q, fpr, time));
	if (sig)
		assert_ok(ss_proposal_add_signature(q, sig));
	rc = decide_with(fx, q, item, NULL, &implement);
	if (pending)
		*pending = ss_proposal_pending(q);
	ss_proposal_free(q);
	return rc;
}

static int64_t head(ss_store *st)
{
	json_t *p = NULL;
	int64_t n;

	assert_ok(ss_project_show(&p, st, "p"));
	n = json_integer_value(json_object_get(p, "head_seq"));
	json_decref(p);
	return n;
}

/* Pass 1: the change is checked and its bodies come back; nothing lands. */
static ss_proposal *propose(fixture *fx, const char *fpr, const char *time, const char *item)
{
	ss_proposal *p = NULL;
	int64_t before = head(fx->st);

	assert_ok(ss_proposal_new(&p, fpr, time));
	assert_ok(decide_with(fx, p, item, NULL, &implement));
	assert_true(ss_proposal_pending(p));
	assert_false(ss_proposal_conflict(p));
	assert_int_equal(head(fx->st), before);
	return p;
}

static void signed_elsewhere(void **state)
{
	fixture *fx = *state;
	ss_key *k;
	ss_proposal *p, *q = NULL;
	json_t *res = NULL;
	char sig[129];
	size_t len, i;
	int64_t before;

	fx_project(fx->st);
	k = suzuki_key(fx);
	/* the writer has no key: it cannot sign for suzuki */
	assert_int_equal(
		ss_decide(&res, fx->st, "p", "LNX-DM-001", NULL, false, &implement, "suzuki"),
		SS_EPERM);
	p = propose(fx, NULL, NULL, "LNX-DM-001");
	assert_string_equal(ss_proposal_fingerprint(p), ss_key_fingerprint(k));
	assert_int_equal(ss_proposal_count(p), 1);
	assert_non_null(strstr(ss_proposal_body(p, 0, &len), "\"decision.set\""));
	/* the person signs the bytes, the writer appends them */
	sign(k, p, 0, sig);
	assert_ok(ss_proposal_new(&q, ss_proposal_fingerprint(p), ss_proposal_time(p)));
	assert_ok(ss_proposal_add_signature(q, sig));
	before = head(fx->st);
	assert_ok(decide_with(fx, q, "LNX-DM-001", NULL, &implement));
	assert_false(ss_proposal_pending(q));
	assert_int_equal(head(fx->st), before + 1);
	ss_proposal_free(q);
	/* the log verifies, signature and all */
	assert_ok(ss_log_verify(&res, fx->st, "p"));
	assert_true(json_is_true(json_object_get(res, "ok")));
	json_decref(res);
	res = NULL;

	/* a bulk change: one body per item, signed in order */
	ss_proposal_free(p);
	{
		ss_filter f = {.section = "default", .platform = "linux"};
		size_t n;

		assert_ok(ss_proposal_new(&p, NULL, NULL));
		assert_ok(decide_with(fx, p, NULL, &f, &implement));
		n = ss_proposal_count(p);
		assert_true(n > 3);
		assert_ok(ss_proposal_new(&q, NULL, ss_proposal_time(p)));
		for (i = 0; i < n; i++) {
			sign(k, p, i, sig);
			assert_ok(ss_proposal_add_signature(q, sig));
		}
		before = head(fx->st);
		assert_ok(decide_with(fx, q, NULL, &f, &implement));
		assert_false(ss_proposal_pending(q));
		assert_int_equal(head(fx->st), before + (int64_t)n);
		ss_proposal_free(q);
		ss_proposal_free(p);
	}
	ss_key_free(k);
}

static void moved_log_and_bad_signatures(void **state)
{
	fixture *fx = *state;
	ss_key *k, *other = NULL;
	ss_proposal *p, *q = NULL;
	ss_decision_input bad = {.policy = "accept", .scenario = "x"};
	json_t *res = NULL;
	char sig[129], path[400];
	int64_t before;
	bool pending = false;

	fx_project(fx->st);
	k = suzuki_key(fx);
	p = propose(fx, ss_key_fingerprint(k), NULL, "LNX-DM-002");
	sign(k, p, 0, sig);
	/* another person's change comes first: the signed bytes no longer fit,
	 * and the new bytes come back to be signed */
	assert_ok(ss_advise(&res, fx->st, "p", "LNX-DM-003", NULL, "keep it", "sato"));
	json_decref(res);
	before = head(fx->st);
	assert_ok(ss_proposal_new(&q, ss_key_fingerprint(k), ss_proposal_time(p)));
	assert_ok(ss_proposal_add_signature(q, sig));
	assert_ok(decide_with(fx, q, "LNX-DM-002", NULL, &implement));
	assert_true(ss_proposal_conflict(q));
	assert_int_equal(head(fx->st), before);
	assert_string_not_equal(ss_proposal_body(q, 0, NULL), ss_proposal_body(p, 0, NULL));
	ss_proposal_free(q);
	ss_proposal_free(p);

	/* a signature by another key over the right bytes: nothing lands */
	snprintf(path, sizeof(path), "%s/other.key", fx->dir);
	assert_ok(ss_key_generate(path, NULL));
	assert_ok(ss_key_load_private(&other, path, NULL));
	p = propose(fx, ss_key_fingerprint(k), NULL, "LNX-DM-002");
	sign(other, p, 0, sig);
	assert_ok(try_signed(fx, ss_key_fingerprint(k), ss_proposal_time(p), sig, "LNX-DM-002",
			     &pending));
	assert_true(pending);
	assert_int_equal(head(fx->st), before);
	ss_proposal_free(p);

	/* a key not registered to the person cannot even be proposed for */
	assert_int_equal(try_signed(fx, ss_key_fingerprint(other), NULL, NULL, "LNX-DM-002", NULL),
			 SS_EPERM);
	/* the rules hold in the proposal pass too: a risk acceptance without
	 * its reason is refused before anyone signs */
	assert_ok(ss_proposal_new(&q, NULL, NULL));
	assert_true(decide_with(fx, q, "LNX-DM-002", NULL, &bad) < 0);
	assert_int_equal(ss_proposal_count(q), 0);
	ss_proposal_free(q);
	q = NULL;
	/* a proposal more than a day old, or from the future, is refused */
	assert_int_equal(try_signed(fx, NULL, "2020-01-01T00:00:00Z", NULL, "LNX-DM-002", NULL),
			 SS_ECONFLICT);
	assert_int_equal(try_signed(fx, NULL, "2099-01-01T00:00:00Z", NULL, "LNX-DM-002", NULL),
			 SS_ECONFLICT);
	assert_int_equal(head(fx->st), before);

	/* malformed input */
	assert_int_equal(ss_proposal_new(&q, "abc", NULL), SS_EINVAL);
	assert_int_equal(ss_proposal_new(&q, NULL, "yesterday"), SS_EINVAL);
	assert_ok(ss_proposal_new(&q, NULL, NULL));
	assert_int_equal(ss_proposal_add_signature(q, "00"), SS_EINVAL);
	ss_proposal_free(q);
	ss_key_free(other);
	ss_key_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(signed_elsewhere, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(moved_log_and_bad_signatures, fx_setup,
						fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
